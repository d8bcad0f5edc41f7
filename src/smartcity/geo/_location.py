"""`Location`: the answer to "which ward is this point in, allowing for GPS noise?"."""

from __future__ import annotations

import typing

import attrs

from smartcity.geo._ward import Ward


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
    """

    ward: Ward
    distance_m: float
    snapped: bool
