"""The kiosk and the briefing at city scale (100,000 services) in real Chromium, offline.

Above ``geo.mapping.canvas.FOLIUM_SERVICES_MAX`` services their maps count services per 동 (``geo.mapping.counts``)
instead of drawing one Leaflet marker per service.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from playwright.sync_api import Error as PlaywrightError
from shapely.geometry import Point

from benchmarks.synthetic import TEMPLATE_DIR, synthetic_services
from geo.kiosk.area import AREA_ROWS_MAX, area_map_bounds, area_project_mask
from geo.kiosk.screens import kiosk_map_services
from geo.loaders import load_dashboard_data
from geo.mapping.canvas import FOLIUM_SERVICES_MAX
from geo.mapping.counts import counts_by_dong
from geo.model.vocab import KIOSK_STATUSES, STATUS_TERMS, label
from geo.settings import load_settings
from geo.store import open_store
from tests.conftest import poll
from tests.e2e.conftest import expect_count, start_server, stop_server, wait_for_run_end
from tests.e2e.test_modes import _poll_fit

pytestmark = pytest.mark.browser

LARGE = 100_000


def _points_in(polygon, count: int, rng: np.random.Generator) -> list[Point]:
    minx, miny, maxx, maxy = polygon.bounds
    points: list[Point] = []
    while len(points) < count:
        candidates = gpd.points_from_xy(rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count))
        points.extend(p for p in candidates if polygon.contains(p))
    return points[:count]


def write_city_scale_data_dir(target: Path, count: int = LARGE) -> Path:
    """The demo folder with ``count`` synthetic services (``benchmarks.synthetic``): every second one spread over
    the city, the others inside the five development areas (a city's device layers in its new towns), so every
    area holds more services than a folium map draws."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE_DIR, target, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    template = load_dashboard_data(TEMPLATE_DIR)
    services = synthetic_services(template, count)
    rng = np.random.default_rng(11)
    moved = services.index[1::2]
    area_ids = template.areas["area_id"].tolist()
    for position, area_id in enumerate(area_ids):
        rows = moved[position :: len(area_ids)]
        outline = template.areas.loc[template.areas["area_id"] == area_id].geometry.iloc[0]
        services.loc[rows, "geometry"] = gpd.GeoSeries(_points_in(outline, len(rows), rng), index=rows, crs=4326)
        services.loc[rows, "area_id"] = area_id
    services["updated_at"] = services["updated_at"].astype(str)
    services.to_file(target / "services.geojson", driver="GeoJSON")
    (target / "status_history.csv").write_text(
        "service_id,changed_at,old_status,new_status,changed_by,reason,is_sample\n", encoding="utf-8"
    )
    return target


# The kiosk's map frame, the briefing's map frame, and the map's box inside each (count data on its dataset).
KIOSK_MAP = ".st-key-kiosk_map iframe"
BRIEFING_MAP = ".st-key-briefing_map iframe"
COUNTED = ".leaflet-container[data-count-symbols]"
# Visible count labels that overlap another visible label (there must be none).
OVERLAPS = """() => {
  const rects = Array.from(document.querySelectorAll('.count-label')).filter(l => l.style.visibility !== 'hidden')
    .map(l => l.getBoundingClientRect());
  let n = 0;
  rects.forEach((a, i) => rects.slice(i + 1).forEach(b => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++; }));
  return n;
}"""

# Every count symbol is drawn where its position says (the map's size settled and Leaflet followed it).
IN_PLACE = """() => { const map = Object.values(window).find(v => v instanceof L.Map); let ok = 0, off = 0;
  const box = map.getContainer().getBoundingClientRect();
  map.eachLayer(l => { if (!(l instanceof L.Marker) || !l._icon || !l._icon.classList.contains('count-symbol')) return;
    const p = map.latLngToContainerPoint(l.getLatLng()), r = l._icon.querySelector('svg').getBoundingClientRect();
    const dx = r.left + r.width / 2 - box.left - p.x, dy = r.top + r.height / 2 - box.top - p.y;
    if (Math.hypot(dx, dy) <= 2) ok++; else off++; });
  return off === 0 && ok > 0; }"""


def _in_place(page, where: str) -> None:
    def placed() -> bool:
        try:
            return bool(page.locator(where).first.element_handle().content_frame().evaluate(IN_PLACE))
        except PlaywrightError:  # the frame was being drawn again: look again
            return False

    poll(placed, 15, "every count symbol sits at its place on the map")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The city-scale data folder, its store built once, and what the maps must show."""
    workdir = tmp_path_factory.mktemp("city")
    data_dir = write_city_scale_data_dir(workdir / "data")
    env = {"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(workdir)}
    open_store(load_settings(env)).revision()  # built before any server starts
    return env, load_dashboard_data(data_dir), workdir


@pytest.fixture(scope="module")
def kiosk_city(city):
    env, _, workdir = city
    server = start_server({**env, "DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "600"}, workdir)
    yield server
    stop_server(server)


def _expected(services, boundaries, area_id: str | None, statuses) -> tuple[int, int]:
    """How many symbols (dongs) and services the map must count."""
    services = services.loc[services["status"].isin(statuses)]
    if area_id is not None:
        services = services.loc[services["area_id"] == area_id]
    return len(counts_by_dong(services, boundaries, "ko", statuses)), len(services)


def _wait_counted(page, where: str, symbols: int, total: int):
    frame = page.frame_locator(where).first
    box = frame.locator(COUNTED)
    box.wait_for(state="attached", timeout=120_000)
    poll(lambda: box.get_attribute("data-count-symbols") == str(symbols), 60, f"{symbols} count symbols")
    assert box.get_attribute("data-count-total") == str(total)
    # The largest counts are labelled at least (a label that would overlap another is left out).
    poll(lambda: int(box.get_attribute("data-count-labels") or 0) >= min(symbols, 3), 30, "count labels placed")
    return frame


def _heap_mb(page) -> float:
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics["JSHeapUsedSize"] / 1e6


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_kiosk_at_city_scale_counts_per_dong_readably_signed_out_offline(
    kiosk_city, city, open_app, artifacts_dir, viewport, lang
):
    _, data, _ = city
    started = time.monotonic()
    session = open_app(kiosk_city, "/" if lang == "ko" else "/?lang=en", viewport=viewport)
    page = session.page
    symbols, total = _expected(kiosk_map_services(data.services), data.boundaries, None, KIOSK_STATUSES)
    assert total > FOLIUM_SERVICES_MAX
    frame = _wait_counted(page, KIOSK_MAP, symbols, total)
    drawn_s = time.monotonic() - started
    heap = _heap_mb(page)
    print(f"kiosk {lang} {viewport}: map drawn {drawn_s:.1f} s after opening, JS heap {heap:.1f} MB")
    assert heap < 60  # one folium marker per service took 130 MB and more
    # The status legend (kiosk statuses) and the key, in the screen's language; no service drawn one by one.
    legend = frame.locator(".dash-legend:not(.count-key)").inner_text()
    for status in KIOSK_STATUSES:
        assert label(STATUS_TERMS, status, lang) in legend
    assert label(STATUS_TERMS, "취소", lang) not in legend
    assert f"{total:,}" in frame.locator(".count-key").inner_text()
    assert frame.locator(".marker-cluster, .svc-icon").count() == 0
    _in_place(page, KIOSK_MAP)
    assert frame.locator("body").evaluate(OVERLAPS) == 0
    # Samples stay marked, and the page is the public one: no sign-in, no staff words.
    page.get_by_text("예시 데이터" if lang == "ko" else "Sample data", exact=True).first.wait_for()
    assert page.get_by_text("담당 부서").count() == 0 and page.locator("input[type=password]").count() == 0
    shot = artifacts_dir / f"kiosk-city-{lang}-{viewport[0]}x{viewport[1]}.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert session.external_requests == []


@pytest.mark.slow
def test_kiosk_area_screen_at_city_scale_counts_the_area_and_fits_again_when_the_screen_turns(
    kiosk_city, city, open_app
):
    _, data, _ = city
    session = open_app(kiosk_city, "/", viewport=(1920, 1080))
    page = session.page
    _wait_counted(page, KIOSK_MAP, *_expected(kiosk_map_services(data.services), data.boundaries, None, KIOSK_STATUSES))
    page.locator(".st-key-kiosk_nav_jangsang button").click()
    within, _ = area_project_mask(data.services, data.areas, "jangsang")
    inside = data.services.loc[within]
    frame = _wait_counted(
        page, KIOSK_MAP, *_expected(kiosk_map_services(inside), data.boundaries, None, KIOSK_STATUSES)
    )
    expect_count(frame.get_by_text("장상", exact=True), 1)
    # The area's list holds its first rows and says how many more the map shows (every one took seconds).
    wait_for_run_end(page)
    listed = page.locator(".st-key-kiosk_body .kiosk-rows")
    total = len(inside)
    assert total > AREA_ROWS_MAX
    expect_count(listed.locator(".kiosk-row"), AREA_ROWS_MAX)
    assert listed.get_attribute("data-total") == str(total)
    more = f"나머지 {total - AREA_ROWS_MAX:,}건은 이 목록에 싣지 않았습니다. 지도에서 모두 볼 수 있습니다."
    assert listed.locator(".kiosk-more").inner_text() == more
    corners = area_map_bounds(data.areas, data.services, "jangsang")
    fit = _poll_fit(page, [*corners[0], *corners[1]], None, "장상")
    page.set_viewport_size({"width": 1080, "height": 1920})
    _poll_fit(page, [*corners[0], *corners[1]], (fit["width"], fit["height"]), "장상, portrait")
    _in_place(page, KIOSK_MAP)
    poll(lambda: frame.locator("body").evaluate(OVERLAPS) == 0, 10, "no labels overlap after the turn")
    assert session.external_requests == []


@pytest.fixture(scope="module")
def staff_city(city):
    env, _, workdir = city
    server = start_server(env, workdir)
    yield server
    stop_server(server)


@pytest.mark.slow
def test_briefing_area_slide_at_city_scale_counts_per_dong_in_presentation_mode(
    staff_city, city, open_app, artifacts_dir
):
    _, data, _ = city
    session = open_app(staff_city, "/briefing", viewport=(1920, 1080))
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for(timeout=120_000)
    started = time.monotonic()
    # Overview, portfolio and citizens today come first; the first area's slide is the fourth.
    for number in (2, 3, 4):
        page.locator(".st-key-briefing_next button").click()
        poll(
            lambda n=number: page.locator(".briefing-counter").inner_text().startswith(f"{n} /"),
            120,
            f"slide {number}",
        )
    page.get_by_role("heading", name="신길2 공공주택지구").wait_for(timeout=120_000)
    _wait_counted(page, BRIEFING_MAP, *_expected(data.services, data.boundaries, "singil2", tuple(STATUS_TERMS)))
    print(
        f"briefing: area map drawn {time.monotonic() - started:.1f} s after the click, JS heap {_heap_mb(page):.1f} MB"
    )
    page.locator(".st-key-briefing_present_button button").first.click()
    page.locator(".st-key-briefing_controls").wait_for(state="hidden")
    wait_for_run_end(page)
    # The slide's map is drawn again without its buttons (nothing to click on a projector).
    zoom_buttons = page.frame_locator(BRIEFING_MAP).first.locator(".leaflet-control-zoom")
    poll(lambda: zoom_buttons.filter(visible=True).count() == 0, 30, "the presented map has no buttons")
    frame = _wait_counted(
        page, BRIEFING_MAP, *_expected(data.services, data.boundaries, "singil2", tuple(STATUS_TERMS))
    )
    legend = frame.locator(".dash-legend:not(.count-key)").inner_text()
    assert all(label(STATUS_TERMS, status, "ko") in legend for status in STATUS_TERMS)
    assert frame.locator(".marker-cluster, .svc-icon").count() == 0
    _in_place(page, BRIEFING_MAP)
    assert frame.locator("body").evaluate(OVERLAPS) == 0
    page.get_by_text("예시 데이터").first.wait_for()
    shot = artifacts_dir / "briefing-city-1920x1080.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert session.external_requests == []
