"""Aggregations behind the charts: exact numbers on small fixtures, and consistency on the demo data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geo.analysis import aggregate as agg
from geo.model.vocab import DIRECTION_TERMS, STATUS_TERMS


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


def test_the_count_by_direction_is_the_tables_count_with_every_direction(services):
    counts = agg.count_by_direction(services)
    assert counts.index.tolist() == list(DIRECTION_TERMS)
    assert counts.tolist() == agg.services_by_direction(services)["count"].tolist() == [4, 1, 1]
    # Reported projects carry no direction: every direction is there, with zero.
    assert agg.count_by_direction(services.assign(direction=None)).tolist() == [0, 0, 0]


def test_budget_by_year_spreads_each_budget_evenly_over_its_years(services):
    table = agg.budget_by_year(services, "singil2")
    assert table["year"].drop_duplicates().tolist() == [2026, 2027, 2028, 2029]
    assert table["funding"].tolist()[: len(agg.FUNDING_CATEGORIES)] == list(agg.FUNDING_CATEGORIES)
    cell = table.set_index(["year", "funding"])["budget_krw_100m"]
    assert cell[(2026, "국비")] == pytest.approx(5.0)
    assert cell[(2027, "국비")] == pytest.approx(5.0)
    assert cell[(2027, "시비")] == pytest.approx(2.0)
    assert cell[(2029, "시비")] == pytest.approx(2.0)
    assert cell[(2026, "민자")] == 0.0  # the cancelled 100억원
    assert table["budget_krw_100m"].sum() == pytest.approx(16.0)
    coverage = table.attrs["coverage"]
    assert (coverage.projects, coverage.of, coverage.complete) == (2, 2, True)


def test_budget_by_year_says_what_it_leaves_out_for_want_of_a_period(services):
    services.loc[services["service_id"] == "S2", ["start_year", "end_year"]] = None
    table = agg.budget_by_year(services, "singil2")
    assert table["budget_krw_100m"].sum() == pytest.approx(10.0)
    coverage = table.attrs["coverage"]
    assert (coverage.projects, coverage.of) == (1, 2)
    assert (coverage.shown_krw_100m, coverage.total_krw_100m) == (10.0, 16.0)


def test_budget_by_year_of_an_empty_selection_is_empty(services):
    assert agg.budget_by_year(services, "gfez").empty


def test_budget_by_funding_adds_up_to_the_total_with_unknown_sources_apart(services):
    table = agg.budget_by_funding(services)
    assert table["funding"].tolist() == list(agg.FUNDING_CATEGORIES)
    by_source = table.set_index("funding")
    assert by_source["budget_krw_100m"].to_dict() == {
        "국비": 14.0,
        "도비": 3.0,
        "시비": 11.0,
        "민자": 0.0,
        "지방비": 0.0,
        "unknown": 0.0,
    }
    assert by_source.loc["국비", "count"] == 2
    assert by_source.loc["국비", "share"] == pytest.approx(0.5)
    assert agg.budget_by_funding(services, "gfez")["share"].isna().all()
    # A budget without any funding source is counted as money of unknown source, so the chart still adds up.
    services.loc[services["service_id"] == "S6", "funding"] = None
    unknown = agg.budget_by_funding(services).set_index("funding")
    assert unknown.loc["unknown", "budget_krw_100m"] == 5.0
    assert unknown["budget_krw_100m"].sum() == pytest.approx(28.0)
    coverage = agg.budget_by_funding(services).attrs["coverage"]
    assert (coverage.projects, coverage.of, coverage.shown_krw_100m) == (4, 5, 23.0)


def test_funding_follows_a_reported_split_over_the_single_funding_column(services):
    services["funding_split"] = None
    services.loc[services["service_id"] == "S1", "funding_split"] = '{"국비": 6, "시비": 3}'
    table = agg.budget_by_funding(services, "singil2").set_index("funding")["budget_krw_100m"]
    # S1's 10억원: 국비 6 and 시비 3 as split, 1 of unknown source; S2's 6억원 of 시비.
    assert table.to_dict() == {"국비": 6.0, "도비": 0.0, "시비": 9.0, "민자": 0.0, "지방비": 0.0, "unknown": 1.0}


def test_progress_shares_operating_and_nothing_about_schedule(services):
    row = agg.progress_by_area(services).set_index("area_id")
    assert (row.loc["jangsang", "operating"], row.loc["jangsang", "active"]) == (1, 2)
    assert row.loc["jangsang", "share_operating"] == 0.5
    assert math.isnan(row.loc["gfez", "share_operating"])
    assert not [column for column in row.columns if "schedule" in column]


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
    head = agg.headline_by_area(services).set_index("area_id")
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


def test_bundled_totals_agree_across_aggregations(demo, bundled):
    from geo.analysis.budget import budget_summary

    for data in (demo, bundled):
        services = data.services
        assert agg.services_by_area_status(services)["count"].sum() == len(services)
        total = budget_summary(services).total_krw_100m
        assert agg.budget_by_funding(services)["budget_krw_100m"].sum() == pytest.approx(total)
        by_year = agg.budget_by_year(services)
        assert by_year["budget_krw_100m"].sum() == pytest.approx(by_year.attrs["coverage"].shown_krw_100m)
        assert agg.services_by_place(services, "dong", boundaries=data.boundaries)["count"].sum() == len(services)
    demo_live = demo.services.loc[demo.services["status"] != "취소", "budget_krw_100m"].astype(float).sum()
    assert budget_summary(demo.services).total_krw_100m == pytest.approx(demo_live)  # samples: no parts, no other city


def test_an_area_without_a_reported_budget_shows_not_reported_rather_than_zero(bundled):
    from geo.analysis.stats import format_budget, headline

    row = agg.headline_by_area(bundled.services, "singil2").iloc[0]
    assert row["services"] == 0
    assert format_budget(row["budget_krw_100m"]) == "보도되지 않음"
    assert format_budget(row["budget_krw_100m"], "en") == "not reported"
    assert format_budget(headline(bundled.services.iloc[:0], bundled.areas).budget_krw_100m) == "보도되지 않음"
    assert format_budget(headline(bundled.services, bundled.areas).budget_krw_100m).endswith("억원")
