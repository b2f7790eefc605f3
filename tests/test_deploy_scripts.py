"""The operator's scripts in deploy/: the kiosk watchdog, the nginx templates, the backup with retention."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, poll, postgis_url

DEPLOY = PROJECT_ROOT / "deploy"


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:
        pass


def _serve(port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), _Health)
    server.allow_reuse_address = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_kiosk_watchdog_restarts_the_browser_when_the_server_returns_and_when_it_exits(tmp_path):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (the watchdog asks the health URL with it)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    launches = tmp_path / "launches"
    fake = tmp_path / "browser.sh"  # stands in for kiosk-launch.sh: records its start, then stays up
    fake.write_text(f'#!/usr/bin/env bash\necho "$$ $1" >> {launches}\nexec sleep 600\n')
    fake.chmod(0o755)
    env = {
        **os.environ,
        "KIOSK_CONFIG": str(tmp_path / "none.env"),
        "KIOSK_URL": f"http://127.0.0.1:{port}/",
        "KIOSK_POLL": "0.2",
        "KIOSK_LAUNCH": str(fake),
    }
    health = _serve(port)
    watchdog = subprocess.Popen(["bash", str(DEPLOY / "kiosk" / "kiosk-watchdog.sh")], env=env, stderr=subprocess.PIPE)

    def count() -> int:
        return len(launches.read_text().splitlines()) if launches.exists() else 0

    try:
        poll(lambda: count() == 1, 10, "the browser started")
        health.shutdown()
        health.server_close()
        time.sleep(1)  # several polls while the server is away: the browser is left alone
        assert count() == 1
        health = _serve(port)
        poll(lambda: count() == 2, 10, "the browser restarted when the server came back")
        second_pid = int(launches.read_text().splitlines()[-1].split()[0])
        os.kill(second_pid, signal.SIGKILL)
        poll(lambda: count() == 3, 10, "the browser started again after it died")
        assert [line.split()[1] for line in launches.read_text().splitlines()] == [f"http://127.0.0.1:{port}/"] * 3
    finally:
        watchdog.terminate()
        watchdog.wait(timeout=15)
        health.shutdown()
        health.server_close()
    # Stopping the watchdog stops its browser too: nothing is left on the screen's account.
    last_pid = int(launches.read_text().splitlines()[-1].split()[0])
    poll(lambda: not Path(f"/proc/{last_pid}").exists(), 10, "the browser stopped with the watchdog")


def test_nginx_templates_render_completely_and_nginx_accepts_them(tmp_path):
    env = {
        **os.environ,
        "APP_PORTS": "8501 8502 8503",
        "CACHE_DIR": str(tmp_path / "cache"),
        "HEALTH_ALLOW": "10.1.2.0/24",
    }
    subprocess.run(["bash", str(DEPLOY / "nginx" / "render.sh"), str(tmp_path / "out")], env=env, check=True)
    http = (tmp_path / "out" / "dashboard-http.conf").read_text()
    locations = (tmp_path / "out" / "dashboard-locations.conf").read_text()
    assert "@@" not in http + locations
    assert http.count("max_fails=1 fail_timeout=10s;") == 3 and "allow 10.1.2.0/24;" in locations
    # Streamlit's metrics are closed at the proxy, and the instances behind it listen on loopback only.
    assert re.search(r"location = /_stcore/metrics \{\s*deny all;\s*\}", locations)
    assert all(line.strip().startswith("server 127.0.0.1:") for line in http.splitlines() if "max_fails" in line)
    instance = (DEPLOY / "bin" / "dashboard-instance.sh").read_text()
    assert "--server.address 127.0.0.1" in instance
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed: rendered, not checked by nginx -t")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include {tmp_path}/out/dashboard-http.conf;\n"
        f"  server {{ listen 127.0.0.1:1; set $dashboard_upstream dashboard_app; include {tmp_path}/out/dashboard-locations.conf; }} }}\n"
    )
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


@pytest.mark.postgis
def test_postgis_backup_keeps_the_newest_and_leaves_no_partial_file(tmp_path):
    url = postgis_url()
    from geo.settings import load_settings
    from geo.store import open_store

    open_store(load_settings({"DATABASE_URL": url}))
    env = {**os.environ, "DATABASE_URL": url, "BACKUP_DIR": str(tmp_path), "BACKUP_KEEP": "2"}
    for stamp in ("20260101-010101", "20260102-010101", "20260103-010101"):
        (tmp_path / f"dashboard-{stamp}.dump").write_bytes(b"old")
    done = subprocess.run(
        ["bash", str(DEPLOY / "bin" / "dashboard-backup.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == 2 and kept[0] == "dashboard-20260103-010101.dump" and '"event": "backup"' in done.stdout
    newest = tmp_path / kept[1]
    listing = subprocess.run(["pg_restore", "--list", str(newest)], capture_output=True, text=True)
    assert listing.returncode == 0 and "TABLE DATA dashboard services" in listing.stdout
    # A server that refuses: the run fails and leaves no partial file.
    env["DATABASE_URL"] = "postgresql://nobody:wrong@127.0.0.1:1/none"
    failed = subprocess.run(
        ["bash", str(DEPLOY / "bin" / "dashboard-backup.sh")], env=env, capture_output=True, text=True
    )
    assert failed.returncode != 0 and sorted(p.name for p in tmp_path.iterdir()) == kept


def test_geopackage_backup_writes_one_json_line_naming_the_file(isolated_store, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(BACKUP_KEEP="3", DASHBOARD_PYTHON=sys.executable)
    done = subprocess.run(
        ["bash", str(DEPLOY / "bin" / "dashboard-backup.sh")],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(text) for text in done.stderr.splitlines() if text.startswith("{")]
    backup = Path(line["file"])
    assert line["event"] == "backup" and line["backend"] == "geopackage" and line["keep"] == 3
    assert backup.parent == isolated_store / "backups" and line["bytes"] == backup.stat().st_size > 0


def test_the_app_unit_lets_the_app_write_where_it_writes_at_run_time():
    """ProtectSystem=strict makes the app folder read-only; the staff map writes its point files into
    static/mapdata (Streamlit serves only that folder), so the unit must open exactly that folder."""
    from ui.servicemap import PAYLOAD_DIR

    unit = (DEPLOY / "systemd" / "dashboard@.service").read_text()
    workdir = Path(re.search(r"^WorkingDirectory=(.+)$", unit, re.M).group(1))
    writable = re.search(r"^ReadWritePaths=(.+)$", unit, re.M).group(1).split()
    assert "ProtectSystem=strict" in unit.splitlines()
    assert str(workdir / PAYLOAD_DIR.relative_to(PROJECT_ROOT)) in writable
    install = (DEPLOY / "README.md").read_text()
    assert (
        install.count(f"install -d -o dashboard -g dashboard {workdir / 'static' / 'mapdata'}") == 2
    )  # install, upgrade


def test_systemd_knows_every_setting_of_the_units():
    """systemd ignores a setting in the wrong section with only a warning (StartLimit* once sat in [Service])."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    for unit in sorted((DEPLOY / "systemd").iterdir()):
        checked = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
        warnings = [line for line in checked.stderr.splitlines() if "Unknown" in line or "ignoring" in line]
        assert warnings == [], unit.name


@pytest.mark.postgis
def test_postgis_restore_keeps_the_lock_and_the_audit_record(tmp_path):
    """Issue 25 on PostGIS: six wrong sign-ins, a restore of an earlier dump, the right password still refused."""
    from datetime import datetime, timedelta

    from geo.auth import MAX_FAILURES, StaffUser, hash_password, sign_in
    from tests.conftest import DEMO_DIR
    from tests.test_store import make_store

    store, cleanup = make_store("postgis", tmp_path)
    try:
        store.initialise(DEMO_DIR)
        schema = store.schema
        dump = tmp_path / "dashboard-20260101-010101.dump"
        dumped = subprocess.run(
            ["pg_dump", "--format=custom", f"--schema={schema}", "--no-owner", f"--file={dump}", postgis_url()],
            capture_output=True,
            text=True,
        )
        assert dumped.returncode == 0, dumped.stderr
        now = datetime.now()
        for n in range(MAX_FAILURES + 1):
            sign_in({}, store, "kim", "wrong", now + timedelta(seconds=n))
        store.update_service("SVC-001", 1, {"status": "운영"}, user="kim")

        env = {**os.environ, "DATABASE_URL": postgis_url(), "BACKUP_SCHEMA": schema, "USER": "admin"}
        env.pop("SUDO_USER", None)
        done = subprocess.run(
            ["bash", str(DEPLOY / "bin" / "dashboard-restore.sh"), str(dump)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr

        assert store.service_record("SVC-001").values["status"] == "계획"
        users = {"kim": StaffUser("kim", "김지리", hash_password("the-right-password"))}
        refused = sign_in(users, store, "kim", "the-right-password", now + timedelta(minutes=1))
        assert not refused.ok and refused.scope == "account"
        audit = store.audit_log()
        assert audit["action"].tolist() == ["initialise", *["sign-in:failed"] * MAX_FAILURES, "restore"]
        assert audit["user"].iloc[-1] == "admin"
        assert audit["detail"].iloc[-1] == f"백업 {dump.name}에서 복원했습니다 (감사 기록과 로그인 잠금은 유지)"
    finally:
        cleanup()


def test_the_local_cluster_uses_the_python_it_is_given_and_stops_early_without_the_requirements(tmp_path):
    """Issue 25: run from a venv that was not activated, the script took python3 from PATH (no geopandas)."""
    script = DEPLOY / "local-cluster.sh"
    env = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_PYTHON", "VIRTUAL_ENV")}
    bare = tmp_path / "python3"
    bare.write_text("#!/bin/sh\nexit 1\n")  # a Python without the requirements
    bare.chmod(0o755)
    env.update(CLUSTER_DIR=str(tmp_path / "cluster"), DASHBOARD_PYTHON=str(bare))
    refused = subprocess.run(["bash", str(script), "up"], env=env, capture_output=True, text=True, timeout=30)
    assert refused.returncode != 0 and f"'{bare}' cannot import" in refused.stderr
    assert "set DASHBOARD_PYTHON" in refused.stderr and not (tmp_path / "cluster").exists()
    # Given nothing, an activated virtual environment is preferred to python3 from PATH.
    probe = subprocess.run(
        ["bash", "-c", f'source <(sed -n "1,/^need_python/p" {script} | head -n -1); echo "$PYTHON"'],
        env={**env, "DASHBOARD_PYTHON": "", "VIRTUAL_ENV": str(Path(sys.executable).parent.parent)},
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == str(Path(sys.executable).parent.parent / "bin" / "python")
