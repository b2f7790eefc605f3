"""The GeoPackage database: one SQLite file, its dialect, GeoPackage geometry blobs and registry tables."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
import numpy as np
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.model.schema import Column
from geo.model.validation import Message, message
from geo.store.backend import Backend
from geo.store.common import LAYERS, StoreError, Tx
from geo.store.gpkg_codec import from_gpkg_blob, from_gpkg_blobs, gpkg_blob, gpkg_blobs

# How the GeoPackage describes its reference table to GIS tools (gpkg_contents): the file's words, not a message.
REFERENCE_DESCRIPTION = "참고 레이어 (공공데이터 지점)"
BACKUP_DIR_NAME = "backups"
# Beside the store file: its columnar copy of what read_data returns, per revision (geo.store.readcache).
READ_CACHE_SUFFIX = "-readcache"


class GeoPackageBackend(Backend):
    """One GeoPackage file: a connection per operation, SQLite's errors worded for the user."""

    name = "geopackage"
    types: ClassVar[dict[str, str]] = {
        "text": "TEXT",
        "int": "INTEGER",
        "float": "DOUBLE",
        "bool": "BOOLEAN",
        "date": "DATE",
    }
    id_column_sql = "INTEGER PRIMARY KEY AUTOINCREMENT"
    geometry_sql = "GEOMETRY"
    false = "0"
    geom_in = "?"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.backup_dir = self.path.parent / BACKUP_DIR_NAME

    def where(self) -> str:
        return str(self.path)

    def read_cache_folder(self) -> Path | None:
        return self.path.with_name(f".{self.path.name}{READ_CACHE_SUFFIX}")

    def read_cache_fingerprint(self) -> str:
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

    def connect(self, path: Path | None = None) -> sqlite3.Connection:
        """A connection to the store file (or to ``path``, a file being built beside it)."""
        # Autocommit mode: transactions are opened explicitly below. Read-write even for reading: the
        # first read then rolls back a hot journal a killed writer left (a read-only connection cannot).
        connection = sqlite3.connect(path or self.path, isolation_level=None, timeout=15)
        connection.execute("PRAGMA busy_timeout = 15000")
        return connection

    @contextmanager
    def transaction(self, building: Path | None = None) -> Iterator[Tx]:
        """One write transaction on the store (or on ``building``, a new store file made beside it)."""
        if building is None and not self.path.exists():
            raise StoreError(self.missing())
        with self.sqlite_errors():
            connection = self.connect(building)
            try:
                # IMMEDIATE takes the write lock now, so the version read below cannot go stale before the update.
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield Tx(connection.cursor(), "?")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        if not self.path.exists():
            raise StoreError(self.missing())
        with self.sqlite_errors():
            connection = self.connect()
            try:
                connection.execute("BEGIN")
                yield Tx(connection.cursor(), "?")
                connection.execute("ROLLBACK")
            finally:
                connection.close()

    @contextmanager
    def sqlite_errors(self) -> Iterator[None]:
        """SQLite's errors as a StoreError saying what to do (the transaction was rolled back)."""
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # a mistake in the calling code, not a state of the file
        except sqlite3.OperationalError as exc:
            problem = sqlite_problem(exc)
            if problem == "busy":
                raise StoreError(message("store_busy", store=self.path)) from exc
            if problem == "readonly":
                raise StoreError(message("store_read_only", store=self.path)) from exc
            if problem == "cannot_open":
                raise StoreError(message("store_cannot_open", store=self.path, reason=exc)) from exc
            raise StoreError(self.unreadable(str(exc))) from exc
        except sqlite3.IntegrityError as exc:
            raise StoreError(message("store_rule_broken", reason=exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.unreadable(str(exc))) from exc

    def unreadable(self, detail: str | Message) -> Message:
        return message("store_unreadable", store=self.path, reason=detail, backups=self.backup_dir)

    def geom_out(self, column: str) -> str:
        return column

    def encode_geometry(self, geometry: BaseGeometry | None) -> bytes | None:
        return gpkg_blob(geometry)

    def decode_geometry(self, value: Any) -> BaseGeometry | None:
        return from_gpkg_blob(value)

    def decode_geometries(self, values: Sequence[Any]) -> list[BaseGeometry | None]:
        return from_gpkg_blobs(values)

    def encode_geometries(self, geometries: Sequence[Any]) -> list[Any]:
        return gpkg_blobs(np.asarray(geometries, dtype=object))

    def sql_values(self, values: list[Any], column: Column) -> list[Any]:
        if column.kind in ("bool", "date"):
            return [self.sql_value(value, column) for value in values]
        return values  # text and numbers are stored as they are

    def sql_value(self, value: Any, column: Column) -> Any:
        if value is None:
            return None
        if column.kind == "bool":
            return int(bool(value))
        if column.kind == "date":
            return value.isoformat() if isinstance(value, date) else str(value)
        return value

    def table_exists(self, tx: Tx, table: str) -> bool:
        return tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)) is not None

    def table_columns(self, tx: Tx, table: str) -> set[str]:
        return {row[0] for row in tx.query("SELECT name FROM pragma_table_info(?)", (table,))}

    def after_create(self, tx: Tx) -> None:
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

    def after_reference_create(self, tx: Tx) -> None:
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            "VALUES ('reference_points', 'features', 'reference_points', ?, 4326)",
            (REFERENCE_DESCRIPTION,),
        )
        tx.execute("INSERT INTO gpkg_geometry_columns VALUES ('reference_points', 'geom', 'POINT', 4326, 0, 0)")

    def after_layer_write(self, tx: Tx, layer: str, frame: gpd.GeoDataFrame) -> None:
        bounds: list[float | None] = [float(v) for v in frame.total_bounds] if len(frame) else [None] * 4
        tx.execute(
            "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (*bounds, layer),
        )


def sqlite_problem(error: sqlite3.OperationalError) -> str:
    """What an SQLite operational error means for the user: busy, readonly, cannot_open or foreign."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "unable to open" in text or "disk i/o" in text:
        return "cannot_open"
    return "foreign"
