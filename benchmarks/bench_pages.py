"""The everyday pages against the simplest peer, in one run: home, /map and the kiosk on the bundled data.

Each round starts every server afresh (the app's store is built once beforehand, so cold is a server restart
with an existing store, as in a deployment) and opens its page in a new browser context (empty cache):

- cold: first navigation after the server answered its health check, until the map and the first chart are
  drawn (the kiosk has no chart: its map; the empty page: its first element);
- warm: a reload of the same page (server caches and browser cache warm), until the same.

Baselines: a minimal streamlit-folium app with the same 25 projects and one Plotly chart
(``benchmarks/apps/folium_peer_app.py``) and an empty Streamlit page. Figures are medians of the rounds
(3 by default); ratios are against the streamlit-folium peer of the same run. Every request outside the app's
own server is blocked. Times come from the browser's clock (``benchmarks/pagetiming.py``).

``--before DIR`` adds the same three pages from another checkout of the app (for example
``git worktree add --detach /tmp/before main``), so a change is measured before and after in the same run.

Usage: ``flock /tmp/browser.lock python benchmarks/bench_pages.py [--rounds 3] [--pages home map kiosk] [--before DIR]``
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from benchmarks.pagetiming import first_draw_s, new_context, start, wait_marks  # noqa: E402
from geo.assets import install_vendor_assets  # noqa: E402
from geo.axe import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from geo.settings import STATIC_DIR, load_settings  # noqa: E402
from geo.store import open_store  # noqa: E402

MAP_AND_CHART = ("map", "chart")


def peer_script(workdir: Path, name: str) -> Path:
    """A baseline app copied next to a copy of the vendored Leaflet (Streamlit serves static files from the app's folder)."""
    folder = workdir / name.removesuffix(".py")
    shutil.copytree(STATIC_DIR / "vendor", folder / "static" / "vendor")
    shutil.copy(ROOT / "benchmarks" / "apps" / name, folder / name)
    return folder / name


def machine_line() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.machine()}, Python {platform.python_version()} · load average {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=["home", "map", "kiosk", "peer", "empty"])
    parser.add_argument("--before", type=Path, help="another checkout of the app: its home, map and kiosk too")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    install_vendor_assets(STATIC_DIR)
    store_env = {"DASHBOARD_STORE_DIR": str(workdir / "store")}
    (workdir / "store").mkdir()
    open_store(load_settings({**os.environ, **store_env}))  # built once: cold is a restart, not a first import
    services = ROOT / "data" / "services.geojson"
    # The handout is not built in the background during the timings (it would take the cores).
    store_env["DASHBOARD_HANDOUT_PREPARE"] = "0"
    before_env = {**store_env, "DASHBOARD_STORE_DIR": str(workdir / "store-before")}
    roots = {"": ROOT} | ({" before": args.before.resolve()} if args.before else {})
    apps: dict[str, tuple[Path, dict[str, str], str, tuple[str, ...]]] = {}
    for suffix, root in roots.items():
        env = before_env if suffix else store_env
        apps |= {
            "home" + suffix: (root / "dashboard.py", env, "/", MAP_AND_CHART),
            "map" + suffix: (root / "dashboard.py", env, "/map", MAP_AND_CHART),
            "kiosk" + suffix: (root / "dashboard.py", {**env, "DASHBOARD_MODE": "kiosk"}, "/", ("map",)),
        }
    apps |= {
        "peer": (peer_script(workdir, "folium_peer_app.py"), {"BENCH_SERVICES": str(services)}, "/", MAP_AND_CHART),
        "empty": (peer_script(workdir, "empty_app.py"), {}, "/", ("app",)),
    }
    apps = {name: app for name, app in apps.items() if name.split()[0] in args.pages}
    if args.before:
        (workdir / "store-before").mkdir()
        open_store(load_settings({**os.environ, **before_env}))
    print(machine_line(), flush=True)
    figures: dict[str, dict[str, list[float]]] = {name: {"start": [], "cold": [], "warm": []} for name in apps}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for round_number in range(1, args.rounds + 1):
            for name, (script, env, path, needs) in apps.items():
                root = script.parent if script.name == "dashboard.py" else ROOT
                server = start(script, env, workdir / f"{name.replace(' ', '-')}-{round_number}.log", root=root)
                context, blocked = new_context(browser, server.url)
                page = context.new_page()
                cold = warm = float("nan")
                try:
                    page.goto(server.url + path)
                    cold = first_draw_s(wait_marks(page, needs), needs)
                    page.wait_for_timeout(1500)  # let the first run finish before the reload
                    page.reload()
                    warm = first_draw_s(wait_marks(page, needs), needs)
                    if blocked:
                        print(f"  {name}: blocked {sorted(set(blocked))[:3]}")
                except Exception as error:  # a page that never draws is reported (nan), the run goes on
                    print(f"  {name}: not drawn: {str(error).splitlines()[0]}")
                finally:
                    context.close()
                    server.stop()
                figures[name]["start"].append(server.started_s)
                figures[name]["cold"].append(cold)
                figures[name]["warm"].append(warm)
                print(
                    f"round {round_number} {name:6} server {server.started_s:.2f} s  cold {cold:.2f} s  warm {warm:.2f} s",
                    flush=True,
                )
        browser.close()
    print(machine_line())
    print()
    medians = {name: {k: statistics.median(v) for k, v in values.items()} for name, values in figures.items()}
    peer = medians.get("peer")
    print("| page | drawn | server start (s) | cold (s) | warm (s) | cold ÷ peer | warm ÷ peer |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, (_, _, path, needs) in apps.items():
        m = medians[name]
        ratios = [f"{m[k] / peer[k]:.2f}" if peer else "–" for k in ("cold", "warm")]
        print(
            f"| {name} ({path}) | {' + '.join(needs)} | {m['start']:.2f} | {m['cold']:.2f} | {m['warm']:.2f} | "
            + " | ".join(ratios)
            + " |"
        )


if __name__ == "__main__":
    main()
