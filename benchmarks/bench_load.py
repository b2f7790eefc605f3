"""Load and soak: N concurrent sessions on /map and the kiosk, page-ready p50/p95 and errors; kiosk memory over time.

Load (``load``): N virtual users each open a session, wait until the page is ready, keep it open for
``--think`` seconds, close it and start again, for ``--duration`` seconds. A user is a websocket client
speaking Streamlit's own protocol (the messages its front end sends): it asks for the page and
counts it ready when the server reports the script run finished, i.e. the whole page has been sent,
and then fetches the staff map's point file (a static file the map's frame asks for). That is the
server's share of page-ready, which is what limits capacity; the browser's drawing comes on top and
does not load the server.
``--browser`` uses real headless Chromium pages instead (ready = map drawn), for small N.

  python benchmarks/bench_load.py load --url http://127.0.0.1:8701 --page map --n 1,5,10,20
  python benchmarks/bench_load.py load --url http://127.0.0.1:8080 --page map --n 1,5,10,20   # two behind nginx

``--bare URL`` (a server running ``benchmarks/apps/bare_app.py``, one ``st.write``) loads that page at every
level right after the app's page, in the same run and on the same machine: the table then carries the bare
page's p50/p95 and the ratio app ÷ bare, which moves far less with how busy a shared machine is than the
seconds do.

Soak (``soak``): one kiosk in headless Chromium for ``--minutes``; each minute the server process's
resident memory (``--pid``, the instances behind nginx added up), the page's JS heap and the screen shown are printed, and at the end
whether memory kept growing.

  python benchmarks/bench_load.py soak --url http://127.0.0.1:8081 --minutes 60 \\
      --pid "$(cat /tmp/dashboard-cluster/instance-8711.pid),$(cat /tmp/dashboard-cluster/instance-8712.pid)"

Run under the shared lock on a shared machine: ``flock /tmp/browser.lock python benchmarks/bench_load.py ...``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

READY_TIMEOUT_S = 60.0
MAP_DRAWN = (
    "() => { const f = document.querySelector('iframe[src*=\"service_map\"]');"
    " const m = f && f.contentWindow && f.contentWindow.svcMap; return !!m && m.el.dataset.ready === '1'; }"
)
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY}


@dataclass
class Samples:
    ready_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        if not self.ready_s:
            return float("nan")
        ordered = sorted(self.ready_s)
        return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _fetch(address: str) -> int:
    with urllib.request.urlopen(address, timeout=READY_TIMEOUT_S) as response:
        return len(response.read())


async def open_page(url: str, page: str) -> tuple[float, int]:
    """One session: connect, ask for ``page``, return (seconds to the finished first run, bytes received)."""
    started = time.perf_counter()
    stream = url.replace("http://", "ws://").replace("https://", "wss://").rstrip("/") + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_name = page
        await ws.send(request.SerializeToString())
        received = 0
        data_urls: list[str] = []
        while True:
            data = await asyncio.wait_for(ws.recv(), READY_TIMEOUT_S)
            received += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "script_finished":
                if message.script_finished in FINISHED:
                    # The staff map's points come as a static file its frame fetches: a browser with an empty
                    # cache asks for it next (through nginx it is usually a cache hit).
                    for data_url in data_urls:
                        received += await asyncio.to_thread(_fetch, url.rstrip("/") + data_url)
                    return time.perf_counter() - started, received
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script failed")
            elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError("exception on the page: " + message.delta.new_element.exception.message[:80])
            elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "component_instance":
                arguments = json.loads(message.delta.new_element.component_instance.json_args or "{}")
                if isinstance(arguments.get("data_url"), str):
                    data_urls.append(arguments["data_url"])


async def virtual_user(url: str, page: str, until: float, think_s: float, samples: Samples) -> None:
    while time.monotonic() < until:
        try:
            ready, _ = await open_page(url, page)
            samples.ready_s.append(ready)
        except (OSError, RuntimeError, TimeoutError, websockets.WebSocketException) as error:
            samples.errors.append(f"{type(error).__name__}: {error}"[:120])
        await asyncio.sleep(think_s)


async def load_level(url: str, page: str, users: int, duration_s: float, think_s: float) -> Samples:
    samples = Samples()
    until = time.monotonic() + duration_s

    # Users start within the first second, not all in one instant (browsers do not either).
    async def staggered(index: int) -> None:
        await asyncio.sleep(index / max(users, 1))
        await virtual_user(url, page, until, think_s, samples)

    await asyncio.gather(*(staggered(i) for i in range(users)))
    return samples


def browser_level(url: str, page: str, users: int, duration_s: float, think_s: float) -> Samples:
    """The same with real Chromium pages (ready = the map drawn), for checking the websocket figures."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    samples = Samples()
    kiosk = page in ("", "kiosk")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        contexts = [browser.new_context(viewport={"width": 1920, "height": 1080}) for _ in range(users)]
        pages = [context.new_page() for context in contexts]
        until = time.monotonic() + duration_s
        while time.monotonic() < until:
            started = {}
            for tab in pages:  # opened one after another by one driver; each is timed on its own
                started[tab] = time.perf_counter()
                tab.goto(f"{url.rstrip('/')}/{page}", wait_until="commit")
            for tab in pages:
                try:
                    if kiosk:  # the kiosk's Leaflet map drew its shapes
                        tab.frame_locator(".st-key-kiosk_map iframe").first.locator(
                            ".leaflet-overlay-pane path"
                        ).first.wait_for(state="attached", timeout=READY_TIMEOUT_S * 1000)
                    else:  # the staff map's own frame fetched its point file and drew it
                        tab.wait_for_function(MAP_DRAWN, timeout=READY_TIMEOUT_S * 1000)
                    samples.ready_s.append(time.perf_counter() - started[tab])
                except Exception as error:  # a benchmark counts every failure
                    samples.errors.append(type(error).__name__)
            time.sleep(think_s)
        browser.close()
    return samples


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _ratio(app: float, bare: float) -> str:
    return f"{app / bare:.1f}" if bare > 0 and app == app and bare == bare else "-"


def cmd_load(args: argparse.Namespace) -> None:
    page = "" if args.page == "kiosk" else args.page
    print(
        f"# load: {args.url} page={args.page or '/'} duration={args.duration}s think={args.think}s "
        f"client={'browser' if args.browser else 'websocket'}"
        + (f" bare={args.bare}" if args.bare else "")
        + f" started {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())} load average {_load_average()}"
    )
    if args.bare:
        print(
            "| users | page loads | p50 s | p95 s | max s | errors | bare p50 s | bare p95 s | × p50 | × p95 | load avg |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    else:
        print("| users | page loads | p50 s | p95 s | max s | errors |")
        print("|---:|---:|---:|---:|---:|---:|")
    for users in (int(n) for n in args.n.split(",")):
        if args.browser:
            samples = browser_level(args.url, page, users, args.duration, args.think)
        else:
            samples = asyncio.run(load_level(args.url, page, users, args.duration, args.think))
        worst = max(samples.ready_s, default=float("nan"))
        row = (
            f"| {users} | {len(samples.ready_s)} | {samples.percentile(0.5):.2f} | {samples.percentile(0.95):.2f} "
            f"| {worst:.2f} | {len(samples.errors)} |"
        )
        if args.bare:
            # The bare page right after, at the same level: the same machine minute, so the ratio is the figure.
            bare = asyncio.run(load_level(args.bare, "", users, args.duration, args.think))
            errors = len(samples.errors) + len(bare.errors)
            app50, app95 = samples.percentile(0.5), samples.percentile(0.95)
            bare50, bare95 = bare.percentile(0.5), bare.percentile(0.95)
            row = (
                f"| {users} | {len(samples.ready_s)} | {app50:.2f} | {app95:.2f} | {worst:.2f} | {errors} "
                f"| {bare50:.2f} | {bare95:.2f} | {_ratio(app50, bare50)} | {_ratio(app95, bare95)} "
                f"| {_load_average()} |"
            )
            samples.errors.extend("bare: " + error for error in bare.errors)
        print(row, flush=True)
        for error in sorted(set(samples.errors))[:3]:
            print(f"<!-- {error} -->")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cmd_soak(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    pids = [int(pid) for pid in args.pid.split(",")]
    print(f"# kiosk soak: {args.url} for {args.minutes} min, server pids {pids}")
    print(
        f"| minute | server RSS MB ({' + '.join(map(str, pids))}) | page JS heap MB | screen | screens seen "
        "| notice shown | errors |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|")
    rss: list[float] = []
    errors: list[str] = []
    seen: set[str] = set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, "--enable-precise-memory-info"]
        )
        page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        # Every script error and console error of the page counts, as does an exception drawn by Streamlit.
        page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"[:160]))
        page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"[:160]))
        page.goto(args.url)
        page.locator(".kiosk-dots").wait_for(timeout=60_000)
        started = time.monotonic()
        next_sample = started
        minute = 0
        while minute <= args.minutes:
            # Between samples, look at the screen every 2 s so the rotation's screens are all counted.
            page.wait_for_timeout(max(0.0, min(next_sample, time.monotonic() + 2) - time.monotonic()) * 1000)
            dots = page.locator(".kiosk-dots")
            screen = dots.get_attribute("data-screen") if dots.count() else "-"
            seen.add(screen)
            if page.locator("[data-testid='stException']").count():
                errors.append("stException on screen " + screen)
            if time.monotonic() < next_sample:
                continue
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN")
            notice = (
                page.locator("#kiosk-reconnect").is_visible() if page.locator("#kiosk-reconnect").count() else False
            )
            rss.append(sum(_rss_mb(pid) for pid in pids))
            print(
                f"| {minute} | {rss[-1]:.0f} | {heap:.1f} | {screen} | {len(seen - {'-'})} "
                f"| {'yes' if notice else 'no'} | {len(errors)} |",
                flush=True,
            )
            minute += 1
            next_sample = started + minute * 60
        browser.close()
    for error in sorted(set(errors))[:5]:
        print(f"<!-- {error} -->")
    if len(rss) >= 4:
        half = len(rss) // 2
        first, second = statistics.mean(rss[1:half]), statistics.mean(rss[half:])
        print(
            f"server RSS: mean {first:.0f} MB in the first half, {second:.0f} MB in the second "
            f"({second - first:+.0f} MB); min {min(rss):.0f}, max {max(rss):.0f}; errors {len(errors)}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="N concurrent sessions, page-ready p50/p95 and errors")
    load.add_argument(
        "--url", required=True, help="an instance (http://127.0.0.1:8701) or nginx (http://127.0.0.1:8080)"
    )
    load.add_argument("--page", default="map", help="url path of the page: map, districts, … or kiosk (a kiosk server)")
    load.add_argument("--n", default="1,5,10,20", help="numbers of concurrent users, comma separated")
    load.add_argument("--duration", type=float, default=60.0, help="seconds per level")
    load.add_argument("--think", type=float, default=2.0, help="seconds a user keeps a page before the next")
    load.add_argument("--browser", action="store_true", help="real Chromium pages instead of websocket clients")
    load.add_argument(
        "--bare", default="", help="a server of benchmarks/apps/bare_app.py, loaded at each level too (the ratio)"
    )
    soak = commands.add_parser("soak", help="one kiosk for a long time, memory each minute")
    soak.add_argument("--url", required=True, help="a kiosk server (an instance or nginx's kiosk site)")
    soak.add_argument("--pid", required=True, help="process ids of the kiosk's server instances, comma separated")
    soak.add_argument("--minutes", type=int, default=60)
    args = parser.parse_args(argv)
    cmd_load(args) if args.command == "load" else cmd_soak(args)


if __name__ == "__main__":
    main()
