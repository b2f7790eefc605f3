"""Audience modes in real Chromium, offline: the kiosk (closed, rotating, touch-aware) and the briefing."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Error as PlaywrightError

import tests.e2e.conftest as e2e
from geo.clock import city_today
from tests.conftest import poll
from tests.e2e.conftest import expect_count, start_server, stop_server, wait_for_run_end

pytestmark = pytest.mark.browser

KIOSK_ENV = {"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "4", "DASHBOARD_KIOSK_IDLE_RESET": "8"}
INTERVAL_S, IDLE_RESET_S, TICK_S = 4, 8, 1
# Words that only staff pages show; none may appear on a kiosk screen.
STAFF_ONLY = ("지도 탐색", "지구별 현황", "브리핑", "데이터 관리", "종합 현황", "PDF", "사업비", "담당 부서", "기준일")
DOTS = ".kiosk-dots"


def wait_for_map(page, min_shapes: int = 1, where: str = ".st-key-kiosk_map"):
    """Wait until Leaflet drew ``min_shapes`` vector shapes in the map iframe of the kiosk or a briefing slide."""
    frame = page.frame_locator(f"{where} iframe").first
    # The page's default timeout (60 s): a cold server draws its first map late.
    frame.locator(".leaflet-overlay-pane path").nth(min_shapes - 1).wait_for(state="attached")
    return frame


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory):
    server = start_server(KIOSK_ENV, tmp_path_factory.mktemp("kiosk"))
    yield server
    stop_server(server)


# The screen each progress row names, and whether Streamlit marks it as left over from an earlier run.
DOTS_SEEN = """els => els.map(e => [e.dataset.screen, !!e.closest('[data-stale="true"]')])"""


def _screen(page) -> int:
    """The screen the kiosk shows, from its progress dots.

    During a rerun the last run's dots can stand beside the new ones for a moment (two ``.kiosk-dots``: a strict
    locator failed on it in CI): the ones not marked stale are read, and read again until they all agree (or
    until the page has loaded again, after a server restart).
    """

    def agreed() -> str | None:
        try:
            seen = page.locator(DOTS).evaluate_all(DOTS_SEEN)
        except PlaywrightError:  # the page reloads (after a server restart): read the new one
            return None
        current = {screen for screen, stale in seen if not stale} or {screen for screen, _ in seen}
        return current.pop() if len(current) == 1 else None

    return int(poll(agreed, 20, "the kiosk's progress dots name one screen", page=page))


def _assert_public_only(page, bundled) -> None:
    text = page.locator("body").inner_text()
    for word in STAFF_ONLY:
        assert word not in text, word
    for department in bundled.services["department"].dropna().unique():
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
    page.get_by_text("화면을 누르면 자동 넘김이 멈춥니다").wait_for()  # the footer comes after the map

    # The screen changes by itself within the interval (plus one check tick and a margin for the render,
    # which on a busy 2-core machine can take several seconds).
    first = _screen(page)
    poll(lambda: _screen(page) != first, INTERVAL_S + TICK_S + 10, "the kiosk moved to the next screen")
    # Every screen has a map: the new one draws, not a blank frame.
    wait_for_map(page, min_shapes=5)
    assert page.locator(".st-key-kiosk_map iframe").bounding_box()["height"] >= 600

    # A touch on the left of the screen (the map on map screens; a picture here, so the touch
    # reaches the page) stops the rotation.
    clicked_at = time.monotonic()
    page.mouse.click(500, 700)
    # The touch reaches the server and comes back as the paused hint (a run: seconds on a busy machine).
    page.get_by_text("자동 넘김 멈춤").wait_for(timeout=20_000)
    touched_at = time.monotonic()
    paused = _screen(page)
    # Held for longer than an interval, but looked at only until just before the idle reset is due (counted
    # from the click: a late hint must not push the watch into the return to the first screen).
    watch_until = min(touched_at + INTERVAL_S + 2 * TICK_S, clicked_at + IDLE_RESET_S - 0.5)
    while time.monotonic() < watch_until:
        assert _screen(page) == paused, "the kiosk kept rotating after a touch"
        time.sleep(0.3)

    # No touch for the idle-reset time: back to the first screen, rotating again.
    poll(
        lambda: _screen(page) == 0 and page.get_by_text("화면을 누르면 자동 넘김이 멈춥니다").is_visible(),
        IDLE_RESET_S + TICK_S + 10,
        "the kiosk returned to the start",
    )
    # Not before the idle time: counted from the click itself (the server took the touch at or after it; the
    # paused hint can show a second or more later on a busy machine, which would shorten a count from there).
    assert time.monotonic() - clicked_at >= IDLE_RESET_S - 0.5
    _assert_public_only(page, bundled)
    assert session.external_requests == []


def test_kiosk_english_switch_changes_the_labels(kiosk_server, open_app):
    session = open_app(kiosk_server, "/")
    page = session.page
    page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Smart City Ansan").wait_for()
    # The heading is drawn first; the screen buttons below it follow in the same run (and its fragment).
    expect_count(page.get_by_role("button", name="Start", exact=True), 1)
    expect_count(page.get_by_role("button", name="In service now", exact=True), 1)
    expect_count(page.get_by_text("처음", exact=True), 0)
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
            wait_for_run_end(page)  # what must not show is looked for once the run is over
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
        poll(lambda: seen.add(_screen(page)) or len(seen) > 1, 45, "the kiosk rotated again after the restart")
        assert page.get_by_role("heading", name="안산 스마트도시", exact=True).is_visible()
        assert session.external_requests == []
    finally:
        stop_server(server)


def test_briefing_moves_with_buttons_and_clicker_keys(staff_server, open_app, bundled):
    session = open_app(staff_server, "/briefing")
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    as_of = city_today().isoformat()  # the default 기준일
    page.get_by_text(f"기준일 {as_of}").first.wait_for()  # drawn after the slide's title
    page.wait_for_function(f"() => new URL(location.href).searchParams.get('as_of') === '{as_of}'")
    page.locator(".st-key-briefing_next button").click()
    page.get_by_role("heading", name="안산시의 보도된 스마트도시 사업").wait_for()
    wait_for_run_end(page)  # keys reach the page's listener once the slide's script has run
    page.keyboard.press("PageDown")
    page.get_by_role("heading", name="지금 시민이 이용할 수 있는 서비스").wait_for()
    wait_for_run_end(page)
    page.keyboard.press("ArrowRight")
    page.get_by_role("heading", name="신길2 공공주택지구").wait_for()
    wait_for_map(page, min_shapes=5, where=".st-key-briefing_map")
    page.keyboard.press("PageDown")
    page.get_by_role("heading", name="장상 공공주택지구").wait_for()
    # The next area's map draws too (full height, not a collapsed frame).
    frame = wait_for_map(page, min_shapes=5, where=".st-key-briefing_map")
    # The frame loads the new slide's map after the heading changed: the label is waited for, not counted once.
    expect_count(frame.get_by_text("장상", exact=True), 1)
    # MAP_HEIGHT in app_pages/briefing.py is 370 px: the frame has its full height, not the 0 px of a failed load.
    assert page.locator(".st-key-briefing_map iframe").bounding_box()["height"] >= 360
    page.keyboard.press("ArrowRight")
    page.get_by_role("heading", name="경기경제자유구역 안산사이언스밸리(ASV)지구").wait_for()
    page.keyboard.press("PageUp")
    page.get_by_role("heading", name="장상 공공주택지구").wait_for()
    page.locator(".st-key-briefing_previous button").click()
    page.get_by_role("heading", name="신길2 공공주택지구").wait_for()
    page.keyboard.press("Home")
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


# --- issue 11: presentation mode, handout, kiosk in portrait and landscape ---------------------------------

SLIDE = ".st-key-briefing_slide"
# Streamlit controls that must not show on a projector in presentation mode.
CONTROLS = (
    "button, input, [data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'], "
    "[data-testid='stExpandSidebarButton'], [data-testid='stElementToolbar'], .leaflet-control-zoom"
)


def _counter(page) -> str:
    return page.locator(".briefing-counter").inner_text()


def _slide_fits(page) -> dict:
    return page.evaluate(
        """() => {
        const slide = document.querySelector('.st-key-briefing_slide');
        const main = document.querySelector('[data-testid="stMain"]');
        const box = slide.getBoundingClientRect();
        return {bottom: box.bottom, right: box.right, height: window.innerHeight, width: window.innerWidth,
                scroll: main.scrollHeight - main.clientHeight};
    }"""
    )


def _poll_slide_fits(page, viewport: tuple[int, int], number: int) -> None:
    """Wait until the slide ends inside the window and the page does not scroll (naming the last measure)."""
    seen: list[dict] = []

    def fits_now() -> bool:
        seen.append(_slide_fits(page))
        return seen[-1]["bottom"] <= viewport[1] + 1 and seen[-1]["scroll"] <= 1

    try:
        poll(fits_now, 15, f"slide {number} fits the window")
    except AssertionError as error:
        raise AssertionError(f"{error}; last measured {seen[-1]}") from None


def _wait_counter(page, text: str) -> None:
    poll(lambda: _counter(page) == text, 30, f"the counter shows {text}")


@pytest.mark.parametrize("viewport", [(1920, 1080), (1920, 950)])
def test_presentation_mode_shows_every_slide_whole_without_controls_and_obeys_clicker_keys(
    staff_server, open_app, viewport
):
    from geo.briefing.slides import briefing_slides

    session = open_app(staff_server, "/briefing", viewport=viewport)
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    count = len(briefing_slides())  # the bundled changes fit on one slide
    page.locator(".st-key-briefing_present_button button").first.click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('present') === '1'")
    page.locator(".st-key-briefing_controls").wait_for(state="hidden")
    for number in range(1, count + 1):
        _wait_counter(page, f"{number} / {count}")
        page.locator(f"{SLIDE} h1").wait_for()
        # Measured once the slide's run is over: while it draws, the last slide's elements stand beside the
        # new ones (a slide 1186 px high in a 950 px window was measured so). Then polled, as the page's
        # script scales a tall slide down after it is drawn.
        wait_for_run_end(page)
        _poll_slide_fits(page, viewport, number)
        fits = _slide_fits(page)
        assert fits["scroll"] <= 1 and fits["right"] <= viewport[0] + 1, (number, fits)
        assert page.locator(CONTROLS).filter(visible=True).count() == 0, number
        for frame in page.frames[1:]:
            assert frame.locator(".leaflet-control-zoom").filter(visible=True).count() == 0, number
        page.keyboard.press("PageDown" if number % 2 else " ")
    _wait_counter(page, f"{count} / {count}")
    page.keyboard.press("Home")
    _wait_counter(page, f"1 / {count}")
    page.keyboard.press("End")
    _wait_counter(page, f"{count} / {count}")
    page.keyboard.press("PageUp")
    _wait_counter(page, f"{count - 1} / {count}")
    page.keyboard.press("ArrowLeft")
    _wait_counter(page, f"{count - 2} / {count}")
    page.keyboard.press("ArrowRight")
    _wait_counter(page, f"{count - 1} / {count}")
    # "b" blanks the screen (as PowerPoint does) and brings it back.
    page.keyboard.press("b")
    blank = page.locator("#briefing-blank")
    blank.wait_for()
    assert blank.bounding_box() == {"x": 0, "y": 0, "width": viewport[0], "height": viewport[1]}
    page.keyboard.press("b")
    blank.wait_for(state="detached")
    assert _counter(page) == f"{count - 1} / {count}"
    page.keyboard.press("Escape")
    page.locator(".st-key-briefing_controls").wait_for()
    # "P" (or F5, as a clicker's "start show" key) enters presentation mode again.
    page.keyboard.press("p")
    page.locator(".st-key-briefing_controls").wait_for(state="hidden")
    assert session.external_requests == []


def test_handout_pdf_from_the_page_has_the_cover_and_no_dark_page(staff_server, open_app, tmp_path):
    import shutil
    import subprocess

    from PIL import Image
    from pypdf import PdfReader

    session = open_app(staff_server, "/briefing")
    page = session.page
    page.get_by_role("heading", name="스마트도시계획 한눈에").wait_for()
    started = time.monotonic()
    with page.expect_download(timeout=90_000) as download:
        page.locator(".st-key-briefing_pdf button").click()
    target = tmp_path / "handout.pdf"
    download.value.save_as(target)
    print(f"handout export took {time.monotonic() - started:.1f} s")
    reader = PdfReader(target)
    assert 1 < len(reader.pages) <= 12
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(target), "-"], capture_output=True, text=True)
    assert "국토교통부" in cover.stdout and "교통·환경·안전·복지" in cover.stdout
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(target), str(tmp_path / "page")], check=True)
    for png in sorted(tmp_path.glob("page-*.png")):
        histogram = Image.open(png).convert("L").histogram()
        assert sum(histogram[:100]) / sum(histogram) < 0.2, png.name
    assert session.external_requests == []


HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


def _overflowing_buttons(page) -> list[str]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('button')).filter(b => {
            const r = b.getBoundingClientRect();
            if (!r.width || getComputedStyle(b).display === 'none') return false;
            const text = b.querySelector('p') || b;
            return b.scrollWidth > b.clientWidth + 1 || text.scrollWidth > text.clientWidth + 1
                || r.right > window.innerWidth + 1;
        }).map(b => b.innerText)"""
    )


def _measured_screen(page, section: str, position: int, has_map: bool = True) -> dict:
    """Open kiosk screen ``position`` (the first of ``section``) by touch and measure it once its run is over.

    Measured on the finished screen only: a layout taken while the run still draws holds the old screen's
    elements beside the new ones. The touch holds the rotation for the idle-reset time (8 s here); on a busy
    machine the measuring can outlast it and the kiosk goes back to the first screen, so the screen is opened
    again and measured anew when it changed meanwhile.
    """
    for _ in range(3):
        page.locator(f".st-key-kiosk_nav_{section} button").click()
        poll(lambda: _screen(page) == position, 20, f"screen {position} shows")
        if has_map:
            wait_for_map(page, min_shapes=1)
        wait_for_run_end(page)
        boxes = page.locator(".kiosk-list")
        seen = {
            "cut": _overflowing_buttons(page),
            "main": page.evaluate(
                "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); "
                "return [m.scrollHeight, m.clientHeight]; }"
            ),
            "text": page.locator("[data-testid='stMain']").inner_text(),
            "chrome": page.locator("[data-testid='stMain'] :text-matches('Page not found|Running|Deploy')").count(),
            "list": boxes.first.evaluate("l => [l.scrollHeight, l.clientHeight]") if boxes.count() else None,
        }
        if _screen(page) == position:
            return seen
    raise AssertionError(f"screen {position} did not stay long enough to be measured, three times")


@pytest.mark.parametrize("viewport", [(1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_kiosk_fills_portrait_and_landscape_without_cut_buttons_in_both_languages(
    kiosk_server, open_app, bundled, viewport, lang
):
    from geo.kiosk.screens import kiosk_screens, kiosk_sections

    session = open_app(kiosk_server, "/" if lang == "ko" else "/?lang=en", viewport=viewport)
    page = session.page
    page.locator(".kiosk-title").wait_for()
    wait_for_map(page, min_shapes=5)
    # Hold the rotation: every screen a button opens is opened by touch, as a visitor would.
    for position, screen in kiosk_sections(kiosk_screens(bundled.services)):
        seen = _measured_screen(page, screen.section, position)
        assert seen["cut"] == [], position
        assert seen["main"][0] <= seen["main"][1] + 1, (position, seen["main"])
        if lang == "en":
            hangul, latin = len(HANGUL.findall(seen["text"])), len(LATIN.findall(seen["text"]))
            assert hangul < 0.1 * latin, (position, hangul, latin)
        assert seen["chrome"] == 0, position
        if seen["list"] is not None:  # the page of cards fits: nothing to scroll
            assert seen["list"][0] <= seen["list"][1] + 1, (position, seen["list"])
    if viewport[1] > viewport[0]:
        # Portrait: the map is above the text, each the full width; the screen is used to its foot.
        page.locator(".st-key-kiosk_nav_overview button").click()
        poll(lambda: _screen(page) == 0, 20, "the first screen")
        wait_for_run_end(page)
        map_box = page.locator(".st-key-kiosk_map").bounding_box()
        heading = page.locator(".kiosk-screen-title").bounding_box()
        assert heading["y"] > map_box["y"] + map_box["height"] - 1 and map_box["width"] > 0.9 * viewport[0] - 100
    # Either way the screen is used to its foot: the map takes what the text leaves (no empty band below).
    page.locator(".st-key-kiosk_nav_overview button").click()
    poll(lambda: _screen(page) == 0, 20, "the first screen")

    def _footer_bottom() -> float:
        box = page.locator(".kiosk-footer").bounding_box()
        return box["y"] + box["height"]

    poll(lambda: _footer_bottom() >= 0.95 * viewport[1], 10, "the footer sits at the screen's foot")
    assert _footer_bottom() <= viewport[1]
    assert session.external_requests == []


# What a screen of the rotation shows once its run is over: its position, text, and whether anything scrolls.
SCREEN_STATE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const dots = document.querySelector('.kiosk-dots');
  if (!main || !dots) return null;  // between two screens' runs
  const lists = Array.from(document.querySelectorAll('.kiosk-list, .kiosk-rows'));
  return {screen: Number(dots.dataset.screen),
          text: main.innerText,
          scrolls: lists.filter(l => l.scrollHeight > l.clientHeight + 1).length
                   + (main.scrollHeight > main.clientHeight + 1 ? 1 : 0)};
}"""


@pytest.mark.parametrize("viewport", [(1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_one_kiosk_rotation_names_every_project_and_nothing_scrolls(kiosk_server, open_app, bundled, viewport, lang):
    from geo.i18n import localized, t
    from geo.kiosk.screens import kiosk_screens

    screens = kiosk_screens(bundled.services)
    session = open_app(kiosk_server, "/" if lang == "ko" else "/?lang=en", viewport=viewport)
    page = session.page
    page.locator(".kiosk-title").wait_for()
    seen: dict[int, dict] = {}

    def look() -> bool:
        # A screen is read once its run is over; on a busy machine one can pass unread: the next round reads it.
        wait_for_run_end(page)
        # Read twice, a moment apart: a screen is taken once it stands still (the layout fit runs after the
        # run's last change and can move the map and the footer by a few pixels first).
        state = page.evaluate(SCREEN_STATE)
        page.wait_for_timeout(400)
        again = page.evaluate(SCREEN_STATE)
        if state and state == again and state["screen"] not in seen:
            seen[state["screen"]] = state
        return len(seen) == len(screens)

    poll(look, 4 * len(screens) * (INTERVAL_S + TICK_S) + 60, "every screen of the rotation was seen")
    text = "\n".join(seen[n]["text"] for n in sorted(seen))
    for record in bundled.services.loc[bundled.services["status"] != "취소"].to_dict("records"):
        assert localized(record, "name", lang) in text, localized(record, "name", lang)
    assert [n for n in sorted(seen) if seen[n]["scrolls"]] == []
    for word in ("밀어서", "swipe", "Swipe"):
        assert word not in text
    # Then and now: the earlier day named with why it was chosen, today beside it (geo.kiosk.then).
    then = next(n for n, screen in enumerate(screens) if screen.kind == "then")
    for text in (t("kiosk.then_title", lang), t("kiosk.then_reason_plan", lang), t("kiosk.then_basis", lang)):
        assert text in seen[then]["text"], text
    # The project pages say where they are in their list ("2/4").
    for position, screen in enumerate(screens):
        if screen.pages > 1:
            assert f"{screen.page}/{screen.pages}" in seen[position]["text"], position
    assert session.external_requests == []


@pytest.mark.parametrize("path", ["/kiosk", "/no-such-page"])
def test_kiosk_own_path_and_unknown_paths_show_the_kiosk_without_a_dialog(kiosk_server, open_app, path):
    session = open_app(kiosk_server, path, viewport=(1080, 1920))
    page = session.page
    page.locator(".kiosk-title").wait_for()
    wait_for_map(page, min_shapes=5)
    poll(lambda: page.locator("[data-testid='stDialog']").count() == 0, 10, "no dialog is left open")
    assert page.get_by_text("Page not found").count() == 0
    # The page takes touches (an open modal would make it inert).
    page.locator(".st-key-kiosk_nav_operating button").click(timeout=15_000)
    poll(lambda: _screen(page) == 1, 20, "a touch on the navigation works")
    assert session.external_requests == []


# How the kiosk map's view meets the bounds it was fitted to: the zoom Leaflet's fitBounds gives for the
# map's size now, the bounds in view, how much of the limiting side they fill, and their centre's offset.
MAP_FIT = """([south, west, north, east]) => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const size = map.getSize();
  const bounds = L.latLngBounds([south, west], [north, east]);
  const nw = map.latLngToContainerPoint(bounds.getNorthWest());
  const se = map.latLngToContainerPoint(bounds.getSouthEast());
  const centre = map.latLngToContainerPoint(bounds.getCenter());
  return {width: size.x, height: size.y, zoom: map.getZoom(), fitZoom: map.getBoundsZoom(bounds),
          inside: nw.x >= -1 && nw.y >= -1 && se.x <= size.x + 1 && se.y <= size.y + 1,
          fill: Math.max((se.x - nw.x) / size.x, (se.y - nw.y) / size.y),
          offset: Math.hypot(centre.x - size.x / 2, centre.y - size.y / 2)};
}"""


def _map_fit(page, bounds) -> dict:
    frame = page.locator(".st-key-kiosk_map iframe").first.element_handle().content_frame()
    return frame.evaluate(MAP_FIT, bounds)


def _fitted(fit: dict) -> bool:
    # Fitted at the map's size now: the bounds in view, centred, filling at least 90 % of the limiting side
    # (the kiosk zooms in steps of 0.1).
    return fit["zoom"] == fit["fitZoom"] and fit["inside"] and fit["fill"] >= 0.9 and fit["offset"] <= 2


def _poll_fit(page, bounds: list[float], old_size: tuple[int, int] | None, where: str) -> dict:
    """Wait until the map has a new size (unless ``old_size`` is None) and fits ``bounds`` at it."""
    seen: list[dict] = []

    def fitted_now() -> dict | None:
        seen.append(_map_fit(page, bounds))
        fit = seen[-1]
        return fit if (fit["width"], fit["height"]) != old_size and _fitted(fit) else None

    try:
        return poll(fitted_now, 20, f"{where}: the map fits its bounds at its size")
    except AssertionError as error:
        raise AssertionError(f"{error}; last measured {seen[-1] if seen else None}") from None


def test_kiosk_map_fits_its_bounds_again_when_its_frame_grows_or_turns(open_app, tmp_path, bundled):
    from geo.kiosk.area import area_map_bounds
    from geo.kiosk.screens import kiosk_screens
    from geo.mapping import URBAN_BOUNDS

    # A long interval: each screen stays while the window turns.
    server = start_server({"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "600"}, tmp_path)
    try:
        session = open_app(server, "/", viewport=(1920, 1080))
        page = session.page
        screens = kiosk_screens(bundled.services)
        area = next(position for position, screen in enumerate(screens) if screen.area_id == "jangsang")
        for position in (0, area):
            page.locator(f".st-key-kiosk_nav_{screens[position].section} button").click()
            poll(lambda p=position: _screen(page) == p, 20, f"screen {position} shows")
            wait_for_map(page, min_shapes=5)
            area_id = screens[position].area_id
            corners = area_map_bounds(bundled.areas, bundled.services, area_id) if area_id else URBAN_BOUNDS
            bounds = [*corners[0], *corners[1]]
            # The frame grows to the screen's foot after the map's first fit: the view follows it.
            fit = _poll_fit(page, bounds, None, f"screen {position}")
            for viewport in ((1080, 1920), (1920, 1080)):
                page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
                fit = _poll_fit(page, bounds, (fit["width"], fit["height"]), f"screen {position} at {viewport}")
        assert session.external_requests == []
    finally:
        stop_server(server)
