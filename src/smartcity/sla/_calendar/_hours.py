"""Weekly working hours: validation and normalisation of ``{weekday: [(open, close), ...]}``."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping

from smartcity._checks import shown
from smartcity.exceptions import InvalidCalendarError
from smartcity.sla._calendar._zone import DAY_US, SECOND_US

Interval = tuple[dt.time, dt.time]
DayHours = tuple[Interval, ...]
WeekHours = tuple[DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours]
"""Hours for ISO weekdays 1..7, stored at indexes 0..6."""

WeekInput = Mapping[int, Iterable[tuple[dt.time, dt.time]]]
"""What users pass: ISO weekday (1 = Monday) → local ``(open, close)`` intervals."""

MAX_INTERVALS = 100
"""The most ``(open, close)`` intervals one day may have (each costs on every computed day)."""

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def time_us(value: dt.time) -> int:
    """Return a wall-clock time as microseconds since midnight."""
    return ((value.hour * 60 + value.minute) * 60 + value.second) * SECOND_US + value.microsecond


def _close_us(value: dt.time) -> int:
    """Return a closing time in µs; ``time(0)`` closes at the following midnight."""
    return DAY_US if value == dt.time(0) else time_us(value)


def _check_time(value: object, *, where: str) -> dt.time:
    if not isinstance(value, dt.time):
        raise InvalidCalendarError(
            f"{where}: {shown(value)} is not a datetime.time; write intervals as "
            f"(time(7, 30), time(16, 0))"
        )
    if value.tzinfo is not None:
        raise InvalidCalendarError(
            f"{where}: {value.isoformat()} carries a time zone; hours are local wall-clock "
            f"times, and the calendar's tz says which zone"
        )
    return value


def normalize_day(intervals: Iterable[object], *, where: str) -> DayHours:
    """Validate one day's intervals; sort them and merge the ones that touch.

    Raises:
        InvalidCalendarError: an interval that is not a pair of times, is empty or inverted, or
            overlaps another one.
    """
    pairs: list[tuple[int, int, dt.time, dt.time]] = []
    if isinstance(intervals, str | bytes):
        raise InvalidCalendarError(
            f"{where}: {shown(intervals)} is not a sequence of (open, close) pairs"
        )
    try:
        items = list(itertools.islice(intervals, MAX_INTERVALS + 1))
    except TypeError:
        raise InvalidCalendarError(
            f"{where}: {shown(intervals)} is not a sequence of (open, close) pairs"
        ) from None
    if len(items) > MAX_INTERVALS:
        raise InvalidCalendarError(
            f"{where}: more than {MAX_INTERVALS} intervals in one day; a working day has a "
            f"few (merge the ones that touch)"
        )
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise InvalidCalendarError(
                f"{where}: {shown(item)} is not an (open, close) pair of datetime.time"
            )
        opening = _check_time(item[0], where=where)
        closing = _check_time(item[1], where=where)
        start, end = time_us(opening), _close_us(closing)
        if end <= start:
            raise InvalidCalendarError(
                f"{where}: the interval {opening.isoformat()}-{closing.isoformat()} closes "
                f"before it opens; an interval that ends at midnight is written with time(0)"
            )
        pairs.append((start, end, opening, closing))
    pairs.sort()
    merged: list[tuple[int, int, dt.time, dt.time]] = []
    for start, end, opening, closing in pairs:
        if merged and start < merged[-1][1]:
            previous = merged[-1]
            raise InvalidCalendarError(
                f"{where}: the intervals {previous[2].isoformat()}-{previous[3].isoformat()} "
                f"and {opening.isoformat()}-{closing.isoformat()} overlap; list each working "
                f"period once"
            )
        if merged and start == merged[-1][1]:
            previous = merged[-1]
            merged[-1] = (previous[0], end, previous[2], closing)
        else:
            merged.append((start, end, opening, closing))
    return tuple((opening, closing) for _, _, opening, closing in merged)


def normalize_week(week: object, *, what: str = "week") -> WeekHours:
    """Validate ``{iso_weekday: intervals}`` and return the hours for weekdays 1..7.

    The stored form, a 7-tuple of the hours of weekdays 1..7, is accepted too.

    Raises:
        InvalidCalendarError: not a mapping, an unknown weekday, or bad intervals.
    """
    if isinstance(week, tuple) and len(week) == 7:
        # The stored form (hours for weekdays 1..7 at indexes 0..6), e.g. from attrs.evolve.
        week = {index + 1: day for index, day in enumerate(week)}
    if not isinstance(week, Mapping):
        raise InvalidCalendarError(
            f"{what} must map ISO weekdays (1 = Monday .. 7 = Sunday) to lists of "
            f"(open, close) times, not {type(week).__name__}"
        )
    days: list[DayHours] = [(), (), (), (), (), (), ()]
    for weekday, intervals in week.items():
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 1 <= weekday <= 7:
            raise InvalidCalendarError(
                f"{what}: {shown(weekday)} is not an ISO weekday; use 1 (Monday) .. 7 (Sunday)"
            )
        days[weekday - 1] = normalize_day(intervals, where=f"{what}, {_WEEKDAY_NAMES[weekday - 1]}")
    return (days[0], days[1], days[2], days[3], days[4], days[5], days[6])


def week_as_mapping(week: WeekHours) -> dict[int, DayHours]:
    """Return stored week hours as ``{iso_weekday: intervals}``, working days only."""
    return {index + 1: day for index, day in enumerate(week) if day}


def day_us(day: DayHours) -> tuple[tuple[int, int], ...]:
    """Return a day's intervals as microseconds since local midnight."""
    return tuple((time_us(opening), _close_us(closing)) for opening, closing in day)


def has_working_time(week: WeekHours) -> bool:
    """Whether any weekday has an interval."""
    return any(week)
