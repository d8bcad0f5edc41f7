"""Likely duplicates: open reports of the same category close by, found with a spatial index."""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Iterable

import attrs
import numpy as np
import numpy.typing as npt
import shapely

from smartcity import _checks
from smartcity.exceptions import InvalidDistanceError, InvalidDurationError
from smartcity.geo._geodesy import WGS84_A, WGS84_F, metres_per_degree
from smartcity.reports import Report, StatusGroup

__all__ = ["MAX_RADIUS_M", "Duplicate", "DuplicateIndex", "find_duplicates"]

MAX_SUGGESTIONS: typing.Final = 5
"""How many duplicates FixMyStreet suggests at most; the default limit here too."""

MAX_RADIUS_M: typing.Final = 10_000.0
"""The largest search radius, in metres.

A duplicate is a report about the same pothole or the same blocked drain: FixMyStreet searches
a few hundred metres. Ten kilometres already spans a whole district; beyond it a "duplicate"
is noise, and the straight-line distance used here would start to differ from the distance
along the ground (it differs by less than 1 mm up to this radius).
"""

_E2 = WGS84_F * (2 - WGS84_F)
# The smallest radius of curvature of the WGS84 ellipsoid (the meridian's, at the equator) and
# the fewest metres in one degree of latitude: a point within r metres is within
# r / _FEWEST_METRES_PER_DEGREE degrees of latitude, anywhere on Earth.
_SMALLEST_RADIUS_M = WGS84_A * (1 - _E2)
_FEWEST_METRES_PER_DEGREE = metres_per_degree(0.0)[1]
# Generous: the degree box only pre-selects; the distance in metres decides.
_MARGIN = 1.01


def _earth_centred(
    lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Return the points as (x, y, z) metres from the Earth's centre (WGS84, height 0)."""
    phi, lam = np.radians(lats), np.radians(lons)
    sin_phi, cos_phi = np.sin(phi), np.cos(phi)
    prime_vertical = WGS84_A / np.sqrt(1.0 - _E2 * sin_phi**2)
    return np.column_stack(
        (
            prime_vertical * cos_phi * np.cos(lam),
            prime_vertical * cos_phi * np.sin(lam),
            prime_vertical * (1.0 - _E2) * sin_phi,
        )
    )


def _search_boxes(lat: float, lon: float, radius_m: float) -> list[shapely.Geometry]:
    """Return lon/lat boxes that hold every point within ``radius_m`` of (lat, lon).

    One box in general; two when the search crosses the antimeridian; a whole band of latitude
    when it reaches a pole.
    """
    dlat = radius_m / _FEWEST_METRES_PER_DEGREE * _MARGIN + 1e-9
    south, north = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    # On a sphere, the points within an angle delta of latitude phi lie within
    # asin(sin(delta) / cos(phi)) of its longitude; the most poleward latitude of the band
    # and the smallest radius of curvature make it an upper bound on the ellipsoid.
    delta = radius_m / _SMALLEST_RADIUS_M * _MARGIN
    cos_poleward = math.cos(math.radians(max(abs(south), abs(north))))
    ratio = math.sin(delta) / cos_poleward if cos_poleward > 0 else math.inf
    if ratio >= 1.0:
        return [shapely.box(-180.0, south, 180.0, north)]
    dlon = math.degrees(math.asin(ratio)) * _MARGIN + 1e-9
    if dlon >= 180.0:
        return [shapely.box(-180.0, south, 180.0, north)]
    west, east = lon - dlon, lon + dlon
    boxes = [shapely.box(max(west, -180.0), south, min(east, 180.0), north)]
    if west < -180.0:
        boxes.append(shapely.box(west + 360.0, south, 180.0, north))
    if east > 180.0:
        boxes.append(shapely.box(-180.0, south, east - 360.0, north))
    return boxes


def _distance(value: object) -> float:
    return _checks.real_number(
        value, "distance_m", error=InvalidDistanceError, minimum=0.0, unit="metres"
    )


@typing.final
@attrs.frozen
class Duplicate:
    """A report that is probably about the same problem.

    Attributes:
        report: the earlier report.
        distance_m: how far apart the two points are, in metres.
    """

    report: Report = attrs.field(validator=lambda _, __, value: _report(value, "report"))
    distance_m: float = attrs.field(converter=_distance)


def _report(value: object, argument: str) -> Report:
    return _checks.instance(value, Report, argument)


@typing.final
class DuplicateIndex:
    """A spatial index of reports (those with a point), built once and queried many times.

    Points are held in degrees in a shapely ``STRtree``. A query first takes the reports in a
    box of latitude and longitude around the point, wide enough to hold every point within the
    radius (it wraps across the antimeridian and opens to a whole band near the poles), then
    measures each of them in metres: the straight line between the two points on the WGS84
    ellipsoid, which differs from the distance along the ground by less than 1 mm up to
    :data:`MAX_RADIUS_M`. Every pair is measured on its own, so reports far away (a GPS failure
    at 0, 0) change nothing.

    Args:
        reports: the reports to index; address-only reports cannot be near anything.

    Raises:
        InvalidArgumentError: ``reports`` is not a collection of reports.
    """

    __slots__ = ("_located", "_tree", "_xyz")

    def __init__(self, reports: Iterable[Report]) -> None:
        """Index every report that has a point."""
        checked = _checks.tuple_of(reports, "candidates", _report)
        located = [(r, r.location) for r in checked if r.location is not None]
        self._located = tuple(r for r, _ in located)
        lats = np.array([float(where.lat) for _, where in located], dtype=np.float64)
        lons = np.array([float(where.lon) for _, where in located], dtype=np.float64)
        self._xyz = _earth_centred(lats, lons)
        self._tree = shapely.STRtree(shapely.points(lons, lats))

    def __len__(self) -> int:
        """The number of indexed reports."""
        return len(self._located)

    def find(
        self,
        report: Report,
        *,
        radius_m: float = 250.0,
        within: dt.timedelta = dt.timedelta(days=30),
        same_category: bool = True,
        open_only: bool = True,
        limit: int | None = MAX_SUGGESTIONS,
    ) -> tuple[Duplicate, ...]:
        """See :func:`find_duplicates`."""
        _checks.instance(report, Report, "report")
        radius = _checks.real_number(
            radius_m,
            "radius_m",
            error=InvalidDistanceError,
            minimum=0.0,
            maximum=MAX_RADIUS_M,
            unit="metres",
        )
        _checks.instance(within, dt.timedelta, "within")
        if within < dt.timedelta(0):
            raise InvalidDurationError(
                f"within must be a duration of 0 or more, not {_checks.shown(within)}; "
                f"give how far apart in time two reports may be, e.g. timedelta(days=30)"
            )
        _checks.instance(same_category, bool, "same_category")
        _checks.instance(open_only, bool, "open_only")
        most = (
            None
            if limit is None
            else _checks.whole_number(limit, "limit", error=InvalidDurationError, minimum=0)
        )
        location = report.location
        if location is None or not self._located:
            return ()
        lat, lon = float(location.lat), float(location.lon)
        hits = np.unique(
            np.concatenate(
                [self._tree.query(box) for box in _search_boxes(lat, lon, radius)],
            )
        )
        here = _earth_centred(np.array([lat]), np.array([lon]))[0]
        metres = np.sqrt(((self._xyz[hits] - here) ** 2).sum(axis=1))
        found = []
        for index, distance in zip(hits[metres <= radius], metres[metres <= radius], strict=True):
            other = self._located[int(index)]
            if other.report_id == report.report_id:
                continue
            if same_category and other.category != report.category:
                continue
            if open_only and other.status.group is not StatusGroup.OPEN:
                continue
            if abs(other.submitted_at - report.submitted_at) > within:
                continue
            found.append(Duplicate(other, float(distance)))
        found.sort(key=lambda d: (d.distance_m, d.report.report_id))
        return tuple(found if most is None else found[:most])


def find_duplicates(
    report: Report,
    candidates: Iterable[Report] | DuplicateIndex,
    *,
    radius_m: float = 250.0,
    within: dt.timedelta = dt.timedelta(days=30),
    same_category: bool = True,
    open_only: bool = True,
    limit: int | None = MAX_SUGGESTIONS,
) -> tuple[Duplicate, ...]:
    """Return the likely duplicates of a report, nearest first.

    As FixMyStreet suggests them: reports of the same category, still open, submitted within
    ``within`` of this one and within ``radius_m`` metres; at most ``limit`` (5 by default).
    The report itself is never its own duplicate. Distances are measured for each pair on the
    WGS84 ellipsoid, anywhere on Earth: across the antimeridian and at the poles too.

    Args:
        report: the new report.
        candidates: the reports to search, or a :class:`DuplicateIndex` of them (build the index
            once when you check many reports against the same set).
        radius_m: the search radius in metres, from 0 to :data:`MAX_RADIUS_M` (10 km).
        within: how far apart in time two reports may be (0 or more).
        same_category: only reports of the same category.
        open_only: only reports whose status is in the open group.
        limit: the most to return (0 or more), or None for all.

    Raises:
        InvalidArgumentError: an argument of the wrong type (``report`` not a Report,
            ``candidates`` not a collection of reports, ``within`` not a timedelta, ``limit``
            not an int, a flag not a bool...).
        InvalidDistanceError: a radius that is negative, not finite or above 10 km.
        InvalidDurationError: a negative ``within`` or ``limit``.
    """
    _checks.instance(report, Report, "report")
    index = candidates if isinstance(candidates, DuplicateIndex) else DuplicateIndex(candidates)
    return index.find(
        report,
        radius_m=radius_m,
        within=within,
        same_category=same_category,
        open_only=open_only,
        limit=limit,
    )
