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
from collections.abc import Iterable, Sequence
from pathlib import Path

from geo.accessibility import FAIL, run_report
from geo.auth import AuthError, add_user
from geo.i18n import LANGUAGES, localized, t
from geo.i18n.lookup import language_in
from geo.i18n.problems import ProblemError, render
from geo.importer import (
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
from geo.model.schema import WRITE_MODES
from geo.model.validation import DataError
from geo.settings import SettingsError, load_settings
from geo.spatial import city_outline
from geo.store import BACKUP_KEEP, LAYERS, Store, StoreError, open_store
from geo.upgrade import UpgradeAction, upgrade_store

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 3


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    """argparse's help formatter with its "usage: " worded in ``lang``."""
    usage_prefix = t("cli.usage", lang)

    class LocalizedHelpFormatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(usage, actions, groups, usage_prefix if prefix is None else prefix)

    return LocalizedHelpFormatter


def _help(parser: argparse.ArgumentParser, lang: str) -> None:
    """The options every command takes: help, and the language of everything it prints (argparse's own
    headings too)."""
    parser.formatter_class = _formatter(lang)
    parser._optionals.title = t("cli.options", lang)
    parser._positionals.title = t("cli.positionals", lang)
    parser.add_argument("-h", "--help", action="help", help=t("cli.opt.help", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.opt.lang", lang))


def _file_options(sub: argparse.ArgumentParser, lang: str) -> None:
    sub.add_argument("file", type=Path, help=t("cli.arg.file", lang))
    sub.add_argument("--layer", required=True, choices=[*LAYERS, REFERENCE_LAYER], help=t("cli.arg.layer", lang))
    sub.add_argument("--title", help=t("cli.arg.title", lang))
    sub.add_argument("--title-en", default="", help=t("cli.arg.title_en", lang))
    sub.add_argument("--licence", default="", help=t("cli.arg.licence", lang))
    sub.add_argument(
        "--map", action="append", default=[], metavar=t("cli.arg.map_metavar", lang), help=t("cli.arg.map", lang)
    )
    sub.add_argument("--crs", help=t("cli.arg.crs", lang))
    sub.add_argument("--encoding", help=t("cli.arg.encoding", lang))


def _parser(lang: str = "ko") -> argparse.ArgumentParser:
    """The command line, its help worded in ``lang``."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=t("cli.description", lang), add_help=False)
    _help(parser, lang)
    word = t("cli.commands", lang)
    commands = parser.add_subparsers(dest="command", required=True, metavar=word, title=word)

    def command(name: str, key: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, add_help=False, help=t(key, lang))
        _help(sub, lang)
        return sub

    importing = command("import", "cli.cmd.import")
    _file_options(importing, lang)
    importing.add_argument("--mode", choices=WRITE_MODES, default="replace", help=t("cli.arg.mode", lang))
    importing.add_argument("--yes", action="store_true", help=t("cli.arg.yes", lang))
    importing.add_argument("--user", default=None, help=t("cli.arg.user_history", lang))

    _file_options(command("validate", "cli.cmd.validate"), lang)
    command("init", "cli.cmd.init")
    command("layers", "cli.cmd.layers")

    backing = command("backup", "cli.cmd.backup")
    backing.add_argument("--keep", type=int, default=BACKUP_KEEP, help=t("cli.arg.keep", lang, keep=BACKUP_KEEP))

    command("backups", "cli.cmd.backups")

    restoring = command("restore", "cli.cmd.restore")
    restoring.add_argument("name", help=t("cli.arg.backup_name", lang))
    restoring.add_argument("--user", default=None, help=t("cli.arg.user_audit", lang))

    unlocking = command("unlock", "cli.cmd.unlock")
    unlocking.add_argument("username", help=t("cli.arg.unlock_username", lang))
    unlocking.add_argument("--user", default=None, help=t("cli.arg.user_admin", lang))
    # citizens' voice: retention
    voicing = command("voice", "cli.cmd.voice")
    task = t("cli.voice_commands", lang)
    voice_commands = voicing.add_subparsers(dest="voice_command", required=True, metavar=task, title=task)
    purging = voice_commands.add_parser("purge", add_help=False, help=t("cli.cmd.voice_purge", lang))
    _help(purging, lang)
    purging.add_argument(
        "--older-than",
        type=int,
        default=None,
        metavar=t("cli.arg.days_metavar", lang),
        help=t("cli.arg.older_than", lang),
    )
    purging.add_argument("--user", default=None, help=t("cli.arg.user_audit", lang))

    reporting = command("accessibility-report", "cli.cmd.accessibility_report")
    reporting.add_argument("--out", type=Path, help=t("cli.arg.out", lang))
    reporting.add_argument("--url", action="append", default=[], help=t("cli.arg.url", lang))

    adding = command("add-user", "cli.cmd.add_user")
    adding.add_argument("username", help=t("cli.arg.new_username", lang))
    adding.add_argument("--display-name", help=t("cli.arg.display_name", lang))
    adding.add_argument("--password-stdin", action="store_true", help=t("cli.arg.password_stdin", lang))
    adding.add_argument("--secrets", type=Path, help=t("cli.arg.secrets", lang))
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
            raise ValueError(t("cli.title_needed", _lang(args)))
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


def _what_replace_does(preview: ImportPreview | ReferencePreview, lang: str) -> str:
    if isinstance(preview, ReferencePreview):
        stored = preview.replaces[1] if preview.replaces else 0
        count = preview.layer.count if preview.layer is not None else 0
        return t("cli.replace_points", lang, stored=stored, count=count)
    return preview.replace_text(lang)


def _backup_before_replace(store: Store, lang: str) -> None:
    """Back up the store as the data page does before a write (the GeoPackage store only)."""
    if store.backend == "geopackage":
        info = store.backup()
        print(t("cli.backed_up", lang, name=info.name))


def _import(args: argparse.Namespace) -> int:
    lang = _lang(args)
    store, preview = _preview(args, create_store=args.command == "import")
    if isinstance(preview, ReferencePreview):
        print("\n".join(preview.summary_lines(lang=lang)))
    else:
        print("\n".join(preview.summary_lines(mode=getattr(args, "mode", None))))
    if not preview.ok:
        return EXIT_FAILED
    if args.command == "validate":
        return EXIT_OK
    replacing = bool(preview.replaces) if isinstance(preview, ReferencePreview) else args.mode == "replace"
    action = "replace" if replacing else "append"
    target = (
        t("cli.target_reference", lang, title=preview.title)
        if isinstance(preview, ReferencePreview)
        else t("cli.target_layer", lang, layer=args.layer)
    )
    effect = f" {_what_replace_does(preview, lang)}." if replacing else ""
    if replacing and store.backend != "geopackage":
        # The app cannot copy a PostgreSQL database; say so before the question, so staff can stop and pg_dump.
        print(t("cli.no_postgres_backup", lang))
    question = t(f"cli.confirm_{action}", lang, store=store.describe(lang), target=target, effect=effect)
    if not args.yes and not _confirm(question):
        print(t("cli.cancelled", lang))
        return EXIT_CANCELLED
    if replacing:
        _backup_before_replace(store, lang)
    done = t(f"cli.done_{action}", lang)
    if isinstance(preview, ReferencePreview):
        result = commit_reference(store, preview, user=_user(args.user))
        print(
            t("cli.saved_reference", lang, title=preview.title, layer=result.layer, rows=result.rows_written, done=done)
        )
        return EXIT_OK
    result = commit_import(store, preview, mode=args.mode, user=_user(args.user))
    print(
        t("cli.saved", lang, layer=result.layer, rows=result.rows_written, done=done)
        + (t("cli.saved_removed", lang, removed=result.rows_removed) if result.mode == "replace" else "")
        + (t("cli.saved_history", lang, history=result.history_rows) if result.history_rows else "")
    )
    return EXIT_OK


def _layers(lang: str) -> int:
    store = open_store(load_settings())
    layers = store.reference_layers()
    if not layers:
        print(t("cli.no_layers", lang))
    for layer in layers:
        # The title in the reader's language when the layer has one; source, provider and licence are the data's.
        title = localized({"title_ko": layer.title_ko, "title_en": layer.title_en}, "title", lang)
        described = {"source": layer.source, "date": layer.data_date, "provider": layer.provider}
        print(t("cli.layer_row", lang, title=title, count=layer.count, licence=layer.licence, **described))
    return EXIT_OK


def _init(lang: str) -> int:
    """What the app does when it first opens the store, done before the server starts: at 100,000 services
    the build takes seconds that the first visitor would otherwise wait."""
    settings = load_settings()
    existed = open_store(settings, initialise=False).is_initialised()
    store = open_store(settings)
    outcome = upgrade_store(store, settings.data_dir)
    counts = store.read_data()
    done = t("cli.init_existed" if existed else "cli.init_created", lang)
    sizes = {"services": len(counts.services), "areas": len(counts.areas), "boundaries": len(counts.boundaries)}
    print(t("cli.init_counts", lang, done=done, **sizes))
    if outcome.backup is not None:
        print(t("cli.init_rebuilt", lang, name=outcome.backup.name))
    elif outcome.decision.action is UpgradeAction.NOTICE:
        print(t("cli.notice", lang, reason=outcome.decision.reason.text(lang)))
    return EXIT_OK


def _accessibility_report(args: argparse.Namespace) -> int:
    rows, written = run_report(load_settings(), _lang(args), args.out, args.url)  # --lang: the table's language
    for path in written:
        print(t("cli.wrote", _lang(args), path=path))
    # Exit 1 when a check failed, so a scheduled run can alert; "not run" rows do not fail it.
    return EXIT_FAILED if any(row.result == FAIL for row in rows) else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    lang = _lang(args)
    if args.command in ("import", "validate"):
        return _import(args)
    if args.command == "init":
        return _init(lang)
    if args.command == "layers":
        return _layers(lang)
    if args.command == "backup":
        info = open_store(load_settings()).backup(keep=args.keep)
        # deploy: the journal's record of the run (PostGIS backups are logged by deploy/bin/dashboard-backup.sh)
        log_event("backup", backend="geopackage", file=str(info.path), bytes=info.size_bytes, keep=args.keep)
        print(t("cli.backup_done", lang, path=info.path, size=info.size_bytes, keep=args.keep))
        return EXIT_OK
    if args.command == "backups":
        backups = open_store(load_settings()).list_backups()
        if not backups:
            print(t("cli.no_backups", lang))
        for info in backups:
            print(t("cli.backup_row", lang, name=info.name, created=info.created_at, size=info.size_bytes))
        return EXIT_OK
    if args.command == "restore":
        safety = open_store(load_settings()).restore(args.name, user=_user(args.user))
        print(t("cli.restored", lang, name=args.name, safety=safety.name))
        return EXIT_OK
    if args.command == "unlock":
        was_locked = open_store(load_settings()).unlock_account(args.username, user=_user(args.user))
        state = t("cli.unlocked" if was_locked else "cli.not_locked", lang)
        print(t("cli.unlock", lang, username=args.username, state=state))
        return EXIT_OK
    if args.command == "voice":  # citizens' voice: retention
        settings = load_settings()
        days = args.older_than if args.older_than is not None else settings.voice_retention_days
        opinions, reactions = open_store(settings).purge_voice(days, user=_user(args.user))
        print(t("cli.voice_purged", lang, days=days, opinions=opinions, reactions=reactions))
        return EXIT_OK
    if args.command == "accessibility-report":
        return _accessibility_report(args)
    if args.command == "add-user":
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass(t("cli.password", lang))
            if getpass.getpass(t("cli.password_again", lang)) != password:
                print(t("cli.passwords_differ", lang), file=sys.stderr)
                return EXIT_FAILED
        secrets = args.secrets or load_settings().secrets_file
        user = add_user(args.username, password, display_name=args.display_name, secrets_path=secrets)
        print(t("cli.user_saved", lang, username=user.username, display=user.display_name, secrets=secrets))
        return EXIT_OK
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; messages for people go to stdout/stderr, never a traceback."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = _parser(language_in(words)).parse_args(words)
    try:
        return _run(args)
    except (StoreError, AuthError, SettingsError, ValueError) as error:
        # A coded error words itself in the reader's language; a plain one is worded by whoever raised it.
        text = error.text(_lang(args)) if isinstance(error, StoreError | ProblemError) else str(error)
        print(render("cli.error", {"text": text}, _lang(args)), file=sys.stderr)
        return EXIT_FAILED
    except DataError as error:
        print(render("cli.data_folder_broken", {}, _lang(args)), file=sys.stderr)
        print("\n".join(error.report.messages(lang=_lang(args))), file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
