"""Semarang's presets sit together in smartcity.samples, and the sample city is built from them."""

from __future__ import annotations

import datetime as dt

import pytest

from smartcity.exceptions import InvalidPolicyError, SmartCityError
from smartcity.reports import Report
from smartcity.samples import (
    SAMPLE_YEARS,
    SEMARANG_CLASSES,
    SEMARANG_TIERS,
    semarang,
    semarang_agencies,
    semarang_calendar,
    semarang_categories,
    semarang_router,
    semarang_routing_rules,
    semarang_schedule,
)
from smartcity.sla import SlaSchedule, WorkingDays

AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def report(category: str) -> Report:
    return Report.submit("R1", category=category, address="Jl. Pemuda 1", description="x", at=AT)


class TestTheSampleCityIsBuiltFromThePresets:
    def test_each_part(self) -> None:
        city = semarang()
        assert city.calendar == semarang_calendar()
        assert city.schedule == semarang_schedule()
        assert city.router.rules == semarang_routing_rules()
        assert tuple(city.router.categories.values()) == semarang_categories()
        assert tuple(city.router.agencies) == tuple(a.code for a in semarang_agencies())
        assert semarang_router().rules == city.router.rules

    def test_the_calendar_covers_the_sample_years(self) -> None:
        first, last = SAMPLE_YEARS[0], SAMPLE_YEARS[-1]
        assert (dt.date(first, 1, 1), dt.date(last, 12, 31)) == semarang_calendar().coverage

    def test_the_fire_brigade_works_around_the_clock_over_the_same_years(self) -> None:
        (fire,) = (a for a in semarang_agencies() if a.code == "DAMKAR")
        assert fire.calendar is not None
        assert fire.calendar.coverage == semarang_calendar().coverage
        assert fire.calendar.is_working_day(dt.date(2025, 3, 31))  # Eid al-Fitr

    def test_presets_are_plain_values_each_call(self) -> None:
        assert semarang_schedule() == semarang_schedule()
        assert semarang() is semarang()  # cached: the city is immutable


class TestTheSemarangSchedule:
    def test_three_clocks_follow_up_primary(self) -> None:
        schedule = semarang_schedule()
        assert schedule.names == ("verification", "follow-up", "auto-close")
        assert schedule.primary == "follow-up"

    @pytest.mark.parametrize(("category", "days"), [("buildings", 60), ("trees", 14), ("x", 5)])
    def test_the_sample_classes_by_default(self, category: str, days: int) -> None:
        policy = semarang_schedule().policy_for(report(category), "follow-up")
        assert policy is not None
        assert WorkingDays(days) == policy.target
        assert SEMARANG_TIERS[SEMARANG_CLASSES.get(category, "normative")] == days

    def test_no_classes_makes_every_category_normative(self) -> None:
        policy = semarang_schedule(classes={}).policy_for(report("buildings"), "follow-up")
        assert policy is not None
        assert WorkingDays(5) == policy.target

    def test_no_default_class_gives_unmapped_categories_no_follow_up(self) -> None:
        schedule = semarang_schedule(classes={}, default_class=None)
        assert schedule.policy_for(report("roads"), "follow-up") is None

    @pytest.mark.parametrize(
        ("arguments", "error", "words"),
        [
            ({"classes": {"roads": "urgent"}}, InvalidPolicyError, "not 'urgent'"),
            ({"classes": 5}, InvalidPolicyError, "classes maps category codes"),
            ({"default_class": "urgent"}, InvalidPolicyError, "normative, desk, field"),
            ({"verification": 3}, SmartCityError, "WorkingDays"),
        ],
    )
    def test_a_bad_argument_is_refused(self, arguments, error, words) -> None:
        with pytest.raises(error, match=words):
            semarang_schedule(**arguments)

    def test_the_engine_holds_no_city(self) -> None:
        assert not hasattr(SlaSchedule, "semarang")
