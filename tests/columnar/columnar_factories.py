"""Shared data for the columnar tests: a few thousand Semarang reports moved along."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from smartcity.desk import City
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.sla import SlaPolicy

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 9, 30, 15, tzinfo=WIB)


@functools.cache
def semarang_reports(count: int = 3000) -> tuple[City, tuple[Report, ...]]:
    """``count`` generated reports over 2025, taken in by the city and moved up to NOW."""
    city = semarang()
    submitted = generate_reports(
        city, count=count, start=dt.datetime(2025, 1, 2, tzinfo=WIB), end=NOW, seed=9
    )
    moved = tuple(
        progress_reports(city.intake(r, at=r.submitted_at + dt.timedelta(minutes=20)), now=NOW)
        for r in submitted
    )
    return city, moved


def schedule_policies(city: City) -> tuple[SlaPolicy, ...]:
    """Every distinct policy of the city's schedule."""
    assert city.schedule is not None
    return tuple(dict.fromkeys(rule.policy for rule in city.schedule.rules))


def agency_calendars(city: City) -> dict[str, object]:
    """Each agency's calendar, as City.calendar_for gives it."""
    return {code: city.calendar_for(code) for code in city.agencies}
