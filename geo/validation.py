"""Check a table against its schema and report every problem, in Korean, by file, row and field.

``validate_frame`` never raises on bad data: it returns the typed frame and a
``ValidationReport``. Callers store or show the data only when the report is ok.
It knows the city: boundaries and areas must lie in or near Ansan, numbers must
be finite, text has a length limit per column. A report lists at most the first
``MAX_LISTED`` problems, with counts by field for the rest.
"""

from __future__ import annotations

import json
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow
import pyarrow.compute as pc
import shapely
from shapely.geometry.base import BaseGeometry

from geo.schema import Column, DatasetSchema, parse_funding_split

# For a text file that is not UTF-8 (Korean Windows tools save CP949/EUC-KR by default).
NOT_UTF8 = (
    "문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다). "
    "편집기에서 인코딩을 'UTF-8'로 골라 다시 저장한 뒤 다시 시도하세요"
)
# Ansan with its islands (lon 126.38-126.94, lat 37.08-37.38) and a margin of about 2 km.
ANSAN_BOUNDS = (126.38, 37.08, 126.94, 37.38)
BOUNDS_MARGIN = 0.02
# Datasets whose every geometry must lie in or near Ansan (a file in the wrong CRS would replace the city).
CITY_BOUND_DATASETS = ("boundaries", "areas")
# Problems listed one by one in messages and tables; the rest are counted by field.
MAX_LISTED = 200
# Text length limits, when a column does not set ``max_length``.
ID_MAX_LENGTH = 64
NAME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 2000
# Control characters a text cell may not hold: C0 and DEL, without tab, line feed and carriage return.
# Invisible on screen, they break spreadsheet exports (an XLSX cell cannot hold one).
CONTROL_CHARACTERS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"
CELL_CONTROL = re.compile(CONTROL_CHARACTERS)
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL", 0x0C: "FF", 0x0B: "VT"}


def control_name(character: str) -> str:
    """``ESC(0x1B)``: how a message names an invisible character."""
    code = ord(character)
    name = _NAMES.get(code) or unicodedata.name(character, "") or "제어 문자"
    return f"{name}(0x{code:02X})"


def visible(text: str, limit: int = 40) -> str:
    """``text`` with each control character written out (``\\x1b``), cut to ``limit`` characters."""
    shown = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in text)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def control_character_message(text: str) -> str:
    """What a message says about a text holding control characters: which ones, and the text made visible."""
    found = sorted({control_name(c) for c in CELL_CONTROL.findall(text)})
    return (
        f"보이지 않는 제어 문자 {', '.join(found)}가 들어 있습니다 ('{visible(text)}'). "
        "원본 파일에서 이 칸의 값을 다시 입력하거나 지운 뒤 다시 올리세요"
    )


TRUE_WORDS = {"true", "1", "yes", "y", "예", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "아니오", "f", ""}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based record number in the file; None for file-wide problems
    field: str | None
    message: str
    unit: str = "피처"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" {self.row}{'행' if self.unit == '행' else '번째 ' + self.unit}"
        if self.field:
            where += f" {self.field}"
        return f"{where}: {self.message}"


def problem_kind(message: str) -> str:
    """A problem's kind for counting: its message without the row's own values (quoted text, numbers)."""
    return re.sub(r"\d[\d,.]*", "N", re.sub(r"'[^']*'", "'…'", message))[:80]


def problem_counts(problems: Iterable[Problem]) -> list[tuple[str, str, int]]:
    """(field, kind, count) for every kind of problem, most frequent first."""
    counts = Counter((p.field or "", problem_kind(p.message)) for p in problems)
    return [(field_name, kind, count) for (field_name, kind), count in counts.most_common()]


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, row: int | None, field_name: str | None, message: str, unit: str = "피처") -> None:
        self.problems.append(Problem(file, row, field_name, message, unit))

    def extend(self, other: ValidationReport) -> None:
        self.problems.extend(other.problems)

    def counts_by_kind(self) -> list[tuple[str, str, int]]:
        """(field, kind, count) for every kind of problem, most frequent first (file-wide problems: field ``""``)."""
        return problem_counts(self.problems)

    def _rest(self, limit: int) -> str | None:
        hidden = len(self.problems) - limit
        if hidden <= 0:
            return None
        by_kind = "; ".join(f"{name or '파일'}: {kind} {count:,}개" for name, kind, count in self.counts_by_kind())
        return f"… 외 {hidden:,}개 문제 (전체 {len(self.problems):,}개, 종류별: {by_kind})"

    def messages(self, limit: int = MAX_LISTED) -> list[str]:
        """The first ``limit`` problems, then one line counting all of them by field."""
        lines = [str(p) for p in self.problems[:limit]]
        rest = self._rest(limit)
        return [*lines, rest] if rest else lines

    def to_frame(self, limit: int = MAX_LISTED) -> pd.DataFrame:
        """The first ``limit`` problems as a table with Korean headers (a last row counts the rest)."""
        rows = [(p.file, p.row, p.field or "", p.message) for p in self.problems[:limit]]
        rest = self._rest(limit)
        if rest:
            rows.append(("", None, "", rest))
        return pd.DataFrame(rows, columns=["파일", "위치(행/피처)", "항목", "문제"])


class DataError(Exception):
    """Raised by loaders when a dataset cannot be used; carries the full report."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__("\n".join(report.messages()))


def _is_blank(value: object) -> bool:
    """A missing cell: None, an empty text, or a missing value of a typed column (NaN, NaT, NA)."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float | np.floating) and math.isnan(value):
        return True
    if isinstance(value, np.datetime64) and np.isnat(value):
        return True
    return isinstance(value, str) and not value.strip()


def max_length(column: Column, schema: DatasetSchema) -> int:
    """The longest text ``column`` accepts: its own ``max_length``, else a limit by kind of column."""
    if column.max_length:
        return column.max_length
    if column.name == schema.id_column:
        return ID_MAX_LENGTH
    if column.name.startswith("name_"):
        return NAME_MAX_LENGTH
    return TEXT_MAX_LENGTH


def _coerce(value: object, column: Column) -> tuple[object, str | None]:
    """Convert one cell to the column's kind; return (value, error message or None)."""
    if column.kind == "text":
        if isinstance(value, dict | list):
            # A GeoJSON property that is a JSON object or list (GDAL writes a text cell holding JSON, such as a
            # funding split, as one): kept as the JSON text it stands for.
            return json.dumps(value, ensure_ascii=False), None
        return str(value).strip(), None
    if column.kind == "bool":
        return _coerce_bool(value)
    if column.kind == "date":
        return _coerce_date(value)
    return _coerce_number(value, column)


def _coerce_bool(value: object) -> tuple[object, str | None]:
    if isinstance(value, bool | np.bool_):
        return bool(value), None
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, f"'{_short(value)}'는 참/거짓 값이 아닙니다 (허용: true, false)"


def _coerce_date(value: object) -> tuple[object, str | None]:
    not_a_date = f"'{_short(value)}'는 날짜가 아닙니다 (예: 2026-01-15)"
    try:
        moment = pd.Timestamp(str(value).strip())
    except (ValueError, OverflowError):
        return None, not_a_date
    if moment is pd.NaT:
        return None, not_a_date
    try:
        return moment.date(), None
    except (ValueError, NotImplementedError):  # a year Python's dates cannot hold, e.g. '-1'
        return None, not_a_date


def _coerce_number(value: object, column: Column) -> tuple[object, str | None]:
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None, f"'{_short(value)}'는 숫자가 아닙니다"
    if not math.isfinite(number):
        return None, f"'{_short(value)}'는 쓸 수 없는 숫자입니다 (NaN·무한대는 허용되지 않습니다)"
    if column.kind == "int":
        if number != int(number):
            return None, f"'{_short(value)}'는 정수가 아닙니다"
        number = int(number)
    if column.minimum is not None and number < column.minimum:
        return None, f"{_short(value)}는 {column.minimum:g} 이상이어야 합니다"
    if column.maximum is not None and number > column.maximum:
        return None, f"{_short(value)}는 {column.maximum:g} 이하여야 합니다"
    return number, None


def _short(value: object, limit: int = 40) -> str:
    """A cell as shown in a message: long values cut, so a hostile cell cannot flood the report."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,}자)"


def coordinate_problem(geometry: BaseGeometry) -> str | None:
    """Why ``geometry`` (EPSG:4326) cannot be in Ansan, or None when it lies in or near the city.

    Tells swapped latitude/longitude and projected (metre) coordinates apart
    from a place elsewhere, so the message says what to fix.
    """
    minx, miny, maxx, maxy = geometry.bounds
    west, south, east, north = ANSAN_BOUNDS
    margin = BOUNDS_MARGIN

    def inside(x0: float, y0: float, x1: float, y1: float) -> bool:
        return west - margin <= x0 and x1 <= east + margin and south - margin <= y0 and y1 <= north + margin

    if inside(minx, miny, maxx, maxy):
        return None
    centre = geometry.centroid if not geometry.is_empty else None
    where = f"경도 {centre.x:.4f}, 위도 {centre.y:.4f}" if centre is not None else ""
    if inside(miny, minx, maxy, maxx):
        return (
            f"위도와 경도가 바뀐 것 같습니다 ({where}): x(경도)가 126.4~126.9, y(위도)가 37.1~37.4여야 합니다. "
            "열 매핑에서 경도·위도 열을 바꿔 지정하세요"
        )
    if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
        return "좌표가 경위도가 아닙니다 (미터 단위 투영 좌표로 보입니다). 파일의 좌표계(.prj 또는 좌표계 지정)를 확인하세요"
    return (
        f"도형이 안산시 부근(경도 {west}~{east}, 위도 {south}~{north})을 벗어납니다 ({where}). "
        "좌표계가 맞는지 확인하세요"
    )


def _check_geometry(geometry: object, schema: DatasetSchema) -> str | None:
    if geometry is None or not isinstance(geometry, BaseGeometry):
        return "도형(geometry)이 없습니다"
    if geometry.is_empty:
        return f"도형이 비어 있습니다 (좌표가 하나도 없는 {geometry.geom_type}): 파일에서 이 피처를 그리거나 지우세요"
    if not np.isfinite(shapely.get_coordinates(geometry)).all():
        return "도형 좌표에 숫자가 아닌 값(NaN·무한대)이 있습니다"
    if schema.geometry_types and geometry.geom_type not in schema.geometry_types:
        allowed = ", ".join(schema.geometry_types)
        return f"도형 종류 {geometry.geom_type}은(는) 허용되지 않습니다 (허용: {allowed})"
    if not geometry.is_valid:
        from shapely.validation import explain_validity

        return f"도형이 올바르지 않습니다 ({explain_validity(geometry)})"
    if schema.name in CITY_BOUND_DATASETS:
        return coordinate_problem(geometry)
    return None


def _geometry_error(geometry: object, schema: DatasetSchema, city_outline: BaseGeometry | None) -> str | None:
    """Why one geometry is refused (the message), or None."""
    error = _check_geometry(geometry, schema)
    if (
        error is None
        and schema.must_lie_in_city
        and city_outline
        and not city_outline.intersects(cast(BaseGeometry, geometry))
    ):
        error = "도형이 안산시 경계 밖에 있습니다 (좌표계 또는 좌표 순서를 확인하세요)"
    return error


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
        report.add(
            file, None, column.name, f"필수 열 '{column.name}'({column.label_ko})이(가) 없습니다", schema.unit_ko
        )
    if missing:
        return frame, report
    typed = frame.copy()
    for column in schema.columns:
        if column.name not in typed.columns:
            typed[column.name] = False if column.kind == "bool" else None
            continue
        values, errors = _typed_column(typed[column.name], column, schema)
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
            report.add(file, None, "geometry", "도형(geometry) 정보가 없습니다", schema.unit_ko)
        else:
            _add_all(report, file, "geometry", _geometry_errors(typed.geometry, schema, city_outline), schema.unit_ko)
    return typed, report


# A problem found in a column: (1-based row, message).
RowError = tuple[int, str]


def _add_all(report: ValidationReport, file: str, field_name: str | None, errors: list[RowError], unit: str) -> None:
    for position, message in errors:
        report.add(file, position, field_name, message, unit)


def _missing_columns(frame: pd.DataFrame, schema: DatasetSchema) -> list[Column]:
    return [c for c in schema.columns if c.required and c.name not in frame.columns]


def _cell(raw: object, column: Column, schema: DatasetSchema) -> tuple[object, str | None]:
    """One cell checked on its own: (typed value, message or None). The reference for the fast paths below."""
    if _is_blank(raw):
        if not column.nullable and column.kind != "bool":
            return None, f"{column.label_ko} 값이 비어 있습니다"
        return (False if column.kind == "bool" else None), None
    value, error = _coerce(raw, column)
    if error is None and column.vocabulary is not None and value not in column.vocabulary:
        labelled = {t.value for t in column.terms}
        allowed = [t.ko for t in column.terms] + [v for v in column.vocabulary if v not in labelled]
        error = f"'{_short(value)}'는 허용되지 않는 값입니다 (허용: {', '.join(allowed)})"
    if error is None and isinstance(value, str) and CELL_CONTROL.search(value):
        error = control_character_message(value)
    if error is None and isinstance(value, str) and len(value) > max_length(column, schema):
        error = f"{column.label_ko}이(가) 너무 깁니다 ({len(value):,}자, 최대 {max_length(column, schema):,}자)"
    return value, error


def _typed_column(series: pd.Series, column: Column, schema: DatasetSchema) -> tuple[list[object], list[RowError]]:
    """Every cell of ``series`` typed as ``column`` says, and the problems by row.

    Whole columns are checked with array operations; only the cells they cannot settle (a problem, an
    unusual type) go through ``_cell``, so values and messages are exactly those of the cell-by-cell rule.
    """
    raw = series.tolist()
    arrow = _arrow_text(series) if column.kind == "text" else None
    if arrow is not None:
        values, settled = _fast_arrow_text(arrow, raw, column, schema)
    else:
        values, settled = _FAST_PATHS[column.kind](_Cells(raw), column, schema)
    errors: list[RowError] = []
    for position in np.flatnonzero(~settled):
        value, error = _cell(raw[position], column, schema)
        values[position] = value
        if error:
            errors.append((int(position) + 1, error))
    return values, errors


class _Cells:
    """A column's cells with the exact type of each, so the fast paths pick the cells they can settle."""

    def __init__(self, raw: list[object]):
        self.raw = raw
        self.types = list(map(type, raw))
        floats = np.flatnonzero(self.of_type(float))
        # None, or a float NaN (pandas' missing value in object and float columns).
        self.missing = self.of_type(type(None))
        self.missing[floats[[raw[i] != raw[i] for i in floats]]] = True

    def of_type(self, kind: type) -> np.ndarray:
        # Identity, not ==: comparing with some classes (pandas' Timestamp) is not a plain type test.
        return np.fromiter(map(operator.is_, self.types, repeat(kind)), dtype=bool, count=len(self.types))

    def stripped(self, chosen: np.ndarray) -> pd.Series:
        return pd.Series([self.raw[i] for i in np.flatnonzero(chosen)], dtype=object).str.strip()


def _blank_values(cells: _Cells, column: Column) -> tuple[list[object], np.ndarray]:
    """Values and the settled mask after the missing cells: settled when a blank is allowed there."""
    values: list[object] = [None] * len(cells.raw)
    missing = cells.missing.copy()
    settled = np.zeros(len(cells.raw), dtype=bool)
    if column.nullable or column.kind == "bool":
        settled |= missing
        if column.kind == "bool":
            for position in np.flatnonzero(missing):
                values[position] = False
    return values, settled


def _fast_text(cells: _Cells, column: Column, schema: DatasetSchema) -> tuple[list[object], np.ndarray]:
    values, settled = _blank_values(cells, column)
    strings = cells.of_type(str)
    positions = np.flatnonzero(strings)
    stripped = cells.stripped(strings)
    blank = (stripped == "").to_numpy()
    fine = ~blank & (stripped.str.len() <= max_length(column, schema)).to_numpy()
    fine &= ~stripped.str.contains(CONTROL_CHARACTERS, regex=True).to_numpy(dtype=bool)
    if column.vocabulary is not None:
        fine &= stripped.isin(column.vocabulary).to_numpy()
    if column.nullable:
        fine |= blank
    texts = stripped.to_numpy()
    for position, text, ok, empty in zip(positions, texts, fine, blank, strict=True):
        if ok:
            values[position] = None if empty else text
    settled[positions[fine]] = True
    return values, settled


# What str.strip() removes: every character whose str.isspace() is true (a test checks the list is whole).
PYTHON_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in PYTHON_WHITESPACE) + "]"
_EDGE_SPACE = f"^{_SPACE_CLASS}|{_SPACE_CLASS}$"


def _arrow_text(series: pd.Series) -> pyarrow.ChunkedArray | None:
    """The column's Arrow strings when it is held as such (a file read through Arrow), else None."""
    if not (isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"):
        return None
    return pyarrow.chunked_array(pyarrow.array(series.array))


def _fast_arrow_text(
    arrow: pyarrow.ChunkedArray, raw: list[object], column: Column, schema: DatasetSchema
) -> tuple[list[object], np.ndarray]:
    """``_fast_text`` computed in Arrow (about 10× faster at 100,000 rows).

    Only cells without a leading or trailing whitespace character (Python's definition) are settled
    here; for them ``strip()`` changes nothing and Arrow's code-point length is ``len()``. The rest
    go through ``_cell`` as before.
    """
    values: list[object] = [None] * len(raw)
    missing = arrow.is_null().to_numpy(zero_copy_only=False)
    edged = pc.match_substring_regex(arrow, _EDGE_SPACE).fill_null(True).to_numpy(zero_copy_only=False)
    length = pc.utf8_length(arrow).fill_null(0).to_numpy(zero_copy_only=False)
    plain = ~missing & ~edged
    blank = plain & (length == 0)
    fine = plain & (length > 0) & (length <= max_length(column, schema))
    fine &= ~pc.match_substring_regex(arrow, CONTROL_CHARACTERS).fill_null(False).to_numpy(zero_copy_only=False)
    if column.vocabulary is not None:
        allowed = pyarrow.array(list(column.vocabulary), type=arrow.type)
        fine &= pc.is_in(arrow, value_set=allowed).fill_null(False).to_numpy(zero_copy_only=False)
    for position in np.flatnonzero(fine):
        values[position] = raw[position]
    settled = fine | ((missing | blank) if column.nullable else np.zeros(len(raw), dtype=bool))
    return values, settled


def _fast_number(cells: _Cells, column: Column, schema: DatasetSchema) -> tuple[list[object], np.ndarray]:  # noqa: ARG001 (one signature for every kind)
    values, settled = _blank_values(cells, column)
    # Python int and float cells (what numeric columns give); a bool is an int but not a number here.
    numeric = cells.of_type(float) | cells.of_type(int)
    positions = np.flatnonzero(numeric & ~cells.missing)
    numbers = np.array([float(cast(float, cells.raw[i])) for i in positions], dtype=np.float64)
    fine = np.isfinite(numbers)
    if column.kind == "int":
        fine &= numbers == np.floor(numbers)
    if column.minimum is not None:
        fine &= numbers >= column.minimum
    if column.maximum is not None:
        fine &= numbers <= column.maximum
    convert = int if column.kind == "int" else float
    for position, number in zip(positions[fine], numbers[fine], strict=True):
        values[position] = convert(number)
    settled[positions[fine]] = True
    return values, settled


def _fast_bool(cells: _Cells, column: Column, schema: DatasetSchema) -> tuple[list[object], np.ndarray]:  # noqa: ARG001 (one signature for every kind)
    values, settled = _blank_values(cells, column)
    for position in np.flatnonzero(cells.of_type(bool)):
        values[position] = cells.raw[position]
        settled[position] = True
    strings = cells.of_type(str)
    positions = np.flatnonzero(strings)
    words = cells.stripped(strings).str.lower()
    true, false = words.isin(TRUE_WORDS).to_numpy(), words.isin(FALSE_WORDS).to_numpy()
    for position, is_true in zip(positions[true | false], true[true | false], strict=True):
        values[position] = bool(is_true)
    settled[positions[true | false]] = True
    return values, settled


_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # ASCII digits: \\d also matches other scripts' digits


def _fast_date(cells: _Cells, column: Column, schema: DatasetSchema) -> tuple[list[object], np.ndarray]:  # noqa: ARG001 (one signature for every kind)
    values, settled = _blank_values(cells, column)
    for position in np.flatnonzero(cells.of_type(pd.Timestamp)):
        values[position] = cast(pd.Timestamp, cells.raw[position]).date()
        settled[position] = True
    # Dates as such (a GeoJSON/GeoPackage date field read through Arrow): already what the column holds.
    for position in np.flatnonzero(cells.of_type(date)):
        values[position] = cells.raw[position]
        settled[position] = True
    strings = cells.of_type(str)
    positions = np.flatnonzero(strings)
    stripped = cells.stripped(strings)
    iso = stripped.str.fullmatch(_ISO_DATE).fillna(False).to_numpy(dtype=bool)
    parsed = pd.to_datetime(stripped.where(iso), format="%Y-%m-%d", errors="coerce")
    fine = iso & parsed.notna().to_numpy()
    for position, moment in zip(positions[fine], parsed[fine], strict=True):
        values[position] = moment.date()
    settled[positions[fine]] = True
    return values, settled


_FAST_PATHS = {"text": _fast_text, "int": _fast_number, "float": _fast_number, "bool": _fast_bool, "date": _fast_date}


def _duplicate_ids(typed: pd.DataFrame, schema: DatasetSchema) -> list[RowError]:
    if not schema.id_column:
        return []
    ids = typed[schema.id_column]
    repeated = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
    return [(int(p) + 1, f"ID '{_short(ids.iloc[p])}'가 중복됩니다") for p in np.flatnonzero(repeated)]


def _start_after_end(typed: pd.DataFrame) -> list[RowError]:
    starts, ends = typed["start_year"].tolist(), typed["end_year"].tolist()
    both = _Cells(starts).of_type(int) & _Cells(ends).of_type(int)
    start_numbers = np.array([s if b else 0 for s, b in zip(starts, both, strict=True)], dtype=float)
    end_numbers = np.array([e if b else 0 for e, b in zip(ends, both, strict=True)], dtype=float)
    wrong = np.flatnonzero(both & (start_numbers > end_numbers))
    return [(int(p) + 1, f"종료 연도 {ends[p]}가 시작 연도 {starts[p]}보다 앞섭니다") for p in wrong]


def _parents_not_in_data(typed: pd.DataFrame, schema: DatasetSchema) -> list[RowError]:
    """Rows whose ``parent_id`` names no service of the same data, or the row itself."""
    if "parent_id" not in typed or not schema.id_column:
        return []
    ids = typed[schema.id_column].tolist()
    known = {i for i in ids if isinstance(i, str)}
    errors = []
    for position, (own, parent) in enumerate(zip(ids, typed["parent_id"].tolist(), strict=True), start=1):
        if not isinstance(parent, str):
            continue
        if parent == own:
            errors.append(
                (position, f"상위 사업 ID '{_short(parent)}'가 자기 자신입니다 (다른 서비스의 ID를 적으세요)")
            )
        elif parent not in known:
            errors.append((position, f"상위 사업 ID '{_short(parent)}'가 이 자료의 서비스 ID에 없습니다"))
    return errors


def _bad_funding_splits(typed: pd.DataFrame) -> list[RowError]:
    """Rows whose ``funding_split`` is not a JSON object of funding sources and amounts (geo.schema)."""
    if "funding_split" not in typed:
        return []
    errors = []
    for position, text in enumerate(typed["funding_split"].tolist(), start=1):
        if not isinstance(text, str):
            continue
        try:
            parse_funding_split(text)
        except ValueError as problem:
            errors.append((position, str(problem)))
    return errors


_TYPE_NAMES = np.array(
    [
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ]
)


def _geometry_errors(
    geometries: gpd.GeoSeries, schema: DatasetSchema, city_outline: BaseGeometry | None
) -> list[RowError]:
    """Problems of each geometry; array predicates pick the suspects, ``_geometry_error`` words them."""
    shapes = np.asarray(geometries.array, dtype=object)
    suspects = np.flatnonzero(_geometry_suspects(shapes, schema, city_outline))
    errors = [(int(p) + 1, _geometry_error(shapes[p], schema, city_outline)) for p in suspects]
    return [(position, message) for position, message in errors if message]


def _geometry_suspects(shapes: np.ndarray, schema: DatasetSchema, city_outline: BaseGeometry | None) -> np.ndarray:
    """Rows ``_geometry_error`` may refuse: every row it refuses is among them (array operations over all rows)."""
    suspect = shapely.is_missing(shapes) | shapely.is_empty(shapes)
    coordinates, owners = shapely.get_coordinates(shapes, return_index=True)
    suspect[owners[~np.isfinite(coordinates).all(axis=1)]] = True
    type_ids = shapely.get_type_id(shapes)
    if schema.geometry_types:
        suspect |= ~np.isin(_TYPE_NAMES[np.clip(type_ids, 0, 7)], schema.geometry_types)
    suspect |= ~shapely.is_valid(shapes)
    if schema.name in CITY_BOUND_DATASETS:
        west, south, east, north = ANSAN_BOUNDS
        bounds = shapely.bounds(shapes)
        with np.errstate(invalid="ignore"):
            inside = (
                (bounds[:, 0] >= west - BOUNDS_MARGIN)
                & (bounds[:, 2] <= east + BOUNDS_MARGIN)
                & (bounds[:, 1] >= south - BOUNDS_MARGIN)
                & (bounds[:, 3] <= north + BOUNDS_MARGIN)
            )
        suspect |= ~inside
    if schema.must_lie_in_city and city_outline:
        shapely.prepare(city_outline)
        suspect |= ~shapely.intersects(city_outline, shapes)
    return suspect
