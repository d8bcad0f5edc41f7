"""Bulk placement: the wards and districts of whole columns of points, as `City.place` does.

For back-filling years of old reports: the points inside a ward are located all at once
(``WardMap``'s grid, vectorised); only the misses, a few percent at the coast and the city's
edge, are snapped one by one with ``WardMap.nearest``, as :meth:`City.place` snaps them.
"""

from __future__ import annotations

import typing

import attrs
import numpy as np
import numpy.typing as npt

from smartcity.geo import GeoPoint, WardMap

__all__ = ["Placements", "place_many"]

Codes = npt.NDArray[np.object_]
Flags = npt.NDArray[np.bool_]


def _frozen(array: npt.NDArray[typing.Any]) -> npt.NDArray[typing.Any]:
    array.flags.writeable = False
    return array


@typing.final
@attrs.frozen(eq=False, repr=False)
class Placements:
    """Where :meth:`City.place_many <smartcity.desk.City.place_many>` placed each point.

    Columns of the shape of the coordinates given, read-only; element ``i`` is what
    :meth:`City.place <smartcity.desk.City.place>` says of point ``i``.

    Attributes:
        ward: the ward codes (``str``), None where a point is in no ward (or missing).
        district: the district codes, None likewise.
        snapped_m: how far, in metres, a point was moved to reach the nearest ward; NaN where
            it lies in its ward (or is in none).
        outside: True where a point is outside the city (not in a ward, none within
            ``snap_m``); False where it is placed, and where the point is missing.
    """

    ward: Codes
    district: Codes
    snapped_m: npt.NDArray[np.float64]
    outside: Flags

    def __len__(self) -> int:
        """The number of points."""
        return int(self.ward.size)

    def __repr__(self) -> str:
        """Count the points and the outcomes, not list them."""
        snapped = int(np.count_nonzero(~np.isnan(self.snapped_m)))
        outside = int(np.count_nonzero(self.outside))
        return f"Placements({len(self):,} points, {snapped:,} snapped, {outside:,} outside)"

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the columns; a loaded copy's columns are read-only again."""
        return _placements, (self.ward, self.district, self.snapped_m, self.outside)


def _placements(
    ward: Codes,
    district: Codes,
    snapped_m: npt.NDArray[np.float64],
    outside: Flags,
) -> Placements:
    return Placements(_frozen(ward), _frozen(district), _frozen(snapped_m), _frozen(outside))


def place_many(
    ward_map: WardMap, lats: npt.ArrayLike, lons: npt.ArrayLike, *, snap_m: float
) -> Placements:
    """See :meth:`City.place_many <smartcity.desk.City.place_many>`."""
    lat_given, lon_given = np.asarray(lats), np.asarray(lons)
    missing: Flags | None = None
    if (
        lat_given.shape == lon_given.shape
        and lat_given.dtype.kind == "f"
        and lon_given.dtype.kind == "f"
    ):
        both = np.isnan(lat_given) & np.isnan(lon_given)
        if both.any():
            missing = both.ravel()
            # A point with neither coordinate is a report with no location: set aside, like
            # City.place(None); the ward map checks every other coordinate.
            lat_given = np.where(both, 0.0, lat_given)
            lon_given = np.where(both, 0.0, lon_given)
    lat_array, lon_array = ward_map._checked_points(lat_given, lon_given)  # noqa: SLF001
    positions = ward_map._locate_positions(lat_array, lon_array)  # noqa: SLF001
    codes = list(ward_map)
    by_position = [ward_map[code] for code in codes]
    ward_table = np.array([*codes, None], dtype=object)
    district_table = np.array([*(w.district_code for w in by_position), None], dtype=object)
    snapped = np.full(positions.shape, np.nan)
    if missing is not None:
        positions[missing] = -1
    misses = positions < 0
    if missing is not None:
        misses &= ~missing
    outside = misses.copy()
    if snap_m > 0 and misses.any():
        flat_lats, flat_lons = lat_array.ravel(), lon_array.ravel()
        index_of = {code: i for i, code in enumerate(codes)}
        for i in np.flatnonzero(misses).tolist():
            point = GeoPoint(float(flat_lats[i]), float(flat_lons[i]))
            nearest = ward_map.nearest(point, max_distance_m=snap_m)
            if nearest is not None:
                positions[i] = index_of[nearest.ward.code]
                snapped[i] = nearest.distance_m
                outside[i] = False
    shape = lat_array.shape
    return _placements(
        ward_table[positions].reshape(shape),
        district_table[positions].reshape(shape),
        snapped.reshape(shape),
        outside.reshape(shape),
    )
