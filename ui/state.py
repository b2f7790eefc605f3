"""Every session-state key the app keeps, in one place, and the two small patterns pages use them for.

A key spelled inline in a page can collide with another page's or a widget's
key without anyone noticing; here they are listed side by side, and
``tests/test_ui_state.py`` fails on a key spelled anywhere else.
"""

from __future__ import annotations

import streamlit as st

# --- sign-in (ui.auth) ---
STAFF_USER = "staff_user"
STAFF_LAST_ACTIVITY = "staff_last_activity"
STAFF_AUTH_NOTICE = "staff_auth_notice"

# --- map explorer (app_pages/map_explorer.py, ui.servicemap, ui.filters) ---
MAP_COMMAND = "staff_map_command"
MAP_HANDLED_CLICK = "handled_click"
MAP_HANDLED_ROW = "handled_row"
STATUS_CHART_GENERATION = "status_chart_generation"
FILTERS_SEEDED = "filters_seeded_from_url"
FILTERS_REQUESTED = "filters_requested"
MAP_AS_OF = "map_as_of"
# The day the as-of box last showed, and its generation: a day the URL brings (link, playback) makes a new box.
MAP_AS_OF_SHOWN = "map_as_of_shown"
MAP_AS_OF_GENERATION = "map_as_of_generation"
# The playback (ui.playback): a counter that tells the map a day was chosen in the page's as-of box rather than
# by its own time control, and the last report of the map the page acted on.
PLAYBACK_DAY_N = "playback_day_n"
PLAYBACK_HANDLED = "playback_handled_report"
HOME_PLAYBACK = "home_playback"
FILTERS_IGNORED = "filters_ignored_in_url"
# What a page ignored of the link it was opened with (prefix + page name), kept for the session.
LINK_IGNORED_PREFIX = "link_ignored_"
#: Widget key of each ``ServiceFilter`` field's filter.
FILTER_WIDGETS: dict[str, str] = {
    "areas": "f_area",
    "domains": "f_domain",
    "statuses": "f_status",
    "phases": "f_phase",
    "years": "f_years",
    "text": "f_text",
}

# --- briefing (app_pages/briefing.py) ---
BRIEFING_SLIDE = "briefing_slide_index"
BRIEFING_SLIDE_COUNT = "briefing_slide_count"
BRIEFING_PRESENTING = "briefing_presenting"

# --- kiosk (app_pages/kiosk.py) ---
KIOSK_ROTATION = "kiosk_rotation"
# 읽어 주기 (ui.speech): the screen text a visitor asked to hear, and the rate and volume widgets' keys.
KIOSK_SPEECH_REQUEST = "kiosk_speech_request"
KIOSK_SPEECH_RATE = "kiosk_speech_rate"
KIOSK_SPEECH_VOLUME = "kiosk_speech_volume"
#: The display modes in force (geo.kiosk.access.KioskModes) and those of the start-up URL, which the idle
#: reset returns to; the start-up language; whether the help shows; the screens the modes last paged.
KIOSK_MODES = "kiosk_modes"
KIOSK_START_MODES = "kiosk_start_modes"
KIOSK_START_LANG = "kiosk_start_lang"
KIOSK_HELP = "kiosk_help_open"
#: 내 휴대폰으로 보기 (ui.kiosk_speech): whether the QR code shows in place of the screen's text.
KIOSK_PHONE = "kiosk_phone_open"
KIOSK_SCREENS_SHOWN = "kiosk_screens_shown"

# --- data management (app_pages/data_manager.py, ui.import_tools, ui.data_tools) ---
IMPORT_ROUND = "import_round"
#: Followed by the import's key: the column choices the user made for that file.
IMPORT_USER_MAP_PREFIX = "import_user_map_"
EDIT_LOADED = "edit_loaded_record"
EDIT_CONFLICT = "edit_conflict"
EDIT_RELOAD = "edit_reload"
EDIT_NOTICE = "edit_notice"
EDIT_REASON = "edit_reason"
#: Widget key of each editable service field.
EDIT_WIDGETS: dict[str, str] = {
    "status": "edit_status",
    "start_year": "edit_start_year",
    "end_year": "edit_end_year",
    "budget_krw_100m": "edit_budget",
}
RESTORE_ROUND = "restore_round"

# --- citizens' voice (ui.voice: the data page's moderation tab, the kiosk's 필요해요 and opinions) ---
#: Followed by an opinion's id: the answer being written for it.
VOICE_ANSWER_PREFIX = "voice_answer_text_"
#: The projects this visit said 필요해요 for (kept only here; a visit ends at the kiosk's idle reset).
VOICE_TAPPED = "voice_tapped"
#: What the last visitor action answered (thanks, the limit ...), by project: shown once beside it.
VOICE_MESSAGE = "voice_message"
#: Followed by a project's id: the opinion form's reason and text.
VOICE_REASON_PREFIX = "voice_reason_"
VOICE_TEXT_PREFIX = "voice_text_"
#: The opinions this visit reported (one report per opinion per visit; ends with the visit).
VOICE_REPORTED = "voice_reported"
#: The project of the kiosk screen a visitor chose for 필요해요 and an opinion.
VOICE_PICK = "voice_pick"
#: The kiosk's open citizens' voice panel: (which, project id), or None; ends with the visit.
VOICE_PANEL = "voice_panel"
#: The public view's client key: a random id for this browser session, never an address (per-client limit).
VOICE_CLIENT = "voice_client"


def generation(key: str) -> int:
    """How many times the widget behind ``key`` was replaced (0 at first); part of that widget's key."""
    return int(st.session_state.get(key, 0))


def next_generation(key: str) -> None:
    """Replace the widget behind ``key`` on the next run, dropping its value (a selection, a tick)."""
    st.session_state[key] = generation(key) + 1


def is_new(key: str, value: object) -> bool:
    """Whether ``value`` differs from the one last seen under ``key``, remembering it: an event acts once."""
    if st.session_state.get(key) == value:
        return False
    st.session_state[key] = value
    return True
