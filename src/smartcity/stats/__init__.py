"""Statistics for a city's dashboard: how each agency performs against its SLA.

:func:`sla_performance` groups reports (by agency, category, district, ward, month...) and
counts what a dashboard shows, with the fair on-time rate; :func:`yearly_counts` counts the
reports received each year. Results are frozen rows with ``to_records()`` for a DataFrame.
Both take ``Report`` values or an :class:`~smartcity.columnar.EventTable` (the same rows);
:func:`partial_performance` gives figures for a part of the reports that merge exactly
(:class:`PartialPerformance`), for a computation split across processes or machines.
"""

from smartcity._exports import publish
from smartcity.stats._counts import YearlyCount, YearlyCounts, yearly_counts
from smartcity.stats._partial import Histogram, PartialPerformance, PartialRow
from smartcity.stats._performance import (
    DIMENSIONS,
    UNKNOWN,
    PerformanceRow,
    SlaPerformance,
    partial_performance,
    sla_performance,
)

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "DIMENSIONS",
    "Histogram",
    "PartialPerformance",
    "PartialRow",
    "PerformanceRow",
    "SlaPerformance",
    "UNKNOWN",
    "YearlyCount",
    "YearlyCounts",
    "partial_performance",
    "sla_performance",
    "yearly_counts",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
