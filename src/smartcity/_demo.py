"""The demo's work, without printing: generate, take in, move along, and summarise."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import attrs

from smartcity.desk import City
from smartcity.reports import Report, StatusGroup
from smartcity.samples import generate_reports, progress_reports
from smartcity.sla import ClockState


@attrs.frozen
class DemoReport:
    """One report as the demo shows it."""

    report_id: str
    category: str
    status: str
    open: bool
    agency: str | None
    referred_to: str | None
    district: str | None
    submitted: dt.datetime
    due: dt.datetime | None
    overdue: bool


@attrs.frozen
class DemoSummary:
    """Everything the demo prints."""

    city: str
    now: dt.datetime
    reports: tuple[DemoReport, ...]

    def by(self, field: str) -> list[tuple[str, int, int, int]]:
        """Rows ``(key, reports, open, overdue)`` grouped by a field, largest first."""
        total: Counter[str] = Counter()
        still_open: Counter[str] = Counter()
        overdue: Counter[str] = Counter()
        for report in self.reports:
            key = getattr(report, field) or _MISSING.get(field, "-")
            total[key] += 1
            still_open[key] += report.open
            overdue[key] += report.overdue
        return [(key, n, still_open[key], overdue[key]) for key, n in total.most_common()]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view."""
        return {
            "city": self.city,
            "now": self.now.isoformat(),
            "by_agency": [dict(zip(_COLUMNS, row, strict=True)) for row in self.by("agency")],
            "by_district": [dict(zip(_COLUMNS, row, strict=True)) for row in self.by("district")],
            "reports": [
                {
                    **attrs.asdict(r),
                    "submitted": r.submitted.isoformat(),
                    "due": r.due.isoformat() if r.due else None,
                }
                for r in self.reports
            ],
        }


_COLUMNS = ("key", "reports", "open", "overdue")
_MISSING = {"agency": "(referred)", "district": "(outside the city)"}


def run_demo(
    city: City,
    *,
    count: int,
    seed: int,
    now: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Generate ``count`` reports over the 90 days before ``now``, take them in, move them."""
    reports = generate_reports(
        city, count=count, start=now - dt.timedelta(days=90), end=now, seed=seed
    )
    district_names = {code: d.name for code, d in city.ward_map.districts().items()}
    shown = []
    for done, submitted in enumerate(reports, start=1):
        taken = city.intake(submitted, at=submitted.submitted_at + dt.timedelta(minutes=20))
        moved = progress_reports(taken, now=now, seed=seed)
        shown.append(_show(city, moved, now, district_names))
        if progress is not None:
            progress(done, len(reports))
    return DemoSummary(city.name, now, tuple(shown))


def _show(city: City, report: Report, now: dt.datetime, districts: dict[str, str]) -> DemoReport:
    agency = report.agency
    clock = city.clock(report) if agency is not None else None
    due = clock.deadline_at(now) if clock is not None else None
    overdue = clock is not None and (clock.state(now) is ClockState.MISSED or clock.breached(now))
    return DemoReport(
        report_id=report.report_id,
        category=report.category,
        status=report.status.value,
        open=report.status.group is StatusGroup.OPEN,
        agency=agency,
        referred_to=report.referred_to,
        district=districts.get(report.district or ""),
        submitted=report.submitted_at,
        due=due,
        overdue=overdue,
    )
