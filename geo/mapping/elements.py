"""The Leaflet pieces folium lacks or gets unsafe, each a small template with its data passed as JSON.

Services as one compact array per domain (clustered above a threshold), the
legend, tooltips and popups bound from JSON strings, a metric scale, a
full-screen button and reference points: all served by the app, no CDN.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.assets import vendor_url
from geo.html import json_for_script


class ServiceLayer(folium.elements.JSCSSMixin, folium.map.Layer):
    """Point services of one domain as a JSON array drawn in the browser (clustered when large).

    Each row is ``[lat, lon, icon_index, tooltip_html, popup_html]``; texts are escaped in Python. A popup
    (the list of a stack of services at one point) opens on a click or tap; ``""`` means none.
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
  var sizes = {{ this.sizes_json }};
  var divIcons = icons.map(function (svg, k) {
    return L.divIcon({html: svg, className: 'svc-icon', iconSize: [sizes[k], sizes[k]],
                      iconAnchor: [sizes[k] / 2, sizes[k] / 2]});
  });
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var m = L.marker([r[0], r[1]], {icon: divIcons[r[2]], keyboard: false});
    m._svcTip = r[3];
    if (r[4]) { m.bindPopup(r[4], {maxWidth: 380, className: 'svc-stack-popup'}); }
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
        rows: list[list[Any]],
        icons: list[str],
        cluster: bool,
        icon_sizes: list[int],
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
        self.sizes_json = json_for_script(icon_sizes)


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
  .svc-icon svg { display: block; }
  .svc-stack-popup .leaflet-popup-content { font: {{ this.font_px }}px/1.45 'Noto Sans CJK KR','Noto Sans KR',
    'Malgun Gothic',sans-serif; }
  .svc-stack ul { list-style: none; margin: 6px 0 0; padding: 0; max-height: 320px; overflow-y: auto; }
  .svc-stack li { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
  .svc-stack li svg { flex: none; }
  .dash-legend .status-grid { display: grid; grid-template-columns: auto auto auto; column-gap: 10px; }
  .dash-legend .place-rule { border-top: 1px solid #bbb; margin: 5px 0 3px; }
  .dash-legend .cw-mark { display: inline-block; width: 24px; text-align: center; font-weight: 700; }
  .dash-legend .place-citywide span:last-child { white-space: normal; max-width: 22em; }
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

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


class RefitOnResize(MacroElement):
    """The map fits ``bounds`` again whenever its box changes size (a kiosk frame that grows or turns).

    Leaflet keeps its zoom and centre when its container grows: a map fitted at its first, smaller
    size stayed zoomed out after the page gave it the screen's height. ``bounds`` is
    ((south, west), (north, east)) in degrees; the view is fitted without animation.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var bounds = {{ this.bounds_json }};
  var size = '';
  // Fit, then check on the next frame that the zoom is the one this size asks for (a fit can be
  // dropped while Leaflet is still busy with the previous one); a few tries at most.
  function fit(tries) {
    map.invalidateSize({pan: false});
    map.fitBounds(bounds, {animate: false});
    if (tries > 0) {
      requestAnimationFrame(function () {
        if (map.getZoom() !== map.getBoundsZoom(bounds)) { fit(tries - 1); }
      });
    }
  }
  function refit() {
    var box = map.getContainer();
    var now = box.clientWidth + 'x' + box.clientHeight;
    if (now === size || !box.clientWidth || !box.clientHeight) return;
    size = now;
    fit(5);
  }
  if (window.ResizeObserver) { new ResizeObserver(refit).observe(map.getContainer()); }
  else { window.addEventListener('resize', refit); }
})();
{% endmacro %}
"""
    )

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]]):
        super().__init__()
        self._name = "RefitOnResize"
        self.bounds_json = json_for_script([list(corner) for corner in bounds])


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

    def __init__(self, payload: dict[str, Any], colour: str, radius: int):
        super().__init__()
        self._name = "ReferenceMarkers"
        self.payload_json = json_for_script({"lat": payload["lat"], "lon": payload["lon"], "popup": payload["popup"]})
        self.colour_json = json_for_script(colour)
        self.radius = radius
