"""Health for the proxy and monitoring: more than "the process is up".

``python -m geo.health check`` (or just ``python -m geo.health``) prints one JSON
report and exits 0 (ok), 1 (warn) or 2 (fail), for a monitoring agent or a cron mail. ``python -m geo.health serve``
answers ``GET /healthz`` with the same JSON (HTTP 200 for ok/warn, 503 for fail),
for nginx and an HTTP monitor. The report says:

- whether the store answers (GeoPackage file or PostGIS) and its data revision,
- how old the newest backup is (``python -m geo backup`` files, or the ``pg_dump``
  files in ``--backup-dir``), a warning past ``--max-backup-age-hours``,
- whether each app instance answers Streamlit's own ``/_stcore/health``,
- which speech engine the kiosk's 읽어 주기 uses (``geo.speech``); on a kiosk server
  (``DASHBOARD_MODE=kiosk``) a missing engine is a warning, since the button is then off.

Why a separate small process and not a route inside the app: Streamlit 1.67
serves the app with Starlette/uvicorn, and extra routes are only possible by
running the app through ``st.App(...)`` under uvicorn instead of ``streamlit
run`` (a different start-up path for every instance). A route inside the app
would also answer "ok" from an instance whose sessions are stuck, and stop
answering at all exactly when a report is most needed. This process only reads
(the store and the backup folder), has no Streamlit session, and can probe
every instance from outside as nginx sees them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from geo.i18n import LANGUAGES, t
from geo.i18n.lookup import language_in
from geo.i18n.problems import render
from geo.logs import log_event
from geo.model.validation import DataError
from geo.settings import Settings, SettingsError, load_settings
from geo.speech import SpeechEngine, find_engine
from geo.store import StoreError, open_store

OK, WARN, FAIL = "ok", "warn", "fail"
EXIT_CODES = {OK: 0, WARN: 1, FAIL: 2}
DEFAULT_MAX_BACKUP_AGE_H = 26.0  # a daily backup plus slack for a slow night
BACKUP_SUFFIXES = (".gpkg", ".dump", ".sql", ".sql.gz")


@dataclass
class InstanceHealth:
    url: str
    ok: bool
    ms: float | None
    error: str | None = None


@dataclass
class HealthReport:
    status: str
    checked_at: str
    store: str
    store_ok: bool
    revision: str | None
    last_backup: str | None
    last_backup_age_h: float | None
    instances: list[InstanceHealth] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    speech: str | None = None  # the read-aloud engine and its languages, None where none is installed

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def probe_instance(url: str, timeout_s: float = 3.0) -> InstanceHealth:
    """Ask one app instance's ``/_stcore/health``; the time it took says how loaded it is."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/_stcore/health", timeout=timeout_s) as response:
            ok = response.status == 200
    except OSError as error:
        return InstanceHealth(url, False, None, str(getattr(error, "reason", error))[:200])
    return InstanceHealth(url, ok, round((time.perf_counter() - started) * 1000, 1))


def newest_backup(folder: Path) -> Path | None:
    """The newest backup file in ``folder`` by modification time (hidden and partial files ignored)."""
    if not folder.is_dir():
        return None
    files = [
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name.endswith(BACKUP_SUFFIXES)
    ]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


def check_health(
    settings: Settings,
    *,
    instances: Sequence[str] = (),
    backup_dir: Path | None = None,
    max_backup_age_h: float = DEFAULT_MAX_BACKUP_AGE_H,
    now: datetime | None = None,
    probe: Callable[[str], InstanceHealth] = probe_instance,
    speech_engine: Callable[[], SpeechEngine | None] = find_engine,
) -> HealthReport:
    """Check the store, the newest backup and the instances; never raises for a broken part."""
    moment = now or datetime.now(UTC)
    problems: list[str] = []
    revision = None
    store_ok = False
    backups: list[tuple[str, float]] = []  # (name, when it was made, epoch seconds)
    try:
        store = open_store(settings, initialise=False)
        describe = store.describe("en")
        if store.is_initialised():
            revision = store.revision()
            store_ok = True
            if backup_dir is None and store.backend != "postgis":
                backups = [(b.name, b.created_at.timestamp()) for b in store.list_backups()[:1]]
        else:
            problems.append(f"store not initialised: {describe}")
    except (StoreError, DataError, OSError) as error:
        describe = "unreachable"
        problems.append(f"store: {str(error)[:300]}")
    if backup_dir is not None:
        newest = newest_backup(backup_dir)
        if newest is not None:
            backups = [(newest.name, newest.stat().st_mtime)]
    last_backup, age_h = (backups[0][0], (moment.timestamp() - backups[0][1]) / 3600) if backups else (None, None)
    if last_backup is None:
        problems.append("no backup found")
    elif age_h is not None and age_h > max_backup_age_h:
        problems.append(f"newest backup is {age_h:.1f} h old (limit {max_backup_age_h:g} h)")
    checked = [probe(url) for url in instances]
    down = [i.url for i in checked if not i.ok]
    if down:
        problems.append("instances not answering: " + ", ".join(down))
    engine = speech_engine()
    if engine is None and settings.is_kiosk:
        problems.append("speech engine not installed: the kiosk's read-aloud button is off (apt-get install espeak-ng)")
    if not store_ok or (checked and len(down) == len(checked)):
        status = FAIL
    elif problems:
        status = WARN
    else:
        status = OK
    return HealthReport(
        status=status,
        checked_at=moment.isoformat(timespec="seconds"),
        store=describe,
        store_ok=store_ok,
        revision=revision,
        last_backup=last_backup,
        last_backup_age_h=None if age_h is None else round(age_h, 2),
        instances=checked,
        problems=problems,
        speech=None if engine is None else engine.describe(),
    )


class _CachedCheck:
    """At most one check per ``ttl_s`` however often nginx or monitors ask (the store is not hammered)."""

    def __init__(self, run: Callable[[], HealthReport], ttl_s: float):
        self._run, self._ttl = run, ttl_s
        self._lock = threading.Lock()
        self._at = -float("inf")
        self._report: HealthReport | None = None

    def get(self) -> HealthReport:
        with self._lock:
            if self._report is None or time.monotonic() - self._at > self._ttl:
                previous = self._report.status if self._report else None
                self._report = self._run()
                self._at = time.monotonic()
                if self._report.status != previous:
                    log_event("health", status=self._report.status, problems=self._report.problems)
            return self._report


def make_server(bind: str, port: int, check: Callable[[], HealthReport], ttl_s: float = 5.0) -> ThreadingHTTPServer:
    """An HTTP server answering ``GET /healthz`` (JSON; 503 when the status is fail)."""
    cached = _CachedCheck(check, ttl_s)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the http.server API names it so
            if self.path.split("?", 1)[0] not in ("/healthz", "/"):
                self.send_error(404)
                return
            report = cached.get()
            body = report.to_json().encode("utf-8")
            self.send_response(503 if report.status == FAIL else 200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # one line per probe would drown the log; status changes are logged instead

    return ThreadingHTTPServer((bind, port), Handler)


def _parser(lang: str = "ko") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo.health", description=t("health.description", lang))
    parser.add_argument(
        "command", nargs="?", default="check", choices=("check", "serve"), help=t("health.arg.command", lang)
    )
    parser.add_argument("--instance", action="append", default=[], metavar="URL", help=t("health.arg.instance", lang))
    parser.add_argument("--backup-dir", type=Path, help=t("health.arg.backup_dir", lang))
    parser.add_argument("--max-backup-age-hours", type=float, default=DEFAULT_MAX_BACKUP_AGE_H)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8590)
    parser.add_argument("--lang", choices=LANGUAGES, default="ko", help=t("health.arg.lang", lang))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = _parser(language_in(words)).parse_args(words)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(render("cli.error", {"text": error.text(args.lang)}, args.lang), file=sys.stderr)
        return EXIT_CODES[FAIL]

    def run() -> HealthReport:
        return check_health(
            settings, instances=args.instance, backup_dir=args.backup_dir, max_backup_age_h=args.max_backup_age_hours
        )

    if args.command == "check":
        report = run()
        print(report.to_json())
        return EXIT_CODES[report.status]
    server = make_server(args.bind, args.port, run)
    print(f"http://{args.bind}:{args.port}/healthz", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
