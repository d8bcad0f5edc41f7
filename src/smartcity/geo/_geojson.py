"""Reading ward boundaries from a GeoJSON FeatureCollection, defensively.

The input comes from outside (a download, an upload), so every step checks what it reads and
names the feature at fault. Limits keep hostile or mistaken input from eating the machine:
they are checked before the expensive step they protect (the text length before parsing, the
vertex count before building geometries).
"""

from __future__ import annotations

import json
import math
import re
import typing
from collections.abc import Mapping

import attrs
import numpy as np
import numpy.typing as npt
import shapely
from shapely import MultiPolygon, Polygon

from smartcity._checks import coordinate, real_number, shown, type_name
from smartcity.exceptions import InvalidArgumentError, SmartCityError, WardDataError
from smartcity.geo._limits import (
    MAX_FEATURES,
    MAX_GEOJSON_CHARS,
    MAX_PARTS,
    MAX_PARTS_PER_WARD,
    MAX_TEXT_CHARS,
    MAX_VERTICES,
)
from smartcity.geo._ward import check_polygonal

_POLYGON_START = re.compile(r"\[\s*\[\s*\[")
_POLYGON_START_BYTES = re.compile(rb"\[\s*\[\s*\[")

# GEOS reports where it found an invalidity as "Self-intersection[110.4 -7.0]".
_REASON_LOCATION = re.compile(r"\[\s*(?P<x>[-+0-9.eE]+)\s+(?P<y>[-+0-9.eE]+)\s*\]")


@attrs.frozen
class Repair:
    """A polygon that `repair=True` replaced with a valid one."""

    index: int
    code: str
    reason: str
    original: Polygon | MultiPolygon
    location: tuple[float, float] | None  # (lon, lat) named by GEOS, when it names one


@attrs.frozen
class ParsedFeature:
    """One feature's ward fields, checked, with a valid polygonal geometry."""

    index: int
    code: str
    name: str
    district_code: str
    district_name: str
    geometry: Polygon | MultiPolygon


@attrs.frozen
class PropertyNames:
    """Which feature property holds which ward field."""

    code: str
    name: str
    district_code: str
    district_name: str


def load_collection(data: object) -> Mapping[str, object]:
    """Return the FeatureCollection mapping from a mapping or a JSON text."""
    if isinstance(data, str | bytes | bytearray):
        data = _parse_text(data)
        if not isinstance(data, Mapping):
            raise WardDataError(
                f"the GeoJSON text holds a {type_name(data)}; expected a FeatureCollection object"
            )
    elif not isinstance(data, Mapping):
        raise InvalidArgumentError(
            f"data must be a GeoJSON FeatureCollection, as a mapping or as JSON text (str or "
            f"bytes); got {type_name(data)} {shown(data)}"
        )
    kind = data.get("type")
    if not (isinstance(kind, str) and kind == "FeatureCollection"):
        raise WardDataError(f"expected a GeoJSON FeatureCollection; got type {shown(kind)}")
    return data


def _parse_text(data: str | bytes | bytearray) -> object:
    if len(data) > MAX_GEOJSON_CHARS:
        raise WardDataError(
            f"the GeoJSON text is {len(data):,} characters long; the limit is "
            f"{MAX_GEOJSON_CHARS:,}. Split the data, or simplify the polygons"
        )
    # Every position opens a bracket, so a text with many more brackets than the vertex
    # limit cannot be accepted: refuse it without paying for the parse (2 s per million
    # positions on a slow machine). Rings and polygons add a bracket per 4 or more
    # positions at most, so twice the limit leaves room for them and for foreign members.
    brackets = data.count("[") if isinstance(data, str) else data.count(b"[")
    if brackets > 2 * MAX_VERTICES:
        raise WardDataError(
            f"the GeoJSON text holds {brackets:,} '[' brackets, so more than "
            f"{MAX_VERTICES:,} vertices (the limit); simplify the polygons (e.g. "
            f"shapely.simplify or coverage_simplify) or split the map"
        )
    # Every polygon opens three brackets in a row (polygon, ring, position): count them too,
    # so that a MultiPolygon of 100,000 specks is refused before a 10 MB parse.
    polygons = len(
        _POLYGON_START.findall(data)
        if isinstance(data, str)
        else _POLYGON_START_BYTES.findall(data)
    )
    if polygons > MAX_PARTS:
        raise WardDataError(
            f"the GeoJSON text opens {polygons:,} polygons ('[[['), so more than {MAX_PARTS:,} "
            f"(the limit); merge or drop the specks, or split the map"
        )
    try:
        return json.loads(data)
    except RecursionError:
        raise WardDataError(
            "the GeoJSON text is nested too deeply to be a FeatureCollection"
        ) from None
    except json.JSONDecodeError as error:
        raise WardDataError(
            f"the GeoJSON text is not valid JSON: {error.msg} at line "
            f"{error.lineno}, column {error.colno}"
        ) from None
    except UnicodeDecodeError as error:
        raise WardDataError(f"the GeoJSON bytes are not UTF-8 text: {shown(str(error))}") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise WardDataError(f"the GeoJSON text cannot be read: {shown(str(error))}") from None


def parse_features(
    collection: Mapping[str, object], *, names: PropertyNames, repair: bool
) -> tuple[list[ParsedFeature], list[Repair]]:
    """Check every feature and build its geometry; return the features and the repairs made."""
    features = collection.get("features")
    if not _is_list(features):
        raise WardDataError("the FeatureCollection has no 'features' list")
    if not features:
        raise WardDataError("the FeatureCollection has no features; a ward map needs wards")
    if len(features) > MAX_FEATURES:
        raise WardDataError(
            f"the FeatureCollection has {len(features):,} features; the limit is {MAX_FEATURES:,}"
        )
    budget = _Budget()
    parsed: list[ParsedFeature] = []
    repairs: list[Repair] = []
    for index, feature in enumerate(features):
        if not isinstance(feature, Mapping):
            raise WardDataError(
                f"expected a GeoJSON Feature object; got {type_name(feature)}", index=index
            )
        properties = feature.get("properties")
        if not isinstance(properties, Mapping):
            raise WardDataError("the feature has no 'properties' object", index=index)
        code = _text(properties, names.code, index=index, code=None, option="code")
        texts = {
            option: _text(properties, key, index=index, code=code, option=option)
            for option, key in (
                ("name", names.name),
                ("district_code", names.district_code),
                ("district_name", names.district_name),
            )
        }
        geometry = _geometry(feature.get("geometry"), budget=budget, index=index, code=code)
        if not shapely.is_valid(geometry):
            reason = str(shapely.is_valid_reason(geometry))
            if not repair:
                raise WardDataError(
                    f"the geometry is invalid ({shown(reason)}); fix the data, or pass "
                    f"repair=True to repair it with shapely.make_valid",
                    index=index,
                    code=code,
                )
            repairs.append(
                Repair(
                    index=index,
                    code=code,
                    reason=reason,
                    original=geometry,
                    location=_reason_location(reason),
                )
            )
            geometry = _repaired(geometry, index=index, code=code)
        check_polygonal(geometry, index=index, code=code)
        parsed.append(
            ParsedFeature(
                index=index,
                code=code,
                name=texts["name"],
                district_code=texts["district_code"],
                district_name=texts["district_name"],
                geometry=geometry,
            )
        )
    return parsed, repairs


def _is_list(value: object) -> typing.TypeGuard[list[object] | tuple[object, ...]]:
    # JSON gives lists; a mapping built in Python may hold tuples. Other sequences (a range of
    # 10**20 items, say) are refused: their length alone can overflow.
    return isinstance(value, list | tuple)


def _text(
    properties: Mapping[str, object], key: str, *, index: int, code: str | None, option: str
) -> str:
    if key not in properties:
        raise WardDataError(
            f"the feature has no {shown(key)} property; pass {option}= to from_geojson to name "
            f"the property that holds the {option.replace('_', ' ')}",
            index=index,
            code=code,
        )
    value = properties[key]
    if not isinstance(value, str) or not value.strip():
        raise WardDataError(
            f"property {shown(key)} must be a non-empty string; "
            f"got {type_name(value)} {shown(value)}",
            index=index,
            code=code,
        )
    if len(value) > MAX_TEXT_CHARS:
        raise WardDataError(
            f"property {shown(key)} has {len(value):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}: is it the right property?",
            index=index,
            code=code,
        )
    return value


class _Budget:
    """Counts vertices and polygons across features; stops at a limit, before building them."""

    def __init__(self) -> None:
        self.vertices = 0
        self.parts = 0

    def spend(self, count: int, *, index: int, code: str) -> None:
        self.vertices += count
        if self.vertices > MAX_VERTICES:
            raise WardDataError(
                f"the collection has more than {MAX_VERTICES:,} vertices; simplify the "
                f"polygons (e.g. shapely.simplify or coverage_simplify) or split the map",
                index=index,
                code=code,
            )

    def spend_parts(self, count: int, *, index: int, code: str) -> None:
        if count > MAX_PARTS_PER_WARD:
            raise WardDataError(
                f"the MultiPolygon has {count:,} polygons; a ward may have at most "
                f"{MAX_PARTS_PER_WARD:,}: merge or drop the specks (e.g. with shapely.union_all "
                f"and a minimum area)",
                index=index,
                code=code,
            )
        self.parts += count
        if self.parts > MAX_PARTS:
            raise WardDataError(
                f"the collection has more than {MAX_PARTS:,} polygons in all (the limit); "
                f"merge or drop the specks, or split the map",
                index=index,
                code=code,
            )


def _geometry(
    geometry: object, *, budget: _Budget, index: int, code: str
) -> Polygon | MultiPolygon:
    if not isinstance(geometry, Mapping):
        raise WardDataError("the feature has no geometry object", index=index, code=code)
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(kind, str):
        budget.spend_parts(1, index=index, code=code)
        return _polygon(coordinates, budget=budget, index=index, code=code, where="")
    if kind == "MultiPolygon" and isinstance(kind, str):
        if not _is_list(coordinates) or not coordinates:
            raise WardDataError(
                "the MultiPolygon's coordinates must be a non-empty list of polygons",
                index=index,
                code=code,
            )
        budget.spend_parts(len(coordinates), index=index, code=code)
        parts = [
            _polygon(part, budget=budget, index=index, code=code, where=f"polygon {number}, ")
            for number, part in enumerate(coordinates)
        ]
        return MultiPolygon(parts)
    raise WardDataError(
        f"the geometry type is {shown(kind)}; a ward must be a Polygon or MultiPolygon",
        index=index,
        code=code,
    )


def _polygon(rings: object, *, budget: _Budget, index: int, code: str, where: str) -> Polygon:
    if not _is_list(rings) or not rings:
        raise WardDataError(
            f"{where}the polygon's coordinates must be a non-empty list of rings",
            index=index,
            code=code,
        )
    arrays = [
        _ring(ring, budget=budget, index=index, code=code, where=f"{where}ring {number}")
        for number, ring in enumerate(rings)
    ]
    return Polygon(arrays[0], arrays[1:])


def _ring(
    ring: object, *, budget: _Budget, index: int, code: str, where: str
) -> npt.NDArray[np.float64]:
    if not _is_list(ring):
        raise WardDataError(
            f"{where} must be a list of positions, not {type_name(ring)} {shown(ring)}",
            index=index,
            code=code,
        )
    budget.spend(len(ring), index=index, code=code)
    if len(ring) < 4:
        raise WardDataError(
            f"{where} has {len(ring)} positions; a closed ring needs at least 4",
            index=index,
            code=code,
        )
    pairs: list[tuple[float, float]] = []
    for number, position in enumerate(ring):
        if not isinstance(position, list | tuple) or not 2 <= len(position) <= 3:
            raise WardDataError(
                f"{where}, position {number} must be [longitude, latitude]; got {shown(position)}",
                index=index,
                code=code,
            )
        lon, lat = position[0], position[1]
        if type(lon) is not float or type(lat) is not float or len(position) == 3:
            # JSON floats take the fast path and the vectorised check below; anything else
            # (an int, a numpy or Decimal number, a string, a 400-digit integer) is checked here.
            lon, lat = _position(
                position, where=f"{where}, position {number}", index=index, code=code
            )
        pairs.append((lon, lat))
    array = np.array(pairs, dtype=np.float64)
    lons, lats = array[:, 0], array[:, 1]
    bad = ~(np.isfinite(lons) & np.isfinite(lats) & (np.abs(lons) <= 180) & (np.abs(lats) <= 90))
    if bad.any():
        number = int(np.flatnonzero(bad)[0])
        raise WardDataError(
            f"{where}, position {number} {shown(pairs[number])} is not a longitude and latitude "
            f"in degrees (GeoJSON puts longitude first)",
            index=index,
            code=code,
        )
    if not np.array_equal(array[0], array[-1]):
        raise WardDataError(
            f"{where} is not closed: its first and last positions differ", index=index, code=code
        )
    return array


def _position(
    position: list[object] | tuple[object, ...], *, where: str, index: int, code: str
) -> tuple[float, float]:
    """Check one position through the shared coordinate checks; return (lon, lat)."""
    try:
        lon = coordinate(position[0], axis="longitude", limit=180.0)
        lat = coordinate(position[1], axis="latitude", limit=90.0)
        if len(position) == 3:
            real_number(position[2], "the altitude", error=WardDataError)
    except SmartCityError as error:
        raise WardDataError(
            f"{where} {shown(position)} is not [longitude, latitude] in degrees: {error} "
            f"(GeoJSON puts longitude first)",
            index=index,
            code=code,
        ) from None
    return lon, lat


def _repaired(geometry: Polygon | MultiPolygon, *, index: int, code: str) -> Polygon | MultiPolygon:
    # "structure" treats shells as area and holes as holes, which is what a ward boundary
    # means; it returns polygons only once collapsed parts are dropped.
    fixed = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    polygons = [
        part for part in shapely.get_parts(fixed) if isinstance(part, Polygon) and not part.is_empty
    ]
    if not polygons:
        raise WardDataError(
            "the geometry is invalid and nothing with an area is left after repairing it",
            index=index,
            code=code,
        )
    result: Polygon | MultiPolygon = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    return result


def _reason_location(reason: str) -> tuple[float, float] | None:
    match = _REASON_LOCATION.search(reason)
    if match is None:
        return None
    try:
        lon, lat = float(match["x"]), float(match["y"])
    except ValueError:  # the pattern also matches junk such as "e-"
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and abs(lon) <= 180 and abs(lat) <= 90):
        return None
    return lon, lat
