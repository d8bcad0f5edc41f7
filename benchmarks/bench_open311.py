"""Cost of publishing the promised deadline in Open311, against the bare clock, as ratios.

Run: ``uv run python benchmarks/bench_open311.py`` (``--quick`` for a smoke run).

``service_request`` publishes as ``expected_datetime`` the deadline :meth:`City.promise`
tells the citizen: the same clock (the primary clock, on the agency's calendar), without the
promise's explanation and text, which Open311 does not show. Peer: the deadline alone,
``SlaClock.of(report, policy, calendar).deadline_at(now)``. Timed over the same progressed
Semarang sample reports: the bare deadline, the whole ``City.promise`` (with its text), and the
whole ``service_request`` item. A ``GET requests`` answer lists up to 1,000."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from smartcity.open311 import service_request
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.sla import SlaClock


def per_round(func: Callable[[], object], *, repeat: int) -> float:
    """Best-of-``repeat`` seconds for one call of ``func``."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer reports")
    args = parser.parse_args()
    count, repeat = (50, 2) if args.quick else (1_000, 5)
    city = semarang()
    wib = ZoneInfo("Asia/Jakarta")
    now = dt.datetime(2026, 4, 1, 10, tzinfo=wib)
    submitted = generate_reports(
        city,
        count=count,
        start=dt.datetime(2026, 1, 5, tzinfo=wib),
        end=dt.datetime(2026, 3, 31, tzinfo=wib),
    )
    moved = [progress_reports(city.intake(r, at=r.submitted_at), now=now) for r in submitted]
    reports = [report for report in moved if report.updated_at <= now]
    schedule = city.schedule
    assert schedule is not None
    pairs = [(r, schedule.policy_for(r, schedule.primary)) for r in reports]

    def bare() -> list[object]:
        return [
            None if p is None else SlaClock.of(r, p, city.calendar_for(r.agency)).deadline_at(now)
            for r, p in pairs
        ]

    def promised() -> list[object]:
        answers = [city.promise(r, now=now) for r in reports]
        return [None if a is None else a.deadline for a in answers]

    def published() -> list[object]:
        return [service_request(r, city, now=now)["expected_datetime"] for r in reports]

    assert bare() == promised(), "the promise and the bare clock disagree"
    seconds = {
        "bare clock deadline (peer)": per_round(bare, repeat=repeat),
        "City.promise deadline": per_round(promised, repeat=repeat),
        "service_request (whole item)": per_round(published, repeat=repeat),
    }
    peer = seconds["bare clock deadline (peer)"]
    print(f"{len(reports)} progressed Semarang reports, best of {repeat}")
    for name, value in seconds.items():
        print(
            f"{name:30} {value * 1e3 / len(reports):7.3f} ms/report  {value / peer:5.1f}x the peer"
        )


if __name__ == "__main__":
    main()
