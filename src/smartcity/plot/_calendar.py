"""The deadline calendar: month grids from the receipt to the deadline, every day explained."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import math
import textwrap
import typing

import babel.dates

from smartcity._checks import instance
from smartcity.exceptions import InvalidOptionError
from smartcity.plot._common import GREY, NO_DATA, OKABE_ITO, checked_language, new_figure
from smartcity.sla import CountedDay, DeadlineExplanation, SkippedDay, SkipReason, WorkingDays
from smartcity.sla._explain import _locale, _Writer

if typing.TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_CALENDAR_MONTHS", "deadline_calendar"]

MAX_CALENDAR_MONTHS: typing.Final = 12
"""The most month grids a deadline calendar draws (a year: a citizen reads it at a glance)."""

_COUNTED: typing.Final = "#CDE8F6"  # a light tint of Okabe-Ito sky blue
_FILL: typing.Final = {
    SkipReason.WEEKLY_DAY_OFF: GREY,
    SkipReason.HOLIDAY: OKABE_ITO["orange"],
    SkipReason.COLLECTIVE_LEAVE: OKABE_ITO["yellow"],
    SkipReason.LOCAL_CLOSURE: OKABE_ITO["purple"],
    SkipReason.CLOSED_BY_OVERRIDE: GREY,
}

_WORDS: typing.Final = {
    "id": {
        "counted": "Hari kerja yang dihitung",
        "received": "Diterima",
        "due": "Batas",
        "x": "Hari",
        "y": "Minggu",
        SkipReason.WEEKLY_DAY_OFF: "Akhir pekan",
        SkipReason.HOLIDAY: "Libur nasional",
        SkipReason.COLLECTIVE_LEAVE: "Cuti bersama",
        SkipReason.LOCAL_CLOSURE: "Kantor tutup",
        SkipReason.CLOSED_BY_OVERRIDE: "Tanpa jam kerja",
        "day_off": "Libur",
    },
    "en": {
        "counted": "Working day counted",
        "received": "Received",
        "due": "Due",
        "x": "Day",
        "y": "Week",
        SkipReason.WEEKLY_DAY_OFF: "Weekend",
        SkipReason.HOLIDAY: "Public holiday",
        SkipReason.COLLECTIVE_LEAVE: "Collective leave (cuti bersama)",
        SkipReason.LOCAL_CLOSURE: "Office closed",
        SkipReason.CLOSED_BY_OVERRIDE: "No working hours",
        "day_off": "Day off",
    },
}


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _wrapped(text: str, width: int = 13, lines: int = 3) -> str:
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], parts[lines - 1][: width - 1] + "\N{HORIZONTAL ELLIPSIS}"]
    return "\n".join(parts)


def deadline_calendar(explanation: DeadlineExplanation, *, language: str = "en") -> Figure:
    """Draw the month grid(s) from the receipt to the deadline: the picture a citizen reads.

    Built from an explanation (:func:`~smartcity.sla.explain_deadline`, or the ``days`` of
    :func:`~smartcity.sla.explain_clock`), so its numbers are the calendar's: each working
    day counted is numbered 1 to ``n`` (the days ``working_days_between`` counts), each day
    skipped is shaded and labelled with its reason (weekend, the holiday's name, cuti
    bersama...), the day of receipt shows the time received, and the deadline's day is framed
    and shows the closing time. Weeks start on Monday.

    Args:
        explanation: the deadline's explanation.
        language: ``"id"`` or ``"en"``: the words, the month and weekday names, the holiday
            names the ``holidays`` package translates, and the title (the explanation's own).

    Returns:
        A new figure with one grid per month, at most 12 (``MAX_CALENDAR_MONTHS``).

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidArgumentError: ``explanation`` is not a DeadlineExplanation.
        InvalidOptionError: another language, or a deadline more than 12 months of grids away.
    """
    lang = checked_language(language)
    instance(explanation, DeadlineExplanation, "explanation")
    first = explanation.start.date()
    last = explanation.deadline.date()
    months = _months(first, last)
    if len(months) > MAX_CALENDAR_MONTHS:
        raise InvalidOptionError(
            f"the deadline {last.isoformat()} is {len(months)} months of grids after the receipt "
            f"{first.isoformat()}; a calendar draws at most {MAX_CALENDAR_MONTHS}: show a "
            f"shorter deadline, or the explanation's text"
        )
    writer = _Writer(lang, explanation.start.timezone_name or "UTC")
    words = _WORDS[lang]
    counted = {day.date: day for day in explanation.counted}
    skipped = {day.date: day for day in explanation.skipped}
    columns = min(3, len(months))
    rows = math.ceil(len(months) / columns)
    figure = new_figure(3.6 * columns, 3.3 * rows + 1.3)

    from matplotlib.patches import Patch  # noqa: PLC0415 - loaded with the figure

    locale = _locale(lang)
    weekdays = [
        babel.dates.format_date(dt.date(2024, 1, 1 + i), "EEE", locale=locale) for i in range(7)
    ]
    weeks = month_calendar.Calendar(firstweekday=0)
    for index, (year, month) in enumerate(months):
        axes: Axes = figure.add_subplot(rows, columns, index + 1)
        grid = weeks.monthdatescalendar(year, month)
        for row, week in enumerate(grid):
            for column, day in enumerate(week):
                if day.month != month:
                    continue
                _draw_day(
                    axes,
                    day,
                    column=column,
                    row=row,
                    explanation=explanation,
                    counted=counted,
                    skipped=skipped,
                    writer=writer,
                )
        axes.set_xlim(0, 7)
        axes.set_ylim(len(grid), 0)
        axes.set_xticks([i + 0.5 for i in range(7)], weekdays, size=7)
        axes.set_yticks([i + 0.5 for i in range(len(grid))], [str(i + 1) for i in range(len(grid))])
        axes.xaxis.set_ticks_position("top")
        axes.xaxis.set_label_position("top")
        axes.tick_params(length=0, labelsize=7)
        axes.set_xlabel(words["x"], size=8)
        axes.set_ylabel(words["y"], size=8)
        axes.set_title(
            babel.dates.format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale),
            size=10,
            loc="left",
            pad=16,
        )
        axes.set_aspect("equal")
        for spine in axes.spines.values():
            spine.set_visible(False)
    due = writer.phrase(
        "due",
        target=writer.target(WorkingDays(explanation.n)),
        at=writer.instant(explanation.deadline),
    )
    received_key = "received_counted" if explanation.counts_start_day else "received"
    received = writer.phrase(received_key, at=writer.instant(explanation.start))
    figure.suptitle(f"{due}\n{received}", size=10)
    reasons = sorted({day.reason for day in explanation.skipped}, key=list(SkipReason).index)
    handles = [
        Patch(facecolor=_COUNTED, edgecolor="white", label=words["counted"]),
        *(Patch(facecolor=_FILL[r], edgecolor="white", label=words[r]) for r in reasons),
        Patch(
            facecolor=NO_DATA, edgecolor=OKABE_ITO["vermillion"], linewidth=2, label=words["due"]
        ),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize="small")
    return figure


def _draw_day(
    axes: Axes,
    day: dt.date,
    *,
    column: int,
    row: int,
    explanation: DeadlineExplanation,
    counted: dict[dt.date, CountedDay],
    skipped: dict[dt.date, SkippedDay],
    writer: _Writer,
) -> None:
    from matplotlib.patches import Rectangle  # noqa: PLC0415 - loaded with the figure

    words = _WORDS[writer.language]
    start = explanation.start
    inside = start.date() <= day <= explanation.deadline.date()
    fill = NO_DATA
    label = ""
    kind = "outside"
    if day in counted:
        fill, kind = _COUNTED, "counted"
    elif day in skipped:
        skip = skipped[day]
        fill, kind = _FILL[skip.reason], "closed"
        if skip.reason is SkipReason.WEEKLY_DAY_OFF:
            label = words[skip.reason] if day.isoweekday() >= 6 else words["day_off"]
        elif skip.reason is SkipReason.COLLECTIVE_LEAVE:
            label = _WORDS["id"][skip.reason]  # the term, in both languages
        else:
            label = writer.names(skip.names, day) or words[skip.reason]
    cell = Rectangle(
        (column, row),
        1,
        1,
        facecolor=fill,
        edgecolor="white" if inside else "#EEEEEE",
        linewidth=1,
        gid=f"day-{kind}-{day.isoformat()}",
    )
    axes.add_patch(cell)
    axes.text(
        column + 0.06,
        row + 0.08,
        str(day.day),
        size=5.5,
        va="top",
        ha="left",
        color="black" if inside else "#999999",
    )
    if day in counted:
        axes.text(
            column + 0.5,
            row + 0.58,
            str(counted[day].number),
            size=11,
            weight="bold",
            ha="center",
            va="center",
            gid=f"working-day-{counted[day].number}",
        )
    if label:
        axes.text(
            column + 0.5,
            row + 0.6,
            _wrapped(label),
            size=3.6,
            ha="center",
            va="center",
            gid=f"closed-{day.isoformat()}",
        )
    if day == start.date():
        axes.text(
            column + 0.5,
            row + 0.93,
            f"{words['received']} {writer.time(start.time())}",
            size=3.6,
            ha="center",
            va="bottom",
            gid="received",
        )
    if day == explanation.deadline.date():
        axes.add_patch(
            Rectangle(
                (column + 0.04, row + 0.04),
                0.92,
                0.92,
                fill=False,
                edgecolor=OKABE_ITO["vermillion"],
                linewidth=2,
                gid="deadline",
            )
        )
        closing = writer.time(explanation.deadline.time(), closing=True)
        axes.text(
            column + 0.5,
            row + 0.93,
            f"{words['due']} {closing}",
            size=4.2,
            ha="center",
            va="bottom",
            color=OKABE_ITO["vermillion"],
            weight="bold",
        )
