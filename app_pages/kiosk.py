"""키오스크: the public touch screen — the plan, every reported project by how far along, each area — rotating on its own."""

import time
from typing import Any

import streamlit as st

from geo.clock import city_today
from geo.i18n import LANGUAGES, t
from geo.kiosk.access import MODE_PARAMS, help_html, same_section
from geo.kiosk.area import area_screen_html, build_kiosk_map
from geo.kiosk.overview import overview_html
from geo.kiosk.rotation import RotationState, advance, select, tick_seconds, touch, warning_due, was_reset
from geo.kiosk.screens import (
    heading_html,
    kiosk_screens,
    kiosk_sections,
    progress_html,
    project_screen_html,
)
from geo.kiosk.then import build_then_now_map
from geo.kiosk.voice import screen_projects
from ui import state, voice, voice_kiosk
from ui import widget_keys as keys
from ui.data import dashboard_data, reference_layers, settings, store
from ui.frame import current_language, guarded, set_language
from ui.kiosk import KIOSK_CSS, kiosk_map_page, touch_script
from ui.kiosk_access import (
    close_panels,
    control_bar,
    controls_script,
    current_modes,
    end_visit,
    idle_warning,
    mode_css,
)
from ui.kiosk_speech import phone_button, phone_view, read_button, speech_panel
from ui.kiosk_speech import screen_text as spoken_text
from ui.kiosk_then import then_now_screen_html
from ui.reconnect import connection_guard

MAP_HEIGHT = 700
MAP_HEIGHT_LARGE = 420  # CSS px before the 2× zoom of 큰 글씨

lang = current_language()
config = settings()
params = st.query_params.to_dict()
st.session_state.setdefault(state.KIOSK_START_LANG, lang)
modes = current_modes(params)
drawn_with = (modes, lang)  # what this run draws the page for: a change inside the fragment redraws it all


@st.cache_data(max_entries=8, show_spinner=False)
def rotation_screens(
    data_revision: str,  # noqa: ARG001 (cache key)
    near: tuple[float, float] | None,
    scale: float,
    _services: Any,
    _areas: Any,
) -> Any:
    # The area screens are the store's areas: an imported sixth one gets its screen too.
    return kiosk_screens(_services, near=near, scale=scale, areas=_areas)


@st.cache_data(max_entries=24, show_spinner=False)
def kiosk_map_html(
    kind: str,
    key: str | None,
    lang: str,
    large: bool,
    data_revision: str,  # noqa: ARG001 (cache key)
    _data: Any,
    _layers: Any,
) -> str:
    # A plain iframe, not the two-way st_folium component: the kiosk needs no clicks back, and a new
    # screen's map must load at full height every time (st_folium's frame could stay 0 px after a switch).
    if kind == "then":
        fmap = build_then_now_map(_data, _layers, lang, MAP_HEIGHT)
    else:
        fmap = build_kiosk_map(_data, _layers, kind, key, lang, MAP_HEIGHT)
    return kiosk_map_page(fmap.get_root().render(), large)


def on_touch() -> None:
    st.session_state[state.KIOSK_ROTATION] = touch(
        st.session_state.get(state.KIOSK_ROTATION, RotationState(0, time.monotonic())), time.monotonic()
    )


def on_select(screen: int, count: int) -> None:
    close_panels()
    st.session_state[state.KIOSK_ROTATION] = select(
        st.session_state.get(state.KIOSK_ROTATION, RotationState()), screen, time.monotonic(), count
    )


def on_language(choice: str) -> None:
    set_language(choice)
    on_touch()


def language_buttons() -> None:
    for choice in LANGUAGES:
        st.button(
            "한국어" if choice == "ko" else "English",
            key=f"{keys.KIOSK_LANG_PREFIX}{choice}",
            type="primary" if choice == lang else "secondary",
            on_click=on_language,
            args=(choice,),
        )


st.html(KIOSK_CSS + mode_css(modes))
connection_guard()  # deploy: calm "reconnecting" notice instead of Streamlit's dialog, reload when back
st.html(touch_script("kiosk_touch", zoom=modes.scale), unsafe_allow_javascript=True)
st.html(controls_script(lang), unsafe_allow_javascript=True)
with st.container(horizontal=True, vertical_alignment="center", key=keys.KIOSK_TOP):
    st.html(heading_html(t("kiosk.title", lang), "title"), width="stretch")
    if not modes.low_reach:
        language_buttons()


@st.fragment(run_every=tick_seconds(config.kiosk_interval_s, config.kiosk_idle_reset_s))
@guarded  # errors in the fragment's own reruns get the friendly message too
def kiosk_screen() -> None:
    if (current_modes(params), current_language()) != drawn_with:
        st.rerun(scope="app")  # a mode or the language changed in here: the page's style and title follow
    # Read here, not once per page: the fragment reruns on its own for hours, and an edit made on the
    # data page must reach the lobby without a reload (cached per store revision, so this is cheap).
    data = dashboard_data()
    revision = store().revision()
    near = config.kiosk_location
    screens = rotation_screens(revision, near, modes.scale, data.services, data.areas)
    now = time.monotonic()
    rotation = st.session_state.get(state.KIOSK_ROTATION, RotationState(0, now))
    shown_before = st.session_state.get(state.KIOSK_SCREENS_SHOWN, screens)
    if shown_before != screens:  # a mode paged the lists anew (or the data changed): stay on the same section
        rotation = RotationState(same_section(shown_before, screens, rotation.screen), now, rotation.touched_at)
    st.session_state[state.KIOSK_SCREENS_SHOWN] = screens
    if rotation.screen >= len(screens):  # the data changed and the rotation is shorter now
        rotation = RotationState(0, now)
    before = rotation
    rotation = advance(rotation, now, len(screens), config.kiosk_interval_s, config.kiosk_idle_reset_s)
    st.session_state[state.KIOSK_ROTATION] = rotation
    voice.sync_visit(rotation.paused())  # citizens' voice: a visit ends at the idle reset
    if was_reset(before, rotation):  # the visit is over: the start-up URL's modes and language return
        end_visit(params)
        set_language(st.session_state[state.KIOSK_START_LANG])
        if (current_modes(params), current_language()) != drawn_with:
            st.rerun(scope="app")
    screen = screens[rotation.screen]
    # 읽어 주기: what this screen shows, spoken by the app's own server (ui.kiosk_speech).
    spoken = spoken_text(revision, screen, lang, near, data, tuple(reference_layers()), city_today())
    st.button(t("kiosk.touch", lang), key=keys.KIOSK_TOUCH, on_click=on_touch)
    if not modes.low_reach:
        controls(screens, screen, rotation, spoken)
    help_open = st.session_state.get(state.KIOSK_HELP, False)
    phone_open = bool(config.public_url) and st.session_state.get(state.KIOSK_PHONE, False)
    panel = "_help" if help_open else "_phone" if phone_open else ""
    body_key = f"kiosk_screen_{screen.kind}_{screen.section}_{screen.page}_{modes.scale:g}{panel}"
    with st.container(key=keys.KIOSK_BODY), st.container(key=body_key):
        # Landscape: the text takes a little more than half (long English facts); portrait stacks them.
        map_col, text_col = st.columns([9, 11], gap="large")
        with map_col, st.container(key=keys.KIOSK_MAP):
            map_key = screen.group if screen.kind == "projects" else screen.area_id
            height = MAP_HEIGHT_LARGE if modes.large_text else MAP_HEIGHT
            st.iframe(
                kiosk_map_html(screen.kind, map_key, lang, modes.large_text, revision, data, reference_layers()),
                height=height,
            )
        with text_col:
            if help_open:  # 도움말 in place of the screen's text, until closed, a screen is chosen or the visit ends
                st.html(help_html(lang, config.kiosk_contact))
            elif phone_open:  # 내 휴대폰으로 보기: the phone opens the same language and modes
                on = {name: on for mode, (name, on) in MODE_PARAMS.items() if modes.is_on(mode)}
                phone_view(lang, config.public_url, on)
            else:
                screen_text(screen, data, near, revision)
    if modes.low_reach:  # 낮은 화면: every control under the screen, in the lower half
        controls(screens, screen, rotation, spoken)
        with st.container(horizontal=True, key=keys.KIOSK_LANG):
            language_buttons()
    if warning_due(rotation, now, config.kiosk_idle_reset_s):
        idle_warning(rotation, now, config.kiosk_idle_reset_s, lang)
    st.html(
        progress_html(
            rotation.screen, len(screens), rotation.paused(), config.kiosk_idle_reset_s, lang, data.has_samples
        )
    )
    speech_panel(spoken, lang, revision, on_touch, visitor_present=rotation.paused())


def screen_text(screen: Any, data: Any, near: tuple[float, float] | None, revision: str) -> None:
    st.html(heading_html(screen.title(lang), page=screen.page_label()))
    if screen.kind == "overview":
        st.html(overview_html(data.plan, data.services, lang))
    elif screen.kind == "projects":
        # Citizens' voice above the cards: the card list below takes the height that is left.
        projects = screen_projects(data.services, screen, lang, near)
        voice_kiosk.kiosk_voice(store(), projects, config, lang, on_touch)  # 필요해요, opinions
        st.html(project_screen_html(data.services, screen, lang, near))
    elif screen.kind == "then":
        st.html(then_now_screen_html(revision, lang))
    else:
        st.html(area_screen_html(data.plan, data.areas, data.services, reference_layers(), screen.area_id or "", lang))


def controls(screens: Any, screen: Any, rotation: RotationState, spoken: str) -> None:
    """The screen buttons, then the control bar (pause, previous, next, the modes, help, 읽어 주기, the phone)."""
    with st.container(horizontal=True, key=keys.KIOSK_NAV):
        for position, section in kiosk_sections(screens):
            st.button(
                section.nav_label(lang),
                key=f"{keys.KIOSK_NAV_PREFIX}{section.section}",
                type="primary" if section.section == screen.section else "secondary",
                on_click=on_select,
                args=(position, len(screens)),
            )
    # In the bar, not rows of their own: the screen is filled exactly. The phone only where DASHBOARD_PUBLIC_URL is set.
    extra = [lambda lang: read_button(spoken, lang, on_touch)]
    if config.public_url:
        extra.append(lambda lang: phone_button(lang, on_touch))
    control_bar(lang, modes, rotation.paused(), len(screens), extra=extra)


kiosk_screen()
