"""One calendar can be shared by many threads: every answer is the single-threaded one."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Iterator

import numpy as np
import pendulum
import pytest

from smartcity.sla import WorkingCalendar

THREADS = 8
T = dt.time


def fresh_calendars() -> list[Callable[[], WorkingCalendar]]:
    return [
        lambda: WorkingCalendar.indonesia(years=range(2024, 2027)),
        lambda: WorkingCalendar.build(
            tz="Europe/London",
            week=dict.fromkeys(range(1, 6), [(T(0, 30), T(2)), (T(9), T(17))]),
            closed=[dt.date(2024, 12, 25), dt.date(2024, 12, 26)],
            coverage=(dt.date(2023, 1, 1), dt.date(2026, 12, 31)),
        ),
        lambda: WorkingCalendar.always_open(tz="America/New_York"),
    ]


def questions(calendar: WorkingCalendar) -> list[Callable[[], object]]:
    """Every public question, a few times over, with the batch form first (the lazy tables)."""
    zone = calendar.tz
    starts = [
        pendulum.datetime(2024, month, 1 + 2 * month, 1, 45, tz=zone) for month in range(2, 13)
    ]
    array = np.array([start.in_tz("UTC").naive() for start in starts], dtype="datetime64[us]")
    found: list[Callable[[], object]] = [
        lambda: tuple(calendar.add_working_days_many(array, 5).tolist()),
        lambda: tuple(calendar.add_working_days_many(array, -3).tolist()),
        lambda: tuple(calendar.add_working_days_many(array, 0).tolist()),
    ]
    for start in starts:
        end = start.add(days=40)
        found += [
            lambda start=start: calendar.is_working_day(start),
            lambda start=start: calendar.is_working_time(start),
            lambda start=start: calendar.next_working_instant(start),
            lambda start=start: calendar.add_working_days(start, 5),
            lambda start=start: calendar.add_working_days(start, -2),
            lambda start=start: calendar.add_working_time(start, dt.timedelta(hours=30)),
            lambda start=start, end=end: calendar.working_days_between(start, end),
            lambda start=start, end=end: calendar.working_time_between(start, end),
            lambda start=start, end=end: calendar.closures(start.date(), end.date()),
        ]
    return found


def answers(calendar: WorkingCalendar) -> list[object]:
    return [question() for question in questions(calendar)]


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as possible, so that a race has every chance to show."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def in_threads(calendar: WorkingCalendar) -> tuple[list[object], list[BaseException]]:
    """Ask every question in THREADS threads at once; return their answers and errors."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS
    errors: list[BaseException] = []

    def hammer(index: int) -> None:
        try:
            asked = questions(calendar)
            barrier.wait()
            results[index] = [question() for question in asked]
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


class TestSharedBetweenThreads:
    @pytest.mark.usefixtures("fast_switching")
    @pytest.mark.parametrize("make", fresh_calendars())
    def test_eight_threads_on_a_fresh_calendar_get_the_single_threaded_answers(
        self, make: Callable[[], WorkingCalendar]
    ) -> None:
        """Regression: the batch tables were filled lazily and read half-filled (KeyError)."""
        expected = answers(make())
        for _round in range(5):
            results, errors = in_threads(make())  # fresh: nothing built lazily yet
            assert errors == []
            assert results == [expected] * THREADS
