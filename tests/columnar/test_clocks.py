"""Columnar clocks equal SlaClock field by field, each report on its agency's calendar."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pytest
from columnar_factories import NOW, agency_calendars, schedule_policies, semarang_reports
from hypothesis import given
from hypothesis import strategies as st

from smartcity.columnar import CLOCK_STATES, NONE, ClockRow, EventTable, clock_table
from smartcity.exceptions import CalendarCoverageError, ChronologyError, InvalidArgumentError
from smartcity.reports import Report
from smartcity.sla import SlaClock, SlaPolicy, WorkingCalendar, WorkingDays
from smartcity.testing import calendars, histories, policies

UTC = dt.UTC


def expected_row(
    report: Report, policy: SlaPolicy, calendar: WorkingCalendar, now: dt.datetime
) -> ClockRow:
    """What the object path says, as a ClockRow."""
    clock = SlaClock.of(report, policy, calendar)
    current = clock.current
    return ClockRow(
        report_id=report.report_id,
        cycles=len(clock.cycles),
        budget=None if current is None else current.budget,
        deadline=clock.deadline,
        outcome=None if current is None else current.outcome,
        state=clock.state(now),
        elapsed=clock.elapsed(now),
        remaining=clock.remaining(now),
        breached=clock.breached(now),
        threshold_instants=clock.threshold_instants,
    )


def assert_same(got: ClockRow, expected: ClockRow) -> None:
    """Field by field; instants compared as instants (a fold=1 wall time never equals UTC)."""

    def instants(row: ClockRow) -> tuple[object, ...]:
        return tuple(
            None if value is None else value.astimezone(UTC)
            for value in (row.deadline, *row.threshold_instants)
        )

    assert (got.report_id, got.cycles, got.budget, got.outcome) == (
        expected.report_id, expected.cycles, expected.budget, expected.outcome,
    )  # fmt: skip
    assert (got.state, got.elapsed, got.remaining, got.breached) == (
        expected.state, expected.elapsed, expected.remaining, expected.breached,
    )  # fmt: skip
    assert instants(got) == instants(expected)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Report], SlaPolicy, WorkingCalendar, dt.datetime]:
    reports = draw(st.lists(histories(), min_size=1, max_size=4, unique_by=lambda r: r.report_id))
    latest_submission = max(r.submitted_at for r in reports)
    last = max(r.updated_at for r in reports)
    now = latest_submission + draw(
        st.timedeltas(dt.timedelta(0), last - latest_submission + dt.timedelta(days=30))
    )
    calendar = draw(calendars(coverage=False))
    return reports, draw(policies()), calendar, now.astimezone(UTC)


class TestEqualsTheObjectPath:
    @given(cases())
    def test_every_field_on_generated_histories(
        self, case: tuple[list[Report], SlaPolicy, WorkingCalendar, dt.datetime]
    ) -> None:
        """Random histories, policies, calendars and now: the columns equal SlaClock.of."""
        reports, policy, calendar, now = case
        table = EventTable.from_reports(reports)
        clocks = clock_table(table, policy, calendar=calendar, now=now)
        by_id = {r.report_id: r for r in reports}
        for got in clocks.to_records():
            assert_same(got, expected_row(by_id[got.report_id], policy, calendar, now))

    @given(histories(), policies(), calendars(coverage=True), st.data())
    def test_coverage_errors_match(
        self, report: Report, policy: SlaPolicy, calendar: WorkingCalendar, data: st.DataObject
    ) -> None:
        """With a limited coverage, both paths answer the same or both refuse."""
        now = report.updated_at + data.draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=9)))
        table = EventTable.from_reports([report])
        try:
            expected = expected_row(report, policy, calendar, now)
        except CalendarCoverageError:
            with pytest.raises(CalendarCoverageError, match=report.report_id):
                clock_table(table, policy, calendar=calendar, now=now)
            return
        assert_same(clock_table(table, policy, calendar=calendar, now=now).row(0), expected)

    @pytest.mark.parametrize("index", range(5))
    def test_semarang_reports_on_their_agencies_calendars(self, index: int) -> None:
        """3,000 generated Semarang reports, each policy of the schedule, agency calendars."""
        city, reports = semarang_reports()
        policy = schedule_policies(city)[index]
        table = EventTable.from_reports(reports)
        for now in (NOW, NOW - dt.timedelta(days=40)):
            alive = [r for r in reports if r.submitted_at <= now]
            clocks = clock_table(
                EventTable.from_reports(alive) if len(alive) < len(reports) else table,
                policy,
                calendar=city.calendar,
                now=now,
                agency_calendars=agency_calendars(city),  # type: ignore[arg-type]
            )
            by_id = {r.report_id: r for r in alive}
            for got in clocks.to_records():
                report = by_id[got.report_id]
                assert_same(
                    got, expected_row(report, policy, city.calendar_for(report.agency), now)
                )

    def test_the_fire_brigade_is_judged_on_its_own_calendar(self) -> None:
        """24/7 agencies get other deadlines than with the city calendar alone."""
        city, reports = semarang_reports()
        policy = schedule_policies(city)[1]
        table = EventTable.from_reports(reports)
        own = clock_table(
            table, policy, calendar=city.calendar, now=NOW,
            agency_calendars=agency_calendars(city),  # type: ignore[arg-type]
        )  # fmt: skip
        one = clock_table(table, policy, calendar=city.calendar, now=NOW)
        fire = table.agencies.index("DAMKAR")
        damkar = table.latest("agency") == fire
        assert damkar.any()
        assert not np.array_equal(own.deadline[damkar], one.deadline[damkar])
        assert np.array_equal(own.deadline[~damkar], one.deadline[~damkar])


class TestResult:
    def test_columns_are_read_only_and_none_reads_as_nat(self) -> None:
        city, reports = semarang_reports()
        clocks = clock_table(
            EventTable.from_reports(reports[:200]), schedule_policies(city)[1],
            calendar=city.calendar, now=NOW,
        )  # fmt: skip
        assert not clocks.deadline.flags.writeable
        assert clocks.thresholds.shape == (200, 3)
        missing = clocks.deadline == NONE
        assert np.array_equal(np.isnat(clocks.deadline.view("datetime64[us]")), missing)
        assert clocks.report_ids.tolist() == sorted(r.report_id for r in reports[:200])
        assert {CLOCK_STATES[code] for code in clocks.state.tolist()} <= set(CLOCK_STATES)
        assert len(clocks) == 200
        assert clocks.row(-1) == clocks.to_records()[-1]

    def test_row_refuses_a_bad_index(self) -> None:
        city, reports = semarang_reports()
        clocks = clock_table(
            EventTable.from_reports(reports[:3]), schedule_policies(city)[0],
            calendar=city.calendar, now=NOW,
        )  # fmt: skip
        with pytest.raises(InvalidArgumentError, match="out of range"):
            clocks.row(3)

    def test_now_before_a_submission_is_refused(self) -> None:
        city, reports = semarang_reports()
        table = EventTable.from_reports(reports)
        with pytest.raises(ChronologyError, match="before report R000001 was submitted"):
            clock_table(
                table, schedule_policies(city)[0], calendar=city.calendar,
                now=reports[0].submitted_at - dt.timedelta(seconds=1),
            )  # fmt: skip

    def test_a_naive_now_is_refused(self) -> None:
        city, reports = semarang_reports()
        with pytest.raises(ValueError, match="now"):
            clock_table(
                EventTable.from_reports(reports[:3]), schedule_policies(city)[0],
                calendar=city.calendar, now=dt.datetime(2025, 9, 1),  # noqa: DTZ001
            )  # fmt: skip

    def test_a_coverage_error_names_the_report_and_clock(self) -> None:
        city, reports = semarang_reports()
        short = WorkingCalendar.indonesia(years=[2025])
        late = [r for r in reports if r.submitted_at > NOW - dt.timedelta(days=3)][:5]
        long = attrs.evolve(schedule_policies(city)[3], target=WorkingDays(100))
        with pytest.raises(CalendarCoverageError, match=r"report R\d+, follow-up clock, cycle 1"):
            clock_table(EventTable.from_reports(late), long, calendar=short, now=NOW)
