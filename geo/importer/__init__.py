"""Import staff files into the store: check safely, read, map columns, validate, preview; write only on commit.

The package, in pipeline order:

- ``safety``: checks before anything is parsed: file size (default limit 50 MB),
  zip archives inspected without extracting (no absolute or ``../`` paths, no
  symbolic links, no encryption, total uncompressed size and compression ratio
  limits against zip bombs, exactly one data file inside), GeoJSON syntax, and
  the feature count (default limit 200,000).
- ``readers``: files to frames in EPSG:4326: GeoJSON, GeoPackage and (zipped)
  Shapefiles through ``geo.io.read_vector``; CSV/XLSX points from coordinate columns.
- ``mapping``: column mapping (``사업명=name_ko``): columns recognised by name
  (a table of aliases) and by content (Ansan's dong names, administrative
  codes), the store's remembered mapping, the caller's over both.
- ``boundaries``: what real dong files never carry (level, ids, gu, source,
  accuracy) filled in and shown as defaults; gu and city outlines derived.
- ``reference``: reference layers (기반 시설) from public-data point files,
  rows without a usable point refused with their reason.
- ``preview``: the pipeline of small steps ending in an ``ImportPreview``;
  validation against ``geo.model.schema``; services and areas must lie in Ansan.
  ``commit_import`` writes a preview without problems, nothing before.

Invalid geometry: for ``boundaries`` and ``areas`` it is repaired with
``make_valid`` and the preview notes which features (published boundary files
carry simplification artefacts); for ``services`` it is **reported**, not
repaired, because a service's zone is drawn by staff and a silently split shape
changes what it means.
"""

from geo.importer.boundaries import CITY_NAME, GU_BY_CODE_PREFIX, GU_NAMES_EN
from geo.importer.mapping import ALIASES, map_arguments, parse_mapping
from geo.importer.preview import commit_import, preview_import, preview_upload
from geo.importer.readers import LAT_COLUMNS, LON_COLUMNS, WKT_COLUMN, X_COLUMNS, Y_COLUMNS
from geo.importer.reference_layers import (
    REFERENCE_LAYER,
    ReferencePreview,
    commit_reference,
    preview_reference,
    preview_reference_upload,
)
from geo.importer.result import PROBLEMS_LISTED, ImportPreview, ImportRejectedError
from geo.importer.safety import MB, TABLE_SUFFIXES, VECTOR_SUFFIXES, UploadLimits, check_upload
from geo.model.validation import problem_counts

__all__ = [
    "ALIASES",
    "CITY_NAME",
    "GU_BY_CODE_PREFIX",
    "GU_NAMES_EN",
    "LAT_COLUMNS",
    "LON_COLUMNS",
    "MB",
    "PROBLEMS_LISTED",
    "REFERENCE_LAYER",
    "TABLE_SUFFIXES",
    "VECTOR_SUFFIXES",
    "WKT_COLUMN",
    "X_COLUMNS",
    "Y_COLUMNS",
    "ImportPreview",
    "ImportRejectedError",
    "ReferencePreview",
    "UploadLimits",
    "check_upload",
    "commit_import",
    "commit_reference",
    "map_arguments",
    "parse_mapping",
    "preview_import",
    "preview_reference",
    "preview_reference_upload",
    "preview_upload",
    "problem_counts",
]
