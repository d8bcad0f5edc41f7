"""The public holidays of any country the ``holidays`` package knows, as calendar closures.

The engine behind :meth:`WorkingCalendar.for_country
<smartcity.sla.WorkingCalendar.for_country>`: the country, its subdivision, the categories of
holidays and the language of their names are checked against what the package knows, and then
passed to it explicitly, so that no environment variable (``LANG``) changes the result.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable

import holidays

from smartcity._checks import instance, shown
from smartcity.exceptions import InvalidCalendarError, InvalidOptionError
from smartcity.sla._calendar._core import Closure, ClosureKind

PUBLIC: typing.Final = "public"
"""The category of a country's public holidays, the default of :meth:`for_country`."""

NOT_CLOSED: typing.Final = frozenset({"workday", "half_day"})
"""Categories the ``holidays`` package has for days that are worked, wholly or in part."""

_MAX_YEARS = 300  # a wider span is surely a mistake (the calendars support 1900-2199)


def _entity(country: str) -> typing.Any:  # noqa: ANN401 - holidays ships no type information
    """Return the ``holidays`` class of a country code, or raise InvalidOptionError."""
    instance(country, str, "country")
    known = holidays.list_supported_countries(include_aliases=True)
    if country not in known:
        raise InvalidOptionError(
            f"the holidays package knows no country {shown(country)}; use an ISO 3166-1 code "
            f"such as 'ID', 'PH' or 'BR' (holidays.list_supported_countries() lists them all)"
        )
    return getattr(holidays, country)


def years_of(years: Iterable[int], *, first: int, last: int, country: str) -> range:
    """Return the span from the first to the last of ``years``, checked against the data.

    Raises:
        InvalidCalendarError: no years, a value that is not a whole year, or years outside
            ``first..last`` (the years the ``holidays`` package knows for ``country``).
    """
    hint = "years must be whole years, e.g. range(2024, 2027)"
    if isinstance(years, str | bytes):
        raise InvalidCalendarError(f"{hint}, not {shown(years)}")
    if isinstance(years, range) and len(years) > _MAX_YEARS:
        listed = [years[0], years[-1]]  # refused below, without listing a huge range
    else:
        try:
            listed = sorted(set(years))
        except TypeError:
            raise InvalidCalendarError(f"{hint}, not {shown(years)}") from None
    if not listed or not all(isinstance(y, int) and not isinstance(y, bool) for y in listed):
        raise InvalidCalendarError(f"{hint} (at least one), not {shown(years)}")
    low, high = listed[0], listed[-1]
    if low < first or high > last:
        raise InvalidCalendarError(
            f"the holidays package knows the holidays of {country} for {first}-{last}, "
            f"not {shown(low)}-{shown(high)}; choose years inside that range"
        )
    return range(low, high + 1)


def _subdivision(entity: typing.Any, country: str, subdivision: object) -> str | None:  # noqa: ANN401
    if subdivision is None:
        return None
    instance(subdivision, str, "subdivision")
    known = (*entity.subdivisions, *getattr(entity, "subdivisions_aliases", {}))
    if subdivision not in known:
        if not entity.subdivisions:
            raise InvalidOptionError(
                f"the holidays package has no subdivisions for {country}, so not "
                f"{shown(subdivision)}; pass subdivision=None"
            )
        listed = ", ".join(entity.subdivisions[:12])
        more = ", ..." if len(entity.subdivisions) > 12 else ""
        raise InvalidOptionError(
            f"{country} has no subdivision {shown(subdivision)}; use one of {listed}{more} "
            f"(the holidays package's codes), or None for the national holidays only"
        )
    return typing.cast("str", subdivision)


def _categories(entity: typing.Any, country: str, categories: object) -> tuple[str, ...]:  # noqa: ANN401
    if categories is None:
        return (PUBLIC,)
    if isinstance(categories, str):
        categories = (categories,)
    if not isinstance(categories, Iterable):
        raise InvalidOptionError(
            f"categories must be names such as ('public',), not {shown(categories)}"
        )
    chosen = tuple(dict.fromkeys(typing.cast("Iterable[object]", categories)))
    supported = tuple(sorted(entity.supported_categories))
    if not chosen:
        raise InvalidOptionError(
            f"categories is empty; choose among {', '.join(supported)} (or None for 'public')"
        )
    for category in chosen:
        instance(category, str, "a category")
        if category in NOT_CLOSED:
            raise InvalidOptionError(
                f"the category {shown(category)} holds days that are worked, not closed; "
                f"give such a day its own hours with HoursOverride and with_overrides"
            )
        if category not in supported:
            raise InvalidOptionError(
                f"the holidays package has no category {shown(category)} for {country}; "
                f"choose among {', '.join(c for c in supported if c not in NOT_CLOSED)}"
            )
    return typing.cast("tuple[str, ...]", chosen)


def _language(entity: typing.Any, country: str, language: object) -> str | None:  # noqa: ANN401
    """Return the language to pass to ``holidays``; None for a country with English names only."""
    instance(language, str, "language")
    supported = tuple(entity.supported_languages)
    if not supported:
        # No translations: the names are in English whatever the locale.
        if language != "en_US":
            raise InvalidOptionError(
                f"the holidays package names the holidays of {country} in English only; "
                f"pass language='en_US', not {shown(language)}"
            )
        return None
    if language not in supported:
        raise InvalidOptionError(
            f"the holidays package names the holidays of {country} in {', '.join(supported)}; "
            f"not {shown(language)}: choose one of those"
        )
    return typing.cast("str", language)


def country_closures(
    country: str,
    *,
    subdivision: str | None,
    categories: Iterable[str] | str | None,
    language: str,
    years: Iterable[int],
    kind: ClosureKind = ClosureKind.HOLIDAY,
) -> tuple[tuple[Closure, ...], range]:
    """Return the closures of a country's holidays in the given years, and the years' span.

    Every holiday of the chosen categories closes its date (observed days included, as the
    country observes them); a date with two holidays gives two closures.

    Raises:
        InvalidArgumentError: a country, subdivision, category or language that is not a str.
        InvalidOptionError: one the ``holidays`` package does not know for that country.
        InvalidCalendarError: years outside the package's data.
    """
    entity = _entity(country)
    code = entity.country
    chosen_subdivision = _subdivision(entity, code, subdivision)
    chosen_categories = _categories(entity, code, categories)
    chosen_language = _language(entity, code, language)
    span = years_of(years, first=entity.start_year, last=entity.end_year, country=code)
    found = holidays.country_holidays(
        code,
        subdiv=chosen_subdivision,
        years=span,
        categories=chosen_categories,
        language=chosen_language,
    )
    closed = tuple(
        Closure(day, name, kind) for day in sorted(found) for name in found.get_list(day)
    )
    return closed, span


def coverage_of(span: range) -> tuple[dt.date, dt.date]:
    """Return the inclusive dates of a span of whole years."""
    return dt.date(span.start, 1, 1), dt.date(span.stop - 1, 12, 31)
