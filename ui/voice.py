"""Streamlit glue of citizens' voice: the staff moderation tab (data page) and the visitors' widgets.

Visitors' texts are shown as text: ``st.dataframe`` cells, or Markdown with its
syntax escaped (``geo.html.md_text``), or HTML escaped in ``geo.voice_view``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from geo.analysis.exports import to_csv_bytes, to_xlsx_bytes
from geo.clock import city_today
from geo.html import md_text
from geo.i18n import t
from geo.loaders import DashboardData
from geo.settings import Settings
from geo.store import Store, StoreError
from geo.voice import OPINION_MAX_CHARS, REASONS, STATUSES, RateRule, VoiceError, first_in_visit, reason_label
from geo.voice_view import (
    briefing_voice_html,
    counts_table,
    counts_text,
    export_context,
    opinion_card_html,
    opinions_table,
    project_names,
)
from ui import data_tools, state
from ui import widget_keys as keys
from ui.frame import public_message

# Opinions drawn with their buttons at once; the table above lists them all.
QUEUE_SHOWN = 20
# Approved opinions a visitor sees per project (the newest).
OPINIONS_SHOWN = 3


def _today() -> date:
    return city_today()


def _moderate(store: Store, opinion_id: int, status: str, editor: str, lang: str) -> None:
    try:
        store.moderate_opinion(opinion_id, status, user=editor)  # type: ignore[arg-type]
    except StoreError as error:
        data_tools.set_notice(public_message(error.text(lang), lang))
        return
    data_tools.set_notice(t("voice.mod.done", lang, what=f"#{opinion_id} → {t(f'voice.status.{status}', lang)}"))


def _answer(store: Store, opinion_id: int, editor: str, lang: str) -> None:
    text = st.session_state.get(state.VOICE_ANSWER_PREFIX + str(opinion_id), "")
    try:
        store.answer_opinion(opinion_id, text, user=editor)
    except VoiceError as error:
        data_tools.set_notice(t(error.key, lang, **error.values))
        return
    except StoreError as error:
        data_tools.set_notice(public_message(error.text(lang), lang))
        return
    data_tools.set_notice(t("voice.mod.done", lang, what=f"#{opinion_id} · {t('voice.answer', lang)}"))


def counts_block(store: Store, shown: pd.DataFrame, lang: str) -> None:
    """필요해요 and opinions for the projects ``shown`` (staff pages), labelled as responses, never a vote."""
    st.markdown(f"**{t('voice.counts.column', lang)}**")
    try:
        counts = store.voice_counts()
    except StoreError as error:
        st.caption(md_text(public_message(error.text(lang), lang)))
        return
    ids = set(shown["service_id"]) if "service_id" in shown else set()
    counts = counts[counts["project_id"].isin(ids)]
    if counts.empty:
        st.caption(t("voice.mod.no_counts", lang))
        return
    # A list, not a table: the facts column is narrow, and a table would hide the counts behind a scroll.
    table = counts_table(counts, shown, lang).head(10)
    lines = [
        f"- {md_text(str(name))} · {t('voice.counts', lang, needs=f'{needs:,}', opinions=f'{opinions:,}')}"
        for name, needs, opinions in zip(table.iloc[:, 1], table.iloc[:, 2], table.iloc[:, 3], strict=True)
    ]
    st.markdown("\n".join(lines))
    st.caption(t("voice.counts.note", lang))


#: The briefing slide's type, large enough for a projector.
SLIDE_CSS = """<style>
.voice-slide-context { font-size: 20px; color: #333333; }
.voice-slide-counts { border-collapse: collapse; font-size: 22px; margin: 6px 0 12px; }
.voice-slide-counts th, .voice-slide-counts td { border-bottom: 1px solid #999999; padding: 4px 14px; text-align: left; }
.voice-slide-counts td + td, .voice-slide-counts th + th { text-align: right; }
.voice-slide-project { font-weight: 700; margin: 8px 0 0; }
.voice-opinion { border-left: 4px solid #00457A; padding: 4px 12px; margin: 4px 0; font-size: 20px; }
.voice-answer { background: #E8EEF4; padding: 6px 10px; border-radius: 6px; }
</style>"""


def briefing_slide(store: Store, services: pd.DataFrame, since: date, until: date, lang: str) -> None:
    """The briefing's "시민 의견" slide: responses per project from ``since`` to ``until`` with that context,
    then the approved opinions of those days and the city's answers."""
    try:
        counts = store.voice_counts(since=since.isoformat(), until=until.isoformat())
        approved = store.opinions(statuses=["approved"], since=since.isoformat(), until=until.isoformat())
    except StoreError as error:
        st.caption(md_text(public_message(error.text(lang), lang)))
        return
    period = f"{since.isoformat()} – {until.isoformat()}"
    st.html(SLIDE_CSS + briefing_voice_html(counts, approved, services, period, lang))


def detail_line(store: Store, project_id: str, lang: str) -> None:
    """One project's responses under its details on the staff map, labelled as responses (not a vote)."""
    try:
        counts = store.voice_counts()
    except StoreError:
        return  # the details stand without it; the data page says what is wrong with the store
    st.markdown(f"**{t('voice.detail', lang)}**: {counts_text(counts, project_id, lang)}")


def moderation_section(store: Store, data: DashboardData, editor: str, settings: Settings, lang: str) -> None:
    """Counts per project, the queue with approve / hide / answer, the export with context, and the purge."""
    st.caption(t("voice.mod.caption", lang, n=settings.voice_hide_after_reports))
    counts = store.voice_counts()
    st.header(t("voice.mod.counts", lang))
    st.caption(t("voice.counts.note", lang))
    if counts.empty:
        st.info(t("voice.mod.no_counts", lang))
    else:
        st.dataframe(counts_table(counts, data.services, lang), hide_index=True, width="stretch")

    st.header(t("voice.mod.queue", lang))
    names = project_names(data.services, lang)
    status_col, project_col, since_col, until_col = st.columns([2, 2, 1, 1])
    statuses = status_col.multiselect(
        t("voice.mod.status", lang),
        list(STATUSES),
        default=["pending"],
        format_func=lambda s: t(f"voice.status.{s}", lang),
        key=keys.VOICE_STATUSES,
    )
    project = project_col.selectbox(
        t("voice.col.project", lang),
        [None, *names],
        format_func=lambda p: t("voice.mod.all_projects", lang) if p is None else f"{names[p]} ({p})",
        key=keys.VOICE_PROJECT,
    )
    since = since_col.date_input(t("voice.mod.since", lang), value=None, key=keys.VOICE_SINCE)
    until = until_col.date_input(t("voice.mod.until", lang), value=None, key=keys.VOICE_UNTIL)
    since_day = since if isinstance(since, date) else None
    until_day = until if isinstance(until, date) else None
    opinions = store.opinions(
        statuses=statuses,
        project_id=project,
        since=since_day.isoformat() if since_day else None,
        until=until_day.isoformat() if until_day else None,
    )
    if opinions.empty:
        st.info(t("voice.mod.empty", lang))
    else:
        st.dataframe(opinions_table(opinions, data.services, lang), hide_index=True, width="stretch")
        if len(opinions) > QUEUE_SHOWN:
            st.caption(t("voice.mod.shown", lang, n=len(opinions), shown=QUEUE_SHOWN))
        for row in opinions.head(QUEUE_SHOWN).to_dict("records"):
            _opinion_controls(store, row, names, editor, lang)

    _export(store, data, counts, opinions, project, since_day, until_day, statuses, lang)
    _purge(store, editor, settings, lang)


def _opinion_controls(store: Store, row: Mapping[Hashable, Any], names: dict[str, str], editor: str, lang: str) -> None:
    opinion_id = int(row["opinion_id"])
    with st.container(border=True, key=f"voice_opinion_{opinion_id}"):
        project_id = str(row["project_id"])
        channel = t(f"voice.channel.{row['channel']}", lang)
        status = row["status"]
        heading = " · ".join(
            [
                f"#{opinion_id}",
                names.get(project_id, project_id),
                str(row["created_day"]),
                channel,
                t(f"voice.status.{status}", lang),
            ]
        )
        reports = int(row["report_count"])
        if reports:
            heading += " · " + t("voice.mod.reports", lang, n=reports)
        st.markdown(f"**{md_text(heading)}**")
        reason = row["reason"]
        if isinstance(reason, str) and reason:
            st.markdown(md_text(reason_label(reason, lang)))
        text = row["text"]
        if text:
            st.markdown(md_text(str(text)))
        approve_col, hide_col = st.columns(2)
        approve_col.button(
            t("voice.mod.approve", lang),
            key=f"voice_approve_{opinion_id}",
            disabled=status == "approved",
            on_click=_moderate,
            args=(store, opinion_id, "approved", editor, lang),
            icon=":material/check:",
        )
        hide_col.button(
            t("voice.mod.hide", lang),
            key=f"voice_hide_{opinion_id}",
            disabled=status == "hidden",
            on_click=_moderate,
            args=(store, opinion_id, "hidden", editor, lang),
            icon=":material/visibility_off:",
        )
        answer = row["answer"]
        key = state.VOICE_ANSWER_PREFIX + str(opinion_id)
        if key not in st.session_state:
            st.session_state[key] = answer if isinstance(answer, str) else ""
        st.text_area(t("voice.mod.answer.text", lang), key=key, max_chars=1000, height=80)
        st.button(
            t("voice.mod.answer", lang),
            key=f"voice_answer_{opinion_id}",
            on_click=_answer,
            args=(store, opinion_id, editor, lang),
            icon=":material/reply:",
        )


def _export(
    store: Store,  # noqa: ARG001 (kept for symmetry with the other sections)
    data: DashboardData,
    counts: pd.DataFrame,
    opinions: pd.DataFrame,
    project: str | None,
    since: date | None,
    until: date | None,
    statuses: Sequence[str],
    lang: str,
) -> None:
    st.header(t("voice.mod.export", lang))
    context = export_context(
        counts=counts,
        shown=len(opinions),
        project_id=project,
        services=data.services,
        since=since,
        until=until,
        statuses=statuses,
        today=_today(),
        lang=lang,
    )
    table = opinions_table(opinions, data.services, lang)
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(
        "CSV",
        partial(to_csv_bytes, table, context=context, lang=lang),
        file_name="ansan_citizen_opinions.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=keys.VOICE_EXPORT_CSV,
        width="stretch",
    )
    xlsx_col.download_button(
        "XLSX",
        partial(to_xlsx_bytes, table, sheet_name=t("voice.tab", lang), context=context, lang=lang),
        file_name="ansan_citizen_opinions.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key=keys.VOICE_EXPORT_XLSX,
        width="stretch",
    )


def _purge(store: Store, editor: str, settings: Settings, lang: str) -> None:
    st.header(t("voice.mod.purge", lang))
    days = settings.voice_retention_days
    st.caption(t("voice.mod.purge.caption", lang, days=days))
    confirmed = st.checkbox(t("voice.mod.purge.confirm", lang, days=days), key=keys.VOICE_PURGE_CONFIRM)
    if st.button(
        t("voice.mod.purge", lang), key=keys.VOICE_PURGE, icon=":material/delete_sweep:", disabled=not confirmed
    ):
        try:
            opinions, reactions = store.purge_voice(days, user=editor)
        except StoreError as error:
            st.error(md_text(public_message(error.text(lang), lang)))
            return
        data_tools.set_notice(t("voice.mod.purged", lang, opinions=opinions, reactions=reactions))
        st.rerun()


# --- visitors: 필요해요 and a short opinion on a project (kiosk, public view) ---------------------------------

#: Large targets for the visitors' controls (≥ 48 px, text ≥ 24 px), whatever page they sit on.
VISITOR_CSS = keys.widget_css("""<style>
$VOICE_NEED_PREFIX button, $VOICE_SEND_PREFIX button,
$VOICE_OPEN_PREFIX button { min-height: 56px; min-width: 56px; }
$VOICE_NEED_PREFIX button p, $VOICE_SEND_PREFIX button p,
$VOICE_OPEN_PREFIX button p { font-size: 26px; font-weight: 700; }
$VOICE_PANEL_PREFIX p, $VOICE_PANEL_PREFIX label p,
$VOICE_PANEL_PREFIX textarea, $VOICE_PANEL_PREFIX [data-testid="stSelectbox"] input { font-size: 24px; }
.voice-opinion { border-left: 4px solid #00457A; padding: 4px 12px; margin: 8px 0; font-size: 24px; }
.voice-opinion p { margin: 2px 0; font-size: 24px; }
.voice-reason { font-weight: 700; }
.voice-answer { background: #E8EEF4; padding: 6px 10px; border-radius: 6px; }
</style>""")


#: The reason picker's "no reason" choice: an option of its own, not None (a selectbox reads None as nothing
#: chosen and shows Streamlit's English placeholder, as it did after a send reset the picker).
NO_REASON = ""


def sync_visit(paused: bool) -> None:
    """End the visit when the kiosk runs on its own again (its idle reset): 필요해요 counts anew after it."""
    if not paused:
        st.session_state.pop(state.VOICE_TAPPED, None)
        st.session_state.pop(state.VOICE_REPORTED, None)
        st.session_state.pop(state.VOICE_MESSAGE, None)
        st.session_state.pop(state.VOICE_PANEL, None)


def _tapped() -> set[str]:
    tapped: set[str] = st.session_state.setdefault(state.VOICE_TAPPED, set())
    return tapped


def _say(project_id: str, key: str, **values: object) -> None:
    st.session_state[state.VOICE_MESSAGE] = (project_id, key, values)


def _need(store: Store, project_id: str, settings: Settings, channel: str, client: str, touched: Any) -> None:
    if touched is not None:
        touched()  # a tap is a touch: the kiosk stays on this screen
    tapped = _tapped()
    if not first_in_visit(tapped, project_id):
        _say(project_id, "voice.need.done")
        return
    decision = store.add_reaction(
        project_id,
        channel=channel,  # type: ignore[arg-type]
        rule=_rule(settings, channel),
        kiosk_id=settings.kiosk_id,
        client=client,
    )
    if not decision.allowed:
        _say(project_id, "voice.limit")
        return
    tapped.add(project_id)
    _say(project_id, "voice.need.thanks")


def _send(store: Store, project_id: str, settings: Settings, channel: str, client: str, touched: Any) -> None:
    if touched is not None:
        touched()
    reason = st.session_state.get(state.VOICE_REASON_PREFIX + project_id) or None  # NO_REASON: none given
    text = st.session_state.get(state.VOICE_TEXT_PREFIX + project_id, "")
    try:
        decision, _ = store.add_opinion(
            project_id,
            reason,
            text,
            channel=channel,  # type: ignore[arg-type]
            rule=_rule(settings, channel),
            kiosk_id=settings.kiosk_id,
            client=client,
        )
    except VoiceError as error:
        _say(project_id, error.key, **error.values)
        return
    if not decision.allowed:
        _say(project_id, "voice.limit")
        return
    st.session_state[state.VOICE_TEXT_PREFIX + project_id] = ""
    st.session_state[state.VOICE_REASON_PREFIX + project_id] = NO_REASON
    _say(project_id, "voice.opinion.sent")


def _rule(settings: Settings, channel: str) -> RateRule:
    limit = settings.voice_limit_per_minute if channel == "kiosk" else settings.voice_client_limit_per_minute
    return RateRule(limit, 60)


def project_voice(
    store: Store,
    project_id: str,
    settings: Settings,
    lang: str,
    *,
    channel: str = "kiosk",
    client: str = "",
    touched: Any = None,
    counts: pd.DataFrame | None = None,
) -> None:
    """필요해요 (with its count), an optional opinion (preset reasons + 200 characters), approved opinions
    and the city's answers, for one project. ``touched``: called on every tap (the kiosk's pause)."""
    counts = store.voice_counts() if counts is None else counts
    with st.container(key=f"{keys.VOICE_PANEL_PREFIX}{project_id}"):
        need_button(store, project_id, settings, lang, counts, channel=channel, client=client, touched=touched)
        voice_message(project_id, lang)
        with st.expander(t("voice.opinion.title", lang)):
            opinion_form(store, project_id, settings, lang, channel=channel, client=client, touched=touched)
        st.markdown(f"**{md_text(t('voice.opinions.shown', lang))}**")
        approved_opinions(store, project_id, settings, lang, channel=channel, client=client, touched=touched)


def need_button(
    store: Store,
    project_id: str,
    settings: Settings,
    lang: str,
    counts: pd.DataFrame,
    *,
    channel: str = "kiosk",
    client: str = "",
    touched: Any = None,
) -> None:
    """The 필요해요 button with the project's count (one per project per visit counts)."""
    row = counts[counts["project_id"] == project_id]
    needs = int(row["needs"].iloc[0]) if len(row) else 0
    st.button(
        t("voice.need.count", lang, n=f"{needs:,}"),
        key=f"{keys.VOICE_NEED_PREFIX}{project_id}",
        icon=":material/thumb_up:",
        on_click=_need,
        args=(store, project_id, settings, channel, client, touched),
    )


def voice_message(project_id: str, lang: str) -> None:
    """What the visitor's last tap on this project answered: thanks, or calmly why it did not count.

    Always one element (empty when there is nothing to say): a message that came and went would move the
    opinion form below it, and Streamlit draws a moved expander anew, closed, under the visitor's finger.
    """
    slot = st.empty()
    message = st.session_state.get(state.VOICE_MESSAGE)
    if message and message[0] == project_id:
        key, values = message[1], message[2]
        calm = key in ("voice.limit", "voice.need.done", "voice.reported") or key.startswith("voice.error")
        (slot.info if calm else slot.success)(t(key, lang, **values))


def opinion_form(
    store: Store,
    project_id: str,
    settings: Settings,
    lang: str,
    *,
    channel: str = "kiosk",
    client: str = "",
    touched: Any = None,
) -> None:
    """A preset reason and up to 200 characters, sent to moderation (personal data removed first)."""
    st.caption(t("voice.opinion.note", lang))
    st.selectbox(
        t("voice.opinion.reason", lang),
        [NO_REASON, *REASONS],
        format_func=lambda r: reason_label(r, lang) if r else t("voice.opinion.reason.none", lang),
        key=state.VOICE_REASON_PREFIX + project_id,
    )
    st.text_area(t("voice.opinion.text", lang), max_chars=OPINION_MAX_CHARS, key=state.VOICE_TEXT_PREFIX + project_id)
    st.button(
        t("voice.opinion.submit", lang),
        key=f"{keys.VOICE_SEND_PREFIX}{project_id}",
        on_click=_send,
        args=(store, project_id, settings, channel, client, touched),
    )


def approved_opinions(
    store: Store,
    project_id: str,
    settings: Settings,
    lang: str,
    *,
    channel: str = "kiosk",
    client: str = "",
    touched: Any = None,
) -> None:
    """The project's latest approved opinions with the city's answers, each with a 신고 (report) button."""
    shown = store.opinions(statuses=["approved"], project_id=project_id).head(OPINIONS_SHOWN)
    if shown.empty:
        st.caption(t("voice.opinions.none", lang))
        return
    for row in shown.to_dict("records"):
        opinion_id = int(row["opinion_id"])
        answer = row["answer"] if isinstance(row["answer"], str) else None
        st.html(opinion_card_html(str(row["text"] or ""), row["reason"], answer, lang))
        st.button(
            t("voice.report", lang),
            key=f"voice_report_{opinion_id}",
            icon=":material/flag:",
            on_click=_report,
            args=(store, opinion_id, project_id, settings, channel, client, touched),
        )


def _report(
    store: Store,
    opinion_id: int,
    project_id: str,
    settings: Settings,
    channel: str,
    client: str,
    touched: Any,
) -> None:
    """A visitor reports an approved opinion: once per opinion per visit; hidden at the reports setting."""
    if touched is not None:
        touched()
    reported: set[int] = st.session_state.setdefault(state.VOICE_REPORTED, set())
    if opinion_id not in reported:
        try:
            decision = store.report_opinion(
                opinion_id,
                threshold=settings.voice_hide_after_reports,
                rule=_rule(settings, channel),
                channel=channel,  # type: ignore[arg-type]
                kiosk_id=settings.kiosk_id,
                client=client,
            )
        except StoreError:
            decision = None  # removed meanwhile (purged or restored): nothing left to report
        if decision is not None and not decision.allowed:
            _say(project_id, "voice.limit")
            return
        reported.add(opinion_id)
    _say(project_id, "voice.reported")


def projects_voice(
    store: Store,
    projects: Sequence[tuple[str, str]],
    settings: Settings,
    lang: str,
    *,
    channel: str = "kiosk",
    client: str = "",
    touched: Any = None,
) -> None:
    """``project_voice`` for each (id, name) of a screen's projects, under the project's name."""
    if not projects:
        return
    st.html(VISITOR_CSS)
    counts = store.voice_counts()
    for project_id, name in projects:
        with st.container(border=True, key=f"voice_card_{project_id}"):
            st.markdown(f"**{md_text(name)}**")
            project_voice(
                store, project_id, settings, lang, channel=channel, client=client, touched=touched, counts=counts
            )
