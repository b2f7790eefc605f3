"""The service filter widgets, seeded from and written back to the URL so a view can be shared."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from functools import partial
from typing import Any, cast

import geopandas as gpd
import streamlit as st

from geo.analysis.filters import (
    CHOICE_FILTERS,
    PARAM_AS_OF,
    PARAM_SELECTED,
    ServiceFilter,
    choice_terms,
    clamp_years,
    parse_as_of,
    year_span,
)
from geo.clock import city_today
from geo.explorer import PARAM_VIEW
from geo.i18n import t
from geo.links import IgnoredParameter, day_ignored, read_selection
from geo.model.vocab import Term, label
from ui import state

_WIDGET = state.FILTER_WIDGETS


def _seed_from_url(services: gpd.GeoDataFrame, areas: Mapping[str, Term] | None) -> None:
    # Widgets own their state after the first run; the URL only seeds it, once per session.
    if st.session_state.get(state.FILTERS_SEEDED):
        return
    initial, ignored = ServiceFilter.read_query(st.query_params.to_dict(), areas)
    st.session_state[state.FILTERS_IGNORED] = ignored
    for choice in CHOICE_FILTERS:
        st.session_state[_WIDGET[choice.field]] = list(initial.chosen(choice))
    # A stale or hostile link (years=3000-4000) must not push the slider outside its range.
    st.session_state[_WIDGET["years"]] = clamp_years(initial.years, year_span(services))
    st.session_state[_WIDGET["text"]] = initial.text
    st.session_state[state.FILTERS_SEEDED] = True


def _reset(services: gpd.GeoDataFrame) -> None:
    for choice in CHOICE_FILTERS:
        st.session_state[_WIDGET[choice.field]] = []
    st.session_state[_WIDGET["years"]] = year_span(services)
    st.session_state[_WIDGET["text"]] = ""


def request_statuses(statuses: list[str]) -> None:
    """Ask the next run to set the status filter (a widget's value cannot change after it is drawn)."""
    st.session_state[state.FILTERS_REQUESTED] = {"statuses": statuses}


def service_filter_sidebar(
    services: gpd.GeoDataFrame, lang: str, areas: Mapping[str, Term] | None = None
) -> ServiceFilter:
    """Draw the filters in the sidebar and return the filter they describe; ``areas``: the store's areas
    (``geo.analysis.aggregate.area_terms``), offered in the area filter."""
    _seed_from_url(services, areas)
    low, high = year_span(services)
    # The data may have changed since the slider was set (an import): keep its value inside the range.
    st.session_state[_WIDGET["years"]] = clamp_years(
        tuple(st.session_state.get(_WIDGET["years"], (low, high))), (low, high)
    )
    requested = st.session_state.pop(state.FILTERS_REQUESTED, None)
    if requested:
        st.session_state[_WIDGET["statuses"]] = requested["statuses"]
    with st.sidebar:
        # Multiselects without Streamlit's English "Select all": nothing chosen already means all (전체).
        st.header(t("explorer.filters", lang))
        st.text_input(t("explorer.search", lang), key=_WIDGET["text"], placeholder=t("explorer.search_hint", lang))
        for choice in CHOICE_FILTERS:
            terms = choice_terms(choice, areas)
            st.multiselect(
                t(choice.title, lang),
                list(terms),
                key=_WIDGET[choice.field],
                placeholder=t("explorer.any", lang),
                select_all=False,
                format_func=partial(label, terms, lang=lang),
            )
        if low < high:
            st.slider(t("explorer.years", lang), min_value=low, max_value=high, key=_WIDGET["years"])
        else:
            # One year in the data (an early as-of day, a small import): nothing to narrow, and a slider needs
            # two different ends.
            st.caption(f"{t('explorer.years', lang)}: {low}")
        st.button(t("explorer.reset", lang), on_click=_reset, args=(services,), width="stretch")
    years = tuple(st.session_state.get(_WIDGET["years"], (low, high)))
    chosen: dict[str, Any] = {choice.field: tuple(st.session_state[_WIDGET[choice.field]]) for choice in CHOICE_FILTERS}
    service_filter = ServiceFilter(
        **chosen, years=None if years == (low, high) else years, text=st.session_state[_WIDGET["text"]]
    )
    write_to_url(service_filter)
    return service_filter


def write_to_url(service_filter: ServiceFilter) -> None:
    """Keep the URL in step with the filter; other parameters (language, selection) stay."""
    keep = {
        k: v for k, v in st.query_params.to_dict().items() if k in ("lang", PARAM_SELECTED, PARAM_VIEW, PARAM_AS_OF)
    }
    wanted = {**keep, **service_filter.to_query()}
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def take_filter_problems() -> list[IgnoredParameter]:
    """The filter parameters of the link the page was opened with that were ignored (once)."""
    return cast(list[IgnoredParameter], st.session_state.pop(state.FILTERS_IGNORED, []))


def selection_from_url(
    service_ids: Collection[str], area_ids: Collection[str]
) -> tuple[tuple[str, str] | None, IgnoredParameter | None]:
    """The service or area the link selects (``sel=svc:ID``), only when it exists; or why it was ignored."""
    return read_selection(st.query_params.get(PARAM_SELECTED), service_ids, area_ids)


def set_selection(selection: tuple[str, str] | None) -> None:
    if selection is None:
        st.query_params.pop(PARAM_SELECTED, None)
    else:
        st.query_params[PARAM_SELECTED] = f"{selection[0]}:{selection[1]}"


def set_view(view: str) -> None:
    """Keep the map's centre and zoom in the URL (``view=lat,lon,zoom``), so a shared link opens the same view."""
    if st.query_params.get(PARAM_VIEW) != view:
        st.query_params[PARAM_VIEW] = view


# The earliest as-of day offered (before any reported project); the latest is today (or the default if later).
AS_OF_EARLIEST = date(2000, 1, 1)


def as_of_control(
    lang: str, default: date, on_choose: Callable[[], None] | None = None, hold: bool = False
) -> tuple[date, IgnoredParameter | None]:
    """The map's 기준일 (as-of day): a date box seeded from the URL (``as_of=YYYY-MM-DD``) and kept there.

    An ``as_of`` that is not a date, or lies outside 2000-01-01 … today, is dropped from the URL and
    returned as ignored (the page's link notice says so); the day shown is then ``default``. The default
    day leaves the URL clean. ``on_choose``: called when someone changes the box (not when the URL moves it).
    ``hold``: the box keeps the day it shows while the URL moves (the map is playing); the day returned is the URL's.
    """
    latest = max(city_today(), default)
    raw = st.query_params.get(PARAM_AS_OF)
    day, problem = parse_as_of(raw, AS_OF_EARLIEST, latest)
    if problem:
        st.query_params.pop(PARAM_AS_OF, None)
    in_url = day or default
    if not hold and st.session_state.setdefault(state.MAP_AS_OF_SHOWN, in_url) != in_url:
        # The URL moved the day (a link, the map's last step): a new box shows it. Writing the old box's value
        # instead would race with the browser, which may still send that box's earlier day as a change of its own.
        state.next_generation(state.MAP_AS_OF_GENERATION)
        st.session_state[state.MAP_AS_OF_SHOWN] = in_url
    key = f"{state.MAP_AS_OF}_{state.generation(state.MAP_AS_OF_GENERATION)}"

    def keep_in_url() -> None:
        chosen = st.session_state[key]
        if chosen is None or chosen == default:
            st.query_params.pop(PARAM_AS_OF, None)
        else:
            st.query_params[PARAM_AS_OF] = chosen.isoformat()
        st.session_state[state.MAP_AS_OF_SHOWN] = chosen if isinstance(chosen, date) else default
        if on_choose is not None:
            on_choose()

    st.date_input(
        t("explorer.as_of", lang),
        value=in_url,
        key=key,
        min_value=AS_OF_EARLIEST,
        max_value=latest,
        on_change=keep_in_url,
        help=t("explorer.as_of_help", lang),
    )
    ignored = None
    if problem:
        low, high = AS_OF_EARLIEST.isoformat(), latest.isoformat()
        why = {
            code: t("explorer.as_of_bad", code)
            if problem == "format"
            else t("explorer.as_of_range", code, low=low, high=high)
            for code in ("ko", "en")
        }
        ignored = day_ignored(PARAM_AS_OF, str(raw), why["ko"], why["en"])
    # The box writes its changes to the URL before the page runs (a cleared box: the default day).
    return in_url, ignored
