"""Synthetic service layers of any size inside Ansan, for benchmarks (not for the app's data)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
from shapely.geometry import Point, box

from geo.loaders import DashboardData, load_dashboard_data
from geo.model.vocab import DOMAIN_TERMS, STATUS_TERMS
from geo.settings import BUNDLED_DATA_DIR


def synthetic_services(data: DashboardData, count: int, seed: int = 7) -> gpd.GeoDataFrame:
    """``count`` point services (sample records) spread over Ansan's urban dongs, like a device layer."""
    rng = np.random.default_rng(seed)
    # The mainland part of the city outline (the Daebu islands lie west of 126.70 E).
    outline = data.city_outline.intersection(box(126.70, 37.25, 126.95, 37.40)).buffer(-0.0005)
    minx, miny, maxx, maxy = outline.bounds
    points: list[Point] = []
    while len(points) < count:
        xs = rng.uniform(minx, maxx, count)
        ys = rng.uniform(miny, maxy, count)
        candidates = gpd.GeoSeries(gpd.points_from_xy(xs, ys), crs=4326)
        points.extend(candidates[candidates.within(outline)].tolist())
    points = points[:count]
    template = data.services.drop(columns=["geometry", "gu", "dong"]).iloc[0].to_dict()
    statuses, domains = list(STATUS_TERMS), list(DOMAIN_TERMS)
    pick = random.Random(seed)
    rows = []
    for number in range(count):
        rows.append(
            {
                **template,
                "service_id": f"DEV-{number:06d}",
                "name_ko": f"스마트 가로등 {number:06d}",
                "name_en": f"Smart streetlight {number:06d}",
                "status": statuses[pick.randrange(len(statuses))],
                "domain": domains[pick.randrange(len(domains))],
                "area_id": "citywide",
            }
        )
    return gpd.GeoDataFrame(rows, geometry=points, crs=4326)


# The demo folder's illustrative records have every field filled: a complete template for synthetic rows.
TEMPLATE_DIR = BUNDLED_DATA_DIR / "demo"


def write_large_data_dir(target: Path, count: int) -> Path:
    """A data folder like the demo one whose services layer holds ``count`` synthetic points."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(TEMPLATE_DIR, target, ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    services = synthetic_services(load_dashboard_data(TEMPLATE_DIR), count)
    services["updated_at"] = services["updated_at"].astype(str)
    services.to_file(target / "services.geojson", driver="GeoJSON")
    (target / "status_history.csv").write_text(
        "service_id,changed_at,old_status,new_status,changed_by,reason,is_sample\n", encoding="utf-8"
    )
    return target
