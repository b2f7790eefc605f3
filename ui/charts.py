"""A chart with its data: the figure, a PNG button in its toolbar, and CSV/XLSX of the same table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.exports import column_labels_ko, to_csv_bytes, to_xlsx_bytes, with_vocabulary_labels
from geo.i18n import t


def chart_with_data(fig: go.Figure, data: pd.DataFrame, file_stem: str, lang: str, downloads: bool = True) -> None:
    """Show ``fig``; offer ``data`` (what the chart draws) with Korean headers, safe against formula injection."""
    st.plotly_chart(
        fig,
        width="stretch",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
        },
        key=f"chart_{file_stem}",
    )
    if not downloads:
        return
    table = with_vocabulary_labels(data, lang)
    headers = column_labels_ko() if lang == "ko" else None
    csv_col, xlsx_col, hint_col = st.columns([1, 1, 3])
    csv_col.download_button(
        t("download.csv", lang),
        to_csv_bytes(table, headers),
        f"{file_stem}.csv",
        "text/csv",
        key=f"csv_{file_stem}",
        icon=":material/download:",
    )
    xlsx_col.download_button(
        t("download.xlsx", lang),
        to_xlsx_bytes(table, headers),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{file_stem}",
        icon=":material/download:",
    )
    hint_col.caption(t("download.hint", lang))


def table(data: pd.DataFrame, lang: str) -> None:
    """A table with the same labels as the downloads: vocabulary labels, Korean headers on Korean screens."""
    shown = with_vocabulary_labels(data, lang)
    headers = column_labels_ko() if lang == "ko" else {}
    # Shares are stored as 0–1; show them as percentages.
    formats = {
        headers.get(c, c): st.column_config.NumberColumn(format="percent")
        for c in data.columns
        if c.startswith("share_")
    }
    st.dataframe(shown.rename(columns=headers), hide_index=True, column_config=formats)
