"""The briefing's slides, navigation, tables and the PDF export (geo.briefing.slides, geo.briefing.handout)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest

from geo.analysis import plan as plan_facts
from geo.analysis.history import default_as_of, services_as_of
from geo.analysis.stats import format_budget, headline, headline_items
from geo.briefing.handout import (
    APPENDIX_ROWS_PER_PAGE,
    BriefingExportError,
    area_map_figure,
    briefing_pdf,
    find_cjk_font,
    offline_render_page,
)
from geo.briefing.slides import (
    Slide,
    area_facts,
    briefing_slides,
    budget_line,
    changes_table,
    default_since,
    last_data_update,
    period_text,
    services_table,
    step_slide,
)
from geo.i18n import t
from geo.model.vocab import AREA_TERMS

AREA_NAMES_KO = (
    "신길2 공공주택지구",
    "장상 공공주택지구",
    "경기경제자유구역 안산사이언스밸리(ASV)지구",
    "초지역세권 개발",
    "의왕·군포·안산 공공주택지구 (안산 구역)",
)


def test_slides_are_overview_portfolio_citizens_today_five_areas_trend_voice_then_changes():
    slides = briefing_slides()
    kinds = ["overview", "portfolio", "today", "area", "area", "area", "area", "area", "trend", "voice", "changes"]
    assert [s.kind for s in slides] == kinds
    assert [s.area_id for s in slides[3:8]] == ["singil2", "jangsang", "gfez", "choji", "uiwang_gunpo_ansan"]
    assert [s.title("ko") for s in slides[3:8]] == list(AREA_NAMES_KO)
    assert slides[1].title("ko") == "안산시의 보도된 스마트도시 사업"
    assert slides[1].title("en") == "Ansan's reported smart-city projects"
    assert slides[2].title("ko") == "지금 시민이 이용할 수 있는 서비스"
    assert slides[2].title("en") == "What citizens can use today"
    assert slides[8].title("ko") == "보도된 사업의 분기별 추이"
    assert slides[8].title("en") == "Reported projects, quarter by quarter"
    assert (slides[9].title("ko"), slides[9].title("en")) == ("시민 의견", "Citizens' voice")
    assert Slide("changes").title("ko", date(2026, 2, 1)) == "2026-02-01 이후 달라진 점"
    assert Slide("changes").title("en", date(2026, 2, 1)) == "What changed since 2026-02-01"


def test_many_changes_make_more_change_slides_of_ten_rows():
    slides = briefing_slides(changes=23)
    parts = [s for s in slides if s.kind == "changes"]
    # overview, portfolio, citizens today, five areas, the trend, citizens' voice, changes in three parts
    assert len(slides) == 13 and len(parts) == 3
    assert parts[2].title("ko", date(2026, 2, 1)) == "2026-02-01 이후 달라진 점 (3/3)"
    table = pd.DataFrame({"n": range(23)})
    assert [len(s.rows(table)) for s in parts] == [10, 10, 3]
    assert parts[2].rows(table)["n"].tolist() == list(range(20, 23))
    assert len(briefing_slides(changes=0)) == 11


@pytest.mark.parametrize(
    ("index", "step", "expected"), [(0, 1, 1), (0, -1, 0), (6, 1, 6), (6, -1, 5), (3, 0, 3), (9, 0, 6)]
)
def test_step_slide_holds_at_both_ends(index, step, expected):
    assert step_slide(index, step, 7) == expected


def test_step_slide_needs_slides():
    with pytest.raises(ValueError, match="count must be at least 1"):
        step_slide(0, 1, 0)


def test_dates_period_and_last_update(demo):
    assert default_since(date(2026, 5, 13)) == date(2026, 2, 12)
    assert period_text(2026, 2028) == "2026–2028년"
    assert period_text(2027, 2027, "en") == "2027"
    assert last_data_update(demo.services) == pd.to_datetime(demo.services["updated_at"]).max().date()


def test_area_facts_carry_the_source(demo):
    facts, source = area_facts(demo.areas, "jangsang")
    values = {f.label: f.value for f in facts}
    row = demo.areas.set_index("area_id").loc["jangsang"]
    assert values["주요 사실"] == row["facts_ko"]
    assert source == row["source"] and source
    with pytest.raises(KeyError, match="'nowhere' is not in the areas data"):
        area_facts(demo.areas, "nowhere")


def test_services_table_lists_every_service_with_labels(demo):
    table = services_table(demo.services)
    assert len(table) == len(demo.services)
    assert list(table.columns) == ["서비스", "대상지", "서비스 분야", "추진 상태", "기간", "사업비 (억원)"]
    assert set(table["추진 상태"]) <= {"계획", "설계", "구축", "운영", "보류", "취소"}
    english = services_table(demo.services, "en", area_id="singil2")
    assert len(english) == int((demo.services["area_id"] == "singil2").sum())
    assert set(english["Area"]) == {"Singil-2"}


def test_changes_table_matches_the_history(demo):
    history = demo.status_history
    day = default_as_of(history)
    since = default_since(day)
    table = changes_table(history, demo.services, since, day)
    dates = pd.to_datetime(history["changed_at"]).dt.date
    assert len(table) == int(((dates >= since) & (dates <= day)).sum())
    assert list(table.columns) == ["날짜", "서비스", "대상지", "변경", "사유"]
    assert all(" → " in change for change in table["변경"])
    assert table["날짜"].tolist() == sorted(table["날짜"])


def test_area_map_figure_draws_only_the_area_services(demo):
    figure = area_map_figure(demo.boundaries, demo.areas, demo.services, "gfez")
    legend = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    in_area = demo.services.loc[demo.services["area_id"] == "gfez", "status"].value_counts()
    expected = {f"{status} ({count})" for status, count in in_area.items()}
    assert set(legend) == expected
    naive = demo.areas.set_crs(None, allow_override=True)
    with pytest.raises(ValueError, match="areas has no CRS"):
        area_map_figure(demo.boundaries, naive, demo.services, "gfez")


def test_area_map_figure_keeps_an_areas_hole(demo):
    areas = demo.areas.copy()
    chosen = areas["area_id"] == "gfez"
    outline = areas.loc[chosen].geometry.iloc[0]
    areas.loc[chosen, "geometry"] = outline.difference(outline.representative_point().buffer(0.002))
    figure = area_map_figure(demo.boundaries, areas, demo.services, "gfez")
    colour = AREA_TERMS["gfez"].colour
    filled = next(trace for trace in figure.data if trace.fill == "toself" and trace.fillcolor == f"{colour}40")
    assert list(filled.x).count(None) == 2


def test_briefing_figures_start_with_the_headline_numbers(demo, handout_figures):
    day = default_as_of(demo.status_history)
    figures = handout_figures("demo", day, default_since(day))
    cover = " ".join(a.text for a in figures[0].layout.annotations)
    numbers = headline(services_as_of(demo.services, demo.status_history, day), demo.areas)
    assert f"{numbers.services:,}건" in cover and format_budget(numbers.budget_krw_100m) in cover
    headers = [next(a.text for a in f.layout.annotations if a.name == "page-header") for f in figures]
    assert all(f"기준일 {day.isoformat()}" in h and "예시 데이터" in h for h in headers)
    assert headers[-1].endswith(f"{len(figures)} / {len(figures)}쪽")


def _flat(text: str) -> str:
    return "".join(re.sub(r"<[^>]+>", " ", text).split())


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("dataset", ["bundled", "demo"])
def test_handout_cover_keeps_the_projects_and_their_budget_apart_from_the_plan(request, handout_figures, dataset, lang):
    """The cover's projects box carries the slide's numbers, the budget with its coverage, and no area count."""
    data = request.getfixturevalue(dataset)
    day = default_as_of(data.status_history)
    figures = handout_figures(dataset, day, default_since(day), lang)
    services = services_as_of(data.services, data.status_history, day)
    texts = [_flat(a.text or "") for a in figures[0].layout.annotations]
    plan_block = next(text for text in texts if _flat(t("plan.approved", lang)) in text)
    projects_box = next(text for text in texts if _flat(t("briefing.portfolio", lang)) in text)
    items = {item.key: item for item in headline_items(services, data.areas, lang)}
    _, budget, coverage = budget_line(services, lang)
    assert _flat(items["services"].value) in projects_box and _flat(items["operating"].value) in projects_box
    assert _flat(budget) in projects_box and _flat(coverage) in projects_box
    # No budget in the plan's block (under its approval), and the plan's aims and the mayor's remark are there.
    assert _flat(budget) not in plan_block
    assert all(_flat(aim) in plan_block for aim in plan_facts.aims(data.plan, lang))
    assert _flat(plan_facts.mayor_remark(data.plan, lang) or "") in plan_block


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("dataset", ["bundled", "demo"])
def test_handout_area_pages_name_their_projects_or_the_nearest_and_say_no_0_count(
    request, handout_figures, dataset, lang
):
    data = request.getfixturevalue(dataset)
    day = default_as_of(data.status_history)
    figures = handout_figures(dataset, day, default_since(day), lang)
    services = services_as_of(data.services, data.status_history, day)
    for number, area_id in enumerate(data.areas["area_id"], start=3):
        page = _flat(" ".join(a.text or "" for a in figures[number].layout.annotations))
        inside = services.loc[services["area_id"] == area_id]
        if inside.empty:
            assert _flat(t("briefing.area_empty", lang)) in page, area_id
            assert not re.search(r"(?<![\d,])0건", page), area_id
        else:
            assert _flat(t("briefing.in_area", lang, n=f"{len(inside):,}")) in page, area_id


def test_the_render_page_fetches_nothing_from_outside():
    # kaleido's default page loads MathJax from a CDN; the handout's page must name no outside address.
    page = offline_render_page().generate_index()
    assert "<script" in page and "plotly" in page.lower()
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page), page


def test_missing_font_fails_with_a_korean_message(tmp_path):
    with pytest.raises(BriefingExportError, match="한글 글꼴\\(Noto Sans CJK\\)을 찾을 수 없어"):
        find_cjk_font([str(tmp_path / "*.ttc")])


@pytest.fixture(scope="module")
def briefing_pdf_bytes(demo) -> bytes:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed; kaleido needs it to draw the PDF")
    find_cjk_font()
    day = default_as_of(demo.status_history)
    return briefing_pdf(demo, day, default_since(day))


@pytest.fixture(scope="module")
def briefing_pdf_bytes_en(demo) -> bytes:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed; kaleido needs it to draw the PDF")
    day = default_as_of(demo.status_history)
    return briefing_pdf(demo, day, default_since(day), "en")


@pytest.mark.browser  # kaleido draws the PDF in Chromium
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_text_holds_the_headline_values_the_pages_show(demo, request, lang):
    from pypdf import PdfReader

    pdf = request.getfixturevalue("briefing_pdf_bytes" if lang == "ko" else "briefing_pdf_bytes_en")
    pages = ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    day = default_as_of(demo.status_history)
    services = services_as_of(demo.services, demo.status_history, day)
    items = {item.key: item for item in headline_items(services, demo.areas, lang)}
    for key in ("services", "operating"):
        assert "".join(items[key].value.split()) in pages[0], key
    assert "".join(budget_line(services, lang)[1].split()) in pages[0]
    for number, area_id in enumerate(demo.areas["area_id"], start=3):
        inside = services.loc[services["area_id"] == area_id]
        # An area with projects counts them; one without says so and names the nearest (no "0건" headline).
        expected = t("briefing.in_area", lang, n=f"{len(inside):,}") if len(inside) else t("briefing.area_empty", lang)
        assert "".join(expected.split()) in pages[number], area_id


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_briefing_pdf_holds_areas_numbers_dates_and_sample_notice(demo, briefing_pdf_bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(briefing_pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Text extraction may break a long name across lines; compare without whitespace.
    flat = "".join(text.split())
    for name in AREA_NAMES_KO:
        assert "".join(name.split()) in flat, name
    day = default_as_of(demo.status_history)
    numbers = headline(services_as_of(demo.services, demo.status_history, day), demo.areas)
    for value in (f"{numbers.services:,}건", f"{numbers.operating:,}건", format_budget(numbers.budget_krw_100m)):
        assert value in flat, value
    assert f"기준일{day.isoformat()}" in flat
    assert f"데이터최종변경{last_data_update(demo.services).isoformat()}" in flat
    assert "예시데이터" in flat
    first = reader.pages[0].mediabox
    assert round(float(first.width) / float(first.height), 2) == round(16 / 9, 2)


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_briefing_pdf_first_page_renders(briefing_pdf_bytes, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(briefing_pdf_bytes)
    out = tmp_path / "briefing-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)], check=True
    )
    png = out.with_suffix(".png")
    assert png.stat().st_size > 20_000  # a blank page is a few kB


def _page_text(pdf_bytes: bytes, tmp_path, page: int) -> str:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(pdf_bytes)
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_handout_follows_the_slides_within_twelve_pages(demo, briefing_pdf_bytes):
    from pypdf import PdfReader

    day = default_as_of(demo.status_history)
    slides = briefing_slides(changes=len(changes_table(demo.status_history, demo.services, default_since(day), day)))
    pages = PdfReader(io.BytesIO(briefing_pdf_bytes)).pages
    appendix = -(-len(demo.services) // APPENDIX_ROWS_PER_PAGE)
    # The handout has no citizens' voice page: it prints the data, not the visitors' responses.
    printed = [s for s in slides if s.kind != "voice"]
    # Every slide keeps its page; the 96 demo services' list (three pages) gives way to the trend's page.
    assert len(pages) == min(len(printed) + appendix, 12) == 12
    assert len(printed) + appendix > 12


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_cover_states_the_plan_and_numbers_copy_out_as_text(demo, briefing_pdf_bytes, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    cover = _page_text(briefing_pdf_bytes, tmp_path, 1)
    assert "국토교통부 승인" in cover and "교통·환경·안전·복지" in cover
    assert demo.plan["vision"][0]["ko"] in cover and demo.plan["directions"][2]["ko"] in cover
    assert "2026-02-02" in cover and "최종보고회" in cover and demo.plan["source"]["ko"][:20] in cover
    day = default_as_of(demo.status_history)
    numbers = headline(services_as_of(demo.services, demo.status_history, day), demo.areas)
    assert f"{numbers.budget_krw_100m:,.1f}" in cover and "\x00" not in cover
    assert f"기준일 {day.isoformat()}" in cover


@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_no_page_is_mostly_dark(briefing_pdf_bytes, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    from PIL import Image

    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(briefing_pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages
    for png in pages:
        histogram = Image.open(png).convert("L").histogram()
        dark = sum(histogram[:100]) / sum(histogram)
        assert dark < 0.2, f"{png.name}: {dark:.0%} dark"


def test_area_pages_have_a_scale_bar_and_tables_have_light_fills(bundled, handout_figures):
    day = default_as_of(bundled.status_history)
    figures = handout_figures("bundled", day, default_since(day))
    area_page = figures[3]
    bar = next(trace for trace in area_page.data if trace.name == "scale-bar-label")
    assert bar.text[0] in {"100 m", "200 m", "500 m", "1 km", "2 km", "5 km", "10 km"}
    tables = [trace for fig in figures for trace in fig.data if trace.type == "table"]
    assert tables
    for table in tables:
        assert set(table.cells.fill.color[0]) <= {"#FFFFFF", "#F3F6F9"}
        assert table.cells.font.color == "#1A1A1A"
