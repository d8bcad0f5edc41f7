"""SLA clocks: what a policy's target means for one report, computed from its history."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import attrs
import pendulum

from smartcity._checks import aware_datetime, instance, real_number, shown, type_name
from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidArgumentError,
    InvalidDurationError,
)
from smartcity.reports import Report, ReportEvent, ReportStatus
from smartcity.sla._calendar._core import WorkingCalendar
from smartcity.sla._policy import MAX_FRACTION, SlaPolicy
from smartcity.sla._targets import WorkingDays

__all__ = ["ClockState", "SlaClock", "SlaCycle"]

_ZERO: typing.Final = dt.timedelta(0)

_T = typing.TypeVar("_T")

# One stretch of running time: (start, end or None while it runs, elapsed before it, elapsed at
# its end or None while it runs). Plain tuples: a clock is built for every report of a city, so
# the inner loop stays free of object construction.
_Run = tuple[dt.datetime, dt.datetime | None, dt.timedelta, dt.timedelta | None]
_Changes = tuple[tuple[dt.datetime, ReportStatus], ...]


@typing.final
class ClockState(enum.Enum):
    """Where a clock stands at an instant."""

    NOT_STARTED = "not_started"
    """No cycle has started yet (or the history never enters a start status)."""
    RUNNING = "running"
    """Started, not paused, not stopped: working time counts against the budget."""
    PAUSED = "paused"
    """Started and standing still: working time does not count."""
    MET = "met"
    """Stopped at or before the deadline."""
    MISSED = "missed"
    """Stopped after the deadline."""


def check_now(now: object, argument: str = "now") -> None:
    """Refuse what is not an aware datetime (see :func:`smartcity._checks.aware_datetime`)."""
    aware_datetime(now, argument)


def require(value: object, cls: type, argument: str) -> None:
    """Refuse an argument of the wrong type early, with a message that says what is expected."""
    instance(value, cls, argument)


def each(values: object, cls: type[_T], argument: str) -> Iterator[_T]:
    """Iterate over ``values``, refusing a non-collection and any item that is not a ``cls``.

    Lazy: a generator of a million reports is checked as it is read, never copied.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidArgumentError(
            f"{argument} must be a collection of {cls.__name__} values, not "
            f"{type_name(values)} {shown(values)}"
        )
    for index, value in enumerate(values):
        yield instance(value, cls, f"{argument}[{index}]")


def covered(where: str, call: Callable[..., _T], *args: object) -> _T:
    """Run a calendar call; say which report and clock asked when it leaves the coverage."""
    try:
        return call(*args)
    except CalendarCoverageError as error:
        raise CalendarCoverageError(error.day, error.coverage, what=where) from error


@typing.final
@attrs.frozen
class SlaCycle:
    """One cycle of a clock: from a start to a stop (or to now, while it runs).

    A reopened report starts a new cycle; the completed ones are kept with their outcome.
    Instants that come from the history (``start``, ``stop``, ``pauses``) are the events'
    own datetimes, as recorded; computed instants (``deadline``, thresholds) are
    :class:`pendulum.DateTime` values in the calendar's zone. Every method that takes ``now``
    evaluates the cycle as it stood at ``now``: events after ``now`` are ignored.

    Attributes:
        number: 1 for the first cycle, 2 after the first reopen, and so on.
        start: when the report entered a start status.
        stop: when it entered a stop status, or None while the cycle is open.
        budget: the working time the target allows, from ``start`` to the target deadline
            (for ``WorkingDays(n)``: to the close of business of the n-th working day).
        deadline: the instant the budget is (or was, or will be) used up. While the cycle is
            paused before that, it is unknown: None. For a cycle stopped before its budget was
            used, the deadline that was in force (had it gone on from the stop).
        outcome: :attr:`ClockState.MET` or :attr:`ClockState.MISSED` once stopped, else None.
        pauses: the paused intervals, ``(start, end)``; ``end`` is None while paused.
        thresholds: the policy's warning fractions, for ``threshold_instants``.
    """

    number: int
    start: dt.datetime
    stop: dt.datetime | None
    budget: dt.timedelta
    deadline: pendulum.DateTime | None
    outcome: ClockState | None
    pauses: tuple[tuple[dt.datetime, dt.datetime | None], ...]
    thresholds: tuple[float, ...] = attrs.field(repr=False)
    _runs: tuple[_Run, ...] = attrs.field(repr=False)
    _reached: pendulum.DateTime | None = attrs.field(repr=False)
    _calendar: WorkingCalendar = attrs.field(repr=False, eq=False)
    _where: str = attrs.field(repr=False, eq=False)

    # -- instants that do not depend on now --------------------------------------------------

    @functools.cached_property
    def threshold_instants(self) -> tuple[pendulum.DateTime | None, ...]:
        """When each of the policy's thresholds is crossed, in the order of the thresholds.

        None for a threshold the cycle never reaches (it stopped first) or whose instant is
        not known yet (the cycle is paused before reaching it). Pauses before a threshold move
        it later. A threshold reached exactly when the cycle stops is not crossed.
        """
        return tuple(self.instant_at(fraction) for fraction in self.thresholds)

    def instant_at(self, fraction: float) -> pendulum.DateTime | None:
        """Return when the elapsed working time reaches ``fraction`` of the budget.

        Args:
            fraction: more than zero; 1.0 is the deadline, 1.5 half the budget after it.

        Returns:
            The instant, or None when the cycle stops at or before it, or is paused before it
            (unknown until the pause ends).
        """
        fraction = real_number(fraction, "fraction", error=InvalidDurationError)
        if fraction <= 0:
            raise InvalidDurationError(
                f"fraction must be a finite number above zero, not {shown(fraction)}"
            )
        if fraction > MAX_FRACTION:
            raise InvalidDurationError(
                f"fraction {shown(fraction)} is more than {MAX_FRACTION:,} times the budget; "
                f"no cycle runs that long"
            )
        amount = self.budget if fraction == 1 else self.budget * fraction
        instant = self._reached if amount == self.budget else self._reach(amount)
        if instant is None or (self.stop is not None and instant >= self.stop):
            return None
        return instant

    def _reach(self, amount: dt.timedelta) -> pendulum.DateTime | None:
        for start, _end, before, after in self._runs:
            if after is None or after >= amount:
                return covered(self._where, self._calendar.add_working_time, start, amount - before)
        return None

    # -- the cycle as it stood at now --------------------------------------------------------

    def _run_at(self, now: dt.datetime) -> _Run:
        """The run that started last at or before ``now`` (``now >= start``)."""
        runs = self._runs
        for run in reversed(runs):
            if run[0] <= now:
                return run
        return runs[0]

    def state(self, now: dt.datetime) -> ClockState:
        """Return where the cycle stood at ``now``: not started, running, paused, met, missed."""
        check_now(now)
        return self._state(now)

    def _state(self, now: dt.datetime) -> ClockState:
        if now < self.start:
            return ClockState.NOT_STARTED
        stop = self.stop
        if stop is not None and now >= stop:
            return typing.cast("ClockState", self.outcome)
        end = self._run_at(now)[1]
        return ClockState.PAUSED if end is not None and now >= end else ClockState.RUNNING

    def elapsed(self, now: dt.datetime) -> dt.timedelta:
        """Return the working time used by ``now``, pauses left out; frozen once stopped."""
        check_now(now)
        return self._elapsed(now)

    def _elapsed(self, now: dt.datetime) -> dt.timedelta:
        if now <= self.start:
            return _ZERO
        stop = self.stop
        if stop is not None and now >= stop:
            return typing.cast("dt.timedelta", self._runs[-1][3])
        start, end, before, after = self._run_at(now)
        if end is not None and now >= end:
            return typing.cast("dt.timedelta", after)
        return before + covered(self._where, self._calendar.working_time_between, start, now)

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        """Return the budget left at ``now``: negative once working time passed the deadline."""
        return self.budget - self.elapsed(now)

    def fraction(self, now: dt.datetime) -> float:
        """Return the elapsed working time as a fraction of the budget (above 1 when late)."""
        return self.elapsed(now) / self.budget

    def breached(self, now: dt.datetime) -> bool:
        """Return whether ``now`` is past the deadline (instants compared, not working time).

        A cycle whose deadline was 16:00 is breached at 18:00, although no working time has
        passed since; a stopped cycle is breached when it was missed.
        """
        check_now(now)
        if now < self.start:
            return False
        stop = self.stop
        if stop is not None and now >= stop:
            return self.outcome is ClockState.MISSED
        reached = self._reached
        return reached is not None and reached < now

    def deadline_at(self, now: dt.datetime) -> pendulum.DateTime | None:
        """Return the deadline as it stood at ``now``, knowing only the events up to ``now``.

        None before the start, and while paused before the budget was used up.
        """
        check_now(now)
        if now < self.start:
            return None
        stop = self.stop
        if stop is not None and now >= stop:
            return self.deadline
        reached = self._reached
        if reached is not None and reached <= now:
            return reached
        start, end, before, after = self._run_at(now)
        if end is not None and now >= end:
            return None
        if after is None or after >= self.budget:
            # The budget runs out in this run: the deadline the whole history gives.
            return reached
        # The run was paused or stopped later; at now, the clock was expected to go on.
        return covered(self._where, self._calendar.add_working_time, start, self.budget - before)

    def working_days_left(self, now: dt.datetime) -> int | None:
        """Return the working days from ``now``'s date to the deadline's (the "H-n" of a desk).

        0 when due today, negative when overdue by that many working days; None when the
        deadline is not known at ``now`` or the cycle has stopped.
        """
        if self.state(now) not in (ClockState.RUNNING, ClockState.PAUSED):
            return None
        deadline = self.deadline_at(now)
        if deadline is None:
            return None
        return covered(self._where, self._calendar.working_days_between, now, deadline)


# -- building the cycles from a history --------------------------------------------------------


def status_changes(history: Sequence[ReportEvent]) -> _Changes:
    """Return ``(at, status)`` for each event that changed the status (and the submission)."""
    changes = []
    previous = None
    for event in history:
        status = event.status
        if status is not previous:
            changes.append((event.at, status))
            previous = status
    return tuple(changes)


@attrs.define
class _RawCycle:
    start: dt.datetime
    runs: list[list[dt.datetime | None]]
    pauses: list[list[dt.datetime | None]]
    stop: dt.datetime | None = None
    stopped_paused: bool = False


def _raw_cycles(changes: _Changes, policy: SlaPolicy) -> list[_RawCycle]:
    """Split a status timeline into cycles of running and paused intervals."""
    start_on, pause_on, stop_on = policy.start_on, policy.pause_on, policy.stop_on
    cycles = []
    current: _RawCycle | None = None
    for at, status in changes:
        if current is None:
            # Stops and pauses before a start mean nothing for this policy: they are ignored.
            if status in start_on:
                current = _RawCycle(at, [[at, None]], [])
            continue
        paused = current.runs[-1][1] is not None
        if status in stop_on:
            if paused:
                current.pauses[-1][1] = at
            else:
                current.runs[-1][1] = at
            current.stop = at
            current.stopped_paused = paused
            cycles.append(current)
            current = None
        elif status in pause_on:
            if not paused:
                current.runs[-1][1] = at
                current.pauses.append([at, None])
        elif paused:
            # Any status that neither pauses nor stops lets the clock run again.
            current.pauses[-1][1] = at
            current.runs.append([at, None])
    if current is not None:
        cycles.append(current)
    return cycles


# The cycles are measured on integer microseconds (the calendar's own scale): each instant of
# the history is converted once, the calendar's µs-level methods do the arithmetic, and a
# pendulum.DateTime is built only for the instants a cycle keeps (its deadline).


def _days_deadline(
    calendar: WorkingCalendar, start: dt.datetime, start_us: int, n: int, cutoff: dt.time | None
) -> int:
    if cutoff is not None and calendar._is_working_day_us(start_us):  # noqa: SLF001 - same package
        cutoff_us = (
            (cutoff.hour * 60 + cutoff.minute) * 60 + cutoff.second
        ) * 1_000_000 + cutoff.microsecond
        if calendar._local_time_us(start_us) < cutoff_us:  # noqa: SLF001
            # The day of receipt is day 1: its own close of business, found on the day itself
            # (never through the day before, which may lie outside the coverage, or not exist
            # at all in a zone that skipped a date).
            first_close = calendar._close_of_day_us(start_us)  # noqa: SLF001
            # After the close of business the day has no time left to count as day 1.
            if start_us < first_close:
                if n == 1:
                    return first_close
                return calendar._add_working_days_us(start_us, n - 1, start)  # noqa: SLF001
    return calendar._add_working_days_us(start_us, n, start)  # noqa: SLF001


class _Measure:
    """One cycle's instants as µs, each converted (and its working time found) once."""

    __slots__ = ("calendar", "us", "worked")

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.us: dict[dt.datetime, int] = {}
        self.worked: dict[int, int] = {}

    def of(self, instant: dt.datetime) -> int:
        us = self.us.get(instant)
        if us is None:
            us = self.us[instant] = self.calendar._us(instant, "at")  # noqa: SLF001
        return us

    def worked_before(self, us: int) -> int:
        worked = self.worked.get(us)
        if worked is None:
            worked = self.worked[us] = self.calendar._worked_before(us, "at")  # noqa: SLF001
        return worked

    def add(self, start: dt.datetime, amount: int) -> int:
        """The instant ``amount`` µs of working time after ``start``."""
        us = self.of(start)
        return self.calendar._add_working_time_us(  # noqa: SLF001
            us, self.worked_before(us), amount, start
        )


def _runs(
    raw: _RawCycle, budget: int, deadline0: int | None, measure: _Measure
) -> tuple[list[_Run], int | None]:
    """Measure each run, and find the instant the budget runs out (None: not in these runs)."""
    runs: list[_Run] = []
    before = 0
    reached: int | None = None
    for index, (run_start, run_end) in enumerate(raw.runs):
        run_start = typing.cast("dt.datetime", run_start)
        start_us = measure.of(run_start)
        after = (
            None
            if run_end is None
            else before
            + measure.worked_before(measure.of(run_end))
            - measure.worked_before(start_us)
        )
        if reached is None and (after is None or after >= budget):
            if index == 0 and deadline0 is not None:
                # From the start with nothing used, the budget ends at the target deadline.
                reached = deadline0
            else:
                reached = measure.add(run_start, budget - before)
        runs.append(
            (
                run_start,
                run_end,
                dt.timedelta(microseconds=before),
                None if after is None else dt.timedelta(microseconds=after),
            )
        )
        if after is not None:
            before = after
    return runs, reached


def _deadline_at_stop(
    raw: _RawCycle,
    runs: list[_Run],
    budget: int,
    deadline0: int | None,
    measure: _Measure,
) -> int:
    """The deadline in force when a cycle stopped before its budget ran out."""
    if raw.stopped_paused:
        # Had the clock resumed at the stop, the rest of the budget would have run from there.
        used = _us_of(typing.cast("dt.timedelta", runs[-1][3]))
        return measure.add(typing.cast("dt.datetime", raw.stop), budget - used)
    if len(runs) == 1 and deadline0 is not None:
        return deadline0
    last_start, _, last_before, _ = runs[-1]
    return measure.add(last_start, budget - _us_of(last_before))


def _us_of(duration: dt.timedelta) -> int:
    return (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds


def _cycle(
    number: int, raw: _RawCycle, policy: SlaPolicy, calendar: WorkingCalendar, where: str
) -> SlaCycle:
    start, stop = raw.start, raw.stop
    target = policy.target
    measure = _Measure(calendar)
    start_us = measure.of(start)
    deadline0: int | None = None
    if isinstance(target, WorkingDays):
        deadline0 = _days_deadline(calendar, start, start_us, target.n, policy.same_day_cutoff)
        budget = measure.worked_before(deadline0) - measure.worked_before(start_us)
    else:
        budget = _us_of(target.duration)
    runs, reached_us = _runs(raw, budget, deadline0, measure)
    datetime = calendar._datetime  # noqa: SLF001 - same package
    reached = None if reached_us is None else datetime(reached_us)
    deadline = reached
    outcome = None
    if stop is not None:
        if reached is None:
            deadline = datetime(_deadline_at_stop(raw, runs, budget, deadline0, measure))
        # Instants, not working time: a stop at 18:00 after a 16:00 deadline is late.
        outcome = (
            ClockState.MISSED
            if reached_us is not None and reached_us < measure.of(stop)
            else ClockState.MET
        )
    return SlaCycle(
        number,
        start,
        stop,
        dt.timedelta(microseconds=budget),
        deadline,
        outcome,
        tuple((p[0], p[1]) for p in raw.pauses),  # type: ignore[misc]
        policy.thresholds,
        tuple(runs),
        reached,
        calendar,
        where,
    )


def build_cycles(
    report_id: str, changes: _Changes, policy: SlaPolicy, calendar: WorkingCalendar
) -> tuple[SlaCycle, ...]:
    """Compute every cycle of ``policy`` over a status timeline."""
    cycles = []
    for number, raw in enumerate(_raw_cycles(changes, policy), start=1):
        where = f"report {report_id}, {policy.name} clock, cycle {number}"
        try:
            cycles.append(_cycle(number, raw, policy, calendar, where))
        except CalendarCoverageError as error:
            raise CalendarCoverageError(error.day, error.coverage, what=where) from error
    return tuple(cycles)


@typing.final
@attrs.frozen(repr=False)
class SlaClock:
    """One policy's clock on one report, computed from the report's history and a calendar.

    Make it with :meth:`of`; it is never stored by hand. The cycles are computed once, when
    the clock is made; the methods that take ``now`` only locate ``now`` among them, and cost
    at most one calendar call. ``now`` may lie between events: the clock is then evaluated as
    it stood at ``now``, ignoring later events. The properties without ``now`` (``deadline``,
    ``threshold_instants``) describe the latest cycle, knowing the whole history.

    Attributes:
        report_id: the report the clock belongs to.
        policy: the policy it measures.
        calendar: the calendar it was computed with.
        cycles: every cycle, oldest first; empty while the clock has not started.
        submitted_at: when the report was received; ``now`` may not be earlier.
    """

    report_id: str
    policy: SlaPolicy
    calendar: WorkingCalendar = attrs.field(repr=False)
    cycles: tuple[SlaCycle, ...]
    submitted_at: dt.datetime = attrs.field(repr=False)
    _changes: _Changes = attrs.field(repr=False, eq=False)

    @classmethod
    def of(cls, report: Report, policy: SlaPolicy, calendar: WorkingCalendar) -> SlaClock:
        """Compute the clock of ``policy`` on ``report``.

        Args:
            report: the report, with its whole history.
            policy: the policy to measure.
            calendar: the working calendar of the agency or city.

        Raises:
            CalendarCoverageError: an instant of the history, or a deadline, outside the
                calendar's coverage; the message names the report and the clock.
        """
        require(policy, SlaPolicy, "policy")
        require(calendar, WorkingCalendar, "calendar")
        require(report, Report, "report")
        return clock_from_changes(
            report.report_id, status_changes(report.history), policy, calendar
        )

    def recompute(self, calendar: WorkingCalendar, *, keep_completed: bool) -> SlaClock:
        """Return the clock computed again with another calendar (a holiday decreed late).

        Args:
            calendar: the new calendar.
            keep_completed: keep each completed cycle (its deadline, elapsed time and outcome)
                as it was judged with the old calendar, and recompute only the open one; or
                recompute every cycle, which may turn a past miss into a met deadline.

        Returns:
            A new clock; the same clock again when given the same calendar. Recomputing is
            deterministic and idempotent.
        """
        require(calendar, WorkingCalendar, "calendar")
        instance(keep_completed, bool, "keep_completed")
        fresh = clock_from_changes(self.report_id, self._changes, self.policy, calendar)
        if not keep_completed:
            return fresh
        cycles = tuple(
            old if old.outcome is not None else new
            for old, new in zip(self.cycles, fresh.cycles, strict=True)
        )
        return attrs.evolve(fresh, cycles=cycles)

    def __repr__(self) -> str:
        """Name the report and the policy, not the whole policy and history."""
        return (
            f"SlaClock(report_id={self.report_id!r}, policy={str(self.policy)!r}, "
            f"cycles={len(self.cycles)}, deadline={self.deadline!r})"
        )

    # -- the latest cycle --------------------------------------------------------------------

    @property
    def current(self) -> SlaCycle | None:
        """The latest cycle, or None when the clock never started."""
        return self.cycles[-1] if self.cycles else None

    @property
    def deadline(self) -> pendulum.DateTime | None:
        """The latest cycle's deadline; None before the start and while paused before it."""
        return self.cycles[-1].deadline if self.cycles else None

    @property
    def threshold_instants(self) -> tuple[pendulum.DateTime | None, ...]:
        """When the latest cycle crosses each threshold (all None before the start)."""
        if not self.cycles:
            return (None,) * len(self.policy.thresholds)
        return self.cycles[-1].threshold_instants

    # -- as it stood at now ------------------------------------------------------------------

    def cycle_at(self, now: dt.datetime) -> SlaCycle | None:
        """Return the cycle in force at ``now``: the last one started at or before it.

        Raises:
            NaiveDatetimeError: ``now`` has no time zone.
            ChronologyError: ``now`` is before the report was submitted.
        """
        check_now(now)
        if now < self.submitted_at:
            raise ChronologyError(
                f"now {now.isoformat()} is before report {self.report_id} was submitted "
                f"({self.submitted_at.isoformat()}); a clock has no value before the report exists"
            )
        for cycle in reversed(self.cycles):
            if cycle.start <= now:
                return cycle
        return None

    def state(self, now: dt.datetime) -> ClockState:
        """Return where the clock stood at ``now``; a stopped cycle keeps its outcome."""
        cycle = self.cycle_at(now)
        return ClockState.NOT_STARTED if cycle is None else cycle._state(now)  # noqa: SLF001

    def elapsed(self, now: dt.datetime) -> dt.timedelta:
        """Return the working time used in the cycle in force at ``now`` (zero before a start)."""
        cycle = self.cycle_at(now)
        return _ZERO if cycle is None else cycle._elapsed(now)  # noqa: SLF001

    def remaining(self, now: dt.datetime) -> dt.timedelta | None:
        """Return the budget left at ``now`` (negative once breached); None before a start."""
        cycle = self.cycle_at(now)
        return None if cycle is None else cycle.budget - cycle._elapsed(now)  # noqa: SLF001

    def fraction(self, now: dt.datetime) -> float:
        """Return the elapsed fraction of the budget at ``now`` (0.0 before a start)."""
        cycle = self.cycle_at(now)
        return 0.0 if cycle is None else cycle._elapsed(now) / cycle.budget  # noqa: SLF001

    def breached(self, now: dt.datetime) -> bool:
        """Return whether the cycle in force at ``now`` is past its deadline (or was missed)."""
        cycle = self.cycle_at(now)
        return cycle is not None and cycle.breached(now)

    def deadline_at(self, now: dt.datetime) -> pendulum.DateTime | None:
        """Return the deadline of the cycle in force at ``now``, as it stood then."""
        cycle = self.cycle_at(now)
        return None if cycle is None else cycle.deadline_at(now)

    def working_days_left(self, now: dt.datetime) -> int | None:
        """Return the working days from ``now`` to the deadline (see :class:`SlaCycle`)."""
        cycle = self.cycle_at(now)
        return None if cycle is None else cycle.working_days_left(now)


def clock_from_changes(
    report_id: str, changes: _Changes, policy: SlaPolicy, calendar: WorkingCalendar
) -> SlaClock:
    """Compute a clock from a report's status timeline (for several policies on one report)."""
    cycles = build_cycles(report_id, changes, policy, calendar)
    return SlaClock(report_id, policy, calendar, cycles, changes[0][0], changes)
