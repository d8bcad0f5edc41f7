"""SLA targets: whole working days, or working time; never one turned into the other."""

from __future__ import annotations

import datetime as dt
import typing

import attrs

from smartcity._checks import shown
from smartcity.exceptions import InvalidDurationError

__all__ = ["Target", "WorkingDays", "WorkingDuration"]

# The calendar refuses more than a million working days; a target that large is a typo anyway.
_MAX_DAYS: typing.Final = 100_000


def _check_days(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidDurationError(
            f"WorkingDays takes a whole number of working days, not {shown(value)}; "
            f"for hours use WorkingDuration(timedelta(hours=...))"
        )
    if not 1 <= value <= _MAX_DAYS:
        raise InvalidDurationError(
            f"WorkingDays({shown(value)}) is out of range: a target is 1 to {_MAX_DAYS:,} "
            f"working days"
        )


def _check_duration(value: object) -> None:
    if not isinstance(value, dt.timedelta):
        raise InvalidDurationError(
            f"WorkingDuration takes a datetime.timedelta, not {shown(value)}; "
            f"for whole working days use WorkingDays(n)"
        )
    if value <= dt.timedelta(0):
        raise InvalidDurationError(
            f"WorkingDuration({shown(value)}) is not positive; a target is some working time"
        )
    if value > dt.timedelta(days=_MAX_DAYS):
        raise InvalidDurationError(f"WorkingDuration({shown(value)}) is out of range")


@typing.final
@attrs.frozen
class WorkingDays:
    """A target in whole working days, the regulations' unit: ``WorkingDays(5)``.

    The deadline is the close of business of the n-th working day after the day of receipt
    (:meth:`WorkingCalendar.add_working_days <smartcity.sla.WorkingCalendar.add_working_days>`);
    a working day is never turned into a number of hours.

    Attributes:
        n: the number of working days, 1 or more.
    """

    n: int = attrs.field()

    @n.validator
    def _check(self, _attribute: object, value: object) -> None:
        _check_days(value)

    def __str__(self) -> str:
        """Say it as a person would: ``5 working days``."""
        return f"{self.n} working day{'' if self.n == 1 else 's'}"


@typing.final
@attrs.frozen
class WorkingDuration:
    """A target in working time, for hours-based promises: ``WorkingDuration(timedelta(hours=4))``.

    The deadline is the instant at which that much working time has passed
    (:meth:`WorkingCalendar.add_working_time <smartcity.sla.WorkingCalendar.add_working_time>`).

    Attributes:
        duration: the working time, more than zero.
    """

    duration: dt.timedelta = attrs.field()

    @duration.validator
    def _check(self, _attribute: object, value: object) -> None:
        _check_duration(value)

    def __str__(self) -> str:
        """Say it as a person would: ``4:00:00 of working time``."""
        return f"{self.duration} of working time"


Target: typing.TypeAlias = WorkingDays | WorkingDuration
"""What a policy promises: :class:`WorkingDays` or :class:`WorkingDuration`."""
