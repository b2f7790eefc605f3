"""The services and their history: edits with optimistic versions, layer writes, change history, column mappings.

``ServiceRepository`` takes the store's database (``geo.store.backend``); ``Store`` passes its methods on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.i18n import t
from geo.io import STORAGE_CRS
from geo.logs import log_event
from geo.model.schema import SERVICES, STATUS_HISTORY, WRITE_MODES, Column, DatasetSchema, WriteMode, services_schema
from geo.model.validation import (
    SERVICE_UNIT,
    TEXT_MAX_LENGTH,
    Message,
    Problem,
    ValidationReport,
    message,
    validate_frame,
)
from geo.store.backend import Backend, audit, require_user, touch
from geo.store.common import (
    CHANGE_HISTORY_COLUMNS,
    LAYERS,
    TRACKED_FIELDS,
    ConflictError,
    InvalidChangeError,
    LayerName,
    ServiceRecord,
    StoreError,
    Tx,
    WriteResult,
    check_layer,
    from_db,
    from_db_column,
    history_text,
    parse_stamp,
    stamp,
    store_now,
)


class ServiceRepository:
    """Services, their edits and imports, and the history of their tracked fields."""

    def __init__(self, database: Backend) -> None:
        self.database = database

    def service_versions(self) -> dict[str, int]:
        """The current version of every service, by ``service_id``."""
        with self.database.reading() as tx:
            self.database.require(tx)
            return {sid: int(v) for sid, v in tx.query("SELECT service_id, version FROM services")}

    def service_record(self, service_id: str) -> ServiceRecord:
        """One service with its version and last editor.

        Raises
        ------
        StoreError
            No service has this id.
        """
        with self.database.reading() as tx:
            self.database.require(tx)
            return self.record(tx, service_id)

    def record(self, tx: Tx, service_id: str, lock: bool = False) -> ServiceRecord:
        names = SERVICES.column_names
        suffix = " FOR UPDATE" if lock and self.database.name == "postgis" else ""
        row = tx.one(
            f"SELECT {', '.join(names)}, version, modified_by, modified_at FROM services WHERE service_id = ?{suffix}",
            (service_id,),
        )
        if row is None:
            raise StoreError(message("service_not_stored", id=service_id))
        values = {column.name: from_db(row[i], column) for i, column in enumerate(SERVICES.columns)}
        n = len(names)
        return ServiceRecord(service_id, int(row[n]), values, row[n + 1], parse_stamp(row[n + 2]))

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
        with self.database.reading() as tx:
            self.database.require(tx)
            rows = tx.query(sql + " ORDER BY id", params)
        frame = pd.DataFrame(rows, columns=list(CHANGE_HISTORY_COLUMNS))
        frame["is_sample"] = frame["is_sample"].astype(bool)
        return frame

    def column_mapping(self, layer: LayerName) -> dict[str, str]:
        """The remembered column mapping of a layer: source column name → schema column."""
        check_layer(layer)
        with self.database.reading() as tx:
            self.database.require(tx)
            rows = tx.query(
                "SELECT source_column, target_column FROM column_mappings WHERE layer = ? ORDER BY source_column",
                (layer,),
            )
        return dict(rows)

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
        require_user(user)
        if reason and len(reason) > TEXT_MAX_LENGTH:
            raise StoreError(message("reason_too_long", length=len(reason), limit=TEXT_MAX_LENGTH))
        moment = store_now(now)
        with self.database.transaction() as tx:
            self.database.require(tx)
            current = self.record(tx, service_id, lock=True)
            if current.version != expected_version:
                raise ConflictError(
                    service_id, expected_version, current.version, current.modified_by, current.modified_at
                )
            new_values = self._checked_values(tx, current, changes)
            diffs = [
                (f, current.values[f], new_values[f])
                for f in TRACKED_FIELDS
                if f in changes and new_values[f] != current.values[f]
            ]
            if not diffs:
                return current
            assignments = ", ".join(f"{f} = ?" for f, _, _ in diffs)
            params = [self.database.sql_value(new, SERVICES.column(f)) for f, _, new in diffs]
            params += [
                self.database.sql_value(moment.date(), SERVICES.column("updated_at")),
                user,
                stamp(moment),
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
                latest = self.record(tx, service_id)
                raise ConflictError(
                    service_id, expected_version, latest.version, latest.modified_by, latest.modified_at
                )
            self.record_changes(
                tx,
                [(service_id, f, old, new) for f, old, new in diffs],
                user,
                reason,
                moment,
                "edit",
                bool(current.values.get("is_sample")),
            )
            touch(tx)
            updated = self.record(tx, service_id)
        log_event(  # after the commit
            "edit",
            user=user,
            service_id=service_id,
            version=updated.version,
            changes={f: [str(o), str(n)] for f, o, n in diffs},
        )
        return updated

    def _checked_values(self, tx: Tx, current: ServiceRecord, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Validate the row with the changes applied, reporting only problems the changes caused."""
        row = {**current.values, **dict(changes)}
        geometry = shapely.Point(0, 0)  # validation only looks at the geometry's type and validity here
        frame = gpd.GeoDataFrame({k: [v] for k, v in row.items()}, geometry=[geometry], crs=STORAGE_CRS)
        schema = services_schema(read_layer_frame(self.database, tx, "areas")["area_id"].dropna())
        typed, report = validate_frame(frame, schema, current.service_id)
        relevant = ValidationReport(
            [
                Problem(p.file, None, p.field, p.detail, unit=SERVICE_UNIT)
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
        check_layer(layer)
        if mode not in WRITE_MODES:
            raise StoreError(message("import_mode_unknown", mode=mode))
        schema = LAYERS[layer]
        moment = store_now(now)
        with self.database.transaction() as tx:
            self.database.require(tx)
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
                stored = read_layer_frame(
                    self.database, tx, "services", extra=("version", "modified_by", "modified_at")
                )
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
                        bookkeeping[sid] = (int(old["version"]) + 1, user, stamp(moment))
                    else:
                        bookkeeping[sid] = (int(old["version"]), old["modified_by"], old["modified_at"])
                    changes += diffs
            removed = 0
            if mode == "replace":
                removed = len(existing)
                tx.execute(f"DELETE FROM {layer}")
            self.insert_layer(tx, layer, frame, bookkeeping, user, moment)
            if changes:
                # The reason in both languages, as the reported events have it (history.import_reason).
                reason = {lang: t("history.import_reason", lang, file=source_name) for lang in ("ko", "en")}
                self.record_changes(tx, changes, user, reason["ko"], moment, "import", False, reason["en"])
            for source, target in (mapping or {}).items():
                tx.execute("DELETE FROM column_mappings WHERE layer = ? AND source_column = ?", (layer, source))
                tx.execute(
                    "INSERT INTO column_mappings (layer, source_column, target_column, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (layer, source, target, stamp(moment), user),
                )
            layer_now = frame if mode == "replace" else read_layer_frame(self.database, tx, layer)
            self.database.after_layer_write(tx, layer, layer_now)
            audit(
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
            touch(tx)
        log_event("import", user=user, layer=layer, mode=mode, rows=len(frame), removed=removed, source=source_name)
        return WriteResult(layer, mode, len(frame), removed, tuple(sorted({c[0] for c in changes})), len(changes))

    def insert_layer(
        self,
        tx: Tx,
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
                values = finite_or_missing(values, column, schema)
            columns.append(self.database.sql_values(values, column))
        if layer == "services":
            names += ["version", "modified_by", "modified_at"]
            default = (1, user, stamp(moment))
            kept = [bookkeeping.get(sid, default) for sid in frame["service_id"].tolist()]
            columns += [list(values) for values in zip(*kept, strict=True)] if kept else [[], [], []]
        self.database.bulk_insert(tx, layer, names, columns, frame.geometry)

    def record_changes(
        self,
        tx: Tx,
        changes: Sequence[tuple[str, str, Any, Any]],
        user: str,
        reason: str | None,
        moment: datetime,
        source: str,
        is_sample: bool,
        reason_en: str | None = None,
    ) -> None:
        flag = self.database.sql_value(is_sample, STATUS_HISTORY.column("is_sample"))
        tx.executemany(
            "INSERT INTO change_history (service_id, field, old_value, new_value, changed_at, changed_by, reason, "
            "reason_en, is_sample, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (sid, f, history_text(old), history_text(new), stamp(moment), user, reason, reason_en, flag, source)
                for sid, f, old, new in changes
            ],
        )

    # -- backups (embedded store only) --


def finite_or_missing(values: list[Any], column: Column, schema: DatasetSchema) -> list[Any]:
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


def read_layer_frame(database: Backend, tx: Tx, layer: str, extra: Sequence[str] = ()) -> gpd.GeoDataFrame:
    """One layer's schema columns (and ``extra`` stored columns) and geometry (EPSG:4326), in stored order."""
    schema = LAYERS[layer]
    names = schema.column_names
    rows = tx.query(f"SELECT {', '.join([*names, *extra])}, {database.geom_out('geom')} FROM {layer} ORDER BY fid")
    cells = list(zip(*rows, strict=True)) if rows else [()] * (len(names) + len(extra) + 1)
    columns = {
        column.name: _object_series(from_db_column(list(cells[i]), column)) for i, column in enumerate(schema.columns)
    }
    for offset, name in enumerate(extra, start=len(names)):
        columns[name] = _object_series(list(cells[offset]))
    geometries = database.decode_geometries(list(cells[-1]))
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geometries, crs=STORAGE_CRS), crs=STORAGE_CRS)


def _object_series(values: list[object]) -> pd.Series:
    # Filling an empty object array is several times faster than pandas' own conversion of a list.
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return pd.Series(array, dtype=object, copy=False)
