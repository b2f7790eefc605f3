"""Staff accounts, password hashes, the sign-in lockout (counted in the store) and the session timeout."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta

import pytest

from geo.auth import (
    MAX_CLIENT_FAILURES,
    MAX_FAILURES,
    AuthError,
    add_user,
    hash_password,
    load_users,
    session_expired,
    session_time_left,
    sign_in,
    verify_password,
)
from geo.settings import BUNDLED_DATA_DIR
from geo.store import GeoPackageStore, PostgisStore
from tests.conftest import DEMO_DIR
from tests.test_store import BACKENDS, make_store

T0 = datetime(2026, 2, 3, 9, 0)


def test_hash_is_salted_and_verifies_only_the_right_password():
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second  # a fresh salt each time
    assert first.startswith("scrypt$16384$8$1$")
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("correct horsf", first)
    assert not verify_password("correct horse", "plain-text")
    assert not verify_password("correct horse", "pbkdf2$1$2$3$4$5")


def test_add_user_writes_the_account_and_keeps_the_rest_of_the_file(tmp_path):
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(
        '# 운영 설정\n[vworld]\napi_key = "abc"\n\n[auth.users.lee]\ndisplay_name = "이담당"\npassword_hash = "x"\n'
    )

    add_user("kim", "long-enough-pw", display_name='김 "지리"', secrets_path=secrets)
    add_user("lee", "new-password-1", secrets_path=secrets)  # password change keeps the display name

    text = secrets.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert text.startswith('# 운영 설정\n[vworld]\napi_key = "abc"\n')
    assert data["vworld"] == {"api_key": "abc"}
    users = load_users(secrets)
    assert sorted(users) == ["kim", "lee"]
    assert users["kim"].display_name == '김 "지리"'
    assert users["lee"].display_name == "이담당"
    assert verify_password("long-enough-pw", users["kim"].password_hash)
    assert verify_password("new-password-1", users["lee"].password_hash)
    assert text.count("[auth.users.lee]") == 1
    assert oct(secrets.stat().st_mode & 0o777) == "0o600"


def test_add_user_refuses_bad_names_and_weak_passwords(tmp_path):
    secrets = tmp_path / "secrets.toml"
    with pytest.raises(AuthError, match="영문, 숫자, _, - 로 2~32자"):
        add_user("kim.lee", "long-enough-pw", secrets_path=secrets)
    with pytest.raises(AuthError, match="비밀번호는 10자 이상이어야 합니다 \\(지금 5자\\)"):
        add_user("kim", "short", secrets_path=secrets)
    assert not secrets.exists()
    assert load_users(secrets) == {}


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path):
    store, cleanup = make_store(request.param, tmp_path)
    store.initialise(DEMO_DIR)
    yield store
    cleanup()


def test_five_failures_within_fifteen_minutes_lock_the_username(ledger):
    users = {}
    for minute in range(4):
        result = sign_in(users, ledger, "kim", "wrong", T0 + timedelta(minutes=minute))
        assert result.message == f"사용자 이름 또는 비밀번호가 맞지 않습니다. {4 - minute}번 더 틀리면 계정이 잠깁니다."
    fifth = sign_in(users, ledger, "kim", "wrong", T0 + timedelta(minutes=4))
    assert not fifth.ok
    assert fifth.locked_for == timedelta(minutes=15)
    assert fifth.message.startswith("'kim' 계정은 로그인에 5번 실패해 잠시 잠겼습니다. 15분 후에 다시 시도하세요.")
    assert fifth.detail.code == "sign_in_account_locked"
    assert fifth.detail.text("en").startswith("The account 'kim' is locked for a while after 5 failed sign-ins.")

    # Locked even with the right password, for 15 minutes from the fifth failure (wait rounded up).
    users = {"kim": load_user("kim", "the-right-password")}
    later = sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=10, seconds=30))
    assert not later.ok and "9분 후에 다시 시도하세요" in later.message
    assert not sign_in(users, ledger, "KIM ", "the-right-password", T0 + timedelta(minutes=18, seconds=59)).ok
    assert sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=19)).ok
    failures = ledger.audit_log().query("action == 'sign-in:failed'")
    assert failures["user"].tolist() == ["kim"] * 5
    assert failures["detail"].iloc[-1] == "로그인 실패 (주소 알 수 없음), 계정을 15분 동안 잠금"


def test_failures_spread_beyond_the_window_never_lock_and_success_resets(ledger):
    users = {"kim": load_user("kim", "the-right-password")}
    for minute in range(0, 60, 4):  # one failure every 4 minutes: at most 4 in any 15 minutes
        assert sign_in(users, ledger, "kim", "wrong", T0 + timedelta(minutes=minute)).locked_for is None
    for minute in range(4):
        sign_in(users, ledger, "lee", "wrong", T0 + timedelta(minutes=minute))
    assert sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=61)).ok
    # kim's success cleared kim's failures; lee's four are counted apart and lock only on the fifth.
    assert sign_in(users, ledger, "kim", "wrong", T0 + timedelta(minutes=62)).failures_left == 4
    assert sign_in(users, ledger, "lee", "wrong", T0 + timedelta(minutes=5)).locked_for == timedelta(minutes=15)


def test_one_client_trying_many_accounts_is_locked_out(ledger):
    users = {"kim": load_user("kim", "the-right-password")}
    for n in range(MAX_CLIENT_FAILURES):
        result = sign_in(users, ledger, f"user{n}", "wrong", T0, client="203.0.113.9")
    assert result.locked_for == timedelta(minutes=15) and result.scope == "client"
    refused = sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=1), client="203.0.113.9")
    assert not refused.ok and refused.message.startswith("이 기기에서 로그인에 너무 많이 실패해")
    assert sign_in(users, ledger, "kim", "the-right-password", T0, client="198.51.100.7").ok


def test_fifty_simultaneous_wrong_attempts_get_at_most_five_checks_and_the_lock_survives_a_restart(
    ledger, tmp_path, monkeypatch
):
    from concurrent.futures import ThreadPoolExecutor

    import geo.auth

    users = {"kim": load_user("kim", "the-right-password")}
    checked = []
    real_verify = geo.auth.verify_password

    def counting_verify(password, encoded):
        checked.append(password)
        return real_verify(password, encoded)

    monkeypatch.setattr(geo.auth, "verify_password", counting_verify)
    passwords = ["wrong"] * 49 + ["the-right-password"]

    def attempt(password: str):
        return sign_in(users, ledger, "kim", password, T0, client="203.0.113.9")

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(attempt, passwords))

    assert len(checked) <= MAX_FAILURES
    assert sum(result.locked_for is not None for result in results) >= len(passwords) - MAX_FAILURES
    assert len(ledger.audit_log().query("action == 'sign-in:failed'")) == len(checked) - checked.count(
        "the-right-password"
    )
    # Locked now (a lucky right password among the checks cleared the count: fail until locked) ...
    for _ in range(MAX_FAILURES):
        if sign_in(users, ledger, "kim", "wrong", T0).locked_for is not None:
            break
    # ... and still locked for a freshly opened store, as after a server restart.
    reopened = GeoPackageStore(ledger.path) if hasattr(ledger, "path") else PostgisStore(ledger.url, ledger.schema)
    later = sign_in(users, reopened, "kim", "the-right-password", T0 + timedelta(minutes=5))
    assert not later.ok and later.locked_for is not None
    reopened.close()


def test_unknown_user_gets_the_same_message_as_a_wrong_password(ledger):
    users = {"kim": load_user("kim", "the-right-password")}
    unknown = sign_in(users, ledger, "nobody", "whatever", T0)
    wrong = sign_in(users, ledger, "kim", "whatever", T0)
    assert unknown.message.split(".")[0] == wrong.message.split(".")[0]
    success = sign_in(users, ledger, " kim ", "the-right-password", T0)
    assert success.ok and success.user.username == "kim" and success.message == "김지리님, 로그인했습니다."


def test_hostile_usernames_are_counted_without_storing_them_whole(ledger):
    long_name = "가" * 10_000
    before = ledger.revision()
    for _ in range(MAX_FAILURES):
        result = sign_in({}, ledger, long_name, "x", T0, client="1" * 500)
    assert result.locked_for is not None
    assert ledger.revision() == before  # sign-in bookkeeping never invalidates the data caches
    assert max(len(u) for u in ledger.audit_log()["user"]) <= 64


def test_session_expires_after_thirty_minutes_of_inactivity():
    assert not session_expired(T0, T0 + timedelta(minutes=29, seconds=59))
    assert not session_expired(T0, T0 + timedelta(minutes=30))
    assert session_expired(T0, T0 + timedelta(minutes=30, seconds=1))
    assert session_expired(T0, T0 + timedelta(minutes=6), timeout=timedelta(minutes=5))
    assert session_time_left(T0, T0 + timedelta(minutes=10)) == timedelta(minutes=20)
    assert session_time_left(T0, T0 + timedelta(hours=2)) == timedelta(0)


def load_user(username: str, password: str):
    from geo.auth import StaffUser

    return StaffUser(username, "김지리", hash_password(password))


def test_cli_add_user_writes_to_the_configured_secrets_file(tmp_path, monkeypatch, capsys):
    import io

    from geo.__main__ import main
    from geo.settings import DEFAULT_SECRETS_FILE

    configured = tmp_path / "conf" / "accounts.toml"
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(configured))
    before = DEFAULT_SECRETS_FILE.read_bytes() if DEFAULT_SECRETS_FILE.exists() else None
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))

    assert main(["add-user", "park", "--display-name", "박담당", "--password-stdin"]) == 0

    assert str(configured) in capsys.readouterr().out
    assert verify_password("a-long-password", load_users(configured)["park"].password_hash)
    assert (DEFAULT_SECRETS_FILE.read_bytes() if DEFAULT_SECRETS_FILE.exists() else None) == before


def test_failed_sign_ins_do_not_count_as_staff_changes_of_the_data(ledger):
    from geo.upgrade import staff_changes

    for _ in range(MAX_FAILURES):
        sign_in({}, ledger, "kim", "wrong", T0)
    assert len(ledger.audit_log().query("action == 'sign-in:failed'")) == MAX_FAILURES
    assert staff_changes(ledger) == 0


def test_a_restore_of_an_earlier_backup_keeps_the_lock_and_the_audit_record(tmp_path):
    """Issue 25: a restore replaced the audit log and the sign-in tables, so a locked account opened again."""
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(DEMO_DIR)
    earlier = store.backup(now=T0 - timedelta(days=1))
    results = [sign_in({}, store, "kim", "wrong", T0 + timedelta(seconds=n)) for n in range(MAX_FAILURES + 1)]
    assert [r.locked_for is not None for r in results] == [False] * 4 + [True, True]

    store.restore(earlier.name, user="admin", now=T0 + timedelta(minutes=1))

    users = {"kim": load_user("kim", "the-right-password")}
    refused = sign_in(users, store, "kim", "the-right-password", T0 + timedelta(minutes=2))
    assert not refused.ok and refused.scope == "account" and "14분 후에 다시 시도하세요" in refused.message
    audit = store.audit_log()
    assert audit["action"].tolist() == ["initialise", *["sign-in:failed"] * MAX_FAILURES, "restore"]
    assert audit["user"].iloc[-1] == "admin"
    assert GeoPackageStore(earlier.path).audit_log()["action"].tolist() == ["initialise"]  # the backup held none


def test_a_restore_keeps_failures_that_have_not_locked_yet(tmp_path):
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(DEMO_DIR)
    earlier = store.backup(now=T0 - timedelta(days=1))
    for n in range(MAX_FAILURES - 1):
        sign_in({}, store, "kim", "wrong", T0 + timedelta(seconds=n))
    store.restore(earlier.name, user="admin", now=T0 + timedelta(minutes=1))
    assert sign_in({}, store, "kim", "wrong", T0 + timedelta(minutes=2)).locked_for == timedelta(minutes=15)


def test_unlock_lifts_the_lock_and_is_audited(ledger):
    for n in range(MAX_FAILURES):
        sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=n))
    users = {"kim": load_user("kim", "the-right-password")}
    assert ledger.unlock_account("KIM", user="admin", now=T0 + timedelta(minutes=1)) is True
    assert sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=2)).ok
    # Counting starts again: four failures after the unlock do not lock.
    assert sign_in(users, ledger, "kim", "wrong", T0 + timedelta(minutes=3)).failures_left == 4
    assert ledger.unlock_account("lee", user="admin", now=T0 + timedelta(minutes=4)) is False
    unlocks = ledger.audit_log().query("action == 'sign-in:unlock'")
    assert unlocks["user"].tolist() == ["admin", "admin"]
    assert unlocks["detail"].tolist() == [
        "'kim' 계정의 잠금을 풀고 실패 횟수를 0으로 했습니다",
        "'lee' 계정의 잠겨 있지 않았고 실패 횟수를 0으로 했습니다",
    ]


def test_cli_unlock_names_the_account(tmp_path, monkeypatch, capsys):
    from geo.__main__ import main
    from geo.settings import load_settings
    from geo.store import open_store

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(DEMO_DIR))
    store = open_store(load_settings())
    for n in range(MAX_FAILURES):
        sign_in({}, store, "kim", "wrong", datetime.now() + timedelta(seconds=n))
    assert main(["unlock", "kim", "--user", "admin"]) == 0
    assert capsys.readouterr().out == "계정 'kim': 잠금을 풀었습니다 (감사 기록에 남겼습니다).\n"
    assert store.audit_log()["action"].iloc[-1] == "sign-in:unlock"


def test_a_lock_survives_the_store_being_rebuilt_from_new_data_files(tmp_path):
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(DEMO_DIR)
    for _ in range(MAX_FAILURES):
        result = sign_in({}, store, "kim", "wrong", T0)
    assert result.locked_for is not None
    store.rebuild(BUNDLED_DATA_DIR)
    users = {"kim": load_user("kim", "the-right-password")}
    assert sign_in(users, store, "kim", "the-right-password", T0 + timedelta(minutes=1)).locked_for is not None


class _Interleaved:
    """A ledger that runs ``meanwhile`` between this attempt's reservation and its outcome, as another
    request would while the password is being checked."""

    def __init__(self, ledger, meanwhile):
        self.ledger, self.meanwhile = ledger, meanwhile

    def reserve_sign_in(self, *args, **kwargs):
        return self.ledger.reserve_sign_in(*args, **kwargs)

    def finish_sign_in(self, *args, **kwargs):
        self.meanwhile()
        return self.ledger.finish_sign_in(*args, **kwargs)


def test_a_right_password_checked_while_the_fifth_failure_locks_is_refused(ledger):
    """Issue 25: a correct password started before the fifth failure got in after the lock."""
    for n in range(MAX_FAILURES - 2):
        sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=n))
    users = {"kim": load_user("kim", "the-right-password")}
    fifth = []
    racing = _Interleaved(ledger, lambda: fifth.append(sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=9))))
    result = sign_in(users, racing, "kim", "the-right-password", T0 + timedelta(seconds=10))
    assert fifth[0].locked_for == timedelta(minutes=15)
    assert not result.ok and result.scope == "account" and result.message.startswith("'kim' 계정은 로그인에 5번")
    assert ledger.audit_log()["action"].iloc[-1] == "sign-in:refused"
    assert not sign_in(users, ledger, "kim", "the-right-password", T0 + timedelta(minutes=1)).ok


def test_a_failure_finishing_after_the_lock_says_locked_not_five_more_tries(ledger):
    for n in range(MAX_FAILURES - 2):
        sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=n))
    other = []
    racing = _Interleaved(ledger, lambda: other.append(sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=9))))
    late = sign_in({}, racing, "kim", "wrong", T0 + timedelta(seconds=10))
    assert other[0].locked_for is not None
    assert late.locked_for is not None and late.failures_left == 0
    assert "더 틀리면" not in late.message and "잠시 잠겼습니다" in late.message


def test_tries_left_count_attempts_still_being_checked(ledger):
    sign_in({}, ledger, "kim", "wrong", T0)
    users = {"kim": load_user("kim", "the-right-password")}
    told = []
    racing = _Interleaved(ledger, lambda: told.append(sign_in({}, ledger, "kim", "wrong", T0 + timedelta(seconds=1))))
    assert sign_in(users, racing, "kim", "the-right-password", T0 + timedelta(seconds=2)).ok
    # Two failures and the right password in flight: two more wrong tries would lock.
    assert told[0].message == "사용자 이름 또는 비밀번호가 맞지 않습니다. 2번 더 틀리면 계정이 잠깁니다."


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: a header the client wrote is not believed
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # nginx on this machine
        ("127.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the left part is the client's own writing
        ("127.0.0.1", "198.51.100.1, 10.0.0.5", "198.51.100.1"),  # a second trusted proxy is skipped
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("10.0.0.5", "198.51.100.1", "198.51.100.1"),
    ],
)
def test_forwarded_for_is_believed_only_from_trusted_proxies(peer, forwarded, client):
    from geo.auth import client_address

    assert client_address(peer, forwarded, ("127.0.0.1", "::1", "10.0.0.0/24")) == client


def test_trusted_proxies_setting():
    from geo.auth import client_address
    from geo.settings import SettingsError, load_settings

    assert load_settings({}).trusted_proxies == ("127.0.0.1", "::1")
    assert load_settings({"DASHBOARD_TRUSTED_PROXIES": ""}).trusted_proxies == ()
    assert load_settings({"DASHBOARD_TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16"}).trusted_proxies == (
        "10.0.0.5",
        "10.1.0.0/16",
    )
    with pytest.raises(SettingsError, match="IP 주소나 네트워크가 아닙니다"):
        load_settings({"DASHBOARD_TRUSTED_PROXIES": "nginx"})
    # Without trusted proxies even the local peer's header is ignored.
    assert client_address("127.0.0.1", "198.51.100.1", ()) == "127.0.0.1"
