"""The map in one piece: outlines, development areas, services and controls on a ``folium.Map``, and its view."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import folium
import geopandas as gpd

from geo.assets import vendor_url
from geo.html import escape_html
from geo.i18n import localized, t
from geo.mapping.canvas import REFERENCE_COLOURS, reference_payload
from geo.mapping.elements import (
    FullscreenControl,
    Legend,
    MetricScale,
    ReferenceMarkers,
    RefitOnResize,
    SafeBinding,
)
from geo.mapping.layers import MapOptions, PlacementLegend, legend_html, placement_legend, service_groups
from geo.model.extent import URBAN_EXTENT
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import AREA_SHORT, AREA_TERMS, label

AUDIENCES = ("staff", "briefing", "kiosk")
# Default view, as folium's ((south, west), (north, east)): the urban part of Ansan (``geo.model.extent.URBAN_EXTENT``).
URBAN_BOUNDS = ((URBAN_EXTENT[1], URBAN_EXTENT[0]), (URBAN_EXTENT[3], URBAN_EXTENT[2]))

ONLINE_BASEMAPS = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors"),
    "carto": ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png", "© OpenStreetMap, © CARTO"),
    "vworld": ("https://api.vworld.kr/req/wmts/1.0.0/{key}/Base/{z}/{y}/{x}.png", "© VWorld (국토교통부)"),
}


def _use_local_assets(
    element: folium.elements.JSCSSMixin, js: list[tuple[str, str]], css: list[tuple[str, str]]
) -> None:
    # Instance attributes shadow folium's CDN defaults; streamlit-folium reads these lists.
    element.default_js = js
    element.default_css = css


def _area_popup_html(area: dict[str, Any], lang: str) -> str:
    area_m2 = float(area["area_m2"])
    rows = [
        f"<b>{escape_html(localized(area, 'name', lang))}</b>",
        escape_html(localized(area, "kind", lang)),
        f"{escape_html(t('field.area_m2', lang))}: {area_m2:,.0f} ㎡ ({area_m2 / 10_000:,.1f} ㏊, "
        f"{escape_html(t('field.map_outline', lang))})",
        escape_html(localized(area, "facts", lang)),
        f"<small>{escape_html(t('field.source', lang))}: {escape_html(localized(area, 'source', lang))}</small>",
        f"<small>{escape_html(t('approximate.note', lang))}</small>" if area.get("accuracy") == "approximate" else "",
    ]
    return "<br>".join(r for r in rows if r)


def _add_base_layers(fmap: folium.Map, boundaries: gpd.GeoDataFrame, options: MapOptions) -> None:
    lang = options.lang
    land = 1.0 if options.basemap == "none" else 0.25
    city = boundaries.loc[boundaries["level"] == "city", ["geometry"]]
    folium.GeoJson(
        city,
        name=t("layer.city", lang),
        # Opaque land over the sea-blue background, unless online tiles should show through.
        style_function=lambda _: {"color": "#4d4d4d", "weight": 2.5, "fillColor": "#fbfaf6", "fillOpacity": land},
        interactive=False,
    ).add_to(fmap)
    if options.show_dongs:
        dongs = boundaries.loc[boundaries["level"] == "dong", ["name_ko", "geometry"]].copy()
        dongs["name_ko"] = dongs["name_ko"].map(escape_html)
        folium.GeoJson(
            dongs,
            name=t("layer.dong", lang),
            style_function=lambda _: {"color": "#9a9a9a", "weight": 0.8, "dashArray": "3 3", "fillOpacity": 0},
            tooltip=folium.GeoJsonTooltip(["name_ko"], labels=False) if options.audience == "staff" else None,
        ).add_to(fmap)
    gu = boundaries.loc[boundaries["level"] == "gu", ["geometry"]]
    folium.GeoJson(
        gu,
        name=t("layer.gu", lang),
        style_function=lambda _: {"color": "#666666", "weight": 1.6, "fillOpacity": 0},
        interactive=False,
    ).add_to(fmap)


def _add_areas(fmap: folium.Map, areas: gpd.GeoDataFrame, options: MapOptions, selected_area: str | None) -> None:
    lang = options.lang
    group = folium.FeatureGroup(name=t("layer.areas", lang))
    for _, area in areas.iterrows():
        record = area.to_dict()
        colour = AREA_TERMS.get(record["area_id"], AREA_TERMS["citywide"]).colour
        selected = record["area_id"] == selected_area
        name = localized(record, "name", lang)
        layer = folium.GeoJson(
            {"type": "Feature", "properties": {}, "geometry": area.geometry.__geo_interface__},
            style_function=lambda _, c=colour, s=selected: {
                "color": c,
                "weight": 4 if s else 2.5,
                "fillColor": c,
                "fillOpacity": 0.28 if s else 0.16,
            },
        )
        if options.audience != "kiosk":
            tip = escape_html(name)
            layer.add_child(SafeBinding("tooltip", tip, sticky=True))
        if options.audience != "kiosk":
            layer.add_child(SafeBinding("popup", _area_popup_html(record, lang), maxWidth=360))
        layer.add_to(group)
        # The plan's short name; an area outside the plan's five (imported) by its own name from the layer.
        short = label(AREA_SHORT, record["area_id"], lang) if record["area_id"] in AREA_SHORT else name
        # The label sits on the area's north edge so it does not hide the services inside.
        minx, _, maxx, maxy = area.geometry.bounds
        folium.Marker(
            [maxy, (minx + maxx) / 2],
            icon=folium.DivIcon(html=f"<span>{escape_html(short)}</span>", class_name="area-label"),
            interactive=False,
        ).add_to(group)
    group.add_to(fmap)


def build_base_map(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    options: MapOptions | None = None,
    selected_area: str | None = None,
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    placements: PlacementLegend | None = None,
) -> folium.Map:
    """The map without services: outline, 구/동, development areas, legend, scale and controls.

    Parameters
    ----------
    boundaries, areas : GeoDataFrame
        EPSG:4326, as returned by ``geo.loaders``.
    options : MapOptions
        Language, audience (``staff``, ``briefing``, ``kiosk``), basemap and asset URL.
    selected_area : str, optional
        Drawn with a heavier outline.
    bounds : ((south, west), (north, east)), optional
        The initial view in degrees; default the urban part of Ansan.
    placements : PlacementLegend, optional
        Legend entries for stacks, approximate places and citywide projects (``placement_legend``).
    """
    options = options or MapOptions()
    if options.audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {options.audience!r}")
    fmap = folium.Map(
        # The centre of the default view; the view itself is set by fit_bounds below.
        location=[(URBAN_EXTENT[1] + URBAN_EXTENT[3]) / 2, (URBAN_EXTENT[0] + URBAN_EXTENT[2]) / 2],
        zoom_start=12,
        tiles=None,
        control_scale=False,
        # The kiosk map is for looking, not handling: no small controls on a touch screen.
        zoom_control=options.audience != "kiosk",
    )
    # With no tile layer folium passes no zoom limits to Leaflet; clustering needs maxZoom.
    fmap.options.update({"minZoom": 10, "maxZoom": 19})
    if options.audience == "kiosk":
        # Fine zoom steps: the fitted city or area fills the kiosk map instead of as little as half of it.
        # No zoom animation: a fit asked for while one runs would be dropped (the map is a picture here).
        fmap.options.update({"zoomSnap": 0.1, "zoomAnimation": False})
    base = options.static_url
    _use_local_assets(
        fmap,
        [("leaflet", vendor_url("leaflet_js", base))],
        [("leaflet_css", vendor_url("leaflet_css", base))],
    )
    if options.basemap != "none":
        url, attribution = ONLINE_BASEMAPS[options.basemap]
        if options.basemap == "vworld":
            url = url.replace("{key}", options.basemap_key or "")
        folium.TileLayer(url, attr=attribution, name=options.basemap, overlay=False, max_zoom=19).add_to(fmap)
    _add_base_layers(fmap, boundaries, options)
    _add_areas(fmap, areas, options, selected_area)
    legend_px = {"staff": 13, "briefing": 18, "kiosk": 24}[options.audience]
    legend = legend_html(options.lang, statuses=options.legend_statuses, placements=placements)
    Legend(legend, legend_px, legend_px + 2).add_to(fmap)
    if options.audience != "kiosk":
        FullscreenControl(t("map.fullscreen", options.lang)).add_to(fmap)
    MetricScale().add_to(fmap)
    fmap.fit_bounds([list(b) for b in (bounds or URBAN_BOUNDS)])
    if options.audience == "kiosk":
        # Nobody pans a kiosk map: when the page grows its frame or the screen turns, it fits again.
        RefitOnResize(bounds or URBAN_BOUNDS).add_to(fmap)
    return fmap


def build_map(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    options: MapOptions | None = None,
    selected_service: str | None = None,
    selected_area: str | None = None,
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
    reference_layers: Sequence[ReferenceLayer] = (),
) -> folium.Map:
    """The whole map in one piece: ``build_base_map`` plus ``service_groups`` (services filtered by the caller).

    Citywide services are not drawn; the legend says how many were left off (list them beside the map with
    ``citywide_list_html`` or ``citywide_projects``).

    ``reference_layers`` are drawn under the services, each in its colour with popups; the kiosk passes
    the layers marked ``kiosk=True`` (stations, parks) for orientation.
    """
    options = options or MapOptions()
    fmap = build_base_map(boundaries, areas, options, selected_area, bounds, placement_legend(services))
    for position, layer in enumerate(reference_layers):
        colour = REFERENCE_COLOURS[position % len(REFERENCE_COLOURS)]
        ReferenceMarkers(reference_payload(layer, options.lang), colour, 7 if options.large else 5).add_to(fmap)
    for group in service_groups(services, options, selected_service):
        group.add_to(fmap)
    if options.audience == "staff":
        folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


def view_for_bounds(
    bounds: tuple[float, float, float, float], width_px: int = 900, height_px: int = 600, padding: float = 0.15
) -> tuple[tuple[float, float], int]:
    """Centre (lat, lon) and the largest Web Mercator zoom that shows ``bounds`` (minx, miny, maxx, maxy, degrees)."""
    minx, miny, maxx, maxy = bounds

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max((maxx - minx) / 360, 1e-9)
    span_y = max((mercator_y(maxy) - mercator_y(miny)) / (2 * math.pi), 1e-9)
    usable = 1 - 2 * padding
    zoom = min(math.log2(width_px * usable / 256 / span_x), math.log2(height_px * usable / 256 / span_y))
    centre_lat = math.degrees(2 * math.atan(math.exp((mercator_y(maxy) + mercator_y(miny)) / 2)) - math.pi / 2)
    return (round(centre_lat, 6), round((minx + maxx) / 2, 6)), max(10, min(18, int(zoom)))


def map_asset_urls(fmap: folium.Map) -> list[str]:
    """Every script and stylesheet URL the map will load (for the offline guarantee test)."""
    urls = []
    for element in [fmap, *_walk(fmap)]:
        urls += [u for _, u in getattr(element, "default_js", [])]
        urls += [u for _, u in getattr(element, "default_css", [])]
    return urls


def _walk(element: Any) -> Iterator[Any]:
    for child in element._children.values():
        yield child
        yield from _walk(child)
