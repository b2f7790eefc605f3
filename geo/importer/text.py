"""Text checks on a file as read, before its columns are mapped: control characters and the column limit.

A control character (NUL, BEL, ESC ...) in a cell or a column name is invisible
on screen, breaks spreadsheet exports (an XLSX cell cannot hold one) and can
move a terminal's cursor in a log. A cell holding one refuses the file, with the
row and the column, so the store stays as it was; tab, line feed and carriage
return are ordinary text in a cell (a description on several lines). In a column
name they come from a header cell Excel wrapped (Alt+Enter) and are read as one
space; any other control character there refuses the file.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.i18n.problems import Message, message
from geo.importer.safety import refusal
from geo.model.validation import (
    CELL_CONTROL,
    CONTROL_CHARACTERS,
    MAX_LISTED,
    ValidationReport,
    control_characters,
    visible,
)

_HEADER_BREAKS = re.compile("[\t\n\r]+")


def checked_text(
    frame: pd.DataFrame, name: str, *, unit: str, max_columns: int
) -> tuple[pd.DataFrame, list[Message]] | ValidationReport:
    """``frame`` with wrapped column names made one line (and a note), or the report that refuses the file.

    Rows in the report are record positions from 1 (``on_sheet_rows`` turns a table's into sheet rows).
    """
    geometry = _geometry_name(frame)
    columns = [c for c in frame.columns if c is not geometry and c != geometry]
    if len(columns) > max_columns:
        return refusal(name, message("too_many_columns", count=len(columns), limit=max_columns), unit)
    report = ValidationReport()
    renamed: dict[str, str] = {}
    for column in columns:
        if not isinstance(column, str):
            continue
        if CELL_CONTROL.search(column):
            detail = message("column_name_control", detail=control_characters(column))
            report.add(name, None, visible(column), detail, unit)
        elif _HEADER_BREAKS.search(column):
            renamed[column] = _HEADER_BREAKS.sub(" ", column).strip()
    for column in columns:
        values = frame[column]
        if values.dtype.kind in "biufcmM":
            continue  # numbers and dates hold no text
        texts = values.map(lambda v: v if isinstance(v, str) else None).astype("string")
        hits = texts.str.contains(CONTROL_CHARACTERS, regex=True, na=False).to_numpy()
        for position in hits.nonzero()[0][:MAX_LISTED]:
            found = control_characters(str(texts.iloc[position]))
            report.add(name, int(position) + 1, visible(str(column)), found, unit)
    if not report.ok:
        return report
    if not renamed:
        return frame, []
    notes = [message("note_header_joined", old=visible(old), new=new) for old, new in renamed.items()]
    return frame.rename(columns=renamed), notes


def _geometry_name(frame: pd.DataFrame) -> object:
    geometry = getattr(frame, "_geometry_column_name", None)
    return geometry if geometry in frame.columns else object()
