"""GET a service request (the public view of a report) and POST a service request."""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
import typing

from smartcity import _checks
from smartcity.desk import City
from smartcity.desk._promise import promised_clock, promised_policy
from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidLocationError,
    InvalidReportError,
    ValidationError,
)
from smartcity.geo import GeoPoint
from smartcity.open311._attributes import NUMBER, answers_data, read_answers
from smartcity.open311._common import (
    Language,
    category_name,
    check_language,
    referral_notice,
    target_notice,
    w3c,
)
from smartcity.open311._query import Fields, Query, fields, single, text
from smartcity.reports import (
    MAX_DESCRIPTION_LENGTH,
    EventKind,
    Report,
    Reporter,
    ReportStatus,
    is_final,
)
from smartcity.routing import Category
from smartcity.sla import SlaPolicy, WorkingDays

__all__ = [
    "DEFAULT_EXPECTED_POLICY",
    "MAX_MEDIA_URLS",
    "NOT_PINPOINTED",
    "report_from_request",
    "request_created",
    "service_request",
]

DEFAULT_EXPECTED_POLICY: typing.Final = SlaPolicy(
    "open311-expected",
    WorkingDays(5),
    start_on={ReportStatus.SUBMITTED},
    stop_on={ReportStatus.RESOLVED, *(status for status in ReportStatus if is_final(status))},
)
"""Five working days from the day of receipt (Semarang's SOP), met when the report is resolved
or closed another way: a promise to pass as ``policy=`` to :func:`service_request` when a
regulation counts from receipt. It is no longer the fallback for a city without an SLA
schedule: such a city makes no promise (:meth:`City.promise <smartcity.desk.City.promise>`
is None), so ``expected_datetime`` is null, as every other channel says.
"""


def service_request(
    report: Report,
    city: City,
    *,
    now: dt.datetime,
    expected: dt.datetime | None = None,
    policy: SlaPolicy | None = None,
    language: Language = "id",
) -> dict[str, object]:
    """Return the public Open311 view of a report: one item of ``GET requests``.

    Every field of GeoReport v2 is present; absent values are null, as in the specification's
    examples. Personal data never appears: the reporter's name, phone, e-mail and account are
    not read at all (the description and notes are published as they are).

    ========================  ===================================================================
    field                     value
    ========================  ===================================================================
    ``service_request_id``    the report id
    ``status``                ``open`` or ``closed``, the status's
                              :attr:`~smartcity.reports.ReportStatus.open311`
    ``status_notes``          the note of the latest status change, or null
    ``service_name``          the category's name in ``language``
    ``service_code``          the category code
    ``description``           the citizen's description, or null
    ``agency_responsible``    the name of the agency the report is assigned to; for a referred
                              report, the authority it was referred to; else null
    ``service_notice``        the promise (e.g. "Ditindaklanjuti dalam 5 hari kerja."), or
                              where reports of another authority's category go
    ``requested_datetime``    when the report was received
    ``updated_datetime``      its latest event; for a closed request, the change that closed it
    ``expected_datetime``     the deadline: ``expected`` if given, else the deadline of
                              :meth:`City.promise <smartcity.desk.City.promise>` at ``now``,
                              the one the desk tells the citizen; null when there is none
                              (no promise, not started, paused, or outside the calendar's
                              coverage)
    ``address``               the address given, or null
    ``address_id``            null (reports keep no address ids)
    ``zipcode``               null
    ``lat``, ``long``         the location in degrees, or null
    ``media_url``             the first media URL, or null
    ``attributes``            the answers to the category's extra questions,
                              ``[{"code": ..., "values": [...]}]`` (an extension: public data)
    ========================  ===================================================================

    The promise is :meth:`City.promise <smartcity.desk.City.promise>`'s, with ``policy`` if
    given: else the city's primary SLA clock for this report (:attr:`City.schedule
    <smartcity.desk.City.schedule>`; for Semarang, the follow-up clock, from the assignment,
    on the agency's calendar). A city without a schedule, or a schedule that gives the report
    no primary clock, makes no promise: no deadline, no notice (pass
    :data:`DEFAULT_EXPECTED_POLICY` as ``policy`` to promise 5 working days from receipt).

    Datetimes are ISO 8601 to the second with the UTC offset they were recorded with (the
    deadline, in the calendar's zone).

    Args:
        report: the report.
        city: the city, for the category's name, the agency's name and the calendar.
        now: the instant of the answer (aware, not before the report's latest event).
        expected: the deadline to publish, overriding the computed one.
        policy: the promise to compute the deadline from, instead of the city's.
        language: ``"id"`` (default) or ``"en"`` for the service name and the notice.

    Returns:
        A dict ready for ``json.dumps``; a ``GET requests`` body is a list of them.

    Raises:
        UnknownCategoryError: the report's category is not one of the city's.
        UnknownAgencyError: the report is assigned to an agency the city does not have.
        NaiveDatetimeError: ``now`` or ``expected`` has no time zone.
        InvalidArgumentError: an argument of the wrong type: ``report`` not a Report, ``city``
            not a City, ``now`` or ``expected`` not a datetime, ``policy`` not an SlaPolicy.
        ChronologyError: ``now`` is before the report's latest event.
        InvalidOptionError: another language.
    """
    _checks.instance(report, Report, "report")
    _checks.instance(city, City, "city")
    if policy is not None:
        _checks.instance(policy, SlaPolicy, "policy")
    language = check_language(language)
    _check_now(report, now)
    if expected is not None:
        _checks.aware_datetime(expected, "expected")
    category = city.router.category(report.category)
    if policy is None:
        policy = promised_policy(city, report)
    if expected is None and policy is not None:
        expected = _deadline(report, city, policy, now)
    notice = _notice(category, policy, language)
    location = report.location
    return {
        "service_request_id": report.report_id,
        "status": report.status.open311,
        "status_notes": _status_notes(report),
        "service_name": category_name(category, language),
        "service_code": category.code,
        "description": report.description,
        "agency_responsible": _agency_responsible(report, city),
        "service_notice": notice,
        "requested_datetime": w3c(report.submitted_at),
        "updated_datetime": w3c(_updated_at(report)),
        "expected_datetime": None if expected is None else w3c(expected),
        "address": report.address,
        "address_id": None,
        "zipcode": None,
        "lat": None if location is None else float(location.lat),
        "long": None if location is None else float(location.lon),
        "media_url": report.media_urls[0] if report.media_urls else None,
        "attributes": answers_data(report.attributes),
    }


def _notice(category: Category, policy: SlaPolicy | None, language: Language) -> str | None:
    if category.referral is not None:
        return referral_notice(category.referral, language)
    if policy is not None:
        return target_notice(policy.target, language)
    return None


def _updated_at(report: Report) -> dt.datetime:
    """The latest event; for a closed request, the change that closed it (GeoReport v2)."""
    if report.status.open311 == "closed":
        for event in reversed(report.history):
            if event.kind is EventKind.STATUS_CHANGED:
                return event.at
    return report.updated_at


def request_created(
    report: Report, city: City, *, language: Language = "id"
) -> list[dict[str, object]]:
    """Return the body of the answer to ``POST requests`` for the report it made.

    ``[{"service_request_id": ..., "service_notice": ..., "account_id": null}]``: the notice
    is the one :func:`service_request` publishes (the promise, or where the category's
    reports are referred). ``account_id`` is always null: it would be the reporter's account,
    which is personal data.

    Raises:
        InvalidArgumentError: ``report`` is not a Report or ``city`` not a City.
        UnknownCategoryError: the report's category is not one of the city's.
        InvalidOptionError: another language.
    """
    _checks.instance(report, Report, "report")
    _checks.instance(city, City, "city")
    language = check_language(language)
    category = city.router.category(report.category)
    return [
        {
            "service_request_id": report.report_id,
            "service_notice": _notice(category, promised_policy(city, report), language),
            "account_id": None,
        }
    ]


def _check_now(report: Report, now: dt.datetime) -> None:
    _checks.aware_datetime(now, "now")
    if now < report.updated_at:
        raise ChronologyError(
            f"now {now.isoformat()} is before the latest event of report {report.report_id} "
            f"({report.updated_at.isoformat()}); pass the current instant"
        )


def _deadline(
    report: Report, city: City, policy: SlaPolicy, now: dt.datetime
) -> dt.datetime | None:
    """The deadline of the promise the desk tells the citizen (City.promise), as it is now.

    The same clock as :meth:`City.promise <smartcity.desk.City.promise>`, without writing its
    explanation (ten times the cost, and Open311 does not show it).
    """
    try:
        clock = promised_clock(city, report, policy)
        return None if clock is None else clock.deadline_at(now)
    except CalendarCoverageError:
        # The field is optional: a deadline the calendar cannot tell is not published, rather
        # than refusing to show the report at all.
        return None


def _status_notes(report: Report) -> str | None:
    for event in reversed(report.history):
        if event.kind is EventKind.STATUS_CHANGED:
            return event.note
    return None


def _agency_responsible(report: Report, city: City) -> str | None:
    if report.referred_to is not None:
        return report.referred_to
    if report.agency is not None:
        return city.router.agency(report.agency).name
    return None


# -- POST requests -------------------------------------------------------------------------------

NOT_PINPOINTED: typing.Final = "#NOTPINPOINTED#"
"""The ``address_id`` FixMyStreet sends for a report placed on no map: read as no address."""

MAX_MEDIA_URLS: typing.Final = 20
"""The most ``media_url`` values one request may carry (FixMyStreet sends one per photo)."""

_PERSONAL_FIELDS: typing.Final = ("email", "first_name", "last_name", "phone", "account_id")


def report_from_request(
    data: Query,
    *,
    report_id: str,
    at: dt.datetime,
    city: City | None = None,
) -> Report:
    """Return a submitted report from the body of ``POST requests``, checked as the spec asks.

    The body is the decoded form: a mapping of names to a value or a list of values (as
    ``urllib.parse.parse_qs`` gives), or ``(name, value)`` pairs (``parse_qsl``, a
    framework's multidict); a JSON object works too (``lat`` and ``long`` may then be
    numbers). An empty value counts as absent, as the specification says of optional fields.

    Fields read:

    * ``service_code`` (required; with ``city``, one of its categories);
    * a location: ``lat`` and ``long`` together (numbers in degrees), or ``address_string``,
      or ``address_id`` (kept as the address when there is no ``address_string``;
      FixMyStreet's ``#NOTPINPOINTED#`` means no address);
    * ``description``: at most 4,000 characters; optional, unless ``city`` requires it
      (:attr:`City.require_description <smartcity.desk.City.require_description>`);
    * ``media_url``: every value kept, in order (FixMyStreet sends one per photo), at most
      :data:`MAX_MEDIA_URLS`;
    * ``attribute[code]`` and ``attribute[code][]``: with ``city``, the answers to the
      category's attributes, checked against them (required, datatype, allowed keys); the
      codes the category does not define are not kept; without ``city``, kept as sent;
    * the personal fields ``email``, ``first_name``, ``last_name``, ``phone``,
      ``account_id``, which go into a :class:`~smartcity.reports.Reporter` (first and last
      name joined).

    ``device_id``, ``api_key``, ``jurisdiction_id`` and any other field are not kept. Every
    field but ``media_url`` and a ``multivaluelist`` attribute is given at most once.

    Args:
        data: the request body.
        report_id: the id to give the report (the ``service_request_id`` to answer with).
        at: when the request was received (aware).
        city: the city, to check service codes, attributes and its description rule.

    Returns:
        The report, in status submitted; pass it to
        :meth:`City.intake <smartcity.desk.City.intake>` next.

    Raises:
        ValidationError: the body is refused; ``.errors`` has one line per problem, each
            starting with the field (answer 400 with them). No line shows the value of a
            personal field, and long values are cut short.
        NaiveDatetimeError: ``at`` has no time zone.
        InvalidArgumentError: ``at`` is not a datetime, ``report_id`` not a string, or ``city``
            not a City.
        InvalidReportError: a blank ``report_id``, or an ``at`` that cannot be stored (a wall
            time skipped by daylight saving, or within a day of years 1 and 9999).
    """
    _checks.stored_instant(at, "at", error=InvalidReportError)
    _checks.text(report_id, "report_id", error=InvalidReportError)
    if city is not None:
        _checks.instance(city, City, "city")
    form = fields(data, "Open311 service request")
    problems: list[str] = []
    service_code = text(form, "service_code", problems)
    category = None
    if service_code is None:
        problems.append("service_code: missing; it is required (GET services lists the codes)")
    elif city is not None:
        category = city.categories.get(service_code)
        if category is None:
            problems.append(
                f"service_code: unknown service {_checks.shown(service_code)}; "
                f"GET services lists the codes"
            )
    point = _point(form, problems)
    address = _address(form, problems)
    if point is None and address is None and not _given(form, "lat", "long"):
        problems.append("location: missing; give lat and long, or address_string, or address_id")
    description = text(form, "description", problems)
    if description is None and city is not None and city.require_description:
        problems.append("description: missing; describe the problem (up to 4,000 characters)")
    elif description is not None and len(description) > MAX_DESCRIPTION_LENGTH:
        problems.append(
            f"description: {len(description):,} characters; at most "
            f"{MAX_DESCRIPTION_LENGTH:,} are allowed"
        )
    media_urls = _media_urls(form, problems)
    answers = read_answers(form, category if city is not None else None, problems)
    if city is not None and category is None:
        answers = {}
    reporter = _reporter(
        {name: text(form, name, problems, personal=True) for name in _PERSONAL_FIELDS}, problems
    )
    if problems:
        raise ValidationError(problems, what="Open311 service request")
    return Report.submit(
        report_id,
        category=typing.cast("str", service_code),
        description=description,
        at=at,
        location=point,
        address=address,
        reporter=reporter,
        media_urls=media_urls,
        attributes=answers,
    )


def _given(data: Fields, *names: str) -> bool:
    return any(single(data, name, []) is not None for name in names)


def _address(data: Fields, problems: list[str]) -> str | None:
    address = text(data, "address_string", problems)
    address_id = text(data, "address_id", problems)
    if address_id is not None and address_id.strip() == NOT_PINPOINTED:
        address_id = None
    return address or address_id


def _media_urls(data: Fields, problems: list[str]) -> tuple[str, ...]:
    urls = []
    for value in data.get("media_url", []):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            problems.append(
                f"media_url: expected text, got {_checks.type_name(value)} {_checks.shown(value)}"
            )
            return ()
        urls.append(value)
    if len(urls) > MAX_MEDIA_URLS:
        problems.append(f"media_url: given {len(urls)} times; at most {MAX_MEDIA_URLS} are kept")
        return ()
    return tuple(urls)


def _coordinate(data: Fields, name: str, problems: list[str]) -> object:
    """The field as a number for GeoPoint to check (whose rules are the only rules), or None."""
    value = single(data, name, problems)
    if value is None:
        return None
    if isinstance(value, str) and NUMBER.fullmatch(value.strip()):
        return float(value)  # a huge one is infinite, which GeoPoint refuses
    if not isinstance(value, bool) and isinstance(value, numbers.Real | decimal.Decimal):
        return value  # JSON numbers, or Decimal when parsed with parse_float=Decimal
    problems.append(f"{name}: expected a number of degrees, got {_checks.shown(value)}")
    return None


def _point(data: Fields, problems: list[str]) -> GeoPoint | None:
    before = len(problems)
    lat = _coordinate(data, "lat", problems)
    lon = _coordinate(data, "long", problems)
    if len(problems) > before:
        return None
    if (lat is None) != (lon is None):
        missing = "long" if lon is None else "lat"
        problems.append(f"{missing}: missing; lat and long are sent together")
        return None
    if lat is None or lon is None:
        return None
    try:
        return GeoPoint(lat, lon)
    except InvalidLocationError as error:
        problems.append(f"lat/long: {error}")
        return None


def _reporter(values: dict[str, str | None], problems: list[str]) -> Reporter | None:
    names = [part for part in (values["first_name"], values["last_name"]) if part is not None]
    fields_ = {
        "name": " ".join(names) or None,
        "phone": values["phone"],
        "email": values["email"],
        "account_id": values["account_id"],
    }
    if all(value is None for value in fields_.values()):
        return None
    try:
        return Reporter(**fields_)
    except InvalidReportError as error:
        # The only field a reporter refuses once blanks are gone is the e-mail address.
        problems.append(f"email: {error}")
        return None
