"""Where Ansan is, written once (``geo.model.extent``): each box holds the city, and no other module spells one."""

from __future__ import annotations

import io
import tokenize

from geo.model.extent import CITY_EXTENT, CITY_MARGIN, IMPORT_BOX, URBAN_EXTENT, VIEW_BOX, Box
from tests.conftest import PROJECT_ROOT


def _holds(outer: Box, inner: Box) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def test_every_box_is_west_south_east_north_and_holds_what_it_should():
    for box in (CITY_EXTENT, URBAN_EXTENT, VIEW_BOX, IMPORT_BOX):
        assert box[0] < box[2] and box[1] < box[3]
    near_city = (
        CITY_EXTENT[0] - CITY_MARGIN,
        CITY_EXTENT[1] - CITY_MARGIN,
        CITY_EXTENT[2] + CITY_MARGIN,
        CITY_EXTENT[3] + CITY_MARGIN,
    )
    assert _holds(CITY_EXTENT, URBAN_EXTENT)
    assert _holds(VIEW_BOX, near_city)
    assert _holds(IMPORT_BOX, VIEW_BOX)


def _coordinates(source: str) -> list[str]:
    """Number literals in code (not in strings or comments) that read as Ansan's longitude or latitude."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NUMBER and "." in token.string:
            value = float(token.string.replace("_", ""))
            if 126.0 <= value < 128.0 or 36.5 <= value < 38.0:
                found.append(f"{token.start[0]}: {token.string}")
    return found


def test_no_other_module_in_geo_writes_a_coordinate_of_ansan():
    extent = PROJECT_ROOT / "geo" / "model" / "extent.py"
    spelled = {
        path.relative_to(PROJECT_ROOT).as_posix(): hits
        for path in sorted((PROJECT_ROOT / "geo").rglob("*.py"))
        if path != extent and (hits := _coordinates(path.read_text(encoding="utf-8")))
    }
    assert spelled == {}


def test_the_scan_finds_a_coordinate_written_in_code():
    assert _coordinates("BOX = (126.3, 37.0, 127.0, 37.5)\n# 126.5 in a comment\nNAME = '37.2'\n") == [
        "1: 126.3",
        "1: 37.0",
        "1: 127.0",
        "1: 37.5",
    ]
