"""Pictures of a city's desk: ward map, agency performance, backlog, years, deadline calendar.

Each function takes the library's own values (reports and a ward map, statistics, a deadline's
explanation) and returns a new :class:`matplotlib.figure.Figure`; saving it is the caller's
choice (``figure.savefig("map.svg")``). Labels are in Indonesian or English (``language=``),
colours are readable with colour-blind eyes (viridis, cividis, Okabe-Ito), and every figure
has a title and axis labels. Needs the extra: ``pip install 'smartcity[plot]'``.
"""

from smartcity._exports import publish
from smartcity.plot._wardmap import class_breaks, ward_counts, ward_map

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "class_breaks",
    "ward_counts",
    "ward_map",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
