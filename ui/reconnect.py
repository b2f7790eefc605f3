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

from geo.html import escape_html, json_for_script
from geo.i18n import t

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
    """The page script (with its style); installed once per tab, replacing an earlier copy on a rerun."""
    config = json_for_script(
        {
            "health": health_url,
            "poll": poll_ms,
            "timeout": max(1000, poll_ms - 200),
            "failAfter": fail_after,
            "id": OVERLAY_ID,
            "html": overlay_html(),
            "dialog": DIALOG_PATTERN,
        }
    )
    return RECONNECT_CSS + (
        "<script>(function () {"
        f"var cfg = {config}; var win = window; var doc = document;"
        "if (win.__kioskReconnect) { clearInterval(win.__kioskReconnect.timer);"
        "  if (win.__kioskReconnect.observer) win.__kioskReconnect.observer.disconnect(); }"
        "var state = {down: false, fails: 0, timer: null, observer: null}; win.__kioskReconnect = state;"
        "var pattern = new RegExp(cfg.dialog, 'i');"
        # Streamlit's dialog is hidden the moment it is added, so it never flashes over the notice.
        "function hideDialogs() { var found = false;"
        "  doc.querySelectorAll('[role=\"dialog\"]').forEach(function (d) {"
        "    if (!pattern.test(d.textContent || '')) return; found = true;"
        "    var box = d.closest('[data-baseweb=\"modal\"]') || d.closest('[data-testid=\"stDialog\"]') || d;"
        "    box.style.setProperty('display', 'none', 'important'); });"
        "  return found; }"
        "function overlay(show) { var el = doc.getElementById(cfg.id);"
        "  if (!el) { el = doc.createElement('div'); el.id = cfg.id; el.setAttribute('role', 'status');"
        "    el.setAttribute('aria-live', 'polite'); el.innerHTML = cfg.html; doc.body.appendChild(el); }"
        "  el.style.display = show ? 'flex' : 'none'; }"
        "function check() {"
        "  var ctl = new AbortController(); var timer = setTimeout(function () { ctl.abort(); }, cfg.timeout);"
        "  fetch(cfg.health + '?t=' + Date.now(), {cache: 'no-store', signal: ctl.signal})"
        "    .then(function (r) { return r.ok; }, function () { return false; })"
        "    .then(function (ok) { clearTimeout(timer);"
        "      var lost = hideDialogs() || !ok; state.fails = lost ? state.fails + 1 : 0;"
        "      if (!state.down && state.fails >= cfg.failAfter) { state.down = true; overlay(true); }"
        # Back: a reload is a fresh session on whichever instance answers, so the rotation restarts cleanly.
        "      else if (state.down && ok) { win.location.reload(); } }); }"
        "state.observer = new MutationObserver(hideDialogs);"
        "state.observer.observe(doc.body, {childList: true, subtree: true});"
        "overlay(false); state.timer = setInterval(check, cfg.poll);"
        "})();</script>"
    )


def connection_guard() -> None:
    """Install the calm "reconnecting" notice and the reload-on-return watcher in this tab."""
    st.html(reconnect_script(), unsafe_allow_javascript=True)
