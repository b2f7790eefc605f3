"""Shared links: every query parameter a page reads, parsed strictly, with what was ignored and why.

A link is typed, pasted, cut by a chat app or made by hand, so nothing in it is
trusted: numbers are ASCII digits within a range (``int('²')`` and a 4,400-digit
``int`` raise), coordinates are finite, ids are known. A value that does not
pass is dropped, the page opens with its default, and the page says what it
ignored (``IgnoredParameter``), in Korean and English (the ``link.reason.*`` texts).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from geo.clock import city_today
from geo.i18n import localized, t
from geo.i18n.problems import render
from geo.model.extent import VIEW_BOX
from geo.model.vocab import Term

# The parameters each page reads; any other is ignored and named. ``lang`` is read by every page.
PAGE_PARAMETERS: dict[str, frozenset[str]] = {
    "home": frozenset({"lang"}),
    "map": frozenset({"lang", "area", "domain", "status", "phase", "years", "q", "sel", "view", "as_of"}),
    "districts": frozenset({"lang", "area", "as_of"}),
    "briefing": frozenset({"lang", "present", "as_of", "since"}),
    "data": frozenset({"lang"}),
    "kiosk": frozenset({"lang"}),
}
LANGUAGE_CODES = ("ko", "en")
YEAR_RANGE = (1900, 2100)
TEXT_MAX_LENGTH = 100
# Where a map view may point (``geo.model.extent.VIEW_BOX``), and the map's zoom range.
VIEW_LIMITS = {"lat": (VIEW_BOX[1], VIEW_BOX[3]), "lon": (VIEW_BOX[0], VIEW_BOX[2]), "zoom": (10, 19)}
SHOWN_LENGTH = 40

_YEARS = re.compile(r"[0-9]{1,4}-[0-9]{1,4}")
# A decimal number in ASCII: no exponent (1e309), no NaN or infinity, no other scripts' digits.
_DECIMAL = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,12})?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class IgnoredParameter:
    """One parameter of a link that was not used: its name and value as the link has them, and why (ko, en)."""

    name: str
    raw: str
    reason_ko: str
    reason_en: str

    @property
    def value(self) -> str:
        """The value as a Korean message shows it (:func:`shown`)."""
        return shown(self.raw)

    def message(self, lang: str) -> str:
        reason = localized({"reason_ko": self.reason_ko, "reason_en": self.reason_en}, "reason", lang)
        return f"{shown(self.name, lang)}={shown(self.raw, lang)}: {reason}"


def shown(value: str, lang: str = "ko") -> str:
    """A value as a message shows it: control characters written out, cut to ``SHOWN_LENGTH`` characters."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    if len(text) <= SHOWN_LENGTH:
        return text
    return render("cut_length", {"text": text[:SHOWN_LENGTH], "length": len(value)}, lang)


def _ignored(name: str, value: str, key: str, **values: object) -> IgnoredParameter:
    """An ignored parameter whose reason is the text ``key`` (``link.reason.*``) in both languages."""
    return IgnoredParameter(name, value, t(key, "ko", **values), t(key, "en", **values))


def unknown_parameters(params: Mapping[str, str], page: str) -> list[IgnoredParameter]:
    """Parameters ``page`` does not read (a link to another page, an old or mistyped link)."""
    known = PAGE_PARAMETERS.get(page, frozenset())
    return [
        _ignored(name, str(value), "link.reason.unknown_parameter")
        for name, value in params.items()
        if name not in known
    ]


def read_language(raw: str | None) -> tuple[str, IgnoredParameter | None]:
    """``ko`` or ``en``; anything else gives Korean and is named."""
    if raw is None or raw in LANGUAGE_CODES:
        return raw or "ko", None
    return "ko", _ignored("lang", raw, "link.reason.language")


def read_years(raw: str | None) -> tuple[tuple[int, int] | None, IgnoredParameter | None]:
    """``(first, last)`` from ``years=2024-2027`` (ASCII digits, both within ``YEAR_RANGE``, in either order)."""
    if not raw:
        return None, None
    low, high = YEAR_RANGE
    if _YEARS.fullmatch(raw):
        years = sorted(int(part) for part in raw.split("-"))
        if low <= years[0] and years[1] <= high:
            return (years[0], years[1]), None
    return None, _ignored("years", raw, "link.reason.years", low=low, high=high)


def read_choices(
    name: str, raw: str | None, terms: Mapping[str, Term], separator: str = ","
) -> tuple[tuple[str, ...], IgnoredParameter | None]:
    """The known values of a comma-separated list, in the link's order; unknown ones are named."""
    if not raw:
        return (), None
    values = raw.split(separator)
    known = tuple(dict.fromkeys(v for v in values if v in terms))
    unknown = [v for v in values if v not in terms]
    if not unknown:
        return known, None
    return known, _ignored(name, separator.join(unknown), "link.reason.unknown_value", allowed=", ".join(terms))


def read_text(raw: str | None) -> tuple[str, IgnoredParameter | None]:
    """The search text: control characters removed, at most ``TEXT_MAX_LENGTH`` characters (both named)."""
    if not raw:
        return "", None
    text = _CONTROL.sub("", raw)[:TEXT_MAX_LENGTH]
    if text == raw:
        return text.strip(), None
    return text.strip(), _ignored("q", raw, "link.reason.text", length=TEXT_MAX_LENGTH)


def read_view(raw: str | None) -> tuple[tuple[tuple[float, float], int] | None, IgnoredParameter | None]:
    """``((lat, lon), zoom)`` from ``view=37.3,126.8,13``: plain decimals, clamped into Ansan and the zoom range."""
    if not raw:
        return None, None
    parts = raw.split(",")
    if len(parts) == 3 and all(_DECIMAL.fullmatch(part) for part in parts):
        lat, lon, zoom = (float(part) for part in parts)
        if all(math.isfinite(v) for v in (lat, lon, zoom)):
            lat = min(max(lat, VIEW_LIMITS["lat"][0]), VIEW_LIMITS["lat"][1])
            lon = min(max(lon, VIEW_LIMITS["lon"][0]), VIEW_LIMITS["lon"][1])
            level = int(min(max(round(zoom), VIEW_LIMITS["zoom"][0]), VIEW_LIMITS["zoom"][1]))
            return ((round(lat, 6), round(lon, 6)), level), None
    return None, _ignored("view", raw, "link.reason.view")


def read_selection(
    raw: str | None, service_ids: Collection[str], area_ids: Collection[str]
) -> tuple[tuple[str, str] | None, IgnoredParameter | None]:
    """``("svc", id)`` or ``("area", id)`` from ``sel=svc:ANS-01``, only for an id that exists."""
    if not raw:
        return None, None
    kind, _, identifier = raw.partition(":")
    if (kind == "svc" and identifier in service_ids) or (kind == "area" and identifier in area_ids):
        return (kind, identifier), None
    return None, _ignored("sel", raw, "link.reason.selection")


def read_area(raw: str | None, area_ids: Iterable[str], default: str) -> tuple[str, IgnoredParameter | None]:
    """An area id of ``area_ids`` (the store's areas, and any page-level choice such as citywide)."""
    choices = list(area_ids)
    if raw is None or raw in choices:
        return raw or default, None
    return default, _ignored("area", raw, "link.reason.area")


def day_ignored(name: str, raw: str, reason_ko: str, reason_en: str) -> IgnoredParameter:
    """A day parameter a page could not use, with the page's own reason (a range, an order of two days)."""
    return IgnoredParameter(name, raw, reason_ko, reason_en)


def parse_day(raw: object, today: date | None = None) -> date | None:
    """A day from a link (``as_of=2024-07-01``), strictly: None when it is not a real ISO day.

    Only ``YYYY-MM-DD`` in ASCII digits from 1900 to ``today`` + 10 years is read; anything else
    (``9999-99-99``, full-width digits, a 4,000-digit year) is None, so the page opens on its default.
    """
    if not isinstance(raw, str) or len(raw) != 10 or not raw.isascii():
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    latest = (today or city_today()).year + 10
    return day if 1900 <= day.year <= latest else None


def read_day(name: str, raw: str | None, today: date | None = None) -> tuple[date | None, IgnoredParameter | None]:
    """A day parameter (``as_of``, ``since``): the day, or None and why it was ignored (None when absent)."""
    if raw is None:
        return None, None
    day = parse_day(raw, today)
    if day is not None:
        return day, None
    return None, _ignored(name, raw, "link.reason.day")


def read_flag(name: str, raw: str | None) -> tuple[bool, IgnoredParameter | None]:
    """``1`` is on, absent is off; anything else is off and named."""
    if raw is None or raw in ("0", "1"):
        return raw == "1", None
    return False, _ignored(name, raw, "link.reason.flag")
