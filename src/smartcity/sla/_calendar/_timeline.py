"""The arithmetic behind :class:`~smartcity.sla.WorkingCalendar`, on integers.

Instants are integer microseconds since 0001-01-01T00:00Z (``_zone.to_us``); local days are
integer indexes (``date.toordinal() - 1``, so day 0 is a Monday and ``day % 7`` is the weekday,
0 = Monday). Every question is answered with two cumulative functions of the local day:

* ``W(d)``: the number of working days in days ``0 .. d``;
* ``T(d)``: the working time (µs) in days ``0 .. d``.

Both are "the regular week, repeated" plus corrections. The regular week gives closed forms
(whole weeks times the weekly total, plus a prefix of the week). The *special days*, the days whose
working time differs from the regular week (closures, overrides, extra working days, and the days
on which a daylight-saving change shortens or lengthens the working hours), are few and sorted;
a running sum of their corrections, found by bisection, completes the answer. The inverses ("the
first day with ``W(d) >= x``") bisect the special days first and solve the regular week between
two of them in closed form. So each question costs O(log H) in the number H of special days and
does not depend on how many days it spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from smartcity.sla._calendar._zone import DAY_US, UNIX_EPOCH_US, ZoneOffsets

Intervals = tuple[tuple[int, int], ...]
"""Half-open ``[start, end)`` pairs, ascending and disjoint."""


def _prefix(values: tuple[int, ...]) -> tuple[int, ...]:
    sums = [0]
    for value in values:
        sums.append(sums[-1] + value)
    return tuple(sums)


class Timeline:
    """Working time of a calendar as integer arithmetic; built once, read only after.

    Safe to share between threads: the only state set after construction (the numpy tables of
    the batch form) is published whole, by one assignment.
    """

    __slots__ = (
        "_arrays",
        "_base_close",
        "_base_open",
        "_cum_len",
        "_cum_work",
        "_days_of_len",
        "_days_of_work",
        "_delta_len",
        "_delta_work",
        "_special",
        "_special_days",
        "_special_len",
        "_t_at",
        "_w_at",
        "_week",
        "_week_len",
        "_week_work",
        "zone",
    )

    def __init__(
        self,
        *,
        zone: ZoneOffsets,
        week: tuple[Intervals, ...],
        special_walls: Mapping[int, Intervals],
        first_day: int,
        last_day: int,
    ) -> None:
        """Build the tables.

        Args:
            zone: the zone's offsets.
            week: wall-clock intervals (µs since local midnight) for weekdays 0..6.
            special_walls: wall-clock intervals of the days that differ from ``week``.
            first_day: the first local day that can be asked about.
            last_day: the last local day that can be asked about.
        """
        self.zone = zone
        self._week = week
        lengths = tuple(sum(end - start for start, end in day) for day in week)
        self._week_len = sum(lengths)
        self._week_work = sum(1 for length in lengths if length)
        self._cum_len = _prefix(lengths)
        self._cum_work = _prefix(tuple(1 if length else 0 for length in lengths))
        # For the regular-week inverse: the first weekday r+1 by which the prefix reaches a value.
        self._days_of_len = self._cum_len[1:]
        self._days_of_work = self._cum_work[1:]
        self._base_open = tuple(day[0][0] if day else 0 for day in week)
        # A deadline is the close of the day's last interval; one at midnight is pulled back one
        # microsecond so that it stays on the date it belongs to (see the calendar's docs).
        self._base_close = tuple(
            (day[-1][1] - 1 if day[-1][1] == DAY_US else day[-1][1]) if day else 0 for day in week
        )

        days = set(special_walls)
        days.update(d for d in zone.change_days if first_day - 1 <= d <= last_day + 1)
        self._special_days = tuple(sorted(days))
        self._special: dict[int, Intervals] = {}
        self._special_len: dict[int, int] = {}
        delta_work: list[int] = []
        delta_len: list[int] = []
        running_work = running_len = 0
        for day in self._special_days:
            walls = special_walls.get(day, week[day % 7])
            real = self._resolve(day, walls)
            self._special[day] = real
            length = sum(end - start for start, end in real)
            self._special_len[day] = length
            base_length = lengths[day % 7]
            running_work += (1 if length else 0) - (1 if base_length else 0)
            running_len += length - base_length
            delta_work.append(running_work)
            delta_len.append(running_len)
        self._delta_work = (0, *delta_work)
        self._delta_len = (0, *delta_len)
        self._w_at = tuple(
            self._base_w(day) + delta
            for day, delta in zip(self._special_days, delta_work, strict=True)
        )
        self._t_at = tuple(
            self._base_t(day) + delta
            for day, delta in zip(self._special_days, delta_len, strict=True)
        )
        # The numpy tables of the batch form, built on first use (most calendars never need
        # them) and published whole, by one assignment: see _array.
        self._arrays: dict[str, npt.NDArray[np.int64]] | None = None

    # -- days and instants -------------------------------------------------------------------

    def _resolve(self, day: int, walls: Intervals) -> Intervals:
        zone = self.zone
        midnight = day * DAY_US
        if day not in zone.change_days:
            shift = midnight - zone.day_offset(day)
            return tuple((start + shift, end + shift) for start, end in walls)
        real = []
        for start, end in walls:
            first = zone.resolve(midnight + start)
            last = zone.resolve(midnight + end)
            if last > first:
                real.append((first, last))
        return tuple(real)

    def day_of(self, us: int) -> int:
        """Return the local day of an instant."""
        return (us + self.zone.offset_at(us)) // DAY_US

    def intervals(self, day: int) -> Intervals:
        """Return the working intervals of a local day, as instants."""
        special = self._special.get(day)
        if special is not None:
            return special
        walls = self._week[day % 7]
        shift = day * DAY_US - self.zone.day_offset(day)
        return tuple((start + shift, end + shift) for start, end in walls)

    def is_working_day(self, day: int) -> bool:
        """Whether a local day has any working time."""
        special = self._special_len.get(day)
        if special is not None:
            return special > 0
        return bool(self._week[day % 7])

    def opening(self, day: int) -> int:
        """Return the first instant of working time of a working day."""
        special = self._special.get(day)
        if special is not None:
            return special[0][0]
        return self._base_open[day % 7] + day * DAY_US - self.zone.day_offset(day)

    def closing(self, day: int) -> int:
        """Return the deadline instant of a working day: its close of business."""
        special = self._special.get(day)
        if special is not None:
            end = special[-1][1]
            return end - 1 if self.day_of(end) != day else end
        return self._base_close[day % 7] + day * DAY_US - self.zone.day_offset(day)

    # -- the cumulative functions and their inverses -----------------------------------------

    def _base_w(self, day: int) -> int:
        weeks, rest = divmod(day + 1, 7)
        return weeks * self._week_work + self._cum_work[rest]

    def _base_t(self, day: int) -> int:
        weeks, rest = divmod(day + 1, 7)
        return weeks * self._week_len + self._cum_len[rest]

    def working_days_through(self, day: int) -> int:
        """``W(day)``: the number of working days in days ``0 .. day``."""
        index = bisect_right(self._special_days, day)
        return self._base_w(day) + self._delta_work[index]

    def working_time_through(self, day: int) -> int:
        """``T(day)``: the working time (µs) in days ``0 .. day``."""
        index = bisect_right(self._special_days, day)
        return self._base_t(day) + self._delta_len[index]

    def first_day_with_working_days(self, count: int) -> int:
        """Return the first day ``d`` with ``W(d) >= count``."""
        index = bisect_left(self._w_at, count)
        weeks, rest = divmod(count - self._delta_work[index] - 1, self._week_work)
        day = weeks * 7 + bisect_left(self._days_of_work, rest + 1)
        if index < len(self._special_days):
            day = min(day, self._special_days[index])
        return day

    def first_day_with_working_time(self, amount: int) -> int:
        """Return the first day ``d`` with ``T(d) >= amount``."""
        index = bisect_left(self._t_at, amount)
        weeks, rest = divmod(amount - self._delta_len[index] - 1, self._week_len)
        day = weeks * 7 + bisect_left(self._days_of_len, rest + 1)
        if index < len(self._special_days):
            day = min(day, self._special_days[index])
        return day

    def worked_before(self, us: int, day: int | None = None) -> int:
        """Return the working time (µs) from day 0 up to the instant ``us``.

        ``day`` is ``day_of(us)`` when the caller has it already.
        """
        if day is None:
            day = self.day_of(us)
        total = self.working_time_through(day - 1)
        special = self._special.get(day)
        if special is not None:
            for start, end in special:
                if us <= start:
                    break
                total += min(us, end) - start
            return total
        # A regular day: its wall-clock hours shifted to instants, without building a tuple.
        local = us - (day * DAY_US - self.zone.day_offset(day))
        for start, end in self._week[day % 7]:
            if local <= start:
                break
            total += min(local, end) - start
        return total

    def instant_after_working_time(self, amount: int) -> int:
        """Return the earliest instant with ``worked_before(instant) == amount`` (amount > 0)."""
        day = self.first_day_with_working_time(amount)
        left = amount - self.working_time_through(day - 1)
        for start, end in self.intervals(day):
            length = end - start
            if left <= length:
                return start + left
            left -= length
        msg = "working time tables are inconsistent"  # pragma: no cover - guarded by tests
        raise AssertionError(msg)  # pragma: no cover

    # -- the batch form ----------------------------------------------------------------------

    def _array(self, name: str) -> npt.NDArray[np.int64]:
        arrays = self._arrays
        if arrays is None:
            # Built in a local dict and published by a single assignment, so a thread never
            # sees it half-filled; two threads may both build it, and build the same tables.
            arrays = self._build_arrays()
            self._arrays = arrays
        return arrays[name]

    def _build_arrays(self) -> dict[str, npt.NDArray[np.int64]]:
        zone = self.zone
        special = self._special_days
        never = np.iinfo(np.int64).max
        return {
            "changes": np.array(zone.changes or (0,), dtype=np.int64),
            "offsets": np.array(zone.offsets, dtype=np.int64),
            "change_days_last": np.array(zone.change_days_last or (0,), dtype=np.int64),
            "special_days": np.array((*special, never), dtype=np.int64),
            "w_at": np.array((*self._w_at, never), dtype=np.int64),
            "delta_work": np.array(self._delta_work, dtype=np.int64),
            "cum_work": np.array(self._cum_work, dtype=np.int64),
            "days_of_work": np.array(self._days_of_work, dtype=np.int64),
            "base_open": np.array(self._base_open, dtype=np.int64),
            "base_close": np.array(self._base_close, dtype=np.int64),
            "special_open": np.array(
                [self.opening(d) if self.is_working_day(d) else 0 for d in special] or [0],
                dtype=np.int64,
            ),
            "special_close": np.array(
                [self.closing(d) if self.is_working_day(d) else 0 for d in special] or [0],
                dtype=np.int64,
            ),
            "t_at": np.array((*self._t_at, never), dtype=np.int64),
            "delta_len": np.array(self._delta_len, dtype=np.int64),
            "cum_len": np.array(self._cum_len, dtype=np.int64),
            "days_of_len": np.array(self._days_of_len, dtype=np.int64),
            **_padded(
                {"week": list(self._week), "special": [self._special[day] for day in special]}
            ),
        }

    def _offsets_at(self, us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        if self.zone.fixed:
            return np.full_like(us, self.zone.offsets[0])
        index = np.searchsorted(self._array("changes"), us, side="right")
        return self._array("offsets")[index]

    def _day_offsets(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        if self.zone.fixed:
            return np.full_like(days, self.zone.offsets[0])
        index = np.searchsorted(self._array("change_days_last"), days, side="right")
        return self._array("offsets")[index]

    def local_times_of_unix(self, unix_us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """The local wall-clock time of day (µs since local midnight) of each instant."""
        us = unix_us + UNIX_EPOCH_US
        return (us + self._offsets_at(us)) % DAY_US

    def days_of_unix(self, unix_us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vector :meth:`day_of` for instants in µs since 1970-01-01T00:00Z."""
        us = unix_us + UNIX_EPOCH_US
        return (us + self._offsets_at(us)) // DAY_US

    def working_days_through_many(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vector :meth:`working_days_through`."""
        weeks, rest = np.divmod(days + 1, 7)
        index = np.searchsorted(self._array("special_days"), days, side="right")
        return (
            weeks * self._week_work
            + self._array("cum_work")[rest]
            + self._array("delta_work")[index]
        )

    def first_days_with_working_days(self, counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vector :meth:`first_day_with_working_days`."""
        index = np.searchsorted(self._array("w_at"), counts, side="left")
        weeks, rest = np.divmod(counts - self._array("delta_work")[index] - 1, self._week_work)
        days = weeks * 7 + np.searchsorted(self._array("days_of_work"), rest + 1, side="left")
        return np.minimum(days, self._array("special_days")[index])

    def edges_unix(self, days: npt.NDArray[np.int64], *, close: bool) -> npt.NDArray[np.int64]:
        """Vector :meth:`closing` (or :meth:`opening`) as µs since 1970-01-01T00:00Z."""
        special_days = self._array("special_days")
        index = np.searchsorted(special_days, days, side="left")
        is_special = special_days[index] == days
        base = self._array("base_close" if close else "base_open")[days % 7]
        regular = base + days * DAY_US - self._day_offsets(days)
        special = self._array("special_close" if close else "special_open")[
            np.minimum(index, len(self._special_days) - 1) if self._special_days else 0
        ]
        return np.where(is_special, special, regular) - UNIX_EPOCH_US

    def working_time_through_many(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vector :meth:`working_time_through`."""
        weeks, rest = np.divmod(days + 1, 7)
        index = np.searchsorted(self._array("special_days"), days, side="right")
        return (
            weeks * self._week_len + self._array("cum_len")[rest] + self._array("delta_len")[index]
        )

    def intervals_many(
        self, days: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Vector :meth:`intervals`: starts and ends, one row a day, padded with empty ones."""
        special_days = self._array("special_days")
        index = np.searchsorted(special_days, days, side="left")
        special = (special_days[index] == days)[:, None]
        safe = np.minimum(index, len(self._array("special_starts")) - 1)
        shift = (days * DAY_US - self._day_offsets(days))[:, None]
        weekday = days % 7
        starts = np.where(
            special,
            self._array("special_starts")[safe],
            self._array("week_starts")[weekday] + shift,
        )
        ends = np.where(
            special, self._array("special_ends")[safe], self._array("week_ends")[weekday] + shift
        )
        return starts, ends

    def worked_before_unix(self, unix_us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Vector :meth:`worked_before`, for instants in µs since 1970-01-01T00:00Z."""
        us = unix_us + UNIX_EPOCH_US
        days = (us + self._offsets_at(us)) // DAY_US
        starts, ends = self.intervals_many(days)
        inside: npt.NDArray[np.int64] = np.clip(us[:, None] - starts, 0, ends - starts).sum(axis=1)
        return self.working_time_through_many(days - 1) + inside

    def instants_after_working_time_unix(
        self, amounts: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        """Vector :meth:`instant_after_working_time` (amounts > 0), as µs since 1970."""
        index = np.searchsorted(self._array("t_at"), amounts, side="left")
        weeks, rest = np.divmod(amounts - self._array("delta_len")[index] - 1, self._week_len)
        days = weeks * 7 + np.searchsorted(self._array("days_of_len"), rest + 1, side="left")
        days = np.minimum(days, self._array("special_days")[index])
        left = amounts - self.working_time_through_many(days - 1)
        starts, ends = self.intervals_many(days)
        lengths = ends - starts
        cumulative = np.cumsum(lengths, axis=1)
        k = np.minimum((cumulative < left[:, None]).sum(axis=1), lengths.shape[1] - 1)
        rows = np.arange(len(amounts))
        before = cumulative[rows, k] - lengths[rows, k]
        result: npt.NDArray[np.int64] = starts[rows, k] + (left - before) - UNIX_EPOCH_US
        return result


def _padded(tables: dict[str, list[Intervals]]) -> dict[str, npt.NDArray[np.int64]]:
    """Interval tables as ``<name>_starts``/``<name>_ends`` arrays, padded to one width.

    A padding interval is empty (``start == end == 0``): it adds no working time.
    """
    width = max((len(day) for rows in tables.values() for day in rows), default=1)
    arrays: dict[str, npt.NDArray[np.int64]] = {}
    for name, rows in tables.items():
        starts = np.zeros((max(len(rows), 1), max(width, 1)), dtype=np.int64)
        ends = np.zeros_like(starts)
        for i, intervals in enumerate(rows):
            for k, (start, end) in enumerate(intervals):
                starts[i, k] = start
                ends[i, k] = end
        arrays[f"{name}_starts"] = starts
        arrays[f"{name}_ends"] = ends
    return arrays
