"""Page scripts from ``static/js/``: read once, configured with a JSON object, wrapped in a script tag.

Each file there is one function called with ``__CONFIG__`` (``(function (cfg) {…})(__CONFIG__);``);
the configuration is written with ``geo.html.json_for_script``, so text from data cannot close the tag.
The files are served by nothing: Python reads them from the app's folder, no request leaves the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from geo.html import json_for_script

JS_DIR = Path(__file__).resolve().parent.parent / "static" / "js"


@cache
def script_source(name: str) -> str:
    """The text of ``static/js/<name>``, read once per process."""
    return (JS_DIR / name).read_text(encoding="utf-8")


def page_script(name: str, config: Mapping[str, object]) -> str:
    """``<script>`` running ``static/js/<name>`` with ``config`` (a JSON object) as its ``cfg``."""
    return "<script>" + script_source(name).replace("__CONFIG__", json_for_script(config)) + "</script>"
