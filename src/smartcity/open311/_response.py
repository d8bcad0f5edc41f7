"""What an Open311 endpoint answers: an HTTP status and a body in JSON or XML."""

from __future__ import annotations

import json
import typing

import attrs

from smartcity import _checks
from smartcity.exceptions import InvalidOptionError
from smartcity.open311._xml import to_xml
from smartcity.reports import Report

__all__ = ["Format", "Open311Response", "response_format"]

Format = typing.Literal["json", "xml"]
"""The two formats of GeoReport v2: the extension of the path (``services.xml``)."""

_MEDIA_TYPES: typing.Final = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}


def response_format(value: object) -> Format:
    """Return ``"json"`` or ``"xml"`` from a path's extension (a leading dot is allowed).

    Raises:
        InvalidOptionError: another format (answer 404: the path does not exist).
    """
    if isinstance(value, str) and value.lower().lstrip(".") in _MEDIA_TYPES:
        return typing.cast("Format", value.lower().lstrip("."))
    raise InvalidOptionError(
        f"format must be 'json' or 'xml' (the extension of the path), not {_checks.shown(value)}"
    )


def _status(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    _checks.whole_number(
        value, "Open311Response status", error=InvalidOptionError, minimum=100, maximum=599
    )


def _root(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    _checks.text(value, "Open311Response root", error=InvalidOptionError, max_length=100)


def _report(_instance: object, _attribute: attrs.Attribute[Report | None], value: object) -> None:
    if value is not None:
        _checks.instance(value, Report, "Open311Response report")


@typing.final
@attrs.frozen
class Open311Response:
    """The answer to one Open311 request: the HTTP status and the body, in either format.

    Every endpoint function of :mod:`smartcity.open311` returns one, errors included, so a
    server only writes it out: ``response.status`` and ``response.render(fmt)`` with the
    header ``Content-Type: response.media_type(fmt)``.

    Attributes:
        status: the HTTP status: 200, or 400, 403 or 404 for the errors document.
        root: the XML root element (``services``, ``service_requests``, ``errors``...).
        data: the body as JSON-ready data (lists, dicts, text, numbers, booleans, None).
        report: for the two POST endpoints, the new or changed report, which the server
            stores (it holds the reporter: never publish it); None otherwise and on errors.
    """

    status: int = attrs.field(validator=_status)
    root: str = attrs.field(validator=_root)
    data: object
    report: Report | None = attrs.field(default=None, kw_only=True, validator=_report)

    @property
    def ok(self) -> bool:
        """Whether the status is 200."""
        return self.status == 200

    def json(self) -> str:
        """The body as JSON text (UTF-8 characters written as they are)."""
        return json.dumps(self.data, ensure_ascii=False, allow_nan=False)

    def xml(self) -> str:
        """The body as XML text, with the specification's root and item names."""
        return to_xml(self.root, self.data)

    def render(self, fmt: Format) -> str:
        """The body in ``fmt``, ``"json"`` or ``"xml"``.

        Raises:
            InvalidOptionError: another format.
        """
        return self.json() if response_format(fmt) == "json" else self.xml()

    @staticmethod
    def media_type(fmt: Format) -> str:
        """The ``Content-Type`` of a body in ``fmt``.

        Raises:
            InvalidOptionError: another format.
        """
        return _MEDIA_TYPES[response_format(fmt)]
