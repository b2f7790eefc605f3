"""Audience modes in real Chromium, offline: the kiosk (closed, rotating, touch-aware) and the briefing."""

from __future__ import annotations

import time

import pytest

import tests.e2e.conftest as e2e
from tests.e2e.conftest import start_server, stop_server

pytestmark = pytest.mark.browser

KIOSK_ENV = {"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "4", "DASHBOARD_KIOSK_IDLE_RESET": "8"}
INTERVAL_S, IDLE_RESET_S, TICK_S = 4, 8, 1
# Words that only staff pages show; none may appear on a kiosk screen.
STAFF_ONLY = ("지도 탐색", "지구별 현황", "브리핑", "데이터 관리", "종합 현황", "PDF", "사업비", "담당 부서", "기준일")
DOTS = ".kiosk-dots"


def wait_for_map(page, min_shapes: int = 1, where: str = ".st-key-kiosk_map"):
    """Wait until Leaflet drew ``min_shapes`` vector shapes in the map iframe of the kiosk or a briefing slide."""
    frame = page.frame_locator(f"{where} iframe").first
    frame.locator(".leaflet-overlay-pane path").nth(min_shapes - 1).wait_for(state="attached", timeout=45_000)
    return frame


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory):
    server = start_server(KIOSK_ENV, tmp_path_factory.mktemp("kiosk"))
    yield server
    stop_server(server)


def _screen(page) -> int:
    return int(page.locator(DOTS).get_attribute("data-screen"))


def _poll(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"within {timeout_s} s: {what}")


def _assert_public_only(page, bundled) -> None:
    text = page.locator("body").inner_text()
    for word in STAFF_ONLY:
        assert word not in text, word
    for department in bundled.services["department"].unique():
        assert department not in text, department
    assert page.locator('[data-testid="stSidebarNav"], [data-testid="stSidebar"]').filter(visible=True).count() == 0
    assert page.locator("input[type=file], [data-testid='stDownloadButton']").count() == 0


def test_kiosk_rotates_pauses_on_touch_and_returns_to_the_start(kiosk_server, open_app, bundled):
    session = open_app(kiosk_server, "/")
    page = session.page
    page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
    wait_for_map(page, min_shapes=5)
    _assert_public_only(page, bundled)
    assert page.locator(".st-key-kiosk_map iframe").bounding_box()["height"] >= 600
    assert (
        page.locator('[data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"]')
        .filter(visible=True)
        .count()
        == 0
    )
    assert page.get_by_text("화면을 누르면 자동 넘김이 멈춥니다").is_visible()

    # The screen changes by itself within the interval (plus one check tick and a margin for the render).
    first = _screen(page)
    _poll(lambda: _screen(page) != first, INTERVAL_S + TICK_S + 4, "the kiosk moved to the next screen")
    if _screen(page) < 5:  # every screen but the last has a map: the new one draws, not a blank frame
        wait_for_map(page, min_shapes=5)
        assert page.locator(".st-key-kiosk_map iframe").bounding_box()["height"] >= 600

    # A touch on the left of the screen (the map on map screens; a picture here, so the touch
    # reaches the page) stops the rotation.
    page.mouse.click(500, 700)
    page.get_by_text("자동 넘김 멈춤").wait_for(timeout=5_000)
    touched_at = time.monotonic()
    paused = _screen(page)
    while time.monotonic() - touched_at < INTERVAL_S + 2 * TICK_S:
        assert _screen(page) == paused, "the kiosk kept rotating after a touch"
        time.sleep(0.3)

    # No touch for the idle-reset time: back to the first screen, rotating again.
    _poll(
        lambda: _screen(page) == 0 and page.get_by_text("화면을 누르면 자동 넘김이 멈춥니다").is_visible(),
        IDLE_RESET_S + TICK_S + 5,
        "the kiosk returned to the start",
    )
    assert time.monotonic() - touched_at >= IDLE_RESET_S - 0.5
    _assert_public_only(page, bundled)
    assert session.external_requests == []


def test_kiosk_english_switch_changes_the_labels(kiosk_server, open_app):
    session = open_app(kiosk_server, "/")
    page = session.page
    page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Smart City Ansan").wait_for()
    assert page.get_by_role("button", name="Start").count() == 1
    assert page.get_by_role("button", name="Being built now").count() == 1
    assert page.get_by_text("처음", exact=True).count() == 0
    assert session.external_requests == []


@pytest.mark.parametrize("path", ["/map", "/districts", "/briefing", "/data", "/home", "/pages/home"])
def test_cold_deep_link_to_a_staff_page_reveals_nothing(path, open_app, bundled, tmp_path):
    server = start_server(KIOSK_ENV, tmp_path)  # fresh: the deep link is the first request it serves
    try:
        session = open_app(server, path)
        page = session.page
        if path.count("/") == 1:
            # An unknown page name falls back to the only registered page: the kiosk.
            page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
            wait_for_map(page, min_shapes=5)
        else:
            # Streamlit serves its shell for any path; below a sub-folder its scripts do not load, so the
            # page stays empty. Wait until the shell's scripts were tried, then check that nothing shows.
            page.wait_for_load_state("networkidle")
        _assert_public_only(page, bundled)
        assert (
            page.locator('[data-testid="stMetric"], [data-testid="stDateInput"], h1')
            .filter(has_not_text="안산 스마트도시")
            .count()
            == 0
        )
        assert session.external_requests == []
    finally:
        stop_server(server)


def test_kiosk_keeps_its_screen_through_a_server_restart_and_rotates_again(open_app, tmp_path, monkeypatch):
    server = start_server(KIOSK_ENV, tmp_path)
    port = int(server.url.rsplit(":", 1)[1])
    try:
        session = open_app(server, "/")
        page = session.page
        page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
        wait_for_map(page, min_shapes=5)
        stop_server(server)
        # While the server is away the last screen stays: the title and the map are still shown.
        down_since = time.monotonic()
        while time.monotonic() - down_since < 3:
            assert page.get_by_role("heading", name="안산 스마트도시", exact=True).is_visible()
            assert page.locator(".st-key-kiosk_map iframe").is_visible()
            time.sleep(0.3)
        monkeypatch.setattr(e2e, "_free_port", lambda: port)
        server = start_server(KIOSK_ENV, tmp_path)
        # It reconnects and rotates again by itself.
        seen = {_screen(page)}
        _poll(lambda: seen.add(_screen(page)) or len(seen) > 1, 45, "the kiosk rotated again after the restart")
        assert page.get_by_role("heading", name="안산 스마트도시", exact=True).is_visible()
        assert session.external_requests == []
    finally:
        stop_server(server)


def test_briefing_moves_with_buttons_and_clicker_keys(staff_server, open_app):
    session = open_app(staff_server, "/briefing")
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    assert page.get_by_text("기준일 2026").first.is_visible()
    page.locator(".st-key-briefing_next button").click()
    page.get_by_role("heading", name="신길2 공공주택지구").wait_for()
    wait_for_map(page, min_shapes=5, where=".st-key-briefing_map")
    page.keyboard.press("PageDown")
    page.get_by_role("heading", name="장상 공공주택지구").wait_for()
    # The next area's map draws too (full height, not a collapsed frame).
    frame = wait_for_map(page, min_shapes=5, where=".st-key-briefing_map")
    assert frame.get_by_text("장상", exact=True).count() == 1
    # MAP_HEIGHT in app_pages/briefing.py is 370 px: the frame has its full height, not the 0 px of a failed load.
    assert page.locator(".st-key-briefing_map iframe").bounding_box()["height"] >= 360
    page.keyboard.press("ArrowRight")
    page.get_by_role("heading", name="경기경제자유구역 안산사이언스밸리(ASV)지구").wait_for()
    page.keyboard.press("PageUp")
    page.get_by_role("heading", name="장상 공공주택지구").wait_for()
    page.locator(".st-key-briefing_previous button").click()
    page.get_by_role("heading", name="신길2 공공주택지구").wait_for()
    page.keyboard.press("ArrowLeft")
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    assert session.external_requests == []


def test_briefing_pdf_downloads_with_one_click(staff_server, open_app, tmp_path):
    session = open_app(staff_server, "/briefing")
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    with page.expect_download(timeout=90_000) as download:
        page.locator(".st-key-briefing_pdf button").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name.startswith("ansan-smart-city-briefing-") and target.suffix == ".pdf"
    assert target.read_bytes()[:5] == b"%PDF-"
    assert session.external_requests == []
