"""Read vector and table files the way Korean GIS data arrives, into EPSG:4326.

Handles GeoJSON (with or without the legacy ``crs`` member), GeoPackage and
Shapefiles (plain or zipped) in any Korean CRS in use (Korea 2000 belts,
UTM-K, the Bessel-based Korean 1985 belts EPSG:5173-5176 and 2096-2098, and
``.prj`` files from older software that name only a datum), with attributes in
UTF-8 or CP949/EUC-KR (detected from the bytes when there is no ``.cpg``), and
CSV files in UTF-8 (with or without BOM) or CP949. Problems come back as a
``ValidationReport``, never as a traceback.
"""

from __future__ import annotations

import codecs
import re
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow
import pyogrio
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from geo.i18n.problems import Label, ProblemError, label_text
from geo.model.extent import IMPORT_BOX
from geo.model.validation import Message, ValidationReport, message

STORAGE_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:5186"  # Korea 2000 / Central Belt 2010: areas and distances
KOREAN_CRS_NAMES = {
    5186: "Korea 2000 / Central Belt 2010",
    5185: "Korea 2000 / West Belt 2010",
    5187: "Korea 2000 / East Belt 2010",
    5188: "Korea 2000 / East Sea Belt 2010",
    5179: "Korea 2000 / Unified CS",
    5181: "Korea 2000 / Central Belt",
    5180: "Korea 2000 / West Belt",
    5182: "Korea 2000 / Central Belt Jeju",
    5183: "Korea 2000 / East Belt",
    5184: "Korea 2000 / East Sea Belt",
    5174: "Korean 1985 / Modified Central Belt",
    5173: "Korean 1985 / Modified West Belt",
    5175: "Korean 1985 / Modified Central Belt Jeju",
    5176: "Korean 1985 / Modified East Belt",
    2097: "Korean 1985 / Central Belt",
    2096: "Korean 1985 / East Belt",
    2098: "Korean 1985 / West Belt",
    4326: "WGS 84",
    4737: "Korea 2000",
    4162: "Korean 1985",
}
# Projected codes a datum-name-only .prj is matched against by its projection parameters.
_MATCHABLE = tuple(code for code in KOREAN_CRS_NAMES if code not in (4326, 4737, 4162))
# Tried in this order when a file has no CRS; the first that puts the data in Ansan is the guess.
GUESS_ORDER = (4326, 5186, 5179, 5174, 5181, 2097, 5185, 5187)
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp949": "CP949"}

# Latin-1 letters that UTF-8 or CP949 Hangul turns into when decoded wrongly.
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff]{2,}")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_DBF_SAMPLE_BYTES = 4 * 1024 * 1024


@dataclass
class ReadResult:
    frame: gpd.GeoDataFrame | None
    report: ValidationReport
    notes: list[Message] = field(default_factory=list)  # what was done to the data, for the preview
    source_crs: Label | None = None
    encoding: Label | None = None  # for the preview: which encoding and how it was chosen
    crs_guessed: bool = False


def describe_crs(crs: CRS) -> str:
    epsg = crs.to_epsg(min_confidence=70)
    if epsg is None:
        return crs.name
    return f"EPSG:{epsg} ({KOREAN_CRS_NAMES.get(epsg, crs.name)})"


# --- encodings -----------------------------------------------------------------------------------------------


def detect_encoding(data: bytes) -> str | None:
    """``utf-8``, ``utf-8-sig`` or ``cp949`` for text bytes, or None when neither reads them cleanly.

    UTF-8 is tried strictly first (CP949 Hangul is never valid UTF-8); CP949 must
    then yield Hangul. A few undecodable bytes are tolerated (a DBF field cut in
    the middle of a character) as long as one encoding is clearly better.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    bad = {}
    for encoding in ("utf-8", "cp949"):
        text = data.decode(encoding, errors="replace")
        if encoding == "cp949" and not _HANGUL.search(text):
            continue
        bad[encoding] = text.count("\ufffd")
        if bad[encoding] == 0:
            return encoding
    non_ascii = sum(1 for byte in data if byte > 0x7F) or 1
    best = min(bad, key=bad.__getitem__, default=None)
    return best if best is not None and bad[best] <= 0.005 * non_ascii else None


def _dbf_text_bytes(dbf: Path) -> bytes:
    """Field names and records of a DBF (no binary header numbers), enough to tell its encoding."""
    with dbf.open("rb") as handle:
        head = handle.read(32)
        if len(head) < 32:
            return b""
        header_length = struct.unpack("<H", head[8:10])[0]
        descriptors = handle.read(max(header_length - 32, 0))
        names = b" ".join(descriptors[i : i + 11].split(b"\0")[0] for i in range(0, len(descriptors) - 1, 32))
        return names + b" " + handle.read(_DBF_SAMPLE_BYTES)


def _sidecar(path: Path, suffix: str) -> Path | None:
    for candidate in path.parent.glob(path.stem + ".*"):
        if candidate.suffix.lower() == suffix:
            return candidate
    return None


def crs_label(crs: CRS, guessed: bool) -> Label:
    """The CRS as the preview names it, marked when it was guessed from the coordinates."""
    return message("crs.guessed", crs=describe_crs(crs)) if guessed else describe_crs(crs)


def shapefile_encoding(shp: Path, override: str | None = None) -> tuple[str | None, Label]:
    """The encoding of a Shapefile's attributes and how it was chosen (for the preview).

    Returns ``(None, reason)`` when the bytes are neither UTF-8 nor CP949.
    """
    if override:
        return override, _chosen(override)
    dbf = _sidecar(shp, ".dbf")
    detected = detect_encoding(_dbf_text_bytes(dbf)) if dbf else "utf-8"
    cpg = _sidecar(shp, ".cpg")
    declared = cpg.read_text(encoding="ascii", errors="replace").strip() if cpg else ""
    declared_code = _encoding_code(declared)
    if detected is None:
        if declared_code:
            return declared_code, f"{ENCODINGS[declared_code]} (.cpg)"
        return None, message("encoding.undetermined")
    if declared_code and declared_code == detected.replace("-sig", ""):
        return detected, f"{ENCODINGS[detected]} (.cpg)"
    if declared:
        return detected, message("encoding.cpg_differs", name=ENCODINGS[detected], declared=declared)
    return detected, message("encoding.no_cpg", name=ENCODINGS[detected])


def _chosen(code: str) -> Message:
    """How a user's encoding choice reads in the preview: 'CP949 (사용자 지정)'."""
    return message("encoding.chosen", name=ENCODINGS.get(code, code))


def _encoding_code(name: str) -> str | None:
    """``cp949``/``utf-8`` for the names a .cpg or a user may give (EUC-KR, 949, UTF8, ...)."""
    key = name.strip().lower().replace("_", "-")
    if key in ("utf-8", "utf8", "65001"):
        return "utf-8"
    if key in ("cp949", "euc-kr", "euckr", "949", "ms949", "ks-c-5601-1987", "uhc", "ansi 949"):
        return "cp949"
    return None


def encoding_code(name: str | None) -> str | None:
    """A user's encoding choice as ``utf-8``/``cp949``; raises ProblemError (a ValueError) for anything else."""
    if not name:
        return None
    code = _encoding_code(name)
    if code is None:
        raise ProblemError(message("encoding_unusable", name=name))
    return code


# --- coordinate reference systems ---------------------------------------------------------------------------


def _projection_key(crs: CRS) -> tuple[object, ...] | None:
    """Projection parameters and ellipsoid, rounded: what identifies a Korean belt whatever its .prj calls it."""
    if not crs.is_projected:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        params = crs.to_dict()
    keys = ("proj", "lat_0", "lon_0", "k", "x_0", "y_0")
    values = tuple(round(v, 6) if isinstance(v, float | int) else v for v in (params.get(k) for k in keys))
    ellipsoid = crs.ellipsoid
    shape = (round(ellipsoid.semi_major_metre, 2), round(ellipsoid.inverse_flattening, 4)) if ellipsoid else None
    return (*values, shape)


def identify_crs(crs: CRS) -> tuple[CRS, Message | None]:
    """The EPSG CRS a file's CRS means, and a note when it was recognised only by its parameters.

    A ``.prj`` written by older software may name only a datum (``Bessel 1841``,
    ``Tokyo``) with no shift to WGS 84; PROJ then uses a ballpark transformation
    and everything moves by about 300 m. Matching the projection parameters to
    the Korean EPSG codes gives the right datum shift.
    """
    epsg = crs.to_epsg(min_confidence=70)
    if epsg in KOREAN_CRS_NAMES:
        return CRS.from_epsg(epsg), None
    key = _projection_key(crs)
    if key is not None:
        for code in _MATCHABLE:
            if _projection_key(CRS.from_epsg(code)) == key:
                return CRS.from_epsg(code), (
                    message("note_crs_by_parameters", name=crs.name, epsg=code, crs_name=KOREAN_CRS_NAMES[code])
                )
    return crs, None


def guess_crs(bounds: tuple[float, float, float, float]) -> list[int]:
    """The codes (``GUESS_ORDER``) that put coordinates with these bounds in Ansan; the first is the guess."""
    minx, miny, maxx, maxy = bounds
    west, south, east, north = IMPORT_BOX
    fits = []
    for code in GUESS_ORDER:
        if code == 4326:
            lon_lat = ((minx, miny), (maxx, maxy))
        else:
            transformer = Transformer.from_crs(code, 4326, always_xy=True)
            lon_lat = (transformer.transform(minx, miny), transformer.transform(maxx, maxy))
        if all(west <= lon <= east and south <= lat <= north for lon, lat in lon_lat):
            fits.append(code)
    return fits


def guess_note(codes: list[int]) -> Message:
    """What the preview says about a guessed CRS (and the other CRSs the range fits)."""
    first = codes[0]
    note = message("note_crs_guessed", epsg=first, crs_name=KOREAN_CRS_NAMES[first])
    if len(codes) > 1:
        return message("note_crs_guessed_others", guess=note, others=[f"EPSG:{c}" for c in codes[1:]])
    return note


def parse_crs(text: str) -> CRS:
    """A user's CRS (``EPSG:5186``, ``5186``); raises ProblemError (a ValueError) for one pyproj does not know."""
    value = text.strip()
    try:
        return CRS.from_user_input(int(value) if value.isdigit() else value)
    except CRSError:
        raise ProblemError(message("crs_unknown", crs=text)) from None


def no_crs_message(bounds: tuple[float, float, float, float]) -> Message:
    minx, miny, maxx, maxy = bounds
    return message("no_crs", minx=minx, maxx=maxx, miny=miny, maxy=maxy)


# --- reading -------------------------------------------------------------------------------------------------


def _looks_garbled(frame: pd.DataFrame) -> bool:
    """True when text columns hold Latin-1 noise instead of Hangul (a CP949 file read as another code page)."""
    for column in frame.columns:
        if not pd.api.types.is_string_dtype(frame[column].dtype):  # object, or pandas 3's str
            continue
        sample = " ".join(str(v) for v in frame[column].dropna().head(50))
        if _MOJIBAKE.search(sample) and not _HANGUL.search(sample):
            return True
    return False


def _vsi_path(path: Path) -> str:
    return f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)


def _utf8_text(frame: pd.DataFrame) -> bool:
    """True when every Arrow-backed text column holds valid UTF-8 (checked in C, ~20 ms at 100,000 rows)."""
    try:
        for column in frame.columns:
            if hasattr(frame[column].array, "__arrow_array__"):
                pyarrow.array(frame[column].array).validate(full=True)
    except pyarrow.ArrowInvalid:
        return False
    return True


def _read_frame(path: Path, encoding: str | None) -> tuple[gpd.GeoDataFrame, str | None, Label | None]:
    """The frame, the encoding used and how it was chosen (None, None for formats that are always UTF-8)."""
    source = _vsi_path(path)
    if path.suffix.lower() == ".shp":
        code, how = shapefile_encoding(path, encoding)
        if code is None:
            raise UnicodeError(label_text(how))
        return gpd.read_file(source, engine="pyogrio", encoding=code.replace("-sig", "")), code, how
    if path.suffix.lower() != ".zip":
        # Through Arrow: 100,000 GeoJSON features in ~1.9 s instead of ~2.5 s (types as GDAL gives them:
        # missing text as NaN, date fields as dates; validation takes both). Arrow keeps bytes that are not
        # UTF-8 (a CP949 GeoJSON) unchecked: such a file goes through the classic reader, which says so.
        try:
            frame = gpd.read_file(source, engine="pyogrio", use_arrow=True)
            if _utf8_text(frame):
                # UTF-8 as its format says: an encoding the user chose would turn its Hangul into noise.
                kept = message("encoding.kept_utf8", name=ENCODINGS[encoding]) if encoding == "cp949" else None
                return frame, None, kept
        except pyarrow.ArrowException:
            pass
        if encoding:
            # A GeoPackage or GeoJSON should be UTF-8, but some Korean tools write CP949: the user's choice reads it.
            return gpd.read_file(source, engine="pyogrio", encoding=encoding), encoding, _chosen(encoding)
    frame = gpd.read_file(source, engine="pyogrio")
    if path.suffix.lower() == ".zip" and _looks_garbled(frame):
        # A zipped Shapefile read in place (the loader's path): the bytes were not inspected.
        return (
            gpd.read_file(source, engine="pyogrio", encoding="cp949"),
            "cp949",
            message("encoding.detected", name="CP949"),
        )
    return frame, None, None


def _to_storage_crs(
    frame: gpd.GeoDataFrame, path: Path, crs: str | None
) -> tuple[gpd.GeoDataFrame | None, Label, list[Message], bool]:
    """The frame in EPSG:4326; the source CRS text, notes, and whether it was a guess. None: no CRS at all."""
    notes: list[Message] = []
    guessed = False
    if crs:
        source = parse_crs(crs)
        if frame.crs is not None and not CRS(frame.crs).equals(source):
            notes.append(
                message("note_crs_overridden", file_crs=describe_crs(CRS(frame.crs)), crs=describe_crs(source))
            )
    elif frame.crs is not None:
        source, note = identify_crs(CRS(frame.crs))
        notes += [note] if note else []
    elif path.suffix.lower() in (".geojson", ".json"):
        source = CRS.from_epsg(4326)  # RFC 7946: a GeoJSON without a crs member is WGS 84 by definition
    else:
        geometry = frame.geometry.dropna()
        codes = guess_crs(tuple(geometry.total_bounds)) if not geometry.empty else []
        if not codes:
            return None, "", notes, False
        source, guessed = CRS.from_epsg(codes[0]), True
        notes.append(guess_note(codes))
    frame = frame.set_crs(source, allow_override=True)
    crs_text = crs_label(source, guessed)
    if not source.equals(CRS(STORAGE_CRS), ignore_axis_order=True):
        frame = frame.to_crs(STORAGE_CRS)
        notes.append(message("note_crs_converted", crs=describe_crs(source)))
    else:
        frame = frame.set_crs(STORAGE_CRS, allow_override=True)
    return frame, crs_text, notes, guessed


# Why a file could not be opened or its text read, per kind of file (problem codes, worded in geo.i18n.problems).
# A GeoPackage or a GeoJSON must be UTF-8 (their formats say so), a Shapefile's .dbf may be either. What to do
# differs: a .dbf's encoding can be detected or declared in a .cpg; the others are saved again in UTF-8, or read
# with the encoding given.
_KINDS = {".gpkg": "gpkg", ".geojson": "geojson", ".json": "geojson", ".shp": "shp", ".zip": "shp"}


def not_utf8_message(suffix: str, chosen: str | None = None) -> Message:
    """Why a file's text could not be read (``.gpkg``, ``.geojson``, else a Shapefile's .dbf).

    With ``chosen`` (the encoding the user gave) the text is not that encoding either.
    """
    kind = _KINDS.get(suffix.lower(), "shp")
    if chosen:
        return message(f"encoding_chosen_{'text' if kind != 'shp' else 'dbf'}", encoding=ENCODINGS.get(chosen, chosen))
    return message(f"not_utf8_{kind}")


def unreadable_vector_message(suffix: str) -> Message:
    """Why a vector file of this kind (``.gpkg``, ``.geojson``, ``.shp``) could not be opened."""
    kind = suffix.lower()
    return message(f"unreadable_{_KINDS[kind] if kind in ('.gpkg', '.geojson', '.json', '.shp') else 'vector'}")


def read_vector(
    path: Path,
    display_name: str | None = None,
    repair: bool = True,
    *,
    encoding: str | None = None,
    crs: str | None = None,
) -> ReadResult:
    """Read a vector file into EPSG:4326.

    Parameters
    ----------
    path : Path
        GeoJSON, GeoPackage, Shapefile, or a zip holding one Shapefile.
    display_name : str, optional
        The file name to use in messages (an upload's original name).
    repair : bool
        Repair invalid polygons with ``make_valid`` and say so in ``notes``;
        when False they are left for validation to report.
    encoding : str, optional
        ``utf-8`` or ``cp949`` for a Shapefile's attributes instead of the detected one.
    crs : str, optional
        The CRS to use instead of the file's (or of the guess when it has none).
    """
    name = display_name or path.name
    report = ValidationReport()
    if not path.exists():
        report.add(name, None, None, message("file_missing"))
        return ReadResult(None, report)
    if path.stat().st_size == 0:
        report.add(name, None, None, message("file_empty"))
        return ReadResult(None, report)
    try:
        frame, _, how = _read_frame(path, encoding)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        # GDAL's text is English and names the server's temporary path: say it per kind of file instead.
        report.add(name, None, None, unreadable_vector_message(path.suffix))
        return ReadResult(None, report)
    except UnicodeError:
        report.add(name, None, None, not_utf8_message(path.suffix, chosen=encoding))
        return ReadResult(None, report)
    except (ValueError, RecursionError) as exc:
        report.add(name, None, None, message("file_unparsable", reason=_first_line(exc)))
        return ReadResult(None, report)
    notes: list[Message] = []
    converted, crs_text, crs_notes, guessed = _to_storage_crs(frame, path, crs)
    if converted is None:
        geometry = frame.geometry.dropna()
        bounds = tuple(float(v) for v in geometry.total_bounds) if not geometry.empty else (0.0, 0.0, 0.0, 0.0)
        report.add(name, None, None, no_crs_message(bounds))  # type: ignore[arg-type]
        return ReadResult(None, report)
    frame = converted
    notes += crs_notes
    if repair:
        invalid = ~frame.geometry.is_valid & frame.geometry.notna()
        if invalid.any():
            frame.loc[invalid, "geometry"] = frame.geometry[invalid].make_valid()
            rows = ", ".join(str(i + 1) for i in invalid.to_numpy().nonzero()[0])
            notes.append(message("note_geometry_repaired", count=int(invalid.sum()), rows=rows))
    return ReadResult(frame, report, notes, crs_text, how or "UTF-8", guessed)


def read_text_table(data_path: Path, encoding: str | None = None) -> tuple[pd.DataFrame, str, Message]:
    """A CSV as text columns, the encoding used and how it was chosen.

    Raises
    ------
    UnicodeError
        Neither UTF-8 nor CP949 reads the bytes cleanly (and no ``encoding`` was given).
    pandas.errors.ParserError, pandas.errors.EmptyDataError
        Not a CSV.
    """
    if encoding:
        code, how = encoding, _chosen(encoding)
        if code == "utf-8" and data_path.read_bytes()[:3] == codecs.BOM_UTF8:
            code = "utf-8-sig"
    else:
        detected = detect_encoding(data_path.read_bytes())
        if detected is None:
            raise UnicodeError("neither UTF-8 nor CP949")
        code, how = detected, message("encoding.detected", name=ENCODINGS[detected])
    frame = pd.read_csv(data_path, dtype=str, keep_default_na=False, encoding=code, encoding_errors="replace")
    return frame, code, how


def read_table(path: Path, display_name: str | None = None) -> tuple[pd.DataFrame | None, ValidationReport]:
    """Read a CSV as text columns (UTF-8 with or without BOM, or CP949)."""
    name = display_name or path.name
    report = ValidationReport()
    if not path.exists():
        report.add(name, None, None, message("file_missing"), "행")
        return None, report
    try:
        frame, _, _ = read_text_table(path)
    except UnicodeError:
        report.add(name, None, None, message("encoding_unknown"), "행")
        return None, report
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        report.add(name, None, None, message("csv_unreadable", reason=_first_line(exc)), "행")
        return None, report
    return frame, report


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
