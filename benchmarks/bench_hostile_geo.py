"""How fast hostile ward data is refused, and how long the largest accepted data takes to load.

Run from the repository root: ``uv run python benchmarks/bench_hostile_geo.py``. Every input
is built in memory and passed as JSON text, as an upload would arrive. The script prints, for
each hostile input, the time until `WardMap.from_geojson` raises `WardDataError` (the goal: well
under a second) and the limit that refused it; then, for each limit, the time to load the
largest input of that shape that the limits let through, which is what the limits cost a
legitimate user at worst. These are figures, not tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import json
import math
import sys
import time

import numpy as np
import shapely

from smartcity.exceptions import WardDataError
from smartcity.geo import WardMap
from smartcity.geo._limits import (
    MAX_BOUNDARY_CELLS,
    MAX_CELL_TESTS,
    MAX_EDGE_TESTS,
    MAX_PARTS,
    MAX_PARTS_PER_WARD,
    MAX_VERTICES,
)

WEST, SOUTH = 108.0, -9.0
SEED = 20_261_201


def properties(code: str, district: str = "D1") -> dict[str, str]:
    return {
        "kode": code,
        "kelurahan": f"Ward {code}",
        "kode_kecamatan": district,
        "kecamatan": district,
    }


def feature(code: str, geometry: dict[str, object], district: str = "D1") -> dict[str, object]:
    return {"type": "Feature", "properties": properties(code, district), "geometry": geometry}


def collection(*features: dict[str, object]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def many_parts(parts: int, *, wards: int = 1, span: float = 2.0, size: float = 0.0005) -> str:
    """Wards that are MultiPolygons of small squares, laid out on a grid ``span`` degrees wide."""
    side = math.ceil(math.sqrt(parts * wards))
    step = span / side
    squares = []
    for i in range(parts * wards):
        row, column = divmod(i, side)
        west, south = WEST + column * step, SOUTH + row * step
        east, north = west + size, south + size
        squares.append(
            [[[west, south], [east, south], [east, north], [west, north], [west, south]]]
        )
    return collection(
        *(
            feature(
                f"W{w}",
                {"type": "MultiPolygon", "coordinates": squares[w * parts : (w + 1) * parts]},
            )
            for w in range(wards)
        )
    )


def zig_zag(teeth: int, *, span: float = 4.8) -> str:
    """One polygon whose boundary runs up and down the whole map ``teeth`` times (a comb)."""
    ring = [[WEST + span * i / teeth, SOUTH + (span if i % 2 else 0.0)] for i in range(teeth + 1)]
    ring += [[WEST + span, SOUTH - 0.01], [WEST, SOUTH - 0.01], ring[0]]
    return collection(feature("W0", {"type": "Polygon", "coordinates": [ring]}))


def slivers(count: int, *, span: float = 4.8) -> str:
    """Thin diagonal triangles across the whole map, each in its own ward, all overlapping."""
    features = []
    for i in range(count):
        offset = 0.001 * i
        ring = [
            [WEST + offset, SOUTH],
            [WEST + span, SOUTH + span - offset],
            [WEST + span - 0.002, SOUTH + span - offset],
            [WEST + offset, SOUTH],
        ]
        features.append(feature(f"W{i:04d}", {"type": "Polygon", "coordinates": [ring]}))
    return collection(*features)


def huge_digits() -> str:
    """A square whose first longitude is a 400-digit integer (valid JSON)."""
    text = collection(
        feature(
            "W0",
            {
                "type": "Polygon",
                "coordinates": [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]],
            },
        )
    )
    return text.replace("[[[0, 0]", "[[[" + "9" * 400 + ", 0]", 1)


def province(wards: int, *, segment: float) -> str:
    """A province-sized partition: Voronoi cells over 4 x 2.5 degrees, edges cut to ``segment``."""
    rng = np.random.default_rng(SEED)
    envelope = shapely.box(WEST, SOUTH, WEST + 4.0, SOUTH + 2.5)
    seeds = shapely.multipoints(
        shapely.points(rng.uniform(WEST, WEST + 4.0, wards), rng.uniform(SOUTH, SOUTH + 2.5, wards))
    )
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=envelope))
    cells = shapely.segmentize(shapely.intersection(cells, envelope), segment)
    return collection(
        *(
            feature(f"W{i:05d}", shapely.geometry.mapping(cell), district=f"D{i // 20:04d}")
            for i, cell in enumerate(cells)
        )
    )


def timed_load(text: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        ward_map = WardMap.from_geojson(text)
    except WardDataError as error:
        return time.perf_counter() - start, f"refused: {str(error)[:110]}"
    return time.perf_counter() - start, f"loaded: {len(ward_map):,} wards"


def report(label: str, text: str) -> None:
    seconds, outcome = timed_load(text)
    print(f"  {label:<50} {len(text) / 1e6:6.1f} MB {seconds * 1e3:9.0f} ms  {outcome}")


def main() -> int:
    print("hostile input (time until refused):")
    report("MultiPolygon of 8,000 squares", many_parts(8_000))
    report("MultiPolygon of 100,000 squares", many_parts(100_000))
    report("zig-zag polygon over 4.8 degrees, 60 KB", zig_zag(3_000))
    report("zig-zag polygon over 4.8 degrees, 600 KB", zig_zag(30_000))
    report("400-digit coordinate", huge_digits())
    report("zig-zag polygon over 4.8 degrees, 200 teeth", zig_zag(200))
    report("60 overlapping slivers across 4.8 degrees", slivers(60))

    print("\nlargest accepted input of each shape (time to load):")
    report(
        f"one ward of {MAX_PARTS_PER_WARD:,} squares (parts per ward)",
        many_parts(MAX_PARTS_PER_WARD),
    )
    report(
        f"{MAX_PARTS // MAX_PARTS_PER_WARD} wards of {MAX_PARTS_PER_WARD:,} squares (parts in all)",
        many_parts(MAX_PARTS_PER_WARD, wards=MAX_PARTS // MAX_PARTS_PER_WARD),
    )
    report(f"zig-zag, 155 teeth (under {MAX_EDGE_TESTS:,} edge tests)", zig_zag(155))
    report(f"49 slivers (under {MAX_CELL_TESTS:,} cell tests)", slivers(49))
    report(
        f"province: 8,500 wards, {MAX_VERTICES * 0.8:,.0f} vertices "
        f"(limits {MAX_VERTICES:,}; {MAX_BOUNDARY_CELLS:,} cells)",
        province(8_500, segment=0.0015),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
