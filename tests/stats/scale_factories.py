"""Many Semarang reports for the statistics: a pool of generated histories, moved by weeks."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

import attrs

from smartcity.desk import City
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang

WIB = ZoneInfo("Asia/Jakarta")
POOL_END = dt.datetime(2025, 6, 30, tzinfo=WIB)
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=WIB)


@functools.cache
def pool(size: int = 2000) -> tuple[City, tuple[Report, ...]]:
    """``size`` reports over January-June 2025, taken in by the city and moved for 60 days."""
    city = semarang()
    submitted = generate_reports(
        city, count=size, start=dt.datetime(2025, 1, 2, tzinfo=WIB), end=POOL_END, seed=9
    )
    until = POOL_END + dt.timedelta(days=60)
    return city, tuple(
        progress_reports(city.intake(r, at=r.submitted_at + dt.timedelta(minutes=20)), now=until)
        for r in submitted
    )


@functools.cache
def many(count: int) -> tuple[City, tuple[Report, ...]]:
    """``count`` reports: report i is pool report ``i % size`` moved by ``i * 7 % 30`` weeks."""
    city, templates = pool()
    reports = []
    for number in range(count):
        template = templates[number % len(templates)]
        delta = dt.timedelta(weeks=number * 7 % 30)
        history = [attrs.evolve(event, at=event.at + delta) for event in template.history]
        submission = attrs.evolve(template.submission, report_id=f"S{number:06d}")
        history[0] = attrs.evolve(history[0], submission=submission)
        reports.append(Report.replay(history))
    return city, tuple(reports)
