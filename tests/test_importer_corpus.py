"""City-shaped files built in code import with every name intact and every dong where it belongs.

Runs in any clone: the corpus (``tests.fixtures.corpus``) is written from the
bundled dongs, Bessel coordinates through an independent datum shift, so a
misread datum (about 300 m) or a misread encoding fails here.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest

from geo.i18n.problems import label_text
from geo.importer import preview_import
from geo.importer.mapping import how_label
from geo.settings import BUNDLED_DATA_DIR
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.fixtures.corpus import ShapefileSpec, dongs, korean_columns, projected, write_geopackage, write_shapefile

TOLERANCE_M = 5.0
NAMES = {
    5186: "EPSG:5186 (Korea 2000 / Central Belt 2010)",
    5179: "EPSG:5179 (Korea 2000 / Unified CS)",
    5174: "EPSG:5174 (Korean 1985 / Modified Central Belt)",
    2097: "EPSG:2097 (Korean 1985 / Central Belt)",
}


@pytest.fixture
def store(tmp_path):
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    created.initialise(BUNDLED_DATA_DIR)
    return created


def farthest_metres(imported: gpd.GeoDataFrame) -> float:
    """The largest distance between an imported dong and the same dong in the bundled data (every vertex)."""
    original = dongs().to_crs(5186).geometry
    return float(imported.to_crs(5186).geometry.hausdorff_distance(original, align=False).max())


SHAPEFILES = [
    (ShapefileSpec(5186), "CP949 (.cpg)", NAMES[5186]),
    (ShapefileSpec(5186, cpg=False), "CP949 (자동 판별, .cpg 없음)", NAMES[5186]),
    (ShapefileSpec(5179, cpg=False), "CP949 (자동 판별, .cpg 없음)", NAMES[5179]),
    (ShapefileSpec(5174, cpg=False), "CP949 (자동 판별, .cpg 없음)", NAMES[5174]),
    (ShapefileSpec(2097), "CP949 (.cpg)", NAMES[2097]),
    (ShapefileSpec(5174, cpg=False, prj="datum-only"), "CP949 (자동 판별, .cpg 없음)", NAMES[5174]),
    (ShapefileSpec(2097, cpg=False, prj="datum-only"), "CP949 (자동 판별, .cpg 없음)", NAMES[2097]),
    (ShapefileSpec(5186, encoding="utf-8"), "UTF-8 (.cpg)", NAMES[5186]),
    (ShapefileSpec(5179, encoding="utf-8", cpg=False), "UTF-8 (자동 판별, .cpg 없음)", NAMES[5179]),
    (ShapefileSpec(5186, cpg=False, prj="none"), "CP949 (자동 판별, .cpg 없음)", NAMES[5186] + " (추정)"),
    (ShapefileSpec(5179, prj="none"), "CP949 (.cpg)", NAMES[5179] + " (추정)"),
    (ShapefileSpec(5174, cpg=False, prj="none"), "CP949 (자동 판별, .cpg 없음)", NAMES[5174] + " (추정)"),
]


@pytest.mark.parametrize(("spec", "encoding", "crs"), SHAPEFILES, ids=[s.label for s, _, _ in SHAPEFILES])
def test_shapefile_imports_with_names_intact_and_within_metres(store, tmp_path, spec, encoding, crs):
    path = write_shapefile(tmp_path, spec)

    preview = preview_import(path, "boundaries", store=store, today=date(2026, 6, 1))

    assert preview.ok, preview.report.messages()
    assert label_text(preview.encoding) == encoding
    assert label_text(preview.source_crs) == crs
    assert preview.crs_guessed == (spec.prj == "none")
    assert preview.frame["name_ko"].tolist() == dongs()["name_ko"].tolist()
    assert preview.frame["boundary_id"].tolist() == dongs()["boundary_id"].tolist()
    assert preview.frame["gu"].tolist() == dongs()["gu"].tolist()
    assert farthest_metres(preview.frame) < TOLERANCE_M
    assert preview.derived["name_ko"].tolist() == ["상록구", "단원구", "안산시"]


def test_datum_only_prj_is_matched_to_its_epsg_code_and_said(store, tmp_path):
    path = write_shapefile(tmp_path, ShapefileSpec(5174, prj="datum-only"))

    preview = preview_import(path, "boundaries", store=store)

    assert any("투영 변수로 EPSG:5174" in note for note in preview.note_lines()), preview.note_lines()
    # Without the match PROJ would only know "a Bessel ellipsoid" and shift everything by about 300 m.
    assert farthest_metres(preview.frame) < TOLERANCE_M


def test_guessed_crs_is_said_to_be_a_guess_and_crs_overrides_it(store, tmp_path):
    path = write_shapefile(tmp_path, ShapefileSpec(2097, prj="none"))

    guessed = preview_import(path, "boundaries", store=store)
    given = preview_import(path, "boundaries", store=store, crs="EPSG:2097")

    note = next(n for n in guessed.note_lines() if n.startswith("파일에 좌표계 정보가 없어"))
    assert "EPSG:5174" in note and "--crs" in note and "EPSG:2097" in note  # the guess and the alternatives
    assert label_text(guessed.source_crs).endswith("(추정)")
    # 2097 and 5174 differ by a central meridian shift: the guess is a few hundred metres off, the override exact.
    assert farthest_metres(guessed.frame) > 100
    assert given.source_crs == NAMES[2097] and not given.crs_guessed
    assert farthest_metres(given.frame) < TOLERANCE_M


def test_geopackage_with_korean_columns_is_mapped_without_help_and_shows_its_defaults(store, tmp_path):
    path = write_geopackage(tmp_path, 5186)

    preview = preview_import(path, "boundaries", store=store, today=date(2026, 6, 1))

    assert preview.ok, preview.report.messages()
    assert preview.mapping == {"행정동코드": "boundary_id", "행정동명": "name_ko", "영문명": "name_en"}
    assert {how_label(how) for how in preview.mapping_how.values()} == {"열 이름으로"}
    assert preview.map_arguments() == "--map 행정동코드=boundary_id --map 행정동명=name_ko --map 영문명=name_en"
    assert set(preview.defaults) == {"boundary_id", "level", "gu", "source", "accuracy"}
    assert preview.default_values()["boundary_id"] == "구분-코드 (예: dong-3109151)"
    assert preview.frame["source"].iloc[0] == f"가져온 파일 {path.name} (2018년 기준, 2026-06-01 가져옴)"
    assert set(preview.frame["accuracy"]) == {"official"}
    assert preview.frame["name_ko"].tolist() == dongs()["name_ko"].tolist()
    assert farthest_metres(preview.frame) < TOLERANCE_M
    lines = "\n".join(preview.summary_lines())
    assert "좌표계: EPSG:5186" in lines and "열 매핑: 행정동코드 → boundary_id (열 이름으로)" in lines
    assert "명령줄로 같은 매핑: --map 행정동코드=boundary_id" in lines and "level = 코드 자릿수로 판단" in lines
    assert "'기준연도' 열의 2018을 자료의 기준 연도로 출처에 적었습니다" in preview.note_lines()


def test_columns_with_unhelpful_names_are_recognised_by_content(store, tmp_path):
    table = korean_columns(projected(dongs(), 5186)).rename(columns={"행정동명": "FIELD_1", "행정동코드": "FIELD_2"})
    path = tmp_path / "export.gpkg"
    table.to_file(path, engine="pyogrio")

    preview = preview_import(path, "boundaries", store=store)

    assert preview.ok, preview.report.messages()
    assert {s: how_label(h) for s, h in preview.mapping_how.items()} == {
        "영문명": "열 이름으로",
        "FIELD_1": "내용으로",
        "FIELD_2": "내용으로",
    }
    english = "\n".join(preview.summary_lines(lang="en"))
    assert "FIELD_1 → name_ko (by its content)" in english and "영문명 → name_en (by its name)" in english
    assert preview.frame["boundary_id"].iloc[0] == "dong-3109151"


# --- each failure mode says what to do ---------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:One or several characters couldn't be converted")
def test_undecidable_encoding_asks_for_one(store, tmp_path):
    frame = korean_columns(projected(dongs(), 5186), ascii_names=True)
    frame["ADM_NM"] = "ÿþÿþ" + frame["ADM_NM"].str.len().astype(str)  # Latin-1 bytes: neither UTF-8 nor CP949
    path = tmp_path / "latin.shp"
    frame.to_file(path, engine="pyogrio", encoding="latin1")
    path.with_suffix(".cpg").unlink(missing_ok=True)

    preview = preview_import(path, "boundaries", store=store)

    [message] = preview.report.messages()
    assert "문자 인코딩을 판별할 수 없습니다" in message and "--encoding cp949" in message
    assert (
        label_text(preview_import(path, "boundaries", store=store, encoding="cp949").encoding) == "CP949 (사용자 지정)"
    )


def test_no_crs_and_no_guess_asks_for_the_crs(store, tmp_path):
    frame = korean_columns(projected(dongs(), 5186))
    frame.geometry = frame.geometry.translate(400_000, 0)  # somewhere off the east coast in every Korean CRS
    path = tmp_path / "nowhere.shp"
    frame.to_file(path, engine="pyogrio", encoding="cp949")
    path.with_suffix(".prj").unlink()

    [message] = preview_import(path, "boundaries", store=store).report.messages()

    assert "좌표 범위" in message and "추정할 수 없습니다" in message
    assert ".prj 파일을 함께 압축해 올리거나" in message and "--crs EPSG:5186" in message


def test_no_recognisable_name_column_names_what_is_missing_and_how_to_map_it(store, tmp_path):
    frame = gpd.GeoDataFrame({"값": range(25)}, geometry=projected(dongs(), 5186).geometry.values, crs=5186)
    path = tmp_path / "shapes.gpkg"
    frame.to_file(path, engine="pyogrio")

    [message] = preview_import(path, "boundaries", store=store).report.messages()

    assert "필수 열 1개를 찾지 못했습니다: 'name_ko'(이름)" in message
    assert "--map 열이름=name_ko" in message and "매핑되지 않은 파일의 열: 값" in message


def test_boundaries_that_would_leave_stored_services_outside_the_city_are_refused(store, tmp_path):
    before = store.path.read_bytes()
    sangnok_only = dongs().loc[lambda d: d["gu"] == "상록구"]
    path = write_shapefile(tmp_path, ShapefileSpec(5186), frame=sangnok_only)

    preview = preview_import(path, "boundaries", store=store)

    [message] = preview.report.messages()
    assert message.startswith(f"{path.name} geometry: 이 경계로 바꾸면 저장된 서비스 ")
    assert "개가 안산시 경계 밖에 놓입니다" in message and "경계 파일의 좌표계와 범위를 확인하세요" in message
    assert store.path.read_bytes() == before


def test_level_comes_from_the_codes_when_gu_rows_are_in_the_file(store, tmp_path):
    frame = korean_columns(projected(dongs(), 5186))
    gu = frame.dissolve(by=frame["행정동코드"] // 100).reset_index(drop=True)
    gu["행정동명"] = ["상록구", "단원구"]
    gu["행정동코드"] = [31091, 31092]
    path = tmp_path / "mixed.gpkg"
    pd.concat([frame, gu], ignore_index=True).to_file(path, engine="pyogrio")

    preview = preview_import(path, "boundaries", store=store)

    assert preview.ok, preview.report.messages()
    assert preview.frame["level"].value_counts().to_dict() == {"dong": 25, "gu": 2}
    assert preview.default_values()["level"].startswith("코드 자릿수로 판단")
    assert preview.frame["boundary_id"].tolist()[-2:] == ["gu-31091", "gu-31092"]
    assert preview.derived is None  # gu rows are in the file: nothing to derive


@pytest.mark.parametrize("blank", [None, ""])
def test_the_reference_year_comes_from_the_first_filled_record(store, tmp_path, blank):
    table = korean_columns(projected(dongs(), 5186))
    table["기준연도"] = table["기준연도"].astype(object)
    table.loc[table.index[0], "기준연도"] = blank
    path = tmp_path / "경계.gpkg"
    table.to_file(path, engine="pyogrio")

    preview = preview_import(path, "boundaries", store=store, today=date(2026, 6, 1))

    assert preview.ok, preview.report.messages()
    assert preview.frame["source"].iloc[0] == f"가져온 파일 {path.name} (2018년 기준, 2026-06-01 가져옴)"
    assert "'기준연도' 열의 2018을 자료의 기준 연도로 출처에 적었습니다" in preview.note_lines()
