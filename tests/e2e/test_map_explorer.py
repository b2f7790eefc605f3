"""The map explorer in real Chromium, offline: layers drawn, a filter change, a click, escaping."""

from __future__ import annotations

import json

import pytest

from geo.filters import ServiceFilter, filter_services
from tests.e2e.conftest import MAP_FRAME, start_server, stop_server, wait_for_map

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=alert(1)>"


def _point_count(services) -> int:
    return int((services.geom_type == "Point").sum())


def test_deep_link_draws_outline_areas_services_and_legend(staff_server, open_app, bundled):
    session = open_app(staff_server, "/map?status=운영,구축")
    page = session.page
    page.get_by_role("heading", name="지도 탐색").wait_for()
    frame = wait_for_map(page, min_shapes=30)
    expected = filter_services(bundled.services, ServiceFilter(statuses=("운영", "구축")))
    frame.locator(".svc-icon").nth(_point_count(expected) - 1).wait_for(state="attached")
    assert frame.locator(".svc-icon").count() == _point_count(expected)
    for name in ("신길2", "장상", "경기경제자유구역", "초지역세권"):
        assert frame.locator(".area-label").get_by_text(name, exact=True).count() == 1
    assert frame.locator(".dash-legend").is_visible()
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert session.external_requests == []


def test_search_filter_and_click_show_details_beside_the_map(staff_server, open_app, bundled):
    session = open_app(staff_server, "/map")
    page = session.page
    frame = wait_for_map(page, min_shapes=30)
    frame.locator(".svc-icon").nth(_point_count(bundled.services) - 1).wait_for(state="attached")

    target = bundled.services.loc[bundled.services.geom_type == "Point"].iloc[0]
    search = page.get_by_label("서비스명 검색")
    search.fill(target["name_ko"])
    search.press("Enter")
    matching = filter_services(bundled.services, ServiceFilter(text=target["name_ko"]))
    page.get_by_text(f"표시 중: {len(matching)} / {len(bundled.services)}건").wait_for()
    icons = page.frame_locator(MAP_FRAME).locator(".svc-icon")
    page.wait_for_function(
        f"() => document.querySelector('{MAP_FRAME}').contentDocument.querySelectorAll('.svc-icon').length"
        f" === {_point_count(matching)}"
    )
    assert "q=" in page.url

    icons.first.click()
    panel = page.locator(".detail-panel")
    panel.wait_for()
    assert panel.locator("h4").inner_text() == target["name_ko"]
    assert target["department"] in panel.inner_text()
    assert "sel=svc" in page.url
    assert session.external_requests == []


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, request):
    from tests.conftest import DATA_DIR

    folder = tmp_path_factory.mktemp("hostile") / "data"
    import shutil

    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    services = json.loads((folder / "services.geojson").read_text(encoding="utf-8"))
    point = next(f for f in services["features"] if f["geometry"]["type"] == "Point")
    point["properties"]["name_ko"] = HOSTILE_NAME
    point["properties"]["department"] = "`${alert(2)}`</script>"
    (folder / "services.geojson").write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    server = start_server({"DASHBOARD_DATA_DIR": str(folder)}, folder.parent)
    yield server, point["properties"]["service_id"]
    stop_server(server)


def test_names_from_data_show_as_text_in_tooltip_and_details(hostile_server, open_app):
    server, service_id = hostile_server
    session = open_app(server, f"/map?sel=svc:{service_id}&q=onerror")
    page = session.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    panel = page.locator(".detail-panel")
    panel.wait_for()
    assert panel.locator("h4").inner_text() == HOSTILE_NAME
    assert "`${alert(2)}`</script>" in panel.inner_text()
    frame = wait_for_map(page, min_shapes=30)
    icon = frame.locator(".svc-icon").first
    icon.wait_for()
    icon.hover()
    tooltip = frame.locator(".leaflet-tooltip").last
    tooltip.wait_for()
    assert HOSTILE_NAME in tooltip.inner_text()
    assert frame.locator("img[src='x']").count() == 0 and page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert session.external_requests == []


def _leaflet_frame(page):
    """The map iframe as a Playwright Frame, to ask Leaflet for its view."""
    page.wait_for_function(
        f"() => {{ const f = document.querySelector('{MAP_FRAME}'); return f && f.contentWindow.map; }}"
    )
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def test_fit_buttons_move_the_view_and_filters_keep_it(staff_server, open_app, bundled):
    session = open_app(staff_server, "/map")
    page = session.page
    wait_for_map(page, min_shapes=30)
    frame = _leaflet_frame(page)
    start_zoom = frame.evaluate("() => window.map.getZoom()")

    page.get_by_role("button", name="장상", exact=True).click()
    page.wait_for_function(f"() => document.querySelector('{MAP_FRAME}').contentWindow.map.getZoom() > {start_zoom}")
    centre = frame.evaluate("() => window.map.getCenter()")
    minx, miny, maxx, maxy = bundled.areas.loc[bundled.areas["area_id"] == "jangsang"].total_bounds
    assert miny <= centre["lat"] <= maxy and minx <= centre["lng"] <= maxx
    zoom_on_area = frame.evaluate("() => window.map.getZoom()")

    # A filter change replaces the service layers only: same frame, same view.
    frame.evaluate("() => { window.__sameFrame = true; }")
    page.get_by_label("서비스명 검색").fill("가로등")
    page.get_by_label("서비스명 검색").press("Enter")
    page.get_by_text("표시 중: ").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === '가로등'")
    lamps = filter_services(bundled.services, ServiceFilter(text="가로등"))
    page.wait_for_function(
        f"() => document.querySelector('{MAP_FRAME}').contentDocument.querySelectorAll('.svc-icon').length"
        f" === {_point_count(lamps)}"
    )
    frame = _leaflet_frame(page)
    assert frame.evaluate("() => window.__sameFrame === true")
    assert frame.evaluate("() => window.map.getZoom()") == zoom_on_area
    assert session.external_requests == []
