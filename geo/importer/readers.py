"""Readers: a checked file to a GeoDataFrame in EPSG:4326, with the CRS and encoding it was read in.

Vector files (GeoJSON, GeoPackage, Shapefile) go through ``geo.io.read_vector``;
CSV and XLSX tables become points from their coordinate columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from geo.importer.safety import TABLE_SUFFIXES, refusal
from geo.io import STORAGE_CRS, describe_crs, read_table, read_vector
from geo.validation import ValidationReport

# Coordinate columns of CSV/XLSX files, compared case-insensitively.
LON_COLUMNS = ("lon", "lng", "longitude", "경도")
LAT_COLUMNS = ("lat", "latitude", "위도")
X_COLUMNS = ("x", "x좌표")
Y_COLUMNS = ("y", "y좌표")
COORDINATE_COLUMNS = LON_COLUMNS + LAT_COLUMNS + X_COLUMNS + Y_COLUMNS


@dataclass
class Read:
    """A file read as features in EPSG:4326, before column mapping."""

    frame: gpd.GeoDataFrame
    source_crs: str | None
    encoding: str | None
    notes: list[str] = field(default_factory=list)
    unit: str = "피처"  # '행' for tables: how problems name a record
    mapping: dict[str, str] = field(default_factory=dict)  # the column mapping applied (source → schema)


def is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES


def _find_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    lookup = {str(c).strip().lower(): c for c in frame.columns}
    return next((lookup[n] for n in names if n in lookup), None)


def _coordinate_columns(frame: pd.DataFrame, name: str, crs: str | None) -> tuple[str, str, CRS] | ValidationReport:
    lon, lat = _find_column(frame, LON_COLUMNS), _find_column(frame, LAT_COLUMNS)
    if lon is not None and lat is not None:
        return lon, lat, CRS.from_epsg(4326)
    x, y = _find_column(frame, X_COLUMNS), _find_column(frame, Y_COLUMNS)
    if x is None or y is None:
        return refusal(
            name,
            f"좌표 열이 없습니다: lon/lat(경도/위도) 열, 또는 x/y 열과 좌표계를 넣으세요 "
            f"(파일의 열: {', '.join(map(str, frame.columns))})",
            "행",
        )
    if not crs:
        return refusal(
            name, f"좌표 열 '{x}', '{y}'의 좌표계가 지정되지 않았습니다: 좌표계를 함께 지정하세요 (예: EPSG:5186)", "행"
        )
    try:
        return x, y, CRS.from_user_input(crs)
    except CRSError:
        return refusal(name, f"좌표계 '{crs}'을(를) 알 수 없습니다 (예: EPSG:5186, EPSG:5179)", "행")


def points_from_table(frame: pd.DataFrame, name: str, crs: str | None) -> Read | ValidationReport:
    """Point geometry from coordinate columns; problems by row and field."""
    found = _coordinate_columns(frame, name, crs)
    if isinstance(found, ValidationReport):
        return found
    x_column, y_column, source_crs = found
    report = ValidationReport()
    geometries: list[BaseGeometry | None] = []
    for position, (raw_x, raw_y) in enumerate(zip(frame[x_column], frame[y_column], strict=True), start=1):
        values = []
        for column, raw in ((x_column, raw_x), (y_column, raw_y)):
            text = str(raw).strip().replace(",", "")
            try:
                values.append(float(text))
            except ValueError:
                message = "좌표 값이 비어 있습니다" if not text else f"'{raw}'는 숫자가 아닙니다"
                report.add(name, position, str(column), message, "행")
        geometries.append(shapely.Point(*values) if len(values) == 2 else None)
    if not report.ok:
        return report
    points = gpd.GeoDataFrame(
        frame.drop(columns=[x_column, y_column]), geometry=gpd.GeoSeries(geometries, crs=source_crs)
    )
    crs_text = describe_crs(source_crs)
    notes = []
    if source_crs.to_epsg() != 4326:
        points = points.to_crs(STORAGE_CRS)
        notes.append(f"좌표계 {crs_text}를 EPSG:4326(WGS 84)으로 변환했습니다")
    return Read(points, crs_text, None, notes, "행")


def read_table_file(path: Path, name: str) -> pd.DataFrame | ValidationReport:
    """A CSV or XLSX as text columns."""
    if path.suffix.lower() == ".csv":
        frame, report = read_table(path, name)
        return report if frame is None else frame
    try:
        return pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        return refusal(name, f"XLSX로 읽을 수 없습니다 (손상되었거나 형식이 다릅니다): {exc}", "행")


def _encoding_of(readable: Path, detected: str | None) -> str | None:
    cpg = readable.with_suffix(".cpg")
    if readable.suffix.lower() == ".shp" and cpg.exists():
        return f"{cpg.read_text(encoding='ascii', errors='replace').strip().upper()} (.cpg)"
    if detected == "cp949":
        return "CP949 (자동 판별)"
    return "UTF-8" if readable.suffix.lower() in (".geojson", ".json", ".shp") else None


def read_vector_file(path: Path, name: str, repair: bool) -> Read | ValidationReport:
    """A GeoJSON, GeoPackage or Shapefile in EPSG:4326."""
    result = read_vector(path, display_name=name, repair=repair)
    if result.frame is None:
        return result.report
    return Read(result.frame, result.source_crs, _encoding_of(path, result.encoding), list(result.notes))
