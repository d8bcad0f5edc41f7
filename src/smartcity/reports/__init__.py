"""Reports (complaints), their status lifecycle and their history.

A :class:`Report` is made by :meth:`Report.submit` and changed by methods that return a new
report with one more :class:`ReportEvent` in its history; :meth:`Report.replay` rebuilds it from
that history. :class:`ReportStatus` and :data:`TRANSITIONS` are the lifecycle;
:class:`Reporter` holds the reporter's personal data, which is never published.
"""

from smartcity._exports import publish
from smartcity.reports._events import EventKind, HasLatLon, ReportEvent, Submission
from smartcity.reports._lifecycle import TRANSITIONS, is_final
from smartcity.reports._report import MAX_DESCRIPTION_LENGTH, MAX_HISTORY_LENGTH, Report
from smartcity.reports._reporter import PERSONAL, Reporter, is_personal
from smartcity.reports._status import ReportStatus, StatusGroup

# Plain sorted() order, as tests/test_exports.py checks; ruff's isort-style order would put
# the constants first.
__all__ = [
    "EventKind",
    "HasLatLon",
    "MAX_DESCRIPTION_LENGTH",
    "MAX_HISTORY_LENGTH",
    "PERSONAL",
    "Report",
    "ReportEvent",
    "ReportStatus",
    "Reporter",
    "StatusGroup",
    "Submission",
    "TRANSITIONS",
    "is_final",
    "is_personal",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
