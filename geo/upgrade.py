"""What to do with a store created from data files that have changed since (for example after an upgrade).

A store made from the old bundled samples must not keep showing them silently
once the bundled data is the reported projects. The rule, decided here once:

- the data folder's files are unchanged since the store was made: keep it;
- they changed and the store holds only what it was created with (no staff
  edit, import, restore or reference-layer change): rebuild it from the data
  folder, after a backup, so the new data shows by itself;
- they changed and staff have changed the store: keep it, and say so on the
  data page with a preview of the new data; staff re-import it there (the
  import path makes its own backup). Edits are never overwritten unasked.

Only the embedded GeoPackage store is rebuilt automatically; a shared PostGIS
store gets the notice instead, since other instances may be using it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from geo.i18n.problems import Message, message
from geo.loaders import load_dashboard_data
from geo.store import SEED_USER, BackupInfo, GeoPackageStore, Store

# Audit actions the store writes by itself (creating it, adding tables a newer version needs).
_SELF_ACTIONS = frozenset({"initialise", "upgrade"})


class UpgradeAction(StrEnum):
    KEEP = "keep"
    REBUILD = "rebuild"
    NOTICE = "notice"


@dataclass(frozen=True)
class UpgradeDecision:
    """The action for a store and why: ``staff_changes`` counts edits, imports and restores found."""

    action: UpgradeAction
    staff_changes: int
    reason: Message  # worded in the reader's language with reason.text(lang)


@dataclass(frozen=True)
class UpgradeOutcome:
    """What was done: the decision, and the backup made before a rebuild."""

    decision: UpgradeDecision
    backup: BackupInfo | None = None


def staff_changes(store: Store) -> int:
    """How many changes people made to the store: edited or imported fields and audited actions.

    Reads only the change history and the audit log, whose columns every store
    version has, so it works on a store made by an older version.
    """
    history = store.change_history()
    audit = store.audit_log()
    # Failed sign-ins are audited too, but change no data.
    by_people = ((audit["user"] != SEED_USER) | ~audit["action"].isin(_SELF_ACTIONS)) & ~audit["action"].str.startswith(
        "sign-in:"
    )
    return int((history["source"] != "seed").sum()) + int(by_people.sum())


def decide_store_upgrade(store: Store, data_dir: Path) -> UpgradeDecision:
    """The action for ``store`` given the data folder it is opened with (module docstring has the rule)."""
    if not store.is_initialised() or not store.seed_is_outdated(data_dir):
        return UpgradeDecision(UpgradeAction.KEEP, 0, message("upgrade_same_data"))
    changes = staff_changes(store)
    if changes:
        return UpgradeDecision(UpgradeAction.NOTICE, changes, message("upgrade_staff_changes", changes=changes))
    if not isinstance(store, GeoPackageStore):
        return UpgradeDecision(UpgradeAction.NOTICE, 0, message("upgrade_shared_database"))
    return UpgradeDecision(UpgradeAction.REBUILD, 0, message("upgrade_no_staff_changes"))


def rebuild_store(store: GeoPackageStore, data_dir: Path, now: datetime | None = None) -> BackupInfo:
    """Back the store up, then create it again from ``data_dir``; return the backup.

    The data folder is read and checked first: if it is not valid, DataError is
    raised and the store is left as it was.
    """
    load_dashboard_data(data_dir)
    backup = store.backup(now=now)
    store.rebuild(data_dir, now=now)  # in one step: a crash leaves the old store, never none
    return backup


@dataclass(frozen=True)
class UpgradePreview:
    """What a re-import of the data folder would bring, beside what the store holds now."""

    new_services: int
    new_samples: int
    stored_services: int


def upgrade_preview(store: Store, data_dir: Path) -> UpgradePreview:
    """Counts for the data page's notice; raises DataError if the data folder is not valid."""
    data = load_dashboard_data(data_dir)
    return UpgradePreview(len(data.services), int(data.services["is_sample"].sum()), len(store.service_versions()))


def upgrade_store(store: Store, data_dir: Path, now: datetime | None = None) -> UpgradeOutcome:
    """Decide, and rebuild when the decision says so (the app calls this once when it opens the store)."""
    decision = decide_store_upgrade(store, data_dir)
    if decision.action is UpgradeAction.REBUILD and isinstance(store, GeoPackageStore):
        return UpgradeOutcome(decision, rebuild_store(store, data_dir, now))
    return UpgradeOutcome(decision)
