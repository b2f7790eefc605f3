"""Vendored browser libraries (static/lib): files unchanged since they were copied, and every library
in a bundle with its licence.

``static/lib/CHECKSUMS`` (``sha256sum`` format) lists every upstream file; our own notes (README.md)
are not listed. A library that bundles another (supercluster bundles KDBush) carries both licences.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from tests.conftest import PROJECT_ROOT

LIB = PROJECT_ROOT / "static" / "lib"
CHECKSUMS = LIB / "CHECKSUMS"
OUR_NOTES = {"README.md"}

# Each vendored folder: the libraries inside its files, each with its licence file and copyright holder.
BUNDLED_LICENCES = {
    "supercluster": {
        "supercluster": ("LICENSE", "Mapbox"),
        "kdbush": ("LICENSE-kdbush", "Vladimir Agafonkin"),
    },
    # axe-core bundles many small libraries; the package's own LICENSE-3RD-PARTY.txt lists them.
    "axe-core": {"axe-core": ("LICENSE", "Deque Systems, Inc.")},
}
ISC_GRANT = "Permission to use, copy, modify, and/or distribute this software for any purpose"
# The main file of each folder and the README line naming its checksum.
MAIN_FILES = {"supercluster": "supercluster.min.js", "axe-core": "axe.min.js"}


def listed_checksums() -> dict[str, str]:
    sums = {}
    for line in CHECKSUMS.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})  \./(\S+)", line)
        assert match, f"CHECKSUMS line not in sha256sum format: {line!r}"
        sums[match[2]] = match[1]
    return sums


def vendored_files() -> set[str]:
    return {
        str(path.relative_to(LIB))
        for path in LIB.rglob("*")
        if path.is_file() and path != CHECKSUMS and path.name not in OUR_NOTES
    }


def test_every_vendored_file_is_listed_with_its_sha256_and_unchanged():
    sums = listed_checksums()
    assert set(sums) == vendored_files()
    changed = [name for name, digest in sums.items() if hashlib.sha256((LIB / name).read_bytes()).hexdigest() != digest]
    assert changed == [], f"vendored files changed since they were copied: {changed}"


@pytest.mark.parametrize(("folder", "main"), MAIN_FILES.items())
def test_the_readme_names_the_same_checksum_as_the_manifest(folder, main):
    readme = (LIB / folder / "README.md").read_text(encoding="utf-8")
    assert f"sha256 `{listed_checksums()[f'{folder}/{main}']}`" in readme


def test_axe_core_carries_its_mpl_licence_and_the_list_of_what_it_bundles():
    folder = LIB / "axe-core"
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("Mozilla Public License, version 2.0")
    header = (folder / "axe.min.js").read_text(encoding="utf-8")[:400]
    assert "axe v4.14.1" in header and "Deque Systems, Inc." in header and "Mozilla Public" in header
    assert "MIT License" in (folder / "LICENSE-3RD-PARTY.txt").read_text(encoding="utf-8")


def test_every_vendored_folder_declares_its_bundled_libraries():
    folders = {path.name for path in LIB.iterdir() if path.is_dir()}
    assert folders == set(BUNDLED_LICENCES)


@pytest.mark.parametrize(
    ("folder", "library"), [(folder, library) for folder, libs in BUNDLED_LICENCES.items() for library in libs]
)
def test_each_library_in_a_bundle_has_its_licence(folder, library):
    file_name, holder = BUNDLED_LICENCES[folder][library]
    licence = (LIB / folder / file_name).read_text(encoding="utf-8")
    if folder == "axe-core":  # MPL-2.0: the holder is named in the file's header (test above)
        assert "Mozilla Public License" in licence
        return
    assert licence.startswith("ISC License")
    assert re.search(rf"Copyright \(c\) \d{{4}}, {re.escape(holder)}", licence)
    assert ISC_GRANT in licence
