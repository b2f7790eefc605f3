"""GeoPackage geometry blobs (OGC 12-128r18, section 2.1.3): shapely geometries to and from the stored bytes."""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.validation import message
from geo.store.common import (
    StoreError,
)

# --- GeoPackage geometry blobs (OGC 12-128r18, section 2.1.3) ---------------------------------------------

_GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blob(geometry: BaseGeometry | None) -> bytes | None:
    if geometry is None:
        return None
    if geometry.is_empty:
        return b"GP\x00" + bytes([0b00010001]) + struct.pack("<i", 4326) + shapely.to_wkb(geometry, byte_order=1)
    minx, miny, maxx, maxy = geometry.bounds
    # Flags: little-endian header (bit 0), envelope [minx, maxx, miny, maxy] (indicator 1 in bits 1-3).
    header = b"GP\x00" + bytes([0b00000011]) + struct.pack("<i4d", 4326, minx, maxx, miny, maxy)
    return header + shapely.to_wkb(geometry, output_dimension=2, byte_order=1, flavor="iso")


# Header of a non-empty geometry: magic, version, flags (little-endian, [minx, maxx, miny, maxy] envelope), SRS id.
_GPKG_HEADER = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"), ("envelope", "<f8", 4)])


def gpkg_blobs(geometries: np.ndarray) -> list[bytes | None]:
    """``gpkg_blob`` of every geometry in an array (None stays None), with array operations."""
    blobs: list[bytes | None] = [None] * len(geometries)
    present = ~shapely.is_missing(geometries)
    empty = present & shapely.is_empty(geometries)
    for position in np.flatnonzero(empty):
        blobs[position] = gpkg_blob(geometries[position])
    solid = np.flatnonzero(present & ~empty)
    if not len(solid):
        return blobs
    shapes = geometries[solid]
    headers = np.zeros(len(solid), dtype=_GPKG_HEADER)
    headers["magic"], headers["flags"], headers["srs"] = b"GP", 0b00000011, 4326
    headers["envelope"] = shapely.bounds(shapes)[:, [0, 2, 1, 3]]
    bodies = shapely.to_wkb(shapes, output_dimension=2, byte_order=1, flavor="iso")
    raw = headers.tobytes()
    size = _GPKG_HEADER.itemsize
    for number, (position, body) in enumerate(zip(solid, bodies, strict=True)):
        blobs[position] = raw[number * size : (number + 1) * size] + body
    return blobs


def from_gpkg_blob(blob: bytes | None) -> BaseGeometry | None:
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise StoreError(message("store_geometry_not_gpkg"))
    envelope = (blob[3] >> 1) & 0b111
    return shapely.from_wkb(blob[8 + _GPKG_ENVELOPE_BYTES[envelope] :])


def from_gpkg_blobs(blobs: Sequence[bytes | None]) -> list[BaseGeometry | None]:
    """``from_gpkg_blob`` of every blob (None stays None): headers checked here, the WKB parsed as one array."""
    bodies = np.empty(len(blobs), dtype=object)
    for position, blob in enumerate(blobs):
        if blob is None:
            continue
        blob = bytes(blob)
        if blob[:2] != b"GP":
            from_gpkg_blob(blob)  # raises the StoreError that names the damage
        bodies[position] = blob[8 + _GPKG_ENVELOPE_BYTES[(blob[3] >> 1) & 0b111] :]
    return list(shapely.from_wkb(bodies))
