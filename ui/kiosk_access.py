"""The kiosk's accessible controls in Streamlit: the control bar, the idle warning, help, and the modes' look.

The control bar (:func:`control_bar`) holds the rotation's pause, previous and next, the three display modes
(큰 글씨, 고대비, 낮은 화면) and help; other features add their own buttons to it through its ``extra``
argument (each a function that draws its button inside the bar). Every control here counts as a touch, so
the kiosk stays on the visitor's screen while they use it. The decisions are in ``geo.kiosk.rotation`` and
``geo.kiosk.access``; this module holds the widgets, their keys, the CSS of each mode and the page script
(``static/js/kiosk_controls.js``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import streamlit as st

from geo.html import escape_html, json_for_script
from geo.i18n import t
from geo.kiosk.access import MODE_PARAMS, KioskModes
from geo.kiosk.rotation import RotationState, pause, resume, seconds_to_reset, step, touch
from ui import state
from ui import widget_keys as keys

#: Widget keys (the tests select by them: ``.st-key-<key> button``).
CONTROL_BAR = keys.KIOSK_CONTROLS
PAUSE = "kiosk_pause"
PREVIOUS = "kiosk_prev"
NEXT = "kiosk_next"
HELP = "kiosk_help"
KEEP = "kiosk_keep"
WARNING = keys.KIOSK_WARNING
MODE_PREFIX = "kiosk_mode_"
#: The page's own script, read from the app's static folder (never fetched from anywhere).
CONTROLS_JS = Path(__file__).resolve().parent.parent / "static" / "js" / "kiosk_controls.js"

# Always: a focus ring that no background hides; the control bar; the warning above everything; help.
ACCESS_CSS = keys.widget_css("""<style>
.stApp button:focus-visible, .stApp button:focus { outline: 5px solid #0B57D0 !important; outline-offset: 3px;
  box-shadow: 0 0 0 9px #FFFFFF !important; }
$KIOSK_CONTROLS { row-gap: 12px; column-gap: 12px; }
$KIOSK_WARNING { position: fixed; left: 50%; transform: translateX(-50%); bottom: 96px; z-index: 999990;
  width: min(960px, 92vw); background: #1A1A1A; border: 4px solid #FFFFFF; box-shadow: 0 0 0 4px #1A1A1A;
  border-radius: 14px; padding: 16px 24px; }
$KIOSK_WARNING p.kiosk-warning-text { color: #FFFFFF; font-size: 34px; font-weight: 800; margin: 0; }
$KIOSK_WARNING button { background: #FFFFFF !important; color: #000000 !important;
  border: 3px solid #FFFFFF !important; }
$KIOSK_WARNING button p { color: #000000 !important; }
.kiosk-help-steps { font-size: 28px; line-height: 1.45; padding-left: 1.4em; margin: 0.4rem 0; }
.kiosk-help-steps li { margin-bottom: 0.5rem; }
.kiosk-help-ask { font-size: 30px; margin-top: 0.8rem; }
</style>""")

# 고대비: light text on black, yellow for what is chosen; every text ≥ 4.5:1, symbols ≥ 3:1 (tests/test_kiosk_access).
CONTRAST_CSS = keys.widget_css("""<style>
.stApp, [data-testid="stMain"], [data-testid="stAppViewContainer"] { background: #000000 !important; }
.stApp, .stApp p, .stApp li, .stApp span, .stApp div, .stApp h1, .stApp h2, .stApp b { color: #FFFFFF; }
.stApp button { background: #000000 !important; border: 3px solid #FFFFFF !important; }
.stApp button p { color: #FFFFFF !important; }
.stApp button[kind="primary"], .stApp button[data-testid="stBaseButton-primary"] { background: #FFD400 !important;
  border-color: #FFD400 !important; }
.stApp button[kind="primary"] p, .stApp button[data-testid="stBaseButton-primary"] p { color: #000000 !important; }
.stApp button:focus-visible, .stApp button:focus { outline-color: #FFD400 !important;
  box-shadow: 0 0 0 9px #000000 !important; }
.kiosk-headline, .kiosk-area { background: #000000 !important; border: 2px solid #FFFFFF; }
.stApp .kiosk-headline b, .stApp .kiosk-number b { color: #FFD400; }
.stApp .kiosk-source, .stApp .kiosk-kind, .stApp .kiosk-facts, .stApp .kiosk-desc, .stApp .kiosk-period { color: #FFFFFF; }
.stApp .kiosk-sample { color: #FFB870; }
.stApp .kiosk-page { background: #FFD400; color: #000000; }
.kiosk-card, .kiosk-row, .kiosk-number { border-color: #FFFFFF !important; background: #000000 !important; }
.kiosk-projects { border-top-color: #FFFFFF; }
.kiosk-dot { border-color: #FFFFFF; }
.kiosk-dot.on { background: #FFFFFF; }
.stApp .kiosk-glyph { -webkit-text-stroke: 1px #FFFFFF; }
$KIOSK_MAP iframe { border: 4px solid #FFFFFF; }
$KIOSK_WARNING { background: #000000; border-color: #FFD400; box-shadow: 0 0 0 4px #000000; }
$KIOSK_WARNING button { background: #FFD400 !important; border-color: #FFD400 !important; }
.stApp $KIOSK_SPEECH { background: #000000; border-color: #FFD400; }
.stApp $KIOSK_SPEECH button[data-selected="true"], .stApp $KIOSK_SPEECH button[data-selected="true"] * {
  color: #FFD400 !important; }
</style>""")

# 큰 글씨: the whole layout at 200 % (text, buttons, cards, legends and the map with its labels), as a
# browser's zoom would draw it; the page may scroll down (never sideways), and lists hold fewer cards a page.
LARGE_CSS = keys.widget_css("""<style>
[data-testid="stMainBlockContainer"] { zoom: 2; padding-left: 1rem; padding-right: 1rem; }
.kiosk-list, .kiosk-list:has(.wide) { max-height: none !important; overflow: visible !important; }
.kiosk-cards.wide { grid-template-columns: 1fr; }
.kiosk-card.part { margin-left: 12px; }
.kiosk-dots { flex-wrap: wrap; max-width: 100%; }  /* a screen's dots at 2× are wider than the screen */
$KIOSK_WARNING { bottom: 24px; }
</style>""")

# 낮은 화면: app_pages/kiosk.py draws the screen buttons, the control bar and the languages under the screen;
# the warning and its 계속 보기, and the 읽어 주기 player, sit just under the middle, in the lower half too.
LOW_CSS = keys.widget_css("""<style>
$KIOSK_WARNING { bottom: auto; top: 52%; }
.stApp $KIOSK_SPEECH { bottom: auto; top: 50%; }  /* the 읽어 주기 player: over the middle, not the controls */
</style>""")


def mode_css(modes: KioskModes) -> str:
    """The styles of the modes in force, on top of ``ui.kiosk.KIOSK_CSS``."""
    return (
        ACCESS_CSS
        + (CONTRAST_CSS if modes.high_contrast else "")
        + (LARGE_CSS if modes.large_text else "")
        + (LOW_CSS if modes.low_reach else "")
    )


@cache
def _controls_source() -> str:
    return CONTROLS_JS.read_text(encoding="utf-8")


def controls_script(lang: str) -> str:
    """The page script: arrow keys step the rotation, the warning counts down, the page's language is set."""
    config = json_for_script({"lang": lang, "previous": PREVIOUS, "next": NEXT})
    return "<script>" + _controls_source().replace("__CONFIG__", config) + "</script>"


# --- state ------------------------------------------------------------------------------------------------


def start_modes(params: dict[str, str]) -> KioskModes:
    """The start-up URL's modes, read once per session: the idle reset returns to them."""
    if state.KIOSK_START_MODES not in st.session_state:
        st.session_state[state.KIOSK_START_MODES] = KioskModes.from_query(params)
    start: KioskModes = st.session_state[state.KIOSK_START_MODES]
    return start


def current_modes(params: dict[str, str]) -> KioskModes:
    """The modes in force: the visitor's choice, or the start-up URL's."""
    modes: KioskModes = st.session_state.get(state.KIOSK_MODES) or start_modes(params)
    return modes


def _rotation() -> RotationState:
    rotation: RotationState = st.session_state.get(state.KIOSK_ROTATION, RotationState(0, time.monotonic()))
    return rotation


def on_pause() -> None:
    rotation, now = _rotation(), time.monotonic()
    st.session_state[state.KIOSK_ROTATION] = resume(rotation, now) if rotation.paused() else pause(rotation, now)


def on_step(delta: int, count: int) -> None:
    close_panels()
    st.session_state[state.KIOSK_ROTATION] = step(_rotation(), time.monotonic(), count, delta)


def on_mode(mode: str, modes: KioskModes) -> None:
    st.session_state[state.KIOSK_MODES] = modes.toggled(mode)
    st.session_state[state.KIOSK_ROTATION] = touch(_rotation(), time.monotonic())


def close_panels() -> None:
    """Help and the phone's QR code (shown in place of a screen's text) close when another screen is chosen."""
    st.session_state[state.KIOSK_HELP] = False
    st.session_state[state.KIOSK_PHONE] = False


def on_help() -> None:
    st.session_state[state.KIOSK_HELP] = not st.session_state.get(state.KIOSK_HELP, False)
    st.session_state[state.KIOSK_PHONE] = False  # one panel at a time
    st.session_state[state.KIOSK_ROTATION] = touch(_rotation(), time.monotonic())


def on_keep() -> None:
    """계속 보기: one touch, and the idle time starts again."""
    st.session_state[state.KIOSK_ROTATION] = touch(_rotation(), time.monotonic())


def end_visit(params: dict[str, str]) -> None:
    """The idle reset: the visitor's modes and help end; the start-up URL's modes return."""
    st.session_state[state.KIOSK_MODES] = start_modes(params)
    close_panels()


# --- widgets ----------------------------------------------------------------------------------------------


def control_bar(
    lang: str, modes: KioskModes, paused: bool, count: int, extra: Sequence[Callable[[str], None]] = ()
) -> None:
    """The control bar: pause or play, previous, next, the three modes, help, then ``extra`` buttons.

    ``extra``: functions that each draw one more button into the bar, given the language (speech, the
    phone link); they keep their own keys and should count their click as a touch.
    """
    with st.container(horizontal=True, key=CONTROL_BAR):
        st.button(t("kiosk.resume" if paused else "kiosk.pause", lang), key=PAUSE, on_click=on_pause)
        st.button(t("kiosk.previous", lang), key=PREVIOUS, on_click=on_step, args=(-1, count))
        st.button(t("kiosk.next", lang), key=NEXT, on_click=on_step, args=(1, count))
        for mode in MODE_PARAMS:
            name = t(f"kiosk.mode_{mode}", lang)
            on = modes.is_on(mode)
            st.button(
                t("kiosk.mode_on", lang, mode=name) if on else name,
                key=f"{MODE_PREFIX}{mode}",
                type="primary" if on else "secondary",
                on_click=on_mode,
                args=(mode, modes),
            )
        help_open = bool(st.session_state.get(state.KIOSK_HELP, False))
        st.button(
            t("kiosk.help_close" if help_open else "kiosk.help", lang),
            key=HELP,
            type="primary" if help_open else "secondary",
            on_click=on_help,
        )
        for draw in extra:
            draw(lang)


def idle_warning(rotation: RotationState, now: float, idle_reset_s: float, lang: str) -> None:
    """The countdown before the idle reset, with 계속 보기 (drawn only while the warning is due)."""
    left = seconds_to_reset(rotation, now, idle_reset_s)
    if left is None:
        return
    seconds = f'<span class="kiosk-countdown" data-left="{left:.1f}" data-stamp="{now:.2f}">{int(left + 0.999)}</span>'
    text = escape_html(t("kiosk.warning", lang, s="{s}")).replace("{s}", seconds)
    with st.container(key=WARNING, horizontal=True, vertical_alignment="center"):
        st.html(f'<p class="kiosk-warning-text" role="alert">{text}</p>', width="stretch")
        st.button(t("kiosk.keep", lang), key=KEEP, on_click=on_keep)
