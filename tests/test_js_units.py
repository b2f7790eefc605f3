"""The staff map renderer's pure parts (``static/servicemap/core.js``), unit-tested in Node: ``tests/js``.

``pytest`` runs them here so one command covers them; ``.ci/run`` installs Node (Debian's ``nodejs``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pandas as pd
import pytest

from geo.mapping.canvas import visibility_mask
from tests.conftest import PROJECT_ROOT

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (apt-get install nodejs)")


def _node(*args: str) -> subprocess.CompletedProcess[str]:
    assert NODE is not None
    return subprocess.run([NODE, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_the_node_unit_tests_of_the_map_renderer_pass():
    result = _node("--test", "tests/js")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # They ran (a runner that finds no file passes too): the mask, rows, members, clusters, discs, hits, spots.
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    assert passed and int(passed.group(1)) >= 8 and "# fail 0" in result.stdout


def test_the_map_reads_the_mask_as_the_server_writes_it():
    # 21 rows, shown: every third (three bytes, the last one partly used).
    services = pd.DataFrame({"status": ["운영"] * 21})
    shown = services.iloc[::3]
    mask = visibility_mask(services, shown)
    assert mask is not None
    script = (
        "const core = require('./static/servicemap/core.js');"
        f"process.stdout.write(JSON.stringify(Array.from(core.decodeMask({json.dumps(mask)}, 21))));"
    )
    result = _node("-e", script)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [1 if i % 3 == 0 else 0 for i in range(21)]
    assert visibility_mask(services, services) is None


def test_every_script_of_the_app_the_benchmarks_and_the_tests_parses():
    folders = ("static/servicemap", "static/js", "static/js/map", "benchmarks/js", "tests/js")
    scripts = [path for folder in folders for path in sorted((PROJECT_ROOT / folder).glob("*.js"))]
    assert len(scripts) >= 17
    for path in scripts:
        result = _node("--check", str(path))
        assert result.returncode == 0, f"{path.relative_to(PROJECT_ROOT)}: {result.stderr}"
