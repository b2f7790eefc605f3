"""What the map pieces of ``static/js/map/`` were given: their configurations, read back from a rendered map."""

from __future__ import annotations

import json
import re
from typing import Any

# A piece's script ends ``})(<map variable>, <configuration>);`` (geo.mapping.elements.map_script).
_CALL = re.compile(r"\}\)\([A-Za-z_$][\w$]*, (?=\{)")


def map_configs(html: str, *keys: str) -> list[dict[str, Any]]:
    """The configuration of every map piece in ``html`` that has all of ``keys``, in page order."""
    decoder = json.JSONDecoder()
    configs = [decoder.raw_decode(html, match.end())[0] for match in _CALL.finditer(html)]
    return [config for config in configs if all(key in config for key in keys)]
