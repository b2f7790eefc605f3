"""Reference layers in the store on both backends: round trip, replace, delete, refusals, seeding, upgrade, backups."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from geo.loaders import load_reference_layers
from geo.model.reference_layers import ReferenceLayer
from geo.settings import BUNDLED_DATA_DIR
from geo.store import KST, SEED_USER, STORE_FILE_NAME, GeoPackageStore, PostgisStore, StoreError
from tests.conftest import DEMO_DIR
from tests.test_store import BACKENDS, make_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=KST)


def car_parks(count: int = 3, layer_id: str = "car_parks") -> ReferenceLayer:
    points = gpd.GeoDataFrame(
        {
            "주차장명": [f"공영주차장 {i}" for i in range(count)],
            "주차구획수": np.arange(10, 10 + count, dtype="int64"),
            "요금": [1000.0, np.nan, 500.5][:count] + [0.0] * max(0, count - 3),
            "무료": [i % 2 == 0 for i in range(count)],
            "비고": [None, "야간 개방", "장애인 구획 있음"][:count] + ["-"] * max(0, count - 3),
        },
        geometry=[shapely.Point(126.80 + i / 100, 37.30 + i / 200) for i in range(count)],
        crs="EPSG:4326",
    )
    return ReferenceLayer(
        layer_id=layer_id,
        title_ko="공영주차장",
        title_en="Public car parks",
        provider="경기도 안산시",
        data_date="2026-06-15",
        licence="공공누리 제1유형 (출처표시)",
        source="전국주차장정보표준데이터",
        points=points,
        name_field="주차장명",
        popup_fields=("주차구획수", "요금"),
        kiosk=True,
    )


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    store, cleanup = make_store(request.param, tmp_path)
    store.initialise(DEMO_DIR, now=T0)
    yield store
    cleanup()


def assert_same_layer(stored: ReferenceLayer, written: ReferenceLayer) -> None:
    assert replace(stored, points=None) == replace(written, points=None)
    assert_geodataframe_equal(stored.points, written.points, check_dtype=True, check_less_precise=False)


def test_a_written_layer_reads_back_with_its_provenance_and_column_types(store):
    layer = car_parks()
    result = store.write_reference_layer(layer, user="kim")
    (stored,) = store.reference_layers()
    assert_same_layer(stored, layer)
    assert np.isnan(stored.points["요금"].iloc[1])
    assert (result.layer, result.mode, result.rows_written, result.rows_removed) == ("car_parks", "append", 3, 0)
    assert store.audit_log()[["user", "action"]].values.tolist()[-1] == ["kim", "reference:write"]


def test_writing_the_same_id_replaces_the_layer_and_changes_the_revision(store):
    store.write_reference_layer(car_parks(3), user="kim")
    store.write_reference_layer(car_parks(2, layer_id="stations"), user="kim")
    before = store.revision()
    result = store.write_reference_layer(car_parks(5), user="lee")
    assert (result.mode, result.rows_written, result.rows_removed) == ("replace", 5, 3)
    assert store.revision() != before
    layers = {layer.layer_id: layer for layer in store.reference_layers()}
    assert sorted(layers) == ["car_parks", "stations"]
    assert layers["car_parks"].count == 5
    assert layers["stations"].count == 2
    assert "교체 (이전 3개 삭제)" in store.audit_log()["detail"].iloc[-1]


def test_deleting_a_layer_removes_its_points_and_is_audited(store):
    store.write_reference_layer(car_parks(), user="kim")
    store.write_reference_layer(car_parks(2, layer_id="stations"), user="kim")
    assert store.delete_reference_layer("car_parks", user="lee") == 3
    assert [layer.layer_id for layer in store.reference_layers()] == ["stations"]
    assert store.audit_log()[["user", "action"]].values.tolist()[-1] == ["lee", "reference:delete"]
    before = store.dump()
    with pytest.raises(StoreError, match="참고 레이어 'car_parks'이\\(가\\) 저장소에 없습니다"):
        store.delete_reference_layer("car_parks", user="lee")
    assert store.dump() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"layer_id": "../주차장"}, "참고 레이어 ID"),
        ({"name_field": "없는열"}, "없는 열을 표시하려 합니다: 없는열"),
        ({"popup_fields": ("주차구획수", "x")}, "없는 열을 표시하려 합니다: x"),
    ],
)
def test_a_bad_layer_is_refused_and_nothing_changes(store, change, message):
    store.write_reference_layer(car_parks(), user="kim")
    before = store.dump()
    with pytest.raises(StoreError, match=message):
        store.write_reference_layer(replace(car_parks(5), **change), user="kim")
    assert store.dump() == before


def test_polygons_and_missing_crs_are_refused(store):
    before = store.dump()
    layer = car_parks()
    polygons = layer.points.set_geometry(layer.points.to_crs(5186).buffer(5).to_crs(4326))
    with pytest.raises(StoreError, match="점\\(Point\\) 도형만"):
        store.write_reference_layer(replace(layer, points=polygons), user="kim")
    with pytest.raises(StoreError, match="좌표계가 없습니다"):
        store.write_reference_layer(replace(layer, points=layer.points.set_crs(None, allow_override=True)), user="kim")
    with pytest.raises(StoreError, match="변경자"):
        store.write_reference_layer(layer, user=" ")
    assert store.dump() == before


def test_points_in_another_crs_are_stored_in_wgs84(store):
    layer = car_parks()
    store.write_reference_layer(replace(layer, points=layer.points.to_crs(5186)), user="kim")
    (stored,) = store.reference_layers()
    assert stored.points.crs.to_epsg() == 4326
    assert stored.points.geometry.iloc[2].distance(layer.points.geometry.iloc[2]) < 1e-7


def test_a_new_store_is_seeded_from_the_data_folders_reference_layers(empty_store_factory, bundled_layers):
    store = empty_store_factory()
    assert store.initialise(BUNDLED_DATA_DIR, now=T0) is True
    stored = {layer.layer_id: layer for layer in store.reference_layers()}
    assert sorted(stored) == sorted(layer.layer_id for layer in bundled_layers)
    for layer in bundled_layers:
        assert_same_layer(stored[layer.layer_id], layer)
    assert store.audit_log()["user"].iloc[0] == SEED_USER


def test_a_store_made_before_reference_layers_is_upgraded_and_keeps_its_edits(empty_store_factory, bundled_layers):
    store = empty_store_factory()
    store.initialise(BUNDLED_DATA_DIR, now=T0)
    sid = store.read_layer("services")["service_id"].iloc[0]
    record = store.service_record(sid)
    store.update_service(sid, record.version, {"budget_krw_100m": 7.5}, user="kim")
    drop_reference_tables(store)
    assert store.reference_layers() == []
    assert store.initialise(BUNDLED_DATA_DIR) is False
    assert len(store.reference_layers()) == len(bundled_layers) > 0
    assert store.service_record(sid).values["budget_krw_100m"] == 7.5
    assert store.audit_log()["action"].iloc[-1] == "upgrade"
    before = store.dump()
    assert store.initialise(BUNDLED_DATA_DIR) is False
    assert store.dump() == before


@pytest.fixture(scope="module")
def bundled_layers() -> list[ReferenceLayer]:
    return load_reference_layers(BUNDLED_DATA_DIR)


def drop_reference_tables(store) -> None:
    if isinstance(store, GeoPackageStore):
        with sqlite3.connect(store.path) as connection:
            connection.execute("DROP TABLE reference_points")
            connection.execute("DROP TABLE reference_layers")
            connection.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'reference_points'")
            connection.execute("DELETE FROM gpkg_contents WHERE table_name = 'reference_points'")
        return
    import psycopg

    with psycopg.connect(store.url, autocommit=True) as connection:
        connection.execute(f'DROP TABLE "{store.schema}".reference_points, "{store.schema}".reference_layers')


@pytest.fixture(params=BACKENDS)
def empty_store_factory(request, tmp_path):
    cleanups = []

    def make() -> GeoPackageStore | PostgisStore:
        store, cleanup = make_store(request.param, tmp_path)
        cleanups.append(cleanup)
        return store

    yield make
    for cleanup in cleanups:
        cleanup()


def test_backup_and_restore_include_reference_layers(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    store.write_reference_layer(car_parks(), user="kim")
    backup = store.backup(now=datetime(2026, 3, 2, 10, 0, tzinfo=KST))
    store.delete_reference_layer("car_parks", user="kim")
    store.write_reference_layer(car_parks(2, layer_id="stations"), user="kim")
    store.restore(backup.name, user="admin")
    (restored,) = store.reference_layers()
    assert_same_layer(restored, car_parks())


def test_reference_points_open_in_gdal(tmp_path):
    store = GeoPackageStore(tmp_path / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    store.write_reference_layer(car_parks(), user="kim")
    points = pyogrio.read_dataframe(store.path, layer="reference_points")
    assert points.crs.to_epsg() == 4326
    assert points["layer_id"].tolist() == ["car_parks"] * 3
    assert points.geometry.iloc[1].equals_exact(shapely.Point(126.81, 37.305), 1e-9)
