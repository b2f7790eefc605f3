"""Citizens' voice on the staff pages under AppTest: the moderation queue, answers, counts and the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from geo.loaders import load_dashboard_data
from geo.store import STORE_FILE_NAME, GeoPackageStore
from geo.voice import REMOVED_MARKER, RateRule
from tests.conftest import DEMO_DIR, PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")
PAGE = "app_pages/data_manager.py"
PASSWORD = "correct-horse-battery"
SERVICES = load_dashboard_data(DEMO_DIR).services
PROJECT = SERVICES["service_id"].iloc[0]
PROJECT_NAME = SERVICES["name_ko"].iloc[0]
RULE = RateRule(100)


@pytest.fixture
def signed_in(monkeypatch, demo_copy: Path, tmp_path: Path):
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=secrets)
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(secrets))
    at = AppTest.from_file(ENTRY, default_timeout=90).run()
    at.switch_page(PAGE).run()
    store = GeoPackageStore(demo_copy / STORE_FILE_NAME)

    def sign_in() -> AppTest:
        at.text_input(key="sign_in_username").input("kim_gis")
        at.text_input(key="sign_in_password").input(PASSWORD)
        return at.button[0].click().run()

    return store, sign_in


def table_with(at: AppTest, column: str):
    """The first table on the page with this column (None: no such table)."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def test_an_opinion_waits_in_the_queue_is_approved_and_answered(signed_in):
    store, sign_in = signed_in
    _, opinion_id = store.add_opinion(
        PROJECT, "safety", "<script>alert(1)</script> 연락 010-1234-5678", channel="kiosk", rule=RULE
    )
    store.add_reaction(PROJECT, channel="kiosk", rule=RULE)
    at = sign_in()
    assert not at.exception
    assert [tab.label for tab in at.tabs][-1] == "시민 의견"

    counts = table_with(at, "필요해요")
    assert counts.iloc[0].tolist() == [PROJECT, PROJECT_NAME, 1, 1]
    queue = table_with(at, "내용")
    assert queue["내용"].tolist() == [f"<script>alert(1)</script> 연락 {REMOVED_MARKER}"]
    assert queue["상태"].tolist() == ["확인 대기"]
    assert queue["이유"].tolist() == ["안전에 도움이 돼요"]
    # The script is shown as text: Markdown with its syntax escaped, never as an element.
    shown = [m.value for m in at.markdown if "script" in m.value]
    assert shown == [r"\<script\>alert\(1\)\</script\> 연락 \[삭제됨\]"]

    at.button(key=f"voice_approve_{opinion_id}").click().run()
    assert store.opinions()["status"].tolist() == ["approved"]
    assert not at.exception
    assert table_with(at, "내용") is None  # the pending queue is empty now
    assert any("처리했습니다" in s.value for s in at.success)

    at.multiselect(key="voice_statuses").set_value(["approved"]).run()
    at.text_area(key=f"voice_answer_text_{opinion_id}").input("내년에 가로등을 더 설치합니다.").run()
    at.button(key=f"voice_answer_{opinion_id}").click().run()
    assert not at.exception
    assert store.opinions()["answer"].tolist() == ["내년에 가로등을 더 설치합니다."]
    audit = store.audit_log()
    assert audit["action"].tolist()[-2:] == ["voice:approved", "voice:answer"]
    assert audit["user"].tolist()[-2:] == ["김지리(kim_gis)"] * 2


def test_hide_and_empty_queue_say_so(signed_in):
    store, sign_in = signed_in
    _, opinion_id = store.add_opinion(PROJECT, None, "광고", channel="public", rule=RULE, client="198.51.100.1")
    at = sign_in()
    at.button(key=f"voice_hide_{opinion_id}").click().run()
    assert store.opinions()["status"].tolist() == ["hidden"]
    assert any(i.value == "이 조건에 맞는 의견이 없습니다." for i in at.info)


def test_no_responses_yet_is_a_sentence_and_the_export_carries_its_context(signed_in):
    _, sign_in = signed_in
    at = sign_in()
    assert any(i.value == "아직 받은 필요해요나 의견이 없습니다." for i in at.info)
    labels = [b.label for b in at.get("download_button")]
    assert labels[-2:] == ["CSV", "XLSX"]


def test_the_district_page_shows_counts_per_project_never_as_a_vote(monkeypatch, demo_copy: Path):
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    at = AppTest.from_file(ENTRY, default_timeout=90).run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    assert "아직 받은 필요해요나 의견이 없습니다." in [c.value for c in at.caption]
    store = GeoPackageStore(demo_copy / STORE_FILE_NAME)
    for _ in range(2):
        store.add_reaction(PROJECT, channel="kiosk", rule=RULE)
    store.add_opinion(PROJECT, "safety", "", channel="kiosk", rule=RULE)
    at.run()
    assert not at.exception
    assert "시민 의견 (투표 아님)" in [m.value.strip("*") for m in at.markdown]
    assert table_with(at, "필요해요").values.tolist() == [[PROJECT, PROJECT_NAME, 2, 1]]
    assert "투표나 여론조사가 아닙니다" in " ".join(c.value for c in at.caption)
