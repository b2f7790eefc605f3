"""Front-end files the map needs, served by the app itself so it draws with no internet.

Leaflet and Leaflet.markercluster come from the ``xstatic-leaflet`` and
``xstatic-leaflet-markercluster`` wheels on PyPI; ``install_vendor_assets``
copies them under ``static/vendor/`` (served by Streamlit at ``/app/static``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster

VENDOR_PACKAGES = {
    "leaflet": Path(xs_leaflet.BASE_DIR),
    "markercluster": Path(xs_markercluster.BASE_DIR),
}

# (folder, file) pairs the map builder links; anything else in the packages is not copied.
VENDOR_FILES = {
    "leaflet_js": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markercluster_js": ("markercluster", "leaflet.markercluster.js"),
    "markercluster_css": ("markercluster", "MarkerCluster.css"),
    "markercluster_default_css": ("markercluster", "MarkerCluster.Default.css"),
}


def vendor_url(asset: str, base_url: str) -> str:
    folder, file_name = VENDOR_FILES[asset]
    return f"{base_url.rstrip('/')}/vendor/{folder}/{file_name}"


def install_vendor_assets(static_dir: Path) -> list[Path]:
    """Copy the vendor files into ``static_dir/vendor`` where missing or outdated; return what was copied."""
    copied = []
    for folder, source_dir in VENDOR_PACKAGES.items():
        target_dir = static_dir / "vendor" / folder
        names = [name for f, name in VENDOR_FILES.values() if f == folder]
        sources = [source_dir / name for name in names]
        if folder == "leaflet":
            sources += sorted((source_dir / "images").glob("*.png"))
        for source in sources:
            target = target_dir / source.relative_to(source_dir)
            if target.exists() and target.stat().st_size == source.stat().st_size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(target)
    return copied
