"""Which status may follow which: the lifecycle of a report, written once as data."""

from __future__ import annotations

import typing

from smartcity import _checks
from smartcity._frozen import FrozenMapping
from smartcity.reports._status import ReportStatus

__all__ = ["TRANSITIONS", "is_final"]

_S = ReportStatus

TRANSITIONS: typing.Final[typing.Mapping[ReportStatus, frozenset[ReportStatus]]] = FrozenMapping(
    {
        _S.SUBMITTED: frozenset({_S.VERIFIED, _S.REJECTED, _S.DUPLICATE, _S.REFERRED}),
        _S.VERIFIED: frozenset({_S.ASSIGNED, _S.REJECTED, _S.DUPLICATE, _S.REFERRED}),
        # ASSIGNED -> ASSIGNED is a re-assignment to another agency (disposisi ulang).
        _S.ASSIGNED: frozenset(
            {_S.IN_PROGRESS, _S.WAITING_FOR_REPORTER, _S.RESOLVED, _S.REFERRED, _S.ASSIGNED}
        ),
        _S.IN_PROGRESS: frozenset({_S.WAITING_FOR_REPORTER, _S.RESOLVED, _S.ASSIGNED, _S.REFERRED}),
        _S.WAITING_FOR_REPORTER: frozenset({_S.IN_PROGRESS, _S.RESOLVED, _S.REJECTED}),
        # RESOLVED -> IN_PROGRESS is the reporter reopening a report that is not fixed.
        _S.RESOLVED: frozenset({_S.CLOSED, _S.IN_PROGRESS}),
        _S.CLOSED: frozenset(),
        _S.REJECTED: frozenset(),
        _S.DUPLICATE: frozenset(),
        _S.REFERRED: frozenset(),
    }
)
"""The report lifecycle: for each status, the statuses that may follow it.

A status that nothing may follow (closed, rejected, duplicate, referred) is final.
"""


def is_final(status: ReportStatus) -> bool:
    """Return whether no status may follow *status* (closed, rejected, duplicate, referred).

    Args:
        status: the status asked about.

    Returns:
        ``True`` when the lifecycle ends at *status*.

    Raises:
        InvalidArgumentError: *status* is not a :class:`ReportStatus`.
    """
    return not TRANSITIONS[_checks.member(status, ReportStatus, "status")]
