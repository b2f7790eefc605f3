"""What every part of the store builds on: its database (``geo.store.backend``), and the methods one part calls in another."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.reference import ReferenceLayer
from geo.store.backend import Backend
from geo.store.common import Tx


class StoreCore(ABC):
    """What the store's parts share: the database they work on (see ``geo.store.base.Store``)."""

    #: ``geopackage`` or ``postgis``.
    backend: str = ""
    #: (revision, data) of a store this object just created; see ``Store.read_data``.
    _created_data: tuple[str, Any] | None = None

    def __init__(self, database: Backend) -> None:
        self.database = database

    def close(self) -> None:
        """Release what the store keeps open between calls (the PostGIS connection pool)."""
        self.database.close()

    def describe(self) -> str:
        """Where the store is, for messages (a path, or the database without its password)."""
        return self.database.describe()

    # Implemented by other parts of Store, declared here so each part can call them.

    @abstractmethod
    def _insert_layer(
        self,
        tx: Tx,
        layer: str,
        frame: gpd.GeoDataFrame,
        bookkeeping: Mapping[str, tuple[Any, ...]],
        user: str,
        moment: datetime,
    ) -> None: ...

    @abstractmethod
    def _create_voice_tables(self, tx: Tx) -> None: ...

    @abstractmethod
    def _create_reference_tables(self, tx: Tx, data_dir: Path, moment: datetime) -> None: ...

    @abstractmethod
    def _write_reference(
        self, tx: Tx, layer: ReferenceLayer, user: str, moment: datetime, points: gpd.GeoDataFrame | None = None
    ) -> int | None: ...
