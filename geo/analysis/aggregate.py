"""The aggregations behind the district profiles and charts, as tidy DataFrames with stable columns.

Every function takes the services frame (``geo.model.schema.SERVICES``, with the
``gu`` and ``dong`` columns of ``geo.spatial.assign_districts``), usually
after :func:`geo.analysis.history.services_as_of`, and an optional ``area``:
``None`` for all services, an area id such as ``"singil2"`` for one
development area, or ``"citywide"`` for the 시 전역 services.

Conventions, decided once here:

- Vocabulary values stay as stored (``"운영"``, ``"singil2"``, ``"국비"``);
  rows follow the order of ``geo.model.vocab`` and every vocabulary value is
  present, with zeros, so charts keep the same categories and colours
  whatever the filter. Labels are added by the chart or the export.
- Budgets are in 억원 (``budget_krw_100m``). The budget figures by funding
  and by year add the budgets ``geo.analysis.budget`` counts toward Ansan's total
  (cancelled, another city's share and programme parts held by their
  programme left out), split by funding source as reported, so their sum
  equals the headline total; ``attrs["coverage"]`` says what they cover.
  The per-place sums follow the same rule (cancelled ones added only with
  ``include_cancelled=True``). Counts always include every status.
- :func:`budget_by_year` spreads each budget evenly over the years
  ``start_year`` to ``end_year``, both included (a 2026–2027 service of
  10억원 counts 5억원 in each year); budgets without a reported period are
  left out and counted in ``attrs["coverage"]``.
- No schedule judgement: no source gives the due dates a "late" or "on
  schedule" share would need, so none is computed.
- Shares are fractions from 0 to 1, ``NaN`` when the denominator is 0.

Each result carries ``attrs["has_sample"]``: whether any service it was
computed from is an illustrative record (``is_sample``), so a chart built
from it can say "예시 데이터" without seeing the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from geo.analysis.budget import UNKNOWN_FUNDING, budget_parts, budget_summary, counted_in_total
from geo.i18n import localized
from geo.model.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    CITYWIDE,
    COUNTED_STATUSES,
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    FUNDING_TERMS,
    PHASE_TERMS,
    STATUS_TERMS,
    ServiceStatus,
    Term,
    label,
)

STATUS_ORDER: tuple[str, ...] = tuple(STATUS_TERMS)
#: The funding sources of budget charts: the vocabulary's, then money whose source no report gives.
FUNDING_CATEGORIES: tuple[str, ...] = (*FUNDING_TERMS, UNKNOWN_FUNDING)
DOMAIN_ORDER: tuple[str, ...] = tuple(DOMAIN_TERMS)
DIRECTION_ORDER: tuple[str, ...] = tuple(DIRECTION_TERMS)
#: The four development areas, then 시 전역.
AREA_ORDER: tuple[str, ...] = tuple(AREA_TERMS)

_IN_PROGRESS = (ServiceStatus.DESIGN, ServiceStatus.BUILDING)


def filter_area(services: pd.DataFrame, area: str | None) -> pd.DataFrame:
    """The services of one area: ``None`` for all, an area id, or ``"citywide"`` for 시 전역.

    Any id of the areas layer is an area (staff may import more than the plan's five); one
    without services gives an empty frame.

    Raises
    ------
    ValueError
        If ``area`` is neither ``None`` nor a non-empty text.
    """
    if area is None:
        return services
    if not isinstance(area, str) or not area:
        raise ValueError(f"area must be None, {CITYWIDE!r} or an area id such as {AREA_ORDER[0]!r}, not {area!r}")
    return services.loc[services["area_id"] == area]


def area_ids(areas: pd.DataFrame) -> tuple[str, ...]:
    """The areas of the areas layer (the store's): the plan's in their usual order, then any other in the
    layer's order. Pages build their lists of areas from this, never from a list in code."""
    stored = [str(a) for a in areas["area_id"].dropna().unique()]
    usual = [a for a in AREA_ORDER if a in stored]
    return (*usual, *(a for a in stored if a not in usual))


def area_label(areas: pd.DataFrame, area_id: str, lang: str = "ko", *, short: bool = True) -> str:
    """An area's name on buttons and charts: the plan's short (or full) name, else the layer's own name."""
    terms = AREA_SHORT if short else AREA_TERMS
    if area_id in terms:
        return label(terms, area_id, lang)
    rows = areas.loc[areas["area_id"] == area_id]
    return localized(rows.iloc[0].to_dict(), "name", lang) if len(rows) else area_id


def area_terms(areas: pd.DataFrame, *, short: bool = False) -> dict[str, Term]:
    """The areas layer's areas as terms, in :func:`area_ids` order: the plan's own term (short or full name),
    else one made of the layer's names. Lists of areas (filters, screens, slides) offer and label these."""
    plan = AREA_SHORT if short else AREA_TERMS
    return {
        a: plan.get(a) or Term(a, area_label(areas, a, "ko", short=short), area_label(areas, a, "en", short=short))
        for a in area_ids(areas)
    }


def _areas_for(area: str | None, services: pd.DataFrame | None = None) -> tuple[str, ...]:
    """One area, or every area: the plan's in their usual order, then any other area the services name (an
    imported sixth area), so that a comparison counts every service once and leaves none out."""
    if area is not None:
        return (area,)
    if services is None or "area_id" not in services:
        return AREA_ORDER
    others = sorted({str(a) for a in services["area_id"].dropna()} - set(AREA_ORDER))
    return (*AREA_ORDER, *others)


def with_area_names(result: pd.DataFrame, areas: pd.DataFrame | None) -> pd.DataFrame:
    """``result`` with the names of its areas in ``attrs["area_names"]`` ({id: (ko, en)}, short names), taken
    from the store's areas layer: a chart labels an area of its own by the layer's name, not its id."""
    if areas is not None and "area_id" in result:
        result.attrs["area_names"] = {
            str(a): (area_label(areas, str(a), "ko"), area_label(areas, str(a), "en"))
            for a in dict.fromkeys(result["area_id"])
        }
    return result


def area_name(frame: pd.DataFrame, area_id: str, lang: str = "ko") -> str:
    """The short name of ``area_id`` in a frame of :func:`with_area_names` (the plan's own name otherwise)."""
    names = frame.attrs.get("area_names") or {}
    if area_id in names:
        return str(names[area_id][1 if lang == "en" else 0])
    return label(AREA_SHORT, area_id, lang)


def _has_sample(services: pd.DataFrame) -> bool:
    return "is_sample" in services and bool(services["is_sample"].fillna(False).astype(bool).any())


def _finish(result: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    result = result.reset_index(drop=True)
    result.attrs["has_sample"] = _has_sample(services)
    return result


def _budget(services: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(services["budget_krw_100m"], errors="coerce").fillna(0.0).astype(float)


def _counted_budget(services: pd.DataFrame, include_cancelled: bool) -> pd.Series:
    """Each service's budget where ``geo.analysis.budget`` counts it toward the total (and cancelled ones if asked), else 0."""
    counted = counted_in_total(services)
    if include_cancelled:
        counted |= counted_in_total(services.assign(status=ServiceStatus.PLANNED)) & (
            services["status"] == ServiceStatus.CANCELLED
        )
    return _budget(services).where(counted, 0.0)


def _count_grid(services: pd.DataFrame, row: str, rows: tuple[str, ...]) -> pd.DataFrame:
    """Counts of ``row`` × status with every combination present, in vocabulary order."""
    counts = services.groupby([row, "status"]).size()
    index = pd.MultiIndex.from_product([rows, STATUS_ORDER], names=[row, "status"])
    return counts.reindex(index, fill_value=0).astype(int).rename("count").reset_index()


def services_by_area_status(
    services: pd.DataFrame, area: str | None = None, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Service counts per area and status.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_id``, ``status``, ``count``; one row for every area
        (the plan's and any other the services name when ``area`` is None) × every status, in vocabulary
        order; ``areas`` (the store's layer) names them (:func:`with_area_names`).
    """
    selected = filter_area(services, area)
    return with_area_names(_finish(_count_grid(selected, "area_id", _areas_for(area, selected)), selected), areas)


def services_by_domain_status(
    services: pd.DataFrame, area: str | None = None, all_domains: bool = False
) -> pd.DataFrame:
    """Service counts per domain (서비스 분야) and status.

    Parameters
    ----------
    all_domains : bool
        List all twelve domains of the decree; by default only domains that
        have at least one service in the selection (twelve mostly-empty bars
        would hide the data).

    Returns
    -------
    pandas.DataFrame
        Columns ``domain``, ``status``, ``count``; every status for every listed
        domain, in vocabulary order.
    """
    selected = filter_area(services, area)
    present = set(selected["domain"])
    domains = DOMAIN_ORDER if all_domains else tuple(d for d in DOMAIN_ORDER if d in present)
    return _finish(_count_grid(selected, "domain", domains), selected)


def count_by_direction(services: pd.DataFrame) -> pd.Series:
    """How many services each plan direction holds (all statuses), every direction in plan order, zeros included.

    The count alone, for a page that shows no budget: :func:`services_by_direction` also sums the counted
    budgets, which costs more than the count at every visit.
    """
    counts = services["direction"].value_counts() if "direction" in services else pd.Series(dtype=int)
    return counts.reindex(list(DIRECTION_ORDER), fill_value=0).astype(int).rename("count")


def services_by_direction(services: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """Services per plan direction (추진 방향).

    Returns
    -------
    pandas.DataFrame
        Columns ``direction``, ``count`` (all statuses), ``operating`` (운영),
        ``budget_krw_100m`` (억원, as ``geo.analysis.budget`` counts it); the three
        directions in plan order, zeros included.
    """
    selected = filter_area(services, area)
    rows = []
    for direction in DIRECTION_ORDER:
        group = selected.loc[selected["direction"] == direction]
        rows.append(
            {
                "direction": direction,
                "count": len(group),
                "operating": int((group["status"] == ServiceStatus.OPERATING).sum()),
                "budget_krw_100m": float(_counted_budget(group, include_cancelled=False).sum()),
            }
        )
    return _finish(pd.DataFrame(rows), selected)


def budget_by_year(services: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """Budget per calendar year and funding source, each budget spread evenly over its reported years.

    A budget (its funding parts, :func:`geo.analysis.budget.budget_parts`) is divided by
    ``end_year - start_year + 1`` and that share is booked in each year from
    ``start_year`` to ``end_year``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int), ``funding``, ``budget_krw_100m`` (억원); every
        year from the earliest start to the latest end × every funding source
        (and :data:`geo.analysis.budget.UNKNOWN_FUNDING`), zeros included. Empty when no
        counted budget has a period. ``attrs["coverage"]``: a :class:`BudgetCoverage`.
    """
    selected = filter_area(services, area)
    parts = budget_parts(selected)
    periods = selected.assign(service_id=selected["service_id"].astype(str)).set_index("service_id")
    periods = periods[["start_year", "end_year"]].apply(pd.to_numeric, errors="coerce")
    periods = periods.loc[~periods.index.duplicated()]
    parts = parts.join(periods, on="service_id")
    dated = parts.loc[parts["start_year"].notna() & parts["end_year"].notna()]
    coverage = _coverage(parts, dated)
    if dated.empty:
        empty = pd.DataFrame({"year": pd.Series(dtype=int), "funding": [], "budget_krw_100m": pd.Series(dtype=float)})
        return _with_coverage(_finish(empty, selected), coverage)
    totals: dict[tuple[int, str], float] = {}
    for start, end, funding, budget in zip(
        dated["start_year"], dated["end_year"], dated["funding"], dated["budget_krw_100m"], strict=True
    ):
        years = range(int(start), int(end) + 1)
        for year in years:
            totals[(year, funding)] = totals.get((year, funding), 0.0) + budget / len(years)
    first, last = int(dated["start_year"].min()), int(dated["end_year"].max())
    rows = [
        {"year": year, "funding": funding, "budget_krw_100m": totals.get((year, funding), 0.0)}
        for year in range(first, last + 1)
        for funding in FUNDING_CATEGORIES
    ]
    return _with_coverage(_finish(pd.DataFrame(rows), selected), coverage)


def budget_by_funding(services: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """Budget per funding source (재원), as the sources split it (:func:`geo.analysis.budget.budget_parts`).

    Returns
    -------
    pandas.DataFrame
        Columns ``funding``, ``count`` (projects with money from that source), ``budget_krw_100m`` (억원),
        ``share`` (fraction of the total, NaN when it is 0); the sources in vocabulary order, then
        :data:`geo.analysis.budget.UNKNOWN_FUNDING` (money whose source no report gives), so the rows add up to the
        headline total. ``attrs["coverage"]``: a :class:`BudgetCoverage` (the split part of the total).
    """
    selected = filter_area(services, area)
    parts = budget_parts(selected)
    budget = parts.groupby("funding")["budget_krw_100m"].sum().reindex(FUNDING_CATEGORIES, fill_value=0.0)
    count = parts.groupby("funding")["service_id"].nunique().reindex(FUNDING_CATEGORIES, fill_value=0)
    total = float(budget.sum())
    result = pd.DataFrame(
        {
            "funding": list(FUNDING_CATEGORIES),
            "count": count.astype(int).to_numpy(),
            "budget_krw_100m": budget.astype(float).to_numpy(),
            "share": (budget / total).to_numpy() if total else np.full(len(FUNDING_CATEGORIES), np.nan),
        }
    )
    known = parts.loc[parts["funding"] != UNKNOWN_FUNDING]
    return _with_coverage(_finish(result, selected), _coverage(parts, known))


@dataclass(frozen=True)
class BudgetCoverage:
    """What part of the counted budgets a budget chart shows: ``shown`` of ``total`` 억원, ``projects`` of ``of``."""

    shown_krw_100m: float
    total_krw_100m: float
    projects: int
    of: int

    @property
    def complete(self) -> bool:
        return self.projects == self.of


def _coverage(parts: pd.DataFrame, shown: pd.DataFrame) -> BudgetCoverage:
    return BudgetCoverage(
        shown_krw_100m=float(shown["budget_krw_100m"].sum()),
        total_krw_100m=float(parts["budget_krw_100m"].sum()),
        projects=int(shown["service_id"].nunique()),
        of=int(parts["service_id"].nunique()),
    )


def _with_coverage(result: pd.DataFrame, coverage: BudgetCoverage) -> pd.DataFrame:
    result.attrs["coverage"] = coverage
    return result


def progress_by_area(
    services: pd.DataFrame, area: str | None = None, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Progress per area: the share of its projects (not cancelled) in operation.

    Returns
    -------
    pandas.DataFrame
        One row per area in vocabulary order, columns ``area_id``, ``total``,
        ``cancelled``, ``active`` (total − 취소), ``operating`` (운영) and
        ``share_operating`` (operating / active, NaN when ``active`` is 0). Areas as in
        :func:`services_by_area_status`.
    """
    selected = filter_area(services, area)
    rows = []
    for area_id in _areas_for(area, selected):
        status = selected.loc[selected["area_id"] == area_id, "status"]
        active = int(status.isin(COUNTED_STATUSES).sum())
        operating = int((status == ServiceStatus.OPERATING).sum())
        rows.append(
            {
                "area_id": area_id,
                "total": len(status),
                "cancelled": len(status) - active,
                "active": active,
                "operating": operating,
                "share_operating": operating / active if active else np.nan,
            }
        )
    return with_area_names(_finish(pd.DataFrame(rows), selected), areas)


def _by_place(
    services: pd.DataFrame, keys: list[str], places: pd.DataFrame | None, include_cancelled: bool
) -> pd.DataFrame:
    frame = services.assign(
        _budget=_counted_budget(services, include_cancelled),
        _operating=(services["status"] == ServiceStatus.OPERATING).astype(int),
        _one=1,
    )
    grouped = frame.groupby(keys, sort=False)[["_one", "_operating", "_budget"]].sum()
    grouped.columns = ["count", "operating", "budget_krw_100m"]
    if places is not None:
        index = pd.MultiIndex.from_frame(places[keys]) if len(keys) > 1 else pd.Index(places[keys[0]], name=keys[0])
        # Services outside every listed place (empty gu/dong) are kept after the listed ones.
        extra = grouped.index.difference(index, sort=False)
        grouped = grouped.reindex(index.append(extra), fill_value=0)
    result = grouped.reset_index()
    result[["count", "operating"]] = result[["count", "operating"]].astype(int)
    result["budget_krw_100m"] = result["budget_krw_100m"].astype(float)
    if places is None:
        result = result.sort_values(keys, kind="stable")
    return result


#: The columns that name a place of each boundary level, outermost first.
PLACE_KEYS: dict[str, tuple[str, ...]] = {"gu": ("gu",), "dong": ("gu", "dong")}


def services_by_place(
    services: pd.DataFrame,
    level: Literal["gu", "dong"],
    area: str | None = None,
    boundaries: pd.DataFrame | None = None,
    include_cancelled: bool = False,
) -> pd.DataFrame:
    """Services and budget per 구 (``level="gu"``) or per 행정동 (``"dong"``), from the services' ``gu`` and ``dong``.

    Parameters
    ----------
    boundaries : pandas.DataFrame, optional
        The administrative boundaries; when given, every 구 or 행정동 of ``level`` is listed (in
        their order), zeros included, as the choropleth needs.
    include_cancelled : bool
        Count cancelled services' budget too (counts always include them).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PLACE_KEYS` of ``level`` (``gu``; ``gu``, ``dong``), then ``count``,
        ``operating``, ``budget_krw_100m`` (억원). Services outside every 구 have ``gu == ""``.
    """
    keys = list(PLACE_KEYS[level])
    selected = filter_area(services, area)
    places = None
    if boundaries is not None:
        rows = boundaries.loc[boundaries["level"] == level, [*keys[:-1], "name_ko"]]
        places = rows.rename(columns={"name_ko": keys[-1]})
    return _finish(_by_place(selected, keys, places, include_cancelled), selected)


HEADLINE_COLUMNS: tuple[str, ...] = (
    "area_id",
    "services",
    "planned",
    "in_progress",
    "operating",
    "on_hold",
    "cancelled",
    "budget_krw_100m",
    "share_operating",
    "start_year",
    "end_year",
)


def headline_by_area(
    services: pd.DataFrame, area: str | None = None, areas: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The headline numbers of each area (for the profile's metric cards).

    Returns
    -------
    pandas.DataFrame
        One row per area, columns :data:`HEADLINE_COLUMNS`: ``services`` (all),
        ``planned`` (계획), ``in_progress`` (설계 + 구축), ``operating`` (운영),
        ``on_hold`` (보류), ``cancelled`` (취소), ``budget_krw_100m`` (억원,
        added by :func:`geo.analysis.budget.budget_summary`), ``share_operating`` as in
        :func:`progress_by_area`, and the first ``start_year`` and last
        ``end_year`` of the area's services (``<NA>`` without services).
    """
    selected = filter_area(services, area)
    progress = progress_by_area(selected, area).set_index("area_id")
    rows = []
    for area_id in _areas_for(area, selected):
        group = selected.loc[selected["area_id"] == area_id]
        status = group["status"]
        rows.append(
            {
                "area_id": area_id,
                "services": len(group),
                "planned": int((status == ServiceStatus.PLANNED).sum()),
                "in_progress": int(status.isin(_IN_PROGRESS).sum()),
                "operating": int((status == ServiceStatus.OPERATING).sum()),
                "on_hold": int((status == ServiceStatus.ON_HOLD).sum()),
                "cancelled": int((status == ServiceStatus.CANCELLED).sum()),
                # NaN, shown as 보도되지 않음, when no budget of the area counts.
                "budget_krw_100m": budget_summary(group).total_krw_100m,
                "share_operating": progress.loc[area_id, "share_operating"],
                "start_year": _year(pd.to_numeric(group["start_year"], errors="coerce").min()),
                "end_year": _year(pd.to_numeric(group["end_year"], errors="coerce").max()),
            }
        )
    result = pd.DataFrame(rows, columns=list(HEADLINE_COLUMNS))
    result[["start_year", "end_year"]] = result[["start_year", "end_year"]].astype("Int64")
    return with_area_names(_finish(result, selected), areas)


def _year(value: float) -> object:
    return pd.NA if pd.isna(value) else int(value)


def timeline_rows(services: pd.DataFrame, area: str | None = None) -> pd.DataFrame:
    """The services as Gantt rows, ordered by phase (단기, 중기, 장기), then start year, then name.

    A service with no reported period has no bar and is left out; one with a
    single reported year (start or end) gets a one-year bar.

    Returns
    -------
    pandas.DataFrame
        Columns ``service_id``, ``name_ko``, ``name_en``, ``area_id``, ``phase``,
        ``status``, ``start_year``, ``end_year``, ``budget_krw_100m``.
    """
    selected = filter_area(services, area)
    columns = [
        "service_id",
        "name_ko",
        "name_en",
        "area_id",
        "phase",
        "status",
        "start_year",
        "end_year",
        "budget_krw_100m",
    ]
    rows = pd.DataFrame(selected.loc[:, columns])
    start = pd.to_numeric(rows["start_year"], errors="coerce")
    end = pd.to_numeric(rows["end_year"], errors="coerce")
    start, end = start.fillna(end), end.fillna(start)
    rows = rows.loc[start.notna()]
    rows["start_year"] = start[start.notna()].astype(int)
    rows["end_year"] = end[start.notna()].astype(int)
    rows["budget_krw_100m"] = _budget(rows)
    phase_rank = {phase: rank for rank, phase in enumerate(PHASE_TERMS)}
    rows = rows.assign(_rank=rows["phase"].map(phase_rank).fillna(len(phase_rank)))
    rows = rows.sort_values(["_rank", "start_year", "end_year", "name_ko"], kind="stable").drop(columns="_rank")
    return _finish(rows, selected)
