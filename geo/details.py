"""What the details panel beside the map says about a clicked service or area, escaped for HTML.

Kiosk screens get the public fields only; staff screens get all of them. A
reported project also shows its source (linked), the date of the report, how its
location was placed, "보도되지 않음" for what no source gives, and every fact on which
its sources disagree with each value and its source (``conflicts``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.analysis.stats import CitywideProfile, format_budget
from geo.html import escape_html
from geo.i18n import localized, localized_column, t
from geo.model.vocab import (
    AREA_TERMS,
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    FUNDING_TERMS,
    LOCATION_ACCURACY_TERMS,
    PHASE_TERMS,
    STATUS_TERMS,
    Term,
    label,
)

PUBLIC_FIELDS = ("field.area", "field.status", "field.period", "field.description", "field.source")


@dataclass(frozen=True)
class Link:
    """A value shown as a link (a source's address); only http(s) addresses become links."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class ConflictValue:
    value_ko: str
    value_en: str
    source: str
    source_en: str = ""


@dataclass(frozen=True)
class Conflict:
    """One fact on which sources disagree, with every value and its source."""

    field_ko: str
    field_en: str
    values: tuple[ConflictValue, ...]

    def text(self, lang: str = "ko") -> str:
        values = " / ".join(
            f"{localized(vars(v), 'value', lang)} ({localized(vars(v), 'source', lang)})" for v in self.values
        )
        return t("field.conflict_row", lang, field=localized(vars(self), "field", lang), values=values)


def conflicts(record: Mapping[str, Any]) -> list[Conflict]:
    """The facts of a service or area on which sources disagree (its ``conflicts`` JSON), in order.

    A record without the column, or with it empty, has none. Malformed JSON is a
    data error the loader should have caught, so it raises ``ValueError``.
    """
    raw = record.get("conflicts")
    if not isinstance(raw, str) or not raw.strip():
        return []
    try:
        items = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"conflicts is not valid JSON: {exc}") from exc
    return [
        Conflict(
            str(item["field_ko"]),
            str(item.get("field_en") or item["field_ko"]),
            tuple(
                ConflictValue(
                    str(v["value_ko"]),
                    str(v.get("value_en") or v["value_ko"]),
                    str(v["source"]),
                    str(v.get("source_en") or ""),
                )
                for v in item["values"]
            ),
        )
        for item in items
    ]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (isinstance(value, str) and not value)


def _period(service: Mapping[str, Any], lang: str) -> str:
    start: Any = service.get("start_year")  # a year, NaN or None: _missing() decides
    end: Any = service.get("end_year")
    if _missing(start) and _missing(end):
        return t("field.not_reported", lang)
    if _missing(start) or _missing(end) or int(start) == int(end):
        return str(int(end if _missing(start) else start))
    return f"{int(start)}–{int(end)}"


def _budget(service: Mapping[str, Any], lang: str) -> str:
    note = localized(service, "budget_note", lang)
    amount: Any = service.get("budget_krw_100m")
    if _missing(amount):
        return note or t("field.not_reported", lang)
    funding: Any = service.get("funding")  # an id, NaN or None: _missing() decides
    text = format_budget(float(amount), lang) + (
        "" if _missing(funding) else f" ({label(FUNDING_TERMS, funding, lang)})"
    )
    return f"{text} · {note}" if note else text


def _or_not_reported(value: object, lang: str) -> str:
    return t("field.not_reported", lang) if _missing(value) else str(value)


def service_detail_rows(
    service: Mapping[str, Any],
    lang: str = "ko",
    public_only: bool = False,
    dong_names_en: Mapping[str, str] | None = None,
) -> list[tuple[str, object]]:
    """(label, value) pairs describing one service; a value is text or a ``Link`` (not yet escaped).

    For a reported (real) record every field no source gives reads "보도되지 않음"; a
    sample or an imported record without provenance columns keeps the old rows.
    English names the 구 and, from ``dong_names_en`` (``geo.places.dong_names_en``), the 동.
    """
    reported = bool(service.get("source")) and not service.get("is_sample")
    status = label(STATUS_TERMS, service["status"], lang)
    if reported and service.get("reported_on"):
        status = t("field.status_as_of", lang, status=status, date=str(service["reported_on"]))
    direction: Any = service.get("direction")
    phase: Any = service.get("phase")
    location = _gu_dong(service, lang, dong_names_en or {})
    rows: list[tuple[str, object]] = [
        (t("field.area", lang), label(AREA_TERMS, service["area_id"], lang)),
        (t("field.status", lang), status),
        (t("field.status_reported", lang), localized(service, "status_reported", lang)),
        (t("field.domain", lang), label(DOMAIN_TERMS, service["domain"], lang)),
        (t("field.domain_reported", lang), localized(service, "domain_reported", lang)),
        (t("home.directions", lang), "" if _missing(direction) else label(DIRECTION_TERMS, direction, lang)),
        (t("field.phase", lang), "" if _missing(phase) else label(PHASE_TERMS, phase, lang)),
        (t("field.period", lang), _period(service, lang)),
        (t("field.budget", lang), _budget(service, lang)),
        (t("field.department", lang), _or_not_reported(localized(service, "department", lang) or None, lang)),
        (t("field.location_reported", lang), localized(service, "location", lang)),
        (t("field.location", lang), location),
        (
            t("field.location_accuracy", lang),
            label(LOCATION_ACCURACY_TERMS, service["location_accuracy"], lang)
            if service.get("location_accuracy")
            else "",
        ),
        (t("field.description", lang), localized(service, "description_public", lang)),
        *((t("field.conflicts", lang), c.text(lang)) for c in conflicts(service)),
        (t("field.source", lang), _source(service, lang)),
        (t("field.sources_other", lang), localized(service, "sources_other", lang)),
        (t("field.reported_on", lang), str(service.get("reported_on") or "")),
        (t("field.updated", lang), "" if reported else str(service.get("updated_at") or "")),
    ]
    if public_only:
        public_labels = {t(key, lang) for key in PUBLIC_FIELDS}
        rows = [row for row in rows if row[0] in public_labels]
    return [row for row in rows if str(row[1])]


def _gu_dong(service: Mapping[str, Any], lang: str, dong_names_en: Mapping[str, str]) -> str:
    """'단원구 원곡동', or in English 'Wongok-dong, Danwon-gu' (a 동 without an English name as it is)."""
    gu, dong = localized(service, "gu", lang), str(service.get("dong") or "")
    if lang != "en":
        return " ".join(p for p in (gu, dong) if p)
    return ", ".join(p for p in (dong_names_en.get(dong, dong), gu) if p)


def _source(record: Mapping[str, Any], lang: str) -> object:
    text = localized(record, "source", lang)
    url = str(record.get("source_url") or "")
    return Link(text, url) if text and url.startswith(("https://", "http://")) else text


def area_detail_rows(
    area: Mapping[str, Any], services_in_area: pd.DataFrame, lang: str = "ko"
) -> list[tuple[str, object]]:
    """(label, value) pairs for a development area: its facts with their source and its services."""
    area_m2 = float(area["area_m2"])
    counts = services_in_area["status"].value_counts()
    status_text = ", ".join(
        f"{label(STATUS_TERMS, status, lang)} {int(counts[status])}" for status in STATUS_TERMS if status in counts
    )
    return [
        (t("field.kind", lang), localized(area, "kind", lang)),
        (t("field.location", lang), localized(area, "location", lang)),
        (t("field.area_m2", lang), f"{area_m2:,.0f} ㎡ ({area_m2 / 10_000:,.1f} ㏊) · {t('field.map_outline', lang)}"),
        (t("field.facts", lang), localized(area, "facts", lang)),
        *((t("field.conflicts", lang), c.text(lang)) for c in conflicts(area)),
        (t("field.source", lang), _source(area, lang)),
        (t("field.count", lang), f"{len(services_in_area)} ({status_text})" if status_text else "0"),
    ]


def citywide_detail_rows(profile: CitywideProfile, lang: str = "ko") -> list[tuple[str, object]]:
    """(label, value) pairs for the 시 전역 group: what it is, then its figures as counted in ``profile``."""
    unit = t("metric.count_unit", lang)

    def counts(items: dict[str, int], terms: Mapping[str, Term] | None = None) -> str:
        # " · " between items: English labels have commas of their own ("Environment, energy & water").
        # A no-break space keeps each count with its label when the line wraps.
        return " · ".join(f"{label(terms, key, lang) if terms else key}\u00a0{n}{unit}" for key, n in items.items())

    where = {t("districts.citywide_no_place", lang): profile.no_place} if profile.no_place else {}
    where |= {localized({"gu": gu}, "gu", lang): n for gu, n in profile.by_gu.items()}
    rows: list[tuple[str, object]] = [
        (
            t("districts.citywide_what", lang),
            t("districts.city_what_text" if profile.whole_city else "districts.citywide_what_text", lang),
        ),
        (t("field.count", lang), t("districts.citywide_count", lang, n=profile.services, total=profile.all_services)),
    ]
    if profile.services:
        rows += [
            (t("districts.citywide_where", lang), counts(where)),
            (t("field.status", lang), counts(profile.by_status, STATUS_TERMS)),
            (t("field.domain", lang), counts(profile.by_domain, DOMAIN_TERMS)),
            (t("field.budget", lang), profile.budget.coverage(lang)),
        ]
    if profile.first_report and profile.last_report:
        first, last = profile.first_report.isoformat(), profile.last_report.isoformat()
        rows.append((t("field.source", lang), t("districts.citywide_reports", lang, first=first, last=last)))
    return rows


def _cell(value: object) -> str:
    if isinstance(value, Link):
        return (
            f"<a href='{escape_html(value.url)}' target='_blank' rel='noopener noreferrer'>"
            f"{escape_html(value.text)}</a>"
        )
    return escape_html(str(value))


def detail_table_html(title: str, rows: list[tuple[str, object]]) -> str:
    """A small two-column table; every label and value is escaped here (a source's link included).

    Korean values wrap between words, not inside one (``단원구 14`` / ``건``); a word wider than the
    column still breaks rather than running out of it. Labels wrap too, in at most about a third of the
    width: an unwrapped English label ("How the location was placed") took 211 of a 1366 px screen's
    210 px panel and left its value 14 px, one letter a line.
    """
    body = "".join(
        f"<tr><th style='text-align:left;padding:4px 10px 4px 0;vertical-align:top;width:34%'>"
        f"{escape_html(name)}</th><td style='padding:4px 0'>{_cell(value)}</td></tr>"
        for name, value in rows
    )
    return (
        f"<div class='detail-panel'><h4 style='margin:0 0 6px'>{escape_html(title)}</h4>"
        f"<table style='word-break:keep-all;overflow-wrap:anywhere'>{body}</table></div>"
    )


def service_history_rows(
    status_history: pd.DataFrame, service_id: str, lang: str = "ko", service: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """One service's status changes, newest first, with Korean (or English) headers.

    A reported event was made by the report that gave it (``changed_by`` is one of the service's
    sources, ``source`` or an entry of ``sources_other``): with the ``service`` given, English names
    that report in English. A staff member's name stays as it is.
    """
    rows = status_history.loc[status_history["service_id"] == service_id].sort_values("changed_at", ascending=False)
    by = rows["changed_by"]
    if service is not None:
        by = by.replace(_reports_in(service, lang))
    return pd.DataFrame(
        {
            t("history.date", lang): rows["changed_at"].astype(str),
            t("history.change", lang): [
                f"{label(STATUS_TERMS, old, lang) if old else '—'} → {label(STATUS_TERMS, new, lang)}"
                for old, new in zip(rows["old_status"], rows["new_status"], strict=True)
            ],
            t("history.by", lang): by,
            t("history.reason", lang): localized_column(rows, "reason", lang),
        }
    )


def _reports_in(service: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Each report a service cites (``outlet (date)``) and how it is named in ``lang``.

    ``sources_other`` lists reports separated by "; ", each perhaps followed by ", <address>"; its English
    (``sources_other_en``) lists the same reports in the same order. Where the English is missing or does
    not line up, a report keeps its Korean name.
    """
    names: dict[str, str] = {}
    if not _missing(service.get("source")):
        names[str(service["source"])] = localized(service, "source", lang)
    if _missing(service.get("sources_other")):
        return names
    korean = str(service["sources_other"]).split("; ")
    shown = localized(service, "sources_other", lang).split("; ")
    if len(shown) == len(korean):
        for report, name in zip(korean, shown, strict=True):
            if report:
                names.setdefault(report.split(", http")[0], name.split(", http")[0])
    return names
