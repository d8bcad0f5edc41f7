"""The city's agencies (OPD) and the categories of problem citizens report."""

from __future__ import annotations

import typing
from collections.abc import Iterable

import attrs

from smartcity.exceptions import RoutingConfigError
from smartcity.sla import WorkingCalendar

__all__ = ["Agency", "Category"]


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise RoutingConfigError(f"{type(instance).__name__} {attribute.name} is blank")


def _optional_text(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not value.strip():
        raise RoutingConfigError(
            f"{type(instance).__name__} {attribute.name} is blank; give some text, or None"
        )


def _codes(values: Iterable[str]) -> frozenset[str]:
    # A bare string is an iterable of characters: refuse it instead of splitting a code.
    if isinstance(values, str):
        raise RoutingConfigError(f"expected a collection of codes, got the string {values!r}")
    return frozenset(values)


def _jurisdiction(values: Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    codes = _codes(values)
    if not codes:
        raise RoutingConfigError(
            "an empty jurisdiction serves nowhere; pass None for the whole city, "
            "or active=False for an agency that takes no reports"
        )
    return codes


def _keywords(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise RoutingConfigError(f"expected a collection of keywords, got the string {values!r}")
    return tuple(values)


def _calendar(
    _instance: object, _attribute: attrs.Attribute[WorkingCalendar | None], value: object
) -> None:
    if value is not None and not isinstance(value, WorkingCalendar):
        raise RoutingConfigError(
            f"an agency's calendar must be a WorkingCalendar or None, not {type(value).__name__}"
        )


def _within(area: str, codes: frozenset[str]) -> bool:
    """Return whether the *area* code is one of *codes* or lies inside one of them.

    Kemendagri area codes are hierarchical: a ward's code is its district's code, a dot and
    four digits (``33.74.01.1001`` lies in ``33.74.01``). So a ward is inside a listed district
    without any map.
    """
    if area in codes:
        return True
    parent, dot, _ = area.rpartition(".")
    return bool(dot) and _within(parent, codes)


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
        RoutingConfigError: a blank code or name, an empty jurisdiction, a string where a
            collection of codes belongs, or an agency that is its own parent.

    Example:
        >>> dpu = Agency("DPU", "Dinas Pekerjaan Umum", categories={"drainage", "road"})
        >>> dpu.covers("33.74.01.1001")
        True
    """

    code: str = attrs.field(validator=_text)
    name: str = attrs.field(validator=_text)
    categories: frozenset[str] = attrs.field(default=frozenset(), converter=_codes, kw_only=True)
    jurisdiction: frozenset[str] | None = attrs.field(
        default=None, converter=_jurisdiction, kw_only=True
    )
    parent: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    calendar: WorkingCalendar | None = attrs.field(default=None, kw_only=True, validator=_calendar)
    active: bool = attrs.field(default=True, kw_only=True)

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
        """
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

    Raises:
        RoutingConfigError: a blank code, name, group or referral, or a string where a
            collection of keywords belongs.

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

    code: str = attrs.field(validator=_text)
    name_id: str = attrs.field(validator=_text, kw_only=True)
    name_en: str = attrs.field(validator=_text, kw_only=True)
    group: str = attrs.field(validator=_text, kw_only=True)
    referral: str | None = attrs.field(default=None, validator=_optional_text, kw_only=True)
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_keywords, kw_only=True)

    @property
    def referred(self) -> bool:
        """Whether reports of this category go to another authority."""
        return self.referral is not None
