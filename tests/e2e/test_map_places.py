"""Places drawn honestly on /map in real Chromium, bundled data: stacks with counts, citywide list, as-of day."""

from __future__ import annotations

import json
from datetime import date

import pytest

from geo.analysis.history import services_as_of
from geo.clock import city_today
from geo.mapping import citywide_projects
from geo.mapping.placement import CITYWIDE, placement_kinds, point_stacks
from tests.e2e.conftest import start_server, stop_server, wait_for_run_end
from tests.e2e.test_map_explorer import SERVICE_MAP, _map_js, click_item, wait_for_drawn

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bundled_server(tmp_path_factory):
    store_dir = tmp_path_factory.mktemp("bundled-store")
    server = start_server({"DASHBOARD_STORE_DIR": str(store_dir)}, store_dir)
    yield server
    stop_server(server)


def _stack_sizes(services) -> list[int]:
    kinds = placement_kinds(services)
    points = services.loc[(kinds != CITYWIDE) & (services.geom_type == "Point").to_numpy()]
    sizes = point_stacks(points).groupby("stack")["stack_size"].first()
    return sorted(int(n) for n in sizes[sizes > 1])


def test_map_lists_citywide_projects_draws_stack_counts_and_rings_the_picked_project(bundled_server, open_app, bundled):
    session = open_app(bundled_server, "/map")
    page = session.page
    services = bundled.services
    wait_for_drawn(page, len(services))
    cities = citywide_projects(services)
    listed = page.locator(".citywide-list")
    listed.wait_for()
    assert listed.locator("b").first.inner_text() == f"시 전역 사업 ({len(cities)})"
    items = listed.locator("li")
    assert items.count() == len(cities)
    for number, (name, status) in enumerate(zip(cities["name_ko"], cities["status"], strict=True)):
        assert items.nth(number).inner_text() == f"{name} · {status}"
    # No symbol stands at City Hall for them: every stack on the map holds its own count.
    assert page.evaluate(_map_js("return m.el.dataset.citywide;")) == str(len(cities))
    page.evaluate(_map_js("m.map.fitBounds([[37.29, 126.76], [37.34, 126.86]], {animate: false});"))
    page.wait_for_function(_map_js(f"return m.el.dataset.drawnStacks === '{len(_stack_sizes(services))}';"))
    stacks = page.evaluate(
        _map_js("return m.items.filter(it => it.kind === 'stack').map(it => ({x: it.x, y: it.y, n: it.n}));")
    )
    assert sorted(s["n"] for s in stacks) == _stack_sizes(services)

    biggest = max(stacks, key=lambda s: s["n"])
    click_item(page, biggest)
    frame = page.frame_locator(SERVICE_MAP)
    chooser = frame.locator(".stack-chooser")
    chooser.wait_for()
    assert chooser.locator(".stack-title b").inner_text() == f"이 지점의 사업 {biggest['n']}건"
    entries = chooser.locator("li")
    assert entries.count() == biggest["n"]
    picked = entries.nth(1).inner_text()
    name = picked.rsplit(" · ", 1)[0]
    entries.nth(1).locator("a").click()
    page.wait_for_function(
        "name => { const h = document.querySelector('.detail-panel h4'); return h && h.innerText === name; }", arg=name
    )
    ring = json.loads(page.evaluate(_map_js("return m.el.dataset.selectedRing;")))
    assert ring["stacked"] == 1 and abs(ring["x"] - biggest["x"]) < 2 and abs(ring["y"] - biggest["y"]) < 2
    same = page.locator(".citywide-list").filter(has_text=f"같은 지점의 사업 {biggest['n']}건")
    same.wait_for()
    assert same.locator(".cw-selected").inner_text().startswith(f"{picked} ◀ 선택됨")
    assert session.external_requests == []


def test_map_as_of_an_earlier_day_shows_fewer_projects_and_keeps_the_day_in_the_url(bundled_server, open_app, bundled):
    then = services_as_of(bundled.services, bundled.status_history, date(2021, 1, 1))
    today = services_as_of(bundled.services, bundled.status_history, city_today())
    assert len(then) < len(today)
    session = open_app(bundled_server, "/map?as_of=2021-01-01")
    page = session.page
    page.get_by_text(f"표시 중: {len(then)} / {len(then)}건").wait_for()
    wait_for_drawn(page, len(then))
    assert "as_of=2021-01-01" in page.url
    box = "기준일 (이 날짜의 추진 상태)"
    for part, value in (("year", "2021"), ("month", "1"), ("day", "1")):
        assert page.get_by_role("spinbutton", name=f"{part}, {box}").get_attribute("aria-valuenow") == value

    other = open_app(bundled_server, "/map?as_of=2021-02-31").page
    # Named in the page's link notice, with why and what is shown instead.
    other.get_by_text("as_of=2021-02-31: YYYY-MM-DD 형식의 날짜가 아니어서 오늘 기준으로 보여 줍니다").wait_for()
    other.get_by_text(f"표시 중: {len(today)} / {len(today)}건").wait_for()
    wait_for_run_end(other)
    assert "as_of" not in other.url
    assert session.external_requests == []
