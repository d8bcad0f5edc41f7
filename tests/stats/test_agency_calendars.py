"""Each report is judged on its agency's calendar, as City.clock judges it (the fire brigade)."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import pytest

from smartcity.columnar import EventTable
from smartcity.desk import City
from smartcity.exceptions import InvalidArgumentError
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.sla import ClockState
from smartcity.stats import sla_performance

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 6, 30, 16, tzinfo=WIB)  # the demo's default now


@functools.cache
def demo_reports() -> tuple[City, tuple[Report, ...]]:
    """The demo's 300 reports (seed 7, the 90 days before NOW), taken in and moved to NOW."""
    city = semarang()
    submitted = generate_reports(
        city, count=300, start=NOW - dt.timedelta(days=90), end=NOW, seed=7
    )
    moved = tuple(
        progress_reports(
            city.intake(report, at=report.submitted_at + dt.timedelta(minutes=20)), now=NOW, seed=7
        )
        for report in submitted
    )
    return city, moved


def own_calendars(city: City) -> dict[str, object]:
    return {code: city.calendar_for(code) for code in city.agencies}


class TestTheFireBrigadeIsJudgedOnItsOwnCalendar:
    def test_overdue_and_late_counts_match_city_clock(self) -> None:
        """DAMKAR's late reports are those City.clock finds late, on both paths."""
        city, reports = demo_reports()
        assert city.schedule is not None
        fire = [r for r in reports if r.agency == "DAMKAR"]
        assert fire, "the sample needs fire reports"
        clocks = [city.clock(report) for report in fire]
        overdue = sum(
            1
            for clock in clocks
            if clock is not None
            and clock.state(NOW) in {ClockState.RUNNING, ClockState.PAUSED}
            and clock.breached(NOW)
        )
        missed = sum(
            1
            for clock in clocks
            if clock is not None
            and clock.state(NOW) in {ClockState.MET, ClockState.MISSED}
            and any(cycle.outcome is ClockState.MISSED for cycle in clock.cycles)
        )
        for given in (list(reports), EventTable.from_reports(reports)):
            result = sla_performance(
                given,
                city.schedule,
                city.calendar,
                now=NOW,
                agency_calendars=own_calendars(city),
                min_sample=1,
            )
            row = result.row(agency="DAMKAR")
            assert row is not None
            assert (overdue, missed) == (row.open_overdue, row.closed - row.closed_on_time)

    def test_the_brigade_is_later_on_its_own_calendar_than_on_the_citys(self) -> None:
        """The bug: on the city's office hours the 24/7 brigade looked more punctual."""
        city, reports = demo_reports()
        assert city.schedule is not None
        own = sla_performance(
            reports,
            city.schedule,
            city.calendar,
            now=NOW,
            agency_calendars=own_calendars(city),
            min_sample=1,
        ).row(agency="DAMKAR")
        one = sla_performance(reports, city.schedule, city.calendar, now=NOW, min_sample=1).row(
            agency="DAMKAR"
        )
        assert own is not None
        assert one is not None
        assert own.on_time_rate is not None
        assert one.on_time_rate is not None
        assert own.on_time_rate < one.on_time_rate

    def test_other_agencies_are_unchanged(self) -> None:
        """Agencies on the city's calendar get the same rows with or without the mapping."""
        city, reports = demo_reports()
        assert city.schedule is not None
        own = sla_performance(
            reports, city.schedule, city.calendar, now=NOW, agency_calendars=own_calendars(city)
        )
        one = sla_performance(reports, city.schedule, city.calendar, now=NOW)
        assert [r for r in own if r.group != (("agency", "DAMKAR"),)] == [
            r for r in one if r.group != (("agency", "DAMKAR"),)
        ]


class TestAgencyCalendarsAreChecked:
    @pytest.mark.parametrize(
        "value", [["DAMKAR"], {"DAMKAR": "24/7"}, {3: None}, "DAMKAR"], ids=repr
    )
    def test_a_bad_mapping_is_refused(self, value: object) -> None:
        """Not a mapping of codes to calendars: InvalidArgumentError, before any work."""
        city, reports = demo_reports()
        assert city.schedule is not None
        with pytest.raises(InvalidArgumentError, match="agency_calendars"):
            sla_performance(
                reports,
                city.schedule,
                city.calendar,
                now=NOW,
                agency_calendars=value,  # type: ignore[arg-type]
            )
