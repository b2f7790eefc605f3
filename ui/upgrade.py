"""The data page's notice about a store made from older data files (decided in geo.upgrade)."""

from __future__ import annotations

import streamlit as st

from geo.html import md_text
from geo.i18n import t
from geo.upgrade import UpgradeAction, upgrade_preview
from ui.data import settings, store, store_upgrade


def show_upgrade_notice(lang: str) -> None:
    """Say that the store was rebuilt (with its backup), or that it was kept with staff edits and what a re-import brings."""
    outcome = store_upgrade()
    if outcome.decision.action is UpgradeAction.REBUILD and outcome.backup is not None:
        st.info(md_text(t("store.upgrade.rebuilt", lang, backup=outcome.backup.name)), icon=":material/autorenew:")
    elif outcome.decision.action is UpgradeAction.NOTICE:
        preview = upgrade_preview(store(), settings().data_dir)
        st.warning(t("store.upgrade.edited", lang), icon=":material/sync_problem:")
        st.caption(
            t(
                "store.upgrade.preview",
                lang,
                new=f"{preview.new_services:,}",
                new_samples=f"{preview.new_samples:,}",
                old=f"{preview.stored_services:,}",
            )
        )
