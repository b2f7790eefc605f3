"""Playback of the reported history: the steps of the time control on the maps, and what each step changes.

The steps run from the first report (the earliest :func:`geo.analysis.history.first_known` day) to today and stop at:

- every dated event of the status history (a status change, or an event that changes no status, such as a
  service extended to more places), each shown with its source ("2024-07-04 연합뉴스: 똑버스 — …");
- every day a project was first reported before any recorded event (``reported_on``), with the project's source;
- every milestone of the plan (``plan.yaml``: a month such as ``2024-05`` stops on its first day);
- today.

Each status holds from its event until the next (intervals, not points), and the view is cumulative: a project,
once reported, stays on the map. The statuses on each step's day follow :func:`geo.analysis.history.services_as_of`
exactly (computed once for every step with :func:`geo.analysis.trend.statuses_on_days`), so a step of the playback and
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

from geo.analysis.history import first_known
from geo.analysis.trend import statuses_on_days
from geo.html import escape_html
from geo.i18n import t
from geo.model.vocab import STATUS_TERMS, label

#: A step's code for a project not yet reported on that day (left out of the map and of every count).
NOT_KNOWN = -1

#: Change lines a step carries to the map; a city-scale day of hundreds of changes says "외 N건" after these.
LINES_PER_STEP = 12

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
        The services (``geo.model.schema.SERVICES``); ``reported_on`` and ``source``/``source_en`` are read if present.
    status_history : pandas.DataFrame
        The status-change history (``geo.model.schema.STATUS_HISTORY``), in any row order.
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
    unique = services.drop_duplicates("service_id")
    ids_ko = [_text(x) for x in unique["name_ko"]] if "name_ko" in unique else [""] * len(unique)
    ids_en = [_text(x) for x in unique["name_en"]] if "name_en" in unique else [""] * len(unique)
    names: dict[str, tuple[str, str]] = {
        str(sid): (ko or str(sid), en or ko or str(sid))
        for sid, ko, en in zip(unique["service_id"], ids_ko, ids_en, strict=True)
    }

    def name(service_id: str, lang: str) -> str:
        pair = names.get(service_id, (service_id, service_id))
        return pair[1] if lang == "en" else pair[0]

    # Column-wise: a city-scale history has hundreds of thousands of rows.
    event_days = pd.to_datetime(status_history["changed_at"], errors="coerce")
    in_span = (event_days >= pd.Timestamp(start)) & (event_days <= pd.Timestamp(today))

    def column(key: str) -> list[object]:
        return status_history[key].tolist() if key in status_history else [None] * len(status_history)

    columns = [column(key) for key in ("service_id", "old_status", "new_status", "changed_by", "reason", "reason_en")]
    event_dates = event_days.dt.date.tolist()
    for position in np.flatnonzero(in_span.to_numpy()):
        day = event_dates[position]
        sid, old, new, by, reason, reason_en = (values[position] for values in columns)
        service_id = str(sid)
        reason_ko = _text(reason)
        source = _source(by, day)
        by_day.setdefault(day, []).append(
            Change(
                kind="event",
                service_id=service_id,
                name_ko=name(service_id, "ko"),
                name_en=name(service_id, "en"),
                old_status=_text(old) or None,
                new_status=_text(new) or None,
                source_ko=source,
                source_en=source,
                reason_ko=reason_ko,
                reason_en=_text(reason_en) or reason_ko,
            )
        )
    # A project first known from its report (before any recorded event, or without one) appears that day.
    first_event = pd.to_datetime(status_history["changed_at"], errors="coerce").groupby(status_history["service_id"])
    first_event_day = first_event.min() if not status_history.empty else pd.Series(dtype="datetime64[ns]")
    first_event_day.index = first_event_day.index.astype(str)
    ids = services["service_id"].astype(str)
    reported_days = (
        pd.to_datetime(services["reported_on"], errors="coerce")
        if "reported_on" in services
        else pd.Series(pd.NaT, index=services.index)
    )
    first_days = ids.map(first_event_day)
    before_events = reported_days.notna() & (first_days.isna() | (reported_days < first_days))
    in_range = (reported_days >= pd.Timestamp(start)) & (reported_days <= pd.Timestamp(today))
    for position in np.flatnonzero((before_events & in_range).to_numpy()):
        service_id = ids.iloc[position]
        reported = reported_days.iloc[position].date()  # first reports before any event: few, even at scale
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
        stop = milestone_day(milestone.get("date"))
        if stop is None or not start <= stop <= today:
            continue
        by_day.setdefault(stop, []).append(
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
    suffix = "en" if lang == "en" else "ko"  # the change carries both languages' words
    name, source, reason = (getattr(change, f"{field}_{suffix}") for field in ("name", "source", "reason"))
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
    """Status code (index into ``geo.model.vocab.STATUS_TERMS``) of every service on every step's day.

    Shape ``(len(steps), len(services))``; :data:`NOT_KNOWN` where the project was not yet reported. A status
    outside the vocabulary (refused by validation) is coded as not known rather than drawn wrongly.
    """
    if not steps or services.empty:
        return np.full((len(steps), len(services)), NOT_KNOWN, dtype=np.int16)
    codes, known, statuses = statuses_on_days(services, status_history, [step.day for step in steps])
    in_vocabulary = np.array([status in STATUS_TERMS for status in statuses])
    result = np.where(known & in_vocabulary[codes], codes, NOT_KNOWN)
    return result.astype(np.int16)


def _step_changes(
    services: pd.DataFrame, status_history: pd.DataFrame, days: Sequence[date]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(start, step, row, code)``: every row's code on ``days[0]``, then each later change of a row's code.

    A row's code changes only on its first-known day and on its own event days, so the changes are computed
    from those days alone (no table of every step by every service: 3,000 steps by 100,000 services would
    take gigabytes). The codes equal :func:`step_statuses` (tested).
    """
    n = len(services)
    order = list(STATUS_TERMS)
    code_of = {status: number for number, status in enumerate(order)}
    day_values = np.array(days, dtype="datetime64[D]")
    first = pd.to_datetime(first_known(services, status_history), errors="coerce").to_numpy().astype("datetime64[D]")
    current = np.array([code_of.get(str(x), NOT_KNOWN) for x in services["status"]], dtype=np.int64)
    ids = services["service_id"].astype(str).to_numpy()
    row_of = pd.Series(np.arange(n), index=ids)
    row_of = row_of[~row_of.index.duplicated(keep="first")]
    history = status_history.assign(_day=pd.to_datetime(status_history["changed_at"], errors="coerce"))
    history = history.loc[history["_day"].notna() & history["service_id"].astype(str).isin(row_of.index)]
    history = history.assign(
        _row=history["service_id"].astype(str).map(row_of).to_numpy(dtype=np.int64),
        _day=history["_day"].to_numpy().astype("datetime64[D]"),
        _order=np.arange(len(history)),
    ).sort_values(["_row", "_day", "_order"], kind="stable")
    rows_h = history["_row"].to_numpy(dtype=np.int64)
    days_h = history["_day"].to_numpy().astype("datetime64[D]")
    new_h = np.array([code_of.get(x, NOT_KNOWN) if isinstance(x, str) else NOT_KNOWN for x in history["new_status"]])
    # Before a row's first event: that event's old status, or 계획 when the event created the service.
    before = current.copy()
    if len(history):
        firsts = np.flatnonzero(np.r_[True, rows_h[1:] != rows_h[:-1]])
        olds = history["old_status"].to_numpy()[firsts]
        before[rows_h[firsts]] = [
            code_of.get(o, NOT_KNOWN) if isinstance(o, str) and o else code_of[order[0]] for o in olds
        ]
    # A row's events: keep the last of each (row, day), the status after that day.
    last_of_day = np.r_[(rows_h[1:] != rows_h[:-1]) | (days_h[1:] != days_h[:-1]), True] if len(history) else []
    ev_rows, ev_days, ev_codes = rows_h[last_of_day], days_h[last_of_day], new_h[last_of_day]
    # Appearances: the first-known day with the status then (before its first event, or the event's own).
    known = ~np.isnat(first)
    ap_rows = np.flatnonzero(known)
    ap_days = first[known]
    ap_codes = before[ap_rows]
    if len(ev_rows):
        # An event on the first-known day sets the appearing status itself.
        key_ev = ev_rows.astype(np.int64) * 100_000 + (ev_days - np.datetime64("1900-01-01")).astype(np.int64)
        key_ap = ap_rows.astype(np.int64) * 100_000 + (ap_days - np.datetime64("1900-01-01")).astype(np.int64)
        match = np.searchsorted(key_ev, key_ap)
        match = np.minimum(match, len(key_ev) - 1)
        ap_codes = np.where(key_ev[match] == key_ap, ev_codes[match], ap_codes)
    all_rows = np.r_[ap_rows, ev_rows].astype(np.int64)
    all_days = np.r_[ap_days, ev_days].astype("datetime64[D]")
    all_codes = np.r_[ap_codes, ev_codes].astype(np.int64)
    keep = all_days <= day_values[-1]
    all_rows, all_days, all_codes = all_rows[keep], all_days[keep], all_codes[keep]
    steps = np.maximum(np.searchsorted(day_values, all_days, side="right") - 1, 0)
    # Per row in step order (an appearance before the same day's event), the code after each step.
    ranks = np.r_[np.zeros(len(ap_rows)), np.ones(len(ev_rows))][keep]
    sequence = np.lexsort((ranks, steps, all_rows))
    all_rows, steps, all_codes = all_rows[sequence], steps[sequence], all_codes[sequence]
    last = np.r_[(all_rows[1:] != all_rows[:-1]) | (steps[1:] != steps[:-1]), True] if len(all_rows) else []
    all_rows, steps, all_codes = all_rows[last], steps[last], all_codes[last]
    start = np.where(known, NOT_KNOWN, current)
    at_start = steps == 0
    start[all_rows[at_start]] = all_codes[at_start]
    all_rows, steps, all_codes = all_rows[~at_start], steps[~at_start], all_codes[~at_start]
    # A change that keeps the row's code (an event that changes no status) moves nothing on the map.
    previous = np.r_[-2, all_codes[:-1]]
    same_row = np.r_[False, all_rows[1:] == all_rows[:-1]]
    prior = np.where(same_row, previous, start[all_rows])
    moved = all_codes != prior
    all_rows, steps, all_codes = all_rows[moved], steps[moved], all_codes[moved]
    by_step = np.lexsort((all_rows, steps))
    return start, steps[by_step], all_rows[by_step], all_codes[by_step]


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
    if not steps or services.empty:
        start, at, rows, codes = (np.zeros(0, dtype=np.int64),) * 4
    else:
        start, at, rows, codes = _step_changes(services, status_history, [step.day for step in steps])
    offsets = np.searchsorted(at, np.arange(len(steps) + 1), side="left") if steps else np.zeros(1, dtype=np.int64)

    def kind(step: Step) -> str:
        kinds = {change.kind for change in step.changes}
        return "milestone" if kinds == {"milestone"} else ("event" if kinds else "")

    return {
        "days": [step.day.isoformat() for step in steps],
        "lines": [_lines(step, lang) for step in steps],
        "kinds": [kind(step) for step in steps],
        "start": start.tolist(),
        "offsets": offsets.tolist(),
        "rows": rows.tolist(),
        "codes": codes.tolist(),
    }


def _lines(step: Step, lang: str) -> list[str]:
    """The step's change lines, escaped; past :data:`LINES_PER_STEP` one line says how many more (city scale)."""
    lines = [escape_html(change_line(c, step.day, lang)) for c in step.changes[:LINES_PER_STEP]]
    if len(step.changes) > LINES_PER_STEP:
        lines.append(escape_html(t("playback.more", lang, n=f"{len(step.changes) - LINES_PER_STEP:,}")))
    return lines
