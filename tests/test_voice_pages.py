"""Citizens' voice on the staff pages under AppTest: the moderation queue, answers, counts and the export."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from geo.html import md_text
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
    listed = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert f"- {md_text(PROJECT_NAME)} · 필요해요 2 · 의견 1" in listed
    assert "투표나 여론조사가 아닙니다" in " ".join(c.value for c in at.caption)


def _visitor_app(store_path: str, data_dir: str, paused: bool = True) -> None:
    """A page with one project's visitor controls, as the kiosk draws them (AppTest runs this alone)."""
    import streamlit as st

    from geo.settings import load_settings
    from geo.store import GeoPackageStore
    from ui import voice

    settings = load_settings({"DASHBOARD_DATA_DIR": data_dir, "DASHBOARD_VOICE_LIMIT_PER_MINUTE": "3"})
    voice.sync_visit(st.session_state.get("test_paused", True))
    voice.project_voice(GeoPackageStore(store_path), st.session_state["test_project"], settings, "ko")


@pytest.fixture
def visitor(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    at = AppTest.from_function(_visitor_app, args=(str(store.path), str(DEMO_DIR)), default_timeout=60)
    at.session_state["test_project"] = PROJECT
    return store, at


def need_label(at: AppTest) -> str:
    return at.button(key=f"voice_need_{PROJECT}").label


def test_a_need_counts_once_per_visit_and_again_after_the_idle_reset(visitor):
    _, at = visitor
    at.run()
    assert need_label(at) == "필요해요 0"
    at.button(key=f"voice_need_{PROJECT}").click().run()
    assert need_label(at) == "필요해요 1"
    at.button(key=f"voice_need_{PROJECT}").click().run()
    assert need_label(at) == "필요해요 1"
    assert at.info[0].value == "고맙습니다. 이번 방문에서 이미 눌렀습니다."
    at.session_state["test_paused"] = False  # the idle reset: the kiosk rotates on its own again
    at.run()
    at.session_state["test_paused"] = True
    at.button(key=f"voice_need_{PROJECT}").click().run()
    assert need_label(at) == "필요해요 2"
    assert not at.exception


def test_an_opinion_with_a_phone_number_waits_and_shows_only_after_approval(visitor):
    store, at = visitor
    at.run()
    assert at.expander[0].label == "의견 (투표 아님)"
    at.selectbox(key=f"voice_reason_{PROJECT}").set_value("safety")
    at.text_area(key=f"voice_text_{PROJECT}").input("<script>alert(1)</script> 연락 010 1234 5678")
    at.button(key=f"voice_send_{PROJECT}").click().run()
    assert at.success[0].value == "의견이 접수되었습니다. 담당자가 확인한 뒤 보입니다."
    stored = store.opinions()
    assert stored["text"].tolist() == [f"<script>alert(1)</script> 연락 {REMOVED_MARKER}"]
    assert stored["reason"].tolist() == ["safety"]
    # The form is ready for the next visitor, in Korean (not Streamlit's English placeholder).
    picker = at.selectbox(key=f"voice_reason_{PROJECT}")
    assert picker.index == 0 and picker.options[0] == "선택 안 함"
    assert at.text_area(key=f"voice_text_{PROJECT}").value == ""
    assert not [h for h in at.get("html") if "voice-opinion" in h.value]  # pending: not shown
    store.moderate_opinion(int(stored["opinion_id"].iloc[0]), "approved", user="kim")
    store.answer_opinion(int(stored["opinion_id"].iloc[0]), "검토하겠습니다.", user="kim")
    at.run()
    shown = " ".join(h.value for h in at.get("html") if "voice-opinion" in h.value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 연락 [삭제됨]" in shown and "<script>" not in shown
    assert "시의 답변" in shown and "검토하겠습니다." in shown


def test_a_calm_message_when_the_kiosk_limit_is_reached(visitor):
    store, at = visitor
    other = load_dashboard_data(DEMO_DIR).services["service_id"].tolist()[1:5]
    if time.time() % 60 > 50:  # the taps below must fall in one minute's window
        time.sleep(61 - time.time() % 60)
    at.run()
    for project in other:  # four projects in one visit; the limit is three a minute
        at.session_state["test_project"] = project
        at.run()
        at.button(key=f"voice_need_{project}").click().run()
    assert at.info[0].value == "잠시 많은 의견이 들어와 쉬어 갑니다. 1분쯤 뒤에 다시 눌러 주세요."
    assert int(store.voice_counts()["needs"].sum()) == 3
