"""Strategies for the value types that smartcity.testing does not cover, and random JSON.

Every supported type has a strategy here (``VALUES``), so the round-trip and fuzz tests can
be parametrized over all of them.
"""

from __future__ import annotations

import datetime as dt
import string

import attrs
import shapely
from hypothesis import settings
from hypothesis import strategies as st

from smartcity.desk import City
from smartcity.geo import GeoPoint, Ward, WardMap
from smartcity.reports import Report, Reporter, ReportEvent, Submission
from smartcity.routing import (
    Agency,
    AttributeDatatype,
    AttributeOption,
    Category,
    Router,
    RoutingRule,
    ServiceAttribute,
)
from smartcity.serialization import SUPPORTED_TYPES
from smartcity.sla import (
    Closure,
    ClosureKind,
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
from smartcity.testing import (
    calendars,
    geo_points,
    histories,
    policies,
    reporters,
    reports,
    ward_maps,
    week_hours,
)

CODES = st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=12).filter(
    lambda code: code.strip("-")
)
WORDS = st.text(min_size=1, max_size=40).filter(str.strip)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)
"""Any JSON value: what json.loads can return (NaN and infinities left out)."""

working_days = st.builds(WorkingDays, st.integers(1, 100_000))
working_durations = st.builds(
    WorkingDuration, st.timedeltas(dt.timedelta(microseconds=1), dt.timedelta(days=10_000))
)
closures = st.builds(Closure, st.dates(), WORDS, st.sampled_from(ClosureKind))


OVERRIDE_WEEKS = week_hours(min_working_days=0)


@st.composite
def hours_overrides(draw: st.DrawFn) -> HoursOverride:
    first = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))
    last = first + dt.timedelta(days=draw(st.integers(0, 60)))
    return HoursOverride(first, last, draw(OVERRIDE_WEEKS), name=draw(WORDS))


@st.composite
def wards(draw: st.DrawFn) -> Ward:
    """A ward of a generated map, or a square with a square hole (a polygon with an interior)."""
    if draw(st.booleans()):
        ward_map = draw(ward_maps())
        return ward_map[draw(st.sampled_from(sorted(ward_map)))]
    west = draw(st.floats(-170, 170))
    south = draw(st.floats(-80, 80))
    size = draw(st.floats(0.001, 1.0))
    shell = shapely.box(west, south, west + size, south + size)
    hole = shapely.box(west + size / 4, south + size / 4, west + size / 2, south + size / 2)
    return Ward(
        code="33.74.01.1001",
        name=draw(WORDS),
        district_code="33.74.01",
        district_name=draw(WORDS),
        geometry=shapely.Polygon(shell.exterior.coords, [hole.exterior.coords]),
    )


@st.composite
def service_attributes(draw: st.DrawFn) -> ServiceAttribute:
    """An attribute of any datatype; list datatypes get options with distinct keys."""
    datatype = draw(st.sampled_from(AttributeDatatype))
    options = st.lists(st.builds(AttributeOption, CODES, WORDS), min_size=1, max_size=3)
    values = draw(options.map(lambda items: list({item.key: item for item in items}.values())))
    variable = draw(st.booleans())
    return ServiceAttribute(
        draw(CODES),
        datatype=datatype,
        description=draw(WORDS),
        required=variable and draw(st.booleans()),
        variable=variable,
        order=draw(st.none() | st.integers(1, 300)),
        datatype_description=draw(st.none() | WORDS),
        values=values if datatype.is_list else (),
    )


categories = st.builds(
    Category,
    CODES,
    name_id=WORDS,
    name_en=WORDS,
    group=WORDS,
    referral=st.none() | WORDS,
    keywords=st.lists(WORDS, max_size=3),
    attributes=st.lists(service_attributes(), max_size=3, unique_by=lambda item: item.code),
)
agencies = st.builds(
    Agency,
    CODES.map(str.upper),
    WORDS,
    categories=st.frozensets(CODES, max_size=4),
    jurisdiction=st.none()
    | st.frozensets(st.sampled_from(["33.74.01", "33.74.02.1005"]), min_size=1),
    parent=st.none() | st.just("SEKDA"),
    calendar=st.none() | calendars(),
    active=st.booleans(),
)


@st.composite
def routing_rules(draw: st.DrawFn) -> RoutingRule:
    place = draw(st.sampled_from(["ward", "district", "city"]))
    return RoutingRule(
        draw(CODES),
        draw(CODES.map(str.upper)),
        ward=draw(CODES) if place == "ward" else None,
        district=draw(CODES) if place == "district" else None,
    )


sla_rules = st.builds(
    SlaRule,
    policies(),
    categories=st.none() | st.frozensets(CODES, min_size=1, max_size=3),
    classes=st.none() | st.frozensets(st.sampled_from(["normative", "desk", "field"]), min_size=1),
)


@st.composite
def sla_schedules(draw: st.DrawFn) -> SlaSchedule:
    rules = draw(st.lists(sla_rules, min_size=1, max_size=3))
    # A rule that matches everything must be the last of its name, or the schedule refuses it.
    seen: dict[str, SlaRule] = {}
    kept = []
    for rule in rules:
        if rule.policy.name in seen and seen[rule.policy.name].matches_all:
            continue
        seen[rule.policy.name] = rule
        kept.append(rule)
    names = sorted({rule.policy.name for rule in kept})
    return SlaSchedule(
        kept,
        classes=draw(st.dictionaries(CODES, st.sampled_from(["normative", "desk", "field"]))),
        default_class=draw(st.none() | st.sampled_from(["normative", "desk"])),
        primary=draw(st.sampled_from(names)),
    )


@st.composite
def escalation_steps(draw: st.DrawFn) -> EscalationStep:
    repeats = draw(st.integers(0, 5))
    return EscalationStep(
        draw(st.floats(0.01, 5.0)),
        draw(WORDS),
        repeat_every=draw(working_days) if repeats else None,
        max_repeats=repeats,
    )


escalation_policies = st.builds(
    EscalationPolicy,
    st.lists(escalation_steps(), min_size=1, max_size=4).map(
        lambda steps: sorted(steps, key=lambda step: step.at)
    ),
    clocks=st.frozensets(WORDS, min_size=1, max_size=3),
)


@st.composite
def routers(draw: st.DrawFn) -> Router:
    """A router whose categories all go to the triage desk or to a whole-city rule."""
    own = draw(st.lists(categories, max_size=4, unique_by=lambda category: category.code))
    desk = Agency("DESK", "Triage desk")
    handlers = [
        Agency(f"A{index}", draw(WORDS), categories={category.code}, active=draw(st.booleans()))
        for index, category in enumerate(own)
        if category.referral is None
    ]
    rules = [RoutingRule(next(iter(agency.categories)), agency.code) for agency in handlers]
    return Router.build(
        rules,
        agencies=[desk, *handlers],
        categories=own,
        triage="DESK",
        outside_referral=draw(WORDS),
    )


@st.composite
def cities(draw: st.DrawFn) -> City:
    return City.build(
        draw(WORDS),
        ward_map=draw(ward_maps()),
        router=draw(routers()),
        calendar=draw(calendars()),
        snap_m=draw(st.floats(0, 1_000)),
        schedule=draw(st.none() | sla_schedules()),
        require_description=draw(st.booleans()),
    )


VALUES: dict[type, st.SearchStrategy[object]] = {
    Agency: agencies,
    Category: categories,
    City: cities(),
    Closure: closures,
    EscalationPolicy: escalation_policies,
    EscalationStep: escalation_steps(),
    GeoPoint: geo_points(),
    HoursOverride: hours_overrides(),
    Report: histories(),
    ReportEvent: histories(max_events=4).flatmap(lambda report: st.sampled_from(report.history)),
    Reporter: reporters(),
    Router: routers(),
    RoutingRule: routing_rules(),
    SlaPolicy: policies(),
    SlaRule: sla_rules,
    SlaSchedule: sla_schedules(),
    Submission: st.builds(
        attrs.evolve,
        reports().map(lambda report: report.submission),
        description=st.none() | WORDS,
        attributes=st.dictionaries(CODES, st.lists(WORDS, min_size=1, max_size=3), max_size=3),
    ),
    Ward: wards(),
    WardMap: ward_maps(),
    WorkingCalendar: calendars(coverage=None),
    WorkingDays: working_days,
    WorkingDuration: working_durations,
}
"""A strategy for every type of smartcity.serialization.SUPPORTED_TYPES."""

SLOW: frozenset[type] = frozenset({Agency, City, WorkingCalendar})
"""Types whose values hold calendars, which take milliseconds each to build."""

SLOW_EXAMPLES = max(10, settings.default.max_examples // 4)
"""Examples for the slow types: a quarter of the profile's (25 by default, 75 in CI)."""

assert set(VALUES) == set(SUPPORTED_TYPES), set(SUPPORTED_TYPES) ^ set(VALUES)
