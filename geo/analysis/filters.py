"""Service filters and their round trip through URL query parameters, so a view can be bookmarked."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.links import IgnoredParameter, parse_day, read_choices, read_text, read_years
from geo.model.vocab import AREA_TERMS, CITYWIDE, DOMAIN_TERMS, PHASE_TERMS, STATUS_TERMS, Term

# Query parameter names: short, stable, and documented in the README.
PARAM_AREA, PARAM_DOMAIN, PARAM_STATUS, PARAM_PHASE = "area", "domain", "status", "phase"
PARAM_YEARS, PARAM_TEXT, PARAM_SELECTED = "years", "q", "sel"
LIST_SEPARATOR = ","


@dataclass(frozen=True)
class ChoiceFilter:
    """A filter that picks values of one vocabulary: where it lives in the filter, the data and the URL."""

    field: str  # the ServiceFilter field holding the chosen values
    column: str  # the services column they are matched against
    param: str  # the URL query parameter
    title: str  # the text key of the widget's label
    terms: Mapping[str, Term]  # the values offered, in vocabulary order


#: The four filters by vocabulary, in the order the sidebar shows them.
CHOICE_FILTERS: tuple[ChoiceFilter, ...] = (
    ChoiceFilter("areas", "area_id", PARAM_AREA, "explorer.area", AREA_TERMS),
    ChoiceFilter("domains", "domain", PARAM_DOMAIN, "explorer.domain", DOMAIN_TERMS),
    ChoiceFilter("statuses", "status", PARAM_STATUS, "explorer.status", STATUS_TERMS),
    ChoiceFilter("phases", "phase", PARAM_PHASE, "explorer.phase", PHASE_TERMS),
)


@dataclass(frozen=True)
class ServiceFilter:
    """What the user narrowed the services to; empty tuples mean 'all'."""

    areas: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # services whose period overlaps these years (inclusive)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == ServiceFilter()

    def chosen(self, choice: ChoiceFilter) -> tuple[str, ...]:
        """The values chosen in one of :data:`CHOICE_FILTERS` (empty: all)."""
        chosen: tuple[str, ...] = getattr(self, choice.field)
        return chosen

    def to_query(self) -> dict[str, str]:
        """Query parameters for this filter (only the ones that narrow something)."""
        params: dict[str, str] = {}
        for choice in CHOICE_FILTERS:
            values = self.chosen(choice)
            if values:
                params[choice.param] = LIST_SEPARATOR.join(values)
        if self.years:
            params[PARAM_YEARS] = f"{self.years[0]}-{self.years[1]}"
        if self.text.strip():
            params[PARAM_TEXT] = self.text.strip()
        return params

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> ServiceFilter:
        """Read a filter from query parameters; unknown values are dropped, never trusted."""
        return cls.read_query(params)[0]

    @classmethod
    def read_query(
        cls, params: Mapping[str, str], areas: Mapping[str, Term] | None = None
    ) -> tuple[ServiceFilter, list[IgnoredParameter]]:
        """The filter a link describes, and the parameters it ignored (``geo.links`` parses each strictly).

        ``areas``: the areas offered (:func:`choice_terms`; the store's), by default the plan's."""
        ignored: list[IgnoredParameter | None] = []
        chosen: dict[str, Any] = {}
        for choice in CHOICE_FILTERS:
            terms = choice_terms(choice, areas)
            chosen[choice.field], problem = read_choices(choice.param, params.get(choice.param), terms)
            ignored.append(problem)
        years, problem = read_years(params.get(PARAM_YEARS))
        ignored.append(problem)
        text, problem = read_text(params.get(PARAM_TEXT))
        ignored.append(problem)
        return cls(**chosen, years=years, text=text), [p for p in ignored if p is not None]


def choice_terms(choice: ChoiceFilter, areas: Mapping[str, Term] | None = None) -> Mapping[str, Term]:
    """The values a filter offers: for the area filter the store's areas (``geo.analysis.aggregate.area_terms``, a
    sixth one too) and 시 전역; the vocabulary's for the others, or when no areas are given."""
    if choice.field != "areas" or areas is None:
        return choice.terms
    return {**areas, CITYWIDE: AREA_TERMS[CITYWIDE]}


def filter_services(services: gpd.GeoDataFrame, service_filter: ServiceFilter) -> gpd.GeoDataFrame:
    """The services that pass every part of ``service_filter`` (text matches Korean or English name)."""
    keep = pd.Series(True, index=services.index)
    for choice in CHOICE_FILTERS:
        values = service_filter.chosen(choice)
        if values:
            keep &= services[choice.column].isin(values)
    if service_filter.years:
        low, high = service_filter.years
        # A service without a reported period cannot be placed in years: a year filter leaves it out.
        start = pd.to_numeric(services["start_year"], errors="coerce")
        end = pd.to_numeric(services["end_year"], errors="coerce")
        keep &= (start.fillna(end) <= high) & (end.fillna(start) >= low)
    text = service_filter.text.strip().casefold()
    if text:
        keep &= name_matches(services, text)
    elif len(services) >= FOLDED_NAMES_FROM:
        _names_of(services)  # folded in the background meanwhile: the first search does not wait for it
    return services.loc[keep]


# A name search joined and case-folded every name on each call: 1.9 s at 1,000,000 services, twice per rerun of
# /map. A large frame's names are joined and folded by Arrow (folded_texts) and kept for as long as the frame lives
# (the loaders' frames are shared and never changed in place); Arrow's substring search then takes ~0.1 s. Smaller
# frames are searched directly, as before (fast enough, and a test's frame may be changed in place). The folding
# starts in the background when a large frame is first filtered (Arrow releases the GIL while it works).
FOLDED_NAMES_FROM = 50_000
_folded: dict[int, tuple[weakref.ref[pd.DataFrame], int, Future[pa.Array]]] = {}
_folded_lock = threading.Lock()
_folding = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fold-names")
# Case folding is more than lower-casing only outside ASCII and Hangul (ß -> ss, final sigma, ligatures...).
_BEYOND_LOWER = r"[^\x00-\x7F\x{1100}-\x{11FF}\x{3130}-\x{318F}\x{AC00}-\x{D7A3}]"


def folded_texts(values: pd.Series | pa.Array) -> pa.Array:
    """Each text case-folded exactly as ``str.casefold`` folds it (missing stays missing), as an Arrow array.

    Arrow lower-cases every text (the same as folding for ASCII and Hangul), Python folds the few others:
    0.1 s instead of 0.6 s at 1,000,000 names.
    """
    texts = values if isinstance(values, pa.Array) else _arrow_texts(values)
    lowered = pc.utf8_lower(texts)
    others = np.flatnonzero(
        pc.match_substring_regex(texts, _BEYOND_LOWER).fill_null(False).to_numpy(zero_copy_only=False)
    )
    if not len(others):
        return lowered
    folded = lowered.to_numpy(zero_copy_only=False)
    originals = texts.take(pa.array(others)).to_pylist()
    folded[others] = [text.casefold() for text in originals]
    return pa.array(folded, type=pa.large_string(), from_pandas=True)


def _arrow_texts(values: pd.Series) -> pa.Array:
    return pa.array(values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)


def _folded_names(services: pd.DataFrame) -> pd.Series:
    return (services["name_ko"].fillna("") + " " + services["name_en"].fillna("")).str.casefold()


def _join_and_fold(korean: pd.Series, english: pd.Series) -> pa.Array:
    joined = pc.binary_join_element_wise(
        _arrow_texts(korean).fill_null(""), _arrow_texts(english).fill_null(""), pa.scalar(" ", pa.large_string())
    )
    return folded_texts(joined)


def _names_of(services: pd.DataFrame) -> Future[pa.Array]:
    """The folded names of a large frame: kept while the frame lives, computed once, in the background."""
    key = id(services)
    with _folded_lock:
        entry = _folded.get(key)
        if entry is None or entry[0]() is not services or entry[1] != len(services):
            # The columns, not the frame, go to the worker: the frame may die (and its entry go) meanwhile.
            future = _folding.submit(_join_and_fold, services["name_ko"], services["name_en"])
            entry = (weakref.ref(services), len(services), future)
            _folded[key] = entry
            weakref.finalize(services, _folded.pop, key, None)
    return entry[2]


def name_matches(services: pd.DataFrame, text: str) -> pd.Series:
    """True for each service whose Korean or English name contains ``text`` (already case-folded)."""
    if len(services) < FOLDED_NAMES_FROM:
        return _folded_names(services).str.contains(text, regex=False)
    found = pc.match_substring(_names_of(services).result(), text).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(found, dtype=bool), index=services.index)


def year_span(services: pd.DataFrame) -> tuple[int, int]:
    """The first start year and last end year in the data (for the year slider's limits)."""
    start = pd.to_numeric(services["start_year"], errors="coerce")
    end = pd.to_numeric(services["end_year"], errors="coerce")
    years = pd.concat([start, end]).dropna()
    if years.empty:  # no service reports a period
        return 2026, 2026
    return int(years.min()), int(years.max())


def clamp_years(years: tuple[int, int] | None, span: tuple[int, int]) -> tuple[int, int]:
    """``years`` moved inside ``span`` (the data's first and last year), so a stale link gives a valid range.

    ``(3000, 4000)`` within ``(2020, 2030)`` becomes ``(2030, 2030)``; None becomes the whole span.
    """
    low, high = span
    if years is None:
        return span
    start, end = sorted(min(max(year, low), high) for year in years)
    return start, end


# --- the map's as-of day in the URL (as_of=YYYY-MM-DD) ---
PARAM_AS_OF = "as_of"


def parse_as_of(raw: str | None, earliest: date, latest: date) -> tuple[date | None, str | None]:
    """The as-of day of a URL value, strictly: ``(day, None)``, or ``(None, why)`` when it is ignored.

    ``None`` or ``""`` gives ``(None, None)`` (no day asked for). ``why`` is ``"format"`` for anything
    but a real ``YYYY-MM-DD`` date (``2024-02-30``, ``2024-7-1``, ``yesterday``; read by
    ``geo.links.parse_day``, as on the other pages) and ``"range"`` for a day before ``earliest``
    or after ``latest``.
    """
    if raw is None or raw == "":
        return None, None
    day = parse_day(raw)
    if day is None:
        return None, "format"
    if not earliest <= day <= latest:
        return None, "range"
    return day, None
