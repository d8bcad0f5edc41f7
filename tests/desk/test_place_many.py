"""City.place_many places whole columns of points exactly as City.place places each one."""

from __future__ import annotations

import math
import pickle

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity.desk import City, Placements
from smartcity.exceptions import InvalidLocationError
from smartcity.geo import GeoPoint
from smartcity.samples import semarang

CITY = semarang()
# Semarang's extent with a margin of a few kilometres: points inside, at the coast, outside.
LATS = st.floats(-7.16, -6.92)
LONS = st.floats(110.25, 110.53)


def _expected(city: City, lat: float, lon: float) -> tuple[object, ...]:
    if math.isnan(lat) and math.isnan(lon):
        placement = city.place(None)
    else:
        placement = city.place(GeoPoint(lat, lon))
    return (placement.ward, placement.district, placement.snapped_m, placement.outside)


def _rows(placements: Placements) -> list[tuple[object, ...]]:
    return [
        (
            placements.ward.flat[i],
            placements.district.flat[i],
            None if math.isnan(placements.snapped_m.flat[i]) else placements.snapped_m.flat[i],
            bool(placements.outside.flat[i]),
        )
        for i in range(len(placements))
    ]


class TestPlaceManyEqualsPlace:
    """Point for point, the bulk answer is City.place's, snapping and missing points included."""

    @settings(max_examples=30, deadline=None)
    @given(
        points=st.lists(st.tuples(LATS, LONS) | st.just((math.nan, math.nan)), max_size=40),
        snap_m=st.sampled_from([0.0, 50.0, 1_000.0]),
    )
    def test_elementwise(self, points, snap_m):
        city = attrs.evolve(CITY, snap_m=snap_m)
        lats = np.array([p[0] for p in points], dtype=np.float64)
        lons = np.array([p[1] for p in points], dtype=np.float64)
        result = city.place_many(lats, lons)
        assert _rows(result) == [_expected(city, lat, lon) for lat, lon in points]

    def test_coast_points_are_snapped_like_place(self):
        rng = np.random.default_rng(4)
        lats = rng.uniform(-7.16, -6.92, 3_000)
        lons = rng.uniform(110.25, 110.53, 3_000)
        city = attrs.evolve(CITY, snap_m=1_000.0)
        result = city.place_many(lats, lons)
        snapped = ~np.isnan(result.snapped_m)
        assert snapped.any()
        assert result.outside.any()
        assert _rows(result) == [_expected(city, a, b) for a, b in zip(lats, lons, strict=True)]

    def test_the_shape_is_kept(self):
        lats = np.full((2, 3), -6.99)
        lons = np.full((2, 3), 110.42)
        result = CITY.place_many(lats, lons)
        assert result.ward.shape == (2, 3)
        assert result.district.shape == (2, 3)
        assert len(set(result.ward.ravel().tolist())) == 1


class TestPlacementsColumns:
    """The columns are read-only, and stay so after pickling."""

    def test_read_only_and_pickled(self):
        result = CITY.place_many([-6.99, math.nan], [110.42, math.nan])
        assert not result.ward.flags.writeable
        loaded = pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes
        assert not loaded.outside.flags.writeable
        assert _rows(loaded) == _rows(result)
        assert repr(result) == "Placements(2 points, 0 snapped, 0 outside)"


class TestBadColumns:
    """Bad coordinates are refused with the first bad index, as WardMap.locate_many does."""

    @pytest.mark.parametrize(
        ("lats", "lons", "match"),
        [
            ([-6.99, math.nan], [110.42, 110.4], r"lats\[1\]"),
            ([-6.99, 95.0], [110.42, 110.4], r"lats\[1\]"),
            ([-6.99], [110.42, 110.4], "shape"),
            ([True], [110.42], "numbers"),
        ],
    )
    def test_refused(self, lats, lons, match):
        with pytest.raises(InvalidLocationError, match=match):
            CITY.place_many(lats, lons)
