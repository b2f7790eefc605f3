"""Data and geospatial core of the Ansan Smart City Dashboard.

Importable without Streamlit: loaders, validation, spatial joins, statistics,
map and chart builders live here and are unit-tested in ``tests/``.
"""
