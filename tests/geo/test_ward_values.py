from __future__ import annotations

import attrs
import pytest
import shapely
from geo_factories import LAT0, LON0, STEP, square

from smartcity.exceptions import InvalidArgumentError, WardDataError
from smartcity.geo import District, Ward, _ward


def make_ward(code: str = "W1", geometry: object = None, **changes: object) -> Ward:
    fields: dict[str, object] = {
        "code": code,
        "name": "Ward One",
        "district_code": "D1",
        "district_name": "District One",
        "geometry": geometry if geometry is not None else shapely.Polygon(square(LON0, LAT0)),
    }
    fields.update(changes)
    return Ward(**fields)  # type: ignore[arg-type]


class TestWardEquality:
    """Wards compare by code, names and geometry (coordinate for coordinate)."""

    def test_equal_fields_and_equal_geometry_make_equal_wards(self) -> None:
        """Two wards built from the same data are equal and hash alike."""
        first, second = make_ward(), make_ward()
        assert first.geometry is not second.geometry
        assert first == second
        assert hash(first) == hash(second)
        assert len({first, second}) == 1

    def test_a_different_geometry_makes_a_different_ward(self) -> None:
        """Same names, other boundary: not equal (the hash may collide, which is allowed)."""
        moved = make_ward(geometry=shapely.Polygon(square(LON0 + STEP, LAT0)))
        assert make_ward() != moved

    def test_a_different_name_makes_a_different_ward(self) -> None:
        """Every text field takes part."""
        assert make_ward() != make_ward(name="Other")
        assert make_ward() != make_ward(district_name="Other")

    def test_repr_leaves_the_geometry_out(self) -> None:
        """A repr is one readable line, whatever the size of the polygon."""
        assert repr(make_ward()) == (
            "Ward(code='W1', name='Ward One', district_code='D1', district_name='District One')"
        )

    def test_is_frozen(self) -> None:
        """A ward cannot be changed after it is made."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            make_ward().code = "W2"  # type: ignore[misc]


class TestWardRefuses:
    """A ward with unusable data raises WardDataError naming its code."""

    @pytest.mark.parametrize("field", ["name", "district_code", "district_name"])
    @pytest.mark.parametrize("bad", ["", "   ", "x" * 201])
    def test_empty_or_overlong_text_fields(self, field: str, bad: object) -> None:
        """Text fields must be non-empty strings of at most 200 characters."""
        with pytest.raises(WardDataError, match=field) as caught:
            make_ward(**{field: bad})
        assert caught.value.code == "W1"

    @pytest.mark.parametrize("field", ["code", "name", "district_code", "district_name"])
    @pytest.mark.parametrize("bad", [None, 7, b"W1"])
    def test_non_text_fields(self, field: str, bad: object) -> None:
        """A text field of another type is the wrong type: InvalidArgumentError."""
        with pytest.raises(InvalidArgumentError, match=f"Ward.{field} must be text"):
            make_ward(**{field: bad})

    def test_a_ten_megabyte_name_makes_a_short_message(self) -> None:
        """The message shows an excerpt of the value, never all of it."""
        with pytest.raises(WardDataError) as caught:
            make_ward(name="x" * 10_000_000)
        assert len(str(caught.value)) < 300

    def test_a_non_polygon_geometry(self) -> None:
        """A point or a line is not a ward."""
        with pytest.raises(InvalidArgumentError, match="Polygon or MultiPolygon; got Point"):
            make_ward(geometry=shapely.Point(LON0, LAT0))

    def test_too_many_parts(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The part count is checked before the (slower) validity check."""
        monkeypatch.setattr(_ward, "MAX_PARTS_PER_WARD", 2)
        parts = [
            shapely.box(LON0 + i * STEP, LAT0, LON0 + (i + 0.5) * STEP, LAT0 + STEP)
            for i in range(3)
        ]
        with pytest.raises(WardDataError, match="3 polygons; a ward may have at most 2"):
            make_ward(geometry=shapely.MultiPolygon(parts))

    def test_an_invalid_polygon(self) -> None:
        """A self-intersecting ring is refused, and the message says how to repair it."""
        bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
        with pytest.raises(WardDataError, match=r"Self-intersection.*make_valid"):
            make_ward(geometry=bowtie)

    def test_an_empty_polygon(self) -> None:
        """A polygon without area locates nothing."""
        with pytest.raises(WardDataError, match="empty"):
            make_ward(geometry=shapely.Polygon())

    def test_swapped_coordinates(self) -> None:
        """y must be a latitude: a polygon at y = 110 is lon/lat swapped."""
        swapped = shapely.Polygon([(lat, lon) for lon, lat in square(LON0, LAT0)])
        with pytest.raises(WardDataError, match="not WGS84 longitude and latitude"):
            make_ward(geometry=swapped)


class TestDistrict:
    """A district is a value too: code, name, ward codes and the union geometry."""

    def test_equality_includes_the_geometry(self) -> None:
        """Equal fields and equal geometry: equal districts."""
        geometry = shapely.Polygon(square(LON0, LAT0))
        first = District(code="D1", name="One", ward_codes=("W1",), geometry=geometry)
        same = District(
            code="D1", name="One", ward_codes=("W1",), geometry=shapely.Polygon(square(LON0, LAT0))
        )
        other = District(
            code="D1",
            name="One",
            ward_codes=("W1",),
            geometry=shapely.Polygon(square(LON0, LAT0, 2 * STEP)),
        )
        assert first == same
        assert hash(first) == hash(same)
        assert first != other
