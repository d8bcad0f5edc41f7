"""Regressions of issue 11: each call that raised a plain Python error now says what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidCalendarError,
    InvalidDurationError,
    InvalidPolicyError,
    InvalidReportError,
    InvalidStatisticsError,
    SmartCityError,
)
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.serialization import from_dict, to_dict
from smartcity.sla import (
    Closure,
    EscalationPolicy,
    EscalationStep,
    HoursOverride,
    SlaClock,
    SlaPolicy,
    SlaRule,
    WorkingCalendar,
    WorkingDays,
)
from smartcity.stats import sla_performance, yearly_counts

S = ReportStatus
T = dt.time
WIB = ZoneInfo("Asia/Jakarta")
WEEK = {1: [(T(8), T(16))]}
CALENDAR = WorkingCalendar.build(tz="Asia/Jakarta", week=dict.fromkeys(range(1, 6), WEEK[1]))
POLICY = SlaPolicy("p", WorkingDays(5), start_on={S.SUBMITTED}, stop_on={S.VERIFIED})
SCHEDULE = semarang_schedule()
START = dt.datetime(2024, 6, 3, 9, tzinfo=WIB)
NOW = dt.datetime(2024, 6, 10, tzinfo=WIB)


def report(at: dt.datetime = START) -> Report:
    return Report.submit("R-1", category="drainage", description="banjir", address="Jl", at=at)


def cycle() -> object:
    return SlaClock.of(report(), POLICY, CALENDAR).cycles[0]


CASES: dict[str, tuple[Callable[[], object], type[SmartCityError], str]] = {
    "SlaCycle.instant_at(1e308)": (
        lambda: cycle().instant_at(1e308),  # type: ignore[attr-defined]
        InvalidDurationError,
        "times the budget",
    ),
    "SlaCycle.instant_at(10**400)": (
        lambda: cycle().instant_at(10**400),  # type: ignore[attr-defined]
        InvalidDurationError,
        "finite",
    ),
    "WorkingCalendar.build(closed=None)": (
        lambda: WorkingCalendar.build(tz="UTC", week=WEEK, closed=None),  # type: ignore[arg-type]
        InvalidArgumentError,
        "closed must be a collection",
    ),
    "SlaPolicy(start_on=None)": (
        lambda: SlaPolicy("p", WorkingDays(1), start_on=None, stop_on={S.CLOSED}),  # type: ignore[arg-type]
        InvalidArgumentError,
        "must be a collection",
    ),
    "SlaPolicy(thresholds=0.5)": (
        lambda: SlaPolicy(
            "p",
            WorkingDays(1),
            start_on={S.SUBMITTED},
            stop_on={S.CLOSED},
            thresholds=0.5,  # type: ignore[arg-type]
        ),
        InvalidArgumentError,
        "thresholds must be a collection",
    ),
    "SlaPolicy(thresholds=[10**400])": (
        lambda: SlaPolicy(
            "p", WorkingDays(1), start_on={S.SUBMITTED}, stop_on={S.CLOSED}, thresholds=[10**400]
        ),
        InvalidPolicyError,
        "finite",
    ),
    "EscalationPolicy(None)": (
        lambda: EscalationPolicy(None, clocks={"follow-up"}),  # type: ignore[arg-type]
        InvalidArgumentError,
        "steps must be a collection",
    ),
    "EscalationPolicy(clocks=[['a']])": (
        lambda: EscalationPolicy([EscalationStep(1, "agency")], clocks=[["a"]]),  # type: ignore[list-item]
        InvalidArgumentError,
        "must be text",
    ),
    "EscalationStep(10**400)": (
        lambda: EscalationStep(10**400, "agency"),
        InvalidPolicyError,
        "finite",
    ),
    "sla_performance(by=None)": (
        lambda: sla_performance([report()], SCHEDULE, CALENDAR, now=NOW, by=None),  # type: ignore[arg-type]
        InvalidArgumentError,
        "by must be a collection",
    ),
    "sla_performance(reports=[5])": (
        lambda: sla_performance([5], SCHEDULE, CALENDAR, now=NOW),  # type: ignore[list-item]
        InvalidArgumentError,
        r"reports\[0\] must be a Report",
    ),
    "sla_performance(calendar=None)": (
        lambda: sla_performance([report()], SCHEDULE, None, now=NOW),  # type: ignore[arg-type]
        InvalidArgumentError,
        "calendar must be a WorkingCalendar",
    ),
    "yearly_counts(None)": (
        lambda: yearly_counts(None),  # type: ignore[arg-type]
        InvalidArgumentError,
        "reports must be a collection",
    ),
    "yearly_counts(tz=10 MB)": (
        lambda: yearly_counts([report()], tz="x" * 10_000_000),
        InvalidStatisticsError,
        "unknown time zone",
    ),
    "HoursOverride.on('2024-01-01')": (
        lambda: HoursOverride.on("2024-01-01", [(T(8), T(9))]),  # type: ignore[arg-type]
        InvalidCalendarError,
        "takes a datetime.date",
    ),
    "SlaRule(categories=[['a']])": (
        lambda: SlaRule(POLICY, categories=[["a"]]),  # type: ignore[list-item]
        InvalidPolicyError,
        "rule codes must be non-blank strings",
    ),
    "Closure(date, 5)": (
        lambda: Closure(dt.date(2024, 1, 1), 5),  # type: ignore[arg-type]
        InvalidArgumentError,
        "must be text",
    ),
    "Closure(date, 'x' * 10_000)": (
        lambda: Closure(dt.date(2024, 1, 1), "x" * 10_000),
        InvalidCalendarError,
        "at most 200",
    ),
    "semarang_schedule(classes=5)": (
        lambda: semarang_schedule(classes=5),  # type: ignore[arg-type]
        InvalidPolicyError,
        "classes maps category codes",
    ),
    "schedule.clocks(report, None)": (
        lambda: SCHEDULE.clocks(report(), None),  # type: ignore[arg-type]
        InvalidArgumentError,
        "calendar must be a WorkingCalendar",
    ),
    "WorkingCalendar.build(tz=10 MB)": (
        lambda: WorkingCalendar.build(tz="x" * 10_000_000, week=WEEK),
        InvalidCalendarError,
        "unknown time zone",
    ),
    "indonesia(collective_leave='no')": (
        lambda: WorkingCalendar.indonesia(years=[2024], collective_leave="no"),  # type: ignore[arg-type]
        InvalidArgumentError,
        "collective_leave must be a bool",
    ),
}


class TestPlainErrorsBecameLibraryErrors:
    @pytest.mark.parametrize("case", sorted(CASES))
    def test_each_case_raises_a_documented_error_with_a_short_message(self, case: str) -> None:
        call, error, message = CASES[case]
        with pytest.raises(error, match=message) as raised:
            call()
        assert len(str(raised.value)) < 500


class TestEdgeYearsInStatistics:
    """Submissions at the edge of datetime's years: refused at the door, or counted anywhere."""

    LAST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
    FIRST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)

    def test_a_report_beyond_the_storable_range_is_never_made(self) -> None:
        with pytest.raises(InvalidReportError, match="limits"):
            report(dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC))

    def test_the_last_storable_instant_is_counted_in_the_zone_furthest_ahead(self) -> None:
        (row,) = yearly_counts([report(self.LAST)], tz="Pacific/Kiritimati")
        assert (row.year, row.received) == (9999, 1)

    def test_the_first_storable_instant_is_counted_in_the_zone_furthest_behind(self) -> None:
        (row,) = yearly_counts([report(self.FIRST)], tz="Etc/GMT+12")
        assert (row.year, row.received) == (1, 1)

    def test_sla_performance_groups_it_by_month(self) -> None:
        calendar = WorkingCalendar.always_open(tz="Pacific/Kiritimati")
        rows = sla_performance([report(self.LAST)], SCHEDULE, calendar, now=self.LAST, by="month")
        assert [row.group for row in rows] == [(("month", "9999-12"),)]


class TestNamesRoundTrip:
    """Regression: a non-text closure name was stored and broke the JSON round trip."""

    def test_a_closure_name_is_text_and_survives_json(self) -> None:
        calendar = CALENDAR.with_closures(Closure(dt.date(2024, 8, 17), "Hari Kemerdekaan"))
        assert from_dict(WorkingCalendar, to_dict(calendar)) == calendar
