"""A report as it stood at an instant: what batch evaluations group and filter by."""

from __future__ import annotations

import datetime as dt
import typing

import attrs

from smartcity.reports import EventKind, Report, ReportStatus

__all__ = ["Snapshot", "snapshot"]

_ASSIGNED: typing.Final = ReportStatus.ASSIGNED
_CHANGED: typing.Final = EventKind.STATUS_CHANGED
_LOCATED: typing.Final = EventKind.LOCATED
_RECATEGORIZED: typing.Final = EventKind.RECATEGORIZED


@attrs.frozen
class Snapshot:
    """The fields of a report as they stood at an instant, and how often it was assigned."""

    status: ReportStatus
    agency: str | None
    category: str
    ward: str | None
    district: str | None
    assignments: int


def snapshot(report: Report, now: dt.datetime) -> Snapshot:
    """Return the report as it stood at ``now`` (events after ``now`` ignored).

    The caller checks that ``now`` is aware and not before the submission.
    """
    status = ReportStatus.SUBMITTED
    agency = ward = district = None
    category = report.submission.category
    assignments = 0
    for event in report.history:
        if event.at > now:
            break
        status = event.status
        kind = event.kind
        if kind is _CHANGED:
            if status is _ASSIGNED:
                assignments += 1
                agency = event.agency
        elif kind is _LOCATED:
            ward, district = event.ward, event.district
        elif kind is _RECATEGORIZED:
            category = typing.cast("str", event.category)
    return Snapshot(status, agency, category, ward, district, assignments)
