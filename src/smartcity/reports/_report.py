"""A citizen's report, its lifecycle, and its history (from which it can be rebuilt)."""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable, Mapping

import attrs

from smartcity import _checks
from smartcity.exceptions import (
    ChronologyError,
    InvalidArgumentError,
    InvalidReportError,
    InvalidTransitionError,
    SmartCityError,
)
from smartcity.reports._events import (
    MAX_DESCRIPTION_LENGTH,
    EventKind,
    HasLatLon,
    ReportEvent,
    Submission,
)
from smartcity.reports._lifecycle import TRANSITIONS, is_final
from smartcity.reports._status import ReportStatus

if typing.TYPE_CHECKING:
    import datetime as dt

    from smartcity.geo import GeoPoint
    from smartcity.reports._reporter import Reporter

__all__ = ["MAX_DESCRIPTION_LENGTH", "MAX_HISTORY_LENGTH", "RefusedEventError", "Report", "replay"]

MAX_HISTORY_LENGTH: typing.Final = 10_000
"""The most events a report's history may hold.

A real report has a few dozen events; the limit keeps a stored or posted history from costing
without bound (replaying 10,000 events takes milliseconds). A change that would go past it, and
a longer history given to :meth:`Report.replay` or ``from_dict``, are refused with
:class:`~smartcity.exceptions.InvalidReportError`.
"""

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
        description: str | None = None,
        at: dt.datetime,
        location: HasLatLon | None = None,
        address: str | None = None,
        reporter: Reporter | None = None,
        media_urls: Iterable[str] = (),
        attributes: Mapping[str, str | Iterable[str]]
        | Iterable[tuple[str, str | Iterable[str]]] = (),
    ) -> Report:
        """Return a new report, in status submitted, with its submission as the only event.

        Args:
            report_id: the report's identifier, unique in the city.
            category: the code of the category the citizen chose.
            description: the citizen's words: not blank, at most 4,000 characters; or None
                (Open311 lists it as optional; a city may require it at its door).
            at: when the report was received (aware).
            location: where the problem is: a ``GeoPoint``, or anything with ``lat``/``lon`` in
                degrees, which is read once and stored as a ``GeoPoint`` (GeoPoint's rules
                decide: numbers, numpy numbers and ``Decimal`` are accepted; strings and
                booleans are not). May be None when an address is given, as Open311 allows an
                ``address_string`` instead of coordinates.
            address: the address as written by the citizen.
            reporter: who sent it (personal data): a :class:`Reporter`, or None for an
                anonymous report.
            media_urls: links to photos or videos (a list or tuple of strings).
            attributes: answers to the category's extra questions, ``{code: value or
                [values]}`` or ``(code, values)`` pairs; kept sorted by code (not checked
                against the category here: :func:`smartcity.open311.report_from_request`
                does that).

        Returns:
            The new report.

        Raises:
            InvalidReportError: blank id, category or description; a description over 4,000
                characters; neither location nor address; a blank address or media URL; an
                *at* that cannot be stored (a wall time skipped by daylight saving, or within
                a day of years 1 and 9999).
            InvalidArgumentError: an argument of the wrong type: text that is not a ``str``, a
                location without ``lat``/``lon``, a single string as *media_urls*, a reporter
                that is not a :class:`Reporter` (never shown in the message: personal data).
            InvalidLocationError: a location whose lat/lon are not real coordinates.
            NaiveDatetimeError: *at* has no time zone.
        """
        submission = Submission(
            report_id=report_id,
            category=category,
            description=description,
            location=location,
            address=address,
            media_urls=media_urls,  # the converter checks it and makes a tuple
            reporter=reporter,
            attributes=attributes,
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

        The cost is linear in the length of the history, which may be at most
        :data:`MAX_HISTORY_LENGTH` events.

        Raises:
            InvalidReportError: an empty history, one that does not start with a submission,
                one longer than :data:`MAX_HISTORY_LENGTH`, or an event whose payload does not
                fit its kind.
            InvalidArgumentError: *events* is not a collection of :class:`ReportEvent`.
            InvalidTransitionError: a status change the lifecycle does not allow.
            ChronologyError: an event dated before the one it follows.
        """
        try:
            return replay(events)
        except RefusedEventError as refused:
            raise refused.error from None

    # -- what the citizen sent -----------------------------------------------------------------

    @property
    def report_id(self) -> str:
        """The report's identifier."""
        return self.submission.report_id

    @property
    def description(self) -> str | None:
        """The citizen's description, or None."""
        return self.submission.description

    @property
    def location(self) -> GeoPoint | None:
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
    def attributes(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The answers to the category's extra questions, sorted by code (public data)."""
        return self.submission.attributes

    @property
    def reporter(self) -> Reporter | None:
        """Who sent the report, or None; personal data, never to be published."""
        return self.submission.reporter

    @property
    def submitted_at(self) -> dt.datetime:
        """When the report was received, the time of its first event."""
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
            InvalidArgumentError: *to* is not a :class:`ReportStatus` (a stored value such as
                ``"verified"`` is read with ``ReportStatus("verified")``).
            ChronologyError: *at* is before the latest event.
            NaiveDatetimeError: *at* has no time zone.
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
        """
        _checks.member(to, ReportStatus, "to")
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
            InvalidArgumentError: an argument of the wrong type (text that is not a ``str``,
                *at* that is not a datetime).
            InvalidReportError: *at* cannot be stored (a wall time skipped by daylight saving,
                or within a day of years 1 and 9999), or the history already holds
                :data:`MAX_HISTORY_LENGTH` events.
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
# replays is exactly a history the methods could have made. The fields of each event (types,
# blank text, storable instants) are checked when the event is made (see _events); here, what
# the event means for the report. Nothing here walks the history.


class RefusedEventError(SmartCityError):
    """Raised by :func:`replay`: the event at ``index`` of a history was refused with ``error``.

    Private to the library (serialization uses it to name the refused event's path).
    """

    def __init__(self, index: int | None, error: SmartCityError) -> None:
        self.index = index
        self.error = error
        super().__init__(str(error))


def replay(events: object) -> Report:
    """Rebuild a report from ``events`` in linear time; see :meth:`Report.replay`.

    Raises:
        RefusedEventError: carrying the index of the refused event (None when the history as
            a whole is refused) and the error.
    """
    if isinstance(events, str | bytes | Mapping) or not isinstance(events, Iterable):
        wrong = InvalidArgumentError(
            f"events must be a collection of ReportEvent (e.g. report.history), not "
            f"{_checks.type_name(events)} {_checks.shown(events)}"
        )
        raise RefusedEventError(None, wrong)
    if isinstance(events, typing.Sized) and len(events) > MAX_HISTORY_LENGTH:
        raise RefusedEventError(None, _too_long(len(events)))
    history: list[ReportEvent] = []
    report: Report | None = None
    index = 0
    try:
        for index, event in enumerate(events):
            if index >= MAX_HISTORY_LENGTH:
                raise _too_long(index + 1)
            checked = _checks.instance(event, ReportEvent, f"events[{index}]")
            # Each step sees only the latest event: copying the history at every step would
            # make a replay quadratic. The whole history is set once, at the end.
            report = _start(checked) if report is None else _advance(report, checked, latest=True)
            history.append(checked)
    except SmartCityError as error:
        raise RefusedEventError(index, error) from None
    if report is None:
        empty = InvalidReportError("cannot replay an empty history; it starts with a submission")
        raise RefusedEventError(None, empty)
    return attrs.evolve(report, history=tuple(history))


def _too_long(length: int) -> InvalidReportError:
    return InvalidReportError(
        f"a history of {length:,} or more events is longer than the {MAX_HISTORY_LENGTH:,} "
        f"a report may hold (MAX_HISTORY_LENGTH); this is not a real report's history"
    )


def _named(report: Report) -> str:
    """The report's id for a message, cut when it is long."""
    report_id = report.report_id
    return report_id if len(report_id) <= _checks.MAX_SHOWN else _checks.shown(report_id)


def _start(event: ReportEvent) -> Report:
    submission = event.submission
    if event.kind is not EventKind.SUBMITTED or submission is None:
        raise InvalidReportError(
            f"a history starts with a {EventKind.SUBMITTED.value} event that carries the "
            f"submission, not with {_shown(event.kind)}"
        )
    if event.status is not _S.SUBMITTED:
        raise InvalidReportError(
            f"a {EventKind.SUBMITTED.value} event leads to {_S.SUBMITTED.value}, "
            f"not {_shown(event.status)}"
        )
    _check_event(event, _KIND_PAYLOAD[EventKind.SUBMITTED])
    if submission.location is None and submission.address is None:
        raise InvalidReportError(
            "a report needs a location (lat/lon) or an address; it has neither"
        )
    return Report(submission, (event,), _S.SUBMITTED, submission.category)


def _advance(report: Report, event: ReportEvent, *, latest: bool = False) -> Report:
    """Return the report after ``event``; with ``latest``, its history is that event alone."""
    at = event.at
    if len(report.history) >= MAX_HISTORY_LENGTH:
        raise InvalidReportError(
            f"report {_named(report)} already has {MAX_HISTORY_LENGTH:,} events, the most a "
            f"history may hold (MAX_HISTORY_LENGTH); start a new report"
        )
    previous = report.history[-1].at
    if at < previous:
        raise ChronologyError(
            f"report {_named(report)}: an event at {at.isoformat()} comes before the latest "
            f"event at {previous.isoformat()}; add events in time order (equal times are fine)"
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
        (event,) if latest else (*report.history, event),
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
                f"report {_named(report)} cannot go from {current.value} to "
                f"{_shown(to)}; from {current.value} it may go to: {options}"
            )
        else:
            message = (
                f"report {_named(report)} is {current.value}, a final status: it cannot go "
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
            f"report {_named(report)} is already assigned to {_checks.shown(value)}; a "
            f"re-assignment names another agency",
            from_status=current,
            to_status=to,
        )
    if to is _S.DUPLICATE and value == report.report_id:
        raise InvalidReportError(f"report {_named(report)} cannot be a duplicate of itself")
    return payload


def _check_fact(report: Report, event: ReportEvent) -> frozenset[str]:
    """Check an event that records a fact and keeps the status (located, noted...)."""
    kind, status = event.kind, event.status
    if kind is EventKind.SUBMITTED:
        raise InvalidReportError(
            f"report {_named(report)} was already submitted; only the first event of a "
            f"history is a {kind.value} event"
        )
    payload = _KIND_PAYLOAD[kind]
    if status is not report.status:
        raise InvalidReportError(
            f"a {kind.value} event keeps the status {report.status.value}, but this one says "
            f"{_shown(status)}; only {EventKind.STATUS_CHANGED.value} events change it"
        )
    if kind is EventKind.NOTED:
        _required(event.note, "note")
    elif is_final(status):
        raise InvalidReportError(
            f"report {_named(report)} is {status.value}, a final status: it can no longer be "
            f"{kind.value}; only notes may be added"
        )
    elif kind is EventKind.RECATEGORIZED:
        category = _required(event.category, "category")
        if category == report.category:
            raise InvalidReportError(
                f"report {_named(report)} is already in category {_checks.shown(category)}"
            )
    return payload


def _check_event(event: ReportEvent, payload: frozenset[str]) -> None:
    """Refuse payload fields that the event does not carry."""
    for name in _PAYLOAD:
        value = getattr(event, name)
        if value is not None and name not in payload:
            # The value is not shown: a submission holds the reporter's personal data.
            raise InvalidReportError(
                f"a {_shown(event.kind)} event to {_shown(event.status)} does not carry "
                f"{name}; leave it out (None)"
            )


def _shown(value: object) -> str:
    """Show a status or a kind by its value, and anything else by a short repr."""
    return str(value.value) if isinstance(value, enum.Enum) else _checks.shown(value)


def _required(value: str | None, what: str) -> str:
    if value is None:
        raise InvalidReportError(f"{what} is missing; give some text")
    return value
