"""Check a table against its schema and report every problem by file, row and field, in either language.

``validate_frame`` never raises on bad data: it returns the typed frame and a
``ValidationReport``. Callers store or show the data only when the report is ok.
It knows the city: boundaries and areas must lie in or near Ansan, numbers must
be finite, text has a length limit per column. A report lists at most the first
``MAX_LISTED`` problems, with counts by field for the rest. Each problem carries a
code and parameters (``geo.i18n.problems`` words them in Korean and English).

The package: ``report`` (problems and the report), ``cells`` (a column's cells),
``geometry`` (shapes and the city's extent), ``frame`` (a whole table).
"""

from geo.i18n.problems import Message, message
from geo.model.validation.cells import (
    CELL_CONTROL,
    CONTROL_CHARACTERS,
    FALSE_WORDS,
    ID_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PYTHON_WHITESPACE,
    TEXT_MAX_LENGTH,
    TRUE_WORDS,
    control_character_message,
    control_characters,
    control_name,
    max_length,
    visible,
)
from geo.model.validation.frame import validate_frame
from geo.model.validation.geometry import CITY_BOUND_DATASETS, coordinate_problem
from geo.model.validation.report import (
    MAX_LISTED,
    SERVICE_UNIT,
    DataError,
    Problem,
    ValidationReport,
    as_message,
    problem_counts,
    problem_kind,
)

# For a text file that is not UTF-8 (Korean Windows tools save CP949/EUC-KR by default).
NOT_UTF8 = message("not_utf8")

__all__ = [
    "CELL_CONTROL",
    "CITY_BOUND_DATASETS",
    "CONTROL_CHARACTERS",
    "FALSE_WORDS",
    "ID_MAX_LENGTH",
    "MAX_LISTED",
    "NAME_MAX_LENGTH",
    "NOT_UTF8",
    "PYTHON_WHITESPACE",
    "SERVICE_UNIT",
    "TEXT_MAX_LENGTH",
    "TRUE_WORDS",
    "DataError",
    "Message",
    "Problem",
    "ValidationReport",
    "as_message",
    "control_character_message",
    "control_characters",
    "control_name",
    "coordinate_problem",
    "max_length",
    "message",
    "problem_counts",
    "problem_kind",
    "validate_frame",
    "visible",
]
