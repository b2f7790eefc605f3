"""Geometry limits of an import (vertices per feature and per file) and areas beyond the plan's five
(issue 25: a 1,000,000-vertex area was accepted and, replacing the five, broke /districts)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from geo.importer import ImportRejectedError, UploadLimits, commit_import, preview_import
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import DEMO_DIR
from tests.test_store import BACKENDS, make_store


def ring(vertices: int, centre=(126.80, 37.30), radius=0.01) -> list[list[float]]:
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    points = np.column_stack([centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles)]).round(7)
    return [*points.tolist(), points[0].tolist()]


def areas_file(tmp_path: Path, *rings: list[list[float]]) -> Path:
    collection = json.loads((DEMO_DIR / "areas.geojson").read_text(encoding="utf-8"))
    for feature, outline in zip(collection["features"], rings, strict=False):
        feature["geometry"] = {"type": "Polygon", "coordinates": [outline]}
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


# The million-vertex area of issue 25 is the scale check (slow, in CI); 60,000 vertices passes the same
# default limit in the fast loop.
@pytest.mark.parametrize("vertices", [60_000, pytest.param(1_000_000, marks=pytest.mark.slow)])
def test_a_million_vertex_area_is_refused_with_how_to_simplify_and_the_store_is_unchanged(tmp_path, vertices):
    store = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    store.initialise(DEMO_DIR)
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()
    preview = preview_import(areas_file(tmp_path, ring(vertices)), "areas", store=store)
    (problem,) = preview.report.problems
    assert (problem.row, problem.field) == (1, "geometry")
    assert problem.message.startswith(f"도형의 꼭짓점이 {vertices + 1:,}개로 한 피처의 한도 50,000개를 넘습니다.")
    assert "단순화(Simplify)" in problem.message
    with pytest.raises(ImportRejectedError):
        commit_import(store, preview, mode="replace", user="kim")
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before


def test_the_file_limit_counts_every_feature(tmp_path):
    limits = UploadLimits(max_vertices_per_feature=100, max_vertices=300)
    path = areas_file(tmp_path, *[ring(80, centre=(126.75 + 0.03 * n, 37.30)) for n in range(5)])
    (problem,) = preview_import(path, "areas", limits=limits).report.problems
    assert problem.row is None
    assert problem.message.startswith("파일 전체의 꼭짓점이 405개로 한도 300개를 넘습니다.")
    assert preview_import(path, "areas", limits=UploadLimits(max_vertices_per_feature=100, max_vertices=405)).ok


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_area_over_the_vertex_limit_leaves_either_store_unchanged(tmp_path, backend):
    store, cleanup = make_store(backend, tmp_path)
    try:
        store.initialise(DEMO_DIR)
        before = store.dump()
        limits = UploadLimits(max_vertices_per_feature=1_000)
        preview = preview_import(areas_file(tmp_path, ring(5_000)), "areas", store=store, limits=limits)
        assert not preview.ok
        with pytest.raises(ImportRejectedError):
            commit_import(store, preview, mode="replace", user="kim")
        assert store.dump() == before
    finally:
        cleanup()
