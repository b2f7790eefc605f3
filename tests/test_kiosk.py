"""The kiosk's screens, rotation rules and public-only content (geo.kiosk.screens)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from benchmarks.synthetic import synthetic_services
from geo.kiosk.overview import overview_html
from geo.kiosk.rotation import RotationState, advance, select, tick_seconds, touch
from geo.kiosk.screens import (
    KIOSK_CARDS_MAX,
    PAGE_HEIGHT_PX,
    PROJECT_GROUPS,
    PUBLIC_COLUMNS,
    UNDER_WAY,
    cards_html,
    kiosk_map_services,
    kiosk_screens,
    kiosk_sections,
    paginate,
    progress_html,
    public_description,
    public_service_count,
    public_services,
    service_card_html,
)
from geo.model.vocab import DOMAIN_TERMS, STATUS_TERMS, ServiceStatus, label
from ui.kiosk import touch_script

INTERVAL, IDLE = 4.0, 8.0


def test_screens_run_overview_project_pages_then_areas(bundled):
    screens = kiosk_screens(bundled.services)
    kinds = [s.kind for s in screens]
    assert kinds[0] == "overview" and kinds[-6:] == ["then"] + ["area"] * 5
    assert set(kinds[1:-6]) == {"projects"}
    groups = [s.group for s in screens if s.kind == "projects"]
    # The groups in the citizen's order, each group's pages together and numbered 1/n … n/n.
    present = [g for g in PROJECT_GROUPS if bundled.services["status"].isin(PROJECT_GROUPS[g]).any()]
    assert list(dict.fromkeys(groups)) == present
    for group in present:
        pages = [s for s in screens if s.group == group]
        assert [s.page for s in pages] == list(range(1, len(pages) + 1)) and {s.pages for s in pages} == {len(pages)}
        assert pages[0].first == 0 and all(a.first + a.count == b.first for a, b in itertools.pairwise(pages))
        in_group = int(bundled.services["status"].isin(PROJECT_GROUPS[group]).sum())
        assert pages[-1].first + pages[-1].count == in_group
    buttons = [screen.nav_label("ko") for _, screen in kiosk_sections(screens)]
    labels = {"operating": "지금 이용할 수 있어요", "under_way": "만들고 있어요", "planned": "계획 중이에요"}
    areas = ["신길2", "장상", "경기경제자유구역", "초지역세권", "의왕·군포·안산"]
    assert buttons == ["처음", *(labels[g] for g in present), "그때와 지금", *areas]
    english = [screen.nav_label("en") for _, screen in kiosk_sections(screens)]
    assert english[:2] == ["Start", "In service now"] and english[-5] == "Singil-2"
    assert [s.kind for s in kiosk_screens()] == ["overview"] + ["area"] * 5  # no data: no project pages


def test_rotation_advances_after_the_interval_and_wraps():
    state = RotationState(0, shown_at=100.0)
    assert advance(state, 103.9, 6, INTERVAL, IDLE) == state
    state = advance(state, 104.0, 6, INTERVAL, IDLE)
    assert state == RotationState(1, 104.0, None)
    last = RotationState(5, shown_at=200.0)
    assert advance(last, 204.0, 6, INTERVAL, IDLE).screen == 0


def test_touch_stops_rotation_until_idle_reset_then_returns_to_start():
    state = touch(RotationState(3, shown_at=100.0), now=101.0)
    for now in (105.0, 108.9):  # well past the interval: still the same screen
        assert advance(state, now, 6, INTERVAL, IDLE).screen == 3
    back = advance(state, 109.0, 6, INTERVAL, IDLE)
    assert back == RotationState(0, 109.0, None)
    assert advance(back, 113.0, 6, INTERVAL, IDLE).screen == 1  # rotation resumes


def test_a_new_touch_restarts_the_idle_timer():
    state = touch(RotationState(2, 100.0), 101.0)
    state = touch(advance(state, 107.0, 6, INTERVAL, IDLE), 107.0)
    assert advance(state, 114.0, 6, INTERVAL, IDLE).screen == 2
    assert advance(state, 115.0, 6, INTERVAL, IDLE).screen == 0


def test_select_shows_the_screen_and_counts_as_a_touch():
    state = select(RotationState(0, 100.0), 4, 102.0, 6)
    assert state == RotationState(4, 102.0, 102.0) and state.paused()
    with pytest.raises(ValueError, match="screen must be from 0 to 5"):
        select(state, 6, 103.0, 6)


def test_tick_is_a_quarter_of_the_shorter_timer_within_1_to_5_s():
    assert tick_seconds(4, 8) == 1.0
    assert tick_seconds(20, 90) == 5.0
    assert tick_seconds(12, 90) == 3.0


def test_public_services_hold_only_public_fields(demo):
    services = public_services(demo.services, "ko", "jangsang")
    expected = demo.services.loc[(demo.services["area_id"] == "jangsang") & (demo.services["status"] != "취소")]
    assert len(services) == len(expected)
    assert {s.status for s in services} <= {"운영", "구축", "설계", "계획", "보류"}
    ranks = ["운영", "구축", "설계", "계획", "보류"]
    assert [ranks.index(s.status) for s in services] == sorted(ranks.index(s.status) for s in services)
    assert set(PUBLIC_COLUMNS).isdisjoint({"department", "budget_krw_100m", "service_id", "funding"})
    html = cards_html(services, "ko")
    for department in demo.services["department"].unique():
        assert department not in html
    for service_id in demo.services["service_id"]:
        assert service_id not in html


def test_under_way_lists_building_before_design(demo):
    services = public_services(demo.services, "en", statuses=UNDER_WAY)
    counts = demo.services["status"].value_counts()
    assert len(services) == counts.get("구축", 0) + counts.get("설계", 0)
    statuses = [s.status for s in services]
    assert statuses == sorted(statuses, key=["구축", "설계"].index)
    assert services[0].status_label == "Building"


def test_card_escapes_data_and_shows_status_with_a_symbol():
    from geo.kiosk.screens import PublicService

    card = service_card_html(PublicService("<b>X</b>", "구축", "구축", "장상", "a & b", "2026–2027년"), "ko", True)
    assert "&lt;b&gt;X&lt;/b&gt;" in card and "a &amp; b" in card
    assert "▲" in card and "구축" in card and "기간 2026–2027년" in card and "장상" in card


def test_cards_list_every_service_with_the_count_and_no_swipe(bundled):
    services = public_services(bundled.services, "ko")
    html = cards_html(services, "ko")
    assert len(re.findall(r'class="kiosk-card( part)?"', html)) == len(services) > 20
    assert f'data-count="{len(services)}"' in html and f'<div class="kiosk-count">{len(services)}건</div>' in html
    assert "밀어서" not in html and "swipe" not in cards_html(public_services(bundled.services, "en"), "en")
    assert "외 " not in html
    assert "아직 등록된 서비스가 없습니다" in cards_html([], "ko")


def test_overview_counts_the_reported_projects_by_group_apart_from_the_plan_and_no_budget(demo):
    html = overview_html(demo.plan, demo.services, "ko")
    statuses = demo.services["status"]
    shown = int((statuses != "취소").sum())
    assert (statuses == "취소").any() and shown < len(statuses)
    projects = html[html.index('<div class="kiosk-projects">') :]
    heading = '<div class="kiosk-projects"><div class="kiosk-kind">안산시의 보도된 스마트도시 사업</div>'
    assert projects.startswith(heading)
    assert f"<b>{shown:,}건</b><span>보도된 사업 모두</span>" in projects
    for group, words in (
        ("operating", "지금 이용할 수 있어요"),
        ("under_way", "만들고 있어요"),
        ("planned", "계획 중이에요"),
    ):
        assert f"<b>{int(statuses.isin(PROJECT_GROUPS[group]).sum()):,}건</b><span>{words}</span>" in projects
    assert "이 사업들이 승인된 계획에 속한다는 보도는 없습니다" in projects
    # The count stands away from the approval: not in the plan's headline, and no "스마트서비스 N건" beside it.
    headline = html[html.index('<div class="kiosk-headline">') : html.index('<div class="kiosk-vision">')]
    assert "건" not in headline and "추진 중인 스마트서비스" not in html
    assert "억원" not in html and "산업 혁신을 주도하는 첨단 스마트도시" in html


def test_overview_states_the_molit_approval_the_aims_the_mayors_fields_and_the_source(bundled):
    html = overview_html(bundled.plan, bundled.services, "ko")
    assert "2026년 1월 국토교통부 승인" in html and "데이터·환경·산업 분야의 도시 문제 해결" in html
    assert "안산시장은 교통·환경·안전·복지 분야의 연계를 언급했습니다" in html
    assert f"출처: {bundled.plan['source']['ko']}" in html
    english = overview_html(bundled.plan, bundled.services, "en")
    assert "Approved by MOLIT" in english and "Transport·Environment·Safety·Welfare" in english
    assert "reported smart-city projects" in english


def test_area_intro_carries_its_source_and_no_korean_free_text_in_english(bundled):
    from geo.kiosk.screens import area_intro_html

    row = bundled.areas.set_index("area_id").loc["singil2"]
    assert f"출처: {row['source']}" in area_intro_html(bundled.areas, "singil2", "ko")
    english = area_intro_html(bundled.areas, "singil2", "en")
    assert row["facts_en"][:20] in english
    if not isinstance(row.get("location_en"), str):
        assert row["location_ko"] not in english


def test_progress_marks_the_screen_and_says_paused():
    html = progress_html(2, 6, True, 90, "ko", True)
    assert html.count("kiosk-dot on") == 1 and 'data-screen="2"' in html
    assert "90초 동안 누르지 않으면" in html and "예시 데이터" in html
    assert "Touch the screen" in progress_html(0, 6, False, 90, "en", False)


def test_touch_script_clicks_the_hidden_button_and_ignores_buttons():
    script = touch_script("kiosk_touch")
    assert ".st-key-kiosk_touch button" in script
    assert "closest('button')" in script and "pointerdown" in script


def test_services_near_the_kiosk_come_nearest_first_with_their_distance(demo):
    from geo.io import METRIC_CRS
    from geo.kiosk.screens import public_services, service_card_html

    choji = demo.areas.set_index("area_id").geometry["choji"].centroid
    near = (choji.y, choji.x)
    listed = public_services(demo.services, "ko", statuses=("설계", "구축"), near=near)
    distances = [s.distance_km for s in listed]
    assert distances == sorted(distances)
    under_way = demo.services.loc[demo.services["status"].isin(["설계", "구축"])]
    nearest = under_way.to_crs(METRIC_CRS).distance(
        demo.areas.loc[demo.areas["area_id"] == "choji"].to_crs(METRIC_CRS).centroid.iloc[0]
    )
    assert distances[0] == round(nearest.min() / 1000, 1)
    assert listed[0].name == under_way.loc[nearest.idxmin(), "name_ko"]
    assert f"여기서 약 {distances[0]:,.1f} km" in service_card_html(listed[0], "ko")
    assert all(s.distance_km is None for s in public_services(demo.services, "ko"))


def test_kiosk_location_setting_is_checked():
    import pytest

    from geo.settings import SettingsError, load_settings

    assert load_settings({"DASHBOARD_KIOSK_LOCATION": "37.3219, 126.8309"}).kiosk_location == (37.3219, 126.8309)
    with pytest.raises(SettingsError, match="위도·경도 순서"):
        load_settings({"DASHBOARD_KIOSK_LOCATION": "126.8309,37.3219"})
    with pytest.raises(SettingsError, match="형식"):
        load_settings({"DASHBOARD_KIOSK_LOCATION": "시청"})


def test_kiosk_map_legend_lists_only_the_statuses_the_kiosk_draws(bundled):
    from geo.mapping import MapOptions, build_map
    from geo.mapping.layers import legend_html

    shown = tuple(status for status in STATUS_TERMS if status != ServiceStatus.CANCELLED)
    legend = legend_html("ko", statuses=shown)
    assert "취소" not in legend and all(label(STATUS_TERMS, status, "ko") in legend for status in shown)
    assert "취소" in legend_html("ko")  # staff maps keep the whole legend
    options = MapOptions(audience="kiosk", show_dongs=False, legend_statuses=shown)
    html = build_map(bundled.boundaries, bundled.areas, bundled.services.iloc[0:0], options).get_root().render()
    assert "취소" not in html


def test_kiosk_map_services_hold_only_public_columns_and_no_cancelled_service(demo):
    from geo.mapping import MapOptions, build_map

    services = kiosk_map_services(demo.services, "jangsang")
    assert set(services.columns) <= {"service_id", *PUBLIC_COLUMNS, "geometry"}
    assert "취소" in set(demo.services["status"]) and "취소" not in set(services["status"])
    drawn = (demo.services["status"] != "취소") & (demo.services["location_accuracy"] != "citywide")
    expected = demo.services.loc[(demo.services["area_id"] == "jangsang") & drawn]
    assert sorted(services["name_ko"]) == sorted(expected["name_ko"])
    assert set(services["service_id"]).isdisjoint(demo.services["service_id"])
    everywhere = kiosk_map_services(demo.services)
    assert len(everywhere) == int(drawn.sum())
    options = MapOptions(audience="kiosk", show_dongs=False)
    html = build_map(demo.boundaries, demo.areas, everywhere, options).get_root().render()
    for service_id in demo.services["service_id"]:
        assert service_id not in html
    for department in demo.services["department"].dropna().unique():
        assert department not in html


def test_only_the_kiosk_map_fits_its_bounds_again_when_its_frame_changes_size(bundled):
    # The kiosk frame grows after the first fit (and a screen may turn); a staff map keeps the visitor's view.
    from geo.mapping import MapOptions, build_map
    from geo.spatial import area_view_bounds

    none = bundled.services.iloc[0:0]
    bounds = area_view_bounds(bundled.areas, "jangsang", padding=0.45)
    kiosk = build_map(
        bundled.boundaries, bundled.areas, none, MapOptions(audience="kiosk"), selected_area="jangsang", bounds=bounds
    )
    html = kiosk.get_root().render()
    assert "new ResizeObserver(refit)" in html
    (south, west), (north, east) = bounds
    assert f'{{"bounds":[[{south},{west}],[{north},{east}]]}}' in html
    for audience in ("staff", "briefing"):
        other = build_map(bundled.boundaries, bundled.areas, none, MapOptions(audience=audience), bounds=bounds)
        assert "ResizeObserver" not in other.get_root().render()


def test_a_city_scale_list_holds_the_first_cards_and_says_how_many_it_leaves_out(demo):
    many = synthetic_services(demo, KIOSK_CARDS_MAX * 10)
    shown = many["status"].isin(UNDER_WAY)
    listed = public_services(many, "ko", statuses=UNDER_WAY, limit=KIOSK_CARDS_MAX)
    total = public_service_count(many, statuses=UNDER_WAY)
    assert total == int(shown.sum()) > KIOSK_CARDS_MAX == len(listed)
    # The first cards are the ones the full list starts with (same order, nothing skipped).
    assert [s.name for s in listed] == [s.name for s in public_services(many, "ko", statuses=UNDER_WAY)][
        :KIOSK_CARDS_MAX
    ]
    html = cards_html(listed, "ko", total=total, on_map=True)
    assert f"{total:,}건 중 1–{KIOSK_CARDS_MAX}" in html
    assert f"나머지 {total - KIOSK_CARDS_MAX:,}건은 이 목록에 싣지 않았습니다. 지도에서 모두 볼 수 있습니다." in html
    assert html.count('class="kiosk-card"') == KIOSK_CARDS_MAX
    english = cards_html(listed, "en", total=total)
    assert f"1–{KIOSK_CARDS_MAX} of {total:,}" in english and "The map" not in english
    # A list that holds every service says nothing is left out.
    every = public_services(demo.services, "ko")
    assert "나머지" not in cards_html(every, "ko", total=public_service_count(demo.services))


def test_english_card_without_an_english_text_names_its_domain_in_a_sentence():
    row = {"description_public": "빗물 재이용 공원입니다.", "domain": "교육"}
    assert public_description(row, "ko") == "빗물 재이용 공원입니다."
    assert public_description(row, "en") == f"Service in {label(DOMAIN_TERMS, '교육', 'en')}"
    assert public_description(row | {"description_public_en": "A park that reuses rain."}, "en") == (
        "A park that reuses rain."
    )


# --- issue 20: every reported project in the rotation, pages that fit, programmes and citywide projects ---


def _project_pages_html(services, lang: str) -> list[str]:
    from geo.kiosk.screens import project_screen_html

    return [project_screen_html(services, s, lang) for s in kiosk_screens(services) if s.kind == "projects"]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("which", ["bundled", "demo"])
def test_one_rotation_names_every_project_the_kiosk_shows_once(which, lang, request):
    from geo.html import escape_html
    from geo.i18n import localized

    data = request.getfixturevalue(which)
    pages = _project_pages_html(data.services, lang)
    shown = data.services.loc[data.services["status"] != "취소"]
    assert len(shown) > 20
    everything = "".join(pages)
    for record in shown.to_dict("records"):
        name = escape_html(localized(record, "name", lang))
        assert f'<div class="kiosk-name">{name}</div>' in everything, name
    assert everything.count('<div class="kiosk-name">') == len(shown)
    named = {localized(record, "name", lang) for record in shown.to_dict("records")}
    cancelled = data.services.loc[data.services["status"] == "취소"]
    for record in cancelled.to_dict("records"):  # a cancelled project will not come: never named
        name = localized(record, "name", lang)
        assert name in named or f'<div class="kiosk-name">{escape_html(name)}</div>' not in everything
    assert not any(word in everything for word in ("밀어서", "swipe", "Swipe"))


def _forty_services(bundled):
    """40 running services built from the bundled ones: their texts, new names (texts of every length)."""
    import pandas as pd

    rows = pd.concat([bundled.services] * 2, ignore_index=True).head(40).copy()
    rows["status"] = "운영"
    rows["name_ko"] = [f"서비스 {n:02d} {name}" for n, name in enumerate(rows["name_ko"])]
    rows["name_en"] = [f"Service {n:02d} {name}" for n, name in enumerate(rows["name_en"])]
    rows["service_id"] = [f"T-{n:02d}" for n in range(40)]
    if "parent_id" in rows.columns:
        rows["parent_id"] = None
    return rows


def test_a_list_of_40_services_pages_into_rotation_pages_that_fit(bundled):
    from geo.kiosk.screens import card_height_px, project_screen_html

    services = _forty_services(bundled)
    pages = [s for s in kiosk_screens(services) if s.kind == "projects"]
    assert {s.group for s in pages} == {"operating"} and sum(s.count for s in pages) == 40
    ko, en = public_services(services, "ko"), public_services(services, "en")
    heights = [max(card_height_px(k, "ko"), card_height_px(e, "en")) for k, e in zip(ko, en, strict=True)]
    for screen in pages:
        assert sum(heights[screen.first : screen.first + screen.count]) <= PAGE_HEIGHT_PX, screen
    # As few pages as the cards need (no page could take the next page's first card), filled evenly.
    assert len(pages) == len(paginate(heights, PAGE_HEIGHT_PX)) > 5
    assert max(s.count for s in pages) - min(s.count for s in pages) <= 2
    second = pages[1]
    assert second.page_label() == f"2/{len(pages)}"
    html = project_screen_html(services, second, "ko")
    assert f"40건 중 {second.first + 1}–{second.first + second.count}</div>" in html
    assert len(re.findall(r'class="kiosk-card( part)?"', html)) == second.count
    assert "밀어서" not in html and "나머지" not in html
    english = project_screen_html(services, second, "en")
    assert f"{second.first + 1}–{second.first + second.count} of 40" in english and "swipe" not in english


def test_a_list_that_fits_one_page_says_its_count_and_nothing_about_swiping(bundled):
    from geo.kiosk.screens import project_screen_html

    services = _forty_services(bundled).head(2)
    # Short names and texts: two cards of the bundled lengths (a long description each) take two pages.
    services["description_public_ko"], services["description_public_en"] = "짧은 설명", "A short text"
    services["name_ko"], services["name_en"] = "짧은 이름", "Short name"
    (page,) = [s for s in kiosk_screens(services) if s.kind == "projects"]
    assert (page.page, page.pages, page.page_label()) == (1, 1, "")
    html = project_screen_html(services, page, "ko")
    assert '<div class="kiosk-count">2건</div>' in html and "밀어서" not in html and "kiosk-page" not in html
    assert '<div class="kiosk-count">2 in all</div>' in project_screen_html(services, page, "en")


def test_paginate_fills_pages_evenly_and_gives_a_tall_card_its_own_page():
    assert paginate([100] * 11, 450) == [(0, 4), (4, 4), (8, 3)]
    assert paginate([100, 900, 100], 450) == [(0, 1), (1, 1), (2, 1)]
    assert paginate([100, 100], 450) == [(0, 2)]
    assert paginate([], 450) == []


def test_a_city_scale_group_takes_at_most_the_page_cap_and_says_what_it_leaves_out(demo):
    from geo.kiosk.screens import KIOSK_PAGES_MAX, project_screen_html

    many = synthetic_services(demo, 2_000)
    screens = kiosk_screens(many)
    for group, statuses in PROJECT_GROUPS.items():
        pages = [s for s in screens if s.group == group]
        total = int(many["status"].isin(statuses).sum())
        if not total:
            continue
        assert len(pages) == KIOSK_PAGES_MAX
        last = pages[-1]
        listed = last.first + last.count
        assert listed < total
        html = project_screen_html(many, last, "ko")
        assert f"나머지 {total - listed:,}건은 이 목록에 싣지 않았습니다. 지도에서 모두 볼 수 있습니다." in html
        assert "나머지" not in project_screen_html(many, pages[0], "ko")


def _with_programme(services):
    """The bundled projects with ANS-02..ANS-07 as parts of the programme ANS-01 (as the data will say)."""
    frame = services.copy()
    frame["parent_id"] = frame["service_id"].where(frame["service_id"].isin([f"ANS-0{n}" for n in range(2, 8)]))
    frame.loc[frame["parent_id"].notna(), "parent_id"] = "ANS-01"
    return frame


def test_a_programmes_parts_follow_it_and_say_whose_parts_they_are(bundled):
    frame = _with_programme(bundled.services)
    programme = frame.set_index("service_id").loc["ANS-01"]
    parts = frame.loc[frame["parent_id"] == "ANS-01"]
    same_status = parts.loc[parts["status"] == programme["status"]]
    listed = public_services(frame, "ko", statuses=(programme["status"],))
    names = [s.name for s in listed]
    at = names.index(programme["name_ko"])
    assert set(names[at + 1 : at + 1 + len(same_status)]) == set(same_status["name_ko"])
    assert listed[at].parts == len(parts) and listed[at].part_of == ""
    html = cards_html(listed, "ko")
    assert f"세부 사업 {len(parts)}건" in html
    assert html.count(f"{programme['name_ko']}의 세부 사업") == len(same_status)
    assert html.count('class="kiosk-card part"') == len(same_status)
    english = cards_html(public_services(frame, "en", statuses=(programme["status"],)), "en")
    assert f"Part of {programme['name_en']}" in english and f"{len(parts)} parts" in english
    for service_id in frame["service_id"]:
        assert service_id not in html and service_id not in english
    # Without the column (an older store) the same projects show, none as a part.
    older = bundled.services.drop(columns="parent_id", errors="ignore")
    plain = public_services(older, "ko", statuses=(programme["status"],))
    assert sorted(s.name for s in plain) == sorted(names) and not any(s.part_of or s.parts for s in plain)


def test_citywide_projects_are_listed_with_their_word_and_never_drawn(bundled):
    from geo.kiosk.screens import citywide_listed

    citywide = bundled.services.loc[citywide_listed(bundled.services) & (bundled.services["status"] != "취소")]
    assert len(citywide) > 0
    assert not set(citywide["name_ko"]) & set(kiosk_map_services(bundled.services)["name_ko"])
    everything = "".join(_project_pages_html(bundled.services, "ko"))
    assert everything.count("시 전역 · 지도에 없음") == len(citywide)
    assert "".join(_project_pages_html(bundled.services, "en")).count("Citywide · not on the map") == len(citywide)


def test_a_page_of_one_card_says_which_of_the_list_it_is_not_a_range(bundled):
    from geo.kiosk.screens import project_screen_html

    services = _forty_services(bundled)
    single = next((s for s in kiosk_screens(services) if s.kind == "projects" and s.count == 1), None)
    if single is None:  # every page holds two cards or more: make one that holds one
        single = replace(next(s for s in kiosk_screens(services) if s.kind == "projects"), count=1)
    html = project_screen_html(services, single, "ko")
    assert f"40건 중 {single.first + 1}번째</div>" in html and "–" not in html.split("kiosk-count")[1][:40]
    assert f"{single.first + 1} of 40" in project_screen_html(services, single, "en")
