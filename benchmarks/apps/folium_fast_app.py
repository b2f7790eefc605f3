"""Baseline for the benchmark: the same points in folium's FastMarkerCluster (local plugin files), with a name filter.

Run by ``benchmarks/bench_compare.py`` with ``BENCH_POINTS`` set to a CSV of lat, lon, status, name.
"""

import os

import folium
import pandas as pd
import streamlit as st
from folium.plugins import FastMarkerCluster
from streamlit_folium import st_folium

from geo.assets import vendor_url
from geo.settings import STATIC_URL


@st.cache_data
def points(path: str) -> pd.DataFrame:
    return pd.read_csv(path)


frame = points(os.environ["BENCH_POINTS"])
query = st.text_input("q")
shown = frame[frame["name"].str.contains(query, regex=False)] if query else frame
st.caption(f"shown {len(shown)}")
fmap = folium.Map(location=[37.32, 126.83], zoom_start=11, tiles=None)
fmap.default_js = [("leaflet", vendor_url("leaflet_js", STATIC_URL))]
fmap.default_css = [("leaflet_css", vendor_url("leaflet_css", STATIC_URL))]
cluster = FastMarkerCluster(shown[["lat", "lon"]].to_numpy().tolist())
cluster.default_js = [("markerclusterjs", vendor_url("markercluster_js", STATIC_URL))]
cluster.default_css = [
    ("markerclustercss", vendor_url("markercluster_css", STATIC_URL)),
    ("markerclusterdefault", vendor_url("markercluster_default_css", STATIC_URL)),
]
cluster.add_to(fmap)
st_folium(fmap, height=650, use_container_width=True, returned_objects=[], key="baseline")
