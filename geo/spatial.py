"""Measurements and spatial joins. Geometry is stored in EPSG:4326 and measured in EPSG:5186."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.io import METRIC_CRS


def area_m2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Planar area of each geometry in square metres, measured in EPSG:5186."""
    return frame.to_crs(METRIC_CRS).area


def representative_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point guaranteed to lie on each geometry (a line's or zone's anchor for joins and markers)."""
    return frame.geometry.representative_point()


def assign_districts(services: gpd.GeoDataFrame, boundaries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add ``gu`` and ``dong`` to each service from the 행정동 its representative point falls in.

    Both frames are EPSG:4326. A service outside every dong gets empty values.
    """
    dongs = boundaries.loc[boundaries["level"] == "dong", ["name_ko", "gu", "geometry"]]
    dongs = dongs.rename(columns={"name_ko": "dong"})
    anchors = gpd.GeoDataFrame(
        {"_row": range(len(services))}, geometry=representative_points(services).values, crs=services.crs
    )
    joined = gpd.sjoin(anchors, dongs, how="left", predicate="within")
    # A point on a shared edge matches two dongs: keep the first so rows stay one-to-one.
    joined = joined.drop_duplicates("_row").sort_values("_row")
    result = services.copy()
    result["gu"] = joined["gu"].fillna("").to_numpy()
    result["dong"] = joined["dong"].fillna("").to_numpy()
    return result


def services_outside_declared_area(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> list[str]:
    """Ids of services declared in a development area whose geometry does not touch that area."""
    outlines = areas.set_index("area_id").geometry
    return [
        row.service_id
        for row in services.itertuples()
        if row.area_id in outlines.index and not outlines[row.area_id].intersects(row.geometry)
    ]
