"""The app frame under AppTest: no traceback ever reaches a page, Korean error pages for bad settings and
files, and the optional sign-in for every staff page."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from tests.conftest import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")
PASSWORD = "correct-horse-battery"


@pytest.fixture
def app(monkeypatch, tmp_path):
    """AppTests with a temporary store and accounts file; ``env`` sets further variables."""
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=secrets)
    for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR", "DATABASE_URL", "DASHBOARD_REQUIRE_SIGNIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(secrets))

    def _app(page: str | None = None, **env: str) -> AppTest:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(ENTRY, default_timeout=60)
        if page:
            at.switch_page(f"app_pages/{page}")
        return at.run()

    return _app


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_error_details_are_never_sent_to_the_browser():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] is False


def test_an_unexpected_error_on_a_page_shows_a_friendly_message_with_an_incident_id_that_is_logged(
    app, monkeypatch, caplog
):
    import geo.analysis.stats

    def broken(*args, **kwargs):
        raise OverflowError("cannot convert float infinity to integer (/srv/app/geo/analysis/stats.py)")

    monkeypatch.setattr(geo.analysis.stats, "headline", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = app()
    assert not at.exception
    (message,) = errors(at)
    assert message.startswith("### 이 화면을 보여 드리지 못했습니다")
    incident = re.search(r"사건 번호 ([0-9A-F]{8})", message).group(1)
    assert "Traceback" not in message and "/srv/app" not in message and "OverflowError" not in message
    logged = [r for r in caplog.records if incident in r.getMessage()]
    assert logged and logged[0].exc_info[0] is OverflowError

    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert errors(at)[0].startswith("### This screen could not be shown")


def test_a_data_folder_that_is_a_file_gets_a_korean_settings_page(app, tmp_path):
    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("x")
    at = app(DASHBOARD_DATA_DIR=str(not_a_folder))
    assert not at.exception
    (message,) = errors(at)
    assert "설정 값이 올바르지 않습니다" in message
    assert "DASHBOARD_DATA_DIR" in message and "폴더가 아니라 파일입니다" in message


@pytest.mark.parametrize("name", ["plan.yaml", "services.geojson"])
def test_a_cp949_file_in_the_data_folder_is_named_with_a_korean_message(app, data_copy: Path, name):
    path = data_copy / name
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp949", errors="replace"))
    at = app(DASHBOARD_DATA_DIR=str(data_copy))
    assert not at.exception
    assert "데이터를 불러올 수 없습니다" in errors(at)[0]
    problems = at.dataframe[0].value
    row = problems.loc[problems["파일"] == name].iloc[0]
    assert row["문제"].startswith("문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다)")
    assert "codec" not in " ".join(problems["문제"])


def test_by_default_overview_pages_need_no_sign_in(app):
    at = app()
    assert not at.exception
    assert len(at.metric) > 0
    assert "직원 로그인" not in [s.value for s in at.header]


@pytest.mark.parametrize("page", ["home.py", "map_explorer.py", "districts.py", "briefing.py", "data_manager.py"])
def test_require_signin_guards_every_staff_page(app, page):
    at = app(page, DASHBOARD_REQUIRE_SIGNIN="1")
    assert not at.exception
    assert [s.value for s in at.header] == ["직원 로그인"]
    assert len(at.metric) == 0 and len(at.dataframe) == 0 and len(at.tabs) == 0


def test_require_signin_lets_signed_in_staff_through_and_leaves_the_kiosk_open(app):
    at = app(DASHBOARD_REQUIRE_SIGNIN="1")
    at.text_input(key="sign_in_username").input("kim_gis")
    at.text_input(key="sign_in_password").input(PASSWORD)
    at = at.button[0].click().run()
    assert not at.exception
    assert len(at.metric) > 0
    assert any(c.value.startswith("로그인: 김지리") for c in at.sidebar.caption)
    at.switch_page("app_pages/data_manager.py").run()  # the data page does not draw a second sign-out button
    assert not at.exception
    assert len(at.tabs) == 5  # with citizens' voice

    kiosk = app(DASHBOARD_REQUIRE_SIGNIN="1", DASHBOARD_MODE="kiosk")
    assert not kiosk.exception
    assert "직원 로그인" not in [s.value for s in kiosk.header]


def test_a_bad_require_signin_value_is_explained(app):
    at = app(DASHBOARD_REQUIRE_SIGNIN="maybe")
    assert not at.exception
    assert "DASHBOARD_REQUIRE_SIGNIN='maybe': 1(켜기) 또는 0(끄기)이어야 합니다." in errors(at)[0]


def test_an_error_in_a_fragment_gets_the_friendly_message_too():
    def script():
        import streamlit as st

        from ui.frame import guarded

        @st.fragment
        @guarded
        def panel() -> None:
            st.write("before")
            if st.button("break"):
                raise ZeroDivisionError("division by zero in /srv/app/panel.py")

        panel()
        st.write("after the fragment")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception and not at.error
    at.button[0].click().run()
    assert not at.exception
    (message,) = errors(at)
    assert message.startswith("### 이 화면을 보여 드리지 못했습니다") and "/srv/app" not in message


def test_a_failing_download_gives_a_file_that_names_the_incident_which_is_logged(caplog):
    from ui.frame import guarded_download

    def broken() -> bytes:
        raise ValueError("All strings must be XML compatible")

    with caplog.at_level(logging.ERROR):
        payload = guarded_download(broken, "csv")()
    lines = payload.decode("utf-8-sig").splitlines()
    incident = re.search(r"사건 번호 ([0-9A-F]{8})", lines[0]).group(1)
    assert lines[1].endswith(f"give the administrator incident number {incident}.")
    assert any(incident in record.getMessage() for record in caplog.records)
    assert guarded_download(lambda: b"ok", "csv")() == b"ok"
