"""A playback step of the staff map at city scale, beside a filter change, in one headless Chromium run.

For each size N it builds N synthetic services with one to three status changes each (``bench_trend``'s history,
2019 to 2026), writes the map's point payload (``geo.mapping.canvas``) and the playback timeline (``geo.analysis.playback``),
and serves them with the map component's own files (``static/servicemap/``, Leaflet, supercluster) from a
local HTTP server. A harness page talks to the component as Streamlit does (``streamlit:render`` messages).
In the same page it times, as the main-thread time from the call to the canvas redrawn:

- filter (index): a new visibility mask through the renderer's filter path, which rebuilds the supercluster
  index of the visible points (what a filter change costs on /map before the time control is used);
- filter (grid): the same mask once the time control is in use (the points are grouped on a screen grid);
- step: ``seek(k + 1)`` over every step (the changed rows' statuses, the same filter path, the redraw);
- step back: ``seek(k - 1)`` (replayed from the first step);
- and, while the control plays at 4×, the longest task the browser reports (PerformanceObserver
  ``longtask``, tasks over 50 ms) and the longest interval between animation frames.

Usage: ``python benchmarks/bench_playback.py [--sizes 10000 100000]``
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.bench_trend import UNTIL, synthetic_history  # noqa: E402
from benchmarks.synthetic import TEMPLATE_DIR, synthetic_services  # noqa: E402
from geo.analysis.playback import timeline_payload  # noqa: E402
from geo.assets import install_vendor_assets  # noqa: E402
from geo.html import json_for_script  # noqa: E402
from geo.loaders import load_dashboard_data  # noqa: E402
from geo.mapping.canvas import service_names, service_payload  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
HARNESS = """<!doctype html><html><body style="margin:0">
<iframe id="c" src="component/servicemap/index.html" style="width:1400px;height:900px;border:0"></iframe>
<script>
window.ready = false;
window.addEventListener('message', function (e) {
  if (e.data && e.data.type === 'streamlit:componentReady') window.ready = true;
});
window.render = function (args) {
  document.getElementById('c').contentWindow.postMessage({type: 'streamlit:render', args: args}, '*');
};
</script></body></html>"""


def write_site(folder: Path, size: int) -> dict[str, object]:
    """The served folder for ``size`` services; returns the component's render arguments."""
    template = load_dashboard_data(TEMPLATE_DIR)
    services, history = synthetic_history(synthetic_services(template, size))
    static = folder / "app" / "static"
    install_vendor_assets(static)
    shutil.copytree(ROOT / "static" / "lib", static / "lib")
    shutil.copytree(ROOT / "static" / "servicemap", folder / "component" / "servicemap")
    data = folder / "data"
    data.mkdir()
    (data / "names.json").write_text(json_for_script(service_names(services, "ko")), encoding="utf-8")
    points = service_payload(services, template.boundaries, template.areas, "ko")
    (data / "points.json").write_text(json_for_script({**points, "names_url": "/data/names.json"}), encoding="utf-8")
    plan = {"milestones": [], "source": {}}
    timeline = timeline_payload(services, history, plan, UNTIL, "ko")
    (data / "timeline.json").write_text(json_for_script(timeline), encoding="utf-8")
    (folder / "index.html").write_text(HARNESS, encoding="utf-8")
    texts = {"cluster": "{n}", "layers": "", "stack_title": "{n}", "stack_approx": "", "stack_click": ""}
    return {
        "data_url": "/data/points.json",
        "timeline_url": "/data/timeline.json",
        "day": UNTIL.isoformat(),
        "day_n": 1,
        "status_filter": [],
        "mask": None,
        "selected": -1,
        "selected_area": None,
        "command": None,
        "view": None,
        "bounds": [[37.28, 126.75], [37.36, 126.90]],
        "legend_html": "",
        "reference": [],
        "texts": {**texts, "playback": {}},
        "height": 800,
        "steps": len(timeline["days"]),
        "changes": len(timeline["rows"]),
    }


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request."""


def half_mask(size: int) -> str:
    keep = np.zeros(size, dtype=bool)
    keep[::2] = True
    return base64.b64encode(np.packbits(keep, bitorder="little").tobytes()).decode("ascii")


MEASURE = """([mask, fast]) => {
  const m = window.svcMap;
  if (fast) m.gridMode = true; else { m.gridMode = false; m.fullIndex = null; }
  m.maskKey = undefined;
  const t0 = performance.now();
  m.applyMask(mask);
  return performance.now() - t0;
}"""

STEPS = """() => {
  const m = window.svcMap, p = m.playback, out = {forward: [], back: []};
  p.seek(0, true, false);
  for (let k = 1; k < p.n; k++) { const t0 = performance.now(); p.seek(k, true, false); out.forward.push(performance.now() - t0); }
  for (let k = p.n - 2; k >= 0; k -= Math.max(1, Math.floor(p.n / 20))) {
    const t0 = performance.now(); p.seek(k, true, false); out.back.push(performance.now() - t0);
  }
  return out;
}"""

PLAY = """(seconds) => new Promise((done) => {
  const m = window.svcMap, p = m.playback, tasks = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({type: 'longtask', buffered: false});
  let last = performance.now(), worst = 0, frames = 0, running = true;
  const frame = (now) => { worst = Math.max(worst, now - last); last = now; frames++; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  p.seek(0, true, false); p.speed = 4; p.play();
  const started = p.k;
  setTimeout(() => {
    running = false; const steps = p.k - started; p.pause(); observer.disconnect();
    done({steps: steps, frames: frames, worstFrame: worst, longTasks: tasks.length, worstTask: tasks.length ? Math.max(...tasks) : 0});
  }, seconds * 1000);
})"""


def stats(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):.1f} / {p95:.1f} / {ordered[-1]:.1f}"


def over(values: list[float], limit_ms: float = 100.0) -> str:
    """How many steps took longer than ``limit_ms`` (the issue's frame budget), and which (1 = the first step)."""
    slow = [k + 1 for k, value in enumerate(values) if value > limit_ms]
    return f"{len(slow)} of {len(values):,}" + (f" (step {', '.join(map(str, slow[:5]))})" if slow else "")


def run(size: int, seconds: float) -> str:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        args = write_site(folder, size)
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page.goto(f"{base}/index.html")
                page.wait_for_function("window.ready", timeout=60_000)
                page.evaluate("(a) => window.render(a)", args)
                frame = page.frame_locator("#c")
                frame.locator("#map[data-ready='1']").wait_for(timeout=120_000)
                component = page.frames[1]
                component.wait_for_function("window.svcMap && window.svcMap.playback", timeout=60_000)
                page.wait_for_timeout(1000)
                mask = half_mask(size)
                index = [component.evaluate(MEASURE, [mask if i % 2 == 0 else None, False]) for i in range(4)]
                grid = [component.evaluate(MEASURE, [mask if i % 2 == 0 else None, True]) for i in range(4)]
                steps = component.evaluate(STEPS)
                played = component.evaluate(PLAY, seconds)
                browser.close()
        finally:
            server.shutdown()
    return (
        f"| {size:,} | {args['steps']} | {args['changes']:,} | {stats(index)} | {stats(grid)} | "
        f"{stats(steps['forward'])} | {over(steps['forward'])} | {stats(steps['back'])} | {played['steps']} | "
        f"{played['worstFrame']:.0f} | {played['longTasks']} | {played['worstTask']:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--play-seconds", type=float, default=8.0)
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"# {platform.node()} · {os.cpu_count()} cores · {platform.machine()} · Python {platform.python_version()}"
        f" · load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print(
        "| services | steps | changed rows | filter, index (ms, median / p95 / max) | filter, grid (ms) | "
        "step (ms) | steps over 100 ms | step back (ms) | steps played | longest frame while playing (ms) | long tasks | "
        "longest task (ms) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        print(run(size, args.play_seconds), flush=True)
    print(f"# load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
