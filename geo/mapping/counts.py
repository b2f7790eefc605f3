"""The kiosk's and the briefing's map at city scale: services counted per 동, one ring symbol each.

Above ``geo.mapping.canvas.FOLIUM_SERVICES_MAX`` services a folium map with one marker per
service takes seconds and its cluster halos cover the city in an unreadable carpet.
The staff pages switch to the canvas point map then, which lives by hover, click and
zoom. The kiosk and the briefing have none of these (the kiosk's map is a picture
under the visitor's finger, the briefing's is projected), and at city zoom that map
can only show pixel clusters whose counts belong to no place and carry no status.
So these two count per 행정동 instead: a place people know, the count as a number,
the status mix as a ring in the status colours with each status's shape on its
segment. One symbol per dong (25) whatever the number of services, and nothing about any
one service (no name, no id) reaches the page. The map stays a folium map, so the
kiosk's frame, its re-fit on resize or rotation and the briefing's presentation mode
work as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo.html import escape_html
from geo.i18n import localized, t
from geo.io import METRIC_CRS
from geo.mapping.build import build_map
from geo.mapping.elements import map_script
from geo.mapping.layers import MapOptions
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import STATUS_TERMS
from geo.spatial import LatLonView, representative_points

#: Radius of the largest and the smallest symbol, CSS pixels, per audience (the kiosk is read from afar).
SYMBOL_RADIUS = {"kiosk": (15, 40), "briefing": (13, 34)}
#: Label text, CSS pixels: the kiosk's map is read from a step back, the briefing's on a projector.
LABEL_PX = {"kiosk": 24, "briefing": 18}
#: Where the key sits: the kiosk's map has no buttons and sea in its north-west; the briefing's keeps its zoom
#: buttons at the top left (hidden when presenting) and its status legend at the bottom left.
KEY_CORNER = {"kiosk": "topleft", "briefing": "topright"}
#: A status's shape is drawn on its segment when the segment spans at least this many degrees.
GLYPH_MIN_DEGREES = 40.0


def counts_by_dong(
    services: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    lang: str = "ko",
    statuses: Sequence[str] = tuple(STATUS_TERMS),
) -> pd.DataFrame:
    """How many of ``services`` lie in each 행정동, by status, and where to draw the count.

    Parameters
    ----------
    services : GeoDataFrame
        EPSG:4326 with ``status`` and, where known, ``dong`` (the 행정동's Korean name, as ``geo.loaders``
        adds it; empty where a service lies in no dong).
    boundaries : GeoDataFrame
        The boundaries (for the dongs' English names).
    lang : str
        ``ko`` or ``en``: the language of ``name``.
    statuses : sequence of str
        The status columns, in this order (the legend's); services in other statuses are not counted.

    Returns
    -------
    DataFrame
        One row per dong with services, most first: ``dong`` (Korean name; a service outside every outline
        counts for the nearest dong, "" only when there are no dongs), ``name`` (plain text
        in ``lang``), ``lat``/``lon`` (degrees, the mean position of its services, so an area's map puts the
        count among the area's services), ``total`` and one count column per status.
    """
    counted = services.loc[services["status"].isin(statuses)]
    anchors = representative_points(counted) if len(counted) else gpd.GeoSeries([], crs=services.crs)
    dongs = boundaries.loc[boundaries["level"] == "dong"]
    frame = pd.DataFrame(
        {
            "dong": _dong_of(counted, anchors, dongs),
            "status": counted["status"].astype(str).to_numpy(),
            "lat": anchors.y.to_numpy(),
            "lon": anchors.x.to_numpy(),
        }
    )
    columns = ["dong", "name", "lat", "lon", "total", *statuses]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.groupby("dong", sort=False)
    by_status = pd.crosstab(frame["dong"], frame["status"]).reindex(columns=list(statuses), fill_value=0)
    result = grouped[["lat", "lon"]].mean().join(by_status)
    result["total"] = by_status.sum(axis=1)
    names = {row["name_ko"]: localized(row, "name", lang) for row in dongs.drop(columns="geometry").to_dict("records")}
    result = result.reset_index()
    result["name"] = [names.get(d, d) if d else t("countmap.no_dong", lang) for d in result["dong"]]
    return result.sort_values(["total", "dong"], ascending=[False, True], kind="stable")[columns].reset_index(drop=True)


def _dong_of(services: gpd.GeoDataFrame, anchors: gpd.GeoSeries, dongs: gpd.GeoDataFrame) -> list[str]:
    """Each service's 동; one just outside the simplified outlines (on the coast, say), or without a ``dong``
    column at all, counts for the nearest."""
    known = services["dong"] if "dong" in services.columns else pd.Series("", index=services.index)
    names = known.fillna("").astype(str).to_numpy().copy()
    outside = names == ""
    if outside.any() and len(dongs):
        points = gpd.GeoDataFrame(geometry=anchors[outside].to_numpy(), crs=anchors.crs).to_crs(METRIC_CRS)
        outlines = dongs[["name_ko", "geometry"]].to_crs(METRIC_CRS)
        nearest = gpd.sjoin_nearest(points, outlines, how="left")
        names[outside] = nearest.loc[~nearest.index.duplicated(), "name_ko"].to_numpy()
    return names.tolist()


def _glyph_svg(shape: str, x: float, y: float, size: float) -> str:
    """A status's shape in white with a dark edge, centred on (x, y), about ``size`` px across."""
    h = size / 2
    style = 'fill="#fff" stroke="#1a1a1a" stroke-width="1"'
    if shape == "square":
        return (
            f'<rect x="{x - h * 0.8:.1f}" y="{y - h * 0.8:.1f}" width="{h * 1.6:.1f}" height="{h * 1.6:.1f}" {style}/>'
        )
    if shape in ("triangle", "diamond", "star"):
        if shape == "triangle":
            corners = [(0, -1.05), (1.0, 0.8), (-1.0, 0.8)]
        elif shape == "diamond":
            corners = [(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)]
        else:
            corners = [
                (
                    (1.15 if k % 2 == 0 else 0.5) * math.cos(-math.pi / 2 + k * math.pi / 5),
                    (1.15 if k % 2 == 0 else 0.5) * math.sin(-math.pi / 2 + k * math.pi / 5),
                )
                for k in range(10)
            ]
        points = " ".join(f"{x + dx * h:.1f},{y + dy * h:.1f}" for dx, dy in corners)
        return f'<polygon points="{points}" {style}/>'
    if shape == "hollow":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h * 0.7:.1f}" fill="none" stroke="#fff" stroke-width="2.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h * 0.85:.1f}" {style}/>'


def ring_svg(counts: Sequence[int], statuses: Sequence[str], radius: float) -> str:
    """One count symbol: a ring split by status in the status colours (clockwise from the top, in ``statuses``
    order), each status's shape on its segment where the segment is wide enough, around a white disc."""
    total = sum(counts)
    size = 2 * radius + 4
    centre = size / 2
    width = max(8.0, radius * 0.5)
    ring = radius - width / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size:.0f}" height="{size:.0f}" '
        f'viewBox="0 0 {size:.1f} {size:.1f}">',
        f'<circle cx="{centre:.1f}" cy="{centre:.1f}" r="{radius:.1f}" fill="#fff"/>',
    ]
    start, glyphs = 0.0, []
    for status, count in zip(statuses, counts, strict=True):
        if not count or not total:
            continue
        share = count / total
        term = STATUS_TERMS[status]
        if share >= 1.0:
            parts.append(
                f'<circle cx="{centre:.1f}" cy="{centre:.1f}" r="{ring:.1f}" fill="none" stroke="{term.colour}" '
                f'stroke-width="{width:.1f}"/>'
            )
        else:
            a0, a1 = 2 * math.pi * start - math.pi / 2, 2 * math.pi * (start + share) - math.pi / 2
            x0, y0 = centre + ring * math.cos(a0), centre + ring * math.sin(a0)
            x1, y1 = centre + ring * math.cos(a1), centre + ring * math.sin(a1)
            large = 1 if share > 0.5 else 0
            parts.append(
                f'<path d="M{x0:.2f},{y0:.2f} A{ring:.2f},{ring:.2f} 0 {large} 1 {x1:.2f},{y1:.2f}" fill="none" '
                f'stroke="{term.colour}" stroke-width="{width:.1f}"/>'
            )
        if share * 360 >= GLYPH_MIN_DEGREES and width >= 10:
            middle = 2 * math.pi * (start + share / 2) - math.pi / 2
            glyphs.append(
                _glyph_svg(term.shape, centre + ring * math.cos(middle), centre + ring * math.sin(middle), width * 0.7)
            )
        start += share
    parts += glyphs
    parts.append(
        f'<circle cx="{centre:.1f}" cy="{centre:.1f}" r="{radius:.1f}" fill="none" stroke="#1a1a1a" stroke-width="1.5"/>'
    )
    return "".join(parts) + "</svg>"


def symbol_radius(total: int, top: int, smallest: float, largest: float) -> float:
    """The radius of a count symbol (in the caller's unit: px on screen, metres on paper) from ``smallest`` to
    ``largest``: its area grows with ``total`` (the radius with the square root) up to ``top``, the largest count."""
    return smallest + (largest - smallest) * math.sqrt(total / top) if top else smallest


def count_symbols(
    counts: pd.DataFrame, statuses: Sequence[str], lang: str, audience: str = "kiosk"
) -> list[dict[str, Any]]:
    """What the page gets for each dong of ``counts_by_dong``: position, symbol and escaped label; nothing else.

    The area of a symbol grows with its count (radius with the square root), from the smallest to the largest
    radius of ``SYMBOL_RADIUS[audience]``.
    """
    smallest, largest = SYMBOL_RADIUS[audience]
    top = int(counts["total"].max()) if len(counts) else 0
    symbols = []
    for row in counts.to_dict("records"):
        total = int(row["total"])
        radius = symbol_radius(total, top, smallest, largest)
        symbols.append(
            {
                "lat": round(float(row["lat"]), 6),
                "lon": round(float(row["lon"]), 6),
                "size": round(2 * radius + 4),
                "total": total,
                "svg": ring_svg([int(row[s]) for s in statuses], statuses, radius),
                "name": escape_html(row["name"]),
                "count": escape_html(t("countmap.count", lang, n=f"{total:,}")),
            }
        )
    return symbols


#: Where a count's label may sit beside its ring, in order of preference: a map takes the first side free of the
#: key, the areas' names, the other rings and the labels already placed, else leaves the label out (its ring
#: stays). One rule for the browser's maps (``static/js/map/count_symbols.js``, whose CSS classes carry these
#: names) and the handout's (``geo.briefing.handout.maps``).
LABEL_SIDES: tuple[str, ...] = (
    "below",
    "above",
    "right",
    "left",
    "below-right",
    "below-left",
    "above-right",
    "above-left",
)
#: A corner label starts where the ring's circle meets its diagonal (85 % across the symbol's box, 0.7 radius).
CORNER_REACH = 0.7

#: A box on the page: left, bottom, right, top, with y upwards.
Box = tuple[float, float, float, float]


def label_place(
    side: str, x: float, y: float, radius: float, size: tuple[float, float], gap: float
) -> tuple[Box, tuple[float, float]]:
    """The box a label of ``size`` (width, height) takes on ``side`` of the ring of ``radius`` centred at (x, y),
    ``gap`` away from it, and the point the label is anchored at (y upwards)."""
    across = 1 if side.endswith("right") else -1 if side.endswith("left") else 0
    up = 1 if side.startswith("above") else -1 if side.startswith("below") else 0
    reach = radius * (CORNER_REACH if across and up else 1.0) + gap
    anchor_x, anchor_y = x + across * reach, y + up * reach
    width, height = size
    left = anchor_x - width / 2 if across == 0 else anchor_x if across > 0 else anchor_x - width
    bottom = anchor_y - height / 2 if up == 0 else anchor_y if up > 0 else anchor_y - height
    return (left, bottom, left + width, bottom + height), (anchor_x, anchor_y)


def label_text_position(side: str) -> str:
    """Plotly's ``textposition`` for a label on ``side`` of its anchor ("bottom center" for ``below``)."""
    vertical = "top" if side.startswith("above") else "bottom" if side.startswith("below") else "middle"
    horizontal = "right" if side.endswith("right") else "left" if side.endswith("left") else "center"
    return f"{vertical} {horizontal}"


def touches_ring(box: Box, x: float, y: float, radius: float) -> bool:
    """Whether ``box`` reaches into the ring's circle (a label may pass the corners of the ring's square)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return dx * dx + dy * dy < radius * radius


def count_key_html(total: int, statuses: Sequence[str], lang: str) -> str:
    """The key to the symbols (escaped): what a ring, its size and its colours say, and how many are counted."""
    sample = ring_svg([1] * len(statuses), statuses, 22)
    return (
        f"<h4>{escape_html(t('countmap.title', lang, n=f'{total:,}'))}</h4>"
        f'<div class="row">{sample}<span>{escape_html(t("countmap.size", lang))}<br>'
        f"{escape_html(t('countmap.ring', lang))}</span></div>"
    )


class CountSymbols(MacroElement):
    """The count symbols as markers that take no clicks, their labels below, and the key at the top right
    (the script is ``static/js/map/count_symbols.js``).

    The map's box gets ``data-count-symbols`` and ``data-count-total`` once they are drawn (what the page shows,
    for tests and checks).
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  .count-symbol { background: transparent; border: 0; }
  .count-symbol .count-label { position: absolute; left: 50%; top: 100%; transform: translateX(-50%);
    white-space: nowrap; text-align: center; line-height: 1.1; color: #1a1a1a;
    font: 600 {{ this.label_px }}px 'Noto Sans CJK KR','Noto Sans KR','Malgun Gothic',sans-serif;
    text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
  .count-symbol .count-label b { font-weight: 800; }
  .count-symbol .count-label.above { top: auto; bottom: 100%; }
  .count-symbol .count-label.right { left: 100%; top: 50%; transform: translateY(-50%); }
  .count-symbol .count-label.left { left: auto; right: 100%; top: 50%; transform: translateY(-50%); }
  .count-symbol .count-label.below-right { left: 85%; top: 85%; transform: none; }
  .count-symbol .count-label.below-left { left: auto; right: 85%; top: 85%; transform: none; }
  .count-symbol .count-label.above-right { left: 85%; top: auto; bottom: 85%; transform: none; }
  .count-symbol .count-label.above-left { left: auto; right: 85%; top: auto; bottom: 85%; transform: none; }
  .dash-legend.count-key .row { white-space: normal; align-items: center; }
  .dash-legend.count-key svg { flex: none; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.configured_script() }}
{% endmacro %}
"""
    )

    def __init__(self, symbols: list[dict[str, Any]], key_html: str, label_px: int, key_corner: str):
        super().__init__()
        self._name = "CountSymbols"
        self.config = {"symbols": symbols, "key": key_html, "corner": key_corner, "sides": list(LABEL_SIDES)}
        self.label_px = label_px

    def configured_script(self) -> str:
        """The symbols, their labels placed where they are free, and the key (``static/js/map/count_symbols.js``)."""
        return map_script("count_symbols.js", self, self.config)


def build_count_map(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    options: MapOptions,
    selected_area: str | None = None,
    bounds: LatLonView | None = None,
    reference_layers: Sequence[ReferenceLayer] = (),
) -> folium.Map:
    """``build_map``'s map (outlines, areas, reference layers, status legend, the kiosk's re-fit) with ``services``
    counted per 동 instead of drawn one by one; the dong outlines show, so each count has its place.

    ``options.audience`` is ``kiosk`` or ``briefing``; ``options.legend_statuses`` (None: all) are the statuses
    counted and shown in the ring.
    """
    if options.audience not in SYMBOL_RADIUS:
        raise ValueError(f"audience must be one of {tuple(SYMBOL_RADIUS)}, not {options.audience!r}")
    statuses = options.legend_statuses or tuple(STATUS_TERMS)
    with_dongs = replace(options, show_dongs=True)
    fmap = build_map(
        boundaries,
        areas,
        services.iloc[0:0],
        with_dongs,
        selected_area=selected_area,
        bounds=bounds,
        reference_layers=reference_layers,
    )
    counts = counts_by_dong(services, boundaries, options.lang, statuses)
    symbols = count_symbols(counts, statuses, options.lang, options.audience)
    key = count_key_html(int(counts["total"].sum()) if len(counts) else 0, statuses, options.lang)
    CountSymbols(symbols, key, LABEL_PX[options.audience], KEY_CORNER[options.audience]).add_to(fmap)
    return fmap
