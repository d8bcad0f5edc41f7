"""The extended states of mySociety's update stream, as FixMyStreet reads them."""

from __future__ import annotations

import typing

from smartcity import _checks
from smartcity.reports import ReportStatus

__all__ = ["EXTENDED_STATUSES", "extended_status"]

_S = ReportStatus

_BY_STATUS: typing.Final = {
    _S.SUBMITTED: "OPEN",
    _S.VERIFIED: "INVESTIGATING",
    _S.ASSIGNED: "ACTION_SCHEDULED",
    _S.IN_PROGRESS: "IN_PROGRESS",
    _S.WAITING_FOR_REPORTER: "INVESTIGATING",
    _S.RESOLVED: "FIXED",
    _S.CLOSED: "CLOSED",
    _S.REJECTED: "NO_FURTHER_ACTION",
    _S.DUPLICATE: "DUPLICATE",
    _S.REFERRED: "NOT_COUNCILS_RESPONSIBILITY",
}

EXTENDED_STATUSES: typing.Final = tuple(dict.fromkeys(_BY_STATUS.values()))
"""The extended states an update's ``status`` may hold: each one FixMyStreet's ``map_state``
knows (``t/open311/getservicerequestupdates.t``), so none lands as an unknown state."""


def extended_status(status: ReportStatus) -> str:
    """Return the extended state of a report in ``status``, as an update's ``status`` says it.

    ========================  ===============================  =============================
    status                    extended state                   FixMyStreet shows
    ========================  ===============================  =============================
    submitted                 ``OPEN``                         open (confirmed)
    verified                  ``INVESTIGATING``                investigating
    assigned                  ``ACTION_SCHEDULED``             action scheduled
    in progress               ``IN_PROGRESS``                  in progress (also a reopen)
    waiting for the reporter  ``INVESTIGATING``                investigating
    resolved                  ``FIXED``                        fixed - council
    closed                    ``CLOSED``                       closed (or fixed - council)
    rejected                  ``NO_FURTHER_ACTION``            unable to fix
    duplicate                 ``DUPLICATE``                    duplicate
    referred                  ``NOT_COUNCILS_RESPONSIBILITY``  not responsible
    ========================  ===============================  =============================

    A re-assignment stays ``ACTION_SCHEDULED``: FixMyStreet files ``INTERNAL_REFERRAL`` among
    its closed states, and a re-assigned report is still open here.

    Args:
        status: the report's status after the update.

    Returns:
        One of :data:`EXTENDED_STATUSES`.

    Raises:
        InvalidArgumentError: ``status`` is not a :class:`~smartcity.reports.ReportStatus`.
    """
    return _BY_STATUS[_checks.member(status, ReportStatus, "status")]
