"""지도 탐색: filter the services, click a service or an area, read its details beside the map."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.details import area_detail_rows, detail_table_html, service_detail_rows, service_history_rows
from geo.filters import filter_services
from geo.i18n import t
from geo.mapping import MapOptions, build_base_map, parse_selection, service_groups, view_for_bounds
from geo.vocab import AREA_SHORT, DEVELOPMENT_AREA_IDS, label
from ui.data import dashboard_data, settings
from ui.filters import selection_from_url, service_filter_sidebar, set_selection
from ui.frame import current_language, sample_notice

lang = current_language()
data = dashboard_data()
options = MapOptions(lang=lang, basemap=settings().basemap)

st.title(t("explorer.title", lang))
sample_notice(data.has_samples, lang)
service_filter = service_filter_sidebar(data.services, lang)
shown = filter_services(data.services, service_filter)
st.caption(t("explorer.shown", lang, shown=len(shown), total=len(data.services)) + " · " + t("explorer.share", lang))
if shown.empty:
    st.info(t("explorer.none", lang))


@st.fragment
def map_and_details() -> None:
    # A click or a fit button reruns only this fragment; the base map stays, so do zoom and position.
    fit_columns = st.columns(len(DEVELOPMENT_AREA_IDS) + 1)
    for column, area_id in zip(fit_columns, DEVELOPMENT_AREA_IDS):
        if column.button(
            label(AREA_SHORT, area_id, lang), key=f"fit_{area_id}", width="stretch", help=t("explorer.fit", lang)
        ):
            bounds = data.areas.loc[data.areas["area_id"] == area_id].total_bounds
            st.session_state["map_view"] = view_for_bounds(tuple(bounds))
    if fit_columns[-1].button(t("explorer.fit_city", lang), key="fit_city", width="stretch"):
        st.session_state["map_view"] = view_for_bounds(tuple(data.boundaries.total_bounds))
    centre, zoom = st.session_state.get("map_view", (None, None))

    selection = selection_from_url()
    selected_service = selection[1] if selection and selection[0] == "svc" else None
    map_col, detail_col = st.columns([3, 1], gap="medium")
    with map_col:
        result = st_folium(
            build_base_map(data.boundaries, data.areas, options),
            feature_group_to_add=service_groups(shown, options, selected_service),
            layer_control=folium.LayerControl(collapsed=True),
            center=centre,
            zoom=zoom,
            height=650,
            use_container_width=True,
            returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count"],
            key="explorer_map",
        )
    clicked = parse_selection((result or {}).get("last_object_clicked_tooltip"))
    click_count = (result or {}).get("last_object_clicked_count")
    if clicked and click_count != st.session_state.get("handled_click"):
        st.session_state["handled_click"] = click_count
        set_selection(clicked)
        selection = clicked
        st.rerun(scope="fragment")
    with detail_col:
        st.subheader(t("explorer.details", lang))
        if selection is None:
            st.info(t("explorer.details_hint", lang))
        elif selection[0] == "svc" and selection[1] in set(data.services["service_id"]):
            service = data.services.loc[data.services["service_id"] == selection[1]].iloc[0].to_dict()
            title = service["name_en"] if lang == "en" and service.get("name_en") else service["name_ko"]
            st.markdown(detail_table_html(title, service_detail_rows(service, lang)), unsafe_allow_html=True)
            if service["is_sample"]:
                st.caption(t("sample.short", lang))
            st.markdown(f"**{t('history.title', lang)}**")
            history = service_history_rows(data.status_history, selection[1], lang)
            if history.empty:
                st.caption(t("history.none", lang))
            else:
                st.dataframe(history, hide_index=True)
        elif selection[0] == "area" and selection[1] in set(data.areas["area_id"]):
            area = data.areas.loc[data.areas["area_id"] == selection[1]].iloc[0].to_dict()
            in_area = data.services.loc[data.services["area_id"] == selection[1]]
            title = area["name_en"] if lang == "en" and area.get("name_en") else area["name_ko"]
            st.markdown(detail_table_html(title, area_detail_rows(area, in_area, lang)), unsafe_allow_html=True)
        if selection is not None and st.button(t("explorer.clear_selection", lang), key="clear_selection"):
            set_selection(None)
            st.rerun(scope="fragment")


map_and_details()
