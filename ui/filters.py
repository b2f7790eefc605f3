"""The service filter widgets, seeded from and written back to the URL so a view can be shared."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo.explorer import PARAM_VIEW
from geo.filters import PARAM_SELECTED, ServiceFilter, clamp_years, year_span
from geo.i18n import t
from geo.vocab import AREA_TERMS, DOMAIN_TERMS, PHASE_TERMS, STATUS_TERMS, label

_SEEDED = "filters_seeded_from_url"
_REQUESTED = "filters_requested"
_KEYS = {
    "areas": "f_area",
    "domains": "f_domain",
    "statuses": "f_status",
    "phases": "f_phase",
    "years": "f_years",
    "text": "f_text",
}


def _seed_from_url(services: gpd.GeoDataFrame) -> None:
    # Widgets own their state after the first run; the URL only seeds it, once per session.
    if st.session_state.get(_SEEDED):
        return
    initial = ServiceFilter.from_query(st.query_params.to_dict())
    low, high = year_span(services)
    st.session_state[_KEYS["areas"]] = list(initial.areas)
    st.session_state[_KEYS["domains"]] = list(initial.domains)
    st.session_state[_KEYS["statuses"]] = list(initial.statuses)
    st.session_state[_KEYS["phases"]] = list(initial.phases)
    # A stale or hostile link (years=3000-4000) must not push the slider outside its range.
    st.session_state[_KEYS["years"]] = clamp_years(initial.years, (low, high))
    st.session_state[_KEYS["text"]] = initial.text
    st.session_state[_SEEDED] = True


def _reset(services: gpd.GeoDataFrame) -> None:
    for key in ("areas", "domains", "statuses", "phases"):
        st.session_state[_KEYS[key]] = []
    st.session_state[_KEYS["years"]] = year_span(services)
    st.session_state[_KEYS["text"]] = ""


def request_statuses(statuses: list[str]) -> None:
    """Ask the next run to set the status filter (a widget's value cannot change after it is drawn)."""
    st.session_state[_REQUESTED] = {"statuses": statuses}


def service_filter_sidebar(services: gpd.GeoDataFrame, lang: str) -> ServiceFilter:
    """Draw the filters in the sidebar and return the filter they describe."""
    _seed_from_url(services)
    low, high = year_span(services)
    # The data may have changed since the slider was set (an import): keep its value inside the range.
    st.session_state[_KEYS["years"]] = clamp_years(tuple(st.session_state[_KEYS["years"]]), (low, high))
    requested = st.session_state.pop(_REQUESTED, None)
    if requested:
        st.session_state[_KEYS["statuses"]] = requested["statuses"]
    with st.sidebar:
        # Multiselects without Streamlit's English "Select all": nothing chosen already means all (전체).
        st.header(t("explorer.filters", lang))
        st.text_input(t("explorer.search", lang), key=_KEYS["text"], placeholder=t("explorer.search_hint", lang))
        st.multiselect(
            t("explorer.area", lang),
            list(AREA_TERMS),
            key=_KEYS["areas"],
            placeholder=t("explorer.any", lang),
            select_all=False,
            format_func=lambda v: label(AREA_TERMS, v, lang),
        )
        st.multiselect(
            t("explorer.domain", lang),
            list(DOMAIN_TERMS),
            key=_KEYS["domains"],
            placeholder=t("explorer.any", lang),
            select_all=False,
            format_func=lambda v: label(DOMAIN_TERMS, v, lang),
        )
        st.multiselect(
            t("explorer.status", lang),
            list(STATUS_TERMS),
            key=_KEYS["statuses"],
            placeholder=t("explorer.any", lang),
            select_all=False,
            format_func=lambda v: label(STATUS_TERMS, v, lang),
        )
        st.multiselect(
            t("explorer.phase", lang),
            list(PHASE_TERMS),
            key=_KEYS["phases"],
            placeholder=t("explorer.any", lang),
            select_all=False,
            format_func=lambda v: label(PHASE_TERMS, v, lang),
        )
        st.slider(t("explorer.years", lang), min_value=low, max_value=high, key=_KEYS["years"])
        st.button(t("explorer.reset", lang), on_click=_reset, args=(services,), width="stretch")
    years = tuple(st.session_state[_KEYS["years"]])
    chosen = ServiceFilter(
        areas=tuple(st.session_state[_KEYS["areas"]]),
        domains=tuple(st.session_state[_KEYS["domains"]]),
        statuses=tuple(st.session_state[_KEYS["statuses"]]),
        phases=tuple(st.session_state[_KEYS["phases"]]),
        years=None if years == (low, high) else years,
        text=st.session_state[_KEYS["text"]],
    )
    write_to_url(chosen)
    return chosen


def write_to_url(service_filter: ServiceFilter) -> None:
    """Keep the URL in step with the filter; other parameters (language, selection) stay."""
    keep = {k: v for k, v in st.query_params.to_dict().items() if k in ("lang", PARAM_SELECTED, PARAM_VIEW)}
    wanted = {**keep, **service_filter.to_query()}
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def selection_from_url() -> tuple[str, str] | None:
    raw = st.query_params.get(PARAM_SELECTED, "")
    kind, _, identifier = raw.partition(":")
    return (kind, identifier) if kind in ("svc", "area") and identifier else None


def set_selection(selection: tuple[str, str] | None) -> None:
    if selection is None:
        st.query_params.pop(PARAM_SELECTED, None)
    else:
        st.query_params[PARAM_SELECTED] = f"{selection[0]}:{selection[1]}"


def set_view(view: str) -> None:
    """Keep the map's centre and zoom in the URL (``view=lat,lon,zoom``), so a shared link opens the same view."""
    if st.query_params.get(PARAM_VIEW) != view:
        st.query_params[PARAM_VIEW] = view
