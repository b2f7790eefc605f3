"""Where reported projects are drawn: named places, 동 anchor points and reported addresses.

A reported project's point is never guessed. It is one of: a named place of
``places.csv`` (stations, city and district offices, parks), the point of a
reported lot number found in a public dataset, or the anchor point of an
administrative dong computed from the bundled boundaries (``dong_anchor``).
The builder and the tests use the same functions, so a test can check every
bundled point against them.
"""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Point

from geo.i18n.problems import message
from geo.io import METRIC_CRS


def dong_anchor(boundaries: gpd.GeoDataFrame, dong: str) -> Point:
    """The centre of an administrative dong of ``boundaries`` (EPSG:4326), rounded to 6 decimals.

    The centroid is computed in EPSG:5186; when it falls outside the dong (an island
    dong such as 대부동) the dong's representative point is used instead.

    Raises
    ------
    KeyError
        If ``boundaries`` has no dong of that name.
    """
    dongs = boundaries.loc[(boundaries["level"] == "dong") & (boundaries["name_ko"] == dong)]
    if dongs.empty:
        raise KeyError(message("dong_not_in_boundaries", dong=dong).text("ko"))
    shape = gpd.GeoSeries([dongs.geometry.iloc[0]], crs=boundaries.crs).to_crs(METRIC_CRS).iloc[0]
    centre = shape.centroid if shape.contains(shape.centroid) else shape.representative_point()
    point = gpd.GeoSeries([centre], crs=METRIC_CRS).to_crs(boundaries.crs).iloc[0]
    return Point(round(point.x, 6), round(point.y, 6))


def dong_names_en(boundaries: gpd.GeoDataFrame) -> dict[str, str]:
    """Each administrative dong's English name by its Korean one, for English screens.

    Dongs without an English name (an imported boundary file without ``name_en``) are left out.
    """
    dongs = boundaries.loc[boundaries["level"] == "dong"]
    if "name_en" not in dongs:
        return {}
    named = dongs.loc[dongs["name_en"].notna() & (dongs["name_en"].astype(str).str.strip() != "")]
    return dict(zip(named["name_ko"].astype(str), named["name_en"].astype(str), strict=True))
