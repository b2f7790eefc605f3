"""Map build time and HTML size for 1k, 10k and 100k points: our builder against one folium.Marker per point.

Usage: ``python benchmarks/bench_map.py [--sizes 1000 10000 100000] [--naive-max 100000]``
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import synthetic_services
from geo.loaders import load_dashboard_data
from geo.mapping import build_map
from geo.settings import BUNDLED_DATA_DIR


def naive_map(services) -> folium.Map:
    """What a first attempt looks like: a Marker with a tooltip per point."""
    fmap = folium.Map(location=[37.32, 126.83], zoom_start=12, tiles=None)
    for row, point in zip(services.itertuples(), services.geometry, strict=True):
        folium.Marker([point.y, point.x], tooltip=row.name_ko).add_to(fmap)
    return fmap


def measure(build) -> tuple[float, int]:
    start = time.perf_counter()
    html = build().get_root().render()
    return time.perf_counter() - start, len(html.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--naive-max", type=int, default=100_000, help="skip the naive map above this size")
    args = parser.parse_args()
    data = load_dashboard_data(BUNDLED_DATA_DIR)
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · Python {platform.python_version()}")
    print(
        f"{'points':>8} | {'ours s':>7} | {'ours MB':>7} | {'naive s':>8} | {'naive MB':>8} | {'time ×':>6} | {'size ×':>6}"
    )
    for size in args.sizes:
        services = synthetic_services(data, size)
        ours_s, ours_bytes = measure(lambda s=services: build_map(data.boundaries, data.areas, s))
        if size <= args.naive_max:
            naive_s, naive_bytes = measure(lambda s=services: naive_map(s))
            ratio_t, ratio_b = f"{naive_s / ours_s:6.1f}", f"{naive_bytes / ours_bytes:6.1f}"
            naive_cols = f"{naive_s:8.2f} | {naive_bytes / 1e6:8.2f}"
        else:
            ratio_t = ratio_b = "   n/a"
            naive_cols = f"{'skipped':>8} | {'':>8}"
        print(
            f"{size:>8,} | {ours_s:7.2f} | {ours_bytes / 1e6:7.2f} | {naive_cols} | {ratio_t} | {ratio_b}", flush=True
        )


if __name__ == "__main__":
    main()
