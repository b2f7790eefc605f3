"""A columnar copy of the frames ``Store.read_data`` returns, one file per store revision.

At 100,000 services reading the tables took 2.3-2.6 s of a cold start (SQLite rows, a conversion per cell,
geometry decoding, the district join); the copy reads back in a fraction of that. It is only ever a copy:

* its key holds the store's revision, a fingerprint of the store file (an edit by another tool changes it) and
  one of the code that shapes the frames (geo's sources, library versions): anything else is another file;
* it is written whole under a temporary name and renamed into place, so a crash leaves no file or a leftover;
* a SHA-256 of its content is checked before use: a file that does not match or cannot be read is removed and
  the tables are read instead;
* each column is kept with its type (text, integers ... as the same Python objects, None apart from NaN, pandas
  dtypes as they were); a frame with a column it cannot give back exactly is not cached at all.

Arrow IPC and JSON only: nothing is unpickled.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import struct
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc
import shapely
from geopandas.array import GeometryDtype
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import ShapelyError

from geo.logs import log_event
from geo.store.tempfiles import claimed, clean_leftovers, temp_name

# Bump when the file layout changes; the code fingerprint already covers changes to geo's sources.
CACHE_FORMAT = 1
_MAGIC = b"DASHRC01"
_DIGEST_BYTES = 32
_SUFFIX = ".arrow"
# What a damaged or foreign file raises while it is read; any of them means "read the tables instead".
_UNREADABLE: tuple[type[BaseException], ...] = (
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    pa.ArrowException,
    ShapelyError,
    CRSError,
)
_NOT_SAVED: tuple[type[BaseException], ...] = (*_UNREADABLE, OverflowError)
_LIBRARIES = ("numpy", "pandas", "geopandas", "shapely", "pyarrow", "pyproj")

# Object columns: the kind pandas infers for their values, the codec's name and how Arrow keeps them.
_OBJECT_KINDS: dict[str, tuple[str, pa.DataType]] = {
    "string": ("text", pa.string()),
    "boolean": ("bool", pa.bool_()),
    "integer": ("int", pa.int64()),
    "floating": ("float", pa.float64()),
    "date": ("date", pa.date32()),
}

Frames = dict[str, pd.DataFrame]


class ReadCache:
    """The cache files in ``folder``: at most one complete file per key, plus leftovers of writers that died."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / f"{_file_stem(key)}{_SUFFIX}"

    def load(self, key: str) -> Frames | None:
        """The frames saved under ``key``, or None (no file; a damaged one is removed)."""
        path = self.path(key)
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log_event("read_cache", action="unreadable", file=path.name, error=type(error).__name__)
            return None
        try:
            return _decode(content, key)
        except _UNREADABLE as error:
            log_event("read_cache", action="discarded", file=path.name, error=f"{type(error).__name__}: {error}")
            path.unlink(missing_ok=True)
            return None

    def save(self, key: str, frames: Mapping[str, pd.DataFrame]) -> bool:
        """Keep ``frames`` under ``key`` and remove the files of other keys; False when they cannot be kept."""
        try:
            parts = _encode(frames, key)
        except _NOT_SAVED as error:
            log_event("read_cache", action="not_saved", error=f"{type(error).__name__}: {error}")
            return False
        if parts is None:
            return False
        target = self.path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            clean_leftovers(self.folder, f".*{_SUFFIX}.*.partial")
            with claimed(temp_name(target, "partial")) as partial:
                with partial.open("wb") as file:
                    for part in parts:
                        file.write(part)
                os.replace(partial, target)
            for other in self.folder.glob(f"*{_SUFFIX}"):
                if other.name != target.name:
                    other.unlink(missing_ok=True)  # an older revision's copy
        except OSError as error:
            log_event("read_cache", action="not_saved", file=target.name, error=type(error).__name__)
            return False
        return True


@functools.cache
def code_fingerprint() -> str:
    """What the frames depend on besides the store: geo's sources, the libraries' versions and the file format."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    for library in _LIBRARIES:
        digest.update(f"{library}={importlib.metadata.version(library)};".encode())
    root = Path(__file__).resolve().parents[1]
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def _file_stem(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:40]


# --- encoding ------------------------------------------------------------------------------------------------


def _encode(frames: Mapping[str, pd.DataFrame], key: str) -> list[Any] | None:
    """The file's bytes in parts (magic, digest, header length, header, one Arrow IPC file per frame)."""
    header: dict[str, Any] = {"key": key, "frames": []}
    bodies: list[Any] = []  # Arrow buffers, written and hashed without a copy
    offset = 0
    for name, frame in frames.items():
        described = _encode_frame(frame)
        if described is None:
            log_event("read_cache", action="not_saved", frame=name, error="a column cannot be kept exactly")
            return None
        spec, table = described
        sink = pa.BufferOutputStream()
        with ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        body = sink.getvalue()
        header["frames"].append({"name": name, "offset": offset, "length": body.size, **spec})
        bodies.append(body)
        offset += body.size
    encoded_header = json.dumps(header, ensure_ascii=False).encode()
    rest = [struct.pack("<Q", len(encoded_header)), encoded_header, *bodies]
    digest = hashlib.sha256()
    for part in rest:
        digest.update(part)
    return [_MAGIC, digest.digest(), *rest]


def _encode_frame(frame: pd.DataFrame) -> tuple[dict[str, Any], pa.Table] | None:
    index = frame.index
    plain_index = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None
    names = list(frame.columns)
    if not plain_index or frame.attrs or len(set(names)) != len(names) or not all(isinstance(n, str) for n in names):
        return None
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    crs = _crs_text(frame.crs) if isinstance(frame, gpd.GeoDataFrame) else None
    if geometry is not None and crs is None:
        return None
    columns: list[dict[str, str]] = []
    arrays: dict[str, pa.Array] = {}
    for position, name in enumerate(names):
        encoded = _encode_column(frame[name])
        if encoded is None:
            return None
        codec, dtype, fields = encoded
        columns.append({"name": name, "codec": codec, "dtype": dtype})
        arrays.update({f"{position}{suffix}": array for suffix, array in fields.items()})
    spec = {"rows": len(frame), "geometry": geometry, "crs": crs, "columns": columns}
    return spec, pa.table(arrays) if arrays else pa.table({})


def _crs_text(crs: Any) -> str | None:
    """``EPSG:n`` when that code gives back an equal CRS (``none`` for no CRS); None when it cannot be kept."""
    if crs is None:
        return "none"
    code = crs.to_epsg()
    return f"EPSG:{code}" if code is not None and CRS.from_user_input(f"EPSG:{code}") == crs else None


def _encode_column(values: pd.Series) -> tuple[str, str, dict[str, pa.Array]] | None:
    """(codec, dtype, Arrow fields by suffix) for one column, or None when it cannot be restored exactly."""
    dtype = values.dtype
    if isinstance(dtype, GeometryDtype):
        return _encode_geometry(values.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        return _encode_objects(values.to_numpy())
    if isinstance(dtype, pd.StringDtype):
        if pd.api.types.pandas_dtype(str(dtype)) != dtype:
            return None
        arrow = pa.array(values.array)  # pandas' string arrays hand Arrow their data without a copy
        arrow = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
        return "string", str(dtype), {"": arrow.cast(pa.string()).dictionary_encode()}
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return "numpy", dtype.str, {"": pa.array(values.to_numpy())}
    return None


def _encode_objects(items: np.ndarray) -> tuple[str, str, dict[str, pa.Array]] | None:
    """An object column whose values are all of one kind (or None); None when they are not.

    Values come back as Python's own types, as the tables give them (a numpy integer comes back an int).
    """
    missing = items == None  # noqa: E711 (elementwise: which cells hold None)
    if missing.all():
        return "object-none", "object", {"": pa.nulls(len(items))}
    # Inferred without skipping NaN: a NaN among text is "mixed", not a missing value to lose.
    kind = _OBJECT_KINDS.get(pd.api.types.infer_dtype(items[~missing], skipna=False))
    if kind is None:
        return None  # mixed kinds, or a kind without an exact Arrow twin
    if kind[0] == "text":
        return "object-text", "object", {"": _dictionary(items)}
    if kind[0] == "date" and any(type(item) is not date for item in items[~missing]):
        return None  # a datetime (a date subclass) would lose its time
    # NaN stays a value, None is null; pyarrow refuses any value not of this type.
    return f"object-{kind[0]}", "object", {"": pa.array(items, type=kind[1], from_pandas=False)}


def _dictionary(items: Any) -> pa.Array:
    """Text (str or None) dictionary-encoded: decoding then makes each distinct word once, not once per row."""
    return pa.array(items, type=pa.string(), from_pandas=False).dictionary_encode()


def _encode_geometry(geometries: np.ndarray) -> tuple[str, str, dict[str, pa.Array]]:
    # Points as two number columns: rebuilding them is several times faster than parsing WKB.
    present = ~shapely.is_missing(geometries)
    points = bool(present.all()) and bool((shapely.get_type_id(geometries) == 0).all())
    if points and not shapely.is_empty(geometries).any() and not shapely.has_z(geometries).any():
        return (
            "points",
            "geometry",
            {".x": pa.array(shapely.get_x(geometries)), ".y": pa.array(shapely.get_y(geometries))},
        )
    return "wkb", "geometry", {"": pa.array(list(shapely.to_wkb(geometries, flavor="iso")), type=pa.binary())}


# --- decoding ------------------------------------------------------------------------------------------------


def _decode(content: bytes, key: str) -> Frames:
    start = len(_MAGIC) + _DIGEST_BYTES
    if content[: len(_MAGIC)] != _MAGIC:
        raise ValueError("not a read cache file")
    if hashlib.sha256(memoryview(content)[start:]).digest() != content[len(_MAGIC) : start]:
        raise ValueError("the content does not match its checksum (damaged or cut short)")
    (length,) = struct.unpack_from("<Q", content, start)
    header = json.loads(content[start + 8 : start + 8 + length])
    if header["key"] != key:
        raise ValueError("saved under another key")
    buffer = pa.py_buffer(content)
    base = start + 8 + length
    frames: Frames = {}
    for spec in header["frames"]:
        table = ipc.open_file(buffer.slice(base + spec["offset"], spec["length"])).read_all()
        frames[spec["name"]] = _decode_frame(spec, table)
    return frames


def _decode_frame(spec: Mapping[str, Any], table: pa.Table) -> pd.DataFrame:
    rows = int(spec["rows"])
    if table.num_rows != rows and spec["columns"]:
        raise ValueError("row count differs from the header")
    crs = None if spec["crs"] in (None, "none") else CRS.from_user_input(spec["crs"])
    columns: dict[str, Any] = {}
    for position, column in enumerate(spec["columns"]):
        fields = {name[len(str(position)) :]: name for name in table.column_names if _field_of(name, position)}
        arrays = {suffix: table.column(name).combine_chunks() for suffix, name in fields.items()}
        columns[column["name"]] = _DECODERS[column["codec"]](arrays, column["dtype"], crs)
    if spec["geometry"] is None:
        return pd.DataFrame(columns, index=pd.RangeIndex(rows))
    frame: pd.DataFrame = gpd.GeoDataFrame(columns, index=pd.RangeIndex(rows), geometry=spec["geometry"], crs=crs)
    return frame


def _field_of(name: str, position: int) -> bool:
    prefix = str(position)
    return name == prefix or (name.startswith(prefix) and name[len(prefix)] == ".")


def _objects(array: pa.Array) -> np.ndarray:
    """An Arrow array as a numpy object array of Python values, None where null (NaN stays NaN)."""
    result = np.full(len(array), None, dtype=object)
    if array.null_count == len(array):
        return result
    if pa.types.is_dictionary(array.type):
        words = array.dictionary.to_numpy(zero_copy_only=False)
        indices = array.indices.fill_null(0).to_numpy(zero_copy_only=False)
        result = words[indices] if len(words) else result
        if array.null_count:
            result[~array.is_valid().to_numpy(zero_copy_only=False)] = None
        return result
    valid = array.is_valid().to_numpy(zero_copy_only=False)
    result[valid] = array.drop_null().to_numpy(zero_copy_only=False).astype(object)
    return result


def _decode_objects(arrays: Mapping[str, pa.Array], dtype: str, crs: CRS | None) -> pd.Series:  # noqa: ARG001 (one signature for all codecs)
    # A Series with the dtype stated: a bare object array of text would be inferred as pandas' string dtype.
    return pd.Series(_objects(arrays[""]), dtype=object, copy=False)


def _decode_string(arrays: Mapping[str, pa.Array], dtype: str, crs: CRS | None) -> Any:  # noqa: ARG001 (one signature for all codecs)
    return pd.Series(_objects(arrays[""]), dtype=object).astype(pd.api.types.pandas_dtype(dtype))


def _decode_numpy(arrays: Mapping[str, pa.Array], dtype: str, crs: CRS | None) -> np.ndarray:  # noqa: ARG001 (one signature for all codecs)
    return np.array(arrays[""].to_numpy(zero_copy_only=False), dtype=np.dtype(dtype))  # a writable copy


def _decode_points(arrays: Mapping[str, pa.Array], dtype: str, crs: CRS | None) -> gpd.GeoSeries:  # noqa: ARG001 (one signature for all codecs)
    xs, ys = (arrays[axis].to_numpy(zero_copy_only=False) for axis in (".x", ".y"))
    return gpd.GeoSeries(shapely.points(xs, ys), crs=crs)


def _decode_wkb(arrays: Mapping[str, pa.Array], dtype: str, crs: CRS | None) -> gpd.GeoSeries:  # noqa: ARG001 (one signature for all codecs)
    return gpd.GeoSeries(shapely.from_wkb(arrays[""].to_numpy(zero_copy_only=False)), crs=crs)


_DECODERS: dict[str, Callable[[Mapping[str, pa.Array], str, CRS | None], Any]] = {
    "object-none": _decode_objects,
    "object-text": _decode_objects,
    "object-bool": _decode_objects,
    "object-int": _decode_objects,
    "object-float": _decode_objects,
    "object-date": _decode_objects,
    "string": _decode_string,
    "numpy": _decode_numpy,
    "points": _decode_points,
    "wkb": _decode_wkb,
}
