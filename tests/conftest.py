"""Shared test fixtures: isolation from the developer's setup, the bundled data, the real reference files.

Every test runs with a fresh temporary store directory, a temporary secrets file
and no ``DATABASE_URL`` or other ``DASHBOARD_*`` variable from the developer's
shell, so a local edit to ``data/dashboard.gpkg`` or an exported database URL can
never change a result, and a run leaves nothing in the tree.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from geo.loaders import DashboardData, load_dashboard_data

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
# The illustrative set (96 sample services): tests of charts, edits and imports that need many
# services in every status and area use it; the bundled default holds the reported projects.
DEMO_DIR = DATA_DIR / "demo"
REFERENCE_DIR = PROJECT_ROOT.parent / "shared" / "reference"


# Variables that select data, store, accounts or mode; none may leak in from the developer's shell.
_APP_VARIABLES = ("DATABASE_URL",)
_APP_PREFIX = "DASHBOARD_"


def isolated_env(base: dict[str, str], store_dir: Path) -> dict[str, str]:
    """``base`` without the app's variables, pointed at a private store and secrets file (for subprocesses)."""
    env = {k: v for k, v in base.items() if not (k.startswith(_APP_PREFIX) or k in _APP_VARIABLES)}
    env["DASHBOARD_STORE_DIR"] = str(store_dir)
    env["DASHBOARD_SECRETS_FILE"] = str(store_dir / "secrets.toml")
    # No handouts built behind a test's back (seconds of Chromium each); the handout tests turn it on.
    env["DASHBOARD_HANDOUT_PREPARE"] = "0"
    return env


#: Workers for the fast loop: both cores of the 2-core machines the project is built on.
FAST_LOOP_WORKERS = 2


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The fast loop (``-m "not browser and not slow"``) spreads over the cores with pytest-xdist.

    Its tests share no port, file or store (each has its own temporary folders), so they run in two processes.
    The browser tests stay in one process in file order: they start servers and Chromium, and a second browser
    beside them makes their timings flaky. ``-n 0`` or ``-p no:xdist`` runs the fast loop in one process.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") or not config.pluginmanager.hasplugin("xdist"):
        return
    deselects_browser = "not browser" in (config.option.markexpr or "")
    workers = min(FAST_LOOP_WORKERS, os.cpu_count() or 1)
    if deselects_browser and workers > 1 and config.option.numprocesses is None and not config.option.collectonly:
        config.option.numprocesses = workers
        if config.option.dist == "no":
            config.option.dist = "load"


E2E_DIR = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/e2e drives Chromium and a real server: marked ``browser`` even where its module
    forgot ``pytestmark`` (one such module ran 40 s of handout builds in the fast loop)."""
    for item in items:
        if E2E_DIR in item.path.parents and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def isolated_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary store directory for this test; the app's variables from the shell are removed."""
    store_dir = tmp_path_factory.mktemp("store")
    for name, value in isolated_env(dict(os.environ), store_dir).items():
        if os.environ.get(name) != value:
            monkeypatch.setenv(name, value)
    for name in [n for n in os.environ if n.startswith(_APP_PREFIX) or n in _APP_VARIABLES]:
        if name not in ("DASHBOARD_STORE_DIR", "DASHBOARD_SECRETS_FILE", "DASHBOARD_HANDOUT_PREPARE"):
            monkeypatch.delenv(name)
    return store_dir


# What a GeoPackage store's first build runs; a test that replaces one of them (to fail a build part-way) gets
# a real build.
_BUILD_STEPS = (
    "_build",
    "_create",
    "_ddl",
    "_after_create",
    "_insert_layer",
    "_after_layer_write",
    "_create_reference_tables",
    "_create_voice_tables",
    "_audit",
)


def _folder_fingerprint(folder: Path) -> str:
    """A digest of every file's relative path and content under ``folder`` (the bundled data is 0.6 MB)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(autouse=True, scope="session")
def prepared_stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Build each GeoPackage store once per (data folder name and content, ``now`` or today) and copy it for the next
    test that asks for the same: a build from the bundled data takes about a second and hundreds of tests (every page
    run under AppTest) start with one. Each copy is the test's own file with a fresh revision, so no test sees
    another's writes; a build whose steps a test replaced, or from a folder that changed, is a real build."""
    from geo.clock import city_now
    from geo.store.geopackage import GeoPackageStore

    original = GeoPackageStore._build
    steps = {name: getattr(GeoPackageStore, name) for name in _BUILD_STEPS}
    templates = tmp_path_factory.mktemp("store-templates")
    built: dict[tuple[str, str, str], tuple[Path, DashboardData]] = {}

    def build(self: GeoPackageStore, path: Path, data_dir: Path, now: datetime | None) -> None:
        if any(getattr(type(self), name) is not step for name, step in steps.items()):
            original(self, path, data_dir, now)
            return
        moment = now.isoformat() if now else f"today {city_now().date().isoformat()}"
        # The folder's own name is in the audit row; its full path only in store_meta (set below).
        key = (data_dir.name, _folder_fingerprint(data_dir), moment)
        if key not in built:
            original(self, path, data_dir, now)
            assert self._created_data is not None
            template = templates / f"{len(built)}.gpkg"
            shutil.copyfile(path, template)
            built[key] = (template, copy.deepcopy(self._created_data[1]))
            return
        template, data = built[key]
        shutil.copyfile(template, path)  # into the claimed file itself (the same inode, its lock held)
        revision = uuid.uuid4().hex
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("UPDATE store_meta SET value = ? WHERE key = 'revision'", (revision,))
            connection.execute("UPDATE store_meta SET value = ? WHERE key = 'created_from'", (str(data_dir),))
        finally:
            connection.close()
        # What _create hands to the first read_data: the data the store was made from (a copy of its own).
        self._created_data = (revision, copy.deepcopy(data))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(GeoPackageStore, "_build", build)
        steps["_build"] = build
        yield


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots and rendered pages of failed or inspected tests go: outside the tree."""
    return tmp_path_factory.mktemp("artifacts")


@pytest.fixture(scope="session")
def bundled() -> DashboardData:
    return load_dashboard_data(DATA_DIR)


@pytest.fixture(scope="session")
def demo() -> DashboardData:
    return load_dashboard_data(DEMO_DIR)


@pytest.fixture(scope="session")
def handout_figures(bundled: DashboardData, demo: DashboardData) -> Callable[..., list[Any]]:
    """``briefing_figures`` of the bundled or demo data, built once per (data, day, since, language) and shared:
    each build takes seconds and the tests only read the figures."""
    from geo.briefing.handout import briefing_figures

    built: dict[tuple[str, date, date, str], list[Any]] = {}

    def figures(dataset: str, as_of: date, since: date, lang: str = "ko") -> list[Any]:
        key = (dataset, as_of, since, lang)
        if key not in built:
            built[key] = briefing_figures({"bundled": bundled, "demo": demo}[dataset], as_of, since, lang)  # type: ignore[arg-type]
        return built[key]

    return figures


@pytest.fixture
def reference_dir() -> Path:
    if not REFERENCE_DIR.is_dir():
        pytest.skip(f"real reference GIS files not found at {REFERENCE_DIR} (../shared/reference beside the project)")
    return REFERENCE_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, for tests that break or change files."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.gpkg", "*.sqlite", "backups", "demo"))
    return target


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo data folder (96 sample services), for edit and import tests."""
    target = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, target, ignore=shutil.ignore_patterns("*.gpkg", "*.sqlite", "backups"))
    return target


def postgis_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        pytest.skip(
            "TEST_DATABASE_URL이 없어 PostGIS 테스트를 건너뜁니다 (bash scripts/start_postgis.sh 의 출력을 설정)"
        )
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"TEST_DATABASE_URL의 PostGIS 서버에 연결할 수 없습니다: {str(exc).strip()[:120]}")
    return url


def poll(condition: Callable[[], Any], timeout_s: float, what: str, page: Any = None) -> Any:
    """Poll ``condition`` until it gives a true value (returned) or ``timeout_s`` passes (AssertionError
    naming ``what``). With a Playwright ``page``, wait through it so its request routing keeps running."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if page is not None:
            page.wait_for_timeout(200)
        else:
            time.sleep(0.2)
    raise AssertionError(f"within {timeout_s} s: {what}")
