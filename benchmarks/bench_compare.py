"""The staff map against pydeck (WebGL) and folium's FastMarkerCluster, in one run, one browser, same points.

For each size N it writes N synthetic services, starts three servers (the app's ``/map``, a pydeck
ScatterplotLayer app, a folium FastMarkerCluster app; ``benchmarks/apps/``) and times in headless
Chromium, with every non-local request blocked:

- cold: first navigation after the server started (the app also builds its store from N features);
- warm: a reload, to the first drawn points, and until settled (no script running);
- filter: a name search down to 10 points, to those drawn; cleared: back to all N drawn;
- frame: pan and zoom with the mouse, p95 of frame intervals (ms);
- heap: the JS heap after the page settled (MB).

An app that cannot cope at a size is reported in the table, not left out: ``timed out`` (a step took longer
than ``--timeout``), ``tab crashed`` (the browser's renderer died, e.g. out of memory) or the error's name.

Usage: ``flock /tmp/browser.lock python benchmarks/bench_compare.py [--sizes 1000 10000 100000]``;
``--sizes 1000000 --apps ours --data-cache /tmp/bench-data`` for a million points (the synthetic data
takes minutes to write at that size, the app's store minutes to build from it; the cache keeps both for the
next run, whose cold start is then a restart).
Needs ``pip install -r requirements-bench.txt`` (pydeck).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.pagetiming import start  # noqa: E402
from benchmarks.synthetic import write_large_data_dir  # noqa: E402
from geo.settings import load_settings  # noqa: E402
from geo.store import open_store  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SEARCH = "가로등 00001"  # matches exactly 10 synthetic names (000010 … 000019)
IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
OURS = 'iframe[src*="service_map"]'
FOLIUM = 'iframe[title="streamlit_folium.st_folium"]'


def baseline_script(workdir: Path, name: str) -> Path:
    """The baseline app copied next to a copy of the app's vendored files, so it serves the same local Leaflet.

    A copy, not a link: Streamlit refuses static files whose real path leaves the app's folder.
    """
    folder = workdir / name.removesuffix(".py")
    shutil.copytree(ROOT / "static" / "vendor", folder / "static" / "vendor")
    shutil.copy(ROOT / "benchmarks" / "apps" / name, folder / name)
    return folder / name


# --- per app: how to know its points are drawn (polled in the browser) ---
def ours_drawn(count: int | None) -> str:
    want = "n > 0" if count is None else f"v === {count} && n === {count}"
    return (
        f"() => {{ const f = document.querySelector('{OURS}'); const m = f && f.contentWindow.svcMap;"
        " if (!m || m.el.dataset.ready !== '1') return false; const d = m.el.dataset;"
        f" const v = +d.visible, n = +d.drawnPoints + +d.drawnInClusters; return {want}; }}"
    )


def folium_drawn(count: int | None) -> str:
    want = "n > 0" if count is None else f"n === {count}"
    return (
        f"() => {{ const f = document.querySelector('{FOLIUM}'); const d = f && f.contentDocument; if (!d) return false;"
        " let n = 0; d.querySelectorAll('.marker-cluster').forEach(c => n += +c.innerText);"
        f" n += d.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length; return {want}; }}"
    )


def pydeck_drawn(count: int | None) -> str:
    want = "true" if count is None else f"!!document.body.innerText.match(/shown {count}\\b/)"
    return (
        "() => { const c = document.querySelector('[data-testid=\"stDeckGlJsonChart\"] canvas');"
        f" return !!c && c.width > 0 && {want}; }}"
    )


# Streamlit's error box or exception: a page that shows one will never draw its points.
PAGE_ERROR = (
    '() => { const e = document.querySelector(\'[data-testid="stException"], [data-testid="stAlertContentError"]\');'
    " return e ? e.innerText : null; }"
)


def wait_drawn(page, condition: str, polling: int = 50) -> None:
    """Wait until ``condition`` (a JS function) holds; fail at once, with its text, if the page shows an error."""
    page.wait_for_function(f"() => ({condition})() || !!({PAGE_ERROR})()", polling=polling)
    error = page.evaluate(PAGE_ERROR)
    if error:
        raise RuntimeError(f"the page shows an error instead of the map: {error[:400]}")


def frame_p95(page, map_selector: str) -> float:
    """p95 frame interval (ms) while dragging and wheel-zooming over the map."""
    box = page.locator(map_selector).first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(
        "() => { window.__frames = []; let last = performance.now();"
        " const tick = t => { window.__frames.push(t - last); last = t; if (window.__frames.length < 100000)"
        " window.__raf = requestAnimationFrame(tick); }; window.__raf = requestAnimationFrame(tick); }"
    )
    page.mouse.move(cx, cy)
    page.mouse.down()
    for step in range(30):
        page.mouse.move(cx + 6 * step, cy + 3 * step)
    page.mouse.up()
    for _ in range(3):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(250)
    for _ in range(3):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(250)
    frames = sorted(page.evaluate("() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(1); }"))
    return frames[int(len(frames) * 0.95)] if frames else float("nan")


def heap_mb(page) -> float:
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    return metrics.get("JSHeapUsedSize", float("nan")) / 1e6


def measure(
    browser,
    url: str,
    path: str,
    drawn,
    search_box,
    map_selector: str,
    count: int,
    shot: Path,
    settled_shot: Path | None = None,
    timeout_s: float = 600,
    result: dict[str, float] | None = None,
) -> dict[str, float]:
    """Time one app; on any failure a screenshot of the page is saved as ``shot`` and the error raised.

    ``settled_shot``: where to save a screenshot of the settled page (before the frame and filter timings).
    ``result``: filled as the steps go, so the figures reached before a failure are kept.
    """
    result = {} if result is None else result
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ko-KR")
    blocked: list[str] = []
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(url) or r.request.url.startswith(("data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    crashed: list[bool] = []
    page.on("crash", lambda _page: crashed.append(True))
    try:
        return _timings(page, url, path, drawn, search_box, map_selector, count, blocked, settled_shot, result)
    except Exception as error:
        if crashed:
            raise TabCrashed("tab crashed") from error
        try:
            page.screenshot(path=str(shot), timeout=30_000)
            print(f"  screenshot of the page: {shot}")
        except PlaywrightError:
            pass
        raise
    finally:
        context.close()


class TabCrashed(RuntimeError):
    """The browser's renderer died (out of memory, most often): the app cannot cope at this size."""


def failure(error: Exception) -> str:
    """How a failed app is named in the table: timed out, tab crashed, or the error's class."""
    if isinstance(error, TabCrashed):
        return "tab crashed"
    if isinstance(error, PlaywrightTimeout):
        return "timed out"
    if isinstance(error, PlaywrightError) and "crash" in str(error).lower():
        return "tab crashed"
    return error.__class__.__name__


# The steps in the order they are taken: a failed app failed at the first one it has no figure for.
STEPS = ("cold", "warm", "settled", "heap", "frame", "filter", "cleared")


def _timings(page, url, path, drawn, search_box, map_selector, count, blocked, shots, result) -> dict[str, float]:
    start = time.perf_counter()
    page.goto(url + path)
    wait_drawn(page, drawn(None))
    result["cold"] = time.perf_counter() - start
    page.wait_for_function(IDLE)
    start = time.perf_counter()
    page.reload()
    wait_drawn(page, drawn(None))
    result["warm"] = time.perf_counter() - start
    page.wait_for_function(drawn(count), polling=100)
    page.wait_for_function(IDLE, polling=100)
    result["settled"] = time.perf_counter() - start
    result["heap"] = heap_mb(page)
    if shots is not None:
        page.screenshot(path=str(shots))
    result["frame"] = frame_p95(page, map_selector)
    # Dragging and wheel-zooming leave the view wherever the cursor took it (a zoom can be capped at the
    # maximum, so zooming back out ends elsewhere): back to the starting view, so all N are in view again.
    page.goto(url + path)
    page.wait_for_function(drawn(count), polling=100)
    page.wait_for_function(IDLE, polling=100)
    box = page.get_by_label(search_box)
    start = time.perf_counter()
    box.fill(SEARCH)
    box.press("Enter")
    page.wait_for_function(drawn(10), polling=50)
    result["filter"] = time.perf_counter() - start
    page.wait_for_function(IDLE)
    start = time.perf_counter()
    box.fill("")
    box.press("Enter")
    page.wait_for_function(drawn(count), polling=50)
    result["cleared"] = time.perf_counter() - start
    result["external"] = len(blocked)
    if blocked:
        print(f"  blocked (not loaded): {sorted(set(blocked))[:3]}")
    return result


def points_data(workdir: Path, count: int, cache: Path | None) -> tuple[Path, Path]:
    """The data folder with ``count`` synthetic services and the same points as CSV (for the baselines).

    With ``cache``, both are kept in ``cache/<count>/`` and reused by the next run (writing a million takes minutes).
    """
    folder = cache / str(count) if cache else workdir
    data_dir, points_csv = folder / "data", folder / "points.csv"
    if cache and points_csv.exists():
        return data_dir, points_csv
    started = time.perf_counter()
    write_large_data_dir(data_dir, count)
    services = gpd.read_file(data_dir / "services.geojson")
    partial = points_csv.with_suffix(".partial")
    services.assign(lat=services.geometry.y, lon=services.geometry.x, name=services["name_ko"])[
        ["lat", "lon", "status", "name"]
    ].to_csv(partial, index=False)
    os.replace(partial, points_csv)  # the CSV last: a cache with it is complete
    print(f"{count:>7,} synthetic data written in {time.perf_counter() - started:.0f} s", flush=True)
    return data_dir, points_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--apps", nargs="+", default=["ours", "pydeck", "folium"], choices=["ours", "pydeck", "folium"])
    parser.add_argument(
        "--store-first",
        action="store_true",
        help="build and read the app's store before its server starts (cold = a restart: page only)",
    )
    parser.add_argument("--screenshots", type=Path, help="save a screenshot of each settled page in this folder")
    parser.add_argument(
        "--data-cache", type=Path, help="keep the synthetic data and the app's store per size here and reuse them"
    )
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds one step may take before the app counts as timed out"
    )
    args = parser.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for count in args.sizes:
            workdir = Path(tempfile.mkdtemp(prefix=f"bench-compare-{count}-"))
            data_dir, points_csv = points_data(workdir, count, args.data_cache)
            # With a cache the app's store is kept too: its cold start is then a restart, as --store-first.
            store_dir = data_dir.parent / "store" if args.data_cache else workdir
            apps = {
                # The app's map: drawn when every visible service is in a cluster or a symbol on the canvas.
                # Its view is fitted to the whole city, so all N are in view at every size.
                "ours": (
                    ROOT / "dashboard.py",
                    {"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(store_dir)},
                    "/map?view=37.32,126.83,11",
                    ours_drawn,
                    "서비스명 검색",
                    OURS,
                ),
                "pydeck": (
                    baseline_script(workdir, "pydeck_app.py"),
                    {"BENCH_POINTS": str(points_csv)},
                    "/",
                    pydeck_drawn,
                    "q",
                    '[data-testid="stDeckGlJsonChart"]',
                ),
                "folium": (
                    baseline_script(workdir, "folium_fast_app.py"),
                    {"BENCH_POINTS": str(points_csv)},
                    "/",
                    folium_drawn,
                    "q",
                    FOLIUM,
                ),
            }
            if args.store_first:
                started = time.perf_counter()
                store = open_store(load_settings(apps["ours"][1]))
                print(f"{count:>7,} store built from {count:,} features in {time.perf_counter() - started:.1f} s")
                # As after any first run: the store's columnar copy of this revision exists, so cold is a restart.
                store.read_data()
            results: dict[str, dict[str, float]] = {}
            failed: dict[str, str] = {}
            for name, (script, env, path, drawn, search_box, selector) in apps.items():
                if name not in args.apps:
                    continue
                server = start(script, env, workdir / f"{name}.log")
                url = server.url
                try:
                    settled_shot = args.screenshots / f"{name}-{count}.png" if args.screenshots else None
                    results[name] = {}
                    measure(
                        browser,
                        url,
                        path,
                        drawn,
                        search_box,
                        selector,
                        count,
                        workdir / f"{name}-failed.png",
                        settled_shot,
                        args.timeout,
                        results[name],
                    )
                except Exception as error:  # an app that cannot cope at this size is reported, not fatal
                    failed[name] = failure(error)
                    print(f"{name} at {count:,}: {failed[name]}: {str(error).splitlines()[0] if str(error) else ''}")
                finally:
                    server.stop()
                print(f"{count:>7,} {name:7} " + " ".join(f"{k}={v:.2f}" for k, v in results[name].items()), flush=True)
            rows.append((count, results, failed))
            if not browser.is_connected():  # a crash can take the whole browser: a fresh one for the next size
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        browser.close()
    print()
    columns = ("cold", "warm", "settled", "filter", "cleared", "frame", "heap")
    units = {"frame": "ms", "heap": "MB"}
    print(
        "| N | app | "
        + " | ".join(f"{c} ({units.get(c, 's')})" for c in columns)
        + " | warm ÷ pydeck | warm ÷ folium |"
    )
    print("|---:|---|" + "---:|" * (len(columns) + 2))
    for count, results, failed in rows:
        for name, figures in results.items():
            cells = [f"{figures[c]:.1f}" if c in figures else "–" for c in columns]
            if name in failed:  # the figures the app reached, then how it failed at the next step
                step = next(s for s in (*STEPS, "") if s not in figures)
                cells = [f"**{failed[name]}**" if c == step else cell for c, cell in zip(columns, cells, strict=True)]
                if step not in columns:
                    cells[-1] += f" ({failed[name]})"
            ratios = []
            for base in ("pydeck", "folium"):
                other = results.get(base, {}).get("warm")
                ratios.append(f"{figures['warm'] / other:.2f}" if other and "warm" in figures else "–")
            print(f"| {count:,} | {name} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    main()
