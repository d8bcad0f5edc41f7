"""Hypothesis strategies for testing rules built on `smartcity` (public API).

Install the ``testing`` extra (``pip install smartcity[testing]``) for hypothesis. Use them in
your own property tests::

    from hypothesis import given
    from smartcity.testing import calendars, histories


    @given(calendars())
    def test_my_rule(calendar): ...


    @given(histories())
    def test_my_report_rule(report): ...

Every value drawn is valid: made by the library's own constructors and methods, so a rule
that fails on one has met a case that can really happen. The docs page "Testing your rules"
shows a property test end to end.
"""

from __future__ import annotations

import datetime as dt
import string
import typing
from zoneinfo import ZoneInfo

import shapely
from hypothesis import strategies as st

from smartcity.desk import City
from smartcity.geo import GeoPoint, Ward, WardMap
from smartcity.reports import TRANSITIONS, Report, Reporter, ReportStatus
from smartcity.sla import (
    Closure,
    ClosureKind,
    HoursOverride,
    SlaPolicy,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)

__all__ = [
    "aware_datetimes",
    "calendars",
    "geo_points",
    "histories",
    "policies",
    "reporters",
    "reports",
    "ward_maps",
    "week_hours",
]

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
        week = {day: draw(_INTERVALS) for day in range(1, 8)}
        working = [day for day, intervals in week.items() if intervals]
        missing = min_working_days - len(working)
        for day in [d for d in range(1, 8) if d not in working][: max(missing, 0)]:
            week[day] = [(dt.time(8), dt.time(16))]
        return week

    return build()


# Built once: a strategy built inside a composite is validated again on every draw.
_INTERVALS = _interval_list()
_WEEKS = week_hours()
_OVERRIDE_WEEKS = week_hours(min_working_days=0)


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
        overrides.append(HoursOverride(start, end, draw(_OVERRIDE_WEEKS), name="override"))
    closed_dates = {c.date for c in closed}
    extra = [d for d in draw(st.lists(days, max_size=5)) if d not in closed_dates]
    with_coverage = draw(st.booleans()) if coverage is None else coverage
    return WorkingCalendar.build(
        tz=tz,
        week=draw(_WEEKS),
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
    return _instants(first, last, (*ZONES, *(() if calendar is None else (calendar.tz,))))


def _instants(
    first: dt.date, last: dt.date, zone_names: tuple[str, ...]
) -> st.SearchStrategy[dt.datetime]:
    # One day of margin: an instant near the edge can fall on another local date in its zone.
    low = dt.datetime.combine(first + dt.timedelta(days=1), dt.time())
    high = dt.datetime.combine(last - dt.timedelta(days=1), dt.time())
    zones = st.sampled_from(zone_names).map(ZoneInfo)

    @st.composite
    def build(draw: st.DrawFn) -> dt.datetime:
        naive = draw(st.datetimes(low, high))
        if draw(st.booleans()):
            naive = naive.replace(second=0, microsecond=0)
        zone = draw(zones)
        # Interpret the wall time in UTC, then show it in the drawn zone: every instant exists.
        return naive.replace(tzinfo=dt.UTC).astimezone(zone)

    return build()


# -- places -------------------------------------------------------------------------------------


def geo_points(ward_map: WardMap | None = None) -> st.SearchStrategy[GeoPoint]:
    """Points anywhere on Earth, or inside the wards of ``ward_map`` when given.

    Without a map, latitudes and longitudes cover their whole ranges, poles and antimeridian
    included. With one, every point lies in a ward: ``ward_map.locate(point)`` is never None.
    """
    if ward_map is None:
        return st.builds(
            GeoPoint,
            st.floats(-90.0, 90.0, allow_nan=False, allow_infinity=False),
            st.floats(-180.0, 180.0, allow_nan=False, allow_infinity=False),
        )
    wards = st.sampled_from(list(ward_map.values()))
    fraction = st.floats(0.0, 1.0)

    @st.composite
    def inside(draw: st.DrawFn) -> GeoPoint:
        ward = draw(wards)
        west, south, east, north = ward.geometry.bounds
        point = GeoPoint(
            south + draw(fraction) * (north - south), west + draw(fraction) * (east - west)
        )
        if ward_map.locate(point) is not None:
            return point
        # A point of the bounding box that misses the ward: take one that is inside it.
        inner = ward.geometry.representative_point()
        return GeoPoint(inner.y, inner.x)

    return inside()


_PLACE_NAMES = ("Miroto", "Pekunden", "Jatingaleh", "Tembalang", "Gayamsari", "Ngaliyan")


@st.composite
def _ward_map(draw: st.DrawFn) -> WardMap:
    cells = draw(st.integers(2, 6))
    # A grid of ten-thousandths of a degree (about 11 m) keeps failing examples readable;
    # neighbours compute their shared edge with the same expression, so it is exactly equal.
    south = draw(st.integers(-600_000, 600_000)) / 10_000
    west = draw(st.integers(-1_700_000, 1_700_000)) / 10_000
    width = draw(st.integers(10, 100)) / 10_000
    height = draw(st.integers(10, 100)) / 10_000
    boxes = [
        shapely.box(west + i * width, south, west + (i + 1) * width, south + height)
        for i in range(cells)
    ]
    parts: list[list[shapely.Polygon]] = [[box] for box in boxes]
    if cells >= 3 and draw(st.booleans()):
        # The first and the last cell form one ward in two pieces: a MultiPolygon.
        parts = [[boxes[0], boxes[-1]], *parts[1:-1]]
    count = len(parts)
    districts = draw(st.integers(1, min(3, count)))
    cuts = sorted(
        draw(st.sets(st.integers(1, count - 1), min_size=districts - 1, max_size=districts - 1))
    )
    wards = []
    district = 0
    for index, pieces in enumerate(parts):
        if district < len(cuts) and index >= cuts[district]:
            district += 1
        district_code = f"99.01.{district + 1:02d}"
        geometry = pieces[0] if len(pieces) == 1 else shapely.MultiPolygon(pieces)
        wards.append(
            Ward(
                code=f"{district_code}.{1001 + index}",
                name=_PLACE_NAMES[index % len(_PLACE_NAMES)],
                district_code=district_code,
                district_name=f"Kecamatan {district + 1}",
                geometry=geometry,
            )
        )
    return WardMap.from_wards(wards)


def ward_maps() -> st.SearchStrategy[WardMap]:
    """Small valid ward maps: a row of 2-6 rectangles, grouped into wards and 1-3 districts.

    Rectangles are 0.001 to 0.01 degrees across, placed anywhere between 60°S and 60°N. Ward
    codes extend their district's code (``99.01.02`` holds ``99.01.02.1003``); sometimes the
    first and last rectangles make one ward in two pieces (a ``MultiPolygon``).
    """
    return _ward_map()


# -- reporters and reports ----------------------------------------------------------------------

_WORDS = st.text(alphabet=string.ascii_letters + string.digits + " .,-'", min_size=1, max_size=30)


def _non_blank(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.filter(lambda value: bool(value.strip()))


def _chars(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    # st.text over a small alphabet: far faster to draw and shrink than st.from_regex.
    return st.text(alphabet=alphabet, min_size=low, max_size=high)


_NAMES = st.none() | _non_blank(_WORDS)
_PHONES = st.none() | _chars(string.digits, 8, 11).map(lambda digits: f"+628{digits}")
_EMAILS = st.none() | st.builds(
    "{}@{}.id".format,
    _chars(string.ascii_lowercase + string.digits + "._", 1, 16),
    _chars(string.ascii_lowercase, 2, 10),
)
_ACCOUNTS = st.none() | _chars(string.ascii_letters + string.digits, 4, 12)


@st.composite
def _reporter(draw: st.DrawFn) -> Reporter:
    name, phone, email, account = draw(_NAMES), draw(_PHONES), draw(_EMAILS), draw(_ACCOUNTS)
    if name is phone is email is account is None:
        name = "Budi Santoso"
    return Reporter(name=name, phone=phone, email=email, account_id=account)


def reporters() -> st.SearchStrategy[Reporter]:
    """Reporters with some of name, phone, e-mail and account (at least one of them)."""
    return _reporter()


_CATEGORIES = ("roads", "drainage", "waste", "street-lights", "flooding", "trees")
_AGENCIES = ("DPU", "DLH", "DISHUB", "DISPERKIM", "BPBD")
_PLACES = (("33.74.01.1001", "33.74.01"), ("33.74.02.1005", "33.74.02"))

# Strategies are built once, here and in _Pools, not inside the composites: building one on
# every draw costs Hypothesis a validation each time, which was half the drawing time.
_TEXT = _non_blank(_WORDS)
_NOTES = st.none() | _TEXT
_ACTORS = st.none() | st.sampled_from(["intake", "desk:rina", "DPU", "reporter"])
_AUTHORITIES = st.sampled_from(["PLN", "PDAM Tirta Moedal", "BBPJN Jawa Tengah-DIY"])
_STEPS = st.timedeltas(dt.timedelta(0), dt.timedelta(days=3))
_ZONES = st.sampled_from([ZoneInfo(name) for name in ZONES])
_IDS = st.integers(1, 999_999)
_DESCRIPTIONS = _non_blank(st.text(min_size=1, max_size=300))
_MEDIA = st.lists(
    _chars(string.ascii_lowercase + string.digits, 1, 12).map(
        "https://media.example.org/{}.jpg".format
    ),
    max_size=3,
)
_Move = tuple[str, ReportStatus | None]
# The way most reports go, drawn three times as often as the other steps, so that histories
# reach the late statuses (resolved, closed, reopened) and not only the early final ones.
_MAIN_PATH = frozenset(
    {
        ReportStatus.VERIFIED,
        ReportStatus.ASSIGNED,
        ReportStatus.IN_PROGRESS,
        ReportStatus.RESOLVED,
        ReportStatus.CLOSED,
    }
)


def _moves(status: ReportStatus) -> st.SearchStrategy[_Move]:
    """The steps a history may take from ``status``; a note comes first, as it shrinks best.

    A note is always possible; a status change the lifecycle allows; a location or a
    recategorization until the status is final.
    """
    moves: list[_Move] = [("note", None)]
    for target in sorted(TRANSITIONS[status], key=lambda s: s.value):
        moves += [("status", target)] * (3 if target in _MAIN_PATH else 1)
    if TRANSITIONS[status]:
        moves += [("locate", None), ("recategorize", None)]
    return st.sampled_from(moves)


_MOVES: dict[ReportStatus, st.SearchStrategy[_Move]] = {
    status: _moves(status) for status in ReportStatus
}


def _when(city: City | None) -> st.SearchStrategy[dt.datetime]:
    if city is None or city.calendar.coverage is None:
        return aware_datetimes(calendar=None if city is None else city.calendar)
    # Leave a month and a half of coverage after a submission for the deadlines that follow.
    first, last = city.calendar.coverage
    end = max(first + dt.timedelta(days=3), last - dt.timedelta(days=45))
    return _instants(first, end, (*ZONES, city.calendar.tz))


class _Pools:
    """What reports and their histories are drawn from: a city's, or a generic one."""

    def __init__(self, city: City | None, *, reporter: bool | None) -> None:
        self.categories = tuple(sorted(city.categories)) if city is not None else _CATEGORIES
        self.agencies = tuple(sorted(city.agencies)) if city is not None else _AGENCIES
        self.category = st.sampled_from(self.categories)
        self.agency = st.sampled_from(self.agencies)
        self.when = _when(city)
        self.point = geo_points(None if city is None else city.ward_map)
        if city is None:
            self.place = st.none() | st.sampled_from(_PLACES)
        else:
            wards = [(ward.code, ward.district_code) for ward in city.ward_map.values()]
            self.place = st.none() | st.sampled_from(wards)
        self.reporter = (
            (st.none() | reporters())
            if reporter is None
            else (reporters() if reporter else st.none())
        )

    @staticmethod
    def other(
        draw: st.DrawFn, pool: st.SearchStrategy[str], values: tuple[str, ...], current: str | None
    ) -> str:
        """A value of the pool other than ``current`` (the next one when the draw hits it)."""
        value = draw(pool)
        if value == current:
            value = values[(values.index(value) + 1) % len(values)]
        return value


@st.composite
def _report(draw: st.DrawFn, pools: _Pools) -> Report:
    location = draw(st.none() | pools.point)
    return Report.submit(
        f"R{draw(_IDS):06d}",
        category=draw(pools.category),
        description=draw(_DESCRIPTIONS),
        at=draw(pools.when),
        location=location,
        address=draw(_NOTES) if location is not None else draw(_TEXT),
        reporter=draw(pools.reporter),
        media_urls=draw(_MEDIA),
    )


def reports(*, city: City | None = None, reporter: bool | None = None) -> st.SearchStrategy[Report]:
    """Newly submitted reports: one event, status submitted.

    Half of them have a location (and maybe an address), the others an address only.

    Args:
        city: draw categories, points (inside its wards) and instants (inside its calendar's
            coverage, with a month and a half to spare for deadlines) from this city.
        reporter: ``True`` for reports that all have a :class:`~smartcity.reports.Reporter`,
            ``False`` for anonymous ones, ``None`` for either.
    """
    return _report(_Pools(city, reporter=reporter))


@st.composite
def _history(draw: st.DrawFn, pools: _Pools, max_events: int) -> Report:
    report = draw(_report(pools))
    at = report.submitted_at
    for _ in range(draw(st.integers(0, max_events))):
        # Equal instants are allowed (intake adds three events at once); zones vary. Steps are
        # elapsed time (added in UTC): wall-clock arithmetic could land in a skipped hour.
        at = (at.astimezone(dt.UTC) + draw(_STEPS)).astimezone(draw(_ZONES))
        kind, target = draw(_MOVES[report.status])
        actor, note = draw(_ACTORS), draw(_NOTES)
        if kind == "note":
            report = report.add_note(draw(_TEXT), at=at, actor=actor)
        elif kind == "locate":
            ward, district = draw(pools.place) or (None, None)
            report = report.locate(ward=ward, district=district, at=at, actor=actor, note=note)
        elif kind == "recategorize":
            category = pools.other(draw, pools.category, pools.categories, report.category)
            report = report.recategorize(category, at=at, actor=actor, note=note)
        elif target is ReportStatus.ASSIGNED:
            agency = pools.other(draw, pools.agency, pools.agencies, report.agency)
            report = report.assign(agency, at=at, actor=actor, note=note)
        elif target is ReportStatus.DUPLICATE:
            report = report.mark_duplicate(f"D{draw(_IDS):06d}", at=at, actor=actor, note=note)
        elif target is ReportStatus.REFERRED:
            report = report.refer(draw(_AUTHORITIES), at=at, actor=actor, note=note)
        else:
            report = report.transition(
                typing.cast("ReportStatus", target), at=at, actor=actor, note=note
            )
    return report


def histories(
    *, city: City | None = None, reporter: bool | None = None, max_events: int = 12
) -> st.SearchStrategy[Report]:
    """Reports with a legal history: a submission, then random legal steps in time order.

    Each step is one the lifecycle allows at that point: a status change permitted by
    :data:`~smartcity.reports.TRANSITIONS` (assignments to another agency, duplicates of
    another report, referrals to an authority), a location, a recategorization (both only
    before a final status) or a note. Instants never go back (equal ones happen, as at
    intake) and are shown in assorted zones. The strategy returns the
    :class:`~smartcity.reports.Report`; its ``history`` is the event sequence, and
    ``Report.replay(report.history) == report``.

    Args:
        city: draw categories, agencies, wards and instants from this city (see
            :func:`reports`).
        reporter: as for :func:`reports`.
        max_events: the most steps after the submission.
    """
    return _history(_Pools(city, reporter=reporter), max_events)


# -- SLA policies -------------------------------------------------------------------------------


_ORDERS = st.permutations(sorted(ReportStatus, key=lambda status: status.value))
_CUTOFFS = st.none() | st.times()
_DURATIONS = st.timedeltas(dt.timedelta(minutes=1), dt.timedelta(hours=500))
_THRESHOLDS = st.lists(
    st.floats(0.05, 3.0, allow_nan=False), min_size=1, max_size=4, unique=True
).map(sorted)


@st.composite
def _policy(draw: st.DrawFn) -> SlaPolicy:
    statuses = draw(_ORDERS)
    first = draw(st.integers(1, len(statuses) - 1))
    second = draw(st.integers(first + 1, len(statuses)))
    start_on, stop_on = statuses[:first], statuses[first:second]
    pause_on = (
        draw(st.sets(st.sampled_from(statuses[second:]))) if second < len(statuses) else set()
    )
    target: WorkingDays | WorkingDuration
    cutoff = None
    if draw(st.booleans()):
        target = WorkingDays(draw(st.integers(1, 60)))
        cutoff = draw(_CUTOFFS)
    else:
        target = WorkingDuration(draw(_DURATIONS))
    thresholds = draw(_THRESHOLDS)
    return SlaPolicy(
        draw(_TEXT),
        target,
        start_on=start_on,
        pause_on=pause_on,
        stop_on=stop_on,
        thresholds=thresholds,
        same_day_cutoff=cutoff,
    )


def policies() -> st.SearchStrategy[SlaPolicy]:
    """SLA policies with random targets, statuses and thresholds.

    The target is in working days (sometimes with a same-day cutoff) or in working time; the
    start, pause and stop statuses are disjoint; the warning thresholds increase.
    """
    return _policy()
