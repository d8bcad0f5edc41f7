"""The Indonesian government office calendar: holidays, cuti bersama, hours, Ramadan.

Sources:

* Holidays and cuti bersama: the ``holidays`` package, Indonesia, categories ``public`` and
  ``government`` (the latter holds the cuti bersama of each year's SKB 3 Menteri).
* Hours: Perpres 21/2023 on working days and hours of state civil servants: 37.5 hours a week
  over Mon-Fri, from 07:30, with a 60-minute break Mon-Thu and a 90-minute break on Friday.
* Ramadan hours: 32.5 hours a week; Semarang's circular SE B/1606/061.2/III/2023 sets Mon-Thu
  08:00-15:15 and Fri 08:00-11:30.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping

import attrs
import holidays
from holidays.countries.indonesia import IndonesiaIslamicHolidays

from smartcity._checks import instance, shown
from smartcity.exceptions import InvalidCalendarError, InvalidOptionError
from smartcity.sla._calendar._core import Closure, ClosureKind, HoursOverride
from smartcity.sla._calendar._countries import country_closures, coverage_of

_T = dt.time
PERPRES_21_2023: Mapping[int, tuple[tuple[dt.time, dt.time], ...]] = {
    1: ((_T(7, 30), _T(12)), (_T(13), _T(16))),
    2: ((_T(7, 30), _T(12)), (_T(13), _T(16))),
    3: ((_T(7, 30), _T(12)), (_T(13), _T(16))),
    4: ((_T(7, 30), _T(12)), (_T(13), _T(16))),
    5: ((_T(7, 30), _T(11, 30)), (_T(13), _T(16, 30))),
}
"""Perpres 21/2023: Mon-Thu 07:30-12:00 and 13:00-16:00; Fri 07:30-11:30 and 13:00-16:30."""

RAMADAN_HOURS: Mapping[int, tuple[tuple[dt.time, dt.time], ...]] = {
    1: ((_T(8), _T(15, 15)),),
    2: ((_T(8), _T(15, 15)),),
    3: ((_T(8), _T(15, 15)),),
    4: ((_T(8), _T(15, 15)),),
    5: ((_T(8), _T(11, 30)),),
}
"""Ramadan (SE B/1606/061.2/III/2023, Kota Semarang): Mon-Thu 08:00-15:15, Fri 08:00-11:30."""

_ID: typing.Any = typing.cast(
    "typing.Any", holidays
).ID  # the holidays package ships no type information
_HOURS_PRESETS: dict[str, Mapping[int, Iterable[tuple[dt.time, dt.time]]]] = {
    "perpres-21-2023": PERPRES_21_2023
}
_RAMADAN_DAYS = 30

LANGUAGES: typing.Final = {"id": "id", "en": "en_US"}
"""The languages of the closure names: ours -> the ``holidays`` package's.

Always passed explicitly: with ``language=None`` the ``holidays`` package picks the language
from ``LANG``/``LC_ALL``/``LANGUAGE``, and a calendar would then depend on the machine.
"""


@attrs.frozen
class IndonesianParts:
    """What :meth:`WorkingCalendar.indonesia` builds its calendar from."""

    week: Mapping[int, Iterable[tuple[dt.time, dt.time]]]
    closed: tuple[Closure, ...]
    overrides: tuple[HoursOverride, ...]
    coverage: tuple[dt.date, dt.date]


def _eid_al_fitr_days(years: range, public: holidays.HolidayBase) -> list[dt.date]:
    """The first day of each Eid al-Fitr (1 Syawal) in ``years``, found by date, not by name.

    The dates come from the Islamic calendar that the ``holidays`` package uses for Indonesia
    (the same dates as its public holidays); the holiday's name is never read, so neither the
    language nor the locale can change the result. Only dates that are public holidays in
    ``public`` are kept, so that the two sources cannot disagree.
    """
    islamic = IndonesiaIslamicHolidays()
    days = {
        day
        for year in years
        for day, _estimated in islamic.eid_al_fitr_dates(year)
        if day.year == year and day in public
    }
    return sorted(days)


def check_language(language: object) -> str:
    """Return the ``holidays`` language code of ``"id"`` or ``"en"``.

    Raises:
        InvalidOptionError: another value.
    """
    code = LANGUAGES.get(language) if isinstance(language, str) else None
    if code is None:
        raise InvalidOptionError(
            f"language must be 'id' (Indonesian) or 'en' (English), not {shown(language)}"
        )
    return code


def indonesian_calendar_parts(
    *,
    years: Iterable[int],
    collective_leave: bool,
    hours: str | Mapping[int, Iterable[tuple[dt.time, dt.time]]],
    ramadan: bool,
    language: str,
) -> IndonesianParts:
    """Collect the closures, hours and Ramadan overrides for the given years.

    ``language`` is ``"id"`` or ``"en"``: the language of the closure names. It is passed to
    ``holidays`` explicitly, so that no environment variable changes the result.
    """
    code = check_language(language)
    instance(collective_leave, bool, "collective_leave")
    instance(ramadan, bool, "ramadan")
    week: Mapping[int, Iterable[tuple[dt.time, dt.time]]]
    if isinstance(hours, str):
        try:
            week = _HOURS_PRESETS[hours]
        except KeyError:
            raise InvalidCalendarError(
                f"unknown hours preset {shown(hours)}; use one of {sorted(_HOURS_PRESETS)} or pass "
                f"your own {{weekday: [(open, close), ...]}}"
            ) from None
    else:
        week = hours
    public, span = country_closures(
        "ID", subdivision=None, categories=("public",), language=code, years=years
    )
    closed = list(public)
    if collective_leave:
        government, _span = country_closures(
            "ID",
            subdivision=None,
            categories=("government",),
            language=code,
            years=span,
            kind=ClosureKind.COLLECTIVE_LEAVE,
        )
        closed.extend(government)
    overrides = []
    if ramadan:
        # Ramadan ends the day before 1 Syawal (Eid al-Fitr). Its start is decreed after the
        # moon sighting; the 30 days before Eid are used, which is one day early in a year whose
        # Ramadan has 29 days (pass your own HoursOverride with with_overrides to correct it).
        eid_span = range(span.start, min(span.stop + 1, _ID.end_year + 1))
        eid_calendar = holidays.country_holidays(
            "ID", years=eid_span, categories=("public",), language=code
        )
        for eid in _eid_al_fitr_days(eid_span, eid_calendar):
            first = eid - dt.timedelta(days=_RAMADAN_DAYS)
            if first.year in span or (eid - dt.timedelta(days=1)).year in span:
                overrides.append(
                    HoursOverride(
                        first,
                        eid - dt.timedelta(days=1),
                        RAMADAN_HOURS,
                        name=f"Ramadan (before Eid al-Fitr {eid.isoformat()})",
                    )
                )
    return IndonesianParts(
        week=week,
        closed=tuple(closed),
        overrides=tuple(overrides),
        coverage=coverage_of(span),
    )
