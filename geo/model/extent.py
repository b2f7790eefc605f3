"""Where Ansan is, written once: the city's extent and the boxes each use draws around it.

Every box is ``(west, south, east, north)`` in degrees (EPSG:4326). They differ
on purpose, each by the room its use needs; ``tests/test_extent.py`` checks that
each holds the city and that no other module writes a coordinate of its own.
"""

from __future__ import annotations

Box = tuple[float, float, float, float]

#: Ansan with its islands (풍도 lies at 126.38 E, 37.11 N).
CITY_EXTENT: Box = (126.38, 37.08, 126.94, 37.38)
#: How far (degrees, about 2 km) a boundary or area outline may reach beyond the extent.
CITY_MARGIN = 0.02
#: The urban part with all five development areas: the map's default view (the Daebu islands stay reachable).
URBAN_EXTENT: Box = (126.745, 37.285, 126.925, 37.37)
#: Where a map view may point (a link's view, the configured location): the city with room around it.
VIEW_BOX: Box = (126.3, 37.0, 127.0, 37.5)
#: The generous box an imported file's coordinates must fit to be read as Ansan (its CRS guessed, its points kept).
IMPORT_BOX: Box = (126.2, 37.0, 127.2, 37.6)
