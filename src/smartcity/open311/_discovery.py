"""The discovery document: where a city's Open311 endpoints are and what they speak."""

from __future__ import annotations

import datetime as dt
import typing

from smartcity import _checks
from smartcity.exceptions import InvalidOptionError
from smartcity.open311._common import w3c
from smartcity.open311._response import Open311Response

__all__ = ["SPECIFICATION_URL", "discovery"]

SPECIFICATION_URL: typing.Final = "http://wiki.open311.org/GeoReport_v2"
"""The ``specification`` of a GeoReport v2 endpoint, as the specification's example has it."""

_TYPES: typing.Final = ("production", "test")


def discovery(
    *,
    url: str,
    changeset: dt.datetime,
    contact: str,
    key_service: str | None = None,
    endpoint_type: str = "production",
) -> Open311Response:
    """Return the discovery document (``GET discovery``) of one GeoReport v2 endpoint.

    ``{"changeset", "contact", "key_service", "endpoints": [{"specification", "url",
    "changeset", "type", "formats"}]}``; the formats are ``text/xml`` and
    ``application/json``, both answered by every endpoint function.

    Args:
        url: the base URL of the endpoint, e.g. ``"https://lapor.example.go.id/open311/v2"``.
        changeset: when the service list last changed (aware).
        contact: how to reach the people who run it, e.g. an e-mail address of the office
            (not a person's: the document is public).
        key_service: where to ask for an API key, or None.
        endpoint_type: ``"production"`` or ``"test"``.

    Returns:
        The response, root ``discovery``.

    Raises:
        InvalidArgumentError: text that is not a ``str``, ``changeset`` not a datetime.
        NaiveDatetimeError: ``changeset`` has no time zone.
        InvalidOptionError: another endpoint type, or blank text.
    """
    for value, name in ((url, "url"), (contact, "contact")):
        _checks.text(value, name, error=InvalidOptionError, max_length=2_000)
    _checks.optional_text(key_service, "key_service", error=InvalidOptionError, max_length=2_000)
    _checks.aware_datetime(changeset, "changeset")
    if endpoint_type not in _TYPES:
        raise InvalidOptionError(
            f"endpoint_type must be 'production' or 'test', not {_checks.shown(endpoint_type)}"
        )
    when = w3c(changeset)
    return Open311Response(
        200,
        "discovery",
        {
            "changeset": when,
            "contact": contact,
            "key_service": key_service,
            "endpoints": [
                {
                    "specification": SPECIFICATION_URL,
                    "url": url,
                    "changeset": when,
                    "type": endpoint_type,
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )
