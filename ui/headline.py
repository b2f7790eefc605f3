"""The headline row: a row of st.metric cards, one column each."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from geo.analysis.stats import HeadlineItem
from geo.html import md_text


def headline_row(items: Sequence[HeadlineItem]) -> None:
    """Draw the items side by side in equal columns (each number shrinks with its column), then their notes.

    A note (what a total adds up) is a visible line under the row, not only a tooltip: it is part of the figure.
    """
    for column, item in zip(st.columns(len(items)), items, strict=True):
        column.metric(item.label, item.value, help=item.help)
    for item in items:
        if item.note:
            st.caption(md_text(item.note))
