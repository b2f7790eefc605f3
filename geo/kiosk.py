"""The public kiosk (키오스크): its screens, the unattended rotation, and what citizens may see.

A kiosk is a 1920 × 1080 touch display in a public place. It cycles through
the overview, each development area and the services being built now, stops
while someone touches it, and returns to the start after a while without a
touch. Only public fields reach it (:data:`PUBLIC_COLUMNS`): never a
department, a budget or an internal id.

Rotation is decided on the server from the time (:func:`advance`), so it is a
pure function that tests can drive with any clock; the page calls it from a
fragment that reruns every :func:`tick_seconds`. Touches reach the server
through a hidden button that :func:`touch_script` clicks (throttled).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.html import escape_html, json_for_script
from geo.i18n import localized, t
from geo.io import METRIC_CRS, STORAGE_CRS
from geo.vocab import AREA_SHORT, AREA_TERMS, DEVELOPMENT_AREA_IDS, STATUS_TERMS, ServiceStatus, label

#: The only service columns the kiosk reads; department, budget and ids never reach it.
PUBLIC_COLUMNS: tuple[str, ...] = (
    "name_ko",
    "name_en",
    "status",
    "area_id",
    "description_public",
    "start_year",
    "end_year",
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


def select(state: RotationState, screen: int, now: float, count: int) -> RotationState:
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
) -> list[PublicService]:
    """The services of one area (or all), with the given statuses, in that status order, then by start year.

    With ``near`` (the kiosk's lat, lon) they come nearest first instead, with their
    distance measured in EPSG:5186. Cancelled services are never shown (they will
    not come). Only :data:`PUBLIC_COLUMNS` are read.
    """
    public = services.loc[:, list(PUBLIC_COLUMNS)]
    if near is not None:
        public = public.assign(_km=distances_km(services, near))
    if area_id is not None:
        public = public.loc[public["area_id"] == area_id]
    rank = {status: position for position, status in enumerate(statuses)}
    public = public.loc[public["status"].isin(rank)]
    order = ["_km", "name_ko"] if near is not None else ["_rank", "start_year", "end_year", "name_ko"]
    public = public.assign(_rank=public["status"].map(rank)).sort_values(order, kind="stable")
    result = []
    for row in public.to_dict("records"):
        name = localized(row, "name", lang)
        start, end = int(row["start_year"]), int(row["end_year"])
        years = f"{start}" if start == end else f"{start}–{end}"
        result.append(
            PublicService(
                name=str(name),
                status=str(row["status"]),
                status_label=label(STATUS_TERMS, row["status"], lang),
                area=label(AREA_SHORT, row["area_id"], lang),
                description=str(row.get("description_public") or ""),
                period=f"{years}년" if lang == "ko" else years,
                distance_km=round(float(row["_km"]), 1) if near is not None else None,
            )
        )
    return result


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


def cards_html(services: list[PublicService], lang: str, limit: int, show_area: bool = False, columns: int = 1) -> str:
    """Up to ``limit`` cards in a grid of ``columns``, then 'and n more' when some did not fit."""
    if not services:
        return f'<div class="kiosk-empty">{escape_html(t("kiosk.no_services", lang))}</div>'
    cards = "".join(service_card_html(s, lang, show_area) for s in services[:limit])
    more = ""
    if len(services) > limit:
        more = f'<div class="kiosk-more">{escape_html(t("kiosk.more", lang, n=len(services) - limit))}</div>'
    return f'<div class="kiosk-cards" style="grid-template-columns: repeat({columns}, 1fr)">{cards}</div>{more}'


def area_intro_html(areas: pd.DataFrame, area_id: str, lang: str) -> str:
    """The area's kind, place and public facts (from the areas data), escaped."""
    rows = areas.loc[areas["area_id"] == area_id]
    if rows.empty:
        return ""
    area = rows.iloc[0]
    where = localized(area, "location", lang)
    return (
        f'<div class="kiosk-intro"><div class="kiosk-kind">{escape_html(localized(area, "kind", lang))}'
        f"{' · ' + escape_html(where) if where else ''}</div>"
        f'<div class="kiosk-facts">{escape_html(localized(area, "facts", lang))}</div></div>'
    )


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


#: Full-screen, high-contrast, large type (≥ 24 px), touch targets ≥ 64 px; no sidebar, toolbar or header.
KIOSK_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="collapsedControl"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], footer { display: none !important; }
.stApp { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1.2rem 2.4rem 0.6rem; max-width: 100%; }
.stApp, .stApp p, .stApp li, .stApp span { font-size: 26px; }
.stApp button { min-height: 68px; padding: 0.4rem 1rem; border-width: 2px; }
.stApp button p { font-size: 28px; font-weight: 700; }
.stApp [data-stale="true"], .stApp .stale-element { opacity: 1 !important; transition: none !important; }
.st-key-kiosk_touch { display: none !important; }
/* The map is a picture here: touches go to the page (they pause the rotation) and nothing hides behind a hover. */
.st-key-kiosk_map iframe { pointer-events: none; border: 2px solid #333; border-radius: 8px; }
.kiosk-title { font-size: 52px; font-weight: 800; line-height: 1.15; margin: 0; }
.kiosk-screen-title { font-size: 44px; font-weight: 800; margin: 0 0 0.3rem; }
.kiosk-intro { margin-bottom: 0.6rem; }
.kiosk-kind { font-size: 26px; font-weight: 700; color: #1A1A1A; }
.kiosk-facts { font-size: 24px; color: #1A1A1A; line-height: 1.45; }
.kiosk-cards { display: grid; gap: 14px; }
.kiosk-card { border: 2px solid #1A1A1A; border-radius: 10px; padding: 12px 16px; background: #FFFFFF; }
.kiosk-card-head { display: flex; align-items: center; gap: 18px; flex-wrap: wrap; }
.kiosk-status { display: inline-flex; align-items: center; gap: 8px; font-size: 26px; font-weight: 800; }
.kiosk-area { font-size: 24px; font-weight: 700; background: #E8EEF4; padding: 2px 10px; border-radius: 6px; }
.kiosk-period { font-size: 24px; font-weight: 700; color: #1A1A1A; }
.kiosk-name { font-size: 30px; font-weight: 800; margin-top: 4px; }
.kiosk-desc { font-size: 25px; line-height: 1.4; color: #111111; }
.kiosk-more, .kiosk-empty { font-size: 26px; font-weight: 700; margin-top: 10px; }
.stApp .kiosk-glyph { font-size: 34px; line-height: 1; -webkit-text-stroke: 1px #1A1A1A; }
.kiosk-numbers { display: flex; gap: 28px; margin: 12px 0 18px; }
.kiosk-number { border: 2px solid #1A1A1A; border-radius: 10px; padding: 10px 22px; }
.kiosk-number b { display: block; font-size: 56px; color: #005A9C; line-height: 1.1; }
.kiosk-number span { font-size: 26px; font-weight: 700; }
.kiosk-vision { font-size: 34px; font-weight: 800; line-height: 1.35; margin: 6px 0; }
.kiosk-directions { font-size: 27px; line-height: 1.5; }
.kiosk-footer { display: flex; align-items: center; gap: 28px; margin-top: 6px; }
.kiosk-dots { display: inline-flex; gap: 12px; }
.kiosk-dot { width: 22px; height: 22px; border-radius: 50%; border: 3px solid #1A1A1A; display: inline-block; }
.kiosk-dot.on { background: #1A1A1A; }
.kiosk-hint { font-size: 24px; font-weight: 700; }
.kiosk-sample { font-size: 24px; font-weight: 800; color: #8A3B00; }
</style>"""


def overview_html(plan: dict, services: pd.DataFrame, areas: pd.DataFrame, lang: str) -> str:
    """Vision, directions and the public headline numbers (counts only, no budget)."""
    operating = int((services["status"] == ServiceStatus.OPERATING).sum())
    active = int((services["status"] != ServiceStatus.CANCELLED).sum())
    unit = t("metric.count_unit", lang)
    numbers = [
        (f"{active:,}{unit}", t("kiosk.services_going_ahead", lang)),
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
    return (
        f'{vision}<div class="kiosk-numbers">{number_html}</div>'
        f'<div class="kiosk-kind">{escape_html(t("home.directions", lang))}</div>'
        f'<div class="kiosk-directions">{directions}</div>'
    )


def touch_script(button_key: str, throttle_ms: int = 1500) -> str:
    """A script for the page: any touch, click, key or wheel on the page clicks the hidden touch button.

    Touches on a button are left to the button (it reports itself). At most one report per
    ``throttle_ms``. The listener is installed once per tab and replaced on a later run.
    """
    config = json_for_script({"selector": f".st-key-{button_key} button", "throttle": throttle_ms})
    return (
        "<script>(function () {"
        f"var cfg = {config};"
        "var doc = document; var win = window;"
        "var events = ['pointerdown', 'touchstart', 'keydown', 'wheel'];"
        "if (win.__kioskTouch) { events.forEach(function (e) { doc.removeEventListener(e, win.__kioskTouch, true); }); }"
        "var last = 0;"
        "win.__kioskTouch = function (event) {"
        "  var target = event.target;"
        "  if (target && target.closest && target.closest('button')) return;"
        "  var now = Date.now(); if (now - last < cfg.throttle) return; last = now;"
        "  var button = doc.querySelector(cfg.selector); if (button) button.click();"
        "};"
        "events.forEach(function (e) { doc.addEventListener(e, win.__kioskTouch, {capture: true, passive: true}); });"
        "})();</script>"
    )
