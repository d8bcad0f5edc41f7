"""Fixtures for the ward-geometry tests: small inline maps and the real Semarang maps.

"clean" is the partition packaged with the library; "raw" is the published file in ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from geo_factories import LAT0, LON0, STEP, collection, feature, polygon, square, two_squares

from smartcity.geo import WardMap
from smartcity.samples import semarang_wards
from smartcity.samples._wards import semarang_ward_rows


@pytest.fixture(scope="session")
def two_squares_map() -> WardMap:
    return WardMap.from_geojson(two_squares())


@pytest.fixture(scope="session")
def overlap_and_gap_map() -> WardMap:
    """Three wards: "C" and "D" overlap by a 0.002-degree strip; "E" has a hole (a gap)."""
    return WardMap.from_geojson(
        collection(
            feature("D", polygon(square(LON0, LAT0))),
            # C starts 0.002 degree inside D: the strip lon in [LON0 + 0.008, LON0 + 0.01].
            feature("C", polygon(square(LON0 + STEP - 0.002, LAT0))),
            feature(
                "E",
                polygon(
                    square(LON0, LAT0 + 2 * STEP),
                    square(LON0 + 0.004, LAT0 + 2 * STEP + 0.004, 0.002),
                ),
            ),
        )
    )


Loaded = tuple[list[dict[str, Any]], WardMap]


@pytest.fixture(scope="session")
def raw_semarang(semarang_data: Path) -> Loaded:
    """The published kelurahan polygons (with their slivers): feature properties and ward map."""
    text = (semarang_data / "semarang_kelurahan.geojson").read_text(encoding="utf-8")
    properties = [feature["properties"] for feature in json.loads(text)["features"]]
    return properties, WardMap.from_geojson(text)


@pytest.fixture(scope="session")
def clean_semarang() -> Loaded:
    """The clean partition packaged with the library, with the source's property names."""
    properties = [
        {
            "kode": row.code,
            "kelurahan": row.name,
            "kode_kecamatan": row.district_code,
            "kecamatan": row.district_name,
            "inner_lat": row.inner_lat,
            "inner_lng": row.inner_lon,
        }
        for row in semarang_ward_rows()
    ]
    return properties, semarang_wards()


@pytest.fixture(scope="session", params=["raw", "clean"])
def semarang(request: pytest.FixtureRequest) -> Loaded:
    """Each of the two real kelurahan maps in turn (only "raw" needs ../shared)."""
    loaded: Loaded = request.getfixturevalue(f"{request.param}_semarang")
    return loaded
