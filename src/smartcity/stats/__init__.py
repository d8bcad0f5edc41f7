"""Statistics for a city's dashboard: how each agency performs against its SLA.

:func:`sla_performance` groups reports (by agency, category, district, ward, month...) and
counts what a dashboard shows, with the fair on-time rate; :func:`yearly_counts` counts the
reports received each year. Results are frozen rows with ``to_records()`` for a DataFrame.
"""

from smartcity._exports import publish
from smartcity.stats._counts import YearlyCount, YearlyCounts, yearly_counts
from smartcity.stats._performance import (
    DIMENSIONS,
    UNKNOWN,
    PerformanceRow,
    SlaPerformance,
    sla_performance,
)

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "DIMENSIONS",
    "PerformanceRow",
    "SlaPerformance",
    "UNKNOWN",
    "YearlyCount",
    "YearlyCounts",
    "sla_performance",
    "yearly_counts",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
