"""Reported budgets added up honestly (geo.analysis.budget): what a total counts, and the funding it splits into."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.analysis.budget import UNKNOWN_FUNDING, budget_parts, budget_summary, counted_in_total, read_funding_split


def _frame(*rows: dict) -> pd.DataFrame:
    base = {"status": "운영", "funding": None, "funding_split": None, "budget_basis": None, "parent_id": None}
    return pd.DataFrame([base | row for row in rows])


def test_a_split_is_read_strictly():
    assert read_funding_split('{"국비": 200, "도비": 60, "시비": 217}') == {"국비": 200.0, "도비": 60.0, "시비": 217.0}
    assert read_funding_split('{"지방비": 14.2}') == {"지방비": 14.2}
    for odd in (None, "", "not json", "[1, 2]", '{"외계비": 3}', '{"국비": -1}', '{"국비": "many"}', '{"국비": true}'):
        assert read_funding_split(odd) == {}, odd


def test_what_a_total_counts():
    frame = _frame(
        {"service_id": "A", "budget_krw_100m": 477.0, "budget_basis": "total"},
        {"service_id": "B", "budget_krw_100m": 98.5, "budget_basis": "with_other_city"},
        {"service_id": "C", "budget_krw_100m": 10.0, "status": "취소"},
        {"service_id": "D", "budget_krw_100m": None},
        {"service_id": "E", "budget_krw_100m": 5.0, "parent_id": "A"},
        {"service_id": "F", "budget_krw_100m": 7.0, "parent_id": "gone"},
    )
    assert counted_in_total(frame).tolist() == [True, False, False, False, False, True]
    summary = budget_summary(frame)
    assert (summary.total_krw_100m, summary.counted, summary.projects) == (484.0, 2, 5)
    assert (summary.other_city_count, summary.other_city_krw_100m, summary.held_by_programme) == (1, 98.5, 1)
    assert summary.bases == {"total": 1, "": 1} and summary.mixed_bases
    assert summary.value("en") == "KRW 48.4 bn"


def test_funding_parts_add_up_to_each_budget():
    frame = _frame(
        {"service_id": "A", "budget_krw_100m": 477.0, "funding_split": '{"국비": 200, "도비": 60, "시비": 217}'},
        {"service_id": "B", "budget_krw_100m": 160.0, "funding_split": '{"국비": 80}'},  # the rest: unknown
        {"service_id": "C", "budget_krw_100m": 45.0, "funding": "시비"},
        {"service_id": "D", "budget_krw_100m": 10.0},
        {"service_id": "E", "budget_krw_100m": 50.0, "funding_split": '{"국비": 60, "시비": 40}'},  # over: scaled
    )
    parts = budget_parts(frame)
    by_service = parts.groupby("service_id")["budget_krw_100m"].sum()
    assert by_service.to_dict() == pytest.approx({"A": 477.0, "B": 160.0, "C": 45.0, "D": 10.0, "E": 50.0})
    cells = parts.set_index(["service_id", "funding"])["budget_krw_100m"]
    assert cells[("B", UNKNOWN_FUNDING)] == 80.0 and cells[("D", UNKNOWN_FUNDING)] == 10.0
    assert cells[("E", "국비")] == pytest.approx(30.0) and cells[("C", "시비")] == 45.0


def test_nothing_reported_is_nan_not_zero():
    summary = budget_summary(_frame({"service_id": "A", "budget_krw_100m": None}))
    assert math.isnan(summary.total_krw_100m) and summary.counted == 0
    assert summary.coverage("ko") == "취소 제외 1건 중 사업비가 보도된 사업이 없습니다."
    assert budget_parts(_frame({"service_id": "A", "budget_krw_100m": None})).empty


def test_older_stores_without_the_new_columns():
    frame = pd.DataFrame({"service_id": ["A"], "status": ["운영"], "budget_krw_100m": [3.0], "funding": ["국비"]})
    assert budget_summary(frame).total_krw_100m == 3.0
    assert budget_parts(frame)["funding"].tolist() == ["국비"]
