"""Cached access to settings and data: the one place pages get them from."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.assets import install_vendor_assets
from geo.loaders import DashboardData, load_dashboard_data
from geo.settings import STATIC_DIR, Settings, load_settings


def settings() -> Settings:
    """The settings, read fresh each run (cheap), so a changed environment needs no cache clear."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def ensure_vendor_assets() -> None:
    install_vendor_assets(STATIC_DIR)


def _data_signature(data_dir: Path) -> tuple:
    # Reload when a file in the data folder changes.
    if not data_dir.is_dir():
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.iterdir() if p.is_file()))


@st.cache_data(show_spinner=False, max_entries=4)
def _load(data_dir: str, signature: tuple) -> DashboardData:
    return load_dashboard_data(Path(data_dir))


def dashboard_data() -> DashboardData:
    """All validated data for the pages; raises geo.validation.DataError with a Korean report."""
    data_dir = settings().data_dir
    return _load(str(data_dir), _data_signature(data_dir))
