"""Geometry checks: present, finite, of an allowed type, valid, and in or near Ansan (EPSG:4326)."""

from __future__ import annotations

from typing import cast

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.i18n.problems import Message, message
from geo.model.extent import CITY_EXTENT, CITY_MARGIN
from geo.model.schema import DatasetSchema
from geo.model.validation.cells import RowError

# Datasets whose every geometry must lie in or near Ansan (a file in the wrong CRS would replace the city).
CITY_BOUND_DATASETS = ("boundaries", "areas")


def coordinate_problem(geometry: BaseGeometry) -> Message | None:
    """Why ``geometry`` (EPSG:4326) cannot be in Ansan, or None when it lies in or near the city.

    Tells swapped latitude/longitude and projected (metre) coordinates apart
    from a place elsewhere, so the message says what to fix.
    """
    minx, miny, maxx, maxy = geometry.bounds
    west, south, east, north = CITY_EXTENT
    margin = CITY_MARGIN

    def inside(x0: float, y0: float, x1: float, y1: float) -> bool:
        return west - margin <= x0 and x1 <= east + margin and south - margin <= y0 and y1 <= north + margin

    if inside(minx, miny, maxx, maxy):
        return None
    centre = geometry.centroid if not geometry.is_empty else None
    where = message("lonlat", lon=centre.x, lat=centre.y) if centre is not None else ""
    if inside(miny, minx, maxy, maxx):
        return message("coordinates_swapped", where=where)
    if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
        return message("coordinates_projected")
    return message("outside_ansan", west=west, east=east, south=south, north=north, where=where)


def _check_geometry(geometry: object, schema: DatasetSchema) -> Message | None:
    if geometry is None or not isinstance(geometry, BaseGeometry):
        return message("no_geometry")
    if geometry.is_empty:
        return message("empty_geometry", geom_type=geometry.geom_type)
    if not np.isfinite(shapely.get_coordinates(geometry)).all():
        return message("nonfinite_coordinates")
    if schema.geometry_types and geometry.geom_type not in schema.geometry_types:
        return message("geometry_type", geom_type=geometry.geom_type, allowed=list(schema.geometry_types))
    if not geometry.is_valid:
        from shapely.validation import explain_validity

        return message("invalid_geometry", reason=explain_validity(geometry))
    if schema.name in CITY_BOUND_DATASETS:
        return coordinate_problem(geometry)
    return None


def _geometry_error(geometry: object, schema: DatasetSchema, city_outline: BaseGeometry | None) -> Message | None:
    """Why one geometry is refused (the message), or None."""
    error = _check_geometry(geometry, schema)
    if (
        error is None
        and schema.must_lie_in_city
        and city_outline
        and not city_outline.intersects(cast(BaseGeometry, geometry))
    ):
        error = message("outside_city")
    return error


_TYPE_NAMES = np.array(
    [
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        "GeometryCollection",
    ]
)


def geometry_errors(
    geometries: gpd.GeoSeries, schema: DatasetSchema, city_outline: BaseGeometry | None
) -> list[RowError]:
    """Problems of each geometry; array predicates pick the suspects, ``_geometry_error`` words them."""
    shapes = np.asarray(geometries.array, dtype=object)
    suspects = np.flatnonzero(_geometry_suspects(shapes, schema, city_outline))
    errors = [(int(p) + 1, _geometry_error(shapes[p], schema, city_outline)) for p in suspects]
    return [(position, error) for position, error in errors if error]


def _geometry_suspects(shapes: np.ndarray, schema: DatasetSchema, city_outline: BaseGeometry | None) -> np.ndarray:
    """Rows ``_geometry_error`` may refuse: every row it refuses is among them (array operations over all rows)."""
    suspect = shapely.is_missing(shapes) | shapely.is_empty(shapes)
    coordinates, owners = shapely.get_coordinates(shapes, return_index=True)
    suspect[owners[~np.isfinite(coordinates).all(axis=1)]] = True
    type_ids = shapely.get_type_id(shapes)
    if schema.geometry_types:
        suspect |= ~np.isin(_TYPE_NAMES[np.clip(type_ids, 0, 7)], schema.geometry_types)
    suspect |= ~shapely.is_valid(shapes)
    if schema.name in CITY_BOUND_DATASETS:
        west, south, east, north = CITY_EXTENT
        bounds = shapely.bounds(shapes)
        with np.errstate(invalid="ignore"):
            inside = (
                (bounds[:, 0] >= west - CITY_MARGIN)
                & (bounds[:, 2] <= east + CITY_MARGIN)
                & (bounds[:, 1] >= south - CITY_MARGIN)
                & (bounds[:, 3] <= north + CITY_MARGIN)
            )
        suspect |= ~inside
    if schema.must_lie_in_city and city_outline:
        shapely.prepare(city_outline)
        suspect |= ~shapely.intersects(city_outline, shapes)
    return cast(np.ndarray, suspect)
