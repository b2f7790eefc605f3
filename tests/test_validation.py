"""Validation that knows the city: Ansan's extent, finite numbers, real dates, text limits, capped reports,
and the services a boundaries replacement would orphan."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.affinity import translate

from geo.loaders import load_dashboard_data
from geo.model.schema import AREAS, BOUNDARIES, SERVICES
from geo.model.validation import (
    MAX_LISTED,
    PYTHON_WHITESPACE,
    coordinate_problem,
    validate_frame,
)
from geo.spatial import orphaned_services_report, services_orphaned_by_boundaries
from tests.conftest import DEMO_DIR


@pytest.fixture(scope="module")
def data():
    return load_dashboard_data(DEMO_DIR)


def services_with(data, **cells) -> gpd.GeoDataFrame:
    """The bundled services as text cells (as a CSV gives them), with ``cells`` set on the second row."""
    frame = data.services[[*SERVICES.column_names, "geometry"]].copy()
    for name in SERVICES.column_names:
        frame[name] = frame[name].map(lambda v: "" if v is None else str(v)).astype(object)
    for name, value in cells.items():
        frame.loc[frame.index[1], name] = value
    return frame


def problems(frame, schema=SERVICES, outline=None) -> list[tuple]:
    _, report = validate_frame(frame, schema, "hostile.csv", outline)
    return [(p.row, p.field, p.message) for p in report.problems]


def codes(frame, schema=SERVICES, outline=None) -> list[tuple]:
    """(row, field, code) of each problem: what is wrong, whatever the reader's language."""
    _, report = validate_frame(frame, schema, "hostile.csv", outline)
    return [(p.row, p.field, p.code) for p in report.problems]


def test_the_bundled_city_passes(data):
    for name, schema in (("boundaries", BOUNDARIES), ("areas", AREAS)):
        _, report = validate_frame(getattr(data, name), schema, name)
        assert report.ok, report.messages()[:3]


@pytest.mark.parametrize(
    ("cells", "field", "code", "message"),
    [
        (
            {"start_year": "inf"},
            "start_year",
            "not_finite",
            "'inf'는 쓸 수 없는 숫자입니다 (NaN·무한대는 허용되지 않습니다)",
        ),
        ({"start_year": "-Infinity"}, "start_year", "not_finite", "'-Infinity'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": "nan"}, "budget_krw_100m", "not_finite", "'nan'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": "NaN"}, "budget_krw_100m", "not_finite", "'NaN'는 쓸 수 없는 숫자입니다"),
        ({"updated_at": "NaT"}, "updated_at", "not_date", "'NaT'는 날짜가 아닙니다 (예: 2026-01-15)"),
        ({"updated_at": "3000-99-99"}, "updated_at", "not_date", "'3000-99-99'는 날짜가 아닙니다"),
        ({"end_year": "1e400"}, "end_year", "not_finite", "'1e400'는 쓸 수 없는 숫자입니다"),
        # A year Python's dates cannot hold: reported, not a crash.
        ({"updated_at": "-1"}, "updated_at", "not_date", "'-1'는 날짜가 아닙니다"),
    ],
)
def test_nan_inf_and_nat_are_refused_with_row_and_field(data, cells, field, code, message):
    frame = services_with(data, **cells)
    assert codes(frame) == [(2, field, code)]
    found = problems(frame)
    assert len(found) == 1
    row, where, text = found[0]
    assert (row, where) == (2, field)
    assert text.startswith(message)


def test_missing_values_of_typed_columns_count_as_blank(data):
    frame = services_with(data)
    frame.loc[frame.index[1], "updated_at"] = float("nan")
    frame.loc[frame.index[2], "budget_krw_100m"] = float("nan")  # nullable: a budget no source reported
    assert codes(frame) == [(2, "updated_at", "blank")]
    assert problems(frame) == [(2, "updated_at", "갱신일 값이 비어 있습니다")]


def test_text_longer_than_its_limit_is_refused_without_quoting_it_whole(data):
    frame = services_with(data, name_ko="가" * 1_000_000, department="과" * 2001)
    assert codes(frame) == [(2, "name_ko", "too_long"), (2, "department", "too_long")]
    found = problems(frame)
    assert found == [
        (2, "name_ko", "서비스명이(가) 너무 깁니다 (1,000,000자, 최대 200자)"),
        (2, "department", "담당 부서이(가) 너무 깁니다 (2,001자, 최대 2,000자)"),
    ]
    long_id = problems(services_with(data, service_id="S" * 65, status="x" * 5000))
    assert (2, "service_id", "서비스 ID이(가) 너무 깁니다 (65자, 최대 64자)") in long_id
    status_message = next(text for _, where, text in long_id if where == "status")
    assert len(status_message) < 300 and "(5,000자)" in status_message


def test_a_geometry_with_nan_coordinates_is_refused(data):
    frame = services_with(data)
    frame.loc[frame.index[0], "geometry"] = shapely.Point(float("nan"), float("nan"))
    assert codes(frame) == [(1, "geometry", "nonfinite_coordinates")]
    assert problems(frame) == [(1, "geometry", "도형 좌표에 숫자가 아닌 값(NaN·무한대)이 있습니다")]


def test_boundaries_in_the_wrong_crs_are_refused(data):
    projected = data.boundaries.to_crs(5186).set_crs(4326, allow_override=True)  # metres read as degrees
    assert {code for _, _, code in codes(projected, BOUNDARIES)} == {"coordinates_projected"}
    found = problems(projected, BOUNDARIES)
    assert len(found) == len(projected)
    assert found[0][2].startswith("좌표가 경위도가 아닙니다 (미터 단위 투영 좌표로 보입니다)")


def test_swapped_latitude_and_longitude_are_named_as_such(data):
    swapped = data.areas.copy()
    swapped["geometry"] = swapped.geometry.map(lambda g: shapely.transform(g, lambda xy: xy[:, ::-1]))
    assert {code for _, _, code in codes(swapped, AREAS)} == {"coordinates_swapped"}
    found = problems(swapped, AREAS)
    assert len(found) == len(swapped)
    assert all(text.startswith("위도와 경도가 바뀐 것 같습니다") for _, _, text in found)


def test_boundaries_elsewhere_on_earth_are_refused(data):
    seoul = data.boundaries.copy()
    seoul["geometry"] = seoul.geometry.map(lambda g: translate(g, xoff=0.3, yoff=0.25))
    assert codes(seoul, BOUNDARIES)[0][2] == "outside_ansan"
    found = problems(seoul, BOUNDARIES)
    assert found and found[0][2].startswith("도형이 안산시 부근(경도 126.38~126.94, 위도 37.08~37.38)을 벗어납니다")
    assert coordinate_problem(shapely.Point(126.83, 37.32)) is None
    assert coordinate_problem(shapely.Point(126.37, 37.10)) is None  # within the margin


def test_a_report_lists_the_first_problems_and_counts_the_rest(data):
    # Two services (the second one broken) 300 times: 300 bad numbers and 598 repeated ids, well past the 200
    # listed; the 96 services of every copy only made the frame 48 times larger.
    rows = [services_with(data, start_year="inf").head(2)] * 300
    frame = gpd.GeoDataFrame(pd.concat(rows, ignore_index=True), geometry="geometry", crs=data.services.crs)
    _, report = validate_frame(frame, SERVICES, "big.csv")
    total = len(report.problems)
    assert total > MAX_LISTED
    messages = report.messages()
    assert len(messages) == MAX_LISTED + 1
    assert messages[-1].startswith(f"… 외 {total - MAX_LISTED:,}개 문제 (전체 {total:,}개, 종류별: ")
    assert "start_year: '…'는 쓸 수 없는 숫자입니다" in messages[-1] and "300개" in messages[-1]
    table = report.to_frame()
    assert len(table) == MAX_LISTED + 1 and table["문제"].iloc[-1] == messages[-1]
    assert set(report.codes) == {"not_finite", "duplicate_id"}  # 300 copies of one row: one id, repeated
    english = report.messages(lang="en")
    assert english[0] == "big.csv feature 2 start_year: 'inf' is not a usable number (NaN and infinity are not allowed)"
    assert english[-1].startswith(f"… and {total - MAX_LISTED:,} more problems ({total:,} in all, by kind: ")
    assert list(report.to_frame(lang="en").columns) == ["File", "Row/feature", "Field", "Problem"]


def test_a_boundaries_replacement_names_the_services_it_would_orphan(data):
    assert services_orphaned_by_boundaries(data.boundaries, data.services) == []
    west_only = data.boundaries.copy()
    west_only["geometry"] = west_only.geometry.map(lambda g: g.intersection(shapely.box(126.0, 37.0, 126.75, 38.0)))
    west_only = west_only[~west_only.geometry.is_empty]
    orphaned = services_orphaned_by_boundaries(west_only, data.services)
    east = data.services.loc[data.services.geometry.representative_point().x > 126.76, "service_id"].tolist()
    assert orphaned and set(east) <= set(orphaned)
    (problem,) = orphaned_services_report(west_only, data.services, "boundaries.geojson").problems
    assert problem.message.startswith(f"이 경계로 바꾸면 저장된 서비스 {len(orphaned)}개가 안산시 경계 밖에 놓입니다")


def test_cells_of_any_type_get_the_columns_type(data):
    """Numbers, words and dates arrive as text (CSV), numbers or timestamps (GeoJSON); each is typed the same way."""
    frame = services_with(data).head(4).copy()
    frame["start_year"] = pd.Series(["2024", 2024, 2024.0, None], index=frame.index, dtype=object)
    frame["budget_krw_100m"] = pd.Series([" 1,234.5 ", 3, float("nan"), "0"], index=frame.index, dtype=object)
    frame["is_sample"] = pd.Series(["예", True, " FALSE ", None], index=frame.index, dtype=object)
    frame["updated_at"] = pd.Series(
        [" 2026-01-15 ", pd.Timestamp("2026-02-01"), "2026/03/01", "2026-04-01"], index=frame.index, dtype=object
    )
    frame["status"] = pd.Series([" 운영 ", "구축", "운영", "계획"], index=frame.index, dtype=object)
    typed, report = validate_frame(frame, SERVICES, "mixed.csv")
    assert report.ok, report.messages()
    assert typed["start_year"].tolist() == [2024, 2024, 2024, None]
    assert [type(v) for v in typed["start_year"].iloc[:3]] == [int, int, int]
    assert typed["budget_krw_100m"].tolist() == [1234.5, 3.0, None, 0.0]
    assert typed["is_sample"].tolist() == [True, True, False, False]
    assert [str(v) for v in typed["updated_at"]] == ["2026-01-15", "2026-02-01", "2026-03-01", "2026-04-01"]
    assert typed["status"].tolist() == ["운영", "구축", "운영", "계획"]


def test_python_whitespace_list_is_whole():
    assert set(PYTHON_WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


# Texts that probe the Arrow fast path: blanks, every kind of edge space, a vocabulary word with and without
# spaces, near the length limit, and characters outside the Basic Multilingual Plane (length in code points).
TRICKY_TEXTS = [
    None,
    "",
    " ",
    "\u3000",
    "운영",
    " 운영",
    "운영\u3000",
    "운영\x1c",
    "\x85구축",
    "보류\u2028",
    "x\u200b",  # a zero-width space is not whitespace for Python: kept
    "없는상태",
    "가" * 200,
    "가" * 201,
    "😀" * 200,
    "😀" * 201,
    "a\nb",
    "\t",
]


@pytest.mark.parametrize("field", ["status", "name_ko", "name_en", "department"])
def test_text_read_through_arrow_is_typed_and_reported_as_python_text(data, field):
    frame = services_with(data).head(1).copy()
    frame = frame.loc[frame.index.repeat(len(TRICKY_TEXTS))].reset_index(drop=True)
    frame[field] = pd.Series(TRICKY_TEXTS, dtype=object)
    arrow = frame.copy()
    arrow[field] = frame[field].astype(pd.StringDtype("pyarrow"))
    typed, report = validate_frame(frame, SERVICES, "f.geojson")
    arrow_typed, arrow_report = validate_frame(arrow, SERVICES, "f.geojson")
    assert arrow_typed[field].tolist() == typed[field].tolist()
    assert [(p.row, p.field, p.message) for p in arrow_report.problems] == [
        (p.row, p.field, p.message) for p in report.problems
    ]
    # The cases are not all alike: some are kept, some stripped, some refused.
    assert report.problems and any(isinstance(v, str) for v in typed[field])


def test_a_parent_must_be_another_service_of_the_same_data(data):
    """parent_id names the programme a project is part of: a service of the same file, not the row itself."""
    first, second = data.services["service_id"].iloc[:2]
    assert problems(services_with(data, parent_id=first)) == []
    assert problems(services_with(data, parent_id="ANS-99")) == [
        (2, "parent_id", "상위 사업 ID 'ANS-99'가 이 자료의 서비스 ID에 없습니다")
    ]
    assert problems(services_with(data, parent_id=second)) == [
        (2, "parent_id", f"상위 사업 ID '{second}'가 자기 자신입니다 (다른 서비스의 ID를 적으세요)")
    ]
    _, report = validate_frame(services_with(data, parent_id="ANS-99"), SERVICES, "사업목록.csv")
    assert report.messages() == [
        "사업목록.csv 2번째 피처 parent_id: 상위 사업 ID 'ANS-99'가 이 자료의 서비스 ID에 없습니다"
    ]


@pytest.mark.parametrize(
    ("split", "message"),
    [
        ("국비 80", "'국비 80'는 JSON 객체가 아닙니다"),
        ("[80, 80]", "'[80, 80]'는 재원별 금액을 담은 JSON 객체가 아닙니다"),
        ('{"구비": 80}', "재원 '구비'는 허용되지 않는 값입니다 (허용: 국비, 도비, 시비, 지방비, 민자)"),
        ('{"국비": -1}', "국비의 금액 '-1'는 0 이상의 숫자(억원)여야 합니다"),
        ('{"국비": "80"}', "국비의 금액 '80'는 0 이상의 숫자(억원)여야 합니다"),
    ],
)
def test_a_funding_split_must_be_an_object_of_funding_sources_and_amounts(data, split, message):
    found = problems(services_with(data, funding_split=split))
    assert [(row, field) for row, field, _ in found] == [(2, "funding_split")]
    assert found[0][2].startswith(message)


def test_a_budget_basis_is_a_term_of_its_vocabulary(data):
    assert problems(services_with(data, budget_basis="national_share")) == []
    assert problems(services_with(data, budget_basis="국비")) == [
        (
            2,
            "budget_basis",
            "'국비'는 허용되지 않는 값입니다 (허용: 총사업비, 국비만, 한 해 분, 다른 시 몫 포함)",
        )
    ]


def test_a_json_object_read_from_geojson_is_kept_as_json_text(data):
    """GDAL writes a text cell holding a JSON object (a funding split) as a nested GeoJSON object and reads it
    back as a dict: validation keeps it as the same JSON text, so an exported layer imports back."""
    frame = services_with(data).astype({"funding_split": object})
    frame.at[frame.index[1], "funding_split"] = {"국비": 41, "시비": 27}
    typed, report = validate_frame(frame, SERVICES, "services.geojson")
    assert report.ok, report.messages()
    assert typed["funding_split"].iloc[1] == '{"국비": 41, "시비": 27}'
