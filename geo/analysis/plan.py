"""The plan as reported (``data/plan.yaml``): the lines every screen shows about it, in one place.

The plan's own words (aims, vision, directions, citizen input, where it will apply after 고시) are
told apart from the mayor's remark (교통·환경·안전·복지), which is quoted as his and never presented
as the plan's fields. Every function takes the loaded plan (``geo.loaders.load_plan``) and a language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from geo.i18n import localized, t


def _texts(plan: Mapping[str, Any], key: str, lang: str) -> list[str]:
    """The ``lang`` text of each item of the list ``key`` (Korean where an item has no ``lang``)."""
    return [str(item.get(lang) or item.get("ko") or "") for item in plan.get(key) or []]


def aims(plan: Mapping[str, Any], lang: str) -> list[str]:
    """The plan's aims as reported: '데이터·환경·산업 분야의 도시 문제 해결', …"""
    return _texts(plan, "aims", lang)


def citizen_input(plan: Mapping[str, Any], lang: str) -> list[str]:
    """How citizens took part in making the plan (help desk, survey, living labs, …)."""
    return _texts(plan, "citizen_input", lang)


def mayor_remark(plan: Mapping[str, Any], lang: str) -> str | None:
    """'안산시장이 언급한 분야: 교통·환경·안전·복지', or None when the plan file quotes no such remark."""
    fields = _texts(plan, "mayor_fields", lang)
    if not fields:
        return None
    return t("plan.mayor_fields", lang, fields="·".join(fields))


def gazette_note(plan: Mapping[str, Any], lang: str) -> str | None:
    """That the plan applies to the development areas only after it is gazetted (고시)."""
    note = plan.get("gazette")
    return str(note.get(lang) or note.get("ko")) if isinstance(note, Mapping) else None


def applies_to(plan: Mapping[str, Any], areas: pd.DataFrame, lang: str) -> list[str]:
    """Names of the areas the plan will apply to, in the plan file's order; an id not among ``areas`` as written."""
    names = {str(row["area_id"]): localized(row, "name", lang) for _, row in areas.iterrows()}
    return [names.get(str(area_id), str(area_id)) for area_id in plan.get("applies_to") or []]


def source_line(plan: Mapping[str, Any], lang: str) -> str:
    """'출처: 스포츠동아 (2026-02-03), …' for the plan's facts."""
    source = plan.get("source") or {}
    return f"{t('home.source', lang)}: {source.get(lang) or source.get('ko', '')}"
