"""Time: the services' periods as a Gantt chart and the plan's milestones on a time line."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from geo.charts.common import (
    Lang,
    Size,
    is_sample,
    no_data,
    sizes,
    style_figure,
)
from geo.i18n import localized_column, t
from geo.model.vocab import (
    PHASE_TERMS,
    STATUS_TERMS,
    label,
)

#: Heights of milestone labels, in steps above (+) or below (−) the time line, used in turn.
MILESTONE_LEVELS: tuple[int, ...] = (1, -1, 2, -2)


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
    (단기, 중기, 장기) as ``geo.analysis.aggregate.timeline_rows`` orders them.

    Parameters
    ----------
    timeline : pandas.DataFrame
        ``geo.analysis.aggregate.timeline_rows``.
    as_of : datetime.date, optional
        Draw a vertical line on this day.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status present (``px.timeline``): ``base`` the start
        dates, ``x`` the durations in ms, ``y`` the names; the end year is
        included, so a 2026–2027 service ends on 2028-01-01.
    """
    s = sizes(size)
    if timeline.empty:
        empty = style_figure(go.Figure(), t("chart.timeline", lang), lang, size, is_sample(timeline, sample))
        return no_data(empty, lang, size, "chart.no_period")
    rows = timeline.copy()
    names = localized_column(rows, "name", lang)
    # Two services with one name would share a bar row; their ids keep them apart.
    duplicate = names.duplicated(keep=False)
    rows["label"] = names.where(~duplicate, names + " (" + rows["service_id"] + ")")
    rows["status_label"] = [label(STATUS_TERMS, v, lang) for v in rows["status"]]
    rows["start"] = [f"{int(y)}-01-01" for y in rows["start_year"]]
    rows["finish"] = [f"{int(y) + 1}-01-01" for y in rows["end_year"]]
    # A phase no source gives is left out of the bar's text ("None · 2020–2024" read as a phase named None).
    rows["bar_text"] = [
        (f"{label(PHASE_TERMS, p, lang)} · " if isinstance(p, str) and p else "") + (f"{a}–{b}" if a != b else f"{a}")
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
            textfont={"size": s["small"], "color": STATUS_TERMS[status].ink},
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
    return style_figure(fig, t("chart.timeline", lang), lang, size, is_sample(timeline, sample), height)


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
    s = sizes(size)
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
    # Half-yearly, level ticks: quarterly ones turned and ran into each other on a half-width chart.
    fig.update_xaxes(tickformat="%Y-%m", dtick="M6", tickangle=0, showgrid=True)
    style_figure(
        fig,
        t("chart.milestones", lang),
        lang,
        size,
        sample=False,
        height=int(s["height"] * 0.9),
        note="<br>".join(notes) or None,  # style_figure breaks it into short lines
    )
    return fig
