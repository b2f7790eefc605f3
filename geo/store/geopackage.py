"""The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
import numpy as np
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.clock import KST
from geo.i18n.problems import NONE
from geo.model.schema import Column
from geo.model.validation import Message, message
from geo.store.base import Store
from geo.store.common import (
    BACKUP_KEEP,
    LAYERS,
    SEED_USER,
    BackupInfo,
    StoreError,
    _now,
    _Tx,
    data_folder_label,
)
from geo.store.gpkg_codec import from_gpkg_blob, from_gpkg_blobs, gpkg_blob, gpkg_blobs
from geo.store.tempfiles import claimed, clean_leftovers, temp_name
from geo.store.voice import VOICE_TABLES

# How the GeoPackage describes its reference table to GIS tools (gpkg_contents): the file's words, not a message.
REFERENCE_DESCRIPTION = "참고 레이어 (공공데이터 지점)"

STORE_FILE_NAME = "dashboard.gpkg"
BACKUP_DIR_NAME = "backups"
# Beside the store file: its columnar copy of what read_data returns, per revision (geo.store.readcache).
READ_CACHE_SUFFIX = "-readcache"
# What a restore or a rebuild keeps: who did what, and who is locked out. A restore never unlocks.
SECURITY_TABLES = frozenset({"audit_log", "sign_in_attempts", "sign_in_locks"})
_BACKUP_NAME = re.compile(r"^dashboard-(\d{8}-\d{6})(?:-(\d+))?\.gpkg$")


class GeoPackageStore(Store):
    """The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

    backend = "geopackage"
    _types: ClassVar[dict[str, str]] = {
        "text": "TEXT",
        "int": "INTEGER",
        "float": "DOUBLE",
        "bool": "BOOLEAN",
        "date": "DATE",
    }
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

    def _read_cache_folder(self) -> Path | None:
        return self.path.with_name(f".{self.path.name}{READ_CACHE_SUFFIX}")

    def _read_cache_fingerprint(self) -> str:
        # Called with a read transaction open, whose lock keeps writers out: the file and its WAL (if another
        # tool left one) as they stand. QGIS or GDAL editing the layers changes them without a new revision.
        parts = []
        for path in (self.path, Path(f"{self.path}-wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            parts.append(f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}")
        return ",".join(parts)

    def _connect(self, path: Path | None = None) -> sqlite3.Connection:
        # Autocommit mode: transactions are opened explicitly below. Read-write even for reading: the
        # first read then rolls back a hot journal a killed writer left (a read-only connection cannot).
        connection = sqlite3.connect(path or self.path, isolation_level=None, timeout=15)
        connection.execute("PRAGMA busy_timeout = 15000")
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        if not self.path.exists():
            raise StoreError(self._missing())
        with self._sqlite_errors():
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
        with self._sqlite_errors():
            connection = self._connect()
            try:
                connection.execute("BEGIN")
                yield _Tx(connection.cursor(), "?")
                connection.execute("ROLLBACK")
            finally:
                connection.close()

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        """SQLite's errors as a StoreError saying what to do (the transaction was rolled back)."""
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # a mistake in the calling code, not a state of the file
        except sqlite3.OperationalError as exc:
            problem = _problem(exc)
            if problem == "busy":
                raise StoreError(message("store_busy", store=self.path)) from exc
            if problem == "readonly":
                raise StoreError(message("store_read_only", store=self.path)) from exc
            if problem == "cannot_open":
                raise StoreError(message("store_cannot_open", store=self.path, reason=exc)) from exc
            raise StoreError(self._unreadable(str(exc))) from exc
        except sqlite3.IntegrityError as exc:
            raise StoreError(message("store_rule_broken", reason=exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(self._unreadable(str(exc))) from exc

    def _unreadable(self, detail: str | Message) -> Message:
        return message("store_unreadable", store=self.path, reason=detail, backups=self.backup_dir)

    def _geom_out(self, column: str) -> str:
        return column

    def _encode_geometry(self, geometry: BaseGeometry | None) -> bytes | None:
        return gpkg_blob(geometry)

    def _decode_geometry(self, value: Any) -> BaseGeometry | None:
        return from_gpkg_blob(value)

    def _decode_geometries(self, values: Sequence[Any]) -> list[BaseGeometry | None]:
        return from_gpkg_blobs(values)

    def _encode_geometries(self, geometries: Sequence[Any]) -> list[Any]:
        return gpkg_blobs(np.asarray(geometries, dtype=object))

    def _sql_values(self, values: list[Any], column: Column) -> list[Any]:
        if column.kind in ("bool", "date"):
            return [self._sql_value(value, column) for value in values]
        return values  # text and numbers are stored as they are

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

    def _table_columns(self, tx: _Tx, table: str) -> set[str]:
        return {row[0] for row in tx.query("SELECT name FROM pragma_table_info(?)", (table,))}

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

    def _after_reference_create(self, tx: _Tx) -> None:
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            "VALUES ('reference_points', 'features', 'reference_points', ?, 4326)",
            (REFERENCE_DESCRIPTION,),
        )
        tx.execute("INSERT INTO gpkg_geometry_columns VALUES ('reference_points', 'geom', 'POINT', 4326, 0, 0)")

    def _after_layer_write(self, tx: _Tx, layer: str, frame: gpd.GeoDataFrame) -> None:
        bounds: list[float | None] = [float(v) for v in frame.total_bounds] if len(frame) else [None] * 4
        tx.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (*bounds, layer),
        )

    def _state(self) -> str:
        """``missing``, ``ours`` or ``foreign``; a store that is busy or cannot be opened raises its StoreError."""
        if not self.path.exists():
            return "missing"
        try:
            connection = self._connect()
            try:
                row = connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.OperationalError as exc:
            if _problem(exc) != "foreign":
                with self._sqlite_errors():
                    raise
            return "foreign"
        except sqlite3.DatabaseError:
            return "foreign"
        return "ours" if row else "foreign"

    def _drop_stale_journal(self) -> None:
        """Remove a rollback journal a writer killed before it wrote anything worth rolling back.

        A hot journal is rolled back by the first read; one SQLite does not consider hot
        (its header never completed) stays beside the store. Holding the exclusive lock
        proves no live writer owns it.
        """
        journal = Path(f"{self.path}-journal")
        if not journal.exists():
            return
        with self._sqlite_errors():
            connection = self._connect()
            try:
                connection.execute("BEGIN EXCLUSIVE")
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                journal.unlink(missing_ok=True)
                connection.execute("ROLLBACK")
            finally:
                connection.close()

    def _require_ours(self) -> None:
        state = self._state()
        if state == "missing":
            raise StoreError(self._missing())
        if state == "foreign":
            raise StoreError(self._unreadable(message("store_not_ours")))

    def clean_leftovers(self) -> list[Path]:
        """Remove what writers killed part-way left behind (half-made stores, backups and restores)."""
        return [
            *clean_leftovers(self.path.parent, f".{self.path.name}.*"),
            *clean_leftovers(self.backup_dir, ".*.partial*"),
        ]

    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise StoreError(message("store_folder_is_file", folder=self.path.parent))
        self.clean_leftovers()
        state = self._state()
        self._drop_stale_journal()
        if state == "ours":
            if self._needs_upgrade():
                with self._transaction() as tx:
                    self._upgrade(tx, data_dir, now)
            return False
        if state == "foreign":
            raise StoreError(self._unreadable(message("store_not_ours")))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Build beside the target and link it into place: a failure leaves no half-made store,
        # and of two processes starting at once only one store wins.
        with claimed(temp_name(self.path, "building")) as building:
            self._build(building, data_dir, now)
            try:
                os.link(building, self.path)
            except FileExistsError:
                return False
            return True

    def _build(self, path: Path, data_dir: Path, now: datetime | None) -> None:
        """Create a complete store in ``path`` (a claimed temporary file) from ``data_dir``."""
        connection = self._connect(path)
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

    def rebuild(self, data_dir: Path, *, now: datetime | None = None) -> None:
        """Replace the store's data with data made afresh from ``data_dir``, in one step (back it up first).

        The new store is built aside and its tables copied in, in one
        transaction: readers see the old data or the new, and a crash part-way
        leaves the old. The security record (audit log, sign-in attempts and
        locks) is kept, with one more audit row, and so is citizens' voice (the
        data folder has none).

        Raises
        ------
        geo.model.validation.DataError
            The data folder is not valid; the store is unchanged.
        """
        self._require_ours()
        moment = _now(now)
        with claimed(temp_name(self.path, "building")) as building:
            self._build(building, data_dir, now)
            self._carry_voice_into(building)  # citizens' voice
            self._replace_data_from(
                building,
                lambda tx: self._audit(
                    tx, SEED_USER, "initialise", message("audit_rebuilt", folder=data_folder_label(data_dir)), moment
                ),
            )

    def _carry_voice_into(self, building: Path) -> None:
        """Copy this store's citizens' voice (opinions, 필요해요, limits) into a freshly built store file."""
        with self._sqlite_errors():
            fresh = self._connect(building)
            try:
                fresh.execute("ATTACH DATABASE ? AS current", (str(self.path),))
                fresh.execute("BEGIN IMMEDIATE")
                for table in VOICE_TABLES:
                    found = fresh.execute(
                        "SELECT 1 FROM current.sqlite_master WHERE type = 'table' AND name = ?", (table,)
                    ).fetchone()
                    if found:
                        fresh.execute(f"INSERT INTO main.{table} SELECT * FROM current.{table}")
                fresh.execute("COMMIT")
                fresh.execute("DETACH DATABASE current")
            finally:
                fresh.close()

    def _replace_data_from(self, source: Path, record: Callable[[_Tx], None]) -> None:
        """Replace every table of the store but the security record with the same table of ``source`` (a store
        file), then call ``record``, all in one write transaction.

        One transaction on the store itself, so a sign-in failure recorded meanwhile is
        neither lost nor undone (the write lock orders them), and a crash rolls back.
        Columns are matched by name: a backup from an earlier version leaves newer
        nullable columns empty. The new revision is ``source``'s, or one ``record`` sets.
        """
        with self._sqlite_errors():
            connection = self._connect()
            try:
                connection.execute("ATTACH DATABASE ? AS source", (str(source),))
                connection.execute("BEGIN IMMEDIATE")
                try:
                    tx = _Tx(connection.cursor(), "?")
                    _copy_data_tables(tx)
                    record(tx)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()

    # -- backups --

    def backup(self, *, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        if keep < 1:
            raise StoreError(message("backup_keep_invalid"))
        if not self.is_initialised():
            raise StoreError(message("backup_no_store", store=self.path))
        moment = _now(now)
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        stem = f"dashboard-{moment:%Y%m%d-%H%M%S}"
        with claimed(temp_name(self.backup_dir / f"{stem}.gpkg", "partial")) as partial:
            with self._sqlite_errors():
                source = self._connect()
                destination = sqlite3.connect(partial)
                try:
                    # SQLite's online backup: a consistent copy even while others write.
                    source.backup(destination)
                finally:
                    destination.close()
                    source.close()
            target = _link_unique(partial, self.backup_dir, stem)
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
            names = list(available)[:5] or NONE
            raise StoreError(message("backup_not_found", name=name, folder=self.backup_dir, names=names))
        if not GeoPackageStore(chosen.path).is_initialised():
            raise StoreError(message("backup_not_a_store", name=name))
        self._require_ours()
        # Keep the safety copy even if the retention limit would remove it right away.
        safety = self.backup(keep=max(keep, len(available) + 1), now=now)
        moment = _now(now)
        with claimed(temp_name(self.path, "restoring")) as staged, self._sqlite_errors():
            # A consistent copy of the backup (it may have a journal of its own), whose tables then
            # replace the store's data in one transaction.
            copy = sqlite3.connect(chosen.path)
            prepared = sqlite3.connect(staged)
            try:
                copy.backup(prepared)
            finally:
                prepared.close()
                copy.close()

            def record(tx: _Tx) -> None:
                detail = message("audit_restored", name=name, safety=safety.name)
                self._audit(tx, user, "restore", detail, moment)
                self._touch(tx)  # the backup may hold a revision readers have cached

            self._replace_data_from(staged, record)
        return safety


def _copy_data_tables(tx: _Tx) -> None:
    """In a transaction with a store attached as ``source``: every table but the security record gets the
    source's rows (a table only the source has is created first)."""
    listing = "SELECT name, sql FROM {}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    current = dict(tx.query(listing.format("main")))
    incoming = dict(tx.query(listing.format("source")))
    for table, create in incoming.items():
        if table not in current and table not in SECURITY_TABLES:
            tx.execute(create)
            for (index,) in tx.query(
                "SELECT sql FROM source.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,),
            ):
                tx.execute(index)
            current[table] = create
    for table in current:
        if table in SECURITY_TABLES:
            continue
        tx.execute(f'DELETE FROM main."{table}"')
        if table not in incoming:
            continue
        ours = [row[0] for row in tx.query("SELECT name FROM pragma_table_info(?, 'main')", (table,))]
        theirs = {row[0] for row in tx.query("SELECT name FROM pragma_table_info(?, 'source')", (table,))}
        columns = ", ".join(f'"{name}"' for name in ours if name in theirs)
        tx.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"')


def _problem(error: sqlite3.OperationalError) -> str:
    """What an SQLite operational error means for the user: busy, readonly, cannot_open or foreign."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "unable to open" in text or "disk i/o" in text:
        return "cannot_open"
    return "foreign"


def _link_unique(source: Path, folder: Path, stem: str) -> Path:
    """Link ``source`` into ``folder`` as ``stem.gpkg`` (or ``stem-2.gpkg`` ... if taken); never overwrites."""
    sequence = 1
    while True:
        target = folder / (f"{stem}.gpkg" if sequence == 1 else f"{stem}-{sequence}.gpkg")
        try:
            os.link(source, target)
        except FileExistsError:
            sequence += 1
            continue
        return target


def _backup_sort_key(path: Path) -> tuple[str, int]:
    match = _BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)
