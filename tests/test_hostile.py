"""Hostile and careless input, built here: every case gets a Korean message, no traceback, and a store whose
file is byte for byte what it was.

Covers the store's part of the corpus: NaN/inf/NaT values, very long text, boundaries and areas outside the
city (wrong CRS, swapped coordinates, elsewhere on Earth), a large file full of errors, hostile edits, and
bad settings and data files at the command line. Hostile archives, JSON nesting and file names are the
importer's tests; URL parameters the map's.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import shapely

from geo.__main__ import main
from geo.importer import ImportRejectedError, commit_import, preview_import
from geo.loaders import load_dashboard_data
from geo.store import STORE_FILE_NAME, GeoPackageStore, StoreError
from tests.conftest import DEMO_DIR
from tests.test_importer_text import digest
from tests.test_store import BACKENDS, make_store

HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def data():
    return load_dashboard_data(DEMO_DIR)


@pytest.fixture
def store(tmp_path, monkeypatch) -> GeoPackageStore:
    for name in ("DATABASE_URL", "DASHBOARD_DATA_DIR", "DASHBOARD_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(tmp_path / "store"))
    store = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    return store


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")}


def feature_collection(frame, **overrides) -> dict:
    """A GeoJSON of ``frame`` (EPSG:4326) with properties of the first feature replaced by ``overrides``."""
    collection = json.loads(frame.to_json(na="null", drop_id=True))
    collection["features"][0]["properties"].update(overrides)
    return collection


def services_file(tmp_path: Path, data, **overrides) -> Path:
    frame = data.services.drop(columns=["gu", "dong"], errors="ignore").copy()
    for name in ("updated_at",):
        frame[name] = frame[name].astype(str)
    path = tmp_path / "hostile_services.geojson"
    path.write_text(json.dumps(feature_collection(frame, **overrides), ensure_ascii=False), encoding="utf-8")
    return path


def geometry_file(tmp_path: Path, frame, name: str, move) -> Path:
    moved = frame.copy()
    moved["geometry"] = moved.geometry.map(move)
    path = tmp_path / name
    path.write_text(moved.to_json(na="null", drop_id=True), encoding="utf-8")
    return path


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_refused_in_korean(code: int, output: str, *expected: str) -> None:
    assert code == 1
    assert "Traceback" not in output and "Error:" not in output
    assert HANGUL.search(output)
    for text in expected:
        assert text in output


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"start_year": "inf"}, "1번째 피처 start_year: 'inf'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": "nan"}, "1번째 피처 budget_krw_100m: 'nan'는 쓸 수 없는 숫자입니다"),
        ({"updated_at": "NaT"}, "1번째 피처 updated_at: 'NaT'는 날짜가 아닙니다"),
        ({"name_ko": "가" * 1_000_000}, "1번째 피처 name_ko: 서비스명이(가) 너무 깁니다 (1,000,000자, 최대 200자)"),
        ({"end_year": "-inf"}, "1번째 피처 end_year: '-inf'는 쓸 수 없는 숫자입니다"),
    ],
)
def test_hostile_service_values_are_refused_at_import(store, data, tmp_path, capsys, overrides, expected):
    path = services_file(tmp_path, data, **overrides)
    before = fingerprint(store.path.parent)
    code, output = run_cli(capsys, "import", str(path), "--layer", "services", "--yes")
    assert_refused_in_korean(code, output, expected)
    assert len(output) < 20_000  # a million-character value is not echoed
    assert fingerprint(store.path.parent) == before


@pytest.mark.parametrize(
    ("layer", "move", "expected"),
    [
        # Coordinates in metres or swapped are caught by the importer's CRS check before validation.
        ("boundaries", lambda g: shapely.affinity.scale(g, 3000, 3000, origin=(0, 0)), "투영 좌표"),
        ("boundaries", lambda g: shapely.transform(g, lambda xy: xy[:, ::-1]), "(저장할 수 없습니다)"),
        ("boundaries", lambda g: shapely.affinity.translate(g, xoff=1.0, yoff=0.5), "안산시 부근"),
        ("areas", lambda g: shapely.affinity.translate(g, xoff=-126.8, yoff=-37.3), "안산시 부근"),
        ("areas", lambda g: shapely.affinity.translate(g, xoff=0.5), "안산시 부근"),
    ],
)
def test_outlines_outside_the_city_are_refused(store, data, tmp_path, capsys, layer, move, expected):
    frame = data.boundaries if layer == "boundaries" else data.areas.drop(columns=["area_m2"])
    path = geometry_file(tmp_path, frame, f"hostile_{layer}.geojson", move)
    before = fingerprint(store.path.parent)
    code, output = run_cli(capsys, "import", str(path), "--layer", layer, "--yes")
    assert_refused_in_korean(code, output, expected)
    assert fingerprint(store.path.parent) == before
    assert store.read_data().boundaries.geometry.union_all().contains(shapely.Point(126.83, 37.32))


def test_a_large_file_full_of_errors_prints_a_bounded_report(store, data, tmp_path, capsys):
    first = json.loads(services_file(tmp_path, data).read_text(encoding="utf-8"))["features"][0]
    features = []
    for n in range(5000):
        feature = json.loads(json.dumps(first))
        feature["properties"].update(service_id=f"BAD-{n}", start_year="inf", budget_krw_100m="nan")
        features.append(feature)
    path = tmp_path / "many_errors.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False))
    before = fingerprint(store.path.parent)
    code, output = run_cli(capsys, "import", str(path), "--layer", "services", "--yes")
    assert_refused_in_korean(code, output, "  … 외 9,800개. 종류별 개수:")
    assert len(output) < 60_000
    assert fingerprint(store.path.parent) == before


@pytest.mark.parametrize(
    ("changes", "reason", "user", "expected"),
    [
        ({"start_year": "inf"}, None, "kim", "'inf'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": "NaN"}, None, "kim", "'NaN'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": float("inf")}, None, "kim", "'inf'는 쓸 수 없는 숫자입니다"),
        ({"status": "가" * 100_000}, None, "kim", "허용되지 않는 값입니다"),
        ({"status": "운영"}, "이유" * 10_000, "kim", "변경 사유가 너무 깁니다 (20,000자, 최대 2,000자)"),
        ({"status": "운영"}, None, "k" * 5000, "변경자 이름이 너무 깁니다 (5,000자, 최대 100자)"),
    ],
)
def test_hostile_edits_are_refused(store, changes, reason, user, expected):
    before = fingerprint(store.path.parent)
    with pytest.raises(StoreError) as raised:
        store.update_service("SVC-001", 1, changes, user=user, reason=reason)
    message = str(raised.value)
    assert expected in message and HANGUL.search(message) and len(message) < 2000
    assert fingerprint(store.path.parent) == before


@pytest.mark.parametrize(
    ("variable", "make", "expected"),
    [
        ("DASHBOARD_DATA_DIR", lambda tmp: _file(tmp / "data.txt"), "폴더가 아니라 파일입니다"),
        ("DASHBOARD_STORE_DIR", lambda tmp: _file(tmp / "store.txt"), "폴더가 아니라 파일입니다"),
        ("DASHBOARD_REQUIRE_SIGNIN", lambda tmp: "sometimes", "1(켜기) 또는 0(끄기)이어야 합니다"),
        ("DASHBOARD_MODE", lambda tmp: "../../etc", "허용되는 값은 staff, kiosk 입니다"),
    ],
)
def test_bad_settings_at_the_command_line_get_a_korean_message(tmp_path, monkeypatch, capsys, variable, make, expected):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv(variable, str(make(tmp_path)))
    code, output = run_cli(capsys, "backups")
    assert_refused_in_korean(code, output, expected)


def _file(path: Path) -> Path:
    path.write_text("not a folder")
    return path


@pytest.mark.parametrize("name", ["plan.yaml", "areas.geojson"])
def test_a_cp949_data_file_is_named_at_the_command_line(data_copy, tmp_path, monkeypatch, capsys, name):
    path = data_copy / name
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp949", errors="replace"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(tmp_path / "store"))
    code, output = run_cli(capsys, "backup")
    assert_refused_in_korean(code, output, f"{name}: 문자 인코딩이 UTF-8이 아닙니다")
    assert not (tmp_path / "store" / STORE_FILE_NAME).exists()


def test_a_store_that_is_not_ours_is_kept_and_never_advised_deleted(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "store"
    folder.mkdir()
    foreign = folder / STORE_FILE_NAME
    foreign.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(folder))
    before = fingerprint(folder)
    code, output = run_cli(capsys, "backups")
    assert_refused_in_korean(code, output, "지우지 말고 다른 이름으로 옮겨 보관하세요", "python -m geo restore")
    assert "지운 뒤" not in output
    assert fingerprint(folder) == before


# --- the same hostile files and edits on either store (PostGIS where TEST_DATABASE_URL is set, as in CI) -----


@pytest.fixture(params=BACKENDS)
def either_store(request, tmp_path):
    """The demo data in a GeoPackage and, where one is configured, a PostGIS store (issue 25, item 6)."""
    store, cleanup = make_store(request.param, tmp_path)
    store.initialise(DEMO_DIR)
    yield store
    cleanup()


def _refused_everywhere(store, path: Path, layer: str, expected: str) -> None:
    before = digest(store)
    preview = preview_import(path, layer, store=store)
    assert not preview.ok
    messages = "\n".join(preview.report.messages())
    assert expected in messages and HANGUL.search(messages)
    with pytest.raises(ImportRejectedError):
        commit_import(store, preview, mode="replace", user="kim")
    assert digest(store) == before


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"start_year": "inf"}, "'inf'는 쓸 수 없는 숫자입니다"),
        ({"budget_krw_100m": "nan"}, "'nan'는 쓸 수 없는 숫자입니다"),
        ({"updated_at": "NaT"}, "'NaT'는 날짜가 아닙니다"),
        ({"name_ko": "가" * 1_000_000}, "서비스명이(가) 너무 깁니다 (1,000,000자, 최대 200자)"),
        ({"name_ko": "벨\x07소리"}, "제어 문자"),
    ],
)
def test_hostile_service_files_leave_either_store_unchanged(either_store, data, tmp_path, overrides, expected):
    _refused_everywhere(either_store, services_file(tmp_path, data, **overrides), "services", expected)


@pytest.mark.parametrize(
    ("layer", "move", "expected"),
    [
        ("boundaries", lambda g: shapely.affinity.translate(g, xoff=1.0, yoff=0.5), "안산시 부근"),
        ("areas", lambda g: shapely.affinity.translate(g, xoff=-126.8, yoff=-37.3), "안산시 부근"),
    ],
)
def test_outlines_outside_the_city_leave_either_store_unchanged(either_store, data, tmp_path, layer, move, expected):
    frame = data.boundaries if layer == "boundaries" else data.areas.drop(columns=["area_m2"])
    before = digest(either_store)
    preview = preview_import(
        geometry_file(tmp_path, frame, f"hostile_{layer}.geojson", move), layer, store=either_store
    )
    assert not preview.ok and expected in "\n".join(preview.report.messages()) + " ".join(preview.note_lines())
    with pytest.raises(ImportRejectedError):
        commit_import(either_store, preview, mode="replace", user="kim")
    assert digest(either_store) == before


@pytest.mark.parametrize(
    ("changes", "reason", "user", "expected"),
    [
        ({"budget_krw_100m": float("inf")}, None, "kim", "'inf'는 쓸 수 없는 숫자입니다"),
        ({"status": "가" * 100_000}, None, "kim", "허용되지 않는 값입니다"),
        ({"status": "운영"}, "이유" * 10_000, "kim", "변경 사유가 너무 깁니다 (20,000자, 최대 2,000자)"),
    ],
)
def test_hostile_edits_leave_either_store_unchanged(either_store, changes, reason, user, expected):
    before = digest(either_store)
    with pytest.raises(StoreError) as raised:
        either_store.update_service("SVC-001", 1, changes, user=user, reason=reason)
    assert expected in str(raised.value)
    assert digest(either_store) == before
