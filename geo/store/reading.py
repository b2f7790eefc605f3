"""Reading everything the pages show (``DataReader``), through a columnar copy per revision where the store has one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import pandas as pd
import yaml

from geo.loaders import DashboardData, place_citywide
from geo.model.schema import STATUS_HISTORY
from geo.spatial import area_m2, assign_districts
from geo.store.backend import Backend
from geo.store.common import LAYERS, LayerName, Tx, check_layer
from geo.store.readcache import ReadCache, code_fingerprint
from geo.store.services import read_layer_frame

# The frames of DashboardData a cache file keeps (the plan is read from the store: one short row).
_CACHED_FRAMES = ("boundaries", "areas", "services", "status_history")


class DataReader:
    """``read_data``, ``read_layer`` and ``revision`` on the store's database (``Store`` passes them on)."""

    def __init__(self, database: Backend) -> None:
        self.database = database
        #: False: every ``read_data`` reads the tables (tests compare both ways).
        self.use_read_cache = True
        #: (revision, data) of a store just created from a data folder, handed to the first ``read_data``.
        self.created: tuple[str, DashboardData] | None = None

    def _read_cache(self) -> ReadCache | None:
        folder = self.database.read_cache_folder()
        return ReadCache(folder) if folder is not None and self.use_read_cache else None

    def _read_cache_key(self, tx: Tx) -> str:
        row = tx.one("SELECT value FROM store_meta WHERE key = 'revision'")
        return f"{row[0] if row else ''}|{self.database.read_cache_fingerprint()}|{code_fingerprint()}"

    def read_data(self) -> DashboardData:
        """Everything, as ``geo.loaders.load_dashboard_data`` returns it from the text files.

        Same columns and types: services carry ``gu`` and ``dong`` (from the stored
        dongs), areas ``area_m2`` (EPSG:5186), and ``status_history`` has the columns
        of ``geo.model.schema.STATUS_HISTORY``, built from the status rows of the change
        history of services that still exist. Edit versions are not in these frames:
        use ``service_record`` or ``service_versions``.

        A GeoPackage store keeps a copy of these frames per revision beside its file
        (``geo.store.readcache``): the next process's first read takes it instead of the tables.
        """
        cache = self._read_cache()
        created = self._take_created_data()
        if created is not None:
            revision, handed_over = created
            if cache is not None:
                with self.database.reading() as tx:
                    key = self._read_cache_key(tx)
                if key.split("|", 1)[0] == revision:  # kept under this revision only if nothing was written since
                    cache.save(key, _frames(handed_over))
            return handed_over
        with self.database.reading() as tx:
            self.database.require(tx)
            plan_row = tx.one("SELECT content FROM documents WHERE key = 'plan'")
            key = self._read_cache_key(tx) if cache is not None else ""
            # Read while the transaction holds the store still: the copy is the one of this revision.
            cached = cache.load(key) if cache is not None else None
            if cached is None:
                boundaries = self._read_layer(tx, "boundaries")
                areas = self._read_layer(tx, "areas")
                services = self._read_layer(tx, "services")
                history_rows = tx.query(
                    "SELECT service_id, changed_at, old_value, new_value, changed_by, reason, reason_en, is_sample "
                    "FROM change_history WHERE field = 'status' ORDER BY id"
                )
        plan = yaml.safe_load(plan_row[0]) if plan_row else {}
        if cached is not None:
            return DashboardData(plan, *(cached[name] for name in _CACHED_FRAMES))
        areas["area_m2"] = area_m2(areas).round(0)
        known = set(services["service_id"])
        history = pd.DataFrame(
            [
                (sid, date.fromisoformat(at[:10]), old, new, by, reason, reason_en, bool(sample))
                for sid, at, old, new, by, reason, reason_en, sample in history_rows
                if sid in known
            ],
            columns=STATUS_HISTORY.column_names,
            dtype=object,  # None stays None (as the loader gives it), not NaN through a string dtype
        )
        history = history.sort_values(["service_id", "changed_at"], kind="stable").reset_index(drop=True)
        services = place_citywide(assign_districts(services, boundaries, areas))
        data = DashboardData(plan, boundaries, areas, services, history)
        if cache is not None:
            cache.save(key, _frames(data))
        return data

    def _take_created_data(self) -> tuple[str, DashboardData] | None:
        """The revision and data this object just created the store from, once, if nothing was written since.

        The same frames ``read_data`` would read back (schema columns in schema order, then what it adds):
        a data folder's extra columns are left out, as the store does not keep them.
        """
        created, self.created = self.created, None
        if created is None or created[0] != self.revision():
            return None
        data: DashboardData = created[1]
        boundaries, areas, services = (
            _as_stored(frame[[*LAYERS[layer].column_names, "geometry", *added]])
            for frame, layer, added in (
                (data.boundaries, "boundaries", ()),
                (data.areas, "areas", ("area_m2",)),
                (data.services, "services", ("gu", "dong", "located_area_id")),
            )
        )
        history = data.status_history[list(STATUS_HISTORY.column_names)]
        return created[0], DashboardData(data.plan, boundaries, areas, services, history)

    def revision(self) -> str:
        """A token that changes with every write (key for ``st.cache_data``)."""
        with self.database.reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'revision'")
        return row[0] if row else ""

    def read_layer(self, layer: LayerName) -> gpd.GeoDataFrame:
        """One layer's schema columns and geometry (EPSG:4326), in stored order."""
        check_layer(layer)
        with self.database.reading() as tx:
            self.database.require(tx)
            return self._read_layer(tx, layer)

    def _read_layer(self, tx: Tx, layer: str, extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
        return read_layer_frame(self.database, tx, layer, extra)


def _frames(data: DashboardData) -> dict[str, pd.DataFrame]:
    return {name: getattr(data, name) for name in _CACHED_FRAMES}


def _as_stored(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` with its geometries as the store keeps them: x and y only (a height in the file is dropped)."""
    if frame.geometry.has_z.any():
        frame = frame.copy()
        frame["geometry"] = frame.geometry.force_2d()
    return frame
