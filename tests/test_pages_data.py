"""Every page runs on the bundled reported projects and on the demo folder; five areas everywhere areas are listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA_DIR, DEMO_DIR, PROJECT_ROOT

STAFF_PAGES = ("home.py", "map_explorer.py", "districts.py", "briefing.py")
FIFTH_KO = "의왕·군포·안산"


@pytest.fixture(params=["bundled", "demo"])
def folder(request, tmp_path: Path) -> tuple[str, Path]:
    """A copy of a data folder, so each test has its own store beside it."""
    source = DATA_DIR if request.param == "bundled" else DEMO_DIR
    target = tmp_path / request.param
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.gpkg", "backups", "demo"))
    return request.param, target


def _app(monkeypatch, data_dir: Path, **env: str) -> AppTest:
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR", "DASHBOARD_KIOSK_LOCATION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=90)


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_each_staff_page_runs_and_says_sample_only_for_samples(monkeypatch, folder, page):
    kind, data_dir = folder
    at = _app(monkeypatch, data_dir).run()
    if page != "home.py":
        at.switch_page(f"app_pages/{page}").run()
    assert not at.exception
    samples_said = any("예시 데이터" in w.value for w in at.warning)
    assert samples_said == (kind == "demo")


def test_the_district_views_offer_the_fifth_area(monkeypatch, folder):
    _, data_dir = folder
    at = _app(monkeypatch, data_dir)
    at.query_params["area"] = "uiwang_gunpo_ansan"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    options = [o.content for o in at.get("button_group")[0].proto.options]
    assert options == ["안산시 전체", "신길2", "장상", "경기경제자유구역", "초지역세권", FIFTH_KO, "시 전역"]
    details = next(m.value for m in at.markdown if "detail-panel" in m.value)
    assert "13,000호" in details and "아시아경제 2026-02-03" in details


def test_the_kiosk_runs_and_lists_the_fifth_area(monkeypatch, folder):
    kind, data_dir = folder
    at = _app(monkeypatch, data_dir, DASHBOARD_MODE="kiosk").run()
    assert not at.exception
    assert any(FIFTH_KO in b.label for b in at.button)
    html = " ".join(h.value for h in at.get("html"))
    assert ("예시 데이터" in html) == (kind == "demo")


def test_the_briefing_has_a_slide_for_each_of_the_five_areas(monkeypatch, folder):
    _, data_dir = folder
    at = _app(monkeypatch, data_dir).run()
    at.switch_page("app_pages/briefing.py").run()
    titles = []
    for _ in range(7):  # past the portfolio and what citizens can use today
        at.button(key="briefing_next").click().run()
        titles.append(at.title[0].value)
    assert not at.exception
    assert titles[-1] == "의왕·군포·안산 공공주택지구 (안산 구역)"
