"""Measurements and spatial joins. Geometry is stored in EPSG:4326 and measured in EPSG:5186."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry, BaseMultipartGeometry
from shapely.geometry.polygon import orient

from geo.i18n.problems import Message, message
from geo.io import METRIC_CRS
from geo.model.validation import ValidationReport
from geo.model.vocab import CITYWIDE


def area_m2(frame: gpd.GeoDataFrame) -> pd.Series:
    """Planar area of each geometry in square metres, measured in EPSG:5186."""
    return cast(pd.Series, frame.to_crs(METRIC_CRS).area)


def representative_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point guaranteed to lie on each geometry (a line's or zone's anchor for joins and markers)."""
    return frame.geometry.representative_point()


#: ((south, west), (north, east)) in degrees, as folium's ``fit_bounds`` and ``build_map(bounds=...)`` take it.
LatLonView = tuple[tuple[float, float], tuple[float, float]]


def pad_bounds(
    bounds: Sequence[float], share: float = 0.0, margin: float = 0.0, least_size: float = 0.0
) -> tuple[float, float, float, float]:
    """``bounds`` (minx, miny, maxx, maxy) grown on every side by ``share`` × its longer side plus ``margin``.

    Units are the bounds' own (degrees in EPSG:4326, metres in EPSG:5186);
    ``least_size`` stands in for the longer side when the bounds are smaller
    (a single point still gets a view around it).
    """
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    pad = share * max(maxx - minx, maxy - miny, least_size) + margin
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def latlon_view(bounds: Sequence[float], share: float = 0.0, margin: float = 0.0) -> LatLonView:
    """The map view around ``bounds`` (minx, miny, maxx, maxy in EPSG:4326 degrees), padded as :func:`pad_bounds`."""
    west, south, east, north = pad_bounds(bounds, share, margin)
    return (south, west), (north, east)


def area_rows(areas: gpd.GeoDataFrame, area_id: str) -> gpd.GeoDataFrame:
    """The rows of one development area in the areas data.

    Raises
    ------
    KeyError
        If ``area_id`` is not in ``areas``, naming the ids that are.
    """
    rows = areas.loc[areas["area_id"] == area_id]
    if rows.empty:
        raise KeyError(f"area_id {area_id!r} is not in the areas data ({', '.join(areas['area_id'])})")
    return rows


def area_view_bounds(areas: gpd.GeoDataFrame, area_id: str, padding: float = 0.6, margin: float = 0.0) -> LatLonView:
    """The map view of one development area (:func:`area_rows`), padded by ``padding`` × its size plus ``margin`` degrees."""
    return latlon_view(area_rows(areas, area_id).total_bounds, padding, margin)


def geometry_path(geometry: BaseGeometry) -> tuple[list[float | None], list[float | None]]:
    """A geometry's outlines as one x/y path for a Plotly scatter, parts separated by ``None`` (a gap).

    Polygons give their exterior and every hole; exteriors run counter-clockwise
    and holes clockwise, so ``fill="toself"`` leaves the holes empty under either
    SVG fill rule. Lines give their vertices; points have no outline and give
    nothing. Coordinates stay in the geometry's own CRS (reproject first, e.g.
    to EPSG:5186 for a map in metres).
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for line in _outlines(geometry):
        x, y = line.xy
        xs += [*x, None]
        ys += [*y, None]
    return xs, ys


def _outlines(geometry: BaseGeometry) -> list[LineString]:
    if isinstance(geometry, Polygon):
        oriented = orient(geometry, sign=1.0)
        return [oriented.exterior, *oriented.interiors]
    if isinstance(geometry, LineString):
        return [geometry]
    if isinstance(geometry, BaseMultipartGeometry):
        return [line for part in geometry.geoms for line in _outlines(part)]
    return []


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
    return cast(pd.DataFrame, joined.drop_duplicates("_row").sort_values("_row"))


def services_outside_declared_area(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> list[str]:
    """Ids of services declared in a development area whose geometry does not touch that area."""
    outlines = areas.set_index("area_id").geometry
    declared = services.loc[services["area_id"].isin(outlines.index)]
    # One array predicate over all services (a loop over 100,000 rows took most of a second).
    touches = shapely.intersects(outlines.reindex(declared["area_id"]).to_numpy(), declared.geometry.to_numpy())
    return cast(list[str], declared["service_id"][~touches].tolist())


def city_outline(boundaries: gpd.GeoDataFrame) -> BaseGeometry:
    """The city's outline: its ``city`` row, or the union of every boundary when the layer has none."""
    city = boundaries.loc[boundaries["level"] == "city"]
    return cast(BaseGeometry, (city if not city.empty else boundaries).geometry.union_all())


def services_orphaned_by_boundaries(new_boundaries: gpd.GeoDataFrame, services: gpd.GeoDataFrame) -> list[str]:
    """The ``service_id`` of each stored service that would lie outside the city after a boundaries replacement.

    For the import preview: services are checked against the city outline when
    they are imported, so a new outline that leaves some of them outside would
    make the stored data inconsistent (and every later services import refused).
    Both frames in EPSG:4326; ids in the services' order.
    """
    if new_boundaries.empty or services.empty:
        return list(services["service_id"]) if new_boundaries.empty else []
    outline = city_outline(new_boundaries)
    inside = services.geometry.intersects(outline)
    return [str(sid) for sid, ok in zip(services["service_id"], inside, strict=True) if not ok]


def orphaned_services_report(
    new_boundaries: gpd.GeoDataFrame, services: gpd.GeoDataFrame, file: str
) -> ValidationReport:
    """One problem naming the stored services a boundaries replacement would leave outside the city."""
    report = ValidationReport()
    orphaned = services_orphaned_by_boundaries(new_boundaries, services)
    if orphaned:
        shown: str | Message = ", ".join(orphaned[:10])
        if len(orphaned) > 10:
            shown = message("and_more", shown=shown, count=len(orphaned) - 10)
        report.add(file, None, "geometry", message("services_orphaned", count=len(orphaned), shown=shown))
    return report


def nearest_services(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, area_id: str, count: int = 3) -> pd.DataFrame:
    """The ``count`` services with a place nearest to an area's outline, for an area with none inside.

    Distances are measured in EPSG:5186 (metres) from each service's geometry to the area's outline;
    services placed nowhere in particular (``location_accuracy`` ``"citywide"``) are left out: their
    point says nothing about where they are.

    Returns
    -------
    pandas.DataFrame
        The chosen rows of ``services`` (no geometry) with ``distance_km``, nearest first; empty when the
        area or every placed service is missing.
    """
    outline = areas.loc[areas["area_id"] == area_id]
    placed = services
    if "location_accuracy" in services:
        placed = services.loc[services["location_accuracy"].fillna("") != "citywide"]
    if outline.empty or placed.empty:
        return pd.DataFrame(columns=[*services.columns.drop("geometry", errors="ignore"), "distance_km"])
    target = outline.to_crs(METRIC_CRS).geometry.union_all()
    distances = placed.geometry.to_crs(METRIC_CRS).distance(target) / 1000
    nearest = distances.sort_values(kind="stable").head(count)
    rows = pd.DataFrame(placed.loc[nearest.index].drop(columns="geometry"))
    return rows.assign(distance_km=nearest.round(1).to_numpy())
