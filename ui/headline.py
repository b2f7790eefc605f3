"""The headline row: a row of st.metric cards, one column each."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from geo.stats import HeadlineItem


def headline_row(items: Sequence[HeadlineItem]) -> None:
    """Draw the items side by side in equal columns (each number shrinks with its column)."""
    for column, item in zip(st.columns(len(items)), items, strict=True):
        column.metric(item.label, item.value, help=item.help)
