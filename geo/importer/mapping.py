"""Column mapping: a file's own column names to the schema's (``사업명=name_ko``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from geo.importer.readers import COORDINATE_COLUMNS
from geo.store import LAYERS
from geo.validation import ValidationReport


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``["사업명=name_ko", ...]`` → ``{"사업명": "name_ko"}``.

    Raises
    ------
    ValueError
        An item without ``=`` or with an empty side (Korean message).
    """
    mapping: dict[str, str] = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise ValueError(f"열 매핑 '{item}'의 형식이 올바르지 않습니다: '원래열=스키마열' (예: 사업명=name_ko)")
        mapping[source.strip()] = target.strip()
    return mapping


def apply_mapping(
    frame: pd.DataFrame, mapping: Mapping[str, str], layer: str, name: str
) -> tuple[pd.DataFrame, dict[str, str], ValidationReport]:
    """``frame`` with columns renamed; the entries that applied; problems with the mapping itself."""
    allowed = set(LAYERS[layer].column_names) | set(COORDINATE_COLUMNS)
    report = ValidationReport()
    applied: dict[str, str] = {}
    for source, target in mapping.items():
        if target not in allowed:
            report.add(
                name,
                None,
                source,
                f"매핑 대상 '{target}'은(는) {LAYERS[layer].label_ko}의 열이 아닙니다 "
                f"(가능: {', '.join(LAYERS[layer].column_names)})",
            )
        elif source not in frame.columns:
            continue
        elif target in frame.columns and target != source:
            report.add(
                name, None, source, f"열 '{target}'이(가) 이미 있어 '{source}'을(를) '{target}'(으)로 바꿀 수 없습니다"
            )
        else:
            applied[source] = target
    renamed = frame.rename(columns=applied) if applied else frame
    return renamed, applied, report
