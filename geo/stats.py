"""Headline numbers for the overview: what the top of every summary screen shows."""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.i18n import t
from geo.vocab import COUNTED_STATUSES, STATUS_TERMS, ServiceStatus


@dataclass(frozen=True)
class Headline:
    services: int
    by_status: dict[str, int]  # every status, in vocabulary order, zeros included
    areas: int
    budget_krw_100m: float  # excludes cancelled services; NaN when none reports a budget

    @property
    def operating(self) -> int:
        return self.by_status[ServiceStatus.OPERATING]


def headline(services: pd.DataFrame | gpd.GeoDataFrame, areas: pd.DataFrame) -> Headline:
    """Count services by status and sum the budget of those not cancelled (억원)."""
    counts = services["status"].value_counts()
    by_status = {status: int(counts.get(status, 0)) for status in STATUS_TERMS}
    live = services.loc[services["status"].isin(COUNTED_STATUSES), "budget_krw_100m"]
    reported = pd.to_numeric(live, errors="coerce").dropna()
    return Headline(
        services=len(services),
        by_status=by_status,
        areas=len(areas),
        budget_krw_100m=round(float(reported.sum()), 1) if not reported.empty else float("nan"),
    )


def format_budget(value_krw_100m: float | None, lang: str = "ko") -> str:
    """'1,234.5억원' in Korean; 'KRW 123.45 bn' in English (1억원 = KRW 0.1 bn); '미공개' when none is reported."""
    if value_krw_100m is None or math.isnan(value_krw_100m):
        return t("field.not_reported", lang)
    if lang == "en":
        return f"KRW {value_krw_100m / 10:,.1f} bn"
    return f"{value_krw_100m:,.1f}{t('unit.100m_krw', lang)}"
