"""Duplicate suggestions: same category, open, close in space and time, nearest first."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import MAX_RADIUS_M, DuplicateIndex, find_duplicates
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidDistanceError,
    InvalidDurationError,
    SmartCityError,
)
from smartcity.geo import GeoPoint
from smartcity.reports import Report, ReportStatus

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
ORIGIN = GeoPoint(-6.99, 110.42)
METRES_PER_DEGREE_LAT = 110_574.0  # near the equator (WGS84)


def north(metres: float) -> GeoPoint:
    return GeoPoint(ORIGIN.lat + metres / METRES_PER_DEGREE_LAT, ORIGIN.lon)


def vincenty_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The geodesic distance on WGS84 (Vincenty 1975), independent of the library's code."""
    a, f = 6378137.0, 1 / 298.257223563
    b = a * (1 - f)
    big_l = math.radians(lon2 - lon1)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _ in range(500):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cos_u1 * cos_u2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha if cos2_alpha else 0.0
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-14:
            break
    u_sq = cos2_alpha * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    term = cos_sigma * (-1 + 2 * cos_2sm**2) - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (
        -3 + 4 * cos_2sm**2
    )
    delta_sigma = big_b * sin_sigma * (cos_2sm + big_b / 4 * term)
    return b * big_a * (sigma - delta_sigma)


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


def wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


@st.composite
def nearby_pairs(draw: st.DrawFn) -> tuple[GeoPoint, GeoPoint, float]:
    """A point anywhere with |lat| <= 89.9, a second one up to twice the radius away."""
    radius = draw(st.floats(1.0, MAX_RADIUS_M))
    lat = draw(st.floats(-89.9, 89.9))
    lon = draw(st.floats(-180.0, 180.0))
    north_m = draw(st.floats(-2 * radius, 2 * radius))
    east_m = draw(st.floats(-2 * radius, 2 * radius))
    lat2 = max(-89.9, min(89.9, lat + north_m / 111_000))
    lon2 = wrap(lon + east_m / (111_000 * math.cos(math.radians(lat2))))
    return GeoPoint(lat, lon), GeoPoint(lat2, lon2), radius


class TestDuplicatesAnywhereOnEarth:
    """Each pair is measured on its own, on the ellipsoid, wherever it is."""

    def test_a_gps_failure_at_null_island_hides_nothing(self) -> None:
        """A report at (0, 0) among the candidates does not hide a duplicate 200 m away."""
        here = GeoPoint(60.0, 10.0)
        near = GeoPoint(60.0 + 200 / 111_412, 10.0)
        candidates = [report("gps-failure", GeoPoint(0.0, 0.0)), report("near", near)]
        found = find_duplicates(report("new", here), candidates)
        assert [d.report.report_id for d in found] == ["near"]
        assert found[0].distance_m == pytest.approx(vincenty_m(60, 10, near.lat, near.lon))

    def test_across_the_antimeridian(self) -> None:
        """179.999 E and 179.999 W on the equator are about 222 m apart."""
        found = find_duplicates(
            report("new", GeoPoint(0.0, 179.999)), [report("east", GeoPoint(0.0, -179.999))]
        )
        assert [d.report.report_id for d in found] == ["east"]
        assert found[0].distance_m == pytest.approx(222.64, abs=0.1)

    def test_across_a_pole(self) -> None:
        """Two points 100 m either side of the North Pole are 200 m apart."""
        degrees = 100 / 111_694
        found = find_duplicates(
            report("new", GeoPoint(90.0 - degrees, 0.0)),
            [report("other-side", GeoPoint(90.0 - degrees, 180.0))],
        )
        assert [d.report.report_id for d in found] == ["other-side"]
        assert found[0].distance_m == pytest.approx(200.0, abs=0.5)

    @given(
        nearby_pairs(),
        st.lists(st.tuples(st.floats(-90, 90), st.floats(-180, 180)), max_size=5),
    )
    def test_a_pair_is_a_duplicate_iff_within_the_radius(
        self,
        pair: tuple[GeoPoint, GeoPoint, float],
        far: list[tuple[float, float]],
    ) -> None:
        """Reported iff the geodesic distance is at most the radius, whatever else is indexed."""
        here, there, radius = pair
        geodesic = vincenty_m(here.lat, here.lon, there.lat, there.lon)
        tolerance = radius * 1e-6 + 1e-3
        elsewhere = [report(f"far{i}", GeoPoint(lat, lon)) for i, (lat, lon) in enumerate(far)]
        candidates = [*elsewhere, report("there", there)]
        found = {
            d.report.report_id: d.distance_m
            for d in find_duplicates(report("new", here), candidates, radius_m=radius, limit=None)
        }
        if geodesic <= radius - tolerance:
            assert found["there"] == pytest.approx(geodesic, rel=1e-6, abs=1e-3)
        elif geodesic > radius + tolerance:
            assert "there" not in found


class TestDuplicateArguments:
    """Every argument is checked at the door, with the library's errors."""

    @pytest.mark.parametrize(
        "arguments",
        [
            {"limit": 1.5},
            {"limit": True},
            {"within": 30},
            {"radius_m": True},
            {"radius_m": "250"},
            {"same_category": 1},
            {"open_only": None},
        ],
    )
    def test_wrong_types(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidArgumentError):
            find_duplicates(report("n", ORIGIN), [], **arguments)  # type: ignore[arg-type]

    @pytest.mark.parametrize("candidates", [None, "reports", 5, [None], [ORIGIN]])
    def test_candidates_must_be_reports(self, candidates: object) -> None:
        with pytest.raises(InvalidArgumentError, match="candidates"):
            find_duplicates(report("n", ORIGIN), candidates)  # type: ignore[arg-type]

    def test_report_must_be_a_report(self) -> None:
        with pytest.raises(InvalidArgumentError, match="report"):
            find_duplicates(None, [])  # type: ignore[arg-type]

    @pytest.mark.parametrize("arguments", [{"limit": -1}, {"within": dt.timedelta(days=-1)}])
    def test_negative_counts_and_durations(self, arguments: dict[str, object]) -> None:
        with pytest.raises(InvalidDurationError):
            find_duplicates(report("n", ORIGIN), [], **arguments)  # type: ignore[arg-type]

    @pytest.mark.parametrize("radius", [MAX_RADIUS_M + 1, 10**400, 1e308])
    def test_radius_beyond_the_limit(self, radius: float) -> None:
        with pytest.raises(InvalidDistanceError) as caught:
            find_duplicates(report("n", ORIGIN), [], radius_m=radius)
        assert len(str(caught.value)) < 300

    def test_zero_limit_and_zero_within_are_allowed(self) -> None:
        new = report("new", ORIGIN)
        assert find_duplicates(new, [report("a", north(1))], limit=0) == ()
        same_time = find_duplicates(new, [report("a", north(1))], within=dt.timedelta(0))
        assert [d.report.report_id for d in same_time] == ["a"]

    def test_every_refusal_is_a_smartcity_error(self) -> None:
        with pytest.raises(SmartCityError):
            DuplicateIndex(None)  # type: ignore[arg-type]
