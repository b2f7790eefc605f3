"""Citizens' voice where visitors are: the kiosk's project screens and the public view.

The kiosk page calls :func:`kiosk_voice` under a project screen's cards and
:func:`ui.voice.sync_visit` once per run (a visit ends at the idle reset).
The public view keys its per-client limit by :func:`client_id`, a random id
for the browser session: no address, user agent or fingerprint is read.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence

import streamlit as st

from geo.i18n import t
from geo.settings import Settings
from geo.store import Store
from ui import state
from ui import widget_keys as keys
from ui.voice import VISITOR_CSS, approved_opinions, need_button, opinion_form, voice_message

#: The kiosk's voice block (CSS and tests select it by this key).
KIOSK_VOICE_KEY = keys.KIOSK_VOICE

#: The two panels a visitor opens under the row: the opinion form, and what others said with the city's answers.
PANEL_FORM, PANEL_OPINIONS = "form", "opinions"
PANEL_TITLES = {PANEL_FORM: "voice.opinion.title", PANEL_OPINIONS: "voice.kiosk.opinions"}

#: The block on the kiosk: two lines (which card; 필요해요 and the two panels' buttons) in a thin frame, so the card
#: list keeps its room; a panel opens under the row on a tap. Targets 56 px high, the text 24 px.
KIOSK_VOICE_CSS = keys.widget_css("""<style>
$KIOSK_VOICE { border: 2px solid #00457A; border-radius: 10px; padding: 4px 10px; margin-top: 4px; gap: 4px; }
$KIOSK_VOICE [data-testid="stSelectbox"] [role="group"] { min-height: 56px; }
$KIOSK_VOICE [data-testid="stSelectbox"] input, $KIOSK_VOICE textarea,
$KIOSK_VOICE label p { font-size: 24px !important; }
$KIOSK_VOICE [data-testid="stWidgetLabel"] p { font-weight: 700; }
$KIOSK_BODY $KIOSK_VOICE_ROW { flex-direction: row !important; flex-wrap: wrap; gap: 8px; }
$KIOSK_VOICE_ROW [data-testid="stElementContainer"]:has([data-testid="stSelectbox"]) { flex: 1 1 100%; min-width: 220px; }
$KIOSK_VOICE_ROW $VOICE_PREFIX button p { font-size: 22px; }
</style>""")


def _toggle(panel: str, project_id: str, touched: Callable[[], None] | None) -> None:
    """Open ``panel`` for the project, or close it when it is the one open (one panel at a time)."""
    shown = st.session_state.get(state.VOICE_PANEL)
    st.session_state[state.VOICE_PANEL] = None if shown == (panel, project_id) else (panel, project_id)
    if touched is not None:
        touched()


def client_id() -> str:
    """This browser session's random id: the public view's per-client limit key (never an address)."""
    key: str = st.session_state.setdefault(state.VOICE_CLIENT, secrets.token_hex(8))
    return key


def voice_channel(settings: Settings) -> tuple[str, str]:
    """Where this instance's voice comes from: ("public", this session's :func:`client_id`) on the public
    view (``DASHBOARD_PUBLIC_VIEW``), else ("kiosk", "") counted against ``DASHBOARD_KIOSK_ID``'s limit."""
    return ("public", client_id()) if settings.public_view else ("kiosk", "")


def kiosk_voice(
    store: Store,
    projects: Sequence[tuple[str, str]],
    settings: Settings,
    lang: str,
    touched: Callable[[], None] | None = None,
) -> None:
    """필요해요 and an opinion for one project of the screen (a picker of its cards, each with its counts),
    the project's approved opinions and the city's answers. Nothing when the screen shows no project."""
    if not projects:
        return
    st.html(VISITOR_CSS + KIOSK_VOICE_CSS)
    # The public view (visitors' phones) is limited per visitor's session; a lobby kiosk as one kiosk.
    channel, client = voice_channel(settings)
    counts = store.voice_counts()
    names = dict(projects)
    ids = list(names)
    if st.session_state.get(state.VOICE_PICK) not in ids:  # a new screen: its first card
        st.session_state[state.VOICE_PICK] = ids[0]
    with st.container(key=KIOSK_VOICE_KEY):
        # Which card on a line of its own (beside the buttons it had about 330 px and cut the names), then
        # 필요해요 for it and the buttons of the opinion form and of what others said.
        with st.container(horizontal=True, vertical_alignment="center", key=keys.KIOSK_VOICE_ROW):
            chosen = str(
                st.selectbox(
                    t("voice.kiosk.heading", lang),
                    ids,
                    format_func=names.__getitem__,
                    key=state.VOICE_PICK,
                    on_change=touched,
                    label_visibility="collapsed",  # the row's buttons say what it is; the label stays for readers
                    width="stretch",
                )
            )
            need_button(store, chosen, settings, lang, counts, channel=channel, client=client, touched=touched)
            shown = st.session_state.get(state.VOICE_PANEL)
            for panel, title in PANEL_TITLES.items():
                st.button(
                    t(title, lang),
                    key=f"{keys.VOICE_OPEN_PREFIX}{panel}",
                    type="primary" if shown == (panel, chosen) else "secondary",
                    on_click=_toggle,
                    args=(panel, chosen, touched),
                )
        voice_message(chosen, lang)
        if shown == (PANEL_FORM, chosen):
            opinion_form(store, chosen, settings, lang, channel=channel, client=client, touched=touched)
        elif shown == (PANEL_OPINIONS, chosen):
            approved_opinions(store, chosen, settings, lang, channel=channel, client=client, touched=touched)
