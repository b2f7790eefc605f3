"""What goes on a map besides its base: status symbols, the legend, services per domain, import previews.

Every text from data is escaped here before it reaches the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd

from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.mapping.elements import ServiceLayer
from geo.settings import STATIC_URL
from geo.spatial import representative_points
from geo.vocab import AREA_TERMS, DOMAIN_TERMS, STATUS_TERMS, label

# Above this many points on one map, markers are clustered.
CLUSTER_THRESHOLD = 1500


# Inline SVG per status shape; colour pairs with shape so status reads without colour.
_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="8" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "square": '<rect x="4.5" y="4.5" width="15" height="15" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "triangle": '<polygon points="12,3 21,20 3,20" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "star": '<polygon points="12,2 14.9,8.6 22,9.3 16.6,14 18.2,21 12,17.3 5.8,21 7.4,14 2,9.3 9.1,8.6" '
    'fill="{c}" stroke="#fff" stroke-width="1.5"/>',
    "diamond": '<polygon points="12,2 22,12 12,22 2,12" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "hollow": '<circle cx="12" cy="12" r="7" fill="#fff" stroke="{c}" stroke-width="3.5"/>',
}


def status_icon_svg(status: str, size: int = 24) -> str:
    term = STATUS_TERMS[status]
    body = _SHAPES[term.shape].format(c=term.colour)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24">{body}</svg>'


@dataclass(frozen=True)
class MapOptions:
    lang: str = "ko"
    audience: str = "staff"
    basemap: str = "none"
    basemap_key: str | None = None
    static_url: str = STATIC_URL
    show_dongs: bool = True
    height_px: int = 640
    #: The statuses the legend lists; None: all. The kiosk leaves out 취소, which it never draws.
    legend_statuses: tuple[str, ...] | None = None

    @property
    def large(self) -> bool:
        return self.audience in ("briefing", "kiosk")


def legend_html(lang: str, with_areas: bool = False, statuses: tuple[str, ...] | None = None) -> str:
    """Status symbols (and, on request, area colours; areas carry their names on the map anyway).

    ``statuses`` limits the list to what the map can show (None: every status, in vocabulary order).
    """
    parts = [f"<h4>{escape_html(t('legend.status', lang))}</h4>"]
    for status in STATUS_TERMS:
        if statuses is not None and status not in statuses:
            continue
        parts.append(
            f'<div class="row">{status_icon_svg(status, 18)}<span>{escape_html(label(STATUS_TERMS, status, lang))}'
            "</span></div>"
        )
    if not with_areas:
        return "".join(parts)
    parts.append(f"<h4 style='margin-top:6px'>{escape_html(t('legend.areas', lang))}</h4>")
    for area_id, term in AREA_TERMS.items():
        if area_id == "citywide":
            continue
        parts.append(
            f'<div class="row"><span class="swatch" style="border-color:{term.colour};background:{term.colour}33">'
            f"</span><span>{escape_html(term.label(lang))}</span></div>"
        )
    return "".join(parts)


def service_tooltips(services: pd.DataFrame, lang: str) -> pd.Series:
    """Each service's tooltip, ``name · status`` escaped, built column-wise (100,000 rows in well under a second)."""
    names = localized_column(services, "name", lang).map(escape_html)
    return names + " · " + services["status"].map(lambda s: escape_html(label(STATUS_TERMS, s, lang)))


def _shape_layer(shapes: gpd.GeoDataFrame, lang: str, selected: str | None, tooltips: bool) -> folium.GeoJson:
    """Line and zone services, styled by status (dashed while planned or cancelled)."""
    frame = shapes[["service_id", "name_ko", "name_en", "status", "geometry"]].copy()
    frame["tip"] = service_tooltips(frame, lang)
    # folium embeds GeoJSON properties in a script unescaped: only escaped text goes in.
    frame["service_id"] = frame["service_id"].map(escape_html)
    frame = frame[["service_id", "status", "tip", "geometry"] if tooltips else ["status", "geometry"]]
    selected = escape_html(selected) if selected else None

    def style(feature: dict) -> dict:
        props = feature["properties"]
        colour = STATUS_TERMS[props["status"]].colour
        return {
            "color": colour,
            "weight": 7 if props.get("service_id") == selected else 4,
            "fillColor": colour,
            "fillOpacity": 0.25,
            "dashArray": "6 4" if STATUS_TERMS[props["status"]].dashed else None,
        }

    tooltip = folium.GeoJsonTooltip(["tip"], labels=False) if tooltips else None
    return folium.GeoJson(frame, style_function=style, tooltip=tooltip)


def _point_rows(points: gpd.GeoDataFrame, statuses: list[str], lang: str, tooltips: bool) -> list[list]:
    """``[lat, lon, status_index, tooltip_html]`` per point, built column-wise."""
    lats = points.geometry.y.round(6).tolist()
    lons = points.geometry.x.round(6).tolist()
    status_index = points["status"].map({s: i for i, s in enumerate(statuses)}).astype(int).tolist()
    tips = service_tooltips(points, lang).tolist() if tooltips else [""] * len(points)
    return [list(row) for row in zip(lats, lons, status_index, tips, strict=True)]


def service_groups(
    services: gpd.GeoDataFrame,
    options: MapOptions | None = None,
    selected_service: str | None = None,
) -> list[folium.FeatureGroup]:
    """One layer group per service domain (points, lines and zones), plus the selection highlight.

    Pages that keep the map's position across filter changes pass these to
    ``st_folium(feature_group_to_add=...)``; ``build_map`` adds them directly.
    """
    options = options or MapOptions()
    lang = options.lang
    statuses = list(STATUS_TERMS)
    icon_px = 30 if options.large else 22
    icons = [status_icon_svg(s, icon_px) for s in statuses]
    # Cluster every domain once the map as a whole holds more markers than the browser draws comfortably.
    cluster = int((services.geom_type == "Point").sum()) > CLUSTER_THRESHOLD
    # The kiosk is public and touch-only: no hover tooltips, and no internal ids in the page.
    tooltips = options.audience != "kiosk"
    groups = []
    for domain in DOMAIN_TERMS:
        in_domain = services.loc[services["domain"] == domain]
        if in_domain.empty:
            continue
        group = folium.FeatureGroup(
            name=f"{label(DOMAIN_TERMS, domain, lang)} ({len(in_domain):,})", overlay=True, control=True
        )
        is_point = in_domain.geom_type == "Point"
        shapes, points = in_domain.loc[~is_point], in_domain.loc[is_point]
        if not shapes.empty:
            _shape_layer(shapes, lang, selected_service, tooltips).add_to(group)
        if not points.empty:
            rows = _point_rows(points, statuses, lang, tooltips)
            layer = ServiceLayer(domain, rows, icons, cluster, icon_px, options.static_url)
            layer.control = False
            layer.add_to(group)
        groups.append(group)
    chosen = services.loc[services["service_id"] == selected_service] if selected_service else services.iloc[:0]
    if not chosen.empty:
        highlight = folium.FeatureGroup(name="selection", control=False)
        anchor = representative_points(chosen).iloc[0]
        folium.CircleMarker(
            [anchor.y, anchor.x], radius=20, color="#000", weight=3, fill=False, dash_array="4 3", interactive=False
        ).add_to(highlight)
        groups.append(highlight)
    return groups


def import_preview_layer(shapes: gpd.GeoDataFrame, id_column: str, name: str) -> folium.GeoJson:
    """Areas or boundaries of an import preview, dashed blue over the base map, with escaped tooltips.

    Parameters
    ----------
    shapes : GeoDataFrame
        EPSG:4326 polygons with ``id_column`` and, where present, ``name_ko``.
    id_column : str
        The schema's id column (``area_id``, ``boundary_id``), shown in the tooltip.
    name : str
        The layer's name in the layer control.
    """
    names = shapes["name_ko"] if "name_ko" in shapes else shapes[id_column]
    # folium embeds GeoJSON properties in a script unescaped: only escaped text goes in.
    layer = gpd.GeoDataFrame(
        {"tip": [f"{escape_html(n)} ({escape_html(i)})" for n, i in zip(names, shapes[id_column], strict=True)]},
        geometry=shapes.geometry.values,
        crs=shapes.crs,
    )
    return folium.GeoJson(
        layer,
        name=name,
        style_function=lambda _: {
            "color": "#0072B2",
            "weight": 3,
            "fillColor": "#0072B2",
            "fillOpacity": 0.12,
            "dashArray": "6 4",
        },
        tooltip=folium.GeoJsonTooltip(["tip"], labels=False),
    )
