"""Ward boundaries as GeoJSON geometry objects (RFC 7946): ``[longitude, latitude]`` positions.

GeoJSON is the one place where a position is written longitude first; everywhere else in the
stored data a point is ``{"lat": ..., "lon": ...}``, so the order can never be mistaken.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Sequence

import shapely
from shapely import MultiPolygon, Polygon

from smartcity.geo._limits import MAX_FEATURES, MAX_PARTS, MAX_PARTS_PER_WARD, MAX_VERTICES
from smartcity.serialization._errors import BadValueError, describe, require_object

__all__ = ["check_ward_map_size", "geometry_from_data", "geometry_to_data"]

# The same bounds as WardMap.from_geojson: a stored ward map is no bigger than a loaded one.
_MAX_POSITIONS: typing.Final = MAX_VERTICES


def geometry_to_data(value: Polygon | MultiPolygon) -> dict[str, object]:
    """Return a GeoJSON ``Polygon`` or ``MultiPolygon`` object with list coordinates."""
    mapping = shapely.geometry.mapping(value)
    return {"type": mapping["type"], "coordinates": _lists(mapping["coordinates"])}


def _lists(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_lists(item) for item in value]
    return float(typing.cast("float", value))


def geometry_from_data(value: object, _kind: object = None) -> Polygon | MultiPolygon:
    """Build a shapely polygon from a GeoJSON ``Polygon`` or ``MultiPolygon`` object.

    Checks the shape of the data only (closed rings of 2- or 3-number positions); whether the
    polygon is valid is the ward's to check.
    """
    data = require_object(value, "a GeoJSON Polygon or MultiPolygon geometry")
    unknown = set(data) - {"type", "coordinates"}
    if unknown:
        names = ", ".join(repr(name) for name in sorted(unknown))
        raise BadValueError(f"unknown field(s) {names} in a geometry; it has type and coordinates")
    kind = data.get("type")
    coordinates = data.get("coordinates")
    budget = _Budget()
    if kind == "Polygon":
        return _polygon(coordinates, "", budget)
    if kind == "MultiPolygon":
        if not _is_list(coordinates) or not coordinates:
            raise BadValueError("a MultiPolygon's coordinates are a non-empty array of polygons")
        if len(coordinates) > MAX_PARTS_PER_WARD:
            raise BadValueError(
                f"a MultiPolygon has {len(coordinates):,} polygons; a ward may have at most "
                f"{MAX_PARTS_PER_WARD:,}"
            )
        parts = enumerate(coordinates)
        return MultiPolygon([_polygon(part, f"polygon {n}, ", budget) for n, part in parts])
    raise BadValueError(
        f"a ward's geometry is a Polygon or a MultiPolygon, not type {describe(kind)}"
    )


def check_ward_map_size(value: object) -> None:
    """Refuse a stored ward map over the limits of `WardMap.from_geojson`, before reading it.

    Counts wards, polygons and positions by the lengths of the arrays that hold them, without
    looking at a single coordinate; what is malformed is left to the structuring that follows.
    """
    if not isinstance(value, dict):
        return
    wards = value.get("wards")
    if not _is_list(wards):
        return
    if len(wards) > MAX_FEATURES:
        raise BadValueError(f"the ward map has {len(wards):,} wards; the limit is {MAX_FEATURES:,}")
    parts = positions = 0
    for ward in wards:
        geometry = ward.get("geometry") if isinstance(ward, dict) else None
        if not isinstance(geometry, dict):
            continue
        coordinates = geometry.get("coordinates")
        if not _is_list(coordinates):
            continue
        polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
        parts += len(polygons)
        positions += sum(
            len(ring)
            for polygon in polygons
            if _is_list(polygon)
            for ring in polygon
            if _is_list(ring)
        )
        if parts > MAX_PARTS or positions > MAX_VERTICES:
            raise BadValueError(
                f"the ward map has more than {MAX_PARTS:,} polygons or {MAX_VERTICES:,} "
                f"positions in all (the limits); simplify the wards or split the map"
            )


class _Budget:
    """What a geometry may still hold: positions left, and the dimension of every position."""

    def __init__(self) -> None:
        self.positions = _MAX_POSITIONS
        self._dimensions: int | None = None

    def dimensions(self, seen: int) -> int:
        """Return the geometry's dimension: that of its first position."""
        if self._dimensions is None:
            self._dimensions = seen
        return self._dimensions


def _is_list(value: object) -> typing.TypeGuard[Sequence[object]]:
    return isinstance(value, list | tuple)


def _polygon(rings: object, where: str, budget: _Budget) -> Polygon:
    if not _is_list(rings) or not rings:
        raise BadValueError(f"{where}a polygon's coordinates must be a non-empty array of rings")
    parsed = [_ring(ring, f"{where}ring {n}", budget) for n, ring in enumerate(rings)]
    return Polygon(parsed[0], parsed[1:])


def _ring(ring: object, where: str, budget: _Budget) -> list[tuple[float, ...]]:
    if not _is_list(ring):
        raise BadValueError(f"{where} must be an array of positions, not {describe(ring)}")
    budget.positions -= len(ring)
    if budget.positions < 0:
        raise BadValueError(f"the geometry has more than {_MAX_POSITIONS:,} positions; simplify it")
    if len(ring) < 4:
        raise BadValueError(f"{where} has {len(ring)} positions; a closed ring needs at least 4")
    positions = []
    for number, position in enumerate(ring):
        coordinates = _position(position)
        if coordinates is None or len(coordinates) != budget.dimensions(len(coordinates)):
            raise BadValueError(
                f"{where}, position {number} must be [longitude, latitude] in degrees "
                f"(with the same number of coordinates as the others), got {describe(position)}"
            )
        positions.append(coordinates)
    if positions[0] != positions[-1]:
        raise BadValueError(f"{where} is not closed: its first and last positions differ")
    return positions


def _position(value: object) -> tuple[float, ...] | None:
    """Return a position's 2 or 3 finite numbers, or None when it is not one."""
    if not _is_list(value) or not 2 <= len(value) <= 3:
        return None
    numbers = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int | float):
            return None
        try:
            number = float(item)
        except OverflowError:  # an integer beyond the float range
            return None
        if not math.isfinite(number):
            return None
        numbers.append(number)
    return tuple(numbers)
