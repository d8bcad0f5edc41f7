"""`GeometryIssue`: what `WardMap.validate` reports about the boundaries."""

from __future__ import annotations

import enum
import typing

import attrs

from smartcity._checks import instance, real_number, text, tuple_of
from smartcity.exceptions import InvalidDistanceError
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


def _kind(value: object) -> GeometryIssueKind:
    return instance(value, GeometryIssueKind, "GeometryIssue.kind")


def _code(value: object, argument: str) -> str:
    return text(value, argument)


def _codes(value: object) -> tuple[str, ...]:
    return tuple_of(value, "GeometryIssue.ward_codes", _code)


def _area(value: object) -> float:
    return real_number(
        value, "GeometryIssue.area_m2", error=InvalidDistanceError, minimum=0.0, unit="m²"
    )


def _point(value: object) -> GeoPoint:
    return instance(value, GeoPoint, "GeometryIssue.point")


def _detail(value: object) -> str:
    return text(value, "GeometryIssue.detail")


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

    Raises:
        InvalidArgumentError: a field has the wrong type, or a text is blank.
        InvalidDistanceError: ``area_m2`` is negative, NaN or infinite.
    """

    kind: GeometryIssueKind = attrs.field(converter=_kind)
    ward_codes: tuple[str, ...] = attrs.field(converter=_codes)
    area_m2: float = attrs.field(converter=_area)
    point: GeoPoint = attrs.field(converter=_point)
    detail: str = attrs.field(converter=_detail)
