"""``python -m geo``: run as staff would, in a subprocess with a temporary data folder and store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.auth import load_users, verify_password
from geo.settings import PROJECT_ROOT
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import DEMO_DIR

SERVICE_COUNT = len(json.loads((DEMO_DIR / "services.geojson").read_text(encoding="utf-8"))["features"])
REFERENCE_ZIP = Path(__file__).resolve().parents[2] / "shared" / "reference" / "ansan_admdong_epsg5179_cp949.zip"


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
    assert "services 레이어에 교체할까요? [y/N]" in declined.stdout
    assert "취소했습니다. 저장소는 바뀌지 않았습니다." in declined.stdout
    assert len(store_of(env).read_data().services) == SERVICE_COUNT

    accepted = run(env, *args, stdin="y\n")
    assert accepted.returncode == 0, accepted.stderr
    assert f"저장했습니다: services 3개 교체 (이전 {SERVICE_COUNT}개 삭제)" in accepted.stdout
    store = store_of(env)
    assert store.read_data().services["service_id"].tolist() == ["SVC-001", "SVC-002", "SVC-003"]
    assert store.column_mapping("services") == {"사업명": "name_ko"}
    assert store.audit_log()["user"].tolist()[-1] == "kim"


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
