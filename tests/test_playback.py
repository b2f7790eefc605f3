"""The playback's steps (geo.analysis.playback): every stop, its changes with their sources, and statuses equal to as-of."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.analysis.history import services_as_of
from geo.analysis.playback import (
    NOT_KNOWN,
    change_line,
    milestone_day,
    playback_steps,
    step_index,
    step_statuses,
    timeline_payload,
)
from geo.loaders import DashboardData
from geo.model.vocab import STATUS_TERMS

TODAY = date(2026, 12, 7)
CODES = list(STATUS_TERMS)


@pytest.fixture
def services() -> gpd.GeoDataFrame:
    """A: reported 2024-06-01, events later; B: one event; C: no history, reported; D: neither (always shown)."""
    return gpd.GeoDataFrame(
        {
            "service_id": ["A", "B", "C", "D"],
            "name_ko": ["스마트 횡단보도", "똑버스", "스마트 경로당", "스마트폴"],
            "name_en": ["Smart crosswalk", "DRT bus", "Smart senior centre", "Smart pole"],
            "status": ["운영", "운영", "계획", "운영"],
            "reported_on": ["2024-06-01", "2023-03-21", "2025-02-10", None],
            "source": ["경기일보 (2024-06-01)", "서울경제", "뉴스1 (2025-02-10)", ""],
            "is_sample": [False] * 4,
        },
        geometry=[Point(126.8, 37.3)] * 4,
        crs="EPSG:4326",
    )


@pytest.fixture
def history() -> pd.DataFrame:
    rows = [
        ("A", "2025-06-01", "설계", "구축", "뉴스1 (2025-06-01)", "착공", "Works began"),
        ("A", "2025-01-10", "계획", "설계", "경기일보 (2025-01-12)", "설계 착수", "Design began"),
        ("A", "2027-01-15", "구축", "운영", "예정", "개통 예정", "Opening scheduled"),
        ("B", "2023-03-21", None, "운영", "서울경제 (2023-03-19)", "대부도 운행 시작", "Service started"),
        ("B", "2024-07-04", "운영", "운영", "연합뉴스 (2024-07-04)", "안산스마트허브로 확대", "Extended"),
    ]
    return pd.DataFrame(
        rows, columns=["service_id", "changed_at", "old_status", "new_status", "changed_by", "reason", "reason_en"]
    )


PLAN = {
    "source": {"ko": "스포츠동아 (2026-02-03)", "en": "Sports Donga (2026-02-03)"},
    "milestones": [
        {"date": "2024-05", "ko": "용역 착수", "en": "Plan commissioned"},
        {"date": "2010-01", "ko": "범위 밖", "en": "Out of range"},
    ],
}


def test_steps_stop_at_events_reports_milestones_and_today(services, history) -> None:
    steps = playback_steps(services, history, PLAN, TODAY)
    days = [step.day for step in steps]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert days[0] == date(2023, 3, 21)  # the first report, not the milestone of 2010 before it
    assert days[-1] == TODAY
    assert date(2027, 1, 15) not in days  # scheduled ahead: not played
    for day in ("2024-05-01", "2024-06-01", "2024-07-04", "2025-01-10", "2025-02-10", "2025-06-01"):
        assert date.fromisoformat(day) in days, day
    kinds = {step.day: [c.kind for c in step.changes] for step in steps}
    assert kinds[date(2024, 5, 1)] == ["milestone"]
    assert kinds[date(2024, 6, 1)] == ["reported"]  # A reported before its first event
    assert kinds[date(2025, 2, 10)] == ["reported"]  # C has no event at all
    assert kinds[date(2023, 3, 21)] == ["event"]  # B's report day is its event's day: listed once
    assert kinds[TODAY] == []


def test_each_change_cites_its_source(services, history) -> None:
    steps = {step.day: step for step in playback_steps(services, history, PLAN, TODAY)}
    extended = steps[date(2024, 7, 4)].changes[0]
    assert change_line(extended, date(2024, 7, 4), "ko") == "2024-07-04 연합뉴스: 똑버스 — 안산스마트허브로 확대"
    assert change_line(extended, date(2024, 7, 4), "en") == "2024-07-04 연합뉴스: DRT bus — Extended"
    design = change_line(steps[date(2025, 1, 10)].changes[0], date(2025, 1, 10), "en")
    # A report dated otherwise than the event keeps its own day; the status change is named.
    assert design == "2025-01-10 경기일보 (2025-01-12): Smart crosswalk — Design began (Planned → Design)"
    assert "뉴스1" in change_line(steps[date(2025, 2, 10)].changes[0], date(2025, 2, 10), "ko")
    milestone = change_line(steps[date(2024, 5, 1)].changes[0], date(2024, 5, 1), "ko")
    assert milestone.startswith("2024-05 ") and "용역 착수" in milestone and "스포츠동아" in milestone


def test_step_statuses_equal_the_as_of_view_on_every_step(services, history) -> None:
    steps = playback_steps(services, history, PLAN, TODAY)
    table = step_statuses(services, history, steps)
    for k, step in enumerate(steps):
        expected = services_as_of(services, history, step.day).set_index("service_id")["status"]
        got = {sid: CODES[code] for sid, code in zip(services["service_id"], table[k], strict=True) if code >= 0}
        assert got == expected.to_dict(), step.day


def test_statuses_hold_until_the_next_event(services, history) -> None:
    steps = playback_steps(services, history, PLAN, TODAY)
    table = step_statuses(services, history, steps)
    a = {step.day: table[k, 0] for k, step in enumerate(steps)}
    assert a[date(2024, 5, 1)] == NOT_KNOWN
    assert CODES[a[date(2024, 6, 1)]] == "계획"  # before its first event: that event's old status
    assert CODES[a[date(2025, 2, 10)]] == "설계"  # held from 2025-01-10 to the next event
    assert CODES[a[TODAY]] == "구축"  # the 2027 opening is not yet


def test_timeline_payload_replays_to_the_table(services, history) -> None:
    payload = timeline_payload(services, history, PLAN, TODAY, "ko")
    steps = playback_steps(services, history, PLAN, TODAY)
    table = step_statuses(services, history, steps)
    assert payload["days"] == [s.day.isoformat() for s in steps]
    assert len(payload["offsets"]) == len(steps) + 1 and len(payload["lines"]) == len(steps)
    codes = np.array(payload["start"])
    for k in range(len(steps)):
        start, end = payload["offsets"][k], payload["offsets"][k + 1]
        codes[payload["rows"][start:end]] = payload["codes"][start:end]
        assert codes.tolist() == table[k].tolist()
    assert payload["kinds"][-1] == ""


def test_step_index_and_milestone_day(services, history) -> None:
    steps = playback_steps(services, history, PLAN, TODAY)
    assert steps[step_index(steps, date(2024, 7, 10))].day == date(2024, 7, 4)
    assert step_index(steps, date(2000, 1, 1)) == 0
    assert milestone_day("2024-05") == date(2024, 5, 1)
    assert milestone_day("2026-02-02") == date(2026, 2, 2)
    assert milestone_day("봄") is None


def test_bundled_history_every_event_is_a_step_with_its_source(bundled: DashboardData) -> None:
    steps = playback_steps(bundled.services, bundled.status_history, bundled.plan, TODAY)
    days = {step.day for step in steps}
    events = pd.to_datetime(bundled.status_history["changed_at"]).dt.date
    assert set(events[events <= TODAY]) <= days
    lines = [change_line(c, s.day, "ko") for s in steps for c in s.changes]
    assert any(line.startswith("2024-07-04 연합뉴스: ") for line in lines)
    table = step_statuses(bundled.services, bundled.status_history, steps)
    for day in (date(2021, 1, 1), date(2024, 7, 1)):
        k = step_index(steps, day)
        expected = services_as_of(bundled.services, bundled.status_history, day)
        shown = bundled.services["service_id"].to_numpy()[table[k] >= 0]
        assert sorted(shown) == sorted(expected["service_id"])


def test_empty_inputs() -> None:
    empty = gpd.GeoDataFrame({"service_id": [], "name_ko": [], "status": []}, geometry=[], crs="EPSG:4326")
    history = pd.DataFrame(columns=["service_id", "changed_at", "old_status", "new_status", "changed_by"])
    assert playback_steps(empty, history, PLAN, TODAY) == []
    assert timeline_payload(empty, history, PLAN, TODAY, "ko")["days"] == []


def test_timeline_equals_the_as_of_table_on_a_random_history() -> None:
    """Hundreds of services, reports before, on and after their events, same-day and no-change events."""
    rng = np.random.default_rng(3)
    count = 300
    base = date(2020, 1, 1)
    reported = [
        None if r < 0.2 else (base + pd.Timedelta(days=int(d))).isoformat()
        for r, d in zip(rng.random(count), rng.integers(0, 2400, count), strict=True)
    ]
    services = pd.DataFrame(
        {
            "service_id": [f"S{i}" for i in range(count)],
            "name_ko": [f"사업 {i}" for i in range(count)],
            "status": [CODES[i] for i in rng.integers(0, len(CODES), count)],
            "reported_on": reported,
        }
    )
    rows = []
    for i in range(count):
        previous = None if i % 3 else "계획"
        for d in sorted(rng.integers(0, 2600, rng.integers(0, 4))):
            new = CODES[int(rng.integers(0, len(CODES)))]
            rows.append((f"S{i}", (base + pd.Timedelta(days=int(d))).isoformat(), previous, new, "src"))
            previous = new
    history = pd.DataFrame(rows, columns=["service_id", "changed_at", "old_status", "new_status", "changed_by"])
    today = date(2026, 6, 30)
    steps = playback_steps(services, history, {}, today)
    table = step_statuses(services, history, steps)
    payload = timeline_payload(services, history, {}, today, "en")
    codes = np.array(payload["start"])
    assert codes.tolist() == table[0].tolist()
    for k in range(1, len(steps)):
        start, end = payload["offsets"][k], payload["offsets"][k + 1]
        assert (codes[payload["rows"][start:end]] != payload["codes"][start:end]).all()  # only real changes
        codes[payload["rows"][start:end]] = payload["codes"][start:end]
        assert codes.tolist() == table[k].tolist(), steps[k].day
