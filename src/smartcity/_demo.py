"""The demo's work, without printing: generate, take in, move along, and summarise.

Every figure comes from the public statistics (:func:`smartcity.stats.sla_performance`) and
every per-report value from the public clocks (:meth:`smartcity.desk.City.clock`); the demo
counts nothing of its own. The words are those of the docs' glossary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from smartcity.desk import City
from smartcity.exceptions import InvalidArgumentError
from smartcity.reports import Report, StatusGroup
from smartcity.samples import generate_reports, progress_reports
from smartcity.sla import ClockState
from smartcity.stats import UNKNOWN, PerformanceRow, SlaPerformance, sla_performance

_STILL_RUNNING = frozenset({ClockState.RUNNING, ClockState.PAUSED})

#: The demo's table columns: (header, field of PerformanceRow or None for the open reports).
COLUMNS = (
    ("received", "received"),
    ("open", None),
    ("not started", "not_started"),
    ("closed", "closed"),
    ("on time", "closed_on_time"),
    ("on track", "open_on_track"),
    ("overdue", "open_overdue"),
    ("on-time rate", "on_time_rate"),
)


def cell(row: PerformanceRow, field: str | None) -> str:
    """One cell of the demo's tables: a figure of the statistics' row, as text."""
    if field is None:  # the open reports: the statistics' backlog, all ages
        return str(row.backlog_up_to_4_weeks + row.backlog_4_to_8_weeks + row.backlog_over_8_weeks)
    value = getattr(row, field)
    if value is None:
        return "-"
    return f"{value:.0%}" if isinstance(value, float) else str(value)


@attrs.frozen
class DemoReport:
    """One report as the demo shows it (the primary clock's view at ``now``)."""

    report_id: str
    category: str
    status: str
    open: bool
    agency: str | None
    referred_to: str | None
    district: str | None
    submitted: dt.datetime
    due: dt.datetime | None
    clock_state: str
    open_overdue: bool


@attrs.frozen
class DemoSummary:
    """Everything the demo prints: the reports and the statistics by agency and district."""

    city: str
    now: dt.datetime
    clock: str
    reports: tuple[DemoReport, ...]
    by_agency: SlaPerformance
    by_district: SlaPerformance
    district_names: dict[str, str]
    taken: tuple[Report, ...] = attrs.field(default=(), eq=False, repr=False)
    """The reports themselves, taken in and moved along (for the pictures of ``--html``)."""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view; the figures keep the statistics' field names."""
        districts: list[dict[str, object]] = []
        for record in self.by_district.to_records():
            code = str(record["district"])
            districts.append(
                {"district": code, "district_name": self.district_name(code), **record}
            )
        return {
            "city": self.city,
            "now": self.now.isoformat(),
            "clock": self.clock,
            "by_agency": self.by_agency.to_records(),
            "by_district": districts,
            "reports": [
                {
                    **attrs.asdict(r),
                    "submitted": r.submitted.isoformat(),
                    "due": r.due.isoformat() if r.due else None,
                }
                for r in self.reports
            ],
        }

    def district_name(self, code: str) -> str:
        """The name of a district code; ``"unknown"`` stays ``"unknown"``."""
        return self.district_names.get(code, code)


def run_demo(
    city: City,
    *,
    count: int,
    seed: int,
    now: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Generate ``count`` reports over the 90 days before ``now``, take them in, move them."""
    schedule = city.schedule
    if schedule is None:
        raise InvalidArgumentError(
            "the demo needs a city with an SLA schedule; give it one with city.with_schedule(...)"
        )
    reports = generate_reports(
        city, count=count, start=now - dt.timedelta(days=90), end=now, seed=seed
    )
    district_names = {code: d.name for code, d in city.ward_map.districts().items()}
    moved: list[Report] = []
    for done, submitted in enumerate(reports, start=1):
        taken = city.intake(submitted, at=submitted.submitted_at + dt.timedelta(minutes=20))
        moved.append(progress_reports(taken, now=now, seed=seed))
        if progress is not None:
            progress(done, len(reports))
    by_agency, by_district = (
        sla_performance(moved, schedule, city.calendar, now=now, by=by)
        for by in ("agency", "district")
    )
    return DemoSummary(
        city=city.name,
        now=now,
        clock=schedule.primary,
        reports=tuple(_show(city, report, now, district_names) for report in moved),
        by_agency=by_agency,
        by_district=by_district,
        district_names=district_names,
        taken=tuple(moved),
    )


def _show(city: City, report: Report, now: dt.datetime, districts: dict[str, str]) -> DemoReport:
    clock = city.clock(report)
    state = clock.state(now) if clock is not None else ClockState.NOT_STARTED
    return DemoReport(
        report_id=report.report_id,
        category=report.category,
        status=report.status.value,
        open=report.status.group is StatusGroup.OPEN,
        agency=report.agency,
        referred_to=report.referred_to,
        district=districts.get(report.district or "", UNKNOWN),
        submitted=report.submitted_at,
        due=clock.deadline_at(now) if clock is not None else None,
        clock_state=state.value,
        open_overdue=clock is not None and state in _STILL_RUNNING and clock.breached(now),
    )
