"""Calendar speed against its peers, in one run, as ratios (the machine is shared and noisy).

Run: ``uv run python benchmarks/bench_calendar.py`` (``--quick`` for a smoke run).

Peers: ``holidays``' ``get_nth_working_day`` (steps one day at a time), ``numpy.busday_offset``
(weeks + bisected holidays, in C; given a prebuilt ``busdaycalendar``), pandas
``CustomBusinessHour`` (hours, one opening interval a day). Every peer gets the same closed dates.
The Arrow section (``--arrow-only`` runs it alone) times the batch kernels on a pyarrow array
against the same kernels on numpy: the price of reading and writing Arrow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
import tracemalloc
import typing
import warnings
from collections.abc import Callable
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pandas as pd
import pyarrow as pa

from smartcity import WorkingCalendar

WIB = ZoneInfo("Asia/Jakarta")
YEARS = range(2000, 2040)


def per_call(func: Callable[[], object], *, repeat: int = 5, number: int = 2000) -> float:
    """Best-of-``repeat`` mean seconds per call."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        timings.append((time.perf_counter() - start) / number)
    return min(timings)


def show(label: str, ours: float, peer: float, peer_name: str) -> None:
    print(
        f"  {label:<38} ours {ours * 1e6:9.2f} µs   {peer_name} {peer * 1e6:9.2f} µs   "
        f"ratio ours/peer {ours / peer:6.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 100k batch")
    parser.add_argument("--arrow-only", action="store_true", help="only the Arrow section")
    args = parser.parse_args()
    number = 200 if args.quick else 2000
    batch_size = 100_000 if args.quick else 1_000_000
    if args.arrow_only:
        arrow_kernels(WorkingCalendar.indonesia(years=YEARS), size=batch_size, quick=args.quick)
        return

    started = time.perf_counter()
    calendar = WorkingCalendar.indonesia(years=YEARS)
    first_build = time.perf_counter() - started
    rebuild = per_call(
        lambda: WorkingCalendar.build(
            tz=calendar.tz,
            week=calendar.hours,
            closed=calendar.closed,
            overrides=calendar.overrides,
            coverage=calendar.coverage,
        ),
        repeat=3,
        number=5,
    )
    print(
        f"Indonesian calendar {YEARS.start}-{YEARS.stop - 1}: {len(calendar.closed)} closures, "
        f"{len(calendar.overrides)} Ramadan overrides"
    )
    print(f"  first build (imports + holidays package) {first_build * 1e3:8.1f} ms")
    print(f"  build from its parts (40 years)          {rebuild * 1e3:8.1f} ms")

    closed_dates = sorted({c.date for c in calendar.closed})
    numpy_holidays = np.array(closed_dates, dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=numpy_holidays)
    peer_holidays = holidays.country_holidays(
        "ID", years=YEARS, categories=("public", "government")
    )
    start = dt.datetime(2024, 4, 5, 14, tzinfo=WIB)
    start_day = np.datetime64(start.date())

    print("\nadd_working_days (scalar), against holidays.get_nth_working_day and numpy:")
    for n in (5, 250, 2500):
        ours = per_call(lambda n=n: calendar.add_working_days(start, n), number=number)
        steps = per_call(
            lambda n=n: peer_holidays.get_nth_working_day(start.date(), n),
            number=max(number // (n // 5 + 1), 20),
        )

        def numpy_call(n: int = n) -> object:
            first = np.busday_offset(start_day + 1, 0, roll="forward", busdaycal=busdaycal)
            return np.busday_offset(first, n - 1, busdaycal=busdaycal)

        assert calendar.add_working_days(start, n).date() == numpy_call().astype(dt.date)
        show(f"n={n} vs holidays", ours, steps, "holidays")
        show(f"n={n} vs numpy.busday_offset", ours, per_call(numpy_call, number=number), "numpy")

    print("\nadd_working_time, against pandas CustomBusinessHour (07:30-16:00, same holidays):")
    hours_peer = pd.offsets.CustomBusinessHour(
        start="07:30", end="16:00", weekmask="Mon Tue Wed Thu Fri", holidays=closed_dates
    )
    timestamp = pd.Timestamp("2024-04-05 14:00")
    for hours in (1, 40, 400, 4000):
        duration = dt.timedelta(hours=hours)
        ours = per_call(lambda d=duration: calendar.add_working_time(start, d), number=number)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            peer = per_call(
                lambda h=hours: timestamp + hours_peer * h, number=max(number // 20, 10), repeat=3
            )
        show(f"{hours} working hours", ours, peer, "pandas")

    print(f"\nadd_working_days_many on {batch_size:,} starts, against vectorised numpy:")
    rng = np.random.default_rng(20240405)
    unix_start = np.datetime64("2001-01-01T00:00", "us").astype(np.int64)
    unix_end = np.datetime64("2037-01-01T00:00", "us").astype(np.int64)
    starts = rng.integers(unix_start, unix_end, batch_size).astype("datetime64[us]")
    local_days = (starts + np.timedelta64(7, "h")).astype("datetime64[D]")

    def numpy_batch() -> object:
        first = np.busday_offset(local_days + 1, 0, roll="forward", busdaycal=busdaycal)
        return np.busday_offset(first, 4, busdaycal=busdaycal)

    ours_times, numpy_times = [], []
    for _ in range(3 if args.quick else 5):
        t0 = time.perf_counter()
        result = calendar.add_working_days_many(starts, 5)
        ours_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        expected = numpy_batch()
        numpy_times.append(time.perf_counter() - t0)
    same_dates = (result + np.timedelta64(7, "h")).astype("datetime64[D]") == expected
    show("5 working days, per batch", min(ours_times), min(numpy_times), "numpy")
    print(f"  agreement with numpy on the due date: {same_dates.mean():.4%}")
    print(f"  median per start: ours {statistics.median(ours_times) / batch_size * 1e9:.1f} ns")

    batch_kernels(calendar, busdaycal, starts, quick=args.quick)
    arrow_kernels(calendar, size=batch_size, quick=args.quick)
    scaling(
        calendar, busdaycal, sizes=(100_000, 1_000_000) if args.quick else (1_000_000, 10_000_000)
    )


def best_of(func: Callable[[], object], repeat: int) -> float:
    """Best-of-``repeat`` seconds of one call."""
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        timings.append(time.perf_counter() - t0)
    return min(timings)


def peak_bytes(func: Callable[[], object]) -> int:
    """Peak memory allocated during one call (numpy's buffers included), result dropped."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def local_days(starts: np.ndarray) -> np.ndarray:
    """The WIB (UTC+7, no daylight saving) local dates of UTC instants."""
    return (starts + np.timedelta64(7, "h")).astype("datetime64[D]")


def batch_kernels(
    calendar: WorkingCalendar, busdaycal: np.busdaycalendar, starts: np.ndarray, *, quick: bool
) -> None:
    """The other batch kernels against numpy's day-granular busday_count / busday_offset."""
    size = len(starts)
    repeat = 3 if quick else 5
    rng = np.random.default_rng(7)
    ends = starts + rng.integers(0, 60 * 86_400_000_000, size).astype("timedelta64[us]")
    start_days, end_days = local_days(starts), local_days(ends)
    print(f"\nthe batch kernels on {size:,} pairs, against numpy (day granular, same closures):")

    counts = calendar.working_days_between_many(starts, ends)
    peer = np.busday_count(start_days + 1, end_days + 1, busdaycal=busdaycal)
    assert (counts == peer).all()
    show(
        "working_days_between_many",
        best_of(lambda: calendar.working_days_between_many(starts, ends), repeat),
        best_of(lambda: np.busday_count(start_days + 1, end_days + 1, busdaycal=busdaycal), repeat),
        "numpy busday_count",
    )
    show(
        "working_time_between_many (exact hours)",
        best_of(lambda: calendar.working_time_between_many(starts, ends), repeat),
        best_of(lambda: np.busday_count(start_days + 1, end_days + 1, busdaycal=busdaycal), repeat),
        "numpy busday_count",
    )
    hours = dt.timedelta(hours=40)
    show(
        "add_working_time_many, 40 h (exact)",
        best_of(lambda: calendar.add_working_time_many(starts, hours), repeat),
        best_of(
            lambda: np.busday_offset(start_days, 5, roll="forward", busdaycal=busdaycal), repeat
        ),
        "numpy busday_offset",
    )
    missing = starts.copy()
    missing[::10] = np.datetime64("NaT")
    show(
        "add_working_days_many, 10 % NaT",
        best_of(lambda: calendar.add_working_days_many(missing, 5), repeat),
        best_of(lambda: calendar.add_working_days_many(starts, 5), repeat),
        "no NaT",
    )


def arrow_kernels(calendar: WorkingCalendar, *, size: int, quick: bool) -> None:
    """The four batch kernels on a pyarrow timestamp('us', tz='UTC') array against numpy.

    The same instants, ends and durations on both sides; the answers are checked equal (nulls
    where NaT) before timing. The ratio is the cost of reading Arrow and building Arrow results.
    """
    repeat = 3 if quick else 5
    rng = np.random.default_rng(13)
    low = np.datetime64("2001-01-01T00:00", "us").astype(np.int64)
    high = np.datetime64("2037-01-01T00:00", "us").astype(np.int64)
    starts = rng.integers(low, high, size).astype("datetime64[us]")
    ends = starts + rng.integers(0, 60 * 86_400_000_000, size).astype("timedelta64[us]")
    hours = rng.integers(0, 80 * 3_600_000_000, size).astype("timedelta64[us]")
    utc = pa.timestamp("us", tz="UTC")
    arrow_starts, arrow_ends = pa.array(starts, type=utc), pa.array(ends, type=utc)
    arrow_hours = pa.array(hours)
    with_nulls = starts.copy()
    with_nulls[::10] = np.datetime64("NaT")
    arrow_nulls = pa.array(with_nulls, type=utc)  # NaT becomes null
    chunked = pa.chunked_array(
        [arrow_starts.slice(i, size // 16) for i in range(0, size, size // 16)]
    )
    kernels: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "add_working_days_many, 5 days",
            lambda: calendar.add_working_days_many(arrow_starts, 5),
            lambda: calendar.add_working_days_many(starts, 5),
        ),
        (
            "working_days_between_many",
            lambda: calendar.working_days_between_many(arrow_starts, arrow_ends),
            lambda: calendar.working_days_between_many(starts, ends),
        ),
        (
            "working_time_between_many",
            lambda: calendar.working_time_between_many(arrow_starts, arrow_ends),
            lambda: calendar.working_time_between_many(starts, ends),
        ),
        (
            "add_working_time_many, 0-80 h",
            lambda: calendar.add_working_time_many(arrow_starts, arrow_hours),
            lambda: calendar.add_working_time_many(starts, hours),
        ),
        (
            "add_working_days_many, 10 % null",
            lambda: calendar.add_working_days_many(arrow_nulls, 5),
            lambda: calendar.add_working_days_many(with_nulls, 5),
        ),
        (
            "add_working_days_many, 16 chunks",
            lambda: calendar.add_working_days_many(chunked, 5),
            lambda: calendar.add_working_days_many(starts, 5),
        ),
    ]
    print(f"\nthe batch kernels on a pyarrow timestamp('us', tz='UTC') array of {size:,}:")
    for label, arrow_call, numpy_call in kernels:
        ours, peer = arrow_call(), np.asarray(numpy_call())
        got = typing.cast("typing.Any", ours).cast(pa.int64()).to_numpy(zero_copy_only=False)
        wanted = peer.view(np.int64).astype(np.float64) if peer.dtype.kind in "mM" else peer
        missing = np.isnat(peer) if peer.dtype.kind in "mM" else np.isnan(peer)
        assert np.array_equal(np.isnan(got), missing)
        assert np.array_equal(got[~missing], wanted[~missing])
        arrow_time = numpy_time = float("inf")
        for _ in range(repeat):  # in turn, so a burst of load hits both sides
            arrow_time = min(arrow_time, best_of(arrow_call, 1))
            numpy_time = min(numpy_time, best_of(numpy_call, 1))
        print(
            f"  {label:<36} Arrow {arrow_time * 1e3:8.1f} ms   numpy {numpy_time * 1e3:8.1f} ms"
            f"   ratio Arrow/numpy {arrow_time / numpy_time:5.2f}"
        )


def scaling(
    calendar: WorkingCalendar, busdaycal: np.busdaycalendar, sizes: tuple[int, int]
) -> None:
    """Per-element time and peak memory of add_working_days_many at two sizes, against numpy.

    The sizes are timed in turn, several rounds, best of each: the machine is shared, and a
    burst of load on one size alone would read as a scaling effect.
    """
    print("\nadd_working_days_many, 5 days: per-element cost and peak memory by size")
    rng = np.random.default_rng(11)
    low = np.datetime64("2001-01-01T00:00", "us").astype(np.int64)
    high = np.datetime64("2037-01-01T00:00", "us").astype(np.int64)
    small, large = sizes
    columns = {large: rng.integers(low, high, large).astype("datetime64[us]")}
    columns[small] = columns[large][:small].copy()

    def numpy_call(starts: np.ndarray) -> object:
        first = np.busday_offset(local_days(starts) + 1, 0, roll="forward", busdaycal=busdaycal)
        return np.busday_offset(first, 4, busdaycal=busdaycal)

    ours: dict[int, float] = dict.fromkeys(sizes, float("inf"))
    peer: dict[int, float] = dict.fromkeys(sizes, float("inf"))
    for _ in range(3):
        for size in sizes:
            starts = columns[size]
            ours[size] = min(
                ours[size], best_of(lambda s=starts: calendar.add_working_days_many(s, 5), 1) / size
            )
            peer[size] = min(peer[size], best_of(lambda s=starts: numpy_call(s), 1) / size)
    for size in sizes:
        starts = columns[size]
        ours_peak = peak_bytes(lambda s=starts: calendar.add_working_days_many(s, 5))
        peer_peak = peak_bytes(lambda s=starts: numpy_call(s))
        print(
            f"  {size:>12,} starts: ours {ours[size] * 1e9:6.1f} ns/start, peak "
            f"{ours_peak / 2**20:7.1f} MiB   numpy {peer[size] * 1e9:6.1f} ns/start, peak "
            f"{peer_peak / 2**20:7.1f} MiB   ratio ours/numpy {ours[size] / peer[size]:5.2f}"
        )
    print(
        f"  per-element cost, {large:,} / {small:,}: ours {ours[large] / ours[small]:.2f}, "
        f"numpy {peer[large] / peer[small]:.2f} (1.00: linear)"
    )


if __name__ == "__main__":
    main()
