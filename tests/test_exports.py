"""Downloads: Korean headers, Excel-friendly encoding, formula injection neutralised, GeoJSON in WGS84."""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.analysis import aggregate as agg
from geo.analysis.exports import (
    to_csv_bytes,
    to_geojson_bytes,
    to_xlsx_bytes,
    with_vocabulary_labels,
)


@pytest.fixture
def risky() -> pd.DataFrame:
    """Text cells that a spreadsheet would run as formulas, beside numbers that must stay numbers."""
    return pd.DataFrame(
        {
            "name_ko": ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "스마트폴", "a=b"],
            "count": [1, -2, 3, 4, 5, 6, 7, 8],
            "budget_krw_100m": [1.5, -0.5, 0.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    )


EXPECTED_NAMES = ['\'=HYPERLINK("http://x")', "'+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd", "스마트폴", "a=b"]


def test_csv_has_bom_korean_headers_and_neutralised_formulas(risky):
    data = to_csv_bytes(risky)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["서비스명", "서비스 수", "사업비(억원)"]
    assert [row[0] for row in rows[1:]] == EXPECTED_NAMES
    assert [row[1] for row in rows[1:]] == ["1", "-2", "3", "4", "5", "6", "7", "8"]
    assert rows[2][2] == "-0.5"


def test_csv_headers_can_be_overridden(risky):
    data = to_csv_bytes(risky, {"name_ko": "이름"})
    assert data.decode("utf-8-sig").split("\r\n")[0] == "이름,서비스 수,사업비(억원)"


def test_xlsx_reads_back_with_korean_headers_text_cells_and_real_numbers(risky):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(risky, sheet_name="대상지별")))
    sheet = book["대상지별"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["서비스명", "서비스 수", "사업비(억원)"]
    # XML turns a stored CR into LF on reading; the quote in front is what matters.
    assert [row[0] for row in rows[1:]] == [name.replace("\r", "\n") for name in EXPECTED_NAMES]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 10))  # no formula cells
    assert [row[1] for row in rows[1:]] == [1, -2, 3, 4, 5, 6, 7, 8]
    assert sheet.cell(row=3, column=3).value == -0.5 and sheet.cell(row=3, column=3).data_type == "n"


def test_service_table_exports_with_schema_labels_and_without_geometry(demo):
    data = to_csv_bytes(demo.services).decode("utf-8-sig")
    header = data.splitlines()[0].split(",")
    assert header[:3] == ["서비스 ID", "서비스명", "서비스명(영문)"]
    assert "추진 상태" in header and "갱신일" in header and "행정동" in header
    assert "geometry" not in header
    first = next(csv.DictReader(io.StringIO(data)))
    assert first["갱신일"] == str(demo.services["updated_at"].iloc[0])


def test_aggregations_export_with_labelled_values(demo):
    table = with_vocabulary_labels(agg.progress_by_area(demo.services))
    rows = list(csv.reader(io.StringIO(to_csv_bytes(table).decode("utf-8-sig"))))
    assert rows[0][:3] == ["대상지", "전체", "취소"]
    assert [row[0] for row in rows[1:]] == [
        "신길2 공공주택지구",
        "장상 공공주택지구",
        "경기경제자유구역 안산사이언스밸리(ASV)지구",
        "초지역세권 개발",
        "의왕·군포·안산 공공주택지구 (안산 구역)",
        "시 전역",
    ]
    english = with_vocabulary_labels(agg.budget_by_funding(demo.services), "en")
    assert english["funding"].tolist() == [
        "National",
        "Provincial",
        "City",
        "Local (unsplit)",
        "Private",
        "Not reported",
    ]


def test_geojson_is_wgs84_utf8_and_round_trips(demo):
    data = to_geojson_bytes(demo.services)
    assert "그린 스마트 공원".encode() in data
    parsed = json.loads(data)
    assert len(parsed["features"]) == len(demo.services)
    back = gpd.read_file(io.BytesIO(data))
    assert back.crs.to_epsg() == 4326
    assert back["service_id"].tolist() == demo.services["service_id"].tolist()


def test_geojson_reprojects_metric_layers_and_refuses_layers_without_crs():
    metric = gpd.GeoDataFrame({"name": ["안산시청"]}, geometry=[Point(126.8309, 37.3219)], crs="EPSG:4326").to_crs(
        "EPSG:5186"
    )
    lon, lat = json.loads(to_geojson_bytes(metric))["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(126.8309, abs=1e-6) and lat == pytest.approx(37.3219, abs=1e-6)
    with pytest.raises(ValueError, match="crs"):
        to_geojson_bytes(gpd.GeoDataFrame({"name": ["x"]}, geometry=[Point(0, 0)]))


def test_a_geojson_export_of_the_reported_projects_imports_back_with_its_funding_splits(bundled, tmp_path):
    """GDAL writes each funding split as a nested JSON object; the importer reads it back as the same text."""
    from geo.importer import preview_import

    path = tmp_path / "services.geojson"
    path.write_bytes(to_geojson_bytes(bundled.services))
    preview = preview_import(path, "services")
    assert preview.ok, preview.summary_lines()
    back = preview.frame.set_index("service_id")["funding_split"]
    assert back.to_dict() == bundled.services.set_index("service_id")["funding_split"].to_dict()


@pytest.mark.parametrize("text", ["＝1+1", "﹦HYPERLINK(1)", "＋82", "－3", "＠SUM(A1)", "−5", " =1+1", "\u3000＝1"])
def test_formula_look_alikes_are_neutralised(text):
    from geo.analysis.exports import neutralise_formula

    assert neutralise_formula(text) == "'" + text


def test_the_data_sheet_is_named_in_the_readers_language():
    table = pd.DataFrame({"a": [1]})
    assert openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table))).sheetnames == ["데이터"]
    assert openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, lang="en"))).sheetnames == ["Data"]


def test_a_failure_file_says_why_in_the_asked_for_format():
    import pyogrio

    from geo.analysis.exports import failure_file

    korean, english = "파일을 만들지 못했습니다 (사건 번호 AB12CD34)", "The file could not be made (incident AB12CD34)."
    assert failure_file("csv", korean, english).decode("utf-8-sig").splitlines() == [korean, english]
    sheet = openpyxl.load_workbook(io.BytesIO(failure_file("xlsx", korean, english))).active
    assert [c.value for c in sheet["A"]] == ["오류 · Error", korean, english]
    assert json.loads(failure_file("geojson", korean, english))["error"] == {"ko": korean, "en": english}
    pdf = failure_file("pdf", korean, english)
    assert pdf.startswith(b"%PDF-1.4") and b"(incident AB12CD34)" not in pdf and b"\\(incident AB12CD34\\)" in pdf
    gpkg = failure_file("gpkg", korean, english)
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".gpkg") as handle:
        handle.write(gpkg)
        handle.flush()
        assert pyogrio.read_dataframe(handle.name, layer="error")["message"].tolist() == [korean, english]
