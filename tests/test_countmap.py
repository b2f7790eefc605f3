"""The kiosk's and the briefing's map at city scale: services counted per 동 (geo.mapping.counts)."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import Point

from benchmarks.synthetic import synthetic_services
from geo.html import json_for_script
from geo.kiosk.screens import kiosk_map_services
from geo.mapping import MapOptions
from geo.mapping.canvas import FOLIUM_SERVICES_MAX, needs_canvas_map, service_names, service_payload
from geo.mapping.counts import build_count_map, count_key_html, count_symbols, counts_by_dong, ring_svg
from geo.model.vocab import KIOSK_STATUSES, STATUS_TERMS
from tests.conftest import PROJECT_ROOT as ROOT

HOSTILE = "<img src=x onerror=alert(1)>"


def _services_in(boundaries: gpd.GeoDataFrame, placed: list[tuple[str, str]], outside: list[str] = ()):
    """Services at the representative point of the named dongs (status per row), and some in the sea."""
    dongs = boundaries.loc[boundaries["level"] == "dong"].set_index("name_ko")
    rows = [{"dong": d, "status": s, "geometry": dongs.geometry[d].representative_point()} for d, s in placed]
    # West of 신길동's coast: in no dong, nearest to 신길동.
    rows += [{"dong": None, "status": s, "geometry": Point(126.745, 37.333)} for s in outside]
    return gpd.GeoDataFrame(rows, crs=4326)


def test_counts_per_dong_by_status_most_first_with_english_names(bundled):
    services = _services_in(
        bundled.boundaries,
        [("고잔동", "운영"), ("고잔동", "운영"), ("고잔동", "구축"), ("고잔동", "취소"), ("사동", "계획")],
        outside=["설계"],
    )
    counts = counts_by_dong(services, bundled.boundaries, "en", KIOSK_STATUSES)
    assert counts["dong"].tolist() == ["고잔동", "사동", "신길동"]
    assert counts["name"].tolist() == ["Gojan-dong", "Sa-dong", "Singil-dong"]
    gojan = counts.iloc[0]
    assert (gojan["total"], gojan["운영"], gojan["구축"], gojan["계획"]) == (3, 2, 1, 0)  # 취소 is not counted
    assert counts.loc[counts["dong"] == "신길동", "설계"].item() == 1  # just outside the outline: nearest dong
    assert "취소" not in counts.columns
    every = counts_by_dong(services, bundled.boundaries, "ko")
    assert every.loc[every["dong"] == "고잔동", "total"].item() == 4 and every["취소"].sum() == 1


def test_without_a_dong_column_each_service_counts_for_the_dong_it_lies_in(bundled):
    services = _services_in(bundled.boundaries, [("고잔동", "운영"), ("사동", "계획"), ("사동", "운영")]).drop(
        columns="dong"
    )
    counts = counts_by_dong(services, bundled.boundaries)
    assert dict(zip(counts["dong"], counts["total"], strict=True)) == {"사동": 2, "고잔동": 1}


def test_a_count_sits_among_its_services(bundled):
    dongs = bundled.boundaries.loc[bundled.boundaries["level"] == "dong"].set_index("name_ko")
    inside = dongs.geometry["사동"].representative_point()
    services = gpd.GeoDataFrame(
        {"dong": ["사동", "사동"], "status": ["운영", "운영"]},
        geometry=[Point(inside.x - 0.002, inside.y), Point(inside.x + 0.002, inside.y + 0.001)],
        crs=4326,
    )
    row = counts_by_dong(services, bundled.boundaries).iloc[0]
    assert row["lon"] == pytest.approx(inside.x) and row["lat"] == pytest.approx(inside.y + 0.0005)


def test_no_services_no_symbols(bundled):
    counts = counts_by_dong(bundled.services.iloc[0:0], bundled.boundaries)
    assert counts.empty and count_symbols(counts, tuple(STATUS_TERMS), "ko") == []


def test_ring_has_one_segment_per_counted_status_in_its_colour_and_the_shape_on_wide_ones():
    svg = ring_svg([3, 0, 1, 0, 0], KIOSK_STATUSES, 30)
    assert svg.count("<path") == 2
    assert STATUS_TERMS["계획"].colour in svg and STATUS_TERMS["구축"].colour in svg
    assert STATUS_TERMS["설계"].colour not in svg
    # 계획 (270°) carries its circle, 구축 (90°) its triangle: colour is never alone.
    assert svg.count('fill="#fff" stroke="#1a1a1a"') == 2 and "<polygon" in svg
    whole = ring_svg([0, 0, 0, 5, 0], KIOSK_STATUSES, 30)
    assert "<path" not in whole and f'stroke="{STATUS_TERMS["운영"].colour}"' in whole


def test_symbol_area_follows_the_count_and_labels_are_escaped(bundled):
    boundaries = bundled.boundaries.copy()
    boundaries.loc[boundaries["name_ko"] == "사동", "name_en"] = HOSTILE
    services = _services_in(boundaries, [("고잔동", "운영")] * 4 + [("사동", "계획")])
    symbols = count_symbols(counts_by_dong(services, boundaries, "en"), tuple(STATUS_TERMS), "en", "kiosk")
    assert [s["total"] for s in symbols] == [4, 1]
    assert set(symbols[0]) == {"lat", "lon", "size", "total", "svg", "name", "count"}
    assert symbols[0]["size"] == 2 * 40 + 4 and symbols[1]["size"] == round(2 * (15 + 25 * 0.5) + 4)
    assert symbols[1]["name"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert symbols[0]["count"] == "4"
    assert count_symbols(counts_by_dong(services, boundaries, "ko"), tuple(STATUS_TERMS), "ko")[0]["count"] == "4건"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_key_says_what_size_and_ring_mean_and_how_many_are_counted(lang):
    key = count_key_html(83_308, KIOSK_STATUSES, lang)
    assert "83,308" in key
    assert ("동별" in key) if lang == "ko" else ("per dong" in key)


@pytest.fixture(scope="module")
def city_scale(demo):
    """More services than a folium map draws, every one a sample, spread over the city."""
    return synthetic_services(demo, 2 * FOLIUM_SERVICES_MAX)


def test_kiosk_map_at_city_scale_sends_counts_only_nothing_about_any_one_service(demo, city_scale):
    services = city_scale.copy()
    services["department"] = "스마트도시과 내부 담당"
    services["budget_krw_100m"] = 123.456
    # The 동 of each, as the loader adds it.
    dongs = demo.boundaries.loc[demo.boundaries["level"] == "dong", ["name_ko", "geometry"]]
    services = services.sjoin(dongs.rename(columns={"name_ko": "dong"}), how="left")
    services = services.loc[~services.index.duplicated()].drop(columns="index_right")
    shown = kiosk_map_services(services)
    assert needs_canvas_map(shown)
    options = MapOptions(audience="kiosk", show_dongs=False, legend_statuses=KIOSK_STATUSES)
    html = build_count_map(demo.boundaries, demo.areas, shown, options).get_root().render()
    for private in ("DEV-0", "스마트 가로등", "Smart streetlight", "스마트도시과 내부 담당", "123.456", "k0"):
        assert private not in html, private
    assert "markercluster" not in html and "ServiceLayer" not in html
    assert "new ResizeObserver(refit)" in html  # the kiosk still re-fits on resize and rotation
    assert "취소" not in html  # the kiosk never shows cancelled services, nor their word
    assert len(html) < 200_000  # the folium map of the same services was megabytes
    total = counts_by_dong(shown, demo.boundaries, "ko", KIOSK_STATUSES)["total"].sum()
    assert total == int(services["status"].isin(KIOSK_STATUSES).sum())
    assert json_for_script(f"{total:,}")[1:-1] in html


def test_staff_canvas_payload_carries_positions_statuses_and_names_only(demo):
    # What the canvas point map sends to a browser: no department, budget, id or note of any service.
    payload = service_payload(demo.services, demo.boundaries, demo.areas, "ko")
    assert set(payload) == {
        "version",
        "count",
        "lat",
        "lon",
        "status",
        "point",
        "place",
        "loc",
        "statuses",
        "icon_radius",
        "cluster_above",
        "shapes",
        "base",
    }
    text = json.dumps(payload, ensure_ascii=False) + json.dumps(service_names(demo.services), ensure_ascii=False)
    for column in ("department", "service_id", "budget_krw_100m", "funding", "source_url"):
        for value in demo.services[column].dropna().astype(str).unique():
            if len(value) > 3:
                assert value not in text, (column, value)
    assert all(set(f["properties"]) == {"i", "status"} for f in payload["shapes"]["features"])


def test_every_side_puts_the_label_next_to_its_ring_without_touching_it():
    from geo.mapping.counts import LABEL_SIDES, label_place, label_text_position, touches_ring

    for side in LABEL_SIDES:
        box, anchor = label_place(side, 100.0, 200.0, 10.0, (30.0, 8.0), 2.0)
        assert box[2] - box[0] == 30.0 and box[3] - box[1] == 8.0
        assert not touches_ring(box, 100.0, 200.0, 10.0), side
        assert touches_ring(box, 100.0, 200.0, 10.0 + 2.0 + 2.0), side  # right beside it, one gap away
        vertical, horizontal = label_text_position(side).split()
        assert (anchor[1] < 200.0) == (vertical == "bottom") and (anchor[0] > 100.0) == (horizontal == "right")


def _handout_labels(centres: list[tuple[float, float]], radius: float) -> list[str]:
    import pandas as pd
    import plotly.graph_objects as go

    from geo.briefing.handout.maps import _count_labels

    fig = go.Figure()
    counts = pd.DataFrame({"name": [f"동{i}" for i in range(len(centres))], "total": [10] * len(centres)})
    _count_labels(fig, counts, gpd.GeoSeries([Point(x, y) for x, y in centres]), [radius] * len(centres), 1.0, "ko")
    texts = list(fig.data[0].text)
    positions = list(fig.data[0].textposition)
    return [
        positions[texts.index(text)] if text in texts else ""
        for text in (f"동{i}<br><b>10건</b>" for i in range(len(centres)))
    ]


def test_the_handout_takes_a_corner_when_the_four_sides_are_taken_as_the_browser_map_does():
    # A ring with neighbours close below, above, right and left: only the corners are free.
    near = 40.0
    centres = [(0.0, 0.0), (0.0, -near), (0.0, near), (near, 0.0), (-near, 0.0)]
    places = _handout_labels(centres, 12.0)
    assert places[0] == "bottom right", places


def test_the_browser_map_is_given_the_same_order_of_sides():
    from geo.mapping.counts import LABEL_SIDES, CountSymbols

    assert CountSymbols([], "", 12, "topright").config["sides"] == list(LABEL_SIDES)
    script = (ROOT / "static" / "js" / "map" / "count_symbols.js").read_text(encoding="utf-8")
    assert "cfg.sides" in script and "'above-left'" not in script  # no list of its own
