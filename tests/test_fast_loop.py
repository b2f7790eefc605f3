"""The fast loop spreads over two processes; a run with the browser tests stays in one."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests import conftest


def _config(markexpr: str, numprocesses: int | None = None, collectonly: bool = False) -> Any:
    option = SimpleNamespace(markexpr=markexpr, numprocesses=numprocesses, dist="no", collectonly=collectonly)
    return SimpleNamespace(option=option, pluginmanager=SimpleNamespace(hasplugin=lambda name: name == "xdist"))


@pytest.fixture(autouse=True)
def two_cores_outside_a_worker(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    monkeypatch.setattr(conftest.os, "cpu_count", lambda: 2)


def test_the_fast_loop_runs_on_two_workers():
    config = _config("not browser and not slow")
    conftest.pytest_cmdline_main(config)
    assert (config.option.numprocesses, config.option.dist) == (2, "load")


@pytest.mark.parametrize(
    "config",
    [
        _config(""),  # CI's whole run: the browser tests keep one process, in file order
        _config("browser"),
        _config("not browser and not slow", numprocesses=0),  # -n 0 asked for one process
        _config("not browser and not slow", collectonly=True),
    ],
    ids=["everything", "browser-only", "n0", "collect-only"],
)
def test_other_runs_keep_one_process(config):
    conftest.pytest_cmdline_main(config)
    assert config.option.numprocesses in (None, 0) and config.option.dist == "no"


def test_a_worker_or_a_one_core_machine_starts_no_workers(monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    in_worker = _config("not browser and not slow")
    conftest.pytest_cmdline_main(in_worker)
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    monkeypatch.setattr(conftest.os, "cpu_count", lambda: 1)
    one_core = _config("not browser and not slow")
    conftest.pytest_cmdline_main(one_core)
    assert in_worker.option.numprocesses is None and one_core.option.numprocesses is None
