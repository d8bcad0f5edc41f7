"""The calendar's batch methods equal the scalar ones element for element, NaT included."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidDurationError,
)
from smartcity.sla import WorkingCalendar
from smartcity.sla._calendar import _batch
from smartcity.testing import aware_datetimes, calendars

CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
NAT = np.datetime64("NaT", "us")
NAT_DELTA = np.timedelta64("NaT", "us")
MISSING = np.iinfo(np.int64).min


def _utc64(value: dt.datetime) -> np.datetime64:
    return np.datetime64(value.astimezone(dt.UTC).replace(tzinfo=None), "us")


@st.composite
def columns(draw: st.DrawFn) -> tuple[WorkingCalendar, list[dt.datetime | None]]:
    """A calendar and up to 12 instants in its coverage, some missing."""
    calendar = draw(calendars(coverage=None))
    instants = draw(
        st.lists(
            st.none() | aware_datetimes(calendar=calendar),
            min_size=1,
            max_size=12,
        )
    )
    return calendar, instants


def _array(instants: list[dt.datetime | None]) -> np.ndarray:
    return np.array([NAT if i is None else _utc64(i) for i in instants], dtype="datetime64[us]")


def _scalars(call, *columns):  # type: ignore[no-untyped-def]
    """The scalar answers, None where an argument is missing; skip examples off coverage."""
    answers = []
    for args in zip(*columns, strict=True):
        if any(arg is None for arg in args):
            answers.append(None)
            continue
        try:
            answers.append(call(*args))
        except CalendarCoverageError:
            assume(False)
    return answers


class TestBatchEqualsScalar:
    """Each ``*_many`` method gives the scalar method's answer, and NaT where one is missing."""

    @given(columns(), st.integers(-40, 40))
    def test_add_working_days_many(self, pair, n):
        calendar, instants = pair
        expected = _scalars(lambda s: calendar.add_working_days(s, n), instants)
        result = calendar.add_working_days_many(_array(instants), n)
        assert result.dtype == np.dtype("datetime64[us]")
        assert _same_instants(expected, result)

    @given(columns(), st.data())
    def test_working_days_between_many(self, pair, data):
        calendar, starts = pair
        ends = data.draw(
            st.lists(
                st.none() | aware_datetimes(calendar=calendar),
                min_size=len(starts),
                max_size=len(starts),
            )
        )
        expected = _scalars(calendar.working_days_between, starts, ends)
        result = calendar.working_days_between_many(_array(starts), _array(ends))
        assert result.dtype == np.float64
        assert [np.nan if e is None else float(e) for e in expected] == pytest.approx(
            list(result), nan_ok=True
        )

    @given(columns(), st.data())
    def test_working_time_between_many(self, pair, data):
        calendar, starts = pair
        ends = data.draw(
            st.lists(
                st.none() | aware_datetimes(calendar=calendar),
                min_size=len(starts),
                max_size=len(starts),
            )
        )
        expected = _scalars(calendar.working_time_between, starts, ends)
        result = calendar.working_time_between_many(_array(starts), _array(ends))
        assert result.dtype == np.dtype("timedelta64[us]")
        wanted = [
            np.timedelta64("NaT", "us") if e is None else np.timedelta64(e, "us") for e in expected
        ]
        assert _same_values(wanted, result)

    @given(columns(), st.data())
    def test_add_working_time_many(self, pair, data):
        calendar, starts = pair
        durations = data.draw(
            st.lists(
                st.none() | st.timedeltas(dt.timedelta(0), dt.timedelta(days=40)),
                min_size=len(starts),
                max_size=len(starts),
            )
        )
        expected = _scalars(calendar.add_working_time, starts, durations)
        deltas = np.array(
            [
                np.timedelta64("NaT", "us") if d is None else np.timedelta64(d, "us")
                for d in durations
            ],
            dtype="timedelta64[us]",
        )
        result = calendar.add_working_time_many(_array(starts), deltas)
        assert _same_instants(expected, result)

    @given(columns(), st.timedeltas(dt.timedelta(0), dt.timedelta(days=40)))
    def test_add_working_time_many_with_one_duration(self, pair, duration):
        calendar, starts = pair
        expected = _scalars(lambda s: calendar.add_working_time(s, duration), starts)
        result = calendar.add_working_time_many(_array(starts), duration)
        assert _same_instants(expected, result)


def _same_values(expected: list[np.generic], result: np.ndarray) -> bool:
    return [str(e) for e in expected] == [str(r) for r in result]


def _same_instants(expected: list[dt.datetime | None], result: np.ndarray) -> bool:
    return _same_values([NAT if e is None else _utc64(e) for e in expected], result)


class TestColumnKinds:
    """The same kind of column comes back: int64 microseconds, numpy, aware pandas."""

    starts = np.array(["2024-04-05T07:00", "NaT", "2024-06-03T02:00"], dtype="datetime64[us]")

    def test_int64_microseconds_give_int64_with_nat_bits_where_missing(self):
        unix = self.starts.view(np.int64)
        result = CALENDAR.add_working_days_many(unix, 5)
        assert result.dtype == np.int64
        assert _same_values(
            list(result.view("datetime64[us]")), CALENDAR.add_working_days_many(self.starts, 5)
        )
        assert result[1] == MISSING
        ends = np.where(unix == MISSING, MISSING, unix + 10 * 86_400_000_000)
        counts = CALENDAR.working_days_between_many(unix, ends)
        assert counts.dtype == np.int64
        assert counts[1] == MISSING

    def test_aware_pandas_series_come_back_in_the_calendars_zone_with_their_index(self):
        series = pd.Series(
            pd.DatetimeIndex(self.starts).tz_localize("UTC").tz_convert("Asia/Makassar"),
            index=[7, 8, 9],
            name="submitted",
        )
        result = CALENDAR.add_working_days_many(series, 5)
        assert list(result.index) == [7, 8, 9]
        assert result.name == "submitted"
        assert str(result.dt.tz) == "Asia/Jakarta"
        assert pd.isna(result.iloc[1])
        expected = CALENDAR.add_working_days(series.iloc[0].to_pydatetime(), 5)
        assert result.iloc[0].to_pydatetime() == expected
        counts = CALENDAR.working_days_between_many(series, series + pd.Timedelta(days=30))
        assert str(counts.dtype) == "Int64"
        assert counts.isna().tolist() == [False, True, False]
        worked = CALENDAR.working_time_between_many(series, series + pd.Timedelta(days=1))
        assert worked.dtype.kind == "m"

    def test_a_datetime_index_gives_a_datetime_index(self):
        index = pd.DatetimeIndex(self.starts).tz_localize("UTC")
        result = CALENDAR.add_working_time_many(index, dt.timedelta(hours=3))
        assert isinstance(result, pd.DatetimeIndex)
        assert result[1] is pd.NaT

    def test_naive_pandas_timestamps_are_refused(self):
        with pytest.raises(InvalidArgumentError, match="without a time zone"):
            CALENDAR.add_working_days_many(pd.Series(pd.DatetimeIndex(self.starts)), 5)

    def test_an_all_missing_column_gives_all_missing(self):
        result = CALENDAR.add_working_days_many(np.array([NAT, NAT]), 3)
        assert np.isnat(result).all()


class TestRefusals:
    """Bad columns are refused with a SmartCityError; a coverage error is never hidden."""

    def test_negative_durations_are_refused_by_index(self):
        starts = np.array(["2024-06-03T02:00"] * 2, dtype="datetime64[us]")
        durations = np.array([3600, -1], dtype="timedelta64[s]")
        with pytest.raises(InvalidDurationError, match=r"duration\[1\] is negative"):
            CALENDAR.add_working_time_many(starts, durations)

    def test_lengths_must_match(self):
        starts = np.array(["2024-06-03T02:00"] * 3, dtype="datetime64[us]")
        with pytest.raises(InvalidArgumentError, match="3 instants and ends 2"):
            CALENDAR.working_days_between_many(starts, starts[:2])

    def test_instants_outside_the_coverage_raise_even_among_missing_ones(self):
        starts = np.array(["NaT", "2030-01-01"], dtype="datetime64[us]")
        with pytest.raises(CalendarCoverageError):
            CALENDAR.working_time_between_many(starts, starts)

    def test_floats_are_refused(self):
        with pytest.raises(InvalidArgumentError, match="datetime64"):
            CALENDAR.add_working_days_many(np.array([1.0]), 1)


class TestChunks:
    """A long column walked in chunks gives the answers of one pass."""

    def test_chunk_boundaries_change_nothing(self, monkeypatch):
        rng = np.random.default_rng(3)
        minutes = rng.integers(0, 2 * 365 * 24 * 60, 5_000)
        starts = np.datetime64("2024-01-02T00:00", "us") + minutes.astype("timedelta64[m]")
        starts[::7] = NAT
        whole = CALENDAR.add_working_days_many(starts, 4)
        worked = CALENDAR.working_time_between_many(starts, starts[::-1])
        monkeypatch.setattr(_batch, "CHUNK", 333)
        assert _same_values(list(whole), CALENDAR.add_working_days_many(starts, 4))
        assert _same_values(list(worked), CALENDAR.working_time_between_many(starts, starts[::-1]))
