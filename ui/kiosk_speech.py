"""The kiosk's 읽어 주기 (read aloud) and 내 휴대폰으로 보기 (phone view) controls.

Both are buttons of the control bar (``ui.kiosk_access.control_bar(extra=…)``): the kiosk fills its screen
exactly, so neither takes a row of its own. The player floats over the foot of the screen while it is open;
the QR code shows in place of the screen's text, as the help does.

The speech is made by this server (``geo.speech``, eSpeak NG) and handed to ``st.audio`` as bytes, so
the browser fetches it from the app's own media endpoint: nothing leaves the machine. Audio is cached
per data revision, text, language, rate and volume.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date

import streamlit as st

from geo.i18n import t
from geo.kiosk.screens import KioskScreen
from geo.kiosk.speech import kiosk_speech_text
from geo.loaders import DashboardData
from geo.model.reference_layers import ReferenceLayer
from geo.phone import phone_url, phone_view_html
from geo.speech import DEFAULT_RATE, DEFAULT_VOLUME, RATES_WPM, VOLUMES, SpeechEngine, find_engine, synthesize
from ui import state
from ui import widget_keys as keys

READ_BUTTON = "kiosk_speech_read"
SPEECH_BAR = keys.KIOSK_SPEECH
PHONE_BLOCK = "kiosk_phone"
PHONE_BUTTON = "kiosk_phone_button"

SPEECH_CSS = keys.widget_css("""<style>
/* The player floats over the foot of the screen (in 낮은 화면 over its middle, the controls being below). */
$KIOSK_SPEECH { position: fixed; left: 50%; transform: translateX(-50%); bottom: 8px; z-index: 999980;
  width: min(1040px, 96vw); background: #FFFFFF; border: 3px solid #1A1A1A; border-radius: 14px;
  padding: 10px 18px; row-gap: 10px; column-gap: 24px; align-items: flex-end; }
.stApp:has($KIOSK_SPEECH) $KIOSK_WARNING { bottom: 150px; }
$KIOSK_SPEECH [data-testid="stWidgetLabel"] p { font-size: 24px; font-weight: 700; }
$KIOSK_SPEECH audio { min-height: 54px; }
.kiosk-speech-off { font-size: 24px; font-weight: 700; color: #1A1A1A; }
.kiosk-phone { display: flex; flex-direction: column; gap: 6px; }
.kiosk-phone-title { font-size: 28px; font-weight: 800; }
.kiosk-phone-hint, .kiosk-phone-url { font-size: 24px; color: #1A1A1A; overflow-wrap: anywhere; }
.kiosk-qr { background: #FFFFFF; width: 185px; height: 185px; }
/* The chosen rate and volume: a darker blue than Streamlit's own (4.5:1 on its tint, 6.4:1 with this). */
$KIOSK_SPEECH button[data-selected="true"],
$KIOSK_SPEECH button[data-selected="true"] * { color: #005A8C !important; }
</style>""")


@st.cache_resource(show_spinner=False)
def speech_engine() -> SpeechEngine | None:
    """The installed engine, looked up once per server process (``None`` where none is installed)."""
    return find_engine()


@st.cache_data(max_entries=64, show_spinner=False)
def speech_audio(data_revision: str, text: str, lang: str, rate: str, volume: str) -> bytes:  # noqa: ARG001 (cache key)
    engine = speech_engine()
    if engine is None:
        raise RuntimeError("no speech engine")
    return synthesize(engine, text, lang, rate, volume)


@st.cache_data(max_entries=64, show_spinner=False)
def screen_text(
    data_revision: str,  # noqa: ARG001 (cache key)
    screen: KioskScreen,
    lang: str,
    near: tuple[float, float] | None,
    _data: DashboardData,
    _layers: tuple[ReferenceLayer, ...],
    today: date,
) -> str:
    """What ``screen`` reads aloud (built once per data revision and day, not on every tick of the rotation)."""
    return kiosk_speech_text(screen, _data, _layers, lang, near, today)


def _toggle(text: str, lang: str, on_activity: Callable[[], None]) -> None:
    if st.session_state.get(state.KIOSK_SPEECH_REQUEST) == (text, lang):
        st.session_state.pop(state.KIOSK_SPEECH_REQUEST, None)  # pressed again: the player closes
    else:
        st.session_state[state.KIOSK_SPEECH_REQUEST] = (text, lang)
    on_activity()  # reading pauses the rotation like a touch does


def read_button(text: str, lang: str, on_activity: Callable[[], None]) -> None:
    """The 읽어 주기 button, for the control bar (``ui.kiosk_access.control_bar(extra=…)``).

    It opens the player (:func:`speech_panel`) for ``text`` and closes it when pressed again; ticked while open.
    """
    asked = st.session_state.get(state.KIOSK_SPEECH_REQUEST) == (text, lang)
    name = t("speech.read", lang)
    st.button(
        t("kiosk.mode_on", lang, mode=name) if asked else name,
        key=READ_BUTTON,
        icon=":material/volume_up:",
        type="primary" if asked else "secondary",
        on_click=_toggle,
        args=(text, lang, on_activity),
    )


def speech_panel(
    text: str, lang: str, data_revision: str, on_activity: Callable[[], None], *, visitor_present: bool = True
) -> None:
    """The player, once 읽어 주기 was pressed on this screen: rate, volume and the audio (or why there is none).

    It floats over the foot of the screen (``SPEECH_CSS``) rather than taking a row of the layout, which fills
    the screen exactly. ``visitor_present`` false (the idle reset came): a visitor's request ends, and the rate
    and volume go back to their defaults.
    """
    st.html(SPEECH_CSS)
    if not visitor_present:
        for key in (state.KIOSK_SPEECH_REQUEST, state.KIOSK_SPEECH_RATE, state.KIOSK_SPEECH_VOLUME):
            st.session_state.pop(key, None)
    if st.session_state.get(state.KIOSK_SPEECH_REQUEST) != (text, lang):
        return  # not asked for, or asked on another screen or in the other language
    engine = speech_engine()
    with st.container(horizontal=True, key=SPEECH_BAR):
        if engine is None or lang not in engine.languages:
            st.html(f'<p class="kiosk-speech-off" role="alert">{t("speech.unavailable", lang)}</p>')
            return
        rate = st.segmented_control(
            t("speech.rate", lang),
            list(RATES_WPM),
            default=DEFAULT_RATE,
            key=state.KIOSK_SPEECH_RATE,
            format_func=lambda name: t(f"speech.rate.{name}", lang),
            on_change=on_activity,
        )
        volume = st.segmented_control(
            t("speech.volume", lang),
            list(VOLUMES),
            default=DEFAULT_VOLUME,
            key=state.KIOSK_SPEECH_VOLUME,
            format_func=lambda name: t(f"speech.volume.{name}", lang),
            on_change=on_activity,
        )
        try:
            audio = speech_audio(data_revision, text, lang, rate or DEFAULT_RATE, volume or DEFAULT_VOLUME)
        except (OSError, RuntimeError, ValueError, subprocess.SubprocessError):
            st.html(f'<p class="kiosk-speech-off" role="alert">{t("speech.failed", lang)}</p>')
            return
        st.audio(audio, format="audio/wav", autoplay=True, width=420)


def _toggle_phone(on_activity: Callable[[], None]) -> None:
    st.session_state[state.KIOSK_PHONE] = not st.session_state.get(state.KIOSK_PHONE, False)
    st.session_state[state.KIOSK_HELP] = False  # one panel at a time in place of the screen's text
    on_activity()


def phone_button(lang: str, on_activity: Callable[[], None]) -> None:
    """내 휴대폰으로 보기, for the control bar: shows the QR code (:func:`phone_view`) in place of the screen's text."""
    shown = bool(st.session_state.get(state.KIOSK_PHONE, False))
    name = t("phone.title", lang)
    st.button(
        t("kiosk.mode_on", lang, mode=name) if shown else name,
        key=PHONE_BUTTON,
        type="primary" if shown else "secondary",
        on_click=_toggle_phone,
        args=(on_activity,),
    )


def phone_view(lang: str, public_url: str | None, modes: dict[str, str] | None = None) -> None:
    """The QR code to the public kiosk view with its address written out; nothing when none is configured."""
    if not public_url:
        return
    url = phone_url(public_url, lang, modes)
    st.html(SPEECH_CSS)
    with st.container(key=PHONE_BLOCK):
        st.html(
            phone_view_html(
                url,
                t("phone.title", lang),
                t("phone.hint", lang),
                t("phone.alt", lang, url=url),
                t("phone.address", lang),
            )
        )
