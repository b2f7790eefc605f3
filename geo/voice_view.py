"""Citizens' voice as staff see it: the moderation table, counts per project, and exports with context.

No Streamlit. Every text from visitors stays data: tables go to ``st.dataframe``
(which shows text as text), and HTML built here escapes it (``geo.html``).
Counts are responses, never a vote or a poll; every label says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.analysis.exports import ExportContext
from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.voice import reason_label


def project_names(services: pd.DataFrame, lang: str = "ko") -> dict[str, str]:
    """Each project's name in ``lang``, by id."""
    if services.empty:
        return {}
    return dict(zip(services["service_id"], localized_column(services, "name", lang), strict=True))


def _project_label(project_id: str, names: dict[str, str]) -> str:
    name = names.get(project_id)
    return f"{name} ({project_id})" if name else project_id


def opinions_table(opinions: pd.DataFrame, services: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """The opinions with headers, project names, reasons, statuses and channels in ``lang``."""
    names = project_names(services, lang)
    return pd.DataFrame(
        {
            "ID": opinions["opinion_id"].astype("int64"),
            t("voice.col.project", lang): [_project_label(p, names) for p in opinions["project_id"]],
            t("voice.col.reason", lang): [reason_label(r, lang) for r in opinions["reason"]],
            t("voice.col.text", lang): opinions["text"].astype(object),
            t("voice.col.status", lang): [t(f"voice.status.{s}", lang) for s in opinions["status"]],
            t("voice.col.reports", lang): opinions["report_count"].astype("int64"),
            t("voice.col.answer", lang): [a if isinstance(a, str) else "" for a in opinions["answer"]],
            t("voice.col.created", lang): opinions["created_day"].astype(object),
            t("voice.col.channel", lang): [t(f"voice.channel.{c}", lang) for c in opinions["channel"]],
        }
    )


def counts_table(counts: pd.DataFrame, services: pd.DataFrame, lang: str = "ko") -> pd.DataFrame:
    """필요해요 and opinions per project (projects with any), most 필요해요 first; headers in ``lang``."""
    names = project_names(services, lang)
    ordered = counts.sort_values(["needs", "opinions", "project_id"], ascending=[False, False, True], kind="stable")
    return pd.DataFrame(
        {
            t("voice.col.project_id", lang): ordered["project_id"].astype(object).tolist(),
            t("voice.col.project", lang): [names.get(p, p) for p in ordered["project_id"]],
            t("voice.col.needs", lang): ordered["needs"].astype("int64").tolist(),
            t("voice.col.opinions", lang): ordered["opinions"].astype("int64").tolist(),
        }
    )


def counts_text(counts: pd.DataFrame, project_id: str, lang: str = "ko") -> str:
    """ "필요해요 n · 의견 m" for one project (zeros when it has none)."""
    row = counts[counts["project_id"] == project_id]
    needs = int(row["needs"].iloc[0]) if len(row) else 0
    opinions = int(row["opinions"].iloc[0]) if len(row) else 0
    return t("voice.counts", lang, needs=f"{needs:,}", opinions=f"{opinions:,}")


def counts_by_project(counts: pd.DataFrame, project_ids: Sequence[str], lang: str = "ko") -> list[str]:
    """``counts_text`` for each id, in order (for a table column)."""
    return [counts_text(counts, project_id, lang) for project_id in project_ids]


@dataclass(frozen=True)
class VoiceExportContext(ExportContext):
    """What an opinions export is about: project, period, counts, filters (and that it is not a vote)."""

    project: str = ""
    period: str = ""
    needs: int = 0
    opinions: int = 0
    shown: int = 0
    filters: str = ""

    def rows(self, lang: str = "ko") -> list[tuple[str, str]]:
        return [
            (t("voice.col.project", lang), self.project),
            (t("voice.mod.period", lang), self.period),
            (t("voice.col.needs", lang), f"{self.needs:,}"),
            (t("voice.col.opinions", lang), f"{self.opinions:,}"),
            (t("voice.mod.filters", lang), self.filters),
            (t("voice.export.rows", lang), f"{self.shown:,}"),
            (t("briefing.as_of", lang), self.as_of.isoformat()),
            (t("field.source", lang), self.source),
            (t("voice.export.note", lang), t("voice.counts.note", lang)),
        ]


def export_context(
    *,
    counts: pd.DataFrame,
    shown: int,
    project_id: str | None,
    services: pd.DataFrame,
    since: date | None,
    until: date | None,
    statuses: Sequence[str],
    today: date,
    lang: str = "ko",
) -> VoiceExportContext:
    """The context rows of an opinions export: which project, which days, the counts, which statuses."""
    names = project_names(services, lang)
    chosen = counts if project_id is None else counts[counts["project_id"] == project_id]
    every = t("voice.export.all", lang)
    period = f"{since.isoformat() if since else '…'} – {until.isoformat() if until else '…'}"
    return VoiceExportContext(
        area=every,
        as_of=today,
        last_update=None,
        source=t("voice.export.source", lang),
        sample=False,
        project=every if project_id is None else _project_label(project_id, names),
        period=every if since is None and until is None else period,
        needs=int(chosen["needs"].sum()),
        opinions=int(chosen["opinions"].sum()),
        shown=shown,
        filters=", ".join(t(f"voice.status.{s}", lang) for s in statuses) or "—",
    )


def opinion_card_html(text: str, reason: str | None, answer: str | None, lang: str = "ko") -> str:
    """One approved opinion and the city's answer as HTML, every piece escaped."""
    parts = ['<div class="voice-opinion">']
    if reason:
        parts.append(f'<p class="voice-reason">{escape_html(reason_label(reason, lang))}</p>')
    if text:
        parts.append(f'<p class="voice-text">{escape_html(text)}</p>')
    if answer:
        parts.append(
            f'<p class="voice-answer"><strong>{escape_html(t("voice.answer", lang))}</strong> {escape_html(answer)}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def briefing_voice_html(
    counts: pd.DataFrame,
    approved: pd.DataFrame,
    services: pd.DataFrame,
    period: str,
    lang: str = "ko",
    most: int = 8,
    opinions_most: int = 3,
) -> str:
    """The briefing's "시민 의견" slide: responses per project with their context, then approved opinions and
    the city's answers; every visitor's text escaped. ``period``: the days the counts cover, as shown."""
    context = escape_html(t("voice.slide.context", lang, period=period))
    note = escape_html(t("voice.counts.note", lang))
    parts = [f'<p class="voice-slide-context">{context}<br>{note}</p>']
    if counts.empty:
        parts.append(f'<p class="voice-slide-none">{escape_html(t("voice.slide.none", lang))}</p>')
    else:
        table = counts_table(counts, services, lang)
        head = "".join(f"<th>{escape_html(c)}</th>" for c in table.columns[1:])
        rows = "".join(
            f"<tr><td>{escape_html(name)}</td><td>{needs:,}</td><td>{opinions:,}</td></tr>"
            for name, needs, opinions in table.iloc[:most, 1:].itertuples(index=False)
        )
        parts.append(f'<table class="voice-slide-counts"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
        if len(table) > most:
            parts.append(f"<p>{escape_html(t('voice.slide.more', lang, n=f'{len(table) - most:,}'))}</p>")
    names = project_names(services, lang)
    shown = approved.head(opinions_most)
    parts.append(f'<h3 class="voice-slide-heading">{escape_html(t("voice.slide.opinions", lang))}</h3>')
    if shown.empty:
        parts.append(f"<p>{escape_html(t('voice.opinions.none', lang))}</p>")
    for row in shown.to_dict("records"):
        project = names.get(str(row["project_id"]), str(row["project_id"]))
        parts.append(f'<p class="voice-slide-project">{escape_html(project)}</p>')
        answer = row["answer"] if isinstance(row["answer"], str) else None
        parts.append(opinion_card_html(str(row["text"] or ""), row["reason"], answer, lang))
    return "".join(parts)
