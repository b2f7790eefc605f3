"""The plan over time: projects by status and the reported budget at the end of each quarter (분기).

For each quarter from the one in which the first project became known (:func:`geo.analysis.history.first_known`) to the
quarter of ``until``, the trend counts the projects known on the quarter's last day by their status on that day,
and adds up the reported budget on that day with :func:`geo.analysis.budget.budget_summary` (the same rules, coverage
included, as every other total). The last quarter is read on ``until`` itself, not on the quarter's end, so the
last row equals what the dashboard shows for ``until`` (today by default).

The statuses follow :func:`geo.analysis.history.services_as_of` exactly (each status holds from its event until the next;
a project is left out before it is first known) but are computed once for every quarter: the history is sorted
once and each quarter-end is looked up with ``numpy.searchsorted``, so a city-scale layer (100,000 services) does
not replay the history in a Python loop per quarter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from geo.analysis.budget import WITH_OTHER_CITY, BudgetSummary, reported_budgets, text_column
from geo.analysis.history import first_known_days
from geo.i18n import t
from geo.model.vocab import BUDGET_BASIS_TERMS, COUNTED_STATUSES, STATUS_TERMS, ServiceStatus

#: The count column of each status, in vocabulary order ("계획" → ``planned``).
STATUS_COLUMNS: dict[str, str] = {value: term.en.lower().replace(" ", "_") for value, term in STATUS_TERMS.items()}

#: Columns of :func:`trend_by_quarter`, in order.
TREND_COLUMNS: tuple[str, ...] = (
    "quarter",
    "quarter_label",
    "day",
    *STATUS_COLUMNS.values(),
    "projects",
    "budget_krw_100m",
    "budget_counted",
    "budget_projects",
)


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1–4) of ``day``."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter."""
    return (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(days=1)


def quarter_label(year: int, quarter: int, lang: str) -> str:
    """'2024년 3분기' / '2024 Q3'."""
    return t("trend.quarter", lang, year=year, quarter=quarter)


def _quarters(first: date, last: date) -> list[tuple[int, int]]:
    year, quarter = quarter_of(first)
    end = quarter_of(last)
    quarters = []
    while (year, quarter) <= end:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def _known_days(services: pd.DataFrame, status_history: pd.DataFrame) -> pd.Series:
    """:func:`geo.analysis.history.first_known` as datetime64 (NaT: no known start, always shown)."""
    return first_known_days(services, status_history).astype("datetime64[ns]")


def _empty(lang: str) -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in TREND_COLUMNS})
    frame.attrs.update(has_sample=False, budget=None, lang=lang)
    return frame


def _status_table(
    services: pd.DataFrame, status_history: pd.DataFrame, days: list[date], first_days: pd.Series
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The status of every service on each of ``days``, as codes into the returned status list.

    Returns ``(codes, known, statuses)``: ``codes[i, j]`` is service ``j``'s status on ``days[i]``
    (``statuses[codes[i, j]]``), ``known[i, j]`` whether service ``j`` is known by then.
    """
    ids = services["service_id"].astype(str).to_numpy()
    current = services["status"].astype(str).to_numpy()
    statuses = list(dict.fromkeys([*STATUS_TERMS, *current]))
    day_values = np.array([np.datetime64(day, "D") for day in days])
    first = first_days.to_numpy().astype("datetime64[D]")
    known = np.isnat(first)[None, :] | (first[None, :] <= day_values[:, None])

    index = {status: code for code, status in enumerate(statuses)}
    codes = np.tile(np.array([index[s] for s in current], dtype=np.int32), (len(days), 1))
    if status_history.empty:
        return codes, known, statuses
    # A hash lookup: Arrow-backed text's isin with a set built a Python list of every history row (2 s at 200,000).
    listed = pd.Index(pd.unique(ids)).get_indexer(pd.Index(status_history["service_id"].astype(str))) >= 0
    history = status_history.loc[listed]
    history = history.assign(_day=pd.to_datetime(history["changed_at"]).to_numpy().astype("datetime64[D]"))
    history = history.loc[~np.isnat(history["_day"].to_numpy())]
    if history.empty:
        return codes, known, statuses
    # One integer per service id (the services' own order), the history sorted by service, day, file order.
    service_codes, unique_ids = pd.factorize(pd.Series(ids))
    code_of = pd.Series(np.arange(len(unique_ids)), index=unique_ids)
    history = history.assign(_service=history["service_id"].astype(str).map(code_of).to_numpy())
    history = history.assign(_order=np.arange(len(history))).sort_values(["_service", "_day", "_order"], kind="stable")
    new = [str(s) if isinstance(s, str) else "" for s in history["new_status"]]
    old = [s if isinstance(s, str) and s else "" for s in history["old_status"]]
    statuses.extend(s for s in dict.fromkeys(new) if s not in index)
    index = {status: code for code, status in enumerate(statuses)}
    new_codes = np.array([index[s] for s in new], dtype=np.int32)

    service = history["_service"].to_numpy().astype(np.int64)
    day_int = history["_day"].to_numpy().astype("datetime64[D]").astype(np.int64)
    # Sorted (service, day) pairs as one key: a quarter-end's last change of a service is one searchsorted away.
    span = int(day_int.max() - day_int.min()) + 2
    offset = int(day_int.min())
    keys = service * span + (day_int - offset)
    starts = np.searchsorted(service, np.arange(len(unique_ids)), side="left")
    ends = np.searchsorted(service, np.arange(len(unique_ids)), side="right")
    has_history = ends > starts
    # Before its first change: the first change's old status, or 계획 when that change created the service.
    first_old = np.full(len(unique_ids), -1, dtype=np.int32)
    first_rows = starts[has_history]
    first_old[has_history] = [
        index.setdefault(old[row], len(index)) if old[row] else index[ServiceStatus.PLANNED] for row in first_rows
    ]
    statuses = list(index)

    per_service = service_codes  # each service row's id code
    with_history = has_history[per_service]
    rows = np.flatnonzero(with_history)
    row_codes = per_service[rows].astype(np.int64)
    for i, day in enumerate(day_values):
        target = row_codes * span + (int(day.astype(np.int64)) - offset)
        target = np.clip(target, row_codes * span - 1, row_codes * span + span - 1)
        position = np.searchsorted(keys, target, side="right") - 1
        done = position >= starts[row_codes]
        codes[i, rows] = np.where(done, new_codes[np.maximum(position, 0)], first_old[row_codes])
    return codes, known, statuses


def _budget_summaries(
    services: pd.DataFrame, codes: np.ndarray, known: np.ndarray, statuses: list[str]
) -> list[BudgetSummary]:
    """:func:`geo.analysis.budget.budget_summary` of the services known on each day, from :func:`_status_table`'s arrays.

    The same rules as ``budget_summary`` (cancelled left out, another city's share apart, a part held by a
    live programme with a budget not added again), applied to boolean arrays of the services with a reported
    budget: the table is read once, not rebuilt and summarised per quarter (13 s at 100,000 services before).
    ``projects`` counts only the services with a budget here; the caller sets it to every project not cancelled.
    """
    with_budget = reported_budgets(services).notna().to_numpy()
    frame = services.loc[with_budget]
    budgets = reported_budgets(frame).to_numpy()
    basis = text_column(frame, "budget_basis").to_numpy()
    parents = text_column(frame, "parent_id").to_numpy()
    id_codes, unique_ids = pd.factorize(frame["service_id"].astype(str))
    other_city = basis == WITH_OTHER_CITY
    has_parent = parents != ""
    # A part's programme, as an index into unique_ids (-1: its programme has no reported budget).
    parent_code = pd.Index(unique_ids).get_indexer(parents) if len(unique_ids) else np.full(len(parents), -1)
    named = np.isin(np.arange(len(unique_ids)), parent_code[parent_code >= 0])[id_codes]
    # Whole-cost budgets first, then the others in the vocabulary's order, then those without a basis.
    order = [*BUDGET_BASIS_TERMS, ""]
    basis_code = np.array([order.index(b) if b in order else -1 for b in basis], dtype=np.int64)
    live_codes = np.array([status in COUNTED_STATUSES for status in statuses])
    summaries = []
    for day_codes, day_known in zip(codes[:, with_budget], known[:, with_budget], strict=True):
        live = day_known & live_codes[day_codes]
        holds = np.zeros(len(unique_ids), dtype=bool)
        holds[id_codes[live & named]] = True
        held_by_programme = has_parent & (parent_code >= 0) & holds[np.maximum(parent_code, 0)]
        counted = live & ~other_city & ~held_by_programme
        apart = live & other_city
        bases = np.bincount(basis_code[counted & (basis_code >= 0)], minlength=len(order))
        summaries.append(
            BudgetSummary(
                total_krw_100m=round(float(budgets[counted].sum()), 2) if counted.any() else float("nan"),
                counted=int(counted.sum()),
                projects=int(live.sum()),
                bases={b: int(n) for b, n in zip(order, bases, strict=True) if n},
                other_city_krw_100m=round(float(budgets[apart].sum()), 2),
                other_city_count=int(apart.sum()),
                held_by_programme=int((live & ~counted & ~apart & has_parent).sum()),
            )
        )
    return summaries


def trend_by_quarter(
    services: pd.DataFrame, status_history: pd.DataFrame, until: date, lang: str = "ko"
) -> pd.DataFrame:
    """Projects by status and the reported budget at the end of each quarter, up to ``until``.

    Parameters
    ----------
    services : pandas.DataFrame
        The services (``geo.model.schema.SERVICES``) as they stand now; ``parent_id`` and ``budget_basis`` may be absent.
    status_history : pandas.DataFrame
        The status-change history (``geo.model.schema.STATUS_HISTORY``), in any row order.
    until : datetime.date
        The last day (today on the dashboard): the last row is the quarter of ``until`` read on ``until``.
    lang : str
        Language of ``quarter_label``.

    Returns
    -------
    pandas.DataFrame
        One row per quarter from the quarter of the first known project to the quarter of ``until``, columns
        :data:`TREND_COLUMNS`: ``quarter`` ("2024Q3"), ``quarter_label`` ("2024년 3분기"), ``day`` (the day read:
        the quarter's last day, or ``until``), one count per status (:data:`STATUS_COLUMNS`), ``projects`` (all
        known), and the budget as :func:`geo.analysis.budget.budget_summary` adds it that day: ``budget_krw_100m`` (NaN
        when none is counted), ``budget_counted`` and ``budget_projects`` (its coverage: counted of projects not
        cancelled). Empty (no rows) when no project is known by ``until``. ``attrs["budget"]`` is the
        :class:`geo.analysis.budget.BudgetSummary` of the last row (None when empty) and ``attrs["has_sample"]`` whether
        the projects known by ``until`` include sample records.
    """
    if services.empty:
        return _empty(lang)
    first_days = _known_days(services, status_history)
    first = first_days.dropna()
    start = min(first.min().date(), until) if not first.empty else until
    quarters = _quarters(start, until)
    days = [min(quarter_end(*q), until) for q in quarters]
    codes, known, statuses = _status_table(services, status_history, days, first_days)

    summaries = _budget_summaries(services, codes, known, statuses)
    live_codes = np.array([status in COUNTED_STATUSES for status in statuses])
    rows: list[dict[str, object]] = []
    summary: BudgetSummary | None = None
    for (year, quarter), day, day_codes, day_known, day_summary in zip(
        quarters, days, codes, known, summaries, strict=True
    ):
        counts = np.bincount(day_codes[day_known], minlength=len(statuses))
        # The coverage's "of" is every project not cancelled, with a budget or without.
        summary = replace(day_summary, projects=int(counts[live_codes].sum()))
        rows.append(
            {
                "quarter": f"{year}Q{quarter}",
                "quarter_label": quarter_label(year, quarter, lang),
                "day": day,
                **{column: int(counts[statuses.index(status)]) for status, column in STATUS_COLUMNS.items()},
                "projects": int(day_known.sum()),
                "budget_krw_100m": summary.total_krw_100m,
                "budget_counted": summary.counted,
                "budget_projects": summary.projects,
            }
        )
    trend = pd.DataFrame(rows, columns=list(TREND_COLUMNS))
    trend = trend.loc[trend["projects"] > 0].reset_index(drop=True)
    if trend.empty:
        return _empty(lang)
    last_known = known[-1]
    sample = "is_sample" in services and bool(
        services["is_sample"].fillna(False).astype(bool).to_numpy()[last_known].any()
    )
    trend.attrs.update(has_sample=sample, budget=summary, lang=lang)
    return trend


def statuses_on_days(
    services: pd.DataFrame, status_history: pd.DataFrame, days: list[date]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(codes, known, statuses)``: every service's status code and whether it is known, on each of ``days``.

    The vectorised replay behind the trend, shared with the map's playback (``geo.analysis.playback``).
    """
    return _status_table(services, status_history, days, _known_days(services, status_history))
