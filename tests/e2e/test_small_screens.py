"""Staff and executive pages on a 1366×768 laptop, and Korean screens without Streamlit's English widget text.

Measured in the page, not by eye: a metric whose number or label is cut
(``1,330.5…``) has a text wider than its box; two chart texts that overlap
have intersecting boxes (chart and panel titles, axis titles and tick
labels, legend entries, bar texts; rotated tick labels are left out, their
boxes are not their glyphs); a chart title (or its note) whose box starts
above the chart's top edge is cut off, one that reaches below the top of the
plot area lies on the data.
"""

from __future__ import annotations

import re

import pytest

from geo.auth import add_user
from geo.briefing.slides import briefing_slides
from geo.i18n import t
from tests.conftest import poll
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end

pytestmark = pytest.mark.browser

LAPTOP = (1366, 768)
PASSWORD = "correct-horse-battery"

CUT_METRICS = """() => {
  const cut = el => el.scrollWidth > el.clientWidth + 1;
  return Array.from(document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricLabel"]'))
    .filter(m => [m, ...m.querySelectorAll('*')].some(cut) || m.innerText.includes('…')).map(m => m.innerText);
}"""

CUT_BUTTONS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] button'))
  .filter(b => b.getBoundingClientRect().width > 0)
  .filter(b => [b, ...b.querySelectorAll('*')].some(el => el.scrollWidth > el.clientWidth + 1))
  .map(b => b.innerText)"""

OVERLAPPING_CHART_TEXT = """() => {
  const found = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, n) => {
    const texts = Array.from(plot.querySelectorAll(
        '.gtitle, .gtitle-subtitle, .annotation-text, .g-xtitle text, .g-ytitle text, .legendtext, .xtick text, .ytick text, .bartext'))
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .filter(t => !(t.getAttribute('transform') || '').includes('rotate'));
    const boxes = texts.map(t => [t.textContent, t.getBoundingClientRect()]);
    const edge = plot.querySelector('.main-svg').getBoundingClientRect();
    boxes.filter(([, r]) => r.left < edge.left - 1 || r.right > edge.right + 1)
      .forEach(([text]) => found.push([n, text, 'beyond the edge']));
    // A title (and its note) stands between the chart's top edge and its plot area: its first line
    // above the top is cut off, a last line below the plot area's top lies on the bars.
    const plotTop = edge.top + plot._fullLayout._size.t;
    plot.querySelectorAll('.gtitle, .gtitle-subtitle').forEach(t => {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0) return;
      if (r.top < edge.top - 1) found.push([n, t.textContent, `title ${Math.round(edge.top - r.top)} px above the chart`]);
      if (r.bottom > plotTop + 1) found.push([n, t.textContent, `title ${Math.round(r.bottom - plotTop)} px into the plot area`]);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        found.push([n, boxes[i][0], boxes[j][0]]);
    }
  });
  return found;
}"""

# The visible fit buttons above the map: text, height (px), lines of text.
FIT_BUTTONS = """() => Array.from(document.querySelectorAll('[class*="st-key-fit_"] button'))
  .filter(b => b.getBoundingClientRect().height > 0)
  .map(b => {
    const text = b.querySelector('p') || b;
    const line = parseFloat(getComputedStyle(text).lineHeight);
    return [b.innerText, b.getBoundingClientRect().height, Math.round(text.getBoundingClientRect().height / line)];
  })"""

# Drawn charts on screen: a chart in a hidden tab (or a slide's chart about to be replaced, once stale) has
# no width or is marked stale, and does not count.
CHARTS_DRAWN = """within => Array.from(document.querySelectorAll(`${within} .js-plotly-plot`))
  .filter(p => p.querySelector('.main-svg') && p.getBoundingClientRect().width > 0
               && !p.closest('[data-stale="true"]')).length"""

# The charts stand still: their boxes and texts are the same two animation frames and 100 ms apart (Plotly
# lays a chart out again when Streamlit gives it its width, after the run has ended).
CHARTS_STILL = """async () => {
  const look = () => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => {
    const r = p.getBoundingClientRect(); return [r.x, r.y, r.width, r.height, p.querySelectorAll('text').length]; }));
  const before = look();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise(r => setTimeout(r, 100));
  return look() === before;
}"""


def _settled(page, charts: int, within: str = "") -> None:
    """Wait until ``charts`` Plotly charts are drawn on screen (inside the CSS selector ``within`` when given),
    the run is over and the charts stand still.

    Call after something of the awaited run has shown (the tab is selected, the counter moved on).
    """
    page.wait_for_function(f"within => ({CHARTS_DRAWN})(within) >= {charts}", arg=within)
    wait_for_run_end(page)
    page.wait_for_function(CHARTS_STILL)


def _nothing_cut_or_overlapping(page, where: str) -> None:
    assert page.evaluate(CUT_METRICS) == [], where
    assert page.evaluate(CUT_BUTTONS) == [], where
    found = page.evaluate(OVERLAPPING_CHART_TEXT)
    assert found == [], (where, found)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_home_at_1366_cuts_no_number_and_overlaps_no_chart_text(staff_server, open_app, lang):
    session = open_app(staff_server, "/" if lang == "ko" else "/?lang=en", viewport=LAPTOP)
    page = session.page
    page.locator("[data-testid='stMetric']").nth(3).wait_for()
    _settled(page, 2)
    assert page.locator("[data-testid='stMetric']").count() == 4
    _nothing_cut_or_overlapping(page, "home")
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_districts_at_1366_cuts_no_number_and_overlaps_no_chart_text_in_any_tab(staff_server, open_app, lang):
    # The city view (the page's default): its four numbers, then domains, funding, years, the trend and the timeline.
    session = open_app(staff_server, "/districts" + ("?lang=en" if lang == "en" else ""), viewport=LAPTOP)
    page = session.page
    page.locator("[data-testid='stMetric']").nth(3).wait_for()
    _settled(page, 5)
    _nothing_cut_or_overlapping(page, "profile")
    tabs = page.locator("[data-testid='stTabs'] [role='tab']")
    for number, charts in ((1, 4), (2, 1)):
        tabs.nth(number).click()
        page.locator("[data-testid='stTabs'] [role='tab'][aria-selected='true']").nth(0).wait_for()
        poll(lambda n=number: tabs.nth(n).get_attribute("aria-selected") == "true", 20, f"tab {number} opens")
        # The tab's charts are drawn by the run the click asked for (only the open tab is computed).
        _settled(page, charts, within="[data-testid='stTabs']")
        _nothing_cut_or_overlapping(page, f"tab {number}")
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_briefing_at_1366_cuts_no_number_and_overlaps_no_chart_text_on_any_slide(staff_server, open_app, lang):
    session = open_app(staff_server, "/briefing" if lang == "ko" else "/briefing?lang=en", viewport=LAPTOP)
    page = session.page
    count = len(briefing_slides())
    page.locator(".briefing-counter").wait_for()
    for number in range(1, count + 1):
        expected = f"{number} / {count}"
        poll(lambda e=expected: page.locator(".briefing-counter").inner_text() == e, 30, f"slide {expected}")
        # Slides draw a chart only where it has data: wait for the slide's run, then for the charts it drew.
        wait_for_run_end(page)
        _settled(page, page.locator(".js-plotly-plot").count())
        _nothing_cut_or_overlapping(page, f"slide {number}")
        if number < count:
            page.locator(".st-key-briefing_next button").click()
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_map_at_1366_cuts_no_button_text_and_overlaps_no_chart_text(staff_server, open_app, lang):
    session = open_app(staff_server, "/map" if lang == "ko" else "/map?lang=en", viewport=LAPTOP)
    page = session.page
    # The map draws in the app's own frame (not st_folium's).
    page.frame_locator('iframe[src*="service_map"]').locator(".leaflet-overlay-pane path").first.wait_for(
        state="attached", timeout=60_000
    )
    _settled(page, 1)  # the status chart beside the list
    _nothing_cut_or_overlapping(page, "map")
    # A long area name breaks onto a second line; every button of the row keeps the same height.
    buttons = page.evaluate(FIT_BUTTONS)
    assert len(buttons) == 7, buttons
    assert max(lines for _, _, lines in buttons) == 2, buttons
    heights = [height for _, height, _ in buttons]
    assert max(heights) - min(heights) <= 2, buttons
    assert session.external_requests == []


# Label and value widths of every row of the detail panel's table.
DETAIL_WIDTHS = """() => Array.from(document.querySelectorAll('.detail-panel table tr')).map(tr =>
  [tr.children[0].innerText, tr.children[0].getBoundingClientRect().width, tr.children[1].getBoundingClientRect().width])"""


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_service_details_at_1366_leave_the_values_room(staff_server, open_app, lang):
    """The longest English labels ("How the location was placed") once took the whole narrow panel and left
    the values one letter a line; labels wrap and the values keep at least half of the table."""
    session = open_app(staff_server, "/map?sel=svc:ANS-09" + ("&lang=en" if lang == "en" else ""), viewport=LAPTOP)
    page = session.page
    page.locator(".detail-panel table").wait_for()
    wait_for_run_end(page)
    rows = page.evaluate(DETAIL_WIDTHS)
    assert len(rows) > 10
    for name, label_px, value_px in rows:
        assert value_px >= label_px and value_px >= 90, (name, label_px, value_px)
    assert session.external_requests == []


# --- Korean screens: no English from Streamlit's own widgets -----------------------------------------------

ENGLISH_WORDS = re.compile(
    r"January|February|March|April|June|July|August|September|October|November|December|"
    r"\b(Su|Mo|Tu|We|Th|Fr|Sa)\b|Select all|Browse files|Drag and drop|per file|\bUpload\b|Choose date|arrow keys"
)


def test_korean_date_picker_and_filters_show_no_english(staff_server, open_app):
    session = open_app(staff_server, "/districts", viewport=LAPTOP)
    page = session.page
    # A click during the page's first run can be undone when the run draws the widget again.
    page.locator("[data-testid='stDateInputCalendarButton']").first.wait_for()
    wait_for_run_end(page)
    page.locator("[data-testid='stDateInputCalendarButton']").first.click()
    calendar = page.locator("[data-testid='stDateInputCalendar']")
    calendar.wait_for()
    poll(lambda: "월" in calendar.inner_text(), 10, "the calendar names its month in Korean")
    assert not ENGLISH_WORDS.search(calendar.inner_text()), calendar.inner_text()
    assert all(day in calendar.inner_text() for day in "일월화수목금토")
    # Moving to another month keeps it Korean (the script follows Streamlit's redraws).
    calendar.locator("button[slot='previous'], button[aria-label*='revious']").first.click()
    poll(lambda: not ENGLISH_WORDS.search(calendar.inner_text()), 10, "the previous month is Korean too")
    page.keyboard.press("Escape")

    session = open_app(staff_server, "/map", viewport=LAPTOP)
    page = session.page
    sidebar = page.locator("[data-testid='stSidebar']")
    # The area filter by its label (in CI a click on "the first multiselect" once opened the status list: the
    # sidebar was still being drawn); a click a rerun undid is made again.
    areas = sidebar.locator("[data-testid='stMultiSelect']").filter(has_text=t("explorer.area", "ko"))
    areas.wait_for()
    wait_for_run_end(page)
    area_option = page.get_by_role("option").filter(has_text="신길2")

    def area_list_open() -> bool:
        if area_option.count() == 0:
            page.keyboard.press("Escape")
            areas.click()
            page.wait_for_timeout(500)
        return area_option.count() > 0

    poll(area_list_open, 30, "the area filter lists the areas")
    listed = page.get_by_role("listbox").all_inner_texts()
    assert listed and not any("Select all" in text for text in listed), listed
    assert session.external_requests == []


@pytest.fixture(scope="module")
def signed_in_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("small-screens-data")
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=root / "secrets.toml")
    server = start_server({"DASHBOARD_SECRETS_FILE": str(root / "secrets.toml")}, root)
    yield server
    stop_server(server)


def test_korean_file_uploader_shows_no_english(signed_in_server, open_app):
    session = open_app(signed_in_server, "/data", viewport=LAPTOP)
    page = session.page
    page.get_by_label("사용자 이름").fill("kim_gis")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.get_by_role("tab", name="가져오기").click()
    uploader = page.locator("[data-testid='stFileUploader']").first
    uploader.wait_for()
    poll(lambda: "파일 선택" in uploader.inner_text(), 15, "the uploader's button is in Korean")
    text = uploader.inner_text()
    assert "파일당 최대" in text
    assert not ENGLISH_WORDS.search(text), text
    assert session.external_requests == []


# Wraps the page's createTreeWalker (the script walks a widget's text with it) to count the walks.
COUNT_WALKS = """() => { const doc = document; if (!doc.__walks) { doc.__walks = 0;
  const walk = doc.createTreeWalker.bind(doc); doc.createTreeWalker = (...a) => { doc.__walks += 1; return walk(...a); }; }
  doc.__walks = 0; }"""


def test_korean_table_toolbar_and_no_work_for_changes_outside_widgets(staff_server, open_app):
    session = open_app(staff_server, "/map", viewport=LAPTOP)
    page = session.page
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()
    wait_for_run_end(page)  # a rerun (the map reports its view) redraws the table and drops the hover
    table.hover()
    toolbar = page.locator("[data-testid='stElementToolbar']").first
    toolbar.locator("button").first.wait_for()

    def labels() -> list[str]:
        return toolbar.locator("button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")

    poll(lambda: "CSV로 내려받기" in labels(), 15, "the toolbar's buttons are labelled in Korean", page)
    assert {"검색", "전체 화면"} <= set(labels()) and not any(re.search(r"[a-z]{3}", x) for x in labels())
    # The tooltip drawn on hover says it in Korean too.
    toolbar.get_by_role("button", name="검색").hover()
    tip = page.locator("[data-testid='stTooltipContent']", has_text="검색")
    tip.wait_for(timeout=10_000)
    assert page.locator("[data-testid='stTooltipContent']", has_text="Search").count() == 0
    # Changes elsewhere in the page cost no walk through any widget's text (counted on a page with no run
    # under way: a run redraws widgets, which is work the script should do).
    wait_for_run_end(page)
    page.evaluate(COUNT_WALKS)
    page.evaluate("() => { for (let i = 0; i < 200; i++) document.body.appendChild(document.createElement('div')); }")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("() => document.__walks") == 0
    assert session.external_requests == []
