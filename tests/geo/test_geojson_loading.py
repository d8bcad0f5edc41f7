from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from geo_factories import LAT0, LON0, STEP, collection, feature, polygon, square, two_squares
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import InvalidArgumentError, WardDataError
from smartcity.geo import GeometryIssueKind, GeoPoint, WardMap, _geojson
from smartcity.geo._limits import MAX_FEATURES, MAX_GEOJSON_CHARS, MAX_PARTS, MAX_VERTICES

# A's square (east of B) drawn as a bow-tie: its lobes are the west and east triangles that
# meet at the square's centre.
EAST = LON0 + STEP
BOWTIE = [
    [EAST, LAT0],
    [EAST + STEP, LAT0 + STEP],
    [EAST + STEP, LAT0],
    [EAST, LAT0 + STEP],
    [EAST, LAT0],
]


def with_second(change: dict[str, Any]) -> dict[str, Any]:
    """The two-squares collection with its second feature (code "A") changed."""
    data = two_squares()
    data["features"][1].update(change)
    return data


class TestLoads:
    """from_geojson builds a ward map from a FeatureCollection given as a mapping or text."""

    def test_mapping_text_and_bytes_give_equal_maps(self) -> None:
        """The three forms of the same data build the same wards."""
        data = two_squares()
        text = json.dumps(data)
        from_mapping = WardMap.from_geojson(data)
        assert from_mapping == WardMap.from_geojson(text)
        assert from_mapping == WardMap.from_geojson(text.encode())
        assert list(from_mapping) == ["A", "B"]

    @given(st.permutations(range(3)))
    def test_feature_order_does_not_matter(self, order: list[int]) -> None:
        """Shuffling the features changes nothing, not even at a shared corner."""
        features = [
            feature("W3", polygon(square(LON0, LAT0))),
            feature("W1", polygon(square(LON0 + STEP, LAT0))),
            feature("W2", polygon(square(LON0, LAT0 + STEP))),
        ]
        shuffled = WardMap.from_geojson(collection(*(features[i] for i in order)))
        assert list(shuffled) == ["W1", "W2", "W3"]
        corner = GeoPoint(LAT0 + STEP, LON0 + STEP)
        assert shuffled.locate(corner) == shuffled["W1"]

    def test_property_names_are_configurable(self) -> None:
        """Data with other property names loads when the names are given."""
        data = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"id": "X1", "nm": "Ex", "dc": "D", "dn": "Dee"},
                    "geometry": polygon(square(LON0, LAT0)),
                }
            ],
        }
        ward_map = WardMap.from_geojson(
            data, code="id", name="nm", district_code="dc", district_name="dn"
        )
        ward = ward_map["X1"]
        assert (ward.name, ward.district_code, ward.district_name) == ("Ex", "D", "Dee")

    def test_multipolygons_and_holes_and_altitudes(self) -> None:
        """A MultiPolygon ward with a hole, positions with a third (altitude) value."""
        with_altitude = [[*position, 12.5] for position in square(LON0, LAT0)]
        geometry = {
            "type": "MultiPolygon",
            "coordinates": [
                [with_altitude, square(LON0 + 0.004, LAT0 + 0.004, 0.002)],
                [square(LON0 + 2 * STEP, LAT0)],
            ],
        }
        ward_map = WardMap.from_geojson(collection(feature("M", geometry)))
        assert ward_map.locate(GeoPoint(LAT0 + 0.001, LON0 + 0.001)) == ward_map["M"]
        assert ward_map.locate(GeoPoint(LAT0 + 0.005, LON0 + 0.005)) is None  # in the hole
        assert ward_map.locate(GeoPoint(LAT0 + 0.005, LON0 + 2 * STEP + 0.005)) == ward_map["M"]

    def test_extra_members_are_ignored(self) -> None:
        """Foreign members (ids, bbox, crs, other properties) are none of our business."""
        data = two_squares()
        data["bbox"] = [0, 0, 1, 1]
        data["features"][0]["id"] = 17
        data["features"][0]["properties"]["area_km2"] = 1.2
        assert WardMap.from_geojson(data) == WardMap.from_geojson(two_squares())


class TestRefusesBadFeatures:
    """A feature that cannot be a ward raises WardDataError naming its index, code and problem."""

    def test_missing_code(self) -> None:
        """No code property: the index is named, and the option to change the property name."""
        data = two_squares()
        del data["features"][1]["properties"]["kode"]
        with pytest.raises(WardDataError, match=r"feature #1: .*no 'kode' property.*code=") as e:
            WardMap.from_geojson(data)
        assert (e.value.index, e.value.code) == (1, None)

    @pytest.mark.parametrize("prop", ["kelurahan", "kode_kecamatan", "kecamatan"])
    def test_missing_property(self, prop: str) -> None:
        """Every configured property must be there."""
        data = two_squares()
        del data["features"][1]["properties"][prop]
        with pytest.raises(WardDataError, match=f"feature #1, code 'A': .*no '{prop}' property"):
            WardMap.from_geojson(data)

    @pytest.mark.parametrize("bad", [3374011001, "", " ", None, ["A"]])
    def test_code_that_is_not_text(self, bad: object) -> None:
        """Codes are non-empty strings; numbers are refused rather than guessed at."""
        data = two_squares()
        data["features"][0]["properties"]["kode"] = bad
        with pytest.raises(WardDataError, match="feature #0: property 'kode' must be a non-empty"):
            WardMap.from_geojson(data)

    def test_duplicate_code(self) -> None:
        """Both features are named: the error is on the second, the message names the first."""
        data = two_squares()
        data["features"][1]["properties"]["kode"] = "B"
        with pytest.raises(WardDataError, match="feature #1, code 'B': duplicate code: feature #0"):
            WardMap.from_geojson(data)

    def test_district_with_two_names(self) -> None:
        """A district code has one name throughout."""
        data = collection(
            feature("A", polygon(square(LON0, LAT0)), district_name="North"),
            feature("B", polygon(square(LON0 + STEP, LAT0)), district_name="South"),
        )
        with pytest.raises(WardDataError, match=r"#1, code 'B': district 'D\.01' is named 'South'"):
            WardMap.from_geojson(data)

    @pytest.mark.parametrize(
        ("geometry", "message"),
        [
            (None, "no geometry"),
            ({"type": "Point", "coordinates": [LON0, LAT0]}, "type is 'Point'"),
            ({"type": "LineString", "coordinates": square(LON0, LAT0)}, "type is 'LineString'"),
            ({"type": "GeometryCollection", "geometries": []}, "type is 'GeometryCollection'"),
            ({"type": "Polygon", "coordinates": []}, "non-empty list of rings"),
            ({"type": "MultiPolygon", "coordinates": []}, "non-empty list of polygons"),
            ({"type": "Polygon", "coordinates": [square(LON0, LAT0)[:3]]}, "at least 4"),
            ({"type": "Polygon", "coordinates": [square(LON0, LAT0)[:4]]}, "not closed"),
            ({"type": "Polygon", "coordinates": ["ring"]}, "ring 0 must be a list"),
            (
                {"type": "Polygon", "coordinates": [[[LON0, LAT0]] * 3 + [[LON0]]]},
                r"ring 0, position 3 must be \[longitude, latitude\]",
            ),
            (
                {"type": "Polygon", "coordinates": [[[LON0, "-7"]] * 4]},
                r"position 0 \[110\.4, '-7'\] is not \[longitude, latitude\].*latitude must be a",
            ),
            (
                {"type": "Polygon", "coordinates": [[[True, False]] * 4]},
                r"position 0 \[True, False\] is not \[longitude, latitude\].*got bool",
            ),
            (
                {"type": "Polygon", "coordinates": [[[10**400, LAT0]] * 4]},
                r"position 0 \[1000.*\] is not \[longitude, latitude\]",
            ),
            (
                {"type": "Polygon", "coordinates": [[[LON0, LAT0, "high"]] * 4]},
                r"position 0 .* is not \[longitude, latitude\].*altitude must be a number",
            ),
            (
                {"type": "Polygon", "coordinates": [[[LAT0, LON0]] * 4]},
                "longitude first",
            ),
        ],
    )
    def test_unusable_geometry(self, geometry: object, message: str) -> None:
        """Missing, non-polygonal or malformed geometry is named precisely."""
        with pytest.raises(WardDataError, match=f"feature #1, code 'A': .*{message}"):
            WardMap.from_geojson(with_second({"geometry": geometry}))

    def test_nan_coordinates_from_json_text(self) -> None:
        """Python's json reads NaN; a NaN vertex is refused all the same."""
        text = json.dumps(two_squares()).replace(str(LAT0), "NaN", 1)
        with pytest.raises(
            WardDataError, match=r"feature #0, code 'B': ring 0, position 0 \(110\.4, nan\) is not"
        ):
            WardMap.from_geojson(text)

    def test_invalid_polygon_is_refused_without_repair(self) -> None:
        """A self-intersecting ring is an error that says how to opt in to repair."""
        with pytest.raises(WardDataError, match=r"#1, code 'A': .*Self-intersection.*repair=True"):
            WardMap.from_geojson(with_second({"geometry": polygon(BOWTIE)}))

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ("[]", "the GeoJSON text holds a list"),
            ({"type": "Feature"}, "got type 'Feature'"),
            ({"type": "FeatureCollection"}, "no 'features' list"),
            ({"type": "FeatureCollection", "features": "abc"}, "no 'features' list"),
            ({"type": "FeatureCollection", "features": []}, "has no features"),
            ({"type": "FeatureCollection", "features": [17]}, "feature #0: expected a GeoJSON"),
            ({"type": "FeatureCollection", "features": [{}]}, "feature #0: .*'properties'"),
            ("{", "not valid JSON: Expecting property name .* line 1, column 2"),
            (b"\xff\xfe\x00", "not UTF-8|not valid JSON"),
        ],
    )
    def test_not_a_feature_collection(self, data: object, message: str) -> None:
        """Anything but a FeatureCollection is refused with a message saying what it got."""
        with pytest.raises(WardDataError, match=message):
            WardMap.from_geojson(data)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("data", "message"), [([], "got list"), (17, "got int")])
    def test_data_of_the_wrong_type(self, data: object, message: str) -> None:
        """Neither a mapping nor JSON text: a wrong argument (a TypeError), not bad data."""
        with pytest.raises(InvalidArgumentError, match=message):
            WardMap.from_geojson(data)  # type: ignore[arg-type]


class TestRepair:
    """repair=True mends invalid polygons with shapely.make_valid and says what it did."""

    def test_bowtie_is_repaired_and_reported(self) -> None:
        """The two triangles of a bow-tie become the ward; repairs and validate() name it."""
        ward_map = WardMap.from_geojson(with_second({"geometry": polygon(BOWTIE)}), repair=True)
        (message,) = ward_map.repairs
        assert message.startswith("feature #1, code 'A': Self-intersection[")
        assert message.endswith("repaired with shapely.make_valid")
        assert ward_map["A"].geometry.is_valid
        assert ward_map["A"].geometry.geom_type == "MultiPolygon"
        # Both lobes are in the ward; the wedges between them are not.
        assert ward_map.locate(GeoPoint(LAT0 + STEP / 2, EAST + 0.001)) == ward_map["A"]
        assert ward_map.locate(GeoPoint(LAT0 + STEP / 2, EAST + STEP - 0.001)) == ward_map["A"]
        assert ward_map.locate(GeoPoint(LAT0 + 0.001, EAST + STEP / 2)) is None
        (issue,) = [i for i in ward_map.validate() if i.kind is GeometryIssueKind.INVALID]
        assert issue.ward_codes == ("A",)
        # GEOS names the crossing of the bow-tie, at its centre.
        assert issue.point.lat == pytest.approx(LAT0 + STEP / 2)
        assert issue.point.lon == pytest.approx(EAST + STEP / 2)
        # The rings' signed areas cancel (0 m²); the repaired triangles have half the square.
        side_m = 1_105.0  # about 0.01 degree at 7°S, either way (checked to 1 %)
        assert issue.area_m2 == pytest.approx(side_m**2 / 2, rel=0.02)

    def test_without_a_location_from_geos_the_point_is_in_the_ward(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Not every GEOS reason names a place; then the issue points into the repaired ward."""
        monkeypatch.setattr(_geojson, "_reason_location", lambda _reason: None)
        ward_map = WardMap.from_geojson(with_second({"geometry": polygon(BOWTIE)}), repair=True)
        (issue,) = ward_map.validate()
        assert ward_map.locate(issue.point) == ward_map["A"]

    @pytest.mark.parametrize(
        ("reason", "expected"),
        [
            ("Self-intersection[110.41 -6.99]", (110.41, -6.99)),
            ("Ring Self-intersection[ 1e-3  -2.5E1 ]", (0.001, -25.0)),
            ("Invalid Coordinate[1 nan]", None),
            ("Hole lies outside shell[200 10]", None),
            ("Too few points in geometry component[e- e-]", None),
            ("Valid Geometry", None),
        ],
    )
    def test_reading_the_location_out_of_a_geos_reason(
        self, reason: str, expected: tuple[float, float] | None
    ) -> None:
        """Only a finite longitude and latitude in range is taken as a location."""
        assert _geojson._reason_location(reason) == expected

    def test_valid_data_needs_no_repair(self) -> None:
        """With nothing to mend, repairs is empty and the map is the same."""
        repaired = WardMap.from_geojson(two_squares(), repair=True)
        assert repaired.repairs == ()
        assert repaired == WardMap.from_geojson(two_squares())

    def test_a_polygon_that_collapses_is_still_refused(self) -> None:
        """A ring that is a line has nothing to repair into."""
        flat = [[LON0, LAT0], [LON0 + STEP, LAT0], [LON0 + 2 * STEP, LAT0], [LON0, LAT0]]
        with pytest.raises(WardDataError, match=r"#1, code 'A': .*nothing with an area"):
            WardMap.from_geojson(with_second({"geometry": polygon(flat)}), repair=True)


class TestLimits:
    """Huge or hostile input fails fast, before the expensive step, with a clear error."""

    def test_text_longer_than_the_limit_is_not_parsed(self) -> None:
        """The length is checked before json.loads (this text is not even JSON)."""
        with pytest.raises(WardDataError, match=f"the limit is {MAX_GEOJSON_CHARS:,}"):
            WardMap.from_geojson("x" * (MAX_GEOJSON_CHARS + 1))

    def test_deeply_nested_json_text(self) -> None:
        """A nesting bomb ends as WardDataError, not RecursionError."""
        with pytest.raises(WardDataError, match="nested too deeply"):
            WardMap.from_geojson('{"a": ' * 100_000 + "1" + "}" * 100_000)

    def test_many_polygons_in_json_text_are_refused_before_parsing(self) -> None:
        """Each polygon opens '[[['; more openings than the polygon limit are not parsed.

        The text is not even valid JSON (never closed), which shows it was never parsed.
        """
        text = '{"type": "FeatureCollection", "features": [' + "[[[0, 0]]], " * (MAX_PARTS + 1)
        with pytest.raises(WardDataError, match=rf"opens {MAX_PARTS + 1:,} polygons"):
            WardMap.from_geojson(text)

    def test_deeply_nested_coordinates_in_a_mapping(self) -> None:
        """The parser does not recurse into what should be a position."""
        nested: list[object] = [LON0, LAT0]
        for _ in range(100_000):
            nested = [nested]
        bomb = {"type": "Polygon", "coordinates": [[nested] * 4]}
        with pytest.raises(WardDataError, match="position 0 must be"):
            WardMap.from_geojson(with_second({"geometry": bomb}))

    def test_a_million_vertices_are_refused_before_they_are_read(self) -> None:
        """The vertex budget is charged per ring, before its positions are looked at.

        The positions here are junk; the error is about the count, so none was read.
        """
        ring = ["junk"] * (MAX_VERTICES + 1)
        with pytest.raises(WardDataError, match=f"more than {MAX_VERTICES:,} vertices"):
            WardMap.from_geojson(with_second({"geometry": polygon(ring)}))  # type: ignore[arg-type]

    def test_the_vertex_budget_spans_features(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Small features add up: the third 5-vertex square passes a limit of 12."""
        monkeypatch.setattr(_geojson, "MAX_VERTICES", 12)
        features = [feature(f"W{i}", polygon(square(LON0 + i * STEP, LAT0))) for i in range(3)]
        with pytest.raises(
            WardDataError, match="feature #2, code 'W2': the collection has more than 12 vertices"
        ):
            WardMap.from_geojson(collection(*features))

    def test_a_million_vertices_in_json_text_are_refused_before_parsing(self) -> None:
        """A text with a million positions is refused by counting its brackets.

        Parsing it would take seconds; the count takes milliseconds. The text is not even
        valid JSON (unclosed), which shows it was never parsed.
        """
        text = '{"type": "FeatureCollection", "features": [' + "[110.4,-7.0]," * (2 * MAX_VERTICES)
        with pytest.raises(
            WardDataError, match=rf"more than {MAX_VERTICES:,} vertices \(the limit\)"
        ):
            WardMap.from_geojson(text)

    def test_vertices_over_the_limit_in_json_text_are_counted_after_parsing(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Below the bracket bound, the exact count after parsing still applies."""
        monkeypatch.setattr(_geojson, "MAX_VERTICES", 9)
        with pytest.raises(WardDataError, match="feature #1, code 'A': the collection has more"):
            WardMap.from_geojson(json.dumps(two_squares()))

    def test_too_many_features(self) -> None:
        """The feature count is checked before any feature is read."""
        data = collection(*[{"not": "a feature"}] * (MAX_FEATURES + 1))
        with pytest.raises(WardDataError, match=f"the limit is {MAX_FEATURES:,}"):
            WardMap.from_geojson(data)

    def test_a_map_wider_than_a_city(self) -> None:
        """Wards 10 degrees apart are refused: probably a stray or swapped coordinate."""
        data = collection(
            feature("A", polygon(square(LON0, LAT0))),
            feature("B", polygon(square(LON0 + 10, LAT0))),
        )
        with pytest.raises(WardDataError, match=r"span 10\.01 degrees"):
            WardMap.from_geojson(data)

    def test_a_map_near_the_pole(self) -> None:
        """The local metric is refused beyond 80 degrees."""
        with pytest.raises(WardDataError, match=r"latitude 85\.01"):
            WardMap.from_geojson(collection(feature("A", polygon(square(0, 85)))))

    def test_the_input_is_not_changed(self) -> None:
        """Loading reads its input and leaves it as it was."""
        data = two_squares()
        before = copy.deepcopy(data)
        WardMap.from_geojson(data, repair=True)
        assert before == data
