"""Properties of SLA clocks over generated histories, policies and calendars.

Histories are built by random legal transitions through the Report methods, with increasing
timestamps in assorted zones, on calendars from smartcity.testing.calendars() and on the
Indonesian calendar. Other test modules import the strategies from here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smartcity.exceptions import CalendarCoverageError
from smartcity.reports import TRANSITIONS, Report, ReportStatus
from smartcity.sla import (
    ClockState,
    SlaClock,
    SlaPolicy,
    SlaSchedule,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)
from smartcity.testing import calendars

S = ReportStatus
INDONESIA = WorkingCalendar.indonesia(years=range(2024, 2027))
SEMARANG = SlaSchedule.semarang(classes={"road": "field", "info": "normative", "tree": "desk"})
SEMARANG_POLICIES = tuple(rule.policy for rule in SEMARANG.rules)
AGENCIES = ("DPU", "DLH", "DISHUB")
CATEGORIES = ("road", "info", "tree", "drainage")
ZONES = ("Asia/Jakarta", "Asia/Makassar", "UTC", "Europe/Amsterdam")
HALF_HOUR = dt.timedelta(minutes=30)


def some_calendars() -> st.SearchStrategy[WorkingCalendar]:
    """The Indonesian calendar half of the time, generated ones otherwise."""
    return st.one_of(st.just(INDONESIA), calendars(coverage=True))


def _step(draw: st.DrawFn, report: Report, at: dt.datetime) -> Report:
    options = sorted(TRANSITIONS[report.status], key=lambda status: status.value)
    choice = draw(st.sampled_from([*options, "locate", "note"]))
    if choice == "note" or (choice == "locate" and not options):
        return report.add_note("catatan", at=at)
    if choice == "locate":
        return report.locate(ward="33.74.01.1001", district="33.74.01", at=at)
    if choice is S.ASSIGNED:
        agencies = [agency for agency in AGENCIES if agency != report.agency]
        return report.assign(draw(st.sampled_from(agencies)), at=at)
    if choice is S.DUPLICATE:
        return report.mark_duplicate("ORIGINAL-1", at=at)
    if choice is S.REFERRED:
        return report.refer("BBPJN", at=at)
    assert isinstance(choice, ReportStatus)
    return report.transition(choice, at=at)


@st.composite
def reports(
    draw: st.DrawFn,
    calendar: WorkingCalendar,
    *,
    report_id: str = "R-1",
    max_events: int = 10,
    max_gap_days: int = 6,
    near: dt.datetime | None = None,
) -> Report:
    """A report with a legal random history inside the calendar's coverage (first year).

    With ``near``, the report is submitted within three days after that (UTC) instant.
    """
    first, _last = calendar.coverage or (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    low = dt.datetime.combine(first + dt.timedelta(days=2), dt.time())
    high = low + dt.timedelta(days=300)
    if near is not None:
        low = near.astimezone(dt.UTC).replace(tzinfo=None)
        high = low + dt.timedelta(days=3)
    start = draw(st.datetimes(low, high))
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    # A grid of half hours most of the time, so that events fall on openings and closings.
    if draw(st.booleans()):
        start = start.replace(minute=start.minute // 30 * 30, second=0, microsecond=0)
    at = start.replace(tzinfo=dt.UTC).astimezone(zone)
    report = Report.submit(
        report_id,
        category=draw(st.sampled_from(CATEGORIES)),
        description="Jalan berlubang",
        address="Jl. Pemuda",
        at=at,
    )
    for _ in range(draw(st.integers(0, max_events))):
        if draw(st.booleans()):
            at += draw(st.integers(0, max_gap_days * 48)) * HALF_HOUR
        else:
            at += draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=max_gap_days)))
        # Wall-clock arithmetic can land in a daylight-saving gap: keep a real local time.
        at = at.astimezone(dt.UTC).astimezone(zone)
        report = _step(draw, report, at)
    return report


@st.composite
def assigned_reports(draw: st.DrawFn, calendar: WorkingCalendar) -> Report:
    """A report assigned and being worked on (in progress, maybe after waiting for the reporter)."""
    report = draw(reports(calendar, max_events=0))
    at = report.submitted_at

    def later() -> dt.datetime:
        # Exact-time arithmetic: wall-clock arithmetic can land in a daylight-saving gap.
        moved = at.astimezone(dt.UTC) + draw(st.integers(0, 16)) * HALF_HOUR
        return moved.astimezone(at.tzinfo)

    at = later()
    report = report.transition(S.VERIFIED, at=at)
    at = later()
    report = report.assign(draw(st.sampled_from(AGENCIES)), at=at)
    for _ in range(draw(st.integers(0, 2))):
        at = later()
        report = report.transition(S.WAITING_FOR_REPORTER, at=at)
        at = later()
        report = report.transition(S.IN_PROGRESS, at=at)
    return report


@st.composite
def random_policies(draw: st.DrawFn) -> SlaPolicy:
    """Any consistent policy: a partition of the statuses into start, pause, stop and none."""
    roles = {status: draw(st.sampled_from(("start", "pause", "stop", "none"))) for status in S}
    for role in ("start", "stop"):
        if role not in roles.values():
            roles[draw(st.sampled_from(sorted(S, key=lambda s: s.value)))] = role
    if "start" not in roles.values():
        roles[S.SUBMITTED] = "start"
    if "stop" not in roles.values():
        roles[S.CLOSED] = "stop"
    target = draw(
        st.one_of(
            st.builds(WorkingDays, st.integers(1, 8)),
            st.builds(
                WorkingDuration,
                st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(hours=60)),
            ),
        )
    )
    cutoff = None
    if isinstance(target, WorkingDays) and draw(st.booleans()):
        cutoff = dt.time(draw(st.integers(0, 23)), draw(st.sampled_from((0, 30))))
    return SlaPolicy(
        "random",
        target,
        start_on={s for s, role in roles.items() if role == "start"},
        pause_on={s for s, role in roles.items() if role == "pause"},
        stop_on={s for s, role in roles.items() if role == "stop"},
        thresholds=(0.25, 1.0, 1.5),
        same_day_cutoff=cutoff,
    )


def policies() -> st.SearchStrategy[SlaPolicy]:
    return st.one_of(st.sampled_from(SEMARANG_POLICIES), random_policies())


@st.composite
def cases(draw: st.DrawFn) -> tuple[WorkingCalendar, Report, SlaPolicy, SlaClock]:
    calendar = draw(some_calendars())
    report = draw(reports(calendar))
    policy = draw(policies())
    try:
        clock = SlaClock.of(report, policy, calendar)
    except CalendarCoverageError:
        assume(False)
    return calendar, report, policy, clock


def instants(report: Report) -> st.SearchStrategy[dt.datetime]:
    """Instants from the submission to a while after the last event, events included."""
    first, last = report.submitted_at, report.updated_at
    events = [event.at for event in report.history]
    span = last - first + dt.timedelta(days=20)
    return st.one_of(
        st.sampled_from(events),
        st.timedeltas(dt.timedelta(0), span).map(lambda delta: first + delta),
    )


def covered(call, *args):  # type: ignore[no-untyped-def]
    try:
        return call(*args)
    except CalendarCoverageError:
        assume(False)


def reference(  # noqa: C901 - the plain walk reads best as one loop
    report: Report, policy: SlaPolicy, calendar: WorkingCalendar, now: dt.datetime
) -> tuple[str, dt.timedelta]:
    """The clock's kind of state and elapsed time at now, by walking the events plainly."""
    state, since, total = "idle", None, dt.timedelta(0)
    for event in report.history:
        if event.at > now:
            break
        status = event.status
        if state in {"idle", "stopped"}:
            if status in policy.start_on:
                state, since, total = "running", event.at, dt.timedelta(0)
        elif status in policy.stop_on:
            if state == "running":
                total += calendar.working_time_between(since, event.at)
            state = "stopped"
        elif status in policy.pause_on:
            if state == "running":
                total += calendar.working_time_between(since, event.at)
                state = "paused"
        elif state == "paused":
            state, since = "running", event.at
    if state == "running":
        total += calendar.working_time_between(since, now)
    return state, total


KIND = {
    ClockState.NOT_STARTED: "idle",
    ClockState.RUNNING: "running",
    ClockState.PAUSED: "paused",
    ClockState.MET: "stopped",
    ClockState.MISSED: "stopped",
}


class TestAgainstTheDefinition:
    @settings(max_examples=60)
    @given(cases(), st.data())
    def test_state_and_elapsed_match_a_plain_walk_of_the_events(self, case, data) -> None:
        """At any instant, the clock agrees with a plain walk over the events up to it."""
        calendar, report, policy, clock = case
        now = data.draw(instants(report))
        state, elapsed = covered(reference, report, policy, calendar, now)
        assert KIND[clock.state(now)] == state
        assert covered(clock.elapsed, now) == elapsed

    @settings(max_examples=60)
    @given(cases(), st.data())
    def test_elapsed_plus_remaining_is_the_budget_while_running(self, case, data) -> None:
        """elapsed(now) + remaining(now) == budget, and fraction == elapsed / budget."""
        _calendar, report, _policy, clock = case
        now = data.draw(instants(report))
        cycle = clock.cycle_at(now)
        assume(cycle is not None)
        assert cycle is not None
        elapsed, remaining = covered(clock.elapsed, now), clock.remaining(now)
        assert elapsed + remaining == cycle.budget
        assert clock.fraction(now) == elapsed / cycle.budget

    @settings(max_examples=60)
    @given(cases())
    def test_budget_of_working_days_runs_to_the_target_deadline(self, case) -> None:
        """Without pauses a WorkingDays clock is due at add_working_days(start, n)."""
        calendar, _report, policy, clock = case
        assume(isinstance(policy.target, WorkingDays) and policy.same_day_cutoff is None)
        for cycle in clock.cycles:
            due = calendar.add_working_days(cycle.start, policy.target.n)
            assert cycle.budget == calendar.working_time_between(cycle.start, due)
            if not cycle.pauses:
                assert cycle.deadline == due

    @settings(max_examples=60)
    @given(cases())
    def test_the_deadline_is_when_the_budget_is_used_up(self, case) -> None:
        """Elapsed reaches the budget exactly at the deadline, and not a microsecond before."""
        _calendar, _report, _policy, clock = case
        for cycle in clock.cycles:
            deadline = cycle.deadline
            if deadline is None or (cycle.stop is not None and deadline > cycle.stop):
                continue
            assert covered(cycle.elapsed, deadline) == cycle.budget
            assert covered(cycle.elapsed, deadline - dt.timedelta(microseconds=1)) < cycle.budget


class TestOutcomes:
    @settings(max_examples=80)
    @given(cases())
    def test_stopped_at_or_before_the_deadline_is_met_after_it_missed(self, case) -> None:
        """Met exactly when the stop instant is at or before the deadline instant."""
        _calendar, _report, _policy, clock = case
        for cycle in clock.cycles:
            if cycle.stop is None:
                assert cycle.outcome is None
                continue
            assert cycle.deadline is not None
            expected = ClockState.MET if cycle.stop <= cycle.deadline else ClockState.MISSED
            assert cycle.outcome is expected
            assert cycle.state(cycle.stop) is expected
            assert cycle.breached(cycle.stop + dt.timedelta(days=400)) is (
                expected is ClockState.MISSED
            )

    @settings(max_examples=60)
    @given(some_calendars(), st.data())
    def test_resolved_at_the_deadline_is_met_a_microsecond_later_missed(self, calendar, data):
        """The deadline instant itself is on time; the next microsecond is late."""
        report = data.draw(assigned_reports(calendar))
        policy = SEMARANG.policy_for(report, "follow-up")
        assert policy is not None
        clock = covered(SlaClock.of, report, policy, calendar)
        deadline = clock.deadline
        assert deadline is not None
        assume(deadline >= report.updated_at)
        on_time = report.transition(S.RESOLVED, at=deadline)
        late = report.transition(S.RESOLVED, at=deadline + dt.timedelta(microseconds=1))
        assert SlaClock.of(on_time, policy, calendar).state(deadline) is ClockState.MET
        assert SlaClock.of(late, policy, calendar).cycles[-1].outcome is ClockState.MISSED

    @settings(max_examples=60)
    @given(cases())
    def test_cycles_follow_each_other_and_only_the_last_is_open(self, case) -> None:
        """Cycles are numbered from 1, do not overlap, and all but the last are stopped."""
        _calendar, _report, policy, clock = case
        for number, cycle in enumerate(clock.cycles, start=1):
            assert cycle.number == number
            if number < len(clock.cycles):
                assert cycle.stop is not None
                assert cycle.stop <= clock.cycles[number].start
        if S.SUBMITTED in policy.start_on:
            assert clock.cycles


class TestPauses:
    @settings(max_examples=80)
    @given(cases())
    def test_a_pause_never_moves_the_deadline_earlier(self, case) -> None:
        """The same policy without its pause statuses is never due later."""
        calendar, report, policy, clock = case
        assume(policy.pause_on)
        unpaused = SlaClock.of(
            report,
            SlaPolicy(
                policy.name,
                policy.target,
                start_on=policy.start_on,
                stop_on=policy.stop_on,
                same_day_cutoff=policy.same_day_cutoff,
            ),
            calendar,
        )
        assert len(unpaused.cycles) == len(clock.cycles)
        for paused, running in zip(clock.cycles, unpaused.cycles, strict=True):
            assert running.deadline is not None
            if paused.deadline is not None:
                assert paused.deadline >= running.deadline
            if running.outcome is ClockState.MET:
                assert paused.outcome is ClockState.MET

    @settings(max_examples=60)
    @given(cases())
    def test_thresholds_are_ordered_and_the_last_crossing_is_the_deadline(self, case) -> None:
        """Threshold instants increase; the 1.0 threshold is crossed at the deadline if at all."""
        _calendar, _report, policy, clock = case
        for cycle in clock.cycles:
            crossed = covered(lambda c=cycle: c.threshold_instants)
            known = [instant for instant in crossed if instant is not None]
            assert known == sorted(known)
            one = crossed[policy.thresholds.index(1.0)]
            if one is not None:
                assert one == cycle.deadline
                assert cycle.stop is None or one < cycle.stop


class TestAsOfNow:
    @settings(max_examples=60)
    @given(cases(), st.data())
    def test_later_events_do_not_change_what_the_clock_said_at_now(self, case, data) -> None:
        """Evaluating at now equals evaluating the history cut at now."""
        calendar, report, policy, clock = case
        now = data.draw(instants(report))
        cut = Report.replay(event for event in report.history if event.at <= now)
        past = SlaClock.of(cut, policy, calendar)
        assert past.state(now) is clock.state(now)
        assert covered(past.elapsed, now) == covered(clock.elapsed, now)
        assert past.breached(now) is clock.breached(now)
        assert covered(past.deadline_at, now) == covered(clock.deadline_at, now)


class TestRecompute:
    @settings(max_examples=40)
    @given(cases(), st.data())
    def test_recomputing_is_deterministic_and_idempotent(self, case, data) -> None:
        """Recompute with a new closure equals a fresh clock; twice equals once."""
        calendar, report, policy, clock = case
        first = report.submitted_at.date()
        # A date cannot be both closed and an extra working date (the calendar refuses it).
        day = data.draw(
            st.dates(first, first + dt.timedelta(days=60)).filter(
                lambda d: d not in calendar.extra_working
            )
        )
        new = calendar.with_closures(day)
        try:
            fresh = SlaClock.of(report, policy, new)
        except CalendarCoverageError:
            assume(False)
        assert clock.recompute(calendar, keep_completed=False) == clock
        assert clock.recompute(new, keep_completed=False) == fresh
        kept = clock.recompute(new, keep_completed=True)
        assert kept.recompute(new, keep_completed=True) == kept
        for old, cycle, recomputed in zip(clock.cycles, kept.cycles, fresh.cycles, strict=True):
            assert cycle == (old if old.outcome is not None else recomputed)
