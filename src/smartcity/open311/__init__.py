"""Open311 GeoReport v2: the wire format civic apps speak, as pure functions.

No web framework and no I/O. Each endpoint is one function from the city, its reports and the
request's query or form to an :class:`Open311Response`: the HTTP status and the body, as JSON
or as XML with the specification's element names (:func:`get_services`,
:func:`get_service_definition`, :func:`post_request`, :func:`get_requests`,
:func:`get_request`, :func:`get_service_request_updates`,
:func:`post_service_request_update`, :func:`discovery`). Refusals become the errors document
(:func:`error_response`).

The pieces they are made of are public too: :func:`service_list`,
:func:`service_definition`, :func:`service_request` (a report's public view, never its
reporter), :func:`report_from_request` (a ``POST requests`` body read into a report),
:func:`request_created`, :func:`select_requests` (a ``GET requests`` query),
:func:`service_request_updates` and :func:`select_updates` (mySociety's update extension, with
:func:`extended_status`), :func:`update_from_request`, and :func:`check_api_key` (the POST
endpoints' key check, for a server's own actions).
"""

from smartcity._exports import publish
from smartcity.open311._discovery import SPECIFICATION_URL, discovery
from smartcity.open311._endpoints import (
    check_api_key,
    get_request,
    get_requests,
    get_service_definition,
    get_service_request_updates,
    get_services,
    post_request,
    post_service_request_update,
)
from smartcity.open311._errors import MAX_ERRORS, error_response
from smartcity.open311._query import (
    DEFAULT_MAX_RESULTS,
    MAX_FIELDS,
    MAX_WINDOW,
    Query,
    select_requests,
)
from smartcity.open311._requests import (
    DEFAULT_EXPECTED_POLICY,
    MAX_MEDIA_URLS,
    NOT_PINPOINTED,
    report_from_request,
    request_created,
    service_request,
)
from smartcity.open311._response import Format, Open311Response, response_format
from smartcity.open311._services import service_definition, service_list
from smartcity.open311._statuses import EXTENDED_STATUSES, extended_status
from smartcity.open311._updates import (
    CITIZEN_ACTOR,
    select_updates,
    service_request_updates,
    update_from_request,
    update_id,
)

# Plain sorted() order, as tests/test_exports.py checks; ruff's isort-style order would put
# the constants first.
__all__ = [
    "CITIZEN_ACTOR",
    "DEFAULT_EXPECTED_POLICY",
    "DEFAULT_MAX_RESULTS",
    "EXTENDED_STATUSES",
    "Format",
    "MAX_ERRORS",
    "MAX_FIELDS",
    "MAX_MEDIA_URLS",
    "MAX_WINDOW",
    "NOT_PINPOINTED",
    "Open311Response",
    "Query",
    "SPECIFICATION_URL",
    "check_api_key",
    "discovery",
    "error_response",
    "extended_status",
    "get_request",
    "get_requests",
    "get_service_definition",
    "get_service_request_updates",
    "get_services",
    "post_request",
    "post_service_request_update",
    "report_from_request",
    "request_created",
    "response_format",
    "select_requests",
    "select_updates",
    "service_definition",
    "service_list",
    "service_request",
    "service_request_updates",
    "update_from_request",
    "update_id",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
