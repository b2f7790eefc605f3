"""The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

from __future__ import annotations

import os
import re
import sqlite3
import struct
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.schema import Column
from geo.store.base import Store
from geo.store.common import (
    BACKUP_KEEP,
    KST,
    LAYERS,
    BackupInfo,
    StoreError,
    _now,
    _Tx,
)

STORE_FILE_NAME = "dashboard.gpkg"
BACKUP_DIR_NAME = "backups"
_BACKUP_NAME = re.compile(r"^dashboard-(\d{8}-\d{6})(?:-(\d+))?\.gpkg$")

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
