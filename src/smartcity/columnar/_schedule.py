"""Every clock of an SLA schedule on every report of an event table, as SlaSchedule.clocks picks.

A schedule gives each report one policy per clock name, by the report's category (its class
picks the follow-up target: 5, 14 or 60 working days). Reports that share a policy are measured
together by :func:`~smartcity.columnar.clock_table`'s engine, so the answer is one
:class:`~smartcity.columnar.ClockTable` per policy, holding the reports it applies to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import numpy as np

from smartcity._checks import instance, tuple_of
from smartcity.columnar._clocks import ClockTable, check_clock_arguments, clocks_of
from smartcity.columnar._table import MISSING, EventTable
from smartcity.exceptions import UnknownPolicyError
from smartcity.sla import SlaPolicy, SlaSchedule, WorkingCalendar

__all__ = ["schedule_clocks"]


def schedule_clocks(
    table: EventTable,
    schedule: SlaSchedule,
    *,
    calendar: WorkingCalendar,
    now: dt.datetime,
    agency_calendars: Mapping[str, WorkingCalendar] | None = None,
    names: Iterable[str] | str | None = None,
) -> tuple[ClockTable, ...]:
    """Compute every clock of ``schedule`` on the reports it applies to, as columns.

    The columnar form of :meth:`SlaSchedule.clocks <smartcity.sla.SlaSchedule.clocks>` for
    every report of ``table``: each report gets, for each clock name, the policy of its latest
    category (:meth:`SlaSchedule.policy_for_category
    <smartcity.sla.SlaSchedule.policy_for_category>`), measured on the calendar of the agency
    it was last assigned to, as :func:`~smartcity.columnar.clock_table` measures. A report
    without a category, or whose category has no rule for a name, has no clock of that name.

    Args:
        table: the reports' histories.
        schedule: the schedule whose clocks to compute.
        calendar: the calendar of reports whose agency has none in ``agency_calendars``.
        now: the instant to evaluate the state, elapsed and remaining time at.
        agency_calendars: agency code → calendar, for the agencies with their own.
        names: only the clocks of these names, or of this one name (default: all, in the
            schedule's order).

    Returns:
        one :class:`~smartcity.columnar.ClockTable` per policy that applies to at least one
        report: by clock name in the schedule's order (or the order of ``names``), then by
        the order of the schedule's rules. Each holds its reports in the table's order; its
        ``policy`` says which clock and target it measures.

    Raises:
        UnknownPolicyError: a name that no rule has.
        ChronologyError: ``now`` is before a report's submission.
        CalendarCoverageError: an instant or deadline outside a calendar's coverage; the
            message names the report and the clock.
    """
    instance(table, EventTable, "table")
    instance(schedule, SlaSchedule, "schedule")
    wanted = _names(schedule, names)
    own = check_clock_arguments(table, calendar, now, agency_calendars)
    category = table.latest("category").astype(np.int64)
    answers = []
    for name in wanted:
        chosen = [schedule.policy_for_category(label, name) for label in table.categories]
        for policy in _in_rule_order(schedule, name, chosen):
            codes = [code for code, picked in enumerate(chosen) if picked == policy]
            reports = np.flatnonzero(np.isin(category, codes) & (category != MISSING))
            answers.append(
                clocks_of(table, policy, calendar=calendar, now=now, own=own, reports=reports)
            )
    return tuple(answers)


def _names(schedule: SlaSchedule, names: Iterable[str] | str | None) -> tuple[str, ...]:
    """The clock names asked for (one name alone, as SlaSchedule.clocks takes it), checked."""
    if names is None:
        return schedule.names
    asked = (
        (names,)
        if isinstance(names, str)
        else tuple_of(names, "names", _name, max_items=len(schedule.names) * 4 + 16)
    )
    for name in asked:
        if name not in schedule.names:
            raise UnknownPolicyError(name, schedule.names)
    return tuple(dict.fromkeys(asked))


def _name(value: object, argument: str) -> str:
    return instance(value, str, argument)


def _in_rule_order(
    schedule: SlaSchedule, name: str, chosen: list[SlaPolicy | None]
) -> list[SlaPolicy]:
    """The distinct policies of ``name`` that some category picked, in the rules' order."""
    used = [policy for policy in chosen if policy is not None]
    ordered = [rule.policy for rule in schedule.rules if rule.policy.name == name]
    return [policy for policy in dict.fromkeys(ordered) if policy in used]
