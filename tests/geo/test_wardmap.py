from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from geo_factories import LAT0, LON0, STEP, square, vincenty_m
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidDistanceError,
    InvalidLocationError,
    UnknownWardError,
    WardDataError,
)
from smartcity.geo import GeometryIssueKind, GeoPoint, Location, Ward, WardMap, _wards


def make_ward(code: str, geometry: object, district: str = "D1") -> Ward:
    return Ward(
        code=code,
        name=f"Ward {code}",
        district_code=district,
        district_name=f"District {district}",
        geometry=geometry,
    )


def box(west: float, south: float, east: float, north: float) -> shapely.Polygon:
    return shapely.box(LON0 + west, LAT0 + south, LON0 + east, LAT0 + north)


def tricky_wards() -> list[Ward]:
    """Shared straight and diagonal edges, an overlap, a hole, an enclave, a round ward."""
    diagonal = [(0, 0), (STEP, 0), (STEP, STEP), (0, 0)]
    return [
        make_ward("T1", shapely.Polygon([(LON0 + x, LAT0 + y) for x, y in diagonal])),
        make_ward(
            "T2",
            shapely.Polygon([(LON0 + x, LAT0 + y) for x, y in [(0, 0), (STEP, STEP), (0, STEP)]]),
        ),
        make_ward("C", box(STEP, 0, 2 * STEP, STEP), district="D2"),
        make_ward("B", box(1.8 * STEP, 0, 3 * STEP, STEP), district="D2"),  # overlaps C
        make_ward(
            "E",
            shapely.Polygon(
                square(LON0, LAT0 + STEP, 2 * STEP),
                [square(LON0 + 0.5 * STEP, LAT0 + 1.5 * STEP, STEP)],
            ),
            district="D3",
        ),
        make_ward("F", box(0.75 * STEP, 1.75 * STEP, 1.25 * STEP, 2.25 * STEP), district="D3"),
        make_ward(
            "G",
            shapely.Point(LON0 + 2.5 * STEP, LAT0 + 1.5 * STEP).buffer(0.6 * STEP, quad_segs=32),
            district="D3",
        ),
    ]


@pytest.fixture(scope="module")
def tricky_map() -> WardMap:
    return WardMap.from_wards(tricky_wards())


def brute_force(ward_map: WardMap, lon: float, lat: float) -> str | None:
    """The rule, spelled out: the lowest code among the wards whose closed polygon covers."""
    for ward in ward_map.values():  # in code order
        if shapely.intersects_xy(ward.geometry, lon, lat):
            return ward.code
    return None


@st.composite
def tricky_points(draw: st.DrawFn, ward_map: WardMap) -> tuple[float, float]:
    """(lon, lat) anywhere near the map, with a strong bias to vertices, edges and cell edges."""
    west, south, east, north = shapely.total_bounds([ward.geometry for ward in ward_map.values()])
    kind = draw(st.sampled_from(["uniform", "vertex", "edge", "cell"]))
    if kind == "uniform":
        lon = draw(st.floats(min_value=west - STEP, max_value=east + STEP))
        lat = draw(st.floats(min_value=south - STEP, max_value=north + STEP))
        return lon, lat
    coords = shapely.get_coordinates([ward.geometry for ward in ward_map.values()])
    i = draw(st.integers(min_value=0, max_value=len(coords) - 2))
    if kind == "vertex":
        return float(coords[i, 0]), float(coords[i, 1])
    if kind == "edge":
        t = draw(st.floats(min_value=0, max_value=1))
        (x0, y0), (x1, y1) = coords[i], coords[i + 1]
        return float(x0 + t * (x1 - x0)), float(y0 + t * (y1 - y0))
    grid = ward_map._grid
    column = draw(st.integers(min_value=0, max_value=grid.nx))
    row = draw(st.integers(min_value=0, max_value=grid.ny))
    return grid.x0 + column * grid.dx, grid.y0 + row * grid.dy


class TestMapping:
    """A WardMap is a read-only mapping from code to Ward, in code order."""

    def test_lookup_membership_length_and_order(self, two_squares_map: WardMap) -> None:
        """[code], in, len, and iteration in sorted code order."""
        assert len(two_squares_map) == 2
        assert list(two_squares_map) == ["A", "B"]
        assert "A" in two_squares_map
        assert "Z" not in two_squares_map
        assert 17 not in two_squares_map
        assert two_squares_map["B"].district_name == "West"
        assert [ward.code for ward in two_squares_map.values()] == ["A", "B"]
        assert two_squares_map.get("Z") is None

    def test_unknown_code_is_an_unknown_ward_error(self, two_squares_map: WardMap) -> None:
        """The error is a KeyError too, and says how to find the known codes."""
        with pytest.raises(UnknownWardError, match="no ward with code 'Z'") as caught:
            two_squares_map["Z"]
        assert isinstance(caught.value, KeyError)
        assert caught.value.code == "Z"

    def test_repr_is_short(self, two_squares_map: WardMap) -> None:
        """The repr counts instead of dumping polygons."""
        assert repr(two_squares_map) == "WardMap(2 wards, 2 districts)"

    def test_maps_with_equal_wards_are_equal(self, two_squares_map: WardMap) -> None:
        """Equality is by content, like any mapping."""
        rebuilt = WardMap.from_wards(reversed(list(two_squares_map.values())))
        assert rebuilt == two_squares_map
        assert rebuilt == dict(two_squares_map.items())
        assert rebuilt != WardMap.from_wards([two_squares_map["A"]])

    def test_districts_are_unions_of_their_wards(self, tricky_map: WardMap) -> None:
        """districts() maps each district code to its name, its ward codes and their union."""
        districts = tricky_map.districts()
        assert list(districts) == ["D1", "D2", "D3"]
        d2 = districts["D2"]
        assert (d2.code, d2.name, d2.ward_codes) == ("D2", "District D2", ("B", "C"))
        assert d2.geometry.equals(box(STEP, 0, 3 * STEP, STEP))
        with pytest.raises(TypeError):
            districts["D9"] = d2  # type: ignore[index]


class TestFromWards:
    """from_wards checks what from_geojson checks, by position in the input."""

    def test_refuses_duplicates_and_non_wards(self) -> None:
        """Each problem names the offending item."""
        ward = make_ward("A", box(0, 0, STEP, STEP))
        with pytest.raises(WardDataError, match="feature #1, code 'A': duplicate code"):
            WardMap.from_wards([ward, ward])
        with pytest.raises(InvalidArgumentError, match=r"wards\[1\] must be a Ward, not dict"):
            WardMap.from_wards([ward, {"code": "B"}])  # type: ignore[list-item]
        with pytest.raises(InvalidArgumentError, match="wards must be a collection"):
            WardMap.from_wards(ward)  # type: ignore[arg-type]
        with pytest.raises(WardDataError, match="no wards given"):
            WardMap.from_wards([])

    def test_limits_apply_to_wards_too(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The feature and vertex limits of from_geojson hold for from_wards."""
        wards = [
            make_ward(code, box(i * STEP, 0, (i + 1) * STEP, STEP)) for i, code in enumerate("ABC")
        ]
        monkeypatch.setattr(_wards, "MAX_FEATURES", 2)
        with pytest.raises(WardDataError, match="wards has more than 2 items"):
            WardMap.from_wards(wards)
        monkeypatch.setattr(_wards, "MAX_FEATURES", 10)
        monkeypatch.setattr(_wards, "MAX_VERTICES", 12)
        with pytest.raises(WardDataError, match="#2, code 'C': the wards have more than 12"):
            WardMap.from_wards(wards)


class TestLocateRules:
    """Which ward a point is in: the lowest code among the wards whose closed polygon covers it."""

    def test_inside_each_square(self, two_squares_map: WardMap) -> None:
        """Interior points get their own ward."""
        west = GeoPoint(LAT0 + STEP / 2, LON0 + STEP / 2)
        east = GeoPoint(LAT0 + STEP / 2, LON0 + 1.5 * STEP)
        assert two_squares_map.locate(west) == two_squares_map["B"]
        assert two_squares_map.locate(east) == two_squares_map["A"]

    def test_shared_edge_goes_to_the_lowest_code(self, two_squares_map: WardMap) -> None:
        """On the shared edge both wards cover the point; "A" wins although it is east."""
        on_edge = GeoPoint(LAT0 + STEP / 2, LON0 + STEP)
        assert two_squares_map.locate(on_edge) == two_squares_map["A"]

    def test_outer_edge_belongs_to_its_ward(self, two_squares_map: WardMap) -> None:
        """The boundary is part of the ward: the western edge is in "B"."""
        assert two_squares_map.locate(GeoPoint(LAT0 + STEP / 2, LON0)) == two_squares_map["B"]

    def test_outside_every_ward(self, two_squares_map: WardMap) -> None:
        """Beyond the map, and just off its edge, there is no ward."""
        assert two_squares_map.locate(GeoPoint(LAT0 - STEP, LON0)) is None
        assert two_squares_map.locate(GeoPoint(LAT0 + STEP / 2, LON0 - 1e-9)) is None
        assert two_squares_map.locate(GeoPoint(45.0, -120.0)) is None

    def test_overlap_goes_to_the_lowest_code(self, overlap_and_gap_map: WardMap) -> None:
        """In the strip covered by both "C" and "D", "C" wins."""
        in_strip = GeoPoint(LAT0 + STEP / 2, LON0 + STEP - 0.001)
        assert overlap_and_gap_map.locate(in_strip) == overlap_and_gap_map["C"]

    def test_a_hole_is_outside(self, overlap_and_gap_map: WardMap) -> None:
        """A point in the hole of "E" is in no ward."""
        in_hole = GeoPoint(LAT0 + 2 * STEP + 0.005, LON0 + 0.005)
        assert overlap_and_gap_map.locate(in_hole) is None

    def test_refuses_what_is_not_a_geopoint(self, two_squares_map: WardMap) -> None:
        """A bare tuple is a common mistake; the message says to wrap it."""
        with pytest.raises(InvalidLocationError, match=r"got tuple .* GeoPoint\(lat, lon\)"):
            two_squares_map.locate((LAT0, LON0))  # type: ignore[arg-type]

    @given(data=st.data())
    def test_grid_answers_like_the_rule_spelled_out(
        self, tricky_map: WardMap, data: st.DataObject
    ) -> None:
        """On vertices, edges, cell edges and anywhere: the same as a loop over all wards."""
        lon, lat = data.draw(tricky_points(tricky_map))
        located = tricky_map.locate(GeoPoint(lat, lon))
        assert brute_force(tricky_map, lon, lat) == (located.code if located else None)


class TestLocateMany:
    """locate_many is locate for arrays: same answers, point for point."""

    @given(data=st.data())
    def test_same_answers_as_locate(self, tricky_map: WardMap, data: st.DataObject) -> None:
        """Every element equals the code locate gives for that point."""
        points = data.draw(st.lists(tricky_points(tricky_map), max_size=20))
        lons = np.array([lon for lon, _ in points], dtype=float)
        lats = np.array([lat for _, lat in points], dtype=float)
        codes = tricky_map.locate_many(lats, lons)
        expected = [tricky_map.locate(GeoPoint(lat, lon)) for lon, lat in points]
        assert codes.dtype == object
        assert codes.tolist() == [ward.code if ward else None for ward in expected]

    def test_keeps_the_shape_and_accepts_lists(self, two_squares_map: WardMap) -> None:
        """A 2-D input gives a 2-D answer; plain lists and ints work too."""
        lats = [[LAT0 + 0.005, LAT0 + 0.005], [0, LAT0 + 0.005]]
        lons = [[LON0 + 0.005, LON0 + 0.015], [0, LON0 + STEP]]
        codes = two_squares_map.locate_many(lats, lons)
        assert codes.shape == (2, 2)
        assert codes.tolist() == [["B", "A"], [None, "A"]]

    def test_empty_input(self, two_squares_map: WardMap) -> None:
        """No points, no answers."""
        assert two_squares_map.locate_many([], []).shape == (0,)

    @pytest.mark.parametrize("bad", [math.nan, math.inf, 91.0])
    def test_a_bad_latitude_is_refused_with_its_index(
        self, two_squares_map: WardMap, bad: float
    ) -> None:
        """NaN, infinities and out-of-range values are refused; the message names the index."""
        lats = np.full(5, LAT0)
        lats[3] = bad
        with pytest.raises(InvalidLocationError, match=r"lats\[3\] is"):
            two_squares_map.locate_many(lats, np.full(5, LON0))

    def test_a_bad_longitude_in_2d_names_both_indices(self, two_squares_map: WardMap) -> None:
        """For N-D input the index is a tuple."""
        lons = np.full((2, 3), LON0)
        lons[1, 2] = -181.0
        with pytest.raises(InvalidLocationError, match=r"lons\[\(1, 2\)\] is"):
            two_squares_map.locate_many(np.full((2, 3), LAT0), lons)

    def test_shape_mismatch(self, two_squares_map: WardMap) -> None:
        """One latitude per longitude."""
        with pytest.raises(InvalidLocationError, match=r"shape \(3,\) but lons has shape \(4,\)"):
            two_squares_map.locate_many(np.zeros(3), np.zeros(4))

    @pytest.mark.parametrize(
        "bad", [np.array([True, False]), np.array(["1", "2"]), [1.0, None], [[1.0], [1.0, 2.0]]]
    )
    def test_non_numbers(self, two_squares_map: WardMap, bad: object) -> None:
        """Bools, strings, None and ragged lists are not coordinates."""
        with pytest.raises(InvalidLocationError, match="lats"):
            two_squares_map.locate_many(bad, [LON0, LON0])  # type: ignore[arg-type]


class TestNearest:
    """nearest() snaps a point outside every ward to the nearest ward within reach."""

    def test_inside_is_not_snapped(self, two_squares_map: WardMap) -> None:
        """A covered point gets locate's ward, distance 0, snapped False."""
        point = GeoPoint(LAT0 + STEP / 2, LON0 + STEP)
        expected = Location(ward=two_squares_map["A"], distance_m=0.0, snapped=False)
        assert two_squares_map.nearest(point, max_distance_m=0) == expected

    def test_a_point_off_the_edge_is_snapped_with_its_distance(
        self, two_squares_map: WardMap
    ) -> None:
        """A point 0.0002 degrees (about 22 m) east of "A": snapped, distance right to 0.5 %."""
        lat, lon = LAT0 + STEP / 2, LON0 + 2 * STEP + 0.0002
        location = two_squares_map.nearest(GeoPoint(lat, lon), max_distance_m=50)
        assert location is not None
        assert location.ward == two_squares_map["A"]
        assert location.snapped
        expected = vincenty_m(lat, lon, lat, LON0 + 2 * STEP)
        assert location.distance_m == pytest.approx(expected, rel=0.005)
        assert location.distance_m == pytest.approx(expected, rel=1e-5)  # in fact much better

    def test_out_of_reach_is_none(self, two_squares_map: WardMap) -> None:
        """Beyond max_distance_m there is no answer."""
        point = GeoPoint(LAT0 + STEP / 2, LON0 + 2 * STEP + 0.0002)
        assert two_squares_map.nearest(point, max_distance_m=20) is None
        assert two_squares_map.nearest(GeoPoint(0.0, 0.0), max_distance_m=100_000) is None

    def test_the_limit_is_inclusive_and_exact(self, two_squares_map: WardMap) -> None:
        """At exactly the distance, snapped; a centimetre less, not (despite the search margin)."""
        point = GeoPoint(LAT0 + STEP / 2, LON0 + 2 * STEP + 0.0002)
        far = two_squares_map.nearest(point, max_distance_m=1_000)
        assert far is not None
        assert two_squares_map.nearest(point, max_distance_m=far.distance_m) == far
        assert two_squares_map.nearest(point, max_distance_m=far.distance_m - 0.01) is None

    def test_equidistant_goes_to_the_lowest_code(self) -> None:
        """Two wards exactly as far from the point: "A" wins whatever its side."""
        ward_map = WardMap.from_wards(
            [
                make_ward("B", box(0, 0, STEP, STEP)),
                make_ward("A", box(2 * STEP, 0, 3 * STEP, STEP)),
            ]
        )
        point = GeoPoint(LAT0 + STEP / 2, LON0 + 1.5 * STEP)
        location = ward_map.nearest(point, max_distance_m=1_000)
        assert location is not None
        assert location.ward.code == "A"

    def test_snaps_across_a_gap_of_raw_data(self, overlap_and_gap_map: WardMap) -> None:
        """In the hole of "E", the nearest ward is "E" itself, at the hole's edge."""
        in_hole = GeoPoint(LAT0 + 2 * STEP + 0.0045, LON0 + 0.005)
        location = overlap_and_gap_map.nearest(in_hole, max_distance_m=100)
        assert location is not None
        assert (location.ward.code, location.snapped) == ("E", True)
        expected = vincenty_m(in_hole.lat, in_hole.lon, LAT0 + 2 * STEP + 0.004, in_hole.lon)
        assert location.distance_m == pytest.approx(expected, rel=1e-4)

    @pytest.mark.parametrize("bad", [-1, math.nan, math.inf, 100_001, 10**400])
    def test_refuses_bad_distances(self, two_squares_map: WardMap, bad: object) -> None:
        """max_distance_m is a number of metres from 0 to 100 km."""
        with pytest.raises(InvalidDistanceError, match="max_distance_m"):
            two_squares_map.nearest(GeoPoint(LAT0, LON0), max_distance_m=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [True, "5", None])
    def test_refuses_distances_that_are_not_numbers(
        self, two_squares_map: WardMap, bad: object
    ) -> None:
        """A bool, a string or None is the wrong type: InvalidArgumentError, a TypeError."""
        with pytest.raises(InvalidArgumentError, match="max_distance_m must be a number"):
            two_squares_map.nearest(GeoPoint(LAT0, LON0), max_distance_m=bad)  # type: ignore[arg-type]

    @given(
        dlat=st.floats(min_value=-0.02, max_value=0.03),
        dlon=st.floats(min_value=-0.02, max_value=0.04),
    )
    def test_distance_is_the_geodesic_to_the_nearest_edge(
        self, two_squares_map: WardMap, dlat: float, dlon: float
    ) -> None:
        """For any point around the map: snapped iff not located, distance within 0.5 %."""
        point = GeoPoint(LAT0 + dlat, LON0 + dlon)
        location = two_squares_map.nearest(point, max_distance_m=100_000)
        assert location is not None
        assert location.snapped is (two_squares_map.locate(point) is None)
        # The map's outline is one rectangle: the nearest point is a clamp of the coordinates.
        near_lat = min(max(point.lat, LAT0), LAT0 + STEP)
        near_lon = min(max(point.lon, LON0), LON0 + 2 * STEP)
        expected = vincenty_m(point.lat, point.lon, near_lat, near_lon)
        assert location.distance_m == pytest.approx(expected, rel=0.005, abs=1e-6)


class TestValidate:
    """validate() lists overlaps, enclosed gaps and repaired polygons, with area and a point."""

    def test_finds_the_overlap_and_the_gap(self, overlap_and_gap_map: WardMap) -> None:
        """One overlap strip of 0.002 x 0.01 degrees, one 0.002-degree square hole."""
        overlap, gap = overlap_and_gap_map.validate()
        per_lon = vincenty_m(LAT0, LON0, LAT0, LON0 + 1) / 1
        per_lat = vincenty_m(LAT0, LON0, LAT0 + 1, LON0) / 1
        assert overlap.kind is GeometryIssueKind.OVERLAP
        assert overlap.ward_codes == ("C", "D")
        assert overlap.area_m2 == pytest.approx(0.002 * per_lon * STEP * per_lat, rel=0.005)
        assert overlap_and_gap_map.locate(overlap.point) == overlap_and_gap_map["C"]
        assert "overlap by" in overlap.detail
        assert gap.kind is GeometryIssueKind.GAP
        assert gap.ward_codes == ("E",)
        assert gap.area_m2 == pytest.approx(0.002 * per_lon * 0.002 * per_lat, rel=0.005)
        assert overlap_and_gap_map.locate(gap.point) is None

    def test_a_gap_around_an_enclave_excludes_the_enclave(self, tricky_map: WardMap) -> None:
        """The hole of "E" holds "F": the gap is the hole minus "F", bordered by both."""
        gaps = [i for i in tricky_map.validate() if i.kind is GeometryIssueKind.GAP]
        (gap,) = [g for g in gaps if "F" in g.ward_codes]
        hole = shapely.Polygon(square(LON0 + 0.5 * STEP, LAT0 + 1.5 * STEP, STEP))
        enclave = tricky_map["F"].geometry
        expected_fraction = hole.difference(enclave).area / hole.area
        one_hole_m2 = (STEP * 110_600) ** 2  # about: checked as a ratio below
        assert gap.area_m2 / one_hole_m2 == pytest.approx(expected_fraction, rel=0.02)
        assert tricky_map.locate(gap.point) is None

    def test_a_partition_has_no_issues(self, two_squares_map: WardMap) -> None:
        """Wards that share edges exactly: nothing to report."""
        assert two_squares_map.validate() == ()

    def test_min_area_drops_small_issues(self, overlap_and_gap_map: WardMap) -> None:
        """Issues at or below min_area_m2 are left out."""
        assert [i.kind for i in overlap_and_gap_map.validate(min_area_m2=100_000)] == [
            GeometryIssueKind.OVERLAP
        ]
        assert overlap_and_gap_map.validate(min_area_m2=1e9) == ()

    @pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
    def test_refuses_a_bad_minimum(self, overlap_and_gap_map: WardMap, bad: object) -> None:
        """The minimum is a finite, non-negative area."""
        with pytest.raises(InvalidDistanceError, match="min_area_m2"):
            overlap_and_gap_map.validate(min_area_m2=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [True, "0", None])
    def test_refuses_a_minimum_that_is_not_a_number(
        self, overlap_and_gap_map: WardMap, bad: object
    ) -> None:
        """A bool, a string or None is the wrong type: InvalidArgumentError."""
        with pytest.raises(InvalidArgumentError, match="min_area_m2 must be a number"):
            overlap_and_gap_map.validate(min_area_m2=bad)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def aligned_map() -> WardMap:
    """A big ward "Z", plus "A", "B" and "C" whose edges sit exactly on the grid's cell lines.

    "A" and "B" lie inside Z's bounds, so adding them does not move the grid.
    """
    outer = make_ward("Z", box(0, 0, 3 * STEP, 3 * STEP))
    grid = WardMap.from_wards([outer])._grid

    def corner(column: int, row: int) -> tuple[float, float]:
        return grid.x0 + column * grid.dx, grid.y0 + row * grid.dy

    a = shapely.Polygon([corner(*c) for c in [(10, 10), (20, 10), (20, 20), (10, 20)]])
    b = shapely.Polygon([corner(*c) for c in [(20, 10), (30, 10), (30, 15), (20, 15)]])
    # A diagonal through grid corners: the slope arithmetic lands exactly on cell corners.
    c = shapely.Polygon([corner(*c) for c in [(40, 40), (60, 40), (60, 60)]])
    ward_map = WardMap.from_wards([outer, make_ward("A", a), make_ward("B", b), make_ward("C", c)])
    assert (ward_map._grid.x0, ward_map._grid.dx) == (grid.x0, grid.dx)
    return ward_map


EDGE_LINES = [10, 15, 20, 30, 40, 50, 60]  # grid lines that ward edges lie on


class TestGridCellEdges:
    """Ward edges that lie exactly on grid lines are the hardest case for the grid; still exact."""

    @given(
        column=st.one_of(st.sampled_from(EDGE_LINES), st.integers(min_value=8, max_value=62)),
        row=st.one_of(st.sampled_from(EDGE_LINES), st.integers(min_value=8, max_value=62)),
        fraction=st.sampled_from([0.0, 0.5, 1.0]),
        nudge=st.tuples(st.integers(min_value=-2, max_value=2), st.integers(-2, 2)),
    )
    def test_points_on_and_next_to_grid_lines(
        self,
        aligned_map: WardMap,
        column: int,
        row: int,
        fraction: float,
        nudge: tuple[int, int],
    ) -> None:
        """On a cell line, a corner, or a few ulps either side: same as the rule spelled out."""
        nudge_x, nudge_y = nudge
        grid = aligned_map._grid
        lon = grid.x0 + (column + fraction) * grid.dx
        lat = grid.y0 + row * grid.dy
        for _ in range(abs(nudge_x)):
            lon = float(np.nextafter(lon, math.copysign(math.inf, nudge_x)))
        for _ in range(abs(nudge_y)):
            lat = float(np.nextafter(lat, math.copysign(math.inf, nudge_y)))
        located = aligned_map.locate(GeoPoint(lat, lon))
        expected = brute_force(aligned_map, lon, lat)
        assert expected == (located.code if located else None)
        assert aligned_map.locate_many([lat], [lon]).tolist() == [expected]
