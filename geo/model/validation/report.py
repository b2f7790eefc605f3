"""A validation report: problems with a place (file, row, field) and a coded message, worded per language."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from geo.i18n.problems import Message, free_text, message, render

# Problems listed one by one in messages and tables; the rest are counted by field.
MAX_LISTED = 200
# How a problem's position is counted: features of a vector file, rows of a table, layers of a manifest.
_WHERE = {"피처": "where.feature", "행": "where.row", "번째 레이어": "where.layer"}
#: ``Problem.unit`` of a problem in one stored service (an edit): ``file`` is the service id.
SERVICE_UNIT = "service"


@dataclass(frozen=True)
class Problem:
    """One problem: where (``file``, 1-based ``row``, ``field``) and what (``detail``, a coded message).

    ``message`` is the Korean text (what logs and exceptions say); ``text(lang)`` words it for a reader.
    """

    file: str
    row: int | None  # 1-based record number in the file; None for file-wide problems
    field: str | None
    detail: Message
    unit: str = "피처"

    @property
    def code(self) -> str:
        return self.detail.code

    @property
    def message(self) -> str:
        return self.detail.text("ko")

    def text(self, lang: str = "ko") -> str:
        """What is wrong, in ``lang``."""
        return self.detail.text(lang)

    def line(self, lang: str = "ko") -> str:
        """``file 12행 status: message`` in ``lang``."""
        where = self.file
        if self.unit == SERVICE_UNIT:
            where = render("where.service", {"file": self.file}, lang)
        elif self.row is not None:
            where = render(_WHERE.get(self.unit, "where.feature"), {"file": self.file, "row": self.row}, lang)
        if self.field:
            where += f" {self.field}"
        return f"{where}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.line("ko")


def as_message(text: str | Message) -> Message:
    """``text`` as a message: coded messages as they are, worded text kept as free text."""
    return text if isinstance(text, Message) else free_text(text)


def problem_kind(text: str) -> str:
    """A problem's kind for counting: its message without the row's own values (quoted text, numbers)."""
    return re.sub(r"\d[\d,.]*", "N", re.sub(r"'[^']*'", "'…'", text))[:80]


def problem_counts(problems: Iterable[Problem], lang: str = "ko") -> list[tuple[str, str, int]]:
    """(field, kind, count) for every kind of problem, most frequent first, worded in ``lang``."""
    counts = Counter((p.field or "", problem_kind(p.text(lang))) for p in problems)
    return [(field_name, kind, count) for (field_name, kind), count in counts.most_common()]


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def codes(self) -> list[str]:
        """The problems' codes in order (what tests and callers compare, not the words)."""
        return [p.code for p in self.problems]

    def add(
        self, file: str, row: int | None, field_name: str | None, detail: str | Message, unit: str = "피처"
    ) -> None:
        self.problems.append(Problem(file, row, field_name, as_message(detail), unit))

    def extend(self, other: ValidationReport) -> None:
        self.problems.extend(other.problems)

    def counts_by_kind(self, lang: str = "ko") -> list[tuple[str, str, int]]:
        """(field, kind, count) for every kind of problem, most frequent first (file-wide problems: field ``""``)."""
        return problem_counts(self.problems, lang)

    def _rest(self, limit: int, lang: str) -> str | None:
        hidden = len(self.problems) - limit
        if hidden <= 0:
            return None
        file_word = render("where.file", {}, lang)
        kinds = "; ".join(
            render("rest.kind", {"field": name or file_word, "kind": kind, "count": count}, lang)
            for name, kind, count in self.counts_by_kind(lang)
        )
        return render("rest", {"hidden": hidden, "total": len(self.problems), "kinds": kinds}, lang)

    def messages(self, limit: int = MAX_LISTED, lang: str = "ko") -> list[str]:
        """The first ``limit`` problems, then one line counting all of them by field, in ``lang``."""
        lines = [p.line(lang) for p in self.problems[:limit]]
        rest = self._rest(limit, lang)
        return [*lines, rest] if rest else lines

    def to_frame(self, limit: int = MAX_LISTED, lang: str = "ko") -> pd.DataFrame:
        """The first ``limit`` problems as a table with headers in ``lang`` (a last row counts the rest)."""
        rows: list[tuple[str, int | None, str, str]] = [
            (p.file, p.row, p.field or "", p.text(lang)) for p in self.problems[:limit]
        ]
        rest = self._rest(limit, lang)
        if rest:
            rows.append(("", None, "", rest))
        headers = [render(f"col.{name}", {}, lang) for name in ("file", "where", "field", "message")]
        return pd.DataFrame(rows, columns=headers)


class DataError(Exception):
    """Raised by loaders when a dataset cannot be used; carries the full report."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__("\n".join(report.messages()))


__all__ = [
    "MAX_LISTED",
    "DataError",
    "Message",
    "Problem",
    "ValidationReport",
    "as_message",
    "message",
    "problem_counts",
    "problem_kind",
]
