"""One loader per dataset: each knows its file name and schema and returns typed data or raises DataError.

``load_dashboard_data`` reads all of them from a data folder, checks them
against each other and returns one ``DashboardData`` for the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import yaml
from shapely.geometry.base import BaseGeometry

from geo.io import read_table, read_vector
from geo.schema import AREAS, BOUNDARIES, SERVICES, STATUS_HISTORY, DatasetSchema
from geo.spatial import area_m2, assign_districts, services_outside_declared_area
from geo.validation import NOT_UTF8, DataError, ValidationReport, validate_frame
from geo.vocab import DIRECTION_TERMS

PLAN_FILE = "plan.yaml"
PLAN_REQUIRED_KEYS = ("source", "title", "vision", "directions", "milestones")


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


def city_outline(boundaries: gpd.GeoDataFrame) -> BaseGeometry:
    city = boundaries.loc[boundaries["level"] == "city"]
    return (city if not city.empty else boundaries).geometry.union_all()


def load_plan(data_dir: Path) -> dict[str, Any]:
    path = data_dir / PLAN_FILE
    report = ValidationReport()
    if not path.exists():
        report.add(PLAN_FILE, None, None, "파일이 없습니다")
        raise DataError(report)
    try:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        report.add(PLAN_FILE, None, None, NOT_UTF8)
        raise DataError(report) from exc
    except yaml.YAMLError as exc:
        report.add(PLAN_FILE, None, None, f"YAML 형식이 올바르지 않습니다: {str(exc).splitlines()[0]}")
        raise DataError(report) from exc
    if not isinstance(plan, dict):
        report.add(PLAN_FILE, None, None, "최상위가 항목(key: value) 목록이어야 합니다")
        raise DataError(report)
    for key in PLAN_REQUIRED_KEYS:
        if key not in plan:
            report.add(PLAN_FILE, None, key, f"필수 항목 '{key}'이(가) 없습니다")
    for position, direction in enumerate(plan.get("directions") or [], start=1):
        if direction.get("id") not in DIRECTION_TERMS:
            report.add(PLAN_FILE, position, "directions.id", f"'{direction.get('id')}'는 알 수 없는 추진 방향입니다")
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
    return gpd.GeoDataFrame(typed, geometry="geometry", crs=result.frame.crs)


def load_boundaries(data_dir: Path) -> gpd.GeoDataFrame:
    return _load_vector(data_dir, BOUNDARIES, None)


def load_areas(data_dir: Path, outline: BaseGeometry | None = None) -> gpd.GeoDataFrame:
    """The development areas, with ``area_m2`` measured in EPSG:5186."""
    areas = _load_vector(data_dir, AREAS, outline)
    areas["area_m2"] = area_m2(areas).round(0)
    return areas


def load_services(data_dir: Path, outline: BaseGeometry | None = None) -> gpd.GeoDataFrame:
    return _load_vector(data_dir, SERVICES, outline)


def load_status_history(data_dir: Path, known_service_ids: set[str] | None = None) -> pd.DataFrame:
    schema = STATUS_HISTORY
    frame, report = read_table(data_dir / schema.file_name)
    if frame is None:
        raise DataError(report)
    typed, report = validate_frame(frame, schema, schema.file_name)
    if report.ok and known_service_ids is not None:
        for position, service_id in enumerate(typed["service_id"], start=1):
            if service_id not in known_service_ids:
                report.add(
                    schema.file_name, position, "service_id", f"'{service_id}'는 서비스 목록에 없는 ID입니다", "행"
                )
    if not report.ok:
        raise DataError(report)
    return typed.sort_values(["service_id", "changed_at"], kind="stable").reset_index(drop=True)


def area_consistency_report(
    services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, file: str, unit: str = "피처"
) -> ValidationReport:
    """A problem for each service said to be in a development area whose geometry does not touch it."""
    report = ValidationReport()
    outside = set(services_outside_declared_area(services, areas))
    for position, (service_id, area_id) in enumerate(zip(services["service_id"], services["area_id"]), start=1):
        if service_id in outside:
            report.add(
                file,
                position,
                "area_id",
                f"대상지가 '{area_id}'로 되어 있지만 도형이 그 대상지 경계와 겹치지 않습니다 (대상지 또는 좌표를 확인하세요)",
                unit,
            )
    return report


def load_dashboard_data(data_dir: Path) -> DashboardData:
    """Read and cross-check every dataset in ``data_dir``; raise DataError listing all problems found."""
    report = ValidationReport()
    if not data_dir.is_dir():
        report.add(str(data_dir), None, None, "데이터 폴더가 없습니다 (DASHBOARD_DATA_DIR를 확인하세요)")
        raise DataError(report)

    def attempt(loader, *args):
        try:
            return loader(*args)
        except DataError as error:
            report.extend(error.report)
            return None

    plan = attempt(load_plan, data_dir)
    boundaries = attempt(load_boundaries, data_dir)
    outline = city_outline(boundaries) if boundaries is not None else None
    areas = attempt(load_areas, data_dir, outline)
    services = attempt(load_services, data_dir, outline)
    known = set(services["service_id"]) if services is not None else None
    history = attempt(load_status_history, data_dir, known)
    if not report.ok:
        raise DataError(report)
    report.extend(area_consistency_report(services, areas, SERVICES.file_name))
    if not report.ok:
        raise DataError(report)
    services = assign_districts(services, boundaries, areas)
    return DashboardData(plan, boundaries, areas, services, history)
