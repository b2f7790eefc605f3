"""The pages' cached data (ui.data): one replay of the history per store revision and day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import streamlit as st

from geo.analysis.history import services_as_of
from geo.clock import city_today
from ui import data as ui_data

DAY = date(2026, 1, 31)


@pytest.fixture
def demo_store(demo_copy: Path, monkeypatch: pytest.MonkeyPatch):
    """The app's store opened on a writable copy of the demo data, with the caches emptied around the test."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(demo_copy))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield ui_data.store()
    st.cache_resource.clear()
    st.cache_data.clear()


def test_services_on_a_day_are_the_replayed_history_and_read_once_per_revision_and_day(demo_store):
    data = ui_data.dashboard_data()
    first = ui_data.services_on(DAY)
    expected = services_as_of(data.services, data.status_history, DAY)
    assert first.reset_index(drop=True).equals(expected.reset_index(drop=True))
    assert ui_data.services_on(DAY) is first  # the same day again: nothing replayed
    assert ui_data.services_on(date(2024, 1, 31)) is not first


def test_an_edit_is_a_new_revision_whose_services_show_the_change(demo_store):
    service_id, today = "SVC-001", city_today()
    before = ui_data.services_on(today)
    record = demo_store.service_record(service_id)
    assert record.values["status"] != "보류"
    demo_store.update_service(
        service_id, record.version, {"status": "보류"}, user="김지리(kim_gis)", reason="예산 조정"
    )

    after = ui_data.services_on(today)
    assert after is not before
    assert after.set_index("service_id").loc[service_id, "status"] == "보류"
