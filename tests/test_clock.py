"""The city's clock: every default day and every stamp agree on Ansan's date, whatever the server's zone.

A server in UTC is nine hours behind Ansan. Between 00:00 and 09:00 KST its system date is still
yesterday; an edit stamped in Korean time then lay "after" a 기준일 taken from the system date and
was missing from the map until morning (CI caught it once, at 00:34 KST).
"""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

import geo.clock
from geo.analysis.history import default_as_of, services_as_of
from geo.clock import KST, city_now, city_today
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import PROJECT_ROOT as ROOT

# 00:30 in Ansan on 2030-01-02 is still 2030-01-01 in UTC: far from the real date, so a call that
# bypasses the clock (the system date) cannot match by chance.
JUST_AFTER_MIDNIGHT_KST = datetime(2030, 1, 1, 15, 30, tzinfo=UTC)


class _FrozenDatetime(datetime):
    """``datetime`` whose ``now`` is a fixed moment, shown in whatever zone is asked for."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return JUST_AFTER_MIDNIGHT_KST.astimezone(tz) if tz else JUST_AFTER_MIDNIGHT_KST.replace(tzinfo=None)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo.clock, "datetime", _FrozenDatetime)


def test_the_city_date_is_the_date_in_korea_not_the_servers():
    before = datetime.now(UTC)
    today = city_today()
    after = datetime.now(UTC)
    assert today in {(moment + timedelta(hours=9)).date() for moment in (before, after)}
    assert city_now().utcoffset() == timedelta(hours=9)


def test_just_after_midnight_in_ansan_the_default_day_is_already_the_new_day(frozen_clock):
    assert city_now() == datetime(2030, 1, 2, 0, 30, tzinfo=KST)
    assert city_today() == date(2030, 1, 2)
    assert default_as_of(pd.DataFrame({"service_id": [], "changed_at": [], "status": []})) == date(2030, 1, 2)


def test_an_edit_made_just_after_midnight_shows_on_the_default_day(frozen_clock, demo_copy: Path):
    store = GeoPackageStore(demo_copy / STORE_FILE_NAME)
    store.initialise(demo_copy)
    record = store.service_record("SVC-001")
    store.update_service("SVC-001", record.version, {"status": "설계"}, user="김지리(kim_gis)", reason="실시설계 착수")

    data = store.read_data()
    shown = services_as_of(data.services, data.status_history, default_as_of(data.status_history))
    assert shown.set_index("service_id").loc["SVC-001", "status"] == "설계"
    assert store.service_record("SVC-001").values["updated_at"] == date(2030, 1, 2)


# The product's code asks the clock, never the system, for "now" and "today". The health check's
# file ages are measured in UTC on purpose (a duration, not a day anyone reads).
CLOCK_EXEMPT = {"geo/clock.py", "geo/health.py"}


def _system_clock_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"today", "now"}
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"date", "datetime", "Timestamp"}
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.value.id}.{node.func.attr}()")
    return found


def test_no_page_or_module_reads_the_system_date_directly():
    files = [
        ROOT / "dashboard.py",
        *(p for folder in ("geo", "ui", "app_pages") for p in (ROOT / folder).rglob("*.py")),
    ]
    found = [
        hit for path in files if str(path.relative_to(ROOT)) not in CLOCK_EXEMPT for hit in _system_clock_calls(path)
    ]
    assert found == []
