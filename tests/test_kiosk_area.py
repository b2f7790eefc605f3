"""The kiosk's area screens and maps (geo.kiosk.area): landmarks, the nearest station, projects in or near."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.io import METRIC_CRS
from geo.kiosk.area import (
    AREA_ROWS_MAX,
    NEAREST_MAX,
    area_landmarks,
    area_map_bounds,
    area_project_mask,
    area_screen_html,
    build_kiosk_map,
    nearest_station,
    station_points,
)
from geo.loaders import load_reference_layers
from geo.model.reference_layers import ReferenceLayer
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def layers():
    return load_reference_layers(DATA_DIR)


def _layer(layer_id: str, rows: list[dict], kiosk: bool = True, name_field: str = "역사명") -> ReferenceLayer:
    points = gpd.GeoDataFrame(
        [{k: v for k, v in row.items() if k != "at"} for row in rows],
        geometry=[Point(*row["at"]) for row in rows],
        crs=4326,
    )
    return ReferenceLayer(layer_id, "역", "Stations", "시험", "2026", "시험", "시험", points, name_field, kiosk=kiosk)


def _square_area() -> gpd.GeoDataFrame:
    # A 1 km square drawn in EPSG:5186 around a point of Ansan, stored in EPSG:4326.
    centre = gpd.GeoSeries([Point(126.80, 37.32)], crs=4326).to_crs(METRIC_CRS).iloc[0]
    square = box(centre.x - 500, centre.y - 500, centre.x + 500, centre.y + 500)
    return gpd.GeoDataFrame({"area_id": ["test"]}, geometry=[square], crs=METRIC_CRS).to_crs(4326)


def _east_of_square(metres: float) -> tuple[float, float]:
    centre = gpd.GeoSeries([Point(126.80, 37.32)], crs=4326).to_crs(METRIC_CRS).iloc[0]
    point = gpd.GeoSeries([Point(centre.x + 500 + metres, centre.y)], crs=METRIC_CRS).to_crs(4326).iloc[0]
    return point.x, point.y


def test_nearest_station_is_measured_from_the_outline_and_named_once_per_station():
    rail = _layer(
        "rail_stations",
        [
            {"역사명": "가나", "영문역사명": "Gana", "at": _east_of_square(1000)},
            {"역사명": "다라역", "영문역사명": "Dara", "at": _east_of_square(3000)},
        ],
    )
    # The same station from another line's list (no English name there) and a layer that is not for the kiosk.
    other = _layer("rail_stations_other", [{"역사명": "가나", "at": _east_of_square(1000)}])
    hidden = _layer("hidden_stations", [{"역사명": "마바", "at": _east_of_square(10)}], kiosk=False)
    stations = station_points([rail, other, hidden])
    assert sorted(stations["name_ko"]) == ["가나역", "다라역"]
    areas = _square_area()
    near = nearest_station(areas, "test", [rail, other, hidden], "ko")
    assert near is not None and near.name == "가나역" and near.distance_km == pytest.approx(1.0, abs=0.01)
    assert nearest_station(areas, "test", [rail, other], "en").name == "Gana Stn"
    assert nearest_station(areas, "test", [hidden], "ko") is None
    html = area_screen_html({}, areas.assign(name_ko="시험", source="시험"), _no_services(), [rail], "test", "ko")
    assert "가장 가까운 역: 가나역 (약 1.0 km)" in html


def _no_services() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name_ko": [], "status": [], "area_id": [], "location_accuracy": []}, geometry=[], crs=4326
    )


def _expected_nearest_station(bundled, layers, area_id: str) -> tuple[str, float]:
    outline = bundled.areas.loc[bundled.areas["area_id"] == area_id].to_crs(METRIC_CRS).union_all()
    best = None
    for layer in layers:
        if layer.kiosk and "station" in layer.layer_id:
            for name, point in zip(
                layer.points[layer.name_field], layer.points.to_crs(METRIC_CRS).geometry, strict=True
            ):
                km = point.distance(outline) / 1000
                if best is None or km < best[1]:
                    best = (name if name.endswith("역") else f"{name}역", km)
    assert best is not None
    return best


@pytest.mark.parametrize("area_id", ["singil2", "jangsang", "gfez", "choji", "uiwang_gunpo_ansan"])
def test_every_bundled_area_names_its_nearest_station_the_plan_note_and_projects(bundled, layers, area_id):
    name, km = _expected_nearest_station(bundled, layers, area_id)
    html = area_screen_html(bundled.plan, bundled.areas, bundled.services, layers, area_id, "ko")
    station = f"대상지 안의 역: {name}" if km == 0 else f"가장 가까운 역: {name} (약 {km:,.1f} km)"
    assert station in html
    assert bundled.plan["gazette"]["ko"] in html and "스마트도시계획 적용 대상지" in html
    services = bundled.services
    inside = (services["status"] != "취소") & (
        (services["area_id"] == area_id) | (services["located_area_id"] == area_id)
    )
    if inside.any():
        assert f"이 대상지 안의 사업 · {int(inside.sum())}건" in html
        assert html.count('class="kiosk-row"') == min(int(inside.sum()), AREA_ROWS_MAX)
    else:  # the nearest projects with a place, each with its distance from the area
        assert "이 대상지 안에 보도된 사업은 없습니다. 가장 가까운 사업:" in html
        assert html.count('class="kiosk-row"') == NEAREST_MAX and html.count("km</span>") == NEAREST_MAX
    # The area's own public facts may name its developer (안산도시공사); the project rows name no department.
    rows = html[html.index('class="kiosk-rows"') :]
    for department in services["department"].dropna().unique():
        assert department not in rows
    assert "ANS-" not in html


def test_an_area_without_projects_lists_the_nearest_placed_ones_nearest_first(bundled):
    mask, inside = area_project_mask(bundled.services, bundled.areas, "singil2")
    assert not inside and int(pd.Series(mask).sum()) == NEAREST_MAX
    chosen = bundled.services.loc[mask]
    assert (chosen["location_accuracy"] != "citywide").all()
    outline = bundled.areas.loc[bundled.areas["area_id"] == "singil2"].to_crs(METRIC_CRS).union_all()
    placed = bundled.services.loc[
        (bundled.services["location_accuracy"] != "citywide") & (bundled.services["status"] != "취소")
    ]
    distances = placed.to_crs(METRIC_CRS).distance(outline).sort_values()
    assert sorted(chosen.index) == sorted(distances.index[:NEAREST_MAX])
    # The map shows the area and those projects together.
    (south, west), (north, east) = area_map_bounds(bundled.areas, bundled.services, "singil2")
    for point in chosen.geometry:
        assert south <= point.y <= north and west <= point.x <= east


def test_the_area_map_labels_stations_and_parks_and_sends_no_private_field(bundled, layers):
    html = build_kiosk_map(bundled, layers, "area", "singil2", "ko", 700).get_root().render()
    bounds = area_map_bounds(bundled.areas, bundled.services, "singil2")
    marks = area_landmarks(bundled.areas, "singil2", layers, bounds, "ko")
    stations = [m for m in marks if m.kind == "station"]
    assert stations and any(m.kind == "park" for m in marks)
    for mark in marks:  # each label's text, as the map's script holds it (JSON, tags escaped)
        assert json.dumps(mark.name)[1:-1] + "\\u003c/div\\u003e" in html, mark.name
    assert html.count('class=\\"kiosk-landmark station\\"') == len(stations)
    for service_id in bundled.services["service_id"]:
        assert f'"{service_id}"' not in html
    for department in bundled.services["department"].dropna().unique():
        assert department not in html
    english = build_kiosk_map(bundled, layers, "area", "singil2", "en", 700).get_root().render()
    assert "Singiloncheon Stn\\u003c/div\\u003e" in english


def test_a_project_group_map_draws_the_group_without_its_citywide_projects(bundled):
    from geo.kiosk.screens import PROJECT_GROUPS, kiosk_map_services

    for group, statuses in PROJECT_GROUPS.items():
        in_group = bundled.services.loc[bundled.services["status"].isin(statuses)]
        drawn = kiosk_map_services(bundled.services, statuses=statuses)
        expected = in_group.loc[in_group["location_accuracy"] != "citywide", "name_ko"]
        assert sorted(drawn["name_ko"]) == sorted(expected), group
