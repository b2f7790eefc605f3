"""The lookups: ``t`` for screen text, ``localized`` for bilingual data fields."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import pandas as pd

from geo.i18n import access, access_report, audience, cli, common, data, districts, kiosk_access, maps, problems, voice

Lang = Literal["ko", "en"]
LANGUAGES: tuple[Lang, ...] = ("ko", "en")

#: Every screen text by key, from the tables per area (a key belongs to exactly one table).
TEXTS: dict[str, dict[str, str]] = {
    **common.TEXTS,
    **maps.TEXTS,
    **districts.TEXTS,
    **audience.TEXTS,
    **data.TEXTS,
    **voice.TEXTS,  # citizens' voice
    **problems.TEXTS,  # problem messages of validation, io, importer and store
    **access.TEXTS,  # read aloud, phone view, accessibility report
    **kiosk_access.TEXTS,  # the kiosk's modes, time controls and help
    **access_report.TEXTS,  # the accessibility self-assessment's table
    **cli.TEXTS,  # the command line's help and lines (python -m geo)
}


def t(key: str, lang: str = "ko", **values: object) -> str:
    """The text for ``key`` in ``lang`` (Korean when the language is unknown)."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    # An empty English text is deliberate (no unit suffix), so only a missing one falls back.
    text = entry[lang] if lang in entry else entry["ko"]
    return text.format(**values) if values else text


def language_in(argv: Sequence[str]) -> str:
    """The ``--lang`` a command line names (``--lang en`` or ``--lang=en``; Korean by default), read before
    argparse parses it, so the help and the usage errors are worded in it too."""
    lang = "ko"
    for i, word in enumerate(argv):
        given = argv[i + 1] if word == "--lang" and i + 1 < len(argv) else word.removeprefix("--lang=")
        if (word == "--lang" or word.startswith("--lang=")) and given in LANGUAGES:
            lang = given
    return lang


# --- audience: one rule for data fields shown in either language ---------------------------------

#: English for data values that are not vocabulary ids (those are labelled by ``geo.model.vocab``):
#: the city's departments and the kinds of development area. A value missing here is shown as it
#: is (a proper name, or a new value the data's own ``*_en`` field should translate).
GLOSSARY: dict[str, dict[str, str]] = {
    "department": {
        "기후에너지과": "Climate and Energy Division",
        "복지정책과": "Welfare Policy Division",
        "일자리정책과": "Jobs Policy Division",
        "안전총괄과": "Safety Management Division",
        "공동주택과": "Apartment Housing Division",
        "교통정책과": "Transport Policy Division",
        "도로관리과": "Road Management Division",
        "스마트도시과": "Smart City Division",
        "관광과": "Tourism Division",
        "경제정책과": "Economic Policy Division",
        "평생교육과": "Lifelong Learning Division",
        "기업지원과": "Business Support Division",
        "정보통신과": "ICT Division",
        "도시계획과": "Urban Planning Division",
        "안산도시공사": "Ansan Urban Corporation",
        "경기테크노파크": "Gyeonggi Technopark",
    },
    "kind": {
        "3기 신도시 (공공주택지구)": "3rd-generation new town (public housing district)",
        "3기 신도시(공공주택지구)": "3rd-generation new town (public housing district)",
        "공공주택지구": "Public housing district",
        "경제자유구역": "Free economic zone",
        "역세권 개발": "Station-area development",
    },
    "gu": {"상록구": "Sangnok-gu", "단원구": "Danwon-gu"},
    # The field words the reports use (a reported project's ``domain_reported``), in English.
    "domain_reported": {
        "경제 (economy)": "Economy",
        "교육·복지": "Education and welfare",
        "교통": "Transport",
        "물류": "Logistics",
        "보건·복지": "Health and welfare",
        "산업": "Industry",
        "안전": "Safety",
        "안전·환경": "Safety and environment",
        "에너지": "Energy",
        "에너지·교통": "Energy and transport",
        "에너지·안전": "Energy and safety",
        "에너지·환경": "Energy and environment",
        "여러 분야 (several)": "Several",
        "통신": "Telecommunications",
        "행정": "Administration",
    },
}


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() != ""


def localized(record: Mapping[str, Any] | Mapping[Hashable, Any] | pd.Series, field: str, lang: str = "ko") -> str:
    """The text of ``field`` of a data record in ``lang``: the one rule for bilingual data fields.

    Korean is ``<field>_ko`` (or ``<field>`` when the data has no ``_ko`` column,
    as ``description_public`` or ``source``). English is ``<field>_en`` when the
    record has it, otherwise the :data:`GLOSSARY` entry for the Korean value,
    otherwise the Korean value itself (a proper name without an English one).
    A missing value is an empty string.
    """
    korean = record.get(f"{field}_ko") if _present(record.get(f"{field}_ko")) else record.get(field)
    if lang == "en":
        english = record.get(f"{field}_en")
        if _present(english):
            return str(english)
        if _present(korean) and str(korean) in GLOSSARY.get(field, {}):
            return GLOSSARY[field][str(korean)]
    return str(korean) if _present(korean) else ""


def localized_column(frame: pd.DataFrame, field: str, lang: str = "ko") -> pd.Series:
    """:func:`localized` for every row of ``frame`` (index kept), column-wise: 100,000 rows in milliseconds."""
    korean = _texts(frame, f"{field}_ko")
    korean = korean.where(korean != "", _texts(frame, field))
    if lang != "en":
        return korean
    english = _texts(frame, f"{field}_en")
    glossary = GLOSSARY.get(field, {})
    return english.where(english != "", korean.map(lambda text: glossary.get(text, text)))


def _texts(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as text, ``""`` where absent, missing or blank (what :func:`_present` rejects)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    # Texts stay as they are: astype(str) makes Arrow strings under pandas 3, 1 s per column at 1,000,000 rows.
    text = values if pd.api.types.infer_dtype(values, skipna=True) == "string" else values.astype(str)
    return text.where(values.notna() & (text.str.strip() != ""), "").astype(object)
