"""Headline numbers for the overview: what the top of every summary screen shows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from geo.aggregate import headline_by_area
from geo.i18n import t
from geo.vocab import CITYWIDE, COUNTED_STATUSES, DOMAIN_TERMS, STATUS_TERMS, ServiceStatus


@dataclass(frozen=True)
class Headline:
    services: int
    by_status: dict[str, int]  # every status, in vocabulary order, zeros included
    areas: int
    budget_krw_100m: float  # excludes cancelled services; NaN when none reports a budget

    @property
    def operating(self) -> int:
        return self.by_status[ServiceStatus.OPERATING]


def headline(services: pd.DataFrame | gpd.GeoDataFrame, areas: pd.DataFrame) -> Headline:
    """Count services by status and sum the budget of those not cancelled (억원)."""
    counts = services["status"].value_counts()
    by_status = {status: int(counts.get(status, 0)) for status in STATUS_TERMS}
    live = services.loc[services["status"].isin(COUNTED_STATUSES), "budget_krw_100m"]
    reported = pd.to_numeric(live, errors="coerce").dropna()
    return Headline(
        services=len(services),
        by_status=by_status,
        areas=len(areas),
        budget_krw_100m=round(float(reported.sum()), 1) if not reported.empty else float("nan"),
    )


def format_budget(value_krw_100m: float | None, lang: str = "ko") -> str:
    """'1,234.5억원' in Korean; 'KRW 123.45 bn' in English (1억원 = KRW 0.1 bn); '미공개' when none is reported."""
    if value_krw_100m is None or math.isnan(value_krw_100m):
        return t("field.not_reported", lang)
    if lang == "en":
        return f"KRW {value_krw_100m / 10:,.1f} bn"
    return f"{value_krw_100m:,.1f}{t('unit.100m_krw', lang)}"


@dataclass(frozen=True)
class HeadlineItem:
    """One number of a headline row, ready to show: ``key`` names it, ``label`` and ``value`` are screen text."""

    key: str
    label: str
    value: str
    help: str | None = None


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

    The city: services, operating, development areas, reported budget (from ``areas`` and all ``services``).
    An area: services, operating, in design or building, reported budget, share on schedule at ``as_of``;
    ``compact`` keeps services, operating and the budget (shortly labelled) for a narrow slide column.
    A budget that no counted service reports reads 미공개 / not reported.

    Raises
    ------
    ValueError
        If ``area_id`` is given without ``as_of``, or is not an area id.
    """
    count_unit = t("metric.count_unit", lang)
    if area_id is None:
        numbers = headline(services, areas)
        return (
            HeadlineItem("services", t("metric.services", lang), f"{numbers.services:,}{count_unit}"),
            HeadlineItem("operating", t("metric.operating", lang), f"{numbers.operating:,}{count_unit}"),
            HeadlineItem("areas", t("metric.areas", lang), f"{numbers.areas}{t('metric.area_unit', lang)}"),
            HeadlineItem("budget", t("metric.budget", lang), format_budget(numbers.budget_krw_100m, lang)),
        )
    if as_of is None:
        raise ValueError("an area's headline needs the as_of date its share on schedule is measured at")
    if area_id != CITYWIDE and area_id not in set(areas["area_id"]):
        raise ValueError(f"area must be None, {CITYWIDE!r} or an id of the areas layer, not {area_id!r}")
    row = headline_by_area(services, as_of, area_id).iloc[0]
    services_item = HeadlineItem("services", t("metric.services", lang), f"{int(row['services']):,}{count_unit}")
    operating_item = HeadlineItem("operating", t("metric.operating", lang), f"{int(row['operating']):,}{count_unit}")
    # Rounded like headline(): 1,330.5억원 must read KRW 133.1 bn here too, not 133.0 from 1330.4999…
    budget = format_budget(round(float(row["budget_krw_100m"]), 1), lang)
    if compact:
        return services_item, operating_item, HeadlineItem("budget", t("field.budget", lang), budget)
    on_schedule = float(row["share_on_schedule"])
    return (
        services_item,
        operating_item,
        HeadlineItem("in_progress", t("districts.in_progress", lang), f"{int(row['in_progress']):,}{count_unit}"),
        HeadlineItem("budget", t("metric.budget", lang), budget),
        # No service due by as_of: no share to show.
        HeadlineItem(
            "on_schedule", t("districts.on_schedule", lang), "—" if math.isnan(on_schedule) else f"{on_schedule:.0%}"
        ),
    )


@dataclass(frozen=True)
class CitywideProfile:
    """What the 시 전역 group holds: the services outside every development area, counted from the data.

    ``no_place`` services were reported without a place (``location_accuracy`` ``"citywide"``); the others lie
    in a 동 outside the areas and are counted per 구 in ``by_gu``. Counts keep only non-zero groups: statuses in
    vocabulary order, domains and 구 largest first. The budget follows :func:`headline`: services not
    cancelled, NaN when none of them reports one.
    """

    services: int
    all_services: int
    no_place: int
    by_gu: dict[str, int]
    by_status: dict[str, int]
    by_domain: dict[str, int]
    budget_krw_100m: float
    budget_reported: int
    first_report: date | None
    last_report: date | None


def citywide_profile(services: pd.DataFrame) -> CitywideProfile:
    """The :class:`CitywideProfile` of ``services`` (all services, e.g. as of a date; the group is chosen here)."""
    group = services.loc[services["area_id"] == CITYWIDE]
    no_place = _column(group, "location_accuracy").eq("citywide")
    gu = _column(group, "gu").loc[~no_place]
    by_gu = gu.loc[gu != ""].value_counts()
    status_counts = group["status"].value_counts()
    domain_counts = group["domain"].value_counts()
    # Largest first; a tie keeps the vocabulary's order.
    domains = sorted((d for d in DOMAIN_TERMS if domain_counts.get(d, 0)), key=lambda d: -int(domain_counts[d]))
    live = group.loc[group["status"].isin(COUNTED_STATUSES), "budget_krw_100m"]
    reported = pd.to_numeric(live, errors="coerce").dropna()
    days = pd.to_datetime(_column(group, "reported_on"), errors="coerce").dropna()
    return CitywideProfile(
        services=len(group),
        all_services=len(services),
        no_place=int(no_place.sum()),
        by_gu={str(name): int(n) for name, n in sorted(by_gu.items(), key=lambda item: (-item[1], item[0]))},
        by_status={str(s): int(status_counts[s]) for s in STATUS_TERMS if status_counts.get(s, 0)},
        by_domain={d: int(domain_counts[d]) for d in domains},
        budget_krw_100m=round(float(reported.sum()), 1) if not reported.empty else float("nan"),
        budget_reported=len(reported),
        first_report=days.min().date() if not days.empty else None,
        last_report=days.max().date() if not days.empty else None,
    )


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """``frame[name]`` as text with blanks for missing values; all blank when the optional column is absent."""
    if name not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)
