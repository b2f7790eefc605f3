"""Streamlit glue of the data-management page: edit-form state, saving an edit, and import previews.

An edit must state the version the editor *read*, not the version stored when
they press save, or optimistic concurrency would never notice a conflict. So
the record is loaded once when a service is chosen (or on request) and kept in
the session; the form's widgets are seeded from it, and after a conflict they
keep the editor's input so it can be re-applied to the latest version.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.data_manager import changed_values, conflict_message
from geo.html import md_text
from geo.i18n import t
from geo.store import ConflictError, InvalidChangeError, ServiceRecord, Store, StoreError
from ui import state
from ui.frame import public_message


def _widgets_missing() -> bool:
    # Streamlit drops a widget's state when a run does not draw it (another page was open).
    return any(key not in st.session_state for key in state.EDIT_WIDGETS.values())


def _seed_widgets(record: ServiceRecord) -> None:
    for field, key in state.EDIT_WIDGETS.items():
        value = record.values[field]
        st.session_state[key] = float(value) if field == "budget_krw_100m" and value is not None else value
    st.session_state[state.EDIT_REASON] = ""


def record_for_edit(store: Store, service_id: str) -> ServiceRecord:
    """The record the current edit is based on: loaded when the service changes or a reload was asked for.

    Call before the form's widgets are drawn (their values are seeded here).
    """
    loaded: ServiceRecord | None = st.session_state.get(state.EDIT_LOADED)
    reload = st.session_state.pop(state.EDIT_RELOAD, None)
    if loaded is None or loaded.service_id != service_id or reload:
        previous, loaded = loaded, store.service_record(service_id)
        st.session_state[state.EDIT_LOADED] = loaded
        if reload == "keep_input" and previous is not None and previous.service_id == service_id:
            # Re-apply only what this editor changed, on top of the latest values: fields they did not
            # touch take the other editor's values instead of silently reverting them.
            mine = changed_values(previous.values, form_values())
            reason = st.session_state.get(state.EDIT_REASON, "")
            _seed_widgets(loaded)
            for field, value in mine.items():
                st.session_state[state.EDIT_WIDGETS[field]] = value
            st.session_state[state.EDIT_REASON] = reason
        else:
            st.session_state.pop(state.EDIT_CONFLICT, None)
            _seed_widgets(loaded)
    if _widgets_missing():
        _seed_widgets(loaded)
    return loaded


def request_reload(keep_input: bool = False) -> None:
    """Load the stored record on the next run; ``keep_input`` leaves the form's values as typed."""
    st.session_state[state.EDIT_RELOAD] = "keep_input" if keep_input else "reset"
    if keep_input:
        st.session_state.pop(state.EDIT_CONFLICT, None)


def form_values() -> dict[str, Any]:
    """The editable fields as the form holds them now."""
    return {field: st.session_state.get(key) for field, key in state.EDIT_WIDGETS.items()}


def set_conflict(service_id: str, message: str) -> None:
    st.session_state[state.EDIT_CONFLICT] = (service_id, message)


def conflict_for(service_id: str) -> str | None:
    """The conflict message pending for ``service_id``, if its last save was refused."""
    pending = st.session_state.get(state.EDIT_CONFLICT)
    return pending[1] if pending and pending[0] == service_id else None


def set_notice(text: str) -> None:
    """A success message shown (and toasted) once on the next run."""
    st.session_state[state.EDIT_NOTICE] = text


def pop_notice() -> str | None:
    notice: str | None = st.session_state.pop(state.EDIT_NOTICE, None)
    return notice


def save_edit(store: Store, record: ServiceRecord, editor: str, title: str, lang: str) -> None:
    """Send the form's changes with the version read; on success rerun with a notice, else explain here.

    A stale version keeps the editor's input and shows who changed the service
    first (``ConflictError``); invalid values show the report by field.
    """
    reason = (st.session_state.get(state.EDIT_REASON) or "").strip()
    changes = changed_values(record.values, form_values())
    if not changes:
        st.info(t("data.edit.no_change", lang))
        return
    if not reason:
        st.error(t("data.edit.need_reason", lang))
        return
    try:
        saved = store.update_service(record.service_id, record.version, changes, user=editor, reason=reason)
    except ConflictError as error:
        set_conflict(record.service_id, conflict_message(error, lang))
        st.rerun()
    except InvalidChangeError as error:
        st.error(md_text(public_message(error.text(lang), lang)))
        st.dataframe(error.report.to_frame(lang=lang), hide_index=True)
        return
    except StoreError as error:
        st.error(md_text(public_message(error.text(lang), lang)))
        return
    set_notice(t("data.edit.saved", lang, name=title, version=saved.version))
    request_reload()
    st.rerun()
