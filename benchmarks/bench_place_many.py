"""Bulk placement: ``City.place_many`` against a loop of ``City.place``, in one run.

Run: ``uv run python benchmarks/bench_place_many.py`` (``--quick`` for 100,000 points).

Points as a back-fill of old reports sees them: random points of Semarang's bounding box, kept
so that 97 % lie in a ward and 3 % outside every ward (the coast, the city's edge, the sea),
the share ``generate_reports`` uses. The sample city snaps up to 50 m. Prints the time per point
of ``place_many``, of ``City.place`` in a loop (on a sample), and of the bare
``WardMap.locate_many`` (no snapping), and checks that the answers agree.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from smartcity.geo import GeoPoint
from smartcity.samples import semarang


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 points")
    args = parser.parse_args()
    size = 100_000 if args.quick else 1_000_000
    city = semarang()
    rng = np.random.default_rng(8)
    lats = rng.uniform(-7.16, -6.92, size * 3)
    lons = rng.uniform(110.25, 110.53, size * 3)
    inside = city.ward_map.locate_many(lats, lons) != None  # noqa: E711 - elementwise
    inner = np.flatnonzero(inside)[: size - size * 3 // 100]
    outer = np.flatnonzero(~inside)[: size * 3 // 100]
    chosen = rng.permutation(np.concatenate([inner, outer]))
    lats, lons = lats[chosen], lons[chosen]
    print(f"{len(lats):,} points, {len(outer) / len(lats):.1%} outside every ward, snap 50 m")

    timings = []
    for _ in range(3):
        start = time.perf_counter()
        placed = city.place_many(lats, lons)
        timings.append(time.perf_counter() - start)
    bulk = min(timings)
    start = time.perf_counter()
    for _ in range(3):
        city.ward_map.locate_many(lats, lons)
    bare = (time.perf_counter() - start) / 3

    sample = 20_000
    start = time.perf_counter()
    points = zip(lats[:sample], lons[:sample], strict=True)
    looped = [city.place(GeoPoint(float(a), float(b))) for a, b in points]
    loop = (time.perf_counter() - start) / sample
    for i, placement in enumerate(looped):
        snapped = placed.snapped_m[i]
        assert placement.ward == placed.ward[i]
        assert placement.district == placed.district[i]
        assert placement.outside == placed.outside[i]
        assert (placement.snapped_m is None) == math.isnan(snapped)
    snapped_share = float(np.mean(~np.isnan(placed.snapped_m)))
    print(f"  City.place_many            {bulk / len(lats) * 1e9:8.0f} ns/point   ({bulk:.2f} s)")
    print(f"  City.place in a loop       {loop * 1e9:8.0f} ns/point   (on {sample:,} points)")
    print(f"  WardMap.locate_many, bare  {bare / len(lats) * 1e9:8.0f} ns/point (no snapping)")
    print(f"  ratio loop / place_many    {loop / (bulk / len(lats)):8.1f}x")
    print(f"  snapped {snapped_share:.2%}, outside {float(np.mean(placed.outside)):.2%}")


if __name__ == "__main__":
    main()
