"""브리핑: slides for a projector — overview, portfolio, citizens today, each area, trend, what changed — and a PDF."""

from typing import Any

import streamlit as st

from geo import charts
from geo.analysis import plan as plan_facts
from geo.analysis.stats import headline_items
from geo.briefing.handout import BriefingExportError, find_cjk_font
from geo.briefing.slides import (
    AREA_NAMES_MAX,
    PORTFOLIO_NAMES_MAX,
    TODAY_NAMES_MAX,
    area_charts,
    area_facts,
    area_map_services,
    area_projects_html,
    briefing_dates,
    briefing_slides,
    budget_line,
    changes_table,
    citizen_services,
    citizens_html,
    counts_table_html,
    domain_status_counts,
    last_data_update,
    near_html,
    nearest_projects,
    operating_services,
    portfolio_groups,
    portfolio_html,
    programme_parts,
    projects_in_area,
    shows_names,
    status_summary_html,
    step_slide,
)
from geo.charts.common import COMPACT_WIDTH_PX
from geo.clock import city_today
from geo.html import md_text
from geo.i18n import t
from geo.links import read_flag
from geo.mapping import MapOptions, build_map
from geo.mapping.canvas import needs_canvas_map
from geo.mapping.counts import build_count_map
from geo.spatial import latlon_view
from ui import state, voice
from ui import widget_keys as keys
from ui.briefing import (
    BRIEFING_CSS,
    PRESENTATION_CSS,
    counter_html,
    day_field,
    keyboard_script,
    without_map_controls,
)
from ui.data import dashboard_data, services_on, store
from ui.frame import current_language, sample_notice
from ui.handout import handout_download
from ui.links import link_notice
from ui.trend import quarterly_trend

CHART_HEIGHT = 320
MAP_HEIGHT = 370
MAP_HEIGHT_NO_CHARTS = 600
CHART_FONT_PX = 18
# The trend takes the slide's width and what the title and caption leave of 1080 px.
# 680: a plot as tall as its axis title once the note (wrapped for 900 px) and legend take their part; at 480 the
# plot kept 80 px and the axis title ran into the note.
TREND_HEIGHT = 680
TREND_FONT_PX = 22
TREND_WIDTH_PX = 900  # the chart's width on a 1366 px laptop beside the sidebar (the narrowest screen it is shown on)
PLOT_CONFIG = {"displayModeBar": False, "staticPlot": True}

lang = current_language()
data = dashboard_data()
present_from_url, present_ignored = read_flag("present", st.query_params.get("present"))
if state.BRIEFING_PRESENTING not in st.session_state:
    st.session_state[state.BRIEFING_PRESENTING] = present_from_url
presenting: bool = st.session_state[state.BRIEFING_PRESENTING]


def go_to(position: int) -> None:
    st.session_state[state.BRIEFING_SLIDE] = step_slide(
        position, 0, st.session_state.get(state.BRIEFING_SLIDE_COUNT, 1)
    )


def move(step: int) -> None:
    go_to(st.session_state.get(state.BRIEFING_SLIDE, 0) + step)


def toggle_presentation() -> None:
    st.session_state[state.BRIEFING_PRESENTING] = not st.session_state.get(state.BRIEFING_PRESENTING, False)
    if st.session_state[state.BRIEFING_PRESENTING]:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


def chart(
    figure: Any, height: int = CHART_HEIGHT, font_px: int = CHART_FONT_PX, width_px: int = COMPACT_WIDTH_PX
) -> None:
    # The "large" figures' titles stay large; axis text shrinks a little so two charts fit under the map.
    # A chart across the slide breaks its title and note for its own width (a long note in two lines, not six).
    charts.compact_figure(figure, height, font_px, width_px)
    # theme=None keeps the figure's own fonts and colours (the Streamlit theme would shrink them).
    st.plotly_chart(figure, config=PLOT_CONFIG, theme=None)


st.html(BRIEFING_CSS)
if presenting:
    st.html(PRESENTATION_CSS)

with st.container(key=keys.BRIEFING_CONTROLS):
    controls = st.columns([1.4, 1.4, 1.5, 1.9, 1.9, 2.4], vertical_alignment="bottom")
# The address keeps the days (/briefing?as_of=2025-01-01&since=2024-10-01); one it cannot use gives way to
# its default, with a note that stays for the visit.
today = city_today()
dates = briefing_dates(st.query_params.to_dict(), today, lang)
as_of = day_field(controls[3], t("briefing.as_of", lang), "as_of", dates.as_of, today)
since = day_field(controls[4], t("briefing.since", lang), "since", dates.since, as_of)
st.query_params["as_of"] = as_of.isoformat()
st.query_params["since"] = since.isoformat()
changes = changes_table(data.status_history, data.services, since, as_of, lang)
slides = briefing_slides(changes=len(changes), areas=data.areas)
st.session_state[state.BRIEFING_SLIDE_COUNT] = len(slides)
index = step_slide(st.session_state.get(state.BRIEFING_SLIDE, 0), 0, len(slides))
st.session_state[state.BRIEFING_SLIDE] = index

controls[0].button(
    t("briefing.previous", lang),
    key=keys.BRIEFING_PREVIOUS,
    icon=":material/chevron_left:",
    on_click=move,
    args=(-1,),
    disabled=index == 0,
    width="stretch",
)
controls[1].button(
    t("briefing.next", lang),
    key=keys.BRIEFING_NEXT,
    icon=":material/chevron_right:",
    on_click=move,
    args=(1,),
    disabled=index == len(slides) - 1,
    width="stretch",
)
controls[2].button(
    t("briefing.present", lang),
    key=keys.BRIEFING_PRESENT_BUTTON,
    icon=":material/slideshow:",
    on_click=toggle_presentation,
    help=t("briefing.present_help", lang),
    width="stretch",
)
revision = store().revision()  # the handout is cached per data revision
try:
    find_cjk_font()
    handout_download(controls[5], data, revision, as_of, since, lang)  # prepared in the background, kept on disk
except BriefingExportError as error:
    controls[5].error(f"{t('briefing.pdf_error', lang)}: {error}")

# Clicker keys without a visible button: first, last, presentation on/off.
with st.container(key=keys.BRIEFING_HIDDEN):
    st.button("first", key=keys.BRIEFING_FIRST, on_click=go_to, args=(0,))
    st.button("last", key=keys.BRIEFING_LAST, on_click=go_to, args=(len(slides) - 1,))
    st.button("present", key=keys.BRIEFING_PRESENT, on_click=toggle_presentation)
buttons = {"next": keys.BRIEFING_NEXT, "previous": keys.BRIEFING_PREVIOUS, "first": keys.BRIEFING_FIRST}
buttons |= {"last": keys.BRIEFING_LAST, "present": keys.BRIEFING_PRESENT}
st.html(keyboard_script(buttons, presenting, index), unsafe_allow_javascript=True)
st.html(counter_html(index, len(slides), t("briefing.keys_hint", lang)))

services = services_on(as_of)
updated = last_data_update(data.services)
slide = slides[index]
with st.container(key=keys.BRIEFING_SLIDE):
    st.title(slide.title(lang, since))
    sample = f":orange-badge[{t('sample.short', lang)}] · " if presenting and data.has_samples else ""
    hint = "" if presenting else f" · {t('briefing.keys_hint', lang)}"
    st.caption(
        f"{sample}**{t('briefing.as_of', lang)} {as_of.isoformat()}** · {t('briefing.last_change', lang)} "
        f"{updated.isoformat() if updated else '—'} · {index + 1} / {len(slides)}{hint}"
    )
    if not presenting:
        sample_notice(data.has_samples, lang)
        link_notice("briefing", lang, [present_ignored, *dates.ignored])
    if slide.kind == "overview":
        plan_col, projects_col = st.columns([3, 2], gap="large")
        with plan_col:
            st.header(t("briefing.plan_heading", lang))
            st.markdown(f"**{t('plan.approved', lang)}**")
            if gazette := plan_facts.gazette_note(data.plan, lang):
                st.caption(md_text(gazette))
            st.markdown(
                f"**{t('plan.aims', lang)}**: " + " · ".join(md_text(a) for a in plan_facts.aims(data.plan, lang))
            )
            st.markdown(
                f"**{t('home.vision', lang)}**: "
                + " · ".join(f"“{md_text(line[lang])}”" for line in data.plan["vision"])
            )
            st.markdown(
                f"**{t('home.directions', lang)}**: "
                + " ".join(f"**{n}.** {md_text(d[lang])}" for n, d in enumerate(data.plan["directions"], start=1))
            )
            if applies := plan_facts.applies_to(data.plan, data.areas, lang):
                st.markdown(f"**{t('plan.applies_to', lang)}**: " + " · ".join(md_text(a) for a in applies))
            if citizens := plan_facts.citizen_input(data.plan, lang):
                st.markdown(f"**{t('plan.citizen_input', lang)}**: " + " · ".join(md_text(c) for c in citizens))
            if remark := plan_facts.mayor_remark(data.plan, lang):
                st.caption(md_text(remark))
            st.caption(md_text(plan_facts.source_line(data.plan, lang)))
        # Ansan's reported projects, apart from the plan: no source ties them to it, and their budgets are not its.
        with projects_col, st.container(border=True, key=keys.BRIEFING_PROJECTS_BOX):
            st.header(t("briefing.portfolio", lang))
            items = {item.key: item for item in headline_items(services, data.areas, lang)}
            counts = st.columns(2)
            # No help icon in presentation mode: the slide shows no control.
            services_help = None if presenting else items["services"].help
            counts[0].metric(items["services"].label, items["services"].value, help=services_help)
            counts[1].metric(items["operating"].label, items["operating"].value)
            st.html(status_summary_html(services, lang))
            budget_label, budget, coverage = budget_line(services, lang)
            st.metric(budget_label, budget)
            st.caption(md_text(coverage))
            st.caption(t("briefing.not_the_plan", lang))
    elif slide.kind == "portfolio":
        if shows_names(services, PORTFOLIO_NAMES_MAX):
            st.html(status_summary_html(services, lang) + portfolio_html(portfolio_groups(services, lang), lang))
            if parts := programme_parts(services):
                st.caption(t("briefing.parts_note", lang, n=parts))
        else:
            st.caption(t("briefing.portfolio_counts", lang, n=f"{len(services):,}"))
            st.html(status_summary_html(services, lang) + counts_table_html(domain_status_counts(services), lang))
        st.caption(t("briefing.not_the_plan", lang))
    elif slide.kind == "today":
        running = operating_services(services)
        if running.empty:
            st.info(t("briefing.today_none", lang, as_of=as_of.isoformat()))
        elif shows_names(running, TODAY_NAMES_MAX):
            st.caption(t("briefing.today_note", lang, n=len(running), as_of=as_of.isoformat()))
            st.html(citizens_html(citizen_services(running, lang), lang))
        else:
            st.caption(t("briefing.today_counts", lang, n=f"{len(running):,}", as_of=as_of.isoformat()))
            st.html(counts_table_html(domain_status_counts(running), lang))
    elif slide.kind == "area":
        area_id = slide.area_id or ""  # an area slide always names its area (the idiom of geo.briefing.slides.Slide)
        in_area = projects_in_area(services, area_id)
        near = () if len(in_area) else nearest_projects(services, data.areas, area_id, lang)
        drawn = area_charts(services, area_id)
        # The map takes the room that charts with nothing to show would have taken.
        map_height = MAP_HEIGHT if drawn.any else MAP_HEIGHT_NO_CHARTS
        map_col, facts_col = st.columns([3, 2], gap="large")
        with map_col:
            options = MapOptions(lang=lang, audience="briefing", height_px=map_height)
            on_map, view = area_map_services(services, data.areas, area_id, near)
            # A city's device layers: counted per dong (geo.mapping.counts says why), not one marker per service.
            area_map = (build_count_map if needs_canvas_map(on_map) else build_map)(
                data.boundaries,
                data.areas,
                on_map,
                options,
                selected_area=area_id,
                bounds=latlon_view(view, 0.3),
            )
            # A plain iframe (no clicks come back): each slide's map loads at full height; the two-way
            # st_folium frame could stay 0 px high when one area's map replaced another's.
            map_html = area_map.get_root().render()
            with st.container(key=keys.BRIEFING_MAP):
                st.iframe(without_map_controls(map_html) if presenting else map_html, height=map_height)
        with facts_col:
            facts, source = area_facts(data.areas, area_id, lang)
            # Facts and sources come from imported data: Markdown in them is shown as text.
            st.markdown("\n".join(f"- **{fact.label}**: {md_text(fact.value)}" for fact in facts))
            if area_id in (data.plan.get("applies_to") or []) and (gazette := plan_facts.gazette_note(data.plan, lang)):
                st.caption(md_text(gazette))
            outline_note = f" · {t('approximate.note', lang)}" if data.has_approximate_outlines else ""
            st.caption(f"{t('field.source', lang)}: {md_text(source)}{outline_note}")
            with st.container(key=keys.BRIEFING_AREA_PROJECTS):
                if in_area.empty:
                    # No "0건" and no empty chart: what lies nearest instead, drawn on the map too.
                    st.markdown(f"**{t('briefing.area_empty', lang)}**")
                    if near:
                        st.markdown(f"{t('briefing.nearest', lang)}:")
                        st.html(near_html(near, lang))
                        st.caption(t("briefing.near_note", lang))
                else:
                    st.markdown(f"**{t('briefing.in_area', lang, n=f'{len(in_area):,}')}**")
                    if shows_names(in_area, AREA_NAMES_MAX):
                        st.html(area_projects_html(in_area, lang))
                    else:
                        st.html(status_summary_html(in_area, lang))
                    if not drawn.any:
                        st.caption(t("briefing.no_charts", lang))
        shown = [c for c in (drawn.by_direction, drawn.budget_by_year) if c is not None]
        for column, frame in zip(st.columns(len(shown), gap="large") if shown else [], shown, strict=True):
            with column:
                if frame is drawn.by_direction:
                    chart(charts.direction_figure(frame, lang, "large"))
                else:
                    chart(charts.budget_by_year_figure(frame, lang, "large"))
    elif slide.kind == "trend":
        # The same trend as /districts' city view; its last quarter is read on the as-of day itself.
        with st.container(key=keys.BRIEFING_TREND):
            trend = quarterly_trend(as_of, lang)
            if len(trend) < 2:
                # A sentence, not an empty frame (before the first report, or within its first quarter).
                st.info(t("chart.no_services" if trend.empty else "trend.one_quarter", lang))
            else:
                figure = charts.trend_figure(trend, lang, "large")
                chart(figure, TREND_HEIGHT, TREND_FONT_PX, TREND_WIDTH_PX)
    elif slide.kind == "voice":  # citizens' voice: counts with their context, approved opinions, answers
        voice.briefing_slide(store(), data.services, since, as_of, lang)
    else:
        if changes.empty:
            st.info(t("briefing.no_changes", lang))
        else:
            st.header(t("briefing.changes_count", lang, n=len(changes)))
            # st.table renders Markdown in cells; service names and reasons are shown as text.
            st.table(slide.rows(changes).map(lambda v: md_text(str(v))), hide_index=True)
