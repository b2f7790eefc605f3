"""What every chart shares: sizes, fonts, the title and sample badge, captions, the empty-chart notice.

Look (DESIGN.md section 4): the font stack uses fonts installed on the machine,
never a web font; ``size="large"`` sets text to 24 px or more for the
projector and the kiosk. A figure built from illustrative records shows
"예시 데이터" (``sample``: by default read from the frame's
``attrs["has_sample"]``, which ``geo.analysis.aggregate`` sets).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Literal

import plotly.graph_objects as go

from geo.i18n import Lang as Lang  # the app's language type, re-exported for the chart builders
from geo.i18n import t

Size = Literal["normal", "large"]

FONT_FAMILY = "'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"

# Text sizes in px; "large" is for projectors and the kiosk (DESIGN.md: at least 24 px).
SIZES: dict[str, dict[str, int]] = {
    "normal": {"font": 14, "title": 20, "small": 12, "height": 480, "row": 28},
    "large": {"font": 24, "title": 32, "small": 24, "height": 760, "row": 48},
}

SAMPLE_ANNOTATION_NAME = "sample-data"
NO_DATA_ANNOTATION_NAME = "no-data"
NO_DATA_NOTE_ANNOTATION_NAME = "no-data-note"
#: Longest caption line (characters) under a chart's title; longer captions break between their parts.
CAPTION_LINE_CHARS = 48
#: Where a title's first baseline sits below the chart's top edge, in em of the title's size: the whole
#: line box of the Korean font (ascent 1.16 em in Noto Sans CJK) stays inside the chart.
TITLE_BASELINE_EM = 1.25
#: The narrowest a compact chart (:func:`compact_figure`) is shown: one of the briefing's two chart columns at
#: 1366×768 with the sidebar open.
COMPACT_WIDTH_PX = 420
#: Left and right margin of a chart (px) unless its text needs more.
DEFAULT_MARGIN_PX = 20
#: The sample badge's padding, border and shift above the plot (px), around its line of text.
BADGE_FRAME_PX = 2 * 4 + 2 * 2 + 6
#: Width of one half-width unit of :func:`text_width`, in em (see :func:`line_units`).
UNIT_EM = 0.6
#: Plotly's line spacing (em) and the shift (em) by which it moves a top-anchored one-line title's baseline down.
LINE_SPACING_EM = 1.3
CAP_SHIFT_EM = 0.7


def sizes(size: str) -> dict[str, int]:
    """The text sizes (px) and heights of ``size`` (``"normal"`` or ``"large"``)."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {list(SIZES)}, not {size!r}")
    return SIZES[size]


def budget_hover(lang: str, axis: str) -> str:
    """A hover template for a budget on ``axis``, in 억원 (Korean) or KRW 100 m (English)."""
    # Korean writes the unit on the number (1.5억원); English leaves a space (1.5 × KRW 100 m).
    return "%{" + axis + ":,.1f}" + (" " if lang == "en" else "") + t("unit.100m_krw", lang)


def count_text(value: int, lang: str) -> str:
    """A count with its unit (``12건``)."""
    return f"{value:,}{t('metric.count_unit', lang)}"


def is_sample(data: Any, sample: bool | None) -> bool:
    """``sample`` when given, else whether the frame says it holds sample records."""
    if sample is not None:
        return sample
    return bool(getattr(data, "attrs", {}).get("has_sample", False))


def style_figure(
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
    s = sizes(size)
    # Lines as wide as a normal chart's: large type (the projector) gets proportionally fewer characters.
    width = CAPTION_LINE_CHARS * SIZES["normal"]["small"] // s["small"]
    note_lines = [line for part in note.split("<br>") for line in wrap_text(part, width)] if note else []
    note = "<br>".join(note_lines) or None
    note_px = note_height(len(note_lines), size)
    # A long title in large type would run past a half-width chart too: it breaks, and the top grows.
    title_lines = wrap_text(title, CAPTION_LINE_CHARS * SIZES["normal"]["small"] // s["title"])
    title = "<br>".join(title_lines)
    top = title_top_margin(s["title"], len(title_lines)) + note_px + top_extra
    fig.update_layout(
        template="plotly_white",
        title={
            "text": title,
            "font": {"size": s["title"]},
            "x": 0.01,
            "xanchor": "left",
            "xref": "container",
            "y": 1.0,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": title_pad(s["title"], len(title_lines))},
        },
        font={"family": FONT_FAMILY, "size": s["font"], "color": "#222222"},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": s["font"]}},
        legend={"font": {"size": s["font"]}},
        height=height or s["height"],
        margin={"l": DEFAULT_MARGIN_PX, "r": DEFAULT_MARGIN_PX, "t": top, "b": 40},
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


def title_pad(title_px: int, lines: int) -> int:
    """The space (px) above a top-anchored title of ``lines`` lines, so its first baseline is where a
    one-line title's is (:data:`TITLE_BASELINE_EM`).

    Plotly moves a one-line title down by its cap height, but the first line of a title of several
    lines carries its own shift of 0 and loses it: without more room above, that line started 34 px
    above a 32 px title's chart and was cut off.
    """
    shift = CAP_SHIFT_EM if lines == 1 else 0.0
    return round(title_px * (TITLE_BASELINE_EM - shift))


def title_top_margin(title_px: int, lines: int) -> int:
    """The top margin (px) a title of ``lines`` lines at ``title_px`` takes, with the gap under it."""
    return round(title_px * (TITLE_BASELINE_EM + 1.75 + LINE_SPACING_EM * (lines - 1)))


def compact_figure(fig: go.Figure, height: int, font_px: int, width_px: int = COMPACT_WIDTH_PX) -> go.Figure:
    """``fig`` at ``height`` px with axis, legend and note text at ``font_px``; its title keeps its size.

    For large-type charts in little room (the briefing's two charts under a map): title and note are
    broken again for a chart ``width_px`` wide (the narrowest it is shown at), not for the narrow chart
    ``style_figure`` assumes (a two-line title and a three-line note left a 320 px chart a plot shorter
    than its axis title, which ran into the note), and the top margin is what their lines need plus one
    line of ``font_px``, not a fixed size (a fixed 80 px put the second line of a two-line title on the bars).
    """
    title_px = fig.layout.title.font.size or SIZES["normal"]["title"]
    title_lines = wrap_text(unwrapped(fig.layout.title.text), line_units(width_px, title_px))
    # The title's line box ends about 0.4 em under its last baseline.
    top = round(title_px * (TITLE_BASELINE_EM + 0.5 + LINE_SPACING_EM * (len(title_lines) - 1)))
    fig.update_layout(title={"text": "<br>".join(title_lines), "pad": {"t": title_pad(title_px, len(title_lines))}})
    note = fig.layout.title.subtitle.text
    if note:
        note_lines = wrap_text(unwrapped(note), line_units(width_px, font_px))
        fig.update_layout(title={"subtitle": {"text": "<br>".join(note_lines), "font": {"size": font_px}}})
        top += round(font_px * (2.0 + LINE_SPACING_EM * (len(note_lines) - 1)))
    # Under the title and note: one line of ``font_px``, or the sample badge's height where it stands (it covered
    # the last line of an English note).
    badges = [a for a in fig.layout.annotations if a.name == SAMPLE_ANNOTATION_NAME]
    for badge in badges:
        badge.font.size = font_px
    gap = max([font_px, *(round(font_px * LINE_SPACING_EM + BADGE_FRAME_PX) for _ in badges)])
    # A right margin that holds text (a direction chart's count labels) shrinks or grows with the text.
    right = fig.layout.margin.r
    if right is not None and right > DEFAULT_MARGIN_PX:
        right = round(right * font_px / (fig.layout.font.size or font_px))
    # A legend at the figure's foot gets room for its rows under the axis labels, and the chart grows rather
    # than squeeze its plot: an English budget chart at 1366 px (two title lines, two legend rows) kept 20 px
    # of plot, its ticks on top of each other.
    bottom = fig.layout.margin.b
    rows = foot_legend_rows(fig, width_px, font_px)
    if rows:
        bottom = round(font_px * (1.8 + LEGEND_ROW_EM * rows))
    height = max(height, top + gap + (bottom if bottom is not None else DEFAULT_MARGIN_PX) + MIN_PLOT_PX)
    fig.update_layout(
        height=height,
        font={"size": font_px},
        legend={"font": {"size": font_px}},
        margin={"t": top + gap, "r": right, "b": bottom},
    )
    return fig


# The least plot height a compact chart keeps (bars and their ticks readable), and a legend row's height.
MIN_PLOT_PX = 110
LEGEND_ROW_EM = 1.6


def foot_legend_rows(fig: go.Figure, width_px: float, font_px: float) -> int:
    """How many rows a horizontal legend hung at the figure's foot takes in ``width_px`` (0: no such legend).

    An item is its name plus the symbol and the gap after it (about 2.5 em). Items that do not fit in one row
    across the plot area are laid out as Plotly does: in columns as wide as the widest item (an English trend
    chart's long budget entry put each of its four items on a row of its own, on top of the plot).
    """
    legend = fig.layout.legend
    if legend.orientation != "h" or legend.yref != "container":
        return 0
    names = [trace.name for trace in fig.data if trace.showlegend is not False and trace.name]
    if not names:
        return 0
    items = [text_px(name, font_px) + 2.5 * font_px for name in names]
    margin = fig.layout.margin
    available = (
        width_px
        - (margin.l if margin.l is not None else DEFAULT_MARGIN_PX)
        - (margin.r if margin.r is not None else DEFAULT_MARGIN_PX)
    )
    if sum(items) <= available:
        return 1
    columns = max(1, int(available // max(items)))
    return math.ceil(len(items) / columns)


def line_units(width_px: float, font_px: float) -> int:
    """How many half-width units (:func:`text_width`) a line ``width_px`` wide holds at ``font_px``.

    A Hangul character is about 1 em wide (two units); Latin letters and digits average about 0.55 em in
    Noto Sans CJK and DejaVu Sans, so a unit counts as :data:`UNIT_EM` em (a little room to spare).
    """
    return max(1, int(width_px / (font_px * UNIT_EM)))


def text_px(text: str, font_px: float) -> float:
    """About how wide ``text`` is at ``font_px`` (its widest line; see :func:`line_units`)."""
    return max(text_width(line) for line in _lines(text)) * font_px * UNIT_EM


def _lines(text: str) -> list[str]:
    """The lines of a Plotly text, tags such as ``<b>`` left out."""
    return [re.sub(r"<[^>]+>", "", line) for line in (text or "").split("<br>")]


def unwrapped(text: str | None) -> str:
    """A title or note broken by :func:`wrap_text` back in one line (it breaks only at spaces)."""
    return " ".join((text or "").split("<br>"))


def note_height(lines: int, size: str) -> int:
    """The top margin (px) a note of ``lines`` lines under a chart's title takes at ``size``."""
    small = sizes(size)["small"]
    return max(small * 2, int(small * 1.4 * lines)) if lines else 0


def text_width(text: str) -> int:
    """How wide ``text`` is in half-width units: a Hangul (or other wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def wrap_text(text: str, width: int = CAPTION_LINE_CHARS) -> list[str]:
    """``text`` in lines at most ``width`` half-width units wide (:func:`text_width`), broken at spaces.

    Plotly never wraps a title or subtitle: a long note ran past a half-width chart's right edge.
    A word longer than a line keeps a line of its own.
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1]) + 1 + text_width(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


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
        if lines and text_width(lines[-1]) + text_width(part) + 3 <= CAPTION_LINE_CHARS:
            lines[-1] += " · " + part
        else:
            lines.extend(wrap_text(part))
    note = captioned.layout.title.subtitle.text
    text = "<br>".join([note, *lines] if note else lines)
    captioned.update_layout(
        title={"subtitle": {"text": text, "font": {"size": size, "color": "#555555"}}},
        margin={"t": (captioned.layout.margin.t or 80) + int(size * 1.5) * len(lines) + 4},
    )
    return captioned


def no_data(fig: go.Figure, lang: str, size: str, key: str = "chart.no_services", note: str | None = None) -> go.Figure:
    """The chart says plainly that there is nothing to draw, instead of showing empty axes.

    The chart's note under its title says how the drawn data is counted: with nothing drawn it goes
    (a page that sets its own height and top margin ran its lines into the message). ``note``, what
    still holds (e.g. that cancelled services are left out), is written under the message instead:
    the message stands on the middle of the chart and the note hangs from it, so they never meet.
    """
    s = sizes(size)
    # Notes about the data (a donut's "합계 0.0억원") would sit on the message; the sample badge stays.
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name == SAMPLE_ANNOTATION_NAME]
    subtitle = fig.layout.title.subtitle.text
    if subtitle:
        fig.layout.title.subtitle.text = None
        if fig.layout.margin.t is not None:
            fig.layout.margin.t -= note_height(subtitle.count("<br>") + 1, size)
    fig.add_annotation(
        name=NO_DATA_ANNOTATION_NAME,
        # In lines that fit a half-width chart at its type size (plotly does not wrap).
        text="<br>".join(wrap_text(t(key, lang), CAPTION_LINE_CHARS * SIZES["normal"]["small"] // s["title"])),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        yanchor="bottom" if note else "middle",
        showarrow=False,
        font={"size": s["title"], "color": "#666666"},
    )
    if note:
        # Standing alone, the note starts a sentence ("cancelled services excluded" in a chart's note).
        note_lines = wrap_text(note[:1].upper() + note[1:], CAPTION_LINE_CHARS * SIZES["normal"]["small"] // s["small"])
        fig.add_annotation(
            name=NO_DATA_NOTE_ANNOTATION_NAME,
            text="<br>".join(note_lines),
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            yanchor="top",
            yshift=-(s["small"] // 2),  # a half-line gap under the message
            showarrow=False,
            font={"size": s["small"], "color": "#444444"},
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    # Bars of zero still carry their text ("0건"): beside the message it would read as data.
    fig.update_traces(text=None, texttemplate=None, selector={"type": "bar"})
    return fig


def no_data_message(fig: go.Figure) -> str | None:
    """The message :func:`no_data` wrote on ``fig`` (its lines joined), None when the chart has data to draw."""
    for annotation in fig.layout.annotations:
        if annotation.name == NO_DATA_ANNOTATION_NAME:
            message = " ".join(str(annotation.text).split("<br>"))
            notes = [a.text for a in fig.layout.annotations if a.name == NO_DATA_NOTE_ANNOTATION_NAME]
            return " ".join([message, *(" ".join(str(n).split("<br>")) for n in notes)])
    return None


def chart_title(fig: go.Figure) -> str:
    """The figure's title as one line of plain text (its line breaks and tags dropped)."""
    text = str(fig.layout.title.text or "")
    return re.sub(r"<[^>]+>", "", text.replace("<br>", " ")).strip()


def count_axis(fig: go.Figure, peak: float, axis: Literal["x", "y"]) -> None:
    """Whole-number ticks on a count axis: no '0.5 services' when the counts are small."""
    step = 1 if peak <= 8 else (2 if peak <= 16 else None)
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tickformat=",d", rangemode="tozero", **({"dtick": step, "tick0": 0} if step else {}))
