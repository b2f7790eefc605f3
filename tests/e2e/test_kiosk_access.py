"""The kiosk for everyone, in real Chromium, offline: axe-core in every mode, 큰 글씨, 낮은 화면, time control.

axe-core is the app's vendored copy (``static/lib/axe-core``, geo.axe.AXE_JS): put into the page from disk,
never fetched.
"""

from __future__ import annotations

import time

import pytest

from geo.axe import AXE_JS
from tests.conftest import poll
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end
from tests.e2e.test_modes import _overflowing_buttons, _screen, wait_for_map
from ui.kiosk_access import KEEP, NEXT, PAUSE, PREVIOUS, WARNING

pytestmark = pytest.mark.browser

IDLE_RESET_S = 45
ACCESS_ENV = {"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "20", "DASHBOARD_KIOSK_IDLE_RESET": "45"}
PORTRAIT, LANDSCAPE = (1080, 1920), (1920, 1080)
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160))}));
}"""
# What sticks out: any visible element past the right edge, and whether the page scrolls sideways.
SIDEWAYS = """() => {
  const width = window.innerWidth;
  const out = Array.from(document.querySelectorAll('[data-testid="stMain"] *')).filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed';
  }).map(e => e.className || e.tagName).slice(0, 5);
  const main = document.querySelector('[data-testid="stMain"]');
  return {out, scrolls: document.documentElement.scrollWidth > width + 1 || main.scrollWidth > main.clientWidth + 1};
}"""
# The rendered size of a text: its font size times the zoom it is drawn at.
FONT_PX = "e => parseFloat(getComputedStyle(e).fontSize) * (e.currentCSSZoom || 1)"


@pytest.fixture(scope="module")
def access_server(tmp_path_factory):
    server = start_server(ACCESS_ENV, tmp_path_factory.mktemp("kiosk-access"))
    yield server
    stop_server(server)


def _open(open_app, server, query: str, lang: str, viewport=PORTRAIT):
    params = "&".join(p for p in (query, "lang=en" if lang == "en" else "") if p)
    session = open_app(server, "/" + (f"?{params}" if params else ""), viewport=viewport)
    page = session.page
    page.locator(".kiosk-title").wait_for()
    wait_for_map(page, min_shapes=1)
    page.locator(".kiosk-footer").wait_for()
    wait_for_run_end(page)
    return session


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("query", ["", "contrast=high", "text=large", "reach=low"])
def test_axe_core_finds_no_violation_on_the_kiosk_in_any_mode(access_server, open_app, query, lang):
    session = _open(open_app, access_server, query, lang)
    page = session.page
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    assert page.evaluate(AXE_RUN) == []
    # With the help open, too (it replaces the screen's text).
    page.locator(".st-key-kiosk_help button").click()
    page.locator(".kiosk-help").wait_for()
    wait_for_run_end(page)
    assert page.evaluate(AXE_RUN) == []
    assert session.external_requests == []


@pytest.mark.parametrize("viewport", [PORTRAIT, LANDSCAPE])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_large_text_draws_the_kiosk_twice_as_large_with_nothing_cut_or_sideways(
    access_server, open_app, viewport, lang
):
    default = _open(open_app, access_server, "", lang, viewport).page
    sizes = {
        "title": default.locator(".kiosk-screen-title").evaluate(FONT_PX),
        "button": default.locator(f".st-key-{PAUSE} button p").evaluate(FONT_PX),
        "text": default.locator(".kiosk-kind").first.evaluate(FONT_PX),
    }
    session = _open(open_app, access_server, "text=large", lang, viewport)
    page = session.page
    for name, selector in [
        ("title", ".kiosk-screen-title"),
        ("button", f".st-key-{PAUSE} button p"),
        ("text", ".kiosk-kind"),
    ]:
        ratio = page.locator(selector).first.evaluate(FONT_PX) / sizes[name]
        assert 1.9 <= ratio <= 2.1, (name, ratio)
    # The first screen, a page of projects and an area: nothing cut, nothing off the right edge.
    for section in ("overview", "operating", "jangsang"):
        button = page.locator(f".st-key-kiosk_nav_{section} button")
        if not button.count():
            continue
        button.click()
        poll(lambda s=section: page.locator(f".st-key-kiosk_nav_{s} button[kind='primary']").count() == 1, 20, section)
        wait_for_run_end(page)
        assert _overflowing_buttons(page) == [], section
        seen = page.evaluate(SIDEWAYS)
        assert seen == {"out": [], "scrolls": False}, (section, seen)
        lists = page.locator(".kiosk-list")
        if lists.count():  # the page's cards are whole (the list itself never scrolls at 큰 글씨)
            height, room = lists.first.evaluate("l => [l.scrollHeight, l.clientHeight]")
            assert height <= room + 1
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_low_reach_puts_every_control_in_the_lower_half_of_a_portrait_screen(access_server, open_app, lang):
    session = _open(open_app, access_server, "reach=low", lang)
    page = session.page
    tops = page.evaluate(
        """() => Array.from(document.querySelectorAll('button')).filter(b => {
             const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0;
           }).map(b => [b.innerText, b.getBoundingClientRect().top, b.getBoundingClientRect().bottom])"""
    )
    assert len(tops) >= 15
    assert [t for t in tops if t[1] < PORTRAIT[1] / 2 or t[2] > PORTRAIT[1]] == []
    # The same with the help open.
    page.locator(".st-key-kiosk_help button").click()
    page.locator(".kiosk-help").wait_for()
    wait_for_run_end(page)
    low = page.evaluate(
        "() => Math.min(...Array.from(document.querySelectorAll('button'))"
        ".filter(b => b.getBoundingClientRect().width > 0).map(b => b.getBoundingClientRect().top))"
    )
    assert low >= PORTRAIT[1] / 2
    assert session.external_requests == []


def test_the_idle_reset_warns_20_s_ahead_keep_viewing_dismisses_it_and_the_reset_ends_the_visit(
    access_server, open_app
):
    session = _open(open_app, access_server, "", "ko")
    page = session.page
    warning = page.locator(f".st-key-{WARNING}")
    # The visitor turns 고대비 on (a touch): the idle time starts.
    page.locator(".st-key-kiosk_mode_high_contrast button").click()
    touched = time.monotonic()
    page.get_by_role("button", name="✓ 고대비").wait_for()
    for round_ in range(3):
        warning.wait_for(state="visible", timeout=(IDLE_RESET_S + 10) * 1000)
        shown = time.monotonic()
        assert shown - touched <= IDLE_RESET_S - 20, (round_, shown - touched)  # at least 20 s ahead
        assert "초 뒤 처음 화면으로 돌아갑니다" in warning.inner_text()
        number = int(page.locator(".kiosk-countdown").inner_text())
        assert 15 <= number <= 31, number
        page.get_by_role("button", name="계속 보기").click()
        touched = time.monotonic()
        warning.wait_for(state="detached", timeout=20_000)
        assert page.get_by_role("button", name="✓ 고대비").count() == 1  # still the visitor's screen
    # Left alone: the warning, then the start, with the start-up URL's modes (고대비 off).
    warning.wait_for(state="visible", timeout=(IDLE_RESET_S + 10) * 1000)
    page.get_by_role("button", name="고대비", exact=True).wait_for(timeout=(IDLE_RESET_S + 15) * 1000)
    assert time.monotonic() - touched >= IDLE_RESET_S - 1
    # The reset's run removes the warning; until that run ends the previous run's element may still stand.
    warning.wait_for(state="detached", timeout=20_000)
    assert _screen(page) == 0
    assert session.external_requests == []


def test_pause_previous_and_next_work_with_the_keyboard_alone_with_a_visible_focus(access_server, open_app):
    session = _open(open_app, access_server, "", "en")
    page = session.page
    for _ in range(40):  # Tab to the pause button, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement.closest('.st-key-{PAUSE}')"):
            break
    else:
        raise AssertionError("Tab never reached the pause button")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineWidth")
    assert float(ring.rstrip("px")) >= 3, ring
    # Any key on the page is a touch (it may already have paused the kiosk): Enter switches pause and play.
    label = page.locator(f".st-key-{PAUSE} button")
    before = label.inner_text()
    page.keyboard.press("Enter")
    poll(lambda: label.inner_text() != before, 20, "Enter on the pause button switched it")
    assert page.evaluate(f"() => !!document.activeElement.closest('.st-key-{PAUSE}')")  # the focus stays
    if label.inner_text() != "▶ Play":
        page.keyboard.press("Enter")
    page.get_by_role("button", name="▶ Play").wait_for()
    page.get_by_text("Slideshow paused").wait_for()
    start = _screen(page)
    page.keyboard.press("ArrowRight")
    poll(lambda: _screen(page) == start + 1, 20, "→ opened the next screen")
    page.keyboard.press("ArrowLeft")
    poll(lambda: _screen(page) == start, 20, "← opened the previous screen")
    page.locator(f".st-key-{NEXT} button").focus()
    page.keyboard.press("Enter")
    poll(lambda: _screen(page) == start + 1, 20, "Enter on Next")
    page.locator(f".st-key-{PREVIOUS} button").focus()
    page.keyboard.press("Enter")
    poll(lambda: _screen(page) == start, 20, "Enter on Previous")
    page.locator(f".st-key-{PAUSE} button").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    page.get_by_text("Touch the screen to stop the slideshow").wait_for()
    assert page.locator(f".st-key-{KEEP}").count() == 0
    assert session.external_requests == []
