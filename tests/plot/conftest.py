"""Fixtures for the figure tests: a tiny ward map, the sample city and its moved reports."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from plot_helpers import NOW

from smartcity.desk import City
from smartcity.geo import Ward, WardMap
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang


@pytest.fixture(scope="session")
def tiny_wards() -> WardMap:
    """Four square wards side by side in two districts: A1, A2 (district A), B1, B2 (B)."""
    wards = []
    for index, (code, district) in enumerate((("A1", "A"), ("A2", "A"), ("B1", "B"), ("B2", "B"))):
        west = 110.40 + 0.01 * index
        box = shapely.box(west, -7.00, west + 0.01, -6.99)
        wards.append(Ward(code, f"Ward {code}", district, f"District {district}", box))
    return WardMap.from_wards(wards)


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
