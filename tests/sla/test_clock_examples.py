"""Worked examples of SLA clocks on the Indonesian calendar, computed by hand.

Hours (Perpres 21/2023): Mon-Thu 07:30-12:00 + 13:00-16:00 (7.5 h), Fri 07:30-11:30 +
13:00-16:30 (7.5 h). Ramadan (2024-03-11..2024-04-09, 2025-03-01..2025-03-30): Mon-Thu
08:00-15:15, Fri 08:00-11:30. Lebaran 2024: 8, 9, 12, 15 April cuti bersama, 10-11 April Eid.
Lebaran 2025: 28 March cuti bersama, 31 March-1 April Eid, 2, 3, 4, 7 April cuti bersama.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidArgumentError,
    InvalidDurationError,
    NaiveDatetimeError,
    UnknownPolicyError,
)
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.sla import (
    ClockState,
    SlaClock,
    SlaPolicy,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
    due_auto_closures,
)

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
H = dt.timedelta(hours=1)
CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
SCHEDULE = semarang_schedule()
VERIFICATION, FOLLOW_UP, AUTO_CLOSE = (
    next(rule.policy for rule in SCHEDULE.rules if rule.policy.name == name)
    for name in ("verification", "follow-up", "auto-close")
)


def wib(*parts: int) -> dt.datetime:
    """An instant in Jakarta: wib(2024, 4, 5, 14) is Fri 5 April 2024 14:00 WIB."""
    return dt.datetime(*parts, tzinfo=WIB)  # type: ignore[misc,arg-type]


def submitted(at: dt.datetime, report_id: str = "SMG-1") -> Report:
    return Report.submit(
        report_id, category="drainage", description="Saluran tersumbat", address="Jl. A", at=at
    )


def lebaran_2024() -> Report:
    """Received just before Lebaran 2024; the agency waits two days for the reporter."""
    report = submitted(wib(2024, 4, 5, 14))
    report = report.transition(S.VERIFIED, at=wib(2024, 4, 5, 15))
    report = report.assign("DPU", at=wib(2024, 4, 5, 15, 30))
    report = report.transition(S.IN_PROGRESS, at=wib(2024, 4, 16, 9))
    report = report.transition(S.WAITING_FOR_REPORTER, at=wib(2024, 4, 16, 10))
    return report.transition(S.IN_PROGRESS, at=wib(2024, 4, 18, 10))


class TestLebaran2024:
    def test_verification_is_due_on_the_third_working_day_after_lebaran(self) -> None:
        """Fri 5 April -> Tue 16, Wed 17, Thu 18 April: due Thu 18 April 16:00; met."""
        clock = SlaClock.of(lebaran_2024(), VERIFICATION, CALENDAR)
        (cycle,) = clock.cycles
        assert cycle.deadline == wib(2024, 4, 18, 16)
        # Fri 5 April is a Ramadan Friday (08:00-11:30): nothing is left at 14:00; then three
        # ordinary days of 7.5 h.
        assert cycle.budget == 22.5 * H
        assert cycle.outcome is ClockState.MET
        assert clock.state(wib(2024, 4, 20)) is ClockState.MET
        assert clock.elapsed(wib(2024, 4, 20)) == dt.timedelta(0)

    def test_follow_up_deadline_before_the_pause(self) -> None:
        """Assigned Fri 5 April 15:30: 16, 17, 18, 19, 22 April -> Mon 22 April 16:00."""
        clock = SlaClock.of(lebaran_2024(), FOLLOW_UP, CALENDAR)
        assert clock.cycles[0].budget == 37.5 * H
        assert clock.deadline_at(wib(2024, 4, 16, 9, 30)) == wib(2024, 4, 22, 16)
        # 07:30-09:30 on Tue 16 April.
        assert clock.elapsed(wib(2024, 4, 16, 9, 30)) == 2 * H

    def test_paused_clock_has_no_deadline_but_keeps_its_budget(self) -> None:
        """Waiting for the reporter: the deadline is unknown, remaining and fraction still work."""
        clock = SlaClock.of(lebaran_2024(), FOLLOW_UP, CALENDAR)
        now = wib(2024, 4, 17, 12)
        assert clock.state(now) is ClockState.PAUSED
        assert clock.deadline_at(now) is None
        assert clock.working_days_left(now) is None
        assert clock.elapsed(now) == 2.5 * H  # Tue 16 April 07:30-10:00
        assert clock.remaining(now) == 35 * H
        assert clock.fraction(now) == pytest.approx(2.5 / 37.5)
        assert not clock.breached(now)

    def test_the_pause_moves_the_deadline_by_the_working_time_it_took(self) -> None:
        """Paused Tue 16 10:00 - Thu 18 10:00: 5 + 7.5 + 2.5 = 15 h -> Wed 24 April 16:00."""
        clock = SlaClock.of(lebaran_2024(), FOLLOW_UP, CALENDAR)
        assert clock.deadline == wib(2024, 4, 24, 16)
        assert clock.cycles[0].pauses == ((wib(2024, 4, 16, 10), wib(2024, 4, 18, 10)),)
        now = wib(2024, 4, 19, 10)
        assert clock.state(now) is ClockState.RUNNING
        # Tue 2.5 h + Thu 10:00-16:00 5 h + Fri 07:30-10:00 2.5 h.
        assert clock.elapsed(now) == 10 * H
        assert clock.remaining(now) == 27.5 * H
        # Working days after Fri 19 April up to Wed 24: 22, 23, 24.
        assert clock.working_days_left(now) == 3

    def test_thresholds_move_with_the_pause(self) -> None:
        """50 % = 18.75 h: 15 h by Fri 19 close, 3.75 h on Mon 22 -> 11:15; 75 % -> Tue 14:07:30."""
        clock = SlaClock.of(lebaran_2024(), FOLLOW_UP, CALENDAR)
        assert clock.threshold_instants == (
            wib(2024, 4, 22, 11, 15),
            wib(2024, 4, 23, 14, 7, 30),
            wib(2024, 4, 24, 16),
        )

    def test_resolved_before_the_moved_deadline_is_met_after_it_missed(self) -> None:
        """Wed 24 April 15:00 is on time; Thu 25 April 08:00 is late."""
        report = lebaran_2024()
        met = SlaClock.of(
            report.transition(S.RESOLVED, at=wib(2024, 4, 24, 15)), FOLLOW_UP, CALENDAR
        )
        missed = SlaClock.of(
            report.transition(S.RESOLVED, at=wib(2024, 4, 25, 8)), FOLLOW_UP, CALENDAR
        )
        assert met.cycles[0].outcome is ClockState.MET
        assert missed.cycles[0].outcome is ClockState.MISSED
        # Elapsed freezes at the stop: 30 min past the budget on Thu 25 April.
        assert missed.elapsed(wib(2024, 5, 1)) == 38 * H
        assert missed.remaining(wib(2024, 5, 1)) == -0.5 * H
        assert missed.breached(wib(2024, 5, 1))

    def test_breached_after_closing_time_with_nothing_left_to_count(self) -> None:
        """At 17:00 on the due day no working time passed since 16:00, yet it is breached."""
        clock = SlaClock.of(lebaran_2024(), FOLLOW_UP, CALENDAR)
        assert clock.remaining(wib(2024, 4, 24, 17)) == dt.timedelta(0)
        assert clock.breached(wib(2024, 4, 24, 17))
        assert not clock.breached(wib(2024, 4, 24, 16))
        assert clock.working_days_left(wib(2024, 4, 24, 17)) == 0
        assert clock.working_days_left(wib(2024, 4, 26, 9)) == -2

    def test_auto_close_ten_working_days_after_the_resolution(self) -> None:
        """Resolved Wed 24 April: 25, 26, 29, 30 April, 2, 3, 6, 7, 8, 13 May (1 May, 9 May and
        10 May closed) -> Mon 13 May 16:00."""
        resolved = lebaran_2024().transition(S.RESOLVED, at=wib(2024, 4, 24, 15))
        clock = SlaClock.of(resolved, AUTO_CLOSE, CALENDAR)
        assert clock.deadline == wib(2024, 5, 13, 16)
        assert (
            due_auto_closures(
                [resolved], now=wib(2024, 5, 13, 15, 59), schedule=SCHEDULE, calendar=CALENDAR
            )
            == ()
        )
        (closure,) = due_auto_closures(
            [resolved], now=wib(2024, 5, 13, 16), schedule=SCHEDULE, calendar=CALENDAR
        )
        assert (closure.report_id, closure.due_at, closure.cycle) == (
            "SMG-1",
            wib(2024, 5, 13, 16),
            1,
        )
        closed = closure.report.transition(S.CLOSED, at=wib(2024, 5, 14, 8))
        assert (
            due_auto_closures(
                [closed], now=wib(2024, 5, 14, 9), schedule=SCHEDULE, calendar=CALENDAR
            )
            == ()
        )


class TestLebaran2025:
    def test_verification_missed_across_lebaran(self) -> None:
        """Thu 27 March (Ramadan) -> 8, 9, 10 April: due Thu 10 April 16:00; verified Fri 11."""
        report = submitted(wib(2025, 3, 27, 10)).transition(S.VERIFIED, at=wib(2025, 4, 11, 8))
        clock = SlaClock.of(report, VERIFICATION, CALENDAR)
        (cycle,) = clock.cycles
        assert cycle.deadline == wib(2025, 4, 10, 16)
        # Ramadan Thursday 10:00-15:15 (5.25 h) and three ordinary days (22.5 h).
        assert cycle.budget == 27.75 * H
        assert cycle.outcome is ClockState.MISSED
        # Fri 11 April 07:30-08:00 past the budget.
        assert clock.remaining(wib(2025, 4, 11, 9)) == -0.5 * H

    @pytest.mark.parametrize(
        ("received", "days", "due"),
        [
            # Before the cutoff on a working day: Thursday counts as day 1, due at its close
            # (Ramadan Thursday: 15:15).
            (wib(2025, 3, 27, 10), 1, wib(2025, 3, 27, 15, 15)),
            # Day 1 Thu 27 March, day 2 Tue 8 April, day 3 Wed 9 April.
            (wib(2025, 3, 27, 10), 3, wib(2025, 4, 9, 16)),
            # After the cutoff: the next working day, Tue 8 April.
            (wib(2025, 3, 27, 13), 1, wib(2025, 4, 8, 16)),
            # Fri 28 March is cuti bersama: no day of receipt to count.
            (wib(2025, 3, 28, 9), 3, wib(2025, 4, 10, 16)),
        ],
    )
    def test_same_day_cutoff(self, received: dt.datetime, days: int, due: dt.datetime) -> None:
        """A report received on a working day before noon counts that day as day 1."""
        policy = SlaPolicy(
            "quick",
            WorkingDays(days),
            start_on={S.SUBMITTED},
            stop_on={S.VERIFIED},
            same_day_cutoff=dt.time(12),
        )
        assert SlaClock.of(submitted(received), policy, CALENDAR).deadline == due

    def test_cutoff_after_the_close_of_business_does_not_count_the_day(self) -> None:
        """Received at 15:30 on a Ramadan Thursday (closed at 15:15) with a 16:00 cutoff."""
        policy = SlaPolicy(
            "quick",
            WorkingDays(1),
            start_on={S.SUBMITTED},
            stop_on={S.VERIFIED},
            same_day_cutoff=dt.time(16),
        )
        clock = SlaClock.of(submitted(wib(2025, 3, 27, 15, 30)), policy, CALENDAR)
        assert clock.deadline == wib(2025, 4, 8, 16)


def june_report(*, resolved: dt.datetime | None = None) -> Report:
    report = submitted(wib(2024, 6, 3, 8)).transition(S.VERIFIED, at=wib(2024, 6, 3, 8, 30))
    report = report.assign("DLH", at=wib(2024, 6, 3, 9))
    return report if resolved is None else report.transition(S.RESOLVED, at=resolved)


class TestStopInstants:
    def test_a_stop_at_18_after_a_16_deadline_is_missed(self) -> None:
        """Assigned Mon 3 June 09:00: 4, 5, 6, 7, 10 June -> Mon 10 June 16:00."""
        clock = SlaClock.of(june_report(resolved=wib(2024, 6, 10, 18)), FOLLOW_UP, CALENDAR)
        (cycle,) = clock.cycles
        assert cycle.deadline == wib(2024, 6, 10, 16)
        # Mon 3 June 09:00-16:00 less lunch (6 h) + five days of 7.5 h.
        assert cycle.budget == 43.5 * H
        assert cycle.elapsed(cycle.stop) == cycle.budget
        assert cycle.outcome is ClockState.MISSED

    def test_a_stop_at_the_deadline_instant_is_met(self) -> None:
        """Resolved at 16:00 sharp on the due day."""
        clock = SlaClock.of(june_report(resolved=wib(2024, 6, 10, 16)), FOLLOW_UP, CALENDAR)
        assert clock.cycles[0].outcome is ClockState.MET
        assert clock.threshold_instants[-1] is None  # reached exactly at the stop: not crossed

    def test_a_met_cycle_keeps_the_deadline_that_was_in_force(self) -> None:
        """Resolved Wed 5 June: the deadline shown is still Mon 10 June 16:00."""
        clock = SlaClock.of(june_report(resolved=wib(2024, 6, 5, 10)), FOLLOW_UP, CALENDAR)
        assert clock.deadline == wib(2024, 6, 10, 16)
        assert clock.threshold_instants == (None, None, None)


class TestCycles:
    def reopened(self) -> Report:
        report = june_report(resolved=wib(2024, 6, 5, 10))
        report = report.transition(S.IN_PROGRESS, at=wib(2024, 6, 6, 8), note="Masih banjir")
        return report.transition(S.RESOLVED, at=wib(2024, 6, 14, 9))

    def test_a_reopen_starts_a_new_cycle_and_keeps_the_first(self) -> None:
        """Cycle 2 from Thu 6 June 08:00: 7, 10, 11, 12, 13 June -> Thu 13 June 16:00; missed."""
        clock = SlaClock.of(self.reopened(), FOLLOW_UP, CALENDAR)
        first, second = clock.cycles
        assert (first.number, first.outcome) == (1, ClockState.MET)
        assert (second.number, second.start, second.deadline) == (
            2,
            wib(2024, 6, 6, 8),
            wib(2024, 6, 13, 16),
        )
        assert second.outcome is ClockState.MISSED
        assert clock.state(wib(2024, 6, 6, 7, 59)) is ClockState.MET
        assert clock.state(wib(2024, 6, 6, 8)) is ClockState.RUNNING
        assert clock.elapsed(wib(2024, 6, 6, 9, 30)) == 1.5 * H
        assert clock.cycle_at(wib(2024, 6, 5, 12)) is first

    def test_verification_never_restarts(self) -> None:
        """Its only start status, submitted, cannot come back."""
        assert len(SlaClock.of(self.reopened(), VERIFICATION, CALENDAR).cycles) == 1

    def test_the_reopen_stops_the_auto_close_clock(self) -> None:
        """Resolved Wed 5 June, reopened Thu 6 June: the reporter answered in time."""
        clock = SlaClock.of(self.reopened(), AUTO_CLOSE, CALENDAR)
        first, second = clock.cycles
        assert (first.stop, first.outcome) == (wib(2024, 6, 6, 8), ClockState.MET)
        assert second.start == wib(2024, 6, 14, 9)
        assert second.outcome is None


class TestOddHistories:
    def test_a_policy_may_start_on_an_earlier_status(self) -> None:
        """Added after the fact, a clock from submission starts at the submission."""
        policy = SlaPolicy("total", WorkingDays(10), start_on={S.SUBMITTED}, stop_on={S.CLOSED})
        clock = SlaClock.of(june_report(), policy, CALENDAR)
        assert clock.cycles[0].start == wib(2024, 6, 3, 8)

    def test_a_stop_before_any_start_leaves_the_clock_not_started(self) -> None:
        """Assigned (a stop here) before ever resolved (the start): nothing to measure."""
        policy = SlaPolicy("odd", WorkingDays(2), start_on={S.RESOLVED}, stop_on={S.ASSIGNED})
        clock = SlaClock.of(june_report(), policy, CALENDAR)
        now = wib(2024, 6, 20)
        assert clock.cycles == ()
        assert clock.state(now) is ClockState.NOT_STARTED
        assert (clock.deadline, clock.remaining(now), clock.current) == (None, None, None)
        assert (clock.elapsed(now), clock.fraction(now), clock.breached(now)) == (
            dt.timedelta(0),
            0.0,
            False,
        )
        assert clock.threshold_instants == (None, None, None)
        assert clock.working_days_left(now) is None

    def test_working_duration_target_moves_with_a_pause(self) -> None:
        """4 working hours from Mon 3 June 13:00 (3 h that day): Tue 08:30; a 1 h pause: 09:30."""
        policy = SlaPolicy(
            "hours",
            WorkingDuration(4 * H),
            start_on={S.ASSIGNED, S.IN_PROGRESS},
            pause_on={S.WAITING_FOR_REPORTER},
            stop_on={S.RESOLVED},
        )
        report = submitted(wib(2024, 6, 3, 12)).transition(S.VERIFIED, at=wib(2024, 6, 3, 12))
        report = report.assign("DPU", at=wib(2024, 6, 3, 13))
        assert SlaClock.of(report, policy, CALENDAR).deadline == wib(2024, 6, 4, 8, 30)
        report = report.transition(S.WAITING_FOR_REPORTER, at=wib(2024, 6, 3, 14))
        report = report.transition(S.IN_PROGRESS, at=wib(2024, 6, 3, 15))
        assert SlaClock.of(report, policy, CALENDAR).deadline == wib(2024, 6, 4, 9, 30)


class TestLateHoliday:
    """27 November 2024 (regional elections) was decreed a holiday on 21 November."""

    BEFORE = WorkingCalendar.build(
        tz=CALENDAR.tz,
        week=CALENDAR.hours,
        closed=[c for c in CALENDAR.closed if c.date != dt.date(2024, 11, 27)],
        overrides=CALENDAR.overrides,
        coverage=CALENDAR.coverage,
    )

    def report(self) -> Report:
        report = submitted(wib(2024, 11, 22, 8)).transition(S.VERIFIED, at=wib(2024, 11, 22, 9))
        report = report.assign("DPU", at=wib(2024, 11, 22, 10))
        return report.transition(S.RESOLVED, at=wib(2024, 12, 2, 10))

    def test_the_old_calendar_says_missed(self) -> None:
        """Fri 22 Nov: 25, 26, 27, 28, 29 Nov -> Fri 29 Nov 16:30; resolved Mon 2 Dec."""
        clock = SlaClock.of(self.report(), FOLLOW_UP, self.BEFORE)
        assert clock.deadline == wib(2024, 11, 29, 16, 30)
        assert clock.cycles[0].outcome is ClockState.MISSED

    def test_recompute_keeping_completed_outcomes(self) -> None:
        """The judgement already made stands."""
        clock = SlaClock.of(self.report(), FOLLOW_UP, self.BEFORE)
        kept = clock.recompute(CALENDAR, keep_completed=True)
        assert kept.cycles == clock.cycles
        assert kept.calendar == CALENDAR

    def test_recompute_everything(self) -> None:
        """With 27 Nov closed: 25, 26, 28, 29 Nov, 2 Dec -> Mon 2 Dec 16:00: met."""
        clock = SlaClock.of(self.report(), FOLLOW_UP, self.BEFORE)
        fresh = clock.recompute(CALENDAR, keep_completed=False)
        assert fresh.deadline == wib(2024, 12, 2, 16)
        assert fresh.cycles[0].outcome is ClockState.MET
        assert fresh == SlaClock.of(self.report(), FOLLOW_UP, CALENDAR)

    def test_an_open_cycle_is_always_recomputed(self) -> None:
        """Not yet resolved: the new holiday moves the deadline whatever the choice."""
        report = Report.replay(self.report().history[:-1])
        clock = SlaClock.of(report, FOLLOW_UP, self.BEFORE)
        assert clock.recompute(CALENDAR, keep_completed=True).deadline == wib(2024, 12, 2, 16)


class TestBadInput:
    def test_naive_now_is_refused(self) -> None:
        clock = SlaClock.of(june_report(), FOLLOW_UP, CALENDAR)
        with pytest.raises(NaiveDatetimeError, match="now"):
            clock.state(dt.datetime(2024, 6, 5, 9))  # noqa: DTZ001

    def test_now_before_the_submission_is_refused(self) -> None:
        clock = SlaClock.of(june_report(), FOLLOW_UP, CALENDAR)
        with pytest.raises(ChronologyError, match="before report SMG-1 was submitted"):
            clock.elapsed(wib(2024, 6, 3, 7, 59))

    def test_now_must_be_a_datetime(self) -> None:
        clock = SlaClock.of(june_report(), FOLLOW_UP, CALENDAR)
        with pytest.raises(InvalidArgumentError, match="aware datetime"):
            clock.state(dt.date(2024, 6, 5))  # type: ignore[arg-type]

    def test_a_history_outside_the_coverage_names_the_report(self) -> None:
        """A deadline in 2027 on a calendar that ends with 2026."""
        report = submitted(wib(2026, 12, 30, 9), report_id="SMG-2026-999")
        with pytest.raises(CalendarCoverageError, match="report SMG-2026-999, verification clock"):
            SlaClock.of(report, VERIFICATION, CALENDAR)
        with pytest.raises(CalendarCoverageError, match="report SMG-2023-1"):
            SlaClock.of(submitted(wib(2023, 12, 1), report_id="SMG-2023-1"), VERIFICATION, CALENDAR)

    def test_now_outside_the_coverage_names_the_report(self) -> None:
        clock = SlaClock.of(june_report(), FOLLOW_UP, CALENDAR)
        with pytest.raises(CalendarCoverageError, match="report SMG-1, follow-up clock"):
            clock.elapsed(wib(2027, 2, 1))

    def test_a_fraction_must_be_positive(self) -> None:
        cycle = SlaClock.of(june_report(), FOLLOW_UP, CALENDAR).cycles[0]
        with pytest.raises(InvalidDurationError):
            cycle.instant_at(0)

    def test_wrong_argument_types_are_refused_early(self) -> None:
        with pytest.raises(InvalidArgumentError, match="policy must be a SlaPolicy"):
            SlaClock.of(june_report(), "follow-up", CALENDAR)  # type: ignore[arg-type]


class TestAutoClose:
    def resolved_twice(self) -> Report:
        """Resolved Wed 5 June, reopened Thu 6 June, resolved again Fri 14 June 09:00."""
        report = june_report(resolved=wib(2024, 6, 5, 10))
        report = report.transition(S.IN_PROGRESS, at=wib(2024, 6, 6, 8))
        return report.transition(S.RESOLVED, at=wib(2024, 6, 14, 9))

    def test_the_second_resolution_counts_from_its_own_day(self) -> None:
        """From Fri 14 June: 19, 20, 21, 24, 25, 26, 27, 28 June, 1, 2 July (17-18 June closed)."""
        (closure,) = due_auto_closures(
            [self.resolved_twice()], now=wib(2024, 7, 3), schedule=SCHEDULE, calendar=CALENDAR
        )
        assert (closure.cycle, closure.due_at) == (2, wib(2024, 7, 2, 16))

    def test_a_reopened_report_is_not_due(self) -> None:
        reopened = self.resolved_twice().transition(S.IN_PROGRESS, at=wib(2024, 6, 20, 9))
        assert (
            due_auto_closures([reopened], now=wib(2024, 8, 1), schedule=SCHEDULE, calendar=CALENDAR)
            == ()
        )

    def test_reports_not_yet_submitted_are_left_out(self) -> None:
        assert (
            due_auto_closures(
                [self.resolved_twice()], now=wib(2024, 6, 1), schedule=SCHEDULE, calendar=CALENDAR
            )
            == ()
        )

    def test_bad_arguments(self) -> None:
        with pytest.raises(UnknownPolicyError, match="auto-closing"):
            due_auto_closures(
                [], now=wib(2024, 7, 3), schedule=SCHEDULE, calendar=CALENDAR, clock="auto-closing"
            )
        naive = dt.datetime(2024, 7, 3)  # noqa: DTZ001
        with pytest.raises(NaiveDatetimeError):
            due_auto_closures([], now=naive, schedule=SCHEDULE, calendar=CALENDAR)
        with pytest.raises(UnknownPolicyError):
            SCHEDULE.clocks(june_report(), CALENDAR, names=["follow-up", "nope"])


def quick(days: int) -> SlaPolicy:
    return SlaPolicy(
        "quick",
        WorkingDays(days),
        start_on={S.SUBMITTED},
        stop_on={S.VERIFIED},
        same_day_cutoff=dt.time(12),
    )


class TestSameDayCutoffAtTheEdges:
    """Regression: the cutoff counted from the day before the day of receipt."""

    EVERY_DAY = dict.fromkeys(range(1, 8), [(dt.time(8), dt.time(16))])

    @pytest.mark.parametrize(("days", "due_day"), [(1, 1), (2, 2), (5, 5)])
    def test_a_report_on_the_first_day_of_the_coverage(self, days: int, due_day: int) -> None:
        """The day before the coverage is never asked about: the answer lies inside it."""
        calendar = WorkingCalendar.build(
            tz="Asia/Jakarta",
            week=dict.fromkeys(range(1, 6), [(dt.time(8), dt.time(16))]),
            coverage=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),  # a Monday
        )
        clock = SlaClock.of(submitted(wib(2024, 1, 1, 9)), quick(days), calendar)
        assert clock.deadline == wib(2024, 1, due_day, 16)

    @pytest.mark.parametrize(("days", "due"), [(1, (2011, 12, 31)), (2, (2012, 1, 1))])
    def test_a_zone_that_skipped_the_day_before(self, days: int, due: tuple[int, int, int]) -> None:
        """Samoa skipped Friday 30 December 2011; Saturday 31 is still day 1."""
        apia = ZoneInfo("Pacific/Apia")
        calendar = WorkingCalendar.build(
            tz="Pacific/Apia",
            week=self.EVERY_DAY,
            coverage=(dt.date(2011, 1, 1), dt.date(2012, 12, 31)),
        )
        received = dt.datetime(2011, 12, 31, 9, tzinfo=apia)
        clock = SlaClock.of(submitted(received), quick(days), calendar)
        assert clock.deadline == dt.datetime(*due, 16, tzinfo=apia)

    def test_a_zone_that_skipped_the_day_of_the_report_counts_normally(self) -> None:
        apia = ZoneInfo("Pacific/Apia")
        calendar = WorkingCalendar.build(
            tz="Pacific/Apia",
            week=self.EVERY_DAY,
            coverage=(dt.date(2011, 1, 1), dt.date(2012, 12, 31)),
        )
        received = dt.datetime(2011, 12, 29, 9, tzinfo=apia)  # Thursday: day 1
        clock = SlaClock.of(submitted(received), quick(2), calendar)
        assert clock.deadline == dt.datetime(2011, 12, 31, 16, tzinfo=apia)
