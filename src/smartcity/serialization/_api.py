"""``to_dict`` and ``from_dict``: one value to versioned JSON-ready data, and back."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping

import cattrs

from smartcity.exceptions import SerializationError, ValidationError
from smartcity.reports import Reporter
from smartcity.serialization._converter import SUPPORTED_TYPES, make_converter
from smartcity.serialization._errors import BadValueError, describe, validation_error

__all__ = ["SCHEMA_VERSION", "from_dict", "to_dict"]

_T = typing.TypeVar("_T")

SCHEMA_VERSION: typing.Final = 1
"""The version of the data format that :func:`to_dict` writes (the ``"schema"`` field)."""

_SCHEMA_KEY: typing.Final = "schema"

# Migrations from one schema version to the next: _MIGRATIONS[n] turns version-n data of a
# class into version n + 1. A release that changes the format bumps SCHEMA_VERSION and adds
# the step from the previous version here; from_dict applies the steps in order. Version 1 is
# the first format, so there is nothing to migrate yet.
_MIGRATIONS: typing.Final[dict[int, Callable[[type, dict[str, object]], dict[str, object]]]] = {}


@functools.cache
def _converter() -> cattrs.Converter:
    # Built once: the converter is only read after it is configured.
    return make_converter()


def _check_type(cls: type) -> None:
    if cls not in SUPPORTED_TYPES:
        names = ", ".join(sorted(kind.__name__ for kind in SUPPORTED_TYPES))
        raise SerializationError(
            f"{getattr(cls, '__name__', cls)!s} is not one of the types this converter writes "
            f"and reads: {names}"
        )


def to_dict(value: object) -> dict[str, object]:
    """Return a value as JSON-ready data, with the schema version in a top-level ``"schema"``.

    The result holds only dicts, lists, strings, numbers, booleans and None, so
    ``json.dumps`` takes it as it is; ``from_dict(type(value), to_dict(value)) == value``.
    Personal data (a report's reporter) is kept: this is for your own storage. For a public
    copy, store ``report.redacted()``, or publish through :mod:`smartcity.open311`.

    Args:
        value: an instance of one of :data:`SUPPORTED_TYPES`.

    Returns:
        The data, ``{"schema": 1, ...}``.

    Raises:
        SerializationError: the value's type is not supported.
        NaiveDatetimeError: the value holds a datetime without a time zone.
    """
    _check_type(type(value))
    data = _converter().unstructure(value, type(value))
    return {_SCHEMA_KEY: SCHEMA_VERSION, **data}


def from_dict(cls: type[_T], data: object) -> _T:
    """Read a value of class ``cls`` from data written by :func:`to_dict` (or by hand).

    Everything is checked as if the value were made anew: a calendar is rebuilt with
    ``WorkingCalendar.build``, a report is replayed from its history, a ward map, a router and
    a city are built with their named constructors. Unknown fields are refused.

    Schema versions: data without ``"schema"`` is read as version 1; older versions are
    migrated to this one; newer versions are refused, since this release cannot know what
    they mean.

    Args:
        cls: the class to read, one of :data:`SUPPORTED_TYPES`.
        data: parsed JSON (``json.loads``): a dict.

    Returns:
        The value.

    Raises:
        ValidationError: the data does not describe a valid ``cls``; ``.errors`` lists every
            problem found, each starting with its path, e.g.
            ``history[3].at: naive datetime '2026-03-02T09:00:00': add its UTC offset...``.
        SerializationError: ``cls`` is not supported.
    """
    _check_type(cls)
    what = f"{cls.__name__} data"
    try:
        body = _current(cls, data)
        return _converter().structure(body, cls)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - data from outside: any failure to read it is reported as invalid data, never as a traceback from inside
        raise validation_error(error, what=what) from None


def _current(cls: type, data: object) -> dict[str, object]:
    """Return the data without its schema field, migrated to the current version."""
    if not isinstance(data, Mapping):
        # A reporter given as a bare string is a name or a phone number: never shown.
        raise BadValueError(
            f"expected a JSON object, got {describe(data, personal=cls is Reporter)}"
        )
    body = dict(data)
    version = body.pop(_SCHEMA_KEY, 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problem = f"expected a version number from 1 to {SCHEMA_VERSION}, got {describe(version)}"
        raise ValidationError([f"schema: {problem}"], what=f"{cls.__name__} data")
    if version > SCHEMA_VERSION:
        problem = (
            f"version {version} was written by a newer smartcity; this one reads up to version "
            f"{SCHEMA_VERSION}: upgrade smartcity to read it"
        )
        raise ValidationError([f"schema: {problem}"], what=f"{cls.__name__} data")
    for step in range(version, SCHEMA_VERSION):
        body = _MIGRATIONS[step](cls, body)
    return body
