"""Static maps for the handout: an area, its services or their counts per 동, a scale bar; nothing fetched.

Maps are drawn the way ``geo.charts`` draws its choropleth: polygons, lines and
status symbols on plain x/y axes in EPSG:5186 metres (no tiles, no topojson), so
nothing is fetched and a scale bar is exact. At city scale (more services than
``geo.mapping.canvas.FOLIUM_SERVICES_MAX``) an area's services are counted per 동.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from geo import charts
from geo.analysis.aggregate import area_label
from geo.briefing.handout.layout import PAGE_HEIGHT_PX, PAGE_WIDTH_PX
from geo.charts.common import text_width
from geo.i18n import t
from geo.io import METRIC_CRS
from geo.mapping.canvas import needs_canvas_map
from geo.mapping.counts import (
    GLYPH_MIN_DEGREES,
    LABEL_SIDES,
    Box,
    counts_by_dong,
    label_place,
    label_text_position,
    symbol_radius,
    touches_ring,
)
from geo.model.vocab import AREA_TERMS, STATUS_TERMS
from geo.spatial import geometry_path, pad_bounds

#: Scale bar lengths to choose from, in metres.
SCALE_BAR_LENGTHS_M: tuple[int, ...] = (100, 200, 500, 1000, 2000, 5000, 10000)

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


def area_map_figure(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    area_id: str | None,
    lang: str = "ko",
    near: bool = False,
) -> go.Figure:
    """A static map of one area (or all areas when ``area_id`` is None) in EPSG:5186 metres.

    Dong outlines, the four areas (the chosen one filled), and the area's
    services: points as status symbols, lines and zones in status colours.
    Above ``geo.mapping.canvas.FOLIUM_SERVICES_MAX`` services they are counted per 동
    instead (``geo.mapping.counts.counts_by_dong``, as on the briefing's slide): one
    ring per dong (see :func:`_count_rings`). ``near`` draws every service given
    (an empty area's nearest projects) and frames them with the area. Every layer is reprojected from
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
            text=f"<b>{area_label(areas, current, lang)}</b>",
            showarrow=False,
            font={"size": 22 if chosen else 16, "color": "#1A1A1A"},
            bgcolor="rgba(255,255,255,0.7)",
        )
    # An empty area's page draws the nearest projects (``near``): every service given, wherever it lies.
    shown = services if area_id is None or near else services.loc[services["area_id"] == area_id]
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


def _ring_path(x: float, y: float, outer: float, inner: float, start: float, end: float) -> tuple[list[Any], list[Any]]:
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

    Each dong with services gets a white disc whose area grows with its count (``geo.mapping.counts.symbol_radius``)
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
    discs: tuple[list[Any], list[Any]] = ([], [])
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
        ring: tuple[list[Any], list[Any]] = ([], [])
        glyphs: tuple[list[Any], list[Any]] = ([], [])
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
    """Each dong's name and count beside its ring, on the first side of ``LABEL_SIDES`` free of other rings and of
    larger counts' labels (the browser's maps follow the same rule; sizes estimated from the text); a label with no
    free side is left out, its ring remains."""
    taken: list[Box] = []
    texts, xs, ys, positions = [], [], [], []
    for n, (centre, radius) in enumerate(zip(centres, radii, strict=True)):
        lines = [str(counts["name"].iloc[n]), t("countmap.count", lang, n=f"{int(counts['total'].iloc[n]):,}")]
        width = max(text_width(line) for line in lines) * COUNT_LABEL_PX * 0.66 * metres_per_px + 6 * metres_per_px
        height = len(lines) * COUNT_LABEL_PX * 1.25 * metres_per_px
        gap = 6 * metres_per_px  # plotly sets text a few px into its anchor
        others = [(c.x, c.y, r) for k, (c, r) in enumerate(zip(centres, radii, strict=True)) if k != n]
        free = None
        for side in LABEL_SIDES:
            box, anchor = label_place(side, centre.x, centre.y, radius, (width, height), gap)
            if not any(_overlap(box, o) for o in taken) and not any(touches_ring(box, *ring) for ring in others):
                free = side
                break
        if free is None:
            continue
        taken.append(box)
        texts.append(f"{lines[0]}<br><b>{lines[1]}</b>")
        xs.append(anchor[0])
        ys.append(anchor[1])
        positions.append(label_text_position(free))
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


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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
