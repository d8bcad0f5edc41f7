"""SLA clocks for every report of an event table at once, on arrays.

The rules are those of :class:`~smartcity.sla.SlaClock` (``smartcity.sla._clock``), step for
step: a status timeline is cut into cycles (start, pauses, stop), each cycle into runs; the
budget is the working time from the start to the target deadline; the deadline is where the
runs use the budget up; a stop freezes the cycle. Where the object path loops over one report's
events, this module computes each step for all reports with numpy, grouping reports by the
calendar of their agency.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator, Mapping

import attrs
import numpy as np
import numpy.typing as npt

from smartcity._checks import aware_datetime, instance, shown
from smartcity.columnar._kernels import Kernels
from smartcity.columnar._table import MISSING, STATUSES, EventTable, Flags, Texts, unix_us
from smartcity.exceptions import ChronologyError, InvalidArgumentError
from smartcity.sla import ClockState, SlaPolicy, WorkingCalendar, WorkingDays

__all__ = ["CLOCK_STATES", "NONE", "ClockRow", "ClockTable", "clock_table"]

Int = npt.NDArray[np.int64]

NONE: typing.Final = int(np.iinfo(np.int64).min)
"""The marker of a missing instant or duration in an int64 column (NaT once viewed as
``datetime64[us]`` or ``timedelta64[us]``)."""

CLOCK_STATES: typing.Final[tuple[ClockState, ...]] = tuple(ClockState)
"""The clock states in the order of their codes in :attr:`ClockTable.state`."""

_CODE = {state: code for code, state in enumerate(CLOCK_STATES)}
_NOT_STARTED, _RUNNING, _PAUSED = (
    _CODE[ClockState.NOT_STARTED],
    _CODE[ClockState.RUNNING],
    _CODE[ClockState.PAUSED],
)
_MET, _MISSED = _CODE[ClockState.MET], _CODE[ClockState.MISSED]
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


REPORTS_PER_PASS: typing.Final = 1 << 14
"""Reports judged in one pass over arrays: the temporaries of a pass (a few dozen arrays of
its events) stay in the processor's cache, so a million reports cost per report what ten
thousand do, and the peak memory does not grow with the table."""


def passes(table: EventTable, reports: Int) -> Iterator[_Batch]:
    """The given reports (ascending codes) in batches of :data:`REPORTS_PER_PASS`, with rows."""
    starts, chunk = table.starts, REPORTS_PER_PASS
    for begin in range(0, reports.size, chunk):
        batch = reports[begin : begin + chunk]
        first = starts[batch]
        lengths = starts[batch + 1] - first
        local = np.repeat(np.arange(batch.size, dtype=np.int64), lengths)
        # Row k of the batch is row (k - the batch's rows before its report) of its report.
        offsets = np.cumsum(lengths) - lengths
        rows = np.arange(local.size, dtype=np.int64) + (first - offsets)[local]
        yield _Batch(reports=batch, rows=rows, local=local)


@attrs.frozen
class _Batch:
    """Reports of one pass: their codes, their rows in the table, and each row's report.

    ``local`` numbers each row's report within the batch (0 for the batch's first report).
    """

    reports: Int
    rows: Int
    local: Int


def _freeze(array: npt.NDArray[typing.Any]) -> npt.NDArray[typing.Any]:
    array.flags.writeable = False
    return array


def _instant(value: int) -> dt.datetime | None:
    return None if value == NONE else _EPOCH + dt.timedelta(microseconds=value)


def _duration(value: int) -> dt.timedelta | None:
    return None if value == NONE else dt.timedelta(microseconds=value)


@typing.final
@attrs.frozen
class ClockRow:
    """One report's clock, as :meth:`ClockTable.row` gives it (Python values, not codes).

    Instants are aware UTC datetimes; they compare equal to the object path's
    :class:`pendulum.DateTime` values of the same instant.

    Attributes:
        report_id: the report.
        cycles: the number of cycles (0: the clock never started).
        budget: the latest cycle's budget, or None before a start.
        deadline: the latest cycle's deadline (:attr:`SlaClock.deadline
            <smartcity.sla.SlaClock.deadline>`), or None.
        outcome: :attr:`~smartcity.sla.ClockState.MET` or
            :attr:`~smartcity.sla.ClockState.MISSED` once the latest cycle stopped, else None.
        state: where the clock stood at ``now``.
        elapsed: the working time used by ``now`` in the cycle in force then.
        remaining: the budget left at ``now``, or None before a start.
        breached: whether the cycle in force at ``now`` was past its deadline.
        threshold_instants: when the latest cycle crosses each threshold (None: never or not
            known yet).
    """

    report_id: str
    cycles: int
    budget: dt.timedelta | None
    deadline: dt.datetime | None
    outcome: ClockState | None
    state: ClockState
    elapsed: dt.timedelta
    remaining: dt.timedelta | None
    breached: bool
    threshold_instants: tuple[dt.datetime | None, ...]


@typing.final
@attrs.frozen(eq=False, repr=False)
class ClockTable:
    """One policy's clock on every report of an event table, as columns (one row a report).

    Made by :func:`clock_table`. Instants are int64 microseconds since 1970-01-01T00:00Z and
    durations int64 microseconds, with :data:`NONE` for "no value" (it reads as NaT through
    ``.view("datetime64[us]")``); states are codes into :data:`CLOCK_STATES`, ``-1`` for no
    outcome. Every array is read-only.

    Attributes:
        report_ids: the reports, in the table's order.
        policy: the policy measured.
        now: the instant the ``now`` columns were evaluated at.
        cycles: the number of cycles of each report's clock.
        budget: the latest cycle's budget (µs).
        deadline: the latest cycle's deadline, as :attr:`SlaClock.deadline
            <smartcity.sla.SlaClock.deadline>`: :data:`NONE` before a start, and while the
            cycle is paused before its budget ran out.
        outcome: the latest cycle's outcome: a code of ``MET`` or ``MISSED``, or -1 while open.
        state: the code of the clock's state at ``now``.
        elapsed: the working time used at ``now`` (µs) in the cycle in force then.
        remaining: the budget left at ``now`` (µs), negative once breached; :data:`NONE` before
            a start.
        breached: whether the cycle in force at ``now`` was past its deadline.
        thresholds: shape ``(reports, len(policy.thresholds))``: when the latest cycle crosses
            each threshold, or :data:`NONE`.
    """

    report_ids: Texts
    policy: SlaPolicy
    now: dt.datetime
    cycles: npt.NDArray[np.int32]
    budget: npt.NDArray[np.int64]
    deadline: npt.NDArray[np.int64]
    outcome: npt.NDArray[np.int8]
    state: npt.NDArray[np.int8]
    elapsed: npt.NDArray[np.int64]
    remaining: npt.NDArray[np.int64]
    breached: Flags
    thresholds: npt.NDArray[np.int64]

    def __len__(self) -> int:
        """The number of reports."""
        return len(self.report_ids)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the columns; a loaded table's arrays are read-only again."""
        return _clock_table_from_columns, attrs.astuple(self, recurse=False)

    def __repr__(self) -> str:
        """Name the policy and the size, not the columns."""
        return f"ClockTable({str(self.policy)!r}, {len(self):,} reports, now={self.now})"

    def row(self, index: int) -> ClockRow:
        """Return report ``index``'s clock as Python values."""
        if isinstance(index, bool) or not isinstance(index, int | np.integer):
            raise InvalidArgumentError(f"index must be a whole number, not {shown(index)}")
        if not -len(self) <= index < len(self):
            raise InvalidArgumentError(
                f"index {index} is out of range for {len(self):,} reports; use 0 .. {len(self) - 1}"
            )
        outcome = int(self.outcome[index])
        return ClockRow(
            report_id=str(self.report_ids[index]),
            cycles=int(self.cycles[index]),
            budget=_duration(int(self.budget[index])),
            deadline=_instant(int(self.deadline[index])),
            outcome=None if outcome < 0 else CLOCK_STATES[outcome],
            state=CLOCK_STATES[int(self.state[index])],
            elapsed=dt.timedelta(microseconds=int(self.elapsed[index])),
            remaining=_duration(int(self.remaining[index])),
            breached=bool(self.breached[index]),
            threshold_instants=tuple(_instant(int(v)) for v in self.thresholds[index]),
        )

    def to_records(self) -> tuple[ClockRow, ...]:
        """Return every report's clock as a :class:`ClockRow` (for small tables and tests)."""
        return tuple(self.row(index) for index in range(len(self)))


# -- the kernel ---------------------------------------------------------------------------------


def _clock_table_from_columns(*columns: object) -> ClockTable:
    """Rebuild a pickled clock table (see ``ClockTable.__reduce__``), its arrays read-only."""
    return ClockTable(
        *(_freeze(value) if isinstance(value, np.ndarray) else value for value in columns)  # type: ignore[arg-type]
    )


def _mask(statuses: frozenset[typing.Any]) -> Flags:
    mask = np.zeros(len(STATUSES), dtype=bool)
    for status in statuses:
        mask[STATUSES.index(status)] = True
    return mask


def _segment_first(keys: Int, size: int) -> Int:
    """For sorted ``keys`` in ``0..size-1``: the index of each key's first element."""
    return np.searchsorted(keys, np.arange(size), side="left")


def scale(budget: Int, fraction: float) -> Int:
    """``timedelta(microseconds=b) * fraction`` for each ``b``, rounded exactly as Python does."""
    if fraction == 1:
        return budget.copy()
    numerator, denominator = fraction.as_integer_ratio()
    top = int(np.abs(budget).max()) if budget.size else 0
    if top * numerator < 2**62:
        product = budget * numerator
        quotient, remainder = np.divmod(product, denominator)
        up = (2 * remainder > denominator) | ((2 * remainder == denominator) & (quotient % 2 == 1))
        scaled: Int = quotient + up
        return scaled
    # Floats are exact to well under a microsecond here; only near a half do they decide wrong.
    product_f = budget.astype(np.float64) * fraction
    result = np.rint(product_f).astype(np.int64)
    fractional = product_f - np.floor(product_f)
    doubtful = np.flatnonzero(np.abs(fractional - 0.5) < max(top * fraction, 1.0) * 2.0**-40)
    for i in doubtful.tolist():
        result[i] = (dt.timedelta(microseconds=int(budget[i])) * fraction) // dt.timedelta(
            microseconds=1
        )
    return result


@attrs.frozen
class _Columns:
    cycles: Int
    budget: Int
    deadline: Int
    outcome: Int
    state: Int
    elapsed: Int
    remaining: Int
    breached: Flags
    thresholds: Int


class _Pass:
    """One calendar group's reports, cut into cycles and runs; each step a method."""

    def __init__(
        self,
        *,
        report: Int,
        at: Int,
        status: Int,
        count: int,
        policy: SlaPolicy,
        kernels: Kernels,
        report_ids: Texts,
    ) -> None:
        self.policy, self.kernels, self.count, self.report_ids = policy, kernels, count, report_ids
        n = len(at)
        rows = np.arange(n)
        starts_of = _segment_first(report, count)
        first_row = np.zeros(n, dtype=bool)
        first_row[starts_of[starts_of < n]] = True
        start_on, pause_on, stop_on = (
            _mask(policy.start_on),
            _mask(policy.pause_on),
            _mask(policy.stop_on),
        )
        # In a cycle after a row when the last start or stop row up to it is a start; then
        # paused in a pause status and running in any other (as _raw_cycles walks it).
        marker = np.where(start_on[status] | stop_on[status], rows, -1)
        last = np.maximum.accumulate(marker) if n else marker
        in_cycle = (last >= starts_of[report]) & start_on[status[np.maximum(last, 0)]]
        state = np.where(in_cycle, np.where(pause_on[status], 2, 1), 0)
        previous = np.zeros(n, dtype=state.dtype)
        previous[1:] = state[:-1]
        previous[first_row] = 0

        cycle_rows = np.flatnonzero((previous == 0) & (state == 1))
        stop_rows = np.flatnonzero((previous != 0) & (state == 0))
        run_rows = np.flatnonzero(((previous == 0) | (previous == 2)) & (state == 1))
        end_rows = np.flatnonzero((previous == 1) & (state != 1))
        self.cycles = len(cycle_rows)
        self.cycle_report = report[cycle_rows]
        self.cycle_start = at[cycle_rows]
        self.first_cycle = _segment_first(self.cycle_report, count)
        self.cycle_count = np.bincount(self.cycle_report, minlength=count).astype(np.int64)

        stop_cycle = np.searchsorted(cycle_rows, stop_rows, side="right") - 1
        self.stop = np.full(self.cycles, NONE, dtype=np.int64)
        self.stop[stop_cycle] = at[stop_rows]
        self.stopped_paused = np.zeros(self.cycles, dtype=bool)
        self.stopped_paused[stop_cycle] = previous[stop_rows] == 2
        self.stopped = self.stop != NONE

        self.run_cycle = np.searchsorted(cycle_rows, run_rows, side="right") - 1
        self.run_start = at[run_rows]
        self.run_end = np.full(len(run_rows), NONE, dtype=np.int64)
        self.run_end[np.searchsorted(run_rows, end_rows, side="right") - 1] = at[end_rows]
        self.closed = self.run_end != NONE
        self.first_run = _segment_first(self.run_cycle, self.cycles)
        self.last_run = np.append(self.first_run[1:], len(run_rows)) - 1
        self._measure_runs()
        self.deadline0, self.budget = self._budgets()
        self.reached = self._reached()

    def where(self, cycle: int) -> str:
        """Name a cycle in an error message, as the object path does."""
        report = self.cycle_report[cycle]
        number = cycle - self.first_cycle[report] + 1
        return f"report {self.report_ids[report]}, {self.policy.name} clock, cycle {number}"

    def _measure_runs(self) -> None:
        kernels, closed, run_cycle = self.kernels, self.closed, self.run_cycle
        kernels.check_instants(self.run_start, lambda i: self.where(int(run_cycle[i])))
        kernels.check_instants(
            self.run_end[closed], lambda i: self.where(int(run_cycle[closed][i]))
        )
        self.worked_start = kernels.worked_before(self.run_start)
        worked = np.zeros(len(self.run_start), dtype=np.int64)
        worked[closed] = kernels.worked_before(self.run_end[closed]) - self.worked_start[closed]
        exclusive = np.cumsum(worked) - worked
        self.before = exclusive - exclusive[self.first_run][run_cycle]
        self.after = np.where(closed, self.before + worked, NONE)

    def _budgets(self) -> tuple[Int, Int]:
        """The target deadline (WorkingDays; else NONE) and the budget of each cycle."""
        kernels, policy, start = self.kernels, self.policy, self.cycle_start
        target = policy.target
        if not isinstance(target, WorkingDays):
            duration = target.duration
            amount = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
            return (
                np.full(self.cycles, NONE, dtype=np.int64),
                np.full(self.cycles, amount, dtype=np.int64),
            )
        days = kernels.day_of(start)
        through = kernels.working_days_through(days)
        counts = through + target.n
        cutoff = policy.same_day_cutoff
        if cutoff is not None:
            # _days_deadline: received on a working day before the cutoff and before its close
            # of business, the day of receipt is day 1.
            cutoff_us = (
                (cutoff.hour * 60 + cutoff.minute) * 60 + cutoff.second
            ) * 1_000_000 + cutoff.microsecond
            working = through - kernels.working_days_through(days - 1) == 1
            early = np.flatnonzero(working & (kernels.local_time(start) < cutoff_us))
            kernels.check_days(days[early] - 1, lambda i: self.where(int(early[i])))
            same_day = early[start[early] < kernels.closing_after(through[early])]
            counts[same_day] -= 1
        deadline0 = kernels.closing_after(counts)
        kernels.check_instants(deadline0, self.where)
        return deadline0, kernels.worked_before(deadline0) - self.worked_start[self.first_run]

    def first_hits(self, amount: Int, runs: Flags) -> tuple[Int, Int]:
        """Per cycle, the first of ``runs`` that is open or reaches ``amount`` (as _reach)."""
        hit = np.flatnonzero(runs & (~self.closed | (self.after >= amount[self.run_cycle])))
        hit_cycles, index = np.unique(self.run_cycle[hit], return_index=True)
        return hit_cycles, hit[index]

    def reach(self, amount: Int, cycles: Int, runs: Int) -> Int:
        """Where each cycle's ``amount`` of working time runs out, counted in its run."""
        result = self.kernels.add_working_time(
            self.run_start[runs], self.worked_start[runs], amount[cycles] - self.before[runs]
        )
        self.kernels.check_instants(result, lambda i: self.where(int(cycles[i])))
        return result

    def _reached(self) -> Int:
        """When each cycle's budget runs out (NONE: not in its runs), as _runs finds it."""
        reached = np.full(self.cycles, NONE, dtype=np.int64)
        cycles, runs = self.first_hits(self.budget, np.ones(len(self.run_start), dtype=bool))
        target = (runs == self.first_run[cycles]) & (self.deadline0[cycles] != NONE)
        reached[cycles[target]] = self.deadline0[cycles[target]]
        reached[cycles[~target]] = self.reach(self.budget, cycles[~target], runs[~target])
        return reached

    def deadlines(self) -> Int:
        """Each cycle's deadline: reached, or the one in force at its stop (_deadline_at_stop)."""
        deadline = self.reached.copy()
        need = np.flatnonzero(self.stopped & (self.reached == NONE))
        paused = need[self.stopped_paused[need]]
        if paused.size:
            stop = self.stop[paused]
            self.kernels.check_instants(stop, lambda i: self.where(int(paused[i])))
            deadline[paused] = self.kernels.add_working_time(
                stop,
                self.kernels.worked_before(stop),
                self.budget[paused] - self.after[self.last_run[paused]],
            )
            self.kernels.check_instants(deadline[paused], lambda i: self.where(int(paused[i])))
        running = need[~self.stopped_paused[need]]
        single = (self.first_run[running] == self.last_run[running]) & (
            self.deadline0[running] != NONE
        )
        deadline[running[single]] = self.deadline0[running[single]]
        other = running[~single]
        if other.size:
            deadline[other] = self.reach(self.budget, other, self.last_run[other])
        return deadline

    def outcomes(self) -> Int:
        """MET or MISSED once stopped (instants compared), else -1."""
        late = (self.reached != NONE) & (self.reached < self.stop)
        return np.where(self.stopped, np.where(late, _MISSED, _MET), -1)

    def thresholds(self, latest: Int, has: Flags) -> Int:
        """The latest cycle's threshold instants (SlaCycle.instant_at), one column each."""
        in_latest = np.zeros(self.cycles, dtype=bool)
        in_latest[latest[has]] = True
        budget = self.budget
        result = np.full((self.count, len(self.policy.thresholds)), NONE, dtype=np.int64)
        for column, fraction in enumerate(self.policy.thresholds):
            amount = np.where(in_latest, budget, 0) if fraction == 1 else scale(budget, fraction)
            instant = np.full(self.cycles, NONE, dtype=np.int64)
            at_budget = in_latest & (amount == budget)
            instant[at_budget] = self.reached[at_budget]
            runs = in_latest[self.run_cycle] & ~at_budget[self.run_cycle]
            cycles, hits = self.first_hits(amount, runs)
            instant[cycles] = self.reach(amount, cycles, hits)
            dropped = (instant == NONE) | (self.stopped & (instant >= self.stop))
            result[has, column] = np.where(dropped, NONE, instant)[latest[has]]
        return result

    def at_now(self, now: int, outcome: Int) -> tuple[Int, Int, Int, Flags]:
        """State, elapsed, remaining and breached at ``now`` (SlaClock.cycle_at and its run)."""
        count, cycles = self.count, self.cycles
        started = np.bincount(
            self.cycle_report, weights=self.cycle_start <= now, minlength=count
        ).astype(np.int64)
        live = started > 0
        current = (self.first_cycle + started - 1)[live]
        run_started = np.bincount(
            self.run_cycle, weights=self.run_start <= now, minlength=cycles
        ).astype(np.int64)
        run = self.first_run[current] + np.maximum(run_started[current] - 1, 0)
        stopped = self.stopped[current] & (now >= self.stop[current])
        paused = ~stopped & self.closed[run] & (now >= self.run_end[run])
        running = ~stopped & ~paused
        state = np.full(count, _NOT_STARTED, dtype=np.int64)
        state[live] = np.where(stopped, outcome[current], np.where(paused, _PAUSED, _RUNNING))
        used = np.where(
            stopped, self.after[self.last_run[current]], np.where(paused, self.after[run], 0)
        )
        if running.any():
            instant = np.array([now], dtype=np.int64)
            first = int(current[running][0])
            self.kernels.check_instants(instant, lambda _i: self.where(first))
            worked_now = int(self.kernels.worked_before(instant)[0])
            used = np.where(running, self.before[run] + worked_now - self.worked_start[run], used)
        elapsed = np.zeros(count, dtype=np.int64)
        elapsed[live] = used
        remaining = np.full(count, NONE, dtype=np.int64)
        remaining[live] = self.budget[current] - used
        breached = np.zeros(count, dtype=bool)
        reached = self.reached[current]
        breached[live] = np.where(
            stopped, outcome[current] == _MISSED, (reached != NONE) & (reached < now)
        )
        return state, elapsed, remaining, breached

    def resolution(self, now: int) -> tuple[Flags, Flags, Flags, Flags, Int, Int]:
        """Per report, the cycle in force at ``now`` as the statistics read it.

        Returns whether a cycle had started by ``now``, whether the cycle in force had stopped
        by then, whether it was past its deadline (``SlaCycle.breached``), whether none of
        the cycles started by then was missed, and the first cycle's start and the stop of
        the cycle in force (µs; read where stopped).
        """
        count = self.count
        started = np.bincount(
            self.cycle_report, weights=self.cycle_start <= now, minlength=count
        ).astype(np.int64)
        live = started > 0
        current = np.where(live, self.first_cycle + started - 1, 0)
        stopped = np.zeros(count, dtype=bool)
        breached = np.zeros(count, dtype=bool)
        on_time = np.zeros(count, dtype=bool)
        first = np.zeros(count, dtype=np.int64)
        stop = np.zeros(count, dtype=np.int64)
        if not self.cycles:
            return live, stopped, breached, on_time, first, stop
        stopped = live & self.stopped[current] & (self.stop[current] <= now)
        reached = self.reached[current]
        breached = live & ~stopped & (reached != NONE) & (reached < now)
        missed = self.outcomes() == _MISSED
        through = np.cumsum(missed)
        first_cycle = np.minimum(self.first_cycle, self.cycles - 1)
        before_first = through[first_cycle] - missed[first_cycle]
        on_time = stopped & (through[current] - before_first == 0)
        first = self.cycle_start[first_cycle]
        stop = np.where(stopped, self.stop[current], 0)
        return live, stopped, breached, on_time, first, stop


def _clocks(group: _Pass, now: int) -> _Columns:
    """The columns of one calendar group."""
    count, cycles = group.count, group.cycles
    has = group.cycle_count > 0
    latest = np.where(has, group.first_cycle + group.cycle_count - 1, 0)
    deadline, outcome = group.deadlines(), group.outcomes()
    state, elapsed, remaining, breached = group.at_now(now, outcome)

    def of_latest(values: Int, missing: int) -> Int:
        return np.where(has, values[latest], missing) if cycles else np.full(count, missing)

    return _Columns(
        cycles=group.cycle_count,
        budget=of_latest(group.budget, NONE),
        deadline=of_latest(deadline, NONE),
        outcome=of_latest(outcome, -1),
        state=state,
        elapsed=elapsed,
        remaining=remaining,
        breached=breached,
        thresholds=group.thresholds(latest, has),
    )


def _groups(
    table: EventTable, calendar: WorkingCalendar, own: Mapping[str, WorkingCalendar]
) -> tuple[list[WorkingCalendar], Int]:
    """The distinct calendars, and the index of each report's (by its latest agency)."""
    calendars: list[WorkingCalendar] = [calendar]
    group_of_agency = np.zeros(len(table.agencies) + 1, dtype=np.int64)  # last: no agency
    for code, name in enumerate(table.agencies):
        chosen = own.get(name)
        if chosen is None:
            continue
        index = next((i for i, known in enumerate(calendars) if known is chosen), None)
        if index is None:
            calendars.append(chosen)
            index = len(calendars) - 1
        group_of_agency[code] = index
    agency = table.latest("agency").astype(np.int64)
    return calendars, group_of_agency[np.where(agency == MISSING, len(table.agencies), agency)]


def clock_table(
    table: EventTable,
    policy: SlaPolicy,
    *,
    calendar: WorkingCalendar,
    now: dt.datetime,
    agency_calendars: Mapping[str, WorkingCalendar] | None = None,
) -> ClockTable:
    """Compute ``policy``'s clock on every report of ``table``, each on its agency's calendar.

    Each field equals the object path's: for report ``r`` on calendar ``c``,
    ``SlaClock.of(r, policy, c)`` gives the same ``cycles``, ``deadline``, outcome of the
    latest cycle, ``threshold_instants``, and ``state(now)``, ``elapsed(now)``,
    ``remaining(now)``, ``breached(now)``.

    Args:
        table: the reports' histories.
        policy: the policy to measure.
        calendar: the calendar of reports whose agency has none in ``agency_calendars`` (and
            of reports not assigned yet), like :meth:`City.calendar_for
            <smartcity.desk.City.calendar_for>`.
        now: the instant to evaluate the state, elapsed and remaining time at; no earlier than
            any report's submission.
        agency_calendars: agency code → calendar, for the agencies with their own (a 24/7
            fire brigade). A report is judged on the calendar of the agency it was last
            assigned to.

    Raises:
        ChronologyError: ``now`` is before a report's submission.
        CalendarCoverageError: an instant or deadline outside a calendar's coverage; the
            message names the report and the clock.
    """
    instance(table, EventTable, "table")
    instance(policy, SlaPolicy, "policy")
    own = check_clock_arguments(table, calendar, now, agency_calendars)
    return clocks_of(table, policy, calendar=calendar, now=now, own=own)


def check_clock_arguments(
    table: EventTable,
    calendar: WorkingCalendar,
    now: dt.datetime,
    agency_calendars: Mapping[str, WorkingCalendar] | None,
) -> dict[str, WorkingCalendar]:
    """Check the arguments every clock of ``table`` shares; return the agencies' calendars.

    Raises:
        ChronologyError: ``now`` is before a report's submission.
    """
    instance(calendar, WorkingCalendar, "calendar")
    aware_datetime(now, "now")
    own = dict(agency_calendars or {})
    for agency, agency_calendar in own.items():
        instance(agency, str, "agency_calendars key")
        instance(agency_calendar, WorkingCalendar, f"agency_calendars[{agency!r}]")
    now_us = unix_us(now)
    submitted = table.submitted_at()
    late = np.flatnonzero(submitted > now_us)
    if late.size:
        first = int(late[0])
        raise ChronologyError(
            f"now {now.isoformat()} is before report {table.report_ids[first]} was submitted "
            f"({np.datetime64(int(submitted[first]), 'us')}Z), and {late.size - 1:,} other "
            f"report(s); a clock has no value before the report exists: choose a later now or "
            f"leave those reports out"
        )
    return own


def clocks_of(
    table: EventTable,
    policy: SlaPolicy,
    *,
    calendar: WorkingCalendar,
    now: dt.datetime,
    own: Mapping[str, WorkingCalendar],
    reports: Int | None = None,
) -> ClockTable:
    """:func:`clock_table` on checked arguments, for ``reports`` (ascending codes) or all."""
    now_us = unix_us(now)
    calendars, group = _groups(table, calendar, own)
    chosen = np.arange(table.report_count) if reports is None else reports
    count = chosen.size
    # Where each report of the table goes in the answer (-1: not asked for).
    position = np.full(table.report_count, -1, dtype=np.int64)
    position[chosen] = np.arange(count)
    columns: dict[str, npt.NDArray[typing.Any]] = {
        "cycles": np.zeros(count, dtype=np.int32),
        "budget": np.full(count, NONE, dtype=np.int64),
        "deadline": np.full(count, NONE, dtype=np.int64),
        "outcome": np.full(count, -1, dtype=np.int8),
        "state": np.zeros(count, dtype=np.int8),
        "elapsed": np.zeros(count, dtype=np.int64),
        "remaining": np.full(count, NONE, dtype=np.int64),
        "breached": np.zeros(count, dtype=bool),
        "thresholds": np.full((count, len(policy.thresholds)), NONE, dtype=np.int64),
    }
    for index, group_calendar in enumerate(calendars):
        kernels = Kernels(group_calendar)
        for batch in passes(table, chosen[group[chosen] == index]):
            group_pass = _Pass(
                report=batch.local,
                at=table.at[batch.rows],
                status=table.status[batch.rows].astype(np.int64),
                count=int(batch.reports.size),
                policy=policy,
                kernels=kernels,
                report_ids=table.report_ids[batch.reports],
            )
            result = _clocks(group_pass, now_us)
            for name, values in attrs.asdict(result, recurse=False).items():
                columns[name][position[batch.reports]] = values
    return ClockTable(
        report_ids=table.report_ids[chosen],
        policy=policy,
        now=now,
        **{name: _freeze(values) for name, values in columns.items()},
    )
