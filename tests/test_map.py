"""Unit tests for the map builder, filters and details panel (the browser tests cover what Leaflet draws)."""

from __future__ import annotations

import base64
import json
import os
import re
import time

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from geo.analysis.filters import ServiceFilter, clamp_years, filter_services, year_span
from geo.details import area_detail_rows, detail_table_html, service_detail_rows, service_history_rows
from geo.explorer import (
    parse_view,
    results_table,
    status_chart,
    status_counts,
    status_from_chart_point,
    view_param,
    within_bbox,
)
from geo.html import escape_html, json_for_script
from geo.mapping import (
    CLUSTER_THRESHOLD,
    MapOptions,
    build_base_map,
    build_map,
    map_asset_urls,
    service_groups,
    service_tooltips,
    view_for_bounds,
)
from geo.mapping.canvas import (
    FOLIUM_SERVICES_MAX,
    needs_canvas_map,
    reference_meta,
    reference_payload,
    row_of,
    service_id_at,
    service_names,
    service_payload,
    visibility_mask,
    write_payload,
)
from geo.model.reference_layers import ReferenceLayer
from geo.model.vocab import STATUS_TERMS
from tests.map_scripts import map_configs

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
    layers = map_configs(html, "rows", "cluster")
    blocks = [json_for_script(layer["rows"]) for layer in layers]
    rows = sum(len(re.findall(r"\[37\.\d+,126\.\d+,\d,", block)) for block in blocks)
    assert rows == int((demo.services.geom_type == "Point").sum())
    assert layers and not any(layer["cluster"] for layer in layers)


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
    assert [layer["cluster"] for layer in map_configs(html, "rows", "cluster")] == [True]
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
    tooltip = service_tooltips(services, "ko").iloc[0]
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
def test_point_rows_carry_each_services_name_and_status(demo, lang):
    from geo.i18n import localized
    from geo.mapping.layers import _point_rows
    from geo.model.vocab import STATUS_TERMS, label

    points = demo.services.loc[demo.services.geom_type == "Point"]
    rows = _point_rows(points, list(STATUS_TERMS), lang, tooltips=True)
    expected = [
        f"{escape_html(localized(r, 'name', lang))} · {label(STATUS_TERMS, r['status'], lang)}"
        for r in points.to_dict("records")
    ]
    assert [r[3] for r in rows] == expected
    assert [r[2] for r in rows] == [list(STATUS_TERMS).index(s) for s in points["status"]]


# --- The staff map's canvas renderer: payloads, masks, results table, view and reference layers ---


def _reference_layer(count: int = 3, name: str = "안산역") -> ReferenceLayer:
    points = gpd.GeoDataFrame(
        {
            "시설명": [name] + [f"주차장 {n}" for n in range(1, count)],
            "주차면수": [120] + [None] * (count - 1),
            "요금": ["유료"] * count,
        },
        geometry=[Point(126.80 + n * 0.001, 37.31) for n in range(count)],
        crs=4326,
    )
    return ReferenceLayer(
        layer_id="car_parks",
        title_ko="공영주차장",
        title_en="Public car parks",
        provider="경기도 안산시",
        data_date="2016",
        licence="공공누리 제1유형",
        source="전국주차장정보표준데이터",
        points=points,
        name_field="시설명",
        popup_fields=("주차면수", "요금"),
        kiosk=False,
    )


def test_payload_has_every_service_as_columns_with_escaped_names_and_no_ids(bundled):
    payload = service_payload(bundled.services, bundled.boundaries, bundled.areas, "ko")
    count = len(bundled.services)
    assert payload["count"] == count
    for column in ("lat", "lon", "status", "point"):
        assert len(payload[column]) == count
    assert service_names(bundled.services, "ko")["name"][0] == escape_html(bundled.services["name_ko"].iloc[0])
    points = bundled.services.geom_type == "Point"
    assert sum(payload["point"]) == int(points.sum())
    assert len(payload["shapes"]["features"]) == count - int(points.sum())
    first = bundled.services.iloc[0]
    anchor = bundled.services.geometry.iloc[0].representative_point()
    assert payload["lat"][0] == round(anchor.y * 1e6) and payload["lon"][0] == round(anchor.x * 1e6)
    assert payload["statuses"][payload["status"][0]]["label"] == first["status"]
    text = json_for_script(payload)
    # Internal ids never reach the page: a click comes back as a row number.
    assert first["service_id"] not in text and "[svc:" not in text
    assert {f["properties"]["area_id"] for f in payload["base"]["areas"]["features"]} == set(bundled.areas["area_id"])


def test_payload_escapes_hostile_names(bundled):
    services = bundled.services.copy()
    services.loc[services.index[0], "name_ko"] = HOSTILE
    names = service_names(services, "ko")
    assert names["name"][0] == escape_html(HOSTILE)
    assert "<img" not in json_for_script(names) and "</script>" not in json_for_script(names)


def test_visibility_mask_is_a_bitset_of_the_filtered_rows(bundled):
    services = bundled.services
    assert visibility_mask(services, services) is None
    shown = filter_services(services, ServiceFilter(statuses=("운영",)))
    bits = np.unpackbits(
        np.frombuffer(base64.b64decode(visibility_mask(services, shown)), dtype=np.uint8), bitorder="little"
    )
    assert bits[: len(services)].tolist() == services["status"].eq("운영").astype(int).tolist()
    assert visibility_mask(services, services.iloc[:0]) == base64.b64encode(bytes((len(services) + 7) // 8)).decode()


def test_clicked_row_numbers_map_back_to_ids_and_bad_rows_are_refused(bundled):
    services = bundled.services
    assert service_id_at(services, 0) == services["service_id"].iloc[0]
    assert service_id_at(services, len(services) - 1) == services["service_id"].iloc[-1]
    for bad in (-1, len(services), "3", 1.0, True, None):
        assert service_id_at(services, bad) is None
    assert row_of(services, services["service_id"].iloc[5]) == 5
    assert row_of(services, "NOPE") == -1 and row_of(services, None) == -1


def test_payload_files_are_named_by_content_and_written_once(tmp_path, bundled):
    payload = service_payload(bundled.services, bundled.boundaries, bundled.areas, "ko")
    first = write_payload(tmp_path, "services-ko", payload)
    assert write_payload(tmp_path, "services-ko", payload) == first
    changed = write_payload(tmp_path, "services-ko", {**payload, "count": payload["count"] + 1})
    assert changed != first
    assert sorted(p.name for p in tmp_path.glob("services-ko-*.json")) == sorted([first, changed])
    assert json.loads((tmp_path / first).read_text(encoding="utf-8"))["count"] == len(bundled.services)


def test_payload_files_beyond_the_kept_number_are_removed_only_when_old(tmp_path):
    from geo.mapping.canvas import KEEP_PAYLOADS, PAYLOAD_MIN_AGE_S

    names = [write_payload(tmp_path, "p", {"n": n}) for n in range(KEEP_PAYLOADS + 5)]
    assert len(list(tmp_path.glob("p-*.json"))) == KEEP_PAYLOADS + 5  # all recent: a map may still read them
    old = time.time() - PAYLOAD_MIN_AGE_S - 60
    for name in names[:5]:
        os.utime(tmp_path / name, (old, old))
    write_payload(tmp_path, "p", {"n": "new"})
    left = {p.name for p in tmp_path.glob("p-*.json")}
    assert not left & set(names[:5]) and set(names[5:]) <= left


def test_results_table_lists_name_area_status_domain_budget_sorted(bundled):
    services = bundled.services
    table = results_table(services, "ko", "budget")
    assert list(table.columns) == ["서비스명", "대상지", "상태", "분야", "사업비(억원)"]
    assert len(table) == len(services)
    budgets = table["사업비(억원)"].dropna().tolist()
    assert budgets == sorted(budgets, reverse=True)
    by_status = results_table(services, "ko", "status")
    assert by_status["상태"].tolist() == sorted(by_status["상태"], key=list(STATUS_TERMS).index)
    assert results_table(services, "ko", "name", limit=5).shape[0] == 5
    english = results_table(services, "en", "name")
    assert "Service" in english.columns and set(english.index) == set(services["service_id"])


def test_extent_filter_keeps_services_whose_anchor_is_inside(bundled):
    services = bundled.services
    anchors = services.geometry.representative_point()
    west, south = anchors.x.median(), anchors.y.median()
    inside = within_bbox(services, (west, south, 180.0, 90.0))
    expected = ((anchors.x >= west) & (anchors.y >= south)).sum()
    assert len(inside) == expected and 0 < expected < len(services)
    assert len(within_bbox(services, None)) == len(services)


def test_status_counts_and_chart_bars_carry_their_status(bundled):
    counts = status_counts(bundled.services)
    assert counts["status"].tolist() == list(STATUS_TERMS)
    assert counts["count"].sum() == len(bundled.services)
    figure = status_chart(counts, "ko")
    assert list(figure.data[0].customdata) == list(STATUS_TERMS)
    assert status_from_chart_point({"customdata": "운영"}) == "운영"
    assert status_from_chart_point({"customdata": ["보류"]}) == "보류"
    assert status_from_chart_point({"customdata": "<script>"}) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("37.32,126.83,14", ((37.32, 126.83), 14)),
        ("90,200,40", ((37.5, 127.0), 19)),
        ("-90,-200,-3", ((37.0, 126.3), 10)),
        ("nan,126.8,12", None),
        ("37.3,126.8", None),
        ("a,b,c", None),
    ],
)
def test_view_parameter_is_clamped_into_ansan(raw, expected):
    assert parse_view({"view": raw}) == expected
    if expected:
        assert parse_view({"view": view_param(*expected)}) == expected


@pytest.mark.parametrize(
    ("years", "expected"),
    [((3000, 4000), (2039, 2039)), ((1000, 2030), (2024, 2030)), ((2031, 2026), (2026, 2031)), (None, (2024, 2039))],
)
def test_years_from_a_stale_link_are_clamped_to_the_data(years, expected):
    assert clamp_years(years, (2024, 2039)) == expected


def test_reference_layer_payload_has_escaped_popups_with_its_fields_and_provenance():
    layer = _reference_layer(name=HOSTILE)
    payload = reference_payload(layer, "ko")
    assert len(payload["lat"]) == 3
    assert payload["popup"][0].startswith(f"<b>{escape_html(HOSTILE)}</b>")
    assert "주차면수: 120" in payload["popup"][0] and "요금: 유료" in payload["popup"][0]
    assert "주차면수" not in payload["popup"][1]  # an empty field is left out
    assert "경기도 안산시 · 2016 기준" in payload["popup"][2]
    meta = reference_meta(layer, 0, "/x.json", "en")
    assert meta["title"] == "Public car parks" and meta["count"] == 3
    assert meta["provenance"] == "경기도 안산시 · as of 2016"


def test_kiosk_map_can_show_chosen_reference_layers(bundled):
    layer = _reference_layer()
    fmap = build_map(
        bundled.boundaries, bundled.areas, bundled.services, MapOptions(audience="kiosk"), reference_layers=[layer]
    )
    html = _html(fmap)
    assert "ReferenceMarkers" not in html  # rendered, not named
    assert html.count("L.circleMarker(") == 1 and "126800000" in html
    plain = _html(build_map(bundled.boundaries, bundled.areas, bundled.services, MapOptions(audience="kiosk")))
    assert "L.circleMarker(" not in plain


def test_the_default_view_holds_every_development_area_with_its_label_room(bundled):
    from geo.mapping import URBAN_BOUNDS

    (south, west), (north, east) = URBAN_BOUNDS
    for area_id, (minx, miny, maxx, maxy) in zip(
        bundled.areas["area_id"], bundled.areas.bounds.to_numpy(), strict=True
    ):
        # ~0.01° (about 900 m) to spare at the sides, so an area's name label is not cut at the edge.
        assert west + 0.01 <= minx and maxx <= east - 0.01, area_id
        assert south <= miny and maxy <= north, area_id


def test_overview_maps_switch_to_the_canvas_map_only_for_many_services(bundled):
    assert not needs_canvas_map(bundled.services)  # the reported projects: folium, as the briefing prints it
    many = bundled.services.iloc[[0] * (FOLIUM_SERVICES_MAX + 1)]
    assert needs_canvas_map(many) and not needs_canvas_map(many.iloc[:FOLIUM_SERVICES_MAX])
