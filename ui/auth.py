"""Staff sign-in glue: the form, the 30-minute session timeout and ``require_staff()``, the guard of editing pages.

Every page that edits, imports, restores or exports calls ``require_staff(lang)``
before it reads any data: signed out (or timed out), the page shows only the
sign-in form and stops. The checks themselves (hashes, the lockout, the
timeout) are in ``geo.auth``, with failed attempts counted in the store; this
module keeps the signed-in user in the session.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from geo.auth import (
    SESSION_TIMEOUT,
    AuthError,
    StaffUser,
    client_address,
    load_users,
    server_peer,
    session_expired,
    sign_in,
)
from geo.clock import city_now
from geo.i18n import t
from geo.logs import log_event, logger
from ui import state
from ui import widget_keys as keys
from ui.data import settings, store

LOG = logger()


def _now() -> datetime:
    return city_now()


def sign_out(notice: str | None = "auth.signed_out") -> None:
    """Forget the signed-in user; ``notice`` (an i18n key) is shown above the next sign-in form."""
    st.session_state.pop(state.STAFF_USER, None)
    st.session_state.pop(state.STAFF_LAST_ACTIVITY, None)
    if notice:
        st.session_state[state.STAFF_AUTH_NOTICE] = notice


def signed_in_user() -> StaffUser | None:
    """The signed-in user, or None; a session idle for more than 30 minutes is signed out here."""
    user: StaffUser | None = st.session_state.get(state.STAFF_USER)
    if user is None:
        return None
    now = _now()
    if session_expired(st.session_state.get(state.STAFF_LAST_ACTIVITY, now), now, SESSION_TIMEOUT):
        sign_out("auth.expired")
        return None
    st.session_state[state.STAFF_LAST_ACTIVITY] = now
    return user


def _client_address() -> str:
    """The browser's address, for the per-client limit (``geo.auth.client_address`` decides whom to believe).

    The server (uvicorn) reports a loopback peer as no address (nginx on this machine), and has already applied
    ``X-Forwarded-For`` for its own trusted hosts: ``geo.auth.server_peer`` undoes that first.
    """
    config = settings()
    observed = st.context.ip_address if isinstance(st.context.ip_address, str) else None
    header = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    forwarded = header if isinstance(header, str) else None
    peer = server_peer(observed, forwarded, config.server_forwarded_allow_ips)
    return client_address(peer, forwarded, config.trusted_proxies)


def sign_in_form(lang: str) -> None:
    """The username/password form; a success reruns the page signed in, a failure says why (Korean first)."""
    notice = st.session_state.pop(state.STAFF_AUTH_NOTICE, None)
    if notice:
        st.info(t(notice, lang))
    secrets_file = settings().secrets_file
    try:
        users = load_users(secrets_file)
    except AuthError as error:
        # The message names the server's file: it goes to the log, not to a signed-out visitor.
        LOG.error("staff accounts unreadable: %s", error)
        st.error(t("auth.accounts_unreadable", lang))
        return
    if not users:
        LOG.warning("no staff accounts in %s", secrets_file)
        st.warning(t("auth.no_accounts", lang))
    with st.form("staff_sign_in", clear_on_submit=True, width=420):
        username = st.text_input(t("auth.username", lang), key=keys.SIGN_IN_USERNAME, autocomplete="username")
        password = st.text_input(
            t("auth.password", lang), type="password", key=keys.SIGN_IN_PASSWORD, autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.submit", lang), type="primary", width="stretch")
    if not submitted:
        return
    # Attempts are counted in the store: shared by every app process and kept over restarts.
    result = sign_in(users, store(), username, password, _now(), client=_client_address())
    log_event(
        "sign_in", user=username.strip()[:64], ok=result.ok, locked=result.scope or None, client=_client_address()
    )  # deploy
    if result.ok:
        st.session_state[state.STAFF_USER] = result.user
        st.session_state[state.STAFF_LAST_ACTIVITY] = _now()
        st.rerun()
    st.error(result.detail.text(lang))  # geo.auth gives a code; its words are in geo.i18n


def _user_or_sign_in(lang: str, hint: str = "auth.hint") -> StaffUser:
    """The signed-in user; otherwise show the sign-in form and stop the page (nothing below runs)."""
    user = signed_in_user()
    if user is None:
        st.header(t("auth.title", lang))
        st.caption(t(hint, lang))
        sign_in_form(lang)
        st.stop()
    return user


def _signed_in_sidebar(user: StaffUser, lang: str) -> None:
    sidebar = st.sidebar.container()
    sidebar.caption(
        t("auth.signed_in_as", lang, name=user.display_name)
        + " · "
        + t("auth.timeout_note", lang, minutes=int(SESSION_TIMEOUT.total_seconds() // 60))
    )
    sidebar.button(t("auth.sign_out", lang), key=keys.STAFF_SIGN_OUT, on_click=sign_out, icon=":material/logout:")


def require_staff(lang: str) -> StaffUser:
    """The signed-in staff user; otherwise show the sign-in form and stop the page (nothing below runs)."""
    user = _user_or_sign_in(lang)
    if not settings().require_signin:  # otherwise the frame already shows who is signed in
        _signed_in_sidebar(user, lang)
    return user


def require_signin_if_configured(lang: str) -> None:
    """With ``DASHBOARD_REQUIRE_SIGNIN=1`` every staff page needs a signed-in user (the kiosk never does).

    Called by the app's frame before any page runs; by default (off) only the
    data page asks, and the overview pages are open to anyone who can reach the server.
    """
    config = settings()
    if config.require_signin and not config.is_kiosk:
        _signed_in_sidebar(_user_or_sign_in(lang, "auth.signin_required"), lang)
