from __future__ import annotations

import math
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import InvalidLocationError, SmartCityError
from smartcity.geo import GeoPoint

latitudes = st.floats(min_value=-90, max_value=90)
longitudes = st.floats(min_value=-180, max_value=180)


class TestGeoPointAccepts:
    """A GeoPoint holds any finite latitude and longitude in range, as floats."""

    @given(lat=latitudes, lon=longitudes)
    def test_every_coordinate_in_range_is_kept_exactly(self, lat: float, lon: float) -> None:
        """What goes in is what comes out, bit for bit."""
        point = GeoPoint(lat, lon)
        assert (lat, lon) == (point.lat, point.lon)

    @pytest.mark.parametrize(
        "value", [7, np.float32(7.5), np.float64(7.5), np.int64(7), Fraction(15, 2)]
    )
    def test_numbers_of_any_real_type_become_floats(self, value: object) -> None:
        """ints, numpy scalars and fractions are numbers too; the point stores floats."""
        point = GeoPoint(value, value)
        assert type(point.lat) is float
        assert float(value) == point.lat  # type: ignore[arg-type]

    def test_the_poles_and_the_antimeridian_are_in_range(self) -> None:
        """The range is closed: ±90 and ±180 are real places."""
        assert GeoPoint(90, 180) == GeoPoint(90.0, 180.0)
        assert GeoPoint(-90, -180).lat == -90.0

    def test_is_frozen_and_hashable(self) -> None:
        """A point is a value: it cannot change and can be a dict key."""
        point = GeoPoint(-6.98, 110.41)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            point.lat = 0.0  # type: ignore[misc]
        assert {point: 1}[GeoPoint(-6.98, 110.41)] == 1

    def test_repr_shows_the_public_module_path(self) -> None:
        """The class presents itself as smartcity.geo.GeoPoint."""
        assert GeoPoint.__module__ == "smartcity.geo"
        assert repr(GeoPoint(-6.5, 110.25)) == "GeoPoint(lat=-6.5, lon=110.25)"


class TestGeoPointRefuses:
    """Anything that is not a real place is refused with InvalidLocationError."""

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    @pytest.mark.parametrize("axis", ["lat", "lon"])
    def test_nan_and_infinities(self, bad: float, axis: str) -> None:
        """NaN and infinities are not positions."""
        values = {"lat": 0.0, "lon": 0.0, axis: bad}
        with pytest.raises(InvalidLocationError, match="finite"):
            GeoPoint(values["lat"], values["lon"])

    @given(
        lat=st.one_of(
            st.floats(min_value=90, exclude_min=True), st.floats(max_value=-90, exclude_max=True)
        )
    )
    def test_latitudes_beyond_the_poles(self, lat: float) -> None:
        """|lat| > 90 is out of range (and often a swapped longitude)."""
        with pytest.raises(InvalidLocationError, match="latitude"):
            GeoPoint(lat, 0.0)

    @given(
        lon=st.one_of(
            st.floats(min_value=180, exclude_min=True), st.floats(max_value=-180, exclude_max=True)
        )
    )
    def test_longitudes_beyond_the_antimeridian(self, lon: float) -> None:
        """|lon| > 180 is out of range: longitudes are not wrapped silently."""
        with pytest.raises(InvalidLocationError, match="longitude"):
            GeoPoint(0.0, lon)

    def test_swapped_coordinates_are_caught_by_the_range(self) -> None:
        """Semarang written lon-first has a latitude of 110: refused, with a hint."""
        with pytest.raises(InvalidLocationError, match="swapped"):
            GeoPoint(110.41, -6.98)

    @pytest.mark.parametrize("bad", [True, False, "6.9", None, [1.0], 1 + 2j, b"1"])
    def test_non_numbers_and_bools(self, bad: object) -> None:
        """Strings, None, containers, complex numbers and bools are not coordinates."""
        with pytest.raises(InvalidLocationError, match="must be a number"):
            GeoPoint(bad, 0.0)
        with pytest.raises(InvalidLocationError, match="must be a number"):
            GeoPoint(0.0, bad)

    def test_the_error_is_a_value_error_and_a_smartcity_error(self) -> None:
        """Callers may catch either the library's base error or the builtin."""
        with pytest.raises(ValueError, match="latitude") as caught:
            GeoPoint(math.nan, 0.0)
        assert isinstance(caught.value, SmartCityError)

    def test_a_deeply_nested_value_does_not_break_the_message(self) -> None:
        """The message abbreviates hostile input instead of recursing through it."""
        nested: list[object] = []
        for _ in range(100_000):
            nested = [nested]
        with pytest.raises(InvalidLocationError, match="list"):
            GeoPoint(nested, 0.0)
