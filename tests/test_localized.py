"""``geo.i18n.localized``: the one rule that picks a data field's text in the screen's language."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from geo.i18n import GLOSSARY, localized, localized_column
from geo.mapping.build import _area_popup_html
from tests.conftest import PROJECT_ROOT


def test_english_field_wins_then_glossary_then_the_korean_proper_name():
    record = {"name_ko": "신길2 공공주택지구", "name_en": "Singil-2 new town", "department": "관광과"}
    assert localized(record, "name", "en") == "Singil-2 new town"
    assert localized(record, "name", "ko") == "신길2 공공주택지구"
    assert localized(record, "department", "en") == "Tourism Division"
    assert localized(record, "department", "ko") == "관광과"
    # No English and no glossary entry: a proper name stays as it is.
    assert localized({"name_ko": "화랑유원지", "name_en": math.nan}, "name", "en") == "화랑유원지"


def test_fields_without_a_ko_suffix_and_missing_values():
    record = pd.Series({"source": "언론 보도(2024-05-20)", "source_en": "News report (2024-05-20)", "facts_ko": None})
    assert localized(record, "source", "en") == "News report (2024-05-20)"
    assert localized(record, "source", "ko") == "언론 보도(2024-05-20)"
    assert localized(record, "facts", "en") == ""
    assert localized({}, "kind", "en") == ""


def test_column_version_keeps_the_index():
    frame = pd.DataFrame({"name_ko": ["가", "나"], "name_en": ["A", ""]}, index=[7, 9])
    assert localized_column(frame, "name", "en").to_dict() == {7: "A", 9: "나"}


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("field", ["name", "department", "kind", "facts", "source", "description_public", "location"])
def test_column_version_gives_what_localized_gives_each_row(bundled, demo, field, lang):
    odd = pd.DataFrame(
        {
            "name_ko": ["가", None, "  ", math.nan, 3],
            "name_en": [None, "B", "", "  ", math.nan],
            "department": ["관광과", None, "없는과", "", "x"],
        }
    )
    for frame in (bundled.services, bundled.areas, demo.services, odd):
        expected = [localized(row, field, lang) for row in frame.to_dict("records")]
        assert localized_column(frame, field, lang).tolist() == expected


def test_every_bundled_department_and_area_kind_has_english(bundled):
    departments = set(bundled.services["department"].dropna())
    assert departments <= set(GLOSSARY["department"])
    for area in bundled.areas.to_dict("records"):
        assert localized(area, "kind", "en") != area["kind_ko"], area["kind_ko"]


def test_no_module_picks_a_language_field_by_hand():
    # `name_en if lang == "en" else name_ko` spelled again would drift from localized() (glossary, blanks, NaN).
    by_hand = re.compile(r"lang == .en..*_en\b|_en\b.*lang == .en.")
    found = []
    for package in ("geo", "ui", "app_pages"):
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if path.parent.name == "i18n":
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            found += [f"{path.name}:{n}" for n, line in enumerate(lines, 1) if by_hand.search(line)]
    assert found == []


def test_area_popup_reads_every_field_in_english(bundled):
    area = bundled.areas.loc[bundled.areas["area_id"] == "gfez"].iloc[0].to_dict()
    popup = _area_popup_html(area, "en")
    assert localized(area, "name", "en") in popup and "Free economic zone" in popup
    assert "지도 도형 기준" not in popup and "measured on the map outline" in popup
