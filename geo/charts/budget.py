"""Budgets in 억원: per year by funding source, and per funding source."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.analysis.aggregate import FUNDING_CATEGORIES, BudgetCoverage
from geo.analysis.budget import UNKNOWN_FUNDING, format_budget
from geo.charts.common import (
    Lang,
    Size,
    budget_hover,
    is_sample,
    no_data,
    sizes,
    style_figure,
)
from geo.i18n import t
from geo.model.vocab import FUNDING_TERMS

#: The name of the budget chart's unit label (above the budget axis).
UNIT_ANNOTATION_NAME = "unit"
#: Money whose source no report gives: a neutral grey that is not one of the funding colours.
UNKNOWN_COLOUR = "#BBBBBB"


def funding_label(funding: str, lang: str) -> str:
    """A funding source's label; '재원 보도되지 않음' for money whose source no report gives."""
    if funding == UNKNOWN_FUNDING:
        return t("funding.unknown", lang)
    term = FUNDING_TERMS.get(funding)
    return term.label(lang) if term else funding


def funding_colour(funding: str) -> str:
    term = FUNDING_TERMS.get(funding)
    return term.colour if term else UNKNOWN_COLOUR


def coverage_note(coverage: BudgetCoverage | None, key: str, lang: str) -> str | None:
    """What part of the counted budgets a chart shows, when it is not all of them (None when it is)."""
    if coverage is None or coverage.complete or not coverage.of:
        return None
    share = coverage.shown_krw_100m / coverage.total_krw_100m if coverage.total_krw_100m else 0.0
    return t(
        key,
        lang,
        n=f"{coverage.projects:,}",
        of=f"{coverage.of:,}",
        shown=format_budget(coverage.shown_krw_100m, lang),
        total=format_budget(coverage.total_krw_100m, lang),
        share=f"{share:.0%}",
    )


def budget_by_year_figure(
    by_year: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Stacked bars: budget per year (억원), one stack segment per funding source.

    Parameters
    ----------
    by_year : pandas.DataFrame
        ``geo.analysis.aggregate.budget_by_year``: ``year``, ``funding``, ``budget_krw_100m``.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per funding source (``meta`` the stored value), ``x`` the
        years, ``y`` the budgets; the yearly total is written above each bar.
    """
    s = sizes(size)
    years = sorted({int(y) for y in by_year["year"]})
    fig = go.Figure()
    for funding in FUNDING_CATEGORIES:
        rows = by_year.loc[by_year["funding"] == funding].set_index("year")["budget_krw_100m"]
        if not rows.sum():
            continue  # a source with no money in these years would only crowd the legend
        name = funding_label(funding, lang)
        fig.add_bar(
            name=name,
            meta=funding,
            x=years,
            y=[float(rows.get(year, 0.0)) for year in years],
            marker={"color": funding_colour(funding)},
            hovertemplate="%{x} " + name + ": " + budget_hover(lang, "y") + "<extra></extra>",
        )
    totals = by_year.groupby("year")["budget_krw_100m"].sum()
    for year in years:
        # In the chart's own text size (a compact chart's smaller type too), so neighbouring totals stay apart.
        fig.add_annotation(
            x=year, y=float(totals[year]), text=f"{totals[year]:,.0f}", showarrow=False, yanchor="bottom"
        )
    # The legend hangs at the figure's foot under the years (a fraction of the plot's height put it on the years
    # when the plot was short), in one row: the title already says the colours are funding sources.
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "traceorder": "normal"},
    )
    fig.update_xaxes(title=None, dtick=1, tickformat="d")
    # The unit stands level over the plot's left edge, in the line the top margin keeps under the title and note: the
    # briefing's upright "사업비 (억원)" was taller than its short plot and ran into the note.
    fig.update_yaxes(title=None, tickformat=",.0f")
    fig.add_annotation(
        name=UNIT_ANNOTATION_NAME,
        text=t("unit.100m_krw", lang),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"color": "#444444"},
    )
    note = f"{t('chart.budget_spread', lang)}, {t('chart.excluding_cancelled', lang)}"
    if covered := coverage_note(by_year.attrs.get("coverage"), "chart.year_coverage", lang):
        note = f"{note}. {covered}"
    style_figure(fig, t("chart.budget_year", lang), lang, size, is_sample(by_year, sample), note=note)
    # Room under the plot for the years and the legend's row.
    fig.update_layout(margin={"b": round(s["font"] * 3)})
    empty = not years or totals.sum() == 0
    return no_data(fig, lang, size, "chart.no_budget", t("chart.excluding_cancelled", lang)) if empty else fig


def budget_by_funding_figure(
    by_funding: pd.DataFrame, lang: Lang = "ko", size: Size = "normal", sample: bool | None = None
) -> go.Figure:
    """Donut: budget per funding source (재원), each slice labelled with its 억원 and share; total in the hole.

    Parameters
    ----------
    by_funding : pandas.DataFrame
        ``geo.analysis.aggregate.budget_by_funding``.

    Returns
    -------
    plotly.graph_objects.Figure
        One pie trace; ``labels`` the funding labels, ``values`` the budgets,
        ``customdata`` the stored funding values.
    """
    s = sizes(size)
    shown = by_funding.loc[by_funding["budget_krw_100m"] > 0]  # an empty slice only crowds the labels
    fundings = list(shown["funding"])
    values = [float(v) for v in shown["budget_krw_100m"]]
    total = sum(values)
    fig = go.Figure(
        go.Pie(
            labels=[funding_label(f, lang) for f in fundings],
            values=values,
            customdata=fundings,
            hole=0.5,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [funding_colour(f) for f in fundings],
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
    note = t("chart.excluding_cancelled", lang)
    if covered := coverage_note(by_funding.attrs.get("coverage"), "chart.funding_coverage", lang):
        note = f"{note}. {covered}"
    style_figure(fig, t("chart.budget_funding", lang), lang, size, is_sample(by_funding, sample), note=note)
    return no_data(fig, lang, size, "chart.no_budget", t("chart.excluding_cancelled", lang)) if total == 0 else fig
