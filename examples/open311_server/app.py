"""The Flask app: one route per Open311 endpoint, each a call to :mod:`smartcity.open311`.

The routes hold no Open311 rules. Each one takes the format from the path's extension, reads
the query or the form as ``(name, value)`` pairs, calls one endpoint function with the city,
the stored reports and the clock's instant, stores the report a POST made or changed, and
writes the :class:`~smartcity.open311.Open311Response` out. The clock is the one thing that
reads the time, and it is passed in, so tests run the server at instants they choose.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Collection

import attrs
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from examples.open311_server.store import ReportStore
from smartcity.desk import City
from smartcity.exceptions import InvalidOptionError, SmartCityError, UnknownRequestError
from smartcity.open311 import (
    Format,
    Open311Response,
    check_api_key,
    discovery,
    error_response,
    get_request,
    get_requests,
    get_service_definition,
    get_service_request_updates,
    get_services,
    post_request,
    post_service_request_update,
    response_format,
)
from smartcity.reports import ReportStatus

__all__ = ["DESK_ACTOR", "MAX_BODY", "Clock", "create_app"]

Clock = Callable[[], dt.datetime]
"""What the server asks for the current instant (aware); the real clock only at the edge."""

Language = typing.Literal["id", "en"]

MAX_BODY: typing.Final = 1_000_000
"""The largest request body read, in bytes; a larger one is answered 413."""

DESK_ACTOR: typing.Final = "desk"
"""The actor written in a report's history for a change made through ``/admin``."""

_ENDPOINTS: typing.Final = (
    "the endpoints are discovery, services, services/{service_code}, requests, "
    "requests/{service_request_id} and servicerequestupdates, each ending in .json or .xml"
)


class _FormatConverter(BaseConverter):
    """The extension of an Open311 path: ``json`` or ``xml``; any other path is a 404."""

    regex = "(?:json|xml)"

    def to_python(self, value: str) -> Format:
        return response_format(value)


def _document(status: int, description: str) -> Open311Response:
    """An errors document for a refusal made by HTTP itself (no route, a body too large)."""
    return Open311Response(status, "errors", [{"code": status, "description": description}])


def _write(answer: Open311Response, fmt: Format) -> Response:
    return Response(answer.render(fmt), status=answer.status, content_type=answer.media_type(fmt))


def _query() -> list[tuple[str, str]]:
    """The query string as pairs, every value of a repeated name kept."""
    return list(request.args.items(multi=True))


def _form() -> list[tuple[str, str]]:
    """The form as pairs, every value of a repeated name (``media_url``) kept."""
    return list(request.form.items(multi=True))


def _status(values: list[str]) -> ReportStatus:
    """The status asked of the desk, by its value, e.g. ``in_progress``."""
    known = [status.value for status in ReportStatus]
    if len(values) == 1 and values[0] in known:
        return ReportStatus(values[0])
    raise InvalidOptionError(f"status: give one of {', '.join(known)}, once")


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    if status == 404:
        description = f"no such path: {_ENDPOINTS}"
    elif status == 413:
        description = f"the request is larger than {MAX_BODY:,} bytes; send less"
    else:
        description = f"{error.name}: see GET discovery for the endpoints and formats"
    extension = request.path.rpartition(".")[2]
    fmt: Format = "xml" if extension == "xml" else "json"
    return _write(_document(status, description), fmt)


@attrs.frozen
class _Routes:
    """What the routes share; each method is one route."""

    city: City
    store: ReportStore
    clock: Clock
    api_keys: Collection[str] | None
    language: Language
    url: str | None
    contact: str
    id_prefix: str
    changeset: dt.datetime

    def discovery(self, fmt: Format) -> Response:
        base = self.url or request.host_url.rstrip("/")
        return _write(discovery(url=base, changeset=self.changeset, contact=self.contact), fmt)

    def services(self, fmt: Format) -> Response:
        return _write(get_services(self.city, _query(), language=self.language), fmt)

    def service(self, service_code: str, fmt: Format) -> Response:
        return _write(get_service_definition(self.city, service_code, _query()), fmt)

    def post_request(self, fmt: Format) -> Response:
        with self.store.transaction():
            answer = post_request(
                self.city,
                _form(),
                report_id=self.store.next_id(self.id_prefix),
                now=self.clock(),
                language=self.language,
                api_keys=self.api_keys,
            )
            if answer.report is not None:
                self.store.save(answer.report)
        return _write(answer, fmt)

    def requests(self, fmt: Format) -> Response:
        answer = get_requests(
            self.city, self.store.all(), _query(), now=self.clock(), language=self.language
        )
        return _write(answer, fmt)

    def request(self, request_id: str, fmt: Format) -> Response:
        found = self.store.get(request_id)
        reports = [] if found is None else [found]
        answer = get_request(
            self.city, reports, request_id, _query(), now=self.clock(), language=self.language
        )
        return _write(answer, fmt)

    def updates(self, fmt: Format) -> Response:
        answer = get_service_request_updates(
            self.city, self.store.all(), _query(), now=self.clock(), language=self.language
        )
        return _write(answer, fmt)

    def post_update(self, fmt: Format) -> Response:
        form = _form()
        with self.store.transaction():
            # Only the report the form names is read; the library finds it, or answers 404.
            found = self.store.get(request.form.get("service_request_id", ""))
            reports = [] if found is None else [found]
            answer = post_service_request_update(
                self.city, reports, form, now=self.clock(), api_keys=self.api_keys
            )
            if answer.report is not None:
                self.store.save(answer.report)
        return _write(answer, fmt)

    def transition(self, request_id: str, fmt: Format) -> Response:
        with self.store.transaction():
            try:
                # The desk's action always needs a key: with none configured, it is closed.
                check_api_key(_form(), self.api_keys or ())
                report = self.store.get(request_id)
                if report is None:
                    raise UnknownRequestError(request_id)
                now = self.clock()
                changed = report.transition(
                    _status(request.form.getlist("status")),
                    at=now,
                    actor=DESK_ACTOR,
                    note=request.form.get("note") or None,
                )
            except SmartCityError as error:
                return _write(error_response(error), fmt)
            self.store.save(changed)
        answer = get_request(self.city, [changed], request_id, now=now, language=self.language)
        return _write(answer, fmt)


def create_app(
    *,
    city: City,
    store: ReportStore,
    clock: Clock,
    api_keys: Collection[str] | None = None,
    language: Language = "id",
    url: str | None = None,
    contact: str = "open311@example.go.id",
    id_prefix: str = "SMG-",
) -> Flask:
    """Return the Open311 server of ``city`` as a WSGI app.

    Args:
        city: the city whose services are offered and whose desk takes the reports in.
        store: where the reports are kept.
        clock: returns the current instant (aware); read once per request.
        api_keys: the keys accepted in ``api_key`` by the POST endpoints (403 otherwise);
            None accepts any POST. The ``/admin`` actions always need one of them, so with
            None or no keys they are closed.
        language: of the service names and notices, ``"id"`` or ``"en"``.
        url: the base URL published by discovery; by default, the one the request came to.
        contact: the contact published by discovery.
        id_prefix: the start of every new report id.
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.url_map.converters["fmt"] = _FormatConverter
    app.register_error_handler(HTTPException, _http_error)
    routes = _Routes(
        city, store, clock, api_keys, language, url, contact, id_prefix, changeset=clock()
    )
    for rule, view, method in (
        ("/discovery.<fmt:fmt>", routes.discovery, "GET"),
        ("/services.<fmt:fmt>", routes.services, "GET"),
        ("/services/<service_code>.<fmt:fmt>", routes.service, "GET"),
        ("/requests.<fmt:fmt>", routes.post_request, "POST"),
        ("/requests.<fmt:fmt>", routes.requests, "GET"),
        ("/requests/<request_id>.<fmt:fmt>", routes.request, "GET"),
        ("/servicerequestupdates.<fmt:fmt>", routes.updates, "GET"),
        ("/servicerequestupdates.<fmt:fmt>", routes.post_update, "POST"),
        ("/admin/transition/<request_id>.<fmt:fmt>", routes.transition, "POST"),
    ):
        app.add_url_rule(rule, f"{view.__name__}", view, methods=[method])
    return app
