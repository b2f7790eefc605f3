"""The server side of a cold start, split, at 100,000 services and on the bundled data, in one run.

For each data set a store is built first (its time printed, not part of the split), then a fresh Python
process does what a fresh app server does before it can send the first page, each step timed:

- imports: Streamlit, the geo and ui modules and the page's own imports;
- store open: ``ui.data.store()`` (open the store, check whether it must be upgraded);
- read: ``ui.data.dashboard_data()`` (``Store.read_data``, kept for the process);
- first page run: the page script run headless (``AppTest``) on the data already read.

Two kinds of start per data set: the first start after the data changed ("tables": no columnar copy of the
revision yet, so the tables are read and the copy written) and a restart on the same revision ("copy").
``--before PATH`` runs the same child against another checkout (e.g. the main branch) first, for a
before/after in one run. Each row is the median of ``--repeat`` starts. The browser's side (the page drawn) is ``bench_compare.py --store-first``.

Usage: ``python benchmarks/bench_cold_start.py [--sizes 100000] [--page map] [--before /path/to/checkout]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_large_data_dir  # noqa: E402
from geo.settings import BUNDLED_DATA_DIR, load_settings  # noqa: E402
from geo.store import open_store  # noqa: E402

PAGES = {"home": "dashboard.py", "map": "app_pages/map_explorer.py"}
# The copy's folder beside the store file (geo.store.geopackage.READ_CACHE_SUFFIX).
CACHE_FOLDER = ".dashboard.gpkg-readcache"

CHILD = """
import json, sys, time, warnings
root, page = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
warnings.filterwarnings("ignore")
t = {}
started = time.perf_counter()
import streamlit, geo.loaders, geo.store, geo.mapping, geo.charts, ui.data, ui.frame, ui.servicemap  # noqa
t["imports"] = time.perf_counter() - started
import logging
logging.getLogger("streamlit").setLevel(logging.ERROR)
started = time.perf_counter(); ui.data.store(); t["store open"] = time.perf_counter() - started
started = time.perf_counter(); data = ui.data.dashboard_data(); t["read"] = time.perf_counter() - started
from streamlit.testing.v1 import AppTest
started = time.perf_counter()
app = AppTest.from_file(root + "/" + page, default_timeout=300)
app.run()
t["first page run"] = time.perf_counter() - started
t["services"] = len(data.services)
t["error"] = str(app.exception[0].value)[:200] if app.exception else ""
print(json.dumps(t))
"""

STEPS = ("imports", "store open", "read", "first page run")


def child(root: Path, page: str, env: dict[str, str]) -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), PAGES[page]],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="synthetic services (0: none)")
    parser.add_argument("--page", choices=list(PAGES), default="map")
    parser.add_argument("--before", type=Path, help="another checkout to time first (the same steps)")
    parser.add_argument("--repeat", type=int, default=3, help="starts per row; the median of each step is shown")
    parser.add_argument("--data-100k", type=Path, help="reuse this data folder for 100,000 (write_large_data_dir)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average {load()}"
    )
    datasets = [("bundled", BUNDLED_DATA_DIR)]
    for size in (s for s in args.sizes if s):
        folder = args.data_100k if (args.data_100k and size == 100_000) else workdir / f"data-{size}"
        if folder == workdir / f"data-{size}":
            write_large_data_dir(folder, size)
        datasets.append((f"{size:,}", folder))
    roots = [("before", args.before.resolve())] if args.before else []
    roots.append(("after", ROOT))
    rows = []
    for label, data_dir in datasets:
        store_dir = workdir / f"store-{label}"
        env = {**os.environ, "DASHBOARD_DATA_DIR": str(data_dir), "DASHBOARD_STORE_DIR": str(store_dir)}
        env.pop("DATABASE_URL", None)
        started = time.perf_counter()
        open_store(load_settings(env))
        print(f"{label}: store built from the data folder in {time.perf_counter() - started:.1f} s (not in the split)")
        for version, root in roots:
            for start in ("tables", "copy"):
                if version == "before" and start == "copy":
                    continue  # the checkout before keeps no copy: a restart reads the tables again
                runs = []
                for _ in range(args.repeat):
                    if start == "tables":
                        shutil.rmtree(store_dir / CACHE_FOLDER, ignore_errors=True)
                    runs.append(child(root, args.page, env))
                figures = {**runs[-1], **{s: statistics.median(float(r[s]) for r in runs) for s in STEPS}}
                total = statistics.median(sum(float(r[s]) for s in STEPS) for r in runs)
                rows.append((label, version, start, figures, total))
                print(
                    f"  {version:6} {start:6} "
                    + " ".join(f"{s}={float(figures[s]):.2f}" for s in STEPS)
                    + f" total={total:.2f} s ({figures['services']:,} services; load {load()})"
                    + (f" page error: {figures['error']}" if figures["error"] else ""),
                    flush=True,
                )
    print(f"\nload average at the end {load()}\n")
    print(f"median of {args.repeat} starts per row, page {args.page}, seconds\n")
    print(f"| data | code | start | {' | '.join(STEPS)} | server total |")
    print("|---|---|---|" + "---:|" * (len(STEPS) + 1))
    for label, version, start, figures, total in rows:
        cells = " | ".join(f"{float(figures[s]):.2f}" for s in STEPS)
        print(f"| {label} | {version} | {start} | {cells} | {total:.2f} |")


if __name__ == "__main__":
    main()
