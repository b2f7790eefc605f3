"""Citizens' voice: "필요해요" and short opinions on a project, checked before anything is stored.

Pure functions, no I/O (the store and the pages call them):

* ``scrub`` removes personal data from a visitor's text before it is stored:
  Korean phone numbers (mobile, landline, 070/050x, +82; digits written with
  spaces, dots, dashes or brackets, full-width digits), 주민등록번호 and e-mail
  addresses become ``REMOVED_MARKER``. Markup is left as text: escaping is the
  job of whatever shows it (``geo.html``).
* ``check_opinion`` validates an opinion: a known project, an optional preset
  reason (``REASONS``), at most ``OPINION_MAX_CHARS`` characters after scrubbing,
  no control characters; a reason or some text.
* ``RateRule`` / ``decide`` / ``window_start``: the rate-limit decision the store
  applies inside its write transaction (fixed windows; per kiosk and per client).
* ``client_key``: a short hash standing in for a client address in the counters,
  salted with the window, so no address is kept.

Nothing here knows a visitor: no address, user agent or fingerprint is an input
of anything stored (개인정보보호법 §16: the minimum).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Channel = Literal["kiosk", "public"]
CHANNELS: tuple[Channel, ...] = ("kiosk", "public")
OpinionStatus = Literal["pending", "approved", "hidden"]
STATUSES: tuple[OpinionStatus, ...] = ("pending", "approved", "hidden")

#: What replaces a removed phone number, resident registration number or e-mail address.
REMOVED_MARKER = "[삭제됨]"
#: The longest opinion text, counted after scrubbing.
OPINION_MAX_CHARS = 200
#: The longest answer of the city to one opinion.
ANSWER_MAX_CHARS = 1000

#: Preset reasons a visitor may pick (id → Korean, English). Kept small: a reason is a tap, not a form.
REASONS: dict[str, tuple[str, str]] = {
    "daily_life": ("생활에 도움이 돼요", "It helps daily life"),
    "safety": ("안전에 도움이 돼요", "It makes things safer"),
    "more_places": ("우리 동네에도 필요해요", "Our neighbourhood needs it too"),
    "improve": ("개선이 필요해요", "It needs improving"),
    "more_info": ("정보가 더 필요해요", "I would like more information"),
}


def reason_label(reason: str | None, lang: str = "ko") -> str:
    """The label of a preset reason in ``lang`` ('' for none; an unknown id is shown as it is)."""
    if not reason:
        return ""
    labels = REASONS.get(reason)
    if labels is None:
        return reason
    return labels[1] if lang == "en" else labels[0]


class VoiceError(ValueError):
    """An opinion that cannot be stored; ``key`` names the screen text (``geo.i18n``) that says why."""

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(key)


# --- scrubbing -------------------------------------------------------------------------------------------

# Full-width digits, signs and spaces, and the dash look-alikes, as their plain forms, so one pattern finds
# "０１０－１２３４－５６７８" and "010‐1234‐5678" alike.
_PLAIN = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "\uff0b": "+",
        "\uff0d": "-",
        "\uff0e": ".",
        "\uff08": "(",
        "\uff09": ")",
        "\uff20": "@",
        "\u3000": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00b7": ".",
        "\u30fb": ".",
    }
)
# Between two digits of a number: up to three spaces, dots, dashes, slashes or brackets.
_GAP = r"[ \t.\-/()]{0,3}"


def _digits(low: int, high: int) -> str:
    return rf"(?:{_GAP}\d){{{low},{high}}}"


def _spaced(*parts: str) -> str:
    """Digit patterns that may each be separated by a gap ("0 1 0", "0-1-0")."""
    return _GAP.join(parts)


# 주민등록번호: six digits (birth date), then seven starting 1-8 (the last six may be masked with *).
_RRN = re.compile(rf"(?<![\d+])\d{_digits(5, 5)}{_GAP}[1-8](?:{_GAP}[\d*xX]){{6}}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+\s?@\s?[\w\-]+(?:\s?\.\s?[\w\-]+)+")
# Domestic numbers: mobile 010/011/016-019, Seoul 02, the provinces 031-064, 070 (internet phone),
# 050x (safe numbers), 080; the nationwide 15xx/16xx/18xx-xxxx only with its dash (else it reads as amounts).
_DOMESTIC = "|".join(
    [
        _spaced("0", "1", "[016789]") + _digits(7, 8),
        _spaced("0", "2") + _digits(7, 8),
        _spaced("0", "[3-6]", "[1-5]") + _digits(7, 8),
        _spaced("0", "7", "0") + _digits(8, 8),
        _spaced("0", "5", "0") + _digits(8, 9),
        _spaced("0", "8", "0") + _digits(7, 8),
    ]
)
# +82 (or 82) and the number without its leading 0 (or with it in brackets: +82 (0)10 ...).
_INTERNATIONAL = (
    rf"\+?{_GAP}8{_GAP}2{_GAP}(?:\(0\){_GAP}|0{_GAP})?"
    rf"(?:{_spaced('1', '[016789]')}|2|{_spaced('[3-6]', '[1-5]')}|{_spaced('7', '0')}){_digits(7, 8)}"
)
_PHONE = re.compile(rf"(?<![\d+])\(?(?:{_INTERNATIONAL}|{_DOMESTIC}|1[568]\d\d-\d{{4}})(?!\d)")


@dataclass(frozen=True)
class Scrubbed:
    """A text with personal data removed, and how many pieces were removed."""

    text: str
    removed: int


def scrub(text: str) -> Scrubbed:
    """``text`` with phone numbers, 주민등록번호 and e-mail addresses replaced by ``REMOVED_MARKER``.

    Full-width digits and signs are read as plain ones (and kept plain). Other text,
    markup included, is kept as typed.
    """
    plain = text.translate(_PLAIN)
    removed = 0

    def _replace(_match: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return REMOVED_MARKER

    plain = _EMAIL.sub(_replace, plain)
    # Phone numbers before 주민등록번호: "82 10 1234 5678" has thirteen digits too.
    plain = _PHONE.sub(_replace, plain)
    plain = _RRN.sub(_replace, plain)
    return Scrubbed(plain, removed)


# --- validation ------------------------------------------------------------------------------------------

# Bidirectional overrides and isolates reorder what staff read; zero-width joiners are harmless and kept.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _has_control(text: str) -> bool:
    return any((unicodedata.category(c) == "Cc" and c != "\n") or c in _BIDI for c in text)


@dataclass(frozen=True)
class Opinion:
    """An opinion ready to store: a known project, a preset reason or none, scrubbed text (may be '')."""

    project_id: str
    reason: str | None
    text: str
    channel: Channel
    removed: int  # pieces of personal data removed from the text


def check_opinion(
    project_id: str,
    reason: str | None,
    text: str | None,
    known_projects: Iterable[str],
    channel: str = "kiosk",
) -> Opinion:
    """The opinion as it will be stored, or a ``VoiceError`` naming what is wrong.

    Raises
    ------
    VoiceError
        ``voice.error.project`` (unknown project), ``voice.error.channel``,
        ``voice.error.reason`` (not a preset reason), ``voice.error.control``
        (control characters), ``voice.error.too_long`` (more than
        ``OPINION_MAX_CHARS`` after scrubbing; ``count``), ``voice.error.empty``
        (neither a reason nor text).
    """
    if project_id not in set(known_projects):
        raise VoiceError("voice.error.project")
    if channel not in CHANNELS:
        raise VoiceError("voice.error.channel")
    reason = reason or None
    if reason is not None and reason not in REASONS:
        raise VoiceError("voice.error.reason")
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if _has_control(raw):
        raise VoiceError("voice.error.control")
    cleaned = scrub(raw.strip())
    body = cleaned.text.strip()
    if len(body) > OPINION_MAX_CHARS:
        raise VoiceError("voice.error.too_long", count=len(body), limit=OPINION_MAX_CHARS)
    if reason is None and not body:
        raise VoiceError("voice.error.empty")
    return Opinion(project_id, reason, body, channel, cleaned.removed)  # type: ignore[arg-type]


def check_answer(text: str) -> str:
    """The city's answer as stored: trimmed, personal data removed, no control characters, not too long."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _has_control(raw):
        raise VoiceError("voice.error.control")
    body = scrub(raw).text.strip()
    if not body:
        raise VoiceError("voice.error.empty")
    if len(body) > ANSWER_MAX_CHARS:
        raise VoiceError("voice.error.too_long", count=len(body), limit=ANSWER_MAX_CHARS)
    return body


# --- one 필요해요 per project per visit ----------------------------------------------------------------------


def first_in_visit(tapped: Iterable[str], project_id: str) -> bool:
    """True when this visit has not yet said 필요해요 for the project (the caller keeps ``tapped`` per visit)."""
    return project_id not in set(tapped)


# --- rate limits -----------------------------------------------------------------------------------------

Scope = Literal["kiosk", "client"]


@dataclass(frozen=True)
class RateRule:
    """At most ``limit`` writes per ``window_s`` seconds for one kiosk or one client."""

    limit: int
    window_s: int = 60


@dataclass(frozen=True)
class Decision:
    """Whether a write may go ahead; ``scope`` names the limit that refused it ('' when allowed)."""

    allowed: bool
    scope: str = ""


def window_start(moment: datetime, window_s: int) -> int:
    """The start of the fixed window ``moment`` falls in, as whole seconds since the epoch."""
    seconds = int(moment.timestamp())
    return seconds - seconds % window_s


def decide(counts: Mapping[str, int], rules: Mapping[str, RateRule]) -> Decision:
    """Allowed when every scope's count in its current window is below its limit.

    ``counts``: writes already counted per scope in the current window; a scope
    without a rule (no kiosk id, no client key) is not limited.
    """
    for scope, rule in rules.items():
        if counts.get(scope, 0) >= rule.limit:
            return Decision(False, scope)
    return Decision(True)


def client_key(client: str, window: int) -> str:
    """A key for a client's counter: a hash of its address salted with the window, never the address."""
    if not client:
        return ""
    return hashlib.sha256(f"{window}:{client}".encode()).hexdigest()[:16]


def hidden_after_reports(report_count: int, threshold: int) -> bool:
    """True when visitors' reports reach the threshold that hides an opinion until staff look at it."""
    return threshold > 0 and report_count >= threshold
