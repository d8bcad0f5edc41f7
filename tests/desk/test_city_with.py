"""City.with_*: a new city with one part changed, checked again as a whole; short reprs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import MAX_SNAP_M, City
from smartcity.exceptions import (
    InvalidArgumentError,
    RoutingConfigError,
    SmartCityError,
    UnknownPolicyError,
)
from smartcity.geo import GeoPoint, WardMap
from smartcity.reports import Report
from smartcity.samples import semarang, semarang_schedule, semarang_wards
from smartcity.sla import SlaSchedule, WorkingCalendar

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SIMPANG_LIMA = GeoPoint(-6.9903, 110.4229)
PARTS = ("name", "ward_map", "router", "calendar", "snap_m", "schedule")


@pytest.fixture(scope="module")
def city() -> City:
    return semarang()


def parts(city: City) -> dict[str, object]:
    return {name: getattr(city, name) for name in PARTS}


def assigned(city: City) -> Report:
    report = Report.submit(
        "R1", category="drainage", location=SIMPANG_LIMA, description="Saluran", at=AT
    )
    return city.intake(report, at=AT)


class TestEachWithMethodChangesOnePart:
    @pytest.mark.parametrize(
        ("method", "part", "value"),
        [
            ("with_name", "name", "Kota Semarang"),
            ("with_ward_map", "ward_map", WardMap.from_wards(semarang_wards().values())),
            ("with_calendar", "calendar", WorkingCalendar.indonesia(years=range(2025, 2027))),
            ("with_schedule", "schedule", semarang_schedule(classes={})),
            ("with_schedule", "schedule", None),
            ("with_snap_m", "snap_m", 0.0),
        ],
    )
    def test_the_new_city_has_the_new_part_and_every_other(
        self, city: City, method: str, part: str, value: object
    ) -> None:
        before = parts(city)
        changed = getattr(city, method)(value)
        assert changed is not city
        expected = {**before, part: value}
        assert expected == parts(changed)
        assert before == parts(city)  # the city given is not changed

    def test_with_router_keeps_the_rest(self, city: City) -> None:
        changed = city.with_router(city.router)
        assert {**parts(city)} == parts(changed)

    @given(snap_m=st.floats(0, MAX_SNAP_M))
    def test_with_snap_m_round_trips(self, snap_m: float) -> None:
        assert semarang().with_snap_m(snap_m).snap_m == snap_m


class TestAChangedCityIsCheckedAgain:
    @pytest.mark.parametrize(
        ("method", "value", "error", "words"),
        [
            ("with_name", " ", RoutingConfigError, "City name is blank"),
            ("with_name", 5, InvalidArgumentError, "City name must be text"),
            ("with_ward_map", None, InvalidArgumentError, "City ward_map must be a WardMap"),
            ("with_router", "DPU", InvalidArgumentError, "City router must be a Router"),
            ("with_calendar", None, InvalidArgumentError, "must be a WorkingCalendar"),
            ("with_schedule", "follow-up", InvalidArgumentError, "must be a SlaSchedule"),
            ("with_snap_m", 5_000, RoutingConfigError, "snap_m must be from 0 to 1,000"),
            ("with_snap_m", "far", InvalidArgumentError, "snap_m"),
        ],
    )
    def test_a_bad_part_is_refused(self, city, method, value, error, words) -> None:
        with pytest.raises(error, match=words) as raised:
            getattr(city, method)(value)
        assert isinstance(raised.value, SmartCityError)

    def test_a_map_without_the_routed_districts_is_refused(self, city: City) -> None:
        """The sample routes coastal floods by district: a map without them cannot serve."""
        inland = WardMap.from_wards(
            w for w in semarang_wards().values() if w.district_code != "33.74.02"
        )
        with pytest.raises(RoutingConfigError, match=r"district 33\.74\.02"):
            city.with_ward_map(inland)


class TestTheDefaultClockIsTheSchedulesPrimary:
    def test_the_default_is_the_primary_clock(self, city: City) -> None:
        report = assigned(city)
        assert city.schedule is not None
        assert city.schedule.primary == "follow-up"
        assert city.clock(report, city.schedule.primary) == city.clock(report)

    def test_another_primary_changes_the_default(self, city: City) -> None:
        report = assigned(city)
        schedule = semarang_schedule()
        verification_first = SlaSchedule(schedule.rules, primary="verification")
        changed = city.with_schedule(verification_first)
        clock = changed.clock(report)
        assert clock is not None
        assert clock.policy.name == "verification"

    def test_no_schedule_no_clock(self, city: City) -> None:
        assert city.with_schedule(None).clock(assigned(city)) is None

    def test_an_unknown_clock_is_named(self, city: City) -> None:
        with pytest.raises(UnknownPolicyError, match="nope"):
            city.clock(assigned(city), "nope")


class TestReprsAreShort:
    def test_the_sample_city_and_its_parts(self, city: City) -> None:
        for value in (city, city.router, city.ward_map, city.calendar, city.schedule):
            text = repr(value)
            assert len(text) < 200, text
            assert "\n" not in text

    def test_the_city_repr_says_what_it_holds(self, city: City) -> None:
        assert repr(city) == (
            "City('Kota Semarang (sample)', wards=177, agencies=8, categories=14, "
            "tz='Asia/Jakarta', clocks=('verification', 'follow-up', 'auto-close'), snap_m=50)"
        )

    def test_a_long_name_is_cut(self, city: City) -> None:
        assert len(repr(city.with_name("K" * 300))) < 250
