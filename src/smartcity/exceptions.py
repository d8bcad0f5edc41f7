"""Every error `smartcity` raises.

All of them derive from :class:`SmartCityError`, so one ``except SmartCityError`` catches
everything the library refuses. Each one also derives from the builtin that matches its meaning
(``ValueError`` for bad values, ``KeyError`` for an unknown key), so code written against the
builtins keeps working. Messages say what was wrong and what to do about it; the interesting
values are attributes too, for code that wants to react.

A failed call never changes the object it was given.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "CalendarCoverageError",
    "ChronologyError",
    "InvalidArgumentError",
    "InvalidCalendarError",
    "InvalidDistanceError",
    "InvalidDurationError",
    "InvalidEventTableError",
    "InvalidLocationError",
    "InvalidOptionError",
    "InvalidPolicyError",
    "InvalidReportError",
    "InvalidStatisticsError",
    "InvalidTransitionError",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "RejectedKeyError",
    "RoutingConfigError",
    "SerializationError",
    "SmartCityError",
    "UnknownAgencyError",
    "UnknownCategoryError",
    "UnknownCodeError",
    "UnknownPolicyError",
    "UnknownRequestError",
    "UnknownWardError",
    "ValidationError",
    "WardDataError",
]


class SmartCityError(Exception):
    """The base of every error raised by `smartcity`.

    Every one pickles with its message and attributes (an error raised on a Dask or Spark
    worker comes back whole), whatever arguments its constructor takes.
    """

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the arguments and attributes, without calling ``__init__`` again on load."""
        return _restore_error, (type(self), self.args, self.__dict__)


class NaiveDatetimeError(SmartCityError, ValueError):
    """A datetime without a time zone was given where an aware one is required.

    Attributes:
        value: the naive datetime.
    """

    def __init__(self, value: dt.datetime, *, argument: str = "datetime") -> None:
        self.value = value
        super().__init__(
            f"{argument} {value.isoformat()} has no time zone; pass an aware datetime, "
            f"e.g. pendulum.datetime(..., tz='Asia/Jakarta') or datetime(..., tzinfo=ZoneInfo(...))"
        )


class CalendarCoverageError(SmartCityError, ValueError):
    """A question about a date the calendar has no holiday data for.

    Attributes:
        day: the date asked about.
        coverage: the inclusive ``(first, last)`` range the calendar covers.
    """

    def __init__(
        self,
        day: dt.date,
        coverage: tuple[dt.date, dt.date],
        *,
        what: str = "",
        hint: str | None = None,
    ) -> None:
        self.day = day
        self.coverage = coverage
        first, last = coverage
        subject = f"{what}: " if what else ""
        if hint is None:
            low, high = min(first.year, day.year), max(last.year, day.year)
            hint = (
                f"build the calendar for more years "
                f"(e.g. WorkingCalendar.indonesia(years=range({low}, {high + 1})))"
            )
        super().__init__(
            f"{subject}{day.isoformat()} is outside the calendar's coverage "
            f"{first.isoformat()} .. {last.isoformat()}; {hint}"
        )


class InvalidArgumentError(SmartCityError, TypeError):
    """An argument of the wrong type (a string where a datetime belongs, say)."""


class InvalidCalendarError(SmartCityError, ValueError):
    """A calendar definition that cannot be used (no working time, bad intervals...)."""


class InvalidDurationError(SmartCityError, ValueError):
    """A duration or a count that is out of range (e.g. a negative working time)."""


class InvalidEventTableError(SmartCityError, ValueError):
    """Event rows that do not make legal report histories; the message lists the bad rows.

    Attributes:
        rows: the number (0-based, in the order given) of every bad row, ascending.
        problems: ``(row, reason)`` for the first bad rows (at most ``shown``).
    """

    shown = 20

    def __init__(self, rows: tuple[int, ...], problems: tuple[tuple[int, str], ...]) -> None:
        self.rows = rows
        self.problems = problems[: self.shown]
        lines = "".join(f"\n  row {row}: {reason}" for row, reason in self.problems)
        more = len(rows) - len(self.problems)
        tail = f"\n  and {more:,} more" if more > 0 else ""
        super().__init__(
            f"{len(rows):,} event row(s) do not make legal report histories; fix or drop them "
            f"(the .rows attribute lists them all):{lines}{tail}"
        )


class MissingDependencyError(SmartCityError, ImportError):
    """An optional part of the library needs a package that is not installed.

    The message names the extra to install, e.g. ``pip install 'smartcity[plot]'`` or
    ``'smartcity[dask]'``.
    """


class InvalidLocationError(SmartCityError, ValueError):
    """A coordinate that is not a real place: NaN, infinite or out of range."""


class WardDataError(SmartCityError, ValueError):
    """Ward boundary data that cannot be used; the message names the feature and the problem.

    Attributes:
        index: the position of the offending feature in the collection, when known.
        code: the ward code of the offending feature, when known.
    """

    def __init__(self, message: str, *, index: int | None = None, code: str | None = None) -> None:
        self.index = index
        self.code = code
        where = []
        if index is not None:
            where.append(f"feature #{index}")
        if code is not None:
            where.append(f"code {code!r}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(f"{prefix}{message}")


class UnknownCodeError(SmartCityError, KeyError):
    """A code (of a ward, an agency, a category...) that is not known where it was looked up.

    ``str()`` says what to do, instead of ``KeyError``'s bare quoted key.

    Attributes:
        code: the code asked for.
    """

    what = "item"
    hint = "check the codes it knows"

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)

    def __str__(self) -> str:
        """The code (cut short if it is long) and where to look for the known ones."""
        from smartcity._checks import shown  # noqa: PLC0415 - _checks imports this module

        return f"no {self.what} with code {shown(self.code)}; {self.hint}"


class UnknownWardError(UnknownCodeError):
    """A ward code that the ward map does not have."""

    what = "ward"
    hint = "iterate over the ward map or use `code in ward_map` to see which codes it has"


class InvalidReportError(SmartCityError, ValueError):
    """Report data that is refused (e.g. an empty or over-long description)."""


class InvalidTransitionError(SmartCityError, ValueError):
    """A status change that the report lifecycle does not allow.

    Attributes:
        from_status: the report's current status.
        to_status: the status asked for.
    """

    def __init__(self, message: str, *, from_status: object, to_status: object) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(message)


class ChronologyError(SmartCityError, ValueError):
    """An event dated before the event it follows."""


class RoutingConfigError(SmartCityError, ValueError):
    """Routing rules that contradict each other or name unknown agencies."""


class ValidationError(SmartCityError, ValueError):
    """Data from outside that does not fit the expected structure.

    Attributes:
        errors: one human-readable line per problem, each starting with its path.
    """

    def __init__(self, errors: list[str] | tuple[str, ...], *, what: str = "data") -> None:
        self.errors = tuple(errors)
        lines = "\n  ".join(self.errors)
        super().__init__(f"invalid {what} ({len(self.errors)} problem(s)):\n  {lines}")


class UnknownAgencyError(UnknownCodeError):
    """An agency code that the router does not know."""

    what = "agency"
    hint = (
        "router.agencies lists the codes it knows "
        "(an agency must be given to Router.build to be known)"
    )


class UnknownCategoryError(UnknownCodeError):
    """A category code that the router does not know."""

    what = "category"
    hint = (
        "router.categories lists the codes it knows "
        "(a category must be given to Router.build to be known)"
    )


class InvalidDistanceError(SmartCityError, ValueError):
    """A distance or an area that is negative, not a finite number, or beyond a documented limit."""


class InvalidPolicyError(SmartCityError, ValueError):
    """An SLA policy, schedule or escalation rule that contradicts itself.

    For example a status that both pauses and stops a clock, thresholds that do not increase,
    or a schedule rule that can never apply. The message names the policy and the fix.
    """


class UnknownPolicyError(SmartCityError, KeyError):
    """An SLA policy name that the schedule does not have.

    Attributes:
        name: the name asked for.
        known: the names the schedule has.
    """

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        self.known = known
        super().__init__(name)

    def __str__(self) -> str:
        """Say which names exist, instead of KeyError's bare quoted key."""
        from smartcity._checks import shown  # noqa: PLC0415 - _checks imports this module

        return f"no SLA policy named {shown(self.name)}; the schedule has: {', '.join(self.known)}"


class InvalidStatisticsError(SmartCityError, ValueError):
    """A statistics request that cannot be answered (an unknown grouping, a bad sample size)."""


class SerializationError(InvalidArgumentError):
    """A value or a class that :mod:`smartcity.serialization` does not write or read.

    Data that does not fit is a :class:`ValidationError`; this error is about the request
    itself, e.g. ``to_dict`` of a derived value such as a ``RoutingDecision``. It is an
    :class:`InvalidArgumentError` (and a ``TypeError``).
    """


class InvalidOptionError(SmartCityError, ValueError):
    """An option outside its documented values, e.g. a language other than ``"id"``/``"en"``."""


def _restore_error(
    cls: type[SmartCityError], args: tuple[object, ...], state: dict[str, object]
) -> SmartCityError:
    """Rebuild a pickled error (see ``SmartCityError.__reduce__``)."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class UnknownRequestError(UnknownCodeError):
    """A service request id (a report id) that none of the reports given has (Open311: 404)."""

    what = "service request"
    hint = "GET requests lists the requests there are"


class RejectedKeyError(SmartCityError, ValueError):
    """An API key that the server does not accept (Open311: answer 403).

    The key itself is never shown: it is a secret.
    """
