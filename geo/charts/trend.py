"""The trend by quarter: projects by status (stacked bars) and the reported budget (a line on its own axis)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo.analysis.budget import BudgetSummary
from geo.analysis.trend import STATUS_COLUMNS
from geo.charts.common import Lang, Size, budget_hover, is_sample, no_data, sizes, style_figure
from geo.i18n import t
from geo.model.vocab import STATUS_TERMS, label

#: The budget line's colour: Paul Tol's purple, none of the status colours (설계 took Okabe-Ito blue for
#: issue #21) and apart from each of them in every simulated colour vision (tests/test_trend.py).
BUDGET_COLOUR = "#882E72"
#: ``meta`` of the budget line (the status bars carry their status value).
BUDGET_META = "budget_krw_100m"
#: At most this many year ticks under the quarters: a half-width chart on a 1366-pixel slide holds six
#: "2020년" labels apart, nine ran into each other.
YEAR_TICKS_MAX = 6
#: Years between ticks, smallest first: round steps, so the labels read 2010, 2015, 2020 rather than 2010, 2012, 2014.
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)


def year_ticks(quarters: Sequence[str], most: int = YEAR_TICKS_MAX) -> list[int]:
    """Positions of the quarters that carry a year label: each year's first quarter shown, for years on a round step.

    The step is the smallest of :data:`YEAR_STEPS` that keeps the labels at ``most`` or fewer. Only years
    divisible by the step are labelled, so labels sit evenly apart. A first year shown from a late quarter
    loses its label when the next label is less than half a step away (``2024Q4`` then ``2025Q1`` would put
    two labels one bar apart). When no year on the step is shown, the first quarter is labelled alone.
    """
    years = [int(str(q)[:4]) for q in quarters]
    firsts = [i for i, year in enumerate(years) if i == 0 or years[i - 1] != year]
    for step in YEAR_STEPS:
        ticks = [i for i in firsts if years[i] % step == 0]
        if len(ticks) <= most:
            break
    else:
        return firsts[:1]
    if len(ticks) >= 2 and ticks[1] - ticks[0] < step * 4 / 2:
        ticks = ticks[1:]
    return ticks or firsts[:1]


def coverage_text(trend: pd.DataFrame, lang: str) -> str:
    """What the last quarter's budget adds up: '사업비: 2026년 4분기 사업비가 보도된 9건의 합계 (취소 제외 25건 중)'.

    Says that the bases differ when the last quarter's :class:`geo.analysis.budget.BudgetSummary` (``attrs["budget"]``)
    counts budgets reported on different bases, and how many budgets with another city's share are left out.
    """
    last = trend.iloc[-1]
    counted, of = int(last["budget_counted"]), int(last["budget_projects"])
    key = "trend.coverage" if counted else "trend.coverage_none"
    text = t(key, lang, last=last["quarter_label"], n=f"{counted:,}", of=f"{of:,}")
    summary = trend.attrs.get("budget")
    if isinstance(summary, BudgetSummary) and summary.mixed_bases:
        text += ", " + t("trend.mixed_bases", lang)
    if isinstance(summary, BudgetSummary) and summary.other_city_count:
        text += ", " + t("trend.other_city", lang, n=f"{summary.other_city_count:,}")
    return text


def trend_figure(
    trend: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Stacked bars of the projects known at each quarter's end by status, and the reported budget as a line.

    Parameters
    ----------
    trend : pandas.DataFrame
        ``geo.analysis.trend.trend_by_quarter``.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per status that occurs (``meta`` the status value, ``x`` the quarter labels, ``y`` the
        status's column) and one line (``meta`` :data:`BUDGET_META`, ``y`` ``budget_krw_100m`` on the right
        axis, None where no budget is counted). Under the title: the day each quarter is read and the last
        quarter's budget coverage. With fewer than two quarters the chart is a sentence (``no_data``).
    """
    s = sizes(size)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    quarters = [str(q) for q in trend["quarter_label"]] if "quarter_label" in trend else []
    count_unit = t("metric.count_unit", lang)
    for status, column in STATUS_COLUMNS.items():
        if column not in trend or not trend[column].sum():
            continue  # a status no project had in these quarters would only crowd the legend
        name = label(STATUS_TERMS, status, lang)
        term = STATUS_TERMS[status]
        fig.add_bar(
            name=name,
            meta=status,
            x=quarters,
            y=[int(v) for v in trend[column]],
            marker={
                "color": "#FFFFFF" if term.hollow else term.colour,
                "line": {"color": term.colour, "width": 1.5 if term.hollow else 0},
            },
            hovertemplate="%{x} " + name + ": %{y:,}" + count_unit + "<extra></extra>",
            secondary_y=False,
        )
    if len(trend) >= 2:
        budgets = [None if pd.isna(v) or math.isnan(float(v)) else float(v) for v in trend["budget_krw_100m"]]
        coverage = [
            t("trend.budget_hover", lang, n=f"{int(n):,}", of=f"{int(of):,}")
            for n, of in zip(trend["budget_counted"], trend["budget_projects"], strict=True)
        ]
        name = f"{t('trend.budget_line', lang)} ({t('unit.100m_krw', lang)})"
        fig.add_scatter(
            name=name,
            meta=BUDGET_META,
            x=quarters,
            y=budgets,
            customdata=coverage,
            mode="lines+markers",
            line={"color": BUDGET_COLOUR, "width": 3, "shape": "hv"},
            marker={"color": BUDGET_COLOUR, "size": 6, "symbol": "diamond"},
            hovertemplate="%{x} "
            + t("trend.budget_line", lang)
            + ": "
            + budget_hover(lang, "y")
            + "<br>%{customdata}<extra></extra>",
            secondary_y=True,
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.15,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "traceorder": "normal"},
        hovermode="x unified",
    )
    # Year ticks (at each year's first quarter shown) on a round step: the quarter labels side by side ran into
    # each other; each bar's hover names its quarter.
    years = [str(q)[:4] for q in trend["quarter"]] if "quarter" in trend else []
    ticks = year_ticks(years)
    fig.update_xaxes(
        title=None,
        type="category",
        tickangle=0,
        tickmode="array",
        tickvals=[quarters[i] for i in ticks],
        ticktext=[t("trend.year", lang, year=years[i]) for i in ticks],
    )
    peak = float(trend["projects"].max()) if len(trend) else 0.0
    top = float(trend["budget_krw_100m"].max()) if len(trend) and trend["budget_krw_100m"].notna().any() else 0.0
    # Whole-number ticks on the count axis only (geo.charts.common.count_axis would set the budget axis's too).
    count_step = 1 if peak <= 8 else (2 if peak <= 16 else None)
    fig.update_yaxes(
        title={"text": t("trend.projects_axis", lang)},
        tickformat=",d",
        rangemode="tozero",
        **({"dtick": count_step, "tick0": 0} if count_step else {}),
        secondary_y=False,
    )
    fig.update_yaxes(
        title={"text": t("unit.100m_krw", lang), "font": {"color": BUDGET_COLOUR}},
        tickformat=",.0f",
        tickmode="auto",
        range=[0, top * 1.05] if top else None,
        showgrid=False,
        tickfont={"color": BUDGET_COLOUR},
        secondary_y=True,
    )
    note = None
    if len(trend) >= 2:
        until = trend.iloc[-1]["day"]
        # " · ", not a line break: a chart shown wider (the briefing's slide, the handout) joins the note's lines
        # again for its width, and the two sentences ran into each other.
        note = t("trend.note", lang, until=str(until)) + " · " + coverage_text(trend, lang)
    style_figure(fig, t("chart.trend", lang), lang, size, is_sample(trend, sample), note=note)
    # Room under the plot for the quarters and the legend's row.
    fig.update_layout(margin={"b": round(s["font"] * 4.5), "r": round(s["font"] * 4)})
    if trend.empty:
        return no_data(fig, lang, size, "chart.no_services")
    if len(trend) < 2:
        return no_data(fig, lang, size, "trend.one_quarter")
    return fig
