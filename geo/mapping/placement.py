"""How honestly a service's place can be drawn: exact, approximate (a 동 centre) or nowhere (citywide).

Reported projects carry ``location_accuracy`` (``geo.model.vocab.LOCATION_ACCURACY_TERMS``):
a point of a reported address or named place is drawn as it is; a 동 centre is
drawn with its own symbol (the project lies somewhere in that 동); a project
reported with no place (``citywide``) is not drawn as a point at all but listed
beside the map. Several projects at one point form a *stack*, drawn as one
symbol with their count, never as the symbol of whichever status came last.

Everything here is column-wise (numpy/pandas), so 100,000 services group in
well under a second. Frames without ``location_accuracy`` (older stores, a
city's device layers) are exact everywhere.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from geo.model.vocab import STATUS_TERMS

#: ``placement_kinds`` values.
EXACT, APPROXIMATE, CITYWIDE = 0, 1, 2
#: ``location_accuracy`` values drawn with the approximate symbol (the point stands for a whole 동).
APPROXIMATE_ACCURACIES: tuple[str, ...] = ("dong",)
CITYWIDE_ACCURACY = "citywide"


def placement_kinds(services: pd.DataFrame) -> np.ndarray:
    """Per row: ``EXACT`` (0), ``APPROXIMATE`` (1, a 동 centre) or ``CITYWIDE`` (2, no place: not drawn)."""
    kinds = np.full(len(services), EXACT, dtype=np.int8)
    accuracy = services.get("location_accuracy")
    if accuracy is None:
        return kinds
    values = accuracy.fillna("").astype(str).to_numpy()
    kinds[np.isin(values, APPROXIMATE_ACCURACIES)] = APPROXIMATE
    kinds[values == CITYWIDE_ACCURACY] = CITYWIDE
    return kinds


def is_citywide(services: pd.DataFrame) -> pd.Series:
    """True for services reported with no place (listed beside the map, not drawn)."""
    return pd.Series(placement_kinds(services) == CITYWIDE, index=services.index)


def stack_ids(lat_micro: np.ndarray, lon_micro: np.ndarray) -> np.ndarray:
    """One id per distinct point (coordinates in micro-degrees as integers), numbered in order of first row.

    Rows with the same id stand at the same point and are drawn as one stack.
    """
    lat = np.asarray(lat_micro, dtype=np.int64)
    lon = np.asarray(lon_micro, dtype=np.int64)
    # Latitude ≤ 90e6 and longitude ≤ 180e6 (micro-degrees): one int64 key per point, no tuples.
    keys = (lat + 100_000_000) * 1_000_000_000 + (lon + 200_000_000)
    codes, _ = pd.factorize(keys)
    return codes.astype(np.int64)


def micro_degrees(values: pd.Series | np.ndarray) -> np.ndarray:
    """Degrees as integer micro-degrees (the precision points are compared and sent at)."""
    return np.round(np.asarray(values, dtype=float) * 1e6).astype(np.int64)


def point_stacks(points: pd.DataFrame) -> pd.DataFrame:
    """For point services (a GeoDataFrame of points, EPSG:4326): each row's ``stack`` id and ``stack_size``.

    Returns a frame on ``points``' index with columns ``stack`` (int, same id = same point to the
    micro-degree), ``stack_size`` (services at that point) and ``kind`` (``placement_kinds``).
    """
    lat = micro_degrees(points.geometry.y)
    lon = micro_degrees(points.geometry.x)
    ids = stack_ids(lat, lon)
    sizes = np.bincount(ids, minlength=int(ids.max()) + 1 if len(ids) else 0)[ids] if len(ids) else ids
    return pd.DataFrame(
        {"stack": ids, "stack_size": sizes, "kind": placement_kinds(points)},
        index=points.index,
    )


def _status_order(statuses: pd.Series) -> pd.Series:
    order = {status: number for number, status in enumerate(STATUS_TERMS)}
    return statuses.map(order).fillna(len(order))


def citywide_projects(services: pd.DataFrame) -> pd.DataFrame:
    """The services reported with no place, to list beside a map instead of drawing them.

    Returns
    -------
    pandas.DataFrame
        Columns ``service_id``, ``name_ko``, ``name_en``, ``status`` (the frame's status, so an
        as-of frame gives the status of that day), ordered by status (vocabulary order: 계획 …
        운영 …) then ``service_id``. Empty when no service is citywide.
    """
    chosen = services.loc[is_citywide(services)]
    columns = ["service_id", "name_ko", "name_en", "status"]
    frame = pd.DataFrame({column: chosen.get(column, "") for column in columns})
    frame = frame.assign(_order=_status_order(frame["status"]))
    return frame.sort_values(["_order", "service_id"], kind="stable").drop(columns="_order").reset_index(drop=True)


def stack_members(services: pd.DataFrame, service_id: str) -> pd.DataFrame:
    """The drawn point services that share ``service_id``'s point, itself included, in frame order.

    Empty when the service is not a drawn point (a line, a zone, citywide, unknown); one row when alone.
    """
    if "geometry" not in services or service_id not in set(services["service_id"]):
        return services.iloc[:0]
    drawn = services.loc[(services.geom_type == "Point").to_numpy() & ~is_citywide(services).to_numpy()]
    chosen = drawn.loc[drawn["service_id"] == service_id]
    if chosen.empty:
        return services.iloc[:0]
    point = chosen.geometry.iloc[0]
    same = (micro_degrees(drawn.geometry.y) == round(point.y * 1e6)) & (
        micro_degrees(drawn.geometry.x) == round(point.x * 1e6)
    )
    return cast(pd.DataFrame, drawn.loc[same])
