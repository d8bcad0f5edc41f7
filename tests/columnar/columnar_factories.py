"""Shared data for the columnar tests: a few thousand Semarang reports moved along."""

from __future__ import annotations

import datetime as dt
import functools
import random
from zoneinfo import ZoneInfo

import numpy as np

from smartcity.desk import City
from smartcity.reports import EventKind, Report
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


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def columns_of(reports: list[Report], *, seed: int = 0) -> dict[str, np.ndarray]:
    """The reports' events as plain columns, reports interleaved, each history in order."""
    queues = [list(report.history) for report in reports]
    owners = [report.report_id for report in reports]
    rows: list[tuple[str, object, object, object, object, object, object]] = []
    state = {report.report_id: [report.submission.category, None, None, None] for report in reports}
    rng = random.Random(seed)  # noqa: S311 - shuffling test rows
    while any(queues):
        index = rng.choice([i for i, queue in enumerate(queues) if queue])
        event = queues[index].pop(0)
        current = state[owners[index]]
        if event.category is not None:
            current[0] = event.category
        if event.agency is not None:
            current[1] = event.agency
        if event.kind is EventKind.LOCATED:
            current[2], current[3] = event.ward, event.district
        at = np.datetime64((event.at - EPOCH) // dt.timedelta(microseconds=1), "us")
        rows.append((owners[index], at, event.status.value, current[1], *current[:1], *current[2:]))
    names = ("report_id", "at", "status", "agency", "category", "ward", "district")
    result = {}
    for position, name in enumerate(names):
        values = [row[position] for row in rows]
        if name == "at":
            result[name] = np.array(values, dtype="datetime64[us]")
        else:
            result[name] = np.array(values, dtype=object)
    return result
