"""Reports: submission, the lifecycle, facts and notes, replay, and refused input."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import (
    ChronologyError,
    InvalidArgumentError,
    InvalidLocationError,
    InvalidReportError,
    InvalidTransitionError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.geo import GeoPoint
from smartcity.reports import (
    MAX_DESCRIPTION_LENGTH,
    TRANSITIONS,
    EventKind,
    Report,
    Reporter,
    ReportEvent,
    ReportStatus,
    Submission,
    is_final,
    is_personal,
)

S = ReportStatus
JAKARTA = ZoneInfo("Asia/Jakarta")
ZONES = (JAKARTA, dt.UTC, ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura"))
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=JAKARTA)
MINUTE = dt.timedelta(minutes=1)


@attrs.frozen
class Point:
    """A stand-in for smartcity.geo.GeoPoint: anything with lat and lon."""

    lat: float
    lon: float


MIROTO = Point(-6.9839, 110.4103)
BUDI = Reporter(name="Budi Santoso", phone="+6281234567890")


def submitted(**changes: object) -> Report:
    options: dict[str, object] = {
        "category": "drainage",
        "description": "Saluran tersumbat sampah, air meluap ke jalan.",
        "at": T0,
        "location": MIROTO,
        "address": "Jl. Pemuda 148",
        "reporter": BUDI,
        "media_urls": ("https://example.org/1.jpg",),
    }
    options.update(changes)
    return Report.submit("SMG-2026-000123", **options)  # type: ignore[arg-type]


def assigned() -> Report:
    return submitted().transition(S.VERIFIED, at=T0 + MINUTE).assign("DPU", at=T0 + 2 * MINUTE)


def refuses(
    call: Callable[[], object],
    error: type[Exception] | tuple[type[Exception], ...],
    match: str | None = None,
) -> None:
    with pytest.raises(error, match=match):
        call()


class TestSubmit:
    """A submission becomes a report in status submitted with one event."""

    def test_submission_is_kept_as_given(self) -> None:
        """Every field of the submission is stored, the location as a GeoPoint."""
        report = submitted()
        assert report.report_id == "SMG-2026-000123"
        assert report.status is S.SUBMITTED
        assert report.category == "drainage"
        assert report.location == GeoPoint(MIROTO.lat, MIROTO.lon)
        assert type(report.location) is GeoPoint
        assert report.address == "Jl. Pemuda 148"
        assert report.reporter == BUDI
        assert report.media_urls == ("https://example.org/1.jpg",)
        assert report.submitted_at == T0 == report.updated_at
        assert (report.agency, report.ward, report.district) == (None, None, None)
        assert [event.kind for event in report.history] == [EventKind.SUBMITTED]
        assert report.history[0].submission == report.submission

    def test_address_only_report(self) -> None:
        """Open311 allows an address instead of coordinates."""
        assert submitted(location=None).location is None

    def test_location_only_report(self) -> None:
        """Coordinates without an address are fine too."""
        assert submitted(address=None).address is None

    def test_pendulum_datetimes_are_accepted(self) -> None:
        """pendulum.DateTime is a datetime; it is stored as given."""
        at = pendulum.datetime(2026, 3, 2, 8, 15, tz="Asia/Jakarta")
        assert submitted(at=at).submitted_at is at

    def test_description_of_the_open311_limit_is_accepted(self) -> None:
        """4,000 characters is allowed; the limit is inclusive."""
        text = "x" * MAX_DESCRIPTION_LENGTH
        assert submitted(description=text).description == text

    def test_repr_is_short(self) -> None:
        """The repr names the report, not its history or its reporter."""
        assert repr(assigned()) == (
            "Report(report_id='SMG-2026-000123', status='assigned', category='drainage', "
            "agency='DPU', events=3)"
        )


class TestSubmitRefusals:
    """Bad submissions raise errors that say what to fix."""

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"description": ""}, "description"),
            ({"description": " \n\t "}, "description"),
            ({"description": "x" * (MAX_DESCRIPTION_LENGTH + 1)}, "4,001 characters"),
            ({"category": " "}, "category"),
            ({"location": None, "address": None}, "location .* or an address"),
            ({"address": ""}, "address"),
            ({"media_urls": ("",)}, "media_urls"),
        ],
    )
    def test_invalid_report(self, changes: dict[str, object], match: str) -> None:
        """Blank or over-long text, and a report with no place, are refused."""
        refuses(lambda: submitted(**changes), InvalidReportError, match)

    @pytest.mark.parametrize("report_id", ["", "   "])
    def test_blank_report_id(self, report_id: str) -> None:
        """A report needs an identifier."""
        refuses(
            lambda: Report.submit(report_id, category="c", description="d", at=T0, address="a"),
            InvalidReportError,
            "report_id",
        )

    @pytest.mark.parametrize(
        "location",
        [
            Point(float("nan"), 110.0),
            Point(-6.9, float("inf")),
            Point(91.0, 110.0),
            Point(-6.9, -180.5),
            Point("north", 110.0),  # type: ignore[arg-type]
        ],
    )
    def test_invalid_location(self, location: object) -> None:
        """A location must be a real place, in degrees."""
        refuses(lambda: submitted(location=location), InvalidLocationError)

    def test_naive_datetime(self) -> None:
        """Without a time zone, an instant is ambiguous."""
        refuses(lambda: submitted(at=dt.datetime(2026, 3, 2, 8, 15)), NaiveDatetimeError)  # noqa: DTZ001

    def test_errors_are_smartcity_errors_and_value_errors(self) -> None:
        """Callers can catch the library's errors or the builtin."""
        with pytest.raises(SmartCityError):
            submitted(description="")
        with pytest.raises(ValueError, match="description"):
            submitted(description="")


class TestLifecycle:
    """A report follows the table, one event per change."""

    def test_from_submission_to_closure(self) -> None:
        """The common path: verified, assigned, worked on, resolved, closed."""
        report = (
            submitted()
            .transition(S.VERIFIED, at=T0 + MINUTE, actor="desk")
            .assign("DPU", at=T0 + 2 * MINUTE, actor="desk")
            .transition(S.IN_PROGRESS, at=T0 + 3 * MINUTE, actor="DPU")
            .transition(S.RESOLVED, at=T0 + 4 * MINUTE, actor="DPU", note="cleared")
            .transition(S.CLOSED, at=T0 + 5 * MINUTE)
        )
        assert report.status is S.CLOSED
        assert report.agency == "DPU"
        assert [event.status for event in report.history] == [
            S.SUBMITTED,
            S.VERIFIED,
            S.ASSIGNED,
            S.IN_PROGRESS,
            S.RESOLVED,
            S.CLOSED,
        ]
        assert report.history[4].note == "cleared"
        assert report.updated_at == T0 + 5 * MINUTE

    def test_each_change_adds_one_event_and_keeps_the_rest(self) -> None:
        """The new report shares its older history with the old one."""
        before = assigned()
        after = before.transition(S.IN_PROGRESS, at=T0 + 3 * MINUTE)
        assert after.history[:-1] == before.history
        assert before.status is S.ASSIGNED

    def test_reassignment_to_another_agency(self) -> None:
        """Disposisi ulang: the report moves to another agency and stays assigned."""
        report = assigned().assign("DLH", at=T0 + 3 * MINUTE, note="trees, not drains")
        assert (report.status, report.agency) == (S.ASSIGNED, "DLH")

    def test_reopening(self) -> None:
        """A resolved report goes back to in progress when the reporter says it is not fixed."""
        report = (
            assigned()
            .transition(S.RESOLVED, at=T0 + 3 * MINUTE)
            .transition(S.IN_PROGRESS, at=T0 + 4 * MINUTE, actor="reporter")
        )
        assert report.status is S.IN_PROGRESS

    def test_duplicate_and_referral_record_their_target(self) -> None:
        """Marking a duplicate names the original; a referral names the authority."""
        duplicate = submitted().mark_duplicate("SMG-2026-000007", at=T0)
        referred = submitted().refer("BBPJN", at=T0)
        assert (duplicate.status, duplicate.duplicate_of) == (S.DUPLICATE, "SMG-2026-000007")
        assert (referred.status, referred.referred_to) == (S.REFERRED, "BBPJN")

    def test_equal_times_are_allowed(self) -> None:
        """Two things may happen in the same second (verify and assign in one click)."""
        report = submitted().transition(S.VERIFIED, at=T0).assign("DPU", at=T0)
        assert report.status is S.ASSIGNED

    def test_times_are_compared_as_instants(self) -> None:
        """An event in another zone is in order when its instant is not earlier."""
        same_instant = T0.astimezone(dt.UTC)
        report = submitted().transition(S.VERIFIED, at=same_instant)
        assert report.updated_at is same_instant


class TestLifecycleRefusals:
    """Illegal changes raise and leave the report as it was."""

    def test_illegal_transition_names_the_allowed_ones(self) -> None:
        """The error carries both statuses and lists where the report may go."""
        report = submitted()
        with pytest.raises(InvalidTransitionError) as caught:
            report.transition(S.RESOLVED, at=T0)
        assert (caught.value.from_status, caught.value.to_status) == (S.SUBMITTED, S.RESOLVED)
        assert str(caught.value) == (
            "report SMG-2026-000123 cannot go from submitted to resolved; from submitted it "
            "may go to: duplicate, referred, rejected, verified"
        )

    def test_final_status_allows_nothing(self) -> None:
        """A closed report cannot move, and the message says why."""
        report = submitted().transition(S.REJECTED, at=T0)
        refuses(lambda: report.transition(S.VERIFIED, at=T0), InvalidTransitionError, "final")

    def test_reassignment_to_the_same_agency(self) -> None:
        """Re-assignment names another agency."""
        refuses(lambda: assigned().assign("DPU", at=T0 + 3 * MINUTE), InvalidTransitionError)

    @pytest.mark.parametrize(
        ("status", "method"),
        [(S.ASSIGNED, "assign"), (S.DUPLICATE, "mark_duplicate"), (S.REFERRED, "refer")],
    )
    def test_statuses_that_need_more_say_which_method(self, status: S, method: str) -> None:
        """transition() cannot assign, mark duplicate or refer: it would lose the target."""
        report = submitted().transition(S.VERIFIED, at=T0)
        refuses(lambda: report.transition(status, at=T0), InvalidReportError, method)

    def test_duplicate_of_itself(self) -> None:
        """A report cannot duplicate itself."""
        refuses(lambda: submitted().mark_duplicate("SMG-2026-000123", at=T0), InvalidReportError)

    @pytest.mark.parametrize("method", ["assign", "mark_duplicate", "refer"])
    def test_blank_target(self, method: str) -> None:
        """An empty agency, original or authority is refused."""
        report = submitted().transition(S.VERIFIED, at=T0)
        refuses(lambda: getattr(report, method)(" ", at=T0), InvalidReportError)

    def test_earlier_event(self) -> None:
        """Events come in time order."""
        report = assigned()
        refuses(
            lambda: report.transition(S.IN_PROGRESS, at=T0),
            ChronologyError,
            "comes before the latest event",
        )

    def test_naive_event(self) -> None:
        """Every event time is aware."""
        refuses(
            lambda: submitted().transition(S.VERIFIED, at=dt.datetime(2026, 3, 3)),  # noqa: DTZ001
            NaiveDatetimeError,
        )

    def test_blank_note_or_actor(self) -> None:
        """Blank text is refused; pass None instead."""
        refuses(lambda: submitted().transition(S.VERIFIED, at=T0, note=""), InvalidReportError)
        refuses(lambda: submitted().transition(S.VERIFIED, at=T0, actor=" "), InvalidReportError)

    def test_failed_calls_leave_the_report_unchanged(self) -> None:
        """Whatever is refused, the report given is equal to what it was."""
        report = assigned()
        before = copy.deepcopy(report)
        for call in (
            lambda: report.transition(S.CLOSED, at=T0 + 3 * MINUTE),
            lambda: report.transition(S.IN_PROGRESS, at=T0),
            lambda: report.assign("DPU", at=T0 + 3 * MINUTE),
            lambda: report.recategorize("drainage", at=T0 + 3 * MINUTE),
            lambda: report.add_note("", at=T0 + 3 * MINUTE),
        ):
            with pytest.raises(SmartCityError):
                call()
        assert before == report
        assert len(report.history) == 3


class TestFacts:
    """Locating, recategorizing and notes add events and keep the status."""

    def test_locate(self) -> None:
        """Intake records the ward and district the ward map found."""
        report = submitted().locate(ward="33.74.01.1001", district="33.74.01", at=T0)
        assert (report.status, report.ward, report.district) == (
            S.SUBMITTED,
            "33.74.01.1001",
            "33.74.01",
        )
        assert report.history[-1].kind is EventKind.LOCATED

    def test_locate_outside_the_city(self) -> None:
        """Outside every ward, both codes are None, and a later location can clear them."""
        report = (
            submitted()
            .locate(ward="33.74.01.1001", district="33.74.01", at=T0)
            .locate(ward=None, district=None, at=T0, note="pin moved by the desk")
        )
        assert (report.ward, report.district) == (None, None)

    def test_recategorize(self) -> None:
        """The category changes; the agency stays until the report is assigned again."""
        report = assigned().recategorize("trees", at=T0 + 3 * MINUTE, actor="desk")
        assert (report.category, report.agency, report.status) == ("trees", "DPU", S.ASSIGNED)
        assert report.submission.category == "drainage"

    def test_recategorize_to_the_same_category(self) -> None:
        """Nothing would change: refused."""
        refuses(lambda: submitted().recategorize("drainage", at=T0), InvalidReportError)

    def test_notes_are_allowed_after_the_end(self) -> None:
        """A closed report still takes notes (the reporter's thanks)."""
        report = submitted().transition(S.REJECTED, at=T0).add_note("Terima kasih", at=T0)
        assert (report.status, report.history[-1].note) == (S.REJECTED, "Terima kasih")

    @pytest.mark.parametrize("change", ["locate", "recategorize"])
    def test_final_reports_keep_their_facts(self, change: str) -> None:
        """A report in a final status is no longer located or recategorized."""
        report = submitted().refer("PLN", at=T0)
        call = {
            "locate": lambda: report.locate(ward="w", district="d", at=T0),
            "recategorize": lambda: report.recategorize("trees", at=T0),
        }[change]
        refuses(call, InvalidReportError, "final")

    def test_blank_ward(self) -> None:
        """A blank code is refused; None says 'no ward'."""
        refuses(lambda: submitted().locate(ward="", district="d", at=T0), InvalidReportError)


class TestReplay:
    """The history is the truth: replay rebuilds the report and checks every event."""

    def test_replay_rebuilds_the_report(self) -> None:
        """A report with every kind of event replays to itself."""
        report = (
            assigned()
            .locate(ward="33.74.01.1001", district="33.74.01", at=T0 + 3 * MINUTE)
            .recategorize("trees", at=T0 + 4 * MINUTE)
            .assign("DLH", at=T0 + 5 * MINUTE)
            .add_note("on it", at=T0 + 6 * MINUTE)
        )
        assert report == Report.replay(report.history)
        assert report == Report.replay(iter(report.history))

    def test_empty_history(self) -> None:
        """There is nothing to rebuild."""
        refuses(lambda: Report.replay([]), InvalidReportError, "empty")

    def test_history_must_start_with_the_submission(self) -> None:
        """The first event carries what the citizen sent."""
        history = assigned().history
        refuses(lambda: Report.replay(history[1:]), InvalidReportError, "starts with")

    def test_second_submission(self) -> None:
        """Only the first event is a submission."""
        first = submitted().history[0]
        refuses(lambda: Report.replay([first, first]), InvalidReportError, "already submitted")

    def test_events_out_of_order(self) -> None:
        """A stored history in the wrong order is refused."""
        history = assigned().history
        swapped = (history[0], history[2], history[1])
        refuses(lambda: Report.replay(swapped), (InvalidTransitionError, ChronologyError))
        late_first = (
            attrs.evolve(history[0], at=T0 + MINUTE),
            ReportEvent(EventKind.STATUS_CHANGED, T0, S.VERIFIED),
        )
        refuses(lambda: Report.replay(late_first), ChronologyError)

    @pytest.mark.parametrize(
        "event",
        [
            # a plain status change that carries an agency the report would ignore
            ReportEvent(EventKind.STATUS_CHANGED, T0, S.VERIFIED, agency="DPU"),
            # a note that claims to change the status
            ReportEvent(EventKind.NOTED, T0, S.VERIFIED, note="hm"),
            # a location that carries a category
            ReportEvent(EventKind.LOCATED, T0, S.SUBMITTED, ward="w", category="trees"),
            # a note without text
            ReportEvent(EventKind.NOTED, T0, S.SUBMITTED),
            # a recategorization without a category
            ReportEvent(EventKind.RECATEGORIZED, T0, S.SUBMITTED),
        ],
    )
    def test_malformed_events(self, event: ReportEvent) -> None:
        """Events whose payload does not fit their kind are refused."""
        first = submitted().history[0]
        refuses(lambda: Report.replay([first, event]), InvalidReportError)

    @pytest.mark.parametrize(
        "first",
        [
            ReportEvent(EventKind.SUBMITTED, T0, S.SUBMITTED),
            ReportEvent(
                EventKind.SUBMITTED,
                T0,
                S.VERIFIED,
                submission=Submission(report_id="r", category="c", description="d", address="a"),
            ),
            ReportEvent(
                EventKind.SUBMITTED,
                T0,
                S.SUBMITTED,
                agency="DPU",
                submission=Submission(report_id="r", category="c", description="d", address="a"),
            ),
        ],
    )
    def test_malformed_submission_events(self, first: ReportEvent) -> None:
        """The first event has the submitted status and the submission, nothing else."""
        refuses(lambda: Report.replay([first]), InvalidReportError)

    def test_stored_values_that_are_not_enums(self) -> None:
        """A kind or a status stored as a bare string is refused with a readable message."""
        first = submitted().history[0]
        assert first.kind is EventKind.SUBMITTED
        refuses(
            lambda: ReportEvent("noted", T0, S.SUBMITTED, note="n"),  # type: ignore[arg-type]
            InvalidArgumentError,
            r"kind must be an EventKind.*EventKind\('noted'\) is EventKind.NOTED",
        )
        refuses(
            lambda: ReportEvent(EventKind.STATUS_CHANGED, T0, "verified"),  # type: ignore[arg-type]
            InvalidArgumentError,
            r"status must be a ReportStatus.*ReportStatus.VERIFIED",
        )

    def test_stored_submission_is_checked(self) -> None:
        """A stored submission is validated like a new one."""
        refuses(
            lambda: Submission(report_id="r", category="c", description=" ", address="a"),
            InvalidReportError,
            "description",
        )


class TestRedacted:
    """A public view drops the reporter everywhere and still replays."""

    def test_no_reporter_is_left(self) -> None:
        """Neither the submission nor the first event keeps the reporter."""
        public = assigned().redacted()
        assert public.reporter is None
        assert public.history[0].submission is not None
        assert public.history[0].submission.reporter is None
        assert public == Report.replay(public.history)
        assert (public.status, public.agency, public.description) == (
            S.ASSIGNED,
            "DPU",
            submitted().description,
        )

    def test_anonymous_report_is_already_public(self) -> None:
        """Nothing to remove: the same report comes back."""
        report = submitted(reporter=None)
        assert report.redacted() is report

    def test_only_the_reporter_is_personal(self) -> None:
        """Walking every attrs field of a report meets personal data only in reporters."""

        def personal_values(value: object) -> list[object]:
            found: list[object] = []
            if isinstance(value, tuple):
                for item in value:
                    found += personal_values(item)
            elif attrs.has(type(value)):
                for field in attrs.fields(type(value)):
                    item = getattr(value, field.name)
                    found += [item] if is_personal(field) else personal_values(item)
            return found

        assert personal_values(assigned()) == [BUDI, BUDI]
        assert personal_values(assigned().redacted()) == [None, None]


# -- properties -----------------------------------------------------------------------------

AGENCIES = ("DPU", "DLH", "DISHUB")
CATEGORIES = ("drainage", "trees", "road")
Step = Callable[[Report, dt.datetime], Report]


def legal_steps(report: Report) -> list[Step]:
    """Every change the report accepts now, as functions of (report, at)."""
    steps: list[Step] = []
    for status in sorted(TRANSITIONS[report.status], key=lambda s: s.value):
        if status is S.ASSIGNED:
            steps += [
                lambda r, at, code=code: r.assign(code, at=at, actor="desk")
                for code in AGENCIES
                if not (report.status is S.ASSIGNED and code == report.agency)
            ]
        elif status is S.DUPLICATE:
            steps.append(lambda r, at: r.mark_duplicate("SMG-1", at=at))
        elif status is S.REFERRED:
            steps.append(lambda r, at: r.refer("PLN", at=at))
        else:
            steps.append(lambda r, at, status=status: r.transition(status, at=at, note="n"))
    if not is_final(report.status):
        steps.append(lambda r, at: r.locate(ward="33.74.01.1001", district="33.74.01", at=at))
        steps.append(lambda r, at: r.locate(ward=None, district=None, at=at))
        steps += [
            lambda r, at, code=code: r.recategorize(code, at=at)
            for code in CATEGORIES
            if code != report.category
        ]
    steps.append(lambda r, at: r.add_note("noted", at=at, actor="officer"))
    return steps


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report after a random walk of legal changes, at non-decreasing times in mixed zones."""
    report = Report.submit(
        "SMG-2",
        category=draw(st.sampled_from(CATEGORIES)),
        description="Lampu jalan mati",
        at=T0,
        location=draw(st.sampled_from([None, MIROTO])),
        address="Jl. Pandanaran",
        reporter=draw(st.sampled_from([None, BUDI])),
    )
    at = T0
    for _ in range(draw(st.integers(0, 12))):
        at += dt.timedelta(minutes=draw(st.integers(0, 6_000)))
        step = draw(st.sampled_from(legal_steps(report)))
        report = step(report, at.astimezone(draw(st.sampled_from(ZONES))))
    return report


class TestProperties:
    """Rules that hold for every report the methods can make."""

    @given(reports())
    def test_replay_gives_the_same_report(self, report: Report) -> None:
        """Event sourcing: nothing is lost, the history alone rebuilds the report."""
        assert report == Report.replay(report.history)

    @given(reports())
    def test_history_is_in_time_order(self, report: Report) -> None:
        """Event times never go back."""
        times = [event.at for event in report.history]
        assert times == sorted(times)

    @given(reports())
    def test_state_follows_the_latest_events(self, report: Report) -> None:
        """Status, agency and category are those of the latest event that set them."""
        history = report.history
        assert report.status is history[-1].status
        agencies = [e.agency for e in history if e.agency is not None]
        assert report.agency == (agencies[-1] if agencies else None)
        categories = [e.category for e in history if e.category is not None]
        assert report.category == (categories[-1] if categories else history[0].submission.category)  # type: ignore[union-attr]

    @given(reports(), st.sampled_from(list(ReportStatus)))
    def test_illegal_transitions_raise_and_change_nothing(
        self, report: Report, to: ReportStatus
    ) -> None:
        """A status the table does not allow is refused, and the report stays as it was."""
        if to in TRANSITIONS[report.status]:
            return
        before = copy.deepcopy(report)
        with pytest.raises(InvalidTransitionError) as caught:
            report.transition(to, at=report.updated_at)
        assert (caught.value.from_status, caught.value.to_status) == (report.status, to)
        assert before == report

    @given(reports(), st.integers(1, 10_000))
    def test_earlier_events_raise_and_change_nothing(self, report: Report, seconds: int) -> None:
        """Any change dated before the latest event is refused."""
        before = copy.deepcopy(report)
        earlier = report.updated_at - dt.timedelta(seconds=seconds)
        with pytest.raises(ChronologyError):
            report.add_note("late", at=earlier)
        assert before == report
