"""The complaint desk's own cost: intake and transitions, against the bare calls they need.

Run: ``uv run python benchmarks/bench_reports.py`` (``--quick`` for 10,000 reports).

Prints reports per second, then two ratios measured in the same run:

* intake per report against the bare ``WardMap.locate`` + ``add_working_days`` of the same
  report (goal: at most 3x, so the domain layer costs little);
* one transition against one ``attrs.evolve`` of the same report (goal: at most 3x, so history
  keeping stays cheap).

Then the duplicate search: building a ``DuplicateIndex`` of every taken-in report, and one
``find`` per report for 10,000 of them (radius 250 m, 30 days, same category, open only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import attrs

from smartcity.desk import DuplicateIndex
from smartcity.geo import GeoPoint
from smartcity.reports import ReportStatus
from smartcity.samples import generate_reports, semarang

S = ReportStatus
# Ten legal transitions after assignment: work, wait, resolve, reopen...
TEN_TRANSITIONS = (
    S.IN_PROGRESS, S.WAITING_FOR_REPORTER, S.IN_PROGRESS, S.WAITING_FOR_REPORTER, S.IN_PROGRESS,
    S.RESOLVED, S.IN_PROGRESS, S.RESOLVED, S.IN_PROGRESS, S.RESOLVED,
)  # fmt: skip
START = dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 reports instead of 100,000")
    args = parser.parse_args()
    count = 10_000 if args.quick else 100_000

    city = semarang()
    reports = generate_reports(
        city, count=count, start=START, end=START + dt.timedelta(days=300), seed=1
    )
    print(f"{count:,} generated reports on {city.name}")

    started = time.perf_counter()
    taken = [city.intake(r, at=r.submitted_at) for r in reports]
    intake = time.perf_counter() - started

    calendar = city.calendar
    ward_map = city.ward_map
    started = time.perf_counter()
    for r in reports:
        location = r.location
        assert location is not None
        ward_map.locate(GeoPoint(location.lat, location.lon))
        calendar.add_working_days(r.submitted_at, 5)
    bare = time.perf_counter() - started

    assigned = [r for r in taken if r.status is S.ASSIGNED]
    minute = dt.timedelta(minutes=1)
    started = time.perf_counter()
    for original in assigned:
        report, at = original, original.updated_at
        for status in TEN_TRANSITIONS:
            at += minute
            report = report.transition(status, at=at)
    transitions = time.perf_counter() - started
    moves = 10 * len(assigned)

    started = time.perf_counter()
    for original in assigned:
        report = original
        for _ in TEN_TRANSITIONS:
            report = attrs.evolve(report, status=report.status)
    evolves = time.perf_counter() - started

    print(f"intake:      {count / intake:10,.0f} reports/s  ({intake / count * 1e6:6.1f} µs each)")
    print(
        f"bare calls:  {count / bare:10,.0f} reports/s  ({bare / count * 1e6:6.1f} µs each)"
        "  locate + add_working_days"
    )
    print(f"  ratio intake / bare calls: {intake / bare:.2f}  (goal <= 3)")
    print(
        f"transitions: {moves / transitions:10,.0f} per s     ({transitions / moves * 1e6:6.2f} µs"
        f" each, {len(assigned):,} assigned reports x 10)"
    )
    print(f"attrs.evolve:{moves / evolves:10,.0f} per s     ({evolves / moves * 1e6:6.2f} µs each)")
    print(f"  ratio transition / evolve: {transitions / evolves:.2f}  (goal <= 3)")

    started = time.perf_counter()
    index = DuplicateIndex(taken)
    built = time.perf_counter() - started
    probes = taken[:10_000]
    started = time.perf_counter()
    suggested = sum(len(index.find(r)) for r in probes)
    searched = time.perf_counter() - started
    print(f"duplicate index: {len(index):,} reports in {built * 1e3:7.1f} ms")
    print(
        f"duplicate find: {len(probes) / searched:10,.0f} per s     "
        f"({searched / len(probes) * 1e6:6.1f} µs each, {suggested:,} suggestions)"
    )


if __name__ == "__main__":
    main()
