"""Reference layers (기반 시설) from public-data files: points with their own columns, previewed, then stored.

Korean public data arrives as CSV (UTF-8 or CP949) with ``위도``/``경도``,
``WGS84위도``/``WGS84경도``, ``역위도``/``역경도`` or ``Y좌표``/``X좌표`` (EPSG:5186)
columns, or as Shapefiles. The same safety checks and readers as every other
import apply; rows without a usable point (empty or non-numeric coordinates,
latitude and longitude swapped, or outside Ansan) are **refused with their
reason** and the rest make the layer. Nothing is written until
``commit_reference``; a layer with the same title replaces the stored one.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.clock import city_today
from geo.i18n import t
from geo.i18n.problems import NONE, Label, Message, message, render
from geo.importer.mapping import titled_table
from geo.importer.readers import (
    Read,
    is_table,
    on_sheet_rows,
    outside_ansan,
    points_from_table,
    read_vector_file,
)
from geo.importer.result import PROBLEMS_LISTED, ImportRejectedError, problem_lines
from geo.importer.safety import UploadLimits, checked_file, refusal, safe_upload_name, too_large
from geo.importer.text import checked_text
from geo.io import encoding_code
from geo.model.reference_layers import ReferenceLayer
from geo.model.validation import ValidationReport
from geo.spatial import city_outline as outline_of
from geo.store import Store, WriteResult

REFERENCE_LAYER = "reference"
# Dataset columns that say who provides it and as of when (the standard public-data columns).
PROVIDER_COLUMNS = ("제공기관명", "관리기관명", "운영기관명", "provider")
DATE_COLUMNS = ("데이터기준일자", "기준일자", "data_date")
# Columns never worth a popup line: codes, provenance (shown with the layer), region names every row shares.
_NOT_FOR_POPUP = re.compile(r"(코드|기준일자|제공기관명|^시도명$|^시군구명$|설치시도명|관리번호|_id$|^id$)", re.I)
_NAME_COLUMN = re.compile(r"(시설|장소|주차장|공원|역사|충전소|대상시설|역|정류장|명칭)명?$|^name|명$")
_NOT_A_NAME = re.compile(r"(시도|시군구|관리기관|제공기관|운영기관|도로|노선|업체|서비스제공사)명$")
POPUP_FIELDS = 6
# Outside the city outline by more than this is outside Ansan (points on the coast and at piers count as in).
OUTLINE_MARGIN_M = 500


@dataclass
class ReferencePreview:
    """What a reference-layer import would write; ``layer`` is None when nothing usable was read."""

    title: str
    file_name: str
    feature_count: int = 0  # rows (features) read from the file
    layer: ReferenceLayer | None = None
    report: ValidationReport = field(default_factory=ValidationReport)  # problems that stop the import
    refused: ValidationReport = field(default_factory=ValidationReport)  # rows left out, with their reason
    notes: list[Message] = field(default_factory=list)
    source_crs: Label | None = None
    encoding: Label | None = None
    crs_guessed: bool = False
    coordinates: tuple[str, str] | None = None
    replaces: tuple[str, int] | None = None  # (layer id, points) of the stored layer with the same title

    @property
    def ok(self) -> bool:
        return self.report.ok and self.layer is not None and self.layer.count > 0

    def note_lines(self, lang: str = "ko") -> list[str]:
        """The notes worded in ``lang``."""
        return [note.text(lang) for note in self.notes]

    def refused_counts(self, lang: str = "ko") -> dict[str, int]:
        """Refused rows by kind of reason, for a short summary (a row with both X and Y empty counts once)."""
        rows = dict.fromkeys((kind_of(p.code), p.row) for p in self.refused.problems)  # in file order
        return {render(kind, {}, lang): count for kind, count in Counter(kind for kind, _ in rows).most_common()}

    def refused_rows(self) -> int:
        """How many rows were left out (a row can have several problems)."""
        return len({p.row for p in self.refused.problems})

    def replace_notice(self, lang: str = "ko") -> str | None:
        """What saving does to the stored layer of the same title (all its points go), or None for a new layer."""
        if self.replaces is None:
            return None
        new = self.layer.count if self.layer is not None else 0
        return t("data.import.replaces", lang, stored=self.replaces[1], new=new)

    def summary_lines(self, limit: int = PROBLEMS_LISTED, lang: str = "ko") -> list[str]:
        """The preview as lines for the command line, in ``lang``; at most ``limit`` refused rows are listed."""

        def say(key: str, **values: object) -> str:
            return render(f"reference.{key}", values, lang)

        lines = [say("file", file=self.file_name, title=self.title), say("rows", count=self.feature_count)]
        if self.coordinates:
            lines.append(render("summary.coordinates", {"x": self.coordinates[0], "y": self.coordinates[1]}, lang))
        if self.source_crs:
            lines.append(render("summary.crs", {"crs": self.source_crs}, lang))
        if self.encoding:
            lines.append(render("summary.encoding", {"encoding": self.encoding}, lang))
        if self.layer is not None:
            layer = self.layer
            lines += [
                say("points", count=layer.count),
                say("described", provider=layer.provider, date=layer.data_date, source=layer.source),
                say("fields", name=layer.name_field, popup=list(layer.popup_fields) or NONE),
            ]
        if self.replaces:
            lines.append(say("replaces", layer=self.replaces[0], count=self.replaces[1]))
        lines += [render("summary.note", {"note": note}, lang) for note in self.notes]
        if self.refused.problems:
            counts = [say("kind_rows", kind=kind, count=count) for kind, count in self.refused_counts(lang).items()]
            lines.append(say("refused", count=self.refused_rows(), counts=counts))
            lines += [f"  - {message}" for message in self.refused.messages(lang=lang)[:limit]]
            if len(self.refused.problems) > limit:
                lines.append(say("refused_more", count=len(self.refused.problems) - limit))
        if self.ok:
            lines.append(say("ok"))
        else:
            lines += problem_lines(self.report, limit, lang)
        return lines


#: The kind of a refused row's reason (a problem code), for counting; other codes count as ``reference.kind.other``.
REFUSED_KINDS = {
    "coordinate_blank": "reference.kind.no_coordinates",
    "reference_no_point": "reference.kind.no_coordinates",
    "not_number": "reference.kind.not_number",
    "lat_lon_swapped": "reference.kind.swapped",
    "reference_outside": "reference.kind.outside",
}


def kind_of(code: str) -> str:
    """The kind of a refused row's reason (its problem code), as the code of the kind's words."""
    return REFUSED_KINDS.get(code, "reference.kind.other")


def layer_id_for(title: str, stored: list[ReferenceLayer]) -> str:
    """The stored layer's id when one has this title (so it is replaced), else a stable id from the title."""
    same = next((layer for layer in stored if layer.title_ko == title), None)
    if same is not None:
        return same.layer_id
    return "imported-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]


def _first_column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    return next((c for c in frame.columns if str(c) in names), None)


def _most_common(frame: pd.DataFrame, column: str | None) -> str | None:
    if column is None:
        return None
    values = frame[column].astype(str).str.strip()
    values = values[values != ""]
    return str(values.mode().iloc[0]) if not values.empty else None


def name_field(frame: gpd.GeoDataFrame) -> str | None:
    """The column that names a point: ``시설명``, ``공원명``, ``역사명`` ... (text, mostly different values)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    texts = [c for c in columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]
    named = [c for c in texts if _NAME_COLUMN.search(str(c)) and not _NOT_A_NAME.search(str(c))]
    for column in named + texts:
        if frame[column].astype(str).nunique() >= max(1, len(frame) // 3):
            return str(column)
    return str(texts[0]) if texts else None


def popup_fields(frame: gpd.GeoDataFrame, name: str) -> tuple[str, ...]:
    """A few useful columns for the popup: filled in, not codes or provenance, not the name."""
    chosen = []
    for column in frame.columns:
        if column in (name, frame.geometry.name) or _NOT_FOR_POPUP.search(str(column)):
            continue
        values = frame[column].astype(str).str.strip()
        if (values != "").mean() >= 0.5 and values.nunique() > 1:
            chosen.append(str(column))
    return tuple(chosen[:POPUP_FIELDS])


def _outside(frame: gpd.GeoDataFrame, outline: BaseGeometry | None) -> np.ndarray:
    """Positions of points outside Ansan: beyond the city outline (with a margin) or, without one, the box."""
    if outline is None:
        return outside_ansan(frame)
    near = gpd.GeoSeries([outline], crs=4326).to_crs(5186).buffer(OUTLINE_MARGIN_M).to_crs(4326).iloc[0]
    present = (frame.geometry.notna() & ~frame.geometry.is_empty).to_numpy()
    inside = np.zeros(len(frame), dtype=bool)
    inside[present] = frame.geometry[present].within(near).to_numpy()
    return np.flatnonzero(present & ~inside)


def _refuse_without_point(read: Read, name: str) -> ValidationReport:
    """Features of a vector file whose geometry is missing or empty (a table's rows are checked as read)."""
    report = ValidationReport()
    geometry = read.frame.geometry
    for position in np.flatnonzero((geometry.isna() | geometry.is_empty).to_numpy()):
        report.add(
            name,
            int(position) + 1,
            None,
            message("reference_no_point"),
            read.unit,
        )
    return report


def _refuse_outside(read: Read, outline: BaseGeometry | None, name: str) -> ValidationReport:
    report = ValidationReport()
    for position in _outside(read.frame, outline):
        point = read.frame.geometry.iloc[position]
        report.add(
            name,
            int(position) + 1,
            None,
            message("reference_outside", lat=point.y, lon=point.x),
            read.unit,
        )
    return report


def _read(
    readable: Path, name: str, crs: str | None, encoding: str | None, limits: UploadLimits
) -> Read | ValidationReport:
    if is_table(readable):
        table = titled_table(readable, name, REFERENCE_LAYER, encoding)
        if isinstance(table, ValidationReport):
            return table
        checked = checked_text(table.frame, name, unit="행", max_columns=limits.max_columns)
        if isinstance(checked, ValidationReport):
            return on_sheet_rows(checked, table.first_row)
        text, text_notes = checked
        read = points_from_table(text, name, crs)
        if isinstance(read, Read):
            read.encoding, read.first_row = table.encoding, table.first_row
            if table.title_note:
                read.notes.insert(0, table.title_note)
            read.notes.extend(text_notes)
        return read
    read = read_vector_file(readable, name, repair=False, encoding=encoding, crs=crs)
    if isinstance(read, ValidationReport):
        return read
    kinds = set(read.frame.geometry.geom_type.dropna())
    if not kinds <= {"Point"}:
        return refusal(name, message("reference_not_points", kinds=sorted(kinds)))
    checked = checked_text(read.frame, name, unit=read.unit, max_columns=limits.max_columns)
    if isinstance(checked, ValidationReport):
        return checked
    read.frame, text_notes = checked
    read.notes.extend(text_notes)
    return read


def _stored_layers(store: Store | None) -> list[ReferenceLayer]:
    return store.reference_layers() if store is not None and store.is_initialised() else []


def preview_reference(
    path: Path,
    *,
    title: str,
    title_en: str = "",
    licence: str = "",
    store: Store | None = None,
    city_outline: BaseGeometry | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    limits: UploadLimits | None = None,
    display_name: str | None = None,
    today: date | None = None,
) -> ReferencePreview:
    """Check and read a public-data point file as a reference layer titled ``title``; write nothing.

    Parameters
    ----------
    path : Path
        CSV or XLSX with coordinate columns, or a point GeoJSON, GeoPackage or (zipped) Shapefile.
    title : str
        The layer's title (Korean); a stored layer with the same title is replaced on commit.
    title_en, licence : str, optional
        The English title (English screens fall back to ``title``) and the licence as the
        provider states it (for example "공공누리 제1유형"); a general note when not given.
    store : Store, optional
        Read for the layers already stored and for the city outline (its boundaries).
    city_outline : shapely geometry, optional
        EPSG:4326 outline; points farther than 500 m outside it are refused. Without
        it (and without a store) a box around Ansan is used.
    crs, encoding, limits, display_name, today
        As for ``preview_import``.
    """
    path = Path(path)
    name = display_name or path.name
    preview = ReferencePreview(title=title.strip(), file_name=name)
    if not preview.title:
        preview.report.add(name, None, None, message("reference_title_missing"))
        return preview
    limits = limits or UploadLimits()
    with tempfile.TemporaryDirectory(prefix="dashboard-reference-") as workdir:
        readable = checked_file(path, name, limits, Path(workdir))
        read = (
            readable
            if isinstance(readable, ValidationReport)
            else _read(readable, name, crs, encoding_code(encoding), limits)
        )
    if isinstance(read, ValidationReport):
        preview.report.extend(read)
        return preview
    preview.source_crs, preview.encoding, preview.crs_guessed = read.source_crs, read.encoding, read.crs_guessed
    preview.coordinates, preview.feature_count = read.coordinates, len(read.frame)
    preview.notes.extend(read.notes)
    stored = _stored_layers(store)
    if city_outline is None and store is not None and store.is_initialised():
        city_outline = outline_of(store.read_layer("boundaries"))
    preview.refused.extend(read.row_problems)
    if not read.coordinates:
        preview.refused.extend(_refuse_without_point(read, name))
    preview.refused.extend(_refuse_outside(read, city_outline, name))
    preview.refused.problems.sort(key=lambda p: p.row or 0)
    refused_rows = {p.row - 1 for p in preview.refused.problems if p.row is not None}
    keep = [i for i in range(len(read.frame)) if i not in refused_rows]
    points = read.frame.iloc[keep].reset_index(drop=True)
    preview.refused = on_sheet_rows(preview.refused, read.first_row)
    if points.empty:
        preview.report.add(name, None, None, message("reference_no_usable_point"))
        return preview
    described = _Described(preview.title, title_en.strip(), licence.strip())
    preview.layer = _layer(points, described, name, stored, today or city_today())
    same = next((layer for layer in stored if layer.layer_id == preview.layer.layer_id), None)
    preview.replaces = (same.layer_id, same.count) if same is not None else None
    return preview


@dataclass(frozen=True)
class _Described:
    """What the person importing says about a layer (the file itself rarely says it)."""

    title_ko: str
    title_en: str
    licence: str


def _layer(
    points: gpd.GeoDataFrame, described: _Described, file_name: str, stored: list[ReferenceLayer], today: date
) -> ReferenceLayer:
    columns = [c for c in points.columns if c != points.geometry.name]
    points = gpd.GeoDataFrame(
        {str(c): points[c].astype(str).where(points[c].notna(), "") for c in columns},
        geometry=points.geometry.values,
        crs=points.crs,
    )
    name = name_field(points) or ""
    if not name:  # a file with no text column: number the points
        name = "번호"
        points.insert(0, name, [str(i) for i in range(1, len(points) + 1)])
    provider = _most_common(points, _first_column(points, PROVIDER_COLUMNS))
    dates = points[_first_column(points, DATE_COLUMNS)] if _first_column(points, DATE_COLUMNS) else None
    data_date = str(max(v for v in dates if v)) if dates is not None and (dates != "").any() else ""
    return ReferenceLayer(
        layer_id=layer_id_for(described.title_ko, stored),
        title_ko=described.title_ko,
        title_en=described.title_en,
        provider=provider or "파일에 제공기관 없음",
        data_date=data_date or f"미상 ({today.isoformat()} 가져옴)",
        licence=described.licence or "원본 자료의 이용 조건을 따름 (공공데이터는 제공기관 표시)",
        source=f"{file_name} ({today.isoformat()} 가져옴)",
        points=points,
        name_field=name,
        popup_fields=popup_fields(points, name),
    )


def preview_reference_upload(data: bytes, file_name: str, **options: object) -> ReferencePreview:
    """``preview_reference`` for bytes; the size limit is checked before anything is written."""
    limits = options.get("limits") or UploadLimits()
    assert isinstance(limits, UploadLimits)
    refused = too_large(file_name, len(data), limits)
    if refused is not None:
        preview = ReferencePreview(title=str(options.get("title", "")), file_name=file_name)
        preview.report.extend(refused)
        return preview
    with tempfile.TemporaryDirectory(prefix="dashboard-upload-") as folder:
        target = Path(folder) / safe_upload_name(file_name)
        target.write_bytes(data)
        return preview_reference(target, display_name=file_name, **options)  # type: ignore[arg-type]


def commit_reference(store: Store, preview: ReferencePreview, *, user: str) -> WriteResult:
    """Store a previewed layer (adds it, or replaces the layer with the same title) in one transaction.

    Raises
    ------
    geo.importer.ImportRejectedError
        The preview cannot be saved; nothing was written.
    """
    if not preview.ok or preview.layer is None:
        raise ImportRejectedError(preview)
    return store.write_reference_layer(preview.layer, user=user)
