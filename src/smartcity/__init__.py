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
from smartcity.sla import Closure, ClosureKind, HoursOverride, WorkingCalendar

__all__ = [
    "Agency",
    "Category",
    "City",
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
    "SmartCityError",
    "Ward",
    "WardMap",
    "WorkingCalendar",
    "find_duplicates",
]
