"""District profiles in real Chromium, offline: each area's profile draws its map and its charts.

On the demo folder (services in every area) each profile draws its services and charts with data; on the
real, reported data an area without a reported project says so in its charts instead of empty axes.
"""

import pytest

from geo.analysis.history import default_as_of, services_as_of
from geo.analysis.stats import citywide_profile
from geo.details import citywide_detail_rows
from tests.conftest import DEMO_DIR
from tests.e2e.conftest import expect_count, start_server, stop_server, wait_for_map

pytestmark = pytest.mark.browser

# Plotly charts whose plot area holds drawn data (bars, lines, slices), counted in the page.
CHARTS_WITH_DATA = (
    "Array.from(document.querySelectorAll('.js-plotly-plot'))"
    ".filter(p => p.querySelectorAll('.trace, .scatterlayer path, .pielayer .slice').length > 0).length"
)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    store_dir = tmp_path_factory.mktemp("districts-demo")
    server = start_server({"DASHBOARD_DATA_DIR": str(DEMO_DIR), "DASHBOARD_STORE_DIR": str(store_dir)}, store_dir)
    yield server
    stop_server(server)


@pytest.mark.parametrize(
    ("area_id", "name"),
    [
        ("singil2", "신길2"),
        ("jangsang", "장상"),
        ("gfez", "경기경제자유구역"),
        ("choji", "초지역세권"),
    ],
)
def test_each_profile_draws_its_map_and_charts(demo_server, open_app, demo, area_id, name):
    bundled = demo
    session = open_app(demo_server, f"/districts?area={area_id}")
    page = session.page
    page.get_by_role("heading", name="지구별 현황").wait_for()
    area_name = bundled.areas.loc[bundled.areas["area_id"] == area_id, "name_ko"].iloc[0]
    page.locator(".detail-panel h4", has_text=area_name).wait_for()
    frame = wait_for_map(page, min_shapes=30)
    expect_count(frame.locator(".area-label").get_by_text(name, exact=True), 1)
    in_area = bundled.services.loc[(bundled.services["area_id"] == area_id) & (bundled.services.geom_type == "Point")]
    frame.locator(".svc-icon").nth(len(in_area) - 1).wait_for(state="attached")
    assert frame.locator(".svc-icon").count() == len(in_area)
    # Projects by domain and status, budget by funding and by year, the timeline: each with data.
    page.wait_for_function(f"() => {CHARTS_WITH_DATA} >= 4")
    assert session.external_requests == []


def test_an_area_without_reported_projects_says_so_instead_of_empty_charts(staff_server, open_app, bundled):
    singil2 = bundled.services.loc[bundled.services["area_id"] == "singil2"]
    assert singil2.empty  # no source reports a smart-city project inside 신길2 yet
    session = open_app(staff_server, "/districts?area=singil2")
    page = session.page
    page.get_by_role("heading", name="지구별 현황").wait_for()
    wait_for_map(page, min_shapes=30)
    page.get_by_text("이 대상지 안에서 보도된 사업은 없습니다", exact=False).first.wait_for()
    page.get_by_text("가장 가까운 보도된 사업", exact=True).wait_for()
    assert page.locator(".js-plotly-plot").count() == 0  # a sentence, not empty frames
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_citywide_facts_say_what_the_group_is_and_count_it(staff_server, open_app, bundled, lang):
    # The column beside the map held only the heading "시 전역"; it now says what the group is and counts it.
    as_of = default_as_of(bundled.status_history)
    profile = citywide_profile(services_as_of(bundled.services, bundled.status_history, as_of))
    path = "/districts?area=citywide" + ("&lang=en" if lang == "en" else "")
    session = open_app(staff_server, path, viewport=(1366, 768))
    page = session.page
    panel = page.locator(".detail-panel", has=page.locator("h4", has_text="시 전역" if lang == "ko" else "Citywide"))
    panel.wait_for()
    shown = dict(zip(panel.locator("th").all_inner_texts(), panel.locator("td").all_inner_texts(), strict=True))
    assert shown == dict(citywide_detail_rows(profile, lang))
    # The figures are the data's: 23 of 25 reported projects lie outside the five areas, 6 with no place.
    if lang == "ko":
        assert shown["서비스 수"] == "23건 (전체 25건 중)"
        assert shown["위치"].startswith("장소 보도되지 않음(시 전역)\u00a06건")
    else:
        assert shown["Services"] == "23 (of 25 in all)"
        assert shown["Where"].startswith("No place reported (citywide)\u00a06")
    assert session.external_requests == []


@pytest.fixture(scope="module")
def sixth_area_server(tmp_path_factory):
    """The bundled data with a sixth area (and one service in it) beside the plan's five."""
    import shutil

    from tests.conftest import DATA_DIR
    from tests.test_sixth_area import add_sixth_area

    root = tmp_path_factory.mktemp("districts-sixth")
    data_dir = root / "data"
    shutil.copytree(DATA_DIR, data_dir, ignore=shutil.ignore_patterns("*.gpkg", "*.sqlite", "backups", "demo"))
    add_sixth_area(data_dir)
    server = start_server({"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(root / "store")}, root)
    yield server
    stop_server(server)


def test_a_sixth_area_with_a_service_has_its_profile_map_and_charts(sixth_area_server, open_app):
    from tests.test_sixth_area import SERVICE_KO, SIXTH_KO

    session = open_app(sixth_area_server, "/districts")
    page = session.page
    page.get_by_role("heading", name="지구별 현황").wait_for()
    # The picker lists it (from the store), and choosing it opens its profile: facts, its outline, its project.
    page.locator("[data-testid='stButtonGroup'] button", has_text=SIXTH_KO).first.click()
    page.locator(".detail-panel h4", has_text=SIXTH_KO).wait_for()
    assert "sadong90" in page.url
    frame = wait_for_map(page, min_shapes=30)
    expect_count(frame.locator(".area-label").get_by_text(SIXTH_KO, exact=True), 1)
    frame.locator(".svc-icon").first.wait_for(state="attached")
    assert frame.locator(".svc-icon").count() == 1
    page.get_by_text(SERVICE_KO).first.wait_for()
    page.wait_for_function(f"() => {CHARTS_WITH_DATA} >= 1")
    assert page.locator("[data-testid='stException']").count() == 0
    assert session.external_requests == []
