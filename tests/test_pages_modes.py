"""The briefing and kiosk pages under AppTest: they run, show the as-of date, navigate, and kiosk mode is closed."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.briefing.slides import briefing_slides, last_data_update
from geo.clock import city_today
from tests.conftest import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")


@pytest.fixture
def app(monkeypatch):
    def _app(**env: str) -> AppTest:
        for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR", "DASHBOARD_KIOSK_INTERVAL", "DASHBOARD_KIOSK_IDLE_RESET"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return AppTest.from_file(ENTRY, default_timeout=60)

    return _app


def _briefing(app) -> AppTest:
    at = app()
    at.switch_page("app_pages/briefing.py")
    return at.run()


def test_briefing_shows_the_overview_with_the_as_of_date(app, bundled):
    at = _briefing(app)
    assert not at.exception
    assert at.title[0].value == "스마트도시계획 한눈에"
    day = city_today()  # the default 기준일; the data's last change is labelled as such
    assert f"기준일 {day.isoformat()}" in at.caption[0].value
    assert f"데이터 최종 변경 {last_data_update(bundled.services).isoformat()}" in at.caption[0].value
    assert at.date_input(key="as_of").value == day
    assert at.query_params["as_of"] in (day.isoformat(), [day.isoformat()])
    assert not any("예시 데이터" in w.value for w in at.warning)  # the reported projects are not samples
    assert at.button(key="briefing_previous").disabled


def test_briefing_next_and_previous_change_the_slide(app):
    at = _briefing(app)
    count = len(briefing_slides())
    at.button(key="briefing_next").click().run()
    assert at.title[0].value == "안산시의 보도된 스마트도시 사업"
    assert f"2 / {count}" in at.caption[0].value
    at.button(key="briefing_next").click().run()
    assert at.title[0].value == "지금 시민이 이용할 수 있는 서비스"
    at.button(key="briefing_next").click().run()
    assert at.title[0].value == "신길2 공공주택지구"
    for _ in range(count - 4):
        at.button(key="briefing_next").click().run()
    assert at.title[0].value.endswith("이후 달라진 점")
    assert at.button(key="briefing_next").disabled
    # Back through citizens' voice and the trend by quarter to the last area.
    at.button(key="briefing_previous").click().run()
    assert at.title[0].value == "시민 의견"
    at.button(key="briefing_previous").click().run()
    assert at.title[0].value == "보도된 사업의 분기별 추이"
    at.button(key="briefing_previous").click().run()
    assert at.title[0].value == "의왕·군포·안산 공공주택지구 (안산 구역)"
    assert not at.exception


def test_briefing_as_of_date_reaches_every_slide(app):
    at = _briefing(app)
    at.date_input(key="as_of").set_value("2025-01-31").run()
    at.button(key="briefing_next").click().run()
    assert "기준일 2025-01-31" in at.caption[0].value
    assert at.query_params["as_of"] in ("2025-01-31", ["2025-01-31"])


def test_briefing_reads_its_days_from_the_url_and_keeps_them_there(app, bundled):
    at = app()
    at.switch_page("app_pages/briefing.py")
    at.query_params["as_of"] = "2025-01-01"
    at.query_params["since"] = "2024-07-01"
    at.run()
    assert not at.exception
    assert "기준일 2025-01-01" in at.caption[0].value
    assert at.date_input(key="since").value == date(2024, 7, 1)
    at.button(key="briefing_next").click().run()
    # The portfolio on that day: only what was reported by then (ANS-02, first reported 2025-06, is not).
    page = " ".join(h.proto.body for h in at.get("html"))
    assert 'data-service="ANS-24"' in page
    assert at.query_params["as_of"] in ("2025-01-01", ["2025-01-01"])
    assert at.query_params["since"] in ("2024-07-01", ["2024-07-01"])


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", "2999-01-01", "<b>x</b>"])
def test_a_day_the_briefing_url_cannot_use_gives_a_note_not_an_error_page(app, value):
    at = app()
    at.switch_page("app_pages/briefing.py")
    at.query_params["as_of"] = value
    at.run()
    assert not at.exception and at.title[0].value == "스마트도시계획 한눈에"
    (notice,) = [i.value for i in at.info if i.value.startswith("링크의 일부를 쓰지 않고")]
    assert "as\\_of=" in notice and "쓸 수 없는 날짜라" in notice
    assert "<b>" not in notice  # the value is shown as text
    assert at.date_input(key="as_of").value == city_today()


def test_kiosk_mode_shows_the_kiosk_and_nothing_else(app):
    at = app(DASHBOARD_MODE="kiosk").run()
    assert not at.exception
    html = " ".join(h.value for h in at.get("html"))
    assert "안산 스마트도시" in html and "안산시 스마트도시계획" in html
    assert [b.label for b in at.button][:2] == ["한국어", "English"]
    assert not at.sidebar.children or all(not c.children for c in at.sidebar.children.values())
    # The kiosk is the only registered page: staff pages have no URL at all.
    for staff_page in ("home.py", "map_explorer.py", "briefing.py"):
        with pytest.raises(ValueError, match=r"Known pages: \['[^',]*app_pages/kiosk\.py'\]"):
            at.switch_page(f"app_pages/{staff_page}")


def test_kiosk_nav_button_selects_a_screen_and_pauses(app):
    at = app(DASHBOARD_MODE="kiosk").run()
    at.button(key="kiosk_nav_jangsang").click().run()
    html = " ".join(h.value for h in at.get("html"))
    assert "장상 공공주택지구" in html
    assert "자동 넘김 멈춤" in html


def test_kiosk_in_english(app):
    at = app(DASHBOARD_MODE="kiosk")
    at.query_params["lang"] = "en"
    at.run()
    html = " ".join(h.value for h in at.get("html"))
    assert "Smart City Ansan" in html and "Touch the screen" in html
