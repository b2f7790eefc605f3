"""The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from geo.clock import KST
from geo.i18n.problems import NONE
from geo.model.validation import message
from geo.store.backend import audit, touch
from geo.store.backend_gpkg import BACKUP_DIR_NAME, READ_CACHE_SUFFIX, GeoPackageBackend, sqlite_problem
from geo.store.base import Store
from geo.store.common import BACKUP_KEEP, SEED_USER, BackupInfo, StoreError, Tx, data_folder_label, store_now
from geo.store.tempfiles import claimed, clean_leftovers, temp_name
from geo.store.voice import VOICE_TABLES

__all__ = ["BACKUP_DIR_NAME", "READ_CACHE_SUFFIX", "STORE_FILE_NAME", "GeoPackageStore"]

STORE_FILE_NAME = "dashboard.gpkg"
# What a restore or a rebuild keeps: who did what, and who is locked out. A restore never unlocks.
SECURITY_TABLES = frozenset({"audit_log", "sign_in_attempts", "sign_in_locks"})
_BACKUP_NAME = re.compile(r"^dashboard-(\d{8}-\d{6})(?:-(\d+))?\.gpkg$")


class GeoPackageStore(Store):
    """The embedded store: one GeoPackage file (SQLite), with dated backups beside it."""

    backend = "geopackage"
    database: GeoPackageBackend

    def __init__(self, path: Path):
        """``path``: the GeoPackage file, e.g. ``settings.store_dir / STORE_FILE_NAME``."""
        super().__init__(GeoPackageBackend(path))
        self.path = self.database.path
        self.backup_dir = self.database.backup_dir

    def _state(self) -> str:
        """``missing``, ``ours`` or ``foreign``; a store that is busy or cannot be opened raises its StoreError."""
        if not self.path.exists():
            return "missing"
        try:
            connection = self.database.connect()
            try:
                row = connection.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.OperationalError as exc:
            if sqlite_problem(exc) != "foreign":
                with self.database.sqlite_errors():
                    raise
            return "foreign"
        except sqlite3.DatabaseError:
            return "foreign"
        return "ours" if row else "foreign"

    def _drop_stale_journal(self) -> None:
        """Remove a rollback journal a writer killed before it wrote anything worth rolling back.

        A hot journal is rolled back by the first read; one SQLite does not consider hot
        (its header never completed) stays beside the store. Holding the exclusive lock
        proves no live writer owns it.
        """
        journal = Path(f"{self.path}-journal")
        if not journal.exists():
            return
        with self.database.sqlite_errors():
            connection = self.database.connect()
            try:
                connection.execute("BEGIN EXCLUSIVE")
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                journal.unlink(missing_ok=True)
                connection.execute("ROLLBACK")
            finally:
                connection.close()

    def _require_ours(self) -> None:
        state = self._state()
        if state == "missing":
            raise StoreError(self.database.missing())
        if state == "foreign":
            raise StoreError(self.database.unreadable(message("store_not_ours")))

    def clean_leftovers(self) -> list[Path]:
        """Remove what writers killed part-way left behind (half-made stores, backups and restores)."""
        return [
            *clean_leftovers(self.path.parent, f".{self.path.name}.*"),
            *clean_leftovers(self.backup_dir, ".*.partial*"),
        ]

    def initialise(self, data_dir: Path, now: datetime | None = None) -> bool:
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise StoreError(message("store_folder_is_file", folder=self.path.parent))
        self.clean_leftovers()
        state = self._state()
        self._drop_stale_journal()
        if state == "ours":
            if self._needs_upgrade():
                with self.database.transaction() as tx:
                    self._upgrade(tx, data_dir, now)
            return False
        if state == "foreign":
            raise StoreError(self.database.unreadable(message("store_not_ours")))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Build beside the target and link it into place: a failure leaves no half-made store,
        # and of two processes starting at once only one store wins.
        with claimed(temp_name(self.path, "building")) as building:
            self._build(building, data_dir, now)
            try:
                os.link(building, self.path)
            except FileExistsError:
                return False
            return True

    def _build(self, path: Path, data_dir: Path, now: datetime | None) -> None:
        """Create a complete store in ``path`` (a claimed temporary file) from ``data_dir``."""
        with self.database.transaction(building=path) as tx:
            self._create(tx, data_dir, now)

    def rebuild(self, data_dir: Path, *, now: datetime | None = None) -> None:
        """Replace the store's data with data made afresh from ``data_dir``, in one step (back it up first).

        The new store is built aside and its tables copied in, in one
        transaction: readers see the old data or the new, and a crash part-way
        leaves the old. The security record (audit log, sign-in attempts and
        locks) is kept, with one more audit row, and so is citizens' voice (the
        data folder has none).

        Raises
        ------
        geo.model.validation.DataError
            The data folder is not valid; the store is unchanged.
        """
        self._require_ours()
        moment = store_now(now)
        with claimed(temp_name(self.path, "building")) as building:
            self._build(building, data_dir, now)
            self._carry_voice_into(building)  # citizens' voice
            self._replace_data_from(
                building,
                lambda tx: audit(
                    tx, SEED_USER, "initialise", message("audit_rebuilt", folder=data_folder_label(data_dir)), moment
                ),
            )

    def _carry_voice_into(self, building: Path) -> None:
        """Copy this store's citizens' voice (opinions, 필요해요, limits) into a freshly built store file."""
        with self.database.sqlite_errors():
            fresh = self.database.connect(building)
            try:
                fresh.execute("ATTACH DATABASE ? AS current", (str(self.path),))
                fresh.execute("BEGIN IMMEDIATE")
                for table in VOICE_TABLES:
                    found = fresh.execute(
                        "SELECT 1 FROM current.sqlite_master WHERE type = 'table' AND name = ?", (table,)
                    ).fetchone()
                    if found:
                        fresh.execute(f"INSERT INTO main.{table} SELECT * FROM current.{table}")
                fresh.execute("COMMIT")
                fresh.execute("DETACH DATABASE current")
            finally:
                fresh.close()

    def _replace_data_from(self, source: Path, record: Callable[[Tx], None]) -> None:
        """Replace every table of the store but the security record with the same table of ``source`` (a store
        file), then call ``record``, all in one write transaction.

        One transaction on the store itself, so a sign-in failure recorded meanwhile is
        neither lost nor undone (the write lock orders them), and a crash rolls back.
        Columns are matched by name: a backup from an earlier version leaves newer
        nullable columns empty. The new revision is ``source``'s, or one ``record`` sets.
        """
        with self.database.sqlite_errors():
            connection = self.database.connect()
            try:
                connection.execute("ATTACH DATABASE ? AS source", (str(source),))
                connection.execute("BEGIN IMMEDIATE")
                try:
                    tx = Tx(connection.cursor(), "?")
                    _copy_data_tables(tx)
                    record(tx)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()

    # -- backups --

    def backup(self, *, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        if keep < 1:
            raise StoreError(message("backup_keep_invalid"))
        if not self.is_initialised():
            raise StoreError(message("backup_no_store", store=self.path))
        moment = store_now(now)
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        stem = f"dashboard-{moment:%Y%m%d-%H%M%S}"
        with claimed(temp_name(self.backup_dir / f"{stem}.gpkg", "partial")) as partial:
            with self.database.sqlite_errors():
                source = self.database.connect()
                destination = sqlite3.connect(partial)
                try:
                    # SQLite's online backup: a consistent copy even while others write.
                    source.backup(destination)
                finally:
                    destination.close()
                    source.close()
            target = _link_unique(partial, self.backup_dir, stem)
        for old in self.list_backups()[keep:]:
            old.path.unlink(missing_ok=True)
        return self._backup_info(target)

    def list_backups(self) -> list[BackupInfo]:
        if not self.backup_dir.is_dir():
            return []
        found = [p for p in self.backup_dir.iterdir() if _BACKUP_NAME.match(p.name)]
        return [self._backup_info(p) for p in sorted(found, key=_backup_sort_key, reverse=True)]

    def _backup_info(self, path: Path) -> BackupInfo:
        match = _BACKUP_NAME.match(path.name)
        assert match is not None
        created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=KST)
        return BackupInfo(path.name, path, created, path.stat().st_size)

    def restore(self, name: str, *, user: str, keep: int = BACKUP_KEEP, now: datetime | None = None) -> BackupInfo:
        """Replace the store's content with backup ``name``.

        The current state is backed up first (the returned ``BackupInfo``), so a
        restore can itself be undone. The restore is one step for other readers.

        Raises
        ------
        StoreError
            No such backup, or the file is not a dashboard store.
        """
        available = {b.name: b for b in self.list_backups()}
        chosen = available.get(name)
        if chosen is None:
            names = list(available)[:5] or NONE
            raise StoreError(message("backup_not_found", name=name, folder=self.backup_dir, names=names))
        if not GeoPackageStore(chosen.path).is_initialised():
            raise StoreError(message("backup_not_a_store", name=name))
        self._require_ours()
        # Keep the safety copy even if the retention limit would remove it right away.
        safety = self.backup(keep=max(keep, len(available) + 1), now=now)
        moment = store_now(now)
        with claimed(temp_name(self.path, "restoring")) as staged, self.database.sqlite_errors():
            # A consistent copy of the backup (it may have a journal of its own), whose tables then
            # replace the store's data in one transaction.
            copy = sqlite3.connect(chosen.path)
            prepared = sqlite3.connect(staged)
            try:
                copy.backup(prepared)
            finally:
                prepared.close()
                copy.close()

            def record(tx: Tx) -> None:
                detail = message("audit_restored", name=name, safety=safety.name)
                audit(tx, user, "restore", detail, moment)
                touch(tx)  # the backup may hold a revision readers have cached

            self._replace_data_from(staged, record)
        return safety


def _copy_data_tables(tx: Tx) -> None:
    """In a transaction with a store attached as ``source``: every table but the security record gets the
    source's rows (a table only the source has is created first)."""
    listing = "SELECT name, sql FROM {}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    current = dict(tx.query(listing.format("main")))
    incoming = dict(tx.query(listing.format("source")))
    for table, create in incoming.items():
        if table not in current and table not in SECURITY_TABLES:
            tx.execute(create)
            for (index,) in tx.query(
                "SELECT sql FROM source.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,),
            ):
                tx.execute(index)
            current[table] = create
    for table in current:
        if table in SECURITY_TABLES:
            continue
        tx.execute(f'DELETE FROM main."{table}"')
        if table not in incoming:
            continue
        ours = [row[0] for row in tx.query("SELECT name FROM pragma_table_info(?, 'main')", (table,))]
        theirs = {row[0] for row in tx.query("SELECT name FROM pragma_table_info(?, 'source')", (table,))}
        columns = ", ".join(f'"{name}"' for name in ours if name in theirs)
        tx.execute(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM source."{table}"')


def _link_unique(source: Path, folder: Path, stem: str) -> Path:
    """Link ``source`` into ``folder`` as ``stem.gpkg`` (or ``stem-2.gpkg`` ... if taken); never overwrites."""
    sequence = 1
    while True:
        target = folder / (f"{stem}.gpkg" if sequence == 1 else f"{stem}-{sequence}.gpkg")
        try:
            os.link(source, target)
        except FileExistsError:
            sequence += 1
            continue
        return target


def _backup_sort_key(path: Path) -> tuple[str, int]:
    match = _BACKUP_NAME.match(path.name)
    assert match is not None
    return match.group(1), int(match.group(2) or 1)
