"""Every public entry point of smartcity.sla and smartcity.stats, fed hostile values.

For each argument of each entry point, Hypothesis draws wrong types, huge numbers, NaN, edge
instants (year 1, year 9999, a daylight-saving gap) and oversized inputs, and puts one of them
in place of a valid argument. The call may succeed or refuse; it must never raise anything but
a documented SmartCityError, with a short message, and never change what it was given. What it
accepts and returns as a stored value must survive JSON unchanged.
"""

# The table of entry points reads best with one lambda per line, even where a bound method
# would do (PLW0108) and a line runs long (E501); the error's message is checked inside the
# except block on purpose: any SmartCityError is accepted (PT017).
# ruff: noqa: PLW0108, PT017

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import math
import pickle
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity.exceptions import SmartCityError
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.serialization import from_dict, to_dict
from smartcity.sla import (
    Closure,
    ClosureKind,
    EscalationPolicy,
    EscalationStep,
    HoursOverride,
    SlaClock,
    SlaPolicy,
    SlaRule,
    SlaSchedule,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
    due_auto_closures,
    due_escalations,
)
from smartcity.stats import sla_performance, yearly_counts

S = ReportStatus
T = dt.time
WIB = ZoneInfo("Asia/Jakarta")
WEEK = {1: [(T(8), T(16))], 2: [(T(8), T(16))], 5: [(T(8), T(11))]}
DAY = dt.date(2024, 6, 3)
START = dt.datetime(2024, 6, 3, 9, tzinfo=WIB)
NOW = dt.datetime(2024, 7, 1, 9, tzinfo=WIB)
CALENDAR = WorkingCalendar.build(
    tz="Asia/Jakarta", week=WEEK, coverage=(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
)
POLICY = SlaPolicy("quick", WorkingDays(2), start_on={S.SUBMITTED}, stop_on={S.VERIFIED})
SCHEDULE = semarang_schedule()
ESCALATION = EscalationPolicy.standard()
REPORT = (
    Report.submit("R-1", category="drainage", description="banjir", address="Jl. A", at=START)
    .transition(S.VERIFIED, at=START + dt.timedelta(hours=1))
    .assign("DPU", at=START + dt.timedelta(hours=2))
)
CLOCK = SlaClock.of(REPORT, POLICY, CALENDAR)
CYCLE = CLOCK.cycles[0]
PERFORMANCE = sla_performance([REPORT], SCHEDULE, CALENDAR, now=NOW, min_sample=1)
STORED = (
    Closure,
    EscalationPolicy,
    EscalationStep,
    HoursOverride,
    SlaPolicy,
    SlaRule,
    SlaSchedule,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)


class _Loud:
    """An object whose repr is a megabyte long: messages must cut it short."""

    def __repr__(self) -> str:
        return "loud" * 250_000


def _edge_instants() -> st.SearchStrategy[dt.datetime]:
    return st.sampled_from(
        [
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime(1, 1, 1, tzinfo=dt.UTC),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
            dt.datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/London")),  # a DST gap
            dt.datetime(2024, 3, 10, 2, 30, tzinfo=ZoneInfo("America/New_York")),  # a DST gap
            dt.datetime(2011, 12, 30, 12, tzinfo=ZoneInfo("Pacific/Apia")),  # a skipped day
            dt.datetime(2024, 6, 3, 9),  # noqa: DTZ001 - naive on purpose
            dt.datetime(1899, 12, 31, 23, tzinfo=WIB),
            dt.datetime(2200, 1, 1, 1, tzinfo=WIB),
        ]
    )


def hostile() -> st.SearchStrategy[object]:
    """Values of every kind a careless or hostile caller might pass."""
    return st.one_of(
        st.sampled_from(
            [
                None,
                True,
                False,
                0,
                -1,
                10**400,
                -(10**400),
                math.nan,
                math.inf,
                -math.inf,
                1e308,
                -0.0,
                decimal.Decimal("NaN"),
                decimal.Decimal("1e400"),
                np.int64(5),
                np.float64("nan"),
                "",
                " ",
                "x" * 100_000,
                "2024-01-01",
                "Asia/Jakarta",
                b"abc",
                [],
                [None],
                [["a"]],
                [5],
                {},
                {"a": 1},
                {1: [(T(8), T(16))]},
                (dt.date(2024, 1, 1),),
                (dt.date(2024, 1, 2), dt.date(2024, 1, 1)),
                dt.date(1, 1, 1),
                dt.date(9999, 12, 31),
                dt.date(2024, 6, 3),
                T(12),
                T(12, tzinfo=dt.UTC),
                dt.timedelta.max,
                dt.timedelta.min,
                dt.timedelta(0),
                dt.timedelta(hours=3),
                object(),
                _Loud(),
                ClosureKind.HOLIDAY,
                S.SUBMITTED,
                {S.SUBMITTED},
                WorkingDays(1),
                CALENDAR,
                POLICY,
                SCHEDULE,
                REPORT,
                np.array(["586578-01-01"], dtype="datetime64[D]"),
                np.array(["NaT"], dtype="datetime64[s]"),
                np.array([1.5]),
                pa.array([1_717_405_200_000_000], type=pa.timestamp("us")),  # naive
                pa.array(["2024-06-03"]),
                pa.chunked_array([[None, 10**16]], type=pa.timestamp("s", tz="UTC")),
                pa.array([None], type=pa.timestamp("ns", tz="Asia/Jakarta")),
                range(10**18),
            ]
        ),
        _edge_instants(),
        st.integers(),
        st.floats(),
        st.text(max_size=20),
        st.lists(st.integers(-3, 3), max_size=3),
    )


# Each entry point takes the hostile value in place of one argument; the others are valid.
ENTRY_POINTS: dict[str, Callable[[object], object]] = {
    "build(tz)": lambda v: WorkingCalendar.build(tz=v, week=WEEK),  # type: ignore[arg-type]
    "build(week)": lambda v: WorkingCalendar.build(tz="UTC", week=v),  # type: ignore[arg-type]
    "build(closed)": lambda v: WorkingCalendar.build(tz="UTC", week=WEEK, closed=v),  # type: ignore[arg-type]
    "build(overrides)": lambda v: WorkingCalendar.build(tz="UTC", week=WEEK, overrides=v),  # type: ignore[arg-type]
    "build(extra_working)": lambda v: WorkingCalendar.build(
        tz="UTC",
        week=WEEK,
        extra_working=v,  # type: ignore[arg-type]
    ),
    "build(coverage)": lambda v: WorkingCalendar.build(tz="UTC", week=WEEK, coverage=v),  # type: ignore[arg-type]
    "always_open(tz)": lambda v: WorkingCalendar.always_open(tz=v),  # type: ignore[arg-type]
    "always_open(coverage)": lambda v: WorkingCalendar.always_open(coverage=v),  # type: ignore[arg-type]
    "indonesia(years)": lambda v: WorkingCalendar.indonesia(years=v),  # type: ignore[arg-type]
    "indonesia(hours)": lambda v: WorkingCalendar.indonesia(years=[2024], hours=v),  # type: ignore[arg-type]
    "indonesia(language)": lambda v: WorkingCalendar.indonesia(years=[2024], language=v),  # type: ignore[arg-type]
    "indonesia(collective_leave)": lambda v: WorkingCalendar.indonesia(
        years=[2024],
        collective_leave=v,  # type: ignore[arg-type]
    ),
    "with_closures": lambda v: CALENDAR.with_closures(v),  # type: ignore[arg-type]
    "with_overrides": lambda v: CALENDAR.with_overrides(v),  # type: ignore[arg-type]
    "is_working_day": lambda v: CALENDAR.is_working_day(v),  # type: ignore[arg-type]
    "is_working_time": lambda v: CALENDAR.is_working_time(v),  # type: ignore[arg-type]
    "closures(first)": lambda v: CALENDAR.closures(v, DAY),  # type: ignore[arg-type]
    "closures(last)": lambda v: CALENDAR.closures(DAY, v),  # type: ignore[arg-type]
    "next_working_instant": lambda v: CALENDAR.next_working_instant(v),  # type: ignore[arg-type]
    "add_working_days(start)": lambda v: CALENDAR.add_working_days(v, 5),  # type: ignore[arg-type]
    "add_working_days(n)": lambda v: CALENDAR.add_working_days(START, v),  # type: ignore[arg-type]
    "working_days_between": lambda v: CALENDAR.working_days_between(START, v),  # type: ignore[arg-type]
    "working_time_between": lambda v: CALENDAR.working_time_between(v, START),  # type: ignore[arg-type]
    "add_working_time(start)": lambda v: CALENDAR.add_working_time(v, dt.timedelta(hours=1)),  # type: ignore[arg-type]
    "add_working_time(duration)": lambda v: CALENDAR.add_working_time(START, v),  # type: ignore[arg-type]
    "add_working_days_many(starts)": lambda v: CALENDAR.add_working_days_many(v, 5),  # type: ignore[arg-type]
    "add_working_days_many(n)": lambda v: CALENDAR.add_working_days_many(
        np.array(["2024-06-03"], dtype="datetime64[D]"),
        v,  # type: ignore[arg-type]
    ),
    "Closure(date)": lambda v: Closure(v),  # type: ignore[arg-type]
    "Closure(name)": lambda v: Closure(DAY, v),  # type: ignore[arg-type]
    "Closure(kind)": lambda v: Closure(DAY, "n", v),  # type: ignore[arg-type]
    "HoursOverride(first)": lambda v: HoursOverride(v, DAY, WEEK),  # type: ignore[arg-type]
    "HoursOverride(week)": lambda v: HoursOverride(DAY, DAY, v),  # type: ignore[arg-type]
    "HoursOverride(name)": lambda v: HoursOverride(DAY, DAY, WEEK, name=v),  # type: ignore[arg-type]
    "HoursOverride.on(day)": lambda v: HoursOverride.on(v, [(T(8), T(9))]),  # type: ignore[arg-type]
    "HoursOverride.on(hours)": lambda v: HoursOverride.on(DAY, v),  # type: ignore[arg-type]
    "WorkingDays": lambda v: WorkingDays(v),  # type: ignore[arg-type]
    "WorkingDuration": lambda v: WorkingDuration(v),  # type: ignore[arg-type]
    "SlaPolicy(name)": lambda v: SlaPolicy(
        v, WorkingDays(1), start_on=S.SUBMITTED, stop_on=S.CLOSED
    ),  # type: ignore[arg-type]
    "SlaPolicy(target)": lambda v: SlaPolicy("p", v, start_on=S.SUBMITTED, stop_on=S.CLOSED),  # type: ignore[arg-type]
    "SlaPolicy(start_on)": lambda v: SlaPolicy("p", WorkingDays(1), start_on=v, stop_on=S.CLOSED),  # type: ignore[arg-type]
    "SlaPolicy(pause_on)": lambda v: SlaPolicy(
        "p",
        WorkingDays(1),
        start_on=S.SUBMITTED,
        pause_on=v,  # type: ignore[arg-type]
        stop_on=S.CLOSED,
    ),
    "SlaPolicy(thresholds)": lambda v: SlaPolicy(
        "p",
        WorkingDays(1),
        start_on=S.SUBMITTED,
        stop_on=S.CLOSED,
        thresholds=v,  # type: ignore[arg-type]
    ),
    "SlaPolicy(same_day_cutoff)": lambda v: SlaPolicy(
        "p",
        WorkingDays(1),
        start_on=S.SUBMITTED,
        stop_on=S.CLOSED,
        same_day_cutoff=v,  # type: ignore[arg-type]
    ),
    "SlaRule(policy)": lambda v: SlaRule(v),  # type: ignore[arg-type]
    "SlaRule(categories)": lambda v: SlaRule(POLICY, categories=v),  # type: ignore[arg-type]
    "SlaRule(classes)": lambda v: SlaRule(POLICY, classes=v),  # type: ignore[arg-type]
    "SlaSchedule(rules)": lambda v: SlaSchedule(v),  # type: ignore[arg-type]
    "SlaSchedule(classes)": lambda v: SlaSchedule([POLICY], classes=v),  # type: ignore[arg-type]
    "SlaSchedule(default_class)": lambda v: SlaSchedule([POLICY], default_class=v),  # type: ignore[arg-type]
    "SlaSchedule(primary)": lambda v: SlaSchedule([POLICY], primary=v),  # type: ignore[arg-type]
    "semarang(classes)": lambda v: semarang_schedule(classes=v),  # type: ignore[arg-type]
    "semarang(default_class)": lambda v: semarang_schedule(default_class=v),  # type: ignore[arg-type]
    "semarang(verification)": lambda v: semarang_schedule(verification=v),  # type: ignore[arg-type]
    "schedule.clocks(report)": lambda v: SCHEDULE.clocks(v, CALENDAR),  # type: ignore[arg-type]
    "schedule.clocks(calendar)": lambda v: SCHEDULE.clocks(REPORT, v),  # type: ignore[arg-type]
    "schedule.clocks(names)": lambda v: SCHEDULE.clocks(REPORT, CALENDAR, names=v),  # type: ignore[arg-type]
    "schedule.clock(name)": lambda v: SCHEDULE.clock(REPORT, v, CALENDAR),  # type: ignore[arg-type]
    "schedule.policies_for": lambda v: SCHEDULE.policies_for(v),  # type: ignore[arg-type]
    "schedule.class_of": lambda v: SCHEDULE.class_of(v),  # type: ignore[arg-type]
    "SlaClock.of(report)": lambda v: SlaClock.of(v, POLICY, CALENDAR),  # type: ignore[arg-type]
    "SlaClock.of(policy)": lambda v: SlaClock.of(REPORT, v, CALENDAR),  # type: ignore[arg-type]
    "SlaClock.of(calendar)": lambda v: SlaClock.of(REPORT, POLICY, v),  # type: ignore[arg-type]
    "clock.state": lambda v: CLOCK.state(v),  # type: ignore[arg-type]
    "clock.elapsed": lambda v: CLOCK.elapsed(v),  # type: ignore[arg-type]
    "clock.remaining": lambda v: CLOCK.remaining(v),  # type: ignore[arg-type]
    "clock.fraction": lambda v: CLOCK.fraction(v),  # type: ignore[arg-type]
    "clock.breached": lambda v: CLOCK.breached(v),  # type: ignore[arg-type]
    "clock.deadline_at": lambda v: CLOCK.deadline_at(v),  # type: ignore[arg-type]
    "clock.working_days_left": lambda v: CLOCK.working_days_left(v),  # type: ignore[arg-type]
    "clock.recompute(calendar)": lambda v: CLOCK.recompute(v, keep_completed=True),  # type: ignore[arg-type]
    "clock.recompute(keep_completed)": lambda v: CLOCK.recompute(CALENDAR, keep_completed=v),  # type: ignore[arg-type]
    "cycle.instant_at": lambda v: CYCLE.instant_at(v),  # type: ignore[arg-type]
    "cycle.state": lambda v: CYCLE.state(v),  # type: ignore[arg-type]
    "cycle.deadline_at": lambda v: CYCLE.deadline_at(v),  # type: ignore[arg-type]
    "EscalationStep(at)": lambda v: EscalationStep(v, "agency"),  # type: ignore[arg-type]
    "EscalationStep(notify)": lambda v: EscalationStep(1.0, v),  # type: ignore[arg-type]
    "EscalationStep(repeat_every)": lambda v: EscalationStep(
        1.0,
        "agency",
        repeat_every=v,  # type: ignore[arg-type]
        max_repeats=1,
    ),
    "EscalationStep(max_repeats)": lambda v: EscalationStep(
        1.0,
        "agency",
        repeat_every=WorkingDays(1),
        max_repeats=v,  # type: ignore[arg-type]
    ),
    "EscalationPolicy(steps)": lambda v: EscalationPolicy(v, clocks={"a"}),  # type: ignore[arg-type]
    "EscalationPolicy(clocks)": lambda v: EscalationPolicy(ESCALATION.steps, clocks=v),  # type: ignore[arg-type]
    "EscalationPolicy.standard(clocks)": lambda v: EscalationPolicy.standard(clocks=v),  # type: ignore[arg-type]
    "EscalationPolicy.standard(max_repeats)": lambda v: EscalationPolicy.standard(
        max_repeats=v,  # type: ignore[arg-type]
    ),
    "due_escalations(reports)": lambda v: due_escalations(
        v,  # type: ignore[arg-type]
        now=NOW,
        schedule=SCHEDULE,
        calendar=CALENDAR,
        escalation=ESCALATION,
    ),
    "due_escalations(now)": lambda v: due_escalations(
        [REPORT],
        now=v,  # type: ignore[arg-type]
        schedule=SCHEDULE,
        calendar=CALENDAR,
        escalation=ESCALATION,
    ),
    "due_escalations(since)": lambda v: due_escalations(
        [REPORT],
        now=NOW,
        schedule=SCHEDULE,
        calendar=CALENDAR,
        escalation=ESCALATION,
        since=v,  # type: ignore[arg-type]
    ),
    "due_escalations(schedule)": lambda v: due_escalations(
        [REPORT],
        now=NOW,
        schedule=v,  # type: ignore[arg-type]
        calendar=CALENDAR,
        escalation=ESCALATION,
    ),
    "due_escalations(calendar)": lambda v: due_escalations(
        [REPORT],
        now=NOW,
        schedule=SCHEDULE,
        calendar=v,  # type: ignore[arg-type]
        escalation=ESCALATION,
    ),
    "due_escalations(escalation)": lambda v: due_escalations(
        [REPORT],
        now=NOW,
        schedule=SCHEDULE,
        calendar=CALENDAR,
        escalation=v,  # type: ignore[arg-type]
    ),
    "due_auto_closures(reports)": lambda v: due_auto_closures(
        v,  # type: ignore[arg-type]
        now=NOW,
        schedule=SCHEDULE,
        calendar=CALENDAR,
    ),
    "due_auto_closures(now)": lambda v: due_auto_closures(
        [REPORT],
        now=v,  # type: ignore[arg-type]
        schedule=SCHEDULE,
        calendar=CALENDAR,
    ),
    "due_auto_closures(calendar)": lambda v: due_auto_closures(
        [REPORT],
        now=NOW,
        schedule=SCHEDULE,
        calendar=v,  # type: ignore[arg-type]
    ),
    "due_auto_closures(clock)": lambda v: due_auto_closures(
        [REPORT],
        now=NOW,
        schedule=SCHEDULE,
        calendar=CALENDAR,
        clock=v,  # type: ignore[arg-type]
    ),
    "yearly_counts(reports)": lambda v: yearly_counts(v),  # type: ignore[arg-type]
    "yearly_counts(tz)": lambda v: yearly_counts([REPORT], tz=v),  # type: ignore[arg-type]
    "sla_performance(reports)": lambda v: sla_performance(v, SCHEDULE, CALENDAR, now=NOW),  # type: ignore[arg-type]
    "sla_performance(schedule)": lambda v: sla_performance([REPORT], v, CALENDAR, now=NOW),  # type: ignore[arg-type]
    "sla_performance(calendar)": lambda v: sla_performance([REPORT], SCHEDULE, v, now=NOW),  # type: ignore[arg-type]
    "sla_performance(now)": lambda v: sla_performance([REPORT], SCHEDULE, CALENDAR, now=v),  # type: ignore[arg-type]
    "sla_performance(by)": lambda v: sla_performance(
        [REPORT],
        SCHEDULE,
        CALENDAR,
        now=NOW,
        by=v,  # type: ignore[arg-type]
    ),
    "sla_performance(clock)": lambda v: sla_performance(
        [REPORT],
        SCHEDULE,
        CALENDAR,
        now=NOW,
        clock=v,  # type: ignore[arg-type]
    ),
    "sla_performance(min_sample)": lambda v: sla_performance(
        [REPORT],
        SCHEDULE,
        CALENDAR,
        now=NOW,
        min_sample=v,  # type: ignore[arg-type]
    ),
    "performance.row": lambda v: PERFORMANCE.row(agency=v),  # type: ignore[arg-type]
}


def fingerprint(value: object) -> object:
    """What must not change: the pickled bytes when possible, else the identity and type."""
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    try:
        return pickle.dumps(value)
    except Exception:  # noqa: BLE001 - unpicklable values (a broken object) keep their identity
        return (id(value), type(value))


def _round_trips(value: object) -> None:
    if isinstance(value, STORED):
        text = json.dumps(to_dict(value), allow_nan=False)
        assert from_dict(type(value), json.loads(text)) == value


def shared_state() -> list[str]:
    """The valid arguments every call shares, written out: a call must leave them as they were."""
    stored = [
        json.dumps(to_dict(item)) for item in (CALENDAR, POLICY, SCHEDULE, ESCALATION, REPORT)
    ]
    return [*stored, repr(CLOCK.cycles), repr(PERFORMANCE)]


class TestHostileInputs:
    @pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(value=hostile())
    def test_only_smartcity_errors_short_messages_and_nothing_changed(
        self, entry: str, value: object
    ) -> None:
        before = fingerprint(value)
        kept = copy.deepcopy(value) if isinstance(value, list | dict) else None
        shared = shared_state()
        try:
            result = ENTRY_POINTS[entry](value)
        except SmartCityError as error:
            assert len(str(error)) < 1_000, str(error)[:2_000]
        else:
            _round_trips(result)
        assert fingerprint(value) == before
        if kept is not None:
            assert value == kept
        assert shared_state() == shared
