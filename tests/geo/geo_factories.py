"""Builders for small GeoJSON maps and an independent geodesic distance, for the geo tests."""

from __future__ import annotations

import math
from typing import Any

# The toy maps sit in Semarang, where the real data lies: about 110 m per 0.001 degree.
LAT0, LON0 = -7.0, 110.4
STEP = 0.01  # a toy ward is 0.01 degree square, about 1.1 km


def square(west: float, south: float, size: float = STEP) -> list[list[float]]:
    """Return a closed GeoJSON ring (lon, lat), counter-clockwise."""
    east, north = west + size, south + size
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


def feature(
    code: str,
    geometry: dict[str, Any] | None,
    *,
    name: str | None = None,
    district_code: str = "D.01",
    district_name: str = "District One",
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {
            "kode": code,
            "kelurahan": name or f"Ward {code}",
            "kode_kecamatan": district_code,
            "kecamatan": district_name,
        },
        "geometry": geometry,
    }


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def two_squares() -> dict[str, Any]:
    """Ward "B" on the west, ward "A" on the east: they share the edge lon = LON0 + STEP.

    The lower code is on the east, so a test that gets "A" on the shared edge shows that the
    code decides, not the order of the features or of the coordinates.
    """
    return collection(
        feature("B", polygon(square(LON0, LAT0)), district_code="D.02", district_name="West"),
        feature(
            "A", polygon(square(LON0 + STEP, LAT0)), district_code="D.01", district_name="East"
        ),
    )


def vincenty_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a = 6378137.0
    f = 1 / 298.257223563
    b = a * (1 - f)
    big_l = math.radians(lon2 - lon1)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _ in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cos_u1 * cos_u2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha if cos2_alpha else 0.0
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-13:
            break
    u_sq = cos2_alpha * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta_sigma = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return b * big_a * (sigma - delta_sigma)
