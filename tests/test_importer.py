"""Import pipeline: real reference files, tables with coordinates, column mapping, and broken inputs.

Every broken input gets a specific Korean message and leaves the store as it was
(file bytes for the GeoPackage, a dump of every table on both backends).
"""

from __future__ import annotations

import io
import json
import sqlite3
import tomllib
import uuid
import zipfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.i18n import localized_column
from geo.i18n.problems import label_text
from geo.importer import (
    MB,
    ImportRejectedError,
    UploadLimits,
    check_upload,
    commit_import,
    parse_mapping,
    preview_import,
    preview_upload,
)
from geo.importer.mapping import how_label
from geo.model.vocab import AREA_TERMS
from geo.store import STORE_FILE_NAME, GeoPackageStore, PostgisStore, StoreError
from tests.conftest import DEMO_DIR, PROJECT_ROOT, REFERENCE_DIR, postgis_url

ADMDONG_GEOJSON = REFERENCE_DIR / "ansan_admdong.geojson"
ADMDONG_ZIP = REFERENCE_DIR / "ansan_admdong_epsg5179_cp949.zip"
needs_reference = pytest.mark.skipif(
    not ADMDONG_GEOJSON.exists() or not ADMDONG_ZIP.exists(),
    reason=f"참조 자료 폴더 {REFERENCE_DIR}가 없습니다 (shared/reference 옆에서 실행하세요)",
)

BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)]
STATUSES = "계획, 설계, 구축, 운영, 보류, 취소"


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
        created.initialise(DEMO_DIR)
        yield created
        return
    url = postgis_url()
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    created = PostgisStore(url, schema=schema)
    created.initialise(DEMO_DIR)
    yield created
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def gpkg_store(tmp_path):
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    created.initialise(DEMO_DIR)
    return created


def hows(preview, lang: str = "ko") -> dict[str, str]:
    """How each file column was mapped, in ``lang``."""
    return {source: how_label(how, lang) for source, how in preview.mapping_how.items()}


def service_features(count: int = 3) -> list[dict]:
    """The first ``count`` bundled services as GeoJSON features."""
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    return collection["features"][:count]


def write_geojson(path: Path, features: list[dict], **extra: object) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", **extra, "features": features}, ensure_ascii=False))
    return path


def point_services_table() -> pd.DataFrame:
    services = gpd.read_file(DEMO_DIR / "services.geojson")
    points = services.loc[services.geom_type == "Point"].head(4).reset_index(drop=True)
    table = pd.DataFrame(points.drop(columns="geometry"))
    table["lon"] = points.geometry.x
    table["lat"] = points.geometry.y
    return table


def assert_refused(store, preview, expected_message: str, before_dump, before_bytes=None) -> None:
    """The preview is invalid with ``expected_message``; commit refuses; nothing changed."""
    assert not preview.ok
    assert expected_message in preview.report.messages()[0], preview.report.messages()
    with pytest.raises(ImportRejectedError, match="저장하지 않았습니다"):
        commit_import(store, preview, user="kim")
    assert store.dump() == before_dump
    if before_bytes is not None:
        assert store.path.read_bytes() == before_bytes


# --- real reference data ---------------------------------------------------------------------------------


@needs_reference
def test_reference_geojson_and_cp949_shapefile_give_the_same_dongs(store):
    from_geojson = preview_import(ADMDONG_GEOJSON, "boundaries", store=store)
    from_zip = preview_import(ADMDONG_ZIP, "boundaries", store=store)

    for preview in (from_geojson, from_zip):
        assert preview.ok, preview.report.messages()
        assert preview.feature_count == 25
        assert preview.frame.crs.to_epsg() == 4326
        first = preview.frame.iloc[0]
        assert (first["boundary_id"], first["name_ko"], first["gu"], first["level"]) == (
            "dong-3109151",
            "일동",
            "상록구",
            "dong",
        )
        assert preview.frame["gu"].value_counts().to_dict() == {"상록구": 13, "단원구": 12}
    assert "좌표계 EPSG:5179 (Korea 2000 / Unified CS)를 EPSG:4326(WGS 84)으로 변환했습니다" in from_zip.note_lines()
    # An English screen reads the same note in English.
    converted = "The CRS EPSG:5179 (Korea 2000 / Unified CS) was converted to EPSG:4326 (WGS 84)"
    assert converted in from_zip.note_lines("en")
    assert from_zip.encoding == "CP949 (.cpg)"
    assert from_geojson.frame["name_ko"].tolist() == from_zip.frame["name_ko"].tolist()
    assert from_geojson.frame["boundary_id"].tolist() == from_zip.frame["boundary_id"].tolist()
    # Through EPSG:5179 and back, in metres: the outlines agree to well under a millimetre.
    # (The shapefile has single-part dongs as Polygon where the GeoJSON says MultiPolygon.)
    geojson_m, zip_m = from_geojson.frame.to_crs(5186).geometry, from_zip.frame.to_crs(5186).geometry
    assert geojson_m.hausdorff_distance(zip_m).max() < 0.001
    assert geojson_m.symmetric_difference(zip_m).area.max() < 0.001
    assert from_zip.frame.geom_type.value_counts().to_dict() == {"Polygon": 24, "MultiPolygon": 1}
    metric = from_geojson.frame.to_crs(5186).area.sum() / 1e6
    assert metric == pytest.approx(163.2, abs=0.2)


@needs_reference
def test_committing_reference_dongs_derives_gu_and_city_and_reassigns_services(store):
    preview = preview_import(ADMDONG_ZIP, "boundaries", store=store, today=date(2026, 6, 1))
    assert preview.derived["boundary_id"].tolist() == ["gu-31091", "gu-31092", "city-31090"]

    result = commit_import(store, preview, mode="replace", user="kim")

    assert (result.rows_written, result.rows_removed) == (28, 28)
    data = store.read_data()
    assert data.boundaries["level"].value_counts().to_dict() == {"dong": 25, "gu": 2, "city": 1}
    assert set(data.boundaries["source"]) == {
        "가져온 파일 ansan_admdong_epsg5179_cp949.zip (2026-06-01 가져옴)",
        "가져온 파일 ansan_admdong_epsg5179_cp949.zip (2026-06-01 가져옴)의 행정동을 합쳐 만든 경계",
    }
    svc = data.services.set_index("service_id")
    assert (svc.loc["SVC-002", "gu"], svc.loc["SVC-002", "dong"]) == ("단원구", "신길동")
    assert (data.services["dong"] != "").all()


# --- tables, mapping -----------------------------------------------------------------------------------


def test_csv_with_korean_headers_is_mapped_and_the_mapping_remembered(store, tmp_path):
    table = point_services_table().rename(columns={"name_ko": "사업명", "status": "추진상태"})
    path = tmp_path / "services_cp949.csv"
    table.to_csv(path, index=False, encoding="cp949")

    preview = preview_import(
        path, "services", store=store, mapping=parse_mapping(["사업명=name_ko", "추진상태=status"])
    )

    assert preview.ok, preview.report.messages()
    assert preview.feature_count == 4
    assert preview.frame["name_ko"].tolist() == table["사업명"].tolist()
    assert preview.frame.geometry.iloc[0].equals_exact(shapely.Point(table["lon"][0], table["lat"][0]), 1e-9)
    commit_import(store, preview, mode="replace", user="kim")
    assert store.column_mapping("services") == {"사업명": "name_ko", "추진상태": "status"}

    again = preview_import(path, "services", store=store)  # no mapping given: the remembered one applies
    assert again.ok
    assert again.mapping == {"사업명": "name_ko", "추진상태": "status"}


def test_xlsx_with_projected_xy_guesses_the_crs_and_says_so_or_uses_the_given_one(store, tmp_path):
    table = point_services_table()
    projected = gpd.GeoSeries(gpd.points_from_xy(table["lon"], table["lat"]), crs=4326).to_crs(5186)
    table = table.drop(columns=["lon", "lat"]).assign(x=projected.x, y=projected.y)
    path = tmp_path / "services.xlsx"
    table.to_excel(path, index=False)

    guessed = preview_import(path, "services", store=store)
    assert guessed.ok, guessed.report.messages()
    assert guessed.crs_guessed
    assert label_text(guessed.source_crs) == "EPSG:5186 (Korea 2000 / Central Belt 2010) (추정)"
    assert label_text(guessed.source_crs, "en") == "EPSG:5186 (Korea 2000 / Central Belt 2010) (guessed)"
    assert any(
        n.startswith("파일에 좌표계 정보가 없어 좌표 범위로 EPSG:5186") and "--crs" in n for n in guessed.note_lines()
    )
    preview = preview_import(path, "services", store=store, crs="EPSG:5186")
    assert preview.ok, preview.report.messages()
    assert not preview.crs_guessed
    assert guessed.frame.geometry.geom_equals_exact(preview.frame.geometry, 1e-9).all()
    assert (
        "좌표계 EPSG:5186 (Korea 2000 / Central Belt 2010)를 EPSG:4326(WGS 84)으로 변환했습니다" in preview.note_lines()
    )
    original = point_services_table()
    assert abs(preview.frame.geometry.x - original["lon"]).max() < 1e-7
    assert abs(preview.frame.geometry.y - original["lat"]).max() < 1e-7


def test_table_problems_are_reported_by_row(store, tmp_path):
    table = point_services_table().astype({"lon": object})
    table.loc[2, "lon"] = "abc"
    table.loc[1, "status"] = "완료"
    path = tmp_path / "bad.csv"
    table.to_csv(path, index=False)

    preview = preview_import(path, "services", store=store)

    assert preview.report.messages() == ["bad.csv 4행 lon: 'abc'는 숫자가 아닙니다"]  # spreadsheet row
    table.loc[2, "lon"] = point_services_table().loc[2, "lon"]
    table.to_csv(path, index=False)
    assert preview_import(path, "services", store=store).report.messages() == [
        f"bad.csv 3행 status: '완료'는 허용되지 않는 값입니다 (허용: {STATUSES})"
    ]


def test_append_of_new_services_and_refusal_of_existing_ids(store, tmp_path):
    features = service_features(2)
    features[0]["properties"]["service_id"] = "SVC-901"
    preview = preview_import(write_geojson(tmp_path / "mixed.geojson", features), "services", store=store)
    assert preview.ok
    assert preview.ids_in_store == ["SVC-002"]
    before = store.dump()
    with pytest.raises(StoreError, match="1개의 ID가 이미 저장소에 있습니다: SVC-002"):
        commit_import(store, preview, mode="append", user="kim")
    assert store.dump() == before

    count = len(store.read_data().services)
    only_new = preview_import(write_geojson(tmp_path / "new.geojson", features[:1]), "services", store=store)
    result = commit_import(store, only_new, mode="append", user="kim")
    assert (result.rows_written, result.rows_removed) == (1, 0)
    services = store.read_data().services
    assert len(services) == count + 1
    assert services["service_id"].iloc[-1] == "SVC-901"


def test_invalid_area_is_repaired_with_a_note(store, tmp_path):
    collection = json.loads((DEMO_DIR / "areas.geojson").read_text(encoding="utf-8"))
    # A bow-tie inside 신길2: two triangles meeting at a point.
    collection["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[126.770, 37.330], [126.775, 37.335], [126.775, 37.330], [126.770, 37.335], [126.770, 37.330]]
        ],
    }
    path = write_geojson(tmp_path / "areas.geojson", collection["features"])

    preview = preview_import(path, "areas", store=store)

    assert preview.ok, preview.report.messages()
    assert "올바르지 않은 도형 1개를 자동 보정했습니다 (1번째 피처)" in preview.note_lines()
    assert preview.frame.geometry.iloc[0].geom_type == "MultiPolygon"


# --- broken inputs -----------------------------------------------------------------------------------------


def test_bad_json_is_reported_with_its_line(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature",, }\n]}')
    preview = preview_import(path, "services", store=store)
    assert preview.report.messages() == [
        "broken.geojson: GeoJSON(JSON) 문법 오류: 3행 22열 근처 (Expecting property name enclosed in double quotes). "
        "텍스트 편집기나 QGIS에서 파일을 고친 뒤 다시 올리세요"
    ]
    assert_refused(store, preview, "문법 오류", before, raw)


def test_projected_coordinates_declared_as_wgs84_are_refused(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    features = service_features(3)
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"] if feature["geometry"]["type"] == "Point" else (126.8, 37.3)
        x, y = gpd.GeoSeries([shapely.Point(lon, lat)], crs=4326).to_crs(5186).iloc[0].coords[0]
        feature["geometry"] = {"type": "Point", "coordinates": [x, y]}
    path = write_geojson(tmp_path / "wrong_crs.geojson", features)  # no crs member: RFC 7946 says WGS 84

    preview = preview_import(path, "services", store=store)

    message = preview.report.messages()[0]
    assert message.startswith("wrong_crs.geojson: 좌표 값이 경위도 범위를 벗어납니다 (x 1")
    assert "좌표는 투영 좌표(예: EPSG:5186, 5179)로 보입니다" in message
    assert message.endswith("좌표계를 지정하세요 (화면의 좌표계 선택, 명령줄: --crs EPSG:5186)")
    fixed = preview_import(path, "services", store=store, crs="EPSG:5186")  # read as what the numbers are
    assert fixed.source_crs.startswith("EPSG:5186") and fixed.feature_count == 3
    assert not any("경위도 범위" in m for m in fixed.report.messages())
    assert_refused(store, preview, "경위도 범위를 벗어납니다", before, raw)


def test_all_missing_required_columns_are_named_at_once_with_the_map_line(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    features = service_features(2)
    for feature in features:
        properties = feature["properties"]
        properties["현황"] = properties.pop("status")
        properties["부문코드"] = properties.pop("domain")
        properties["사업명"] = properties.pop("name_ko")  # recognised by its name
    preview = preview_import(write_geojson(tmp_path / "two_missing.geojson", features), "services", store=store)

    assert preview.mapping == {"사업명": "name_ko"}
    assert hows(preview) == {"사업명": "열 이름으로"}
    [message] = preview.report.messages()
    assert message.startswith(
        "two_missing.geojson: 필수 열 2개를 찾지 못했습니다: 'domain'(서비스 분야), 'status'(추진 상태)."
    )
    assert "명령줄: --map 사업명=name_ko --map 열이름=domain --map 열이름=status" in message
    assert "매핑되지 않은 파일의 열:" in message and "현황" in message and "부문코드" in message
    assert_refused(store, preview, "필수 열 2개", before, raw)

    fixed = preview_import(
        tmp_path / "two_missing.geojson", "services", store=store, mapping={"현황": "status", "부문코드": "domain"}
    )
    assert fixed.ok, fixed.report.messages()
    assert hows(fixed) == {"사업명": "열 이름으로", "현황": "지정", "부문코드": "지정"}
    assert hows(fixed, "en") == {"사업명": "by its name", "현황": "as given", "부문코드": "as given"}
    assert fixed.map_arguments() == "--map 사업명=name_ko --map 현황=status --map 부문코드=domain"


def test_unknown_status_is_reported_by_feature_and_field(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    features = service_features(3)
    features[1]["properties"]["status"] = "완료"
    preview = preview_import(write_geojson(tmp_path / "status.geojson", features), "services", store=store)
    assert preview.report.messages() == [
        f"status.geojson 2번째 피처 status: '완료'는 허용되지 않는 값입니다 (허용: {STATUSES})"
    ]
    assert_refused(store, preview, "'완료'는 허용되지 않는 값입니다", before, raw)


def test_self_intersecting_service_zone_is_reported_not_repaired(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    features = service_features(1)
    features[0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [
            [[126.770, 37.330], [126.775, 37.335], [126.775, 37.330], [126.770, 37.335], [126.770, 37.330]]
        ],
    }
    preview = preview_import(write_geojson(tmp_path / "bowtie.geojson", features), "services", store=store)
    assert len(preview.report.problems) == 1
    assert preview.report.messages()[0].startswith(
        "bowtie.geojson 1번째 피처 geometry: 도형이 올바르지 않습니다 (Self-intersection["
    )
    assert_refused(store, preview, "Self-intersection", before, raw)


def test_zip_with_parent_paths_is_refused_before_extraction(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../evil.geojson", json.dumps({"type": "FeatureCollection", "features": service_features(1)}))
    preview = preview_import(path, "services", store=store)
    assert preview.report.messages() == [
        "evil.zip: 압축 파일 안의 경로 '../evil.geojson'이(가) 압축을 푸는 폴더 밖을 가리킵니다 (보안상 거부). "
        "절대 경로나 '../' 없이 파일만 다시 압축해 올리세요"
    ]
    assert not (tmp_path.parent / "evil.geojson").exists()
    assert_refused(store, preview, "폴더 밖을 가리킵니다", before, raw)


def test_zip_with_a_symlink_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("data.geojson")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    assert check_upload(path).messages() == [
        "link.zip: 압축 파일 안의 'data.geojson'은(는) 심볼릭 링크입니다 (보안상 거부). 실제 파일을 넣어 다시 압축하세요"
    ]


def test_oversized_file_is_refused_before_reading(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    path = write_geojson(tmp_path / "big.geojson", service_features(20))
    size_kb = path.stat().st_size / 1024
    preview = preview_import(path, "services", store=store, limits=UploadLimits(max_bytes=1000))
    assert preview.report.messages() == [
        f"big.geojson: 파일 크기 {size_kb:.1f} KB가 한도 1000바이트를 넘습니다. 필요한 피처만 남기거나 나누어 올리세요"
    ]
    assert_refused(store, preview, "한도 1000바이트", before, raw)
    uploaded = preview_upload(path.read_bytes(), "big.geojson", "services", limits=UploadLimits(max_bytes=1000))
    assert uploaded.report.messages() == preview.report.messages()


def test_too_many_features_are_refused(store, tmp_path):
    path = write_geojson(tmp_path / "many.geojson", service_features(12))
    preview = preview_import(path, "services", store=store, limits=UploadLimits(max_features=10))
    assert preview.report.messages() == ["many.geojson: 피처(행)가 12개로 한도 10개를 넘습니다. 나누어 올리세요"]


def test_zip_bomb_is_refused_by_its_compression_ratio(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.geojson", b" " * (20 * 1024 * 1024))
    preview = preview_import(path, "services", store=store)
    message = preview.report.messages()[0]
    assert message.startswith("bomb.zip: 압축 파일 안의 'bomb.geojson'의 압축률이 ")
    assert "배로 비정상적으로 높습니다 (한도 100배, 압축 폭탄 의심)" in message
    assert_refused(store, preview, "압축 폭탄 의심", before, raw)
    smaller_limit = check_upload(path, limits=UploadLimits(max_uncompressed_bytes=10 * 1024 * 1024))
    assert smaller_limit.messages() == [
        "bomb.zip: 압축을 풀면 20.0 MB로 한도 10.0 MB를 넘습니다. 필요한 파일만 나누어 올리세요"
    ]


def test_zip_must_hold_exactly_one_dataset(tmp_path):
    path = tmp_path / "two.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.geojson", "{}")
        archive.writestr("b.geojson", "{}")
    path.write_bytes(buffer.getvalue())
    assert check_upload(path).messages() == [
        "two.zip: 압축 파일 안에 공간 데이터 파일이 2개 있습니다 (a.geojson, b.geojson): 하나만 넣어 다시 압축하세요"
    ]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("roads.shp", b"x")
        archive.writestr("roads.prj", b"x")
    assert check_upload(path).messages() == [
        "two.zip: Shapefile 'roads.shp'에 필요한 .shx, .dbf 파일이 압축 파일에 없습니다: .shp, .shx, .dbf, .prj를 함께 압축하세요"
    ]


def test_unsupported_format_and_bad_mapping(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    assert check_upload(path).messages() == [
        "notes.txt: 지원하지 않는 파일 형식입니다 (.txt). GeoJSON, GeoPackage, 압축한 Shapefile(.zip), CSV, XLSX 중 하나로 올리세요"
    ]
    with pytest.raises(ValueError, match="'원래열=스키마열'") as malformed:
        parse_mapping(["사업명"])
    assert malformed.value.text("en").startswith(
        "The column mapping '사업명' is not in the form 'COLUMN=SCHEMA_COLUMN'"
    )
    preview = preview_import(
        write_geojson(tmp_path / "s.geojson", service_features(1)), "services", mapping={"name_ko": "title"}
    )
    assert preview.report.messages()[0].startswith(
        "s.geojson name_ko: 매핑 대상 'title'은(는) 스마트서비스의 열이 아닙니다"
    )


def test_service_outside_its_declared_area_is_refused(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    features = service_features(2)
    choji = store.read_layer("areas").set_index("area_id").geometry["choji"]
    features[1]["properties"]["area_id"] = "jangsang"
    features[1]["geometry"] = {"type": "Point", "coordinates": [choji.centroid.x, choji.centroid.y]}
    preview = preview_import(write_geojson(tmp_path / "moved.geojson", features), "services", store=store)
    assert preview.report.messages() == [
        "moved.geojson 2번째 피처 area_id: 대상지가 'jangsang'로 되어 있지만 도형이 그 대상지 경계와 겹치지 않습니다 "
        "(대상지 또는 좌표를 확인하세요)"
    ]
    assert_refused(store, preview, "대상지 경계와 겹치지 않습니다", before, raw)


# --- hostile inputs: each refused with a Korean message, the store byte-identical ----------------------------


def zipped_dongs(tmp_path: Path, compression: int, member_name: str = "dongs") -> Path:
    """The bundled dongs as a zipped EPSG:5186 Shapefile."""
    folder = tmp_path / "shp"
    folder.mkdir()
    dongs = gpd.read_file(DEMO_DIR / "boundaries.geojson").to_crs(5186)
    dongs.rename(columns={"boundary_id": "code"}).to_file(folder / "d.shp", engine="pyogrio")
    archive = tmp_path / f"{member_name[:40]}.zip"
    with zipfile.ZipFile(archive, "w", compression) as bundle:
        for part in sorted(folder.iterdir()):
            bundle.write(part, member_name + part.suffix)
    return archive


def corrupt_member(archive: Path, suffix: str, garbage: bytes) -> None:
    """Overwrite the start of one member's stored data, keeping the zip directory intact."""
    with zipfile.ZipFile(archive) as bundle:
        info = next(i for i in bundle.infolist() if i.filename.endswith(suffix))
    raw = bytearray(archive.read_bytes())
    header = info.header_offset
    name_length, extra_length = (
        int.from_bytes(raw[header + 26 : header + 28], "little"),
        int.from_bytes(raw[header + 28 : header + 30], "little"),
    )
    start = header + 30 + name_length + extra_length
    raw[start : start + len(garbage)] = garbage
    archive.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("compression", "garbage", "kind"),
    [(zipfile.ZIP_STORED, b"\x00" * 64, "BadZipFile"), (zipfile.ZIP_DEFLATED, b"\xff" * 64, "error")],
    ids=["bad-crc", "bad-deflate-data"],
)
def test_damaged_zip_data_is_refused_in_korean(store, tmp_path, compression, garbage, kind):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    archive = zipped_dongs(tmp_path, compression)
    corrupt_member(archive, ".shp", garbage)

    preview = preview_import(archive, "boundaries", store=store)

    assert preview.report.messages() == [
        f"{archive.name}: 압축 파일이 손상되어 'dongs.shp'을(를) 풀 수 없습니다 ({kind}). 원본 파일을 다시 압축해 올리세요"
    ]
    assert_refused(store, preview, "압축 파일이 손상되어", before, raw)


def test_deeply_nested_json_is_refused_in_korean(store, tmp_path):
    before, raw = store.dump(), getattr(store, "path", None) and store.path.read_bytes()
    path = tmp_path / "deep.geojson"
    path.write_text('{"type": "FeatureCollection", "features": ' + "[" * 200_000 + "]" * 200_000 + "}")

    preview = preview_import(path, "services", store=store)

    assert preview.report.messages() == [
        "deep.geojson: GeoJSON(JSON)이 너무 깊이 중첩되어 읽을 수 없습니다 (공간 데이터 파일로 보이지 않습니다). "
        "QGIS 등에서 GeoJSON으로 다시 저장해 올리세요"
    ]
    assert_refused(store, preview, "너무 깊이 중첩", before, raw)


def test_upload_and_zip_member_named_with_90_hangul_characters_import(store, tmp_path):
    long_name = "안산시행정동경계" * 12  # 96 Hangul characters: 288 bytes in UTF-8, over the 255-byte file name limit
    archive = zipped_dongs(tmp_path, zipfile.ZIP_DEFLATED, member_name=long_name)
    before = store.dump()

    preview = preview_upload(archive.read_bytes(), f"{long_name}.zip", "boundaries", store=store)

    assert preview.ok, preview.report.messages()
    assert preview.file_name == f"{long_name}.zip" and preview.feature_count == 28
    assert store.dump() == before


# 100,000 rows is the scale check (tens of seconds: slow, in CI); 1,000 rows keeps the cap and the counts
# in the fast loop.
@pytest.mark.parametrize("rows", [1_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_a_bad_100k_row_file_lists_200_problems_and_counts_the_rest(store, tmp_path, rows):
    table = pd.concat([point_services_table()] * (rows // 4), ignore_index=True)
    table["service_id"] = [f"SVC-{i:06d}" for i in range(len(table))]
    table["status"] = "완료"
    path = tmp_path / "big.csv"
    table.to_csv(path, index=False)

    preview = preview_import(path, "services", store=store)
    lines = preview.summary_lines()

    assert len(table) == rows and len(preview.report.problems) >= rows
    problems = [line for line in lines if line.startswith("  - ")]
    assert len(problems) == 200
    assert f"  … 외 {len(preview.report.problems) - 200:,}개. 종류별 개수:" in lines
    assert f"  {rows:>9,}개  status: '…'는 허용되지 않는 값입니다 (허용: {STATUSES})" in lines
    assert len(lines) < 230


def test_a_60_mb_upload_gets_our_korean_limit_message_not_streamlits(store):
    # Streamlit refuses uploads over server.maxUploadSize with its own English message before our code runs,
    # so its cap is twice ours: every file up to 100 MB reaches the importer and gets the Korean message.
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    ours = UploadLimits().max_bytes
    assert ours == 50 * MB
    assert config["server"]["maxUploadSize"] * MB == 2 * ours
    before = store.dump()

    preview = preview_upload(b"\0" * (60 * MB), "행정동경계.zip", "boundaries", store=store)

    assert preview.report.messages() == [
        "행정동경계.zip: 파일 크기 60.0 MB가 한도 50.0 MB를 넘습니다. 필요한 피처만 남기거나 나누어 올리세요"
    ]
    assert store.dump() == before


def test_directions_and_areas_written_as_their_labels_are_read_as_ids(gpkg_store, tmp_path):
    table = point_services_table()
    table["direction"] = ["시민 중심 체감형 스마트서비스 확대", "Carbon-neutral green smart city", "citizen", None]
    areas = table["area_id"].tolist()
    table["area_id"] = ["시 전역", "시전역", AREA_TERMS[areas[2]].ko.replace(" ", ""), AREA_TERMS[areas[3]].en]
    path = tmp_path / "labels.csv"
    table.to_csv(path, index=False)

    preview = preview_import(path, "services", store=gpkg_store)

    assert preview.ok, preview.summary_lines()
    assert preview.frame["direction"].tolist() == ["citizen", "green", "citizen", None]
    assert preview.frame["area_id"].tolist() == ["citywide", "citywide", areas[2], areas[3]]
    assert "추진 방향(direction): 이름으로 적힌 값 2개를 ID로 바꿨습니다" in " ".join(preview.note_lines())


def test_an_unknown_direction_is_refused_naming_the_korean_labels(gpkg_store, tmp_path):
    table = point_services_table()
    table.loc[1, "direction"] = "친환경"
    path = tmp_path / "direction.csv"
    table.to_csv(path, index=False)

    preview = preview_import(path, "services", store=gpkg_store)

    assert preview.report.messages() == [
        "direction.csv 3행 direction: '친환경'는 허용되지 않는 값입니다 (허용: 시민 중심 체감형 스마트서비스 확대, "
        "디지털 기반 스마트도시 행정 고도화, 탄소중립을 실현하는 그린 스마트도시 조성)"
    ]


def test_xlsx_with_a_merged_title_row_finds_its_header_and_drops_empty_columns(gpkg_store, tmp_path):
    import openpyxl

    table = point_services_table()
    header = ["service_id", "사업명", "domain", "area_id", "추진상태", "updated_at", "lon", "lat", None, "비고"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "2026년 안산시 스마트서비스 현황"
    sheet.merge_cells("A1:J1")
    sheet.append([None] * 10)  # a blank row between the title and the header
    sheet.append(header)
    for _, row in table.iterrows():
        values = [row["service_id"], row["name_ko"], row["domain"], row["area_id"], row["status"]]
        sheet.append([*values, str(row["updated_at"]), row["lon"], row["lat"], None, "메모"])
    path = tmp_path / "titled.xlsx"
    workbook.save(path)

    preview = preview_import(path, "services", store=gpkg_store)

    assert preview.ok, preview.summary_lines()
    assert "제목 행 2개를 건너뛰었습니다 (열 이름은 3행)" in preview.note_lines()
    assert preview.feature_count == len(table)
    assert preview.frame["service_id"].tolist() == table["service_id"].tolist()
    assert preview.columns == [c for c in header if c]
    assert "스키마에 없는 열 1개는 저장하지 않습니다: 비고" in preview.note_lines()

    sheet.cell(row=5, column=5, value="완료")  # the second record, on spreadsheet row 5
    workbook.save(path)
    assert preview_import(path, "services", store=gpkg_store).report.messages() == [
        f"titled.xlsx 5행 status: '완료'는 허용되지 않는 값입니다 (허용: {STATUSES})"
    ]


def test_services_without_a_source_column_get_the_file_and_import_date(gpkg_store, tmp_path):
    path = tmp_path / "새사업.csv"
    point_services_table().drop(columns=["source"], errors="ignore").to_csv(path, index=False)

    preview = preview_import(path, "services", store=gpkg_store, today=date(2026, 7, 1))

    source = "가져온 파일 새사업.csv (2026-07-01 가져옴)"
    english = "Imported file 새사업.csv (imported 2026-07-01)"
    assert preview.ok, preview.summary_lines()
    assert preview.default_values() == {
        "source": f"'{source}' (파일 이름과 가져온 날짜)",
        "source_en": f"'{english}' (같은 출처의 영문)",
    }
    # The value is data (Korean first); why it was filled is worded for an English screen too.
    assert preview.default_values("en")["source"] == f"'{source}' (the file's name and the import date)"
    assert (
        f"기본값: source = '{source}' (파일 이름과 가져온 날짜); source_en = '{english}' (같은 출처의 영문)"
        in preview.summary_lines()
    )
    commit_import(gpkg_store, preview, mode="replace", user="kim")
    stored = gpkg_store.read_layer("services").set_index("service_id")
    assert stored.loc[preview.frame["service_id"], "source"].tolist() == [source] * len(preview.frame)
    # English screens name the same file and date, not the Korean sentence.
    assert localized_column(stored, "source", "en").tolist() == [english] * len(preview.frame)


def test_an_english_source_column_is_imported_and_shown_on_english_screens(gpkg_store, tmp_path):
    """A file may carry the English of its sources (column '출처(영문)'); rows left blank show the Korean one."""
    table = point_services_table()
    table["출처"] = ["경인일보 (2025-04-15)", "뉴스1 (2025-06-19)", "시청 보도자료", "시청 보도자료"]
    table["출처(영문)"] = ["Kyeongin Ilbo (2025-04-15)", "News1 (2025-06-19)", None, None]
    path = tmp_path / "sources.csv"
    table.drop(columns=["source"], errors="ignore").to_csv(path, index=False)

    preview = preview_import(path, "services", store=gpkg_store)
    assert preview.ok, preview.report.messages()
    assert preview.mapping == {"출처": "source", "출처(영문)": "source_en"}
    commit_import(gpkg_store, preview, mode="replace", user="kim")
    stored = gpkg_store.read_data().services.set_index("service_id")
    english = localized_column(stored, "source", "en")
    assert english.tolist() == ["Kyeongin Ilbo (2025-04-15)", "News1 (2025-06-19)", "시청 보도자료", "시청 보도자료"]


def _cp949_services(path: Path) -> Path:
    """Services whose text is stored as CP949 bytes: a GeoPackage written as one, or a GeoJSON saved in CP949."""
    table = point_services_table()
    frame = gpd.GeoDataFrame(
        table.drop(columns=["lon", "lat"]), geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326
    )
    if path.suffix == ".geojson":
        path.write_bytes(frame.to_json(ensure_ascii=False, default=str).encode("cp949"))
        return path
    frame.to_file(path, engine="pyogrio", layer="services")
    with sqlite3.connect(path) as connection:
        # GDAL's R-tree triggers call SpatiaLite functions Python's sqlite has not; the data stays readable.
        for (trigger,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            connection.execute(f'DROP TRIGGER "{trigger}"')
        texts = [c for c in frame.columns if c != "geometry" and pd.api.types.is_string_dtype(frame[c])]
        for fid, *values in connection.execute(f"SELECT fid, {', '.join(texts)} FROM services").fetchall():
            cp949 = [v.encode("cp949") if isinstance(v, str) else v for v in values]
            assignments = ", ".join(f"{c} = CAST(? AS TEXT)" for c in texts)
            connection.execute(f"UPDATE services SET {assignments} WHERE fid = ?", (*cp949, fid))
    return path


@pytest.mark.parametrize(
    ("file_name", "format_text", "redo"),
    [
        (
            "현장조사.gpkg",
            "GeoPackage(.gpkg)의 글자는 UTF-8이어야 합니다",
            "파일을 만든 프로그램에서 UTF-8로 다시 내보내",
        ),
        ("현장조사.geojson", "GeoJSON의 글자는 UTF-8이어야 합니다", "편집기에서 인코딩을 'UTF-8'로 골라 다시 저장해"),
    ],
)
def test_cp949_text_in_a_geopackage_or_geojson_gets_its_own_message_and_reads_as_cp949_when_chosen(
    gpkg_store, tmp_path, file_name, format_text, redo
):
    path = _cp949_services(tmp_path / file_name)
    before = gpkg_store.read_layer("services")

    [message] = preview_import(path, "services", store=gpkg_store).report.messages()
    assert message.startswith(f"{file_name}: 문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다)")
    assert format_text in message and redo in message and "--encoding cp949" in message
    assert ".dbf" not in message
    assert gpkg_store.read_layer("services").equals(before)

    chosen = preview_import(path, "services", store=gpkg_store, encoding="cp949")
    assert chosen.ok, chosen.report.messages()
    assert (
        label_text(chosen.encoding) == "CP949 (사용자 지정)"
        and label_text(chosen.encoding, "en") == "CP949 (as chosen)"
    )
    assert chosen.frame["name_ko"].tolist() == point_services_table()["name_ko"].tolist()


def test_a_utf8_geopackage_keeps_its_hangul_when_cp949_is_chosen(gpkg_store, tmp_path):
    table = point_services_table()
    path = tmp_path / "utf8.gpkg"
    frame = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=4326)
    frame.drop(columns=["lon", "lat"]).to_file(path, engine="pyogrio")
    preview = preview_import(path, "services", store=gpkg_store, encoding="cp949")
    assert preview.ok and label_text(preview.encoding) == "UTF-8 (글자가 UTF-8이라 지정한 CP949 대신 씀)"
    assert label_text(preview.encoding, "en") == "UTF-8 (the text is UTF-8, so it was used instead of the chosen CP949)"
    assert preview.frame["name_ko"].tolist() == table["name_ko"].tolist()


def test_damaged_geopackage_and_a_fake_xlsx_are_named_by_their_upload_name_in_korean():
    gpkg = preview_upload(b"SQLite format 3\x00" + b"\x00" * 2000, "현장조사.gpkg", "services")
    assert gpkg.report.messages() == [
        "현장조사.gpkg: GeoPackage(.gpkg)로 읽을 수 없습니다: 손상되었거나 GeoPackage 형식이 아닙니다. "
        "QGIS에서 열리는지 확인하고 GeoPackage로 다시 저장해 올리세요"
    ]
    xlsx = preview_upload("사업명,경도,위도\n가,126.8,37.3\n".encode(), "사업목록.xlsx", "services")
    (message,) = xlsx.report.messages()
    assert message.startswith("사업목록.xlsx: 읽을 수 있는 엑셀 파일(.xlsx)이 아닙니다")
    assert "zip" not in message
