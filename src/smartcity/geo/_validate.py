"""Finding overlaps and enclosed gaps between ward polygons (for `WardMap.validate`).

The work is done on the polygons projected to metres (see `_geodesy.LocalProjection`), where
shapely's planar areas mean square metres; each area is then rescaled to the latitude where
it lies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import shapely
from shapely import Polygon

from smartcity.geo._geodesy import LocalProjection
from smartcity.geo._geojson import Repair
from smartcity.geo._issues import GeometryIssue, GeometryIssueKind
from smartcity.geo._point import GeoPoint
from smartcity.geo._ward import Ward

# A gap borders a ward when they are this close, in metres: the hole's edges are computed by
# noding and may sit a few nanometres off the ward's own edges.
_BORDER_M = 0.01


def overlaps(
    wards: Sequence[Ward],
    projected: npt.NDArray[np.object_],
    projection: LocalProjection,
    *,
    min_area_m2: float,
) -> list[GeometryIssue]:
    """Return one issue per pair of wards whose polygons share more than ``min_area_m2``."""
    tree = shapely.STRtree(projected)
    first, second = tree.query(projected, predicate="intersects")
    keep = first < second
    first, second = first[keep], second[keep]
    shared = shapely.intersection(projected[first], projected[second])
    issues = []
    for a, b, geometry in zip(first.tolist(), second.tolist(), shared, strict=True):
        area, point = _area_and_point(geometry, projection)
        if area <= min_area_m2 or point is None:
            continue
        ward_a, ward_b = wards[a], wards[b]
        issues.append(
            GeometryIssue(
                kind=GeometryIssueKind.OVERLAP,
                ward_codes=(ward_a.code, ward_b.code),
                area_m2=area,
                point=point,
                detail=(
                    f"{ward_a.name} ({ward_a.code}) and {ward_b.name} ({ward_b.code}) overlap "
                    f"by {area:,.1f} m²; a point there is given to {ward_a.code}, the lower code"
                ),
            )
        )
    return issues


def gaps(
    wards: Sequence[Ward],
    projected: npt.NDArray[np.object_],
    projection: LocalProjection,
    *,
    min_area_m2: float,
) -> list[GeometryIssue]:
    """Return one issue per hole in the union of the wards larger than ``min_area_m2``."""
    union_parts = shapely.get_parts(shapely.union_all(projected))
    holes = np.array(
        [Polygon(ring) for part in union_parts for ring in part.interiors], dtype=object
    )
    if holes.size == 0:
        return []
    # A hole may hold an island of wards (e.g. an enclave inside the gap): not part of it.
    hole_of, island_of = shapely.STRtree(union_parts).query(holes, predicate="contains")
    for hole in np.unique(hole_of).tolist():
        islands = union_parts[island_of[hole_of == hole]]
        holes[hole] = shapely.difference(holes[hole], shapely.union_all(islands))
    gap_of, ward_of = shapely.STRtree(projected).query(
        holes, predicate="dwithin", distance=_BORDER_M
    )
    issues = []
    for number, hole in enumerate(holes):
        area, point = _area_and_point(hole, projection)
        if area <= min_area_m2 or point is None:
            continue
        codes = tuple(sorted(wards[ward].code for ward in ward_of[gap_of == number].tolist()))
        issues.append(
            GeometryIssue(
                kind=GeometryIssueKind.GAP,
                ward_codes=codes,
                area_m2=area,
                point=point,
                detail=(
                    f"a gap of {area:,.1f} m² that no ward covers, enclosed by "
                    f"{', '.join(codes) or 'no ward'}; points there are located nowhere "
                    f"(WardMap.nearest gives them the nearest ward)"
                ),
            )
        )
    return issues


def repaired(
    wards: Sequence[Ward],
    positions: dict[str, int],
    repairs: Sequence[Repair],
    projection: LocalProjection,
) -> list[GeometryIssue]:
    """Return one issue per polygon repaired on loading."""
    issues = []
    for repair in repairs:
        ward = wards[positions[repair.code]]
        before, after = projection.geometries(
            np.array([repair.original, ward.geometry], dtype=object)
        )
        y = float(shapely.get_coordinates(shapely.centroid(after))[0, 1])
        change = abs(float(after.area) - float(before.area)) * projection.area_scale(y)
        if repair.location is None:
            lon, lat = (
                float(value)
                for value in shapely.get_coordinates(shapely.point_on_surface(ward.geometry))[0]
            )
        else:
            lon, lat = repair.location
        issues.append(
            GeometryIssue(
                kind=GeometryIssueKind.INVALID,
                ward_codes=(ward.code,),
                area_m2=change,
                point=GeoPoint(lat, lon),
                detail=(
                    f"{ward.name} ({ward.code}) had an invalid polygon ({repair.reason}); it was "
                    f"repaired on loading with shapely.make_valid, changing its area by "
                    f"{change:,.1f} m²"
                ),
            )
        )
    return issues


def _area_and_point(geometry: object, projection: LocalProjection) -> tuple[float, GeoPoint | None]:
    """Return the true area of the polygonal parts and a point inside the largest part."""
    # An intersection can be a collection of polygons, lines and points; only area counts.
    flat = shapely.get_parts(shapely.get_parts(geometry))
    parts = [part for part in flat if float(part.area) > 0.0]
    if not parts:
        return 0.0, None
    area = 0.0
    for part in parts:
        y = float(shapely.get_coordinates(shapely.centroid(part))[0, 1])
        area += float(part.area) * projection.area_scale(y)
    largest = max(parts, key=lambda part: float(part.area))
    x, y = (float(value) for value in shapely.get_coordinates(shapely.point_on_surface(largest))[0])
    lon, lat = projection.inverse(x, y)
    return area, GeoPoint(lat, lon)
