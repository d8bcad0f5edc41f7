"""`Location`: the answer to "which ward is this point in, allowing for GPS noise?"."""

from __future__ import annotations

import typing

import attrs

from smartcity._checks import instance, real_number
from smartcity.exceptions import InvalidDistanceError
from smartcity.geo._ward import Ward


def _ward(value: object) -> Ward:
    return instance(value, Ward, "Location.ward")


def _distance(value: object) -> float:
    return real_number(
        value, "Location.distance_m", error=InvalidDistanceError, minimum=0.0, unit="metres"
    )


def _flag(value: object) -> bool:
    return instance(value, bool, "Location.snapped")


@typing.final
@attrs.frozen
class Location:
    """The ward found for a point by `WardMap.nearest`, and how far the point had to move.

    Attributes:
        ward: the ward the point is in or, when it is in none, the nearest one.
        distance_m: 0.0 when the point is in ``ward``; otherwise the distance in metres from
            the point to the closest point of ``ward``'s boundary.
        snapped: False when the point lies in ``ward`` (boundary included); True when it lies
            outside every ward and was given the nearest one.

    Raises:
        InvalidArgumentError: a field has the wrong type.
        InvalidDistanceError: ``distance_m`` is negative, NaN or infinite.
    """

    ward: Ward = attrs.field(converter=_ward)
    distance_m: float = attrs.field(converter=_distance)
    snapped: bool = attrs.field(converter=_flag)
