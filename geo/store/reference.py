"""Reference layers in the store: two tables, and the conversions between them and ``ReferenceLayer``.

``reference_layers`` holds one row per layer (its provenance and display
fields, and the kinds of the dataset's own columns); ``reference_points`` one row
per point (the dataset's columns as a JSON object, and the geometry). The
dataset's own columns vary per layer, so they are kept as JSON and typed back
from the recorded kinds when read.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import pandas as pd

from geo.io import STORAGE_CRS
from geo.loaders import load_reference_layers
from geo.model.reference_layers import LAYER_DESCRIPTION, ReferenceLayer
from geo.model.schema import Column
from geo.model.validation import message
from geo.store.backend import Backend, audit, require_user, touch
from geo.store.common import SEED_USER, StoreError, Tx, WriteResult, stamp, store_now

# A yes/no cell outside the dataset schemas (a reference layer's kiosk flag).
_FLAG = Column("flag", "flag", "bool")

REFERENCE_TABLES = ("reference_layers", "reference_points")
_LAYER_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,62}$")
# Column kinds recorded on write, and the dtype each is read back as.
_DTYPES = {"int": "int64", "Int64": "Int64", "float": "float64", "bool": "bool", "str": "str"}
# A stored layer's row: its id and description, popup columns, kiosk flag and column kinds (``_layer`` reads
# them in this order).
_LAYER_FIELDS = ("layer_id", *LAYER_DESCRIPTION, "popup_fields", "kiosk", "columns")


def reference_ddl(id_column_sql: str, geometry_sql: str, false: str) -> list[str]:
    """The two tables (and the index that finds a layer's points)."""
    return [
        "CREATE TABLE reference_layers (layer_id TEXT PRIMARY KEY, title_ko TEXT NOT NULL, "
        "title_en TEXT NOT NULL, provider TEXT NOT NULL, data_date TEXT NOT NULL, licence TEXT NOT NULL, "
        "source TEXT NOT NULL, name_field TEXT NOT NULL, popup_fields TEXT NOT NULL, "
        f"kiosk BOOLEAN NOT NULL DEFAULT {false}, columns TEXT NOT NULL, updated_at TEXT NOT NULL, "
        "updated_by TEXT NOT NULL)",
        f"CREATE TABLE reference_points (fid {id_column_sql}, layer_id TEXT NOT NULL, "
        f"properties TEXT NOT NULL, geom {geometry_sql})",
        "CREATE INDEX reference_points_layer ON reference_points (layer_id, fid)",
    ]


def _column_kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "Int64" if series.dtype.name == "Int64" else "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "str" if isinstance(series.dtype, pd.StringDtype) else "object"


def _json_value(value: Any) -> Any:
    """A cell as JSON: missing values as null, numpy scalars as Python numbers, dates as ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
        if isinstance(value, float) and not math.isfinite(value):
            return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def checked_layer(layer: ReferenceLayer) -> gpd.GeoDataFrame:
    """The layer's points in EPSG:4326, or a StoreError saying what is wrong with the layer."""
    if not isinstance(layer.layer_id, str) or not _LAYER_ID.match(layer.layer_id):
        raise StoreError(message("reference_id_invalid", id=layer.layer_id))
    points = layer.points
    if not isinstance(points, gpd.GeoDataFrame) or points.crs is None:
        raise StoreError(message("reference_layer_no_crs", id=layer.layer_id))
    points = points.to_crs(STORAGE_CRS) if not points.crs.equals(STORAGE_CRS) else points
    kinds = set(points.geometry.geom_type.dropna())
    if points.geometry.isna().any() or not kinds <= {"Point"}:
        raise StoreError(message("reference_layer_not_points", id=layer.layer_id, kinds=sorted(kinds)))
    columns = [c for c in points.columns if c != points.geometry.name]
    missing = [f for f in (layer.name_field, *layer.popup_fields) if f not in columns]
    if missing:
        raise StoreError(message("reference_fields_absent", id=layer.layer_id, fields=missing))
    return points


def layer_row(layer: ReferenceLayer, points: gpd.GeoDataFrame, flag: Any, stamp: str, user: str) -> tuple[Any, ...]:
    columns = [[c, _column_kind(points[c])] for c in points.columns if c != points.geometry.name]
    return (
        layer.layer_id,
        layer.title_ko,
        layer.title_en,
        layer.provider,
        layer.data_date,
        layer.licence,
        layer.source,
        layer.name_field,
        json.dumps(list(layer.popup_fields), ensure_ascii=False),
        flag,
        json.dumps(columns, ensure_ascii=False),
        stamp,
        user,
    )


def point_rows(layer_id: str, points: gpd.GeoDataFrame, encode: Callable[[Any], Any]) -> list[tuple[Any, ...]]:
    names = [c for c in points.columns if c != points.geometry.name]
    rows = []
    for values, geometry in zip(points[names].itertuples(index=False), points.geometry, strict=True):
        properties = {name: _json_value(v) for name, v in zip(names, values, strict=True)}
        rows.append((layer_id, json.dumps(properties, ensure_ascii=False, allow_nan=False), encode(geometry)))
    return rows


def read_layers(tx: Tx, geom_out: str, decode: Callable[[Any], Any]) -> list[ReferenceLayer]:
    """Every stored reference layer, in layer_id order."""
    layers = tx.query(f"SELECT {', '.join(_LAYER_FIELDS)} FROM reference_layers ORDER BY layer_id")
    points: dict[str, list[tuple[Any, ...]]] = {}
    for layer_id, properties, geometry in tx.query(
        f"SELECT layer_id, properties, {geom_out} FROM reference_points ORDER BY layer_id, fid"
    ):
        points.setdefault(layer_id, []).append((properties, geometry))
    return [_layer(row, points.get(row[0], []), decode) for row in layers]


def _layer(row: Sequence[Any], points: list[tuple[Any, ...]], decode: Callable[[Any], Any]) -> ReferenceLayer:
    layer_id, title_ko, title_en, provider, data_date, licence, source, name_field, popup, kiosk, columns = row
    kinds = dict(json.loads(columns))
    records = [json.loads(p) for p, _ in points]
    frame = pd.DataFrame({name: [r.get(name) for r in records] for name in kinds}, dtype=object)
    for name, kind in kinds.items():
        if kind in _DTYPES:
            frame[name] = frame[name].astype(cast(Any, _DTYPES[kind]))
        elif kind == "datetime":
            frame[name] = pd.to_datetime(frame[name])
    geometry = gpd.GeoSeries([decode(g) for _, g in points], crs=STORAGE_CRS)
    return ReferenceLayer(
        layer_id=layer_id,
        title_ko=title_ko,
        title_en=title_en,
        provider=provider,
        data_date=data_date,
        licence=licence,
        source=source,
        points=gpd.GeoDataFrame(frame, geometry=geometry, crs=STORAGE_CRS),
        name_field=name_field,
        popup_fields=tuple(json.loads(popup)),
        kiosk=bool(kiosk),
    )


class ReferenceRepository:
    """The store's public reference layers, on its database (``Store`` passes its methods on)."""

    def __init__(self, database: Backend) -> None:
        self.database = database

    def create_tables(self, tx: Tx, data_dir: Path, moment: datetime) -> None:
        """The two tables, seeded from the data folder's reference layers."""
        for statement in reference_ddl(self.database.id_column_sql, self.database.geometry_sql, self.database.false):
            tx.execute(statement)
        self.database.after_reference_create(tx)
        for layer in load_reference_layers(data_dir):
            self.write(tx, layer, SEED_USER, moment)

    def reference_layers(self) -> list[ReferenceLayer]:
        """The stored public reference layers (points in EPSG:4326), in ``layer_id`` order."""
        with self.database.reading() as tx:
            self.database.require(tx)
            if not self.database.table_exists(tx, "reference_layers"):  # a store not yet upgraded
                return []
            return read_layers(tx, self.database.geom_out("geom"), self.database.decode_geometry)

    def write_reference_layer(self, layer: ReferenceLayer, *, user: str, now: datetime | None = None) -> WriteResult:
        """Add a reference layer, or replace the one with the same ``layer_id``, in one transaction.

        Returns
        -------
        WriteResult
            ``layer`` is the layer id, ``mode`` ``replace`` or ``append`` (a new layer),
            ``rows_removed`` the points of the layer it replaced.

        Raises
        ------
        StoreError
            No user, a bad layer id, points that are not points or lack a CRS,
            or display fields the points do not have; nothing is written.
        """
        require_user(user)
        points = checked_layer(layer)
        moment = store_now(now)
        with self.database.transaction() as tx:
            self.database.require(tx)
            removed = self.write(tx, layer, user, moment, points)
            about = {"id": layer.layer_id, "title": layer.title_ko, "count": len(points)}
            audit(
                tx,
                user,
                "reference:write",
                message("audit_reference_replace", removed=removed, **about)
                if removed is not None
                else message("audit_reference_add", **about),
                moment,
            )
            touch(tx)
        mode = "replace" if removed is not None else "append"
        return WriteResult(layer.layer_id, mode, len(points), removed or 0)

    def write(
        self,
        tx: Tx,
        layer: ReferenceLayer,
        user: str,
        moment: datetime,
        points: gpd.GeoDataFrame | None = None,
    ) -> int | None:
        """Write one layer; returns how many points it replaced (None: the layer is new)."""
        points = checked_layer(layer) if points is None else points
        existed = tx.one("SELECT 1 FROM reference_layers WHERE layer_id = ?", (layer.layer_id,)) is not None
        removed = None
        if existed:
            removed = tx.execute("DELETE FROM reference_points WHERE layer_id = ?", (layer.layer_id,))
            tx.execute("DELETE FROM reference_layers WHERE layer_id = ?", (layer.layer_id,))
        flag = self.database.sql_value(bool(layer.kiosk), _FLAG)
        tx.execute(
            f"INSERT INTO reference_layers VALUES ({', '.join(['?'] * 13)})",
            layer_row(layer, points, flag, stamp(moment), user),
        )
        tx.executemany(
            f"INSERT INTO reference_points (layer_id, properties, geom) VALUES (?, ?, {self.database.geom_in})",
            point_rows(layer.layer_id, points, self.database.encode_geometry),
        )
        return removed

    def delete_reference_layer(self, layer_id: str, *, user: str, now: datetime | None = None) -> int:
        """Remove a reference layer and its points; returns how many points were removed.

        Raises
        ------
        StoreError
            No user, or no layer has this id.
        """
        require_user(user)
        moment = store_now(now)
        with self.database.transaction() as tx:
            self.database.require(tx)
            row = (
                tx.one("SELECT title_ko FROM reference_layers WHERE layer_id = ?", (layer_id,))
                if self.database.table_exists(tx, "reference_layers")
                else None
            )
            if row is None:
                raise StoreError(message("reference_layer_not_stored", id=layer_id))
            removed = tx.execute("DELETE FROM reference_points WHERE layer_id = ?", (layer_id,))
            tx.execute("DELETE FROM reference_layers WHERE layer_id = ?", (layer_id,))
            detail = message("audit_reference_delete", id=layer_id, title=row[0], count=removed)
            audit(tx, user, "reference:delete", detail, moment)
            touch(tx)
        return removed
