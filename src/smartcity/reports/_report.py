"""A citizen's report, its lifecycle, and its history (from which it can be rebuilt)."""

from __future__ import annotations

import enum
import typing

import attrs

from smartcity.exceptions import (
    ChronologyError,
    InvalidLocationError,
    InvalidReportError,
    InvalidTransitionError,
    NaiveDatetimeError,
)
from smartcity.reports._events import EventKind, HasLatLon, ReportEvent, Submission
from smartcity.reports._lifecycle import TRANSITIONS, is_final
from smartcity.reports._status import ReportStatus

if typing.TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from smartcity.reports._reporter import Reporter

__all__ = ["MAX_DESCRIPTION_LENGTH", "Report"]

MAX_DESCRIPTION_LENGTH: typing.Final = 4_000
"""The longest description a report may have, in characters (Open311 GeoReport v2's limit)."""

_S = ReportStatus

# The payload fields of an event, and which of them each kind of event (or each status change)
# may carry. Replay checks stored events against this, so a history cannot smuggle in a field
# that the report would silently ignore.
_PAYLOAD: typing.Final = (
    "agency",
    "duplicate_of",
    "referred_to",
    "category",
    "ward",
    "district",
    "submission",
)
_KIND_PAYLOAD: typing.Final = {
    EventKind.SUBMITTED: frozenset({"submission"}),
    EventKind.LOCATED: frozenset({"ward", "district"}),
    EventKind.RECATEGORIZED: frozenset({"category"}),
    EventKind.NOTED: frozenset[str](),
}
_NO_PAYLOAD: typing.Final = frozenset[str]()


@typing.final
@attrs.frozen(repr=False)
class Report:
    """A citizen's report (laporan), from submission to its final status.

    A report is its history: a tuple of :class:`ReportEvent`, oldest first, that starts with the
    submission. Every change (a status change, an assignment, a note...) returns a new report
    with one more event, and :meth:`replay` rebuilds the same report from the events alone::

        Report.replay(report.history) == report

    The other attributes are the current state, kept in step with the history by the methods
    that add events, so reading them costs nothing. Make reports with :meth:`submit` or
    :meth:`replay`; the initializer is for those two and checks nothing.

    Attributes:
        submission: what the citizen sent (also the payload of the first event).
        history: every event, oldest first.
        status: the current status.
        category: the current category code (a recategorization changes it).
        agency: the code of the agency the report was last assigned to, or None.
        ward: the ward code the report was last located in, or None.
        district: the district code the report was last located in, or None.
        duplicate_of: the id of the report this one duplicates, once marked duplicate.
        referred_to: the authority the report was referred to, once referred.
    """

    submission: Submission
    history: tuple[ReportEvent, ...]
    status: ReportStatus
    category: str
    agency: str | None = None
    ward: str | None = None
    district: str | None = None
    duplicate_of: str | None = None
    referred_to: str | None = None

    # -- making reports ------------------------------------------------------------------------

    @classmethod
    def submit(
        cls,
        report_id: str,
        *,
        category: str,
        description: str,
        at: dt.datetime,
        location: HasLatLon | None = None,
        address: str | None = None,
        reporter: Reporter | None = None,
        media_urls: Iterable[str] = (),
    ) -> Report:
        """Return a new report, in status submitted, with its submission as the only event.

        Args:
            report_id: the report's identifier, unique in the city.
            category: the code of the category the citizen chose.
            description: the citizen's words: not blank, at most 4,000 characters.
            at: when the report was received (aware).
            location: where the problem is (anything with ``lat``/``lon`` in degrees, such as
                a ``GeoPoint``), stored as given. May be None when an address is given, as
                Open311 allows an ``address_string`` instead of coordinates.
            address: the address as written by the citizen.
            reporter: who sent it (personal data), or None for an anonymous report.
            media_urls: links to photos or videos.

        Returns:
            The new report.

        Raises:
            InvalidReportError: blank id, category or description; a description over 4,000
                characters; neither location nor address; a blank address or media URL; a
                single string as *media_urls*.
            InvalidLocationError: a location whose lat/lon are not real coordinates.
            NaiveDatetimeError: *at* has no time zone.
        """
        if isinstance(media_urls, str):
            # A bare string is an iterable of characters: refuse it instead of splitting a URL.
            raise InvalidReportError(
                f"media_urls is the string {media_urls!r}; pass a list or tuple of URLs"
            )
        submission = Submission(
            report_id=report_id,
            category=category,
            description=description,
            location=location,
            address=address,
            media_urls=tuple(media_urls),
            reporter=reporter,
        )
        return _start(ReportEvent(EventKind.SUBMITTED, at, _S.SUBMITTED, submission=submission))

    @classmethod
    def replay(cls, events: Iterable[ReportEvent]) -> Report:
        """Rebuild a report from its history, checking every event as it was checked when made.

        Args:
            events: a report's events, oldest first, starting with its submission (for
                example a stored ``report.history``).

        Returns:
            The report the events describe; ``Report.replay(r.history) == r`` for every report.

        Raises:
            InvalidReportError: an empty history, one that does not start with a submission, or
                an event whose payload does not fit its kind.
            InvalidTransitionError: a status change the lifecycle does not allow.
            ChronologyError: an event dated before the one it follows.
            NaiveDatetimeError: an event without a time zone.
        """
        iterator = iter(events)
        first = next(iterator, None)
        if first is None:
            raise InvalidReportError("cannot replay an empty history; it starts with a submission")
        report = _start(first)
        for event in iterator:
            report = _advance(report, event)
        return report

    # -- what the citizen sent -----------------------------------------------------------------

    @property
    def report_id(self) -> str:
        """The report's identifier."""
        return self.submission.report_id

    @property
    def description(self) -> str:
        """The citizen's description."""
        return self.submission.description

    @property
    def location(self) -> HasLatLon | None:
        """Where the problem is, as given at submission, or None."""
        return self.submission.location

    @property
    def address(self) -> str | None:
        """The address as given at submission, or None."""
        return self.submission.address

    @property
    def media_urls(self) -> tuple[str, ...]:
        """Links to photos or videos given at submission."""
        return self.submission.media_urls

    @property
    def reporter(self) -> Reporter | None:
        """Who sent the report (personal data: never publish it), or None."""
        return self.submission.reporter

    @property
    def submitted_at(self) -> dt.datetime:
        """When the report was received: the time of its first event."""
        return self.history[0].at

    @property
    def updated_at(self) -> dt.datetime:
        """The time of the latest event."""
        return self.history[-1].at

    # -- changes -------------------------------------------------------------------------------

    def transition(
        self,
        to: ReportStatus,
        *,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report moved to status *to*.

        Use :meth:`assign`, :meth:`mark_duplicate` and :meth:`refer` for the three statuses
        that need to say more (to whom, a duplicate of what, referred where).

        Args:
            to: the new status; it must be allowed by :data:`TRANSITIONS` from the current one.
            at: when it happened (aware, not before the latest event).
            actor: who did it.
            note: why, for the history (e.g. the reason for a rejection).

        Returns:
            A new report with one more event.

        Raises:
            InvalidTransitionError: the lifecycle does not allow *to* after the current status.
            InvalidReportError: *to* is assigned, duplicate or referred (use the methods above).
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(self, ReportEvent(EventKind.STATUS_CHANGED, at, to, actor=actor, note=note))

    def assign(
        self,
        agency: str,
        *,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report assigned (disposisi) to an agency.

        A report that is already assigned may be re-assigned, to another agency only.

        Args:
            agency: the code of the agency that must act.
            at: when it happened (aware, not before the latest event).
            actor: who assigned it (an officer, or ``"router"`` for an automatic routing).
            note: why, for the history (e.g. the routing decision's reason).

        Returns:
            A new report with one more event, in status assigned.

        Raises:
            InvalidTransitionError: the current status may not be followed by assigned, or the
                report is already assigned to this agency.
            InvalidReportError: a blank agency code.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(
            self,
            ReportEvent(
                EventKind.STATUS_CHANGED, at, _S.ASSIGNED, actor=actor, note=note, agency=agency
            ),
        )

    def mark_duplicate(
        self,
        of: str,
        *,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report closed as a duplicate of another report.

        Args:
            of: the id of the original report (not this report's own id).
            at: when it happened (aware, not before the latest event).
            actor: who decided it.
            note: a remark for the history.

        Returns:
            A new report with one more event, in status duplicate.

        Raises:
            InvalidTransitionError: the current status may not be followed by duplicate.
            InvalidReportError: a blank id, or the report's own id.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(
            self,
            ReportEvent(
                EventKind.STATUS_CHANGED, at, _S.DUPLICATE, actor=actor, note=note, duplicate_of=of
            ),
        )

    def refer(
        self,
        authority: str,
        *,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report referred to an authority outside the city (bukan wewenang).

        Args:
            authority: who handles it instead (a national road office, a utility...).
            at: when it happened (aware, not before the latest event).
            actor: who decided it.
            note: a remark for the history.

        Returns:
            A new report with one more event, in status referred.

        Raises:
            InvalidTransitionError: the current status may not be followed by referred.
            InvalidReportError: a blank authority.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(
            self,
            ReportEvent(
                EventKind.STATUS_CHANGED,
                at,
                _S.REFERRED,
                actor=actor,
                note=note,
                referred_to=authority,
            ),
        )

    def recategorize(
        self,
        category: str,
        *,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report moved to another category; its status does not change.

        A new category may need another agency: route the report again and :meth:`assign` it
        (FixMyStreet re-routes on a category change too).

        Args:
            category: the new category code, different from the current one.
            at: when it happened (aware, not before the latest event).
            actor: who changed it.
            note: why, for the history.

        Returns:
            A new report with one more event.

        Raises:
            InvalidReportError: a blank or unchanged category, or a report in a final status.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(
            self,
            ReportEvent(
                EventKind.RECATEGORIZED, at, self.status, actor=actor, note=note, category=category
            ),
        )

    def locate(
        self,
        *,
        ward: str | None,
        district: str | None,
        at: dt.datetime,
        actor: str | None = None,
        note: str | None = None,
    ) -> Report:
        """Return the report placed in a ward and district; its status does not change.

        Intake records here what the ward map found for the report's location.

        Args:
            ward: the ward code, or None when the location is in no ward of the city.
            district: the district code, or None when it is in no district.
            at: when it happened (aware, not before the latest event).
            actor: who (or what) located it.
            note: a remark for the history.

        Returns:
            A new report with one more event.

        Raises:
            InvalidReportError: a blank code, or a report in a final status.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(
            self,
            ReportEvent(
                EventKind.LOCATED,
                at,
                self.status,
                actor=actor,
                note=note,
                ward=ward,
                district=district,
            ),
        )

    def add_note(self, note: str, *, at: dt.datetime, actor: str | None = None) -> Report:
        """Return the report with a note in its history; nothing else changes.

        Notes may be added in any status, final ones included (e.g. the reporter's thanks).

        Args:
            note: the text, not blank.
            at: when it was written (aware, not before the latest event).
            actor: who wrote it.

        Returns:
            A new report with one more event.

        Raises:
            InvalidReportError: a blank note.
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
        """
        return _advance(self, ReportEvent(EventKind.NOTED, at, self.status, actor=actor, note=note))

    def redacted(self) -> Report:
        """Return the same report without its reporter, fit for a public view.

        The reporter is removed from the submission and from the first event alike, so the
        result still replays to itself. Free text (the description, notes) is left as it is.

        Returns:
            The report without personal data fields.
        """
        if self.submission.reporter is None:
            return self
        submission = attrs.evolve(self.submission, reporter=None)
        first = attrs.evolve(self.history[0], submission=submission)
        return attrs.evolve(self, submission=submission, history=(first, *self.history[1:]))

    def __repr__(self) -> str:
        """Show what identifies the report and where it stands, not its whole history."""
        return (
            f"Report(report_id={self.report_id!r}, status={self.status.value!r}, "
            f"category={self.category!r}, agency={self.agency!r}, events={len(self.history)})"
        )


# -- the one place where events are checked and applied ------------------------------------------
# Both the change methods and Report.replay come through _start and _advance, so a history that
# replays is exactly a history the methods could have made. Their cost does not grow with the
# history: nothing here walks it.


def _start(event: ReportEvent) -> Report:
    submission = event.submission
    if event.kind is not EventKind.SUBMITTED or submission is None:
        raise InvalidReportError(
            f"a history starts with a {EventKind.SUBMITTED.value} event that carries the "
            f"submission, not with {_shown(event.kind)}"
        )
    _check_aware(event.at)
    if event.status is not _S.SUBMITTED:
        raise InvalidReportError(
            f"a {EventKind.SUBMITTED.value} event leads to {_S.SUBMITTED.value}, "
            f"not {_shown(event.status)}"
        )
    _check_event(event, _KIND_PAYLOAD[EventKind.SUBMITTED])
    _check_submission(submission)
    return Report(submission, (event,), _S.SUBMITTED, submission.category)


def _advance(report: Report, event: ReportEvent) -> Report:
    at = event.at
    _check_aware(at)
    latest = report.history[-1].at
    if at < latest:
        raise ChronologyError(
            f"report {report.report_id}: an event at {at.isoformat()} comes before the latest "
            f"event at {latest.isoformat()}; add events in time order (equal times are fine)"
        )
    if event.kind is EventKind.STATUS_CHANGED:
        payload = _check_change(report, event)
    else:
        payload = _check_fact(report, event)
    _check_event(event, payload)
    # After the checks an event carries exactly the payload of its kind, and each field it
    # carries replaces the current value. Only a location may set a field back to None.
    located = event.kind is EventKind.LOCATED
    return Report(
        report.submission,
        (*report.history, event),
        event.status,
        report.category if event.category is None else event.category,
        report.agency if event.agency is None else event.agency,
        event.ward if located else report.ward,
        event.district if located else report.district,
        report.duplicate_of if event.duplicate_of is None else event.duplicate_of,
        report.referred_to if event.referred_to is None else event.referred_to,
    )


# For the statuses that need to say more: the field that says it, and the method that fills it.
_CHANGE_PAYLOAD: typing.Final = {
    _S.ASSIGNED: ("agency", "report.assign(agency, at=...)", frozenset({"agency"})),
    _S.DUPLICATE: (
        "duplicate_of",
        "report.mark_duplicate(report_id, at=...)",
        frozenset({"duplicate_of"}),
    ),
    _S.REFERRED: ("referred_to", "report.refer(authority, at=...)", frozenset({"referred_to"})),
}


def _check_change(report: Report, event: ReportEvent) -> frozenset[str]:
    current, to = report.status, event.status
    allowed = TRANSITIONS[current]
    if to not in allowed:
        if allowed:
            options = ", ".join(sorted(status.value for status in allowed))
            message = (
                f"report {report.report_id} cannot go from {current.value} to "
                f"{_shown(to)}; from {current.value} it may go to: {options}"
            )
        else:
            message = (
                f"report {report.report_id} is {current.value}, a final status: it cannot go "
                f"to {_shown(to)} or anywhere else"
            )
        raise InvalidTransitionError(message, from_status=current, to_status=to)
    if to not in _CHANGE_PAYLOAD:
        return _NO_PAYLOAD
    name, method, payload = _CHANGE_PAYLOAD[to]
    value = getattr(event, name)
    if value is None:
        raise InvalidReportError(f"a change to {to.value} needs {name}: call {method}")
    if to is current and value == report.agency:
        raise InvalidTransitionError(
            f"report {report.report_id} is already assigned to {value}; a re-assignment "
            f"names another agency",
            from_status=current,
            to_status=to,
        )
    if to is _S.DUPLICATE and value == report.report_id:
        raise InvalidReportError(f"report {value} cannot be a duplicate of itself")
    return payload


def _check_fact(report: Report, event: ReportEvent) -> frozenset[str]:
    """Check an event that records a fact and keeps the status (located, noted...)."""
    kind, status = event.kind, event.status
    payload = _KIND_PAYLOAD.get(kind)
    if payload is None:
        raise InvalidReportError(
            f"unknown event kind {_shown(kind)}; the kinds are "
            f"{', '.join(k.value for k in EventKind)}"
        )
    if kind is EventKind.SUBMITTED:
        raise InvalidReportError(
            f"report {report.report_id} was already submitted; only the first event of a "
            f"history is a {kind.value} event"
        )
    if status is not report.status:
        raise InvalidReportError(
            f"a {kind.value} event keeps the status {report.status.value}, but this one says "
            f"{_shown(status)}; only {EventKind.STATUS_CHANGED.value} events change it"
        )
    if kind is EventKind.NOTED:
        _require_text(event.note, "note")
    elif is_final(status):
        raise InvalidReportError(
            f"report {report.report_id} is {status.value}, a final status: it can no longer be "
            f"{kind.value}; only notes may be added"
        )
    elif kind is EventKind.RECATEGORIZED:
        category = _require_text(event.category, "category")
        if category == report.category:
            raise InvalidReportError(
                f"report {report.report_id} is already in category {category!r}"
            )
    return payload


def _check_event(event: ReportEvent, payload: frozenset[str]) -> None:
    """Refuse payload fields that the event does not carry, and blank text."""
    for name in _PAYLOAD:
        value = getattr(event, name)
        if value is None:
            continue
        if name not in payload:
            raise InvalidReportError(
                f"a {_shown(event.kind)} event to {_shown(event.status)} does not carry "
                f"{name}; it has {value!r}"
            )
        if isinstance(value, str) and not value.strip():
            raise InvalidReportError(f"{name} is blank; give some text, or None")
    _optional_text(event.actor, "actor")
    _optional_text(event.note, "note")


def _check_aware(at: dt.datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise NaiveDatetimeError(at, argument="at")


def _shown(value: object) -> str:
    """Show a status or a kind by its value, and anything else (a stored typo) by its repr."""
    return str(value.value) if isinstance(value, enum.Enum) else repr(value)


def _require_text(value: str | None, what: str) -> str:
    if value is None or not value.strip():
        raise InvalidReportError(f"{what} is missing or blank; give some text")
    return value


def _optional_text(value: str | None, what: str) -> None:
    if value is not None and not value.strip():
        raise InvalidReportError(f"{what} is blank; give some text, or None")


def _check_submission(submission: Submission) -> None:
    _require_text(submission.report_id, "report_id")
    _require_text(submission.category, "category")
    description = submission.description
    _require_text(description, "description")
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise InvalidReportError(
            f"the description has {len(description):,} characters; at most "
            f"{MAX_DESCRIPTION_LENGTH:,} are allowed (the Open311 limit): shorten it"
        )
    _optional_text(submission.address, "address")
    for url in submission.media_urls:
        _require_text(url, "media URL")
    location = submission.location
    if location is None:
        if submission.address is None:
            raise InvalidReportError(
                "a report needs a location (lat/lon) or an address; it has neither"
            )
        return
    try:
        lat, lon = float(location.lat), float(location.lon)
    except (AttributeError, TypeError, ValueError) as error:
        raise InvalidLocationError(
            f"the location {location!r} has no numeric lat/lon; pass e.g. a GeoPoint"
        ) from error
    # NaN and infinities fail these comparisons, so they are refused too.
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise InvalidLocationError(
            f"lat {lat} / lon {lon} is not a place on Earth; lat is -90..90 and lon -180..180 "
            f"(degrees, WGS84)"
        )
