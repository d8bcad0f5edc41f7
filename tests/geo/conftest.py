"""Fixtures for the ward-geometry tests: small inline maps and the real Semarang maps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from geo_factories import LAT0, LON0, STEP, collection, feature, polygon, square, two_squares

from smartcity.geo import WardMap


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


def _load(folder: Path, name: str) -> tuple[dict[str, Any], WardMap]:
    text = (folder / name).read_text(encoding="utf-8")
    return json.loads(text), WardMap.from_geojson(text)


@pytest.fixture(scope="session")
def raw_semarang(semarang_data: Path) -> tuple[dict[str, Any], WardMap]:
    """The published kelurahan polygons (with their slivers), as GeoJSON and as a ward map."""
    return _load(semarang_data, "semarang_kelurahan.geojson")


@pytest.fixture(scope="session")
def clean_semarang(semarang_data: Path) -> tuple[dict[str, Any], WardMap]:
    """The gap- and overlap-free kelurahan partition, as GeoJSON and as a ward map."""
    return _load(semarang_data, "semarang_kelurahan_clean.geojson")


@pytest.fixture(scope="session", params=["raw", "clean"])
def semarang(
    request: pytest.FixtureRequest,
    raw_semarang: tuple[dict[str, Any], WardMap],
    clean_semarang: tuple[dict[str, Any], WardMap],
) -> tuple[dict[str, Any], WardMap]:
    """Each of the two real kelurahan files in turn."""
    return raw_semarang if request.param == "raw" else clean_semarang
