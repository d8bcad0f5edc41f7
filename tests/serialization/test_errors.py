"""Bad data: every problem reported with its path, as one ValidationError; nothing else escapes."""

from __future__ import annotations

import copy
import datetime as dt
import json
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from serialization_values import SLOW_EXAMPLES, VALUES, json_values

from smartcity.exceptions import SerializationError, SmartCityError, ValidationError
from smartcity.reports import Report, Reporter, ReportStatus
from smartcity.routing import RoutingDecision, RoutingOutcome
from smartcity.serialization import SCHEMA_VERSION, SUPPORTED_TYPES, from_dict, to_dict
from smartcity.sla import SlaPolicy
from smartcity.testing import histories

WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=WIB)


def stored_report() -> dict[str, object]:
    report = Report.submit(
        "R1",
        category="drainage",
        description="Saluran tersumbat.",
        address="Jl. Pemuda 148",
        reporter=Reporter(name="Budi", email="budi@example.id"),
        at=T0,
    )
    report = report.transition(ReportStatus.VERIFIED, at=T0)
    report = report.assign("DPU", at=T0 + dt.timedelta(hours=1))
    report = report.transition(ReportStatus.IN_PROGRESS, at=T0 + dt.timedelta(hours=2))
    return json.loads(json.dumps(to_dict(report)))  # type: ignore[no-any-return]


def errors_of(cls: type, data: object) -> tuple[str, ...]:
    with pytest.raises(ValidationError) as error:
        from_dict(cls, data)
    assert isinstance(error.value, SmartCityError)
    assert isinstance(error.value, ValueError)
    return error.value.errors


class TestProblemsAndPaths:
    """One ValidationError lists every problem, each starting with where it is."""

    def test_every_problem_is_listed_with_its_path(self) -> None:
        """Four problems in four places: four lines, in the order of the data."""
        data = stored_report()
        history = data["history"]
        history[1]["at"] = "2026-03-02T09:00:00"  # type: ignore[index]
        history[2]["status"] = "signed"  # type: ignore[index]
        history[0]["submission"]["reporter"]["email"] = "budi"  # type: ignore[index]
        data["priority"] = "high"
        errors = errors_of(Report, data)
        assert len(errors) == 4
        assert errors[0].startswith("history[0].submission.reporter: reporter email has no")
        assert errors[1].startswith("history[1].at: naive datetime '2026-03-02T09:00:00'")
        assert errors[2].startswith("history[2].status: expected one of 'submitted'")
        assert errors[3] == "unknown field(s) 'priority'; remove them (or check their spelling)"

    def test_the_message_counts_the_problems_and_names_the_type(self) -> None:
        """The error's text is readable on its own, e.g. in a log."""
        data = stored_report()
        data["history"][1]["at"] = "yesterday"  # type: ignore[index]
        with pytest.raises(ValidationError, match=r"invalid Report data \(1 problem\(s\)\)"):
            from_dict(Report, data)

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("report_id", 5, "expected a string, got a number 5"),
            ("media_urls", "https://x.org/a.jpg", "expected an array, got a string"),
            ("location", [-7, 110], "expected GeoPoint (a JSON object), got an array"),
            ("location", {"lat": True, "lon": 110}, "lat: expected a number, got a boolean"),
            ("location", {"lat": 110, "lon": -7}, "latitude must be"),
        ],
    )
    def test_values_of_the_wrong_json_type_are_refused(
        self, field: str, value: object, expected: str
    ) -> None:
        """No conversion behind the user's back: ``5`` is not ``"5"``, a string not a list."""
        data = stored_report()
        data["history"][0]["submission"][field] = value  # type: ignore[index]
        (error,) = errors_of(Report, data)
        assert error.startswith(f"history[0].submission.{field}")
        assert expected in error

    def test_a_missing_field_is_named(self) -> None:
        """A required field left out is reported at its own path."""
        data = stored_report()
        del data["history"][2]["kind"]  # type: ignore[attr-defined]
        assert errors_of(Report, data) == ("history[2].kind: missing: this field is required",)

    def test_unknown_fields_are_refused_where_they_are(self) -> None:
        """A typo deep inside is refused, with the path of the object that holds it."""
        data = stored_report()
        data["history"][0]["submission"]["reporter"]["nmae"] = "Budi"  # type: ignore[index]
        (error,) = errors_of(Report, data)
        assert error.startswith("history[0].submission.reporter: unknown field(s) 'nmae'")

    def test_a_policy_that_contradicts_itself_is_refused_with_its_reason(self) -> None:
        """The constructors' own checks run, and their messages come through."""
        policy = SlaPolicy(
            "x", _days(5), start_on={ReportStatus.ASSIGNED}, stop_on={ReportStatus.RESOLVED}
        )
        data = to_dict(policy)
        data["stop_on"] = ["assigned"]
        (error,) = errors_of(SlaPolicy, data)
        assert "cannot both start and stop the clock" in error

    def test_a_week_problem_is_found_at_its_weekday_and_interval(self) -> None:
        """Paths go into mappings and lists: ``week['2'][0]``."""
        data = {"tz": "Asia/Jakarta", "week": {"1": [["08:00", "16:00"]], "2": [["8am", "4pm"]]}}
        from smartcity.sla import WorkingCalendar  # noqa: PLC0415

        (error,) = errors_of(WorkingCalendar, data)
        assert error.startswith("week['2'][0]: expected a time written HH:MM")


def _days(n: int) -> object:
    from smartcity.sla import WorkingDays  # noqa: PLC0415

    return WorkingDays(n)


class TestReplay:
    """A stored history is replayed: one the lifecycle would refuse is refused."""

    def test_an_illegal_transition_is_refused_at_its_event(self) -> None:
        """Verified cannot be followed by in progress: the path is that event's."""
        data = stored_report()
        del data["history"][2]  # type: ignore[attr-defined]
        (error,) = errors_of(Report, data)
        assert error.startswith("history[2]: report R1 cannot go from verified to in_progress")

    def test_events_out_of_order_are_refused(self) -> None:
        """An event dated before the one it follows breaks the chronology."""
        data = stored_report()
        data["history"][3]["at"] = "2026-03-01T08:00:00+07:00"  # type: ignore[index]
        (error,) = errors_of(Report, data)
        assert error.startswith("history[3]: report R1: an event at 2026-03-01")

    def test_an_empty_history_is_refused(self) -> None:
        """A report starts with its submission."""
        assert errors_of(Report, {"history": []}) == (
            "history: cannot replay an empty history; it starts with a submission",
        )

    @given(report=histories(max_events=6), data=st.data())
    def test_reading_a_changed_history_agrees_with_replay(
        self, report: Report, data: st.DataObject
    ) -> None:
        """Change one event's status: from_dict reads what replay accepts, refuses the rest.

        A refusal names the first event replay refuses, which is the changed one or a later one
        (a legal but different status can make a later event illegal).
        """
        index = data.draw(st.integers(0, len(report.history) - 1))
        status = data.draw(st.sampled_from(ReportStatus))
        events = list(report.history)
        events[index] = attrs.evolve(events[index], status=status)
        stored = json.loads(json.dumps(to_dict(report)))
        stored["history"][index]["status"] = status.value
        try:
            expected = Report.replay(events)
        except SmartCityError:
            expected = None
        if expected is not None:
            assert from_dict(Report, stored) == expected
            return
        with pytest.raises(ValidationError) as error:
            from_dict(Report, stored)
        (line,) = error.value.errors
        refused_at = int(line.removeprefix("history[").split("]")[0])
        assert refused_at >= index
        with pytest.raises(SmartCityError):
            Report.replay(events[: refused_at + 1])
        if refused_at:
            Report.replay(events[:refused_at])  # the events before it are accepted


class TestSchemaVersions:
    """A missing version is 1; a newer one is refused; anything else is not a version."""

    def test_data_without_a_schema_field_is_read_as_version_1(self) -> None:
        """Hand-written data may leave the version out."""
        data = stored_report()
        del data["schema"]
        assert from_dict(Report, data) == from_dict(Report, stored_report())

    def test_a_newer_version_is_refused_with_what_to_do(self) -> None:
        """This release cannot know what a later format means."""
        data = stored_report()
        data["schema"] = SCHEMA_VERSION + 1
        (error,) = errors_of(Report, data)
        assert error.startswith(f"schema: version {SCHEMA_VERSION + 1} was written by a newer")
        assert "upgrade smartcity" in error

    @pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None, [1]])
    def test_a_version_must_be_a_positive_whole_number(self, version: object) -> None:
        """Strings, floats, booleans and null are not versions."""
        data = stored_report()
        data["schema"] = version
        (error,) = errors_of(Report, data)
        assert error.startswith("schema: expected a version number from 1 to")


class TestUnsupportedTypes:
    """Only the value types listed in SUPPORTED_TYPES are written and read."""

    def test_a_derived_value_is_not_written(self) -> None:
        """A routing decision is recomputed, not stored: asking is a programming error."""
        decision = RoutingDecision(RoutingOutcome.REFER, None, "PLN", None, "not ours")
        with pytest.raises(SerializationError, match="is not one of the types"):
            to_dict(decision)
        with pytest.raises(TypeError):
            from_dict(RoutingDecision, {})


def check_refused_or_valid(kind: type, data: object) -> None:
    """``from_dict`` either reads a valid value or raises ValidationError: nothing else."""
    try:
        value = from_dict(kind, data)
    except ValidationError as error:
        lines = error.errors
    else:
        assert type(value) is kind
        return
    assert lines
    assert all(isinstance(line, str) and line for line in lines)


@st.composite
def mutated(draw: st.DrawFn, kind: type) -> object:
    """Valid data for ``kind`` with one place changed: a value replaced, a key added or dropped."""
    data = json.loads(json.dumps(to_dict(draw(VALUES[kind]))))
    places: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            places.extend((node, key) for key in node)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            places.extend((node, index) for index in range(len(node)))
            for child in node:
                walk(child)

    walk(data)
    container, key = draw(st.sampled_from(places)) if places else (data, "schema")
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "replace":
        container[key] = draw(json_values)  # type: ignore[index]
    elif action == "drop" and isinstance(container, dict):
        del container[key]
    elif isinstance(container, dict):
        container[draw(st.text(max_size=8))] = draw(json_values)
    return data


class TestFuzz:
    """Random JSON, and valid data with one random change: only ValidationError comes out.

    Every supported type is fuzzed; each gets a quarter of the profile's examples, which keeps
    the whole fuzz under ten seconds by default (the ``ci`` profile runs three times more).
    """

    @pytest.mark.parametrize("kind", SUPPORTED_TYPES, ids=lambda kind: kind.__name__)
    @settings(max_examples=SLOW_EXAMPLES)
    @given(data=json_values, as_fields=st.booleans())
    def test_random_json_is_refused_cleanly(
        self, kind: type, data: object, as_fields: bool
    ) -> None:
        """Whatever the JSON (also as the fields of a versioned object): a value or an error."""
        if as_fields:
            data = {"schema": 1, **data} if isinstance(data, dict) else {"schema": 1, "x": data}
        check_refused_or_valid(kind, data)

    @pytest.mark.parametrize("kind", SUPPORTED_TYPES, ids=lambda kind: kind.__name__)
    @settings(max_examples=SLOW_EXAMPLES)
    @given(data=st.data())
    def test_one_change_to_valid_data_is_read_or_refused_cleanly(
        self, kind: type, data: st.DataObject
    ) -> None:
        """Deep inside valid data, a wrong value is refused as cleanly as at the top."""
        check_refused_or_valid(kind, data.draw(mutated(kind)))

    def test_the_input_is_not_changed(self) -> None:
        """Reading never modifies the data it is given (the schema field stays)."""
        data = stored_report()
        before = copy.deepcopy(data)
        from_dict(Report, data)
        assert data == before
