"""The handout prepared in the background: the briefing says how long while it is made, then a click gives it at once."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import AppServer, start_server, stop_server
from ui.handout import HANDOUT_BUTTON_KEY

pytestmark = pytest.mark.browser

PREPARING = {"ko": "PDF를 만드는 중입니다", "en": "The PDF is being made"}


@pytest.fixture(scope="module")
def preparing_server(tmp_path_factory) -> Iterator[AppServer]:
    server = start_server({"DASHBOARD_HANDOUT_PREPARE": "1"}, tmp_path_factory.mktemp("handout"))
    yield server
    stop_server(server)


def _wait_until_ready(page, url: str, lang: str) -> None:
    """Reload until the page no longer says the handout is being made (the background build finished)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        page.goto(url)
        page.locator(f".st-key-{HANDOUT_BUTTON_KEY} button").wait_for()
        page.wait_for_timeout(500)
        if page.get_by_text(PREPARING[lang]).count() == 0:
            return
        page.wait_for_timeout(5000)
    raise AssertionError(f"the {lang} handout was not ready within 300 s")


def test_handout_is_made_in_the_background_in_both_languages_and_a_click_gives_it_at_once(
    preparing_server, open_app, tmp_path
):
    session = open_app(preparing_server, "/briefing")
    page = session.page
    # The first visit starts the build and says so (no build was timed yet: no figure is promised).
    page.get_by_text(PREPARING["ko"]).wait_for()
    _wait_until_ready(page, preparing_server.url + "/briefing", "ko")
    started = time.monotonic()
    with page.expect_download(timeout=30_000) as download:
        page.locator(f".st-key-{HANDOUT_BUTTON_KEY} button").click()
    target = tmp_path / "handout.pdf"
    download.value.save_as(target)
    click_s = time.monotonic() - started
    print(f"cached handout: click to file {click_s:.2f} s")
    assert 1 < len(PdfReader(target).pages) <= 12
    # The English one was queued by the same visit: ready without anyone opening the English page first.
    _wait_until_ready(page, preparing_server.url + "/briefing?lang=en", "en")
    with page.expect_download(timeout=30_000) as download:
        page.locator(f".st-key-{HANDOUT_BUTTON_KEY} button").click()
    english = tmp_path / "handout-en.pdf"
    download.value.save_as(english)
    assert 1 < len(PdfReader(english).pages) <= 12
    assert session.external_requests == []
