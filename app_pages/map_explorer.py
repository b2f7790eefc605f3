"""지도 탐색: filter the services, see them on the map and in a table, click one for its details."""

from dataclasses import replace

import geopandas as gpd
import streamlit as st

from geo.analysis.aggregate import area_ids, area_label, area_terms
from geo.analysis.filters import PARAM_AS_OF, filter_services
from geo.analysis.history import as_of_caption, default_as_of
from geo.details import area_detail_rows, detail_table_html, service_detail_rows, service_history_rows
from geo.explorer import (
    PARAM_VIEW,
    SORT_KEYS,
    anchor_of,
    bbox_of,
    parse_view,
    results_table,
    status_chart,
    status_counts,
    status_from_chart_point,
    view_param,
    within_bbox,
)
from geo.i18n import localized, t
from geo.links import read_view
from geo.mapping import project_list_html, stack_members
from geo.mapping.canvas import row_of, service_id_at
from geo.mapping.placement import is_citywide
from geo.places import dong_names_en
from ui import state, voice
from ui import widget_keys as keys
from ui.data import dashboard_data, reference_layers, services_on, store
from ui.filters import (
    as_of_control,
    request_statuses,
    selection_from_url,
    service_filter_sidebar,
    set_selection,
    set_view,
    take_filter_problems,
)
from ui.frame import current_language, guarded, sample_notice
from ui.links import link_notice
from ui.playback import (
    MAP_KEY,
    choose_day_on_page,
    follow_map_day,
    map_is_playing,
    playback_args,
    take_map_day,
)
from ui.servicemap import CITYWIDE_CSS, FIT_BUTTONS_CSS, citywide_list, fit_to, service_map, zoom_to

lang = current_language()
data = dashboard_data()
st.html(FIT_BUTTONS_CSS)

st.title(t("explorer.title", lang))
sample_notice(data.has_samples, lang)
opened_with = st.query_params.to_dict()  # before the filters write their own parameters back
as_of_col, _ = st.columns([1, 3])
with as_of_col:
    take_map_day(PARAM_AS_OF)  # a playback step of the map: that day into the URL, before the box reads it
    default_day = default_as_of(data.status_history)
    as_of, as_of_ignored = as_of_control(lang, default_day, on_choose=choose_day_on_page, hold=map_is_playing())
# Every view of this page shows the projects reported by that day, with that day's status. The map carries
# every service and plays their statuses itself (ui.playback); it reports the day it shows back into as_of.
data_all = data
data = replace(data, services=services_on(as_of))
# The filters' choices and year span come from every service, so they stay put while the map plays.
service_filter = service_filter_sidebar(data_all.services, lang, area_terms(data.areas))
service_ids, stored_area_ids = set(data.services["service_id"]), set(data.areas["area_id"])
link_notice(
    "map",
    lang,
    params=opened_with,
    ignored=[
        *take_filter_problems(),
        selection_from_url(service_ids, stored_area_ids)[1],
        read_view(st.query_params.get(PARAM_VIEW))[1],
        as_of_ignored,
    ],
)
shown = filter_services(data.services, service_filter)
st.caption(
    t("explorer.shown", lang, shown=len(shown), total=len(data.services))
    + " · "
    + as_of_caption(data.status_history, lang)
    + " · "
    + t("explorer.share", lang)
)
if shown.empty:
    st.info(t("explorer.none", lang))


@st.fragment
@guarded  # errors in the fragment's own reruns get the friendly message too
def map_and_details() -> None:
    # Map events (clicks, pans), fit buttons and table clicks rerun only this fragment; the map stays in place.
    stored_areas = area_ids(data.areas)  # the store's areas, an imported one too
    buttons = st.columns(len(stored_areas) + 2)
    for column, area_id in zip(buttons, stored_areas, strict=False):
        if column.button(
            area_label(data.areas, area_id, lang),
            key=f"{keys.FIT_PREFIX}{area_id}",
            width="stretch",
            help=t("explorer.fit", lang),
        ):
            fit_to(tuple(data.areas.loc[data.areas["area_id"] == area_id].total_bounds))
    if buttons[-2].button(t("explorer.fit_city", lang), key=keys.FIT_CITY, width="stretch"):
        fit_to(tuple(data.boundaries.total_bounds))
    if buttons[-1].button(
        t("explorer.fit_results", lang),
        key=keys.FIT_RESULTS,
        width="stretch",
        type="primary",
        disabled=shown.empty,
        help=t("explorer.fit_results_help", lang),
    ):
        fit_to(bbox_of(shown))

    selection = selection_from_url(service_ids, stored_area_ids)[0]
    map_col, detail_col = st.columns([3, 1], gap="medium")
    with map_col:
        event = service_map(
            data_all,
            filter_services(data_all.services, replace(service_filter, statuses=())),  # statuses: per step
            lang,
            selected_row=row_of(data_all.services, selection[1]) if selection and selection[0] == "svc" else -1,
            selected_area=selection[1] if selection and selection[0] == "area" else None,
            view=parse_view(st.query_params.to_dict()),
            reference_layers=reference_layers(),
            key=MAP_KEY,
            playback=playback_args(data_all, lang, default_day, as_of, service_filter.statuses),
        )
    follow_map_day(event.day)
    if event.center is not None and event.zoom is not None:
        set_view(view_param(event.center, event.zoom))
    if event.click and state.is_new(state.MAP_HANDLED_CLICK, event.click[2]):
        kind, key, _ = event.click
        clicked_id = service_id_at(data_all.services, key) if kind == "svc" else str(key)
        if clicked_id:
            set_selection(("svc" if kind == "svc" else "area", clicked_id))
            st.rerun(scope="fragment")

    with detail_col:
        _details(selection)
        citywide_list(shown, lang, selection[1] if selection and selection[0] == "svc" else None)

    in_view = st.toggle(t("explorer.in_view", lang), key=keys.IN_VIEW, help=t("explorer.in_view_help", lang))
    listed = within_bbox(shown, event.bbox) if in_view else shown
    if in_view:
        st.caption(t("explorer.in_view_count", lang, shown=len(listed)))
    table_col, chart_col = st.columns([2, 1], gap="medium")
    with table_col:
        _results(listed)
    with chart_col:
        _status_chart(listed)


def _details(selection: tuple[str, str] | None) -> None:
    st.header(t("explorer.details", lang))
    if selection is None:
        st.info(t("explorer.details_hint", lang))
    elif selection[0] == "svc" and selection[1] in set(data.services["service_id"]):
        service = data.services.loc[data.services["service_id"] == selection[1]].iloc[0].to_dict()
        title = localized(service, "name", lang)
        rows = service_detail_rows(service, lang, dong_names_en=dong_names_en(data.boundaries))
        st.markdown(detail_table_html(title, rows), unsafe_allow_html=True)
        if service["is_sample"]:
            st.caption(t("sample.short", lang))
        voice.detail_line(store(), selection[1], lang)  # citizens' voice: responses, not a vote
        _same_point(selection[1])
        st.markdown(f"**{t('history.title', lang)}**")
        history = service_history_rows(data.status_history, selection[1], lang, service)
        if history.empty:
            st.caption(t("history.none", lang))
        else:
            st.dataframe(history, hide_index=True)
    elif selection[0] == "area" and selection[1] in set(data.areas["area_id"]):
        area = data.areas.loc[data.areas["area_id"] == selection[1]].iloc[0].to_dict()
        in_area = data.services.loc[data.services["area_id"] == selection[1]]
        title = localized(area, "name", lang)
        st.markdown(detail_table_html(title, area_detail_rows(area, in_area, lang)), unsafe_allow_html=True)
    if selection is not None and st.button(t("explorer.clear_selection", lang), key=keys.CLEAR_SELECTION):
        set_selection(None)
        st.rerun(scope="fragment")


def _same_point(service_id: str) -> None:
    # A stacked project: the map rings the stack, this list says which of its projects is the selected one.
    if is_citywide(data.services.loc[data.services["service_id"] == service_id]).any():
        st.caption(t("place.not_drawn", lang))
        return
    members = stack_members(shown, service_id)
    if len(members) > 1:
        title = t("place.same_point", lang, n=f"{len(members):,}")
        st.html(CITYWIDE_CSS + project_list_html(members, lang, title, selected=service_id))


def _results(listed: gpd.GeoDataFrame) -> None:
    st.markdown(f"**{t('explorer.results', lang)}**")
    sort_by = st.selectbox(
        t("explorer.sort", lang),
        SORT_KEYS,
        key=keys.RESULTS_SORT,
        format_func=lambda key: t(f"explorer.col.{key}", lang),
    )
    table = results_table(listed, lang, sort_by, areas=area_terms(data.areas))
    if len(listed) > len(table):
        st.caption(t("explorer.results_capped", lang, total=len(listed), limit=len(table)))
    else:
        st.caption(t("explorer.results_hint", lang))
    picked = st.dataframe(
        table,
        hide_index=True,
        height=320,
        on_select="rerun",
        selection_mode="single-row",
        key=keys.RESULTS_TABLE,
        column_config={t("explorer.col.budget", lang): st.column_config.NumberColumn(format="%.1f")},
    )
    rows = picked.selection.rows if picked else []
    service_id = table.index[rows[0]] if rows and rows[0] < len(table) else None
    # Only a newly picked row acts; a deselected row resets, so picking it again acts again.
    if state.is_new(state.MAP_HANDLED_ROW, service_id):
        anchor = anchor_of(listed, service_id) if service_id else None
        if service_id and anchor:
            set_selection(("svc", service_id))
            zoom_to(anchor)
            st.rerun(scope="fragment")


def _status_chart(listed: gpd.GeoDataFrame) -> None:
    st.markdown(f"**{t('explorer.chart', lang)}**")
    clicked = st.plotly_chart(
        status_chart(status_counts(listed), lang),
        key=f"status_chart_{state.generation(state.STATUS_CHART_GENERATION)}",
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
    )
    st.caption(t("explorer.chart_hint", lang))
    points = clicked.selection.points if clicked else []
    status = status_from_chart_point(points[0]) if points else None
    if status:
        # A new chart key drops the selection, so the next click on any bar counts again.
        state.next_generation(state.STATUS_CHART_GENERATION)
        request_statuses([status])
        st.rerun()


map_and_details()
