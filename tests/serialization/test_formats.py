"""The data format, field by field: what the stored JSON looks like, and what it accepts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import ValidationError
from smartcity.geo import GeoPoint, Ward
from smartcity.reports import Report, ReportEvent, ReportStatus
from smartcity.serialization import from_dict, to_dict
from smartcity.sla import (
    Closure,
    ClosureKind,
    HoursOverride,
    SlaPolicy,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)

WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=WIB)
OFFICE = {
    1: [(dt.time(7, 30), dt.time(12)), (dt.time(13), dt.time(16))],
    5: [(dt.time(7, 30), dt.time(11, 30))],
}


def body(value: object) -> dict[str, object]:
    """``to_dict`` without the schema field."""
    data = to_dict(value)
    del data["schema"]
    return data


def event_at(text: str) -> dict[str, object]:
    report = Report.submit("R1", category="roads", description="Lubang.", address="Jl", at=T0)
    data = to_dict(report)
    data["history"][0]["at"] = text  # type: ignore[index]
    return data


class TestPoints:
    """A point is ``{"lat", "lon"}``: named, so the order cannot be mistaken."""

    def test_a_point_is_written_with_named_coordinates(self) -> None:
        """Latitude and longitude by name, as numbers."""
        assert body(GeoPoint(-6.9839, 110.4103)) == {"lat": -6.9839, "lon": 110.4103}

    def test_whole_numbers_are_read_as_degrees(self) -> None:
        """JSON has one number type: ``-7`` is as good as ``-7.0``."""
        assert from_dict(GeoPoint, {"lat": -7, "lon": 110}) == GeoPoint(-7.0, 110.0)

    def test_a_ward_boundary_is_geojson_longitude_first(self) -> None:
        """Only inside GeoJSON geometry is a position ``[longitude, latitude]`` (RFC 7946)."""
        ward = Ward(
            code="33.74.01.1001",
            name="Miroto",
            district_code="33.74.01",
            district_name="Semarang Tengah",
            geometry=shapely.box(110.40, -6.99, 110.41, -6.98),
        )
        geometry = body(ward)["geometry"]
        assert geometry["type"] == "Polygon"  # type: ignore[index]
        ring = geometry["coordinates"][0]  # type: ignore[index]
        assert all(110 < lon < 111 and -7 < lat < -6 for lon, lat in ring)
        assert ring[0] == ring[-1]


class TestDatetimes:
    """Datetimes are ISO 8601 with the UTC offset they have; naive ones are refused."""

    def test_the_offset_and_the_zone_given_are_kept(self) -> None:
        """An instant recorded in WIB is written in WIB, with the zone's name (RFC 9557)."""
        report = Report.submit("R1", category="roads", description="Lubang.", address="Jl", at=T0)
        written = to_dict(report)
        at = written["history"][0]["at"]  # type: ignore[index]
        assert at == "2026-03-02T08:15:00+07:00[Asia/Jakarta]"
        assert from_dict(Report, written).submitted_at.tzinfo is WIB

    def test_a_fixed_offset_is_written_without_a_zone(self) -> None:
        """A datetime with a plain offset has no zone name to keep."""
        at = T0.astimezone(dt.timezone(dt.timedelta(hours=7)))
        report = Report.submit("R1", category="roads", description="Lubang.", address="Jl", at=at)
        assert to_dict(report)["history"][0]["at"] == "2026-03-02T08:15:00+07:00"  # type: ignore[index]

    @given(
        st.datetimes(
            timezones=st.sampled_from([dt.UTC, WIB, ZoneInfo("America/New_York")]),
            allow_imaginary=False,
        )
    )
    def test_every_aware_instant_comes_back_equal(self, at: dt.datetime) -> None:
        """Microseconds, offsets and zones survive, in daylight-saving folds too."""
        report = Report.submit("R1", category="roads", description="Lubang.", address="Jl", at=at)
        back = from_dict(Report, to_dict(report)).submitted_at
        assert back == at
        assert back.utcoffset() == at.utcoffset()
        assert back.tzinfo == at.tzinfo

    def test_an_offset_that_disagrees_with_the_zone_is_refused(self) -> None:
        """WIB is +07:00: ``+08:00[Asia/Jakarta]`` names no instant for sure."""
        with pytest.raises(ValidationError) as error:
            from_dict(Report, event_at("2026-03-02T08:15:00+08:00[Asia/Jakarta]"))
        assert "not that zone's" in str(error.value)

    def test_an_unknown_zone_is_refused(self) -> None:
        """The zone must exist in the time-zone database."""
        with pytest.raises(ValidationError) as error:
            from_dict(Report, event_at("2026-03-02T08:15:00+07:00[Asia/Atlantis]"))
        assert "unknown time zone" in str(error.value)

    def test_z_means_utc(self) -> None:
        """``Z`` is read as UTC, as Open311 and RFC 3339 write it."""
        back = from_dict(Report, event_at("2026-03-02T01:15:00Z")).submitted_at
        assert back == T0

    @pytest.mark.parametrize(
        "text", ["2026-03-02T08:15:00", "2026-03-02 08:15:00+07:00", "2026-03-02", "yesterday", 5]
    )
    def test_naive_and_malformed_datetimes_are_refused(self, text: object) -> None:
        """Only a full datetime with an offset is an instant."""
        with pytest.raises(ValidationError) as error:
            from_dict(Report, event_at(text))  # type: ignore[arg-type]
        assert error.value.errors[0].startswith("history[0].at: ")

    def test_a_naive_datetime_is_named_as_such(self) -> None:
        """The message says what is missing and how to add it."""
        with pytest.raises(ValidationError) as error:
            from_dict(Report, event_at("2026-03-02T08:15:00"))
        assert "naive datetime" in error.value.errors[0]
        assert "+07:00" in error.value.errors[0]


class TestCalendars:
    """A calendar is its definition: zone, weekly hours, closures, overrides, coverage."""

    def test_a_calendar_is_written_as_its_definition(self) -> None:
        """Weekdays are ISO numbers as strings; times ``HH:MM``; dates ``YYYY-MM-DD``."""
        calendar = WorkingCalendar.build(
            tz="Asia/Jakarta",
            week=OFFICE,
            closed=[Closure(dt.date(2026, 1, 1), "New Year", ClosureKind.HOLIDAY)],
            overrides=[HoursOverride.on(dt.date(2026, 12, 31), [(dt.time(8), dt.time(10))])],
            extra_working=[dt.date(2026, 1, 3)],
            coverage=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        )
        assert body(calendar) == {
            "tz": "Asia/Jakarta",
            "week": {"1": [["07:30", "12:00"], ["13:00", "16:00"]], "5": [["07:30", "11:30"]]},
            "closed": [{"date": "2026-01-01", "name": "New Year", "kind": "holiday"}],
            "overrides": [
                {
                    "first": "2026-12-31",
                    "last": "2026-12-31",
                    "week": {"4": [["08:00", "10:00"]]},
                    "name": "",
                }
            ],
            "extra_working": ["2026-01-03"],
            "coverage": ["2026-01-01", "2026-12-31"],
        }

    def test_midnight_closing_is_written_24_00_and_read_either_way(self) -> None:
        """An interval to midnight ends at ``time(0)``; the data says ``24:00`` (or ``00:00``)."""
        always = WorkingCalendar.always_open()
        assert body(always)["week"]["1"] == [["00:00", "24:00"]]  # type: ignore[index]
        data = to_dict(always)
        data["week"] = {str(day): [["00:00", "00:00"]] for day in range(1, 8)}
        assert from_dict(WorkingCalendar, data) == always

    def test_seconds_and_fractions_are_written_only_when_there(self) -> None:
        """``07:30``, ``07:30:15``, ``07:30:15.250000``."""
        week = {1: [(dt.time(7, 30), dt.time(7, 30, 15)), (dt.time(8, 0, 0, 250_000), dt.time(9))]}
        calendar = WorkingCalendar.build(tz="UTC", week=week)
        assert body(calendar)["week"] == {  # type: ignore[comparison-overlap]
            "1": [["07:30", "07:30:15"], ["08:00:00.250000", "09:00"]]
        }

    def test_missing_optional_parts_are_empty(self) -> None:
        """A hand-written calendar may give just the zone and the week."""
        data = {"tz": "Asia/Makassar", "week": {"1": [["08:00", "16:00"]]}}
        calendar = from_dict(WorkingCalendar, data)
        assert calendar == WorkingCalendar.build(
            tz="Asia/Makassar", week={1: [(dt.time(8), dt.time(16))]}
        )

    @pytest.mark.parametrize(
        ("week", "fragment"),
        [
            ({"1": [["16:00", "08:00"]]}, "closes before it opens"),
            ({"1": [["08:00", "12:00"], ["11:00", "13:00"]]}, "overlap"),
            ({}, "no working time"),
            ({"1": [["24:00", "08:00"]]}, "24:00 only closes an interval"),
        ],
    )
    def test_the_calendar_checks_the_stored_hours(self, week: object, fragment: str) -> None:
        """Reading goes through WorkingCalendar.build, which refuses what it would refuse."""
        with pytest.raises(ValidationError) as error:
            from_dict(WorkingCalendar, {"tz": "Asia/Jakarta", "week": week})
        assert fragment in str(error.value)


class TestTargetsAndPolicies:
    """Targets name their unit; durations are ISO 8601 hours, minutes and seconds."""

    @pytest.mark.parametrize(
        ("target", "data"),
        [
            (WorkingDays(5), {"working_days": 5}),
            (WorkingDuration(dt.timedelta(hours=4)), {"working_time": "PT4H"}),
            (WorkingDuration(dt.timedelta(minutes=90)), {"working_time": "PT1H30M"}),
            (WorkingDuration(dt.timedelta(days=2)), {"working_time": "PT48H"}),
            (WorkingDuration(dt.timedelta(microseconds=1)), {"working_time": "PT0.000001S"}),
        ],
    )
    def test_a_target_is_written_in_its_own_unit(self, target: object, data: object) -> None:
        """Working days stay days; working time is never written in days (a day is not 24 h)."""
        assert body(target) == data
        assert from_dict(type(target), data) == target

    def test_days_in_a_duration_are_refused_with_the_reason(self) -> None:
        """``P1D`` would be 24 hours to a timedelta, and one working day to a reader."""
        with pytest.raises(ValidationError) as error:
            from_dict(WorkingDuration, {"working_time": "P1D"})
        assert "working day is not 24 hours" in str(error.value)

    def test_a_policy_writes_sorted_status_values(self) -> None:
        """Sets are written sorted, so equal policies give equal data."""
        policy = SlaPolicy(
            "follow-up",
            WorkingDays(5),
            start_on={ReportStatus.IN_PROGRESS, ReportStatus.ASSIGNED},
            pause_on={ReportStatus.WAITING_FOR_REPORTER},
            stop_on={ReportStatus.RESOLVED, ReportStatus.REJECTED},
            same_day_cutoff=dt.time(12),
        )
        assert body(policy) == {
            "name": "follow-up",
            "target": {"working_days": 5},
            "start_on": ["assigned", "in_progress"],
            "pause_on": ["waiting_for_reporter"],
            "stop_on": ["rejected", "resolved"],
            "thresholds": [0.5, 0.75, 1.0],
            "same_day_cutoff": "12:00",
        }


class TestReports:
    """A report is its history; each event carries only the payload of its kind."""

    def test_an_event_leaves_out_the_payload_it_does_not_carry(self) -> None:
        """An assignment names its agency; no null ward, category or submission."""
        report = Report.submit("R1", category="roads", description="Lubang.", address="Jl", at=T0)
        report = report.transition(ReportStatus.VERIFIED, at=T0)
        report = report.assign("DPU", at=T0, actor="desk")
        assert body(report.history[-1]) == {
            "kind": "status_changed",
            "at": "2026-03-02T08:15:00+07:00[Asia/Jakarta]",
            "status": "assigned",
            "actor": "desk",
            "agency": "DPU",
        }

    def test_a_stored_event_is_read_on_its_own(self) -> None:
        """An event read alone is not replayed: it has no report to be checked against."""
        data = {"kind": "noted", "at": "2026-03-02T08:15:00+07:00", "status": "closed", "note": "x"}
        event = from_dict(ReportEvent, data)
        assert event.note == "x"
        assert event.status is ReportStatus.CLOSED
