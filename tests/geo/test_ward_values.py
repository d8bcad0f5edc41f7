from __future__ import annotations

import attrs
import pytest
import shapely
from geo_factories import LAT0, LON0, STEP, square

from smartcity.exceptions import WardDataError
from smartcity.geo import District, Ward


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
    @pytest.mark.parametrize("bad", ["", "   ", None, 7])
    def test_empty_or_non_text_fields(self, field: str, bad: object) -> None:
        """Text fields must be non-empty strings."""
        with pytest.raises(WardDataError, match=field) as caught:
            make_ward(**{field: bad})
        assert caught.value.code == "W1"

    def test_a_non_polygon_geometry(self) -> None:
        """A point or a line is not a ward."""
        with pytest.raises(WardDataError, match="Polygon or MultiPolygon; got Point"):
            make_ward(geometry=shapely.Point(LON0, LAT0))

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
