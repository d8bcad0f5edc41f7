"""Working-day calendars and SLA arithmetic.

The calendar answers the questions every deadline depends on: is this a working day, when is the
5th working day after receipt, how much working time lies between two instants.
"""

from smartcity.sla._calendar import Closure, ClosureKind, HoursOverride, WorkingCalendar

__all__ = ["Closure", "ClosureKind", "HoursOverride", "WorkingCalendar"]

for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
