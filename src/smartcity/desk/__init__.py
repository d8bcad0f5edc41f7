"""The complaint desk: a :class:`City` that takes reports in, and duplicate detection."""

from smartcity._exports import publish
from smartcity.desk._city import MAX_SNAP_M, City, Placement
from smartcity.desk._duplicates import MAX_RADIUS_M, Duplicate, DuplicateIndex, find_duplicates
from smartcity.desk._placements import Placements
from smartcity.desk._promise import Promise

__all__ = [
    "City",
    "Duplicate",
    "DuplicateIndex",
    "MAX_RADIUS_M",
    "MAX_SNAP_M",
    "Placement",
    "Placements",
    "Promise",
    "find_duplicates",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
