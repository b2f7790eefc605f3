"""The kiosk's accessibility rules (geo.kiosk.access, geo.kiosk.rotation): modes, time control, help, contrast."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from geo.kiosk.access import KIOSK_THEMES, KioskModes, contrast_ratio, help_html, same_section
from geo.kiosk.rotation import (
    RotationState,
    advance,
    pause,
    resume,
    seconds_to_reset,
    step,
    touch,
    warning_due,
    warning_seconds,
    was_reset,
)
from geo.kiosk.screens import kiosk_screens, kiosk_sections
from geo.model.vocab import KIOSK_STATUSES, STATUS_TERMS
from geo.settings import load_settings
from ui import state
from ui.kiosk import KIOSK_CSS
from ui.kiosk_access import (
    ACCESS_CSS,
    CONTRAST_CSS,
    HELP,
    KEEP,
    LARGE_CSS,
    NEXT,
    PAUSE,
    PREVIOUS,
    controls_script,
    mode_css,
)

INTERVAL, IDLE = 20.0, 45.0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, KioskModes()),
        ({"text": "large"}, KioskModes(large_text=True)),
        ({"contrast": "high", "reach": "low", "lang": "en"}, KioskModes(high_contrast=True, low_reach=True)),
        ({"text": "LARGE ", "contrast": "max", "reach": "1"}, KioskModes(large_text=True)),
    ],
)
def test_modes_come_from_the_start_up_url(query, expected):
    assert KioskModes.from_query(query) == expected


def test_a_mode_button_switches_one_mode_and_names_no_other():
    modes = KioskModes().toggled("low_reach")
    assert modes == KioskModes(low_reach=True) and modes.toggled("low_reach") == KioskModes()
    assert KioskModes(large_text=True).scale == 2.0 and KioskModes().scale == 1.0
    with pytest.raises(ValueError, match="mode must be one of"):
        KioskModes().toggled("bold")


def test_the_warning_comes_at_least_20_s_before_a_45_s_idle_reset():
    assert warning_seconds(45) == 30 and warning_seconds(90) == 30 and warning_seconds(30) == 20
    assert warning_seconds(8) == 5  # the tests' short idle time still warns for most of it
    state = touch(RotationState(3, 0.0), 0.0)
    assert not warning_due(state, 14.0, IDLE)
    assert warning_due(state, 15.0, IDLE) and seconds_to_reset(state, 15.0, IDLE) == 30.0
    assert seconds_to_reset(RotationState(3, 0.0), 15.0, IDLE) is None  # a running rotation resets nothing


def test_keep_viewing_dismisses_the_warning_ten_times_in_a_row():
    now, state = 0.0, touch(RotationState(4, 0.0), 0.0)
    for _ in range(10):
        now += IDLE - warning_seconds(IDLE) + 1  # the warning shows ...
        state = advance(state, now, 9, INTERVAL, IDLE)
        assert warning_due(state, now, IDLE) and state.screen == 4
        state = touch(state, now)  # ... and one touch of 계속 보기 ends it
        assert not warning_due(state, now, IDLE)
    assert advance(state, now + IDLE - 1, 9, INTERVAL, IDLE).screen == 4


def test_a_paused_kiosk_still_warns_and_returns_to_the_start():
    state = pause(RotationState(5, 0.0), 1.0)
    assert advance(state, 1.0 + 2 * INTERVAL, 9, INTERVAL, IDLE) == state  # paused: it does not move on ...
    assert not warning_due(state, 1.0 + 10, IDLE) and warning_due(state, 1.0 + 20, IDLE)  # ... it warns ...
    after = advance(state, 1.0 + IDLE, 9, INTERVAL, IDLE)
    assert after.screen == 0 and not after.paused() and was_reset(state, after)  # ... and resets


def test_pause_resume_and_steps_are_in_the_visitors_hand():
    running = RotationState(2, 0.0)
    assert pause(running, 5.0).paused() and resume(pause(running, 5.0), 7.0) == RotationState(2, 7.0, None)
    assert step(running, 5.0, 9, 1) == RotationState(3, 5.0, 5.0)  # a step pauses on the new screen
    assert step(RotationState(0, 0.0), 5.0, 9, -1).screen == 8 and step(RotationState(8, 0.0), 5.0, 9, 1).screen == 0
    assert not was_reset(pause(running, 1.0), resume(pause(running, 1.0), 2.0))  # play is no reset


def test_large_text_pages_hold_fewer_cards_and_a_mode_change_keeps_the_section(bundled):
    default, large = kiosk_screens(bundled.services), kiosk_screens(bundled.services, scale=2.0)
    assert len(large) > len(default)
    for group in ("operating", "planned"):
        cards = [s.count for s in default if s.group == group]
        large_cards = [s.count for s in large if s.group == group]
        # At two cards a page or one (400 px), 큰 글씨 cannot always hold fewer a page: it takes more pages.
        assert sum(cards) == sum(large_cards) and max(large_cards) <= max(cards), group
        assert len(large_cards) > len(cards), group
    position = next(n for n, s in enumerate(default) if s.group == "planned" and s.page == 2)
    assert large[same_section(default, large, position)] == next(s for s in large if s.group == "planned")
    assert [s.section for _, s in kiosk_sections(large)] == [s.section for _, s in kiosk_sections(default)]
    assert same_section(default, large, 999) == 0


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_help_says_how_to_use_the_kiosk_and_whom_to_ask(lang):
    text = help_html(lang)
    assert ("안내 데스크 직원에게 문의하세요" if lang == "ko" else "ask the staff at the information desk") in text
    assert text.count("<li>") == 6 and ("Tab" in text) and ("계속 보기" if lang == "ko" else "Keep viewing") in text
    assert not re.search(r"\d{2,4}-\d{3,4}-\d{4}", text)  # no invented phone number
    asked = help_html(lang, "안산시청 민원실 <1층>")
    assert "안산시청 민원실 &lt;1층&gt;" in asked and "안내 데스크" not in asked


def test_the_contact_comes_from_the_settings():
    assert load_settings({}).kiosk_contact == ""
    assert load_settings({"DASHBOARD_KIOSK_CONTACT": " 1층 종합민원실 "}).kiosk_contact == "1층 종합민원실"


# Text colour on its background in each theme (the CSS must still use them: a changed colour is checked again).
DEFAULT_TEXT = list(KIOSK_THEMES["default"].values())
CONTRAST_TEXT = list(KIOSK_THEMES["high_contrast"].values())


def test_text_is_at_least_4_5_to_1_in_both_themes():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just under: the rule bites
    for (text, background), css in [
        *((pair, KIOSK_CSS + ACCESS_CSS) for pair in DEFAULT_TEXT),
        *((pair, CONTRAST_CSS) for pair in CONTRAST_TEXT),
    ]:
        assert text in css.upper() and background in (css.upper() + "#FFFFFF"), (text, background)
        assert contrast_ratio(text, background) >= 4.5, (text, background, contrast_ratio(text, background))


def test_status_symbols_are_shapes_in_colours_of_at_least_3_to_1_on_the_high_contrast_ground():
    for status in KIOSK_STATUSES:
        assert contrast_ratio(STATUS_TERMS[status].colour, "#000000") >= 3.0, status
    # The default ground is white: the glyph carries a dark outline (its shape reads whatever its colour).
    assert "-webkit-text-stroke: 1px #1A1A1A" in KIOSK_CSS and "-webkit-text-stroke: 1px #FFFFFF" in CONTRAST_CSS


def test_each_mode_adds_its_own_styles_and_the_script_is_configured_not_written_in_python():
    assert mode_css(KioskModes()) == ACCESS_CSS
    assert "zoom: 2" in LARGE_CSS and LARGE_CSS in mode_css(KioskModes(large_text=True))
    assert CONTRAST_CSS in mode_css(KioskModes(high_contrast=True))
    assert "top: 52%" in mode_css(KioskModes(low_reach=True))
    script = controls_script("en")
    assert '"previous":"kiosk_prev"' in script and "__CONFIG__" not in script and "ArrowLeft" in script


# --- the page (AppTest) -----------------------------------------------------------------------------------


@pytest.fixture
def kiosk_app(monkeypatch):
    from streamlit.testing.v1 import AppTest

    def _app(**env: str) -> AppTest:
        monkeypatch.setenv("DASHBOARD_MODE", "kiosk")
        monkeypatch.setenv("DASHBOARD_KIOSK_IDLE_RESET", "45")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return AppTest.from_file(str(Path(__file__).parent.parent / "dashboard.py"), default_timeout=90)

    return _app


def _html(at) -> str:
    return "\n".join(str(element.proto.body) for element in at.get("html"))


def test_the_start_up_url_sets_the_modes_and_the_buttons_switch_them(kiosk_app):
    at = kiosk_app()
    at.query_params["contrast"] = "high"
    at.run()
    assert at.button(key="kiosk_mode_high_contrast").label == "✓ 고대비"
    assert at.button(key="kiosk_mode_large_text").label == "큰 글씨"
    assert "#FFD400" in _html(at) and "zoom: 2" not in _html(at)
    at.button(key="kiosk_mode_large_text").click().run()
    assert at.button(key="kiosk_mode_large_text").label == "✓ 큰 글씨" and "zoom: 2" in _html(at)
    assert at.session_state[state.KIOSK_ROTATION].paused()  # a mode button is a touch
    for key in (PAUSE, PREVIOUS, NEXT, HELP):
        assert at.button(key=key)


def test_the_idle_reset_returns_to_the_start_up_modes_and_language(kiosk_app):
    at = kiosk_app()
    at.query_params["reach"] = "low"
    at.run()
    at.button(key="kiosk_mode_low_reach").click().run()
    at.button(key="kiosk_lang_en").click().run()
    assert at.button(key="kiosk_mode_low_reach").label == "Low reach"
    # The visitor left 50 s ago.
    at.session_state[state.KIOSK_ROTATION] = RotationState(3, 0.0, time.monotonic() - 50)
    at.run()
    assert at.button(key="kiosk_mode_low_reach").label == "✓ 낮은 화면"
    assert at.session_state[state.KIOSK_ROTATION].screen == 0 and "lang" not in at.query_params


def test_the_warning_shows_when_due_and_keep_viewing_ends_it(kiosk_app):
    at = kiosk_app().run()
    at.session_state[state.KIOSK_ROTATION] = RotationState(2, 0.0, time.monotonic() - 20)
    at.run()
    assert "처음 화면으로 돌아갑니다" in _html(at) and 'class="kiosk-countdown"' in _html(at)
    at.button(key=KEEP).click().run()
    assert 'class="kiosk-countdown"' not in _html(at) and at.session_state[state.KIOSK_ROTATION].screen == 2


@pytest.mark.parametrize(
    ("contact", "expected"), [("", "안내 데스크 직원에게 문의하세요"), ("1층 종합민원실", "1층 종합민원실")]
)
def test_help_opens_in_place_of_the_screen_text_with_the_contact(kiosk_app, contact, expected):
    at = kiosk_app(DASHBOARD_KIOSK_CONTACT=contact).run()
    at.button(key=HELP).click().run()
    assert "키오스크 사용 방법" in _html(at) and expected in _html(at)
    assert at.button(key=HELP).label == "도움말 닫기"
    at.button(key="kiosk_nav_operating").click().run()
    assert "키오스크 사용 방법" not in _html(at)


def test_the_kiosk_map_page_keeps_its_legend_off_the_city_and_inside_the_map_at_large_text(bundled):
    from geo.kiosk.area import build_kiosk_map
    from ui.kiosk import KIOSK_MAP_CSS, KIOSK_MAP_LARGE_CSS, LABEL_MARGIN_PX, kiosk_map_page
    from ui.page_script import page_script

    html = build_kiosk_map(bundled, [], "overview", None, "ko", 700).get_root().render()
    page = kiosk_map_page(html)
    head = page.split("</head>", 1)[0]
    assert KIOSK_MAP_CSS in head and KIOSK_MAP_LARGE_CSS not in page  # the legend and scale in the top left
    assert ".leaflet-bottom.leaflet-left { top: 0; bottom: auto; }" in KIOSK_MAP_CSS
    assert KIOSK_MAP_LARGE_CSS in kiosk_map_page(html, large=True).split("</head>", 1)[0]
    # The labels' script (static/js/kiosk_map_labels.js) in the head too; nothing else changes.
    labels = page_script("kiosk_map_labels.js", {"margin": LABEL_MARGIN_PX})
    assert labels in head and "__CONFIG__" not in labels
    assert page.replace(KIOSK_MAP_CSS, "").replace(labels, "") == html
