"""The executive briefing (브리핑): which slides there are, in what order, and what each one says.

A briefing is a fixed sequence of slides for a projector: the overview with
the headline numbers, one slide per development area (map, key facts with
their source, two charts), services by domain, and what changed since a
chosen day. Every slide is shown "as of" a day (``geo.history``). This module
holds the slide list, navigation, the tables the slides and the PDF show
(``geo.briefing_pdf``) and the small keyboard script; the page only places
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from geo.history import status_changes_between
from geo.i18n import localized, localized_column, t
from geo.spatial import area_rows
from geo.vocab import AREA_SHORT, AREA_TERMS, DEVELOPMENT_AREA_IDS, DOMAIN_TERMS, STATUS_TERMS, label

SLIDE_KINDS: tuple[str, ...] = ("overview", "area", "domains", "changes")

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

    def title(self, lang: str, since: date | None = None) -> str:
        if self.kind == "overview":
            return t("briefing.overview", lang)
        if self.kind == "area":
            return label(AREA_TERMS, self.area_id or "", lang)
        if self.kind == "domains":
            return t("briefing.domains", lang)
        title = t("briefing.changes", lang, since=(since or date.min).isoformat())
        return title if self.parts == 1 else f"{title} ({self.part + 1}/{self.parts})"

    def rows(self, table: pd.DataFrame) -> pd.DataFrame:
        """The rows of the "what changed" table this slide shows."""
        return table.iloc[self.part * CHANGES_PER_SLIDE : (self.part + 1) * CHANGES_PER_SLIDE]


def briefing_slides(area_ids: tuple[str, ...] = DEVELOPMENT_AREA_IDS, changes: int = 0) -> tuple[Slide, ...]:
    """Overview, one slide per development area (in vocabulary order), services by domain, changes.

    ``changes`` (the number of status changes shown) sets how many "what changed"
    slides there are: :data:`CHANGES_PER_SLIDE` rows each, at least one.
    """
    parts = max(1, -(-changes // CHANGES_PER_SLIDE))
    return (
        Slide("overview"),
        *(Slide("area", a) for a in area_ids),
        Slide("domains"),
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
    """The data's last update: the latest ``updated_at`` of the services (None when there is none)."""
    if services.empty or "updated_at" not in services:
        return None
    latest = pd.to_datetime(services["updated_at"]).max()
    return None if pd.isna(latest) else latest.date()


def period_text(start_year: float | None, end_year: float | None, lang: str = "ko") -> str:
    """'2026–2028년' (Korean) or '2026–2028'; a one-year service shows one year; '보도되지 않음' when no source gives it."""
    if start_year is None or end_year is None or pd.isna(start_year) or pd.isna(end_year):
        return t("field.not_reported", lang)
    years = f"{int(start_year)}" if int(start_year) == int(end_year) else f"{int(start_year)}–{int(end_year)}"
    return f"{years}년" if lang == "ko" else years


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def area_facts(areas: pd.DataFrame, area_id: str, lang: str = "ko") -> tuple[list[Fact], str]:
    """The key facts of one area as (label, value) rows, and their source.

    Facts come from the areas data (``facts_ko``/``facts_en``, ``location_ko``,
    ``reported_area_m2``, ``homes``); the source is the record's ``source``.

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
    facts.append(Fact(t("briefing.facts", lang), localized(area, "facts", lang)))
    return [f for f in facts if f.value], localized(area, "source", lang)


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
