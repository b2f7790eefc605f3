"""One loader per dataset: each knows its file name and schema and returns typed data or raises DataError.

``load_dashboard_data`` reads all of them from a data folder, checks them
against each other and returns one ``DashboardData`` for the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import geopandas as gpd
import pandas as pd
import yaml
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.i18n.problems import message
from geo.io import METRIC_CRS, STORAGE_CRS, read_table, read_vector
from geo.model.reference_layers import LAYER_DESCRIPTION, ReferenceLayer
from geo.model.schema import AREAS, BOUNDARIES, SERVICES, STATUS_HISTORY, DatasetSchema, services_schema
from geo.model.validation import NOT_UTF8, DataError, ValidationReport, validate_frame
from geo.model.vocab import CITYWIDE, DIRECTION_TERMS
from geo.spatial import area_m2, assign_districts, city_outline, services_outside_declared_area

PLAN_FILE = "plan.yaml"
PLAN_REQUIRED_KEYS = ("source", "title", "vision", "directions", "milestones")

T = TypeVar("T")


@dataclass(frozen=True)
class DashboardData:
    plan: dict[str, Any]
    boundaries: gpd.GeoDataFrame
    areas: gpd.GeoDataFrame
    services: gpd.GeoDataFrame
    status_history: pd.DataFrame

    @property
    def city_outline(self) -> BaseGeometry:
        return city_outline(self.boundaries)

    @property
    def has_approximate_outlines(self) -> bool:
        """True while any area or boundary outline on the maps is a drawn approximation."""
        return bool(
            (self.areas["accuracy"] == "approximate").any() or (self.boundaries["accuracy"] == "approximate").any()
        )

    @property
    def has_samples(self) -> bool:
        return bool(self.services["is_sample"].any()) or bool(self.status_history["is_sample"].any())


def load_plan(data_dir: Path) -> dict[str, Any]:
    path = data_dir / PLAN_FILE
    report = ValidationReport()
    if not path.exists():
        report.add(PLAN_FILE, None, None, message("file_missing"))
        raise DataError(report)
    try:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        report.add(PLAN_FILE, None, None, NOT_UTF8)
        raise DataError(report) from exc
    except yaml.YAMLError as exc:
        report.add(PLAN_FILE, None, None, message("yaml_invalid", reason=str(exc).splitlines()[0]))
        raise DataError(report) from exc
    if not isinstance(plan, dict):
        report.add(PLAN_FILE, None, None, message("yaml_not_mapping"))
        raise DataError(report)
    for key in PLAN_REQUIRED_KEYS:
        if key not in plan:
            report.add(PLAN_FILE, None, key, message("plan_key_missing", key=key))
    for position, direction in enumerate(plan.get("directions") or [], start=1):
        if direction.get("id") not in DIRECTION_TERMS:
            unknown = message("direction_unknown", value=direction.get("id"))
            report.add(PLAN_FILE, position, "directions.id", unknown)
    if not report.ok:
        raise DataError(report)
    return plan


def _load_vector(data_dir: Path, schema: DatasetSchema, outline: BaseGeometry | None) -> gpd.GeoDataFrame:
    result = read_vector(data_dir / schema.file_name, repair=False)
    if result.frame is None:
        raise DataError(result.report)
    typed, report = validate_frame(result.frame, schema, schema.file_name, outline)
    if not report.ok:
        raise DataError(report)
    # Schema columns first, in schema order, whichever optional ones the file had: as the store reads them.
    ordered = [*schema.column_names, *(c for c in typed.columns if c not in schema.column_names)]
    return gpd.GeoDataFrame(typed[ordered], geometry="geometry", crs=result.frame.crs)


def load_boundaries(data_dir: Path) -> gpd.GeoDataFrame:
    return _load_vector(data_dir, BOUNDARIES, None)


def load_areas(data_dir: Path, outline: BaseGeometry | None = None) -> gpd.GeoDataFrame:
    """The development areas, with ``area_m2`` measured in EPSG:5186."""
    areas = _load_vector(data_dir, AREAS, outline)
    areas["area_m2"] = area_m2(areas).round(0)
    return areas


def load_services(
    data_dir: Path, outline: BaseGeometry | None = None, areas: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """The services; with ``areas``, an ``area_id`` of that layer is accepted beside the plan's five."""
    area_ids = areas["area_id"].dropna() if areas is not None else ()
    return _load_vector(data_dir, services_schema(area_ids), outline)


def load_status_history(data_dir: Path, known_service_ids: set[str] | None = None) -> pd.DataFrame:
    schema = STATUS_HISTORY
    frame, report = read_table(data_dir / schema.file_name)
    if frame is None:
        raise DataError(report)
    typed, report = validate_frame(frame, schema, schema.file_name)
    if report.ok and known_service_ids is not None:
        for position, service_id in enumerate(typed["service_id"], start=1):
            if service_id not in known_service_ids:
                unknown = message("service_id_unknown", value=service_id)
                report.add(schema.file_name, position, "service_id", unknown, "행")
    if not report.ok:
        raise DataError(report)
    return typed.sort_values(["service_id", "changed_at"], kind="stable").reset_index(drop=True)


def area_consistency_report(
    services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, file: str, unit: str = "피처"
) -> ValidationReport:
    """A problem for each service said to be in a development area whose geometry does not touch it."""
    report = ValidationReport()
    outside = set(services_outside_declared_area(services, areas))
    for position, (service_id, area_id) in enumerate(
        zip(services["service_id"], services["area_id"], strict=True), start=1
    ):
        if service_id in outside:
            report.add(
                file,
                position,
                "area_id",
                message("area_not_touched", area=area_id),
                unit,
            )
    return report


def load_dashboard_data(data_dir: Path) -> DashboardData:
    """Read and cross-check every dataset in ``data_dir``; raise DataError listing all problems found."""
    report = ValidationReport()
    if not data_dir.is_dir():
        report.add(str(data_dir), None, None, message("data_folder_missing"))
        raise DataError(report)

    def attempt(loader: Callable[..., T], *args: object) -> T | None:
        try:
            return loader(*args)
        except DataError as error:
            report.extend(error.report)
            return None

    plan = attempt(load_plan, data_dir)
    boundaries = attempt(load_boundaries, data_dir)
    outline = city_outline(boundaries) if boundaries is not None else None
    areas = attempt(load_areas, data_dir, outline)
    services = attempt(load_services, data_dir, outline, areas)
    known = set(services["service_id"]) if services is not None else None
    history = attempt(load_status_history, data_dir, known)
    if not report.ok or plan is None or history is None:
        raise DataError(report)
    report.extend(area_consistency_report(services, areas, SERVICES.file_name))
    if not report.ok:
        raise DataError(report)
    services = place_citywide(assign_districts(services, boundaries, areas))
    return DashboardData(plan, boundaries, areas, services, history)


def place_citywide(services: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Services reported with no place count as 시 전역 in the 구/동 views, not where their marker is drawn.

    Their marker stands at City Hall only so that they can be clicked; the 동 of City
    Hall says nothing about them.
    """
    if "location_accuracy" not in services:
        return services
    result = services.copy()
    citywide = (result["location_accuracy"] == "citywide").to_numpy()
    result.loc[citywide, ["gu", "dong"]] = ""
    if "located_area_id" in result:
        result.loc[citywide, "located_area_id"] = CITYWIDE
    return result


REFERENCE_DIR = "reference"
REFERENCE_MANIFEST = "manifest.yaml"
REFERENCE_REQUIRED_KEYS = ("layer_id", "file", *LAYER_DESCRIPTION)
# Public datasets place some points on the shore or a pier just outside the simplified outline.
REFERENCE_TOLERANCE_M = 500


def read_reference_layers(data_dir: Path) -> tuple[list[ReferenceLayer], ValidationReport]:
    """The public point layers of ``data_dir/reference`` and every problem found, without raising.

    ``manifest.yaml`` there lists each layer (file, titles, provider, data date as
    given, licence, source, name and popup columns, coordinate columns, kiosk flag,
    optional ``where`` row filter). A row without usable coordinates or outside
    Ansan (more than 500 m beyond the outline of ``boundaries.geojson``) is left out
    and reported by file and row; a layer whose file or columns are missing is left out.
    A folder without ``reference/`` has no layers and no problems.
    """
    report = ValidationReport()
    folder = data_dir / REFERENCE_DIR
    manifest_path = folder / REFERENCE_MANIFEST
    if not manifest_path.exists():
        return [], report
    where = f"{REFERENCE_DIR}/{REFERENCE_MANIFEST}"
    try:
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        report.add(where, None, None, message("yaml_invalid", reason=str(exc).splitlines()[0]))
        return [], report
    entries = manifest.get("layers") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        report.add(where, None, "layers", message("manifest_no_layers"))
        return [], report
    outline = _reference_outline(data_dir)
    layers = []
    for position, entry in enumerate(entries, start=1):
        missing = [key for key in REFERENCE_REQUIRED_KEYS if not (isinstance(entry, dict) and entry.get(key))]
        if missing:
            report.add(where, position, ", ".join(missing), message("manifest_entry_incomplete"), "번째 레이어")
            continue
        layer = _reference_layer(folder, entry, outline, report)
        if layer is not None:
            layers.append(layer)
    return layers, report


def load_reference_layers(data_dir: Path) -> list[ReferenceLayer]:
    """The public point layers of the data folder, without their bad rows.

    Raises DataError when the manifest, a file or a listed column is unusable.
    Rows without usable coordinates or outside Ansan are left out (as published,
    two of the 198 enforcement cameras lie outside Ansan); ``read_reference_layers``
    says which.
    """
    layers, report = read_reference_layers(data_dir)
    layer_problems = [p for p in report.problems if p.unit != "행"]
    if layer_problems:
        raise DataError(ValidationReport(layer_problems))
    return layers


def _reference_outline(data_dir: Path) -> BaseGeometry | None:
    if not (data_dir / BOUNDARIES.file_name).exists():
        return None
    try:
        boundaries = load_boundaries(data_dir)
    except DataError:
        return None
    city = gpd.GeoSeries([city_outline(boundaries)], crs=STORAGE_CRS).to_crs(METRIC_CRS)
    return cast(BaseGeometry, city.buffer(REFERENCE_TOLERANCE_M).to_crs(STORAGE_CRS).iloc[0])


def _reference_layer(
    folder: Path, entry: dict[str, Any], outline: BaseGeometry | None, report: ValidationReport
) -> ReferenceLayer | None:
    file = f"{REFERENCE_DIR}/{entry['file']}"
    path = folder / str(entry["file"])
    if not path.exists():
        report.add(file, None, None, message("file_missing"))
        return None
    # Every cell stays text as published (codes such as 41273-00092 keep their form).
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    lat, lon = str(entry.get("lat") or "위도"), str(entry.get("lon") or "경도")
    popup = tuple(str(c) for c in entry.get("popup_fields") or ())
    absent = [c for c in (lat, lon, str(entry["name_field"]), *popup) if c not in frame.columns]
    for column, value in (entry.get("where") or {}).items():
        if column not in frame.columns:
            absent.append(column)
        else:
            frame = frame.loc[frame[column] == str(value)]
    if absent:
        report.add(file, None, ", ".join(absent), message("manifest_columns_absent"))
        return None
    keep, points = [], []
    for row_number, (raw_lat, raw_lon) in zip(frame.index + 2, zip(frame[lat], frame[lon], strict=True), strict=True):
        point = _reference_point(raw_lat, raw_lon)
        if point is None:
            unreadable = message("coordinates_unreadable", lat=raw_lat, lon=raw_lon)
            report.add(file, int(row_number), f"{lat}/{lon}", unreadable, "행")
        elif outline is not None and not outline.contains(point):
            outside = message("coordinates_outside_city", lat=raw_lat, lon=raw_lon)
            report.add(file, int(row_number), f"{lat}/{lon}", outside, "행")
        else:
            keep.append(True)
            points.append(point)
            continue
        keep.append(False)
    rows = frame.loc[keep].reset_index(drop=True)
    return ReferenceLayer(
        layer_id=str(entry["layer_id"]),
        title_ko=str(entry["title_ko"]),
        title_en=str(entry["title_en"]),
        provider=str(entry["provider"]),
        data_date=str(entry["data_date"]),
        licence=str(entry["licence"]),
        source=str(entry["source"]),
        points=gpd.GeoDataFrame(rows, geometry=points, crs=STORAGE_CRS),
        name_field=str(entry["name_field"]),
        popup_fields=popup,
        kiosk=bool(entry.get("kiosk", False)),
    )


def _reference_point(raw_lat: str, raw_lon: str) -> Point | None:
    try:
        lat, lon = float(raw_lat), float(raw_lon)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Point(lon, lat)
