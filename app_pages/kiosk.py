"""키오스크: the public touch screen — overview, each area, what is being built — rotating on its own."""

import time

import streamlit as st

from geo.countmap import build_count_map
from geo.i18n import LANGUAGES, t
from geo.kiosk import (
    KIOSK_CARDS_MAX,
    UNDER_WAY,
    RotationState,
    advance,
    area_intro_html,
    cards_html,
    heading_html,
    kiosk_map_services,
    kiosk_screens,
    overview_html,
    progress_html,
    public_service_count,
    public_services,
    select,
    tick_seconds,
    touch,
)
from geo.mapping import MapOptions, build_map
from geo.pointmap import needs_canvas_map
from geo.spatial import area_view_bounds
from geo.vocab import KIOSK_STATUSES
from ui import state
from ui.data import dashboard_data, reference_layers, settings, store
from ui.frame import current_language, guarded, set_language
from ui.kiosk import KIOSK_CSS, touch_script
from ui.reconnect import connection_guard

MAP_HEIGHT = 700

lang = current_language()
config = settings()
screens = kiosk_screens()


@st.cache_data(max_entries=24, show_spinner=False)
def kiosk_map_html(area_id: str | None, lang: str, data_revision: str, _data, _layers) -> str:  # noqa: ARG001 (cache key)
    # A plain iframe, not the two-way st_folium component: the kiosk needs no clicks back, and a new
    # screen's map must load at full height every time (st_folium's frame could stay 0 px after a switch).
    # Only public columns go to the browser: no id, department or budget in the page.
    services = kiosk_map_services(_data.services, area_id)
    bounds = area_view_bounds(_data.areas, area_id, padding=0.45) if area_id else None
    options = MapOptions(
        lang=lang, audience="kiosk", show_dongs=False, height_px=MAP_HEIGHT, legend_statuses=KIOSK_STATUSES
    )
    # Stations and parks (public layers marked for the kiosk) help a visitor find where things are.
    orientation = [layer for layer in _layers if layer.kiosk]
    # A city's device layers: counted per dong (geo.countmap says why), not one marker per service.
    draw = build_count_map if needs_canvas_map(services) else build_map
    fmap = draw(
        _data.boundaries,
        _data.areas,
        services,
        options,
        selected_area=area_id,
        bounds=bounds,
        reference_layers=orientation,
    )
    return fmap.get_root().render()


def on_touch() -> None:
    st.session_state[state.KIOSK_ROTATION] = touch(
        st.session_state.get(state.KIOSK_ROTATION, RotationState(0, time.monotonic())), time.monotonic()
    )


def on_select(screen: int) -> None:
    st.session_state[state.KIOSK_ROTATION] = select(
        st.session_state.get(state.KIOSK_ROTATION, RotationState()), screen, time.monotonic(), len(screens)
    )


def on_language(choice: str) -> None:
    set_language(choice)
    on_touch()


st.html(KIOSK_CSS)
connection_guard()  # deploy: calm "reconnecting" notice instead of Streamlit's dialog, reload when back
st.html(touch_script("kiosk_touch"), unsafe_allow_javascript=True)
with st.container(horizontal=True, vertical_alignment="center", key="kiosk_top"):
    st.html(heading_html(t("kiosk.title", lang), "title"), width="stretch")
    for choice in LANGUAGES:
        st.button(
            "한국어" if choice == "ko" else "English",
            key=f"kiosk_lang_{choice}",
            type="primary" if choice == lang else "secondary",
            on_click=on_language,
            args=(choice,),
        )


@st.fragment(run_every=tick_seconds(config.kiosk_interval_s, config.kiosk_idle_reset_s))
@guarded  # errors in the fragment's own reruns get the friendly message too
def kiosk_screen() -> None:
    # Read here, not once per page: the fragment reruns on its own for hours, and an edit made on the
    # data page must reach the lobby without a reload (cached per store revision, so this is cheap).
    data = dashboard_data()
    now = time.monotonic()
    rotation = advance(
        st.session_state.get(state.KIOSK_ROTATION, RotationState(0, now)),
        now,
        len(screens),
        config.kiosk_interval_s,
        config.kiosk_idle_reset_s,
    )
    st.session_state[state.KIOSK_ROTATION] = rotation
    st.button(t("kiosk.touch", lang), key="kiosk_touch", on_click=on_touch)
    with st.container(horizontal=True, key="kiosk_nav"):
        for position, screen in enumerate(screens):
            st.button(
                screen.nav_label(lang),
                key=f"kiosk_nav_{position}",
                type="primary" if position == rotation.screen else "secondary",
                on_click=on_select,
                args=(position,),
            )
    screen = screens[rotation.screen]
    with st.container(key="kiosk_body"), st.container(key=f"kiosk_screen_{screen.kind}_{screen.area_id or 'all'}"):
        if screen.kind == "nearby":
            near = config.kiosk_location
            st.html(heading_html(t("kiosk.nearby_here", lang) if near else screen.title(lang)))
            under_way = public_services(data.services, lang, statuses=UNDER_WAY, near=near, limit=KIOSK_CARDS_MAX)
            total = public_service_count(data.services, statuses=UNDER_WAY)
            st.html(cards_html(under_way, lang, show_area=True, wide=True, total=total))
        else:
            map_col, text_col = st.columns([11, 9], gap="large")
            with map_col, st.container(key="kiosk_map"):
                st.iframe(
                    kiosk_map_html(screen.area_id, lang, store().revision(), data, reference_layers()),
                    height=MAP_HEIGHT,
                )
            with text_col:
                st.html(heading_html(screen.title(lang)))
                if screen.kind == "overview":
                    st.html(overview_html(data.plan, data.services, data.areas, lang))
                else:
                    st.html(area_intro_html(data.areas, screen.area_id or "", lang))
                    listed = public_services(data.services, lang, screen.area_id, limit=KIOSK_CARDS_MAX)
                    total = public_service_count(data.services, screen.area_id)
                    st.html(cards_html(listed, lang, total=total, on_map=True))
    st.html(
        progress_html(
            rotation.screen, len(screens), rotation.paused(), config.kiosk_idle_reset_s, lang, data.has_samples
        )
    )


kiosk_screen()
