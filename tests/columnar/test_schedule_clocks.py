"""Every clock of a schedule on an event table equals SlaSchedule.clocks report by report."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from columnar_factories import NOW, agency_calendars, semarang_reports
from hypothesis import given, settings
from hypothesis import strategies as st
from test_clocks import assert_same, expected_row

from smartcity.columnar import EventTable, schedule_clocks
from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidArgumentError,
    UnknownPolicyError,
)
from smartcity.reports import Report
from smartcity.samples import semarang_schedule
from smartcity.sla import SlaSchedule, WorkingCalendar
from smartcity.testing import calendars, histories

CLASSES = st.sampled_from(["normative", "desk", "field"])


def object_clocks(
    reports: list[Report], schedule: SlaSchedule, calendar: WorkingCalendar, now: dt.datetime
) -> dict[tuple[str, str], object]:
    """(report id, clock name) → the object path's row, for every clock that applies."""
    return {
        (report.report_id, clock.policy.name): expected_row(report, clock.policy, calendar, now)
        for report in reports
        for clock in schedule.clocks(report, calendar)
    }


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Report], SlaSchedule, WorkingCalendar, dt.datetime]:
    reports = draw(st.lists(histories(), min_size=1, max_size=6, unique_by=lambda r: r.report_id))
    categories = sorted({event.category for r in reports for event in r.history if event.category})
    classes = {category: draw(CLASSES) for category in categories if draw(st.booleans())}
    later = draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=40)))
    now = max(r.updated_at for r in reports) + later
    return reports, semarang_schedule(classes=classes), draw(calendars(coverage=False)), now


class TestEqualsSlaScheduleClocks:
    @settings(deadline=None)
    @given(cases())
    def test_every_clock_of_every_report_on_generated_histories(
        self, case: tuple[list[Report], SlaSchedule, WorkingCalendar, dt.datetime]
    ) -> None:
        """The same (report, clock) pairs, each with the object path's fields."""
        reports, schedule, calendar, now = case
        try:
            expected = object_clocks(reports, schedule, calendar, now)
        except CalendarCoverageError:
            with pytest.raises(CalendarCoverageError):
                schedule_clocks(
                    EventTable.from_reports(reports), schedule, calendar=calendar, now=now
                )
            return
        tables = schedule_clocks(
            EventTable.from_reports(reports), schedule, calendar=calendar, now=now
        )
        got = {
            (row.report_id, table.policy.name): row
            for table in tables
            for row in table.to_records()
        }
        assert got.keys() == expected.keys()
        for key, row in got.items():
            assert_same(row, expected[key])  # type: ignore[arg-type]
        for table in tables:
            for row in table.to_records():
                report = next(r for r in reports if r.report_id == row.report_id)
                assert schedule.policy_for(report, table.policy.name) == table.policy

    def test_semarang_reports_on_their_agencies_calendars(self) -> None:
        """3,000 generated reports, the city's schedule with classes, agency calendars."""
        city, reports = semarang_reports()
        schedule = semarang_schedule(classes={"roads": "field", "trees": "desk", "waste": "desk"})
        tables = schedule_clocks(
            EventTable.from_reports(list(reports)),
            schedule,
            calendar=city.calendar,
            now=NOW,
            agency_calendars=agency_calendars(city),  # type: ignore[arg-type]
        )
        by_id = {r.report_id: r for r in reports}
        pairs = 0
        for table in tables:
            for row in table.to_records():
                report = by_id[row.report_id]
                own = city.calendar_for(report.agency)
                assert_same(row, expected_row(report, table.policy, own, NOW))
                pairs += 1
        assert pairs == sum(len(schedule.clocks(r, city.calendar)) for r in reports)
        follow_up_targets = {t.policy.target for t in tables if t.policy.name == "follow-up"}
        assert len(follow_up_targets) == 3  # 5, 14 and 60 working days, by class


class TestChoices:
    def test_tables_come_by_name_then_by_rule(self) -> None:
        _, reports = semarang_reports()
        schedule = semarang_schedule(classes={"roads": "field", "trees": "desk"})
        table = EventTable.from_reports(list(reports[:300]))
        tables = schedule_clocks(table, schedule, calendar=semarang_reports()[0].calendar, now=NOW)
        names = [t.policy.name for t in tables]
        assert names == sorted(names, key=schedule.names.index)
        rules = [rule.policy for rule in schedule.rules]
        for name in schedule.names:
            same = [rules.index(t.policy) for t in tables if t.policy.name == name]
            assert same == sorted(same)

    def test_names_choose_the_clocks_and_one_name_may_be_a_string(self) -> None:
        city, reports = semarang_reports()
        table = EventTable.from_reports(list(reports[:200]))
        schedule = semarang_schedule()
        one = schedule_clocks(table, schedule, calendar=city.calendar, now=NOW, names="auto-close")
        listed = schedule_clocks(
            table, schedule, calendar=city.calendar, now=NOW, names=["auto-close", "auto-close"]
        )
        assert [t.policy.name for t in one] == ["auto-close"]
        assert [t.to_records() for t in one] == [t.to_records() for t in listed]

    def test_a_report_without_a_category_has_no_clock(self) -> None:
        at = np.array(["2025-03-03T02:00", "2025-03-03T03:00"], dtype="datetime64[us]")
        table = EventTable.from_columns(
            report_id=np.array(["A", "B"]),
            at=at,
            status=np.array(["submitted", "submitted"]),
            category=np.array(["road", None], dtype=object),
        )
        tables = schedule_clocks(
            table, semarang_schedule(), calendar=semarang_reports()[0].calendar, now=NOW
        )
        assert {str(report) for t in tables for report in t.report_ids} == {"A"}


class TestRefusals:
    table = EventTable.from_reports(list(semarang_reports()[1][:20]))

    def test_an_unknown_clock_name_is_refused_with_the_known_ones(self) -> None:
        with pytest.raises(UnknownPolicyError, match="follow-up"):
            schedule_clocks(
                self.table, semarang_schedule(), calendar=semarang_reports()[0].calendar,
                now=NOW, names=["follow_up"],
            )  # fmt: skip

    @pytest.mark.parametrize("names", [[1], {"follow-up": 1}, 5])
    def test_names_that_are_not_a_collection_of_strings(self, names: object) -> None:
        with pytest.raises(InvalidArgumentError, match="names"):
            schedule_clocks(
                self.table, semarang_schedule(), calendar=semarang_reports()[0].calendar,
                now=NOW, names=names,  # type: ignore[arg-type]
            )  # fmt: skip

    def test_a_schedule_that_is_not_one(self) -> None:
        with pytest.raises(InvalidArgumentError, match="schedule"):
            schedule_clocks(
                self.table, "follow-up", calendar=semarang_reports()[0].calendar, now=NOW,  # type: ignore[arg-type]
            )  # fmt: skip

    def test_now_before_a_submission(self) -> None:
        early = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        with pytest.raises(ChronologyError, match="before report"):
            schedule_clocks(
                self.table, semarang_schedule(), calendar=semarang_reports()[0].calendar, now=early
            )
