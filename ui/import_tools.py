"""Streamlit glue of the import tab: file, choices, the preview with its editable column mapping, and saving.

Previews are computed once per file, choice and store revision (cached); the
column-mapping selects send only what the user changed, so the automatic
mapping keeps saying how each column was found. Nothing is saved before the
confirm button.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.data_manager import (
    build_preview_map,
    build_reference_preview_map,
    mapping_choices,
    mapping_from_choices,
    notes_table,
    problems_tables,
    reference_rows,
)
from geo.html import md_text
from geo.i18n import t
from geo.i18n.problems import ProblemError, label_text
from geo.importer import (
    PROBLEMS_LISTED,
    REFERENCE_LAYER,
    ImportPreview,
    ReferencePreview,
    UploadLimits,
    commit_import,
    commit_reference,
    preview_reference_upload,
    preview_upload,
)
from geo.importer.mapping import how_label
from geo.loaders import DashboardData
from geo.mapping import MapOptions
from geo.model.schema import WRITE_MODES, WriteMode
from geo.store import LAYERS, Store, StoreError
from ui import data_tools, state
from ui import widget_keys as keys
from ui.frame import public_message

LAYER_KEYS = {
    "services": "layer.services",
    "areas": "layer.areas",
    "boundaries": "data.layer.boundaries",
    REFERENCE_LAYER: "data.layer.reference",
}
# "" is automatic: a None option would show as an empty placeholder after a rerun.
CRS_CHOICES = ["", "EPSG:5186", "EPSG:5179", "EPSG:5174", "EPSG:2097", "EPSG:5181", "EPSG:4326"]
ENCODING_CHOICES = ["", "utf-8", "cp949"]
ENCODING_LABELS = {"utf-8": "UTF-8", "cp949": "CP949 (EUC-KR)"}
FIRST_PROBLEMS = 5  # written out in the error box; more go to the table


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_preview(
    data: bytes,
    file_name: str,
    layer: str,
    choices: tuple[tuple[str, str | None], ...],
    revision: str,  # noqa: ARG001 (cache key)
    _store: Store,
) -> ImportPreview | ReferencePreview:
    # Keyed by the file, the choices and the store revision (ids, outline and stored layers come from the store).
    options = dict(choices)
    crs, encoding, title = options.pop("\0crs", None), options.pop("\0encoding", None), options.pop("\0title", "")
    title_en, licence = options.pop("\0title_en", None) or "", options.pop("\0licence", None) or ""
    if layer == REFERENCE_LAYER:
        return preview_reference_upload(
            data, file_name, title=title, title_en=title_en, licence=licence, store=_store, crs=crs, encoding=encoding
        )
    return preview_upload(data, file_name, layer, store=_store, mapping=options, crs=crs, encoding=encoding)


def _file_key(data: bytes, file_name: str, layer: str) -> str:
    return hashlib.sha1(data + file_name.encode() + layer.encode()).hexdigest()[:12]


def _chosen_mapping(key: str) -> dict[str, str]:
    """The mapping choices this user changed for this file (schema column → file column)."""
    return cast(dict[str, str], st.session_state.setdefault(state.IMPORT_USER_MAP_PREFIX + key, {}))


def _remember_choice(key: str, target: str, widget: str) -> None:
    _chosen_mapping(key)[target] = st.session_state[widget] or ""


def _mapping_editor(preview: ImportPreview, key: str, lang: str) -> None:
    with st.expander(t("data.import.mapping_title", lang), expanded=not preview.ok):
        st.caption(t("data.import.mapping_note", lang))
        st.code(preview.map_arguments() or "—", language=None)
        columns = st.columns(3)
        for position, choice in enumerate(mapping_choices(preview)):
            widget = f"import_map_{key}_{choice.target}"
            label = f"{choice.target} · {choice.label}" + (" *" if choice.required else "")
            columns[position % 3].selectbox(
                label,
                choice.options,
                index=choice.options.index(choice.current),
                key=widget,
                format_func=lambda option: option or t("data.import.mapping_auto", lang),
                help=t("data.import.mapping_how", lang, how=how_label(choice.how, lang)) if choice.how else None,
                on_change=_remember_choice,
                args=(key, choice.target, widget),
            )


def _problems(problems: list[Any], lang: str) -> None:
    shown, counts = problems_tables(problems, PROBLEMS_LISTED, lang)
    if len(problems) > PROBLEMS_LISTED:
        st.caption(t("data.import.p_shown", lang, total=len(problems), shown=PROBLEMS_LISTED))
    st.dataframe(shown, hide_index=True, width="stretch")
    if len(problems) > PROBLEMS_LISTED:
        st.dataframe(counts, hide_index=True, width="stretch")


def _refusal(problems: list[Any], lang: str) -> None:
    """The refusal with its first problems written out (a table is drawn on a canvas), then the table."""
    first = "".join(f"\n- {md_text(p.line(lang))}" for p in problems[:FIRST_PROBLEMS])
    st.error(t("data.import.problems", lang, count=len(problems)) + "\n" + first)
    if len(problems) > FIRST_PROBLEMS:
        _problems(problems, lang)


def _metrics(preview: ImportPreview | ReferencePreview, count_label: str, count: int, lang: str) -> None:
    count_col, read_col = st.columns([1, 3])
    count_col.metric(count_label, f"{count:,}")
    # Plain lines, not metrics: a CRS name is too long for a metric and would be cut off.
    read_col.markdown(
        f"**{t('data.import.crs_read', lang)}**: {md_text(label_text(preview.source_crs, lang) or '—')}  \n"
        f"**{t('data.import.encoding', lang)}**: {md_text(label_text(preview.encoding, lang) or '—')}"
    )
    if preview.crs_guessed:
        st.warning(t("data.import.crs_guessed", lang))
    if preview.notes:
        st.dataframe(notes_table(preview, lang), hide_index=True, width="stretch")


def _saved(message: str) -> None:
    data_tools.set_notice(message)
    state.next_generation(state.IMPORT_ROUND)
    data_tools.request_reload()
    st.rerun()


def _layer_preview(
    store: Store, data: DashboardData, preview: ImportPreview, key: str, editor: str, lang: str, options: MapOptions
) -> None:
    schema = LAYERS[preview.layer]
    _metrics(preview, t("data.import.count", lang, unit=schema.unit_ko), preview.feature_count, lang)
    if preview.columns:
        _mapping_editor(preview, key, lang)
    if preview.defaults:
        st.caption(t("data.import.defaults", lang))
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.import.default_column", lang): list(preview.defaults),
                    t("data.import.default_value", lang): list(preview.default_values(lang).values()),
                }
            ),
            hide_index=True,
            width="stretch",
        )
    st.metric(t("data.import.in_store", lang), f"{len(preview.ids_in_store):,}")
    preview_map = build_preview_map(data, preview, options)
    if preview_map is not None:
        st_folium(preview_map, height=460, use_container_width=True, returned_objects=[], key=keys.IMPORT_PREVIEW_MAP)
    if preview.ok:
        st.success(t("data.import.ok", lang))
    else:
        _refusal(preview.report.problems, lang)
    mode: WriteMode = st.radio(
        t("data.import.mode", lang),
        list(WRITE_MODES),
        format_func=lambda name: t(f"data.import.mode_{name}", lang),
        key=keys.IMPORT_MODE,
        horizontal=True,
        disabled=not preview.ok,
    )
    notice = preview.replace_notice(t(LAYER_KEYS[preview.layer], lang), lang) if mode == "replace" else None
    if notice:
        st.warning(notice, icon=":material/delete_sweep:")
    if st.button(t("data.import.confirm", lang), type="primary", disabled=not preview.ok, key=keys.IMPORT_CONFIRM):
        try:
            safety = store.backup().name if store.backend == "geopackage" else "—"
            result = commit_import(store, preview, mode=mode, user=editor)
        except StoreError as error:
            st.error(md_text(public_message(error.text(lang), lang)))
            return
        _saved(
            t(
                "data.import.saved",
                lang,
                layer=t(LAYER_KEYS[preview.layer], lang),
                rows=result.rows_written,
                removed=result.rows_removed,
                history=result.history_rows,
                backup=safety,
            )
        )


def _reference_preview(
    store: Store, data: DashboardData, preview: ReferencePreview, editor: str, lang: str, options: MapOptions
) -> None:
    count = preview.layer.count if preview.layer is not None else 0
    _metrics(preview, t("data.import.points", lang), count, lang)
    if preview.layer is not None:
        layer = preview.layer
        st.caption(
            md_text(
                t("data.import.provenance", lang, provider=layer.provider, date=layer.data_date, source=layer.source)
            )
        )
        notice = preview.replace_notice(lang)
        if notice:
            st.warning(notice, icon=":material/delete_sweep:")
        preview_map = build_reference_preview_map(data, preview, options)
        if preview_map is not None:
            st_folium(
                preview_map, height=460, use_container_width=True, returned_objects=[], key=keys.REFERENCE_PREVIEW_MAP
            )
        st.caption(t("data.import.first_rows", lang, count=min(10, count)))
        st.dataframe(reference_rows(preview), hide_index=True, width="stretch")
    if preview.refused.problems:
        st.warning(f"{t('data.import.refused', lang)}: {preview.refused_rows():,}")
        _problems(preview.refused.problems, lang)
    if preview.ok:
        st.success(t("data.import.ok", lang))
    else:
        _refusal(preview.report.problems, lang)
    if st.button(t("data.import.confirm", lang), type="primary", disabled=not preview.ok, key=keys.REFERENCE_CONFIRM):
        try:
            result = commit_reference(store, preview, user=editor)
        except StoreError as error:
            st.error(md_text(public_message(error.text(lang), lang)))
            return
        _saved(t("data.import.reference_saved", lang, title=preview.title, rows=result.rows_written))


def import_section(store: Store, data: DashboardData, editor: str, lang: str, map_options: MapOptions) -> None:
    """The whole import tab: choose, upload, preview (editable mapping), confirm."""
    limits = UploadLimits()
    layer_col, file_col = st.columns([1, 2], gap="large")
    layer = layer_col.radio(
        t("data.import.layer", lang),
        [*LAYERS, REFERENCE_LAYER],
        format_func=lambda name: t(LAYER_KEYS[name], lang),
        key=keys.IMPORT_LAYER,
    )
    crs = layer_col.selectbox(
        t("data.import.crs", lang),
        CRS_CHOICES,
        format_func=lambda code: code or t("data.import.crs_none", lang),
        key=keys.IMPORT_CRS,
    )
    encoding = layer_col.selectbox(
        t("data.import.encoding_choice", lang),
        ENCODING_CHOICES,
        format_func=lambda code: ENCODING_LABELS.get(code, t("data.import.encoding_auto", lang)),
        key=keys.IMPORT_ENCODING,
    )
    title, title_en, licence = "", "", ""
    if layer == REFERENCE_LAYER:
        title = file_col.text_input(t("data.import.title", lang), key=keys.IMPORT_TITLE, max_chars=60)
        title_en = file_col.text_input(t("data.import.title_en", lang), key=keys.IMPORT_TITLE_EN, max_chars=60)
        licence = file_col.text_input(
            t("data.import.licence", lang),
            key=keys.IMPORT_LICENCE,
            max_chars=80,
            help=t("data.import.licence_help", lang),
        )
    uploaded = file_col.file_uploader(
        t("data.import.file", lang),
        type=["geojson", "json", "gpkg", "zip", "csv", "xlsx"],
        key=f"import_file_{state.generation(state.IMPORT_ROUND)}",
        help=t("data.import.file_help", lang, limit=f"{limits.max_bytes // (1024 * 1024)} MB"),
    )
    if uploaded is None:
        return
    if layer == REFERENCE_LAYER and not title.strip():
        file_col.info(t("data.import.title_needed", lang))
        return
    raw = uploaded.getvalue()
    key = _file_key(raw, uploaded.name, layer)
    try:
        mapping = mapping_from_choices(_chosen_mapping(key)) if layer != REFERENCE_LAYER else {}
    except ProblemError as error:
        file_col.error(md_text(public_message(error.text(lang), lang)))
        return
    choices: dict[str, str | None] = {**mapping, "\0crs": crs or None, "\0encoding": encoding or None, "\0title": title}
    choices |= {"\0title_en": title_en or None, "\0licence": licence or None}
    with st.spinner(t("data.import.wait", lang)):
        preview = _cached_preview(raw, uploaded.name, layer, tuple(choices.items()), store.revision(), store)
    st.header(t("data.import.preview", lang))
    st.caption(t("data.import.preview_note", lang))
    if isinstance(preview, ReferencePreview):
        _reference_preview(store, data, preview, editor, lang, map_options)
    else:
        _layer_preview(store, data, preview, key, editor, lang, map_options)
