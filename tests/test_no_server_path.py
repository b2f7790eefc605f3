"""No server path on any page: the data error page, the store error page and the "store outdated" notice say
what to do (and who does it) instead of naming the server's folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from geo.html import hide_server_paths
from tests.conftest import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("저장소(/srv/dashboard/data/dashboard.gpkg)를 열 수 없습니다", "저장소(*)를 열 수 없습니다"),
        ("/srv/안산/data에서 저장소를 만들었습니다", "*에서 저장소를 만들었습니다"),
        ("데이터 폴더가 없습니다: /tmp/pytest-1/missing/", "데이터 폴더가 없습니다: *"),
        (r"백업 폴더 C:\dashboard\backups 확인", "백업 폴더 * 확인"),
    ],
)
def test_absolute_server_paths_are_replaced(text: str, expected: str):
    assert hide_server_paths(text, "*") == expected


@pytest.mark.parametrize(
    "text",
    [
        "출처: https://kyeongin.com/article/1736242",
        "SBS/연합뉴스 2026-02-04",
        "reference/manifest.yaml 3번째 레이어",
        "7,000호 / 5,600호",
        "10/20 km/h",
    ],
)
def test_urls_words_with_a_slash_and_relative_names_are_kept(text: str):
    assert hide_server_paths(text, "*") == text


@pytest.fixture
def app(monkeypatch, tmp_path: Path):
    for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR", "DATABASE_URL", "DASHBOARD_REQUIRE_SIGNIN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(tmp_path / "store"))

    def _app(lang: str, **env: str) -> AppTest:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(ENTRY, default_timeout=60)
        at.query_params["lang"] = lang
        return at

    return _app


def _shown(at: AppTest) -> str:
    """Every text the page shows: alerts (main and sidebar), text, tables and HTML."""
    parts = [str(e.value) for kind in ("error", "warning", "info", "caption", "markdown") for e in at.get(kind)]
    parts += [frame.value.to_string() for frame in at.dataframe]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_data_error_page_names_the_files_but_no_server_folder(app, data_copy: Path, tmp_path: Path, lang: str):
    (data_copy / "services.geojson").write_text("{ not json", encoding="utf-8")
    at = app(lang, DASHBOARD_DATA_DIR=str(data_copy)).run()
    assert not at.exception
    shown = _shown(at)
    assert "services.geojson" in shown
    assert str(tmp_path) not in shown and str(data_copy) not in shown
    assert ("서버 관리자" if lang == "ko" else "server administrator") in at.error[0].value


def test_a_missing_data_folder_is_reported_without_its_path(app, tmp_path: Path):
    missing = tmp_path / "server-only" / "data"
    at = app("ko", DASHBOARD_DATA_DIR=str(missing)).run()
    assert not at.exception
    shown = _shown(at)
    assert "데이터 폴더가 없습니다" in shown and "(서버 경로)" in shown
    assert "server-only" not in shown and str(tmp_path) not in shown


def test_the_settings_error_page_hides_the_folder_it_names(app, tmp_path: Path):
    not_a_folder = tmp_path / "server-only"
    not_a_folder.write_text("x", encoding="utf-8")
    at = app("ko", DASHBOARD_STORE_DIR=str(not_a_folder)).run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert "설정 값이 올바르지 않습니다" in message and "DASHBOARD_STORE_DIR='(서버 경로)'" in message
    assert "server-only" not in _shown(at)


def test_the_store_error_page_hides_the_store_path(app, tmp_path: Path):
    store_dir = tmp_path / "server-only"
    store_dir.mkdir()
    (store_dir / "dashboard.gpkg").write_bytes(b"not a store")
    at = app("ko", DASHBOARD_STORE_DIR=str(store_dir)).run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert "저장소를 사용할 수 없습니다" in message and "python -m geo restore" in message
    assert "server-only" not in _shown(at) and str(tmp_path) not in _shown(at)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_outdated_store_notice_says_who_rebuilds_it_and_names_no_folder(app, data_copy: Path, lang: str):
    at = app(lang, DASHBOARD_DATA_DIR=str(data_copy)).run()
    assert not at.exception and not at.sidebar.warning
    plan = data_copy / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    at.run()
    (notice,) = [w.value for w in at.sidebar.warning]
    assert ("데이터 관리" if lang == "ko" else "Data management") in notice and "python -m geo backup" in notice
    assert str(data_copy) not in _shown(at) and str(data_copy.parent) not in notice


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_signed_in_data_page_names_the_kind_of_store_not_its_path(app, data_copy: Path, tmp_path: Path, lang):
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", "correct-horse-battery", display_name="김지리", secrets_path=secrets)
    at = app(lang, DASHBOARD_DATA_DIR=str(data_copy), DASHBOARD_SECRETS_FILE=str(secrets)).run()
    at = at.switch_page("app_pages/data_manager.py").run()
    at.text_input(key="sign_in_username").input("kim_gis")
    at.text_input(key="sign_in_password").input("correct-horse-battery")
    at = at.button[0].click().run()
    assert not at.exception and len(at.tabs) == 5
    expected = "저장소: 서버의 GeoPackage 파일" if lang == "ko" else "Store: a GeoPackage file on the server"
    assert any(expected in c.value for c in at.caption)
    assert str(tmp_path) not in _shown(at)
