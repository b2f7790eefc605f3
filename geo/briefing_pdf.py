"""The PDF handout: the briefing's slides, one 16:9 page each, then an appendix with every service.

Why Plotly + kaleido (and pypdf to join the pages), not matplotlib: the
charts in the PDF are the very figures ``geo.charts`` builds for the screen
(copied into the page's layout by :func:`_paste`), so the handout and the
slides can never disagree on a number, a colour or a label, and there is one
chart implementation to maintain, not two. Maps are drawn the way
``geo.charts`` draws its choropleth: polygons, lines and status symbols on
plain x/y axes in EPSG:5186 metres (no tiles, no topojson), so nothing is
fetched, and a scale bar is exact. kaleido 1.x renders each page with the
machine's own Chromium (``/usr/bin/chromium``), offline; one Chromium is
started per export. Chromium finds Hangul through fontconfig, so the export
first checks that Noto Sans CJK is installed and otherwise fails with a Korean
message instead of printing empty boxes. Digits and Latin text are set in
DejaVu Sans so they copy out of the PDF as text.

Pages are 1600 × 900 px (1200 × 675 pt, 16:9): page 1 is the overview slide
as a cover (title, MOLIT approval, the four fields, vision, directions,
milestones, as-of day, sources, numbers, areas compared); then each area
(map with scale bar, facts with source, two charts), the domains, what
changed, and the appendix. At city scale (more services than
``geo.pointmap.FOLIUM_SERVICES_MAX``) an area's map counts its services per 동
and the appendix counts them per area and status instead of listing each. Tables have light fills and dark text. Every
page's footer carries the as-of day, the data's last update, the page number
and, when sample records are included, "예시 데이터".
"""

from __future__ import annotations

import glob
import io
import math
import textwrap
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from geo import aggregate, charts
from geo import plan as plan_facts
from geo.briefing import (
    area_facts,
    briefing_slides,
    changes_table,
    last_data_update,
    period_text,
    services_table,
)
from geo.charts.common import line_units, text_width, unwrapped, wrap_text
from geo.countmap import GLYPH_MIN_DEGREES, counts_by_dong, symbol_radius
from geo.history import services_as_of
from geo.i18n import t
from geo.io import METRIC_CRS
from geo.loaders import DashboardData
from geo.pointmap import needs_canvas_map
from geo.spatial import geometry_path, pad_bounds
from geo.stats import headline_items
from geo.vocab import AREA_SHORT, AREA_TERMS, STATUS_TERMS, label

if TYPE_CHECKING:  # kaleido is imported when an export runs (it is slow to import)
    from kaleido import PageGenerator

PAGE_WIDTH_PX = 1600
PAGE_HEIGHT_PX = 900
#: Services per appendix page: the full list stays within a few pages.
APPENDIX_ROWS_PER_PAGE = 33
PAGE_FOOTER_SHIFT_PX = 52
#: Latin text and digits in DejaVu Sans, Hangul in Noto Sans CJK: with Noto CJK alone, Chromium's PDF
#: leaves digits without a text mapping, so numbers would copy out of the PDF as \x00.
PDF_FONT_FAMILY = "'DejaVu Sans', " + charts.FONT_FAMILY
#: Scale bar lengths to choose from, in metres.
SCALE_BAR_LENGTHS_M: tuple[int, ...] = (100, 200, 500, 1000, 2000, 5000, 10000)
TABLE_HEADER_FILL = "#DCE6F0"
TABLE_ROW_FILLS = ("#FFFFFF", "#F3F6F9")
TABLE_LINE = "#C8D2DC"
FONT_GLOBS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansKR*.[ot]tf",
)
# Plotly marker symbols matching the status shapes of geo.vocab (shape + colour, never colour alone).
STATUS_SYMBOLS = {
    "circle": "circle",
    "square": "square",
    "triangle": "triangle-up",
    "star": "star",
    "diamond": "diamond",
    "hollow": "circle-open",
}
#: Where an area page puts its map (page paper fractions, x then y) and that box's plot area in px.
AREA_MAP_BOX = ((0.0, 0.47), (0.53, 1.0))
AREA_MAP_PX = (
    (AREA_MAP_BOX[0][1] - AREA_MAP_BOX[0][0]) * (PAGE_WIDTH_PX - 100),
    (AREA_MAP_BOX[1][1] - AREA_MAP_BOX[1][0]) * (PAGE_HEIGHT_PX - 200),
)
#: Counts per 동 on paper: the smallest and largest ring's radius (px of the page), the ring's width (share of
#: the radius), a status shape's and a label's size (px).
COUNT_RADIUS_PX = (12.0, 40.0)
COUNT_RING_SHARE = 0.45
COUNT_GLYPH_PX = 11
COUNT_LABEL_PX = 13
_EXPORT_LOCK = threading.Lock()


class BriefingExportError(RuntimeError):
    """The PDF cannot be made; the message says why and what to install, in the page's language."""


def find_cjk_font(patterns: Sequence[str] = FONT_GLOBS) -> Path:
    """The path of an installed Noto Sans CJK (or Noto Sans KR) font file.

    Raises
    ------
    BriefingExportError
        With a Korean message naming the package to install, when none is found.
    """
    for pattern in patterns:
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return Path(found[0])
    raise BriefingExportError(t("briefing.font_missing", "ko"))


def area_map_figure(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    area_id: str | None,
    lang: str = "ko",
) -> go.Figure:
    """A static map of one area (or all areas when ``area_id`` is None) in EPSG:5186 metres.

    Dong outlines, the four areas (the chosen one filled), and the area's
    services: points as status symbols, lines and zones in status colours.
    Above ``geo.pointmap.FOLIUM_SERVICES_MAX`` services they are counted per 동
    instead (``geo.countmap.counts_by_dong``, as on the briefing's slide): one
    ring per dong (see :func:`_count_rings`). Every layer is reprojected from
    EPSG:4326 here; nothing is fetched.
    """
    for name, frame in (("boundaries", boundaries), ("areas", areas), ("services", services)):
        if frame.crs is None:
            raise ValueError(f"{name} has no CRS; set it (EPSG:4326) before drawing the map")
    fig = go.Figure()
    dongs = boundaries.loc[boundaries["level"] == "dong"].to_crs(METRIC_CRS)
    for geometry in dongs.geometry:
        xs, ys = geometry_path(geometry)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"color": "#B5B5B5", "width": 1}, hoverinfo="skip", showlegend=False
        )
    city = boundaries.loc[boundaries["level"] == "city"].to_crs(METRIC_CRS)
    for geometry in city.geometry:
        xs, ys = geometry_path(geometry)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", line={"color": "#4D4D4D", "width": 2}, hoverinfo="skip", showlegend=False
        )
    metric_areas = areas.to_crs(METRIC_CRS)
    anchors = metric_areas.geometry.representative_point()
    for geometry, anchor, current in zip(metric_areas.geometry, anchors, metric_areas["area_id"], strict=True):
        colour = AREA_TERMS.get(current, AREA_TERMS["citywide"]).colour
        chosen = area_id is None or current == area_id
        xs, ys = geometry_path(geometry)
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=f"{colour}40" if chosen else f"{colour}14",
            line={"color": colour, "width": 4 if chosen else 2},
            hoverinfo="skip",
            showlegend=False,
        )
        fig.add_annotation(
            x=anchor.x,
            y=anchor.y,
            text=f"<b>{label(AREA_SHORT, current, lang)}</b>",
            showarrow=False,
            font={"size": 22 if chosen else 16, "color": "#1A1A1A"},
            bgcolor="rgba(255,255,255,0.7)",
        )
    shown = services if area_id is None else services.loc[services["area_id"] == area_id]
    metric_services = shown.to_crs(METRIC_CRS)
    # A city's device layers: 10,000 symbols of 20 px are a carpet on paper; counted per 동 instead.
    counted = needs_canvas_map(shown)
    for status, term in ({} if counted else STATUS_TERMS).items():
        of_status = metric_services.loc[metric_services["status"] == status]
        if of_status.empty:
            continue
        points = of_status.loc[of_status.geom_type == "Point"]
        shapes = of_status.loc[of_status.geom_type != "Point"]
        for geometry in shapes.geometry:
            xs, ys = geometry_path(geometry)
            fig.add_scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": term.colour, "width": 4, "dash": "dash" if term.dashed else "solid"},
                hoverinfo="skip",
                showlegend=False,
            )
        anchors_all = of_status.geometry.representative_point()
        fig.add_scatter(
            x=list(anchors_all.x),
            y=list(anchors_all.y),
            mode="markers",
            name=f"{term.label(lang)} ({len(of_status):,})",
            marker={
                "symbol": STATUS_SYMBOLS[term.shape],
                "size": 20 if len(points) else 14,
                "color": term.colour,
                "line": {"color": term.colour if term.hollow else "#FFFFFF", "width": 2},
            },
            hoverinfo="skip",
        )
    if area_id is not None and (metric_areas["area_id"] == area_id).any():
        frame = pd.concat([metric_areas.loc[metric_areas["area_id"] == area_id, "geometry"], metric_services.geometry])
        minx, miny, maxx, maxy = gpd.GeoSeries(frame, crs=METRIC_CRS).total_bounds
    else:
        minx, miny, maxx, maxy = metric_areas.total_bounds
    minx, miny, maxx, maxy = pad_bounds((minx, miny, maxx, maxy), share=0.45, least_size=1500.0)
    x_range, y_range = (minx, maxx), (miny, maxy)
    if counted:
        _count_rings(fig, shown, boundaries, x_range, y_range, lang)
    _scale_bar(fig, x_range, y_range)
    fig.update_xaxes(visible=False, range=list(x_range))
    fig.update_yaxes(visible=False, range=list(y_range), scaleanchor="x", scaleratio=1)
    fig.update_layout(
        plot_bgcolor="#EEF3F7",
        legend={"title": {"text": t("legend.status", lang)}, "font": {"size": 18}},
        font={"family": charts.FONT_FAMILY},
    )
    return fig


def _ring_path(x: float, y: float, outer: float, inner: float, start: float, end: float) -> tuple[list, list]:
    """A ring's segment from ``start`` to ``end`` (shares of a turn, clockwise from the top) as a closed path
    followed by a gap (``None``); ``inner`` 0 gives a disc (or a pie slice)."""
    steps = max(2, math.ceil((end - start) * 72))
    turns = [2 * math.pi * (start + (end - start) * k / steps) for k in range(steps + 1)]
    inside = [(x, y)] if not inner else [(x + inner * math.sin(a), y + inner * math.cos(a)) for a in turns[::-1]]
    if not inner and end - start >= 1:
        inside = []  # a whole disc: no spoke to the centre
    points = [(x + outer * math.sin(a), y + outer * math.cos(a)) for a in turns] + inside
    points.append(points[0])
    return [px for px, _ in points] + [None], [py for _, py in points] + [None]


def _count_rings(
    fig: go.Figure,
    services: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    lang: str,
) -> pd.DataFrame:
    """``services`` counted per 동 on a map in EPSG:5186 metres: the briefing slide's rings, drawn for paper.

    Each dong with services gets a white disc whose area grows with its count (``geo.countmap.symbol_radius``)
    and a ring split by status in the status colours, clockwise from the top in legend order, each status's
    shape in white on its segment where it is wide enough (greyscale print keeps the shapes); its name and count
    beside it where they meet no other label or ring. The status legend gives each status's count, a key at the
    top left what size and ring mean and the total. Sizes are set for the map's box on an area page
    (:data:`AREA_MAP_PX`). Returns the counts drawn (``counts_by_dong``).
    """
    counts = counts_by_dong(services, boundaries, lang)
    metres_per_px = max((x_range[1] - x_range[0]) / AREA_MAP_PX[0], (y_range[1] - y_range[0]) / AREA_MAP_PX[1])
    centres = gpd.GeoSeries(gpd.points_from_xy(counts["lon"], counts["lat"]), crs="EPSG:4326").to_crs(METRIC_CRS)
    top = int(counts["total"].max()) if len(counts) else 0
    smallest, largest = (px * metres_per_px for px in COUNT_RADIUS_PX)
    radii = [symbol_radius(int(total), top, smallest, largest) for total in counts["total"]]
    discs: tuple[list, list] = ([], [])
    for centre, radius in zip(centres, radii, strict=True):
        xs, ys = _ring_path(centre.x, centre.y, radius, 0.0, 0.0, 1.0)
        discs[0].extend(xs)
        discs[1].extend(ys)
    fig.add_scatter(
        x=discs[0],
        y=discs[1],
        mode="lines",
        fill="toself",
        fillcolor="#FFFFFF",
        line={"color": "#1A1A1A", "width": 1.5},
        hoverinfo="skip",
        showlegend=False,
        name="count-discs",
    )
    starts = [0.0] * len(counts)
    for status, term in STATUS_TERMS.items():
        ring: tuple[list, list] = ([], [])
        glyphs: tuple[list, list] = ([], [])
        for n, (centre, radius) in enumerate(zip(centres, radii, strict=True)):
            total, count = int(counts["total"].iloc[n]), int(counts[status].iloc[n])
            if not count:
                continue
            share, width = count / total, radius * COUNT_RING_SHARE
            xs, ys = _ring_path(centre.x, centre.y, radius, radius - width, starts[n], starts[n] + share)
            ring[0].extend(xs)
            ring[1].extend(ys)
            if share * 360 >= GLYPH_MIN_DEGREES and width / metres_per_px >= 8:
                middle, at = 2 * math.pi * (starts[n] + share / 2), radius - width / 2
                glyphs[0].append(centre.x + at * math.sin(middle))
                glyphs[1].append(centre.y + at * math.cos(middle))
            starts[n] += share
        fig.add_scatter(
            x=ring[0],
            y=ring[1],
            mode="lines",
            fill="toself",
            fillcolor=term.colour,
            line={"color": "#FFFFFF", "width": 0.5},
            hoverinfo="skip",
            showlegend=False,
            name=f"ring-{status}",
        )
        # Status shapes on the segments: white with a dark edge, as on the slide's rings.
        hollow = term.hollow
        fig.add_scatter(
            x=glyphs[0],
            y=glyphs[1],
            mode="markers",
            hoverinfo="skip",
            showlegend=False,
            name=f"glyph-{status}",
            marker={
                "symbol": STATUS_SYMBOLS[term.shape],
                "size": COUNT_GLYPH_PX,
                "color": "#FFFFFF",
                "line": {"color": "#FFFFFF" if hollow else "#1A1A1A", "width": 2 if hollow else 1},
            },
        )
        # The legend entry: the status's symbol in its colour and its count (as the small map's legend).
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            hoverinfo="skip",
            name=f"{term.label(lang)} ({int(counts[status].sum()):,})",
            marker={
                "symbol": STATUS_SYMBOLS[term.shape],
                "size": 14,
                "color": term.colour,
                "line": {"color": term.colour if hollow else "#FFFFFF", "width": 2},
            },
        )
    _count_labels(fig, counts, centres, radii, metres_per_px, lang)
    total = int(counts["total"].sum())
    key = [
        f"<b>{t('countmap.title', lang, n=f'{total:,}')}</b>",
        f"{t('countmap.size', lang)} ({t('briefing.count_largest', lang, n=f'{top:,}')})",
        t("countmap.ring", lang),
    ]
    fig.add_annotation(
        name="count-key",
        text="<br>".join(key),
        xref="paper",
        yref="paper",
        x=0.0,
        y=1.0,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 13, "color": "#1A1A1A"},
        bgcolor="rgba(255,255,255,0.85)",
        bordercolor="#B5B5B5",
        borderwidth=1,
        borderpad=3,
    )
    return counts


def _count_labels(
    fig: go.Figure, counts: pd.DataFrame, centres: gpd.GeoSeries, radii: list[float], metres_per_px: float, lang: str
) -> None:
    """Each dong's name and count beside its ring (below, above, right or left: the first place free of other
    rings and of larger counts' labels, sizes estimated from the text); a label with no free place is left out,
    its ring remains."""
    rings = [(c.x - r, c.y - r, c.x + r, c.y + r) for c, r in zip(centres, radii, strict=True)]
    taken: list[tuple[float, float, float, float]] = []
    texts, xs, ys, positions = [], [], [], []
    for n, (centre, radius) in enumerate(zip(centres, radii, strict=True)):
        lines = [str(counts["name"].iloc[n]), t("countmap.count", lang, n=f"{int(counts['total'].iloc[n]):,}")]
        width = max(text_width(line) for line in lines) * COUNT_LABEL_PX * 0.66 * metres_per_px + 6 * metres_per_px
        height = len(lines) * COUNT_LABEL_PX * 1.25 * metres_per_px
        gap = 6 * metres_per_px  # plotly sets text a few px into its anchor
        places = {
            "bottom center": (
                centre.x - width / 2,
                centre.y - radius - gap - height,
                centre.x + width / 2,
                centre.y - radius - gap,
            ),
            "top center": (
                centre.x - width / 2,
                centre.y + radius + gap,
                centre.x + width / 2,
                centre.y + radius + gap + height,
            ),
            "middle right": (
                centre.x + radius + gap,
                centre.y - height / 2,
                centre.x + radius + gap + width,
                centre.y + height / 2,
            ),
            "middle left": (
                centre.x - radius - gap - width,
                centre.y - height / 2,
                centre.x - radius - gap,
                centre.y + height / 2,
            ),
        }
        others = [box for k, box in enumerate(rings) if k != n]
        free = next((p for p, box in places.items() if not any(_overlap(box, o) for o in [*taken, *others])), None)
        if free is None:
            continue
        taken.append(places[free])
        anchor = {
            "bottom center": (0, -radius - gap),
            "top center": (0, radius + gap),
            "middle right": (radius + gap, 0),
            "middle left": (-radius - gap, 0),
        }[free]
        texts.append(f"{lines[0]}<br><b>{lines[1]}</b>")
        xs.append(centre.x + anchor[0])
        ys.append(centre.y + anchor[1])
        positions.append(free)
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="text",
        text=texts,
        textposition=positions,
        hoverinfo="skip",
        showlegend=False,
        name="count-labels",
        textfont={"size": COUNT_LABEL_PX, "color": "#1A1A1A"},
    )


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=True)) if text else ""


def _scale_bar(fig: go.Figure, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    """A scale bar at the bottom left of a map drawn in EPSG:5186 metres (one 'nice' length, about 1/5 wide)."""
    width = x_range[1] - x_range[0]
    length = max((n for n in SCALE_BAR_LENGTHS_M if n <= width / 5), default=SCALE_BAR_LENGTHS_M[0])
    x0 = x_range[0] + 0.05 * width
    y0 = y_range[0] + 0.06 * (y_range[1] - y_range[0])
    tick = 0.012 * (y_range[1] - y_range[0])
    text = f"{length / 1000:g} km" if length >= 1000 else f"{length} m"
    fig.add_scatter(
        x=[x0, x0, None, x0, x0 + length, None, x0 + length, x0 + length],
        y=[y0 - tick, y0 + tick, None, y0, y0, None, y0 - tick, y0 + tick],
        mode="lines",
        line={"color": "#1A1A1A", "width": 3},
        hoverinfo="skip",
        showlegend=False,
        name="scale-bar",
    )
    fig.add_scatter(
        x=[x0 + length / 2],
        y=[y0 + tick],
        mode="text",
        text=[text],
        textposition="top center",
        textfont={"size": 16, "color": "#1A1A1A"},
        hoverinfo="skip",
        showlegend=False,
        name="scale-bar-label",
    )


def _axis_suffix(name: str) -> str:
    """'x' → '', 'x3' → '3', 'xaxis3' → '3'."""
    return name.removeprefix("xaxis").removeprefix("yaxis").lstrip("xy")


def _paste(page: go.Figure, source: go.Figure, cell: int, x: tuple[float, float], y: tuple[float, float]) -> int:
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


def _blank_page(title: str) -> go.Figure:
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


def _text(fig: go.Figure, lines: list[str], x: float, y: float, size: int = 20) -> None:
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


def _footer(fig: go.Figure, footer: str, number: int, total: int, lang: str) -> go.Figure:
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


def _cover(data: DashboardData, services: gpd.GeoDataFrame, as_of: date, updated: date | None, lang: charts.Lang):
    """Page 1, the overview slide as a cover: the plan (approval, fields, vision, directions, milestones), numbers, chart."""
    plan = data.plan
    fig = _blank_page(f"{plan.get('title', {}).get(lang, t('app.title', lang))} · {t('nav.briefing', lang)}")
    width = 52 if lang == "ko" else 95
    remark = plan_facts.mayor_remark(plan, lang)
    gazette = plan_facts.gazette_note(plan, lang)
    lines = [
        f"<span style='color:#00457A'><b>{t('plan.approved', lang)}</b></span>",
        *([_wrap(gazette, width)] if gazette else []),
        f"<b>{t('plan.aims', lang)}</b>: {' · '.join(plan_facts.aims(plan, lang))}",
        *([f"<i>{_wrap(remark, width)}</i>"] if remark else []),
        "",
        f"<b>{t('home.vision', lang)}</b>",
        *(f"“{line[lang]}”" for line in plan.get("vision", [])),
        "",
        f"<b>{t('home.directions', lang)}</b>",
        *(f"{n}. {d[lang]}" for n, d in enumerate(plan.get("directions", []), start=1)),
        "",
        f"<b>{t('chart.milestones', lang)}</b>",
        *(
            f"{row.date}  {row.label}{' ※' if row.note else ''}"
            for row in charts.milestones_frame(plan, lang).itertuples()
        ),
        "",
        f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b> · {t('briefing.last_update', lang)} "
        f"{updated.isoformat() if updated else '—'}",
    ]
    _text(fig, lines, 0.0, 1.0, 19)
    sources = [f"{t('home.source', lang)}: {plan['source'][lang]}"]
    notes = [f"※ {row.date}: {row.note}" for row in charts.milestones_frame(plan, lang).itertuples() if row.note]  # type: ignore[str-bytes-safe]  # pandas-stubs types row fields as any scalar, bytes included
    _text(fig, [_wrap(line, width + 10) for line in (*notes, *sources)], 0.0, 0.11, 14)
    # The same numbers and words as the overview slide's headline row.
    for position, item in enumerate(headline_items(services, data.areas, lang)):
        x = 0.53 + position * 0.12
        # A long label (English) wraps within its column and grows upward, so it never runs into the next.
        fig.add_annotation(
            text=_wrap(item.label, 16),
            x=x,
            y=0.965,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 18, "color": "#444444"},
        )
        fig.add_annotation(
            text=f"<b>{item.value}</b>",
            x=x,
            y=0.955,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": 28 if len(item.value) < 9 else 22, "color": "#005A9C"},
        )
    comparison = charts.area_comparison_figure(aggregate.services_by_area_status(services), lang, "normal")
    _paste(fig, comparison, 1, (0.53, 1.0), (0.14, 0.74))
    fig.update_layout(barmode="stack")
    return fig


def _area_page(
    data: DashboardData, services: gpd.GeoDataFrame, area_id: str, as_of: date, lang: charts.Lang
) -> go.Figure:
    """An area slide: map with scale bar (top left), key facts with source (top right), two charts below."""
    fig = _blank_page(label(AREA_TERMS, area_id, lang))
    cell = _paste(fig, area_map_figure(data.boundaries, data.areas, services, area_id, lang), 1, *AREA_MAP_BOX)
    fig.layout.legend.update(x=0.0, y=0.51, font={"size": 14})
    facts, source = area_facts(data.areas, area_id, lang)
    area_services = services.loc[services["area_id"] == area_id]
    starts, ends = area_services.get("start_year"), area_services.get("end_year")
    known = starts is not None and ends is not None and starts.notna().any() and ends.notna().any()
    period = period_text(starts.min(), ends.max(), lang) if known else "—"
    width = 54 if lang == "ko" else 80
    # The same numbers and words as the area slide's headline row.
    items = headline_items(services, data.areas, lang, area_id, as_of=as_of, compact=True)
    number_line = " · ".join(f"{item.label} {item.value}" for item in items)
    number_line += f" · {t('briefing.period', lang)} {period}"
    lines = [f"<b>{t('briefing.area_numbers', lang)}</b>", _wrap(number_line, width), ""]
    # Wrapped with its label, so the first line of a long value stays inside the page too.
    lines += [f"<b>{fact.label}</b>" + _wrap(f"{fact.label}: {fact.value}", width)[len(fact.label) :] for fact in facts]
    # The source follows the facts in the same block, so long facts push it down instead of running into it.
    notes = [_wrap(f"{t('field.source', lang)}: {source}", width + 12), t("briefing.map_note", lang)]
    lines += [f"<span style='font-size:13px'>{note}</span>" for note in notes]
    _text(fig, lines, 0.52, 1.0, 16)
    direction = charts.direction_figure(aggregate.services_by_direction(services, area_id), lang, "normal")
    cell = _paste(fig, direction, cell, (0.0, 0.44), (0.1, 0.36))
    budget = charts.budget_by_year_figure(aggregate.budget_by_year(services, area_id), lang, "normal")
    _paste(fig, budget, cell, (0.54, 1.0), (0.1, 0.36))
    fig.layout[f"legend{cell}"].update(y=0.03)
    return fig


def _domains_page(services: gpd.GeoDataFrame, lang: charts.Lang) -> go.Figure:
    """The domains slide: services by domain and status (left), by direction (right)."""
    fig = _blank_page(t("briefing.domains", lang))
    domains = charts.domain_status_figure(aggregate.services_by_domain_status(services), lang)
    cell = _paste(fig, domains, 1, (0.12, 0.58), (0.1, 0.95))
    _paste(fig, charts.direction_figure(aggregate.services_by_direction(services), lang), cell, (0.8, 1.0), (0.1, 0.95))
    fig.layout.legend.update(y=0.03)
    return fig


def _table_page(table: pd.DataFrame, title: str, widths: list[float], row_px: int = 30) -> go.Figure:
    """A readable table page: light header, white and light-grey rows, dark text (never a dark block)."""
    fig = _blank_page(title)
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


def appendix_counts(services: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """The handout's appendix at city scale: services per area (rows, vocabulary order, 시 전역 last) and status
    (columns, legend order), with totals, as text with thousands separators."""
    areas = [a for a in AREA_TERMS if a in set(services["area_id"])]
    grid = pd.crosstab(services["area_id"], services["status"]).reindex(index=areas, columns=list(STATUS_TERMS))
    grid = grid.fillna(0).astype(int)
    grid[t("chart.total", lang)] = grid.sum(axis=1)
    grid.loc["__total__"] = grid.sum(axis=0)
    names = [label(AREA_SHORT, a, lang) for a in areas] + [t("chart.total", lang)]
    table = pd.DataFrame({t("field.area", lang): names})
    for column in grid.columns:
        heading = label(STATUS_TERMS, column, lang) if column in STATUS_TERMS else column
        table[heading] = [f"{v:,}" for v in grid[column]]
    return table


def briefing_figures(data: DashboardData, as_of: date, since: date, lang: charts.Lang = "ko") -> list[go.Figure]:
    """Every page of the PDF briefing as a Plotly figure, in order (testable without Chromium).

    One page per slide of the briefing (``geo.briefing.briefing_slides``: the
    overview as the cover, each area, the domains, what changed), then an
    appendix with every service (:data:`APPENDIX_ROWS_PER_PAGE` a page), or above
    ``geo.pointmap.FOLIUM_SERVICES_MAX`` services one page of counts per area and
    status (:func:`appendix_counts`). Services are shown with their status on ``as_of`` (``geo.history``).
    """
    services = services_as_of(data.services, data.status_history, as_of)
    updated = last_data_update(data.services)
    changes = changes_table(data.status_history, data.services, since, as_of, lang)
    pages: list[go.Figure] = []
    for slide in briefing_slides(changes=len(changes)):
        if slide.kind == "overview":
            pages.append(_cover(data, services, as_of, updated, lang))
        elif slide.kind == "area" and (data.areas["area_id"] == slide.area_id).any():
            pages.append(_area_page(data, services, slide.area_id or "", as_of, lang))
        elif slide.kind == "domains":
            pages.append(_domains_page(services, lang))
        elif slide.kind == "changes":
            title = f"{slide.title(lang, since)} · {t('briefing.changes_count', lang, n=len(changes))}"
            rows = slide.rows(changes)
            if rows.empty:
                rows = pd.DataFrame({changes.columns[0]: [t("briefing.no_changes", lang)]})
            pages.append(_table_page(rows, title, [1, 3, 1.3, 1.6, 3]))
    if needs_canvas_map(services):
        # A city's device layers (100,000 services) would make a list of 3,000 pages: counts instead.
        title = f"{t('briefing.appendix', lang)} · {t('briefing.appendix_counts', lang, n=f'{len(services):,}')}"
        pages.append(_table_page(appendix_counts(services, lang), title, [2.4] + [1.0] * (len(STATUS_TERMS) + 1)))
    else:
        table = services_table(services, lang)
        for start in range(0, len(table), APPENDIX_ROWS_PER_PAGE):
            chunk = table.iloc[start : start + APPENDIX_ROWS_PER_PAGE]
            title = f"{t('briefing.appendix', lang)} · {t('briefing.services_table', lang)} ({start + 1}–{start + len(chunk)} / {len(table)})"
            pages.append(_table_page(chunk, title, [3.4, 1.3, 1.8, 1, 1.2, 1.1], row_px=21))
    footer = f"<b>{t('briefing.as_of', lang)} {as_of.isoformat()}</b> · {t('briefing.last_update', lang)} "
    footer += updated.isoformat() if updated else "—"
    if data.has_samples:
        footer = f"<span style='color:#B04A00'><b>{t('sample.short', lang)}</b></span> · {footer}"
    total = len(pages)
    return [_footer(fig, footer, n, total, lang) for n, fig in enumerate(pages, start=1)]


def offline_render_page() -> PageGenerator:
    """kaleido's render page with nothing fetched from outside: plotly.js from the installed package, no MathJax.

    kaleido's default page loads MathJax from a CDN (cdnjs) on every export; the figures use no TeX, and a
    city network separated from the internet must see no request at all.
    """
    from kaleido import PageGenerator

    return PageGenerator(mathjax=False)


def figures_to_pdf(figures: Sequence[go.Figure], title: str = "") -> bytes:
    """Render each figure to one PDF page with kaleido (local Chromium) and join them with pypdf.

    Raises
    ------
    BriefingExportError
        When the Hangul font or Chromium is missing, or rendering fails (Korean message).
    """
    find_cjk_font()
    import kaleido
    from pypdf import PdfReader, PdfWriter

    opts = {"format": "pdf", "width": PAGE_WIDTH_PX, "height": PAGE_HEIGHT_PX}
    writer = PdfWriter()
    # One Chromium for the whole export; the lock keeps two exports from sharing or stopping it.
    with _EXPORT_LOCK:
        try:
            kaleido.start_sync_server(page_generator=offline_render_page(), silence_warnings=True)
        except Exception as exc:  # kaleido raises its own types for a missing or broken browser
            raise BriefingExportError(t("briefing.browser_missing", "ko")) from exc
        try:
            for figure in figures:
                page = kaleido.calc_fig_sync(figure, opts=opts)
                for pdf_page in PdfReader(io.BytesIO(page)).pages:
                    writer.add_page(pdf_page)
        except BriefingExportError:
            raise
        except Exception as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "chrome" in message.lower() or "browser" in message.lower():
                raise BriefingExportError(t("briefing.browser_missing", "ko")) from exc
            raise BriefingExportError(t("briefing.render_failed", "ko", reason=message)) from exc
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    writer.add_metadata({"/Title": title, "/Producer": "Ansan Smart City Dashboard"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def briefing_pdf(data: DashboardData, as_of: date, since: date, lang: charts.Lang = "ko") -> bytes:
    """The whole briefing as PDF bytes (16:9 pages, Korean by default); see the module docstring."""
    find_cjk_font()
    title = f"{t('app.title', lang)} {t('nav.briefing', lang)} ({t('briefing.as_of', lang)} {as_of.isoformat()})"
    return figures_to_pdf(briefing_figures(data, as_of, since, lang), title)
