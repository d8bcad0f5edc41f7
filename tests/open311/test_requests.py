"""GET a service request (a report's public view) and POST a service request (a new report)."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_fixtures import POST_BODY, SERVICE_REQUESTS, W3C_DATETIME

from smartcity.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    InvalidArgumentError,
    InvalidReportError,
    NaiveDatetimeError,
    UnknownCategoryError,
    ValidationError,
)
from smartcity.geo import GeoPoint
from smartcity.open311 import DEFAULT_EXPECTED_POLICY, report_from_request, service_request
from smartcity.reports import Report, Reporter, ReportStatus
from smartcity.samples import semarang
from smartcity.sla import SlaPolicy, SlaRule, SlaSchedule, WorkingDays, WorkingDuration
from smartcity.testing import histories, reports

WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=WIB)  # a Monday
HOUR = dt.timedelta(hours=1)
CITY = semarang()
BUDI = Reporter(name="Budi Santoso", phone="+6281234567890", email="budi@example.id")


def budi_report(category: str = "drainage", **changes: object) -> Report:
    options: dict[str, object] = {
        "category": category,
        "description": "Saluran di depan rumah tersumbat sampah.",
        "location": GeoPoint(-6.9839, 110.4103),
        "address": "Jl. Pemuda 148",
        "reporter": BUDI,
        "media_urls": ["https://media.example.org/1.jpg", "https://media.example.org/2.jpg"],
        "at": T0,
    }
    options.update(changes)
    report = Report.submit("SMG-1", **options)  # type: ignore[arg-type]
    return CITY.intake(report, at=T0 + dt.timedelta(minutes=5))


def check_request_shape(request: dict[str, object]) -> None:
    """The fields and JSON types of GeoReport v2's GET requests."""
    (example,) = SERVICE_REQUESTS
    assert list(request) == [*example, "attributes"]
    assert isinstance(request["attributes"], list)
    assert isinstance(request["service_request_id"], str)
    assert request["status"] in {"open", "closed"}
    for name in ("service_name", "service_code"):
        assert isinstance(request[name], str)
    assert request["description"] is None or isinstance(request["description"], str)
    for name in ("status_notes", "agency_responsible", "service_notice", "address", "media_url"):
        assert request[name] is None or isinstance(request[name], str)
    for name in ("requested_datetime", "updated_datetime"):
        assert re.fullmatch(W3C_DATETIME, request[name])  # type: ignore[arg-type]
    assert request["expected_datetime"] is None or re.fullmatch(
        W3C_DATETIME,
        request["expected_datetime"],  # type: ignore[arg-type]
    )
    assert (request["lat"] is None) == (request["long"] is None)
    assert request["lat"] is None or isinstance(request["lat"], float)
    assert request["address_id"] is None
    assert request["zipcode"] is None
    json.dumps(request, allow_nan=False)


class TestServiceRequest:
    """The public view: the fields of the specification, from the report and the city."""

    def test_an_assigned_report(self) -> None:
        """Each field, for Budi's report assigned to public works at intake."""
        report = budi_report()
        request = service_request(report, CITY, now=T0 + HOUR)
        check_request_shape(request)
        assert request == {
            "service_request_id": "SMG-1",
            "status": "open",
            "status_notes": report.history[-1].note,
            "service_name": "Saluran tersumbat",
            "service_code": "drainage",
            "description": "Saluran di depan rumah tersumbat sampah.",
            "agency_responsible": "Dinas Pekerjaan Umum",
            "service_notice": "Ditindaklanjuti dalam 5 hari kerja.",
            "requested_datetime": "2026-03-02T08:15:00+07:00",
            "updated_datetime": "2026-03-02T08:20:00+07:00",
            # Five working days after Monday 2 March (Ramadan hours: Mon-Thu close 15:15).
            "expected_datetime": "2026-03-09T15:15:00+07:00",
            "address": "Jl. Pemuda 148",
            "address_id": None,
            "zipcode": None,
            "lat": -6.9839,
            "long": 110.4103,
            "media_url": "https://media.example.org/1.jpg",
            "attributes": [],
        }

    def test_english_names_and_notice(self) -> None:
        """The service name and the notice follow the language."""
        request = service_request(budi_report(), CITY, now=T0 + HOUR, language="en")
        assert request["service_name"] == "Blocked drain"
        assert request["service_notice"] == "Followed up within 5 working days."

    def test_a_referred_report_names_the_authority_and_is_closed(self) -> None:
        """Water supply goes to the water utility: it is responsible, and the city is done."""
        report = budi_report("water-supply")
        request = service_request(report, CITY, now=T0 + HOUR, language="en")
        assert report.status is ReportStatus.REFERRED
        assert request["status"] == "closed"
        assert request["agency_responsible"] == "PDAM Tirta Moedal"
        assert request["service_notice"] == (
            "Not the city's responsibility: reports are referred to PDAM Tirta Moedal."
        )

    def test_the_fire_brigade_s_deadline_is_on_its_own_24_7_calendar(self) -> None:
        """An agency with its own calendar: five days of round-the-clock working time."""
        report = budi_report("fire")
        request = service_request(report, CITY, now=T0 + HOUR)
        assert report.agency == "DAMKAR"
        # The calendar ends the 5th day at 23:59:59.999999; Open311 shows whole seconds.
        assert request["expected_datetime"] == "2026-03-07T23:59:59+07:00"

    def test_an_explicit_deadline_wins(self) -> None:
        """``expected`` is published as given (to the second, in its own offset)."""
        expected = dt.datetime(2026, 3, 4, 12, 30, 15, 999, tzinfo=dt.UTC)
        request = service_request(budi_report(), CITY, now=T0 + HOUR, expected=expected)
        assert request["expected_datetime"] == "2026-03-04T12:30:15+00:00"

    def test_another_policy_gives_another_deadline_and_notice(self) -> None:
        """A four-hour promise, from submission, on the city's hours."""
        policy = SlaPolicy(
            "quick",
            WorkingDuration(4 * HOUR),
            start_on={ReportStatus.SUBMITTED},
            stop_on={ReportStatus.RESOLVED},
        )
        request = service_request(budi_report(), CITY, now=T0 + HOUR, policy=policy)
        assert request["service_notice"] == "Ditindaklanjuti dalam 4 jam kerja."
        assert request["expected_datetime"] == "2026-03-02T12:15:00+07:00"

    def test_a_deadline_beyond_the_calendar_is_not_published(self) -> None:
        """Past the calendar's coverage the deadline is unknown: null, not a guess."""
        late = dt.datetime(2027, 12, 30, 9, tzinfo=WIB)
        report = Report.submit("SMG-2", category="roads", description="x", address="y", at=late)
        report = CITY.intake(report, at=late)
        assert report.agency == "DPU"
        assert service_request(report, CITY, now=late)["expected_datetime"] is None

    def test_the_promise_follows_the_complaint_class(self) -> None:
        """Unlicensed buildings need a field inspection: 60 working days (SIPPN)."""
        request = service_request(budi_report("buildings"), CITY, now=T0 + HOUR)
        assert request["service_notice"] == "Ditindaklanjuti dalam 60 hari kerja."

    def test_a_report_not_yet_assigned_has_no_deadline_yet(self) -> None:
        """Semarang's follow-up clock starts at the assignment (disposisi)."""
        report = Report.submit("SMG-4", category="roads", description="x", address="y", at=T0)
        request = service_request(report, CITY, now=T0)
        assert request["expected_datetime"] is None
        assert request["service_notice"] == "Ditindaklanjuti dalam 5 hari kerja."

    def test_a_schedule_without_a_clock_for_the_report_promises_nothing(self) -> None:
        """A schedule whose primary clock covers other categories: no deadline, no notice."""
        roads_only = SlaSchedule(
            [
                SlaRule(
                    SlaPolicy(
                        "follow-up",
                        WorkingDays(3),
                        start_on={ReportStatus.ASSIGNED},
                        stop_on={ReportStatus.RESOLVED},
                    ),
                    categories={"roads"},
                )
            ]
        )
        city = attrs.evolve(CITY, schedule=roads_only)
        request = service_request(budi_report(), city, now=T0 + HOUR)
        assert request["expected_datetime"] is None
        assert request["service_notice"] is None

    def test_now_must_be_aware_and_not_before_the_latest_event(self) -> None:
        """The view is as at now: now cannot precede what the view shows."""
        report = budi_report()
        with pytest.raises(NaiveDatetimeError):
            service_request(report, CITY, now=dt.datetime(2026, 3, 3))  # noqa: DTZ001
        with pytest.raises(InvalidArgumentError):
            service_request(report, CITY, now="2026-03-03T08:00:00+07:00")  # type: ignore[arg-type]
        with pytest.raises(ChronologyError):
            service_request(report, CITY, now=T0)

    def test_a_category_the_city_does_not_have_is_refused(self) -> None:
        """A stored report of a retired category cannot be named."""
        report = Report.submit("SMG-3", category="graffiti", description="x", address="y", at=T0)
        with pytest.raises(UnknownCategoryError):
            service_request(report, CITY, now=T0)

    @given(report=histories(city=CITY))
    def test_every_report_has_the_shape_of_the_specification(self, report: Report) -> None:
        """Whatever the history: the same fields, types and formats."""
        request = service_request(report, CITY, now=report.updated_at)
        check_request_shape(request)
        assert request["status"] == report.status.open311
        assert request["service_request_id"] == report.report_id

    @given(report=reports(city=CITY))
    def test_without_a_schedule_there_is_no_promise(self, report: Report) -> None:
        """A city without an SLA schedule promises nothing, in Open311 as at the desk."""
        city = attrs.evolve(CITY, schedule=None)
        request = service_request(report, city, now=report.updated_at)
        assert city.promise(report, now=report.updated_at) is None
        assert request["expected_datetime"] is None
        category = CITY.categories[report.category]
        if category.referral is None:
            assert request["service_notice"] is None

    @given(report=reports(city=CITY))
    def test_the_sop_from_receipt_is_a_policy_to_pass(self, report: Report) -> None:
        """DEFAULT_EXPECTED_POLICY: the calendar's 5th working day after receipt."""
        city = attrs.evolve(CITY, schedule=None)
        now = report.updated_at
        request = service_request(report, city, now=now, policy=DEFAULT_EXPECTED_POLICY)
        deadline = CITY.calendar.add_working_days(report.submitted_at, 5)
        assert request["expected_datetime"] == dt.datetime.isoformat(deadline, timespec="seconds")
        assert DEFAULT_EXPECTED_POLICY.target == WorkingDays(5)

    @given(report=histories(city=CITY))
    def test_with_a_schedule_the_deadline_is_the_primary_clock_s(self, report: Report) -> None:
        """The published deadline is the city's follow-up clock's, as it stands now."""
        now = report.updated_at
        request = service_request(report, CITY, now=now)
        try:
            clock = CITY.clock(report)
            deadline = None if clock is None else clock.deadline_at(now)
        except CalendarCoverageError:
            deadline = None
        expected = None if deadline is None else dt.datetime.isoformat(deadline, timespec="seconds")
        assert request["expected_datetime"] == expected


MARK = st.text(alphabet="0123456789abcdef", min_size=12, max_size=12)


@st.composite
def marked_reporters(draw: st.DrawFn) -> Reporter:
    """A reporter whose every field is a distinctive string that nothing else contains."""
    mark = draw(MARK)
    return Reporter(
        name=f"NAME{mark}",
        phone=f"PHONE{mark}",
        email=f"mail{mark}@leak.example",
        account_id=f"ACCOUNT{mark}",
    )


class TestNoPersonalData:
    """The reporter's name, phone, e-mail and account never appear in what is published."""

    @given(report=histories(city=CITY, reporter=False), reporter=marked_reporters())
    def test_no_personal_field_leaks_from_any_report(
        self, report: Report, reporter: Reporter
    ) -> None:
        """Give a generated report a marked reporter: no mark appears in the JSON."""
        submission = attrs.evolve(report.submission, reporter=reporter)
        first = attrs.evolve(report.history[0], submission=submission)
        report = Report.replay((first, *report.history[1:]))
        assert report.reporter == reporter
        from smartcity.open311 import service_request_updates  # noqa: PLC0415

        published = json.dumps(
            [
                service_request(report, CITY, now=report.updated_at),
                service_request(report, CITY, now=report.updated_at, language="en"),
                service_request_updates(report),
            ]
        )
        for value in attrs.astuple(reporter):
            assert value not in published
        assert "leak.example" not in published

    def test_a_posted_reporter_is_kept_but_never_shown(self) -> None:
        """The POST's personal fields go into the report's reporter, and nowhere public."""
        report = report_from_request(POST_BODY, report_id="R1", at=T0, city=CITY)
        assert report.reporter == Reporter(
            name="john smith", phone="111111111", email="smit333@sfgov.edu", account_id="123456"
        )
        published = json.dumps(service_request(report, CITY, now=T0))
        for value in ("john", "smith", "111111111", "smit333", "123456", "tt222111"):
            assert value not in published


class TestPostRequest:
    """``report_from_request``: the spec's rules on a POST body, every problem at once."""

    def test_the_specification_s_example_body_is_accepted(self) -> None:
        """Location, description, media and the personal fields all land in the report."""
        report = report_from_request(POST_BODY, report_id="R1", at=T0, city=CITY)
        assert report.status is ReportStatus.SUBMITTED
        assert report.category == "drainage"
        assert report.location == GeoPoint(37.76524078, -122.4212043)
        assert report.address == "1234 5th street"
        assert report.description == "A large sinkhole is destroying the street"
        assert report.media_urls == (POST_BODY["media_url"],)
        assert report.submitted_at == T0

    def test_a_form_parsed_with_parse_qs_is_accepted(self) -> None:
        """``parse_qs`` gives a list for every field; a list of one is that value."""
        encoded = urllib.parse.urlencode(POST_BODY)
        data = urllib.parse.parse_qs(encoded)
        report = report_from_request(data, report_id="R1", at=T0, city=CITY)
        assert report == report_from_request(POST_BODY, report_id="R1", at=T0, city=CITY)

    def test_a_json_body_may_send_numbers(self) -> None:
        """``lat`` and ``long`` as JSON numbers."""
        body = {"service_code": "roads", "lat": -6.98, "long": 110, "description": "Lubang"}
        report = report_from_request(body, report_id="R1", at=T0)
        assert report.location == GeoPoint(-6.98, 110.0)
        assert report.reporter is None

    @pytest.mark.parametrize(
        "location",
        [{"address_string": "Jl. Pemuda 148"}, {"address_id": "545483"}],
        ids=["address_string", "address_id"],
    )
    def test_an_address_may_replace_the_coordinates(self, location: dict[str, str]) -> None:
        """The location is lat and long, or address_string, or address_id (kept as address)."""
        body = {"service_code": "roads", "description": "Lubang", **location}
        report = report_from_request(body, report_id="R1", at=T0)
        assert report.location is None
        assert report.address == next(iter(location.values()))

    def test_empty_values_count_as_absent(self) -> None:
        """An empty optional field is as if it was not sent (the specification's rule)."""
        body = {**POST_BODY, "email": "", "phone": " ", "first_name": "", "last_name": ""}
        report = report_from_request(body, report_id="R1", at=T0)
        assert report.reporter == Reporter(account_id="123456")

    def test_every_problem_is_listed(self) -> None:
        """One refusal lists all that is wrong, each line starting with the field."""
        body = {
            "lat": "-6.98",
            "description": "x" * 4_001,
            "email": "budi-at-example",
            "phone": ["1", "2"],
        }
        with pytest.raises(ValidationError) as error:
            report_from_request(body, report_id="R1", at=T0, city=CITY)
        assert error.value.errors == (
            "service_code: missing; it is required (GET services lists the codes)",
            "long: missing; lat and long are sent together",
            "description: 4,001 characters; at most 4,000 are allowed",
            "phone: given 2 times; give it once",
            "email: reporter email has no local part or domain; expected e.g. name@example.com",
        )
        assert "invalid Open311 service request (5 problem(s))" in str(error.value)

    @pytest.mark.parametrize(
        ("changes", "problem"),
        [
            ({"service_code": "DMV66"}, "service_code: unknown service 'DMV66'"),
            ({"lat": "north", "long": "east"}, "lat: expected a number of degrees, got 'north'"),
            ({"lat": "95", "long": "110"}, "lat/long: latitude must be a finite number"),
            ({"lat": "nan", "long": "110"}, "lat: expected a number of degrees"),
            ({"lat": True, "long": "110"}, "lat: expected a number of degrees, got True"),
            ({"description": None}, "description: missing"),
            ({"first_name": 7}, "first_name: expected text, got a value of type int (not shown"),
        ],
    )
    def test_one_problem(self, changes: dict[str, object], problem: str) -> None:
        """Each rule on its own."""
        body = {**POST_BODY, **changes}
        with pytest.raises(ValidationError) as error:
            report_from_request(body, report_id="R1", at=T0, city=CITY)
        assert any(line.startswith(problem) for line in error.value.errors), error.value.errors

    def test_no_location_at_all_is_refused(self) -> None:
        """Without coordinates or an address there is nowhere to send anyone."""
        body = {"service_code": "roads", "description": "Lubang"}
        with pytest.raises(ValidationError) as error:
            report_from_request(body, report_id="R1", at=T0)
        assert error.value.errors == (
            "location: missing; give lat and long, or address_string, or address_id",
        )

    def test_a_description_of_4000_characters_is_accepted(self) -> None:
        """The limit is inclusive."""
        body = {**POST_BODY, "description": "x" * 4_000}
        assert len(report_from_request(body, report_id="R1", at=T0).description) == 4_000

    def test_the_caller_s_own_arguments_raise_their_own_errors(self) -> None:
        """A naive ``at`` or a blank id is the server's bug, not the client's: no 400."""
        with pytest.raises(NaiveDatetimeError):
            report_from_request(POST_BODY, report_id="R1", at=dt.datetime(2026, 3, 2))  # noqa: DTZ001
        with pytest.raises(InvalidReportError):
            report_from_request(POST_BODY, report_id=" ", at=T0)
        with pytest.raises(InvalidArgumentError):
            report_from_request(POST_BODY, report_id=7, at=T0)  # type: ignore[arg-type]

    @given(report=reports(city=CITY))
    def test_a_report_posted_comes_back_with_the_same_submission(self, report: Report) -> None:
        """Write a report as a form body, read it back: the same submission (first media)."""
        reporter = report.reporter
        body = {
            "service_code": report.category,
            "description": report.description,
            "address_string": report.address,
            "media_url": report.media_urls[0] if report.media_urls else None,
            "first_name": None if reporter is None else reporter.name,
            "phone": None if reporter is None else reporter.phone,
            "email": None if reporter is None else reporter.email,
            "account_id": None if reporter is None else reporter.account_id,
        }
        if report.location is not None:
            body |= {"lat": repr(report.location.lat), "long": repr(report.location.lon)}
        back = report_from_request(body, report_id=report.report_id, at=report.submitted_at)
        assert back.submission == attrs.evolve(report.submission, media_urls=report.media_urls[:1])

    @given(
        body=st.dictionaries(
            st.sampled_from([*POST_BODY, "attribute[X]", "other"]),
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats()
            | st.text(max_size=12)
            | st.lists(st.text(max_size=5), max_size=2),
        )
    )
    def test_any_body_gives_a_report_or_a_validation_error(self, body: dict[str, object]) -> None:
        """Whatever a client sends: a submitted report, or ValidationError with its reasons."""
        try:
            report = report_from_request(body, report_id="R1", at=T0, city=CITY)
        except ValidationError as error:
            problems = error.errors
        else:
            assert report.status is ReportStatus.SUBMITTED
            return
        assert problems
