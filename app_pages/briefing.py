"""브리핑: slides for a projector — overview, each area, services by domain, what changed — and a PDF."""

import streamlit as st

from geo import aggregate, charts
from geo.briefing import (
    BRIEFING_CSS,
    area_facts,
    area_view_bounds,
    briefing_slides,
    changes_table,
    default_since,
    keyboard_script,
    last_data_update,
    step_slide,
)
from geo.briefing_pdf import BriefingExportError, briefing_pdf, find_cjk_font
from geo.history import default_as_of, services_as_of
from geo.i18n import t
from geo.mapping import MapOptions, build_map
from geo.stats import format_budget, headline
from ui.data import dashboard_data
from ui.frame import current_language, sample_notice

SLIDE = "briefing_slide_index"
CHART_HEIGHT = 320
MAP_HEIGHT = 370
CHART_FONT_PX = 18
PLOT_CONFIG = {"displayModeBar": False}

lang = current_language()
data = dashboard_data()
slides = briefing_slides()
index = step_slide(st.session_state.get(SLIDE, 0), 0, len(slides))


def move(step: int) -> None:
    st.session_state[SLIDE] = step_slide(st.session_state.get(SLIDE, 0), step, len(slides))


def numbers_row(services, areas) -> None:
    numbers = headline(services, areas)
    unit = t("metric.count_unit", lang)
    cols = st.columns(4)
    cols[0].metric(t("metric.services", lang), f"{numbers.services:,}{unit}")
    cols[1].metric(t("metric.operating", lang), f"{numbers.operating:,}{unit}")
    cols[2].metric(t("metric.areas", lang), f"{numbers.areas}{t('metric.area_unit', lang)}")
    cols[3].metric(t("metric.budget", lang), format_budget(numbers.budget_krw_100m, lang))


def chart(figure, height: int = CHART_HEIGHT) -> None:
    # The "large" figures' titles stay large; axis text shrinks a little so two charts fit under the map.
    figure.update_layout(
        height=height,
        font={"size": CHART_FONT_PX},
        legend={"font": {"size": CHART_FONT_PX}},
        margin={"t": 110 if figure.layout.title.subtitle.text else 80, "b": 30},
    )
    # theme=None keeps the figure's own fonts and colours (the Streamlit theme would shrink them).
    st.plotly_chart(figure, config=PLOT_CONFIG, theme=None)


st.html(BRIEFING_CSS)
controls = st.columns([1, 1, 2, 2, 3], vertical_alignment="bottom")
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
as_of = controls[2].date_input(t("briefing.as_of", lang), value=default_as_of(data.status_history), key="as_of")
since = controls[3].date_input(t("briefing.since", lang), value=default_since(as_of), key="since", max_value=as_of)
try:
    find_cjk_font()
    controls[4].download_button(
        t("briefing.pdf", lang),
        data=lambda: briefing_pdf(data, as_of, since, lang),
        file_name=f"ansan-smart-city-briefing-{as_of.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="briefing_pdf",
        on_click="ignore",
        width="stretch",
    )
except BriefingExportError as error:
    controls[4].error(f"{t('briefing.pdf_error', lang)}: {error}")
st.html(keyboard_script("briefing_next", "briefing_previous"), unsafe_allow_javascript=True)

services = services_as_of(data.services, data.status_history, as_of)
updated = last_data_update(data.services)
slide = slides[index]
with st.container(key="briefing_slide"):
    st.title(slide.title(lang, since))
    st.caption(
        f"**{t('briefing.as_of', lang)} {as_of.isoformat()}** · {t('briefing.last_update', lang)} "
        f"{updated.isoformat() if updated else '—'} · {index + 1} / {len(slides)} · {t('briefing.keys_hint', lang)}"
    )
    sample_notice(data.has_samples, lang)
    if slide.kind == "overview":
        numbers_row(services, data.areas)
        vision, comparison = st.columns([2, 3], gap="large")
        for line in data.plan["vision"]:
            vision.markdown(f"#### “{line[lang]}”")
        for number, direction in enumerate(data.plan["directions"], start=1):
            vision.markdown(f"**{number}.** {direction[lang]}")
        vision.caption(f"{t('home.source', lang)}: {data.plan['source'][lang]}")
        with comparison:
            chart(charts.area_comparison_figure(aggregate.services_by_area_status(services), lang, "large"), 560)
    elif slide.kind == "area":
        area_id = slide.area_id
        map_col, facts_col = st.columns([3, 2], gap="large")
        with map_col:
            options = MapOptions(lang=lang, audience="briefing", height_px=MAP_HEIGHT)
            area_map = build_map(
                data.boundaries,
                data.areas,
                services.loc[services["area_id"] == area_id],
                options,
                selected_area=area_id,
                bounds=area_view_bounds(data.areas, area_id, padding=0.3),
            )
            # A plain iframe (no clicks come back): each slide's map loads at full height; the two-way
            # st_folium frame could stay 0 px high when one area's map replaced another's.
            with st.container(key="briefing_map"):
                st.iframe(area_map.get_root().render(), height=MAP_HEIGHT)
        with facts_col:
            area_services = services.loc[services["area_id"] == area_id]
            numbers = headline(area_services, data.areas.loc[data.areas["area_id"] == area_id])
            unit = t("metric.count_unit", lang)
            cols = st.columns([2, 2, 3])
            cols[0].metric(t("metric.services", lang), f"{numbers.services:,}{unit}")
            cols[1].metric(t("metric.operating", lang), f"{numbers.operating:,}{unit}")
            cols[2].metric(t("field.budget", lang), format_budget(numbers.budget_krw_100m, lang))
            facts, source = area_facts(data.areas, area_id, lang)
            st.markdown("\n".join(f"- **{fact.label}**: {fact.value}" for fact in facts))
            outline_note = f" · {t('approximate.note', lang)}" if data.has_approximate_outlines else ""
            st.caption(f"{t('field.source', lang)}: {source}{outline_note}")
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
        changes = changes_table(data.status_history, data.services, since, as_of, lang)
        st.subheader(t("briefing.changes_count", lang, n=len(changes)))
        if changes.empty:
            st.info(t("briefing.no_changes", lang))
        else:
            st.table(changes, hide_index=True)
