"""Where the first draw goes on ``/``, ``/map`` and the kiosk: print the split, so the next change is aimed.

Four parts, each in a fresh process where it matters (imports are cached per process):

1. server start-up (spawn until ``/_stcore/health``) and the imports the first script run pays, one module
   after another, each measured on top of the ones before it;
2. store reads: opening the store and reading the data and the reference layers (cold, then cached by the app);
3. the first script run of each page, per step: the page runs headless (``AppTest``) under cProfile and
   every call the entry script and the page script make directly is listed with its time (the imports
   are already paid in part 1);
4. the browser, cold (new server, empty cache) and warm (reload): until the first element, the map and
   the first chart are drawn, and the network: the page's own files, Streamlit's bundle, the components
   and the map payloads, each with its bytes and when it arrived. Requests outside localhost are blocked.

Usage: ``flock /tmp/browser.lock python benchmarks/profile_first_draw.py [--pages home map kiosk] [--top 12]``
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pagetiming import (  # noqa: E402
    NETWORK,
    new_context,
    start,
    wait_marks,
)
from geo.axe import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# The modules the entry script and the three pages import, heaviest first as Python resolves them.
IMPORTS = [
    "streamlit",
    "numpy",
    "pandas",
    "shapely",
    "pyproj",
    "pyogrio",
    "geopandas",
    "plotly.graph_objects",
    "plotly.express",
    "folium",
    "branca",
    "streamlit_folium",
    "yaml",
    "geo.i18n",
    "geo.settings",
    "geo.store",
    "geo.loaders",
    "geo.mapping",
    "geo.charts",
    "geo.analysis.exports",
    "ui.data",
    "ui.frame",
    "ui.auth",
    "ui.kiosk",
    "ui.charts",
    "ui.servicemap",
    "app_pages.home",
]

IMPORT_TIMER = """
import importlib, json, sys, time
sys.path.insert(0, sys.argv[1])
out = []
total = time.perf_counter()
for name in json.loads(sys.argv[2]):
    started = time.perf_counter()
    try:
        importlib.import_module(name)
    except Exception as error:  # a page module runs Streamlit calls at import: its own imports are what counts
        out.append((name, time.perf_counter() - started, type(error).__name__))
        continue
    out.append((name, time.perf_counter() - started, ""))
print(json.dumps({"modules": out, "total": time.perf_counter() - total, "count": len(sys.modules)}))
"""

STORE_TIMER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from geo.settings import load_settings
from geo.store import open_store
t = {}
started = time.perf_counter(); store = open_store(load_settings()); t["open store"] = time.perf_counter() - started
started = time.perf_counter(); store.revision(); t["revision"] = time.perf_counter() - started
started = time.perf_counter(); data = store.read_data(); t["read data"] = time.perf_counter() - started
started = time.perf_counter(); store.reference_layers(); t["reference layers"] = time.perf_counter() - started
started = time.perf_counter(); store.read_data(); t["read data again"] = time.perf_counter() - started
t["services"] = len(data.services)
print(json.dumps(t))
"""

PAGES = {
    # name: (url path, environment, the page's script when AppTest runs it alone, what "drawn" means)
    "home": ("/", {}, None, ("map", "chart")),
    "map": ("/map", {}, "app_pages/map_explorer.py", ("map", "chart")),
    "kiosk": ("/", {"DASHBOARD_MODE": "kiosk"}, None, ("map",)),
}


def part_imports(env: dict[str, str]) -> None:
    print("\n## 1. server start-up and imports (fresh process each)")
    result = json.loads(
        subprocess.run(
            [sys.executable, "-c", IMPORT_TIMER, str(ROOT), json.dumps(IMPORTS)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
            cwd=ROOT,
        ).stdout
    )
    for name, seconds, error in result["modules"]:
        if seconds >= 0.01:
            print(f"  import {name:24} {seconds:6.2f} s {error}")
    print(f"  all imports {result['total']:.2f} s ({result['count']} modules loaded)")


def part_store(env: dict[str, str]) -> None:
    print("\n## 2. store reads (fresh process)")
    result = json.loads(
        subprocess.run(
            [sys.executable, "-c", STORE_TIMER, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
            cwd=ROOT,
        ).stdout
    )
    for name, value in result.items():
        print(f"  {name:20} {value:6.2f} s" if isinstance(value, float) else f"  {name:20} {value:,}")


def _direct_calls(stats: pstats.Stats, caller_file: str, top: int) -> list[tuple[float, str]]:
    """Calls made directly by the code of ``caller_file`` (its module level and its own functions), with their time.

    Calls between the file's own functions are left out, so each step is counted once.
    """
    rows = []
    for (file, line, name), (_cc, _nc, _tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if file.endswith(caller_file):
            continue
        for (c_file, _c_line, _c_name), figures in callers.items():
            if c_file.endswith(caller_file):
                short = file.replace(str(ROOT) + "/", "").replace(sys.prefix, "…")
                rows.append((figures[3], f"{name} ({short}:{line})"))
    return sorted(rows, reverse=True)[:top]


def part_script_run(page: str, env: dict[str, str], top: int) -> None:
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    path, page_env, page_script, _ = PAGES[page]
    profiler = cProfile.Profile()
    original = LocalScriptRunner._run_script_thread
    runs: list[int] = []

    def profiled(self: Any) -> None:
        runs.append(1)
        if len(runs) != 2:  # the first run pays imports and cold caches: the rerun shows what every visit pays
            original(self)
            return
        profiler.enable()
        try:
            original(self)
        finally:
            profiler.disable()

    saved = dict(os.environ)
    os.environ.update({**env, **page_env})
    LocalScriptRunner._run_script_thread = profiled  # type: ignore[method-assign]
    try:
        # A page other than the default runs on its own (AppTest cannot open a URL path of st.navigation).
        app = AppTest.from_file(str(ROOT / (page_script or "dashboard.py")), default_timeout=120)
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        started = time.perf_counter()
        app.run()
        second = time.perf_counter() - started
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]
        os.environ.clear()
        os.environ.update(saved)
    print(f"\n## 3. first script run of {page} ({path}): {first:.2f} s (a rerun: {second:.2f} s), headless")
    if app.exception:
        print(f"  the page raised: {app.exception[0].value[:300]}")
    stats = pstats.Stats(profiler)
    print("  per step in the rerun (the imports and cached reads of the first run are parts 1 and 2):")
    print("  entry script (dashboard.py), direct calls:")
    for seconds, name in _direct_calls(stats, "dashboard.py", top):
        print(f"    {seconds:6.2f} s  {name}")
    target = page_script or ("app_pages/kiosk.py" if page == "kiosk" else "app_pages/home.py")
    print(f"  page script ({target}), direct calls:")
    for seconds, name in _direct_calls(stats, target, top):
        print(f"    {seconds:6.2f} s  {name}")


def _kind(url: str) -> str:
    if "/component/" in url:
        return "component"
    if "/app/static/mapdata" in url:
        return "map payload"
    if "/app/static/" in url:
        return "app static"
    if "/static/js/" in url or "/static/css/" in url or "/static/media/" in url:
        return "streamlit bundle"
    if "/_stcore/" in url:
        return "streamlit api"
    return "other"


def _network_summary(network: dict[str, Any]) -> None:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in network["resources"]:
        groups.setdefault(_kind(entry["name"]), []).append(entry)
    nav = network["nav"] or {}
    print(f"    document: response {nav.get('responseEnd', 0) / 1000:.2f} s, load {nav.get('load', 0) / 1000:.2f} s")
    for kind, entries in sorted(groups.items()):
        size = sum(e["size"] or 0 for e in entries) / 1e3
        body = sum(e["body"] or 0 for e in entries) / 1e3
        first = min(e["start"] for e in entries) / 1000
        last = max(e["end"] for e in entries) / 1000
        print(
            f"    {kind:17} {len(entries):3} files  {size:8.0f} kB over the wire ({body:,.0f} kB unpacked)  "
            f"{first:5.2f}–{last:5.2f} s"
        )
    slow = sorted(network["resources"], key=lambda e: e["end"] - e["start"], reverse=True)[:5]
    for entry in slow:
        name = entry["name"].split("127.0.0.1")[-1][:70]
        print(
            f"      slowest: {name:70} {(entry['end'] - entry['start']) / 1000:5.2f} s ({(entry['body'] or 0) / 1e3:,.0f} kB)"
        )


def part_browser(page_name: str, env: dict[str, str], workdir: Path) -> None:
    from playwright.sync_api import sync_playwright

    path, page_env, _, needs = PAGES[page_name]
    server = start(ROOT / "dashboard.py", {**env, **page_env}, workdir / f"{page_name}.log")
    print(f"\n## 4. browser: {page_name} ({path}); server up in {server.started_s:.2f} s")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context, blocked = new_context(browser, server.url)
            page = context.new_page()
            for label in ("cold", "warm"):
                if label == "cold":
                    page.goto(server.url + path)
                else:
                    page.wait_for_timeout(1500)
                    page.reload()
                try:
                    marks = wait_marks(page, needs)
                except Exception as error:  # one page that never draws is reported; the others still run
                    print(f"  {label}: not drawn: {str(error).splitlines()[0]}")
                    break
                page.wait_for_timeout(300)
                print(
                    f"  {label}: first element {marks.get('app', 0) / 1000:.2f} s, map {marks['map'] / 1000:.2f} s"
                    + (f", first chart {marks['chart'] / 1000:.2f} s" if "chart" in marks else "")
                )
                _network_summary(page.evaluate(NETWORK))
            if blocked:
                print(f"  blocked outside requests: {sorted(set(blocked))[:5]}")
            browser.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--top", type=int, default=10, help="how many direct calls to list per script")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="profile-first-draw-"))
    env = {"DASHBOARD_STORE_DIR": str(workdir)}
    from geo.settings import load_settings
    from geo.store import open_store

    started = time.perf_counter()
    open_store(load_settings({**os.environ, **env}))
    print(f"store built from the bundled data in {time.perf_counter() - started:.2f} s (before the timings)")
    print(f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    part_imports(env)
    part_store(env)
    for page in args.pages:
        part_script_run(page, env, args.top)
    if not args.no_browser:
        for page in args.pages:
            part_browser(page, env, workdir)
    print(f"\nload average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
