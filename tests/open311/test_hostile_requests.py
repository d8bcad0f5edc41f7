"""Hostile Open311 input: a 400 answer (a library error), never a 500, and the body untouched.

A ``POST requests`` body is untrusted: any field may hold any JSON value (or a list of them,
as a form decoder gives). ``report_from_request`` either returns a report that survives the
JSON round trip, or raises a ``SmartCityError`` with a short message; the body is unchanged.
The publishing functions refuse arguments of the wrong type with the library's errors too.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_fixtures import POST_BODY

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidOptionError,
    InvalidReportError,
    NaiveDatetimeError,
    SmartCityError,
    ValidationError,
)
from smartcity.geo import GeoPoint
from smartcity.open311 import (
    extended_status,
    report_from_request,
    service_definition,
    service_list,
    service_request,
    service_request_updates,
)
from smartcity.reports import Report, is_final
from smartcity.samples import semarang
from smartcity.serialization import from_dict, to_dict

CITY = semarang()
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=ZoneInfo("Asia/Jakarta"))
FIELDS = sorted({*POST_BODY, "address_id", "lat", "long", "unknown"})
BIG = "9" * 1_000_000

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**400), float("nan"), float("inf"), decimal.Decimal("1e999")]),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["", " ", "-6.98", "1" * 400, "1e400", "nan", BIG, "x" * 5_000]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


class TestHostileRequests:
    """Whatever the body holds: a readable report, or a library error with a short message."""

    @given(changes=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=4))
    def test_only_library_errors_and_the_body_unchanged(self, changes):
        body = {**POST_BODY, **changes}
        before = copy.deepcopy(body)
        message, report = "", None
        try:
            report = report_from_request(body, report_id="R1", at=T0)
        except SmartCityError as error:
            message = str(error)
        assert len(message) <= 3_000
        assert repr(body) == repr(before)
        if report is not None:
            text = json.dumps(to_dict(report), allow_nan=False)
            assert from_dict(Report, json.loads(text)) == report

    @given(body=VALUES)
    def test_a_body_that_is_not_a_mapping(self, body):
        with pytest.raises(ValidationError):
            report_from_request(body, report_id="R1", at=T0)


class TestIssueCases:
    @pytest.mark.parametrize("lat", ["1" * 400, 10**400, "1e400", float("nan"), "nan"])
    def test_a_huge_or_undefined_latitude_is_a_validation_error(self, lat):
        """A 400-digit latitude raised OverflowError (a 500); it is a 400 now."""
        with pytest.raises(ValidationError) as caught:
            report_from_request({**POST_BODY, "lat": lat}, report_id="R1", at=T0)
        assert len(str(caught.value)) < 500

    @pytest.mark.parametrize("lat", [decimal.Decimal("37.76524078"), 37.76524078, "37.76524078"])
    def test_json_numbers_decimal_and_text_are_latitudes(self, lat):
        report = report_from_request({**POST_BODY, "lat": lat}, report_id="R1", at=T0)
        assert report.location == GeoPoint(37.76524078, -122.4212043)

    def test_a_huge_unknown_service_code_is_cut_in_the_message(self):
        with pytest.raises(ValidationError) as caught:
            report_from_request(
                {**POST_BODY, "service_code": "x" * 10_000_000}, report_id="R1", at=T0, city=CITY
            )
        assert len(str(caught.value)) < 500

    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"report_id": None}, InvalidArgumentError),
            ({"report_id": " "}, InvalidReportError),
            ({"at": None}, InvalidArgumentError),
            ({"at": dt.datetime(2026, 3, 2, 8, 15)}, NaiveDatetimeError),  # noqa: DTZ001
            (
                {"at": dt.datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/London"))},
                InvalidReportError,
            ),
            ({"city": "semarang"}, InvalidArgumentError),
        ],
    )
    def test_wrong_arguments(self, options, error):
        arguments = {"report_id": "R1", "at": T0, **options}
        with pytest.raises(error):
            report_from_request(POST_BODY, **arguments)


class TestPublishingRefusesWrongArguments:
    """service_request(None) raised AttributeError; every wrong argument is a library error."""

    @pytest.fixture
    def report(self):
        return report_from_request(
            {**POST_BODY, "service_code": "drainage"}, report_id="R1", at=T0, city=CITY
        )

    @pytest.mark.parametrize(
        "call",
        [
            lambda _report: service_request(None, CITY, now=T0),
            lambda report: service_request(report, None, now=T0),
            lambda report: service_request(report, CITY, now=None),
            lambda report: service_request(report, CITY, now="2026-03-02"),
            lambda report: service_request(report, CITY, now=T0, expected=5),
            lambda report: service_request(report, CITY, now=T0, policy="fast"),
            lambda _report: service_request_updates(None),
            lambda report: service_request_updates(report, since="yesterday"),
        ],
    )
    def test_wrong_types(self, report, call):
        with pytest.raises(InvalidArgumentError):
            call(report)

    @pytest.mark.parametrize("language", ["fr", None, "x" * 10_000_000])
    def test_a_language_outside_the_two_is_refused_briefly(self, report, language):
        with pytest.raises(InvalidOptionError) as caught:
            service_request(report, CITY, now=T0, language=language)
        assert len(str(caught.value)) < 500


class TestServicesAndStatusesRefuseWrongArguments:
    @pytest.mark.parametrize(
        "call",
        [
            lambda: service_list(None),
            lambda: service_list("semarang"),
            lambda: service_definition(None, "drainage"),
            lambda: service_definition(CITY, None),
            lambda: service_definition(CITY, 5),
            lambda: extended_status(None),  # type: ignore[arg-type]
            lambda: extended_status("verified"),  # type: ignore[arg-type]
            lambda: is_final("closed"),
        ],
    )
    def test_wrong_types(self, call):
        with pytest.raises(InvalidArgumentError):
            call()
