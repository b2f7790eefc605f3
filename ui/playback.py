"""Streamlit glue of the map's time control: the timeline payload file and the day it reports back.

The steps themselves are computed by ``geo.analysis.playback`` (pure, tested); the browser plays them inside the canvas
renderer (``static/servicemap/playback.js``). The map reports the day of each step as its value; on /map that
day goes into the URL as ``as_of`` and the page reruns, so counts, chart and table follow.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from geo.analysis.playback import timeline_payload
from geo.loaders import DashboardData
from geo.mapping.canvas import write_payload
from geo.model.vocab import STATUS_TERMS
from ui import state
from ui.data import data_key
from ui.servicemap import PAYLOAD_DIR, PAYLOAD_URL

#: The staff map's widget key on /map (its value carries the day of the last step).
MAP_KEY = "staff_map"


@st.cache_data(show_spinner=False, max_entries=8)
def _timeline_name(key: tuple[str | None, ...], lang: str, today: date, _data: DashboardData) -> str:  # noqa: ARG001 (cache key)
    payload = timeline_payload(_data.services, _data.status_history, _data.plan, today, lang)
    return write_payload(PAYLOAD_DIR, f"timeline-{lang}", payload)


def timeline_url(data: DashboardData, lang: str, today: date) -> str:
    """URL of the playback payload of ``data`` up to ``today`` (written once per data revision, language, day)."""
    key = data_key()
    name = _timeline_name(key, lang, today, data)
    if not (PAYLOAD_DIR / name).exists():
        _timeline_name.clear()
        name = _timeline_name(key, lang, today, data)
    return f"{PAYLOAD_URL}/{name}"


def status_codes(statuses: tuple[str, ...]) -> list[int]:
    """The status filter as the map's status codes (``geo.model.vocab.STATUS_TERMS`` order); empty: every status."""
    order = list(STATUS_TERMS)
    return [order.index(status) for status in statuses if status in order]


def choose_day_on_page() -> None:
    """The as-of box's ``on_change``: the map goes to the box's day and stops there (``day_counter`` changes)."""
    st.session_state[state.PLAYBACK_DAY_N] = day_counter() + 1


def day_counter() -> int:
    """A number that changes only when a day is chosen in the page's as-of box.

    The map jumps to the page's day only when this changes. A day it reported itself never pulls it back, even when
    a rerun carries a URL some steps behind (Streamlit refills ``st.query_params`` from the browser's URL on
    every rerun, and the browser may not have applied the latest one yet).
    """
    return int(st.session_state.get(state.PLAYBACK_DAY_N, 0))


def take_map_day(param: str, key: str = MAP_KEY) -> None:
    """At the top of the page, before the as-of box: a day the map newly reported goes into the URL (``param``).

    The day is read from the map's own value, not from the URL the browser sends back: while the map plays,
    a rerun can carry a URL one step behind, and the map's value is always its latest step. Each report acts
    once (the value outlives reruns; its token is unique per report).
    """
    day = _reported(key)
    if day is None or not state.is_new(state.PLAYBACK_HANDLED, day.get("token")):
        return
    # A step played before the latest day chosen in the box (sent while the map had not yet heard of it) is dropped.
    if day.get("day_n", day_counter()) == day_counter():
        st.query_params[param] = str(day.get("day"))


def map_is_playing(key: str = MAP_KEY) -> bool:
    """Whether the map's latest report, played after the box's latest day, says more steps follow.

    While it plays, the page leaves its date box alone: a box the server changes several times a second races with
    the browser, which can send an earlier day back as if someone had chosen it (and the map would stop there).
    """
    day = _reported(key)
    return day is not None and bool(day.get("playing")) and day.get("day_n") == day_counter()


def _reported(key: str) -> dict[str, Any] | None:
    """The map's latest report of its day (``playback.js`` ``report``), if it sent one."""
    value = st.session_state.get(key)
    day = value.get("day") if isinstance(value, dict) else None
    return day if isinstance(day, dict) else None


def follow_map_day(reported: tuple[str, str] | None) -> None:
    """In the map's fragment: a step the page has not taken yet reruns the whole page (counts, chart, table)."""
    if reported is not None and st.session_state.get(state.PLAYBACK_HANDLED) != reported[1]:
        st.rerun()


def playback_args(
    data: DashboardData, lang: str, today: date, day: date | None, statuses: tuple[str, ...] = ()
) -> dict[str, object]:
    """The map's time-control arguments: timeline url, the day to show (None: today), its counter, status filter."""
    shown = day or today
    return {
        "timeline_url": timeline_url(data, lang, today),
        "day": shown.isoformat(),
        "day_n": day_counter(),
        "status_filter": status_codes(statuses),
    }
