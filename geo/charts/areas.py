"""Services counted per domain, plan direction, area and status, and each area's progress."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from geo.analysis.aggregate import area_name
from geo.charts.common import (
    DEFAULT_MARGIN_PX,
    Lang,
    Size,
    count_axis,
    count_text,
    is_sample,
    no_data,
    sizes,
    style_figure,
    text_px,
    wrap_text,
)
from geo.i18n import t
from geo.model.vocab import (
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    STATUS_TERMS,
    ServiceStatus,
    label,
)

#: A direction's bar at least this share of the longest holds its count label; a shorter one has it beside it.
DIRECTION_INSIDE_SHARE = 0.6
#: Longest line of a direction's name on the direction chart's axis (half-width units of ``text_width``).
DIRECTION_LINE_UNITS = 22


def direction_label_room(fig: go.Figure) -> int:
    """The right margin (px) a direction chart needs so that every count label beside a bar stays inside the
    figure (labels are set in the figure's font).

    The axis ends at the longest bar, so a label beside a bar fits when the margin is as wide as the label.
    """
    font_px = fig.layout.font.size or 14
    bar = fig.data[0]
    beside = [text for text, where in zip(bar.text or (), bar.textposition or (), strict=True) if where == "outside"]
    return max(DEFAULT_MARGIN_PX, round(max((text_px(text, font_px) for text in beside), default=0) + font_px))


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` ("#RRGGBB"; WCAG contrast)."""
    channels = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def domain_status_figure(
    by_domain_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Stacked horizontal bars: services per domain (서비스 분야), one stack segment per status.

    Parameters
    ----------
    by_domain_status : pandas.DataFrame
        ``geo.analysis.aggregate.services_by_domain_status``: ``domain``, ``status``, ``count``.
    lang, size, sample
        Language (``"ko"``/``"en"``), text size (``"normal"``/``"large"``) and whether
        to mark the figure as sample data (default: the frame's ``attrs``).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status, in vocabulary order; ``meta`` holds the stored
        status value, ``y`` the domain labels and ``x`` the counts.
    """
    s = sizes(size)
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
            text=[f"{c:,}" if c else "" for c in counts],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            # The vocabulary's ink, not Plotly's own pick (white on 계획's grey, under 4.5:1); hollow bars: dark.
            textfont={"size": s["font"], "color": "#000000" if term.hollow else term.ink},
            marker={
                "color": "#FFFFFF" if term.hollow else term.colour,
                "line": {"color": term.colour if term.hollow else "#FFFFFF", "width": 2},
            },
            hovertemplate="%{y}<br>" + term.label(lang) + ": %{x}<extra></extra>",
        )
    # The legend hangs at the figure's foot, under the axis title whatever the plot's height (a fraction of
    # the plot area put it on the axis title when a two-line title made the plot shorter).
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "traceorder": "normal"},
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("field.count", lang))
    totals = by_domain_status.groupby("domain")["count"].sum()
    count_axis(fig, float(totals.max()) if len(totals) else 0.0, "x")
    height = max(s["height"], s["row"] * len(domains) + s["title"] * 8)
    style_figure(fig, t("chart.domain_status", lang), lang, size, is_sample(by_domain_status, sample), height)
    return no_data(fig, lang, size) if by_domain_status["count"].sum() == 0 else fig


def domain_figure(
    by_domain_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Horizontal bars: services per domain, each domain in its fixed colour, with its count as text.

    Takes the same frame as :func:`domain_status_figure` and sums over statuses.
    One trace; ``y`` the domain labels, ``x`` the counts, ``customdata`` the stored domain values.
    """
    s = sizes(size)
    totals = by_domain_status.groupby("domain", sort=False)["count"].sum()
    domains = list(totals.index)
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[label(DOMAIN_TERMS, d, lang) for d in domains],
            x=[int(v) for v in totals],
            customdata=domains,
            marker={"color": [DOMAIN_TERMS[d].colour if d in DOMAIN_TERMS else "#666666" for d in domains]},
            text=[count_text(int(v), lang) for v in totals],
            textposition="outside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("field.count", lang))
    count_axis(fig, float(totals.max()) if len(totals) else 0.0, "x")
    height = max(s["height"], s["row"] * len(domains) + s["title"] * 6)
    style_figure(fig, t("chart.domain", lang), lang, size, is_sample(by_domain_status, sample), height)
    return no_data(fig, lang, size) if totals.sum() == 0 else fig


def direction_figure(
    by_direction: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Horizontal bars: services per plan direction (추진 방향), in direction colours, count as text.

    Parameters
    ----------
    by_direction : pandas.DataFrame
        ``geo.analysis.aggregate.services_by_direction``.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace; ``y`` the direction labels, ``x`` the counts, ``customdata``
        the direction ids and operating counts.
    """
    directions = list(by_direction["direction"])
    counts = [int(v) for v in by_direction["count"]]
    operating = [int(v) for v in by_direction["operating"]]
    operating_label = label(STATUS_TERMS, ServiceStatus.OPERATING, lang)
    names = [label(DIRECTION_TERMS, d, lang) for d in directions]
    peak = max([*counts, 1])
    inside = [c >= DIRECTION_INSIDE_SHARE * peak for c in counts]
    # Count and operating count on two lines, at the end of a long bar or beside a shorter one, in the right
    # margin's room (:func:`direction_label_room`): "10,000건 (운영 1,650)" on one line beside the bar ran past
    # a half-width chart's edge, and on one line inside a narrow chart's bar it shrank to a few pixels.
    texts = [
        f"{count_text(c, lang)}<br>{operating_label} {o:,}" if c else count_text(c, lang)
        for c, o in zip(counts, operating, strict=True)
    ]
    colours = [DIRECTION_TERMS[d].colour if d in DIRECTION_TERMS else "#666666" for d in directions]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=names,
            x=counts,
            customdata=list(zip(directions, operating, strict=True)),
            marker={"color": colours},
            text=texts,
            textposition=["inside" if i else "outside" for i in inside],
            insidetextanchor="end",
            insidetextfont={"color": [ink_on(colour) for colour in colours]},
            textangle=0,
            # Text beside a bar keeps its size (by default it shrinks to the bar's thickness).
            constraintext="inside",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    # Long direction names break in two lines, so the bars keep most of a half-width chart.
    ticks = ["<br>".join(wrap_text(name, DIRECTION_LINE_UNITS)) for name in names]
    fig.update_yaxes(autorange="reversed", tickvals=names, ticktext=ticks)
    # Every bar carries its count: no axis title or tick labels, which took a short chart's plot height.
    fig.update_xaxes(title=None, showticklabels=False, range=[0, peak])
    count_axis(fig, peak, "x")
    style_figure(fig, t("chart.direction", lang), lang, size, is_sample(by_direction, sample))
    fig.update_layout(margin={"r": direction_label_room(fig)})
    return no_data(fig, lang, size, "chart.no_direction") if sum(counts) == 0 else fig


def progress_figure(
    progress: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Bullet gauges, one row per area: the share of its projects (not cancelled) in operation, 0–100 %.

    Parameters
    ----------
    progress : pandas.DataFrame
        ``geo.analysis.aggregate.progress_by_area``.

    Returns
    -------
    plotly.graph_objects.Figure
        One indicator trace per area, in the frame's order; ``value`` in percent
        (``None`` when the area has no active service), ``meta``
        ``{"area_id": ..., "measure": "share_operating"}``.
    """
    s = sizes(size)
    n = max(len(progress), 1)
    fig = go.Figure()
    height = max(s["height"], n * (s["row"] * 2 + s["small"] * 2) + s["title"] * 4)
    # Leave room under each gauge for its tick labels.
    gap = s["small"] * 2.2 / height
    measures = (("share_operating", t("chart.share_operating", lang), STATUS_TERMS[ServiceStatus.OPERATING].colour),)
    # The gauge at x 0.35–1.0: its title (name, count, share) has the space to its left.
    columns = ((0.35, 1.08),)
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
            detail = f"{row.operating}/{row.active}{t('metric.count_unit', lang)}"
            heading = f"<b>{area_name(progress, str(row.area_id), lang)}</b><br>"
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
    style_figure(
        fig,
        t("chart.progress", lang),
        lang,
        size,
        is_sample(progress, sample),
        height,
        note=t("chart.progress_note", lang),
        top_extra=s["font"] * 2,
    )
    return no_data(fig, lang, size) if progress.empty else fig


def area_comparison_figure(
    by_area_status: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Areas compared on one count scale: one horizontal bar per area, its services stacked by status.

    Horizontal bars keep every area's name readable at any width (the names are the y axis's labels,
    with each area's total): side-by-side panels ran their titles into each other on a laptop screen.

    Parameters
    ----------
    by_area_status : pandas.DataFrame
        ``geo.analysis.aggregate.services_by_area_status``.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status (``meta`` ``{"status"}``), ``y`` the area labels (first area on
        top), ``x`` the counts, ``customdata`` the area ids; one count axis for every area.
    """
    s = sizes(size)
    areas = list(dict.fromkeys(by_area_status["area_id"]))
    counts = by_area_status.groupby(["area_id", "status"])["count"].sum()
    totals = {area: int(counts.loc[area].sum()) for area in areas}
    names = [f"{area_name(by_area_status, area, lang)} · {count_text(totals[area], lang)}" for area in areas]
    bars = []
    for status, term in STATUS_TERMS.items():
        values = [int(counts.get((area, status), 0)) for area in areas]
        bar = go.Bar(
            orientation="h",
            y=names,
            x=[v or None for v in values],  # no bar at all for a zero (an outline would show)
            customdata=areas,
            name=term.label(lang),
            meta={"status": status},
            marker={
                "color": "#FFFFFF" if term.hollow else term.colour,
                "line": {"color": term.colour, "width": 2},
            },
            text=[f"{v:,}" if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            insidetextfont={"color": "#000000" if term.hollow else term.ink},
            hovertemplate=f"%{{y}} · {term.label(lang)}: %{{x}}<extra></extra>",
        )
        bars.append(bar)
    fig = go.Figure(bars)
    peak = max(totals.values(), default=0)
    fig.update_yaxes(autorange="reversed", title=None, automargin=True)
    # The counts are written in the bars and the totals beside the names; no tick labels, which the
    # legend under the plot would meet on a short chart.
    fig.update_xaxes(range=[0, max(peak, 1) * 1.05], title=None, showticklabels=False)
    count_axis(fig, max(peak, 1) * 1.05, "x")
    height = max(int(s["height"] * 0.8), s["title"] * 4 + len(areas) * s["row"] * 2)
    fig.update_layout(
        barmode="stack",
        bargap=0.3,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.03, "yanchor": "top", "traceorder": "normal"},
        uniformtext={"minsize": s["small"], "mode": "hide"},
    )
    style_figure(fig, t("chart.compare", lang), lang, size, is_sample(by_area_status, sample), height)
    return no_data(fig, lang, size) if peak == 0 else fig
