"""The results table of a large frame (first rows selected, not sorted) equals the fully sorted one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo import explorer
from geo.explorer import SORT_KEYS, results_table


def services(count: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    names = pd.Series([f"장비 {n % 97:03d}" for n in range(count)], dtype=object)  # many equal names: ties
    names[::11] = None  # a missing name sorts last
    english = pd.Series([f"Device {'ABC'[n % 3]}{n % 89:03d}" for n in range(count)], dtype=object)
    budget = rng.uniform(0, 50, count).round(0)
    budget[::13] = np.nan  # a missing budget sorts last
    return pd.DataFrame(
        {
            "service_id": [f"S-{n:05d}" for n in range(count)],
            "name_ko": names.to_numpy(),
            "name_en": english.to_numpy(),
            "budget_krw_100m": budget,
            "area_id": rng.choice(["citywide", "ansan-smart-hub", "unknown-area"], count),
            "status": rng.choice(["운영", "구축", "계획", "폐지?"], count),
            "domain": rng.choice(["교통", "안전", "환경"], count),
        },
        index=np.repeat(np.arange(count // 2 + 1), 2)[:count],  # repeated labels
    )


@pytest.mark.parametrize("sort_by", SORT_KEYS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_selected_first_rows_are_the_sorted_first_rows(monkeypatch, sort_by, lang):
    frame = services(3000)
    sorted_table = results_table(frame, lang, sort_by, limit=250)
    monkeypatch.setattr(explorer, "SELECT_FROM", 0)
    selected_table = results_table(frame, lang, sort_by, limit=250)
    pd.testing.assert_frame_equal(selected_table, sorted_table)


def test_a_frame_no_longer_than_the_limit_is_sorted_whole(monkeypatch):
    monkeypatch.setattr(explorer, "SELECT_FROM", 0)
    frame = services(40)
    assert (
        results_table(frame, "ko", "name", limit=100).index.tolist()
        == results_table(frame, "ko", "name", limit=40).index.tolist()
    )
    assert len(results_table(frame, "ko", "name", limit=100)) == 40
