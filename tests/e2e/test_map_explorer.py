"""The staff map in real Chromium, offline: canvas drawing at scale, clicks, the results table, reference layers."""

from __future__ import annotations

import json
import shutil

import geopandas as gpd
import pytest
from shapely.geometry import Point

from benchmarks.synthetic import write_large_data_dir
from geo.analysis.filters import ServiceFilter, filter_services
from geo.model.reference_layers import ReferenceLayer
from geo.settings import load_settings
from geo.store import open_store
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end

pytestmark = pytest.mark.browser

SERVICE_MAP = 'iframe[src*="service_map"]'
HOSTILE_NAME = "<img src=x onerror=alert(1)>"
# City scale (every streetlight, CCTV and sensor): the store is built before the server starts.
LARGE = 100_000
REFERENCE_POINTS = 1_200


def _map_js(body: str) -> str:
    """A page-level JS function body with ``m`` bound to the map's ServiceMap (or undefined)."""
    return (
        f"() => {{ const f = document.querySelector('{SERVICE_MAP}');"
        f" const m = f && f.contentWindow && f.contentWindow.svcMap; {body} }}"
    )


def wait_for_drawn(page, visible: int) -> None:
    """Wait until the map has its data and shows exactly ``visible`` services (after a filter, say)."""
    page.wait_for_function(
        _map_js(
            "return !!m && m.el.dataset.ready === '1' && m.el.dataset.names === '1'"
            f" && m.el.dataset.visible === '{visible}';"
        ),
        timeout=120_000,
    )


def dataset(page) -> dict:
    return page.evaluate(_map_js("return Object.assign({}, m.el.dataset);"))


def settled(page, view: str | None = None) -> None:
    """Wait until no rerun is running (one moves the map a few pixels when it ends), after the map reported
    ``view`` (``lat,lon,zoom`` as the URL keeps it) when given."""
    if view:
        page.wait_for_function("view => decodeURIComponent(location.search).includes('view=' + view)", arg=view)
    wait_for_run_end(page)


def view_reported(page) -> None:
    """Wait until the map's current view is in the URL (the map reports a view 250 ms after it stops moving,
    and that report reruns the page), then until that run is over."""
    page.wait_for_function(
        _map_js(
            "if (!m) return false; const v = new URL(location.href).searchParams.get('view');"
            " return !!v && +v.split(',')[2] === m.map.getZoom();"
        )
    )
    wait_for_run_end(page)


def click_item(page, item: dict) -> None:
    """Click the map where a drawn item is (coordinates inside the map), on the settled page.

    Relative to the map element, not to the viewport: the page can still move the map a few pixels after
    a rerun (12 px were seen), and Playwright clicks only once the element stands still. The map is brought
    wholly into view first: on a 1080 px screen its foot can sit below the fold, where a click reaches
    nothing (a person would scroll first).
    """
    settled(page)
    page.locator(SERVICE_MAP).evaluate("frame => frame.scrollIntoView({block: 'center'})")
    page.frame_locator(SERVICE_MAP).locator("#map").click(position={"x": item["x"], "y": item["y"]})


def drawn_services(page) -> list[dict]:
    return page.evaluate(
        _map_js("return m.items.filter(it => it.kind === 'svc').map(it => ({i: it.i, x: it.x, y: it.y}));")
    )


def search(page, text: str) -> None:
    wait_for_run_end(page)  # typed into a box that a run under way could still draw again
    box = page.get_by_label("서비스명 검색")
    box.fill(text)
    box.press("Enter")


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The illustrative demo folder (96 services in every status and area): stable expectations for the map."""
    from tests.conftest import DATA_DIR

    store_dir = tmp_path_factory.mktemp("demo-store")
    server = start_server(
        {"DASHBOARD_DATA_DIR": str(DATA_DIR / "demo"), "DASHBOARD_STORE_DIR": str(store_dir)}, store_dir
    )
    yield server
    stop_server(server)


def test_deep_link_draws_outline_areas_services_and_legend(demo_server, open_app, demo):
    session = open_app(demo_server, "/map?status=운영,구축")
    page = session.page
    page.get_by_role("heading", name="지도 탐색").wait_for()
    expected = filter_services(demo.services, ServiceFilter(statuses=("운영", "구축")))
    wait_for_drawn(page, len(expected))
    frame = page.frame_locator(SERVICE_MAP)
    for name in ("신길2", "장상", "경기경제자유구역", "초지역세권"):
        assert frame.locator(".area-label").get_by_text(name, exact=True).count() == 1
    points = int((expected.geom_type == "Point").sum())
    # Demo services stand at points of their own; reported projects that share one draw as one stack.
    drawn = dataset(page)
    assert int(drawn["drawnPoints"]) + int(drawn["drawnInClusters"]) == points
    assert frame.locator(".leaflet-overlay-pane path").count() > 30  # outline, dongs, areas, lines and zones
    assert frame.locator(".dash-legend").is_visible()
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert session.external_requests == []


def test_a_point_payload_that_fails_to_arrive_is_fetched_again_and_the_map_draws(demo_server, open_app, demo):
    """The payload file can vanish between its writing and the browser's fetch (another process pruned the
    folder): the map asks the server to run again and loads it then, instead of never drawing."""
    session = open_app(demo_server, "/")
    page = session.page
    refused = []

    def first_fails(route):
        if not refused:
            refused.append(route.request.url)
            return route.fulfill(status=404, body="")
        return route.continue_()

    page.route("**/mapdata/services-*.json", first_fails)
    page.goto(demo_server.url + "/map")
    wait_for_drawn(page, len(demo.services))
    assert len(refused) == 1
    assert dataset(page)["loadError"] == "Error: payload 404"
    assert session.external_requests == []


def test_years_far_outside_the_data_open_a_clamped_page(demo_server, open_app):
    session = open_app(demo_server, "/map?years=3000-4000")
    page = session.page
    page.get_by_role("heading", name="지도 탐색").wait_for()
    page.get_by_text("표시 중:").first.wait_for()
    wait_for_run_end(page)  # an error would come later in the same run
    assert page.get_by_text("StreamlitValueAboveMaxError").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from tests.conftest import DATA_DIR

    folder = tmp_path_factory.mktemp("hostile") / "data"
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
    wait_for_drawn(page, 1)
    (item,) = drawn_services(page)
    # Hovered relative to the map, on the settled page (see click_item); a dong or area under the point has
    # its own tooltip, so the service's is the one that says the name.
    settled(page)
    page.locator(SERVICE_MAP).evaluate("frame => frame.scrollIntoView({block: 'center'})")
    page.frame_locator(SERVICE_MAP).locator("#map").hover(position={"x": item["x"], "y": item["y"]})
    tooltip = page.frame_locator(SERVICE_MAP).locator(".leaflet-tooltip", has_text=HOSTILE_NAME)
    tooltip.wait_for()
    assert "svc:" not in tooltip.inner_text()
    assert page.frame_locator(SERVICE_MAP).locator("img[src='x']").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert session.external_requests == []


def test_fit_buttons_move_the_view_and_filters_keep_it(demo_server, open_app, demo):
    session = open_app(demo_server, "/map")
    page = session.page
    wait_for_drawn(page, len(demo.services))
    settled(page)
    start_zoom = page.evaluate(_map_js("return m.map.getZoom();"))
    page.get_by_role("button", name="장상", exact=True).click()
    page.wait_for_function(_map_js(f"return m.map.getZoom() > {start_zoom};"))
    # The fitted view is final once the map reported it (a view can be in the URL already from the first draw).
    view_reported(page)
    centre = page.evaluate(_map_js("return m.map.getCenter();"))
    minx, miny, maxx, maxy = demo.areas.loc[demo.areas["area_id"] == "jangsang"].total_bounds
    assert miny <= centre["lat"] <= maxy and minx <= centre["lng"] <= maxx
    zoom_on_area = page.evaluate(_map_js("return m.map.getZoom();"))

    # A filter change sends a visibility mask: same map object, same view, no new payload.
    page.evaluate(_map_js("m.__sameMap = true;"))
    search(page, "가로등")
    lamps = filter_services(demo.services, ServiceFilter(text="가로등"))
    wait_for_drawn(page, len(lamps))
    assert page.evaluate(_map_js("return m.__sameMap === true;"))
    assert page.evaluate(_map_js("return m.map.getZoom();")) == zoom_on_area
    assert session.external_requests == []


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    """100,000 synthetic services and a reference layer of 1,200 points (one with a hostile name) in the store."""
    workdir = tmp_path_factory.mktemp("large")
    data_dir = write_large_data_dir(workdir / "data", LARGE)
    # Only the test's own reference layer: the bundled public layers include a 공영주차장 layer too.
    shutil.rmtree(data_dir / "reference", ignore_errors=True)
    env = {"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(workdir)}
    points = gpd.GeoDataFrame(
        {
            "시설명": [HOSTILE_NAME] + [f"공영주차장 {n}" for n in range(1, REFERENCE_POINTS)],
            "주차구획수": [n % 300 for n in range(REFERENCE_POINTS)],
        },
        geometry=[Point(126.80 + (n % 40) * 0.002, 37.30 + (n // 40) * 0.001) for n in range(REFERENCE_POINTS)],
        crs=4326,
    )
    layer = ReferenceLayer(
        layer_id="car_parks",
        title_ko="공영주차장",
        title_en="Public car parks",
        provider="경기도 안산시",
        data_date="2016",
        licence="공공누리 제1유형",
        source="시험용 (코드로 만든 점)",
        points=points,
        name_field="시설명",
        popup_fields=("주차구획수",),
    )
    store = open_store(load_settings(env))
    store.write_reference_layer(layer, user="test")
    server = start_server(env, workdir)
    yield server
    stop_server(server)


@pytest.mark.slow
def test_at_scale_a_filter_to_ten_draws_exactly_ten_and_each_click_opens_details(large_server, open_app):
    session = open_app(large_server, "/map")
    page = session.page
    wait_for_drawn(page, LARGE)
    page.get_by_role("button", name="안산 전체").click()
    # With the whole city in view, clusters and single symbols together hold every service.
    page.wait_for_function(_map_js(f"return +m.el.dataset.drawnInClusters + +m.el.dataset.drawnPoints === {LARGE};"))

    search(page, "가로등 00001")  # 000010 … 000019
    page.get_by_text(f"표시 중: 10 / {LARGE:,}건").wait_for(timeout=120_000)
    wait_for_drawn(page, 10)
    page.wait_for_function(_map_js("return m.el.dataset.drawnPoints === '10';"))
    assert dataset(page)["drawnClusters"] == "0"

    items = drawn_services(page)
    first, second = items[0], max(items, key=lambda it: (it["x"] - items[0]["x"]) ** 2 + (it["y"] - items[0]["y"]) ** 2)
    panel_title = page.locator(".detail-panel h4")
    names = page.evaluate(_map_js("return m.data.name;"))
    for number in range(10):
        item = first if number % 2 == 0 else second
        click_item(page, item)
        page.wait_for_function(
            "name => { const h = document.querySelector('.detail-panel h4'); return h && h.innerText === name; }",
            arg=names[item["i"]],
        )
    assert page.evaluate(_map_js("return m.el.dataset.clicks;")) == "10"
    assert panel_title.inner_text() == names[second["i"]]
    assert "sel=svc" in page.url
    assert session.external_requests == []


@pytest.mark.slow
def test_at_scale_home_draws_every_service_on_the_canvas_map(large_server, open_app):
    # Folium's marker clusters would build 100,000 Leaflet markers here (300 MB, seconds per draw).
    session = open_app(large_server, "/")
    page = session.page
    wait_for_drawn(page, LARGE)
    page.wait_for_function(
        _map_js(f"return +m.el.dataset.drawnInClusters + +m.el.dataset.drawnPoints === {LARGE};"), timeout=60_000
    )
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    page.get_by_text("추진 방향").first.wait_for()  # the rest of the page is there
    assert session.external_requests == []


@pytest.mark.slow
def test_at_scale_the_city_wide_district_map_draws_every_service_on_the_canvas_map(large_server, open_app):
    session = open_app(large_server, "/districts?area=citywide")  # the synthetic services belong to no one area
    page = session.page
    wait_for_drawn(page, LARGE)
    page.wait_for_function(
        _map_js(f"return +m.el.dataset.drawnInClusters + +m.el.dataset.drawnPoints === {LARGE};"), timeout=60_000
    )
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    assert session.external_requests == []


@pytest.mark.slow
def test_at_scale_a_cold_start_says_it_is_building_the_store_then_draws(tmp_path, open_app):
    # No store yet: the first visitor waits for 100,000 features to be read, checked and stored.
    data_dir = write_large_data_dir(tmp_path / "data", LARGE)
    server = start_server({"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(tmp_path)}, tmp_path)
    try:
        session = open_app(server, "/map")
        page = session.page
        loading = page.get_by_text("처음 시작할 때는 데이터 폴더에서 저장소를 만들므로")
        loading.wait_for(timeout=60_000)
        wait_for_drawn(page, LARGE)
        assert loading.count() == 0
        assert (tmp_path / "dashboard.gpkg").is_file()
        assert session.external_requests == []
    finally:
        stop_server(server)


@pytest.mark.slow
def test_at_scale_a_point_clicked_at_street_zoom_opens_its_details(large_server, open_app):
    session = open_app(large_server, "/map")
    page = session.page
    wait_for_drawn(page, LARGE)
    page.evaluate(_map_js("m.map.setView([37.32, 126.83], 18);"))
    page.wait_for_function(_map_js("return m.map.getZoom() === 18 && +m.el.dataset.drawnPoints > 0;"))
    settled(page, "37.32000,126.83000,18")
    item = drawn_services(page)[0]
    name = page.evaluate(_map_js(f"return m.data.name[{item['i']}];"))
    click_item(page, item)
    page.wait_for_function(
        "name => { const h = document.querySelector('.detail-panel h4'); return h && h.innerText === name; }", arg=name
    )
    assert session.external_requests == []


@pytest.mark.slow
def test_results_table_row_click_selects_and_zooms(large_server, open_app):
    session = open_app(large_server, "/map?q=가로등%2000001")
    page = session.page
    wait_for_drawn(page, 10)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.wait_for()
    # The grid's own text cells follow its canvas: the first row is drawn once its name is there.
    grid.get_by_text("스마트 가로등 000010").first.wait_for(state="attached")
    settled(page)
    grid.scroll_into_view_if_needed()
    # The first body row's selection box (header and rows are 35 px high in Streamlit's grid), relative to
    # the grid: Playwright clicks once the grid stands still.
    grid.click(position={"x": 14, "y": 35 + 17})
    page.wait_for_function(
        "() => { const h = document.querySelector('.detail-panel h4'); return h && h.innerText === '스마트 가로등 000010'; }"
    )
    page.wait_for_function(_map_js("return m.map.getZoom() >= 16;"))
    assert "sel=svc%3ADEV-000010" in page.url or "sel=svc:DEV-000010" in page.url
    assert session.external_requests == []


@pytest.mark.slow
def test_reference_layer_toggles_on_with_legend_count_and_escaped_popup(large_server, open_app):
    session = open_app(large_server, "/map")
    page = session.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    wait_for_drawn(page, LARGE)
    search(page, "없는 서비스 이름")  # no service over the reference points, so a click reaches them
    wait_for_drawn(page, 0)
    frame = page.frame_locator(SERVICE_MAP)
    frame.locator(".dash-layers summary").click()  # the layer list is folded until asked for
    entry = frame.locator(".dash-layers label").filter(has_text="공영주차장")
    assert "1,200곳" in entry.inner_text() and "경기도 안산시 · 2016 기준" in entry.inner_text()
    assert frame.locator(".ref-legend-row").count() == 0  # off by default
    assert dataset(page)["drawnReference"] == "0"

    entry.locator("input").check()
    frame.locator(".ref-legend-row").filter(has_text="공영주차장").wait_for()
    page.evaluate(_map_js("m.map.setView([37.3, 126.8], 17);"))
    page.wait_for_function(_map_js("return m.map.getZoom() === 17 && +m.el.dataset.drawnReference > 0;"))
    settled(page, "37.30000,126.80000,17")
    hostile = page.evaluate(_map_js("return m.items.find(it => it.kind === 'ref' && it.i === 0) || null;"))
    assert hostile is not None
    click_item(page, hostile)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert HOSTILE_NAME in popup.inner_text() and "주차구획수: 0" in popup.inner_text()
    assert frame.locator("img[src='x']").count() == 0 and dialogs == []

    entry.locator("input").uncheck()
    page.wait_for_function(_map_js("return m.el.dataset.drawnReference === '0';"))
    assert frame.locator(".ref-legend-row").count() == 0
    assert session.external_requests == []


def test_extent_switch_limits_the_counts_and_a_chart_bar_filters_the_map(demo_server, open_app, demo):
    session = open_app(demo_server, "/map")
    page = session.page
    wait_for_drawn(page, len(demo.services))
    settled(page)
    start_zoom = page.evaluate(_map_js("return m.map.getZoom();"))
    page.get_by_role("button", name="장상", exact=True).click()
    page.wait_for_function(_map_js(f"return m.map.getZoom() > {start_zoom};"))
    view_reported(page)
    # Exact: the list's note names the switch too ('지도 범위 내만'으로 좁히세요) when it is long.
    page.get_by_text("지도 범위 내만", exact=True).click()
    caption = page.get_by_text("지도 범위 내:")
    caption.wait_for()
    settled(page)  # the chart is drawn again with the counts in view
    in_view = int(caption.inner_text().split(":")[1].strip().removesuffix("건").replace(",", ""))
    assert 0 < in_view < len(demo.services)

    bar = page.locator(".js-plotly-plot .bars .point path").nth(3)  # 운영, the fourth status
    bar.scroll_into_view_if_needed()
    # Plotly's drag layer lies over the bars and takes the click, as it does for a user's mouse.
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    operating = filter_services(demo.services, ServiceFilter(statuses=("운영",)))
    page.get_by_text(f"표시 중: {len(operating)} / {len(demo.services)}건").wait_for()
    wait_for_drawn(page, len(operating))
    page.wait_for_function("() => new URL(location.href).searchParams.get('status') === '운영'")
    assert session.external_requests == []
