"""Structured log lines: one JSON object per line for imports, edits, sign-ins, backups and failures.

Operators read these with ``journalctl -u 'dashboard@*' -o cat`` (systemd) or the
rotated file, and count them per minute for alerts (see deploy/README.md). Each
line has ``ts`` (UTC, ISO 8601), ``level``, ``event``, ``pid`` and the fields the
call site gives. A failure gets an **incident id** that the error page shows, so
a user's report ("사고 번호 20261128-2041-7f3a9c") finds the traceback in the log.
Passwords never go through here; long texts are cut.
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
import traceback
from datetime import UTC, datetime
from typing import IO, Any

LOGGER_NAME = "dashboard"
MAX_FIELD_CHARS = 500
# The events an operator counts; call sites use these names so alerts do not drift.
EVENTS = ("import", "edit", "restore", "backup", "sign_in", "failure", "health")


class JsonLineFormatter(logging.Formatter):
    """Formats a record as one JSON line; the structured fields ride in ``record.fields``."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            "pid": record.process,
        }
        line.update(getattr(record, "fields", {}))
        return json.dumps(line, ensure_ascii=False, default=str)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        return value[:MAX_FIELD_CHARS] + f"…(+{len(value) - MAX_FIELD_CHARS})"
    return value


def logger(stream: IO[str] | None = None) -> logging.Logger:
    """The dashboard's logger, writing JSON lines to ``stream`` (default stderr: journald under systemd).

    Idempotent: the handler is added once per process; Streamlit's own log lines stay separate.
    """
    log = logging.getLogger(LOGGER_NAME)
    if not any(getattr(handler, "_dashboard", False) for handler in log.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(JsonLineFormatter())
        handler._dashboard = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> dict[str, Any]:
    """Write one structured line for ``event`` (one of ``EVENTS``); returns the fields written."""
    clean = {key: _short(value) for key, value in fields.items()}
    logger().log(level, event, extra={"fields": clean})
    return clean


def new_incident_id(now: datetime | None = None) -> str:
    """A short id a person can read over the phone: UTC date and minute plus 6 random hex digits."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%d-%H%M}-{secrets.token_hex(3)}"


def log_incident(where: str, error: BaseException, **fields: Any) -> str:
    """Log an unexpected failure with its traceback and return the incident id to show the user."""
    incident = new_incident_id()
    log_event(
        "failure",
        level=logging.ERROR,
        incident=incident,
        where=where,
        error=type(error).__name__,
        message=str(error),
        traceback="".join(traceback.format_exception(error))[-4000:],
        **fields,
    )
    return incident
