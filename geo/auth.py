"""Staff sign-in: accounts in the secrets file (``Settings.secrets_file``), password hashes, lockout and session timeout.

Accounts live under ``[auth.users.<username>]`` with ``password_hash`` and
``display_name``. Hashes are scrypt with a per-user random salt, encoded in one
string (``scrypt$n$r$p$salt$hash``, base64) and checked with
``hmac.compare_digest``. Everything here is pure or a small class, with the time
passed in, so the page stays thin and the logic is tested without Streamlit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from geo.i18n.problems import Message, ProblemError, message

SESSION_TIMEOUT = timedelta(minutes=30)
MAX_FAILURES = 5
# Failures from one client address (over all accounts) before it is locked out.
MAX_CLIENT_FAILURES = 20
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
# scrypt cost: 16 MiB of memory and ~50 ms per check on the target machine.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_BYTES = 2**14, 8, 1, 32
# A TOML bare key, so the table header needs no quoting.
_USERNAME = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
_USER_HEADER = re.compile(r"^\s*\[\s*auth\s*\.\s*users\s*\.\s*\"?([^\]\"]+)\"?\s*\]\s*$")
_ANY_HEADER = re.compile(r"^\s*\[")


class AuthError(ProblemError):
    """An account cannot be created or read; ``str(error)`` says why in Korean, ``error.text(lang)`` in ``lang``."""


@dataclass(frozen=True)
class StaffUser:
    username: str
    display_name: str
    password_hash: str


@dataclass(frozen=True)
class SignInResult:
    """The outcome of ``sign_in``: ``user`` when it succeeded, otherwise a message to show."""

    ok: bool
    detail: Message
    user: StaffUser | None = None
    locked_for: timedelta | None = None
    scope: str = ""  # "account" or "client" when locked
    failures_left: int | None = None

    @property
    def message(self) -> str:
        """The outcome in Korean (``detail.text(lang)`` in another language)."""
        return self.detail.text("ko")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The stored form of ``password``: ``scrypt$n$r$p$salt$hash`` with a fresh 16-byte salt."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded`` (from ``hash_password``); False for any malformed hash."""
    try:
        scheme, n, r, p, salt, expected = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected_bytes = base64.b64decode(expected)
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected_bytes),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected_bytes)


# A hash to check against when the username is unknown, so timing does not reveal which names exist.
_DUMMY_HASH = hash_password("dummy-password", salt=b"\0" * 16)


def load_users(secrets_path: Path) -> dict[str, StaffUser]:
    """The staff accounts in ``secrets_path`` (none when the file or section is absent).

    Raises
    ------
    AuthError
        The file is not valid TOML (the message names the line).
    """
    if not secrets_path.exists():
        return {}
    try:
        data = tomllib.loads(secrets_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AuthError(message("accounts_not_toml", file=str(secrets_path), reason=str(exc))) from exc
    users = data.get("auth", {}).get("users", {})
    return {
        name: StaffUser(name, str(entry.get("display_name") or name), str(entry["password_hash"]))
        for name, entry in users.items()
        if isinstance(entry, dict) and entry.get("password_hash")
    }


def check_new_password(password: str) -> Message | None:
    """Why ``password`` is too weak, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return message("password_too_short", minimum=MIN_PASSWORD_LENGTH, length=len(password))
    if password.strip() != password:
        return message("password_spaces")
    return None


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if ord(c) >= 0x20 and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def add_user(
    username: str,
    password: str,
    *,
    display_name: str | None = None,
    secrets_path: Path,
) -> StaffUser:
    """Create or update an account in ``secrets_path``, keeping the rest of the file as it is.

    Only the ``[auth.users.<username>]`` table is rewritten (appended when new);
    the result is read back with ``tomllib`` before it replaces the file.

    Raises
    ------
    AuthError
        Bad username or weak password, or the file is not valid TOML.
    """
    if not _USERNAME.match(username):
        raise AuthError(message("username_invalid"))
    weakness = check_new_password(password)
    if weakness:
        raise AuthError(weakness)
    existing = load_users(secrets_path)
    name = display_name or (existing[username].display_name if username in existing else username)
    user = StaffUser(username, name, hash_password(password))

    lines = secrets_path.read_text(encoding="utf-8").splitlines() if secrets_path.exists() else []
    kept: list[str] = []
    skipping = False
    for line in lines:
        header = _USER_HEADER.match(line)
        if header:
            skipping = header.group(1).strip() == username
        elif _ANY_HEADER.match(line):
            skipping = False
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    block = [
        f"[auth.users.{username}]",
        f"display_name = {_toml_string(user.display_name)}",
        f"password_hash = {_toml_string(user.password_hash)}",
    ]
    text = "\n".join([*kept, *([""] if kept else []), *block]) + "\n"
    try:
        written = tomllib.loads(text)["auth"]["users"][username]
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise AuthError(message("accounts_unwritable", file=str(secrets_path), reason=str(exc))) from exc
    if written.get("password_hash") != user.password_hash:
        raise AuthError(message("accounts_other_form", file=str(secrets_path)))
    secrets_path.parent.mkdir(parents=True, exist_ok=True)
    partial = secrets_path.with_name(secrets_path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.chmod(0o600)
    partial.replace(secrets_path)
    return user


@dataclass(frozen=True)
class LockoutRules:
    """How many failed sign-ins lock an account, or a client (one address trying many accounts), and for how long.

    Failures count within ``window``; the one that reaches a limit locks for ``window``.
    """

    account_failures: int = MAX_FAILURES
    client_failures: int = MAX_CLIENT_FAILURES
    window: timedelta = FAILURE_WINDOW


@dataclass(frozen=True)
class SignInTicket:
    """An attempt as the ledger sees it: reserved (``attempt_id``) or refused (``locked_for``)."""

    attempt_id: int | None
    locked_for: timedelta | None
    scope: str  # "account" or "client" when locked
    failures_left: int


class AttemptLedger(Protocol):
    """Where attempts are counted: the store (``geo.store.Store``), shared by every app process."""

    def reserve_sign_in(self, account: str, client: str, *, now: datetime, rules: LockoutRules) -> SignInTicket: ...

    def finish_sign_in(
        self, ticket: SignInTicket, account: str, client: str, *, succeeded: bool, now: datetime, rules: LockoutRules
    ) -> SignInTicket: ...


def _minutes(wait: timedelta) -> int:
    return max(1, -(-int(wait.total_seconds()) // 60))


def lock_message(username: str, wait: timedelta, max_failures: int = MAX_FAILURES, scope: str = "account") -> Message:
    """The message for a locked account (or client), with the wait rounded up to whole minutes."""
    if scope == "client":
        return message("sign_in_client_locked", minutes=_minutes(wait))
    return message("sign_in_account_locked", username=username, failures=max_failures, minutes=_minutes(wait))


def sign_in(
    users: dict[str, StaffUser],
    ledger: AttemptLedger,
    username: str,
    password: str,
    now: datetime,
    *,
    client: str = "",
    rules: LockoutRules = LockoutRules(),
) -> SignInResult:
    """Check a sign-in attempt from ``client`` (its address); failures count towards the locks, success clears
    the account's.

    The attempt is reserved in the ledger before the password is checked, so
    simultaneous attempts get at most the allowed number of checks. The message
    does not say whether the username or the password was wrong.
    """
    username = username.strip()
    ticket = ledger.reserve_sign_in(username, client, now=now, rules=rules)
    if ticket.locked_for is not None:
        return _locked(username, ticket, rules)
    user = users.get(username)
    matched = verify_password(password, user.password_hash if user else _DUMMY_HASH) and user is not None
    outcome = ledger.finish_sign_in(ticket, username, client, succeeded=matched, now=now, rules=rules)
    if outcome.locked_for is not None:
        # A lock placed while this attempt was being checked wins, even over the right password.
        return _locked(username, outcome, rules)
    if matched and user is not None:
        return SignInResult(True, message("sign_in_ok", name=user.display_name), user=user)
    return SignInResult(
        False,
        message("sign_in_failed", left=outcome.failures_left),
        failures_left=outcome.failures_left,
    )


def _locked(username: str, ticket: SignInTicket, rules: LockoutRules) -> SignInResult:
    assert ticket.locked_for is not None
    return SignInResult(
        False,
        lock_message(username, ticket.locked_for, rules.account_failures, ticket.scope),
        locked_for=ticket.locked_for,
        scope=ticket.scope,
        failures_left=0,
    )


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: Sequence[str]) -> str:
    """The client's address for the per-client limit: ``X-Forwarded-For`` only when ``peer`` is a trusted proxy.

    Read from the right, skipping trusted proxies, the first other valid address is the client (what a
    client writes there itself stays on the left, unread). From any other peer the header is ignored:
    without a proxy, a client could otherwise name a new address on every try and dodge the limit.
    """
    networks = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]

    def trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    if not forwarded_for or not trusted(peer):
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return peer  # a malformed hop: believe nothing further left
        if not trusted(hop):
            return hop
    return peer


def _hop_host(hop: str) -> str:
    """A forwarded hop's host, without a port (``1.2.3.4:80``, ``[::1]:80``), as the web server reads it."""
    if hop.startswith("[") and "]" in hop:
        return hop[1 : hop.index("]")]
    return hop.rsplit(":", 1)[0] if hop.count(":") == 1 else hop


def _server_trusts(host: str, server_trusted: Sequence[str]) -> bool:
    for entry in server_trusted:
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            if host == entry:
                return True
    return False


def server_peer(observed: str | None, forwarded_for: str | None, server_trusted: Sequence[str] = ("127.0.0.1",)) -> str:
    """The connection's peer as it was before the web server's own ``X-Forwarded-For`` rewrite.

    Streamlit's server (uvicorn) replaces the peer by a hop of ``X-Forwarded-For`` whenever the peer is one of
    its own trusted hosts (``FORWARDED_ALLOW_IPS``, by default 127.0.0.1): the rightmost hop it does not trust.
    So a program on this machine could name any address, whatever ``DASHBOARD_TRUSTED_PROXIES`` says. When the
    address seen is exactly that hop, the peer was such a host (127.0.0.1), and :func:`client_address` then
    decides by ``DASHBOARD_TRUSTED_PROXIES`` alone. Streamlit reports a loopback peer as no address (None).
    """
    if observed is None:
        return "127.0.0.1"
    if not forwarded_for or not server_trusted:
        return observed
    hops = [_hop_host(part.strip()) for part in forwarded_for.split(",")]
    if "*" in server_trusted:
        picked = hops[0]
    else:
        picked = next((hop for hop in reversed(hops) if not _server_trusts(hop, server_trusted)), hops[0])
    if picked and observed == picked:
        return (
            "127.0.0.1" if _server_trusts("127.0.0.1", server_trusted) or "*" in server_trusted else server_trusted[0]
        )
    return observed


def session_expired(last_activity: datetime, now: datetime, timeout: timedelta = SESSION_TIMEOUT) -> bool:
    """True when more than ``timeout`` (default 30 minutes) passed since ``last_activity``."""
    return now - last_activity > timeout


def session_time_left(last_activity: datetime, now: datetime, timeout: timedelta = SESSION_TIMEOUT) -> timedelta:
    """Time until the session expires (zero when it has)."""
    return max(timedelta(0), last_activity + timeout - now)
