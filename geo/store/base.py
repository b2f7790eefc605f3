"""The store interface (``Store``): a facade over the store's database and repositories.

The database (``geo.store.backend``: GeoPackage or PostGIS) gives transactions, its SQL dialect and its
geometry codec; the repositories hold the records: services and their history (``services``), public
reference layers (``reference``), sign-in attempts (``signin``) and citizens' voice (``voice``). ``Store``
composes them and keeps the one interface the pages, the command line and the tests use; creating and
upgrading a store (``creation``) and reading everything the pages show (``reading``) are two more objects it holds.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd

from geo.auth import LockoutRules, SignInTicket
from geo.i18n.problems import from_stored
from geo.loaders import DashboardData
from geo.model.reference_layers import ReferenceLayer
from geo.model.schema import WriteMode
from geo.model.validation import Message, message
from geo.store.backend import Backend
from geo.store.common import (
    BACKUP_KEEP,
    LAYERS,
    OWN_TABLES,
    BackupInfo,
    LayerName,
    ServiceRecord,
    StoreError,
    Tx,
    WriteResult,
    plain,
    seed_signature,
    wkb_hex,
)
from geo.store.creation import StoreBuilder
from geo.store.reading import DataReader
from geo.store.reference import ReferenceRepository
from geo.store.services import ServiceRepository
from geo.store.signin import SignInRepository
from geo.store.voice import VoiceRepository
from geo.voice import Decision, RateRule


class Store(ABC):
    """The dashboard's data, read and written through transactions.

    Use ``open_store(settings)`` to get one. ``store.database`` is its database; ``store.services``,
    ``store.references``, ``store.sign_in`` and ``store.voice`` its repositories, whose methods it passes on.
    """

    #: ``geopackage`` or ``postgis``.
    backend: str = ""

    def __init__(self, database: Backend) -> None:
        self.database = database
        # The repositories: each takes the database and holds one kind of record.
        self.services = ServiceRepository(database)
        self.references = ReferenceRepository(database)
        self.sign_in = SignInRepository(database)
        self.voice = VoiceRepository(database)
        self.reader = DataReader(database)
        self.builder = StoreBuilder(database, self.services, self.references, self.sign_in, self.voice)

    def close(self) -> None:
        """Release what the store keeps open between calls (the PostGIS connection pool)."""
        self.database.close()

    def describe(self, lang: str = "ko") -> str:
        """Where the store is, in ``lang`` (a path, or the database without its password)."""
        return self.database.describe(lang)

    # -- creation (geo.store.creation) --

    def _create(self, tx: Tx, data_dir: Path, now: datetime | None) -> None:
        self.reader.created = self.builder.create(tx, data_dir, now)

    def _upgrade(self, tx: Tx, data_dir: Path, now: datetime | None) -> None:
        self.builder.upgrade(tx, data_dir, now)

    def _needs_upgrade(self) -> bool:
        return self.builder.needs_upgrade()

    @property
    def _created_data(self) -> tuple[str, DashboardData] | None:
        """(revision, data) of a store this object just created; the first ``read_data`` takes it."""
        return self.reader.created

    @_created_data.setter
    def _created_data(self, value: tuple[str, DashboardData] | None) -> None:
        self.reader.created = value

    def is_initialised(self) -> bool:
        """True when the store's tables exist (``initialise`` has run)."""
        try:
            with self.database.reading() as tx:
                return self.database.table_exists(tx, "store_meta")
        except (StoreError, sqlite3.DatabaseError):
            return False

    @abstractmethod
    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        """Create the store from the text datasets in ``data_dir`` unless it exists.

        Parameters
        ----------
        data_dir : Path
            A folder as ``geo.loaders.load_dashboard_data`` reads it (the bundled ``data/``).
        now : datetime, optional
            The creation time (default: now, Korea time).

        Returns
        -------
        bool
            True if the store was created now, False if it already existed.

        Raises
        ------
        geo.model.validation.DataError
            The text datasets are not valid; nothing is created.
        """

    # -- reading --

    def seed_is_outdated(self, data_dir: Path) -> bool:
        """True when the text files in ``data_dir`` changed after this store was created from them.

        The store never re-reads them by itself (edits and imports would be lost);
        the pages say so, and staff import the files or start a new store.
        """
        with self.database.reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'seed_signature'")
        return row is not None and row[0] != seed_signature(data_dir)

    def audit_log(self, lang: str = "ko") -> pd.DataFrame:
        """Who initialised, imported into or restored the store, and when (columns at, user, action, detail).

        ``detail`` is worded in ``lang``; a row written before details were codes shows its text as it is.
        """
        with self.database.reading() as tx:
            self.database.require(tx)
            rows = tx.query("SELECT at, user_name, action, detail FROM audit_log ORDER BY id")
        worded = [(at, user, action, from_stored(detail).text(lang)) for at, user, action, detail in rows]
        return pd.DataFrame(worded, columns=["at", "user", "action", "detail"])

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of the store's own tables in a stable order (geometry as WKB hex), to compare states."""
        result: dict[str, list[tuple[Any, ...]]] = {}
        with self.database.reading() as tx:
            self.database.require(tx)
            for table in OWN_TABLES:
                if not self.database.table_exists(tx, table):
                    continue
                if table in LAYERS or table == "reference_points":
                    names = ["fid", "layer_id", "properties"]
                    if table in LAYERS:
                        names = ["fid", *LAYERS[table].column_names]
                    if table == "services":
                        names += ["version", "modified_by", "modified_at"]
                    rows = tx.query(
                        f"SELECT {', '.join(names)}, {self.database.geom_out('geom')} FROM {table} ORDER BY fid"
                    )
                    rows = [(*r[:-1], wkb_hex(self.database.decode_geometry(r[-1]))) for r in rows]
                else:
                    rows = tx.query(f"SELECT * FROM {table} ORDER BY 1, 2")
                result[table] = [tuple(plain(v) for v in r) for r in rows]
        return result

    # -- reading (geo.store.reading) --

    @property
    def use_read_cache(self) -> bool:
        """False: every ``read_data`` reads the tables (tests compare both ways)."""
        return self.reader.use_read_cache

    @use_read_cache.setter
    def use_read_cache(self, value: bool) -> None:
        self.reader.use_read_cache = value

    def read_data(self) -> DashboardData:
        """Everything, as ``geo.loaders.load_dashboard_data`` returns it from the text files (``DataReader``)."""
        return self.reader.read_data()

    def revision(self) -> str:
        """A token that changes with every write (key for ``st.cache_data``)."""
        return self.reader.revision()

    def read_layer(self, layer: LayerName) -> gpd.GeoDataFrame:
        """One layer's schema columns and geometry (EPSG:4326), in stored order."""
        return self.reader.read_layer(layer)

    # -- services and their history (geo.store.services) --

    def service_versions(self) -> dict[str, int]:
        """The current version of every service, by ``service_id``."""
        return self.services.service_versions()

    def service_record(self, service_id: str) -> ServiceRecord:
        """One service with its version and last editor (``ServiceRepository.service_record``)."""
        return self.services.service_record(service_id)

    def change_history(self, service_id: str | None = None) -> pd.DataFrame:
        """Every recorded field change, oldest first (``ServiceRepository.change_history``)."""
        return self.services.change_history(service_id)

    def column_mapping(self, layer: LayerName) -> dict[str, str]:
        """The remembered column mapping of a layer: source column name → schema column."""
        return self.services.column_mapping(layer)

    def update_service(
        self,
        service_id: str,
        expected_version: int,
        changes: Mapping[str, Any],
        *,
        user: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> ServiceRecord:
        """Change a service's status, years or budget, keeping each change in the history
        (``ServiceRepository.update_service``)."""
        return self.services.update_service(service_id, expected_version, changes, user=user, reason=reason, now=now)

    def write_layer(
        self,
        layer: LayerName,
        frame: gpd.GeoDataFrame,
        *,
        mode: WriteMode,
        user: str,
        source_name: str,
        mapping: Mapping[str, str] | None = None,
        now: datetime | None = None,
    ) -> WriteResult:
        """Replace a layer with ``frame``, or append ``frame`` to it, in one transaction
        (``ServiceRepository.write_layer``)."""
        return self.services.write_layer(
            layer, frame, mode=mode, user=user, source_name=source_name, mapping=mapping, now=now
        )

    # -- public reference layers (geo.store.reference) --

    def reference_layers(self) -> list[ReferenceLayer]:
        """The stored public reference layers (points in EPSG:4326), in ``layer_id`` order."""
        return self.references.reference_layers()

    def write_reference_layer(self, layer: ReferenceLayer, *, user: str, now: datetime | None = None) -> WriteResult:
        """Add a reference layer, or replace the one with the same ``layer_id`` (``ReferenceRepository``)."""
        return self.references.write_reference_layer(layer, user=user, now=now)

    def delete_reference_layer(self, layer_id: str, *, user: str, now: datetime | None = None) -> int:
        """Remove a reference layer and its points; returns how many points were removed."""
        return self.references.delete_reference_layer(layer_id, user=user, now=now)

    # -- sign-in attempts (geo.store.signin; the store is a geo.auth.AttemptLedger) --

    def reserve_sign_in(self, account: str, client: str, *, now: datetime, rules: LockoutRules) -> SignInTicket:
        """Reserve a sign-in attempt, or refuse it when the account or client is locked or at its limit."""
        return self.sign_in.reserve_sign_in(account, client, now=now, rules=rules)

    def finish_sign_in(
        self,
        ticket: SignInTicket,
        account: str,
        client: str,
        *,
        succeeded: bool,
        now: datetime,
        rules: LockoutRules,
    ) -> SignInTicket:
        """Record a reserved attempt's outcome; each failure gets an audit row, and a lock one more."""
        return self.sign_in.finish_sign_in(ticket, account, client, succeeded=succeeded, now=now, rules=rules)

    def unlock_account(self, account: str, *, user: str, now: datetime | None = None) -> bool:
        """Lift the lock on ``account`` and start its failure count again; audited as ``sign-in:unlock``."""
        return self.sign_in.unlock_account(account, user=user, now=now)

    # -- citizens' voice (geo.store.voice) --

    def add_reaction(
        self,
        project_id: str,
        *,
        channel: Literal["kiosk", "public"],
        rule: RateRule,
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> Decision:
        """Count one 필요해요 for a project, unless this kiosk or client is at its limit."""
        return self.voice.add_reaction(
            project_id, channel=channel, rule=rule, kiosk_id=kiosk_id, client=client, now=now
        )

    def add_opinion(
        self,
        project_id: str,
        reason: str | None,
        text: str | None,
        *,
        channel: Literal["kiosk", "public"],
        rule: RateRule,
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> tuple[Decision, int | None]:
        """Store an opinion (scrubbed, pending moderation) unless this kiosk or client is at its limit."""
        return self.voice.add_opinion(
            project_id, reason, text, channel=channel, rule=rule, kiosk_id=kiosk_id, client=client, now=now
        )

    def report_opinion(
        self,
        opinion_id: int,
        *,
        threshold: int,
        rule: RateRule,
        channel: Literal["kiosk", "public"] = "kiosk",
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> Decision:
        """A visitor reports an opinion; at ``threshold`` reports it is hidden until staff look (audited)."""
        return self.voice.report_opinion(
            opinion_id, threshold=threshold, rule=rule, channel=channel, kiosk_id=kiosk_id, client=client, now=now
        )

    def moderate_opinion(
        self,
        opinion_id: int,
        status: Literal["approved", "hidden", "pending"],
        *,
        user: str,
        now: datetime | None = None,
    ) -> None:
        """Approve or hide an opinion (or put it back in the queue), with an audit row."""
        self.voice.moderate_opinion(opinion_id, status, user=user, now=now)

    def answer_opinion(self, opinion_id: int, answer: str, *, user: str, now: datetime | None = None) -> str:
        """Store the city's answer to an opinion, with an audit row; returns it as stored."""
        return self.voice.answer_opinion(opinion_id, answer, user=user, now=now)

    def purge_voice(self, older_than_days: int, *, user: str, now: datetime | None = None) -> tuple[int, int]:
        """Remove opinions and 필요해요 counts from before ``older_than_days`` days ago (audited)."""
        return self.voice.purge_voice(older_than_days, user=user, now=now)

    def opinions(
        self,
        *,
        statuses: Iterable[str] | None = None,
        project_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> pd.DataFrame:
        """Opinions, newest first (``geo.store.voice.OPINION_COLUMNS``), filtered by status, project and day."""
        return self.voice.opinions(statuses=statuses, project_id=project_id, since=since, until=until)

    def voice_counts(self, *, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Per project: ``needs`` (필요해요) and ``opinions`` (received and not hidden), projects with any."""
        return self.voice.voice_counts(since=since, until=until)

    # -- backups (embedded store only) --

    def backup(self, *, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:  # noqa: ARG002 (default; the GeoPackage store overrides it)
        """Copy the store to a dated backup and keep only the ``keep`` newest backups."""
        raise StoreError(self._no_backups())

    def list_backups(self) -> list[BackupInfo]:
        """The backups, newest first."""
        raise StoreError(self._no_backups())

    def restore(self, name: str, *, user: str, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:  # noqa: ARG002 (default; the GeoPackage store overrides it)
        """Replace the store's content with backup ``name``; returns the safety backup made first."""
        raise StoreError(self._no_backups())

    def _no_backups(self) -> Message:
        return message("postgres_no_backups", store=self.database.where())
