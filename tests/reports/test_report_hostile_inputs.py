"""Hostile input to reports: only the library's errors, nothing changed, nothing unreadable stored.

Every public entry point of ``smartcity.reports`` is called with arguments drawn from wrong
types, huge numbers, NaN, edge and non-existent instants and oversized text. A call either
returns a report that survives ``to_dict`` -> JSON -> ``from_dict`` unchanged, or raises a
``SmartCityError`` with a short message; the report it was called on and its arguments are
unchanged either way. The cases of issue 11 are regression tests at the end.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import pickle
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidLocationError,
    InvalidReportError,
    InvalidTransitionError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.geo import GeoPoint
from smartcity.reports import (
    MAX_HISTORY_LENGTH,
    EventKind,
    Report,
    Reporter,
    ReportEvent,
    ReportStatus,
    Submission,
)
from smartcity.serialization import from_dict, to_dict
from smartcity.testing import histories

S = ReportStatus
JAKARTA = ZoneInfo("Asia/Jakarta")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=JAKARTA)
LATER = T0 + dt.timedelta(hours=1)
BIG = "x" * 10_000_000
#: No message may be longer than this: values are cut before they are shown.
LONGEST_MESSAGE = 2_000


@attrs.define
class MutablePoint:
    """A caller's own point class, mutable: the report must not keep it."""

    lat: object
    lon: object


INSTANTS = st.sampled_from(
    [
        T0,
        LATER,
        dt.datetime(2024, 3, 31, 1, 30, tzinfo=LONDON),  # skipped by daylight saving
        dt.datetime(2024, 3, 10, 2, 30, tzinfo=NEW_YORK),  # skipped by daylight saving
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        dt.datetime.min.replace(tzinfo=dt.UTC),
        dt.datetime.max.replace(tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        dt.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NEW_YORK),  # ambiguous, the second
        dt.datetime(2026, 3, 2, 8, 15),  # naive  # noqa: DTZ001
        dt.date(2026, 3, 2),
    ]
)

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**400), 10**5000]),
    st.floats(),
    st.sampled_from(
        [
            np.int64(5),
            np.float64("nan"),
            np.float32(1.5),
            decimal.Decimal("NaN"),
            decimal.Decimal("1e400"),
            decimal.Decimal("-6.99"),
        ]
    ),
    st.text(max_size=12),
    st.sampled_from(["", "   ", "verified", "-6.99", BIG]),
    st.binary(max_size=6),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(list(S)),
    st.sampled_from(list(EventKind)),
    INSTANTS,
    st.sampled_from([object(), GeoPoint(-6.98, 110.41), Reporter(name="Budi")]),
)
TEXT = st.sampled_from(["drainage", "Saluran tersumbat", "DPU"]) | HOSTILE
WHEN = INSTANTS | HOSTILE
OPTIONAL_TEXT = st.none() | TEXT


def snapshot(value: object) -> bytes:
    """The value exactly as it is (NaN included, where == would fail)."""
    return pickle.dumps(value)


def readable(report: Report) -> None:
    """The report is stored as JSON and read back equal."""
    text = json.dumps(to_dict(report), allow_nan=False)
    assert from_dict(Report, json.loads(text)) == report


def attempt(call: Callable[[], object], *arguments: object) -> object:
    """Call; allow only SmartCityError with a short message; check the arguments are unchanged."""
    before = [snapshot(argument) for argument in arguments]
    result: object = None
    message = ""
    try:
        result = call()
    except SmartCityError as error:
        message = str(error)
    assert len(message) <= LONGEST_MESSAGE
    assert [snapshot(argument) for argument in arguments] == before
    if isinstance(result, Report):
        readable(result)
    return result


def base_reports() -> st.SearchStrategy[Report]:
    return histories(max_events=4)


class TestHostileSubmissions:
    """Report.submit: any argument of any kind gives a readable report or a library error."""

    @given(
        report_id=TEXT,
        category=TEXT,
        description=TEXT,
        at=WHEN,
        location=st.none()
        | HOSTILE
        | st.builds(MutablePoint, HOSTILE, HOSTILE)
        | st.just(MutablePoint(-6.98, 110.41)),
        address=OPTIONAL_TEXT,
        reporter=HOSTILE,
        media_urls=HOSTILE | st.lists(TEXT, max_size=2),
    )
    def test_only_library_errors(
        self, *, report_id, category, description, at, location, address, reporter, media_urls
    ):
        attempt(
            lambda: Report.submit(
                report_id,
                category=category,
                description=description,
                at=at,
                location=location,
                address=address,
                reporter=reporter,
                media_urls=media_urls,
            ),
            location,
            media_urls,
            reporter,
        )


class TestHostileChanges:
    """Every change method: a readable report or a library error, the report unchanged."""

    @given(
        report=base_reports(),
        method=st.sampled_from(
            ["transition", "assign", "mark_duplicate", "refer", "recategorize", "add_note"]
        ),
        subject=TEXT | st.sampled_from(list(S)),
        at=WHEN,
        actor=OPTIONAL_TEXT,
        note=OPTIONAL_TEXT,
    )
    def test_methods_with_a_subject(self, *, report, method, subject, at, actor, note):
        before = snapshot(report)
        call = getattr(report, method)
        if method == "add_note":
            attempt(lambda: call(subject, at=at, actor=actor), subject, at, actor)
        else:
            attempt(lambda: call(subject, at=at, actor=actor, note=note), subject, at, note)
        assert snapshot(report) == before

    @given(report=base_reports(), ward=OPTIONAL_TEXT, district=OPTIONAL_TEXT, at=WHEN)
    def test_locate(self, report, ward, district, at):
        before = snapshot(report)
        attempt(lambda: report.locate(ward=ward, district=district, at=at), ward, district)
        assert snapshot(report) == before

    @given(events=HOSTILE | st.lists(HOSTILE, max_size=3))
    def test_replay(self, events):
        attempt(lambda: Report.replay(events), events)

    @given(name=OPTIONAL_TEXT, phone=OPTIONAL_TEXT, email=OPTIONAL_TEXT, account_id=OPTIONAL_TEXT)
    def test_reporter(self, name, phone, email, account_id):
        attempt(lambda: Reporter(name=name, phone=phone, email=email, account_id=account_id))

    @given(kind=HOSTILE, at=WHEN, status=HOSTILE, note=OPTIONAL_TEXT)
    def test_event(self, kind, at, status, note):
        attempt(lambda: ReportEvent(kind, at, status, note=note), kind, status)


# -- regression tests: the cases of issue 11 ------------------------------------------------------


def submitted(**changes: object) -> Report:
    options: dict[str, object] = {
        "category": "drainage",
        "description": "Saluran tersumbat",
        "at": T0,
        "location": GeoPoint(-6.98, 110.41),
    }
    options.update(changes)
    return Report.submit("SMG-1", **options)  # type: ignore[arg-type]


class TestInstantsThatCannotBeStoredAreRefused:
    """A wall time skipped by daylight saving, or an instant at datetime's edge, never gets in."""

    @pytest.mark.parametrize(
        "at",
        [
            dt.datetime(2024, 3, 31, 1, 30, tzinfo=LONDON),
            dt.datetime(2024, 3, 10, 2, 30, tzinfo=NEW_YORK),
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime.max.replace(tzinfo=dt.UTC),
        ],
    )
    def test_at_submission_and_every_change(self, at):
        with pytest.raises(InvalidReportError, match="at "):
            submitted(at=at)
        report = submitted(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        for change in (
            lambda: report.add_note("n", at=at),
            lambda: report.transition(S.VERIFIED, at=at),
            lambda: report.locate(ward="w", district="d", at=at),
            lambda: ReportEvent(EventKind.NOTED, at, S.SUBMITTED, note="n"),
        ):
            with pytest.raises(InvalidReportError, match="at "):
                change()

    def test_the_second_of_two_equal_wall_times_is_kept(self):
        """An ambiguous time with fold=1 is a real instant: stored, and read back equal."""
        at = dt.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NEW_YORK)
        report = submitted(at=at)
        readable(report)
        assert from_dict(Report, to_dict(report)).submitted_at.utcoffset() == at.utcoffset()


class TestWrongTypesAreRefused:
    """Each wrong type the issue found accepted is an InvalidArgumentError now."""

    @pytest.mark.parametrize(
        "change",
        [
            lambda r: r.assign(5, at=LATER),
            lambda r: r.mark_duplicate(5, at=LATER),
            lambda r: r.locate(ward=5, district="d", at=LATER),
            lambda r: r.transition("verified", at=LATER),
            lambda r: r.add_note(None, at=LATER),
            lambda r: r.add_note(5, at=LATER),
            lambda r: r.recategorize(["a"], at=LATER),
            lambda r: r.transition(S.VERIFIED, at="2026-03-02T09:00+07:00"),
        ],
    )
    def test_changes(self, change):
        report = submitted().transition(S.VERIFIED, at=T0)
        with pytest.raises((InvalidArgumentError, InvalidReportError)):
            change(report)

    def test_a_status_value_string_is_refused_with_how_to_read_it(self):
        """transition("verified") does not list "verified" as allowed: it says how to read it."""
        with pytest.raises(InvalidArgumentError) as caught:
            submitted().transition("verified", at=LATER)  # type: ignore[arg-type]
        assert "ReportStatus('verified') is ReportStatus.VERIFIED" in str(caught.value)
        assert "may go to" not in str(caught.value)

    @pytest.mark.parametrize(
        "changes",
        [
            {"description": b"abc"},
            {"category": None},
            {"at": None},
            {"media_urls": "https://example.org/1.jpg"},
            {"media_urls": None},
            {"location": object()},
        ],
    )
    def test_submit(self, changes):
        with pytest.raises(InvalidArgumentError):
            submitted(**changes)

    def test_a_raw_reporter_string_is_refused_and_not_shown(self):
        with pytest.raises(InvalidArgumentError) as caught:
            submitted(reporter="Budi +6281234567890")
        assert "Budi" not in str(caught.value)
        assert "6281234567890" not in str(caught.value)

    @pytest.mark.parametrize("events", [None, 5, "history", {"a": 1}, [None], [5]])
    def test_replay(self, events):
        with pytest.raises(InvalidArgumentError):
            Report.replay(events)

    @pytest.mark.parametrize("field", ["name", "phone", "email", "account_id"])
    def test_reporter_fields(self, field):
        with pytest.raises(InvalidArgumentError) as caught:
            Reporter(**{field: 6281234567890})
        assert "6281234567890" not in str(caught.value)


class TestLocationsAreConvertedThroughGeoPoint:
    """The report holds a GeoPoint, made by GeoPoint's rules, never the caller's object."""

    def test_a_mutable_point_changed_later_does_not_change_the_report(self):
        point = MutablePoint(-6.98, 110.41)
        report = submitted(location=point)
        point.lat = float("nan")
        assert report.location == GeoPoint(-6.98, 110.41)
        readable(report)

    @pytest.mark.parametrize("lat", ["-6.99", True, float("nan"), 10**400, None])
    def test_what_geopoint_refuses_is_refused(self, lat):
        with pytest.raises(InvalidLocationError):
            submitted(location=MutablePoint(lat, 110.41))

    @pytest.mark.parametrize(
        "lat", [np.float64(-6.99), np.float32(-6.99), np.int64(-6), decimal.Decimal("-6.99")]
    )
    def test_numpy_and_decimal_numbers_are_numbers(self, lat):
        report = submitted(location=MutablePoint(lat, 110.41))
        assert report.location == GeoPoint(float(lat), 110.41)
        assert type(report.location.lat) is float
        readable(report)


class TestLongHistories:
    """A history is at most MAX_HISTORY_LENGTH events, on every path."""

    def test_replay_refuses_a_longer_history(self):
        report = submitted()
        note = ReportEvent(EventKind.NOTED, T0, S.SUBMITTED, note="n")
        with pytest.raises(InvalidReportError, match="MAX_HISTORY_LENGTH"):
            Report.replay([*report.history, *[note] * MAX_HISTORY_LENGTH])
        with pytest.raises(InvalidReportError, match="MAX_HISTORY_LENGTH"):
            Report.replay(iter([*report.history, *[note] * MAX_HISTORY_LENGTH]))

    def test_a_full_history_takes_no_more_events(self):
        report = submitted()
        note = ReportEvent(EventKind.NOTED, T0, S.SUBMITTED, note="n")
        full = Report.replay([*report.history, *[note] * (MAX_HISTORY_LENGTH - 1)])
        assert len(full.history) == MAX_HISTORY_LENGTH
        with pytest.raises(InvalidReportError, match="MAX_HISTORY_LENGTH"):
            full.add_note("one more", at=T0)

    def test_replay_of_a_long_history_is_the_report(self):
        report = submitted().transition(S.VERIFIED, at=T0).assign("DPU", at=T0)
        for minute in range(200):
            report = report.add_note(f"n{minute}", at=T0 + dt.timedelta(minutes=minute))
        assert Report.replay(report.history) == report
        assert Report.replay(iter(report.history)) == report


class TestMessagesAreShort:
    """A 10 MB argument never makes a 10 MB message."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda r: r.recategorize(r.category, at=LATER),
            lambda r: r.assign(BIG.encode(), at=LATER),
            lambda _r: Report.replay(BIG),
            lambda _r: ReportEvent(BIG, LATER, S.SUBMITTED),
        ],
    )
    def test_messages(self, call):
        report = submitted(category=BIG).transition(S.VERIFIED, at=T0)
        with pytest.raises(SmartCityError) as caught:
            call(report)
        assert len(str(caught.value)) <= LONGEST_MESSAGE

    def test_a_huge_report_id_is_cut_in_messages(self):
        report = Report.submit(BIG, category="c", description="d", at=T0, address="a")
        with pytest.raises(InvalidTransitionError) as caught:
            report.transition(S.CLOSED, at=LATER)
        assert len(str(caught.value)) <= LONGEST_MESSAGE


class TestSubmissionsAreCheckedOnEveryPath:
    """A Submission made by hand is checked as Report.submit checks it."""

    def test_naive_event(self):
        with pytest.raises(NaiveDatetimeError):
            ReportEvent(EventKind.NOTED, dt.datetime(2026, 3, 2), S.SUBMITTED)  # noqa: DTZ001

    def test_submission_types(self):
        with pytest.raises(InvalidArgumentError):
            Submission(report_id=5, category="c", description="d", address="a")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            ReportEvent(EventKind.SUBMITTED, T0, S.SUBMITTED, submission="x")  # type: ignore[arg-type]
