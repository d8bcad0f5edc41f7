"""The errors document of GeoReport v2 and the HTTP status that goes with it."""

from __future__ import annotations

import typing

from smartcity import _checks
from smartcity.exceptions import (
    RejectedKeyError,
    SmartCityError,
    UnknownCategoryError,
    UnknownRequestError,
    ValidationError,
)
from smartcity.open311._response import Open311Response

__all__ = ["MAX_ERRORS", "error_response"]

MAX_ERRORS: typing.Final = 20
"""The most errors one errors document lists; the last item then says how many were left out."""

_MAX_DESCRIPTION: typing.Final = 500


def error_response(error: SmartCityError) -> Open311Response:
    """Return the errors document for a refusal, and the HTTP status a server answers with.

    ``[{"code": status, "description": ...}, ...]``: one item per problem of a
    :class:`~smartcity.exceptions.ValidationError` (at most :data:`MAX_ERRORS`), else one item
    with the error's message. The status is 404 for an unknown service or request, 403 for a
    :class:`~smartcity.exceptions.RejectedKeyError`, and 400 for every other refusal.
    Descriptions are the library's messages, which cut long values short and never show a
    personal field; they are cut at 500 characters too.

    Args:
        error: what the library raised.

    Returns:
        The response, root ``errors``.

    Raises:
        InvalidArgumentError: ``error`` is not a SmartCityError.
    """
    _checks.instance(error, SmartCityError, "error")
    if isinstance(error, UnknownCategoryError | UnknownRequestError):
        status = 404
    elif isinstance(error, RejectedKeyError):
        status = 403
    else:
        status = 400
    lines = list(error.errors) if isinstance(error, ValidationError) else [str(error)]
    if len(lines) > MAX_ERRORS:
        left = len(lines) - MAX_ERRORS + 1
        lines = [*lines[: MAX_ERRORS - 1], f"and {left:,} more problem(s)"]
    return Open311Response(
        status,
        "errors",
        [{"code": status, "description": _cut(line)} for line in lines],
    )


def _cut(text: str) -> str:
    if len(text) <= _MAX_DESCRIPTION:
        return text
    return text[: _MAX_DESCRIPTION - 3] + "..."
