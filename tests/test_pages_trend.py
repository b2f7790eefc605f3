"""AppTest of the trend by quarter on /districts: on the city view, not on an area's profile."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.trend import trend_by_quarter
from tests.conftest import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")


@pytest.fixture
def app(monkeypatch):
    for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    return AppTest.from_file(ENTRY, default_timeout=90)


def _trend_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart") if "trend_quarter" in chart.proto.id]


def test_the_city_view_shows_the_trend_up_to_the_chosen_day_with_its_table(app, bundled):
    app.query_params["as_of"] = "2024-07-01"
    app.run()
    app.switch_page("app_pages/districts.py").run()
    assert not app.exception
    (spec,) = _trend_specs(app)
    assert spec["layout"]["title"]["text"] == "분기별 추이"
    expected = trend_by_quarter(bundled.services, bundled.status_history, date(2024, 7, 1))
    line = next(trace for trace in spec["data"] if trace.get("meta") == "budget_krw_100m")
    assert line["x"][-1] == "2024년 3분기" and len(line["x"]) == len(expected)
    operating = next(trace for trace in spec["data"] if trace.get("meta") == "운영")
    assert operating["y"][-1] == int(expected.iloc[-1]["operating"])
    keys = {button.proto.id for button in app.get("download_button")}
    assert any("csv_trend_quarter" in key for key in keys) and any("xlsx_trend_quarter" in key for key in keys)


def test_an_area_profile_has_no_city_trend(app):
    app.query_params["area"] = "singil2"
    app.run()
    app.switch_page("app_pages/districts.py").run()
    assert not app.exception
    assert _trend_specs(app) == []
