"""Places drawn honestly: stacks with their count, approximate (동 centre) places, citywide projects listed.

On frames built here (exact expectations) and on the bundled data (facts read from it, not repeated).
"""

from __future__ import annotations

import time
from datetime import date

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point
from streamlit.testing.v1 import AppTest

from geo.analysis.filters import parse_as_of
from geo.analysis.history import services_as_of
from geo.html import escape_html
from geo.mapping import (
    MapOptions,
    PlacementLegend,
    build_map,
    citywide_list_html,
    citywide_projects,
    legend_html,
    placement_legend,
    service_groups,
    stack_members,
)
from geo.mapping.canvas import service_payload
from geo.mapping.placement import CITYWIDE, placement_kinds, point_stacks
from geo.model.vocab import STATUS_TERMS
from tests.conftest import PROJECT_ROOT
from tests.map_scripts import map_configs

HALL = (126.83271, 37.32256)
HUB = (126.77383, 37.31018)


def _frame(rows: list[tuple[str, str, str, str, tuple[float, float]]]) -> gpd.GeoDataFrame:
    """Services ``(id, name, status, location_accuracy, (lon, lat))`` with the columns the maps read."""
    return gpd.GeoDataFrame(
        {
            "service_id": [r[0] for r in rows],
            "name_ko": [r[1] for r in rows],
            "name_en": [f"{r[1]} (en)" for r in rows],
            "status": [r[2] for r in rows],
            "location_accuracy": [r[3] for r in rows],
            "domain": ["교통", "행정", "교통", "교육", "교통", "행정"][: len(rows)],
            "area_id": ["citywide"] * len(rows),
        },
        geometry=[Point(*r[4]) for r in rows],
        crs=4326,
    )


@pytest.fixture
def small() -> gpd.GeoDataFrame:
    # Three at the industrial estate's 동 centre, one at an address, two reported without a place.
    return _frame(
        [
            ("S-1", "가로등", "운영", "dong", HUB),
            ("S-2", "교통체계", "계획", "dong", HUB),
            ("S-3", "통합관제", "구축", "dong", HUB),
            ("S-4", "충전소", "운영", "address", (126.80, 37.30)),
            ("S-5", "와이파이", "운영", "citywide", HALL),
            ("S-6", "원격의료", "계획", "citywide", HALL),
        ]
    )


def _html(fmap) -> str:
    return fmap.get_root().render()


def _rows(html: str) -> list[list]:
    """Every drawn point row ``[lat, lon, icon, tip, popup]`` of the map's service layers."""
    rows = []
    for layer in map_configs(html, "rows"):
        rows += layer["rows"]
    return rows


def test_a_stack_of_three_draws_once_with_its_count_and_a_list_of_each_status(bundled, small):
    html = _html(build_map(bundled.boundaries, bundled.areas, small))
    rows = _rows(html)
    # Three at the hub draw as one symbol, the address as its own: two points, none at City Hall.
    assert sorted((r[1], r[0]) for r in rows) == sorted([HUB, (126.80, 37.30)])
    stack = next(r for r in rows if (r[1], r[0]) == HUB)
    assert "이 지점의 사업 3건" in stack[4] and "개략 위치 (행정동 중심점)" in stack[4]
    for name, status in (("가로등", "운영"), ("교통체계", "계획"), ("통합관제", "구축")):
        assert f"{name} · {status}" in stack[4]
    # The stack's symbol carries the count and no status colour.
    icons = [layer["icons"] for layer in map_configs(html, "rows", "icons")]
    stack_icons = next(" ".join(block) for block in icons if any(">3</text>" in svg for svg in block))
    assert STATUS_TERMS["운영"].colour not in stack_icons and STATUS_TERMS["계획"].colour not in stack_icons
    single = next(r for r in rows if (r[1], r[0]) != HUB)
    assert single[4] == "" and single[2] == 3  # 운영's symbol, exact (no ring)


def test_citywide_projects_are_not_drawn_but_listed_and_counted_in_the_legend(bundled, small):
    html = _html(build_map(bundled.boundaries, bundled.areas, small))
    assert "와이파이" not in html and "원격의료" not in html
    assert "시 전역 사업 2건" in html
    listed = citywide_projects(small)
    assert listed["service_id"].tolist() == ["S-6", "S-5"]  # 계획 before 운영
    assert listed["status"].tolist() == ["계획", "운영"]
    text = citywide_list_html(small, "en", selected="S-5")
    assert "Citywide projects (2)" in text
    assert '와이파이 (en) · <b>Operating</b> <span class="cw-mark-selected">◀ selected</span>' in text
    assert "원격의료 (en) · <b>Planned</b></span>" in text
    assert citywide_list_html(small.iloc[:4], "ko") == ""


def test_the_legend_names_stacks_approximate_places_and_citywide_projects_in_both_languages(small):
    assert placement_legend(small) == PlacementLegend(stacks=True, approximate=True, citywide=2)
    ko = legend_html("ko", placements=placement_legend(small))
    en = legend_html("en", placements=placement_legend(small))
    assert "한 지점의 여러 사업 (숫자: 건수)" in ko and "Several projects at one point (count)" in en
    assert "점선 고리: 개략 위치 (동 중심)" in ko and "Dashed ring: approximate (dong centre)" in en
    assert "시 전역 사업 2건" in ko and "2 citywide projects" in en
    plain = legend_html("ko", placements=placement_legend(small.iloc[3:4]))
    assert "위치 표시" not in plain and "개략" not in plain


def test_the_selection_ring_sits_on_the_stack_and_a_citywide_selection_draws_none(small):
    groups = service_groups(small, selected_service="S-2")
    ring = [g for g in groups if g.layer_name == "selection"]
    assert len(ring) == 1
    marker = next(iter(ring[0]._children.values()))
    assert marker.location == [HUB[1], HUB[0]]
    assert not [g for g in service_groups(small, selected_service="S-5") if g.layer_name == "selection"]
    assert stack_members(small, "S-2")["service_id"].tolist() == ["S-1", "S-2", "S-3"]
    assert stack_members(small, "S-4")["service_id"].tolist() == ["S-4"]
    assert stack_members(small, "S-5").empty


def test_the_kiosk_map_lists_a_stack_on_tap_without_tooltips(bundled, small):
    html = _html(build_map(bundled.boundaries, bundled.areas, small, MapOptions(audience="kiosk")))
    stack = next(r for r in _rows(html) if (r[1], r[0]) == HUB)
    assert stack[3] == "" and "이 지점의 사업 3건" in stack[4]
    assert "S-1" not in html


def test_bundled_maps_draw_no_point_at_city_hall_and_show_each_stack_count(bundled):
    services = bundled.services
    kinds = placement_kinds(services)
    citywide = services.loc[kinds == CITYWIDE]
    assert len(citywide) > 0
    html = _html(build_map(bundled.boundaries, bundled.areas, services))
    rows = _rows(html)
    drawn_at = {(round(r[1], 6), round(r[0], 6)) for r in rows}
    for point in citywide.geometry:
        others = services.loc[(kinds != CITYWIDE) & services.geometry.geom_equals(point).to_numpy()]
        if others.empty:
            assert (round(point.x, 6), round(point.y, 6)) not in drawn_at
    points = services.loc[(kinds != CITYWIDE) & (services.geom_type == "Point").to_numpy()]
    stacks = point_stacks(points)
    sizes = stacks.groupby("stack")["stack_size"].first()
    assert len(rows) == len(sizes)  # one drawn symbol per distinct point
    for size in sizes[sizes > 1]:
        assert f"이 지점의 사업 {size}건" in html
    assert f"시 전역 사업 {len(citywide)}건" in html
    assert "점선 고리: 개략 위치 (동 중심)" in html


def test_canvas_payload_marks_places_and_points_shared(bundled, small):
    payload = service_payload(small, bundled.boundaries, bundled.areas, "ko")
    assert payload["place"] == [1, 1, 1, 0, 2, 2]
    loc = payload["loc"]
    assert loc[0] == loc[1] == loc[2] != loc[3] and loc[4] == loc[5]


def test_stacking_is_column_wise_at_city_scale():
    rng = np.random.default_rng(7)
    count = 100_000
    lon = np.round(rng.uniform(126.7, 126.9, count), 3)  # a coarse grid: many shared points
    lat = np.round(rng.uniform(37.28, 37.36, count), 3)
    points = gpd.GeoDataFrame({"status": ["운영"] * count}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    started = time.perf_counter()
    stacks = point_stacks(points)
    legend = placement_legend(points)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, elapsed
    assert int(stacks.groupby("stack")["stack_size"].first().sum()) == count
    assert legend.stacks and not legend.approximate and legend.citywide == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-07-01", (date(2024, 7, 1), None)),
        ("2024-02-30", (None, "format")),
        ("2024-7-1", (None, "format")),
        ("yesterday", (None, "format")),
        ("2024-07-01T00:00", (None, "format")),
        ("1999-12-31", (None, "range")),
        ("2031-01-01", (None, "range")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_as_of_from_the_url_is_parsed_strictly(raw, expected):
    assert parse_as_of(raw, date(2000, 1, 1), date(2030, 12, 31)) == expected


@pytest.fixture
def map_page(monkeypatch):
    for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)

    def _open(**params: str) -> AppTest:
        at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60)
        at.query_params.update(params)
        at.run()
        return at.switch_page("app_pages/map_explorer.py").run()

    return _open


def test_map_page_opens_on_the_as_of_day_in_the_url(map_page, bundled):
    at = map_page(as_of="2021-01-01")
    assert not at.exception
    assert at.date_input[0].value == date(2021, 1, 1)
    then = services_as_of(bundled.services, bundled.status_history, date(2021, 1, 1))
    assert at.caption[0].value.startswith(f"표시 중: {len(then)} / {len(then)}건")
    cities = citywide_projects(then)
    listed = next(h.proto.body for h in at.get("html") if "citywide-list" in h.proto.body)
    for name, status in zip(cities["name_ko"], cities["status"], strict=True):
        assert f"{escape_html(name)} · <b>{status}</b>" in listed


@pytest.mark.parametrize("raw", ["2024-13-01", "<script>", "1900-01-01"])
def test_map_page_ignores_a_bad_as_of_and_says_so(map_page, bundled, raw):
    at = map_page(as_of=raw)
    assert not at.exception
    (notice,) = [i.value for i in at.info if i.value.startswith("링크의 일부를 쓰지 않고")]
    line = next(line for line in notice.replace("\\", "").splitlines() if line.startswith("- as_of="))
    assert "오늘 기준으로 보여 줍니다" in line
    assert "as_of" not in at.query_params
    assert at.caption[0].value.startswith(f"표시 중: {len(bundled.services)} / ")
