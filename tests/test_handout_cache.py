"""The handout cache (geo.briefing.handout.cache): prepared in the background, kept per revision, language and day."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from geo.briefing.handout.cache import HandoutCache, HandoutKey
from tests.conftest import poll

AS_OF = date(2026, 2, 3)
SINCE = date(2025, 11, 3)


class CountingBuilder:
    """A stand-in for the PDF build: returns bytes naming its language and counts its calls."""

    def __init__(self, lang: str, gate: threading.Event | None = None) -> None:
        self.lang = lang
        self.calls = 0
        self.gate = gate

    def __call__(self) -> bytes:
        self.calls += 1
        if self.gate is not None:
            assert self.gate.wait(10)
        return f"%PDF handout {self.lang} #{self.calls}".encode()


def wait_ready(cache: HandoutCache, key: HandoutKey) -> bytes:
    for _ in range(200):
        if (ready := cache.get(key)) is not None and not cache.is_building(key):
            return ready
        threading.Event().wait(0.05)
    raise AssertionError(f"{key} was not built")


def test_prepared_in_the_background_then_served_from_the_file(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    key = HandoutKey("rev-1", "ko", AS_OF, SINCE)
    build = CountingBuilder("ko")
    assert cache.get(key) is None
    assert cache.prepare(key, build) is True
    assert wait_ready(cache, key) == b"%PDF handout ko #1"
    # A click on a ready handout: the file, no build; a second prepare queues nothing.
    assert cache.result(key, build) == b"%PDF handout ko #1"
    assert cache.prepare(key, build) is False
    assert build.calls == 1
    # It survives a restart (a new cache on the same folder).
    assert HandoutCache(tmp_path).get(key) == b"%PDF handout ko #1"


def test_a_new_data_revision_is_a_miss_and_removes_the_old_file(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    old, new = HandoutKey("rev-1", "ko", AS_OF, SINCE), HandoutKey("rev-2", "ko", AS_OF, SINCE)
    cache.result(old, CountingBuilder("ko"))
    assert cache.get(new) is None
    build = CountingBuilder("ko")
    assert cache.result(new, build) == b"%PDF handout ko #1"
    assert build.calls == 1
    assert cache.get(old) is None
    assert [p.name for p in tmp_path.glob("*.pdf")] == [new.file_name()]


def test_two_languages_and_two_days_are_separate_handouts(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    ko, en = HandoutKey("rev-1", "ko", AS_OF, SINCE), HandoutKey("rev-1", "en", AS_OF, SINCE)
    later = HandoutKey("rev-1", "ko", date(2026, 3, 1), SINCE)
    cache.prepare(ko, CountingBuilder("ko"))
    cache.prepare(en, CountingBuilder("en"))
    assert wait_ready(cache, ko) == b"%PDF handout ko #1"
    assert wait_ready(cache, en) == b"%PDF handout en #1"
    assert cache.get(later) is None


def test_a_click_during_a_background_build_waits_for_it_instead_of_building_again(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    key = HandoutKey("rev-1", "en", AS_OF, SINCE)
    gate = threading.Event()
    background = CountingBuilder("en", gate)
    cache.prepare(key, background)
    assert cache.is_building(key)
    # The worker has begun (it waits at the gate): a click before that would rightly build it itself.
    poll(lambda: background.calls == 1, 10, "the background build to begin")
    clicked = CountingBuilder("en")
    result: list[bytes] = []
    waiter = threading.Thread(target=lambda: result.append(cache.result(key, clicked)))
    waiter.start()
    gate.set()
    waiter.join(10)
    assert result == [b"%PDF handout en #1"]
    assert (background.calls, clicked.calls) == (1, 0)


def test_the_estimate_is_the_last_build_time_per_language(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    assert cache.estimate_s("ko") is None
    cache.result(HandoutKey("rev-1", "ko", AS_OF, SINCE), CountingBuilder("ko"))
    estimate = cache.estimate_s("ko")
    assert estimate is not None and 0 <= estimate < 5
    assert cache.estimate_s("en") is None


def test_a_failed_background_build_leaves_no_file_and_a_click_builds_it(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    key = HandoutKey("rev-1", "ko", AS_OF, SINCE)

    def broken() -> bytes:
        raise RuntimeError("no Chromium")

    cache.prepare(key, broken)
    for _ in range(200):
        if not cache.is_building(key):
            break
        threading.Event().wait(0.05)
    assert cache.get(key) is None
    assert cache.result(key, CountingBuilder("ko")) == b"%PDF handout ko #1"
    with pytest.raises(RuntimeError, match="no Chromium"):
        cache.result(HandoutKey("rev-1", "en", AS_OF, SINCE), broken)


def test_a_click_before_a_delayed_build_began_builds_it_at_once_and_the_worker_skips_it(tmp_path: Path) -> None:
    cache = HandoutCache(tmp_path)
    key = HandoutKey("rev-1", "ko", AS_OF, SINCE)
    background, clicked = CountingBuilder("ko"), CountingBuilder("ko")
    cache.prepare(key, background, delay_s=0.5)
    assert cache.result(key, clicked) == b"%PDF handout ko #1"
    threading.Event().wait(1.0)
    assert (background.calls, clicked.calls) == (0, 1)
    assert not cache.is_building(key)


def test_a_click_that_reads_just_before_a_background_build_ends_does_not_build_again(tmp_path: Path) -> None:
    """The race the test above met in CI: the click reads no file, the background build then writes it and is no
    longer pending, and the click, finding nothing pending, built the handout a second time."""
    cache = HandoutCache(tmp_path)
    key = HandoutKey("rev-1", "en", AS_OF, SINCE)
    original_get = cache.get
    reads = {"n": 0}

    def get_then_finish(asked: HandoutKey) -> bytes | None:
        reads["n"] += 1
        found = original_get(asked)
        if reads["n"] == 1:  # right after the click's first read, the background build completes
            cache._build(asked, CountingBuilder("en"))
        return found

    cache.get = get_then_finish  # type: ignore[method-assign]
    clicked = CountingBuilder("en")
    assert cache.result(key, clicked) == b"%PDF handout en #1"
    assert clicked.calls == 0
