"""Citizens' voice, the pure part: scrubbing personal data, checking opinions, the rate-limit decision."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from geo.i18n import t
from geo.settings import load_settings
from geo.voice import (
    OPINION_MAX_CHARS,
    REASONS,
    REMOVED_MARKER,
    RateRule,
    VoiceError,
    check_answer,
    check_opinion,
    client_key,
    decide,
    first_in_visit,
    hidden_after_reports,
    reason_label,
    scrub,
    window_start,
)

PHONES = [
    "010-1234-5678",
    "01012345678",
    "010 1234 5678",
    "010.1234.5678",
    "010 - 1234 - 5678",
    "0 1 0 1 2 3 4 5 6 7 8",
    "011-123-4567",
    "016)123-4567",
    "０１０－１２３４－５６７８",
    "０１０ １２３４ ５６７８",
    "010‐1234‐5678",  # U+2010 hyphen
    "02-123-4567",
    "02 1234 5678",
    "(02) 123-4567",
    "031-400-2114",
    "031.481.2000",
    "064-123-4567",
    "070-1234-5678",
    "0505-123-4567",
    "080-123-4567",
    "1588-1234",
    "+82 10-1234-5678",
    "+82-10-1234-5678",
    "+821012345678",
    "+82 (0)10 1234 5678",
    "+82 31 400 2114",
]


@pytest.mark.parametrize("number", PHONES)
def test_phone_numbers_in_every_usual_spelling_are_removed(number):
    scrubbed = scrub(f"연락 주세요 {number} 감사합니다")
    assert scrubbed.text == f"연락 주세요 {REMOVED_MARKER} 감사합니다"
    assert scrubbed.removed == 1


@pytest.mark.parametrize(
    "rrn", ["900101-1234567", "9001011234567", "900101 - 2234567", "０１０２０３－３２３４５６７", "900101-1******"]
)
def test_resident_registration_numbers_are_removed(rrn):
    scrubbed = scrub(f"제 번호는 {rrn} 입니다")
    assert scrubbed.text == f"제 번호는 {REMOVED_MARKER} 입니다"


@pytest.mark.parametrize(
    "email", ["hong@example.com", "a.b+c@mail.ansan.go.kr", "hong ＠ example.com", "x_y@naver.com"]
)
def test_email_addresses_are_removed(email):
    assert scrub(f"메일: {email} 로 답 주세요").text == f"메일: {REMOVED_MARKER} 로 답 주세요"


@pytest.mark.parametrize(
    "text",
    [
        "2024년 2025년 예산 3,000억",
        "사업비 1500 2000 만원",
        "버스 정류장 12곳, 2027년까지",
        "신길동 123-45번지",
        "<script>alert('x')</script>",
        "CCTV 40대 → 80대",
    ],
)
def test_ordinary_numbers_and_markup_stay_as_typed(text):
    assert scrub(text).text == text
    assert scrub(text).removed == 0


def test_several_pieces_are_each_counted():
    scrubbed = scrub("010-1111-2222 또는 02-333-4444, 메일 a@b.kr, 900101-1234567")
    assert scrubbed.text == f"{REMOVED_MARKER} 또는 {REMOVED_MARKER}, 메일 {REMOVED_MARKER}, {REMOVED_MARKER}"
    assert scrubbed.removed == 4


def test_an_opinion_is_stored_scrubbed_and_trimmed():
    opinion = check_opinion("ANS-01", "safety", "  밤길이 어두워요 010-1234-5678  ", ["ANS-01"])
    assert opinion.text == f"밤길이 어두워요 {REMOVED_MARKER}"
    assert (opinion.reason, opinion.channel, opinion.removed) == ("safety", "kiosk", 1)


def test_a_script_in_an_opinion_is_kept_as_text():
    assert check_opinion("P", None, "<script>alert(1)</script>", ["P"]).text == "<script>alert(1)</script>"


def test_a_reason_alone_is_an_opinion():
    opinion = check_opinion("P", "more_info", "", ["P"], channel="public")
    assert (opinion.text, opinion.channel) == ("", "public")


@pytest.mark.parametrize(
    ("project", "reason", "text", "channel", "key"),
    [
        ("NOPE", None, "좋아요", "kiosk", "voice.error.project"),
        ("P", "bribe", "좋아요", "kiosk", "voice.error.reason"),
        ("P", None, "좋아\x00요", "kiosk", "voice.error.control"),
        ("P", None, "좋아\x1b[31m요", "kiosk", "voice.error.control"),
        ("P", None, "abc\u202edef", "kiosk", "voice.error.control"),
        ("P", None, "가" * (OPINION_MAX_CHARS + 1), "kiosk", "voice.error.too_long"),
        ("P", None, "   ", "kiosk", "voice.error.empty"),
        ("P", None, "좋아요", "sms", "voice.error.channel"),
    ],
)
def test_refused_opinions_name_the_reason(project, reason, text, channel, key):
    with pytest.raises(VoiceError) as caught:
        check_opinion(project, reason, text, ["P"], channel=channel)
    assert caught.value.key == key
    assert t(key, "ko", **caught.value.values) != key  # the text exists in both languages
    assert t(key, "en", **caught.value.values) != key


def test_the_length_is_counted_after_scrubbing():
    # 195 characters + a phone number (13) is over 200 as typed, 195 + the marker (5) is not.
    text = "가" * 194 + " 010-1234-5678"
    assert len(text) > OPINION_MAX_CHARS
    assert check_opinion("P", None, text, ["P"]).text == "가" * 194 + " " + REMOVED_MARKER


def test_a_newline_is_allowed_and_a_carriage_return_becomes_one():
    assert check_opinion("P", None, "첫째\r\n둘째", ["P"]).text == "첫째\n둘째"


def test_answers_are_checked_too():
    assert check_answer("  담당: 02-123-4567 \n") == f"담당: {REMOVED_MARKER}"
    with pytest.raises(VoiceError):
        check_answer("")


def test_reasons_have_both_labels():
    for reason, (ko, en) in REASONS.items():
        assert reason_label(reason, "ko") == ko and reason_label(reason, "en") == en
    assert reason_label(None) == ""


def test_one_need_per_project_per_visit():
    tapped: set[str] = set()
    assert first_in_visit(tapped, "P")
    tapped.add("P")
    assert not first_in_visit(tapped, "P")
    assert first_in_visit(tapped, "Q")
    assert first_in_visit(set(), "P")  # a new visit (after the idle reset)


def test_the_rate_decision_names_the_limit_reached():
    rules = {"kiosk": RateRule(30), "client": RateRule(10)}
    assert decide({"kiosk": 29, "client": 9}, rules).allowed
    assert decide({"kiosk": 30, "client": 0}, rules).scope == "kiosk"
    assert decide({"kiosk": 0, "client": 10}, rules).scope == "client"
    assert decide({"kiosk": 100}, {"client": RateRule(10)}).allowed  # no kiosk rule, no kiosk limit


def test_windows_are_fixed_and_client_keys_hide_the_address():
    moment = datetime(2026, 12, 7, 10, 0, 59, tzinfo=timezone(timedelta(hours=9)))
    assert window_start(moment, 60) == window_start(moment - timedelta(seconds=59), 60)
    assert window_start(moment + timedelta(seconds=1), 60) == window_start(moment, 60) + 60
    key = client_key("203.0.113.7", 1000)
    assert "203" not in key and len(key) == 16
    assert key != client_key("203.0.113.7", 1060)  # salted with the window
    assert client_key("", 1000) == ""


def test_hidden_after_the_report_threshold():
    assert not hidden_after_reports(2, 3)
    assert hidden_after_reports(3, 3)


def test_settings_of_the_voice():
    settings = load_settings({"DASHBOARD_VOICE_LIMIT_PER_MINUTE": "5", "DASHBOARD_KIOSK_ID": "lobby-1"})
    assert (settings.voice_limit_per_minute, settings.kiosk_id) == (5, "lobby-1")
    defaults = load_settings({})
    assert (defaults.voice_client_limit_per_minute, defaults.voice_hide_after_reports) == (10, 3)


# --- what staff see (geo.voice_view), on a small frame built here ---


def _services():
    import pandas as pd

    return pd.DataFrame({"service_id": ["A-1", "B-2"], "name_ko": ["가로등", "버스"], "name_en": ["Lights", "Bus"]})


def _counts():
    import pandas as pd

    return pd.DataFrame({"project_id": ["A-1", "B-2"], "needs": [3, 7], "opinions": [2, 0]})


def test_counts_table_and_text_never_call_it_a_vote():
    from geo.voice_view import counts_by_project, counts_table

    table = counts_table(_counts(), _services(), "ko")
    assert table.values.tolist() == [["B-2", "버스", 7, 0], ["A-1", "가로등", 3, 2]]
    assert counts_by_project(_counts(), ["A-1", "C-3"], "ko") == ["필요해요 3 · 의견 2", "필요해요 0 · 의견 0"]
    assert counts_by_project(_counts(), ["A-1"], "en") == ["We need this 3 · opinions 2"]
    assert "투표" in t("voice.opinion.title", "ko") and "not a vote" in t("voice.counts.column", "en")


def test_the_export_carries_project_period_counts_and_filters():
    from datetime import date

    from geo.analysis.exports import to_csv_bytes
    from geo.voice_view import export_context

    context = export_context(
        counts=_counts(),
        shown=1,
        project_id="A-1",
        services=_services(),
        since=date(2026, 12, 1),
        until=None,
        statuses=["pending", "approved"],
        today=date(2026, 12, 7),
    )
    rows = dict(context.rows("ko"))
    assert rows["사업"] == "가로등 (A-1)"
    assert rows["기간"] == "2026-12-01 – …"
    assert (rows["필요해요"], rows["의견"], rows["내보낸 의견 수"]) == ("3", "2", "1")
    assert rows["조건"] == "확인 대기, 공개"
    assert rows["참고"] == t("voice.counts.note", "ko")
    import pandas as pd

    text = to_csv_bytes(pd.DataFrame({"내용": ["=cmd()"]}), context=context).decode("utf-8-sig")
    assert text.startswith("사업,가로등 (A-1)\r\n기간,2026-12-01 – …\r\n필요해요,3\r\n")
    assert "'=cmd()" in text  # a formula typed by a visitor stays text


def test_an_approved_opinion_card_escapes_everything():
    from geo.voice_view import opinion_card_html

    html = opinion_card_html("<script>alert(1)</script>", "safety", "<b>네</b>", "ko")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;네&lt;/b&gt;" in html and "시의 답변" in html and "안전에 도움이 돼요" in html
