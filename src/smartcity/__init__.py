"""smartcity: the domain core of a city's citizen-complaint desk.

Pure, immutable domain objects: working-day SLA calendars (:mod:`smartcity.sla`), ward geometry
(:mod:`smartcity.geo`), reports (:mod:`smartcity.reports`), agencies and routing
(:mod:`smartcity.routing`) and the desk that ties them together (:mod:`smartcity.desk`). No
clock, no I/O: the caller passes every instant and every file's content.
"""

from smartcity.desk import City, Duplicate, DuplicateIndex, Placement, find_duplicates
from smartcity.exceptions import SmartCityError
from smartcity.geo import (
    District,
    GeometryIssue,
    GeometryIssueKind,
    GeoPoint,
    Location,
    Ward,
    WardMap,
)
from smartcity.reports import Report, Reporter, ReportEvent, ReportStatus
from smartcity.routing import Agency, Category, Router, RoutingDecision, RoutingRule
from smartcity.sla import (
    ClockState,
    Closure,
    ClosureKind,
    HoursOverride,
    SlaClock,
    SlaPolicy,
    SlaSchedule,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)

__all__ = [
    "Agency",
    "Category",
    "City",
    "ClockState",
    "Closure",
    "ClosureKind",
    "District",
    "Duplicate",
    "DuplicateIndex",
    "GeoPoint",
    "GeometryIssue",
    "GeometryIssueKind",
    "HoursOverride",
    "Location",
    "Placement",
    "Report",
    "ReportEvent",
    "ReportStatus",
    "Reporter",
    "Router",
    "RoutingDecision",
    "RoutingRule",
    "SlaClock",
    "SlaPolicy",
    "SlaSchedule",
    "SmartCityError",
    "Ward",
    "WardMap",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingDuration",
    "find_duplicates",
]
