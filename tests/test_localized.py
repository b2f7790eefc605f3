"""``geo.i18n.localized``: the one rule that picks a data field's text in the screen's language."""

from __future__ import annotations

import math

import pandas as pd

from geo.i18n import GLOSSARY, localized, localized_column


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


def test_every_bundled_department_and_area_kind_has_english(bundled):
    departments = set(bundled.services["department"].dropna())
    assert departments <= set(GLOSSARY["department"])
    for area in bundled.areas.to_dict("records"):
        assert localized(area, "kind", "en") != area["kind_ko"], area["kind_ko"]
