"""Temporary files a store write builds beside its target, and their cleaning after a crash.

A write that makes a file (a new store, a backup, a restore) builds it under a
hidden name and renames it into place only when complete, so a crash leaves the
old state and, at worst, a hidden leftover. The writer holds an ``flock`` on
its temporary file while it works; the kernel drops that lock when the process
dies, even by ``kill -9``. So on the next start a leftover whose lock can be
taken belongs to a dead writer and is removed, while one still being written by
another live process is left alone.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# SQLite's companions of a database file.
_COMPANIONS = ("-journal", "-wal", "-shm")


def temp_name(target: Path, purpose: str) -> Path:
    """A hidden, unique name beside ``target`` (``.dashboard.gpkg.<id>.<purpose>``)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.{purpose}")


@contextmanager
def claimed(path: Path) -> Iterator[Path]:
    """Create ``path`` and hold its lock until the block ends; the file is removed unless it was renamed away."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield path
    finally:
        _remove(path)
        os.close(descriptor)


def _remove(path: Path) -> None:
    for suffix in ("", *_COMPANIONS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def clean_leftovers(folder: Path, pattern: str) -> list[Path]:
    """Remove the temporary files matching ``pattern`` in ``folder`` whose writer has died; returns them."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.glob(pattern)):
        if path.name.endswith(_COMPANIONS):
            base = Path(str(path)[: -len(next(s for s in _COMPANIONS if path.name.endswith(s)))])
            if not base.exists():  # a journal whose file is gone
                path.unlink(missing_ok=True)
                removed.append(path)
            continue
        try:
            descriptor = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)  # a live writer is still at work
            continue
        try:
            _remove(path)
            removed.append(path)
        finally:
            os.close(descriptor)
    return removed
