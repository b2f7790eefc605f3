"""The data-management page under AppTest: nothing without sign-in, edits saved with history, conflicts, lockout."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import PROJECT_ROOT
from ui.state import STAFF_LAST_ACTIVITY

ENTRY = str(PROJECT_ROOT / "dashboard.py")
PAGE = "app_pages/data_manager.py"
PASSWORD = "correct-horse-battery"
SAVE = "FormSubmitter:edit_service_form-저장"


@pytest.fixture
def page(monkeypatch, demo_copy: Path, tmp_path: Path):
    """A factory of AppTests on the data page, with a temporary store and a temporary accounts file."""
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=secrets)
    add_user("lee_map", PASSWORD, display_name="이지도", secrets_path=secrets)
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(secrets))

    def _open() -> AppTest:
        at = AppTest.from_file(ENTRY, default_timeout=60).run()
        return at.switch_page(PAGE).run()

    return _open


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    return at.button[0].click().run()


def _store(demo_copy: Path) -> GeoPackageStore:
    return GeoPackageStore(demo_copy / STORE_FILE_NAME)


def test_signed_out_page_shows_only_the_sign_in_form(page):
    at = page()
    assert not at.exception
    assert [s.value for s in at.header] == ["직원 로그인"]
    assert [w.label for w in at.text_input] == ["사용자 이름", "비밀번호"]
    assert at.get("file_uploader") == [] or len(at.get("file_uploader")) == 0
    assert len(at.get("download_button")) == 0
    assert len(at.selectbox) == 0 and len(at.number_input) == 0 and len(at.dataframe) == 0
    assert len(at.tabs) == 0


def test_signing_in_shows_the_tools(page):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["서비스 수정", "가져오기", "백업·복원", "내보내기", "시민 의견"]
    assert len(at.get("file_uploader")) == 1
    assert len(at.get("download_button")) == 4 + 2  # the services, and the citizens' opinions (CSV, XLSX)
    assert any(c.value.startswith("로그인: 김지리") for c in at.sidebar.caption)
    assert at.number_input(key="edit_start_year").value > 2000


def test_status_change_is_saved_and_shown_in_the_history(page, demo_copy):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    at.selectbox(key="edit_service").select("SVC-001").run()
    before = _store(demo_copy).service_record("SVC-001")
    assert at.selectbox(key="edit_status").value == before.values["status"] == "계획"

    at.selectbox(key="edit_status").select("설계")
    at.text_input(key="edit_reason").input("실시설계 착수")
    at.button(key=SAVE).click().run()

    assert not at.exception
    assert at.success[0].value.startswith("저장했습니다")
    after = _store(demo_copy).service_record("SVC-001")
    assert (after.values["status"], after.version, after.modified_by) == ("설계", before.version + 1, "김지리(kim_gis)")
    history = at.dataframe[0].value
    assert list(history.columns) == ["변경 일시", "항목", "이전 값", "새 값", "변경자", "사유", "구분"]
    assert history.iloc[0][["항목", "이전 값", "새 값", "변경자", "사유", "구분"]].tolist() == [
        "추진 상태",
        "계획",
        "설계",
        "김지리(kim_gis)",
        "실시설계 착수",
        "직접 수정",
    ]
    # The map explorer reads the new status at once (data is cached per store revision).
    at.query_params["sel"] = "svc:SVC-001"
    at.switch_page("app_pages/map_explorer.py").run()
    details = next(m.value for m in at.markdown if "detail-panel" in m.value)
    assert "<th style='text-align:left;padding:4px 10px 4px 0;vertical-align:top;width:34%'>추진 상태</th>" in details
    assert "<td style='padding:4px 0'>설계</td>" in details


def test_a_save_without_reason_is_refused(page, demo_copy):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    at.selectbox(key="edit_service").select("SVC-001").run()
    at.selectbox(key="edit_status").select("운영")
    at.button(key=SAVE).click().run()
    assert at.error[0].value == "변경 사유를 입력하세요: 이력에 남습니다."
    assert _store(demo_copy).service_record("SVC-001").values["status"] == "계획"


def test_a_stale_version_shows_who_changed_it_and_keeps_the_input(page, demo_copy):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    at.selectbox(key="edit_service").select("SVC-001").run()
    # Someone else saves first, after this editor loaded version 1.
    _store(demo_copy).update_service(
        "SVC-001", 1, {"budget_krw_100m": 12.5}, user="이지도(lee_map)", reason="예산 조정"
    )

    at.selectbox(key="edit_status").select("설계")
    at.text_input(key="edit_reason").input("실시설계 착수")
    at.button(key=SAVE).click().run()
    assert not at.exception
    conflict = at.error[0].value.replace("\\", "")  # the message is shown with Markdown escaped
    assert conflict.startswith("**다른 사람이 먼저 수정했습니다**")
    assert "서비스 'SVC-001'은(는) 불러온 뒤에 이지도(lee_map)님이" in conflict
    assert "(불러온 버전 1, 현재 버전 2). 이번 변경은 저장하지 않았습니다." in conflict
    assert at.selectbox(key="edit_status").value == "설계"  # the editor's input is kept
    assert _store(demo_copy).service_record("SVC-001").values["status"] == "계획"

    at.button(key="edit_reapply").click().run()
    assert at.selectbox(key="edit_status").value == "설계"
    at.button(key=SAVE).click().run()
    saved = _store(demo_copy).service_record("SVC-001")
    # Only the editor's own change is applied over the other's: the new budget stays.
    assert (saved.values["status"], saved.values["budget_krw_100m"], saved.version) == ("설계", 12.5, 3)


def test_five_wrong_passwords_lock_the_account_with_a_korean_message(page):
    at = page()
    for attempt in range(1, 5):
        at = _sign_in(at, "lee_map", "wrong-password")
        assert (
            at.error[0].value
            == f"사용자 이름 또는 비밀번호가 맞지 않습니다. {5 - attempt}번 더 틀리면 계정이 잠깁니다."
        )
    at = _sign_in(at, "lee_map", "wrong-password")
    locked = "'lee_map' 계정은 로그인에 5번 실패해 잠시 잠겼습니다. 15분 후에 다시 시도하세요."
    assert at.error[0].value.startswith(locked)
    # Even the right password is refused while locked, and no tool appears.
    at = _sign_in(at, "lee_map", PASSWORD)
    assert at.error[0].value.startswith(locked)
    assert len(at.tabs) == 0


def test_an_idle_session_is_signed_out_after_30_minutes(page):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    assert len(at.tabs) == 5
    at.session_state[STAFF_LAST_ACTIVITY] = at.session_state[STAFF_LAST_ACTIVITY] - timedelta(minutes=31)
    at.run()
    assert at.info[0].value == "30분 동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하세요."
    assert len(at.tabs) == 0 and len(at.get("download_button")) == 0


def test_sign_out_button_returns_to_the_form(page):
    at = _sign_in(page(), "kim_gis", PASSWORD)
    at.button(key="staff_sign_out").click().run()
    assert at.info[0].value == "로그아웃했습니다."
    assert len(at.tabs) == 0


def test_english_screen_speaks_english(page):
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(PAGE).run()
    assert [s.value for s in at.header] == ["Staff sign-in"]
    at = _sign_in(at, "nobody", "wrong-password")
    assert at.error[0].value == "Wrong username or password. 4 more failures lock the account."


def test_kiosk_mode_has_no_data_page(monkeypatch, demo_copy):
    monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    with pytest.raises(Exception, match="data_manager"):
        at.switch_page(PAGE).run()


def test_a_reported_project_without_a_budget_can_be_edited(monkeypatch, data_copy: Path, tmp_path: Path):
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=secrets)
    monkeypatch.delenv("DASHBOARD_STORE_DIR", raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(secrets))
    store = GeoPackageStore(data_copy / STORE_FILE_NAME)
    at = AppTest.from_file(ENTRY, default_timeout=60).run()
    services = store.read_layer("services")
    service_id = services.loc[services["budget_krw_100m"].isna(), "service_id"].iloc[0]
    at = _sign_in(at.switch_page(PAGE).run(), "kim_gis", PASSWORD)
    at.selectbox(key="edit_service").select(service_id).run()
    assert not at.exception and not at.error
    assert at.number_input(key="edit_budget").value is None
    new_status = next(s for s in at.selectbox(key="edit_status").options if s != at.selectbox(key="edit_status").value)
    at.selectbox(key="edit_status").select(new_status)
    at.text_input(key="edit_reason").input("예산 미공개 사업의 상태 변경")
    at = at.button(key=SAVE).click().run()
    assert not at.exception and not at.error
    saved = store.service_record(service_id)
    assert saved.values["status"] == new_status and saved.values["budget_krw_100m"] is None
