"""Import staff files into the store: check safely, read, map columns, validate, preview; write only on commit.

The pipeline, in order:

1. **Safety checks before anything is parsed** (``check_upload``): file size
   (default limit 50 MB), zip archives inspected without extracting (no absolute
   or ``../`` paths, no symbolic links, no encryption, total uncompressed size
   and compression ratio limits against zip bombs, exactly one ``.shp`` or one
   GeoJSON/GeoPackage inside), GeoJSON syntax, and the feature count (default
   limit 200,000).
2. **Reading**: GeoJSON, GeoPackage and (zipped) Shapefiles through
   ``geo.io.read_vector`` (CRS EPSG:5186/5179/5174/2097/4326 to EPSG:4326,
   CP949/EUC-KR or UTF-8 attributes); CSV/XLSX with ``lon``/``lat`` (경도/위도)
   columns, or ``x``/``y`` columns with a CRS given by the caller.
3. **Column mapping** (``사업명=name_ko``), the store's remembered mapping for
   the layer overlaid by the caller's, applied before validation. Boundary files
   in the two reference layouts are mapped automatically (see
   ``BOUNDARY_LAYOUTS``).
4. **Validation** against ``geo.schema`` with ``geo.validation.validate_frame``;
   services and areas must lie in Ansan (the outline of the stored boundaries).

Invalid geometry: for ``boundaries`` and ``areas`` it is repaired with
``make_valid`` and the preview notes which features (published boundary files
carry simplification artefacts); for ``services`` it is **reported**, not
repaired, because a service's zone is drawn by staff and a silently split shape
changes what it means.

``preview_import`` returns an ``ImportPreview``; nothing is written until
``commit_import``, which refuses a preview with problems.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from geo.io import STORAGE_CRS, describe_crs, read_table, read_vector
from geo.loaders import area_consistency_report
from geo.loaders import city_outline as outline_of
from geo.store import LAYERS, Store, StoreError, WriteMode, WriteResult
from geo.validation import Problem, ValidationReport, validate_frame

MB = 1024 * 1024
VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip")
TABLE_SUFFIXES = (".csv", ".xlsx")
MODES: tuple[str, ...] = ("replace", "append")

# Coordinate columns of CSV/XLSX files, compared case-insensitively.
LON_COLUMNS = ("lon", "lng", "longitude", "경도")
LAT_COLUMNS = ("lat", "latitude", "위도")
X_COLUMNS = ("x", "x좌표")
Y_COLUMNS = ("y", "y좌표")

# Ansan's districts, for gu and city outlines derived from an imported dong layer.
GU_BY_CODE_PREFIX = {"31091": "상록구", "31092": "단원구", "41271": "상록구", "41273": "단원구"}
GU_NAMES_EN = {"상록구": "Sangnok-gu", "단원구": "Danwon-gu"}
CITY_NAME = ("안산시", "Ansan")

BOUNDARY_LAYOUTS = {
    "admdongkor": "adm_nm '경기도 안산시상록구 일동' → name_ko '일동'; sggnm '안산시상록구' → gu '상록구'; "
    "adm_cd → boundary_id 'dong-<adm_cd>'",
    "kostat2018": "name → name_ko; name_eng → name_en; code '3109151' → boundary_id 'dong-3109151', "
    "gu from the code's first five digits (31091 상록구, 31092 단원구)",
    "defaults": "level 'dong', source '가져온 파일 <file>', accuracy 'official' where the file has none",
}
"""How boundary files without the schema's columns are read (the two layouts of ``shared/reference``)."""


@dataclass(frozen=True)
class UploadLimits:
    """Limits checked before a file is parsed; lower them in tests rather than writing huge files."""

    max_bytes: int = 50 * MB
    max_features: int = 200_000
    max_uncompressed_bytes: int = 500 * MB
    max_compression_ratio: float = 100.0
    max_zip_members: int = 100
    # A member smaller than this cannot be a bomb; small .dbf files compress 20x and more.
    ratio_check_min_bytes: int = 1 * MB


@dataclass
class ImportPreview:
    """What an import would write, for the staff to check before ``commit_import``.

    Attributes
    ----------
    layer : str
        ``services``, ``areas`` or ``boundaries``.
    file_name : str
        The file's name as the user knows it (used in every message).
    feature_count : int
        Features (rows) read from the file; 0 when it could not be read.
    frame : GeoDataFrame or None
        The typed schema columns and geometry, EPSG:4326; None when unreadable.
    report : ValidationReport
        Every problem, in Korean, by feature/row number and field.
    notes : list of str
        What was done to the data: CRS conversion, encoding, repairs, dropped columns.
    mapping : dict
        The column mapping applied (source column → schema column); remembered on commit.
    derived : GeoDataFrame or None
        Rows made from the file, written with it in ``replace`` mode only (gu and
        city outlines dissolved from an imported dong layer).
    """

    layer: str
    file_name: str
    feature_count: int = 0
    frame: gpd.GeoDataFrame | None = None
    report: ValidationReport = field(default_factory=ValidationReport)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    source_crs: str | None = None
    encoding: str | None = None
    bounds: tuple[float, float, float, float] | None = None  # lon/lat: minx, miny, maxx, maxy
    ids_in_store: list[str] = field(default_factory=list)
    derived: gpd.GeoDataFrame | None = None

    @property
    def ok(self) -> bool:
        """True when the preview can be committed."""
        return self.report.ok and self.frame is not None

    def summary_lines(self) -> list[str]:
        """The preview as Korean lines, for the command line and the page."""
        schema = LAYERS[self.layer]
        lines = [
            f"파일: {self.file_name} → {schema.label_ko}({self.layer})",
            f"{schema.unit_ko} 수: {self.feature_count}",
        ]
        if self.source_crs:
            lines.append(f"좌표계: {self.source_crs}")
        if self.encoding:
            lines.append(f"문자 인코딩: {self.encoding}")
        if self.bounds:
            minx, miny, maxx, maxy = self.bounds
            lines.append(f"범위(경위도): 경도 {minx:.4f}~{maxx:.4f}, 위도 {miny:.4f}~{maxy:.4f}")
        if self.mapping:
            lines.append("열 매핑: " + ", ".join(f"{s} → {t}" for s, t in self.mapping.items()))
        if self.ids_in_store:
            lines.append(
                f"저장소에 이미 있는 ID {len(self.ids_in_store)}개: 교체(replace)하면 새 값으로 바뀌고, "
                "추가(append)는 거부됩니다"
            )
        if self.derived is not None:
            lines.append(f"함께 만들 경계: {', '.join(self.derived['name_ko'])} (교체할 때만 저장)")
        lines += [f"참고: {note}" for note in self.notes]
        if self.ok:
            lines.append("검증: 문제 없음")
        else:
            lines.append(f"검증: 문제 {len(self.report.problems)}개 (저장할 수 없습니다)")
            lines += [f"  - {message}" for message in self.report.messages()]
        return lines


class ImportRejectedError(StoreError):
    """``commit_import`` was given a preview with problems; nothing was written."""

    def __init__(self, preview: ImportPreview):
        self.preview = preview
        count = len(preview.report.problems)
        first = preview.report.messages()[:3]
        super().__init__(
            f"'{preview.file_name}'에 문제 {count}개가 있어 저장하지 않았습니다. 문제를 고친 파일로 다시 가져오세요."
            + "".join(f"\n- {m}" for m in first)
        )


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["사업명=name_ko", ...]`` → ``{"사업명": "name_ko"}``.

    Raises
    ------
    ValueError
        An item without ``=`` or with an empty side (Korean message).
    """
    mapping: dict[str, str] = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ValueError(f"열 매핑 '{item}'의 형식이 올바르지 않습니다: '원래열=스키마열' (예: 사업명=name_ko)")
        mapping[source.strip()] = target.strip()
    return mapping


def _size_text(size: float) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{int(size)}바이트"


# --- safety checks ---------------------------------------------------------------------------------------


def _is_junk(name: str) -> bool:
    """Files zip tools add on macOS, never data."""
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._") or Path(name).name == ".DS_Store"


def _inspect_zip(path: Path, name: str, limits: UploadLimits, report: ValidationReport) -> list[zipfile.ZipInfo]:
    """Check an archive's directory without extracting anything; return its members, or [] after a problem."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        report.add(name, None, None, f"압축 파일(zip)을 열 수 없습니다: 손상되었거나 zip 형식이 아닙니다 ({exc})")
        return []
    members = [i for i in infos if not i.is_dir() and not _is_junk(i.filename)]
    if len(members) > limits.max_zip_members:
        report.add(
            name, None, None, f"압축 파일 안의 파일이 {len(members)}개로 한도 {limits.max_zip_members}개를 넘습니다"
        )
        return []
    for info in members:
        member = info.filename.replace("\\", "/")
        parts = member.split("/")
        if member.startswith("/") or re.match(r"^[A-Za-z]:", member) or ".." in parts:
            report.add(
                name,
                None,
                None,
                f"압축 파일 안의 경로 '{info.filename}'이(가) 압축을 푸는 폴더 밖을 가리킵니다 (보안상 거부). "
                "절대 경로나 '../' 없이 파일만 다시 압축해 올리세요",
            )
        elif (info.external_attr >> 16) & 0o170000 == 0o120000:
            report.add(
                name,
                None,
                None,
                f"압축 파일 안의 '{info.filename}'은(는) 심볼릭 링크입니다 (보안상 거부). 실제 파일을 넣어 다시 압축하세요",
            )
        elif info.flag_bits & 0x1:
            report.add(
                name, None, None, f"압축 파일 안의 '{info.filename}'에 암호가 걸려 있습니다: 암호 없이 다시 압축하세요"
            )
    if not report.ok:
        return []
    total = sum(i.file_size for i in members)
    if total > limits.max_uncompressed_bytes:
        report.add(
            name,
            None,
            None,
            f"압축을 풀면 {_size_text(total)}로 한도 {_size_text(limits.max_uncompressed_bytes)}를 넘습니다. "
            "필요한 파일만 나누어 올리세요",
        )
        return []
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= limits.ratio_check_min_bytes and ratio > limits.max_compression_ratio:
            report.add(
                name,
                None,
                None,
                f"압축 파일 안의 '{info.filename}'의 압축률이 {ratio:,.0f}배로 비정상적으로 높습니다 "
                f"(한도 {limits.max_compression_ratio:g}배, 압축 폭탄 의심). 원본 파일을 다시 압축해 올리세요",
            )
            return []
    return members


def _data_member(members: list[zipfile.ZipInfo], name: str, report: ValidationReport) -> zipfile.ZipInfo | None:
    shapefiles = [m for m in members if m.filename.lower().endswith(".shp")]
    others = [m for m in members if m.filename.lower().endswith((".geojson", ".json", ".gpkg"))]
    candidates = shapefiles + others
    if not candidates:
        listed = ", ".join(m.filename for m in members[:8]) or "없음"
        report.add(
            name,
            None,
            None,
            f"압축 파일 안에 .shp, .geojson 또는 .gpkg 파일이 없습니다 (들어 있는 파일: {listed})",
        )
        return None
    if len(candidates) > 1:
        listed = ", ".join(m.filename for m in candidates[:8])
        report.add(
            name,
            None,
            None,
            f"압축 파일 안에 공간 데이터 파일이 {len(candidates)}개 있습니다 ({listed}): 하나만 넣어 다시 압축하세요",
        )
        return None
    chosen = candidates[0]
    if chosen in shapefiles:
        stem = chosen.filename[:-4].lower()
        present = {m.filename.lower()[len(stem) :] for m in members if m.filename.lower().startswith(stem)}
        missing = [ext for ext in (".shx", ".dbf") if ext not in present]
        if missing:
            report.add(
                name,
                None,
                None,
                f"Shapefile '{chosen.filename}'에 필요한 {', '.join(missing)} 파일이 압축 파일에 없습니다: "
                ".shp, .shx, .dbf, .prj를 함께 압축하세요",
            )
            return None
    return chosen


def _extract(path: Path, chosen: zipfile.ZipInfo, members: list[zipfile.ZipInfo], target: Path) -> Path:
    """Extract the chosen file (and a Shapefile's sidecars) flat into ``target``, never past declared sizes."""
    wanted = [chosen]
    if chosen.filename.lower().endswith(".shp"):
        stem = chosen.filename[:-4].lower()
        wanted = [m for m in members if m.filename.lower()[: len(stem) + 1] == stem + "."]
    with zipfile.ZipFile(path) as archive:
        for info in wanted:
            destination = target / Path(info.filename.replace("\\", "/")).name
            with archive.open(info) as source, destination.open("wb") as sink:
                # The reader stops at the declared size; the checks above bounded those sizes.
                shutil.copyfileobj(source, sink, 1024 * 1024)
    return target / Path(chosen.filename.replace("\\", "/")).name


def _check_json(path: Path, name: str, report: ValidationReport) -> None:
    try:
        json.loads(path.read_bytes())
    except UnicodeDecodeError:
        report.add(name, None, None, "GeoJSON은 UTF-8로 저장해야 합니다 (다른 인코딩으로 저장된 파일입니다)")
    except json.JSONDecodeError as exc:
        report.add(
            name,
            None,
            None,
            f"GeoJSON(JSON) 문법 오류: {exc.lineno}행 {exc.colno}열 근처 ({exc.msg}). "
            "텍스트 편집기나 QGIS에서 파일을 고친 뒤 다시 올리세요",
        )


def _count_features(path: Path) -> int | None:
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


def _prepare(path: Path, name: str, limits: UploadLimits, workdir: Path, report: ValidationReport) -> Path | None:
    """All checks before parsing; returns the file to read (extracted from a zip where needed)."""
    suffix = path.suffix.lower()
    if not path.exists():
        report.add(name, None, None, "파일이 없습니다: 경로를 확인하세요")
        return None
    if suffix not in VECTOR_SUFFIXES + TABLE_SUFFIXES:
        report.add(
            name,
            None,
            None,
            f"지원하지 않는 파일 형식입니다 ({suffix or '확장자 없음'}). "
            "GeoJSON, GeoPackage, 압축한 Shapefile(.zip), CSV, XLSX 중 하나로 올리세요",
        )
        return None
    size = path.stat().st_size
    if size > limits.max_bytes:
        report.add(
            name,
            None,
            None,
            f"파일 크기 {_size_text(size)}가 한도 {_size_text(limits.max_bytes)}를 넘습니다. "
            "필요한 피처만 남기거나 나누어 올리세요",
        )
        return None
    if size == 0:
        report.add(name, None, None, "파일이 비어 있습니다 (0바이트)")
        return None
    readable = path
    if suffix in (".zip", ".xlsx"):
        members = _inspect_zip(path, name, limits, report)
        if not report.ok:
            return None
        if suffix == ".zip":
            chosen = _data_member(members, name, report)
            if chosen is None:
                return None
            readable = _extract(path, chosen, members, workdir)
    if readable.suffix.lower() in (".geojson", ".json"):
        _check_json(readable, name, report)
        if not report.ok:
            return None
    if readable.suffix.lower() == ".gpkg":
        try:
            layers = [str(n) for n, kind in pyogrio.list_layers(readable) if kind is not None]
        except Exception:
            layers = []
        if len(layers) > 1:
            report.add(
                name,
                None,
                None,
                f"GeoPackage에 공간 레이어가 {len(layers)}개 있습니다 ({', '.join(layers[:8])}): 하나만 남겨 올리세요",
            )
            return None
    count = _count_features(readable)
    if count is not None and count > limits.max_features:
        report.add(
            name,
            None,
            None,
            f"피처(행)가 {count:,}개로 한도 {limits.max_features:,}개를 넘습니다. 나누어 올리세요",
        )
        return None
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
    report = ValidationReport()
    with tempfile.TemporaryDirectory(prefix="dashboard-import-") as workdir:
        _prepare(Path(path), display_name or Path(path).name, limits or UploadLimits(), Path(workdir), report)
    return report


# --- reading ---------------------------------------------------------------------------------------------


def _find_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    lookup = {str(c).strip().lower(): c for c in frame.columns}
    return next((lookup[n] for n in names if n in lookup), None)


def _points_from_table(
    frame: pd.DataFrame, name: str, crs: str | None, report: ValidationReport, notes: list[str]
) -> tuple[gpd.GeoDataFrame | None, str | None]:
    """Point geometry from coordinate columns; problems by row and field."""
    lon, lat = _find_column(frame, LON_COLUMNS), _find_column(frame, LAT_COLUMNS)
    x, y = _find_column(frame, X_COLUMNS), _find_column(frame, Y_COLUMNS)
    if lon is not None and lat is not None:
        x_column, y_column, source_crs = lon, lat, CRS.from_epsg(4326)
    elif x is not None and y is not None:
        if not crs:
            report.add(
                name,
                None,
                None,
                f"좌표 열 '{x}', '{y}'의 좌표계가 지정되지 않았습니다: 좌표계를 함께 지정하세요 (예: EPSG:5186)",
                "행",
            )
            return None, None
        try:
            source_crs = CRS.from_user_input(crs)
        except CRSError:
            report.add(name, None, None, f"좌표계 '{crs}'을(를) 알 수 없습니다 (예: EPSG:5186, EPSG:5179)", "행")
            return None, None
        x_column, y_column = x, y
    else:
        report.add(
            name,
            None,
            None,
            f"좌표 열이 없습니다: lon/lat(경도/위도) 열, 또는 x/y 열과 좌표계를 넣으세요 "
            f"(파일의 열: {', '.join(map(str, frame.columns))})",
            "행",
        )
        return None, None
    geometries: list[BaseGeometry | None] = []
    for position, (raw_x, raw_y) in enumerate(zip(frame[x_column], frame[y_column], strict=True), start=1):
        values = []
        for column, raw in ((x_column, raw_x), (y_column, raw_y)):
            text = str(raw).strip().replace(",", "")
            try:
                values.append(float(text))
            except ValueError:
                message = "좌표 값이 비어 있습니다" if not text else f"'{raw}'는 숫자가 아닙니다"
                report.add(name, position, str(column), message, "행")
        geometries.append(shapely.Point(*values) if len(values) == 2 else None)
    points = gpd.GeoDataFrame(
        frame.drop(columns=[x_column, y_column]), geometry=gpd.GeoSeries(geometries, crs=source_crs)
    )
    crs_text = describe_crs(source_crs)
    if source_crs.to_epsg() != 4326:
        points = points.to_crs(STORAGE_CRS)
        notes.append(f"좌표계 {crs_text}를 EPSG:4326(WGS 84)으로 변환했습니다")
    return points, crs_text


def _read_table_file(path: Path, name: str, report: ValidationReport) -> pd.DataFrame | None:
    if path.suffix.lower() == ".csv":
        frame, table_report = read_table(path, name)
        report.extend(table_report)
        return frame
    try:
        return pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        report.add(name, None, None, f"XLSX로 읽을 수 없습니다 (손상되었거나 형식이 다릅니다): {exc}", "행")
        return None


def _apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str], layer: str, name: str, report: ValidationReport, notes: list[str]
) -> dict[str, str]:
    """Rename columns in place; return the mapping entries that applied."""
    allowed = set(LAYERS[layer].column_names) | set(LON_COLUMNS + LAT_COLUMNS + X_COLUMNS + Y_COLUMNS)
    applied: dict[str, str] = {}
    for source, target in mapping.items():
        if target not in allowed:
            report.add(
                name,
                None,
                source,
                f"매핑 대상 '{target}'은(는) {LAYERS[layer].label_ko}의 열이 아닙니다 "
                f"(가능: {', '.join(LAYERS[layer].column_names)})",
            )
            continue
        if source not in frame.columns:
            continue
        if target in frame.columns and target != source:
            report.add(
                name, None, source, f"열 '{target}'이(가) 이미 있어 '{source}'을(를) '{target}'(으)로 바꿀 수 없습니다"
            )
            continue
        applied[source] = target
    if applied:
        frame.columns = [applied.get(c, c) for c in frame.columns]
        notes.append("열 이름을 바꿨습니다: " + ", ".join(f"{s} → {t}" for s, t in applied.items()))
    return applied


def _gu_name(value: object) -> str | None:
    text = str(value or "").strip()
    # '안산시상록구' → '상록구': the gu is what follows the city's name.
    return text.rsplit("시", 1)[-1] if text.endswith("구") and "시" in text else (text or None)


def _apply_boundary_layout(frame: gpd.GeoDataFrame, name: str, notes: list[str]) -> gpd.GeoDataFrame:
    """Read the reference dong layouts (``BOUNDARY_LAYOUTS``) as the BOUNDARIES schema."""
    if "name_ko" in frame.columns:
        layout = None
    elif "adm_nm" in frame.columns:
        layout = "admdongkor"
        frame["name_ko"] = frame["adm_nm"].astype(str).str.split().str[-1]
        code_column = "adm_cd" if "adm_cd" in frame.columns else "adm_cd2"
        if "boundary_id" not in frame.columns and code_column in frame.columns:
            frame["boundary_id"] = "dong-" + frame[code_column].astype(str).str.strip()
        if "gu" not in frame.columns:
            source = frame["sggnm"] if "sggnm" in frame.columns else frame["adm_nm"].astype(str).str.split().str[1]
            frame["gu"] = [_gu_name(v) for v in source]
    elif {"name", "code"} <= set(frame.columns):
        layout = "kostat2018"
        frame["name_ko"] = frame["name"].astype(str).str.strip()
        if "name_eng" in frame.columns and "name_en" not in frame.columns:
            frame["name_en"] = frame["name_eng"]
        codes = frame["code"].astype(str).str.strip()
        if "boundary_id" not in frame.columns:
            frame["boundary_id"] = "dong-" + codes
        if "gu" not in frame.columns:
            frame["gu"] = [GU_BY_CODE_PREFIX.get(c[:5]) for c in codes]
    else:
        return frame
    if layout:
        notes.append(f"행정동 경계 파일 형식({layout})을 행정 경계 열로 바꿨습니다: {BOUNDARY_LAYOUTS[layout]}")
    defaults = {"level": "dong", "source": f"가져온 파일 {name}", "accuracy": "official"}
    filled = [f"{column}='{value}'" for column, value in defaults.items() if column not in frame.columns]
    for column, value in defaults.items():
        if column not in frame.columns:
            frame[column] = value
    if filled:
        notes.append(f"파일에 없는 열을 기본값으로 채웠습니다: {', '.join(filled)} (다르면 파일에 해당 열을 넣으세요)")
    return frame


def _derive_upper_levels(dongs: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    """Gu and city outlines dissolved from dongs, so a dong-only import keeps every map layer."""
    if set(dongs["level"]) != {"dong"} or dongs["gu"].isna().any():
        return None
    rows = []
    for gu, group in dongs.groupby("gu", sort=False):
        digits = re.sub(r"\D", "", str(group["boundary_id"].iloc[0]))
        boundary_id = f"gu-{digits[:5]}" if len(digits) >= 5 else f"gu-{gu}"
        geometry = shapely.make_valid(group.geometry.union_all())
        rows.append((boundary_id, "gu", gu, GU_NAMES_EN.get(gu), gu, geometry))
    digits = re.sub(r"\D", "", str(dongs["boundary_id"].iloc[0]))
    city_id = f"city-{digits[:4]}0" if len(digits) >= 4 else "city"
    rows.append((city_id, "city", CITY_NAME[0], CITY_NAME[1], None, shapely.make_valid(dongs.geometry.union_all())))
    derived = gpd.GeoDataFrame(
        [r[:5] for r in rows],
        columns=["boundary_id", "level", "name_ko", "name_en", "gu"],
        geometry=[r[5] for r in rows],
        crs=STORAGE_CRS,
    ).astype({c: object for c in ("boundary_id", "level", "name_ko", "name_en", "gu")})
    derived["source"] = f"{dongs['source'].iloc[0]}의 행정동을 합쳐 만든 경계"
    derived["accuracy"] = dongs["accuracy"].iloc[0]
    return derived[[*LAYERS["boundaries"].column_names, "geometry"]]


# --- the preview -----------------------------------------------------------------------------------------


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
        CRS of ``x``/``y`` columns in CSV/XLSX, e.g. ``"EPSG:5186"``.
    limits : UploadLimits, optional
        Size, feature and archive limits.
    display_name : str, optional
        The name used in messages (an upload's original file name).
    repair : bool, optional
        Repair invalid geometry with a note (default: True for boundaries and
        areas, False for services, whose invalid geometry is reported).

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
        raise ValueError(f"레이어 '{layer}'은(는) 없습니다 (가능: {', '.join(LAYERS)})")
    schema = LAYERS[layer]
    path = Path(path)
    name = display_name or path.name
    preview = ImportPreview(layer=layer, file_name=name)
    report, notes = preview.report, preview.notes
    limits = limits or UploadLimits()
    repair = layer != "services" if repair is None else repair
    stored = store is not None and store.is_initialised()
    is_table = path.suffix.lower() in TABLE_SUFFIXES

    with tempfile.TemporaryDirectory(prefix="dashboard-import-") as workdir:
        readable = _prepare(path, name, limits, Path(workdir), report)
        if readable is None:
            return preview
        effective = {**(store.column_mapping(layer) if stored else {}), **dict(mapping or {})}
        if is_table:
            table = _read_table_file(readable, name, report)
            if table is None:
                return preview
            preview.mapping = _apply_mapping(table, effective, layer, name, report, notes)
            frame, preview.source_crs = _points_from_table(table, name, crs, report, notes)
            if frame is None:
                return preview
            preview.encoding = "UTF-8 또는 CP949 (자동 판별)" if readable.suffix.lower() == ".csv" else None
        else:
            result = read_vector(readable, display_name=name, repair=repair)
            report.extend(result.report)
            if result.frame is None:
                return preview
            frame, preview.source_crs = result.frame, result.source_crs
            notes.extend(result.notes)
            preview.encoding = _encoding_of(readable, result.encoding)
            preview.mapping = _apply_mapping(frame, effective, layer, name, report, notes)
    preview.feature_count = len(frame)

    if len(frame) and frame.geometry.notna().any():
        minx, miny, maxx, maxy = (float(v) for v in frame.geometry.dropna().total_bounds)
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            report.add(
                name,
                None,
                None,
                f"좌표 값이 경위도 범위를 벗어납니다 (x {minx:,.0f}~{maxx:,.0f}, y {miny:,.0f}~{maxy:,.0f}). "
                f"파일은 좌표계를 {preview.source_crs}로 밝히지만 좌표는 투영 좌표(예: EPSG:5186, 5179)로 보입니다: "
                "파일의 좌표계 정보(GeoJSON의 crs, Shapefile의 .prj)를 실제 좌표계로 고쳐 다시 올리세요",
            )
            return preview
    if len(frame) == 0:
        report.add(
            name, None, None, f"{schema.label_ko} {schema.unit_ko}가 하나도 없습니다: 빈 파일로는 바꿀 수 없습니다"
        )
        return preview

    if layer == "boundaries":
        frame = _apply_boundary_layout(frame, name, notes)
    if not report.ok:
        return preview
    extra = [c for c in frame.columns if c not in schema.column_names and c != frame.geometry.name]
    if extra:
        notes.append(f"스키마에 없는 열 {len(extra)}개는 저장하지 않습니다: {', '.join(map(str, extra))}")

    outline = city_outline
    if outline is None and stored and schema.must_lie_in_city:
        outline = outline_of(store.read_layer("boundaries"))
    if schema.must_lie_in_city and outline is None:
        notes.append("안산시 경계 안에 있는지는 확인하지 않았습니다 (경계 자료 없음)")
    typed, validation = validate_frame(frame, schema, name, outline)
    if is_table:
        validation = ValidationReport([Problem(p.file, p.row, p.field, p.message, "행") for p in validation.problems])
    report.extend(validation)
    if not report.ok:
        missing = [p for p in validation.problems if p.row is None and p.message.startswith("필수 열")]
        if missing:
            report.add(
                name,
                None,
                None,
                f"파일의 열: {', '.join(map(str, frame.columns.drop(frame.geometry.name, errors='ignore')))}. "
                "열 이름이 다르면 열 매핑을 지정하세요 (예: 사업명=name_ko)",
            )
        return preview

    result_frame = gpd.GeoDataFrame(
        {c: typed[c] for c in schema.column_names}, geometry=typed.geometry.values, crs=STORAGE_CRS
    ).reset_index(drop=True)
    if layer == "services" and stored:
        # Same cross-check as the loader: a service said to be in an area must lie in (or touch) it.
        report.extend(
            area_consistency_report(result_frame, store.read_layer("areas"), name, "행" if is_table else "피처")
        )
        if not report.ok:
            return preview
    preview.frame = result_frame
    preview.bounds = tuple(float(v) for v in result_frame.total_bounds)  # type: ignore[assignment]
    if stored:
        existing = set(store.read_layer(layer)[schema.id_column])  # type: ignore[arg-type]
        preview.ids_in_store = [i for i in result_frame[schema.id_column] if i in existing]
    if layer == "boundaries":
        preview.derived = _derive_upper_levels(result_frame)
        if preview.derived is not None:
            notes.append(
                f"행정동 {len(result_frame)}개를 합쳐 구 경계와 시 경계 {len(preview.derived)}개를 만들었습니다 "
                "(교체할 때 함께 저장)"
            )
    return preview


def _encoding_of(readable: Path, detected: str | None) -> str | None:
    cpg = readable.with_suffix(".cpg")
    if readable.suffix.lower() == ".shp" and cpg.exists():
        return f"{cpg.read_text(encoding='ascii', errors='replace').strip().upper()} (.cpg)"
    if detected == "cp949":
        return "CP949 (자동 판별)"
    return "UTF-8" if readable.suffix.lower() in (".geojson", ".json", ".shp") else None


def preview_upload(data: bytes, file_name: str, layer: str, **options: object) -> ImportPreview:
    """``preview_import`` for bytes (e.g. Streamlit's ``UploadedFile.getvalue()``).

    The size limit is checked before anything is written to a temporary file.
    ``options`` are those of ``preview_import``.
    """
    limits = options.get("limits") or UploadLimits()
    assert isinstance(limits, UploadLimits)
    safe_name = re.sub(r"[^\w.\-가-힣]", "_", Path(file_name).name) or "upload"
    if len(data) > limits.max_bytes:
        preview = ImportPreview(layer=layer, file_name=file_name)
        preview.report.add(
            file_name,
            None,
            None,
            f"파일 크기 {_size_text(len(data))}가 한도 {_size_text(limits.max_bytes)}를 넘습니다. "
            "필요한 피처만 남기거나 나누어 올리세요",
        )
        return preview
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        target = Path(folder) / safe_name
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
    if mode not in MODES:
        raise StoreError(f"가져오기 방식 '{mode}'은(는) 없습니다 (replace 또는 append)")
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
