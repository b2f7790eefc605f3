"""The pure side of the data-management page: edit diffs, history table, mapping lines, preview map, GPKG export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point, box

from geo.analysis.exports import to_csv_bytes, to_gpkg_bytes
from geo.auth import StaffUser
from geo.data_manager import (
    build_preview_map,
    change_history_table,
    changed_values,
    conflict_message,
    editor_name,
    mapping_choices,
    mapping_from_choices,
    preview_view,
    problems_tables,
    search_services,
    services_table,
)
from geo.html import escape_html, json_for_script, md_text
from geo.importer import ImportPreview, preview_import
from geo.importer.mapping import how_label
from geo.mapping import MapOptions
from geo.model.validation import ValidationReport
from geo.model.vocab import AREA_TERMS, BUDGET_BASIS_TERMS
from geo.settings import DEFAULT_SECRETS_FILE, load_settings
from geo.store import CHANGE_HISTORY_COLUMNS, KST, STORE_FILE_NAME, ConflictError, GeoPackageStore
from tests.conftest import DATA_DIR

HOSTILE = "<img src=x onerror=alert(1)>"


def test_only_fields_the_editor_changed_are_sent():
    loaded = {"status": "계획", "start_year": 2026, "end_year": 2028, "budget_krw_100m": 9.7}
    proposed = {"status": "설계", "start_year": 2026, "end_year": 2028, "budget_krw_100m": 9.70000001}
    assert changed_values(loaded, proposed) == {"status": "설계"}
    assert changed_values(loaded, {**loaded, "end_year": 2029.0}) == {"end_year": 2029.0}


def test_search_finds_by_name_id_and_english_name(bundled):
    services = bundled.services
    first = services.iloc[0]
    assert first["service_id"] in search_services(services, first["service_id"].lower())
    assert first["service_id"] in search_services(services, first["name_ko"][:4])
    assert search_services(services, "   ") == list(services["service_id"])
    assert search_services(services, "없는서비스이름") == []


def test_history_table_has_korean_headers_labels_and_newest_first():
    history = pd.DataFrame(
        [
            ("SVC-1", "status", None, "계획", "2024-03-01", "초기 데이터", "계획 수립", "Plan drawn up", True, "seed"),
            (
                "SVC-1",
                "budget_krw_100m",
                "9.7",
                "12.5",
                "2026-11-26T07:46:12+09:00",
                "김지리(kim_gis)",
                "예산 조정",
                None,
                True,
                "edit",
            ),
        ],
        columns=list(CHANGE_HISTORY_COLUMNS),
    )
    table = change_history_table(history)
    assert list(table.columns) == ["변경 일시", "항목", "이전 값", "새 값", "변경자", "사유", "구분"]
    assert table.iloc[0].tolist() == [
        "2026-11-26 07:46",
        "사업비(억원)",
        "9.7",
        "12.5",
        "김지리(kim_gis)",
        "예산 조정",
        "직접 수정",
    ]
    assert table.iloc[1].tolist() == ["2024-03-01", "추진 상태", "—", "계획", "초기 데이터", "계획 수립", "초기 데이터"]
    english = change_history_table(history, "en")
    assert english.columns[0] == "When" and english.iloc[1]["New value"] == "Planned"
    # A reason has English where the record gives it (reported events); a staff edit's stays as typed.
    assert english["Reason"].tolist() == ["예산 조정", "Plan drawn up"]


def test_mapping_choices_show_the_proposed_mapping_and_send_only_real_choices(tmp_path):
    from tests.fixtures.corpus import write_geopackage

    preview = preview_import(write_geopackage(tmp_path), "boundaries")
    choices = {c.target: c for c in mapping_choices(preview)}
    assert (choices["name_ko"].current, how_label(choices["name_ko"].how), choices["name_ko"].required) == (
        "행정동명",
        "열 이름으로",
        True,
    )
    assert choices["gu"].current == "" and choices["name_ko"].options[0] == ""
    assert set(choices["name_ko"].options[1:]) == {"행정동명", "행정동코드", "영문명", "기준연도"}
    assert mapping_from_choices({"name_ko": "행정동명", "gu": "", "level": "level"}) == {"행정동명": "name_ko"}
    with pytest.raises(ValueError, match="'행정동명'을\\(를\\) 'name_ko'와 'name_en' 두 곳에 골랐습니다") as twice:
        mapping_from_choices({"name_ko": "행정동명", "name_en": "행정동명"})
    assert (
        twice.value.text("en") == "The file's column '행정동명' is chosen for both 'name_ko' and 'name_en': choose one"
    )


def test_long_problem_lists_show_the_first_200_and_counts_by_kind():
    report = ValidationReport()
    for row in range(1, 100_001):
        report.add("big.csv", row, "status", f"'완료{row % 7}'는 허용되지 않는 값입니다", "행")
    report.add("big.csv", 5, "lon", "좌표 값이 비어 있습니다", "행")
    shown, counts = problems_tables(report.problems)
    assert len(shown) == 200 and shown.iloc[0]["문제"] == "'완료1'는 허용되지 않는 값입니다"
    assert counts.values.tolist() == [
        ["status", "'…'는 허용되지 않는 값입니다", 100_000],
        ["lon", "좌표 값이 비어 있습니다", 1],
    ]


def test_markdown_in_data_is_shown_as_text():
    assert md_text("![x](http://evil.example/a.png)") == "\\!\\[x\\]\\(http://evil\\.example/a\\.png\\)"
    assert md_text("SVC_1 *굵게*") == "SVC\\_1 \\*굵게\\*"


def test_editor_name_and_english_conflict_message():
    assert editor_name(StaffUser("kim_gis", "김지리", "h")) == "김지리(kim_gis)"
    assert editor_name(StaffUser("kim_gis", "kim_gis", "h")) == "kim_gis"
    error = ConflictError("SVC-001", 1, 2, "이지도(lee_map)", datetime(2026, 3, 2, 9, 30, tzinfo=KST))
    assert conflict_message(error, "ko") == str(error)
    assert conflict_message(error, "en") == (
        "'SVC-001' was changed by 이지도(lee_map) at 2026-03-02 09:30 after you loaded it "
        "(your version 1, now 2). Your change was not saved."
    )


def _areas_preview(name: str) -> ImportPreview:
    frame = gpd.GeoDataFrame(
        {"area_id": ["new-area"], "name_ko": [name]}, geometry=[box(126.80, 37.30, 126.82, 37.32)], crs="EPSG:4326"
    )
    return ImportPreview(
        layer="areas", file_name="a.geojson", feature_count=1, frame=frame, bounds=(126.80, 37.30, 126.82, 37.32)
    )


def test_area_preview_map_draws_only_the_new_outline_escaped(bundled):
    preview = _areas_preview(HOSTILE)
    html = build_preview_map(bundled, preview, MapOptions()).get_root().render()
    assert HOSTILE not in html
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt; (new-area)" in html  # escaped, then JSON-encoded
    # The stored areas are left out of an areas preview; their labels would confuse the comparison.
    assert 'bindTooltip("신길2 공공주택지구"' not in html
    stored = (
        build_preview_map(
            bundled,
            ImportPreview(
                layer="boundaries",
                file_name="b",
                frame=preview.frame.rename(columns={"area_id": "boundary_id"}),
                bounds=preview.bounds,
            ),
            MapOptions(),
        )
        .get_root()
        .render()
    )
    assert 'bindTooltip("신길2 공공주택지구"' in stored  # a boundaries preview keeps the stored areas for orientation
    (south, west), (north, east) = preview_view(preview)
    assert (south, west, north, east) == pytest.approx((37.295, 126.795, 37.325, 126.825))


def test_service_preview_map_uses_status_symbols(demo):
    services = demo.services.loc[demo.services.geom_type == "Point"].iloc[:3].copy()
    preview = ImportPreview(
        layer="services", file_name="s.geojson", frame=services, bounds=tuple(services.total_bounds)
    )
    html = build_preview_map(demo, preview, MapOptions()).get_root().render()
    # The tooltip names the service (escaped, then JSON-encoded in the page).
    assert json_for_script(escape_html(services.iloc[0]["name_ko"]))[1:-1] in html
    assert build_preview_map(demo, ImportPreview(layer="services", file_name="bad.csv"), MapOptions()) is None


def test_gpkg_export_round_trips_columns_types_and_crs(bundled, tmp_path: Path):
    path = tmp_path / "services.gpkg"
    path.write_bytes(to_gpkg_bytes(bundled.services, "services"))
    assert [name for name, _ in pyogrio.list_layers(path)] == ["services"]
    back = pyogrio.read_dataframe(path)
    assert back.crs.to_epsg() == 4326 and len(back) == len(bundled.services)
    assert back["is_sample"].dtype == bool
    assert back["updated_at"].iloc[0] == bundled.services["updated_at"].iloc[0].isoformat()
    with pytest.raises(ValueError, match="set a crs"):
        to_gpkg_bytes(gpd.GeoDataFrame({"a": [1]}, geometry=[Point(0, 0)]), "x")


def test_secrets_file_setting():
    assert load_settings({}).secrets_file == DEFAULT_SECRETS_FILE
    assert load_settings({"DASHBOARD_SECRETS_FILE": "/tmp/s.toml"}).secrets_file == Path("/tmp/s.toml")


def test_services_spreadsheet_export_imports_back_unchanged(bundled, tmp_path: Path):
    # Export → edit in Excel → import: the table carries 경도/위도 (a line as WKT) and labels, not ids.
    table = services_table(bundled.services)
    point = table.loc[bundled.services.geom_type.eq("Point").to_numpy()].iloc[0]
    assert point["경도"] == round(point["경도"], 6) and not pd.isna(point["위도"])
    assert set(table["area_id"]) <= {term.ko for term in AREA_TERMS.values()}
    path = tmp_path / "services.csv"
    path.write_bytes(to_csv_bytes(table))
    store = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    store.initialise(DATA_DIR)
    preview = preview_import(path, "services", store=store)
    assert preview.ok, preview.summary_lines()
    back = preview.frame.set_index("service_id").loc[bundled.services["service_id"]]
    assert "대상지(area_id): 이름으로 적힌 값 25개를 ID로 바꿨습니다" in " ".join(preview.note_lines())
    kept = ("domain", "direction", "area_id", "status", "location_accuracy", "name_en", "is_sample", "source")
    # The programme, budget basis (exported as its Korean label) and funding split come back as they were.
    kept += ("parent_id", "budget_basis", "funding_split")
    assert set(table["budget_basis"].dropna()) <= {term.ko for term in BUDGET_BASIS_TERMS.values()}
    assert table["funding_split"].notna().sum() == bundled.services["funding_split"].notna().sum() > 0
    for column in kept:
        assert back[column].tolist() == bundled.services[column].tolist(), column
    assert back.geom_type.tolist() == bundled.services.geom_type.tolist()
    original = bundled.services.set_index("service_id").geometry
    assert back.geometry.distance(original, align=True).max() < 1e-5
