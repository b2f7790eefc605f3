"""Widget keys are declared once (``ui/widget_keys.py`` or a constant of the module that owns them), and every
``st-key-`` selector in the code, the page scripts and the tests names one of them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import ui
from ui import widget_keys

ROOT = Path(__file__).resolve().parents[1]
KEY_TEXT = re.compile(r"[a-z0-9_]+")
SELECTED = re.compile(r"st-key-([a-z0-9_]+)")


def _declared() -> set[str]:
    """Every key a ui module declares as an upper-case constant (widget_keys, the kiosk's controls, state keys)."""
    keys: set[str] = set()
    for module in pkgutil.iter_modules(ui.__path__):
        for name, value in vars(importlib.import_module(f"ui.{module.name}")).items():
            if name.isupper() and isinstance(value, str) and KEY_TEXT.fullmatch(value):
                keys.add(value)
    return keys


def _is_declared(selected: str, declared: set[str]) -> bool:
    return selected in declared or any(key.endswith("_") and selected.startswith(key) for key in declared)


def _page_files() -> list[Path]:
    return [ROOT / "dashboard.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def test_no_page_or_widget_spells_its_key_inline():
    inline = []
    for path in _page_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            constant = node.value if isinstance(node, ast.keyword) and node.arg == "key" else None
            if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                inline.append(f"{path.relative_to(ROOT)}:{constant.lineno} key={constant.value!r}")
    assert not inline, "declare these in ui/widget_keys.py:\n" + "\n".join(inline)


def test_every_selector_in_code_scripts_and_tests_names_a_declared_key():
    declared = _declared()
    places = [
        *_page_files(),
        *sorted((ROOT / "static" / "js").rglob("*.js")),
        *sorted((ROOT / "static" / "servicemap").glob("*.js")),
        *sorted((ROOT / "tests").rglob("*.py")),
    ]
    unknown = [
        f"{path.relative_to(ROOT)}: st-key-{name}"
        for path in places
        for name in SELECTED.findall(path.read_text(encoding="utf-8"))
        if not _is_declared(name, declared)
    ]
    assert not unknown, "selectors naming no declared key:\n" + "\n".join(unknown)


def test_the_pages_css_is_written_with_the_declared_keys():
    css = widget_keys.widget_css("$BRIEFING_SLIDE h1, $FIT_PREFIX button {}")
    assert css == '.st-key-briefing_slide h1, [class*="st-key-fit_"] button {}'
    assert widget_keys.widget_css("$PAUSE {}", PAUSE="kiosk_pause") == ".st-key-kiosk_pause {}"
    with pytest.raises(KeyError):
        widget_keys.widget_css("$BRIEFING_SLIDES {}")  # a misspelt or renamed key fails when its module loads


def test_each_key_is_declared_once():
    values = list(widget_keys.declared_keys().values())
    assert len(values) == len(set(values))
