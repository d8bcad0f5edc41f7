"""Calendar arithmetic on arrays, on top of a calendar's working-time timeline.

The object path asks :class:`~smartcity.sla.WorkingCalendar` one instant at a time; these
kernels ask the same questions of whole arrays, with the same integer tables
(``smartcity.sla._timeline.Timeline``), read only: "working time before t" is the closed form
of the regular week plus the running correction of the special days, found by
``np.searchsorted`` instead of ``bisect``. The day-granular questions reuse the timeline's own
batch methods (those behind ``add_working_days_many``). No rule is written twice: where the
timeline has a batch method it is called; the two new ones (working time before an instant, and
its inverse) follow the scalar ``Timeline.worked_before`` and
``Timeline.instant_after_working_time`` line by line.

Instants are int64 microseconds since 1970-01-01T00:00Z, as in the event table.
"""

from __future__ import annotations

import datetime as dt
import typing

import numpy as np
import numpy.typing as npt

from smartcity.exceptions import CalendarCoverageError
from smartcity.sla import WorkingCalendar
from smartcity.sla._timeline import Timeline
from smartcity.sla._zone import DAY_US, FIRST_SUPPORTED, LAST_SUPPORTED

__all__ = ["Kernels"]

Int = npt.NDArray[np.int64]
_BIG = np.iinfo(np.int64).max
UNIX_EPOCH_US: typing.Final = 719_162 * DAY_US


def _table(rows: list[tuple[tuple[int, int], ...]], width: int) -> tuple[Int, Int]:
    starts = np.zeros((max(len(rows), 1), max(width, 1)), dtype=np.int64)
    ends = np.zeros_like(starts)
    for i, intervals in enumerate(rows):
        for k, (start, end) in enumerate(intervals):
            starts[i, k] = start
            ends[i, k] = end
    return starts, ends


class Kernels:
    """One calendar's working-time questions on int64 arrays (µs since the Unix epoch)."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        """Read the calendar's timeline tables into arrays (once per calendar and call)."""
        self.calendar = calendar
        timeline: Timeline = calendar._timeline  # noqa: SLF001 - read only, shared engine
        self.timeline = timeline
        tl = timeline
        zone = tl.zone
        first, last = calendar.coverage or (FIRST_SUPPORTED, LAST_SUPPORTED)
        self.first_day, self.last_day = first.toordinal() - 1, last.toordinal() - 1
        self.coverage = (first, last)
        special_days: tuple[int, ...] = tl._special_days  # noqa: SLF001
        self.special_days = np.array((*special_days, _BIG), dtype=np.int64)
        self.t_at = np.array((*tl._t_at, _BIG), dtype=np.int64)  # noqa: SLF001
        self.delta_len = np.array(tl._delta_len, dtype=np.int64)  # noqa: SLF001
        self.cum_len = np.array(tl._cum_len, dtype=np.int64)  # noqa: SLF001
        self.days_of_len = np.array(tl._days_of_len, dtype=np.int64)  # noqa: SLF001
        self.week_len = int(tl._week_len)  # noqa: SLF001
        week: tuple[tuple[tuple[int, int], ...], ...] = tl._week  # noqa: SLF001
        special = [tl.intervals(day) for day in special_days]
        width = max(len(day) for day in (*week, *special))
        self.week_starts, self.week_ends = _table(list(week), width)
        self.special_starts, self.special_ends = _table(special, width)
        self.fixed = zone.fixed
        self.offsets = np.array(zone.offsets, dtype=np.int64)
        self.changes = np.array(zone.changes or (0,), dtype=np.int64)
        self.change_days_last = np.array(zone.change_days_last or (0,), dtype=np.int64)

    # -- days --------------------------------------------------------------------------------

    def _offset_at(self, us: Int) -> Int:
        if self.fixed:
            return np.full_like(us, self.offsets[0])
        return self.offsets[np.searchsorted(self.changes, us, side="right")]

    def _day_offset(self, days: Int) -> Int:
        if self.fixed:
            return np.full_like(days, self.offsets[0])
        return self.offsets[np.searchsorted(self.change_days_last, days, side="right")]

    def day_of(self, unix: Int) -> Int:
        """The local day (``date.toordinal() - 1``) of each instant."""
        us = unix + UNIX_EPOCH_US
        return (us + self._offset_at(us)) // DAY_US

    def local_time(self, unix: Int) -> Int:
        """The local wall-clock time of day (µs since local midnight) of each instant."""
        us = unix + UNIX_EPOCH_US
        return (us + self._offset_at(us)) % DAY_US

    def working_days_through(self, days: Int) -> Int:
        """``W(d)``: the number of working days in days ``0 .. d``."""
        return self.timeline.working_days_through_many(days)

    def closing_after(self, counts: Int) -> Int:
        """The close of business of the first day ``d`` with ``W(d) >= counts``."""
        targets = self.timeline.first_days_with_working_days(counts)
        return self.timeline.edges_unix(targets, close=True)

    # -- working time ------------------------------------------------------------------------

    def _time_through(self, days: Int) -> Int:
        """``T(d)``: the working time (µs) in days ``0 .. d``."""
        weeks, rest = np.divmod(days + 1, 7)
        index = np.searchsorted(self.special_days, days, side="right")
        return weeks * self.week_len + self.cum_len[rest] + self.delta_len[index]

    def _intervals(self, days: Int) -> tuple[Int, Int]:
        """The working intervals of each day as instants (to_us scale), padded to one width."""
        index = np.searchsorted(self.special_days, days, side="left")
        special = (self.special_days[index] == days)[:, None]
        safe = np.minimum(index, len(self.special_starts) - 1)
        shift = (days * DAY_US - self._day_offset(days))[:, None]
        weekday = days % 7
        starts = np.where(special, self.special_starts[safe], self.week_starts[weekday] + shift)
        ends = np.where(special, self.special_ends[safe], self.week_ends[weekday] + shift)
        return starts, ends

    def worked_before(self, unix: Int) -> Int:
        """The working time (µs) from day 0 up to each instant (``Timeline.worked_before``)."""
        us = unix + UNIX_EPOCH_US
        days = (us + self._offset_at(us)) // DAY_US
        starts, ends = self._intervals(days)
        inside: Int = np.clip(us[:, None] - starts, 0, ends - starts).sum(axis=1)
        return self._time_through(days - 1) + inside

    def instant_after(self, amount: Int) -> Int:
        """The earliest instant with ``worked_before == amount`` (amount > 0), as Unix µs."""
        index = np.searchsorted(self.t_at, amount, side="left")
        weeks, rest = np.divmod(amount - self.delta_len[index] - 1, self.week_len)
        days = weeks * 7 + np.searchsorted(self.days_of_len, rest + 1, side="left")
        days = np.minimum(days, self.special_days[index])
        left = amount - self._time_through(days - 1)
        starts, ends = self._intervals(days)
        lengths = ends - starts
        cumulative = np.cumsum(lengths, axis=1)
        k = np.minimum((cumulative < left[:, None]).sum(axis=1), lengths.shape[1] - 1)
        rows = np.arange(len(amount))
        before = cumulative[rows, k] - lengths[rows, k]
        result: Int = starts[rows, k] + (left - before) - UNIX_EPOCH_US
        return result

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
