"""The staff map against pydeck (WebGL) and folium's FastMarkerCluster, in one run, one browser, same points.

For each size N it writes N synthetic services, starts three servers (the app's ``/map``, a pydeck
ScatterplotLayer app, a folium FastMarkerCluster app; ``benchmarks/apps/``) and times in headless
Chromium, with every non-local request blocked:

- cold: first navigation after the server started (the app also builds its store from N features);
- warm: a reload, to the first drawn points, and until settled (no script running);
- filter: a name search down to 10 points, to those drawn; cleared: back to all N drawn;
- frame: pan and zoom with the mouse, p95 of frame intervals (ms);
- heap: the JS heap after the page settled (MB).

Usage: ``flock /tmp/browser.lock python benchmarks/bench_compare.py [--sizes 1000 10000 100000]``
Needs ``pip install -r requirements-bench.txt`` (pydeck).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
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
) -> dict[str, float]:
    """Time one app; on any failure a screenshot of the page is saved as ``shot`` and the error raised.

    ``settled_shot``: where to save a screenshot of the settled page (before the frame and filter timings).
    """
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
    page.set_default_timeout(600_000)
    try:
        return _timings(page, url, path, drawn, search_box, map_selector, count, blocked, settled_shot)
    except Exception:
        page.screenshot(path=str(shot))
        print(f"  screenshot of the page: {shot}")
        raise
    finally:
        context.close()


def _timings(page, url, path, drawn, search_box, map_selector, count, blocked, shots) -> dict[str, float]:
    result: dict[str, float] = {}
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
    args = parser.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for count in args.sizes:
            workdir = Path(tempfile.mkdtemp(prefix=f"bench-compare-{count}-"))
            data_dir = write_large_data_dir(workdir / "data", count)
            services = gpd.read_file(data_dir / "services.geojson")
            points_csv = workdir / "points.csv"
            services.assign(lat=services.geometry.y, lon=services.geometry.x, name=services["name_ko"])[
                ["lat", "lon", "status", "name"]
            ].to_csv(points_csv, index=False)
            apps = {
                # The app's map: drawn when every visible service is in a cluster or a symbol on the canvas.
                # Its view is fitted to the whole city, so all N are in view at every size.
                "ours": (
                    ROOT / "dashboard.py",
                    {"DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(workdir)},
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
            results = {}
            for name, (script, env, path, drawn, search_box, selector) in apps.items():
                if name not in args.apps:
                    continue
                server = start(script, env, workdir / f"{name}.log")
                url = server.url
                try:
                    settled_shot = args.screenshots / f"{name}-{count}.png" if args.screenshots else None
                    results[name] = measure(
                        browser,
                        url,
                        path,
                        drawn,
                        search_box,
                        selector,
                        count,
                        workdir / f"{name}-failed.png",
                        settled_shot,
                    )
                except Exception as error:  # a baseline that cannot cope at this size is reported, not fatal
                    print(f"{name} at {count:,}: {error.__class__.__name__}: {str(error).splitlines()[0]}")
                    results[name] = {}
                finally:
                    server.stop()
                print(f"{count:>7,} {name:7} " + " ".join(f"{k}={v:.2f}" for k, v in results[name].items()), flush=True)
            rows.append((count, results))
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
    for count, results in rows:
        for name, figures in results.items():
            cells = [f"{figures[c]:.1f}" if c in figures else "–" for c in columns]
            ratios = []
            for base in ("pydeck", "folium"):
                other = results.get(base, {}).get("warm")
                ratios.append(f"{figures['warm'] / other:.2f}" if other and "warm" in figures else "–")
            print(f"| {count:,} | {name} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")


if __name__ == "__main__":
    main()
