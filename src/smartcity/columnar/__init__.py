"""The columnar form: many reports' histories and their SLA clocks as numpy columns.

An :class:`EventTable` holds the events of many reports, one row an event, checked on the way
in with the lifecycle's rules; :func:`clock_table` computes a policy's clock on every report of
it at once, on arrays, with the same results as :class:`~smartcity.sla.SlaClock`, each report
on its agency's calendar; :func:`schedule_clocks` every clock of a schedule, each report on the
policy its category picks. Results are columns again (:class:`ClockTable`), with rows on demand.
"""

from smartcity._exports import publish
from smartcity.columnar._clocks import CLOCK_STATES, NONE, ClockRow, ClockTable, clock_table
from smartcity.columnar._schedule import schedule_clocks
from smartcity.columnar._table import MISSING, STATUSES, EventTable

# Plain sorted() order, as tests/test_exports.py checks.
__all__ = [
    "CLOCK_STATES",
    "ClockRow",
    "ClockTable",
    "EventTable",
    "MISSING",
    "NONE",
    "STATUSES",
    "clock_table",
    "schedule_clocks",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
