"""What the everyday pages would otherwise rebuild on every visit, built once per data revision and language.

A visit (a reload, a new session) reruns the whole page: the home page rebuilt its map and its two
figures each time (about 1 s on a busy 2-core machine), although they change only when the data does.
The cache key is ``ui.data.data_key()`` (folders, database and store revision), so an edit or an import
shows on the next rerun, as with the data itself.

The objects are shared between sessions (``cache_resource``), so nothing may change them in place:
``geo.charts.with_caption`` returns a copy, and a map is kept as the HTML page it renders to (a string),
shown in a plain frame: a render took 0.2–1.6 s per run, the component that showed it loaded its own scripts.
"""

from __future__ import annotations

from collections.abc import Callable

import folium
import plotly.graph_objects as go
import streamlit as st

from geo.loaders import DashboardData
from geo.mapping import MapOptions, build_map
from ui import widget_keys as keys
from ui.data import data_key

DataKey = tuple[str, str, str | None, str]


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_html(key: DataKey, name: str, _build: Callable[[], folium.Map]) -> str:  # noqa: ARG001 (cache key)
    return _build().get_root().render()


def revision_map_html(name: str, build: Callable[[], folium.Map]) -> str:
    """The page of the folium map ``build()`` makes, rendered once per data revision and ``name``.

    ``name`` holds everything else the map depends on (language, base map, area, as-of day). The same string
    on the next run keeps the frame as it is (no reload, the visitor's zoom stays), where a fresh render
    would differ in its element ids and reload it.
    """
    return _map_html(data_key(), name, build)


def overview_map_html(data: DashboardData, lang: str, basemap: str) -> str:
    """The home page's map (all services, the dongs and the areas), once per data revision and language."""
    return revision_map_html(
        f"overview:{lang}:{basemap}",
        lambda: build_map(data.boundaries, data.areas, data.services, MapOptions(lang=lang, basemap=basemap)),
    )


def folium_frame(html: str, height: int, key: str) -> None:
    """A rendered folium map in a plain frame of the page (no clicks come back to the script).

    Lighter than the two-way ``st_folium`` component for a map that only shows: no component bundle to
    load and no render on each run. The container's key (``folium_map_…``) names it for the browser tests.
    """
    with st.container(key=f"{keys.FOLIUM_MAP_PREFIX}{key}"):
        st.iframe(html, height=height)


@st.cache_resource(show_spinner=False, max_entries=16)
def _figure(key: DataKey, name: str, lang: str, _build: Callable[[], go.Figure]) -> go.Figure:  # noqa: ARG001
    return _build()


def revision_figure(name: str, lang: str, build: Callable[[], go.Figure]) -> go.Figure:
    """``build()``, once per data revision, ``name`` and language: a figure that depends only on the stored data.

    The figure is shared: pass it on (``ui.charts.chart_with_data`` captions a copy), never change it.
    """
    return _figure(data_key(), name, lang, build)
