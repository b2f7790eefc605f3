"""The simplest peer of the everyday pages: streamlit-folium with the same 25 projects and one Plotly chart.

Run by ``benchmarks/bench_pages.py`` with ``BENCH_SERVICES`` set to the services GeoJSON. What a plain
streamlit-folium app would do: read the file once (cached), one marker with a tooltip per project, the
one line as a GeoJSON layer, and a bar chart of projects per status. Leaflet comes from the app's own
vendored copy (no CDN), as in the app.
"""

import os

import folium
import geopandas as gpd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import vendor_url
from geo.settings import STATIC_URL


@st.cache_data
def services(path: str) -> gpd.GeoDataFrame:
    return gpd.read_file(path)


frame = services(os.environ["BENCH_SERVICES"])
st.set_page_config(layout="wide")
st.title("Ansan smart city projects")
map_col, chart_col = st.columns([3, 2])
with map_col:
    fmap = folium.Map(location=[37.32, 126.83], zoom_start=11, tiles=None)
    fmap.default_js = [("leaflet", vendor_url("leaflet_js", STATIC_URL))]
    fmap.default_css = [("leaflet_css", vendor_url("leaflet_css", STATIC_URL))]
    for row in frame.itertuples():
        if row.geometry.geom_type == "Point":
            folium.CircleMarker([row.geometry.y, row.geometry.x], radius=7, tooltip=row.name_ko).add_to(fmap)
        else:
            folium.GeoJson(row.geometry.__geo_interface__, tooltip=row.name_ko).add_to(fmap)
    st_folium(fmap, height=560, use_container_width=True, returned_objects=[], key="peer_map")
with chart_col:
    counts = frame.groupby("status").size().reset_index(name="count")
    st.plotly_chart(px.bar(counts, x="status", y="count"), width="stretch")
