"""Whatever a constructor or a change accepts is stored as valid JSON and read back equal.

The values are drawn at the edges of what the API documents as accepted: instants near years
1 and 9999, the second of two equal wall times (``fold=1``), fixed offsets up to ±14 hours,
pendulum datetimes, numpy and ``Decimal`` coordinates, any Unicode text. Either the
constructor refuses the value with a ``SmartCityError``, or ``to_dict`` -> ``json.dumps``
(NaN refused) -> ``json.loads`` -> ``from_dict`` gives an equal value.

And the other way round: what ``from_dict`` refuses is refused with a ``ValidationError`` only,
the data it was given is unchanged, and the message is short.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from smartcity import _checks
from smartcity.exceptions import SmartCityError, ValidationError
from smartcity.reports import (
    EventKind,
    Report,
    Reporter,
    ReportEvent,
    ReportStatus,
)
from smartcity.serialization import from_dict, to_dict
from smartcity.testing import histories, reporters

S = ReportStatus
ZONES = [
    ZoneInfo(name)
    for name in (
        "Asia/Jakarta",
        "UTC",
        "Europe/London",
        "America/New_York",
        "Pacific/Kiritimati",
        "Pacific/Apia",
        "Pacific/Pago_Pago",
        "Australia/Lord_Howe",
    )
]
OFFSETS = [dt.timezone(dt.timedelta(hours=hours)) for hours in (-12, -5, 0, 7, 14)]
FIRST, LAST = dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30)  # noqa: DTZ001 -- bounds, naive


@attrs.frozen
class Point:
    """A caller's own point, with coordinates of any numeric type."""

    lat: object
    lon: object


def storable(at: dt.datetime) -> bool:
    try:
        _checks.stored_instant(at, "at", error=SmartCityError)
    except SmartCityError:
        return False
    return True


@st.composite
def edge_instants(draw: st.DrawFn) -> dt.datetime:
    """Aware instants anywhere in datetime's range, near its ends often, folds included."""
    naive = draw(
        st.datetimes(FIRST, LAST)
        | st.datetimes(FIRST, FIRST + dt.timedelta(days=2))
        | st.datetimes(LAST - dt.timedelta(days=2), LAST)
        | st.sampled_from([dt.datetime(2024, 11, 3, 1, 30), dt.datetime(2024, 10, 27, 1, 30)])  # noqa: DTZ001
    )
    zone = draw(st.sampled_from([*ZONES, *OFFSETS]))
    at = naive.replace(tzinfo=zone, fold=draw(st.integers(0, 1)))
    assume(storable(at))
    # pendulum's zones are other objects than ZoneInfo's: in a repeated hour, Python (PEP 495)
    # never finds two such datetimes equal, though the instant and the offset come back; so
    # pendulum is drawn outside the repeated hours only.
    unambiguous = at.replace(fold=0).utcoffset() == at.replace(fold=1).utcoffset()
    if draw(st.booleans()) and isinstance(zone, ZoneInfo) and 1900 < at.year < 2100 and unambiguous:
        at = pendulum.instance(at, tz=zone.key)
    return at


COORDINATE_TYPES = st.sampled_from([float, int, np.float64, np.float32, np.int64, decimal.Decimal])


@st.composite
def locations(draw: st.DrawFn) -> Point | None:
    if draw(st.booleans()):
        return None
    lat_type, lon_type = draw(COORDINATE_TYPES), draw(COORDINATE_TYPES)
    lat = draw(
        st.floats(-90, 90)
        if lat_type is not int and lat_type is not np.int64
        else st.integers(-90, 90)
    )
    lon = draw(
        st.floats(-180, 180)
        if lon_type is not int and lon_type is not np.int64
        else st.integers(-180, 180)
    )
    if lat_type is decimal.Decimal:
        return Point(decimal.Decimal(repr(lat)), lon_type(lon))
    return Point(lat_type(lat), lon_type(lon))


TEXT = st.text(min_size=1, max_size=40).filter(lambda text: text.strip())


@st.composite
def edge_reports(draw: st.DrawFn) -> Report:
    """A report submitted and changed at edge instants, with odd but accepted values."""
    at = draw(edge_instants())
    location = draw(locations())
    report = Report.submit(
        draw(TEXT),
        category=draw(TEXT),
        description=draw(TEXT),
        at=at,
        location=location,
        address=draw(TEXT) if location is None else draw(st.none() | TEXT),
        reporter=draw(st.none() | reporters()),
        media_urls=draw(st.lists(TEXT, max_size=2)),
    )
    for _ in range(draw(st.integers(0, 3))):
        # The same instant, seen in another zone: equal times are allowed, and each zone's
        # rendering of a storable instant is storable.
        at = at.astimezone(draw(st.sampled_from(ZONES)))
        step = draw(st.sampled_from(["note", "verify", "locate"]))
        if step == "note":
            report = report.add_note(draw(TEXT), at=at, actor=draw(st.none() | TEXT))
        elif step == "verify" and report.status is S.SUBMITTED:
            report = report.transition(S.VERIFIED, at=at, note=draw(st.none() | TEXT))
        else:
            report = report.locate(ward=draw(st.none() | TEXT), district=None, at=at)
    return report


def json_round_trip(kind: type, value: object) -> object:
    text = json.dumps(to_dict(value), allow_nan=False)
    return from_dict(kind, json.loads(text))


class TestAcceptedValuesRoundTrip:
    @given(edge_reports())
    def test_reports_at_the_edges(self, report):
        back = json_round_trip(Report, report)
        assert back == report
        assert [event.at.utcoffset() for event in back.history] == [
            event.at.utcoffset() for event in report.history
        ]

    @given(histories(max_events=8))
    def test_generated_histories(self, report):
        assert json_round_trip(Report, report) == report

    @given(reporters())
    def test_reporters(self, reporter):
        assert json_round_trip(Reporter, reporter) == reporter

    @given(edge_instants(), TEXT)
    def test_events(self, at, note):
        event = ReportEvent(EventKind.NOTED, at, S.ASSIGNED, note=note)
        assert json_round_trip(ReportEvent, event) == event

    @pytest.mark.parametrize(
        "at",
        [
            dt.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
            dt.datetime(2024, 10, 27, 1, 30, fold=1, tzinfo=ZoneInfo("Europe/London")),
            dt.datetime(1, 1, 2, tzinfo=dt.UTC),
            dt.datetime(9999, 12, 30, tzinfo=dt.UTC),
            dt.datetime(9999, 12, 30, 13, 59, tzinfo=ZoneInfo("Pacific/Kiritimati")),
        ],
    )
    def test_edge_instants(self, at):
        report = Report.submit("R1", category="c", description="d", at=at, address="a")
        back = json_round_trip(Report, report)
        assert back == report
        assert back.submitted_at.utcoffset() == at.utcoffset()


# -- what from_dict refuses ----------------------------------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**400)]),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(["x" * 1_000_000, "2024-03-31T01:30:00+00:00[Europe/London]"]),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
REPORT_DATA = to_dict(
    Report.submit(
        "R1",
        category="c",
        description="d",
        at=dt.datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("Asia/Jakarta")),
        address="a",
        reporter=Reporter(name="Budi"),
    ).transition(S.VERIFIED, at=dt.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta")))
)


def paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


REPORT_PATHS = [path for path in paths(REPORT_DATA) if path and path != ("schema",)]


def refused_cleanly(kind: type, data: object) -> None:
    before = copy.deepcopy(data)
    message = ""
    try:
        from_dict(kind, data)
    except ValidationError as error:
        message = str(error)
    assert len(message) <= 3_000
    assert repr(data) == repr(before)  # repr: NaN != NaN, but it prints the same


class TestRefusedDataIsRefusedCleanly:
    @given(path=st.sampled_from(REPORT_PATHS), value=JSON_VALUES)
    def test_report_data_with_one_value_replaced(self, path, value):
        data = copy.deepcopy(REPORT_DATA)
        holder = data
        for step in path[:-1]:
            holder = holder[step]  # type: ignore[index]
        holder[path[-1]] = value  # type: ignore[index]
        refused_cleanly(Report, data)

    @given(data=JSON_VALUES)
    def test_any_json_as_a_report_or_a_reporter(self, data):
        refused_cleanly(Report, data)
        refused_cleanly(Reporter, data)
        refused_cleanly(ReportEvent, data)
