"""Reading everything the pages show (part of ``Store``), through a columnar copy per revision where the store has one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import yaml

from geo.io import STORAGE_CRS
from geo.loaders import DashboardData, place_citywide
from geo.model.schema import STATUS_HISTORY
from geo.spatial import area_m2, assign_districts
from geo.store.common import LAYERS, LayerName, _check_layer, _from_db_column, _Tx
from geo.store.core import StoreCore
from geo.store.readcache import ReadCache, code_fingerprint

# The frames of DashboardData a cache file keeps (the plan is read from the store: one short row).
_CACHED_FRAMES = ("boundaries", "areas", "services", "status_history")


class ReadingMethods(StoreCore):
    """``read_data`` and ``read_layer`` (part of ``Store``)."""

    #: False: every ``read_data`` reads the tables (tests compare both ways).
    use_read_cache: bool = True

    def _read_cache_folder(self) -> Path | None:
        """Where this store keeps its columnar copies of ``read_data`` (None: it keeps none)."""
        return None

    def _read_cache_fingerprint(self) -> str:
        """Inside a read transaction: what changes when the stored data may have changed other than by the app."""
        return ""

    def _read_cache(self) -> ReadCache | None:
        folder = self._read_cache_folder()
        return ReadCache(folder) if folder is not None and self.use_read_cache else None

    def _read_cache_key(self, tx: _Tx) -> str:
        row = tx.one("SELECT value FROM store_meta WHERE key = 'revision'")
        return f"{row[0] if row else ''}|{self._read_cache_fingerprint()}|{code_fingerprint()}"

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
                with self._reading() as tx:
                    key = self._read_cache_key(tx)
                if key.split("|", 1)[0] == revision:  # kept under this revision only if nothing was written since
                    cache.save(key, _frames(handed_over))
            return handed_over
        with self._reading() as tx:
            self._require(tx)
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
        created, self._created_data = self._created_data, None
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
        with self._reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'revision'")
        return row[0] if row else ""

    def read_layer(self, layer: LayerName) -> gpd.GeoDataFrame:
        """One layer's schema columns and geometry (EPSG:4326), in stored order."""
        _check_layer(layer)
        with self._reading() as tx:
            self._require(tx)
            return self._read_layer(tx, layer)

    def _read_layer(self, tx: _Tx, layer: str, extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
        schema = LAYERS[layer]
        names = schema.column_names
        rows = tx.query(f"SELECT {', '.join([*names, *extra])}, {self._geom_out('geom')} FROM {layer} ORDER BY fid")
        cells = list(zip(*rows, strict=True)) if rows else [()] * (len(names) + len(extra) + 1)
        columns = {
            column.name: _object_series(_from_db_column(list(cells[i]), column))
            for i, column in enumerate(schema.columns)
        }
        for offset, name in enumerate(extra, start=len(names)):
            columns[name] = _object_series(list(cells[offset]))
        geometries = self._decode_geometries(list(cells[-1]))
        return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geometries, crs=STORAGE_CRS), crs=STORAGE_CRS)


def _object_series(values: list[object]) -> pd.Series:
    # Filling an empty object array is several times faster than pandas' own conversion of a list.
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return pd.Series(array, dtype=object, copy=False)


def _frames(data: DashboardData) -> dict[str, pd.DataFrame]:
    return {name: getattr(data, name) for name in _CACHED_FRAMES}


def _as_stored(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` with its geometries as the store keeps them: x and y only (a height in the file is dropped)."""
    if frame.geometry.has_z.any():
        frame = frame.copy()
        frame["geometry"] = frame.geometry.force_2d()
    return frame
