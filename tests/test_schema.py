"""The data contract's own helpers: the funding split of a service (geo.model.schema.parse_funding_split)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.model.schema import SERVICES, parse_funding_split
from geo.model.vocab import BUDGET_BASIS_TERMS, FUNDING_TERMS


def test_a_funding_split_reads_as_amounts_in_100m_krw_by_funding_source():
    assert parse_funding_split('{"국비": 200, "도비": 60, "시비": 217}') == {"국비": 200.0, "도비": 60.0, "시비": 217.0}
    assert parse_funding_split('{"국비": 84.3, "지방비": 14.2}') == {"국비": 84.3, "지방비": 14.2}
    assert parse_funding_split('{"민자": 0}') == {"민자": 0.0}


@pytest.mark.parametrize(
    "text",
    ["", "국비 80", "null", "[]", "{}", '{"국비": true}', '{"국비": NaN}', '{"국비": Infinity}', '{"시청": 1}'],
)
def test_anything_else_is_refused_with_a_korean_message(text):
    with pytest.raises(ValueError, match=r"JSON 객체|허용되지 않는 값|0 이상의 숫자"):
        parse_funding_split(text)


def test_the_new_service_columns_are_optional_and_labelled():
    columns = {c.name: c for c in SERVICES.columns}
    assert (columns["parent_id"].label_ko, columns["budget_basis"].label_ko) == ("상위 사업 ID", "사업비 기준")
    assert all(not columns[n].required and columns[n].nullable for n in ("parent_id", "budget_basis", "funding_split"))
    assert columns["budget_basis"].vocabulary == ("total", "national_share", "one_year", "with_other_city")
    assert [BUDGET_BASIS_TERMS[v].ko for v in columns["budget_basis"].vocabulary] == [
        "총사업비",
        "국비만",
        "한 해 분",
        "다른 시 몫 포함",
    ]
    assert FUNDING_TERMS["지방비"].en == "Local (unsplit)"
    assert len({term.colour for term in FUNDING_TERMS.values()}) == len(FUNDING_TERMS)


def test_the_write_modes_are_defined_once_and_the_store_importer_cli_and_page_take_them_from_there():
    import re

    from geo.model.schema import WRITE_MODES

    assert WRITE_MODES == ("replace", "append")
    spelled = re.compile(r"""[\[(]\s*["']replace["']\s*,\s*["']append["']""")
    root = Path(__file__).resolve().parents[1]
    places = [p for folder in ("geo", "ui", "app_pages") for p in (root / folder).rglob("*.py")]
    again = [str(p.relative_to(root)) for p in places if spelled.search(p.read_text(encoding="utf-8"))]
    assert again == ["geo/model/schema.py"]
