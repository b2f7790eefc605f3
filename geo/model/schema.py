"""Data contracts, declared once: the columns, vocabularies and geometry of each dataset.

The loader, the importer, the editor and the tests all read these schemas;
a column's Korean label here is the one shown in messages and tables.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal, get_args

from geo.i18n.problems import render
from geo.model.vocab import (
    ACCURACY_VALUES,
    AREA_TERMS,
    BOUNDARY_LEVELS,
    BUDGET_BASIS_TERMS,
    DIRECTION_TERMS,
    DOMAIN_TERMS,
    FUNDING_TERMS,
    LOCATION_ACCURACY_TERMS,
    PHASE_TERMS,
    STATUS_TERMS,
    Term,
)

#: How a file is written into a stored layer: ``replace`` its rows, or ``append`` to them (new ids only). The one
#: definition: the store, the importer, the command line and the data page take their choices from here.
WriteMode = Literal["replace", "append"]
WRITE_MODES: tuple[WriteMode, ...] = get_args(WriteMode)

ColumnKind = Literal["text", "int", "float", "bool", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    label_ko: str
    kind: ColumnKind = "text"
    required: bool = True
    nullable: bool = False
    vocabulary: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None  # text only; None: geo.model.validation's limit for the kind of column
    # The vocabulary's terms, when it has labels: messages name the Korean labels, imports accept them for the id.
    terms: tuple[Term, ...] = ()


def _terms(terms: Mapping[str, Term]) -> dict[str, Any]:
    """A vocabulary column's ``vocabulary`` and ``terms`` from one of geo.model.vocab's term tables."""
    return {"vocabulary": tuple(terms), "terms": tuple(terms.values())}


@dataclass(frozen=True)
class DatasetSchema:
    name: str
    file_name: str
    label_ko: str
    columns: tuple[Column, ...]
    id_column: str | None = None
    geometry_types: tuple[str, ...] | None = None
    must_lie_in_city: bool = False
    unit_ko: str = "피처"
    # Checks across columns, by name; see geo.model.validation.
    row_rules: tuple[str, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def labels_ko(self) -> dict[str, str]:
        return {c.name: c.label_ko for c in self.columns}


SERVICES = DatasetSchema(
    name="services",
    file_name="services.geojson",
    label_ko="스마트서비스",
    id_column="service_id",
    geometry_types=("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"),
    must_lie_in_city=True,
    row_rules=("start_before_end", "parent_in_data", "funding_split"),
    columns=(
        Column("service_id", "서비스 ID"),
        Column("name_ko", "서비스명"),
        Column("name_en", "서비스명(영문)", required=False, nullable=True),
        Column("domain", "서비스 분야", **_terms(DOMAIN_TERMS)),
        # Reported projects give no plan direction, phase, period, budget, funding or department
        # when no source does: those stay empty and screens say "보도되지 않음" (never a guess).
        Column("direction", "추진 방향", **_terms(DIRECTION_TERMS), required=False, nullable=True),
        Column("area_id", "대상지", **_terms(AREA_TERMS)),
        Column("status", "추진 상태", **_terms(STATUS_TERMS)),
        Column("phase", "추진 단계", **_terms(PHASE_TERMS), required=False, nullable=True),
        Column("start_year", "시작 연도", "int", required=False, nullable=True, minimum=1990, maximum=2060),
        Column("end_year", "종료 연도", "int", required=False, nullable=True, minimum=1990, maximum=2060),
        Column("budget_krw_100m", "사업비(억원)", "float", required=False, nullable=True, minimum=0, maximum=100_000),
        Column("funding", "재원", **_terms(FUNDING_TERMS), required=False, nullable=True),
        Column("department", "담당 부서", required=False, nullable=True),
        Column("description_public", "시민 안내", required=False, nullable=True),
        Column("updated_at", "갱신일", "date"),
        Column("is_sample", "예시 여부", "bool", required=False),
        # Provenance and English text of reported (real) projects; empty for samples and plain imports.
        Column("description_public_en", "시민 안내(영문)", required=False, nullable=True),
        Column("domain_reported", "보도된 분야", required=False, nullable=True),
        Column("status_reported_ko", "보도된 상태", required=False, nullable=True),
        Column("status_reported_en", "보도된 상태(영문)", required=False, nullable=True),
        Column("budget_note_ko", "사업비 내역(보도)", required=False, nullable=True),
        Column("budget_note_en", "사업비 내역(영문)", required=False, nullable=True),
        Column("location_ko", "위치(보도)", required=False, nullable=True),
        Column("location_en", "위치(영문)", required=False, nullable=True),
        Column(
            "location_accuracy",
            "위치 표시 방법",
            required=False,
            nullable=True,
            **_terms(LOCATION_ACCURACY_TERMS),
        ),
        Column("source", "출처", required=False, nullable=True),
        Column("source_url", "출처 주소", required=False, nullable=True),
        Column("sources_other", "다른 출처", required=False, nullable=True),
        Column("reported_on", "보도일", "date", required=False, nullable=True),
        # JSON list of facts on which sources disagree (see geo.details.conflicts).
        Column("conflicts", "출처 간 차이", required=False, nullable=True),
        # English of the same sources (outlets as they spell themselves in English); English screens
        # fall back to the Korean source where these are empty (older stores, plain imports).
        Column("source_en", "출처(영문)", required=False, nullable=True),
        Column("sources_other_en", "다른 출처(영문)", required=False, nullable=True),
        # A project that is part of a programme names the programme's service_id (ANS-02..07 → ANS-01),
        # so totals count the programme's budget once; it must be a service of the same data, not itself.
        Column("parent_id", "상위 사업 ID", required=False, nullable=True),
        # What the reported budget covers (geo.model.vocab.BUDGET_BASIS_TERMS); empty where the source does not say.
        Column("budget_basis", "사업비 기준", **_terms(BUDGET_BASIS_TERMS), required=False, nullable=True),
        # The reported split of the budget by funding source, as a JSON object {재원: 억원}, e.g.
        # {"국비": 41, "시비": 27}; read it with parse_funding_split.
        Column("funding_split", "재원 분담(억원)", required=False, nullable=True),
    ),
)


def services_schema(area_ids: Iterable[str] = ()) -> DatasetSchema:
    """:data:`SERVICES` whose ``area_id`` also accepts ``area_ids`` (the store's areas layer): an area imported
    beside the plan's five can hold services, so it shows on every page like them."""
    return _services_schema(tuple(sorted({str(a) for a in area_ids})))


@cache
def _services_schema(extra: tuple[str, ...]) -> DatasetSchema:
    def widened(column: Column) -> Column:
        if column.name != "area_id" or column.vocabulary is None:
            return column
        known = set(column.vocabulary)
        return replace(column, vocabulary=(*column.vocabulary, *(a for a in extra if a not in known)))

    return SERVICES if not extra else replace(SERVICES, columns=tuple(map(widened, SERVICES.columns)))


AREAS = DatasetSchema(
    name="areas",
    file_name="areas.geojson",
    label_ko="개발 대상지",
    id_column="area_id",
    geometry_types=("Polygon", "MultiPolygon"),
    must_lie_in_city=True,
    columns=(
        Column("area_id", "대상지 ID"),
        Column("name_ko", "대상지명"),
        Column("name_en", "대상지명(영문)", required=False, nullable=True),
        Column("kind_ko", "유형"),
        Column("location_ko", "위치", required=False, nullable=True),
        Column("reported_area_m2", "보도 면적(㎡)", "float", required=False, nullable=True, minimum=0),
        Column("homes", "주택(호)", "int", required=False, nullable=True, minimum=0),
        Column("residents", "계획 인구(명)", "int", required=False, nullable=True, minimum=0),
        Column("facts_ko", "주요 사실", required=False, nullable=True),
        Column("facts_en", "주요 사실(영문)", required=False, nullable=True),
        Column("source", "출처"),
        Column("accuracy", "경계 정확도", vocabulary=ACCURACY_VALUES),
        Column("outline_source", "경계 출처", required=False, nullable=True),
        Column("kind_en", "유형(영문)", required=False, nullable=True),
        Column("location_en", "위치(영문)", required=False, nullable=True),
        Column("source_url", "출처 주소", required=False, nullable=True),
        Column("conflicts", "출처 간 차이", required=False, nullable=True),
        Column("source_en", "출처(영문)", required=False, nullable=True),
    ),
)

BOUNDARIES = DatasetSchema(
    name="boundaries",
    file_name="boundaries.geojson",
    label_ko="행정 경계",
    id_column="boundary_id",
    geometry_types=("Polygon", "MultiPolygon"),
    columns=(
        Column("boundary_id", "경계 ID"),
        Column("level", "구분", vocabulary=BOUNDARY_LEVELS),
        Column("name_ko", "이름"),
        Column("name_en", "이름(영문)", required=False, nullable=True),
        Column("gu", "구", required=False, nullable=True),
        Column("source", "출처"),
        Column("accuracy", "경계 정확도", vocabulary=ACCURACY_VALUES),
    ),
)

STATUS_HISTORY = DatasetSchema(
    name="status_history",
    file_name="status_history.csv",
    label_ko="상태 변경 이력",
    unit_ko="행",
    columns=(
        Column("service_id", "서비스 ID"),
        Column("changed_at", "변경일", "date"),
        Column("old_status", "이전 상태", **_terms(STATUS_TERMS), nullable=True),
        Column("new_status", "새 상태", **_terms(STATUS_TERMS)),
        Column("changed_by", "변경자"),
        Column("reason", "사유", required=False, nullable=True),
        # The same reason in English (reported events, by the builder); empty for staff edits and imports.
        Column("reason_en", "사유(영문)", required=False, nullable=True),
        Column("is_sample", "예시 여부", "bool", required=False),
    ),
)

ALL_SCHEMAS = (SERVICES, AREAS, BOUNDARIES, STATUS_HISTORY)


class FundingSplitError(ValueError):
    """A ``funding_split`` cell that is not an object of funding sources and amounts: a problem code and values."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(render(code, params, "ko"))


def parse_funding_split(text: str) -> dict[str, float]:
    """The budget split of a ``funding_split`` cell: each funding source and its amount in 억원.

    Parameters
    ----------
    text : str
        A JSON object whose keys are funding terms of ``geo.model.vocab.FUNDING_TERMS`` (국비, 도비, 시비,
        지방비, 민자) and whose values are non-negative numbers in 억원, e.g. ``{"국비": 41, "시비": 27}``.

    Returns
    -------
    dict[str, float]
        The amounts in the order the cell gives them.

    Raises
    ------
    FundingSplitError
        A ``ValueError`` whose ``code`` and ``params`` name the problem (``geo.i18n.problems`` words it);
        its text is the Korean message.
    """
    example = '{"국비": 41, "시비": 27}'
    try:
        split = json.loads(text)
    except (TypeError, ValueError):
        raise FundingSplitError("funding_not_json", value=_shortened(text), example=example) from None
    if not isinstance(split, dict) or not split:
        raise FundingSplitError("funding_not_object", value=_shortened(text), example=example)
    amounts: dict[str, float] = {}
    for funding, amount in split.items():
        if funding not in FUNDING_TERMS:
            raise FundingSplitError("funding_unknown", funding=_shortened(funding), allowed=list(FUNDING_TERMS))
        number_like = isinstance(amount, int | float) and not isinstance(amount, bool)
        if not number_like or not math.isfinite(amount) or amount < 0:
            raise FundingSplitError("funding_amount", funding=funding, amount=_shortened(amount))
        amounts[funding] = float(amount)
    return amounts


def _shortened(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"
