"""The extended statuses of the mySociety update stream, from the report lifecycle."""

from __future__ import annotations

import typing

from smartcity import _checks
from smartcity.reports import ReportStatus

__all__ = ["EXTERNAL_STATUS_CODES", "external_status_code"]

_S = ReportStatus

EXTERNAL_STATUS_CODES: typing.Final = (
    "FIXED",
    "IN_PROGRESS",
    "ACTION_SCHEDULED",
    "INVESTIGATING",
    "DUPLICATE",
    "NOT_COUNCILS_RESPONSIBILITY",
    "NO_FURTHER_ACTION",
    "INTERNAL_REFERRAL",
    "FOR_TRIAGE",
    "CANCELLED",
    "REOPEN",
)
"""The extended statuses of mySociety's Open311 extension, all of which can be produced."""

# By the status entered; three statuses say more depending on the one they follow (below).
_BY_STATUS: typing.Final = {
    _S.SUBMITTED: "FOR_TRIAGE",
    _S.VERIFIED: "INVESTIGATING",
    _S.ASSIGNED: "ACTION_SCHEDULED",
    _S.IN_PROGRESS: "IN_PROGRESS",
    _S.WAITING_FOR_REPORTER: "INVESTIGATING",
    _S.RESOLVED: "FIXED",
    _S.CLOSED: "FIXED",
    _S.REJECTED: "NO_FURTHER_ACTION",
    _S.DUPLICATE: "DUPLICATE",
    _S.REFERRED: "NOT_COUNCILS_RESPONSIBILITY",
}
_BY_CHANGE: typing.Final = {
    # A report reopened by its reporter after the fix.
    (_S.RESOLVED, _S.IN_PROGRESS): "REOPEN",
    # Re-assignment (disposisi ulang): passed to another agency of the same city.
    (_S.ASSIGNED, _S.ASSIGNED): "INTERNAL_REFERRAL",
    (_S.IN_PROGRESS, _S.ASSIGNED): "INTERNAL_REFERRAL",
    # Rejected because the reporter never answered the agency's question: withdrawn, in effect.
    (_S.WAITING_FOR_REPORTER, _S.REJECTED): "CANCELLED",
}


def external_status_code(status: ReportStatus, *, previous: ReportStatus | None = None) -> str:
    """Return the extended status of a report that entered ``status`` from ``previous``.

    The mapping (see the docs page "Open311" for the table and the reasons):

    * submitted: ``FOR_TRIAGE``; verified, waiting for the reporter: ``INVESTIGATING``;
    * assigned: ``ACTION_SCHEDULED``, but ``INTERNAL_REFERRAL`` when re-assigned (from
      assigned or in progress) to another agency of the city;
    * in progress: ``IN_PROGRESS``, but ``REOPEN`` after resolved;
    * resolved, closed: ``FIXED``;
    * rejected: ``NO_FURTHER_ACTION``, but ``CANCELLED`` when the reporter did not answer
      (from waiting for the reporter);
    * duplicate: ``DUPLICATE``; referred: ``NOT_COUNCILS_RESPONSIBILITY``.

    Args:
        status: the status entered.
        previous: the status before (None for a submission).

    Returns:
        One of :data:`EXTERNAL_STATUS_CODES`.

    Raises:
        InvalidArgumentError: ``status`` or ``previous`` is not a :class:`ReportStatus`.
    """
    _checks.member(status, ReportStatus, "status")
    if previous is not None:
        _checks.member(previous, ReportStatus, "previous")
        code = _BY_CHANGE.get((previous, status))
        if code is not None:
            return code
    return _BY_STATUS[status]
