"""Every public value travels: the standard pickler round-trips it, equal and answering alike.

Spark's broadcast, Dask's workers and ``multiprocessing`` all use the standard pickler. One
sample instance of every public class of every public module is pickled and loaded; the copy
must equal the original (or, for the values compared by identity, answer every question the
same), and the heavy values (calendars, ward maps, cities) must pickle small.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import inspect
import pickle
import typing
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity import exceptions
from smartcity.columnar import ClockTable, EventTable, clock_table
from smartcity.desk import City, DuplicateIndex, Placements, find_duplicates
from smartcity.geo import GeometryIssue, GeometryIssueKind, GeoPoint, WardMap
from smartcity.open311 import get_services
from smartcity.reports import TRANSITIONS, Report, Reporter, ReportStatus
from smartcity.routing import AttributeDatatype, AttributeOption, Router, ServiceAttribute
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.sla import (
    EscalationPolicy,
    PauseEffect,
    SlaClock,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
    due_auto_closures,
    due_escalations,
    explain_clock,
    explain_deadline,
)
from smartcity.stats import Histogram, partial_performance, sla_performance, yearly_counts
from smartcity.testing import calendars

PUBLIC_MODULES = (
    "smartcity",
    "smartcity.columnar",
    "smartcity.desk",
    "smartcity.exceptions",
    "smartcity.geo",
    "smartcity.open311",
    "smartcity.reports",
    "smartcity.routing",
    "smartcity.samples",
    "smartcity.serialization",
    "smartcity.sla",
    "smartcity.stats",
    "smartcity.testing",
)
WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2025, 6, 30, 15, tzinfo=WIB)
#: Protocols describe values; they have no instances of their own.
NOT_INSTANTIABLE = frozenset({"HasLatLon"})


def _public() -> dict[str, object]:
    names: dict[str, object] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            names[f"{module_name}.{name}"] = getattr(module, name)
    return names


def _public_classes() -> dict[str, type]:
    classes: dict[str, type] = {}
    for value in _public().values():
        if inspect.isclass(value) and value.__name__ not in NOT_INSTANTIABLE:
            classes.setdefault(value.__name__, value)
    return classes


def _public_constants() -> dict[str, object]:
    return {
        name: value
        for name, value in _public().items()
        if not inspect.isclass(value) and not callable(value) and not inspect.ismodule(value)
    }


@functools.cache
def _moved() -> tuple[City, tuple[Report, ...]]:
    city = semarang()
    submitted = generate_reports(
        city, count=60, start=dt.datetime(2025, 3, 3, tzinfo=WIB), end=NOW, seed=3
    )
    moved = tuple(
        progress_reports(city.intake(r, at=r.submitted_at + dt.timedelta(minutes=20)), now=NOW)
        for r in submitted
    )
    return city, moved


def _error_samples() -> dict[str, Exception]:
    day = dt.date(2030, 1, 1)
    coverage = (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    samples: dict[str, Exception] = {
        "NaiveDatetimeError": exceptions.NaiveDatetimeError(
            dt.datetime(2025, 1, 1, 8),  # noqa: DTZ001 - naive on purpose
            argument="at",
        ),
        "CalendarCoverageError": exceptions.CalendarCoverageError(day, coverage, what="start"),
        "InvalidEventTableError": exceptions.InvalidEventTableError((3,), ((3, "NaT"),)),
        "InvalidTransitionError": exceptions.InvalidTransitionError(
            "no", from_status=ReportStatus.CLOSED, to_status=ReportStatus.VERIFIED
        ),
        "UnknownWardError": exceptions.UnknownWardError("33.74.99"),
        "UnknownAgencyError": exceptions.UnknownAgencyError("NOPE"),
        "UnknownCategoryError": exceptions.UnknownCategoryError("nope"),
        "UnknownPolicyError": exceptions.UnknownPolicyError("nope", ("follow-up",)),
    }
    for name in exceptions.__all__:
        cls = getattr(exceptions, name)
        if name not in samples:
            try:
                samples[name] = cls("something was wrong; do this instead")
            except TypeError:  # pragma: no cover - a new error class needs its sample above
                continue
    return samples


@functools.cache
def samples() -> dict[str, object]:
    """One instance of every public class, by class name."""
    city, reports = _moved()
    assert city.schedule is not None
    ward_map = city.ward_map
    code = next(iter(ward_map))
    ward = ward_map[code]
    inside = ward.geometry.representative_point()
    point = GeoPoint(inside.y, inside.x)
    assigned = next(r for r in reports if r.agency is not None and r.location is not None)
    clock = SlaClock.of(
        assigned, city.schedule.policy_for(assigned, "follow-up") or _no(), city.calendar
    )
    table = EventTable.from_reports(reports)
    clocks = clock_table(
        table, clock.policy, calendar=city.calendar, now=NOW, agency_calendars=None
    )
    performance = sla_performance(reports, city.schedule, city.calendar, now=NOW)
    partial = partial_performance(reports, city.schedule, city.calendar, now=NOW)
    counts = yearly_counts(reports)
    escalations = due_escalations(
        reports,
        now=NOW,
        schedule=city.schedule,
        calendar=city.calendar,
        escalation=EscalationPolicy.standard(),
    )
    closures = due_auto_closures(
        reports,
        now=NOW + dt.timedelta(days=60),
        schedule=city.schedule,
        calendar=city.calendar,
    )
    duplicates = find_duplicates(
        assigned, reports, radius_m=5_000, open_only=False, same_category=False, limit=None
    )
    decision = city.route(assigned)
    location = ward_map.nearest(point, max_distance_m=10)
    deadline = explain_deadline(city.calendar, assigned.submitted_at, 5)
    option = AttributeOption("deep", "Deeper than 10 cm")
    start = assigned.submitted_at
    pause = PauseEffect(start, start + dt.timedelta(hours=2), dt.timedelta(hours=1))
    values: dict[str, object] = {
        "Agency": next(iter(city.agencies.values())),
        "AttributeOption": option,
        "ClockExplanation": explain_clock(clock),
        "CountedDay": deadline.counted[0],
        "DeadlineExplanation": deadline,
        "Open311Response": get_services(city),
        "PauseEffect": pause,
        "Promise": city.promise(assigned, now=NOW) or _no(),
        "ServiceAttribute": ServiceAttribute(
            "depth",
            datatype=AttributeDatatype.SINGLEVALUELIST,
            description="How deep is the hole?",
            values=(option,),
        ),
        "SkippedDay": deadline.skipped[0],
        "AutoClosure": closures[0] if closures else _no(),
        "Category": next(iter(city.categories.values())),
        "City": city,
        "ClockRow": clocks.row(0),
        "ClockTable": clocks,
        "Closure": city.calendar.closed[0],
        "District": next(iter(ward_map.districts().values())),
        "Duplicate": duplicates[0] if duplicates else _no(),
        "DuplicateIndex": DuplicateIndex(reports),
        "Escalation": escalations[0] if escalations else _no(),
        "EscalationPolicy": EscalationPolicy.standard(),
        "EscalationStep": EscalationPolicy.standard().steps[-1],
        "EventTable": table,
        "GeoPoint": point,
        "GeometryIssue": GeometryIssue(
            GeometryIssueKind.OVERLAP, (code, code), 1.5, point, "two wards overlap"
        ),
        "Histogram": Histogram.of([3, 1, 3, 7]),
        "HoursOverride": city.calendar.overrides[0],
        "Location": location,
        "PartialPerformance": partial,
        "PartialRow": partial.rows[0],
        "PerformanceRow": next(iter(performance)),
        "Placement": city.place(point),
        "Placements": city.place_many([point.lat, 0.0], [point.lon, 0.0]),
        "Report": assigned,
        "ReportEvent": assigned.history[-1],
        "Reporter": Reporter(name="Sari", phone="+62 812 0000 0000"),
        "Router": city.router,
        "RoutingDecision": decision,
        "RoutingRule": city.router.rules[0],
        "SlaClock": clock,
        "SlaCycle": clock.cycles[0],
        "SlaPerformance": performance,
        "SlaPolicy": clock.policy,
        "SlaRule": city.schedule.rules[0],
        "SlaSchedule": city.schedule,
        "Submission": assigned.history[0].submission,
        "Ward": ward,
        "WardMap": ward_map,
        "WorkingCalendar": city.calendar,
        "WorkingDays": WorkingDays(5),
        "WorkingDuration": WorkingDuration(dt.timedelta(hours=40)),
        "YearlyCount": next(iter(counts)),
        "YearlyCounts": counts,
    }
    values.update(_error_samples())
    for name, cls in _public_classes().items():
        if issubclass(cls, enum.Enum):
            values[name] = list(cls)
    return values


def _no() -> typing.NoReturn:
    msg = "the sample data lacks a value the pickling tests need; widen it"
    raise AssertionError(msg)


def _loaded(value: object) -> object:
    return pickle.loads(pickle.dumps(value))  # noqa: S301 - our own bytes


def _same(value: object, other: object) -> None:
    """Assert that two values are equal, or (compared by identity) answer alike."""
    if isinstance(value, BaseException):
        assert type(other) is type(value)
        assert str(other) == str(value)
        assert isinstance(other, BaseException)
        assert other.args == value.args
        assert vars(other) == vars(value)
    elif isinstance(value, City):
        _same_city(value, other)
    elif isinstance(value, Router):
        assert isinstance(other, Router)
        assert (other.rules, other.skipped, other.triage) == (
            value.rules,
            value.skipped,
            value.triage,
        )
        assert other.agencies == value.agencies
        assert other.categories == value.categories
        for category in value.categories:
            assert other.route(category) == value.route(category)
    elif isinstance(value, DuplicateIndex):
        assert isinstance(other, DuplicateIndex)
        _city, reports = _moved()
        for report in reports[:10]:
            assert find_duplicates(report, other, radius_m=2_000, open_only=False) == (
                find_duplicates(report, value, radius_m=2_000, open_only=False)
            )
    elif isinstance(value, Placements | ClockTable):
        _same_columns(value, other)
    else:
        assert other == value


def _same_columns(value: Placements | ClockTable, other: object) -> None:
    """Column tables: equal columns, read-only again after loading."""
    assert type(other) is type(value)
    assert repr(other) == repr(value)
    for field in attrs.fields(type(value)):
        mine, theirs = getattr(value, field.name), getattr(other, field.name)
        if isinstance(mine, np.ndarray):
            assert np.array_equal(mine, theirs, equal_nan=mine.dtype.kind == "f")
            assert not theirs.flags.writeable
        else:
            assert theirs == mine
    if isinstance(value, ClockTable):
        assert isinstance(other, ClockTable)
        assert other.to_records() == value.to_records()


def _same_city(city: City, other: object) -> None:
    assert isinstance(other, City)
    assert (other.name, other.snap_m) == (city.name, city.snap_m)
    assert other.calendar == city.calendar
    assert other.schedule == city.schedule
    assert list(other.ward_map) == list(city.ward_map)
    _city, reports = _moved()
    for report in reports[:20]:
        submitted = Report.submit(
            report.report_id,
            category=report.category,
            description=report.description,
            at=report.submitted_at,
            location=report.location,
            address=report.address,
        )
        at = submitted.submitted_at + dt.timedelta(minutes=5)
        assert other.intake(submitted, at=at) == city.intake(submitted, at=at)
        assert other.clock(report) == city.clock(report)


class TestEveryPublicValuePickles:
    """The standard pickler round-trips one instance of every public class."""

    def test_every_public_class_has_a_sample(self):
        assert set(_public_classes()) <= set(samples())

    @pytest.mark.parametrize("name", sorted(_public_classes()))
    def test_a_loaded_copy_equals_or_answers_like_the_original(self, name):
        value = samples()[name]
        _same(value, _loaded(value))

    @pytest.mark.parametrize("name", sorted(_public_constants()))
    def test_public_constants_pickle_equal(self, name):
        value = _public_constants()[name]
        assert _loaded(value) == value

    def test_the_lifecycle_table_stays_read_only_after_loading(self):
        loaded = _loaded(TRANSITIONS)
        assert loaded == TRANSITIONS
        assert isinstance(loaded, typing.Mapping)
        with pytest.raises(TypeError):
            loaded[ReportStatus.CLOSED] = frozenset()  # type: ignore[index]


class TestHeavyValuesPickleTheirDefinition:
    """Calendars, ward maps and cities pickle small and answer as fast after loading."""

    def test_a_forty_year_calendar_pickles_its_definition_not_its_tables(self):
        calendar = WorkingCalendar.indonesia(years=range(2000, 2040))
        size = len(pickle.dumps(calendar))
        assert size < 48 * 1024
        loaded = _loaded(calendar)
        assert loaded == calendar
        assert loaded._timeline is not calendar._timeline

    def test_a_ward_map_loads_with_its_index_rebuilt(self):
        ward_map = semarang().ward_map
        loaded = _loaded(ward_map)
        assert isinstance(loaded, WardMap)
        rng = np.random.default_rng(5)
        # Semarang's extent, with a margin: some points fall outside every ward.
        lats = rng.uniform(-7.15, -6.93, 500)
        lons = rng.uniform(110.26, 110.52, 500)
        assert list(loaded.locate_many(lats, lons)) == list(ward_map.locate_many(lats, lons))

    def test_the_sample_city_pickles_in_well_under_a_megabyte(self):
        assert len(pickle.dumps(semarang())) < 512 * 1024


@functools.cache
def _semarang_calendar() -> WorkingCalendar:
    return semarang().calendar


class TestCalendarsAnswerAlikeAfterLoading:
    """A loaded calendar's every answer equals the original's."""

    @settings(max_examples=40, deadline=None)
    @given(
        calendar=calendars(),
        minutes=st.lists(st.integers(0, 3 * 366 * 24 * 60), min_size=1, max_size=8),
        n=st.integers(-20, 20),
        hours=st.integers(0, 200),
    )
    def test_working_day_and_time_arithmetic(self, calendar, minutes, n, hours):
        loaded = _loaded(calendar)
        assert isinstance(loaded, WorkingCalendar)
        assert loaded == calendar
        first = calendar.coverage[0] if calendar.coverage else dt.date(2025, 1, 1)
        origin = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2)
        for minute in minutes:
            at = origin + dt.timedelta(minutes=minute)
            for name, args in (
                ("add_working_days", (at, n)),
                ("add_working_time", (at, dt.timedelta(hours=hours))),
                ("working_days_between", (origin, at)),
                ("working_time_between", (origin, at)),
                ("is_working_time", (at,)),
                ("next_working_instant", (at,)),
            ):
                assert _answer(loaded, name, args) == _answer(calendar, name, args)


def _answer(calendar: WorkingCalendar, name: str, args: tuple[object, ...]) -> object:
    try:
        return getattr(calendar, name)(*args)
    except exceptions.SmartCityError as error:
        return type(error), str(error)
