"""Citizens' voice in the store, on both backends: counts, opinions, moderation, limits, purge, backups.

The PostGIS variant needs ``TEST_DATABASE_URL`` (``scripts/start_postgis.sh`` prints one).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from geo.loaders import load_dashboard_data
from geo.store import KST, STORE_FILE_NAME, GeoPackageStore, PostgisStore, StoreError
from geo.store.voice import VOICE_TABLES
from geo.voice import REMOVED_MARKER, RateRule, VoiceError
from tests.conftest import DEMO_DIR
from tests.test_cli import env, run, store_of  # noqa: F401 (env is a fixture)
from tests.test_store import BACKENDS, make_store

T0 = datetime(2026, 12, 7, 10, 0, 5, tzinfo=KST)
PROJECT = load_dashboard_data(DEMO_DIR).services["service_id"].iloc[0]
OTHER = load_dashboard_data(DEMO_DIR).services["service_id"].iloc[1]
KIOSK = RateRule(30)
# Names that would hold who a visitor is; none may be a column of the voice tables.
IDENTIFYING = ("ip", "address", "client", "user_agent", "agent", "fingerprint", "visit", "session", "device", "host")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    made, cleanup = make_store(request.param, tmp_path)
    made.initialise(DEMO_DIR, now=T0)
    yield made
    cleanup()


def columns(store, table: str) -> set[str]:
    with store.database.reading() as tx:
        return store.database.table_columns(tx, table)


def test_the_voice_tables_hold_no_client_address_user_agent_or_fingerprint(store):
    for table in VOICE_TABLES:
        names = columns(store, table)
        assert names, table
        assert [n for n in names if any(word in n.lower() for word in IDENTIFYING)] == [], table
    assert columns(store, "voice_reactions") == {"project_id", "channel", "day", "n"}


def test_needs_are_counted_per_project(store):
    for _ in range(3):
        assert store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, kiosk_id="lobby", now=T0).allowed
    store.add_reaction(OTHER, channel="public", rule=KIOSK, client="203.0.113.9", now=T0)
    counts = store.voice_counts().set_index("project_id")
    assert counts.loc[PROJECT, "needs"] == 3 and counts.loc[OTHER, "needs"] == 1
    assert counts.loc[PROJECT, "opinions"] == 0
    with pytest.raises(VoiceError):
        store.add_reaction("NO-SUCH", channel="kiosk", rule=KIOSK, now=T0)


def test_a_client_address_is_never_stored(store):
    store.add_reaction(PROJECT, channel="public", rule=RateRule(5), client="203.0.113.9", now=T0)
    store.add_opinion(PROJECT, None, "좋아요", channel="public", rule=RateRule(5), client="203.0.113.9", now=T0)
    assert "203.0.113.9" not in repr(store.dump())


def test_one_kiosk_is_held_to_its_limit_of_taps_per_minute(store):
    """100 taps in a minute from one kiosk: the configured limit count, the rest are refused calmly."""
    rule = RateRule(20, 60)
    outcomes = [
        store.add_reaction(PROJECT, channel="kiosk", rule=rule, kiosk_id="lobby", now=T0 + timedelta(seconds=i * 0.5))
        for i in range(100)
    ]
    assert sum(o.allowed for o in outcomes) == 20
    assert {o.scope for o in outcomes if not o.allowed} == {"kiosk"}
    assert store.voice_counts().set_index("project_id").loc[PROJECT, "needs"] == 20
    # Another kiosk has its own limit, and the next minute starts afresh.
    assert store.add_reaction(PROJECT, channel="kiosk", rule=rule, kiosk_id="library", now=T0).allowed
    assert store.add_reaction(PROJECT, channel="kiosk", rule=rule, kiosk_id="lobby", now=T0 + timedelta(seconds=60))
    assert store.voice_counts().set_index("project_id").loc[PROJECT, "needs"] == 22


def test_opinions_share_the_limit_and_a_refused_one_stores_nothing(store):
    rule = RateRule(2)
    assert store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=rule, now=T0)[0].allowed
    assert store.add_reaction(PROJECT, channel="kiosk", rule=rule, now=T0).allowed
    decision, opinion_id = store.add_opinion(PROJECT, None, "하나 더", channel="kiosk", rule=rule, now=T0)
    assert (decision.allowed, opinion_id) == (False, None)
    assert len(store.opinions()) == 1


def test_concurrent_taps_from_one_kiosk_do_not_pass_the_limit(store):
    rule = RateRule(10, 3600)
    results = []

    def tap() -> None:
        for _ in range(5):
            results.append(store.add_reaction(PROJECT, channel="kiosk", rule=rule, kiosk_id="k", now=T0).allowed)

    threads = [threading.Thread(target=tap) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 10
    assert store.voice_counts().set_index("project_id").loc[PROJECT, "needs"] == 10


def test_an_opinion_is_scrubbed_waits_for_approval_and_gets_an_answer(store):
    decision, opinion_id = store.add_opinion(
        PROJECT,
        "safety",
        "밤길이 어두워요. 010-1234-5678 로 연락 <script>x</script>",
        channel="kiosk",
        rule=KIOSK,
        now=T0,
    )
    assert decision.allowed and opinion_id is not None
    stored = store.opinions().set_index("opinion_id").loc[opinion_id]
    assert stored["text"] == f"밤길이 어두워요. {REMOVED_MARKER} 로 연락 <script>x</script>"
    assert "1234-5678" not in repr(store.dump())
    assert stored["status"] == "pending"
    assert store.opinions(statuses=["approved"]).empty

    store.moderate_opinion(opinion_id, "approved", user="kim", now=T0)
    assert store.answer_opinion(opinion_id, "내년에 가로등을 더 설치합니다.", user="kim", now=T0) == (
        "내년에 가로등을 더 설치합니다."
    )
    shown = store.opinions(statuses=["approved"], project_id=PROJECT)
    assert shown["answer"].tolist() == ["내년에 가로등을 더 설치합니다."]
    assert shown["answered_day"].tolist() == ["2026-12-07"]
    audit = store.audit_log()
    assert audit["action"].tolist()[-2:] == ["voice:approved", "voice:answer"]
    assert audit["user"].tolist()[-1] == "kim"
    with pytest.raises(StoreError):
        store.moderate_opinion(opinion_id, "deleted", user="kim")  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.moderate_opinion(999999, "approved", user="kim")


def test_an_invalid_opinion_stores_nothing(store):
    before = store.dump()
    with pytest.raises(VoiceError):
        store.add_opinion(PROJECT, None, "가" * 201, channel="kiosk", rule=KIOSK, now=T0)
    with pytest.raises(VoiceError):
        store.add_opinion("NO-SUCH", None, "좋아요", channel="kiosk", rule=KIOSK, now=T0)
    assert store.dump() == before


def test_visitors_reports_hide_an_opinion_at_the_threshold(store):
    _, opinion_id = store.add_opinion(PROJECT, None, "광고입니다", channel="kiosk", rule=KIOSK, now=T0)
    store.moderate_opinion(opinion_id, "approved", user="kim", now=T0)
    for _ in range(2):
        store.report_opinion(opinion_id, threshold=3, rule=KIOSK, now=T0)
    assert store.opinions().set_index("opinion_id").loc[opinion_id, "status"] == "approved"
    store.report_opinion(opinion_id, threshold=3, rule=KIOSK, now=T0)
    row = store.opinions().set_index("opinion_id").loc[opinion_id]
    assert (row["status"], row["report_count"]) == ("hidden", 3)
    assert store.audit_log()["action"].tolist()[-1] == "voice:auto-hide"
    assert store.voice_counts().empty  # a hidden opinion is not counted


def test_purge_removes_what_is_past_retention_and_is_audited(store):
    old = T0 - timedelta(days=400)
    store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=KIOSK, now=old)
    store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=old)
    store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=KIOSK, now=T0)
    store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0)
    assert store.purge_voice(365, user="kim", now=T0) == (1, 1)
    assert len(store.opinions()) == 1
    assert store.voice_counts().set_index("project_id").loc[PROJECT].tolist() == [1, 1]
    assert store.audit_log()["action"].tolist()[-1] == "voice:purge"


def test_counts_by_period(store):
    store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0 - timedelta(days=10))
    store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0)
    assert store.voice_counts(since="2026-12-01")["needs"].tolist() == [1]
    assert store.voice_counts(until="2026-11-30")["needs"].tolist() == [1]


def test_an_older_store_gains_the_voice_tables_empty(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR, now=T0)
    with sqlite3.connect(store.path) as connection:
        for table in VOICE_TABLES:
            connection.execute(f"DROP TABLE {table}")
    assert store.opinions().empty and store.voice_counts().empty  # read before the upgrade: nothing
    with pytest.raises(StoreError, match="시민 의견 표"):
        store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0)
    assert store._needs_upgrade()
    store.initialise(DEMO_DIR, now=T0)
    assert "시민 의견" in store.audit_log()["detail"].iloc[-1]
    assert store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0).allowed


def test_backups_and_rebuilds_keep_the_voice(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR, now=T0)
    _, opinion_id = store.add_opinion(PROJECT, None, "좋아요", channel="kiosk", rule=KIOSK, now=T0)
    store.add_reaction(PROJECT, channel="kiosk", rule=KIOSK, now=T0)
    backup = store.backup(now=T0)
    copy = GeoPackageStore(backup.path)
    assert copy.opinions()["opinion_id"].tolist() == [opinion_id]
    assert copy.voice_counts()["needs"].tolist() == [1]
    store.moderate_opinion(opinion_id, "hidden", user="kim", now=T0)
    store.restore(backup.name, user="kim", now=T0 + timedelta(seconds=1))
    assert store.opinions()["status"].tolist() == ["pending"]
    store.rebuild(DEMO_DIR, now=T0)
    assert store.opinions()["opinion_id"].tolist() == [opinion_id]
    assert store.voice_counts()["needs"].tolist() == [1]


def test_the_postgis_store_has_the_same_tables():
    assert "voice_opinions" in VOICE_TABLES
    assert PostgisStore("postgresql://u:p@localhost:1/db").backend == "postgis"


def test_purge_from_the_command_line(env):  # noqa: F811 (the fixture imported above)
    store = store_of(env)  # made here, in this process (a command-line run costs seconds of start-up)
    assert store.initialise(Path(env["DASHBOARD_DATA_DIR"])) is True
    store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=KIOSK, now=datetime.now(KST) - timedelta(days=40))
    store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=KIOSK)
    result = run(env, "voice", "purge", "--older-than", "30", "--user", "admin")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "30일이 지난 시민 의견 1건, 필요해요 기록 0건을 지웠습니다 (감사 기록에 남김)."
    assert len(store.opinions()) == 1
    log = store.audit_log().iloc[-1]
    assert (log["user"], log["action"]) == ("admin", "voice:purge")
