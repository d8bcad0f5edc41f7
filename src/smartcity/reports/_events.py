"""What happened to a report: the events its history is made of."""

# No `from __future__ import annotations` here: a converter (cattrs) resolves the field types of
# these classes at run time, so the names they use must be real imports, not strings.

import datetime as dt
import enum
import typing

import attrs

from smartcity.reports._reporter import PERSONAL, Reporter
from smartcity.reports._status import ReportStatus

__all__ = ["EventKind", "HasLatLon", "ReportEvent", "Submission"]


class HasLatLon(typing.Protocol):
    """Anything with a WGS84 latitude and longitude in degrees, such as a ``GeoPoint``."""

    @property
    def lat(self) -> float:
        """The latitude in degrees, -90 to 90."""
        ...  # pragma: no cover

    @property
    def lon(self) -> float:
        """The longitude in degrees, -180 to 180."""
        ...  # pragma: no cover


@typing.final
class EventKind(enum.Enum):
    """What an event records.

    Only :attr:`STATUS_CHANGED` moves a report through the lifecycle; the other kinds record
    facts about it and keep its status.
    """

    SUBMITTED = "submitted"
    """The citizen sent the report; the event carries the :class:`Submission`."""
    STATUS_CHANGED = "status_changed"
    """The status changed to the event's ``status``. A change to assigned names the
    ``agency``; to duplicate, the report it duplicates (``duplicate_of``); to referred, the
    authority it was referred to (``referred_to``)."""
    LOCATED = "located"
    """The report was placed in a ``ward`` and ``district`` (both None: outside the city)."""
    RECATEGORIZED = "recategorized"
    """The report was moved to another ``category``."""
    NOTED = "noted"
    """A note was added; nothing else changed."""


@typing.final
@attrs.frozen(kw_only=True)
class Submission:
    """What the citizen sent: the content of a report's first event.

    Built and checked by :meth:`smartcity.reports.Report.submit`; read it as ``report.submission``.

    Attributes:
        report_id: the report's identifier, unique in the city.
        category: the code of the category chosen at submission (it may change later).
        description: the citizen's own words, at most 4,000 characters (the Open311 limit).
        location: where the problem is, with ``lat``/``lon`` in degrees; None for a report
            placed by its address only.
        address: the address as the citizen wrote it, or None.
        media_urls: links to photos or videos, in the order given.
        reporter: who sent it (personal data), or None for an anonymous report.
    """

    report_id: str
    category: str
    description: str
    location: HasLatLon | None = None
    address: str | None = None
    media_urls: tuple[str, ...] = ()
    reporter: Reporter | None = attrs.field(default=None, metadata={PERSONAL: True})


@typing.final
@attrs.frozen
class ReportEvent:
    """One thing that happened to a report; a report's history is a tuple of them.

    The history is the truth: :meth:`smartcity.reports.Report.replay` rebuilds the report from
    it. Every event carries the status the report had *after* it, so a history can be shown or
    published (an Open311 update stream) without replaying it. The payload fields that do not
    belong to the event's kind are None; see :class:`EventKind` for which go with which.

    Events are made by the methods of :class:`~smartcity.reports.Report` (``submit``,
    ``transition``, ``assign``...). Building one by hand is for loading a stored history, and
    :meth:`~smartcity.reports.Report.replay` checks it.

    Attributes:
        kind: what the event records.
        at: when it happened (an aware datetime, kept as given).
        status: the report's status after the event.
        actor: who did it (an officer, an agency, a system such as ``"router"``), or None.
        note: free text for the history, e.g. why a report was rejected, or the routing reason.
        agency: the agency code, for a change to assigned.
        duplicate_of: the id of the original report, for a change to duplicate.
        referred_to: the authority the report was referred to, for a change to referred.
        category: the new category code, for a recategorization.
        ward: the ward code, for a location (None when outside every ward).
        district: the district code, for a location (None when outside every district).
        submission: what the citizen sent, for the first event.
    """

    kind: EventKind
    at: dt.datetime
    status: ReportStatus
    actor: str | None = attrs.field(default=None, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)
    agency: str | None = attrs.field(default=None, kw_only=True)
    duplicate_of: str | None = attrs.field(default=None, kw_only=True)
    referred_to: str | None = attrs.field(default=None, kw_only=True)
    category: str | None = attrs.field(default=None, kw_only=True)
    ward: str | None = attrs.field(default=None, kw_only=True)
    district: str | None = attrs.field(default=None, kw_only=True)
    submission: Submission | None = attrs.field(default=None, kw_only=True)
