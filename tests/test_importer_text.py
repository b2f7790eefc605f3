"""Control characters and the column limit (``geo.importer.text``), the empty-geometry message, and what a
spreadsheet export makes of text a store already holds (issue 25: ESC in a name broke the XLSX export)."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import openpyxl
import pytest

from geo.analysis.exports import to_xlsx_bytes
from geo.importer import ImportRejectedError, commit_import, preview_import, preview_reference
from geo.store import GeoPackageStore
from tests.conftest import DEMO_DIR
from tests.test_store import BACKENDS, make_store


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """A store of the demo data on each backend (the refusals below must leave either unchanged)."""
    store, cleanup = make_store(request.param, tmp_path)
    store.initialise(DEMO_DIR)
    yield store
    cleanup()


def digest(store) -> object:
    """The store's whole content: its file's bytes (GeoPackage) or every row (PostGIS)."""
    if isinstance(store, GeoPackageStore):
        return hashlib.sha256(store.path.read_bytes()).hexdigest()
    return store.dump()


def services_geojson(tmp_path: Path, **first_feature: object) -> Path:
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    collection["features"][2]["properties"].update(first_feature)
    path = tmp_path / "services.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("character", "named"), [("\x00", "NUL(0x00)"), ("\x07", "BEL(0x07)"), ("\x1b", "ESC(0x1B)"), ("\x7f", "DEL(0x7F)")]
)
def test_a_services_file_with_a_control_character_is_refused_and_the_store_is_unchanged(
    store, tmp_path, character, named
):
    before = digest(store)
    path = services_geojson(tmp_path, name_ko=f"스마트{character}[31m 버스정류장")
    preview = preview_import(path, "services", store=store)
    assert not preview.ok
    (problem,) = preview.report.problems
    assert (problem.file, problem.row, problem.field) == ("services.geojson", 3, "name_ko")
    assert f"보이지 않는 제어 문자 {named}가 들어 있습니다" in problem.message
    with pytest.raises(ImportRejectedError):
        commit_import(store, preview, mode="replace", user="kim")
    assert digest(store) == before
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(store.read_data().services)))
    assert workbook.active.max_row == len(store.service_versions()) + 1


def test_a_csv_names_the_spreadsheet_row_and_a_header_with_a_control_character(tmp_path):
    path = tmp_path / "services.csv"
    path.write_text("service_id,name_ko,status\nA-1,정상,운영\nA-2,벨\x07소리,운영\n", encoding="utf-8")
    (problem,) = preview_import(path, "services").report.problems
    assert (problem.row, problem.field, problem.unit) == (3, "name_ko", "행")
    path.write_text("service_id,name\x1b_ko,status\nA-1,정상,운영\n", encoding="utf-8")
    (problem,) = preview_import(path, "services").report.problems
    assert problem.field == "name\\x1b_ko" and problem.message.startswith("열 이름에 보이지 않는 제어 문자 ESC(0x1B)")


def test_tabs_and_line_breaks_are_ordinary_text_and_a_wrapped_header_is_read_as_one_line(tmp_path):
    path = tmp_path / "주차장.csv"
    path.write_text('이름,"위\n도",경도,설명\n공영주차장,37.3,126.8,"1층\t2층\n지하"\n', encoding="utf-8")
    preview = preview_reference(path, title="주차장")
    assert preview.ok, preview.report.messages()
    assert "줄바꿈이 있는 열 이름 '위\\x0a도'을(를) '위 도'(으)로 읽었습니다" in preview.note_lines()
    assert "The column name '위\\x0a도' holding a line break was read as '위 도'" in preview.note_lines("en")


def test_a_reference_layer_with_a_control_character_or_ten_thousand_columns_is_refused(store, tmp_path):
    before = digest(store)
    path = tmp_path / "cctv.csv"
    path.write_text("이름,위도,경도\n카메라\x1b,37.3,126.8\n", encoding="utf-8")
    (problem,) = preview_reference(path, title="CCTV", store=store).report.problems
    assert (problem.row, problem.field) == (2, "이름") and "ESC(0x1B)" in problem.message
    wide = tmp_path / "wide.csv"
    header = ["위도", "경도", *(f"열{n}" for n in range(9_998))]
    wide.write_text(",".join(header) + "\n" + ",".join(["37.3", "126.8", *["x"] * 9_998]) + "\n", encoding="utf-8")
    (problem,) = preview_reference(wide, title="넓은 표", store=store).report.problems
    assert problem.message == "열이 10,000개로 한도 500개를 넘습니다. 필요한 열만 남겨 다시 저장해 올리세요"
    assert digest(store) == before


def test_an_empty_geometry_is_named_as_such_not_as_out_of_range(tmp_path):
    collection = json.loads((DEMO_DIR / "areas.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:1]
    collection["features"][0]["geometry"] = {"type": "Polygon", "coordinates": []}
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    (problem,) = preview_import(path, "areas").report.problems
    assert problem.message == "도형이 비어 있습니다 (좌표가 하나도 없는 Polygon): 파일에서 이 피처를 그리거나 지우세요"


def test_a_reference_point_without_coordinates_is_left_out_with_its_reason(tmp_path):
    features = [
        {"type": "Feature", "properties": {"이름": "빈 점"}, "geometry": {"type": "Point", "coordinates": []}},
        {
            "type": "Feature",
            "properties": {"이름": "정류장"},
            "geometry": {"type": "Point", "coordinates": [126.8, 37.3]},
        },
    ]
    path = tmp_path / "stops.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))
    with pytest.warns(RuntimeWarning):  # GDAL's own note about the empty coordinate list
        preview = preview_reference(path, title="정류장")
    assert preview.ok and preview.layer is not None and preview.layer.count == 1
    (problem,) = preview.refused.problems
    assert problem.row == 1 and problem.message.startswith("도형이 없거나 비어 있습니다")


@pytest.mark.parametrize("arrow", [False, True])
def test_validation_refuses_a_control_character_in_any_text_column(demo, arrow):
    """The schema's check, whatever the path (import, the editor): the fast paths leave such a cell to it."""
    from geo.model.schema import SERVICES
    from geo.model.validation import validate_frame

    frame = demo.services.head(3).copy()
    frame["name_ko"] = ["정상", "탭\t과 줄\n바꿈", "종\x07소리"]
    if arrow:
        frame["name_ko"] = frame["name_ko"].astype("string[pyarrow]")
    typed, report = validate_frame(frame, SERVICES, "services.csv")
    (problem,) = report.problems
    assert (problem.row, problem.field) == (3, "name_ko")
    assert problem.message.startswith("보이지 않는 제어 문자 BEL(0x07)가 들어 있습니다 ('종\\x07소리')")
    assert typed["name_ko"].iloc[1] == "탭\t과 줄\n바꿈"


def test_xlsx_export_of_text_a_store_already_holds_shows_control_characters_as_replacement(store):
    services = store.read_data().services
    services.loc[services.index[0], "name_ko"] = "옛\x1b이름"
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(services)))
    names = [row[1].value for row in workbook.active.iter_rows(min_row=2)]
    assert "옛\ufffd이름" in names
