"""Structured log lines: one JSON object per line for imports, edits, sign-ins, backups and failures.

Operators read these with ``journalctl -u 'dashboard@*' -o cat`` (systemd) or the
rotated file, and count them per minute for alerts (see deploy/README.md). Each
line has ``ts`` (UTC, ISO 8601), ``level``, ``event``, ``pid`` and the fields the
call site gives. A failure gets an **incident id** that the error page shows, so
a user's report ("사건 번호 3F9A0C12") finds the traceback in the log.
Passwords never go through here; long texts are cut.
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
from datetime import UTC, datetime
from typing import IO, Any

LOGGER_NAME = "dashboard"
MAX_FIELD_CHARS = 500


class JsonLineFormatter(logging.Formatter):
    """Formats a record as one JSON line; the structured fields ride in ``record.fields``."""

    def format(self, record: logging.LogRecord) -> str:
        fields = dict(getattr(record, "fields", {}))
        message = record.getMessage()
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            # Lines from log_event name their event; any other line on this logger keeps its text.
            "event": fields.pop("event", message),
            "pid": record.process,
        }
        if line["event"] != message:
            line["message"] = message
        line.update(fields)
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)[-4000:]
        return json.dumps(line, ensure_ascii=False, default=str)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        return value[:MAX_FIELD_CHARS] + f"…(+{len(value) - MAX_FIELD_CHARS})"
    return value


def logger(stream: IO[str] | None = None) -> logging.Logger:
    """The dashboard's logger, writing JSON lines to ``stream`` (default stderr: journald under systemd).

    Idempotent: the handler is added once per process; Streamlit's own log lines stay separate.
    Records still propagate (no root handler runs under ``streamlit run``; pytest's ``caplog`` sees them).
    """
    log = logging.getLogger(LOGGER_NAME)
    if not any(getattr(handler, "_dashboard", False) for handler in log.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(JsonLineFormatter())
        handler._dashboard = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return log


def log_event(event: str, *, level: int = logging.INFO, **fields: Any) -> dict[str, Any]:
    """Write one structured line for ``event`` (one of ``EVENTS``); returns the fields written."""
    clean = {key: _short(value) for key, value in fields.items()}
    logger().log(level, event, extra={"fields": {"event": event, **clean}})
    return clean


def log_incident(where: str, error: BaseException, **fields: Any) -> str:
    """Log an unexpected failure with its traceback; return the incident id the error page shows."""
    incident = secrets.token_hex(4).upper()  # 8 characters: short enough to read out over the phone
    clean = {key: _short(value) for key, value in fields.items()}
    logger().error(
        "incident %s: unexpected %s in %s",
        incident,
        type(error).__name__,
        where,
        exc_info=error,
        extra={
            "fields": {"event": "failure", "incident": incident, "where": where, "error": type(error).__name__, **clean}
        },
    )
    return incident
