"""What the everyday pages would otherwise rebuild on every visit, built once per data revision and language.

A visit (a reload, a new session) reruns the whole page: the home page rebuilt its map and its two
figures each time (about 1 s on a busy 2-core machine), although they change only when the data does.
The cache key is ``ui.data.data_key()`` (folders, database and store revision), so an edit or an import
shows on the next rerun, as with the data itself.

The objects are shared between sessions (``cache_resource``), so nothing may change them in place:
``geo.charts.with_caption`` returns a copy, and each run draws a deep copy of the map (rendering a folium
map writes into it: a second render of the same map repeats its header and scripts). The copy takes
about 0.06 s where a build took 0.4–3 s on the busy 2-core machine.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import folium
import plotly.graph_objects as go
import streamlit as st

from geo.loaders import DashboardData
from geo.mapping import MapOptions, build_map
from ui.data import data_key

DataKey = tuple[str, str, str | None, str]


@st.cache_resource(show_spinner=False, max_entries=8)
def _overview_map(key: DataKey, lang: str, basemap: str, _data: DashboardData) -> folium.Map:  # noqa: ARG001 (cache key)
    return build_map(_data.boundaries, _data.areas, _data.services, MapOptions(lang=lang, basemap=basemap))


def overview_folium_map(data: DashboardData, lang: str, basemap: str) -> folium.Map:
    """The home page's map (all services, the dongs and the areas), built once per data revision and language.

    A fresh copy each time: the caller may render it (``st_folium`` does).
    """
    return copy.deepcopy(_overview_map(data_key(), lang, basemap, data))


@st.cache_resource(show_spinner=False, max_entries=16)
def _figure(key: DataKey, name: str, lang: str, _build: Callable[[], go.Figure]) -> go.Figure:  # noqa: ARG001
    return _build()


def revision_figure(name: str, lang: str, build: Callable[[], go.Figure]) -> go.Figure:
    """``build()``, once per data revision, ``name`` and language: a figure that depends only on the stored data.

    The figure is shared: pass it on (``ui.charts.chart_with_data`` captions a copy), never change it.
    """
    return _figure(data_key(), name, lang, build)
