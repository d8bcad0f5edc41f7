"""SLA clocks and statistics at city scale, with the calendar calls they need as the yardstick.

Run: ``uv run python benchmarks/bench_sla.py`` (``--quick`` for 10,000 reports and 100,000 for the
statistics). It prints:

* the time per report to evaluate every clock of the Semarang schedule (verification, follow-up,
  auto-close) at one ``now``: ``SlaSchedule.clocks`` plus ``state``, ``remaining`` and
  ``deadline_at`` of each clock, on 100,000 reports of 8 events each;
* ``sla_performance`` by agency and month over the same reports;
* ``sla_performance`` by agency over 1,000,000 closed reports, and at a tenth of that size, to
  show that it scales linearly.

Reports are made quickly: a few thousand histories are built through the Report methods, and
each report replays one of them under its own id and category (``Report.replay`` checks every
event again). The machine is shared and noisy: to compare two versions of the library, run this
script against each in turn (e.g. ``PYTHONPATH=<old checkout>/src uv run python
benchmarks/bench_sla.py``), twice, and compare the best figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs

from smartcity.reports import Report, ReportEvent, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.sla import SlaSchedule, WorkingCalendar
from smartcity.stats import sla_performance

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
AGENCIES = ("DPU", "DLH", "DISHUB", "DISPERKIM", "SATPOLPP", "BPBD")
CATEGORIES = ("road", "drainage", "waste", "tree", "street-light", "flood", "info")
CLASSES = {"road": "field", "flood": "field", "tree": "desk", "waste": "desk", "info": "normative"}
NOW = dt.datetime(2026, 6, 30, 12, tzinfo=WIB)


def _later(rng: random.Random, at: dt.datetime) -> dt.datetime:
    # Half-hour steps, from minutes to a few working days apart.
    return at + dt.timedelta(minutes=30 * rng.randint(1, 6 * 48))


def _template(rng: random.Random, *, closed: bool) -> tuple[ReportEvent, ...]:
    """One history of 8 events (6 when ``closed``) built through the Report methods."""
    # Received from January 2024 to January 2026: every deadline stays inside the calendar.
    at = dt.datetime(2024, 1, 3, 8, tzinfo=WIB) + dt.timedelta(
        minutes=30 * rng.randint(0, 48 * 750)
    )
    report = Report.submit("T", category="road", description="Jalan rusak", address="Jl. A", at=at)
    if closed:
        report = report.transition(S.VERIFIED, at=(at := _later(rng, at)))
        report = report.assign(rng.choice(AGENCIES), at=(at := _later(rng, at)))
        report = report.transition(S.IN_PROGRESS, at=(at := _later(rng, at)))
        report = report.transition(S.RESOLVED, at=(at := _later(rng, at)))
        return report.transition(S.CLOSED, at=_later(rng, at)).history
    report = report.locate(ward="33.74.01.1001", district="33.74.01", at=at)
    report = report.transition(S.VERIFIED, at=(at := _later(rng, at)))
    report = report.assign(rng.choice(AGENCIES), at=(at := _later(rng, at)))
    pattern = rng.randrange(4)
    if pattern == 0:  # waits for the reporter, then is resolved: auto-close runs
        steps = (S.IN_PROGRESS, S.WAITING_FOR_REPORTER, S.IN_PROGRESS, S.RESOLVED)
    elif pattern == 1:  # resolved, reopened, resolved again: two cycles
        steps = (S.IN_PROGRESS, S.RESOLVED, S.IN_PROGRESS, S.RESOLVED)
    elif pattern == 2:  # resolved and closed
        steps = (S.IN_PROGRESS, S.WAITING_FOR_REPORTER, S.RESOLVED, S.CLOSED)
    else:  # still being worked on at now
        steps = (S.IN_PROGRESS, S.WAITING_FOR_REPORTER, S.IN_PROGRESS, S.WAITING_FOR_REPORTER)
    for status in steps:
        report = report.transition(status, at=(at := _later(rng, at)))
    return report.history


def make_reports(count: int, *, closed: bool, seed: int = 5) -> list[Report]:
    rng = random.Random(seed)
    templates = [_template(rng, closed=closed) for _ in range(min(count, 5_000))]
    reports = []
    for number in range(count):
        first, *rest = templates[number % len(templates)]
        assert first.submission is not None
        submission = attrs.evolve(
            first.submission, report_id=f"SMG-{number:07d}", category=rng.choice(CATEGORIES)
        )
        reports.append(Report.replay((attrs.evolve(first, submission=submission), *rest)))
    return reports


def evaluate(reports: list[Report], schedule: SlaSchedule, calendar: WorkingCalendar) -> int:
    """Evaluate every clock of every report at NOW; return how many clocks there were."""
    count = 0
    for report in reports:
        for clock in schedule.clocks(report, calendar):
            clock.state(NOW)
            clock.remaining(NOW)
            clock.deadline_at(NOW)
            count += 1
    return count


def timed(func: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def bench_clocks(size: int, schedule: SlaSchedule, calendar: WorkingCalendar) -> None:
    seconds, reports = timed(lambda: make_reports(size, closed=False))
    print(f"{size:,} reports of 8 events made in {seconds:.1f} s")

    best_eval = float("inf")
    clocks = 0
    for _ in range(3):
        seconds, clocks = timed(lambda: evaluate(reports, schedule, calendar))  # type: ignore[assignment]
        best_eval = min(best_eval, seconds)
    print(f"\nEvery clock ({clocks:,} clocks; state, remaining and deadline_at at one now):")
    print(f"  clocks                {best_eval:8.2f} s   {best_eval / size * 1e6:7.1f} µs/report")

    seconds, table = timed(
        lambda: sla_performance(reports, schedule, calendar, now=NOW, by=("agency", "month"))
    )
    print(f"\nsla_performance by agency and month: {seconds:.2f} s ({len(table):,} rows)")  # type: ignore[arg-type]


def bench_stats(count: int, schedule: SlaSchedule, calendar: WorkingCalendar) -> None:
    seconds, closed = timed(lambda: make_reports(count, closed=True, seed=7))
    print(f"\n{count:,} closed reports of 6 events made in {seconds:.1f} s")
    seconds, table = timed(lambda: sla_performance(closed, schedule, calendar, now=NOW))
    print(
        f"  sla_performance by agency: {seconds:.2f} s, "
        f"{seconds / count * 1e6:.1f} µs/report ({len(table)} rows)"  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 reports, 100,000 for stats")
    args = parser.parse_args()
    size = 10_000 if args.quick else 100_000
    big = 100_000 if args.quick else 1_000_000

    calendar = WorkingCalendar.indonesia(years=range(2024, 2027))
    schedule = semarang_schedule(classes=CLASSES)
    bench_clocks(size, schedule, calendar)
    for count in (big // 10, big):
        bench_stats(count, schedule, calendar)


if __name__ == "__main__":
    main()
