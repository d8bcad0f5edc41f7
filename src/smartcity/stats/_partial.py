"""Mergeable partial statistics: counts and exact histograms that add up part by part.

Both paths of :func:`~smartcity.stats.sla_performance` (``Report`` values and an
:class:`~smartcity.columnar.EventTable`) judge each report, then hand the verdicts to
:func:`tally`, the one place where verdicts become counts and histograms; the rows are made
from those by :meth:`PartialPerformance.performance`, the one place where figures are computed.
Counts add; a histogram of whole numbers (working days, working microseconds) merges by adding
the counts of equal values. So the statistics of a whole equal the merge of the statistics of
its parts, in any order and grouping, exactly: medians and percentiles included.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import typing
from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from smartcity._checks import instance, real_number, shown, whole_number
from smartcity.exceptions import InvalidStatisticsError

if typing.TYPE_CHECKING:
    from smartcity.stats._performance import PerformanceRow, SlaPerformance

__all__ = ["Histogram", "PartialPerformance", "PartialRow", "Verdicts", "tally"]

Int = npt.NDArray[np.int64]

HOUR_US: typing.Final = 3_600_000_000
"""Microseconds in an hour: the unit of the working-time histograms is the microsecond."""

# The verdict of a report, as :func:`tally` reads it.
NOT_STARTED, CLOSED, ON_TRACK, OVERDUE = range(4)


def _frozen_int64(value: object) -> Int:
    array = np.asarray(value) if isinstance(value, np.ndarray | list | tuple) else None
    if array is None or array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise InvalidStatisticsError(
            f"a histogram's values and counts are one-dimensional arrays of whole numbers, not "
            f"{shown(value)}; make one with Histogram.of(values)"
        )
    if array.dtype.kind == "u" and array.size and array.max() > np.iinfo(np.int64).max:
        raise InvalidStatisticsError("a histogram's values and counts must fit in 64 bits")
    frozen = array.astype(np.int64)
    frozen.flags.writeable = False
    return frozen


def interpolate(low: float, high: float, position: float) -> float:
    """The quantile at ``position`` between its two neighbouring ranks' values (see quantile)."""
    return low + (high - low) * (position - math.floor(position))


def quantile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` quantile of sorted values by linear interpolation between ranks.

    The method of numpy's default and of spreadsheets' ``PERCENTILE.INC``: the value at
    rank ``q * (n - 1)``, interpolated between its two neighbours.
    """
    position = q * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return interpolate(values[low], values[high], position)


@typing.final
@attrs.frozen(eq=False)
class Histogram:
    """How often each whole number occurs: its distinct values, ascending, and their counts.

    An exact, mergeable summary of many whole numbers (working days, or working time in
    microseconds): two histograms merge by adding the counts of equal values, so the median
    of a merge is the median of all the numbers, never an estimate. Make one with :meth:`of`.

    Attributes:
        values: the distinct values, ascending (read-only int64).
        counts: how often each occurs, each at least 1 (read-only int64).
    """

    values: Int = attrs.field(converter=_frozen_int64)
    counts: Int = attrs.field(converter=_frozen_int64)

    def __attrs_post_init__(self) -> None:
        """Check that the values ascend strictly and every count is positive."""
        if self.values.shape != self.counts.shape:
            raise InvalidStatisticsError(
                f"a histogram needs one count per value, not {len(self.values)} values and "
                f"{len(self.counts)} counts; make it with Histogram.of(values)"
            )
        if np.any(np.diff(self.values) <= 0) or np.any(self.counts < 1):
            raise InvalidStatisticsError(
                "a histogram's values must ascend strictly and its counts be at least 1; make "
                "it with Histogram.of(values)"
            )

    @classmethod
    def of(cls, values: object) -> Histogram:
        """Count the whole numbers in ``values`` (a list, tuple or 1-D numpy array of ints)."""
        distinct, counts = np.unique(_frozen_int64(values), return_counts=True)
        return cls(distinct, counts)

    @classmethod
    def _of_sorted(cls, values: Int) -> Histogram:
        """Count already sorted int64 values (no checks: for the tally)."""
        if not values.size:
            return _EMPTY
        edges = np.flatnonzero(np.diff(values)) + 1
        starts = np.concatenate(([0], edges))
        counts = np.diff(np.append(starts, values.size))
        return cls(values[starts], counts)

    def __eq__(self, other: object) -> bool:
        """Equal when they count the same values the same number of times."""
        if not isinstance(other, Histogram):
            return NotImplemented
        return np.array_equal(self.values, other.values) and np.array_equal(
            self.counts, other.counts
        )

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        """The number of values counted (the sum of the counts)."""
        return int(self.counts.sum())

    def merge(self, other: Histogram) -> Histogram:
        """Return the histogram of both sets of values (associative and commutative)."""
        instance(other, Histogram, "other")
        if not other.values.size:
            return self
        if not self.values.size:
            return other
        values = np.concatenate((self.values, other.values))
        order = np.argsort(values, kind="stable")
        values, counts = values[order], np.concatenate((self.counts, other.counts))[order]
        starts = np.concatenate(([0], np.flatnonzero(np.diff(values)) + 1))
        return Histogram(values[starts], np.add.reduceat(counts, starts))

    def value_at(self, rank: int) -> int:
        """Return the value of rank ``rank`` (0 for the smallest) among all values counted."""
        rank = whole_number(rank, "rank", error=InvalidStatisticsError)
        if not 0 <= rank < len(self):
            raise InvalidStatisticsError(
                f"rank {rank} is outside the {len(self):,} values counted; use 0 .. {len(self) - 1}"
            )
        index = int(np.searchsorted(np.cumsum(self.counts), rank, side="right"))
        return int(self.values[index])

    def quantile(self, q: float, *, unit: int = 1) -> float:
        """Return the ``q`` quantile of the values divided by ``unit``, exactly.

        The same definition as :attr:`PerformanceRow.resolve_days_median
        <smartcity.stats.PerformanceRow.resolve_days_median>`: linear interpolation between
        the two ranks around ``q * (n - 1)``, each value divided by ``unit`` first (as Python
        divides integers: correctly rounded). ``unit=3_600_000_000`` turns microseconds into
        hours.
        """
        q = real_number(q, "q", error=InvalidStatisticsError, minimum=0, maximum=1)
        unit = whole_number(unit, "unit", error=InvalidStatisticsError, minimum=1)
        if not len(self):
            raise InvalidStatisticsError("an empty histogram has no quantile; count values first")
        position = q * (len(self) - 1)
        low = math.floor(position)
        high = min(low + 1, len(self) - 1)
        return interpolate(self.value_at(low) / unit, self.value_at(high) / unit, position)


_EMPTY: typing.Final = Histogram(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))

_COUNTS: typing.Final = (
    "received",
    "not_started",
    "closed",
    "closed_on_time",
    "open_on_track",
    "open_overdue",
    "backlog_up_to_4_weeks",
    "backlog_4_to_8_weeks",
    "backlog_over_8_weeks",
    "assigned",
    "rerouted",
)


@typing.final
@attrs.frozen
class PartialRow:
    """One group's mergeable figures: counts, and the times to resolve as histograms.

    The counts mean what they mean in :class:`~smartcity.stats.PerformanceRow`; the two
    histograms hold the time to resolve of each closed report.

    Attributes:
        group: ``(dimension, value)`` pairs, e.g. ``(("agency", "DPU"),)``.
        received: see :class:`~smartcity.stats.PerformanceRow`, as are the other counts.
        not_started: see ``received``.
        closed: see ``received``.
        closed_on_time: see ``received``.
        open_on_track: see ``received``.
        open_overdue: see ``received``.
        backlog_up_to_4_weeks: see ``received``.
        backlog_4_to_8_weeks: see ``received``.
        backlog_over_8_weeks: see ``received``.
        assigned: see ``received``.
        rerouted: see ``received``.
        resolve_days: the times to resolve in working days.
        resolve_time: the times to resolve in working time, in microseconds.
    """

    group: tuple[tuple[str, str], ...]
    received: int
    not_started: int
    closed: int
    closed_on_time: int
    open_on_track: int
    open_overdue: int
    backlog_up_to_4_weeks: int
    backlog_4_to_8_weeks: int
    backlog_over_8_weeks: int
    assigned: int
    rerouted: int
    resolve_days: Histogram
    resolve_time: Histogram

    def merge(self, other: PartialRow) -> PartialRow:
        """Return the figures of both parts of one group (counts added, histograms merged)."""
        instance(other, PartialRow, "other")
        if other.group != self.group:
            raise InvalidStatisticsError(
                f"cannot merge the rows of two groups, {shown(self.group)} and "
                f"{shown(other.group)}; merge PartialPerformance values instead"
            )
        return _row(
            self.group,
            [getattr(self, name) + getattr(other, name) for name in _COUNTS],
            self.resolve_days.merge(other.resolve_days),
            self.resolve_time.merge(other.resolve_time),
        )

    def row(self, min_sample: int) -> PerformanceRow:
        """Return the group's figures: rates and percentiles below ``min_sample`` are None."""
        from smartcity.stats._performance import PerformanceRow  # noqa: PLC0415 - a cycle

        def rate(part: int, whole: int) -> float | None:
            return part / whole if whole >= min_sample and whole else None

        def quantiles(histogram: Histogram, unit: int) -> tuple[float | None, float | None]:
            if len(histogram) < min_sample or not len(histogram):
                return None, None
            return histogram.quantile(0.5, unit=unit), histogram.quantile(0.9, unit=unit)

        days = quantiles(self.resolve_days, 1)
        hours = quantiles(self.resolve_time, HOUR_US)
        return PerformanceRow(
            self.group,
            self.received,
            self.not_started,
            self.closed,
            self.closed_on_time,
            self.open_on_track,
            self.open_overdue,
            rate(self.closed_on_time, self.closed + self.open_overdue),
            days[0],
            days[1],
            hours[0],
            hours[1],
            self.backlog_up_to_4_weeks,
            self.backlog_4_to_8_weeks,
            self.backlog_over_8_weeks,
            self.assigned,
            self.rerouted,
            rate(self.rerouted, self.assigned),
        )


def _row(
    group: tuple[tuple[str, str], ...], counts: Sequence[int], days: Histogram, time: Histogram
) -> PartialRow:
    """A PartialRow from its counts in the order of ``_COUNTS``."""
    (
        received,
        not_started,
        closed,
        closed_on_time,
        open_on_track,
        open_overdue,
        backlog_up_to_4_weeks,
        backlog_4_to_8_weeks,
        backlog_over_8_weeks,
        assigned,
        rerouted,
    ) = counts
    return PartialRow(
        group=group,
        received=received,
        not_started=not_started,
        closed=closed,
        closed_on_time=closed_on_time,
        open_on_track=open_on_track,
        open_overdue=open_overdue,
        backlog_up_to_4_weeks=backlog_up_to_4_weeks,
        backlog_4_to_8_weeks=backlog_4_to_8_weeks,
        backlog_over_8_weeks=backlog_over_8_weeks,
        assigned=assigned,
        rerouted=rerouted,
        resolve_days=days,
        resolve_time=time,
    )


@typing.final
@attrs.frozen
class PartialPerformance:
    """The mergeable form of :class:`~smartcity.stats.SlaPerformance`, for a part of the reports.

    Made by :func:`~smartcity.stats.partial_performance` on each part of the reports (a
    partition by report id: each report in exactly one part); :meth:`merge` adds two parts,
    associatively and commutatively; :meth:`performance` gives the rows. The merge of the
    parts equals the whole, row for row, percentiles included::

        functools.reduce(PartialPerformance.merge, parts).performance() == sla_performance(...)

    Attributes:
        by: the dimensions grouped by.
        clock: the clock (policy name) the reports were judged by.
        now: the instant the figures are as of.
        rows: the groups' partial figures, sorted by the group's values.
    """

    by: tuple[str, ...]
    clock: str
    now: dt.datetime
    rows: tuple[PartialRow, ...]

    def merge(self, other: PartialPerformance) -> PartialPerformance:
        """Return the figures of both parts (their reports must be distinct).

        Raises:
            InvalidStatisticsError: parts grouped by other dimensions, judged by another clock
                or as of another ``now``.
        """
        instance(other, PartialPerformance, "other")
        if (self.by, self.clock, self.now) != (other.by, other.clock, other.now):
            raise InvalidStatisticsError(
                f"cannot merge figures by {self.by}, clock {shown(self.clock)}, as of "
                f"{self.now.isoformat()} with figures by {other.by}, clock {shown(other.clock)}, "
                f"as of {other.now.isoformat()}; compute every part with the same arguments"
            )
        rows = {row.group: row for row in self.rows}
        for row in other.rows:
            mine = rows.get(row.group)
            rows[row.group] = row if mine is None else mine.merge(row)
        return PartialPerformance(
            self.by, self.clock, self.now, tuple(rows[group] for group in sorted(rows))
        )

    def performance(self, *, min_sample: int = 10) -> SlaPerformance:
        """Return the rows, as :func:`~smartcity.stats.sla_performance` gives them.

        Args:
            min_sample: the smallest denominator for which a rate or a percentile is given.

        Raises:
            InvalidStatisticsError: a ``min_sample`` below 1.
        """
        from smartcity.stats._performance import SlaPerformance  # noqa: PLC0415 - a cycle

        check_min_sample(min_sample)
        return SlaPerformance(
            self.by,
            self.clock,
            self.now,
            min_sample,
            tuple(row.row(min_sample) for row in self.rows),
        )


def check_min_sample(min_sample: object) -> int:
    """Refuse a ``min_sample`` that is not a whole number >= 1."""
    if isinstance(min_sample, bool) or not isinstance(min_sample, int) or min_sample < 1:
        raise InvalidStatisticsError(
            f"min_sample must be a whole number >= 1, not {shown(min_sample)}"
        )
    return min_sample


@attrs.frozen
class Verdicts:
    """Each report's verdict, one array element a report (both paths make these).

    Attributes:
        keys: per dimension, each report's code into the dimension's labels.
        labels: per dimension, the labels (strings; a missing value is ``"unknown"``).
        verdict: NOT_STARTED, CLOSED, ON_TRACK or OVERDUE.
        on_time: closed, and no started cycle was missed.
        backlog: -1 (not open), or 0, 1, 2: the age bucket of an open report.
        assigned: assigned at least once by now.
        rerouted: assigned more than once by now.
        days: working days to resolve (read where closed).
        worked: working time to resolve in microseconds (read where closed).
    """

    keys: tuple[Int, ...]
    labels: tuple[tuple[str, ...], ...]
    verdict: Int
    on_time: npt.NDArray[np.bool_]
    backlog: Int
    assigned: npt.NDArray[np.bool_]
    rerouted: npt.NDArray[np.bool_]
    days: Int
    worked: Int


def _group_codes(verdicts: Verdicts) -> tuple[Int, list[tuple[str, ...]]]:
    """Each report's group number, groups numbered in the order of their sorted values."""
    count = len(verdicts.verdict)
    combined = np.zeros(count, dtype=np.int64)
    distinct_labels: list[list[str]] = []
    for codes, labels in zip(verdicts.keys, verdicts.labels, strict=True):
        # Equal labels (a ward literally called "unknown") are one group, as in the object path.
        ordered = sorted(set(labels))
        position = {label: index for index, label in enumerate(ordered)}
        rank = np.array([position[label] for label in labels] or [0], dtype=np.int64)
        combined = combined * max(len(ordered), 1) + rank[codes]
        distinct_labels.append(ordered)
    groups, inverse = np.unique(combined, return_inverse=True)
    names: list[tuple[str, ...]] = []
    for value in groups.tolist():
        parts: list[str] = []
        rest = value
        for ordered in reversed(distinct_labels):
            rest, index = divmod(rest, max(len(ordered), 1))
            parts.append(ordered[index])
        names.append(tuple(reversed(parts)))
    return inverse.reshape(-1).astype(np.int64), names


def _histograms(group: Int, values: Int, size: int) -> list[Histogram]:
    """Per group number, the histogram of its values."""
    order = np.lexsort((values, group))
    group, values = group[order], values[order]
    bounds = np.searchsorted(group, np.arange(size + 1), side="left")
    edges = bounds.tolist()
    return [
        Histogram._of_sorted(values[a:b])  # noqa: SLF001 - same module
        for a, b in itertools.pairwise(edges)
    ]


def tally(
    verdicts: Verdicts, *, by: tuple[str, ...], clock: str, now: dt.datetime
) -> PartialPerformance:
    """Count the verdicts per group: the one definition of every count and histogram."""
    group, names = _group_codes(verdicts)
    size = len(names)

    def count(mask: npt.NDArray[np.bool_] | None = None) -> list[int]:
        chosen = group if mask is None else group[mask]
        return typing.cast("list[int]", np.bincount(chosen, minlength=size).tolist())

    verdict, backlog = verdicts.verdict, verdicts.backlog
    closed = verdict == CLOSED
    columns = (
        count(),
        count(verdict == NOT_STARTED),
        count(closed),
        count(closed & verdicts.on_time),
        count(verdict == ON_TRACK),
        count(verdict == OVERDUE),
        count(backlog == 0),
        count(backlog == 1),
        count(backlog == 2),
        count(verdicts.assigned),
        count(verdicts.rerouted),
    )
    days = _histograms(group[closed], verdicts.days[closed], size)
    worked = _histograms(group[closed], verdicts.worked[closed], size)
    rows = tuple(
        _row(
            tuple(zip(by, names[index], strict=True)),
            [column[index] for column in columns],
            days[index],
            worked[index],
        )
        for index in range(size)
    )
    return PartialPerformance(by, clock, now, rows)
