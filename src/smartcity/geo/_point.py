"""`GeoPoint`: a latitude and longitude that are known to be a real place."""

from __future__ import annotations

import math
import numbers
import reprlib
import typing

import attrs

from smartcity.exceptions import InvalidLocationError


def _coordinate(value: object, *, axis: str, limit: float) -> float:
    # bool is an int subclass, and True as a latitude is always a bug upstream; numbers.Real
    # lets numpy scalars through (np.float32 is not a float subclass).
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidLocationError(
            f"{axis} must be a number of degrees; got {type(value).__name__} {reprlib.repr(value)}"
        )
    number = float(value)
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise InvalidLocationError(
            f"{axis} must be a finite number of degrees between {-limit:g} and {limit:g}; "
            f"got {value!r} (check that latitude and longitude are not swapped)"
        )
    return number


def _latitude(value: object) -> float:
    return _coordinate(value, axis="latitude", limit=90.0)


def _longitude(value: object) -> float:
    return _coordinate(value, axis="longitude", limit=180.0)


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
