"""What every part of the store builds on: the backend hooks and the few helpers all writes use."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.i18n.problems import to_stored
from geo.model.reference_layers import ReferenceLayer
from geo.model.schema import Column
from geo.model.validation import Message, message
from geo.store.common import StoreError, _stamp, _Tx

# Who made a change, as kept in history and audit rows (sign-in names are far shorter).
USER_MAX_LENGTH = 100


class StoreCore(ABC):
    """The hooks a backend provides and the helpers the store's parts share (see ``geo.store.base.Store``)."""

    backend: str = ""
    _types: ClassVar[dict[str, str]] = {}
    _id_column_sql: str = ""
    _geometry_sql: str = ""
    _false: str = "0"
    _geom_in: str = "?"
    #: (revision, data) of a store this object just created; see ``Store.read_data``.
    _created_data: tuple[str, Any] | None = None

    # -- backend hooks --

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[_Tx]:
        """A write transaction: commits on success, rolls back on any exception."""

    @abstractmethod
    def _reading(self) -> AbstractContextManager[_Tx]:
        """A read-only snapshot, so several queries see one consistent state."""

    @abstractmethod
    def _geom_out(self, column: str) -> str: ...

    @abstractmethod
    def _encode_geometry(self, geometry: BaseGeometry | None) -> Any: ...

    @abstractmethod
    def _decode_geometry(self, value: Any) -> BaseGeometry | None: ...

    @abstractmethod
    def _table_exists(self, tx: _Tx, table: str) -> bool: ...

    @abstractmethod
    def _table_columns(self, tx: _Tx, table: str) -> set[str]: ...

    def _after_create(self, tx: _Tx) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Backend extras after the tables exist (GeoPackage registry, spatial indexes)."""
        return

    def _after_layer_write(self, tx: _Tx, layer: str, frame: gpd.GeoDataFrame) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Backend extras after a layer changed (the GeoPackage extent)."""
        return

    def _after_reference_create(self, tx: _Tx) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Backend extras after the reference tables exist (GeoPackage registry, spatial index)."""
        return

    def _sql_value(self, value: Any, column: Column) -> Any:  # noqa: ARG002 (default hook; a backend uses the arguments)
        return value

    def _sql_values(self, values: list[Any], column: Column) -> list[Any]:
        """``_sql_value`` of a whole column (a backend may do it faster)."""
        return [self._sql_value(value, column) for value in values]

    def _decode_geometries(self, values: Sequence[Any]) -> list[BaseGeometry | None]:
        """``_decode_geometry`` of a whole column (a backend may do it faster)."""
        return [self._decode_geometry(value) for value in values]

    def _encode_geometries(self, geometries: Sequence[Any]) -> list[Any]:
        """``_encode_geometry`` of a whole column (a backend may do it faster)."""
        return [self._encode_geometry(geometry) for geometry in geometries]

    def _bulk_insert(
        self, tx: _Tx, table: str, names: Sequence[str], columns: Sequence[Sequence[Any]], geometries: Sequence[Any]
    ) -> None:
        """Insert rows given as columns, plus their geometries, in one statement (``executemany``)."""
        encoded = self._encode_geometries(geometries)
        placeholders = ", ".join(["?"] * len(names))
        tx.executemany(
            f"INSERT INTO {table} ({', '.join(names)}, geom) VALUES ({placeholders}, {self._geom_in})",
            list(zip(*columns, encoded, strict=True)),
        )

    def close(self) -> None:
        """Release what the store keeps open between calls (the PostGIS connection pool)."""
        return

    @abstractmethod
    def describe(self) -> str:
        """Where the store is, for messages (a path, or the database without its password)."""

    # -- shared by the parts of Store --

    def _audit(self, tx: _Tx, user: str, action: str, detail: Message, moment: datetime) -> None:
        # The detail is kept as its code and parameters, worded when read (Store.audit_log(lang)).
        tx.execute(
            "INSERT INTO audit_log (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
            (_stamp(moment), user, action, to_stored(detail)),
        )

    def _touch(self, tx: _Tx) -> None:
        tx.execute("UPDATE store_meta SET value = ? WHERE key = 'revision'", (uuid.uuid4().hex,))

    def _require(self, tx: _Tx) -> None:
        if not self._table_exists(tx, "store_meta"):
            raise StoreError(self._missing())

    def _missing(self) -> Message:
        return message("store_missing", store=self.describe())

    @staticmethod
    def _require_user(user: str) -> None:
        if not user or not user.strip():
            raise StoreError(message("user_missing"))
        if len(user) > USER_MAX_LENGTH:
            raise StoreError(message("user_too_long", length=len(user), limit=USER_MAX_LENGTH))

    # Implemented by other parts of Store, declared here so each part can call them.

    @abstractmethod
    def _insert_layer(
        self,
        tx: _Tx,
        layer: str,
        frame: gpd.GeoDataFrame,
        bookkeeping: Mapping[str, tuple[Any, ...]],
        user: str,
        moment: datetime,
    ) -> None: ...

    @abstractmethod
    def _create_voice_tables(self, tx: _Tx) -> None: ...

    @abstractmethod
    def _create_reference_tables(self, tx: _Tx, data_dir: Path, moment: datetime) -> None: ...

    @abstractmethod
    def _write_reference(
        self, tx: _Tx, layer: ReferenceLayer, user: str, moment: datetime, points: gpd.GeoDataFrame | None = None
    ) -> int | None: ...
