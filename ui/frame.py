"""The shared page frame: language, sample-data notice, error pages and the guard every page runs inside."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.analysis.exports import failure_file
from geo.html import hide_server_paths
from geo.i18n import LANGUAGES, Lang, t
from geo.logs import log_incident, logger
from geo.model.validation import DataError
from geo.settings import SettingsError
from geo.store import StoreError
from ui import widget_keys as keys

LOG = logger()  # deploy: the same JSON-lines logger as geo.logs

LANG_KEY = "lang"

#: Staff pages at any width (1366×768 laptops included): a metric's number shrinks with its column
#: (container units) and wraps rather than being cut to "1,330.5…"; long labels wrap too.
STAFF_CSS = """<style>
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: min(2.25rem, 14cqi); }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"] * { line-height: 1.15; }
/* The selected segment or pill (language switch, chart choices): Streamlit draws it in the theme blue on a
   10 % blue tint, 4.15:1 on the sidebar; a darker blue gives 5.9:1 (KWCAG 5.4.3 asks 4.5:1). */
[data-testid="stButtonGroup"] button[data-selected="true"],
[data-testid="stButtonGroup"] button[data-selected="true"] * { color: #005A8C !important; }
/* A page's sections are h2 under its h1 title (no skipped level: KWCAG 6.4.2, axe heading-order), drawn at
   the size Streamlit gives a subheader. */
[data-testid="stMain"] [data-testid="stHeading"] h2 { font-size: 1.75rem; padding: 0.75rem 0 1rem 0; }
/* A date's month and day are each a tap target about 18 px wide: 24 px at least (KWCAG 2.2, WCAG 2.5.8). */
[data-testid="stDateInput"] [role="spinbutton"] {
  display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; text-align: center; }
/* Captions are text faded by opacity: at Streamlit's 0.6, 4.41:1 on the sidebar; at 0.7, 6.1:1 there, 6.4:1 on white. */
[data-testid="stCaptionContainer"] { opacity: 0.7; }
</style>"""


def current_language() -> Lang:
    """The UI language: from the URL (``?lang=en``) so a view can be shared, Korean by default."""
    return "en" if st.query_params.get(LANG_KEY, "ko") == "en" else "ko"


def set_language(lang: str) -> None:
    if lang == "ko":
        st.query_params.pop(LANG_KEY, None)
    else:
        st.query_params[LANG_KEY] = lang


def language_switch(container: DeltaGenerator | None = None) -> Lang:
    """A 한국어/English switch; returns the language in force."""
    lang = current_language()
    where = container or st.sidebar
    choice = where.segmented_control(
        t("lang.label", lang),
        options=list(LANGUAGES),
        default=lang,
        format_func=lambda code: "한국어" if code == "ko" else "English",
        key=keys.LANG_SWITCH,
    )
    if choice and choice != lang:
        set_language(choice)
        st.rerun()
    return lang


def sample_notice(has_samples: bool, lang: str) -> None:
    """The '예시 데이터' notice every screen that shows sample records carries."""
    if has_samples:
        st.warning(t("sample.banner", lang), icon=":material/science:")


def public_message(text: str, lang: str) -> str:
    """A message for the page: server paths hidden (the log keeps them)."""
    return hide_server_paths(text, t("error.path_hidden", lang))


def data_error_page(error: DataError, lang: str) -> None:
    """A readable Korean error page naming each file and problem (no server path), instead of a traceback."""
    st.error(f"### {t('error.title', lang)}\n\n{t('error.body', lang)}")
    report = error.report.to_frame(lang=lang).map(
        lambda cell: public_message(cell, lang) if isinstance(cell, str) else cell
    )
    st.dataframe(report, hide_index=True, width="stretch")


def settings_error_page(message: str, lang: str) -> None:
    st.error(f"### {t('error.settings', lang)}\n\n{public_message(message, lang)}")


def store_error_page(message: str, lang: str) -> None:
    st.error(f"### {t('error.store', lang)}\n\n{public_message(message, lang)}")


def unexpected_error_page(error: BaseException, lang: str) -> str:
    """A friendly error with an incident id instead of a traceback; the traceback goes to the log with the id."""
    incident = log_incident("page", error)  # deploy: one JSON line with the id and the traceback
    st.error(f"### {t('error.unexpected.title', lang)}\n\n{t('error.unexpected.body', lang, incident=incident)}")
    return incident


@contextmanager
def page_guard(lang: str) -> Iterator[None]:
    """Run a page (or the app's frame) so that no exception reaches the browser as a traceback.

    Known errors get their own Korean page (data files, settings, store);
    anything else gets a friendly message with an incident id that is also
    logged with the traceback. The page stops there. Streamlit's own controls
    (``st.stop``, ``st.rerun``) are not exceptions of this kind and pass through.
    """
    try:
        yield
    except DataError as error:
        data_error_page(error, lang)
    except SettingsError as error:
        settings_error_page(error.text(lang), lang)
    except StoreError as error:
        LOG.warning("store error shown to the user: %s", error)
        store_error_page(error.text(lang), lang)
    except Exception as error:  # the last line of defence: every page, every unexpected error
        unexpected_error_page(error, lang)
    else:
        return
    st.stop()


def guarded_download(build: Callable[[], bytes], suffix: str) -> Callable[[], bytes]:
    """A download's builder under the incident handler.

    Streamlit runs a deferred download's builder when the button is clicked, outside
    the page and its ``page_guard``. A failure is logged with an incident id (never a
    bare traceback), and the download is a file of the same kind that says so in Korean
    and English, rather than nothing.
    """

    @functools.wraps(build)
    def run() -> bytes:
        try:
            return build()
        except Exception as error:
            incident = log_incident("download", error, file=suffix)
            return failure_file(
                suffix, t("download.failed", "ko", incident=incident), t("download.failed", "en", incident=incident)
            )

    return run


def guarded(function: Callable[[], None]) -> Callable[[], None]:
    """``page_guard`` for a fragment: a fragment's own reruns do not pass through the page's guard.

    Put it under ``@st.fragment``; an error then shows the same friendly message in the fragment.
    """

    @functools.wraps(function)
    def run() -> None:
        with page_guard(current_language()):
            function()

    return run
