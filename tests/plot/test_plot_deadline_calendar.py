"""The deadline calendar numbers exactly the working days the calendar counts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.patches import Rectangle
from plot_helpers import WIB, by_gid, labels, texts

from smartcity import plot
from smartcity.exceptions import (
    CalendarCoverageError,
    InvalidArgumentError,
    InvalidOptionError,
    SmartCityError,
)
from smartcity.samples import semarang_calendar
from smartcity.sla import SkipReason, WorkingCalendar, explain_deadline

CALENDAR = semarang_calendar()
ID_CALENDAR = WorkingCalendar.indonesia(years=range(2025, 2028), language="id")
# Friday before Nyepi and Lebaran 2026: weekend, holidays and cuti bersama in ten working days.
LEBARAN = dt.datetime(2026, 3, 13, 15, 30, tzinfo=WIB)


def _numbers(figure: object) -> list[int]:
    return sorted(
        int(a.get_gid().removeprefix("working-day-")) for a in by_gid(figure, "working-day-")
    )  # type: ignore[arg-type]


class TestNumbering:
    def test_lebaran(self) -> None:
        """Ten working days from 13 March 2026: 1 to 10, on the days the explanation counts."""
        explanation = explain_deadline(CALENDAR, LEBARAN, 10)
        figure = plot.deadline_calendar(explanation)
        assert _numbers(figure) == list(range(1, 11))
        assert CALENDAR.working_days_between(LEBARAN, explanation.deadline) == 10
        counted = sorted(a.get_gid() for a in by_gid(figure, "day-counted-"))
        assert counted == sorted(f"day-counted-{d.date.isoformat()}" for d in explanation.counted)

    @given(
        st.datetimes(
            min_value=dt.datetime(2025, 1, 1),  # noqa: DTZ001 - hypothesis wants naive bounds
            max_value=dt.datetime(2027, 6, 30),  # noqa: DTZ001
            timezones=st.just(WIB),
        ),
        st.integers(min_value=1, max_value=60),
    )
    def test_numbers_are_the_working_days_between(self, start: dt.datetime, n: int) -> None:
        """Whatever the start and n: the numbers drawn are 1..working_days_between(start, due)."""
        explanation = explain_deadline(CALENDAR, start, n)
        figure = plot.deadline_calendar(explanation)
        between = CALENDAR.working_days_between(start, explanation.deadline)
        assert _numbers(figure) == list(range(1, between + 1))
        closed = by_gid(figure, "day-closed-")
        assert len(closed) == len(explanation.skipped)

    def test_one_grid_per_month(self) -> None:
        explanation = explain_deadline(CALENDAR, LEBARAN, 10)
        figure = plot.deadline_calendar(explanation)
        assert len(figure.axes) == 2  # March and April 2026
        assert [axes.get_title("left") for axes in figure.axes] == ["March 2026", "April 2026"]
        # Every day of both months is a cell: 31 + 30.
        assert len([a for a in by_gid(figure, "day-") if isinstance(a, Rectangle)]) == 61


class TestClosedDays:
    def test_each_closed_day_labelled(self) -> None:
        """Weekends, holidays by name and cuti bersama are written in their cells."""
        explanation = explain_deadline(CALENDAR, LEBARAN, 10)
        figure = plot.deadline_calendar(explanation, language="en")
        labelled = {a.get_gid(): a.get_text() for a in by_gid(figure, "closed-")}  # type: ignore[attr-defined]
        assert len(labelled) == len(explanation.skipped)
        reasons = {day.date.isoformat(): day.reason for day in explanation.skipped}
        for gid, text in labelled.items():
            reason = reasons[gid.removeprefix("closed-")]
            if reason is SkipReason.WEEKLY_DAY_OFF:
                assert text == "Weekend"
            elif reason is SkipReason.COLLECTIVE_LEAVE:
                assert text == "Cuti bersama"
            else:
                assert text.replace("\n", " ")
        assert labelled["closed-2026-04-03"] == "Good Friday"

    def test_holiday_names_in_indonesian(self) -> None:
        explanation = explain_deadline(ID_CALENDAR, LEBARAN, 10)
        figure = plot.deadline_calendar(explanation, language="id")
        labelled = {a.get_gid(): a.get_text() for a in by_gid(figure, "closed-")}  # type: ignore[attr-defined]
        assert labelled["closed-2026-03-14"] == "Akhir pekan"
        assert "Wafat Yesus" in labelled["closed-2026-04-03"].replace("\n", " ")

    def test_deadline_framed_with_its_time(self) -> None:
        explanation = explain_deadline(CALENDAR, LEBARAN, 10)
        figure = plot.deadline_calendar(explanation, language="id")
        assert len(by_gid(figure, "deadline")) == 1
        assert "Batas 16.00" in texts(figure)
        assert "Diterima 15.30" in texts(figure)


class TestLabels:
    @pytest.mark.parametrize(
        ("language", "title", "x", "y"),
        [
            (
                "id",
                "Batas waktu 10 hari kerja: Senin, 6 April 2026 pukul 16.00 WIB.",
                "Hari",
                "Minggu",
            ),
            ("en", "Due after 10 working days: Monday, April 6, 2026 at 16:00 WIB.", "Day", "Week"),
        ],
    )
    def test_title_and_axes(self, language: str, title: str, x: str, y: str) -> None:
        """The title is the explanation's own sentence; each grid names its axes."""
        figure = plot.deadline_calendar(explain_deadline(CALENDAR, LEBARAN, 10), language=language)
        found = labels(figure)
        assert found["title"][-1].splitlines()[0] == title
        assert set(found["x"]) == {x}
        assert set(found["y"]) == {y}


class TestBadInput:
    def test_deadline_outside_the_coverage(self) -> None:
        """A deadline past the calendar's years cannot be explained, so it cannot be drawn."""
        late = dt.datetime(2027, 12, 20, 9, tzinfo=WIB)
        with pytest.raises(CalendarCoverageError) as info:
            plot.deadline_calendar(explain_deadline(CALENDAR, late, 30))
        assert isinstance(info.value, SmartCityError)

    def test_more_than_a_year_of_grids(self) -> None:
        explanation = explain_deadline(CALENDAR, dt.datetime(2025, 1, 6, 9, tzinfo=WIB), 400)
        with pytest.raises(InvalidOptionError, match="at most 12"):
            plot.deadline_calendar(explanation)

    def test_not_an_explanation(self) -> None:
        with pytest.raises(InvalidArgumentError, match="explanation must be a DeadlineExplanation"):
            plot.deadline_calendar(LEBARAN)  # type: ignore[arg-type]
