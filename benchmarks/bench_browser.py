"""Browser timing with a large service layer: page load to a drawn map, and a filter change to its result.

Starts the real app on a synthetic data folder of N points (default 100,000) and drives
Debian's Chromium headless with every non-local request blocked.
Usage: ``python benchmarks/bench_browser.py [--points 100000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.synthetic import write_large_data_dir  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, start_server, stop_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    started = time.perf_counter()
    data_dir = write_large_data_dir(workdir / "data", args.points)
    print(f"synthetic data ({args.points:,} points) written in {time.perf_counter() - started:.1f} s")
    server = start_server({"DASHBOARD_DATA_DIR": str(data_dir)}, workdir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else r.abort())
            page = context.new_page()
            page.set_default_timeout(300_000)
            start = time.perf_counter()
            page.goto(server.url + "/map")
            frame = page.frame_locator(MAP_FRAME)
            frame.locator(".marker-cluster, .svc-icon").first.wait_for()
            first_load = time.perf_counter() - start
            print(f"cold page load to drawn map (first load also reads and validates the data): {first_load:.1f} s")

            start = time.perf_counter()
            page.reload()
            page.frame_locator(MAP_FRAME).locator(".marker-cluster, .svc-icon").first.wait_for()
            print(f"warm page load to drawn map (data cached): {time.perf_counter() - start:.1f} s")

            search = page.get_by_label("서비스명 검색")
            start = time.perf_counter()
            search.fill("가로등 00001")
            search.press("Enter")
            page.get_by_text("표시 중: 10 / ").wait_for()
            page.wait_for_function(
                f"() => document.querySelector('{MAP_FRAME}').contentDocument"
                ".querySelectorAll('.svc-icon').length === 10"
            )
            print(f"filter change to redrawn map (10 of {args.points:,} shown): {time.perf_counter() - start:.1f} s")

            start = time.perf_counter()
            search.fill("")
            search.press("Enter")
            page.get_by_text(f"표시 중: {args.points:,} / ").wait_for()
            page.frame_locator(MAP_FRAME).locator(".marker-cluster").first.wait_for()
            print(f"filter cleared to all {args.points:,} points redrawn: {time.perf_counter() - start:.1f} s")
            browser.close()
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
