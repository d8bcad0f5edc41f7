"""The calendar on the Indonesian government calendar: the contract's worked examples."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest

from smartcity.sla import Closure, ClosureKind, HoursOverride, WorkingCalendar

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(scope="module")
def indonesia() -> WorkingCalendar:
    return WorkingCalendar.indonesia(years=range(2024, 2027))


def wib(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=WIB)  # type: ignore[misc]


class TestWorkedExamples:
    def test_five_working_days_across_lebaran_2024(self, indonesia: WorkingCalendar) -> None:
        """Received Fri 2024-04-05 14:00 WIB, 5 working days: Mon 2024-04-22 at close."""
        due = indonesia.add_working_days(wib(2024, 4, 5, 14), 5)
        assert due == pendulum.datetime(2024, 4, 22, 16, tz="Asia/Jakarta")
        assert isinstance(due, pendulum.DateTime)
        assert due.timezone_name == "Asia/Jakarta"

    def test_without_collective_leave_the_deadline_is_six_days_earlier(self) -> None:
        """Leaving cuti bersama out moves the same deadline to Tue 2024-04-16."""
        calendar = WorkingCalendar.indonesia(years=[2024], collective_leave=False)
        due = calendar.add_working_days(wib(2024, 4, 5, 14), 5)
        assert due.date() == dt.date(2024, 4, 16)

    @pytest.mark.parametrize(("year", "expected"), [(2024, 238), (2025, 237), (2026, 240)])
    def test_working_days_per_year(
        self, indonesia: WorkingCalendar, year: int, expected: int
    ) -> None:
        """Mon-Fri minus holidays and cuti bersama, as in the domain notes."""
        start = wib(year, 1, 1) - dt.timedelta(days=1) if year > 2024 else wib(2024, 1, 1)
        extra = 0 if year > 2024 else int(indonesia.is_working_day(dt.date(2024, 1, 1)))
        assert indonesia.working_days_between(start, wib(year, 12, 31)) + extra == expected

    def test_2026_closures_match_skb(self, indonesia: WorkingCalendar) -> None:
        """The 2026 holidays and cuti bersama of SKB 1497/2025, with their kinds."""
        closures = indonesia.closures(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        holidays = {c.date for c in closures if c.kind is ClosureKind.HOLIDAY}
        leave = {c.date for c in closures if c.kind is ClosureKind.COLLECTIVE_LEAVE}
        d = dt.date
        assert holidays == {
            d(2026, 1, 1), d(2026, 1, 16), d(2026, 2, 17), d(2026, 3, 19), d(2026, 3, 21),
            d(2026, 3, 22), d(2026, 4, 3), d(2026, 4, 5), d(2026, 5, 1), d(2026, 5, 14),
            d(2026, 5, 27), d(2026, 5, 31), d(2026, 6, 1), d(2026, 6, 16), d(2026, 8, 17),
            d(2026, 8, 25), d(2026, 12, 25),
        }  # fmt: skip
        assert leave == {
            d(2026, 2, 16), d(2026, 3, 18), d(2026, 3, 20), d(2026, 3, 23), d(2026, 3, 24),
            d(2026, 5, 15), d(2026, 5, 28), d(2026, 12, 24),
        }  # fmt: skip
        assert all(c.name for c in closures)


class TestHours:
    def test_perpres_hours(self, indonesia: WorkingCalendar) -> None:
        """Mon-Thu 07:30-12:00 and 13:00-16:00 (7.5 h); Fri 07:30-11:30, 13:00-16:30."""
        monday, friday = dt.date(2024, 6, 3), dt.date(2024, 6, 7)
        day = dt.timedelta(days=1)
        assert indonesia.working_time_between(wib(2024, 6, 3), wib(2024, 6, 4)) == dt.timedelta(
            hours=7.5
        )
        assert indonesia.working_time_between(wib(2024, 6, 7), wib(2024, 6, 8)) == dt.timedelta(
            hours=7.5
        )
        assert monday + 4 * day == friday
        assert not indonesia.is_working_time(wib(2024, 6, 7, 12))
        assert indonesia.is_working_time(wib(2024, 6, 7, 16, 15))
        assert not indonesia.is_working_time(wib(2024, 6, 3, 16, 15))

    def test_ramadan_hours_override(self, indonesia: WorkingCalendar) -> None:
        """In Ramadan 2025 Mon-Thu run 08:00-15:15 and Friday 08:00-11:30."""
        assert indonesia.working_time_between(wib(2025, 3, 10), wib(2025, 3, 15)) == dt.timedelta(
            hours=4 * 7.25 + 3.5
        )
        assert not indonesia.is_working_time(wib(2025, 3, 10, 7, 45))
        assert indonesia.is_working_time(wib(2025, 3, 10, 12, 30))

    def test_working_week_is_37_5_hours(self, indonesia: WorkingCalendar) -> None:
        """Perpres 21/2023: 37.5 hours a week."""
        assert indonesia.working_time_between(wib(2024, 6, 3), wib(2024, 6, 10)) == dt.timedelta(
            hours=37.5
        )


class TestEdges:
    def test_day_of_receipt_never_counts(self, indonesia: WorkingCalendar) -> None:
        """Before opening, during hours or after closing: the same deadline."""
        dues = {indonesia.add_working_days(wib(2024, 6, 3, hour), 1) for hour in (0, 6, 10, 17, 23)}
        assert dues == {pendulum.datetime(2024, 6, 4, 16, tz="Asia/Jakarta")}

    def test_receipt_on_a_weekend(self, indonesia: WorkingCalendar) -> None:
        """A Saturday receipt: day 1 is Monday."""
        due = indonesia.add_working_days(wib(2024, 6, 1, 10), 1)
        assert due == pendulum.datetime(2024, 6, 3, 16, tz="Asia/Jakarta")

    def test_add_zero_on_a_holiday_is_the_next_opening(self, indonesia: WorkingCalendar) -> None:
        """Adding 0 on 17 Aug 2026 (Monday, Independence Day) gives Tuesday 07:30."""
        result = indonesia.add_working_days(wib(2026, 8, 17, 10), 0)
        assert result == pendulum.datetime(2026, 8, 18, 7, 30, tz="Asia/Jakarta")

    def test_negative_days_give_the_opening(self, indonesia: WorkingCalendar) -> None:
        """Two working days before Mon 2024-06-10: Thu 2024-06-06 at 07:30."""
        result = indonesia.add_working_days(wib(2024, 6, 10, 12), -2)
        assert result == pendulum.datetime(2024, 6, 6, 7, 30, tz="Asia/Jakarta")

    def test_working_time_reaching_closing_time_returns_the_close(
        self, indonesia: WorkingCalendar
    ) -> None:
        """3 working hours from 13:00 on a Monday end at 16:00, not the next morning."""
        result = indonesia.add_working_time(wib(2024, 6, 3, 13), dt.timedelta(hours=3))
        assert result == pendulum.datetime(2024, 6, 3, 16, tz="Asia/Jakarta")

    def test_zero_working_time_returns_start(self, indonesia: WorkingCalendar) -> None:
        """Even outside working time, adding nothing returns the start instant."""
        start = wib(2024, 6, 1, 22, 5)
        assert indonesia.add_working_time(start, dt.timedelta(0)) == start

    def test_inputs_in_other_zones(self, indonesia: WorkingCalendar) -> None:
        """An instant given in UTC is the same instant: 07:00Z is 14:00 WIB."""
        start = dt.datetime(2024, 4, 5, 7, tzinfo=dt.UTC)
        assert indonesia.add_working_days(start, 5) == indonesia.add_working_days(
            wib(2024, 4, 5, 14), 5
        )

    def test_friday_evening_utc_is_saturday_in_jakarta(self, indonesia: WorkingCalendar) -> None:
        """Local dates count: Fri 20:00Z is Sat 03:00 WIB, so day 1 is Monday."""
        start = dt.datetime(2024, 5, 31, 20, tzinfo=dt.UTC)
        assert indonesia.add_working_days(start, 1).date() == dt.date(2024, 6, 3)


class TestCombining:
    def test_with_closures_returns_a_new_calendar(self, indonesia: WorkingCalendar) -> None:
        """A city adds a local closure; the national calendar is unchanged."""
        local = indonesia.with_closures(
            Closure(dt.date(2024, 6, 4), "Hari Jadi", ClosureKind.LOCAL)
        )
        start = wib(2024, 6, 3, 9)
        assert indonesia.add_working_days(start, 1).date() == dt.date(2024, 6, 4)
        assert local.add_working_days(start, 1).date() == dt.date(2024, 6, 5)
        assert local != indonesia

    def test_late_decree(self, indonesia: WorkingCalendar) -> None:
        """A holiday decreed late (as 27 Nov 2024 was) moves deadlines when added."""
        assert not indonesia.is_working_day(dt.date(2024, 11, 27))  # the 2024 election day
        decreed = indonesia.with_closures(
            Closure(dt.date(2024, 10, 16), "decree", ClosureKind.HOLIDAY)
        )
        start = wib(2024, 10, 14, 9)
        assert indonesia.add_working_days(start, 2).date() == dt.date(2024, 10, 16)
        assert decreed.add_working_days(start, 2).date() == dt.date(2024, 10, 17)

    def test_with_overrides_half_day(self, indonesia: WorkingCalendar) -> None:
        """A single-date override: a half day ending at noon."""
        half = indonesia.with_overrides(
            HoursOverride.on(dt.date(2024, 6, 4), [(dt.time(7, 30), dt.time(12))], name="half")
        )
        assert half.add_working_days(wib(2024, 6, 3), 1) == pendulum.datetime(
            2024, 6, 4, 12, tz="Asia/Jakarta"
        )

    def test_extra_working_saturday(self) -> None:
        """An extra working Saturday works the hours of the first working weekday."""
        calendar = WorkingCalendar.build(
            tz="Asia/Jakarta",
            week={d: [(dt.time(8), dt.time(16))] for d in range(1, 6)},
            extra_working=[dt.date(2024, 6, 8)],
        )
        assert calendar.is_working_day(dt.date(2024, 6, 8))
        assert calendar.add_working_days(wib(2024, 6, 7), 1) == pendulum.datetime(
            2024, 6, 8, 16, tz="Asia/Jakarta"
        )

    def test_always_open(self) -> None:
        """A 24/7 unit: working time equals elapsed time; a day ends at its last microsecond."""
        calendar = WorkingCalendar.always_open(tz="Asia/Jakarta")
        start = wib(2024, 6, 1, 10)
        assert calendar.working_time_between(start, wib(2024, 6, 3, 10)) == dt.timedelta(days=2)
        due = calendar.add_working_days(start, 1)
        assert due == pendulum.datetime(2024, 6, 2, 23, 59, 59, 999999, tz="Asia/Jakarta")
        assert calendar.working_days_between(start, due) == 1
