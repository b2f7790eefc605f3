"""The headline row every summary page shows: one computation for the city and for each area, both languages.

Expected values on the bundled data are computed here from the records (the facts live in the data, not in
the tests); exact values are asserted on small frames built in code.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.analysis.budget import budget_summary
from geo.analysis.history import services_as_of
from geo.analysis.stats import CITY_VIEW, area_choice_label, citywide_profile, headline_items, programme_counts
from geo.details import citywide_detail_rows
from geo.loaders import DashboardData
from geo.model.vocab import CITYWIDE

TODAY = date(2026, 12, 7)


def shown(items) -> list[tuple[str, str]]:
    return [(item.label, item.value) for item in items]


@pytest.fixture(scope="module")
def services(bundled: DashboardData) -> pd.DataFrame:
    return services_as_of(bundled.services, bundled.status_history, TODAY)


def _row(service_id: str, **fields: object) -> dict[str, object]:
    base = {
        "service_id": service_id,
        "area_id": CITYWIDE,
        "status": "계획",
        "domain": "교통",
        "budget_krw_100m": None,
        "gu": "단원구",
        "location_accuracy": "dong",
        "reported_on": None,
    }
    return base | fields


AREAS = pd.DataFrame({"area_id": ["singil2"], "name_ko": ["신길2 공공주택지구"], "name_en": ["Singil-2"]})


def test_city_row_counts_projects_and_says_what_the_budget_adds_up() -> None:
    frame = pd.DataFrame(
        [
            _row("P", budget_krw_100m=160.0, budget_basis="total", status="계획"),
            _row("P-1", parent_id="P", budget_krw_100m=20.0),  # held by its programme: not added again
            _row("P-2", parent_id="P"),
            _row("N", budget_krw_100m=21.37, budget_basis="national_share", status="운영"),
            _row("O", budget_krw_100m=98.5, budget_basis="with_other_city", status="운영"),  # apart
            _row("X", budget_krw_100m=500.0, status="취소"),  # cancelled: never in a total
        ]
    )
    items = {item.key: item for item in headline_items(frame, AREAS, "ko")}
    assert (items["services"].label, items["services"].value) == ("보도된 사업", "6건")
    assert items["services"].help == "세부 사업 2건은 공모 사업 1건에 속합니다 (둘 다 셈)."
    assert items["operating"].value == "2건"
    assert (items["budget"].label, items["budget"].value) == ("사업비 보도된 2건의 합계", "181.4억원")
    assert items["budget"].note == (
        "합계 181.4억원: 사업비가 보도된 2건을 더한 값입니다 (취소 제외 5건 중). "
        "보도된 기준이 서로 다릅니다: 총사업비 1건, 국비만 1건. "
        "다른 시 몫이 포함된 1건(98.5억원)은 합계에서 뺐습니다. "
        "공모 사업의 세부 사업 1건은 상위 사업비에 포함되어 따로 더하지 않았습니다."
    )
    english = {item.key: item for item in headline_items(frame, AREAS, "en")}
    assert (english["budget"].label, english["budget"].value) == ("Budgets of 2 projects, summed", "KRW 18.1 bn")
    assert not any(ord(c) > 0x3000 for item in english.values() for c in f"{item.label}{item.value}{item.note}")


def test_no_row_shows_a_schedule_rate(bundled: DashboardData, services: pd.DataFrame) -> None:
    rows = [headline_items(services, bundled.areas, lang, area) for lang in ("ko", "en") for area in (None, CITYWIDE)]
    text = " ".join(f"{item.label} {item.value} {item.note}" for row in rows for item in row)
    assert "준수" not in text and "schedule" not in text.lower()


def test_bundled_city_row_equals_the_data(bundled: DashboardData) -> None:
    services = bundled.services
    items = {item.key: item for item in headline_items(services, bundled.areas, "ko")}
    assert items["services"].value == f"{len(services)}건"
    assert items["operating"].value == f"{int((services['status'] == '운영').sum())}건"
    assert items["areas"].value == f"{len(bundled.areas)}곳"
    summary = budget_summary(services)
    assert items["budget"].value == f"{summary.total_krw_100m:,.1f}억원"
    # The coverage names how many budgets it adds, out of how many projects.
    assert f"{summary.counted}건" in items["budget"].note and f"{summary.projects}건 중" in items["budget"].note
    live = services.loc[services["status"] != "취소"]
    assert summary.projects == len(live)
    assert summary.counted <= int(pd.to_numeric(live["budget_krw_100m"], errors="coerce").notna().sum())


def test_area_rows_in_both_languages(bundled: DashboardData, services: pd.DataFrame) -> None:
    group = services.loc[services["area_id"] == CITYWIDE]
    ko = headline_items(services, bundled.areas, "ko", CITYWIDE)
    assert [item.key for item in ko] == ["services", "operating", "in_progress", "budget"]
    assert ko[0].value == f"{len(group)}건"
    compact = headline_items(services, bundled.areas, "en", CITYWIDE, compact=True)
    assert [item.label for item in compact] == ["Reported projects", "Operating", "Budget"]


def test_an_area_without_projects_says_not_reported(bundled: DashboardData, services: pd.DataFrame) -> None:
    empty = services.iloc[:0]
    items = headline_items(empty, bundled.areas, "en", "singil2")
    assert [item.value for item in items] == ["0", "0", "0", "not reported"]
    assert items[-1].note == "None of the 0 projects (cancelled excluded) has a reported budget."
    with pytest.raises(ValueError, match="area_id must be"):
        headline_items(services, bundled.areas, "ko", "atlantis")


def test_programme_counts() -> None:
    frame = pd.DataFrame([_row("P"), _row("P-1", parent_id="P"), _row("Q-1", parent_id="Q"), _row("R")])
    assert programme_counts(frame) == (1, 1)  # Q is not in the selection: Q-1 is not counted as a part
    assert programme_counts(frame.drop(columns="parent_id")) == (0, 0)


def test_view_labels() -> None:
    areas = pd.DataFrame({"area_id": ["new_area"], "name_ko": ["새 지구"], "name_en": ["New district"]})
    assert area_choice_label(CITY_VIEW, areas, "ko") == "안산시 전체"
    assert area_choice_label("singil2", areas, "en") == "Singil-2"
    assert area_choice_label("new_area", areas, "en") == "New district"


# --- 시 전역 and the whole city: what the group beside its map holds --------------------------------------


def test_citywide_profile_leaves_out_cancelled_budgets_and_other_areas() -> None:
    frame = pd.DataFrame(
        [
            _row("A", budget_krw_100m=10.0, status="운영", domain="행정", reported_on="2024-03-01"),
            _row("B", budget_krw_100m=5.25, domain="교통", gu="", location_accuracy="citywide"),
            _row("C", budget_krw_100m=99.0, status="취소", domain="교통", reported_on="2021-07-15"),
            _row("D", domain="행정", gu="상록구"),
            _row("E", area_id="jangsang", budget_krw_100m=1000.0, reported_on="2010-01-01"),
        ]
    )
    profile = citywide_profile(frame)
    assert (profile.services, profile.all_services, profile.no_place) == (4, 5, 1)
    assert profile.by_gu == {"단원구": 2, "상록구": 1}
    assert profile.by_status == {"계획": 2, "운영": 1, "취소": 1}
    # A tie keeps the vocabulary's order (행정 before 교통).
    assert list(profile.by_domain.items()) == [("행정", 2), ("교통", 2)]
    # The cancelled 99억원 and the other area's 1,000억원 are not in the sum.
    assert (profile.budget.total_krw_100m, profile.budget.counted, profile.budget.projects) == (15.25, 2, 3)
    assert (profile.first_report, profile.last_report) == (date(2021, 7, 15), date(2024, 3, 1))
    whole = citywide_profile(frame, whole_city=True)
    assert (whole.services, whole.budget.total_krw_100m) == (5, 1015.25)

    nothing = citywide_profile(frame.assign(budget_krw_100m=None, reported_on=None))
    rows = dict(citywide_detail_rows(nothing, "ko"))
    assert rows["사업비"] == "취소 제외 3건 중 사업비가 보도된 사업이 없습니다." and "출처" not in rows


def test_citywide_facts_say_what_the_group_is_in_both_languages(services: pd.DataFrame) -> None:
    profile = citywide_profile(services)
    rows = dict(citywide_detail_rows(profile, "ko"))
    assert rows["구분"].startswith("어느 개발 대상지에도 속하지 않는 사업")
    assert rows["서비스 수"] == f"{profile.services}건 (전체 {profile.all_services}건 중)"
    assert rows["사업비"] == profile.budget.coverage("ko")
    city = dict(citywide_detail_rows(citywide_profile(services, whole_city=True), "ko"))
    assert city["구분"] == "안산시의 보도된 스마트도시 사업 전체 (대상지 안팎 모두)"
    english = {name: str(value) for name, value in citywide_detail_rows(profile, "en")}
    assert english["What it is"].startswith("Projects that belong to no development area")
    assert not any(ord(c) > 0x3000 for row in english.items() for c in "".join(row))  # no Korean left
