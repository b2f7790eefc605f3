"""The executive briefing (브리핑): which slides there are, in what order, and what each one says.

A briefing is a fixed sequence of slides for a projector: the overview (the
plan as reported, and apart from it Ansan's reported projects), the portfolio
(every reported project on one slide, by domain, with its status; a
programme's parts under the programme), what citizens can use today, one slide
per development area (what is known of it, the projects inside or the nearest
ones; a chart only where it has something to show), the trend by quarter
(``geo.analysis.trend``), and what changed since a chosen day. Every slide is shown "as of" a day (``geo.analysis.history``). This module
holds the slide list, navigation, the URL's dates, the tables and the slides' HTML;
what the slides and the PDF (``geo.briefing.handout``) say is worked out in
``geo.briefing.content`` (re-exported here). The page only places them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from geo.analysis import aggregate
from geo.analysis.history import status_changes_between
from geo.briefing.content import (
    AREA_NAMES_MAX,
    NEAREST_COUNT,
    PORTFOLIO_NAMES_MAX,
    TODAY_NAMES_MAX,
    AreaCharts,
    CitizenService,
    Fact,
    NearProject,
    PortfolioEntry,
    PortfolioGroup,
    area_charts,
    area_facts,
    area_map_services,
    budget_line,
    citizen_services,
    domain_status_counts,
    near_text,
    nearest_projects,
    operating_services,
    place_text,
    portfolio_groups,
    programme_parts,
    projects_in_area,
    shows_names,
    status_counts,
)
from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.links import IgnoredParameter, day_ignored, parse_day
from geo.model.vocab import (
    AREA_SHORT,
    AREA_TERMS,
    DEVELOPMENT_AREA_IDS,
    DOMAIN_TERMS,
    SHAPE_GLYPHS,
    STATUS_TERMS,
    ServiceStatus,
    Term,
    label,
)

#: The briefing's public names, with the slides' contents re-exported from ``geo.briefing.content``.
__all__ = [
    "AREA_NAMES_MAX",
    "CHANGES_PER_SLIDE",
    "DEFAULT_LOOKBACK_DAYS",
    "NEAREST_COUNT",
    "PORTFOLIO_NAMES_MAX",
    "SLIDE_KINDS",
    "TODAY_NAMES_MAX",
    "AreaCharts",
    "BriefingDates",
    "CitizenService",
    "Fact",
    "NearProject",
    "PortfolioEntry",
    "PortfolioGroup",
    "Slide",
    "area_charts",
    "area_facts",
    "area_map_services",
    "area_projects_html",
    "briefing_dates",
    "briefing_slides",
    "budget_line",
    "changes_table",
    "citizen_services",
    "citizens_html",
    "counts_table_html",
    "default_since",
    "domain_status_counts",
    "last_data_update",
    "near_html",
    "near_text",
    "nearest_projects",
    "operating_services",
    "period_text",
    "place_text",
    "portfolio_groups",
    "portfolio_html",
    "programme_parts",
    "projects_in_area",
    "services_table",
    "shows_names",
    "status_badge_html",
    "status_counts",
    "status_summary_html",
    "step_slide",
]

SLIDE_KINDS: tuple[str, ...] = ("overview", "portfolio", "today", "area", "trend", "changes")

#: Rows of "what changed" on one slide (and one PDF page): more changes make more slides.
CHANGES_PER_SLIDE = 10

#: Default look-back of the "what changed" slide, in days before the as-of day.
DEFAULT_LOOKBACK_DAYS = 90


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, for an area slide the area id, for "what changed" its part (0-based) of ``parts``."""

    kind: str
    area_id: str | None = None
    part: int = 0
    parts: int = 1
    name: Term | None = None  # an area outside the plan's five (an imported one): its names from the layer

    def title(self, lang: str, since: date | None = None) -> str:
        if self.kind == "overview":
            return t("briefing.overview", lang)
        if self.kind == "area":
            return self.name.label(lang) if self.name else label(AREA_TERMS, self.area_id or "", lang)
        if self.kind == "portfolio":
            return t("briefing.portfolio", lang)
        if self.kind == "today":
            return t("briefing.today", lang)
        if self.kind == "trend":
            return t("briefing.trend", lang)
        if self.kind == "voice":  # citizens' voice: responses and answers (geo.voice_view)
            return t("voice.slide.title", lang)
        title = t("briefing.changes", lang, since=(since or date.min).isoformat())
        return title if self.parts == 1 else f"{title} ({self.part + 1}/{self.parts})"

    def rows(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of the "what changed" table this slide shows."""
        return table.iloc[self.part * CHANGES_PER_SLIDE : (self.part + 1) * CHANGES_PER_SLIDE]


def briefing_slides(
    area_ids: tuple[str, ...] = DEVELOPMENT_AREA_IDS, changes: int = 0, areas: pd.DataFrame | None = None
) -> tuple[Slide, ...]:
    """Overview, portfolio, what citizens can use today, one slide per development area (vocabulary order), the
    trend by quarter (the long view, just before the short one), citizens' voice, changes.

    ``changes`` (the number of status changes shown) sets how many "what changed"
    slides there are: :data:`CHANGES_PER_SLIDE` rows each, at least one. With ``areas`` (the store's areas
    layer) the area slides are its areas (the plan's in their order, then any other, named from the layer).
    """
    parts = max(1, -(-changes // CHANGES_PER_SLIDE))
    names: dict[str, Term | None] = dict(aggregate.area_terms(areas)) if areas is not None else dict.fromkeys(area_ids)
    return (
        Slide("overview"),
        Slide("portfolio"),
        Slide("today"),
        *(Slide("area", a, name=None if a in AREA_TERMS else names[a]) for a in names),
        Slide("trend"),
        Slide("voice"),
        *(Slide("changes", part=n, parts=parts) for n in range(parts)),
    )


def step_slide(index: int, step: int, count: int) -> int:
    """The slide ``step`` away from ``index``, held at the first and last slide (a clicker never wraps)."""
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    return min(max(index + step, 0), count - 1)


def default_since(as_of: date, days: int = DEFAULT_LOOKBACK_DAYS) -> date:
    """The default start of "what changed": ``days`` before ``as_of``."""
    return as_of - timedelta(days=days)


def last_data_update(services: pd.DataFrame) -> date | None:
    """The data's last change: the latest ``updated_at`` of the services (None when there is none)."""
    if services.empty or "updated_at" not in services:
        return None
    latest = pd.to_datetime(services["updated_at"]).max()
    return None if pd.isna(latest) else latest.date()


def period_text(start_year: float | None, end_year: float | None, lang: str = "ko") -> str:
    """'2026–2028년' (Korean) or '2026–2028'; a one-year service shows one year; '보도되지 않음' when no source gives it."""
    if start_year is None or end_year is None or pd.isna(start_year) or pd.isna(end_year):
        return t("field.not_reported", lang)
    years = f"{int(start_year)}" if int(start_year) == int(end_year) else f"{int(start_year)}–{int(end_year)}"
    return t("briefing.period_years", lang, years=years)


def services_table(services: pd.DataFrame, lang: str = "ko", area_id: str | None = None) -> pd.DataFrame:
    """The services as a labelled table for the briefing (staff audience: budget included).

    Returns
    -------
    pandas.DataFrame
        Columns 서비스, 대상지, 서비스 분야, 추진 상태, 기간, 사업비 (labels in ``lang``),
        sorted by area, then status order, then name.
    """
    rows = services if area_id is None else services.loc[services["area_id"] == area_id]
    status_rank = {s: i for i, s in enumerate(STATUS_TERMS)}
    area_rank = {a: i for i, a in enumerate(AREA_TERMS)}
    rows = rows.assign(
        _a=rows["area_id"].map(area_rank).fillna(len(area_rank)),
        _s=rows["status"].map(status_rank).fillna(len(status_rank)),
    ).sort_values(["_a", "_s", "name_ko"], kind="stable")
    names = localized_column(rows, "name", lang)
    unit = t("unit.100m_krw", lang)
    return pd.DataFrame(
        {
            t("briefing.service", lang): names.to_list(),
            t("field.area", lang): [label(AREA_SHORT, a, lang) for a in rows["area_id"]],
            t("field.domain", lang): [label(DOMAIN_TERMS, d, lang) for d in rows["domain"]],
            t("field.status", lang): [label(STATUS_TERMS, s, lang) for s in rows["status"]],
            t("briefing.period", lang): [
                period_text(a, b, lang) for a, b in zip(rows["start_year"], rows["end_year"], strict=True)
            ],
            f"{t('field.budget', lang)} ({unit})": [
                t("field.not_reported", lang) if pd.isna(v) else f"{float(v):,.1f}"
                for v in pd.to_numeric(rows["budget_krw_100m"])
            ],
        }
    )


def changes_table(
    status_history: pd.DataFrame, services: pd.DataFrame, since: date, as_of: date, lang: str = "ko"
) -> pd.DataFrame:
    """The status changes from ``since`` to ``as_of`` (both included) as a labelled table, oldest first.

    Returns
    -------
    pandas.DataFrame
        Columns 날짜, 서비스, 대상지, 변경 ('계획 → 설계'), 사유, in ``lang``.
    """
    changes = status_changes_between(status_history, since, as_of, services)
    names = localized_column(changes, "name", lang).replace("", None)
    arrows = [
        f"{label(STATUS_TERMS, old, lang) if isinstance(old, str) and old else '—'} → {label(STATUS_TERMS, new, lang)}"
        for old, new in zip(changes["old_status"], changes["new_status"], strict=True)
    ]
    return pd.DataFrame(
        {
            t("briefing.date", lang): [d.isoformat() for d in changes["changed_at"]],
            t("briefing.service", lang): names.fillna(changes["service_id"]).to_list(),
            t("field.area", lang): [
                label(AREA_SHORT, a, lang) if isinstance(a, str) else "" for a in changes["area_id"]
            ],
            t("briefing.change", lang): arrows,
            t("briefing.reason", lang): localized_column(changes, "reason", lang).to_list(),
        }
    )


# --- the dates in the briefing's address ------------------------------------------------------------------


@dataclass(frozen=True)
class BriefingDates:
    """The as-of day and the start of "what changed", and a note for each date of the address not used."""

    as_of: date
    since: date
    notes: tuple[str, ...] = ()
    # The same, for the page's link notice (``ui.links.link_notice``), in both languages.
    ignored: tuple[IgnoredParameter, ...] = ()


def _iso_day(value: object, today: date) -> date | None:
    """``value`` as a day when it is exactly 'YYYY-MM-DD' and a real date (``geo.links.parse_day``); else None."""
    if isinstance(value, list):
        value = value[-1] if value else None
    return parse_day(value.strip() if isinstance(value, str) else value, today)


def briefing_dates(params: Mapping[str, object], today: date, lang: str = "ko") -> BriefingDates:
    """The days of ``/briefing?as_of=2025-01-01&since=2024-10-01``, read strictly.

    ``as_of`` defaults to ``today``, ``since`` to :func:`default_since` of the
    as-of day. A value that is not an ISO day ('YYYY-MM-DD'), an as-of day
    after ``today`` or a start after the as-of day is not used: its default is,
    and a note in ``lang`` says so (never an error page).
    """
    notes: list[str] = []
    ignored: list[IgnoredParameter] = []

    def refuse(name: str, raw: object, key: str, default: date) -> None:
        notes.append(t(key, lang, value=str(raw)[:40], default=default.isoformat()))
        why = {code: t(f"{key}_reason", code, default=default.isoformat()) for code in ("ko", "en")}
        ignored.append(day_ignored(name, str(raw), why["ko"], why["en"]))

    as_of, raw_as_of = today, params.get("as_of")
    if raw_as_of not in (None, "", []):
        parsed = _iso_day(raw_as_of, today)
        if parsed is None or parsed > today:
            refuse("as_of", raw_as_of, "briefing.bad_as_of", today)
        else:
            as_of = parsed
    since, raw_since = default_since(as_of), params.get("since")
    if raw_since not in (None, "", []):
        parsed = _iso_day(raw_since, today)
        if parsed is None or parsed > as_of:
            refuse("since", raw_since, "briefing.bad_since", since)
        else:
            since = parsed
    return BriefingDates(as_of, since, tuple(notes), tuple(ignored))


# --- the slides' HTML (every text from data passes escape_html) ---------------------------------------------


def _lang_class(lang: str) -> str:
    """'en' or 'ko': the lists' badge column is wider for English status words ("Operating")."""
    return "en" if lang == "en" else "ko"


def status_badge_html(status: str, lang: str = "ko") -> str:
    """A status as its shape in its colour and its word: never colour alone."""
    term = STATUS_TERMS.get(status)
    if term is None:
        return f'<span class="bf-status-word">{escape_html(status)}</span>'
    glyph = SHAPE_GLYPHS.get(term.shape, "●")
    return (
        f'<span class="bf-glyph" style="color:{term.colour}" aria-hidden="true">{glyph}</span>'
        f'<span class="bf-status-word">{escape_html(term.label(lang))}</span>'
    )


def status_summary_html(services: pd.DataFrame, lang: str = "ko") -> str:
    """'● 계획 13 · ▲ 구축 1 · ★ 운영 11': the statuses' counts, as the portfolio's legend."""
    unit = t("metric.count_unit", lang)
    parts = [
        f'<span class="bf-count">{status_badge_html(status, lang)} {n:,}{escape_html(unit)}</span>'
        for status, n in status_counts(services).items()
    ]
    return f'<div class="bf-summary">{" ".join(parts)}</div>'


def _entry_html(entry: PortfolioEntry, lang: str, part: bool = False) -> str:
    domain = f' <span class="bf-tag">· {escape_html(label(DOMAIN_TERMS, entry.domain, lang))}</span>' if part else ""
    programme = (
        f' <span class="bf-tag">({escape_html(t("briefing.programme_parts", lang, n=len(entry.parts)))})</span>'
        if entry.parts
        else ""
    )
    line = (
        f'<span class="bf-badge">{status_badge_html(entry.status, lang)}</span>'
        f'<span class="bf-name">{escape_html(entry.name)}{programme}{domain}</span>'
    )
    parts = "".join(_entry_html(p, lang, part=True) for p in entry.parts)
    nested = f'<ul class="bf-parts">{parts}</ul>' if parts else ""
    return f'<li data-service="{escape_html(entry.service_id)}">{line}{nested}</li>'


def portfolio_html(groups: tuple[PortfolioGroup, ...], lang: str = "ko") -> str:
    """The portfolio slide's body: one block per domain (its colour, name and count), each project with status."""
    unit = t("metric.count_unit", lang)
    blocks = []
    for group in groups:
        colour = DOMAIN_TERMS[group.domain].colour if group.domain in DOMAIN_TERMS else "#666666"
        heading = (
            f'<div class="bf-group-title"><span class="bf-swatch" style="background:{colour}"></span>'
            f"{escape_html(label(DOMAIN_TERMS, group.domain, lang))} · {group.projects:,}{escape_html(unit)}</div>"
        )
        items = "".join(_entry_html(entry, lang) for entry in group.entries)
        blocks.append(f'<section class="bf-group">{heading}<ul>{items}</ul></section>')
    return f'<div class="bf-portfolio bf-{_lang_class(lang)}">{"".join(blocks)}</div>'


def citizens_html(items: tuple[CitizenService, ...], lang: str = "ko") -> str:
    """The "what citizens can use today" slide's body: one card per service (name, what it is, where)."""
    where = escape_html(t("briefing.where", lang))
    cards = "".join(
        f'<div class="bf-card" data-service="{escape_html(item.service_id)}">'
        f'<div class="bf-card-name">{status_badge_html(ServiceStatus.OPERATING, lang)} {escape_html(item.name)}</div>'
        f'<div class="bf-card-text">{escape_html(item.description)}</div>'
        + (f'<div class="bf-card-where">{where}: {escape_html(item.where)}</div>' if item.where else "")
        + "</div>"
        for item in items
    )
    return f'<div class="bf-cards">{cards}</div>'


def area_projects_html(projects: pd.DataFrame, lang: str = "ko") -> str:
    """The projects inside an area, each with its status, as a short list."""
    names = localized_column(projects, "name", lang)
    rows = "".join(
        f'<li data-service="{escape_html(sid)}"><span class="bf-badge">{status_badge_html(status, lang)}</span>'
        f'<span class="bf-name">{escape_html(name)}</span></li>'
        for sid, status, name in zip(projects["service_id"], projects["status"], names, strict=True)
    )
    return f'<ul class="bf-area-projects bf-{_lang_class(lang)}">{rows}</ul>'


def counts_table_html(grid: pd.DataFrame, lang: str = "ko") -> str:
    """Services per domain and status (:func:`domain_status_counts`) as a table, for a city-scale portfolio."""
    head = "".join(f"<th>{status_badge_html(s, lang)}</th>" for s in grid.columns)
    total = t("chart.total", lang)
    rows = "".join(
        f"<tr><th>{escape_html(label(DOMAIN_TERMS, domain, lang))}</th>"
        + "".join(f"<td>{int(v):,}</td>" for v in grid.loc[domain])
        + f"<td><b>{int(grid.loc[domain].sum()):,}</b></td></tr>"
        for domain in grid.index
    )
    return (
        f'<table class="bf-counts"><thead><tr><th>{escape_html(t("field.domain", lang))}</th>{head}'
        f"<th>{escape_html(total)}</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def near_html(near: tuple[NearProject, ...], lang: str = "ko") -> str:
    """The nearest projects of an empty area as a list: status, name and distance (or 'inside the outline')."""
    rows = []
    for p in near:
        approx = t("briefing.near_dong", lang) if p.approximate else ""
        where = (
            t("briefing.near_inside_short", lang, approx=approx)
            if p.distance_km < 0.05
            else t("briefing.near_km", lang, km=f"{p.distance_km:,.1f}", approx=approx)
        )
        rows.append(
            f'<li data-service="{escape_html(p.service_id)}"><span class="bf-badge">'
            f'{status_badge_html(p.status, lang)}</span><span class="bf-name">{escape_html(p.name)} '
            f'<span class="bf-tag">{escape_html(where)}</span></span></li>'
        )
    return f'<ul class="bf-area-projects bf-{_lang_class(lang)}">{"".join(rows)}</ul>'
