"""The public kiosk (키오스크): its screens, the unattended rotation, and what citizens may see.

A kiosk is a touch display in a public place, portrait (1080 × 1920, the usual
lobby stand) or landscape (1920 × 1080). It cycles through the overview (``geo.kiosk.overview``), the
reported projects by how far along they are (in service now, being built,
planned: every project is named, long lists in pages of what fits, "1/3"), and
each development area (``geo.kiosk.area``); it stops while someone touches it,
and returns to the start after a while without a touch. Only public fields reach it (:data:`PUBLIC_COLUMNS`): never a
department, a budget or an internal id.

Rotation is decided on the server from the time (``geo.kiosk.rotation``); the
page calls it from a fragment that reruns every ``tick_seconds``. Touches reach the server
through a hidden button that ``ui.kiosk.touch_script`` clicks (throttled).
Every text from data is escaped here (``geo.html``); English screens show a
field's English text (``geo.i18n.localized``) and leave out free Korean text
that has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.analysis.aggregate import area_terms
from geo.briefing.slides import period_text
from geo.html import escape_html
from geo.i18n import localized, t
from geo.io import METRIC_CRS, STORAGE_CRS
from geo.mapping.placement import is_citywide
from geo.model.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    CITYWIDE,
    DEVELOPMENT_AREA_IDS,
    DOMAIN_TERMS,
    KIOSK_STATUSES,
    SHAPE_GLYPHS,
    STATUS_TERMS,
    ServiceStatus,
    Term,
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
    "location_accuracy",  # 'citywide': no place reported, listed instead of drawn
)
#: What a citizen sees first: running services, then those being built, designed, planned; on hold last.
CITIZEN_ORDER: tuple[str, ...] = (
    ServiceStatus.OPERATING,
    ServiceStatus.BUILDING,
    ServiceStatus.DESIGN,
    ServiceStatus.PLANNED,
    ServiceStatus.ON_HOLD,
)
#: The project screens of the rotation, in order: what a citizen can use today, what is being built, what is
#: planned, what is on hold. Every status the kiosk shows is in one group, so the rotation names every project.
PROJECT_GROUPS: dict[str, tuple[str, ...]] = {
    "operating": (ServiceStatus.OPERATING,),
    "under_way": (ServiceStatus.BUILDING, ServiceStatus.DESIGN),
    "planned": (ServiceStatus.PLANNED,),
    "on_hold": (ServiceStatus.ON_HOLD,),
}
#: Being built: building first, then design.
UNDER_WAY: tuple[str, ...] = PROJECT_GROUPS["under_way"]

# Cards a kiosk list holds at most. A lobby screen is read, not searched: at 100,000 services a list of every
# one held 33,488 cards (569,000 DOM nodes, 15 s to show). The list says how many it leaves out; the map
# shows them all (as counts per 동 at that scale).
KIOSK_CARDS_MAX = 120
# Pages one project group takes in the rotation at most: enough to name every project of a city's portfolio
# (the 96 demo services take over 20 pages in their largest group, at two cards a page or one), while a city's
# 100,000 devices would otherwise make a rotation of hours. The last page says how many it leaves out (the group's map shows them all).
KIOSK_PAGES_MAX = 30
# The height (CSS px) of cards one page holds, in a text column COLUMN_PX wide: what is left in the text column
# in landscape (1920 × 1080: about 550 px from the list's top to the footer, under the control bar, the heading
# and citizens' voice); in portrait the map gives a longer list the room it needs.
PAGE_HEIGHT_PX = 476  # about 550 px of room in landscape under a one-row voice box (68 px); its picker now has a line of its own (+64)
# The text column is about 990 px at 1920 × 1080 (1000 in portrait), a card's text about 940 inside its padding;
# 900 leaves a margin (at 960 an English description took a third line the estimate did not count).
COLUMN_PX = 900
# At 큰 글씨 (the layout at 2×, geo.kiosk.access) in CSS px before the zoom: the text column is about 470 px
# across, and a page of cards about 420 px high (840 on the screen), so it holds fewer cards.
LARGE_COLUMN_PX, LARGE_PAGE_HEIGHT_PX = 470, 420


@dataclass(frozen=True)
class KioskScreen:
    """One screen of the rotation: the overview, one page of a project group, or one development area.

    ``first`` and ``count`` say which cards of the group's list a page shows; ``page`` of ``pages``.
    """

    kind: str  # "overview", "projects", "then" (then and now, ``geo.kiosk.then``) or "area"
    area_id: str | None = None
    group: str | None = None
    page: int = 1
    pages: int = 1
    first: int = 0
    count: int = 0
    # An area outside the plan's five (an imported one): its names from the areas layer, full and short.
    name: Term | None = None
    short: Term | None = None

    @property
    def section(self) -> str:
        """What the screen buttons name: the overview, a project group (all its pages) or an area."""
        return self.group or self.area_id or self.kind

    def nav_label(self, lang: str) -> str:
        if self.kind == "overview":
            return t("kiosk.start", lang)
        if self.kind == "area":
            return self.short.label(lang) if self.short else label(AREA_SHORT, self.area_id or "", lang)
        if self.kind == "then":
            return t("kiosk.then_nav", lang)
        return t(f"kiosk.group_{self.group}", lang)

    def title(self, lang: str) -> str:
        if self.kind == "overview":
            return t("kiosk.overview_title", lang)
        if self.kind == "area":
            return self.name.label(lang) if self.name else label(AREA_TERMS, self.area_id or "", lang)
        if self.kind == "then":
            return t("kiosk.then_title", lang)
        return t(f"kiosk.group_{self.group}", lang)

    def page_label(self) -> str:
        """'1/3' on a group's pages when there are several; empty otherwise."""
        return f"{self.page}/{self.pages}" if self.pages > 1 else ""


def kiosk_screens(
    services: pd.DataFrame | None = None,
    area_ids: tuple[str, ...] = DEVELOPMENT_AREA_IDS,
    near: tuple[float, float] | None = None,
    areas: pd.DataFrame | None = None,
    scale: float = 1.0,
) -> tuple[KioskScreen, ...]:
    """Overview → the project groups, page by page (only groups with projects) → then and now → each area.

    With ``areas`` (the store's areas layer) the area screens are its areas (an imported sixth one too),
    named from the layer; ``area_ids`` is then not used.

    A group's cards are split into pages of what fits (:func:`paginate` on :func:`card_height_px` in both
    languages, so both languages page alike); ``services`` None gives no project screens. ``scale`` above 1
    (큰 글씨) pages for the larger layout: fewer cards a page.
    """
    large = scale > 1
    column_px, budget = (LARGE_COLUMN_PX, LARGE_PAGE_HEIGHT_PX) if large else (COLUMN_PX, PAGE_HEIGHT_PX)
    pages: list[KioskScreen] = []
    for group, statuses in PROJECT_GROUPS.items():
        if services is None:
            break
        heights = [
            max(card_height_px(ko, "ko", column_px), card_height_px(en, "en", column_px))
            for ko, en in zip(
                public_services(services, "ko", statuses=statuses, near=near, limit=KIOSK_CARDS_MAX),
                public_services(services, "en", statuses=statuses, near=near, limit=KIOSK_CARDS_MAX),
                strict=True,
            )
        ]
        split = paginate(heights, budget)[:KIOSK_PAGES_MAX]
        pages.extend(
            KioskScreen("projects", group=group, page=n, pages=len(split), first=first, count=count)
            for n, (first, count) in enumerate(split, start=1)
        )
    # Then and now sums up the project pages before the areas (only with data: it compares reported projects).
    then = (KioskScreen("then"),) if services is not None and not services.empty else ()
    if areas is None:
        return (KioskScreen("overview"), *pages, *then, *(KioskScreen("area", a) for a in area_ids))
    full, short = area_terms(areas), area_terms(areas, short=True)
    return (
        KioskScreen("overview"),
        *pages,
        *then,
        *(
            KioskScreen(
                "area", a, name=None if a in AREA_TERMS else full[a], short=None if a in AREA_TERMS else short[a]
            )
            for a in full
        ),
    )


def kiosk_sections(screens: tuple[KioskScreen, ...]) -> list[tuple[int, KioskScreen]]:
    """The screen buttons: the first screen of each section (a group's first page), with its position."""
    seen: set[str] = set()
    sections = []
    for position, screen in enumerate(screens):
        if screen.section not in seen:
            seen.add(screen.section)
            sections.append((position, screen))
    return sections


def paginate(heights: list[int], budget: int) -> list[tuple[int, int]]:
    """Cards of these heights in pages of at most ``budget`` px: (first, count) per page, in order.

    As few pages as the cards need, filled evenly (eleven cards of one height make pages of 4, 4 and 3, not
    of 5, 5 and 1), so no page is left nearly empty. A card taller than the budget gets a page of its own.
    """

    def pack(limit: float) -> list[tuple[int, int]]:
        result, first, used = [], 0, 0
        for position, height in enumerate(heights):
            if position > first and used + height > limit:
                result.append((first, position - first))
                first, used = position, 0
            used += height
        if heights:
            result.append((first, len(heights) - first))
        return result

    fewest = len(pack(budget))
    if fewest <= 1:
        return pack(budget)
    # The smallest page height that still needs no more pages: the cards spread evenly over them.
    low, high = max(heights), budget
    while low < high:
        middle = (low + high) // 2
        if len(pack(middle)) <= fewest:
            high = middle
        else:
            low = middle + 1
    return pack(low)


@dataclass(frozen=True)
class PublicService:
    """A service as a citizen sees it: public fields only, labelled in the screen's language."""

    name: str
    status: str
    status_label: str
    area: str
    description: str
    period: str  # empty when no source gives it
    distance_km: float | None = None  # from the kiosk, when its location is configured
    citywide: bool = False  # no place reported: listed, not drawn as a point
    part_of: str = ""  # the programme's name, for a part of a programme (``parent_id``)
    parts: int = 0  # how many parts a programme has
    project_id: str = ""  # never shown: links the card to citizens' voice (필요해요, opinions)


def public_services(
    services: pd.DataFrame,
    lang: str = "ko",
    area_id: str | None = None,
    statuses: tuple[str, ...] = CITIZEN_ORDER,
    near: tuple[float, float] | None = None,
    limit: int | None = None,
) -> list[PublicService]:
    """The services of one area (or all), with the given statuses, in that status order, then by start year.

    A programme's parts (``parent_id``, where the column exists) follow their programme when they share its
    status, and each says whose part it is. With ``near`` (the kiosk's lat, lon) they come nearest first
    instead, with their distance measured in EPSG:5186 (citywide projects, which have no place, last and
    without one). Cancelled services are never shown (they will not come). Only :data:`PUBLIC_COLUMNS` are
    shown; ids and ``parent_id`` only order and link the cards. ``limit``: the first so many
    (:func:`public_service_count` counts them all).
    """
    shown = _public_mask(services, area_id, statuses)
    public = services.loc[shown, [c for c in PUBLIC_COLUMNS if c in services.columns]]
    citywide = citywide_listed(services).loc[shown]
    if near is not None:
        public = public.assign(_km=distances_km(services.loc[shown], near).where(~citywide))
    rank = {status: position for position, status in enumerate(statuses)}
    public = public.assign(_rank=public["status"].map(rank), **_programme_order(services, shown))
    order = ["_km", "name_ko"] if near is not None else ["_rank", "_family_start", "_family", "_is_part"]
    order += ["start_year", "end_year", "name_ko"] if near is None else []
    public = public.sort_values(order, kind="stable", na_position="last")
    if limit is not None:
        public = public.head(limit)
    names = _programme_names(services, lang)
    result = []
    for row in public.to_dict("records"):
        start, end = row.get("start_year"), row.get("end_year")
        reported = not (start is None or end is None or pd.isna(start) or pd.isna(end))
        km = row.get("_km")
        result.append(
            PublicService(
                name=localized(row, "name", lang),
                status=str(row["status"]),
                status_label=label(STATUS_TERMS, row["status"], lang),
                area=label(AREA_SHORT, row["area_id"], lang),
                description=public_description(row, lang),
                period=period_text(start, end, lang) if reported else "",
                distance_km=round(float(km), 1) if km is not None and not pd.isna(km) else None,
                citywide=row.get("location_accuracy") == CITYWIDE,
                part_of=names.get(row["_parent"], "") if row["_parent"] else "",
                parts=int(row["_parts"]),
                project_id=str(row["_id"]),
            )
        )
    return result


def citywide_listed(services: pd.DataFrame) -> pd.Series:
    """Which services the kiosk lists as citywide instead of drawing them: no place was reported.

    Their stored point (City Hall) says nothing about them, so the kiosk map leaves them out and their
    cards say 시 전역: the same rule as every map (``geo.mapping.placement.is_citywide``).
    """
    return is_citywide(services)


def _programme_order(services: pd.DataFrame, shown: pd.Series) -> dict[str, pd.Series]:
    """Sort keys that keep a programme's parts right after their programme; its parent, and its parts' count.

    Reads ``service_id`` and ``parent_id`` (when the data has it) for the order only: no id reaches a card.
    """
    if "service_id" in services.columns:
        ids = services["service_id"].astype(str)
    else:
        ids = pd.Series(services.index.astype(str), index=services.index)
    if "parent_id" in services.columns:
        raw = services["parent_id"].astype(object)
        parents = raw.where(raw.notna(), "").astype(str)
    else:
        parents = pd.Series("", index=services.index, dtype=object)
    # A parent that is no project of these data (or the project itself) makes no part.
    parents = parents.where(parents.isin(set(ids)) & (parents != ids), "")
    family = parents.where(parents != "", ids)
    # A family sorts by its programme's start year and name (ids order nothing a citizen sees).
    starts = dict(zip(ids, services["start_year"], strict=True)) if "start_year" in services.columns else {}
    names = dict(zip(ids, services["name_ko"], strict=True))
    parts = ids.map(parents[parents != ""].value_counts()).fillna(0)
    return {
        "_family": family.loc[shown].map(names),
        "_family_start": family.loc[shown].map(starts),
        "_is_part": (parents != "").loc[shown],
        "_parent": parents.loc[shown],
        "_parts": parts.loc[shown],
        "_id": ids.loc[shown],
    }


def _programme_names(services: pd.DataFrame, lang: str) -> dict[str, str]:
    """Names of the programmes that have parts, by id (the id stays here)."""
    if "parent_id" not in services.columns or "service_id" not in services.columns:
        return {}
    parent_ids = set(services["parent_id"].dropna().astype(str))
    programmes = services.loc[services["service_id"].astype(str).isin(parent_ids)]
    return {str(row["service_id"]): localized(row, "name", lang) for row in programmes.to_dict("records")}


def card_height_px(service: PublicService, lang: str, column_px: int = COLUMN_PX) -> int:
    """The card's height in CSS px in a text column ``column_px`` wide (the kiosk's: :data:`COLUMN_PX`), estimated.

    Hangul takes about its font size across, Latin and digits about half, a space a third (measured in
    Chromium with the kiosk's Noto Sans CJK): lines are counted from the characters.
    """

    def lines(text: str, font_px: float) -> int:
        if not text:
            return 0
        width = sum((0.95 if ord(ch) > 0x2E7F else 0.3 if ch.isspace() else 0.55) * font_px for ch in text)
        return max(1, -(-int(width) // column_px))

    head = [service.status_label, service.period, _tag_text(service, lang)]
    return (
        30  # border and padding
        + 14  # the gap to the next card
        + 38 * lines("  ".join(filter(None, head)) + "   ", 26)
        + 38 * lines(service.name, 30)
        + 35 * lines(service.description, 25)
    )


def _tag_text(service: PublicService, lang: str) -> str:
    tags = []
    if service.citywide:
        tags.append(t("kiosk.citywide", lang))
    if service.part_of:
        tags.append(t("kiosk.part_of", lang, programme=service.part_of))
    if service.parts:
        tags.append(t("kiosk.parts", lang, n=service.parts))
    return " ".join(tags)


def public_service_count(
    services: pd.DataFrame, area_id: str | None = None, statuses: tuple[str, ...] = CITIZEN_ORDER
) -> int:
    """How many services :func:`public_services` would list without a limit."""
    return int(_public_mask(services, area_id, statuses).sum())


def _public_mask(services: pd.DataFrame, area_id: str | None, statuses: tuple[str, ...]) -> pd.Series:
    shown = services["status"].isin(statuses)
    return shown & (services["area_id"] == area_id) if area_id is not None else shown


def kiosk_map_services(
    services: gpd.GeoDataFrame,
    area_id: str | None = None,
    statuses: tuple[str, ...] = KIOSK_STATUSES,
    within: pd.Series | None = None,
) -> gpd.GeoDataFrame:
    """What the kiosk map draws: :data:`PUBLIC_COLUMNS` and geometry of the services shown on the kiosk.

    Only ``statuses`` of ``KIOSK_STATUSES`` (cancelled services will not come, so the kiosk shows them
    nowhere); one area, or all with ``area_id`` None; only rows ``within`` when given (a boolean mask). Citywide
    projects (:func:`citywide_listed`) are listed, never drawn: their point would say City Hall. The map
    builder keys services by ``service_id``: it gets a running number (``k0``, ``k1``, …), so no real id
    reaches the page.
    """
    columns = [c for c in PUBLIC_COLUMNS if c in services.columns]
    shown = services["status"].isin([s for s in statuses if s in KIOSK_STATUSES]) & ~citywide_listed(services)
    if area_id is not None:
        shown &= services["area_id"] == area_id
    if within is not None:
        shown &= within.reindex(services.index, fill_value=False)
    public = services.loc[shown, [*columns, "geometry"]]
    public.insert(0, "service_id", [f"k{position}" for position in range(len(public))])
    return public


def public_description(row: dict[Any, Any], lang: str) -> str:
    """What the service does for citizens; on English screens, its domain when no English text exists."""
    if lang == "en" and localized(row, "description_public", "en") == localized(row, "description_public", "ko"):
        domain = row.get("domain")
        return t("kiosk.domain_service", "en", domain=label(DOMAIN_TERMS, domain, "en")) if domain else ""
    return localized(row, "description_public", lang)


def distances_km(services: gpd.GeoDataFrame, near: tuple[float, float]) -> pd.Series:
    """Distance in km from ``near`` (lat, lon, EPSG:4326) to each service, measured in EPSG:5186."""
    metric = services.geometry.to_crs(METRIC_CRS)
    origin = gpd.GeoSeries([Point(near[1], near[0])], crs=STORAGE_CRS).to_crs(METRIC_CRS).iloc[0]
    return cast(pd.Series, metric.distance(origin) / 1000)


def service_card_html(service: PublicService, lang: str = "ko", show_area: bool = False) -> str:
    """One service card: status (symbol + word), when, where it stands, name, what it does; every text escaped.

    A citywide project says so (it is not on the map); a programme's part names its programme.
    """
    tags = [service.area] if show_area else []
    if service.distance_km is not None:
        tags.append(t("kiosk.distance", lang, km=f"{service.distance_km:,.1f}"))
    if service.citywide:
        tags.append(t("kiosk.citywide", lang))
    if service.part_of:
        tags.append(t("kiosk.part_of", lang, programme=service.part_of))
    if service.parts:
        tags.append(t("kiosk.parts", lang, n=service.parts))
    tag_html = "".join(f'<span class="kiosk-area">{escape_html(tag)}</span>' for tag in tags)
    period = (
        f'<span class="kiosk-period">{escape_html(t("kiosk.when", lang))} {escape_html(service.period)}</span>'
        if service.period
        else ""
    )
    part = " part" if service.part_of else ""
    return (
        f'<div class="kiosk-card{part}">'
        f'<div class="kiosk-card-head"><span class="kiosk-status">{status_badge_html(service.status)}'
        f"{escape_html(service.status_label)}</span>{period}{tag_html}</div>"
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
    first: int = 0,
    last_page: bool = True,
) -> str:
    """The cards of a screen, headed by how many there are; no list needs a swipe.

    ``first``: the position of the first card in its group (a page of a longer list: the heading says
    "25건 중 5–8"). ``total``: how many services there are when the list holds only the first of them
    (:data:`KIOSK_CARDS_MAX`, :data:`KIOSK_PAGES_MAX`): a line under the last card says how many are left
    out, on the ``last_page`` of the list (``on_map``: that the screen's map shows them all). ``wide`` lays the cards in two columns where
    the screen is wide enough.
    """
    if not services:
        return f'<div class="kiosk-empty">{escape_html(t("kiosk.no_services", lang))}</div>'
    cards = "".join(service_card_html(s, lang, show_area) for s in services)
    shown = len(services)
    total = max(total or 0, first + shown)
    last = first + shown
    if (first > 0 or last < total) and shown == 1:  # one card a page: "11건 중 3", not "3–3"
        count = t("kiosk.count_one", lang, n=f"{last:,}", total=f"{total:,}")
    elif first > 0 or last < total:
        count = t("kiosk.count_page", lang, first=f"{first + 1:,}", last=f"{last:,}", total=f"{total:,}")
    else:
        count = t("kiosk.count", lang, n=f"{shown:,}")
    listed_to = first + shown
    if last_page and total > listed_to:
        more = t("kiosk.more_on_map" if on_map else "kiosk.more", lang, rest=f"{total - listed_to:,}")
        cards += f'<div class="kiosk-more">{escape_html(more)}</div>'
    layout = "kiosk-cards wide" if wide else "kiosk-cards"
    return (
        f'<div class="kiosk-count">{escape_html(count)}</div>'
        f'<div class="kiosk-list" data-count="{shown}" data-total="{total}"><div class="{layout}">{cards}</div></div>'
    )


def project_screen_html(
    services: pd.DataFrame, screen: KioskScreen, lang: str, near: tuple[float, float] | None = None
) -> str:
    """The cards of one page of a project group (``screen`` from :func:`kiosk_screens` on the same services)."""
    statuses = PROJECT_GROUPS[screen.group or ""]
    listed = public_services(services, lang, statuses=statuses, near=near, limit=screen.first + screen.count)
    total = public_service_count(services, statuses=statuses)
    page = listed[screen.first : screen.first + screen.count]
    last = screen.page == screen.pages
    return cards_html(page, lang, total=total, on_map=True, first=screen.first, last_page=last)


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
    return f'<span class="kiosk-glyph" style="color:{term.colour}">{SHAPE_GLYPHS[term.shape]}</span>'


def progress_html(position: int, count: int, paused: bool, idle_reset_s: int, lang: str, sample: bool) -> str:
    """Dots for the screens (the current one filled), '예시 데이터' when samples show, and the touch hint."""
    dots = "".join(f'<span class="kiosk-dot{" on" if i == position else ""}"></span>' for i in range(count))
    hint = t("kiosk.hint_paused", lang, s=idle_reset_s) if paused else t("kiosk.hint_running", lang)
    badge = f'<span class="kiosk-sample">{escape_html(t("sample.short", lang))}</span>' if sample else ""
    return (
        f'<div class="kiosk-footer"><span class="kiosk-dots" data-screen="{position}">{dots}</span>'
        f'{badge}<span class="kiosk-hint">{escape_html(hint)}</span></div>'
    )


def heading_html(text: str, kind: str = "screen", page: str = "") -> str:
    """The kiosk's title (``kind="title"``) or a screen's heading with its page ('2/3') when it has one, escaped."""
    if kind == "title":
        return f'<h1 class="kiosk-title">{escape_html(text)}</h1>'
    page_html = f' <span class="kiosk-page">{escape_html(page)}</span>' if page else ""
    return f'<h2 class="kiosk-screen-title">{escape_html(text)}{page_html}</h2>'
