"""Unit tests for the map builder, filters and details panel (the browser tests cover what Leaflet draws)."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.details import area_detail_rows, detail_table_html, service_detail_rows, service_history_rows
from geo.filters import ServiceFilter, filter_services, year_span
from geo.mapping import (
    CLUSTER_THRESHOLD,
    MapOptions,
    build_base_map,
    build_map,
    map_asset_urls,
    parse_selection,
    selection_tag,
    service_groups,
    service_tooltip,
    view_for_bounds,
)

HOSTILE = "<img src=x onerror=alert(1)>`${alert(2)}`</script>"


def _html(fmap) -> str:
    return fmap.get_root().render()


def test_map_loads_only_local_assets_and_no_tiles(demo):
    fmap = build_map(demo.boundaries, demo.areas, demo.services)
    assert map_asset_urls(fmap) == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/leaflet/leaflet.css"]
    html = _html(fmap)
    external = {u for u in re.findall(r"https?://[^\"'\s)]+", html) if not u.startswith("http://www.w3.org/")}
    assert external == set()
    assert "tileLayer" not in html


def test_online_basemap_is_an_option_not_a_default(demo):
    fmap = build_map(demo.boundaries, demo.areas, demo.services, MapOptions(basemap="osm"))
    assert "tile.openstreetmap.org" in _html(fmap)


def test_services_are_sent_once_per_domain_with_every_point(demo):
    groups = service_groups(demo.services)
    domains = demo.services["domain"].unique()
    assert len(groups) == len(domains)
    fmap = build_map(demo.boundaries, demo.areas, demo.services)
    html = _html(fmap)
    rows = sum(len(re.findall(r"\[37\.\d+,126\.\d+,\d,", block)) for block in re.findall(r"var rows = (.*?);\n", html))
    assert rows == int((demo.services.geom_type == "Point").sum())
    assert "markerClusterGroup" not in html.split("var cluster = false")[0][-200:]


def test_large_layers_are_clustered_with_local_plugin(demo):
    many = gpd.GeoDataFrame(
        [{**demo.services.iloc[0].drop("geometry").to_dict()} for _ in range(CLUSTER_THRESHOLD + 1)],
        geometry=[Point(126.8 + i * 1e-5, 37.32) for i in range(CLUSTER_THRESHOLD + 1)],
        crs=4326,
    )
    many["domain"] = "교통"
    fmap = build_map(demo.boundaries, demo.areas, many)
    assert "/app/static/vendor/markercluster/leaflet.markercluster.js" in map_asset_urls(fmap)
    html = _html(fmap)
    assert "var cluster = true" in html
    # markercluster refuses a map without maxZoom ("Map has no maxZoom specified").
    assert '"maxZoom": 19' in html


def test_every_text_from_data_is_escaped_in_tooltips_popups_and_details(demo):
    services = demo.services.copy()
    services.loc[services.index[0], "name_ko"] = HOSTILE
    areas = demo.areas.copy()
    areas.loc[areas.index[0], "name_ko"] = HOSTILE
    areas.loc[areas.index[0], "facts_ko"] = HOSTILE
    html = _html(build_map(demo.boundaries, areas, services))
    assert "<img src=x" not in html and "</script>`" not in html
    # folium's Tooltip/Popup paste text into `template literals`; ours travel as JSON strings only.
    assert "$(`" not in html and "bindTooltip(`" not in html and "bindPopup(`" not in html
    tooltip = service_tooltip(services.iloc[0].to_dict(), "ko")
    assert tooltip.startswith("&lt;img src=x onerror=alert(1)&gt;`${alert(2)}`&lt;/script&gt;")
    panel = detail_table_html(HOSTILE, service_detail_rows(services.iloc[0].to_dict()))
    assert "<img" not in panel and "&lt;img src=x onerror=alert(1)&gt;" in panel


def test_ids_from_data_cannot_close_the_script(demo):
    services = demo.services.copy()
    line_service = services.index[services.geom_type == "LineString"][0]
    services.loc[line_service, "service_id"] = "</script><script>alert(3)</script>"
    boundaries = demo.boundaries.copy()
    boundaries["name_ko"] = "</script><b>x</b>"
    html = _html(build_map(boundaries, demo.areas, services))
    assert "</script><script>alert(3)" not in html and "</script><b>" not in html


def test_selection_tags_round_trip():
    assert parse_selection(f"스마트 횡단보도 · 운영 {selection_tag('svc', 'SVC-001')}") == ("svc", "SVC-001")
    assert parse_selection("신길2 공공주택지구 [area:singil2]") == ("area", "singil2")
    assert parse_selection("no tag here") is None and parse_selection(None) is None


def test_base_map_is_identical_across_filters(demo):
    # st_folium keeps zoom and position only while the base map's script does not change.
    first = build_base_map(demo.boundaries, demo.areas)
    second = build_base_map(demo.boundaries, demo.areas)
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", _html(first)) == strip.sub("", _html(second))


def test_view_for_bounds_centres_and_zooms():
    centre, zoom = view_for_bounds((126.76, 37.32, 126.78, 37.34), 900, 600)
    assert centre[1] == pytest.approx(126.77) and centre[0] == pytest.approx(37.33, abs=1e-3)
    assert zoom == 14
    assert view_for_bounds((126.0, 36.0, 128.0, 38.0))[1] == 10


def test_filters_combine_and_round_trip_through_the_url(demo):
    wanted = ServiceFilter(areas=("jangsang",), statuses=("운영", "구축"), years=(2027, 2028), text="스마트")
    assert ServiceFilter.from_query(wanted.to_query()) == wanted
    shown = filter_services(demo.services, wanted)
    expected = [
        row.service_id
        for row in demo.services.itertuples()
        if row.area_id == "jangsang"
        and row.status in ("운영", "구축")
        and row.start_year <= 2028
        and row.end_year >= 2027
        and "스마트" in f"{row.name_ko} {row.name_en}"
    ]
    assert shown["service_id"].tolist() == expected
    assert ServiceFilter.from_query({"status": "완료,운영", "years": "abc", "area": "<x>"}) == ServiceFilter(
        statuses=("운영",)
    )
    low, high = year_span(demo.services)
    assert low == demo.services["start_year"].min() and high == demo.services["end_year"].max()


def test_kiosk_details_show_public_fields_only(demo):
    service = demo.services.iloc[0].to_dict()
    public = dict(service_detail_rows(service, "ko", public_only=True))
    assert set(public) <= {"대상지", "추진 상태", "사업 기간", "시민 안내"}
    assert service["department"] not in public.values()


def test_area_details_and_history(demo):
    area = demo.areas.loc[demo.areas["area_id"] == "choji"].iloc[0].to_dict()
    in_area = demo.services.loc[demo.services["area_id"] == "choji"]
    rows = dict(area_detail_rows(area, in_area))
    assert rows["서비스 수"].startswith(f"{len(in_area)} (")
    assert rows["출처"] == area["source"]
    service_id = demo.status_history["service_id"].iloc[0]
    history = service_history_rows(demo.status_history, service_id)
    assert list(history.columns) == ["변경일", "변경", "변경자", "사유"]
    assert len(history) == int((demo.status_history["service_id"] == service_id).sum())


def test_kiosk_map_has_no_tooltips_or_internal_ids(demo):
    html = _html(build_map(demo.boundaries, demo.areas, demo.services, MapOptions(audience="kiosk")))
    assert "[svc:" not in html and "[area:" not in html and 'bindTooltip("' not in html
    assert "SVC-0" not in html
    assert "imperial: false" in html
    assert "dash-fullscreen" not in html and '"zoomControl": false' in html
    assert "font: 24px/1.45" in html  # kiosk text is at least 24 px


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_column_wise_point_rows_match_the_tooltip_function(demo, lang):
    from geo.mapping import _point_rows
    from geo.vocab import STATUS_TERMS

    points = demo.services.loc[demo.services.geom_type == "Point"]
    rows = _point_rows(points, list(STATUS_TERMS), lang, tooltips=True)
    assert [r[3] for r in rows] == [service_tooltip(r, lang) for r in points.to_dict("records")]
    assert [r[2] for r in rows] == [list(STATUS_TERMS).index(s) for s in points["status"]]
