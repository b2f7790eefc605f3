"""Citizens' voice on the kiosk in real Chromium, on a fresh store shared with a staff server.

A visitor taps 필요해요 (counted once per visit, again after the idle reset), sends an opinion with a phone
number (stored without it, shown only after approval, markup as text), reports it (hidden at the
setting, audited); a burst of sends from the kiosk is held to its limit; the counts show on the staff
pages and in the briefing, and the export carries them with context.
"""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from geo.analysis.exports import to_csv_bytes
from geo.clock import city_today
from geo.loaders import load_dashboard_data
from geo.store import KST, STORE_FILE_NAME, GeoPackageStore
from geo.voice import REMOVED_MARKER, window_start
from geo.voice_view import export_context, opinions_table
from tests.conftest import DATA_DIR, poll
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end
from ui.voice_kiosk import KIOSK_VOICE_KEY

pytestmark = pytest.mark.browser

LIMIT = 8  # writes from this kiosk per minute
KIOSK_ENV = {
    "DASHBOARD_MODE": "kiosk",
    "DASHBOARD_KIOSK_INTERVAL": "600",  # the screen moves only when the test says so
    "DASHBOARD_KIOSK_IDLE_RESET": "8",
    "DASHBOARD_KIOSK_ID": "lobby",
    "DASHBOARD_VOICE_LIMIT_PER_MINUTE": str(LIMIT),
    "DASHBOARD_VOICE_HIDE_AFTER_REPORTS": "1",
}
VOICE = f".st-key-{KIOSK_VOICE_KEY}"
NEED = f"{VOICE} [class*='st-key-voice_need_'] button"
PHONE = "010-1234-5678"
TEXT = f"<script>window.voiceInjected = 1</script> 버스 시간 알려 주세요 {PHONE}"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    store_dir = tmp_path_factory.mktemp("voice-store")
    shared = {"DASHBOARD_STORE_DIR": str(store_dir), "DASHBOARD_SECRETS_FILE": str(store_dir / "secrets.toml")}
    kiosk = start_server({**KIOSK_ENV, **shared}, tmp_path_factory.mktemp("voice-kiosk"))
    staff = start_server(shared, tmp_path_factory.mktemp("voice-staff"))
    yield kiosk, staff, store_dir / STORE_FILE_NAME
    stop_server(kiosk)
    stop_server(staff)


def _first_project_screen(page) -> None:
    page.locator("[class*='st-key-kiosk_nav_'] button").nth(1).click()
    page.locator(NEED).wait_for()
    wait_for_run_end(page)


def _last_slide(page) -> None:
    """End, as a presenter goes to the last slide (the first/last buttons are hidden: the clicker's keys)."""
    page.wait_for_function("() => typeof window.__briefingKeys === 'function'")
    wait_for_run_end(page)
    last = page.locator(".st-key-briefing_next button")
    page.keyboard.press("End")
    try:
        poll(last.is_disabled, 10, "the last slide", page)
    except AssertionError:  # a key pressed while the first run's address update reruns the page can be lost
        page.keyboard.press("End")
        poll(last.is_disabled, 20, "the last slide", page)
    wait_for_run_end(page)


def _need_label(page) -> str:
    return page.locator(NEED).inner_text().strip().splitlines()[-1]  # after the icon's name


def test_a_visitor_says_we_need_this_sends_an_opinion_and_staff_see_the_counts(servers, open_app, artifacts_dir):
    kiosk, staff, store_path = servers
    session = open_app(kiosk, "/")
    page = session.page
    page.locator(".kiosk-dots").wait_for()
    _first_project_screen(page)
    store = GeoPackageStore(store_path)
    project_id = page.locator(NEED).evaluate(
        "b => [...b.closest('[class*=\"st-key-voice_need_\"]').classList]"
        ".find(c => c.startsWith('st-key-voice_need_')).slice('st-key-voice_need_'.length)"
    )
    assert _need_label(page) == "필요해요 0"

    # One 필요해요 per project per visit.
    page.locator(NEED).click()
    poll(lambda: _need_label(page) == "필요해요 1", 20, "the first tap counted", page)
    page.locator(NEED).click()
    page.get_by_text("이번 방문에서 이미 눌렀습니다").wait_for()
    wait_for_run_end(page)
    assert _need_label(page) == "필요해요 1"
    assert int(store.voice_counts().set_index("project_id").loc[project_id, "needs"]) == 1

    # The idle reset ends the visit (back to the first screen); the next visitor's tap counts again.
    page.locator(".kiosk-dots[data-screen='0']").wait_for(timeout=40_000)
    _first_project_screen(page)
    page.locator(NEED).click()
    poll(lambda: _need_label(page) == "필요해요 2", 20, "a new visit counted again", page)

    # An opinion with a phone number: stored without it, pending, not on the kiosk.
    page.locator(VOICE).get_by_text("의견 (투표 아님)", exact=True).click()
    page.locator(f"{VOICE} textarea").fill(TEXT)
    page.locator(f"{VOICE} [class*='st-key-voice_send_'] button").click()
    page.get_by_text("의견이 접수되었습니다").wait_for()
    stored = store.opinions()
    assert stored["status"].tolist() == ["pending"]
    assert PHONE not in stored["text"].iloc[0] and REMOVED_MARKER in stored["text"].iloc[0]
    page.locator(VOICE).get_by_text("공개된 의견과 시의 답변").click()
    page.get_by_text("아직 공개된 의견이 없습니다.").wait_for()

    # Approved (and answered) by staff: it appears on the kiosk, its markup as text.
    opinion_id = int(stored["opinion_id"].iloc[0])
    store.moderate_opinion(opinion_id, "approved", user="kim")
    store.answer_opinion(opinion_id, "배차 시간표를 정류장에 붙이겠습니다.", user="kim")
    card = page.locator(f"{VOICE} .voice-opinion")
    card.wait_for(timeout=30_000)  # the kiosk's own rerun (every few seconds) brings it
    assert "<script>window.voiceInjected = 1</script>" in card.inner_text()
    assert "배차 시간표를 정류장에 붙이겠습니다." in card.inner_text() and "시의 답변" in card.inner_text()
    assert page.evaluate("window.voiceInjected") is None
    page.screenshot(path=str(artifacts_dir / "voice-kiosk-approved.png"))

    # Counts on the staff pages and in the briefing, labelled as responses.
    staff_page = open_app(staff, "/districts").page
    staff_page.get_by_text("시민 의견 (투표 아님)").first.wait_for()
    staff_page.get_by_text("필요해요 2 · 의견 1").first.wait_for()
    staff_page.goto(f"{staff.url}/map?sel=svc:{project_id}")
    staff_page.get_by_text("시민 반응 (투표 아님): 필요해요 2 · 의견 1").wait_for()
    staff_page.goto(f"{staff.url}/briefing")
    _last_slide(staff_page)
    staff_page.locator(".st-key-briefing_previous button").click()
    slide = staff_page.locator(".st-key-briefing_slide")
    slide.get_by_text("시민 의견", exact=True).first.wait_for()
    slide.locator(".voice-slide-counts").wait_for()
    assert "2" in slide.locator(".voice-slide-counts").inner_text()
    assert "투표나 여론조사가 아닙니다" in slide.inner_text()
    assert "배차 시간표를 정류장에 붙이겠습니다." in slide.inner_text()

    # The export carries the counts with their context (what the data page's buttons build).
    services = load_dashboard_data(DATA_DIR).services  # the kiosk's data: the bundled folder
    counts = store.voice_counts()
    context = export_context(
        counts=counts,
        shown=1,
        project_id=project_id,
        services=services,
        since=None,
        until=None,
        statuses=["approved"],
        today=city_today(),
    )
    csv = to_csv_bytes(opinions_table(store.opinions(), services), context=context).decode("utf-8-sig")
    assert "필요해요,2" in csv and "의견,1" in csv and "투표나 여론조사가 아닙니다" in csv and project_id in csv

    # A visitor's report hides it at the setting (1 here), with an audit row. The visit ended while staff
    # looked (the idle reset): the next visitor opens the project and what others said.
    page.locator(".kiosk-dots[data-screen='0']").wait_for(timeout=40_000)
    _first_project_screen(page)
    page.locator(VOICE).get_by_text("공개된 의견과 시의 답변").click()
    page.locator(f"{VOICE} [class*='st-key-voice_report_'] button").click()
    page.get_by_text("신고가 접수되었습니다.").wait_for()
    assert store.opinions()["status"].tolist() == ["hidden"]
    assert "voice:auto-hide" in store.audit_log()["action"].tolist()
    poll(lambda: page.locator(f"{VOICE} .voice-opinion").count() == 0, 30, "the hidden opinion left the kiosk", page)
    assert session.external_requests == []


def test_a_burst_of_taps_from_one_kiosk_is_held_to_its_limit(servers, open_app):
    kiosk, _, store_path = servers
    page = open_app(kiosk, "/").page
    page.locator(".kiosk-dots").wait_for()
    _first_project_screen(page)
    store = GeoPackageStore(store_path)
    before = len(store.opinions())
    page.locator(VOICE).get_by_text("의견 (투표 아님)", exact=True).click()
    text = page.locator(f"{VOICE} textarea")
    send = page.locator(f"{VOICE} [class*='st-key-voice_send_'] button")
    held = page.get_by_text("잠시 많은 의견이 들어와 쉬어 갑니다")
    told = 0  # taps answered with the calm limit message (the last ones may fall in a new minute: sent again)
    started = time.time()
    for tap in range(100):
        if not text.input_value():  # sent: the form is empty again
            text.fill(f"의견 {tap}")
        send.click()
        wait_for_run_end(page)
        told += held.is_visible()
    # Every minute window the burst touched (on a busy machine 100 taps can take two or three minutes).
    first, last = (window_start(datetime.fromtimestamp(s, KST), 60) for s in (started, time.time()))
    windows = (last - first) // 60 + 1
    sent = len(store.opinions()) - before
    assert 0 < sent <= LIMIT * windows < 100, (sent, windows)
    # The refused taps are told calmly why (most: a look taken just as a rerun starts can miss the message).
    assert told >= (100 - sent) // 2, (told, sent)
    with store.database.reading() as tx:
        counted = [int(r[0]) for r in tx.query("SELECT n FROM voice_limits WHERE scope = 'kiosk'")]
    assert counted and max(counted) <= LIMIT


PICKER_SHOWN = "i => [i.value, i.scrollWidth <= i.clientWidth]"


@pytest.mark.parametrize("viewport", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_picker_shows_the_whole_name_of_the_chosen_card_on_every_project_screen(servers, open_app, viewport):
    # Beside its three buttons the picker had about 330 px and cut most names ("수소 시범도시 · 필요해요 (").
    kiosk, _, _ = servers
    page = open_app(kiosk, "/", viewport=viewport).page
    page.locator(".kiosk-dots").wait_for()
    screens = page.locator(".kiosk-dots .kiosk-dot").count()
    _first_project_screen(page)
    seen: list[str] = []
    for _ in range(screens):
        picker = page.locator(f"{VOICE} input")
        if picker.count():
            name, whole = picker.evaluate(PICKER_SHOWN)
            assert whole, (name, viewport)
            assert page.locator(".kiosk-card", has_text=name).count() >= 1, name
            seen.append(name)
        at = page.locator(".kiosk-dots").get_attribute("data-screen")
        page.get_by_role("button", name="다음 ▶").click()
        page.locator(f".kiosk-dots:not([data-screen='{at}'])").wait_for()
        wait_for_run_end(page)
    # The bundled rotation's longest name is on one of its pages.
    assert len(seen) >= 5 and max(map(len, seen)) >= 25, seen
