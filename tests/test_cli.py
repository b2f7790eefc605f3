"""``python -m geo``: run as staff would, in a subprocess with a temporary data folder and store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geo.auth import load_users, verify_password
from geo.clock import city_today
from geo.settings import PROJECT_ROOT
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import DEMO_DIR, REFERENCE_DIR
from tests.fixtures.corpus import ShapefileSpec, dongs, places, write_geopackage, write_points_csv, write_shapefile

SERVICE_COUNT = len(json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))["features"])
REFERENCE_ZIP = REFERENCE_DIR / "ansan_admdong_epsg5179_cp949.zip"


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    data = tmp_path / "data"
    shutil.copytree(DEMO_DIR, data, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    variables = {k: v for k, v in os.environ.items() if not k.startswith(("DASHBOARD_", "DATABASE_URL"))}
    variables.update(
        DASHBOARD_DATA_DIR=str(data), DASHBOARD_STORE_DIR=str(tmp_path / "store"), PYTHONIOENCODING="utf-8"
    )
    return variables


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=PROJECT_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def store_of(env: dict[str, str]) -> GeoPackageStore:
    return GeoPackageStore(Path(env["DASHBOARD_STORE_DIR"]) / STORE_FILE_NAME)


def bad_status_file(tmp_path: Path) -> Path:
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:2]
    collection["features"][1]["properties"]["status"] = "완료"
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def test_help_is_korean(env):
    result = run(env, "--help")
    assert result.returncode == 0
    assert "가져오기, 검증, 백업, 복원, 직원 계정" in result.stdout
    assert "파일을 검증만 하고 저장하지 않음" in result.stdout


@pytest.mark.skipif(not REFERENCE_ZIP.exists(), reason=f"참조 자료 {REFERENCE_ZIP}가 없습니다")
def test_validate_only_checks_and_creates_no_store(env):
    result = run(env, "validate", str(REFERENCE_ZIP), "--layer", "boundaries")
    assert result.returncode == 0, result.stderr
    assert "피처 수: 25" in result.stdout
    assert "좌표계: EPSG:5179 (Korea 2000 / Unified CS)" in result.stdout
    assert "문자 인코딩: CP949 (.cpg)" in result.stdout
    assert result.stdout.rstrip().endswith("검증: 문제 없음")
    assert not store_of(env).path.exists()


def test_invalid_file_exits_1_with_the_korean_report(env, tmp_path):
    result = run(env, "validate", str(bad_status_file(tmp_path)), "--layer", "services")
    assert result.returncode == 1
    assert "검증: 문제 1개 (저장할 수 없습니다)" in result.stdout
    assert (
        "  - bad.geojson 2번째 피처 status: '완료'는 허용되지 않는 값입니다 (허용: 계획, 설계, 구축, 운영, 보류, 취소)"
        in result.stdout
    )
    imported = run(env, "import", str(bad_status_file(tmp_path)), "--layer", "services", "--yes")
    assert imported.returncode == 1
    assert len(store_of(env).read_data().services) == SERVICE_COUNT


def test_validate_reports_in_english_with_lang_en(env, tmp_path):
    result = run(env, "validate", str(bad_status_file(tmp_path)), "--layer", "services", "--lang", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "File: bad.geojson → services" and "Features: 2" in lines
    assert "Validation: 1 problems (cannot be saved)" in lines
    assert (
        "  - bad.geojson feature 2 status: '완료' is not an allowed value "
        "(allowed: Planned, Design, Building, Operating, On hold, Cancelled)"
    ) in lines
    # Other commands take the option too (their own lines: test_every_line_of_the_commands_follows_lang_en).
    assert run(env, "backups", "--lang", "en").returncode == 0


HANGUL = tuple(chr(c) for c in range(0xAC00, 0xD7A4))


def test_validate_lang_en_words_a_broken_file_a_missing_column_and_a_wrong_option_in_english(env, tmp_path):
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = run(env, "validate", str(broken), "--layer", "services", "--lang", "en")
    assert result.returncode == 1
    assert "  - broken.geojson: GeoJSON (JSON) syntax error near line 1, column 44" in result.stdout
    assert not any(ch in result.stdout for ch in HANGUL), result.stdout

    table = tmp_path / "no_status.csv"
    table.write_text("service_id,name_ko,domain,area_id,updated_at,lat,lon\nA1,x,교통,A01,2026-01-01,37.32,126.83\n")
    result = run(env, "validate", str(table), "--layer", "services", "--lang", "en")
    assert result.returncode == 1
    assert "Text encoding: UTF-8 (detected)" in result.stdout.splitlines()
    assert "  - no_status.csv: 1 required columns were not found: 'status'." in result.stdout
    # The default source is the data's own Korean value (shown with its English twin); the rest is English.
    report = [line for line in result.stdout.splitlines() if not line.startswith("Defaults:")]
    assert len(report) == 7 and not any(ch in line for line in report for ch in HANGUL), report

    wrong = run(env, "validate", str(table), "--layer", "services", "--lang", "en", "--crs", "EPSG:99999")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "Error: The CRS 'EPSG:99999' is unknown (e.g. EPSG:5186, EPSG:5179, EPSG:5174)"
    korean = run(env, "validate", str(table), "--layer", "services", "--encoding", "latin1")
    assert korean.stderr.strip() == (
        "오류: 문자 인코딩 'latin1'은(는) 쓸 수 없습니다: UTF-8 또는 CP949(EUC-KR) 중 하나를 지정하세요"
    )
    # Every other command takes --lang, and its errors are worded in it.
    missing = run(env, "restore", "nope.gpkg", "--lang", "en")
    assert missing.returncode == 1 and missing.stderr.startswith("Error: The backup 'nope.gpkg' is not in ")


def test_import_asks_first_and_writes_only_after_yes(env, tmp_path):
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:3]
    for feature in collection["features"]:
        feature["properties"]["사업명"] = feature["properties"].pop("name_ko")
    path = tmp_path / "three.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    args = ("import", str(path), "--layer", "services", "--map", "사업명=name_ko", "--user", "kim")

    declined = run(env, *args, stdin="n\n")
    assert declined.returncode == 3
    assert (
        f"services 레이어: 저장된 {SERVICE_COUNT}개를 모두 지우고 3개로 바꿉니다. 교체할까요? [y/N]" in declined.stdout
    )
    assert "취소했습니다. 저장소는 바뀌지 않았습니다." in declined.stdout
    assert len(store_of(env).read_data().services) == SERVICE_COUNT

    accepted = run(env, *args, stdin="y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert f"저장했습니다: services 3개 교체 (이전 {SERVICE_COUNT}개 삭제)" in accepted.stdout
    backup = accepted.stdout.split("교체 전 상태를 백업했습니다: ")[1].split(" ")[0]
    assert f"(되돌리기: python -m geo restore {backup})" in accepted.stdout
    store = store_of(env)
    assert store.read_data().services["service_id"].tolist() == ["SVC-001", "SVC-002", "SVC-003"]
    assert store.column_mapping("services") == {"사업명": "name_ko"}
    assert store.audit_log()["user"].tolist()[-1] == "kim"
    # The backup taken before the replace brings the whole layer back.
    assert run(env, "restore", backup).returncode == 0
    assert len(store_of(env).read_data().services) == SERVICE_COUNT


def test_one_service_replacing_the_layer_says_the_others_are_removed(env, tmp_path):
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:1]
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")

    replacing = run(env, "import", str(path), "--layer", "services", stdin="n\n")
    assert replacing.returncode == 3
    removed = SERVICE_COUNT - 1
    assert (
        f"교체(replace)하면 저장된 {SERVICE_COUNT}개를 모두 지우고 1개로 바꿉니다 "
        f"(같은 ID 1개는 새 값으로, 파일에 없는 {removed}개는 삭제)" in replacing.stdout
    )
    assert "추가(append)" not in replacing.stdout
    assert store_of(env).list_backups() == []  # declined: no backup, nothing changed

    appending = run(env, "import", str(path), "--layer", "services", "--mode", "append", stdin="n\n")
    assert "저장소에 이미 있는 ID 1개: 추가(append)는 거부됩니다" in appending.stdout
    assert "모두 지우고" not in appending.stdout


def test_backup_list_and_restore(env, tmp_path):
    assert run(env, "backup").returncode == 0
    listed = run(env, "backups")
    name = listed.stdout.split("\t")[0]
    assert name.startswith("dashboard-") and name.endswith(".gpkg")

    store = store_of(env)
    store.update_service("SVC-001", 1, {"status": "운영"}, user="kim")
    restored = run(env, "restore", name, "--user", "admin")
    assert restored.returncode == 0, restored.stderr
    assert f"{name}에서 복원했습니다. 복원 전 상태는 " in restored.stdout
    assert store.service_record("SVC-001").values["status"] == "계획"

    missing = run(env, "restore", "dashboard-19990101-000000.gpkg")
    assert missing.returncode == 1
    assert missing.stderr.startswith("오류: 백업 'dashboard-19990101-000000.gpkg'이(가) ")
    assert "Traceback" not in missing.stderr


def test_add_user_from_stdin(env, tmp_path):
    secrets = tmp_path / "secrets.toml"
    result = run(
        env,
        "add-user",
        "kim",
        "--display-name",
        "김지리",
        "--password-stdin",
        "--secrets",
        str(secrets),
        stdin="a-long-password\n",
    )
    assert result.returncode == 0, result.stderr
    assert f"계정 'kim'(김지리)을(를) {secrets}에 저장했습니다." in result.stdout
    assert verify_password("a-long-password", load_users(secrets)["kim"].password_hash)

    weak = run(env, "add-user", "lee", "--password-stdin", "--secrets", str(secrets), stdin="short\n")
    assert weak.returncode == 1
    assert weak.stderr.strip() == "오류: 비밀번호는 10자 이상이어야 합니다 (지금 5자)"
    assert sorted(load_users(secrets)) == ["kim"]


@pytest.mark.parametrize(
    ("build", "crs", "encoding"),
    [
        (
            lambda folder: write_shapefile(folder, ShapefileSpec(5174, cpg=False)),
            "EPSG:5174",
            "CP949 (자동 판별, .cpg 없음)",
        ),
        (lambda folder: write_geopackage(folder, 5186), "EPSG:5186", "UTF-8"),
    ],
    ids=["shp-5174-euckr-no-cpg", "gpkg-5186-korean-columns"],
)
def test_import_of_city_files_needs_no_mapping_and_shows_what_it_detected(env, tmp_path, build, crs, encoding):
    path = build(tmp_path / "files")

    result = run(env, "import", str(path), "--layer", "boundaries", "--yes")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"좌표계: {crs}" in result.stdout
    assert f"문자 인코딩: {encoding}" in result.stdout
    assert "열 매핑: 행정동코드 → boundary_id (열 이름으로), 행정동명 → name_ko (열 이름으로)" in result.stdout
    assert "명령줄로 같은 매핑: --map 행정동코드=boundary_id --map 행정동명=name_ko" in result.stdout
    stored = store_of(env).read_layer("boundaries")
    imported = stored.loc[stored["level"] == "dong"].reset_index(drop=True)
    assert imported["name_ko"].tolist() == dongs()["name_ko"].tolist()
    distance = imported.to_crs(5186).geometry.hausdorff_distance(dongs().to_crs(5186).geometry, align=False)
    assert distance.max() < 5


def test_two_unrecognised_required_columns_get_one_message_with_the_map_line(env, tmp_path):
    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        feature["properties"]["현황"] = feature["properties"].pop("status")
        feature["properties"]["부문"] = feature["properties"].pop("domain")
    path = tmp_path / "services.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")

    result = run(env, "validate", str(path), "--layer", "services")

    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1
    assert "필수 열 2개를 찾지 못했습니다: 'domain'(서비스 분야), 'status'(추진 상태)" in problems[0]
    assert "--map 열이름=domain --map 열이름=status" in problems[0]
    fixed = run(env, "validate", str(path), "--layer", "services", "--map", "현황=status", "--map", "부문=domain")
    assert fixed.returncode == 0, fixed.stdout


def test_bad_encoding_or_crs_option_is_a_korean_error(env, tmp_path):
    path = write_geopackage(tmp_path, 5186)
    assert "UTF-8 또는 CP949" in run(env, "validate", str(path), "--layer", "boundaries", "--encoding", "latin1").stderr
    assert (
        "좌표계 'EPSG:99999'을(를) 알 수 없습니다"
        in run(env, "validate", str(path), "--layer", "boundaries", "--crs", "EPSG:99999").stderr
    )


def test_reference_layer_import_and_the_layer_list(env, tmp_path):
    # A CP949 public-data file of 1,153 points with 위도/경도 columns.
    table = places()
    rows = pd.concat([table] * 47, ignore_index=True).head(1153)
    rows = rows.assign(시설명=[f"{n} {i}" for i, n in enumerate(rows["시설명"], 1)])
    path = tmp_path / "공공시설.csv"
    pd.DataFrame(
        {
            "시설명": rows["시설명"],
            "위도": rows["lat"],
            "경도": rows["lon"],
            "제공기관명": "경기도 안산시",
            "데이터기준일자": "2026-06-15",
        }
    ).to_csv(path, index=False, encoding="cp949")

    asked = run(env, "import", str(path), "--layer", "reference", "--title", "공공시설", stdin="n\n")
    assert asked.returncode == 3 and "가져올 점: 1,153개" in asked.stdout
    assert "문자 인코딩: CP949 (자동 판별)" in asked.stdout and "좌표 열: 경도, 위도" in asked.stdout
    assert "공공시설" not in run(env, "layers").stdout

    described = ["--title", "공공시설", "--title-en", "Public facilities", "--licence", "공공누리 제1유형"]
    done = run(env, "import", str(path), "--layer", "reference", *described, "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    listed = run(env, "layers").stdout.splitlines()
    source = f"{path.name} ({city_today().isoformat()} 가져옴)"
    assert f"공공시설\t1,153개\t{source}\t2026-06-15\t경기도 안산시\t공공누리 제1유형" in listed
    again = run(env, "import", str(path), "--layer", "reference", "--title", "공공시설", stdin="y\n").stdout
    assert "저장된 점 1,153개를 모두 지우고 1,153개로 바꿉니다. 교체할까요? [y/N]" in again
    assert "교체 전 상태를 백업했습니다: " in again


def test_reference_import_needs_a_title(env, tmp_path):
    path = write_points_csv(tmp_path)
    result = run(env, "validate", str(path), "--layer", "reference")
    assert result.returncode == 1
    assert "참고 레이어에는 제목이 필요합니다: --title 어린이보호구역 처럼 지정하세요" in result.stderr


def test_a_bad_100k_row_public_file_prints_200_refused_rows_and_counts(env, tmp_path):
    path = tmp_path / "bad.csv"
    rows = ["시설명,위도,경도"] + [f"시설 {i},,126.8" for i in range(100_000)] + ["반월역,37.312244,126.903684"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    result = run(env, "validate", str(path), "--layer", "reference", "--title", "시설")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "제외한 행 100,000개 (좌표 없음 100,000행):" in lines
    assert sum(line.startswith("  - ") for line in lines) == 200
    assert "  … 외 99,800개 (위 종류별 수에 포함)" in lines and "가져올 점: 1개" in lines
    assert len(lines) < 230


def test_init_builds_the_store_before_the_server_starts_and_says_what_it_holds(env):
    assert not store_of(env).path.exists()
    first = run(env, "init")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"저장소를 만들었습니다: 스마트서비스 {SERVICE_COUNT:,}건, 대상지 5곳")
    assert store_of(env).is_initialised()
    again = run(env, "init")
    assert again.returncode == 0 and again.stdout.startswith("저장소가 이미 있습니다: 스마트서비스")


def test_init_on_a_broken_data_folder_makes_no_store_and_names_the_problem(env):
    services = Path(env["DASHBOARD_DATA_DIR"]) / "services.geojson"
    services.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = run(env, "init")
    assert result.returncode == 1
    assert "데이터 폴더의 파일에 문제가 있어 저장소를 만들 수 없습니다" in result.stderr
    assert "services.geojson" in result.stderr and "Traceback" not in result.stderr
    assert not store_of(env).is_initialised()


def run_here(env, monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """``python -m geo`` in this process (cheaper than a subprocess): exit code, stdout and stderr."""
    import io

    from geo.__main__ import main

    for name in [n for n in os.environ if n.startswith(("DASHBOARD_", "DATABASE_URL"))]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith("DASHBOARD_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as stop:  # --help and usage errors
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def hangul_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(ch in line for ch in HANGUL)]


@pytest.mark.parametrize(
    "command",
    [
        *([], ["import"], ["validate"], ["backup"], ["restore"], ["unlock"], ["voice"], ["voice", "purge"]),
        *(["accessibility-report"], ["add-user"], ["init"], ["layers"], ["backups"]),
    ],
    ids=lambda words: "-".join(words) or "top",
)
def test_the_help_follows_lang(env, monkeypatch, capsys, command):
    code, english, _ = run_here(env, monkeypatch, capsys, *command, "--help", "--lang", "en")
    assert code == 0 and "show this help and exit" in english
    assert hangul_in(english) == []
    code, korean, _ = run_here(env, monkeypatch, capsys, *command, "--help")
    assert code == 0 and "이 도움말을 보이고 끝냄" in korean
    # "--lang=en" before the help, as argparse also takes it.
    assert run_here(env, monkeypatch, capsys, "--lang=en", *command, "--help")[1] == english


def test_a_usage_error_follows_lang(env, monkeypatch, capsys):
    code, _, english = run_here(env, monkeypatch, capsys, "import", "--lang", "en")
    assert code == 2 and "--map COLUMN=SCHEMA_COLUMN" in english and hangul_in(english) == []
    code, _, korean = run_here(env, monkeypatch, capsys, "import")
    assert code == 2 and "--map 원래열=스키마열" in korean


def test_every_line_of_the_commands_follows_lang_en(env, monkeypatch, capsys, tmp_path):
    def english(*args: str, stdin: str = "") -> tuple[int, list[str]]:
        code, out, err = run_here(env, monkeypatch, capsys, *args, "--lang", "en", stdin=stdin)
        # An import's "Defaults:" line quotes the data's own Korean source beside its English twin.
        lines = [line for line in (out + err).splitlines() if not line.startswith(("Defaults:", "{"))]
        assert hangul_in("\n".join(lines)) == [], lines
        return code, lines

    assert english("init")[1] == [
        f"The store has been made: {SERVICE_COUNT} smart services, 5 target areas, 28 boundaries"
    ]
    assert english("layers")[1][0].startswith("There are no reference layers. Add one with python -m geo import")
    assert english("backups")[1] == ["There are no backups. Make one with python -m geo backup."]

    collection = json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:3]
    path = tmp_path / "three.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    code, lines = english("import", str(path), "--layer", "services", stdin="n\n")
    assert code == 3 and lines[-1].endswith(
        f"layer services: all {SERVICE_COUNT} stored are deleted and replaced by 3. Replace? [y/N] "
        "Cancelled. The store has not changed."
    )
    code, lines = english("import", str(path), "--layer", "services", "--mode", "append", stdin="n\n")
    assert code == 3 and ", layer services: Append? [y/N] Cancelled." in lines[-1]
    code, lines = english("import", str(path), "--layer", "services", "--yes")
    assert code == 0 and lines[-1] == f"Saved: services, 3 replaced ({SERVICE_COUNT} earlier removed)"
    backup = lines[-2].split("Backed up the state before the replace: ")[1].split(" ")[0]
    assert lines[-2].endswith(f"(to undo: python -m geo restore {backup})")
    code, lines = english("backups")
    assert lines[0].startswith(f"{backup}\t") and lines[0].endswith(" bytes")
    code, lines = english("restore", backup)
    assert code == 0 and lines[0].startswith(f"Restored from {backup}. The state before the restore is backed up in")
    code, lines = english("backup", "--keep", "3")
    assert code == 0 and lines[-1].startswith("Backed up: ") and lines[-1].endswith("bytes, the latest 3 kept)")

    points = write_points_csv(tmp_path / "points")
    described = ("--layer", "reference", "--title", "시설", "--title-en", "Facilities", "--yes")
    # The summary quotes the file's own words (its name, title and columns): the command's lines are English.
    code, out, _ = run_here(env, monkeypatch, capsys, "import", str(points), *described, "--lang", "en")
    assert code == 0 and "Validation: it can be saved" in out
    assert out.splitlines()[-1].startswith("Saved: reference layer '시설' (")
    assert out.splitlines()[-1].endswith("), 25 points appended")
    # The title in English; the source, provider and licence are the data's own words.
    code, out, _ = run_here(env, monkeypatch, capsys, "layers", "--lang", "en")
    assert out.startswith("Facilities\t") and " points\t" in out
    assert run_here(env, monkeypatch, capsys, "layers")[1].startswith("시설\t")
    assert english("import", str(points), "--layer", "reference")[0] == 1  # no title: the error in English

    assert english("unlock", "nobody") == (
        0,
        ["Account 'nobody': was not locked; its failures are reset to 0 (recorded in the audit log)."],
    )
    assert english("voice", "purge", "--older-than", "30")[1] == [
        "Deleted 0 citizens' opinions and 0 'we need this' marks older than 30 days (recorded in the audit log)."
    ]


def test_a_wrong_setting_is_an_error_in_the_readers_language(env, monkeypatch, capsys):
    env = {**env, "DASHBOARD_BASEMAP": "google"}
    assert run_here(env, monkeypatch, capsys, "backups", "--lang", "en")[1:] == (
        "",
        "Error: DASHBOARD_BASEMAP='google': the allowed values are none, osm, carto, vworld.\n",
    )
    assert run_here(env, monkeypatch, capsys, "backups")[2] == (
        "오류: DASHBOARD_BASEMAP='google': 허용되는 값은 none, osm, carto, vworld 입니다.\n"
    )


def test_the_commands_lines_are_korean_by_default(env, monkeypatch, capsys, tmp_path):
    def korean(*args: str) -> str:
        return run_here(env, monkeypatch, capsys, *args)[1]

    assert korean("layers").startswith("참고 레이어가 없습니다. python -m geo import 파일 --layer reference")
    assert korean("backups") == "백업이 없습니다. python -m geo backup 으로 만드세요.\n"
    assert (
        korean("unlock", "nobody")
        == "계정 'nobody': 잠겨 있지 않았습니다. 실패 횟수만 0으로 했습니다 (감사 기록에 남겼습니다).\n"
    )
    assert korean("voice", "purge", "--older-than", "30") == (
        "30일이 지난 시민 의견 0건, 필요해요 기록 0건을 지웠습니다 (감사 기록에 남김).\n"
    )
    points = write_points_csv(tmp_path / "points")
    done = korean("import", str(points), "--layer", "reference", "--title", "시설", "--yes").splitlines()[-1]
    assert done.startswith("저장했습니다: 참고 레이어 '시설' (") and done.endswith(") 점 25개 추가")


def test_argparses_own_headings_follow_lang(env, monkeypatch, capsys):
    _, korean, _ = run_here(env, monkeypatch, capsys, "validate", "--help")
    _, english, _ = run_here(env, monkeypatch, capsys, "validate", "--help", "--lang", "en")
    assert korean.startswith("사용법: python -m geo validate") and "\n옵션:\n" in korean and "\n인자:\n" in korean
    assert "usage:" not in korean and "options:" not in korean
    assert english.startswith("usage: python -m geo validate") and "\noptions:\n" in english
    assert "\npositional arguments:\n" in english
