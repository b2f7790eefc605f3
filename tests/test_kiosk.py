"""The kiosk's screens, rotation rules and public-only content (geo.kiosk)."""

from __future__ import annotations

import pytest

from benchmarks.synthetic import synthetic_services
from geo.kiosk import (
    KIOSK_CARDS_MAX,
    PUBLIC_COLUMNS,
    UNDER_WAY,
    RotationState,
    advance,
    cards_html,
    kiosk_map_services,
    kiosk_screens,
    overview_html,
    progress_html,
    public_description,
    public_service_count,
    public_services,
    select,
    service_card_html,
    tick_seconds,
    touch,
)
from geo.vocab import DOMAIN_TERMS, STATUS_TERMS, ServiceStatus, label
from ui.kiosk import touch_script

INTERVAL, IDLE = 4.0, 8.0


def test_screens_run_overview_areas_then_nearby():
    screens = kiosk_screens()
    assert [s.kind for s in screens] == ["overview", "area", "area", "area", "area", "area", "nearby"]
    assert [s.nav_label("ko") for s in screens] == [
        "처음",
        "신길2",
        "장상",
        "경기경제자유구역",
        "초지역세권",
        "의왕·군포·안산",
        "지금 만들고 있는 서비스",
    ]
    assert [s.nav_label("en") for s in screens][:2] == ["Start", "Singil-2"]


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
    from geo.kiosk import PublicService

    card = service_card_html(PublicService("<b>X</b>", "구축", "구축", "장상", "a & b", "2026–2027년"), "ko", True)
    assert "&lt;b&gt;X&lt;/b&gt;" in card and "a &amp; b" in card
    assert "▲" in card and "구축" in card and "기간 2026–2027년" in card and "장상" in card


def test_cards_list_every_service_in_a_scrolling_list_with_the_count(bundled):
    services = public_services(bundled.services, "ko")
    html = cards_html(services, "ko")
    assert html.count('class="kiosk-card"') == len(services) > 20
    assert f'data-count="{len(services)}"' in html and f"{len(services)}건 · 밀어서 모두 보기" in html
    assert "외 " not in html
    assert "아직 등록된 서비스가 없습니다" in cards_html([], "ko")


def test_overview_counts_going_ahead_without_on_hold_or_cancelled_and_no_budget(demo):
    html = overview_html(demo.plan, demo.services, demo.areas, "ko")
    statuses = demo.services["status"]
    going_ahead = int(statuses.isin(["계획", "설계", "구축", "운영"]).sum())
    assert (statuses == "보류").any() and going_ahead < int((statuses != "취소").sum())
    assert f"<b>{going_ahead:,}건</b><span>추진 중인 스마트서비스" in html and "억원" not in html
    assert "산업 혁신을 주도하는 첨단 스마트도시" in html


def test_overview_states_the_molit_approval_the_four_fields_and_the_source(bundled):
    html = overview_html(bundled.plan, bundled.services, bundled.areas, "ko")
    assert "2026년 1월 국토교통부 승인" in html and "교통·환경·안전·복지" in html
    assert f"출처: {bundled.plan['source']['ko']}" in html
    english = overview_html(bundled.plan, bundled.services, bundled.areas, "en")
    assert "Approved by MOLIT" in english and "Transport·Environment·Safety·Welfare" in english


def test_area_intro_carries_its_source_and_no_korean_free_text_in_english(bundled):
    from geo.kiosk import area_intro_html

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
    from geo.kiosk import public_services, service_card_html

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
    expected = demo.services.loc[(demo.services["area_id"] == "jangsang") & (demo.services["status"] != "취소")]
    assert sorted(services["name_ko"]) == sorted(expected["name_ko"])
    assert set(services["service_id"]).isdisjoint(demo.services["service_id"])
    everywhere = kiosk_map_services(demo.services)
    assert len(everywhere) == int((demo.services["status"] != "취소").sum())
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
    assert f"var bounds = [[{south},{west}],[{north},{east}]];" in html
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
    assert f"모두 {total:,}건 중 {KIOSK_CARDS_MAX}건" in html
    assert f"나머지 {total - KIOSK_CARDS_MAX:,}건은 이 목록에 싣지 않았습니다. 지도에서 모두 볼 수 있습니다." in html
    assert html.count('class="kiosk-card"') == KIOSK_CARDS_MAX
    english = cards_html(listed, "en", total=total)
    assert f"{KIOSK_CARDS_MAX} of {total:,}" in english and "The map" not in english
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
