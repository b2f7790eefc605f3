"""Playback of the reported history on /map in real Chromium, checked against geo.analysis.playback on the bundled data."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.analysis.history import services_as_of
from geo.analysis.playback import change_line, playback_steps
from geo.clock import city_today
from geo.model.vocab import STATUS_TERMS, label
from tests.e2e.test_map_explorer import SERVICE_MAP

pytestmark = pytest.mark.browser

DATASET = """() => {
  const f = document.querySelector('iframe[src*="service_map"]');
  const m = f && f.contentDocument.querySelector('#map');
  return m ? Object.assign({}, m.dataset) : {};
}"""
# Every row the map shows now (filter mask and playback step), with its status label.
SHOWN = """() => {
  const m = document.querySelector('iframe[src*="service_map"]').contentWindow.svcMap, d = m.data, out = [];
  for (let i = 0; i < d.count; i++) {
    if ((m.mask && !m.mask[i]) || (m.hide && m.hide[i])) continue;
    out.push([i, d.statuses[d.status[i]].label]);
  }
  return out;
}"""


RECORD = """() => {
  const w = document.querySelector('iframe[src*="service_map"]').contentWindow, doc = w.document;
  w.pbSeen = []; w.pbLines = [];
  new w.MutationObserver(() => {
    const day = doc.querySelector('#map').dataset.pbDay;
    if (w.pbSeen[w.pbSeen.length - 1] !== day) w.pbSeen.push(day);
    doc.querySelectorAll('.pb-lines li').forEach((li) => w.pbLines.push(li.innerText));
  }).observe(doc.querySelector('#map'), {attributes: true, attributeFilter: ['data-pb-day']});
}"""
RECORDED = """() => { const w = document.querySelector('iframe[src*="service_map"]').contentWindow; return [w.pbSeen, w.pbLines]; }"""


def _ready(page) -> None:
    page.frame_locator(SERVICE_MAP).locator("#map[data-ready='1']").wait_for(timeout=90_000)
    page.wait_for_function(f"() => ({DATASET})().pbDay", timeout=30_000)


@pytest.mark.parametrize("day", ["2021-01-01", "2024-07-01"])
def test_an_as_of_link_shows_exactly_the_projects_reported_by_then_with_that_days_status(
    staff_server, open_app, bundled, day
) -> None:
    page = open_app(staff_server, f"/map?as_of={day}").page
    _ready(page)
    expected = services_as_of(bundled.services, bundled.status_history, date.fromisoformat(day))
    rows = {sid: position for position, sid in enumerate(bundled.services["service_id"])}
    want = sorted(
        [rows[sid], label(STATUS_TERMS, status, "ko")]
        for sid, status in zip(expected["service_id"], expected["status"], strict=True)
    )
    assert sorted(page.evaluate(SHOWN)) == want
    assert page.evaluate(DATASET)["pbCount"] == str(len(expected))
    # The page's own count (caption above the map) says the same.
    page.get_by_text(f"{len(expected)} / {len(expected)}건").first.wait_for(timeout=30_000)


def test_play_walks_every_dated_event_in_order_with_its_source_and_the_page_follows(
    staff_server, open_app, bundled
) -> None:
    steps = playback_steps(bundled.services, bundled.status_history, bundled.plan, city_today())
    session = open_app(staff_server, f"/map?as_of={steps[0].day.isoformat()}")
    page = session.page
    _ready(page)
    frame = page.frame_locator(SERVICE_MAP)
    assert page.evaluate(DATASET)["pbDay"] == steps[0].day.isoformat()
    first_count = page.evaluate(DATASET)["pbCount"]
    frame.locator(".pb-speed").select_option("4")
    # Recorded inside the map's page at each step (polling from here can miss a 0.4 s step on a busy machine).
    page.evaluate(RECORD)
    frame.locator(".pb-play").click()
    # The whole history at 4×: about a minute alone, over two on a machine busy with other browser runs.
    try:
        page.wait_for_function(
            f"() => ({DATASET})().pbPlaying === '0' && ({DATASET})().pbDay === '{steps[-1].day}'", timeout=240_000
        )
    except PlaywrightTimeout:
        # Where it stopped, to tell a slow machine from a stop (the days seen, the map's state, the page's URL).
        seen, _ = page.evaluate(RECORDED)
        pytest.fail(f"playback did not reach {steps[-1].day}: {page.evaluate(DATASET)}, url {page.url}, seen {seen}")
    seen, lines = page.evaluate(RECORDED)
    days = [step.day.isoformat() for step in steps]
    assert seen == sorted(seen) and seen[-1] == days[-1]
    # Polled every 0.1 s, a step of 0.4 s is never missed: every stop, in order.
    assert [days[0], *seen] == days or seen == days
    expected = [change_line(c, s.day, "ko") for s in steps for c in s.changes if c.kind == "event"]
    assert expected and set(expected) <= set(lines)
    assert any(line.startswith("2024-07-04 연합뉴스: ") for line in lines)
    assert page.evaluate(DATASET)["pbCount"] != first_count
    # The page followed: the day is in the link, and the page's count equals the map's.
    page.wait_for_url(f"**as_of={days[-1]}**", timeout=30_000)
    total = len(services_as_of(bundled.services, bundled.status_history, steps[-1].day))
    page.get_by_text(f"{total} / {total}건").first.wait_for(timeout=30_000)
    assert session.external_requests == []


def test_a_day_typed_in_the_as_of_box_stops_the_playing_map_there(staff_server, open_app, bundled) -> None:
    steps = playback_steps(bundled.services, bundled.status_history, bundled.plan, city_today())
    page = open_app(staff_server, f"/map?as_of={steps[0].day.isoformat()}").page
    _ready(page)
    frame = page.frame_locator(SERVICE_MAP)
    frame.locator(".pb-speed").select_option("0.5")  # slow enough to be still playing when the day is typed
    frame.locator(".pb-play").click()
    page.wait_for_function(f"() => ({DATASET})().pbPlaying === '1'", timeout=30_000)
    chosen = "2024-07-01"
    box = "기준일 (이 날짜의 추진 상태)"
    for part, value in zip(("year", "month", "day"), chosen.split("-"), strict=True):
        field = page.get_by_role("spinbutton", name=f"{part}, {box}")
        field.click()
        field.press_sequentially(value)
    page.keyboard.press("Escape")  # closes the calendar; leaving the box commits the typed day
    page.locator("h1").first.click()
    # The map shows the step on or before the chosen day, and no longer plays.
    want = max(step.day for step in steps if step.day <= date.fromisoformat(chosen)).isoformat()
    page.wait_for_function(f"() => ({DATASET})().pbPlaying === '0' && ({DATASET})().pbDay === '{want}'", timeout=60_000)
    page.wait_for_url(f"**as_of={chosen}**", timeout=30_000)
    total = len(services_as_of(bundled.services, bundled.status_history, date.fromisoformat(chosen)))
    page.get_by_text(f"{total} / {total}건").first.wait_for(timeout=30_000)
    page.wait_for_timeout(2_000)  # it stays there: nothing it reported before pulls it elsewhere
    assert page.evaluate(DATASET)["pbDay"] == want and page.evaluate(DATASET)["pbPlaying"] == "0"
