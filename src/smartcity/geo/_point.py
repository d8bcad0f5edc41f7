"""`GeoPoint`: a latitude and longitude that are known to be a real place."""

from __future__ import annotations

import typing

import attrs

from smartcity._checks import coordinate


def _latitude(value: object) -> float:
    return coordinate(value, axis="latitude", limit=90.0)


def _longitude(value: object) -> float:
    return coordinate(value, axis="longitude", limit=180.0)


@typing.final
@attrs.frozen
class GeoPoint:
    """A WGS84 position, in degrees: the place a report was made.

    Latitude comes first, as people say it ("-6.98, 110.41"); GeoJSON and shapely use the
    opposite order, longitude first, and the ward map converts for you.

    Args:
        lat: latitude in degrees, from -90 (south) to 90 (north).
        lon: longitude in degrees, from -180 (west) to 180 (east).

    Raises:
        InvalidLocationError: a coordinate is not a number (bools included), is NaN or
            infinite, or is out of range.

    Example:
        >>> GeoPoint(-6.9839, 110.4103)
        GeoPoint(lat=-6.9839, lon=110.4103)
    """

    lat: float = attrs.field(converter=_latitude)
    lon: float = attrs.field(converter=_longitude)
