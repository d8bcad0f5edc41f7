"""The complaint desk: a :class:`City` that takes reports in, and duplicate detection."""

from smartcity.desk._city import City, Placement
from smartcity.desk._duplicates import Duplicate, DuplicateIndex, find_duplicates

__all__ = ["City", "Duplicate", "DuplicateIndex", "Placement", "find_duplicates"]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
for _name in __all__:
    globals()[_name].__module__ = __name__
del _name
