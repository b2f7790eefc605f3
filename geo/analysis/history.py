"""Service statuses "as of" a date, read from the status-change history.

Status changes are history, not overwrites (DESIGN.md section 3): each row of
``status_history`` keeps ``old_status``, ``new_status`` and ``changed_at``.
This module replays that history so any view can be shown as it stood on a
given day, and lists what changed between two days for briefings.

As-of rules, for each service and a day ``as_of``:

1. the service has a change on or before ``as_of``: its status is the
   ``new_status`` of the last such change (changes on the same day keep the
   order of the history file);
2. the service has changes, all after ``as_of``: its status is the
   ``old_status`` of its first change, or ``계획`` when that first change has
   no old status (the record that created it);
3. the service has no recorded change at all: its current ``status``. No
   recorded change means it has never changed, so the as-of view on any day
   equals the current view; guessing ``계획`` instead would make the as-of view
   disagree with the live data for a service imported as, say, ``운영``.

A project exists from its first reported event or report on (:func:`first_known`):
the earlier of its first recorded change and its ``reported_on`` day. On a day
before that it is left out of the as-of view, and every count and total with it
(a programme first reported in 2025 is not "planned" in 2023). A service with
neither (a plain import without history) has no known start and is always shown.

A dated event that changes no status (``old_status`` equal to ``new_status``, such
as a service extended to more places) is kept in the history and listed among
the changes; it does not move ``status_since``, which stays the day the status
was reached.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.clock import city_today
from geo.i18n import t
from geo.model.vocab import ServiceStatus

#: Columns of :func:`status_changes_between`, in order.
CHANGE_COLUMNS: tuple[str, ...] = (
    "changed_at",
    "service_id",
    "name_ko",
    "name_en",
    "area_id",
    "old_status",
    "new_status",
    "changed_by",
    "reason",
    "reason_en",
    "is_sample",
)


def _as_date(value: date | str | pd.Timestamp, argument: str) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{argument} must be a date or an ISO date such as '2026-01-31', not {value!r}") from exc


def _history_dates(status_history: pd.DataFrame) -> pd.Series:
    """``changed_at`` as ``datetime.date`` values (its own wall-clock day, as ``_history_days``), whatever type."""
    dates: pd.Series = _history_days(status_history).dt.date
    return dates


def default_as_of(status_history: pd.DataFrame, today: date | None = None) -> date:
    """The day the dashboard shows by default: today (``today`` or Ansan's date, :func:`geo.clock.city_today`).

    The history is replayed up to that day, so a change recorded for a later day
    (a status scheduled ahead) is not shown before it happens. The data's last
    change is a different fact, labelled as such (:func:`last_change`).
    """
    del status_history  # kept in the signature: callers pass the history they replay
    return today or city_today()


def last_change(status_history: pd.DataFrame) -> date | None:
    """The day of the latest recorded status change, None for an empty history."""
    if status_history.empty:
        return None
    return cast(date, max(_history_dates(status_history)))


def as_of_caption(status_history: pd.DataFrame, lang: str) -> str:
    """'데이터의 마지막 상태 변경 2025-12-22' (the data's last change, told apart from the day shown)."""
    last = last_change(status_history)
    return t("history.last_change", lang, date=last.isoformat() if last else "—")


def first_known(services: pd.DataFrame, status_history: pd.DataFrame) -> pd.Series:
    """The day each service is first known: its first recorded change or ``reported_on``, whichever is earlier.

    Returns
    -------
    pandas.Series of datetime.date or None
        Aligned with ``services``; None when the service has neither.
    """
    return _first_known_days(services, status_history).map(lambda day: None if pd.isna(day) else day.date())


def first_known_days(services: pd.DataFrame, status_history: pd.DataFrame) -> pd.Series:
    """:func:`first_known` as datetime64 at midnight (NaT for none): no Python date per service (city scale)."""
    days: pd.Series = _first_known_days(services, status_history).dt.normalize()
    return days


def _first_known_days(services: pd.DataFrame, status_history: pd.DataFrame) -> pd.Series:
    """:func:`first_known` as datetime64 (NaT for none), column-wise for 100,000 services."""
    first = pd.Series(pd.NaT, index=services.index, dtype="datetime64[ns]")
    if not status_history.empty:  # grouped on integer codes: Arrow string keys are slow at city scale
        codes, service_ids = pd.factorize(status_history["service_id"].to_numpy(dtype=object))
        earliest = pd.to_datetime(status_history["changed_at"]).groupby(codes).min()
        position = pd.Index(service_ids).get_indexer(services["service_id"].to_numpy(dtype=object))
        first = pd.Series(earliest.reindex(position).to_numpy(), index=services.index).astype("datetime64[ns]")
    if "reported_on" in services:
        reported = pd.to_datetime(services["reported_on"], errors="coerce").astype("datetime64[ns]")
        first = first.where(reported.isna() | (first <= reported), reported)
    return first


def services_as_of(
    services: gpd.GeoDataFrame | pd.DataFrame,
    status_history: pd.DataFrame,
    as_of: date | str,
) -> gpd.GeoDataFrame | pd.DataFrame:
    """Each service with the status it had on ``as_of`` (see the module docstring for the rules).

    Parameters
    ----------
    services : geopandas.GeoDataFrame or pandas.DataFrame
        The services (``geo.model.schema.SERVICES``); geometry and CRS are kept.
    status_history : pandas.DataFrame
        The status-change history (``geo.model.schema.STATUS_HISTORY``), in any row order.
    as_of : datetime.date or str
        The day to show; changes made on that day count.

    Returns
    -------
    geopandas.GeoDataFrame or pandas.DataFrame
        A copy of the services known by ``as_of`` (:func:`first_known`), in their
        order, where ``status`` is the status on ``as_of`` and two columns are added: ``status_current`` (the
        status in the data now) and ``status_since`` (the day of the change that
        set the as-of status, or ``None`` when no change had been made by then).
    """
    day = _as_date(as_of, "as_of")
    first = _first_known_days(services, status_history)
    result = services.loc[(first.isna() | (first <= pd.Timestamp(day))).to_numpy()].copy()
    result["status_current"] = result["status"]
    status, since = _replayed_status(status_history, pd.Timestamp(day))
    ids = result["service_id"].to_numpy(dtype=object)  # plain objects: iterating Arrow strings one by one is slow
    current_status = result["status_current"].to_numpy(dtype=object)
    result["status"] = [str(status.get(i, current)) for i, current in zip(ids, current_status, strict=True)]
    result["status_since"] = [since.get(i) for i in ids]
    return result


def _history_days(status_history: pd.DataFrame) -> pd.Series:
    """``changed_at`` as datetime64 at midnight of its own (wall-clock) day, column-wise."""
    stamps = pd.to_datetime(status_history["changed_at"])
    if stamps.dt.tz is not None:
        stamps = stamps.dt.tz_localize(None)
    days: pd.Series = stamps.dt.normalize()
    return days


def _replayed_status(status_history: pd.DataFrame, day: pd.Timestamp) -> tuple[dict[object, str], dict[object, date]]:
    """Per service with a recorded change: its status on ``day`` and, where a change was made by then, the day
    of the change that set it (rules 1 and 2 of the module docstring; ``status_since`` as ``datetime.date``).

    Column-wise on integer codes (one sort, no group-by on strings): the map replays the history for each new
    day, and 100,000 services took minutes one service at a time.
    """
    if status_history.empty:
        return {}, {}
    codes, service_ids = pd.factorize(status_history["service_id"].to_numpy(dtype=object))
    days = _history_days(status_history).to_numpy(dtype="datetime64[ns]")
    old = status_history["old_status"].to_numpy(dtype=object)
    new = status_history["new_status"].to_numpy(dtype=object)
    order = np.lexsort((np.arange(len(codes)), days, codes))  # by service, then day, then history order
    codes, days, old, new = codes[order], days[order], old[order], new[order]

    first_rows = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    before = [value if isinstance(value, str) and value else ServiceStatus.PLANNED for value in old[first_rows]]
    status: dict[object, str] = dict(zip(service_ids[codes[first_rows]], before, strict=True))  # rule 2
    done = np.flatnonzero(days <= np.datetime64(day))
    reached = _last_per_service(codes, done)
    status.update(zip(service_ids[codes[reached]], new[reached], strict=True))  # rule 1 overrides rule 2
    since: dict[object, date] = dict(zip(service_ids[codes[reached]], _dates(days[reached]), strict=True))
    old_text = np.array(["" if value is None or value != value else value for value in old[done]], dtype=object)
    moved = _last_per_service(codes, done[old_text != new[done]])  # a same-status event keeps status_since
    since.update(zip(service_ids[codes[moved]], _dates(days[moved]), strict=True))
    return status, since


def _last_per_service(codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Of ``rows`` (ascending positions in the sorted history), the last one of each service."""
    if rows.size == 0:
        return rows
    chosen = codes[rows]
    return rows[np.r_[chosen[1:] != chosen[:-1], True]]


def _dates(days: np.ndarray) -> list[date]:
    """datetime64 days as ``datetime.date`` values."""
    return list(days.astype("datetime64[D]").tolist())


def status_changes_between(
    status_history: pd.DataFrame,
    start: date | str,
    end: date | str,
    services: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The status changes made from ``start`` to ``end``, both days included, oldest first.

    Parameters
    ----------
    status_history : pandas.DataFrame
        The status-change history (``geo.model.schema.STATUS_HISTORY``).
    start, end : datetime.date or str
        First and last day of the period ("what changed since the last briefing").
    services : pandas.DataFrame, optional
        The services, to add each change's ``name_ko``, ``name_en`` and ``area_id``.
        Without it those columns are empty.

    Returns
    -------
    pandas.DataFrame
        One row per change, columns :data:`CHANGE_COLUMNS`; ``changed_at`` is a
        ``datetime.date``. Sorted by day, then service id, then history order.

    Raises
    ------
    ValueError
        If ``start`` is after ``end``.
    """
    first, last = _as_date(start, "start"), _as_date(end, "end")
    if first > last:
        raise ValueError(f"start ({first}) must not be after end ({last}); swap them")
    history = status_history.assign(changed_at=_history_dates(status_history), _order=range(len(status_history)))
    changes = history.loc[(history["changed_at"] >= first) & (history["changed_at"] <= last)]
    changes = changes.sort_values(["changed_at", "service_id", "_order"], kind="stable")
    if services is not None:
        names = services.drop_duplicates("service_id").set_index("service_id")
        for column in ("name_ko", "name_en", "area_id"):
            changes[column] = changes["service_id"].map(names[column]) if column in names else None
    for column in CHANGE_COLUMNS:
        if column not in changes:
            changes[column] = None
    return pd.DataFrame(changes.loc[:, list(CHANGE_COLUMNS)]).reset_index(drop=True)
