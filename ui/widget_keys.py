"""Every widget and container key that the pages give Streamlit inline, declared once.

Streamlit gives an element with a key the CSS class ``st-key-<key>``; the pages' CSS, their scripts and the tests
select elements by it. The pages use these names, CSS is written with :func:`widget_css` (``$BRIEFING_SLIDE`` for
``.st-key-briefing_slide``), and ``tests/test_widget_keys.py`` checks that every ``st-key-`` selector in the code,
the scripts and the tests names a declared key, so a renamed key cannot leave a selector behind. Keys owned by one
module (the kiosk's controls, 읽어 주기, the handout button) are declared there and passed to :func:`widget_css`.
"""

from __future__ import annotations

from string import Template

# The briefing (app_pages/briefing.py)
BRIEFING_CONTROLS = "briefing_controls"
BRIEFING_PREVIOUS = "briefing_previous"
BRIEFING_NEXT = "briefing_next"
BRIEFING_PRESENT_BUTTON = "briefing_present_button"
BRIEFING_HIDDEN = "briefing_hidden"
BRIEFING_FIRST = "briefing_first"
BRIEFING_LAST = "briefing_last"
BRIEFING_PRESENT = "briefing_present"
BRIEFING_SLIDE = "briefing_slide"
BRIEFING_PROJECTS_BOX = "briefing_projects_box"
BRIEFING_MAP = "briefing_map"
BRIEFING_AREA_PROJECTS = "briefing_area_projects"
BRIEFING_TREND = "briefing_trend"

# Data management (app_pages/data_manager.py)
EDIT_REAPPLY = "edit_reapply"
EDIT_DISCARD = "edit_discard"
BACKUP_NOW = "backup_now"
RESTORE_NAME = "restore_name"
RESTORE = "restore"
DATA_TAB = "data_tab"
EDIT_SEARCH = "edit_search"
EDIT_SERVICE = "edit_service"

# District profiles (app_pages/districts.py)
DONG_VALUE = "dong_value"
DISTRICT_TAB = "district_tab"
DISTRICT_AREA = "district_area"
DISTRICT_AS_OF = "district_as_of"

# Overview (app_pages/home.py)
HOME = "home"

# The kiosk's frame (app_pages/kiosk.py)
KIOSK_TOP = "kiosk_top"
KIOSK_TOUCH = "kiosk_touch"
KIOSK_BODY = "kiosk_body"
KIOSK_MAP = "kiosk_map"
KIOSK_LANG = "kiosk_lang"
KIOSK_NAV = "kiosk_nav"

# Map explorer (app_pages/map_explorer.py)
FIT_CITY = "fit_city"
FIT_RESULTS = "fit_results"
IN_VIEW = "in_view"
CLEAR_SELECTION = "clear_selection"
RESULTS_SORT = "results_sort"
RESULTS_TABLE = "results_table"

# Staff sign-in (ui/auth.py)
STAFF_SIGN_OUT = "staff_sign_out"
SIGN_IN_USERNAME = "sign_in_username"
SIGN_IN_PASSWORD = "sign_in_password"

# Every page's frame (ui/frame.py)
LANG_SWITCH = "lang_switch"

# Imports (ui/import_tools.py)
IMPORT_PREVIEW_MAP = "import_preview_map"
IMPORT_MODE = "import_mode"
IMPORT_CONFIRM = "import_confirm"
REFERENCE_PREVIEW_MAP = "reference_preview_map"
REFERENCE_CONFIRM = "reference_confirm"
IMPORT_LAYER = "import_layer"
IMPORT_CRS = "import_crs"
IMPORT_ENCODING = "import_encoding"
IMPORT_TITLE = "import_title"
IMPORT_TITLE_EN = "import_title_en"
IMPORT_LICENCE = "import_licence"

# Citizens' voice, staff side (ui/voice.py)
VOICE_STATUSES = "voice_statuses"
VOICE_PROJECT = "voice_project"
VOICE_SINCE = "voice_since"
VOICE_UNTIL = "voice_until"
VOICE_EXPORT_CSV = "voice_export_csv"
VOICE_EXPORT_XLSX = "voice_export_xlsx"
VOICE_PURGE_CONFIRM = "voice_purge_confirm"
VOICE_PURGE = "voice_purge"

# Citizens' voice on the kiosk (ui/voice_kiosk.py)
KIOSK_VOICE_ROW = "kiosk_voice_row"

# The kiosk's control bar, idle warning and 읽어 주기 (ui/kiosk_access.py, ui/kiosk_speech.py)
KIOSK_CONTROLS = "kiosk_controls"
KIOSK_WARNING = "kiosk_warning"
KIOSK_SPEECH = "kiosk_speech"
KIOSK_VOICE = "kiosk_voice"

#: Families of keys made at run time (``fit_<area>``, ``voice_need_<project>`` …): selected by prefix.
FIT_PREFIX = "fit_"
VOICE_PREFIX = "voice_"
VOICE_NEED_PREFIX = "voice_need_"
VOICE_OPEN_PREFIX = "voice_open_"
VOICE_PANEL_PREFIX = "voice_panel_"
VOICE_SEND_PREFIX = "voice_send_"
KIOSK_NAV_PREFIX = "kiosk_nav_"
KIOSK_LANG_PREFIX = "kiosk_lang_"
FOLIUM_MAP_PREFIX = "folium_map_"


def selector(key: str) -> str:
    """The CSS selector of the element with ``key``."""
    return f".st-key-{key}"


def prefix_selector(prefix: str) -> str:
    """The CSS selector of every element whose key starts with ``prefix``."""
    return f'[class*="st-key-{prefix}"]'


def declared_keys() -> dict[str, str]:
    """The keys declared in this module, by constant name."""
    return {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}


def widget_css(template: str, **keys: str) -> str:
    """``template`` with each ``$NAME`` replaced by the selector of the key NAME (declared here or passed).

    A name ending in ``_PREFIX`` gives the selector of the family. An unknown name raises ``KeyError`` when the
    module that writes the CSS is imported, so a renamed key fails at once.
    """
    names = declared_keys() | keys
    selectors = {
        name: prefix_selector(key) if name.endswith("_PREFIX") else selector(key) for name, key in names.items()
    }
    return Template(template).substitute(selectors)
