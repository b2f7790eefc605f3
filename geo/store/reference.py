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
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.io import STORAGE_CRS
from geo.reference import ReferenceLayer
from geo.store.common import StoreError, _Tx

REFERENCE_TABLES = ("reference_layers", "reference_points")
_LAYER_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,62}$")
# Column kinds recorded on write, and the dtype each is read back as.
_DTYPES = {"int": "int64", "Int64": "Int64", "float": "float64", "bool": "bool", "str": "str"}
_LAYER_FIELDS = (
    "layer_id",
    "title_ko",
    "title_en",
    "provider",
    "data_date",
    "licence",
    "source",
    "name_field",
    "popup_fields",
    "kiosk",
    "columns",
)


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


def bundled_reference_layers(data_dir: Path) -> list[ReferenceLayer]:
    """The public layers of the data folder a new store is seeded with.

    The loader (``geo.loaders.load_reference_layers``) comes with the bundled
    public layers; until it exists a store starts without reference layers.
    """
    try:
        from geo.loaders import load_reference_layers  # type: ignore[attr-defined]
    except ImportError:
        return []
    return list(load_reference_layers(data_dir))


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
        raise StoreError(
            f"참고 레이어 ID '{layer.layer_id}'은(는) 쓸 수 없습니다 (영문 소문자, 숫자, _, - 로 63자 이내)."
        )
    points = layer.points
    if not isinstance(points, gpd.GeoDataFrame) or points.crs is None:
        raise StoreError(f"참고 레이어 '{layer.layer_id}'의 좌표계가 없습니다 (EPSG:4326 점 자료여야 합니다).")
    points = points.to_crs(STORAGE_CRS) if not points.crs.equals(STORAGE_CRS) else points
    kinds = set(points.geometry.geom_type.dropna())
    if points.geometry.isna().any() or not kinds <= {"Point"}:
        raise StoreError(
            f"참고 레이어 '{layer.layer_id}'에는 점(Point) 도형만 넣을 수 있습니다 (받은 도형: {', '.join(sorted(kinds))})."
        )
    columns = [c for c in points.columns if c != points.geometry.name]
    missing = [f for f in (layer.name_field, *layer.popup_fields) if f not in columns]
    if missing:
        raise StoreError(f"참고 레이어 '{layer.layer_id}'에 없는 열을 표시하려 합니다: {', '.join(missing)}")
    return points


def layer_row(layer: ReferenceLayer, points: gpd.GeoDataFrame, flag: Any, stamp: str, user: str) -> tuple:
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


def point_rows(layer_id: str, points: gpd.GeoDataFrame, encode: Callable[[Any], Any]) -> list[tuple]:
    names = [c for c in points.columns if c != points.geometry.name]
    rows = []
    for values, geometry in zip(points[names].itertuples(index=False), points.geometry, strict=True):
        properties = {name: _json_value(v) for name, v in zip(names, values, strict=True)}
        rows.append((layer_id, json.dumps(properties, ensure_ascii=False, allow_nan=False), encode(geometry)))
    return rows


def read_layers(tx: _Tx, geom_out: str, decode: Callable[[Any], Any]) -> list[ReferenceLayer]:
    """Every stored reference layer, in layer_id order."""
    layers = tx.query(f"SELECT {', '.join(_LAYER_FIELDS)} FROM reference_layers ORDER BY layer_id")
    points: dict[str, list[tuple]] = {}
    for layer_id, properties, geometry in tx.query(
        f"SELECT layer_id, properties, {geom_out} FROM reference_points ORDER BY layer_id, fid"
    ):
        points.setdefault(layer_id, []).append((properties, geometry))
    return [_layer(row, points.get(row[0], []), decode) for row in layers]


def _layer(row: Sequence[Any], points: list[tuple], decode: Callable[[Any], Any]) -> ReferenceLayer:
    layer_id, title_ko, title_en, provider, data_date, licence, source, name_field, popup, kiosk, columns = row
    kinds = dict(json.loads(columns))
    records = [json.loads(p) for p, _ in points]
    frame = pd.DataFrame({name: [r.get(name) for r in records] for name in kinds}, dtype=object)
    for name, kind in kinds.items():
        if kind in _DTYPES:
            frame[name] = frame[name].astype(_DTYPES[kind])
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
