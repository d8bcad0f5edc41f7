"""Properties of the calendar arithmetic over generated calendars, zones and instants."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from smartcity.exceptions import CalendarCoverageError
from smartcity.sla import WorkingCalendar
from smartcity.testing import aware_datetimes, calendars

FIXED_ZONES = ("Asia/Jakarta", "Asia/Makassar", "UTC")
DURATIONS = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=60))


@st.composite
def calendar_and_start(draw: st.DrawFn, **kwargs: object) -> tuple[WorkingCalendar, dt.datetime]:
    calendar = draw(calendars(**kwargs))  # type: ignore[arg-type]
    return calendar, draw(aware_datetimes(calendar=calendar))


def covered(call, *args):  # type: ignore[no-untyped-def]
    """Run a call; skip the example when the answer would leave the calendar's coverage."""
    try:
        return call(*args)
    except CalendarCoverageError:
        assume(False)


def reference_is_working_day(calendar: WorkingCalendar, day: dt.date) -> bool:
    """Straight from the definition, with no tables: closures, overrides, extras, week."""
    if any(c.date == day for c in calendar.closed):
        return False
    week = calendar.week
    for override in calendar.overrides:
        if override.first <= day <= override.last:
            week = override.week
    if day in calendar.extra_working:
        return True
    return bool(week[day.weekday()])


class TestWorkingDays:
    @given(calendar_and_start(), st.integers(1, 400))
    def test_between_inverts_add(self, pair: tuple[WorkingCalendar, dt.datetime], n: int) -> None:
        """working_days_between(s, add_working_days(s, n)) == n for every n >= 1."""
        calendar, start = pair
        due = covered(calendar.add_working_days, start, n)
        assert calendar.working_days_between(start, due) == n
        assert calendar.working_days_between(due, start) == -n

    @given(calendar_and_start(), st.integers(1, 200))
    def test_deadline_is_the_close_of_a_working_day(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int
    ) -> None:
        """The deadline lies on a working day, at or just after working time."""
        calendar, start = pair
        due = covered(calendar.add_working_days, start, n)
        assert calendar.is_working_day(due)
        just_before = due - dt.timedelta(microseconds=1)
        assert calendar.is_working_time(just_before) or calendar.is_working_time(due)
        assert due.tzinfo is not None
        assert due.timezone_name == calendar.tz

    @given(calendar_and_start(), st.integers(1, 200), st.integers(1, 200))
    def test_monotone_in_n(self, pair: tuple[WorkingCalendar, dt.datetime], n: int, m: int) -> None:
        """More working days never give an earlier deadline."""
        calendar, start = pair
        low, high = sorted((n, m))
        assert covered(calendar.add_working_days, start, low) <= covered(
            calendar.add_working_days, start, high
        )

    @given(
        calendar_and_start(),
        st.timedeltas(dt.timedelta(0), dt.timedelta(days=30)),
        st.integers(1, 50),
    )
    def test_monotone_in_start(
        self, pair: tuple[WorkingCalendar, dt.datetime], shift: dt.timedelta, n: int
    ) -> None:
        """A later receipt never gives an earlier deadline."""
        calendar, start = pair
        assert covered(calendar.add_working_days, start, n) <= covered(
            calendar.add_working_days, start + shift, n
        )

    @given(calendar_and_start(), st.integers(-200, -1))
    def test_negative_days(self, pair: tuple[WorkingCalendar, dt.datetime], n: int) -> None:
        """n < 0: the opening of the |n|-th working day strictly before the start's date."""
        calendar, start = pair
        result = covered(calendar.add_working_days, start, n)
        assert calendar.is_working_time(result)
        assert calendar.next_working_instant(result) == result
        assert calendar.working_days_between(result, start) in (-n, -n - 1)
        assert result.date() < start.astimezone(ZoneInfo(calendar.tz)).date()

    @given(calendar_and_start(zones=FIXED_ZONES), st.integers(1, 60))
    def test_matches_day_by_day_reference(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int
    ) -> None:
        """The tables agree with stepping one day at a time through the definition."""
        calendar, start = pair
        due = covered(calendar.add_working_days, start, n)
        day = start.astimezone(ZoneInfo(calendar.tz)).date()
        found = 0
        while found < n:
            day += dt.timedelta(days=1)
            found += reference_is_working_day(calendar, day)
        assert due.date() == day
        assert calendar.is_working_day(day) is True

    @given(calendars(zones=FIXED_ZONES), st.integers(1, 60), st.data())
    def test_matches_numpy_busday_offset(
        self, calendar: WorkingCalendar, n: int, data: st.DataObject
    ) -> None:
        """On a Mon-Fri calendar: numpy.busday_offset of the next day rolled forward, + n-1."""
        weekdays = dict.fromkeys(range(1, 6), [(dt.time(8), dt.time(16))])
        calendar = WorkingCalendar.build(
            tz=calendar.tz, week=weekdays, closed=calendar.closed, coverage=calendar.coverage
        )
        start = data.draw(aware_datetimes(calendar=calendar))
        due = covered(calendar.add_working_days, start, n)
        local = start.astimezone(ZoneInfo(calendar.tz)).date()
        holidays = np.array([c.date for c in calendar.closed], dtype="datetime64[D]")
        first = np.busday_offset(
            np.datetime64(local + dt.timedelta(days=1)), 0, roll="forward", holidays=holidays
        )
        expected = np.busday_offset(first, n - 1, roll="forward", holidays=holidays)
        assert np.datetime64(due.date()) == expected


class TestWorkingTime:
    @given(calendar_and_start(), DURATIONS)
    def test_between_inverts_add(
        self, pair: tuple[WorkingCalendar, dt.datetime], duration: dt.timedelta
    ) -> None:
        """working_time_between(s, add_working_time(s, d)) == d to the microsecond."""
        calendar, start = pair
        end = covered(calendar.add_working_time, start, duration)
        assert calendar.working_time_between(start, end) == duration
        assert calendar.working_time_between(end, start) == -duration
        assert end >= start

    @given(calendar_and_start(), DURATIONS)
    def test_result_is_the_earliest(
        self, pair: tuple[WorkingCalendar, dt.datetime], duration: dt.timedelta
    ) -> None:
        """One microsecond earlier, the target is not reached yet; never inside a break."""
        calendar, start = pair
        assume(duration > dt.timedelta(0))
        end = covered(calendar.add_working_time, start, duration)
        earlier = end - dt.timedelta(microseconds=1)
        assert calendar.working_time_between(start, earlier) < duration
        assert calendar.is_working_time(earlier)

    @given(calendar_and_start(), DURATIONS, DURATIONS)
    def test_monotone_in_duration(
        self, pair: tuple[WorkingCalendar, dt.datetime], a: dt.timedelta, b: dt.timedelta
    ) -> None:
        """A longer duration never ends earlier."""
        calendar, start = pair
        low, high = sorted((a, b))
        assert covered(calendar.add_working_time, start, low) <= covered(
            calendar.add_working_time, start, high
        )

    @given(calendar_and_start(), st.timedeltas(dt.timedelta(0), dt.timedelta(days=20)), DURATIONS)
    def test_monotone_in_start(
        self,
        pair: tuple[WorkingCalendar, dt.datetime],
        shift: dt.timedelta,
        duration: dt.timedelta,
    ) -> None:
        """A later start never ends earlier."""
        calendar, start = pair
        assert covered(calendar.add_working_time, start, duration) <= covered(
            calendar.add_working_time, start + shift, duration
        )

    @given(calendar_and_start(), st.timedeltas(dt.timedelta(0), dt.timedelta(days=20)))
    def test_additive(self, pair: tuple[WorkingCalendar, dt.datetime], shift: dt.timedelta) -> None:
        """Working time over [a, c) is the sum over [a, b) and [b, c)."""
        calendar, start = pair
        middle, end = start + shift, start + 2 * shift
        total = covered(calendar.working_time_between, start, end)
        parts = covered(calendar.working_time_between, start, middle) + covered(
            calendar.working_time_between, middle, end
        )
        assert total == parts
        assert dt.timedelta(0) <= total <= end - start

    @given(calendar_and_start())
    def test_next_working_instant(self, pair: tuple[WorkingCalendar, dt.datetime]) -> None:
        """The next working instant is working time, with none in between."""
        calendar, start = pair
        instant = covered(calendar.next_working_instant, start)
        assert calendar.is_working_time(instant)
        assert instant >= start
        assert calendar.working_time_between(start, instant) == dt.timedelta(0)
        # Compared in UTC: Python's == between zones is False for an ambiguous wall time
        # (PEP 495), e.g. 01:00 on the night New York falls back.
        same = instant.astimezone(dt.UTC) == start.astimezone(dt.UTC)
        assert same == calendar.is_working_time(start)


class TestBatch:
    @given(calendars(), st.integers(-60, 60), st.data())
    def test_many_equals_scalar(
        self, calendar: WorkingCalendar, n: int, data: st.DataObject
    ) -> None:
        """add_working_days_many gives the scalar answers, element for element."""
        starts = data.draw(st.lists(aware_datetimes(calendar=calendar), min_size=1, max_size=20))
        try:
            expected = [calendar.add_working_days(s, n) for s in starts]
        except CalendarCoverageError:
            assume(False)
        array = np.array(
            [s.astimezone(dt.UTC).replace(tzinfo=None) for s in starts], dtype="datetime64[us]"
        )
        result = calendar.add_working_days_many(array, n)
        assert result.dtype == np.dtype("datetime64[us]")
        assert [
            np.datetime64(e.astimezone(dt.UTC).replace(tzinfo=None), "us") for e in expected
        ] == list(result)
