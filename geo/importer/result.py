"""What a preview found: ``ImportPreview``, its lines for the command line, and the refusal of a bad commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from geo.i18n import t
from geo.i18n.problems import Label, Message, message, render
from geo.importer.mapping import (
    how_label,
    map_arguments,
)
from geo.model.schema import WriteMode
from geo.model.validation import MAX_LISTED, ValidationReport
from geo.store import LAYERS, StoreError

PROBLEMS_LISTED = MAX_LISTED  # a file with 100,000 bad rows lists this many, then counts by kind


def problem_lines(report: ValidationReport, limit: int = PROBLEMS_LISTED, lang: str = "ko") -> list[str]:
    """'검증: 문제 N개' with the first ``limit`` problems and, when there are more, the counts by kind, in ``lang``."""
    problems = report.problems
    lines = [render("summary.problems", {"count": len(problems)}, lang)]
    lines += [f"  - {p.line(lang)}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(render("summary.more", {"count": len(problems) - limit}, lang))
        file_word = render("where.file", {}, lang)
        lines += [
            render("summary.kind", {"count": count, "field": field_name or file_word, "kind": kind}, lang)
            for field_name, kind, count in report.counts_by_kind(lang)
        ]
    return lines


@dataclass
class ImportPreview:
    """What an import would write, for the staff to check before ``commit_import``.

    Attributes
    ----------
    layer : str
        ``services``, ``areas`` or ``boundaries``.
    file_name : str
        The file's name as the user knows it (used in every message).
    feature_count : int
        Features (rows) read from the file; 0 when it could not be read.
    frame : GeoDataFrame or None
        The typed schema columns and geometry, EPSG:4326; None when unreadable.
    report : ValidationReport
        Every problem, as a code worded per language, by feature/row number and field.
    notes : list of Message
        What was done to the data: CRS conversion, encoding, repairs, dropped columns; ``note_lines`` words them.
    mapping : dict
        The column mapping applied (source column → schema column); remembered on commit.
    derived : GeoDataFrame or None
        Rows made from the file, written with it in ``replace`` mode only (gu and
        city outlines dissolved from an imported dong layer).
    """

    layer: str
    file_name: str
    feature_count: int = 0
    frame: gpd.GeoDataFrame | None = None
    report: ValidationReport = field(default_factory=ValidationReport)
    notes: list[Message] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    source_crs: Label | None = None
    encoding: Label | None = None
    bounds: tuple[float, float, float, float] | None = None  # lon/lat: minx, miny, maxx, maxy
    ids_in_store: list[str] = field(default_factory=list)
    stored_count: int = 0  # rows of the layer in the store now: all of them go in a replace
    derived: gpd.GeoDataFrame | None = None
    columns: list[str] = field(default_factory=list)  # the file's own columns, for choosing a mapping
    mapping_how: dict[str, str] = field(default_factory=dict)  # source column → how it was chosen
    defaults: dict[str, Message] = field(default_factory=dict)  # schema column → the value filled in, and why
    crs_guessed: bool = False
    coordinates: tuple[str, str] | None = None  # a table's x and y columns
    first_row: int = 1  # a table's spreadsheet row of the first record; problems are numbered from it
    lang: str = "ko"  # the reader's language: summary and problem lines are worded in it

    def map_arguments(self) -> str:
        """The ``--map`` arguments that reproduce this preview's column mapping on the command line."""
        return map_arguments(self.mapping)

    @property
    def ok(self) -> bool:
        """True when the preview can be committed."""
        return self.report.ok and self.frame is not None

    def note_lines(self, lang: str = "ko") -> list[str]:
        """The notes worded in ``lang``."""
        return [note.text(lang) for note in self.notes]

    def default_values(self, lang: str = "ko") -> dict[str, str]:
        """Each filled-in column's value and why, worded in ``lang``."""
        return {column: value.text(lang) for column, value in self.defaults.items()}

    def summary_lines(
        self, limit: int = PROBLEMS_LISTED, mode: WriteMode | None = None, lang: str | None = None
    ) -> list[str]:
        """The preview as lines for the command line; at most ``limit`` problems, then counts by kind.

        ``mode`` is the write that will follow (``None``: not decided, both are described); ``lang`` the
        reader's language (default: the preview's).
        """
        lang = lang or self.lang
        schema = LAYERS[self.layer]

        def say(key: str, **values: object) -> str:
            return render(f"summary.{key}", values, lang)

        lines = [
            say("file", file=self.file_name, label=schema.label_ko, layer=self.layer),
            say("count_rows" if schema.unit_ko == "행" else "count_features", count=self.feature_count),
        ]
        if self.source_crs:
            lines.append(say("crs", crs=self.source_crs))
        if self.encoding:
            lines.append(say("encoding", encoding=self.encoding))
        if self.bounds:
            minx, miny, maxx, maxy = self.bounds
            lines.append(say("bounds", minx=minx, maxx=maxx, miny=miny, maxy=maxy))
        if self.coordinates:
            lines.append(say("coordinates", x=self.coordinates[0], y=self.coordinates[1]))
        if self.mapping:
            pairs = ", ".join(
                f"{s} → {t}" + (f" ({how_label(self.mapping_how[s], lang)})" if s in self.mapping_how else "")
                for s, t in self.mapping.items()
            )
            lines.append(say("mapping", pairs=pairs))
            lines.append(say("mapping_cli", arguments=self.map_arguments()))
        if self.defaults:
            values = "; ".join(f"{c} = {v}" for c, v in self.default_values(lang).items())
            lines.append(say("defaults", values=values))
        lines += self._store_lines(mode, lang)
        if self.derived is not None:
            lines.append(say("derived", names=", ".join(self.derived["name_ko"])))
        lines += [say("note", note=note) for note in self.notes]
        if self.ok:
            lines.append(say("no_problems"))
        else:
            lines += problem_lines(self.report, limit, lang)
        return lines

    def replace_text(self, lang: str = "ko") -> str:
        """What a replace does to the stored rows, e.g. "저장된 25개를 모두 지우고 1개로 바꿉니다"."""
        count = len(self.frame) if self.frame is not None else self.feature_count
        return render("replace_does", {"stored": self.stored_count, "new": count}, lang)

    def replace_notice(self, layer_label: str, lang: str = "ko") -> str | None:
        """What "replace" does, for the data page: every stored row of the layer goes, with the counts.

        None when the layer holds nothing yet (a replace then only adds).
        """
        if not self.stored_count:
            return None
        new = len(self.frame) if self.frame is not None else self.feature_count
        notice = t("data.import.replace_notice", lang, layer=layer_label, stored=self.stored_count, new=new)
        same = len(self.ids_in_store)
        if same:
            notice += t("data.import.replace_same_ids", lang, same=same, gone=self.stored_count - same)
        return notice

    def _store_lines(self, mode: WriteMode | None, lang: str = "ko") -> list[str]:
        """What the write does to what is stored: a replace removes every stored row, not only the same ids."""
        lines = []
        same = len(self.ids_in_store)
        if self.stored_count and mode != "append":
            new = len(self.frame) if self.frame is not None else self.feature_count
            kept = (
                render("summary.replace_kept", {"same": same, "gone": self.stored_count - same}, lang) if same else ""
            )
            lines.append(render("summary.replace", {"stored": self.stored_count, "new": new, "kept": kept}, lang))
        if same and mode != "replace":
            lines.append(render("summary.append_refused", {"same": same}, lang))
        return lines


class ImportRejectedError(StoreError):
    """``commit_import`` (or ``commit_reference``) was given a preview with problems; nothing was written."""

    def __init__(self, preview: ImportPreview | Any):
        self.preview = preview
        first = {lang: "".join(f"\n- {m}" for m in preview.report.messages(lang=lang)[:3]) for lang in ("ko", "en")}
        super().__init__(
            message("import_rejected", file=preview.file_name, count=len(preview.report.problems), first=first)
        )
