"""Read vector and table files the way Korean GIS data arrives, into EPSG:4326.

Handles GeoJSON (with or without the legacy ``crs`` member), GeoPackage and
Shapefiles (plain or zipped) in EPSG:5186, 5179, 5174, 2097 or 4326, with
attributes in UTF-8 or CP949/EUC-KR (from the ``.cpg`` or detected), and CSV
files. Problems come back as a ``ValidationReport``, never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from geo.validation import NOT_UTF8, ValidationReport

STORAGE_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:5186"  # Korea 2000 / Central Belt 2010: areas and distances
KOREAN_CRS_NAMES = {
    5186: "Korea 2000 / Central Belt 2010",
    5179: "Korea 2000 / Unified CS",
    5174: "Korean 1985 / Modified Central Belt",
    2097: "Korean 1985 / Central Belt",
    4326: "WGS 84",
}

# Latin-1 letters that UTF-8 or CP949 Hangul turns into when decoded wrongly.
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff]{2,}")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class ReadResult:
    frame: gpd.GeoDataFrame | None
    report: ValidationReport
    notes: list[str] = field(default_factory=list)  # what was done to the data, for the preview
    source_crs: str | None = None
    encoding: str | None = None


def describe_crs(crs: CRS | None) -> str:
    if crs is None:
        return "없음"
    epsg = crs.to_epsg(min_confidence=70)
    if epsg is None:
        return crs.name
    return f"EPSG:{epsg} ({KOREAN_CRS_NAMES.get(epsg, crs.name)})"


def _looks_garbled(frame: pd.DataFrame) -> bool:
    """True when text columns hold Latin-1 noise instead of Hangul (a CP949 file read as another code page)."""
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        sample = " ".join(str(v) for v in frame[column].dropna().head(50))
        if _MOJIBAKE.search(sample) and not _HANGUL.search(sample):
            return True
    return False


def _vsi_path(path: Path) -> str:
    return f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)


def read_vector(path: Path, display_name: str | None = None, repair: bool = True) -> ReadResult:
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
    """
    name = display_name or path.name
    report = ValidationReport()
    notes: list[str] = []
    if not path.exists():
        report.add(name, None, None, "파일이 없습니다")
        return ReadResult(None, report)
    if path.stat().st_size == 0:
        report.add(name, None, None, "파일이 비어 있습니다 (0바이트)")
        return ReadResult(None, report)
    source = _vsi_path(path)
    encoding = None
    try:
        frame = gpd.read_file(source, engine="pyogrio")
        if _looks_garbled(frame):
            encoding = "cp949"
            frame = gpd.read_file(source, engine="pyogrio", encoding=encoding)
            notes.append("속성 문자 인코딩을 CP949(EUC-KR)로 판단해 다시 읽었습니다")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        report.add(
            name, None, None, f"공간 데이터 파일로 읽을 수 없습니다 (손상되었거나 형식이 다릅니다): {_first_line(exc)}"
        )
        return ReadResult(None, report)
    except UnicodeDecodeError:
        report.add(name, None, None, NOT_UTF8)
        return ReadResult(None, report)
    except ValueError as exc:
        report.add(name, None, None, f"파일을 해석할 수 없습니다: {_first_line(exc)}")
        return ReadResult(None, report)

    source_crs = frame.crs
    if source_crs is None:
        if path.suffix.lower() in (".geojson", ".json"):
            # RFC 7946: a GeoJSON without a crs member is WGS 84 by definition.
            frame = frame.set_crs(STORAGE_CRS)
            source_crs = frame.crs
        else:
            report.add(name, None, None, "좌표계 정보가 없습니다 (.prj 파일을 함께 올리거나 좌표계를 지정하세요)")
            return ReadResult(None, report)
    crs_text = describe_crs(source_crs)
    if not CRS(source_crs).equals(CRS(STORAGE_CRS), ignore_axis_order=True):
        frame = frame.to_crs(STORAGE_CRS)
        notes.append(f"좌표계 {crs_text}를 EPSG:4326(WGS 84)으로 변환했습니다")
    else:
        frame = frame.set_crs(STORAGE_CRS, allow_override=True)

    if repair:
        invalid = ~frame.geometry.is_valid & frame.geometry.notna()
        if invalid.any():
            frame.loc[invalid, "geometry"] = frame.geometry[invalid].make_valid()
            rows = ", ".join(str(i + 1) for i in invalid.to_numpy().nonzero()[0])
            notes.append(f"올바르지 않은 도형 {int(invalid.sum())}개를 자동 보정했습니다 ({rows}번째 피처)")
    return ReadResult(frame, report, notes, crs_text, encoding or "utf-8")


def read_table(path: Path, display_name: str | None = None) -> tuple[pd.DataFrame | None, ValidationReport]:
    """Read a CSV as text columns (UTF-8 with or without BOM, or CP949)."""
    name = display_name or path.name
    report = ValidationReport()
    if not path.exists():
        report.add(name, None, None, "파일이 없습니다", "행")
        return None, report
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding), report
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            report.add(name, None, None, f"CSV로 읽을 수 없습니다: {_first_line(exc)}", "행")
            return None, report
    report.add(name, None, None, "문자 인코딩을 알 수 없습니다 (UTF-8 또는 CP949로 저장하세요)", "행")
    return None, report


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
