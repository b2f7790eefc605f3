"""The handout, prepared in the background and kept on disk, so a click gives the file at once.

A handout takes 15–20 s to render (kaleido in the machine's Chromium, one page at a time). It depends
only on the stored data (its revision), the language, the as-of day and the start of the "what changed"
period, so it is built once per :class:`HandoutKey`, in one background thread, and kept as a file in the
store folder (it survives a restart). A new data revision is a new key, so an edited store never hands out
an old file; files of older revisions are removed when a new one is written.

Each build's duration is kept (per language), so a build that is still running can say how long it will
take: the last build's time, or None before the first.
"""

from __future__ import annotations

import hashlib
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.logs import logger

LOG = logger()

#: What a build returns: the PDF's bytes.
Builder = Callable[[], bytes]


@dataclass(frozen=True)
class HandoutKey:
    """What a handout depends on: the data revision, the language, the as-of day and the period's start."""

    revision: str
    lang: str
    as_of: date
    since: date

    def file_name(self) -> str:
        """``handout-<revision hash>-<lang>-<as_of>-<since>.pdf``: the revision first, so old ones are found."""
        digest = hashlib.sha256(self.revision.encode()).hexdigest()[:16]
        return f"handout-{digest}-{self.lang}-{self.as_of.isoformat()}-{self.since.isoformat()}.pdf"


class HandoutCache:
    """Handout files in ``folder``, built by one background thread on request.

    ``prepare`` queues a build (nothing happens if the file exists or is already queued); ``get`` returns a
    ready file or None; ``result`` returns the file, building it now if no one has (or waiting for the
    background build already running for it).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._pending: dict[HandoutKey, threading.Event] = {}
        self._started: set[HandoutKey] = set()
        self._queue: queue.Queue[tuple[HandoutKey, Builder, float]] = queue.Queue()
        self._worker: threading.Thread | None = None

    # --- reading ---
    def path(self, key: HandoutKey) -> Path:
        return self.folder / key.file_name()

    def get(self, key: HandoutKey) -> bytes | None:
        """The handout's bytes if it was built, else None."""
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def is_building(self, key: HandoutKey) -> bool:
        with self._lock:
            return key in self._pending

    def estimate_s(self, lang: str) -> float | None:
        """How long the last build in ``lang`` took (seconds), or None if none was timed yet."""
        seconds = self._timings().get(lang)
        return float(seconds) if isinstance(seconds, int | float) else None

    # --- building ---
    def prepare(self, key: HandoutKey, build: Builder, delay_s: float = 0.0) -> bool:
        """Queue ``build`` for ``key`` in the background unless the file exists or is on its way; True if queued.

        ``delay_s``: start no sooner than this (a build after a server start waits until the first pages
        were drawn: the two cores are theirs first). A click before then builds it at once instead.
        """
        with self._lock:
            if key in self._pending or self.path(key).exists():
                return False
            self._pending[key] = threading.Event()
            self._queue.put((key, build, time.monotonic() + delay_s))
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="handout-builder", daemon=True)
                self._worker.start()
        return True

    def result(self, key: HandoutKey, build: Builder) -> bytes:
        """The handout for ``key``: from the file, from the build under way, or built now (in this thread)."""
        if (ready := self.get(key)) is not None:
            return ready
        with self._lock:
            event = self._pending.get(key)
            if event is not None and key not in self._started:
                # Queued but not begun: built here now; the worker skips it.
                self._pending.pop(key)
                event.set()
                event = None
        if event is not None:
            event.wait()
        # Read again: a background build can finish between the first read and the lock (its file written, its
        # key no longer pending); building it again here doubled the work.
        if (ready := self.get(key)) is not None:
            return ready
        return self._build(key, build)

    def _work(self) -> None:
        while True:
            try:
                key, build, not_before = self._queue.get(timeout=5)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._worker = None
                        return
                continue
            time.sleep(max(0.0, not_before - time.monotonic()))  # the worker's own thread: nothing waits on it
            with self._lock:
                if key not in self._pending:  # a click built it meanwhile
                    continue
                self._started.add(key)
            try:
                if self.get(key) is None:
                    self._build(key, build)
            except Exception:  # a failed background build is logged; a click then builds it in the foreground
                LOG.exception("handout build failed for %s", key)
            finally:
                with self._lock:
                    event = self._pending.pop(key, None)
                    self._started.discard(key)
                if event is not None:
                    event.set()

    def _build(self, key: HandoutKey, build: Builder) -> bytes:
        started = time.monotonic()
        content = build()
        seconds = time.monotonic() - started
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(key)
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)  # whole or not at all: a reader never sees half a file
        with self._lock:
            self._write_timing(key.lang, seconds)
            self._remove_other_revisions(key)
        return content

    # --- bookkeeping ---
    def _timings_path(self) -> Path:
        return self.folder / "handout-timings.json"

    def _timings(self) -> dict[str, object]:
        try:
            loaded = json.loads(self._timings_path().read_text())
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def _write_timing(self, lang: str, seconds: float) -> None:
        timings = self._timings() | {lang: round(seconds, 2)}
        self._timings_path().write_text(json.dumps(timings))

    def _remove_other_revisions(self, key: HandoutKey) -> None:
        current = key.file_name().split("-")[1]
        for old in self.folder.glob("handout-*.pdf"):
            if old.name.split("-")[1] != current:
                old.unlink(missing_ok=True)
