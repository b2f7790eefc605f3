"""No Korean sentence written in geo/ outside geo/i18n: messages have one home.

Every Hangul string literal in ``geo/`` (docstrings, regular expressions and the units in
``test_problem_messages.NOT_MESSAGES`` aside) must be either in geo/i18n, in one of the data-vocabulary
constants allowed below (the data's own Korean words, which are not messages), or counted in ``PENDING``
(modules whose messages have not moved yet: the count may only go down).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from geo.settings import PROJECT_ROOT
from tests.test_problem_messages import inline_korean

GEO = PROJECT_ROOT / "geo"

# Data vocabulary: whole modules that hold the data's own Korean terms (statuses, domains, areas with their
# English twins, the schema's column labels). They are what the data says, not what the app says.
VOCABULARY_MODULES = frozenset({"geo/model/vocab.py", "geo/model/schema.py"})

# Data vocabulary: module-level constants, by module. Each is Korean the data or a file holds, not a message.
VOCABULARY_CONSTANTS: dict[str, frozenset[str]] = {
    # Korean column headers recognised in an import, and Ansan's dong names a boundary file may hold.
    "geo/importer/mapping.py": frozenset({"ALIASES", "YEAR_ALIASES", "ANSAN_DONGS"}),
    "geo/importer/readers.py": frozenset({"LONLAT_PAIRS", "XY_PAIRS", "WKT_COLUMN", "WKT_NAMES"}),
    # An export's Korean headers (its English headers are beside them in the same module).
    "geo/analysis/exports.py": frozenset({"AGGREGATE_LABELS_KO", "VOCABULARY_COLUMNS"}),
    # Who an audit or history row names when no person did it: a value stored in the row, like a user name.
    "geo/store/common.py": frozenset({"SEED_USER"}),
    "geo/store/signin.py": frozenset({"EMPTY_NAME"}),
    "geo/store/voice.py": frozenset({"VISITORS"}),
    # A visitor's preset reasons: ids with their Korean and English words side by side, as in geo/model/vocab.py.
    "geo/voice.py": frozenset({"REASONS"}),
    # The self-assessment's result words, both languages side by side (its table is written in either).
    "geo/accessibility.py": frozenset({"RESULT_WORDS", "MODE_MARKERS"}),
    # A tile provider's own attribution, shown as the provider writes it.
    "geo/mapping/build.py": frozenset({"ONLINE_BASEMAPS"}),
    # How Korean speech reads a unit (the Korean voice's words, not a message).
    "geo/speech.py": frozenset({"_UNITS"}),
    # A station layer's English-name column and the Korean station suffix (the layer's words).
    "geo/kiosk/area.py": frozenset({"ENGLISH_NAME_COLUMN", "STATION_SUFFIX"}),
    # How the GeoPackage file describes its reference table to GIS tools (stored in the file).
    "geo/store/backend_gpkg.py": frozenset({"REFERENCE_DESCRIPTION"}),
}

# Modules not scanned (none since the kiosk and briefing packages settled; kept so a move can pause the scan).
NOT_SCANNED_YET: tuple[str, ...] = ()

# Modules whose user-facing sentences are still written in them: how many Hangul literals each holds.
# Lower the number when you move a message to geo/i18n; never raise it (add a code instead).
PENDING: dict[str, int] = {}


def _owned_by(tree: ast.Module, names: frozenset[str]) -> set[tuple[int, str]]:
    """(line, text) of the string constants inside the module-level assignments to ``names``."""
    owned: set[tuple[int, str]] = set()
    for node in tree.body:
        targets = (
            [t.id for t in node.targets if isinstance(t, ast.Name)]
            if isinstance(node, ast.Assign)
            else [node.target.id]
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            else []
        )
        if names & set(targets):
            owned |= {
                (sub.lineno, sub.value)
                for sub in ast.walk(node)
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
            }
    return owned


def messages_in(source: str, vocabulary: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Korean string literals of ``source`` that are neither docstrings, regexes, units nor ``vocabulary``."""
    allowed = _owned_by(ast.parse(source), vocabulary)
    return [found for found in inline_korean(source) if found not in allowed]


def _scanned() -> list[Path]:
    skipped = {p for pattern in NOT_SCANNED_YET for p in PROJECT_ROOT.glob(pattern)}
    return [
        p
        for p in sorted(GEO.rglob("*.py"))
        if "i18n" not in p.relative_to(GEO).parts[:1]
        and p not in skipped
        and str(p.relative_to(PROJECT_ROOT)) not in VOCABULARY_MODULES
    ]


def test_the_scan_finds_a_message_but_not_an_allowed_constant_or_a_docstring() -> None:
    source = (
        '"""모듈 설명."""\n'
        'ALIASES = {"status": ("상태", "진행상태")}\n'
        "def check(n):\n"
        '    raise ValueError(f"파일이 {n}개로 한도를 넘습니다")\n'
    )
    assert messages_in(source, frozenset({"ALIASES"})) == [(4, "파일이 "), (4, "개로 한도를 넘습니다")]
    assert len(messages_in(source)) == 4  # without the allowance the aliases count too


def test_no_korean_message_is_written_in_geo_outside_i18n() -> None:
    counts = Counter(
        {
            name: len(messages_in(path.read_text(encoding="utf-8"), VOCABULARY_CONSTANTS.get(name, frozenset())))
            for path in _scanned()
            if (name := str(path.relative_to(PROJECT_ROOT)))
        }
    )
    found = {name: count for name, count in counts.items() if count}
    # A module not in PENDING holds no message; one in it holds exactly its count (lower it as you move them).
    assert found == PENDING


@pytest.mark.parametrize("name", sorted(VOCABULARY_CONSTANTS))
def test_every_allowed_constant_exists_and_holds_korean(name: str) -> None:
    # An allowance outliving its constant would let a message of the same name in later.
    source = (PROJECT_ROOT / name).read_text(encoding="utf-8")
    korean = set(inline_korean(source))
    for constant in VOCABULARY_CONSTANTS[name]:
        assert _owned_by(ast.parse(source), frozenset({constant})) & korean, f"{name}: {constant}"
