"""Shared links parsed strictly (``geo.links``): property-based over every parameter any page reads, then
each page opened under AppTest with the links that crashed it (issue 25)."""

from __future__ import annotations

import math
import re
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from streamlit.testing.v1 import AppTest

from geo.analysis.filters import CHOICE_FILTERS, ServiceFilter
from geo.links import (
    PAGE_PARAMETERS,
    SHOWN_LENGTH,
    TEXT_MAX_LENGTH,
    VIEW_LIMITS,
    YEAR_RANGE,
    read_area,
    read_choices,
    read_day,
    read_flag,
    read_language,
    read_selection,
    read_text,
    read_view,
    read_years,
    unknown_parameters,
)
from geo.model.vocab import STATUS_TERMS
from tests.conftest import PROJECT_ROOT

# Hypothesis keeps its files outside the tree (the suite leaves nothing behind).
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))

# Any text, with the characters that broke parsers before: other scripts' digits, exponents, NaN.
ODD_PIECES = st.sampled_from(["²", "³", "٣", "-", ",", "1e309", "NaN", "inf", "9" * 4400, ":", "\x00", "＝", " "])
VALUES = st.one_of(st.text(), st.lists(st.one_of(st.text(max_size=5), ODD_PIECES), max_size=6).map("".join))
ALL_NAMES = sorted(set().union(*PAGE_PARAMETERS.values()) | {"as_of", "utm_source"})
PARAMS = st.dictionaries(st.sampled_from(ALL_NAMES) | st.text(max_size=8), VALUES, max_size=8)


@settings(database=None)
@given(VALUES)
def test_years_are_two_ascii_numbers_in_range_or_ignored(raw):
    years, ignored = read_years(raw)
    if years is None:
        assert (ignored is None) == (raw == "")
    else:
        assert YEAR_RANGE[0] <= years[0] <= years[1] <= YEAR_RANGE[1] and ignored is None
        assert raw.isascii()


@settings(database=None)
@given(VALUES)
def test_a_view_is_finite_and_inside_ansan_or_ignored(raw):
    view, ignored = read_view(raw)
    if view is None:
        assert (ignored is None) == (raw == "")
        return
    (lat, lon), zoom = view
    assert all(math.isfinite(v) for v in (lat, lon))
    assert VIEW_LIMITS["lat"][0] <= lat <= VIEW_LIMITS["lat"][1]
    assert VIEW_LIMITS["lon"][0] <= lon <= VIEW_LIMITS["lon"][1]
    assert VIEW_LIMITS["zoom"][0] <= zoom <= VIEW_LIMITS["zoom"][1]


HANGUL = re.compile(r"[\uac00-\ud7a3]")


@settings(database=None)
@given(VALUES)
def test_choices_are_known_values_only(raw):
    for choice in CHOICE_FILTERS:
        values, ignored = read_choices(choice.param, raw, choice.terms)
        assert set(values) <= set(choice.terms)
        if ignored is not None:
            assert len(ignored.value) <= SHOWN_LENGTH + 12


@settings(database=None)
@given(VALUES, VALUES, VALUES)
def test_selection_area_flag_language_and_text_take_only_what_exists(sel, area, other):
    selection, _ = read_selection(sel, {"ANS-01"}, {"gfez"})
    assert selection in (None, ("svc", "ANS-01"), ("area", "gfez"))
    assert read_area(area, ["gfez", "choji"], "gfez")[0] in ("gfez", "choji")
    assert read_flag("present", other)[0] in (True, False)
    assert read_language(other)[0] in ("ko", "en")
    text, _ = read_text(other)
    assert len(text) <= TEXT_MAX_LENGTH and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)


@settings(max_examples=300, database=None)
@given(PARAMS)
def test_any_link_gives_a_filter_and_names_what_it_ignored(params):
    service_filter, ignored = ServiceFilter.read_query(params)
    assert ServiceFilter.from_query(service_filter.to_query()) == service_filter
    for page in PAGE_PARAMETERS:
        named = {item.name for item in unknown_parameters(params, page)}
        assert all(name not in PAGE_PARAMETERS[page] for name in named)
    assert all(item.reason_ko and item.reason_en for item in ignored)


@pytest.mark.parametrize(
    ("raw", "years"), [("²-³", None), ("9" * 4400 + "-2027", None), ("2027-2024", (2024, 2027)), ("٢٠٢٤-2027", None)]
)
def test_years_from_the_issue(raw, years):
    assert read_years(raw)[0] == years


def test_each_reason_and_a_cut_value_are_worded_in_both_languages():
    years = read_years("abc")[1]
    assert years is not None
    assert (
        years.message("ko")
        == "years=abc: 연도는 1900~2100 사이의 숫자 두 개여야 합니다 (예: 2024-2027). 모든 연도를 보입니다"
    )
    assert (
        years.message("en")
        == "years=abc: years must be two numbers from 1900 to 2100 (e.g. 2024-2027); showing all years"
    )
    (unknown,) = unknown_parameters({"x" * 50: "1" * 5000}, "home")
    assert (
        unknown.message("ko")
        == f"{'x' * 40}… (50자)={'1' * 40}… (5,000자): 이 화면에서 쓰지 않는 항목이라 무시했습니다"
    )
    assert unknown.message("en") == (
        f"{'x' * 40}… (50 characters)={'1' * 40}… (5,000 characters): not used on this page, ignored"
    )
    assert unknown.value == f"{'1' * 40}… (5,000자)"
    found = [
        read_language("fr")[1],
        # The allowed values are the link's own ids (Korean for statuses): ASCII ones here.
        read_choices("status", "done", {"on": STATUS_TERMS["운영"]})[1],
        read_text("a\x00b")[1],
        read_view("x")[1],
        read_selection("svc:none", set(), set())[1],
        read_area("nowhere", ["gfez"], "gfez")[1],
        read_day("as_of", "yesterday")[1],
        read_flag("present", "yes")[1],
    ]
    for item in found:
        assert item is not None
        assert HANGUL.search(item.message("ko")) and not HANGUL.search(item.message("en")), item


def test_the_view_from_the_issue_is_ignored_and_named():
    view, ignored = read_view("NaN,1e309,99")
    assert view is None and ignored is not None and ignored.message("en").startswith("view=NaN,1e309,99: the map view")
    assert read_view("37.3,126.8,13")[0] == ((37.3, 126.8), 13)
    assert read_view("99,999,1")[0] == ((37.5, 127.0), 10)  # clamped, as a stale link


HOSTILE = {
    "years": "²-³",
    "view": "NaN,1e309,99",
    "as_of": "9999-99-99",
    "sel": "svc:" + "9" * 4400,
    "area": "\x1b[2J",
    "present": "yes",
    "status": "완료",
}


@pytest.mark.parametrize(
    "page", ["app_pages/home.py", "app_pages/map_explorer.py", "app_pages/districts.py", "app_pages/briefing.py"]
)
def test_each_page_opens_a_hostile_link_with_defaults_and_says_what_it_ignored(monkeypatch, page):
    """Each parameter is either one the page does not read or a value it refuses: all seven are named."""
    for name in ("DASHBOARD_MODE", "DASHBOARD_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=90)
    at.query_params.update(HOSTILE)
    at.run()
    at.switch_page(page).run()
    assert not at.exception and not at.error
    (notice,) = [i.value for i in at.info if i.value.startswith("링크의 일부를 쓰지 않고")]
    listed = [line[2:].split("=")[0].replace("\\_", "_") for line in notice.splitlines() if line.startswith("- ")]
    assert sorted(listed) == sorted(HOSTILE)
    assert "\x1b" not in notice
