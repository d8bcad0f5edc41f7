"""Strict hooks for JSON scalars, times, dates, datetimes and durations.

cattrs' default hooks convert rather than check (``str(5)`` is ``"5"``, ``float("1")`` is
``1.0``, ``frozenset("abc")`` is three letters). Stored data that has the wrong shape is a
bug or an attack, so these hooks accept exactly the JSON type they document and say what
they got otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zoneinfo

from smartcity import _checks
from smartcity.serialization._errors import BadValueError, describe

__all__ = [
    "boolean",
    "date_from_data",
    "date_to_data",
    "datetime_from_data",
    "datetime_to_data",
    "duration_from_data",
    "duration_to_data",
    "integer",
    "number",
    "text",
    "time_from_data",
    "time_to_data",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?", re.ASCII)
_DATETIME = re.compile(
    r"(?P<instant>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?)"
    r"(?:\[(?P<zone>[^\[\]]{1,64})\])?",
    re.ASCII,
)
_DURATION = re.compile(
    r"(?P<sign>-)?PT(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)(?:\.(?P<f>\d{1,6}))?S)?",
    re.ASCII,
)
_US = 1_000_000


def text(value: object, _kind: object = str) -> str:
    """A JSON string, as it is."""
    if not isinstance(value, str):
        raise BadValueError(f"expected a string, got {describe(value)}")
    return value


def integer(value: object, _kind: object = int) -> int:
    """A JSON number without a fraction (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValueError(f"expected a whole number, got {describe(value)}")
    return value


def number(value: object, _kind: object = float) -> float:
    """A finite JSON number (not a boolean), as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValueError(f"expected a number, got {describe(value)}")
    try:
        result = float(value)
    except OverflowError:
        raise BadValueError(f"the number {describe(value)} is too large") from None
    if not math.isfinite(result):
        raise BadValueError(f"expected a finite number, got {describe(value)}")
    return result


def boolean(value: object, _kind: object = bool) -> bool:
    """A JSON ``true`` or ``false``."""
    if not isinstance(value, bool):
        raise BadValueError(f"expected true or false, got {describe(value)}")
    return value


# -- dates and times ----------------------------------------------------------------------------


def date_to_data(value: dt.date) -> str:
    """``YYYY-MM-DD``."""
    return value.isoformat()


def date_from_data(value: object, _kind: object = dt.date) -> dt.date:
    """A date written ``YYYY-MM-DD``."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise BadValueError(f"expected a date written YYYY-MM-DD, got {describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise BadValueError(f"{value!r} is not a date: {error}") from None


def time_to_data(value: dt.time, *, closing: bool = False) -> str:
    """``HH:MM``, with ``:SS`` and ``.ffffff`` only when needed; ``24:00`` for a closing midnight.

    Args:
        value: a local wall-clock time (no zone).
        closing: the time closes an interval, where ``time(0)`` means the following midnight.
    """
    if closing and value == dt.time(0):
        return "24:00"
    if value.microsecond:
        return value.isoformat(timespec="microseconds")
    if value.second:
        return value.isoformat(timespec="seconds")
    return value.isoformat(timespec="minutes")


def time_from_data(value: object, _kind: object = dt.time, *, closing: bool = False) -> dt.time:
    """A local time written ``HH:MM[:SS[.ffffff]]``; also ``24:00`` when it closes an interval."""
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise BadValueError(f"expected a time written HH:MM[:SS[.ffffff]], got {describe(value)}")
    hour, minute = int(match["h"]), int(match["m"])
    second = int(match["s"] or 0)
    fraction = match["f"] or ""
    microsecond = int(fraction.ljust(6, "0")) if fraction else 0
    if closing and (hour, minute, second, microsecond) == (24, 0, 0, 0):
        return dt.time(0)
    if hour > 23 or minute > 59 or second > 59:
        hint = " (24:00 only closes an interval)" if hour == 24 else ""
        raise BadValueError(f"{value!r} is not a time of day{hint}")
    return dt.time(hour, minute, second, microsecond)


def datetime_to_data(value: dt.datetime) -> str:
    """ISO 8601 with the value's UTC offset, and its IANA zone when it has one (RFC 9557).

    ``2026-03-02T08:15:00+07:00[Asia/Jakarta]`` for a datetime in a named zone (a ``ZoneInfo``
    or pendulum zone), ``2026-03-02T08:15:00+07:00`` for a fixed offset. The zone is kept
    because the offset alone cannot say which of two equal wall times a datetime in a
    daylight-saving fold is, and such datetimes compare unequal across zones (PEP 495).

    Raises:
        NaiveDatetimeError: the datetime has no time zone.
        InvalidArgumentError: the value is not a datetime.
    """
    _checks.aware_datetime(value, "a datetime to store")
    # datetime's own isoformat: subclasses (pendulum) may format differently.
    text = dt.datetime.isoformat(value)
    zone = getattr(value.tzinfo, "key", None)
    return f"{text}[{zone}]" if isinstance(zone, str) and zone else text


def datetime_from_data(value: object, _kind: object = dt.datetime) -> dt.datetime:
    """An ISO 8601 datetime with a UTC offset (``Z`` or ``+07:00``), maybe with ``[zone]``.

    Naive datetimes are refused. With a zone, the result is in that zone, and the offset
    must be the zone's at that instant.
    """
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise BadValueError(
            f"expected an ISO 8601 datetime such as 2026-03-02T08:15:00+07:00, "
            f"got {describe(value)}"
        )
    if match["offset"] is None:
        raise BadValueError(
            f"naive datetime {value!r}: add its UTC offset, e.g. {match['instant']}+07:00 for "
            f"WIB; a datetime without one could be any of 24 instants"
        )
    try:
        result = dt.datetime.fromisoformat(match["instant"])
        # An instant must exist in UTC too, or comparing it with others fails later.
        result.astimezone(dt.UTC)
    except (ValueError, OverflowError) as error:
        raise BadValueError(f"{value!r} is not a valid datetime: {error}") from None
    name = match["zone"]
    if name is None:
        return result
    try:
        local = result.astimezone(zoneinfo.ZoneInfo(name))
    except (ValueError, OSError, OverflowError, zoneinfo.ZoneInfoNotFoundError):
        raise BadValueError(f"{value!r}: unknown time zone {name!r}") from None
    if local.utcoffset() != result.utcoffset():
        raise BadValueError(
            f"{value!r}: {local.isoformat()} is the same instant in {name}; the offset given "
            f"is not that zone's at that instant"
        )
    return local


def duration_to_data(value: dt.timedelta) -> str:
    """An ISO 8601 duration in hours, minutes and seconds: ``PT4H``, ``PT1H30M``, ``-PT0.5S``.

    Days are never written: a day of working time is not 24 hours, and a timedelta's day is.
    """
    total = (value.days * 86_400 + value.seconds) * _US + value.microseconds
    sign = "-" if total < 0 else ""
    total = abs(total)
    seconds, microseconds = divmod(total, _US)
    hours, rest = divmod(seconds, 3_600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}H")
    if minutes:
        parts.append(f"{minutes}M")
    if seconds or microseconds or not parts:
        fraction = f".{microseconds:06d}".rstrip("0") if microseconds else ""
        parts.append(f"{seconds}{fraction}S")
    return f"{sign}PT{''.join(parts)}"


def duration_from_data(value: object, _kind: object = dt.timedelta) -> dt.timedelta:
    """An ISO 8601 duration in hours, minutes and seconds, as :func:`duration_to_data` writes."""
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or not any(match[group] for group in ("h", "m", "s")):
        hint = ""
        if isinstance(value, str) and "D" in value.upper():
            hint = (
                "; days are not accepted because a working day is not 24 hours: write hours "
                "(PT48H), or use a WorkingDays target"
            )
        raise BadValueError(
            f"expected a duration written PT…H…M…S (e.g. PT4H30M), got {describe(value)}{hint}"
        )
    fraction = match["f"] or ""
    try:
        result = dt.timedelta(
            hours=int(match["h"] or 0),
            minutes=int(match["m"] or 0),
            seconds=int(match["s"] or 0),
            microseconds=int(fraction.ljust(6, "0")) if fraction else 0,
        )
    except (OverflowError, ValueError):  # int() refuses over 4,300 digits with ValueError
        raise BadValueError(f"the duration {describe(value)} is too long") from None
    return -result if match["sign"] else result
