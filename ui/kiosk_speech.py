"""The kiosk's 읽어 주기 (read aloud) and 내 휴대폰으로 보기 (phone view) controls.

The speech is made by this server (``geo.speech``, eSpeak NG) and handed to ``st.audio`` as bytes, so
the browser fetches it from the app's own media endpoint: nothing leaves the machine. Audio is cached
per data revision, text, language, rate and volume.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import streamlit as st

from geo.i18n import t
from geo.kiosk import KioskScreen
from geo.kiosk_speech import kiosk_speech_text
from geo.loaders import DashboardData
from geo.phone import phone_url, phone_view_html
from geo.reference import ReferenceLayer
from geo.speech import DEFAULT_RATE, DEFAULT_VOLUME, RATES_WPM, VOLUMES, SpeechEngine, find_engine, synthesize
from ui import state

READ_BUTTON = "kiosk_speech_read"
SPEECH_BAR = "kiosk_speech"
PHONE_BLOCK = "kiosk_phone"

SPEECH_CSS = """<style>
.st-key-kiosk_speech { row-gap: 10px; column-gap: 24px; align-items: flex-end; }
.st-key-kiosk_speech [data-testid="stWidgetLabel"] p { font-size: 24px; font-weight: 700; }
.st-key-kiosk_speech audio { width: 100%; min-height: 54px; }
.kiosk-speech-off { font-size: 24px; font-weight: 700; color: #1A1A1A; }
.kiosk-phone { display: flex; flex-direction: column; gap: 6px; }
.kiosk-phone-title { font-size: 28px; font-weight: 800; }
.kiosk-phone-hint, .kiosk-phone-url { font-size: 24px; color: #1A1A1A; overflow-wrap: anywhere; }
.kiosk-qr { background: #FFFFFF; width: 185px; height: 185px; }
/* The chosen rate and volume: a darker blue than Streamlit's own (4.5:1 on its tint, 6.4:1 with this). */
.st-key-kiosk_speech button[data-selected="true"],
.st-key-kiosk_speech button[data-selected="true"] * { color: #005A8C !important; }
</style>"""


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
) -> str:
    """What ``screen`` reads aloud (built once per data revision, not on every tick of the rotation)."""
    return kiosk_speech_text(screen, _data, _layers, lang, near)


def _request(text: str, lang: str, on_activity: Callable[[], None]) -> None:
    st.session_state[state.KIOSK_SPEECH_REQUEST] = (text, lang)
    on_activity()  # reading pauses the rotation like a touch does


def read_aloud(
    text: str, lang: str, data_revision: str, on_activity: Callable[[], None], *, visitor_present: bool = True
) -> None:
    """The 읽어 주기 button with its rate and volume, and the audio once asked for (this screen only).

    ``visitor_present`` false (the idle reset came): a visitor's request ends, and the rate and volume
    go back to their defaults.
    """
    st.html(SPEECH_CSS)
    if not visitor_present:
        for key in (state.KIOSK_SPEECH_REQUEST, state.KIOSK_SPEECH_RATE, state.KIOSK_SPEECH_VOLUME):
            st.session_state.pop(key, None)
    engine = speech_engine()
    with st.container(horizontal=True, key=SPEECH_BAR):
        if engine is None or lang not in engine.languages:
            st.button(t("speech.read", lang), key=READ_BUTTON, disabled=True)
            st.html(f'<p class="kiosk-speech-off">{t("speech.unavailable", lang)}</p>')
            return
        st.button(
            t("speech.read", lang),
            key=READ_BUTTON,
            icon=":material/volume_up:",
            on_click=_request,
            args=(text, lang, on_activity),
        )
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
    if st.session_state.get(state.KIOSK_SPEECH_REQUEST) != (text, lang):
        return  # not asked for, or asked on another screen or in the other language
    try:
        audio = speech_audio(data_revision, text, lang, rate or DEFAULT_RATE, volume or DEFAULT_VOLUME)
    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError):
        st.html(f'<p class="kiosk-speech-off" role="alert">{t("speech.failed", lang)}</p>')
        return
    st.audio(audio, format="audio/wav", autoplay=True)


def phone_view(lang: str, public_url: str | None, modes: dict[str, str] | None = None) -> None:
    """The QR code to the public kiosk view with its address written out; nothing when none is configured."""
    if not public_url:
        return
    url = phone_url(public_url, lang, modes)
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
