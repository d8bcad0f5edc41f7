"""Auto-close: resolved reports whose reporter did not answer in time."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable

import attrs
import pendulum

from smartcity.exceptions import UnknownPolicyError
from smartcity.reports import Report
from smartcity.sla._calendar._core import WorkingCalendar
from smartcity.sla._clock import ClockState, check_now, each, require
from smartcity.sla._schedule import SlaSchedule

__all__ = ["AutoClosure", "due_auto_closures"]


@typing.final
@attrs.frozen
class AutoClosure:
    """A resolved report that is due to be closed: its reporter did not answer in time.

    Close it with ``closure.report.transition(ReportStatus.CLOSED, at=now, actor=...)``.

    Attributes:
        report: the report, as given.
        due_at: when its auto-close clock ran out, in the calendar's zone.
        cycle: the cycle number of the auto-close clock (a report resolved twice has two).
    """

    report: Report = attrs.field(repr=False)
    due_at: pendulum.DateTime
    cycle: int

    @property
    def report_id(self) -> str:
        """The report's identifier."""
        return self.report.report_id

    def __repr__(self) -> str:
        """Name the report instead of showing it whole."""
        return (
            f"AutoClosure(report_id={self.report_id!r}, due_at={self.due_at!r}, cycle={self.cycle})"
        )


def due_auto_closures(
    reports: Iterable[Report],
    *,
    now: dt.datetime,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    clock: str = "auto-close",
) -> tuple[AutoClosure, ...]:
    """Return the reports whose auto-close clock has run out at ``now``, ready to be closed.

    A report is due when the cycle of its ``clock`` in force at ``now`` is running and its
    deadline is at or before ``now`` (with :func:`~smartcity.samples.semarang_schedule`: still
    resolved at the close of business of the 10th working day after the resolution). Once closed
    (or reopened) the report is no longer due, so running this again is harmless. Reports
    submitted after ``now``, and reports no rule of ``clock`` matches, are left out.

    Args:
        reports: the reports to look at.
        now: the instant of the run (aware).
        schedule: the schedule that gives each report its clocks.
        calendar: the working calendar.
        clock: the name of the auto-close clock in the schedule.

    Returns:
        The closures, sorted by ``due_at`` then report id.

    Raises:
        NaiveDatetimeError: ``now`` without a time zone.
        UnknownPolicyError: the schedule has no clock named ``clock``.
        CalendarCoverageError: a report's instants outside the calendar's coverage.
    """
    check_now(now)
    require(schedule, SlaSchedule, "schedule")
    require(calendar, WorkingCalendar, "calendar")
    require(clock, str, "clock")
    if clock not in schedule.names:
        raise UnknownPolicyError(clock, schedule.names)
    due = []
    for report in each(reports, Report, "reports"):
        if report.submitted_at > now:
            continue
        for sla_clock in schedule.clocks(report, calendar, names=(clock,)):
            cycle = sla_clock.cycle_at(now)
            if cycle is None or cycle.state(now) is not ClockState.RUNNING:
                continue
            deadline = cycle.deadline_at(now)
            if deadline is not None and deadline <= now:
                due.append(AutoClosure(report, deadline, cycle.number))
    due.sort(key=lambda item: (item.due_at, item.report_id))
    return tuple(due)
