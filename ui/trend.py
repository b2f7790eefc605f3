"""The trend by quarter for the pages: computed once per stored data, day and language (``geo.analysis.trend``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from geo.analysis.trend import trend_by_quarter
from ui.data import dashboard_data, data_key


# A resource, not data: the frame is shared (never changed in place) and keeps its attrs (the last BudgetSummary).
@st.cache_resource(show_spinner=False, max_entries=8)
def _trend(key: tuple[Any, ...], until: date, lang: str) -> pd.DataFrame:  # noqa: ARG001 (cache key)
    data = dashboard_data()
    return trend_by_quarter(data.services, data.status_history, until, lang)


def quarterly_trend(until: date, lang: str) -> pd.DataFrame:
    """``geo.analysis.trend.trend_by_quarter`` of the stored data up to ``until`` (the page's 기준일), in ``lang``."""
    return _trend(data_key(), until, lang)
