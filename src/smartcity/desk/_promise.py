"""The deadline a desk tells a citizen: one clock, its deadline, and why."""

from __future__ import annotations

import datetime as dt
import typing

import attrs
import pendulum

from smartcity import _checks
from smartcity.exceptions import ChronologyError
from smartcity.reports import Report
from smartcity.sla import (
    ClockExplanation,
    ClockState,
    SlaClock,
    SlaPolicy,
    WorkingDays,
    WorkingDuration,
    explain_clock,
)
from smartcity.sla._calendar._indonesia import check_language

if typing.TYPE_CHECKING:
    from smartcity.desk._city import City

__all__ = ["Promise", "promise_for", "promised_clock", "promised_policy"]

Language = typing.Literal["id", "en"]


@typing.final
@attrs.frozen
class Promise:
    """What the desk tells a citizen about a report's deadline, and why.

    Made by :meth:`City.promise <smartcity.desk.City.promise>`: the deadline of the city's
    primary clock (Semarang: the follow-up clock, from the assignment), as it stands at
    ``now``, with its explanation written in one language.

    Attributes:
        report_id: the report.
        clock: the name of the clock the deadline comes from, e.g. ``"follow-up"``.
        target: the clock's target, e.g. ``WorkingDays(5)``.
        state: where the clock stands at ``now``: not started, running, paused, met, missed.
        deadline: the deadline at ``now``; None before the clock starts and while it is
            paused (it depends on when the pause ends).
        explanation: the values behind the text; None before the clock starts.
        language: the language of :attr:`text`, ``"id"`` or ``"en"``.
        text: the reason, as a short text to show the citizen.
    """

    report_id: str
    clock: str
    target: WorkingDays | WorkingDuration
    state: ClockState
    deadline: pendulum.DateTime | None
    explanation: ClockExplanation | None = attrs.field(repr=False)
    language: Language
    text: str = attrs.field(repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the types, so that a promise made by hand is checked too."""
        for name, cls in (
            ("report_id", str),
            ("clock", str),
            ("target", (WorkingDays, WorkingDuration)),
            ("state", ClockState),
            ("deadline", (pendulum.DateTime, type(None))),
            ("explanation", (ClockExplanation, type(None))),
            ("text", str),
        ):
            _checks.instance(getattr(self, name), cls, f"Promise.{name}")
        check_language(self.language)


_NOT_STARTED: typing.Final = {
    "id": "Belum ada batas waktu: SLA {clock} ({target}) dimulai saat laporan berstatus {on}.",
    "en": "No deadline yet: the {clock} clock ({target}) starts when the report is {on}.",
}
_TARGET: typing.Final = {
    "id": ("{n} hari kerja", "{duration} waktu kerja"),
    "en": ("{n} working day{s}", "{duration} of working time"),
}
_OR: typing.Final = {"id": " atau ", "en": " or "}


def promised_policy(city: City, report: Report) -> SlaPolicy | None:
    """The policy whose deadline the city promises: its primary clock's for the report."""
    schedule = city.schedule
    return None if schedule is None else schedule.policy_for(report, schedule.primary)


def promised_clock(city: City, report: Report, policy: SlaPolicy | None) -> SlaClock | None:
    """The clock behind the promise (``policy``, or the primary clock's), on the agency's calendar.

    The one rule for "which deadline do we tell the citizen", shared by :func:`promise_for` and
    Open311's ``expected_datetime``, which needs the deadline without the explanation's text.
    """
    chosen = promised_policy(city, report) if policy is None else policy
    if chosen is None:
        return None
    return SlaClock.of(report, chosen, city.calendar_for(report.agency))


def promise_for(
    city: City,
    report: Report,
    *,
    now: dt.datetime,
    language: str,
    policy: SlaPolicy | None,
) -> Promise | None:
    """See :meth:`City.promise <smartcity.desk.City.promise>`."""
    _checks.instance(report, Report, "report")
    _checks.aware_datetime(now, "now")
    if now < report.updated_at:
        raise ChronologyError(
            f"now {now.isoformat()} is before the latest event of report {report.report_id} "
            f"({report.updated_at.isoformat()}); pass the current instant"
        )
    check_language(language)
    chosen = typing.cast("Language", language)
    if policy is not None:
        _checks.instance(policy, SlaPolicy, "policy")
    clock = promised_clock(city, report, policy)
    if clock is None:
        return None
    policy = clock.policy
    state = clock.state(now)
    if state is ClockState.NOT_STARTED:
        return Promise(
            report.report_id,
            policy.name,
            policy.target,
            state,
            None,
            None,
            chosen,
            _not_started(policy, chosen),
        )
    explanation = explain_clock(clock)
    return Promise(
        report.report_id,
        policy.name,
        policy.target,
        state,
        clock.deadline_at(now),
        explanation,
        chosen,
        explanation.text(chosen),
    )


def _not_started(policy: SlaPolicy, language: Language) -> str:
    days, duration = _TARGET[language]
    target = policy.target
    if isinstance(target, WorkingDays):
        written = days.format(n=target.n, s="" if target.n == 1 else "s")
    else:
        written = duration.format(duration=target.duration)
    statuses = sorted(status.value.replace("_", " ") for status in policy.start_on)
    return _NOT_STARTED[language].format(
        clock=policy.name, target=written, on=_OR[language].join(statuses)
    )
