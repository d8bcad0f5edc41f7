"""Hostile inputs: what a request built to stall a worker costs before it is refused.

Run: ``uv run python benchmarks/bench_hostile.py``.

``bench_histories()``: replaying a long history (``Report.replay`` and ``from_dict(Report)``)
costs time linear in its length (the per-event cost stays flat from 1,000 events to the
maximum), and a history over :data:`~smartcity.reports.MAX_HISTORY_LENGTH` is refused in well
under a second, however long it is.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable

from smartcity.exceptions import SmartCityError
from smartcity.geo import GeoPoint
from smartcity.reports import MAX_HISTORY_LENGTH, EventKind, Report, ReportEvent, ReportStatus
from smartcity.serialization import from_dict, to_dict

START = dt.datetime(2026, 3, 2, 8, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def long_report(events: int) -> Report:
    """A report with ``events`` events: submitted, verified, assigned, then notes."""
    report = Report.submit(
        "SMG-2026-000001",
        category="drainage",
        description="Saluran tersumbat",
        at=START,
        location=GeoPoint(-6.98, 110.41),
    )
    report = report.transition(ReportStatus.VERIFIED, at=START).assign("DPU", at=START)
    notes = [
        ReportEvent(
            EventKind.NOTED,
            START + dt.timedelta(minutes=number),
            ReportStatus.ASSIGNED,
            note=f"note {number}",
        )
        for number in range(events - len(report.history))
    ]
    return Report.replay([*report.history, *notes])


def best_of(runs: int, call: Callable[[], object]) -> float:
    """The fastest of ``runs`` timed calls, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def refused_in(call: Callable[[], object]) -> float:
    """Seconds until ``call`` is refused with a SmartCityError."""
    started = time.perf_counter()
    try:
        call()
    except SmartCityError:
        return time.perf_counter() - started
    msg = "the hostile input was accepted"
    raise AssertionError(msg)


def bench_histories() -> None:
    """Replay and from_dict of long histories, and the refusal of over-long ones."""
    print(f"histories (MAX_HISTORY_LENGTH = {MAX_HISTORY_LENGTH:,})")
    longest = long_report(MAX_HISTORY_LENGTH)
    for length in (100, 1_000, MAX_HISTORY_LENGTH):
        events = longest.history[:length]
        data = json.loads(json.dumps(to_dict(Report.replay(events))))
        replay = best_of(3, lambda events=events: Report.replay(events))
        read = best_of(3, lambda data=data: from_dict(Report, data))
        print(
            f"  {length:>7,} events: replay {replay * 1e3:8.1f} ms "
            f"({replay / length * 1e6:5.1f} µs/event), from_dict {read * 1e3:8.1f} ms "
            f"({read / length * 1e6:5.1f} µs/event)"
        )
    over = (*longest.history, longest.history[-1])
    seconds = refused_in(lambda: Report.replay(over))
    print(f"  refused: replay of {len(over):,} events in {seconds * 1e3:.2f} ms")
    huge = {"history": [to_dict(longest)["history"][-1]] * 1_000_000}
    print(
        f"  refused: from_dict of 1,000,000 events in "
        f"{refused_in(lambda: from_dict(Report, huge)) * 1e3:.2f} ms"
    )
    # A history whose last event is refused: the refused event is found without re-replaying.
    bad = [*to_dict(longest)["history"]]
    bad[-1] = {**bad[-1], "at": "2020-01-01T00:00:00+07:00"}
    print(
        f"  refused: from_dict of {len(bad):,} events, the last one out of order, in "
        f"{refused_in(lambda: from_dict(Report, {'history': bad})) * 1e3:.1f} ms"
    )


def main() -> None:
    bench_histories()


if __name__ == "__main__":
    main()
