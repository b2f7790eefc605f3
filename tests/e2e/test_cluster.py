"""The deployment, tried: deploy/local-cluster.sh brings up PostGIS, two staff and two kiosk instances and nginx.

Through nginx the staff map and the kiosk load with zero external requests; an edit on one instance shows
on the other; a sign-in lockout earned on one instance holds on the other (the attempts live in PostGIS);
killing the instance that serves a page leaves the page working through the other, with nobody touching
it; ``down`` leaves nothing running. Needs root, nginx and PostgreSQL from Debian (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geo.auth import add_user
from geo.settings import load_settings
from geo.store import open_store
from tests.conftest import PROJECT_ROOT, poll
from tests.e2e.conftest import AppServer, wait_for_run_end
from ui.reconnect import OVERLAY_ID

pytestmark = [pytest.mark.browser, pytest.mark.cluster]

SCRIPT = PROJECT_ROOT / "deploy" / "local-cluster.sh"
PASSWORD = "correct-horse-battery"
DOTS = ".kiosk-dots"
SERVICE_MAP = 'iframe[src*="service_map"]'
OUTAGE_S = 120
STREAMLIT_DIALOG = "Connection error|is not responding|still running"


def wait_for_map(page) -> None:
    """Wait until the staff map's own frame has its data and drew it."""
    page.wait_for_function(
        f"() => {{ const f = document.querySelector('{SERVICE_MAP}');"
        " const m = f && f.contentWindow && f.contentWindow.svcMap; return !!m && m.el.dataset.ready === '1'; }",
        timeout=90_000,
    )


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


@dataclass
class Cluster:
    directory: Path
    env: dict[str, str]
    staff: AppServer  # nginx in front of the staff instances
    kiosk: AppServer  # nginx in front of the kiosk instances
    staff_ports: list[int]
    health_port: int

    def run(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            ["bash", str(SCRIPT), *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, f"local-cluster.sh {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def instance(self, port: int) -> AppServer:
        return AppServer(f"http://127.0.0.1:{port}", None, self.directory / f"instance-{port}.log")

    def app_settings(self):
        env = {}
        for line in (self.directory / "dashboard.env").read_text().splitlines():
            if re.match(r"^[A-Z_][A-Z0-9_]*=", line):
                key, value = line.split("=", 1)
                env[key] = value
        return load_settings(env)


def _prerequisites() -> None:
    if os.geteuid() != 0:
        pytest.skip("the local cluster needs root (PostGIS and nginx from Debian packages)")
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (apt-get install nginx; .ci/run installs it)")
    if shutil.which("pg_ctlcluster") is None and shutil.which("apt-get") is None:
        pytest.skip("no PostgreSQL and no apt-get to install it")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    _prerequisites()
    directory = tmp_path_factory.mktemp("cluster")
    nginx, kiosk_nginx, a, b, ka, kb, health = _free_ports(7)
    env = {
        **os.environ,
        "CLUSTER_DIR": str(directory),
        "CLUSTER_PORT": str(nginx),
        "CLUSTER_KIOSK_PORT": str(kiosk_nginx),
        "CLUSTER_APP_PORTS": f"{a} {b}",
        "CLUSTER_KIOSK_APP_PORTS": f"{ka} {kb}",
        "CLUSTER_HEALTH_PORT": str(health),
        "POSTGIS_DB": "dashboard_cluster_test",
        # The interpreter running the tests, whether or not its virtual environment is activated.
        "DASHBOARD_PYTHON": sys.executable,
        "CLUSTER_FRESH": "1",  # no edit or sign-in lock left from an earlier run
        # Inherited by the instances (not in the environment file): a quick kiosk rotation for the test.
        "DASHBOARD_KIOSK_INTERVAL": "4",
        "DASHBOARD_KIOSK_IDLE_RESET": "8",
    }
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=directory / "secrets.toml")
    made = Cluster(
        directory,
        env,
        AppServer(f"http://127.0.0.1:{nginx}", None, directory / "nginx-staff-access.log"),
        AppServer(f"http://127.0.0.1:{kiosk_nginx}", None, directory / "nginx-kiosk-access.log"),
        [a, b],
        health,
    )
    try:
        made.run("up")
        yield made
    finally:
        made.run("down")
    # Nothing left: no recorded process, nothing listening on the cluster's ports.
    assert list(directory.glob("*.pid")) == []
    for port in (nginx, kiosk_nginx, a, b, ka, kb, health):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers after down"


def _sign_in(page, username: str, password: str) -> None:
    page.get_by_label("사용자 이름").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()


# Every staff page and what shows it has drawn (the data page asks for a sign-in: secrets are configured).
STAFF_PAGES = {
    "/": "안산 스마트도시 대시보드",
    "/map": None,  # the map's own frame drew its points
    "/districts": "지구별 현황",
    "/briefing": "스마트도시계획 한눈에",
    "/data": "직원 로그인",
}


def _every_staff_page(cluster: Cluster, open_app) -> set[int]:
    """Open each staff page in a new tab through nginx; each draws with zero external requests and no error.
    Returns the instance ports that answered."""
    served = set()
    for path, heading in STAFF_PAGES.items():
        session = open_app(cluster.staff, path)
        page = session.page
        if heading is None:
            wait_for_map(page)
        else:
            page.get_by_role("heading", name=heading).first.wait_for()
        assert page.locator("[data-testid='stException']").count() == 0, path
        assert session.external_requests == [], path
        served.add(_upstream_of_latest(cluster.staff.log_path))
        page.context.close()
    return served


def test_pages_through_nginx_offline_with_health_and_closed_metrics(cluster, open_app):
    assert _every_staff_page(cluster, open_app) <= set(cluster.staff_ports)
    session = open_app(cluster.staff, "/map")
    wait_for_map(session.page)
    kiosk = open_app(cluster.kiosk, "/")
    kiosk.page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
    kiosk.page.locator(DOTS).wait_for()
    assert session.external_requests == [] and kiosk.external_requests == []
    with pytest.raises(urllib.error.HTTPError) as closed:
        urllib.request.urlopen(cluster.staff.url + "/_stcore/metrics", timeout=10)
    assert closed.value.code == 403
    with urllib.request.urlopen(cluster.staff.url + "/healthz", timeout=20) as response:
        report = json.loads(response.read())
    assert report["store_ok"] and report["revision"] and len(report["instances"]) == 4
    assert all(instance["ok"] for instance in report["instances"])
    # Static front-end files are cached by nginx after the first request.
    script = re.search(r'src="\./?(static/js/[^"]+)"', urllib.request.urlopen(cluster.staff.url).read().decode())
    for _ in range(2):
        with urllib.request.urlopen(f"{cluster.staff.url}/{script.group(1)}", timeout=10) as response:
            cache = response.headers["X-Cache"]
    assert cache == "HIT"


def test_an_edit_on_one_instance_shows_on_the_other(cluster, open_app, bundled):
    store = open_store(cluster.app_settings())
    services = store.read_data().services
    # A service with a reported budget: editing one without (미공개) fails on the data page (reported to its owner).
    row = services.loc[(services.geom_type == "Point") & services["budget_krw_100m"].notna()].iloc[0]
    service_id, name = row["service_id"], row["name_ko"]
    new_status = "보류" if row["status"] != "보류" else "구축"
    first, second = cluster.staff_ports

    editor = open_app(cluster.instance(first), "/data")
    page = editor.page
    _sign_in(page, "kim_gis", PASSWORD)
    page.get_by_role("tab", name="서비스 수정").wait_for()
    wait_for_run_end(page)  # the sign-in run draws the whole page: type into the box once it is drawn
    search = page.get_by_label("서비스명이나 ID로 찾기")
    search.fill(service_id)
    search.press("Enter")
    page.locator(".detail-panel h4", has_text=name).wait_for()
    form = page.locator("[data-testid='stForm']")
    form.get_by_label("추진 상태").click()
    page.get_by_role("option", name=new_status, exact=True).click()
    form.get_by_label("변경 사유 (필수)").fill("클러스터 시험")
    form.get_by_role("button", name="저장").click()
    page.get_by_text(re.compile(r"^버전 \d+ · 마지막 수정: 김지리\(kim_gis\)")).wait_for()
    saved_at = time.monotonic()

    # The other instance, opened after the save: its next run reads the store's new revision.
    viewer = open_app(
        cluster.instance(second), "/map?" + urllib.parse.urlencode({"q": name, "sel": f"svc:{service_id}"})
    )
    panel = viewer.page.locator(".detail-panel")
    panel.wait_for()
    assert new_status in panel.locator("tr", has_text="추진 상태").inner_text()
    assert time.monotonic() - saved_at < 30
    assert editor.external_requests == [] and viewer.external_requests == []


def test_a_lockout_earned_on_one_instance_holds_on_the_other(cluster, open_app):
    first, second = cluster.staff_ports
    attacker = open_app(cluster.instance(first), "/data").page
    alert = attacker.locator("[data-testid='stAlert']")
    shown = ""
    for attempt in range(5):
        _sign_in(attacker, "kim_gis", f"wrong-password-{attempt}")
        # Each answer differs from the one before (fewer attempts left, then locked).
        shown = poll(
            lambda before=shown: alert.count() and alert.last.inner_text() != before and alert.last.inner_text(),
            30,
            f"an answer to attempt {attempt + 1}",
        )
    assert "잠겼습니다" in shown
    # The right password on the other instance is refused while the lock lasts.
    owner = open_app(cluster.instance(second), "/data").page
    _sign_in(owner, "kim_gis", PASSWORD)
    owner.get_by_text(re.compile("'kim_gis' 계정은 .*잠겼습니다")).wait_for()
    assert owner.get_by_role("tab", name="서비스 수정").count() == 0


def _upstream_of_latest(access_log: Path) -> int:
    """The instance that answered the latest logged request (after a failed try nginx logs "dead, survivor")."""
    answered = [u for u in re.findall(r"upstream=(.+?) rt=", access_log.read_text()) if u != "-"][-1]  # - : cache hit
    return int(answered.split(", ")[-1].rsplit(":", 1)[1])


def test_killing_the_serving_instance_leaves_pages_working_through_the_other(cluster, open_app):
    # Staff map through nginx: the instance that serves it is killed; the open page carries on alone.
    session = open_app(cluster.staff, "/map")
    page = session.page
    wait_for_map(page)
    killed = int(cluster.run("kill-one", "staff").strip().splitlines()[-1])
    survivor = next(p for p in cluster.staff_ports if p != killed)
    poll(
        lambda: _upstream_of_latest(cluster.staff.log_path) == survivor,
        60,
        "the page reconnected to the survivor",
        page,
    )
    # The same tab, untouched since the crash, still works: a search runs on the survivor (kept in the URL).
    # The survivor starts a new session and reruns the page, which can clear a box typed into meanwhile.
    search = page.get_by_label("서비스명 검색")

    def searched() -> bool:
        search.fill("스마트")
        search.press("Enter")
        page.wait_for_timeout(1500)
        return "q=" in page.url

    poll(searched, 45, "a search ran on the surviving instance", page)
    wait_for_map(page)
    assert page.get_by_text("Connection error").filter(visible=True).count() == 0
    assert session.external_requests == []
    # New visits work too, every page, all through the survivor.
    assert _every_staff_page(cluster, open_app) == {survivor}
    # up brings the killed instance back (idempotent).
    cluster.run("up")
    assert cluster.run("status").count(": running (pid") == 4


@dataclass
class KioskWatch:
    """What a kiosk tab shows over time: every change of (screen, notice, Streamlit dialog), seconds from the start."""

    page: object
    started: float = field(default_factory=time.monotonic)
    timeline: list[tuple[float, str | None, bool, bool]] = field(default_factory=list)

    def look(self) -> tuple[float, str | None, bool, bool]:
        dots = self.page.locator(DOTS)
        screen = dots.first.get_attribute("data-screen") if dots.count() else None
        notice = self.page.locator(f"#{OVERLAY_ID}").is_visible()
        dialog = (
            self.page.get_by_role("dialog").filter(visible=True).count() > 0
            or self.page.get_by_text(re.compile(STREAMLIT_DIALOG)).filter(visible=True).count() > 0
        )
        seen = (round(time.monotonic() - self.started, 1), screen, notice, dialog)
        if not self.timeline or self.timeline[-1][1:] != seen[1:]:
            self.timeline.append(seen)
        return seen

    def rotated(self, screens: int, since_s: float) -> bool:
        """Whether, looking now, the kiosk has shown ``screens`` different screens since ``since_s`` (not counting
        a screen under the notice: that is the last good screen kept from before)."""
        self.look()
        shown = {
            screen for at, screen, notice, _ in self.timeline if at >= since_s and screen is not None and not notice
        }
        return len(shown) >= screens

    def report(self) -> str:
        return "\n".join(
            f"{at:7.1f} s  screen {screen if screen is not None else '-'}  notice {'yes' if notice else 'no'}"
            f"  streamlit dialog {'YES' if dialog else 'no'}"
            for at, screen, notice, dialog in self.timeline
        )


@pytest.mark.slow
def test_kiosk_through_nginx_rides_out_its_instance_dying_and_a_two_minute_outage_of_both(
    cluster, open_app, artifacts_dir
):
    """First the instance serving the kiosk dies while the other stays up: nginx moves the kiosk to the other
    instance and it rotates on. Then that one dies too, so no kiosk instance is left for two minutes (a true
    outage): the calm notice, never Streamlit's dialog, and back to rotation alone when the instances return."""
    kiosk = open_app(cluster.kiosk, "/")
    page = kiosk.page
    page.locator(DOTS).wait_for()
    watch = KioskWatch(page)
    poll(lambda: watch.rotated(2, 0), 30, "the kiosk rotated before the test", page)

    # 1. One instance dies, the other is up.
    first = int(cluster.run("kill-one", "kiosk").strip().splitlines()[-1])
    killed_at = watch.look()[0]
    poll(
        lambda: watch.rotated(3, killed_at),
        90,
        "the kiosk rotated through three screens on the other instance",
        page,
    )
    failover = watch.report()
    (artifacts_dir / "kiosk-failover.txt").write_text(failover)
    print(f"kiosk after instance {first} died (killed at {killed_at} s):\n{failover}")
    assert not any(dialog for *_, dialog in watch.timeline), failover
    second = int(cluster.run("kill-one", "kiosk").strip().splitlines()[-1])
    assert second != first, "kill-one should find the kiosk on the surviving instance"

    # 2. Both are gone: the outage.
    down_at = time.monotonic()
    down_s = watch.look()[0]
    notice = page.locator(f"#{OVERLAY_ID}")
    poll(notice.is_visible, 15, "the reconnecting notice appeared", page)
    assert notice.inner_text().split("\n")[:2] == ["잠시 후 다시 연결합니다", "Reconnecting shortly"]
    page.screenshot(path=str(artifacts_dir / "kiosk-outage-nginx.png"))
    checks = 0
    while time.monotonic() - down_at < OUTAGE_S:
        _, _, shown, dialog = watch.look()
        assert shown, f"notice gone after {time.monotonic() - down_at:.0f} s"
        assert not dialog, f"Streamlit's dialog after {time.monotonic() - down_at:.0f} s"
        checks += 1
        # A look every second: each look itself takes time on a busy machine, and the count
        # below asks for looks spread through the outage, not for a rate the machine cannot keep.
        page.wait_for_timeout(1000)
    assert checks > 40

    cluster.run("up")
    back_at = watch.look()[0]
    # Back by itself through nginx: the notice goes, the kiosk draws and rotates again, no dialog on the way.
    poll(
        lambda: watch.rotated(3, back_at) and not watch.look()[2],
        120,
        "the kiosk rotated through three screens after the outage",
        page,
    )
    outage = watch.report()
    (artifacts_dir / "kiosk-outage-nginx.txt").write_text(outage)
    print(f"kiosk through the outage (both down at {down_s} s, up again at {back_at} s):\n{outage}")
    assert not any(dialog for *_, dialog in watch.timeline), outage
    page.screenshot(path=str(artifacts_dir / "kiosk-after-outage-nginx.png"))
    assert kiosk.external_requests == []
    assert cluster.run("status").count(": running (pid") == 4
