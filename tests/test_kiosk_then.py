"""Then and now on the kiosk (geo.kiosk.then) and the trend's briefing page: reported history only, exact counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.analysis.history import first_known, services_as_of
from geo.briefing.handout import briefing_figures
from geo.briefing.slides import briefing_slides, default_since
from geo.i18n import localized, t
from geo.kiosk.screens import kiosk_screens, kiosk_sections
from geo.kiosk.then import NAMES_MAX, ThenDay, build_then_now_map, then_and_now, then_day, then_now_html
from geo.model.vocab import KIOSK_STATUSES, STATUS_TERMS, label

TODAY = date(2026, 12, 7)


def _kiosk_counts(services: pd.DataFrame) -> dict[str, int]:
    counts = services.loc[services["status"].isin(KIOSK_STATUSES), "status"].value_counts()
    return {status: int(n) for status, n in counts.items()}


def test_the_earlier_day_is_the_month_the_plan_was_commissioned(bundled):
    then = then_day(bundled.plan, bundled.services, bundled.status_history)
    # plan.yaml's first milestone is "2024-05" (commissioned), read on the month's last day and shown as a month.
    assert bundled.plan["milestones"][0]["date"] == "2024-05"
    assert then == ThenDay(date(2024, 5, 31), True, "plan")
    assert then.text("ko") == "2024년 5월" and then.text("en") == "May 2024"


def test_without_a_usable_milestone_the_first_year_with_a_reported_project_is_used(bundled):
    for plan in ({}, {"milestones": [{"date": "2030-01"}]}, {"milestones": [{"date": "2001-01"}]}):
        then = then_day(plan, bundled.services, bundled.status_history)
        assert then == ThenDay(date(2010, 12, 31), False, "first"), plan
        assert then.text("ko") == "2010년"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_then_and_today_count_the_reported_history_and_name_every_project_new_since(bundled, lang):
    result = then_and_now(bundled.services, bundled.status_history, bundled.plan, TODAY, lang)
    assert result is not None
    then = services_as_of(bundled.services, bundled.status_history, result.then.day)
    now = services_as_of(bundled.services, bundled.status_history, TODAY)
    assert result.then_counts == _kiosk_counts(then) and result.now_counts == _kiosk_counts(now)
    # The bundled data: 10 projects reported by May 2024 (8 operating), 25 today (11 operating).
    assert (result.then_total, result.then_counts["운영"]) == (10, 8)
    assert (result.now_total, result.now_counts["운영"]) == (25, 11)
    known = pd.to_datetime(first_known(bundled.services, bundled.status_history))
    new = bundled.services.loc[(known > pd.Timestamp(result.then.day)).to_numpy()]
    assert sorted(result.new_names) == sorted(localized(r, "name", lang) for r in new.to_dict("records"))
    assert len(result.new_names) == result.now_total - result.then_total == 15
    html = then_now_html(result, lang)
    for status, n in result.now_counts.items():
        assert f"{label(STATUS_TERMS, status, lang)} {n:,}{t('metric.count_unit', lang)}" in html
    for name in result.new_names[:NAMES_MAX]:
        assert name.replace("&", "&amp;") in html
    assert t("kiosk.then_more", lang, n=len(result.new_names) - NAMES_MAX) in html
    assert t("kiosk.then_reason_plan", lang) in html and result.then.text(lang) in html
    # No judgement no source makes.
    for word in ("지연", "정상 추진", "late", "on schedule", "behind"):
        assert word not in html


def test_names_from_data_are_escaped_and_a_day_before_any_report_gives_a_sentence(bundled):
    services = bundled.services.copy()
    services.loc[services.index[-1], "name_ko"] = "<b>새 사업</b>"
    result = then_and_now(services, bundled.status_history, bundled.plan, TODAY)
    html = then_now_html(result, "ko")
    assert "<b>새 사업</b>" not in html and "&lt;b&gt;" in html
    assert then_and_now(bundled.services, bundled.status_history, bundled.plan, date(2024, 5, 1)) is None
    assert then_now_html(None, "en") == f'<div class="kiosk-facts">{t("kiosk.then_unavailable", "en")}</div>'


def test_the_rotation_has_one_then_and_now_screen_before_the_areas_with_its_button(bundled):
    screens = kiosk_screens(bundled.services)
    kinds = [s.kind for s in screens]
    assert kinds.count("then") == 1 and kinds.index("then") == len(kinds) - 6
    labels = [s.nav_label("ko") for _, s in kiosk_sections(screens)]
    assert "그때와 지금" in labels and screens[kinds.index("then")].title("en") == "Then and now: reported projects"


def test_the_small_map_draws_only_the_projects_reported_since_with_public_fields(bundled):
    html = build_then_now_map(bundled, [], "ko", 600).get_root().render()
    result = then_and_now(bundled.services, bundled.status_history, bundled.plan, TODAY)
    old = set(bundled.services["name_ko"]) - set(result.new_names)
    assert not any(name in html for name in old if len(name) > 6)
    assert "department" not in html and "budget_krw_100m" not in html


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_handout_carries_the_trend_page_whose_last_quarter_is_the_as_of_day(bundled, lang):
    day = date(2026, 3, 1)
    pages = briefing_figures(bundled, day, default_since(day), lang)
    slides = briefing_slides()
    assert len(pages) <= 12
    page = pages[[s.kind for s in slides].index("trend")]
    assert t("briefing.trend", lang) in page.layout.title.text
    bars = {tr.meta: tr.y for tr in page.data if tr.type == "bar"}
    today = _kiosk_counts(services_as_of(bundled.services, bundled.status_history, day))
    assert {status: values[-1] for status, values in bars.items() if values[-1]} == today
    heading = next(a.text for a in page.layout.annotations if t("chart.trend", lang) in (a.text or ""))
    assert day.isoformat() in heading  # the note says the last quarter is read on the as-of day


def test_the_kiosk_page_opens_then_and_now_by_its_button(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT_ROOT

    monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=90).run()
    at.button(key="kiosk_nav_then").click().run()
    assert not at.exception
    page = " ".join(h.proto.body for h in at.get("html"))
    assert t("kiosk.then_title", "ko") in page and "2024년 5월 · " + t("kiosk.then_reason_plan", "ko") in page
    assert t("kiosk.then_projects", "ko", n="25") in page and 'class="kiosk-then-name"' in page


def test_the_briefing_slide_before_citizens_voice_draws_the_trend_up_to_the_as_of_day(bundled):
    import json

    from streamlit.testing.v1 import AppTest

    from geo.analysis.trend import trend_by_quarter
    from tests.conftest import PROJECT_ROOT

    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=90)
    at.query_params["as_of"] = "2025-06-30"
    at.switch_page("app_pages/briefing.py")
    at.run()
    at.button(key="briefing_last").click().run()
    # The trend comes before citizens' voice, then what changed: two steps back from the last slide.
    at.button(key="briefing_previous").click().run()
    at.button(key="briefing_previous").click().run()
    assert not at.exception and at.title[0].value == "보도된 사업의 분기별 추이"
    (spec,) = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    expected = trend_by_quarter(bundled.services, bundled.status_history, date(2025, 6, 30))
    line = next(trace for trace in spec["data"] if trace.get("meta") == "budget_krw_100m")
    assert line["x"][-1] == "2025년 2분기" and line["y"][-1] == expected["budget_krw_100m"].iloc[-1]
    assert "2025-06-30" in spec["layout"]["title"]["subtitle"]["text"]
