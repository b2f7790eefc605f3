"""The kiosk's maps and area screens: where a development area is, what is known of it, the projects near it.

A citizen who reads "신길2" needs to see where that is: the small map labels the
rail stations in view and the parks nearest the area (the public reference
layers marked ``kiosk: true``), and the text names the nearest station. Below
the area's reported facts (size, homes, schedule, with their source) stands
that the smart city plan applies to it once gazetted (고시), then the reported
projects inside the area or, when none is, the nearest ones with their
distance. Distances are measured in EPSG:5186; every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import folium
import geopandas as gpd
import pandas as pd

from geo.analysis import plan as plan_facts
from geo.html import escape_html
from geo.i18n import localized, t
from geo.io import METRIC_CRS
from geo.kiosk.screens import (
    PROJECT_GROUPS,
    area_intro_html,
    citywide_listed,
    kiosk_map_services,
    public_services,
    status_badge_html,
)
from geo.loaders import DashboardData
from geo.mapping import MapOptions, build_map
from geo.mapping.canvas import needs_canvas_map
from geo.mapping.counts import build_count_map
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import KIOSK_STATUSES
from geo.spatial import LatLonView, area_rows, area_view_bounds, latlon_view

# The station layer's own words: its English-name column, and the suffix a station's Korean name ends with.
ENGLISH_NAME_COLUMN = "영문역사명"
STATION_SUFFIX = "역"

#: Project rows an area screen lists at most (the map shows them all); what fits beside the area's facts.
AREA_ROWS_MAX = 3
#: Nearest projects listed when none lies inside the area (what fits beside the longest English facts).
NEAREST_MAX = 2
#: Parks labelled on an area's map: the nearest to its outline (a city has hundreds).
PARKS_LABELLED = 2


@dataclass(frozen=True)
class Landmark:
    """A named place on the kiosk map: a station or a park, with its distance from the area's outline."""

    name: str
    kind: str  # "station" or "park"
    lat: float
    lon: float
    distance_km: float


def station_points(layers: Sequence[ReferenceLayer], unique: bool = True) -> gpd.GeoDataFrame:
    """The rail stations of the kiosk's reference layers: Korean name ('신길온천역'), English name, point.

    Station layers are the kiosk layers whose id names stations. A station listed by two lines (안산선 and
    수인선) or two layers stands at slightly different points: ``unique`` keeps its first point only, else every
    point stays (to measure from the nearest). The English name comes from a layer that gives one
    (``영문역사명``), else the Korean name stays.
    """
    rows: list[dict[str, Any]] = []
    for layer in layers:
        if not layer.kiosk or "station" not in layer.layer_id:
            continue
        points = layer.points
        for position in range(len(points)):
            record = points.iloc[position]
            name = str(record[layer.name_field]).strip()
            if not name or name == "nan":
                continue
            english = record.get(ENGLISH_NAME_COLUMN)
            rows.append(
                {
                    "name_ko": name if name.endswith(STATION_SUFFIX) else f"{name}{STATION_SUFFIX}",
                    "name_en": str(english).strip() if isinstance(english, str) and english.strip() else "",
                    "geometry": record.geometry,
                }
            )
    if not rows:
        return gpd.GeoDataFrame({"name_ko": [], "name_en": []}, geometry=[], crs=4326)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    english = frame.loc[frame["name_en"] != ""].drop_duplicates("name_ko").set_index("name_ko")["name_en"]
    frame["name_en"] = frame["name_ko"].map(english).fillna("")
    return frame.drop_duplicates("name_ko").reset_index(drop=True) if unique else frame


def _station_name(row: Mapping[str, Any], lang: str) -> str:
    """'신길온천역', or in English 'Singiloncheon Stn' where a layer gives the English name (else the Korean)."""
    name = localized(row, "name", lang)
    return name if name == str(row["name_ko"]) else f"{name} Stn"


def _distances_km(points: gpd.GeoDataFrame, outline: Any) -> pd.Series:
    """Distance in km from each point to the area's outline (0 inside), measured in EPSG:5186."""
    return cast(pd.Series, points.geometry.to_crs(METRIC_CRS).distance(outline) / 1000)


def _outline(areas: gpd.GeoDataFrame, area_id: str) -> Any:
    return area_rows(areas, area_id).to_crs(METRIC_CRS).union_all()


def nearest_station(
    areas: gpd.GeoDataFrame, area_id: str, layers: Sequence[ReferenceLayer], lang: str
) -> Landmark | None:
    """The rail station nearest the area's outline (distance 0 inside it), or None without station layers."""
    stations = station_points(layers, unique=False)
    if stations.empty or area_rows(areas, area_id).empty:
        return None
    distances = _distances_km(stations, _outline(areas, area_id)).to_numpy()
    best = int(distances.argmin())
    row = stations.iloc[best]
    return Landmark(_station_name(row, lang), "station", row.geometry.y, row.geometry.x, float(distances[best]))


def _in_view(points: gpd.GeoDataFrame, view: LatLonView) -> gpd.GeoDataFrame:
    """The points inside the map view ((south, west), (north, east), EPSG:4326)."""
    (south, west), (north, east) = view
    return points.loc[points.geometry.x.between(west, east) & points.geometry.y.between(south, north)]


def area_landmarks(
    areas: gpd.GeoDataFrame, area_id: str, layers: Sequence[ReferenceLayer], view: LatLonView, lang: str
) -> list[Landmark]:
    """Landmarks to label on the area's map: every station in ``view``, and the parks nearest the area."""
    outline = _outline(areas, area_id)
    marks: list[Landmark] = []
    stations = station_points(layers, unique=False)
    if not stations.empty:
        inside = _in_view(stations, view)
        # One label per station, at its point nearest the area.
        inside = inside.assign(_km=_distances_km(inside, outline)).sort_values("_km").drop_duplicates("name_ko")
        for (_, row), km in zip(inside.iterrows(), inside["_km"], strict=True):
            marks.append(Landmark(_station_name(row, lang), "station", row.geometry.y, row.geometry.x, float(km)))
    for layer in layers:
        if not layer.kiosk or "park" not in layer.layer_id:
            continue
        parks = _in_view(layer.points, view)
        if parks.empty:
            continue
        nearest = _distances_km(parks, outline).nsmallest(PARKS_LABELLED)
        for index, km in nearest.items():
            row = parks.loc[index]
            marks.append(Landmark(str(row[layer.name_field]), "park", row.geometry.y, row.geometry.x, float(km)))
    return marks


def add_landmark_labels(fmap: folium.Map, landmarks: Sequence[Landmark]) -> folium.Map:
    """Write each landmark's name on the map beside its point, always shown (no hover on a kiosk)."""
    for mark in landmarks:
        # Stations in black on white, parks in green: the words say which is which, the colours help.
        colour = "#111111" if mark.kind == "station" else "#1B5E20"
        html = (
            f'<div class="kiosk-landmark {mark.kind}" style="display:inline-block;white-space:nowrap;'
            f"font:700 20px/1.2 sans-serif;color:{colour};background:rgba(255,255,255,.92);"
            f"border:2px solid {colour};border-radius:6px;padding:1px 6px;"
            f'transform:translate(-50%,-130%)">{escape_html(mark.name)}</div>'
        )
        folium.Marker([mark.lat, mark.lon], icon=folium.DivIcon(html=html, icon_size=(0, 0))).add_to(fmap)
    return fmap


def area_project_mask(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, area_id: str) -> tuple[pd.Series, bool]:
    """Which projects the area screen shows, and whether they lie inside the area.

    Inside: reported for the area (``area_id``) or standing in it (``located_area_id``). When none is, the
    :data:`NEAREST_MAX` projects nearest the area's outline that have a place (citywide ones have none).
    Only statuses the kiosk shows.
    """
    shown = services["status"].isin(KIOSK_STATUSES)
    inside = services["area_id"] == area_id
    if "located_area_id" in services.columns:
        inside |= services["located_area_id"] == area_id
    inside &= shown
    if inside.any() or area_rows(areas, area_id).empty:
        return inside, True
    placed = shown & ~citywide_listed(services)
    if not placed.any():
        return inside, True
    distances = _distances_km(services.loc[placed], _outline(areas, area_id))
    nearest = distances.nsmallest(NEAREST_MAX).index
    return services.index.isin(nearest) & placed, False


def area_map_bounds(areas: gpd.GeoDataFrame, services: gpd.GeoDataFrame, area_id: str) -> LatLonView:
    """The area's map view (EPSG:4326): the area, padded, and the nearest projects when none lies inside it.

    A citizen sees the area and the projects the screen lists beside it, with the stations between.
    """
    mask, inside = area_project_mask(services, areas, area_id)
    if inside or not mask.any():
        return area_view_bounds(areas, area_id, padding=0.45)
    west, south, east, north = area_rows(areas, area_id).total_bounds
    nearest = services.loc[mask].total_bounds
    return latlon_view(
        (min(west, nearest[0]), min(south, nearest[1]), max(east, nearest[2]), max(north, nearest[3])), 0.15
    )


def area_screen_html(
    plan: Mapping[str, Any],
    areas: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    layers: Sequence[ReferenceLayer],
    area_id: str,
    lang: str,
) -> str:
    """The area's facts and source, its nearest station, the plan's note, and the projects in or near it."""
    parts = [area_intro_html(areas, area_id, lang)]
    station = nearest_station(areas, area_id, layers, lang)
    if station is not None:
        line = (
            t("kiosk.station_inside", lang, station=station.name)
            if station.distance_km == 0
            else t("kiosk.station_near", lang, station=station.name, km=f"{station.distance_km:,.1f}")
        )
        parts.append(f'<div class="kiosk-station">{escape_html(line)}</div>')
    gazette = plan_facts.gazette_note(plan, lang)
    if area_id in (plan.get("applies_to") or []):
        note = t("kiosk.plan_area", lang) + (f": {gazette}" if gazette else "")
        parts.append(f'<div class="kiosk-facts kiosk-plan-note">{escape_html(note)}</div>')
    parts.append(area_projects_html(services, areas, area_id, lang))
    return "".join(parts)


def area_projects_html(services: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, area_id: str, lang: str) -> str:
    """The projects inside the area (or the nearest, with their distance) as short rows; the rest on the map."""
    mask, inside = area_project_mask(services, areas, area_id)
    total = int(mask.sum())
    if total == 0:
        return f'<div class="kiosk-empty">{escape_html(t("kiosk.no_services", lang))}</div>'
    chosen = services.loc[mask]
    if inside:
        heading = f"{t('kiosk.area_projects', lang)} · {t('kiosk.count', lang, n=f'{total:,}')}"
        listed = public_services(chosen, lang, limit=AREA_ROWS_MAX)
        distances: list[float | None] = [None] * len(listed)
    else:
        heading = t("kiosk.area_nearest", lang)
        away = _distances_km(chosen, _outline(areas, area_id)).sort_values(kind="stable")
        listed = [public_services(chosen.loc[[index]], lang)[0] for index in away.index]
        distances = [float(km) for km in away]
    rows = "".join(
        '<div class="kiosk-row">'
        f'<span class="kiosk-status">{status_badge_html(p.status)}{escape_html(p.status_label)}</span>'
        f'<span class="kiosk-row-name">{escape_html(p.name)}</span>'
        + (
            f'<span class="kiosk-area">{escape_html(t("kiosk.from_area", lang, km=f"{km:,.1f}"))}</span>'
            if km is not None
            else ""
        )
        + "</div>"
        for p, km in zip(listed, distances, strict=True)
    )
    more = ""
    if total > len(listed):
        rest = t("kiosk.more_on_map", lang, rest=f"{total - len(listed):,}")
        more = f'<div class="kiosk-more">{escape_html(rest)}</div>'
    return (
        f'<div class="kiosk-count">{escape_html(heading)}</div>'
        f'<div class="kiosk-rows" data-count="{len(listed)}" data-total="{total}">{rows}{more}</div>'
    )


def build_kiosk_map(
    data: DashboardData,
    layers: Sequence[ReferenceLayer],
    kind: str,
    key: str | None,
    lang: str,
    height_px: int,
) -> folium.Map:
    """The kiosk map of one screen: the city (``kind`` "overview"), one project group's projects ("projects",
    ``key`` the group) or one area ("area", ``key`` its id) with its landmarks labelled.

    Only public columns reach the map
    (:func:`geo.kiosk.screens.kiosk_map_services`); citywide projects are listed, not drawn. Stations and parks (the
    layers marked for the kiosk) are drawn on every map for orientation.
    """
    if kind == "area" and key is not None:
        within, _ = area_project_mask(data.services, data.areas, key)
        services = kiosk_map_services(data.services, within=pd.Series(within, index=data.services.index))
        bounds = area_map_bounds(data.areas, data.services, key)
    else:
        statuses = PROJECT_GROUPS[key] if kind == "projects" and key in PROJECT_GROUPS else KIOSK_STATUSES
        services = kiosk_map_services(data.services, statuses=statuses)
        bounds = None
    options = MapOptions(
        lang=lang, audience="kiosk", show_dongs=False, height_px=height_px, legend_statuses=KIOSK_STATUSES
    )
    orientation = [layer for layer in layers if layer.kiosk]
    # A city's device layers: counted per dong (geo.mapping.counts says why), not one marker per service.
    draw = build_count_map if needs_canvas_map(services) else build_map
    fmap = draw(
        data.boundaries,
        data.areas,
        services,
        options,
        selected_area=key if kind == "area" else None,
        bounds=bounds,
        reference_layers=orientation,
    )
    if kind == "area" and key is not None and bounds is not None:
        add_landmark_labels(fmap, area_landmarks(data.areas, key, orientation, bounds, lang))
    return fmap
