"""Explaining a working-day deadline: agrees with the arithmetic, and reads in two languages."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidDurationError,
    InvalidOptionError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.sla import (
    Closure,
    ClosureKind,
    CountedDay,
    HoursOverride,
    HoursSource,
    SkippedDay,
    SkipReason,
    WorkingCalendar,
    explain_deadline,
)
from smartcity.testing import aware_datetimes, calendars

T = dt.time
DASH = "\N{EN DASH}"
INDONESIA_EN = WorkingCalendar.indonesia(years=range(2024, 2027))
INDONESIA_ID = WorkingCalendar.indonesia(years=range(2024, 2027), language="id")
NYEPI_2026 = pendulum.datetime(2026, 3, 13, 9, tz="Asia/Jakarta")


@st.composite
def calendar_and_start(draw: st.DrawFn) -> tuple[WorkingCalendar, dt.datetime]:
    calendar = draw(calendars())
    return calendar, draw(aware_datetimes(calendar=calendar))


def explained(calendar: WorkingCalendar, start: dt.datetime, n: int):  # type: ignore[no-untyped-def]
    try:
        return explain_deadline(calendar, start, n)
    except CalendarCoverageError:
        assume(False)
        raise


def local_date(calendar: WorkingCalendar, at: dt.datetime) -> dt.date:
    return pendulum.instance(at).in_timezone(calendar.tz).date()


class TestExplanationAgreesWithTheArithmetic:
    @given(calendar_and_start(), st.integers(1, 60))
    def test_counted_days_are_the_days_working_days_between_counts(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int
    ) -> None:
        """Day k of the explanation is the k-th working day; the last one closes at the deadline."""
        calendar, start = pair
        explanation = explained(calendar, start, n)
        assert explanation.deadline == calendar.add_working_days(start, n)
        assert [day.number for day in explanation.counted] == list(range(1, n + 1))
        for day in explanation.counted:
            assert calendar.is_working_day(day.date)
            end_of_day = pendulum.datetime(
                day.date.year, day.date.month, day.date.day, 23, 59, tz=calendar.tz
            )
            assert calendar.working_days_between(start, end_of_day) == day.number
        assert explanation.last.date == local_date(calendar, explanation.deadline)

    @given(calendar_and_start(), st.integers(1, 60))
    def test_skipped_days_are_exactly_the_days_off_in_between(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int
    ) -> None:
        """Every day after receipt up to the deadline is counted or skipped, once, in order."""
        calendar, start = pair
        explanation = explained(calendar, start, n)
        first = local_date(calendar, start) + dt.timedelta(days=1)
        last = explanation.last.date
        every_day = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
        off = [day for day in every_day if not calendar.is_working_day(day)]
        assert [day.date for day in explanation.skipped] == off
        counted = [day.date for day in explanation.counted]
        assert sorted(counted + off) == every_day

    @given(calendar_and_start(), st.integers(1, 30))
    def test_each_skipped_day_names_a_reason_the_calendar_has(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int
    ) -> None:
        """A closure is named by its closures; a weekly day off has no closure that day."""
        calendar, start = pair
        explanation = explained(calendar, start, n)
        for day in explanation.skipped:
            closures = calendar.closures(day.date, day.date)
            if day.reason is SkipReason.WEEKLY_DAY_OFF:
                assert not closures
            elif day.reason is not SkipReason.CLOSED_BY_OVERRIDE:
                assert day.names == tuple(c.name for c in closures)

    @given(calendar_and_start(), st.integers(1, 30), st.sampled_from(["id", "en"]))
    def test_text_names_the_deadline_in_both_languages(
        self, pair: tuple[WorkingCalendar, dt.datetime], n: int, language: str
    ) -> None:
        """Any explanation renders, one line per day plus three, in either language."""
        calendar, start = pair
        explanation = explained(calendar, start, n)
        lines = explanation.text(language)  # type: ignore[arg-type]
        assert len(lines.splitlines()) == 3 + len(explanation.counted) + len(explanation.skipped)


class TestLebaranExample:
    def test_nyepi_and_lebaran_in_indonesian(self) -> None:
        """Nyepi and Lebaran 2026, written as an Indonesian reads a date."""
        text = explain_deadline(INDONESIA_ID, NYEPI_2026, 5).text("id")
        lines = text.splitlines()
        assert lines[0] == (
            "Diterima Jumat, 13 Maret 2026 pukul 09.00 WIB; hari penerimaan tidak dihitung."
        )
        assert lines[1] == "Batas waktu 5 hari kerja: Jumat, 27 Maret 2026 pukul 16.30 WIB."
        assert "- Kamis, 19 Maret 2026: dilewati, libur nasional (Hari Suci Nyepi)" in lines
        assert f"- Senin, 16 Maret 2026: hari kerja ke-1 (08.00{DASH}15.15)" in lines
        assert lines[-1] == "16.30 adalah jam tutup biasa hari Jumat."

    def test_nyepi_and_lebaran_in_english(self) -> None:
        """The same deadline in English: month names and 24-hour times from CLDR."""
        lines = explain_deadline(INDONESIA_EN, NYEPI_2026, 5).text("en").splitlines()
        assert lines[1] == "Due after 5 working days: Friday, March 27, 2026 at 16:30 WIB."
        assert "- Thursday, March 19, 2026: skipped, public holiday (Day of Silence)" in lines
        assert "- Saturday, March 14, 2026: skipped, weekend" in lines

    @pytest.mark.parametrize(
        ("calendar", "language", "name"),
        [
            (INDONESIA_EN, "id", "Hari Suci Nyepi"),
            (INDONESIA_ID, "en", "Day of Silence"),
            (INDONESIA_ID, "id", "Hari Suci Nyepi"),
        ],
    )
    def test_holiday_names_follow_the_language_of_the_text(
        self, calendar: WorkingCalendar, language: str, name: str
    ) -> None:
        """A calendar built in one language explains in the other with the other's names."""
        text = explain_deadline(calendar, NYEPI_2026, 5).text(language)  # type: ignore[arg-type]
        assert f"({name})" in text

    def test_data_keeps_the_calendars_names(self) -> None:
        """The values hold the calendar's own names; only the text translates them."""
        explanation = explain_deadline(INDONESIA_EN, NYEPI_2026, 5)
        nyepi = next(day for day in explanation.skipped if day.date == dt.date(2026, 3, 19))
        assert (nyepi.reason, nyepi.names) == (SkipReason.HOLIDAY, ("Day of Silence",))
        leave = next(day for day in explanation.skipped if day.date == dt.date(2026, 3, 18))
        assert leave.reason is SkipReason.COLLECTIVE_LEAVE

    def test_ramadan_hours_explain_the_closing_time(self) -> None:
        """A deadline in Ramadan closes at 15:15 because of the override, which is named."""
        explanation = explain_deadline(INDONESIA_EN, NYEPI_2026, 1)
        assert explanation.last.source is HoursSource.OVERRIDE
        assert explanation.last.closes_at == T(15, 15)
        assert explanation.text("en").splitlines()[-1] == (
            "15:15 is the closing time under Ramadan (before Eid al-Fitr 2026-03-21)."
        )


class TestOwnCalendars:
    def test_local_closure_override_and_extra_working_day(self) -> None:
        """Each reason of a calendar built by hand is named, in a zone outside Java."""
        calendar = WorkingCalendar.build(
            tz="Asia/Makassar",
            week={d: [(T(8), T(16))] for d in range(1, 6)},
            closed=[Closure(dt.date(2026, 6, 2), "Hari Jadi Kota", ClosureKind.LOCAL)],
            overrides=[
                HoursOverride(dt.date(2026, 6, 3), dt.date(2026, 6, 3), {}, name="audit"),
                HoursOverride.on(dt.date(2026, 6, 8), [(T(8), T(12))], name="half day"),
            ],
            extra_working=[dt.date(2026, 6, 6)],
        )
        explanation = explain_deadline(
            calendar, pendulum.datetime(2026, 6, 1, 10, tz="Asia/Makassar"), 3
        )
        reasons = [(day.date.day, day.reason, day.names) for day in explanation.skipped]
        assert reasons == [
            (2, SkipReason.LOCAL_CLOSURE, ("Hari Jadi Kota",)),
            (3, SkipReason.CLOSED_BY_OVERRIDE, ("audit",)),
        ]
        sources = [(day.date.day, day.source) for day in explanation.counted]
        assert sources == [
            (4, HoursSource.REGULAR),
            (5, HoursSource.REGULAR),
            (6, HoursSource.EXTRA_WORKING),
        ]
        text = explanation.text("id")
        assert "Batas waktu 3 hari kerja: Sabtu, 6 Juni 2026 pukul 16.00 WITA." in text
        assert "Diterima Senin, 1 Juni 2026 pukul 10.00 WITA;" in text
        assert "16.00 adalah jam tutup hari kerja tambahan ini." in text
        assert "kantor tutup (Hari Jadi Kota)" in text

    def test_a_weekday_off_is_not_called_a_weekend(self) -> None:
        """A clinic closed on Wednesdays says so, in words for that weekday."""
        calendar = WorkingCalendar.build(
            tz="Asia/Jakarta", week={1: [(T(8), T(14))], 2: [(T(8), T(14))], 4: [(T(8), T(14))]}
        )
        start = pendulum.datetime(2026, 6, 2, 9, tz="Asia/Jakarta")
        text = explain_deadline(calendar, start, 1).text("en")
        assert "- Wednesday, June 3, 2026: skipped, the office does not open on Wednesday" in text

    def test_a_zone_outside_indonesia_is_written_by_babel(self) -> None:
        """Another zone gets Babel's name for it (an offset where CLDR has no short name)."""
        calendar = WorkingCalendar.build(tz="UTC", week={1: [(T(9), T(17))]})
        text = explain_deadline(calendar, pendulum.datetime(2026, 6, 2, tz="UTC"), 1).text("en")
        assert "Monday, June 8, 2026 at 17:00 UTC" in text

    def test_midnight_close_is_written_24_00(self) -> None:
        """A 24/7 unit closes its day at midnight, written 24:00 (not 00:00)."""
        calendar = WorkingCalendar.always_open()
        text = explain_deadline(calendar, pendulum.datetime(2026, 6, 2, tz="Asia/Jakarta"), 1)
        assert f"(00:00{DASH}24:00)" in text.text("en")


class TestValues:
    def test_explanations_are_frozen_and_pickle(self) -> None:
        """An explanation is a value: equal after a pickle round trip, and immutable."""
        explanation = explain_deadline(INDONESIA_ID, NYEPI_2026, 5)
        assert pickle.loads(pickle.dumps(explanation)) == explanation  # noqa: S301 - our own bytes
        with pytest.raises(AttributeError):
            explanation.n = 3  # type: ignore[misc]


class TestRefusals:
    @pytest.mark.parametrize(
        ("args", "error"),
        [
            ((INDONESIA_EN, NYEPI_2026, 0), InvalidDurationError),
            ((INDONESIA_EN, NYEPI_2026, 1_001), InvalidDurationError),
            ((INDONESIA_EN, NYEPI_2026, 5.0), InvalidArgumentError),
            ((INDONESIA_EN, NYEPI_2026, True), InvalidArgumentError),
            ((INDONESIA_EN, dt.datetime(2026, 3, 13), 5), NaiveDatetimeError),  # noqa: DTZ001
            (("calendar", NYEPI_2026, 5), InvalidArgumentError),
            ((INDONESIA_EN, pendulum.datetime(2026, 12, 30, tz="UTC"), 5), CalendarCoverageError),
        ],
    )
    def test_bad_arguments_raise_smartcity_errors(
        self, args: tuple[object, ...], error: type[SmartCityError]
    ) -> None:
        """Each mistake raises its own SmartCityError, which says what was wrong."""
        with pytest.raises(error):
            explain_deadline(*args)  # type: ignore[arg-type]

    @pytest.mark.parametrize("language", ["fr", "ID", None, "en_US"])
    def test_other_languages_are_refused(self, language: object) -> None:
        """Only Indonesian and English are written; the message lists them."""
        explanation = explain_deadline(INDONESIA_EN, NYEPI_2026, 1)
        with pytest.raises(InvalidOptionError, match="'id'"):
            explanation.text(language)  # type: ignore[arg-type]


class TestValuesMadeByHand:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: CountedDay(1, "2026-03-16", ((T(8), T(16)),), HoursSource.REGULAR),
            lambda: CountedDay(1, dt.date(2026, 3, 16), (), HoursSource.REGULAR),
            lambda: CountedDay(1, dt.date(2026, 3, 16), ((T(8), T(16)),), "regular"),
            lambda: SkippedDay(dt.date(2026, 3, 16), "weekend"),
            lambda: attrs.evolve(explain_deadline(INDONESIA_EN, NYEPI_2026, 1), counted=()),
            lambda: attrs.evolve(explain_deadline(INDONESIA_EN, NYEPI_2026, 1), deadline=None),
        ],
    )
    def test_are_checked_like_computed_ones(self, make) -> None:
        """A value built by hand or by evolve is checked: a SmartCityError, never later."""
        with pytest.raises(SmartCityError):
            make()
