"""No JavaScript longer than 15 lines inside a Python string outside tests: it lives in ``.js`` files.

A script in a file is checked by ``node --check`` in CI, can be unit-tested and read with its own
syntax; inside a Python string it is none of these. Scripts that fit in a few lines (a one-line
folium binding, a Playwright condition) may stay where they are used.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import PROJECT_ROOT

#: What is scanned: every Python file of the app, its scripts and its benchmarks.
SCANNED = ("geo", "ui", "app_pages", "dashboard.py", "scripts", "benchmarks")
#: The longest script a Python string may hold, in lines.
MAX_LINES = 15

# Marks of JavaScript code (not of CSS, SQL, HTML or prose): a string shows at least three different ones.
_JS_MARKS = (
    re.compile(r"\bfunction\s*[\w$]*\s*\([^)]*\)\s*\{"),
    re.compile(r"\)\s*=>|\b[\w$]+\s*=>"),
    re.compile(r"\b(?:var|let|const)\s+[\w$]+\s*[=,;]"),
    re.compile(r"\b(?:document|window)\.[\w$]+"),
    re.compile(r"[!=]=="),
    re.compile(r"\.(?:forEach|addEventListener|querySelector(?:All)?|getElementById|push|addTo)\("),
    re.compile(r"\breturn\b[^\n.]*;"),
    re.compile(r"\b(?:if|for|while)\s*\([^)]*\)\s*[{\w]"),
)
# CSS inside a template (a <style> element or a header macro) is not script: removed before measuring.
_STYLE = re.compile(r"<style\b.*?</style>", re.S | re.I)


def looks_like_javascript(text: str) -> bool:
    """Whether ``text`` (a string's value, styles removed) reads as JavaScript code."""
    return sum(1 for mark in _JS_MARKS if mark.search(text)) >= 3


def script_lines(node: ast.expr, value: str) -> int:
    """How many lines the script in a string takes: its own lines, or its source lines when it was
    written as adjacent one-line literals (``"var a;" "var b;"``, one line of value over many of source)."""
    own = sum(1 for line in value.splitlines() if line.strip())
    spanned = (node.end_lineno or node.lineno) - node.lineno + 1
    return spanned if own <= 1 else own


def string_value(node: ast.expr) -> str | None:
    """The text of a string constant or an f-string (its literal parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "0"
            for part in node.values
        )
    return None


def long_scripts(source: str, limit: int = MAX_LINES) -> list[tuple[int, int]]:
    """(line, length) of each string in ``source`` holding JavaScript longer than ``limit`` lines."""
    found = []
    tree = ast.parse(source)
    inside_fstring = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr) or id(node) in inside_fstring:
            continue
        value = string_value(node)
        if value is None:
            continue
        script = _STYLE.sub("", value)
        if looks_like_javascript(script):
            length = script_lines(node, script)
            if length > limit:
                found.append((node.lineno, length))
    return found


def scanned_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        path = PROJECT_ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


JS_20_LINES = "\n".join(
    [
        "(function (cfg) {",
        "  var doc = document;",
        "  function click(key) {",
        "    var button = doc.querySelector('.st-key-' + key + ' button');",
        "    if (button && !button.disabled) button.click();",
        "  }",
        "  doc.addEventListener('keydown', function (event) {",
        "    if (event.key === 'ArrowLeft') click(cfg.previous);",
        "    else if (event.key === 'ArrowRight') click(cfg.next);",
        "    else return;",
        "    event.preventDefault();",
        "  }, true);",
        "  var seen = 0;",
        "  setInterval(function () {",
        "    seen += 1;",
        "    var box = doc.querySelector('.count');",
        "    if (!box) return;",
        "    box.textContent = String(seen);",
        "  }, 250);",
        "})(__CONFIG__);",
    ]
)

SQL_20_LINES = """
CREATE TABLE IF NOT EXISTS services (
    service_id TEXT PRIMARY KEY,
    name_ko TEXT NOT NULL,
    name_en TEXT,
    status TEXT NOT NULL,
    domain TEXT NOT NULL,
    area_id TEXT,
    budget_100m_krw REAL,
    start_year INTEGER,
    end_year INTEGER,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS services_status ON services (status);
CREATE INDEX IF NOT EXISTS services_area ON services (area_id);
SELECT s.service_id, s.name_ko, count(*) AS n
FROM services AS s
LEFT JOIN status_history AS h ON h.service_id = s.service_id
WHERE s.status != '취소' AND (s.end_year IS NULL OR s.end_year >= 2026)
GROUP BY s.service_id, s.name_ko
ORDER BY n DESC;
"""

CSS_20_LINES = "<style>\n" + "\n".join(
    f".kiosk-card-{k} {{ display: flex; gap: {k}px; var(--gap); font: 600 24px sans-serif; }}" for k in range(20)
)

DOCSTRING_20_LINES = "\n".join(
    [
        "The kiosk's touch script: any touch on the page clicks the hidden button, so the server pauses.",
        "The function returns the script; the caller places it in the page with st.html.",
        "If the window is narrower than the map, the map's height is set again; for each list the room",
        "left above the footer is given to it; when the document changes, it is measured again.",
        "var, let and const are not used here: this is prose that mentions them.",
    ]
    * 4
)


def test_the_detector_finds_a_long_script_and_passes_a_short_one():
    assert looks_like_javascript(JS_20_LINES)
    assert long_scripts(f"SCRIPT = {JS_20_LINES!r}\n") == [(1, 20)]
    short = "\n".join([*JS_20_LINES.splitlines()[:6], "})(__CONFIG__);"])
    assert looks_like_javascript(short) and long_scripts(f"SCRIPT = {short!r}\n") == []


def test_the_detector_counts_a_script_written_as_adjacent_literals_and_in_an_f_string():
    pieces = "\n".join(f"    {line!r}" for line in JS_20_LINES.splitlines())
    assert long_scripts(f"SCRIPT = (\n{pieces}\n)\n") == [(2, 20)]
    escaped = [line.replace("{", "{{").replace("}", "}}") + "{n}" for line in JS_20_LINES.splitlines()]
    formatted = "\n".join(f"        f{line!r}" for line in escaped)
    assert long_scripts(f"def script(n):\n    return (\n{formatted}\n    )\n") == [(3, 20)]


def test_the_detector_passes_sql_css_and_prose():
    for text in (SQL_20_LINES, CSS_20_LINES, DOCSTRING_20_LINES):
        assert len(text.strip().splitlines()) >= 20
        assert not looks_like_javascript(text), text[:60]
        assert long_scripts(f"TEXT = {text!r}\n") == []
    # A template: a long <style> and a one-line script stay in Python.
    template = "{% macro header(this, kwargs) %}\n" + CSS_20_LINES + "\n</style>\n{% endmacro %}\n{{ this.script }}"
    assert long_scripts(f"TEMPLATE = {template!r}\n") == []


def test_no_python_string_holds_a_long_script():
    files = scanned_files()
    assert len(files) > 100 and PROJECT_ROOT / "geo" / "mapping" / "counts.py" in files
    found = {str(path.relative_to(PROJECT_ROOT)): long_scripts(path.read_text(encoding="utf-8")) for path in files}
    assert {path: at for path, at in found.items() if at} == {}, "move these scripts to .js files: (line, lines)"
