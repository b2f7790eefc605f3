"""Measurements and spatial joins. Geometry is stored in EPSG:4326 and measured in EPSG:5186."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.io import METRIC_CRS
from geo.vocab import CITYWIDE


def area_m2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Planar area of each geometry in square metres, measured in EPSG:5186."""
    return frame.to_crs(METRIC_CRS).area


def representative_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point guaranteed to lie on each geometry (a line's or zone's anchor for joins and markers)."""
    return frame.geometry.representative_point()


def assign_districts(
    services: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame, areas: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Add ``gu`` and ``dong`` (and, given ``areas``, ``located_area_id``) from where each service lies.

    The join uses each service's representative point; all frames are EPSG:4326.
    A service outside every dong gets empty ``gu``/``dong``; one outside every
    development area gets ``located_area_id = "citywide"``.
    """
    anchors = gpd.GeoDataFrame(
        {"_row": range(len(services))}, geometry=representative_points(services).values, crs=services.crs
    )
    dongs = boundaries.loc[boundaries["level"] == "dong", ["name_ko", "gu", "geometry"]]
    dongs = dongs.rename(columns={"name_ko": "dong"})
    result = services.copy()
    in_dong = _first_match(anchors, dongs)
    result["gu"] = in_dong["gu"].fillna("").to_numpy()
    result["dong"] = in_dong["dong"].fillna("").to_numpy()
    if areas is not None:
        in_area = _first_match(anchors, areas[["area_id", "geometry"]])
        result["located_area_id"] = in_area["area_id"].fillna(CITYWIDE).to_numpy()
    return result


def _first_match(anchors: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame) -> pd.DataFrame:
    joined = gpd.sjoin(anchors, polygons, how="left", predicate="within")
    # A point on a shared edge matches two polygons: keep the first so rows stay one-to-one.
    return joined.drop_duplicates("_row").sort_values("_row")


def services_outside_declared_area(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> list[str]:
    """Ids of services declared in a development area whose geometry does not touch that area."""
    outlines = areas.set_index("area_id").geometry
    return [
        row.service_id
        for row in services.itertuples()
        if row.area_id in outlines.index and not outlines[row.area_id].intersects(row.geometry)
    ]
