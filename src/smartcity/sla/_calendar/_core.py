"""The working calendar: working days and working time on a city's hours and closures."""

from __future__ import annotations

import datetime as dt
import enum
import heapq
import itertools
import typing
from collections.abc import Callable, Iterable

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from smartcity._checks import aware_datetime, instance, shown, text, tuple_of, type_name
from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidCalendarError,
    InvalidDurationError,
)
from smartcity.sla._calendar import _batch
from smartcity.sla._calendar._hours import (
    DayHours,
    WeekHours,
    WeekInput,
    day_us,
    has_working_time,
    normalize_week,
    week_as_mapping,
)
from smartcity.sla._calendar._timeline import Timeline
from smartcity.sla._calendar._zone import (
    DAY_US,
    FIRST_SUPPORTED,
    LAST_SUPPORTED,
    UNIX_EPOCH_US,
    to_us,
    utc_from_us,
    zone_offsets,
)

Int: typing.TypeAlias = "npt.NDArray[np.int64]"

_NAIVE_EPOCH = dt.datetime(1, 1, 1)  # noqa: DTZ001 - wall-clock arithmetic, no zone on purpose
_MAX_DAYS = 1_000_000  # |n| above this is surely a mistake (and leaves every coverage)
MAX_NAME: typing.Final = 200
"""The longest name of a closure or an override, in characters."""
MAX_CLOSED: typing.Final = 20_000
"""The most closed dates a calendar holds (about 65 a year over the 300 supported years)."""
MAX_OVERRIDES: typing.Final = 2_000
"""The most hour overrides a calendar holds (a Ramadan and a few half days a year)."""
MAX_EXTRA_WORKING: typing.Final = 20_000
"""The most extra working dates a calendar holds."""

# Units finer than a microsecond (their whole range lies within days of 1970), and a UTC range
# wider than the supported years in which every datetime64 converts to microseconds exactly.
_FINE_UNITS = frozenset({"ns", "ps", "fs", "as"})
_DATETIME64_BOUNDS = np.array(["1800-01-01", "2300-01-01"], dtype="datetime64[D]")


class ClosureKind(enum.Enum):
    """Why an office is closed on a date."""

    HOLIDAY = "holiday"
    """A national public holiday (libur nasional)."""
    COLLECTIVE_LEAVE = "collective_leave"
    """Decreed collective leave (cuti bersama): government offices close."""
    LOCAL = "local"
    """A local closure decided by the city or the agency."""


@typing.final
@attrs.frozen
class Closure:
    """A date on which the office is closed, with its name and kind.

    Attributes:
        date: the local date.
        name: what the day is, e.g. ``"Eid al-Fitr"``.
        kind: holiday, collective leave or local closure.
    """

    date: dt.date = attrs.field()
    name: str = attrs.field(default="closure")
    kind: ClosureKind = attrs.field(default=ClosureKind.LOCAL)

    def __reduce__(self) -> tuple[type[Closure], tuple[dt.date, str, ClosureKind]]:
        """Pickle as the constructor's arguments (a calendar holds hundreds of closures)."""
        return Closure, (self.date, self.name, self.kind)

    @date.validator
    def _check_date(self, _attribute: object, value: object) -> None:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidCalendarError(
                f"a closure needs a datetime.date, not {shown(value)}; "
                f"e.g. Closure(date(2026, 1, 1))"
            )

    @name.validator
    def _check_name(self, _attribute: object, value: object) -> None:
        text(value, "a closure's name", error=InvalidCalendarError, max_length=MAX_NAME)

    @kind.validator
    def _check_kind(self, _attribute: object, value: object) -> None:
        instance(value, ClosureKind, "a closure's kind")


def _override_week(week: object) -> WeekHours:
    return normalize_week(week, what="override")


@typing.final
@attrs.frozen
class HoursOverride:
    """Other weekly hours for an inclusive range of dates (Ramadan), or for one date.

    Attributes:
        first: the first date the hours apply to.
        last: the last date (inclusive); ``first == last`` for a single date.
        week: hours for each ISO weekday inside the range; a weekday left out does not work.
        name: what the override is, e.g. ``"Ramadan 1447 H"``.
    """

    first: dt.date
    last: dt.date
    week: WeekHours = attrs.field(converter=_override_week)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        """Check the date range and the name."""
        name = instance(self.name, str, "an override's name")
        if len(name) > MAX_NAME:
            raise InvalidCalendarError(
                f"an override's name has {len(name):,} characters; at most {MAX_NAME} are "
                f"allowed: shorten it"
            )
        for value in (self.first, self.last):
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise InvalidCalendarError(
                    f"an override's first and last must be datetime.date values, not {shown(value)}"
                )
        if self.last < self.first:
            raise InvalidCalendarError(
                f"override {shown(self.name)} ends ({self.last}) before it starts ({self.first}); "
                f"swap the dates"
            )

    @classmethod
    def on(
        cls, day: dt.date, hours: Iterable[tuple[dt.time, dt.time]], *, name: str = ""
    ) -> HoursOverride:
        """Return an override of one date's hours (a half day, a late opening).

        Example: ``HoursOverride.on(date(2026, 12, 31), [(time(7, 30), time(12))])``.

        Raises:
            InvalidCalendarError: ``day`` is not a ``datetime.date``, or bad hours.
        """
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidCalendarError(
                f"HoursOverride.on takes a datetime.date, not {type_name(day)} {shown(day)}"
            )
        return cls(day, day, {day.isoweekday(): hours}, name=name)


def _to_closure(value: object) -> Closure:
    if isinstance(value, Closure):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Closure(value)
    raise InvalidCalendarError(
        f"closed dates must be datetime.date or Closure values, not {shown(value)}"
    )


def _to_closures(values: object) -> tuple[Closure, ...]:
    closures = tuple_of(
        values,
        "closed",
        lambda value, _name: _to_closure(value),
        max_items=MAX_CLOSED,
        error=InvalidCalendarError,
    )
    unique = dict.fromkeys(closures)
    return tuple(sorted(unique, key=lambda c: (c.date, c.kind.value, c.name)))


def _to_override(value: object, _name: str) -> HoursOverride:
    if not isinstance(value, HoursOverride):
        raise InvalidCalendarError(
            f"overrides must be HoursOverride values, not {type_name(value)} {shown(value)}"
        )
    return value


def _to_overrides(values: object) -> tuple[HoursOverride, ...]:
    return tuple_of(
        values, "overrides", _to_override, max_items=MAX_OVERRIDES, error=InvalidCalendarError
    )


def _to_date(value: object, _name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidCalendarError(
            f"extra working dates must be datetime.date, not {type_name(value)} {shown(value)}"
        )
    return value


def _to_dates(values: object) -> tuple[dt.date, ...]:
    dates = tuple_of(
        values, "extra_working", _to_date, max_items=MAX_EXTRA_WORKING, error=InvalidCalendarError
    )
    return tuple(sorted(set(dates)))


def _to_coverage(value: object) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise InvalidCalendarError(
            f"coverage must be an inclusive (first_date, last_date) pair or None, "
            f"not {shown(value)}"
        )
    first, last = value
    for day in (first, last):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidCalendarError(f"coverage dates must be datetime.date, not {shown(day)}")
    if last < first:
        raise InvalidCalendarError(f"coverage ends ({last}) before it starts ({first})")
    if first < FIRST_SUPPORTED or last > LAST_SUPPORTED:
        raise InvalidCalendarError(
            f"coverage {first} .. {last} leaves the supported years "
            f"{FIRST_SUPPORTED.year}-{LAST_SUPPORTED.year}"
        )
    return (first, last)


def _to_tz(value: object) -> str:
    if isinstance(value, dt.tzinfo):
        value = getattr(value, "key", getattr(value, "name", None))
    if not isinstance(value, str):
        raise InvalidCalendarError(
            f"tz must be an IANA zone name such as 'Asia/Jakarta', not {shown(value)}"
        )
    try:
        pendulum.timezone(value)
    except Exception as error:  # pendulum raises its own and zoneinfo's errors here
        raise InvalidCalendarError(
            f"unknown time zone {shown(value)}; use an IANA name such as 'Asia/Jakarta', "
            f"'Asia/Makassar' or 'Asia/Jayapura'"
        ) from error
    return value


def _override_segments(
    overrides: tuple[HoursOverride, ...], first_day: int, last_day: int
) -> list[tuple[int, int, WeekHours]]:
    """Split the overrides into disjoint inclusive day ranges, each with the hours that win.

    Where overrides overlap, the later one wins. A sweep over the start and end of each
    override: O(k log k) for k overrides, plus the days covered, however the overrides overlap
    (painting each override day by day would cost k times the days of the span).
    """
    ranges = []
    for index, override in enumerate(overrides):
        start = max(override.first.toordinal() - 1, first_day)
        stop = min(override.last.toordinal() - 1, last_day)
        if start <= stop:
            ranges.append((start, stop, index))
    ranges.sort()
    bounds = sorted({day for start, stop, _ in ranges for day in (start, stop + 1)})
    segments: list[tuple[int, int, WeekHours]] = []
    active: list[tuple[int, int]] = []  # (-index, stop): the latest override on top
    next_range = 0
    for begin, end in itertools.pairwise(bounds):
        while next_range < len(ranges) and ranges[next_range][0] == begin:
            _start, stop, index = ranges[next_range]
            heapq.heappush(active, (-index, stop))
            next_range += 1
        while active and active[0][1] < begin:
            heapq.heappop(active)
        if active:
            segments.append((begin, end - 1, overrides[-active[0][0]].week))
    return segments


@typing.final
@attrs.frozen(repr=False)
class WorkingCalendar:
    """When a city office works: weekly hours, closed dates and overrides, in one time zone.

    Build one with :meth:`build`, :meth:`for_country`, :meth:`indonesia` or
    :meth:`always_open`; never change it (it is immutable): :meth:`with_closures` and
    :meth:`with_overrides` return new calendars.
    Every question takes aware datetimes in any zone (naive ones raise
    :class:`~smartcity.exceptions.NaiveDatetimeError`) and answers with
    :class:`pendulum.DateTime` values in the calendar's zone. The semantics of each method are
    those of the docs page "Calendar semantics"; every call costs O(log H) in the number of
    closed dates and overrides, whatever the span.

    Attributes:
        tz: the IANA name of the calendar's time zone.
        week: the regular weekly hours, for ISO weekdays 1..7 at indexes 0..6.
        closed: the closed dates, sorted.
        overrides: date-range overrides of the weekly hours; a later one wins where they overlap.
        extra_working: dates worked although their weekday normally is not.
        coverage: the inclusive range of dates the calendar has data for, or ``None``.

    Limits (checked on every path, ``from_dict`` included): at most 20,000 closed dates, 2,000
    overrides, 20,000 extra working dates and 100 intervals a day; building costs the days the
    closures and overrides cover, so a calendar is built in well under a second.

    A calendar is safe to share between threads.
    """

    # Converters validate and normalise, so that direct construction, attrs.evolve and
    # deserialisation all get the same checks as build().
    tz: str = attrs.field(converter=_to_tz)
    week: WeekHours = attrs.field(converter=normalize_week)
    closed: tuple[Closure, ...] = attrs.field(converter=_to_closures)
    overrides: tuple[HoursOverride, ...] = attrs.field(converter=_to_overrides)
    extra_working: tuple[dt.date, ...] = attrs.field(converter=_to_dates)
    coverage: tuple[dt.date, dt.date] | None = attrs.field(converter=_to_coverage)
    _timeline: Timeline = attrs.field(init=False, eq=False, hash=False)
    _zone: pendulum.Timezone = attrs.field(init=False, eq=False, hash=False)
    _first_day: int = attrs.field(init=False, eq=False, hash=False)
    _last_day: int = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        """Derive the arithmetic tables from the definition."""
        if not has_working_time(self.week):
            raise InvalidCalendarError(
                "the weekly hours have no working time; give at least one weekday an interval "
                "(use WorkingCalendar.always_open for 24/7 units)"
            )
        first, last = self.coverage or (FIRST_SUPPORTED, LAST_SUPPORTED)
        first_day, last_day = first.toordinal() - 1, last.toordinal() - 1
        object.__setattr__(self, "_first_day", first_day)
        object.__setattr__(self, "_last_day", last_day)
        object.__setattr__(self, "_zone", pendulum.timezone(self.tz))
        object.__setattr__(
            self,
            "_timeline",
            Timeline(
                zone=zone_offsets(self.tz),
                week=tuple(day_us(day) for day in self.week),
                special_walls=self._special_walls(first_day, last_day),
                first_day=first_day,
                last_day=last_day,
            ),
        )

    def _special_walls(
        self, first_day: int, last_day: int
    ) -> dict[int, tuple[tuple[int, int], ...]]:
        """Wall-clock hours (µs) of every day in range that differs from the regular week."""
        hours: dict[int, DayHours] = {}
        pattern: dict[int, WeekHours] = {}
        for start, stop, week in _override_segments(self.overrides, first_day, last_day):
            for day in range(start, stop + 1):
                hours[day] = week[day % 7]
                pattern[day] = week
        closed_days = {c.date.toordinal() - 1 for c in self.closed}
        self._extra_working_hours(hours, pattern, closed_days, first_day, last_day)
        for day in closed_days:
            if first_day <= day <= last_day:
                hours[day] = ()
        walls: dict[DayHours, tuple[tuple[int, int], ...]] = {}  # a few distinct days, reused
        special: dict[int, tuple[tuple[int, int], ...]] = {}
        for day, day_hours in hours.items():
            if day_hours != self.week[day % 7]:
                wall = walls.get(day_hours)
                if wall is None:
                    wall = walls[day_hours] = day_us(day_hours)
                special[day] = wall
        return special

    def _extra_working_hours(
        self,
        hours: dict[int, DayHours],
        pattern: dict[int, WeekHours],
        closed_days: set[int],
        first_day: int,
        last_day: int,
    ) -> None:
        """Give each extra working day in range the hours of its weekday (see :meth:`build`)."""
        for extra in self.extra_working:
            day = extra.toordinal() - 1
            if day in closed_days:
                raise InvalidCalendarError(
                    f"{extra} is both closed and an extra working date; keep only one"
                )
            if not first_day <= day <= last_day:
                continue
            week = pattern.get(day, self.week)
            hours[day] = week[day % 7] or next((d for d in (*week, *self.week) if d), self.week[0])

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        tz: str,
        week: WeekInput,
        closed: Iterable[dt.date | Closure] = (),
        overrides: Iterable[HoursOverride] = (),
        extra_working: Iterable[dt.date] = (),
        coverage: tuple[dt.date, dt.date] | None = None,
    ) -> WorkingCalendar:
        """Build a calendar from its parts.

        Args:
            tz: IANA time zone name, e.g. ``"Asia/Jakarta"``.
            week: ISO weekday (1 = Monday) → local ``(open, close)`` intervals; an interval
                ending at ``time(0)`` ends at midnight. Intervals that touch are merged.
            closed: closed dates, as dates or :class:`Closure` values.
            overrides: :class:`HoursOverride` values; where two overlap, the later one wins.
            extra_working: dates worked although their weekday is not; they work the hours of
                their weekday in the hours in force, or else of the first working weekday.
            coverage: inclusive ``(first, last)`` dates outside of which every question raises
                :class:`~smartcity.exceptions.CalendarCoverageError`; ``None`` extrapolates the
                rules to every supported year (1900-2199).

        Raises:
            InvalidCalendarError: a week with no working time, overlapping or inverted
                intervals, an unknown weekday or zone, a date both closed and extra working.
        """
        return cls(
            tz=tz,
            week=week,
            closed=closed,
            overrides=overrides,
            extra_working=extra_working,
            coverage=coverage,
        )

    @classmethod
    def always_open(
        cls, *, tz: str = "Asia/Jakarta", coverage: tuple[dt.date, dt.date] | None = None
    ) -> WorkingCalendar:
        """Return a 24/7 calendar (fire brigade, hospitals): every instant is working time."""
        full_day = [(dt.time(0), dt.time(0))]
        return cls.build(tz=tz, week=dict.fromkeys(range(1, 8), full_day), coverage=coverage)

    @classmethod
    def for_country(
        cls,
        country: str,
        *,
        week: WeekInput,
        years: Iterable[int],
        tz: str,
        language: str,
        subdivision: str | None = None,
        categories: Iterable[str] | str | None = None,
    ) -> WorkingCalendar:
        """Return the calendar of an office in any country the ``holidays`` package knows.

        Every holiday of the chosen categories in the chosen years closes its date (a
        :class:`Closure` of kind ``HOLIDAY``, named in ``language``; observed days included, as
        the country observes them); the office works ``week`` on every other day. Coverage is
        the years given (every year from the first to the last): a question outside them raises
        :class:`~smartcity.exceptions.CalendarCoverageError` instead of guessing.

        Example: ``WorkingCalendar.for_country("PH", week=..., years=range(2025, 2028),
        tz="Asia/Manila", language="en_US")``. Add local closures with :meth:`with_closures`
        and special hours with :meth:`with_overrides`; :meth:`indonesia` is this calendar for
        ``"ID"`` with Indonesia's cuti bersama and Ramadan hours on top.

        Args:
            country: an ISO 3166-1 code the ``holidays`` package knows, e.g. ``"PH"`` or
                ``"BR"`` (``holidays.list_supported_countries()`` lists them).
            week: ISO weekday (1 = Monday) → local ``(open, close)`` intervals, as in
                :meth:`build`.
            years: the years to cover, e.g. ``range(2025, 2028)``.
            tz: the IANA zone of the office, e.g. ``"Asia/Manila"``.
            language: the language of the closure names, one the package translates that
                country's holidays into (``holidays.list_localized_countries()``), e.g.
                ``"en_US"``, ``"fil"``, ``"pt_BR"``; ``"en_US"`` for a country whose names are
                in English only. Always explicit: it never depends on the machine's locale.
            subdivision: a state or province code (``"SP"`` for São Paulo), whose holidays
                are added to the national ones; None for the national holidays only.
            categories: the categories of holidays that close the office (``"public"``,
                ``"government"``, ``"bank"``, ``"optional"``... as the country has them);
                None for ``("public",)``.

        Raises:
            InvalidOptionError: a country, subdivision, category or language the package does
                not know (for that country), or a category of worked days (``"workday"``,
                ``"half_day"``).
            InvalidCalendarError: years outside the package's data for the country, or bad
                hours or zone.
            InvalidArgumentError: an argument of the wrong type.
        """
        from smartcity.sla._calendar._countries import country_closures, coverage_of  # noqa: PLC0415

        closed, span = country_closures(
            country,
            subdivision=subdivision,
            categories=categories,
            language=language,
            years=years,
        )
        return cls.build(tz=tz, week=week, closed=closed, coverage=coverage_of(span))

    @classmethod
    def indonesia(
        cls,
        *,
        years: Iterable[int],
        collective_leave: bool = True,
        hours: str | WeekInput = "perpres-21-2023",
        ramadan: bool = True,
        tz: str = "Asia/Jakarta",
        language: str = "en",
    ) -> WorkingCalendar:
        """Return the calendar of an Indonesian government office: a preset of :meth:`for_country`.

        The calendar of ``for_country("ID", ...)`` with Indonesia's extras on top. National
        holidays and (by default) cuti bersama come from the ``holidays`` package; the
        hours are those of Perpres 21/2023 (Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30
        and 13:00-16:30); Ramadan hours (Mon-Thu 08:00-15:15, Fri 08:00-11:30) override them for
        each year's Ramadan. Coverage is the years given (every year from the first to the last).

        Args:
            years: the years to cover, e.g. ``range(2024, 2027)``.
            collective_leave: close on cuti bersama too (government offices do).
            hours: ``"perpres-21-2023"`` or your own weekly hours.
            ramadan: apply the Ramadan hours.
            tz: the zone: ``Asia/Jakarta`` (WIB), ``Asia/Makassar`` (WITA), ``Asia/Jayapura``
                (WIT).
            language: the language of the closure names, ``"en"`` (English, the default) or
                ``"id"`` (Indonesian). It never depends on the machine's locale (``LANG``):
                the same arguments give the same calendar everywhere. Only the names differ
                between languages; the dates and hours are the same.

        Raises:
            InvalidCalendarError: years outside the ``holidays`` package's data, bad hours.
            InvalidOptionError: a language other than ``"id"`` and ``"en"``.
        """
        from smartcity.sla._calendar._indonesia import indonesian_calendar_parts  # noqa: PLC0415

        parts = indonesian_calendar_parts(
            years=years,
            collective_leave=collective_leave,
            hours=hours,
            ramadan=ramadan,
            language=language,
        )
        return cls.build(
            tz=tz,
            week=parts.week,
            closed=parts.closed,
            overrides=parts.overrides,
            coverage=parts.coverage,
        )

    def with_closures(self, *closures: dt.date | Closure) -> WorkingCalendar:
        """Return a new calendar with more closed dates (a local closure, a late decree)."""
        return attrs.evolve(self, closed=(*self.closed, *closures))

    def with_overrides(self, *overrides: HoursOverride) -> WorkingCalendar:
        """Return a new calendar with more hour overrides, which win over the existing ones."""
        return attrs.evolve(self, overrides=(*self.overrides, *overrides))

    # -- conversions -------------------------------------------------------------------------

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the definition only; loading rebuilds the tables (a few milliseconds).

        The derived tables are several times larger than the definition (183 KiB against
        a fraction of that for 40 Indonesian years), and rebuilding them on load checks the
        definition again, as every other way of making a calendar does.
        """
        return _calendar_from_definition, (
            self.tz,
            self.week,
            self.closed,
            self.overrides,
            self.extra_working,
            self.coverage,
        )

    def __repr__(self) -> str:
        """Summarise instead of listing every closed date."""
        coverage = f"{self.coverage[0]}..{self.coverage[1]}" if self.coverage else "unlimited"
        return (
            f"WorkingCalendar(tz={self.tz!r}, coverage={coverage}, "
            f"closed={len(self.closed)} dates, overrides={len(self.overrides)})"
        )

    @property
    def hours(self) -> dict[int, DayHours]:
        """The regular weekly hours as ``{iso_weekday: intervals}`` (working weekdays only)."""
        return week_as_mapping(self.week)

    def _us(self, instant: dt.datetime, argument: str) -> int:
        # On every call's path: the common case costs one isinstance and one utcoffset.
        if isinstance(instant, dt.datetime) and instant.utcoffset() is not None:
            return to_us(instant)
        return to_us(aware_datetime(instant, argument))

    def _datetime(self, us: int) -> pendulum.DateTime:
        zone = self._timeline.zone
        if zone.fixed:
            local = _NAIVE_EPOCH + dt.timedelta(microseconds=us + zone.offsets[0])
            fold = 0
        else:
            local = utc_from_us(us).astimezone(self._zone)
            fold = local.fold
        return pendulum.DateTime(
            local.year,
            local.month,
            local.day,
            local.hour,
            local.minute,
            local.second,
            local.microsecond,
            tzinfo=self._zone,
            fold=fold,
        )

    def _check_day(self, day: int, what: str) -> None:
        if not self._first_day <= day <= self._last_day:
            first = dt.date.fromordinal(self._first_day + 1)
            last = dt.date.fromordinal(self._last_day + 1)
            if 0 <= day < dt.date.max.toordinal():
                asked = dt.date.fromordinal(day + 1)
            else:
                asked = dt.date.min if day < 0 else dt.date.max
            hint = (
                None
                if self.coverage is not None
                else "calendars compute only with the years "
                f"{FIRST_SUPPORTED.year}-{LAST_SUPPORTED.year}; check the date"
            )
            raise CalendarCoverageError(asked, (first, last), what=what, hint=hint)

    def _day(self, value: dt.date, argument: str) -> int:
        if isinstance(value, dt.datetime):
            day = self._timeline.day_of(self._us(value, argument))
        elif isinstance(value, dt.date):
            day = value.toordinal() - 1
        else:
            raise InvalidArgumentError(f"{argument} must be a datetime.date, not {shown(value)}")
        self._check_day(day, argument)
        return day

    # -- questions about days ----------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` (a local date, or an aware datetime's local date) has working time."""
        return self._timeline.is_working_day(self._day(day, "day"))

    def is_working_time(self, at: dt.datetime) -> bool:
        """Whether the instant ``at`` lies inside working time (``[open, close)`` intervals)."""
        us = self._us(at, "at")
        timeline = self._timeline
        day = timeline.day_of(us)
        self._check_day(day, "at")
        return any(start <= us < end for start, end in timeline.intervals(day))

    def closures(self, first: dt.date, last: dt.date) -> tuple[Closure, ...]:
        """Return the named closed dates from ``first`` to ``last`` inclusive."""
        first_day, last_day = self._day(first, "first"), self._day(last, "last")
        return tuple(c for c in self.closed if first_day <= c.date.toordinal() - 1 <= last_day)

    # -- day-granular arithmetic -------------------------------------------------------------

    def next_working_instant(self, at: dt.datetime) -> pendulum.DateTime:
        """Return ``at`` if it is working time, else the next opening instant."""
        return self._datetime(self._next_working_us(self._us(at, "at")))

    # The methods named _..._us below are the arithmetic on integer microseconds (the to_us
    # scale) behind the public methods, which convert their arguments once and build a
    # DateTime only for the answer. The clocks call them directly: an instant is converted
    # once per clock, and an error message is built only when there is an error.

    def _in_coverage(self, day: int, what: str | Callable[[], str]) -> None:
        """Raise CalendarCoverageError for a day outside the coverage; ``what`` built lazily."""
        if not self._first_day <= day <= self._last_day:
            self._check_day(day, what if isinstance(what, str) else what())

    def _next_working_us(self, us: int) -> int:
        timeline = self._timeline
        day = timeline.day_of(us)
        self._in_coverage(day, "at")
        for start, end in timeline.intervals(day):
            if us < end:
                return max(us, start)
        following = timeline.first_day_with_working_days(timeline.working_days_through(day) + 1)
        self._in_coverage(following, "the next working instant")
        return timeline.opening(following)

    def _close_of_day(self, at: dt.datetime) -> pendulum.DateTime:
        """The close of business of ``at``'s local date, which must be a working day."""
        return self._datetime(self._close_of_day_us(self._us(at, "at")))

    def _close_of_day_us(self, us: int) -> int:
        timeline = self._timeline
        day = timeline.day_of(us)
        self._in_coverage(day, "at")
        return timeline.closing(day)

    def _is_working_day_us(self, us: int) -> bool:
        """:meth:`is_working_day` of an instant's local date."""
        day = self._timeline.day_of(us)
        self._in_coverage(day, "day")
        return self._timeline.is_working_day(day)

    def _local_time_us(self, us: int) -> int:
        """The local wall-clock time of day of an instant, in µs since local midnight."""
        return (us + self._timeline.zone.offset_at(us)) % DAY_US

    def add_working_days(self, start: dt.datetime, n: int) -> pendulum.DateTime:
        """Return the deadline ``n`` working days after the local date of ``start``.

        For ``n >= 1``: the close of business of the n-th working day strictly after the date of
        ``start`` (the day of receipt never counts, whatever the hour or the day). For ``n == 0``:
        :meth:`next_working_instant`. For ``n < 0``: the opening of the ``abs(n)``-th working day
        strictly before that date.

        Raises:
            CalendarCoverageError: the start or the result lies outside the coverage.
        """
        us = self._us(start, "start")
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidDurationError(f"n must be a whole number of working days, not {shown(n)}")
        if abs(n) > _MAX_DAYS:
            raise InvalidDurationError(f"n={n} working days is out of range (|n| <= {_MAX_DAYS})")
        return self._datetime(self._add_working_days_us(us, n, start))

    def _add_working_days_us(self, us: int, n: int, start: dt.datetime) -> int:
        """:meth:`add_working_days` on µs; ``start`` names the start in an error message."""
        if n == 0:
            return self._next_working_us(us)
        timeline = self._timeline
        day = timeline.day_of(us)
        self._in_coverage(day, "start")
        if n > 0:
            target = timeline.first_day_with_working_days(timeline.working_days_through(day) + n)
            self._in_coverage(target, lambda: f"{n} working days after {start.isoformat()}")
            return timeline.closing(target)
        target = timeline.first_day_with_working_days(
            timeline.working_days_through(day - 1) + n + 1
        )
        self._in_coverage(target, lambda: f"{-n} working days before {start.isoformat()}")
        return timeline.opening(target)

    def working_days_between(self, start: dt.datetime, end: dt.datetime) -> int:
        """Count the working days ``d`` with ``date(start) < d <= date(end)`` (local dates).

        Negative when ``end`` is before ``start``.
        """
        return self._working_days_between_us(self._us(start, "start"), self._us(end, "end"))

    def _working_days_between_us(self, start: int, end: int) -> int:
        timeline = self._timeline
        first = timeline.day_of(start)
        last = timeline.day_of(end)
        self._in_coverage(first, "start")
        self._in_coverage(last, "end")
        return timeline.working_days_through(last) - timeline.working_days_through(first)

    # -- working-time arithmetic -------------------------------------------------------------

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Return the working time inside ``[start, end)``; negative when ``end < start``."""
        return dt.timedelta(
            microseconds=self._worked_before(self._us(end, "end"), "end")
            - self._worked_before(self._us(start, "start"), "start")
        )

    def _worked_before(self, us: int, argument: str) -> int:
        """The working time (µs) from day 0 up to ``us``: ``working_time_between`` on µs."""
        timeline = self._timeline
        day = timeline.day_of(us)
        self._in_coverage(day, argument)
        return timeline.worked_before(us, day)

    def add_working_time(self, start: dt.datetime, duration: dt.timedelta) -> pendulum.DateTime:
        """Return the earliest instant ``t >= start`` with ``duration`` of working time before it.

        That is, ``working_time_between(start, t) == duration``.

        A target reached exactly at closing time returns the closing instant, and a zero
        duration returns ``start`` itself (in the calendar's zone).

        Raises:
            InvalidDurationError: a negative duration, or one that is not a timedelta.
            CalendarCoverageError: the start or the result lies outside the coverage.
        """
        us = self._us(start, "start")
        if not isinstance(duration, dt.timedelta):
            raise InvalidDurationError(
                f"duration must be a datetime.timedelta, not {shown(duration)}; for whole working "
                f"days use add_working_days"
            )
        amount = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
        if amount < 0:
            raise InvalidDurationError(
                f"duration {duration} is negative; working time is added forward only"
            )
        if amount > _MAX_DAYS * DAY_US:
            raise InvalidDurationError(f"duration {duration} is out of range")
        before = self._worked_before(us, "start")
        return self._datetime(self._add_working_time_us(us, before, amount, start))

    def _add_working_time_us(self, us: int, before: int, amount: int, start: dt.datetime) -> int:
        """:meth:`add_working_time` on µs, given ``before = _worked_before(us)``; amount >= 0.

        ``start`` names the start in an error message.
        """
        if amount == 0:
            return us
        timeline = self._timeline
        result = timeline.instant_after_working_time(before + amount)
        self._in_coverage(
            timeline.day_of(result),
            lambda: f"{dt.timedelta(microseconds=amount)} after {start.isoformat()}",
        )
        return result

    # -- batch -------------------------------------------------------------------------------
    # Columns in and out (numpy datetime64, int64 µs, aware pandas, Arrow, polars) are read and
    # written by _batch; the arithmetic is the timeline's batch form, the one the columnar engine
    # uses. Missing values (NaT, nulls) give missing answers; long columns are walked in chunks.

    def add_working_days_many(self, starts: typing.Any, n: int) -> typing.Any:  # noqa: ANN401 - numpy, pandas, Arrow or polars, as given
        """:meth:`add_working_days` for many starts at once, for analytics.

        Args:
            starts: UTC instants as a numpy ``datetime64`` array (any unit), or int64
                microseconds since 1970-01-01T00:00Z, or aware pandas timestamps (a ``Series``
                or ``DatetimeIndex``), or a pyarrow ``Array`` or ``ChunkedArray`` of aware
                ``timestamp`` (any unit) or int64 microseconds, or a polars ``Series`` of aware
                ``Datetime``. NaT or null gives NaT or null. Nanoseconds are floored to the
                microsecond, as numpy's ``astype('datetime64[us]')`` does.
            n: the number of working days, as in :meth:`add_working_days`.

        Returns:
            the same kind of column (``datetime64[us]`` UTC instants, int64 microseconds,
            pandas timestamps in the calendar's zone, a pyarrow Array or ChunkedArray (same
            chunk lengths) of ``timestamp('us', tz=<the calendar's zone>)``, or a polars Series
            of the same name), element for element the instants of the scalar call.

        Raises:
            InvalidArgumentError: ``starts`` is not one of those columns.
            InvalidDurationError: ``n`` is not a whole number of at most a million.
            CalendarCoverageError: a start or a result outside the coverage, including starts
                that a ``datetime64[us]`` cannot hold (year 586578 in ``datetime64[D]``):
                they are refused before any conversion, never wrapped around.
        """
        column = _batch.read_instants(starts, "starts")
        if isinstance(n, bool) or not isinstance(n, int) or abs(n) > _MAX_DAYS:
            raise InvalidDurationError(f"n must be a whole number of working days, not {shown(n)}")
        self._check_column_range(column, "starts")
        timeline = self._timeline

        def deadlines(unix: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
            days = timeline.days_of_unix(unix)
            self._check_days(days, "starts")
            if n == 0:
                return self._next_working_unix(unix, days)
            if n > 0:
                counts = timeline.working_days_through_many(days) + n
            else:
                counts = timeline.working_days_through_many(days - 1) + n + 1
            targets = timeline.first_days_with_working_days(counts)
            self._check_days(targets, f"{n} working days from starts")
            return timeline.edges_unix(targets, close=n > 0)

        result = _batch.apply(deadlines, column.values, missing=column.missing)
        return _batch.instants_out(column, result, self.tz)

    def _next_working_unix(
        self, unix: npt.NDArray[np.int64], days: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        """Vector :meth:`_next_working_us` (on Unix µs), given the local days."""
        timeline = self._timeline
        us = unix + UNIX_EPOCH_US
        starts, ends = timeline.intervals_many(days)
        later = us[:, None] < ends  # padding intervals end at 0: never later
        today = later.any(axis=1)
        k = later.argmax(axis=1)
        rows = np.arange(len(us))
        following = timeline.first_days_with_working_days(
            timeline.working_days_through_many(days) + 1
        )
        self._check_days(following[~today], "the next working instant")
        opening = timeline.edges_unix(following, close=False)
        within = np.maximum(us, starts[rows, k]) - UNIX_EPOCH_US
        result: npt.NDArray[np.int64] = np.where(today, within, opening)
        return result

    def working_days_between_many(self, starts: typing.Any, ends: typing.Any) -> typing.Any:  # noqa: ANN401 - numpy, pandas, Arrow or polars, as given
        """:meth:`working_days_between` for many pairs at once, for analytics.

        Args:
            starts: instants, as for :meth:`add_working_days_many`.
            ends: instants of the same length (or one instant for all), of any of those kinds.

        Returns:
            the counts, as the kind of column ``starts`` is, ``float64`` for numpy
            ``datetime64`` (NaN where a start or an end is NaT, as numpy has no missing
            integer), int64 for int64 microseconds (with the smallest int64 where missing),
            nullable ``Int64`` for pandas, ``int64`` with nulls for Arrow and polars.

        Raises:
            InvalidArgumentError: not columns of instants, or of lengths that do not match.
            CalendarCoverageError: a start or an end outside the coverage.
        """
        timeline = self._timeline

        def counts(_start: Int, _end: Int, start_days: Int, end_days: Int) -> Int:
            result: Int = timeline.working_days_through_many(
                end_days
            ) - timeline.working_days_through_many(start_days)
            return result

        first, result, missing = self._on_pairs(starts, ends, counts)
        return _batch.counts_out(first, result, missing)

    def working_time_between_many(self, starts: typing.Any, ends: typing.Any) -> typing.Any:  # noqa: ANN401 - numpy, pandas, Arrow or polars, as given
        """:meth:`working_time_between` for many pairs at once, for analytics.

        Args:
            starts: instants, as for :meth:`add_working_days_many`.
            ends: instants of the same length (or one instant for all), of any of those kinds.

        Returns:
            the working time, as the kind of column ``starts`` is, ``timedelta64[us]`` for
            numpy ``datetime64``, int64 microseconds for int64, ``timedelta64`` for pandas,
            ``duration('us')`` for Arrow and polars timestamps; missing where a start or an end
            is.

        Raises:
            InvalidArgumentError: not columns of instants, or of lengths that do not match.
            CalendarCoverageError: a start or an end outside the coverage.
        """
        timeline = self._timeline

        def worked(start: Int, end: Int, _start_days: Int, _end_days: Int) -> Int:
            return timeline.worked_before_unix(end) - timeline.worked_before_unix(start)

        first, result, _ = self._on_pairs(starts, ends, worked)
        return _batch.durations_out(first, result)

    def add_working_time_many(self, starts: typing.Any, duration: typing.Any) -> typing.Any:  # noqa: ANN401 - numpy, pandas, Arrow or polars, as given
        """:meth:`add_working_time` for many starts at once, for analytics.

        Args:
            starts: instants, as for :meth:`add_working_days_many`.
            duration: one ``datetime.timedelta`` for every start, or a column of durations of
                the same length (``timedelta64``, int64 microseconds, pandas timedeltas, Arrow
                ``duration`` or int64, polars ``Duration``); NaT or null gives NaT or null.

        Returns:
            the same kind of column as ``starts``, element for element the instants of the
            scalar call.

        Raises:
            InvalidArgumentError: ``starts`` is not a column of instants.
            InvalidDurationError: a negative or out-of-range duration, or durations that are
                not a column of durations of the same length.
            CalendarCoverageError: a start or a result outside the coverage.
        """
        column = _batch.read_instants(starts, "starts")
        self._check_column_range(column, "starts")
        amounts = self._durations(duration, column)
        timeline = self._timeline

        def added(
            start: npt.NDArray[np.int64], amount: npt.NDArray[np.int64]
        ) -> npt.NDArray[np.int64]:
            self._check_days(timeline.days_of_unix(start), "starts")
            result = start.copy()
            moving = amount != 0
            if moving.any():
                before = timeline.worked_before_unix(start[moving])
                result[moving] = timeline.instants_after_working_time_unix(before + amount[moving])
                self._check_days(timeline.days_of_unix(result[moving]), "the results")
            return result

        missing = _batch.missing_of(column, amounts)
        result = _batch.apply(added, column.values, amounts.values, missing=missing)
        return _batch.instants_out(column, result, self.tz)

    def _durations(self, duration: object, column: _batch.Column) -> _batch.Column:
        """Durations as µs aligned with ``column``, refused when negative or too long."""
        if isinstance(duration, dt.timedelta):
            us = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
            amounts = _batch.Column(
                np.full(column.values.size, us, dtype=np.int64),
                None,
                kind="int64",
                shape=column.shape,
            )
        else:
            amounts = _batch.read_durations(duration, "duration")
            if amounts.values.size == 1 and column.values.size != 1:
                amounts = amounts.repeated(column)
            if amounts.values.size != column.values.size:
                raise InvalidDurationError(
                    f"duration has {amounts.values.size:,} values for {column.values.size:,} "
                    f"starts; give one duration, or one per start"
                )
        values = amounts.values
        present = values if amounts.missing is None else values[~amounts.missing]
        if present.size:
            low, high = int(present.min()), int(present.max())
            if low < 0:
                raise InvalidDurationError(
                    f"duration[{int(np.flatnonzero(values == low)[0])}] is negative "
                    f"({dt.timedelta(microseconds=low)}); working time is added forward only"
                )
            if high > _MAX_DAYS * DAY_US:
                raise InvalidDurationError(
                    f"duration[{int(np.flatnonzero(values == high)[0])}] is out of range "
                    f"(at most {_MAX_DAYS:,} days)"
                )
        return amounts

    def _pair(self, starts: object, ends: object) -> tuple[_batch.Column, _batch.Column]:
        first = _batch.read_instants(starts, "starts")
        last = _batch.read_instants(ends, "ends")
        self._check_column_range(first, "starts")
        self._check_column_range(last, "ends")
        if last.values.size == 1 and first.values.size != 1:
            last = last.repeated(first)
        if first.values.size != last.values.size:
            raise InvalidArgumentError(
                f"starts has {first.values.size:,} instants and ends {last.values.size:,}; "
                f"give one end per start, or one end for all"
            )
        return first, last

    def _on_pairs(
        self, starts: object, ends: object, answer: Callable[[Int, Int, Int, Int], Int]
    ) -> tuple[_batch.Column, Int, npt.NDArray[np.bool_] | None]:
        """Read two columns of instants, check their local days, answer chunk by chunk.

        ``answer(start, end, start_days, end_days)`` gets Unix µs and local days; returns the
        column ``starts`` was read into (the kind to give back), the answers, and where a
        start or an end was missing.
        """
        first, last = self._pair(starts, ends)
        timeline = self._timeline

        def checked(start: Int, end: Int) -> Int:
            start_days, end_days = timeline.days_of_unix(start), timeline.days_of_unix(end)
            self._check_days(start_days, "starts")
            self._check_days(end_days, "ends")
            return answer(start, end, start_days, end_days)

        missing = _batch.missing_of(first, last)
        return first, _batch.apply(checked, first.values, last.values, missing=missing), missing

    def _check_column_range(self, column: _batch.Column, what: str) -> None:
        raw = column.raw if column.raw is not None else column.values.view("datetime64[us]")
        self._check_datetime64_range(raw, what)

    def _check_datetime64_range(self, values: npt.NDArray[np.datetime64], what: str) -> None:
        """Refuse instants far outside the supported years before numpy converts them.

        numpy's cast to microseconds wraps around silently for instants beyond about 292,000
        years from 1970; the supported years lie well inside that range.
        """
        unit, _count = np.datetime_data(values.dtype)
        if values.size == 0 or unit in _FINE_UNITS:
            return  # finer than µs: every value lies within a few days of 1970
        low, high = _DATETIME64_BOUNDS.astype(values.dtype)
        outside = (values < low) | (values > high)
        if outside.any():
            index = int(np.flatnonzero(outside)[0])
            value = values.flat[index]
            raise CalendarCoverageError(
                dt.date.min if value < low else dt.date.max,
                self._coverage_dates(),
                what=f"{what}[{index}] = {shown(str(value))}",
                hint=f"calendars compute only with the years {FIRST_SUPPORTED.year}-"
                f"{LAST_SUPPORTED.year}; check the data (a wrong unit, or a missing value "
                f"written as a huge number)",
            )

    def _coverage_dates(self) -> tuple[dt.date, dt.date]:
        return dt.date.fromordinal(self._first_day + 1), dt.date.fromordinal(self._last_day + 1)

    def _check_days(self, days: npt.NDArray[np.int64], what: str) -> None:
        if days.size == 0:
            return
        low, high = int(days.min()), int(days.max())
        self._check_day(low, what)
        self._check_day(high, what)


def _calendar_from_definition(  # noqa: PLR0917 - the pickle's argument tuple
    tz: str,
    week: WeekHours,
    closed: tuple[Closure, ...],
    overrides: tuple[HoursOverride, ...],
    extra_working: tuple[dt.date, ...],
    coverage: tuple[dt.date, dt.date] | None,
) -> WorkingCalendar:
    """Rebuild a pickled calendar from its definition (see ``WorkingCalendar.__reduce__``)."""
    return WorkingCalendar(
        tz=tz,
        week=week,
        closed=closed,
        overrides=overrides,
        extra_working=extra_working,
        coverage=coverage,
    )
