"""Problem texts of the store: why a read or a write could not be done, and what to do; and of the settings.

``geo.store`` raises ``StoreError`` with one of these codes; the page shows it in
the reader's language (``StoreError.text``), logs and ``str(error)`` keep the
Korean. ``geo.settings.SettingsError`` words a setting the app cannot use with the ``settings_*`` codes.
``geo.i18n.problems`` merges this table into its own.
"""

from __future__ import annotations

#: Problem texts by key ``problem.<code>`` (merged into ``geo.i18n.problems.TEXTS``).
TEXTS: dict[str, dict[str, str]] = {
    # --- upgrade: what opening the store with a changed data folder does (geo.upgrade) ----------------
    "problem.upgrade_same_data": {
        "ko": "데이터 폴더가 저장소를 만들 때와 같습니다",
        "en": "The data folder is the same as when the store was made",
    },
    "problem.upgrade_staff_changes": {
        "ko": "데이터 폴더가 바뀌었고 저장소에 직원의 변경 {changes:,}건이 있습니다",
        "en": "The data folder has changed and the store holds {changes:,} changes made by staff",
    },
    "problem.upgrade_shared_database": {
        "ko": "데이터 폴더가 바뀌었지만 공유 데이터베이스는 자동으로 다시 만들지 않습니다",
        "en": "The data folder has changed, but a shared database is not made again automatically",
    },
    "problem.upgrade_no_staff_changes": {
        "ko": "데이터 폴더가 바뀌었고 저장소에 직원의 변경이 없습니다",
        "en": "The data folder has changed and the store holds no changes made by staff",
    },
    # --- settings: an environment variable the app cannot use (geo.settings.SettingsError) ----------
    "problem.settings_not_integer": {
        "ko": "{name}={raw!r}: 정수(초)여야 합니다.",
        "en": "{name}={raw!r}: must be a whole number (of seconds).",
    },
    "problem.settings_too_small": {
        "ko": "{name}={value}: {minimum} 이상이어야 합니다.",
        "en": "{name}={value}: must be at least {minimum}.",
    },
    "problem.settings_location_format": {
        "ko": "{name}={raw!r}: '위도,경도' 형식이어야 합니다 (예: 37.3219,126.8309).",
        "en": "{name}={raw!r}: must be 'latitude,longitude' (e.g. 37.3219,126.8309).",
    },
    "problem.settings_location_far": {
        "ko": "{name}={raw!r}: 안산시 부근의 위도,경도가 아닙니다 (위도·경도 순서를 확인하세요).",
        "en": "{name}={raw!r}: is not a latitude,longitude near Ansan (check that latitude comes first).",
    },
    "problem.settings_not_switch": {
        "ko": "{name}={raw!r}: 1(켜기) 또는 0(끄기)이어야 합니다.",
        "en": "{name}={raw!r}: must be 1 (on) or 0 (off).",
    },
    "problem.settings_not_network": {
        "ko": "{name}={raw!r}: '{proxy}'은(는) IP 주소나 네트워크가 아닙니다 (예: 127.0.0.1, 10.0.0.0/24). "
        "빈 값이면 어떤 프록시도 믿지 않습니다.",
        "en": "{name}={raw!r}: '{proxy}' is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/24). "
        "An empty value trusts no proxy.",
    },
    "problem.settings_not_web_address": {
        "ko": "{name}={raw!r}: http:// 또는 https://로 시작하는 주소여야 합니다 (예: https://kiosk.example.kr/).",
        "en": "{name}={raw!r}: must be an address starting with http:// or https:// (e.g. https://kiosk.example.kr/).",
    },
    "problem.settings_folder_is_file": {
        "ko": "{name}={raw!r}: 폴더가 아니라 파일입니다. 폴더 경로를 지정하세요.",
        "en": "{name}={raw!r}: is a file, not a folder. Give a folder's path.",
    },
    "problem.settings_file_is_folder": {
        "ko": "{name}={raw!r}: 파일이 아니라 폴더입니다. 계정 파일 경로를 지정하세요.",
        "en": "{name}={raw!r}: is a folder, not a file. Give the accounts file's path.",
    },
    "problem.settings_not_allowed": {
        "ko": "{name}={raw!r}: 허용되는 값은 {allowed} 입니다.",
        "en": "{name}={raw!r}: the allowed values are {allowed}.",
    },
    # --- the store itself -----------------------------------------------------------------------
    "problem.store_missing": {
        "ko": "저장소가 아직 만들어지지 않았습니다 ({store}). "
        "앱을 한 번 실행하거나 python -m geo backup 등 명령을 한 번 실행해 만드세요.",
        "en": "The store has not been made yet ({store}). Run the app once, or a command such as "
        "python -m geo backup, to make it.",
    },
    "problem.store_busy": {
        "ko": "저장소({store})를 다른 작업이 15초 넘게 쓰고 있어 기다리다 멈췄습니다. "
        "아무것도 바뀌지 않았습니다. 잠시 후 다시 시도하세요.",
        "en": "Another task has been writing to the store ({store}) for over 15 seconds, so this one stopped "
        "waiting. Nothing was changed. Try again shortly.",
    },
    "problem.store_read_only": {
        "ko": "저장소({store})에 쓸 수 없습니다 (파일이나 폴더가 읽기 전용입니다). "
        "마치지 못한 쓰기를 되돌리려면 쓰기 권한이 필요합니다: 앱을 실행하는 계정에 "
        "쓰기 권한을 주고 다시 실행하세요. 데이터는 그대로입니다.",
        "en": "The store ({store}) cannot be written (the file or folder is read-only). Undoing an unfinished "
        "write needs write permission: give the account that runs the app write permission and run it again. "
        "The data is as it was.",
    },
    "problem.store_cannot_open": {
        "ko": "저장소 파일({store})을 열 수 없습니다 ({reason}). 파일과 폴더의 권한을 확인하세요. 데이터는 그대로입니다.",
        "en": "The store file ({store}) cannot be opened ({reason}). Check the file's and folder's permissions. "
        "The data is as it was.",
    },
    "problem.store_rule_broken": {
        "ko": "저장소 규칙에 맞지 않는 값이라 저장하지 않았습니다 ({reason}). 아무것도 바뀌지 않았습니다.",
        "en": "A value breaks the store's rules, so nothing was saved ({reason}). Nothing was changed.",
    },
    "problem.store_unreadable": {
        "ko": "{store}은(는) 대시보드 저장소로 읽을 수 없는 파일입니다 ({reason}). 파일은 그대로 두었습니다. "
        "지우지 말고 다른 이름으로 옮겨 보관하세요 (예: 이름 끝에 .보관 을 붙임). 그다음 백업이 있으면 "
        "python -m geo backups 로 목록을 보고 python -m geo restore 백업이름 으로 복원하거나 ({backups}), "
        "백업이 없으면 앱을 다시 실행해 데이터 폴더의 파일로 새 저장소를 만드세요.",
        "en": "{store} cannot be read as a dashboard store ({reason}). The file was left as it is. Do not delete "
        "it: move it aside under another name (e.g. add .old to its name). Then, with a backup, list them with "
        "python -m geo backups and restore one with python -m geo restore NAME ({backups}); without a backup, "
        "run the app again to make a new store from the data folder's files.",
    },
    "problem.store_not_ours": {"ko": "대시보드 저장소의 표가 없습니다", "en": "it has no dashboard store tables"},
    "problem.store_folder_is_file": {
        "ko": "저장소 폴더 {folder}이(가) 폴더가 아니라 파일입니다. 설정을 확인하세요.",
        "en": "The store folder {folder} is a file, not a folder. Check the settings.",
    },
    "problem.store_geometry_not_gpkg": {
        "ko": "저장소의 도형 값이 GeoPackage 형식이 아닙니다 (파일이 손상되었을 수 있습니다: 백업에서 복원하세요)",
        "en": "A geometry in the store is not in GeoPackage form (the file may be damaged: restore a backup)",
    },
    "problem.layer_unknown": {
        "ko": "레이어 '{layer}'은(는) 없습니다 (가능: {allowed})",
        "en": "There is no layer '{layer}' (possible: {allowed})",
    },
    "problem.postgres_schema_invalid": {
        "ko": "스키마 이름 '{schema}'은(는) 쓸 수 없습니다 (영문 소문자, 숫자, _ 만)",
        "en": "The schema name '{schema}' cannot be used (lower-case letters, digits and _ only)",
    },
    "problem.store_required_column_missing": {
        "ko": "저장소의 {layer} 표에 필수 열 {column}({label})이(가) 없어 자동으로 추가할 수 없습니다. "
        "백업을 만든 뒤 데이터 관리에서 데이터를 다시 가져오세요.",
        "en": "The store's {layer} table lacks the required column {column}, which cannot be added by itself. "
        "Make a backup, then import the data again on the data page.",
    },
    "problem.postgres_where": {"ko": "{url} (스키마 {schema})", "en": "{url} (schema {schema})"},
    "problem.postgres_unreachable": {
        "ko": "PostgreSQL에 연결할 수 없습니다: {store} ({reason}). DATABASE_URL과 서버 상태를 확인하세요.",
        "en": "Cannot connect to PostgreSQL: {store} ({reason}). Check DATABASE_URL and the server.",
    },
    # --- edits and imports ----------------------------------------------------------------------
    "problem.user_missing": {
        "ko": "변경자(user)를 입력하세요: 이력에 누가 바꿨는지 남깁니다.",
        "en": "Give the editor's name (user): the history records who changed what.",
    },
    "problem.user_too_long": {
        "ko": "변경자 이름이 너무 깁니다 ({length:,}자, 최대 {limit}자).",
        "en": "The editor's name is too long ({length:,} characters, at most {limit}).",
    },
    "problem.service_not_stored": {
        "ko": "서비스 ID '{id}'이(가) 저장소에 없습니다 (가져오기로 삭제되었을 수 있습니다). 목록을 다시 불러오세요.",
        "en": "The service ID '{id}' is not in the store (an import may have removed it). Load the list again.",
    },
    "problem.edit_conflict": {
        "ko": "서비스 '{id}'은(는) 불러온 뒤에 {who}이{when} 먼저 변경했습니다 (불러온 버전 {read}, 현재 버전 "
        "{current}). 이번 변경은 저장하지 않았습니다. 최신 내용을 다시 불러와 확인한 뒤 다시 저장하세요.",
        "en": "The service '{id}' was changed by {who}{when} after you loaded it (loaded version {read}, current "
        "version {current}). This change was not saved. Load the latest version, check it and save again.",
    },
    "problem.edit_conflict.who": {"ko": "{name}님", "en": "{name}"},
    "problem.edit_conflict.someone": {"ko": "다른 사용자", "en": "another user"},
    "problem.edit_conflict.when": {"ko": " {moment}에", "en": " at {moment}"},
    "problem.fields_not_editable": {
        "ko": "변경할 수 없는 항목입니다: {fields} (변경 가능: {editable})",
        "en": "These fields cannot be changed: {fields} (can be changed: {editable})",
    },
    "problem.reason_too_long": {
        "ko": "변경 사유가 너무 깁니다 ({length:,}자, 최대 {limit:,}자).",
        "en": "The reason for the change is too long ({length:,} characters, at most {limit:,}).",
    },
    "problem.import_rejected": {
        "ko": "'{file}'에 문제 {count}개가 있어 저장하지 않았습니다. 문제를 고친 파일로 다시 가져오세요.{first}",
        "en": "'{file}' has {count} problems, so nothing was saved. Import the corrected file again.{first}",
    },
    "problem.replace_does": {
        "ko": "저장된 {stored:,}개를 모두 지우고 {new:,}개로 바꿉니다",
        "en": "all {stored:,} stored are deleted and replaced by {new:,}",
    },
    "problem.import_mode_unknown": {
        "ko": "가져오기 방식 '{mode}'은(는) 없습니다 (replace 또는 append)",
        "en": "There is no import mode '{mode}' (replace or append)",
    },
    "problem.append_ids_stored": {
        "ko": "추가(append)할 {label} 중 {count}개의 ID가 이미 저장소에 있습니다: {shown}. "
        "교체(replace)로 가져오거나 ID를 바꾸세요.",
        "en": "{count} IDs of the {layer} to append are already stored: {shown}. "
        "Import with replace, or change the IDs.",
    },
    "problem.value_not_storable": {
        "ko": "{label} {row}번째 {column}: 값 {value}은(는) 저장할 수 없습니다 (NaN·무한대). 아무것도 바뀌지 않았습니다.",
        "en": "{layer} record {row} {column}: the value {value} cannot be stored (NaN, infinity). Nothing was changed.",
    },
    # --- backups --------------------------------------------------------------------------------
    "problem.postgres_no_backups": {
        "ko": "{store}: PostgreSQL 저장소는 이 기능으로 백업하지 않습니다. "
        "데이터베이스 관리자가 pg_dump로 백업하고 pg_restore로 복원하세요.",
        "en": "{store}: a PostgreSQL store is not backed up here. "
        "The database administrator backs it up with pg_dump and restores it with pg_restore.",
    },
    "problem.backup_keep_invalid": {
        "ko": "보관할 백업 수(keep)는 1 이상이어야 합니다.",
        "en": "The number of backups to keep (keep) must be at least 1.",
    },
    "problem.backup_no_store": {
        "ko": "백업할 저장소가 없습니다: {store}",
        "en": "There is no store to back up: {store}",
    },
    "problem.backup_not_found": {
        "ko": "백업 '{name}'이(가) {folder}에 없습니다. 사용할 수 있는 백업(최신순): {names}",
        "en": "The backup '{name}' is not in {folder}. Backups there (newest first): {names}",
    },
    "problem.backup_not_a_store": {
        "ko": "백업 '{name}'은(는) 대시보드 저장소 파일이 아닙니다 (손상되었을 수 있습니다).",
        "en": "The backup '{name}' is not a dashboard store file (it may be damaged).",
    },
    # --- reference layers -----------------------------------------------------------------------
    "problem.reference_id_invalid": {
        "ko": "참고 레이어 ID '{id}'은(는) 쓸 수 없습니다 (영문 소문자, 숫자, _, - 로 63자 이내).",
        "en": "The reference layer ID '{id}' cannot be used (lower-case letters, digits, _ and -, at most 63).",
    },
    "problem.reference_layer_no_crs": {
        "ko": "참고 레이어 '{id}'의 좌표계가 없습니다 (EPSG:4326 점 자료여야 합니다).",
        "en": "The reference layer '{id}' has no CRS (it must be EPSG:4326 points).",
    },
    "problem.reference_layer_not_points": {
        "ko": "참고 레이어 '{id}'에는 점(Point) 도형만 넣을 수 있습니다 (받은 도형: {kinds}).",
        "en": "The reference layer '{id}' takes points only (geometries given: {kinds}).",
    },
    "problem.reference_fields_absent": {
        "ko": "참고 레이어 '{id}'에 없는 열을 표시하려 합니다: {fields}",
        "en": "The reference layer '{id}' is asked to show columns it does not have: {fields}",
    },
    "problem.reference_layer_not_stored": {
        "ko": "참고 레이어 '{id}'이(가) 저장소에 없습니다. 목록을 다시 불러오세요.",
        "en": "The reference layer '{id}' is not in the store. Load the list again.",
    },
}
