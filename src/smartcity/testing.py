"""Hypothesis strategies for testing rules built on `smartcity` (public API).

Install the ``testing`` extra (``pip install smartcity[testing]``) for hypothesis. Use them in
your own property tests::

    from hypothesis import given
    from smartcity.testing import calendars


    @given(calendars())
    def test_my_rule(calendar): ...
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from smartcity.sla import Closure, ClosureKind, HoursOverride, WorkingCalendar

__all__ = ["aware_datetimes", "calendars", "week_hours"]

ZONES = (
    "Asia/Jakarta",
    "Asia/Makassar",
    "Asia/Jayapura",
    "UTC",
    "Europe/Amsterdam",
    "America/New_York",
    "Australia/Lord_Howe",
)
"""Zones the strategies draw from: the three Indonesian ones, UTC, and three with daylight
saving (Lord Howe shifts by 30 minutes)."""

_FIRST_YEAR, _LAST_YEAR = 2000, 2040


@st.composite
def _interval_list(draw: st.DrawFn) -> list[tuple[dt.time, dt.time]]:
    # Cut points on a 5-minute grid (and midnight), paired into disjoint intervals.
    if draw(st.integers(0, 9)) == 0:
        return [(dt.time(0), dt.time(0))]
    count = draw(st.integers(0, 3))
    points = sorted(draw(st.sets(st.integers(1, 24 * 12), min_size=2 * count, max_size=2 * count)))
    if draw(st.booleans()) and points:
        points[0] = 0
    intervals = []
    for start, end in zip(points[::2], points[1::2], strict=True):
        opening = dt.time(start * 5 // 60, start * 5 % 60)
        closing = dt.time(0) if end == 24 * 12 else dt.time(end * 5 // 60, end * 5 % 60)
        intervals.append((opening, closing))
    return intervals


def week_hours(
    *, min_working_days: int = 1
) -> st.SearchStrategy[dict[int, list[tuple[dt.time, dt.time]]]]:
    """Weekly hours ``{iso_weekday: [(open, close), ...]}`` with some working time."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[int, list[tuple[dt.time, dt.time]]]:
        week = {day: draw(_interval_list()) for day in range(1, 8)}
        working = [day for day, intervals in week.items() if intervals]
        missing = min_working_days - len(working)
        for day in [d for d in range(1, 8) if d not in working][: max(missing, 0)]:
            week[day] = [(dt.time(8), dt.time(16))]
        return week

    return build()


@st.composite
def _calendar(draw: st.DrawFn, *, zones: tuple[str, ...], coverage: bool | None) -> WorkingCalendar:
    tz = draw(st.sampled_from(zones))
    first_year = draw(st.integers(_FIRST_YEAR, _LAST_YEAR - 5))
    first, last = dt.date(first_year, 1, 1), dt.date(first_year + 4, 12, 31)
    days = st.dates(first, last)
    closed = draw(
        st.lists(
            st.builds(
                Closure,
                days,
                st.sampled_from(["Holiday", "Cuti bersama"]),
                st.sampled_from(ClosureKind),
            ),
            max_size=30,
        )
    )
    overrides = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(days)
        length = draw(st.integers(0, 40))
        end = min(start + dt.timedelta(days=length), last)
        overrides.append(
            HoursOverride(start, end, draw(week_hours(min_working_days=0)), name="override")
        )
    closed_dates = {c.date for c in closed}
    extra = [d for d in draw(st.lists(days, max_size=5)) if d not in closed_dates]
    with_coverage = draw(st.booleans()) if coverage is None else coverage
    return WorkingCalendar.build(
        tz=tz,
        week=draw(week_hours()),
        closed=closed,
        overrides=overrides,
        extra_working=extra,
        coverage=(first, last) if with_coverage else None,
    )


def calendars(
    *, zones: tuple[str, ...] = ZONES, coverage: bool | None = True
) -> st.SearchStrategy[WorkingCalendar]:
    """Working calendars with random hours, closures, overrides and extra working days.

    Args:
        zones: the IANA zones to draw from.
        coverage: ``True`` for calendars covering five years (2000-2044), ``False`` for
            unlimited ones, ``None`` for either.
    """
    return _calendar(zones=zones, coverage=coverage)


def aware_datetimes(*, calendar: WorkingCalendar | None = None) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in assorted zones; inside ``calendar``'s coverage when given.

    Instants land on whole minutes half of the time (they hit openings and closings), and on
    any microsecond otherwise.
    """
    if calendar is not None and calendar.coverage is not None:
        first, last = calendar.coverage
    else:
        first, last = dt.date(_FIRST_YEAR, 1, 1), dt.date(_LAST_YEAR, 12, 31)
    # One day of margin: an instant near the edge can fall on another local date in its zone.
    low = dt.datetime.combine(first + dt.timedelta(days=1), dt.time())
    high = dt.datetime.combine(last - dt.timedelta(days=1), dt.time())
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - only here, to build the zone strategy

    zones = st.sampled_from([*ZONES, *(() if calendar is None else (calendar.tz,))]).map(ZoneInfo)

    @st.composite
    def build(draw: st.DrawFn) -> dt.datetime:
        naive = draw(st.datetimes(low, high))
        if draw(st.booleans()):
            naive = naive.replace(second=0, microsecond=0)
        zone = draw(zones)
        # Interpret the wall time in UTC, then show it in the drawn zone: every instant exists.
        return naive.replace(tzinfo=dt.UTC).astimezone(zone)

    return build()
