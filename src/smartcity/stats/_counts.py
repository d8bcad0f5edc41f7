"""Simple counts over reports: how many were received each year."""

from __future__ import annotations

import collections
import datetime as dt
import typing
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import numpy as np

from smartcity._checks import instance, shown
from smartcity.columnar import EventTable
from smartcity.exceptions import InvalidStatisticsError
from smartcity.reports import Report
from smartcity.sla._clock import each

__all__ = ["YearlyCount", "YearlyCounts", "yearly_counts"]


@typing.final
@attrs.frozen
class YearlyCount:
    """The reports received in one year.

    Attributes:
        year: the year of submission, in the zone asked for.
        received: how many reports were submitted that year.
    """

    year: int
    received: int

    def as_dict(self) -> dict[str, object]:
        """Return the row as a dict."""
        return {"year": self.year, "received": self.received}


@typing.final
@attrs.frozen
class YearlyCounts:
    """The result of :func:`yearly_counts`: one row per year with reports, oldest first.

    Attributes:
        rows: the rows.
    """

    rows: tuple[YearlyCount, ...]

    def __iter__(self) -> typing.Iterator[YearlyCount]:
        """Iterate over the rows."""
        return iter(self.rows)

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self.rows)

    def to_records(self) -> list[dict[str, object]]:
        """Return the rows as dicts, ready for ``pandas.DataFrame(...)``."""
        return [row.as_dict() for row in self.rows]


def yearly_counts(
    reports: Iterable[Report] | EventTable, *, tz: str = "Asia/Jakarta"
) -> YearlyCounts:
    """Count the reports received each year (the figures the seed article gives for Semarang).

    Args:
        reports: the reports, or an :class:`~smartcity.columnar.EventTable` of their
            histories (the same rows, counted on arrays).
        tz: the IANA zone whose calendar years count; a report received on 31 December at
            23:30 WIB belongs to that year in ``Asia/Jakarta``.

    Returns:
        One row per year that has reports, oldest first (years with none are left out).

    Raises:
        InvalidStatisticsError: an unknown zone.
        InvalidArgumentError: ``reports`` is not a collection of reports, or ``tz`` not a str.
    """
    zone = zone_of(tz)
    if isinstance(reports, EventTable):
        from smartcity.stats._columnar import local_months  # noqa: PLC0415 - numpy path

        years, received = np.unique(
            local_months(reports.submitted_at(), zone.key) // 12, return_counts=True
        )
        return YearlyCounts(
            tuple(
                YearlyCount(year, count)
                for year, count in zip(years.tolist(), received.tolist(), strict=True)
            )
        )
    counts = collections.Counter(
        local_year(report, zone) for report in each(reports, Report, "reports")
    )
    return YearlyCounts(tuple(YearlyCount(year, counts[year]) for year in sorted(counts)))


def zone_of(tz: object) -> ZoneInfo:
    """Return the zone named ``tz``, or raise InvalidStatisticsError (InvalidArgumentError)."""
    instance(tz, str, "tz")
    try:
        return ZoneInfo(typing.cast("str", tz))
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as error:
        raise InvalidStatisticsError(
            f"unknown time zone {shown(tz)}; use an IANA name such as 'Asia/Jakarta'"
        ) from error


def local_submission(report: Report, zone: ZoneInfo) -> dt.datetime:
    """Return when ``report`` was submitted, in ``zone``.

    Never out of range: a report's instants lie at least a day inside the years ``datetime``
    holds (``Report`` refuses others at the door), and no zone is a day away from UTC.
    """
    return report.submitted_at.astimezone(zone)


def local_year(report: Report, zone: ZoneInfo) -> int:
    """Return the year of ``report``'s submission in ``zone`` (see :func:`local_submission`)."""
    return local_submission(report, zone).year
