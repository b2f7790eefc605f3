"""District profiles in real Chromium, offline: each area's profile draws its map and its charts with data."""

import pytest

from tests.e2e.conftest import wait_for_map

pytestmark = pytest.mark.browser

# Plotly charts whose plot area holds drawn data (bars, lines, slices), counted in the page.
CHARTS_WITH_DATA = (
    "Array.from(document.querySelectorAll('.js-plotly-plot'))"
    ".filter(p => p.querySelectorAll('.trace, .scatterlayer path, .pielayer .slice').length > 0).length"
)


@pytest.mark.parametrize(
    ("area_id", "name"),
    [("singil2", "신길2"), ("jangsang", "장상"), ("gfez", "경기경제자유구역"), ("choji", "초지역세권")],
)
def test_each_profile_draws_its_map_and_charts(staff_server, open_app, bundled, area_id, name):
    session = open_app(staff_server, f"/districts?area={area_id}")
    page = session.page
    page.get_by_role("heading", name="지구별 현황").wait_for()
    area_name = bundled.areas.loc[bundled.areas["area_id"] == area_id, "name_ko"].iloc[0]
    page.locator(".detail-panel h4", has_text=area_name).wait_for()
    frame = wait_for_map(page, min_shapes=30)
    assert frame.locator(".area-label").get_by_text(name, exact=True).count() == 1
    in_area = bundled.services.loc[(bundled.services["area_id"] == area_id) & (bundled.services.geom_type == "Point")]
    frame.locator(".svc-icon").nth(len(in_area) - 1).wait_for(state="attached")
    assert frame.locator(".svc-icon").count() == len(in_area)
    page.wait_for_function(f"() => {CHARTS_WITH_DATA} >= 5")
    assert session.external_requests == []
