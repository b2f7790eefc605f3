"""데이터 관리 (staff only): edit a service, import a file, back up and restore, export.

Nothing below ``require_staff`` runs for a signed-out or timed-out session: the
page then shows only the sign-in form.
"""

from functools import partial

import streamlit as st

from geo.analysis.exports import to_csv_bytes, to_geojson_bytes, to_gpkg_bytes, to_xlsx_bytes
from geo.data_manager import (
    backups_table,
    change_history_table,
    editor_name,
    search_services,
    service_labels,
    services_table,
)
from geo.details import detail_table_html, service_detail_rows
from geo.html import md_text
from geo.i18n import localized, t
from geo.mapping import MapOptions
from geo.model.vocab import STATUS_TERMS, label
from geo.store import BACKUP_KEEP, StoreError
from ui import data_tools, import_tools, state, voice
from ui import widget_keys as keys
from ui.auth import require_staff
from ui.data import dashboard_data, settings, store
from ui.frame import current_language, guarded_download, public_message, sample_notice
from ui.links import link_notice
from ui.upgrade import show_upgrade_notice

lang = current_language()
st.title(t("data.title", lang))
user = require_staff(lang)
editor = editor_name(user)
current = store()
data = dashboard_data()
st.caption(t("data.caption", lang) + " · " + t("data.store", lang, where=t(f"data.store.{current.backend}", lang)))
sample_notice(data.has_samples, lang)
link_notice("data", lang)
show_upgrade_notice(lang)  # data branch: a store made from older data files
notice = data_tools.pop_notice()
if notice:
    st.toast(md_text(notice), icon=":material/check_circle:")
    st.success(md_text(notice))

edit_tab, import_tab, backup_tab, export_tab, voice_tab = st.tabs(
    [
        t("data.tab.edit", lang),
        t("data.tab.import", lang),
        t("data.tab.backup", lang),
        t("data.tab.export", lang),
        t("voice.tab", lang),  # citizens' voice
    ],
    key=keys.DATA_TAB,  # keyed, so an upload or a save keeps the open tab instead of jumping back to the first
    on_change="rerun",
)

with edit_tab:
    labels = service_labels(data.services)
    pick_col, search_col = st.columns([2, 1])
    query = search_col.text_input(
        t("data.edit.search", lang), key=keys.EDIT_SEARCH, placeholder=t("data.edit.search_hint", lang)
    )
    matches = set(search_services(data.services, query))
    choices = [sid for sid in labels if sid in matches]
    service_id = pick_col.selectbox(
        t("data.edit.pick", lang),
        choices,
        format_func=lambda sid: labels[sid],  # choices are keys of labels
        key=keys.EDIT_SERVICE,
        placeholder=t("data.edit.placeholder", lang),
    )
    if not choices:
        st.info(t("data.edit.none_found", lang))
    if service_id:
        record = data_tools.record_for_edit(current, service_id)
        title = localized(record.values, "name", lang)
        info_col, form_col = st.columns(2, gap="large")
        with info_col:
            st.header(t("data.edit.current", lang))
            st.markdown(detail_table_html(title, service_detail_rows(record.values, lang)), unsafe_allow_html=True)
            st.caption(
                t("data.edit.version", lang, version=record.version)
                + (
                    " · "
                    + t(
                        "data.edit.last_change",
                        lang,
                        who=record.modified_by,
                        when=f"{record.modified_at:%Y-%m-%d %H:%M}",
                    )
                    if record.modified_by and record.modified_at
                    else ""
                )
            )
        with form_col:
            st.header(t("data.edit.form", lang))
            conflict = data_tools.conflict_for(service_id)
            if conflict:
                st.error(f"**{t('data.edit.conflict_title', lang)}**\n\n{md_text(conflict)}")
                latest = current.service_record(service_id)
                st.markdown(
                    detail_table_html(t("data.edit.latest", lang), service_detail_rows(latest.values, lang)[1:6]),
                    unsafe_allow_html=True,
                )
                st.caption(t("data.edit.reapply_note", lang))
                reapply_col, discard_col = st.columns(2)
                reapply_col.button(
                    t("data.edit.reapply", lang),
                    key=keys.EDIT_REAPPLY,
                    on_click=data_tools.request_reload,
                    kwargs={"keep_input": True},
                    type="primary",
                )
                discard_col.button(
                    t("data.edit.discard", lang), key=keys.EDIT_DISCARD, on_click=data_tools.request_reload
                )
            with st.form("edit_service_form", border=True):
                st.selectbox(
                    t("field.status", lang),
                    list(STATUS_TERMS),
                    format_func=lambda status: label(STATUS_TERMS, status, lang),
                    key=state.EDIT_WIDGETS["status"],
                )
                start_col, end_col, budget_col = st.columns(3)
                start_col.number_input(
                    t("data.field.start_year", lang), 2000, 2060, step=1, key=state.EDIT_WIDGETS["start_year"]
                )
                end_col.number_input(
                    t("data.field.end_year", lang), 2000, 2060, step=1, key=state.EDIT_WIDGETS["end_year"]
                )
                budget_col.number_input(
                    t("data.field.budget", lang),
                    0.0,
                    100_000.0,
                    step=0.1,
                    format="%.1f",
                    key=state.EDIT_WIDGETS["budget_krw_100m"],
                )
                st.text_input(
                    t("data.edit.reason", lang),
                    key=state.EDIT_REASON,
                    placeholder=t("data.edit.reason_hint", lang),
                    max_chars=300,
                )
                saved = st.form_submit_button(t("data.edit.save", lang), type="primary", icon=":material/save:")
            if saved:
                data_tools.save_edit(current, record, editor, title, lang)
        st.header(t("data.edit.history", lang))
        history = change_history_table(current.change_history(service_id), lang)
        if history.empty:
            st.caption(t("data.edit.no_history", lang))
        else:
            st.dataframe(history, hide_index=True, width="stretch")

with import_tab:
    import_tools.import_section(current, data, editor, lang, MapOptions(lang=lang, basemap=settings().basemap))

with backup_tab:
    if current.backend != "geopackage":
        try:
            current.list_backups()
        except StoreError as error:
            st.info(md_text(public_message(error.text(lang), lang)))
    else:
        if st.button(t("data.backup.now", lang), icon=":material/backup:", key=keys.BACKUP_NOW):
            data_tools.set_notice(t("data.backup.done", lang, name=current.backup().name))
            st.rerun()
        st.caption(t("data.backup.keep", lang, keep=BACKUP_KEEP))
        backups = current.list_backups()
        if not backups:
            st.info(t("data.backup.none", lang))
        else:
            st.dataframe(backups_table(backups, lang), hide_index=True, width="stretch")
            restore_round = state.generation(state.RESTORE_ROUND)
            chosen = st.selectbox(t("data.backup.restore", lang), [b.name for b in backups], key=keys.RESTORE_NAME)
            confirmed = st.checkbox(t("data.backup.confirm", lang), key=f"restore_confirm_{restore_round}")
            if st.button(
                t("data.backup.restore_button", lang), disabled=not confirmed, type="primary", key=keys.RESTORE
            ):
                try:
                    safety = current.restore(chosen, user=editor)
                except StoreError as error:
                    st.error(md_text(public_message(error.text(lang), lang)))
                else:
                    data_tools.set_notice(t("data.backup.restored", lang, name=chosen, safety=safety.name))
                    state.next_generation(state.RESTORE_ROUND)
                    data_tools.request_reload()
                    st.rerun()

with export_tab:
    st.caption(t("data.export.caption", lang, count=len(data.services)))
    table = services_table(data.services)
    exports = [
        ("data.export.geojson", partial(to_geojson_bytes, data.services), "geojson", "application/geo+json"),
        (
            "data.export.gpkg",
            partial(to_gpkg_bytes, data.services, "services"),
            "gpkg",
            "application/geopackage+sqlite3",
        ),
        ("data.export.csv", partial(to_csv_bytes, table), "csv", "text/csv"),
        (
            "data.export.xlsx",
            partial(to_xlsx_bytes, table, sheet_name=t("export.sheet_services", lang)),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ]
    for column, (key, payload, suffix, mime) in zip(st.columns(4), exports, strict=True):
        column.download_button(
            t(key, lang),
            guarded_download(payload, suffix),
            file_name=f"ansan_smart_services.{suffix}",
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"export_{suffix}",
            width="stretch",
        )

with voice_tab:  # citizens' voice: moderation, counts, export, purge
    voice.moderation_section(current, data, editor, settings(), lang)
