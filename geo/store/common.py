"""Shared pieces of the store: names, errors, records, value conversion and the transaction cursor."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import shapely
from shapely.geometry.base import BaseGeometry

from geo.clock import KST, city_now
from geo.model.schema import AREAS, BOUNDARIES, SERVICES, Column, DatasetSchema
from geo.model.validation import Message, ValidationReport, as_message, message

BACKUP_KEEP = 10
STORE_SCHEMA_VERSION = "1"

LayerName = Literal["services", "areas", "boundaries"]
LAYERS: dict[str, DatasetSchema] = {"services": SERVICES, "areas": AREAS, "boundaries": BOUNDARIES}
# Fields of a service whose every change is kept in change_history.
TRACKED_FIELDS: tuple[str, ...] = ("status", "start_year", "end_year", "budget_krw_100m")
SEED_USER = "초기 데이터"

OWN_TABLES = (
    "store_meta",
    "documents",
    "services",
    "areas",
    "boundaries",
    "change_history",
    "column_mappings",
    "audit_log",
    "reference_layers",
    "reference_points",
    "sign_in_attempts",
    "sign_in_locks",
    # citizens' voice (geo.store.voice)
    "voice_reactions",
    "voice_opinions",
    "voice_limits",
)
# Tables added after the first release; ``initialise`` adds them to older stores.
ADDED_TABLES = (
    "reference_layers",
    "reference_points",
    "sign_in_attempts",
    "sign_in_locks",
    # citizens' voice (geo.store.voice)
    "voice_reactions",
    "voice_opinions",
    "voice_limits",
)


# The public reference layers' folder (its manifest and files) a store is also seeded from.
REFERENCE_FOLDER = "reference"
# The text files a store is created from (see geo.loaders).
SEED_FILES = ("plan.yaml", "boundaries.geojson", "areas.geojson", "services.geojson", "status_history.csv")

# Columns of change_history added after its first version: an older store gains them empty.
HISTORY_ADDED_COLUMNS = ("reason_en",)

# Columns of Store.change_history: one row per changed field.
CHANGE_HISTORY_COLUMNS = (
    "service_id",
    "field",
    "old_value",
    "new_value",
    "changed_at",
    "changed_by",
    "reason",
    "reason_en",
    "is_sample",
    "source",
)


class StoreError(Exception):
    """A store operation that cannot be done; ``detail`` says why and what to do, worded per language.

    ``str(error)`` is the Korean (logs, the command line); a page shows ``error.text(lang)``.
    """

    def __init__(self, detail: str | Message) -> None:
        self.detail = as_message(detail)
        super().__init__(self.detail.text("ko"))

    def text(self, lang: str = "ko") -> str:
        """Why, and what to do, in ``lang``."""
        return self.detail.text(lang)


class ConflictError(StoreError):
    """A service was changed by someone else after it was read; nothing was written."""

    def __init__(
        self,
        service_id: str,
        read_version: int,
        current_version: int,
        changed_by: str | None,
        changed_at: datetime | None,
    ):
        self.service_id = service_id
        self.read_version = read_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = message("edit_conflict.who", name=changed_by) if changed_by else message("edit_conflict.someone")
        when = message("edit_conflict.when", moment=f"{changed_at:%Y-%m-%d %H:%M}") if changed_at else ""
        super().__init__(
            message("edit_conflict", id=service_id, who=who, when=when, read=read_version, current=current_version)
        )


class InvalidChangeError(StoreError):
    """A service edit with values the schema does not allow; carries the report."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__("\n".join(report.messages()))

    def text(self, lang: str = "ko") -> str:
        return "\n".join(self.report.messages(lang=lang))


@dataclass(frozen=True)
class ServiceRecord:
    """One service row as stored, with the version an edit must state."""

    service_id: str
    version: int
    values: dict[str, Any]  # schema columns, typed as in DashboardData.services
    modified_by: str | None
    modified_at: datetime | None


@dataclass(frozen=True)
class WriteResult:
    """What a layer write did: rows written, services whose tracked fields changed, history rows added."""

    layer: str
    mode: str
    rows_written: int
    rows_removed: int
    changed_service_ids: tuple[str, ...] = ()
    history_rows: int = 0


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    created_at: datetime
    size_bytes: int


# --- value conversion --------------------------------------------------------------------------------


def store_now(now: datetime | None) -> datetime:
    value = now or city_now()
    return value if value.tzinfo else value.replace(tzinfo=KST)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)


def from_db(value: Any, column: Column) -> Any:
    """A stored cell back to the Python type the loaders produce (object columns, None for null)."""
    if value is None:
        return False if column.kind == "bool" else None
    if column.kind == "text":
        return str(value)
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    if column.kind == "bool":
        return bool(value)
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def from_db_column(values: list[Any], column: Column) -> list[Any]:
    """``from_db`` of a whole column; text, most columns, without a call per cell."""
    if column.kind == "text":
        return [v if v is None or type(v) is str else str(v) for v in values]
    # The types both drivers already give pass as they are: a call per cell cost ~0.6 s at 100,000 services.
    if column.kind == "int":
        return [v if v is None or type(v) is int else int(v) for v in values]
    if column.kind == "float":
        return [v if v is None or type(v) is float else float(v) for v in values]
    if column.kind == "bool":
        return [bool(v) for v in values]  # bool(None) is False, as from_db gives
    # Dates come as ISO text from SQLite: each distinct text is parsed once.
    parsed: dict[Any, Any] = {}
    return [
        None if v is None else parsed[v] if v in parsed else parsed.setdefault(v, from_db(v, column)) for v in values
    ]


def history_text(value: Any) -> str | None:
    return None if value is None else str(value)


class Tx:
    """A cursor with ``?`` placeholders on both backends."""

    def __init__(self, cursor: Any, placeholder: str):
        self._cursor = cursor
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def _run(self, sql: str, params: Sequence[Any]) -> None:
        # Without parameters psycopg must not parse placeholders at all.
        if params:
            self._cursor.execute(self._sql(sql), tuple(params))
        else:
            self._cursor.execute(sql)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._run(sql, params)
        return int(self._cursor.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._cursor.executemany(self._sql(sql), [tuple(r) for r in rows])

    def copy_rows(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """PostgreSQL's COPY … FROM STDIN with ``rows`` (psycopg cursors only)."""
        with self._cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._run(sql, params)
        return [tuple(r) for r in self._cursor.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None


def wkb_hex(geometry: BaseGeometry | None) -> str | None:
    return None if geometry is None else shapely.to_wkb(geometry, hex=True, byte_order=1)


def plain(value: Any) -> Any:
    """Backend-neutral cell values for ``dump``: booleans as 0/1, dates as ISO text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def check_layer(layer: str) -> None:
    if layer not in LAYERS:
        raise StoreError(message("layer_unknown", layer=layer, allowed=list(LAYERS)))


def seed_signature(data_dir: Path) -> str:
    """A fingerprint of the text datasets in ``data_dir`` (names and contents)."""
    files = [data_dir / name for name in SEED_FILES]
    reference = data_dir / REFERENCE_FOLDER
    files += sorted(p for p in reference.iterdir() if p.is_file()) if reference.is_dir() else []
    # Hashing 100 MB of services took ~0.1 s, three times per cold start: the same files are hashed once.
    stats = tuple((str(p), *_stat(p)) for p in files)
    return _signature(str(data_dir), stats)


def data_folder_label(data_dir: Path) -> Message:
    """The data folder as an audit row names it: its own name and the start of its :func:`seed_signature`.

    Enough to tell which data a store was made or upgraded from (the signature is in ``store_meta`` too),
    without the server's path, which a backup or a forwarded log would carry.
    """
    return message("audit_data_folder", name=data_dir.name, signature=seed_signature(data_dir)[:12])


def _stat(path: Path) -> tuple[int, int, int, int]:
    """What tells a file's versions apart without reading it: size, mtime and also ctime and inode, which
    copying with the time kept (cp -p, rsync -a, unzip) cannot carry over; (-1, ...) when it is missing."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (-1, -1, -1, -1)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@functools.lru_cache(maxsize=8)
def _signature(data_dir: str, stats: tuple[tuple[str, int, int, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, size, *_ in stats:
        path = Path(name)
        relative = path.relative_to(data_dir).as_posix()
        digest.update(relative.encode())
        digest.update(path.read_bytes() if size >= 0 else b"")
    return digest.hexdigest()
