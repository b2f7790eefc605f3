"""What the details panel beside the map says about a clicked service or area, escaped for HTML.

Kiosk screens get the public fields only; staff screens get all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.html import escape_html
from geo.i18n import t
from geo.stats import format_budget
from geo.vocab import AREA_TERMS, DIRECTION_TERMS, DOMAIN_TERMS, PHASE_TERMS, STATUS_TERMS, label

PUBLIC_FIELDS = ("field.area", "field.status", "field.period", "field.description")


def service_detail_rows(service: Mapping, lang: str = "ko", public_only: bool = False) -> list[tuple[str, str]]:
    """(label, value) pairs describing one service, as plain text (not yet escaped)."""
    rows = [
        (t("field.area", lang), label(AREA_TERMS, service["area_id"], lang)),
        (t("field.status", lang), label(STATUS_TERMS, service["status"], lang)),
        (t("field.domain", lang), label(DOMAIN_TERMS, service["domain"], lang)),
        (t("home.directions", lang), label(DIRECTION_TERMS, service["direction"], lang)),
        (t("field.phase", lang), label(PHASE_TERMS, service["phase"], lang)),
        (t("field.period", lang), f"{int(service['start_year'])}–{int(service['end_year'])}"),
        (t("field.budget", lang), f"{format_budget(float(service['budget_krw_100m']), lang)} ({service['funding']})"),
        (t("field.department", lang), str(service["department"])),
        (t("field.location", lang), " ".join(p for p in (service.get("gu"), service.get("dong")) if p)),
        (t("field.description", lang), str(service.get("description_public") or "")),
        (t("field.updated", lang), str(service.get("updated_at") or "")),
    ]
    if public_only:
        public_labels = {t(key, lang) for key in PUBLIC_FIELDS}
        rows = [row for row in rows if row[0] in public_labels]
    return [row for row in rows if row[1]]


def area_detail_rows(area: Mapping, services_in_area: pd.DataFrame, lang: str = "ko") -> list[tuple[str, str]]:
    """(label, value) pairs for a development area: its facts with their source and its services."""
    area_m2 = float(area["area_m2"])
    facts = area.get("facts_en") if lang == "en" and area.get("facts_en") else area.get("facts_ko")
    counts = services_in_area["status"].value_counts()
    status_text = ", ".join(
        f"{label(STATUS_TERMS, status, lang)} {int(counts[status])}" for status in STATUS_TERMS if status in counts
    )
    return [
        (t("field.kind", lang), str(area.get("kind_ko") or "")),
        (t("field.location", lang), str(area.get("location_ko") or "")),
        (t("field.area_m2", lang), f"{area_m2:,.0f} ㎡ ({area_m2 / 10_000:,.1f} ㏊) · {t('field.map_outline', lang)}"),
        (t("field.facts", lang), str(facts or "")),
        (t("field.source", lang), str(area.get("source") or "")),
        (t("field.count", lang), f"{len(services_in_area)} ({status_text})" if status_text else "0"),
    ]


def detail_table_html(title: str, rows: list[tuple[str, str]]) -> str:
    """A small two-column table; every label and value is escaped here."""
    body = "".join(
        f"<tr><th style='text-align:left;padding:4px 10px 4px 0;vertical-align:top;white-space:nowrap'>"
        f"{escape_html(name)}</th><td style='padding:4px 0'>{escape_html(value)}</td></tr>"
        for name, value in rows
    )
    return f"<div class='detail-panel'><h4 style='margin:0 0 6px'>{escape_html(title)}</h4><table>{body}</table></div>"


def service_history_rows(status_history: pd.DataFrame, service_id: str, lang: str = "ko") -> pd.DataFrame:
    """One service's status changes, newest first, with Korean (or English) headers."""
    rows = status_history.loc[status_history["service_id"] == service_id].sort_values("changed_at", ascending=False)
    return pd.DataFrame(
        {
            t("history.date", lang): rows["changed_at"].astype(str),
            t("history.change", lang): [
                f"{label(STATUS_TERMS, old, lang) if old else '—'} → {label(STATUS_TERMS, new, lang)}"
                for old, new in zip(rows["old_status"], rows["new_status"])
            ],
            t("history.by", lang): rows["changed_by"],
            t("history.reason", lang): rows["reason"].fillna(""),
        }
    )
