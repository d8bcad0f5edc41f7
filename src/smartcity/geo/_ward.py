"""`Ward` and `District`: the named areas a point is located in."""

from __future__ import annotations

import math
import reprlib
import typing

import attrs
import shapely
from shapely import MultiPolygon, Polygon

from smartcity.exceptions import WardDataError


def _geometry_key(geometry: object) -> bytes:
    # Shapely's own == compares coordinates exactly but costs a GEOS call per comparison;
    # WKB bytes give the same answer and also work for hashing when needed.
    wkb: bytes = shapely.to_wkb(geometry)
    return wkb


def _non_empty_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        code = getattr(instance, "code", None)
        raise WardDataError(
            f"{attribute.name} must be a non-empty string; got {reprlib.repr(value)}",
            code=code if isinstance(code, str) else None,
        )


def check_polygonal(geometry: object, *, index: int | None = None, code: str | None = None) -> None:
    """Raise `WardDataError` unless ``geometry`` is a valid, non-empty (Multi)Polygon in degrees."""
    if not isinstance(geometry, Polygon | MultiPolygon):
        raise WardDataError(
            "the geometry must be a shapely Polygon or MultiPolygon; "
            f"got {type(geometry).__name__}",
            index=index,
            code=code,
        )
    if geometry.is_empty:
        raise WardDataError("the geometry is empty", index=index, code=code)
    if not shapely.is_valid(geometry):
        raise WardDataError(
            f"the geometry is invalid ({shapely.is_valid_reason(geometry)}); repair it, e.g. "
            f"with shapely.make_valid, or load it with WardMap.from_geojson(..., repair=True)",
            index=index,
            code=code,
        )
    west, south, east, north = (float(value) for value in geometry.bounds)
    if not (
        all(math.isfinite(value) for value in (west, south, east, north))
        and -180.0 <= west <= east <= 180.0
        and -90.0 <= south <= north <= 90.0
    ):
        raise WardDataError(
            f"the geometry's bounds {(west, south, east, north)} are not WGS84 longitude and "
            f"latitude in degrees (x is longitude, y is latitude)",
            index=index,
            code=code,
        )


def _polygonal(instance: Ward, attribute: attrs.Attribute[object], value: object) -> None:
    del attribute  # the message names the problem, not the field
    check_polygonal(value, code=instance.code)


@typing.final
@attrs.frozen
class Ward:
    """A kelurahan (ward): its Kemendagri code, its name, its kecamatan and its boundary.

    Two wards are equal when their codes, names and geometries (coordinate for coordinate)
    are; the hash leaves the geometry out, which is consistent and cheap.

    Attributes:
        code: the ward's code, e.g. ``"33.74.01.1001"``; unique within a ward map.
        name: the ward's name, e.g. ``"Miroto"``.
        district_code: the code of its kecamatan (district), e.g. ``"33.74.01"``.
        district_name: the name of its kecamatan, e.g. ``"Semarang Tengah"``.
        geometry: its boundary, a valid shapely ``Polygon`` or ``MultiPolygon`` in WGS84
            degrees with x = longitude and y = latitude (GeoJSON order).

    Raises:
        WardDataError: a text field is empty or not a string, or the geometry is not a valid,
            non-empty polygon in degrees.
    """

    code: str = attrs.field(validator=_non_empty_text)
    name: str = attrs.field(validator=_non_empty_text)
    district_code: str = attrs.field(validator=_non_empty_text)
    district_name: str = attrs.field(validator=_non_empty_text)
    geometry: Polygon | MultiPolygon = attrs.field(
        validator=_polygonal, eq=_geometry_key, hash=False, repr=False
    )


@typing.final
@attrs.frozen
class District:
    """A kecamatan (district): the union of its wards.

    Attributes:
        code: the district's code, e.g. ``"33.74.01"``.
        name: the district's name, e.g. ``"Semarang Tengah"``.
        ward_codes: the codes of its wards, sorted.
        geometry: the union of its wards' geometries, in WGS84 degrees (lon, lat).
    """

    code: str
    name: str
    ward_codes: tuple[str, ...]
    geometry: Polygon | MultiPolygon = attrs.field(eq=_geometry_key, hash=False, repr=False)
