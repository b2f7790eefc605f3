"""The server store: the same tables in one schema of a PostgreSQL database with PostGIS (psycopg 3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from geo.store.backend_postgis import APPLICATION_NAME, PostgisBackend
from geo.store.base import Store

__all__ = ["APPLICATION_NAME", "PostgisStore"]


class PostgisStore(Store):
    """The server store: tables in one schema of a PostgreSQL database with PostGIS."""

    backend = "postgis"
    database: PostgisBackend

    def __init__(self, url: str, schema: str = "dashboard"):
        """``url``: ``postgresql://user:password@host:port/database``; ``schema``: where the tables live."""
        super().__init__(PostgisBackend(url, schema))

    @property
    def url(self) -> str:
        return self.database.url

    @property
    def schema(self) -> str:
        return self.database.schema

    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        with self.database.transaction() as tx:
            # Serialise first runs of several app processes; the loser sees the tables and stops.
            tx.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"dashboard-store-{self.schema}",))
            if self.database.table_exists(tx, "store_meta"):
                self._upgrade(tx, data_dir, now)
                return False
            tx.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            tx.execute(f'SET LOCAL search_path TO "{self.schema}", public')
            self._create(tx, data_dir, now)
            return True
