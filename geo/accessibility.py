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
KIOSK_SOURCES = ("app_pages/kiosk.py", "ui/kiosk*.py", "geo/kiosk*.py", "geo/i18n/*.py")
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
        raise ValueError(f"colour={colour!r}: #RRGGBB 형식이어야 합니다")
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
    files = sorted({path for pattern in KIOSK_SOURCES for path in root.glob(pattern)})
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    return {
        mode: next((str(path.relative_to(root)) for path, text in texts.items() if re.search(marker, text)), None)
        for mode, marker in MODE_MARKERS.items()
    }


@dataclass(frozen=True)
class Row:
    number: str
    requirement: dict[str, str]
    guideline: str
    method: dict[str, str]
    result: str
    detail: str


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

    def row(number: str, ko: str, en: str, guideline: str, how_ko: str, how_en: str, check: tuple[str, str]) -> Row:
        return Row(number, {"ko": ko, "en": en}, guideline, {"ko": how_ko, "en": how_en}, check[0], check[1])

    def with_axe(static: tuple[str, str]) -> tuple[str, str]:
        if kiosk_axe[0] == NOT_RUN:
            return static
        ok = static[0] == PASS and kiosk_axe[0] == PASS
        return _result(ok), f"{static[1]}; axe: {kiosk_axe[1]}"

    return [
        row("1", "큰 글씨 (화면 전체 약 2배)", "Large text (whole layout about 2×)", "WCAG 1.4.4, 1.4.10; MSIT 키오스크 평가(200 %)",
            "키오스크 코드에 ?text=large 처리 여부; --url이면 그 모드에서 axe", "kiosk code handles ?text=large; with --url, axe in that mode",
            with_axe(found("text"))),
        row("2", "고대비 (글자 4.5:1, 큰 글자·지도 기호 3:1)", "High contrast (text 4.5:1, large text and symbols 3:1)",
            "KWCAG 5.4.3 텍스트 콘텐츠의 명도 대비; 5.4.1 색에 무관한 인식; NIA 키오스크 지침",
            "테마 색 쌍의 명도 대비 계산; ?contrast=high 처리 여부", "contrast of each theme's colour pairs; ?contrast=high handled",
            (_result(contrast[0] == PASS and found("contrast")[0] == PASS), f"{contrast[1]}. {found('contrast')[1]}")),
        row("3", "시간 조절: 20초 전 경고와 계속 보기, 일시정지·이전·다음", "Time: a 20 s warning with Keep viewing; pause, previous, next",
            "KWCAG 6.2.1 응답시간 조절, 6.2.2 정지 기능 제공, 6.1.1 키보드 사용 보장",
            "키오스크 코드에 '계속 보기'와 일시정지 여부 (동작은 브라우저 테스트)", "kiosk code has 'keep viewing' and pause (behaviour: browser tests)",
            found("countdown", "pause")),
        row("4", "음성 안내 (읽어 주기, 빠르기·음량, 한국어·영어, 오프라인)", "Read aloud (rate, volume, Korean and English, offline)",
            "NIA 키오스크 접근성 지침 (음성 안내); KWCAG 7.2.1 사용자 요구에 따른 실행",
            "설치된 음성 엔진과 언어 (python -m geo.health에도 보고)", "installed speech engine and its languages (also in python -m geo.health)",
            (_result(speech_ok), engine.describe() if engine else "no speech engine installed (apt-get install espeak-ng)")),
        row("5", "낮은 화면 (휠체어 이용자: 조작부를 화면 아래 절반에)", "Low reach (every control in the lower half)",
            "장애인차별금지법 시행령 (키오스크); NIA 키오스크 지침 (조작 범위)",
            "키오스크 코드에 ?reach=low 처리 여부; 설치 높이는 사람이 점검", "kiosk code handles ?reach=low; mounting height by a person",
            with_axe(found("reach"))),
        row("6", "내 휴대폰으로 보기 (QR, 공개 화면만)", "View on my phone (QR code, public view only)",
            "지능정보화 기본법 (대체 수단: 이용자 기기의 보조 웹사이트); KWCAG 5.1.1 적절한 대체 텍스트",
            "QR을 오프라인으로 생성(SVG, 대체 텍스트); 공개 주소 설정 여부", "QR made offline (SVG with a text alternative); public address set",
            (_result(sample_qr.startswith('<svg role="img" aria-label=')), qr_detail)),
        row("7", "도움말 (사용법, 문의처)", "Help (how to use, whom to ask)", "KWCAG 7.2.2 찾기 쉬운 도움 정보",
            "키오스크 코드와 문구에 도움말 여부; 문의처는 사람이 점검", "kiosk code and texts have help; the contact by a person",
            found("help")),
        row("8", "모드마다 버튼과 URL 매개변수, 대기 초기화 때 해제", "Each mode a button and URL parameter, reset when idle",
            "KWCAG 6.1.1 키보드 사용 보장; 운영 (키오스크 PC 시작 주소)",
            "?text=large, ?contrast=high, ?reach=low 처리 여부", "?text=large, ?contrast=high, ?reach=low handled",
            found("text", "contrast", "reach")),
        row("9", "자체 점검 보고서 (이 표)", "Self-check report (this table)", "KWCAG 2.2 자체 평가",
            "python -m geo accessibility-report", "python -m geo accessibility-report", (PASS, "written")),
        row("10", "직원 화면: axe-core 심각·치명 위반 없음 (한국어·영어)", "Staff pages: no serious or critical axe-core violation (ko, en)",
            "KWCAG 5.4.3 명도 대비, 6.4.2 제목 제공, 8.2.1 웹 애플리케이션 접근성 준수",
            "--url의 직원 서버 각 화면에서 axe-core (Chromium)", "axe-core in Chromium on each page of a staff server given by --url",
            _audits_text(staff_audits)),
        row("–", "키오스크 기본·모드 화면: axe-core 위반 없음", "Kiosk screens, every mode: no axe-core violation",
            "KWCAG 5.4.3, 6.1.1, 8.2.1", "--url의 키오스크 서버에서 axe-core (기본, 고대비, 큰 글씨, 낮은 화면 × 한국어·영어)",
            "axe-core on a kiosk server given by --url (default, high contrast, large text, low reach × ko, en)", kiosk_axe),
    ]  # fmt: skip


def markdown_table(rows: Iterable[Row], lang: str) -> str:
    words = RESULT_WORDS[lang]
    head = (
        ("번호", "요구 사항", "KWCAG 2.2 항목·지침", "점검 방법", "결과", "근거")
        if lang == "ko"
        else ("No.", "Requirement", "KWCAG 2.2 item or guideline", "How checked", "Result", "Evidence")
    )

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [
        "| "
        + " | ".join(
            cell(v) for v in (r.number, r.requirement[lang], r.guideline, r.method[lang], words[r.result], r.detail)
        )
        + " |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def csv_table(rows: Iterable[Row], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["number", "requirement", "guideline", "method", "result", "detail"])
    for r in rows:
        writer.writerow([r.number, r.requirement[lang], r.guideline, r.method[lang], r.result, r.detail])
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
