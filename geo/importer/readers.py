"""Readers: a checked file to a GeoDataFrame in EPSG:4326, with the CRS and encoding it was read in.

Vector files (GeoJSON, GeoPackage, Shapefile) go through ``geo.io.read_vector``.
CSV and XLSX tables become points from their coordinate columns, found by name
(``위도``/``경도``, ``WGS84위도``/``WGS84경도``, ``역위도``/``역경도``, ``lat``/``lon``,
``Y좌표``/``X좌표``, ``y``/``x``); projected x/y columns take the CRS given or,
without one, the CRS their range fits in Ansan (said to be a guess).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from geo.i18n.problems import Label
from geo.importer.safety import TABLE_SUFFIXES, refusal
from geo.io import (
    ENCODINGS,
    STORAGE_CRS,
    crs_label,
    describe_crs,
    detect_encoding,
    guess_crs,
    guess_note,
    no_crs_message,
    parse_crs,
    read_text_table,
    read_vector,
)
from geo.model.extent import IMPORT_BOX
from geo.model.validation import Message, ValidationReport, message

# Coordinate column pairs (x, y) by normalised name (lower case, no spaces, '_' or brackets), in priority order.
LONLAT_PAIRS = (
    ("경도", "위도"),
    ("wgs84경도", "wgs84위도"),
    ("역경도", "역위도"),
    ("lon", "lat"),
    ("lng", "lat"),
    ("longitude", "latitude"),
    ("x좌표(경도)", "y좌표(위도)"),
)
XY_PAIRS = (("x좌표", "y좌표"), ("x", "y"), ("xcoord", "ycoord"), ("tm_x", "tm_y"), ("utmk_x", "utmk_y"))
LON_COLUMNS = tuple(dict.fromkeys(x for x, _ in LONLAT_PAIRS))
LAT_COLUMNS = tuple(dict.fromkeys(y for _, y in LONLAT_PAIRS))
X_COLUMNS = tuple(x for x, _ in XY_PAIRS)
Y_COLUMNS = tuple(y for _, y in XY_PAIRS)
COORDINATE_COLUMNS = LON_COLUMNS + LAT_COLUMNS + X_COLUMNS + Y_COLUMNS
# A line or zone in a table (the data page's spreadsheet export writes one where a point's 경도/위도 cannot).
WKT_COLUMN = "도형(WKT)"
WKT_NAMES = ("도형wkt", "wkt", "geometrywkt")
# Title rows above a table's header (a report title, a date line, a blank row) are searched this far down.
HEADER_SEARCH_ROWS = 10
# Korea in lon/lat, to tell swapped columns and rows (a latitude never exceeds 39 here, a longitude is over 124).
KOREA_LON, KOREA_LAT = (124.0, 132.0), (33.0, 39.0)


@dataclass
class Read:
    """A file read as features in EPSG:4326, before validation."""

    frame: gpd.GeoDataFrame
    source_crs: Label | None
    encoding: Label | None
    notes: list[Message] = field(default_factory=list)
    unit: str = "피처"  # '행' for tables: how problems name a record
    mapping: dict[str, str] = field(default_factory=dict)  # the column mapping applied (source → schema)
    crs_guessed: bool = False
    coordinates: tuple[str, str] | None = None  # a table's x and y columns
    row_problems: ValidationReport = field(default_factory=ValidationReport)  # rows without a usable point
    mapping_how: dict[str, str] = field(default_factory=dict)  # source column → how the mapping was chosen
    columns: list[str] = field(default_factory=list)  # the file's own columns
    first_row: int = 1  # tables: the spreadsheet row of the first record (below the header and any title rows)


def on_sheet_rows(report: ValidationReport, first_row: int) -> ValidationReport:
    """``report`` with table rows ('행') numbered as the spreadsheet shows them, the first record on ``first_row``.

    Problems are found by record position (1-based); staff look for the row number Excel shows, as
    ``geo.loaders`` numbers them. Features of vector files keep their 'N번째 피처'.
    """
    shift = first_row - 1
    return ValidationReport(
        [replace(p, row=p.row + shift) if p.row is not None and p.unit == "행" else p for p in report.problems]
    )


def is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES


def normalised(column: object) -> str:
    return re.sub(r"[\s_\-()\[\]]", "", str(column)).lower()


def _find_pair(frame: pd.DataFrame, pairs: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    lookup = {normalised(c): c for c in frame.columns}
    return next(
        (
            (lookup[normalised(x)], lookup[normalised(y)])
            for x, y in pairs
            if normalised(x) in lookup and normalised(y) in lookup
        ),
        None,
    )


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.astype(str).str.strip().str.replace(",", "", regex=False), errors="coerce")


def _in_range(values: pd.Series, bounds: tuple[float, float]) -> pd.Series:
    return values.between(*bounds)


def _table_crs(
    xs: pd.Series, ys: pd.Series, lonlat: bool, crs: str | None, name: str
) -> tuple[CRS, list[Message], bool] | ValidationReport:
    """The CRS of a table's coordinates: lon/lat by name, the caller's, or guessed from the range."""
    if crs:
        return parse_crs(crs), [], False
    if lonlat:
        return CRS.from_epsg(4326), [], False
    valid = xs.notna() & ys.notna()
    if not valid.any():
        return refusal(name, message("no_coordinate_numbers"), "행")
    bounds = (float(xs[valid].median()), float(ys[valid].median())) * 2
    codes = guess_crs(bounds)
    if not codes:
        return refusal(name, no_crs_message(bounds), "행")
    return CRS.from_epsg(codes[0]), [guess_note(codes)], True


def _wkt_shapes(frame: pd.DataFrame, name: str) -> tuple[str | None, list[object], ValidationReport]:
    """The WKT column (if any), its shape per row (None where empty) and the rows whose text is not WKT."""
    report = ValidationReport()
    column = next((c for c in frame.columns if normalised(c) in WKT_NAMES), None)
    if column is None:
        return None, [None] * len(frame), report
    shapes: list[object] = []
    for position, text in enumerate(frame[column], 1):
        shape = None
        if isinstance(text, str) and text.strip():
            try:
                shape = shapely.from_wkt(text.strip())
            except shapely.errors.GEOSException:
                report.add(
                    name,
                    position,
                    str(column),
                    message("not_wkt", value=text[:40]),
                    "행",
                )
        shapes.append(shape)
    return str(column), shapes, report


def _row_problems(
    frame: pd.DataFrame,
    x_column: str,
    y_column: str,
    xs: pd.Series,
    ys: pd.Series,
    lonlat: bool,
    name: str,
    shaped: set[int] = frozenset(),  # type: ignore[assignment]
) -> ValidationReport:
    """Rows whose coordinates are empty, not numbers, or (lon/lat) a latitude and longitude in each other's place.

    Rows in ``shaped`` (1-based) carry their shape as WKT and need no coordinates.
    """
    report = ValidationReport()
    for position, (raw_x, raw_y, x, y) in enumerate(zip(frame[x_column], frame[y_column], xs, ys, strict=True), 1):
        if position in shaped:
            continue
        for column, raw, value in ((x_column, raw_x, x), (y_column, raw_y, y)):
            if pd.isna(value):
                text = str(raw).strip()
                report.add(
                    name,
                    position,
                    str(column),
                    message("coordinate_blank") if not text else message("not_number", value=raw),
                    "행",
                )
        swapped = lonlat and KOREA_LAT[0] <= x <= KOREA_LAT[1] and KOREA_LON[0] <= y <= KOREA_LON[1]
        if swapped:
            report.add(
                name,
                position,
                f"{x_column}/{y_column}",
                message("lat_lon_swapped", x_column=x_column, x=raw_x, y_column=y_column, y=raw_y),
                "행",
            )
    return report


def points_from_table(frame: pd.DataFrame, name: str, crs: str | None) -> Read | ValidationReport:
    """Point geometry from coordinate columns; rows without a usable point are in ``row_problems``."""
    pair = _find_pair(frame, LONLAT_PAIRS)
    lonlat = pair is not None
    pair = pair or _find_pair(frame, XY_PAIRS)
    if pair is None:
        return refusal(
            name,
            message("no_coordinate_columns", columns=[str(c) for c in frame.columns]),
            "행",
        )
    x_column, y_column = pair
    xs, ys = _numbers(frame[x_column]), _numbers(frame[y_column])
    notes = []
    if lonlat and not crs and (xs.notna() & ys.notna()).any():
        both = xs.notna() & ys.notna()
        if _in_range(xs[both], KOREA_LAT).all() and _in_range(ys[both], KOREA_LON).all():
            # The whole columns are labelled the wrong way round: read them as they are meant.
            xs, ys = ys, xs
            notes.append(message("note_columns_swapped", x_column=x_column, y_column=y_column))
    found = _table_crs(xs, ys, lonlat, crs, name)
    if isinstance(found, ValidationReport):
        return found
    source_crs, crs_notes, guessed = found
    notes += crs_notes
    wkt_column, shapes, problems = _wkt_shapes(frame, name)
    shaped = {i for i, shape in enumerate(shapes, 1) if shape is not None}
    problems.extend(_row_problems(frame, x_column, y_column, xs, ys, lonlat and not crs, name, shaped))
    refused = {p.row - 1 for p in problems.problems if p.row is not None}
    usable = xs.notna() & ys.notna() & ~pd.Series(range(len(frame)), index=xs.index).isin(refused)
    geometry = gpd.GeoSeries(
        [
            shape if shape is not None else shapely.Point(x, y) if ok else None
            for x, y, ok, shape in zip(xs, ys, usable, shapes, strict=True)
        ],
        crs=source_crs,
    )
    dropped = [x_column, y_column] + ([wkt_column] if wkt_column else [])
    points = gpd.GeoDataFrame(frame.drop(columns=dropped), geometry=geometry)
    crs_text = crs_label(source_crs, guessed)
    if source_crs.to_epsg() != 4326:
        points = points.to_crs(STORAGE_CRS)
        notes.append(message("note_crs_converted", crs=describe_crs(source_crs)))
    return Read(
        points, crs_text, None, notes, "행", crs_guessed=guessed, coordinates=pair, row_problems=problems, first_row=2
    )


def outside_ansan(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Positions of points outside the generous box around Ansan (``geo.model.extent.IMPORT_BOX``)."""
    west, south, east, north = IMPORT_BOX
    present = frame.geometry.notna()
    xs = frame.geometry.x.where(present)
    ys = frame.geometry.y.where(present)
    return np.flatnonzero(present & ~(xs.between(west, east) & ys.between(south, north)))


@dataclass(frozen=True)
class Table:
    """A CSV or XLSX read as text columns: how its encoding was chosen, and the lines skipped above its header."""

    frame: pd.DataFrame
    encoding: Label | None
    title_rows: int = 0  # lines above the header row (titles, blank lines), as the spreadsheet numbers them

    @property
    def first_row(self) -> int:
        """The spreadsheet row of the first record."""
        return self.title_rows + 2

    @property
    def title_note(self) -> Message | None:
        """What the preview says about skipped title rows (None when the header is the first row)."""
        if not self.title_rows:
            return None
        return message("note_title_rows", count=self.title_rows, header_row=self.title_rows + 1)


def read_table_file(path: Path, name: str, encoding: str | None = None) -> Table | ValidationReport:
    """A CSV or XLSX as text columns, with the CSV's encoding and how it was chosen.

    A CSV whose first lines are titles written without the header's commas ("안산시 CCTV 현황", a
    blank line, then the header) is read from its header; titles Excel padded with commas are
    found later by ``geo.importer.mapping.header_found``, which knows the layer's column names.
    """
    if path.suffix.lower() != ".csv":
        try:
            frame = pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            return refusal(name, message("xlsx_unreadable", reason=exc), "행")
        return Table(frame, message("encoding.xlsx"))
    try:
        frame, _, how = read_text_table(path, encoding)
    except UnicodeError:
        return refusal(
            name,
            message("csv_encoding_unknown"),
            "행",
        )
    except pd.errors.ParserError as exc:
        return _csv_below_title_lines(path, name, encoding) or refusal(name, _csv_problem(exc), "행")
    except pd.errors.EmptyDataError as exc:
        return refusal(name, _csv_problem(exc), "행")
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas made an index of the columns the first line lacks: that line is a title, narrower than the rows.
        return _csv_below_title_lines(path, name, encoding) or Table(frame, how)
    return Table(frame, how)


_FIELD_COUNT = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _csv_problem(exc: Exception, lines_above: int = 0) -> Message:
    """pandas' reason, named in our words where it is a row with more values than the header (the usual case)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    found = _FIELD_COUNT.search(text)
    if found is None:
        return message("csv_unreadable", reason=text)
    header, line, values = (int(n) for n in found.groups())
    return message("csv_too_many_values", row=line + lines_above, values=values, header=header)


def _title_lines(lines: list[str]) -> int:
    """How many of the first lines are titles: at most one filled cell (a report title, a date, a blank line)."""
    rows = csv.reader(lines[:HEADER_SEARCH_ROWS])
    return next((i for i, row in enumerate(rows) if sum(1 for cell in row if cell.strip()) >= 2), 0)


def _csv_below_title_lines(path: Path, name: str, encoding: str | None) -> Table | ValidationReport | None:
    """The CSV read from its header below title lines that lack the header's commas; None without such lines.

    A title line has at most one filled cell; the header is the first line with two or more. A record
    below the header with more values than the header is refused (its values would land in the wrong columns).
    """
    data = path.read_bytes()
    code = encoding or detect_encoding(data)
    if code is None:
        return None
    if code == "utf-8" and data.startswith(codecs.BOM_UTF8):
        code = "utf-8-sig"
    lines = data.decode(code, errors="replace").splitlines()
    skipped = _title_lines(lines)
    if not skipped:
        return None
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines[skipped:])), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        return refusal(name, _csv_problem(exc, skipped), "행")
    if not isinstance(frame.index, pd.RangeIndex):
        return refusal(
            name,
            message("csv_row_too_long", header_row=skipped + 1),
            "행",
        )
    how = message("encoding.chosen" if encoding else "encoding.detected", name=ENCODINGS.get(code, code))
    return Table(frame, how, skipped)


def read_vector_file(
    path: Path, name: str, repair: bool, encoding: str | None = None, crs: str | None = None
) -> Read | ValidationReport:
    """A GeoJSON, GeoPackage or Shapefile in EPSG:4326."""
    result = read_vector(path, display_name=name, repair=repair, encoding=encoding, crs=crs)
    if result.frame is None:
        return result.report
    return Read(result.frame, result.source_crs, result.encoding, list(result.notes), crs_guessed=result.crs_guessed)
