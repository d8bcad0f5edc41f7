"""Ward geometry: from a point to its kelurahan (ward) and kecamatan (district).

Build a `WardMap` from the boundaries (`WardMap.from_geojson`), then ask it where a
`GeoPoint` is (`WardMap.locate`, `WardMap.nearest`, `WardMap.locate_many`).
"""

from smartcity._exports import publish
from smartcity.geo._issues import GeometryIssue, GeometryIssueKind
from smartcity.geo._location import Location
from smartcity.geo._point import GeoPoint
from smartcity.geo._ward import District, Ward
from smartcity.geo._wards import WardMap

__all__ = [
    "District",
    "GeoPoint",
    "GeometryIssue",
    "GeometryIssueKind",
    "Location",
    "Ward",
    "WardMap",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
