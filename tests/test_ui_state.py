"""Session-state keys live in ``ui/state.py``; the vocabulary filters are one spec drawn in a loop."""

from __future__ import annotations

import ast
from dataclasses import fields

from streamlit.testing.v1 import AppTest

from geo.analysis.filters import CHOICE_FILTERS, ServiceFilter
from geo.model.vocab import AREA_TERMS, DOMAIN_TERMS, PHASE_TERMS, STATUS_TERMS
from tests.conftest import PROJECT_ROOT
from ui import state

_STATE_METHODS = ("get", "pop", "setdefault")


def _inline_keys(tree: ast.AST) -> list[int]:
    """Lines where ``st.session_state`` is indexed or read with a key written out (a literal or f-string)."""
    lines = []
    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("session_state"):
            key = node.slice
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _STATE_METHODS
            and ast.unparse(node.func.value).endswith("session_state")
            and node.args
        ):
            key = node.args[0]
        if isinstance(key, ast.Constant | ast.JoinedStr):
            lines.append(node.lineno)
    return lines


def test_no_page_or_widget_module_spells_a_session_key():
    spelled = []
    for package in ("ui", "app_pages"):
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            if path.name == "state.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            spelled += [f"{path.relative_to(PROJECT_ROOT)}:{line}" for line in _inline_keys(tree)]
    assert spelled == [], "name the key in ui/state.py"


def test_the_checker_sees_inline_keys():
    tree = ast.parse('st.session_state["a"] = 1\nst.session_state.get(f"b_{x}")\nst.session_state[state.KEY]\n')
    assert _inline_keys(tree) == [1, 2]


def test_session_keys_are_distinct():
    keys = [v for k, v in vars(state).items() if k.isupper() and isinstance(v, str)]
    keys += [v for k, v in vars(state).items() if k.isupper() and isinstance(v, dict) for v in v.values()]
    assert len(keys) == len(set(keys)) and len(keys) > 20


def test_an_event_acts_once_and_a_generation_replaces_the_widget():
    def script() -> None:
        import streamlit as st

        from ui import state

        acted = [state.is_new("probe_seen", value) for value in ("x", "x", "y", "x")]
        state.next_generation("probe_generation")
        st.write(f"{acted} {state.generation('probe_generation')}")

    at = AppTest.from_function(script).run()
    assert at.markdown[0].value == "[True, False, True, True] 1"
    at.run()
    # The same value again on the next run is not new; the generation keeps counting.
    assert at.markdown[0].value == "[False, False, True, True] 2"


def test_every_vocabulary_filter_is_in_the_spec_in_sidebar_order():
    listed = [f.name for f in fields(ServiceFilter) if f.name not in ("years", "text")]
    assert [choice.field for choice in CHOICE_FILTERS] == listed
    assert [choice.terms for choice in CHOICE_FILTERS] == [AREA_TERMS, DOMAIN_TERMS, STATUS_TERMS, PHASE_TERMS]
    assert set(state.FILTER_WIDGETS) == {f.name for f in fields(ServiceFilter)}
