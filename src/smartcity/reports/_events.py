"""What happened to a report: the events its history is made of."""

# No `from __future__ import annotations` here: a converter (cattrs) resolves the field types of
# these classes at run time, so the names they use must be real imports, not strings.

import datetime as dt
import enum
import typing

import attrs

from smartcity import _checks
from smartcity.exceptions import InvalidArgumentError, InvalidReportError
from smartcity.geo import GeoPoint
from smartcity.reports._reporter import PERSONAL, Reporter
from smartcity.reports._status import ReportStatus

__all__ = [
    "MAX_ATTRIBUTE_VALUES",
    "MAX_DESCRIPTION_LENGTH",
    "EventKind",
    "HasLatLon",
    "ReportEvent",
    "Submission",
]

MAX_DESCRIPTION_LENGTH: typing.Final = 4_000
"""The longest description a report may have, in characters (Open311 GeoReport v2's limit)."""


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


# -- the checks of the fields: every way of making a value goes through them -----------------------
# A field refuses what could not be stored and read back: a wrong type, blank text, an instant
# that does not exist (a wall time skipped by daylight saving) or that no zone can hold.


def _text(_instance: object, attribute: "attrs.Attribute[str]", value: object) -> None:
    _checks.text(value, attribute.name, error=InvalidReportError)


def _optional_text(
    _instance: object, attribute: "attrs.Attribute[str | None]", value: object
) -> None:
    _checks.optional_text(value, attribute.name, error=InvalidReportError)


def _description(
    _instance: object, attribute: "attrs.Attribute[str | None]", value: object
) -> None:
    _checks.optional_text(
        value, attribute.name, error=InvalidReportError, max_length=MAX_DESCRIPTION_LENGTH
    )


MAX_ATTRIBUTE_VALUES: typing.Final = 100
"""The most attribute answers a submission may hold, and the most keys one answer may list."""


def _answer_text(value: object, argument: str) -> str:
    return _checks.text(
        value, argument, error=InvalidReportError, max_length=MAX_DESCRIPTION_LENGTH
    )


def _attributes(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Answers as ``((code, (value, ...)), ...)``, sorted by code, each code once.

    A mapping ``{code: value or [values]}`` or a collection of ``(code, values)`` pairs is
    accepted; a single string answer becomes a 1-tuple.
    """
    pairs = value.items() if isinstance(value, typing.Mapping) else value
    items = _checks.tuple_of(
        pairs, "attributes", _answer, max_items=MAX_ATTRIBUTE_VALUES, error=InvalidReportError
    )
    codes = [code for code, _values in items]
    if len(set(codes)) != len(codes):
        raise InvalidReportError("attributes answer a code twice; give each code once")
    return tuple(sorted(items))


def _answer(value: object, argument: str) -> tuple[str, tuple[str, ...]]:
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise InvalidArgumentError(
            f"{argument} must be a (code, values) pair, not {_checks.type_name(value)} "
            f"{_checks.shown(value)}"
        )
    code = _checks.text(value[0], f"{argument} code", error=InvalidReportError, max_length=100)
    answers = value[1]
    if isinstance(answers, str):
        answers = (answers,)
    checked = _checks.tuple_of(
        answers,
        f"{argument} values",
        _answer_text,
        max_items=MAX_ATTRIBUTE_VALUES,
        error=InvalidReportError,
    )
    if not checked:
        raise InvalidReportError(f"{argument} has no value; leave the attribute out instead")
    return code, checked


def _instant(_instance: object, attribute: "attrs.Attribute[dt.datetime]", value: object) -> None:
    _checks.stored_instant(value, attribute.name, error=InvalidReportError)


def _member(
    kind: type[enum.Enum],
) -> typing.Callable[[object, "attrs.Attribute[typing.Any]", object], None]:
    def check(_instance: object, attribute: "attrs.Attribute[typing.Any]", value: object) -> None:
        _checks.member(value, kind, attribute.name)

    return check


def _location(value: object) -> GeoPoint | None:
    """Any object with ``lat``/``lon``, as a :class:`GeoPoint` (checked by GeoPoint's rules)."""
    if value is None or isinstance(value, GeoPoint):
        return value
    try:
        lat, lon = value.lat, value.lon  # type: ignore[attr-defined]
    except AttributeError:
        raise InvalidArgumentError(
            f"location must have lat and lon in degrees (e.g. a GeoPoint), not "
            f"{_checks.type_name(value)} {_checks.shown(value)}"
        ) from None
    # Read once and copied: a mutable object changed later cannot change the report.
    return GeoPoint(lat, lon)


def _media_urls(value: object) -> tuple[str, ...]:
    return _checks.tuple_of(
        value,
        "media_urls",
        lambda url, name: _checks.text(url, name, error=InvalidReportError),
    )


def _reporter(
    _instance: object, _attribute: "attrs.Attribute[Reporter | None]", value: object
) -> None:
    if value is not None and not isinstance(value, Reporter):
        # Never shown: a raw string here is a name or a phone number.
        raise InvalidArgumentError(
            f"reporter must be a Reporter or None, not {_checks.shown(value, personal=True)}; "
            f"e.g. Reporter(name=..., phone=...)"
        )


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

    Built by :meth:`smartcity.reports.Report.submit`; read it as ``report.submission``. Every
    field is checked when a submission is made, whichever way it is made.

    Attributes:
        report_id: the report's identifier, unique in the city.
        category: the code of the category chosen at submission (it may change later).
        description: the citizen's own words, at most 4,000 characters (the Open311 limit),
            or None: Open311 lists it as optional (a city that requires it says so, see
            ``City.require_description``).
        location: where the problem is, as a ``GeoPoint`` (anything with ``lat``/``lon`` in
            degrees is converted to one, by GeoPoint's rules); None for a report placed by its
            address only.
        address: the address as the citizen wrote it, or None.
        media_urls: links to photos or videos, in the order given.
        reporter: who sent it (personal data), or None for an anonymous report.
        attributes: the answers to the category's extra questions (Open311 attributes), as
            ``((code, (value, ...)), ...)`` sorted by code; a mapping or pairs are accepted.
            Not personal data: they are published with the report.

    Raises:
        InvalidArgumentError: a field of the wrong type: text that is not a ``str``, a location
            without ``lat``/``lon``, a single string as ``media_urls``, a reporter that is not a
            :class:`Reporter` (its value is never shown: it is personal data).
        InvalidReportError: blank text, or a description over 4,000 characters.
        InvalidLocationError: a location whose lat/lon are not a real place.
    """

    report_id: str = attrs.field(validator=_text)
    category: str = attrs.field(validator=_text)
    description: str | None = attrs.field(default=None, validator=_description)
    location: GeoPoint | None = attrs.field(default=None, converter=_location)
    address: str | None = attrs.field(default=None, validator=_optional_text)
    media_urls: tuple[str, ...] = attrs.field(default=(), converter=_media_urls)
    reporter: Reporter | None = attrs.field(
        default=None, validator=_reporter, metadata={PERSONAL: True}
    )
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        default=(), converter=_attributes
    )


def _submission(
    _instance: object, _attribute: "attrs.Attribute[Submission | None]", value: object
) -> None:
    if value is not None and not isinstance(value, Submission):
        raise InvalidArgumentError(
            f"submission must be a Submission or None, not {_checks.type_name(value)} "
            f"{_checks.shown(value)}; Report.submit makes it"
        )


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
        at: when it happened: an aware datetime, kept as given, that names one real instant
            (not a wall time skipped by daylight saving, nor within a day of years 1 and 9999).
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

    Raises:
        InvalidArgumentError: a field of the wrong type (a kind or status that is not a member
            of its enum, text that is not a ``str``, ``at`` that is not a datetime).
        NaiveDatetimeError: ``at`` has no time zone.
        InvalidReportError: ``at`` cannot be stored (see above), or blank text.
    """

    kind: EventKind = attrs.field(validator=_member(EventKind))
    at: dt.datetime = attrs.field(validator=_instant)
    status: ReportStatus = attrs.field(validator=_member(ReportStatus))
    actor: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    note: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    agency: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    duplicate_of: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    referred_to: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    category: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    ward: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    district: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    submission: Submission | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_submission,
    )
