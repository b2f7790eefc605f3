"""Payloads of the staff map's canvas renderer (``static/servicemap/``): compact, columnar, sent once.

The staff map draws every service on one canvas in the browser. What the browser
needs is built here, without Streamlit:

- ``service_payload``: every service of one data revision as columns (coordinates
  in micro-degrees as integers, status indexes), plus the base outlines and the
  line/zone services as GeoJSON; ``service_names`` the escaped names, fetched after
  the first draw. Written once per revision and language to files whose names are
  their content hash, so the browser may cache them.
- ``visibility_mask``: which rows a filter keeps, as a base64 bitset (12.5 kB
  for 100,000 services), the only thing a filter change sends.
- ``reference_payload`` / ``reference_meta``: a public reference layer's points
  with escaped popups, and its entry in the map's layer list.

Row order is the order of the services frame given; a click in the browser comes
back as a row number and ``service_id_at`` turns it into the record's id.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis.aggregate import area_label
from geo.html import escape_html, json_for_script
from geo.i18n import localized, localized_column, t
from geo.mapping.placement import placement_kinds, stack_ids
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import AREA_TERMS, STATUS_TERMS, label
from geo.spatial import representative_points

PAYLOAD_VERSION = 2
# Above this many visible points the browser clusters them (supercluster); below, it draws each symbol.
CLUSTER_ABOVE = 2000
# Above this many services an overview map (home) draws them on this canvas map, not with folium's marker
# clusters, which build one Leaflet marker per point (300 MB of browser memory and ~4 s at 100,000).
FOLIUM_SERVICES_MAX = 5_000
# Reference layers: one colour each, in layer-list order, distinct from the status colours.
REFERENCE_COLOURS = ("#6A3D9A", "#B15928", "#E7298A", "#1F78B4", "#33A02C", "#A6761D", "#FB9A99", "#444444")
# Payload files kept in the served folder (older revisions are deleted).
KEEP_PAYLOADS = 24
# A file younger than this is kept beyond KEEP_PAYLOADS: a map playing the history makes the page write a file per
# step, and other sessions write theirs; pruning by count alone removed a playing map's file under it, and the map
# loaded again, paused, at 1x.
PAYLOAD_MIN_AGE_S = 15 * 60


def _micro_degrees(values: pd.Series) -> list[int]:
    return cast(list[int], np.round(values.to_numpy(dtype=float) * 1e6).astype(np.int64).tolist())


def _escaped_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return localized_column(frame, "name", lang).map(escape_html)


def _status_table(lang: str) -> list[dict[str, Any]]:
    return [
        {
            "label": escape_html(label(STATUS_TERMS, status, lang)),
            "colour": term.colour,
            "shape": term.shape,
            "dashed": term.dashed,
        }
        for status, term in STATUS_TERMS.items()
    ]


def _base_layers(boundaries: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, lang: str) -> dict[str, Any]:
    def collection(frame: gpd.GeoDataFrame, properties: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props, "geometry": geometry.__geo_interface__}
                for props, geometry in zip(properties, frame.geometry, strict=True)
            ],
        }

    by_level = {level: boundaries.loc[boundaries["level"] == level] for level in ("city", "gu", "dong")}
    area_props = []
    for record in areas.drop(columns="geometry").to_dict("records"):
        name = localized(record, "name", lang)
        area_props.append(
            {
                "area_id": escape_html(record["area_id"]),
                "colour": AREA_TERMS.get(record["area_id"], AREA_TERMS["citywide"]).colour,
                "name": escape_html(name),
                # An area of the store's own (a sixth area) by its layer's name, not its id.
                "short": escape_html(area_label(areas, record["area_id"], lang)),
            }
        )
    return {
        "city": collection(by_level["city"], [{}] * len(by_level["city"])),
        "gu": collection(by_level["gu"], [{}] * len(by_level["gu"])),
        "dong": collection(by_level["dong"], [{"name": escape_html(n)} for n in by_level["dong"]["name_ko"]]),
        "areas": collection(areas, area_props),
    }


def service_payload(
    services: gpd.GeoDataFrame,
    boundaries: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    lang: str = "ko",
    icon_radius: int = 8,
    cluster_above: int = CLUSTER_ABOVE,
) -> dict[str, Any]:
    """Everything the staff map draws, as columns, for ``services`` in their frame order.

    Parameters
    ----------
    services, boundaries, areas : GeoDataFrame
        EPSG:4326, as returned by ``geo.loaders``.
    lang : str
        ``ko`` or ``en``: the language of names and status labels (one payload per language).
    icon_radius : int
        Radius of a status symbol in CSS pixels.
    cluster_above : int
        The browser clusters when more points than this are visible.

    Returns
    -------
    dict
        ``lat``/``lon`` (representative point of every row, micro-degrees), ``status`` (index into
        ``statuses``), ``point`` (1 for a point drawn on the canvas, 0 for a line or zone drawn from
        ``shapes``), ``place`` (``geo.mapping.placement`` kinds: 0 exact, 1 a 동 centre, drawn in a dashed ring,
        2 citywide, not drawn but listed beside the map), ``loc`` (one id per distinct anchor: points with
        the same id are drawn as one stack with their count), ``statuses``, ``shapes``, ``base``. Names
        travel apart (``service_names``): the first draw does not wait for them, tooltips use them once
        they arrived.
    """
    anchors = representative_points(services)
    is_point = (services.geom_type == "Point").to_numpy()
    status_index = {status: number for number, status in enumerate(STATUS_TERMS)}
    statuses = services["status"].map(status_index).astype(int)
    geometries, status_numbers = services.geometry.to_numpy(), statuses.to_numpy()
    shapes = [
        {
            "type": "Feature",
            "properties": {"i": int(row), "status": int(status_numbers[row])},
            "geometry": geometries[row].__geo_interface__,
        }
        for row in np.flatnonzero(~is_point)  # lines and zones only: a city's device layer is all points
    ]
    lat, lon = _micro_degrees(anchors.y), _micro_degrees(anchors.x)
    return {
        "version": PAYLOAD_VERSION,
        "count": len(services),
        "lat": lat,
        "lon": lon,
        "status": statuses.tolist(),
        "point": is_point.astype(int).tolist(),
        "place": placement_kinds(services).astype(int).tolist(),
        "loc": stack_ids(np.asarray(lat), np.asarray(lon)).tolist(),
        "statuses": _status_table(lang),
        "icon_radius": icon_radius,
        "cluster_above": cluster_above,
        "shapes": {"type": "FeatureCollection", "features": shapes},
        "base": _base_layers(boundaries, areas, lang),
    }


def needs_canvas_map(services: pd.DataFrame) -> bool:
    """True when ``services`` are too many for a folium overview map (see ``FOLIUM_SERVICES_MAX``)."""
    return len(services) > FOLIUM_SERVICES_MAX


def service_names(services: pd.DataFrame, lang: str = "ko") -> dict[str, Any]:
    """``{"name": [...]}``: each service's name in ``lang`` (English falls back to Korean), escaped, in row order."""
    return {"name": _escaped_names(services, lang).tolist()}


def visibility_mask(services: pd.DataFrame, shown: pd.DataFrame) -> str | None:
    """Rows of ``services`` that are in ``shown``, as a base64 bitset (bit i of byte i//8); None when all are."""
    keep = services.index.isin(shown.index)
    if keep.all():
        return None
    return base64.b64encode(np.packbits(keep, bitorder="little").tobytes()).decode("ascii")


def service_id_at(services: pd.DataFrame, row: object) -> str | None:
    """The ``service_id`` of a row number sent back by the browser, or None when it is not a valid row."""
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(services):
        return None
    return str(services["service_id"].iloc[row])


def row_of(services: pd.DataFrame, service_id: str | None) -> int:
    """The row number of a service in ``services`` (the payload's order), or -1."""
    if not service_id:
        return -1
    rows = np.flatnonzero(services["service_id"].to_numpy() == service_id)
    return int(rows[0]) if len(rows) else -1


def reference_payload(layer: ReferenceLayer, lang: str = "ko") -> dict[str, Any]:
    """A reference layer's points: coordinates (micro-degrees), escaped names and popups.

    The popup shows the point's name, then each of the layer's ``popup_fields`` that has a value,
    then the provider and data date; every value is escaped.
    """
    points = layer.points
    names = (
        points[layer.name_field].fillna("").astype(str) if layer.name_field in points else pd.Series([""] * len(points))
    )
    footer = f"<small>{escape_html(reference_provenance(layer, lang))}</small>"
    popups = []
    fields = [f for f in layer.popup_fields if f in points.columns]
    for position, name in enumerate(names.tolist()):
        rows = [f"<b>{escape_html(name)}</b>"]
        for field in fields:
            value = points[field].iloc[position]
            if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
                continue
            rows.append(f"{escape_html(field)}: {escape_html(value)}")
        rows.append(footer)
        popups.append("<br>".join(rows))
    return {
        "lat": _micro_degrees(points.geometry.y),
        "lon": _micro_degrees(points.geometry.x),
        "name": [f"{escape_html(n)} · {escape_html(layer.title(lang))}" for n in names.tolist()],
        "popup": popups,
    }


def reference_provenance(layer: ReferenceLayer, lang: str = "ko") -> str:
    """``provider · data date`` as the layer list and legend show it (plain text, not escaped)."""
    return t("refmap.provenance", lang, provider=layer.provider, date=layer.data_date)


def reference_meta(layer: ReferenceLayer, position: int, url: str, lang: str = "ko") -> dict[str, Any]:
    """The layer's entry in the map's layer list and legend (escaped)."""
    return {
        "id": escape_html(layer.layer_id),
        "title": escape_html(layer.title(lang)),
        "count": layer.count,
        "count_text": escape_html(t("refmap.count", lang, count=layer.count)),
        "provenance": escape_html(reference_provenance(layer, lang)),
        "colour": REFERENCE_COLOURS[position % len(REFERENCE_COLOURS)],
        "url": url,
    }


def write_payload(folder: Path, prefix: str, payload: dict[str, Any]) -> str:
    """Write ``payload`` as ``prefix-<hash>.json`` in ``folder`` (once; the name changes with the content).

    Returns the file name. Older files with the same prefix beyond ``KEEP_PAYLOADS`` are removed once they are
    older than ``PAYLOAD_MIN_AGE_S`` (a map open in a browser may still need them).
    """
    text = json_for_script(payload)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    name = f"{prefix}-{digest}.json"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists():
        os.utime(target)  # the file in use is the newest, so pruning below never removes it
    else:
        # Written under a temporary name and renamed, so a browser never reads half a file.
        partial = folder / f".{name}.{os.getpid()}.tmp"
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    olds = sorted(folder.glob(f"{prefix}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in olds[KEEP_PAYLOADS:]:
        if time.time() - old.stat().st_mtime > PAYLOAD_MIN_AGE_S:
            old.unlink(missing_ok=True)
    return name


def reference_entries(
    layers: Sequence[ReferenceLayer], folder: Path, base_url: str, lang: str = "ko"
) -> list[dict[str, Any]]:
    """Write each layer's payload (once per content) and return the layer-list entries pointing at them."""
    entries = []
    for position, layer in enumerate(layers):
        slug = re.sub(r"[^A-Za-z0-9_]", "_", layer.layer_id)[:40]
        name = write_payload(folder, f"ref-{slug}-{lang}", reference_payload(layer, lang))
        entries.append(reference_meta(layer, position, f"{base_url.rstrip('/')}/{name}", lang))
    return entries
