"""The statuses a report can have, and what each one means to the outside world."""

from __future__ import annotations

import enum
import typing

import attrs

__all__ = ["ReportStatus", "StatusGroup"]


@typing.final
class StatusGroup(enum.Enum):
    """The three kinds of status FixMyStreet sorts its states into.

    Statistics and public maps need only this: is the problem still open, was it fixed, or was
    the report closed without a fix (rejected, a duplicate, referred elsewhere)?
    """

    OPEN = "open"
    FIXED = "fixed"
    CLOSED = "closed"


@typing.final
class ReportStatus(enum.Enum):
    """Where a report stands in its lifecycle.

    The values are lowercase strings, fit for storage and URLs. Each status knows its
    :class:`StatusGroup`, its Open311 ``status`` and two labels for display. Which status may
    follow which is the table :data:`smartcity.reports.TRANSITIONS`.
    """

    SUBMITTED = "submitted"
    VERIFIED = "verified"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_REPORTER = "waiting_for_reporter"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    REFERRED = "referred"

    @property
    def group(self) -> StatusGroup:
        """The FixMyStreet kind of this status (open, fixed or closed)."""
        return _TRAITS[self].group

    @property
    def open311(self) -> typing.Literal["open", "closed"]:
        """The Open311 GeoReport v2 ``status`` of a report in this status.

        Open311 knows only ``open`` and ``closed``; a fixed report is ``closed`` there.
        """
        return "open" if _TRAITS[self].group is StatusGroup.OPEN else "closed"

    @property
    def label_id(self) -> str:
        """The label shown to Indonesian-speaking users, e.g. ``"Terdisposisi"``."""
        return _TRAITS[self].label_id

    @property
    def label_en(self) -> str:
        """The label shown to English-speaking users, e.g. ``"Assigned"``."""
        return _TRAITS[self].label_en


@attrs.frozen
class _Traits:
    group: StatusGroup
    label_id: str
    label_en: str


_open, _fixed, _closed = StatusGroup.OPEN, StatusGroup.FIXED, StatusGroup.CLOSED

# One row per status, so the groups and labels are read side by side. CLOSED is in the *fixed*
# group although FixMyStreet files its "closed" state under closed: here CLOSED can only follow
# RESOLVED (the reporter confirmed the fix, or did not answer in time), so every closed report
# was fixed, and counting it as fixed keeps the fix rate honest. The Indonesian labels follow
# the words of the glossary (disposisi, tindak lanjut, bukan wewenang); they are our wording,
# not an official list.
_TRAITS: typing.Final = {
    ReportStatus.SUBMITTED: _Traits(_open, "Belum diverifikasi", "Submitted"),
    ReportStatus.VERIFIED: _Traits(_open, "Terverifikasi", "Verified"),
    ReportStatus.ASSIGNED: _Traits(_open, "Terdisposisi", "Assigned"),
    ReportStatus.IN_PROGRESS: _Traits(_open, "Sedang ditindaklanjuti", "In progress"),
    ReportStatus.WAITING_FOR_REPORTER: _Traits(
        _open, "Menunggu tanggapan pelapor", "Waiting for the reporter"
    ),
    ReportStatus.RESOLVED: _Traits(_fixed, "Selesai ditindaklanjuti", "Resolved"),
    ReportStatus.CLOSED: _Traits(_fixed, "Ditutup", "Closed"),
    ReportStatus.REJECTED: _Traits(_closed, "Ditolak", "Rejected"),
    ReportStatus.DUPLICATE: _Traits(_closed, "Duplikat", "Duplicate"),
    ReportStatus.REFERRED: _Traits(_closed, "Bukan wewenang (dialihkan)", "Referred"),
}
