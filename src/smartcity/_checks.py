"""The argument checks every public constructor and function shares.

Each check is written once, here, and used everywhere (a check written twice drifts). A check
returns the value in its canonical form (a ``float`` for a coordinate, a ``tuple`` for a
collection) or raises a :class:`~smartcity.exceptions.SmartCityError`:

- a value of the wrong *type* raises :class:`~smartcity.exceptions.InvalidArgumentError` (also a
  ``TypeError``);
- a value of the right type but out of range raises the error class the caller names (a
  ``ValueError`` subclass), so that each part of the library keeps its own error.

Messages show the offending value through :func:`shown`, which cuts it short: an error message
goes to logs and HTTP answers, and a 10 MB argument must not make a 10 MB message. Personal
values (a reporter's phone number) are never shown at all: pass ``personal=True``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import numbers
import reprlib
import typing
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidLocationError,
    NaiveDatetimeError,
    SmartCityError,
)

__all__ = [
    "MAX_SHOWN",
    "aware_datetime",
    "coordinate",
    "instance",
    "instance_of",
    "member",
    "optional_text",
    "real_number",
    "shown",
    "stored_instant",
    "text",
    "tuple_of",
    "type_name",
    "whole_number",
]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

#: The longest excerpt of a value an error message shows.
MAX_SHOWN = 80

_REPR = reprlib.Repr()
_REPR.maxstring = MAX_SHOWN
_REPR.maxother = MAX_SHOWN
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6


def shown(value: object, *, personal: bool = False) -> str:
    """Return a short, safe rendering of ``value`` for an error message.

    Long strings, numbers and collections are cut with ``...``; a personal value is replaced by
    its type and length only.
    """
    if personal:
        size = f" of {len(value)} characters" if isinstance(value, str | bytes) else ""
        return f"a value of type {type_name(value)}{size} (not shown: personal data)"
    try:
        text_ = _REPR.repr(value)  # reprlib survives a broken __repr__
    except ValueError:  # an int over 4,300 digits, which Python refuses to write in decimal
        size = f" of {value.bit_length():,} bits" if isinstance(value, int) else ""
        text_ = f"<{type_name(value)}{size}>"
    if len(text_) > 2 * MAX_SHOWN:
        text_ = text_[:MAX_SHOWN] + "..." + text_[-12:]
    return text_


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "an Agency", "a Ward"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def type_name(value: object) -> str:
    """Return the short name of ``value``'s type, for messages."""
    return type(value).__name__


def instance(value: object, cls: type[T] | tuple[type, ...], argument: str) -> T:
    """Return ``value`` if it is an instance of ``cls``; else raise InvalidArgumentError."""
    if not isinstance(value, cls):
        names = (
            " or ".join(kind.__name__ for kind in cls) if isinstance(cls, tuple) else cls.__name__
        )
        raise InvalidArgumentError(
            f"{argument} must be {_a(names)}, not {type_name(value)} {shown(value)}"
        )
    return value  # type: ignore[return-value]


def instance_of(
    cls: type, *, optional: bool = False
) -> Callable[[object, attrs.Attribute[typing.Any], object], None]:
    """Return an attrs validator that refuses a value not of ``cls`` (or None if ``optional``).

    The argument is named ``Class field`` in the message, e.g. ``City router``.
    """

    def check(owner: object, attribute: attrs.Attribute[typing.Any], value: object) -> None:
        if not (optional and value is None):
            instance(value, cls, f"{type_name(owner)} {attribute.name}")

    return check


def text(
    value: object,
    argument: str,
    *,
    error: type[SmartCityError] = InvalidArgumentError,
    max_length: int | None = None,
    personal: bool = False,
) -> str:
    """Return ``value`` if it is a non-blank ``str`` of at most ``max_length`` characters.

    A non-string raises InvalidArgumentError; blank or too long text raises ``error``.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"{argument} must be text (a str), not {type_name(value)} "
            f"{shown(value, personal=personal)}"
        )
    if not value.strip():
        raise error(f"{argument} is blank; give some text")
    if max_length is not None and len(value) > max_length:
        raise error(
            f"{argument} has {len(value):,} characters; at most {max_length:,} are allowed: "
            f"shorten it"
        )
    return value


def optional_text(
    value: object,
    argument: str,
    *,
    error: type[SmartCityError] = InvalidArgumentError,
    max_length: int | None = None,
    personal: bool = False,
) -> str | None:
    """Return ``None`` or the checked text (see :func:`text`); blank text is refused."""
    if value is None:
        return None
    try:
        return text(value, argument, error=error, max_length=max_length, personal=personal)
    except SmartCityError as problem:
        if isinstance(value, str) and not value.strip():
            raise error(f"{argument} is blank; give some text, or None") from problem
        raise


def whole_number(
    value: object,
    argument: str,
    *,
    error: type[SmartCityError],
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """Return ``value`` as an ``int`` if it is a whole number (numpy integers too) in range.

    Booleans and floats (even ``5.0``) are refused: a count is written as an integer.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidArgumentError(
            f"{argument} must be a whole number (an int), not {type_name(value)} {shown(value)}"
        )
    number = int(value)
    _check_range(number, argument, error=error, minimum=minimum, maximum=maximum)
    return number


def real_number(
    value: object,
    argument: str,
    *,
    error: type[SmartCityError],
    minimum: float | None = None,
    maximum: float | None = None,
    unit: str = "",
) -> float:
    """Return ``value`` as a finite ``float`` in range.

    Accepts ``int``, ``float``, numpy numbers and ``decimal.Decimal``; refuses booleans, strings,
    NaN, infinities and integers too large for a float.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        raise InvalidArgumentError(
            f"{argument} must be a number{unit and ' of ' + unit}, not {type_name(value)} "
            f"{shown(value)}"
        )
    try:
        number = float(value)
    except (OverflowError, ValueError):
        number = math.inf
    if not math.isfinite(number):
        raise error(
            f"{argument} must be a finite number{unit and ' of ' + unit}; got {shown(value)}"
        )
    _check_range(number, argument, error=error, minimum=minimum, maximum=maximum, unit=unit)
    return number


def _check_range(
    number: float,
    argument: str,
    *,
    error: type[SmartCityError],
    minimum: float | None,
    maximum: float | None,
    unit: str = "",
) -> None:
    unit = f" {unit}" if unit else ""
    if minimum is not None and number < minimum:
        limit = (
            f"at least {minimum:,g}" if maximum is None else f"from {minimum:,g} to {maximum:,g}"
        )
        raise error(f"{argument} must be {limit}{unit}; got {shown(number)}")
    if maximum is not None and number > maximum:
        limit = f"at most {maximum:,g}" if minimum is None else f"from {minimum:,g} to {maximum:,g}"
        raise error(f"{argument} must be {limit}{unit}; got {shown(number)}")


def coordinate(value: object, *, axis: str, limit: float) -> float:
    """Return a latitude (``limit=90``) or longitude (``limit=180``) in degrees, as a float.

    Raises:
        InvalidLocationError: not a number (booleans included), NaN, infinite or out of range.
    """
    # bool is an int subclass, and True as a latitude is always a bug upstream; numbers.Real
    # lets numpy scalars through (np.float32 is not a float subclass), Decimal is converted.
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        raise InvalidLocationError(
            f"{axis} must be a number of degrees; got {type_name(value)} {shown(value)}"
        )
    try:
        number = float(value)
    except (OverflowError, ValueError):
        number = math.nan
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise InvalidLocationError(
            f"{axis} must be a finite number of degrees between {-limit:g} and {limit:g}; "
            f"got {shown(value)} (check that latitude and longitude are not swapped)"
        )
    return number


def aware_datetime(value: object, argument: str) -> dt.datetime:
    """Return ``value`` if it is a datetime with a UTC offset.

    Raises:
        InvalidArgumentError: not a datetime (a date or a string, say).
        NaiveDatetimeError: a datetime without a time zone.
    """
    if not isinstance(value, dt.datetime):
        raise InvalidArgumentError(
            f"{argument} must be an aware datetime, not {type_name(value)} {shown(value)}"
        )
    if value.utcoffset() is None:
        raise NaiveDatetimeError(value, argument=argument)
    return value


#: The UTC range of instants a stored value may hold: a day inside ``datetime``'s own range on
#: each side, so that every UTC offset of the instant is still a valid ``datetime``.
_FIRST_STORABLE = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_LAST_STORABLE = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


def stored_instant(value: object, argument: str, *, error: type[SmartCityError]) -> dt.datetime:
    """Return an aware datetime that names exactly one real instant, so it can be stored.

    On top of :func:`aware_datetime`, this refuses wall-clock times that do not exist in their
    zone (the hour skipped when daylight saving starts) and instants within a day of
    ``datetime``'s limits, which no zone conversion can hold: both would be written to storage
    and never read back as the same value.
    """
    value = aware_datetime(value, argument)
    try:
        utc = value.astimezone(dt.UTC)
        round_trip = utc.astimezone(value.tzinfo)
    except (OverflowError, ValueError):
        utc = _LAST_STORABLE + dt.timedelta(days=1)  # past the limits: refused below
    if not _FIRST_STORABLE <= utc <= _LAST_STORABLE:
        raise error(
            f"{argument} {shown(value)} is too close to the limits of the calendar "
            f"(years 1 and 9999); give an instant between {_FIRST_STORABLE.date()} and "
            f"{_LAST_STORABLE.date()} UTC"
        )
    if round_trip.replace(tzinfo=None) != value.replace(tzinfo=None, fold=0):
        raise error(
            f"{argument} {value.replace(tzinfo=None).isoformat()} does not exist in "
            f"{value.tzinfo}: the clocks skipped it (daylight saving); give the real local "
            f"time, e.g. {round_trip.isoformat()}"
        )
    return value


def tuple_of(
    values: object,
    argument: str,
    item: Callable[[object, str], T],
    *,
    max_items: int | None = None,
    error: type[SmartCityError] = InvalidArgumentError,
) -> tuple[T, ...]:
    """Return the items of a collection as a tuple, each checked by ``item(value, name)``.

    A string, bytes or a mapping is refused rather than taken apart: ``categories="road"`` is
    a bug, not the five categories ``r``, ``o``, ``a``, ``d``.
    """
    if isinstance(values, str | bytes | dict) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            f"{argument} must be a collection (a list, tuple or set), not {type_name(values)} "
            f"{shown(values)}"
        )
    checked: list[T] = []
    for index, value in enumerate(values):
        if max_items is not None and index >= max_items:
            raise error(
                f"{argument} has more than {max_items:,} items; that is more than any real "
                f"use needs: split the input"
            )
        checked.append(item(value, f"{argument}[{index}]"))
    return tuple(checked)


def member(value: object, kind: type[E], argument: str) -> E:
    """Return ``value`` if it is a member of the enum ``kind``; else raise InvalidArgumentError.

    A stored value given instead of its member (``"verified"`` for ``ReportStatus.VERIFIED``)
    is refused too, with a hint on how to read it: a status is an enum, not a string.
    """
    if isinstance(value, kind):
        return value
    hint = ""
    try:
        found = kind(value)
    except (ValueError, TypeError):
        pass
    else:
        hint = f"; {kind.__name__}({shown(value)}) is {kind.__name__}.{found.name}"
    example = next(iter(kind)).name
    raise InvalidArgumentError(
        f"{argument} must be {_a(kind.__name__)}, e.g. {kind.__name__}.{example}, not "
        f"{type_name(value)} {shown(value)}{hint}"
    )
