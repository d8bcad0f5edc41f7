"""Open311's expected_datetime is the deadline the desk promises the citizen (City.promise)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given

from smartcity.desk import City
from smartcity.exceptions import CalendarCoverageError
from smartcity.open311 import service_request
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.testing import histories

WIB = ZoneInfo("Asia/Jakarta")
CITY = semarang()
NOW = dt.datetime(2026, 4, 1, 10, tzinfo=WIB)


def promised(report: Report, city: City, now: dt.datetime) -> str | None:
    try:
        promise = city.promise(report, now=now, language="id")
    except CalendarCoverageError:
        return None
    if promise is None or promise.deadline is None:
        return None
    return dt.datetime.isoformat(promise.deadline, timespec="seconds")


def generated() -> list[Report]:
    """Semarang sample reports taken in and moved along by the sample desk, up to NOW."""
    start = dt.datetime(2026, 1, 5, tzinfo=WIB)
    end = dt.datetime(2026, 3, 31, tzinfo=WIB)
    reports = generate_reports(CITY, count=200, start=start, end=end, seed=10)
    moved = [progress_reports(CITY.intake(r, at=r.submitted_at), now=NOW) for r in reports]
    return [report for report in moved if report.updated_at <= NOW]


GENERATED = generated()


class TestExpectedIsThePromise:
    """Every channel says one date: service_request publishes City.promise's deadline."""

    def test_the_sample_covers_the_cases(self) -> None:
        promises = [CITY.promise(report, now=NOW) for report in GENERATED]
        states = {promise.state.value for promise in promises if promise is not None}
        assert {"running", "met", "missed"} <= states

    def test_generated_semarang_reports(self) -> None:
        published = [service_request(r, CITY, now=NOW)["expected_datetime"] for r in GENERATED]
        assert published == [promised(report, CITY, NOW) for report in GENERATED]
        assert any(value is not None for value in published)

    @given(report=histories(city=CITY))
    def test_any_history_at_its_latest_event(self, report: Report) -> None:
        now = report.updated_at
        assert service_request(report, CITY, now=now)["expected_datetime"] == promised(
            report, CITY, now
        )
