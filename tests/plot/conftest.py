"""Fixtures for the figure tests: a tiny ward map, the sample city and its moved reports."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from smartcity.desk import City
from smartcity.geo import GeoPoint, Ward, WardMap
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 6, 30, 16, tzinfo=WIB)


@pytest.fixture(scope="session")
def tiny_wards() -> WardMap:
    """Four square wards side by side in two districts: A1, A2 (district A), B1, B2 (B)."""
    wards = []
    for index, (code, district) in enumerate((("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"))):
        west = 110.40 + 0.01 * index
        box = shapely.box(west, -7.00, west + 0.01, -6.99)
        wards.append(Ward(code, f"Ward {code}", district, f"District {district}", box))
    return WardMap.from_wards(wards)


def tiny_report(number: int, ward_index: int, *, category: str = "road", day: int = 1) -> Report:
    """A report in the middle of the tiny map's ward ``ward_index`` (or outside for -1)."""
    lon = 110.405 + 0.01 * ward_index if ward_index >= 0 else 111.0
    return Report.submit(
        f"R{number:06d}",
        category=category,
        at=dt.datetime(2025, 1, day, 9, tzinfo=WIB),
        location=GeoPoint(-6.995, lon),
    )


@pytest.fixture(scope="session")
def city() -> City:
    return semarang()


@pytest.fixture(scope="session")
def moved(city: City) -> tuple[Report, ...]:
    """600 sample reports over the 120 days before NOW, taken in and moved along."""
    reports = generate_reports(
        city, count=600, start=NOW - dt.timedelta(days=120), end=NOW, seed=11
    )
    return tuple(
        progress_reports(
            city.intake(report, at=report.submitted_at + dt.timedelta(minutes=20)),
            now=NOW,
            seed=11,
        )
        for report in reports
    )
