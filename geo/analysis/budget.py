"""Reported budgets added up honestly: what a total counts, what it leaves out, and how much it covers.

Budgets in the press are reported on different bases (the whole cost, the national share only, one
year only, or a sum that includes another city's share) and a programme's budget already holds its
parts' money. The rules, decided once here and used by every total on every screen:

- A budget counts toward Ansan's total when its project is not cancelled (취소), its budget is
  reported, the budget is not marked ``with_other_city`` (those are shown apart, never in Ansan's
  sum), and it is not a part (``parent_id``) of a programme in the same selection that has a reported
  budget itself (the programme's budget holds it: counting both would count the money twice).
- A total always says how many projects it adds up, out of how many, and whether their bases differ.
- Funding sources come from ``funding_split`` (a JSON object {재원: 억원} as the source splits it);
  otherwise from the single ``funding`` column (the whole budget from that source, as the city's own
  data gives it); otherwise the money is "재원 보도되지 않음" (:data:`UNKNOWN_FUNDING`), so a chart by
  funding still adds up to the headline total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import t
from geo.model.schema import parse_funding_split
from geo.model.vocab import BUDGET_BASIS_TERMS, COUNTED_STATUSES, FUNDING_TERMS, label

#: The funding category of money whose source no report gives.
UNKNOWN_FUNDING = "unknown"
#: ``budget_basis`` of a budget that includes another city's share: kept out of Ansan's totals.
WITH_OTHER_CITY = "with_other_city"
#: ``budget_basis`` of a budget reported as the whole cost.
TOTAL_BASIS = "total"
#: How far a split may be from the budget (억원) and still be read as the whole of it (rounding in reports).
SPLIT_TOLERANCE = 0.05


def text_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """An optional text column as stripped text, ``""`` where missing or absent (older stores lack it)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    return values.where(values.notna(), "").astype(str).str.strip()


def reported_budgets(services: pd.DataFrame) -> pd.Series:
    """``budget_krw_100m`` as float, NaN where none is reported."""
    return pd.to_numeric(services["budget_krw_100m"], errors="coerce").astype(float)


def read_funding_split(text: object) -> dict[str, float]:
    """A stored ``funding_split`` cell as {재원: 억원}; ``{}`` when empty or unreadable.

    The importer refuses a bad split (``geo.model.schema.parse_funding_split``); an older or hand-edited store may
    still hold one, and a total must not fail on it: its budget then counts as money of unknown source.
    """
    if not isinstance(text, str) or not text.strip():
        return {}
    try:
        return parse_funding_split(text)
    except ValueError:
        return {}


def counted_in_total(services: pd.DataFrame) -> pd.Series:
    """Whether each service's budget is added to Ansan's total (the module docstring's rules)."""
    budget = reported_budgets(services)
    live = services["status"].isin(COUNTED_STATUSES)
    other_city = text_column(services, "budget_basis").eq(WITH_OTHER_CITY)
    parents = text_column(services, "parent_id")
    # Only the ids some project names as its programme can hold a part: small sets keep this fast at city scale.
    named = set(parents[parents.ne("")])
    ids = services["service_id"].astype(str)
    with_budget = set(ids[budget.notna() & live & ids.isin(named)])
    held_by_programme = parents.ne("") & parents.isin(with_budget)
    return (budget.notna() & live & ~other_city & ~held_by_programme).astype(bool)


def apart_other_city(services: pd.DataFrame) -> pd.Series:
    """Whether each service's reported budget includes another city's share (shown apart from Ansan's total)."""
    live = services["status"].isin(COUNTED_STATUSES)
    return (
        reported_budgets(services).notna() & live & text_column(services, "budget_basis").eq(WITH_OTHER_CITY)
    ).astype(bool)


def budget_parts(services: pd.DataFrame) -> pd.DataFrame:
    """The counted budgets split by funding source: one row per service and source.

    Returns
    -------
    pandas.DataFrame
        Columns ``service_id``, ``funding`` (a funding term or :data:`UNKNOWN_FUNDING`),
        ``budget_krw_100m`` (억원). Only services :func:`counted_in_total` keeps; each service's rows add up to
        its budget (a split that covers less gets the rest as unknown; one that exceeds it is scaled to it).
    """
    counted = services.loc[counted_in_total(services)]
    budgets = reported_budgets(counted)
    ids = counted["service_id"].astype(str).to_numpy()
    single = text_column(counted, "funding").to_numpy()
    splits = text_column(counted, "funding_split").to_numpy()
    rows: list[tuple[str, str, float]] = []
    # Only the few reported projects carry a split; the city-scale rows take the vectorised path below.
    has_split = np.array([bool(text) for text in splits], dtype=bool)
    for service_id, text, budget in zip(ids[has_split], splits[has_split], budgets.to_numpy()[has_split], strict=True):
        split = read_funding_split(text)
        given = sum(split.values())
        if not split:
            rows.append((service_id, UNKNOWN_FUNDING, budget))
            continue
        scale = budget / given if given > budget + SPLIT_TOLERANCE and given else 1.0
        rows.extend((service_id, funding, amount * scale) for funding, amount in split.items())
        if budget - given > SPLIT_TOLERANCE:
            rows.append((service_id, UNKNOWN_FUNDING, budget - given))
    plain = ~has_split
    funding = np.where(np.isin(single[plain], list(FUNDING_TERMS)), single[plain], UNKNOWN_FUNDING)
    whole = pd.DataFrame({"service_id": ids[plain], "funding": funding, "budget_krw_100m": budgets.to_numpy()[plain]})
    split_rows = pd.DataFrame(rows, columns=["service_id", "funding", "budget_krw_100m"])
    frames = [frame for frame in (split_rows, whole) if not frame.empty]
    if not frames:
        return pd.DataFrame(
            {
                "service_id": pd.Series(dtype=object),
                "funding": pd.Series(dtype=object),
                "budget_krw_100m": pd.Series(dtype=float),
            }
        )
    return pd.concat(frames, ignore_index=True).astype({"budget_krw_100m": float})


@dataclass(frozen=True)
class BudgetSummary:
    """What a budget total adds up, and what it leaves out.

    ``total_krw_100m`` adds the ``counted`` budgets (NaN when none); ``projects`` is every project of the
    selection that is not cancelled, so ``counted`` of ``projects`` is the coverage. ``bases`` counts the
    counted budgets per ``budget_basis`` ("" for a basis not reported). ``other_city_*`` are the budgets that
    include another city's share, shown apart. ``held_by_programme`` counts parts whose money is in their
    programme's budget.
    """

    total_krw_100m: float
    counted: int
    projects: int
    bases: dict[str, int]
    other_city_krw_100m: float
    other_city_count: int
    held_by_programme: int

    @property
    def mixed_bases(self) -> bool:
        """True when the counted budgets are not all reported as the whole cost."""
        return any(basis != TOTAL_BASIS for basis in self.bases) and self.counted > 0

    def value(self, lang: str) -> str:
        """The total as a number: '1,232.0억원', or 보도되지 않음 / not reported."""
        return format_budget(self.total_krw_100m, lang)

    def label(self, lang: str) -> str:
        """A short label that carries the coverage: '사업비 보도된 9건의 합계' (with none: '사업비 합계(보도)')."""
        if not self.counted:
            return t("metric.budget", lang)
        return t("budget.label", lang, n=f"{self.counted:,}")

    def coverage(self, lang: str) -> str:
        """The full sentence: what the total adds up, out of how many, on which bases, and what is apart."""
        if not self.counted:
            text = t("budget.none_reported", lang, of=f"{self.projects:,}")
        else:
            text = t("budget.coverage", lang, n=f"{self.counted:,}", of=f"{self.projects:,}", total=self.value(lang))
            if self.mixed_bases:
                kinds = ", ".join(
                    f"{_in_sentence(label(BUDGET_BASIS_TERMS, basis, lang), lang) if basis else t('budget.basis_unknown', lang)} {n:,}"
                    + t("metric.count_unit", lang)
                    for basis, n in self.bases.items()
                )
                text += " " + t("budget.mixed_bases", lang, kinds=kinds)
        if self.other_city_count:
            text += " " + t(
                "budget.other_city",
                lang,
                n=f"{self.other_city_count:,}",
                total=format_budget(self.other_city_krw_100m, lang),
            )
        if self.held_by_programme:
            text += " " + t("budget.held_by_programme", lang, n=f"{self.held_by_programme:,}")
        return text


def _in_sentence(term_label: str, lang: str) -> str:
    """A vocabulary label inside an English sentence starts in lower case ("total cost 5"); Korean is unchanged."""
    return term_label[:1].lower() + term_label[1:] if lang == "en" else term_label


def budget_summary(services: pd.DataFrame) -> BudgetSummary:
    """The :class:`BudgetSummary` of ``services`` (any selection: the city, one area, as of a date)."""
    counted = counted_in_total(services)
    live = services["status"].isin(COUNTED_STATUSES)
    budgets = reported_budgets(services)
    apart = apart_other_city(services)
    parents = text_column(services, "parent_id")
    held = budgets.notna() & live & ~counted & ~apart & parents.ne("")
    bases = text_column(services.loc[counted], "budget_basis").value_counts()
    # Whole-cost budgets first, then the others in the vocabulary's order, then those without a basis.
    order = [*BUDGET_BASIS_TERMS, ""]
    return BudgetSummary(
        total_krw_100m=round(float(budgets[counted].sum()), 2) if counted.any() else float("nan"),
        counted=int(counted.sum()),
        projects=int(live.sum()),
        bases={basis: int(bases[basis]) for basis in order if bases.get(basis, 0)},
        other_city_krw_100m=round(float(budgets[apart].sum()), 2),
        other_city_count=int(apart.sum()),
        held_by_programme=int(held.sum()),
    )


def format_budget(value_krw_100m: float | None, lang: str = "ko") -> str:
    """'1,234.5억원' in Korean; 'KRW 123.45 bn' in English (1억원 = KRW 0.1 bn); 보도되지 않음 when none is reported."""
    if value_krw_100m is None or math.isnan(value_krw_100m):
        return t("field.not_reported", lang)
    if lang == "en":
        return f"KRW {value_krw_100m / 10:,.1f} bn"
    return f"{value_krw_100m:,.1f}{t('unit.100m_krw', lang)}"
