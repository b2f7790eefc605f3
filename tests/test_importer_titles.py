"""Tables with title rows above the header (with or without Excel's padding commas), for services and reference
layers; a record with more values than its header refused in Korean; what "replace" removes, with the count.

Every file is built here, in code.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.importer import ImportPreview, commit_reference, preview_import, preview_reference
from geo.settings import BUNDLED_DATA_DIR
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import DEMO_DIR
from tests.fixtures.corpus import places

TITLES = ("안산시 CCTV 현황", "", "기준일: 2026-06-15")
STATUSES = "계획, 설계, 구축, 운영, 보류, 취소"


@pytest.fixture
def demo_store(tmp_path: Path) -> GeoPackageStore:
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    created.initialise(DEMO_DIR)
    return created


@pytest.fixture
def bundled_store(tmp_path: Path) -> GeoPackageStore:
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    created.initialise(BUNDLED_DATA_DIR)
    return created


def titled_csv(path: Path, table: pd.DataFrame, *, padded: bool, encoding: str = "utf-8") -> Path:
    """``table`` as a CSV under the title lines, padded with commas to the header's width as Excel writes
    them, or without (as a hand-edited or exported report has them)."""
    commas = "," * (len(table.columns) - 1) if padded else ""
    titles = "".join(f"{line}{commas}\n" for line in TITLES)
    path.write_bytes((titles + table.to_csv(index=False)).encode(encoding))
    return path


def service_table() -> pd.DataFrame:
    services = gpd.read_file(DEMO_DIR / "services.geojson")
    points = services.loc[services.geom_type == "Point"].head(4).reset_index(drop=True)
    table = pd.DataFrame(points.drop(columns="geometry"))
    table["lon"], table["lat"] = points.geometry.x, points.geometry.y
    return table


def public_points() -> pd.DataFrame:
    table = places()
    return pd.DataFrame(
        {"시설명": table["시설명"], "위도": table["lat"], "경도": table["lon"], "제공기관명": "경기도 안산시"}
    )


@pytest.mark.parametrize("encoding", ["utf-8", "cp949"])
@pytest.mark.parametrize("padded", [False, True], ids=["title-lines", "padded-title-rows"])
def test_a_services_csv_finds_its_header_below_title_lines(demo_store, tmp_path, padded, encoding):
    table = service_table()
    path = titled_csv(tmp_path / "현황.csv", table, padded=padded, encoding=encoding)

    preview = preview_import(path, "services", store=demo_store)

    assert preview.ok, preview.summary_lines()
    assert "제목 행 3개를 건너뛰었습니다 (열 이름은 4행)" in preview.note_lines()
    assert "3 title rows were skipped (the column names are in row 4)" in preview.note_lines("en")
    assert preview.frame["service_id"].tolist() == table["service_id"].tolist()

    table.loc[1, "status"] = "완료"  # the second record: spreadsheet row 6 (3 titles, the header, the first)
    titled_csv(path, table, padded=padded, encoding=encoding)
    assert preview_import(path, "services", store=demo_store).report.messages() == [
        f"현황.csv 6행 status: '완료'는 허용되지 않는 값입니다 (허용: {STATUSES})"
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp949"])
@pytest.mark.parametrize("padded", [False, True], ids=["title-lines", "padded-title-rows"])
def test_a_public_data_csv_becomes_a_reference_layer_below_its_title_lines(bundled_store, tmp_path, padded, encoding):
    table = public_points().astype({"위도": object})
    table.loc[0, "위도"] = ""  # the first record, on spreadsheet row 5
    path = titled_csv(tmp_path / "cctv.csv", table, padded=padded, encoding=encoding)

    preview = preview_reference(path, title="CCTV", store=bundled_store, today=date(2026, 6, 1))

    assert preview.ok, preview.summary_lines()
    assert preview.layer is not None and preview.layer.count == len(table) - 1
    assert preview.layer.name_field == "시설명" and preview.coordinates == ("경도", "위도")
    assert "제목 행 3개를 건너뛰었습니다 (열 이름은 4행)" in preview.note_lines()
    assert preview.refused.messages() == ["cctv.csv 5행 위도: 좌표 값이 비어 있습니다"]


def test_a_public_data_xlsx_becomes_a_reference_layer_below_its_title_row(bundled_store, tmp_path):
    import openpyxl

    table = public_points()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "안산시 행정복지센터 현황"
    sheet.append([None] * len(table.columns))
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet.append(list(row))
    path = tmp_path / "센터.xlsx"
    workbook.save(path)

    preview = preview_reference(path, title="행정복지센터", store=bundled_store)

    assert preview.ok, preview.summary_lines()
    assert preview.layer is not None and preview.layer.count == len(table)
    assert "제목 행 2개를 건너뛰었습니다 (열 이름은 3행)" in preview.note_lines()


@pytest.mark.parametrize("titles", [0, 3])
def test_a_record_with_more_values_than_the_header_is_refused_in_korean(demo_store, tmp_path, titles):
    table = service_table()
    body = table.to_csv(index=False).splitlines()
    body[2] += ",덧붙은 값"  # the second record: spreadsheet row 3 below the header on row 1
    path = tmp_path / "extra.csv"
    path.write_text("".join(f"{line}\n" for line in TITLES[:titles]) + "\n".join(body) + "\n", encoding="utf-8")
    before = demo_store.dump()

    preview = preview_import(path, "services", store=demo_store)

    assert not preview.ok
    assert preview.report.messages() == [
        f"extra.csv: CSV로 읽을 수 없습니다: {titles + 3}행의 값이 {len(table.columns) + 1}개로 "
        f"열 이름({len(table.columns)}개)보다 많습니다. 따옴표 없이 쉼표가 들어간 값이 있는지 확인하세요"
    ]
    assert demo_store.dump() == before


def test_replace_says_every_stored_row_goes_with_the_counts(demo_store, tmp_path):
    table = service_table()
    table.loc[0, "service_id"] = "NEW-001"
    path = tmp_path / "services.csv"
    table.to_csv(path, index=False)
    stored = len(demo_store.read_data().services)

    preview = preview_import(path, "services", store=demo_store)

    assert preview.replace_notice("스마트서비스") == (
        f"교체하면 저장된 스마트서비스 {stored:,}개를 모두 지우고 이 파일의 4개로 바꿉니다. "
        f"같은 ID 3개는 새 값으로 바뀌고, 파일에 없는 {stored - 3:,}개는 삭제됩니다."
    )
    assert preview.replace_notice("Smart services", "en") == (
        f"Replace removes all {stored:,} stored rows of Smart services and writes the file's 4 in their place. "
        f"3 with the same id get the file's values; {stored - 3:,} not in the file are deleted."
    )
    assert ImportPreview("services", "empty.csv", stored_count=0).replace_notice("스마트서비스") is None


def test_a_reference_layer_of_the_same_title_says_all_its_points_go(bundled_store, tmp_path):
    table = public_points()
    path = tmp_path / "centres.csv"
    table.to_csv(path, index=False)
    first = preview_reference(path, title="행정복지센터", store=bundled_store)
    assert first.replace_notice() is None
    commit_reference(bundled_store, first, user="kim")

    table.head(10).to_csv(path, index=False)
    again = preview_reference(path, title="행정복지센터", store=bundled_store)

    assert again.replace_notice() == (
        f"저장하면 같은 제목의 참고 레이어를 교체합니다: 저장된 점 {len(table)}개를 모두 지우고 이 파일의 점 10개로 "
        "바꿉니다."
    )
    assert again.replace_notice("en").startswith(
        f"Saving replaces the reference layer with the same title: all its {len(table)}"
    )
