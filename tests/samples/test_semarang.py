"""The sample city and the sample report generator."""

from __future__ import annotations

import datetime as dt

import shapely

from smartcity.geo import GeoPoint
from smartcity.reports import Report, ReportStatus
from smartcity.samples import generate_reports, progress_reports, sample_wards, semarang

START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)

REQUIRED_CATEGORIES = {
    "roads", "drainage", "waste", "street-lights", "trees", "flooding", "traffic", "parking",
    "street-vendors", "buildings", "water-supply", "national-roads",
}  # fmt: skip


class TestSampleCity:
    def test_sixteen_districts_tile_the_enclosure(self) -> None:
        """One synthetic ward per kecamatan; together they cover the enclosure, no overlap."""
        wards = sample_wards()
        assert len(wards) == 16
        geometries = [w.geometry for w in wards]
        union = shapely.union_all(geometries)
        assert abs(sum(g.area for g in geometries) - union.area) < 1e-9
        assert semarang().ward_map.validate() == ()

    def test_each_representative_point_is_in_its_district(self) -> None:
        city = semarang()
        for ward in sample_wards():
            site = ward.geometry.representative_point()
            assert city.place(GeoPoint(site.y, site.x)).district == ward.district_code

    def test_categories_and_referrals(self) -> None:
        city = semarang()
        assert set(city.categories) >= REQUIRED_CATEGORIES
        assert city.categories["water-supply"].referred
        assert city.categories["national-roads"].referred
        assert city.router.triage == "DISKOMINFO"

    def test_fire_brigade_works_around_the_clock(self) -> None:
        city = semarang()
        sunday_night = dt.datetime(2025, 6, 1, 23, tzinfo=dt.UTC)
        assert city.calendar_for("DAMKAR").is_working_time(sunday_night)
        assert not city.calendar_for("DPU").is_working_time(sunday_night)

    def test_cached(self) -> None:
        assert semarang() is semarang()


class TestGenerator:
    def test_reproducible(self) -> None:
        city = semarang()
        first = generate_reports(city, count=50, start=START, end=END, seed=3)
        again = generate_reports(city, count=50, start=START, end=END, seed=3)
        other = generate_reports(city, count=50, start=START, end=END, seed=4)
        assert first == again
        assert first != other
        assert [r.submitted_at for r in first] == sorted(r.submitted_at for r in first)
        assert all(START <= r.submitted_at < END for r in first)

    def test_progress_keeps_the_lifecycle_legal(self) -> None:
        city = semarang()
        now = END + dt.timedelta(days=30)
        for submitted in generate_reports(city, count=40, start=START, end=END, seed=1):
            report = progress_reports(city.intake(submitted, at=submitted.submitted_at), now=now)
            assert Report.replay(report.history) == report
            assert report.updated_at <= now
            if report.status is ReportStatus.REFERRED:
                assert report.agency is None
