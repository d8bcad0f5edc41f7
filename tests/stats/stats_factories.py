"""Random batches of reports with legal histories, for the statistics properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from smartcity.reports import TRANSITIONS, Report, ReportStatus
from smartcity.sla import WorkingCalendar

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
CALENDAR = WorkingCalendar.indonesia(years=range(2024, 2027))
AGENCIES = ("DPU", "DLH", "DISHUB")
START = dt.datetime(2024, 3, 1, tzinfo=WIB)


@st.composite
def _report(draw: st.DrawFn, number: int) -> Report:
    at = START + draw(st.integers(0, 200 * 48)) * dt.timedelta(minutes=30)
    report = Report.submit(
        f"R-{number}",
        category=draw(st.sampled_from(("road", "drainage", "tree"))),
        description="d",
        address="a",
        at=at,
    )
    for _ in range(draw(st.integers(0, 8))):
        at += draw(st.integers(0, 5 * 48)) * dt.timedelta(minutes=30)
        options = sorted(TRANSITIONS[report.status], key=lambda status: status.value)
        choice = draw(st.sampled_from([*options, "locate"]))
        if choice == "locate":
            if options:  # a report in a final status can no longer be located
                ward = draw(st.sampled_from(("W1", "W2", None)))
                report = report.locate(ward=ward, district=None if ward is None else "D1", at=at)
            continue
        if choice is S.ASSIGNED:
            agency = draw(st.sampled_from([a for a in AGENCIES if a != report.agency]))
            report = report.assign(agency, at=at)
        elif choice is S.DUPLICATE:
            report = report.mark_duplicate("ORIGINAL", at=at)
        elif choice is S.REFERRED:
            report = report.refer("BBPJN", at=at)
        else:
            assert isinstance(choice, ReportStatus)
            report = report.transition(choice, at=at)
    return report


@st.composite
def random_reports(draw: st.DrawFn) -> tuple[list[Report], dt.datetime]:
    """Up to 12 reports from March-September 2024, and a now among them."""
    count = draw(st.integers(0, 12))
    reports = [draw(_report(number)) for number in range(count)]
    now = START + draw(st.integers(0, 240)) * dt.timedelta(days=1) + dt.timedelta(hours=10)
    return reports, now
