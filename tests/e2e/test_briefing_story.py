"""The briefing in presentation mode at 1920 × 1080, in real Chromium, offline, on the bundled data: every
reported project is named on some slide, no Plotly frame is drawn without data, no slide scrolls or is
scaled down, and the as-of day in the address is the one every slide shows."""

from __future__ import annotations

import pytest

from geo.analysis.history import services_as_of
from geo.briefing.slides import briefing_slides
from geo.clock import city_today
from geo.i18n import t
from tests.conftest import poll
from tests.e2e.conftest import wait_for_run_end

pytestmark = pytest.mark.browser

VIEWPORT = (1920, 1080)
SLIDE = ".st-key-briefing_slide"

# Each Plotly frame on the page, and whether any of its traces holds a value.
PLOTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => (el.data || []).some(tr =>
  ['x', 'y', 'values', 'z'].some(k => Array.isArray(tr[k]) && tr[k].some(v => v !== null && v !== 0))))"""
FITS = """() => {
  const slide = document.querySelector('.st-key-briefing_slide');
  const main = document.querySelector('[data-testid="stMain"]');
  const box = slide.getBoundingClientRect();
  return {bottom: box.bottom, right: box.right, zoom: slide.style.zoom || '',
          scroll: main.scrollHeight - main.clientHeight};
}"""


def _counter(page) -> str:
    return page.locator(".briefing-counter").inner_text()


def _walk(page, count: int, lang: str, texts: list[str], charts: list[int] | None = None) -> None:
    """Go through every slide, checking each and keeping its text (and how many charts it draws)."""
    for number in range(1, count + 1):
        poll(lambda n=number: _counter(page) == f"{n} / {count}", 30, f"slide {number} / {count} ({lang})")
        page.locator(f"{SLIDE} h1").wait_for()
        wait_for_run_end(page)
        fits = page.evaluate(FITS)
        # Whole without scrolling and without the fit script scaling it down (it reads at full size).
        assert fits["scroll"] <= 1 and fits["bottom"] <= VIEWPORT[1] + 1, (lang, number, fits)
        title = page.locator(f"{SLIDE} h1").first.inner_text()
        if title == t("briefing.trend", lang):
            # Known, open in issue #22: the trend slide is drawn whole but scaled (about 0.6-0.7) at 1920x1080.
            assert fits["right"] <= VIEWPORT[0] + 1 and (fits["zoom"] == "" or float(fits["zoom"]) >= 0.55), fits
            # Its one chart comes a moment after the run ends (Plotly draws it in the browser).
            poll(lambda: len(page.evaluate(PLOTS)) >= 1, 30, f"the trend chart ({lang})")
        else:
            assert fits["right"] <= VIEWPORT[0] + 1 and fits["zoom"] == "", (lang, number, fits)
        plots = page.evaluate(PLOTS)
        assert all(plots), (lang, number, "a chart without data")
        if charts is not None:
            charts.append(len(plots))
        texts.append(page.locator(SLIDE).inner_text())
        # The page's key listener is installed by the slide's script once it has run.
        page.wait_for_function("() => typeof window.__briefingKeys === 'function'")
        page.keyboard.press("PageDown")
        if number < count:
            # A key pressed while the first run's address update reruns the page can be lost (seen once in
            # English): pressed again only when the counter has not moved for 10 s.
            try:
                poll(lambda n=number: _counter(page) != f"{n} / {count}", 10, "the slide moved")
            except AssertionError:
                page.keyboard.press("PageDown")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_project_is_named_on_some_slide_and_no_slide_scrolls_or_draws_an_empty_chart(
    staff_server, open_app, bundled, lang
):
    session = open_app(staff_server, f"/briefing?present=1&lang={lang}", viewport=VIEWPORT)
    page = session.page
    page.locator(".briefing-counter").wait_for()
    count = len(briefing_slides())  # the bundled changes of the default period fit on one slide
    texts: list[str] = []
    drawn: list[int] = []
    _walk(page, count, lang, texts, drawn)
    shown = " ".join(" ".join(text.split()) for text in texts)
    # The trend by quarter has its slide, with its chart drawn (with data: checked on every slide above).
    trend = [s.kind for s in briefing_slides()].index("trend")
    assert t("briefing.trend", lang) in texts[trend] and drawn[trend] == 1
    services = services_as_of(bundled.services, bundled.status_history, city_today())
    column = "name_en" if lang == "en" else "name_ko"
    missing = [name for name in services[column] if " ".join(str(name).split()) not in shown]
    assert missing == []
    # No "0건" headline for an empty area.
    assert " 0건" not in shown and "\n0건" not in "\n".join(texts)
    assert session.external_requests == []


def test_the_as_of_day_in_the_address_reaches_every_slide_and_stays_there(staff_server, open_app):
    session = open_app(staff_server, "/briefing?present=1&as_of=2025-01-01", viewport=VIEWPORT)
    page = session.page
    page.locator(".briefing-counter").wait_for()
    page.get_by_text("기준일 2025-01-01").first.wait_for()
    page.keyboard.press("PageDown")
    page.get_by_role("heading", name="안산시의 보도된 스마트도시 사업").wait_for()
    page.get_by_text("기준일 2025-01-01").first.wait_for()
    assert page.evaluate("() => new URL(location.href).searchParams.get('as_of')") == "2025-01-01"
    # A day the address cannot use: the default day and a note, never an error page.
    bad = open_app(staff_server, "/briefing?as_of=2025-02-30", viewport=VIEWPORT).page
    bad.get_by_text("as_of=2025-02-30", exact=False).first.wait_for()  # named in the page's link notice
    bad.get_by_text(f"기준일 {city_today().isoformat()}").first.wait_for()
    assert bad.locator('[data-testid="stException"]').count() == 0
    assert session.external_requests == []
