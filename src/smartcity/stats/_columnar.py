"""The statistics of an event table, on arrays: each report's verdict as the object path gives it.

Each step reads the table as :func:`smartcity.sla._asof.snapshot` reads a report (its last row
at or before ``now``) and judges its clock with the columnar clocks of
:mod:`smartcity.columnar` (property-tested equal to :class:`~smartcity.sla.SlaClock`); the
verdicts go to :func:`smartcity.stats._partial.tally`, as the object path's do.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from smartcity.columnar import MISSING, STATUSES, EventTable
from smartcity.columnar._clocks import _Batch, _groups, _Pass, passes
from smartcity.columnar._kernels import Kernels
from smartcity.columnar._table import unix_us
from smartcity.reports import ReportStatus, StatusGroup
from smartcity.sla import SlaPolicy, SlaSchedule, WorkingCalendar
from smartcity.sla._calendar._zone import (
    DAY_US,
    FIRST_SUPPORTED,
    LAST_SUPPORTED,
    UNIX_EPOCH_DAYS,
    UNIX_EPOCH_US,
    zone_offsets,
)
from smartcity.stats._partial import CLOSED, NOT_STARTED, ON_TRACK, OVERDUE, Verdicts

__all__ = ["local_months", "table_verdicts"]

Int = npt.NDArray[np.int64]
UNKNOWN: typing.Final = "unknown"

_WEEK_US: typing.Final = 7 * DAY_US
_ASSIGNED: typing.Final = STATUSES.index(ReportStatus.ASSIGNED)
_OPEN = np.array([status.group is StatusGroup.OPEN for status in STATUSES], dtype=bool)
# Instants whose local date the zone tables know (a day inside the supported years).
_FIRST_US: typing.Final = (FIRST_SUPPORTED.toordinal() - UNIX_EPOCH_DAYS) * DAY_US
_LAST_US: typing.Final = (LAST_SUPPORTED.toordinal() - 1 - UNIX_EPOCH_DAYS) * DAY_US


def local_months(unix: Int, tz: str) -> Int:
    """The local month of each instant in zone ``tz``, as ``year * 12 + month - 1``.

    The zone's offset table answers inside the supported years; the rare instant outside
    them is converted by :mod:`zoneinfo`, as the object path converts every one.
    """
    offsets = zone_offsets(tz)
    us = unix + UNIX_EPOCH_US
    if offsets.fixed:
        shift = np.full_like(us, offsets.offsets[0])
    else:
        changes = np.array(offsets.changes, dtype=np.int64)
        shift = np.array(offsets.offsets, dtype=np.int64)[
            np.searchsorted(changes, us, side="right")
        ]
    days = (us + shift) // DAY_US - UNIX_EPOCH_DAYS
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) + 1970 * 12
    outside = np.flatnonzero((unix < _FIRST_US) | (unix > _LAST_US))
    if outside.size:
        zone = ZoneInfo(tz)
        epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        for index in outside.tolist():
            local = (epoch + dt.timedelta(microseconds=int(unix[index]))).astimezone(zone)
            months[index] = local.year * 12 + local.month - 1
    return months


def _labelled(
    codes: npt.NDArray[typing.Any], labels: tuple[str, ...]
) -> tuple[Int, tuple[str, ...]]:
    """Codes into ``labels`` with MISSING turned into the label "unknown" (the last one)."""
    codes = codes.astype(np.int64)
    return np.where(codes == MISSING, len(labels), codes), (*labels, UNKNOWN)


def _dimension(  # noqa: PLR0917 - the columns a dimension may read
    name: str,
    table: EventTable,
    last: Int,
    submitted: Int,
    schedule: SlaSchedule,
    tz: str,
) -> tuple[Int, tuple[str, ...]]:
    """One dimension's codes and labels for the reports whose last rows are ``last``."""
    if name in {"month", "year"}:
        months = local_months(submitted, tz)
        values = months if name == "month" else months // 12
        distinct, inverse = np.unique(values, return_inverse=True)
        labels = tuple(
            f"{value // 12:04d}-{value % 12 + 1:02d}" if name == "month" else f"{value:04d}"
            for value in distinct.tolist()
        )
        return inverse.reshape(-1).astype(np.int64), labels
    if name == "class":
        codes, labels = _labelled(table.category[last], table.categories)
        classes = tuple(schedule.class_of(label) or UNKNOWN for label in labels[:-1])
        return codes, (*classes, UNKNOWN)
    column = {"agency": "agency", "category": "category", "ward": "ward", "district": "district"}
    plural = {"agency": "agencies", "category": "categories", "ward": "wards"}
    labels_of = getattr(table, plural.get(name, "districts"))
    return _labelled(getattr(table, column[name])[last], labels_of)


def _choices(
    table: EventTable,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    clock: str,
    calendars: Mapping[str, WorkingCalendar],
) -> tuple[list[tuple[SlaPolicy, WorkingCalendar]], Int]:
    """Each report's (policy, calendar) pair, as City.clock chooses them; -1: no policy.

    The policy of the report's latest category (``SlaSchedule.policy_for``), the calendar of
    the agency it was last assigned to.
    """
    category = table.latest("category").astype(np.int64)
    policies = [schedule.policy_for_category(label, clock) for label in table.categories]
    policy_ids: dict[int, int] = {}
    distinct_policies: list[SlaPolicy] = []
    policy_of_category = np.full(len(policies) + 1, -1, dtype=np.int64)
    for code, policy in enumerate(policies):
        if policy is None:
            continue
        number = policy_ids.setdefault(id(policy), len(distinct_policies))
        if number == len(distinct_policies):
            distinct_policies.append(policy)
        policy_of_category[code] = number
    # The calendar of each report's latest agency, as clock_table and City.calendar_for pick it.
    distinct_calendars, which = _groups(table, calendar, calendars)
    chosen_policy = policy_of_category[np.where(category == MISSING, len(policies), category)]
    pairs = [(p, c) for p in distinct_policies for c in distinct_calendars]
    choice = np.where(chosen_policy >= 0, chosen_policy * len(distinct_calendars) + which, -1)
    return pairs, choice


def _judge_batch(  # noqa: PLR0917 - the batch and the columns it fills
    table: EventTable,
    batch: _Batch,
    policy: SlaPolicy,
    kernels: Kernels,
    now_us: int,
    verdict: Int,
    on_time: npt.NDArray[np.bool_],
    days: Int,
    worked: Int,
) -> None:
    """Judge one batch of reports on one policy and calendar, into the report columns."""
    reports = batch.reports
    group = _Pass(
        report=batch.local,
        at=table.at[batch.rows],
        status=table.status[batch.rows].astype(np.int64),
        count=int(reports.size),
        policy=policy,
        kernels=kernels,
        report_ids=table.report_ids[reports],
    )
    group.deadlines()  # as SlaClock.of: a deadline outside the coverage is refused
    live, stopped, breached, fine, first, stop = group.resolution(now_us)
    verdict[reports] = np.where(
        stopped, CLOSED, np.where(live, np.where(breached, OVERDUE, ON_TRACK), NOT_STARTED)
    )
    on_time[reports] = fine
    closed = np.flatnonzero(stopped)
    if closed.size:
        begin, end = first[closed], stop[closed]
        cycle_of = group.first_cycle[closed]
        kernels.check_instants(end, lambda i: group.where(int(cycle_of[i])))
        days[reports[closed]] = kernels.working_days_through(
            kernels.day_of(end)
        ) - kernels.working_days_through(kernels.day_of(begin))
        worked[reports[closed]] = kernels.worked_before(end) - kernels.worked_before(begin)


def table_verdicts(
    table: EventTable,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    *,
    now: dt.datetime,
    by: tuple[str, ...],
    clock: str,
    calendars: Mapping[str, WorkingCalendar],
) -> Verdicts:
    """Each report's verdict at ``now``, on arrays (the reports submitted by then)."""
    now_us = unix_us(now)
    starts = table.starts
    submitted_all = table.submitted_at()
    kept = np.flatnonzero(submitted_all <= now_us)
    # Rows are in time order within a report: the rows up to now are a prefix of each.
    seen = np.bincount(table.report[table.at <= now_us], minlength=table.report_count)
    last = (starts[:-1] + seen - 1)[kept]
    submitted = submitted_all[kept]
    keys, labels = [], []
    for name in by:
        codes, names = _dimension(name, table, last, submitted, schedule, calendar.tz)
        keys.append(codes)
        labels.append(names)

    # Assignments up to now: a row that enters "assigned", or names another agency in it.
    status, agency = table.status, table.agency
    entering = np.zeros(len(table), dtype=bool)
    entering[1:] = (status[1:] == _ASSIGNED) & (
        (status[:-1] != _ASSIGNED) | (agency[1:] != agency[:-1])
    )
    entering[starts[:-1]] = status[starts[:-1]] == _ASSIGNED
    entering &= table.at <= now_us
    assignments = np.bincount(table.report[entering], minlength=table.report_count)[kept]

    age = now_us - submitted
    bucket = np.where(age <= 4 * _WEEK_US, 0, np.where(age <= 8 * _WEEK_US, 1, 2))
    backlog = np.where(_OPEN[status[last]], bucket, -1)

    count = table.report_count
    verdict = np.full(count, NOT_STARTED, dtype=np.int64)
    on_time = np.zeros(count, dtype=bool)
    days = np.zeros(count, dtype=np.int64)
    worked = np.zeros(count, dtype=np.int64)
    pairs, choice = _choices(table, schedule, calendar, clock, calendars)
    choice[submitted_all > now_us] = -1
    for number, (policy, pair_calendar) in enumerate(pairs):
        kernels = Kernels(pair_calendar)
        for batch in passes(table, np.flatnonzero(choice == number)):
            _judge_batch(table, batch, policy, kernels, now_us, verdict, on_time, days, worked)
    return Verdicts(
        keys=tuple(keys),
        labels=tuple(labels),
        verdict=verdict[kept],
        on_time=on_time[kept],
        backlog=backlog,
        assigned=assignments > 0,
        rerouted=assignments > 1,
        days=days[kept],
        worked=worked[kept],
    )
