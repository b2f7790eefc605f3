"""The home page in real Chromium, offline: title, numbers, a drawn map, zero external requests."""

import re

import pytest

from geo.analysis.stats import headline
from geo.mapping.placement import CITYWIDE, placement_kinds, point_stacks
from tests.e2e.conftest import expect_count, wait_for_map, wait_for_run_end

pytestmark = pytest.mark.browser


def test_home_draws_title_numbers_and_map_offline(staff_server, open_app, bundled):
    session = open_app(staff_server, "/")
    page = session.page
    page.get_by_role("heading", name="안산 스마트도시 대시보드").wait_for()
    numbers = headline(bundled.services, bundled.areas)
    # The number in its metric (other texts, such as a caption, may say "25건" too).
    page.locator("[data-testid='stMetricValue']", has_text=re.compile(rf"^{numbers.services:,}건$")).wait_for()

    # Base outline (city, 2 gu, 25 dongs) + 5 development areas + line/zone services, all as SVG paths.
    # Waited for to the last one, then counted: a count taken while the map is still being drawn is short.
    shape_services = int((bundled.services.geom_type != "Point").sum())
    expected_paths = 1 + 25 + 2 + len(bundled.areas) + shape_services
    frame = wait_for_map(page, min_shapes=expected_paths)
    assert frame.locator(".leaflet-overlay-pane path").count() == expected_paths
    # One marker per point where services stand (several at one point share a marker with their count);
    # citywide services (no place reported) have none: they are listed under the map.
    kinds = placement_kinds(bundled.services)
    points = bundled.services.loc[(kinds != CITYWIDE) & (bundled.services.geom_type == "Point").to_numpy()]
    markers = int(point_stacks(points)["stack"].nunique())
    frame.locator(".svc-icon").nth(markers - 1).wait_for(state="attached")
    assert frame.locator(".svc-icon").count() == markers
    citywide = page.locator(".citywide-list li")
    expect_count(citywide, int((kinds == CITYWIDE).sum()))
    for short_name in ("신길2", "장상", "초지역세권"):
        assert frame.get_by_text(short_name, exact=True).count() == 1
    assert frame.locator(".dash-legend").get_by_text("운영").count() == 1
    # The default data is the reported projects: no sample is on screen, so no "예시 데이터".
    assert page.get_by_text("예시 데이터").count() == 0
    assert session.external_requests == []


@pytest.mark.parametrize(
    ("path", "title"), [("/home", "안산 스마트도시 대시보드"), ("/home?lang=en", "Ansan Smart City Dashboard")]
)
def test_a_bookmark_to_home_opens_the_home_page_without_streamlits_page_not_found(staff_server, open_app, path, title):
    session = open_app(staff_server, path)
    page = session.page
    page.get_by_role("heading", name=title).wait_for()
    wait_for_map(page, min_shapes=10)
    wait_for_run_end(page)
    # Streamlit's dialog stays open until closed, so once the page is drawn it would still be there.
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    # The home page at its one address, the language kept; the menu marks it as the current page.
    assert page.url == staff_server.url + path.replace("/home", "/")
    expect_count(page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]'), 1)
    assert session.external_requests == []
