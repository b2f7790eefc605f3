"""Plotly figures for the district profiles, the overview and the briefing, built from ``geo.aggregate`` frames.

Each builder takes the DataFrame of one aggregation and returns a
``plotly.graph_objects.Figure``; the page shows the figure and offers the same
DataFrame for download (``geo.exports``), so chart and table always agree:

======================================  ==========================================
builder                                 data (``geo.aggregate``)
======================================  ==========================================
:func:`domain_status_figure`            ``services_by_domain_status``
:func:`domain_figure`                   ``services_by_domain_status``
:func:`direction_figure`                ``services_by_direction``
:func:`budget_by_year_figure`           ``budget_by_year``
:func:`budget_by_funding_figure`        ``budget_by_funding``
:func:`timeline_figure`                 ``timeline_rows``
:func:`progress_figure`                 ``progress_by_area``
:func:`area_comparison_figure`          ``services_by_area_status``
:func:`dong_choropleth_figure`          ``services_by_dong`` (with ``boundaries``)
:func:`milestones_figure`               ``milestones_frame`` (from ``plan``)
======================================  ==========================================

Look (DESIGN.md section 4): status, domain, direction and funding colours come
from ``geo.vocab`` and every colour comes with a label (legend or text); the
font stack uses fonts installed on the machine, never a web font; budgets
read ``1,234.5억원``; ``size="large"`` sets text to 24 px or more for the
projector and the kiosk. A figure built from illustrative records shows
"예시 데이터" (``sample``: by default read from the frame's
``attrs["has_sample"]``, which ``geo.aggregate`` sets).

Nothing here loads anything from the internet: maps are drawn as polygons on
plain cartesian axes in EPSG:5186 (no ``geo`` subplot, whose topojson Plotly
fetches from a CDN, and no tile map).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots
from shapely.geometry import MultiPolygon, Polygon

from geo.i18n import localized_column, t
from geo.io import METRIC_CRS
from geo.stats import format_budget
from geo.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    FUNDING_TERMS,
    PHASE_TERMS,
    STATUS_TERMS,
    label,
)

Lang = Literal["ko", "en"]
Size = Literal["normal", "large"]

FONT_FAMILY = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"

# Text sizes in px; "large" is for projectors and the kiosk (DESIGN.md: at least 24 px).
SIZES: dict[str, dict[str, int]] = {
    "normal": {"font": 14, "title": 20, "small": 12, "height": 480, "row": 28},
    "large": {"font": 24, "title": 32, "small": 24, "height": 760, "row": 48},
}

# Sequential, colour-blind safe scale for maps (light = few, dark = many).
MAP_COLORSCALE = "YlGnBu"
ON_SCHEDULE_COLOUR = "#0072B2"
SAMPLE_ANNOTATION_NAME = "sample-data"
#: Heights of milestone labels, in steps above (+) or below (−) the time line, used in turn.
MILESTONE_LEVELS: tuple[int, ...] = (1, -1, 2, -2)
#: Longest caption line (characters) under a chart's title; longer captions break between their parts.
CAPTION_LINE_CHARS = 48


def _sizes(size: str) -> dict[str, int]:
    if size not in SIZES:
        raise ValueError(f"size must be one of {list(SIZES)}, not {size!r}")
    return SIZES[size]


def _budget_hover(lang: str, axis: str) -> str:
    return "%{" + axis + ":,.1f}" + ("억원" if lang != "en" else " " + t("unit.100m_krw", "en"))


def _count_text(value: int, lang: str) -> str:
    return f"{value:,}{t('metric.count_unit', lang)}"


def _is_sample(data: Any, sample: bool | None) -> bool:
    if sample is not None:
        return sample
    return bool(getattr(data, "attrs", {}).get("has_sample", False))


def _style(
    fig: go.Figure,
    title: str,
    lang: str,
    size: str,
    sample: bool,
    height: int | None = None,
    note: str | None = None,
    top_extra: int = 0,
    badge_shift: int = 6,
) -> go.Figure:
    """Fonts, title, margins, the sample-data badge and an optional footnote, the same on every figure."""
    s = _sizes(size)
    top = s["title"] * 3 + (s["small"] * 2 if note else 0) + top_extra
    fig.update_layout(
        template="plotly_white",
        title={
            "text": title,
            "font": {"size": s["title"]},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 0.99,
            "yanchor": "top",
            "yref": "container",
        },
        font={"family": FONT_FAMILY, "size": s["font"], "color": "#222222"},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": s["font"]}},
        legend={"font": {"size": s["font"]}},
        height=height or s["height"],
        margin={"l": 20, "r": 20, "t": top, "b": 40},
        separators=".,",
    )
    if sample:
        fig.add_annotation(
            name=SAMPLE_ANNOTATION_NAME,
            text=t("sample.short", lang),
            xref="paper",
            yref="paper",
            x=1.0,
            y=1.0,
            # Top right, in the top margin above the plot area (and above facet titles when there are some).
            yshift=badge_shift,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": s["font"], "color": "#D55E00"},
            bordercolor="#D55E00",
            borderwidth=2,
            borderpad=4,
            bgcolor="#FFFFFF",
        )
    if note:
        fig.update_layout(title={"subtitle": {"text": note, "font": {"size": s["small"], "color": "#444444"}}})
    return fig


def with_caption(fig: go.Figure, caption: str) -> go.Figure:
    """A copy of ``fig`` with ``caption`` (what, when, from where) as a small grey line under its title.

    The line is part of the figure, so a PNG saved from the chart keeps it; the
    top margin grows by one line so nothing moves over the plot.
    """
    captioned = go.Figure(fig)
    size = max(int((captioned.layout.font.size or 14) * 0.8), 11)
    # Short lines (split between the " · " parts) so a half-width chart shows the whole caption.
    lines: list[str] = []
    for part in caption.split(" · "):
        if lines and len(lines[-1]) + len(part) + 3 <= CAPTION_LINE_CHARS:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    note = captioned.layout.title.subtitle.text
    text = "<br>".join([note, *lines] if note else lines)
    captioned.update_layout(
        title={"subtitle": {"text": text, "font": {"size": size, "color": "#555555"}}},
        margin={"t": (captioned.layout.margin.t or 80) + int(size * 1.5) * len(lines) + 4},
    )
    return captioned


def _no_data(fig: go.Figure, lang: str, size: str, key: str = "chart.no_services") -> go.Figure:
    """The chart says plainly that there is nothing to draw, instead of showing empty axes."""
    fig.add_annotation(
        name="no-data",
        text=t(key, lang),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": _sizes(size)["title"], "color": "#666666"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _count_axis(fig: go.Figure, peak: float, axis: Literal["x", "y"]) -> None:
    """Whole-number ticks on a count axis: no '0.5 services' when the counts are small."""
    step = 1 if peak <= 8 else (2 if peak <= 16 else None)
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tickformat=",d", rangemode="tozero", **({"dtick": step, "tick0": 0} if step else {}))


def domain_status_figure(
    by_domain_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Stacked horizontal bars: services per domain (서비스 분야), one stack segment per status.

    Parameters
    ----------
    by_domain_status : pandas.DataFrame
        ``geo.aggregate.services_by_domain_status``: ``domain``, ``status``, ``count``.
    lang, size, sample
        Language (``"ko"``/``"en"``), text size (``"normal"``/``"large"``) and whether
        to mark the figure as sample data (default: the frame's ``attrs``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status, in vocabulary order; ``meta`` holds the stored
        status value, ``y`` the domain labels and ``x`` the counts.
    """
    s = _sizes(size)
    domains = list(dict.fromkeys(by_domain_status["domain"]))
    fig = go.Figure()
    for status, term in STATUS_TERMS.items():
        rows = by_domain_status.loc[by_domain_status["status"] == status].set_index("domain")
        counts = [int(rows["count"].get(domain, 0)) for domain in domains]
        fig.add_bar(
            name=term.label(lang),
            meta=status,
            orientation="h",
            y=[label(DOMAIN_TERMS, domain, lang) for domain in domains],
            # No bar for a zero: a zero-width bar would still draw its outline as a stray tick.
            x=[c if c else None for c in counts],
            text=[str(c) if c else "" for c in counts],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont={"size": s["font"]},
            marker={
                "color": term.colour if status != "취소" else "#FFFFFF",
                "line": {"color": term.colour if status == "취소" else "#FFFFFF", "width": 2},
            },
            hovertemplate="%{y}<br>" + term.label(lang) + ": %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.15, "traceorder": "normal"})
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("field.count", lang))
    totals = by_domain_status.groupby("domain")["count"].sum()
    _count_axis(fig, float(totals.max()) if len(totals) else 0.0, "x")
    # Cancelled bars are hollow, so their numbers must be dark.
    fig.for_each_trace(lambda tr: tr.update(textfont_color="#000000") if tr.meta == "취소" else None)
    height = max(s["height"], s["row"] * len(domains) + s["title"] * 8)
    _style(fig, t("chart.domain_status", lang), lang, size, _is_sample(by_domain_status, sample), height)
    return _no_data(fig, lang, size) if by_domain_status["count"].sum() == 0 else fig


def domain_figure(
    by_domain_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Horizontal bars: services per domain, each domain in its fixed colour, with its count as text.

    Takes the same frame as :func:`domain_status_figure` and sums over statuses.
    One trace; ``y`` the domain labels, ``x`` the counts, ``customdata`` the stored domain values.
    """
    s = _sizes(size)
    totals = by_domain_status.groupby("domain", sort=False)["count"].sum()
    domains = list(totals.index)
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[label(DOMAIN_TERMS, d, lang) for d in domains],
            x=[int(v) for v in totals],
            customdata=domains,
            marker={"color": [DOMAIN_TERMS[d].colour if d in DOMAIN_TERMS else "#666666" for d in domains]},
            text=[_count_text(int(v), lang) for v in totals],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("field.count", lang))
    _count_axis(fig, float(totals.max()) if len(totals) else 0.0, "x")
    height = max(s["height"], s["row"] * len(domains) + s["title"] * 6)
    _style(fig, t("chart.domain", lang), lang, size, _is_sample(by_domain_status, sample), height)
    return _no_data(fig, lang, size) if totals.sum() == 0 else fig


def direction_figure(
    by_direction: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Horizontal bars: services per plan direction (추진 방향), in direction colours, count as text.

    Parameters
    ----------
    by_direction : pandas.DataFrame
        ``geo.aggregate.services_by_direction``.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace; ``y`` the direction labels, ``x`` the counts, ``customdata``
        the direction ids and operating counts.
    """
    directions = list(by_direction["direction"])
    counts = [int(v) for v in by_direction["count"]]
    operating = [int(v) for v in by_direction["operating"]]
    operating_label = label(STATUS_TERMS, "운영", lang)
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[label(DIRECTION_TERMS, d, lang) for d in directions],
            x=counts,
            customdata=list(zip(directions, operating, strict=True)),
            marker={"color": [DIRECTION_TERMS[d].colour if d in DIRECTION_TERMS else "#666666" for d in directions]},
            text=[f"{_count_text(c, lang)} ({operating_label} {o})" for c, o in zip(counts, operating, strict=True)],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("field.count", lang), range=[0, max([*counts, 1]) * 1.35])
    _count_axis(fig, max([*counts, 1]) * 1.35, "x")
    _style(fig, t("chart.direction", lang), lang, size, _is_sample(by_direction, sample))
    return _no_data(fig, lang, size, "chart.no_direction") if sum(counts) == 0 else fig


def budget_by_year_figure(
    by_year: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Stacked bars: budget per year (억원), one stack segment per funding source.

    Parameters
    ----------
    by_year : pandas.DataFrame
        ``geo.aggregate.budget_by_year``: ``year``, ``funding``, ``budget_krw_100m``.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per funding source (``meta`` the stored value), ``x`` the
        years, ``y`` the budgets; the yearly total is written above each bar.
    """
    s = _sizes(size)
    years = sorted({int(y) for y in by_year["year"]})
    fig = go.Figure()
    for funding, term in FUNDING_TERMS.items():
        rows = by_year.loc[by_year["funding"] == funding].set_index("year")["budget_krw_100m"]
        fig.add_bar(
            name=term.label(lang),
            meta=funding,
            x=years,
            y=[float(rows.get(year, 0.0)) for year in years],
            marker={"color": term.colour},
            hovertemplate="%{x} " + term.label(lang) + ": " + _budget_hover(lang, "y") + "<extra></extra>",
        )
    totals = by_year.groupby("year")["budget_krw_100m"].sum()
    for year in years:
        fig.add_annotation(
            x=year,
            y=float(totals[year]),
            text=f"{totals[year]:,.0f}",
            showarrow=False,
            yanchor="bottom",
            font={"size": s["small"]},
        )
    unit = "억원" if lang != "en" else t("unit.100m_krw", "en")
    # The legend, titled 재원, sits under the years; an axis title there would collide with it.
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "traceorder": "normal"},
        legend_title_text=t("field.funding", lang),
    )
    fig.update_xaxes(title=None, dtick=1, tickformat="d")
    fig.update_yaxes(title=f"{t('field.budget', lang)} ({unit})", tickformat=",.0f")
    note = f"{t('chart.budget_spread', lang)}, {t('chart.excluding_cancelled', lang)}"
    _style(fig, t("chart.budget_year", lang), lang, size, _is_sample(by_year, sample), note=note)
    return _no_data(fig, lang, size, "chart.no_budget") if not years or totals.sum() == 0 else fig


def budget_by_funding_figure(
    by_funding: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Donut: budget per funding source (재원), each slice labelled with its 억원 and share; total in the hole.

    Parameters
    ----------
    by_funding : pandas.DataFrame
        ``geo.aggregate.budget_by_funding``.

    Returns
    -------
    plotly.graph_objects.Figure
        One pie trace; ``labels`` the funding labels, ``values`` the budgets,
        ``customdata`` the stored funding values.
    """
    s = _sizes(size)
    fundings = list(by_funding["funding"])
    values = [float(v) for v in by_funding["budget_krw_100m"]]
    total = sum(values)
    fig = go.Figure(
        go.Pie(
            labels=[label(FUNDING_TERMS, f, lang) for f in fundings],
            values=values,
            customdata=fundings,
            hole=0.5,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [FUNDING_TERMS[f].colour if f in FUNDING_TERMS else "#666666" for f in fundings],
                "line": {"color": "#FFFFFF", "width": 2},
            },
            text=[format_budget(v, lang) for v in values],
            texttemplate="%{label}<br>%{text}<br>%{percent:.1%}",
            textposition="outside",
            textfont={"size": s["font"]},
            hovertemplate="%{label}: %{text} (%{percent:.1%})<extra></extra>",
            showlegend=True,
        )
    )
    fig.add_annotation(
        text=f"{t('chart.total', lang)}<br><b>{format_budget(total, lang)}</b>",
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": s["font"]},
    )
    _style(
        fig,
        t("chart.budget_funding", lang),
        lang,
        size,
        _is_sample(by_funding, sample),
        note=t("chart.excluding_cancelled", lang),
    )
    return _no_data(fig, lang, size, "chart.no_budget") if total == 0 else fig


def timeline_figure(
    timeline: pd.DataFrame,
    lang: Lang = "ko",
    size: Size = "normal",
    sample: bool | None = None,
    as_of: date | None = None,
) -> go.Figure:
    """Gantt chart: one bar per service from the start of ``start_year`` to the end of ``end_year``.

    Bars are coloured by status (legend), labelled by service name on the
    axis and by phase and years inside the bar; services are grouped by phase
    (단기, 중기, 장기) as ``geo.aggregate.timeline_rows`` orders them.

    Parameters
    ----------
    timeline : pandas.DataFrame
        ``geo.aggregate.timeline_rows``.
    as_of : datetime.date, optional
        Draw a vertical line on this day.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status present (``px.timeline``): ``base`` the start
        dates, ``x`` the durations in ms, ``y`` the names; the end year is
        included, so a 2026–2027 service ends on 2028-01-01.
    """
    s = _sizes(size)
    if timeline.empty:
        empty = _style(go.Figure(), t("chart.timeline", lang), lang, size, _is_sample(timeline, sample))
        return _no_data(empty, lang, size, "chart.no_period")
    rows = timeline.copy()
    names = localized_column(rows, "name", lang)
    # Two services with one name would share a bar row; their ids keep them apart.
    duplicate = names.duplicated(keep=False)
    rows["label"] = names.where(~duplicate, names + " (" + rows["service_id"] + ")")
    rows["status_label"] = [label(STATUS_TERMS, v, lang) for v in rows["status"]]
    rows["start"] = [f"{int(y)}-01-01" for y in rows["start_year"]]
    rows["finish"] = [f"{int(y) + 1}-01-01" for y in rows["end_year"]]
    rows["bar_text"] = [
        f"{label(PHASE_TERMS, p, lang)} · {a}–{b}"
        for p, a, b in zip(rows["phase"], rows["start_year"], rows["end_year"], strict=True)
    ]
    order = [label(STATUS_TERMS, v, lang) for v in STATUS_TERMS]
    fig = px.timeline(
        rows,
        x_start="start",
        x_end="finish",
        y="label",
        color="status_label",
        text="bar_text",
        custom_data=["service_id", "status", "start_year", "end_year"],
        color_discrete_map={label(STATUS_TERMS, v, lang): term.colour for v, term in STATUS_TERMS.items()},
        category_orders={"status_label": order, "label": list(rows["label"])},
    )
    # Without rows plotly draws one unnamed placeholder trace; there is no status to style.
    for trace in fig.data if not rows.empty else ():
        status = next(v for v in STATUS_TERMS if label(STATUS_TERMS, v, lang) == trace.name)
        trace.update(
            meta=status,
            textposition="inside",
            insidetextanchor="start",
            textfont={"size": s["small"], "color": "#FFFFFF" if status in ("운영", "취소") else "#000000"},
            hovertemplate="%{y}<br>%{customdata[2]}–%{customdata[3]}<extra>" + trace.name + "</extra>",
        )
    fig.update_yaxes(title=None)
    fig.update_xaxes(title=None, tickformat="%Y", dtick="M12", ticklabelmode="period")
    fig.update_layout(legend={"title": {"text": t("legend.status", lang)}, "orientation": "h", "y": -0.08})
    if as_of is not None:
        fig.add_vline(x=as_of.isoformat(), line={"color": "#D55E00", "width": 2, "dash": "dash"})
        fig.add_annotation(
            x=as_of.isoformat(),
            y=1.0,
            yref="paper",
            text=f"{t('chart.as_of', lang)} {as_of:%Y-%m}",
            showarrow=False,
            yanchor="bottom",
            font={"color": "#D55E00", "size": s["small"]},
        )
    height = max(s["height"], s["row"] * len(rows) + s["title"] * 8)
    return _style(fig, t("chart.timeline", lang), lang, size, _is_sample(timeline, sample), height)


def progress_figure(
    progress: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Bullet gauges, one row per area: share operating and share on schedule, 0–100 %.

    Parameters
    ----------
    progress : pandas.DataFrame
        ``geo.aggregate.progress_by_area``.

    Returns
    -------
    plotly.graph_objects.Figure
        Two indicator traces per area, in the frame's order: operating then on
        schedule; ``value`` in percent (``None`` when the area has no active
        service), ``meta`` ``{"area_id": ..., "measure": ...}``.
    """
    s = _sizes(size)
    n = max(len(progress), 1)
    fig = go.Figure()
    height = max(s["height"], n * (s["row"] * 2 + s["small"] * 2) + s["title"] * 6)
    # Leave room under each gauge for its tick labels.
    gap = s["small"] * 2.2 / height
    measures = (
        ("share_operating", t("chart.share_operating", lang), STATUS_TERMS["운영"].colour),
        ("share_on_schedule", t("chart.share_on_schedule", lang), ON_SCHEDULE_COLOUR),
    )
    # Gauges at x 0.2–0.5 and 0.72–1.0: each title (name, count, share) has the space to its left.
    columns = ((0.2, 0.58), (0.72, 1.08))
    for (_, measure_label, _), (left, right) in zip(measures, columns, strict=True):
        fig.add_annotation(
            text=f"<b>{measure_label}</b>",
            x=(left + right) / 2,
            y=1.0,
            xref="paper",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            font={"size": s["font"]},
        )
    for position, row in enumerate(progress.itertuples(index=False)):
        top = 1 - position / n
        bottom = 1 - (position + 1) / n + gap
        for (measure, _, bar_colour), (left, right) in zip(measures, columns, strict=True):
            share = getattr(row, measure)
            value = None if share is None or (isinstance(share, float) and math.isnan(share)) else share * 100
            part = row.operating if measure == "share_operating" else row.on_schedule
            detail = f"{part}/{row.active}{t('metric.count_unit', lang)}"  # type: ignore[str-bytes-safe]  # pandas-stubs types row fields as any scalar, bytes included
            # The area's name heads its row once; the second gauge shows only its count.
            heading = f"<b>{label(AREA_SHORT, str(row.area_id), lang)}</b><br>" if left == columns[0][0] else ""
            # The share is written in the title, beside its count: a separate number was cut to "00%" when narrow.
            shown = "—" if value is None else f"{value:.0f}%"
            fig.add_trace(
                go.Indicator(
                    mode="gauge",
                    value=value,
                    meta={"area_id": row.area_id, "measure": measure},
                    title={"text": f"{heading}{detail} <b>{shown}</b>", "font": {"size": s["font"]}, "align": "right"},
                    domain={"x": [left, right - 0.08], "y": [bottom, top]},
                    gauge={
                        "shape": "bullet",
                        "axis": {"range": [0, 100], "ticksuffix": "%", "tickfont": {"size": s["small"]}},
                        "bar": {"color": bar_colour, "thickness": 0.6},
                        "bgcolor": "#EEEEEE",
                        "borderwidth": 0,
                    },
                )
            )
    _style(
        fig,
        t("chart.progress", lang),
        lang,
        size,
        _is_sample(progress, sample),
        height,
        note=t("chart.progress_note", lang),
        top_extra=s["font"] * 2,
    )
    return _no_data(fig, lang, size) if progress.empty else fig


def area_comparison_figure(
    by_area_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Areas side by side, one panel per area, services per status, on one shared count axis.

    Parameters
    ----------
    by_area_status : pandas.DataFrame
        ``geo.aggregate.services_by_area_status``.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per area × status (``meta`` ``{"area_id", "status"}``,
        one bar each, ``y`` the count); every panel's y axis has the same range.
    """
    s = _sizes(size)
    areas = list(dict.fromkeys(by_area_status["area_id"]))
    fig = make_subplots(
        rows=1,
        cols=max(len(areas), 1),
        shared_yaxes=True,
        subplot_titles=[_two_lines(label(AREA_SHORT, a, lang)) for a in areas] or [""],
        horizontal_spacing=0.02,
    )
    peak = int(by_area_status["count"].max()) if len(by_area_status) else 0
    for column, area_id in enumerate(areas, start=1):
        rows = by_area_status.loc[by_area_status["area_id"] == area_id].set_index("status")["count"]
        for status, term in STATUS_TERMS.items():
            count = int(rows.get(status, 0))
            fig.add_trace(
                go.Bar(
                    x=[term.label(lang)],
                    y=[count],
                    name=term.label(lang),
                    legendgroup=status,
                    showlegend=column == 1,
                    meta={"area_id": area_id, "status": status},
                    marker={
                        "color": term.colour if status != "취소" else "#FFFFFF",
                        "line": {"color": term.colour, "width": 2},
                    },
                    text=[str(count)],
                    textposition="outside",
                    cliponaxis=False,
                    hovertemplate=f"{label(AREA_SHORT, area_id, lang)} · {term.label(lang)}: %{{y}}<extra></extra>",
                ),
                row=1,
                col=column,
            )
    fig.update_yaxes(range=[0, max(peak, 1) * 1.2], title=None)
    _count_axis(fig, max(peak, 1) * 1.2, "y")
    fig.update_yaxes(title=t("field.count", lang), row=1, col=1)
    fig.update_xaxes(showticklabels=False)
    fig.update_layout(barmode="group", bargap=0.15, legend={"orientation": "h", "y": -0.1})
    fig.update_annotations(font={"size": s["font"]})
    # The badge goes above the facet titles (one text line high), never over the last area's name.
    _style(
        fig,
        t("chart.compare", lang),
        lang,
        size,
        _is_sample(by_area_status, sample),
        top_extra=s["font"] * 2,
        badge_shift=int(s["font"] * 2.9),
    )
    return _no_data(fig, lang, size) if peak == 0 else fig


def _two_lines(name: str, longest: int = 6) -> str:
    """A facet title on two lines when it is long ('경기경제<br>자유구역'), broken at the space or '·'
    nearest its middle, so neighbouring panels' names never run into each other."""
    if len(name) <= longest or (name.isascii() and len(name) <= 2 * longest):
        return name
    breaks = [i for i, c in enumerate(name) if c in " ·-"] or [len(name) // 2]
    cut = min(breaks, key=lambda i: abs(i - len(name) / 2))
    if name[cut] == "-":
        return f"{name[: cut + 1]}<br>{name[cut + 1 :]}"
    return f"{name[:cut]}<br>{name[cut:].lstrip(' ')}"


def _rings(geometry: Polygon | MultiPolygon) -> tuple[list[float | None], list[float | None]]:
    """The exterior rings of a polygon as one x/y path, parts separated by None (Plotly's gap)."""
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in parts:
        x, y = part.exterior.xy
        xs += [*x, None]
        ys += [*y, None]
    return xs, ys


def _is_dark(colour: str) -> bool:
    """Whether white text reads better than black on ``colour`` (``rgb(r, g, b)`` or ``#rrggbb``)."""
    if colour.startswith("#"):
        r, g, b = (float(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    else:
        r, g, b = (float(part) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def dong_choropleth_figure(
    by_dong: pd.DataFrame,
    boundaries: gpd.GeoDataFrame,
    value: Literal["count", "budget_krw_100m"] = "count",
    lang: Lang = "ko",
    size: Size = "normal",
    sample: bool | None = None,
    areas: gpd.GeoDataFrame | None = None,
    fit: Literal["data", "city"] = "data",
) -> go.Figure:
    """Map of the 행정동 shaded by services or budget, drawn offline as polygons in EPSG:5186.

    Each dong is a filled polygon on plain x/y axes with equal scale (metres
    of EPSG:5186), so no basemap, topojson or tile is fetched. Dongs with a
    value are labelled with their name and value; a colour bar explains the
    shades. Development areas can be outlined on top.

    Parameters
    ----------
    by_dong : pandas.DataFrame
        ``geo.aggregate.services_by_dong`` (``gu``, ``dong``, ``count``, ``budget_krw_100m``).
    boundaries : geopandas.GeoDataFrame
        Administrative boundaries with a CRS (``level == "dong"`` rows are drawn).
    value : {"count", "budget_krw_100m"}
        What to shade.
    areas : geopandas.GeoDataFrame, optional
        Development areas to outline, named in the legend.
    fit : {"data", "city"}
        Frame the dongs that have a value (default) or the whole city.

    Returns
    -------
    plotly.graph_objects.Figure
        One filled scatter trace per dong (``meta`` ``{"dong", "value"}``), then a
        text trace named ``"labels"`` whose ``customdata`` rows are
        ``[gu, dong, value]`` for every dong, then the colour-bar trace.
    """
    if value not in ("count", "budget_krw_100m"):
        raise ValueError(f"value must be 'count' or 'budget_krw_100m', not {value!r}")
    if boundaries.crs is None:
        raise ValueError("boundaries has no CRS; set it (EPSG:4326) before drawing the map")
    s = _sizes(size)
    dongs = boundaries.loc[boundaries["level"] == "dong"].to_crs(METRIC_CRS)
    values = by_dong.set_index(["gu", "dong"])[value]
    shown = [float(values.get((gu, name), 0.0)) for gu, name in zip(dongs["gu"], dongs["name_ko"], strict=True)]
    top = max([*shown, 0.0]) or 1.0
    colours = sample_colorscale(MAP_COLORSCALE, [v / top for v in shown])
    fig = go.Figure()
    for geometry, name, amount, fill in zip(dongs.geometry, dongs["name_ko"], shown, colours, strict=True):
        xs, ys = _rings(geometry)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                line={"color": "#FFFFFF", "width": 1},
                name=name,
                meta={"dong": name, "value": amount},
                hoveron="fills",
                text=f"{name}: {amount:,.0f}" if value == "count" else f"{name}: {format_budget(amount, lang)}",
                hoverinfo="text",
                showlegend=False,
            )
        )
    if areas is not None and not areas.empty:
        for geometry, area_id in zip(areas.to_crs(METRIC_CRS).geometry, areas["area_id"], strict=True):
            xs, ys = _rings(geometry)
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": AREA_TERMS[area_id].colour if area_id in AREA_TERMS else "#333333", "width": 3},
                    name=label(AREA_SHORT, area_id, lang),
                    meta={"area_id": area_id},
                    hoverinfo="name",
                    showlegend=True,
                )
            )
    anchors = dongs.geometry.representative_point()
    label_colours = ["#FFFFFF" if _is_dark(fill) else "#111111" for fill in colours]
    texts = [
        (f"{name}<br>{amount:,.0f}" if value == "count" else f"{name}<br>{amount:,.1f}") if amount else ""
        for name, amount in zip(dongs["name_ko"], shown, strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=list(anchors.x),
            y=list(anchors.y),
            mode="text",
            name="labels",
            text=texts,
            customdata=[
                [gu, name, amount] for gu, name, amount in zip(dongs["gu"], dongs["name_ko"], shown, strict=True)
            ],
            textfont={"size": s["small"], "color": label_colours},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    unit = t("metric.count_unit", lang) if value == "count" else ("억원" if lang != "en" else t("unit.100m_krw", "en"))
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="colorbar",
            marker={
                "colorscale": MAP_COLORSCALE,
                "cmin": 0,
                "cmax": top,
                "color": [0],
                "showscale": True,
                "colorbar": {
                    "title": {"text": unit, "font": {"size": s["font"]}},
                    "tickfont": {"size": s["small"]},
                    "tickformat": ",.0f",
                    "thickness": s["font"],
                },
            },
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    with_values = dongs.loc[[amount > 0 for amount in shown]]
    if fit == "data" and not with_values.empty:
        # The island 대부동 would take most of the frame; zoom to where the services are (the rest stays drawn).
        minx, miny, maxx, maxy = with_values.total_bounds
        pad = 0.08 * max(maxx - minx, maxy - miny)
        fig.update_xaxes(range=[minx - pad, maxx + pad])
        fig.update_yaxes(range=[miny - pad, maxy + pad])
    fig.update_layout(plot_bgcolor="#FFFFFF", legend={"orientation": "h", "y": -0.02})
    title = t("chart.dong_count" if value == "count" else "chart.dong_budget", lang)
    note = t("chart.dong_note", lang) + (f", {t('chart.excluding_cancelled', lang)}" if value != "count" else "")
    _style(fig, title, lang, size, _is_sample(by_dong, sample), height=int(s["height"] * 1.3), note=note)
    return fig


def milestones_frame(plan: dict[str, Any], lang: Lang = "ko") -> pd.DataFrame:
    """The plan's milestones as a table: ``date`` as written (``"2025-01"`` stays a month), ``label``, ``note``.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (text, ``YYYY-MM`` or ``YYYY-MM-DD``), ``precision``
        (``"month"`` or ``"day"``), ``label`` and ``note`` (empty when none), in
        ``lang``, in date order.
    """
    rows = []
    for milestone in plan.get("milestones") or []:
        when = str(milestone["date"])
        note = milestone.get("note") or {}
        rows.append(
            {
                "date": when,
                "precision": "month" if len(when) == 7 else "day",
                "label": milestone.get(lang) or milestone.get("ko", ""),
                "note": note.get(lang) or note.get("ko", "") if isinstance(note, dict) else str(note),
            }
        )
    frame = pd.DataFrame(rows, columns=["date", "precision", "label", "note"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def milestones_figure(plan: dict[str, Any], lang: Lang = "ko", size: Size = "normal") -> go.Figure:
    """The plan's milestones on a time line, dates as the source gives them (a month stays a month).

    A milestone with a note (the interim report of 2025-01) is marked with
    ``※`` and its note is written under the line.

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace, ``x`` the dates as written in ``plan.yaml``
        (Plotly reads ``"2025-01"`` as that month's first day), ``text`` their labels.
    """
    s = _sizes(size)
    frame = milestones_frame(plan, lang)
    texts = [f"<b>{row.date}</b><br>{row.label}{' ※' if row.note else ''}" for row in frame.itertuples(index=False)]
    fig = go.Figure(
        go.Scatter(
            x=list(frame["date"]),
            y=[0] * len(frame),
            mode="lines+markers",
            text=texts,
            customdata=list(frame["precision"]),
            marker={
                "size": s["font"],
                "color": "#0072B2",
                "symbol": ["circle" if p == "day" else "square" for p in frame["precision"]],
            },
            line={"color": "#999999", "width": 2},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            cliponaxis=False,
        )
    )
    # Labels on four levels (above, below, higher, lower): neighbours a month apart never overlap.
    step = s["small"] * 3
    for position, (when, text) in enumerate(zip(frame["date"], texts, strict=True)):
        level = MILESTONE_LEVELS[position % len(MILESTONE_LEVELS)]
        fig.add_annotation(
            name="milestone",
            x=when,
            y=0,
            text=text,
            showarrow=True,
            arrowhead=0,
            arrowcolor="#BBBBBB",
            ax=0,
            ay=-level * step,
            yanchor="bottom" if level > 0 else "top",
            font={"size": s["small"]},
            bgcolor="rgba(255,255,255,0.85)",
        )
    notes = [f"※ {row.date}: {row.note}" for row in frame.itertuples(index=False) if row.note]  # type: ignore[str-bytes-safe]  # pandas-stubs types row fields as any scalar, bytes included
    fig.update_yaxes(visible=False, range=[-1, 1])
    fig.update_xaxes(tickformat="%Y-%m", dtick="M3", showgrid=True)
    _style(
        fig,
        t("chart.milestones", lang),
        lang,
        size,
        sample=False,
        height=int(s["height"] * 0.9),
        note="<br>".join(notes) or None,
    )
    return fig
