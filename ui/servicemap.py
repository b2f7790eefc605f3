"""The staff map component: Streamlit glue for ``static/servicemap/`` and the payloads of ``geo.mapping.canvas``.

The point data is written once per store revision and language as a static file
(``/app/static/mapdata/…``, named by its content hash) that the browser fetches
and caches; each rerun sends the component only the visibility bitset, the
selection and one-off commands (fit, zoom to a row), so a filter change redraws
in place and the map keeps its zoom and position.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import geopandas as gpd
import streamlit as st
import streamlit.components.v1 as components

from geo.html import escape_html
from geo.i18n import t
from geo.loaders import DashboardData
from geo.mapping import URBAN_BOUNDS, citywide_list_html, legend_html, placement_legend
from geo.mapping.canvas import reference_entries, service_names, service_payload, visibility_mask, write_payload
from geo.model.reference_layers import ReferenceLayer
from geo.settings import STATIC_DIR, STATIC_URL
from geo.spatial import LatLonView
from ui import state
from ui import widget_keys as keys
from ui.data import data_key

# The fit buttons share one row: at 1366 px a long area name (경기경제자유구역, Uiwang-Gunpo-Ansan) was cut
# to "Uiwang-Gun…"; it breaks onto a second line instead (at the hyphens, between Hangul syllables).
# Every button then fills its column's height, so a two-line button is no taller than its neighbours:
# each wrapper down to the button (the tooltip's two, when it has help) grows as a flex column. The hidden
# copy of a button with help is left alone (its wrapper has no tooltip).
FIT_BUTTONS_CSS = keys.widget_css("""<style>
$FIT_PREFIX button, $FIT_PREFIX button * {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
$FIT_PREFIX button { line-height: 1.2; }
$FIT_PREFIX, $FIT_PREFIX .stButton,
$FIT_PREFIX .stButton > div:has([data-testid="stTooltipIcon"]),
$FIT_PREFIX [data-testid="stTooltipIcon"], $FIT_PREFIX [data-testid="stTooltipHoverTarget"] {
  display: flex; flex-direction: column; flex: 1 1 auto; }
$FIT_PREFIX button { flex: 1 1 auto; }
</style>""")

PAYLOAD_DIR = STATIC_DIR / "mapdata"
PAYLOAD_URL = f"{STATIC_URL}/mapdata"

#: The time control's labels (``playback.*`` in geo.i18n), sent to the map escaped.
PLAYBACK_TEXTS = ("title", "play", "pause", "back", "forward", "speed", "step", "count", "today")

_component = components.declare_component("service_map", path=str(STATIC_DIR / "servicemap"))


@dataclass(frozen=True)
class MapEvent:
    """What the browser reported: the last click (kind, key, a token unique per click) and the view."""

    click: tuple[str, Any, str] | None
    bbox: tuple[float, float, float, float] | None
    center: tuple[float, float] | None
    zoom: int | None
    day: tuple[str, str] | None = None  # a playback step: (ISO day, token unique per report)


@st.cache_data(show_spinner=False, max_entries=8)
def _payload_name(key: tuple[Any, ...], lang: str, as_of: str | None, _data: DashboardData) -> str:  # noqa: ARG001 (cache key)
    names = write_payload(PAYLOAD_DIR, f"names-{lang}", service_names(_data.services, lang))
    payload = service_payload(_data.services, _data.boundaries, _data.areas, lang)
    # Statuses of a past day get their own files, so they never push the current ones out of the folder.
    prefix = f"asof-services-{lang}" if as_of else f"services-{lang}"
    return write_payload(PAYLOAD_DIR, prefix, {**payload, "names_url": f"{PAYLOAD_URL}/{names}"})


def payload_url(data: DashboardData, lang: str, as_of: str | None = None) -> str:
    """URL of the point payload of ``data`` (written on first use; rewritten if it was removed).

    ``as_of``: the day whose statuses ``data.services`` carries (``geo.analysis.history.services_as_of``), None for now.
    """
    key = data_key()
    name = _payload_name(key, lang, as_of, data)
    if not (PAYLOAD_DIR / name).exists():
        _payload_name.clear()
        name = _payload_name(key, lang, as_of, data)
    return f"{PAYLOAD_URL}/{name}"


@st.cache_data(show_spinner=False, max_entries=8)
def _legend(key: tuple[Any, ...], lang: str, as_of: str | None, _data: DashboardData) -> str:  # noqa: ARG001 (cache key)
    # Stacks, approximate places and citywide projects in the data get their entries (column-wise, cached).
    return legend_html(lang, placements=placement_legend(_data.services))


@st.cache_data(show_spinner=False, max_entries=8)
def _reference_entries(key: tuple[Any, ...], lang: str, _layers: tuple[ReferenceLayer, ...]) -> list[dict[str, Any]]:  # noqa: ARG001 (cache key)
    return reference_entries(_layers, PAYLOAD_DIR, PAYLOAD_URL, lang)


def fit_to(bbox: tuple[float, float, float, float] | None) -> None:
    """Ask the map to fit ``bbox`` (west, south, east, north; degrees) on its next draw."""
    if bbox is not None:
        _next_command({"bbox": list(bbox)})


def zoom_to(center: tuple[float, float], zoom: int = 16) -> None:
    """Ask the map to centre on (lat, lon) at least at ``zoom``."""
    _next_command({"center": list(center), "zoom": zoom})


def _next_command(body: dict[str, Any]) -> None:
    number = st.session_state.get(state.MAP_COMMAND, {}).get("n", 0) + 1
    st.session_state[state.MAP_COMMAND] = {**body, "n": number}


def service_map(
    data: DashboardData,
    shown: gpd.GeoDataFrame,
    lang: str,
    *,
    selected_row: int,
    selected_area: str | None,
    view: tuple[tuple[float, float], int] | None,
    reference_layers: list[ReferenceLayer],
    height: int = 650,
    key: str = "staff_map",
    commands: bool = True,
    bounds: LatLonView = URBAN_BOUNDS,
    as_of: str | None = None,
    playback: dict[str, Any] | None = None,
) -> MapEvent:
    """Draw the staff map of ``data.services`` with only ``shown`` visible; return the browser's last event.

    ``commands``: follow the map page's fit and zoom requests (``fit_to``, ``zoom_to``); another page's map
    leaves them to the map page. ``bounds``: the first view when no ``view`` is given. ``as_of``: see
    ``payload_url``. ``playback``: the time control's arguments (``ui.playback.playback_args``): the timeline
    url, the day, its counter and the status filter as codes; ``data.services`` then carries every service.
    """
    value = _component(
        data_url=payload_url(data, lang, as_of),
        mask=visibility_mask(data.services, shown),
        selected=selected_row,
        selected_area=selected_area,
        command=st.session_state.get(state.MAP_COMMAND) if commands else None,
        view={"center": list(view[0]), "zoom": view[1]} if view else None,
        bounds=[list(corner) for corner in bounds],
        legend_html=_legend(data_key(), lang, as_of, data),
        reference=_reference_entries(data_key(), lang, tuple(reference_layers)) if reference_layers else [],
        texts={
            "cluster": t("explorer.cluster_tip", lang),
            "layers": t("refmap.layers", lang),
            "stack_title": escape_html(t("place.stack_title", lang)),
            "stack_approx": escape_html(t("place.stack_approx", lang)),
            "stack_click": escape_html(t("place.stack_click", lang)),
            "playback": {key: escape_html(t(f"playback.{key}", lang)) for key in PLAYBACK_TEXTS},
        },
        height=height,
        key=key,
        default=None,
        **(playback or {}),
    )
    value = value or {}
    click = value.get("click")
    view_value = value.get("view") or {}
    bbox = view_value.get("bbox")
    return MapEvent(
        click=(click["kind"], click["key"], f"{click.get('token')}:{click['n']}") if click else None,
        bbox=tuple(bbox) if bbox and len(bbox) == 4 else None,
        center=tuple(view_value["center"]) if view_value.get("center") else None,
        zoom=view_value.get("zoom"),
        day=(str(day["day"]), str(day["token"])) if isinstance(day := value.get("day"), dict) else None,
    )


@st.fragment
def overview_map(
    data: DashboardData,
    lang: str,
    shown: gpd.GeoDataFrame | None = None,
    bounds: LatLonView | None = None,
    height: int = 560,
    key: str = "overview_map",
    as_of: tuple[date, gpd.GeoDataFrame] | None = None,
    playback: dict[str, Any] | None = None,
) -> None:
    """Services (``shown``, else all) on the canvas map, to look at: hover names; a pan or a click reruns only this.

    For pages whose folium map would hold too many markers (``geo.mapping.canvas.needs_canvas_map``). ``as_of``: a
    day and every service with its status on that day (``geo.analysis.history.services_as_of``, as the page computed it
    for its other views), drawn instead of today's statuses. ``playback``: the time control's arguments
    (``ui.playback.playback_args``); the map then plays every service's statuses itself.
    """
    if as_of is not None:
        data = replace(data, services=as_of[1])
    service_map(
        data,
        data.services if shown is None else shown,
        lang,
        selected_row=-1,
        selected_area=None,
        view=None,
        reference_layers=[],
        height=height,
        key=key,
        commands=False,
        bounds=bounds or URBAN_BOUNDS,
        as_of=as_of[0].isoformat() if as_of is not None else None,
        playback=playback,
    )


CITYWIDE_CSS = """<style>
.citywide-list ul { list-style: none; margin: .3rem 0 0; padding: 0; }
.citywide-list li { display: flex; align-items: center; gap: .4rem; margin: .15rem 0; line-height: 1.35; }
.citywide-list li img { flex: none; }
.citywide-list .cw-note { font-size: .85em; color: #555; }
.citywide-list .cw-selected { background: #fff3c4; outline: 2px solid #222; border-radius: 3px; padding: 0 .2rem; }
.citywide-list .cw-mark-selected { font-weight: 700; }
</style>"""


def citywide_list(services: gpd.GeoDataFrame, lang: str, selected: str | None = None) -> None:
    """The "시 전역 사업" list beside a map (``geo.mapping.citywide_list_html``); nothing when there is none."""
    html = citywide_list_html(services, lang, selected)
    if html:
        st.html(CITYWIDE_CSS + html)
