"""`GeometryIssue`: what `WardMap.validate` reports about the boundaries."""

from __future__ import annotations

import enum
import typing

import attrs

from smartcity.geo._point import GeoPoint


@typing.final
class GeometryIssueKind(enum.Enum):
    """What is wrong with the boundaries at a `GeometryIssue`."""

    #: A ward's polygon was invalid (e.g. self-intersecting) and was repaired on loading.
    INVALID = "invalid"
    #: Two wards cover the same ground.
    OVERLAP = "overlap"
    #: A hole enclosed by the wards that no ward covers.
    GAP = "gap"


@typing.final
@attrs.frozen
class GeometryIssue:
    """One problem in a ward map's boundaries, found by `WardMap.validate`.

    Attributes:
        kind: invalid polygon (repaired on loading), overlap or enclosed gap.
        ward_codes: the wards involved, sorted: the repaired ward; the two overlapping wards;
            the wards that border the gap.
        area_m2: the overlap's or the gap's area; for a repaired polygon, how much its area
            changed in the repair. In square metres on the WGS84 ellipsoid.
        point: a point inside the overlap or gap, or where the invalidity was found; use it to
            look at the problem on a map.
        detail: a sentence that says what the issue is, for logs and reports.
    """

    kind: GeometryIssueKind
    ward_codes: tuple[str, ...]
    area_m2: float
    point: GeoPoint
    detail: str
