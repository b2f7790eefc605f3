"""The store interface: every query and write, in SQL both backends share.

Backends (``geopackage``, ``postgis``) differ only in their connection, column
types and geometry encoding; all logic is here.
"""

from __future__ import annotations

import math
import sqlite3
from abc import abstractmethod
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.i18n import t
from geo.i18n.problems import from_stored
from geo.io import STORAGE_CRS
from geo.logs import log_event
from geo.model.schema import SERVICES, STATUS_HISTORY, Column, DatasetSchema, services_schema
from geo.model.validation import TEXT_MAX_LENGTH, Message, Problem, ValidationReport, message, validate_frame
from geo.store.common import (
    _OWN_TABLES,
    BACKUP_KEEP,
    CHANGE_HISTORY_COLUMNS,
    LAYERS,
    TRACKED_FIELDS,
    BackupInfo,
    ConflictError,
    InvalidChangeError,
    LayerName,
    ServiceRecord,
    StoreError,
    WriteMode,
    WriteResult,
    _check_layer,
    _from_db,
    _history_text,
    _now,
    _parse_stamp,
    _plain,
    _stamp,
    _Tx,
    _wkb_hex,
    seed_signature,
)
from geo.store.creation import CreationMethods
from geo.store.reading import ReadingMethods
from geo.store.reference import ReferenceLayerMethods
from geo.store.signin import SignInMethods
from geo.store.voice import VoiceMethods


class Store(CreationMethods, ReadingMethods, ReferenceLayerMethods, SignInMethods, VoiceMethods):
    """The dashboard's data, read and written through transactions.

    Use ``open_store(settings)`` to get one. Backends differ only in their
    connection, column types and geometry encoding; all logic is here.
    """

    # -- creation --

    def is_initialised(self) -> bool:
        """True when the store's tables exist (``initialise`` has run)."""
        try:
            with self._reading() as tx:
                return self._table_exists(tx, "store_meta")
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
        with self._reading() as tx:
            row = tx.one("SELECT value FROM store_meta WHERE key = 'seed_signature'")
        return row is not None and row[0] != seed_signature(data_dir)

    def service_versions(self) -> dict[str, int]:
        """The current version of every service, by ``service_id``."""
        with self._reading() as tx:
            self._require(tx)
            return {sid: int(v) for sid, v in tx.query("SELECT service_id, version FROM services")}

    def service_record(self, service_id: str) -> ServiceRecord:
        """One service with its version and last editor.

        Raises
        ------
        StoreError
            No service has this id.
        """
        with self._reading() as tx:
            self._require(tx)
            return self._service_record(tx, service_id)

    def _service_record(self, tx: _Tx, service_id: str, lock: bool = False) -> ServiceRecord:
        names = SERVICES.column_names
        suffix = " FOR UPDATE" if lock and self.backend == "postgis" else ""
        row = tx.one(
            f"SELECT {', '.join(names)}, version, modified_by, modified_at FROM services WHERE service_id = ?{suffix}",
            (service_id,),
        )
        if row is None:
            raise StoreError(message("service_not_stored", id=service_id))
        values = {column.name: _from_db(row[i], column) for i, column in enumerate(SERVICES.columns)}
        n = len(names)
        return ServiceRecord(service_id, int(row[n]), values, row[n + 1], _parse_stamp(row[n + 2]))

    def change_history(self, service_id: str | None = None) -> pd.DataFrame:
        """Every recorded field change, oldest first.

        Columns: ``service_id``, ``field``, ``old_value``, ``new_value`` (text as
        stored), ``changed_at`` (text: ISO date for the seeded history, ISO
        timestamp with offset for edits and imports), ``changed_by``, ``reason``, ``reason_en`` (reported
        events only),
        ``is_sample``, ``source`` (``seed``, ``edit`` or ``import``).
        """
        sql = (
            "SELECT service_id, field, old_value, new_value, changed_at, changed_by, reason, reason_en, is_sample, "
            "source FROM change_history"
        )
        params: tuple[Any, ...] = ()
        if service_id is not None:
            sql += " WHERE service_id = ?"
            params = (service_id,)
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query(sql + " ORDER BY id", params)
        frame = pd.DataFrame(rows, columns=list(CHANGE_HISTORY_COLUMNS))
        frame["is_sample"] = frame["is_sample"].astype(bool)
        return frame

    def column_mapping(self, layer: LayerName) -> dict[str, str]:
        """The remembered column mapping of a layer: source column name → schema column."""
        _check_layer(layer)
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query(
                "SELECT source_column, target_column FROM column_mappings WHERE layer = ? ORDER BY source_column",
                (layer,),
            )
        return dict(rows)

    def audit_log(self, lang: str = "ko") -> pd.DataFrame:
        """Who initialised, imported into or restored the store, and when (columns at, user, action, detail).

        ``detail`` is worded in ``lang``; a row written before details were codes shows its text as it is.
        """
        with self._reading() as tx:
            self._require(tx)
            rows = tx.query("SELECT at, user_name, action, detail FROM audit_log ORDER BY id")
        worded = [(at, user, action, from_stored(detail).text(lang)) for at, user, action, detail in rows]
        return pd.DataFrame(worded, columns=["at", "user", "action", "detail"])

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of the store's own tables in a stable order (geometry as WKB hex), to compare states."""
        result: dict[str, list[tuple[Any, ...]]] = {}
        with self._reading() as tx:
            self._require(tx)
            for table in _OWN_TABLES:
                if not self._table_exists(tx, table):
                    continue
                if table in LAYERS or table == "reference_points":
                    names = ["fid", "layer_id", "properties"]
                    if table in LAYERS:
                        names = ["fid", *LAYERS[table].column_names]
                    if table == "services":
                        names += ["version", "modified_by", "modified_at"]
                    rows = tx.query(f"SELECT {', '.join(names)}, {self._geom_out('geom')} FROM {table} ORDER BY fid")
                    rows = [(*r[:-1], _wkb_hex(self._decode_geometry(r[-1]))) for r in rows]
                else:
                    rows = tx.query(f"SELECT * FROM {table} ORDER BY 1, 2")
                result[table] = [tuple(_plain(v) for v in r) for r in rows]
        return result

    # -- writing --

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
        """Change a service's status, years or budget, keeping each change in the history.

        Parameters
        ----------
        service_id : str
            The service to change.
        expected_version : int
            The ``version`` the editor read (``ServiceRecord.version``).
        changes : Mapping[str, Any]
            New values by field; only ``TRACKED_FIELDS`` (status, start_year,
            end_year, budget_krw_100m). Text such as ``"2027"`` is converted.
        user : str
            Who makes the change (shown in history and conflict messages).
        reason : str, optional
            Why; stored with each history row.
        now : datetime, optional
            When (default: now, Korea time); ``updated_at`` becomes its date.

        Returns
        -------
        ServiceRecord
            The service after the change (its version is one higher when anything changed).

        Raises
        ------
        ConflictError
            The service's version is no longer ``expected_version``.
        InvalidChangeError
            A value is not allowed (unknown status, start after end, negative budget ...).
        StoreError
            Unknown service or field, or no user given.
        """
        unknown = [name for name in changes if name not in TRACKED_FIELDS]
        if unknown:
            raise StoreError(message("fields_not_editable", fields=unknown, editable=list(TRACKED_FIELDS)))
        self._require_user(user)
        if reason and len(reason) > TEXT_MAX_LENGTH:
            raise StoreError(message("reason_too_long", length=len(reason), limit=TEXT_MAX_LENGTH))
        moment = _now(now)
        with self._transaction() as tx:
            self._require(tx)
            current = self._service_record(tx, service_id, lock=True)
            if current.version != expected_version:
                raise ConflictError(
                    service_id, expected_version, current.version, current.modified_by, current.modified_at
                )
            new_values = self._checked_values(current, changes)
            diffs = [
                (f, current.values[f], new_values[f])
                for f in TRACKED_FIELDS
                if f in changes and new_values[f] != current.values[f]
            ]
            if not diffs:
                return current
            assignments = ", ".join(f"{f} = ?" for f, _, _ in diffs)
            params = [self._sql_value(new, SERVICES.column(f)) for f, _, new in diffs]
            params += [
                self._sql_value(moment.date(), SERVICES.column("updated_at")),
                user,
                _stamp(moment),
                service_id,
                expected_version,
            ]
            count = tx.execute(
                f"UPDATE services SET {assignments}, updated_at = ?, version = version + 1, "
                "modified_by = ?, modified_at = ? WHERE service_id = ? AND version = ?",
                params,
            )
            if count != 1:
                # Another writer got in between the read and the update (only possible without row locks).
                latest = self._service_record(tx, service_id)
                raise ConflictError(
                    service_id, expected_version, latest.version, latest.modified_by, latest.modified_at
                )
            self._record_changes(
                tx,
                [(service_id, f, old, new) for f, old, new in diffs],
                user,
                reason,
                moment,
                "edit",
                bool(current.values.get("is_sample")),
            )
            self._touch(tx)
            updated = self._service_record(tx, service_id)
        log_event(  # after the commit
            "edit",
            user=user,
            service_id=service_id,
            version=updated.version,
            changes={f: [str(o), str(n)] for f, o, n in diffs},
        )
        return updated

    def _checked_values(self, current: ServiceRecord, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Validate the row with the changes applied, reporting only problems the changes caused."""
        row = {**current.values, **dict(changes)}
        geometry = shapely.Point(0, 0)  # validation only looks at the geometry's type and validity here
        frame = gpd.GeoDataFrame({k: [v] for k, v in row.items()}, geometry=[geometry], crs=STORAGE_CRS)
        schema = services_schema(self.read_layer("areas")["area_id"].dropna())
        typed, report = validate_frame(frame, schema, f"서비스 {current.service_id}")
        relevant = ValidationReport(
            [
                Problem(p.file, None, p.field, p.detail)
                for p in report.problems
                if p.field in changes or (p.field == "end_year" and {"start_year", "end_year"} & set(changes))
            ]
        )
        if not relevant.ok:
            raise InvalidChangeError(relevant)
        return {name: typed[name].iloc[0] for name in TRACKED_FIELDS}

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
        """Replace a layer with ``frame``, or append ``frame`` to it, in one transaction.

        ``frame`` must be typed and valid (``geo.importer.commit_import`` passes a
        checked preview; call that rather than this). In ``replace`` mode the
        layer's rows are swapped for the new ones; services whose tracked fields
        differ from the stored row get history rows (source ``import``) and a new
        version; unchanged services keep their version. ``append`` refuses ids
        that already exist. ``mapping`` is remembered for the layer.

        Raises
        ------
        StoreError
            Unknown layer or mode, or ``append`` with ids already in the store.
        """
        _check_layer(layer)
        if mode not in ("replace", "append"):
            raise StoreError(message("import_mode_unknown", mode=mode))
        schema = LAYERS[layer]
        moment = _now(now)
        with self._transaction() as tx:
            self._require(tx)
            existing = {r[0] for r in tx.query(f"SELECT {schema.id_column} FROM {layer}")}
            new_ids = list(frame[schema.id_column])
            if mode == "append":
                clashes = [i for i in new_ids if i in existing]
                if clashes:
                    shown: str | Message = ", ".join(clashes[:10])
                    if len(clashes) > 10:
                        shown = message("and_more", shown=shown, count=len(clashes) - 10)
                    count = len(clashes)
                    raise StoreError(
                        message("append_ids_stored", label=schema.label_ko, layer=layer, count=count, shown=shown)
                    )
            bookkeeping: dict[str, tuple[Any, ...]] = {}
            changes: list[tuple[str, str, Any, Any]] = []
            if layer == "services" and mode == "replace":
                stored = self._read_layer(tx, "services", extra=("version", "modified_by", "modified_at"))
                stored = stored.set_index("service_id", drop=False)
                for row in frame.itertuples(index=False):
                    sid = row.service_id
                    if sid not in stored.index:
                        continue
                    old = stored.loc[sid]
                    diffs = [(sid, f, old[f], getattr(row, f)) for f in TRACKED_FIELDS if old[f] != getattr(row, f)]
                    other_changed = any(old[c] != getattr(row, c) for c in SERVICES.column_names) or not (
                        old["geometry"].equals_exact(row.geometry, 0)
                    )
                    if diffs or other_changed:
                        bookkeeping[sid] = (int(old["version"]) + 1, user, _stamp(moment))
                    else:
                        bookkeeping[sid] = (int(old["version"]), old["modified_by"], old["modified_at"])
                    changes += diffs
            removed = 0
            if mode == "replace":
                removed = len(existing)
                tx.execute(f"DELETE FROM {layer}")
            self._insert_layer(tx, layer, frame, bookkeeping, user, moment)
            if changes:
                # The reason in both languages, as the reported events have it (history.import_reason).
                reason = {lang: t("history.import_reason", lang, file=source_name) for lang in ("ko", "en")}
                self._record_changes(tx, changes, user, reason["ko"], moment, "import", False, reason["en"])
            for source, target in (mapping or {}).items():
                tx.execute("DELETE FROM column_mappings WHERE layer = ? AND source_column = ?", (layer, source))
                tx.execute(
                    "INSERT INTO column_mappings (layer, source_column, target_column, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (layer, source, target, _stamp(moment), user),
                )
            layer_now = frame if mode == "replace" else self._read_layer(tx, layer)
            self._after_layer_write(tx, layer, layer_now)
            self._audit(
                tx,
                user,
                f"import:{layer}:{mode}",
                message(
                    f"audit_import_{mode}",
                    source=source_name,
                    label=schema.label_ko,
                    layer=layer,
                    count=len(frame),
                    removed=removed,
                ),
                moment,
            )
            self._touch(tx)
        log_event("import", user=user, layer=layer, mode=mode, rows=len(frame), removed=removed, source=source_name)
        return WriteResult(layer, mode, len(frame), removed, tuple(sorted({c[0] for c in changes})), len(changes))

    def _insert_layer(
        self,
        tx: _Tx,
        layer: str,
        frame: gpd.GeoDataFrame,
        bookkeeping: Mapping[str, tuple[Any, ...]],
        user: str,
        moment: datetime,
    ) -> None:
        """Insert ``frame``'s rows, column by column (one bulk statement, not one per row)."""
        schema = LAYERS[layer]
        names = list(schema.column_names)
        count = len(frame)
        columns = []
        for column in schema.columns:
            values = frame[column.name].tolist() if column.name in frame.columns else [None] * count
            if column.kind in ("int", "float"):
                values = _finite_or_missing(values, column, schema)
            columns.append(self._sql_values(values, column))
        if layer == "services":
            names += ["version", "modified_by", "modified_at"]
            default = (1, user, _stamp(moment))
            kept = [bookkeeping.get(sid, default) for sid in frame["service_id"].tolist()]
            columns += [list(values) for values in zip(*kept, strict=True)] if kept else [[], [], []]
        self._bulk_insert(tx, layer, names, columns, frame.geometry)

    def _record_changes(
        self,
        tx: _Tx,
        changes: Sequence[tuple[str, str, Any, Any]],
        user: str,
        reason: str | None,
        moment: datetime,
        source: str,
        is_sample: bool,
        reason_en: str | None = None,
    ) -> None:
        flag = self._sql_value(is_sample, STATUS_HISTORY.column("is_sample"))
        tx.executemany(
            "INSERT INTO change_history (service_id, field, old_value, new_value, changed_at, changed_by, reason, "
            "reason_en, is_sample, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (sid, f, _history_text(old), _history_text(new), _stamp(moment), user, reason, reason_en, flag, source)
                for sid, f, old, new in changes
            ],
        )

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
        return message("postgres_no_backups", store=self.describe())


def _finite_or_missing(values: list[Any], column: Column, schema: DatasetSchema) -> list[Any]:
    """A number column's values with pandas' missing value (NaN) as None; NaN or infinity elsewhere is refused."""
    odd = [i for i, v in enumerate(values) if isinstance(v, float) and not math.isfinite(v)]
    if not odd:
        return values
    values = list(values)
    for position in odd:
        value = values[position]
        if column.nullable and math.isnan(value):
            values[position] = None
            continue
        # Validation refuses these; this guard keeps them out of totals whatever the caller.
        where = {"label": schema.label_ko, "layer": schema.name, "row": position + 1, "column": column.name}
        raise StoreError(message("value_not_storable", value=value, **where))
    return values
