"""Then and now (그때와 지금) on the kiosk: an earlier day beside today, in plain words and a small map.

The comparison reads the reported history only, with the as-of rule of ``geo.analysis.history`` (a project exists
from its first reported event or report on, with the status it had that day). It counts the projects the
kiosk shows (cancelled ones never reach it) by status then and today, and names the projects first reported
since. It judges nothing: no source gives due dates, so nothing is called late or on schedule.

Which earlier day: the month the city commissioned its smart city plan (the plan's first milestone,
``data/plan.yaml``), because "since the city began its plan" is a span a visitor can place, and it is the
plan's own date rather than one we pick. A month-only milestone is read on the month's last day and shown as
a month. When the plan has no such milestone, or no project was reported by then (nothing to compare) or
none after it (nothing changed), the first year with a reported project is used instead, read on its last
day. The screen names the day and why it was chosen.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import folium
import pandas as pd

from geo.analysis.history import first_known, services_as_of
from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.kiosk.screens import CITIZEN_ORDER, kiosk_map_services
from geo.loaders import DashboardData
from geo.mapping import MapOptions, build_map
from geo.mapping.canvas import needs_canvas_map
from geo.mapping.counts import build_count_map
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import KIOSK_STATUSES, SHAPE_GLYPHS, STATUS_TERMS, label

#: New projects named on the screen at most (the rest are counted): what fits beside the map at 1920 × 1080.
NAMES_MAX = 12


@dataclass(frozen=True)
class ThenDay:
    """The earlier day of the comparison, how to name it (a month or a year) and why it was chosen."""

    day: date
    month_only: bool  # shown as "2024년 5월" (a milestone given as a month) or as "2010년"
    reason: str  # "plan" (the plan was commissioned) or "first" (the first year with a reported project)

    def text(self, lang: str) -> str:
        """'2024년 5월' / 'May 2024', or '2010년' / '2010'."""
        if self.month_only:
            month = calendar.month_name[self.day.month] if lang == "en" else str(self.day.month)
            return t("kiosk.then_month", lang, year=self.day.year, month=month)
        return t("trend.year", lang, year=self.day.year)


@dataclass(frozen=True)
class ThenAndNow:
    """Projects the kiosk shows, by status, on the earlier day and today, and the names of those new since."""

    then: ThenDay
    today: date
    then_counts: dict[str, int]
    now_counts: dict[str, int]
    new_names: tuple[str, ...]

    @property
    def then_total(self) -> int:
        return sum(self.then_counts.values())

    @property
    def now_total(self) -> int:
        return sum(self.now_counts.values())


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _known_days(services: pd.DataFrame, status_history: pd.DataFrame) -> pd.Series:
    """The day each project the kiosk shows was first reported (NaT: no date, counted at every day)."""
    days = pd.to_datetime(first_known(services, status_history), errors="coerce")
    return days.loc[services["status"].isin(KIOSK_STATUSES).to_numpy()]


def then_day(plan: Mapping[str, object], services: pd.DataFrame, status_history: pd.DataFrame) -> ThenDay | None:
    """The earlier day to compare with today (the module docstring says which and why); None when none fits."""
    known = _known_days(services, status_history).dropna()
    if known.empty:
        return None
    milestones = plan.get("milestones") or []
    first = milestones[0] if isinstance(milestones, Sequence) and milestones else None
    raw = str(first.get("date", "")) if isinstance(first, Mapping) else ""
    try:
        year, month = int(raw[:4]), int(raw[5:7])
        commissioned = _month_end(year, month) if len(raw) == 7 else date.fromisoformat(raw)
    except ValueError:
        commissioned = None
    if commissioned is not None:
        stamp = pd.Timestamp(commissioned)
        if (known <= stamp).any() and (known > stamp).any():
            return ThenDay(commissioned, len(raw) == 7, "plan")
    year = int(known.min().year)
    end = date(year, 12, 31)
    if (known > pd.Timestamp(end)).any():
        return ThenDay(end, False, "first")
    return None


def _counts(services: pd.DataFrame) -> dict[str, int]:
    """Projects by status, in the order a citizen reads them (operating first), statuses with none left out."""
    counts = services["status"].value_counts()
    return {status: int(counts[status]) for status in CITIZEN_ORDER if counts.get(status, 0)}


def then_and_now(
    services: pd.DataFrame,
    status_history: pd.DataFrame,
    plan: Mapping[str, object],
    today: date,
    lang: str = "ko",
) -> ThenAndNow | None:
    """The comparison for the kiosk screen, or None when no earlier day fits (:func:`then_day`)."""
    then = then_day(plan, services, status_history)
    if then is None or then.day >= today:
        return None
    shown = services.loc[services["status"].isin(KIOSK_STATUSES)]
    before = services_as_of(services, status_history, then.day)
    now = services_as_of(services, status_history, today)
    before = before.loc[before["status"].isin(KIOSK_STATUSES)]
    now = now.loc[now["status"].isin(KIOSK_STATUSES)]
    known = pd.to_datetime(first_known(shown, status_history), errors="coerce")
    new = shown.loc[(known > pd.Timestamp(then.day)).to_numpy() & (known <= pd.Timestamp(today)).to_numpy()]
    new = new.assign(_known=known.loc[new.index]).sort_values("_known", kind="stable")
    return ThenAndNow(
        then=then,
        today=today,
        then_counts=_counts(before),
        now_counts=_counts(now),
        new_names=tuple(localized_column(new, "name", lang)),
    )


def _status_words(counts: dict[str, int], lang: str) -> str:
    """'운영 8건 · 계획 2건', each status with its symbol in its colour (never colour alone)."""
    unit = t("metric.count_unit", lang)
    parts = []
    for status, n in counts.items():
        term = STATUS_TERMS[status]
        glyph = f'<span class="kiosk-glyph" style="color:{term.colour}">{SHAPE_GLYPHS[term.shape]}</span>'
        parts.append(f"{glyph} {escape_html(label(STATUS_TERMS, status, lang))} {n:,}{escape_html(unit)}")
    return " · ".join(parts) or escape_html(t("kiosk.then_none", lang))


def then_now_html(result: ThenAndNow | None, lang: str) -> str:
    """The screen's text: then, today, the projects reported since (named, the rest counted), and the basis."""
    if result is None:
        return f'<div class="kiosk-facts">{escape_html(t("kiosk.then_unavailable", lang))}</div>'
    unit = t("metric.count_unit", lang)
    why = t(f"kiosk.then_reason_{result.then.reason}", lang)
    today = t("kiosk.then_today", lang, year=result.today.year)
    rows = [
        (f"{result.then.text(lang)} · {why}", result.then_total, result.then_counts),
        (today, result.now_total, result.now_counts),
    ]
    blocks = "".join(
        f'<div class="kiosk-then-row"><div class="kiosk-kind">{escape_html(when)}</div>'
        f'<div class="kiosk-then-total">{escape_html(t("kiosk.then_projects", lang, n=f"{total:,}"))}</div>'
        f'<div class="kiosk-facts">{_status_words(counts, lang)}</div></div>'
        for when, total, counts in rows
    )
    names = result.new_names[:NAMES_MAX]
    more = len(result.new_names) - len(names)
    new_heading = t("kiosk.then_new", lang, n=f"{len(result.new_names):,}", when=result.then.text(lang))
    chips = "".join(f'<span class="kiosk-then-name">{escape_html(name)}</span>' for name in names)
    if more:
        chips += f'<span class="kiosk-then-more">{escape_html(t("kiosk.then_more", lang, n=f"{more:,}"))}</span>'
    new_html = (
        f'<div class="kiosk-kind">{escape_html(new_heading)}</div><div class="kiosk-then-names">{chips}</div>'
        if result.new_names
        else f'<div class="kiosk-kind">{escape_html(t("kiosk.then_no_new", lang))}</div>'
    )
    basis = t("kiosk.then_basis", lang, unit=unit)
    blocks = f'<div class="kiosk-then-pair">{blocks}</div>'  # side by side: the screen has no height to spare
    return f'<div class="kiosk-then">{blocks}{new_html}<div class="kiosk-source">{escape_html(basis)}</div></div>'


def build_then_now_map(data: DashboardData, layers: Sequence[ReferenceLayer], lang: str, height_px: int) -> folium.Map:
    """The screen's small map: the projects first reported since the earlier day (all the kiosk shows when
    there is no earlier day), with the stations and parks marked for the kiosk, for orientation."""
    then = then_day(data.plan, data.services, data.status_history)
    within = None
    if then is not None:
        known = pd.to_datetime(first_known(data.services, data.status_history), errors="coerce")
        within = pd.Series((known > pd.Timestamp(then.day)).to_numpy(), index=data.services.index)
    services = kiosk_map_services(data.services, within=within)
    options = MapOptions(
        lang=lang, audience="kiosk", show_dongs=False, height_px=height_px, legend_statuses=KIOSK_STATUSES
    )
    draw = build_count_map if needs_canvas_map(services) else build_map
    return draw(
        data.boundaries, data.areas, services, options, reference_layers=[layer for layer in layers if layer.kiosk]
    )
