"""The handout's download: prepared in the background per data revision, language and day, served from disk.

After each data change (the first page run that reads a new revision) today's handouts are queued in
both languages, and the briefing page asks for its own days as soon as it opens, so by the time
someone clicks, the file is usually there and the click gives it at once. While a build is still running
the button says how long it will take (the last build's time); a click then waits for that build rather
than starting a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.briefing.handout import briefing_pdf
from geo.briefing.handout.cache import HandoutCache, HandoutKey
from geo.briefing.slides import default_since
from geo.clock import city_today
from geo.i18n import LANGUAGES, Lang, t
from geo.loaders import DashboardData
from ui.data import settings
from ui.frame import guarded_download

#: The handout button's widget key (tests find the button by it).
HANDOUT_BUTTON_KEY = "briefing_pdf"


@st.cache_resource(show_spinner=False)
def _cache(folder: str) -> HandoutCache:
    return HandoutCache(Path(folder))


def handout_cache() -> HandoutCache:
    """The handout files of the current store (one background builder per store folder and process)."""
    return _cache(str(settings().store_dir / "handouts"))


def prepare_handouts(
    data: DashboardData, revision: str, as_of: date, since: date, first: Lang, delay_s: float = 0.0
) -> None:
    """Queue the handout of this revision and days in every language, ``first`` first (nothing if ready)."""
    cache = handout_cache()
    for lang in sorted(LANGUAGES, key=lambda code: code != first):
        cache.prepare(HandoutKey(revision, lang, as_of, since), _builder(data, as_of, since, lang), delay_s)


#: After a data change the handouts wait this long, so the pages drawn meanwhile keep the cores.
AFTER_CHANGE_DELAY_S = 30.0


def prepare_after_data_change(data: DashboardData, revision: str) -> None:
    """Queue today's handouts (both languages, the briefing's default days) for this data revision, once."""
    if settings().handout_prepare:
        _prepared_for(revision, city_today(), data)


@st.cache_resource(show_spinner=False, max_entries=4)
def _prepared_for(revision: str, today: date, _data: DashboardData) -> bool:
    prepare_handouts(_data, revision, today, default_since(today), "ko", AFTER_CHANGE_DELAY_S)
    return True


def _builder(data: DashboardData, as_of: date, since: date, lang: Lang) -> Callable[[], bytes]:
    return lambda: briefing_pdf(data, as_of, since, lang)


def handout_download(
    container: DeltaGenerator, data: DashboardData, revision: str, as_of: date, since: date, lang: Lang
) -> None:
    """The download button: the file itself when it is ready, else a build (or the wait for one) on click."""
    preparing = settings().handout_prepare
    if preparing:
        prepare_handouts(data, revision, as_of, since, lang)
    cache = handout_cache()
    key = HandoutKey(revision, lang, as_of, since)
    ready = cache.get(key)
    container.download_button(
        t("briefing.pdf", lang),
        data=ready
        if ready is not None
        else guarded_download(lambda: cache.result(key, _builder(data, as_of, since, lang)), "pdf"),
        file_name=f"ansan-smart-city-briefing-{as_of.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key=HANDOUT_BUTTON_KEY,
        on_click="ignore",
        width="stretch",
    )
    if ready is None and preparing:
        # Under the row of controls, not in the button's narrow column: the row keeps its height.
        estimate = cache.estimate_s(lang)
        st.caption(
            t("briefing.pdf_preparing", lang, seconds=f"{estimate:.0f}")
            if estimate is not None
            else t("briefing.pdf_preparing_first", lang)
        )
