"""Headline numbers for the overview: what the top of every summary screen shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from geo.analysis.aggregate import area_label
from geo.analysis.budget import BudgetSummary, budget_summary, format_budget
from geo.i18n import t
from geo.model.vocab import AREA_TERMS, CITYWIDE, DOMAIN_TERMS, STATUS_TERMS, ServiceStatus

#: The district page's view of the whole city (every reported project), beside the areas and 시 전역.
CITY_VIEW = "city"

__all__ = [
    "CITY_VIEW",
    "CitywideProfile",
    "Headline",
    "HeadlineItem",
    "area_choice_label",
    "citywide_profile",
    "format_budget",
    "headline",
    "headline_items",
    "programme_counts",
]


@dataclass(frozen=True)
class Headline:
    services: int
    by_status: dict[str, int]  # every status, in vocabulary order, zeros included
    areas: int
    budget: BudgetSummary  # reported budgets added by geo.analysis.budget's rules, with their coverage
    programmes: int  # projects that other projects name as their programme (parent_id)
    parts: int  # projects that are part of a programme in the selection

    @property
    def operating(self) -> int:
        return self.by_status[ServiceStatus.OPERATING]

    @property
    def budget_krw_100m(self) -> float:
        """Ansan's reported budgets added up (억원), NaN when none is reported."""
        return self.budget.total_krw_100m


def area_choice_label(choice: str, areas: pd.DataFrame, lang: str) -> str:
    """A view's short name: the whole city, a known area's short name, another area's own name, or 시 전역."""
    if choice == CITY_VIEW:
        return t("districts.city", lang)
    return area_label(areas, choice, lang)


def programme_counts(services: pd.DataFrame) -> tuple[int, int]:
    """(programmes, parts): projects named as another's ``parent_id`` in ``services``, and those naming one."""
    if "parent_id" not in services:
        return 0, 0
    # Only the rows that name a parent are converted, and the ids are matched as a Series (hashed once): at
    # 1,000,000 services without parents this took 7.9 s in the handout's background build, holding the GIL.
    named = services["parent_id"].dropna()
    parents = named.astype(str).str.strip()
    parents = parents[parents.ne("")]
    if parents.empty:
        return 0, 0
    parts = parents.isin(services["service_id"].astype(str))
    return len(set(parents[parts])), int(parts.sum())


def headline(services: pd.DataFrame | gpd.GeoDataFrame, areas: pd.DataFrame) -> Headline:
    """Count services by status and add up their reported budgets (geo.analysis.budget's rules)."""
    counts = services["status"].value_counts()
    by_status = {status: int(counts.get(status, 0)) for status in STATUS_TERMS}
    programmes, parts = programme_counts(services)
    return Headline(
        services=len(services),
        by_status=by_status,
        areas=len(areas),
        budget=budget_summary(services),
        programmes=programmes,
        parts=parts,
    )


@dataclass(frozen=True)
class HeadlineItem:
    """One number of a headline row, ready to show: ``key`` names it, ``label`` and ``value`` are screen text.

    ``note`` is a sentence the row shows under itself (not only on hover): what a total adds up.
    """

    key: str
    label: str
    value: str
    help: str | None = None
    note: str | None = None


def _budget_item(summary: BudgetSummary, lang: str, compact: bool = False) -> HeadlineItem:
    coverage = summary.coverage(lang)
    label = t("field.budget", lang) if compact else summary.label(lang)
    # The coverage is shown under the row (``note``), not repeated in a tooltip.
    return HeadlineItem("budget", label, summary.value(lang), note=coverage)


def headline_items(
    services: pd.DataFrame,
    areas: pd.DataFrame,
    lang: str,
    area_id: str | None = None,
    *,
    as_of: date | None = None,
    compact: bool = False,
) -> tuple[HeadlineItem, ...]:
    """The headline row of the city (``area_id`` None) or of one area (an area id or ``"citywide"``).

    The city: reported projects, operating, development areas, reported budget (from ``areas`` and all
    ``services``). An area: projects, operating, in design or building, reported budget; ``compact`` keeps
    projects, operating and the budget (shortly labelled) for a narrow slide column. The budget item always
    carries its coverage (:meth:`geo.analysis.budget.BudgetSummary.coverage`) as ``note``. ``as_of`` is accepted for
    callers that show a day; the numbers are those of ``services`` as given (already as of that day).

    Raises
    ------
    ValueError
        If ``area_id`` is neither a known area id nor an id of ``areas``.
    """
    del as_of  # the services are already those of the day (geo.analysis.history.services_as_of)
    count_unit = t("metric.count_unit", lang)
    if area_id is None:
        numbers = headline(services, areas)
        parts_help = (
            t("metric.projects_parts", lang, parts=f"{numbers.parts:,}", programmes=f"{numbers.programmes:,}")
            if numbers.parts
            else None
        )
        return (
            HeadlineItem("services", t("metric.projects", lang), f"{numbers.services:,}{count_unit}", help=parts_help),
            HeadlineItem("operating", t("metric.operating", lang), f"{numbers.operating:,}{count_unit}"),
            HeadlineItem("areas", t("metric.areas", lang), f"{numbers.areas}{t('metric.area_unit', lang)}"),
            _budget_item(numbers.budget, lang),
        )
    if area_id not in AREA_TERMS and not (areas["area_id"] == area_id).any():
        raise ValueError(f"area_id must be an area id or {CITYWIDE!r}, not {area_id!r}")
    group = services.loc[services["area_id"] == area_id]
    status = group["status"]
    services_item = HeadlineItem("services", t("metric.projects", lang), f"{len(group):,}{count_unit}")
    operating = int((status == ServiceStatus.OPERATING).sum())
    operating_item = HeadlineItem("operating", t("metric.operating", lang), f"{operating:,}{count_unit}")
    budget_item = _budget_item(budget_summary(group), lang, compact)
    if compact:
        return services_item, operating_item, budget_item
    in_progress = int(status.isin((ServiceStatus.DESIGN, ServiceStatus.BUILDING)).sum())
    return (
        services_item,
        operating_item,
        HeadlineItem("in_progress", t("districts.in_progress", lang), f"{in_progress:,}{count_unit}"),
        budget_item,
    )


@dataclass(frozen=True)
class CitywideProfile:
    """What the 시 전역 group holds: the services outside every development area, counted from the data.

    ``no_place`` services were reported without a place (``location_accuracy`` ``"citywide"``); the others lie
    in a 동 outside the areas and are counted per 구 in ``by_gu``. Counts keep only non-zero groups: statuses in
    vocabulary order, domains and 구 largest first. The budget follows :func:`geo.analysis.budget.budget_summary`.
    """

    services: int
    all_services: int
    no_place: int
    by_gu: dict[str, int]
    by_status: dict[str, int]
    by_domain: dict[str, int]
    budget: BudgetSummary
    first_report: date | None
    last_report: date | None
    whole_city: bool = False


def citywide_profile(services: pd.DataFrame, whole_city: bool = False) -> CitywideProfile:
    """The :class:`CitywideProfile` of ``services`` (all services, e.g. as of a date; the group is chosen here).

    ``whole_city``: profile every service of the city (the city view) instead of the 시 전역 group.
    """
    group = services if whole_city else services.loc[services["area_id"] == CITYWIDE]
    no_place = _column(group, "location_accuracy").eq("citywide")
    gu = _column(group, "gu").loc[~no_place]
    by_gu = gu.loc[gu != ""].value_counts()
    status_counts = group["status"].value_counts()
    domain_counts = group["domain"].value_counts()
    # Largest first; a tie keeps the vocabulary's order.
    domains = sorted((d for d in DOMAIN_TERMS if domain_counts.get(d, 0)), key=lambda d: -int(domain_counts[d]))
    days = pd.to_datetime(_column(group, "reported_on"), errors="coerce").dropna()
    return CitywideProfile(
        services=len(group),
        all_services=len(services),
        no_place=int(no_place.sum()),
        by_gu={str(name): int(n) for name, n in sorted(by_gu.items(), key=lambda item: (-item[1], item[0]))},
        by_status={str(s): int(status_counts[s]) for s in STATUS_TERMS if status_counts.get(s, 0)},
        by_domain={d: int(domain_counts[d]) for d in domains},
        budget=budget_summary(group),
        whole_city=whole_city,
        first_report=days.min().date() if not days.empty else None,
        last_report=days.max().date() if not days.empty else None,
    )


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """``frame[name]`` as text with blanks for missing values; all blank when the optional column is absent."""
    if name not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)
