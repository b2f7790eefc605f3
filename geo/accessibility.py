"""The city's accessibility self-assessment: ``python -m geo accessibility-report [--lang en] [--out FILE] [--url URL]``.

One row per requirement of the public-kiosk accessibility work (issue #21): the KWCAG 2.2 item or
guideline it serves, how it was checked here, and the result. The checks that need no browser run in
Python (the contrast of the theme colours, the presence of each kiosk mode, the speech engine, the
QR code); with ``--url`` (a running app: a kiosk server, a staff server, or both) axe-core runs in
Debian's Chromium on its pages (``geo.axe``). What a machine cannot judge (a person using the kiosk,
reach heights, the help desk) is marked for a person to check. The table is written as Markdown and CSV.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.axe import CHROMIUM, PageAudit
from geo.i18n import LANGUAGES, t
from geo.i18n.problems import ProblemError, message
from geo.phone import phone_url, qr_svg
from geo.settings import PROJECT_ROOT, Settings
from geo.speech import SpeechEngine, find_engine

PASS, FAIL, NOT_RUN, PERSON = "pass", "fail", "not run", "person"
RESULT_WORDS = {
    "ko": {PASS: "적합", FAIL: "부적합", NOT_RUN: "점검 안 함", PERSON: "사람이 점검"},
    "en": {PASS: "pass", FAIL: "fail", NOT_RUN: "not run", PERSON: "to check by a person"},
}
TEXT_MIN, LARGE_MIN = 4.5, 3.0  # KWCAG 5.4.3 (WCAG 1.4.3): text; large text and map symbols (WCAG 1.4.11)
STAFF_PATHS = ("/", "/map", "/districts", "/briefing", "/data")
KIOSK_VARIANTS = ("", "contrast=high", "text=large", "reach=low")
# Where the kiosk's code lives: searched for each mode's URL parameter (its presence, statically).
KIOSK_SOURCES = ("app_pages/kiosk.py", "ui/kiosk*.py", "geo/kiosk/*.py", "geo/i18n/*.py")
REPORT_TEXTS = "geo/i18n/access_report.py"  # this report's own texts name the modes: not where the kiosk has them
MODE_MARKERS = {
    "text": r"""["']text["'][^\n]{0,80}["']large["']|text=large""",
    "contrast": r"""["']contrast["'][^\n]{0,80}["']high["']|contrast=high""",
    "reach": r"""["']reach["'][^\n]{0,80}["']low["']|reach=low""",
    "countdown": r"계속 보기",
    "pause": r"일시 ?정지|kiosk_pause",
    "help": r"도움말",
}


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` (or ``#RGB``) colour."""
    hex_digits = colour.strip().lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", hex_digits):
        raise ProblemError(message("colour_format", colour=colour))
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1–21) of two colours."""
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class ColourPair:
    theme: str
    role: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def kiosk_theme_pairs() -> list[ColourPair] | None:
    """The kiosk themes' colour pairs where the kiosk defines them (``KIOSK_THEMES`` in a module of ``geo.kiosk``).

    Expected shape: ``{theme: {role: (foreground, background)}}``; a role ending in ``_large`` or
    ``_symbol`` needs 3:1, any other 4.5:1. ``None`` when no kiosk module defines themes.
    """
    for name in sorted(p.stem for p in (PROJECT_ROOT / "geo" / "kiosk").glob("*.py") if p.stem != "__init__"):
        themes = getattr(importlib.import_module(f"geo.kiosk.{name}"), "KIOSK_THEMES", None)
        if isinstance(themes, Mapping):
            return [
                ColourPair(
                    str(theme), str(role), fg, bg, LARGE_MIN if role.endswith(("_large", "_symbol")) else TEXT_MIN
                )
                for theme, roles in themes.items()
                for role, (fg, bg) in roles.items()
            ]
    return None


def current_theme_pairs(config_file: Path = PROJECT_ROOT / ".streamlit" / "config.toml") -> list[ColourPair]:
    """The app's current theme (``.streamlit/config.toml``): text, primary buttons and links on their backgrounds."""
    theme = tomllib.loads(config_file.read_text(encoding="utf-8")).get("theme", {})
    text, background = theme.get("textColor", "#31333F"), theme.get("backgroundColor", "#FFFFFF")
    primary, secondary = theme.get("primaryColor", "#FF4B4B"), theme.get("secondaryBackgroundColor", "#F0F2F6")
    return [
        ColourPair("default", "text", text, background, TEXT_MIN),
        ColourPair("default", "text_on_sidebar", text, secondary, TEXT_MIN),
        ColourPair("default", "primary_button_text", "#FFFFFF", primary, TEXT_MIN),
        ColourPair("default", "primary_text", primary, background, TEXT_MIN),
    ]


def mode_presence(root: Path = PROJECT_ROOT) -> dict[str, str | None]:
    """For each kiosk mode, the first kiosk source file that names it (``None``: not found)."""
    files = sorted({path for pattern in KIOSK_SOURCES for path in root.glob(pattern)} - {root / REPORT_TEXTS})
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    return {
        mode: next((str(path.relative_to(root)) for path, text in texts.items() if re.search(marker, text)), None)
        for mode, marker in MODE_MARKERS.items()
    }


@dataclass(frozen=True)
class Row:
    """A requirement's row: its texts in each language (``{"ko": …, "en": …}``), its result and evidence."""

    number: str
    requirement: dict[str, str]
    guideline: dict[str, str]
    method: dict[str, str]
    result: str
    detail: str


#: The table's columns: the CSV's header (ids) and the keys of the Markdown's header (``report.col.<id>``).
CSV_COLUMNS = ["number", "requirement", "guideline", "method", "result", "detail"]


def _both(key: str) -> dict[str, str]:
    return {lang: t(key, lang) for lang in LANGUAGES}


def _result(ok: bool) -> str:
    return PASS if ok else FAIL


def _audits_text(audits: Sequence[PageAudit]) -> tuple[str, str]:
    """Pass when every page ran with no serious/critical violation and no outside request."""
    if not audits:
        return NOT_RUN, ""
    bad = [a for a in audits if a.error or a.blocking or a.external_requests]
    lines = [
        f"{a.url}: "
        + (a.error or "; ".join(v.describe() for v in a.blocking) or f"outside requests {a.external_requests[:2]}")
        for a in bad
    ]
    return _result(not bad), f"{len(audits) - len(bad)}/{len(audits)} pages clean" + (
        "; " + " | ".join(lines) if lines else ""
    )


def assess(
    settings: Settings,
    *,
    engine: SpeechEngine | None,
    modes: Mapping[str, str | None],
    pairs: Sequence[ColourPair],
    kiosk_audits: Sequence[PageAudit] = (),
    staff_audits: Sequence[PageAudit] = (),
) -> list[Row]:
    """The self-assessment rows from the checks' results (pure: every check is done by the caller)."""

    def found(*names: str) -> tuple[str, str]:
        missing = [n for n in names if not modes.get(n)]
        where = ", ".join(f"{n}: {modes[n]}" for n in names if modes.get(n))
        return _result(not missing), "; ".join(p for p in (where, missing and f"not found: {', '.join(missing)}") if p)

    low = [p for p in pairs if p.ratio < p.minimum]
    contrast = (
        _result(not low),
        "; ".join(f"{p.theme}/{p.role} {p.ratio:.2f}:1 (min {p.minimum:g})" for p in (low or pairs)),
    )
    kiosk_axe = _audits_text(kiosk_audits)
    speech_ok = engine is not None and set(engine.languages) >= {"ko", "en"}
    sample_qr = qr_svg(phone_url(settings.public_url or "https://kiosk.example/", "ko"), "QR")
    qr_detail = (
        f"DASHBOARD_PUBLIC_URL={settings.public_url}" if settings.public_url else "DASHBOARD_PUBLIC_URL unset: no QR"
    )

    def row(number: str, key: str, check: tuple[str, str]) -> Row:
        requirement, guideline, method = (
            _both(f"report.{key}.{part}") for part in ("requirement", "guideline", "method")
        )
        return Row(number, requirement, guideline, method, check[0], check[1])

    def with_axe(static: tuple[str, str]) -> tuple[str, str]:
        if kiosk_axe[0] == NOT_RUN:
            return static
        ok = static[0] == PASS and kiosk_axe[0] == PASS
        return _result(ok), f"{static[1]}; axe: {kiosk_axe[1]}"

    return [
        row("1", "large_text", with_axe(found("text"))),
        row("2", "contrast",
            (_result(contrast[0] == PASS and found("contrast")[0] == PASS), f"{contrast[1]}. {found('contrast')[1]}")),
        row("3", "time", found("countdown", "pause")),
        row("4", "speech",
            (_result(speech_ok), engine.describe() if engine else "no speech engine installed (apt-get install espeak-ng)")),
        row("5", "reach", with_axe(found("reach"))),
        row("6", "phone", (_result(sample_qr.startswith('<svg role="img" aria-label=')), qr_detail)),
        row("7", "help", found("help")),
        row("8", "modes", found("text", "contrast", "reach")),
        row("9", "self_check", (PASS, "written")),
        row("10", "staff_axe", _audits_text(staff_audits)),
        row("–", "kiosk_axe", kiosk_axe),
    ]  # fmt: skip


def markdown_table(rows: Iterable[Row], lang: str) -> str:
    words = RESULT_WORDS[lang]
    head = [t(f"report.col.{column}", lang) for column in CSV_COLUMNS]

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [
        "| "
        + " | ".join(
            cell(v)
            for v in (r.number, r.requirement[lang], r.guideline[lang], r.method[lang], words[r.result], r.detail)
        )
        + " |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def csv_table(rows: Iterable[Row], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.number, r.requirement[lang], r.guideline[lang], r.method[lang], r.result, r.detail])
    return buffer.getvalue()


def browser_audits(urls: Sequence[str]) -> tuple[list[PageAudit], list[PageAudit]]:
    """axe on each server in ``urls``: a kiosk server's screens in every mode, a staff server's pages; both languages."""
    from geo.axe import audit_page, chromium

    kiosk: list[PageAudit] = []
    staff: list[PageAudit] = []
    with chromium() as browser:
        for url in urls:
            is_kiosk = _is_kiosk(browser, url)
            for lang in ("ko", "en"):
                if is_kiosk:
                    for variant in KIOSK_VARIANTS:
                        query = "&".join(q for q in (f"lang={lang}", variant) if q)
                        kiosk.append(audit_page(browser, url, f"/?{query}", viewport=(1080, 1920)))
                else:
                    staff += [audit_page(browser, url, f"{path}?lang={lang}") for path in STAFF_PATHS]
    return kiosk, staff


def _is_kiosk(browser: Any, url: str) -> bool:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=90_000)
        return bool(page.locator(".kiosk-title").count())
    finally:
        page.close()


def write_report(rows: Sequence[Row], lang: str, out: Path | None) -> list[Path]:
    """Write the table as Markdown (``out``, default stdout) and CSV (``out`` with ``.csv``); the files written."""
    if out is None:
        print(markdown_table(rows, lang), end="")
        return []
    markdown = out if out.suffix.lower() == ".md" else out.with_suffix(".md")
    markdown.write_text(markdown_table(rows, lang), encoding="utf-8")
    table = markdown.with_suffix(".csv")
    table.write_text(csv_table(rows, lang), encoding="utf-8-sig")  # with a BOM: Excel opens Korean CSV correctly
    return [markdown, table]


def run_report(settings: Settings, lang: str, out: Path | None, urls: Sequence[str]) -> tuple[list[Row], list[Path]]:
    """Run every check this machine can run, then write the table."""
    pairs = kiosk_theme_pairs() or current_theme_pairs()
    kiosk, staff = browser_audits(urls) if urls and CHROMIUM.exists() else ([], [])
    rows = assess(
        settings, engine=find_engine(), modes=mode_presence(), pairs=pairs, kiosk_audits=kiosk, staff_audits=staff
    )
    return rows, write_report(rows, lang, out)
