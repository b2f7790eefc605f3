"""Sign-in attempts kept in the store, so a lockout holds across sessions, app processes and restarts.

An attempt is reserved before its password is checked, in one serialised write
transaction that counts the recent failures of the account and of the client:
so many simultaneous attempts cannot get more checks than the limit allows. A
reserved attempt counts as a failure until it is finished; one whose process
died stays counted until it leaves the window.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from geo.auth import LockoutRules, SignInTicket
from geo.model.validation import message
from geo.store.backend import Backend, audit, require_user
from geo.store.common import StoreError, Tx, store_now

# Longer account names or client addresses are cut: they are keys, not text to show.
KEY_LENGTH = 64
# The user an audit row names for a sign-in without a name (stored in the row, like a name).
EMPTY_NAME = "(빈 이름)"
# Rows older than this are removed when attempts are reserved.
KEEP_ROWS = timedelta(days=1)


def signin_ddl(id_column_sql: str, float_sql: str) -> list[str]:
    """The tables; times are seconds since the epoch (``float_sql``: the backend's double type)."""
    return [
        f"CREATE TABLE sign_in_attempts (id {id_column_sql}, account TEXT NOT NULL, client TEXT NOT NULL, "
        f"at {float_sql} NOT NULL, outcome TEXT NOT NULL, account_cleared INTEGER NOT NULL DEFAULT 0, "
        "client_cleared INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at)",
        "CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, at)",
        f"CREATE TABLE sign_in_locks (key TEXT PRIMARY KEY, locked_until {float_sql} NOT NULL)",
    ]


def keys(account: str, client: str) -> tuple[str, str]:
    return account.strip().lower()[:KEY_LENGTH], client.strip()[:KEY_LENGTH]


def _locked_for(tx: Tx, key: str, now: float) -> timedelta | None:
    row = tx.one("SELECT locked_until FROM sign_in_locks WHERE key = ?", (key,))
    if row is None or row[0] <= now:
        return None
    return timedelta(seconds=row[0] - now)


def _failures(tx: Tx, column: str, value: str, now: float, window: timedelta) -> int:
    """Failures (and attempts still being checked) of an account or a client within the window."""
    row = tx.one(
        f"SELECT count(*) FROM sign_in_attempts WHERE {column} = ? AND at > ? AND outcome <> 'success' "
        f"AND {column}_cleared = 0",
        (value, now - window.total_seconds()),
    )
    return int(row[0]) if row else 0


def reserve(tx: Tx, account: str, client: str, moment: datetime, rules: LockoutRules) -> SignInTicket:
    """Refuse when the account or the client is locked or at its limit; otherwise record the attempt."""
    account, client = keys(account, client)
    now = moment.timestamp()
    tx.execute("DELETE FROM sign_in_attempts WHERE at < ?", (now - KEEP_ROWS.total_seconds(),))
    for scope, key in (("account", f"account:{account}"), ("client", f"client:{client}")):
        if scope == "client" and not client:
            continue
        wait = _locked_for(tx, key, now)
        if wait is not None:
            return SignInTicket(None, wait, scope, 0)
    account_failures = _failures(tx, "account", account, now, rules.window)
    if account_failures >= rules.account_failures:
        # Attempts still being checked fill the allowance; the lock follows when they fail.
        return SignInTicket(None, rules.window, "account", 0)
    if client and _failures(tx, "client", client, now, rules.window) >= rules.client_failures:
        return SignInTicket(None, rules.window, "client", 0)
    row = tx.one(
        "INSERT INTO sign_in_attempts (account, client, at, outcome) VALUES (?, ?, ?, 'pending') RETURNING id",
        (account, client, now),
    )
    assert row is not None
    return SignInTicket(int(row[0]), None, "", rules.account_failures - account_failures - 1)


def _current_lock(tx: Tx, account: str, client: str, now: float) -> SignInTicket | None:
    """A lock on the account or the client in force now, as a refusing ticket."""
    for scope, key in (("account", f"account:{account}"), ("client", f"client:{client}")):
        if scope == "client" and not client:
            continue
        wait = _locked_for(tx, key, now)
        if wait is not None:
            return SignInTicket(None, wait, scope, 0)
    return None


def finish(
    tx: Tx, ticket: SignInTicket, account: str, client: str, succeeded: bool, moment: datetime, rules: LockoutRules
) -> SignInTicket:
    """Record the outcome; a failure that reaches a limit locks the account or the client for the window.

    The decision is made here, in the same serialised transaction as the record: a lock another
    attempt placed while this one was being checked refuses it even with the right password (its
    row becomes ``locked``), and a failure then reports that lock rather than the tries left.
    """
    account, client = keys(account, client)
    now = moment.timestamp()
    locked = _current_lock(tx, account, client, now)
    if succeeded and locked is None:
        tx.execute("UPDATE sign_in_attempts SET outcome = 'success' WHERE id = ?", (ticket.attempt_id,))
        tx.execute("UPDATE sign_in_attempts SET account_cleared = 1 WHERE account = ?", (account,))
        return ticket
    tx.execute(
        "UPDATE sign_in_attempts SET outcome = ? WHERE id = ?",
        ("locked" if succeeded else "failure", ticket.attempt_id),
    )
    if locked is not None:
        return SignInTicket(ticket.attempt_id, locked.locked_for, locked.scope, 0)
    limits = [("account", account, rules.account_failures)]
    if client:
        limits.append(("client", client, rules.client_failures))
    for scope, value, limit in limits:
        failures = _failures(tx, scope, value, now, rules.window)
        if failures >= limit:
            key = f"{scope}:{value}"
            tx.execute("DELETE FROM sign_in_locks WHERE key = ?", (key,))
            tx.execute(
                "INSERT INTO sign_in_locks (key, locked_until) VALUES (?, ?)", (key, now + rules.window.total_seconds())
            )
            # Counting starts again after the lock.
            tx.execute(f"UPDATE sign_in_attempts SET {scope}_cleared = 1 WHERE {scope} = ?", (value,))
            return SignInTicket(ticket.attempt_id, rules.window, scope, 0)
    # Attempts of others still being checked count as used: the message never promises a try that is taken.
    left = rules.account_failures - _failures(tx, "account", account, now, rules.window)
    return SignInTicket(ticket.attempt_id, None, "", max(0, left))


class SignInRepository:
    """The store's sign-in ledger (``geo.auth.AttemptLedger``; ``Store`` passes its methods on)."""

    def __init__(self, database: Backend) -> None:
        self.database = database

    def create_tables(self, tx: Tx) -> None:
        for statement in signin_ddl(self.database.id_column_sql, self.database.types["float"]):
            tx.execute(statement)

    def reserve_sign_in(self, account: str, client: str, *, now: datetime, rules: LockoutRules) -> SignInTicket:
        """Reserve a sign-in attempt, or refuse it when the account or client is locked or at its limit."""
        with self.database.transaction() as tx:
            self.database.require(tx)
            self.database.serialise(tx, "sign-in")
            return reserve(tx, account, client, now, rules)

    def finish_sign_in(
        self,
        ticket: SignInTicket,
        account: str,
        client: str,
        *,
        succeeded: bool,
        now: datetime,
        rules: LockoutRules,
    ) -> SignInTicket:
        """Record a reserved attempt's outcome; each failure gets an audit row, and a lock one more."""
        with self.database.transaction() as tx:
            self.database.serialise(tx, "sign-in")
            outcome = finish(tx, ticket, account, client, succeeded, now, rules)
            if succeeded and outcome.locked_for is not None:
                name, address = keys(account, client)
                audit(
                    tx,
                    name or EMPTY_NAME,
                    "sign-in:refused",
                    message("audit_sign_in_refused", address=address or message("audit_address_unknown")),
                    store_now(now),
                )
            elif not succeeded:
                name, address = keys(account, client)
                locked = "account" if outcome.scope == "account" else "client"
                code = f"audit_sign_in_failed_{locked}_locked" if outcome.locked_for else "audit_sign_in_failed"
                audit(
                    tx,
                    name or EMPTY_NAME,
                    "sign-in:failed",
                    message(
                        code,
                        address=address or message("audit_address_unknown"),
                        minutes=int(rules.window.total_seconds() // 60),
                    ),
                    store_now(now),
                )
            return outcome

    def unlock_account(self, account: str, *, user: str, now: datetime | None = None) -> bool:
        """Lift the lock on ``account`` and start its failure count again; audited as ``sign-in:unlock``.

        Returns True when the account was locked. The client (address) locks stay: they
        guard against one address trying many accounts.
        """
        require_user(user)
        name, _ = keys(account, "")
        if not name:
            raise StoreError(message("unlock_name_missing"))
        moment = store_now(now)
        with self.database.transaction() as tx:
            self.database.require(tx)
            self.database.serialise(tx, "sign-in")
            key = f"account:{name}"
            was_locked = _locked_for(tx, key, moment.timestamp()) is not None
            tx.execute("DELETE FROM sign_in_locks WHERE key = ?", (key,))
            tx.execute("UPDATE sign_in_attempts SET account_cleared = 1 WHERE account = ?", (name,))
            detail = message("audit_unlocked" if was_locked else "audit_not_locked", name=name)
            audit(tx, user, "sign-in:unlock", detail, moment)
        return was_locked
