"""The briefing's story on the reported projects (geo.briefing.slides, geo.briefing.handout): portfolio, citizens today,
area slides without empty charts, the URL's dates, and the handout that follows the slides."""

from __future__ import annotations

import html
import io
import re
import shutil
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon

from geo.analysis.history import services_as_of
from geo.briefing.handout import MAX_PAGES
from geo.briefing.slides import (
    PORTFOLIO_NAMES_MAX,
    area_charts,
    area_projects_html,
    briefing_dates,
    citizen_services,
    citizens_html,
    default_since,
    near_text,
    nearest_projects,
    place_text,
    portfolio_groups,
    portfolio_html,
    programme_parts,
    shows_names,
    status_badge_html,
)
from geo.i18n import localized, t
from geo.model.vocab import STATUS_TERMS

TODAY = date(2026, 12, 7)


def _names(frame: pd.DataFrame, lang: str) -> list[str]:
    return [localized(row, "name", lang) for _, row in frame.iterrows()]


def _services(rows: list[dict], crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    """Services built in code: id, Korean and English name, domain, status, area; a point per row."""
    frame = pd.DataFrame(rows)
    defaults = {"area_id": "citywide", "location_accuracy": "place", "lon": 126.80, "lat": 37.32}
    for column, value in defaults.items():
        if column not in frame:
            frame[column] = value
        frame[column] = frame[column].fillna(value)
    geometry = [Point(lon, lat) for lon, lat in zip(frame["lon"], frame["lat"], strict=True)]
    return gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=geometry, crs=crs)


PROGRAMME = [
    {"service_id": "P-1", "name_ko": "강소형 사업", "name_en": "Compact programme", "domain": "기타", "status": "계획"},
    {"service_id": "P-2", "name_ko": "교통 앱", "name_en": "Transport app", "domain": "교통", "status": "계획",
     "parent_id": "P-1"},
    {"service_id": "P-3", "name_ko": "원격 진료", "name_en": "Remote care", "domain": "보건·의료·복지", "status": "계획",
     "parent_id": "P-1"},
    {"service_id": "S-4", "name_ko": "똑버스", "name_en": "Ttokbus", "domain": "교통", "status": "운영"},
    {"service_id": "S-5", "name_ko": "와이파이", "name_en": "Wi-Fi", "domain": "기타", "status": "운영"},
]  # fmt: skip


# --- portfolio ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_portfolio_names_every_reported_project_of_the_bundled_data_once(bundled, lang):
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    assert shows_names(services, PORTFOLIO_NAMES_MAX)
    page = html.unescape(portfolio_html(portfolio_groups(services, lang), lang))
    for name in _names(services, lang):
        assert name in page, name
    groups = portfolio_groups(services, lang)
    assert sum(group.projects for group in groups) == len(services)
    listed = re.findall(r'data-service="([^"]+)"', page)
    assert sorted(listed) == sorted(services["service_id"])


def test_a_programmes_parts_stand_under_it_in_its_group_and_count_once():
    services = _services(PROGRAMME)
    groups = portfolio_groups(services, "ko")
    # 기타 holds the programme with its two parts and Wi-Fi: 4; 교통 only Ttokbus (its app is the programme's).
    assert [(g.domain, g.projects) for g in groups] == [("기타", 4), ("교통", 1)]
    programme = next(e for e in groups[0].entries if e.service_id == "P-1")
    assert [p.service_id for p in programme.parts] == ["P-2", "P-3"]
    assert programme_parts(services) == 2
    page = portfolio_html(groups, "ko")
    assert page.count('data-service="P-2"') == 1
    # The part is inside the programme's item, with its own domain beside its name.
    item = page[page.index('data-service="P-1"') :]
    assert item.index('data-service="P-2"') < item.index("</li></ul></li>")
    assert '교통 앱 <span class="bf-tag">· 교통</span>' in page
    assert "(프로그램 · 세부 사업 2건)" in page


def test_without_parent_ids_or_their_programme_every_project_stands_alone():
    flat = _services([{k: v for k, v in row.items() if k != "parent_id"} for row in PROGRAMME])
    assert programme_parts(flat) == 0
    assert sorted((g.domain, g.projects) for g in portfolio_groups(flat, "ko")) == [
        ("교통", 2),
        ("기타", 2),
        ("보건·의료·복지", 1),
    ]
    # The programme not yet reported on the as-of day: its parts stand in their own domains.
    orphans = _services(PROGRAMME[1:])
    assert programme_parts(orphans) == 0
    assert sum(g.projects for g in portfolio_groups(orphans, "ko")) == 4


def test_a_status_is_a_shape_and_a_word_never_colour_alone():
    for status, term in STATUS_TERMS.items():
        badge = status_badge_html(status, "en")
        assert term.colour in badge and term.label("en") in badge
    assert "★" in status_badge_html("운영") and "운영" in status_badge_html("운영")


def test_above_the_names_a_slide_holds_the_portfolio_counts_instead():
    many = _services(
        [
            {
                "service_id": f"X-{n}",
                "name_ko": f"장치 {n}",
                "name_en": f"Device {n}",
                "domain": "교통",
                "status": "운영",
            }
            for n in range(PORTFOLIO_NAMES_MAX + 1)
        ]
    )
    assert not shows_names(many, PORTFOLIO_NAMES_MAX)
    assert shows_names(many.iloc[:PORTFOLIO_NAMES_MAX], PORTFOLIO_NAMES_MAX)


# --- citizens today ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_citizens_today_are_the_projects_in_operation_on_the_day_with_their_public_text(bundled, lang):
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    running = services.loc[services["status"] == "운영"]
    items = citizen_services(services, lang)
    assert sorted(i.service_id for i in items) == sorted(running["service_id"])
    page = html.unescape(citizens_html(items, lang))
    for _, row in running.iterrows():
        assert localized(row, "name", lang) in page
        assert localized(row, "description_public", lang) in page
    # An earlier day: only what ran then (nothing the data reports later).
    earlier = services_as_of(bundled.services, bundled.status_history, date(2015, 1, 1))
    assert sorted(i.service_id for i in citizen_services(earlier, lang)) == sorted(
        earlier.loc[earlier["status"] == "운영", "service_id"]
    )


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ko", "상록구 사동 1369-21 (사동 90블록); 이 지번의 좌표가 없어 사동 중심점에 표시", "상록구 사동 1369-21 (사동 90블록)"),
        ("ko", "원곡동·초지동 (지도에는 원곡동 중심점에 표시)", "원곡동·초지동"),
        ("ko", "공영주차장 9곳 (2023-09, 394면). 지도에는 첫 주차장만 표시", "공영주차장 9곳 (2023-09, 394면)"),
        ("en", "Wongok-dong and Choji-dong (drawn at the centre of Wongok-dong)", "Wongok-dong and Choji-dong"),
        ("en", "Sa-dong 1369-21 (block 90); no point for this lot, drawn at the centre", "Sa-dong 1369-21 (block 90)"),
        ("en", "Wonpo Park; Bangameori. The map shows Wonpo Park only", "Wonpo Park; Bangameori"),
        ("ko", "시 전역", "시 전역"),
    ],
)  # fmt: skip
def test_where_is_the_reported_place_without_the_maps_drawing_note(lang, text, expected):
    assert place_text({f"location_{lang}": text, "location_ko": text}, lang) == expected


# --- areas -------------------------------------------------------------------------------------------------

SQUARE = Polygon([(126.80, 37.30), (126.81, 37.30), (126.81, 37.31), (126.80, 37.31)])


def _areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"area_id": ["singil2"], "name_ko": ["신길2"]}, geometry=[SQUARE], crs="EPSG:4326")


def test_the_nearest_projects_are_measured_from_the_outline_in_metres_and_leave_out_unplaced_ones():
    services = _services(
        [
            # 0.01° of longitude east of the square (about 885 m at 37.3° N), drawn at a dong centre.
            {"service_id": "A", "name_ko": "가", "domain": "교통", "status": "계획", "lon": 126.82, "lat": 37.305,
             "location_accuracy": "dong"},
            # 0.02° of latitude north of the square (about 2.2 km).
            {"service_id": "B", "name_ko": "나", "domain": "교통", "status": "운영", "lon": 126.805, "lat": 37.33},
            # Reported without a place: never "nearest".
            {"service_id": "C", "name_ko": "다", "domain": "교통", "status": "운영", "lon": 126.805, "lat": 37.3101,
             "location_accuracy": "citywide"},
        ]
    )  # fmt: skip
    near = nearest_projects(services, _areas(), "singil2", "ko")
    assert [(p.service_id, p.distance_km, p.approximate) for p in near] == [("A", 0.9, True), ("B", 2.2, False)]
    assert near_text(near, "ko") == (
        "이 대상지 안에 보도된 사업은 아직 없습니다. 가장 가까운 사업: "
        "가(계획, 약 0.9 km, 동 중심점 기준), 나(운영, 약 2.2 km)"
    )
    assert near_text((), "en") == "No reported project lies inside this area yet."


def test_an_empty_area_builds_no_chart_and_the_demo_areas_build_theirs(bundled, demo):
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    for area_id in bundled.areas["area_id"]:
        drawn = area_charts(services, area_id)
        if (services["area_id"] == area_id).sum() == 0:
            assert drawn.by_direction is None and drawn.budget_by_year is None and not drawn.any, area_id
    # The reported projects carry no plan direction: no direction chart anywhere on the bundled data.
    assert all(area_charts(services, a).by_direction is None for a in bundled.areas["area_id"])
    demo_services = services_as_of(demo.services, demo.status_history, TODAY)
    assert area_charts(demo_services, "singil2").by_direction is not None


def test_an_areas_projects_are_listed_with_their_status(bundled):
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    for area_id in bundled.areas["area_id"]:
        inside = services.loc[services["area_id"] == area_id]
        page = html.unescape(area_projects_html(inside, "ko"))
        for _, row in inside.iterrows():
            assert row["name_ko"] in page and STATUS_TERMS[row["status"]].ko in page


# --- the URL's dates ---------------------------------------------------------------------------------------


def test_the_urls_days_are_used_when_they_are_iso_days_in_range():
    dates = briefing_dates({"as_of": "2025-01-01", "since": "2024-06-30"}, TODAY, "ko")
    assert (dates.as_of, dates.since, dates.notes) == (date(2025, 1, 1), date(2024, 6, 30), ())
    assert briefing_dates({}, TODAY).as_of == TODAY and briefing_dates({}, TODAY).since == default_since(TODAY)
    assert briefing_dates({"as_of": ["2024-01-01", "2025-01-01"]}, TODAY).as_of == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("params", "as_of", "since", "notes"),
    [
        ({"as_of": "2025-02-30"}, TODAY, default_since(TODAY), 1),
        ({"as_of": "20250101"}, TODAY, default_since(TODAY), 1),
        ({"as_of": "2025-1-1"}, TODAY, default_since(TODAY), 1),
        ({"as_of": "<script>"}, TODAY, default_since(TODAY), 1),
        ({"as_of": "2027-01-01"}, TODAY, default_since(TODAY), 1),  # after today
        ({"as_of": "2025-01-01", "since": "2025-06-01"}, date(2025, 1, 1), default_since(date(2025, 1, 1)), 1),
        ({"as_of": "x", "since": "y"}, TODAY, default_since(TODAY), 2),
    ],
)
def test_a_day_the_url_cannot_use_gives_way_to_its_default_with_a_note(params, as_of, since, notes):
    dates = briefing_dates(params, TODAY, "ko")
    assert (dates.as_of, dates.since, len(dates.notes)) == (as_of, since, notes)
    english = briefing_dates(params, TODAY, "en")
    assert all("cannot be used" in note for note in english.notes)
    if "as_of" in params and dates.as_of == TODAY:
        assert dates.notes[0] == t("briefing.bad_as_of", "ko", value=params["as_of"], default=TODAY.isoformat())


# --- the handout follows the slides ------------------------------------------------------------------------


def _page_text(figure) -> str:
    parts = [a.text or "" for a in figure.layout.annotations]
    for trace in figure.data:
        if trace.type == "table":
            parts += [str(v) for column in trace.cells.values for v in column]
    return re.sub(r"<[^>]+>", "", " ".join(parts))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_handouts_pages_name_every_project_in_at_most_twelve_pages(bundled, handout_figures, lang):
    figures = handout_figures("bundled", TODAY, default_since(TODAY), lang)
    assert len(figures) <= MAX_PAGES
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    portfolio = "".join(_page_text(figures[1]).split())
    for name in _names(services, lang):
        assert "".join(name.split()) in portfolio, name
    today = "".join(_page_text(figures[2]).split())
    for name in _names(services.loc[services["status"] == "운영"], lang):
        assert "".join(name.split()) in today, name


def test_no_handout_area_page_draws_a_chart_for_an_area_without_one(bundled, handout_figures):
    figures = handout_figures("bundled", TODAY, default_since(TODAY), "ko")
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    for number, area_id in enumerate(bundled.areas["area_id"], start=3):
        bars = [trace for trace in figures[number].data if trace.type == "bar"]
        assert not area_charts(services, area_id).any and bars == [], area_id


@pytest.fixture(scope="module")
def bundled_pdf(bundled) -> bytes:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed; kaleido needs it to draw the PDF")
    from geo.briefing.handout import briefing_pdf

    return briefing_pdf(bundled, TODAY, default_since(TODAY), "ko")


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_the_handout_pdfs_text_names_every_project_in_at_most_twelve_pages(bundled, bundled_pdf):
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(bundled_pdf)).pages
    assert len(pages) <= MAX_PAGES
    text = "".join("".join(page.extract_text() for page in pages).split())
    services = services_as_of(bundled.services, bundled.status_history, TODAY)
    for name in services["name_ko"]:
        assert "".join(name.split()) in text, name
    cover = "".join(pages[0].extract_text().split())
    assert "데이터·환경·산업" in cover and "안산시장" in cover and "교통·환경·안전·복지" in cover
