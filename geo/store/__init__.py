"""The dashboard's editable data store: one interface, two backends.

* ``GeoPackageStore`` (default): one GeoPackage file, ``dashboard.gpkg``, in the
  store folder. It is a real GeoPackage (QGIS and GDAL open its ``services``,
  ``areas`` and ``boundaries`` layers) with a few extra tables for history,
  column mappings and the audit log. Created from the bundled text data on first
  use, in one step: built beside the target and moved into place only when complete.
* ``PostgisStore``: the same tables in a PostgreSQL/PostGIS schema, chosen by
  ``DATABASE_URL`` (``postgresql://user:pw@host:5432/db``), through psycopg 3.

``open_store(settings)`` picks the backend. Every write runs in one transaction:
an exception part-way leaves the previous state. Service edits use optimistic
concurrency: each service row has a ``version``; an edit states the version it
read, and a stale version raises ``ConflictError`` naming who changed the row
and when. Every change of ``status``, ``start_year``, ``end_year`` or
``budget_krw_100m`` is kept in ``change_history`` (who, when, old and new value,
reason). Geometry is stored in EPSG:4326.

One store object can be shared by Streamlit's threads (``st.cache_resource``):
GeoPackage connections are opened per operation, PostGIS connections come from
a ``psycopg_pool`` pool (``pool``). A writer killed part-way leaves the old or the new
state (``geopackage``, ``tempfiles``).

Modules: ``base`` (``Store``, the facade the app uses), ``backend`` (what a database gives: transactions,
SQL dialect, geometry codec) with ``backend_gpkg`` and ``backend_postgis`` (and ``pool``, its pooled
connections); the repositories ``services`` (edits, layer writes, history), ``reference`` (public reference
layers), ``signin`` (sign-in attempts and locks) and ``voice`` (citizens' voice), each taking the database;
``creation`` (``StoreBuilder``: tables and first content, upgrades of older stores), ``reading`` (``DataReader``:
``read_data`` and ``read_layer``), ``readcache`` (the GeoPackage's columnar copy of ``read_data``
per revision, which a cold start reads instead of the tables), ``common`` (names, errors, records, value
conversion, the transaction cursor), ``geopackage`` and ``postgis`` (the two stores: a file with backups,
a server schema).
"""

from __future__ import annotations

from datetime import datetime

from geo.clock import KST
from geo.settings import Settings
from geo.store.base import Store
from geo.store.common import (
    BACKUP_KEEP,
    CHANGE_HISTORY_COLUMNS,
    LAYERS,
    SEED_FILES,
    SEED_USER,
    STORE_SCHEMA_VERSION,
    TRACKED_FIELDS,
    BackupInfo,
    ConflictError,
    InvalidChangeError,
    LayerName,
    ServiceRecord,
    StoreError,
    WriteResult,
    seed_signature,
)
from geo.store.geopackage import BACKUP_DIR_NAME, STORE_FILE_NAME, GeoPackageStore
from geo.store.postgis import PostgisStore

__all__ = [
    "BACKUP_DIR_NAME",
    "BACKUP_KEEP",
    "CHANGE_HISTORY_COLUMNS",
    "KST",
    "LAYERS",
    "SEED_FILES",
    "SEED_USER",
    "STORE_FILE_NAME",
    "STORE_SCHEMA_VERSION",
    "TRACKED_FIELDS",
    "BackupInfo",
    "ConflictError",
    "GeoPackageStore",
    "InvalidChangeError",
    "LayerName",
    "PostgisStore",
    "ServiceRecord",
    "Store",
    "StoreError",
    "WriteResult",
    "open_store",
    "seed_signature",
]


def open_store(settings: Settings, *, initialise: bool = True, now: datetime | None = None) -> Store:
    """The store the settings point at, created from ``settings.data_dir`` on first use.

    Parameters
    ----------
    settings : geo.settings.Settings
        ``database_url`` selects PostgreSQL/PostGIS; otherwise the GeoPackage
        ``settings.store_dir / dashboard.gpkg`` is used.
    initialise : bool
        Create the store if it does not exist yet (False: only point at it;
        check with ``Store.is_initialised``).

    Raises
    ------
    StoreError
        The database cannot be reached.
    geo.model.validation.DataError
        The store must be created and the data folder is not valid.
    """
    store: Store
    if settings.database_url:
        store = PostgisStore(settings.database_url)
    else:
        store = GeoPackageStore(settings.store_dir / STORE_FILE_NAME)
    if initialise:
        store.initialise(settings.data_dir, now=now)
    return store
