"""`Ward` and `District`: the named areas a point is located in."""

from __future__ import annotations

import math
import typing

import attrs
import shapely
from shapely import MultiPolygon, Polygon

from smartcity._checks import shown, text, tuple_of, type_name
from smartcity.exceptions import InvalidArgumentError, WardDataError
from smartcity.geo._limits import MAX_FEATURES, MAX_PARTS_PER_WARD, MAX_TEXT_CHARS, MAX_VERTICES


def _geometry_key(geometry: object) -> bytes:
    # Shapely's own == compares coordinates exactly but costs a GEOS call per comparison;
    # WKB bytes give the same answer and also work for hashing when needed.
    wkb: bytes = shapely.to_wkb(geometry)
    return wkb


def _known_code(instance: object) -> str | None:
    """The instance's code if it is already a usable one, to name it in an error."""
    code = getattr(instance, "code", None)
    if isinstance(code, str) and code.strip() and len(code) <= MAX_TEXT_CHARS:
        return code
    return None


def _name_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """A code or a name: non-blank text of at most `MAX_TEXT_CHARS` characters."""
    kind = type(instance).__name__
    try:
        text(value, f"{kind}.{attribute.name}", error=WardDataError, max_length=MAX_TEXT_CHARS)
    except WardDataError as error:
        raise WardDataError(str(error), code=_known_code(instance)) from None


def check_polygonal(geometry: object, *, index: int | None = None, code: str | None = None) -> None:
    """Raise unless ``geometry`` is a valid, non-empty (Multi)Polygon in degrees, within limits.

    Raises:
        InvalidArgumentError: not a shapely Polygon or MultiPolygon.
        WardDataError: empty, too many parts or vertices, invalid, or not in degrees.
    """
    if not isinstance(geometry, Polygon | MultiPolygon):
        where = f"feature #{index}: " if index is not None else ""
        raise InvalidArgumentError(
            f"{where}the geometry must be a shapely Polygon or MultiPolygon; "
            f"got {type_name(geometry)} {shown(geometry)}"
        )
    if geometry.is_empty:
        raise WardDataError("the geometry is empty", index=index, code=code)
    # The sizes first: validity takes time in proportion to them.
    parts = int(shapely.get_num_geometries(geometry))
    if parts > MAX_PARTS_PER_WARD:
        raise WardDataError(
            f"the geometry has {parts:,} polygons; a ward may have at most "
            f"{MAX_PARTS_PER_WARD:,}: merge or drop the specks",
            index=index,
            code=code,
        )
    vertices = int(shapely.get_num_coordinates(geometry))
    if vertices > MAX_VERTICES:
        raise WardDataError(
            f"the geometry has {vertices:,} vertices; the limit is {MAX_VERTICES:,}: simplify it "
            f"(e.g. shapely.simplify)",
            index=index,
            code=code,
        )
    if not shapely.is_valid(geometry):
        raise WardDataError(
            f"the geometry is invalid ({shown(shapely.is_valid_reason(geometry))}); repair it, "
            f"e.g. with shapely.make_valid, or load it with WardMap.from_geojson(..., "
            f"repair=True)",
            index=index,
            code=code,
        )
    _check_degrees(geometry, index=index, code=code)


def _check_degrees(
    geometry: Polygon | MultiPolygon, *, index: int | None, code: str | None
) -> None:
    west, south, east, north = (float(value) for value in geometry.bounds)
    if not (
        all(math.isfinite(value) for value in (west, south, east, north))
        and -180.0 <= west <= east <= 180.0
        and -90.0 <= south <= north <= 90.0
    ):
        raise WardDataError(
            f"the geometry's bounds {shown((west, south, east, north))} are not WGS84 longitude "
            f"and latitude in degrees (x is longitude, y is latitude)",
            index=index,
            code=code,
        )


def _polygonal(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    del attribute  # the message names the problem, not the field
    check_polygonal(value, code=_known_code(instance))


def _district_geometry(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    # The union of a district's wards: a polygon in degrees. Its size is that of its wards,
    # which were checked, and shapely's union is valid: only the type and bounds are checked.
    del attribute
    if not isinstance(value, Polygon | MultiPolygon):
        raise InvalidArgumentError(
            f"District.geometry must be a shapely Polygon or MultiPolygon; "
            f"got {type_name(value)} {shown(value)}"
        )
    if value.is_empty:
        raise WardDataError("the district's geometry is empty", code=_known_code(instance))
    _check_degrees(value, index=None, code=_known_code(instance))


def _ward_code(value: object, argument: str) -> str:
    return text(value, argument, error=WardDataError, max_length=MAX_TEXT_CHARS)


def _ward_codes(value: object) -> tuple[str, ...]:
    return tuple_of(
        value, "District.ward_codes", _ward_code, max_items=MAX_FEATURES, error=WardDataError
    )


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
        InvalidArgumentError: a text field is not a string, or the geometry is not a shapely
            ``Polygon`` or ``MultiPolygon``.
        WardDataError: a text field is blank or longer than 200 characters, or the geometry is
            empty, invalid, not in degrees, or over the limits of `WardMap.from_geojson`.
    """

    code: str = attrs.field(validator=_name_text)
    name: str = attrs.field(validator=_name_text)
    district_code: str = attrs.field(validator=_name_text)
    district_name: str = attrs.field(validator=_name_text)
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

    Raises:
        InvalidArgumentError: a field has the wrong type.
        WardDataError: a code or name is blank or too long, or the geometry is empty or not
            in degrees.
    """

    code: str = attrs.field(validator=_name_text)
    name: str = attrs.field(validator=_name_text)
    ward_codes: tuple[str, ...] = attrs.field(converter=_ward_codes)
    geometry: Polygon | MultiPolygon = attrs.field(
        validator=_district_geometry, eq=_geometry_key, hash=False, repr=False
    )
