"""The public strategies draw what they promise: valid values, inside the bounds given."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import shapely
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from smartcity.geo import GeoPoint, WardMap
from smartcity.reports import Report, Reporter, ReportStatus
from smartcity.samples import semarang
from smartcity.sla import SlaPolicy, WorkingDays
from smartcity.testing import geo_points, histories, policies, reporters, reports, ward_maps

CITY = semarang()


class TestPlaces:
    """Points, and small ward maps that are real partitions."""

    @given(point=geo_points())
    def test_points_anywhere_are_geo_points(self, point: GeoPoint) -> None:
        """Valid coordinates over the whole globe."""
        assert -90 <= point.lat <= 90
        assert -180 <= point.lon <= 180

    @given(pair=ward_maps().flatmap(lambda wards: st.tuples(st.just(wards), geo_points(wards))))
    def test_points_of_a_map_lie_in_its_wards(self, pair: tuple[WardMap, GeoPoint]) -> None:
        """``geo_points(ward_map)`` never draws a point outside every ward."""
        ward_map, point = pair
        assert ward_map.locate(point) is not None

    @given(ward_map=ward_maps())
    def test_ward_maps_are_small_partitions(self, ward_map: WardMap) -> None:
        """2-6 wards in 1-3 districts; codes nest; wards touch but never overlap."""
        assert 2 <= len(ward_map) <= 6
        districts = ward_map.districts()
        assert 1 <= len(districts) <= 3
        for ward in ward_map.values():
            assert ward.code.startswith(ward.district_code + ".")
        for first, second in itertools.combinations(ward_map.values(), 2):
            assert shapely.intersection(first.geometry, second.geometry).area == 0


class TestReports:
    """Submitted reports, optionally with reporters, optionally from a city."""

    @given(reporter=reporters())
    def test_reporters_have_some_personal_field(self, reporter: Reporter) -> None:
        """At least one of name, phone, e-mail and account."""
        fields = (reporter.name, reporter.phone, reporter.email, reporter.account_id)
        assert any(value is not None for value in fields)
        assert reporter.personal

    @given(report=reports(reporter=True), anonymous=reports(reporter=False))
    def test_reports_are_submitted_and_honour_the_reporter_option(
        self, report: Report, anonymous: Report
    ) -> None:
        """One event, status submitted; a reporter only when asked for."""
        assert report.status is ReportStatus.SUBMITTED
        assert len(report.history) == 1
        assert report.reporter is not None
        assert anonymous.reporter is None
        assert report.location is not None or report.address is not None

    @given(report=reports(city=CITY))
    def test_reports_of_a_city_fit_the_city(self, report: Report) -> None:
        """Its categories, points in its wards, instants with room for deadlines."""
        assert report.category in CITY.categories
        if report.location is not None:
            assert isinstance(report.location, GeoPoint)
            assert CITY.ward_map.locate(report.location) is not None
        first, last = CITY.calendar.coverage  # type: ignore[misc]
        day = report.submitted_at.date()
        assert first <= day <= last - dt.timedelta(days=44)


class TestHistories:
    """Legal histories: they replay, in time order, within the bounds given."""

    @given(report=histories(max_events=8))
    def test_a_history_replays_to_its_report_in_time_order(self, report: Report) -> None:
        """Made by the report's own methods, so replay accepts every event."""
        assert Report.replay(report.history) == report
        assert len(report.history) <= 9
        instants = [event.at for event in report.history]
        assert instants == sorted(instants)

    @given(report=histories(city=CITY))
    def test_a_city_s_history_names_its_agencies_and_wards(self, report: Report) -> None:
        """Assignments go to the city's agencies; locations are the city's wards."""
        assert report.agency is None or report.agency in CITY.agencies
        assert report.ward is None or report.ward in CITY.ward_map
        assert report.category in CITY.categories

    @pytest.mark.parametrize("status", ReportStatus, ids=lambda status: status.value)
    def test_every_status_is_reached(self, status: ReportStatus) -> None:
        """Histories go everywhere the lifecycle goes, final statuses included."""
        found = find(
            histories(),
            lambda report: any(event.status is status for event in report.history),
            settings=settings(max_examples=2_000, database=None, phases=[Phase.generate]),
        )
        assert status in {event.status for event in found.history}


class TestPolicies:
    """SLA policies that the constructor accepts, in every shape."""

    @given(policy=policies())
    def test_policies_are_consistent(self, policy: SlaPolicy) -> None:
        """Disjoint statuses, increasing thresholds, a cutoff only with working days."""
        assert policy.start_on
        assert policy.stop_on
        assert not policy.start_on & policy.stop_on
        assert not policy.pause_on & (policy.start_on | policy.stop_on)
        assert list(policy.thresholds) == sorted(set(policy.thresholds))
        if policy.same_day_cutoff is not None:
            assert isinstance(policy.target, WorkingDays)
