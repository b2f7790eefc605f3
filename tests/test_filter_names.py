"""The name search on large frames (folded names kept per frame) finds what the direct search finds."""

from __future__ import annotations

import gc

import numpy as np
import pandas as pd
import pytest

from geo.analysis import filters
from geo.analysis.filters import FOLDED_NAMES_FROM, ServiceFilter, filter_services, name_matches


def frame(count: int, word: str = "가로등") -> pd.DataFrame:
    numbers = np.arange(count)
    korean = pd.Series([f"스마트 {word} {n:06d}" for n in numbers], dtype=object)
    english = pd.Series([f"Smart STREETLIGHT Straße {n:06d}" for n in numbers], dtype=object)
    korean[::7] = None  # a missing name matches nothing in that language
    english[::5] = None
    return pd.DataFrame({"name_ko": korean.to_numpy(), "name_en": english.to_numpy()}, index=numbers * 3)  # not 0..n-1


@pytest.mark.parametrize("text", ["가로등 00001", "streetlight", "strasse", "000123", "없는 이름", " "])
def test_a_large_frame_finds_what_the_direct_search_finds(text):
    services = frame(FOLDED_NAMES_FROM + 10)
    folded = text.strip().casefold()
    fast = name_matches(services, folded)
    direct = (services["name_ko"].fillna("") + " " + services["name_en"].fillna("")).str.casefold()
    assert fast.index.equals(services.index)
    assert fast.tolist() == direct.str.contains(folded, regex=False).tolist()


def test_the_filter_uses_it_and_keeps_the_rows_order():
    services = frame(FOLDED_NAMES_FROM + 10)
    shown = filter_services(services, ServiceFilter(text="가로등 00001"))
    assert shown.index.tolist() == [n * 3 for n in range(10, 20) if n % 7]
    assert len(filter_services(services, ServiceFilter(text="STREETLIGHT 000010"))) == 0  # row 10: no English name


def test_the_kept_names_belong_to_one_frame_and_go_with_it():
    first = frame(FOLDED_NAMES_FROM)
    assert name_matches(first, "가로등").sum() > 0
    key = id(first)
    assert key in filters._folded
    del first
    gc.collect()
    assert key not in filters._folded
    # Another frame, even at a reused address, is searched by its own names.
    second = frame(FOLDED_NAMES_FROM, word="신호등")
    assert name_matches(second, "가로등").sum() == 0
    assert name_matches(second, "신호등").sum() > 0


def test_folded_texts_fold_as_python_does():
    texts = [
        "Smart STREETLIGHT",
        "스마트 가로등",
        "Straße",
        "ΣΊΣΥΦΟΣ",
        "ﬁle",
        "İstanbul",
        "ᄀ ㄱ 가",
        "",
        None,
        "MiXeD ß 가",
    ]
    folded = filters.folded_texts(pd.Series(texts, dtype=object)).to_pylist()
    assert folded == [None if text is None else text.casefold() for text in texts]


def test_filtering_a_large_frame_folds_its_names_ahead_of_the_first_search():
    services = frame(FOLDED_NAMES_FROM)
    assert len(filter_services(services, ServiceFilter(statuses=()))) == len(services)
    assert id(services) in filters._folded  # started by a filter without text
    assert len(filter_services(services, ServiceFilter(text="가로등 000012"))) == 1
