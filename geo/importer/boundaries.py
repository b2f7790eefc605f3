"""Boundary files: the reference dong layouts read as the BOUNDARIES schema, and gu/city outlines derived."""

from __future__ import annotations

import re

import geopandas as gpd
import shapely

from geo.io import STORAGE_CRS
from geo.store import LAYERS

# Ansan's districts, for gu and city outlines derived from an imported dong layer.
GU_BY_CODE_PREFIX = {"31091": "상록구", "31092": "단원구", "41271": "상록구", "41273": "단원구"}
GU_NAMES_EN = {"상록구": "Sangnok-gu", "단원구": "Danwon-gu"}
CITY_NAME = ("안산시", "Ansan")

BOUNDARY_LAYOUTS = {
    "admdongkor": "adm_nm '경기도 안산시상록구 일동' → name_ko '일동'; sggnm '안산시상록구' → gu '상록구'; "
    "adm_cd → boundary_id 'dong-<adm_cd>'",
    "kostat2018": "name → name_ko; name_eng → name_en; code '3109151' → boundary_id 'dong-3109151', "
    "gu from the code's first five digits (31091 상록구, 31092 단원구)",
    "defaults": "level 'dong', source '가져온 파일 <file>', accuracy 'official' where the file has none",
}
"""How boundary files without the schema's columns are read (the two layouts of ``shared/reference``)."""


def _gu_name(value: object) -> str | None:
    text = str(value or "").strip()
    # '안산시상록구' → '상록구': the gu is what follows the city's name.
    return text.rsplit("시", 1)[-1] if text.endswith("구") and "시" in text else (text or None)


def _layout(frame: gpd.GeoDataFrame) -> str | None:
    if "name_ko" in frame.columns:
        return None
    if "adm_nm" in frame.columns:
        return "admdongkor"
    if {"name", "code"} <= set(frame.columns):
        return "kostat2018"
    return None


def _admdongkor(frame: gpd.GeoDataFrame) -> None:
    frame["name_ko"] = frame["adm_nm"].astype(str).str.split().str[-1]
    code_column = "adm_cd" if "adm_cd" in frame.columns else "adm_cd2"
    if "boundary_id" not in frame.columns and code_column in frame.columns:
        frame["boundary_id"] = "dong-" + frame[code_column].astype(str).str.strip()
    if "gu" not in frame.columns:
        source = frame["sggnm"] if "sggnm" in frame.columns else frame["adm_nm"].astype(str).str.split().str[1]
        frame["gu"] = [_gu_name(v) for v in source]


def _kostat2018(frame: gpd.GeoDataFrame) -> None:
    frame["name_ko"] = frame["name"].astype(str).str.strip()
    if "name_eng" in frame.columns and "name_en" not in frame.columns:
        frame["name_en"] = frame["name_eng"]
    codes = frame["code"].astype(str).str.strip()
    if "boundary_id" not in frame.columns:
        frame["boundary_id"] = "dong-" + codes
    if "gu" not in frame.columns:
        frame["gu"] = [GU_BY_CODE_PREFIX.get(c[:5]) for c in codes]


def apply_boundary_layout(frame: gpd.GeoDataFrame, name: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The reference dong layouts (``BOUNDARY_LAYOUTS``) read as the BOUNDARIES schema, with notes saying how."""
    frame = frame.copy()
    notes = []
    layout = _layout(frame)
    if layout is None and "name_ko" not in frame.columns:
        return frame, notes
    if layout is not None:
        {"admdongkor": _admdongkor, "kostat2018": _kostat2018}[layout](frame)
        notes.append(f"행정동 경계 파일 형식({layout})을 행정 경계 열로 바꿨습니다: {BOUNDARY_LAYOUTS[layout]}")
    defaults = {"level": "dong", "source": f"가져온 파일 {name}", "accuracy": "official"}
    filled = [f"{column}='{value}'" for column, value in defaults.items() if column not in frame.columns]
    for column, value in defaults.items():
        if column not in frame.columns:
            frame[column] = value
    if filled:
        notes.append(f"파일에 없는 열을 기본값으로 채웠습니다: {', '.join(filled)} (다르면 파일에 해당 열을 넣으세요)")
    return frame, notes


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
