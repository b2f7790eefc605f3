"""The staff map's answers beside the map: the results table, the map-extent filter, counts, the status chart.

Pure functions over the filtered services; the page places their results. The map
view kept in the URL (``view=lat,lon,zoom``) is parsed and clamped here, so a stale
or hostile link always opens a valid map.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geo.analysis.filters import folded_texts
from geo.i18n import localized_column, t
from geo.links import read_view
from geo.model.vocab import AREA_TERMS, DOMAIN_TERMS, STATUS_TERMS, Term, label
from geo.spatial import representative_points

PARAM_VIEW = "view"
RESULTS_LIMIT = 1000
# From this many rows the table's first rows are selected (Arrow, n·log(limit)) instead of sorting every row:
# the full sort took 3.1 s per rerun at 1,000,000 services. The same rows in the same order (see _first_positions).
SELECT_FROM = 50_000
SORT_KEYS = ("name", "area", "status", "domain", "budget")


def anchor_coordinates(services: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) arrays of each service's anchor: the point itself, or a point on a line or zone (degrees)."""
    geometries = services.geometry.to_numpy()
    anchors = geometries.copy()
    # Points are their own anchor; only lines and zones need the (slower) point-on-surface.
    others = shapely.get_type_id(geometries) != 0
    if others.any():
        anchors[others] = shapely.point_on_surface(geometries[others])
    return shapely.get_x(anchors), shapely.get_y(anchors)


def within_bbox(services: gpd.GeoDataFrame, bbox: tuple[float, float, float, float] | None) -> gpd.GeoDataFrame:
    """Services whose representative point lies in ``bbox`` (west, south, east, north; degrees); all when None."""
    if bbox is None or services.empty:
        return services
    west, south, east, north = bbox
    lon, lat = anchor_coordinates(services)
    return services.loc[(lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)]


def results_table(
    services: pd.DataFrame,
    lang: str = "ko",
    sort_by: str = "name",
    limit: int = RESULTS_LIMIT,
    areas: Mapping[str, Term] | None = None,
) -> pd.DataFrame:
    """The results table: name, area, status, domain, budget, indexed by ``service_id``, sorted, at most ``limit`` rows.

    ``areas``: the store's areas (``geo.analysis.aggregate.area_terms``), so an imported area is named and ordered too.

    Sorting uses the vocabularies' order for area, status and domain (not the alphabet), and puts the largest
    budget first; a missing budget stays empty and sorts last.
    """
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by must be one of {SORT_KEYS}, not {sort_by!r}")
    names = localized_column(services, "name", lang)
    budget = pd.to_numeric(services["budget_krw_100m"], errors="coerce")
    # A large frame's names are folded by Arrow (same result, a fraction of the time), for the selection below.
    large = len(services) >= SELECT_FROM and len(services) > limit
    folded = folded_texts(names) if large else names.str.casefold()
    area_names: Mapping[str, Term] = {**(areas or {}), **AREA_TERMS} if areas else AREA_TERMS
    vocabularies: dict[str, tuple[str, Mapping[str, Term]]] = {
        "area": ("area_id", area_names),
        "status": ("status", STATUS_TERMS),
        "domain": ("domain", DOMAIN_TERMS),
    }
    if sort_by in vocabularies:
        column, terms = vocabularies[sort_by]
        primary = services[column].map({k: i for i, k in enumerate(terms)})
    elif sort_by == "budget":
        primary = -budget
    else:
        primary = pd.Series(0, index=services.index)
    positions = _first_positions(primary, folded, limit)
    chosen = services.iloc[positions]
    return pd.DataFrame(
        {
            t("explorer.col.name", lang): names.iloc[positions].to_numpy(),
            t("explorer.col.area", lang): [label(area_names, v, lang) for v in chosen["area_id"]],
            t("explorer.col.status", lang): [label(STATUS_TERMS, v, lang) for v in chosen["status"]],
            t("explorer.col.domain", lang): [label(DOMAIN_TERMS, v, lang) for v in chosen["domain"]],
            t("explorer.col.budget", lang): budget.iloc[positions].to_numpy(),
        },
        index=pd.Index(chosen["service_id"].astype(str).to_numpy(), name="service_id"),
    )


def _first_positions(primary: pd.Series, folded: pd.Series | pa.Array, limit: int) -> np.ndarray:
    """Positions of the first ``limit`` rows by (primary, name), missing values last, ties in row order.

    Positions, not labels: an index with repeated labels still sorts and slices correctly.
    """
    if isinstance(folded, pd.Series):
        keys = pd.DataFrame({"primary": primary.to_numpy(), "name": folded.to_numpy()})
        return keys.sort_values(["primary", "name"], na_position="last", kind="stable").index.to_numpy()[:limit]
    # The row's position as the last key makes the unstable selection give the stable sort's order. Missing
    # values (NaN, None) become nulls, which Arrow's selection puts last.
    keys = pa.table(
        {
            "primary": pa.array(primary.to_numpy(dtype=float), from_pandas=True),
            "name": folded,
            "position": pa.array(np.arange(len(primary), dtype=np.int64)),
        }
    )
    order = [("primary", "ascending"), ("name", "ascending"), ("position", "ascending")]
    chosen = pc.select_k_unstable(keys, k=limit, sort_keys=order)
    return np.asarray(chosen.to_numpy(zero_copy_only=False), dtype=np.int64)


def status_counts(services: pd.DataFrame) -> pd.DataFrame:
    """Services per status in the vocabulary's order (every status, zero included)."""
    counts = services["status"].value_counts()
    return pd.DataFrame(
        {"status": list(STATUS_TERMS), "count": [int(counts.get(s, 0)) for s in STATUS_TERMS]},
    )


def status_chart(counts: pd.DataFrame, lang: str = "ko") -> go.Figure:
    """A small horizontal bar chart of ``status_counts``; each bar carries its status in ``customdata``."""
    labels = [label(STATUS_TERMS, s, lang) for s in counts["status"]]
    figure = go.Figure(
        go.Bar(
            x=counts["count"],
            y=labels,
            orientation="h",
            customdata=counts["status"],
            marker={"color": [STATUS_TERMS[s].colour for s in counts["status"]], "line": {"color": "#333", "width": 1}},
            text=[f"{c:,}" for c in counts["count"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    figure.update_layout(
        height=240,
        margin={"l": 10, "r": 40, "t": 10, "b": 10},
        yaxis={"autorange": "reversed", "fixedrange": True},
        xaxis={"visible": False, "fixedrange": True},
        showlegend=False,
        clickmode="event+select",
        dragmode=False,
        font={"family": "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, sans-serif", "size": 13},
    )
    return figure


def status_from_chart_point(point: Mapping[str, object]) -> str | None:
    """The status of a clicked bar from a Plotly selection point (its customdata), if it is a known status."""
    value = point.get("customdata")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return value if isinstance(value, str) and value in STATUS_TERMS else None


def parse_view(params: Mapping[str, str]) -> tuple[tuple[float, float], int] | None:
    """``((lat, lon), zoom)`` from the ``view`` parameter, clamped into Ansan and the zoom range; None if unusable."""
    return read_view(params.get(PARAM_VIEW))[0]


def view_param(center: tuple[float, float], zoom: int) -> str:
    """The ``view`` parameter for a map centre (lat, lon; degrees) and zoom."""
    return f"{center[0]:.5f},{center[1]:.5f},{int(zoom)}"


def bbox_of(services: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) around the services' representative points, or None when there are none."""
    if services.empty:
        return None
    lon, lat = anchor_coordinates(services)
    return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def anchor_of(services: gpd.GeoDataFrame, service_id: str) -> tuple[float, float] | None:
    """(lat, lon) of a service's representative point, or None when it is not in ``services``."""
    chosen = services.loc[services["service_id"] == service_id]
    if chosen.empty:
        return None
    point = representative_points(chosen).iloc[0]
    return float(point.y), float(point.x)
