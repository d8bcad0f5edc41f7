"""Pictures of a city's desk: ward map, agency performance, backlog, years, deadline calendar.

Each function takes the library's own values (reports and a ward map, statistics, a deadline's
explanation) and returns a new :class:`matplotlib.figure.Figure`; saving it is the caller's
choice (``figure.savefig("map.svg")``). Labels are in Indonesian or English (``language=``),
colours are readable with colour-blind eyes (viridis, cividis, Okabe-Ito), and every figure
has a title and axis labels. Needs the extra: ``pip install 'smartcity[plot]'``.
"""

from smartcity._exports import publish
from smartcity.plot._calendar import MAX_CALENDAR_MONTHS, deadline_calendar
from smartcity.plot._stats import agency_performance, backlog_age, yearly_counts
from smartcity.plot._wardmap import MAX_CLASSES, class_breaks, ward_counts, ward_map

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "MAX_CALENDAR_MONTHS",
    "MAX_CLASSES",
    "agency_performance",
    "backlog_age",
    "class_breaks",
    "deadline_calendar",
    "ward_counts",
    "ward_map",
    "yearly_counts",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
