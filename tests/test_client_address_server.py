"""The per-client sign-in limit believes X-Forwarded-For only from DASHBOARD_TRUSTED_PROXIES (issue 25, item 5).

Streamlit's server (uvicorn) applies X-Forwarded-For itself for connections from 127.0.0.1 before the app sees
the peer, whatever the app's setting. These tests run a real server and speak its websocket protocol with a
forged header: with no trusted proxy the forged address is never the client; with the default (nginx on this
machine) the rightmost address the proxy added is.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

from geo.auth import client_address, server_peer
from tests.conftest import PROJECT_ROOT

PROBE = PROJECT_ROOT / "tests" / "fixtures" / "apps" / "client_address_app.py"
FORGED = "203.0.113.7"


@pytest.mark.parametrize(
    ("observed", "forwarded", "server_trusted", "peer"),
    [
        (None, None, ("127.0.0.1",), "127.0.0.1"),  # Streamlit hides a loopback peer
        ("198.51.100.9", None, ("127.0.0.1",), "198.51.100.9"),  # a remote client, no header
        (FORGED, FORGED, ("127.0.0.1",), "127.0.0.1"),  # uvicorn took the header from a local peer
        (FORGED, f"10.9.9.9, {FORGED}:4321", ("127.0.0.1",), "127.0.0.1"),  # with a port, as uvicorn reads it
        ("198.51.100.9", FORGED, ("127.0.0.1",), "198.51.100.9"),  # a remote peer's header was not applied
        ("198.51.100.9", f"{FORGED}, 198.51.100.9", ("127.0.0.1",), "127.0.0.1"),  # same answer either way
        (FORGED, FORGED, ("10.0.0.0/8",), "10.0.0.0/8"),  # the server's trusted host was another proxy
        (FORGED, FORGED, (), FORGED),  # a server that trusts nobody applies nothing
    ],
)
def test_server_peer_undoes_the_servers_own_rewrite(
    observed: str | None, forwarded: str | None, server_trusted: tuple[str, ...], peer: str
) -> None:
    assert server_peer(observed, forwarded, server_trusted) == peer


def test_a_forged_header_never_names_the_client_without_a_trusted_proxy() -> None:
    for observed, forwarded in [(FORGED, FORGED), (FORGED, f"198.51.100.1, {FORGED}"), (None, FORGED)]:
        peer = server_peer(observed, forwarded, ("127.0.0.1",))
        assert client_address(peer, forwarded, ()) == "127.0.0.1"
        # With nginx on this machine trusted (the default), the address it added is the client.
        assert client_address(peer, forwarded, ("127.0.0.1", "::1")) == FORGED


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def probe_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Two probe servers: one trusting no proxy, one with the default (127.0.0.1, ::1)."""
    servers: dict[str, str] = {}
    processes = []
    store = tmp_path_factory.mktemp("client-address")
    for name, trusted in (("none", ""), ("default", None)):
        port = _free_port()
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "DASHBOARD_STORE_DIR": str(store)}
        env.pop("DASHBOARD_TRUSTED_PROXIES", None)
        env.pop("FORWARDED_ALLOW_IPS", None)
        if trusted is not None:
            env["DASHBOARD_TRUSTED_PROXIES"] = trusted
        command = [sys.executable, "-m", "streamlit", "run", str(PROBE), "--server.port", str(port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
        command += ["--browser.gatherUsageStats", "false"]
        processes.append(
            subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        )
        servers[name] = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        for address in servers.values():
            while True:
                try:
                    urllib.request.urlopen(f"http://{address}/_stcore/health", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"the probe server on {address} did not start")
                    time.sleep(0.3)
        yield servers
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


async def _client_seen(address: str, forwarded: str | None) -> str:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    async with websockets.connect(
        f"ws://{address}/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        additional_headers=headers,
        open_timeout=30,
    ) as ws:
        request = BackMsg()
        request.rerun_script.query_string = ""
        request.rerun_script.page_name = ""
        await ws.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
            if message.WhichOneof("type") == "delta" and message.delta.new_element.WhichOneof("type") == "markdown":
                body = message.delta.new_element.markdown.body
                if body.startswith("client="):
                    return str(body.removeprefix("client="))


def test_a_real_server_counts_a_forged_header_only_when_a_proxy_is_trusted(probe_servers: dict[str, str]) -> None:
    def seen(name: str, header: str | None = None) -> str:
        # In a thread of its own: an event loop left running in this one (a browser test's) must not matter.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, _client_seen(probe_servers[name], header)).result()

    # No trusted proxy: uvicorn applied the forged header, the app undid it, every forgery is one client.
    assert seen("none") == "127.0.0.1"
    assert seen("none", FORGED) == "127.0.0.1"
    assert seen("none", "198.51.100.1") == "127.0.0.1"
    assert seen("none", f"198.51.100.2, {FORGED}") == "127.0.0.1"
    # nginx on this machine trusted (the default): the address it appended names the client.
    assert seen("default") == "127.0.0.1"
    assert seen("default", f"198.51.100.2, {FORGED}") == FORGED
