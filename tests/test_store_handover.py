"""The cold-start hand-over (#14): the data handed over after creating a store must be what a read of its tables
gives, for data folders unlike the bundled one."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pyogrio
import pytest
import shapely

from geo.loaders import load_dashboard_data
from geo.store import STORE_FILE_NAME, GeoPackageStore, seed_signature
from tests.conftest import DATA_DIR, DEMO_DIR
from tests.test_store import BACKENDS, T0, assert_same_data, make_store


def hostile_folder(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    services = pyogrio.read_dataframe(folder / "services.geojson")
    point = services.geometry.iloc[0]
    # A line and a zone where the first service stands, a point with a height, whole-number budgets.
    services.loc[0, "geometry"] = shapely.LineString([(point.x, point.y), (point.x + 1e-5, point.y + 1e-5)])
    services.loc[1, "geometry"] = services.geometry.iloc[1].buffer(1e-5)
    services.loc[2, "geometry"] = shapely.Point(services.geometry.iloc[2].x, services.geometry.iloc[2].y, 12.5)
    services["budget_krw_100m"] = services["budget_krw_100m"].where(services.index % 2 == 0, 3)
    services.loc[3, "name_ko"] = f"  {services.loc[3, 'name_ko']}\u3000"
    pyogrio.write_dataframe(services, folder / "services.geojson", driver="GeoJSON")
    areas = pyogrio.read_dataframe(folder / "areas.geojson")
    areas = areas.drop(columns=[c for c in ("location_ko", "homes", "residents", "facts_en") if c in areas])
    pyogrio.write_dataframe(areas, folder / "areas.geojson", driver="GeoJSON")
    boundaries = pyogrio.read_dataframe(folder / "boundaries.geojson")
    pyogrio.write_dataframe(boundaries.drop(columns=["name_en", "gu"]), folder / "boundaries.geojson", driver="GeoJSON")
    history = (folder / "status_history.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "status_history.csv").write_text(history + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("backend", BACKENDS)
def test_hand_over_of_an_unusual_folder_is_what_the_tables_hold(backend, tmp_path):
    folder = hostile_folder(tmp_path)
    store, cleanup = make_store(backend, tmp_path)
    try:
        assert store.initialise(folder, now=T0) is True
        handed_over, read_back = store.read_data(), store.read_data()
        assert_same_data(handed_over, read_back)
        for name in ("boundaries", "areas", "services"):
            # Exact coordinates, height included (assert_geodataframe_equal compares shapes in two dimensions).
            assert exact(getattr(handed_over, name)) == exact(getattr(read_back, name))
        assert len(handed_over.status_history) == 0
        assert handed_over.services["budget_krw_100m"].iloc[1] == 3.0
    finally:
        cleanup()


def exact(frame) -> list[str]:
    return list(shapely.to_wkb(np.asarray(frame.geometry.values), hex=True, output_dimension=3))


def test_the_process_that_loses_the_race_to_create_hands_over_nothing(tmp_path, monkeypatch):
    # Two processes start at once on different data folders; the other one links its store into place first.
    path = tmp_path / "store" / STORE_FILE_NAME
    loser, winner = GeoPackageStore(path), GeoPackageStore(path)
    link = os.link

    def other_process_first(source, target):
        monkeypatch.setattr(os, "link", link)
        assert winner.initialise(DATA_DIR, now=T0) is True
        link(source, target)

    monkeypatch.setattr(os, "link", other_process_first)
    assert loser.initialise(DEMO_DIR, now=T0) is False
    assert len(load_dashboard_data(DEMO_DIR).services) != len(load_dashboard_data(DATA_DIR).services)
    assert_same_data(loser.read_data(), GeoPackageStore(path).read_data())


def test_a_rebuild_hands_over_what_the_rebuilt_tables_hold(tmp_path):
    store = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    assert store.initialise(DEMO_DIR, now=T0) is True
    store.read_data()
    store.rebuild(hostile_folder(tmp_path), now=T0)
    handed_over, read_back = store.read_data(), GeoPackageStore(store.path).read_data()
    assert_same_data(handed_over, read_back)
    assert exact(handed_over.services) == exact(read_back.services)


def test_a_data_file_replaced_by_one_of_the_same_size_and_time_is_seen(tmp_path):
    # A release unzipped over the last one: status '운영' became '보류' (same bytes), and the archive gives every
    # file the same time. The store must still count as made from other files.
    folder = tmp_path / "data"
    shutil.copytree(DEMO_DIR, folder, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    services = folder / "services.geojson"
    before = services.stat()
    signature = seed_signature(folder)
    text = services.read_text(encoding="utf-8")
    assert '"운영"' in text
    edited = text.replace('"운영"', '"보류"', 1)
    probe = tmp_path / "probe"
    probe.touch()
    while probe.stat().st_ctime_ns == before.st_ctime_ns:  # the clock that stamps files has moved on
        os.utime(probe)
    services.write_text(edited, encoding="utf-8")
    os.utime(services, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (services.stat().st_size, services.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert seed_signature(folder) != signature
