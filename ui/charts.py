"""A chart with its data: the figure, a PNG button in its toolbar, and CSV/XLSX of the same table.

Every download keeps its context (``geo.analysis.exports.ExportContext``): CSV and XLSX
carry the area, the as-of day, the data's last update, the source and the
sample note; the chart itself (and so its PNG) carries the same as a caption
line. The files are built only when the button is pressed, not on every rerun.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.analysis.exports import ExportContext, column_labels_ko, to_csv_bytes, to_xlsx_bytes, with_vocabulary_labels
from geo.charts import chart_title, no_data_message, with_caption
from geo.html import md_text
from geo.i18n import t
from ui.data import dashboard_data
from ui.frame import guarded_download

_CAPTIONED: OrderedDict[tuple[int, str], tuple[go.Figure, go.Figure]] = OrderedDict()
_CAPTIONED_LOCK = threading.Lock()
_CAPTIONED_MAX = 32


def captioned_figure(fig: go.Figure, caption: str) -> go.Figure:
    """``with_caption(fig, caption)``, kept for the same figure object and caption.

    The everyday pages pass figures built once per data revision (``ui.revision_cache``), so the copy
    with its caption (50–70 ms each, a validated copy) is made once, not on every visit. The entry holds
    the figure itself, so its ``id`` cannot be reused by another object while the entry lives; both are
    shared and never changed in place.
    """
    key = (id(fig), caption)
    with _CAPTIONED_LOCK:
        hit = _CAPTIONED.get(key)
        if hit is not None and hit[0] is fig:
            _CAPTIONED.move_to_end(key)
            return hit[1]
    result = with_caption(fig, caption)
    with _CAPTIONED_LOCK:
        _CAPTIONED[key] = (fig, result)
        while len(_CAPTIONED) > _CAPTIONED_MAX:
            _CAPTIONED.popitem(last=False)
    return result


def chart_with_data(
    fig: go.Figure,
    data: pd.DataFrame,
    file_stem: str,
    lang: str,
    context: ExportContext | None = None,
    downloads: bool = True,
) -> None:
    """Show ``fig`` (with ``context`` as its caption line); offer ``data`` (what the chart draws) as CSV/XLSX.

    A chart with nothing to draw (``geo.charts.no_data``) is a sentence instead: its title and message,
    no empty frame and no downloads of an empty table.
    """
    if (message := no_data_message(fig)) is not None:
        st.markdown(f"**{md_text(chart_title(fig))}**  \n{md_text(message)}")
        return
    if context is not None:
        fig = captioned_figure(fig, context.caption(lang))
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
    headers = column_labels_ko() if lang == "ko" else None

    def csv_bytes() -> bytes:
        return to_csv_bytes(with_vocabulary_labels(data, lang, dashboard_data().areas), headers, context, lang)

    def xlsx_bytes() -> bytes:
        return to_xlsx_bytes(
            with_vocabulary_labels(data, lang, dashboard_data().areas), headers, context=context, lang=lang
        )

    # Content-sized buttons that wrap onto a new line on a narrow screen, never cut to "데..".
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.download_button(
            t("download.csv", lang),
            guarded_download(csv_bytes, "csv"),
            f"{file_stem}.csv",
            "text/csv",
            key=f"csv_{file_stem}",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            t("download.xlsx", lang),
            guarded_download(xlsx_bytes, "xlsx"),
            f"{file_stem}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{file_stem}",
            icon=":material/download:",
            on_click="ignore",
        )
        st.caption(t("download.hint", lang))


def table(data: pd.DataFrame, lang: str) -> None:
    """A table with the same labels as the downloads: vocabulary labels, Korean headers on Korean screens.

    A plain table, not ``st.dataframe``: its toolbar speaks English ("Search", "Download as CSV") on
    Korean screens, and the chart above already offers the download with its context.
    """
    shown = with_vocabulary_labels(data, lang, dashboard_data().areas)
    headers = column_labels_ko() if lang == "ko" else {}
    for column in shown.columns:
        if column.startswith("share_"):  # stored as 0–1
            shown[column] = [("—" if pd.isna(v) else f"{v:.0%}") for v in shown[column]]
        elif shown[column].dtype == object:
            # st.table renders Markdown in cells; names from data are shown as text.
            shown[column] = [md_text(str(v)) if isinstance(v, str) else v for v in shown[column]]
    st.table(shown.rename(columns=headers), hide_index=True)
