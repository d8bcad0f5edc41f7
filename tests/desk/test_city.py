"""Intake on the sample city: locate, verify, assign or refer, with a readable history."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import City, Placement
from smartcity.exceptions import InvalidTransitionError, RoutingConfigError, UnknownCategoryError
from smartcity.geo import GeoPoint
from smartcity.reports import EventKind, Report, ReportStatus
from smartcity.routing import RoutingRule
from smartcity.samples import semarang

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SIMPANG_LIMA = GeoPoint(-6.9903, 110.4229)  # Pleburan, Semarang Selatan
AT_SEA = GeoPoint(-6.80, 110.40)


@pytest.fixture(scope="module")
def city() -> City:
    return semarang()


def submit(category: str, location: GeoPoint | None, *, address: str | None = None) -> Report:
    return Report.submit(
        "R1",
        category=category,
        location=location,
        address=address,
        description="Saluran tersumbat",
        at=AT,
    )


class TestIntake:
    def test_assigns_by_category_and_district(self, city: City) -> None:
        """A blocked drain at Simpang Lima goes to DPU, with ward and district recorded."""
        report = city.intake(submit("drainage", SIMPANG_LIMA), at=AT)
        assert report.status is ReportStatus.ASSIGNED
        assert report.agency == "DPU"
        assert report.district == "33.74.07"
        kinds = [e.kind for e in report.history]
        assert kinds == [
            EventKind.SUBMITTED,
            EventKind.LOCATED,
            EventKind.STATUS_CHANGED,
            EventKind.STATUS_CHANGED,
        ]
        assert report.history[-1].note
        assert Report.replay(report.history) == report

    def test_most_specific_rule_wins(self, city: City) -> None:
        """Flooding in coastal Genuk goes to DPU's pump houses, elsewhere to BPBD."""
        genuk = GeoPoint(-6.9668, 110.4789)
        assert city.intake(submit("flooding", genuk), at=AT).agency == "DPU"
        assert city.intake(submit("flooding", SIMPANG_LIMA), at=AT).agency == "BPBD"

    def test_outside_the_city_is_referred(self, city: City) -> None:
        report = city.intake(submit("roads", AT_SEA), at=AT)
        assert report.status is ReportStatus.REFERRED
        assert report.referred_to == city.router.outside_referral
        assert report.ward is None

    def test_other_authorities_are_referred(self, city: City) -> None:
        report = city.intake(submit("water-supply", SIMPANG_LIMA), at=AT)
        assert report.status is ReportStatus.REFERRED
        assert report.referred_to == "PDAM Tirta Moedal"

    def test_category_without_rule_goes_to_triage(self, city: City) -> None:
        report = city.intake(submit("public-facilities", SIMPANG_LIMA), at=AT)
        assert report.agency == city.router.triage

    def test_address_only_report_uses_whole_city_rules(self, city: City) -> None:
        report = city.intake(submit("flooding", None, address="Jl. Pemuda 1"), at=AT)
        assert report.agency == "BPBD"
        assert report.ward is None

    def test_intake_twice_is_refused(self, city: City) -> None:
        report = city.intake(submit("roads", SIMPANG_LIMA), at=AT)
        with pytest.raises(InvalidTransitionError, match="intake takes submitted reports"):
            city.intake(report, at=AT)

    def test_unknown_category(self, city: City) -> None:
        with pytest.raises(UnknownCategoryError):
            city.intake(submit("ufo", SIMPANG_LIMA), at=AT)

    def test_the_report_given_is_unchanged(self, city: City) -> None:
        report = submit("roads", SIMPANG_LIMA)
        before = report.history
        city.intake(report, at=AT)
        assert report.history == before


class TestPlacement:
    def test_snaps_a_point_just_outside(self, city: City) -> None:
        """A point a few metres beyond the edge is placed in the nearest ward, and says so."""
        ward = min(city.ward_map.values(), key=lambda w: w.geometry.bounds[0])
        assert ward.district_name == "Mijen"  # the westernmost kecamatan
        edge_lon, lat = min(shapely.get_coordinates(ward.geometry).tolist())  # westernmost vertex
        placement = city.place(GeoPoint(lat, edge_lon - 0.0002))  # about 22 m further west
        assert placement.ward == ward.code
        assert placement.snapped_m is not None
        assert 0 < placement.snapped_m <= city.snap_m
        assert "m from the point given" in placement.describe()

    def test_no_location(self, city: City) -> None:
        assert city.place(None) == Placement(None, None)


class TestBuild:
    def test_rules_for_unknown_places_are_refused(self, city: City) -> None:
        router = type(city.router).build(
            [*city.router.rules, RoutingRule("roads", "DPU", district="33.74.99")],
            agencies=city.agencies.values(),
            categories=city.categories.values(),
            triage=city.router.triage,
        )
        with pytest.raises(RoutingConfigError, match=r"district 33\.74\.99"):
            City.build("x", ward_map=city.ward_map, router=router, calendar=city.calendar)

    def test_negative_snap_is_refused(self, city: City) -> None:
        with pytest.raises(RoutingConfigError, match="snap_m"):
            City.build(
                "x", ward_map=city.ward_map, router=city.router, calendar=city.calendar, snap_m=-1
            )


class TestRoutingIsTotal:
    @given(
        category=st.sampled_from(sorted(semarang().categories)),
        lat=st.floats(-7.2, -6.8),
        lon=st.floats(110.2, 110.6),
    )
    def test_every_report_is_assigned_or_referred(
        self, category: str, lat: float, lon: float
    ) -> None:
        """Whatever the category and the point, intake assigns or refers; replay agrees."""
        city = semarang()
        report = city.intake(submit(category, GeoPoint(lat, lon)), at=AT)
        assert report.status in {ReportStatus.ASSIGNED, ReportStatus.REFERRED}
        assert (report.agency is None) == (report.status is ReportStatus.REFERRED)
        assert Report.replay(report.history) == report


class TestClocks:
    def test_follow_up_clock_on_the_agency_calendar(self, city: City) -> None:
        """The sample city's follow-up clock: 5 working days for a drain, from assignment."""
        report = city.intake(submit("drainage", SIMPANG_LIMA), at=AT)
        clock = city.clock(report)
        assert clock is not None
        assert clock.deadline == city.calendar.add_working_days(AT, 5)

    def test_field_inspection_class(self, city: City) -> None:
        """An unlicensed building needs a field inspection: 60 working days."""
        report = city.intake(submit("buildings", SIMPANG_LIMA), at=AT)
        clock = city.clock(report)
        assert clock is not None
        assert clock.deadline == city.calendar.add_working_days(AT, 60)

    def test_no_schedule_no_clock(self, city: City) -> None:
        bare = City.build("x", ward_map=city.ward_map, router=city.router, calendar=city.calendar)
        assert bare.clock(city.intake(submit("roads", SIMPANG_LIMA), at=AT)) is None
