"""The public screen when the server is away: a calm notice instead of Streamlit's connection dialog.

The kiosk runs unattended in a lobby. When its connection to the server drops
(restart, upgrade, a dead instance behind the proxy), Streamlit would show
"Connection error — Is Streamlit still running?" over the screen. The script
built here runs in the kiosk page and

- asks the server's ``/_stcore/health`` every ``poll_ms`` and watches for
  Streamlit's connection dialog (hidden the moment it appears);
- after ``fail_after`` failed checks in a row, lays a full-screen notice
  "잠시 후 다시 연결합니다 / Reconnecting shortly" over the last good screen;
- once the server answers again, reloads the page, which starts a fresh session
  (through the proxy, on whichever instance is up) and so a fresh rotation.

It lives in ``ui/`` because it knows Streamlit's page (its dialog's markup and health path).
"""

from __future__ import annotations

import streamlit as st

from geo.html import escape_html
from geo.i18n import t
from ui.page_script import page_script

OVERLAY_ID = "kiosk-reconnect"
# Streamlit's connection dialog, in the only language its frontend speaks.
DIALOG_PATTERN = "Connection error|is not responding|still running"

RECONNECT_CSS = f"""<style>
#{OVERLAY_ID} {{ position: fixed; inset: 0; z-index: 2147483647; display: none; align-items: center;
  justify-content: center; flex-direction: column; gap: 1.2rem; background: rgba(242, 245, 248, 0.94);
  color: #1A1A1A; font-family: sans-serif; text-align: center; }}
#{OVERLAY_ID} .title {{ font-size: 3rem; font-weight: 700; }}
#{OVERLAY_ID} .sub {{ font-size: 1.9rem; color: #404040; }}
#{OVERLAY_ID} .dot {{ width: 1.1rem; height: 1.1rem; border-radius: 50%; background: #0072B2;
  animation: kiosk-reconnect-pulse 2.4s ease-in-out infinite; }}
@keyframes kiosk-reconnect-pulse {{ 0%, 100% {{ opacity: 0.25; }} 50% {{ opacity: 1; }} }}
</style>"""


def overlay_html() -> str:
    """The notice, in both languages at once: a passer-by may read either."""
    return (
        '<div class="dot"></div>'
        f'<div class="title" lang="ko">{escape_html(t("reconnect.title", "ko"))}</div>'
        f'<div class="sub" lang="en">{escape_html(t("reconnect.title", "en"))}</div>'
        f'<div class="sub" lang="ko">{escape_html(t("reconnect.body", "ko"))}</div>'
    )


def reconnect_script(health_url: str = "/_stcore/health", poll_ms: int = 2000, fail_after: int = 2) -> str:
    """The page script ``static/js/reconnect.js`` (with its style); installed once per tab, replacing an earlier
    copy on a rerun."""
    config = {
        "health": health_url,
        "poll": poll_ms,
        "timeout": max(1000, poll_ms - 200),
        "failAfter": fail_after,
        "id": OVERLAY_ID,
        "html": overlay_html(),
        "dialog": DIALOG_PATTERN,
    }
    return RECONNECT_CSS + page_script("reconnect.js", config)


def connection_guard() -> None:
    """Install the calm "reconnecting" notice and the reload-on-return watcher in this tab."""
    st.html(reconnect_script(), unsafe_allow_javascript=True)
