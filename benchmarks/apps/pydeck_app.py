"""Baseline for the benchmark: the same points in a pydeck ScatterplotLayer (WebGL, no basemap), with a name filter.

Run by ``benchmarks/bench_compare.py`` with ``BENCH_POINTS`` set to a CSV of lat, lon, status, name.
"""

import os

import pandas as pd
import pydeck as pdk
import streamlit as st

COLOURS = {
    "계획": [153, 153, 153],
    "설계": [86, 180, 233],
    "구축": [230, 159, 0],
    "운영": [0, 158, 115],
    "보류": [213, 94, 0],
    "취소": [0, 0, 0],
}


@st.cache_data
def points(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["colour"] = frame["status"].map(COLOURS)
    return frame


frame = points(os.environ["BENCH_POINTS"])
query = st.text_input("q")
shown = frame[frame["name"].str.contains(query, regex=False)] if query else frame
st.caption(f"shown {len(shown)}")
layer = pdk.Layer(
    "ScatterplotLayer",
    shown,
    get_position=["lon", "lat"],
    get_fill_color="colour",
    get_radius=15,
    radius_min_pixels=3,
    pickable=True,
)
view = pdk.ViewState(latitude=37.32, longitude=126.83, zoom=11)
st.pydeck_chart(
    pdk.Deck(layers=[layer], initial_view_state=view, map_style=None, tooltip={"text": "{name}"}), height=650
)
