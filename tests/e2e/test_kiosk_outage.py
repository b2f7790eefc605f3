"""The kiosk on a single server (no proxy) through a restart: a calm notice, never Streamlit's dialog, back alone.

The two-minute outage through nginx, with the instance serving the kiosk dying first and then both, is in
``test_cluster.py`` (it needs root and nginx); this shorter one runs wherever Chromium does.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import poll
from tests.e2e import conftest as e2e
from tests.e2e.conftest import start_server, stop_server
from ui.reconnect import OVERLAY_ID

pytestmark = pytest.mark.browser

KIOSK_ENV = {"DASHBOARD_MODE": "kiosk", "DASHBOARD_KIOSK_INTERVAL": "4", "DASHBOARD_KIOSK_IDLE_RESET": "8"}
OUTAGE_S = 30
DOTS = ".kiosk-dots"
STREAMLIT_DIALOG = "Connection error|not responding|still running"


def _screen(page) -> int:
    return int(page.locator(DOTS).get_attribute("data-screen"))


def _streamlit_dialog_visible(page) -> bool:
    return (
        page.get_by_role("dialog").filter(visible=True).count() > 0
        or page.get_by_text("Connection error").filter(visible=True).count() > 0
    )


def test_kiosk_shows_a_calm_notice_through_a_server_restart_and_rotates_again(
    open_app, tmp_path, monkeypatch, artifacts_dir
):
    server = start_server(KIOSK_ENV, tmp_path)
    port = int(server.url.rsplit(":", 1)[1])
    try:
        session = open_app(server, "/")
        page = session.page
        page.get_by_role("heading", name="안산 스마트도시", exact=True).wait_for()
        page.locator(DOTS).wait_for()
        notice = page.locator(f"#{OVERLAY_ID}")
        assert not notice.is_visible()
        stop_server(server)
        down_at = time.monotonic()
        poll(notice.is_visible, 15, "the reconnecting notice appeared")
        assert notice.inner_text().split("\n")[:2] == ["잠시 후 다시 연결합니다", "Reconnecting shortly"]
        page.screenshot(path=str(artifacts_dir / "kiosk-outage.png"))
        # Through the whole outage: the notice stays, Streamlit's dialog never shows.
        checks = 0
        while time.monotonic() - down_at < OUTAGE_S:
            assert notice.is_visible(), f"notice gone after {time.monotonic() - down_at:.0f} s"
            assert not _streamlit_dialog_visible(page), f"Streamlit's dialog after {time.monotonic() - down_at:.0f} s"
            checks += 1
            # A look every second: each look itself takes time on a busy machine, and the count
            # below asks for looks spread through the outage, not for a rate the machine cannot keep.
            page.wait_for_timeout(1000)
        assert checks > 10
        # Somebody else may have taken the port meanwhile on a shared machine; the kiosk PC would have the same URL.
        monkeypatch.setattr(e2e, "_free_port", lambda: port)
        server = start_server(KIOSK_ENV, tmp_path)
        # Back by itself: the notice goes, the kiosk draws and rotates again, no dialog on the way.
        poll(
            lambda: page.locator(DOTS).count() == 1 and not page.locator(f"#{OVERLAY_ID}").is_visible(),
            60,
            "the kiosk came back without the notice",
        )
        seen = {_screen(page)}
        poll(lambda: seen.add(_screen(page)) or len(seen) > 2, 45, "the kiosk rotated again after the outage")
        assert not _streamlit_dialog_visible(page)
        page.screenshot(path=str(artifacts_dir / "kiosk-after-outage.png"))
        assert session.external_requests == []
    finally:
        stop_server(server)
