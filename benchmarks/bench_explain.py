"""Cost of explaining a deadline, against the hand-written loop it replaces, as ratios.

Run: ``uv run python benchmarks/bench_explain.py`` (``--quick`` for a smoke run).

Peer: what a user wrote before ``explain_deadline`` existed: step one day at a time from the
day of receipt, ask ``is_working_day`` and ``closures`` for each day, stop at the n-th working
day. The peer gives no reasons for weekends or overrides and no text; ours does both, so the
ratio is the price of the complete explanation. ``text`` (Babel) is timed on its own, and
``City.promise`` as a whole.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

import pendulum

from smartcity.reports import Report
from smartcity.samples import semarang
from smartcity.sla import WorkingCalendar, explain_deadline


def per_call(func: Callable[[], object], *, repeat: int = 5, number: int = 200) -> float:
    """Best-of-``repeat`` mean seconds per call."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        timings.append((time.perf_counter() - start) / number)
    return min(timings)


def by_hand(calendar: WorkingCalendar, start: dt.datetime, n: int) -> list[tuple[dt.date, str]]:
    """The loop users wrote: the counted and the closed days, stepping one day at a time."""
    day = pendulum.instance(start).in_timezone(calendar.tz).date()
    days: list[tuple[dt.date, str]] = []
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
            days.append((day, f"working day {counted}"))
        else:
            names = ", ".join(c.name for c in calendar.closures(day, day))
            days.append((day, names or "weekend"))
    return days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    number = 20 if args.quick else 200
    calendar = WorkingCalendar.indonesia(years=range(2024, 2027))
    start = pendulum.datetime(2026, 3, 13, 9, tz="Asia/Jakarta")
    print(f"explain_deadline vs the hand-written loop ({number} calls, best of 5)")
    for n in (5, 14, 60):
        explanation = explain_deadline(calendar, start, n)
        peer_days = by_hand(calendar, start, n)
        assert [d for d, _ in peer_days] == sorted(
            [c.date for c in explanation.counted] + [s.date for s in explanation.skipped]
        )
        ours = per_call(lambda n=n: explain_deadline(calendar, start, n), number=number)
        peer = per_call(lambda n=n: by_hand(calendar, start, n), number=number)
        text = per_call(lambda e=explanation: e.text("id"), number=number)
        print(
            f"  n={n:<3} explain {ours * 1e6:9.1f} µs   by hand {peer * 1e6:9.1f} µs   "
            f"ratio {ours / peer:5.2f}   text('id') {text * 1e6:9.1f} µs"
        )
    city = semarang()
    at = pendulum.datetime(2026, 3, 17, 9, tz="Asia/Jakarta")
    report = Report.submit("B-1", category="drainage", description="Saluran", address="Jl", at=at)
    report = city.intake(report, at=at.add(hours=1))
    now = at.add(days=1)
    promise = per_call(lambda: city.promise(report, now=now), number=number)
    clock = per_call(lambda: city.clock(report), number=number)
    print(
        f"  City.promise {promise * 1e6:9.1f} µs   City.clock {clock * 1e6:9.1f} µs   "
        f"ratio {promise / clock:5.2f}"
    )


if __name__ == "__main__":
    main()
