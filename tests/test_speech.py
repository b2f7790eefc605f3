"""읽어 주기: the text read for a kiosk screen (geo.speech, geo.kiosk.speech) and the engine that speaks it."""

from __future__ import annotations

import io
import shutil
import stat
import wave
from pathlib import Path

import pytest

from geo.kiosk.area import area_screen_html
from geo.kiosk.overview import overview_html
from geo.kiosk.screens import kiosk_screens, project_screen_html
from geo.kiosk.speech import kiosk_screen_fragments, kiosk_speech_text
from geo.speech import (
    RATES_WPM,
    SpeechEngine,
    complete_wav,
    find_engine,
    screen_speech_text,
    synthesize,
    visible_blocks,
)


def test_each_block_is_a_sentence_and_hidden_parts_are_not_read():
    html = (
        '<div class="kiosk-card"><div><span aria-hidden="true">★</span><span>운영</span>'
        "<span>기간 2020–2024년</span></div><div>수소 시범도시</div>"
        "<style>.x{color:red}</style><script>alert(1)</script><div hidden>숨김</div></div>"
    )
    assert [block.replace("\u2063", "|") for block in visible_blocks(html)] == [
        "| 운영| 기간 2020–2024년|",
        "수소 시범도시",
    ]
    assert screen_speech_text("지금 이용할 수 있어요", [html], "ko") == (
        "지금 이용할 수 있어요.\n운영, 기간 2020에서 2024년.\n수소 시범도시."
    )


def test_glyphs_separators_and_units_are_said_as_words():
    html = "<div>★ 운영 · 약 2.3 km · 199만 ㎡</div><div>1–2 of 11</div>"
    assert screen_speech_text("", [html], "ko") == "운영, 약 2.3 킬로미터, 199만 제곱미터.\n1에서 2 of 11."
    assert screen_speech_text("", [html], "en").splitlines() == [
        "운영, 약 2.3 kilometres, 199만 square metres.",
        "1 to 2 of 11.",
    ]


def test_escaped_text_is_read_as_shown_and_a_long_screen_is_cut_at_a_sentence():
    assert screen_speech_text("A &amp; B", ["<p>x &lt; y</p>"], "en") == "A &amp; B.\nx < y."
    text = screen_speech_text("Title", [f"<p>Sentence number {n}</p>" for n in range(500)], "en", limit=200)
    assert len(text) <= 200 and text.endswith(".") and text.splitlines()[0] == "Title."


def test_the_kiosk_reads_the_same_html_its_screens_show(bundled):
    screens = kiosk_screens(bundled.services)
    overview, projects, area = screens[0], next(s for s in screens if s.kind == "projects"), screens[-1]
    assert kiosk_screen_fragments(overview, bundled, [], "ko") == [overview_html(bundled.plan, bundled.services, "ko")]
    assert kiosk_screen_fragments(projects, bundled, [], "en") == [
        project_screen_html(bundled.services, projects, "en")
    ]
    assert kiosk_screen_fragments(area, bundled, [], "ko") == [
        area_screen_html(bundled.plan, bundled.areas, bundled.services, [], area.area_id or "", "ko")
    ]
    spoken = kiosk_speech_text(overview, bundled, [], "ko").splitlines()
    assert spoken[0] == "안산시 스마트도시계획."
    assert "추진 방향." in spoken and "1. 시민 중심 체감형 스마트서비스 확대." in spoken
    english = kiosk_speech_text(overview, bundled, [], "en")
    assert english.startswith("Ansan Smart City Plan.\n") and "스마트" not in english


def test_the_then_and_now_screen_is_read_too(bundled):
    # It had no branch of its own and was read as an area with no id (a KeyError on that screen).
    from datetime import date

    from geo.i18n import t
    from geo.kiosk.then import then_and_now, then_now_html

    then = next(s for s in kiosk_screens(bundled.services) if s.kind == "then")
    day = date(2026, 6, 1)
    for lang in ("ko", "en"):
        expected = then_now_html(then_and_now(bundled.services, bundled.status_history, bundled.plan, day, lang), lang)
        assert kiosk_screen_fragments(then, bundled, [], lang, today=day) == [expected]
        spoken = kiosk_speech_text(then, bundled, [], lang, today=day)
        assert spoken.startswith(t("kiosk.then_title", lang)) and t("kiosk.then_today", lang, year=2026) in spoken


def _fake_engine(tmp_path: Path, voices: str) -> Path:
    """A stand-in espeak-ng: prints its version and voices, and 'speaks' its arguments and stdin back."""
    program = tmp_path / "espeak-ng"
    program.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        '  --version) echo "eSpeak NG text-to-speech: 9.9  Data at: /x"; exit 0;;\n'
        f'  --voices=*) echo "Pty Language Age/Gender VoiceName File Other Languages"; {voices}; exit 0;;\n'
        "esac\n"
        'echo "$@"; /bin/cat\n',
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


def test_the_engine_is_found_with_the_voices_it_has(tmp_path, monkeypatch):
    _fake_engine(tmp_path, 'case "$1" in --voices=ko) echo " 5  ko  --/M  Korean  ko";; esac')
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = find_engine()
    assert engine == SpeechEngine(str(tmp_path / "espeak-ng"), "9.9", ("ko",))
    assert engine.describe() == "9.9 (ko)"
    spoken = synthesize(engine, "안녕하세요; rm -rf /", "ko", rate="slow", volume="loud").decode()  # not a WAV: as is
    # The text goes in on stdin, never as an argument; the rate and volume become eSpeak's -s and -a.
    assert spoken == f"-v ko -s {RATES_WPM['slow']} -a 160 -b 1 --stdin --stdout\n안녕하세요; rm -rf /"
    with pytest.raises(ValueError, match="lang='en'"):
        synthesize(engine, "Hello", "en")
    with pytest.raises(ValueError, match="rate='warp'") as unknown:
        synthesize(engine, "안녕", "ko", rate="warp")
    assert str(unknown.value).startswith("rate='warp', volume='normal': 허용 값은 ")
    assert unknown.value.text("en").startswith("rate='warp', volume='normal': the allowed values are ")
    with pytest.raises(ValueError, match="lang='en'") as missing:
        synthesize(engine, "Hello", "en")
    assert str(missing.value) == "lang='en': 이 음성 엔진에 없는 언어입니다 (있는 언어: ko)"
    assert missing.value.text("en") == "lang='en': this speech engine has no such language (it has: ko)"


def test_a_streamed_wav_gets_its_real_length():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1), audio.setsampwidth(2), audio.setframerate(22050)
        audio.writeframes(b"\0\0" * 22050)
    streamed = bytearray(buffer.getvalue())
    streamed[4:8] = streamed[40:44] = (0x7FFFFFFF).to_bytes(4, "little")  # what eSpeak writes to a pipe
    with wave.open(io.BytesIO(complete_wav(bytes(streamed)))) as audio:
        assert audio.getnframes() == 22050
    assert complete_wav(b"not audio") == b"not audio"


def test_no_engine_where_none_is_installed(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine() is None


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (.ci/run installs it)")
@pytest.mark.parametrize(("lang", "text"), [("ko", "안산시 스마트도시계획."), ("en", "Ansan Smart City Plan.")])
def test_espeak_ng_speaks_korean_and_english_to_wav(lang, text):
    engine = find_engine()
    assert engine is not None and engine.languages == ("ko", "en")
    normal = synthesize(engine, text, lang)
    slow = synthesize(engine, text, lang, rate="slow")
    with wave.open(io.BytesIO(normal)) as audio:
        assert audio.getnchannels() == 1 and audio.getsampwidth() == 2
        seconds = audio.getnframes() / audio.getframerate()
    with wave.open(io.BytesIO(slow)) as audio:
        slow_seconds = audio.getnframes() / audio.getframerate()
    assert 0.8 < seconds < 6 and slow_seconds > seconds * 1.1
