"""The headline row every summary page shows: one computation for the city and for each area, both languages."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from geo.details import citywide_detail_rows
from geo.history import default_as_of, services_as_of
from geo.loaders import DashboardData
from geo.stats import citywide_profile, headline_items


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


# --- 시 전역: what the group beside its map holds --------------------------------------------------------


def test_citywide_profile_counts_the_bundled_group(services: pd.DataFrame) -> None:
    profile = citywide_profile(services)
    assert (profile.services, profile.all_services, profile.no_place) == (23, 25, 6)
    assert profile.by_gu == {"단원구": 14, "상록구": 3}
    assert profile.by_status == {"계획": 12, "구축": 1, "운영": 10}
    assert profile.by_domain == {
        "교통": 6,
        "환경·에너지·수자원": 5,
        "방범·방재": 4,
        "기타": 4,
        "행정": 2,
        "보건·의료·복지": 1,
        "교육": 1,
    }
    assert (profile.budget_krw_100m, profile.budget_reported) == (1330.5, 10)
    assert (profile.first_report, profile.last_report) == (date(2019, 9, 30), date(2026, 1, 23))
    # Every citywide service is counted once, by where it is and by status.
    assert profile.no_place + sum(profile.by_gu.values()) == sum(profile.by_status.values()) == profile.services


def _service(**fields: object) -> dict[str, object]:
    base = {"area_id": "citywide", "status": "계획", "domain": "교통", "budget_krw_100m": None, "gu": "단원구"}
    return base | {"location_accuracy": "dong", "reported_on": None} | fields


def test_citywide_profile_leaves_out_cancelled_budgets_and_other_areas() -> None:
    frame = pd.DataFrame(
        [
            _service(budget_krw_100m=10.0, status="운영", domain="행정", reported_on="2024-03-01"),
            _service(budget_krw_100m=5.25, domain="교통", gu="", location_accuracy="citywide"),
            _service(budget_krw_100m=99.0, status="취소", domain="교통", reported_on="2021-07-15"),
            _service(domain="행정", gu="상록구"),
            _service(area_id="jangsang", budget_krw_100m=1000.0, reported_on="2010-01-01"),
        ]
    )
    profile = citywide_profile(frame)
    assert (profile.services, profile.all_services, profile.no_place) == (4, 5, 1)
    assert profile.by_gu == {"단원구": 2, "상록구": 1}
    assert profile.by_status == {"계획": 2, "운영": 1, "취소": 1}
    # A tie keeps the vocabulary's order (행정 before 교통).
    assert list(profile.by_domain.items()) == [("행정", 2), ("교통", 2)]
    # The cancelled 99억원 and the other area's 1,000억원 are not in the sum.
    assert (profile.budget_krw_100m, profile.budget_reported) == (15.2, 2)
    assert (profile.first_report, profile.last_report) == (date(2021, 7, 15), date(2024, 3, 1))

    nothing = citywide_profile(frame.assign(budget_krw_100m=None, reported_on=None))
    assert math.isnan(nothing.budget_krw_100m) and nothing.budget_reported == 0
    rows = dict(citywide_detail_rows(nothing, "ko"))
    assert rows["사업비"] == "미공개" and "출처" not in rows


def test_citywide_facts_say_what_the_group_is_in_both_languages(services: pd.DataFrame) -> None:
    profile = citywide_profile(services)
    # Counts are joined to their labels by a no-break space (\u00a0): "단원구 14" never wraps before 14.
    rows = citywide_detail_rows(profile, "ko")
    assert "단원구\u00a014건" in dict(rows)["위치"]
    assert [(name, str(value).replace("\u00a0", " ")) for name, value in rows] == [
        (
            "구분",
            "다섯 개발 대상지 어디에도 속하지 않는 사업: 도시 전체를 대상으로 하는 서비스와 "
            "대상지 밖의 행정동에서 추진되는 사업",
        ),
        ("서비스 수", "23건 (전체 25건 중)"),
        ("위치", "장소 미공개(시 전역) 6건 · 단원구 14건 · 상록구 3건"),
        ("추진 상태", "계획 12건 · 구축 1건 · 운영 10건"),
        (
            "서비스 분야",
            "교통 6건 · 환경·에너지·수자원 5건 · 방범·방재 4건 · 기타 4건 · 행정 2건 · 보건·의료·복지 1건 · 교육 1건",
        ),
        ("사업비", "1,330.5억원 (사업비가 보도된 10건의 합계, 취소 사업 제외)"),
        ("출처", "사업별 보도 (2019-09-30 ~ 2026-01-23); 각 사업의 출처는 지도 탐색에서 사업을 누르면 나옵니다"),
    ]
    english = {name: str(value).replace("\u00a0", " ") for name, value in citywide_detail_rows(profile, "en")}
    assert english["Services"] == "23 (of 25 in all)"
    assert english["Where"] == "No place reported (citywide) 6 · Danwon-gu 14 · Sangnok-gu 3"
    assert english["Status"] == "Planned 12 · Building 1 · Operating 10"
    assert english["Budget"].startswith("KRW 133.1 bn (sum of the 10 services with a reported budget")
    assert english["What it is"].startswith("Services that belong to none of the five development areas")
    assert not any(ord(c) > 0x3000 for row in english.items() for c in "".join(row))  # no Korean left
