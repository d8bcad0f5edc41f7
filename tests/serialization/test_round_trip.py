"""Round trips: every value the strategies generate comes back equal, through JSON text."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import attrs
import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from serialization_values import SLOW, SLOW_EXAMPLES, VALUES

from smartcity.desk import City
from smartcity.reports import Report
from smartcity.routing import Router
from smartcity.samples import generate_reports, semarang
from smartcity.serialization import (
    SCHEMA_VERSION,
    SUPPORTED_TYPES,
    from_dict,
    make_converter,
    to_dict,
)


@attrs.frozen
class Ticket:
    """A team's own value that holds a report."""

    number: int
    report: Report


TEAM_CONVERTER = make_converter()
START = dt.datetime(2026, 3, 2, 8, tzinfo=ZoneInfo("Asia/Jakarta"))

# Equality of routers and cities is identity (they hold lookup tables): compare their data.
BY_DATA = (City, Router)


def json_round_trip(data: object) -> object:
    """The data as another program would get it: through JSON text, NaN refused."""
    return json.loads(json.dumps(data, allow_nan=False))


FAST = [kind for kind in SUPPORTED_TYPES if kind not in SLOW]


def check_round_trip(kind: type, value: object) -> None:
    written = to_dict(value)
    # The schema version leads the top-level object (inside, from_dict would refuse it).
    assert next(iter(written.items())) == ("schema", SCHEMA_VERSION)
    # json.loads gives lists, never tuples: equality proves the data is plain JSON.
    assert json_round_trip(written) == written
    back = from_dict(kind, json_round_trip(written))
    assert type(back) is kind
    if kind not in BY_DATA:
        assert back == value
    assert to_dict(back) == written
    if kind is Report:
        # A report is stored as its history alone: its state is replayed from it.
        assert set(written) == {"schema", "history"}


class TestRoundTrip:
    """``from_dict(type(x), to_dict(x)) == x``, and the data is plain JSON."""

    @pytest.mark.parametrize("kind", FAST, ids=lambda kind: kind.__name__)
    @given(data=st.data())
    def test_every_type_round_trips(self, kind: type, data: st.DataObject) -> None:
        """The value read back equals the value written, and writes the same data again."""
        check_round_trip(kind, data.draw(VALUES[kind]))

    @pytest.mark.parametrize("kind", sorted(SLOW, key=str), ids=lambda kind: kind.__name__)
    @settings(max_examples=SLOW_EXAMPLES)
    @given(data=st.data())
    def test_types_with_calendars_round_trip(self, kind: type, data: st.DataObject) -> None:
        """The same, for the types that hold calendars (fewer examples: each takes longer)."""
        check_round_trip(kind, data.draw(VALUES[kind]))

    def test_the_sample_city_round_trips(self) -> None:
        """Semarang's wards, agencies, routing table and calendar are stored and rebuilt."""
        city = semarang()
        written = to_dict(city)
        back = from_dict(City, json_round_trip(written))
        assert to_dict(back) == written
        assert back.calendar == city.calendar
        assert back.ward_map == city.ward_map
        assert dict(back.agencies) == dict(city.agencies)
        assert back.router.rules == city.router.rules
        assert back.calendar_for("DAMKAR") == city.calendar_for("DAMKAR")


class TestEveryFieldIsWritten:
    """The hand-written hooks write every field their class is built from."""

    def test_a_city_writes_each_of_its_fields(self) -> None:
        """A field added to City must be added to its hooks, or this test fails."""
        fields = {field.name for field in attrs.fields(City)}
        assert set(to_dict(semarang())) == {"schema", *fields}

    def test_a_calendar_writes_each_part_of_its_definition(self) -> None:
        """The arguments of WorkingCalendar.build, which are its public fields."""
        from smartcity.sla import WorkingCalendar  # noqa: PLC0415

        fields = {field.name for field in attrs.fields(WorkingCalendar) if field.init}
        assert set(to_dict(semarang().calendar)) == {"schema", *fields}


class TestConverter:
    """``make_converter`` gives a converter of one's own, for embedding values."""

    def test_a_new_converter_each_time_never_the_global_one(self) -> None:
        """Each call returns a new converter that a team may extend; never cattrs' global one."""
        first, second = make_converter(), make_converter()
        assert first is not second
        assert first is not cattrs.global_converter

    def test_it_embeds_values_in_a_team_s_own_classes(self) -> None:
        """A team's attrs class holding a report is written and read by the same converter."""
        city = semarang()
        report = generate_reports(city, count=1, start=START, end=START + dt.timedelta(days=1))[0]
        ticket = Ticket(7, city.intake(report, at=START + dt.timedelta(days=2)))
        data = TEAM_CONVERTER.unstructure(ticket)
        assert data["number"] == 7
        assert TEAM_CONVERTER.structure(json_round_trip(data), Ticket) == ticket
