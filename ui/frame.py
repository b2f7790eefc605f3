"""The shared page frame: language, sample-data notice, error page and page guards."""

from __future__ import annotations

import streamlit as st

from geo.i18n import LANGUAGES, t
from geo.validation import DataError

LANG_KEY = "lang"


def current_language() -> str:
    """The UI language: from the URL (``?lang=en``) so a view can be shared, Korean by default."""
    lang = st.query_params.get(LANG_KEY, "ko")
    return lang if lang in LANGUAGES else "ko"


def set_language(lang: str) -> None:
    if lang == "ko":
        st.query_params.pop(LANG_KEY, None)
    else:
        st.query_params[LANG_KEY] = lang


def language_switch(container=None) -> str:
    """A 한국어/English switch; returns the language in force."""
    lang = current_language()
    where = container or st.sidebar
    choice = where.segmented_control(
        t("lang.label", lang),
        options=list(LANGUAGES),
        default=lang,
        format_func=lambda code: "한국어" if code == "ko" else "English",
        key="lang_switch",
    )
    if choice and choice != lang:
        set_language(choice)
        st.rerun()
    return lang


def sample_notice(has_samples: bool, lang: str) -> None:
    """The '예시 데이터' notice every screen that shows sample records carries."""
    if has_samples:
        st.warning(t("sample.banner", lang), icon=":material/science:")


def data_error_page(error: DataError, data_dir: str, lang: str) -> None:
    """A readable Korean error page naming each file and problem, instead of a traceback."""
    st.error(f"### {t('error.title', lang)}\n\n{t('error.body', lang, path=data_dir)}")
    st.dataframe(error.report.to_frame(), hide_index=True, width="stretch")


def settings_error_page(message: str, lang: str) -> None:
    st.error(f"### {t('error.settings', lang)}\n\n{message}")
