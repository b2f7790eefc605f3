"""The handout's page layout: 16:9 pages of Plotly figures, text blocks, tables, footers, charts pasted in.

Pages are 1600 × 900 px (1200 × 675 pt). A chart of ``geo.charts`` is copied into a
rectangle of a page (:func:`paste`), so the handout shows the very figures the slides show.
Latin text and digits are set in DejaVu Sans so they copy out of the PDF as text.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from geo import charts
from geo.charts.common import line_units, unwrapped, wrap_text
from geo.i18n import t

PAGE_WIDTH_PX = 1600
PAGE_HEIGHT_PX = 900
PAGE_FOOTER_SHIFT_PX = 52
#: Latin text and digits in DejaVu Sans, Hangul in Noto Sans CJK: with Noto CJK alone, Chromium's PDF
#: leaves digits without a text mapping, so numbers would copy out of the PDF as \x00.
PDF_FONT_FAMILY = "'DejaVu Sans', " + charts.FONT_FAMILY

TABLE_HEADER_FILL = "#DCE6F0"
TABLE_ROW_FILLS = ("#FFFFFF", "#F3F6F9")
TABLE_LINE = "#C8D2DC"


def wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=True)) if text else ""


def _axis_suffix(name: str) -> str:
    """'x' → '', 'x3' → '3', 'xaxis3' → '3'."""
    return name.removeprefix("xaxis").removeprefix("yaxis").lstrip("xy")


def paste(page: go.Figure, source: go.Figure, cell: int, x: tuple[float, float], y: tuple[float, float]) -> int:
    """Copy ``source`` (traces, axes, annotations, title) into a rectangle of ``page``; return the next free cell.

    Each of ``source``'s axis pairs (one per facet) becomes pair ``cell``, ``cell + 1``… of
    ``page``, its domain scaled into the rectangle; the chart keeps its own scales, ticks and
    labels, so a PDF page shows the very figure the slide shows. Its title becomes a heading
    above the rectangle, its legend a legend under it. The sample badge is left out (the
    page footer says it).
    """
    layout = source.layout.to_plotly_json()
    suffixes = sorted(
        {_axis_suffix(k) for k in layout if k.startswith(("xaxis", "yaxis"))} | {""}, key=lambda v: int(v or 1)
    )
    target = {suffix: "" if cell + n == 1 else str(cell + n) for n, suffix in enumerate(suffixes)}

    def ref(name: str, axis: str) -> str:
        return axis + target.get(_axis_suffix(name), target[""])

    legend = "legend" if cell == 1 else f"legend{cell}"
    # A right margin that holds text beside the bars (a direction chart's counts) stays inside the rectangle.
    right = (source.layout.margin.r or 0) - charts.DEFAULT_MARGIN_PX
    right_room = max(0, right) / (PAGE_WIDTH_PX - 100)
    for trace in source.data:
        copied = go.Figure(trace).data[0]
        if "xaxis" in copied:
            copied.update(xaxis=ref(trace.xaxis or "x", "x"), yaxis=ref(trace.yaxis or "y", "y"))
        if "legend" in copied:
            copied.update(legend=legend)
        page.add_trace(copied)
    for suffix in suffixes:
        for axis, span in (("x", x), ("y", y)):
            props = dict(layout.get(f"{axis}axis{suffix}", {}))
            low, high = props.get("domain", [0, 1])
            end = span[1] - (right_room if axis == "x" else 0.0)
            props["domain"] = [span[0] + (end - span[0]) * low, span[0] + (end - span[0]) * high]
            for key in ("anchor", "matches", "scaleanchor"):
                if props.get(key) and props[key] != "free":
                    props[key] = ref(props[key], props[key][0])
            props.setdefault("anchor", ref(suffix, "y" if axis == "x" else "x"))
            if isinstance(props.get("title"), dict):
                props["title"] = props["title"] | {"font": {"size": 16}}
            props["tickfont"] = {"size": 15}
            page.layout[f"{axis}axis{target[suffix]}"] = props
    page.layout[legend] = {
        "orientation": "h",
        "x": x[0],
        "y": y[0] - 0.05,
        "xanchor": "left",
        "yanchor": "top",
        "font": {"size": 15},
        "title": layout.get("legend", {}).get("title", {}) | {"font": {"size": 15}},
        "traceorder": layout.get("legend", {}).get("traceorder", "normal"),
    }
    # A line standing on the plot's top edge (the budget chart's unit) keeps its row under the heading.
    over_plot = 0
    for note in source.layout.annotations:
        if note.name == charts.SAMPLE_ANNOTATION_NAME:
            continue
        if note.yref == "paper" and note.y == 1 and note.yanchor == "bottom":
            over_plot = max(over_plot, round(1.4 * (note.font.size or 15)))
        copied = go.layout.Annotation(note)
        if note.xref in (None, "paper") or str(note.xref).endswith("domain"):
            copied.update(xref="paper", yref="paper", yshift=0)
            copied.update(x=x[0] + (x[1] - x[0]) * (0.5 if note.x is None else note.x))
            copied.update(y=y[0] + (y[1] - y[0]) * (0.5 if note.y is None else note.y))
        else:
            copied.update(xref=ref(note.xref, "x"), yref=ref(note.yref or "y", "y"))
        page.add_annotation(copied)
    if source.layout.title.text:
        # Title and note broken again for the rectangle's width (the chart broke them for a narrow screen;
        # an English budget title in two lines rose into the map's legend above it).
        room = (x[1] - x[0]) * (PAGE_WIDTH_PX - 100)
        title = "<br>".join(wrap_text(unwrapped(source.layout.title.text), line_units(room, 20)))
        note = "<br>".join(wrap_text(unwrapped(source.layout.title.subtitle.text), line_units(room, 14)))
        # The chart's footnote (how a budget is spread, what is excluded) stays with its heading.
        note_html = f"<br><span style='font-size:14px;color:#555555'>{note}</span>" if note else ""
        page.add_annotation(
            text=f"<b>{title}</b>{note_html}",
            xref="paper",
            yref="paper",
            x=x[0],
            y=y[1],
            yshift=(30 if len(suffixes) > 1 else 8) + over_plot,
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 20, "color": "#1A1A1A"},
        )
    return cell + len(suffixes)


def blank_page(title: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        width=PAGE_WIDTH_PX,
        height=PAGE_HEIGHT_PX,
        template="plotly_white",
        plot_bgcolor="#FFFFFF",
        title={"text": f"<b>{title}</b>", "font": {"size": 32}, "x": 0.025, "xref": "container", "y": 0.965},
        margin={"t": 110, "b": 90, "l": 50, "r": 50},
        barmode="stack",
        showlegend=True,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def text_block(fig: go.Figure, lines: list[str], x: float, y: float, size: int = 20) -> None:
    fig.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=x,
        y=y,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": size, "color": "#1A1A1A"},
    )


def footer(fig: go.Figure, footer: str, number: int, total: int, lang: str) -> go.Figure:
    """The strip at the foot of every page: sample badge, as-of day, last update, page number (never near a title)."""
    fig.update_layout(font={"family": PDF_FONT_FAMILY, "color": "#1A1A1A"})
    fig.add_annotation(
        name="page-header",
        text=f"{footer} · {t('briefing.page', lang, n=number, total=total)}",
        xref="paper",
        yref="paper",
        x=1,
        y=0,
        yshift=-PAGE_FOOTER_SHIFT_PX,
        xanchor="right",
        yanchor="top",
        showarrow=False,
        font={"size": 17, "color": "#333333"},
    )
    return fig


def table_page(table: pd.DataFrame, title: str, widths: list[float], row_px: int = 30) -> go.Figure:
    """A readable table page: light header, white and light-grey rows, dark text (never a dark block)."""
    fig = blank_page(title)
    fig.add_trace(
        go.Table(
            domain={"x": [0, 1], "y": [0, 1]},
            columnwidth=widths,
            header={
                "values": [f"<b>{c}</b>" for c in table.columns],
                "fill_color": TABLE_HEADER_FILL,
                "font": {"size": 17, "color": "#1A1A1A"},
                "line_color": TABLE_LINE,
                "align": "left",
                "height": 34,
            },
            cells={
                "values": [table[c].astype(str).to_list() for c in table.columns],
                "fill_color": [[TABLE_ROW_FILLS[i % 2] for i in range(len(table))]],
                "font": {"size": 16 if row_px >= 26 else 14, "color": "#1A1A1A"},
                "line_color": TABLE_LINE,
                "align": "left",
                "height": row_px,
            },
        )
    )
    return fig
