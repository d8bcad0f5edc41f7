"""Metres on the WGS84 ellipsoid, without a projection library.

A ward map covers one city, a few tens of kilometres across. At that size the ellipsoid is, to
well under 0.01 %, flat: one degree of longitude is ``N cos(lat)`` metres and one degree of
latitude is ``M`` metres, where ``M`` and ``N`` are the ellipsoid's two radii of curvature at
that latitude. Two uses follow:

* `distance_m`: the distance between two points, flat at their mean latitude. Against the exact
  geodesic the error is below 0.01 % up to 100 km at latitudes below 60 degrees (the tests check
  this against an independent Vincenty computation).
* `LocalProjection`: one affine map from degrees to metres about the centre of a ward map, for
  shapely's planar operations (nearest points, overlap areas). It is exact at the centre
  latitude; elsewhere the east-west scale drifts by ``tan(lat) * dlat`` (0.02 % across
  Semarang), and areas are rescaled to the latitude where they lie.
"""

from __future__ import annotations

import math
import typing

import attrs
import numpy as np
import numpy.typing as npt
import shapely

# WGS84 (NIMA TR8350.2): semi-major axis in metres and flattening.
WGS84_A = 6_378_137.0
WGS84_F = 1 / 298.257223563
_E2 = WGS84_F * (2 - WGS84_F)
_RADIANS_PER_DEGREE = math.pi / 180


def metres_per_degree(lat: float) -> tuple[float, float]:
    """Return (metres per degree of longitude, metres per degree of latitude) at ``lat``."""
    phi = lat * _RADIANS_PER_DEGREE
    w2 = 1.0 - _E2 * math.sin(phi) ** 2
    prime_vertical = WGS84_A / math.sqrt(w2)  # N
    meridional = WGS84_A * (1.0 - _E2) / (w2 * math.sqrt(w2))  # M
    return (
        prime_vertical * math.cos(phi) * _RADIANS_PER_DEGREE,
        meridional * _RADIANS_PER_DEGREE,
    )


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the distance in metres between two points, flat at their mean latitude."""
    per_lon, per_lat = metres_per_degree((lat1 + lat2) / 2)
    # Take the short way round, so that 179.9 and -179.9 are 0.2 degrees apart.
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    return math.hypot(per_lon * dlon, per_lat * (lat2 - lat1))


@typing.final
@attrs.frozen
class LocalProjection:
    """An affine map from lon/lat degrees to metres east and north of a centre point."""

    lat0: float
    lon0: float
    per_lon: float
    per_lat: float

    @classmethod
    def about(cls, *, lat: float, lon: float) -> LocalProjection:
        """Return the projection that is exact at (lat, lon)."""
        per_lon, per_lat = metres_per_degree(lat)
        return cls(lat0=lat, lon0=lon, per_lon=per_lon, per_lat=per_lat)

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        """Return (x, y) in metres for one point."""
        return (lon - self.lon0) * self.per_lon, (lat - self.lat0) * self.per_lat

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        """Return (lon, lat) in degrees for one projected point."""
        return self.lon0 + x / self.per_lon, self.lat0 + y / self.per_lat

    def geometries(self, geometries: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
        """Return the geometries with their coordinates in metres."""

        def project(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
            return np.column_stack(
                (
                    (coords[:, 0] - self.lon0) * self.per_lon,
                    (coords[:, 1] - self.lat0) * self.per_lat,
                )
            )

        projected: npt.NDArray[np.object_] = shapely.transform(geometries, project)
        return projected

    def area_scale(self, y: float) -> float:
        """Return the factor that turns a projected area at ``y`` metres north into true m².

        The projection keeps the centre's scale everywhere, so an area far north or south of
        the centre comes out too large or too small by the ratio of the local scales.
        """
        lat = self.lat0 + y / self.per_lat
        per_lon, per_lat = metres_per_degree(lat)
        return (per_lon * per_lat) / (self.per_lon * self.per_lat)

    def worst_scale(self, lat_min: float, lat_max: float) -> float:
        """Return the most that projected distances overstate or understate true ones.

        Over the latitude band [lat_min, lat_max], a projected distance lies between
        ``true / s`` and ``true * s`` for the returned ``s`` (at least 1).
        """
        worst = 1.0
        # Both scales are monotonic in |lat|, so the extremes lie at the band's ends, or at
        # the equator when the band crosses it.
        crossing = (0.0,) if lat_min < 0.0 < lat_max else ()
        for lat in (lat_min, lat_max, *crossing):
            per_lon, per_lat = metres_per_degree(lat)
            for ratio in (per_lon / self.per_lon, per_lat / self.per_lat):
                worst = max(worst, ratio, 1 / ratio)
        return worst
