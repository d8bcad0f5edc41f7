"""How each agency performs against its SLA: counts, the fair on-time rate, times, backlog."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

import attrs
import numpy as np

from smartcity._checks import instance, shown, tuple_of
from smartcity.columnar import EventTable
from smartcity.exceptions import InvalidArgumentError, InvalidStatisticsError, UnknownPolicyError
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
from smartcity.stats._partial import (
    CLOSED,
    NOT_STARTED,
    ON_TRACK,
    OVERDUE,
    PartialPerformance,
    Verdicts,
    check_min_sample,
    tally,
)

__all__ = [
    "DIMENSIONS",
    "PerformanceRow",
    "SlaPerformance",
    "partial_performance",
    "sla_performance",
]

DIMENSIONS: typing.Final = ("agency", "category", "class", "district", "ward", "month", "year")
"""What :func:`sla_performance` can group by."""

UNKNOWN: typing.Final = "unknown"
"""The group of reports with no value for a dimension (not assigned, not located...)."""

_MICROSECOND: typing.Final = dt.timedelta(microseconds=1)
_FOUR_WEEKS: typing.Final = dt.timedelta(weeks=4)
_EIGHT_WEEKS: typing.Final = dt.timedelta(weeks=8)
_MET: typing.Final = ClockState.MET
_OPEN: typing.Final = StatusGroup.OPEN


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


def _values(
    by: tuple[str, ...],
    report: Report,
    snap: Snapshot,
    schedule: SlaSchedule,
    zone: ZoneInfo,
) -> list[str]:
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
        values.append(UNKNOWN if value is None else value)
    return values


def _calendars(value: object) -> dict[str, WorkingCalendar]:
    """Check ``agency_calendars``: a mapping of agency codes to calendars (None: empty)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"agency_calendars must be a mapping of agency codes to WorkingCalendar values, "
            f"such as {{code: city.calendar_for(code) for code in city.agencies}}, not "
            f"{shown(value)}"
        )
    checked = {}
    for agency, calendar in value.items():
        instance(agency, str, "agency_calendars key")
        checked[agency] = instance(calendar, WorkingCalendar, f"agency_calendars[{shown(agency)}]")
    return checked


@attrs.frozen
class _Request:
    """The checked arguments of a statistics call."""

    schedule: SlaSchedule
    calendar: WorkingCalendar
    now: dt.datetime
    by: tuple[str, ...]
    clock: str
    calendars: dict[str, WorkingCalendar]


def _request(
    schedule: object,
    calendar: object,
    *,
    now: object,
    by: Iterable[str] | str,
    clock: object,
    agency_calendars: object,
    min_sample: object = 1,
) -> _Request:
    check_now(now)
    require(schedule, SlaSchedule, "schedule")
    require(calendar, WorkingCalendar, "calendar")
    names = _check_by(by)
    sla = typing.cast("SlaSchedule", schedule)
    name = sla.primary if clock is None else instance(clock, str, "clock")
    if name not in sla.names:
        raise UnknownPolicyError(name, sla.names)
    check_min_sample(min_sample)
    return _Request(
        sla,
        typing.cast("WorkingCalendar", calendar),
        typing.cast("dt.datetime", now),
        names,
        name,
        _calendars(agency_calendars),
    )


def partial_performance(
    reports: Iterable[Report] | EventTable,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    agency_calendars: Mapping[str, WorkingCalendar] | None = None,
) -> PartialPerformance:
    """Return the mergeable figures of :func:`sla_performance` for a part of the reports.

    The arguments are those of :func:`sla_performance` (without ``min_sample``, which only the
    final rows need). Compute one part per slice of the reports (each report in one part
    only: split by report id), merge them with :meth:`PartialPerformance.merge
    <smartcity.stats.PartialPerformance.merge>` in any order, and take the rows with
    :meth:`~smartcity.stats.PartialPerformance.performance`: they equal
    :func:`sla_performance` on all the reports, row for row.

    Raises:
        The errors of :func:`sla_performance`.
    """
    request = _request(
        schedule,
        calendar,
        now=now,
        by=by,
        clock=clock,
        agency_calendars=agency_calendars,
    )
    return _partial(reports, request)


def _partial(reports: Iterable[Report] | EventTable, request: _Request) -> PartialPerformance:
    if isinstance(reports, EventTable):
        from smartcity.stats._columnar import table_verdicts  # noqa: PLC0415 - numpy path

        verdicts = table_verdicts(
            reports,
            request.schedule,
            request.calendar,
            now=request.now,
            by=request.by,
            clock=request.clock,
            calendars=request.calendars,
        )
    else:
        verdicts = _object_verdicts(reports, request)
    return tally(verdicts, by=request.by, clock=request.clock, now=request.now)


def sla_performance(
    reports: Iterable[Report] | EventTable,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    min_sample: int = 10,
    agency_calendars: Mapping[str, WorkingCalendar] | None = None,
) -> SlaPerformance:
    """Return how each group performs against the SLA, as things stood at ``now``.

    Each report is judged by one clock of the schedule (its primary clock by default,
    ``"follow-up"`` in :func:`~smartcity.samples.semarang_schedule`), in
    the cycle in force at ``now``; events after ``now`` and reports submitted after it are
    ignored, so past months can be reported again exactly as they stood. The clock is the one
    :meth:`City.clock <smartcity.desk.City.clock>` gives: the policy of the report's category,
    on the calendar of the agency it was last assigned to (``agency_calendars``), or on
    ``calendar``.

    The **time to resolve** of a closed report runs from the start of its clock's first
    cycle to the stop of the cycle in force (pauses included: it is what the citizen waited):
    in working days (``working_days_between``: 0 when resolved on the day it started) and in
    working hours.

    ``reports`` may be :class:`~smartcity.reports.Report` values or an
    :class:`~smartcity.columnar.EventTable` of their histories: the rows are the same, field
    by field; the table is computed on arrays, for millions of reports.

    Args:
        reports: the reports, or an event table of them.
        schedule: the schedule that gives each report its clock.
        calendar: the working calendar (of the reports whose agency has no calendar of its own
            in ``agency_calendars``).
        now: the instant the figures are as of (aware).
        by: dimensions to group by, among :data:`DIMENSIONS`: ``agency`` (the agency the
            report was assigned to at ``now``), ``category`` (at ``now``), ``class`` (the
            category's complaint class), ``district`` and ``ward`` (from the latest location
            at ``now``), ``month`` and ``year`` (of submission, in the zone of ``calendar``).
            A missing value is the group ``"unknown"``. ``()`` gives one row for everything.
        clock: the clock to judge by (default: the schedule's primary clock).
        min_sample: the smallest denominator for which a rate or a percentile is given;
            smaller samples give None (not meaningful).
        agency_calendars: agency code → calendar, for the agencies that work on their own
            (a 24/7 fire brigade); with a :class:`~smartcity.desk.City`,
            ``{code: city.calendar_for(code) for code in city.agencies}``.

    Returns:
        The rows, one per group that received reports, sorted by the group's values.

    Raises:
        NaiveDatetimeError: ``now`` without a time zone.
        InvalidStatisticsError: an unknown or repeated dimension, or a ``min_sample`` below 1.
        InvalidArgumentError: an argument of the wrong type (``by=None``, ``reports=None``).
        UnknownPolicyError: a clock the schedule does not have.
        CalendarCoverageError: a report's instants outside the calendar's coverage.
    """
    request = _request(
        schedule,
        calendar,
        now=now,
        by=by,
        clock=clock,
        agency_calendars=agency_calendars,
        min_sample=min_sample,
    )
    return _partial(reports, request).performance(min_sample=min_sample)


def _object_verdicts(reports: Iterable[Report], request: _Request) -> Verdicts:
    """Judge each ``Report`` one at a time with its :class:`~smartcity.sla.SlaClock`."""
    now, schedule, names = request.now, request.schedule, request.by
    zone = ZoneInfo(request.calendar.tz)
    dictionaries: list[dict[str, int]] = [{} for _ in names]
    keys: list[list[int]] = [[] for _ in names]
    columns: dict[str, list[int]] = {
        name: [] for name in ("verdict", "on_time", "backlog", "assigned", "rerouted")
    }
    days: list[int] = []
    worked: list[int] = []
    for report in each(reports, Report, "reports"):
        submitted_at = report.submitted_at
        if submitted_at > now:
            continue
        snap = snapshot(report, now)
        for index, value in enumerate(_values(names, report, snap, schedule, zone)):
            dictionary = dictionaries[index]
            keys[index].append(dictionary.setdefault(value, len(dictionary)))
        columns["assigned"].append(snap.assignments > 0)
        columns["rerouted"].append(snap.assignments > 1)
        backlog = -1
        if snap.status.group is _OPEN:
            age = now - submitted_at
            backlog = 0 if age <= _FOUR_WEEKS else 1 if age <= _EIGHT_WEEKS else 2
        columns["backlog"].append(backlog)
        agency = report.agency
        calendar = request.calendar if agency is None else request.calendars.get(agency)
        verdict, on_time, resolve_days, resolve_us = _judge(
            report,
            schedule=schedule,
            calendar=request.calendar if calendar is None else calendar,
            name=request.clock,
            now=now,
        )
        columns["verdict"].append(verdict)
        columns["on_time"].append(on_time)
        days.append(resolve_days)
        worked.append(resolve_us)
    return Verdicts(
        keys=tuple(np.array(codes, dtype=np.int64) for codes in keys),
        labels=tuple(tuple(dictionary) for dictionary in dictionaries),
        verdict=np.array(columns["verdict"], dtype=np.int64),
        on_time=np.array(columns["on_time"], dtype=bool),
        backlog=np.array(columns["backlog"], dtype=np.int64),
        assigned=np.array(columns["assigned"], dtype=bool),
        rerouted=np.array(columns["rerouted"], dtype=bool),
        days=np.array(days, dtype=np.int64),
        worked=np.array(worked, dtype=np.int64),
    )


def _judge(
    report: Report,
    *,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    name: str,
    now: dt.datetime,
) -> tuple[int, bool, int, int]:
    """Judge one report by the cycle of its clock in force at ``now``.

    Returns the verdict, whether it was closed on time, and its time to resolve in working
    days and working microseconds (0 unless closed).
    """
    policy = schedule.policy_for(report, name)
    if policy is None:
        return NOT_STARTED, False, 0, 0
    clock = clock_from_changes(report.report_id, status_changes(report.history), policy, calendar)
    started = [cycle for cycle in clock.cycles if cycle.start <= now]
    if not started:
        return NOT_STARTED, False, 0, 0
    cycle = started[-1]
    stop = cycle.stop
    if stop is None or stop > now:
        return (OVERDUE if cycle.breached(now) else ON_TRACK), False, 0, 0
    on_time = all(done.outcome is _MET for done in started)
    first = started[0].start
    where = f"report {report.report_id}, {name} clock"
    resolve_days = covered(where, calendar.working_days_between, first, stop)
    if len(started) == 1 and not cycle.pauses:
        # One cycle that never paused: its elapsed time is the whole span, already computed.
        worked = cycle.elapsed(stop)
    else:
        worked = covered(where, calendar.working_time_between, first, stop)
    return CLOSED, on_time, resolve_days, worked // _MICROSECOND
