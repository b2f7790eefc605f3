"""The kiosk's then-and-now screen (``geo.kiosk.then``): its text, cached per data revision, day and language."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.clock import city_today
from geo.kiosk.then import then_and_now, then_now_html
from ui.data import dashboard_data

#: The screen's own look, beside ``ui.kiosk.KIOSK_CSS`` (same sizes: text 24 px or more, dark on white).
THEN_NOW_CSS = """<style>
.kiosk-then-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 0 0 10px; }
.kiosk-then-row { border: 2px solid #1A1A1A; border-radius: 10px; padding: 6px 16px; }
.kiosk-then-total { font-size: 36px; font-weight: 800; color: #005A9C; line-height: 1.2; }
.kiosk-then-names { display: flex; flex-wrap: wrap; gap: 6px 8px; margin: 4px 0 6px; }
.kiosk-then-name, .kiosk-then-more { font-size: 24px; font-weight: 700; background: #E8EEF4; color: #000000;
  border-radius: 6px; padding: 2px 10px; line-height: 1.3; }
.kiosk-then-more { background: #FFFFFF; border: 2px solid #1A1A1A; }
</style>"""


@st.cache_data(max_entries=8, show_spinner=False)
def _html(revision: str, today: date, lang: str) -> str:  # noqa: ARG001 (cache key)
    data = dashboard_data()
    return then_now_html(then_and_now(data.services, data.status_history, data.plan, today, lang), lang)


def then_now_screen_html(revision: str, lang: str) -> str:
    """The screen's text as HTML (its CSS first), for the stored data as of today."""
    return THEN_NOW_CSS + _html(revision, city_today(), lang)
