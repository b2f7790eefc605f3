"""What a page says about the parts of its link it did not use (``geo.links`` parses them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from geo.html import md_text
from geo.i18n import t
from geo.links import IgnoredParameter, read_language, unknown_parameters
from ui import state


def link_notice(
    page: str,
    lang: str,
    ignored: Iterable[IgnoredParameter | None] = (),
    *,
    params: Mapping[str, str] | None = None,
) -> None:
    """Show, for this session, which parameters of the link ``page`` was opened with were ignored and why.

    ``ignored``: what the page's own parsers dropped; unknown parameters and a bad ``lang`` are found here,
    in ``params`` (default: the URL now; a page that rewrites its URL passes what it was opened with).
    Kept in the session, since pages rewrite their URL (and rerun) right after opening.
    """
    params = st.query_params.to_dict() if params is None else params
    found = [
        *unknown_parameters(params, page),
        read_language(params.get("lang"))[1],
        *ignored,
    ]
    current = [item for item in found if item is not None]
    if current:
        st.session_state[state.LINK_IGNORED_PREFIX + page] = current
    shown: list[IgnoredParameter] = st.session_state.get(state.LINK_IGNORED_PREFIX + page, [])
    if shown:
        lines = "\n".join(f"- {md_text(item.message(lang))}" for item in shown)
        st.info(f"{t('link.ignored', lang)}\n\n{lines}", icon=":material/link_off:")
