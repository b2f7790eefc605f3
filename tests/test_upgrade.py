"""A store made from the old bundled samples: rebuilt when nobody changed it, kept (with a notice) when staff did."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.auth import add_user
from geo.details import service_detail_rows, service_history_rows
from geo.i18n import localized
from geo.loaders import load_dashboard_data
from geo.model.schema import SERVICES
from geo.model.validation import DataError
from geo.store import STORE_FILE_NAME, GeoPackageStore
from geo.upgrade import UpgradeAction, decide_store_upgrade, rebuild_store, upgrade_preview, upgrade_store
from tests.conftest import DATA_DIR, DEMO_DIR, PROJECT_ROOT

SEED_FILES = ("plan.yaml", "boundaries.geojson", "areas.geojson", "services.geojson", "status_history.csv")
# Columns the previous version's services table did not have.
NEW_COLUMNS = [c.name for c in SERVICES.columns if c.name not in {
    "service_id", "name_ko", "name_en", "domain", "direction", "area_id", "status", "phase", "start_year",
    "end_year", "budget_krw_100m", "funding", "department", "description_public", "updated_at", "is_sample",
}]  # fmt: skip
NEW_AREA_COLUMNS = ["source_en"]
T0, T1 = datetime(2026, 11, 1, 9, 0), datetime(2026, 11, 28, 9, 0)


@pytest.fixture
def old_install(tmp_path: Path) -> tuple[Path, GeoPackageStore]:
    """A data folder as the previous version shipped it (the samples) and the store made from it."""
    data_dir = tmp_path / "data"
    shutil.copytree(DEMO_DIR, data_dir, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(data_dir, now=T0)
    return data_dir, store


def _ship_new_version(data_dir: Path) -> None:
    """The upgrade replaces the bundled files with the reported projects."""
    for name in SEED_FILES:
        shutil.copyfile(DATA_DIR / name, data_dir / name)
    shutil.copytree(DATA_DIR / "reference", data_dir / "reference", dirs_exist_ok=True)


def _as_previous_version_made_it(store: GeoPackageStore) -> None:
    """Drop the columns this version added, as a store made by the previous version lacks them."""
    with sqlite3.connect(store.path) as connection:
        for column in NEW_COLUMNS:
            connection.execute(f"ALTER TABLE services DROP COLUMN {column}")
        for column in NEW_AREA_COLUMNS:
            connection.execute(f"ALTER TABLE areas DROP COLUMN {column}")


def test_an_unchanged_data_folder_keeps_the_store(old_install):
    data_dir, store = old_install
    assert decide_store_upgrade(store, data_dir).action is UpgradeAction.KEEP
    assert upgrade_store(store, data_dir).backup is None


def test_an_unedited_store_of_old_samples_is_rebuilt_after_a_backup(old_install):
    data_dir, store = old_install
    _as_previous_version_made_it(store)
    _ship_new_version(data_dir)
    decision = decide_store_upgrade(store, data_dir)
    assert decision.action is UpgradeAction.REBUILD and decision.staff_changes == 0
    outcome = upgrade_store(store, data_dir, now=T1)
    assert outcome.backup is not None and outcome.backup.path.exists()
    data = store.read_data()
    assert len(data.services) == 25 and not data.has_samples
    assert data.areas.set_index("area_id").loc["gfez", "source_en"] == "Press reports (2025-09-23, 2026-01-15)"
    assert data.services.set_index("service_id").loc["ANS-09", "source_en"] == "Kyeongin Ilbo (2025-04-15)"
    assert not store.seed_is_outdated(data_dir)
    with sqlite3.connect(outcome.backup.path) as old:
        assert old.execute("SELECT count(*) FROM services WHERE is_sample").fetchone()[0] == 96
    assert decide_store_upgrade(store, data_dir).action is UpgradeAction.KEEP


def test_an_edited_store_is_kept_and_the_new_data_previewed(old_install):
    data_dir, store = old_install
    record = store.service_record("SVC-001")
    store.update_service("SVC-001", record.version, {"status": "설계"}, user="김지리", reason="현장 확인", now=T0)
    _ship_new_version(data_dir)
    before = store.dump()
    decision = decide_store_upgrade(store, data_dir)
    assert decision.action is UpgradeAction.NOTICE and decision.staff_changes >= 1
    changes = f"{decision.staff_changes:,}"
    assert decision.reason.text("ko") == f"데이터 폴더가 바뀌었고 저장소에 직원의 변경 {changes}건이 있습니다"
    assert (
        decision.reason.text("en") == f"The data folder has changed and the store holds {changes} changes made by staff"
    )
    outcome = upgrade_store(store, data_dir, now=T1)
    assert outcome.backup is None and store.dump() == before
    preview = upgrade_preview(store, data_dir)
    assert (preview.new_services, preview.new_samples, preview.stored_services) == (25, 0, 96)


def test_a_kept_store_without_the_english_source_gains_the_column_empty(old_install):
    """Opening a store an earlier version made adds the nullable column; English shows the Korean source until a re-import."""
    data_dir, store = old_install
    record = store.service_record("SVC-001")
    store.update_service("SVC-001", record.version, {"status": "설계"}, user="김지리", reason="현장 확인", now=T0)
    _as_previous_version_made_it(store)
    _ship_new_version(data_dir)
    store.initialise(data_dir, now=T1)  # what the app does first when it opens the store
    assert decide_store_upgrade(store, data_dir).action is UpgradeAction.NOTICE
    areas = store.read_data().areas
    assert "source_en" in areas and areas["source_en"].isna().all()
    assert localized(areas.iloc[0], "source", "en") == areas.iloc[0]["source"]


def test_a_store_of_the_reported_projects_without_english_sources_gains_the_columns_empty(tmp_path: Path):
    """A store made from the reported projects before services had English sources: opening it adds the
    nullable columns, and English screens show each Korean source until the data is loaded again."""
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DATA_DIR, now=T0)
    with sqlite3.connect(store.path) as connection:
        for column in ("source_en", "sources_other_en"):
            connection.execute(f"ALTER TABLE services DROP COLUMN {column}")
    store.initialise(DATA_DIR, now=T1)
    services = store.read_data().services
    assert services[["source_en", "sources_other_en"]].isna().all().all()
    cctv = services.set_index("service_id").loc["ANS-09"].to_dict()
    english = dict(service_detail_rows(cctv, "en"))
    assert str(english["Source"]) == "경인일보 (2025-04-15)" and english["Other sources"].startswith("경기일보")


def test_a_store_without_the_programme_and_budget_columns_gains_them_empty(tmp_path: Path):
    """A store made before services had parent_id, budget_basis and funding_split: opening it adds the nullable
    columns (no parent, no basis, no split: nothing is guessed), and a rebuild from the data folder fills them."""
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DATA_DIR, now=T0)
    added = ("parent_id", "budget_basis", "funding_split")
    with sqlite3.connect(store.path) as connection:
        for column in added:
            connection.execute(f"ALTER TABLE services DROP COLUMN {column}")
    store.initialise(DATA_DIR, now=T1)
    services = store.read_data().services
    assert services[list(added)].isna().all().all() and len(services) == 25
    assert store.audit_log()["detail"].str.contains("services.parent_id").any()
    store.rebuild(DATA_DIR, now=T1)
    rebuilt = store.read_data().services.set_index("service_id")
    assert rebuilt.loc["ANS-03", "parent_id"] == "ANS-01" and rebuilt.loc["ANS-13", "budget_basis"] == "national_share"
    assert (
        rebuilt.loc["ANS-10", "funding_split"]
        == load_dashboard_data(DATA_DIR).services.set_index("service_id").loc["ANS-10", "funding_split"]
    )


def test_a_restored_store_counts_as_changed_by_staff(old_install):
    data_dir, store = old_install
    backup = store.backup(now=T0)
    store.restore(backup.name, user="김지리", now=T0)
    _ship_new_version(data_dir)
    assert decide_store_upgrade(store, data_dir).action is UpgradeAction.NOTICE


def test_an_invalid_new_data_folder_leaves_the_store_as_it_was(old_install):
    data_dir, store = old_install
    (data_dir / "services.geojson").write_text("{ not json", encoding="utf-8")
    before = store.dump()
    with pytest.raises(DataError):
        rebuild_store(store, data_dir, now=T1)
    assert store.dump() == before and store.list_backups() == []


def _app(monkeypatch, data_dir: Path, **env: str) -> AppTest:
    for name in ("DASHBOARD_MODE", "DATABASE_URL", "DASHBOARD_STORE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(data_dir.parent))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=60)


def test_after_the_upgrade_the_home_page_shows_the_reported_projects_not_the_samples(old_install, monkeypatch):
    data_dir, store = old_install
    _as_previous_version_made_it(store)
    _ship_new_version(data_dir)
    at = _app(monkeypatch, data_dir).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["보도된 사업"] == "25건"
    assert not any("예시 데이터" in w.value for w in at.warning)
    assert len(store.list_backups()) == 1


def test_the_data_page_tells_staff_their_edited_store_was_kept(old_install, monkeypatch, tmp_path: Path):
    data_dir, store = old_install
    record = store.service_record("SVC-001")
    store.update_service("SVC-001", record.version, {"status": "설계"}, user="김지리", reason="현장 확인", now=T0)
    _ship_new_version(data_dir)
    secrets = tmp_path / "secrets.toml"
    add_user("kim_gis", "correct horse battery", display_name="김지리", secrets_path=secrets)
    at = _app(monkeypatch, data_dir, DASHBOARD_SECRETS_FILE=str(secrets)).run()
    at = at.switch_page("app_pages/data_manager.py").run()
    at.text_input(key="sign_in_username").input("kim_gis")
    at.text_input(key="sign_in_password").input("correct horse battery")
    at = at.button[0].click().run()
    assert not at.exception
    assert any("직원이 편집하거나 가져온 내용이 있어 그대로 두었습니다" in w.value for w in at.warning)
    assert any("새 데이터: 서비스 25건 (예시 0건) · 지금 저장소: 서비스 96건" in c.value for c in at.caption)
    assert store.read_data().services.set_index("service_id").loc["SVC-001", "status"] == "설계"


def test_a_shared_postgis_store_is_never_rebuilt_automatically(tmp_path: Path):
    from tests.test_store import make_store

    store, cleanup = make_store("postgis", tmp_path)
    try:
        data_dir = tmp_path / "data"
        shutil.copytree(DEMO_DIR, data_dir, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
        store.initialise(data_dir, now=T0)
        _ship_new_version(data_dir)
        decision = decide_store_upgrade(store, data_dir)
        assert decision.action is UpgradeAction.NOTICE and decision.staff_changes == 0
        assert upgrade_store(store, data_dir).backup is None
        assert len(store.service_versions()) == 96
    finally:
        cleanup()


def test_a_store_whose_history_has_no_english_reason_gains_the_column_and_keeps_every_event(tmp_path: Path):
    """A store made before status changes had an English reason: opening it adds the nullable column, every
    event and its Korean reason stay, and English screens show the Korean reason until the data is loaded
    again; a staff edit afterwards is recorded as before."""
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DATA_DIR, now=T0)
    with sqlite3.connect(store.path) as connection:
        connection.execute("ALTER TABLE change_history DROP COLUMN reason_en")
        before = connection.execute("SELECT service_id, reason FROM change_history ORDER BY id").fetchall()
    assert store._needs_upgrade()
    store.initialise(DATA_DIR, now=T1)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT service_id, reason FROM change_history ORDER BY id").fetchall() == before
    data = store.read_data()
    assert data.status_history["reason_en"].isna().all()
    cctv = data.services.set_index("service_id").loc["ANS-09"].to_dict() | {"service_id": "ANS-09"}
    reasons = service_history_rows(data.status_history, "ANS-09", "en", cctv)["Reason"].tolist()
    assert reasons and all(re.search("[가-힣]", reason) for reason in reasons)
    assert "change_history.reason_en" in store.audit_log()["detail"].iloc[-1]
    record = store.service_record("ANS-09")
    store.update_service("ANS-09", record.version, {"status": "보류"}, user="kim_gis", reason="점검")
    assert store.change_history("ANS-09").iloc[-1][["reason", "reason_en"]].tolist() == ["점검", None]
