"""Streamlit glue of the map's time control: the timeline payload file and the day it reports back.

The steps themselves are computed by ``geo.analysis.playback`` (pure, tested); the browser plays them inside the canvas
renderer (``static/servicemap/playback.js``). The map reports the day of each step as its value; on /map that
day goes into the URL as ``as_of`` and the page reruns, so counts, chart and table follow.
"""

from __future__ import annotations

from datetime import date

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


def day_counter(as_of: date) -> int:
    """A number that changes when the as-of day was chosen on the page, not reported by the map itself.

    The map jumps to the page's day only when this changes, so a day it reported (and the page echoes back,
    maybe late, while the map plays on) never pulls it back.
    """
    day = as_of.isoformat()
    counter = int(st.session_state.get(state.PLAYBACK_DAY_N, 0))
    if st.session_state.get(state.PLAYBACK_SEEN_DAY) != day:
        st.session_state[state.PLAYBACK_SEEN_DAY] = day
        if st.session_state.get(state.PLAYBACK_MAP_DAY) != day:
            counter += 1
            st.session_state[state.PLAYBACK_DAY_N] = counter
    return counter


def take_map_day(param: str, key: str = MAP_KEY) -> None:
    """At the top of the page, before the as-of box: a day the map newly reported goes into the URL (``param``).

    The day is read from the map's own value, not from the URL the browser sends back: while the map plays,
    a rerun can carry a URL one step behind, and the map's value is always its latest step. Each report acts
    once (the value outlives reruns; its token is unique per report).
    """
    value = st.session_state.get(key)
    day = value.get("day") if isinstance(value, dict) else None
    if isinstance(day, dict) and state.is_new(state.PLAYBACK_HANDLED, day.get("token")):
        st.session_state[state.PLAYBACK_MAP_DAY] = str(day.get("day"))
        st.query_params[param] = str(day.get("day"))


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
        "day_n": day_counter(shown),
        "status_filter": status_codes(statuses),
    }
