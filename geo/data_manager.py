"""What the staff data-management screen shows and sends, without Streamlit.

Service choices and search, the edit diff (only fields the editor changed are
sent to ``Store.update_service``), the change history as a table with Korean
headers, the column mapping as editable choices, the backup list, the
import-preview maps and problem lists (the first 200, with counts by kind). Every text from data stays data: tables go to
``st.dataframe``, the map escapes in ``geo.mapping``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import shapely

from geo.analysis.exports import with_vocabulary_labels
from geo.auth import StaffUser
from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.i18n.problems import ProblemError, message
from geo.importer import PROBLEMS_LISTED, WKT_COLUMN, ImportPreview, ReferencePreview, problem_counts
from geo.importer.mapping import SAME_NAME
from geo.io import STORAGE_CRS
from geo.loaders import DashboardData
from geo.mapping import MapOptions, build_base_map, build_map, import_preview_layer
from geo.model.vocab import STATUS_TERMS, label
from geo.spatial import latlon_view
from geo.store import LAYERS, TRACKED_FIELDS, BackupInfo, ConflictError

# Labels of the editable fields, by i18n key (the schema's Korean labels, with English beside them).
FIELD_KEYS: dict[str, str] = {
    "status": "field.status",
    "start_year": "data.field.start_year",
    "end_year": "data.field.end_year",
    "budget_krw_100m": "data.field.budget",
}
SOURCE_KEYS: dict[str, str] = {"seed": "data.source.seed", "edit": "data.source.edit", "import": "data.source.import"}
# Margin around a previewed layer's bounds, in degrees (about 500 m), so a single point is not zoomed to the max.
PREVIEW_MARGIN_DEG = 0.005


def conflict_message(error: ConflictError, lang: str = "ko") -> str:
    """The conflict explained to the editor: the store's Korean message, or its English version."""
    if lang == "ko":
        return str(error)
    who = error.changed_by or "another user"
    when = f" at {error.changed_at:%Y-%m-%d %H:%M}" if error.changed_at else ""
    return t(
        "data.edit.conflict",
        lang,
        service_id=error.service_id,
        who=who,
        when=when,
        read=error.read_version,
        current=error.current_version,
    )


def editor_name(user: StaffUser) -> str:
    """How an editor is named in history and conflict messages: '홍길동(kim_gis)', or the username alone."""
    if user.display_name and user.display_name != user.username:
        return f"{user.display_name}({user.username})"
    return user.username


def service_labels(services: pd.DataFrame) -> dict[str, str]:
    """``service_id`` → '서비스명 · ID', sorted by Korean name, for a searchable picker."""
    ordered = services.sort_values(["name_ko", "service_id"], kind="stable")
    return {sid: f"{name} · {sid}" for sid, name in zip(ordered["service_id"], ordered["name_ko"], strict=True)}


def search_services(services: pd.DataFrame, text: str) -> list[str]:
    """Ids of services whose id, Korean or English name contains ``text`` (case-insensitive); all when blank."""
    needle = text.strip().casefold()
    if not needle:
        return list(services["service_id"])
    haystack = (
        services["service_id"].astype(str)
        + " "
        + services["name_ko"].astype(str)
        + " "
        + services["name_en"].fillna("")
    ).str.casefold()
    return list(services.loc[haystack.str.contains(needle, regex=False), "service_id"])


def _same(field: str, old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is new
    if field == "budget_krw_100m":
        return round(float(old), 4) == round(float(new), 4)
    if field in ("start_year", "end_year"):
        return int(old) == int(new)
    return str(old) == str(new)


def changed_values(loaded: Mapping[str, Any], proposed: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields whose ``proposed`` value differs from the ``loaded`` one (what to send)."""
    return {
        field: proposed[field]
        for field in TRACKED_FIELDS
        if field in proposed and not _same(field, loaded.get(field), proposed[field])
    }


def _value_text(field: str, value: Any, lang: str) -> str:
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if field == "status":
        return label(STATUS_TERMS, str(value), lang)
    if field == "budget_krw_100m":
        try:
            return f"{float(value):,.1f}"
        except ValueError:
            return str(value)
    return str(value)


def _when_text(stamp: str) -> str:
    """'2026-11-25T22:41:07+09:00' → '2026-11-25 22:41'; a date stays a date."""
    if len(stamp) <= 10:
        return stamp
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def change_history_table(history: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """``Store.change_history`` as shown to staff: newest first, labelled values, Korean (or English) headers."""
    rows = history.iloc[::-1]
    return pd.DataFrame(
        {
            t("data.history.when", lang): [_when_text(str(v)) for v in rows["changed_at"]],
            t("data.history.field", lang): [t(FIELD_KEYS.get(f, f), lang) for f in rows["field"]],
            t("data.history.old", lang): [
                _value_text(f, v, lang) for f, v in zip(rows["field"], rows["old_value"], strict=True)
            ],
            t("data.history.new", lang): [
                _value_text(f, v, lang) for f, v in zip(rows["field"], rows["new_value"], strict=True)
            ],
            t("history.by", lang): rows["changed_by"].astype(str).tolist(),
            t("history.reason", lang): localized_column(rows, "reason", lang).tolist(),
            t("data.history.source", lang): [t(SOURCE_KEYS.get(s, s), lang) for s in rows["source"]],
        }
    )


def backups_table(backups: Iterable[BackupInfo], lang: str = "ko") -> pd.DataFrame:
    """The backups, newest first: file name, when, size (KB)."""
    items = list(backups)
    return pd.DataFrame(
        {
            t("data.backup.name", lang): [b.name for b in items],
            t("data.backup.created", lang): [f"{b.created_at:%Y-%m-%d %H:%M:%S}" for b in items],
            t("data.backup.size", lang): [f"{b.size_bytes / 1024:,.0f} KB" for b in items],
        }
    )


def preview_view(preview: ImportPreview) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The map view ((south, west), (north, east)) around the previewed features, with a small margin."""
    if preview.bounds is None:
        return None
    return latlon_view(preview.bounds, margin=PREVIEW_MARGIN_DEG)


def build_preview_map(data: DashboardData, preview: ImportPreview, options: MapOptions) -> folium.Map | None:
    """The previewed features on the dashboard's map, fitted to them; None when nothing could be read.

    Services are drawn as services (status symbols, over the stored outline and
    areas). Areas and boundaries are drawn as a dashed blue layer over the base
    map; for areas the stored areas are left out, so only the new outlines show.
    """
    frame = preview.frame
    if frame is None or frame.empty:
        return None
    view = preview_view(preview)
    if preview.layer == "services":
        return build_map(data.boundaries, data.areas, frame, options, bounds=view)
    areas = data.areas.iloc[:0] if preview.layer == "areas" else data.areas
    fmap = build_base_map(data.boundaries, areas, options, bounds=view)
    schema = LAYERS[preview.layer]
    name = f"{t('data.import.preview_layer', options.lang)} ({len(frame):,})"
    import_preview_layer(gpd.GeoDataFrame(frame), schema.id_column or frame.columns[0], name).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


def notes_table(preview: ImportPreview | ReferencePreview, lang: str = "ko") -> pd.DataFrame:
    """What the import did to the data (CRS conversion, encoding, repairs), one note per row, as text."""
    return pd.DataFrame({t("data.import.notes", lang): preview.note_lines(lang)})


def services_table(services: gpd.GeoDataFrame) -> pd.DataFrame:
    """Services for a spreadsheet that imports back: vocabulary ids as their Korean labels (headers by ``geo.analysis.exports``).

    A point is written as 경도/위도 (EPSG:4326, 6 decimals, about 10 cm); a line or zone, which two
    numbers cannot hold, as WKT in 도형(WKT). The importer reads all three and the labels.
    """
    table = with_vocabulary_labels(pd.DataFrame(services.drop(columns=services.geometry.name)), "ko")
    shapes = services.geometry.to_crs(STORAGE_CRS) if services.crs is not None else services.geometry
    points = shapes.geom_type.eq("Point").to_numpy()
    table["경도"] = [round(g.x, 6) if p else None for g, p in zip(shapes, points, strict=True)]
    table["위도"] = [round(g.y, 6) if p else None for g, p in zip(shapes, points, strict=True)]
    table[WKT_COLUMN] = [
        None if p or g is None else shapely.to_wkt(g, rounding_precision=6) for g, p in zip(shapes, points, strict=True)
    ]
    return table


# --- import preview: mapping choices, problems, reference layers --------------------------------------------

FIRST_ROWS = 10


@dataclass(frozen=True)
class MappingChoice:
    """One schema column and the file column that fills it, as an editable choice."""

    target: str
    label: str
    required: bool
    options: tuple[str, ...]  # "" (none or automatic) then the file's columns
    current: str  # the file column used now, or ""
    how: str  # how it was chosen (an id of geo.importer.mapping: name, content, given, remembered, same_name), or ""


def mapping_choices(preview: ImportPreview) -> list[MappingChoice]:
    """For each column of the layer's schema, the file column mapped to it now and the file's other columns."""
    by_target = {target: source for source, target in preview.mapping.items()}
    options = ("", *preview.columns)
    choices = []
    for column in LAYERS[preview.layer].columns:
        source = by_target.get(column.name) or (column.name if column.name in preview.columns else "")
        how = preview.mapping_how.get(source, SAME_NAME if source == column.name else "") if source else ""
        choices.append(MappingChoice(column.name, column.label_ko, column.required, options, source, how))
    return choices


def mapping_from_choices(chosen: Mapping[str, str]) -> dict[str, str]:
    """Schema column → file column choices as a mapping (file column → schema column); empty choices left out.

    Raises
    ------
    ProblemError
        One file column chosen for two schema columns (a ValueError naming both, worded in either language).
    """
    mapping: dict[str, str] = {}
    for target, source in chosen.items():
        if not source or source == target:
            continue
        if source in mapping:
            raise ProblemError(message("mapping_chosen_twice", source=source, first=mapping[source], second=target))
        mapping[source] = target
    return mapping


def problems_tables(
    problems: Iterable[Any], limit: int = PROBLEMS_LISTED, lang: str = "ko"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first ``limit`` problems as a table, and every problem counted by field and kind."""
    items = list(problems)
    shown = pd.DataFrame(
        [(p.file, p.row, p.field or "", p.text(lang)) for p in items[:limit]],
        columns=[
            t("data.import.p_file", lang),
            t("data.import.p_where", lang),
            t("data.import.p_field", lang),
            t("data.import.p_message", lang),
        ],
    )
    counts = pd.DataFrame(
        problem_counts(items, lang),
        columns=[t("data.import.p_field", lang), t("data.import.p_kind", lang), t("data.import.p_count", lang)],
    )
    return shown, counts


def reference_rows(preview: ReferencePreview, count: int = FIRST_ROWS) -> pd.DataFrame:
    """The first rows of a previewed reference layer, as text (no geometry)."""
    if preview.layer is None:
        return pd.DataFrame()
    points = preview.layer.points
    return pd.DataFrame(points.drop(columns=points.geometry.name).head(count))


def build_reference_preview_map(
    data: DashboardData, preview: ReferencePreview, options: MapOptions
) -> folium.Map | None:
    """The previewed points as small circles over the city, with escaped name tooltips; None without points."""
    if preview.layer is None or preview.layer.count == 0:
        return None
    points = preview.layer.points
    view = latlon_view(points.total_bounds, margin=PREVIEW_MARGIN_DEG)
    fmap = build_base_map(data.boundaries, data.areas, options, bounds=view)
    group = folium.FeatureGroup(name=f"{escape_html(preview.title)} ({preview.layer.count:,})")
    for name, point in zip(points[preview.layer.name_field], points.geometry, strict=True):
        folium.CircleMarker(
            (point.y, point.x),
            radius=4,
            color="#0072B2",
            weight=1,
            fill=True,
            fill_opacity=0.8,
            tooltip=escape_html(name),
        ).add_to(group)
    group.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap
