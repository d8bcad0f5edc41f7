"""Calendar arithmetic on arrays, on top of a calendar's working-time timeline.

The object path asks :class:`~smartcity.sla.WorkingCalendar` one instant at a time; these
kernels ask the same questions of whole arrays. Every answer is one of the batch methods of the
calendar's timeline (``smartcity.sla._calendar._timeline.Timeline``), the same ones behind the
calendar's ``*_many`` methods: "working time before t" is the closed form of the regular week
plus the running correction of the special days, found by ``np.searchsorted`` instead of
``bisect``. No rule is written twice; this class only adds the coverage checks that name the
report and clock that asked.

Instants are int64 microseconds since 1970-01-01T00:00Z, as in the event table.
"""

from __future__ import annotations

import datetime as dt
import typing

import numpy as np
import numpy.typing as npt

from smartcity.exceptions import CalendarCoverageError
from smartcity.sla import WorkingCalendar
from smartcity.sla._calendar._timeline import Timeline
from smartcity.sla._calendar._zone import FIRST_SUPPORTED, LAST_SUPPORTED

__all__ = ["Kernels"]

Int = npt.NDArray[np.int64]


class Kernels:
    """One calendar's working-time questions on int64 arrays (µs since the Unix epoch)."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        """Take the calendar's timeline, whose batch methods answer every question."""
        self.calendar = calendar
        self.timeline: Timeline = calendar._timeline  # noqa: SLF001 - read only, shared engine
        first, last = calendar.coverage or (FIRST_SUPPORTED, LAST_SUPPORTED)
        self.first_day, self.last_day = first.toordinal() - 1, last.toordinal() - 1
        self.coverage = (first, last)

    # -- days --------------------------------------------------------------------------------

    def day_of(self, unix: Int) -> Int:
        """The local day (``date.toordinal() - 1``) of each instant."""
        return self.timeline.days_of_unix(unix)

    def local_time(self, unix: Int) -> Int:
        """The local wall-clock time of day (µs since local midnight) of each instant."""
        return self.timeline.local_times_of_unix(unix)

    def working_days_through(self, days: Int) -> Int:
        """``W(d)``: the number of working days in days ``0 .. d``."""
        return self.timeline.working_days_through_many(days)

    def closing_after(self, counts: Int) -> Int:
        """The close of business of the first day ``d`` with ``W(d) >= counts``."""
        targets = self.timeline.first_days_with_working_days(counts)
        return self.timeline.edges_unix(targets, close=True)

    # -- working time ------------------------------------------------------------------------

    def worked_before(self, unix: Int) -> Int:
        """The working time (µs) from day 0 up to each instant (``Timeline.worked_before``)."""
        return self.timeline.worked_before_unix(unix)

    def instant_after(self, amount: Int) -> Int:
        """The earliest instant with ``worked_before == amount`` (amount > 0), as Unix µs."""
        return self.timeline.instants_after_working_time_unix(amount)

    def add_working_time(self, start: Int, worked_start: Int, amount: Int) -> Int:
        """``add_working_time(start, amount)`` given ``worked_before(start)``; amount >= 0."""
        result = start.copy()
        moving = amount != 0
        if moving.any():
            result[moving] = self.instant_after(worked_start[moving] + amount[moving])
        return result

    # -- coverage ----------------------------------------------------------------------------

    def check_days(self, days: Int, what: typing.Callable[[int], str]) -> None:
        """Raise CalendarCoverageError for the first day outside the coverage.

        ``what(i)`` names the question that asked about ``days[i]`` (the report and clock).
        """
        if not days.size:
            return
        outside = np.flatnonzero((days < self.first_day) | (days > self.last_day))
        if not outside.size:
            return
        index = int(outside[0])
        day = int(days[index])
        if 0 <= day < dt.date.max.toordinal():
            asked = dt.date.fromordinal(day + 1)
        else:
            asked = dt.date.min if day < 0 else dt.date.max
        hint = (
            None
            if self.calendar.coverage is not None
            else "calendars compute only with the years "
            f"{FIRST_SUPPORTED.year}-{LAST_SUPPORTED.year}; check the date"
        )
        raise CalendarCoverageError(asked, self.coverage, what=what(index), hint=hint)

    def check_instants(self, unix: Int, what: typing.Callable[[int], str]) -> None:
        """:meth:`check_days` for the local days of instants."""
        self.check_days(self.day_of(unix), what)
