"""Intake on the sample city: locate, verify, assign or refer, with a readable history."""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import MAX_SNAP_M, City, Placement
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidLocationError,
    InvalidTransitionError,
    NaiveDatetimeError,
    RoutingConfigError,
    SmartCityError,
    UnknownAgencyError,
    UnknownCategoryError,
    ValidationError,
)
from smartcity.geo import GeoPoint
from smartcity.reports import EventKind, Report, ReportStatus
from smartcity.routing import RoutingRule
from smartcity.samples import semarang
from smartcity.serialization import from_dict, to_dict

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


def parts(city: City) -> dict[str, object]:
    return {
        "ward_map": city.ward_map,
        "router": city.router,
        "calendar": city.calendar,
        "schedule": city.schedule,
    }


BAD_PARTS = [
    ({"snap_m": 1e9}, RoutingConfigError, "snap_m"),
    ({"snap_m": MAX_SNAP_M + 0.1}, RoutingConfigError, "snap_m"),
    ({"snap_m": float("nan")}, RoutingConfigError, "snap_m"),
    ({"snap_m": 10**400}, RoutingConfigError, "snap_m"),
    ({"snap_m": True}, InvalidArgumentError, "snap_m"),
    ({"snap_m": "50"}, InvalidArgumentError, "snap_m"),
    ({"calendar": None}, InvalidArgumentError, "calendar"),
    ({"schedule": "x"}, InvalidArgumentError, "schedule"),
    ({"ward_map": {}}, InvalidArgumentError, "ward_map"),
    ({"router": None}, InvalidArgumentError, "router"),
    ({"name": " "}, RoutingConfigError, "name"),
    ({"name": ""}, RoutingConfigError, "name"),
    ({"name": None}, InvalidArgumentError, "name"),
    ({"name": "x" * 10_000_000}, RoutingConfigError, "name"),
]


class TestEveryPathIsChecked:
    """build, the constructor, attrs.evolve and from_dict refuse the same bad parts."""

    @pytest.mark.parametrize(("change", "error", "match"), BAD_PARTS)
    def test_build(
        self, city: City, change: dict[str, object], error: type[Exception], match: str
    ) -> None:
        options = {"name": "x", **parts(city), **change}
        with pytest.raises(error, match=match) as caught:
            City.build(options.pop("name"), **options)  # type: ignore[arg-type]
        assert len(str(caught.value)) < 300

    @pytest.mark.parametrize(("change", "error", "match"), BAD_PARTS)
    def test_evolve(
        self, city: City, change: dict[str, object], error: type[Exception], match: str
    ) -> None:
        with pytest.raises(error, match=match):
            attrs.evolve(city, **change)

    @pytest.mark.parametrize(
        ("field", "value"),
        [("snap_m", 1e9), ("snap_m", -1), ("snap_m", True), ("name", " "), ("calendar", None)],
    )
    def test_from_dict(self, city: City, field: str, value: object) -> None:
        data = to_dict(city)
        data[field] = value
        with pytest.raises(ValidationError):
            from_dict(City, data)

    def test_evolve_checks_rules_against_the_new_map(self, city: City) -> None:
        """A router with a rule for an unknown district cannot be swapped in by evolve."""
        router = type(city.router).build(
            [*city.router.rules, RoutingRule("roads", "DPU", district="33.74.99")],
            agencies=city.agencies.values(),
            categories=city.categories.values(),
            triage=city.router.triage,
        )
        with pytest.raises(RoutingConfigError, match=r"district 33\.74\.99"):
            attrs.evolve(city, router=router)

    @pytest.mark.parametrize("snap_m", [0, 0.0, MAX_SNAP_M, 50, np.float64(12.5)])
    def test_valid_snaps(self, city: City, snap_m: float) -> None:
        built = attrs.evolve(city, snap_m=snap_m)
        assert built.snap_m == float(snap_m)
        assert type(built.snap_m) is float

    def test_the_largest_snap_still_takes_reports_in(self, city: City) -> None:
        """At the limit, intake of a point far outside still works: it is referred."""
        wide = attrs.evolve(city, snap_m=MAX_SNAP_M)
        report = wide.intake(submit("roads", GeoPoint(-5.0, 112.0)), at=AT)
        assert report.status is ReportStatus.REFERRED


class TestDeskArguments:
    """The desk's methods refuse wrong types with the library's errors."""

    @pytest.mark.parametrize("report", [None, "R1", 5])
    def test_intake_needs_a_report(self, city: City, report: object) -> None:
        with pytest.raises(InvalidArgumentError, match="report"):
            city.intake(report, at=AT)  # type: ignore[arg-type]

    def test_intake_needs_an_aware_datetime(self, city: City) -> None:
        report = submit("roads", SIMPANG_LIMA)
        with pytest.raises(NaiveDatetimeError):
            city.intake(report, at=AT.replace(tzinfo=None))
        with pytest.raises(InvalidArgumentError, match="at"):
            city.intake(report, at="2025-03-03")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="actor"):
            city.intake(report, at=AT, actor=None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("location", ["-6.99,110.42", 5, object()])
    def test_place_needs_lat_and_lon(self, city: City, location: object) -> None:
        with pytest.raises(InvalidArgumentError, match="location"):
            city.place(location)  # type: ignore[arg-type]

    def test_place_converts_through_geopoint(self, city: City) -> None:
        class Mutable:
            lat: object = "-6.99"
            lon: object = 110.42

        with pytest.raises(InvalidLocationError):
            city.place(Mutable())  # type: ignore[arg-type]

    def test_route_clock_and_calendar_for(self, city: City) -> None:
        with pytest.raises(InvalidArgumentError):
            city.route(None)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            city.clock(None)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            city.clock(submit("roads", SIMPANG_LIMA), 5)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            city.calendar_for(5)  # type: ignore[arg-type]
        with pytest.raises(UnknownAgencyError) as caught:
            city.calendar_for("X" * 10_000_000)
        assert len(str(caught.value)) < 400
        assert isinstance(caught.value, SmartCityError)


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
