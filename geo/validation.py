"""Check a table against its schema and report every problem, in Korean, by file, row and field.

``validate_frame`` never raises on bad data: it returns the typed frame and a
``ValidationReport``. Callers store or show the data only when the report is ok.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.schema import Column, DatasetSchema

# For a text file that is not UTF-8 (Korean Windows tools save CP949/EUC-KR by default).
NOT_UTF8 = (
    "문자 인코딩이 UTF-8이 아닙니다 (CP949/EUC-KR로 저장된 것 같습니다). "
    "편집기에서 인코딩을 'UTF-8'로 골라 다시 저장한 뒤 다시 시도하세요"
)
TRUE_WORDS = {"true", "1", "yes", "y", "예", "t"}
FALSE_WORDS = {"false", "0", "no", "n", "아니오", "f", ""}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based record number in the file; None for file-wide problems
    field: str | None
    message: str
    unit: str = "피처"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" {self.row}{'행' if self.unit == '행' else '번째 ' + self.unit}"
        if self.field:
            where += f" {self.field}"
        return f"{where}: {self.message}"


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, row: int | None, field_name: str | None, message: str, unit: str = "피처") -> None:
        self.problems.append(Problem(file, row, field_name, message, unit))

    def extend(self, other: ValidationReport) -> None:
        self.problems.extend(other.problems)

    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]

    def to_frame(self) -> pd.DataFrame:
        """The problems as a table with Korean headers, for display and export."""
        return pd.DataFrame(
            [(p.file, p.row, p.field or "", p.message) for p in self.problems],
            columns=["파일", "위치(행/피처)", "항목", "문제"],
        )


class DataError(Exception):
    """Raised by loaders when a dataset cannot be used; carries the full report."""

    def __init__(self, report: ValidationReport):
        self.report = report
        super().__init__("\n".join(report.messages()))


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


def _coerce(value: object, column: Column) -> tuple[object, str | None]:
    """Convert one cell to the column's kind; return (value, error message or None)."""
    if column.kind == "text":
        return str(value).strip(), None
    if column.kind == "bool":
        if isinstance(value, bool):
            return value, None
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, f"'{value}'는 참/거짓 값이 아닙니다 (허용: true, false)"
    if column.kind == "date":
        try:
            return pd.Timestamp(str(value).strip()).date(), None
        except ValueError:
            return None, f"'{value}'는 날짜가 아닙니다 (예: 2026-01-15)"
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None, f"'{value}'는 숫자가 아닙니다"
    if column.kind == "int":
        if number != int(number):
            return None, f"'{value}'는 정수가 아닙니다"
        number = int(number)
    if column.minimum is not None and number < column.minimum:
        return None, f"{value}는 {column.minimum:g} 이상이어야 합니다"
    if column.maximum is not None and number > column.maximum:
        return None, f"{value}는 {column.maximum:g} 이하여야 합니다"
    return number, None


def _check_geometry(geometry: object, schema: DatasetSchema) -> str | None:
    if geometry is None or not isinstance(geometry, BaseGeometry) or geometry.is_empty:
        return "도형(geometry)이 없습니다"
    if schema.geometry_types and geometry.geom_type not in schema.geometry_types:
        allowed = ", ".join(schema.geometry_types)
        return f"도형 종류 {geometry.geom_type}은(는) 허용되지 않습니다 (허용: {allowed})"
    if not geometry.is_valid:
        from shapely.validation import explain_validity

        return f"도형이 올바르지 않습니다 ({explain_validity(geometry)})"
    return None


def validate_frame(
    frame: pd.DataFrame,
    schema: DatasetSchema,
    file: str,
    city_outline: BaseGeometry | None = None,
) -> tuple[pd.DataFrame, ValidationReport]:
    """Check ``frame`` against ``schema`` and return the typed frame and every problem.

    Rows are numbered from 1 in file order. ``city_outline`` (EPSG:4326) is
    required to check ``must_lie_in_city``; without it that check is skipped.
    """
    report = ValidationReport()
    unit = schema.unit_ko
    missing = [c for c in schema.columns if c.required and c.name not in frame.columns]
    for column in missing:
        report.add(file, None, column.name, f"필수 열 '{column.name}'({column.label_ko})이(가) 없습니다", unit)
    if missing:
        return frame, report

    typed = frame.copy()
    for column in schema.columns:
        if column.name not in typed.columns:
            typed[column.name] = False if column.kind == "bool" else None
            continue
        values = []
        for position, raw in enumerate(typed[column.name].tolist(), start=1):
            if _is_blank(raw):
                if not column.nullable and column.kind != "bool":
                    report.add(file, position, column.name, f"{column.label_ko} 값이 비어 있습니다", unit)
                values.append(False if column.kind == "bool" else None)
                continue
            value, error = _coerce(raw, column)
            if error is None and column.vocabulary is not None and value not in column.vocabulary:
                error = f"'{value}'는 허용되지 않는 값입니다 (허용: {', '.join(column.vocabulary)})"
            if error:
                report.add(file, position, column.name, error, unit)
            values.append(value)
        typed[column.name] = pd.Series(values, index=typed.index, dtype=object)

    if schema.id_column:
        ids = typed[schema.id_column]
        duplicated = ids[ids.duplicated(keep="first") & ids.notna()]
        for position, value in zip(_positions(typed, duplicated.index), duplicated):
            report.add(file, position, schema.id_column, f"ID '{value}'가 중복됩니다", unit)

    if "start_before_end" in schema.row_rules:
        for position, (start, end) in enumerate(zip(typed["start_year"], typed["end_year"]), start=1):
            if isinstance(start, int) and isinstance(end, int) and start > end:
                report.add(file, position, "end_year", f"종료 연도 {end}가 시작 연도 {start}보다 앞섭니다", unit)

    if schema.geometry_types is not None:
        geometries = typed.geometry if isinstance(typed, gpd.GeoDataFrame) else None
        if geometries is None:
            report.add(file, None, "geometry", "도형(geometry) 정보가 없습니다", unit)
        else:
            for position, geometry in enumerate(geometries, start=1):
                error = _check_geometry(geometry, schema)
                outside = schema.must_lie_in_city and city_outline is not None
                if error is None and outside and not city_outline.intersects(geometry):
                    error = "도형이 안산시 경계 밖에 있습니다 (좌표계 또는 좌표 순서를 확인하세요)"
                if error:
                    report.add(file, position, "geometry", error, unit)
    return typed, report


def _positions(frame: pd.DataFrame, index: pd.Index) -> list[int]:
    lookup = {label: i for i, label in enumerate(frame.index, start=1)}
    return [lookup[label] for label in index]
