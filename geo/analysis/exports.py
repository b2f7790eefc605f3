"""Downloads of tables and layers: CSV and XLSX with Korean headers, and GeoJSON.

Spreadsheets open in Excel, so two things matter: CSV is written as UTF-8
with a byte-order mark (without it Excel reads Hangul as CP949 mojibake), and
no text cell may start a formula. Any text cell beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or a full-width look-alike such as ``＝``)
is prefixed with a single quote (OWASP's advice for CSV injection); a control
character, which an XLSX cell cannot hold, is shown as U+FFFD; numbers, booleans
and dates stay as they are.

A table that leaves the dashboard keeps its context (:class:`ExportContext`):
the area, the as-of day, the data's last update, the source and, when sample
records are included, the sample note. CSV carries it as header rows above the
table; XLSX as a second sheet; a chart as a caption line (``caption``).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.analysis.aggregate import area_terms
from geo.analysis.budget import UNKNOWN_FUNDING
from geo.i18n import localized_column, t
from geo.io import STORAGE_CRS
from geo.model.schema import ALL_SCHEMAS
from geo.model.validation import CELL_CONTROL
from geo.model.vocab import (
    AREA_TERMS,
    BUDGET_BASIS_TERMS,
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    FUNDING_TERMS,
    PHASE_TERMS,
    STATUS_TERMS,
    ServiceStatus,
    Term,
    label,
)

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Korean headers of the columns that geo.analysis.aggregate and geo.analysis.history add; schema columns use the schema's labels.
AGGREGATE_LABELS_KO: dict[str, str] = {
    "count": "서비스 수",
    "operating": STATUS_TERMS[ServiceStatus.OPERATING].ko,
    "planned": STATUS_TERMS[ServiceStatus.PLANNED].ko,
    "in_progress": "추진 중(설계·구축)",
    "on_hold": STATUS_TERMS[ServiceStatus.ON_HOLD].ko,
    "cancelled": STATUS_TERMS[ServiceStatus.CANCELLED].ko,
    "services": "서비스 수",
    "total": "전체",
    "active": "추진 대상(취소 제외)",
    "share_operating": "운영 비율",
    "share": "비율",
    "year": "연도",
    "gu": "구",
    "dong": "행정동",
    "status_current": "현재 상태",
    "status_since": "상태 변경일",
    "date": "일자",
    "precision": "일자 단위",
    "label": "내용",
    "note": "비고",
    # trend by quarter (geo.analysis.trend)
    "quarter": "분기",
    "quarter_label": "분기(표기)",
    "day": "기준일",
    "design": STATUS_TERMS[ServiceStatus.DESIGN].ko,
    "building": STATUS_TERMS[ServiceStatus.BUILDING].ko,
    "projects": "사업 수",
    "budget_counted": "사업비 보도 사업 수",
    "budget_projects": "취소 제외 사업 수",
}

# Columns whose stored values are vocabulary ids, and the terms that label them.
VOCABULARY_COLUMNS: dict[str, Mapping[str, Term]] = {
    "status": STATUS_TERMS,
    "old_status": STATUS_TERMS,
    "new_status": STATUS_TERMS,
    "status_current": STATUS_TERMS,
    "domain": DOMAIN_TERMS,
    "direction": DIRECTION_TERMS,
    "area_id": AREA_TERMS,
    "phase": PHASE_TERMS,
    # Budget tables add the money whose source no report gives (geo.analysis.budget.UNKNOWN_FUNDING).
    "funding": {**FUNDING_TERMS, UNKNOWN_FUNDING: Term(UNKNOWN_FUNDING, "재원 보도되지 않음", "Not reported")},
    "budget_basis": BUDGET_BASIS_TERMS,
}


@dataclass(frozen=True)
class ExportContext:
    """What a downloaded table or picture is about, so a forwarded file keeps its meaning.

    ``area`` is the area's label ("신길2", "전체"); ``as_of`` the day the statuses
    are shown for; ``last_update`` the data's latest change; ``source`` where the
    data comes from; ``sample`` whether illustrative records are included.
    """

    area: str
    as_of: date
    last_update: date | None
    source: str
    sample: bool

    def rows(self, lang: str = "ko") -> list[tuple[str, str]]:
        """The context as (label, value) rows, in ``lang``."""
        rows = [
            (t("export.area", lang), self.area),
            (t("briefing.as_of", lang), self.as_of.isoformat()),
            (t("briefing.last_update", lang), self.last_update.isoformat() if self.last_update else "—"),
            (t("field.source", lang), self.source),
        ]
        if self.sample:
            rows.append((t("sample.short", lang), t("sample.banner", lang)))
        return rows

    def caption(self, lang: str = "ko") -> str:
        """One line for a chart picture: area · as-of · last update · source (· sample data)."""
        parts = [
            f"{name} {value}" if name != t("field.source", lang) else f"{name}: {value}"
            for name, value in self.rows(lang)[:4]
        ]
        if self.sample:
            parts.append(t("sample.short", lang))
        return " · ".join(parts)


def services_source(services: pd.DataFrame, lang: str = "ko", most: int = 2, area_id: str | None = None) -> str:
    """Where the services (of ``area_id``, or all) come from: their own sources in ``lang`` (the first
    ``most``, then how many more), or the dashboard's service data when the records name none.

    English is each record's ``source_en``, its Korean ``source`` where it has none (an imported record).
    """
    if area_id is not None:
        services = services.loc[services["area_id"] == area_id]
    sources = list(dict.fromkeys(s for s in localized_column(services, "source", lang) if s.strip()))
    if not sources:
        return t("export.source_services", lang)
    text = "; ".join(str(s) for s in sources[:most])
    return text + (f" {t('sources.more', lang, n=len(sources) - most)}" if len(sources) > most else "")


def column_labels_ko() -> dict[str, str]:
    """Korean header for every known column: schema labels first, then the aggregation columns."""
    labels: dict[str, str] = {}
    for schema in ALL_SCHEMAS:
        for name, text in schema.labels_ko.items():
            labels.setdefault(name, text)
    for name, text in AGGREGATE_LABELS_KO.items():
        labels.setdefault(name, text)
    return labels


def with_vocabulary_labels(df: pd.DataFrame, lang: str = "ko", areas: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of ``df`` with vocabulary ids (``singil2``, ``citizen``) replaced by their labels in ``lang``.

    ``areas``: the store's areas layer; an area of its own (not one of the plan's) is then labelled with the
    layer's name, as the pages show it, instead of its id.
    """
    result = df.copy()
    vocabulary = dict(VOCABULARY_COLUMNS)
    if areas is not None:
        vocabulary["area_id"] = {**AREA_TERMS, **area_terms(areas)}
    for column, terms in vocabulary.items():
        if column in result:
            result[column] = [label(terms, v, lang) if isinstance(v, str) else v for v in result[column]]
    return result


# Characters a spreadsheet may read as one of the formula prefixes: full-width and small forms (＝ ＋ － ＠ ﹦ ﹢
# ﹣), which NFKC folds to ASCII, and the minus sign. Leading spaces do not hide a prefix either.
_LOOKALIKE_PREFIXES = ("\u2212",)


def neutralise_formula(value: object) -> object:
    """``value`` made safe for a spreadsheet cell: text that would start a formula gets a leading ``'``, and a
    control character (which an XLSX cell cannot hold) is shown as U+FFFD."""
    if not isinstance(value, str):
        return value
    value = CELL_CONTROL.sub("\ufffd", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    first = unicodedata.normalize("NFKC", value.lstrip(" \u3000")[:1])
    if first.startswith(FORMULA_PREFIXES) or first.startswith(_LOOKALIKE_PREFIXES):
        return "'" + value
    return value


def _table(df: pd.DataFrame, columns_ko: Mapping[str, str] | None) -> pd.DataFrame:
    """The frame as written to a spreadsheet: no geometry, dates as ISO text, text neutralised, Korean headers."""
    table = pd.DataFrame(df.drop(columns=[c for c in df.columns if c == "geometry" or _is_geometry(df[c])]))
    for column in table.columns:
        values = table[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            table[column] = pd.Series(
                [
                    v.isoformat() if isinstance(v, date | datetime) else neutralise_formula(v)
                    for v in values.astype(object)
                ],
                index=table.index,
                dtype=object,
            )
    labels = column_labels_ko()
    if columns_ko:
        labels.update(columns_ko)
    return table.rename(columns={c: neutralise_formula(labels.get(c, c)) for c in table.columns})


def _is_geometry(series: pd.Series) -> bool:
    return isinstance(series.dtype, gpd.array.GeometryDtype)


def to_csv_bytes(
    df: pd.DataFrame,
    columns_ko: Mapping[str, str] | None = None,
    context: ExportContext | None = None,
    lang: str = "ko",
) -> bytes:
    """The table as CSV for Excel: UTF-8 with BOM, Korean headers, formula-safe text.

    With ``context``, its rows (label, value) come first, then an empty row, then the table.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table; a geometry column is left out (use :func:`to_geojson_bytes` for layers).
    columns_ko : mapping, optional
        Header per column, overriding the defaults (``geo.model.schema`` labels and
        :data:`AGGREGATE_LABELS_KO`); a column with neither keeps its name.

    Returns
    -------
    bytes
    """
    # CRLF rows, as Excel writes them; a CR inside a cell is then quoted instead of breaking the row.
    buffer = io.StringIO()
    if context is not None:
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows([[neutralise_formula(name), neutralise_formula(value)] for name, value in context.rows(lang)])
        writer.writerow([])
    _table(df, columns_ko).to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx_bytes(
    df: pd.DataFrame,
    columns_ko: Mapping[str, str] | None = None,
    sheet_name: str | None = None,
    context: ExportContext | None = None,
    lang: str = "ko",
) -> bytes:
    """The table as an Excel workbook, Korean headers, formula-safe text; ``context`` on a second sheet.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table; a geometry column is left out.
    columns_ko : mapping, optional
        Header per column, as in :func:`to_csv_bytes`.
    sheet_name : str
        Name of the sheet (at most 31 characters, as Excel allows).

    Returns
    -------
    bytes
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _table(df, columns_ko).to_excel(
            writer, sheet_name=(sheet_name or t("export.sheet_data", lang))[:31], index=False
        )
        if context is not None:
            about = pd.DataFrame(
                [(neutralise_formula(n), neutralise_formula(v)) for n, v in context.rows(lang)],
                columns=[t("export.item", lang), t("export.value", lang)],
            )
            about.to_excel(writer, sheet_name=t("export.sheet", lang), index=False)
    return buffer.getvalue()


def _layer_for_export(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy in EPSG:4326 whose date cells are ISO text and whose all-bool columns are booleans."""
    if frame.crs is None:
        raise ValueError("Cannot export a layer without a CRS. Please set a crs on the GeoDataFrame first.")
    layer = frame.to_crs(STORAGE_CRS) if frame.crs != STORAGE_CRS else frame.copy()
    for column in layer.columns:
        if column != layer.geometry.name and layer[column].dtype == object:
            values = [v.isoformat() if isinstance(v, date | datetime) else v for v in layer[column]]
            kinds = {type(v) for v in values if v is not None and not (isinstance(v, float) and pd.isna(v))}
            # A column of Python bools would otherwise be written as text.
            layer[column] = pd.array(values, dtype="boolean") if kinds == {bool} else values  # type: ignore[call-overload]  # pandas-stubs cannot see that values are bools and None here
    return layer


def to_geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """The layer as GeoJSON in WGS84 (EPSG:4326), UTF-8 without escaping Hangul.

    Dates become ISO text. The layer is reprojected to EPSG:4326 if needed.

    Raises
    ------
    ValueError
        If ``frame`` has no CRS (it cannot be reprojected safely).
    """
    text = _layer_for_export(frame).to_json(na="null", ensure_ascii=False, default=str)
    # Round-trip once so the bytes are compact, valid JSON whatever to_json chose.
    return json.dumps(json.loads(text), ensure_ascii=False).encode("utf-8")


def to_gpkg_bytes(frame: gpd.GeoDataFrame, layer: str) -> bytes:
    """The layer as a GeoPackage file (one layer named ``layer``, EPSG:4326), written by pyogrio.

    Dates become ISO text and booleans stay booleans, so QGIS opens the file as it is.

    Raises
    ------
    ValueError
        If ``frame`` has no CRS (it cannot be reprojected safely).
    """
    out = _layer_for_export(frame)
    with tempfile.TemporaryDirectory(prefix="dashboard-export-") as folder:
        path = f"{folder}/{layer}.gpkg"
        pyogrio.write_dataframe(out, path, layer=layer, driver="GPKG")
        with open(path, "rb") as handle:
            return handle.read()


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` in Helvetica (ASCII only: no font to embed), written by hand."""
    escaped = [
        line.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for line in lines
    ]
    text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(f"({line}) '" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("ascii"))
    table = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii"))
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii"))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n".encode("ascii"))
    return out.getvalue()


def failure_file(suffix: str, message_ko: str, message_en: str) -> bytes:
    """A file of the asked-for kind (``csv``, ``xlsx``, ``geojson``, ``gpkg``, ``pdf``) that says why the
    export could not be made: what a download gives instead of nothing when building it failed.

    The PDF says it in English only (it has no Korean font to embed).
    """
    if suffix == "csv":
        return f"{message_ko}\r\n{message_en}\r\n".encode("utf-8-sig")
    if suffix == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            header = f"{t('export.error', 'ko')} · {t('export.error', 'en')}"  # the file says it in both languages
            pd.DataFrame({header: [message_ko, message_en]}).to_excel(writer, sheet_name=t("export.error"), index=False)
        return buffer.getvalue()
    if suffix == "geojson":
        collection = {"type": "FeatureCollection", "features": [], "error": {"ko": message_ko, "en": message_en}}
        return json.dumps(collection, ensure_ascii=False).encode("utf-8")
    if suffix == "gpkg":
        with tempfile.TemporaryDirectory(prefix="dashboard-export-") as folder:
            path = f"{folder}/error.gpkg"
            pyogrio.write_dataframe(pd.DataFrame({"message": [message_ko, message_en]}), path, layer="error")
            with open(path, "rb") as handle:
                return handle.read()
    if suffix == "pdf":
        return _minimal_pdf(textwrap.wrap(message_en, 80))
    raise ValueError(f"no failure file for '{suffix}': choose csv, xlsx, geojson, gpkg or pdf")
