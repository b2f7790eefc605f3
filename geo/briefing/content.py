"""What the briefing's slides say: the portfolio, what citizens can use today, and each development area.

The contents, as plain data for the slides (``geo.briefing.slides``) and the handout
(``geo.briefing.handout``): the portfolio by domain with a programme's parts under it,
the services in operation with their public description and place, an area's
facts, the projects inside it or nearest to it (measured in EPSG:5186), its
charts' data and its budget line. ``geo.briefing.slides`` re-exports every name here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.analysis import aggregate
from geo.analysis.budget import budget_summary
from geo.i18n import localized, localized_column, t
from geo.io import METRIC_CRS
from geo.mapping.canvas import needs_canvas_map
from geo.model.vocab import DOMAIN_TERMS, STATUS_TERMS, ServiceStatus, label
from geo.spatial import area_rows

# --- an area's facts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def area_facts(areas: pd.DataFrame, area_id: str, lang: str = "ko") -> tuple[list[Fact], str]:
    """The key facts of one area as (label, value) rows, and their source.

    Facts come from the areas data (``facts_ko``/``facts_en``, ``location_ko``,
    ``reported_area_m2``, ``homes``, ``residents``); the source is the record's ``source``.

    Raises
    ------
    KeyError
        If ``area_id`` is not in ``areas``.
    """
    area = area_rows(areas, area_id).iloc[0]
    facts = [Fact(t("briefing.kind", lang), localized(area, "kind", lang))]
    facts.append(Fact(t("briefing.location", lang), localized(area, "location", lang)))
    reported = area.get("reported_area_m2")
    if reported is not None and not pd.isna(reported):
        facts.append(Fact(t("briefing.reported_area", lang), f"{float(reported):,.0f} ㎡"))
    homes = area.get("homes")
    if homes is not None and not pd.isna(homes):
        facts.append(Fact(t("briefing.homes", lang), f"{int(homes):,}{t('briefing.homes_unit', lang)}"))
    residents = area.get("residents")
    if residents is not None and not pd.isna(residents):
        facts.append(Fact(t("briefing.residents", lang), f"{int(residents):,}{t('briefing.residents_unit', lang)}"))
    facts.append(Fact(t("briefing.facts", lang), localized(area, "facts", lang)))
    return [f for f in facts if f.value], localized(area, "source", lang)


# --- the portfolio: every reported project, by domain, with its status --------------------------------------

#: Most project names the portfolio slide lists (three columns on a 1920 × 1080 projector); above it, counts.
PORTFOLIO_NAMES_MAX = 60
#: Most services the "what citizens can use today" slide describes one by one; above it, counts per domain.
TODAY_NAMES_MAX = 15
#: Most projects an area slide names; above it, counts per status.
AREA_NAMES_MAX = 12
#: Nearest projects an area slide names when none lies inside it.
NEAREST_COUNT = 3


@dataclass(frozen=True)
class PortfolioEntry:
    """One project of the portfolio: its name and status in a language, and its parts when it is a programme."""

    service_id: str
    name: str
    status: str
    domain: str
    parts: tuple[PortfolioEntry, ...] = ()


@dataclass(frozen=True)
class PortfolioGroup:
    """The projects of one domain; ``projects`` counts them with their programmes' parts."""

    domain: str
    entries: tuple[PortfolioEntry, ...]

    @property
    def projects(self) -> int:
        return sum(1 + len(entry.parts) for entry in self.entries)


def _parents(services: pd.DataFrame) -> pd.Series:
    """Each service's programme id (``parent_id``) where it names a service of ``services``; '' otherwise.

    The column is optional (older stores have none), and a part whose programme is not shown (not yet
    reported on the as-of day) stands on its own.
    """
    if "parent_id" not in services:
        return pd.Series("", index=services.index, dtype=object)
    parents = services["parent_id"].fillna("").astype(str).str.strip()
    known = set(services["service_id"].astype(str))
    return parents.where(parents.isin(known) & (parents != services["service_id"].astype(str)), "")


def _status_rank(status: str) -> int:
    order = list(STATUS_TERMS)
    return order.index(status) if status in order else len(order)


def portfolio_groups(services: pd.DataFrame, lang: str = "ko") -> tuple[PortfolioGroup, ...]:
    """Every service as a portfolio entry, grouped by domain (largest group first, ties in vocabulary order).

    A programme's parts (``parent_id``) are listed under the programme, in the programme's group, and not
    again in their own domain's: each project appears once. Entries in a group: status in vocabulary order,
    then name.
    """
    parents = _parents(services)
    names = localized_column(services, "name", lang)
    rows = services.assign(_parent=parents, _name=names)

    def entry(row: pd.Series, parts: tuple[PortfolioEntry, ...] = ()) -> PortfolioEntry:
        return PortfolioEntry(str(row["service_id"]), str(row["_name"]), str(row["status"]), str(row["domain"]), parts)

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(_s=frame["status"].map(_status_rank)).sort_values(["_s", "_name"], kind="stable")

    children: dict[str, list[PortfolioEntry]] = {}
    for _, row in ordered(rows.loc[rows["_parent"] != ""]).iterrows():
        children.setdefault(str(row["_parent"]), []).append(entry(row))
    top = ordered(rows.loc[rows["_parent"] == ""])
    by_domain: dict[str, list[PortfolioEntry]] = {}
    for _, row in top.iterrows():
        by_domain.setdefault(str(row["domain"]), []).append(entry(row, tuple(children.get(str(row["service_id"]), []))))
    rank = {d: i for i, d in enumerate(DOMAIN_TERMS)}
    groups = [PortfolioGroup(domain, tuple(entries)) for domain, entries in by_domain.items()]
    return tuple(sorted(groups, key=lambda g: (-g.projects, rank.get(g.domain, len(rank)), g.domain)))


def programme_parts(services: pd.DataFrame) -> int:
    """How many services are parts of a programme that is itself among ``services``."""
    return int((_parents(services) != "").sum())


def shows_names(services: pd.DataFrame, most: int) -> bool:
    """True when ``services`` are few enough to name one by one (at most ``most``, and no city-scale layer)."""
    return len(services) <= most and not needs_canvas_map(services)


def status_counts(services: pd.DataFrame) -> dict[str, int]:
    """Services per status, non-zero ones only, in vocabulary order."""
    counts = services["status"].value_counts()
    return {s: int(counts[s]) for s in STATUS_TERMS if counts.get(s, 0)}


def domain_status_counts(services: pd.DataFrame) -> pd.DataFrame:
    """Services per domain (rows, largest first) and status (columns, vocabulary order, non-zero ones)."""
    grid = pd.crosstab(services["domain"], services["status"])
    statuses = [s for s in STATUS_TERMS if s in grid.columns]
    grid = grid.reindex(columns=statuses).fillna(0).astype(int)
    rank = {d: i for i, d in enumerate(DOMAIN_TERMS)}
    totals = grid.sum(axis=1)
    order = sorted(grid.index, key=lambda d: (-int(totals[d]), rank.get(d, len(rank))))
    return grid.loc[order]


# --- what citizens can use today ---------------------------------------------------------------------------

# Notes in a location text about where the map draws a project: the slide has no map, so they are left out.
_MAP_NOTE = {
    "ko": re.compile(r"\s*(?:[;.]\s*|\()\s*(?:지도에는|이 지번의|좌표가 없어).*$", re.S),
    "en": re.compile(r"\s*(?:[;.]\s*|\()\s*(?:drawn|the map shows|no point for).*$", re.S | re.I),
}


def place_text(record: Mapping[str, object] | pd.Series, lang: str = "ko") -> str:
    """Where a project is, as reported (``location``), without the notes on where the map draws it."""
    text = localized(record, "location", lang)
    return _MAP_NOTE["en" if lang == "en" else "ko"].sub("", text).strip()


@dataclass(frozen=True)
class CitizenService:
    """A project in operation: its name, public description and where, in one language."""

    service_id: str
    name: str
    description: str
    where: str
    domain: str


def operating_services(services: pd.DataFrame) -> pd.DataFrame:
    """The services in operation (운영), in name order."""
    running = services.loc[services["status"] == ServiceStatus.OPERATING]
    return running.assign(_n=running["name_ko"].astype(str)).sort_values("_n", kind="stable").drop(columns="_n")


def citizen_services(services: pd.DataFrame, lang: str = "ko") -> tuple[CitizenService, ...]:
    """What citizens can use on the as-of day: each service in operation with its public description and place."""
    return tuple(
        CitizenService(
            str(row["service_id"]),
            localized(row, "name", lang),
            localized(row, "description_public", lang),
            place_text(row, lang),
            str(row["domain"]),
        )
        for _, row in operating_services(services).iterrows()
    )


# --- what is known of an area, and the projects in or near it ----------------------------------------------


@dataclass(frozen=True)
class NearProject:
    """A project near an area: its name, status and distance from the area's edge (km, as drawn on the map)."""

    service_id: str
    name: str
    status: str
    distance_km: float
    approximate: bool


def projects_in_area(services: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The services of one area, status in vocabulary order, then name."""
    inside = services.loc[services["area_id"] == area_id]
    return (
        inside.assign(_s=inside["status"].map(_status_rank), _n=inside["name_ko"].astype(str))
        .sort_values(["_s", "_n"], kind="stable")
        .drop(columns=["_s", "_n"])
    )


def nearest_projects(
    services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, area_id: str, lang: str = "ko", count: int = NEAREST_COUNT
) -> tuple[NearProject, ...]:
    """The ``count`` services nearest to an area's outline, measured in EPSG:5186 metres.

    Services of the area itself and services reported without a place (``location_accuracy``
    ``"citywide"``) are left out; a service drawn at a 동's centre (``"dong"``) is marked approximate.

    Raises
    ------
    ValueError
        If ``services`` or ``areas`` has no CRS.
    """
    for name, frame in (("services", services), ("areas", areas)):
        if frame.crs is None:
            raise ValueError(f"{name} has no CRS; set it (EPSG:4326) before measuring distances")
    accuracy = services["location_accuracy"].fillna("") if "location_accuracy" in services else None
    placed = services.loc[(services["area_id"] != area_id) & services.geometry.notna() & ~services.geometry.is_empty]
    if accuracy is not None:
        placed = placed.loc[accuracy.loc[placed.index] != "citywide"]
    if placed.empty:
        return ()
    outline = area_rows(areas, area_id).to_crs(METRIC_CRS).geometry.union_all()
    distances = placed.to_crs(METRIC_CRS).geometry.distance(outline).sort_values(kind="stable").iloc[:count]
    return tuple(
        NearProject(
            str(placed.at[index, "service_id"]),
            localized(placed.loc[index], "name", lang),
            str(placed.at[index, "status"]),
            round(float(metres) / 1000, 1),
            accuracy is not None and accuracy.at[index] == "dong",
        )
        for index, metres in distances.items()
    )


def near_text(near: tuple[NearProject, ...], lang: str = "ko") -> str:
    """'이 대상지 안에 보도된 사업은 아직 없습니다. 가장 가까운 사업: A(계획, 약 1.2 km), …'."""
    empty = t("briefing.area_empty", lang)
    if not near:
        return empty
    items = ", ".join(
        t(
            "briefing.near_inside" if p.distance_km < 0.05 else "briefing.near_item",
            lang,
            name=p.name,
            status=label(STATUS_TERMS, p.status, lang),
            km=f"{p.distance_km:,.1f}",
            approx=t("briefing.near_dong", lang) if p.approximate else "",
        )
        for p in near
    )
    return f"{empty} {t('briefing.nearest', lang)}: {items}"


def budget_line(services: pd.DataFrame, lang: str = "ko") -> tuple[str, str, str]:
    """The reported budget of ``services`` as (label, value, coverage): ``geo.analysis.budget``'s total, never summed here.

    The label carries how many budgets it adds ('사업비 보도된 9건의 합계'), the coverage sentence what it adds
    up, on which bases, and what is kept apart (another city's share, parts held by their programme).
    """
    summary = budget_summary(services)
    return summary.label(lang), summary.value(lang), summary.coverage(lang)


@dataclass(frozen=True)
class AreaCharts:
    """The data of an area slide's two charts; None where a chart would have nothing to show."""

    by_direction: pd.DataFrame | None
    budget_by_year: pd.DataFrame | None

    @property
    def any(self) -> bool:
        return self.by_direction is not None or self.budget_by_year is not None


def area_charts(services: pd.DataFrame, area_id: str) -> AreaCharts:
    """An area's services per plan direction and budget per year, each only when it holds something."""
    by_direction = aggregate.services_by_direction(services, area_id)
    budget = aggregate.budget_by_year(services, area_id)
    return AreaCharts(
        by_direction if int(by_direction["count"].sum()) > 0 else None,
        budget if not budget.empty and float(budget["budget_krw_100m"].sum()) > 0 else None,
    )


def area_map_services(
    services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, area_id: str, near: tuple[NearProject, ...] = ()
) -> tuple[gpd.GeoDataFrame, tuple[float, float, float, float]]:
    """What an area slide's map draws: the area's services, or when it has none the nearest ones; and the
    bounds (EPSG:4326 degrees) that hold the area and them."""
    if near:
        shown = services.loc[services["service_id"].isin([p.service_id for p in near])]
    else:
        shown = services.loc[services["area_id"] == area_id]
    outline = area_rows(areas, area_id).geometry
    frame = pd.concat([outline, shown.geometry]) if near else outline
    bounds = gpd.GeoSeries(frame, crs=areas.crs).total_bounds
    return shown, (float(bounds[0]), float(bounds[1]), float(bounds[2]), float(bounds[3]))
