"""smartcity: the domain core of a city's citizen-complaint desk.

Pure, immutable domain objects: working-day SLA calendars (:mod:`smartcity.sla`), ward geometry
(:mod:`smartcity.geo`) and reports (:mod:`smartcity.reports`). No clock, no I/O: the caller passes
every instant and every file's content.
"""

from smartcity.exceptions import SmartCityError
from smartcity.sla import Closure, ClosureKind, HoursOverride, WorkingCalendar

__all__ = ["Closure", "ClosureKind", "HoursOverride", "SmartCityError", "WorkingCalendar"]
