"""Hostile input at every public door of smartcity.routing and smartcity.desk.

Hypothesis mixes valid arguments with wrong types, huge numbers, NaN, edge instants and
oversized values. Whatever it draws, the only exceptions are SmartCityErrors with a short
message, and the arguments (the city, the reports, the candidate lists) are unchanged.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import math
import zoneinfo
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.desk import City, Duplicate, DuplicateIndex, Placement, find_duplicates
from smartcity.exceptions import InvalidArgumentError, InvalidDistanceError, SmartCityError
from smartcity.geo import GeoPoint
from smartcity.reports import Report
from smartcity.routing import (
    Agency,
    Category,
    Router,
    RoutingDecision,
    RoutingOutcome,
    RoutingRule,
)
from smartcity.samples import semarang
from smartcity.serialization import from_dict, to_dict

CITY = semarang()
AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SIMPANG_LIMA = GeoPoint(-6.9903, 110.4229)


class _Huge(str):
    """10 MB of text whose repr is short, so that a failing example can be printed."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'x' * 10_000_000"


HUGE_TEXT = _Huge("x" * 10_000_000)
LONDON = zoneinfo.ZoneInfo("Europe/London")
#: The longest error message allowed: a message goes to logs and HTTP answers.
MAX_MESSAGE = 2_000

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 2**63, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 5e-324]),
    st.sampled_from([np.int64(5), np.float64(math.nan), decimal.Decimal("NaN")]),
    st.sampled_from([decimal.Decimal(10) ** 400, decimal.Decimal("1.5")]),
    st.text(max_size=20),
    st.sampled_from(["", " ", "\x00", HUGE_TEXT, "33.74.01" + ".1" * 100_000]),
    st.binary(max_size=10),
    st.lists(st.one_of(st.none(), st.text(max_size=5), st.integers()), max_size=3),
    st.sampled_from([{}, {"code": "x"}, set(), frozenset({"a"}), (), object()]),
    st.datetimes(),  # naive
    st.sampled_from(
        [
            dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            dt.datetime(2024, 3, 31, 1, 30, tzinfo=LONDON),  # skipped by daylight saving
            dt.date(2025, 3, 3),
            dt.timedelta(days=-1),
            dt.timedelta.max,
        ]
    ),
    st.builds(GeoPoint, st.floats(-90, 90), st.floats(-180, 180)),
)


def either(valid: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """A valid value most of the time, a hostile one otherwise."""
    return st.one_of(valid, HOSTILE)


def submitted(rid: str, where: GeoPoint | None, *, category: str = "roads") -> Report:
    return Report.submit(
        rid,
        category=category,
        location=where,
        address=None if where else "Jl. Pemuda",
        description="Jalan berlubang",
        at=AT,
    )


REPORTS = (
    submitted("R1", SIMPANG_LIMA),
    submitted("R2", GeoPoint(-6.9905, 110.4229)),
    submitted("R3", GeoPoint(0.0, 0.0)),
    submitted("R4", None),
    submitted("R5", GeoPoint(-6.99, 110.42), category="drainage"),
)
REPORTS_BEFORE = copy.deepcopy(REPORTS)
CODES = st.sampled_from(["DPU", "drainage", "roads", "33.74.01", "33.74.07.0000", "X"])


def only_library_errors(call: Callable[[], object]) -> object:
    """Run ``call``: it returns its value, or raises a SmartCityError with a short message."""
    try:
        return call()
    except SmartCityError as error:
        message = str(error)
    assert len(message) <= MAX_MESSAGE, message[:200]
    assert HUGE_TEXT[:1000] not in message
    return None


def reads_back(value: object) -> None:
    """An accepted value survives to_dict, JSON and from_dict unchanged."""
    if value is not None:
        data = json.loads(json.dumps(to_dict(value), allow_nan=False))
        assert from_dict(type(value), data) == value


def snapshot(value: object) -> object:
    """A copy of a list (a caller's mutable argument); other values are kept as they are."""
    return list(value) if isinstance(value, list) else value


def unchanged(before: object, after: object) -> bool:
    """Equal, or the very same object (NaN is not equal to itself)."""
    return before is after or before == after


def city_state(city: City) -> tuple[object, ...]:
    return (
        city.name,
        city.ward_map,
        city.router,
        city.calendar,
        city.snap_m,
        city.schedule,
        tuple(city.router.rules),
    )


class TestRoutingDoors:
    """Agencies, categories, rules and routers refuse bad input with library errors."""

    @given(
        code=either(CODES),
        name=either(st.just("Dinas")),
        categories=either(st.lists(CODES, max_size=3)),
        jurisdiction=either(st.none() | st.lists(CODES, min_size=1, max_size=3)),
        parent=either(st.none() | CODES),
        calendar=either(st.none() | st.just(CITY.calendar)),
        active=either(st.booleans()),
    )
    def test_agency(self, **kwargs: object) -> None:
        before = snapshot(kwargs.get("categories"))
        reads_back(only_library_errors(lambda: Agency(**kwargs)))  # type: ignore[arg-type]
        assert unchanged(before, kwargs.get("categories"))

    @given(
        code=either(CODES),
        name_id=either(st.just("Jalan")),
        name_en=either(st.just("Road")),
        group=either(st.just("I")),
        referral=either(st.none() | st.just("PLN")),
        keywords=either(st.lists(st.just("aspal"), max_size=2)),
    )
    def test_category(self, **kwargs: object) -> None:
        reads_back(only_library_errors(lambda: Category(**kwargs)))  # type: ignore[arg-type]

    @given(
        category=either(CODES),
        agency=either(CODES),
        ward=either(st.none() | CODES),
        district=either(st.none() | CODES),
    )
    def test_rule(self, category: object, agency: object, ward: object, district: object) -> None:
        reads_back(
            only_library_errors(
                lambda: RoutingRule(category, agency, ward=ward, district=district)  # type: ignore[arg-type]
            )
        )

    @given(
        rules=either(st.just(list(CITY.router.rules))),
        agencies=either(st.just(list(CITY.agencies.values()))),
        categories=either(st.just(list(CITY.categories.values()))),
        triage=either(st.none() | st.just(CITY.router.triage)),
        outside_referral=either(st.just("Pemerintah setempat")),
    )
    def test_router_build(
        self,
        rules: object,
        agencies: object,
        categories: object,
        triage: object,
        outside_referral: object,
    ) -> None:
        before = [snapshot(value) for value in (rules, agencies, categories)]
        only_library_errors(
            lambda: Router.build(
                rules,  # type: ignore[arg-type]
                agencies=agencies,  # type: ignore[arg-type]
                categories=categories,  # type: ignore[arg-type]
                triage=triage,  # type: ignore[arg-type]
                outside_referral=outside_referral,  # type: ignore[arg-type]
            )
        )
        after = [rules, agencies, categories]
        assert all(unchanged(b, a) for b, a in zip(before, after, strict=True))

    @given(
        category=either(CODES),
        ward=either(st.none() | CODES),
        district=either(st.none() | CODES),
        outside=either(st.booleans()),
        code=HOSTILE | CODES,
    )
    def test_router_questions(
        self, category: object, ward: object, district: object, outside: object, code: object
    ) -> None:
        router = CITY.router
        only_library_errors(
            lambda: router.route(category, ward=ward, district=district, outside=outside)  # type: ignore[arg-type]
        )
        only_library_errors(lambda: router.agency(code))  # type: ignore[arg-type]
        only_library_errors(lambda: router.category(code))  # type: ignore[arg-type]
        only_library_errors(lambda: router.agencies["DPU"].covers(code))  # type: ignore[arg-type]


class TestDeskDoors:
    """The city and the duplicate search refuse bad input with library errors."""

    @given(
        name=either(st.just("Kota")),
        ward_map=either(st.just(CITY.ward_map)),
        router=either(st.just(CITY.router)),
        calendar=either(st.just(CITY.calendar)),
        snap_m=either(st.floats(0, 1_000)),
        schedule=either(st.none() | st.just(CITY.schedule)),
    )
    def test_city_build(self, name: object, **parts: object) -> None:
        only_library_errors(lambda: City.build(name, **parts))  # type: ignore[arg-type]

    @given(
        report=either(st.sampled_from(REPORTS)),
        at=either(st.just(AT)),
        actor=either(st.just("intake")),
        location=either(st.none() | st.just(SIMPANG_LIMA)),
        agency=HOSTILE | CODES,
        name=either(st.just("follow-up")),
    )
    def test_city_methods(
        self,
        *,
        report: object,
        at: object,
        actor: object,
        location: object,
        agency: object,
        name: object,
    ) -> None:
        state = city_state(CITY)
        only_library_errors(lambda: CITY.intake(report, at=at, actor=actor))  # type: ignore[arg-type]
        only_library_errors(lambda: CITY.place(location))  # type: ignore[arg-type]
        only_library_errors(lambda: CITY.route(report))  # type: ignore[arg-type]
        only_library_errors(lambda: CITY.clock(report, name))  # type: ignore[arg-type]
        only_library_errors(lambda: CITY.calendar_for(agency))  # type: ignore[arg-type]
        assert city_state(CITY) == state
        assert REPORTS == REPORTS_BEFORE

    @given(
        report=either(st.sampled_from(REPORTS)),
        candidates=either(st.lists(st.sampled_from(REPORTS), max_size=5)),
        radius_m=either(st.floats(0, 10_000)),
        within=either(st.timedeltas(min_value=dt.timedelta(0))),
        same_category=either(st.booleans()),
        open_only=either(st.booleans()),
        limit=either(st.none() | st.integers(0, 10)),
    )
    def test_find_duplicates(self, report: object, candidates: object, **options: object) -> None:
        before = snapshot(candidates)
        only_library_errors(lambda: find_duplicates(report, candidates, **options))  # type: ignore[arg-type]
        assert unchanged(before, candidates)
        index = DuplicateIndex(REPORTS)
        only_library_errors(lambda: index.find(report, **options))  # type: ignore[arg-type]
        assert len(index) == 4

    @pytest.mark.parametrize(
        "call",
        [
            lambda: City.build("x", ward_map=CITY.ward_map, router=CITY.router, calendar=None),
            lambda: CITY.intake(None, at=AT),
            lambda: find_duplicates(REPORTS[0], None),
            lambda: find_duplicates(REPORTS[0], REPORTS, limit=1.5),
            lambda: find_duplicates(REPORTS[0], REPORTS, within=30),
            lambda: Router.build(None, agencies=[], categories=[]),
            lambda: Agency("A", "A", categories=[None]),
            lambda: Category("c", name_id="n", name_en="n", group="g", keywords=[5]),
        ],
    )
    def test_regressions_from_the_issue(self, call: Callable[[], object]) -> None:
        """Each used to raise a bare AttributeError or TypeError, or to be accepted."""
        with pytest.raises(SmartCityError):
            call()

    def test_intake_at_a_skipped_hour(self) -> None:
        """A time the clocks skipped would be stored and never read back: refused."""
        with pytest.raises(SmartCityError, match="does not exist"):
            CITY.intake(REPORTS[0], at=dt.datetime(2025, 3, 30, 1, 30, tzinfo=LONDON))


class TestResultValues:
    """The values the desk returns check their fields too, when a user builds one."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: Placement(5, None),
            lambda: Placement(None, None, outside=1),
            lambda: Placement("w", "d", snapped_m="3"),
            lambda: Duplicate(None, 1.0),
            lambda: Duplicate(REPORTS[0], "1"),
            lambda: RoutingDecision("assign", "DPU", None, None, "r"),
            lambda: RoutingDecision(RoutingOutcome.ASSIGN, 5, None, None, "r"),
        ],
    )
    def test_wrong_types(self, call: Callable[[], object]) -> None:
        with pytest.raises(InvalidArgumentError):
            call()

    @pytest.mark.parametrize(
        "call",
        [
            lambda: Placement("w", "d", snapped_m=-1.0),
            lambda: Placement("w", "d", snapped_m=math.nan),
            lambda: Duplicate(REPORTS[0], math.inf),
        ],
    )
    def test_bad_distances(self, call: Callable[[], object]) -> None:
        with pytest.raises(InvalidDistanceError):
            call()
