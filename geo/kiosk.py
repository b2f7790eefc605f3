"""The public kiosk (키오스크): its screens, the unattended rotation, and what citizens may see.

A kiosk is a touch display in a public place, portrait (1080 × 1920, the usual
lobby stand) or landscape (1920 × 1080). It cycles through
the overview, each development area and the services being built now, stops
while someone touches it, and returns to the start after a while without a
touch. Only public fields reach it (:data:`PUBLIC_COLUMNS`): never a
department, a budget or an internal id.

Rotation is decided on the server from the time (:func:`advance`), so it is a
pure function that tests can drive with any clock; the page calls it from a
fragment that reruns every :func:`tick_seconds`. Touches reach the server
through a hidden button that ``ui.kiosk.touch_script`` clicks (throttled).
Every text from data is escaped here (``geo.html``); English screens show a
field's English text (``geo.i18n.localized``) and leave out free Korean text
that has none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo import plan as plan_facts
from geo.briefing import period_text
from geo.html import escape_html
from geo.i18n import localized, t
from geo.io import METRIC_CRS, STORAGE_CRS
from geo.vocab import (
    ACTIVE_STATUSES,
    AREA_SHORT,
    AREA_TERMS,
    DEVELOPMENT_AREA_IDS,
    DOMAIN_TERMS,
    KIOSK_STATUSES,
    STATUS_TERMS,
    ServiceStatus,
    label,
)

#: The only service columns the kiosk reads (those present); department, budget and ids never reach it.
PUBLIC_COLUMNS: tuple[str, ...] = (
    "name_ko",
    "name_en",
    "status",
    "area_id",
    "domain",
    "description_public",
    "description_public_en",
    "start_year",
    "end_year",
    "dong",  # the 행정동 a service lies in (the city-scale map counts per dong)
)
#: What a citizen sees first: running services, then those being built, designed, planned; on hold last.
CITIZEN_ORDER: tuple[str, ...] = (
    ServiceStatus.OPERATING,
    ServiceStatus.BUILDING,
    ServiceStatus.DESIGN,
    ServiceStatus.PLANNED,
    ServiceStatus.ON_HOLD,
)
#: Status symbols as text (st.html drops inline SVG); the shapes match the map's markers.
STATUS_GLYPHS: dict[str, str] = {
    "circle": "●",
    "square": "■",
    "triangle": "▲",
    "star": "★",
    "diamond": "◆",
    "hollow": "○",
}
#: The "being built now" screen: building first, then design.
UNDER_WAY: tuple[str, ...] = (ServiceStatus.BUILDING, ServiceStatus.DESIGN)

# Cards a kiosk list holds at most. A lobby screen is read, not searched: at 100,000 services a list of every
# one held 33,488 cards (569,000 DOM nodes, 15 s to show). The list says how many it leaves out; the map
# shows them all (as counts per 동 at that scale).
KIOSK_CARDS_MAX = 120


@dataclass(frozen=True)
class KioskScreen:
    kind: str  # "overview", "area" or "nearby"
    area_id: str | None = None

    def nav_label(self, lang: str) -> str:
        if self.kind == "overview":
            return t("kiosk.start", lang)
        if self.kind == "area":
            return label(AREA_SHORT, self.area_id or "", lang)
        return t("kiosk.nearby", lang)

    def title(self, lang: str) -> str:
        if self.kind == "overview":
            return t("kiosk.overview_title", lang)
        if self.kind == "area":
            return label(AREA_TERMS, self.area_id or "", lang)
        return t("kiosk.nearby_title", lang)


def kiosk_screens(area_ids: tuple[str, ...] = DEVELOPMENT_AREA_IDS) -> tuple[KioskScreen, ...]:
    """Overview → each development area → the services being built now."""
    return (KioskScreen("overview"), *(KioskScreen("area", a) for a in area_ids), KioskScreen("nearby"))


@dataclass(frozen=True)
class RotationState:
    """Which screen shows, since when, and when the screen was last touched (monotonic seconds)."""

    screen: int = 0
    shown_at: float = 0.0
    touched_at: float | None = None

    def paused(self) -> bool:
        return self.touched_at is not None


def advance(state: RotationState, now: float, count: int, interval_s: float, idle_reset_s: float) -> RotationState:
    """The rotation state at ``now``.

    - Touched less than ``idle_reset_s`` ago: nothing changes (the person is reading).
    - Touched ``idle_reset_s`` or more ago: back to the first screen, rotation resumes.
    - Not touched: the next screen (wrapping) once the screen has shown for ``interval_s``.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    if state.touched_at is not None:
        if now - state.touched_at >= idle_reset_s:
            return RotationState(0, now, None)
        return state
    if now - state.shown_at >= interval_s:
        return RotationState((state.screen + 1) % count, now, None)
    return state


def touch(state: RotationState, now: float) -> RotationState:
    """Someone touched the screen: rotation stops until ``idle_reset_s`` passes without a touch."""
    return replace(state, touched_at=now)


def select(state: RotationState, screen: int, now: float, count: int) -> RotationState:  # noqa: ARG001 (same shape as the other transitions)
    """Someone chose a screen: show it and count the choice as a touch."""
    if not 0 <= screen < count:
        raise ValueError(f"screen must be from 0 to {count - 1}, not {screen}")
    return RotationState(screen, now, now)


def tick_seconds(interval_s: float, idle_reset_s: float) -> float:
    """How often the page re-checks the rotation: a quarter of the shorter timer, from 1 to 5 seconds."""
    return float(min(max(min(interval_s, idle_reset_s) / 4, 1.0), 5.0))


@dataclass(frozen=True)
class PublicService:
    """A service as a citizen sees it: public fields only, labelled in the screen's language."""

    name: str
    status: str
    status_label: str
    area: str
    description: str
    period: str
    distance_km: float | None = None  # from the kiosk, when its location is configured


def public_services(
    services: pd.DataFrame,
    lang: str = "ko",
    area_id: str | None = None,
    statuses: tuple[str, ...] = CITIZEN_ORDER,
    near: tuple[float, float] | None = None,
    limit: int | None = None,
) -> list[PublicService]:
    """The services of one area (or all), with the given statuses, in that status order, then by start year.

    With ``near`` (the kiosk's lat, lon) they come nearest first instead, with their
    distance measured in EPSG:5186. Cancelled services are never shown (they will
    not come). Only :data:`PUBLIC_COLUMNS` are read. ``limit``: the first so many
    (:func:`public_service_count` counts them all).
    """
    shown = _public_mask(services, area_id, statuses)
    public = services.loc[shown, [c for c in PUBLIC_COLUMNS if c in services.columns]]
    if near is not None:
        public = public.assign(_km=distances_km(services.loc[shown], near))
    rank = {status: position for position, status in enumerate(statuses)}
    order = ["_km", "name_ko"] if near is not None else ["_rank", "start_year", "end_year", "name_ko"]
    public = public.assign(_rank=public["status"].map(rank)).sort_values(order, kind="stable", na_position="last")
    if limit is not None:
        public = public.head(limit)
    result = []
    for row in public.to_dict("records"):
        start, end = row.get("start_year"), row.get("end_year")
        result.append(
            PublicService(
                name=localized(row, "name", lang),
                status=str(row["status"]),
                status_label=label(STATUS_TERMS, row["status"], lang),
                area=label(AREA_SHORT, row["area_id"], lang),
                description=public_description(row, lang),
                period=period_text(start, end, lang),
                distance_km=round(float(row["_km"]), 1) if near is not None else None,
            )
        )
    return result


def public_service_count(
    services: pd.DataFrame, area_id: str | None = None, statuses: tuple[str, ...] = CITIZEN_ORDER
) -> int:
    """How many services :func:`public_services` would list without a limit."""
    return int(_public_mask(services, area_id, statuses).sum())


def _public_mask(services: pd.DataFrame, area_id: str | None, statuses: tuple[str, ...]) -> pd.Series:
    shown = services["status"].isin(statuses)
    return shown & (services["area_id"] == area_id) if area_id is not None else shown


def kiosk_map_services(services: gpd.GeoDataFrame, area_id: str | None = None) -> gpd.GeoDataFrame:
    """What the kiosk map draws: :data:`PUBLIC_COLUMNS` and geometry of the services shown on the kiosk.

    Only statuses in ``KIOSK_STATUSES`` (cancelled services will not come, so the kiosk shows them nowhere);
    one area, or all with ``area_id`` None. The map builder keys services by ``service_id``: it gets a running
    number (``k0``, ``k1``, …), so no real id reaches the page.
    """
    columns = [c for c in PUBLIC_COLUMNS if c in services.columns]
    shown = services["status"].isin(KIOSK_STATUSES)
    if area_id is not None:
        shown &= services["area_id"] == area_id
    public = services.loc[shown, [*columns, "geometry"]]
    public.insert(0, "service_id", [f"k{position}" for position in range(len(public))])
    return public


def public_description(row: dict, lang: str) -> str:
    """What the service does for citizens; on English screens, its domain when no English text exists."""
    if lang == "en" and localized(row, "description_public", "en") == localized(row, "description_public", "ko"):
        domain = row.get("domain")
        return t("kiosk.domain_service", "en", domain=label(DOMAIN_TERMS, domain, "en")) if domain else ""
    return localized(row, "description_public", lang)


def distances_km(services: gpd.GeoDataFrame, near: tuple[float, float]) -> pd.Series:
    """Distance in km from ``near`` (lat, lon, EPSG:4326) to each service, measured in EPSG:5186."""
    metric = services.geometry.to_crs(METRIC_CRS)
    origin = gpd.GeoSeries([Point(near[1], near[0])], crs=STORAGE_CRS).to_crs(METRIC_CRS).iloc[0]
    return metric.distance(origin) / 1000


def service_card_html(service: PublicService, lang: str = "ko", show_area: bool = False) -> str:
    """One service card: status (symbol + word), when, name, what it does; every text escaped."""
    area = f'<span class="kiosk-area">{escape_html(service.area)}</span>' if show_area else ""
    if service.distance_km is not None:
        away = t("kiosk.distance", lang, km=f"{service.distance_km:,.1f}")
        area += f'<span class="kiosk-area">{escape_html(away)}</span>'

    return (
        '<div class="kiosk-card">'
        f'<div class="kiosk-card-head"><span class="kiosk-status">{status_badge_html(service.status)}'
        f"{escape_html(service.status_label)}</span>{area}"
        f'<span class="kiosk-period">{escape_html(t("kiosk.when", lang))} {escape_html(service.period)}</span></div>'
        f'<div class="kiosk-name">{escape_html(service.name)}</div>'
        f'<div class="kiosk-desc">{escape_html(service.description)}</div>'
        "</div>"
    )


def cards_html(
    services: list[PublicService],
    lang: str,
    show_area: bool = False,
    wide: bool = False,
    total: int | None = None,
    on_map: bool = False,
) -> str:
    """The cards in a list that scrolls by touch, headed by how many there are.

    ``total``: how many services there are when ``services`` holds only the first of them
    (:data:`KIOSK_CARDS_MAX`): the heading and a line under the last card say so (``on_map``: that
    the screen's map shows them all). The page's
    CSS gives the list its height; ``wide`` lays the cards in two columns where the screen is
    wide enough.
    """
    if not services:
        return f'<div class="kiosk-empty">{escape_html(t("kiosk.no_services", lang))}</div>'
    cards = "".join(service_card_html(s, lang, show_area) for s in services)
    shown, total = len(services), max(total or 0, len(services))
    if total > shown:
        count = t("kiosk.count_some", lang, n=f"{shown:,}", total=f"{total:,}")
        more = t("kiosk.more_on_map" if on_map else "kiosk.more", lang, rest=f"{total - shown:,}")
        cards += f'<div class="kiosk-more">{escape_html(more)}</div>'
    else:
        count = t("kiosk.count", lang, n=f"{shown:,}")
    layout = "kiosk-cards wide" if wide else "kiosk-cards"
    return (
        f'<div class="kiosk-count">{escape_html(count)}</div>'
        f'<div class="kiosk-list" data-count="{shown}" data-total="{total}"><div class="{layout}">{cards}</div></div>'
    )


def area_intro_html(areas: pd.DataFrame, area_id: str, lang: str) -> str:
    """The area's kind, place and public facts (from the areas data), escaped."""
    rows = areas.loc[areas["area_id"] == area_id]
    if rows.empty:
        return ""
    area = rows.iloc[0]
    kind = localized(area, "kind", lang)
    # Free Korean text without an English version stays off English screens.
    where = _in_language(area, "location", lang)
    facts = _in_language(area, "facts", lang)
    source = localized(area, "source", lang)
    return (
        f'<div class="kiosk-intro"><div class="kiosk-kind">{escape_html(kind)}'
        f"{' · ' + escape_html(where) if where else ''}</div>"
        f'<div class="kiosk-facts">{escape_html(facts)}</div>'
        f'<div class="kiosk-source">{escape_html(t("field.source", lang))}: {escape_html(source)}</div></div>'
    )


def _in_language(record: pd.Series, field: str, lang: str) -> str:
    text = localized(record, field, lang)
    return "" if lang == "en" and text == localized(record, field, "ko") else text


def status_badge_html(status: str) -> str:
    """The status symbol in its colour (shape and colour together, as on the map)."""
    term = STATUS_TERMS[status]
    return f'<span class="kiosk-glyph" style="color:{term.colour}">{STATUS_GLYPHS[term.shape]}</span>'


def progress_html(position: int, count: int, paused: bool, idle_reset_s: int, lang: str, sample: bool) -> str:
    """Dots for the screens (the current one filled), '예시 데이터' when samples show, and the touch hint."""
    dots = "".join(f'<span class="kiosk-dot{" on" if i == position else ""}"></span>' for i in range(count))
    hint = t("kiosk.hint_paused", lang, s=idle_reset_s) if paused else t("kiosk.hint_running", lang)
    badge = f'<span class="kiosk-sample">{escape_html(t("sample.short", lang))}</span>' if sample else ""
    return (
        f'<div class="kiosk-footer"><span class="kiosk-dots" data-screen="{position}">{dots}</span>'
        f'{badge}<span class="kiosk-hint">{escape_html(hint)}</span></div>'
    )


def heading_html(text: str, kind: str = "screen") -> str:
    """The kiosk's title (``kind="title"``) or a screen's heading, escaped."""
    if kind == "title":
        return f'<h1 class="kiosk-title">{escape_html(text)}</h1>'
    return f'<h2 class="kiosk-screen-title">{escape_html(text)}</h2>'


def plan_headline_html(plan: dict, lang: str) -> str:
    """The plan's headline: approved by MOLIT (국토교통부) and its aims as reported; the mayor's fields as his."""
    aims = " · ".join(plan_facts.aims(plan, lang))
    remark = plan_facts.mayor_remark(plan, lang)
    return (
        f'<div class="kiosk-headline"><b>{escape_html(t("plan.approved", lang))}</b>'
        f"<span>{escape_html(t('plan.aims', lang))}: {escape_html(aims)}</span>"
        + (f'<span class="kiosk-remark">{escape_html(remark)}</span>' if remark else "")
        + "</div>"
    )


def overview_html(plan: dict, services: pd.DataFrame, areas: pd.DataFrame, lang: str) -> str:
    """The plan's headline, vision, directions and the public numbers (counts only, no budget), with the source."""
    operating = int((services["status"] == ServiceStatus.OPERATING).sum())
    going_ahead = int(services["status"].isin(ACTIVE_STATUSES).sum())
    unit = t("metric.count_unit", lang)
    numbers = [
        (f"{going_ahead:,}{unit}", t("kiosk.services_going_ahead", lang)),
        (f"{operating:,}{unit}", t("metric.operating", lang)),
        (f"{len(areas)}{t('metric.area_unit', lang)}", t("metric.areas", lang)),
    ]
    number_html = "".join(
        f'<div class="kiosk-number"><b>{escape_html(v)}</b><span>{escape_html(k)}</span></div>' for v, k in numbers
    )
    vision = "".join(f'<div class="kiosk-vision">“{escape_html(line[lang])}”</div>' for line in plan.get("vision", []))
    directions = "".join(
        f"<div>{n}. {escape_html(d[lang])}</div>" for n, d in enumerate(plan.get("directions", []), start=1)
    )
    source = plan.get("source", {}).get(lang, "")
    return (
        f'{plan_headline_html(plan, lang)}{vision}<div class="kiosk-numbers">{number_html}</div>'
        f'<div class="kiosk-kind">{escape_html(t("home.directions", lang))}</div>'
        f'<div class="kiosk-directions">{directions}</div>'
        f'<div class="kiosk-source">{escape_html(t("field.source", lang))}: {escape_html(source)}</div>'
    )
