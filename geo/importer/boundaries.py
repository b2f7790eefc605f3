"""Boundary files: what real dong files never carry filled in (shown as defaults), and gu/city outlines derived."""

from __future__ import annotations

import re
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely

from geo.i18n.problems import Message, message
from geo.importer.mapping import ANSAN_DONGS
from geo.io import STORAGE_CRS
from geo.store import LAYERS

# Ansan's districts, for gu and city outlines derived from an imported dong layer.
GU_BY_CODE_PREFIX = {"31091": "상록구", "31092": "단원구", "41271": "상록구", "41273": "단원구"}
GU_NAMES_EN = {"상록구": "Sangnok-gu", "단원구": "Danwon-gu"}
CITY_NAME = ("안산시", "Ansan")


def _gu_name(value: object) -> str | None:
    text = str(value or "").strip()
    # '안산시상록구' → '상록구': the gu is what follows the city's name.
    return text.rsplit("시", 1)[-1] if text.endswith("구") and "시" in text else (text or None)


def _level_of(name: str) -> str:
    return "gu" if name.endswith("구") else "city" if name.endswith("시") else "dong"


def _level_from_code(code: str) -> str | None:
    """A boundary's level from its administrative code: 5 digits or a 10-digit code ending 00000 is a gu."""
    if len(code) == 5 or (len(code) == 10 and code.endswith("00000")):
        return "gu"
    return "dong" if len(code) in (7, 8, 10) else None


def _codes(values: pd.Series) -> pd.Series | None:
    """An id column of bare administrative codes ('3109151', 4127151000.0) as digit strings, else None."""
    text = values.astype(str).str.strip().str.removesuffix(".0")
    return text if text.str.fullmatch(r"\d{5,10}").all() else None


def _gu_from(full_names: pd.Series, codes: pd.Series | None, names: pd.Series) -> tuple[list[str | None], Message]:
    """Each feature's gu from its code, its full name ('안산시상록구 일동') or Ansan's dong list, and how."""
    if codes is not None:
        found = [GU_BY_CODE_PREFIX.get(c[:5]) for c in codes]
        if all(found):
            return found, message("default_gu_by_code")
    words = [next((_gu_name(w) for w in str(n).split() if w.endswith("구")), None) for n in full_names]
    if all(words):
        return words, message("default_gu_by_full_name")
    return [ANSAN_DONGS.get(n) for n in names], message("default_gu_by_dong_list")


def fill_provenance(
    frame: pd.DataFrame,
    file_name: str,
    today: date,
    year: str | None,
    *,
    accuracy: bool = True,
    english: bool = False,
) -> dict[str, Message]:
    """Fill ``source`` (file name, the data's year, import date) and ``accuracy`` (official) where missing.

    ``accuracy=False`` for services, whose schema has no boundary accuracy. ``english``: the layer keeps an
    English source too (``source_en``), filled with the same words when the file has neither.
    Changes ``frame`` in place; returns the defaults used, for the preview.
    """
    dated = f"{year}년 기준, " if year else ""
    defaults = {}
    # The values are data (stored, Korean first, with ``source_en``); why they were filled is worded per reader.
    filled = [("source", f"가져온 파일 {file_name} ({dated}{today.isoformat()} 가져옴)", "default_from_file")]
    if english and "source" not in frame.columns:
        dated_en = f"{year} data, " if year else ""
        filled.append(
            (
                "source_en",
                f"Imported file {file_name} ({dated_en}imported {today.isoformat()})",
                "default_in_english",
            )
        )
    if accuracy:
        filled.append(("accuracy", "official", "default_official"))
    for column, value, code in filled:
        if column not in frame.columns:
            frame[column] = value
            defaults[column] = message(code, value=value)
    return defaults


# Columns made from the name when the file has no such column: never asked for while the name is missing.
FROM_NAME = ("level", "boundary_id")


def complete_boundaries(
    frame: gpd.GeoDataFrame, file_name: str, today: date, year: str | None
) -> tuple[gpd.GeoDataFrame, dict[str, Message], list[Message]]:
    """Fill what real boundary files never carry; returns the frame, the defaults used (shown) and notes.

    Names given in full ('경기도 안산시상록구 일동') keep their last word; ``level``
    comes from the names (구, 시, else 동); ``boundary_id`` from the code column
    ('dong-3109151') or the name; ``gu`` from the codes, the full names or
    Ansan's dong list; ``source`` is the file name with the data's year and the
    import date; ``accuracy`` is ``official`` (an imported official file).
    """
    frame = frame.copy()
    defaults: dict[str, Message] = {}
    notes: list[Message] = []
    defaults.update(fill_provenance(frame, file_name, today, year))
    if "name_ko" not in frame.columns:
        return frame, defaults, notes  # level, id and gu come from the names: only the name is missing
    full = frame["name_ko"].astype(str).str.strip()
    frame["name_ko"] = full.str.split().str[-1]
    if (full.str.split().str.len() > 1).any():
        notes.append(message("note_last_word_name", full=full.iloc[0], name=frame["name_ko"].iloc[0]))
    codes = _codes(frame["boundary_id"]) if "boundary_id" in frame.columns else None
    if "level" not in frame.columns:
        by_code = [_level_from_code(c) for c in codes] if codes is not None else [None]
        if all(by_code):
            frame["level"] = by_code
            defaults["level"] = message("default_level_by_code")
        else:
            frame["level"] = [_level_of(n) for n in frame["name_ko"]]
            defaults["level"] = message("default_level_by_name")
    if codes is not None:
        frame["boundary_id"] = frame["level"] + "-" + codes
        defaults["boundary_id"] = message("default_id_from_code", example=frame["boundary_id"].iloc[0])
    elif "boundary_id" not in frame.columns:
        frame["boundary_id"] = frame["level"] + "-" + frame["name_ko"]
        defaults["boundary_id"] = message("default_id_from_name", example=frame["boundary_id"].iloc[0])
    if "gu" in frame.columns:
        frame["gu"] = [_gu_name(v) for v in frame["gu"]]
    else:
        frame["gu"], how = _gu_from(full, codes, frame["name_ko"])
        defaults["gu"] = how
    return frame, defaults, notes


def derive_upper_levels(dongs: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    """Gu and city outlines dissolved from dongs, so a dong-only import keeps every map layer."""
    if set(dongs["level"]) != {"dong"} or dongs["gu"].isna().any():
        return None
    rows = []
    for gu, group in dongs.groupby("gu", sort=False):
        digits = re.sub(r"\D", "", str(group["boundary_id"].iloc[0]))
        boundary_id = f"gu-{digits[:5]}" if len(digits) >= 5 else f"gu-{gu}"
        geometry = shapely.make_valid(group.geometry.union_all())
        rows.append((boundary_id, "gu", gu, GU_NAMES_EN.get(gu), gu, geometry))
    digits = re.sub(r"\D", "", str(dongs["boundary_id"].iloc[0]))
    city_id = f"city-{digits[:4]}0" if len(digits) >= 4 else "city"
    rows.append((city_id, "city", CITY_NAME[0], CITY_NAME[1], None, shapely.make_valid(dongs.geometry.union_all())))
    derived = gpd.GeoDataFrame(
        [r[:5] for r in rows],
        columns=["boundary_id", "level", "name_ko", "name_en", "gu"],
        geometry=[r[5] for r in rows],
        crs=STORAGE_CRS,
    ).astype({c: object for c in ("boundary_id", "level", "name_ko", "name_en", "gu")})
    derived["source"] = f"{dongs['source'].iloc[0]}의 행정동을 합쳐 만든 경계"
    derived["accuracy"] = dongs["accuracy"].iloc[0]
    return derived[[*LAYERS["boundaries"].column_names, "geometry"]]
