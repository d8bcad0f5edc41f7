"""mySociety's update extension: ``GET`` and ``POST servicerequestupdates``."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping

from smartcity import _checks
from smartcity.exceptions import ChronologyError, InvalidArgumentError, ValidationError
from smartcity.open311._common import Language, check_language, label, w3c
from smartcity.open311._query import (
    DEFAULT_MAX_RESULTS,
    Query,
    check_max_results,
    check_reports,
    fields,
    text,
    window,
)
from smartcity.open311._statuses import extended_status
from smartcity.reports import EventKind, Report, ReportEvent, ReportStatus

__all__ = [
    "CITIZEN_ACTOR",
    "select_updates",
    "service_request_updates",
    "update_from_request",
    "update_id",
]

CITIZEN_ACTOR: typing.Final = "citizen (Open311)"
"""The actor recorded on the events :func:`update_from_request` adds."""


def update_id(report_id: str, number: int) -> str:
    r"""Return the id of the update made by event ``number`` of report ``report_id``.

    ``{report_id}-{number}``, the report id written with letters, digits and ``-`` only
    (open311-adapter requires ``^[\\w\\-_]+$``): every other character, ``_`` included, is
    written ``_hex_`` (``SMG/1`` gives ``SMG_2f_1``). Two different updates never share an id:
    the number follows the last ``-``, and the escaping can be read back.
    """
    _checks.instance(report_id, str, "report_id")
    _checks.whole_number(number, "number", error=InvalidArgumentError, minimum=0)
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char == "-") else f"_{ord(char):x}_"
        for char in report_id
    )
    return f"{escaped}-{number}"


def _updates_of(
    report: Report, language: Language
) -> Iterable[tuple[ReportEvent, dict[str, object]]]:
    for number, event in enumerate(report.history[1:], start=1):
        if event.kind not in {EventKind.STATUS_CHANGED, EventKind.NOTED}:
            continue
        yield (
            event,
            {
                "update_id": update_id(report.report_id, number),
                "service_request_id": report.report_id,
                "status": extended_status(event.status),
                "updated_datetime": w3c(event.at),
                "description": event.note
                if event.note is not None
                else label(event.status, language),
                "media_url": "",
                "external_status_code": event.status.value,
            },
        )


def service_request_updates(
    report: Report, *, since: dt.datetime | None = None, language: Language = "id"
) -> list[dict[str, object]]:
    r"""Return the public updates of a report, oldest first, as FixMyStreet reads them.

    One update per status change and per note of the history (the submission itself, the
    placing in a ward and a recategorization are not updates). Each has

    * ``update_id``: :func:`update_id` of the event's position in the history (stable: a
      history only grows), matching ``[\\w-]+``;
    * ``service_request_id``: the report id;
    * ``status``: the extended state after the update (:func:`extended_status`), upper case,
      which FixMyStreet's ``map_state`` reads; a note repeats the state it was written in;
    * ``updated_datetime``: when it happened;
    * ``description``: the event's note, or else the status's label in ``language``;
    * ``media_url``: ``""`` (events carry no media; a string, as open311-adapter requires);
    * ``external_status_code``: the city's own status (``in_progress``...), which FixMyStreet
      keeps as it is.

    No personal data: the reporter is not read.

    Args:
        report: the report.
        since: only updates at or after this instant (aware).
        language: ``"id"`` (default) or ``"en"`` for the labels.

    Returns:
        A list of dicts, ready for ``json.dumps``.

    Raises:
        NaiveDatetimeError: ``since`` has no time zone.
        InvalidArgumentError: ``report`` is not a Report, or ``since`` is not a datetime.
        InvalidOptionError: another language.
    """
    _checks.instance(report, Report, "report")
    language = check_language(language)
    if since is not None:
        _checks.aware_datetime(since, "since")
    return [
        update
        for event, update in _updates_of(report, language)
        if since is None or event.at >= since
    ]


def select_updates(
    reports: Iterable[Report] | Mapping[str, Report],
    query: Query = (),
    *,
    now: dt.datetime,
    language: Language = "id",
    max_results: int = DEFAULT_MAX_RESULTS,
) -> list[dict[str, object]]:
    """Return the body of ``GET servicerequestupdates``: one stream across all reports.

    The updates (as :func:`service_request_updates` writes them) of every report whose event
    lies in the query's ``start_date``..``end_date`` window, both ends included, as FixMyStreet
    asks; the window follows the rules of ``GET requests`` (at most 90 days, by default the 90
    days up to ``now``). Oldest first (by instant, then report id, then position), at most
    ``max_results``: a client pages by moving ``start_date`` to the last ``updated_datetime``
    it got and dropping the ``update_id`` values it already has.

    Raises:
        ValidationError: a bad window (answer 400).
        InvalidArgumentError: ``reports`` is not a collection of Report, ``now`` not a
            datetime, ``max_results`` not a whole number from 1.
        NaiveDatetimeError: ``now`` has no time zone.
        InvalidOptionError: another language.
    """
    every = check_reports(reports)
    _checks.stored_instant(now, "now", error=ChronologyError)
    language = check_language(language)
    limit = check_max_results(max_results)
    data = fields(query, "GET servicerequestupdates query")
    problems: list[str] = []
    bounds = window(data, problems, now=now)
    if problems:
        raise ValidationError(problems, what="GET servicerequestupdates query")
    start, end = typing.cast("tuple[dt.datetime, dt.datetime]", bounds)
    found = [
        (event.at, report.report_id, index, update)
        for report in every
        for index, (event, update) in enumerate(_updates_of(report, language))
        if start <= event.at <= end
    ]
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[:limit]]


_OPEN: typing.Final = frozenset({"OPEN", "REOPEN", "IN_PROGRESS"})


def update_from_request(report: Report, form: Query, *, at: dt.datetime) -> Report:
    """Return the report after a citizen's ``POST servicerequestupdates``.

    Fields read: ``service_request_id`` (required: the report's id), ``status``, and
    ``description`` (the comment). A ``status`` of ``OPEN`` (or ``REOPEN``, ``IN_PROGRESS``)
    on a resolved report reopens it (back to in progress, the comment as the note), as the
    lifecycle allows a reporter to; any other update is kept as a note, so it needs a
    comment. The personal fields FixMyStreet sends (``email``, ``first_name``,
    ``last_name``, ``title``, ``account_id``, ``phone``) and ``media_url`` are not kept; the
    event is dated ``at`` (the server's clock), not the client's ``updated_datetime``.

    Args:
        report: the report the update is about.
        form: the request's form (see :data:`Query`).
        at: when it was received (aware, not before the report's latest event).

    Returns:
        The report with one more event; its update id is
        ``update_id(report.report_id, len(result.history) - 1)``.

    Raises:
        ValidationError: a missing or different ``service_request_id``, a comment over 4,000
            characters, or an update without a comment that reopens nothing (answer 400).
        InvalidArgumentError: ``report`` is not a Report, or ``at`` not a datetime.
        NaiveDatetimeError: ``at`` has no time zone.
        ChronologyError: ``at`` is before the report's latest event.
    """
    _checks.instance(report, Report, "report")
    _checks.aware_datetime(at, "at")
    data = fields(form, "Open311 service request update")
    problems: list[str] = []
    request_id = text(data, "service_request_id", problems)
    status = text(data, "status", problems)
    comment = text(data, "description", problems)
    for name in ("email", "first_name", "last_name", "title", "account_id", "phone"):
        text(data, name, problems, personal=True)  # refuse repeats, never show the value
    if request_id is None:
        problems.append("service_request_id: missing; it names the request to update")
    elif request_id != report.report_id:
        problems.append(
            f"service_request_id: {_checks.shown(request_id)} is not the request updated "
            f"({_checks.shown(report.report_id)})"
        )
    if comment is not None and len(comment) > 4_000:
        problems.append(f"description: {len(comment):,} characters; at most 4,000 are allowed")
    reopen = (
        status is not None
        and status.strip().upper() in _OPEN
        and report.status is ReportStatus.RESOLVED
    )
    if not reopen and comment is None and not problems:
        problems.append(
            "description: missing; an update that does not reopen a resolved request "
            "carries a comment"
        )
    if problems:
        raise ValidationError(problems, what="Open311 service request update")
    if reopen:
        return report.transition(ReportStatus.IN_PROGRESS, at=at, actor=CITIZEN_ACTOR, note=comment)
    return report.add_note(typing.cast("str", comment), at=at, actor=CITIZEN_ACTOR)
