"""What a database gives the store: transactions, its SQL dialect and its geometry codec (``Backend``).

One object per database (``geo.store.backend_gpkg``, ``geo.store.backend_postgis``); the store's parts
(``geo.store.base`` and the repositories) take it and write SQL both accept, with ``?`` placeholders.
The few writes every part makes (the audit row, the new revision) are functions of a transaction here.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.i18n.problems import to_stored
from geo.model.schema import Column
from geo.model.validation import Message, message
from geo.store.common import StoreError, Tx, stamp

# Who made a change, as kept in history and audit rows (sign-in names are far shorter).
USER_MAX_LENGTH = 100


class Backend(ABC):
    """One database: its connection and transactions, SQL dialect and geometry encoding."""

    #: ``geopackage`` or ``postgis`` (``Store.backend``).
    name: ClassVar[str] = ""
    #: The column type of each schema kind (text, int, float, bool, date).
    types: ClassVar[dict[str, str]] = {}
    id_column_sql: ClassVar[str] = ""
    geometry_sql: ClassVar[str] = ""
    false: ClassVar[str] = "0"
    #: The placeholder of a geometry value in an INSERT (it may wrap ``?`` in a conversion).
    geom_in: ClassVar[str] = "?"

    # -- connection --

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Tx]:
        """A write transaction: commits on success, rolls back on any exception."""

    @abstractmethod
    def reading(self) -> AbstractContextManager[Tx]:
        """A read-only snapshot, so several queries see one consistent state."""

    @abstractmethod
    def where(self) -> str | Message:
        """Where the data is, as a message parameter (a path, or the database without its password)."""

    def describe(self, lang: str = "ko") -> str:
        """Where the data is, worded in ``lang``."""
        where = self.where()
        return where.text(lang) if isinstance(where, Message) else where

    def close(self) -> None:
        """Release what is kept open between calls (the PostGIS connection pool)."""
        return

    def serialise(self, tx: Tx, name: str) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Make transactions that call this with the same name run one after another (SQLite: already so)."""
        return

    # -- dialect --

    @abstractmethod
    def table_exists(self, tx: Tx, table: str) -> bool: ...

    @abstractmethod
    def table_columns(self, tx: Tx, table: str) -> set[str]: ...

    @abstractmethod
    def geom_out(self, column: str) -> str:
        """The SELECT expression that reads a geometry column as ``decode_geometry`` takes it."""

    def sql_value(self, value: Any, column: Column) -> Any:  # noqa: ARG002 (default hook; a backend uses the arguments)
        return value

    def sql_values(self, values: list[Any], column: Column) -> list[Any]:
        """``sql_value`` of a whole column (a backend may do it faster)."""
        return [self.sql_value(value, column) for value in values]

    def bulk_insert(
        self, tx: Tx, table: str, names: Sequence[str], columns: Sequence[Sequence[Any]], geometries: Sequence[Any]
    ) -> None:
        """Insert rows given as columns, plus their geometries, in one statement (``executemany``)."""
        encoded = self.encode_geometries(geometries)
        placeholders = ", ".join(["?"] * len(names))
        tx.executemany(
            f"INSERT INTO {table} ({', '.join(names)}, geom) VALUES ({placeholders}, {self.geom_in})",
            list(zip(*columns, encoded, strict=True)),
        )

    def after_create(self, tx: Tx) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Extras after the tables exist (GeoPackage registry, spatial indexes)."""
        return

    def after_layer_write(self, tx: Tx, layer: str, frame: gpd.GeoDataFrame) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Extras after a layer changed (the GeoPackage extent)."""
        return

    def after_reference_create(self, tx: Tx) -> None:  # noqa: ARG002 (default hook; a backend uses the arguments)
        """Extras after the reference tables exist (GeoPackage registry, spatial index)."""
        return

    def read_cache_folder(self) -> Path | None:
        """Where columnar copies of ``read_data`` are kept (None: none are)."""
        return None

    def read_cache_fingerprint(self) -> str:
        """Inside a read transaction: what changes when the stored data may have changed other than by the app."""
        return ""

    # -- geometry codec --

    @abstractmethod
    def encode_geometry(self, geometry: BaseGeometry | None) -> Any: ...

    @abstractmethod
    def decode_geometry(self, value: Any) -> BaseGeometry | None: ...

    def decode_geometries(self, values: Sequence[Any]) -> list[BaseGeometry | None]:
        """``decode_geometry`` of a whole column (a backend may do it faster)."""
        return [self.decode_geometry(value) for value in values]

    def encode_geometries(self, geometries: Sequence[Any]) -> list[Any]:
        """``encode_geometry`` of a whole column (a backend may do it faster)."""
        return [self.encode_geometry(geometry) for geometry in geometries]

    # -- what every part checks --

    def missing(self) -> Message:
        return message("store_missing", store=self.where())

    def require(self, tx: Tx) -> None:
        """Raise the "no store here" error unless the store's tables exist."""
        if not self.table_exists(tx, "store_meta"):
            raise StoreError(self.missing())


def audit(tx: Tx, user: str, action: str, detail: Message, moment: datetime) -> None:
    """An audit row; the detail is kept as its code and parameters, worded when read (``Store.audit_log``)."""
    tx.execute(
        "INSERT INTO audit_log (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
        (stamp(moment), user, action, to_stored(detail)),
    )


def touch(tx: Tx) -> None:
    """A new revision: readers' caches keyed on it read again."""
    tx.execute("UPDATE store_meta SET value = ? WHERE key = 'revision'", (uuid.uuid4().hex,))


def require_user(user: str) -> None:
    """Refuse a change without a user, or with a name too long to be one."""
    if not user or not user.strip():
        raise StoreError(message("user_missing"))
    if len(user) > USER_MAX_LENGTH:
        raise StoreError(message("user_too_long", length=len(user), limit=USER_MAX_LENGTH))
