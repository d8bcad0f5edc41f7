"""Duplicate suggestions: same category, open, close in space and time, nearest first."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import DuplicateIndex, find_duplicates
from smartcity.exceptions import InvalidDistanceError
from smartcity.geo import GeoPoint
from smartcity.reports import Report, ReportStatus

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
ORIGIN = GeoPoint(-6.99, 110.42)
METRES_PER_DEGREE_LAT = 110_574.0  # near the equator (WGS84)


def north(metres: float) -> GeoPoint:
    return GeoPoint(ORIGIN.lat + metres / METRES_PER_DEGREE_LAT, ORIGIN.lon)


def report(rid: str, where: GeoPoint, *, category: str = "roads", days: float = 0) -> Report:
    return Report.submit(
        rid,
        category=category,
        location=where,
        description="Jalan berlubang",
        at=AT + dt.timedelta(days=days),
    )


class TestFindDuplicates:
    def test_nearest_first_within_radius(self) -> None:
        new = report("new", ORIGIN)
        candidates = [report("far", north(400)), report("b", north(200)), report("a", north(50))]
        found = find_duplicates(new, candidates)
        assert [d.report.report_id for d in found] == ["a", "b"]
        assert found[0].distance_m == pytest.approx(50, rel=0.005)

    def test_filters(self) -> None:
        new = report("new", ORIGIN)
        other_category = report("c", north(10), category="waste")
        too_old = report("o", north(10), days=-40)
        closed = (
            report("x", north(10))
            .transition(ReportStatus.VERIFIED, at=AT)
            .transition(ReportStatus.REJECTED, at=AT)
        )
        assert find_duplicates(new, [other_category, too_old, closed, new]) == ()
        everything = find_duplicates(
            new,
            [other_category, too_old, closed],
            same_category=False,
            open_only=False,
            within=dt.timedelta(days=60),
        )
        assert len(everything) == 3

    def test_limit_and_index_reuse(self) -> None:
        index = DuplicateIndex(report(f"r{i}", north(10 * i)) for i in range(1, 10))
        assert len(index) == 9
        assert len(find_duplicates(report("new", ORIGIN), index)) == 5
        assert len(find_duplicates(report("new", ORIGIN), index, limit=None)) == 9

    def test_address_only_reports_have_no_neighbours(self) -> None:
        new = Report.submit("n", category="roads", address="Jl. Pemuda", description="x", at=AT)
        assert find_duplicates(new, [report("a", ORIGIN)]) == ()

    @pytest.mark.parametrize("radius", [-1.0, math.nan, math.inf])
    def test_bad_radius(self, radius: float) -> None:
        with pytest.raises(InvalidDistanceError):
            find_duplicates(report("n", ORIGIN), [], radius_m=radius)

    @given(st.lists(st.floats(0, 600), min_size=1, max_size=30), st.floats(1, 500))
    def test_same_answer_as_a_scan(self, distances: list[float], radius: float) -> None:
        """The index finds exactly what checking every candidate finds."""
        candidates = [report(f"r{i}", north(d)) for i, d in enumerate(distances)]
        found = find_duplicates(report("new", ORIGIN), candidates, radius_m=radius, limit=None)
        expected = sorted((d, f"r{i}") for i, d in enumerate(distances) if d <= radius * 0.999)
        got = {d.report.report_id for d in found}
        assert {rid for _, rid in expected} <= got
        assert all(d.distance_m <= radius for d in found)
        assert [d.distance_m for d in found] == sorted(d.distance_m for d in found)
