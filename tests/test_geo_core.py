"""Unit tests for the data core: vocabularies, settings, escaping, validation, loaders, spatial joins."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LinearRing, LineString, MultiPolygon, Point, Polygon

from geo.analysis.stats import format_budget, headline
from geo.html import escape_html, json_for_script
from geo.i18n import TEXTS, t
from geo.loaders import load_dashboard_data, load_plan
from geo.model.schema import SERVICES, STATUS_HISTORY
from geo.model.validation import DataError, validate_frame
from geo.model.vocab import DEVELOPMENT_AREA_IDS, DOMAIN_TERMS, STATUS_TERMS
from geo.settings import BUNDLED_DATA_DIR, SettingsError, load_settings
from geo.spatial import area_m2, area_view_bounds, assign_districts, geometry_path, latlon_view, pad_bounds
from tests.conftest import PROJECT_ROOT


def test_geo_never_imports_streamlit():
    offenders = []
    for path in (PROJECT_ROOT / "geo").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "streamlit" or n.startswith("streamlit.") or n.startswith("streamlit_") for n in names):
                offenders.append(path.name)
    assert offenders == []


def test_vocabularies_follow_the_design():
    assert list(STATUS_TERMS) == ["계획", "설계", "구축", "운영", "보류", "취소"]
    assert STATUS_TERMS["운영"].colour == "#009E73" and STATUS_TERMS["취소"].shape == "hollow"
    assert len(DOMAIN_TERMS) == 12 and "시설물 관리" in DOMAIN_TERMS
    assert len({term.colour for term in DOMAIN_TERMS.values()}) == 12


def test_every_text_has_korean_and_english():
    # Unit suffixes may be empty in English ("96" rather than "96건"), but must be declared.
    missing = [key for key, entry in TEXTS.items() if not entry.get("ko") or "en" not in entry]
    assert missing == []
    assert t("nav.home") == "종합 현황" and t("nav.home", "en") == "Overview"
    assert t("no.such.key") == "no.such.key"
    assert t("metric.count_unit", "en") == "" and t("metric.count_unit", "fr") == "건"


def test_each_text_key_lives_in_one_table():
    # The texts are split by area of the app; merging them must never let one table silently override another.
    from geo.i18n import (
        access,
        access_report,
        audience,
        cli,
        common,
        data,
        districts,
        kiosk_access,
        maps,
        problems,
        voice,
    )

    tables = [audience.TEXTS, common.TEXTS, data.TEXTS, districts.TEXTS, maps.TEXTS, problems.TEXTS, voice.TEXTS]
    tables += [access.TEXTS, access_report.TEXTS, kiosk_access.TEXTS, cli.TEXTS]
    assert sum(len(table) for table in tables) == len(TEXTS)


def test_settings_defaults_and_errors(tmp_path):
    settings = load_settings({})
    assert settings.data_dir == BUNDLED_DATA_DIR and settings.mode == "staff" and settings.basemap == "none"
    kiosk = load_settings({"DASHBOARD_MODE": "KIOSK", "DASHBOARD_DATA_DIR": str(tmp_path)})
    assert kiosk.is_kiosk and kiosk.data_dir == tmp_path
    with pytest.raises(SettingsError, match="DASHBOARD_MODE"):
        load_settings({"DASHBOARD_MODE": "admin"})
    with pytest.raises(SettingsError, match="정수"):
        load_settings({"DASHBOARD_KIOSK_INTERVAL": "soon"})


def test_a_settings_error_is_worded_in_the_readers_language():
    with pytest.raises(SettingsError) as mode:
        load_settings({"DASHBOARD_MODE": "admin"})
    assert str(mode.value) == mode.value.text("ko") == "DASHBOARD_MODE='admin': 허용되는 값은 staff, kiosk 입니다."
    assert mode.value.text("en") == "DASHBOARD_MODE='admin': the allowed values are staff, kiosk."
    with pytest.raises(SettingsError) as small:
        load_settings({"DASHBOARD_KIOSK_INTERVAL": "1"})
    assert str(small.value) == "DASHBOARD_KIOSK_INTERVAL=1: 3 이상이어야 합니다."
    assert small.value.text("en") == "DASHBOARD_KIOSK_INTERVAL=1: must be at least 3."
    with pytest.raises(SettingsError) as switch:
        load_settings({"DASHBOARD_REQUIRE_SIGNIN": "maybe"})
    assert switch.value.text("en") == "DASHBOARD_REQUIRE_SIGNIN='maybe': must be 1 (on) or 0 (off)."
    assert str(switch.value) == "DASHBOARD_REQUIRE_SIGNIN='maybe': 1(켜기) 또는 0(끄기)이어야 합니다."


def test_escaping_neutralises_markup_and_script_breakouts():
    assert escape_html("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape_html(None) == ""
    embedded = json_for_script({"name": "</script><script>alert(1)</script>\u2028"})
    assert "</script>" not in embedded and "\u2028" not in embedded
    assert json.loads(embedded)["name"].startswith("</script>")


def test_bundled_data_is_valid_and_honest(bundled):
    assert set(bundled.areas["area_id"]) == set(DEVELOPMENT_AREA_IDS)
    assert (bundled.areas["accuracy"] == "approximate").all()
    assert (bundled.boundaries["accuracy"] == "approximate").all()
    assert bundled.boundaries["level"].value_counts().to_dict() == {"dong": 25, "gu": 2, "city": 1}
    # The default is the reported projects, not samples; the demo folder holds the illustrative set.
    assert len(bundled.services) == 25 and not bundled.has_samples
    assert set(bundled.services.geom_type) <= {"Point", "LineString", "Polygon", "MultiPolygon"}
    assert bundled.areas["source"].str.len().gt(0).all()
    assert bundled.plan["directions"][0]["ko"] == "시민 중심 체감형 스마트서비스 확대"
    assert bundled.plan["milestones"][-1]["date"] == "2026-02-02"


def test_area_sizes_match_reported_sizes_within_one_percent(bundled):
    measured = dict(zip(bundled.areas["area_id"], area_m2(bundled.areas), strict=True))
    reported = dict(zip(bundled.areas["area_id"], bundled.areas["reported_area_m2"], strict=True))
    for area_id in DEVELOPMENT_AREA_IDS:
        assert measured[area_id] == pytest.approx(reported[area_id], rel=0.01)


def _rings_counter_clockwise(xs, ys):
    """Whether each ring of a path runs counter-clockwise."""
    rings, ring = [], []
    for x, y in zip(xs, ys, strict=True):
        if x is None:
            rings.append(ring)
            ring = []
        else:
            ring.append((x, y))
    return [LinearRing(r).is_ccw for r in rings]


def test_geometry_path_keeps_holes_wound_against_their_exterior():
    # Exterior written clockwise and hole counter-clockwise: the path must turn both round.
    donut = Polygon([(0, 0), (0, 10), (10, 10), (10, 0)], [[(2, 2), (4, 2), (4, 4), (2, 4)]])
    xs, ys = geometry_path(MultiPolygon([donut, Polygon([(20, 0), (21, 0), (21, 1)])]))
    assert xs.count(None) == 3 and (2.0, 4.0) in zip(xs, ys, strict=True)
    assert _rings_counter_clockwise(xs, ys) == [True, False, True]
    assert geometry_path(LineString([(0, 0), (1, 1)])) == ([0.0, 1.0, None], [0.0, 1.0, None])
    assert geometry_path(Point(1, 1)) == ([], [])


def test_bounds_pad_by_share_of_the_longer_side_plus_margin():
    assert pad_bounds((0, 0, 10, 4), share=0.1) == (-1.0, -1.0, 11.0, 5.0)
    assert pad_bounds((0, 0, 10, 4), margin=2) == (-2.0, -2.0, 12.0, 6.0)
    # A single point still gets a view around it.
    assert pad_bounds((5, 5, 5, 5), share=0.5, least_size=100) == (-45.0, -45.0, 55.0, 55.0)
    # Leaflet takes (south, west), (north, east): latitude first.
    (south, west), (north, east) = latlon_view((126.8, 37.3, 126.9, 37.4), margin=0.01)
    assert (south, west, north, east) == pytest.approx((37.29, 126.79, 37.41, 126.91))


def test_area_view_contains_the_area(demo):
    (south, west), (north, east) = area_view_bounds(demo.areas, "choji")
    minx, miny, maxx, maxy = demo.areas.loc[demo.areas["area_id"] == "choji"].total_bounds
    assert south < miny < maxy < north and west < minx < maxx < east
    with pytest.raises(KeyError, match="'nowhere' is not in the areas data"):
        area_view_bounds(demo.areas, "nowhere")


def test_spatial_join_places_services_in_their_dong(demo):
    by_area = demo.services.groupby("area_id")["dong"].agg(lambda s: set(s))
    assert by_area["singil2"] == {"신길동"}
    assert by_area["choji"] == {"초지동"}
    assert by_area["jangsang"] <= {"안산동", "부곡동"}
    assert (demo.services["gu"] != "").all()


def test_spatial_join_finds_each_services_development_area(bundled):
    declared = bundled.services["area_id"]
    located = bundled.services["located_area_id"]
    in_areas = declared != "citywide"
    assert (located[in_areas] == declared[in_areas]).all()


def test_service_outside_its_declared_area_is_reported(demo_copy: Path):
    services = json.loads((demo_copy / "services.geojson").read_text(encoding="utf-8"))
    services["features"][0]["properties"]["area_id"] = "choji"  # it lies in 신길2
    (demo_copy / "services.geojson").write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"services.geojson 1번째 피처 area_id: 대상지가 'choji'로 되어 있지만"):
        load_dashboard_data(demo_copy)


def test_assign_districts_leaves_outside_points_empty(bundled):
    outside = gpd.GeoDataFrame({"service_id": ["X"]}, geometry=[Point(127.5, 36.0)], crs=4326)
    assert assign_districts(outside, bundled.boundaries)[["gu", "dong"]].iloc[0].tolist() == ["", ""]


def _service_rows(**changes):
    row = {
        "service_id": "S1",
        "name_ko": "스마트 횡단보도",
        "domain": "교통",
        "direction": "citizen",
        "area_id": "choji",
        "status": "운영",
        "phase": "단기",
        "start_year": "2026",
        "end_year": "2027",
        "budget_krw_100m": "3.5",
        "funding": "시비",
        "department": "교통정책과",
        "updated_at": "2026-03-01",
    }
    row.update(changes)
    return gpd.GeoDataFrame([row], geometry=[Point(126.81, 37.32)], crs=4326)


def test_validation_reports_each_problem_by_row_and_field(bundled):
    frame = pd.concat([_service_rows(), _service_rows(status="완료", start_year="2030", budget_krw_100m="많음")])
    typed, report = validate_frame(frame, SERVICES, "services.geojson", bundled.city_outline)
    assert report.messages() == [
        "services.geojson 2번째 피처 status: '완료'는 허용되지 않는 값입니다 (허용: 계획, 설계, 구축, 운영, 보류, 취소)",
        "services.geojson 2번째 피처 budget_krw_100m: '많음'는 숫자가 아닙니다",
        "services.geojson 2번째 피처 service_id: ID 'S1'가 중복됩니다",
        "services.geojson 2번째 피처 end_year: 종료 연도 2027가 시작 연도 2030보다 앞섭니다",
    ]
    assert typed["start_year"].iloc[0] == 2026 and typed["updated_at"].iloc[0] == date(2026, 3, 1)


def test_validation_reports_missing_columns_and_outside_geometry(bundled):
    _, report = validate_frame(_service_rows().drop(columns=["status"]), SERVICES, "s.geojson")
    assert report.messages() == ["s.geojson status: 필수 열 'status'(추진 상태)이(가) 없습니다"]
    far = _service_rows().set_geometry([Point(200_000, 550_000)])
    _, report = validate_frame(far, SERVICES, "s.geojson", bundled.city_outline)
    assert "안산시 경계 밖" in report.messages()[0]
    bowtie = _service_rows().set_geometry(
        [Polygon([(126.80, 37.31), (126.81, 37.32), (126.81, 37.31), (126.80, 37.32)])]
    )
    _, report = validate_frame(bowtie, SERVICES, "s.geojson", bundled.city_outline)
    assert report.messages()[0].startswith("s.geojson 1번째 피처 geometry: 도형이 올바르지 않습니다")


def test_history_rows_are_numbered_as_rows():
    frame = pd.DataFrame(
        [{"service_id": "S1", "changed_at": "어제", "old_status": "", "new_status": "운영", "changed_by": "a"}]
    )
    _, report = validate_frame(frame, STATUS_HISTORY, "status_history.csv")
    assert report.messages() == ["status_history.csv 1행 changed_at: '어제'는 날짜가 아닙니다 (예: 2026-01-15)"]


def test_empty_data_folder_names_every_missing_file(tmp_path):
    with pytest.raises(DataError) as caught:
        load_dashboard_data(tmp_path)
    messages = caught.value.report.messages()
    for name in ("plan.yaml", "boundaries.geojson", "areas.geojson", "services.geojson", "status_history.csv"):
        assert f"{name}: 파일이 없습니다" in messages


def test_missing_data_folder_says_so(tmp_path):
    with pytest.raises(DataError, match="데이터 폴더가 없습니다"):
        load_dashboard_data(tmp_path / "nowhere")


def test_broken_geojson_and_unknown_status_are_reported(data_copy: Path):
    (data_copy / "areas.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    services = json.loads((data_copy / "services.geojson").read_text(encoding="utf-8"))
    services["features"][4]["properties"]["status"] = "완료"
    (data_copy / "services.geojson").write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dashboard_data(data_copy)
    messages = caught.value.report.messages()
    assert any(m.startswith("areas.geojson: GeoJSON으로 읽을 수 없습니다") for m in messages)
    assert any(m.startswith("services.geojson 5번째 피처 status: '완료'는 허용되지 않는 값입니다") for m in messages)


def test_history_pointing_at_unknown_service_is_reported(data_copy: Path):
    history = pd.read_csv(data_copy / "status_history.csv", dtype=str)
    history.loc[0, "service_id"] = "SVC-999"
    history.to_csv(data_copy / "status_history.csv", index=False)
    with pytest.raises(DataError, match=r"status_history.csv 1행 service_id: 'SVC-999'는 서비스 목록에 없는 ID"):
        load_dashboard_data(data_copy)


def test_plan_yaml_errors_are_readable(data_copy: Path):
    (data_copy / "plan.yaml").write_text("vision: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"plan.yaml: YAML 형식이 올바르지 않습니다"):
        load_plan(data_copy)


def test_headline_counts_and_budget(demo):
    numbers = headline(demo.services, demo.areas)
    assert numbers.services == len(demo.services)
    assert sum(numbers.by_status.values()) == numbers.services
    assert numbers.operating == int((demo.services["status"] == "운영").sum())
    live = demo.services.loc[demo.services["status"] != "취소", "budget_krw_100m"]
    assert numbers.budget_krw_100m == pytest.approx(round(sum(live), 1))
    assert format_budget(1234.56) == "1,234.6억원" and format_budget(1234.5, "en") == "KRW 123.5 bn"


def test_the_budget_unit_is_spelled_once():
    # Every screen takes 억원 from the texts (unit.100m_krw) or format_budget; a hand-written "억원" drifts.
    spelled = []
    for package in ("geo", "ui", "app_pages"):
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if path.parent.name == "i18n":
                continue
            # An f-string's literal parts are constants too: f"{v}억원" holds the constant "억원".
            tree = ast.parse(path.read_text(encoding="utf-8"))
            spelled += [
                f"{path.name}:{n.lineno}" for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == "억원"
            ]
    assert spelled == []
    assert t("unit.100m_krw") == "억원" and format_budget(2.5) == "2.5억원"
