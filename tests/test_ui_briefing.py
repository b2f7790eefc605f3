"""The briefing's key script and counter (ui.briefing): what a clicker's keys do."""

from __future__ import annotations

import json
import re

import folium

from geo.mapping import FullscreenControl
from ui.briefing import (
    BLANK_KEYS,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    counter_html,
    keyboard_script,
    without_map_controls,
)

BUTTONS = {"next": "briefing_next", "previous": "briefing_previous", "first": "briefing_first"}
BUTTONS |= {"last": "briefing_last", "present": "briefing_present"}


def _config(script: str) -> dict:
    # static/js/briefing_keys.js is one function called with its configuration: ``})({…});``.
    return json.loads(re.search(r"\}\)\((\{.*\})\);\s*</script>$", script, re.S).group(1))


def test_clicker_keys_map_to_the_buttons():
    config = _config(keyboard_script(BUTTONS, presenting=True, position=2))
    assert config["buttons"]["next"] == ".st-key-briefing_next button"
    assert config["buttons"]["last"] == ".st-key-briefing_last button"
    assert {"PageDown", "ArrowRight", " "} <= set(config["keys"]["next"]) == set(NEXT_KEYS)
    assert {"PageUp", "ArrowLeft"} <= set(config["keys"]["previous"]) == set(PREVIOUS_KEYS)
    assert config["keys"]["first"] == ["Home"] and config["keys"]["last"] == ["End"]
    assert "b" in config["blank"] and "." in config["blank"] and set(config["blank"]) == set(BLANK_KEYS)
    assert config["keys"]["leave"] == ["Escape"] and config["slide"] == 2


def test_escape_only_leaves_presentation_mode():
    assert _config(keyboard_script(BUTTONS, presenting=False))["keys"]["leave"] == []


def test_script_cannot_be_closed_early():
    script = keyboard_script(BUTTONS, presenting=True)
    assert script.startswith("<script>") and "</script>" not in script[:-9]


def test_counter_shows_position_of_count_and_escapes_its_hint():
    html = counter_html(2, 8, 'Esc "leave"')
    assert ">3 / 8</div>" in html and 'data-slide="2"' in html and "&quot;leave&quot;" in html


def test_presentation_maps_lose_their_buttons():
    html = without_map_controls("<html><head><title>m</title></head><body></body></html>")
    assert html.index(".leaflet-control-zoom") < html.index("</head>")
    # The map's own full-screen button (geo.mapping.FullscreenControl draws class dash-fullscreen) is hidden too.
    fmap = folium.Map(tiles=None)
    FullscreenControl("전체 화면").add_to(fmap)
    rendered = without_map_controls(fmap.get_root().render())
    style = rendered[: rendered.index("</head>")]
    assert "'leaflet-bar dash-fullscreen'" in rendered and ".dash-fullscreen" in style
