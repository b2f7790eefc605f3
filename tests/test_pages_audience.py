"""AppTest of the audience pages (briefing, kiosk, districts, home): presentation mode, escaping, counts, tabs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.briefing.slides import briefing_slides
from tests.conftest import PROJECT_ROOT

ENTRY = str(PROJECT_ROOT / "dashboard.py")
HOSTILE = "![x](http://evil.example/x.png) <img src=http://evil.example/y.png>"


@pytest.fixture
def app(monkeypatch):
    def _app(**env: str) -> AppTest:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return AppTest.from_file(ENTRY, default_timeout=90)

    return _app


def _briefing(at: AppTest) -> AppTest:
    at.switch_page("app_pages/briefing.py")
    return at.run()


def _markdown_bodies(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption] + [str(t.value) for t in at.table]


def test_imported_markdown_on_the_briefing_is_shown_as_text(app, data_copy: Path):
    areas_file = data_copy / "areas.geojson"
    areas = json.loads(areas_file.read_text(encoding="utf-8"))
    for feature in areas["features"]:
        if feature["properties"]["area_id"] == "singil2":
            feature["properties"].update(facts_ko=HOSTILE, location_ko=HOSTILE, kind_ko=HOSTILE, source=HOSTILE)
    areas_file.write_text(json.dumps(areas, ensure_ascii=False), encoding="utf-8")
    services_file = data_copy / "services.geojson"
    services = json.loads(services_file.read_text(encoding="utf-8"))
    services["features"][0]["properties"]["name_ko"] = HOSTILE
    services_file.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    at = _briefing(app(DASHBOARD_DATA_DIR=str(data_copy)))
    at.button(key="briefing_next").click().run()
    # The portfolio's HTML carries the name as text: escaped, no tag.
    portfolio = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;img src=http://evil.example/y.png&gt;" in portfolio and "<img" not in portfolio
    for _ in range(2):
        at.button(key="briefing_next").click().run()
    assert not at.exception
    assert at.title[0].value == "신길2 공공주택지구"
    bodies = _markdown_bodies(at)
    # Escaped: Streamlit shows the characters instead of an image or a tag.
    assert any(r"\!\[x\]\(http://evil\.example/x\.png\)" in body for body in bodies)
    assert not any(re.search(r"(?<!\\)!\[x\]|(?<!\\)<img", body) for body in bodies)


def test_presentation_mode_hides_controls_and_is_kept_in_the_url(app):
    at = _briefing(app())
    assert "PageDown" in at.caption[0].value  # the keys hint while preparing
    at.button(key="briefing_present_button").click().run()
    assert at.query_params["present"] in ("1", ["1"])
    styles = " ".join(h.proto.body for h in at.get("html"))
    assert ".st-key-briefing_controls" in styles and '[data-testid="stSidebar"]' in styles
    assert "PageDown" not in at.caption[0].value and f"1 / {len(briefing_slides())}" in at.caption[0].value
    at.button(key="briefing_last").click().run()
    assert at.title[0].value.endswith("이후 달라진 점")
    at.button(key="briefing_first").click().run()
    assert at.title[0].value == "스마트도시계획 한눈에"
    at.button(key="briefing_present").click().run()
    assert "present" not in at.query_params


def test_kiosk_first_screen_states_the_plan_and_counts_the_reported_projects(app, bundled):
    at = app(DASHBOARD_MODE="kiosk").run()
    assert not at.exception
    page = " ".join(h.proto.body for h in at.get("html"))
    assert "2026년 1월 국토교통부 승인" in page and "교통·환경·안전·복지" in page
    assert "데이터·환경·산업 분야의 도시 문제 해결" in page
    shown = int((bundled.services["status"] != "취소").sum())
    assert f"<b>{shown:,}건</b><span>보도된 사업 모두</span>" in page and "안산시의 보도된 스마트도시 사업" in page
    assert '[data-testid="stDialog"]' in page  # Streamlit's dialogs are hidden on the public screen


def test_kiosk_area_screen_states_the_area_its_station_and_the_projects_near_it(app, bundled):
    from geo.kiosk.area import AREA_ROWS_MAX, area_project_mask

    at = app(DASHBOARD_MODE="kiosk").run()
    at.button(key="kiosk_nav_jangsang").click().run()
    assert not at.exception
    page = " ".join(h.proto.body for h in at.get("html"))
    mask, _ = area_project_mask(bundled.services, bundled.areas, "jangsang")
    assert page.count('class="kiosk-row"') == min(int(mask.sum()), AREA_ROWS_MAX) > 0
    assert "출처:" in page and "외 " not in page and "가장 가까운 역: " in page
    assert bundled.plan["gazette"]["ko"] in page


def test_kiosk_project_buttons_open_each_groups_first_page_with_its_cards(app, bundled):
    from geo.kiosk.screens import kiosk_screens, public_services

    at = app(DASHBOARD_MODE="kiosk").run()
    screens = kiosk_screens(bundled.services)
    for group, title in (("operating", "지금 이용할 수 있어요"), ("planned", "계획 중이에요")):
        first = next(s for s in screens if s.group == group)
        at.button(key=f"kiosk_nav_{group}").click().run()
        assert not at.exception
        page = " ".join(h.proto.body for h in at.get("html"))
        assert f'{title} <span class="kiosk-page">1/{first.pages}</span>' in page
        statuses = ("운영",) if group == "operating" else ("계획",)
        for service in public_services(bundled.services, "ko", statuses=statuses)[: first.count]:
            assert f'<div class="kiosk-name">{service.name}</div>' in page
        assert page.count('<div class="kiosk-name">') == first.count and "밀어서" not in page


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def test_english_kiosk_area_screen_states_the_area_and_its_source_in_english(app, bundled):
    at = app(DASHBOARD_MODE="kiosk")
    at.query_params["lang"] = "en"
    at.run()
    at.button(key="kiosk_nav_jangsang").click().run()
    assert not at.exception
    page = " ".join(h.proto.body for h in at.get("html"))
    intro = re.search(r'<div class="kiosk-intro">.*?<div class="kiosk-source">[^<]*</div></div>', page)
    assert intro, page[:500]
    jangsang = bundled.areas.set_index("area_id").loc["jangsang"]
    assert f"Source: {jangsang['source_en']}" in intro.group(0) and jangsang["location_en"] in intro.group(0)
    assert not HANGUL.search(re.sub(r"<[^>]+>", " ", intro.group(0)))


def test_english_district_profile_names_the_source_in_english(app, bundled):
    at = app()
    at.query_params["lang"] = "en"
    at.query_params["area"] = "gfez"
    at.switch_page("app_pages/districts.py")
    at.run()
    assert not at.exception
    table = next(m.value for m in at.markdown if "<table" in m.value)
    assert "Press reports (2025-09-23, 2026-01-15)" in table
    assert not HANGUL.search(re.sub(r"<[^>]+>", " ", table)), table


@pytest.mark.parametrize(
    ("page", "area", "sources"),
    [
        ("app_pages/home.py", None, "Kyeonggi Ilbo (2025-06-19); News1 (2025-06-19) and 21 more"),
        # One area's charts name that area's own sources.
        ("app_pages/districts.py", "gfez", "Aju Business Daily (2023-12-21); Asia Economy (2025-11-11)"),
    ],
)
def test_english_chart_captions_name_the_service_sources_in_english(app, page, area, sources):
    at = app()
    at.query_params["lang"] = "en"
    if area:
        at.query_params["area"] = area
    at.switch_page(page)
    at.run()
    assert not at.exception
    layouts = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    subtitles = [layout["title"].get("subtitle", {}).get("text", "").replace("<br>", " ") for layout in layouts]
    captioned = [s for s in subtitles if "Source:" in s]
    assert [s for s in captioned if f"Source: {sources}" in s] and not [s for s in captioned if HANGUL.search(s)], (
        captioned
    )


def test_district_tabs_draw_only_the_open_tab(app):
    at = app()
    at.switch_page("app_pages/districts.py")
    at.run()
    assert not at.exception
    keys = [chart.proto.id for chart in at.get("plotly_chart")]
    assert keys and not any("compare_areas" in k or "dong_" in k for k in keys)


@pytest.mark.parametrize("accounts", ["missing", "broken"])
def test_signed_out_data_page_names_no_server_file(app, tmp_path: Path, accounts: str):
    secrets = tmp_path / "server-only" / "secrets.toml"
    if accounts == "broken":
        secrets.parent.mkdir()
        secrets.write_text("[auth.users\n", encoding="utf-8")
    at = app(DASHBOARD_SECRETS_FILE=str(secrets)).run().switch_page("app_pages/data_manager.py").run()
    assert not at.exception
    shown = " ".join(str(element.value) for element in [*at.warning, *at.error, *at.info, *at.caption, *at.markdown])
    expected = "직원 계정이 없습니다" if accounts == "missing" else "직원 계정 파일을 읽을 수 없어"
    assert expected in shown
    assert "server-only" not in shown and "secrets.toml" not in shown and str(tmp_path) not in shown
