"""Aggregations behind the charts: exact numbers on small fixtures, and consistency on the demo data."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from geo import aggregate as agg
from geo.vocab import DIRECTION_TERMS, FUNDING_TERMS, STATUS_TERMS


def _service(service_id, area_id, status, start, end, budget, funding="국비", **extra):
    row = {
        "service_id": service_id,
        "name_ko": f"서비스 {service_id}",
        "name_en": f"Service {service_id}",
        "domain": "교통",
        "direction": "citizen",
        "area_id": area_id,
        "status": status,
        "phase": "단기",
        "start_year": start,
        "end_year": end,
        "budget_krw_100m": budget,
        "funding": funding,
        "gu": "단원구",
        "dong": "신길동",
        "is_sample": False,
    }
    row.update(extra)
    return row


@pytest.fixture
def services() -> pd.DataFrame:
    """Six services with round numbers; one cancelled (its 100억원 must not count in budgets)."""
    return pd.DataFrame(
        [
            _service("S1", "singil2", "구축", 2026, 2027, 10.0, "국비"),
            _service("S2", "singil2", "계획", 2027, 2029, 6.0, "시비", domain="환경·에너지·수자원", direction="green"),
            _service("S3", "singil2", "취소", 2026, 2026, 100.0, "민자"),
            _service("S4", "jangsang", "운영", 2026, 2028, 3.0, "도비", gu="상록구", dong="안산동", phase="중기"),
            _service("S5", "jangsang", "보류", 2031, 2032, 4.0, "국비", gu="상록구", dong="안산동"),
            _service("S6", "citywide", "설계", 2026, 2030, 5.0, "시비", direction="admin", gu="", dong=""),
        ]
    )


def test_area_filter_takes_any_area_id_and_rejects_what_is_not_one(services):
    # An area staff imported beyond the plan's five has no services yet: empty, not an error.
    assert agg.filter_area(services, "sadong90").empty
    with pytest.raises(ValueError, match="citywide"):
        agg.filter_area(services, "")
    assert agg.filter_area(services, "citywide")["service_id"].tolist() == ["S6"]
    assert len(agg.filter_area(services, None)) == 6


def test_area_status_lists_every_area_and_status_in_vocabulary_order(services):
    table = agg.services_by_area_status(services)
    assert list(table.columns) == ["area_id", "status", "count"]
    assert len(table) == 6 * 6
    assert table["status"].tolist()[:6] == list(STATUS_TERMS)
    assert table["area_id"].drop_duplicates().tolist() == [
        "singil2",
        "jangsang",
        "gfez",
        "choji",
        "uiwang_gunpo_ansan",
        "citywide",
    ]
    counts = table.set_index(["area_id", "status"])["count"]
    assert counts[("singil2", "구축")] == 1
    assert counts[("singil2", "취소")] == 1
    assert counts[("gfez", "운영")] == 0
    assert table["count"].sum() == 6


def test_area_status_for_one_area(services):
    table = agg.services_by_area_status(services, "jangsang")
    assert table["area_id"].unique().tolist() == ["jangsang"]
    assert dict(zip(table["status"], table["count"], strict=True)) == {
        "계획": 0,
        "설계": 0,
        "구축": 0,
        "운영": 1,
        "보류": 1,
        "취소": 0,
    }


def test_domain_status_lists_present_domains_or_all_twelve(services):
    table = agg.services_by_domain_status(services)
    assert table["domain"].drop_duplicates().tolist() == ["교통", "환경·에너지·수자원"]
    assert table.loc[table["domain"] == "교통", "count"].sum() == 5
    assert len(agg.services_by_domain_status(services, all_domains=True)) == 12 * 6


def test_direction_counts_and_budget_leave_cancelled_out_of_budget(services):
    table = agg.services_by_direction(services)
    assert table["direction"].tolist() == list(DIRECTION_TERMS)
    assert table["count"].tolist() == [4, 1, 1]
    assert table["operating"].tolist() == [1, 0, 0]
    assert table["budget_krw_100m"].tolist() == [17.0, 5.0, 6.0]


def test_budget_by_area_excludes_cancelled_unless_asked(services):
    table = agg.budget_by_area(services).set_index("area_id")
    assert table.loc["singil2", "budget_krw_100m"] == 16.0
    assert table.loc["singil2", "count"] == 2
    assert table.loc["gfez", "budget_krw_100m"] == 0.0
    with_cancelled = agg.budget_by_area(services, include_cancelled=True).set_index("area_id")
    assert with_cancelled.loc["singil2", "budget_krw_100m"] == 116.0


def test_budget_by_year_spreads_each_budget_evenly_over_its_years(services):
    table = agg.budget_by_year(services, "singil2")
    assert table["year"].drop_duplicates().tolist() == [2026, 2027, 2028, 2029]
    assert table["funding"].tolist()[:4] == list(FUNDING_TERMS)
    cell = table.set_index(["year", "funding"])["budget_krw_100m"]
    assert cell[(2026, "국비")] == pytest.approx(5.0)
    assert cell[(2027, "국비")] == pytest.approx(5.0)
    assert cell[(2027, "시비")] == pytest.approx(2.0)
    assert cell[(2029, "시비")] == pytest.approx(2.0)
    assert cell[(2026, "민자")] == 0.0  # the cancelled 100억원
    assert table["budget_krw_100m"].sum() == pytest.approx(16.0)


def test_budget_by_year_of_an_empty_selection_is_empty(services):
    assert agg.budget_by_year(services, "gfez").empty


def test_budget_by_funding_with_shares(services):
    table = agg.budget_by_funding(services)
    assert table["funding"].tolist() == list(FUNDING_TERMS)
    assert table["budget_krw_100m"].tolist() == [14.0, 3.0, 11.0, 0.0]
    assert table["count"].tolist() == [2, 1, 2, 0]
    assert table["share"].tolist() == pytest.approx([0.5, 3 / 28, 11 / 28, 0.0])
    assert agg.budget_by_funding(services, "gfez")["share"].isna().all()


def test_behind_schedule_follows_the_documented_rule():
    frame = pd.DataFrame(
        [
            _service("late-finish", "choji", "구축", 2026, 2029, 1.0),  # 2030 > end, not 운영
            _service("late-start", "choji", "계획", 2028, 2032, 1.0),  # 2030 > start, still 계획
            _service("held", "choji", "보류", 2027, 2032, 1.0),  # 2030 > start, on hold
            _service("held-early", "choji", "보류", 2031, 2032, 1.0),  # start not reached yet
            _service("done", "choji", "운영", 2026, 2029, 1.0),
            _service("start-year", "choji", "계획", 2030, 2032, 1.0),  # in its start year: not yet late
            _service("cancelled", "choji", "취소", 2020, 2021, 1.0),
        ]
    )
    behind = agg.behind_schedule(frame, date(2030, 6, 1))
    assert dict(zip(frame["service_id"], behind, strict=True)) == {
        "late-finish": True,
        "late-start": True,
        "held": True,
        "held-early": False,
        "done": False,
        "start-year": False,
        "cancelled": False,
    }
    progress = agg.progress_by_area(frame, 2030, "choji").iloc[0]
    assert (progress["total"], progress["cancelled"], progress["active"]) == (7, 1, 6)
    assert (progress["operating"], progress["behind_schedule"], progress["on_schedule"]) == (1, 3, 3)
    assert progress["share_operating"] == pytest.approx(1 / 6)
    assert progress["share_on_schedule"] == pytest.approx(0.5)


def test_progress_of_an_area_without_active_services_is_nan(services):
    row = agg.progress_by_area(services, 2026).set_index("area_id").loc["gfez"]
    assert row["active"] == 0
    assert math.isnan(row["share_operating"]) and math.isnan(row["share_on_schedule"])


def test_counts_per_gu_and_dong_list_every_place_when_boundaries_are_given(services, demo):
    dong = agg.services_by_place(services, "dong", boundaries=demo.boundaries)
    assert len(dong) == 25 + 1  # 25 행정동 and the service outside every dong
    cell = dong.set_index(["gu", "dong"])
    assert cell.loc[("단원구", "신길동"), "count"] == 3
    assert cell.loc[("단원구", "신길동"), "budget_krw_100m"] == 16.0
    assert cell.loc[("상록구", "안산동"), "operating"] == 1
    assert cell.loc[("단원구", "대부동"), "count"] == 0
    assert cell.loc[("", ""), "count"] == 1
    gu = agg.services_by_place(services, "gu", boundaries=demo.boundaries)
    assert gu["gu"].tolist() == ["상록구", "단원구", ""]
    assert gu["count"].tolist() == [2, 3, 1]


def test_headline_numbers_per_area(services):
    head = agg.headline_by_area(services, 2026).set_index("area_id")
    assert list(head.reset_index().columns) == list(agg.HEADLINE_COLUMNS)
    singil = head.loc["singil2"]
    assert (singil["services"], singil["planned"], singil["in_progress"], singil["cancelled"]) == (3, 1, 1, 1)
    assert singil["budget_krw_100m"] == 16.0
    assert (singil["start_year"], singil["end_year"]) == (2026, 2029)
    assert head.loc["jangsang", "share_operating"] == 0.5
    assert pd.isna(head.loc["gfez", "start_year"])


def test_timeline_rows_are_ordered_by_phase_then_start(services):
    rows = agg.timeline_rows(services)
    # 단기 first; within it by start year, then end year (S3 ends in 2026, S1 in 2027).
    assert rows["service_id"].tolist() == ["S3", "S1", "S6", "S2", "S5", "S4"]


def test_results_say_whether_they_come_from_sample_records(services):
    assert agg.services_by_area_status(services).attrs["has_sample"] is False
    marked = services.assign(is_sample=[False, False, False, False, False, True])
    assert agg.budget_by_year(marked).attrs["has_sample"] is True
    assert agg.budget_by_year(marked, "singil2").attrs["has_sample"] is False


def test_bundled_totals_agree_across_aggregations(demo):
    services = demo.services
    assert agg.services_by_area_status(services)["count"].sum() == len(services)
    active_budget = services.loc[services["status"] != "취소", "budget_krw_100m"].astype(float).sum()
    assert agg.budget_by_area(services)["budget_krw_100m"].sum() == pytest.approx(active_budget)
    assert agg.budget_by_year(services)["budget_krw_100m"].sum() == pytest.approx(active_budget)
    assert agg.budget_by_funding(services)["budget_krw_100m"].sum() == pytest.approx(active_budget)
    assert agg.services_by_place(services, "dong", boundaries=demo.boundaries)["count"].sum() == len(services)


def test_an_area_without_a_reported_budget_shows_not_reported_rather_than_zero(bundled):
    from geo.stats import format_budget, headline

    row = agg.headline_by_area(bundled.services, None, "singil2").iloc[0]
    assert row["services"] == 0
    assert format_budget(row["budget_krw_100m"]) == "미공개"
    assert format_budget(row["budget_krw_100m"], "en") == "not reported"
    assert format_budget(headline(bundled.services.iloc[:0], bundled.areas).budget_krw_100m) == "미공개"
    assert format_budget(headline(bundled.services, bundled.areas).budget_krw_100m).endswith("억원")
