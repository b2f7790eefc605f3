"""The public view (visitors' phones, ``DASHBOARD_PUBLIC_VIEW=1``) counts 필요해요 per visitor's session, under AppTest.

A lobby kiosk is one client of its own limit (tests/e2e/test_voice_kiosk.py taps a burst from one kiosk); on the
public view every phone is its own client: one visitor is held to ``DASHBOARD_VOICE_CLIENT_LIMIT_PER_MINUTE``, and
another visitor's taps still count. Nothing of the visitor (address, user agent) is read: the key is a random id.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.kiosk.screens import PROJECT_GROUPS
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import PROJECT_ROOT
from ui import state

ENTRY = str(PROJECT_ROOT / "dashboard.py")
LIMIT = 1  # a page of the screen offers two or more projects in its picker


@pytest.fixture
def public_view(monkeypatch, demo_copy: Path):
    for name in ("DATABASE_URL", "DASHBOARD_STORE_DIR", "DASHBOARD_KIOSK_INTERVAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
    monkeypatch.setenv("DASHBOARD_PUBLIC_VIEW", "1")
    monkeypatch.setenv("DASHBOARD_VOICE_CLIENT_LIMIT_PER_MINUTE", str(LIMIT))
    monkeypatch.setenv("DASHBOARD_VOICE_LIMIT_PER_MINUTE", "100")
    return demo_copy


def _visitor() -> AppTest:
    """A new visitor (a new session) on the screen of the projects in service."""
    at = AppTest.from_file(ENTRY, default_timeout=90).run()
    section = next(iter(PROJECT_GROUPS))
    return at.button(key=f"kiosk_nav_{section}").click().run()


def _tap_each(at: AppTest, count: int) -> list[str]:
    """필요해요 on ``count`` different projects of the screen's picker; the message each tap got."""
    messages = []
    for index in range(count):
        at.selectbox(key=state.VOICE_PICK).select_index(index).run()
        project_id = at.session_state[state.VOICE_PICK]
        at.button(key=f"voice_need_{project_id}").click().run()
        messages.append(str(at.session_state[state.VOICE_MESSAGE][1]))
    return messages


def test_one_visitor_is_held_to_the_per_visitor_limit_and_another_still_counts(public_view: Path) -> None:
    first = _visitor()
    assert not first.exception
    messages = _tap_each(first, LIMIT + 1)
    assert messages == ["voice.need.thanks"] * LIMIT + ["voice.limit"]
    store = GeoPackageStore(public_view / STORE_FILE_NAME)
    assert int(store.voice_counts()["needs"].sum()) == LIMIT
    second = _visitor()
    assert _tap_each(second, 1) == ["voice.need.thanks"]
    assert int(store.voice_counts()["needs"].sum()) == LIMIT + 1
    # Counted on the public channel, keyed by a random id (never an address): the store has no client column.
    with store.database.reading() as tx:
        channels = {row[0] for row in tx.query("SELECT DISTINCT channel FROM voice_reactions")}
    assert channels == {"public"}


def test_a_lobby_kiosk_counts_as_one_kiosk_not_per_visitor(public_view: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_PUBLIC_VIEW", "0")
    at = _visitor()
    assert _tap_each(at, LIMIT + 1) == ["voice.need.thanks"] * (LIMIT + 1)  # the kiosk's own limit is 100
    store = GeoPackageStore(public_view / STORE_FILE_NAME)
    with store.database.reading() as tx:
        channels = {row[0] for row in tx.query("SELECT DISTINCT channel FROM voice_reactions")}
    assert channels == {"kiosk"}


def test_the_kiosk_voice_box_is_one_row_whose_buttons_open_one_panel_at_a_time(public_view: Path) -> None:
    from ui.voice_kiosk import PANEL_FORM, PANEL_OPINIONS

    at = _visitor()
    project_id = at.session_state[state.VOICE_PICK]
    # Closed: the row only (the picker, 필요해요 and the two panels' buttons), no form taking the cards' room.
    assert not at.text_area and at.button(key=f"voice_need_{project_id}")
    at.button(key=f"voice_open_{PANEL_FORM}").click().run()
    assert at.session_state[state.VOICE_PANEL] == (PANEL_FORM, project_id) and len(at.text_area) == 1
    at.button(key=f"voice_open_{PANEL_OPINIONS}").click().run()  # the other panel replaces the form
    assert at.session_state[state.VOICE_PANEL] == (PANEL_OPINIONS, project_id) and not at.text_area
    at.button(key=f"voice_open_{PANEL_OPINIONS}").click().run()  # a second tap closes it
    assert at.session_state[state.VOICE_PANEL] is None
    # Another card of the screen: a panel opened for one project never shows under another.
    at.button(key=f"voice_open_{PANEL_FORM}").click().run()
    at.selectbox(key=state.VOICE_PICK).select_index(1).run()
    assert not at.text_area
