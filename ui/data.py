"""Cached access to settings, the store and its data: the one place pages get them from.

The app reads from the store (a GeoPackage in ``DASHBOARD_STORE_DIR``, by
default the data folder, or PostGIS with ``DATABASE_URL``), which is created
from the text files of ``DASHBOARD_DATA_DIR`` on first run. The data is cached
per store revision, so an edit or an import shows on the next rerun everywhere.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import streamlit as st

from geo.analysis.history import services_as_of
from geo.assets import install_vendor_assets
from geo.loaders import DashboardData, load_reference_layers
from geo.model.reference_layers import ReferenceLayer
from geo.settings import STATIC_DIR, Settings, load_settings
from geo.store import Store, open_store, seed_signature
from geo.upgrade import UpgradeOutcome, upgrade_store

# The cached readers' key: (data folder, store folder, database URL).
StoreKey = tuple[str, str, str | None]


def settings() -> Settings:
    """The settings, read fresh each run (cheap), so a changed environment needs no cache clear."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def ensure_vendor_assets() -> None:
    install_vendor_assets(STATIC_DIR)


@st.cache_resource(show_spinner=False)
def _open_store(data_dir: str, store_dir: str, database_url: str | None) -> tuple[Store, UpgradeOutcome]:  # noqa: ARG001 (cache key)
    # Arguments are the cache key: a different configuration opens a different store.
    # A store made from older data files is rebuilt here (backup first) unless staff changed it.
    opened = open_store(settings())
    return opened, upgrade_store(opened, settings().data_dir)


def store() -> Store:
    """The data store for the current settings; raises DataError or StoreError with a Korean message."""
    config = settings()
    return _open_store(str(config.data_dir), str(config.store_dir), config.database_url)[0]


def store_upgrade() -> UpgradeOutcome:
    """What was decided about the store when this process opened it (geo.upgrade)."""
    config = settings()
    return _open_store(str(config.data_dir), str(config.store_dir), config.database_url)[1]


# A resource, not data: cache_data hands every caller an unpickled copy, which at 100,000 services cost
# about 0.4 s per call, twice per rerun (frame and page). The frames are shared, so nothing may change them
# in place (geo/ functions return new frames).
@st.cache_resource(show_spinner=False, max_entries=2)
def _read(store_key: StoreKey, revision: str) -> DashboardData:  # noqa: ARG001 (cache key)
    return store().read_data()


def dashboard_data() -> DashboardData:
    """All validated data for the pages, as stored now."""
    config = settings()
    current = store()
    return _read((str(config.data_dir), str(config.store_dir), config.database_url), current.revision())


# Replaying the history is the /map page's largest per-rerun cost at 100,000 services; a rerun on the same day
# (a filter, a click, a pan) reads the same frame again. A resource like _read: shared, never changed in place.
@st.cache_resource(show_spinner=False, max_entries=16)
def _services_on(store_key: StoreKey, revision: str, day: date) -> gpd.GeoDataFrame:
    data = _read(store_key, revision)
    return services_as_of(data.services, data.status_history, day)


def services_on(day: date) -> gpd.GeoDataFrame:
    """Every service reported by ``day``, with its status that day (``geo.analysis.history.services_as_of``).

    Cached per store revision and day, so an edit shows at once and a rerun on the same day replays nothing.
    """
    config = settings()
    return _services_on((str(config.data_dir), str(config.store_dir), config.database_url), store().revision(), day)


@st.cache_data(show_spinner=False, max_entries=4)
def _outdated(store_key: StoreKey, revision: str, signature: str) -> bool:  # noqa: ARG001 (cache key)
    return store().seed_is_outdated(settings().data_dir)


def store_is_outdated() -> bool:
    """True when the data folder's text files changed after the store was created from them."""
    config = settings()
    key = (str(config.data_dir), str(config.store_dir), config.database_url)
    # The folder's fingerprint is the cache key: it is hashed again only when a file's stat changed.
    return _outdated(key, store().revision(), seed_signature(config.data_dir))


@st.cache_data(show_spinner=False, max_entries=4)
def _reference_layers(store_key: StoreKey, revision: str) -> list[ReferenceLayer]:  # noqa: ARG001 (cache key)
    current = store()
    if hasattr(current, "reference_layers"):
        return current.reference_layers()
    # A store backend without reference layers: the data folder's own public layers, read directly.
    return load_reference_layers(settings().data_dir)


def reference_layers() -> list[ReferenceLayer]:
    """The public reference layers (기반 시설) for the maps, as stored now (cached per store revision)."""
    config = settings()
    return _reference_layers((str(config.data_dir), str(config.store_dir), config.database_url), store().revision())


def data_key() -> tuple[str, str, str | None, str]:
    """(data folder, store folder, database, revision): changes whenever the stored data changes."""
    config = settings()
    return (str(config.data_dir), str(config.store_dir), config.database_url, store().revision())
