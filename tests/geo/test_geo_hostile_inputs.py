"""Hostile input to every public entry point of smartcity.geo.

Whatever is passed, the only exceptions are SmartCityError subclasses, the arguments are the
same after a failed call, and the costly inputs of issue 11 are refused before the work.
"""

from __future__ import annotations

import copy
import decimal
import json
import math
import time
from typing import Any

import numpy as np
import pytest
import shapely
from geo_factories import LAT0, LON0, STEP, collection, feature, polygon, square, two_squares
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidLocationError,
    SmartCityError,
    ValidationError,
    WardDataError,
)
from smartcity.geo import (
    District,
    GeometryIssue,
    GeometryIssueKind,
    GeoPoint,
    Location,
    Ward,
    WardMap,
    _geojson,
    _wards,
)
from smartcity.geo._grid import grid_cost
from smartcity.geo._limits import MAX_PARTS_PER_WARD, MAX_TEXT_CHARS
from smartcity.serialization import from_dict, to_dict

BIG_TEXT = "x" * 10_000_000

# Values of every wrong kind: None, booleans, text (and a 10 MB string), huge and odd numbers,
# NaN and infinities, bytes, containers, numpy and Decimal numbers.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=20),
    st.just(BIG_TEXT),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, -(2**64)]),
    st.floats(),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
    st.binary(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.floats(), st.floats()),
    st.sampled_from([np.int64(5), np.float32("nan"), decimal.Decimal("1e999"), object()]),
)

# JSON-like values, to put in place of any part of a GeoJSON document.
json_junk = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**400, 2**70]),
        st.floats(),
        st.text(max_size=10),
    ),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indices) into a JSON-like value, the root included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def broken_geojson(draw: st.DrawFn) -> Any:
    """A valid two-ward collection with one part replaced, deleted or wrapped."""
    data: Any = two_squares()
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    action = draw(st.sampled_from(["replace", "delete", "wrap", "truncate"]))
    if not path:
        return draw(json_junk) if action == "replace" else [data]
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = draw(json_junk)
    elif action == "delete":
        del parent[last]
    elif action == "wrap":
        parent[last] = [parent[last]]
    elif isinstance(parent[last], list) and parent[last]:
        parent[last] = parent[last][: draw(st.integers(0, len(parent[last]) - 1))]
    else:
        parent[last] = str(parent[last])
    return data


def _snapshot(ward_map: WardMap) -> list[tuple[str, str, str, str, bytes]]:
    return [
        (ward.code, ward.name, ward.district_code, ward.district_name, ward.geometry.wkb)
        for ward in ward_map.values()
    ]


def _only_library_errors(call: Any, *args: Any, **kwargs: Any) -> object:
    """Call; a SmartCityError is an answer, anything else fails the test."""
    try:
        return call(*args, **kwargs)
    except SmartCityError as error:
        refused = error
    assert len(str(refused)) < 2_000, "a message must not echo a huge input"
    return refused


class TestBrokenGeoJsonIsRefusedCleanly:
    """A broken FeatureCollection of any shape ends as a SmartCityError, input untouched."""

    @given(broken_geojson())
    def test_a_broken_mapping(self, data: Any) -> None:
        before = copy.deepcopy(data)
        _only_library_errors(WardMap.from_geojson, data)
        assert before == data

    @given(broken_geojson())
    def test_broken_json_text(self, data: Any) -> None:
        text = json.dumps(data)
        _only_library_errors(WardMap.from_geojson, text)
        _only_library_errors(WardMap.from_geojson, text.encode())

    @given(st.binary(max_size=200) | st.text(max_size=200))
    def test_any_text_at_all(self, data: bytes | str) -> None:
        _only_library_errors(WardMap.from_geojson, data)

    @given(junk, st.sampled_from(["code", "name", "district_code", "district_name", "repair"]))
    def test_wrong_options(self, value: object, option: str) -> None:
        data = two_squares()
        before = copy.deepcopy(data)
        result = _only_library_errors(WardMap.from_geojson, data, **{option: value})
        acceptable = bool if option == "repair" else str
        assert isinstance(result, SmartCityError) or isinstance(value, acceptable)
        assert before == data


class TestBrokenStoredWardMapsAreRefusedCleanly:
    """from_dict(WardMap) of broken data is a ValidationError, never a bare exception."""

    @given(st.data())
    def test_a_broken_stored_map(self, two_squares_map: WardMap, data: st.DataObject) -> None:
        stored: Any = json.loads(json.dumps(to_dict(two_squares_map)))
        path = data.draw(st.sampled_from(_paths(stored)))
        if path:
            parent = stored
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = data.draw(json_junk)
        before = copy.deepcopy(stored)
        _only_library_errors(from_dict, WardMap, stored)
        assert before == stored

    def test_a_400_digit_coordinate(self, two_squares_map: WardMap) -> None:
        stored: Any = to_dict(two_squares_map)
        stored["wards"][0]["geometry"]["coordinates"][0][0][0] = 10**400
        with pytest.raises(ValidationError, match=r"wards\[0\]\.geometry: ring 0, position 0"):
            from_dict(WardMap, stored)

    def test_too_many_parts_are_counted_before_building(
        self, two_squares_map: WardMap, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The map's polygon count is checked on the raw data."""
        from smartcity.serialization import _geometry  # noqa: PLC0415 -- patched here only

        monkeypatch.setattr(_geometry, "MAX_PARTS", 1)
        with pytest.raises(ValidationError, match="more than 1 polygons"):
            from_dict(WardMap, to_dict(two_squares_map))


class TestEveryEntryPointRefusesJunk:
    """Wrong types, huge numbers and NaN: a SmartCityError, and the map is unchanged."""

    @given(junk)
    def test_locate(self, two_squares_map: WardMap, value: object) -> None:
        before = _snapshot(two_squares_map)
        with pytest.raises(InvalidLocationError):
            two_squares_map.locate(value)  # type: ignore[arg-type]
        assert _snapshot(two_squares_map) == before

    @given(junk)
    def test_nearest_distance(self, two_squares_map: WardMap, value: object) -> None:
        point = GeoPoint(LAT0, LON0)
        result = _only_library_errors(two_squares_map.nearest, point, max_distance_m=value)
        if not isinstance(result, SmartCityError):  # a number of metres in range
            assert isinstance(value, int | float | np.number | decimal.Decimal)

    @given(junk)
    def test_nearest_point(self, two_squares_map: WardMap, value: object) -> None:
        with pytest.raises(InvalidLocationError):
            two_squares_map.nearest(value, max_distance_m=10)  # type: ignore[arg-type]

    @given(junk, junk)
    def test_locate_many(self, two_squares_map: WardMap, lats: object, lons: object) -> None:
        _only_library_errors(two_squares_map.locate_many, lats, lons)  # type: ignore[arg-type]

    @given(junk)
    def test_validate(self, two_squares_map: WardMap, value: object) -> None:
        _only_library_errors(two_squares_map.validate, min_area_m2=value)

    @given(junk)
    def test_lookup_by_code(self, two_squares_map: WardMap, value: object) -> None:
        assert value not in two_squares_map
        with pytest.raises(KeyError):
            two_squares_map[value]  # type: ignore[index]

    @given(junk)
    def test_from_wards(self, value: object) -> None:
        _only_library_errors(WardMap.from_wards, value)  # type: ignore[arg-type]
        _only_library_errors(WardMap.from_wards, [value])  # type: ignore[list-item]

    @given(junk, junk)
    def test_geopoint(self, lat: object, lon: object) -> None:
        _only_library_errors(GeoPoint, lat, lon)

    @given(junk, st.sampled_from(["code", "name", "district_code", "district_name", "geometry"]))
    def test_ward(self, value: object, field: str) -> None:
        fields: dict[str, object] = {
            "code": "W1",
            "name": "One",
            "district_code": "D1",
            "district_name": "District",
            "geometry": shapely.Polygon(square(LON0, LAT0)),
            field: value,
        }
        result = _only_library_errors(Ward, **fields)
        assert isinstance(result, SmartCityError) or (isinstance(value, str) and value.strip())

    @given(junk, st.sampled_from(["code", "name", "ward_codes", "geometry"]))
    def test_district(self, value: object, field: str) -> None:
        fields: dict[str, object] = {
            "code": "D1",
            "name": "District",
            "ward_codes": ("W1",),
            "geometry": shapely.Polygon(square(LON0, LAT0)),
            field: value,
        }
        _only_library_errors(District, **fields)

    @given(junk, st.sampled_from(["ward", "distance_m", "snapped"]))
    def test_location(self, two_squares_map: WardMap, value: object, field: str) -> None:
        fields: dict[str, object] = {
            "ward": two_squares_map["A"],
            "distance_m": 1.0,
            "snapped": True,
            field: value,
        }
        _only_library_errors(Location, **fields)

    @given(junk, st.sampled_from(["kind", "ward_codes", "area_m2", "point", "detail"]))
    def test_geometry_issue(self, value: object, field: str) -> None:
        fields: dict[str, object] = {
            "kind": GeometryIssueKind.GAP,
            "ward_codes": ("A",),
            "area_m2": 1.0,
            "point": GeoPoint(LAT0, LON0),
            "detail": "a gap",
            field: value,
        }
        _only_library_errors(GeometryIssue, **fields)


class TestValuesRefuseWrongTypes:
    """The value classes check their fields: the wrong type is an InvalidArgumentError."""

    def test_district_fields(self) -> None:
        geometry = shapely.Polygon(square(LON0, LAT0))
        with pytest.raises(InvalidArgumentError, match=r"District.code must be text"):
            District(code=5, name="D", ward_codes=("W",), geometry=geometry)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="ward_codes must be a collection"):
            District(code="D", name="D", ward_codes="W", geometry=geometry)
        with pytest.raises(InvalidArgumentError, match=r"District.geometry must be a shapely"):
            District(code="D", name="D", ward_codes=("W",), geometry="POLYGON")  # type: ignore[arg-type]
        assert District(code="D", name="D", ward_codes=["W"], geometry=geometry).ward_codes == (  # type: ignore[arg-type]
            "W",
        )

    def test_location_fields(self, two_squares_map: WardMap) -> None:
        ward = two_squares_map["A"]
        with pytest.raises(InvalidArgumentError, match=r"Location.snapped must be a bool"):
            Location(ward=ward, distance_m=0.0, snapped=1)  # type: ignore[arg-type]
        with pytest.raises(SmartCityError, match=r"Location.distance_m must be at least 0"):
            Location(ward=ward, distance_m=-1.0, snapped=False)


class TestMessagesAreShort:
    """No message echoes a huge input."""

    def test_a_ten_megabyte_property(self) -> None:
        data = two_squares()
        data["features"][1]["properties"]["kelurahan"] = BIG_TEXT
        with pytest.raises(WardDataError, match=f"limit is {MAX_TEXT_CHARS}") as caught:
            WardMap.from_geojson(data)
        assert len(str(caught.value)) < 300

    def test_a_ten_megabyte_code(self) -> None:
        data = two_squares()
        data["features"][1]["properties"]["kode"] = BIG_TEXT
        with pytest.raises(WardDataError) as caught:
            WardMap.from_geojson(data)
        assert len(str(caught.value)) < 300

    def test_a_ten_megabyte_geometry_type(self) -> None:
        data = two_squares()
        data["features"][1]["geometry"]["type"] = BIG_TEXT
        with pytest.raises(WardDataError) as caught:
            WardMap.from_geojson(data)
        assert len(str(caught.value)) < 300

    def test_a_ten_megabyte_ring(self) -> None:
        data = two_squares()
        data["features"][1]["geometry"]["coordinates"] = [BIG_TEXT]
        with pytest.raises(WardDataError, match="ring 0 must be a list") as caught:
            WardMap.from_geojson(data)
        assert len(str(caught.value)) < 300


class TestRegressions:
    """The cases of issue 11, one by one."""

    def test_a_400_digit_coordinate_in_json_text(self) -> None:
        text = json.dumps(two_squares()).replace("110.4", "9" * 400, 1)
        with pytest.raises(WardDataError, match="position 0"):
            WardMap.from_geojson(text)

    def test_a_400_digit_coordinate_in_a_mapping(self) -> None:
        data = two_squares()
        data["features"][0]["geometry"]["coordinates"][0][0] = [LON0, -(10**400)]
        with pytest.raises(WardDataError, match="latitude must be a finite number"):
            WardMap.from_geojson(data)

    def test_numpy_and_decimal_coordinates_are_numbers(self) -> None:
        ring = [[np.float64(lon), decimal.Decimal(str(lat))] for lon, lat in square(LON0, LAT0)]
        ward_map = WardMap.from_geojson(collection(feature("A", polygon(ring))))  # type: ignore[arg-type]
        assert ward_map.locate(GeoPoint(LAT0 + STEP / 2, LON0 + STEP / 2)) is not None

    def test_a_polygon_with_two_points(self) -> None:
        ring = square(LON0, LAT0)[:2]
        with pytest.raises(WardDataError, match="2 positions; a closed ring needs at least 4"):
            WardMap.from_geojson(collection(feature("A", polygon(ring))))

    def test_a_range_is_not_a_list(self) -> None:
        """Only lists and tuples are JSON arrays; len(range(10**20)) would overflow."""
        data = {"type": "FeatureCollection", "features": range(10**20)}
        with pytest.raises(WardDataError, match="no 'features' list"):
            WardMap.from_geojson(data)

    def test_a_feature_collection_type_that_is_not_text(self) -> None:
        """An array-like 'type' is compared without numpy's ambiguous truth value."""
        with pytest.raises(WardDataError, match="expected a GeoJSON FeatureCollection"):
            WardMap.from_geojson({"type": np.array(["FeatureCollection", "x"])})

    def test_a_ward_of_too_many_parts(self) -> None:
        side = 0.0005
        parts = [
            [[[LON0 + i * 2 * side, LAT0], [LON0 + (2 * i + 1) * side, LAT0],
              [LON0 + (2 * i + 1) * side, LAT0 + side], [LON0 + i * 2 * side, LAT0]]]
            for i in range(MAX_PARTS_PER_WARD + 1)
        ]  # fmt: skip
        data = collection(feature("A", {"type": "MultiPolygon", "coordinates": parts}))
        start = time.perf_counter()
        with pytest.raises(WardDataError, match=f"code 'A': .* at most {MAX_PARTS_PER_WARD:,}"):
            WardMap.from_geojson(json.dumps(data))
        assert time.perf_counter() - start < 30  # a guard against a hang, not a benchmark

    def test_a_zig_zag_across_the_map_is_refused_before_the_grid(self) -> None:
        teeth = 400
        ring = [[LON0 + 4.8 * i / teeth, LAT0 + (4.8 if i % 2 else 0.0)] for i in range(teeth + 1)]
        ring += [[LON0 + 4.8, LAT0 - 0.01], [LON0, LAT0 - 0.01], ring[0]]
        with pytest.raises(WardDataError, match=r"code 'Z': .*over the limit of"):
            WardMap.from_geojson(collection(feature("Z", polygon(ring))))

    def test_from_wards_passes_the_same_gate(self, monkeypatch: pytest.MonkeyPatch) -> None:
        wards = list(WardMap.from_geojson(two_squares()).values())
        monkeypatch.setattr(_wards, "MAX_EDGE_TESTS", 1)
        with pytest.raises(WardDataError, match=r"edge tests .* over the limit of 1"):
            WardMap.from_wards(wards)

    def test_the_geojson_property_limit_is_the_wards(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_geojson, "MAX_TEXT_CHARS", 3)
        with pytest.raises(WardDataError, match="property 'kelurahan' has 6 characters"):
            WardMap.from_geojson(two_squares())


class TestTheGateMeasuresTheRealWork:
    """grid_cost is an upper estimate of what the grid marks, so the gate bounds the work."""

    def test_estimate_bounds_the_boundary_cells(self, semarang: tuple[Any, WardMap]) -> None:
        _, ward_map = semarang
        grid = ward_map._grid
        geometries = np.array([ward.geometry for ward in ward_map.values()], dtype=object)
        cost = grid_cost(geometries, dx=grid.dx, dy=grid.dy)
        assert cost.cells == grid.nx * grid.ny
        assert grid.boundary_cell_count <= cost.boundary_cells <= 3 * grid.boundary_cell_count
        assert len(grid.candidates) <= cost.tests

    def test_a_zig_zag_costs_the_square_of_its_teeth(self) -> None:
        def comb(teeth: int) -> int:
            ring = [(LON0 + i / teeth, LAT0 + (1.0 if i % 2 else 0.0)) for i in range(teeth + 1)]
            ring += [(LON0 + 1.0, LAT0 - 0.01), (LON0, LAT0 - 0.01), ring[0]]
            geometries = np.array([shapely.Polygon(ring)], dtype=object)
            return grid_cost(geometries, dx=0.001, dy=0.001).edge_tests

        assert 3.5 < comb(20) / comb(10) < 4.5

    @given(st.integers(1, 40), st.integers(0, 2**32 - 1))
    def test_a_ward_of_many_parts_locates_like_shapely(self, parts: int, seed: int) -> None:
        """Indexing part by part gives the answer of the whole MultiPolygon."""
        rng = np.random.default_rng(seed)
        squares = [
            shapely.box(x, y, x + 0.002, y + 0.002)
            for x, y in zip(
                rng.uniform(LON0, LON0 + 0.05, parts),
                rng.uniform(LAT0, LAT0 + 0.05, parts),
                strict=True,
            )
        ]
        geometry = shapely.union_all(squares)
        ward = Ward(code="A", name="A", district_code="D", district_name="D", geometry=geometry)
        ward_map = WardMap.from_wards([ward])
        lats = rng.uniform(LAT0 - 0.001, LAT0 + 0.053, 500)
        lons = rng.uniform(LON0 - 0.001, LON0 + 0.053, 500)
        expected = shapely.intersects_xy(geometry, lons, lats)
        assert (ward_map.locate_many(lats, lons) == "A").tolist() == expected.tolist()
