"""Screen text of data management: import, edit, backups, exports, reported projects and store upgrades."""

TEXTS: dict[str, dict[str, str]] = {
    # --- data management ---
    "data.title": {"ko": "데이터 관리", "en": "Data management"},
    "data.caption": {
        "ko": "직원용: 스마트서비스 수정, 파일 가져오기, 백업, 내보내기. 모든 변경은 이력에 남습니다.",
        "en": "For staff: edit smart services, import files, back up, export. Every change is kept in the history.",
    },
    "data.tab.edit": {"ko": "서비스 수정", "en": "Edit a service"},
    "data.tab.import": {"ko": "가져오기", "en": "Import"},
    "data.tab.backup": {"ko": "백업·복원", "en": "Backups"},
    "data.tab.export": {"ko": "내보내기", "en": "Export"},
    "data.store": {"ko": "저장소: {where}", "en": "Store: {where}"},
    # content: the kind of store, not its server path or database address.
    "data.store.geopackage": {"ko": "서버의 GeoPackage 파일", "en": "a GeoPackage file on the server"},
    "data.store.postgis": {"ko": "PostgreSQL/PostGIS 데이터베이스", "en": "a PostgreSQL/PostGIS database"},
    "auth.title": {"ko": "직원 로그인", "en": "Staff sign-in"},
    "auth.hint": {
        "ko": "데이터 관리는 로그인한 직원만 쓸 수 있습니다. 30분 동안 사용하지 않으면 자동으로 로그아웃됩니다.",
        "en": "Data management is for signed-in staff. You are signed out after 30 minutes without activity.",
    },
    "auth.username": {"ko": "사용자 이름", "en": "Username"},
    "auth.password": {"ko": "비밀번호", "en": "Password"},
    "auth.submit": {"ko": "로그인", "en": "Sign in"},
    "auth.sign_out": {"ko": "로그아웃", "en": "Sign out"},
    "auth.signed_in_as": {"ko": "로그인: {name}", "en": "Signed in: {name}"},
    "auth.signed_out": {"ko": "로그아웃했습니다.", "en": "You are signed out."},
    "auth.expired": {
        "ko": "30분 동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하세요.",
        "en": "You were signed out after 30 minutes without activity. Please sign in again.",
    },
    "auth.timeout_note": {
        "ko": "{minutes}분 동안 사용하지 않으면 로그아웃됩니다",
        "en": "Signed out after {minutes} min without activity",
    },
    # Reliability (store branch): sign-in lockout per client, page guard, sign-in for every staff page.
    "error.store": {"ko": "저장소를 사용할 수 없습니다", "en": "The data store cannot be used"},
    "error.unexpected.title": {"ko": "이 화면을 보여 드리지 못했습니다", "en": "This screen could not be shown"},
    "link.ignored": {
        "ko": "링크의 일부를 쓰지 않고 그 부분은 기본값으로 열었습니다:",
        "en": "Parts of this link were not used; the page opened with its defaults for them:",
    },
    # Why a part of a link was not used (geo.links): "name=value: <reason>".
    "link.reason.unknown_parameter": {
        "ko": "이 화면에서 쓰지 않는 항목이라 무시했습니다",
        "en": "not used on this page, ignored",
    },
    "link.reason.language": {
        "ko": "언어는 ko 또는 en이어야 합니다 (한국어로 엽니다)",
        "en": "language must be ko or en",
    },
    "link.reason.years": {
        "ko": "연도는 {low}~{high} 사이의 숫자 두 개여야 합니다 (예: 2024-2027). 모든 연도를 보입니다",
        "en": "years must be two numbers from {low} to {high} (e.g. 2024-2027); showing all years",
    },
    "link.reason.unknown_value": {
        "ko": "알 수 없는 값이라 무시했습니다 (허용: {allowed})",
        "en": "unknown value, ignored (allowed: {allowed})",
    },
    "link.reason.text": {
        "ko": "검색어의 제어 문자와 {length}자를 넘는 부분은 뺐습니다",
        "en": "control characters and text beyond {length} characters were left out",
    },
    "link.reason.view": {
        "ko": "지도 위치는 위도,경도,확대 수준이어야 합니다 (예: 37.32,126.83,13). 기본 위치로 엽니다",
        "en": "the map view must be lat,lon,zoom (e.g. 37.32,126.83,13); opening the default view",
    },
    "link.reason.selection": {
        "ko": "선택한 서비스나 대상지가 없습니다 (지워졌거나 링크가 잘렸습니다)",
        "en": "no such service or area (removed, or the link was cut)",
    },
    "link.reason.area": {"ko": "알 수 없는 대상지라 첫 대상지를 보입니다", "en": "unknown area; showing the first one"},
    "link.reason.day": {
        "ko": "날짜(YYYY-MM-DD)로 읽을 수 없어 오늘을 보입니다",
        "en": "not a date (YYYY-MM-DD); showing today",
    },
    "link.reason.flag": {"ko": "1 또는 0이어야 합니다", "en": "must be 1 or 0"},
    "download.failed": {
        "ko": "이 파일을 만들지 못했습니다. 잠시 후 다시 받아 보세요. 계속되면 관리자에게 사건 번호 {incident}를 "
        "알려 주세요.",
        "en": "This file could not be made. Try the download again shortly. If it keeps happening, give the "
        "administrator incident number {incident}.",
    },
    "error.unexpected.body": {
        "ko": "예상하지 못한 문제가 생겼습니다. 새로고침하거나 잠시 후 다시 시도하세요. "
        "계속되면 관리자에게 사건 번호 {incident}를 알려 주세요.",
        "en": "Something unexpected went wrong. Reload the page or try again shortly. "
        "If it keeps happening, give the administrator incident number {incident}.",
    },
    "auth.signin_required": {
        "ko": "이 대시보드는 직원 로그인 후에 볼 수 있습니다.",
        "en": "This dashboard is for signed-in staff.",
    },
    # The sign-in page is seen before anyone signs in: it names no server file (the log does).
    "auth.no_accounts": {
        "ko": "직원 계정이 없습니다. 서버 관리자가 서버에서 python -m geo add-user 사용자이름 으로 계정을 만드세요.",
        "en": "There are no staff accounts. A server administrator creates one with python -m geo add-user NAME.",
    },
    "auth.accounts_unreadable": {
        "ko": "직원 계정 파일을 읽을 수 없어 로그인할 수 없습니다. 서버 관리자에게 알려 주세요 (사유는 서버 기록에 있습니다).",
        "en": "The staff account file cannot be read, so no one can sign in. Tell the server administrator "
        "(the reason is in the server log).",
    },
    "data.edit.pick": {"ko": "서비스 선택", "en": "Service"},
    "data.edit.search": {"ko": "서비스명이나 ID로 찾기", "en": "Find by name or id"},
    "data.edit.search_hint": {"ko": "예: 횡단보도, SVC-012", "en": "e.g. crosswalk, SVC-012"},
    "data.edit.placeholder": {"ko": "서비스를 고르세요", "en": "Choose a service"},
    "data.edit.none_found": {"ko": "찾는 서비스가 없습니다.", "en": "No service matches."},
    "data.edit.current": {"ko": "현재 값", "en": "Current values"},
    "data.edit.version": {"ko": "버전 {version}", "en": "Version {version}"},
    "data.edit.last_change": {"ko": "마지막 수정: {who}, {when}", "en": "Last edited by {who}, {when}"},
    "data.edit.form": {"ko": "변경할 값", "en": "New values"},
    "data.edit.reason": {"ko": "변경 사유 (필수)", "en": "Reason (required)"},
    "data.edit.reason_hint": {"ko": "예: 실시설계 착수 (2026-03 계약)", "en": "e.g. detailed design started"},
    "data.edit.save": {"ko": "저장", "en": "Save"},
    "data.edit.saved": {
        "ko": "저장했습니다: {name} (버전 {version}). 모든 화면에 바로 반영됩니다.",
        "en": "Saved: {name} (version {version}). Every screen shows it now.",
    },
    "data.edit.no_change": {
        "ko": "바뀐 값이 없습니다. 저장할 내용이 없습니다.",
        "en": "Nothing changed: nothing to save.",
    },
    "data.edit.need_reason": {
        "ko": "변경 사유를 입력하세요: 이력에 남습니다.",
        "en": "Enter a reason: it is kept in the history.",
    },
    "data.edit.conflict": {
        "ko": "서비스 '{service_id}'은(는) 불러온 뒤에 {who}이(가){when} 먼저 변경했습니다 "
        "(불러온 버전 {read}, 현재 버전 {current}). 이번 변경은 저장하지 않았습니다.",
        "en": "'{service_id}' was changed by {who}{when} after you loaded it (your version {read}, now "
        "{current}). Your change was not saved.",
    },
    "data.layer.boundaries": {"ko": "행정 경계", "en": "Administrative boundaries"},
    "data.edit.conflict_title": {"ko": "다른 사람이 먼저 수정했습니다", "en": "Someone else changed it first"},
    "data.edit.latest": {"ko": "지금 저장된 값", "en": "Values stored now"},
    "data.edit.reapply": {"ko": "내 입력을 최신 버전에 다시 적용", "en": "Re-apply my input to the latest version"},
    "data.edit.discard": {"ko": "내 입력 버리고 최신 값 불러오기", "en": "Discard my input, load the latest"},
    "data.edit.reapply_note": {
        "ko": "입력한 값은 그대로 두었습니다. 최신 값과 비교한 뒤 다시 저장하세요.",
        "en": "Your input is kept. Compare it with the latest values, then save again.",
    },
    "data.edit.history": {"ko": "이 서비스의 변경 이력", "en": "Change history of this service"},
    "data.edit.no_history": {"ko": "아직 변경 이력이 없습니다.", "en": "No changes yet."},
    "data.field.start_year": {"ko": "시작 연도", "en": "Start year"},
    "data.field.end_year": {"ko": "종료 연도", "en": "End year"},
    "data.field.budget": {"ko": "사업비(억원)", "en": "Budget (KRW 100 m)"},
    "data.history.when": {"ko": "변경 일시", "en": "When"},
    "data.history.field": {"ko": "항목", "en": "Field"},
    "data.history.old": {"ko": "이전 값", "en": "Old value"},
    "data.history.new": {"ko": "새 값", "en": "New value"},
    "data.history.source": {"ko": "구분", "en": "Source"},
    "data.source.seed": {"ko": "초기 데이터", "en": "Initial data"},
    "data.source.edit": {"ko": "직접 수정", "en": "Edited"},
    "data.source.import": {"ko": "파일 가져오기", "en": "Imported"},
    "data.import.layer": {"ko": "가져올 레이어", "en": "Layer"},
    "data.import.file": {
        "ko": "파일 (GeoJSON, GeoPackage, Shapefile zip, CSV, XLSX)",
        "en": "File (GeoJSON, GeoPackage, zipped Shapefile, CSV, XLSX)",
    },
    "data.import.file_help": {
        "ko": "Shapefile은 .shp·.shx·.dbf·.prj를 함께 zip으로 압축하세요. 좌표계(EPSG:5186·5179·5174·2097)와 "
        "CP949 인코딩은 자동으로 변환합니다. 한도 {limit}.",
        "en": "Zip a Shapefile with its .shp, .shx, .dbf and .prj. CRS (EPSG:5186, 5179, 5174, 2097) and CP949 "
        "are converted automatically. Limit {limit}.",
    },
    "data.import.crs": {
        "ko": "좌표계 (.prj가 없거나 틀릴 때, CSV의 X/Y 열)",
        "en": "CRS (when the .prj is missing or wrong; X/Y columns of a CSV)",
    },
    "data.import.crs_none": {"ko": "자동 (.prj, 없으면 좌표 범위로 추정)", "en": "Automatic (.prj, else guessed)"},
    "data.import.preview": {"ko": "미리보기", "en": "Preview"},
    "data.import.preview_note": {
        "ko": "아직 아무것도 저장하지 않았습니다. 아래 내용을 확인하고 저장을 누르세요.",
        "en": "Nothing is saved yet. Check below, then confirm.",
    },
    "data.import.count": {"ko": "{unit} 수", "en": "Features"},
    "data.import.crs_read": {"ko": "원본 좌표계", "en": "Source CRS"},
    "data.import.encoding": {"ko": "문자 인코딩", "en": "Encoding"},
    "data.import.in_store": {"ko": "이미 있는 ID", "en": "Ids already stored"},
    "data.import.notes": {"ko": "변환·수리 내용", "en": "What was converted or repaired"},
    "data.import.problems": {
        "ko": "문제 {count}개: 고친 파일을 다시 올리세요. 이 상태로는 저장할 수 없습니다.",
        "en": "{count} problems: fix the file and upload it again. It cannot be saved like this.",
    },
    "data.import.ok": {"ko": "검증 통과: 문제 없음", "en": "Valid: no problems"},
    "data.import.preview_layer": {"ko": "가져올 도형", "en": "Features to import"},
    "data.import.mode": {"ko": "저장 방식", "en": "Mode"},
    "data.import.mode_replace": {"ko": "교체: 레이어 전체를 이 파일로 바꿈", "en": "Replace the whole layer"},
    "data.import.mode_append": {"ko": "추가: 새 ID만 더함", "en": "Append new ids only"},
    "data.import.confirm": {"ko": "확인하고 저장", "en": "Confirm and save"},
    "data.import.saved": {
        "ko": "저장했습니다: {layer} {rows}개 (삭제 {removed}개, 변경 이력 {history}건). 자동 백업: {backup}",
        "en": "Saved: {layer} {rows} rows ({removed} removed, {history} history rows). Backup first: {backup}",
    },
    "data.import.wait": {"ko": "파일을 검사하는 중…", "en": "Checking the file…"},
    # importer: column mapping choices, encoding, problem lists, reference layers (importer branch)
    "data.layer.reference": {"ko": "참고 레이어 (공공데이터 점)", "en": "Reference layer (public points)"},
    "data.import.encoding_choice": {"ko": "문자 인코딩", "en": "Text encoding"},
    "data.import.encoding_auto": {"ko": "자동 판별", "en": "Detect"},
    "data.import.mapping_title": {"ko": "열 매핑: 파일의 어느 열이 어느 항목인지", "en": "Column mapping"},
    "data.import.mapping_note": {
        "ko": "자동으로 찾은 매핑입니다. 다르면 고르세요. 필수 항목은 *표. 명령줄로 같은 매핑:",
        "en": "The mapping found automatically; change any choice. Required fields are marked *. Same on the command line:",
    },
    "data.import.mapping_auto": {"ko": "(자동 / 없음)", "en": "(automatic / none)"},
    "data.import.mapping_how": {"ko": "찾은 방법: {how}", "en": "Found: {how}"},
    # How a file column was mapped (geo.importer.mapping: mapping_how), in the preview's summary and help.
    "import.how.name": {"ko": "열 이름으로", "en": "by its name"},
    "import.how.content": {"ko": "내용으로", "en": "by its content"},
    "import.how.given": {"ko": "지정", "en": "as given"},
    "import.how.remembered": {"ko": "이전 가져오기", "en": "as in the last import"},
    "import.how.same_name": {"ko": "같은 이름", "en": "same name"},
    "import.column_placeholder": {"ko": "열이름", "en": "COLUMN"},
    "data.import.defaults": {"ko": "파일에 없어 채운 값", "en": "Filled in (not in the file)"},
    "data.import.default_column": {"ko": "항목", "en": "Field"},
    "data.import.default_value": {"ko": "값", "en": "Value"},
    "data.import.crs_guessed": {
        "ko": "좌표계를 좌표 범위로 추정했습니다: 지도에서 위치를 확인하고, 다르면 위에서 좌표계를 고르세요.",
        "en": "The CRS was guessed from the coordinates: check the map and choose the CRS above if it is wrong.",
    },
    "data.import.p_file": {"ko": "파일", "en": "File"},
    "data.import.p_where": {"ko": "위치(행/피처)", "en": "Row/feature"},
    "data.import.p_field": {"ko": "항목", "en": "Field"},
    "data.import.p_message": {"ko": "문제", "en": "Problem"},
    "data.import.p_kind": {"ko": "종류", "en": "Kind"},
    "data.import.p_count": {"ko": "개수", "en": "Count"},
    "data.import.p_shown": {
        "ko": "문제 {total:,}개 중 처음 {shown:,}개 (아래는 종류별 개수)",
        "en": "First {shown:,} of {total:,} problems (counts by kind below)",
    },
    "data.import.title": {"ko": "레이어 제목 (같은 제목이면 교체)", "en": "Layer title (same title replaces)"},
    "data.import.title_needed": {"ko": "레이어 제목을 적으세요.", "en": "Enter the layer's title."},
    "data.import.title_en": {"ko": "영문 제목 (선택)", "en": "English title (optional)"},
    "data.import.licence": {"ko": "이용 조건 (선택)", "en": "Licence (optional)"},
    "data.import.licence_help": {
        "ko": "제공기관이 밝힌 이용 조건, 예: 공공누리 제1유형. 비워 두면 '원본 자료의 이용 조건을 따름'으로 적습니다.",
        "en": "The licence the provider states, e.g. KOGL Type 1. Left empty, the layer says it follows the source's terms.",
    },
    "data.import.points": {"ko": "가져올 점", "en": "Points to import"},
    "data.import.refused": {"ko": "제외한 행", "en": "Rows left out"},
    "data.import.first_rows": {"ko": "처음 {count}행", "en": "First {count} rows"},
    # content: what a replace removes, said plainly with the count before the confirm button.
    "data.import.replaces": {
        "ko": "저장하면 같은 제목의 참고 레이어를 교체합니다: 저장된 점 {stored:,}개를 모두 지우고 이 파일의 점 "
        "{new:,}개로 바꿉니다.",
        "en": "Saving replaces the reference layer with the same title: all its {stored:,} stored points are "
        "removed and the file's {new:,} written.",
    },
    "data.import.replace_notice": {
        "ko": "교체하면 저장된 {layer} {stored:,}개를 모두 지우고 이 파일의 {new:,}개로 바꿉니다.",
        "en": "Replace removes all {stored:,} stored rows of {layer} and writes the file's {new:,} in their place.",
    },
    "data.import.replace_same_ids": {
        "ko": " 같은 ID {same:,}개는 새 값으로 바뀌고, 파일에 없는 {gone:,}개는 삭제됩니다.",
        "en": " {same:,} with the same id get the file's values; {gone:,} not in the file are deleted.",
    },
    "data.import.reference_saved": {
        "ko": "참고 레이어 '{title}'을(를) 저장했습니다: 점 {rows:,}개.",
        "en": "Saved reference layer '{title}': {rows:,} points.",
    },
    "data.import.provenance": {
        "ko": "제공기관: {provider} · 기준일: {date} · 출처: {source}",
        "en": "Provider: {provider} · Data date: {date} · Source: {source}",
    },
    "data.backup.name": {"ko": "백업 파일", "en": "Backup file"},
    "data.backup.created": {"ko": "만든 시각", "en": "Created"},
    "data.backup.size": {"ko": "크기", "en": "Size"},
    "data.backup.none": {"ko": "아직 백업이 없습니다.", "en": "No backups yet."},
    "data.backup.now": {"ko": "지금 백업", "en": "Back up now"},
    "data.backup.done": {"ko": "백업했습니다: {name}", "en": "Backed up: {name}"},
    "data.backup.restore": {"ko": "복원할 백업", "en": "Backup to restore"},
    "data.backup.confirm": {
        "ko": "복원하면 지금 데이터가 이 백업의 내용으로 바뀝니다 (복원 전 상태는 자동으로 백업합니다). "
        "감사 기록과 로그인 잠금은 그대로 남습니다",
        "en": "Restoring replaces the current data with this backup (the current state is backed up first). "
        "The audit log and sign-in locks stay as they are",
    },
    "data.backup.restore_button": {"ko": "복원", "en": "Restore"},
    "data.backup.restored": {
        "ko": "{name}에서 복원했습니다. 복원 전 상태는 {safety}에 백업했습니다.",
        "en": "Restored from {name}. The previous state is in {safety}.",
    },
    "data.backup.keep": {"ko": "최신 {keep}개를 보관합니다.", "en": "The newest {keep} are kept."},
    "data.export.caption": {
        "ko": "스마트서비스 {count}건. CSV·XLSX는 한글 열 이름과 분류 이름으로, 수식으로 실행되지 않게 저장합니다.",
        "en": "{count} smart services. CSV/XLSX use Korean headers and labels, and are safe from formula injection.",
    },
    "data.export.geojson": {"ko": "GeoJSON", "en": "GeoJSON"},
    "data.export.gpkg": {"ko": "GeoPackage", "en": "GeoPackage"},
    "data.export.csv": {"ko": "CSV (엑셀)", "en": "CSV (Excel)"},
    "data.export.xlsx": {"ko": "XLSX (엑셀)", "en": "XLSX (Excel)"},
    # --- data branch: reported projects, their provenance, sources that disagree, store upgrade ---
    "field.not_reported": {"ko": "보도되지 않음", "en": "not reported"},
    "field.reported_on": {"ko": "보도일", "en": "Reported on"},
    "field.status_reported": {"ko": "보도된 상태", "en": "Status as reported"},
    "field.status_as_of": {"ko": "{status} ({date} 보도 기준)", "en": "{status} (as reported on {date})"},
    "field.location_reported": {"ko": "위치(보도)", "en": "Location (as reported)"},
    "field.location_accuracy": {"ko": "위치 표시 방법", "en": "How the location was placed"},
    "field.domain_reported": {"ko": "보도된 분야", "en": "Field as reported"},
    "field.sources_other": {"ko": "다른 출처", "en": "Other sources"},
    "field.conflicts": {"ko": "출처 간 차이", "en": "Where sources differ"},
    "field.conflict_row": {"ko": "{field}: {values}", "en": "{field}: {values}"},
    "store.upgrade.rebuilt": {
        "ko": "번들 데이터가 바뀌어 저장소를 새 데이터로 다시 만들었습니다 (편집 기록이 없는 저장소). 이전 저장소 백업: {backup}",
        "en": "The bundled data changed, so the store (which had no edits) was rebuilt from it. Backup of the old store: {backup}",
    },
    "store.upgrade.edited": {
        "ko": "번들 데이터가 바뀌었지만 이 저장소에는 직원이 편집하거나 가져온 내용이 있어 그대로 두었습니다. "
        "새 데이터를 쓰려면 아래 '가져오기'에서 데이터 폴더의 파일을 미리 보고 가져오세요 (가져오기 전에 백업됩니다).",
        "en": "The bundled data changed, but this store holds staff edits or imports, so it was kept as it is. "
        "To use the new data, preview and import the data folder's files below (a backup is made first).",
    },
    "store.upgrade.preview": {
        "ko": "데이터 폴더의 새 데이터: 서비스 {new}건 (예시 {new_samples}건) · 지금 저장소: 서비스 {old}건",
        "en": "New data in the data folder: {new} services ({new_samples} samples) · store now: {old} services",
    },
}
