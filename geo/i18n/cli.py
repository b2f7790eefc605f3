"""Texts of the command line (``python -m geo``, ``python -m geo.health``): help, questions, the lines printed.

Its errors and an import's summary are problem codes (``geo.i18n.problems``); everything else the
command line says is here, worded in the language of ``--lang`` (Korean by default).
"""

TEXTS: dict[str, dict[str, str]] = {
    # --- help: the program and the options every command takes ---------------------------------
    "cli.description": {
        "ko": "안산 스마트도시 대시보드 데이터 관리: 가져오기, 검증, 백업, 복원, 직원 계정",
        "en": "Ansan Smart City Dashboard data tasks: import, validate, back up, restore, staff accounts",
    },
    "cli.commands": {"ko": "명령", "en": "command"},
    # argparse's own headings, so a Korean help is Korean throughout
    "cli.usage": {"ko": "사용법: ", "en": "usage: "},
    "cli.options": {"ko": "옵션", "en": "options"},
    "cli.positionals": {"ko": "인자", "en": "positional arguments"},
    "cli.opt.help": {"ko": "이 도움말을 보이고 끝냄", "en": "show this help and exit"},
    "cli.opt.lang": {
        "ko": "출력 언어: ko(기본) 또는 en (도움말, 질문, 보고와 오류)",
        "en": "output language: ko (default) or en (help, questions, reports and errors)",
    },
    # --- help: a file to import or validate -----------------------------------------------------
    "cli.arg.file": {
        "ko": "GeoJSON, GeoPackage, 압축한 Shapefile(.zip), CSV 또는 XLSX 파일",
        "en": "a GeoJSON, GeoPackage, zipped Shapefile (.zip), CSV or XLSX file",
    },
    "cli.arg.layer": {
        "ko": "대상 레이어 (reference: 공공데이터 점 자료를 참고 레이어로)",
        "en": "the target layer (reference: public point data as a reference layer)",
    },
    "cli.arg.title": {
        "ko": "참고 레이어의 제목 (--layer reference일 때 필수; 같은 제목이면 교체)",
        "en": "the reference layer's title (required with --layer reference; the same title replaces it)",
    },
    "cli.arg.title_en": {
        "ko": "참고 레이어의 영문 제목 (선택; 없으면 영어 화면도 한국어 제목)",
        "en": "the reference layer's English title (optional; without it English screens show the Korean title)",
    },
    "cli.arg.licence": {
        "ko": "참고 레이어의 이용 조건 (선택; 예: 공공누리 제1유형)",
        "en": "the reference layer's terms of use (optional; e.g. KOGL Type 1)",
    },
    "cli.arg.map_metavar": {"ko": "원래열=스키마열", "en": "COLUMN=SCHEMA_COLUMN"},
    "cli.arg.map": {
        "ko": "열 매핑 (예: --map 사업명=name_ko), 여러 번 쓸 수 있음",
        "en": "a column mapping (e.g. --map name=name_ko); may be given several times",
    },
    "cli.arg.crs": {
        "ko": "파일의 좌표계: .prj가 없거나 틀릴 때, CSV/XLSX의 X/Y 열 (예: EPSG:5186, EPSG:5174). "
        "없으면 .prj, 그것도 없으면 좌표 범위로 추정",
        "en": "the file's CRS: when the .prj is missing or wrong, or for X/Y columns of a CSV/XLSX "
        "(e.g. EPSG:5186, EPSG:5174). Without it the .prj, or else the coordinates' range, decides",
    },
    "cli.arg.encoding": {
        "ko": "Shapefile(.dbf)·CSV의 문자 인코딩: utf-8 또는 cp949(euc-kr). 없으면 내용으로 판별",
        "en": "the text encoding of a Shapefile (.dbf) or CSV: utf-8 or cp949 (euc-kr). Without it the text decides",
    },
    # --- help: the commands and their options ---------------------------------------------------
    "cli.cmd.import": {
        "ko": "파일을 검증하고 확인 후 저장소에 반영",
        "en": "validate a file and, once confirmed, write it to the store",
    },
    "cli.arg.mode": {
        "ko": "replace: 레이어 교체(기본), append: 추가",
        "en": "replace: replace the layer (default), append: add to it",
    },
    "cli.arg.yes": {"ko": "확인 질문 없이 반영", "en": "write without asking"},
    "cli.arg.user_history": {
        "ko": "이력에 남길 변경자 (기본: 시스템 사용자 이름)",
        "en": "who the history names as the editor (default: the system user name)",
    },
    "cli.cmd.validate": {
        "ko": "파일을 검증만 하고 저장하지 않음",
        "en": "only validate a file; nothing is saved",
    },
    "cli.cmd.init": {
        "ko": "저장소를 데이터 폴더에서 미리 만들거나 이 버전에 맞춤 (첫 방문이 기다리지 않게)",
        "en": "build the store from the data folder, or bring it to this version, ahead of time "
        "(so the first visit does not wait)",
    },
    "cli.cmd.layers": {
        "ko": "참고 레이어 목록: 제목, 점 수, 출처, 기준일",
        "en": "list the reference layers: title, points, source, data date",
    },
    "cli.cmd.backup": {"ko": "저장소를 날짜별 백업 파일로 복사", "en": "copy the store to a dated backup file"},
    "cli.arg.keep": {
        "ko": "보관할 최신 백업 수 (기본 {keep})",
        "en": "how many of the latest backups to keep (default {keep})",
    },
    "cli.cmd.backups": {"ko": "백업 목록 (최신순)", "en": "list the backups (latest first)"},
    "cli.cmd.restore": {
        "ko": "백업으로 저장소를 되돌림 (현재 상태는 먼저 백업)",
        "en": "restore the store from a backup (the current state is backed up first)",
    },
    "cli.arg.backup_name": {
        "ko": "백업 파일 이름 (python -m geo backups로 확인)",
        "en": "the backup file's name (see python -m geo backups)",
    },
    "cli.arg.user_audit": {
        "ko": "감사 기록에 남길 사용자 (기본: 시스템 사용자 이름)",
        "en": "who the audit log names (default: the system user name)",
    },
    "cli.cmd.unlock": {
        "ko": "로그인 실패로 잠긴 직원 계정의 잠금을 풀고 실패 횟수를 0으로 함 (감사 기록)",
        "en": "unlock a staff account locked after failed sign-ins and reset its failures to 0 (audited)",
    },
    "cli.arg.unlock_username": {"ko": "잠금을 풀 사용자 이름", "en": "the user name to unlock"},
    "cli.arg.user_admin": {
        "ko": "감사 기록에 남길 관리자 (기본: 시스템 사용자 이름)",
        "en": "the administrator the audit log names (default: the system user name)",
    },
    "cli.cmd.voice": {
        "ko": "시민 의견: 보관 기간이 지난 의견과 필요해요 기록 삭제",
        "en": "citizens' voice: delete opinions and 'we need this' marks past their retention",
    },
    "cli.voice_commands": {"ko": "작업", "en": "task"},
    "cli.cmd.voice_purge": {
        "ko": "--older-than 일수보다 오래된 의견과 필요해요 기록 삭제 (감사 기록에 남음)",
        "en": "delete opinions and 'we need this' marks older than --older-than days (audited)",
    },
    "cli.arg.days_metavar": {"ko": "일수", "en": "DAYS"},
    "cli.arg.older_than": {
        "ko": "이 일수보다 오래된 것을 삭제 (기본: DASHBOARD_VOICE_RETENTION_DAYS, 365)",
        "en": "delete what is older than this many days (default: DASHBOARD_VOICE_RETENTION_DAYS, 365)",
    },
    "cli.cmd.accessibility_report": {
        "ko": "접근성 자체 점검표 (KWCAG 2.2 항목별 결과, Markdown과 CSV)",
        "en": "the accessibility self-assessment (KWCAG 2.2 results by item, Markdown and CSV)",
    },
    "cli.arg.out": {
        "ko": "보고서 파일 (.md; 같은 이름의 .csv도 씀). 없으면 표준 출력",
        "en": "the report file (.md; a .csv of the same name is written too). Without it, standard output",
    },
    "cli.arg.url": {
        "ko": "실행 중인 앱 주소 (키오스크 또는 직원 서버, 여러 번): Chromium에서 axe-core 점검",
        "en": "the address of a running app (kiosk or staff server, several times): checked with axe-core in Chromium",
    },
    "cli.cmd.add_user": {
        "ko": "직원 계정을 만들거나 비밀번호를 바꿈",
        "en": "create a staff account or change its password",
    },
    "cli.arg.new_username": {"ko": "사용자 이름 (영문, 숫자, _, -)", "en": "the user name (letters, digits, _, -)"},
    "cli.arg.display_name": {"ko": "화면에 보일 이름 (예: 김지리)", "en": "the name shown on screen (e.g. Kim Jiri)"},
    "cli.arg.password_stdin": {
        "ko": "비밀번호를 표준 입력 첫 줄에서 읽음",
        "en": "read the password from the first line of standard input",
    },
    "cli.arg.secrets": {
        "ko": "계정 파일 (기본: DASHBOARD_SECRETS_FILE 또는 .streamlit/secrets.toml)",
        "en": "the accounts file (default: DASHBOARD_SECRETS_FILE or .streamlit/secrets.toml)",
    },
    # --- import and validate --------------------------------------------------------------------
    "cli.title_needed": {
        "ko": "참고 레이어에는 제목이 필요합니다: --title 어린이보호구역 처럼 지정하세요",
        "en": "A reference layer needs a title: give one like --title 'School zones'",
    },
    "cli.replace_points": {
        "ko": "저장된 점 {stored:,}개를 모두 지우고 {count:,}개로 바꿉니다",
        "en": "all {stored:,} stored points are removed and {count:,} written",
    },
    "cli.backed_up": {
        "ko": "교체 전 상태를 백업했습니다: {name} (되돌리기: python -m geo restore {name})",
        "en": "Backed up the state before the replace: {name} (to undo: python -m geo restore {name})",
    },
    "cli.target_reference": {"ko": "참고 레이어 '{title}'", "en": "reference layer '{title}'"},
    "cli.target_layer": {"ko": "{layer} 레이어", "en": "layer {layer}"},
    "cli.no_postgres_backup": {
        "ko": "PostgreSQL 저장소는 교체 전에 자동으로 백업하지 않습니다. 되돌릴 수 있게 하려면 먼저 pg_dump로 백업하세요.",
        "en": "A PostgreSQL store is not backed up before a replace. To be able to undo it, back it up with "
        "pg_dump first.",
    },
    # {effect} is empty or " <what a replace does>." (see cli.replace_points and problem.replace_does).
    "cli.confirm_replace": {
        "ko": "{store}의 {target}:{effect} 교체할까요?",
        "en": "{store}, {target}:{effect} Replace?",
    },
    "cli.confirm_append": {"ko": "{store}의 {target}:{effect} 추가할까요?", "en": "{store}, {target}:{effect} Append?"},
    "cli.cancelled": {
        "ko": "취소했습니다. 저장소는 바뀌지 않았습니다.",
        "en": "Cancelled. The store has not changed.",
    },
    "cli.done_replace": {"ko": "교체", "en": "replaced"},
    "cli.done_append": {"ko": "추가", "en": "appended"},
    "cli.saved_reference": {
        "ko": "저장했습니다: 참고 레이어 '{title}' ({layer}) 점 {rows:,}개 {done}",
        "en": "Saved: reference layer '{title}' ({layer}), {rows:,} points {done}",
    },
    "cli.saved": {"ko": "저장했습니다: {layer} {rows}개 {done}", "en": "Saved: {layer}, {rows} {done}"},
    "cli.saved_removed": {"ko": " (이전 {removed}개 삭제)", "en": " ({removed} earlier removed)"},
    "cli.saved_history": {"ko": ", 변경 이력 {history}건", "en": ", {history} history entries"},
    # --- layers, init, the accessibility report -------------------------------------------------
    "cli.no_layers": {
        "ko": "참고 레이어가 없습니다. python -m geo import 파일 --layer reference --title 제목 으로 추가하세요.",
        "en": "There are no reference layers. Add one with python -m geo import FILE --layer reference --title TITLE.",
    },
    "cli.layer_row": {
        "ko": "{title}\t{count:,}개\t{source}\t{date}\t{provider}\t{licence}",
        "en": "{title}\t{count:,} points\t{source}\t{date}\t{provider}\t{licence}",
    },
    "cli.init_existed": {"ko": "저장소가 이미 있습니다", "en": "The store already exists"},
    "cli.init_created": {"ko": "저장소를 만들었습니다", "en": "The store has been made"},
    "cli.init_counts": {
        "ko": "{done}: 스마트서비스 {services:,}건, 대상지 {areas:,}곳, 행정 경계 {boundaries:,}개",
        "en": "{done}: {services:,} smart services, {areas:,} target areas, {boundaries:,} boundaries",
    },
    "cli.init_rebuilt": {
        "ko": "이전 데이터 파일로 만든 저장소를 다시 만들었습니다 (백업: {name}).",
        "en": "The store made from earlier data files has been made again (backup: {name}).",
    },
    "cli.notice": {"ko": "알림: {reason}", "en": "Note: {reason}"},
    "cli.wrote": {"ko": "썼습니다: {path}", "en": "Written: {path}"},
    # --- backups, restore, accounts, citizens' voice --------------------------------------------
    "cli.backup_done": {
        "ko": "백업했습니다: {path} ({size:,}바이트, 최신 {keep}개 보관)",
        "en": "Backed up: {path} ({size:,} bytes, the latest {keep} kept)",
    },
    "cli.no_backups": {
        "ko": "백업이 없습니다. python -m geo backup 으로 만드세요.",
        "en": "There are no backups. Make one with python -m geo backup.",
    },
    "cli.backup_row": {
        "ko": "{name}\t{created:%Y-%m-%d %H:%M:%S}\t{size:,}바이트",
        "en": "{name}\t{created:%Y-%m-%d %H:%M:%S}\t{size:,} bytes",
    },
    "cli.restored": {
        "ko": "{name}에서 복원했습니다. 복원 전 상태는 {safety}에 백업했습니다.",
        "en": "Restored from {name}. The state before the restore is backed up in {safety}.",
    },
    "cli.unlocked": {"ko": "잠금을 풀었습니다", "en": "unlocked"},
    "cli.not_locked": {
        "ko": "잠겨 있지 않았습니다. 실패 횟수만 0으로 했습니다",
        "en": "was not locked; its failures are reset to 0",
    },
    "cli.unlock": {
        "ko": "계정 '{username}': {state} (감사 기록에 남겼습니다).",
        "en": "Account '{username}': {state} (recorded in the audit log).",
    },
    "cli.voice_purged": {
        "ko": "{days}일이 지난 시민 의견 {opinions}건, 필요해요 기록 {reactions}건을 지웠습니다 (감사 기록에 남김).",
        "en": "Deleted {opinions} citizens' opinions and {reactions} 'we need this' marks older than {days} days "
        "(recorded in the audit log).",
    },
    "cli.password": {"ko": "비밀번호: ", "en": "Password: "},
    "cli.password_again": {"ko": "비밀번호 확인: ", "en": "Password again: "},
    "cli.passwords_differ": {
        "ko": "두 비밀번호가 다릅니다. 다시 실행하세요.",
        "en": "The two passwords differ. Run the command again.",
    },
    "cli.user_saved": {
        "ko": "계정 '{username}'({display})을(를) {secrets}에 저장했습니다.",
        "en": "Saved account '{username}' ({display}) in {secrets}.",
    },
    # --- python -m geo.health -------------------------------------------------------------------
    "health.description": {
        "ko": "대시보드 상태 점검 (저장소, 백업, 인스턴스)",
        "en": "Dashboard health check (store, backups, instances)",
    },
    "health.arg.command": {
        "ko": "check (기본값): 한 번 점검해 JSON 출력, serve: /healthz 제공",
        "en": "check (default): check once and print JSON, serve: serve /healthz",
    },
    "health.arg.instance": {"ko": "앱 인스턴스 주소 (여러 번)", "en": "an app instance's address (several times)"},
    "health.arg.backup_dir": {
        "ko": "백업 폴더 (PostGIS의 pg_dump 파일; 없으면 저장소의 백업)",
        "en": "the backup folder (PostGIS pg_dump files; without it, the store's backups)",
    },
    "health.arg.lang": {
        "ko": "도움말과 오류의 언어: ko(기본) 또는 en",
        "en": "the language of the help and errors: ko (default) or en",
    },
}
