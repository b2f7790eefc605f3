"""The map builder: validated data in, a ``folium.Map`` out, for every page that shows a map.

The map draws with no request outside the app: Leaflet and markercluster are
linked from the app's own static files (``geo.assets``), there is no tile
layer unless configuration asks for one, and the base layer is drawn from the
bundled outlines. Services are sent to the browser once, as one compact JSON
array per domain, and drawn by a small script (clustered above a threshold), so
100,000 points stay interactive. Every text from data is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from geo.assets import vendor_url
from geo.html import escape_html, json_for_script
from geo.i18n import t
from geo.pointmap import REFERENCE_COLOURS, reference_payload
from geo.reference import ReferenceLayer
from geo.settings import STATIC_URL
from geo.spatial import representative_points
from geo.vocab import AREA_SHORT, AREA_TERMS, DOMAIN_TERMS, STATUS_TERMS, label

AUDIENCES = ("staff", "briefing", "kiosk")
# Above this many points on one map, markers are clustered.
CLUSTER_THRESHOLD = 1500
# Default view: the urban part of Ansan with all five development areas (the Daebu islands stay reachable by panning).
URBAN_BOUNDS = ((37.285, 126.745), (37.37, 126.925))

ONLINE_BASEMAPS = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors"),
    "carto": ("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png", "© OpenStreetMap, © CARTO"),
    "vworld": ("https://api.vworld.kr/req/wmts/1.0.0/{key}/Base/{z}/{y}/{x}.png", "© VWorld (국토교통부)"),
}


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

    @property
    def large(self) -> bool:
        return self.audience in ("briefing", "kiosk")


class ServiceLayer(folium.elements.JSCSSMixin, folium.map.Layer):
    """Point services of one domain as a JSON array drawn in the browser (clustered when large).

    Each row is ``[lat, lon, status_index, tooltip_html]``; tooltips are escaped in Python.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var icons = {{ this.icons_json }};
  var rows = {{ this.rows_json }};
  var cluster = {{ 'true' if this.cluster else 'false' }};
  var group = cluster
    ? L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50})
    : L.featureGroup();
  var divIcons = icons.map(function (svg) {
    return L.divIcon({html: svg, className: 'svc-icon', iconSize: [{{ this.icon_px }}, {{ this.icon_px }}],
                      iconAnchor: [{{ this.icon_px // 2 }}, {{ this.icon_px // 2 }}]});
  });
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var m = L.marker([r[0], r[1]], {icon: divIcons[r[2]], keyboard: false});
    m._svcTip = r[3];
    markers[i] = m;
  }
  // Tooltips are bound when first needed: 100,000 tooltip objects up front would stall the page.
  function ensureTip(e) {
    var m = e.layer || e.sourceTarget;
    if (m && m._svcTip && !m._tooltip) { m.bindTooltip(m._svcTip, {direction: 'top'}); }
  }
  group.on('mouseover', function (e) { ensureTip(e); if (e.layer && e.layer.openTooltip) e.layer.openTooltip(); });
  group.on('click', ensureTip);
  group.addLayers ? group.addLayers(markers) : markers.forEach(function (m) { group.addLayer(m); });
  {% if this.show %}group.addTo({{ this._parent.get_name() }});{% endif %}
  return group;
})();
{% endmacro %}
"""
    )

    def __init__(
        self,
        name: str,
        rows: list[list],
        icons: list[str],
        cluster: bool,
        icon_px: int,
        static_url: str,
        show: bool = True,
    ):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ServiceLayer"
        self.default_js = [("markercluster", vendor_url("markercluster_js", static_url))] if cluster else []
        self.default_css = (
            [
                ("markercluster_css", vendor_url("markercluster_css", static_url)),
                ("markercluster_default_css", vendor_url("markercluster_default_css", static_url)),
            ]
            if cluster
            else []
        )
        self.rows_json = json_for_script(rows)
        self.icons_json = json_for_script(icons)
        self.cluster = cluster
        self.icon_px = icon_px


class Legend(MacroElement):
    """An always-visible legend control; its HTML is built from escaped labels."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  .dash-legend { background: rgba(255,255,255,.95); padding: 8px 12px; border-radius: 6px;
    box-shadow: 0 1px 4px rgba(0,0,0,.3); font: {{ this.font_px }}px/1.45 'Noto Sans CJK KR','Noto Sans KR',
    'Malgun Gothic','Apple SD Gothic Neo',sans-serif; color: #222; }
  .dash-legend h4 { margin: 0 0 4px; font-size: 1em; }
  .dash-legend .row { display: flex; align-items: center; gap: 6px; white-space: nowrap; }
  .dash-legend .swatch { width: 1.1em; height: .8em; display: inline-block; border: 2px solid; opacity: .8; }
  .leaflet-container { background: #dfe9f2; font-family: 'Noto Sans CJK KR','Noto Sans KR','Malgun Gothic',sans-serif; }
  .area-label { background: transparent; border: 0; }
  .area-label span { display: inline-block; transform: translate(-50%, -115%); white-space: nowrap;
    font: 700 {{ this.label_px }}px 'Noto Sans CJK KR','Noto Sans KR','Malgun Gothic',sans-serif; color: #1a1a1a;
    text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
  .svc-icon { background: transparent; border: 0; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var legend = L.control({position: 'bottomleft'});  // the sea lies south-west of the city
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'dash-legend');
    div.innerHTML = {{ this.html_json }};
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, html: str, font_px: int, label_px: int):
        super().__init__()
        self._name = "Legend"
        self.html_json = json_for_script(html)
        self.font_px = font_px
        self.label_px = label_px


class SafeBinding(MacroElement):
    """Bind a tooltip or popup to the parent layer from a JSON string.

    folium's Tooltip and Popup paste text into a JavaScript template literal
    (and Popup needs jQuery); a name holding a backtick or ``${...}`` would run
    as code. Here the HTML, already escaped, travels as a JSON string.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.{{ this.method }}({{ this.html_json }}, {{ this.options_json }});
{% endmacro %}
"""
    )

    def __init__(self, kind: str, html: str, **options: object):
        super().__init__()
        self._name = "SafeBinding"
        self.method = {"tooltip": "bindTooltip", "popup": "bindPopup"}[kind]
        self.html_json = json_for_script(html)
        self.options_json = json_for_script(options)


class MetricScale(MacroElement):
    """A scale bar in metres only (folium's control_scale adds feet and miles)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
L.control.scale({metric: true, imperial: false}).addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self):
        super().__init__()
        self._name = "MetricScale"


class FullscreenControl(MacroElement):
    """A full-screen button drawn by our own few lines (the usual plugin would come from a CDN)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var control = L.control({position: 'topleft'});
  control.onAdd = function (map) {
    var button = L.DomUtil.create('a', 'leaflet-bar dash-fullscreen');
    button.href = '#'; button.title = {{ this.title_json }}; button.setAttribute('role', 'button');
    button.setAttribute('aria-label', {{ this.title_json }});
    button.innerHTML = '<svg width="18" height="18" viewBox="0 0 24 24" style="margin-top:8px" fill="none" ' +
      'stroke="#222" stroke-width="2.5"><path d="M3 9V3h6M15 3h6v6M21 15v6h-6M9 21H3v-6"/></svg>';
    button.style.cssText = 'display:block;width:34px;height:34px;line-height:34px;text-align:center;' +
      'font-size:20px;background:#fff;color:#222;text-decoration:none';
    L.DomEvent.on(button, 'click', function (e) {
      L.DomEvent.preventDefault(e);
      var root = document.documentElement;
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (root.requestFullscreen) { root.requestFullscreen(); }
    });
    document.addEventListener('fullscreenchange', function () {
      var mapDiv = map.getContainer();
      mapDiv.style.height = document.fullscreenElement ? '100vh' : '';
      setTimeout(function () { map.invalidateSize(); }, 200);
    });
    return button;
  };
  control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, title: str):
        super().__init__()
        self._name = "FullscreenControl"
        self.title_json = json_for_script(title)


class ReferenceMarkers(MacroElement):
    """A public reference layer as small circles on one canvas, each with its escaped popup (kiosk, briefing).

    The staff map draws reference layers itself (``static/servicemap``); this is for the folium maps.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var p = {{ this.payload_json }}, renderer = L.canvas({padding: 0.3});
  var group = L.featureGroup();
  for (var i = 0; i < p.lat.length; i++) {
    L.circleMarker([p.lat[i] / 1e6, p.lon[i] / 1e6], {renderer: renderer, radius: {{ this.radius }}, weight: 1.5,
      color: '#222', fillColor: {{ this.colour_json }}, fillOpacity: 1}).bindPopup(p.popup[i]).addTo(group);
  }
  group.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, payload: dict, colour: str, radius: int):
        super().__init__()
        self._name = "ReferenceMarkers"
        self.payload_json = json_for_script({"lat": payload["lat"], "lon": payload["lon"], "popup": payload["popup"]})
        self.colour_json = json_for_script(colour)
        self.radius = radius


def legend_html(lang: str, with_areas: bool = False) -> str:
    """Status symbols (and, on request, area colours; areas carry their names on the map anyway)."""
    parts = [f"<h4>{escape_html(t('legend.status', lang))}</h4>"]
    for status in STATUS_TERMS:
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


def _use_local_assets(element: folium.elements.JSCSSMixin, js: list[tuple[str, str]], css: list[tuple[str, str]]):
    # Instance attributes shadow folium's CDN defaults; streamlit-folium reads these lists.
    element.default_js = js
    element.default_css = css


def _area_popup_html(area: dict, lang: str) -> str:
    name = area["name_en"] if lang == "en" and area.get("name_en") else area["name_ko"]
    facts = area.get("facts_en") if lang == "en" and area.get("facts_en") else area.get("facts_ko")
    area_m2 = float(area["area_m2"])
    rows = [
        f"<b>{escape_html(name)}</b>",
        f"{escape_html(area.get('kind_ko', ''))}",
        f"{escape_html(t('field.area_m2', lang))}: {area_m2:,.0f} ㎡ ({area_m2 / 10_000:,.1f} ㏊, 지도 도형 기준)",
        escape_html(facts or ""),
        f"<small>{escape_html(t('field.source', lang))}: {escape_html(area.get('source', ''))}</small>",
        f"<small>{escape_html(t('approximate.note', lang))}</small>" if area.get("accuracy") == "approximate" else "",
    ]
    return "<br>".join(r for r in rows if r)


def service_tooltip(row: dict, lang: str) -> str:
    name = row["name_en"] if lang == "en" and row.get("name_en") else row["name_ko"]
    status = label(STATUS_TERMS, row["status"], lang)
    return f"{escape_html(name)} · {escape_html(status)}"


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
        name = record["name_en"] if lang == "en" and record.get("name_en") else record["name_ko"]
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
        short = label(AREA_SHORT, record["area_id"], lang)
        # The label sits on the area's north edge so it does not hide the services inside.
        minx, _, maxx, maxy = area.geometry.bounds
        folium.Marker(
            [maxy, (minx + maxx) / 2],
            icon=folium.DivIcon(html=f"<span>{escape_html(short)}</span>", class_name="area-label"),
            interactive=False,
        ).add_to(group)
    group.add_to(fmap)


def _shape_layer(shapes: gpd.GeoDataFrame, lang: str, selected: str | None, tooltips: bool) -> folium.GeoJson:
    """Line and zone services, styled by status (dashed while planned or cancelled)."""
    frame = shapes[["service_id", "name_ko", "name_en", "status", "geometry"]].copy()
    frame["tip"] = [service_tooltip(r, lang) for r in frame.to_dict("records")]
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
            "dashArray": "6 4" if props["status"] in ("계획", "취소") else None,
        }

    tooltip = folium.GeoJsonTooltip(["tip"], labels=False) if tooltips else None
    return folium.GeoJson(frame, style_function=style, tooltip=tooltip)


def _point_rows(points: gpd.GeoDataFrame, statuses: list[str], lang: str, tooltips: bool) -> list[list]:
    """``[lat, lon, status_index, tooltip_html]`` per point, built column-wise (100,000 rows in well under a second)."""
    lats = points.geometry.y.round(6).tolist()
    lons = points.geometry.x.round(6).tolist()
    status_index = points["status"].map({s: i for i, s in enumerate(statuses)}).astype(int).tolist()
    if tooltips:
        names = points["name_ko"]
        if lang == "en":
            names = points["name_en"].where(points["name_en"].fillna("").astype(bool), points["name_ko"])
        status_text = points["status"].map(lambda s: escape_html(label(STATUS_TERMS, s, lang)))
        tips = (names.map(escape_html) + " · " + status_text).tolist()
    else:
        tips = [""] * len(points)
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


def build_base_map(
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    options: MapOptions | None = None,
    selected_area: str | None = None,
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None,
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
    """
    options = options or MapOptions()
    if options.audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {options.audience!r}")
    fmap = folium.Map(
        location=[37.32, 126.83],
        zoom_start=12,
        tiles=None,
        control_scale=False,
        # The kiosk map is for looking, not handling: no small controls on a touch screen.
        zoom_control=options.audience != "kiosk",
    )
    # With no tile layer folium passes no zoom limits to Leaflet; clustering needs maxZoom.
    fmap.options.update({"minZoom": 10, "maxZoom": 19})
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
    Legend(legend_html(options.lang), legend_px, legend_px + 2).add_to(fmap)
    if options.audience != "kiosk":
        FullscreenControl(t("map.fullscreen", options.lang)).add_to(fmap)
    MetricScale().add_to(fmap)
    fmap.fit_bounds([list(b) for b in (bounds or URBAN_BOUNDS)])
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

    ``reference_layers`` are drawn under the services, each in its colour with popups; the kiosk passes
    the layers marked ``kiosk=True`` (stations, parks) for orientation.
    """
    options = options or MapOptions()
    fmap = build_base_map(boundaries, areas, options, selected_area, bounds)
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


def _walk(element):
    for child in element._children.values():
        yield child
        yield from _walk(child)


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
