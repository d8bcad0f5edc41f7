from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from geo_factories import vincenty_m
from hypothesis import given
from hypothesis import strategies as st

from smartcity.geo._geodesy import LocalProjection, distance_m, metres_per_degree


@st.composite
def nearby_pairs(
    draw: st.DrawFn, *, max_abs_lat: float, max_m: float
) -> tuple[float, float, float, float]:
    """Two points up to ``max_m`` metres apart, at |lat| up to ``max_abs_lat``."""
    lat = draw(st.floats(min_value=-max_abs_lat, max_value=max_abs_lat))
    lon = draw(st.floats(min_value=-179, max_value=179))
    bearing = draw(st.floats(min_value=0, max_value=2 * math.pi))
    metres = draw(st.floats(min_value=1, max_value=max_m))
    lat2 = lat + metres * math.cos(bearing) / 111_000
    lon2 = lon + metres * math.sin(bearing) / (111_000 * math.cos(math.radians(lat)))
    lat2 = max(-max_abs_lat, min(max_abs_lat, lat2))
    return lat, lon, lat2, lon2


class TestDistance:
    """distance_m is the WGS84 distance to better than 0.01 % at city scale."""

    def test_vincentys_own_example(self) -> None:
        """Flinders Peak to Buninyong: 54,972.271 m (Vincenty 1975; Geoscience Australia)."""
        flinders = (-(37 + 57 / 60 + 3.72030 / 3600), 144 + 25 / 60 + 29.52440 / 3600)
        buninyong = (-(37 + 39 / 60 + 10.15610 / 3600), 143 + 55 / 60 + 35.38390 / 3600)
        assert vincenty_m(*flinders, *buninyong) == pytest.approx(54_972.271, abs=0.01)
        assert distance_m(*flinders, *buninyong) == pytest.approx(54_972.271, rel=1e-4)

    def test_one_degree_at_the_equator(self) -> None:
        """One degree of longitude on the equator is 2πa/360 = 111,319.49 m."""
        assert distance_m(0, 0, 0, 1) == pytest.approx(111_319.491, rel=1e-6)

    @given(nearby_pairs(max_abs_lat=60, max_m=100_000))
    def test_agrees_with_vincenty_up_to_100_km(
        self, pair: tuple[float, float, float, float]
    ) -> None:
        """Below 60 degrees of latitude and up to 100 km: within 0.01 % of Vincenty."""
        expected = vincenty_m(*pair)
        assert distance_m(*pair) == pytest.approx(expected, rel=1e-4, abs=1e-6)

    @given(nearby_pairs(max_abs_lat=8, max_m=30_000))
    def test_agrees_with_vincenty_across_a_tropical_city(
        self, pair: tuple[float, float, float, float]
    ) -> None:
        """Semarang-sized distances near the equator: within 0.001 %."""
        expected = vincenty_m(*pair)
        assert distance_m(*pair) == pytest.approx(expected, rel=1e-5, abs=1e-6)

    def test_takes_the_short_way_across_the_antimeridian(self) -> None:
        """179.99 and -179.99 degrees are 0.02 degrees apart, not 359.98."""
        assert distance_m(0, 179.99, 0, -179.99) == pytest.approx(2_226.39, rel=1e-4)

    def test_is_zero_for_one_point(self) -> None:
        """A point is 0 m from itself."""
        assert distance_m(-7.0, 110.4, -7.0, 110.4) == 0.0


class TestLocalProjection:
    """The projection maps degrees to metres about a centre, and back."""

    def test_is_exact_at_the_centre_latitude(self) -> None:
        """Along the centre's parallel and meridian, projected metres are true metres."""
        projection = LocalProjection.about(lat=-7.0, lon=110.4)
        x, y = projection.forward(110.41, -7.0)
        assert x == pytest.approx(vincenty_m(-7.0, 110.4, -7.0, 110.41), rel=1e-6)
        x, y = projection.forward(110.4, -6.99)
        assert y == pytest.approx(vincenty_m(-7.0, 110.4, -6.99, 110.4), rel=1e-6)

    @given(
        lat=st.floats(min_value=-7.2, max_value=-6.8),
        lon=st.floats(min_value=110.2, max_value=110.6),
    )
    def test_inverse_undoes_forward(self, lat: float, lon: float) -> None:
        """forward then inverse is the identity, to rounding."""
        projection = LocalProjection.about(lat=-7.0, lon=110.4)
        back_lon, back_lat = projection.inverse(*projection.forward(lon, lat))
        assert (back_lon, back_lat) == (
            pytest.approx(lon, abs=1e-12),
            pytest.approx(lat, abs=1e-12),
        )

    def test_projects_geometries_like_points(self) -> None:
        """shapely geometries move with the same formula as single points."""
        projection = LocalProjection.about(lat=-7.0, lon=110.4)
        line = shapely.LineString([(110.41, -7.01), (110.42, -6.99)])
        (projected,) = projection.geometries(np.array([line], dtype=object))
        expected = [projection.forward(110.41, -7.01), projection.forward(110.42, -6.99)]
        assert shapely.get_coordinates(projected).tolist() == [list(xy) for xy in expected]

    def test_area_scale_corrects_for_latitude(self) -> None:
        """An area 1 degree north of a 60-degree centre is smaller than projected, by cos ratio."""
        projection = LocalProjection.about(lat=60.0, lon=0.0)
        per_lat = metres_per_degree(60.0)[1]
        scale = projection.area_scale(per_lat)
        assert scale < 1.0
        assert scale == pytest.approx(
            math.cos(math.radians(61)) / math.cos(math.radians(60)), rel=1e-2
        )

    def test_worst_scale_bounds_the_distance_error(self) -> None:
        """Over a band of latitudes, every local scale is within the returned factor."""
        projection = LocalProjection.about(lat=-7.0, lon=110.4)
        worst = projection.worst_scale(-8.0, -6.0)
        for lat in np.linspace(-8.0, -6.0, 41):
            per_lon, per_lat = metres_per_degree(float(lat))
            assert 1 / worst <= per_lon / projection.per_lon <= worst
            assert 1 / worst <= per_lat / projection.per_lat <= worst
        assert projection.worst_scale(-1.0, 1.0) >= metres_per_degree(0.0)[0] / projection.per_lon
