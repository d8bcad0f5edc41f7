"""One function per Open311 endpoint: a request in, an :class:`Open311Response` out."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Collection, Iterable, Mapping

from smartcity import _checks
from smartcity.desk import City
from smartcity.exceptions import (
    ChronologyError,
    RejectedKeyError,
    SmartCityError,
    UnknownRequestError,
    ValidationError,
)
from smartcity.open311._common import Language, check_language
from smartcity.open311._errors import error_response
from smartcity.open311._query import (
    DEFAULT_MAX_RESULTS,
    Query,
    check_reports,
    fields,
    select_requests,
    text,
)
from smartcity.open311._requests import report_from_request, request_created, service_request
from smartcity.open311._response import Open311Response
from smartcity.open311._services import service_definition, service_list
from smartcity.open311._updates import select_updates, update_from_request, update_id
from smartcity.reports import Report

__all__ = [
    "check_api_key",
    "get_request",
    "get_requests",
    "get_service_definition",
    "get_service_request_updates",
    "get_services",
    "post_request",
    "post_service_request_update",
]

Reports = Iterable[Report] | Mapping[str, Report]


def check_api_key(form: Query, api_keys: Collection[str] | None) -> None:
    """Check the ``api_key`` of a form against the keys a server accepts.

    The check the POST endpoints make with their ``api_keys=``, for a server's own actions
    (a desk's, say) to be guarded by the same keys. The key is compared in constant time and
    never shown in a message.

    Args:
        form: the decoded form (see :data:`Query`).
        api_keys: the accepted keys; None accepts any form, an empty collection none.

    Raises:
        RejectedKeyError: ``api_key`` is missing, given more than once, or not accepted
            (answer 403; :func:`error_response` does).
        ValidationError: ``form`` is not a form (answer 400).
        InvalidArgumentError: ``api_keys`` is not a collection of strings.
    """
    if api_keys is None:
        return
    keys = _checks.tuple_of(
        api_keys, "api_keys", lambda value, name: _checks.instance(value, str, name)
    )
    problems: list[str] = []
    key = text(fields(form, "Open311 request"), "api_key", problems)
    # Compared in constant time; the key is never shown (a secret).
    if (
        problems
        or key is None
        or not any(hmac.compare_digest(key.encode(), accepted.encode()) for accepted in keys)
    ):
        raise RejectedKeyError(
            "api_key: missing or not accepted; ask the city for a key (see key_service in "
            "GET discovery)"
        )


def _server(city: City, now: dt.datetime) -> None:
    """The server's own arguments: a mistake there is a bug to raise, not a 400 to answer."""
    _checks.instance(city, City, "city")
    _checks.stored_instant(now, "now", error=ChronologyError)


def get_services(city: City, query: Query = (), *, language: Language = "id") -> Open311Response:
    """``GET services``: the body of :func:`service_list`, root ``services``.

    The query (``jurisdiction_id``...) is read only to refuse one that is not a query.
    """
    _checks.instance(city, City, "city")
    language = check_language(language)
    try:
        fields(query, "GET services query")
    except SmartCityError as error:
        return error_response(error)
    return Open311Response(200, "services", service_list(city, language=language))


def get_service_definition(city: City, service_code: str, query: Query = ()) -> Open311Response:
    """``GET services/{service_code}``: :func:`service_definition`, root ``service_definition``.

    An unknown code answers 404.
    """
    _checks.instance(city, City, "city")
    try:
        fields(query, "GET service definition query")
        _checks.instance(service_code, str, "service_code")
        return Open311Response(200, "service_definition", service_definition(city, service_code))
    except SmartCityError as error:
        return error_response(error)


def post_request(
    city: City,
    form: Query,
    *,
    report_id: str,
    now: dt.datetime,
    language: Language = "id",
    api_keys: Collection[str] | None = None,
) -> Open311Response:
    """``POST requests``: read the form, take the report in, answer its id and notice.

    The form is read by :func:`report_from_request` with the city (so its categories,
    attributes and description rule apply), and the report goes through :meth:`City.intake
    <smartcity.desk.City.intake>` at ``now``. The answer is :func:`request_created`, root
    ``service_requests``, and ``response.report`` is the report to store.

    Args:
        city: the city.
        form: the decoded form (see :data:`Query`).
        report_id: the id the server gives the new report.
        now: when the request was received (aware).
        language: for the notice.
        api_keys: the keys the server accepts in ``api_key``; None to accept any request.
            A missing or other key answers 403.

    Returns:
        200 with the new report, or the errors document (400, 403, 404).
    """
    _server(city, now)
    language = check_language(language)
    try:
        check_api_key(form, api_keys)
        report = report_from_request(form, report_id=report_id, at=now, city=city)
        report = city.intake(report, at=now)
    except SmartCityError as error:
        return error_response(error)
    return Open311Response(
        200, "service_requests", request_created(report, city, language=language), report=report
    )


def get_requests(
    city: City,
    reports: Reports,
    query: Query = (),
    *,
    now: dt.datetime,
    language: Language = "id",
    max_results: int = DEFAULT_MAX_RESULTS,
) -> Open311Response:
    """``GET requests``: the reports :func:`select_requests` picks, each :func:`service_request`.

    Root ``service_requests``; an invalid query answers 400.
    """
    _server(city, now)
    language = check_language(language)
    every = check_reports(reports)
    try:
        chosen = select_requests(every, query, now=now, max_results=max_results)
    except SmartCityError as error:
        return error_response(error)
    body = [service_request(report, city, now=now, language=language) for report in chosen]
    return Open311Response(200, "service_requests", body)


def _find(reports: tuple[Report, ...], request_id: object) -> Report:
    _checks.instance(request_id, str, "service_request_id")
    for report in reports:
        if report.report_id == request_id:
            return report
    raise UnknownRequestError(str(request_id))


def get_request(
    city: City,
    reports: Reports,
    service_request_id: str,
    query: Query = (),
    *,
    now: dt.datetime,
    language: Language = "id",
) -> Open311Response:
    """``GET requests/{service_request_id}``: a list of one :func:`service_request`.

    Root ``service_requests``; an unknown id answers 404.
    """
    _server(city, now)
    language = check_language(language)
    every = check_reports(reports)
    try:
        fields(query, "GET request query")
        report = _find(every, service_request_id)
    except SmartCityError as error:
        return error_response(error)
    body = [service_request(report, city, now=now, language=language)]
    return Open311Response(200, "service_requests", body)


def get_service_request_updates(
    city: City,
    reports: Reports,
    query: Query = (),
    *,
    now: dt.datetime,
    language: Language = "id",
    max_results: int = DEFAULT_MAX_RESULTS,
) -> Open311Response:
    """``GET servicerequestupdates``: :func:`select_updates`, root ``service_request_updates``.

    ``city`` is not read beyond its type: updates need only the reports. A bad window
    answers 400.
    """
    _server(city, now)
    language = check_language(language)
    every = check_reports(reports)
    try:
        body = select_updates(every, query, now=now, language=language, max_results=max_results)
    except SmartCityError as error:
        return error_response(error)
    return Open311Response(200, "service_request_updates", body)


def post_service_request_update(
    city: City,
    reports: Reports,
    form: Query,
    *,
    now: dt.datetime,
    api_keys: Collection[str] | None = None,
) -> Open311Response:
    """``POST servicerequestupdates``: a citizen's comment or reopen, read into the report.

    The report is the one named by ``service_request_id`` (404 when there is none);
    :func:`update_from_request` adds the event at ``now``. The answer is
    ``[{"update_id": ...}]``, root ``service_request_updates``, and ``response.report`` is
    the changed report to store. A ``now`` before the report's latest event answers 400.
    """
    _server(city, now)
    every = check_reports(reports)
    try:
        check_api_key(form, api_keys)
        problems: list[str] = []
        data = fields(form, "Open311 service request update")
        request_id = text(data, "service_request_id", problems)
        if request_id is None:
            lines = problems or ["service_request_id: missing; it names the request to update"]
            raise ValidationError(lines, what="Open311 service request update")
        report = update_from_request(_find(every, request_id), form, at=now)
    except SmartCityError as error:
        return error_response(error)
    body = [{"update_id": update_id(report.report_id, len(report.history) - 1)}]
    return Open311Response(200, "service_request_updates", body, report=report)
