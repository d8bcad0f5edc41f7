"""Working-day calendars and SLA arithmetic.

The calendar answers the questions every deadline depends on: is this a working day, when is the
5th working day after receipt, how much working time lies between two instants. Policies, clocks
and schedules turn a report's history into deadlines, breaches, escalations and auto-closures.
"""

from smartcity._exports import publish
from smartcity.sla._autoclose import AutoClosure, due_auto_closures
from smartcity.sla._calendar._core import Closure, ClosureKind, HoursOverride, WorkingCalendar
from smartcity.sla._clock import ClockState, SlaClock, SlaCycle
from smartcity.sla._escalation import (
    Escalation,
    EscalationPolicy,
    EscalationStep,
    due_escalations,
)
from smartcity.sla._explain import (
    ClockExplanation,
    CountedDay,
    DeadlineExplanation,
    HoursSource,
    PauseEffect,
    SkippedDay,
    SkipReason,
    explain_clock,
    explain_deadline,
)
from smartcity.sla._policy import SlaPolicy
from smartcity.sla._schedule import SlaRule, SlaSchedule
from smartcity.sla._targets import WorkingDays, WorkingDuration

__all__ = [
    "AutoClosure",
    "ClockExplanation",
    "ClockState",
    "Closure",
    "ClosureKind",
    "CountedDay",
    "DeadlineExplanation",
    "Escalation",
    "EscalationPolicy",
    "EscalationStep",
    "HoursOverride",
    "HoursSource",
    "PauseEffect",
    "SkipReason",
    "SkippedDay",
    "SlaClock",
    "SlaCycle",
    "SlaPolicy",
    "SlaRule",
    "SlaSchedule",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingDuration",
    "due_auto_closures",
    "due_escalations",
    "explain_clock",
    "explain_deadline",
]

# Show the public package, not the private module, in reprs, tracebacks and the docs.
publish(__name__, globals())
