"""The preview: a pipeline of small named steps from a file to what an import would write.

Each step returns its result or a ``ValidationReport`` saying why the file
stops there; ``preview_import`` runs them in order and records what each found
(CRS, encoding, mapping, notes) in the ``ImportPreview``. Nothing is written
until ``commit_import``, which refuses a preview with problems.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.clock import city_today
from geo.i18n import LANGUAGES, t
from geo.i18n.problems import NONE, ProblemError
from geo.importer.boundaries import FROM_NAME, complete_boundaries, derive_upper_levels, fill_provenance
from geo.importer.mapping import (
    GIVEN,
    REMEMBERED,
    apply_mapping,
    map_arguments,
    recognise_columns,
    titled_table,
    vocabulary_ids,
    year_column,
)
from geo.importer.readers import (
    Read,
    is_table,
    on_sheet_rows,
    points_from_table,
    read_vector_file,
)
from geo.importer.result import ImportPreview, ImportRejectedError
from geo.importer.safety import (
    UploadLimits,
    checked_file,
    refusal,
    safe_upload_name,
    too_large,
    too_many_vertices,
)
from geo.importer.text import checked_text
from geo.io import STORAGE_CRS, encoding_code
from geo.loaders import area_consistency_report
from geo.model.schema import WRITE_MODES, DatasetSchema, WriteMode, services_schema
from geo.model.validation import Message, ValidationReport, message, validate_frame
from geo.spatial import city_outline as outline_of
from geo.spatial import orphaned_services_report
from geo.store import LAYERS, Store, StoreError, WriteResult

T = TypeVar("T")


class _Stop(Exception):
    """A step refused the file; the pipeline ends with these problems."""

    def __init__(self, report: ValidationReport):
        self.report = report


def _need(result: T | ValidationReport) -> T:
    """A step's result, or the end of the pipeline with the step's report."""
    if isinstance(result, ValidationReport):
        raise _Stop(result)
    return result


def _check(refused: ValidationReport | None) -> None:
    """Go on, or end the pipeline with a check's problems."""
    if refused is not None and not refused.ok:
        raise _Stop(refused)


@dataclass(frozen=True)
class _Request:
    """What the caller asked for, fixed for the whole pipeline."""

    layer: str
    name: str
    limits: UploadLimits
    mapping: dict[str, str]  # given by the caller
    remembered: dict[str, str]  # from the store's last import of this layer
    crs: str | None
    encoding: str | None
    today: date
    repair: bool
    store: Store | None  # only when initialised; read, never written
    city_outline: BaseGeometry | None
    area_ids: tuple[str, ...] = ()  # the store's areas, read once

    @property
    def schema(self) -> DatasetSchema:
        # Services may name any area of the store's areas layer (a sixth one too), not only the plan's.
        return services_schema(self.area_ids) if self.layer == "services" else LAYERS[self.layer]


# --- the steps, in order -----------------------------------------------------------------------------------


def _mapped(frame: pd.DataFrame, request: _Request) -> tuple[pd.DataFrame, dict[str, str], dict[str, str]]:
    """``frame`` with the given, remembered and recognised column mapping applied; the mapping and how each came."""
    given = {**request.remembered, **request.mapping}
    proposed = recognise_columns(frame, request.layer, {s: t for s, t in given.items() if s in frame.columns})
    mapping = {**{s: t for s, (t, _) in proposed.items()}, **given}
    frame, applied, problems = apply_mapping(frame, mapping, request.layer, request.name)
    _check(problems)
    how = {
        s: GIVEN if s in request.mapping else REMEMBERED if s in request.remembered else proposed[s][1] for s in applied
    }
    return frame, applied, how


def _read(readable: Path, request: _Request) -> Read | ValidationReport:
    """The file as features in EPSG:4326, after the column mapping; a table's rows without a point are noted."""
    if is_table(readable):
        table = titled_table(readable, request.name, request.layer, request.encoding)
        if isinstance(table, ValidationReport):
            return table
        checked = checked_text(table.frame, request.name, unit="행", max_columns=request.limits.max_columns)
        if isinstance(checked, ValidationReport):
            return on_sheet_rows(checked, table.first_row)
        text, text_notes = checked
        columns = [str(c) for c in text.columns]
        frame, applied, how = _mapped(text, request)
        read = points_from_table(frame, request.name, request.crs)
        if isinstance(read, ValidationReport):
            return read
        read.encoding, read.first_row = table.encoding, table.first_row
        if table.title_note:
            read.notes.insert(0, table.title_note)
    else:
        read = read_vector_file(readable, request.name, request.repair, request.encoding, request.crs)
        if isinstance(read, ValidationReport):
            return read
        checked = checked_text(read.frame, request.name, unit=read.unit, max_columns=request.limits.max_columns)
        if isinstance(checked, ValidationReport):
            return checked
        text, text_notes = checked
        columns = [str(c) for c in text.columns if c != read.frame.geometry.name]
        read.frame, applied, how = _mapped(text, request)
    read.notes.extend(text_notes)
    read.mapping, read.mapping_how, read.columns = applied, how, columns
    return read


def _in_lonlat_range(read: Read, name: str) -> ValidationReport | None:
    """Coordinates outside longitude/latitude: a projected file declared (or defaulted) as WGS 84."""
    geometry = read.frame.geometry.dropna()
    geometry = geometry[~geometry.is_empty]  # an empty geometry has no coordinates to judge (validation names it)
    if geometry.empty:
        return None
    minx, miny, maxx, maxy = (float(v) for v in geometry.total_bounds)
    if minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90:
        return None
    return refusal(
        name,
        message("declared_lonlat_but_projected", minx=minx, maxx=maxx, miny=miny, maxy=maxy, crs=read.source_crs),
    )


def _not_empty(frame: gpd.GeoDataFrame, request: _Request) -> ValidationReport | None:
    if len(frame):
        return None
    schema = request.schema
    return refusal(request.name, message("no_records", label=schema.label_ko, unit=schema.unit_ko, layer=schema.name))


def _outline(request: _Request, notes: list[Message]) -> BaseGeometry | None:
    """The city outline services and areas must touch: the caller's, else the store's boundaries."""
    outline = request.city_outline
    if outline is None and request.store is not None and request.schema.must_lie_in_city:
        outline = outline_of(request.store.read_layer("boundaries"))
    if request.schema.must_lie_in_city and outline is None:
        notes.append(message("note_city_not_checked"))
    return outline


def _first_year(values: pd.Series) -> str | None:
    """The year of the first filled cell (a blank first record is no year: not 'None', 'NaT' or 'nan')."""
    for value in values:
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            continue
        text = str(value).strip()
        if text:
            return text[:4]
    return None


def _completed(
    frame: gpd.GeoDataFrame, request: _Request
) -> tuple[gpd.GeoDataFrame, dict[str, Message], list[Message]]:
    """What real files never carry, filled in: boundary levels, ids, gu, source and accuracy; area source/accuracy;
    a service's source."""
    year_source = year_column(frame)
    year = _first_year(frame[year_source]) if year_source else None
    dated = [message("note_year_in_source", column=year_source, year=year)] if year else []
    if request.layer == "boundaries":
        frame, defaults, notes = complete_boundaries(frame, request.name, request.today, year)
    else:
        # Services too: a record without a source would show no provenance on screen.
        frame = frame.copy()
        accuracy = request.layer == "areas"
        english = "source_en" in LAYERS[request.layer].column_names
        defaults = fill_provenance(frame, request.name, request.today, year, accuracy=accuracy, english=english)
        notes = []
    return frame, defaults, notes + (dated if "source" in defaults else [])


def _missing_required(
    frame: gpd.GeoDataFrame, request: _Request, mapping: dict[str, str], unit: str
) -> ValidationReport | None:
    """All required columns still missing after mapping and defaults, in one message with the ``--map`` line."""
    missing = [c for c in request.schema.columns if c.required and c.name not in frame.columns]
    if request.layer == "boundaries" and "name_ko" not in frame.columns:
        missing = [c for c in missing if c.name not in FROM_NAME]
    if not missing:
        return None
    named = [{"ko": f"'{c.name}'({c.label_ko})", "en": f"'{c.name}'"} for c in missing]
    unused = [str(c) for c in frame.columns if c != frame.geometry.name and c not in request.schema.column_names]
    given = map_arguments(mapping)
    line = {
        lang: " ".join(
            filter(None, [given, *(f"--map {t('import.column_placeholder', lang)}={c.name}" for c in missing)])
        )
        for lang in LANGUAGES
    }
    detail = message("missing_required", count=len(missing), named=named, line=line, unused=unused or NONE)
    return refusal(request.name, detail, unit)


def _validated(
    frame: gpd.GeoDataFrame, request: _Request, unit: str, notes: list[Message]
) -> gpd.GeoDataFrame | ValidationReport:
    """The schema's typed columns and geometry, or every problem by feature/row and field."""
    schema = request.schema
    typed, report = validate_frame(frame, schema, request.name, _outline(request, notes))
    if unit != "피처":
        report = ValidationReport([replace(p, unit=unit) for p in report.problems])
    if not report.ok:
        return report
    return gpd.GeoDataFrame(
        {c: typed[c] for c in schema.column_names}, geometry=typed.geometry.values, crs=STORAGE_CRS
    ).reset_index(drop=True)


def _dropped_columns_note(frame: gpd.GeoDataFrame, schema: DatasetSchema) -> list[Message]:
    extra = [str(c) for c in frame.columns if c not in schema.column_names and c != frame.geometry.name]
    return [message("note_columns_dropped", count=len(extra), columns=extra)] if extra else []


def _areas_consistent(frame: gpd.GeoDataFrame, request: _Request, unit: str) -> ValidationReport | None:
    """Same cross-check as the loader: a service said to be in an area must lie in (or touch) it."""
    if request.layer != "services" or request.store is None:
        return None
    return area_consistency_report(frame, request.store.read_layer("areas"), request.name, unit)


def _services_kept_in_city(frame: gpd.GeoDataFrame, request: _Request) -> ValidationReport | None:
    """A boundaries replacement must not leave stored services outside the city (later imports would refuse them)."""
    if request.layer != "boundaries" or request.store is None:
        return None
    return orphaned_services_report(frame, request.store.read_layer("services"), request.name)


def _ids_in_store(frame: gpd.GeoDataFrame, request: _Request) -> tuple[list[str], int]:
    """The file's ids already stored, and how many rows the layer holds now."""
    if request.store is None:
        return [], 0
    id_column = request.schema.id_column
    stored = request.store.read_layer(request.layer)  # type: ignore[arg-type]
    existing = set(stored[id_column])
    return [i for i in frame[id_column] if i in existing], len(stored)


def _derived(frame: gpd.GeoDataFrame, request: _Request) -> tuple[gpd.GeoDataFrame | None, list[Message]]:
    if request.layer != "boundaries":
        return None, []
    derived = derive_upper_levels(frame)
    if derived is None:
        return None, []
    return derived, [message("note_boundaries_derived", dongs=len(frame), count=len(derived))]


def _run(path: Path, request: _Request, preview: ImportPreview) -> None:
    """The steps in order; each records what it found in ``preview``. Raises ``_Stop`` at a refusal."""
    with tempfile.TemporaryDirectory(prefix="dashboard-import-") as workdir:
        readable = _need(checked_file(path, request.name, request.limits, Path(workdir)))
        read = _need(_read(readable, request))
    preview.source_crs, preview.encoding, preview.crs_guessed = read.source_crs, read.encoding, read.crs_guessed
    preview.mapping, preview.mapping_how, preview.coordinates = read.mapping, read.mapping_how, read.coordinates
    preview.columns, preview.first_row = read.columns, read.first_row
    preview.notes.extend(read.notes)
    preview.feature_count = len(read.frame)
    _check(read.row_problems)
    _check(too_many_vertices(read.frame.geometry, request.name, request.limits, read.unit))
    _check(_in_lonlat_range(read, request.name))
    _check(_not_empty(read.frame, request))
    frame, preview.defaults, notes = _completed(read.frame, request)
    preview.notes.extend(notes)
    frame, notes = vocabulary_ids(frame, request.schema)
    preview.notes.extend(notes)
    _check(_missing_required(frame, request, read.mapping, read.unit))
    preview.notes.extend(_dropped_columns_note(frame, request.schema))
    typed = _need(_validated(frame, request, read.unit, preview.notes))
    _check(_areas_consistent(typed, request, read.unit))
    _check(_services_kept_in_city(typed, request))
    preview.frame = typed
    preview.bounds = tuple(float(v) for v in typed.total_bounds)  # type: ignore[assignment]
    preview.ids_in_store, preview.stored_count = _ids_in_store(typed, request)
    preview.derived, notes = _derived(typed, request)
    preview.notes.extend(notes)


def preview_import(
    path: Path,
    layer: str,
    *,
    store: Store | None = None,
    city_outline: BaseGeometry | None = None,
    mapping: Mapping[str, str] | None = None,
    crs: str | None = None,
    limits: UploadLimits | None = None,
    display_name: str | None = None,
    repair: bool | None = None,
    encoding: str | None = None,
    today: date | None = None,
    lang: str = "ko",
) -> ImportPreview:
    """Check, read, map and validate a file for ``layer``; write nothing.

    Parameters
    ----------
    path : Path
        GeoJSON, GeoPackage, zipped Shapefile (or a ``.shp`` beside its sidecars), CSV or XLSX.
    layer : str
        ``services``, ``areas`` or ``boundaries``.
    store : Store, optional
        Supplies the remembered column mapping, the city outline (from its
        boundaries) and the ids already stored. Only read, never written.
    city_outline : shapely geometry, optional
        EPSG:4326 outline that services and areas must touch; overrides the store's.
        Without both, that check is skipped (and a note says so).
    mapping : Mapping[str, str], optional
        Source column → schema column, over the store's remembered mapping.
    crs : str, optional
        The file's CRS, e.g. ``"EPSG:5186"``, over its ``.prj`` (or the guess from
        the coordinate ranges when it has none; x/y columns of CSV/XLSX too).
    limits : UploadLimits, optional
        Size, feature and archive limits.
    display_name : str, optional
        The name used in messages (an upload's original file name).
    repair : bool, optional
        Repair invalid geometry with a note (default: True for boundaries and
        areas, False for services, whose invalid geometry is reported).
    encoding : str, optional
        ``utf-8`` or ``cp949`` (or ``EUC-KR``) for a Shapefile's DBF or a CSV, over the detected one.
    today : date, optional
        The import date written in a default ``source`` (default: today).
    lang : {'ko', 'en'}
        The reader's language: the preview's summary and problem lines are worded in it
        (each problem keeps its code, so ``Problem.text(lang)`` can word it in the other too).

    Returns
    -------
    ImportPreview
        ``ok`` only when there is no problem; nothing in the store has changed.

    Raises
    ------
    ValueError
        Unknown ``layer``.
    """
    if layer not in LAYERS:
        raise ProblemError(message("layer_unknown", layer=layer, allowed=list(LAYERS)))
    path = Path(path)
    stored = store if store is not None and store.is_initialised() else None
    request = _Request(
        layer=layer,
        name=display_name or path.name,
        limits=limits or UploadLimits(),
        mapping=dict(mapping or {}),
        remembered=stored.column_mapping(layer) if stored else {},  # type: ignore[arg-type]
        crs=crs,
        encoding=encoding_code(encoding),
        today=today or city_today(),
        repair=layer != "services" if repair is None else repair,
        store=stored,
        city_outline=city_outline,
        area_ids=tuple(stored.read_layer("areas")["area_id"].dropna()) if stored and layer == "services" else (),
    )
    preview = ImportPreview(layer=layer, file_name=request.name, lang=lang)
    try:
        _run(path, request, preview)
    except _Stop as stop:
        preview.report.extend(stop.report)
    preview.report = on_sheet_rows(preview.report, preview.first_row)
    return preview


def preview_upload(data: bytes, file_name: str, layer: str, **options: object) -> ImportPreview:
    """``preview_import`` for bytes (e.g. Streamlit's ``UploadedFile.getvalue()``).

    The size limit is checked before anything is written to a temporary file.
    ``options`` are those of ``preview_import``.
    """
    limits = options.get("limits") or UploadLimits()
    assert isinstance(limits, UploadLimits)
    refused = too_large(file_name, len(data), limits)
    if refused is not None:
        preview = ImportPreview(layer=layer, file_name=file_name, lang=str(options.get("lang", "ko")))
        preview.report.extend(refused)
        return preview
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        target = Path(folder) / safe_upload_name(file_name)
        target.write_bytes(data)
        return preview_import(target, layer, display_name=file_name, **options)  # type: ignore[arg-type]


def commit_import(
    store: Store,
    preview: ImportPreview,
    *,
    mode: WriteMode = "replace",
    user: str,
    now: datetime | None = None,
) -> WriteResult:
    """Write a checked preview to the store in one transaction and remember its column mapping.

    Parameters
    ----------
    store : Store
        The store to write.
    preview : ImportPreview
        From ``preview_import``; must be ``ok``.
    mode : {'replace', 'append'}
        ``replace`` swaps the whole layer (with ``preview.derived`` rows);
        ``append`` adds the features and refuses ids already stored.
    user : str
        Who imports (history and audit log).

    Raises
    ------
    ImportRejectedError
        The preview has problems; nothing was written.
    StoreError
        Unknown mode, or ``append`` with ids already stored; nothing was written.
    """
    if not preview.ok or preview.frame is None:
        raise ImportRejectedError(preview)
    if mode not in WRITE_MODES:
        raise StoreError(message("import_mode_unknown", mode=mode))
    frame = preview.frame
    if mode == "replace" and preview.derived is not None:
        frame = pd.concat([frame, preview.derived], ignore_index=True)
    return store.write_layer(
        preview.layer,  # type: ignore[arg-type]
        frame,
        mode=mode,
        user=user,
        source_name=preview.file_name,
        mapping=preview.mapping,
        now=now,
    )
