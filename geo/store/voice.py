"""Citizens' voice in the store: 필요해요 counts, short opinions, their moderation, and the rate-limit counters.

Three tables, none with a client address, user agent, fingerprint or visit id:

* ``voice_reactions``: how many 필요해요 a project got per channel (kiosk, public) and day;
* ``voice_opinions``: one row per opinion (text already scrubbed by ``geo.voice``), its
  status (pending, approved, hidden), visitors' reports, and the city's answer;
* ``voice_limits``: writes per kiosk or per client key (a hash salted with the window,
  ``geo.voice.client_key``) per fixed window; rows leave after two windows.

A visitor's write counts itself in ``voice_limits`` in the same transaction that
stores it (an upsert returning the new count), so several app processes share
one limit and a crash leaves either both or neither. One 필요해요 per project per
visit is the caller's rule (``geo.voice.first_in_visit``, a set kept in the
visit's session state only).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Literal

import pandas as pd

from geo.model.validation import Message, message
from geo.store.backend import Backend, audit, require_user
from geo.store.common import StoreError, Tx, store_now
from geo.voice import (
    STATUSES,
    Decision,
    RateRule,
    VoiceError,
    check_answer,
    check_opinion,
    client_key,
    decide,
    hidden_after_reports,
    window_start,
)

VOICE_TABLES = ("voice_reactions", "voice_opinions", "voice_limits")
# Columns of Store.opinions.
OPINION_COLUMNS = (
    "opinion_id",
    "project_id",
    "reason",
    "text",
    "status",
    "report_count",
    "answer",
    "answered_day",
    "created_day",
    "channel",
)
# Who the audit log names for what visitors did (no visitor is known).
VISITORS = "방문자"


class _Refused(Exception):
    """Raised inside a write transaction to roll back a write over its limit."""

    def __init__(self, decision: Decision):
        self.decision = decision


def voice_ddl(id_column_sql: str, int_sql: str) -> list[str]:
    """The tables (``int_sql``: the backend's integer type, wide enough for epoch seconds)."""
    return [
        "CREATE TABLE voice_reactions (project_id TEXT NOT NULL, channel TEXT NOT NULL, day TEXT NOT NULL, "
        f"n {int_sql} NOT NULL DEFAULT 0, PRIMARY KEY (project_id, channel, day))",
        f"CREATE TABLE voice_opinions (id {id_column_sql}, project_id TEXT NOT NULL, reason TEXT, "
        "text TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', "
        f"report_count {int_sql} NOT NULL DEFAULT 0, answer TEXT, answered_day TEXT, answered_by TEXT, "
        "created_day TEXT NOT NULL, channel TEXT NOT NULL)",
        "CREATE INDEX voice_opinions_project ON voice_opinions (project_id, status)",
        "CREATE TABLE voice_limits (scope TEXT NOT NULL, key TEXT NOT NULL, "
        f"window_start {int_sql} NOT NULL, n {int_sql} NOT NULL DEFAULT 0, PRIMARY KEY (scope, key, window_start))",
    ]


class VoiceRepository:
    """The store's citizens' voice, on its database (``Store`` passes its methods on)."""

    def __init__(self, database: Backend) -> None:
        self.database = database

    def create_tables(self, tx: Tx) -> None:
        for statement in voice_ddl(self.database.id_column_sql, self.database.types["int"]):
            tx.execute(statement)

    def _voice_ready(self, tx: Tx) -> bool:
        self.database.require(tx)
        return self.database.table_exists(tx, "voice_opinions")

    # -- visitors --

    def _count_write(
        self, tx: Tx, channel: str, rule: RateRule, kiosk_id: str, client: str, moment: datetime
    ) -> Decision:
        """Count this write against its kiosk's or client's limit; refuse (roll back) when over it."""
        window = window_start(moment, rule.window_s)
        tx.execute("DELETE FROM voice_limits WHERE window_start < ?", (window - rule.window_s,))
        if channel == "kiosk":
            scope, key = "kiosk", kiosk_id.strip()[:64] or "kiosk"
        else:
            scope, key = "client", client_key(client.strip(), window)
        if not key:
            return Decision(True)
        row = tx.one(
            "INSERT INTO voice_limits (scope, key, window_start, n) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (scope, key, window_start) DO UPDATE SET n = voice_limits.n + 1 RETURNING n",
            (scope, key, window),
        )
        assert row is not None
        decision = decide({scope: int(row[0]) - 1}, {scope: rule})
        if not decision.allowed:
            raise _Refused(decision)
        return decision

    def add_reaction(
        self,
        project_id: str,
        *,
        channel: Literal["kiosk", "public"],
        rule: RateRule,
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> Decision:
        """Count one 필요해요 for a project, unless this kiosk or client is at its limit.

        ``client`` (the public view's client address) is only hashed into the counter
        key; it is never stored. Returns the decision (``allowed`` False: nothing counted).

        Raises
        ------
        VoiceError
            Unknown project or channel.
        """
        moment = store_now(now)
        if channel not in ("kiosk", "public"):
            raise VoiceError("voice.error.channel")
        try:
            with self.database.transaction() as tx:
                if not self._voice_ready(tx):
                    raise StoreError(self._voice_missing())
                if tx.one("SELECT 1 FROM services WHERE service_id = ?", (project_id,)) is None:
                    raise VoiceError("voice.error.project")
                decision = self._count_write(tx, channel, rule, kiosk_id, client, moment)
                tx.execute(
                    "INSERT INTO voice_reactions (project_id, channel, day, n) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (project_id, channel, day) DO UPDATE SET n = voice_reactions.n + 1",
                    (project_id, channel, moment.date().isoformat()),
                )
        except _Refused as refused:
            return refused.decision
        return decision

    def add_opinion(
        self,
        project_id: str,
        reason: str | None,
        text: str | None,
        *,
        channel: Literal["kiosk", "public"],
        rule: RateRule,
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> tuple[Decision, int | None]:
        """Store an opinion (scrubbed, pending moderation) unless this kiosk or client is at its limit.

        Returns the decision and the new opinion's id (None when refused).

        Raises
        ------
        VoiceError
            The opinion is not valid (``geo.voice.check_opinion``); nothing is stored.
        """
        moment = store_now(now)
        try:
            with self.database.transaction() as tx:
                if not self._voice_ready(tx):
                    raise StoreError(self._voice_missing())
                known = [r[0] for r in tx.query("SELECT service_id FROM services WHERE service_id = ?", (project_id,))]
                opinion = check_opinion(project_id, reason, text, known, channel)
                decision = self._count_write(tx, channel, rule, kiosk_id, client, moment)
                row = tx.one(
                    "INSERT INTO voice_opinions (project_id, reason, text, status, report_count, created_day, "
                    "channel) VALUES (?, ?, ?, 'pending', 0, ?, ?) RETURNING id",
                    (opinion.project_id, opinion.reason, opinion.text, moment.date().isoformat(), opinion.channel),
                )
                assert row is not None
        except _Refused as refused:
            return refused.decision, None
        return decision, int(row[0])

    def report_opinion(
        self,
        opinion_id: int,
        *,
        threshold: int,
        rule: RateRule,
        channel: Literal["kiosk", "public"] = "kiosk",
        kiosk_id: str = "",
        client: str = "",
        now: datetime | None = None,
    ) -> Decision:
        """A visitor reports an opinion; at ``threshold`` reports it is hidden until staff look (audited)."""
        moment = store_now(now)
        try:
            with self.database.transaction() as tx:
                if not self._voice_ready(tx):
                    raise StoreError(self._voice_missing())
                current = tx.one("SELECT report_count, status FROM voice_opinions WHERE id = ?", (opinion_id,))
                if current is None:
                    raise StoreError(message("opinion_not_stored", id=opinion_id))
                decision = self._count_write(tx, channel, rule, kiosk_id, client, moment)
                count = int(current[0]) + 1
                tx.execute("UPDATE voice_opinions SET report_count = ? WHERE id = ?", (count, opinion_id))
                if current[1] != "hidden" and hidden_after_reports(count, threshold):
                    tx.execute("UPDATE voice_opinions SET status = 'hidden' WHERE id = ?", (opinion_id,))
                    audit(
                        tx,
                        VISITORS,
                        "voice:auto-hide",
                        message("audit_voice_auto_hidden", id=opinion_id, count=count),
                        moment,
                    )
        except _Refused as refused:
            return refused.decision
        return decision

    # -- staff --

    def moderate_opinion(
        self,
        opinion_id: int,
        status: Literal["approved", "hidden", "pending"],
        *,
        user: str,
        now: datetime | None = None,
    ) -> None:
        """Approve or hide an opinion (or put it back in the queue), with an audit row.

        Raises
        ------
        StoreError
            No user, an unknown status, or no such opinion.
        """
        require_user(user)
        if status not in STATUSES:
            raise StoreError(message("opinion_status_unknown", status=status, allowed=list(STATUSES)))
        moment = store_now(now)
        with self.database.transaction() as tx:
            if not self._voice_ready(tx):
                raise StoreError(self._voice_missing())
            row = tx.one("SELECT status, project_id FROM voice_opinions WHERE id = ?", (opinion_id,))
            if row is None:
                raise StoreError(message("opinion_not_stored", id=opinion_id))
            tx.execute("UPDATE voice_opinions SET status = ? WHERE id = ?", (status, opinion_id))
            detail = message("audit_voice_moderated", id=opinion_id, project=row[1], before=row[0], after=status)
            audit(tx, user, f"voice:{status}", detail, moment)

    def answer_opinion(self, opinion_id: int, answer: str, *, user: str, now: datetime | None = None) -> str:
        """Store the city's answer to an opinion (personal data removed), with an audit row; returns it as stored.

        Raises
        ------
        VoiceError
            An empty, too long or control-character answer.
        StoreError
            No user or no such opinion.
        """
        require_user(user)
        stored = check_answer(answer)
        moment = store_now(now)
        with self.database.transaction() as tx:
            if not self._voice_ready(tx):
                raise StoreError(self._voice_missing())
            row = tx.one("SELECT project_id FROM voice_opinions WHERE id = ?", (opinion_id,))
            if row is None:
                raise StoreError(message("opinion_not_stored", id=opinion_id))
            tx.execute(
                "UPDATE voice_opinions SET answer = ?, answered_day = ?, answered_by = ? WHERE id = ?",
                (stored, moment.date().isoformat(), user, opinion_id),
            )
            audit(tx, user, "voice:answer", message("audit_voice_answered", id=opinion_id, project=row[0]), moment)
        return stored

    def purge_voice(self, older_than_days: int, *, user: str, now: datetime | None = None) -> tuple[int, int]:
        """Remove opinions and 필요해요 counts from before ``older_than_days`` days ago (audited).

        Returns (opinions removed, reaction rows removed).
        """
        require_user(user)
        if older_than_days < 1:
            raise StoreError(message("voice_keep_days_invalid"))
        moment = store_now(now)
        cutoff = (moment.date() - timedelta(days=older_than_days)).isoformat()
        with self.database.transaction() as tx:
            if not self._voice_ready(tx):
                return 0, 0
            opinions = tx.execute("DELETE FROM voice_opinions WHERE created_day < ?", (cutoff,))
            reactions = tx.execute("DELETE FROM voice_reactions WHERE day < ?", (cutoff,))
            audit(
                tx,
                user,
                "voice:purge",
                message(
                    "audit_voice_purged", days=older_than_days, opinions=opinions, reactions=reactions, cutoff=cutoff
                ),
                moment,
            )
        return opinions, reactions

    # -- reading --

    def opinions(
        self,
        *,
        statuses: Iterable[str] | None = None,
        project_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> pd.DataFrame:
        """Opinions, newest first (columns ``OPINION_COLUMNS``), filtered by status, project and received day."""
        sql = (
            "SELECT id, project_id, reason, text, status, report_count, answer, answered_day, created_day, channel "
            "FROM voice_opinions WHERE 1 = 1"
        )
        params: list[object] = []
        chosen = list(statuses) if statuses is not None else None
        if chosen is not None:
            if not chosen:
                return pd.DataFrame(columns=list(OPINION_COLUMNS))
            sql += f" AND status IN ({', '.join(['?'] * len(chosen))})"
            params += chosen
        if project_id is not None:
            sql += " AND project_id = ?"
            params.append(project_id)
        if since is not None:
            sql += " AND created_day >= ?"
            params.append(since)
        if until is not None:
            sql += " AND created_day <= ?"
            params.append(until)
        with self.database.reading() as tx:
            if not self._voice_ready(tx):
                return pd.DataFrame(columns=list(OPINION_COLUMNS))
            rows = tx.query(sql + " ORDER BY id DESC", params)
        frame = pd.DataFrame(rows, columns=list(OPINION_COLUMNS))
        frame["opinion_id"] = frame["opinion_id"].astype("int64")
        frame["report_count"] = frame["report_count"].astype("int64")
        return frame

    def voice_counts(self, *, since: str | None = None, until: str | None = None) -> pd.DataFrame:
        """Per project: ``needs`` (필요해요) and ``opinions`` (received and not hidden), projects with any.

        Counts of responses, not a vote: the pages label them so.
        """
        where_r, where_o, params_r, params_o = "", "", [], []
        if since is not None:
            where_r += " AND day >= ?"
            where_o += " AND created_day >= ?"
            params_r.append(since)
            params_o.append(since)
        if until is not None:
            where_r += " AND day <= ?"
            where_o += " AND created_day <= ?"
            params_r.append(until)
            params_o.append(until)
        with self.database.reading() as tx:
            if not self._voice_ready(tx):
                return pd.DataFrame({"project_id": [], "needs": [], "opinions": []}).astype(
                    {"needs": "int64", "opinions": "int64"}
                )
            needs = dict(
                tx.query(
                    f"SELECT project_id, SUM(n) FROM voice_reactions WHERE 1 = 1{where_r} GROUP BY project_id", params_r
                )
            )
            opinions = dict(
                tx.query(
                    f"SELECT project_id, COUNT(*) FROM voice_opinions WHERE status <> 'hidden'{where_o} "
                    "GROUP BY project_id",
                    params_o,
                )
            )
        ids = sorted(set(needs) | set(opinions))
        return pd.DataFrame(
            {
                "project_id": ids,
                "needs": [int(needs.get(i, 0)) for i in ids],
                "opinions": [int(opinions.get(i, 0)) for i in ids],
            }
        ).astype({"needs": "int64", "opinions": "int64"})

    def _voice_missing(self) -> Message:
        return message("voice_tables_missing", store=self.database.where())
