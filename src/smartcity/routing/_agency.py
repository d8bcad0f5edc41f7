"""The city's agencies (OPD) and the categories of problem citizens report."""

from __future__ import annotations

import typing
from collections.abc import Iterable

import attrs

from smartcity import _checks
from smartcity.exceptions import RoutingConfigError
from smartcity.routing._attributes import ServiceAttribute, attributes
from smartcity.sla import WorkingCalendar

__all__ = ["MAX_CODE_LENGTH", "MAX_CODES", "MAX_NAME_LENGTH", "Agency", "Category"]

MAX_CODE_LENGTH: typing.Final = 100
"""The longest code (of an agency, a category, a ward or a district), in characters.

Kemendagri ward codes have 13 characters and Open311 service codes are short identifiers; a
UUID has 36. A longer "code" is a mistake, or an attack on the logs its error would fill.
"""

MAX_NAME_LENGTH: typing.Final = 300
"""The longest name (of an agency, a category, a group, a referral authority), in characters."""

MAX_CODES: typing.Final = 10_000
"""The most codes an agency's categories or jurisdiction, or a category's keywords, may list.

The largest Indonesian city (Jakarta) has 267 kelurahan; ten thousand leaves room for any
city's wards while refusing a runaway list before it is stored.
"""


def code(value: object, argument: str) -> str:
    """Return a code: a non-blank ``str`` of at most :data:`MAX_CODE_LENGTH` characters."""
    return _checks.text(value, argument, error=RoutingConfigError, max_length=MAX_CODE_LENGTH)


def optional_code(value: object, argument: str) -> str | None:
    """Return None or a code (see :func:`code`)."""
    return _checks.optional_text(
        value, argument, error=RoutingConfigError, max_length=MAX_CODE_LENGTH
    )


def _label(instance: object, attribute: attrs.Attribute[typing.Any]) -> str:
    return f"{type(instance).__name__} {attribute.name}"


def _code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    code(value, _label(instance, attribute))


def _optional_code(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    optional_code(value, _label(instance, attribute))


def _name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _checks.text(
        value, _label(instance, attribute), error=RoutingConfigError, max_length=MAX_NAME_LENGTH
    )


def _optional_name(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    _checks.optional_text(
        value, _label(instance, attribute), error=RoutingConfigError, max_length=MAX_NAME_LENGTH
    )


def _flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    _checks.instance(value, bool, _label(instance, attribute))


def _codes(values: Iterable[str], argument: str) -> frozenset[str]:
    # A bare string is an iterable of characters: tuple_of refuses it instead of splitting it.
    return frozenset(
        _checks.tuple_of(values, argument, code, max_items=MAX_CODES, error=RoutingConfigError)
    )


def _categories(values: Iterable[str]) -> frozenset[str]:
    return _codes(values, "Agency categories")


def _jurisdiction(values: Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    codes = _codes(values, "Agency jurisdiction")
    if not codes:
        raise RoutingConfigError(
            "an empty jurisdiction serves nowhere; pass None for the whole city, "
            "or active=False for an agency that takes no reports"
        )
    return codes


def _keyword(value: object, argument: str) -> str:
    return _checks.text(value, argument, error=RoutingConfigError, max_length=MAX_NAME_LENGTH)


def _keywords(values: Iterable[str]) -> tuple[str, ...]:
    return _checks.tuple_of(
        values, "Category keywords", _keyword, max_items=MAX_CODES, error=RoutingConfigError
    )


def _calendar(
    _instance: object, _attribute: attrs.Attribute[WorkingCalendar | None], value: object
) -> None:
    if value is not None:
        _checks.instance(value, WorkingCalendar, "Agency calendar")


def _within(area: str, codes: frozenset[str]) -> bool:
    """Return whether the *area* code is one of *codes* or lies inside one of them.

    Kemendagri area codes are hierarchical: a ward's code is its district's code, a dot and
    four digits (``33.74.01.1001`` lies in ``33.74.01``). So a ward is inside a listed district
    without any map.
    """
    if area in codes:
        return True
    # Every listed code has at most MAX_CODE_LENGTH characters, so only the dots within that
    # reach can end a listed parent: a linear scan, however long the area code given.
    head = area[: MAX_CODE_LENGTH + 1]
    return any(head[:end] in codes for end, char in enumerate(head) if char == ".")


@typing.final
@attrs.frozen
class Agency:
    """A city agency (OPD: a Dinas, a Badan, Satpol PP...) that takes reports.

    Args:
        code: a short unique code, e.g. ``"DPU"``.
        name: the official name, e.g. ``"Dinas Pekerjaan Umum"``.
        categories: the codes of the categories it handles; a routing rule may send it only
            these. A triage desk needs none: it takes whatever no rule routes.
        jurisdiction: None when it serves the whole city, else the district and ward codes it
            serves (a district includes all its wards).
        parent: the code of the agency a late report escalates to, or None.
        calendar: the agency's own working calendar (e.g. a 24/7 one for the fire brigade), or
            None to use the city's. Routing does not read it.
        active: False for an agency that takes no new reports (FixMyStreet's inactive
            contacts): the router skips its rules.

    Raises:
        InvalidArgumentError: an argument of the wrong type: a code or name that is not a
            ``str``, a string or ``None`` where a collection of codes belongs, a calendar that
            is not a ``WorkingCalendar``, a non-bool ``active``.
        RoutingConfigError: a blank code or name, one longer than its limit (100 characters
            for a code, 300 for a name), more than 10,000 codes, an empty jurisdiction, or an
            agency that is its own parent.

    Example:
        >>> dpu = Agency("DPU", "Dinas Pekerjaan Umum", categories={"drainage", "road"})
        >>> dpu.covers("33.74.01.1001")
        True
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    categories: frozenset[str] = attrs.field(
        default=frozenset(), converter=_categories, kw_only=True
    )
    jurisdiction: frozenset[str] | None = attrs.field(
        default=None, converter=_jurisdiction, kw_only=True
    )
    parent: str | None = attrs.field(default=None, validator=_optional_code, kw_only=True)
    calendar: WorkingCalendar | None = attrs.field(default=None, kw_only=True, validator=_calendar)
    active: bool = attrs.field(default=True, kw_only=True, validator=_flag)

    def __attrs_post_init__(self) -> None:
        """Refuse an agency that escalates to itself."""
        if self.parent == self.code:
            raise RoutingConfigError(f"agency {self.code} cannot be its own parent")

    @property
    def whole_city(self) -> bool:
        """Whether the agency serves the whole city."""
        return self.jurisdiction is None

    def covers(self, area: str | None) -> bool:
        """Return whether the agency serves *area*, a ward or district code.

        Args:
            area: a ward or district code; None stands for the whole city.

        Returns:
            ``True`` when the area is in the agency's jurisdiction (always, for a whole-city
            agency).

        Raises:
            InvalidArgumentError: *area* is neither a ``str`` nor None.
        """
        if area is not None:
            _checks.instance(area, str, "area")
        if self.jurisdiction is None:
            return True
        return area is not None and _within(area, self.jurisdiction)


@typing.final
@attrs.frozen
class Category:
    """A kind of problem a citizen can report (an Open311 service).

    Args:
        code: a short unique code, the Open311 ``service_code``, e.g. ``"drainage"``.
        name_id: the Indonesian name, e.g. ``"Saluran air / drainase"``.
        name_en: the English name, e.g. ``"Drainage"``.
        group: the Open311 ``group`` it is listed under, e.g. ``"Infrastruktur"``.
        referral: for problems outside the city's authority (bukan wewenang: national and
            provincial roads, the water or electricity utility), the authority such reports
            are referred to; None for the city's own categories.
        keywords: words that help a citizen or a search find it (Open311 ``keywords``).
        attributes: the extra questions a report of this category answers (Open311 service
            attributes), at most 100 with distinct codes; none by default.

    Raises:
        InvalidArgumentError: a code, name, group, referral or keyword that is not a ``str``,
            or a string where a collection of keywords belongs, or an attribute that is not a
            :class:`ServiceAttribute`.
        RoutingConfigError: a blank code, name, group, referral or keyword, one longer than
            its limit (100 characters for the code, 300 for the others), more than 10,000
            keywords, or attributes that repeat a code.

    Example:
        >>> pln = Category(
        ...     "power",
        ...     name_id="Listrik padam",
        ...     name_en="Power cut",
        ...     group="Utilitas",
        ...     referral="PLN",
        ... )
        >>> pln.referred
        True
    """

    code: str = attrs.field(validator=_code)
    name_id: str = attrs.field(validator=_name, kw_only=True)
    name_en: str = attrs.field(validator=_name, kw_only=True)
    group: str = attrs.field(validator=_name, kw_only=True)
    referral: str | None = attrs.field(default=None, validator=_optional_name, kw_only=True)
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_keywords, kw_only=True)
    attributes: tuple[ServiceAttribute, ...] = attrs.field(
        default=(), converter=attributes, kw_only=True
    )

    @property
    def referred(self) -> bool:
        """Whether reports of this category go to another authority."""
        return self.referral is not None
