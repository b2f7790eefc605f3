"""Shared by the page benchmark and the first-draw profile: start an app, open a page, time its first draw.

"Drawn" is what a person sees: the map (a Leaflet layer or marker inside the page's map frame, or the staff
map's canvas with points on it) and the first Plotly chart with its SVG. A script injected before any page
script polls for both every 20 ms and records ``performance.now()`` when each first appears, so the figures
come from the browser's own clock (navigation start = 0), not from polling round trips.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# The benchmarks' browser scripts, kept as JavaScript files.
JS_DIR = Path(__file__).resolve().parent / "js"
# Polls in every frame of the page (the map frames are same-origin): records first map and first chart.
DRAW_MARKS = (JS_DIR / "draw_marks.js").read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    started_s: float  # from spawn until /_stcore/health answered

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(script: Path, env: dict[str, str], log: Path, port: int | None = None, root: Path = ROOT) -> Server:
    """Start ``streamlit run script`` with ``env`` added, in ``root`` (a checkout of the app); return once it answers."""
    port = port or free_port()
    spawned = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.enableStaticServing",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=root,
        env={**os.environ, **env, "PYTHONPATH": str(root)},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return Server(process, url, time.perf_counter() - spawned)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{script.name} did not start: {log.read_text()}")


def new_context(browser: Any, base_url: str) -> tuple[Any, list[str]]:
    """A browser context that blocks (and records) every request outside ``base_url``; draw marks injected."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base_url) or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(DRAW_MARKS)
    return context, blocked


# Streamlit's error box or exception: a page that shows one will never draw its map.
PAGE_ERROR = (
    '() => { const e = document.querySelector(\'[data-testid="stException"], [data-testid="stAlertContentError"]\');'
    " return e ? e.innerText : null; }"
)


def wait_marks(page: Any, needs: tuple[str, ...], timeout_ms: int = 120_000) -> dict[str, float]:
    """Wait for the marks in ``needs`` ("app", "map", "chart"); all marks in ms since navigation start."""
    condition = " && ".join(f"window.__marks.{name}" for name in needs)
    page.wait_for_function(
        f"() => !!(window.__marks && {condition}) || !!({PAGE_ERROR})()", polling=50, timeout=timeout_ms
    )
    error = page.evaluate(PAGE_ERROR)
    if error:
        raise RuntimeError(f"the page shows an error: {error[:400]}")
    marks: dict[str, float] = page.evaluate("() => window.__marks")
    return marks


def first_draw_s(marks: dict[str, float], needs: tuple[str, ...]) -> float:
    """Seconds from navigation start until everything in ``needs`` was drawn."""
    return max(marks[name] for name in needs) / 1000


# What the page and its frames fetched, and when (a function for ``page.evaluate``).
NETWORK = (JS_DIR / "network.js").read_text(encoding="utf-8")
