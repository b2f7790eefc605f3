"""The store on both backends: round trip, edits with history and conflicts, layer writes, rollback, backups.

The PostGIS variant needs ``TEST_DATABASE_URL`` (``scripts/start_postgis.sh`` prints one);
each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import re
import shutil
import time
import uuid
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from geo.loaders import load_dashboard_data
from geo.settings import PROJECT_ROOT, load_settings
from geo.store import (
    KST,
    STORE_FILE_NAME,
    ConflictError,
    GeoPackageStore,
    InvalidChangeError,
    PostgisStore,
    Store,
    StoreError,
    open_store,
    seed_signature,
)
from geo.store.services import ServiceRepository
from tests.conftest import DATA_DIR, DEMO_DIR, postgis_url

T0 = datetime(2026, 2, 1, 9, 0, tzinfo=KST)
# Counted from the bundled files, which other work may extend.
SERVICE_COUNT = len(load_dashboard_data(DEMO_DIR).services)
SVC_007_HISTORY = int((load_dashboard_data(DEMO_DIR).status_history["service_id"] == "SVC-007").sum())
BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)]


def make_store(backend: str, tmp_path: Path) -> tuple[Store, object]:
    """An uninitialised store and a cleanup callable."""
    if backend == "sqlite":
        return GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME), lambda: None
    url = postgis_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"

    store = PostgisStore(url, schema=schema)

    def drop() -> None:
        import psycopg

        store.close()

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return store, drop


@pytest.fixture(params=BACKENDS)
def empty_store(request, tmp_path):
    store, cleanup = make_store(request.param, tmp_path)
    yield store
    cleanup()


@pytest.fixture
def store(empty_store):
    assert empty_store.initialise(DEMO_DIR, now=T0) is True
    return empty_store


@pytest.fixture(scope="module")
def text_data():
    return load_dashboard_data(DEMO_DIR)


def assert_same_data(data, expected) -> None:
    assert data.plan == expected.plan
    for name in ("boundaries", "areas", "services"):
        assert_geodataframe_equal(getattr(data, name), getattr(expected, name), check_dtype=True)
        assert list(getattr(data, name).columns) == list(getattr(expected, name).columns)
    pd.testing.assert_frame_equal(data.status_history, expected.status_history)


def test_read_data_equals_the_text_files(store, text_data):
    # The first read after creating hands over the data the store was made from; the second reads the tables.
    handed_over, read_back = store.read_data(), store.read_data()
    assert handed_over is not read_back
    for data in (handed_over, read_back):
        assert_same_data(data, text_data)
    assert (len(read_back.boundaries), len(read_back.areas)) == (28, 5)
    assert read_back.services.loc[read_back.services["service_id"] == "SVC-002", ["gu", "dong"]].values.tolist() == [
        ["단원구", "신길동"]
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_data_handed_over_after_creating_is_what_the_tables_hold(backend, tmp_path):
    # The real data (citywide services, history rows without an old status) and a data folder with columns the
    # store does not keep and a history without its optional English reason: the hand-over must look exactly
    # like a read of the tables by another process.
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    services = pyogrio.read_dataframe(folder / "services.geojson")
    services["staff_note"] = "not a schema column"
    pyogrio.write_dataframe(services, folder / "services.geojson", driver="GeoJSON")
    history = pd.read_csv(folder / "status_history.csv", dtype=str, keep_default_na=False)
    history.drop(columns=["reason_en"]).assign(memo="not kept").to_csv(folder / "status_history.csv", index=False)
    store, cleanup = make_store(backend, tmp_path)
    try:
        assert store.initialise(folder, now=T0) is True
        handed_over = store.read_data()
        assert "staff_note" not in handed_over.services.columns
        assert "memo" not in handed_over.status_history and handed_over.status_history["reason_en"].isna().all()
        assert_same_data(handed_over, store.read_data())
    finally:
        cleanup()


def test_no_hand_over_once_the_store_changed(store, text_data):
    # Nothing read yet: the creating object still holds the data it made the store from, now out of date.
    before = text_data.services.set_index("service_id").loc["SVC-001", "status"]
    after = "보류" if before != "보류" else "운영"
    store.update_service("SVC-001", 1, {"status": after}, user="kim", now=T0)
    assert store.read_data().services.set_index("service_id").loc["SVC-001", "status"] == after


@pytest.mark.parametrize("backend", BACKENDS)
def test_audit_rows_name_the_data_folder_and_its_signature_not_the_server_path(backend, tmp_path):
    """What a store was made (and later upgraded) from, without the server's folders, which backups carry."""
    folder = tmp_path / "서버" / "data"
    shutil.copytree(DEMO_DIR, folder, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    store, cleanup = make_store(backend, tmp_path)
    try:
        store.initialise(folder, now=T0)
        with store.database.transaction() as tx:  # a store an earlier version made: the English sources are missing
            tx.execute("ALTER TABLE services DROP COLUMN source_en")
        store.initialise(folder, now=T0)
        details = store.audit_log()["detail"].tolist()
        label = f"데이터 폴더 'data' (자료 지문 {seed_signature(folder)[:12]})"
        assert details[0] == f"{label}에서 저장소를 만들었습니다"
        assert details[-1] == f"저장소를 이 버전에 맞췄습니다 (추가: 열 services.source_en; {label})"
        assert not [d for d in details if str(tmp_path) in d or "서버" in d]
    finally:
        cleanup()


def test_initialise_twice_keeps_the_store(store):
    before = store.dump()
    assert store.initialise(DEMO_DIR) is False
    assert store.dump() == before


def test_reading_before_initialise_says_what_to_do(empty_store):
    assert empty_store.is_initialised() is False
    with pytest.raises(StoreError, match="저장소가 아직 만들어지지 않았습니다"):
        empty_store.read_data()


def test_geopackage_store_opens_in_gdal(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    layers = {str(name) for name, _ in pyogrio.list_layers(store.path)}
    assert {"services", "areas", "boundaries"} <= layers
    services = pyogrio.read_dataframe(store.path, layer="services")
    assert len(services) == SERVICE_COUNT
    assert services.crs.to_epsg() == 4326
    assert services["service_id"].iloc[0] == "SVC-001"
    assert services.geometry.iloc[1].equals_exact(shapely.Point(126.769024, 37.330347), 1e-9)


def test_update_records_every_changed_field(store):
    moment = datetime(2026, 2, 3, 14, 5, tzinfo=KST)
    before = store.service_record("SVC-001")
    assert (before.version, before.values["status"], before.values["budget_krw_100m"]) == (1, "계획", 9.7)

    after = store.update_service(
        "SVC-001",
        1,
        {"status": "설계", "budget_krw_100m": "12.5", "end_year": 2035},
        user="kim",
        reason="실시설계 착수",
        now=moment,
    )

    assert after.version == 2
    assert after.values["status"] == "설계"
    assert after.values["budget_krw_100m"] == 12.5
    assert after.values["updated_at"] == date(2026, 2, 3)
    assert (after.modified_by, after.modified_at) == ("kim", moment)
    history = store.change_history("SVC-001")
    # end_year was sent unchanged, so it is not history.
    assert history[["field", "old_value", "new_value", "changed_by", "reason", "source"]].values.tolist() == [
        ["status", "계획", "설계", "kim", "실시설계 착수", "edit"],
        ["budget_krw_100m", "9.7", "12.5", "kim", "실시설계 착수", "edit"],
    ]
    assert history["changed_at"].tolist() == ["2026-02-03T14:05:00+09:00"] * 2
    status_rows = store.read_data().status_history.query("service_id == 'SVC-001'")
    assert status_rows[["changed_at", "old_status", "new_status", "changed_by"]].values.tolist() == [
        [date(2026, 2, 3), "계획", "설계", "kim"]
    ]


def test_stale_version_is_refused_and_names_who_changed_it(store):
    store.update_service("SVC-001", 1, {"status": "설계"}, user="kim", now=datetime(2026, 2, 3, 14, 5, tzinfo=KST))

    with pytest.raises(ConflictError) as caught:
        store.update_service("SVC-001", 1, {"status": "보류"}, user="lee", now=datetime(2026, 2, 3, 14, 7, tzinfo=KST))

    message = str(caught.value)
    assert "kim님이 2026-02-03 14:05에 먼저 변경했습니다" in message
    assert "불러온 버전 1, 현재 버전 2" in message
    assert "다시 불러와" in message
    assert (caught.value.changed_by, caught.value.current_version) == ("kim", 2)
    assert store.service_record("SVC-001").values["status"] == "설계"
    assert store.change_history("SVC-001")["changed_by"].tolist() == ["kim"]


def test_invalid_values_are_refused_with_field_messages(store):
    before = store.dump()
    with pytest.raises(InvalidChangeError) as caught:
        store.update_service("SVC-001", 1, {"status": "완료", "start_year": 2040}, user="kim")
    assert caught.value.report.messages() == [
        "서비스 SVC-001 status: '완료'는 허용되지 않는 값입니다 (허용: 계획, 설계, 구축, 운영, 보류, 취소)",
        "서비스 SVC-001 end_year: 종료 연도 2035가 시작 연도 2040보다 앞섭니다",
    ]
    assert [problem.line("en") for problem in caught.value.report.problems][1].startswith("Service SVC-001 end_year: ")
    with pytest.raises(StoreError, match="변경할 수 없는 항목입니다: name_ko"):
        store.update_service("SVC-001", 1, {"name_ko": "x"}, user="kim")
    with pytest.raises(StoreError, match="서비스 ID 'SVC-999'이\\(가\\) 저장소에 없습니다"):
        store.update_service("SVC-999", 1, {"status": "운영"}, user="kim")
    with pytest.raises(StoreError, match="변경자"):
        store.update_service("SVC-001", 1, {"status": "운영"}, user=" ")
    assert store.dump() == before


def test_exception_inside_an_update_leaves_the_previous_state(store, monkeypatch):
    before = store.dump()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full while writing history")

    # The UPDATE has run when history is written: the rollback must undo it.
    monkeypatch.setattr(type(store.services), "record_changes", fail)
    with pytest.raises(RuntimeError):
        store.update_service("SVC-001", 1, {"status": "운영"}, user="kim")

    assert store.dump() == before
    assert store.service_record("SVC-001").version == 1


def test_exception_inside_a_layer_replace_leaves_the_previous_state(store, monkeypatch):
    before = store.dump()
    revision = store.revision()
    frame = store.read_layer("services").iloc[:10]

    def fail(*args, **kwargs):
        raise RuntimeError("crash after delete and insert")

    monkeypatch.setattr(type(store.database), "after_layer_write", fail)
    with pytest.raises(RuntimeError):
        store.write_layer("services", frame, mode="replace", user="kim", source_name="x.geojson")

    assert store.dump() == before
    assert store.revision() == revision
    assert len(store.read_data().services) == SERVICE_COUNT


def test_failed_first_run_leaves_no_store_and_can_be_retried(empty_store, monkeypatch):
    original = ServiceRepository.insert_layer

    def fail_on_services(self, tx, layer, *args, **kwargs):
        if layer == "services":
            raise RuntimeError("interrupted")
        return original(self, tx, layer, *args, **kwargs)

    monkeypatch.setattr(ServiceRepository, "insert_layer", fail_on_services)
    with pytest.raises(RuntimeError):
        empty_store.initialise(DEMO_DIR)
    assert empty_store.is_initialised() is False
    if isinstance(empty_store, GeoPackageStore):
        assert not empty_store.path.exists()
        assert list(empty_store.path.parent.iterdir()) == []

    monkeypatch.setattr(ServiceRepository, "insert_layer", original)
    assert empty_store.initialise(DEMO_DIR) is True
    assert len(empty_store.read_data().services) == SERVICE_COUNT


def test_replace_keeps_history_of_changed_services_and_versions(store):
    frame = store.read_layer("services")
    frame.loc[frame["service_id"] == "SVC-001", "status"] = "운영"
    frame.loc[frame["service_id"] == "SVC-003", "name_ko"] = "이름만 바뀜"
    removed = "SVC-007"  # has seeded status history
    frame = frame.loc[frame["service_id"] != removed].reset_index(drop=True)

    result = store.write_layer("services", frame, mode="replace", user="park", source_name="new.geojson")

    assert (result.rows_written, result.rows_removed, result.history_rows) == (SERVICE_COUNT - 1, SERVICE_COUNT, 1)
    assert result.changed_service_ids == ("SVC-001",)
    versions = store.service_versions()
    assert (versions["SVC-001"], versions["SVC-003"], versions["SVC-002"]) == (2, 2, 1)
    assert removed not in versions
    import_rows = store.change_history().query("source == 'import'")
    assert import_rows[["service_id", "field", "old_value", "new_value", "changed_by", "reason"]].values.tolist() == [
        ["SVC-001", "status", "계획", "운영", "park", "가져오기: new.geojson"]
    ]
    assert import_rows["reason_en"].tolist() == ["Import: new.geojson"]
    data = store.read_data()
    assert removed not in set(data.status_history["service_id"])
    assert SVC_007_HISTORY > 0
    assert len(store.change_history(removed)) == SVC_007_HISTORY  # kept in the table, only hidden from the frame
    assert store.audit_log()["action"].tolist()[-1] == "import:services:replace"


def test_append_refuses_ids_already_stored(store):
    before = store.dump()
    frame = store.read_layer("services").iloc[[0, 1]]
    with pytest.raises(StoreError, match="2개의 ID가 이미 저장소에 있습니다: SVC-001, SVC-002"):
        store.write_layer("services", frame, mode="append", user="kim", source_name="dup.geojson")
    assert store.dump() == before


def test_append_adds_rows_and_remembers_mapping(store):
    frame = store.read_layer("services").iloc[[0]].copy()
    frame["service_id"] = "SVC-900"
    result = store.write_layer(
        "services", frame, mode="append", user="kim", source_name="one.csv", mapping={"사업명": "name_ko"}
    )
    assert (result.rows_written, result.rows_removed) == (1, 0)
    assert store.service_versions()["SVC-900"] == 1
    assert len(store.read_data().services) == SERVICE_COUNT + 1
    assert store.column_mapping("services") == {"사업명": "name_ko"}


def test_revision_changes_with_every_write(store):
    first = store.revision()
    assert store.revision() == first
    store.update_service("SVC-002", 1, {"status": "구축"}, user="kim")
    assert store.revision() != first


def test_backups_keep_the_newest_and_restore_one(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    made = [store.backup(keep=3, now=datetime(2026, 2, day, 10, 0, tzinfo=KST)) for day in range(1, 6)]
    same_second = store.backup(keep=3, now=datetime(2026, 2, 5, 10, 0, tzinfo=KST))

    assert made[0].name == "dashboard-20260201-100000.gpkg"
    assert same_second.name == "dashboard-20260205-100000-2.gpkg"
    assert [b.name for b in store.list_backups()] == [
        "dashboard-20260205-100000-2.gpkg",
        "dashboard-20260205-100000.gpkg",
        "dashboard-20260204-100000.gpkg",
    ]
    assert sorted(p.name for p in store.backup_dir.iterdir()) == sorted(b.name for b in store.list_backups())

    store.update_service("SVC-001", 1, {"status": "운영"}, user="kim")
    safety = store.restore("dashboard-20260204-100000.gpkg", user="admin", now=datetime(2026, 2, 6, 8, 0, tzinfo=KST))

    assert store.service_record("SVC-001").values["status"] == "계획"
    assert safety.name == "dashboard-20260206-080000.gpkg"
    assert GeoPackageStore(safety.path).service_record("SVC-001").values["status"] == "운영"
    assert store.audit_log()["detail"].tolist()[-1] == (
        "백업 dashboard-20260204-100000.gpkg에서 복원했습니다 (복원 전 상태: dashboard-20260206-080000.gpkg; "
        "감사 기록과 로그인 잠금은 유지)"
    )
    with pytest.raises(StoreError, match=r"백업 'nope.gpkg'이\(가\) .*에 없습니다. 사용할 수 있는 백업"):
        store.restore("nope.gpkg", user="admin")


def test_postgis_store_explains_how_to_back_up():
    store = PostgisStore("postgresql://u:secret@localhost:1/db")
    with pytest.raises(StoreError, match="pg_dump"):
        store.backup()
    assert "secret" not in store.describe()


def test_an_unreachable_server_is_reported_at_once_with_its_reason():
    store = PostgisStore("postgresql://u:secret@localhost:1/db")
    started = time.monotonic()
    with pytest.raises(StoreError, match="PostgreSQL에 연결할 수 없습니다") as raised:
        store.initialise(DEMO_DIR, now=T0)
    assert time.monotonic() - started < 5
    assert "refused" in str(raised.value).lower()  # the server's reason, not a pool's timeout
    english = raised.value.text("en")
    assert "Cannot connect to PostgreSQL: postgresql://u:***@localhost:1/db (schema dashboard)" in english
    assert "스키마" not in english  # where the store is, worded in English too
    assert store.describe("en").endswith("(schema dashboard)") and store.describe().endswith("(스키마 dashboard)")
    assert "secret" not in str(raised.value)
    assert store.is_initialised() is False


@pytest.mark.postgis
def test_a_wrong_password_is_reported_at_once_with_the_servers_reason():
    url = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:not-the-password@", postgis_url())
    store = PostgisStore(url, schema=f"test_{uuid.uuid4().hex[:12]}")
    started = time.monotonic()
    with pytest.raises(StoreError, match="password authentication failed"):
        store.revision()
    assert time.monotonic() - started < 5


def test_open_store_picks_the_backend_from_settings(tmp_path):
    data_dir = tmp_path / "data"
    local = open_store(load_settings({"DASHBOARD_DATA_DIR": str(data_dir)}), initialise=False)
    assert isinstance(local, GeoPackageStore)
    assert local.path == data_dir / STORE_FILE_NAME
    server = open_store(load_settings({"DATABASE_URL": "postgresql://u:p@localhost:1/db"}), initialise=False)
    assert isinstance(server, PostgisStore)


def test_store_refuses_a_foreign_file(tmp_path):
    path = tmp_path / STORE_FILE_NAME
    path.write_text("not a database")
    with pytest.raises(StoreError, match="대시보드 저장소로 읽을 수 없는 파일입니다") as raised:
        GeoPackageStore(path).initialise(DEMO_DIR)
    assert path.read_text() == "not a database"
    message = str(raised.value)
    assert "지우지 말고 다른 이름으로 옮겨 보관하세요" in message
    assert "python -m geo restore" in message
    assert "지운 뒤" not in message and "삭제" not in message


def test_geo_package_never_imports_streamlit():
    offenders = [
        path.name
        for path in (PROJECT_ROOT / "geo").rglob("*.py")
        if re.search(r"^\s*(import|from)\s+streamlit\b", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == []


def test_store_notices_when_its_seed_files_change(tmp_path):
    import shutil

    from geo.store import GeoPackageStore

    data_dir = tmp_path / "data"
    shutil.copytree(DEMO_DIR, data_dir, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    store = GeoPackageStore(tmp_path / "dashboard.gpkg")
    store.initialise(data_dir)
    assert not store.seed_is_outdated(data_dir)
    plan = data_dir / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert store.seed_is_outdated(data_dir)


@pytest.fixture
def postgis_store(tmp_path):
    store, cleanup = make_store("postgis", tmp_path)
    store.initialise(DEMO_DIR, now=T0)
    yield store
    cleanup()


@pytest.fixture
def connections_opened(monkeypatch):
    """Counts new PostgreSQL connections from here on."""
    import psycopg

    opened = []
    real_connect = psycopg.Connection.connect  # what the pool and the store's direct connections call

    def counting_connect(cls, *args, **kwargs):
        opened.append(1)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(counting_connect))
    return opened


@pytest.mark.postgis
def test_postgis_revision_reuses_its_connection(postgis_store, connections_opened):
    revisions = {postgis_store.revision() for _ in range(50)}
    postgis_store.read_data()
    assert len(revisions) == 1
    assert len(connections_opened) <= 1


@pytest.mark.postgis
def test_postgis_connections_are_shared_safely_by_threads(postgis_store, connections_opened):
    from concurrent.futures import ThreadPoolExecutor

    expected = postgis_store.revision()

    def many_reads(_: int) -> set[str]:
        seen = set()
        for _ in range(20):
            seen.add(postgis_store.revision())
            seen.add(str(postgis_store.service_record("SVC-001").version))
        return seen

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(many_reads, range(8)))
    assert all(seen == {expected, "1"} for seen in results)
    assert len(connections_opened) <= 8
    postgis_store.update_service("SVC-001", 1, {"status": "운영"}, user="kim")
    assert postgis_store.revision() != expected


@pytest.mark.postgis
def test_postgis_store_recovers_when_the_server_drops_its_connections(postgis_store):
    import psycopg

    from geo.store.postgis import APPLICATION_NAME

    before = postgis_store.revision()
    # Only this store's pooled connections (a parallel test process has its own): reads go round the pool.
    pids = set()
    for _ in range(10):
        with postgis_store.database.reading() as tx:
            pids.add(tx.one("SELECT pg_backend_pid()")[0])
    with psycopg.connect(postgis_store.url, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s AND pid <> pg_backend_pid() "
            "AND pid = ANY(%s)",
            (APPLICATION_NAME, sorted(pids)),
        ).fetchone()[0]
    assert killed >= 1
    assert postgis_store.revision() == before
    postgis_store.update_service("SVC-002", 1, {"status": "구축"}, user="kim")
    assert postgis_store.service_record("SVC-002").version == 2


@pytest.mark.postgis
def test_a_forked_child_opens_its_own_connections(postgis_store):
    import multiprocessing

    def backend_pid() -> int:
        with postgis_store.database.reading() as tx:
            row = tx.one("SELECT pg_backend_pid()")
        assert row is not None
        return int(row[0])

    parent = backend_pid()
    queue = multiprocessing.get_context("fork").SimpleQueue()

    def child() -> None:
        queue.put((backend_pid(), postgis_store.revision()))

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(30)
    assert process.exitcode == 0
    child_pid, child_revision = queue.get()
    assert child_pid != parent
    assert child_revision == postgis_store.revision()
    assert backend_pid() == parent  # the parent's connection survived the child


@pytest.mark.postgis
def test_a_full_pool_serves_a_transaction_on_a_direct_connection(postgis_store, connections_opened, monkeypatch):
    from psycopg_pool import ConnectionPool, PoolTimeout

    before = postgis_store.revision()

    def full(self, timeout=None):
        raise PoolTimeout("no connection in time")

    monkeypatch.setattr(ConnectionPool, "getconn", full)
    assert postgis_store.revision() == before
    assert len(connections_opened) == 1  # a direct connection for that transaction
    status = "구축" if postgis_store.service_record("SVC-003").values["status"] == "운영" else "운영"
    postgis_store.update_service("SVC-003", 1, {"status": status}, user="kim")
    assert len(connections_opened) > 1
    monkeypatch.undo()
    assert postgis_store.service_record("SVC-003").version == 2


def test_a_layer_write_refuses_infinite_numbers_and_keeps_missing_ones_missing(store):
    before = store.dump()
    frame = store.read_layer("services")
    frame.loc[frame.index[3], "budget_krw_100m"] = float("inf")
    with pytest.raises(StoreError, match="스마트서비스 4번째 budget_krw_100m: 값 inf은\\(는\\) 저장할 수 없습니다"):
        store.write_layer("services", frame, mode="replace", user="kim", source_name="inf.geojson")
    assert store.dump() == before
    areas = store.read_layer("areas")
    areas["homes"] = areas["homes"].astype(float)  # pandas' NaN for a missing number
    areas.loc[areas.index[0], "homes"] = float("nan")
    store.write_layer("areas", areas, mode="replace", user="kim", source_name="areas.geojson")
    assert store.read_layer("areas")["homes"].iloc[0] is None


def test_a_store_from_an_earlier_version_gains_the_new_columns_and_keeps_its_edits(store):
    # A store made before the reported-project fields existed: the columns are dropped to recreate it.
    record = store.service_record("SVC-001")
    store.update_service("SVC-001", record.version, {"status": "보류"}, user="kim", reason="예산 재검토", now=T0)
    old_columns = ("conflicts", "reported_on", "source_url", "location_accuracy")
    with store.database.transaction() as tx:
        for column in old_columns:
            tx.execute(f"ALTER TABLE services DROP COLUMN {column}")
    with store.database.reading() as tx:
        assert not set(old_columns) & store.database.table_columns(tx, "services")

    assert store.initialise(DEMO_DIR, now=T0) is False  # opened, not rebuilt

    with store.database.reading() as tx:
        assert set(old_columns) <= store.database.table_columns(tx, "services")
    services = store.read_data().services.set_index("service_id")
    assert services.loc["SVC-001", "status"] == "보류"  # the staff edit survives the upgrade
    assert services["conflicts"].isna().all() and services["reported_on"].isna().all()
    assert "services.conflicts" in store.audit_log()["detail"].iloc[-1]


def test_citywide_services_read_from_the_store_count_in_no_district_as_from_the_files(tmp_path):
    """Services reported with no place stand at City Hall on the map but belong to no 구/동, from either source."""
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DATA_DIR)
    stored = store.read_data().services.set_index("service_id")
    from_files = load_dashboard_data(DATA_DIR).services.set_index("service_id")
    citywide = from_files.index[from_files["location_accuracy"] == "citywide"]
    assert len(citywide) > 0
    assert set(stored.loc[citywide, "gu"]) == {""} and set(stored.loc[citywide, "dong"]) == {""}
    for column in ("gu", "dong", "located_area_id"):
        assert stored[column].to_dict() == from_files[column].to_dict()
