"""Open311 GeoReport v2: the wire format civic apps speak, as pure functions.

No web framework and no I/O: each function takes `smartcity` values and returns the dicts a
server answers with (``json.dumps`` them), or takes a request body and returns a report.
:func:`service_list` and :func:`service_definition` describe the city's categories,
:func:`service_request` publishes a report (never its reporter), :func:`report_from_request`
reads a ``POST requests`` body, and :func:`service_request_updates` is the update stream of
mySociety's extension, with its extended statuses (:func:`external_status_code`).
"""

from smartcity._exports import publish
from smartcity.open311._requests import (
    DEFAULT_EXPECTED_POLICY,
    report_from_request,
    service_request,
)
from smartcity.open311._services import service_definition, service_list
from smartcity.open311._statuses import EXTERNAL_STATUS_CODES, external_status_code
from smartcity.open311._updates import service_request_updates

# Plain sorted() order, as tests/test_exports.py checks; ruff's isort-style order would put
# the constants first.
__all__ = [
    "DEFAULT_EXPECTED_POLICY",
    "EXTERNAL_STATUS_CODES",
    "external_status_code",
    "report_from_request",
    "service_definition",
    "service_list",
    "service_request",
    "service_request_updates",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
