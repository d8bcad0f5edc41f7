"""The complaint desk: a :class:`City` that takes reports in, and duplicate detection."""

from smartcity.desk._city import MAX_SNAP_M, City, Placement
from smartcity.desk._duplicates import MAX_RADIUS_M, Duplicate, DuplicateIndex, find_duplicates
from smartcity.desk._placements import Placements

__all__ = [
    "City",
    "Duplicate",
    "DuplicateIndex",
    "MAX_RADIUS_M",
    "MAX_SNAP_M",
    "Placement",
    "Placements",
    "find_duplicates",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
for _obj in (City, Duplicate, DuplicateIndex, Placement, Placements, find_duplicates):
    _obj.__module__ = __name__
del _obj
