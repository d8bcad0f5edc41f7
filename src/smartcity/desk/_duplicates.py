"""Likely duplicates: open reports of the same category close by, found with a spatial index."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable

import attrs
import numpy as np
import shapely

from smartcity.exceptions import InvalidDistanceError
from smartcity.geo._geodesy import distance_m, metres_per_degree
from smartcity.reports import Report, StatusGroup

__all__ = ["Duplicate", "DuplicateIndex", "find_duplicates"]

MAX_SUGGESTIONS: typing.Final = 5
"""How many duplicates FixMyStreet suggests at most; the default limit here too."""


@typing.final
@attrs.frozen
class Duplicate:
    """A report that is probably about the same problem.

    Attributes:
        report: the earlier report.
        distance_m: how far apart the two points are, in metres.
    """

    report: Report
    distance_m: float


@typing.final
class DuplicateIndex:
    """A spatial index of reports (those with a point), built once and queried many times.

    Points are projected to metres about the mean latitude of the indexed reports (exact to
    better than 0.5 % across a city), then held in a shapely ``STRtree``.
    """

    __slots__ = ("_lat0", "_located", "_per_lat", "_per_lon", "_tree")

    def __init__(self, reports: Iterable[Report]) -> None:
        """Index every report that has a point; address-only reports cannot be near anything."""
        located = [(r, r.location) for r in reports if r.location is not None]
        self._located = tuple(located)
        lats = np.array([where.lat for _, where in located], dtype=np.float64)
        lons = np.array([where.lon for _, where in located], dtype=np.float64)
        self._lat0 = float(lats.mean()) if len(lats) else 0.0
        self._per_lon, self._per_lat = metres_per_degree(self._lat0)
        self._tree = shapely.STRtree(shapely.points(lons * self._per_lon, lats * self._per_lat))

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
        if not (isinstance(radius_m, int | float) and 0 <= radius_m < float("inf")):
            raise InvalidDistanceError(
                f"radius_m must be a distance in metres >= 0, not {radius_m!r}"
            )
        location = report.location
        if location is None or not self._located:
            return ()
        probe = shapely.Point(location.lon * self._per_lon, location.lat * self._per_lat)
        # A small margin: the index is flat at one latitude; the exact distance decides.
        hits = self._tree.query(probe, predicate="dwithin", distance=radius_m * 1.01 + 1.0)
        found = []
        for index in hits:
            other, where = self._located[int(index)]
            if other.report_id == report.report_id:
                continue
            if same_category and other.category != report.category:
                continue
            if open_only and other.status.group is not StatusGroup.OPEN:
                continue
            if abs(other.submitted_at - report.submitted_at) > within:
                continue
            metres = distance_m(location.lat, location.lon, where.lat, where.lon)
            if metres <= radius_m:
                found.append(Duplicate(other, metres))
        found.sort(key=lambda d: (d.distance_m, d.report.report_id))
        return tuple(found if limit is None else found[:limit])


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
    The report itself is never its own duplicate.

    Args:
        report: the new report.
        candidates: the reports to search, or a :class:`DuplicateIndex` of them (build the index
            once when you check many reports against the same set).
        radius_m: the search radius in metres.
        within: how far apart in time two reports may be.
        same_category: only reports of the same category.
        open_only: only reports whose status is in the open group.
        limit: the most to return, or None for all.

    Raises:
        InvalidDistanceError: a negative or non-finite radius.
    """
    index = candidates if isinstance(candidates, DuplicateIndex) else DuplicateIndex(candidates)
    return index.find(
        report,
        radius_m=radius_m,
        within=within,
        same_category=same_category,
        open_only=open_only,
        limit=limit,
    )
