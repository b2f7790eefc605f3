"""The map builder: validated data in, a ``folium.Map`` out, for every page that shows a map.

The map draws with no request outside the app: Leaflet and markercluster are
linked from the app's own static files (``geo.assets``), there is no tile
layer unless configuration asks for one, and the base layer is drawn from the
bundled outlines. Services are sent to the browser once, as one compact JSON
array per domain, and drawn by a small script (clustered above a threshold), so
100,000 points stay interactive. Several services at one point draw as one
symbol with their count; a 동 centre has its own symbol; citywide services are
not drawn but listed (``citywide_projects``). Every text from data is escaped here.

``build`` assembles the map and its view, ``layers`` holds what goes on it
(symbols, legend, services per domain, import previews), ``elements`` the
Leaflet pieces written for it.
"""

from geo.mapping.build import URBAN_BOUNDS, build_base_map, build_map, map_asset_urls, view_for_bounds
from geo.mapping.elements import FullscreenControl
from geo.mapping.layers import (
    CLUSTER_THRESHOLD,
    MapOptions,
    PlacementLegend,
    citywide_list_html,
    import_preview_layer,
    legend_html,
    placement_legend,
    project_list_html,
    service_groups,
    service_tooltips,
)
from geo.mapping.placement import citywide_projects, stack_members

__all__ = [
    "CLUSTER_THRESHOLD",
    "URBAN_BOUNDS",
    "FullscreenControl",
    "MapOptions",
    "PlacementLegend",
    "build_base_map",
    "build_map",
    "citywide_list_html",
    "citywide_projects",
    "import_preview_layer",
    "legend_html",
    "map_asset_urls",
    "placement_legend",
    "project_list_html",
    "service_groups",
    "service_tooltips",
    "stack_members",
    "view_for_bounds",
]
