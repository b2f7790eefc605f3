"""Creating a store from the data folder's text files, and adding to a store what later versions need."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import cast

from geo.loaders import PLAN_FILE, DashboardData, load_dashboard_data
from geo.model.schema import STATUS_HISTORY, Column
from geo.model.validation import message
from geo.store.backend import Backend, audit, touch
from geo.store.common import (
    ADDED_TABLES,
    HISTORY_ADDED_COLUMNS,
    LAYERS,
    SEED_USER,
    STORE_SCHEMA_VERSION,
    StoreError,
    Tx,
    data_folder_label,
    seed_signature,
    stamp,
    store_now,
)
from geo.store.reference import ReferenceRepository
from geo.store.services import ServiceRepository
from geo.store.signin import SignInRepository
from geo.store.voice import VoiceRepository


class StoreBuilder:
    """A store's tables and first content, and what an older store lacks, made with the store's parts."""

    def __init__(
        self,
        database: Backend,
        services: ServiceRepository,
        references: ReferenceRepository,
        sign_in: SignInRepository,
        voice: VoiceRepository,
    ) -> None:
        self.database = database
        self.services = services
        self.references = references
        self.sign_in = sign_in
        self.voice = voice

    def ddl(self) -> list[str]:
        statements = [
            "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE documents (key TEXT PRIMARY KEY, content TEXT NOT NULL)",
        ]
        for layer, schema in LAYERS.items():
            columns = [f"fid {self.database.id_column_sql}"]
            for column in schema.columns:
                not_null = "" if column.nullable else " NOT NULL"
                unique = " UNIQUE" if column.name == schema.id_column else ""
                columns.append(f"{column.name} {self.database.types[column.kind]}{not_null}{unique}")
            if layer == "services":
                columns += ["version INTEGER NOT NULL DEFAULT 1", "modified_by TEXT", "modified_at TEXT"]
            columns.append(f"geom {self.database.geometry_sql}")
            statements.append(f"CREATE TABLE {layer} ({', '.join(columns)})")
        statements += [
            f"CREATE TABLE change_history (id {self.database.id_column_sql}, service_id TEXT NOT NULL, "
            "field TEXT NOT NULL, old_value TEXT, new_value TEXT, changed_at TEXT NOT NULL, "
            f"changed_by TEXT NOT NULL, reason TEXT, reason_en TEXT, is_sample BOOLEAN NOT NULL DEFAULT {self.database.false}, "
            "source TEXT NOT NULL)",
            "CREATE INDEX change_history_service ON change_history (service_id, changed_at)",
            "CREATE TABLE column_mappings (layer TEXT NOT NULL, source_column TEXT NOT NULL, "
            "target_column TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, "
            "PRIMARY KEY (layer, source_column))",
            f"CREATE TABLE audit_log (id {self.database.id_column_sql}, at TEXT NOT NULL, user_name TEXT NOT NULL, "
            "action TEXT NOT NULL, detail TEXT)",
        ]
        return statements

    def create(self, tx: Tx, data_dir: Path, now: datetime | None) -> tuple[str, DashboardData]:
        """The tables and their first content; returns the new revision and the data it was made from."""
        data = load_dashboard_data(data_dir)
        moment = store_now(now)
        revision = uuid.uuid4().hex
        for statement in self.ddl():
            tx.execute(statement)
        self.database.after_create(tx)
        tx.executemany(
            "INSERT INTO store_meta (key, value) VALUES (?, ?)",
            [
                ("schema_version", STORE_SCHEMA_VERSION),
                ("created_at", stamp(moment)),
                ("created_from", str(data_dir)),
                ("seed_signature", seed_signature(data_dir)),
                ("revision", revision),
            ],
        )
        tx.execute(
            "INSERT INTO documents (key, content) VALUES (?, ?)",
            ("plan", (data_dir / PLAN_FILE).read_text(encoding="utf-8")),
        )
        for layer in ("boundaries", "areas", "services"):
            frame = getattr(data, layer)
            self.services.insert_layer(tx, layer, frame, {}, SEED_USER, moment)
            self.database.after_layer_write(tx, layer, frame)
        history = data.status_history
        tx.executemany(
            "INSERT INTO change_history (service_id, field, old_value, new_value, changed_at, changed_by, "
            "reason, reason_en, is_sample, source) VALUES (?, 'status', ?, ?, ?, ?, ?, ?, ?, 'seed')",
            [
                (
                    r.service_id,
                    r.old_status,
                    r.new_status,
                    cast(date, r.changed_at).isoformat(),
                    r.changed_by,
                    r.reason,
                    r.reason_en,
                    self.database.sql_value(bool(r.is_sample), STATUS_HISTORY.column("is_sample")),
                )
                for r in history.itertuples(index=False)
            ],
        )
        self.references.create_tables(tx, data_dir, moment)
        self.sign_in.create_tables(tx)
        self.voice.create_tables(tx)  # citizens' voice
        audit(tx, SEED_USER, "initialise", message("audit_created", folder=data_folder_label(data_dir)), moment)
        # Kept for the first read_data: at 100,000 services, reading back what was just written cost ~1.7 s
        # of a cold start. Handed over only while the store still has this revision (nothing written since,
        # and this build is the one that won).
        return revision, data

    def needs_upgrade(self) -> bool:
        with self.database.reading() as tx:
            if not self.database.table_exists(tx, "store_meta"):
                return False
            if not all(self.database.table_exists(tx, table) for table in ADDED_TABLES):
                return True
            return any(self._missing_columns(tx, layer) for layer in LAYERS) or bool(self._missing_history_columns(tx))

    def _missing_columns(self, tx: Tx, layer: str) -> list[Column]:
        """The schema's columns a layer table made by an earlier version lacks (in schema order)."""
        present = self.database.table_columns(tx, layer)
        return [column for column in LAYERS[layer].columns if column.name not in present]

    def _missing_history_columns(self, tx: Tx) -> list[str]:
        """Nullable columns of change_history added after its first version (text, NULL for older rows)."""
        present = self.database.table_columns(tx, "change_history")
        return [name for name in HISTORY_ADDED_COLUMNS if name not in present]

    def _add_missing_columns(self, tx: Tx) -> list[str]:
        """Add the schema's newer columns to the layer tables; existing rows get NULL (nothing reported)."""
        added = []
        for layer in LAYERS:
            for column in self._missing_columns(tx, layer):
                if not column.nullable:
                    raise StoreError(
                        message("store_required_column_missing", layer=layer, column=column.name, label=column.label_ko)
                    )
                tx.execute(f"ALTER TABLE {layer} ADD COLUMN {column.name} {self.database.types[column.kind]}")
                added.append(f"{layer}.{column.name}")
        for name in self._missing_history_columns(tx):
            tx.execute(f"ALTER TABLE change_history ADD COLUMN {name} {self.database.types['text']}")
            added.append(f"change_history.{name}")
        return added

    def upgrade(self, tx: Tx, data_dir: Path, now: datetime | None) -> None:
        """Add what a store made by an earlier version lacks: reference layers (seeded from the data folder)
        and the sign-in attempts."""
        moment = store_now(now)
        added = []
        if not self.database.table_exists(tx, "reference_layers"):
            self.references.create_tables(tx, data_dir, moment)
            added.append(message("audit_added_reference"))
            touch(tx)
        if not self.database.table_exists(tx, "sign_in_attempts"):
            self.sign_in.create_tables(tx)
            added.append(message("audit_added_sign_in"))
        if not self.database.table_exists(tx, "voice_opinions"):  # citizens' voice
            self.voice.create_tables(tx)
            added.append(message("audit_added_voice"))
        columns = self._add_missing_columns(tx)
        if columns:
            added.append(message("audit_added_columns", columns=columns))
            touch(tx)
        if added:
            audit(
                tx,
                SEED_USER,
                "upgrade",
                message("audit_upgraded", added=added, folder=data_folder_label(data_dir)),
                moment,
            )
