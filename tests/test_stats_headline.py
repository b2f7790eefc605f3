"""The headline row every summary page shows: one computation for the city and for each area, both languages."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.history import default_as_of, services_as_of
from geo.loaders import DashboardData
from geo.stats import headline_items


def shown(items) -> list[tuple[str, str]]:
    return [(item.label, item.value) for item in items]


@pytest.fixture(scope="module")
def as_of(bundled: DashboardData) -> date:
    return default_as_of(bundled.status_history)


@pytest.fixture(scope="module")
def services(bundled: DashboardData, as_of: date) -> pd.DataFrame:
    return services_as_of(bundled.services, bundled.status_history, as_of)


def test_city_row_shows_the_bundled_totals_in_both_languages(bundled: DashboardData) -> None:
    assert shown(headline_items(bundled.services, bundled.areas, "ko")) == [
        ("스마트서비스", "25건"),
        ("운영 중", "11건"),
        ("개발 대상지", "5곳"),
        ("사업비 합계(보도)", "1,330.5억원"),
    ]
    assert shown(headline_items(bundled.services, bundled.areas, "en")) == [
        ("Smart services", "25"),
        ("Operating", "11"),
        ("Development areas", "5"),
        ("Budgets reported, summed", "KRW 133.1 bn"),
    ]


def test_area_row_for_citywide_services(bundled: DashboardData, services: pd.DataFrame, as_of: date) -> None:
    assert shown(headline_items(services, bundled.areas, "ko", "citywide", as_of=as_of)) == [
        ("스마트서비스", "23건"),
        ("운영 중", "10건"),
        ("설계·구축 중", "1건"),
        ("사업비 합계(보도)", "1,330.5억원"),
        ("일정 준수율", "91%"),
    ]
    # The same 1,330.5억원 reads KRW 133.1 bn on every page (not 133.0 from floating-point residue).
    assert shown(headline_items(services, bundled.areas, "en", "citywide", as_of=as_of, compact=True)) == [
        ("Smart services", "23"),
        ("Operating", "10"),
        ("Budget", "KRW 133.1 bn"),
    ]


def test_area_without_reported_budget_says_not_reported(
    bundled: DashboardData, services: pd.DataFrame, as_of: date
) -> None:
    ko = headline_items(services, bundled.areas, "ko", "gfez", as_of=as_of)
    en = headline_items(services, bundled.areas, "en", "gfez", as_of=as_of)
    assert shown(ko) == [
        ("스마트서비스", "2건"),
        ("운영 중", "1건"),
        ("설계·구축 중", "0건"),
        ("사업비 합계(보도)", "미공개"),
        ("일정 준수율", "100%"),
    ]
    assert [item.value for item in en] == ["2", "1", "0", "not reported", "100%"]
    compact = headline_items(services, bundled.areas, "ko", "gfez", as_of=as_of, compact=True)
    assert shown(compact) == [("스마트서비스", "2건"), ("운영 중", "1건"), ("사업비", "미공개")]


def test_area_with_no_services_has_no_share_on_schedule(
    bundled: DashboardData, services: pd.DataFrame, as_of: date
) -> None:
    items = headline_items(services, bundled.areas, "en", "singil2", as_of=as_of)
    assert [item.value for item in items] == ["0", "0", "0", "not reported", "—"]


def test_area_row_needs_a_date_and_a_known_area(bundled: DashboardData, services: pd.DataFrame, as_of: date) -> None:
    with pytest.raises(ValueError, match="as_of"):
        headline_items(services, bundled.areas, "ko", "gfez")
    with pytest.raises(ValueError, match="area must be"):
        headline_items(services, bundled.areas, "ko", "atlantis", as_of=as_of)
