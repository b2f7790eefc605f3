"""Health report, health endpoint, structured log lines (also where the app writes them) and the reconnect script."""

from __future__ import annotations

import io
import json
import logging
import os
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from geo import logs
from geo.auth import add_user
from geo.health import FAIL, OK, WARN, InstanceHealth, check_health, main, make_server
from geo.loaders import load_dashboard_data
from geo.settings import load_settings
from geo.speech import SpeechEngine
from geo.store import ConflictError, GeoPackageStore, open_store
from tests.conftest import DEMO_DIR, PROJECT_ROOT
from ui.reconnect import OVERLAY_ID, reconnect_script


@pytest.fixture
def log_lines(monkeypatch):
    """Capture the dashboard logger's JSON lines."""
    stream = io.StringIO()
    log = logging.getLogger(logs.LOGGER_NAME)
    monkeypatch.setattr(log, "handlers", [])
    monkeypatch.setattr(log, "propagate", False)
    logs.logger(stream)
    return lambda: [json.loads(line) for line in stream.getvalue().splitlines()]


def test_an_event_is_one_json_line_with_time_and_fields(log_lines):
    logs.log_event("edit", user="kim", service_id="S-001", field="status", old="계획", new="구축")
    (line,) = log_lines()
    assert line["event"] == "edit" and line["level"] == "info"
    assert (line["user"], line["old"], line["new"]) == ("kim", "계획", "구축")
    assert datetime.fromisoformat(line["ts"]) > datetime.now(UTC) - timedelta(minutes=1)


def test_a_failure_gets_an_incident_id_that_finds_its_traceback(log_lines):
    try:
        {}["missing"]
    except KeyError as error:
        incident = logs.log_incident("map", error, user="kim")
    (line,) = log_lines()
    assert line["incident"] == incident and line["level"] == "error" and line["error"] == "KeyError"
    assert "Traceback" in line["traceback"] and "missing" in line["traceback"]
    assert len(incident) == 8 and line["message"] == f"incident {incident}: unexpected KeyError in map"


def test_a_long_text_is_cut(log_lines):
    logs.log_event("import", file="가" * 5000)
    (line,) = log_lines()
    assert len(line["file"]) < 600 and line["file"].endswith("(+4500)")


def test_health_says_store_revision_and_backup_age(data_copy, isolated_store):
    settings = load_settings()
    store = open_store(settings)
    report = check_health(settings)
    assert report.store_ok and report.revision == store.revision()
    assert report.status == WARN and report.problems == ["no backup found"]
    store.backup()
    report = check_health(settings)
    assert report.status == OK and report.last_backup_age_h is not None and report.last_backup_age_h < 0.1
    later = check_health(settings, now=datetime.now(UTC) + timedelta(days=2))
    assert later.status == WARN and "h old" in later.problems[0]


def test_health_fails_when_every_instance_or_the_store_is_down(isolated_store, tmp_path):
    settings = load_settings()
    open_store(settings).backup()

    def probe(url: str) -> InstanceHealth:
        return InstanceHealth(url, url.endswith("8501"), 1.0)

    half = check_health(settings, instances=["http://a:8501", "http://a:8502"], probe=probe)
    assert half.status == WARN and half.problems == ["instances not answering: http://a:8502"]
    assert check_health(settings, instances=["http://a:8502"], probe=probe).status == FAIL
    nowhere = load_settings({"DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/none"})
    report = check_health(nowhere, backup_dir=tmp_path)
    assert report.status == FAIL and not report.store_ok and "secret" not in report.to_json()


def test_the_health_endpoint_answers_json_and_503_on_failure(isolated_store):
    settings = load_settings()
    open_store(settings).backup()
    status = {"instances": ["http://127.0.0.1:9/"]}
    server = make_server("127.0.0.1", 0, lambda: check_health(settings, **status), ttl_s=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/healthz"
    try:
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(url, timeout=10)
        assert failed.value.code == 503 and json.loads(failed.value.read())["status"] == FAIL
        status["instances"] = []
        with urllib.request.urlopen(url, timeout=10) as response:
            body = json.loads(response.read())
        assert response.status == 200 and body["status"] == OK and body["revision"]
    finally:
        server.shutdown()


def test_the_check_command_exit_code_follows_the_status(isolated_store, capsys):
    assert main(["check"]) == 2  # no store yet: fail
    capsys.readouterr()
    open_store(load_settings())
    assert main(["check"]) == 1  # a new store has no backup yet: warn
    assert json.loads(capsys.readouterr().out)["problems"] == ["no backup found"]
    assert main([]) == 1  # `python -m geo.health` as the README writes it: the same check
    assert json.loads(capsys.readouterr().out)["problems"] == ["no backup found"]


def test_the_health_commands_help_and_setting_error_follow_lang(capsys, monkeypatch):
    hangul = [chr(c) for c in range(0xAC00, 0xD7A4)]
    with pytest.raises(SystemExit):
        main(["--help", "--lang", "en"])
    english = capsys.readouterr().out
    assert "Dashboard health check (store, backups, instances)" in english
    assert not any(ch in english for ch in hangul), english
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "대시보드 상태 점검 (저장소, 백업, 인스턴스)" in capsys.readouterr().out
    monkeypatch.setenv("DASHBOARD_MODE", "admin")
    assert main(["--lang", "en"]) == 2
    assert capsys.readouterr().err == "Error: DASHBOARD_MODE='admin': the allowed values are staff, kiosk.\n"
    assert main([]) == 2
    assert capsys.readouterr().err == "오류: DASHBOARD_MODE='admin': 허용되는 값은 staff, kiosk 입니다.\n"


def test_reconnect_script_carries_both_languages_safely():
    script = reconnect_script(health_url="/_stcore/health", poll_ms=1500)
    assert "잠시 후 다시 연결합니다" in script and "Reconnecting shortly" in script
    assert OVERLAY_ID in script and script.count("</script>") == 1


def test_an_edit_and_an_import_each_write_one_line_after_the_commit(log_lines, tmp_path):
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(DEMO_DIR)
    store.update_service("SVC-001", 1, {"status": "운영"}, user="kim", reason="준공")
    with pytest.raises(ConflictError):  # an edit that does not commit writes no line
        store.update_service("SVC-001", 1, {"status": "보류"}, user="lee", reason="중복")
    frame = store.read_layer("services").iloc[:3]
    store.write_layer("services", frame, mode="replace", user="kim", source_name="services.geojson")
    edit, imported = log_lines()
    assert edit["event"] == "edit" and edit["user"] == "kim" and edit["service_id"] == "SVC-001"
    assert edit["version"] == 2 and edit["changes"] == {"status": ["계획", "운영"]}
    assert imported["event"] == "import" and imported["layer"] == "services" and imported["mode"] == "replace"
    assert (imported["rows"], imported["source"], imported["user"]) == (3, "services.geojson", "kim")
    assert imported["removed"] == len(load_dashboard_data(DEMO_DIR).services)


def test_sign_ins_are_logged_with_the_outcome_and_never_the_password(log_lines, monkeypatch, demo_copy, tmp_path):
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", "correct-horse-battery", display_name="김지리", secrets_path=secrets)
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    monkeypatch.setenv("DASHBOARD_SECRETS_FILE", str(secrets))
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60).run()
    at = at.switch_page("app_pages/data_manager.py").run()
    for password in ("wrong-guess-123", "correct-horse-battery"):
        at.text_input(key="sign_in_username").input("kim_gis")
        at.text_input(key="sign_in_password").input(password)
        at = at.button[0].click().run()
    lines = [line for line in log_lines() if line["event"] == "sign_in"]
    assert [(line["user"], line["ok"], line["locked"]) for line in lines] == [
        ("kim_gis", False, None),
        ("kim_gis", True, None),
    ]
    assert all("client" in line for line in lines)
    assert "wrong-guess-123" not in json.dumps(lines) and "correct-horse" not in json.dumps(lines)


def test_health_names_the_speech_engine_and_warns_on_a_kiosk_without_one(data_copy, isolated_store):
    store = open_store(load_settings())
    store.backup()
    engine = SpeechEngine("/usr/bin/espeak-ng", "1.51", ("ko", "en"))
    staff = check_health(load_settings(), speech_engine=lambda: None)
    assert staff.status == OK and staff.speech is None  # a staff server reads nothing aloud
    kiosk_settings = load_settings({**os.environ, "DASHBOARD_MODE": "kiosk"})
    assert check_health(kiosk_settings, speech_engine=lambda: engine).speech == "1.51 (ko, en)"
    silent = check_health(kiosk_settings, speech_engine=lambda: None)
    assert silent.status == WARN and silent.problems == [
        "speech engine not installed: the kiosk's read-aloud button is off (apt-get install espeak-ng)"
    ]
    assert json.loads(silent.to_json())["speech"] is None
