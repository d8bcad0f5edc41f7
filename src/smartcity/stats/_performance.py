"""How each agency performs against its SLA: counts, the fair on-time rate, times, backlog."""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

import attrs

from smartcity._checks import instance, shown, tuple_of
from smartcity.exceptions import InvalidStatisticsError, UnknownPolicyError
from smartcity.reports import Report, StatusGroup
from smartcity.sla import ClockState, SlaSchedule, WorkingCalendar
from smartcity.sla._asof import Snapshot, snapshot
from smartcity.sla._clock import (
    check_now,
    clock_from_changes,
    covered,
    each,
    require,
    status_changes,
)
from smartcity.stats._counts import local_submission

__all__ = ["DIMENSIONS", "PerformanceRow", "SlaPerformance", "sla_performance"]

DIMENSIONS: typing.Final = ("agency", "category", "class", "district", "ward", "month", "year")
"""What :func:`sla_performance` can group by."""

UNKNOWN: typing.Final = "unknown"
"""The group of reports with no value for a dimension (not assigned, not located...)."""

_HOUR: typing.Final = dt.timedelta(hours=1)
_FOUR_WEEKS: typing.Final = dt.timedelta(weeks=4)
_EIGHT_WEEKS: typing.Final = dt.timedelta(weeks=8)
_MET: typing.Final = ClockState.MET
_OPEN: typing.Final = StatusGroup.OPEN


def quantile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` quantile of sorted values by linear interpolation between ranks.

    The method of numpy's default and of spreadsheets' ``PERCENTILE.INC``: the value at
    rank ``q * (n - 1)``, interpolated between its two neighbours.
    """
    position = q * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


@typing.final
@attrs.frozen
class PerformanceRow:
    """One group's figures (an agency, an agency in a month...), as they stood at ``now``.

    ``received = not_started + closed + open_on_track + open_overdue`` always holds.

    Attributes:
        group: ``(dimension, value)`` pairs, e.g. ``(("agency", "DPU"),)``.
        received: reports submitted by ``now``.
        not_started: reports whose clock had not started (not yet assigned, or closed before
            it; also reports no rule of the clock matches).
        closed: reports whose clock had stopped (resolved, or closed without a fix).
        closed_on_time: closed reports none of whose cycles was missed.
        open_on_track: reports whose clock was running or paused, not past its deadline.
        open_overdue: reports whose clock was running or paused past its deadline.
        on_time_rate: ``closed_on_time / (closed + open_overdue)`` (City of Austin), so an
            overdue backlog cannot hide; None below ``min_sample`` in the denominator.
        resolve_days_median: the median time to resolve, in working days (see
            :func:`sla_performance`); None below ``min_sample`` closed reports.
        resolve_days_p90: its 90th percentile.
        resolve_hours_median: the median time to resolve in working hours.
        resolve_hours_p90: its 90th percentile.
        backlog_up_to_4_weeks: reports still open (status group open) submitted at most 4
            weeks before ``now``.
        backlog_4_to_8_weeks: open reports more than 4 and at most 8 weeks old.
        backlog_over_8_weeks: open reports more than 8 weeks old.
        assigned: reports assigned at least once.
        rerouted: reports assigned more than once (re-routed to another agency).
        rerouting_rate: ``rerouted / assigned``; None below ``min_sample`` assigned reports.
    """

    group: tuple[tuple[str, str], ...]
    received: int
    not_started: int
    closed: int
    closed_on_time: int
    open_on_track: int
    open_overdue: int
    on_time_rate: float | None
    resolve_days_median: float | None
    resolve_days_p90: float | None
    resolve_hours_median: float | None
    resolve_hours_p90: float | None
    backlog_up_to_4_weeks: int
    backlog_4_to_8_weeks: int
    backlog_over_8_weeks: int
    assigned: int
    rerouted: int
    rerouting_rate: float | None

    def as_dict(self) -> dict[str, object]:
        """Return the row as one flat dict: the group's dimensions first, then the figures."""
        record: dict[str, object] = dict(self.group)
        for field in attrs.fields(PerformanceRow)[1:]:
            record[field.name] = getattr(self, field.name)
        return record


@typing.final
@attrs.frozen
class SlaPerformance:
    """The result of :func:`sla_performance`: one row per group, sorted by the group's values.

    Attributes:
        by: the dimensions grouped by.
        clock: the clock (policy name) the reports were judged by.
        now: the instant the figures are as of.
        min_sample: the smallest sample a rate or a percentile is given for.
        rows: the rows.
    """

    by: tuple[str, ...]
    clock: str
    now: dt.datetime
    min_sample: int
    rows: tuple[PerformanceRow, ...]

    def __iter__(self) -> typing.Iterator[PerformanceRow]:
        """Iterate over the rows."""
        return iter(self.rows)

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self.rows)

    def row(self, **group: str) -> PerformanceRow | None:
        """Return the row of one group, e.g. ``row(agency="DPU", month="2024-04")``, or None."""
        wanted = tuple((name, group[name]) for name in self.by if name in group)
        if len(wanted) != len(group) or len(group) != len(self.by):
            raise InvalidStatisticsError(
                f"name a value for each of {self.by} and nothing else, not {sorted(group)}"
            )
        return next((row for row in self.rows if row.group == wanted), None)

    def to_records(self) -> list[dict[str, object]]:
        """Return the rows as dicts, ready for ``pandas.DataFrame(...)`` or a CSV writer."""
        return [row.as_dict() for row in self.rows]


@attrs.define
class _Group:
    received: int = 0
    not_started: int = 0
    closed: int = 0
    closed_on_time: int = 0
    open_on_track: int = 0
    open_overdue: int = 0
    backlog: list[int] = attrs.field(factory=lambda: [0, 0, 0])
    assigned: int = 0
    rerouted: int = 0
    days: list[float] = attrs.field(factory=list)
    hours: list[float] = attrs.field(factory=list)

    def row(self, group: tuple[tuple[str, str], ...], min_sample: int) -> PerformanceRow:
        def rate(part: int, whole: int) -> float | None:
            return part / whole if whole >= min_sample and whole else None

        def quantiles(values: list[float]) -> tuple[float | None, float | None]:
            if len(values) < min_sample or not values:
                return None, None
            values.sort()
            return quantile(values, 0.5), quantile(values, 0.9)

        days = quantiles(self.days)
        hours = quantiles(self.hours)
        return PerformanceRow(
            group,
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
            self.backlog[0],
            self.backlog[1],
            self.backlog[2],
            self.assigned,
            self.rerouted,
            rate(self.rerouted, self.assigned),
        )


def _dimension(value: object, argument: str) -> str:
    return instance(value, str, argument)


def _check_by(by: Iterable[str] | str) -> tuple[str, ...]:
    names = (
        (by,)
        if isinstance(by, str)
        else tuple_of(by, "by", _dimension, max_items=len(DIMENSIONS), error=InvalidStatisticsError)
    )
    for name in names:
        if name not in DIMENSIONS:
            raise InvalidStatisticsError(
                f"cannot group by {shown(name)}; choose among {', '.join(DIMENSIONS)}"
            )
    if len(set(names)) != len(names):
        raise InvalidStatisticsError(f"by={names} names a dimension twice")
    return names


def _key(
    by: tuple[str, ...],
    report: Report,
    snap: Snapshot,
    schedule: SlaSchedule,
    zone: ZoneInfo,
) -> tuple[tuple[str, str], ...]:
    values = []
    for name in by:
        value: str | None
        if name == "agency":
            value = snap.agency
        elif name == "category":
            value = snap.category
        elif name == "class":
            value = schedule.class_of(snap.category)
        elif name == "district":
            value = snap.district
        elif name == "ward":
            value = snap.ward
        else:
            local = local_submission(report, zone)
            value = (
                f"{local.year:04d}-{local.month:02d}" if name == "month" else f"{local.year:04d}"
            )
        values.append((name, UNKNOWN if value is None else value))
    return tuple(values)


def sla_performance(
    reports: Iterable[Report],
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    min_sample: int = 10,
) -> SlaPerformance:
    """Return how each group performs against the SLA, as things stood at ``now``.

    Each report is judged by one clock of the schedule (its primary clock by default,
    ``"follow-up"`` in :func:`~smartcity.samples.semarang_schedule`), in
    the cycle in force at ``now``; events after ``now`` and reports submitted after it are
    ignored, so past months can be reported again exactly as they stood.

    The **time to resolve** of a closed report runs from the start of its clock's first
    cycle to the stop of the cycle in force (pauses included: it is what the citizen waited):
    in working days (``working_days_between``: 0 when resolved on the day it started) and in
    working hours.

    Args:
        reports: the reports.
        schedule: the schedule that gives each report its clock.
        calendar: the working calendar.
        now: the instant the figures are as of (aware).
        by: dimensions to group by, among :data:`DIMENSIONS`: ``agency`` (the agency the
            report was assigned to at ``now``), ``category`` (at ``now``), ``class`` (the
            category's complaint class), ``district`` and ``ward`` (from the latest location
            at ``now``), ``month`` and ``year`` (of submission, in the calendar's zone). A
            missing value is the group ``"unknown"``. ``()`` gives one row for everything.
        clock: the clock to judge by (default: the schedule's primary clock).
        min_sample: the smallest denominator for which a rate or a percentile is given;
            smaller samples give None (not meaningful).

    Returns:
        The rows, one per group that received reports, sorted by the group's values.

    Raises:
        NaiveDatetimeError: ``now`` without a time zone.
        InvalidStatisticsError: an unknown or repeated dimension, or a ``min_sample`` below 1.
        InvalidArgumentError: an argument of the wrong type (``by=None``, ``reports=None``).
        UnknownPolicyError: a clock the schedule does not have.
        CalendarCoverageError: a report's instants outside the calendar's coverage.
    """
    check_now(now)
    require(schedule, SlaSchedule, "schedule")
    require(calendar, WorkingCalendar, "calendar")
    names = _check_by(by)
    name = schedule.primary if clock is None else instance(clock, str, "clock")
    if name not in schedule.names:
        raise UnknownPolicyError(name, schedule.names)
    if isinstance(min_sample, bool) or not isinstance(min_sample, int) or min_sample < 1:
        raise InvalidStatisticsError(
            f"min_sample must be a whole number >= 1, not {shown(min_sample)}"
        )
    zone = ZoneInfo(calendar.tz)
    groups: dict[tuple[tuple[str, str], ...], _Group] = {}
    for report in each(reports, Report, "reports"):
        submitted_at = report.submitted_at
        if submitted_at > now:
            continue
        snap = snapshot(report, now)
        key = _key(names, report, snap, schedule, zone)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group()
        group.received += 1
        if snap.assignments:
            group.assigned += 1
            if snap.assignments > 1:
                group.rerouted += 1
        if snap.status.group is _OPEN:
            age = now - submitted_at
            group.backlog[0 if age <= _FOUR_WEEKS else 1 if age <= _EIGHT_WEEKS else 2] += 1
        _judge(group, report, schedule=schedule, calendar=calendar, name=name, now=now)
    rows = tuple(groups[key].row(key, min_sample) for key in sorted(groups))
    return SlaPerformance(names, name, now, min_sample, rows)


def _judge(
    group: _Group,
    report: Report,
    *,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    name: str,
    now: dt.datetime,
) -> None:
    """Count one report in its group by the cycle of its clock in force at ``now``."""
    policy = schedule.policy_for(report, name)
    if policy is None:
        group.not_started += 1
        return
    clock = clock_from_changes(report.report_id, status_changes(report.history), policy, calendar)
    started = [cycle for cycle in clock.cycles if cycle.start <= now]
    if not started:
        group.not_started += 1
        return
    cycle = started[-1]
    stop = cycle.stop
    if stop is None or stop > now:
        if cycle.breached(now):
            group.open_overdue += 1
        else:
            group.open_on_track += 1
        return
    group.closed += 1
    if all(done.outcome is _MET for done in started):
        group.closed_on_time += 1
    first = started[0].start
    where = f"report {report.report_id}, {name} clock"
    group.days.append(float(covered(where, calendar.working_days_between, first, stop)))
    if len(started) == 1 and not cycle.pauses:
        # One cycle that never paused: its elapsed time is the whole span, already computed.
        worked = cycle.elapsed(stop)
    else:
        worked = covered(where, calendar.working_time_between, first, stop)
    group.hours.append(worked / _HOUR)
