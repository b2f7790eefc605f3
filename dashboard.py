"""Entry point: page config, mode, language and the explicit list of pages.

Pages live in ``app_pages/``, not ``pages/``: with ``st.navigation``, a folder
named ``pages/`` would still be auto-discovered by Streamlit on a cold deep
link and render a page outside this frame (no mode check, no sign-in). Kiosk
mode registers only public pages, so staff pages have no URL at all there.
"""

import streamlit as st

from geo.i18n import t
from geo.settings import STATIC_DIR, SettingsError
from ui.auth import require_signin_if_configured
from ui.data import dashboard_data, ensure_vendor_assets, settings, store, store_is_outdated
from ui.frame import STAFF_CSS, current_language, language_switch, page_guard, settings_error_page
from ui.kiosk import CLOSE_DIALOGS_SCRIPT, NO_STREAMLIT_CHROME_CSS
from ui.widget_text import korean_widget_script

lang = current_language()
try:
    config = settings()
except SettingsError as error:
    st.set_page_config(page_title=t("app.title", lang), layout="wide")
    settings_error_page(error.text(lang), lang)
    st.stop()

st.set_page_config(
    page_title=t("app.title", lang),
    page_icon=str(STATIC_DIR / "favicon.png"),  # a local file: a named icon would be fetched online
    layout="wide",
    initial_sidebar_state="collapsed" if config.is_kiosk else "expanded",
)
ensure_vendor_assets()
if config.is_kiosk:
    # Before any page runs: Streamlit's English "Page not found" dialog (for /kiosk or any other path,
    # which simply show the kiosk), its menu and its status never reach the public screen.
    st.html(NO_STREAMLIT_CHROME_CSS)
    st.html(CLOSE_DIALOGS_SCRIPT, unsafe_allow_javascript=True)

# The first run builds the store (seconds at 100,000 services): say so rather than show an empty page.
# Streamlit shows a spinner only after half a second, so later runs (cached) never flash it.
# The public kiosk says it plainly (no store or data folder on a lobby screen).
loading = t("data.loading_public" if config.is_kiosk else "data.loading", lang)
with page_guard(lang), st.spinner(loading):
    dashboard_data()
if not config.is_kiosk:
    # Imported here: the handout's PDF and chart modules are staff-only, and the kiosk's first run need not load them.
    from ui.handout import prepare_after_data_change

    with page_guard(lang):
        prepare_after_data_change(dashboard_data(), store().revision())  # the handout, made in the background

# The default page is served at "/" only (Streamlit ignores its url_path), so a bookmark to /home got
# Streamlit's English "Page not found" dialog: a hidden page at /home switches to it, keeping the query.
# The default page's own url_path is never served; it only has to differ from "home".
home_page = st.Page(
    "app_pages/home.py", title=t("nav.home", lang), icon=":material/dashboard:", default=True, url_path="overview"
)


def open_home() -> None:
    st.switch_page(home_page, query_params=st.query_params.to_dict())


staff_pages = [
    home_page,
    st.Page(open_home, title=t("nav.home", lang), url_path="home", visibility="hidden"),
    st.Page("app_pages/map_explorer.py", title=t("nav.map", lang), icon=":material/map:", url_path="map"),
    st.Page(
        "app_pages/districts.py", title=t("nav.districts", lang), icon=":material/bar_chart:", url_path="districts"
    ),
    st.Page("app_pages/briefing.py", title=t("nav.briefing", lang), icon=":material/slideshow:", url_path="briefing"),
    st.Page("app_pages/data_manager.py", title=t("nav.data", lang), icon=":material/database:", url_path="data"),
]
if config.is_kiosk:
    # Only the kiosk page exists: every other URL falls back to it; its own switch sets the language.
    kiosk_page = st.Page("app_pages/kiosk.py", title=t("nav.kiosk", lang), default=True, url_path="kiosk")
    navigation = st.navigation([kiosk_page], position="hidden")
else:
    navigation = st.navigation(staff_pages, position="sidebar")
    st.html(STAFF_CSS)
    if lang == "ko":  # Streamlit's calendar and uploader speak English; Korean screens say it in Korean
        st.html(korean_widget_script(), unsafe_allow_javascript=True)
    language_switch()
    if store_is_outdated():
        st.sidebar.warning(t("store.outdated", lang), icon=":material/sync_problem:")
    require_signin_if_configured(lang)
with page_guard(lang):
    navigation.run()
