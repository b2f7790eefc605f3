"""Crash safety: a writer killed with SIGKILL at many points of an edit, an import, a reference-layer
write, a backup and a restore leaves a store that opens, holds wholly the old or wholly the new data, and
no leftover files; the app's pages render on a store a killed writer left behind.

The writer runs in a forked child. Kill points are counted in the child: before and after every SQL
statement (the store's own and SQLite's BEGIN/COMMIT), every closed connection, every few pages of an SQLite backup, and every
link, rename and unlink; the child kills itself (SIGKILL, like ``kill -9``) when it reaches the chosen
point. A first run counts the points; the test then kills at points spread over the whole operation.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.settings import BUNDLED_DATA_DIR
from geo.store import KST, STORE_FILE_NAME, GeoPackageStore, PostgisStore, Store
from geo.store.common import Tx
from tests.conftest import DEMO_DIR, PROJECT_ROOT, postgis_url
from tests.test_store_reference import car_parks

# Minutes of forked writers killed at hundreds of points: CI runs them, the fast loop leaves them out.
pytestmark = pytest.mark.slow

FORK = multiprocessing.get_context("fork")
T1 = datetime(2026, 4, 1, 10, 0, tzinfo=KST)
POINTS_PER_OPERATION = 24


def _instrument(kill_at: int, count_file: Path) -> None:
    """In the child: count kill points and SIGKILL this process at point ``kill_at``."""
    reached = 0

    def point(*_: object) -> None:
        nonlocal reached
        reached += 1
        count_file.write_text(str(reached))
        if reached == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def around(function: Callable) -> Callable:
        def wrapped(*args, **kwargs):
            point()
            result = function(*args, **kwargs)
            point()
            return result

        return wrapped

    Tx._run = around(Tx._run)
    Tx.executemany = around(Tx.executemany)
    Tx.copy_rows = around(Tx.copy_rows)
    os.link = around(os.link)
    os.replace = around(os.replace)
    Path.unlink = around(Path.unlink)

    class Connection(sqlite3.Connection):
        def backup(self, target, **_: object) -> None:  # a few pages per step, with a kill point between steps
            super().backup(target, pages=8, progress=point)

        def close(self) -> None:  # a point after the commit
            super().close()
            point()

    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        connection = real_connect(*args, factory=Connection, **kwargs)
        connection.set_trace_callback(point)
        return connection

    sqlite3.connect = connect
    try:
        import psycopg

        psycopg.Connection.commit = around(psycopg.Connection.commit)
    except ImportError:
        pass


def _child(make_store: Callable[[], Store], operation: Callable[[Store], object], kill_at: int, count: Path) -> None:
    store = make_store()  # made in the child, so it never shares the parent's connections
    _instrument(kill_at, count)
    operation(store)
    os._exit(0)


def run_killed(make_store, operation, kill_at: int, count_file: Path) -> int:
    """Run ``operation`` in a child killed at point ``kill_at`` (0: never); returns its exit code."""
    process = FORK.Process(target=_child, args=(make_store, operation, kill_at, count_file))
    process.start()
    process.join(timeout=120)
    assert process.exitcode is not None, "the writer did not finish"
    return process.exitcode


def content(store: Store) -> dict:
    """The store's rows without its revision token (a fresh random id on every write)."""
    rows = store.dump()
    rows["store_meta"] = [row for row in rows["store_meta"] if row[0] != "revision"]
    return rows


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind (a dot name, a journal); the store's read cache folder is not one,
    though a partial file inside it would be."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if (p.name.startswith(".") and not (p.is_dir() and p.name.endswith(".gpkg-readcache")))
        or p.name.endswith(("-journal", "-wal", "-shm", ".partial"))
    )


def still_writable(store: Store) -> None:
    service_id = store.read_layer("services")["service_id"].iloc[3]
    record = store.service_record(service_id)
    store.update_service(service_id, record.version, {"budget_krw_100m": 1.5}, user="after")
    assert store.service_record(service_id).version == record.version + 1


def kill_points(total: int) -> list[int]:
    """Points spread over the operation, always including the first and the last few (around the commit)."""
    step = max(1, total // POINTS_PER_OPERATION)
    return sorted({1, *range(1, total + 1, step), *range(max(1, total - 4), total + 1)})


# --- the operations -------------------------------------------------------------------------------------


def edit(store: Store) -> None:
    store.update_service("SVC-001", 1, {"status": "운영", "budget_krw_100m": 12.5}, user="kim", now=T1)


def import_services(store: Store) -> None:
    frame = store.read_layer("services")
    frame.loc[frame.index[:5], "status"] = "운영"
    frame = frame.iloc[:-2]  # two services removed
    store.write_layer("services", frame, mode="replace", user="kim", source_name="services.geojson", now=T1)


def write_reference(store: Store) -> None:
    store.write_reference_layer(replace(car_parks(40), layer_id="car_parks"), user="kim", now=T1)


def backup(store: Store) -> None:
    store.backup(now=T1)


def rebuild(store: Store) -> None:
    assert isinstance(store, GeoPackageStore)
    store.rebuild(BUNDLED_DATA_DIR, now=T1)  # the pristine store is made from the demo folder


def restore(store: Store) -> None:
    store.restore("dashboard-20260301-090000.gpkg", user="admin", now=T1)


# --- GeoPackage -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A store folder with a store, a reference layer and one older backup (of a different state)."""
    folder = tmp_path_factory.mktemp("pristine")
    store = GeoPackageStore(folder / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    store.write_reference_layer(car_parks(3), user="kim")
    store.update_service("SVC-002", 1, {"status": "구축"}, user="kim")
    store.backup(now=datetime(2026, 3, 1, 9, 0, tzinfo=KST))
    store.update_service("SVC-002", 2, {"status": "운영"}, user="kim")
    return folder


def fresh_copy(pristine: Path, target: Path) -> GeoPackageStore:
    shutil.copytree(pristine, target)
    return GeoPackageStore(target / STORE_FILE_NAME)


def outcome(pristine: Path, work: Path, operation) -> tuple[dict, dict, set[str]]:
    """The content before and after a completed ``operation``, and the backups it leaves."""
    old_store = fresh_copy(pristine, work / "old")
    new_store = fresh_copy(pristine, work / "new")
    operation(new_store)
    return content(old_store), content(new_store), {b.name for b in new_store.list_backups()}


@pytest.mark.parametrize("operation", [edit, import_services, write_reference, backup, restore, rebuild])
def test_a_killed_writer_leaves_the_old_or_the_new_store_and_nothing_else(pristine, tmp_path, operation):
    old, new, new_backups = outcome(pristine, tmp_path, operation)
    assert old != new or operation is backup
    old_backups = {b.name for b in GeoPackageStore(pristine / STORE_FILE_NAME).list_backups()}

    counting = fresh_copy(pristine, tmp_path / "count")
    count_file = tmp_path / "count.txt"
    assert run_killed(lambda: GeoPackageStore(counting.path), operation, 0, count_file) == 0
    total = int(count_file.read_text())
    assert content(counting) == new
    assert total > 20

    seen = set()
    for kill_at in kill_points(total):
        store = fresh_copy(pristine, tmp_path / f"kill-{kill_at}")
        code = run_killed(lambda store=store: GeoPackageStore(store.path), operation, kill_at, tmp_path / "n.txt")
        assert code == -signal.SIGKILL, f"point {kill_at} of {total}"

        assert store.initialise(DEMO_DIR) is False  # opens; recovers and cleans up first
        state = content(store)
        assert state in (old, new), f"killed at point {kill_at} of {total}: neither the old nor the new data"
        seen.add("new" if state == new and state != old else "old")
        assert leftovers(store.path.parent) == [], f"killed at point {kill_at} of {total}"
        backups = {b.name for b in store.list_backups()}
        assert old_backups <= backups <= new_backups
        assert all(GeoPackageStore(b.path).is_initialised() for b in store.list_backups())
        still_writable(store)
    assert seen == ({"old"} if operation is backup else {"old", "new"})


def test_pages_render_on_a_store_a_killed_import_left_behind(pristine, tmp_path, monkeypatch):
    counting = fresh_copy(pristine, tmp_path / "count")
    run_killed(lambda: GeoPackageStore(counting.path), import_services, 0, tmp_path / "count.txt")
    # The last point, counting back from the commit, at which the killed import leaves its journal.
    for kill_at in range(int((tmp_path / "count.txt").read_text()), 0, -1):
        store = fresh_copy(pristine, tmp_path / f"store-{kill_at}")
        assert run_killed(lambda s=store: GeoPackageStore(s.path), import_services, kill_at, tmp_path / "n") < 0
        if Path(f"{store.path}-journal").exists():
            break
    assert Path(f"{store.path}-journal").exists()
    old = content(GeoPackageStore(pristine / STORE_FILE_NAME))

    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(store.path.parent))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DASHBOARD_MODE", raising=False)
    for page in ("home.py", "map_explorer.py", "districts.py", "briefing.py", "data_manager.py"):
        at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, page
        assert not [e.value for e in at.error], page
    monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert not [e.value for e in at.error]
    assert content(store) == old
    assert leftovers(store.path.parent) == []


# --- PostGIS ----------------------------------------------------------------------------------------------


@pytest.mark.postgis
@pytest.mark.parametrize("operation", [edit, import_services, write_reference])
def test_a_killed_postgis_writer_leaves_the_old_or_the_new_data(tmp_path, operation):
    import uuid

    import psycopg

    url = postgis_url()
    schemas = []

    def new_schema() -> PostgisStore:
        schema = f"crash_{uuid.uuid4().hex[:12]}"
        schemas.append(schema)
        store = PostgisStore(url, schema=schema)
        store.initialise(DEMO_DIR, now=T1)
        store.write_reference_layer(car_parks(3), user="kim", now=T1)
        return store

    try:
        old_store, new_store = new_schema(), new_schema()
        old = content(old_store)
        operation(new_store)
        new = content(new_store)
        count_file = tmp_path / "count.txt"
        counting = new_schema()
        assert run_killed(lambda: PostgisStore(url, schema=counting.schema), operation, 0, count_file) == 0
        total = int(count_file.read_text())

        seen = set()
        for kill_at in [*kill_points(total)[:: max(1, len(kill_points(total)) // 10)], total - 1, total]:
            store = new_schema()
            code = run_killed(lambda s=store.schema: PostgisStore(url, schema=s), operation, kill_at, tmp_path / "n")
            assert code == -signal.SIGKILL
            assert store.initialise(DEMO_DIR) is False
            state = content(store)
            assert state in (old, new), f"killed at point {kill_at} of {total}"
            seen.add("new" if state == new else "old")
            still_writable(store)  # no lock left behind
            store.close()
        assert seen == {"old", "new"}
        for store in (old_store, new_store, counting):
            store.close()
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            for schema in schemas:
                connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
