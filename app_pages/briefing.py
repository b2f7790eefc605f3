"""브리핑: slides for a projector — overview, each area, services by domain, what changed — and a PDF."""

import streamlit as st

from geo import aggregate, charts
from geo import plan as plan_facts
from geo.briefing import (
    area_facts,
    briefing_slides,
    changes_table,
    default_since,
    last_data_update,
    step_slide,
)
from geo.briefing_pdf import BriefingExportError, find_cjk_font
from geo.countmap import build_count_map
from geo.history import default_as_of, services_as_of
from geo.html import md_text
from geo.i18n import t
from geo.links import read_flag
from geo.mapping import MapOptions, build_map
from geo.pointmap import needs_canvas_map
from geo.spatial import area_view_bounds
from geo.stats import headline_items
from ui import state
from ui.briefing import (
    BRIEFING_CSS,
    PRESENTATION_CSS,
    counter_html,
    handout_pdf,
    keyboard_script,
    without_map_controls,
)
from ui.data import dashboard_data, store
from ui.frame import current_language, guarded_download, sample_notice
from ui.headline import headline_row
from ui.links import link_notice

CHART_HEIGHT = 320
MAP_HEIGHT = 370
CHART_FONT_PX = 18
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


def chart(figure, height: int = CHART_HEIGHT) -> None:
    # The "large" figures' titles stay large; axis text shrinks a little so two charts fit under the map.
    charts.compact_figure(figure, height, CHART_FONT_PX)
    # theme=None keeps the figure's own fonts and colours (the Streamlit theme would shrink them).
    st.plotly_chart(figure, config=PLOT_CONFIG, theme=None)


st.html(BRIEFING_CSS)
if presenting:
    st.html(PRESENTATION_CSS)

with st.container(key="briefing_controls"):
    controls = st.columns([1.4, 1.4, 1.5, 1.9, 1.9, 2.4], vertical_alignment="bottom")
as_of = controls[3].date_input(t("briefing.as_of", lang), value=default_as_of(data.status_history), key="as_of")
since = controls[4].date_input(t("briefing.since", lang), value=default_since(as_of), key="since", max_value=as_of)
changes = changes_table(data.status_history, data.services, since, as_of, lang)
slides = briefing_slides(changes=len(changes))
st.session_state[state.BRIEFING_SLIDE_COUNT] = len(slides)
index = step_slide(st.session_state.get(state.BRIEFING_SLIDE, 0), 0, len(slides))
st.session_state[state.BRIEFING_SLIDE] = index

controls[0].button(
    t("briefing.previous", lang),
    key="briefing_previous",
    icon=":material/chevron_left:",
    on_click=move,
    args=(-1,),
    disabled=index == 0,
    width="stretch",
)
controls[1].button(
    t("briefing.next", lang),
    key="briefing_next",
    icon=":material/chevron_right:",
    on_click=move,
    args=(1,),
    disabled=index == len(slides) - 1,
    width="stretch",
)
controls[2].button(
    t("briefing.present", lang),
    key="briefing_present_button",
    icon=":material/slideshow:",
    on_click=toggle_presentation,
    help=t("briefing.present_help", lang),
    width="stretch",
)
revision = store().revision()  # the handout is cached per data revision
try:
    find_cjk_font()
    controls[5].download_button(
        t("briefing.pdf", lang),
        data=guarded_download(lambda: handout_pdf(revision, as_of, since, lang, data), "pdf"),
        file_name=f"ansan-smart-city-briefing-{as_of.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="briefing_pdf",
        on_click="ignore",
        width="stretch",
    )
except BriefingExportError as error:
    controls[5].error(f"{t('briefing.pdf_error', lang)}: {error}")

# Clicker keys without a visible button: first, last, presentation on/off.
with st.container(key="briefing_hidden"):
    st.button("first", key="briefing_first", on_click=go_to, args=(0,))
    st.button("last", key="briefing_last", on_click=go_to, args=(len(slides) - 1,))
    st.button("present", key="briefing_present", on_click=toggle_presentation)
buttons = {"next": "briefing_next", "previous": "briefing_previous", "first": "briefing_first"}
buttons |= {"last": "briefing_last", "present": "briefing_present"}
st.html(keyboard_script(buttons, presenting, index), unsafe_allow_javascript=True)
st.html(counter_html(index, len(slides), t("briefing.keys_hint", lang)))

services = services_as_of(data.services, data.status_history, as_of)
updated = last_data_update(data.services)
slide = slides[index]
with st.container(key="briefing_slide"):
    st.title(slide.title(lang, since))
    sample = f":orange-badge[{t('sample.short', lang)}] · " if presenting and data.has_samples else ""
    hint = "" if presenting else f" · {t('briefing.keys_hint', lang)}"
    st.caption(
        f"{sample}**{t('briefing.as_of', lang)} {as_of.isoformat()}** · {t('briefing.last_update', lang)} "
        f"{updated.isoformat() if updated else '—'} · {index + 1} / {len(slides)}{hint}"
    )
    if not presenting:
        sample_notice(data.has_samples, lang)
        link_notice("briefing", lang, [present_ignored])
    if slide.kind == "overview":
        headline_row(headline_items(services, data.areas, lang))
        vision, comparison = st.columns([2, 3], gap="large")
        for line in data.plan["vision"]:
            vision.markdown(f"#### “{md_text(line[lang])}”")
        for number, direction in enumerate(data.plan["directions"], start=1):
            vision.markdown(f"**{number}.** {md_text(direction[lang])}")
        vision.markdown(
            f"**{t('plan.aims', lang)}**: " + " · ".join(md_text(a) for a in plan_facts.aims(data.plan, lang))
        )
        if remark := plan_facts.mayor_remark(data.plan, lang):
            vision.caption(md_text(remark))
        if gazette := plan_facts.gazette_note(data.plan, lang):
            vision.caption(md_text(gazette))
        vision.caption(md_text(plan_facts.source_line(data.plan, lang)))
        with comparison:
            chart(charts.area_comparison_figure(aggregate.services_by_area_status(services), lang, "large"), 560)
    elif slide.kind == "area":
        area_id = slide.area_id or ""  # an area slide always names its area (the idiom of geo.briefing.Slide)
        map_col, facts_col = st.columns([3, 2], gap="large")
        with map_col:
            options = MapOptions(lang=lang, audience="briefing", height_px=MAP_HEIGHT)
            in_area = services.loc[services["area_id"] == area_id]
            # A city's device layers: counted per dong (geo.countmap says why), not one marker per service.
            area_map = (build_count_map if needs_canvas_map(in_area) else build_map)(
                data.boundaries,
                data.areas,
                in_area,
                options,
                selected_area=area_id,
                bounds=area_view_bounds(data.areas, area_id, padding=0.3),
            )
            # A plain iframe (no clicks come back): each slide's map loads at full height; the two-way
            # st_folium frame could stay 0 px high when one area's map replaced another's.
            map_html = area_map.get_root().render()
            with st.container(key="briefing_map"):
                st.iframe(without_map_controls(map_html) if presenting else map_html, height=MAP_HEIGHT)
        with facts_col:
            headline_row(headline_items(services, data.areas, lang, area_id, as_of=as_of, compact=True))
            facts, source = area_facts(data.areas, area_id, lang)
            # Facts and sources come from imported data: Markdown in them is shown as text.
            st.markdown("\n".join(f"- **{fact.label}**: {md_text(fact.value)}" for fact in facts))
            outline_note = f" · {t('approximate.note', lang)}" if data.has_approximate_outlines else ""
            st.caption(f"{t('field.source', lang)}: {md_text(source)}{outline_note}")
        left, right = st.columns(2, gap="large")
        with left:
            chart(charts.direction_figure(aggregate.services_by_direction(services, area_id), lang, "large"))
        with right:
            chart(charts.budget_by_year_figure(aggregate.budget_by_year(services, area_id), lang, "large"))
    elif slide.kind == "domains":
        left, right = st.columns([3, 2], gap="large")
        with left:
            chart(charts.domain_status_figure(aggregate.services_by_domain_status(services), lang, "large"), 700)
        with right:
            chart(charts.direction_figure(aggregate.services_by_direction(services), lang, "large"), 700)
    else:
        st.subheader(t("briefing.changes_count", lang, n=len(changes)))
        if changes.empty:
            st.info(t("briefing.no_changes", lang))
        else:
            # st.table renders Markdown in cells; service names and reasons are shown as text.
            st.table(slide.rows(changes).map(lambda v: md_text(str(v))), hide_index=True)
