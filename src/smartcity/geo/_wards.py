"""`WardMap`: which ward and district a point is in."""

from __future__ import annotations

import math
import typing
from collections.abc import Iterable, Iterator, Mapping

import attrs
import numpy as np
import numpy.typing as npt
import shapely

from smartcity._checks import instance, real_number, shown, text, tuple_of, type_name
from smartcity._frozen import FrozenMapping
from smartcity.exceptions import (
    InvalidDistanceError,
    InvalidLocationError,
    InvalidOptionError,
    UnknownWardError,
    WardDataError,
)
from smartcity.geo import _validate
from smartcity.geo._geodesy import LocalProjection, distance_m, metres_per_degree
from smartcity.geo._geojson import PropertyNames, Repair, load_collection, parse_features
from smartcity.geo._grid import OUTSIDE, WardGrid, grid_cost
from smartcity.geo._issues import GeometryIssue
from smartcity.geo._limits import (
    MAX_BOUNDARY_CELLS,
    MAX_CELL_TESTS,
    MAX_EDGE_TESTS,
    MAX_FEATURES,
    MAX_PARTS,
    MAX_TEXT_CHARS,
    MAX_VERTICES,
)
from smartcity.geo._location import Location
from smartcity.geo._point import GeoPoint
from smartcity.geo._ward import District, Ward

#: Largest extent of a ward map, in degrees of latitude or longitude. A city spans a fraction
#: of a degree; the limit keeps the local projection accurate and the grid small.
MAX_SPAN_DEGREES = 5.0
#: Furthest from the equator a ward map may reach, in degrees: the metric grows singular at
#: the poles.
MAX_ABS_LATITUDE = 80.0
#: Largest `WardMap.nearest` search radius, in metres. Beyond it, "the nearest ward" is no
#: longer a location, and the flat-earth distance no longer within 0.01 %.
MAX_NEAREST_M = 100_000.0
#: Grid cell size in metres; grown for large maps so the grid never exceeds ``_MAX_CELLS``.
_CELL_M = 30.0
_MAX_CELLS = 4_000_000


@typing.final
@attrs.frozen(eq=False, repr=False)
class WardMap(Mapping[str, Ward]):
    """The wards of a city, and which of them a point lies in.

    A `WardMap` is a read-only mapping from ward code to `Ward`: ``ward_map[code]``,
    ``code in ward_map``, ``len(ward_map)``; iterating gives the codes in sorted order. Build
    one with `from_geojson` or `from_wards`; it cannot be changed once built.

    Which ward a point is in: the ward whose polygon, boundary included, covers the point. A
    point covered by several wards (on a shared boundary, or where the data overlaps) gets the
    one with the **lowest code** (codes compare as strings), so the answer never depends on
    the order of the input or on floating-point luck at a boundary.

    Two ward maps are equal when they hold equal wards.
    """

    _wards: tuple[Ward, ...]
    _positions: Mapping[str, int]
    _codes: npt.NDArray[np.object_]  # the ward codes in index order, then None for OUTSIDE
    _grid: WardGrid
    _projection: LocalProjection
    _projected: npt.NDArray[np.object_]
    _projected_tree: shapely.STRtree
    _distance_scale: float
    _districts: Mapping[str, District]
    _repairs: tuple[Repair, ...]

    @classmethod
    def from_geojson(
        cls,
        data: Mapping[str, object] | str | bytes,
        *,
        code: str = "kode",
        name: str = "kelurahan",
        district_code: str = "kode_kecamatan",
        district_name: str = "kecamatan",
        repair: bool = False,
    ) -> WardMap:
        """Build a ward map from a GeoJSON FeatureCollection of ward polygons.

        Each feature is one ward: a ``Polygon`` or ``MultiPolygon`` in WGS84 longitude and
        latitude (RFC 7946), whose properties hold the ward's code, name, district code and
        district name. The property names default to those of the Kota Semarang data.

        The function reads no file: pass the text (``path.read_text()``) or the parsed
        mapping. Limits, checked before the work they protect: at most 64 MiB of text,
        10,000 features, 1,000,000 vertices and 20,000 polygons in all, 5,000 polygons in
        one ward and 200 characters in a code or name; the wards must span at most 5 degrees
        and lie between 80°S and 80°N; and the grid built over them must stay within its
        bounds of work (see "Limits" in the wards guide).

        Args:
            data: the FeatureCollection, as a mapping or as JSON text.
            code: the property that holds the ward code (unique).
            name: the property that holds the ward name.
            district_code: the property that holds the district (kecamatan) code.
            district_name: the property that holds the district name.
            repair: repair invalid polygons with ``shapely.make_valid`` instead of refusing
                them; each repair is listed in `repairs` and in `validate`.

        Returns:
            The ward map.

        Raises:
            InvalidArgumentError: ``data`` is neither a mapping nor text, a property name is
                not text, or ``repair`` is not a bool.
            InvalidOptionError: a property name is blank or longer than 200 characters.
            WardDataError: the data is not a FeatureCollection of polygons with those
                properties; a code is missing or repeated; a district has two names; a
                polygon is invalid (and ``repair`` is False); or a limit is exceeded. The
                error names the feature (``.index``, ``.code``) and the problem.
        """
        names = PropertyNames(
            code=_property_name(code, "code"),
            name=_property_name(name, "name"),
            district_code=_property_name(district_code, "district_code"),
            district_name=_property_name(district_name, "district_name"),
        )
        instance(repair, bool, "repair")
        collection = load_collection(data)
        features, repairs = parse_features(collection, names=names, repair=repair)
        wards = [
            Ward(
                code=feature.code,
                name=feature.name,
                district_code=feature.district_code,
                district_name=feature.district_name,
                geometry=feature.geometry,
            )
            for feature in features
        ]
        return cls._build(wards, repairs=tuple(repairs))

    @classmethod
    def from_wards(cls, wards: Iterable[Ward]) -> WardMap:
        """Build a ward map from `Ward` objects (e.g. read from another format by the caller).

        Args:
            wards: the wards, in any order.

        Returns:
            The ward map.

        Raises:
            InvalidArgumentError: ``wards`` is not a collection, or an item is not a `Ward`.
            WardDataError: no wards; a code is repeated; a district has two names; or a limit
                of `from_geojson` is exceeded.
        """
        items = list(
            tuple_of(wards, "wards", _ward_item, max_items=MAX_FEATURES, error=WardDataError)
        )
        if not items:
            raise WardDataError("no wards given; a ward map needs at least one")
        vertices = parts = 0
        for index, ward in enumerate(items):
            vertices += int(shapely.get_num_coordinates(ward.geometry))
            parts += int(shapely.get_num_geometries(ward.geometry))
            if vertices > MAX_VERTICES or parts > MAX_PARTS:
                limit = (
                    f"{MAX_VERTICES:,} vertices"
                    if vertices > MAX_VERTICES
                    else f"{MAX_PARTS:,} polygons"
                )
                raise WardDataError(
                    f"the wards have more than {limit} in all (the limit); simplify them or "
                    f"split the map",
                    index=index,
                    code=ward.code,
                )
        return cls._build(items, repairs=())

    @classmethod
    def _build(cls, wards: list[Ward], *, repairs: tuple[Repair, ...]) -> WardMap:
        _check_codes_and_districts(wards)
        ordered = tuple(sorted(wards, key=lambda ward: ward.code))
        geometries = np.array([ward.geometry for ward in ordered], dtype=object)
        west, south, east, north = (float(value) for value in shapely.total_bounds(geometries))
        if max(east - west, north - south) > MAX_SPAN_DEGREES:
            raise WardDataError(
                f"the wards span {east - west:.2f} degrees of longitude and {north - south:.2f} "
                f"of latitude; a ward map covers one city, at most {MAX_SPAN_DEGREES:g} degrees "
                f"across (check for a stray or swapped coordinate)"
            )
        if max(abs(south), abs(north)) > MAX_ABS_LATITUDE:
            raise WardDataError(
                f"the wards reach latitude {max(abs(south), abs(north)):.2f}; ward maps are "
                f"limited to {MAX_ABS_LATITUDE:g} degrees north or south"
            )
        projection = LocalProjection.about(lat=(south + north) / 2, lon=(west + east) / 2)
        projected = projection.geometries(geometries)
        # The grid tests points against the original (degree) polygons, prepared once.
        shapely.prepare(geometries)
        per_lon, per_lat = metres_per_degree(projection.lat0)
        area = (east - west) * per_lon * (north - south) * per_lat
        cell_m = max(_CELL_M, math.sqrt(area / _MAX_CELLS))
        dx, dy = cell_m / per_lon, cell_m / per_lat
        _check_grid_cost(ordered, geometries, dx=dx, dy=dy, cell_m=cell_m)
        grid = WardGrid.build(geometries, dx=dx, dy=dy)
        # WardMap.nearest searches up to MAX_NEAREST_M (< 1 degree of latitude) beyond the
        # map; the projection's scale error over that band bounds its search margin.
        band = MAX_NEAREST_M / per_lat
        distance_scale = projection.worst_scale(max(south - band, -89.0), min(north + band, 89.0))
        return cls(
            wards=ordered,
            positions=FrozenMapping({ward.code: i for i, ward in enumerate(ordered)}),
            codes=np.array([*(ward.code for ward in ordered), None], dtype=object),
            grid=grid,
            projection=projection,
            projected=projected,
            projected_tree=shapely.STRtree(projected),
            distance_scale=distance_scale,
            districts=_districts(ordered),
            repairs=repairs,
        )

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the wards and repairs only; unpickling rebuilds the index (about 0.1 s)."""
        return _rebuild, (self._wards, self._repairs)

    # -- the mapping -------------------------------------------------------------------------

    def __getitem__(self, code: str) -> Ward:
        """Return the ward with this code.

        Raises:
            UnknownWardError: no ward has this code (a `KeyError`).
        """
        position = self._positions.get(code) if isinstance(code, str) else None
        if position is None:
            raise UnknownWardError(code)
        return self._wards[position]

    def __contains__(self, code: object) -> bool:
        """Return whether a ward has this code."""
        return isinstance(code, str) and code in self._positions

    def __iter__(self) -> Iterator[str]:
        """Iterate over the ward codes, sorted."""
        return (ward.code for ward in self._wards)

    def __len__(self) -> int:
        """Return the number of wards."""
        return len(self._wards)

    def __repr__(self) -> str:
        """Say what the map holds, without dumping geometry."""
        return f"WardMap({len(self._wards)} wards, {len(self._districts)} districts)"

    # -- where is a point --------------------------------------------------------------------

    def locate(self, point: GeoPoint) -> Ward | None:
        """Return the ward that covers ``point``, or None when it lies outside every ward.

        A point on a boundary shared by several wards, or in an overlap of raw data, gets the
        ward with the lowest code (see the class documentation).

        Args:
            point: where the report was made.

        Returns:
            The ward, or None.

        Raises:
            InvalidLocationError: ``point`` is not a `GeoPoint`.
        """
        if not isinstance(point, GeoPoint):
            raise InvalidLocationError(
                f"expected a GeoPoint; got {type_name(point)} {shown(point)}: "
                f"wrap it as GeoPoint(lat, lon)"
            )
        index = self._grid.locate(point.lon, point.lat)
        return None if index == OUTSIDE else self._wards[index]

    def locate_many(self, lats: npt.ArrayLike, lons: npt.ArrayLike) -> npt.NDArray[np.object_]:
        """Return the code of the ward that covers each point, or None where there is none.

        The vectorised form of `locate`: point for point, the same answer.

        Args:
            lats: latitudes in degrees: an array (any shape) or a sequence of numbers.
            lons: longitudes in degrees, the same shape as ``lats``.

        Returns:
            An object array of the same shape holding ward codes (str) and None.

        Raises:
            InvalidLocationError: the shapes differ, an element is not a number (bools
                included), or a coordinate is NaN, infinite or out of range; the message names
                the first bad index.
        """
        lat_array, lon_array = self._checked_points(lats, lons)
        # OUTSIDE (-1) picks the trailing None of the code table.
        codes: npt.NDArray[np.object_] = self._codes[
            self._locate_positions(lat_array, lon_array)
        ].reshape(lat_array.shape)
        return codes

    def _checked_points(
        self, lats: npt.ArrayLike, lons: npt.ArrayLike
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Latitudes and longitudes as float arrays of one shape, every coordinate checked.

        Raises:
            InvalidLocationError: as :meth:`locate_many` says.
        """
        lat_array = _coordinates(lats, argument="lats")
        lon_array = _coordinates(lons, argument="lons")
        if lat_array.shape != lon_array.shape:
            raise InvalidLocationError(
                f"lats has shape {lat_array.shape} but lons has shape {lon_array.shape}; "
                f"pass one latitude and one longitude per point"
            )
        for array, argument, limit in ((lat_array, "lats", 90.0), (lon_array, "lons", 180.0)):
            bad = ~(np.abs(array) <= limit)  # also catches NaN, which compares False
            if bad.any():
                where = np.unravel_index(int(np.flatnonzero(bad)[0]), array.shape)
                index = where[0] if len(where) == 1 else tuple(int(i) for i in where)
                raise InvalidLocationError(
                    f"{argument}[{index}] is {float(array[where])!r}; coordinates must be finite "
                    f"degrees within ±{limit:g}"
                )
        return lat_array, lon_array

    def _locate_positions(
        self, lats: npt.NDArray[np.float64], lons: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.intp]:
        """The position (in code order) of the ward of each checked point, flat; -1 outside.

        For the desk's bulk placement, which looks up districts by position.
        """
        positions: npt.NDArray[np.intp] = self._grid.locate_many(lons.ravel(), lats.ravel())
        return positions

    def nearest(self, point: GeoPoint, *, max_distance_m: float) -> Location | None:
        """Return the ward that covers ``point`` or, failing that, the nearest one in reach.

        Use this for reports whose GPS position may have drifted out of the city (at the
        coast, at the city edge, or into a gap of raw data): a point within
        ``max_distance_m`` metres of a ward is given that ward, and the answer says it was
        snapped and by how far. A point inside a ward gets the same ward as `locate`, with
        ``snapped=False`` and ``distance_m=0.0``.

        Distances are on the WGS84 ellipsoid, accurate to better than 0.01 % (see the docs).
        Two wards at the same distance: the lower code wins.

        Args:
            point: where the report was made.
            max_distance_m: how far, in metres, a point outside every ward may be from a ward
                and still be given it; from 0 to 100,000.

        Returns:
            The `Location`, or None when no ward is within ``max_distance_m``.

        Raises:
            InvalidLocationError: ``point`` is not a `GeoPoint`.
            InvalidArgumentError: ``max_distance_m`` is not a number (a bool, a string...).
            InvalidDistanceError: ``max_distance_m`` is not a finite number from 0 to 100,000.
        """
        limit = real_number(
            max_distance_m,
            "max_distance_m",
            error=InvalidDistanceError,
            minimum=0.0,
            maximum=MAX_NEAREST_M,
            unit="metres",
        )
        ward = self.locate(point)
        if ward is not None:
            return Location(ward=ward, distance_m=0.0, snapped=False)
        x, y = self._projection.forward(point.lon, point.lat)
        here = shapely.Point(x, y)
        # Projected distances can be off by the projection's scale error: search a little
        # wider, then measure each candidate on the ellipsoid.
        reach = limit * self._distance_scale + 0.001
        candidates = self._projected_tree.query(here, predicate="dwithin", distance=reach)
        if candidates.size == 0:
            return None
        lines = shapely.shortest_line(self._projected[candidates], here)
        ends = shapely.get_coordinates(lines)[0::2]  # each line runs from the ward to the point
        measured = []
        for index, (ex, ey) in zip(candidates.tolist(), ends.tolist(), strict=True):
            lon, lat = self._projection.inverse(ex, ey)
            measured.append((distance_m(point.lat, point.lon, lat, lon), index))
        # Nearest first; at equal distances the lower index, which is the lower code.
        distance, index = min(measured)
        if distance > limit:
            return None
        return Location(ward=self._wards[index], distance_m=distance, snapped=True)

    # -- districts, data quality -------------------------------------------------------------

    def districts(self) -> Mapping[str, District]:
        """Return the districts (kecamatan), by code in sorted order: read-only."""
        return self._districts

    @property
    def repairs(self) -> tuple[str, ...]:
        """One message per polygon that ``from_geojson(..., repair=True)`` repaired."""
        return tuple(
            f"feature #{repair.index}, code {repair.code!r}: {repair.reason}; repaired with "
            f"shapely.make_valid"
            for repair in self._repairs
        )

    def validate(self, *, min_area_m2: float = 1e-6) -> tuple[GeometryIssue, ...]:
        """Check the boundaries: overlaps, enclosed gaps, and polygons repaired on loading.

        A ward map works whatever this finds (overlaps and gaps get the rules of `locate`),
        but they mean the data is not a clean partition of the city. Takes about 0.1 s for
        Semarang's 177 wards.

        Args:
            min_area_m2: ignore overlaps and gaps smaller than this. The default, one square
                millimetre, only drops the specks that floating-point noding makes.

        Returns:
            The issues, repaired polygons first, then overlaps (one per pair of wards), then
            gaps (one per hole in the union of the wards), each sorted by ward codes.

        Raises:
            InvalidArgumentError: ``min_area_m2`` is not a number (a bool, a string...).
            InvalidDistanceError: ``min_area_m2`` is negative or not a finite number.
        """
        threshold = real_number(
            min_area_m2, "min_area_m2", error=InvalidDistanceError, minimum=0.0, unit="m²"
        )
        wards, projection, projected = self._wards, self._projection, self._projected
        positions = dict(self._positions)

        def order(issue: GeometryIssue) -> tuple[tuple[str, ...], float, float]:
            return issue.ward_codes, issue.point.lat, issue.point.lon

        return (
            *sorted(_validate.repaired(wards, positions, self._repairs, projection), key=order),
            *sorted(
                _validate.overlaps(wards, projected, projection, min_area_m2=threshold),
                key=order,
            ),
            *sorted(_validate.gaps(wards, projected, projection, min_area_m2=threshold), key=order),
        )


def _rebuild(wards: tuple[Ward, ...], repairs: tuple[Repair, ...]) -> WardMap:
    return WardMap._build(list(wards), repairs=repairs)  # noqa: SLF001 - unpickling


def _property_name(value: object, option: str) -> str:
    return text(value, option, error=InvalidOptionError, max_length=MAX_TEXT_CHARS)


def _ward_item(value: object, argument: str) -> Ward:
    return instance(value, Ward, argument)


def _check_grid_cost(
    wards: tuple[Ward, ...],
    geometries: npt.NDArray[np.object_],
    *,
    dx: float,
    dy: float,
    cell_m: float,
) -> None:
    """Refuse boundaries whose grid would take too long to build, before building it."""
    cost = grid_cost(geometries, dx=dx, dy=dy)
    for total, by_ward, limit, what in (
        (
            cost.boundary_cells,
            cost.boundary_by_ward,
            MAX_BOUNDARY_CELLS,
            "grid cells crossed by the boundaries",
        ),
        (cost.tests, cost.tests_by_ward, MAX_CELL_TESTS, "exact cell tests"),
        (cost.edge_tests, cost.edge_tests_by_ward, MAX_EDGE_TESTS, "edge tests"),
    ):
        if total > limit:
            worst = int(np.argmax(by_ward))
            raise WardDataError(
                f"the ward boundaries would need about {total:,} {what} on a grid of "
                f"{cell_m:,.0f} m cells, over the limit of {limit:,}; this ward needs the most "
                f"({int(by_ward[worst]):,}): simplify its boundary (e.g. shapely.simplify), "
                f"or split the map",
                code=wards[worst].code,
            )


def _check_codes_and_districts(wards: list[Ward]) -> None:
    first_with_code: dict[str, int] = {}
    district_names: dict[str, tuple[str, int]] = {}
    for index, ward in enumerate(wards):
        earlier = first_with_code.setdefault(ward.code, index)
        if earlier != index:
            raise WardDataError(
                f"duplicate code: feature #{earlier} has it too; ward codes must be unique",
                index=index,
                code=ward.code,
            )
        known = district_names.setdefault(ward.district_code, (ward.district_name, index))
        if known[0] != ward.district_name:
            raise WardDataError(
                f"district {ward.district_code!r} is named {ward.district_name!r} here but "
                f"{known[0]!r} in feature #{known[1]}; a district has one name",
                index=index,
                code=ward.code,
            )


def _districts(wards: tuple[Ward, ...]) -> Mapping[str, District]:
    members: dict[str, list[Ward]] = {}
    for ward in wards:
        members.setdefault(ward.district_code, []).append(ward)
    districts = {}
    for code in sorted(members):
        group = members[code]
        # One ward: its own geometry (a union would only cost time, a lot for many parts).
        union = (
            group[0].geometry
            if len(group) == 1
            else shapely.union_all([ward.geometry for ward in group])
        )
        districts[code] = District(
            code=code,
            name=group[0].district_name,
            ward_codes=tuple(ward.code for ward in group),
            geometry=union,
        )
    return FrozenMapping(districts)


def _coordinates(values: npt.ArrayLike, *, argument: str) -> npt.NDArray[np.float64]:
    try:
        array = np.asarray(values)
    except (TypeError, ValueError) as error:  # ragged nesting, for instance
        raise InvalidLocationError(f"{argument} is not an array of numbers: {error}") from None
    if array.dtype.kind not in "iuf":
        raise InvalidLocationError(
            f"{argument} must hold numbers (integers or floats); got an array of {array.dtype} "
            f"(bools, strings and None are refused)"
        )
    return array.astype(np.float64, copy=False)
