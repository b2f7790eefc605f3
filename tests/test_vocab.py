"""Statuses' behaviour is declared once, in ``geo.model.vocab``, and every screen follows it."""

from __future__ import annotations

import ast
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString

from geo import charts
from geo.accessibility import LARGE_MIN, TEXT_MIN, contrast_ratio
from geo.analysis.aggregate import services_by_domain_status
from geo.briefing.handout import area_map_figure
from geo.colour_vision import VISIONS, closest_pair, delta_e, simulate
from geo.kiosk.screens import CITIZEN_ORDER
from geo.mapping import canvas
from geo.mapping.layers import _shape_layer
from geo.model.vocab import ACTIVE_STATUSES, COUNTED_STATUSES, KIOSK_STATUSES, STATUS_TERMS, ServiceStatus
from tests.conftest import PROJECT_ROOT

# Files allowed to spell a status word: the vocabulary itself and the screen texts.
SPELLERS = ("geo/model/vocab.py", "geo/i18n/")


def test_status_words_are_spelled_only_in_the_vocabulary():
    words = set(STATUS_TERMS)
    spelled = []
    for package in ("geo", "ui", "app_pages"):
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            where = path.relative_to(PROJECT_ROOT).as_posix()
            if where.startswith(SPELLERS):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in words:
                    spelled.append(f"{where}:{node.lineno} {node.value}")
    assert spelled == [], "use STATUS_TERMS attributes or ServiceStatus instead of the word"


def test_status_behaviour_follows_the_design():
    dashed = [s for s, term in STATUS_TERMS.items() if term.dashed]
    hollow = [s for s, term in STATUS_TERMS.items() if term.hollow]
    assert dashed == [ServiceStatus.PLANNED, ServiceStatus.CANCELLED]
    assert hollow == [ServiceStatus.CANCELLED]
    # 추진 중 counts planned to operating; on hold and cancelled are not going ahead.
    assert ACTIVE_STATUSES == ("계획", "설계", "구축", "운영")
    assert KIOSK_STATUSES == ("계획", "설계", "구축", "운영", "보류")
    # Budgets and progress shares leave out only what was cancelled.
    assert COUNTED_STATUSES == ("계획", "설계", "구축", "운영", "보류")
    assert set(CITIZEN_ORDER) == set(KIOSK_STATUSES)


# The offline basemap's land (``geo.mapping.build``, opaque when no tiles are shown): the ground under the symbols.
BASEMAP_LAND = "#FBFAF6"
# The closest pair of filled statuses, 계획's grey and 운영's green under deuteranopia, is 8.1 apart (CIEDE2000):
# the floor keeps every pair at least that far, in full colour vision and in each dichromacy.
STATUS_DELTA_E_MIN = 7.5
FILLED = {s: term.colour for s, term in STATUS_TERMS.items() if not term.hollow}


@pytest.mark.parametrize("status", list(STATUS_TERMS))
def test_every_status_colour_reaches_3_to_1_on_white(status):
    # A map symbol or a bar in the status colour sits on white (its own white outline, the page): WCAG 1.4.11.
    assert contrast_ratio(STATUS_TERMS[status].colour, "#FFFFFF") >= LARGE_MIN
    if not STATUS_TERMS[status].hollow:
        assert contrast_ratio(STATUS_TERMS[status].colour, BASEMAP_LAND) >= LARGE_MIN, status


@pytest.mark.parametrize("status", list(STATUS_TERMS))
def test_every_status_ink_reads_at_4_5_to_1_on_its_colour(status):
    term = STATUS_TERMS[status]
    assert contrast_ratio(term.ink, term.colour) >= TEXT_MIN, (status, contrast_ratio(term.ink, term.colour))


@pytest.mark.parametrize("vision", VISIONS)
def test_statuses_stay_apart_for_colour_blind_viewers(vision):
    first, second, difference = closest_pair(FILLED, vision)
    assert difference >= STATUS_DELTA_E_MIN, (vision, first, second, round(difference, 1))


def test_the_distinguishability_floor_bites_on_an_orange_that_twins_the_vermillion():
    # A lighter orange at 3.46:1 on white (#C77700) is 보류's vermillion again to a deuteranope (ΔE 1.7).
    twin = {**FILLED, ServiceStatus.BUILDING: "#C77700"}
    assert closest_pair(twin, "deuteranopia")[2] < STATUS_DELTA_E_MIN
    assert closest_pair(twin, "normal")[2] >= STATUS_DELTA_E_MIN  # a designer with full colour vision would not see it
    assert simulate("#FFFFFF", "deuteranopia") == "#FFFFFF" and delta_e("#0072B2", "#0072B2") == 0.0
    # The land the ground test measures against is the basemap's (a changed basemap is checked again).
    assert f'"fillColor": "{BASEMAP_LAND.lower()}"' in (PROJECT_ROOT / "geo/mapping/build.py").read_text()


def test_planned_is_a_grey_apart_from_cancelled_black_and_under_readable_ink():
    planned = STATUS_TERMS[ServiceStatus.PLANNED]
    # A neutral grey (the other statuses have hues), far from 취소's black; its bar text stays readable.
    assert len({planned.colour[1:3], planned.colour[3:5], planned.colour[5:7]}) == 1
    assert contrast_ratio(planned.colour, STATUS_TERMS[ServiceStatus.CANCELLED].colour) >= LARGE_MIN
    assert contrast_ratio(planned.colour, planned.ink) >= 4.5


def _design_drawn_as_cancelled(monkeypatch):
    """Make 설계 behave as 취소 does, so each screen shows whether it reads the vocabulary."""
    term = STATUS_TERMS[ServiceStatus.DESIGN]
    monkeypatch.setitem(STATUS_TERMS, ServiceStatus.DESIGN, replace(term, shape="hollow", dashed=True, ink="#123456"))


def test_map_lines_dash_where_the_vocabulary_says(monkeypatch):
    line = gpd.GeoDataFrame(
        {"service_id": ["S1"], "name_ko": ["선"], "name_en": [""], "status": [ServiceStatus.DESIGN]},
        geometry=[LineString([(126.8, 37.3), (126.81, 37.31)])],
        crs="EPSG:4326",
    )
    feature = {"properties": {"service_id": "S1", "status": ServiceStatus.DESIGN}}
    assert _shape_layer(line, "ko", None, True).style_function(feature)["dashArray"] is None
    _design_drawn_as_cancelled(monkeypatch)
    assert _shape_layer(line, "ko", None, True).style_function(feature)["dashArray"] == "6 4"
    table = {row["label"]: row["dashed"] for row in canvas._status_table("ko")}
    assert table["설계"] is True


def test_bars_and_symbols_are_hollow_where_the_vocabulary_says(monkeypatch, demo):
    _design_drawn_as_cancelled(monkeypatch)
    fig = charts.domain_status_figure(services_by_domain_status(demo.services))
    design = next(trace for trace in fig.data if trace.meta == ServiceStatus.DESIGN)
    assert design.marker.color == "#FFFFFF" and design.marker.line.color == STATUS_TERMS["설계"].colour
    assert design.textfont.color == "#000000"  # a number on a hollow bar is dark
    in_area = demo.services.loc[demo.services["area_id"] == "gfez"]
    assert (in_area["status"] == ServiceStatus.DESIGN).any()
    pdf_map = area_map_figure(demo.boundaries, demo.areas, demo.services, "gfez")
    symbol = next(t for t in pdf_map.data if t.name and t.name.startswith(STATUS_TERMS["설계"].label("ko")))
    assert symbol.marker.line.color == STATUS_TERMS["설계"].colour


def test_timeline_text_takes_the_status_ink(monkeypatch):
    _design_drawn_as_cancelled(monkeypatch)
    rows = pd.DataFrame(
        {
            "service_id": ["S1"],
            "name_ko": ["서비스"],
            "name_en": ["Service"],
            "status": [ServiceStatus.DESIGN],
            "phase": ["단기"],
            "start_year": [2026],
            "end_year": [2027],
        }
    )
    fig = charts.timeline_figure(rows)
    assert fig.data[0].textfont.color == "#123456"


def test_domain_bars_write_their_numbers_in_the_status_ink(demo):
    fig = charts.domain_status_figure(services_by_domain_status(demo.services))
    inks = {trace.meta: trace.textfont.color for trace in fig.data}
    assert inks == {s: "#000000" if term.hollow else term.ink for s, term in STATUS_TERMS.items()}
    # Every filled bar's number reads at 4.5:1 (black on 계획's grey 5.3:1, black on 운영's green 6.1:1).
    for status, term in STATUS_TERMS.items():
        if not term.hollow:
            assert contrast_ratio(inks[status], term.colour) >= 4.5, status
