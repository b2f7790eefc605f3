"""What every part of the store builds on: its database (``geo.store.backend``) and its repositories."""

from __future__ import annotations

from typing import Any

from geo.store.backend import Backend
from geo.store.reference import ReferenceRepository
from geo.store.services import ServiceRepository
from geo.store.signin import SignInRepository
from geo.store.voice import VoiceRepository


class StoreCore:
    """What the store's parts share: the database they work on (see ``geo.store.base.Store``)."""

    #: ``geopackage`` or ``postgis``.
    backend: str = ""
    #: (revision, data) of a store this object just created; see ``Store.read_data``.
    _created_data: tuple[str, Any] | None = None

    def __init__(self, database: Backend) -> None:
        self.database = database
        # The repositories: each takes the database and holds one kind of record.
        self.services = ServiceRepository(database)
        self.references = ReferenceRepository(database)
        self.sign_in = SignInRepository(database)
        self.voice = VoiceRepository(database)

    def close(self) -> None:
        """Release what the store keeps open between calls (the PostGIS connection pool)."""
        self.database.close()

    def describe(self) -> str:
        """Where the store is, for messages (a path, or the database without its password)."""
        return self.database.describe()
