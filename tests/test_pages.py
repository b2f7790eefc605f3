"""Every page runs headless under AppTest and shows its key elements (maps and charts are opaque here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.stats import format_budget, headline
from geo.clock import city_today
from geo.html import md_text
from tests.conftest import DEMO_DIR, PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")


@pytest.fixture
def app(monkeypatch):
    def _app(**env: str) -> AppTest:
        for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return AppTest.from_file(ENTRY, default_timeout=60)

    return _app


def test_home_shows_title_vision_and_headline_numbers(app, bundled):
    at = app().run()
    assert not at.exception
    assert at.title[0].value == "안산 스마트도시 대시보드"
    numbers = headline(bundled.services, bundled.areas)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["보도된 사업"] == f"{numbers.services}건"
    assert metrics["운영 중"] == f"{numbers.operating}건"
    assert metrics["개발 대상지"] == f"{len(bundled.areas)}곳"
    assert metrics[numbers.budget.label("ko")] == format_budget(numbers.budget_krw_100m)
    # The total says what it adds up, on the page (not only on hover), under its own heading.
    assert any(c.value == md_text(numbers.budget.coverage("ko")) for c in at.caption)
    assert any(h.value == "안산시의 보도된 스마트도시 사업" for h in at.header)
    # The plan as reported: its aims, and the mayor's four fields quoted as his.
    assert any("데이터·환경·산업 분야의 도시 문제 해결" in m.value for m in at.markdown)
    assert any(c.value.startswith("안산시장은 교통·환경·안전·복지") for c in at.caption)
    # The default shows the reported projects: no sample on screen, so no "예시 데이터".
    assert not any("예시 데이터" in w.value for w in at.warning)
    assert any("산업 혁신을 주도하는 첨단 스마트도시" in m.value for m in at.markdown)
    # No source assigns the reported projects to a plan direction: say so instead of "서비스 0건".
    assert not any("서비스 0건" in m.value for m in at.markdown)
    assert any("추진 방향별로 분류되어 있지 않습니다" in c.value for c in at.caption)


def test_home_counts_services_per_direction_where_the_data_has_them(app):
    at = app(DASHBOARD_DATA_DIR=str(DEMO_DIR)).run()
    directions = [m.value for m in at.markdown if m.value.startswith(("**1.**", "**2.**", "**3.**"))]
    assert len(directions) == 3 and all("건" in line for line in directions)
    assert not any("추진 방향별로 분류되어 있지 않습니다" in c.value for c in at.caption)


def test_home_in_english(app):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Ansan Smart City Dashboard"
    assert {m.label: m.value for m in at.metric}["Development areas"] == "5"
    assert not any(w.value.startswith("Sample data") for w in at.warning)


def test_empty_data_folder_shows_a_korean_error_page(app, tmp_path: Path):
    at = app(DASHBOARD_DATA_DIR=str(tmp_path)).run()
    assert not at.exception
    assert "데이터를 불러올 수 없습니다" in at.error[0].value
    problems = at.dataframe[0].value
    assert {"plan.yaml", "services.geojson", "areas.geojson"} <= set(problems["파일"])
    assert set(problems["문제"]) == {"파일이 없습니다"}


def test_broken_file_is_named_with_its_problem(app, data_copy: Path):
    (data_copy / "services.geojson").write_text("{ not json", encoding="utf-8")
    at = app(DASHBOARD_DATA_DIR=str(data_copy)).run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert problems["파일"].tolist() == ["services.geojson"]
    assert problems["문제"].iloc[0].startswith("GeoJSON으로 읽을 수 없습니다")


def test_bad_mode_setting_is_explained(app):
    at = app(DASHBOARD_MODE="admin").run()
    assert not at.exception
    assert "DASHBOARD_MODE='admin'" in at.error[0].value


def test_map_explorer_reads_filters_and_selection_from_the_url(app, bundled):
    at = app()
    service = bundled.services.loc[bundled.services["area_id"] == "gfez"].iloc[0]
    at.query_params.update({"area": "gfez", "sel": f"svc:{service['service_id']}"})
    at.run()
    at.switch_page("app_pages/map_explorer.py").run()
    assert not at.exception
    assert at.title[0].value == "지도 탐색"
    in_area = int((bundled.services["area_id"] == "gfez").sum())
    assert at.caption[0].value.startswith(f"표시 중: {in_area} / {len(bundled.services)}건")
    assert at.multiselect[0].value == ["gfez"]
    details = next(m.value for m in at.markdown if "detail-panel" in m.value)
    assert service["name_ko"] in details and service["department"] in details
    # A reported project: its source links out, its report date and how it was placed are shown.
    assert f"href='{service['source_url']}'" in details and service["reported_on"].isoformat() in details
    assert "행정동 중심점" in details


def test_map_explorer_filter_change_updates_the_url(app, bundled):
    at = app().run()
    at.switch_page("app_pages/map_explorer.py").run()
    at.multiselect[2].select("운영").run()
    assert at.query_params["status"] in ("운영", ["운영"])
    operating = int((bundled.services["status"] == "운영").sum())
    assert at.caption[0].value.startswith(f"표시 중: {operating} / ")


def test_map_explorer_draws_one_filter_per_vocabulary_in_spec_order(app):
    at = app().run()
    at.switch_page("app_pages/map_explorer.py").run()
    assert [m.label for m in at.multiselect] == ["대상지", "서비스 분야", "추진 상태", "추진 단계"]
    assert [m.options for m in at.multiselect][3] == ["단기", "중기", "장기"]
    at.multiselect[3].select("단기").run()
    assert at.query_params["phase"] in ("단기", ["단기"])


def test_downloads_are_built_only_when_pressed(app, monkeypatch):
    # Every chart offers CSV and XLSX; building them on each rerun would cost seconds on the district page.
    import ui.charts

    built = []
    monkeypatch.setattr(ui.charts, "to_csv_bytes", lambda *a, **k: built.append("csv") or b"")
    monkeypatch.setattr(ui.charts, "to_xlsx_bytes", lambda *a, **k: built.append("xlsx") or b"")
    at = app().run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception and len(at.get("download_button")) >= 6
    assert built == []


def test_districts_open_on_the_city_view_with_every_reported_project(app, bundled):
    at = app().run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    assert at.segmented_control(key="district_area").value == "city"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["보도된 사업"] == f"{len(bundled.services)}건"
    assert not any("준수" in label for label in metrics)


@pytest.mark.parametrize("area_id", ["singil2", "jangsang", "gfez", "choji", "uiwang_gunpo_ansan", "citywide"])
def test_district_profile_shows_each_area(app, bundled, area_id):
    at = app()
    at.query_params["area"] = area_id
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    assert at.title[0].value == "지구별 현황"
    metrics = {m.label: m.value for m in at.metric}
    in_area = int((bundled.services["area_id"] == area_id).sum())
    assert metrics["보도된 사업"] == f"{in_area}건"
    if in_area:
        assert len(at.get("download_button")) >= 2
    else:  # nothing to chart: a sentence and the nearest projects, no empty charts or downloads of empty tables
        assert len(at.get("download_button")) == 0
        assert any("이 대상지 안에서 보도된 사업은 없습니다" in i.value for i in at.info)
        assert any(m.value == "**가장 가까운 보도된 사업**" for m in at.markdown)


def test_city_as_of_counts_only_the_projects_reported_by_then(app, bundled):
    from geo.analysis.history import first_known

    at = app()
    at.query_params["area"] = "citywide"
    at.query_params["as_of"] = "2023-01-01"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    known = first_known(bundled.services, bundled.status_history)
    reported = bundled.services.loc[[day is None or day <= date(2023, 1, 1) for day in known]]
    in_group = reported.loc[reported["area_id"] == "citywide"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["보도된 사업"] == f"{len(in_group)}건" and len(in_group) < int(
        (bundled.services["area_id"] == "citywide").sum()
    )
    assert at.query_params["as_of"] == ["2023-01-01"] or at.query_params["as_of"] == "2023-01-01"


def test_an_unreadable_date_in_the_link_opens_today_and_says_so(app):
    at = app()
    at.query_params["as_of"] = "9999-99-99"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception
    (notice,) = [i.value for i in at.info if i.value.startswith("링크의 일부를 쓰지 않고")]
    assert notice.replace("\\", "").endswith("- as_of=9999-99-99: 날짜(YYYY-MM-DD)로 읽을 수 없어 오늘을 보입니다")
    assert at.date_input(key="district_as_of").value == city_today()


def test_district_as_of_date_changes_the_numbers(app, demo):
    from datetime import date

    at = app(DASHBOARD_DATA_DIR=str(DEMO_DIR))
    at.query_params["area"] = "citywide"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    latest = {m.label: m.value for m in at.metric}
    assert not at.exception
    at.date_input(key="district_as_of").set_value(date(2024, 6, 1)).run()
    early = {m.label: m.value for m in at.metric}
    assert early["운영 중"] == "0건"
    citywide = demo.services.loc[demo.services["area_id"] == "citywide"]
    assert latest["운영 중"] == f"{int((citywide['status'] == '운영').sum())}건"
    assert "2024-06-01 기준" in at.caption[0].value


def test_staff_are_told_when_the_data_files_changed_after_the_store_was_made(app, data_copy: Path):
    at = app(DASHBOARD_DATA_DIR=str(data_copy)).run()
    assert not at.exception and not at.sidebar.warning
    plan = data_copy / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    at.run()
    assert "저장소를 만든 뒤 바뀌었습니다" in at.sidebar.warning[0].value


def test_tests_never_touch_the_developers_store_or_database(monkeypatch):
    # The autouse fixture in tests/conftest.py: a private store outside the tree, no DATABASE_URL from the shell.
    from geo.settings import load_settings

    config = load_settings()
    assert config.database_url is None
    assert PROJECT_ROOT not in config.store_dir.resolve().parents
    assert config.secrets_file.parent == config.store_dir


def test_a_sixth_area_in_the_store_appears_on_the_district_and_map_pages(app, data_copy: Path):
    """Lists of areas come from the store: an imported area beside the plan's five gets its button and profile."""
    import json

    collection = json.loads((data_copy / "areas.geojson").read_text(encoding="utf-8"))
    sixth = json.loads(json.dumps(collection["features"][0]))
    sixth["properties"].update(area_id="sadong90", name_ko="사동 90블록", name_en="Sadong Block 90")
    collection["features"].append(sixth)
    (data_copy / "areas.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")

    at = app(DASHBOARD_DATA_DIR=str(data_copy))
    at.query_params["area"] = "sadong90"
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception and not at.error
    picker = at.get("button_group")[0]
    assert picker.options[-2:] == ["사동 90블록", "시 전역"] and picker.value == "sadong90"
    assert {m.label: m.value for m in at.metric}["보도된 사업"] == "0건"
    assert any("사동 90블록" in m.value for m in at.markdown)  # the area's facts table

    at.switch_page("app_pages/map_explorer.py").run()
    assert not at.exception and not at.error
    assert "사동 90블록" in [b.label for b in at.button]
