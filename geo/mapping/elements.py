"""The Leaflet pieces folium lacks or gets unsafe, each a small template with its data passed as JSON.

Services as one compact array per domain (clustered above a threshold), the
legend, tooltips and popups bound from JSON strings, a metric scale, a
full-screen button and reference points: all served by the app, no CDN.
A piece longer than a line runs a script of ``static/js/map/`` (``map_script``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.assets import vendor_url
from geo.html import json_for_script
from geo.settings import STATIC_DIR

#: The map pieces' scripts: each file is ``(function (map, cfg) {…})(__MAP__, __CONFIG__);``.
MAP_JS_DIR = STATIC_DIR / "js" / "map"
_PLACEHOLDER = re.compile(r"__MAP__|__CONFIG__")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")


@cache
def map_script_source(name: str) -> str:
    """The text of ``static/js/map/<name>``, read once per process."""
    return (MAP_JS_DIR / name).read_text(encoding="utf-8")


def map_script(name: str, element: Element, config: Mapping[str, object]) -> str:
    """``static/js/map/<name>`` run on the Leaflet object ``element`` was added to, with ``config`` (a JSON
    object, safe inside a script element) as its ``cfg``.

    The file ends in ``(__MAP__, __CONFIG__);``: the map goes in by folium's variable name (so ``st_folium``,
    which renames folium's variables in the script, renames it too), the data only as JSON.
    """
    parent = element._parent
    if parent is None:
        raise ValueError(f"{element._name} has not been added to a map")
    map_name = parent.get_name()
    if not _IDENTIFIER.fullmatch(map_name):
        raise ValueError(f"the map's name must be a JavaScript variable name, not {map_name!r}")
    values = {"__MAP__": map_name, "__CONFIG__": json_for_script(config)}
    return _PLACEHOLDER.sub(lambda match: values[match.group(0)], map_script_source(name))


class ServiceLayer(folium.elements.JSCSSMixin, folium.map.Layer):
    """Point services of one domain as a JSON array drawn in the browser (clustered when large).

    Each row is ``[lat, lon, icon_index, tooltip_html, popup_html]``; texts are escaped in Python. A popup
    (the list of a stack of services at one point) opens on a click or tap; ``""`` means none.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = {{ this.configured_script() }}
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
        self.config = {"rows": rows, "icons": icons, "cluster": cluster, "sizes": icon_sizes, "show": show}

    def configured_script(self) -> str:
        """The layer's script (``service_layer.js``), an expression that gives the layer group."""
        return map_script("service_layer.js", self, self.config)


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
{{ this.configured_script() }}
{% endmacro %}
"""
    )

    def __init__(self, html: str, font_px: int, label_px: int):
        super().__init__()
        self._name = "Legend"
        self.legend_html = html
        self.font_px = font_px
        self.label_px = label_px

    def configured_script(self) -> str:
        return map_script("legend.js", self, {"html": self.legend_html})


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
{{ this.configured_script() }}
{% endmacro %}
"""
    )

    def __init__(self, bounds: tuple[tuple[float, float], tuple[float, float]]):
        super().__init__()
        self._name = "RefitOnResize"
        self.bounds = [list(corner) for corner in bounds]

    def configured_script(self) -> str:
        return map_script("refit_on_resize.js", self, {"bounds": self.bounds})


class FullscreenControl(MacroElement):
    """A full-screen button drawn by our own few lines (the usual plugin would come from a CDN)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.configured_script() }}
{% endmacro %}
"""
    )

    def __init__(self, title: str):
        super().__init__()
        self._name = "FullscreenControl"
        self.title = title

    def configured_script(self) -> str:
        return map_script("fullscreen.js", self, {"title": self.title})


class ReferenceMarkers(MacroElement):
    """A public reference layer as small circles on one canvas, each with its escaped popup (kiosk, briefing).

    The staff map draws reference layers itself (``static/servicemap``); this is for the folium maps.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
{{ this.configured_script() }}
{% endmacro %}
"""
    )

    def __init__(self, payload: dict[str, Any], colour: str, radius: int):
        super().__init__()
        self._name = "ReferenceMarkers"
        self.config = {
            "payload": {"lat": payload["lat"], "lon": payload["lon"], "popup": payload["popup"]},
            "colour": colour,
            "radius": radius,
        }

    def configured_script(self) -> str:
        return map_script("reference_markers.js", self, self.config)
