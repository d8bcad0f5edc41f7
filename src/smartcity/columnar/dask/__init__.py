"""The statistics on a Dask cluster: events in a ``dask.dataframe``, partitioned by report id.

An optional module: install ``smartcity[dask]`` (dask's dataframe and distributed).
:func:`sla_performance_dask` and :func:`yearly_counts_dask` give the rows of
:func:`smartcity.stats.sla_performance` and :func:`smartcity.stats.yearly_counts` for events
too many for one machine, equal field by field: each partition computes the mergeable partial
figures, which merge exactly in a tree of tasks. Schedules, calendars and cities travel to
each worker once. Dask is imported when a function is called, not with this module.
"""

from smartcity._exports import publish
from smartcity.columnar.dask._stats import (
    LABEL_COLUMNS,
    city_performance_dask,
    partial_performance_dask,
    sla_performance_dask,
    yearly_counts_dask,
)

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "LABEL_COLUMNS",
    "city_performance_dask",
    "partial_performance_dask",
    "sla_performance_dask",
    "yearly_counts_dask",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
