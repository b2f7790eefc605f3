"""End-to-end fixtures: a real Streamlit server per configuration and headless Debian Chromium.

Every request not addressed to the app's own server is blocked and recorded,
so a test can assert that the app made zero external requests. A screenshot is
saved to the session's temporary artifacts folder (printed in the failure) when a test fails.
Each server gets its own temporary store unless the test gives one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, isolated_env

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_server(env_overrides: dict[str, str], log_dir: Path) -> AppServer:
    """Start ``streamlit run dashboard.py`` and wait until /_stcore/health answers (polling, no fixed sleep)."""
    port = _free_port()
    env = {**isolated_env(dict(os.environ), log_dir / "store"), **env_overrides, "PYTHONUNBUFFERED": "1"}
    log_path = log_dir / f"streamlit-{port}.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return AppServer(url, process, log_path)
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"streamlit did not become healthy:\n{log_path.read_text()}")


def stop_server(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def staff_server(tmp_path_factory) -> Iterator[AppServer]:
    server = start_server({"DASHBOARD_MODE": "staff"}, tmp_path_factory.mktemp("staff"))
    yield server
    stop_server(server)


@dataclass
class BrowserSession:
    page: object
    external_requests: list[str] = field(default_factory=list)


def _is_local(url: str, app_url: str) -> bool:
    return (
        url.startswith(app_url)
        or url.startswith(app_url.replace("http", "ws"))
        or url.split(":", 1)[0]
        in (
            "data",
            "blob",
            "about",
            "chrome-error",
        )
    )


@pytest.fixture
def open_app(browser, request, artifacts_dir):
    """Open a page of a server with external requests blocked; returns a BrowserSession factory."""
    contexts = []

    def _open(server: AppServer, path: str = "/", viewport=(1920, 1080)) -> BrowserSession:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="ko-KR")
        contexts.append(context)
        session = BrowserSession(page=None)

        def route(route_request):
            url = route_request.request.url
            if _is_local(url, server.url):
                return route_request.continue_()
            session.external_requests.append(url)
            return route_request.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(server.url + path)
        session.page = page
        return session

    yield _open
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for number, context in enumerate(contexts):
        if failed:
            for page_number, page in enumerate(context.pages):
                shot = artifacts_dir / f"{request.node.name}-{number}-{page_number}.png"
                page.screenshot(path=str(shot))
                print(f"screenshot of the failed page: {shot}")
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def wait_for_map(page, min_shapes: int = 1, frame_index: int = 0):
    """Wait until Leaflet drew at least ``min_shapes`` vector shapes in the given map frame; return the frame."""
    frame = page.frame_locator(MAP_FRAME).nth(frame_index)
    frame.locator(".leaflet-overlay-pane path").nth(min_shapes - 1).wait_for(state="attached", timeout=45_000)
    return frame


def pytest_collection_modifyitems(config, items):
    """Run the local-cluster tests last: their nginx, instances and kill -9 load the 2-core machine, and in
    fresh CI runs a browser test started right after them sometimes lost a file upload."""
    items.sort(key=lambda item: item.get_closest_marker("cluster") is not None)
