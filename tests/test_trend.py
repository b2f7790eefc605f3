"""The trend by quarter (geo.analysis.trend) and its chart (geo.charts.trend_figure): exact values, today's figures at the end."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from geo.accessibility import LARGE_MIN, contrast_ratio
from geo.analysis.budget import budget_summary, format_budget
from geo.analysis.history import services_as_of
from geo.analysis.stats import headline_items
from geo.analysis.trend import STATUS_COLUMNS, TREND_COLUMNS, quarter_end, trend_by_quarter
from geo.charts import no_data_message, trend_figure
from geo.charts.trend import BUDGET_COLOUR, BUDGET_META, YEAR_TICKS_MAX, year_ticks
from geo.clock import city_today
from geo.colour_vision import VISIONS, delta_e, simulate
from geo.i18n import t
from geo.model.vocab import STATUS_TERMS, label

UNTIL = date(2025, 5, 15)


@pytest.fixture
def services() -> pd.DataFrame:
    """Four projects: A moves 계획→구축 (mid-quarter)→운영, B has an event that keeps 계획, C is cancelled in 2025,
    D is first reported on 2025-02-01 and moves to 설계 in the second quarter; D has no budget."""
    return pd.DataFrame(
        {
            "service_id": ["A", "B", "C", "D"],
            "status": ["운영", "계획", "취소", "설계"],
            "budget_krw_100m": [100.0, 50.0, 30.0, None],
            "budget_basis": ["total", "national_share", "total", None],
            "reported_on": [None, None, None, "2025-02-01"],
            "is_sample": [False] * 4,
        }
    )


@pytest.fixture
def history() -> pd.DataFrame:
    rows = [
        # Not in date order: the trend sorts.
        ("A", date(2024, 5, 15), "계획", "구축"),
        ("A", date(2024, 2, 10), None, "계획"),
        ("A", date(2024, 11, 20), "구축", "운영"),
        ("B", date(2024, 8, 1), None, "계획"),
        ("B", date(2024, 9, 10), "계획", "계획"),
        ("C", date(2024, 3, 1), None, "계획"),
        ("C", date(2025, 1, 5), "계획", "취소"),
        ("D", date(2025, 4, 10), "계획", "설계"),
    ]
    return pd.DataFrame(
        {
            "service_id": [r[0] for r in rows],
            "changed_at": [r[1] for r in rows],
            "old_status": [r[2] for r in rows],
            "new_status": [r[3] for r in rows],
        }
    )


def _counts(row: pd.Series) -> dict[str, int]:
    """The non-zero status counts of a trend row, keyed by status."""
    return {status: int(row[column]) for status, column in STATUS_COLUMNS.items() if row[column]}


def test_each_quarter_counts_the_projects_known_at_its_end_by_their_status_that_day(services, history):
    trend = trend_by_quarter(services, history, UNTIL)
    assert list(trend.columns) == list(TREND_COLUMNS)
    assert list(trend["quarter"]) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    years_quarters = ((2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2))
    assert list(trend["quarter_label"]) == [f"{year}년 {quarter}분기" for year, quarter in years_quarters]
    # Each quarter is read on its last day; the last one on ``until``.
    assert list(trend["day"]) == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
        UNTIL,
    ]
    assert [_counts(row) for _, row in trend.iterrows()] == [
        {"계획": 2},  # A (created 02-10) and C (03-01)
        {"구축": 1, "계획": 1},  # A moved mid-quarter (05-15)
        {"구축": 1, "계획": 2},  # B first reported 08-01; its 09-10 event keeps 계획
        {"운영": 1, "계획": 2},
        {"운영": 1, "계획": 2, "취소": 1},  # C cancelled; D known from its report (02-01) as 계획
        {"운영": 1, "계획": 1, "설계": 1, "취소": 1},
    ]
    assert list(trend["projects"]) == [2, 2, 3, 3, 4, 4]


def test_each_quarter_adds_up_the_budget_of_that_day_with_its_coverage(services, history):
    trend = trend_by_quarter(services, history, UNTIL)
    # C's 30 leaves the total when it is cancelled; D has no budget but counts among the projects from 2025Q1.
    assert list(trend["budget_krw_100m"]) == [130.0, 130.0, 180.0, 180.0, 150.0, 150.0]
    assert list(trend["budget_counted"]) == [2, 2, 3, 3, 2, 2]
    assert list(trend["budget_projects"]) == [2, 2, 3, 3, 3, 3]
    assert trend.attrs["budget"] == budget_summary(services_as_of(services, history, UNTIL))
    assert trend.attrs["has_sample"] is False


def test_every_row_equals_the_as_of_view_of_its_day(services, history):
    trend = trend_by_quarter(services, history, UNTIL)
    for _, row in trend.iterrows():
        shown = services_as_of(services, history, row["day"])
        counts = shown["status"].value_counts()
        assert {s: int(counts.get(s, 0)) for s in STATUS_COLUMNS} == {s: int(row[c]) for s, c in STATUS_COLUMNS.items()}
        summary = budget_summary(shown)
        assert (row["budget_krw_100m"], row["budget_counted"], row["budget_projects"]) == (
            summary.total_krw_100m,
            summary.counted,
            summary.projects,
        )


def test_older_stores_without_budget_basis_or_parent_and_english_labels(services, history):
    trend = trend_by_quarter(services.drop(columns=["budget_basis"]), history, UNTIL, lang="en")
    assert list(trend["quarter_label"])[-2:] == ["2025 Q1", "2025 Q2"]
    assert list(trend["budget_krw_100m"]) == [130.0, 130.0, 180.0, 180.0, 150.0, 150.0]


def test_a_budget_held_by_its_programme_is_not_added_twice(services, history):
    parts = services.assign(parent_id=[None, "A", None, None])
    trend = trend_by_quarter(parts, history, UNTIL)
    # B (50) is a part of A from the quarter B is known in: A's 100 holds it.
    assert list(trend["budget_krw_100m"]) == [130.0, 130.0, 130.0, 130.0, 100.0, 100.0]


def test_no_known_project_is_an_empty_trend_and_one_quarter_is_one_row(services, history):
    assert trend_by_quarter(services, history, date(2023, 12, 31)).empty
    assert trend_by_quarter(services.iloc[0:0], history, UNTIL).empty
    one = trend_by_quarter(services, history, date(2024, 2, 10))
    assert list(one["quarter"]) == ["2024Q1"] and list(one["projects"]) == [1]


def test_services_without_history_or_report_day_are_always_known(services, history):
    trend = trend_by_quarter(services.drop(columns=["reported_on"]), history.iloc[0:0], UNTIL)
    assert list(trend["quarter"]) == ["2025Q2"]
    assert _counts(trend.iloc[0]) == {"운영": 1, "계획": 1, "취소": 1, "설계": 1}


def test_quarter_end():
    assert [quarter_end(2024, q) for q in (1, 2, 3, 4)] == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_bundled_trend_ends_on_todays_headline(bundled, lang):
    today = city_today()
    trend = trend_by_quarter(bundled.services, bundled.status_history, today, lang)
    last = trend.iloc[-1]
    assert last["day"] == today and last["quarter"] == f"{today.year}Q{(today.month - 1) // 3 + 1}"
    shown = services_as_of(bundled.services, bundled.status_history, today)
    items = {item.key: item for item in headline_items(shown, bundled.areas, lang)}
    unit = t("metric.count_unit", lang)
    assert items["services"].value == f"{int(last['projects']):,}{unit}"
    assert items["operating"].value == f"{int(last['operating']):,}{unit}"
    assert items["budget"].value == format_budget(last["budget_krw_100m"], lang)
    assert items["budget"].note == trend.attrs["budget"].coverage(lang)
    assert trend.attrs["budget"] == budget_summary(shown)
    # The first quarter is the one of the first known project.
    first = services_as_of(bundled.services, bundled.status_history, trend.iloc[0]["day"])
    assert len(first) == trend.iloc[0]["projects"] > 0


def test_every_bundled_quarter_equals_the_replayed_history(bundled):
    trend = trend_by_quarter(bundled.services, bundled.status_history, city_today())
    for _, row in trend.iterrows():
        shown = services_as_of(bundled.services, bundled.status_history, row["day"])
        assert int(row["projects"]) == len(shown), row["quarter"]
        counts = shown["status"].value_counts()
        assert all(int(row[c]) == int(counts.get(s, 0)) for s, c in STATUS_COLUMNS.items()), row["quarter"]
        summary = budget_summary(shown)
        assert int(row["budget_counted"]) == summary.counted, row["quarter"]
        assert math.isclose(row["budget_krw_100m"], summary.total_krw_100m) or (
            math.isnan(row["budget_krw_100m"]) and math.isnan(summary.total_krw_100m)
        )


# --- the chart ---


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_chart_draws_the_table(services, history, lang):
    trend = trend_by_quarter(services, history, UNTIL, lang)
    fig = trend_figure(trend, lang)
    assert no_data_message(fig) is None
    assert fig.layout.title.text == t("chart.trend", lang)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    # Statuses that occur, in vocabulary order, each with its label (legend) and colour.
    assert [bar.meta for bar in bars] == ["계획", "설계", "구축", "운영", "취소"]
    for bar in bars:
        assert bar.name == label(STATUS_TERMS, bar.meta, lang)
        assert list(bar.x) == list(trend["quarter_label"])
        assert list(bar.y) == list(trend[STATUS_COLUMNS[bar.meta]])
        assert bar.name in bar.hovertemplate
    (line,) = [trace for trace in fig.data if trace.meta == BUDGET_META]
    assert list(line.y) == [130.0, 130.0, 180.0, 180.0, 150.0, 150.0]
    assert line.yaxis == "y2"
    assert line.customdata[-1] == t("trend.budget_hover", lang, n="2", of="3")


def test_the_note_says_the_last_quarters_coverage_and_the_bases(services, history):
    fig = trend_figure(trend_by_quarter(services, history, UNTIL))
    note = fig.layout.title.subtitle.text.replace("<br>", " ")
    assert "마지막 분기는 2025-05-15" in note
    assert "2025년 2분기 사업비가 보도된 2건의 합계(취소 제외 3건 중)" in note
    assert "보도 기준이 서로 다름" in note  # A is a whole cost, B a national share
    plain = trend_figure(trend_by_quarter(services.assign(budget_basis="total"), history, UNTIL), "en")
    assert "different bases" not in plain.layout.title.subtitle.text


def test_the_bundled_chart_ends_on_todays_coverage(bundled):
    trend = trend_by_quarter(bundled.services, bundled.status_history, city_today())
    summary = trend.attrs["budget"]
    note = trend_figure(trend).layout.title.subtitle.text.replace("<br>", " ")
    assert f"사업비가 보도된 {summary.counted:,}건의 합계(취소 제외 {summary.projects:,}건 중)" in note


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_one_quarter_or_none_is_a_sentence(services, history, lang):
    one = trend_figure(trend_by_quarter(services, history, date(2024, 3, 1), lang), lang)
    assert no_data_message(one) == t("trend.one_quarter", lang)
    none = trend_figure(trend_by_quarter(services, history, date(2023, 1, 1), lang), lang)
    assert no_data_message(none) == t("chart.no_services", lang)


def test_the_vectorised_budget_follows_every_rule_of_budget_summary_on_mixed_records():
    """Programmes and parts appearing at different days, another city's share, unknown bases, a cancelled
    programme, a duplicated id: every quarter's budget equals budget_summary of that day's projects."""
    import numpy as np

    rng = np.random.default_rng(3)
    count = 60
    ids = [f"S{n}" for n in range(count)]
    ids[7] = ids[6]  # one id twice (an older store can hold it)
    parents = [None] * count
    for part in range(10, 30):
        parents[part] = ids[part % 5]  # S0–S4 are programmes
    services = pd.DataFrame(
        {
            "service_id": ids,
            "status": rng.choice(["계획", "설계", "구축", "운영", "취소"], count),
            "budget_krw_100m": np.where(rng.random(count) < 0.7, rng.uniform(1, 90, count).round(2), np.nan),
            "budget_basis": rng.choice(["total", "national_share", "with_other_city", "one_year", None], count),
            "parent_id": parents,
            "reported_on": [None] * count,
        }
    )
    rows = []
    for service_id, status in zip(services["service_id"], services["status"], strict=True):
        first = date(2020, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 1500)))
        rows.append((service_id, first, None, "계획"))
        rows.append((service_id, first + pd.Timedelta(days=int(rng.integers(1, 600))), "계획", status))
    history = pd.DataFrame(rows, columns=["service_id", "changed_at", "old_status", "new_status"])
    until = date(2025, 2, 14)
    trend = trend_by_quarter(services, history, until)
    for row in trend.itertuples():
        summary = budget_summary(services_as_of(services, history, row.day))
        assert (row.budget_counted, row.budget_projects) == (summary.counted, summary.projects), row.quarter
        assert math.isclose(row.budget_krw_100m, summary.total_krw_100m) or (
            math.isnan(row.budget_krw_100m) and math.isnan(summary.total_krw_100m)
        ), row.quarter
    last = budget_summary(services_as_of(services, history, until))
    got = trend.attrs["budget"]
    assert (got.counted, got.projects, got.bases, got.other_city_count, got.held_by_programme) == (
        last.counted,
        last.projects,
        last.bases,
        last.other_city_count,
        last.held_by_programme,
    )
    assert math.isclose(got.other_city_krw_100m, last.other_city_krw_100m)
    assert last.held_by_programme and last.other_city_count  # the rules were exercised


def _quarters(first: str, last: str) -> list[str]:
    """Quarter labels from ``first`` to ``last`` inclusive ('2010Q2' … '2026Q4')."""
    span = pd.period_range(pd.Period(first, "Q"), pd.Period(last, "Q"), freq="Q")
    return [str(q) for q in span]


@pytest.mark.parametrize(
    ("first", "last", "labelled"),
    [
        # 17 years: every fifth year, on round years (the 2010-then-2012 labels ran into each other at 1366 px).
        ("2010Q2", "2026Q4", ["2010Q2", "2015Q1", "2020Q1", "2025Q1"]),
        # A first year shown from its last quarter gives way to the next year's label one bar later.
        ("2024Q4", "2026Q4", ["2025Q1", "2026Q1"]),
        ("2024Q1", "2026Q4", ["2024Q1", "2025Q1", "2026Q1"]),
        # Inside one year: the first quarter is labelled.
        ("2026Q2", "2026Q4", ["2026Q2"]),
        # A step of ten from the first round year.
        ("1990Q1", "2026Q4", ["1990Q1", "2000Q1", "2010Q1", "2020Q1"]),
        ("2011Q4", "2026Q4", ["2015Q1", "2020Q1", "2025Q1"]),
    ],
)
def test_year_ticks_are_round_years_far_enough_apart(first, last, labelled):
    quarters = _quarters(first, last)
    ticks = year_ticks(quarters)
    assert [quarters[i] for i in ticks] == labelled
    assert len(ticks) <= YEAR_TICKS_MAX


def test_the_chart_labels_the_year_ticks(services, history):
    trend = trend_by_quarter(services, history, UNTIL)
    axis = trend_figure(trend, "ko").layout.xaxis
    quarters = list(trend["quarter"].astype(str))
    assert list(axis.ticktext) == [f"{quarters[i][:4]}년" for i in year_ticks(quarters)]
    assert len(axis.tickvals) == len(axis.ticktext)


def test_the_budget_line_is_apart_from_every_status_colour_in_every_colour_vision():
    assert contrast_ratio(BUDGET_COLOUR, "#FFFFFF") >= LARGE_MIN
    for status in STATUS_COLUMNS:
        colour = STATUS_TERMS[status].colour
        for vision in VISIONS:
            gap = delta_e(simulate(BUDGET_COLOUR, vision), simulate(colour, vision))
            assert gap >= 7.5, (status, vision, gap)
