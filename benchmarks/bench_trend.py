"""The trend by quarter (``geo.analysis.trend.trend_by_quarter``) at city scale, against replaying the history per quarter.

For each size N it builds N synthetic services (``benchmarks.synthetic``) with one to three status changes each
between 2019 and 2026 (so about 30 quarters), then times:

- trend: ``trend_by_quarter`` over every quarter (the vectorised path, best of ``--repeat``);
- replay: ``geo.analysis.history.services_as_of`` plus ``geo.analysis.budget.budget_summary`` for ``--replay-quarters`` quarter-ends
  (what a loop over the quarters would cost), scaled to all quarters;
- and checks that the trend's rows for those quarters equal the replayed counts and totals.

Usage: ``python benchmarks/bench_trend.py [--sizes 1000 10000 100000]``
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from benchmarks.synthetic import TEMPLATE_DIR, synthetic_services  # noqa: E402
from geo.analysis.budget import budget_summary  # noqa: E402
from geo.analysis.history import services_as_of  # noqa: E402
from geo.analysis.trend import STATUS_COLUMNS, trend_by_quarter  # noqa: E402
from geo.loaders import load_dashboard_data  # noqa: E402
from geo.model.vocab import STATUS_PROGRESSION  # noqa: E402

UNTIL = date(2026, 12, 7)


def synthetic_history(services: pd.DataFrame, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Services with budgets (some missing) and reported days, and a history of 1–3 changes per service."""
    rng = np.random.default_rng(seed)
    count = len(services)
    services = services.copy()
    budgets = rng.uniform(1, 50, count).round(1)
    services["budget_krw_100m"] = np.where(rng.random(count) < 0.4, budgets, np.nan)
    services["reported_on"] = None
    start = date(2019, 1, 1)
    span = (UNTIL - start).days
    rows = []
    changes = rng.integers(1, 4, count)
    for number, (service_id, n) in enumerate(zip(services["service_id"], changes, strict=True)):
        days = sorted(start + timedelta(days=int(d)) for d in rng.integers(0, span, n))
        # Created as planned (every fifth by a report that keeps the status), then one step forward per change.
        previous = "계획" if number % 5 == 0 else None
        for position, day in enumerate(days):
            status = STATUS_PROGRESSION[position]
            rows.append({"service_id": service_id, "old_status": previous, "new_status": status, "changed_at": day})
            previous = status
    history = pd.DataFrame(rows)
    last = history.sort_values("changed_at").groupby("service_id")["new_status"].last()
    services["status"] = services["service_id"].map(last).fillna(services["status"])
    return services, history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--replay-quarters", type=int, default=2)
    args = parser.parse_args()
    template = load_dashboard_data(TEMPLATE_DIR)
    print("| services | history rows | quarters | trend (s) | replay, 1 quarter (s) | replay, all quarters (s, est.) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        services, history = synthetic_history(synthetic_services(template, size))
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            trend = trend_by_quarter(services, history, UNTIL)
            best = min(best, time.perf_counter() - started)
        replay = []
        for row in trend.iloc[np.linspace(0, len(trend) - 1, args.replay_quarters).astype(int)].itertuples():
            started = time.perf_counter()
            shown = services_as_of(services, history, row.day)
            summary = budget_summary(shown)
            replay.append(time.perf_counter() - started)
            counts = shown["status"].value_counts()
            expected = {column: int(counts.get(status, 0)) for status, column in STATUS_COLUMNS.items()}
            got = {column: int(getattr(row, column)) for column in STATUS_COLUMNS.values()}
            assert got == expected, (row.quarter, got, expected)
            assert (row.projects, row.budget_counted, row.budget_projects) == (
                len(shown),
                summary.counted,
                summary.projects,
            ), row.quarter
            assert np.isclose(row.budget_krw_100m, summary.total_krw_100m, equal_nan=True), row.quarter
        one = sum(replay) / len(replay)
        print(f"| {size:,} | {len(history):,} | {len(trend)} | {best:.2f} | {one:.2f} | {one * len(trend):.0f} |")


if __name__ == "__main__":
    main()
