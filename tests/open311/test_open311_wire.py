"""What goes on the wire: the JSON validates, the XML reads back as the JSON, nothing leaks."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_client_bodies import FIXMYSTREET_GROUP_TAGS

from smartcity.desk import City
from smartcity.exceptions import InvalidReportError, SmartCityError, ValidationError
from smartcity.open311 import (
    Open311Response,
    discovery,
    error_response,
    get_request,
    get_requests,
    get_service_definition,
    get_service_request_updates,
    get_services,
    post_request,
    post_service_request_update,
)
from smartcity.reports import Report, Reporter, ReportStatus
from smartcity.routing import (
    AttributeDatatype,
    AttributeOption,
    Router,
    ServiceAttribute,
)
from smartcity.samples import semarang
from smartcity.testing import histories

WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=WIB)
W3C = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")

DEPTH = ServiceAttribute(
    "depth",
    datatype=AttributeDatatype.NUMBER,
    description="Kedalaman lubang (cm)",
    required=True,
    order=1,
    datatype_description="bilangan",
)
SHAPE = ServiceAttribute(
    "shape",
    datatype=AttributeDatatype.SINGLEVALUELIST,
    description="Bentuk lubang",
    order=2,
    values=[
        AttributeOption("circle", "Bulat"),
        AttributeOption("square", "Persegi"),
        AttributeOption("triangle", "Segitiga"),
    ],
)
SIDES = ServiceAttribute(
    "sides",
    datatype=AttributeDatatype.MULTIVALUELIST,
    description="Sisi jalan",
    values=[AttributeOption("left", "Kiri"), AttributeOption("right", "Kanan")],
)


def city_with_attributes() -> City:
    """Semarang, with the roads category asking three questions."""
    base = semarang()
    categories = [
        attrs.evolve(category, attributes=[DEPTH, SHAPE, SIDES])
        if category.code == "roads"
        else category
        for category in base.categories.values()
    ]
    router = Router.build(
        (*base.router.rules, *base.router.skipped),
        agencies=base.agencies.values(),
        categories=categories,
        triage=base.router.triage,
        outside_referral=base.router.outside_referral,
    )
    return attrs.evolve(base, router=router)


CITY = city_with_attributes()


def xml_simple(text: str) -> object:
    """Read XML as FixMyStreet's XML::Simple does with its GroupTags and SuppressEmpty.

    A group element becomes the list of its items; another element with children, a dict;
    a leaf, its text (None when empty). Every leaf is text: XML has no other type.
    """

    def read(element: ET.Element) -> object:
        if element.tag in GROUPS:
            assert all(child.tag == GROUPS[element.tag] for child in element)
            return [read(child) for child in element]
        if len(element):
            return {child.tag: read(child) for child in element}
        return element.text

    return read(ET.fromstring(text))  # noqa: S314 - our own output


GROUPS = {**FIXMYSTREET_GROUP_TAGS, "endpoints": "endpoint", "formats": "format"}


def as_xml_reads(data: object) -> object:
    """What the JSON data becomes once written as XML and read back as text."""
    if isinstance(data, dict):
        return {key: as_xml_reads(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_xml_reads(value) for value in data]
    if data is None or data == "":
        return None
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, float):
        return repr(data)
    text = str(data).replace("\r\n", "\n").replace("\r", "\n")  # XML's line-end rule
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", text)


def check_xml_matches_json(response: Open311Response) -> None:
    """The XML text, read with FixMyStreet's group tags, holds the JSON data."""
    xml = response.xml()
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>\n<' + response.root)
    assert xml_simple(xml) == as_xml_reads(json.loads(response.json()))


def reported(report: Report, reporter: Reporter) -> Report:
    """The report, with ``reporter`` as its reporter."""
    submission = attrs.evolve(report.submission, reporter=reporter)
    first = attrs.evolve(report.history[0], submission=submission)
    return Report.replay((first, *report.history[1:]))


def every_answer(report: Report) -> list[Open311Response]:
    """The answers of every endpoint about ``report``."""
    now = report.updated_at
    start = [("start_date", report.submitted_at.isoformat())]
    return [
        get_services(CITY),
        get_service_definition(CITY, "roads"),
        get_service_definition(CITY, report.category),
        get_request(CITY, [report], report.report_id, now=now),
        get_request(CITY, [report], report.report_id, now=now, language="en"),
        get_requests(CITY, [report], start, now=now),
        get_service_request_updates(CITY, [report], start, now=now),
    ]


class TestSchemas:
    """The JSON answers validate against the GeoReport v2 schemas of open311/schema-validation."""

    def test_services_and_definitions(
        self, georeport_schema: Callable[[str], jsonschema.Draft4Validator]
    ) -> None:
        """Every service, with and without attributes, and every definition."""
        services = get_services(CITY).data
        georeport_schema("services.json").validate(services)
        for code in CITY.categories:
            georeport_schema("service-definition.json").validate(
                get_service_definition(CITY, code).data
            )
        assert {s["service_code"] for s in services if s["metadata"]} == {"roads"}  # type: ignore[index,union-attr]

    @given(report=histories(city=CITY))
    def test_every_request(
        self, georeport_schema: Callable[[str], jsonschema.Draft4Validator], report: Report
    ) -> None:
        """A request in any state; its datetimes in the W3C profile."""
        answer = get_request(CITY, [report], report.report_id, now=report.updated_at)
        georeport_schema("requests.json").validate(answer.data)
        (item,) = answer.data  # type: ignore[misc]
        for name in ("requested_datetime", "updated_datetime"):
            assert W3C.fullmatch(item[name])
        assert item["expected_datetime"] is None or W3C.fullmatch(item["expected_datetime"])


class TestXmlReadsAsJson:
    """XML, read with FixMyStreet's group tags, gives the same data as JSON."""

    @given(report=histories(city=CITY))
    def test_every_endpoint(self, report: Report) -> None:
        """Services, definitions, requests and updates, for any report."""
        for response in every_answer(report):
            check_xml_matches_json(response)

    @given(description=st.text(max_size=50))
    def test_any_text_is_escaped(self, description: str) -> None:
        """Markup, entities and control characters in a citizen's text stay text."""
        at = T0
        try:
            report = Report.submit(
                "X<&>'\"1",
                category="roads",
                description=description or None,
                address="<b>&amp;",
                at=at,
            )
        except InvalidReportError:
            return  # blank text is refused before it reaches any answer
        check_xml_matches_json(get_request(CITY, [report], report.report_id, now=at))

    def test_errors_and_discovery(self) -> None:
        """The two documents that are not about reports."""
        check_xml_matches_json(error_response(ValidationError(["a: <bad> & worse"])))
        check_xml_matches_json(
            discovery(url="https://x.example/open311", changeset=T0, contact="lapor@x.example")
        )


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
    """No personal field appears in any answer, errors included."""

    @given(report=histories(city=CITY, reporter=False), reporter=marked_reporters())
    def test_no_answer_shows_the_reporter(self, report: Report, reporter: Reporter) -> None:
        """Every endpoint's JSON and XML, for a report with a marked reporter."""
        report = reported(report, reporter)
        for response in every_answer(report):
            for body in (response.json(), response.xml()):
                for value in attrs.astuple(reporter):
                    assert value not in body
                assert "leak.example" not in body

    @given(reporter=marked_reporters(), wrong=st.sampled_from([7, ["a", "b"], "x" * 9_000]))
    def test_no_error_shows_a_personal_value(self, reporter: Reporter, wrong: object) -> None:
        """Wrong personal fields are refused without showing what was sent."""
        form = {
            "service_code": "nope",
            "first_name": reporter.name,
            "email": f"bad-{reporter.phone}",
            "phone": [reporter.phone, reporter.phone],
            "last_name": wrong,
            "account_id": wrong,
        }
        response = post_request(CITY, form, report_id="R1", now=T0)
        assert response.status == 400
        for body in (response.json(), response.xml()):
            assert str(reporter.phone) not in body
            assert str(reporter.name) not in body
            assert "x" * 100 not in body

    @given(reporter=marked_reporters())
    def test_a_post_answer_shows_no_account(self, reporter: Reporter) -> None:
        """``account_id`` in the POST answer is null, whatever was sent."""
        form = {
            "service_code": "drainage",
            "address_string": "Jl. Pemuda",
            "description": "Banjir.",
            "first_name": reporter.name,
            "email": reporter.email,
            "account_id": reporter.account_id,
            "phone": reporter.phone,
        }
        response = post_request(CITY, form, report_id="R1", now=T0)
        assert response.status == 200
        assert response.data == [
            {
                "service_request_id": "R1",
                "service_notice": "Ditindaklanjuti dalam 5 hari kerja.",
                "account_id": None,
            }
        ]
        for value in attrs.astuple(reporter):
            assert value not in response.json() + response.xml()
        assert response.report is not None
        assert response.report.reporter is not None


HOSTILE_VALUES = st.one_of(
    st.just("9" * 5_000),
    st.just("x" * 10_000_000),
    st.just("1e999"),
    st.just("nan"),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.text(max_size=30),
)
FIELDS = st.sampled_from(
    [
        "service_code",
        "lat",
        "long",
        "description",
        "media_url",
        "address_string",
        "address_id",
        "attribute[depth]",
        "attribute[shape]",
        "attribute[sides][]",
        "service_request_id",
        "status",
        "start_date",
        "end_date",
        "api_key",
        "email",
    ]
)


class TestHostileInput:
    """Any form or query gives a 200 or a 4xx errors document, never an exception or an echo."""

    @given(
        pairs=st.lists(st.tuples(FIELDS, HOSTILE_VALUES), max_size=8),
    )
    def test_every_endpoint_answers(self, pairs: list[tuple[str, object]]) -> None:
        """Repeated keys, wrong types, huge numbers and 10 MB strings in any field."""
        base = post_request(
            CITY,
            {
                "service_code": "roads",
                "address_string": "Jl",
                "description": "x",
                "attribute[depth]": "3",
            },
            report_id="R0",
            now=T0,
        )
        assert base.report is not None
        reports = [base.report]
        later = T0 + dt.timedelta(hours=1)
        answers = [
            post_request(CITY, pairs, report_id="R1", now=later),
            post_request(CITY, pairs, report_id="R1", now=later, api_keys={"k"}),
            get_requests(CITY, reports, pairs, now=later),
            get_service_request_updates(CITY, reports, pairs, now=later),
            post_service_request_update(CITY, reports, pairs, now=later),
            get_services(CITY, pairs),
            get_service_definition(CITY, "roads", pairs),
        ]
        for answer in answers:
            assert answer.status in {200, 400, 403, 404}
            body = answer.json() + answer.xml()
            assert len(body) < 100_000
            assert "x" * 200 not in body
            assert "9" * 200 not in body
            if answer.status != 200:
                assert answer.root == "errors"
                assert answer.report is None

    def test_not_a_form_at_all(self) -> None:
        """A string, a number or pairs of three are refused with a 400."""
        for form in ("service_code=roads", 42, [("a", "b", "c")], [(1, "x")]):
            answer = post_request(CITY, form, report_id="R1", now=T0)  # type: ignore[arg-type]
            assert answer.status == 400

    def test_a_server_mistake_is_raised_not_answered(self) -> None:
        """A wrong city or a naive now is the server's bug: it raises, it is not a 400."""
        with pytest.raises(SmartCityError):
            get_requests("city", [], now=T0)  # type: ignore[arg-type]
        with pytest.raises(SmartCityError):
            get_requests(CITY, [], now=dt.datetime(2026, 1, 1))  # noqa: DTZ001
        with pytest.raises(SmartCityError):
            get_requests(CITY, ["report"], now=T0)  # type: ignore[list-item]


class TestStatusesOfErrors:
    """400 for bad input, 404 for an unknown service or request, 403 for a refused key."""

    def test_each_status(self) -> None:
        """One example of each."""
        assert get_service_definition(CITY, "graffiti").status == 404
        assert get_request(CITY, [], "R9", now=T0).status == 404
        form = {"service_code": "drainage", "address_string": "Jl", "description": "x"}
        assert post_request(CITY, form, report_id="R1", now=T0, api_keys={"k"}).status == 403
        assert (
            post_request(
                CITY, {**form, "api_key": "k"}, report_id="R1", now=T0, api_keys={"k"}
            ).status
            == 200
        )
        assert (
            post_request(CITY, {"service_code": "drainage"}, report_id="R1", now=T0).status == 400
        )
        update = post_service_request_update(CITY, [], {"service_request_id": "R9"}, now=T0)
        assert update.status == 404

    def test_the_errors_document(self) -> None:
        """``[{"code", "description"}]``, one item per problem, the key never shown."""
        answer = post_request(CITY, {"lat": "1"}, report_id="R1", now=T0)
        assert answer.root == "errors"
        assert [item["code"] for item in answer.data] == [400, 400, 400]  # type: ignore[index,union-attr]
        assert answer.data[0] == {  # type: ignore[index]
            "code": 400,
            "description": "service_code: missing; it is required (GET services lists the codes)",
        }
        refused = post_request(
            CITY, {"api_key": "s3cret-key"}, report_id="R1", now=T0, api_keys={"k"}
        )
        assert "s3cret" not in refused.json()

    def test_many_problems_are_cut(self) -> None:
        """At most MAX_ERRORS items; the last says how many more there were."""
        answer = error_response(ValidationError([f"p{n}" for n in range(50)]))
        assert len(answer.data) == 20  # type: ignore[arg-type]
        assert answer.data[-1]["description"] == "and 31 more problem(s)"  # type: ignore[index]


class TestDatetimes:
    """Answers write ``YYYY-MM-DDThh:mm:ss±hh:mm``, an offset with seconds rounded."""

    def test_an_offset_with_seconds_is_rounded_keeping_the_instant(self) -> None:
        """Jakarta's local mean time (+07:07:12) is written at +07:07, the instant kept."""
        lmt = dt.datetime(1900, 1, 1, 12, 0, 0, tzinfo=WIB)
        report = Report.submit("R1", category="roads", address="Jl", at=lmt)
        (item,) = get_request(CITY, [report], "R1", now=lmt).data  # type: ignore[misc]
        assert item["requested_datetime"] == "1900-01-01T11:59:48+07:07"
        assert dt.datetime.fromisoformat(item["requested_datetime"]) == lmt

    def test_a_closed_request_was_updated_when_it_closed(self) -> None:
        """A note after the closing does not move ``updated_datetime`` (GeoReport v2)."""
        report = Report.submit("R1", category="roads", address="Jl", at=T0)
        report = report.transition(ReportStatus.REJECTED, at=T0 + dt.timedelta(hours=1))
        report = report.add_note("Terima kasih.", at=T0 + dt.timedelta(days=3))
        (item,) = get_request(CITY, [report], "R1", now=report.updated_at).data  # type: ignore[misc]
        assert item["status"] == "closed"
        assert item["updated_datetime"] == "2026-03-02T09:15:00+07:00"
