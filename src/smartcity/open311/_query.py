"""Reading a request's query or form, and ``GET requests``: which reports a query selects."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping

from smartcity import _checks
from smartcity.exceptions import ChronologyError, InvalidArgumentError, ValidationError
from smartcity.open311._common import parse_w3c
from smartcity.reports import Report

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "MAX_FIELDS",
    "MAX_WINDOW",
    "Fields",
    "Query",
    "comma_list",
    "fields",
    "select_requests",
    "single",
    "text",
    "window",
]

Query = Mapping[str, object] | Iterable[tuple[str, object]]
"""A request's query string or form: a mapping of names to a value or a list of values (as
``urllib.parse.parse_qs`` gives), or a list of ``(name, value)`` pairs (``parse_qsl``, or a
framework's multidict ``.items(multi=True)``). A JSON object is a mapping too."""

Fields = dict[str, list[object]]

MAX_FIELDS: typing.Final = 1_000
"""The most values a query or form may hold; more is refused before any is read."""

MAX_WINDOW: typing.Final = dt.timedelta(days=90)
"""The longest ``start_date``..``end_date`` window, and the default one (GeoReport v2)."""

DEFAULT_MAX_RESULTS: typing.Final = 1_000
"""How many requests or updates one answer lists at most, unless the server says otherwise."""


def fields(query: object, what: str) -> Fields:
    """Return a query's values by name, in the order given; refuse anything else.

    Raises:
        ValidationError: not a mapping or a collection of pairs, a name that is not text, or
            more than :data:`MAX_FIELDS` values.
    """
    if isinstance(query, Mapping):
        items: Iterable[object] = query.items()
    elif isinstance(query, Iterable) and not isinstance(query, str | bytes):
        items = query
    else:
        raise ValidationError(
            [
                (
                    "expected the fields as a mapping or (name, value) pairs, got "
                    f"{_checks.type_name(query)}"
                )
            ],
            what=what,
        )
    result: Fields = {}
    count = 0
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise ValidationError(
                [f"expected (name, value) pairs, got {_checks.type_name(item)}"], what=what
            )
        name, value = item
        if not isinstance(name, str):
            raise ValidationError(
                [f"a field name must be text, not {_checks.type_name(name)}"], what=what
            )
        values = list(value[: MAX_FIELDS + 1]) if isinstance(value, list | tuple) else [value]
        count += len(values)
        if count > MAX_FIELDS:
            raise ValidationError(
                [f"more than {MAX_FIELDS:,} values; no real request has that many"], what=what
            )
        result.setdefault(name, []).extend(values)
    return result


def single(data: Fields, name: str, problems: list[str]) -> object:
    """The field's one value, or None when absent, null or blank; a repeated field is a problem."""
    values = data.get(name, [])
    if len(values) > 1:
        problems.append(f"{name}: given {len(values)} times; give it once")
        return None
    value = values[0] if values else None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def text(data: Fields, name: str, problems: list[str], *, personal: bool = False) -> str | None:
    """The field's one value as text, or None; a value that is not text is a problem."""
    value = single(data, name, problems)
    if value is None or isinstance(value, str):
        return value
    if personal:
        shown = _checks.shown(value, personal=True)
    else:
        shown = f"{_checks.type_name(value)} {_checks.shown(value)}"
    problems.append(f"{name}: expected text, got {shown}")
    return None


def comma_list(data: Fields, name: str, problems: list[str]) -> list[str]:
    """The field as a comma-separated list (repeats are joined), blanks dropped, in order."""
    items: list[str] = []
    for value in data.get(name, []):
        if not isinstance(value, str):
            problems.append(f"{name}: expected text, got {_checks.type_name(value)}")
            return []
        items.extend(part.strip() for part in value.split(",") if part.strip())
        if len(items) > MAX_FIELDS:
            problems.append(f"{name}: more than {MAX_FIELDS:,} items; ask for fewer")
            return []
    return list(dict.fromkeys(items))


def window(  # noqa: PLR0911 - one answer per rule of the specification
    data: Fields, problems: list[str], *, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime] | None:
    """The ``start_date``..``end_date`` window of a query, both ends included.

    Neither given: the 90 days up to ``now``. Only ``start_date``: the 90 days from it; only
    ``end_date``: the 90 days up to it. Both: at most 90 days apart, start not after end.
    """
    ends = []
    for name in ("start_date", "end_date"):
        value = text(data, name, problems)
        instant = None if value is None else parse_w3c(value)
        if value is not None and instant is None:
            problems.append(
                f"{name}: {_checks.shown(value)} is not a W3C datetime with its offset; write "
                f"e.g. 2026-03-02T08:15:00+07:00"
            )
            return None
        ends.append(instant)
    start, end = ends
    if start is None and end is None:
        return now - MAX_WINDOW, now
    if start is None:
        end = typing.cast("dt.datetime", end)
        return end - MAX_WINDOW, end
    if end is None:
        return start, start + MAX_WINDOW
    if end < start:
        problems.append("end_date: before start_date; swap them")
        return None
    if end - start > MAX_WINDOW:
        problems.append(
            f"end_date: {(end - start).days} days after start_date; at most 90 days are "
            f"asked at once (GeoReport v2): ask for shorter windows"
        )
        return None
    return start, end


def check_reports(reports: object) -> tuple[Report, ...]:
    """The server's reports as a tuple, each checked to be a Report."""
    if isinstance(reports, Mapping):
        reports = reports.values()
    return _checks.tuple_of(
        reports, "reports", lambda value, name: _checks.instance(value, Report, name)
    )


def check_max_results(value: object) -> int:
    """A positive whole number of results."""
    return _checks.whole_number(
        value, "max_results", error=InvalidArgumentError, minimum=1, maximum=1_000_000
    )


_STATUSES: typing.Final = ("open", "closed")


def select_requests(
    reports: Iterable[Report] | Mapping[str, Report],
    query: Query = (),
    *,
    now: dt.datetime,
    max_results: int = DEFAULT_MAX_RESULTS,
) -> tuple[Report, ...]:
    """Return the reports a ``GET requests`` query selects, as GeoReport v2 says.

    * ``service_request_id``: a comma-separated list of ids; when given, the other filters
      are ignored and the reports come in the order asked (unknown ids are left out);
    * ``service_code``: a comma-separated list of service codes;
    * ``status``: ``open``, ``closed`` or ``open,closed``;
    * ``start_date``, ``end_date``: W3C datetimes that bound ``requested_datetime`` (both
      included); the window is at most 90 days, by default the 90 days up to ``now``;
    * other fields (``jurisdiction_id``, ``api_key``...) are ignored.

    The reports come oldest first (by the instant of submission, then by id), so a client
    pages by moving ``start_date`` past the last one it got; at most ``max_results``.

    Args:
        reports: the city's reports (a mapping by id is taken by its values).
        query: the query string (see :data:`Query`).
        now: the instant of the answer (aware), the end of the default window.
        max_results: the most reports to return (1,000 by default).

    Returns:
        The reports selected.

    Raises:
        ValidationError: a query that breaks these rules; ``.errors`` says how (answer 400).
        InvalidArgumentError: ``reports`` is not a collection of Report, ``now`` not a
            datetime, ``max_results`` not a whole number from 1.
        NaiveDatetimeError: ``now`` has no time zone.
    """
    every = check_reports(reports)
    _checks.stored_instant(now, "now", error=ChronologyError)
    limit = check_max_results(max_results)
    data = fields(query, "GET requests query")
    problems: list[str] = []
    ids = comma_list(data, "service_request_id", problems)
    codes = set(comma_list(data, "service_code", problems))
    statuses = set(comma_list(data, "status", problems))
    problems.extend(
        f"status: {_checks.shown(status)} is not open or closed"
        for status in sorted(statuses - set(_STATUSES))
    )
    bounds = None if ids else window(data, problems, now=now)
    if problems:
        raise ValidationError(problems, what="GET requests query")
    if ids:
        by_id = {report.report_id: report for report in every}
        return tuple(by_id[key] for key in ids if key in by_id)[:limit]
    start, end = typing.cast("tuple[dt.datetime, dt.datetime]", bounds)
    chosen = [
        report
        for report in every
        if start <= report.submitted_at <= end
        and (not codes or report.category in codes)
        and (not statuses or report.status.open311 in statuses)
    ]
    chosen.sort(key=lambda report: (report.submitted_at, report.report_id))
    return tuple(chosen[:limit])
