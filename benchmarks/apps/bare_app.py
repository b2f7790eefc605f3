"""Baseline for the capacity benchmark: the smallest Streamlit page (one st.write), no data, no map.

``benchmarks/bench_load.py load --bare URL`` loads it at every level in the same run as the app's page, so
the ratio of the two is the figure that does not depend on how busy the machine was.

  streamlit run benchmarks/apps/bare_app.py --server.port 8663 --server.headless true
"""

import streamlit as st

st.write("bare Streamlit page")
