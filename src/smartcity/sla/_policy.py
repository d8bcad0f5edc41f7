"""SLA policies: a target, and the statuses that start, pause and stop its clock."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import typing
from collections.abc import Iterable

import attrs

from smartcity._checks import real_number, shown, text, tuple_of
from smartcity.exceptions import InvalidPolicyError
from smartcity.reports import ReportStatus
from smartcity.sla._targets import WorkingDays, WorkingDuration

__all__ = ["SlaPolicy"]

MAX_NAME: typing.Final = 100
"""The longest policy (clock) name; it is part of every escalation key."""
MAX_FRACTION: typing.Final = 1_000
"""The largest threshold, as a fraction of the target."""


def _status(value: object, argument: str) -> ReportStatus:
    if not isinstance(value, ReportStatus):
        raise InvalidPolicyError(
            f"policy statuses must be ReportStatus members, not {shown(value)}; "
            f"e.g. start_on={{ReportStatus.ASSIGNED}} ({argument})"
        )
    return value


def _statuses(values: Iterable[ReportStatus] | ReportStatus) -> frozenset[ReportStatus]:
    # A lone status is taken as a set of one.
    if isinstance(values, ReportStatus):
        return frozenset((values,))
    return frozenset(tuple_of(values, "statuses", _status, max_items=len(ReportStatus)))


def _threshold(value: object, argument: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        raise InvalidPolicyError(f"a threshold is a fraction of the target, not {shown(value)}")
    return real_number(value, argument, error=InvalidPolicyError, maximum=MAX_FRACTION)


def _thresholds(values: Iterable[float]) -> tuple[float, ...]:
    return tuple_of(values, "thresholds", _threshold, max_items=100, error=InvalidPolicyError)


def _names(statuses: Iterable[ReportStatus]) -> str:
    return ", ".join(sorted(status.value for status in statuses))


@typing.final
@attrs.frozen
class SlaPolicy:
    """A promise on reports: a target, and the statuses that start, pause and stop its clock.

    The clock (:class:`~smartcity.sla.SlaClock`) starts when the report enters a status of
    ``start_on``, runs while it is in any status that neither pauses nor stops it, stands still
    in a ``pause_on`` status, and stops in a ``stop_on`` status. Entering a ``start_on`` status
    again after a stop (a reopened report) starts a new cycle.

    Example::

        follow_up = SlaPolicy(
            "follow-up",
            WorkingDays(5),
            start_on={ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS},
            pause_on={ReportStatus.WAITING_FOR_REPORTER},
            stop_on={ReportStatus.RESOLVED, ReportStatus.REJECTED, ReportStatus.REFERRED},
        )

    Attributes:
        name: the clock's name, e.g. ``"follow-up"``; it identifies the clock in a schedule and
            in escalation keys.
        target: :class:`~smartcity.sla.WorkingDays` or :class:`~smartcity.sla.WorkingDuration`.
        start_on: the statuses that start the clock (at least one).
        pause_on: the statuses in which it stands still (none by default).
        stop_on: the statuses that stop it (at least one).
        thresholds: the fractions of the target at which to warn, strictly increasing and above
            zero; 1.0 is the deadline, 1.5 is "half the target overdue".
        same_day_cutoff: for :class:`~smartcity.sla.WorkingDays` targets only: a local time of
            day; a report received on a working day before it (and before that day's close of
            business) counts the day of receipt as day 1.

    Raises:
        InvalidPolicyError: a blank name, an empty ``start_on`` or ``stop_on``, a status that
            both starts and stops, pauses and stops, or starts and pauses the clock; thresholds
            that are not strictly increasing positive numbers; a cutoff with a working-time
            target or with a time zone.
    """

    name: str
    target: WorkingDays | WorkingDuration
    start_on: frozenset[ReportStatus] = attrs.field(kw_only=True, converter=_statuses)
    pause_on: frozenset[ReportStatus] = attrs.field(
        kw_only=True, default=frozenset(), converter=_statuses
    )
    stop_on: frozenset[ReportStatus] = attrs.field(kw_only=True, converter=_statuses)
    thresholds: tuple[float, ...] = attrs.field(
        kw_only=True, default=(0.5, 0.75, 1.0), converter=_thresholds
    )
    same_day_cutoff: dt.time | None = attrs.field(kw_only=True, default=None)

    def __attrs_post_init__(self) -> None:
        """Refuse a policy whose clock could not be told apart from another state."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidPolicyError(
                f"a policy needs a name, such as 'follow-up'; not {shown(self.name)}"
            )
        text(self.name, "a policy's name", error=InvalidPolicyError, max_length=MAX_NAME)
        where = f"policy {shown(self.name)}"
        if not isinstance(self.target, WorkingDays | WorkingDuration):
            raise InvalidPolicyError(
                f"{where}: the target must be WorkingDays(n) or WorkingDuration(timedelta), "
                f"not {shown(self.target)}"
            )
        _check_statuses(self, where)
        _check_thresholds(self.thresholds, where)
        _check_cutoff(self, where)

    def __str__(self) -> str:
        """Name and target: ``follow-up (5 working days)``."""
        return f"{self.name} ({self.target})"


def _check_statuses(policy: SlaPolicy, where: str) -> None:
    if not policy.start_on:
        raise InvalidPolicyError(f"{where}: start_on is empty; name the statuses that start it")
    if not policy.stop_on:
        raise InvalidPolicyError(f"{where}: stop_on is empty; name the statuses that stop it")
    for first, second, verbs in (
        (policy.start_on, policy.stop_on, "start and stop"),
        (policy.pause_on, policy.stop_on, "pause and stop"),
        (policy.start_on, policy.pause_on, "start and pause"),
    ):
        both = first & second
        if both:
            raise InvalidPolicyError(
                f"{where}: {_names(both)} cannot both {verbs} the clock; keep each status "
                f"in one of start_on, pause_on and stop_on"
            )


def _check_thresholds(thresholds: tuple[float, ...], where: str) -> None:
    previous = 0.0
    for value in thresholds:
        if not (math.isfinite(value) and value > previous):
            raise InvalidPolicyError(
                f"{where}: thresholds {thresholds} must be finite fractions of the "
                f"target, above zero and strictly increasing, e.g. (0.5, 0.75, 1.0)"
            )
        previous = value


def _check_cutoff(policy: SlaPolicy, where: str) -> None:
    cutoff = policy.same_day_cutoff
    if cutoff is None:
        return
    if not isinstance(cutoff, dt.time) or cutoff.tzinfo is not None:
        raise InvalidPolicyError(
            f"{where}: same_day_cutoff is a local time of day without a zone, such as "
            f"time(12), not {shown(cutoff)}"
        )
    if not isinstance(policy.target, WorkingDays):
        raise InvalidPolicyError(
            f"{where}: same_day_cutoff counts the day of receipt as a working day; it "
            f"applies to WorkingDays targets only"
        )
