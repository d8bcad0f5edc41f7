"""Escalations: who must be told when, each once; worked examples and properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from test_clock_properties import SEMARANG, some_calendars
from test_clock_properties import reports as report_histories

from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidPolicyError,
    NaiveDatetimeError,
    UnknownPolicyError,
)
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.sla import (
    EscalationPolicy,
    EscalationStep,
    WorkingCalendar,
    WorkingDays,
    due_escalations,
)

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
SCHEDULE = semarang_schedule()
LADDER = EscalationPolicy.standard()


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=WIB)


def lebaran_2024() -> Report:
    """The report of test_clock_examples: follow-up due Wed 24 April 2024 16:00."""
    report = Report.submit(
        "SMG-1", category="drainage", description="d", address="a", at=wib(2024, 4, 5, 14)
    )
    report = report.transition(S.VERIFIED, at=wib(2024, 4, 5, 15))
    report = report.assign("DPU", at=wib(2024, 4, 5, 15, 30))
    report = report.transition(S.IN_PROGRESS, at=wib(2024, 4, 16, 9))
    report = report.transition(S.WAITING_FOR_REPORTER, at=wib(2024, 4, 16, 10))
    return report.transition(S.IN_PROGRESS, at=wib(2024, 4, 18, 10))


def due(reports, now, since=None, ladder=LADDER):  # type: ignore[no-untyped-def]
    return due_escalations(
        reports, now=now, schedule=SCHEDULE, calendar=CALENDAR, escalation=ladder, since=since
    )


class TestStandardLadder:
    def test_the_agency_its_head_then_the_coordinator_with_reminders(self) -> None:
        """50 % Mon 22 April 11:15, 100 % Wed 24 April 16:00, 150 % Mon 29 April 11:15
        (18.75 h more: Thu 25, Fri 26, Mon 29 07:30 + 3.75 h); reminders every 2 working days
        after Mon 29: Thu 2 May (1 May closed), Mon 6 May, Wed 8 May, Tue 14 May (9, 10 May
        closed), Thu 16 May, all at close of business."""
        found = due([lebaran_2024()], wib(2024, 6, 1))
        assert [(e.key, e.notify, e.due_at) for e in found] == [
            ("SMG-1/follow-up/1/1/0", "agency", wib(2024, 4, 22, 11, 15)),
            ("SMG-1/follow-up/1/2/0", "agency-head", wib(2024, 4, 24, 16)),
            ("SMG-1/follow-up/1/3/0", "coordinator", wib(2024, 4, 29, 11, 15)),
            ("SMG-1/follow-up/1/3/1", "coordinator", wib(2024, 5, 2, 16)),
            ("SMG-1/follow-up/1/3/2", "coordinator", wib(2024, 5, 6, 16)),
            ("SMG-1/follow-up/1/3/3", "coordinator", wib(2024, 5, 8, 16)),
            ("SMG-1/follow-up/1/3/4", "coordinator", wib(2024, 5, 14, 16)),
            ("SMG-1/follow-up/1/3/5", "coordinator", wib(2024, 5, 16, 16)),
        ]
        assert {(e.agency, e.clock, e.cycle) for e in found} == {("DPU", "follow-up", 1)}

    def test_only_what_became_due_since_the_last_run(self) -> None:
        found = due([lebaran_2024()], wib(2024, 4, 24, 16), since=wib(2024, 4, 22, 11, 15))
        assert [e.key for e in found] == ["SMG-1/follow-up/1/2/0"]
        assert due([lebaran_2024()], wib(2024, 4, 22, 11, 14)) == ()

    def test_a_resolved_report_needs_no_reminder(self) -> None:
        resolved = lebaran_2024().transition(S.RESOLVED, at=wib(2024, 4, 30, 9))
        assert due([resolved], wib(2024, 6, 1)) == ()
        # Before the resolution, the same steps were due.
        assert len(due([resolved], wib(2024, 4, 29, 12))) == 3

    def test_reminders_are_skipped_while_paused(self) -> None:
        """Waiting for the reporter from Wed 1 May to Tue 7 May: the Mon 6 May reminder
        falls in the pause and is skipped; the others stand."""
        report = lebaran_2024().transition(S.WAITING_FOR_REPORTER, at=wib(2024, 5, 2, 16, 30))
        report = report.transition(S.IN_PROGRESS, at=wib(2024, 5, 7, 9))
        keys = [e.key for e in due([report], wib(2024, 6, 1))]
        assert "SMG-1/follow-up/1/3/2" not in keys
        assert "SMG-1/follow-up/1/3/1" in keys
        assert "SMG-1/follow-up/1/3/3" in keys

    def test_reports_not_yet_submitted_are_left_out(self) -> None:
        assert due([lebaran_2024()], wib(2024, 4, 1)) == ()


class TestLadderChecks:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: EscalationStep(0, "agency"),
            lambda: EscalationStep(-0.5, "agency"),
            lambda: EscalationStep(float("nan"), "agency"),
            lambda: EscalationStep(0.5, " "),
            lambda: EscalationStep(0.5, "agency", repeat_every=WorkingDays(1)),
            lambda: EscalationStep(0.5, "agency", max_repeats=2),
            lambda: EscalationStep(0.5, "agency", repeat_every=2, max_repeats=2),
            lambda: EscalationStep(0.5, "agency", repeat_every=WorkingDays(1), max_repeats=-1),
            lambda: EscalationPolicy((), clocks={"follow-up"}),
            lambda: EscalationPolicy(
                (EscalationStep(1.0, "a"), EscalationStep(0.5, "b")), clocks={"follow-up"}
            ),
            lambda: EscalationPolicy((EscalationStep(1.0, "a"),), clocks=()),
            lambda: EscalationPolicy(("step",), clocks={"follow-up"}),
        ],
    )
    def test_malformed_ladders_are_refused(self, make) -> None:
        with pytest.raises(InvalidPolicyError):
            make()

    def test_two_steps_at_one_fraction_tell_two_roles(self) -> None:
        ladder = EscalationPolicy(
            (EscalationStep(1.0, "agency-head"), EscalationStep(1.0, "coordinator")),
            clocks="follow-up",
        )
        found = due([lebaran_2024()], wib(2024, 4, 24, 16), ladder=ladder)
        assert [(e.notify, e.due_at) for e in found] == [
            ("agency-head", wib(2024, 4, 24, 16)),
            ("coordinator", wib(2024, 4, 24, 16)),
        ]

    def test_bad_arguments(self) -> None:
        with pytest.raises(UnknownPolicyError):
            due([], wib(2024, 5, 1), ladder=EscalationPolicy.standard(clocks={"nope"}))
        with pytest.raises(ChronologyError, match="since"):
            due([], wib(2024, 5, 1), since=wib(2024, 5, 2))
        with pytest.raises(NaiveDatetimeError, match="since"):
            due([], wib(2024, 5, 1), since=dt.datetime(2024, 4, 1))  # noqa: DTZ001


class TestEachOnce:
    @settings(max_examples=40)
    @given(some_calendars(), st.data())
    def test_successive_runs_with_since_return_each_key_once(self, calendar, data) -> None:
        """Runs at increasing nows, each with the previous now as since, never repeat a key,
        and each returns exactly what a run without since finds due in its window."""
        first = data.draw(report_histories(calendar, report_id="R-0"))
        start = first.submitted_at
        history = [
            first,
            *(
                data.draw(report_histories(calendar, report_id=f"R-{i}", near=start))
                for i in (1, 2)
            ),
        ]
        offsets = data.draw(
            st.lists(st.timedeltas(dt.timedelta(0), dt.timedelta(days=60)), min_size=2)
        )
        nows = sorted(start + offset for offset in offsets)
        ladder = EscalationPolicy(
            (
                EscalationStep(0.25, "agency"),
                EscalationStep(1.0, "agency-head", repeat_every=WorkingDays(1), max_repeats=3),
                EscalationStep(1.5, "coordinator"),
            ),
            clocks=("verification", "follow-up", "auto-close"),
        )
        seen: set[str] = set()
        since = None
        try:
            for now in nows:
                run = due_escalations(
                    history,
                    now=now,
                    schedule=SEMARANG,
                    calendar=calendar,
                    escalation=ladder,
                    since=since,
                )
                everything = due_escalations(
                    history, now=now, schedule=SEMARANG, calendar=calendar, escalation=ladder
                )
                keys = [e.key for e in run]
                assert len(set(keys)) == len(keys)
                assert not seen & set(keys)
                seen |= set(keys)
                expected = [e for e in everything if since is None or e.due_at > since]
                assert list(run) == expected
                assert all(e.due_at <= now for e in run)
                since = now
        except CalendarCoverageError:
            assume(False)
        event(f"keys seen: {min(len(seen), 6)}{'+' if len(seen) > 6 else ''}")
