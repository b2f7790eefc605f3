"""What goes on a map besides its base: status symbols, the legend, services per domain, import previews.

Every text from data is escaped here before it reaches the page.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.html import escape_html
from geo.i18n import localized_column, t
from geo.mapping.elements import ServiceLayer
from geo.mapping.placement import APPROXIMATE, CITYWIDE, citywide_projects, placement_kinds, point_stacks
from geo.model.vocab import AREA_TERMS, DOMAIN_TERMS, STATUS_TERMS, label
from geo.settings import STATIC_URL
from geo.spatial import representative_points

# Above this many points on one map, markers are clustered.
CLUSTER_THRESHOLD = 1500


# Inline SVG per status shape; colour pairs with shape so status reads without colour.
_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="8" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "square": '<rect x="4.5" y="4.5" width="15" height="15" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "triangle": '<polygon points="12,3 21,20 3,20" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "star": '<polygon points="12,2 14.9,8.6 22,9.3 16.6,14 18.2,21 12,17.3 5.8,21 7.4,14 2,9.3 9.1,8.6" '
    'fill="{c}" stroke="#fff" stroke-width="1.5"/>',
    "diamond": '<polygon points="12,2 22,12 12,22 2,12" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "hollow": '<circle cx="12" cy="12" r="7" fill="#fff" stroke="{c}" stroke-width="3.5"/>',
}


# The approximate variant: the status symbol inside a dashed ring (the project lies somewhere in that 동).
_APPROX_RING = '<circle cx="16" cy="16" r="14" fill="rgba(255,255,255,.75)" stroke="#222" stroke-width="2" stroke-dasharray="4 3"/>'
# Icon box of the approximate and stack symbols (the status symbols use 24): room for the ring.
_WIDE_BOX = 32


def status_icon_svg(status: str, size: int = 24, approximate: bool = False) -> str:
    """The status symbol as inline SVG; ``approximate`` draws it inside a dashed ring, ``size`` × 4/3 wide."""
    term = STATUS_TERMS[status]
    body = _SHAPES[term.shape].format(c=term.colour)
    if approximate:
        wide = round(size * _WIDE_BOX / 24)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{wide}" height="{wide}" viewBox="0 0 32 32">'
            f'{_APPROX_RING}<g transform="translate(6 6) scale(.8333)">{body}</g></svg>'
        )
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24">{body}</svg>'


def status_icon_img(status: str, size: int = 16) -> str:
    """The status symbol as an ``<img>`` with a data URI: for Streamlit's HTML, which drops inline SVG."""
    encoded = base64.b64encode(status_icon_svg(status, size).encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{encoded}" width="{size}" height="{size}" alt="">'


def approx_ring_svg(size: int = 24) -> str:
    """The dashed ring alone (the legend's entry for approximate places), ``size`` × 4/3 wide."""
    wide = round(size * _WIDE_BOX / 24)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{wide}" height="{wide}" viewBox="0 0 32 32">{_APPROX_RING}</svg>'


def stack_icon_svg(count: int | str, size: int = 24, approximate: bool = False) -> str:
    """Several projects at one point: a neutral disc with their count (no status colour), ``size`` × 4/3 wide.

    Two offset discs read as "a pile"; ``approximate`` adds the dashed ring of a 동 centre.
    """
    wide = round(size * _WIDE_BOX / 24)
    text = escape_html(count)
    font = 14 if len(text) <= 2 else 10
    ring = _APPROX_RING if approximate else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{wide}" height="{wide}" viewBox="0 0 32 32">{ring}'
        '<circle cx="18.5" cy="13.5" r="10" fill="#fff" stroke="#222" stroke-width="2"/>'
        '<circle cx="15" cy="17" r="10.5" fill="#fff" stroke="#222" stroke-width="2.5"/>'
        f'<text x="15" y="17" text-anchor="middle" dominant-baseline="central" font-size="{font}" font-weight="700" '
        f'font-family="sans-serif" fill="#111">{text}</text></svg>'
    )


@dataclass(frozen=True)
class PlacementLegend:
    """What a map draws besides single exact points: stacks, approximate places, citywide projects left off."""

    stacks: bool = False
    approximate: bool = False
    citywide: int = 0

    @property
    def is_empty(self) -> bool:
        return self == PlacementLegend()


def placement_legend(services: gpd.GeoDataFrame) -> PlacementLegend:
    """The legend entries ``services`` need (column-wise: fine at 100,000)."""
    kinds = placement_kinds(services)
    drawn = services.loc[(kinds != CITYWIDE) & (services.geom_type == "Point").to_numpy()]
    stacks = point_stacks(drawn) if not drawn.empty else None
    return PlacementLegend(
        stacks=bool(stacks is not None and (stacks["stack_size"] > 1).any()),
        approximate=bool((kinds == APPROXIMATE).any()),
        citywide=int((kinds == CITYWIDE).sum()),
    )


@dataclass(frozen=True)
class MapOptions:
    lang: str = "ko"
    audience: str = "staff"
    basemap: str = "none"
    basemap_key: str | None = None
    static_url: str = STATIC_URL
    show_dongs: bool = True
    height_px: int = 640
    #: The statuses the legend lists; None: all. The kiosk leaves out 취소, which it never draws.
    legend_statuses: tuple[str, ...] | None = None

    @property
    def large(self) -> bool:
        return self.audience in ("briefing", "kiosk")


def legend_html(
    lang: str,
    with_areas: bool = False,
    statuses: tuple[str, ...] | None = None,
    placements: PlacementLegend | None = None,
) -> str:
    """Status symbols (and, on request, area colours; areas carry their names on the map anyway).

    ``statuses`` limits the list to what the map can show (None: every status, in vocabulary order).
    ``placements``: what the map draws besides single exact points (stacks, approximate places,
    citywide projects left off the map), each with its entry; None: none of them.
    """
    parts = [f"<h4>{escape_html(t('legend.status', lang))}</h4>"]
    rows = []
    for status in STATUS_TERMS:
        if statuses is not None and status not in statuses:
            continue
        rows.append(
            f'<div class="row">{status_icon_svg(status, 18)}<span>{escape_html(label(STATUS_TERMS, status, lang))}'
            "</span></div>"
        )
    # With placement entries below, the statuses take two columns so the legend hides less of the map.
    compact = placements is not None and not placements.is_empty
    parts.append(f'<div class="status-grid">{"".join(rows)}</div>' if compact else "".join(rows))
    if placements is not None and not placements.is_empty:
        # No heading: each entry says what it is; a rule sets them apart and the legend stays low.
        parts.append(
            f'<div class="place-rule" role="separator" aria-label="{escape_html(t("place.legend", lang))}"></div>'
        )
        if placements.stacks:
            parts.append(
                f'<div class="row place-stack">{stack_icon_svg("n", 18)}<span>{escape_html(t("place.stack_legend", lang))}'
                "</span></div>"
            )
        if placements.approximate:
            parts.append(
                f'<div class="row place-approx">{approx_ring_svg(18)}<span>{escape_html(t("place.approx_legend", lang))}</span></div>'
            )
        if placements.citywide:
            parts.append(
                f'<div class="row place-citywide"><span class="cw-mark">☰</span><span>'
                f"{escape_html(t('place.citywide_legend', lang, n=f'{placements.citywide:,}'))}</span></div>"
            )
    if not with_areas:
        return "".join(parts)
    parts.append(f"<h4 style='margin-top:6px'>{escape_html(t('legend.areas', lang))}</h4>")
    for area_id, term in AREA_TERMS.items():
        if area_id == "citywide":
            continue
        parts.append(
            f'<div class="row"><span class="swatch" style="border-color:{term.colour};background:{term.colour}33">'
            f"</span><span>{escape_html(term.label(lang))}</span></div>"
        )
    return "".join(parts)


def service_tooltips(services: pd.DataFrame, lang: str) -> pd.Series:
    """Each service's tooltip, ``name · status`` escaped, built column-wise (100,000 rows in well under a second)."""
    names = localized_column(services, "name", lang).map(escape_html)
    return names + " · " + services["status"].map(lambda s: escape_html(label(STATUS_TERMS, s, lang)))


def _shape_layer(shapes: gpd.GeoDataFrame, lang: str, selected: str | None, tooltips: bool) -> folium.GeoJson:
    """Line and zone services, styled by status (dashed while planned or cancelled)."""
    frame = shapes[["service_id", "name_ko", "name_en", "status", "geometry"]].copy()
    frame["tip"] = service_tooltips(frame, lang)
    # folium embeds GeoJSON properties in a script unescaped: only escaped text goes in.
    frame["service_id"] = frame["service_id"].map(escape_html)
    frame = frame[["service_id", "status", "tip", "geometry"] if tooltips else ["status", "geometry"]]
    selected = escape_html(selected) if selected else None

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        props = feature["properties"]
        colour = STATUS_TERMS[props["status"]].colour
        return {
            "color": colour,
            "weight": 7 if props.get("service_id") == selected else 4,
            "fillColor": colour,
            "fillOpacity": 0.25,
            "dashArray": "6 4" if STATUS_TERMS[props["status"]].dashed else None,
        }

    tooltip = folium.GeoJsonTooltip(["tip"], labels=False) if tooltips else None
    return folium.GeoJson(frame, style_function=style, tooltip=tooltip)


def _point_rows(
    points: gpd.GeoDataFrame, statuses: list[str], lang: str, tooltips: bool, approximate: pd.Series | None = None
) -> list[list[Any]]:
    """``[lat, lon, icon_index, tooltip_html, popup_html]`` per point, built column-wise.

    ``icon_index`` is the status's index, plus ``len(statuses)`` for an approximate place (``approximate``
    True on that row); single points have no popup (``""``).
    """
    lats = points.geometry.y.round(6).tolist()
    lons = points.geometry.x.round(6).tolist()
    icon_index = points["status"].map({s: i for i, s in enumerate(statuses)}).astype(int)
    if approximate is not None:
        icon_index = icon_index + approximate.reindex(points.index, fill_value=False).astype(int) * len(statuses)
    tips = service_tooltips(points, lang).tolist() if tooltips else [""] * len(points)
    popups = [""] * len(points)
    return [list(row) for row in zip(lats, lons, icon_index.tolist(), tips, popups, strict=True)]


def _stack_items(members: pd.DataFrame, lang: str, icon_px: int) -> pd.Series:
    """One ``<li>`` per stacked service: its status symbol, name and status label (escaped, column-wise)."""
    symbols = {status: status_icon_svg(status, icon_px) for status in STATUS_TERMS}
    names = localized_column(members, "name", lang).map(escape_html)
    labels = members["status"].map(lambda s: escape_html(label(STATUS_TERMS, s, lang)))
    return "<li>" + members["status"].map(symbols).fillna("") + "<span>" + names + " · " + labels + "</span></li>"


def _stack_rows(
    points: gpd.GeoDataFrame, stacks: pd.DataFrame, lang: str, tooltips: bool, icon_px: int
) -> tuple[list[list[Any]], list[str]]:
    """Stacked points as one row per point (``[lat, lon, icon_index, tooltip, popup]``) and their icons.

    The popup lists every service at the point with its status symbol and label; the icon is neutral
    with the count (a status colour would claim one status for all).
    """
    members = points.assign(
        _stack=stacks["stack"],
        _approx=stacks["kind"] == APPROXIMATE,
        _order=points["status"].map({s: i for i, s in enumerate(STATUS_TERMS)}).fillna(len(STATUS_TERMS)),
    ).sort_values(["_stack", "_order"], kind="stable")
    members = members.assign(_item=_stack_items(members, lang, 16))
    grouped = members.groupby("_stack", sort=True)
    first = grouped.head(1).set_index("_stack")
    counts = grouped.size()
    items = grouped["_item"].agg("".join)
    # A stack is approximate when every service in it is placed at a 동 centre.
    approx = grouped["_approx"].all()
    titles = counts.map(lambda n: escape_html(t("place.stack_title", lang, n=f"{n:,}")))
    note = f"<small>{escape_html(t('place.stack_approx', lang))}</small>"
    popups = (
        '<div class="svc-stack"><b>'
        + titles
        + "</b>"
        + approx.map({True: "<br>" + note, False: ""})
        + "<ul>"
        + items
        + "</ul></div>"
    )
    icon_keys = list(zip(counts.tolist(), approx.tolist(), strict=True))
    icons: list[str] = []
    index_of: dict[tuple[int, bool], int] = {}
    for key in icon_keys:
        if key not in index_of:
            index_of[key] = len(icons)
            icons.append(stack_icon_svg(key[0], icon_px, approximate=key[1]))
    rows = [
        list(row)
        for row in zip(
            first.geometry.y.round(6).tolist(),
            first.geometry.x.round(6).tolist(),
            [index_of[key] for key in icon_keys],
            titles.tolist() if tooltips else [""] * len(counts),
            popups.tolist(),
            strict=True,
        )
    ]
    return rows, icons


def service_groups(
    services: gpd.GeoDataFrame,
    options: MapOptions | None = None,
    selected_service: str | None = None,
) -> list[folium.FeatureGroup]:
    """One layer group per service domain (points, lines and zones), the stacks, and the selection highlight.

    Citywide services (reported with no place) are not drawn: list them beside the map
    (``citywide_projects``). Several points at one place are drawn once, in a group of their own
    (their domains differ), as a neutral symbol with the count and a popup listing each with its status.
    Pages that keep the map's position across filter changes pass these to
    ``st_folium(feature_group_to_add=...)``; ``build_map`` adds them directly.
    """
    options = options or MapOptions()
    lang = options.lang
    statuses = list(STATUS_TERMS)
    icon_px = 30 if options.large else 22
    icons = [status_icon_svg(s, icon_px) for s in statuses] + [
        status_icon_svg(s, icon_px, approximate=True) for s in statuses
    ]
    icon_sizes = [icon_px] * len(statuses) + [round(icon_px * 4 / 3)] * len(statuses)
    kinds = placement_kinds(services)
    drawn = services.loc[kinds != CITYWIDE]
    is_point_all = (drawn.geom_type == "Point").to_numpy()
    all_points = drawn.loc[is_point_all]
    stacks = point_stacks(all_points)
    stacked = stacks["stack_size"] > 1
    approximate = stacks["kind"] == APPROXIMATE
    # Cluster every domain once the map as a whole holds more markers than the browser draws comfortably.
    cluster = len(all_points) > CLUSTER_THRESHOLD
    # The kiosk is public and touch-only: no hover tooltips, and no internal ids in the page.
    tooltips = options.audience != "kiosk"
    groups = []
    for domain in DOMAIN_TERMS:
        in_domain = drawn.loc[drawn["domain"] == domain]
        if in_domain.empty:
            continue
        group = folium.FeatureGroup(
            name=f"{label(DOMAIN_TERMS, domain, lang)} ({len(in_domain):,})", overlay=True, control=True
        )
        is_point = in_domain.geom_type == "Point"
        shapes = in_domain.loc[~is_point]
        points = in_domain.loc[is_point & ~stacked.reindex(in_domain.index, fill_value=False)]
        if not shapes.empty:
            _shape_layer(shapes, lang, selected_service, tooltips).add_to(group)
        if not points.empty:
            rows = _point_rows(points, statuses, lang, tooltips, approximate)
            layer = ServiceLayer(domain, rows, icons, cluster, icon_sizes, options.static_url)
            layer.control = False
            layer.add_to(group)
        groups.append(group)
    if stacked.any():
        in_stacks = all_points.loc[stacked]
        rows, stack_icons = _stack_rows(in_stacks, stacks.loc[stacked], lang, tooltips, icon_px)
        group = folium.FeatureGroup(
            name=f"{t('place.stack_legend', lang)} ({len(in_stacks):,})", overlay=True, control=True
        )
        wide = round(icon_px * 4 / 3)
        layer = ServiceLayer("stacks", rows, stack_icons, cluster, [wide] * len(stack_icons), options.static_url)
        layer.control = False
        layer.add_to(group)
        groups.append(group)
    chosen = drawn.loc[drawn["service_id"] == selected_service] if selected_service else drawn.iloc[:0]
    if not chosen.empty:
        # On the service's own symbol: its point, or the stack it stands in (same point), never a neighbour's.
        highlight = folium.FeatureGroup(name="selection", control=False)
        anchor = representative_points(chosen).iloc[0]
        folium.CircleMarker(
            [anchor.y, anchor.x],
            radius=round(icon_px * 2 / 3) + 5,
            color="#000",
            weight=3,
            fill=False,
            dash_array="4 3",
            interactive=False,
        ).add_to(highlight)
        groups.append(highlight)
    return groups


def project_list_html(
    services: pd.DataFrame, lang: str, title: str, note: str = "", selected: str | None = None, limit: int = 50
) -> str:
    """A list of services beside a map: each one's status symbol, name and status label, in frame order.

    ``selected`` (a service id) is marked in words and outline, not by colour; at most ``limit`` items,
    then "외 N건". ``title`` and ``note`` are plain text. Every text is escaped.
    """
    shown = services.iloc[:limit]
    names = localized_column(shown, "name", lang).map(escape_html).tolist()
    items = []
    for name, service_id, status in zip(names, shown["service_id"], shown["status"], strict=True):
        css, mark = "cw-item", ""
        if selected is not None and service_id == selected:
            css += " cw-selected"
            mark = f' <span class="cw-mark-selected">◀ {escape_html(t("place.selected", lang))}</span>'
        symbol = status_icon_img(status, 16) if status in STATUS_TERMS else ""
        items.append(
            f'<li class="{css}">{symbol}<span>{name} · '
            f"<b>{escape_html(label(STATUS_TERMS, status, lang))}</b>{mark}</span></li>"
        )
    more = ""
    if len(services) > limit:
        more = f'<li class="cw-more">{escape_html(t("place.citywide_more", lang, n=f"{len(services) - limit:,}"))}</li>'
    note_html = f'<div class="cw-note">{escape_html(note)}</div>' if note else ""
    return f'<div class="citywide-list"><b>{escape_html(title)}</b>{note_html}<ul>{"".join(items)}{more}</ul></div>'


def citywide_list_html(services: pd.DataFrame, lang: str, selected: str | None = None, limit: int = 50) -> str:
    """The "시 전역 사업" list beside a map (``citywide_projects`` with status symbols); "" when there is none."""
    listed = citywide_projects(services)
    if listed.empty:
        return ""
    title = f"{t('place.citywide_title', lang)} ({len(listed):,})"
    note = t("place.citywide_note", lang, n=f"{len(listed):,}")
    return project_list_html(listed, lang, title, note, selected, limit)


def import_preview_layer(shapes: gpd.GeoDataFrame, id_column: str, name: str) -> folium.GeoJson:
    """Areas or boundaries of an import preview, dashed blue over the base map, with escaped tooltips.

    Parameters
    ----------
    shapes : GeoDataFrame
        EPSG:4326 polygons with ``id_column`` and, where present, ``name_ko``.
    id_column : str
        The schema's id column (``area_id``, ``boundary_id``), shown in the tooltip.
    name : str
        The layer's name in the layer control.
    """
    names = shapes["name_ko"] if "name_ko" in shapes else shapes[id_column]
    # folium embeds GeoJSON properties in a script unescaped: only escaped text goes in.
    layer = gpd.GeoDataFrame(
        {"tip": [f"{escape_html(n)} ({escape_html(i)})" for n, i in zip(names, shapes[id_column], strict=True)]},
        geometry=shapes.geometry.values,
        crs=shapes.crs,
    )
    return folium.GeoJson(
        layer,
        name=name,
        style_function=lambda _: {
            "color": "#0072B2",
            "weight": 3,
            "fillColor": "#0072B2",
            "fillOpacity": 0.12,
            "dashArray": "6 4",
        },
        tooltip=folium.GeoJsonTooltip(["tip"], labels=False),
    )
