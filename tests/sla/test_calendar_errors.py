"""Bad input gets a clear SmartCityError, and nothing is changed by a failed call."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidCalendarError,
    InvalidDurationError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.serialization import from_dict, to_dict
from smartcity.sla import HoursOverride, WorkingCalendar
from smartcity.sla._calendar import _core
from smartcity.sla._calendar._core import _override_segments

T = dt.time
WEEKDAYS = dict.fromkeys(range(1, 6), [(T(8), T(16))])
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar.build(
        tz="Asia/Jakarta", week=WEEKDAYS, coverage=(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    )


class TestBuildRefuses:
    @pytest.mark.parametrize(
        ("week", "message"),
        [
            ({}, "no working time"),
            ({1: []}, "no working time"),
            ({8: [(T(8), T(16))]}, "not an ISO weekday"),
            ({0: [(T(8), T(16))]}, "not an ISO weekday"),
            ({1: [(T(16), T(8))]}, "closes before it opens"),
            ({1: [(T(8), T(8))]}, "closes before it opens"),
            ({1: [(T(8), T(12)), (T(11), T(16))]}, "overlap"),
            ({1: [("08:00", "16:00")]}, "not a datetime.time"),
            ({1: [(T(8),)]}, r"not an \(open, close\) pair"),
            ({1: [(T(8, tzinfo=dt.UTC), T(16))]}, "time zone"),
            ([(T(8), T(16))], "must map ISO weekdays"),
        ],
    )
    def test_bad_weeks(self, week: object, message: str) -> None:
        """Each bad week is refused with a message that says what to fix."""
        with pytest.raises(InvalidCalendarError, match=message):
            WorkingCalendar.build(tz="Asia/Jakarta", week=week)  # type: ignore[arg-type]

    def test_unknown_zone(self) -> None:
        with pytest.raises(InvalidCalendarError, match="unknown time zone"):
            WorkingCalendar.build(tz="Asia/Semarang", week=WEEKDAYS)

    def test_inverted_coverage(self) -> None:
        with pytest.raises(InvalidCalendarError, match="before it starts"):
            WorkingCalendar.build(
                tz="UTC", week=WEEKDAYS, coverage=(dt.date(2025, 1, 1), dt.date(2024, 1, 1))
            )

    def test_date_both_closed_and_extra(self) -> None:
        with pytest.raises(InvalidCalendarError, match="both closed and an extra"):
            WorkingCalendar.build(
                tz="UTC",
                week=WEEKDAYS,
                closed=[dt.date(2024, 6, 8)],
                extra_working=[dt.date(2024, 6, 8)],
            )

    def test_inverted_override(self) -> None:
        with pytest.raises(InvalidCalendarError, match="swap the dates"):
            HoursOverride(dt.date(2024, 6, 8), dt.date(2024, 6, 1), WEEKDAYS)

    def test_unknown_hours_preset(self) -> None:
        with pytest.raises(InvalidCalendarError, match="unknown hours preset"):
            WorkingCalendar.indonesia(years=[2024], hours="pns")

    def test_touching_intervals_merge(self) -> None:
        """08:00-12:00 and 12:00-16:00 are one period: the close of business is 16:00."""
        calendar = WorkingCalendar.build(tz="UTC", week={1: [(T(12), T(16)), (T(8), T(12))]})
        assert calendar.hours == {1: ((T(8), T(16)),)}


class TestQuestionsRefuse:
    def test_naive_datetimes(self, calendar: WorkingCalendar) -> None:
        """Every method refuses a naive datetime; the error is also a ValueError."""
        naive = dt.datetime(2024, 6, 3, 9)  # noqa: DTZ001 - the point of the test
        aware = dt.datetime(2024, 6, 3, 9, tzinfo=WIB)
        calls = [
            lambda: calendar.add_working_days(naive, 1),
            lambda: calendar.add_working_time(naive, dt.timedelta(hours=1)),
            lambda: calendar.working_days_between(aware, naive),
            lambda: calendar.working_time_between(naive, aware),
            lambda: calendar.next_working_instant(naive),
            lambda: calendar.is_working_time(naive),
            lambda: calendar.is_working_day(naive),
        ]
        for call in calls:
            with pytest.raises(NaiveDatetimeError, match="has no time zone"):
                call()
        assert issubclass(NaiveDatetimeError, ValueError)

    def test_outside_coverage(self, calendar: WorkingCalendar) -> None:
        """Questions outside the covered dates raise instead of answering wrongly."""
        with pytest.raises(CalendarCoverageError, match="outside the calendar's coverage") as info:
            calendar.add_working_days(dt.datetime(2025, 3, 1, tzinfo=WIB), 1)
        assert info.value.coverage == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        assert "years=range(2024, 2026)" in str(info.value)
        with pytest.raises(CalendarCoverageError):
            calendar.add_working_days(dt.datetime(2024, 12, 30, tzinfo=WIB), 5)
        with pytest.raises(CalendarCoverageError):
            calendar.is_working_day(dt.date(2023, 12, 31))

    def test_supported_years_without_coverage(self) -> None:
        """An unlimited calendar still refuses years past 2199 rather than guess."""
        unlimited = WorkingCalendar.build(tz="UTC", week=WEEKDAYS)
        with pytest.raises(CalendarCoverageError, match="only with the years 1900-2199"):
            unlimited.add_working_days(dt.datetime(9999, 12, 30, tzinfo=dt.UTC), 5)
        with pytest.raises(CalendarCoverageError):
            unlimited.add_working_days(dt.datetime(1, 1, 1, tzinfo=dt.UTC), -5)

    @pytest.mark.parametrize("duration", [dt.timedelta(seconds=-1), 3600, None])
    def test_bad_durations(self, calendar: WorkingCalendar, duration: object) -> None:
        with pytest.raises(InvalidDurationError):
            calendar.add_working_time(dt.datetime(2024, 6, 3, tzinfo=WIB), duration)  # type: ignore[arg-type]

    @pytest.mark.parametrize("n", [1.5, True, "5", 10**9])
    def test_bad_day_counts(self, calendar: WorkingCalendar, n: object) -> None:
        with pytest.raises(InvalidDurationError):
            calendar.add_working_days(dt.datetime(2024, 6, 3, tzinfo=WIB), n)  # type: ignore[arg-type]

    def test_batch_passes_nat_through_and_refuses_other_dtypes(
        self, calendar: WorkingCalendar
    ) -> None:
        result = calendar.add_working_days_many(
            np.array(["2024-06-03T00:00", "NaT"], dtype="datetime64[s]"), 1
        )
        assert np.isnat(result).tolist() == [False, True]
        with pytest.raises(InvalidArgumentError, match="datetime64"):
            calendar.add_working_days_many(np.array([1.0, 2.0]), 1)  # type: ignore[arg-type]

    def test_every_error_is_a_smartcity_error(self) -> None:
        for error in (CalendarCoverageError, InvalidCalendarError, InvalidDurationError):
            assert issubclass(error, SmartCityError)
            assert issubclass(error, ValueError)


class TestDaylightSaving:
    def test_spring_forward_day_is_23_hours(self) -> None:
        """Amsterdam, 31 Mar 2024: a 24/7 day lasts 23 real hours; nothing raises."""
        calendar = WorkingCalendar.always_open(tz="Europe/Amsterdam")
        start = pendulum.datetime(2024, 3, 31, tz="Europe/Amsterdam")
        end = pendulum.datetime(2024, 4, 1, tz="Europe/Amsterdam")
        assert calendar.working_time_between(start, end) == dt.timedelta(hours=23)

    def test_interval_in_the_gap_has_no_length(self) -> None:
        """02:00-03:00 does not exist on 31 Mar 2024 in Amsterdam: no working time that day."""
        calendar = WorkingCalendar.build(tz="Europe/Amsterdam", week={7: [(T(2), T(3))]})
        assert not calendar.is_working_day(dt.date(2024, 3, 31))
        assert calendar.is_working_day(dt.date(2024, 4, 7))

    def test_fall_back_night_shift_is_longer(self) -> None:
        """New York, 3 Nov 2024: a 00:00-06:00 shift lasts 7 real hours."""
        calendar = WorkingCalendar.build(tz="America/New_York", week={7: [(T(0), T(6))]})
        start = pendulum.datetime(2024, 11, 3, tz="America/New_York")
        assert calendar.add_working_time(start, dt.timedelta(hours=7)) == pendulum.datetime(
            2024, 11, 3, 6, tz="America/New_York"
        )


class TestDirectConstruction:
    def test_init_and_evolve_validate_like_build(self) -> None:
        """The constructor and attrs.evolve run the same checks and normalisation as build."""
        built = WorkingCalendar.build(tz="UTC", week=WEEKDAYS, closed=[dt.date(2024, 1, 1)])
        direct = WorkingCalendar(
            tz="UTC",
            week=WEEKDAYS,  # type: ignore[arg-type]
            closed=[dt.date(2024, 1, 1)],
            overrides=(),
            extra_working=(),
            coverage=None,
        )
        assert direct == built
        assert attrs.evolve(built) == built
        with pytest.raises(InvalidCalendarError, match="no working time"):
            attrs.evolve(built, week={})
        override = HoursOverride(dt.date(2024, 6, 1), dt.date(2024, 6, 2), WEEKDAYS)
        assert attrs.evolve(override) == override


class TestBatchExtremes:
    """Regression: a far-future datetime64[D] wrapped around in numpy's cast to µs."""

    @pytest.mark.parametrize(
        "value",
        [
            np.datetime64("586578-01-01", "D"),
            np.datetime64("-586578-01-01", "D"),
            np.datetime64(np.iinfo(np.int64).max, "D"),
            np.datetime64(np.iinfo(np.int64).min + 1, "D"),
            np.datetime64(2**62, "s"),
            np.datetime64(-(2**62), "m"),
            np.datetime64(200_000, "Y"),
            np.datetime64("3000-01-01", "W"),
        ],
    )
    def test_instants_beyond_microseconds_are_outside_the_coverage(
        self, calendar: WorkingCalendar, value: np.datetime64
    ) -> None:
        starts = np.array([np.datetime64("2024-06-03", value.dtype.str[-2:-1]), value])
        before = starts.copy()
        with pytest.raises(CalendarCoverageError, match=r"starts\[1\]"):
            calendar.add_working_days_many(starts, 5)
        assert np.array_equal(starts, before)

    @pytest.mark.parametrize("unit", ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns"])
    def test_every_unit_inside_the_coverage_gives_the_scalar_answer(
        self, calendar: WorkingCalendar, unit: str
    ) -> None:
        start = np.datetime64("2024-06-03T00:00:00", "us").astype(f"datetime64[{unit}]")
        scalar = calendar.add_working_days(
            dt.datetime.fromisoformat(str(start.astype("datetime64[us]"))).replace(tzinfo=dt.UTC),
            5,
        )
        (result,) = calendar.add_working_days_many(np.array([start]), 5)
        assert scalar.in_tz("UTC").naive() == result.astype(dt.datetime)

    @pytest.mark.parametrize("unit", ["ps", "fs", "as"])
    def test_units_finer_than_microseconds_lie_around_1970(self, unit: str) -> None:
        unlimited = WorkingCalendar.always_open(tz="UTC")
        (result,) = unlimited.add_working_days_many(np.array([0], dtype=f"datetime64[{unit}]"), 1)
        assert result == np.datetime64("1970-01-02T23:59:59.999999")

    def test_an_empty_array_gives_an_empty_array(self, calendar: WorkingCalendar) -> None:
        result = calendar.add_working_days_many(np.array([], dtype="datetime64[D]"), 5)
        assert result.shape == (0,)
        assert result.dtype == np.dtype("datetime64[us]")


class TestSizeLimits:
    """Regression: 1,000 overrides over 300 years took 8.7 s to build; now bounded and linear."""

    @pytest.mark.parametrize(
        ("field", "limit", "item"),
        [
            ("closed", "MAX_CLOSED", lambda i: dt.date(1900, 1, 1) + dt.timedelta(days=i)),
            ("extra_working", "MAX_EXTRA_WORKING", lambda _i: dt.date(1900, 1, 1)),
            (
                "overrides",
                "MAX_OVERRIDES",
                lambda _i: HoursOverride(dt.date(2024, 1, 1), dt.date(2024, 1, 2), WEEKDAYS),
            ),
        ],
    )
    def test_too_many_items_are_refused_on_every_path(
        self, calendar: WorkingCalendar, field: str, limit: str, item: object
    ) -> None:
        maximum = getattr(_core, limit)
        many = [item(i) for i in range(maximum + 1)]  # type: ignore[operator]
        with pytest.raises(InvalidCalendarError, match=f"more than {maximum:,}"):
            WorkingCalendar.build(tz="Asia/Jakarta", week=WEEKDAYS, **{field: many})
        with pytest.raises(InvalidCalendarError, match=f"more than {maximum:,}"):
            attrs.evolve(calendar, **{field: many})
        data = to_dict(calendar)
        data[field] = [None] * (maximum + 1)
        with pytest.raises(SmartCityError, match=f"more than the {maximum:,}"):
            from_dict(WorkingCalendar, data)

    def test_too_many_intervals_in_a_day_are_refused(self) -> None:
        intervals = [(T(0, m), T(0, m, 30)) for m in range(60)]
        intervals += [(T(1, m), T(1, m, 30)) for m in range(60)]
        with pytest.raises(InvalidCalendarError, match="more than 100 intervals"):
            WorkingCalendar.build(tz="Asia/Jakarta", week={1: intervals})

    def test_many_long_overlapping_overrides_build_quickly(self) -> None:
        """The sweep costs the days covered, not overrides times days (no timing: a count)."""
        overrides = [
            HoursOverride(
                dt.date(1900, 1, 1) + dt.timedelta(days=i),
                dt.date(2199, 12, 31) - dt.timedelta(days=i),
                {1: [(T(8), T(9 + i % 5))]},
            )
            for i in range(300)
        ]
        segments = _override_segments(tuple(overrides), 0, dt.date(2199, 12, 31).toordinal())
        assert len(segments) <= 2 * len(overrides)
        # The last override wins in the middle, the first one only on its own first day.
        assert segments[0][2] == overrides[0].week
        middle = dt.date(2050, 1, 1).toordinal() - 1
        (winner,) = [week for start, stop, week in segments if start <= middle <= stop]
        assert winner == overrides[-1].week


class TestOverrideSweep:
    @given(
        st.lists(
            st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(9, 15)), max_size=12
        ),
        st.integers(0, 30),
        st.integers(30, 70),
    )
    def test_the_sweep_paints_what_day_by_day_painting_paints(
        self, ranges: list[tuple[int, int, int]], first_day: int, last_day: int
    ) -> None:
        """The latest override covering a day wins, as when painted one after another."""
        base = dt.date(2024, 1, 1).toordinal() - 1
        overrides = tuple(
            HoursOverride(
                dt.date.fromordinal(base + min(a, b) + 1),
                dt.date.fromordinal(base + max(a, b) + 1),
                {1: [(T(8), T(hour))]},
            )
            for a, b, hour in ranges
        )
        painted: dict[int, object] = {}
        for override in overrides:
            for day in range(override.first.toordinal() - 1, override.last.toordinal()):
                if base + first_day <= day <= base + last_day:
                    painted[day] = override.week
        swept: dict[int, object] = {}
        for start, stop, week in _override_segments(overrides, base + first_day, base + last_day):
            for day in range(start, stop + 1):
                assert day not in swept
                swept[day] = week
        assert swept == painted
