"""Statuses "as of" a date, on a small hand-made history whose every change is known."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geo.analysis.aggregate import services_by_area_status
from geo.analysis.history import (
    CHANGE_COLUMNS,
    default_as_of,
    first_known,
    last_change,
    services_as_of,
    status_changes_between,
)
from geo.links import parse_day


@pytest.fixture
def services() -> gpd.GeoDataFrame:
    """Five services in 신길2: A went 계획→설계→구축→운영, B was cancelled, C and D never changed, E was created as 설계.

    A was first reported on 2024-06-01, before its first recorded change; the others carry no report day.
    """
    rows = [
        ("A", "스마트 횡단보도", "Smart crosswalk", "운영"),
        ("B", "스마트 버스정류장", "Smart bus shelter", "취소"),
        ("C", "스마트 경로당", "Smart senior centre", "계획"),
        ("D", "스마트폴", "Smart pole", "운영"),
        ("E", "침수 감지 센서망", "Flood sensors", "설계"),
    ]
    return gpd.GeoDataFrame(
        {
            "service_id": [r[0] for r in rows],
            "name_ko": [r[1] for r in rows],
            "name_en": [r[2] for r in rows],
            "area_id": ["singil2"] * 5,
            "status": [r[3] for r in rows],
            "reported_on": ["2024-06-01", None, None, None, None],
            "is_sample": [False] * 5,
        },
        geometry=[Point(126.77, 37.33)] * 5,
        crs="EPSG:4326",
    )


@pytest.fixture
def history() -> pd.DataFrame:
    rows = [
        # Deliberately not in date order: the replay must sort.
        ("A", date(2025, 6, 1), "설계", "구축"),
        ("A", date(2025, 1, 10), "계획", "설계"),
        ("A", date(2026, 1, 15), "구축", "운영"),
        ("B", date(2025, 2, 1), "계획", "취소"),
        ("E", date(2025, 3, 1), None, "설계"),
    ]
    return pd.DataFrame(
        {
            "service_id": [r[0] for r in rows],
            "changed_at": [r[1] for r in rows],
            "old_status": [r[2] for r in rows],
            "new_status": [r[3] for r in rows],
            "changed_by": ["스마트도시과"] * len(rows),
            "reason": ["단계 전환"] * len(rows),
            "is_sample": [False] * len(rows),
        }
    )


def _statuses(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["service_id"], frame["status"], strict=True))


def test_a_service_exists_from_its_first_reported_event_or_report_on(services, history):
    result = services_as_of(services, history, date(2024, 12, 31))
    # B and E were first known in 2025: not there yet. A was reported in 2024 before its first change: it has
    # that change's old status. C and D have no history and no report day: always there, as they are.
    assert _statuses(result) == {"A": "계획", "C": "계획", "D": "운영"}
    assert list(result["status_since"]) == [None] * 3
    assert _statuses(services_as_of(services, history, date(2024, 5, 31))) == {"C": "계획", "D": "운영"}
    assert "E" in _statuses(services_as_of(services, history, date(2025, 3, 1)))
    assert first_known(services, history).tolist() == [date(2024, 6, 1), date(2025, 2, 1), None, None, date(2025, 3, 1)]


def test_a_change_counts_from_its_own_day(services, history):
    assert _statuses(services_as_of(services, history, date(2025, 1, 9)))["A"] == "계획"
    assert _statuses(services_as_of(services, history, date(2025, 1, 10)))["A"] == "설계"


def test_mid_2025_replays_every_change_made_by_then(services, history):
    result = services_as_of(services, history, "2025-06-30")
    assert _statuses(result) == {"A": "구축", "B": "취소", "C": "계획", "D": "운영", "E": "설계"}
    assert dict(zip(result["service_id"], result["status_since"], strict=True)) == {
        "A": date(2025, 6, 1),
        "B": date(2025, 2, 1),
        "C": None,
        "D": None,
        "E": date(2025, 3, 1),
    }
    assert list(result["status_current"]) == ["운영", "취소", "계획", "운영", "설계"]


def test_changing_the_as_of_date_changes_the_counts_exactly(services, history):
    def counts(day: date) -> dict[str, int]:
        table = services_by_area_status(services_as_of(services, history, day))
        table = table.loc[table["area_id"] == "singil2"]
        return {status: n for status, n in zip(table["status"], table["count"], strict=True) if n}

    assert counts(date(2024, 12, 31)) == {"계획": 2, "운영": 1}
    assert counts(date(2025, 2, 1)) == {"계획": 1, "설계": 1, "운영": 1, "취소": 1}  # E not yet known
    assert counts(date(2025, 6, 1)) == {"계획": 1, "설계": 1, "구축": 1, "운영": 1, "취소": 1}
    assert counts(date(2026, 1, 15)) == {"계획": 1, "설계": 1, "운영": 2, "취소": 1}


def test_the_default_day_is_today_and_shows_the_current_data(services, history):
    assert default_as_of(history, today=date(2026, 12, 7)) == date(2026, 12, 7)
    assert last_change(history) == date(2026, 1, 15)
    assert last_change(history.iloc[0:0]) is None
    result = services_as_of(services, history, default_as_of(history))
    assert list(result["status"]) == list(services["status"])


def test_default_day_of_an_empty_history_is_today(history):
    assert default_as_of(history.iloc[0:0], today=date(2026, 3, 1)) == date(2026, 3, 1)


def test_a_day_from_a_link_is_read_strictly():
    today = date(2026, 12, 7)
    assert parse_day("2024-07-01", today) == date(2024, 7, 1)
    for odd in (
        "9999-99-99",
        "2024-7-1",
        "２０２４-07-01",
        "1" * 4400,
        "",
        None,
        "2024-02-30",
        "1850-01-01",
        "2045-01-01",
    ):
        assert parse_day(odd, today) is None, odd


def test_as_of_keeps_rows_geometry_and_crs(services, history):
    result = services_as_of(services, history, date(2025, 12, 1))
    assert isinstance(result, gpd.GeoDataFrame)
    assert result.crs == services.crs
    assert list(result["service_id"]) == ["A", "B", "C", "D", "E"]
    assert services["status"].tolist() == ["운영", "취소", "계획", "운영", "설계"]  # input untouched


def test_same_day_changes_follow_the_file_order(services, history):
    same_day = pd.concat(
        [
            history,
            pd.DataFrame(
                {
                    "service_id": ["C", "C"],
                    "changed_at": [date(2025, 5, 5)] * 2,
                    "old_status": ["계획", "설계"],
                    "new_status": ["설계", "보류"],
                    "changed_by": ["a", "a"],
                    "reason": [None, None],
                    "is_sample": [False, False],
                }
            ),
        ],
        ignore_index=True,
    )
    assert _statuses(services_as_of(services, same_day, date(2025, 5, 5)))["C"] == "보류"


def test_bad_as_of_names_the_argument(services, history):
    with pytest.raises(ValueError, match="as_of"):
        services_as_of(services, history, "지난주")


def test_changes_between_lists_each_change_with_names_both_days_included(services, history):
    changes = status_changes_between(history, date(2025, 1, 10), date(2025, 3, 1), services)
    assert list(changes.columns) == list(CHANGE_COLUMNS)
    assert changes[["service_id", "name_ko", "new_status"]].values.tolist() == [
        ["A", "스마트 횡단보도", "설계"],
        ["B", "스마트 버스정류장", "취소"],
        ["E", "침수 감지 센서망", "설계"],
    ]
    assert changes["old_status"].tolist()[:2] == ["계획", "계획"]
    assert pd.isna(changes["old_status"].iloc[2])
    assert list(changes["changed_at"]) == [date(2025, 1, 10), date(2025, 2, 1), date(2025, 3, 1)]


def test_changes_between_without_services_and_empty_period(history):
    changes = status_changes_between(history, "2026-01-01", "2026-12-31")
    assert changes["service_id"].tolist() == ["A"]
    assert changes["name_ko"].isna().all()
    assert status_changes_between(history, "2024-01-01", "2024-12-31").empty


def test_changes_between_rejects_a_reversed_period(history):
    with pytest.raises(ValueError, match="start"):
        status_changes_between(history, date(2026, 1, 1), date(2025, 1, 1))


def test_bundled_history_replayed_to_its_last_day_equals_the_bundled_statuses(bundled):
    result = services_as_of(bundled.services, bundled.status_history, default_as_of(bundled.status_history))
    assert (result["status"] == bundled.services["status"]).all()


def test_an_event_that_keeps_the_status_is_history_but_not_a_new_status_since(services, history):
    """A dated event with old = new (a running service extended to more places) stays in the history and the
    'what changed' list, the as-of status is unchanged, and 'since' stays the day the status was reached."""
    extended = pd.concat(
        [
            history,
            pd.DataFrame(
                [("A", date(2026, 3, 1), "운영", "운영", "연합뉴스 (2026-03-01)", "운행 구역 확대", False)],
                columns=history.columns,
            ),
        ],
        ignore_index=True,
    )
    after = services_as_of(services, extended, "2026-06-01").set_index("service_id")
    assert after.loc["A", "status"] == "운영" and after.loc["A", "status_since"] == date(2026, 1, 15)
    before = services_as_of(services, extended, "2026-02-01").set_index("service_id")
    assert before.loc["A", "status"] == "운영" and before.loc["A", "status_since"] == date(2026, 1, 15)
    changes = status_changes_between(extended, "2026-02-01", "2026-06-01", services)
    assert changes[["service_id", "old_status", "new_status", "reason"]].values.tolist() == [
        ["A", "운영", "운영", "운행 구역 확대"]
    ]


def _replayed_one_service_at_a_time(services: pd.DataFrame, history: pd.DataFrame, day: date) -> pd.DataFrame:
    """The as-of rules written plainly, one service at a time: the oracle for the column-wise replay."""
    result = services.copy()
    statuses, since = [], []
    dated = history.assign(day=pd.to_datetime(history["changed_at"]).dt.date, order=range(len(history)))
    for service_id, current in zip(services["service_id"], services["status"], strict=True):
        changes = dated.loc[dated["service_id"] == service_id].sort_values(["day", "order"], kind="stable")
        done = changes.loc[changes["day"] <= day]
        if not done.empty:
            statuses.append(done.iloc[-1]["new_status"])
            moved = done.loc[done["old_status"].fillna("") != done["new_status"]]
            since.append((moved if not moved.empty else done).iloc[-1]["day"])
        elif not changes.empty:
            first_old = changes.iloc[0]["old_status"]
            statuses.append(first_old if isinstance(first_old, str) and first_old else "계획")
            since.append(None)
        else:
            statuses.append(current)
            since.append(None)
    return result.assign(status=statuses, status_since=since)


@given(
    changes=st.lists(
        st.tuples(
            st.integers(0, 5),  # service (5 has no row in the services: a history of a removed service)
            st.integers(0, 40),  # day offset
            st.sampled_from(["계획", "설계", "구축", "운영", "", None]),
            st.sampled_from(["계획", "설계", "구축", "운영"]),
        ),
        max_size=30,
    ),
    offset=st.integers(-5, 45),
)
@settings(max_examples=150, deadline=None)
def test_the_column_wise_replay_equals_the_rules_applied_one_service_at_a_time(changes, offset):
    services = pd.DataFrame(
        {"service_id": [f"S{i}" for i in range(5)], "status": ["운영", "계획", "구축", "설계", "운영"]}
    )
    history = pd.DataFrame(
        [
            {
                "service_id": f"S{s}",
                "changed_at": (date(2025, 1, 1) + pd.Timedelta(days=d)).isoformat(),
                "old_status": o,
                "new_status": n,
            }
            for s, d, o, n in changes
        ],
        columns=["service_id", "changed_at", "old_status", "new_status"],
    )
    day = date(2025, 1, 1) + pd.Timedelta(days=offset)
    replayed = services_as_of(services, history, day)
    expected = _replayed_one_service_at_a_time(services, history, day).set_index("service_id")
    for row in replayed.itertuples():
        assert row.status == expected.at[row.service_id, "status"], (row.service_id, changes, day)
        assert row.status_since == expected.at[row.service_id, "status_since"], (row.service_id, changes, day)
