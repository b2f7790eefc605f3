"""The columnar copy of read_data per store revision (geo.store.readcache): used when it may be, never otherwise.

Each test proves the copy was or was not read by making the table read fail (or count), and compares every
frame with a read of the tables: same values, same dtypes, the same Python type in every cell (None apart from
NaN), the same geometries byte for byte.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, Polygon

from geo.loaders import DashboardData
from geo.store import KST, STORE_FILE_NAME, GeoPackageStore, PostgisStore
from geo.store.readcache import ReadCache
from tests.conftest import DATA_DIR

T0 = datetime(2026, 2, 1, 9, 0, tzinfo=KST)
FRAMES = ("boundaries", "areas", "services", "status_history")


def assert_identical(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Equal frames down to each cell's Python type and each geometry's bytes."""
    pd.testing.assert_frame_equal(left, right, check_exact=True)
    assert list(left.dtypes) == list(right.dtypes)
    assert type(left) is type(right)
    for name in left.columns:
        if isinstance(left[name].dtype, gpd.array.GeometryDtype):
            assert left.crs == right.crs
            assert list(shapely.to_wkb(left[name].to_numpy())) == list(shapely.to_wkb(right[name].to_numpy()))
            continue
        assert [type(v) for v in left[name]] == [type(v) for v in right[name]], name
        assert left[name].isna().tolist() == right[name].isna().tolist(), name


def assert_same_read(data: DashboardData, expected: DashboardData) -> None:
    assert data.plan == expected.plan
    for name in FRAMES:
        assert_identical(getattr(data, name), getattr(expected, name))


def table_read(store: GeoPackageStore) -> DashboardData:
    """What read_data gives from the tables alone."""
    store.use_read_cache = False
    try:
        return store.read_data()
    finally:
        store.use_read_cache = True


class TableReads:
    """Counts reads of the layer tables (and can forbid them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, store: GeoPackageStore, forbid: bool = False):
        self.count = 0
        original = store.reader._read_layer

        def counted(*args: Any, **kwargs: Any) -> gpd.GeoDataFrame:
            self.count += 1
            if forbid:
                raise AssertionError("the tables were read")
            return original(*args, **kwargs)

        monkeypatch.setattr(store.reader, "_read_layer", counted)


@pytest.fixture
def store(tmp_path: Path) -> GeoPackageStore:
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    assert created.initialise(DATA_DIR, now=T0) is True
    created.read_data()  # the hand-over of what was just created: the first copy is written from it
    return created


def cache_files(store: GeoPackageStore) -> list[Path]:
    folder = store.database.read_cache_folder()
    assert folder is not None
    return sorted(folder.glob("*.arrow")) if folder.is_dir() else []


def test_the_copy_is_read_on_the_next_read_of_the_same_revision_and_equals_the_tables(
    store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = table_read(store)
    assert len(cache_files(store)) == 1
    # Another process (a new store object) starting on the same revision: no table is read.
    other = GeoPackageStore(store.path)
    TableReads(monkeypatch, other, forbid=True)
    assert_same_read(other.read_data(), expected)
    # The store's history is in the copy too (the bundled data has status changes).
    assert len(expected.status_history) > 0


def test_a_copy_written_after_a_table_read_equals_it(store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in cache_files(store):
        path.unlink()
    reads = TableReads(monkeypatch, store)
    first = store.read_data()
    assert reads.count == 3 and len(cache_files(store)) == 1
    second = store.read_data()
    assert reads.count == 3  # the second read took the copy
    assert_same_read(second, first)


def test_a_write_makes_a_new_revision_whose_first_read_is_from_the_tables(
    store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = cache_files(store)
    services = table_read(store).services
    before = services.set_index("service_id").loc["ANS-01", "status"]
    after = "보류" if before != "보류" else "운영"
    store.update_service("ANS-01", 1, {"status": after}, user="kim", now=T0)
    reads = TableReads(monkeypatch, store)
    data = store.read_data()
    assert reads.count == 3
    assert data.services.set_index("service_id").loc["ANS-01", "status"] == after
    history = data.status_history
    assert history.loc[history["service_id"] == "ANS-01", "new_status"].iloc[-1] == after
    # The old revision's copy is gone; the new one is used next time.
    assert cache_files(store) and cache_files(store) != old
    assert_same_read(store.read_data(), table_read(store))
    assert reads.count == 3 + 3  # the table_read above; the read before it took the copy


def test_a_change_by_another_tool_is_seen_though_the_revision_is_the_same(store: GeoPackageStore) -> None:
    # QGIS or GDAL editing the GeoPackage's layers do not know the revision: the file's own change counts.
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE services SET name_ko = '다른 도구로 고친 이름' WHERE service_id = 'ANS-01'")
    connection.close()
    data = store.read_data()
    assert data.services.set_index("service_id").loc["ANS-01", "name_ko"] == "다른 도구로 고친 이름"


@pytest.mark.parametrize("damage", ["cut short", "one byte changed", "empty", "not ours", "header changed"])
def test_a_damaged_copy_is_ignored_removed_and_written_again(
    store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    (path,) = cache_files(store)
    content = path.read_bytes()
    if damage == "cut short":
        path.write_bytes(content[: len(content) // 2])
    elif damage == "one byte changed":
        middle = len(content) // 2
        path.write_bytes(content[:middle] + bytes([content[middle] ^ 0xFF]) + content[middle + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not ours":
        path.write_bytes(b"PAR1" + os.urandom(4000))
    else:  # a valid file under another key's name (e.g. copied by hand)
        other = ReadCache(path.parent)
        assert other.save("another key", {"status_history": table_read(store).status_history})
        os.replace(other.path("another key"), path)
    reads = TableReads(monkeypatch, store)
    data = store.read_data()
    assert reads.count == 3  # the tables, not the damaged copy
    assert_same_read(data, table_read(store))
    # Written again, whole: the next read takes it.
    assert len(cache_files(store)) == 1
    TableReads(monkeypatch, store, forbid=True)
    assert_same_read(store.read_data(), data)


def test_a_writer_that_dies_before_the_rename_leaves_no_copy(
    store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in cache_files(store):
        path.unlink()

    def crash(*args: Any) -> None:
        raise OSError("killed before the rename")

    monkeypatch.setattr(os, "replace", crash)
    data = store.read_data()  # the read itself is not affected
    assert cache_files(store) == []
    folder = store.database.read_cache_folder()
    assert folder is not None and [p.name for p in folder.iterdir()] == []  # the partial file was removed
    monkeypatch.undo()
    assert_same_read(store.read_data(), data)
    assert len(cache_files(store)) == 1


def test_a_partial_file_of_a_dead_writer_is_never_read_and_is_cleaned(
    store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = cache_files(store)
    leftover = path.with_name(f".{path.name}.0123.partial")
    leftover.write_bytes(path.read_bytes()[:100])
    path.unlink()
    reads = TableReads(monkeypatch, store)
    store.read_data()
    assert reads.count == 3
    assert not leftover.exists() and len(cache_files(store)) == 1


def test_other_code_is_another_key(store: GeoPackageStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # An upgrade of the app or of a library may shape the frames differently: its first read is from the tables.
    import geo.store.reading as reading

    monkeypatch.setattr(reading, "code_fingerprint", lambda: "another version")
    reads = TableReads(monkeypatch, store)
    store.read_data()
    assert reads.count == 3


def test_every_kind_of_column_comes_back_exactly(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {
            "text": pd.Series(["가", None, "가", "b"], dtype=object),
            "int": pd.Series([1, None, 2**40, -3], dtype=object),
            "float": pd.Series([1.5, None, float("nan"), 0.0], dtype=object),  # None and NaN kept apart
            "bool": pd.Series([True, False, None, True], dtype=object),
            "date": pd.Series([date(2026, 1, 2), None, date(1999, 12, 31), date(2026, 1, 2)], dtype=object),
            "none": pd.Series([None] * 4, dtype=object),
            "str": pd.Series(["a", None, "b", "a"], dtype="str"),
            "float64": np.array([1.0, np.nan, 2.5, -0.0]),
            "int64": np.array([1, 2, 3, 4], dtype="int64"),
        },
        geometry=[Point(1, 2), None, Polygon([(0, 0), (1, 0), (1, 1)]), Point()],
        crs="EPSG:4326",
    )
    points = gpd.GeoDataFrame({"n": pd.Series([1, 2], dtype=object)}, geometry=[Point(126.8, 37.3), Point(0, -1)])
    points = points.set_crs("EPSG:4326")
    empty = pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype=object)})
    cache = ReadCache(tmp_path / "cache")
    assert cache.save("k", {"mixed": frame, "points": points, "empty": empty})
    loaded = cache.load("k")
    assert loaded is not None and list(loaded) == ["mixed", "points", "empty"]
    for name, original in (("mixed", frame), ("points", points), ("empty", empty)):
        assert_identical(loaded[name], original)
    assert cache.load("another key") is None


@pytest.mark.parametrize(
    "column",
    [
        pd.Series(["a", float("nan")], dtype=object),  # NaN as a missing text: it would come back None
        pd.Series([1, 1.5], dtype=object),  # mixed int and float
        pd.Series([datetime(2026, 1, 1, 12, 30), date(2026, 1, 1)], dtype=object),  # a time would be lost
        pd.Series([[1], [2]], dtype=object),  # no exact Arrow twin kept here
        pd.Series([2**70, 1], dtype=object),  # beyond 64 bits
    ],
)
def test_a_frame_with_a_column_that_cannot_come_back_exactly_is_not_kept(tmp_path: Path, column: pd.Series) -> None:
    cache = ReadCache(tmp_path / "cache")
    assert cache.save("k", {"frame": pd.DataFrame({"column": column})}) is False
    assert cache.load("k") is None


def test_the_server_store_keeps_no_copy() -> None:
    # Other tools write to a shared PostgreSQL without the app's revision, and no file shows it (docs/performance.md).
    assert PostgisStore("postgresql://nobody@localhost:1/none").reader._read_cache() is None


def test_the_hand_over_is_not_kept_under_a_revision_written_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    assert created.initialise(DATA_DIR, now=T0) is True
    original = created.reader._read_cache_key

    def written_meanwhile(tx: Any) -> str:
        # Another process wrote after the hand-over was checked and before its copy was keyed: a new revision.
        return "a-newer-revision|" + original(tx).split("|", 1)[1]

    monkeypatch.setattr(created.reader, "_read_cache_key", written_meanwhile)
    created.read_data()
    assert cache_files(created) == []
