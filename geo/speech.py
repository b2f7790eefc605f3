"""읽어 주기 (read aloud): the text of a kiosk screen and its speech, made offline on the app's own server.

The text is built from the same HTML the screen shows (``screen_speech_text``), so what is read is what
is seen: hidden parts (``aria-hidden``, the status glyphs) are skipped, each block becomes its own
sentence. The speech comes from eSpeak NG (Debian ``espeak-ng``, GPL-3.0-or-later, run as a separate
program): the engine chosen by measurement in ``docs/speech.md`` (the only offline engine here with a
Korean voice). Where it is not installed ``find_engine`` returns ``None``; the kiosk's button says so
and ``python -m geo.health`` reports it. Nothing here reaches a network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from geo.i18n.problems import ProblemError, message

ENGINE_PROGRAM = "espeak-ng"
ENGINE_VOICES = {"ko": "ko", "en": "en-gb"}  # eSpeak NG voice per screen language
# Words per minute: eSpeak's default is 175; a lobby audience (older visitors among them) gets a calmer default.
RATES_WPM = {"slow": 120, "normal": 150, "fast": 190}
# eSpeak's amplitude (0–200, default 100); above ~170 the voice clips.
VOLUMES = {"quiet": 60, "normal": 100, "loud": 160}
DEFAULT_RATE, DEFAULT_VOLUME = "normal", "normal"
MAX_SPEECH_CHARS = 4000  # a screen reads in under ~3 minutes; a runaway text never ties up the server
SYNTHESIS_TIMEOUT_S = 30.0

# Blocks that end a sentence when read: each card, row, heading and paragraph is read as its own sentence.
_BLOCK_TAGS = {"div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "ul", "ol"}
_SKIPPED_TAGS = {"style", "script", "svg", "template"}
# Inline boxes that stand apart on screen (badges, tags, a number beside its label): a short pause between them.
_INLINE_TAGS = {"span", "b", "strong", "em", "i", "a", "small", "label", "mark"}
_PAUSE = "\u2063"  # an invisible separator, said as a comma between two words and dropped elsewhere
_VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "source", "wbr"}
# Separators and glyphs that a voice would spell out ("middle dot") or stumble on.
_SPOKEN_PAUSES = str.maketrans({"·": ", ", "•": ", ", "|": ", ", "—": ", ", "“": "", "”": "", "‘": "", "’": ""})
_RANGE = re.compile(r"(\d)\s*[–~]\s*(\d)")  # 2020–2024, 1–2: said "2020에서 2024", "2020 to 2024"
_UNITS = {
    "ko": ((re.compile(r"(\d)\s*km\b"), r"\1 킬로미터"), (re.compile(r"\s*㎡"), " 제곱미터"), (_RANGE, r"\1에서 \2")),
    "en": (
        (re.compile(r"(\d)\s*km\b"), r"\1 kilometres"),
        (re.compile(r"\s*㎡"), " square metres"),
        (_RANGE, r"\1 to \2"),
    ),
}


class _VisibleText(HTMLParser):
    """Collects the text a visitor sees, one chunk per block, skipping hidden and non-text parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden_depth = 0  # >0 inside an aria-hidden / hidden / skipped element
        self._stack: list[bool] = []  # per open element: does it hide its content?

    def _end_block(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._end_block()
        self._current.append(" ")  # inline boxes sit apart on screen (flex gaps): keep their words apart
        if tag in _VOID_TAGS:
            return
        found = dict(attrs)
        hides = (
            tag in _SKIPPED_TAGS
            or found.get("aria-hidden") == "true"
            or "hidden" in found
            or "display:none" in (found.get("style") or "").replace(" ", "")
        )
        self._stack.append(hides)
        self._hidden_depth += hides

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if self._stack:
            self._hidden_depth -= self._stack.pop()
        self._current.append(_PAUSE if tag in _INLINE_TAGS else " ")
        if tag in _BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()


def visible_blocks(html: str) -> list[str]:
    """The visible text of an HTML fragment, one string per block, whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _sentence(block: str, lang: str) -> str:
    for pattern, spoken in _UNITS.get(lang, ()):
        block = pattern.sub(spoken, block)
    # Symbols (the status glyphs ★ ▲ ◆, arrows) are shapes for the eye; the word beside them is read.
    block = "".join(char for char in block if unicodedata.category(char) != "So")
    block = re.sub(rf"\s*{_PAUSE}[\s{_PAUSE}]*", ", ", block)
    text = re.sub(r"\s+([,.:;?!])", r"\1", " ".join(block.translate(_SPOKEN_PAUSES).split())).strip(" ,")
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.:;?!)])", r"\1", text)
    if text and text[-1] not in ".?!:;":
        text += "."
    return text


def screen_speech_text(title: str, fragments: Iterable[str], lang: str, limit: int = MAX_SPEECH_CHARS) -> str:
    """The text to read for one kiosk screen: its title, then each visible block of its HTML fragments.

    Parameters
    ----------
    title : plain text of the screen's heading (read first).
    fragments : the screen's HTML, exactly as shown (escaped text inside tags).
    lang : ``"ko"`` or ``"en"``; decides how units (km, ㎡) are said.
    limit : characters at most; a longer text is cut at the last whole sentence before it.
    """
    sentences: list[str] = []
    for block in [title, *(b for fragment in fragments for b in visible_blocks(fragment))]:
        sentence = _sentence(block, lang)
        if sentence and (not sentences or sentences[-1] != sentence):
            sentences.append(sentence)
    text = "\n".join(sentences)
    if len(text) > limit:
        text = text[:limit].rsplit("\n", 1)[0]
    return text


@dataclass(frozen=True)
class SpeechEngine:
    """An installed speech program and the languages it can speak."""

    program: str
    version: str
    languages: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.version} ({', '.join(self.languages)})"


def _run(args: Sequence[str], text: str | None = None, timeout: float = SYNTHESIS_TIMEOUT_S) -> bytes:
    result = subprocess.run(
        list(args),
        input=None if text is None else text.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=True,
    )
    return result.stdout


def find_engine(program: str = ENGINE_PROGRAM) -> SpeechEngine | None:
    """The installed eSpeak NG with the voices the kiosk needs, or ``None`` when it is missing or broken."""
    path = shutil.which(program)
    if path is None:
        return None
    try:
        version = _run([path, "--version"], timeout=10).decode("utf-8", "replace").split("Data at")[0].strip()
        languages = tuple(
            lang
            for lang, voice in ENGINE_VOICES.items()
            if re.search(
                rf"^\s*\d+\s+{re.escape(voice)}\s", _run([path, f"--voices={voice}"], timeout=10).decode(), re.M
            )
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return SpeechEngine(path, version.removeprefix("eSpeak NG text-to-speech:").strip() or program, languages)


def synthesize(
    engine: SpeechEngine, text: str, lang: str, rate: str = DEFAULT_RATE, volume: str = DEFAULT_VOLUME
) -> bytes:
    """Speak ``text`` to WAV bytes (16-bit mono) with the engine's voice for ``lang``.

    Raises ``ValueError`` for a language the engine lacks or an unknown rate or volume name, and
    ``subprocess.SubprocessError`` / ``OSError`` when the program fails or takes longer than 30 s.
    """
    if lang not in engine.languages:
        raise ProblemError(message("speech_language_missing", lang=lang, languages=list(engine.languages)))
    if rate not in RATES_WPM or volume not in VOLUMES:
        allowed = f"{sorted(RATES_WPM)}, {sorted(VOLUMES)}"
        raise ProblemError(message("speech_setting_unknown", rate=rate, volume=volume, allowed=allowed))
    args = [engine.program, "-v", ENGINE_VOICES[lang], "-s", str(RATES_WPM[rate]), "-a", str(VOLUMES[volume])]
    # --stdin: the text never becomes a command-line argument; -b 1: it is UTF-8.
    return complete_wav(_run([*args, "-b", "1", "--stdin", "--stdout"], text=text[:MAX_SPEECH_CHARS]))


def complete_wav(audio: bytes) -> bytes:
    """``audio`` with its RIFF and data sizes set to its real length.

    eSpeak NG writing to a pipe cannot seek back, so its header says "unknown length" (0x7FFFFFFF):
    a browser then shows no duration and some players stop early. Anything not a WAV is returned as is.
    """
    data_at = audio.find(b"data", 12)
    if not audio.startswith(b"RIFF") or audio[8:12] != b"WAVE" or data_at < 0:
        return audio
    fixed = bytearray(audio)
    fixed[4:8] = (len(audio) - 8).to_bytes(4, "little")
    fixed[data_at + 4 : data_at + 8] = (len(audio) - data_at - 8).to_bytes(4, "little")
    return bytes(fixed)
