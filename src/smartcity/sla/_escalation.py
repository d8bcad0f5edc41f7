"""Escalation: who must be told, when a clock crosses a fraction of its target."""

from __future__ import annotations

import datetime as dt
import decimal
import numbers
import typing
from collections.abc import Iterable

import attrs
import pendulum

from smartcity._checks import real_number, shown, text, tuple_of
from smartcity.exceptions import ChronologyError, InvalidPolicyError, UnknownPolicyError
from smartcity.reports import Report
from smartcity.sla._asof import snapshot
from smartcity.sla._calendar._core import WorkingCalendar
from smartcity.sla._clock import ClockState, SlaCycle, check_now, covered, each, require
from smartcity.sla._policy import MAX_FRACTION, MAX_NAME
from smartcity.sla._schedule import SlaSchedule
from smartcity.sla._targets import WorkingDays

__all__ = ["Escalation", "EscalationPolicy", "EscalationStep", "due_escalations"]

MAX_STEPS: typing.Final = 100
"""The most steps (and watched clocks) an escalation policy has."""
MAX_REPEATS: typing.Final = 1_000
"""The most reminders a step sends."""


def _check_fraction(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | decimal.Decimal):
        raise InvalidPolicyError(
            f"an escalation step is due at a fraction of the target above zero (0.5, 1.0, "
            f"1.5...), not {shown(value)}"
        )
    fraction = real_number(value, "an escalation step's fraction", error=InvalidPolicyError)
    if not 0 < fraction <= MAX_FRACTION:
        raise InvalidPolicyError(
            f"an escalation step is due at a fraction of the target above zero and at most "
            f"{MAX_FRACTION:,} (0.5, 1.0, 1.5...), not {shown(value)}"
        )
    return fraction


@typing.final
@attrs.frozen
class EscalationStep:
    """Tell someone when a clock has used a fraction of its target; maybe remind them.

    Attributes:
        at: the fraction of the target (0.5 halfway, 1.0 at the deadline, 1.5 half a target
            late). Pauses move it later, as they move the deadline.
        notify: who to tell, a role the caller resolves to people: ``"agency"``,
            ``"agency-head"``, ``"coordinator"``...
        repeat_every: remind again every so many working days while the cycle is open (a
            reminder that falls while the clock is paused is skipped); None for no reminders.
        max_repeats: how many reminders at most.

    Raises:
        InvalidPolicyError: a fraction that is not above zero, a blank role, reminders without
            a count or a count without reminders.
    """

    at: float = attrs.field(converter=_check_fraction)
    notify: str = attrs.field()
    repeat_every: WorkingDays | None = attrs.field(kw_only=True, default=None)
    max_repeats: int = attrs.field(kw_only=True, default=0)

    def __attrs_post_init__(self) -> None:
        """Check the role, and that reminders have an interval and a count."""
        if not isinstance(self.notify, str) or not self.notify.strip():
            raise InvalidPolicyError(f"notify must be a non-blank role, not {shown(self.notify)}")
        text(self.notify, "notify", error=InvalidPolicyError, max_length=MAX_NAME)
        every, count = self.repeat_every, self.max_repeats
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_REPEATS:
            raise InvalidPolicyError(
                f"max_repeats must be a whole number from 0 to {MAX_REPEATS:,}, not {shown(count)}"
            )
        if every is not None and not isinstance(every, WorkingDays):
            raise InvalidPolicyError(
                f"repeat_every is a number of working days, WorkingDays(k), not {shown(every)}"
            )
        if (every is None) != (count == 0):
            raise InvalidPolicyError(
                "give both repeat_every=WorkingDays(k) and max_repeats >= 1 for reminders, "
                "or neither"
            )


def _step(value: object, argument: str) -> EscalationStep:
    if not isinstance(value, EscalationStep):
        raise InvalidPolicyError(
            f"escalation steps must be EscalationStep, not {shown(value)} ({argument})"
        )
    return value


def _steps(values: Iterable[EscalationStep]) -> tuple[EscalationStep, ...]:
    return tuple_of(values, "steps", _step, max_items=MAX_STEPS, error=InvalidPolicyError)


def _clock_name(value: object, argument: str) -> str:
    return text(value, argument, error=InvalidPolicyError, max_length=MAX_NAME)


def _names(values: Iterable[str]) -> frozenset[str]:
    names = frozenset(
        (_clock_name(values, "clocks"),)
        if isinstance(values, str)
        else tuple_of(values, "clocks", _clock_name, max_items=MAX_STEPS, error=InvalidPolicyError)
    )
    if not names:
        raise InvalidPolicyError("clocks names the clocks to watch, e.g. {'follow-up'}; not none")
    return names


@typing.final
@attrs.frozen
class EscalationPolicy:
    """The escalation ladder of some clocks: steps at fractions of the target, in order.

    Attributes:
        steps: the steps, their fractions in non-decreasing order (two steps at one fraction
            tell two roles at once).
        clocks: the clock names (policy names) the ladder watches, e.g. ``{"follow-up"}``.

    Raises:
        InvalidPolicyError: no steps, fractions that decrease, no clock names.
    """

    steps: tuple[EscalationStep, ...] = attrs.field(converter=_steps)
    clocks: frozenset[str] = attrs.field(kw_only=True, converter=_names)

    def __attrs_post_init__(self) -> None:
        """Check the order of the steps."""
        if not self.steps:
            raise InvalidPolicyError("an escalation policy needs at least one step")
        fractions = [step.at for step in self.steps]
        if fractions != sorted(fractions):
            raise InvalidPolicyError(
                f"escalation steps must come in the order of their fractions, not {fractions}"
            )

    @classmethod
    def standard(
        cls,
        *,
        clocks: Iterable[str] = ("verification", "follow-up"),
        repeat_every: WorkingDays = WorkingDays(2),  # noqa: B008 - a frozen value
        max_repeats: int = 5,
    ) -> EscalationPolicy:
        """Return the usual ladder: the agency, its head, then the city coordinator.

        * at 50 % of the target: ``"agency"`` (a reminder halfway);
        * at 100 % (the deadline): ``"agency-head"``;
        * at 150 %: ``"coordinator"``, reminded every 2 working days, at most 5 times.

        Args:
            clocks: the clocks it watches; by default those of
                :func:`smartcity.samples.semarang_schedule` that an agency can act on (not the
                auto-close clock).
            repeat_every: the coordinator's reminder interval.
            max_repeats: how many reminders at most.
        """
        return cls(
            (
                EscalationStep(0.5, "agency"),
                EscalationStep(1.0, "agency-head"),
                EscalationStep(
                    1.5, "coordinator", repeat_every=repeat_every, max_repeats=max_repeats
                ),
            ),
            clocks=clocks,
        )


@typing.final
@attrs.frozen
class Escalation:
    """A notification that is due: tell ``notify`` about a report.

    Attributes:
        key: ``"report-id/clock/cycle/step/repeat"``, stable across runs: store the keys sent
            and never send one twice.
        report_id: the report.
        clock: the clock (policy) name.
        cycle: the cycle number of that clock.
        step: the step number, 1 for the first step of the ladder.
        repeat: 0 for the step itself, then 1, 2... for its reminders.
        notify: the role to tell.
        agency: the agency the report was assigned to at ``now`` (None if not assigned), so
            the caller can find the people behind the role.
        due_at: when it became due, in the calendar's zone.
    """

    key: str
    report_id: str
    clock: str
    cycle: int
    step: int
    repeat: int
    notify: str
    agency: str | None
    due_at: pendulum.DateTime


def _cycle_escalations(
    cycle: SlaCycle,
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
    now: dt.datetime,
    where: str,
) -> list[tuple[int, int, EscalationStep, pendulum.DateTime]]:
    due = []
    for number, step in enumerate(policy.steps, start=1):
        instant = cycle.instant_at(step.at)
        # Fractions never decrease along the ladder, so nor do their instants.
        if instant is None or instant > now:
            break
        due.append((number, 0, step, instant))
        if step.repeat_every is None:
            continue
        every = step.repeat_every.n
        for repeat in range(1, step.max_repeats + 1):
            reminder = covered(where, calendar.add_working_days, instant, repeat * every)
            if reminder > now:
                break
            if cycle.state(reminder) is not ClockState.PAUSED:
                due.append((number, repeat, step, reminder))
    return due


def _report_escalations(  # noqa: PLR0917 - a private helper of due_escalations
    report: Report,
    names: tuple[str, ...],
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    escalation: EscalationPolicy,
    now: dt.datetime,
    since: dt.datetime | None,
) -> list[Escalation]:
    found = []
    for clock in schedule.clocks(report, calendar, names=names):
        for cycle in clock.cycles:
            if cycle.start > now:
                break
            if cycle.stop is not None and cycle.stop <= now:
                continue
            where = f"report {clock.report_id}, {clock.policy.name} clock, cycle {cycle.number}"
            for step_number, repeat, step, due_at in _cycle_escalations(
                cycle, escalation, calendar, now, where
            ):
                if since is None or due_at > since:
                    key = "/".join(
                        (
                            clock.report_id,
                            clock.policy.name,
                            *map(str, (cycle.number, step_number, repeat)),
                        )
                    )
                    found.append(
                        Escalation(
                            key,
                            clock.report_id,
                            clock.policy.name,
                            cycle.number,
                            step_number,
                            repeat,
                            step.notify,
                            None,
                            due_at,
                        )
                    )
    if found:
        # The agency is looked up once per report, and only for reports with something due.
        agency = snapshot(report, now).agency
        found = [attrs.evolve(item, agency=agency) for item in found]
    return found


def due_escalations(
    reports: Iterable[Report],
    *,
    now: dt.datetime,
    schedule: SlaSchedule,
    calendar: WorkingCalendar,
    escalation: EscalationPolicy,
    since: dt.datetime | None = None,
) -> tuple[Escalation, ...]:
    """Return the escalations due at ``now``, each once, oldest first.

    A step is due at the instant its clock's cycle reaches the step's fraction of the target;
    a reminder, ``repeat * k`` working days after that (close of business). Only cycles still
    open at ``now`` escalate: a resolved report needs no reminder. Reports submitted after
    ``now`` are left out.

    Run it on a schedule with ``since=`` the previous run's ``now``: each key is then returned
    by exactly one run, the first whose window ``(since, now]`` holds its instant. Without
    ``since``, every escalation already due is returned, to de-duplicate by ``key``.

    Args:
        reports: the reports to look at.
        now: the instant of the run (aware).
        schedule: the schedule that gives each report its clocks.
        calendar: the working calendar.
        escalation: the ladder, and which clocks it watches.
        since: the previous run's ``now``: return only what became due after it.

    Returns:
        The escalations, sorted by ``due_at`` then ``key``.

    Raises:
        NaiveDatetimeError: ``now`` or ``since`` without a time zone.
        ChronologyError: ``since`` after ``now``.
        UnknownPolicyError: the escalation watches a clock the schedule does not have.
        CalendarCoverageError: a report's instants outside the calendar's coverage.
    """
    check_now(now)
    require(schedule, SlaSchedule, "schedule")
    require(calendar, WorkingCalendar, "calendar")
    require(escalation, EscalationPolicy, "escalation")
    if since is not None:
        check_now(since, "since")
        if since > now:
            raise ChronologyError(
                f"since {since.isoformat()} is after now {now.isoformat()}; pass the previous "
                f"run's now"
            )
    names = tuple(sorted(escalation.clocks))
    for name in names:
        if name not in schedule.names:
            raise UnknownPolicyError(name, schedule.names)
    found: list[Escalation] = []
    for report in each(reports, Report, "reports"):
        if report.submitted_at <= now:
            found.extend(
                _report_escalations(report, names, schedule, calendar, escalation, now, since)
            )
    found.sort(key=lambda item: (item.due_at, item.key))
    return tuple(found)
