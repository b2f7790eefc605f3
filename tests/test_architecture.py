"""The layer contract, enforced: which package and which part of ``geo/`` may import which.

Dependencies point one way: ``app_pages`` → ``ui`` → ``geo``, and inside ``geo``
from the entry points down to the core vocabulary:

    cli → modes → views → analysis → data → core

A module may import from its own layer or any layer below it, never above. A new
module must be given a layer here; the test fails until it is, so the picture in
the README stays true. The same contracts are written for import-linter in
``pyproject.toml`` (``lint-imports`` in CI); keep the two in step.
"""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

from tests.conftest import PROJECT_ROOT

GEO_LAYERS: dict[str, tuple[str, ...]] = {
    # vocabularies, schema, texts, escaping, settings, shared shapes: import nothing of geo above them
    "core": (
        "model",
        "i18n",
        "html",
        "settings",
        "logs",
        "links",
        "voice",
        "speech",
        "phone",
        "colour_vision",
        "clock",
    ),
    # reading and writing data: files, store, importer, accounts, served assets
    "data": ("io", "spatial", "places", "loaders", "store", "upgrade", "importer", "auth", "assets"),
    # pure computations on loaded data
    "analysis": ("analysis",),
    # what a page shows: maps, charts, detail tables
    "views": ("mapping", "explorer", "charts", "details", "voice_view"),
    # one audience's screens end to end (geo/briefing/ and geo/kiosk/ are packages: their modules share its layer)
    "modes": ("briefing", "kiosk", "data_manager"),
    # the command line
    "cli": ("__main__", "health", "accessibility", "axe"),
}
LAYER_ORDER = list(GEO_LAYERS)
LAYER_OF = {module: layer for layer, modules in GEO_LAYERS.items() for module in modules}

# Top-level packages: which others each may import.
PACKAGE_MAY_IMPORT = {
    "geo": {"geo"},
    "ui": {"geo", "ui"},
    "app_pages": {"geo", "ui"},
}


def _imports(path: Path, root: Path) -> list[str]:
    """Absolute module names imported by a file (relative imports resolved against its package)."""
    names: list[str] = []
    package = path.relative_to(root).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            if module == "geo":  # `from geo import charts`: each name is a module
                names.extend(f"geo.{alias.name}" for alias in node.names)
            else:
                names.append(module)
    return names


def _geo_files(root: Path) -> list[Path]:
    return [p for p in (root / "geo").rglob("*.py") if p != root / "geo" / "__init__.py"]


def _geo_module(path: Path, root: Path) -> str:
    """The layer key of a file in geo/: its top-level module or subpackage name."""
    return path.relative_to(root / "geo").parts[0].removesuffix(".py")


def layer_violations(root: Path) -> list[str]:
    """Every import in ``root/geo`` that reaches a layer above the importing module's."""
    violations = []
    for path in _geo_files(root):
        module = _geo_module(path, root)
        if module not in LAYER_OF:
            continue
        rank = LAYER_ORDER.index(LAYER_OF[module])
        for imported in _imports(path, root):
            parts = imported.split(".")
            if parts[0] != "geo" or len(parts) < 2 or parts[1] == module:
                continue
            target = LAYER_OF.get(parts[1])
            if target is not None and LAYER_ORDER.index(target) > rank:
                where = path.relative_to(root).as_posix()
                violations.append(f"{where} ({LAYER_OF[module]}) imports {imported} ({target})")
    return violations


def test_every_geo_module_has_a_layer():
    unassigned = sorted({_geo_module(p, PROJECT_ROOT) for p in _geo_files(PROJECT_ROOT)} - set(LAYER_OF))
    assert unassigned == [], f"add these geo modules to GEO_LAYERS in {Path(__file__).name}"


def test_geo_modules_import_only_their_own_layer_or_below():
    assert layer_violations(PROJECT_ROOT) == []


def test_packages_point_one_way():
    violations = []
    for package, allowed in PACKAGE_MAY_IMPORT.items():
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            for imported in _imports(path, PROJECT_ROOT):
                top = imported.split(".")[0]
                if top in PACKAGE_MAY_IMPORT and top not in allowed:
                    violations.append(f"{path.relative_to(PROJECT_ROOT)} imports {imported}")
    assert violations == []


def test_the_checker_reports_upward_imports(tmp_path):
    # A core module importing a view, and a store submodule importing a mode through a relative import.
    (tmp_path / "geo" / "store").mkdir(parents=True)
    (tmp_path / "geo" / "model").mkdir()
    (tmp_path / "geo" / "model" / "vocab.py").write_text("from geo.mapping import build_map\nimport geo.model.schema\n")
    (tmp_path / "geo" / "store" / "base.py").write_text("from ..kiosk import screens\nfrom . import sqlite\n")
    assert sorted(layer_violations(tmp_path)) == [
        "geo/model/vocab.py (core) imports geo.mapping (views)",
        "geo/store/base.py (data) imports geo.kiosk (modes)",
    ]


def test_the_import_linter_contract_lists_the_same_layers():
    """pyproject.toml's layer contract (run by lint-imports in CI) and GEO_LAYERS above must not drift apart."""
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c.get("containers") == ["geo"])
    # Top layer first; a layer of GEO_LAYERS may be split into finer ones there (kiosk above briefing).
    rank = {name.strip(): -i for i, layer in enumerate(contract["layers"]) for name in layer.split(":")}
    assert set(rank) == set(LAYER_OF)
    for lower, upper in pairwise(LAYER_ORDER):
        assert max(rank[m] for m in GEO_LAYERS[lower]) < min(rank[m] for m in GEO_LAYERS[upper]), (lower, upper)


# Where a module's underscore names may not be imported from another module: what is shared gets a public name.
PRIVATE_SCAN = ("geo", "ui", "app_pages", "dashboard.py")
PROJECT_PACKAGES = ("geo", "ui", "app_pages", "dashboard")


def private_imports(root: Path) -> list[str]:
    """Every ``from X import _name`` in the app's code where X is one of the project's modules."""
    found = []
    for entry in PRIVATE_SCAN:
        top = root / entry
        paths = [top] if top.is_file() else sorted(top.rglob("*.py"))
        for path in paths:
            package = path.relative_to(root).with_suffix("").parts[:-1]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                base = list(package[: len(package) - node.level + 1]) if node.level else []
                module = ".".join([*base, node.module] if node.module else base)
                if module.split(".")[0] not in PROJECT_PACKAGES:
                    continue
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(root).as_posix()}: from {module} import {alias.name}")
    return found


def test_no_private_name_is_imported_across_modules():
    assert private_imports(PROJECT_ROOT) == [], "give these names a public name in the module that owns them"


def test_the_checker_reports_private_imports(tmp_path):
    (tmp_path / "geo" / "store").mkdir(parents=True)
    (tmp_path / "ui").mkdir()
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "geo" / "store" / "base.py").write_text(
        "from geo.store.common import _stamp, LAYERS\nfrom .core import _Tx\nfrom pandas import _libs\n"
    )
    (tmp_path / "ui" / "frame.py").write_text("from geo.i18n import _ as t\n")
    (tmp_path / "dashboard.py").write_text("from ui.frame import __version__\n")
    assert private_imports(tmp_path) == [
        "geo/store/base.py: from geo.store.common import _stamp",
        "geo/store/base.py: from geo.store.core import _Tx",
        "ui/frame.py: from geo.i18n import _",
    ]
