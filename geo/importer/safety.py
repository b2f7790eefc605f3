"""Safety checks before anything is parsed: size, archive inspection, JSON syntax, feature count.

Every check returns the value it was asked for or a ``ValidationReport`` that
says why the file is refused and what to do (coded messages, worded in ``geo.i18n.problems_files``). A zip archive is
inspected from its directory without extracting anything; only the one data
file it must hold (with a Shapefile's sidecars) is extracted, and never past the
sizes its directory declares.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from geo.i18n.problems import NONE, message
from geo.model.validation import CELL_CONTROL, MAX_LISTED, Message, ValidationReport, control_characters, visible

MB = 1024 * 1024
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip")
TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class UploadLimits:
    """Limits checked before a file is parsed; lower them in tests rather than writing huge files."""

    max_bytes: int = 50 * MB
    max_features: int = 200_000
    max_uncompressed_bytes: int = 500 * MB
    max_compression_ratio: float = 100.0
    max_zip_members: int = 100
    # Vertices: a dong from a detailed Shapefile has a few thousand; more only makes pages heavy (every map
    # sends each vertex to the browser) without showing anything finer at city scale.
    max_vertices_per_feature: int = 50_000
    max_vertices: int = 500_000
    # Columns of a file (a public-data table has a few dozen; thousands are a broken or hostile file).
    max_columns: int = 500
    # A member smaller than this cannot be a bomb; small .dbf files compress 20x and more.
    ratio_check_min_bytes: int = 1 * MB


def refusal(name: str, message: str | Message, unit: str = "피처") -> ValidationReport:
    """A report with one file-wide problem: the file is refused for ``message``."""
    report = ValidationReport()
    report.add(name, None, None, message, unit)
    return report


def size_text(size: float) -> str | Message:
    """A file size for a message: MB or KB as written in both languages, bytes as a worded message."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return message("size_bytes", count=int(size))


def too_large(name: str, size: int, limits: UploadLimits) -> ValidationReport | None:
    """The size refusal, or None when ``size`` is within the limit."""
    if size <= limits.max_bytes:
        return None
    return refusal(name, message("file_too_large", size=size_text(size), limit=size_text(limits.max_bytes)))


def _is_junk(name: str) -> bool:
    """Files zip tools add on macOS, never data."""
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._") or Path(name).name == ".DS_Store"


def _member_problem(info: zipfile.ZipInfo) -> Message | None:
    member = info.filename.replace("\\", "/")
    if member.startswith("/") or re.match(r"^[A-Za-z]:", member) or ".." in member.split("/"):
        return message("zip_path_outside", member=info.filename)
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        return message("zip_symlink", member=info.filename)
    if info.flag_bits & 0x1:
        return message("zip_encrypted", member=info.filename)
    return None


def inspect_zip(path: Path, name: str, limits: UploadLimits) -> list[zipfile.ZipInfo] | ValidationReport:
    """The archive's data members, checked from its directory without extracting anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        if path.suffix.lower() == ".xlsx":  # a workbook is a zip archive inside
            return refusal(name, message("xlsx_not_workbook"), "행")
        return refusal(name, message("zip_unreadable"))
    members = [i for i in infos if not i.is_dir() and not _is_junk(i.filename)]
    if len(members) > limits.max_zip_members:
        return refusal(name, message("zip_too_many_members", count=len(members), limit=limits.max_zip_members))
    report = ValidationReport()
    for info in members:
        problem = _member_problem(info)
        if problem:
            report.add(name, None, None, problem)
    if not report.ok:
        return report
    total = sum(i.file_size for i in members)
    if total > limits.max_uncompressed_bytes:
        limit = size_text(limits.max_uncompressed_bytes)
        return refusal(name, message("zip_too_large", size=size_text(total), limit=limit))
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= limits.ratio_check_min_bytes and ratio > limits.max_compression_ratio:
            bomb = message("zip_bomb", member=info.filename, ratio=ratio, limit=limits.max_compression_ratio)
            return refusal(name, bomb)
    return members


def data_member(members: list[zipfile.ZipInfo], name: str) -> zipfile.ZipInfo | ValidationReport:
    """The one spatial data file of an archive (a Shapefile with its .shx and .dbf, a GeoJSON or a GeoPackage)."""
    shapefiles = [m for m in members if m.filename.lower().endswith(".shp")]
    others = [m for m in members if m.filename.lower().endswith((".geojson", ".json", ".gpkg"))]
    candidates = shapefiles + others
    if not candidates:
        listed = [m.filename for m in members[:8]] or NONE
        return refusal(name, message("zip_no_data_file", listed=listed))
    if len(candidates) > 1:
        listed = [m.filename for m in candidates[:8]]
        return refusal(name, message("zip_several_data_files", count=len(candidates), listed=listed))
    chosen = candidates[0]
    if chosen in shapefiles:
        stem = chosen.filename[:-4].lower()
        present = {m.filename.lower()[len(stem) :] for m in members if m.filename.lower().startswith(stem)}
        missing = [ext for ext in (".shx", ".dbf") if ext not in present]
        if missing:
            return refusal(name, message("zip_shapefile_sidecars", member=chosen.filename, missing=missing))
    return chosen


def extract(
    path: Path, chosen: zipfile.ZipInfo, members: list[zipfile.ZipInfo], target: Path, name: str
) -> Path | ValidationReport:
    """Extract the chosen file (and a Shapefile's sidecars) flat into ``target``, never past declared sizes."""
    wanted = [chosen]
    if chosen.filename.lower().endswith(".shp"):
        stem = chosen.filename[:-4].lower()
        wanted = [m for m in members if m.filename.lower()[: len(stem) + 1] == stem + "."]
    try:
        with zipfile.ZipFile(path) as archive:
            for info in wanted:
                # A short fixed name: member names of 86+ Hangul characters exceed the file system's 255 bytes.
                destination = target / _extracted_name(info)
                with archive.open(info) as source, destination.open("wb") as sink:
                    # The reader stops at the declared size; the checks above bounded those sizes.
                    shutil.copyfileobj(source, sink, 1024 * 1024)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # A wrong CRC (BadZipFile) or damaged compressed data (zlib.error) shows only while extracting.
        return refusal(name, message("zip_damaged", member=info.filename, error=type(exc).__name__))
    return target / _extracted_name(chosen)


def _extracted_name(info: zipfile.ZipInfo) -> str:
    """``data.shp``, ``data.dbf``...: one stem keeps a Shapefile's sidecars together."""
    return "data" + Path(info.filename.replace("\\", "/")).suffix.lower()


def json_problem(path: Path, name: str) -> ValidationReport | None:
    """A GeoJSON's syntax problem or a property holding a control character, or None when it parses."""
    try:
        parsed = json.loads(path.read_bytes())
    except UnicodeDecodeError:
        try:
            json.loads(path.read_bytes().decode("cp949"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return refusal(name, message("geojson_not_utf8"))
        # CP949 (Korean Windows tools): the reader reads it with the encoding chosen, or says how to.
        return None
    except json.JSONDecodeError as exc:
        return refusal(name, message("geojson_syntax", line=exc.lineno, column=exc.colno, reason=exc.msg))
    except RecursionError:
        return refusal(name, message("geojson_too_deep"))
    return _json_control_characters(parsed, name)


def _json_control_characters(parsed: object, name: str) -> ValidationReport | None:
    """Properties (names or text values) holding a control character written as an escape (``\\u001b``).

    Checked here because GDAL's reader cuts a text at NUL without a word; the other
    characters would also be found after reading (``geo.importer.text``).
    """
    features = parsed.get("features") if isinstance(parsed, dict) else None
    if not isinstance(features, list):
        return None
    report = ValidationReport()
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            continue
        for key, value in properties.items():
            for text in (key, value):
                if isinstance(text, str) and CELL_CONTROL.search(text):
                    found = control_characters(text)
                    detail = found if text is value else message("column_name_control", detail=found)
                    report.add(name, number, visible(key), detail)
                    break
    return None if report.ok else report


def count_features(path: Path) -> int | None:
    """Features (rows) in a file, or None when it cannot be counted (the reader then reports why)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("rb") as handle:
                return max(sum(1 for _ in handle) - 1, 0)
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True)
            try:
                return max((workbook.worksheets[0].max_row or 1) - 1, 0)
            finally:
                workbook.close()
        return int(pyogrio.read_info(path, force_feature_count=True)["features"])
    except Exception:  # the reader reports an unreadable file with its own message
        return None


def _gpkg_layers_problem(path: Path, name: str) -> ValidationReport | None:
    try:
        layers = [str(n) for n, kind in pyogrio.list_layers(path) if kind is not None]
    except Exception:  # an unreadable GeoPackage is reported by the reader
        return None
    if len(layers) > 1:
        return refusal(name, message("gpkg_several_layers", count=len(layers), layers=layers[:8]))
    return None


def _readable_file(path: Path, name: str, limits: UploadLimits, workdir: Path) -> Path | ValidationReport:
    """The file to read: ``path`` itself, or the data file extracted from a checked archive."""
    suffix = path.suffix.lower()
    if suffix not in (".zip", ".xlsx"):
        return path
    members = inspect_zip(path, name, limits)
    if isinstance(members, ValidationReport) or suffix == ".xlsx":
        return members if isinstance(members, ValidationReport) else path
    chosen = data_member(members, name)
    if isinstance(chosen, ValidationReport):
        return chosen
    return extract(path, chosen, members, workdir, name)


def checked_file(path: Path, name: str, limits: UploadLimits, workdir: Path) -> Path | ValidationReport:
    """All checks before parsing; the file to read (extracted from a zip where needed) or why it is refused."""
    suffix = path.suffix.lower()
    if not path.exists():
        return refusal(name, message("path_missing"))
    if suffix not in VECTOR_SUFFIXES + TABLE_SUFFIXES:
        return refusal(name, message("unsupported_format", suffix=suffix or message("no_suffix")))
    size = path.stat().st_size
    if (refused := too_large(name, size, limits)) is not None:
        return refused
    if size == 0:
        return refusal(name, message("file_empty"))
    readable = _readable_file(path, name, limits, workdir)
    if isinstance(readable, ValidationReport):
        return readable
    kind = readable.suffix.lower()
    problem = json_problem(readable, name) if kind in (".geojson", ".json") else None
    problem = problem or (_gpkg_layers_problem(readable, name) if kind == ".gpkg" else None)
    if problem is not None:
        return problem
    count = count_features(readable)
    if count is not None and count > limits.max_features:
        return refusal(name, message("too_many_features", count=count, limit=limits.max_features))
    return readable


def check_upload(
    path: Path, *, limits: UploadLimits | None = None, display_name: str | None = None
) -> ValidationReport:
    """Only the safety checks (size, archive, JSON syntax, feature count) of ``preview_import``.

    Parameters
    ----------
    path : Path
        The uploaded file.
    limits : UploadLimits, optional
        Defaults: 50 MB, 200,000 features, 500 MB uncompressed, ratio 100.
    display_name : str, optional
        The name used in messages (an upload's original file name).
    """
    with tempfile.TemporaryDirectory(prefix="dashboard-import-") as workdir:
        result = checked_file(Path(path), display_name or Path(path).name, limits or UploadLimits(), Path(workdir))
    return result if isinstance(result, ValidationReport) else ValidationReport()


def safe_upload_name(file_name: str) -> str:
    """A name to write an upload under: no path, no odd characters, short enough for any file system."""
    path = Path(file_name)
    stem = re.sub(r"[^\w.\-가-힣]", "_", path.stem)[:60] or "upload"
    suffix = re.sub(r"[^\w.]", "_", path.suffix)[:10]
    return stem + suffix


#: How to reduce vertices (QGIS or mapshaper), said with both vertex refusals.
SIMPLIFY_HOW = message("simplify_how")


def too_many_vertices(geometries: gpd.GeoSeries, name: str, limits: UploadLimits, unit: str) -> ValidationReport | None:
    """The refusal when a feature or the whole file has more vertices than ``limits`` allow, saying how to
    simplify; None when within them."""
    counts = shapely.get_num_coordinates(np.asarray(geometries.array, dtype=object))
    report = ValidationReport()
    for position in np.flatnonzero(counts > limits.max_vertices_per_feature)[:MAX_LISTED]:
        report.add(
            name,
            int(position) + 1,
            "geometry",
            message(
                "vertices_feature", count=int(counts[position]), limit=limits.max_vertices_per_feature, how=SIMPLIFY_HOW
            ),
            unit,
        )
    total = int(counts.sum())
    if report.ok and total > limits.max_vertices:
        report.add(
            name,
            None,
            None,
            message("vertices_file", count=total, limit=limits.max_vertices, how=SIMPLIFY_HOW),
            unit,
        )
    return None if report.ok else report
