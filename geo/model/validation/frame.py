"""``validate_frame``: a table checked column by column, then ids, row rules and geometry."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.i18n.problems import Message, message
from geo.model.schema import Column, DatasetSchema, FundingSplitError, parse_funding_split
from geo.model.validation.cells import Cells, RowError, short_value, typed_column
from geo.model.validation.geometry import geometry_errors
from geo.model.validation.report import ValidationReport


def validate_frame(
    frame: pd.DataFrame,
    schema: DatasetSchema,
    file: str,
    city_outline: BaseGeometry | None = None,
) -> tuple[pd.DataFrame, ValidationReport]:
    """Check ``frame`` against ``schema`` and return the typed frame and every problem.

    Rows are numbered from 1 in file order. ``city_outline`` (EPSG:4326) is
    required to check ``must_lie_in_city``; without it that check is skipped.
    Problems come column by column in schema order, then duplicate ids, row rules and geometry.
    """
    report = ValidationReport()
    missing = _missing_columns(frame, schema)
    for column in missing:
        detail = message("missing_column", column=column.name, label=column.label_ko)
        report.add(file, None, column.name, detail, schema.unit_ko)
    if missing:
        return frame, report
    typed = frame.copy()
    for column in schema.columns:
        if column.name not in typed.columns:
            typed[column.name] = False if column.kind == "bool" else None
            continue
        values, errors = typed_column(typed[column.name], column, schema)
        _add_all(report, file, column.name, errors, schema.unit_ko)
        typed[column.name] = pd.Series(values, index=typed.index, dtype=object)
    _add_all(report, file, schema.id_column, _duplicate_ids(typed, schema), schema.unit_ko)
    if "start_before_end" in schema.row_rules:
        _add_all(report, file, "end_year", _start_after_end(typed), schema.unit_ko)
    if "parent_in_data" in schema.row_rules:
        _add_all(report, file, "parent_id", _parents_not_in_data(typed, schema), schema.unit_ko)
    if "funding_split" in schema.row_rules:
        _add_all(report, file, "funding_split", _bad_funding_splits(typed), schema.unit_ko)
    if schema.geometry_types is not None:
        if not isinstance(typed, gpd.GeoDataFrame):
            report.add(file, None, "geometry", message("no_geometry_column"), schema.unit_ko)
        else:
            _add_all(report, file, "geometry", geometry_errors(typed.geometry, schema, city_outline), schema.unit_ko)
    return typed, report


def _add_all(report: ValidationReport, file: str, field_name: str | None, errors: list[RowError], unit: str) -> None:
    for position, detail in errors:
        report.add(file, position, field_name, detail, unit)


def _missing_columns(frame: pd.DataFrame, schema: DatasetSchema) -> list[Column]:
    return [c for c in schema.columns if c.required and c.name not in frame.columns]


def _duplicate_ids(typed: pd.DataFrame, schema: DatasetSchema) -> list[RowError]:
    if not schema.id_column:
        return []
    ids = typed[schema.id_column]
    repeated = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
    return [(int(p) + 1, message("duplicate_id", id=short_value(ids.iloc[p]))) for p in np.flatnonzero(repeated)]


def _start_after_end(typed: pd.DataFrame) -> list[RowError]:
    starts, ends = typed["start_year"].tolist(), typed["end_year"].tolist()
    both = Cells(starts).of_type(int) & Cells(ends).of_type(int)
    start_numbers = np.array([s if b else 0 for s, b in zip(starts, both, strict=True)], dtype=float)
    end_numbers = np.array([e if b else 0 for e, b in zip(ends, both, strict=True)], dtype=float)
    wrong = np.flatnonzero(both & (start_numbers > end_numbers))
    return [(int(p) + 1, message("end_before_start", end=ends[p], start=starts[p])) for p in wrong]


def _parents_not_in_data(typed: pd.DataFrame, schema: DatasetSchema) -> list[RowError]:
    """Rows whose ``parent_id`` names no service of the same data, or the row itself."""
    if "parent_id" not in typed or not schema.id_column:
        return []
    ids = typed[schema.id_column].tolist()
    known = {i for i in ids if isinstance(i, str)}
    errors: list[RowError] = []
    for position, (own, parent) in enumerate(zip(ids, typed["parent_id"].tolist(), strict=True), start=1):
        if not isinstance(parent, str):
            continue
        if parent == own:
            errors.append((position, message("parent_is_self", parent=short_value(parent))))
        elif parent not in known:
            errors.append((position, message("parent_unknown", parent=short_value(parent))))
    return errors


def _bad_funding_splits(typed: pd.DataFrame) -> list[RowError]:
    """Rows whose ``funding_split`` is not a JSON object of funding sources and amounts (geo.model.schema)."""
    if "funding_split" not in typed:
        return []
    errors: list[RowError] = []
    for position, text in enumerate(typed["funding_split"].tolist(), start=1):
        if not isinstance(text, str):
            continue
        try:
            parse_funding_split(text)
        except FundingSplitError as problem:
            errors.append((position, Message(problem.code, problem.params)))
    return errors
