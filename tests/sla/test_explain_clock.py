"""Explaining a clock: the target deadline from the start, then what each pause did to it."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from smartcity.exceptions import ChronologyError, InvalidArgumentError
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.sla import (
    ClockState,
    SlaClock,
    SlaPolicy,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
    explain_clock,
)
from smartcity.testing import histories, policies

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
SCHEDULE = semarang_schedule()


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, minute, tzinfo=WIB)


def lebaran_report() -> Report:
    report = Report.submit(
        "SMG-1",
        category="drainage",
        description="Saluran tersumbat",
        address="Jl. A",
        at=at(4, 5, 14),
    )
    report = report.transition(S.VERIFIED, at=at(4, 5, 15)).assign("DPU", at=at(4, 5, 15, 30))
    report = report.transition(S.IN_PROGRESS, at=at(4, 16, 9))
    return report.transition(S.WAITING_FOR_REPORTER, at=at(4, 16, 10))


def follow_up(report: Report) -> SlaClock:
    clock = SCHEDULE.clock(report, "follow-up", CALENDAR)
    assert clock is not None
    return clock


class TestPausesMoveTheDeadline:
    def test_a_pause_moves_the_deadline_by_its_working_time(self) -> None:
        """Waiting 15 working hours for the reporter moves 22 April 16:00 to 24 April 16:00."""
        report = lebaran_report().transition(S.IN_PROGRESS, at=at(4, 18, 10))
        explanation = explain_clock(follow_up(report))
        assert explanation.target_deadline == CALENDAR.add_working_days(at(4, 5, 15, 30), 5)
        assert explanation.days is not None
        assert explanation.days.deadline == explanation.target_deadline
        (pause,) = explanation.pauses
        assert pause.working_time == dt.timedelta(hours=15)
        assert explanation.deadline == CALENDAR.add_working_time(
            explanation.target_deadline, dt.timedelta(hours=15)
        )
        lines = explanation.text("en").splitlines()
        assert lines[0] == (
            "The follow-up clock (5 working days), cycle 1, started Friday, April 5, 2024 at "
            "15:30 WIB."
        )
        assert lines[-2].endswith("the deadline moved 15 h of working time later.")
        assert lines[-1] == "After the pauses it is due Wednesday, April 24, 2024 at 16:00 WIB."
        assert "batas waktu mundur 15 jam kerja." in explanation.text("id")

    def test_an_open_pause_leaves_the_deadline_unknown(self) -> None:
        """While paused, the text says the deadline waits for the end of the pause."""
        explanation = explain_clock(follow_up(lebaran_report()))
        assert explanation.deadline is None
        assert explanation.pauses[0].working_time is None
        assert explanation.text("id").splitlines()[-1].startswith("Dijeda sejak Selasa, 16 April")

    def test_a_stopped_clock_says_met_or_missed(self) -> None:
        """Resolved before the deadline: on time, in both languages."""
        report = lebaran_report().transition(S.IN_PROGRESS, at=at(4, 17, 9))
        report = report.transition(S.RESOLVED, at=at(4, 17, 11))
        explanation = explain_clock(follow_up(report))
        assert explanation.outcome is ClockState.MET
        assert explanation.text("en").splitlines()[-1].endswith(": on time.")
        assert explanation.text("id").splitlines()[-1].endswith(": tepat waktu.")


class TestTargets:
    def test_same_day_cutoff_counts_the_day_of_receipt(self) -> None:
        """With a cutoff, a report before it counts its own day as working day 1."""
        policy = SlaPolicy(
            "quick",
            WorkingDays(2),
            start_on={S.SUBMITTED},
            stop_on={S.RESOLVED},
            same_day_cutoff=dt.time(12),
        )
        report = Report.submit("R", category="c", description="d", address="a", at=at(6, 3, 9))
        explanation = explain_clock(SlaClock.of(report, policy, CALENDAR))
        assert explanation.days is not None
        assert explanation.days.counts_start_day
        assert explanation.days.counted[0].date == dt.date(2024, 6, 3)
        assert explanation.target_deadline == at(6, 4, 16)
        assert "The day it started counts as working day 1 (before the cutoff)." in (
            explanation.text("en")
        )

    def test_working_time_target_has_no_days(self) -> None:
        """An hours-based target is explained by its working time, not by days."""
        policy = SlaPolicy(
            "urgent",
            WorkingDuration(dt.timedelta(hours=4, minutes=30)),
            start_on={S.SUBMITTED},
            stop_on={S.RESOLVED},
        )
        report = Report.submit("R", category="c", description="d", address="a", at=at(6, 3, 13))
        explanation = explain_clock(SlaClock.of(report, policy, CALENDAR))
        assert explanation.days is None
        assert explanation.target_deadline == at(6, 4, 9)
        assert "Due after 4 h 30 min of working time: Tuesday, June 4, 2024 at 09:00 WIB." in (
            explanation.text("en")
        )


class TestAgreesWithTheClock:
    @given(histories(), policies())
    def test_deadline_is_the_clocks_and_pauses_add_up(
        self, report: Report, policy: SlaPolicy
    ) -> None:
        """The explained deadline is the cycle's; the pauses before it account for the shift."""
        calendar = WorkingCalendar.always_open(tz="Asia/Jakarta")
        clock = SlaClock.of(report, policy, calendar)
        if not clock.cycles:
            return
        explanation = explain_clock(clock)
        cycle = clock.cycles[-1]
        assert explanation.deadline == cycle.deadline
        if cycle.deadline is not None and all(p.end is not None for p in explanation.pauses):
            shift = sum((p.working_time for p in explanation.pauses), dt.timedelta(0))
            assert cycle.deadline == calendar.add_working_time(
                explanation.start, cycle.budget + shift
            )


class TestRefusals:
    def test_a_clock_that_has_not_started(self) -> None:
        """A clock with no cycle has nothing to explain; the message says when it starts."""
        report = Report.submit("R", category="c", description="d", address="a", at=at(6, 3, 9))
        with pytest.raises(ChronologyError, match="starts on assigned, in_progress"):
            explain_clock(follow_up(report))

    def test_not_a_clock(self) -> None:
        with pytest.raises(InvalidArgumentError):
            explain_clock("clock")  # type: ignore[arg-type]

    @pytest.mark.parametrize("cycle", [0, 2])
    def test_no_such_cycle(self, cycle: int) -> None:
        with pytest.raises(ChronologyError):
            explain_clock(follow_up(lebaran_report()), cycle=cycle)

    def test_explanations_pickle(self) -> None:
        explanation = explain_clock(follow_up(lebaran_report()), cycle=1)
        assert pickle.loads(pickle.dumps(explanation)) == explanation  # noqa: S301 - our own bytes
