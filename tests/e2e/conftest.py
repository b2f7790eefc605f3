"""End-to-end fixtures: a real Streamlit server per configuration and headless Debian Chromium.

Every request not addressed to the app's own server is blocked and recorded,
so a test can assert that the app made zero external requests. A screenshot is
saved to the session's temporary artifacts folder (printed in the failure) when a test fails.
Each server gets its own temporary store unless the test gives one.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geo.axe import CHROMIUM, CHROMIUM_ARGS  # the one list of Chromium flags (offline, headless)
from tests.conftest import PROJECT_ROOT, isolated_env

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


class PortTaken(RuntimeError):
    """The free port found was taken by another process before the server bound it."""


def start_server(env_overrides: dict[str, str], log_dir: Path) -> AppServer:
    """Start ``streamlit run dashboard.py`` and wait until /_stcore/health answers (polling, no fixed sleep).

    The port is free when chosen but is bound only when the server has started; on a machine shared with
    other servers another process can take it meanwhile, and then a new port is chosen (at most three times).
    """
    for _ in range(2):
        try:
            return _start_once(env_overrides, log_dir)
        except PortTaken:
            continue
    return _start_once(env_overrides, log_dir)


def _start_once(env_overrides: dict[str, str], log_dir: Path) -> AppServer:
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
    deadline = time.monotonic() + 90  # a busy 2-core CI machine (PostGIS, the rest of the suite) starts slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text()
            if re.search(r"Port \d+ is not available|already in use", log):
                raise PortTaken(log)
            raise RuntimeError(f"streamlit exited early:\n{log}")
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


DEFAULT_TIMEOUT_MS = 60_000


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
        # Generous: a cold server reads PROJ/GDAL and builds its store first, on a 2-core machine that CI shares
        # with PostGIS and the rest of the suite. A wait still fails when the thing never comes.
        page.set_default_timeout(DEFAULT_TIMEOUT_MS)
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


# A folium map: the two-way component (the import preview) or a rendered page in a plain frame (home, districts).
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"], [class*="st-key-folium_map_"] iframe'


def wait_for_map(page, min_shapes: int = 1, frame_index: int = 0):
    """Wait until Leaflet drew at least ``min_shapes`` vector shapes in the given map frame; return the frame."""
    frame = page.frame_locator(MAP_FRAME).nth(frame_index)
    # The page's default timeout (60 s): a cold server draws its first map late.
    frame.locator(".leaflet-overlay-pane path").nth(min_shapes - 1).wait_for(state="attached")
    return frame


def pytest_collection_modifyitems(config, items):
    """Run the local-cluster tests last: their nginx, instances and kill -9 load the 2-core machine, and in
    fresh CI runs a browser test started right after them sometimes lost a file upload."""
    items.sort(key=lambda item: item.get_closest_marker("cluster") is not None)


# Streamlit's app element says whether a run is under way (``data-test-script-state``, what Streamlit's own
# browser tests wait on); an element that the current run has not drawn again yet is marked ``data-stale``.
RUN_OVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-stale="true"]');
}"""


def wait_for_run_end(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until no script run is under way and nothing of an earlier run is left stale.

    Call it after something the awaited run draws has shown (or before acting on a page that has loaded):
    between a click and the start of the run it asks for, the page still reads "not running". The status
    widget is no signal: Streamlit shows it only after a run has lasted 500 ms.
    """
    page.wait_for_function(RUN_OVER, timeout=timeout)


def expect_count(locator, count: int, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Assert that ``locator`` ends up matching exactly ``count`` elements: Playwright's expect polls while the
    page still draws (a count taken once can catch a run half done), and fails when the count never comes."""
    from playwright.sync_api import expect

    expect(locator).to_have_count(count, timeout=timeout)
