"""SLA performance statistics on a small hand-built set, with every figure computed by hand.

The Indonesian calendar (Mon-Thu 7.5 h, Fri 7.5 h; 17-18 June 2024 closed, 9-10 and 23-24 May
2024 closed) and the Semarang schedule: follow-up 5 working days (class "normative").
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stats_factories import CALENDAR, random_reports

from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidStatisticsError,
    NaiveDatetimeError,
    UnknownPolicyError,
)
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.stats import DIMENSIONS, PerformanceRow, sla_performance

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
SCHEDULE = semarang_schedule()
NOW = dt.datetime(2024, 7, 1, 12, tzinfo=WIB)


def wib(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, minute, tzinfo=WIB)


def new(report_id: str, at: dt.datetime) -> Report:
    return Report.submit(report_id, category="drainage", description="d", address="a", at=at)


def assigned(report_id: str, at: dt.datetime, agency: str = "DPU") -> Report:
    report = new(report_id, at).transition(S.VERIFIED, at=at + dt.timedelta(minutes=30))
    return report.assign(agency, at=at + dt.timedelta(hours=1))


def reports() -> list[Report]:
    # A1, DPU: assigned Mon 3 June 09:00, resolved Wed 5 June 10:00 (due Mon 10 June): on time.
    # 2 working days (4, 5 June); 6 h + 7.5 h + 2.5 h = 16 h.
    a1 = new("A1", wib(6, 3, 8)).locate(ward="W1", district="33.74.01", at=wib(6, 3, 8))
    a1 = a1.transition(S.VERIFIED, at=wib(6, 3, 8, 30)).assign("DPU", at=wib(6, 3, 9))
    a1 = a1.transition(S.RESOLVED, at=wib(6, 5, 10))
    # A2, DPU: assigned Mon 3 June 11:00, due Mon 10 June 16:00, resolved Tue 11 June 09:00:
    # late. 6 working days (4, 5, 6, 7, 10, 11); 4 h + 5 x 7.5 h + 1.5 h = 43 h.
    a2 = assigned("A2", wib(6, 3, 10)).transition(S.RESOLVED, at=wib(6, 11, 9))
    # A3, DPU: assigned Wed 19 June 09:00, due Wed 26 June 16:00: open and overdue on 1 July.
    a3 = assigned("A3", wib(6, 19, 8))
    # A4, DLH: assigned Thu 27 June 09:00, due Thu 4 July 16:00: open, on track.
    a4 = assigned("A4", wib(6, 27, 8), agency="DLH")
    # A5: received Mon 1 April, never verified: not started; in the backlog for 13 weeks.
    a5 = new("A5", wib(4, 1, 8))
    # A6: DPU Mon 13 May 09:00, re-routed to DLH Tue 14 May, resolved Mon 20 May 10:00; due
    # Mon 20 May 16:00 (the clock keeps running across the re-assignment): on time, for DLH.
    # 5 working days (14, 15, 16, 17, 20 May); 6 h + 4 x 7.5 h + 2.5 h = 38.5 h.
    a6 = assigned("A6", wib(5, 13, 8)).assign("DLH", at=wib(5, 14, 9))
    a6 = a6.transition(S.RESOLVED, at=wib(5, 20, 10))
    # A7: rejected at verification: not started, and not in the backlog.
    a7 = new("A7", wib(6, 4, 8)).transition(S.REJECTED, at=wib(6, 4, 9))
    # A8, DPU: waiting for the reporter since Tue 21 May: paused, so on track; 6 weeks old.
    a8 = assigned("A8", wib(5, 20, 8)).transition(S.WAITING_FOR_REPORTER, at=wib(5, 21, 8))
    # A9: received after now: not counted at all.
    a9 = new("A9", wib(7, 2, 8))
    return [a1, a2, a3, a4, a5, a6, a7, a8, a9]


def figures(row: PerformanceRow | None) -> dict[str, object]:
    assert row is not None
    record = row.as_dict()
    for name, _value in row.group:
        del record[name]
    return record


class TestByAgency:
    def test_every_figure_of_every_agency(self) -> None:
        result = sla_performance(reports(), SCHEDULE, CALENDAR, now=NOW, min_sample=1)
        assert [row.group for row in result] == [
            (("agency", "DLH"),),
            (("agency", "DPU"),),
            (("agency", "unknown"),),
        ]
        assert figures(result.row(agency="DPU")) == {
            "received": 4,  # A1, A2, A3, A8
            "not_started": 0,
            "closed": 2,  # A1, A2
            "closed_on_time": 1,  # A1
            "open_on_track": 1,  # A8, paused
            "open_overdue": 1,  # A3
            "on_time_rate": pytest.approx(1 / 3),  # 1 / (2 closed + 1 overdue)
            "resolve_days_median": 4.0,  # of 2 and 6
            "resolve_days_p90": pytest.approx(5.6),  # 2 + 0.9 x (6 - 2)
            "resolve_hours_median": 29.5,  # of 16 and 43
            "resolve_hours_p90": pytest.approx(40.3),  # 16 + 0.9 x 27
            "backlog_up_to_4_weeks": 1,  # A3, 12 days
            "backlog_4_to_8_weeks": 1,  # A8, 6 weeks
            "backlog_over_8_weeks": 0,
            "assigned": 4,
            "rerouted": 0,
            "rerouting_rate": 0.0,
        }
        assert figures(result.row(agency="DLH")) == {
            "received": 2,  # A4, A6
            "not_started": 0,
            "closed": 1,
            "closed_on_time": 1,
            "open_on_track": 1,
            "open_overdue": 0,
            "on_time_rate": 1.0,
            "resolve_days_median": 5.0,
            "resolve_days_p90": 5.0,
            "resolve_hours_median": 38.5,
            "resolve_hours_p90": 38.5,
            "backlog_up_to_4_weeks": 1,  # A4
            "backlog_4_to_8_weeks": 0,
            "backlog_over_8_weeks": 0,
            "assigned": 2,
            "rerouted": 1,  # A6
            "rerouting_rate": 0.5,
        }
        unknown = figures(result.row(agency="unknown"))
        assert (unknown["received"], unknown["not_started"], unknown["on_time_rate"]) == (
            2,
            2,
            None,
        )
        assert (unknown["backlog_over_8_weeks"], unknown["rerouting_rate"]) == (1, None)

    def test_rates_below_the_minimum_sample_are_not_given(self) -> None:
        """DPU's rate has 3 in its denominator but only 2 closed reports for percentiles."""
        result = sla_performance(reports(), SCHEDULE, CALENDAR, now=NOW, min_sample=3)
        dpu, dlh = result.row(agency="DPU"), result.row(agency="DLH")
        assert dpu is not None
        assert dlh is not None
        assert dpu.on_time_rate == pytest.approx(1 / 3)
        assert (dpu.resolve_days_median, dpu.resolve_hours_p90) == (None, None)
        assert (dlh.on_time_rate, dlh.rerouting_rate) == (None, None)

    def test_as_things_stood_at_an_earlier_now(self) -> None:
        """On Wed 5 June 12:00: A1 resolved, A2 on track; A3, A4 not yet received."""
        result = sla_performance(reports(), SCHEDULE, CALENDAR, now=wib(6, 5, 12), min_sample=1)
        dpu = figures(result.row(agency="DPU"))
        assert [dpu[key] for key in ("received", "closed", "open_on_track", "open_overdue")] == [
            3,  # A1, A2, A8
            1,
            2,
            0,
        ]
        assert result.row(agency="DLH") is not None  # A6, resolved in May


class TestGroupings:
    def test_agency_and_month(self) -> None:
        result = sla_performance(
            reports(), SCHEDULE, CALENDAR, now=NOW, by=("agency", "month"), min_sample=1
        )
        assert [(dict(row.group), row.received) for row in result] == [
            ({"agency": "DLH", "month": "2024-05"}, 1),
            ({"agency": "DLH", "month": "2024-06"}, 1),
            ({"agency": "DPU", "month": "2024-05"}, 1),
            ({"agency": "DPU", "month": "2024-06"}, 3),
            ({"agency": "unknown", "month": "2024-04"}, 1),
            ({"agency": "unknown", "month": "2024-06"}, 1),
        ]

    def test_everything_in_one_row(self) -> None:
        (row,) = sla_performance(reports(), SCHEDULE, CALENDAR, now=NOW, by=(), min_sample=1)
        assert row.group == ()
        assert (row.received, row.closed, row.closed_on_time, row.open_overdue) == (8, 3, 2, 1)
        assert row.on_time_rate == pytest.approx(2 / 4)

    def test_district_ward_class_and_year(self) -> None:
        result = sla_performance(
            reports(), SCHEDULE, CALENDAR, now=NOW, by=("district", "ward", "class", "year")
        )
        assert [(row.group, row.received) for row in result] == [
            (
                (
                    ("district", "33.74.01"),
                    ("ward", "W1"),
                    ("class", "normative"),
                    ("year", "2024"),
                ),
                1,
            ),
            (
                (
                    ("district", "unknown"),
                    ("ward", "unknown"),
                    ("class", "normative"),
                    ("year", "2024"),
                ),
                7,
            ),
        ]

    def test_records_make_a_dataframe(self) -> None:
        result = sla_performance(reports(), SCHEDULE, CALENDAR, now=NOW, by="agency")
        frame = pd.DataFrame(result.to_records())
        assert list(frame["agency"]) == ["DLH", "DPU", "unknown"]
        assert list(frame.columns[:3]) == ["agency", "received", "not_started"]
        assert len(result) == 3
        assert frame["received"].sum() == 8


class TestBadInput:
    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"by": ("agency", "colour")}, InvalidStatisticsError),
            ({"by": ("agency", "agency")}, InvalidStatisticsError),
            ({"min_sample": 0}, InvalidStatisticsError),
            ({"clock": "nope"}, UnknownPolicyError),
            ({"now": dt.datetime(2024, 7, 1)}, NaiveDatetimeError),  # noqa: DTZ001
        ],
    )
    def test_refused(self, options: dict[str, object], error: type[Exception]) -> None:
        arguments: dict[str, object] = {"now": NOW, **options}
        with pytest.raises(error):
            sla_performance(reports(), SCHEDULE, CALENDAR, **arguments)  # type: ignore[arg-type]

    def test_a_row_is_asked_for_by_every_dimension(self) -> None:
        result = sla_performance(reports(), SCHEDULE, CALENDAR, now=NOW, by=("agency", "month"))
        with pytest.raises(InvalidStatisticsError):
            result.row(agency="DPU")

    def test_outside_the_coverage_names_the_report(self) -> None:
        old = assigned("OLD-1", dt.datetime(2023, 12, 27, 8, tzinfo=WIB))
        with pytest.raises(CalendarCoverageError, match="OLD-1"):
            sla_performance([old], SCHEDULE, CALENDAR, now=NOW)


class TestProperties:
    @settings(max_examples=25)
    @given(random_reports(), st.sampled_from([(), ("agency",), ("agency", "month"), ("ward",)]))
    def test_every_report_is_counted_once(self, batch, by) -> None:
        """received = not started + closed + on track + overdue, in every group and in total."""
        reports_, now = batch
        result = sla_performance(reports_, SCHEDULE, CALENDAR, now=now, by=by, min_sample=1)
        total = 0
        for row in result:
            parts = row.not_started + row.closed + row.open_on_track + row.open_overdue
            assert row.received == parts
            assert row.closed_on_time <= row.closed
            assert row.rerouted <= row.assigned <= row.received
            backlog = row.backlog_up_to_4_weeks + row.backlog_4_to_8_weeks
            assert backlog + row.backlog_over_8_weeks <= row.received
            assert row.on_time_rate is None or 0 <= row.on_time_rate <= 1
            if row.resolve_days_median is not None:
                assert row.resolve_days_p90 is not None
                assert row.resolve_days_median <= row.resolve_days_p90
            total += row.received
        assert total == sum(report.submitted_at <= now for report in reports_)

    def test_dimensions_are_documented(self) -> None:
        assert DIMENSIONS == ("agency", "category", "class", "district", "ward", "month", "year")
