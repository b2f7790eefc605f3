"""지구별 현황: each development area's profile, the areas compared, and services per 구/동, as of a date."""

from datetime import date
from typing import Literal

import streamlit as st

from geo import charts
from geo.analysis import aggregate
from geo.analysis import plan as plan_facts
from geo.analysis.exports import ExportContext, services_source
from geo.analysis.history import as_of_caption, default_as_of
from geo.analysis.stats import CITY_VIEW, area_choice_label, citywide_profile, headline_items
from geo.briefing.slides import last_data_update
from geo.clock import city_today
from geo.details import area_detail_rows, citywide_detail_rows, detail_table_html
from geo.html import md_text
from geo.i18n import localized, t
from geo.links import read_area, read_day
from geo.mapping import MapOptions, build_map
from geo.mapping.canvas import needs_canvas_map
from geo.model.vocab import CITYWIDE, STATUS_TERMS, label
from geo.spatial import area_view_bounds, nearest_services
from ui import voice
from ui import widget_keys as keys
from ui.charts import chart_with_data, table
from ui.data import dashboard_data, services_on, settings, store
from ui.frame import current_language, sample_notice
from ui.headline import headline_row
from ui.links import link_notice
from ui.revision_cache import folium_frame, revision_map_html
from ui.servicemap import citywide_list, overview_map
from ui.trend import quarterly_trend

lang = current_language()
data = dashboard_data()

st.title(t("districts.title", lang))
sample_notice(data.has_samples, lang)

# The city view first (every reported project), then the areas the store holds (an imported sixth area too),
# then 시 전역.
choices = [CITY_VIEW, *aggregate.area_ids(data.areas), CITYWIDE]
area_from_url, area_ignored = read_area(st.query_params.get("area"), choices, CITY_VIEW)
url_as_of, as_of_ignored = read_day("as_of", st.query_params.get("as_of"))
link_notice("districts", lang, [area_ignored, as_of_ignored])
# The picker takes the whole width (seven choices ran past a 1366 px screen beside the date); the date below it.
picker = st.container()
date_col, _ = st.columns([1, 3])
area_id = (
    picker.segmented_control(
        t("districts.area", lang),
        choices,
        default=area_from_url,
        format_func=lambda v: area_choice_label(v, data.areas, lang),
        key=keys.DISTRICT_AREA,
    )
    or CITY_VIEW
)
as_of: date = date_col.date_input(
    t("districts.as_of", lang),
    value=url_as_of or default_as_of(data.status_history),
    max_value=city_today(),
    key=keys.DISTRICT_AS_OF,
)
st.query_params["area"] = area_id
st.query_params["as_of"] = as_of.isoformat()
st.caption(t("districts.as_of_note", lang, date=as_of.isoformat(), changed=as_of_caption(data.status_history, lang)))
services = services_on(as_of)

updated = last_data_update(data.services)
CITYWIDE_ALL = "all"


def context(area: str) -> ExportContext:
    """What every download and chart picture of this page says about itself (an area's own sources)."""
    one_area = None if area in (CITYWIDE_ALL, CITY_VIEW) else area
    name = area_choice_label(area, data.areas, lang) if one_area else t("export.all_areas", lang)
    return ExportContext(name, as_of, updated, services_source(data.services, lang, area_id=one_area), data.has_samples)


def profile() -> None:
    """The chosen view: numbers, map, facts, charts (the city, one area, or 시 전역)."""
    city = area_id == CITY_VIEW
    selection = None if city else area_id
    headline_row(headline_items(services, data.areas, lang, selection, as_of=as_of))

    map_col, facts_col = st.columns([3, 2], gap="large")
    shown = services if city else services.loc[services["area_id"] == area_id]
    with map_col:
        bounds = (
            None if selection in (None, CITYWIDE) else area_view_bounds(data.areas, area_id, padding=0.0, margin=0.004)
        )
        if needs_canvas_map(shown):  # a device layer in one area: the map page's canvas, not folium markers
            overview_map(
                data,
                lang,
                shown=shown,
                bounds=bounds,
                height=460,
                key=f"district_map_{area_id}",
                as_of=(as_of, services),
            )
        else:  # shown is the data as of that day: the day is part of the map's name, not only the revision
            basemap = settings().basemap
            html = revision_map_html(
                f"district:{area_id}:{as_of.isoformat()}:{lang}:{basemap}",
                lambda: build_map(
                    data.boundaries,
                    data.areas,
                    shown,
                    MapOptions(lang=lang, basemap=basemap),
                    selected_area=selection if selection != CITYWIDE else None,
                    bounds=bounds,
                ),
            )
            folium_frame(html, height=460, key=f"district_{area_id}")
        citywide_list(shown, lang)  # reported without a place: listed here, not drawn at City Hall
    with facts_col:
        if selection in (None, CITYWIDE):
            title = area_choice_label(area_id, data.areas, lang)
            rows = citywide_detail_rows(citywide_profile(services, whole_city=city), lang)
            st.markdown(detail_table_html(title, rows), unsafe_allow_html=True)
        else:
            area = data.areas.loc[data.areas["area_id"] == area_id].iloc[0].to_dict()
            st.markdown(
                detail_table_html(localized(area, "name", lang), area_detail_rows(area, shown, lang)),
                unsafe_allow_html=True,
            )
            if gazette := plan_facts.gazette_note(data.plan, lang):
                st.caption(md_text(gazette))
        voice.counts_block(store(), shown, lang)  # citizens' voice: responses, not a vote

    if shown.empty:
        # Nothing to chart: say so, and name the nearest reported projects so the area is not a blank.
        st.info(t("districts.no_projects", lang, date=as_of.isoformat()))
        nearest = nearest_services(services, data.areas, area_id)
        if not nearest.empty:
            st.markdown(f"**{t('districts.nearest', lang)}**")
            for row in nearest.to_dict("records"):
                st.markdown(
                    f"- {md_text(localized(row, 'name', lang))} · {label(STATUS_TERMS, row['status'], lang)} · "
                    + t("districts.distance_km", lang, km=f"{row['distance_km']:.1f}")
                )
        return

    left, right = st.columns(2, gap="large")
    with left:
        by_domain_status = aggregate.services_by_domain_status(services, selection)
        chart_with_data(
            charts.domain_status_figure(by_domain_status, lang),
            by_domain_status,
            f"domain_status_{area_id}",
            lang,
            context(area_id),
        )
    with right:
        by_funding = aggregate.budget_by_funding(services, selection)
        chart_with_data(
            charts.budget_by_funding_figure(by_funding, lang), by_funding, f"funding_{area_id}", lang, context(area_id)
        )
    by_year = aggregate.budget_by_year(services, selection)
    chart_with_data(
        charts.budget_by_year_figure(by_year, lang), by_year, f"budget_year_{area_id}", lang, context(area_id)
    )
    if city:
        trend_chart()
    timeline = aggregate.timeline_rows(services, selection)
    chart_with_data(
        charts.timeline_figure(timeline, lang, as_of=as_of), timeline, f"timeline_{area_id}", lang, context(area_id)
    )


def trend_chart() -> None:
    """Projects by status and the reported budget per quarter, up to the 기준일 (its last quarter is the headline)."""
    trend = quarterly_trend(as_of, lang)
    chart_with_data(charts.trend_figure(trend, lang), trend, "trend_quarter", lang, context(CITYWIDE_ALL))


def compare() -> None:
    """The areas side by side on the same scales, and the city's trend by quarter."""
    by_area_status = aggregate.services_by_area_status(services, areas=data.areas)
    chart_with_data(
        charts.area_comparison_figure(by_area_status, lang),
        by_area_status,
        "compare_areas",
        lang,
        context(CITYWIDE_ALL),
    )
    progress_all = aggregate.progress_by_area(services, areas=data.areas)
    chart_with_data(
        charts.progress_figure(progress_all, lang), progress_all, "progress_all", lang, context(CITYWIDE_ALL)
    )
    headline_all = aggregate.headline_by_area(services, areas=data.areas)
    by_funding_all = aggregate.budget_by_funding(services)
    chart_with_data(
        charts.budget_by_funding_figure(by_funding_all, lang),
        by_funding_all,
        "funding_all",
        lang,
        context(CITYWIDE_ALL),
    )
    table(headline_all, lang)
    trend_chart()


def by_dong() -> None:
    """Services and budget per 행정동 and 구."""
    value: Literal["count", "budget_krw_100m"] = (
        st.segmented_control(
            t("districts.dong_value", lang),
            ["count", "budget_krw_100m"],
            default="count",
            format_func=lambda v: t("chart.dong_count" if v == "count" else "chart.dong_budget", lang),
            key=keys.DONG_VALUE,
        )
        or "count"
    )
    by_dong = aggregate.services_by_place(services, "dong", boundaries=data.boundaries)
    chart_with_data(
        charts.dong_choropleth_figure(by_dong, data.boundaries, value, lang, areas=data.areas),
        by_dong,
        f"dong_{value}",
        lang,
        context(CITYWIDE_ALL),
    )
    st.markdown(f"**{t('districts.gu_table', lang)}**")
    by_gu = aggregate.services_by_place(services, "gu", boundaries=data.boundaries)
    table(by_gu, lang)


# Only the open tab is computed and drawn; choosing another tab reruns the page (lazy tabs).
profile_tab, compare_tab, dong_tab = st.tabs(
    [t("districts.tab_profile", lang), t("districts.tab_compare", lang), t("districts.tab_dong", lang)],
    key=keys.DISTRICT_TAB,
    on_change="rerun",
)
for tab, draw in ((profile_tab, profile), (compare_tab, compare), (dong_tab, by_dong)):
    if tab.open is not False:
        with tab:
            draw()
