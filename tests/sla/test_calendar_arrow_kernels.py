"""The calendar's batch methods on Arrow and polars columns equal them on numpy, nulls included."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidDurationError,
    SmartCityError,
)
from smartcity.sla import WorkingCalendar
from smartcity.sla._calendar import _batch

pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")
pl = pytest.importorskip("polars")

CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
MISSING = np.iinfo(np.int64).min
FIRST = int(np.datetime64("2024-01-01T00:00", "us").view(np.int64))
LAST = int(np.datetime64("2026-12-31T00:00", "us").view(np.int64))
ZONES = ("UTC", "Asia/Jakarta", "America/Sao_Paulo")
UNITS = {"s": 1_000_000, "ms": 1_000, "us": 1}
DAY_US = 86_400_000_000
UTC_US = pa.timestamp("us", tz="UTC")


def unix_lists(size: int | None = None) -> st.SearchStrategy[list[int | None]]:
    """Microseconds since 1970 inside the calendar's coverage, some missing."""
    low, high = (1, 12) if size is None else (size, size)
    return st.lists(st.none() | st.integers(FIRST, LAST), min_size=low, max_size=high)


def _numpy(values: list[int | None], unit: str = "us") -> np.ndarray:
    return np.array([MISSING if v is None else v for v in values], dtype=np.int64).view(
        f"datetime64[{unit}]"
    )


def _arrow(values: list[int | None], unit: str = "us", tz: str = "UTC") -> object:
    return pa.array(values, type=pa.int64()).cast(pa.timestamp(unit, tz=tz))


@st.composite
def chunked(draw: st.DrawFn, array: object) -> object:
    """``array`` cut at random places into a ChunkedArray (empty chunks too)."""
    size = len(array)  # type: ignore[arg-type]
    cuts = sorted(draw(st.lists(st.integers(0, size), max_size=4)))
    edges = [0, *cuts, size]
    return pa.chunked_array(
        [array.slice(a, b - a) for a, b in itertools.pairwise(edges)],  # type: ignore[attr-defined]
        type=array.type,  # type: ignore[attr-defined]
    )


def _outcome(call):  # type: ignore[no-untyped-def]
    """The result of ``call()``, or the type of the SmartCityError it raised."""
    try:
        return call()
    except SmartCityError as error:
        return type(error)


def _as_list(result: object) -> object:
    """Arrow, polars or numpy results as a list of int64 (None where missing), or an error."""
    if isinstance(result, type):
        return result
    if isinstance(result, pl.Series):
        result = result.to_arrow()
    if isinstance(result, pa.Array | pa.ChunkedArray):
        return result.cast(pa.int64()).to_pylist()
    array = np.asarray(result)
    if array.dtype.kind == "f":
        return [None if np.isnan(v) else int(v) for v in array]
    ints = array.view(np.int64) if array.dtype.kind in "mM" else array
    return [None if v == MISSING else int(v) for v in ints]


KERNELS = {
    "add_working_days_many": lambda starts, _ends: CALENDAR.add_working_days_many(starts, 3),
    "add_working_days_many(-7)": lambda starts, _ends: CALENDAR.add_working_days_many(starts, -7),
    "working_days_between_many": CALENDAR.working_days_between_many,
    "working_time_between_many": CALENDAR.working_time_between_many,
    "add_working_time_many": lambda starts, ends: CALENDAR.add_working_time_many(
        starts, _durations(ends)
    ),
}


def _durations(other: object) -> object:
    """Ends turned into durations of the same kind: (end - 2024-01-01) modulo 30 days."""
    if isinstance(other, pa.Array | pa.ChunkedArray):
        ints = pc.subtract(other.cast(pa.int64()), FIRST)
        return pc.divide(ints, 48).cast(pa.duration("us"))
    ints = np.asarray(other).view(np.int64)
    return np.where(ints == MISSING, MISSING, (ints - FIRST) // 48).view("timedelta64[us]")


class TestArrowEqualsNumpy:
    """Every kernel gives on Arrow what it gives on numpy, element for element, null for NaT."""

    @pytest.mark.parametrize("kernel", KERNELS)
    @given(data=st.data())
    def test_an_array_and_a_chunked_array_give_the_numpy_answers(self, kernel, data):
        starts = data.draw(unix_lists())
        ends = data.draw(unix_lists(len(starts)))
        call = KERNELS[kernel]
        expected = _as_list(_outcome(lambda: call(_numpy(starts), _numpy(ends))))
        array = _arrow(starts)
        assert _as_list(_outcome(lambda: call(array, _arrow(ends)))) == expected
        pieces = data.draw(chunked(array))
        result = _outcome(lambda: call(pieces, data.draw(chunked(_arrow(ends)))))
        assert _as_list(result) == expected
        if not isinstance(result, type):
            assert [len(c) for c in result.chunks] == [len(c) for c in pieces.chunks]

    @pytest.mark.parametrize("kernel", KERNELS)
    @given(starts=unix_lists(), data=st.data())
    def test_nulls_in_give_nulls_out_at_exactly_those_places(self, kernel, starts, data):
        ends = data.draw(unix_lists(len(starts)))
        result = _outcome(lambda: KERNELS[kernel](_arrow(starts), _arrow(ends)))
        if isinstance(result, type):
            assert result is CalendarCoverageError
            return
        two_columns = "between" in kernel or "time_many" in kernel
        expected = [
            s is None or (two_columns and e is None) for s, e in zip(starts, ends, strict=True)
        ]
        assert result.is_null().to_pylist() == expected

    @pytest.mark.parametrize("kernel", KERNELS)
    @given(starts=unix_lists(), data=st.data())
    def test_the_zone_of_the_input_changes_nothing(self, kernel, starts, data):
        ends = data.draw(unix_lists(len(starts)))
        outcomes = [
            _as_list(_outcome(lambda z=zone: KERNELS[kernel](_arrow(starts, tz=z), _arrow(ends))))
            for zone in ZONES
        ]
        assert outcomes == [outcomes[0]] * len(ZONES)

    @pytest.mark.parametrize("unit", ["s", "ms"])
    @given(data=st.data())
    def test_seconds_and_milliseconds_give_the_numpy_answers(self, unit, data):
        scale = UNITS[unit]
        starts = data.draw(st.lists(st.none() | st.integers(FIRST // scale, LAST // scale)))
        numpy, arrow = _numpy(starts, unit), _arrow(starts, unit)
        expected = _as_list(_outcome(lambda: CALENDAR.add_working_days_many(numpy, 2)))
        assert _as_list(_outcome(lambda: CALENDAR.add_working_days_many(arrow, 2))) == expected

    @given(st.lists(st.none() | st.integers(FIRST * 1000, LAST * 1000), min_size=1))
    def test_nanoseconds_are_floored_to_the_microsecond_as_numpy_does(self, starts):
        expected = _as_list(
            CALENDAR.working_time_between_many(_numpy(starts, "ns"), _numpy(starts, "ns")[::-1])
        )
        arrow = _arrow(starts, "ns")
        assert _as_list(CALENDAR.working_time_between_many(arrow, arrow[::-1])) == expected

    def test_one_nanosecond_before_1970_is_one_microsecond_before(self):
        arrow = pa.array([-1, -1000, -1001, 999, None], type=pa.timestamp("ns", tz="UTC"))
        column = _batch.read_instants(arrow, "starts")
        numpy = _batch.read_instants(np.array([-1, -1000, -1001, 999], "datetime64[ns]"), "s")
        floored = [-1, -1, -2, 0]
        assert list(column.values[:4]) == list(numpy.values) == floored  # noqa: PD011 - a Column
        assert list(column.missing) == [False] * 4 + [True]  # type: ignore[arg-type]

    def test_a_long_chunked_array_walked_in_small_chunks_gives_one_passes_answers(
        self, monkeypatch
    ):
        rng = np.random.default_rng(9)
        unix = rng.integers(FIRST, LAST - 40 * DAY_US, 5_000)
        starts = [None if i % 7 == 0 else int(v) for i, v in enumerate(unix)]
        pieces = pa.chunked_array([_arrow(starts[:1234]), _arrow(starts[1234:])])
        whole = CALENDAR.add_working_days_many(pieces, 4)
        monkeypatch.setattr(_batch, "CHUNK", 333)
        assert CALENDAR.add_working_days_many(pieces, 4).equals(whole)
        assert _as_list(whole) == _as_list(CALENDAR.add_working_days_many(_numpy(starts), 4))


class TestArrowKinds:
    """The kind, type, chunks and name of the answer follow the ``starts`` given."""

    starts = _arrow([int(np.datetime64("2024-04-05T07:00", "us").view(np.int64)), None])

    def test_instants_come_back_as_microseconds_in_the_calendars_zone(self):
        result = CALENDAR.add_working_days_many(self.starts.cast(pa.timestamp("ns", "UTC")), 5)
        assert isinstance(result, pa.Array)
        assert result.type == pa.timestamp("us", tz="Asia/Jakarta")
        assert result[0].as_py() == CALENDAR.add_working_days(self.starts[0].as_py(), 5)
        assert result[1].as_py() is None

    def test_counts_are_int64_and_working_time_is_a_duration(self):
        ends = pc.add(self.starts, pa.scalar(dt.timedelta(days=9)))
        counts = CALENDAR.working_days_between_many(self.starts, ends)
        worked = CALENDAR.working_time_between_many(self.starts, ends)
        assert (counts.type, worked.type) == (pa.int64(), pa.duration("us"))
        assert counts.to_pylist() == [
            CALENDAR.working_days_between(self.starts[0].as_py(), ends[0].as_py()),
            None,
        ]
        assert worked.to_pylist() == [
            CALENDAR.working_time_between(self.starts[0].as_py(), ends[0].as_py()),
            None,
        ]

    def test_a_chunked_array_keeps_its_chunk_lengths_empty_chunks_included(self):
        pieces = pa.chunked_array([self.starts[:1], self.starts[:0], self.starts[1:]])
        result = CALENDAR.add_working_time_many(pieces, dt.timedelta(hours=2))
        assert isinstance(result, pa.ChunkedArray)
        assert [len(c) for c in result.chunks] == [1, 0, 1]
        assert result.type == pa.timestamp("us", tz="Asia/Jakarta")

    def test_an_empty_chunked_array_gives_an_empty_chunked_array(self):
        empty = pa.chunked_array([], type=UTC_US)
        result = CALENDAR.working_days_between_many(empty, empty)
        assert (len(result), result.num_chunks, result.type) == (0, 0, pa.int64())

    def test_int64_microseconds_give_int64_with_nulls(self):
        unix = self.starts.cast(pa.int64())
        result = CALENDAR.add_working_days_many(unix, 5)
        assert result.type == pa.int64()
        assert result.to_pylist() == _as_list(CALENDAR.add_working_days_many(self.starts, 5))
        worked = CALENDAR.working_time_between_many(unix, unix)
        assert worked.to_pylist() == [0, None]

    def test_the_nat_bits_in_int64_are_missing_as_on_the_numpy_path(self):
        unix = pa.array([MISSING, FIRST + DAY_US], type=pa.int64())
        assert CALENDAR.add_working_days_many(unix, 1).is_null().to_pylist() == [True, False]

    def test_mixed_kinds_are_read_each_on_its_own_and_the_answer_follows_starts(self):
        numpy = self.starts.to_numpy(zero_copy_only=False)
        later = numpy + np.timedelta64(3, "D")
        from_arrow = CALENDAR.working_days_between_many(self.starts, later)
        from_numpy = CALENDAR.working_days_between_many(numpy, pa.array(later).cast(UTC_US))
        assert isinstance(from_arrow, pa.Array)
        assert from_numpy.dtype == np.float64
        assert _as_list(from_arrow) == _as_list(from_numpy)
        series = pd.Series(numpy).dt.tz_localize("UTC")
        from_pandas = CALENDAR.working_time_between_many(series, pa.array(later).cast(UTC_US))
        assert isinstance(from_pandas, pd.Series)
        hours = np.array([3_600_000_000, MISSING]).view("timedelta64[us]")
        added = CALENDAR.add_working_time_many(self.starts, hours)
        assert added.type == pa.timestamp("us", tz="Asia/Jakarta")
        also = CALENDAR.add_working_time_many(numpy, pa.array(hours))
        assert _as_list(added) == _as_list(also)

    def test_one_arrow_end_serves_every_start(self):
        ends = pa.array([dt.datetime(2024, 5, 1, tzinfo=dt.UTC)], type=UTC_US)
        counts = CALENDAR.working_days_between_many(self.starts, ends)
        assert counts.to_pylist()[1] is None
        assert counts[0].as_py() == CALENDAR.working_days_between(
            self.starts[0].as_py(), ends[0].as_py()
        )


class TestPolars:
    """A polars Series is read through its Arrow form and comes back as a polars Series."""

    series = pl.Series("submitted", TestArrowKinds.starts).dt.convert_time_zone("Asia/Makassar")

    def test_instants_come_back_as_a_series_of_the_same_name_in_the_calendars_zone(self):
        result = CALENDAR.add_working_days_many(self.series, 5)
        assert isinstance(result, pl.Series)
        assert result.name == "submitted"
        assert result.dtype == pl.Datetime("us", "Asia/Jakarta")
        assert _as_list(result) == _as_list(
            CALENDAR.add_working_days_many(TestArrowKinds.starts, 5)
        )

    def test_counts_durations_and_added_time(self):
        counts = CALENDAR.working_days_between_many(self.series, self.series)
        assert (counts.dtype, counts.null_count()) == (pl.Int64, 1)
        worked = CALENDAR.working_time_between_many(self.series, self.series)
        assert worked.dtype == pl.Duration("us")
        hours = pl.Series("h", [dt.timedelta(hours=1), None])
        assert CALENDAR.add_working_time_many(self.series, hours).null_count() == 1

    def test_naive_polars_datetimes_are_refused_with_the_fix(self):
        naive = self.series.dt.replace_time_zone(None)
        with pytest.raises(InvalidArgumentError, match=r"replace_time_zone"):
            CALENDAR.add_working_days_many(naive, 1)

    def test_a_polars_data_frame_is_refused(self):
        with pytest.raises(InvalidArgumentError, match="polars Series"):
            CALENDAR.add_working_days_many(self.series.to_frame(), 1)


class TestPandasBackedByArrow:
    """A pandas Series of ``pd.ArrowDtype`` keeps its zone in the Arrow type: read it there."""

    starts = pd.Series(TestArrowKinds.starts, dtype=pd.ArrowDtype(TestArrowKinds.starts.type))

    def test_answers_equal_the_arrow_answers_as_a_pandas_series(self):
        named = self.starts.rename("submitted")
        result = CALENDAR.add_working_days_many(named, 5)
        assert isinstance(result, pd.Series)
        assert result.name == "submitted"
        expected = CALENDAR.add_working_days_many(TestArrowKinds.starts, 5)
        assert result.isna().tolist() == [value is None for value in expected.to_pylist()]
        assert [value.to_pydatetime() for value in result.dropna()] == [
            value for value in expected.to_pylist() if value is not None
        ]

    def test_counts_and_durations(self):
        counts = CALENDAR.working_days_between_many(self.starts, self.starts)
        assert str(counts.dtype) == "Int64"
        hours = pd.Series(
            pa.array([3_600_000_000] * len(self.starts), pa.duration("us")),
            dtype=pd.ArrowDtype(pa.duration("us")),
        )
        added = CALENDAR.add_working_time_many(self.starts, hours)
        expected = CALENDAR.add_working_time_many(TestArrowKinds.starts, dt.timedelta(hours=1))
        assert added.isna().sum() == expected.null_count

    def test_naive_arrow_timestamps_in_pandas_are_refused(self):
        naive = pd.Series([1, 2], dtype=pd.ArrowDtype(pa.timestamp("us")))
        with pytest.raises(InvalidArgumentError, match="without a time zone"):
            CALENDAR.add_working_days_many(naive, 1)


class TestArrowRefusals:
    """Wrong Arrow columns are refused as the numpy path refuses them; arguments stay unchanged."""

    starts = TestArrowKinds.starts

    def test_naive_timestamps_are_refused_with_the_fix(self):
        naive = self.starts.cast(pa.timestamp("us"))
        with pytest.raises(InvalidArgumentError, match=r"without a time zone.*assume_timezone"):
            CALENDAR.add_working_days_many(naive, 1)
        with pytest.raises(InvalidArgumentError, match="ends holds Arrow timestamps without"):
            CALENDAR.working_days_between_many(self.starts, naive)

    @pytest.mark.parametrize(
        "values",
        [
            pa.array(["2024-06-03T09:00"]),
            pa.array([dt.date(2024, 6, 3)], type=pa.date32()),
            pa.array([1.5]),
            pa.array([1], type=pa.int32()),
            pa.array([dt.timedelta(hours=1)]),
        ],
        ids=["string", "date32", "double", "int32", "duration"],
    )
    def test_columns_that_are_not_instants_are_refused(self, values):
        with pytest.raises(InvalidArgumentError, match="must hold time-zone-aware timestamps"):
            CALENDAR.add_working_days_many(values, 1)

    @pytest.mark.parametrize("value", [pa.scalar(1), pa.table({"a": [1]}), pa.array([[1]])])
    def test_other_pyarrow_objects_are_refused(self, value):
        with pytest.raises(InvalidArgumentError):
            CALENDAR.working_time_between_many(value, value)

    def test_durations_must_be_durations_or_int64(self):
        with pytest.raises(InvalidDurationError, match="must hold durations"):
            CALENDAR.add_working_time_many(self.starts, self.starts)
        with pytest.raises(InvalidDurationError, match="pyarrow Array or ChunkedArray"):
            CALENDAR.add_working_time_many(self.starts, pa.scalar(dt.timedelta(hours=1)))

    def test_negative_arrow_durations_are_refused_by_index(self):
        durations = pa.array([None, -1], type=pa.duration("s"))
        with pytest.raises(InvalidDurationError, match=r"duration\[1\] is negative"):
            CALENDAR.add_working_time_many(self.starts, durations)

    def test_lengths_must_match(self):
        three = pa.chunked_array([self.starts, self.starts[:1]])
        with pytest.raises(InvalidArgumentError, match="3 instants and ends 2"):
            CALENDAR.working_days_between_many(three, self.starts)
        with pytest.raises(InvalidDurationError, match="2 values for 3 starts"):
            CALENDAR.add_working_time_many(three, pa.array([1, 2], type=pa.duration("us")))

    def test_seconds_far_outside_the_years_are_refused_not_wrapped(self):
        huge = pa.array([None, 10**16], type=pa.timestamp("s", tz="UTC"))
        with pytest.raises(CalendarCoverageError, match=r"starts\[1\]"):
            CALENDAR.add_working_days_many(huge, 1)

    def test_a_failed_call_changes_nothing(self):
        starts = pa.chunked_array([self.starts, self.starts])
        before = starts.to_pylist()
        durations = pa.array([1, -1, None, 2], type=pa.duration("us"))
        with pytest.raises(InvalidDurationError):
            CALENDAR.add_working_time_many(starts, durations)
        assert starts.to_pylist() == before
        assert durations.to_pylist() == [
            dt.timedelta(microseconds=1),
            dt.timedelta(microseconds=-1),
            None,
            dt.timedelta(microseconds=2),
        ]


class TestPyarrowStaysOptional:
    """pyarrow is imported only when a caller hands the calendar an Arrow column."""

    def test_neither_import_smartcity_nor_a_numpy_call_imports_pyarrow(self):
        script = textwrap.dedent(
            """
            import sys
            import numpy as np
            import smartcity
            from smartcity.sla import WorkingCalendar

            calendar = WorkingCalendar.indonesia(years=[2024])
            starts = np.array(["2024-06-03T02:00", "NaT"], dtype="datetime64[us]")
            calendar.add_working_days_many(starts, 3)
            calendar.working_days_between_many(starts, starts)
            calendar.working_time_between_many(starts, starts)
            calendar.add_working_time_many(starts, np.timedelta64(1, "h"))
            print(sorted(m for m in ("pyarrow", "polars", "pandas") if m in sys.modules))
            """
        )
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == "[]"
