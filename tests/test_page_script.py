"""Page scripts live in static/js/ and are configured with a JSON object (ui.page_script)."""

from __future__ import annotations

import json
import re

import folium
import pytest

from geo.mapping.elements import MAP_JS_DIR, Legend, map_script_source
from ui.briefing import keyboard_script
from ui.page_script import JS_DIR, page_script, script_source
from ui.reconnect import reconnect_script
from ui.widget_text import korean_widget_script


def test_each_configured_script_takes_its_configuration_once():
    for path in sorted(JS_DIR.glob("*.js")):
        source = path.read_text(encoding="utf-8")
        assert source.count("__CONFIG__") == 1, path.name
        assert source.rstrip().endswith("})(__CONFIG__);"), path.name


def test_the_configuration_cannot_close_the_script_tag():
    script = page_script("reconnect.js", {"html": "</script><script>alert(1)</script>"})
    assert script.count("</script>") == 1 and script.endswith("</script>")
    config = re.search(r"\}\)\((\{.*\})\);\s*</script>$", script, re.S)
    assert config and json.loads(config.group(1))["html"].startswith("</script>")


def test_the_briefing_keys_the_reconnect_notice_and_the_widget_words_run_their_files():
    assert script_source("briefing_keys.js").split("__CONFIG__")[0] in keyboard_script({"next": "n"}, False)
    assert script_source("reconnect.js").split("__CONFIG__")[0] in reconnect_script()
    assert script_source("widget_text.js").split("__CONFIG__")[0] in korean_widget_script()


def test_each_map_piece_takes_its_map_and_its_configuration_once():
    names = sorted(path.name for path in MAP_JS_DIR.glob("*.js"))
    assert names == [
        "count_symbols.js",
        "fullscreen.js",
        "legend.js",
        "reference_markers.js",
        "refit_on_resize.js",
        "service_layer.js",
    ]
    for name in names:
        source = map_script_source(name)
        assert source.count("__CONFIG__") == 1 and source.count("__MAP__") == 1, name
        assert source.rstrip().endswith("})(__MAP__, __CONFIG__);"), name


def test_a_map_piece_runs_its_file_on_its_map_with_a_configuration_that_cannot_close_the_tag():
    fmap = folium.Map(location=[37.3, 126.8])
    legend = Legend("</script><script>alert(1)</script>", 14, 16)
    with pytest.raises(ValueError, match="has not been added to a map"):
        legend.configured_script()
    legend.add_to(fmap)
    script = legend.configured_script()
    assert script.startswith(map_script_source("legend.js").split("__MAP__")[0])
    assert script.rstrip().endswith(
        f'}})({fmap.get_name()}, {{"html":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}});'
    )
    assert "</script>" not in script


def test_the_kiosk_touch_script_runs_its_file():
    from ui.kiosk import touch_script

    script = touch_script("kiosk_touch", zoom=2.0)
    assert script_source("kiosk_touch.js").split("__CONFIG__")[0] in script
    assert script.endswith('})({"selector":".st-key-kiosk_touch button","throttle":1500,"zoom":2.0});\n</script>')
