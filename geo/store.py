"""The dashboard's editable data store: one interface, two backends.

* ``GeoPackageStore`` (default): one GeoPackage file, ``dashboard.gpkg``, in the
  store folder. It is a real GeoPackage (QGIS and GDAL open its ``services``,
  ``areas`` and ``boundaries`` layers) with a few extra tables for history,
  column mappings and the audit log. Created from the bundled text data on first
  use, in one step: built beside the target and moved into place only when complete.
* ``PostgisStore``: the same tables in a PostgreSQL/PostGIS schema, chosen by
  ``DATABASE_URL`` (``postgresql://user:pw@host:5432/db``), through psycopg 3.

``open_store(settings)`` picks the backend. Every write runs in one transaction:
an exception part-way leaves the previous state. Service edits use optimistic
concurrency: each service row has a ``version``; an edit states the version it
read, and a stale version raises ``ConflictError`` naming who changed the row
and when. Every change of ``status``, ``start_year``, ``end_year`` or
``budget_krw_100m`` is kept in ``change_history`` (who, when, old and new value,
reason). Geometry is stored in EPSG:4326.

Connections are opened per operation, so one store object can be shared by
Streamlit's threads (``st.cache_resource``).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import struct
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import shapely
import yaml
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.io import STORAGE_CRS
from geo.loaders import PLAN_FILE, DashboardData, load_dashboard_data
from geo.schema import AREAS, BOUNDARIES, SERVICES, STATUS_HISTORY, Column, DatasetSchema
from geo.settings import Settings
from geo.spatial import area_m2, assign_districts
from geo.validation import Problem, ValidationReport, validate_frame

STORE_FILE_NAME = "dashboard.gpkg"
BACKUP_DIR_NAME = "backups"
BACKUP_KEEP = 10
STORE_SCHEMA_VERSION = "1"
KST = timezone(timedelta(hours=9))

LayerName = Literal["services", "areas", "boundaries"]
WriteMode = Literal["replace", "append"]
LAYERS: dict[str, DatasetSchema] = {"services": SERVICES, "areas": AREAS, "boundaries": BOUNDARIES}
# Fields of a service whose every change is kept in change_history.
TRACKED_FIELDS: tuple[str, ...] = ("status", "start_year", "end_year", "budget_krw_100m")
SEED_USER = "초기 데이터"

_BACKUP_NAME = re.compile(r"^dashboard-(\d{8}-\d{6})(?:-(\d+))?\.gpkg$")
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_OWN_TABLES = (
    "store_meta",
    "documents",
    "services",
    "areas",
    "boundaries",
    "change_history",
    "column_mappings",
    "audit_log",
)


# The text files a store is created from (see geo.loaders).
SEED_FILES = ("plan.yaml", "boundaries.geojson", "areas.geojson", "services.geojson", "status_history.csv")

# Columns of Store.change_history: one row per changed field.
CHANGE_HISTORY_COLUMNS = (
    "service_id",
    "field",
    "old_value",
    "new_value",
    "changed_at",
    "changed_by",
    "reason",
    "is_sample",
    "source",
)


class StoreError(Exception):
    """A store operation that cannot be done; the message (Korean) says why and what to do."""


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
        who = f"{changed_by}님" if changed_by else "다른 사용자"
        when = f" {changed_at:%Y-%m-%d %H:%M}에" if changed_at else ""
        super().__init__(
            f"서비스 '{service_id}'은(는) 불러온 뒤에 {who}이{when} 먼저 변경했습니다 "
            f"(불러온 버전 {read_version}, 현재 버전 {current_version}). 이번 변경은 저장하지 않았습니다. "
            "최신 내용을 다시 불러와 확인한 뒤 다시 저장하세요."
        )


class InvalidChangeError(StoreError):
    """A service edit with values the schema does not allow; carries the report."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__("\n".join(report.messages()))


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


def _now(now: datetime | None) -> datetime:
    value = now or datetime.now(KST)
    return value if value.tzinfo else value.replace(tzinfo=KST)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _parse_stamp(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text)


def _from_db(value: Any, column: Column) -> Any:
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


def _history_text(value: Any) -> str | None:
    return None if value is None else str(value)


# --- GeoPackage geometry blobs (OGC 12-128r18, section 2.1.3) ---------------------------------------------

_GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _gpkg_blob(geometry: BaseGeometry | None) -> bytes | None:
    if geometry is None:
        return None
    if geometry.is_empty:
        return b"GP\x00" + bytes([0b00010001]) + struct.pack("<i", 4326) + shapely.to_wkb(geometry, byte_order=1)
    minx, miny, maxx, maxy = geometry.bounds
    # Flags: little-endian header (bit 0), envelope [minx, maxx, miny, maxy] (indicator 1 in bits 1-3).
    header = b"GP\x00" + bytes([0b00000011]) + struct.pack("<i4d", 4326, minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, output_dimension=2, byte_order=1, flavor="iso")


def _from_gpkg_blob(blob: bytes | None) -> BaseGeometry | None:
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise StoreError(
            "저장소의 도형 값이 GeoPackage 형식이 아닙니다 (파일이 손상되었을 수 있습니다: 백업에서 복원하세요)"
        )
    envelope = (blob[3] >> 1) & 0b111
    return shapely.from_wkb(blob[8 + _GPKG_ENVELOPE_BYTES[envelope] :])


# --- the interface -----------------------------------------------------------------------------------


class _Tx:
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
        return self._cursor.rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._cursor.executemany(self._sql(sql), [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self._run(sql, params)
        return [tuple(r) for r in self._cursor.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None


class Store(ABC):
    """The dashboard's data, read and written through transactions.

    Use ``open_store(settings)`` to get one. Backends differ only in their
    connection, column types and geometry encoding; all logic is here.
    """

    backend: str = ""
    _types: dict[str, str] = {}
    _id_column_sql: str = ""
    _geometry_sql: str = ""
    _false: str = "0"
    _geom_in: str = "?"

    # -- backend hooks --

    @abstractmethod
    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        """A write transaction: commits on success, rolls back on any exception."""

    @abstractmethod
    @contextmanager
    def _reading(self) -> Iterator[_Tx]:
        """A read-only snapshot, so several queries see one consistent state."""

    @abstractmethod
    def _geom_out(self, column: str) -> str: ...

    @abstractmethod
    def _encode_geometry(self, geometry: BaseGeometry | None) -> Any: ...

    @abstractmethod
    def _decode_geometry(self, value: Any) -> BaseGeometry | None: ...

    @abstractmethod
    def _table_exists(self, tx: _Tx, table: str) -> bool: ...

    def _after_create(self, tx: _Tx) -> None:
        """Backend extras after the tables exist (GeoPackage registry, spatial indexes)."""
        return None

    def _after_layer_write(self, tx: _Tx, layer: str, frame: gpd.GeoDataFrame) -> None:
        """Backend extras after a layer changed (the GeoPackage extent)."""
        return None

    def _sql_value(self, value: Any, column: Column) -> Any:
        return value

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages (a path, or the database without its password)."""

    # -- creation --

    def _ddl(self) -> list[str]:
        statements = [
            "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE documents (key TEXT PRIMARY KEY, content TEXT NOT NULL)",
        ]
        for layer, schema in LAYERS.items():
            columns = [f"fid {self._id_column_sql}"]
            for column in schema.columns:
                not_null = "" if column.nullable else " NOT NULL"
                unique = " UNIQUE" if column.name == schema.id_column else ""
                columns.append(f"{column.name} {self._types[column.kind]}{not_null}{unique}")
            if layer == "services":
                columns += ["version INTEGER NOT NULL DEFAULT 1", "modified_by TEXT", "modified_at TEXT"]
            columns.append(f"geom {self._geometry_sql}")
            statements.append(f"CREATE TABLE {layer} ({', '.join(columns)})")
        statements += [
            f"CREATE TABLE change_history (id {self._id_column_sql}, service_id TEXT NOT NULL, "
            "field TEXT NOT NULL, old_value TEXT, new_value TEXT, changed_at TEXT NOT NULL, "
            f"changed_by TEXT NOT NULL, reason TEXT, is_sample BOOLEAN NOT NULL DEFAULT {self._false}, "
            "source TEXT NOT NULL)",
            "CREATE INDEX change_history_service ON change_history (service_id, changed_at)",
            "CREATE TABLE column_mappings (layer TEXT NOT NULL, source_column TEXT NOT NULL, "
            "target_column TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, "
            "PRIMARY KEY (layer, source_column))",
            f"CREATE TABLE audit_log (id {self._id_column_sql}, at TEXT NOT NULL, user_name TEXT NOT NULL, "
            "action TEXT NOT NULL, detail TEXT)",
        ]
        return statements

    def is_initialised(self) -> bool:
        """True when the store's tables exist (``initialise`` has run)."""
        try:
            with self._reading() as tx:
                return self._table_exists(tx, "store_meta")
        except (StoreError, sqlite3.DatabaseError):
            return False

    @abstractmethod
    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        """Create the store from the text datasets in ``data_dir`` unless it exists.

        Parameters
        ----------
        data_dir : Path
            A folder as ``geo.loaders.load_dashboard_data`` reads it (the bundled ``data/``).
        now : datetime, optional
            The creation time (default: now, Korea time).

        Returns
        -------
        bool
            True if the store was created now, False if it already existed.

        Raises
        ------
        geo.validation.DataError
            The text datasets are not valid; nothing is created.
        """

    def _create(self, tx: _Tx, data_dir: Path, now: datetime | None) -> None:
        data = load_dashboard_data(data_dir)
        moment = _now(now)
        for statement in self._ddl():
            tx.execute(statement)
        self._after_create(tx)
        tx.executemany(
            "INSERT INTO store_meta (key, value) VALUES (?, ?)",
            [
                ("schema_version", STORE_SCHEMA_VERSION),
                ("created_at", _stamp(moment)),
                ("created_from", str(data_dir)),
                ("seed_signature", seed_signature(data_dir)),
                ("revision", uuid.uuid4().hex),
            ],
        )
        tx.execute(
            "INSERT INTO documents (key, content) VALUES (?, ?)",
            ("plan", (data_dir / PLAN_FILE).read_text(encoding="utf-8")),
        )
        for layer in ("boundaries", "areas", "services"):
            frame = getattr(data, layer)
            self._insert_layer(tx, layer, frame, {}, SEED_USER, moment)
            self._after_layer_write(tx, layer, frame)
        history = data.status_history
        tx.executemany(
            "INSERT INTO change_history (service_id, field, old_value, new_value, changed_at, changed_by, "
            "reason, is_sample, source) VALUES (?, 'status', ?, ?, ?, ?, ?, ?, 'seed')",
            [
                (
                    r.service_id,
                    r.old_status,
                    r.new_status,
                    r.changed_at.isoformat(),
                    r.changed_by,
                    r.reason,
                    self._sql_value(bool(r.is_sample), STATUS_HISTORY.column("is_sample")),
                )
                for r in history.itertuples(index=False)
            ],
        )
        self._audit(tx, SEED_USER, "initialise", f"{data_dir}에서 저장소를 만들었습니다", moment)

    # -- reading --

    def seed_is_outdated(self, data_dir: Path) -> bool:
        """True when the text files in ``data_dir`` changed after this store was created from them.

        The store never re-reads them by itself (edits and imports would be lost);
        the pages say so, and staff import the files or start a new store.
        """
        with self._reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'seed_signature'")
        return bool(row) and row[0] != seed_signature(data_dir)

    def revision(self) -> str:
        """A token that changes with every write (key for ``st.cache_data``)."""
        with self._reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'revision'")
        return row[0] if row else ""

    def read_data(self) -> DashboardData:
        """Everything, as ``geo.loaders.load_dashboard_data`` returns it from the text files.

        Same columns and types: services carry ``gu`` and ``dong`` (from the stored
        dongs), areas ``area_m2`` (EPSG:5186), and ``status_history`` has the columns
        of ``geo.schema.STATUS_HISTORY``, built from the status rows of the change
        history of services that still exist. Edit versions are not in these frames:
        use ``service_record`` or ``service_versions``.
        """
        with self._reading() as tx:
            self._require(tx)
            plan_row = tx.one("SELECT content FROM documents WHERE key = 'plan'")
            boundaries = self._read_layer(tx, "boundaries")
            areas = self._read_layer(tx, "areas")
            services = self._read_layer(tx, "services")
            history_rows = tx.query(
                "SELECT service_id, changed_at, old_value, new_value, changed_by, reason, is_sample "
                "FROM change_history WHERE field = 'status' ORDER BY id"
            )
        plan = yaml.safe_load(plan_row[0]) if plan_row else {}
        areas["area_m2"] = area_m2(areas).round(0)
        known = set(services["service_id"])
        history = pd.DataFrame(
            [
                (sid, date.fromisoformat(at[:10]), old, new, by, reason, bool(sample))
                for sid, at, old, new, by, reason, sample in history_rows
                if sid in known
            ],
            columns=STATUS_HISTORY.column_names,
        ).astype(object)
        history = history.sort_values(["service_id", "changed_at"], kind="stable").reset_index(drop=True)
        services = assign_districts(services, boundaries, areas)
        return DashboardData(plan, boundaries, areas, services, history)

    def read_layer(self, layer: LayerName) -> gpd.GeoDataFrame:
        """One layer's schema columns and geometry (EPSG:4326), in stored order."""
        _check_layer(layer)
        with self._reading() as tx:
            self._require(tx)
            return self._read_layer(tx, layer)

    def _read_layer(self, tx: _Tx, layer: str, extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
        schema = LAYERS[layer]
        names = schema.column_names
        rows = tx.query(f"SELECT {', '.join([*names, *extra])}, {self._geom_out('geom')} FROM {layer} ORDER BY fid")
        columns = {
            column.name: pd.Series([_from_db(r[i], column) for r in rows], dtype=object)
            for i, column in enumerate(schema.columns)
        }
        for offset, name in enumerate(extra, start=len(names)):
            columns[name] = pd.Series([r[offset] for r in rows], dtype=object)
        geometries = [self._decode_geometry(r[-1]) for r in rows]
        return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geometries, crs=STORAGE_CRS), crs=STORAGE_CRS)

    def service_versions(self) -> dict[str, int]:
        """The current version of every service, by ``service_id``."""
        with self._reading() as tx:
            self._require(tx)
            return {sid: int(v) for sid, v in tx.query("SELECT service_id, version FROM services")}

    def service_record(self, service_id: str) -> ServiceRecord:
        """One service with its version and last editor.

        Raises
        ------
        StoreError
            No service has this id.
        """
        with self._reading() as tx:
            self._require(tx)
            return self._service_record(tx, service_id)

    def _service_record(self, tx: _Tx, service_id: str, lock: bool = False) -> ServiceRecord:
        names = SERVICES.column_names
        suffix = " FOR UPDATE" if lock and self.backend == "postgis" else ""
        row = tx.one(
            f"SELECT {', '.join(names)}, version, modified_by, modified_at FROM services WHERE service_id = ?{suffix}",
            (service_id,),
        )
        if row is None:
            raise StoreError(
                f"서비스 ID '{service_id}'이(가) 저장소에 없습니다 (가져오기로 삭제되었을 수 있습니다). "
                "목록을 다시 불러오세요."
            )
        values = {column.name: _from_db(row[i], column) for i, column in enumerate(SERVICES.columns)}
        n = len(names)
        return ServiceRecord(service_id, int(row[n]), values, row[n + 1], _parse_stamp(row[n + 2]))

    def change_history(self, service_id: str | None = None) -> pd.DataFrame:
        """Every recorded field change, oldest first.

        Columns: ``service_id``, ``field``, ``old_value``, ``new_value`` (text as
        stored), ``changed_at`` (text: ISO date for the seeded history, ISO
        timestamp with offset for edits and imports), ``changed_by``, ``reason``,
        ``is_sample``, ``source`` (``seed``, ``edit`` or ``import``).
        """
        sql = (
            "SELECT service_id, field, old_value, new_value, changed_at, changed_by, reason, is_sample, source "
            "FROM change_history"
        )
        params: tuple = ()
        if service_id is not None:
            sql += " WHERE service_id = ?"
            params = (service_id,)
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query(sql + " ORDER BY id", params)
        frame = pd.DataFrame(rows, columns=list(CHANGE_HISTORY_COLUMNS))
        frame["is_sample"] = frame["is_sample"].astype(bool)
        return frame

    def column_mapping(self, layer: LayerName) -> dict[str, str]:
        """The remembered column mapping of a layer: source column name → schema column."""
        _check_layer(layer)
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query(
                "SELECT source_column, target_column FROM column_mappings WHERE layer = ? ORDER BY source_column",
                (layer,),
            )
        return dict(rows)

    def audit_log(self) -> pd.DataFrame:
        """Who initialised, imported into or restored the store, and when (columns at, user, action, detail)."""
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query("SELECT at, user_name, action, detail FROM audit_log ORDER BY id")
        return pd.DataFrame(rows, columns=["at", "user", "action", "detail"])

    def dump(self) -> dict[str, list[tuple]]:
        """Every row of the store's own tables in a stable order (geometry as WKB hex), to compare states."""
        result: dict[str, list[tuple]] = {}
        with self._reading() as tx:
            self._require(tx)
            for table in _OWN_TABLES:
                if table in LAYERS:
                    names = ["fid", *LAYERS[table].column_names]
                    if table == "services":
                        names += ["version", "modified_by", "modified_at"]
                    rows = tx.query(f"SELECT {', '.join(names)}, {self._geom_out('geom')} FROM {table} ORDER BY fid")
                    rows = [r[:-1] + (_wkb_hex(self._decode_geometry(r[-1])),) for r in rows]
                else:
                    rows = tx.query(f"SELECT * FROM {table} ORDER BY 1, 2")
                result[table] = [tuple(_plain(v) for v in r) for r in rows]
        return result

    # -- writing --

    def update_service(
        self,
        service_id: str,
        expected_version: int,
        changes: Mapping[str, Any],
        *,
        user: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> ServiceRecord:
        """Change a service's status, years or budget, keeping each change in the history.

        Parameters
        ----------
        service_id : str
            The service to change.
        expected_version : int
            The ``version`` the editor read (``ServiceRecord.version``).
        changes : Mapping[str, Any]
            New values by field; only ``TRACKED_FIELDS`` (status, start_year,
            end_year, budget_krw_100m). Text such as ``"2027"`` is converted.
        user : str
            Who makes the change (shown in history and conflict messages).
        reason : str, optional
            Why; stored with each history row.
        now : datetime, optional
            When (default: now, Korea time); ``updated_at`` becomes its date.

        Returns
        -------
        ServiceRecord
            The service after the change (its version is one higher when anything changed).

        Raises
        ------
        ConflictError
            The service's version is no longer ``expected_version``.
        InvalidChangeError
            A value is not allowed (unknown status, start after end, negative budget ...).
        StoreError
            Unknown service or field, or no user given.
        """
        unknown = [name for name in changes if name not in TRACKED_FIELDS]
        if unknown:
            raise StoreError(
                f"변경할 수 없는 항목입니다: {', '.join(unknown)} (변경 가능: {', '.join(TRACKED_FIELDS)})"
            )
        if not user or not user.strip():
            raise StoreError("변경자(user)를 입력하세요: 이력에 누가 바꿨는지 남깁니다.")
        moment = _now(now)
        with self._transaction() as tx:
            self._require(tx)
            current = self._service_record(tx, service_id, lock=True)
            if current.version != expected_version:
                raise ConflictError(
                    service_id, expected_version, current.version, current.modified_by, current.modified_at
                )
            new_values = self._checked_values(current, changes)
            diffs = [
                (f, current.values[f], new_values[f])
                for f in TRACKED_FIELDS
                if f in changes and new_values[f] != current.values[f]
            ]
            if not diffs:
                return current
            assignments = ", ".join(f"{f} = ?" for f, _, _ in diffs)
            params = [self._sql_value(new, SERVICES.column(f)) for f, _, new in diffs]
            params += [
                self._sql_value(moment.date(), SERVICES.column("updated_at")),
                user,
                _stamp(moment),
                service_id,
                expected_version,
            ]
            count = tx.execute(
                f"UPDATE services SET {assignments}, updated_at = ?, version = version + 1, "
                "modified_by = ?, modified_at = ? WHERE service_id = ? AND version = ?",
                params,
            )
            if count != 1:
                # Another writer got in between the read and the update (only possible without row locks).
                latest = self._service_record(tx, service_id)
                raise ConflictError(
                    service_id, expected_version, latest.version, latest.modified_by, latest.modified_at
                )
            self._record_changes(
                tx,
                [(service_id, f, old, new) for f, old, new in diffs],
                user,
                reason,
                moment,
                "edit",
                bool(current.values.get("is_sample")),
            )
            self._touch(tx)
            return self._service_record(tx, service_id)

    def _checked_values(self, current: ServiceRecord, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Validate the row with the changes applied, reporting only problems the changes caused."""
        row = {**current.values, **dict(changes)}
        geometry = shapely.Point(0, 0)  # validation only looks at the geometry's type and validity here
        frame = gpd.GeoDataFrame({k: [v] for k, v in row.items()}, geometry=[geometry], crs=STORAGE_CRS)
        typed, report = validate_frame(frame, SERVICES, f"서비스 {current.service_id}")
        relevant = ValidationReport(
            [
                Problem(p.file, None, p.field, p.message)
                for p in report.problems
                if p.field in changes or (p.field == "end_year" and {"start_year", "end_year"} & set(changes))
            ]
        )
        if not relevant.ok:
            raise InvalidChangeError(relevant)
        return {name: typed[name].iloc[0] for name in TRACKED_FIELDS}

    def write_layer(
        self,
        layer: LayerName,
        frame: gpd.GeoDataFrame,
        *,
        mode: WriteMode,
        user: str,
        source_name: str,
        mapping: Mapping[str, str] | None = None,
        now: datetime | None = None,
    ) -> WriteResult:
        """Replace a layer with ``frame``, or append ``frame`` to it, in one transaction.

        ``frame`` must be typed and valid (``geo.importer.commit_import`` passes a
        checked preview; call that rather than this). In ``replace`` mode the
        layer's rows are swapped for the new ones; services whose tracked fields
        differ from the stored row get history rows (source ``import``) and a new
        version; unchanged services keep their version. ``append`` refuses ids
        that already exist. ``mapping`` is remembered for the layer.

        Raises
        ------
        StoreError
            Unknown layer or mode, or ``append`` with ids already in the store.
        """
        _check_layer(layer)
        if mode not in ("replace", "append"):
            raise StoreError(f"가져오기 방식 '{mode}'은(는) 없습니다 (replace 또는 append)")
        schema = LAYERS[layer]
        moment = _now(now)
        with self._transaction() as tx:
            self._require(tx)
            existing = {r[0] for r in tx.query(f"SELECT {schema.id_column} FROM {layer}")}
            new_ids = list(frame[schema.id_column])
            if mode == "append":
                clashes = [i for i in new_ids if i in existing]
                if clashes:
                    shown = ", ".join(clashes[:10]) + (f" 외 {len(clashes) - 10}개" if len(clashes) > 10 else "")
                    raise StoreError(
                        f"추가(append)할 {schema.label_ko} 중 {len(clashes)}개의 ID가 이미 저장소에 "
                        f"있습니다: {shown}. 교체(replace)로 가져오거나 ID를 바꾸세요."
                    )
            bookkeeping: dict[str, tuple] = {}
            changes: list[tuple[str, str, Any, Any]] = []
            if layer == "services" and mode == "replace":
                stored = self._read_layer(tx, "services", extra=("version", "modified_by", "modified_at"))
                stored = stored.set_index("service_id", drop=False)
                for row in frame.itertuples(index=False):
                    sid = row.service_id
                    if sid not in stored.index:
                        continue
                    old = stored.loc[sid]
                    diffs = [(sid, f, old[f], getattr(row, f)) for f in TRACKED_FIELDS if old[f] != getattr(row, f)]
                    other_changed = any(old[c] != getattr(row, c) for c in SERVICES.column_names) or not (
                        old["geometry"].equals_exact(row.geometry, 0)
                    )
                    if diffs or other_changed:
                        bookkeeping[sid] = (int(old["version"]) + 1, user, _stamp(moment))
                    else:
                        bookkeeping[sid] = (int(old["version"]), old["modified_by"], old["modified_at"])
                    changes += diffs
            removed = 0
            if mode == "replace":
                removed = len(existing)
                tx.execute(f"DELETE FROM {layer}")
            self._insert_layer(tx, layer, frame, bookkeeping, user, moment)
            if changes:
                self._record_changes(tx, changes, user, f"가져오기: {source_name}", moment, "import", False)
            for source, target in (mapping or {}).items():
                tx.execute("DELETE FROM column_mappings WHERE layer = ? AND source_column = ?", (layer, source))
                tx.execute(
                    "INSERT INTO column_mappings (layer, source_column, target_column, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (layer, source, target, _stamp(moment), user),
                )
            layer_now = frame if mode == "replace" else self._read_layer(tx, layer)
            self._after_layer_write(tx, layer, layer_now)
            verb = "교체" if mode == "replace" else "추가"
            self._audit(
                tx,
                user,
                f"import:{layer}:{mode}",
                f"{source_name}: {schema.label_ko} {len(frame)}개 {verb} (이전 {removed}개 삭제)",
                moment,
            )
            self._touch(tx)
        return WriteResult(layer, mode, len(frame), removed, tuple(sorted({c[0] for c in changes})), len(changes))

    def _insert_layer(
        self,
        tx: _Tx,
        layer: str,
        frame: gpd.GeoDataFrame,
        bookkeeping: Mapping[str, tuple],
        user: str,
        moment: datetime,
    ) -> None:
        schema = LAYERS[layer]
        names = list(schema.column_names)
        placeholders = ["?"] * len(names)
        if layer == "services":
            names += ["version", "modified_by", "modified_at"]
            placeholders += ["?", "?", "?"]
        rows = []
        for record in frame.to_dict("records"):
            values = [self._sql_value(record.get(c.name), c) for c in schema.columns]
            if layer == "services":
                values += list(bookkeeping.get(record["service_id"], (1, user, _stamp(moment))))
            values.append(self._encode_geometry(record["geometry"]))
            rows.append(values)
        tx.executemany(
            f"INSERT INTO {layer} ({', '.join(names)}, geom) VALUES ({', '.join(placeholders)}, {self._geom_in})", rows
        )

    def _record_changes(
        self,
        tx: _Tx,
        changes: Sequence[tuple[str, str, Any, Any]],
        user: str,
        reason: str | None,
        moment: datetime,
        source: str,
        is_sample: bool,
    ) -> None:
        flag = self._sql_value(is_sample, STATUS_HISTORY.column("is_sample"))
        tx.executemany(
            "INSERT INTO change_history (service_id, field, old_value, new_value, changed_at, changed_by, reason, "
            "is_sample, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (sid, f, _history_text(old), _history_text(new), _stamp(moment), user, reason, flag, source)
                for sid, f, old, new in changes
            ],
        )

    def _audit(self, tx: _Tx, user: str, action: str, detail: str, moment: datetime) -> None:
        tx.execute(
            "INSERT INTO audit_log (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
            (_stamp(moment), user, action, detail),
        )

    def _touch(self, tx: _Tx) -> None:
        tx.execute("UPDATE store_meta SET value = ? WHERE key = 'revision'", (uuid.uuid4().hex,))

    def _require(self, tx: _Tx) -> None:
        if not self._table_exists(tx, "store_meta"):
            raise StoreError(self._missing())

    def _missing(self) -> str:
        return (
            f"저장소가 아직 만들어지지 않았습니다 ({self.describe()}). "
            "앱을 한 번 실행하거나 python -m geo backup 등 명령을 한 번 실행해 만드세요."
        )

    # -- backups (embedded store only) --

    def backup(self, *, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        """Copy the store to a dated backup and keep only the ``keep`` newest backups."""
        raise StoreError(self._no_backups())

    def list_backups(self) -> list[BackupInfo]:
        """The backups, newest first."""
        raise StoreError(self._no_backups())

    def restore(self, name: str, *, user: str, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        """Replace the store's content with backup ``name``; returns the safety backup made first."""
        raise StoreError(self._no_backups())

    def _no_backups(self) -> str:
        return (
            f"{self.describe()}: PostgreSQL 저장소는 이 기능으로 백업하지 않습니다. "
            "데이터베이스 관리자가 pg_dump로 백업하고 pg_restore로 복원하세요."
        )


def _wkb_hex(geometry: BaseGeometry | None) -> str | None:
    return None if geometry is None else shapely.to_wkb(geometry, hex=True, byte_order=1)


def _plain(value: Any) -> Any:
    """Backend-neutral cell values for ``dump``: booleans as 0/1, dates as ISO text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def _check_layer(layer: str) -> None:
    if layer not in LAYERS:
        raise StoreError(f"레이어 '{layer}'은(는) 없습니다 (가능: {', '.join(LAYERS)})")


# --- GeoPackage ----------------------------------------------------------------------------------------


class GeoPackageStore(Store):
    """The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

    backend = "geopackage"
    _types = {"text": "TEXT", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE"}
    _id_column_sql = "INTEGER PRIMARY KEY AUTOINCREMENT"
    _geometry_sql = "GEOMETRY"
    _false = "0"
    _geom_in = "?"

    def __init__(self, path: Path):
        """``path``: the GeoPackage file, e.g. ``settings.store_dir / STORE_FILE_NAME``."""
        self.path = Path(path)
        self.backup_dir = self.path.parent / BACKUP_DIR_NAME

    def describe(self) -> str:
        return str(self.path)

    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        # Autocommit mode: transactions are opened explicitly below.
        connection = sqlite3.connect(path or self.path, isolation_level=None, timeout=15)
        connection.execute("PRAGMA busy_timeout = 15000")
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        if not self.path.exists():
            raise StoreError(self._missing())
        connection = self._connect()
        try:
            # IMMEDIATE takes the write lock now, so the version read below cannot go stale before the update.
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield _Tx(connection.cursor(), "?")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    @contextmanager
    def _reading(self) -> Iterator[_Tx]:
        if not self.path.exists():
            raise StoreError(self._missing())
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=15)
        try:
            connection.execute("BEGIN")
            yield _Tx(connection.cursor(), "?")
            connection.execute("ROLLBACK")
        finally:
            connection.close()

    def _geom_out(self, column: str) -> str:
        return column

    def _encode_geometry(self, geometry: BaseGeometry | None) -> bytes | None:
        return _gpkg_blob(geometry)

    def _decode_geometry(self, value: Any) -> BaseGeometry | None:
        return _from_gpkg_blob(value)

    def _sql_value(self, value: Any, column: Column) -> Any:
        if value is None:
            return None
        if column.kind == "bool":
            return int(bool(value))
        if column.kind == "date":
            return value.isoformat() if isinstance(value, date) else str(value)
        return value

    def _table_exists(self, tx: _Tx, table: str) -> bool:
        return tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)) is not None

    def _after_create(self, tx: _Tx) -> None:
        # The GeoPackage registry (OGC 12-128r18, clauses 1.1.2-1.1.3 and 2.1.5) so GIS tools see the layers.
        tx.execute(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
            "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
            "definition TEXT NOT NULL, description TEXT)"
        )
        tx.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("WGS 84 geodetic", 4326, "EPSG", 4326, CRS.from_epsg(4326).to_wkt("WKT1_GDAL"), "longitude/latitude"),
                (
                    "Undefined cartesian SRS",
                    -1,
                    "NONE",
                    -1,
                    "undefined",
                    "undefined cartesian coordinate reference system",
                ),
                (
                    "Undefined geographic SRS",
                    0,
                    "NONE",
                    0,
                    "undefined",
                    "undefined geographic coordinate reference system",
                ),
            ],
        )
        tx.execute(
            "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
            "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL "
            "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, "
            "max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) "
            "REFERENCES gpkg_spatial_ref_sys(srs_id))"
        )
        tx.execute(
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
            "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
            "m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
            "CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) "
            "REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) "
            "REFERENCES gpkg_spatial_ref_sys (srs_id))"
        )
        for layer, schema in LAYERS.items():
            tx.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                "VALUES (?, 'features', ?, ?, 4326)",
                (layer, layer, schema.label_ko),
            )
            tx.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', 4326, 0, 0)", (layer,))
        tx.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        tx.execute("PRAGMA user_version = 10300")

    def _after_layer_write(self, tx: _Tx, layer: str, frame: gpd.GeoDataFrame) -> None:
        bounds = [float(v) for v in frame.total_bounds] if len(frame) else [None] * 4
        tx.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (*bounds, layer),
        )

    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        if self.path.exists():
            if self.is_initialised():
                return False
            raise StoreError(
                f"{self.path}은(는) 대시보드 저장소가 아닙니다. 다른 곳으로 옮기거나 지운 뒤 다시 실행하세요."
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Build beside the target and link it into place: a failure leaves no half-made store,
        # and of two processes starting at once only one store wins.
        building = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.building")
        try:
            connection = self._connect(building)
            try:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    self._create(_Tx(connection.cursor(), "?"), data_dir, now)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()
            try:
                os.link(building, self.path)
            except FileExistsError:
                return False
            return True
        finally:
            building.unlink(missing_ok=True)

    # -- backups --

    def backup(self, *, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        if keep < 1:
            raise StoreError("보관할 백업 수(keep)는 1 이상이어야 합니다.")
        if not self.is_initialised():
            raise StoreError(f"백업할 저장소가 없습니다: {self.path}")
        moment = _now(now)
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        stem = f"dashboard-{moment:%Y%m%d-%H%M%S}"
        target = self.backup_dir / f"{stem}.gpkg"
        sequence = 1
        while target.exists():
            sequence += 1
            target = self.backup_dir / f"{stem}-{sequence}.gpkg"
        partial = target.with_name(f".{target.name}.partial")
        source = self._connect()
        destination = sqlite3.connect(partial)
        try:
            # SQLite's online backup: a consistent copy even while others write.
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        os.replace(partial, target)
        for old in self.list_backups()[keep:]:
            old.path.unlink(missing_ok=True)
        return self._backup_info(target)

    def list_backups(self) -> list[BackupInfo]:
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.iterdir() if _BACKUP_NAME.match(p.name)]
        return [self._backup_info(p) for p in sorted(found, key=_backup_sort_key, reverse=True)]

    def _backup_info(self, path: Path) -> BackupInfo:
        match = _BACKUP_NAME.match(path.name)
        assert match is not None
        created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=KST)
        return BackupInfo(path.name, path, created, path.stat().st_size)

    def restore(self, name: str, *, user: str, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        """Replace the store's content with backup ``name``.

        The current state is backed up first (the returned ``BackupInfo``), so a
        restore can itself be undone. The restore is one step for other readers.

        Raises
        ------
        StoreError
            No such backup, or the file is not a dashboard store.
        """
        available = {b.name: b for b in self.list_backups()}
        chosen = available.get(name)
        if chosen is None:
            names = ", ".join(list(available)[:5]) or "없음"
            raise StoreError(f"백업 '{name}'이(가) {self.backup_dir}에 없습니다. 사용할 수 있는 백업(최신순): {names}")
        if not GeoPackageStore(chosen.path).is_initialised():
            raise StoreError(f"백업 '{name}'은(는) 대시보드 저장소 파일이 아닙니다 (손상되었을 수 있습니다).")
        # Keep the safety copy even if the retention limit would remove it right away.
        safety = self.backup(keep=max(keep, len(available) + 1), now=now)
        source = sqlite3.connect(f"file:{chosen.path}?mode=ro", uri=True)
        destination = self._connect()
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
        with self._transaction() as tx:
            self._audit(tx, user, "restore", f"백업 {name}에서 복원했습니다 (복원 전 상태: {safety.name})", _now(now))
            self._touch(tx)
        return safety


def _backup_sort_key(path: Path) -> tuple[str, int]:
    match = _BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)


# --- PostgreSQL / PostGIS ---------------------------------------------------------------------------------


class PostgisStore(Store):
    """The server store: tables in one schema of a PostgreSQL database with PostGIS."""

    backend = "postgis"
    _types = {"text": "TEXT", "int": "BIGINT", "float": "DOUBLE PRECISION", "bool": "BOOLEAN", "date": "DATE"}
    _id_column_sql = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    _geometry_sql = "geometry(Geometry, 4326)"
    _false = "FALSE"
    _geom_in = "ST_GeomFromWKB(?, 4326)"

    def __init__(self, url: str, schema: str = "dashboard"):
        """``url``: ``postgresql://user:password@host:port/database``; ``schema``: where the tables live."""
        if not _SCHEMA_NAME.match(schema):
            raise StoreError(f"스키마 이름 '{schema}'은(는) 쓸 수 없습니다 (영문 소문자, 숫자, _ 만)")
        self.url = url
        self.schema = schema

    def describe(self) -> str:
        safe = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", self.url)
        return f"{safe} (스키마 {self.schema})"

    def _connect(self) -> Any:
        import psycopg  # only the server backend needs it

        try:
            return psycopg.connect(self.url, connect_timeout=10, options=f"-c search_path={self.schema},public")
        except psycopg.OperationalError as exc:
            raise StoreError(
                f"PostgreSQL에 연결할 수 없습니다: {self.describe()} "
                f"({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}). "
                "DATABASE_URL과 서버 상태를 확인하세요."
            ) from exc

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        connection = self._connect()
        try:
            with connection.cursor() as cursor:
                try:
                    yield _Tx(cursor, "%s")
                except BaseException:
                    connection.rollback()
                    raise
            connection.commit()
        finally:
            connection.close()

    @contextmanager
    def _reading(self) -> Iterator[_Tx]:
        connection = self._connect()
        try:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            with connection.cursor() as cursor:
                yield _Tx(cursor, "%s")
            connection.rollback()
        finally:
            connection.close()

    def _geom_out(self, column: str) -> str:
        return f"ST_AsBinary({column})"

    def _encode_geometry(self, geometry: BaseGeometry | None) -> bytes | None:
        return None if geometry is None else shapely.to_wkb(geometry, output_dimension=2, byte_order=1, flavor="iso")

    def _decode_geometry(self, value: Any) -> BaseGeometry | None:
        return None if value is None else shapely.from_wkb(bytes(value))

    def _table_exists(self, tx: _Tx, table: str) -> bool:
        return (
            tx.one(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                (self.schema, table),
            )
            is not None
        )

    def _after_create(self, tx: _Tx) -> None:
        for layer in LAYERS:
            tx.execute(f"CREATE INDEX {layer}_geom ON {layer} USING GIST (geom)")

    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        with self._transaction() as tx:
            # Serialise first runs of several app processes; the loser sees the tables and stops.
            tx.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"dashboard-store-{self.schema}",))
            if self._table_exists(tx, "store_meta"):
                return False
            tx.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            tx.execute(f'SET LOCAL search_path TO "{self.schema}", public')
            self._create(tx, data_dir, now)
            return True


def seed_signature(data_dir: Path) -> str:
    """A fingerprint of the text datasets in ``data_dir`` (names and contents)."""
    digest = hashlib.sha256()
    for name in SEED_FILES:
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def open_store(settings: Settings, *, initialise: bool = True, now: datetime | None = None) -> Store:
    """The store the settings point at, created from ``settings.data_dir`` on first use.

    Parameters
    ----------
    settings : geo.settings.Settings
        ``database_url`` selects PostgreSQL/PostGIS; otherwise the GeoPackage
        ``settings.store_dir / dashboard.gpkg`` is used.
    initialise : bool
        Create the store if it does not exist yet (False: only point at it;
        check with ``Store.is_initialised``).

    Raises
    ------
    StoreError
        The database cannot be reached.
    geo.validation.DataError
        The store must be created and the data folder is not valid.
    """
    store: Store
    if settings.database_url:
        store = PostgisStore(settings.database_url)
    else:
        store = GeoPackageStore(settings.store_dir / STORE_FILE_NAME)
    if initialise:
        store.initialise(settings.data_dir, now=now)
    return store
