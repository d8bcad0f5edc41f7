"""Why a deadline is what it is: the days counted, the days skipped, the closing time, pauses.

An explanation is plain data (dates, times, names), computed from a calendar and checked
against its arithmetic, and rendered as a short text in Indonesian or English. Dates and times
are written by Babel (CLDR) in the language asked for, never with hand-written month names.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing

import attrs
import babel
import babel.dates
import holidays
import pendulum

from smartcity._checks import aware_datetime, instance, whole_number
from smartcity.exceptions import ChronologyError, InvalidDurationError
from smartcity.sla._calendar._core import Closure, ClosureKind, HoursOverride, WorkingCalendar
from smartcity.sla._calendar._indonesia import LANGUAGES, check_language
from smartcity.sla._clock import ClockState, SlaClock, SlaCycle, covered
from smartcity.sla._targets import Target, WorkingDays, WorkingDuration

__all__ = [
    "ClockExplanation",
    "CountedDay",
    "DeadlineExplanation",
    "HoursSource",
    "PauseEffect",
    "SkipReason",
    "SkippedDay",
    "explain_clock",
    "explain_deadline",
]

MAX_EXPLAINED_DAYS: typing.Final = 1_000
"""The most working days an explanation lists (four years of them; a text, not a table)."""

_LOCALES: typing.Final = {"id": "id_ID", "en": "en"}
"""Our languages -> Babel's locales."""

# Indonesia's zones are written with their legal abbreviations (WIB, WITA, WIT) in both
# languages; Babel knows them in its Indonesian locale only, so that locale names them.
_INDONESIAN_ZONES: typing.Final = frozenset(
    {"Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"}
)
_DASH: typing.Final = "\N{EN DASH}"

Language = typing.Literal["id", "en"]
"""The languages an explanation is written in: ``"id"`` (Indonesian) or ``"en"`` (English)."""


class SkipReason(enum.Enum):
    """Why a day between the receipt and the deadline was not counted."""

    WEEKLY_DAY_OFF = "weekly_day_off"
    """The office does not work that weekday (the weekend)."""
    HOLIDAY = "holiday"
    """A public holiday (libur nasional)."""
    COLLECTIVE_LEAVE = "collective_leave"
    """Collective leave (cuti bersama)."""
    LOCAL_CLOSURE = "local_closure"
    """A closure decided by the city or the agency."""
    CLOSED_BY_OVERRIDE = "closed_by_override"
    """An hours override (e.g. Ramadan hours) gives that weekday no hours."""


class HoursSource(enum.Enum):
    """Where a counted day's hours, and so its closing time, come from."""

    REGULAR = "regular"
    """The calendar's regular hours for that weekday (e.g. Perpres 21/2023)."""
    OVERRIDE = "override"
    """An hours override in force that day (Ramadan hours, a half day)."""
    EXTRA_WORKING = "extra_working"
    """An extra working date, on a weekday that normally does not work."""


def _check_types(value: object, **expected: type | tuple[type, ...]) -> None:
    """Refuse a field of the wrong type, so that a value made by hand is checked too."""
    kind = type(value).__name__
    for name, cls in expected.items():
        instance(getattr(value, name), cls, f"{kind}.{name}")


_KIND_REASON: typing.Final = {
    ClosureKind.HOLIDAY: SkipReason.HOLIDAY,
    ClosureKind.COLLECTIVE_LEAVE: SkipReason.COLLECTIVE_LEAVE,
    ClosureKind.LOCAL: SkipReason.LOCAL_CLOSURE,
}

Hours = tuple[tuple[dt.time, dt.time], ...]


@typing.final
@attrs.frozen
class CountedDay:
    """A working day counted towards a deadline.

    Attributes:
        number: 1 for the first working day counted, up to ``n``.
        date: the local date.
        hours: the day's working hours, local ``(open, close)`` pairs.
        source: where the hours come from.
        source_name: the override's name when ``source`` is :attr:`HoursSource.OVERRIDE`.
    """

    number: int
    date: dt.date
    hours: Hours
    source: HoursSource
    source_name: str = ""

    def __attrs_post_init__(self) -> None:
        """Check the types."""
        _check_types(
            self, number=int, date=dt.date, hours=tuple, source=HoursSource, source_name=str
        )
        if not self.hours:
            raise InvalidDurationError("a counted day has working hours; give at least one")

    @property
    def closes_at(self) -> dt.time:
        """The closing time of the day, the end of its last working interval."""
        return self.hours[-1][1]


@typing.final
@attrs.frozen
class SkippedDay:
    """A day between the receipt and the deadline that was not counted, and why.

    Attributes:
        date: the local date.
        reason: the main reason (a holiday before collective leave before a local closure,
            before the weekday itself).
        names: the names of the closures that day (in the calendar's language), or the
            override's name for :attr:`SkipReason.CLOSED_BY_OVERRIDE`; empty for a weekly
            day off.
    """

    date: dt.date
    reason: SkipReason
    names: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        """Check the types."""
        _check_types(self, date=dt.date, reason=SkipReason, names=tuple)


@typing.final
@attrs.frozen
class DeadlineExplanation:
    """Why ``add_working_days(start, n)`` is the deadline it is.

    Make it with :func:`explain_deadline`; write it out with :meth:`text`.

    Attributes:
        start: when the count starts (the receipt), in the calendar's zone.
        n: the number of working days.
        deadline: the close of business of the n-th working day, in the calendar's zone.
        counted: the working days counted, in order (``len(counted) == n``).
        skipped: the days passed over, in order, each with its reason.
        counts_start_day: whether the day of ``start`` itself is working day 1 (a policy's
            same-day cutoff); normally False: the day of receipt never counts.
    """

    start: pendulum.DateTime
    n: int
    deadline: pendulum.DateTime
    counted: tuple[CountedDay, ...]
    skipped: tuple[SkippedDay, ...]
    counts_start_day: bool = False

    def __attrs_post_init__(self) -> None:
        """Check the types, and that there is a last day."""
        _check_types(
            self,
            start=pendulum.DateTime,
            n=int,
            deadline=pendulum.DateTime,
            counted=tuple,
            skipped=tuple,
            counts_start_day=bool,
        )
        if not self.counted:
            raise InvalidDurationError("an explanation counts at least one working day")

    @property
    def last(self) -> CountedDay:
        """The last working day counted, the one whose closing time is the deadline."""
        return self.counted[-1]

    def text(self, language: Language) -> str:
        """Write the explanation as a short text in ``"id"`` (Indonesian) or ``"en"`` (English).

        Dates and times are written as the language writes them (Babel); holiday names the
        ``holidays`` package gives for Indonesia are shown in that language, other names as
        the calendar has them.

        Raises:
            InvalidOptionError: another language.
        """
        writer = _Writer(_language(language), self.start.timezone_name or "UTC")
        return "\n".join(_deadline_lines(self, writer))


@typing.final
@attrs.frozen
class PauseEffect:
    """A pause of a clock and how much later it made the deadline.

    Attributes:
        start: when the pause began.
        end: when it ended, or None while the clock is paused.
        working_time: the working time of the pause before the deadline: the deadline moved
            that much working time later (zero for a pause after it). None while paused: the
            effect is not known yet.
    """

    start: dt.datetime
    end: dt.datetime | None
    working_time: dt.timedelta | None

    def __attrs_post_init__(self) -> None:
        """Check the types."""
        _check_types(
            self,
            start=dt.datetime,
            end=(dt.datetime, type(None)),
            working_time=(dt.timedelta, type(None)),
        )


@typing.final
@attrs.frozen
class ClockExplanation:
    """Why a clock's deadline is what it is: its target, the days, the pauses.

    Make it with :func:`explain_clock`; write it out with :meth:`text`.

    Attributes:
        report_id: the report.
        clock: the clock's name, e.g. ``"follow-up"``.
        target: the policy's target.
        cycle: the cycle explained (1 unless the report was reopened).
        start: when the cycle started.
        days: for a :class:`WorkingDays` target, the explanation of the target deadline from
            the start; None for a working-time target.
        target_deadline: the deadline had the clock never paused.
        pauses: each pause and its effect, in order.
        deadline: the deadline after the pauses; None while paused before it.
        stop: when the cycle stopped, or None.
        outcome: met or missed once stopped, else None.
    """

    report_id: str
    clock: str
    target: Target
    cycle: int
    start: pendulum.DateTime
    days: DeadlineExplanation | None
    target_deadline: pendulum.DateTime
    pauses: tuple[PauseEffect, ...]
    deadline: pendulum.DateTime | None
    stop: dt.datetime | None
    outcome: ClockState | None

    def __attrs_post_init__(self) -> None:
        """Check the types."""
        _check_types(
            self,
            report_id=str,
            clock=str,
            target=(WorkingDays, WorkingDuration),
            cycle=int,
            start=pendulum.DateTime,
            days=(DeadlineExplanation, type(None)),
            target_deadline=pendulum.DateTime,
            pauses=tuple,
            deadline=(pendulum.DateTime, type(None)),
            stop=(dt.datetime, type(None)),
            outcome=(ClockState, type(None)),
        )

    def text(self, language: Language) -> str:
        """Write the explanation as a short text in ``"id"`` or ``"en"``.

        As :meth:`DeadlineExplanation.text`, with the pauses and the outcome.

        Raises:
            InvalidOptionError: another language.
        """
        writer = _Writer(_language(language), self.start.timezone_name or "UTC")
        return "\n".join(_clock_lines(self, writer))


# -- computing ---------------------------------------------------------------------------------


def explain_deadline(calendar: WorkingCalendar, start: dt.datetime, n: int) -> DeadlineExplanation:
    """Explain ``calendar.add_working_days(start, n)``: every day from the receipt to the deadline.

    Args:
        calendar: the working calendar.
        start: the receipt, an aware datetime in any zone.
        n: the number of working days, from 1 to 1,000 (``MAX_EXPLAINED_DAYS``).

    Returns:
        The explanation; its deadline is ``calendar.add_working_days(start, n)``, its counted
        days are the working days that ``calendar.working_days_between`` counts, and its
        skipped days every other day after the day of receipt.

    Raises:
        InvalidArgumentError: a calendar that is not a WorkingCalendar, a start that is not a
            datetime, an ``n`` that is not an int.
        NaiveDatetimeError: ``start`` has no time zone.
        InvalidDurationError: ``n`` below 1 or above 1,000.
        CalendarCoverageError: the start or the deadline lies outside the calendar's coverage.
    """
    instance(calendar, WorkingCalendar, "calendar")
    aware_datetime(start, "start")
    n = whole_number(n, "n", error=InvalidDurationError, minimum=1, maximum=MAX_EXPLAINED_DAYS)
    return _explain(calendar, start, n, counts_start_day=False)


def _explain(
    calendar: WorkingCalendar, start: dt.datetime, n: int, *, counts_start_day: bool
) -> DeadlineExplanation:
    # The arithmetic first: it refuses a start outside the coverage before anything else.
    if counts_start_day:
        deadline = calendar.add_working_days(start, n - 1) if n > 1 else _close_of(calendar, start)
    else:
        deadline = calendar.add_working_days(start, n)
    first_date = pendulum.instance(start).in_timezone(calendar.tz).date()
    last_date = deadline.date()
    day_of = _DayReader(calendar, first_date, last_date)
    counted: list[CountedDay] = []
    skipped: list[SkippedDay] = []
    day = first_date if counts_start_day else first_date + dt.timedelta(days=1)
    while day <= last_date:
        if calendar.is_working_day(day):
            hours, source, name = day_of.hours(day)
            counted.append(CountedDay(len(counted) + 1, day, hours, source, name))
        else:
            skipped.append(day_of.skipped(day))
        day += dt.timedelta(days=1)
    return DeadlineExplanation(
        start=pendulum.instance(start).in_timezone(calendar.tz),
        n=n,
        deadline=deadline,
        counted=tuple(counted),
        skipped=tuple(skipped),
        counts_start_day=counts_start_day,
    )


def _close_of(calendar: WorkingCalendar, at: dt.datetime) -> pendulum.DateTime:
    return calendar._close_of_day(at)  # noqa: SLF001 - same package


@attrs.frozen
class _DayReader:
    """Reads a day's hours and closures from a calendar's definition, over a span of dates."""

    calendar: WorkingCalendar
    first: dt.date
    last: dt.date
    _closures: dict[dt.date, list[Closure]] = attrs.field(init=False)
    _overrides: tuple[HoursOverride, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        closures: dict[dt.date, list[Closure]] = {}
        for closure in self.calendar.closures(self.first, self.last):
            closures.setdefault(closure.date, []).append(closure)
        object.__setattr__(self, "_closures", closures)
        overrides = tuple(
            o for o in self.calendar.overrides if o.first <= self.last and o.last >= self.first
        )
        object.__setattr__(self, "_overrides", overrides)

    def _override(self, day: dt.date) -> HoursOverride | None:
        # Where overrides overlap, the later one wins.
        return next((o for o in reversed(self._overrides) if o.first <= day <= o.last), None)

    def hours(self, day: dt.date) -> tuple[Hours, HoursSource, str]:
        weekday = day.isoweekday() - 1
        override = self._override(day)
        week = self.calendar.week if override is None else override.week
        if day in self.calendar.extra_working and not week[weekday]:
            # As the calendar does: the hours of the weekday, else of the first working one.
            hours = next((d for d in (*week, *self.calendar.week) if d), ())
            return hours, HoursSource.EXTRA_WORKING, ""
        if override is not None:
            return week[weekday], HoursSource.OVERRIDE, override.name
        return week[weekday], HoursSource.REGULAR, ""

    def skipped(self, day: dt.date) -> SkippedDay:
        closures = self._closures.get(day)
        if closures:
            reason = min((_KIND_REASON[c.kind] for c in closures), key=_REASON_ORDER.index)
            return SkippedDay(day, reason, tuple(c.name for c in closures))
        override = self._override(day)
        if override is not None and self.calendar.week[day.isoweekday() - 1]:
            return SkippedDay(day, SkipReason.CLOSED_BY_OVERRIDE, (override.name,))
        return SkippedDay(day, SkipReason.WEEKLY_DAY_OFF)


_REASON_ORDER: typing.Final = (
    SkipReason.HOLIDAY,
    SkipReason.COLLECTIVE_LEAVE,
    SkipReason.LOCAL_CLOSURE,
)


def explain_clock(clock: SlaClock, *, cycle: int | None = None) -> ClockExplanation:
    """Explain a clock's deadline: its target deadline from the start, then each pause.

    Args:
        clock: the clock (:meth:`SlaClock.of <smartcity.sla.SlaClock.of>`).
        cycle: the number of the cycle to explain; the latest by default.

    Raises:
        InvalidArgumentError: ``clock`` is not an SlaClock, ``cycle`` not an int.
        ChronologyError: the clock has not started, or has no such cycle.
        CalendarCoverageError: a day to explain lies outside the calendar's coverage.
    """
    instance(clock, SlaClock, "clock")
    if not clock.cycles:
        statuses = ", ".join(sorted(status.value for status in clock.policy.start_on))
        raise ChronologyError(
            f"report {clock.report_id}'s {clock.policy.name} clock has not started (it starts "
            f"on {statuses}); explain it once it has"
        )
    if cycle is None:
        chosen = clock.cycles[-1]
    else:
        number = whole_number(
            cycle, "cycle", error=ChronologyError, minimum=1, maximum=len(clock.cycles)
        )
        chosen = clock.cycles[number - 1]
    where = f"report {clock.report_id}, {clock.policy.name} clock, cycle {chosen.number}"
    return covered(where, _explain_cycle, clock, chosen)


def _explain_cycle(clock: SlaClock, cycle: SlaCycle) -> ClockExplanation:
    calendar = clock.calendar
    target = clock.policy.target
    target_deadline = calendar.add_working_time(cycle.start, cycle.budget)
    days = None
    if isinstance(target, WorkingDays):
        counts_start_day = (
            calendar.working_days_between(cycle.start, target_deadline) == target.n - 1
        )
        days = _explain(calendar, cycle.start, target.n, counts_start_day=counts_start_day)
        target_deadline = days.deadline
    deadline = cycle.deadline
    pauses = tuple(_pause_effect(calendar, start, end, deadline) for start, end in cycle.pauses)
    return ClockExplanation(
        report_id=clock.report_id,
        clock=clock.policy.name,
        target=target,
        cycle=cycle.number,
        start=pendulum.instance(cycle.start).in_timezone(calendar.tz),
        days=days,
        target_deadline=target_deadline,
        pauses=pauses,
        deadline=deadline,
        stop=cycle.stop,
        outcome=cycle.outcome,
    )


def _pause_effect(
    calendar: WorkingCalendar,
    start: dt.datetime,
    end: dt.datetime | None,
    deadline: pendulum.DateTime | None,
) -> PauseEffect:
    if end is None:
        return PauseEffect(start, None, None)
    if deadline is not None and start >= deadline:
        return PauseEffect(start, end, dt.timedelta(0))
    stop = end if deadline is None else min(end, deadline)
    return PauseEffect(start, end, calendar.working_time_between(start, stop))


# -- writing -----------------------------------------------------------------------------------


def _language(language: object) -> Language:
    check_language(language)
    return typing.cast("Language", language)


@functools.cache
def _holiday_names(year: int, category: str, code: str) -> dict[dt.date, tuple[str, ...]]:
    found = holidays.country_holidays("ID", years=year, categories=(category,), language=code)
    return {day: tuple(found.get_list(day)) for day in sorted(found)}


def _translated(name: str, day: dt.date, language: Language) -> str:
    """The ``holidays`` package's name for Indonesia in ``language``; else ``name`` as given."""
    try:
        for category in ("public", "government"):
            for code in LANGUAGES.values():
                names = _holiday_names(day.year, category, code).get(day, ())
                if name in names:
                    wanted = _holiday_names(day.year, category, LANGUAGES[language]).get(day, ())
                    index = names.index(name)
                    return wanted[index] if index < len(wanted) else name
    except (NotImplementedError, KeyError, ValueError):  # a year the package does not know
        return name
    return name


_PHRASES: typing.Final[dict[str, dict[str, str]]] = {
    "id": {
        "received": "Diterima {at}; hari penerimaan tidak dihitung.",
        "received_counted": "Diterima {at}; hari penerimaan dihitung sebagai hari kerja ke-1.",
        "due": "Batas waktu {target}: {at}.",
        "counted": "- {date}: hari kerja ke-{number} ({hours})",
        "skipped": "- {date}: dilewati, {reason}",
        "hours_and": " dan ",
        "regular": "{time} adalah jam tutup biasa hari {weekday}.",
        "override": "{time} adalah jam tutup menurut {name}.",
        "extra": "{time} adalah jam tutup hari kerja tambahan ini.",
        "weekend": "akhir pekan",
        "day_off": "kantor tidak buka hari {weekday}",
        "holiday": "libur nasional ({names})",
        "collective_leave": "cuti bersama ({names})",
        "local_closure": "kantor tutup ({names})",
        "closed_by_override": "tidak ada jam kerja menurut {names}",
        "clock": "SLA {clock} ({target}), siklus {cycle}, dimulai {at}.",
        "start_counted": "Hari dimulainya dihitung sebagai hari kerja ke-1 (sebelum jam batas).",
        "pause": "Jeda {start} sampai {end}: batas waktu mundur {duration} kerja.",
        "pause_open": "Dijeda sejak {start}: batas waktu baru diketahui setelah jeda berakhir.",
        "after_pauses": "Setelah jeda, batas waktunya {at}.",
        "met": "Dihentikan {at}: tepat waktu.",
        "missed": "Dihentikan {at}: terlambat.",
        "days": "{n} hari kerja",
        "duration": "{duration} kerja",
    },
    "en": {
        "received": "Received {at}; the day of receipt does not count.",
        "received_counted": "Received {at}; the day of receipt counts as working day 1.",
        "due": "Due after {target}: {at}.",
        "counted": "- {date}: working day {number} ({hours})",
        "skipped": "- {date}: skipped, {reason}",
        "hours_and": " and ",
        "regular": "{time} is the regular closing time on {weekday}.",
        "override": "{time} is the closing time under {name}.",
        "extra": "{time} is the closing time of this extra working day.",
        "weekend": "weekend",
        "day_off": "the office does not open on {weekday}",
        "holiday": "public holiday ({names})",
        "collective_leave": "collective leave ({names})",
        "local_closure": "office closed ({names})",
        "closed_by_override": "no working hours under {names}",
        "clock": "The {clock} clock ({target}), cycle {cycle}, started {at}.",
        "start_counted": "The day it started counts as working day 1 (before the cutoff).",
        "pause": "Paused {start} to {end}: the deadline moved {duration} of working time later.",
        "pause_open": "Paused since {start}: the deadline is known once the pause ends.",
        "after_pauses": "After the pauses it is due {at}.",
        "met": "Stopped {at}: on time.",
        "missed": "Stopped {at}: late.",
        "days": "{n} working day{plural}",
        "duration": "{duration} of working time",
    },
}


@functools.cache
def _locale(language: Language) -> babel.Locale:
    """Babel's locale of a language, parsed once (parsing costs more than formatting)."""
    return babel.Locale.parse(_LOCALES[language])


@functools.lru_cache(maxsize=4096)
def _written_time(value: dt.time, language: Language) -> str:
    """A wall-clock time in the language; a calendar has few distinct ones."""
    return babel.dates.format_skeleton("Hm", value, locale=_locale(language))


@functools.lru_cache(maxsize=4096)
def _written_date(day: dt.date, language: Language) -> str:
    """A date in the language: a desk writes the same few hundred dates over and over."""
    locale = _locale(language)
    weekday = babel.dates.format_date(day, "EEEE", locale=locale)
    return f"{weekday}, {babel.dates.format_date(day, 'long', locale=locale)}"


@attrs.frozen
class _Writer:
    """Writes dates, times and phrases in one language, for one zone."""

    language: Language
    tz: str

    @property
    def locale(self) -> babel.Locale:
        return _locale(self.language)

    def phrase(self, key: str, **values: object) -> str:
        return _PHRASES[self.language][key].format(**values)

    def date(self, day: dt.date) -> str:
        """``Senin, 1 Juni 2026`` / ``Monday, June 1, 2026``.

        The weekday, then CLDR's long date: CLDR's full Indonesian pattern pads the day
        ("01 Juni"), which Indonesian letters and notices do not.
        """
        return _written_date(day, self.language)

    def weekday(self, day: dt.date) -> str:
        return babel.dates.format_date(day, "EEEE", locale=self.locale)

    def time(self, value: dt.time, *, closing: bool = False) -> str:
        """``16.00`` / ``16:00``: 24-hour time, as the language separates hours and minutes."""
        written = _written_time(value, self.language)
        # An interval that closes at time(0) ends at midnight, at the end of the day: 24:00.
        return "24" + written[2:] if closing and value == dt.time(0) else written

    def instant(self, at: dt.datetime) -> str:
        """``Senin, 30 Maret 2026 pukul 16.00 WIB`` / ``Monday, March 30, 2026 at 16:00 WIB``."""
        local = pendulum.instance(at).in_timezone(self.tz)
        zone = babel.dates.get_timezone(self.tz)
        zone_locale = _locale("id") if self.tz in _INDONESIAN_ZONES else self.locale
        abbreviation = babel.dates.format_datetime(local, "z", tzinfo=zone, locale=zone_locale)
        connector = "pukul" if self.language == "id" else "at"
        clock = babel.dates.format_skeleton("Hm", local, tzinfo=zone, locale=self.locale)
        return f"{self.date(local.date())} {connector} {clock} {abbreviation}"

    def hours(self, hours: Hours) -> str:
        return self.phrase("hours_and").join(
            f"{self.time(opening)}{_DASH}{self.time(closing, closing=True)}"
            for opening, closing in hours
        )

    def target(self, target: Target) -> str:
        if isinstance(target, WorkingDays):
            return self.phrase("days", n=target.n, plural="" if target.n == 1 else "s")
        return self.phrase("duration", duration=_hours(target.duration, self.language))

    def names(self, names: tuple[str, ...], day: dt.date) -> str:
        return ", ".join(dict.fromkeys(_translated(name, day, self.language) for name in names))


def _hours(duration: dt.timedelta, language: Language) -> str:
    """``15 jam`` / ``7 h 30 min``: a working time to the minute."""
    hours, minutes = divmod(round(duration.total_seconds() / 60), 60)
    hour, minute = ("jam", "menit") if language == "id" else ("h", "min")
    return f"{hours} {hour} {minutes} {minute}" if minutes else f"{hours} {hour}"


def _deadline_lines(explanation: DeadlineExplanation, writer: _Writer) -> list[str]:
    received = "received_counted" if explanation.counts_start_day else "received"
    lines = [
        writer.phrase(received, at=writer.instant(explanation.start)),
        writer.phrase(
            "due",
            target=writer.target(WorkingDays(explanation.n)),
            at=writer.instant(explanation.deadline),
        ),
    ]
    days = [(day.date, _counted_line(day, writer)) for day in explanation.counted]
    days.extend((day.date, _skipped_line(day, writer)) for day in explanation.skipped)
    lines.extend(line for _day, line in sorted(days, key=lambda item: item[0]))
    lines.append(_closing_line(explanation.last, writer))
    return lines


def _counted_line(day: CountedDay, writer: _Writer) -> str:
    return writer.phrase(
        "counted", date=writer.date(day.date), number=day.number, hours=writer.hours(day.hours)
    )


def _skipped_line(day: SkippedDay, writer: _Writer) -> str:
    if day.reason is SkipReason.WEEKLY_DAY_OFF:
        if day.date.isoweekday() >= 6:
            reason = writer.phrase("weekend")
        else:
            reason = writer.phrase("day_off", weekday=writer.weekday(day.date))
    else:
        reason = writer.phrase(day.reason.value, names=writer.names(day.names, day.date))
    return writer.phrase("skipped", date=writer.date(day.date), reason=reason)


def _closing_line(day: CountedDay, writer: _Writer) -> str:
    time = writer.time(day.closes_at, closing=True)
    if day.source is HoursSource.OVERRIDE:
        return writer.phrase("override", time=time, name=day.source_name or "an override")
    if day.source is HoursSource.EXTRA_WORKING:
        return writer.phrase("extra", time=time)
    return writer.phrase("regular", time=time, weekday=writer.weekday(day.date))


def _clock_lines(explanation: ClockExplanation, writer: _Writer) -> list[str]:
    lines = [
        writer.phrase(
            "clock",
            clock=explanation.clock,
            target=writer.target(explanation.target),
            cycle=explanation.cycle,
            at=writer.instant(explanation.start),
        )
    ]
    if explanation.days is not None:
        if explanation.days.counts_start_day:
            lines.append(writer.phrase("start_counted"))
        lines.extend(_deadline_lines(explanation.days, writer)[1:])
    else:
        lines.append(
            writer.phrase(
                "due",
                target=writer.target(explanation.target),
                at=writer.instant(explanation.target_deadline),
            )
        )
    if explanation.pauses:
        for pause in explanation.pauses:
            if pause.end is None or pause.working_time is None:
                lines.append(writer.phrase("pause_open", start=writer.instant(pause.start)))
            else:
                lines.append(
                    writer.phrase(
                        "pause",
                        start=writer.instant(pause.start),
                        end=writer.instant(pause.end),
                        duration=_hours(pause.working_time, writer.language),
                    )
                )
        if explanation.deadline is not None:
            lines.append(writer.phrase("after_pauses", at=writer.instant(explanation.deadline)))
    if explanation.stop is not None and explanation.outcome is not None:
        key = "met" if explanation.outcome is ClockState.MET else "missed"
        lines.append(writer.phrase(key, at=writer.instant(explanation.stop)))
    return lines
