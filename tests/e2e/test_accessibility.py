"""Accessibility in real Chromium: axe-core on every staff page in both languages, the kiosk's 읽어 주기 served
by the app itself, and its 내 휴대폰으로 보기 QR code only where a public address is configured.

axe-core is the vendored copy (static/lib/axe-core), injected from the file by ``geo.axe.run_axe``.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import urllib.request
import wave

import pytest

from geo.auth import add_user
from geo.axe import run_axe
from geo.phone import qr_png
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end
from ui.kiosk_speech import PHONE_BLOCK, PHONE_BUTTON, READ_BUTTON

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"
PUBLIC_URL = "https://kiosk.ansan.example/"
STAFF_PAGES = ("/", "/map", "/districts", "/briefing")


@pytest.fixture(scope="module")
def signed_staff_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y_staff")
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=root / "secrets.toml")
    server = start_server({"DASHBOARD_MODE": "staff", "DASHBOARD_SECRETS_FILE": str(root / "secrets.toml")}, root)
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def public_kiosk_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("a11y_kiosk")
    server = start_server({"DASHBOARD_MODE": "kiosk", "DASHBOARD_PUBLIC_URL": PUBLIC_URL}, root)
    yield server
    stop_server(server)


def _settled(page) -> None:
    page.locator("[data-testid='stMain'] h1").first.wait_for()
    wait_for_run_end(page)
    page.wait_for_timeout(1500)  # charts and maps draw after the run ends


def _blocking(page) -> list[str]:
    return [v.describe() for v in run_axe(page) if v.blocking]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_staff_page_has_a_serious_or_critical_axe_violation(signed_staff_server, open_app, lang):
    session = open_app(signed_staff_server, f"/?lang={lang}", viewport=(1366, 900))
    page = session.page
    found = {}
    for path in STAFF_PAGES:
        page.goto(f"{signed_staff_server.url}{path}?lang={lang}")
        _settled(page)
        found[path] = _blocking(page)
    page.goto(f"{signed_staff_server.url}/data?lang={lang}")
    _settled(page)
    found["/data (sign-in)"] = _blocking(page)
    page.get_by_role("textbox", name="사용자 이름" if lang == "ko" else "Username", exact=True).fill("kim_gis")
    page.get_by_role("textbox", name="비밀번호" if lang == "ko" else "Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="로그인" if lang == "ko" else "Sign in").click()
    page.get_by_role("tab").first.wait_for()
    _settled(page)
    found["/data"] = _blocking(page)
    assert found == {path: [] for path in found}
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_read_aloud_plays_audio_served_by_the_app_itself(public_kiosk_server, open_app, lang):
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (.ci/run installs it)")
    session = open_app(public_kiosk_server, f"/?lang={lang}", viewport=(1080, 1920))
    page = session.page
    page.locator(".kiosk-screen-title").first.wait_for()
    wait_for_run_end(page)
    page.locator(f".st-key-{READ_BUTTON} button").click()
    audio = page.locator("audio")
    audio.wait_for(state="attached")
    page.wait_for_function("() => { const a = document.querySelector('audio'); return a && a.readyState >= 2; }")
    source = audio.evaluate("a => a.currentSrc")
    assert re.fullmatch(re.escape(public_kiosk_server.url) + r"/media/[0-9a-f]+\.wav", source)
    duration = audio.evaluate("a => a.duration")
    with urllib.request.urlopen(source, timeout=10) as response:
        body = response.read()
    with wave.open(io.BytesIO(body)) as spoken:
        assert spoken.getnframes() / spoken.getframerate() == pytest.approx(duration, abs=0.1)
    assert duration > 3
    assert session.external_requests == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_qr_code_points_at_the_public_kiosk_view_in_the_same_language(public_kiosk_server, open_app, lang):
    session = open_app(public_kiosk_server, f"/?lang={lang}", viewport=(1080, 1920))
    page = session.page
    page.locator(".kiosk-screen-title").first.wait_for()
    wait_for_run_end(page)
    # 내 휴대폰으로 보기 is a button of the control bar: a touch shows the code in place of the screen's text.
    page.locator(f".st-key-{PHONE_BUTTON} button").click()
    block = page.locator(f".st-key-{PHONE_BLOCK}")
    expected = f"{PUBLIC_URL}?lang={lang}"
    image = block.locator("img.kiosk-qr")
    image.wait_for()
    assert expected in image.get_attribute("alt")
    assert image.evaluate("i => i.complete && i.naturalWidth") > 100  # the PNG decodes and draws
    # The picture is the code of that address (segno's PNG of it, byte for byte).
    png = base64.b64decode(image.get_attribute("src").removeprefix("data:image/png;base64,"))
    assert png == qr_png(expected)
    assert block.locator(".kiosk-phone-url").inner_text().endswith(f": {expected}")
    assert session.external_requests == []


def test_no_qr_code_without_a_public_address(tmp_path_factory, open_app):
    root = tmp_path_factory.mktemp("a11y_kiosk_private")
    server = start_server({"DASHBOARD_MODE": "kiosk"}, root)
    try:
        page = open_app(server, "/", viewport=(1080, 1920)).page
        page.locator(".kiosk-screen-title").first.wait_for()
        wait_for_run_end(page)
        assert page.locator(f".st-key-{PHONE_BLOCK}").count() == 0
        assert page.locator(f".st-key-{PHONE_BUTTON}").count() == 0
        assert page.locator(f".st-key-{READ_BUTTON}").count() == 1
    finally:
        stop_server(server)
