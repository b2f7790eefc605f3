"""The briefing's charts and the handout at city scale (more than ``FOLIUM_SERVICES_MAX`` services).

An area map on paper counts services per 동 (the slide's rings, ``geo.mapping.counts.counts_by_dong``), the
appendix counts per area and status, and chart labels and titles at large counts fit their figure.
Checked on the figures' layout numbers; the 100,000-service handout is rendered in the browser test.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from shapely.geometry import Polygon

from benchmarks.synthetic import synthetic_services
from geo import charts
from geo.briefing import handout
from geo.charts.areas import DIRECTION_INSIDE_SHARE
from geo.charts.budget import UNIT_ANNOTATION_NAME
from geo.charts.common import LINE_SPACING_EM, TITLE_BASELINE_EM, text_px, title_pad
from geo.i18n import t
from geo.loaders import load_dashboard_data
from geo.mapping.canvas import FOLIUM_SERVICES_MAX
from geo.mapping.counts import counts_by_dong
from geo.model.vocab import AREA_SHORT, DIRECTION_TERMS, STATUS_TERMS, label

MANY = FOLIUM_SERVICES_MAX + 1_000


@pytest.fixture(scope="module")
def crowded(demo):
    """``MANY`` device-layer services over the city's dongs, all of 신길2 (one area's map above the threshold)."""
    services = synthetic_services(demo, MANY)
    services["area_id"] = "singil2"
    return services


def _traces(fig, prefix: str):
    return [trace for trace in fig.data if (trace.name or "").startswith(prefix)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_area_map_above_the_threshold_counts_per_dong_with_a_key_giving_the_total(demo, crowded, lang):
    fig = handout.area_map_figure(demo.boundaries, demo.areas, crowded, "singil2", lang)
    counts = counts_by_dong(crowded, demo.boundaries, lang)
    assert len(counts) > 10 and counts["total"].sum() == MANY
    # No marker per service: every marker trace holds at most one point per dong.
    markers = [trace for trace in fig.data if trace.mode == "markers"]
    assert markers and all(len([x for x in trace.x if x is not None]) <= len(counts) for trace in markers)
    # One ring trace per status; the legend gives each status's count, and they add up to the services.
    assert [trace.name for trace in _traces(fig, "ring-")] == [f"ring-{s}" for s in STATUS_TERMS]
    legend = [trace.name for trace in fig.data if trace.showlegend is not False and trace.x == (None,)]
    expected = crowded["status"].value_counts()
    assert legend == [f"{label(STATUS_TERMS, s, lang)} ({int(expected.get(s, 0)):,})" for s in STATUS_TERMS]
    key = next(a for a in fig.layout.annotations if a.name == "count-key")
    assert f"{MANY:,}" in key.text and f"{int(counts['total'].max()):,}" in key.text
    # Every label shown names its dong and its count; the largest count is always labelled.
    labels = _traces(fig, "count-labels")[0]
    shown = {text.split("<br>")[0]: text for text in labels.text}
    assert counts["name"].iloc[0] in shown
    for row in counts.itertuples():
        if row.name in shown:
            assert f"{row.total:,}" in shown[row.name]


def test_a_ring_is_split_by_status_in_proportion_to_the_counts(demo, crowded):
    fig = handout.area_map_figure(demo.boundaries, demo.areas, crowded, "singil2", "ko")
    counts = counts_by_dong(crowded, demo.boundaries, "ko").iloc[0]

    def first_segment_area(trace) -> float:
        # The largest dong comes first in counts_by_dong, so its segment is the first path of each trace.
        xs, ys = list(trace.x), list(trace.y)
        end = xs.index(None)
        return Polygon(list(zip(xs[:end], ys[:end], strict=True))).area

    areas = {trace.name.removeprefix("ring-"): first_segment_area(trace) for trace in _traces(fig, "ring-")}
    whole = sum(areas.values())
    for status in STATUS_TERMS:
        assert areas[status] / whole == pytest.approx(counts[status] / counts["total"], abs=0.01), status


def test_below_the_threshold_the_area_map_draws_each_service(demo):
    fig = handout.area_map_figure(demo.boundaries, demo.areas, demo.services, "singil2", "ko")
    assert not _traces(fig, "ring-") and not [a for a in fig.layout.annotations if a.name == "count-key"]
    shown = demo.services.loc[demo.services["area_id"] == "singil2"]
    drawn = sum(len(trace.x) for trace in fig.data if trace.mode == "markers")
    assert drawn == len(shown)


def test_the_appendix_counts_per_area_and_status_above_the_threshold(demo, crowded):
    table = handout.appendix_counts(crowded, "en")
    assert list(table.columns) == ["Area", *(term.en for term in STATUS_TERMS.values()), "Total"]
    total = table.loc[table["Area"] == "Total"].iloc[0]
    assert total["Total"] == f"{MANY:,}"
    for status, term in STATUS_TERMS.items():
        assert total[term.en] == f"{int((crowded['status'] == status).sum()):,}"


def _direction_frame(counts: list[int], operating: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"direction": list(DIRECTION_TERMS), "count": counts, "operating": operating})


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("size", ["normal", "large"])
def test_direction_labels_at_large_counts_have_separators_and_fit_the_figure(lang, size):
    frame = _direction_frame([100_000, 41_250, 7], [16_739, 9_000, 1])
    fig = charts.direction_figure(frame, lang, size)
    bar = fig.data[0]
    assert bar.text[0].split("<br>")[0] == f"100,000{'건' if lang == 'ko' else ''}"
    assert bar.text[0].endswith("16,739") and bar.text[1].endswith("9,000")
    assert not any("…" in text for text in bar.text)
    # A bar at least 60 % of the longest holds its label; a shorter one has it beside it, where the axis
    # (ending at the longest bar) leaves the right margin for it.
    assert list(bar.textposition) == [
        "inside" if c >= DIRECTION_INSIDE_SHARE * 100_000 else "outside" for c in frame["count"]
    ]
    assert fig.layout.xaxis.range[1] == 100_000
    for text, where in zip(bar.text, bar.textposition, strict=True):
        if where == "outside":
            assert fig.layout.margin.r >= text_px(text, fig.layout.font.size)
    # The briefing's compact chart keeps the margin in step with its smaller type.
    compact = charts.compact_figure(fig, 320, 18)
    assert compact.layout.margin.r >= max(
        text_px(t, 18) for t, w in zip(bar.text, bar.textposition, strict=True) if w == "outside"
    )


def _title_box_bottom(fig) -> float:
    """Where the title's and the note's lines end (px from the figure's top), from the layout's numbers."""
    title_px = fig.layout.title.font.size
    lines = fig.layout.title.text.count("<br>") + 1
    bottom = title_pad(title_px, lines) + (0.7 * title_px if lines == 1 else 0)  # first baseline
    bottom += LINE_SPACING_EM * title_px * (lines - 1) + 0.4 * title_px
    note = fig.layout.title.subtitle.text
    if note:
        note_px = fig.layout.title.subtitle.font.size
        bottom += note_px * (0.5 + LINE_SPACING_EM * (note.count("<br>") + 1))
    return bottom


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_budget_title_note_and_unit_do_not_meet_at_large_counts_on_the_briefing(lang):
    years = range(2032, 2036)
    frame = pd.DataFrame({"year": list(years), "funding": "시비", "budget_krw_100m": [20_370.0 + y for y in range(4)]})
    frame.attrs["has_sample"] = True
    fig = charts.compact_figure(charts.budget_by_year_figure(frame, lang, "large"), 320, 18)
    # The axis says only its unit, level above the plot: no upright title taller than a short plot.
    assert not fig.layout.yaxis.title.text
    unit = next(a for a in fig.layout.annotations if a.name == UNIT_ANNOTATION_NAME)
    assert unit.text == ("억원" if lang == "ko" else "× KRW 100 m") and (unit.y, unit.yanchor) == (1, "bottom")
    # Title, note, and the row holding the unit and the sample badge all end above the plot.
    badge = next(a for a in fig.layout.annotations if a.name == charts.SAMPLE_ANNOTATION_NAME)
    badge_px = badge.font.size * LINE_SPACING_EM + 2 * badge.borderpad + 2 * badge.borderwidth + badge.yshift
    assert _title_box_bottom(fig) + badge_px <= fig.layout.margin.t + 1
    # At 1366×768 (a 420 px column) the Korean title stands on one line.
    assert ("<br>" in fig.layout.title.text) == (lang == "en")
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= 40
    assert all(re.fullmatch(r"[\d,]+", a.text) for a in fig.layout.annotations if a.xref == "x")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_compact_budget_chart_with_every_funding_source_keeps_its_plot(lang):
    """Five funding sources: at 1366 px (a 420 px column) the Korean legend takes two rows; the English one, its
    longest item wider than half the plot, one item per row as Plotly lays it out (the English title on two lines).
    The chart grows instead of squeezing its plot to 20 px, and the rows fit under the years."""
    from geo.charts.common import MIN_PLOT_PX, foot_legend_rows
    from geo.model.vocab import FUNDING_TERMS

    years = range(2032, 2036)
    frame = pd.DataFrame(
        [(year, funding, 100.0) for year in years for funding in FUNDING_TERMS],
        columns=["year", "funding", "budget_krw_100m"],
    )
    fig = charts.compact_figure(charts.budget_by_year_figure(frame, lang, "large"), 320, 18)
    rows = foot_legend_rows(fig, 420, 18)
    assert rows == {"ko": 2, "en": 5}[lang]
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b >= MIN_PLOT_PX
    assert fig.layout.margin.b >= 18 * (1.8 + 1.6 * rows) - 1
    assert fig.layout.height > 320  # grown for the legend's rows


def test_compact_titles_break_for_the_briefing_column_not_a_phone():
    frame = _direction_frame([3, 2, 1], [1, 1, 0])
    fig = charts.direction_figure(frame, "ko", "large")
    assert fig.layout.title.text == "추진 방향별<br>스마트서비스"
    title_px = fig.layout.title.font.size
    compact = charts.compact_figure(fig, 320, 18, width_px=800)
    assert compact.layout.title.text == "추진 방향별 스마트서비스"
    assert compact.layout.title.pad.t == round(title_px * (TITLE_BASELINE_EM - 0.7))


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from tests.e2e.test_kiosk_scale import write_city_scale_data_dir

    return load_dashboard_data(write_city_scale_data_dir(tmp_path_factory.mktemp("city") / "data"))


def _area_pages(pages, data):
    return {
        area: page
        for page in pages
        for area in data.areas["area_id"]
        if page.layout.title.text == f"<b>{label(handout.AREA_TERMS, area, 'ko')}</b>"
    }


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_handout_at_100000_services_counts_per_dong_and_per_area(city, lang):
    from datetime import date

    pages = handout.briefing_figures(city, date(2026, 11, 29), date(2026, 9, 1), lang)
    # Overview, portfolio, citizens today, five areas, the trend, what changed, one appendix page of counts.
    assert len(pages) == 11
    for page in pages[3:8]:
        key = next(a for a in page.layout.annotations if a.name == "count-key")
        assert f"{10_000:,}" in key.text
        markers = [tr for tr in page.data if tr.type == "scatter" and tr.mode == "markers"]
        assert sum(len([x for x in tr.x if x is not None]) for tr in markers) < 200
        # The direction chart's counts have separators and none is cut.
        direction = next(tr for tr in page.data if tr.type == "bar" and tr.orientation == "h")
        assert any(text.startswith("10,000") for text in direction.text)
        assert not any("…" in text for text in direction.text)
    appendix = pages[-1].data[0]
    assert appendix.type == "table"
    assert tuple(appendix.cells.values[0][-2:]) == (label(AREA_SHORT, "citywide", lang), t("chart.total", lang))
    assert appendix.cells.values[-1][-1] == "100,000"


@pytest.mark.slow
@pytest.mark.browser  # kaleido draws the PDF in Chromium
def test_the_handout_at_100000_services_renders_with_counts_on_its_pages(city):
    from datetime import date

    from pypdf import PdfReader

    pages = handout.briefing_figures(city, date(2026, 11, 29), date(2026, 9, 1), "ko")
    reader = PdfReader(io.BytesIO(handout.figures_to_pdf([pages[3], pages[-1]])))
    # Text copied out of the PDF has spaces between Hangul and digits: compared without spaces.
    area, appendix = (re.sub(r"\s+", "", page.extract_text()) for page in reader.pages)
    assert "동별스마트서비스(모두10,000건)" in area and "운영1,650" in area and "…" not in area
    assert "시전역" in appendix and "100,000" in appendix


def test_a_legend_that_does_not_fit_one_row_takes_columns_as_wide_as_its_widest_item():
    """Plotly lays a wrapped horizontal legend out in equal columns: four items, one of them long, in a narrow
    plot take one row each (the English trend slide at 1366 px drew its legend over the plot)."""
    from geo.charts.common import foot_legend_rows

    fig = go.Figure()
    for name in ("Planned", "Building", "Operating", "Reported budget, summed (× KRW 100 m)"):
        fig.add_bar(name=name, x=[1], y=[1])
    fig.update_layout(legend={"orientation": "h", "yref": "container", "y": 0}, margin={"l": 40, "r": 40})
    assert foot_legend_rows(fig, 2000, 20) == 1
    assert foot_legend_rows(fig, 900, 20) == 4
    short = go.Figure(fig)
    short.data[-1].name = "Budget"
    assert foot_legend_rows(short, 900, 20) == 1
