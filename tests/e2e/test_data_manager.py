"""The data-management page in real Chromium: a cold deep link shows no data, an edit reaches the map, imports, offline."""

from __future__ import annotations

import re
import shutil
import urllib.parse

import geopandas as gpd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.analysis.filters import ServiceFilter, filter_services
from geo.auth import add_user
from geo.model.vocab import STATUS_TERMS
from tests.conftest import DATA_DIR, DEMO_DIR
from tests.e2e.conftest import MAP_FRAME, start_server, stop_server, wait_for_map, wait_for_run_end
from tests.fixtures.corpus import ShapefileSpec, write_points_csv, write_shapefile

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def data_server(tmp_path_factory):
    """A fresh server on a temporary data folder (the store is created there) and a temporary accounts file."""
    root = tmp_path_factory.mktemp("data_manager")
    shutil.copytree(DATA_DIR, root / "data", ignore=shutil.ignore_patterns("*.gpkg", "backups"))
    add_user("kim_gis", PASSWORD, display_name="김지리", secrets_path=root / "secrets.toml")
    server = start_server(
        {
            "DASHBOARD_MODE": "staff",
            "DASHBOARD_DATA_DIR": str(root / "data"),
            "DASHBOARD_SECRETS_FILE": str(root / "secrets.toml"),
        },
        root,
    )
    yield server
    stop_server(server)


def _target(services):
    """A point service that is not operating and whose full name matches only itself."""
    for _, row in services.loc[(services.geom_type == "Point") & (services["status"] != "운영")].iterrows():
        if len(filter_services(services, ServiceFilter(text=row["name_ko"]))) == 1:
            return row
    raise AssertionError("no suitable service in the bundled data")


def test_cold_deep_link_shows_only_the_sign_in_form(data_server, open_app, bundled):
    # The first request after this server started: nothing is cached or signed in yet.
    session = open_app(data_server, "/data")
    page = session.page
    page.get_by_role("heading", name="직원 로그인").wait_for()
    page.get_by_label("비밀번호").wait_for()
    wait_for_run_end(page)  # what is absent is looked for once the run is over, not while it may still draw
    main = page.locator("[data-testid='stMain']")
    text = main.inner_text()
    for service_name in bundled.services["name_ko"].head(20):
        assert service_name not in text
    assert page.locator("[data-testid='stFileUploader']").count() == 0
    assert page.locator("[data-testid='stDownloadButton']").count() == 0
    assert page.locator("[data-testid='stTabs']").count() == 0
    assert page.locator("[data-testid='stNumberInput']").count() == 0
    assert page.locator(MAP_FRAME).count() == 0
    assert session.external_requests == []


def test_status_edit_shows_in_history_and_on_the_map(data_server, open_app, bundled):
    target = _target(bundled.services)
    service_id, old_status = target["service_id"], target["status"]
    session = open_app(data_server, "/data")
    page = session.page
    page.get_by_label("사용자 이름").fill("kim_gis")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.get_by_role("tab", name="서비스 수정").wait_for()
    wait_for_run_end(page)  # the sign-in run draws the whole page: type into the box once it is drawn

    search = page.get_by_label("서비스명이나 ID로 찾기")
    search.fill(service_id)
    search.press("Enter")
    page.locator(".detail-panel h4", has_text=target["name_ko"]).wait_for()
    page.get_by_text(re.compile(r"^버전 1( ·|$)")).wait_for()

    form = page.locator("[data-testid='stForm']")
    form.get_by_label("추진 상태").click()
    page.get_by_role("option", name="운영", exact=True).click()
    form.get_by_label("변경 사유 (필수)").fill("준공 후 운영 개시")
    form.get_by_role("button", name="저장").click()

    page.get_by_text(re.compile(r"^버전 2 · 마지막 수정: 김지리\(kim_gis\)")).wait_for()
    history = page.locator("[data-testid='stDataFrame']").first
    history.get_by_text("준공 후 운영 개시").first.wait_for(state="attached")
    # The grid draws its text cells a moment after the grid itself: waited for, not counted once.
    history.get_by_text("김지리(kim_gis)").first.wait_for(state="attached")
    page.screenshot(path=str(data_server.log_path.parent / "data_manager.png"))

    # The map explorer shows the new status in the details panel and the operating symbol on the marker.
    query = urllib.parse.urlencode({"q": target["name_ko"], "sel": f"svc:{service_id}"})
    page.goto(f"{data_server.url}/map?{query}")
    panel = page.locator(".detail-panel")
    panel.wait_for()
    assert "운영" in panel.locator("tr", has_text="추진 상태").inner_text()
    # The staff map draws on a canvas: ask it which status symbol the one visible, selected service has.
    drawn_status = (
        "() => { const f = document.querySelector('iframe[src*=\"service_map\"]'); const m = f && f.contentWindow.svcMap;"
        " return m && m.el.dataset.ready === '1' && m.el.dataset.visible === '1' && m.selected >= 0"
        " ? m.data.statuses[m.data.status[m.selected]] : null; }"
    )
    page.wait_for_function(drawn_status, timeout=120_000)
    symbol = page.evaluate(drawn_status)
    assert (symbol["label"], symbol["colour"], symbol["shape"]) == ("운영", STATUS_TERMS["운영"].colour, "star")
    assert symbol["colour"] != STATUS_TERMS[old_status].colour
    assert session.external_requests == []


def _signed_in_import_tab(session) -> object:
    page = session.page
    page.get_by_label("사용자 이름").fill("kim_gis")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.get_by_role("tab", name="가져오기").click()
    # Choosing a tab reruns the page (keyed tabs): act on the import tab once that run is over.
    page.locator("[role='tab'][aria-selected='true']", has_text="가져오기").wait_for()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").wait_for(state="attached")
    wait_for_run_end(page)
    return page


def choose_layer(page, name: str) -> None:
    """Pick the kind of layer in the import tab's first radio group (a name can recur in tables and captions)."""
    page.locator("[data-testid='stRadio']").first.get_by_text(name, exact=True).click()


def test_city_boundary_file_import_shows_detection_mapping_and_map(data_server, open_app, tmp_path, artifacts_dir):
    path = write_shapefile(tmp_path, ShapefileSpec(5174, cpg=False))
    session = open_app(data_server, "/data")
    page = _signed_in_import_tab(session)
    choose_layer(page, "행정 경계")
    # The detection lines, by their labels: the notes table below repeats the CRS name in a grid cell.
    # A cold server reads PROJ and GDAL first.
    upload_when_settled(page, path, shown="문자 인코딩: CP949 (자동 판별, .cpg 없음)", timeout=90_000)
    page.get_by_text("원본 좌표계: EPSG:5174 (Korean 1985 / Modified Central Belt)").wait_for()
    page.get_by_text("--map 행정동코드=boundary_id --map 행정동명=name_ko").wait_for(state="attached")
    wait_for_map(page, min_shapes=25)
    page.get_by_text("검증 통과: 문제 없음").wait_for()
    page.screenshot(path=str(artifacts_dir / "import_boundaries.png"), full_page=True)
    page.get_by_role("button", name="확인하고 저장").click()
    page.get_by_text(re.compile(r"^저장했습니다: 행정 경계 28개")).first.wait_for()
    assert session.external_requests == []


def upload_when_settled(page, path, shown: str, timeout: float = 40_000) -> None:
    """Give the uploader a file once no run is under way and wait until the page answers with ``shown``.

    A rerun that had been asked for (a radio just clicked) but not yet begun can still redraw the uploader and
    drop a file given in that moment, so it is given again; giving the same file twice does no harm.
    """
    dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    for _ in range(3):
        wait_for_run_end(page)
        dropzone.set_input_files(str(path))
        try:
            page.get_by_text(shown).first.wait_for(timeout=timeout)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the page never answered {path.name} with {shown!r} after three uploads")


def test_public_data_csv_becomes_a_reference_layer_on_the_page(data_server, open_app, tmp_path, artifacts_dir):
    path = write_points_csv(tmp_path, encoding="cp949")
    session = open_app(data_server, "/data")
    page = _signed_in_import_tab(session)
    choose_layer(page, "참고 레이어 (공공데이터 점)")
    # The file first, then the title (as the page asks for it): no rerun is under way while the file is given.
    upload_when_settled(page, path, shown="레이어 제목을 적으세요.")
    page.get_by_label("레이어 제목 (같은 제목이면 교체)").fill("행정복지센터")
    page.get_by_label("레이어 제목 (같은 제목이면 교체)").press("Enter")

    page.get_by_text("문자 인코딩: CP949 (자동 판별)").wait_for(timeout=90_000)
    page.get_by_text("제공기관: 경기도 안산시 · 기준일: 2026-06-15").wait_for()
    wait_for_map(page, min_shapes=25)
    page.screenshot(path=str(artifacts_dir / "import_reference.png"), full_page=True)
    page.get_by_role("button", name="확인하고 저장").click()
    page.get_by_text("참고 레이어 '행정복지센터'을(를) 저장했습니다: 점 25개.").first.wait_for()
    assert session.external_requests == []


def test_a_csv_under_title_lines_previews_and_says_what_replace_removes(data_server, open_app, tmp_path, artifacts_dir):
    services = gpd.read_file(DEMO_DIR / "services.geojson")
    points = services.loc[services.geom_type == "Point"].head(4).reset_index(drop=True)
    table = points.drop(columns="geometry").assign(lon=points.geometry.x, lat=points.geometry.y)
    path = tmp_path / "현황.csv"
    # A report's title and date above the header, without Excel's padding commas.
    path.write_text("안산시 스마트서비스 현황\n\n기준일: 2026-06-15\n" + table.to_csv(index=False), encoding="utf-8")
    session = open_app(data_server, "/data")
    page = _signed_in_import_tab(session)
    choose_layer(page, "스마트서비스")
    # Read below the three title lines: 4 records (the notes table is drawn on a canvas; the notice is text).
    stored = len(gpd.read_file(DATA_DIR / "services.geojson"))
    upload_when_settled(
        page, path, shown=f"교체하면 저장된 스마트서비스 {stored}개를 모두 지우고 이 파일의 4개로 바꿉니다."
    )
    page.get_by_text("교체하면 저장된").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "import_titled_csv.png"))
    page.locator("[data-testid='stRadio']").nth(1).get_by_text("추가", exact=False).click()
    page.get_by_text("교체하면 저장된").wait_for(state="detached")
    assert session.external_requests == []


def test_a_60_mb_upload_gets_the_korean_limit_message(data_server, open_app, tmp_path):
    path = tmp_path / "행정동경계.zip"
    path.write_bytes(b"\0" * (60 * 1024 * 1024))
    session = open_app(data_server, "/data")
    page = _signed_in_import_tab(session)
    upload_when_settled(page, path, shown="파일 크기 60.0 MB가 한도 50.0 MB를 넘습니다", timeout=60_000)
    assert page.get_by_text("File must be").count() == 0
