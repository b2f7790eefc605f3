"""The figures agree with the data, carry their labels and sample badge, and fetch nothing from the internet.

Totals are recomputed here straight from the services frame with plain loops,
independently of ``geo.analysis.aggregate``, and compared with the numbers inside the traces.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from datetime import date

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest
from shapely.geometry import Polygon

from geo import charts
from geo.analysis import aggregate as agg
from geo.analysis.stats import format_budget
from geo.charts.common import text_width
from geo.model.vocab import AREA_SHORT, DIRECTION_TERMS, DOMAIN_TERMS, FUNDING_TERMS, STATUS_TERMS, label


@pytest.fixture(scope="module")
def services(demo):
    return demo.services


def _active_rows(services):
    return [row for row in services.itertuples() if row.status != "취소"]


def _all_figures(demo) -> dict[str, go.Figure]:
    s = demo.services
    return {
        "domain_status": charts.domain_status_figure(agg.services_by_domain_status(s)),
        "domain": charts.domain_figure(agg.services_by_domain_status(s)),
        "direction": charts.direction_figure(agg.services_by_direction(s)),
        "budget_year": charts.budget_by_year_figure(agg.budget_by_year(s)),
        "budget_funding": charts.budget_by_funding_figure(agg.budget_by_funding(s)),
        "timeline": charts.timeline_figure(agg.timeline_rows(s, "choji"), as_of=date(2026, 5, 1)),
        "progress": charts.progress_figure(agg.progress_by_area(s)),
        "compare": charts.area_comparison_figure(agg.services_by_area_status(s)),
        "dong": charts.dong_choropleth_figure(
            agg.services_by_place(s, "dong", boundaries=demo.boundaries), demo.boundaries, areas=demo.areas
        ),
        "milestones": charts.milestones_figure(demo.plan),
    }


def test_domain_status_bars_equal_counts_from_the_services(services):
    fig = charts.domain_status_figure(agg.services_by_domain_status(services))
    expected = Counter((row.domain, row.status) for row in services.itertuples())
    assert [trace.meta for trace in fig.data] == list(STATUS_TERMS)
    for trace in fig.data:
        assert trace.name == STATUS_TERMS[trace.meta].ko
        for domain_label, count in zip(trace.y, trace.x, strict=True):
            domain = next(d for d, term in DOMAIN_TERMS.items() if term.ko == domain_label)
            assert (count or 0) == expected[(domain, trace.meta)], (domain, trace.meta)
    assert sum(sum(c or 0 for c in trace.x) for trace in fig.data) == len(services)


def test_domain_bars_equal_counts_and_use_domain_colours(services):
    fig = charts.domain_figure(agg.services_by_domain_status(services), lang="en")
    expected = Counter(row.domain for row in services.itertuples())
    bar = fig.data[0]
    assert dict(zip(bar.customdata, bar.x, strict=True)) == dict(expected)
    assert list(bar.marker.color) == [DOMAIN_TERMS[d].colour for d in bar.customdata]
    assert bar.y[0] == DOMAIN_TERMS[bar.customdata[0]].en


def test_direction_bars_equal_counts(services):
    fig = charts.direction_figure(agg.services_by_direction(services))
    expected = Counter(row.direction for row in services.itertuples())
    bar = fig.data[0]
    assert list(bar.y) == [term.ko for term in DIRECTION_TERMS.values()]
    assert list(bar.x) == [expected[d] for d in DIRECTION_TERMS]
    assert bar.text[0].startswith(f"{expected['citizen']}건")


def test_budget_by_year_bars_equal_budgets_spread_over_years(services):
    expected: dict[tuple[int, str], float] = defaultdict(float)
    for row in _active_rows(services):
        years = list(range(int(row.start_year), int(row.end_year) + 1))
        for year in years:
            expected[(year, row.funding)] += float(row.budget_krw_100m) / len(years)
    fig = charts.budget_by_year_figure(agg.budget_by_year(services))
    # Only the sources with money in these years get a bar (and a legend entry).
    assert [trace.meta for trace in fig.data] == [f for f in FUNDING_TERMS if any(k[1] == f for k in expected)]
    for trace in fig.data:
        for year, value in zip(trace.x, trace.y, strict=True):
            assert value == pytest.approx(expected.get((year, trace.meta), 0.0)), (year, trace.meta)
    total = sum(sum(trace.y) for trace in fig.data)
    assert total == pytest.approx(sum(float(row.budget_krw_100m) for row in _active_rows(services)))


def test_budget_by_funding_slices_equal_budgets(services):
    expected: dict[str, float] = defaultdict(float)
    for row in _active_rows(services):
        expected[row.funding] += float(row.budget_krw_100m)
    fig = charts.budget_by_funding_figure(agg.budget_by_funding(services))
    pie = fig.data[0]
    for funding, value in zip(pie.customdata, pie.values, strict=True):
        assert value == pytest.approx(expected[funding])
    assert list(pie.marker.colors) == [FUNDING_TERMS[f].colour for f in pie.customdata]
    total_text = f"{sum(expected.values()):,.1f}억원"
    assert any(total_text in (a.text or "") for a in fig.layout.annotations)


def test_timeline_bars_span_start_of_start_year_to_end_of_end_year(services):
    choji = [row for row in services.itertuples() if row.area_id == "choji"]
    fig = charts.timeline_figure(agg.timeline_rows(services, "choji"))
    seen = {}
    for trace in fig.data:
        assert trace.marker.color == STATUS_TERMS[trace.meta].colour
        for base, custom in zip(trace.base, trace.customdata, strict=True):
            seen[custom[0]] = (trace.meta, str(base)[:10], custom[2], custom[3])
    assert len(seen) == len(choji)
    for row in choji:
        status, base, start, end = seen[row.service_id]
        assert (status, base, start, end) == (row.status, f"{row.start_year}-01-01", row.start_year, row.end_year)
    names = {row.name_ko for row in choji}
    assert {y for trace in fig.data for y in trace.y} == names


def test_progress_gauges_equal_shares_computed_from_the_services(services):
    fig = charts.progress_figure(agg.progress_by_area(services))
    for trace in fig.data:
        rows = [row for row in services.itertuples() if row.area_id == trace.meta["area_id"]]
        active = [row for row in rows if row.status != "취소"]
        operating = sum(row.status == "운영" for row in active)
        if not active:  # an area without services (the demo has none in 의왕·군포·안산) has no share
            assert trace.value is None or trace.value != trace.value
            continue
        assert trace.meta["measure"] == "share_operating"
        assert trace.value == pytest.approx(100 * operating / len(active))
    assert len(fig.data) == 6  # one gauge per area: no schedule measure, no source gives due dates


def test_area_comparison_uses_one_scale_and_equals_counts(services):
    fig = charts.area_comparison_figure(agg.services_by_area_status(services))
    expected = Counter((row.area_id, row.status) for row in services.itertuples())
    assert [trace.meta["status"] for trace in fig.data] == list(STATUS_TERMS)
    for trace in fig.data:
        for area_id, count in zip(trace.customdata, trace.x, strict=True):
            assert (count or 0) == expected[(area_id, trace.meta["status"])]
    # One count axis, stacked: each area's bar is as long as its services.
    assert fig.layout.barmode == "stack" and not any(name.startswith("xaxis2") for name in fig.layout)
    totals = Counter(row.area_id for row in services.itertuples())
    assert fig.layout.xaxis.range[1] >= max(totals.values())
    # The names (with their totals) are the axis labels, readable at any width.
    first = fig.data[0]
    for area_id, name in zip(first.customdata, first.y, strict=True):
        assert name.endswith(f"{totals[area_id]}건") and label(AREA_SHORT, area_id, "ko") in name


def test_dong_map_labels_equal_counts_and_budgets(services, demo):
    counts = Counter(row.dong for row in services.itertuples())
    budgets: dict[str, float] = defaultdict(float)
    for row in _active_rows(services):
        budgets[row.dong] += float(row.budget_krw_100m)
    for value, expected in (("count", counts), ("budget_krw_100m", budgets)):
        table = agg.services_by_place(services, "dong", boundaries=demo.boundaries)
        fig = charts.dong_choropleth_figure(table, demo.boundaries, value=value)
        labels = next(trace for trace in fig.data if trace.name == "labels")
        assert len(labels.customdata) == 25
        for _gu, dong, amount in labels.customdata:
            assert amount == pytest.approx(expected.get(dong, 0)), (value, dong)
        polygons = [trace for trace in fig.data if isinstance(trace.meta, dict) and "dong" in trace.meta]
        assert len(polygons) == 25


def test_dong_map_is_plain_cartesian_with_equal_scale(demo):
    fig = _all_figures(demo)["dong"]
    assert all(isinstance(trace, go.Scatter) for trace in fig.data)
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1


def test_milestones_keep_months_as_months_and_show_the_interim_note(demo):
    fig = charts.milestones_figure(demo.plan)
    dates = [str(m["date"]) for m in demo.plan["milestones"]]
    assert list(fig.data[0].x) == dates
    assert "2025-01" in dates and "2025-01-01" not in fig.to_json()
    interim = fig.data[0].text[dates.index("2025-01")]
    assert "중간보고회" in interim and "※" in interim
    assert "올해 1월" in fig.layout.title.subtitle.text
    english = charts.milestones_figure(demo.plan, lang="en")
    note = english.layout.title.subtitle.text
    assert "January of this year" in note.replace("<br>", " ")
    # In short lines: plotly never wraps a subtitle, and a long one ran past a half-width chart's edge.
    assert all(len(line) <= charts.CAPTION_LINE_CHARS for line in note.split("<br>"))


def _has_sample_badge(fig: go.Figure) -> str | None:
    badge = [a for a in fig.layout.annotations if a.name == charts.SAMPLE_ANNOTATION_NAME]
    return badge[0].text if badge else None


def test_figures_from_sample_records_say_so_and_others_do_not(demo):
    figures = _all_figures(demo)
    for name, fig in figures.items():
        expected = None if name == "milestones" else "예시 데이터"
        assert _has_sample_badge(fig) == expected, name
    real = demo.services.assign(is_sample=False)
    assert _has_sample_badge(charts.direction_figure(agg.services_by_direction(real))) is None
    english = charts.direction_figure(agg.services_by_direction(demo.services), lang="en")
    assert _has_sample_badge(english) == "Sample data"


def test_large_size_sets_every_text_to_at_least_24_px(demo):
    s = demo.services
    figures = [
        charts.domain_status_figure(agg.services_by_domain_status(s), size="large"),
        charts.budget_by_year_figure(agg.budget_by_year(s), size="large"),
        charts.progress_figure(agg.progress_by_area(s), size="large"),
        charts.milestones_figure(demo.plan, size="large"),
    ]
    for fig in figures:
        spec = fig.to_plotly_json()
        spec["layout"].pop("template")  # the theme's defaults, all overridden by the figure's own sizes
        sizes = [int(v) for v in re.findall(r"'size': (\d+)", str(spec["layout"]) + str(spec["data"]))]
        sizes += [int(v) for v in re.findall(r"font-size:(\d+)px", str(spec))]
        assert sizes and min(sizes) >= 24
        assert fig.layout.font.family == charts.FONT_FAMILY
    with pytest.raises(ValueError, match="size"):
        charts.direction_figure(agg.services_by_direction(s), size="huge")


def test_budget_text_uses_eok_won_with_thousands_separators():
    assert format_budget(1234.5) == "1,234.5억원"
    assert format_budget(1_530_000) == "1,530,000.0억원"
    assert format_budget(12.34, "en") == "KRW 1.2 bn"


def test_an_area_without_projects_says_so_plainly(services):
    none = services.iloc[0:0]
    for fig in (
        charts.domain_status_figure(agg.services_by_domain_status(none)),
        charts.area_comparison_figure(agg.services_by_area_status(none)),
    ):
        assert [a.text for a in fig.layout.annotations if a.name == "no-data"] == ["보도된 사업 없음"]
    # Honest when projects exist but no source gives their direction or period.
    direction = charts.direction_figure(agg.services_by_direction(none))
    assert [a.text for a in direction.layout.annotations if a.name == "no-data"] == ["추진 방향이 보도된 사업 없음"]
    timeline = charts.timeline_figure(agg.timeline_rows(none))
    assert [a.text for a in timeline.layout.annotations if a.name == "no-data"] == ["기간이 보도된 사업 없음"]
    english = charts.budget_by_year_figure(agg.budget_by_year(none), lang="en")
    assert [a.text for a in english.layout.annotations if a.name == "no-data"] == ["No reported budget"]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("size", ["normal", "large"])
def test_no_budget_message_and_its_note_never_meet(services, lang, size):
    # The chart's four-line English note under the title ran into "No reported budget" on a 320 px slide.
    none = services.iloc[0:0]
    for fig in (
        charts.budget_by_year_figure(agg.budget_by_year(none), lang=lang, size=size),
        charts.budget_by_funding_figure(agg.budget_by_funding(none), lang=lang, size=size),
    ):
        assert not fig.layout.title.subtitle.text  # nothing left under the title to reach the message
        named = {a.name: a for a in fig.layout.annotations}
        message, note = named["no-data"], named["no-data-note"]
        assert message.text == ("보도된 사업비 없음" if lang == "ko" else "No reported budget")
        expected = (
            "취소 사업·다른 시 몫 제외" if lang == "ko" else "Cancelled projects and other cities' shares excluded"
        )
        assert note.text.replace("<br>", " ") == expected
        # The message's lines end on the middle line and the note's lines start below it, whatever the height.
        assert (message.yref, message.y, message.yanchor) == ("paper", 0.5, "bottom")
        assert (note.yref, note.y, note.yanchor) == ("paper", 0.5, "top")
        assert (message.yshift or 0) >= 0 > note.yshift
        # Each line fits a half-width chart.
        width = charts.CAPTION_LINE_CHARS * 12
        for annotation in (message, note):
            assert all(text_width(line) * annotation.font.size <= width for line in annotation.text.split("<br>"))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_two_line_title_starts_where_a_one_line_title_does_and_the_plot_starts_below_it(services, lang):
    # Plotly drops the cap-height shift of a title's first line when the title has several lines: the
    # first line of "추진 방향별<br>스마트서비스" started 34 px above a briefing chart and was cut off.
    one = charts.direction_figure(agg.services_by_direction(services), lang)
    two = charts.direction_figure(agg.services_by_direction(services), lang, "large")
    assert "<br>" not in one.layout.title.text and "<br>" in two.layout.title.text
    for fig in (one, two):
        size, lines = fig.layout.title.font.size, fig.layout.title.text.count("<br>") + 1
        assert (fig.layout.title.yref, fig.layout.title.y, fig.layout.title.yanchor) == ("container", 1, "top")
        # First baseline: the pad, plus plotly's cap shift (0.7 em) for a one-line title only.
        baseline = fig.layout.title.pad.t + (0.7 * size if lines == 1 else 0)
        assert baseline == pytest.approx(1.25 * size, abs=1)
        # The last line's box (down to 0.4 em under its baseline) ends above the plot area.
        assert baseline + 1.3 * size * (lines - 1) + 0.4 * size < fig.layout.margin.t
    # The briefing's compact charts keep room for both lines at a smaller height.
    compact = charts.compact_figure(two, 320, 18)
    assert compact.layout.height == 320 and compact.layout.font.size == 18
    assert compact.layout.margin.t >= 1.25 * 32 + 1.3 * 32 + 0.4 * 32 + 18
    noted = charts.budget_by_year_figure(agg.budget_by_year(services), lang, "large")
    assert noted.layout.title.subtitle.text
    # A note under the title takes its own lines on top of the title's.
    assert charts.compact_figure(noted, 320, 18).layout.margin.t > compact.layout.margin.t


def test_count_axes_have_whole_number_ticks_when_counts_are_small(services):
    few = services.loc[services["area_id"] == "choji"].head(2)
    for fig in (
        charts.domain_status_figure(agg.services_by_domain_status(few)),
        charts.direction_figure(agg.services_by_direction(few)),
    ):
        assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",d"
    compare = charts.area_comparison_figure(agg.services_by_area_status(few))
    assert compare.layout.xaxis.dtick == 1


def test_a_chart_without_data_shows_the_message_and_no_zero_counts(services):
    none = services.iloc[0:0]
    for fig in (
        charts.direction_figure(agg.services_by_direction(none)),
        charts.area_comparison_figure(agg.services_by_area_status(none)),
    ):
        assert [a.name for a in fig.layout.annotations if a.name == "no-data"] == ["no-data"]
        assert all(not trace.text for trace in fig.data if trace.type == "bar")


def test_font_stack_uses_installed_korean_fonts_not_web_fonts():
    for family in ("Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "sans-serif"):
        assert family in charts.FONT_FAMILY


def test_no_figure_refers_to_anything_on_the_internet(demo):
    for name, fig in _all_figures(demo).items():
        spec = fig.to_json()
        assert "http" not in spec, name
        assert not any(trace.type in ("scattergeo", "choropleth", "choroplethmap", "scattermap") for trace in fig.data)
        assert "geo" not in fig.layout.to_plotly_json() and "map" not in fig.layout.to_plotly_json(), name


@pytest.mark.browser  # kaleido draws it in Chromium
@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs Chromium (/usr/bin/chromium) to render PNG")
def test_a_figure_renders_to_png_with_hangul(demo):
    fig = charts.dong_choropleth_figure(
        agg.services_by_place(demo.services, "dong", boundaries=demo.boundaries), demo.boundaries
    )
    png = fig.to_image(format="png", width=800, height=600)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_choropleth_leaves_a_dongs_hole_empty():
    # 가동 surrounds 나동 (as a dong can surround another): 가동's fill must not cover 나동.
    outer = Polygon([(126.80, 37.30), (126.84, 37.30), (126.84, 37.33), (126.80, 37.33)])
    inner = Polygon([(126.81, 37.31), (126.83, 37.31), (126.83, 37.32), (126.81, 37.32)])
    boundaries = gpd.GeoDataFrame(
        {"level": ["dong", "dong"], "gu": ["상록구", "상록구"], "name_ko": ["가동", "나동"]},
        geometry=[outer.difference(inner), inner],
        crs="EPSG:4326",
    )
    by_dong = pd.DataFrame(
        {"gu": ["상록구", "상록구"], "dong": ["가동", "나동"], "count": [1, 2], "budget_krw_100m": [0.0, 0.0]}
    )
    fig = charts.dong_choropleth_figure(by_dong, boundaries, fit="city")
    fills = {trace.meta["dong"]: trace for trace in fig.data if trace.fill == "toself"}
    assert list(fills["가동"].x).count(None) == 2 and list(fills["나동"].x).count(None) == 1


def test_dong_map_labels_are_in_the_screen_language(bundled):
    table = agg.services_by_place(bundled.services, "dong", boundaries=bundled.boundaries)
    english = charts.dong_choropleth_figure(table, bundled.boundaries, lang="en")
    labels = next(trace for trace in english.data if trace.name == "labels")
    shown = [text for text in labels.text if text]
    assert shown and all(not re.search(r"[\uac00-\ud7a3]", text) for text in shown)
    assert any(text.startswith("Wongok-dong") for text in shown)
    # The keys stay the data's Korean names, so the map and the table still match.
    assert {dong for _gu, dong, _amount in labels.customdata} <= set(bundled.boundaries["name_ko"])


def test_timeline_bars_without_a_reported_phase_show_only_their_years(bundled):
    fig = charts.timeline_figure(agg.timeline_rows(bundled.services))
    texts = [str(text) for trace in fig.data for text in trace.text]
    assert texts and not any("None" in text or "nan" in text for text in texts)
    assert all(text[:4].isdigit() for text in texts)  # the real projects carry no phase: years only
