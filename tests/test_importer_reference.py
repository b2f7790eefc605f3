"""Reference layers from public-data files: coordinates, encodings and CRSs detected; bad rows refused with reasons.

Files are built in code (``tests.fixtures.corpus``): a public-data style CSV of
one point per dong, in UTF-8 and CP949, with 위도/경도 or X/Y (EPSG:5186).
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest

from geo.i18n.problems import label_text
from geo.importer import ImportRejectedError, commit_reference, preview_reference, preview_reference_upload
from geo.settings import BUNDLED_DATA_DIR
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.fixtures.corpus import places, write_points_csv


@pytest.fixture
def store(tmp_path):
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    created.initialise(BUNDLED_DATA_DIR)
    return created


def metres_from_places(points: gpd.GeoDataFrame) -> float:
    expected = places()
    original = gpd.GeoSeries(gpd.points_from_xy(expected["lon"], expected["lat"]), crs=4326).to_crs(5186)
    return float(points.to_crs(5186).geometry.distance(original, align=False).max())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
@pytest.mark.parametrize("columns", ["위도경도", "XY"])
def test_public_data_csv_becomes_a_layer_with_names_intact(store, tmp_path, encoding, columns):
    path = write_points_csv(tmp_path, columns=columns, encoding=encoding)
    before = store.dump()

    preview = preview_reference(path, title="행정복지센터", store=store, today=date(2026, 6, 1))

    assert preview.ok, preview.summary_lines()
    assert store.dump() == before  # nothing changes until confirmed
    layer = preview.layer
    assert layer.count == 25 and not preview.refused.problems
    assert layer.points["시설명"].tolist() == places()["시설명"].tolist()
    assert (layer.name_field, layer.provider, layer.data_date) == ("시설명", "경기도 안산시", "2026-06-15")
    assert layer.source == f"{path.name} (2026-06-01 가져옴)"
    assert metres_from_places(layer.points) < 0.01
    expected_encoding = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "cp949": "CP949"}[encoding]
    assert label_text(preview.encoding) == f"{expected_encoding} (자동 판별)"
    if columns == "XY":
        assert preview.coordinates == ("X좌표", "Y좌표")
        assert label_text(preview.source_crs) == "EPSG:5186 (Korea 2000 / Central Belt 2010) (추정)"
    else:
        assert preview.coordinates == ("경도", "위도") and not preview.crs_guessed


def test_the_layer_keeps_the_english_title_and_licence_given_at_import(store, tmp_path):
    path = write_points_csv(tmp_path)

    given = preview_reference(
        path, title="행정복지센터", title_en=" Community centres ", licence="공공누리 제1유형", store=store
    )
    unsaid = preview_reference(path, title="행정복지센터", store=store)

    assert (given.layer.title_en, given.layer.licence) == ("Community centres", "공공누리 제1유형")
    assert given.layer.title("en") == "Community centres"
    # Without them, English screens fall back to the Korean title and the licence says where the terms are.
    assert unsaid.layer.title("en") == "행정복지센터"
    assert unsaid.layer.licence.startswith("원본 자료의 이용 조건을 따름")
    commit_reference(store, given, user="tester")
    stored = next(layer for layer in store.reference_layers() if layer.title_ko == "행정복지센터")
    assert (stored.title_en, stored.licence) == ("Community centres", "공공누리 제1유형")


def test_bad_rows_are_refused_with_their_reason_and_the_rest_kept(store, tmp_path):
    path = write_points_csv(tmp_path)
    table = pd.read_csv(path, dtype=str)
    table.loc[0, "위도"] = ""  # missing
    table.loc[1, "경도"] = "동쪽"  # not a number
    table.loc[2, ["위도", "경도"]] = table.loc[2, ["경도", "위도"]].to_numpy()  # swapped in one row
    table.loc[3, ["위도", "경도"]] = ["35.1796", "129.0756"]  # Busan
    table.loc[4, ["위도", "경도"]] = ["", ""]  # one row, two empty cells
    table.to_csv(path, index=False)

    preview = preview_reference(path, title="행정복지센터", store=store)

    assert preview.ok
    assert preview.layer.count == 20
    # Rows as the spreadsheet numbers them: the header is row 1, the first record row 2.
    messages = preview.refused.messages()
    assert messages[0] == f"{path.name} 2행 위도: 좌표 값이 비어 있습니다"
    assert messages[1] == f"{path.name} 3행 경도: '동쪽'는 숫자가 아닙니다"
    assert messages[2].startswith(f"{path.name} 4행 경도/위도: 위도와 경도가 서로 바뀌어 있습니다")
    assert messages[3] == f"{path.name} 5행: 안산시 밖의 좌표입니다 (위도 35.17960, 경도 129.07560): 좌표를 확인하세요"
    assert messages[4:] == [
        f"{path.name} 6행 경도: 좌표 값이 비어 있습니다",
        f"{path.name} 6행 위도: 좌표 값이 비어 있습니다",
    ]
    assert preview.refused_counts() == {"좌표 없음": 2, "숫자가 아님": 1, "위도·경도 바뀜": 1, "안산 밖": 1}
    assert "제외한 행 5개 (좌표 없음 2행, 숫자가 아님 1행, 위도·경도 바뀜 1행, 안산 밖 1행):" in preview.summary_lines()


def test_columns_labelled_the_wrong_way_round_are_read_as_meant_and_said(store, tmp_path):
    path = write_points_csv(tmp_path)
    table = pd.read_csv(path, dtype=str).rename(columns={"위도": "경도", "경도": "위도"})
    table.to_csv(path, index=False)

    preview = preview_reference(path, title="행정복지센터", store=store)

    assert preview.ok and preview.layer.count == 25
    assert "'경도' 열에 위도, '위도' 열에 경도가 들어 있어 서로 바꿔 읽었습니다" in preview.note_lines()
    assert metres_from_places(preview.layer.points) < 0.01


def test_same_title_replaces_the_layer_and_a_new_title_adds_one(store, tmp_path):
    path = write_points_csv(tmp_path)
    first = commit_reference(store, preview_reference(path, title="행정복지센터", store=store), user="kim")
    again = preview_reference(path, title="행정복지센터", store=store)
    assert again.replaces == (first.layer, 25)
    second = commit_reference(store, again, user="kim")
    commit_reference(store, preview_reference(path, title="주민센터", store=store), user="kim")

    stored = {layer.title_ko: layer for layer in store.reference_layers()}
    assert second.layer == first.layer and second.rows_removed == 25
    assert stored["행정복지센터"].count == 25 and "주민센터" in stored
    assert stored["행정복지센터"].points["시설명"].tolist() == places()["시설명"].tolist()


def test_unusable_files_are_refused_and_nothing_is_written(store, tmp_path):
    before = store.dump()
    path = write_points_csv(tmp_path)
    no_title = preview_reference(path, title=" ", store=store)
    table = pd.read_csv(path, dtype=str).assign(위도="", 경도="")
    table.to_csv(tmp_path / "empty.csv", index=False)
    empty = preview_reference(tmp_path / "empty.csv", title="빈 자료", store=store)
    no_columns = tmp_path / "names.csv"
    no_columns.write_text("시설명,주소\n가,나\n", encoding="utf-8")
    without = preview_reference(no_columns, title="주소만", store=store)

    assert no_title.report.messages() == [f"{path.name}: 레이어 제목을 적으세요 (예: --title 어린이보호구역)"]
    assert "쓸 수 있는 점이 하나도 없습니다" in empty.report.messages()[0]
    assert (
        "좌표 열이 없습니다: 위도/경도(lat/lon) 열, 또는 X좌표/Y좌표(x/y) 열을 넣으세요" in without.report.messages()[0]
    )
    for preview in (no_title, empty, without):
        with pytest.raises(ImportRejectedError):
            commit_reference(store, preview, user="kim")
    assert store.dump() == before


def test_oversized_upload_is_refused_before_reading(store):
    from geo.importer import UploadLimits

    preview = preview_reference_upload(b"x" * 2048, "big.csv", title="큰 파일", limits=UploadLimits(max_bytes=1024))
    assert preview.report.messages() == [
        "big.csv: 파일 크기 2.0 KB가 한도 1.0 KB를 넘습니다. 필요한 피처만 남기거나 나누어 올리세요"
    ]
