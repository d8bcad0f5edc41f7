"""WorkingCalendar.for_country: any country the holidays package knows, in one call."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidCalendarError,
    InvalidOptionError,
    SmartCityError,
)
from smartcity.sla import ClosureKind, WorkingCalendar
from smartcity.sla._calendar._indonesia import PERPRES_21_2023

T = dt.time
OFFICE = {day: [(T(8), T(12)), (T(13), T(17))] for day in range(1, 6)}
SIX_DAYS = {day: [(T(8), T(14))] for day in range(1, 7)}
SUNDAY_TO_THURSDAY = {day: [(T(7, 30), T(15, 30))] for day in (7, 1, 2, 3, 4)}

# Each case: the country, its subdivision, the categories, the language, the zone, the week.
COUNTRIES = (
    ("PH", None, None, "en_US", "Asia/Manila", OFFICE),
    ("BR", "SP", ("public", "optional"), "pt_BR", "America/Sao_Paulo", SIX_DAYS),
    ("US", "CA", None, "en_US", "America/Los_Angeles", OFFICE),
    ("DE", "BY", None, "de", "Europe/Berlin", OFFICE),
    ("JP", None, None, "ja", "Asia/Tokyo", OFFICE),
    ("IL", None, None, "he", "Asia/Jerusalem", SUNDAY_TO_THURSDAY),
)
YEARS = range(2025, 2028)


def build(*case, years=YEARS):
    country, subdivision, categories, language, zone, week = case
    return WorkingCalendar.for_country(
        country,
        subdivision=subdivision,
        categories=categories,
        language=language,
        tz=zone,
        week=week,
        years=years,
    )


def source(country, subdivision, categories, language, years=YEARS):
    return holidays.country_holidays(
        country,
        subdiv=subdivision,
        categories=categories or ("public",),
        language=language,
        years=years,
    )


def every_day(years: range):
    day = dt.date(years.start, 1, 1)
    while day.year < years.stop:
        yield day
        day += dt.timedelta(days=1)


class TestEveryHolidayIsClosedAndEveryOtherDayFollowsTheWeek:
    @pytest.mark.parametrize("case", COUNTRIES, ids=[case[0] for case in COUNTRIES])
    def test_each_day_of_the_years(self, case) -> None:
        country, subdivision, categories, language, _zone, week = case
        calendar = build(*case)
        closed = set(source(country, subdivision, categories, language))
        assert closed  # the check below means something
        for day in every_day(YEARS):
            expected = day not in closed and day.isoweekday() in week
            assert expected == calendar.is_working_day(day), day

    @pytest.mark.parametrize("case", COUNTRIES, ids=[case[0] for case in COUNTRIES])
    def test_the_closures_carry_the_package_names_as_holidays(self, case) -> None:
        country, subdivision, categories, language, *_ = case
        expected = sorted(
            (day, name)
            for day, names in source(country, subdivision, categories, language).items()
            for name in names.split("; ")
        )
        calendar = build(*case)
        assert expected == sorted((c.date, c.name) for c in calendar.closed)
        assert {ClosureKind.HOLIDAY} == {c.kind for c in calendar.closed}

    def test_coverage_is_the_years_given(self) -> None:
        calendar = build(*COUNTRIES[0])
        assert (dt.date(2025, 1, 1), dt.date(2027, 12, 31)) == calendar.coverage

    @given(
        first=st.integers(2000, 2060),
        length=st.integers(1, 4),
        country=st.sampled_from(COUNTRIES),
    )
    def test_a_longer_span_only_adds_closures(self, first, length, country) -> None:
        """Monotone in the years: the closures of a span are those of a wider span inside it."""
        short = build(*country, years=range(first, first + length))
        wide = build(*country, years=range(first, first + length + 1))
        inside = {c for c in wide.closed if c.date.year < first + length}
        assert set(short.closed) == inside


class TestTheLanguageOfTheNames:
    def test_the_philippines_in_english_and_in_filipino(self) -> None:
        english = build("PH", None, None, "en_US", "Asia/Manila", OFFICE)
        filipino = build("PH", None, None, "fil", "Asia/Manila", OFFICE)
        new_year = dt.date(2026, 1, 1)
        assert [c.name for c in english.closures(new_year, new_year)] == ["New Year's Day"]
        assert [c.name for c in filipino.closures(new_year, new_year)] == ["Bagong Taon"]
        assert [c.date for c in english.closed] == [c.date for c in filipino.closed]

    def test_brazil_in_portuguese_and_in_english(self) -> None:
        portuguese = build("BR", None, None, "pt_BR", "America/Sao_Paulo", OFFICE)
        english = build("BR", None, None, "en_US", "America/Sao_Paulo", OFFICE)
        day = dt.date(2026, 4, 21)
        assert [c.name for c in portuguese.closures(day, day)] == ["Tiradentes"]
        assert [c.name for c in english.closures(day, day)] == ["Tiradentes' Day"]

    def test_a_country_named_in_english_only_takes_en_us(self) -> None:
        calendar = build("JM", None, None, "en_US", "America/Jamaica", OFFICE)
        assert "Christmas Day" in {c.name for c in calendar.closed}
        with pytest.raises(InvalidOptionError, match="English only"):
            build("JM", None, None, "fil", "America/Jamaica", OFFICE)

    @pytest.mark.parametrize("variable", ["LANG", "LC_ALL", "LANGUAGE", "LC_MESSAGES"])
    @pytest.mark.parametrize("locale", ["C.UTF-8", "pt_BR.UTF-8", "fil_PH.UTF-8", "th_TH.UTF-8"])
    def test_the_same_calendar_under_any_locale(
        self, monkeypatch: pytest.MonkeyPatch, variable: str, locale: str
    ) -> None:
        for name in ("LANG", "LC_ALL", "LANGUAGE", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        references = [build(*case) for case in COUNTRIES[:2]]
        monkeypatch.setenv(variable, locale)
        assert references == [build(*case) for case in COUNTRIES[:2]]


class TestIndonesiaIsAPreset:
    def test_without_its_extras_it_is_the_country_calendar(self) -> None:
        for language, code in (("en", "en_US"), ("id", "id")):
            preset = WorkingCalendar.indonesia(
                years=YEARS, collective_leave=False, ramadan=False, language=language
            )
            general = WorkingCalendar.for_country(
                "ID", week=PERPRES_21_2023, years=YEARS, tz="Asia/Jakarta", language=code
            )
            assert general == preset

    def test_its_extras_are_cuti_bersama_and_ramadan_hours(self) -> None:
        preset = WorkingCalendar.indonesia(years=YEARS)
        general = WorkingCalendar.for_country(
            "ID", week=PERPRES_21_2023, years=YEARS, tz="Asia/Jakarta", language="en_US"
        )
        extra = set(preset.closed) - set(general.closed)
        assert extra
        assert {ClosureKind.COLLECTIVE_LEAVE} == {c.kind for c in extra}
        assert set(general.closed) <= set(preset.closed)
        assert preset.overrides
        assert not general.overrides


def call(**changes):
    arguments = {
        "country": "PH",
        "week": OFFICE,
        "years": YEARS,
        "tz": "Asia/Manila",
        "language": "en_US",
    }
    arguments.update(changes)
    return WorkingCalendar.for_country(arguments.pop("country"), **arguments)


class TestAClearErrorForWhatThePackageDoesNotKnow:
    @pytest.mark.parametrize(
        ("changes", "error", "words"),
        [
            ({"country": "XX"}, InvalidOptionError, "knows no country 'XX'"),
            ({"country": "Philippines"}, InvalidOptionError, "ISO 3166-1 code"),
            ({"subdivision": "SP"}, InvalidOptionError, "no subdivisions for PH"),
            (
                {"country": "BR", "subdivision": "XX", "language": "pt_BR"},
                InvalidOptionError,
                "BR has no subdivision 'XX'",
            ),
            ({"language": "de"}, InvalidOptionError, "en_PH, en_US, fil, th; not 'de'"),
            ({"language": "en"}, InvalidOptionError, "not 'en'"),
            ({"categories": ("bank",)}, InvalidOptionError, "no category 'bank' for PH"),
            ({"categories": "workday"}, InvalidOptionError, "worked, not closed"),
            ({"categories": ()}, InvalidOptionError, "categories is empty"),
            ({"categories": 5}, InvalidOptionError, "categories must be names"),
            ({"years": [1900]}, InvalidCalendarError, "for 1988-2100, not 1900-1900"),
            ({"years": []}, InvalidCalendarError, "at least one"),
            ({"years": "2026"}, InvalidCalendarError, "whole years"),
            ({"years": [2026.0]}, InvalidCalendarError, "whole years"),
            ({"country": 5}, InvalidArgumentError, "country must be a str"),
            ({"language": None}, InvalidArgumentError, "language must be a str"),
            ({"subdivision": 1}, InvalidArgumentError, "subdivision must be a str"),
            ({"categories": [None]}, InvalidArgumentError, "a category must be a str"),
            ({"tz": "Mars/Olympus"}, InvalidCalendarError, "unknown time zone"),
            ({"week": {}}, InvalidCalendarError, "no working time"),
        ],
    )
    def test_the_message_says_what_was_wrong(self, changes, error, words) -> None:
        with pytest.raises(error, match=words) as raised:
            call(**changes)
        assert isinstance(raised.value, SmartCityError)

    def test_a_failed_call_leaves_its_arguments_alone(self) -> None:
        categories = ["public", "workday"]
        week = {1: [(T(8), T(12))]}
        with pytest.raises(InvalidOptionError):
            call(categories=categories, week=week)
        assert categories == ["public", "workday"]
        assert {1: [(T(8), T(12))]} == week
