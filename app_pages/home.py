"""종합 현황: the plan at a glance — vision, directions, headline numbers, one map and one chart."""

import streamlit as st

from geo import charts
from geo.analysis import aggregate
from geo.analysis import plan as plan_facts
from geo.analysis.exports import ExportContext, services_source
from geo.analysis.history import default_as_of
from geo.analysis.stats import headline_items
from geo.briefing.slides import last_data_update
from geo.html import md_text
from geo.i18n import t
from geo.mapping.canvas import needs_canvas_map
from ui import state
from ui import widget_keys as keys
from ui.charts import chart_with_data
from ui.data import dashboard_data, settings
from ui.frame import current_language, sample_notice
from ui.headline import headline_row
from ui.links import link_notice
from ui.playback import playback_args
from ui.revision_cache import folium_frame, overview_map_html, revision_figure
from ui.servicemap import citywide_list, overview_map

lang = current_language()
data = dashboard_data()
plan = data.plan

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
sample_notice(data.has_samples, lang)
link_notice("home", lang)

# The reported projects are Ansan's as the press reported them, not the plan's services: their numbers
# stand under their own heading, apart from the plan's approval above.
st.header(t("home.projects", lang))
st.caption(t("home.projects_note", lang))
headline_row(headline_items(data.services, data.areas, lang))

map_col, plan_col = st.columns([3, 2], gap="large")
with map_col:
    st.header(t("home.map", lang))
    playing = st.toggle(t("playback.toggle", lang), key=state.HOME_PLAYBACK, help=t("playback.toggle_help", lang))
    if playing:  # the reported history, played on the canvas map (a folium page cannot play)
        overview_map(data, lang, playback=playback_args(data, lang, default_as_of(data.status_history), None))
    elif needs_canvas_map(data.services):  # a city's device layers: the map page's canvas, not folium markers
        overview_map(data, lang)
    else:  # rendered once per data revision; no clicks come back from this map
        folium_frame(overview_map_html(data, lang, settings().basemap), height=560, key=keys.HOME)
    citywide_list(data.services, lang)  # reported without a place: listed, not drawn at City Hall
    if data.has_approximate_outlines:
        st.caption(t("approximate.note", lang))
with plan_col:
    st.header(t("home.vision", lang))
    for line in plan["vision"]:
        st.markdown(f"**“{md_text(line[lang])}”**")  # a quotation, not a heading (heading order)
    st.header(t("home.directions", lang))
    per_direction = aggregate.count_by_direction(data.services)
    # Reported projects carry no direction (no source assigns one): counts of zero would mislead.
    classified = int(per_direction.sum()) > 0
    for number, direction in enumerate(plan["directions"], start=1):
        count = t("home.direction_count", lang, count=f"{int(per_direction.get(direction['id'], 0)):,}")
        st.markdown(f"**{number}.** {md_text(direction[lang])}" + (f" · {count}" if classified else ""))
    if not classified:
        st.caption(t("home.directions_unclassified", lang))
    st.header(t("plan.aims", lang))
    for aim in plan_facts.aims(plan, lang):
        st.markdown(f"- {md_text(aim)}")
    if remark := plan_facts.mayor_remark(plan, lang):
        st.caption(md_text(remark))
    st.markdown(
        f"**{t('plan.applies_to', lang)}**: "
        + " · ".join(md_text(name) for name in plan_facts.applies_to(plan, data.areas, lang))
    )
    if gazette := plan_facts.gazette_note(plan, lang):
        st.caption(md_text(gazette))
    st.markdown(
        f"**{t('plan.citizen_input', lang)}**: " + " · ".join(md_text(x) for x in plan_facts.citizen_input(plan, lang))
    )
    st.caption(md_text(plan_facts.source_line(plan, lang)))

as_of = default_as_of(data.status_history)
updated = last_data_update(data.services)
all_areas = t("export.all_areas", lang)
milestones_col, status_col = st.columns(2, gap="large")
with milestones_col:
    chart_with_data(
        revision_figure("milestones", lang, lambda: charts.milestones_figure(plan, lang)),
        charts.milestones_frame(plan, lang),
        "plan_milestones",
        lang,
        ExportContext(all_areas, as_of, updated, plan["source"][lang], sample=False),
    )
with status_col:
    by_area_status = aggregate.services_by_area_status(data.services, areas=data.areas)
    chart_with_data(
        revision_figure("areas_by_status", lang, lambda: charts.area_comparison_figure(by_area_status, lang)),
        by_area_status,
        "areas_by_status",
        lang,
        ExportContext(all_areas, as_of, updated, services_source(data.services, lang), data.has_samples),
    )
