"""Command line for staff data tasks: ``python -m geo import|validate|layers|backup|backups|restore|unlock|add-user``,
and the accessibility self-assessment (``python -m geo accessibility-report``, ``geo.accessibility``).

The store is the one ``geo.settings.load_settings()`` points at (``DATABASE_URL``,
or ``dashboard.gpkg`` in ``DASHBOARD_STORE_DIR``/``DASHBOARD_DATA_DIR``).
Exit codes: 0 done, 1 invalid file or failed operation, 2 wrong usage, 3 cancelled.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.accessibility import FAIL, run_report
from geo.auth import AuthError, add_user
from geo.i18n import LANGUAGES
from geo.i18n.problems import ProblemError, render
from geo.importer import (
    MODES,
    REFERENCE_LAYER,
    ImportPreview,
    ReferencePreview,
    commit_import,
    commit_reference,
    parse_mapping,
    preview_import,
    preview_reference,
)
from geo.loaders import load_boundaries
from geo.logs import log_event
from geo.settings import SettingsError, load_settings
from geo.spatial import city_outline
from geo.store import BACKUP_KEEP, LAYERS, Store, StoreError, open_store
from geo.upgrade import UpgradeAction, upgrade_store
from geo.validation import DataError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 3


def _help(parser: argparse.ArgumentParser) -> None:
    """The options every command takes: help, and the language of its report."""
    parser.add_argument("-h", "--help", action="help", help="이 도움말을 보이고 끝냄")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="보고 언어: ko(기본) 또는 en (검증 문제와 가져오기 요약)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="안산 스마트도시 대시보드 데이터 관리: 가져오기, 검증, 백업, 복원, 직원 계정",
        add_help=False,
    )
    _help(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="명령", title="명령")

    def file_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("file", type=Path, help="GeoJSON, GeoPackage, 압축한 Shapefile(.zip), CSV 또는 XLSX 파일")
        sub.add_argument(
            "--layer",
            required=True,
            choices=[*LAYERS, REFERENCE_LAYER],
            help="대상 레이어 (reference: 공공데이터 점 자료를 참고 레이어로)",
        )
        sub.add_argument("--title", help="참고 레이어의 제목 (--layer reference일 때 필수; 같은 제목이면 교체)")
        sub.add_argument(
            "--title-en", default="", help="참고 레이어의 영문 제목 (선택; 없으면 영어 화면도 한국어 제목)"
        )
        sub.add_argument("--licence", default="", help="참고 레이어의 이용 조건 (선택; 예: 공공누리 제1유형)")
        sub.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="원래열=스키마열",
            help="열 매핑 (예: --map 사업명=name_ko), 여러 번 쓸 수 있음",
        )
        sub.add_argument(
            "--crs",
            help="파일의 좌표계: .prj가 없거나 틀릴 때, CSV/XLSX의 X/Y 열 (예: EPSG:5186, EPSG:5174). "
            "없으면 .prj, 그것도 없으면 좌표 범위로 추정",
        )
        sub.add_argument(
            "--encoding",
            help="Shapefile(.dbf)·CSV의 문자 인코딩: utf-8 또는 cp949(euc-kr). 없으면 내용으로 판별",
        )

    importing = commands.add_parser("import", add_help=False, help="파일을 검증하고 확인 후 저장소에 반영")
    _help(importing)
    file_options(importing)
    importing.add_argument("--mode", choices=MODES, default="replace", help="replace: 레이어 교체(기본), append: 추가")
    importing.add_argument("--yes", action="store_true", help="확인 질문 없이 반영")
    importing.add_argument("--user", default=None, help="이력에 남길 변경자 (기본: 시스템 사용자 이름)")

    validating = commands.add_parser("validate", add_help=False, help="파일을 검증만 하고 저장하지 않음")
    _help(validating)
    file_options(validating)

    _help(
        commands.add_parser(
            "init",
            add_help=False,
            help="저장소를 데이터 폴더에서 미리 만들거나 이 버전에 맞춤 (첫 방문이 기다리지 않게)",
        )
    )

    _help(commands.add_parser("layers", add_help=False, help="참고 레이어 목록: 제목, 점 수, 출처, 기준일"))

    backing = commands.add_parser("backup", add_help=False, help="저장소를 날짜별 백업 파일로 복사")
    _help(backing)
    backing.add_argument("--keep", type=int, default=BACKUP_KEEP, help=f"보관할 최신 백업 수 (기본 {BACKUP_KEEP})")

    _help(commands.add_parser("backups", add_help=False, help="백업 목록 (최신순)"))

    restoring = commands.add_parser("restore", add_help=False, help="백업으로 저장소를 되돌림 (현재 상태는 먼저 백업)")
    _help(restoring)
    restoring.add_argument("name", help="백업 파일 이름 (python -m geo backups로 확인)")
    restoring.add_argument("--user", default=None, help="감사 기록에 남길 사용자 (기본: 시스템 사용자 이름)")

    unlocking = commands.add_parser(
        "unlock", add_help=False, help="로그인 실패로 잠긴 직원 계정의 잠금을 풀고 실패 횟수를 0으로 함 (감사 기록)"
    )
    _help(unlocking)
    unlocking.add_argument("username", help="잠금을 풀 사용자 이름")
    unlocking.add_argument("--user", default=None, help="감사 기록에 남길 관리자 (기본: 시스템 사용자 이름)")
    # citizens' voice: retention
    voicing = commands.add_parser("voice", add_help=False, help="시민 의견: 보관 기간이 지난 의견과 필요해요 기록 삭제")
    _help(voicing)
    voice_commands = voicing.add_subparsers(dest="voice_command", required=True, metavar="작업", title="작업")
    purging = voice_commands.add_parser(
        "purge", add_help=False, help="--older-than 일수보다 오래된 의견과 필요해요 기록 삭제 (감사 기록에 남음)"
    )
    _help(purging)
    purging.add_argument(
        "--older-than",
        type=int,
        default=None,
        metavar="일수",
        help="이 일수보다 오래된 것을 삭제 (기본: DASHBOARD_VOICE_RETENTION_DAYS, 365)",
    )
    purging.add_argument("--user", default=None, help="감사 기록에 남길 사용자 (기본: 시스템 사용자 이름)")

    reporting = commands.add_parser(
        "accessibility-report", add_help=False, help="접근성 자체 점검표 (KWCAG 2.2 항목별 결과, Markdown과 CSV)"
    )
    _help(reporting)
    reporting.add_argument("--out", type=Path, help="보고서 파일 (.md; 같은 이름의 .csv도 씀). 없으면 표준 출력")
    reporting.add_argument(
        "--url",
        action="append",
        default=[],
        help="실행 중인 앱 주소 (키오스크 또는 직원 서버, 여러 번): Chromium에서 axe-core 점검",
    )

    adding = commands.add_parser("add-user", add_help=False, help="직원 계정을 만들거나 비밀번호를 바꿈")
    _help(adding)
    adding.add_argument("username", help="사용자 이름 (영문, 숫자, _, -)")
    adding.add_argument("--display-name", help="화면에 보일 이름 (예: 김지리)")
    adding.add_argument("--password-stdin", action="store_true", help="비밀번호를 표준 입력 첫 줄에서 읽음")
    adding.add_argument(
        "--secrets", type=Path, help="계정 파일 (기본: DASHBOARD_SECRETS_FILE 또는 .streamlit/secrets.toml)"
    )
    return parser


def _lang(args: argparse.Namespace) -> str:
    """The report language chosen with ``--lang`` (Korean by default)."""
    return str(getattr(args, "lang", "ko"))


def _user(explicit: str | None) -> str:
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _preview(args: argparse.Namespace, *, create_store: bool) -> tuple[Store, ImportPreview | ReferencePreview]:
    settings = load_settings()
    store = open_store(settings, initialise=create_store)
    outline = None
    if not store.is_initialised():
        # Only checking: do not create a store; the data folder's boundaries give the city outline.
        store_for_preview = None
        try:
            outline = city_outline(load_boundaries(settings.data_dir))
        except DataError:
            outline = None
    else:
        store_for_preview = store
    options = {"store": store_for_preview, "city_outline": outline, "crs": args.crs, "encoding": args.encoding}
    if args.layer == REFERENCE_LAYER:
        if not args.title:
            raise ValueError("참고 레이어에는 제목이 필요합니다: --title 어린이보호구역 처럼 지정하세요")
        described = {"title": args.title, "title_en": args.title_en, "licence": args.licence}
        return store, preview_reference(args.file, **described, **options)
    mapping = parse_mapping(args.map)
    return store, preview_import(args.file, args.layer, mapping=mapping, lang=_lang(args), **options)


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "예", "ㅇ")


def _what_replace_does(preview: ImportPreview | ReferencePreview) -> str:
    if isinstance(preview, ReferencePreview):
        stored = preview.replaces[1] if preview.replaces else 0
        count = preview.layer.count if preview.layer is not None else 0
        return f"저장된 점 {stored:,}개를 모두 지우고 {count:,}개로 바꿉니다"
    return preview.replace_text()


def _backup_before_replace(store: Store) -> None:
    """Back up the store as the data page does before a write (the GeoPackage store only)."""
    if store.backend == "geopackage":
        info = store.backup()
        print(f"교체 전 상태를 백업했습니다: {info.name} (되돌리기: python -m geo restore {info.name})")


def _import(args: argparse.Namespace) -> int:
    store, preview = _preview(args, create_store=args.command == "import")
    if isinstance(preview, ReferencePreview):
        print("\n".join(preview.summary_lines(lang=_lang(args))))
    else:
        print("\n".join(preview.summary_lines(mode=getattr(args, "mode", None))))
    if not preview.ok:
        return EXIT_FAILED
    if args.command == "validate":
        return EXIT_OK
    replacing = bool(preview.replaces) if isinstance(preview, ReferencePreview) else args.mode == "replace"
    action = "교체" if replacing else "추가"
    target = f"참고 레이어 '{preview.title}'" if isinstance(preview, ReferencePreview) else f"{args.layer} 레이어"
    effect = f" {_what_replace_does(preview)}." if replacing else ""
    if replacing and store.backend != "geopackage":
        # The app cannot copy a PostgreSQL database; say so before the question, so staff can stop and pg_dump.
        print(
            "PostgreSQL 저장소는 교체 전에 자동으로 백업하지 않습니다. 되돌릴 수 있게 하려면 먼저 pg_dump로 백업하세요."
        )
    if not args.yes and not _confirm(f"{store.describe()}의 {target}:{effect} {action}할까요?"):
        print("취소했습니다. 저장소는 바뀌지 않았습니다.")
        return EXIT_CANCELLED
    if replacing:
        _backup_before_replace(store)
    if isinstance(preview, ReferencePreview):
        result = commit_reference(store, preview, user=_user(args.user))
        print(f"저장했습니다: 참고 레이어 '{preview.title}' ({result.layer}) 점 {result.rows_written:,}개 {action}")
        return EXIT_OK
    result = commit_import(store, preview, mode=args.mode, user=_user(args.user))
    print(
        f"저장했습니다: {result.layer} {result.rows_written}개 {action}"
        + (f" (이전 {result.rows_removed}개 삭제)" if result.mode == "replace" else "")
        + (f", 변경 이력 {result.history_rows}건" if result.history_rows else "")
    )
    return EXIT_OK


def _layers() -> int:
    store = open_store(load_settings())
    layers = store.reference_layers()
    if not layers:
        print("참고 레이어가 없습니다. python -m geo import 파일 --layer reference --title 제목 으로 추가하세요.")
    for layer in layers:
        print(
            f"{layer.title_ko}\t{layer.count:,}개\t{layer.source}\t{layer.data_date}\t{layer.provider}\t{layer.licence}"
        )
    return EXIT_OK


def _init() -> int:
    """What the app does when it first opens the store, done before the server starts: at 100,000 services
    the build takes seconds that the first visitor would otherwise wait."""
    settings = load_settings()
    existed = open_store(settings, initialise=False).is_initialised()
    store = open_store(settings)
    outcome = upgrade_store(store, settings.data_dir)
    counts = store.read_data()
    done = "저장소가 이미 있습니다" if existed else "저장소를 만들었습니다"
    print(
        f"{done}: 스마트서비스 {len(counts.services):,}건, 대상지 {len(counts.areas):,}곳, "
        f"행정 경계 {len(counts.boundaries):,}개"
    )
    if outcome.backup is not None:
        print(f"이전 데이터 파일로 만든 저장소를 다시 만들었습니다 (백업: {outcome.backup.name}).")
    elif outcome.decision.action is UpgradeAction.NOTICE:
        print(f"알림: {outcome.decision.reason}")
    return EXIT_OK


def _accessibility_report(args: argparse.Namespace) -> int:
    rows, written = run_report(load_settings(), _lang(args), args.out, args.url)  # --lang: the table's language
    for path in written:
        print(f"썼습니다: {path}")
    # Exit 1 when a check failed, so a scheduled run can alert; "not run" rows do not fail it.
    return EXIT_FAILED if any(row.result == FAIL for row in rows) else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command in ("import", "validate"):
        return _import(args)
    if args.command == "init":
        return _init()
    if args.command == "layers":
        return _layers()
    if args.command == "backup":
        info = open_store(load_settings()).backup(keep=args.keep)
        # deploy: the journal's record of the run (PostGIS backups are logged by deploy/bin/dashboard-backup.sh)
        log_event("backup", backend="geopackage", file=str(info.path), bytes=info.size_bytes, keep=args.keep)
        print(f"백업했습니다: {info.path} ({info.size_bytes:,}바이트, 최신 {args.keep}개 보관)")
        return EXIT_OK
    if args.command == "backups":
        backups = open_store(load_settings()).list_backups()
        if not backups:
            print("백업이 없습니다. python -m geo backup 으로 만드세요.")
        for info in backups:
            print(f"{info.name}\t{info.created_at:%Y-%m-%d %H:%M:%S}\t{info.size_bytes:,}바이트")
        return EXIT_OK
    if args.command == "restore":
        safety = open_store(load_settings()).restore(args.name, user=_user(args.user))
        print(f"{args.name}에서 복원했습니다. 복원 전 상태는 {safety.name}에 백업했습니다.")
        return EXIT_OK
    if args.command == "unlock":
        was_locked = open_store(load_settings()).unlock_account(args.username, user=_user(args.user))
        state = "잠금을 풀었습니다" if was_locked else "잠겨 있지 않았습니다. 실패 횟수만 0으로 했습니다"
        print(f"계정 '{args.username}': {state} (감사 기록에 남겼습니다).")
        return EXIT_OK
    if args.command == "voice":  # citizens' voice: retention
        settings = load_settings()
        days = args.older_than if args.older_than is not None else settings.voice_retention_days
        opinions, reactions = open_store(settings).purge_voice(days, user=_user(args.user))
        print(f"{days}일이 지난 시민 의견 {opinions}건, 필요해요 기록 {reactions}건을 지웠습니다 (감사 기록에 남김).")
        return EXIT_OK
    if args.command == "accessibility-report":
        return _accessibility_report(args)
    if args.command == "add-user":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass("비밀번호: ")
            if getpass.getpass("비밀번호 확인: ") != password:
                print("두 비밀번호가 다릅니다. 다시 실행하세요.", file=sys.stderr)
                return EXIT_FAILED
        secrets = args.secrets or load_settings().secrets_file
        user = add_user(args.username, password, display_name=args.display_name, secrets_path=secrets)
        print(f"계정 '{user.username}'({user.display_name})을(를) {secrets}에 저장했습니다.")
        return EXIT_OK
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; messages for people go to stdout/stderr, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (StoreError, AuthError, SettingsError, ValueError) as error:
        # A coded error words itself in the reader's language; the rest are still Korean sentences.
        text = error.text(_lang(args)) if isinstance(error, StoreError | ProblemError) else str(error)
        print(render("cli.error", {"text": text}, _lang(args)), file=sys.stderr)
        return EXIT_FAILED
    except DataError as error:
        print(render("cli.data_folder_broken", {}, _lang(args)), file=sys.stderr)
        print("\n".join(error.report.messages(lang=_lang(args))), file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
