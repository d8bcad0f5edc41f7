"""Benchmark the ward look-ups on the real Semarang partition against plain shapely.

Run from the repository root: ``uv run python benchmarks/bench_geo.py``. It reads
``../shared/data/semarang/semarang_kelurahan_clean.geojson`` and prints:

* the time to build a `WardMap` from the GeoJSON text;
* `WardMap.locate`, one point at a time, against a plain loop over shapely-prepared polygons
  (first covering ward in code order: the same rule), mean over random points in the city's
  bounding box;
* `WardMap.locate_many` on 1,000,000 random points against shapely's own
  ``STRtree.query(points, predicate="within")``, and whether the answers agree on every point
  that is not within 1 m of a boundary.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import numpy as np
import shapely

from smartcity.geo import GeoPoint, WardMap
from smartcity.geo._geodesy import distance_m

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "semarang"
    / "semarang_kelurahan_clean.geojson"
)
SEED = 20_261_128
SCALAR_POINTS = 20_000
LOOP_POINTS = 2_000
MANY_POINTS = 1_000_000


P = ParamSpec("P")
R = TypeVar("R")


def timed(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> tuple[float, R]:
    """Return (seconds, result) of one call."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> int:
    if not DATA.is_file():
        print(f"missing {DATA}", file=sys.stderr)
        return 1
    text = DATA.read_text(encoding="utf-8")

    builds = [timed(WardMap.from_geojson, text) for _ in range(5)]
    ward_map = builds[-1][1]
    build_s = statistics.median(seconds for seconds, _ in builds)
    grid = ward_map._grid  # noqa: SLF001 -- report the index size
    cell_m = grid.dy * ward_map._projection.per_lat  # noqa: SLF001 -- same
    print(f"data: {DATA.name}, {len(ward_map)} wards, {len(ward_map.districts())} districts")
    print(
        f"build (from_geojson on the text, median of 5): {build_s * 1e3:.0f} ms; grid "
        f"{grid.nx} x {grid.ny} cells of {cell_m:.0f} m, "
        f"{grid.boundary_cell_count:,} boundary cells"
    )

    west, south, east, north = shapely.total_bounds([ward.geometry for ward in ward_map.values()])
    rng = np.random.default_rng(SEED)

    # --- locate, one point at a time ----------------------------------------------------------
    lats = rng.uniform(south, north, SCALAR_POINTS).tolist()
    lons = rng.uniform(west, east, SCALAR_POINTS).tolist()
    points = [GeoPoint(lat, lon) for lat, lon in zip(lats, lons, strict=True)]
    locate = ward_map.locate
    ours_s, ours = timed(lambda: [locate(point) for point in points])
    with_point_s, _ = timed(
        lambda: [locate(GeoPoint(lat, lon)) for lat, lon in zip(lats, lons, strict=True)]
    )

    polygons = [(ward.code, ward.geometry) for ward in ward_map.values()]  # code order
    for _, polygon in polygons:
        shapely.prepare(polygon)
    intersects_xy = shapely.intersects_xy

    def plain_loop(lon: float, lat: float) -> str | None:
        for code, polygon in polygons:
            if intersects_xy(polygon, lon, lat):
                return code
        return None

    loop_s, loop = timed(
        lambda: [plain_loop(lon, lat) for lat, lon in zip(lats[:LOOP_POINTS], lons, strict=False)]
    )
    ours_us = ours_s / SCALAR_POINTS * 1e6
    loop_us = loop_s / LOOP_POINTS * 1e6
    same = sum(
        (ward.code if ward else None) == code
        for ward, code in zip(ours[:LOOP_POINTS], loop, strict=True)
    )
    inside = sum(ward is not None for ward in ours) / SCALAR_POINTS
    print()
    print(f"locate, one point at a time ({inside:.0%} of the bounding-box points are in a ward):")
    print(f"  WardMap.locate(point):                  {ours_us:8.2f} us per point")
    print(f"  GeoPoint(lat, lon) + locate:            {with_point_s / SCALAR_POINTS * 1e6:8.2f} us")
    print(f"  plain loop over prepared polygons:      {loop_us:8.2f} us per point")
    print(f"  ratio loop / locate:                    {loop_us / ours_us:8.1f}x (goal >= 10x)")
    print(f"  same answers on {same:,} of {LOOP_POINTS:,} points")

    # --- locate_many on a million points -------------------------------------------------------
    many_lats = rng.uniform(south, north, MANY_POINTS)
    many_lons = rng.uniform(west, east, MANY_POINTS)
    runs = [timed(ward_map.locate_many, many_lats, many_lons) for _ in range(3)]
    many_s = min(seconds for seconds, _ in runs)
    codes = runs[0][1]

    tree = shapely.STRtree(np.array([polygon for _, polygon in polygons], dtype=object))
    make_s, shapely_points = timed(shapely.points, many_lons, many_lats)
    query_s, (point_of, ward_of) = timed(lambda: tree.query(shapely_points, predicate="within"))
    print()
    print(f"locate_many on {MANY_POINTS:,} random points:")
    print(f"  WardMap.locate_many (best of 3):        {many_s * 1e3:8.0f} ms")
    print(f"  STRtree.query(points, 'within'):        {query_s * 1e3:8.0f} ms")
    print(f"  ... plus shapely.points(lons, lats):    {make_s * 1e3:8.0f} ms")
    print(f"  ratio query / locate_many:              {query_s / many_s:8.1f}x (goal >= 3x)")
    print(f"  ratio (points + query) / locate_many:   {(make_s + query_s) / many_s:8.1f}x")

    # Agreement. "within" leaves out boundary points, where our rule picks the lowest code;
    # for a point in several wards shapely gives them all: take the lowest code, as we do.
    reference = np.full(MANY_POINTS, -1, dtype=np.intp)
    order = np.lexsort((-ward_of, point_of))
    reference[point_of[order]] = ward_of[order]  # the last write per point is its lowest ward
    table = np.array([*(code for code, _ in polygons), None], dtype=object)
    differ = np.flatnonzero(table[reference] != codes)
    # How far is each disagreeing point from the nearest ward boundary?
    boundaries = shapely.boundary(np.array([polygon for _, polygon in polygons], dtype=object))
    boundary_tree = shapely.STRtree(boundaries)
    worst_m = 0.0
    for index in differ.tolist():
        lat, lon = float(many_lats[index]), float(many_lons[index])
        here = shapely.Point(lon, lat)
        line = shapely.shortest_line(boundaries[boundary_tree.nearest(here)], here)
        (blon, blat), _ = shapely.get_coordinates(line).tolist()
        worst_m = max(worst_m, distance_m(lat, lon, blat, blon))
    agree = MANY_POINTS - differ.size
    print(
        f"  answers identical on {agree:,} of {MANY_POINTS:,} points; {differ.size} differ, "
        f"all within {worst_m:.3g} m of a boundary"
        if differ.size
        else f"  answers identical on all {MANY_POINTS:,} points"
    )
    ok = worst_m < 1.0 and same == LOOP_POINTS
    print()
    print("agreement: OK" if ok else "agreement: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
