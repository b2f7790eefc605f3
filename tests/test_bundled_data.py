"""The bundled data: the reported projects (default), the fifth area, the demo folder and the public layers."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import yaml
from shapely.geometry import Point

from geo.analysis.history import services_as_of
from geo.briefing.slides import area_facts, changes_table
from geo.details import (
    area_detail_rows,
    conflicts,
    detail_table_html,
    service_detail_rows,
    service_history_rows,
)
from geo.i18n import localized
from geo.io import METRIC_CRS
from geo.kiosk.screens import area_intro_html
from geo.loaders import load_dashboard_data, load_reference_layers, read_reference_layers
from geo.model.schema import parse_funding_split
from geo.model.validation import DataError
from geo.model.vocab import AREA_TERMS, DEVELOPMENT_AREA_IDS, DOMAIN_TERMS, label
from geo.places import dong_anchor, dong_names_en
from tests.conftest import DATA_DIR, DEMO_DIR, PROJECT_ROOT

SOURCES_DIR = DATA_DIR / "sources"


def source_facts(name: str) -> dict:
    """One reviewed facts file of data/sources/ (what the builder transforms)."""
    return yaml.safe_load((SOURCES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


PROJECT_FACTS = {project["id"]: project for project in source_facts("projects")["projects"]}
SHUTTLE_STOPS = tuple(PROJECT_FACTS["ANS-08"]["where"]["stops"])


@pytest.fixture(scope="module")
def places() -> dict[str, Point]:
    path = PROJECT_ROOT.parent / "shared" / "reference" / "public_layers" / "places.csv"
    if not path.exists():
        pytest.skip(f"places.csv not found at {path} (../shared beside the project)")
    with path.open(encoding="utf-8") as handle:
        # The bundled GeoJSON keeps 6 decimals (about 0.1 m).
        return {
            row["name_ko"]: Point(round(float(row["lon"]), 6), round(float(row["lat"]), 6))
            for row in csv.DictReader(handle)
        }


def _by_id(data, service_id: str) -> dict:
    return data.services.set_index("service_id").loc[service_id].to_dict() | {"service_id": service_id}


def test_every_reported_project_has_a_source_a_date_and_a_history(bundled):
    services = bundled.services
    assert len(services) == 25 and not services["is_sample"].any()
    assert services["source"].str.len().gt(0).all()
    assert services["reported_on"].notna().all()
    assert services["location_accuracy"].isin(["address", "place", "dong", "route", "citywide"]).all()
    assert services["name_en"].str.len().gt(0).all() and services["description_public_en"].str.len().gt(0).all()
    history = bundled.status_history
    assert set(history["service_id"]) == set(services["service_id"])
    assert not history["is_sample"].any() and history["changed_by"].str.len().gt(0).all()
    # The latest event of each project reaches the status it is shown with.
    last = history.sort_values("changed_at").groupby("service_id")["new_status"].last()
    assert (last == services.set_index("service_id")["status"]).all()


def test_no_point_is_invented(bundled, places):
    """Each point is a places.csv point, a reported address found in a public dataset, or a 동 centre."""
    lots = pd.read_csv(DATA_DIR / "reference" / "ansan_parking_lots.csv", dtype=str)
    lot_points = {
        (round(float(lon), 6), round(float(lat), 6)) for lon, lat in zip(lots["경도"], lots["위도"], strict=True)
    }
    dongs = bundled.boundaries.loc[bundled.boundaries["level"] == "dong", "name_ko"]
    anchors = {dong_anchor(bundled.boundaries, d).coords[0]: d for d in dongs}
    with pytest.raises(KeyError, match="행정동 '없는동'이\\(가\\) 경계 자료에 없습니다"):
        dong_anchor(bundled.boundaries, "없는동")
    place_points = {p.coords[0] for p in places.values()}
    for row in bundled.services.itertuples():
        geometry, kind = row.geometry, row.location_accuracy
        if kind in ("place", "citywide"):
            assert geometry.coords[0] in place_points, row.service_id
        elif kind == "address":
            assert geometry.coords[0] in lot_points, row.service_id
        elif kind == "dong":
            assert geometry.coords[0] in anchors, row.service_id
        else:
            assert kind == "route" and geometry.geom_type == "LineString", row.service_id
    citywide = bundled.services.loc[bundled.services["location_accuracy"] == "citywide"]
    assert (citywide.geometry.apply(lambda g: g.coords[0]) == places["안산시청"].coords[0]).all()


def test_the_shuttle_route_passes_its_stops_in_order_and_says_which_it_left_out(bundled, places):
    shuttle = _by_id(bundled, "ANS-08")
    expected = [places[s].coords[0] for s in SHUTTLE_STOPS if s in places]
    assert list(shuttle["geometry"].coords) == expected and len(expected) == 6
    assert "한국산업기술시험원" in shuttle["location_ko"] and "안산도시개발" in shuttle["location_ko"]
    assert "left out" in shuttle["location_en"]
    assert any("5곳" in v.value_ko for c in conflicts(shuttle) for v in c.values)


def test_citywide_projects_count_as_citywide_in_the_gu_and_dong_views(bundled):
    citywide = bundled.services.loc[bundled.services["location_accuracy"] == "citywide"]
    assert len(citywide) >= 4 and (citywide["gu"] == "").all() and (citywide["dong"] == "").all()
    placed = bundled.services.loc[bundled.services["location_accuracy"] != "citywide"]
    assert (placed["dong"] != "").all()
    # The estate projects lie in 초지동, the CCTV centre in 사동, the multicultural-district projects in 원곡동.
    assert _by_id(bundled, "ANS-14")["dong"] == "초지동" and _by_id(bundled, "ANS-09")["dong"] == "사동"
    assert _by_id(bundled, "ANS-02")["dong"] == "원곡동" and _by_id(bundled, "ANS-21")["dong"] == "대부동"


def test_domains_follow_the_decree_and_keep_the_reported_field(bundled):
    assert bundled.services["domain"].isin(list(DOMAIN_TERMS)).all()
    hydrogen = _by_id(bundled, "ANS-17")
    assert hydrogen["domain"] == "환경·에너지·수자원" and hydrogen["domain_reported"] == "에너지·환경"
    assert _by_id(bundled, "ANS-25")["domain"] == "물류"


def test_details_say_not_reported_link_the_source_and_show_disagreeing_sources(bundled):
    cctv = _by_id(bundled, "ANS-09")
    rows = dict(service_detail_rows(cctv, "ko"))
    assert rows["사업비"] == "보도되지 않음" and rows["사업 기간"] == "보도되지 않음"
    assert "3,337대 (경인일보 (2025-04-15))" in rows["출처 간 차이"] and "3,340대" in rows["출처 간 차이"]
    html = detail_table_html("CCTV", service_detail_rows(cctv, "ko"))
    assert "href='https://kyeongin.com/article/1736242'" in html and "rel='noopener noreferrer'" in html
    assert "2025-04-15 보도 기준" in rows["추진 상태"]
    english = dict(service_detail_rows(cctv, "en"))
    assert english["Budget"] == "not reported" and "as reported on 2025-04-15" in english["Status"]
    assert english["For citizens"].startswith("24-hour monitoring")
    hub = dict(service_detail_rows(_by_id(bundled, "ANS-16"), "ko"))
    assert "300억원" in hub["출처 간 차이"] and "465억원" in hub["출처 간 차이"]
    singil = bundled.areas.set_index("area_id").loc["singil2"].to_dict()
    area_rows = dict(area_detail_rows(singil, bundled.services.iloc[:0], "ko"))
    assert all(f"{n}호" in area_rows["출처 간 차이"] for n in ("7,000", "5,600", "6,192"))


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


@pytest.mark.parametrize("area_id", DEVELOPMENT_AREA_IDS)
def test_english_area_facts_and_sources_carry_no_korean(bundled, area_id):
    """What the English kiosk, district profile and briefing say about an area, source included, is English."""
    area = bundled.areas.set_index("area_id").loc[area_id].to_dict() | {"area_id": area_id}
    kiosk = re.sub(r"<[^>]+>", " ", area_intro_html(bundled.areas, area_id, "en"))
    assert not HANGUL.search(kiosk), kiosk
    assert f"Source: {area['source_en']}" in kiosk and area["location_en"] in kiosk
    in_area = bundled.services.loc[bundled.services["area_id"] == area_id]
    profile = {name: str(value) for name, value in area_detail_rows(area, in_area, "en")}
    assert not [v for v in profile.values() if HANGUL.search(v)], profile
    assert profile["Source"] == area["source_en"]
    facts, source = area_facts(bundled.areas, area_id, "en")
    assert source == area["source_en"] and not [f for f in facts if HANGUL.search(f.value)]
    # The Korean screens keep the Korean source.
    assert area_facts(bundled.areas, area_id, "ko")[1] == area["source"] and HANGUL.search(area["source"])


def test_english_disagreeing_sources_name_their_source_in_english(bundled):
    singil = bundled.areas.set_index("area_id").loc["singil2"].to_dict()
    english = dict(area_detail_rows(singil, bundled.services.iloc[:0], "en"))["Where sources differ"]
    assert "7,000 (MOLIT announcement (2019-05-07))" in english and not HANGUL.search(english)


@pytest.mark.parametrize("service_id", [f"ANS-{n:02d}" for n in range(1, 26)])
def test_english_service_details_name_their_sources_in_english(bundled, service_id):
    """The English detail panel of every reported project names its sources (and disagreeing ones) in English."""
    service = _by_id(bundled, service_id)
    english = dict(service_detail_rows(service, "en"))
    sources = {k: str(v) for k, v in english.items() if k in ("Source", "Other sources", "Where sources differ")}
    assert sources["Source"] == service["source_en"] and not [v for v in sources.values() if HANGUL.search(v)]
    # The same fact: the report's date (and any address) is kept, only the outlet's name is in English.
    assert re.findall(r"\d{4}-\d{2}-\d{2}", service["source_en"]) == re.findall(r"\d{4}-\d{2}-\d{2}", service["source"])
    assert str(dict(service_detail_rows(service, "ko"))["출처"]) == service["source"]


def test_english_details_of_reported_projects_carry_no_korean(bundled):
    """Department, reported field, funding, 구 and 동 and the shuttle's missing stops are English too."""
    dongs = dong_names_en(bundled.boundaries)
    korean = {
        (service["service_id"], name): str(value)
        for service in bundled.services.to_dict("records")
        for name, value in service_detail_rows(service, "en", dong_names_en=dongs)
        if HANGUL.search(str(value))
    }
    assert korean == {}
    assert dict(service_detail_rows(_by_id(bundled, "ANS-02"), "en", dong_names_en=dongs))["Location (gu, dong)"] == (
        "Wongok-dong, Danwon-gu"
    )
    assert dict(service_detail_rows(_by_id(bundled, "ANS-02"), "ko"))["위치(구·동)"] == "단원구 원곡동"
    # Boundaries imported without English names: the 동 stays as it is named.
    unnamed = dong_names_en(bundled.boundaries.drop(columns="name_en"))
    assert dict(service_detail_rows(_by_id(bundled, "ANS-02"), "en", dong_names_en=unnamed))["Location (gu, dong)"] == (
        "원곡동, Danwon-gu"
    )
    cctv = dict(service_detail_rows(_by_id(bundled, "ANS-09"), "en"))
    assert cctv["Department"] == "Ansan Urban Corporation" and cctv["Field as reported"] == "Safety"
    assert str(dict(service_detail_rows(_by_id(bundled, "ANS-10"), "en"))["Budget"]).startswith("KRW")


def test_english_outlet_names_are_how_the_outlets_spell_themselves(bundled):
    cctv = dict(service_detail_rows(_by_id(bundled, "ANS-09"), "en"))
    assert str(cctv["Source"]) == "Kyeongin Ilbo (2025-04-15)"
    assert cctv["Other sources"] == "Kyeonggi Ilbo (2025-04-15); Kuki News (2010-04-13)"
    assert "3,337 (Kyeongin Ilbo (2025-04-15))" in cctv["Where sources differ"]
    programme = dict(service_detail_rows(_by_id(bundled, "ANS-01"), "en"))
    assert str(programme["Source"]) == "Kyeonggi Ilbo (2025-06-19)"
    assert programme["Other sources"] == "News1 (2025-06-19), https://news1.kr/amp/local/gyeonggi/5819377"
    hub = dict(service_detail_rows(_by_id(bundled, "ANS-16"), "en"))["Where sources differ"]
    assert "KRW 30 bn (Press reports (figures differ by source; outlet not identified))" in hub
    assert str(dict(service_detail_rows(_by_id(bundled, "ANS-10"), "en"))["Source"]) == (
        "Korea Economic Daily/Yonhap News (2023-04-05)"
    )


def test_english_history_names_the_reporting_outlet_in_english_and_staff_as_they_are(bundled):
    cctv = _by_id(bundled, "ANS-09")
    history = bundled.status_history.copy()
    history.loc[len(history)] = ["ANS-09", date(2026, 3, 2), "운영", "보류", "김지리", "점검", None, False]
    english = service_history_rows(history, "ANS-09", "en", cctv)
    # The opening was reported by 쿠키뉴스 in 2010 (one of the record's other sources), not its main 2025 source.
    assert english["By"].tolist() == ["김지리", "Kuki News (2010-04-13)"]
    # The reported event's reason in English (from the builder); the staff's own stays as typed.
    reported = bundled.status_history.loc[bundled.status_history["service_id"] == "ANS-09", "reason_en"].iloc[-1]
    assert english["Reason"].tolist() == ["점검", reported] and reported and not re.search("[가-힣]", reported)
    assert service_history_rows(history, "ANS-09", "ko", cctv)["변경자"].tolist() == ["김지리", "쿠키뉴스 (2010-04-13)"]


def test_the_builder_refuses_a_source_it_cannot_put_in_english():
    spec = importlib.util.spec_from_file_location(
        "build_bundled_data", PROJECT_ROOT / "scripts" / "build_bundled_data.py"
    )
    assert spec and spec.loader
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    english_source = builder.english_source
    assert english_source("경인일보 (2023-11-10)") == "Kyeongin Ilbo (2023-11-10)"
    assert english_source(None) is None
    with pytest.raises(SystemExit, match="대한일보"):
        english_source("대한일보 (2024-01-01)")


def test_a_hostile_source_address_is_not_a_link():
    record = {"source": "<b>x</b>", "source_url": "javascript:alert(1)", "area_id": "citywide"}
    record |= {"status": "계획", "domain": "행정"}
    html = detail_table_html("t", service_detail_rows(record, "ko"))
    assert "href" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_localized_prefers_english_only_when_it_is_filled():
    record = {"name_ko": "가", "name_en": "A", "description_public": "설명", "description_public_en": ""}
    assert localized(record, "name", "en") == "A" and localized(record, "name", "ko") == "가"
    assert localized(record, "description_public", "en") == "설명"
    assert localized(record, "location", "en") == ""


def test_as_of_replays_the_reported_events(bundled):
    before = services_as_of(bundled.services, bundled.status_history, date(2024, 12, 31)).set_index("service_id")
    after = services_as_of(bundled.services, bundled.status_history, date(2025, 5, 1)).set_index("service_id")
    assert before.loc["ANS-19", "status"] == "계획" and after.loc["ANS-19", "status"] == "운영"
    # ANS-22 was first reported in 2025-04: not there before, in operation after.
    assert "ANS-22" not in before.index and after.loc["ANS-22", "status"] == "운영"
    assert after.loc["ANS-09", "status_since"] == date(2010, 4, 13)


def test_the_fifth_area_is_drawn_approximately_in_banwol_dong(bundled):
    assert DEVELOPMENT_AREA_IDS[-1] == "uiwang_gunpo_ansan"
    assert label(AREA_TERMS, "uiwang_gunpo_ansan", "en") == "Uiwang-Gunpo-Ansan new town (Ansan part)"
    area = bundled.areas.set_index("area_id").loc["uiwang_gunpo_ansan"]
    facts = next(a for a in source_facts("areas")["areas"] if a["area_id"] == "uiwang_gunpo_ansan")
    assert area["accuracy"] == "approximate" and area["homes"] == facts["homes"]
    # Drawn at the reported size (the part of the octagon inside Ansan).
    assert area["area_m2"] == pytest.approx(facts["reported_area_m2"], rel=0.01)
    assert area["source"] == facts["source"] and area["facts_ko"] == facts["facts_ko"]
    banwol = bundled.boundaries.loc[bundled.boundaries["name_ko"] == "반월동"].geometry.iloc[0]
    assert banwol.contains(area.geometry.representative_point())
    assert bundled.city_outline.buffer(1e-6).contains(area.geometry)
    station = gpd.GeoSeries([Point(126.903684, 37.312244)], crs=4326).to_crs(METRIC_CRS).iloc[0]
    outline = gpd.GeoSeries([area.geometry], crs=4326).to_crs(METRIC_CRS).iloc[0]
    assert outline.distance(station) < 1500


def test_the_demo_folder_is_complete_and_every_record_is_a_sample(bundled):
    demo = load_dashboard_data(DEMO_DIR)
    assert len(demo.services) == 96 and demo.services["is_sample"].all() and demo.status_history["is_sample"].all()
    assert demo.has_samples and not bundled.has_samples
    assert demo.areas["area_id"].tolist() == bundled.areas["area_id"].tolist()
    assert demo.plan == bundled.plan


def test_the_builder_reproduces_the_committed_files(tmp_path: Path):
    if not (PROJECT_ROOT.parent / "shared" / "PROJECTS.md").exists():
        pytest.skip("../shared is not beside the project")
    script = PROJECT_ROOT / "scripts" / "build_bundled_data.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, capture_output=True)
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    # data/sources/ holds the builder's input (the reviewed facts), not its output.
    # A checkout where the app ran holds its store and caches in data/ (ignored by git): those are not committed.
    listed = subprocess.run(["git", "ls-files", "data"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    files = (
        [PROJECT_ROOT / line for line in listed.stdout.splitlines()]
        if listed.returncode == 0 and listed.stdout
        else [p for p in DATA_DIR.rglob("*") if p.is_file()]
    )
    committed = sorted(
        p.relative_to(DATA_DIR) for p in files if p.suffix != ".gpkg" and p.relative_to(DATA_DIR).parts[0] != "sources"
    )
    assert built == committed
    for name in built:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_reference_layers_carry_provider_date_licence_and_popup_fields():
    layers = {layer.layer_id: layer for layer in load_reference_layers(DATA_DIR)}
    counts = {layer_id: layer.count for layer_id, layer in layers.items()}
    assert counts == {
        "school_zones": 155,
        "parking_lots": 162,
        "enforcement_cameras": 196,
        "urban_parks": 196,
        "public_wifi": 43,
        "ev_chargers": 39,
        "public_facilities": 35,
        "rail_stations": 15,
        "rail_stations_seohae": 5,
    }
    described = {spec["layer_id"]: spec for spec in source_facts("reference_layers")["layers"]}
    assert {k: (v.data_date, v.provider) for k, v in layers.items()} == {
        k: (v["data_date"], v["provider"]) for k, v in described.items()
    }
    assert all("공공누리 제1유형" in layer.licence and layer.provider for layer in layers.values())
    assert "CCTV설치대수" in layers["school_zones"].popup_fields
    assert {"주차구획수", "요금정보"} <= set(layers["parking_lots"].popup_fields)
    assert (
        {layer_id for layer_id, layer in layers.items() if layer.kiosk}
        == {k for k, v in described.items() if v.get("kiosk")}
        == {"urban_parks", "rail_stations", "rail_stations_seohae"}
    )
    stations = layers["rail_stations_seohae"].points
    assert set(stations["호선"]) == {"서해선"} and stations.crs.to_epsg() == 4326
    # Codes keep their published form (text, not numbers).
    assert layers["urban_parks"].points["관리번호"].iloc[0] == "41273-00092"


def test_points_outside_ansan_are_left_out_and_reported_by_row():
    _, report = read_reference_layers(DATA_DIR)
    assert report.messages() == [
        "reference/ansan_traffic_enforcement_cameras.csv 64행 위도/경도: 좌표 37.264715, 126.872880이(가) 안산시 밖입니다",
        "reference/ansan_traffic_enforcement_cameras.csv 68행 위도/경도: 좌표 37.325348, 126.899125이(가) 안산시 밖입니다",
    ]


def test_bad_reference_rows_and_files_are_reported_in_korean(data_copy: Path):
    wifi = data_copy / "reference" / "ansan_public_wifi.csv"
    rows = wifi.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("37.322304", "위도없음", 1)
    wifi.write_text("\n".join(rows) + "\n", encoding="utf-8")
    layers, report = read_reference_layers(data_copy)
    assert next(layer for layer in layers if layer.layer_id == "public_wifi").count == 42
    assert (
        "reference/ansan_public_wifi.csv 2행 위도/경도: 좌표 '위도없음, 126.832089'를 읽을 수 없습니다"
        in report.messages()
    )
    (data_copy / "reference" / "ansan_ev_chargers.csv").unlink()
    with pytest.raises(DataError, match=r"reference/ansan_ev_chargers.csv: 파일이 없습니다"):
        load_reference_layers(data_copy)
    manifest = data_copy / "reference" / "manifest.yaml"
    manifest.write_text(json.dumps({"layers": [{"layer_id": "x"}]}), encoding="utf-8")
    with pytest.raises(DataError, match="레이어 설명에 필수 항목이 없습니다"):
        load_reference_layers(data_copy)


def test_a_folder_without_reference_layers_has_none(tmp_path: Path):
    assert load_reference_layers(tmp_path) == []


def test_a_store_made_from_the_bundled_folder_holds_the_public_layers(tmp_path: Path):
    from geo.store import GeoPackageStore

    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(DATA_DIR)
    stored = {layer.layer_id: layer for layer in store.reference_layers()}
    bundled = {layer.layer_id: layer for layer in load_reference_layers(DATA_DIR)}
    assert {k: v.count for k, v in stored.items()} == {k: v.count for k, v in bundled.items()}
    wifi = stored["public_wifi"]
    assert (wifi.provider, wifi.data_date, wifi.kiosk) == ("안산시청", "2015–2016", False)
    assert stored["rail_stations"].kiosk and "CCTV설치대수" in stored["school_zones"].popup_fields


def test_the_gu_view_counts_each_project_where_it_lies_and_citywide_ones_apart(bundled):
    from geo.analysis import aggregate

    table = aggregate.services_by_place(bundled.services, "gu", boundaries=bundled.boundaries).set_index("gu")["count"]
    placed = bundled.services.loc[bundled.services["location_accuracy"] != "citywide"]
    assert table["상록구"] == int((placed["gu"] == "상록구").sum()) and table["단원구"] == int(
        (placed["gu"] == "단원구").sum()
    )
    assert table[""] == int((bundled.services["location_accuracy"] == "citywide").sum())
    assert table.sum() == len(bundled.services)


def test_every_reported_status_change_has_its_reason_in_english_and_the_briefing_shows_it(bundled):
    history = bundled.status_history
    assert history["reason"].notna().all() and history["reason_en"].notna().all()
    assert not history["reason_en"].str.contains("[가-힣]").any()
    first = history.sort_values("changed_at").iloc[0]
    since = first["changed_at"]
    english = changes_table(history, bundled.services, since, since, "en")
    korean = changes_table(history, bundled.services, since, since, "ko")
    assert first["reason_en"] in english["Reason"].tolist() and first["reason"] in korean["사유"].tolist()


def test_programmes_budget_bases_and_funding_splits_are_as_the_facts_file_gives_them(bundled):
    """parent_id, budget_basis and funding_split carry what projects.yaml records, and only that."""
    services = bundled.services.set_index("service_id")
    for service_id, facts in PROJECT_FACTS.items():
        row = services.loc[service_id]
        assert (row["parent_id"], row["budget_basis"]) == (facts.get("parent"), facts.get("budget_basis")), service_id
        split = parse_funding_split(row["funding_split"]) if row["funding_split"] else {}
        assert split == {k: float(v) for k, v in (facts.get("funding_split") or {}).items()}, service_id
        if split:
            # A split adds up to the reported budget: never a figure of its own.
            assert sum(split.values()) == pytest.approx(row["budget_krw_100m"]), service_id
        if facts.get("budget_basis"):
            assert row["budget_krw_100m"] > 0, service_id
    # PROJECTS.md: #1 is a programme whose parts are #2–#7.
    assert services.index[services["parent_id"] == "ANS-01"].tolist() == [f"ANS-{n:02d}" for n in range(2, 8)]
    assert services.loc[["ANS-13", "ANS-15"], "budget_basis"].tolist() == ["national_share"] * 2
    assert services.loc["ANS-14", "budget_basis"] == "with_other_city"
    assert services.loc["ANS-23", "budget_basis"] == "one_year" and "50:50" in services.loc["ANS-23", "budget_note_ko"]


def test_the_builder_holds_no_reported_fact():
    """Facts live in data/sources/: the builder's code has no address, no outlet and no budget figure."""
    import io
    import tokenize

    code = (PROJECT_ROOT / "scripts" / "build_bundled_data.py").read_text(encoding="utf-8")
    tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    strings = [t.string for t in tokens if t.type == tokenize.STRING]
    numbers = {float(t.string.replace("_", "")) for t in tokens if t.type == tokenize.NUMBER}
    assert not [s for s in strings if re.search(r"https?:|www\.|\.co\.kr|\.go\.kr", s)]
    assert not [s for s in strings if re.search(r"억|\d{4}-\d{2}-\d{2}", s)]
    outlets = source_facts("outlets")["outlets"]
    assert not [s for s in strings if any(outlet in s for outlet in outlets)]
    figures = {
        float(amount)
        for facts in PROJECT_FACTS.values()
        for amount in [facts.get("budget"), *(facts.get("funding_split") or {}).values()]
        if amount
    }
    assert numbers & figures == set()


def _cited(report: dict) -> str:
    return f"{report['outlet']} ({report['date']})"


def test_each_event_is_credited_to_the_report_that_gave_it(bundled):
    """Every dated event of projects.yaml is in the history with its own date, statuses and reporting outlet,
    and English names that outlet in English."""
    history = bundled.status_history
    expected = [
        (service_id, date.fromisoformat(e["date"]), e["old"], e["new"], _cited(e["reported_by"]))
        for service_id, facts in PROJECT_FACTS.items()
        for e in facts["events"]
    ]
    recorded = [
        (r.service_id, r.changed_at, r.old_status, r.new_status, r.changed_by) for r in history.itertuples(index=False)
    ]
    assert sorted(recorded, key=str) == sorted(expected, key=str)
    by = {(r[0], r[1]): r[4] for r in recorded}
    assert by[("ANS-05", date(2025, 6, 19))] == by[("ANS-06", date(2025, 6, 19))] == "경기일보 (2025-06-19)"
    assert by[("ANS-11", date(2022, 10, 25))] == "쿠키뉴스 (2022-10-25)"
    assert by[("ANS-11", date(2023, 11, 10))] == "경인일보 (2023-11-10)"
    assert by[("ANS-19", date(2020, 12, 16))] == "경기매일 (2020-12-16)"
    assert by[("ANS-21", date(2023, 3, 21))] == "서울경제 (2023-03-19)"
    assert by[("ANS-21", date(2024, 7, 4))] == "연합뉴스 (2024-07-04)"
    for service_id in PROJECT_FACTS:
        rows = service_history_rows(history, service_id, "en", _by_id(bundled, service_id))
        assert not [name for name in rows["By"] if HANGUL.search(name)], service_id


def test_an_expansion_of_a_running_service_is_history_without_changing_its_status(bundled):
    """똑버스 ran on 대부도 from 2023-03-21 and was extended on 2024-07-04: both events, 운영 since 2023-03-21."""
    events = bundled.status_history.loc[bundled.status_history["service_id"] == "ANS-21"]
    assert events[["old_status", "new_status"]].fillna("").values.tolist() == [["", "운영"], ["운영", "운영"]]
    later = services_as_of(bundled.services, bundled.status_history, date(2025, 1, 1)).set_index("service_id")
    assert later.loc["ANS-21", "status"] == "운영" and later.loc["ANS-21", "status_since"] == date(2023, 3, 21)
    assert later.loc["ANS-11", "status_since"] == date(2022, 10, 25)


def test_records_give_no_start_year_or_lot_no_source_gives(bundled):
    services = bundled.services.set_index("service_id")
    for service_id in ("ANS-01", "ANS-15"):
        assert pd.isna(services.loc[service_id, "start_year"]), service_id
        assert services.loc[service_id, "end_year"] == PROJECT_FACTS[service_id]["end_year"]
    # ANS-20's source names only 공단삼거리: drawn at its 동, not at ANS-19's lot.
    hub = services.loc["ANS-20"]
    assert hub["location_accuracy"] == "dong" and "지번은 보도되지 않음" in hub["location_ko"]
    assert "lot was not reported" in hub["location_en"]
    assert hub.geometry != services.loc["ANS-19"].geometry
