"""The limits on ward data, in one place: every way of building a ward map checks the same ones.

Each limit is checked before the work it protects, so hostile or mistaken input is refused in
a fraction of a second. The values leave room for a province: thousands of wards with detailed
boundaries (about a million vertices). ``docs/wards.md`` lists them with their reasons, and
``benchmarks/bench_hostile_geo.py`` measures the largest input each one lets through.
"""

from __future__ import annotations

import typing

#: Longest GeoJSON text accepted, in characters (or bytes). Semarang's 177 wards take 0.6 MB;
#: a province of a million vertices about 40 MB.
MAX_GEOJSON_CHARS: typing.Final = 64 * 1024 * 1024
#: Most features (wards) accepted. A city has tens to hundreds; Central Java has 8,563 villages.
MAX_FEATURES: typing.Final = 10_000
#: Most vertices accepted, over all wards. Semarang has 13,099 in the clean file.
MAX_VERTICES: typing.Final = 1_000_000
#: Most polygons in one ward's MultiPolygon (a coastal ward with its islets has tens).
MAX_PARTS_PER_WARD: typing.Final = 5_000
#: Most polygons over all wards.
MAX_PARTS: typing.Final = 20_000
#: Longest ward or district code or name, in characters.
MAX_TEXT_CHARS: typing.Final = 200
#: Most grid cells the ward boundaries may cross (an upper estimate, made before the grid is
#: built). Semarang's raw file crosses about 60,000; a province of a million vertices about
#: 1.5 million. A long zig-zag boundary drawn across the whole map would cross tens of millions.
MAX_BOUNDARY_CELLS: typing.Final = 4_000_000
#: Most exact (cell, polygon) tests the grid may need (an upper estimate: for each polygon,
#: the cells of its bounding box, capped by the boundary cells). Semarang needs under a
#: million, a province of a million vertices about 7 million.
MAX_CELL_TESTS: typing.Final = 20_000_000
#: Most edge tests the grid may need: for each polygon and grid row, the square of the number
#: of its edges across the row, summed (a zig-zag boundary makes it huge). Semarang needs
#: under 200,000, a province of a million vertices about 8 million.
MAX_EDGE_TESTS: typing.Final = 50_000_000
