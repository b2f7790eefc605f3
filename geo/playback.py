"""Playback of the reported history: the steps of the time control on the maps, and what each step changes.

The steps run from the first report (the earliest :func:`geo.history.first_known` day) to today and stop at:

- every dated event of the status history (a status change, or an event that changes no status, such as a
  service extended to more places), each shown with its source ("2024-07-04 연합뉴스: 똑버스 — …");
- every day a project was first reported before any recorded event (``reported_on``), with the project's source;
- every milestone of the plan (``plan.yaml``: a month such as ``2024-05`` stops on its first day);
- today.

Each status holds from its event until the next (intervals, not points), and the view is cumulative: a project,
once reported, stays on the map. The statuses on each step's day follow :func:`geo.history.services_as_of`
exactly (computed once for every step with :func:`geo.trend.statuses_on_days`), so a step of the playback and
``/map?as_of=that day`` show the same projects with the same statuses.

:func:`timeline_payload` turns the steps into what the canvas map (``static/servicemap/``) plays: the statuses
of the first step and, per later step, only the rows that change (status code, or -1 while not yet reported),
so a step in the browser touches the changed rows only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from geo.history import first_known
from geo.html import escape_html
from geo.i18n import t
from geo.trend import statuses_on_days
from geo.vocab import STATUS_TERMS, label

#: A step's code for a project not yet reported on that day (left out of the map and of every count).
NOT_KNOWN = -1

_TRAILING_DAY = re.compile(r"\s*\((\d{4}-\d{2}-\d{2})\)\s*$")


@dataclass(frozen=True)
class Change:
    """One reported change at a step: an event of the history, a first report, or a plan milestone."""

    kind: str  # "event", "reported" or "milestone"
    service_id: str | None
    name_ko: str
    name_en: str
    old_status: str | None
    new_status: str | None
    source_ko: str
    source_en: str
    reason_ko: str
    reason_en: str


@dataclass(frozen=True)
class Step:
    """A stop of the time control: its day and what was reported that day (history order)."""

    day: date
    changes: tuple[Change, ...]


def milestone_day(raw: object) -> date | None:
    """The day a plan milestone stops on: ``2024-05`` → 2024-05-01, ``2026-02-02`` as is; None when unreadable."""
    text = str(raw or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _source(raw: object, day: date) -> str:
    """The source as cited: '연합뉴스 (2024-07-04)' on 2024-07-04 is '연합뉴스' (its day is the step's)."""
    text = _text(raw)
    match = _TRAILING_DAY.search(text)
    if match and match.group(1) == day.isoformat():
        text = text[: match.start()]
    return text


def _day(value: object) -> date | None:
    stamp = pd.to_datetime(value, errors="coerce")  # type: ignore[call-overload]
    return None if pd.isna(stamp) else date.fromisoformat(stamp.date().isoformat())


def playback_steps(
    services: pd.DataFrame, status_history: pd.DataFrame, plan: Mapping[str, Any], today: date
) -> list[Step]:
    """The stops of the playback, oldest first, each with its reported changes.

    Parameters
    ----------
    services : pandas.DataFrame
        The services (``geo.schema.SERVICES``); ``reported_on`` and ``source``/``source_en`` are read if present.
    status_history : pandas.DataFrame
        The status-change history (``geo.schema.STATUS_HISTORY``), in any row order.
    plan : Mapping
        The loaded plan (``geo.loaders.load_plan``); its ``milestones`` are stops too.
    today : datetime.date
        The last stop. Events after it (a status scheduled ahead) are not played.

    Returns
    -------
    list of Step
        One step per distinct day from the first report to ``today``; empty when no project is known by then.
        The last step is ``today``. Changes within a day keep the history file's order, then first reports,
        then milestones.
    """
    known = [day for day in first_known(services, status_history) if day is not None]
    if not known or min(known) > today:
        return []
    start = min(known)
    by_day: dict[date, list[Change]] = {today: []}
    names = services.drop_duplicates("service_id").set_index("service_id")

    def name(service_id: str, lang: str) -> str:
        column = f"name_{lang}"
        value = names[column].get(service_id) if column in names else None
        return _text(value) or _text(names["name_ko"].get(service_id) if "name_ko" in names else None) or service_id

    for row in status_history.itertuples(index=False):
        day = _day(row.changed_at)
        if day is None or not start <= day <= today:
            continue
        service_id = str(row.service_id)
        old = _text(getattr(row, "old_status", None)) or None
        reason_ko = _text(getattr(row, "reason", None))
        by_day.setdefault(day, []).append(
            Change(
                kind="event",
                service_id=service_id,
                name_ko=name(service_id, "ko"),
                name_en=name(service_id, "en"),
                old_status=old,
                new_status=_text(row.new_status) or None,
                source_ko=_source(row.changed_by, day),
                source_en=_source(row.changed_by, day),
                reason_ko=reason_ko,
                reason_en=_text(getattr(row, "reason_en", None)) or reason_ko,
            )
        )
    # A project first known from its report (before any recorded event, or without one) appears that day.
    first_event = pd.to_datetime(status_history["changed_at"], errors="coerce").groupby(status_history["service_id"])
    first_event_day = first_event.min() if not status_history.empty else pd.Series(dtype="datetime64[ns]")
    for position, service_id in enumerate(services["service_id"].astype(str)):
        reported = _day(services["reported_on"].iloc[position]) if "reported_on" in services else None
        event = first_event_day.get(service_id)
        if reported is None or not start <= reported <= today or (event is not None and event.date() <= reported):
            continue
        source_ko = _text(services["source"].iloc[position]) if "source" in services else ""
        source_en = _text(services["source_en"].iloc[position]) if "source_en" in services else ""
        by_day.setdefault(reported, []).append(
            Change(
                kind="reported",
                service_id=service_id,
                name_ko=name(service_id, "ko"),
                name_en=name(service_id, "en"),
                old_status=None,
                new_status=None,
                source_ko=_source(source_ko, reported),
                source_en=_source(source_en or source_ko, reported),
                reason_ko="",
                reason_en="",
            )
        )
    plan_source = plan.get("source") or {}
    for milestone in plan.get("milestones") or []:
        day = milestone_day(milestone.get("date"))
        if day is None or not start <= day <= today:
            continue
        by_day.setdefault(day, []).append(
            Change(
                kind="milestone",
                service_id=None,
                name_ko=_text(milestone.get("ko")),
                name_en=_text(milestone.get("en")) or _text(milestone.get("ko")),
                old_status=None,
                new_status=None,
                source_ko=_text(plan_source.get("ko")),
                source_en=_text(plan_source.get("en")) or _text(plan_source.get("ko")),
                reason_ko=str(milestone.get("date")),
                reason_en=str(milestone.get("date")),
            )
        )
    by_day.setdefault(start, [])
    return [Step(day, tuple(by_day[day])) for day in sorted(by_day)]


def change_line(change: Change, day: date, lang: str) -> str:
    """One change as the map shows it while playing (plain text).

    '2024-07-04 연합뉴스: 똑버스 — 안산스마트허브(…)로 운행 확대', '2020-12-16 경기매일: … — 공모 선정 (계획)',
    '2024-05 계획: 스마트도시계획 수립 용역 착수 (출처: …)'.
    """
    name = change.name_en if lang == "en" else change.name_ko
    source = change.source_en if lang == "en" else change.source_ko
    reason = change.reason_en if lang == "en" else change.reason_ko
    if change.kind == "milestone":
        return t("playback.line_milestone", lang, date=reason, milestone=name, source=source)
    if change.kind == "reported":
        return t("playback.line_reported", lang, date=day.isoformat(), source=source or "—", name=name)
    status = ""
    if change.new_status and change.new_status != change.old_status:
        new = label(STATUS_TERMS, change.new_status, lang)
        status = f"{label(STATUS_TERMS, change.old_status, lang)} → {new}" if change.old_status else new
    text = f"{day.isoformat()} {source or '—'}: {name}"
    if reason:
        text += f" — {reason}"
    return text + (f" ({status})" if status else "")


def step_index(steps: Sequence[Step], day: date) -> int:
    """The step shown on ``day``: the last one on or before it (0 when ``day`` is before the first)."""
    days = [step.day for step in steps]
    return max(0, int(np.searchsorted(np.array(days, dtype="datetime64[D]"), np.datetime64(day, "D"), "right")) - 1)


def step_statuses(services: pd.DataFrame, status_history: pd.DataFrame, steps: Sequence[Step]) -> np.ndarray:
    """Status code (index into ``geo.vocab.STATUS_TERMS``) of every service on every step's day.

    Shape ``(len(steps), len(services))``; :data:`NOT_KNOWN` where the project was not yet reported. A status
    outside the vocabulary (refused by validation) is coded as not known rather than drawn wrongly.
    """
    if not steps or services.empty:
        return np.full((len(steps), len(services)), NOT_KNOWN, dtype=np.int16)
    codes, known, statuses = statuses_on_days(services, status_history, [step.day for step in steps])
    in_vocabulary = np.array([status in STATUS_TERMS for status in statuses])
    result = np.where(known & in_vocabulary[codes], codes, NOT_KNOWN)
    return result.astype(np.int16)


def timeline_payload(
    services: pd.DataFrame, status_history: pd.DataFrame, plan: Mapping[str, Any], today: date, lang: str
) -> dict[str, Any]:
    """What the canvas map plays, rows in the order of ``services`` (the map payload's order).

    ``days`` (ISO), ``lines`` (per step, the escaped change lines of :func:`change_line`), ``kinds`` (per step,
    'event', 'milestone' or '' for today's stop alone), ``start`` (every row's code on the first step),
    ``offsets``/``rows``/``codes`` (the rows whose code changes at step k are ``rows[offsets[k]:offsets[k+1]]``,
    with their new ``codes``; step 0 changes none), and ``texts`` for the control.
    """
    steps = playback_steps(services, status_history, plan, today)
    table = step_statuses(services, status_history, steps)
    offsets, rows, codes = [0, 0], [], []
    for k in range(1, len(steps)):
        moved = np.flatnonzero(table[k] != table[k - 1])
        rows.extend(moved.tolist())
        codes.extend(table[k, moved].tolist())
        offsets.append(len(rows))

    def kind(step: Step) -> str:
        kinds = {change.kind for change in step.changes}
        return "milestone" if kinds == {"milestone"} else ("event" if kinds else "")

    return {
        "days": [step.day.isoformat() for step in steps],
        "lines": [[escape_html(change_line(c, step.day, lang)) for c in step.changes] for step in steps],
        "kinds": [kind(step) for step in steps],
        "start": table[0].tolist() if steps else [],
        "offsets": offsets[: len(steps) + 1] if steps else [0],
        "rows": rows,
        "codes": codes,
    }
