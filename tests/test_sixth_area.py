"""A sixth area beside the plan's five, with services in it, appears on every list of areas (issue 25, item 3).

Services' ``area_id`` is checked against the store's areas (not only the plan's five), and /districts, /map's
filter and fit buttons, the kiosk's area screens, the briefing's slides and the handout all list the store's
areas. The browser check of /districts is in tests/e2e/test_districts.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.aggregate import area_ids, area_terms
from geo.analysis.filters import CHOICE_FILTERS, ServiceFilter, choice_terms
from geo.analysis.history import default_as_of
from geo.briefing.handout.pages import appendix_counts, briefing_figures
from geo.briefing.slides import briefing_slides
from geo.explorer import results_table
from geo.importer import commit_import, preview_import
from geo.kiosk.screens import kiosk_screens
from geo.loaders import load_dashboard_data
from geo.model.schema import SERVICES, services_schema
from geo.model.validation import DataError
from geo.store import STORE_FILE_NAME, GeoPackageStore
from tests.conftest import DATA_DIR, PROJECT_ROOT

SIXTH = "sadong90"
SIXTH_KO, SIXTH_EN = "사동 90블록", "Sadong Block 90"
SERVICE_ID = "SADONG-01"
SERVICE_KO = "사동 스마트 쉼터"
CENTRE = (126.80, 37.30)  # inside Ansan, clear of the five areas


def _ring(radius: float = 0.004, vertices: int = 48) -> list[list[float]]:
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    points = np.column_stack([CENTRE[0] + radius * np.cos(angles), CENTRE[1] + radius * np.sin(angles)]).round(7)
    return [*points.tolist(), points[0].tolist()]


def sixth_area_feature(source: Path = DATA_DIR) -> dict[str, Any]:
    """A valid area feature (the bundled first area's fields, its own id, names and outline)."""
    collection = json.loads((source / "areas.geojson").read_text(encoding="utf-8"))
    feature: dict[str, Any] = json.loads(json.dumps(collection["features"][0]))
    feature["properties"].update(area_id=SIXTH, name_ko=SIXTH_KO, name_en=SIXTH_EN, facts_ko="예시 대상지")
    feature["geometry"] = {"type": "Polygon", "coordinates": [_ring()]}
    return feature


def sixth_service_feature(source: Path = DATA_DIR) -> dict[str, Any]:
    """An operating service in the sixth area (a bundled service's fields, its own id, name, area and point)."""
    collection = json.loads((source / "services.geojson").read_text(encoding="utf-8"))
    feature: dict[str, Any] = json.loads(json.dumps(collection["features"][0]))
    feature["properties"].update(
        service_id=SERVICE_ID,
        name_ko=SERVICE_KO,
        name_en="Sadong smart shelter",
        area_id=SIXTH,
        status="운영",
        parent_id=None,
        location_accuracy="place",
        location_ko="사동 90블록",
        location_en="Sadong Block 90",
    )
    feature["geometry"] = {"type": "Point", "coordinates": list(CENTRE)}
    return feature


def add_sixth_area(data_dir: Path, with_service: bool = True) -> Path:
    """Write the sixth area (and its service) into the data folder ``data_dir``; returns it."""
    for name, feature in (("areas", sixth_area_feature(data_dir)), ("services", sixth_service_feature(data_dir))):
        if name == "services" and not with_service:
            continue
        path = data_dir / f"{name}.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        collection["features"].append(feature)
        path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return data_dir


@pytest.fixture
def sixth_dir(data_copy: Path) -> Path:
    return add_sixth_area(data_copy)


# --- data: services may name any area of the store ---------------------------------------------------------


def test_services_schema_accepts_the_store_areas_and_still_refuses_an_unknown_one() -> None:
    column = services_schema([SIXTH, "singil2"]).column("area_id")
    assert column.vocabulary is not None and SIXTH in column.vocabulary
    assert (
        column.vocabulary[: len(SERVICES.column("area_id").vocabulary or ())] == SERVICES.column("area_id").vocabulary
    )
    assert services_schema([]) is SERVICES


def test_the_loader_takes_services_in_a_sixth_area_and_refuses_an_area_that_is_nowhere(sixth_dir: Path) -> None:
    data = load_dashboard_data(sixth_dir)
    assert SIXTH in set(data.areas["area_id"]) and SIXTH in set(data.services["area_id"])
    # Without the area in the areas file, the same service is refused, naming the file, row and field.
    areas = json.loads((sixth_dir / "areas.geojson").read_text(encoding="utf-8"))
    areas["features"] = [f for f in areas["features"] if f["properties"]["area_id"] != SIXTH]
    (sixth_dir / "areas.geojson").write_text(json.dumps(areas, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dashboard_data(sixth_dir)
    (problem,) = [p for p in error.value.report.problems if p.field == "area_id"]
    assert problem.file == "services.geojson" and "'sadong90'는 허용되지 않는 값입니다" in problem.message


def test_an_imported_sixth_area_can_then_hold_imported_services(tmp_path: Path) -> None:
    store = GeoPackageStore(tmp_path / "store" / STORE_FILE_NAME)
    store.initialise(DATA_DIR)
    services_file = tmp_path / "services.geojson"
    services_file.write_text(
        json.dumps({"type": "FeatureCollection", "features": [sixth_service_feature()]}, ensure_ascii=False),
        encoding="utf-8",
    )
    refused = preview_import(services_file, "services", store=store)
    assert not refused.ok and any(p.field == "area_id" for p in refused.report.problems)

    areas_file = tmp_path / "areas.geojson"
    areas_file.write_text(
        json.dumps({"type": "FeatureCollection", "features": [sixth_area_feature()]}, ensure_ascii=False),
        encoding="utf-8",
    )
    commit_import(store, preview_import(areas_file, "areas", store=store), mode="append", user="kim")
    accepted = preview_import(services_file, "services", store=store)
    assert accepted.ok, accepted.report.messages()
    commit_import(store, accepted, mode="append", user="kim")
    data = store.read_data()
    assert data.services.loc[data.services["service_id"] == SERVICE_ID, "area_id"].tolist() == [SIXTH]
    # A staff edit of that service is checked against the store's areas too (not refused for its area).
    version = store.service_versions()[SERVICE_ID]
    assert store.update_service(SERVICE_ID, version, {"status": "구축"}, user="kim").values["status"] == "구축"


# --- every list of areas ------------------------------------------------------------------------------------


def test_area_lists_filters_screens_slides_and_handout_come_from_the_store(sixth_dir: Path) -> None:
    data = load_dashboard_data(sixth_dir)
    assert area_ids(data.areas)[-1] == SIXTH and len(area_ids(data.areas)) == 6
    assert area_terms(data.areas)[SIXTH].label("en") == SIXTH_EN

    (areas_filter,) = [c for c in CHOICE_FILTERS if c.field == "areas"]
    offered = choice_terms(areas_filter, area_terms(data.areas))
    assert list(offered)[-2:] == [SIXTH, "citywide"] and offered[SIXTH].ko == SIXTH_KO
    chosen, ignored = ServiceFilter.read_query({"area": f"{SIXTH},singil2"}, area_terms(data.areas))
    assert chosen.areas == (SIXTH, "singil2") and ignored == []

    screens = [s for s in kiosk_screens(data.services, areas=data.areas) if s.kind == "area"]
    assert [s.area_id for s in screens][-1] == SIXTH and len(screens) == 6
    assert (screens[-1].title("ko"), screens[-1].nav_label("en")) == (SIXTH_KO, SIXTH_EN)

    slides = [s for s in briefing_slides(areas=data.areas) if s.kind == "area"]
    assert [s.area_id for s in slides][-1] == SIXTH and slides[-1].title("en") == SIXTH_EN

    table = results_table(data.services, "ko", "area", areas=area_terms(data.areas))
    assert table.loc[SERVICE_ID].iloc[1] == SIXTH_KO

    counts = appendix_counts(data.services, "ko", data.areas)
    assert counts.iloc[:, 0].tolist()[-3:] == [SIXTH_KO, "시 전역", "합계"]


def test_the_handout_has_a_page_for_the_sixth_area(sixth_dir: Path) -> None:
    data = load_dashboard_data(sixth_dir)
    as_of = default_as_of(data.status_history)
    titles = [
        (figure.layout.title.text or "") + " ".join(a.text or "" for a in figure.layout.annotations)
        for figure in briefing_figures(data, as_of, as_of, "ko")
    ]
    page = [text for text in titles if SIXTH_KO in text and SERVICE_KO in text]
    assert page, "no handout page names the sixth area with its service"


# --- the pages (AppTest) ------------------------------------------------------------------------------------


def _app(monkeypatch: pytest.MonkeyPatch, data_dir: Path, store_dir: Path, **env: str) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DASHBOARD_STORE_DIR", str(store_dir))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120)


def test_the_sixth_area_is_on_districts_and_in_the_map_filter(
    monkeypatch: pytest.MonkeyPatch, sixth_dir: Path, tmp_path: Path
) -> None:
    at = _app(monkeypatch, sixth_dir, tmp_path / "store")
    at.query_params["area"] = SIXTH
    at.run()
    at.switch_page("app_pages/districts.py").run()
    assert not at.exception and not at.error
    picker: Any = at.get("button_group")[0]
    assert picker.options[-2:] == [SIXTH_KO, "시 전역"] and picker.value == SIXTH
    assert {m.label: m.value for m in at.metric}["보도된 사업"] == "1건"

    at.switch_page("app_pages/map_explorer.py").run()
    assert not at.exception and not at.error
    area_filter = at.sidebar.multiselect[0]
    assert area_filter.options[-2:] == [SIXTH_KO, "시 전역"]
    area_filter.select(SIXTH).run()
    assert not at.exception
    assert at.query_params["area"] == SIXTH
    assert not at.exception and not at.error


def test_the_briefing_has_a_slide_for_the_sixth_area(
    monkeypatch: pytest.MonkeyPatch, sixth_dir: Path, tmp_path: Path
) -> None:
    from ui import state

    at = _app(monkeypatch, sixth_dir, tmp_path / "store")
    at.run()
    at.switch_page("app_pages/briefing.py").run()
    assert not at.exception and not at.error
    slides = briefing_slides(areas=load_dashboard_data(sixth_dir).areas)
    sixth = next(i for i, s in enumerate(slides) if s.area_id == SIXTH)
    assert at.session_state[state.BRIEFING_SLIDE_COUNT] >= sixth + 1
    at.session_state[state.BRIEFING_SLIDE] = sixth
    at.run()
    assert not at.exception and not at.error
    shown = " ".join(
        str(getattr(e, "value", ""))
        for kind in ("html", "markdown", "header", "subheader", "title")
        for e in at.get(kind)
    )
    assert SIXTH_KO in shown, "the slide's title names the sixth area"
    assert "이 대상지 안의 보도된 사업 1건" in shown


def test_the_kiosk_has_a_screen_for_the_sixth_area(
    monkeypatch: pytest.MonkeyPatch, sixth_dir: Path, tmp_path: Path
) -> None:
    at = _app(monkeypatch, sixth_dir, tmp_path / "store", DASHBOARD_MODE="kiosk")
    at.run()
    assert not at.exception and not at.error
    labels = [b.label for b in at.button]
    assert SIXTH_KO.split()[0] in " ".join(labels) or SIXTH_KO in labels, labels
    at.button(key=next(str(b.key) for b in at.button if b.label == SIXTH_KO)).click().run()
    assert not at.exception and not at.error
    shown = " ".join(str(getattr(e, "value", "")) for kind in ("html", "markdown") for e in at.get(kind))
    assert SIXTH_KO in shown and SERVICE_KO in shown


def test_the_map_labels_the_sixth_area_by_its_name(sixth_dir: Path) -> None:
    """Found by the browser test: the district map's label showed the area's id (sadong90)."""
    from geo.mapping import build_map

    data = load_dashboard_data(sixth_dir)
    html = build_map(data.boundaries, data.areas, data.services, selected_area=SIXTH).get_root().render()
    labels = [
        json.dumps(f"<span>{text}</span>")[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")
        for text in (SIXTH_KO, SIXTH)
    ]
    # folium writes the label as JSON with every non-ASCII character escaped
    escaped = [label.encode("ascii", "backslashreplace").decode() for label in labels]
    assert escaped[0] in html and escaped[1] not in html


def test_the_staff_maps_area_label_and_the_chart_downloads_name_a_sixth_area_not_its_id(sixth_dir: Path) -> None:
    from geo import charts
    from geo.analysis.aggregate import progress_by_area, services_by_area_status
    from geo.analysis.exports import with_vocabulary_labels
    from geo.mapping.canvas import service_payload

    data = load_dashboard_data(sixth_dir)
    for lang, name in (("ko", SIXTH_KO), ("en", SIXTH_EN)):
        payload = service_payload(data.services, data.boundaries, data.areas, lang)
        shorts = {f["properties"]["area_id"]: f["properties"]["short"] for f in payload["base"]["areas"]["features"]}
        assert shorts[SIXTH] == name
        table = with_vocabulary_labels(progress_by_area(data.services), lang, data.areas)
        assert name in set(table["area_id"]) and SIXTH not in set(table["area_id"])
        # The comparison charts name it too, and count its service once.
        by_area = services_by_area_status(data.services, areas=data.areas)
        assert by_area["count"].sum() == len(data.services)
        compared = charts.area_comparison_figure(by_area, lang)
        assert any(str(y).startswith(f"{name} · 1") for y in compared.data[0].y)
        progress = charts.progress_figure(progress_by_area(data.services, areas=data.areas), lang)
        assert any(name in str(trace.title.text) for trace in progress.data)
    # Without the layer the id stays (what a caller without the store gets), and the plan's areas keep their labels.
    assert SIXTH in set(with_vocabulary_labels(progress_by_area(data.services))["area_id"])
    assert "신길2" in " ".join(with_vocabulary_labels(progress_by_area(data.services), "ko", data.areas)["area_id"])
