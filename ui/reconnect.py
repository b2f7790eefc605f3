"""Streamlit glue for the kiosk's connection guard (see ``geo.reconnect``): one call at the top of the page."""

from __future__ import annotations

import streamlit as st

from geo.reconnect import reconnect_script


def connection_guard() -> None:
    """Install the calm "reconnecting" notice and the reload-on-return watcher in this tab."""
    st.html(reconnect_script(), unsafe_allow_javascript=True)
