"""The endpoints on real clients' requests: POST bodies, queries, attributes, updates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_client_bodies import (
    ADAPTER_BAD_ATTRIBUTE,
    ADAPTER_EMPTY_OPTIONAL_LIST,
    ADAPTER_NO_REQUIRED_ATTRIBUTE,
    ADAPTER_POST,
    FIXMYSTREET_NOT_PINPOINTED,
    FIXMYSTREET_POST,
    FIXMYSTREET_UPDATE,
    FIXMYSTREET_UPDATE_STATES,
    MULTI_PHOTO_MEDIA_URLS,
)
from test_open311_wire import CITY, T0

from smartcity.exceptions import ValidationError
from smartcity.open311 import (
    EXTENDED_STATUSES,
    get_requests,
    get_service_definition,
    get_service_request_updates,
    get_services,
    post_request,
    post_service_request_update,
    report_from_request,
    select_requests,
    select_updates,
    update_from_request,
)
from smartcity.reports import EventKind, Report, ReportStatus

WIB = ZoneInfo("Asia/Jakarta")
DAY = dt.timedelta(days=1)


def with_code(form: object, code: str) -> list[tuple[str, object]]:
    """The form with its service code replaced by one of the sample city's."""
    pairs = list(form.items()) if isinstance(form, dict) else list(form)  # type: ignore[attr-defined]
    return [(key, code if key == "service_code" else value) for key, value in pairs]


class TestRealClientPosts:
    """POST bodies from FixMyStreet's and open311-adapter's test suites."""

    def test_fixmystreet_s_post(self) -> None:
        """Read; attribute[title], which the service does not define, is not kept."""
        report = report_from_request(
            with_code(FIXMYSTREET_POST, "drainage"), report_id="R1", at=T0, city=CITY
        )
        assert report.attributes == ()
        assert (report.location.lat, report.location.lon) == (1.0, 2.0)  # type: ignore[union-attr]
        assert report.description is not None
        assert report.description.startswith("title: a problem")
        assert report.reporter is not None
        assert report.reporter.name == "Test User"
        # roads asks a required depth, which FixMyStreet's fixture does not answer:
        with pytest.raises(ValidationError, match=r"attribute\[depth\]: missing"):
            report_from_request(
                with_code(FIXMYSTREET_POST, "roads"), report_id="R1", at=T0, city=CITY
            )

    def test_fixmystreet_s_not_pinpointed_post(self) -> None:
        """``#NOTPINPOINTED#`` is no address: the report then has no location, refused."""
        with pytest.raises(ValidationError) as refused:
            report_from_request(
                with_code(FIXMYSTREET_NOT_PINPOINTED, "drainage"), report_id="R1", at=T0
            )
        assert refused.value.errors == (
            "location: missing; give lat and long, or address_string, or address_id",
        )

    def test_a_multi_photo_post_keeps_every_photo(self) -> None:
        """``media_url`` repeated, as FixMyStreet sends several photos."""
        form = [
            ("service_code", "drainage"),
            ("address_string", "22 Acacia Avenue"),
            *(("media_url", url) for url in MULTI_PHOTO_MEDIA_URLS),
        ]
        report = report_from_request(form, report_id="R1", at=T0)
        assert report.media_urls == tuple(MULTI_PHOTO_MEDIA_URLS)
        assert report_from_request(
            dict([form[0], form[1], ("media_url", MULTI_PHOTO_MEDIA_URLS)]), report_id="R1", at=T0
        ).media_urls == tuple(MULTI_PHOTO_MEDIA_URLS)

    def test_open311_adapter_s_post_with_attributes(self) -> None:
        """depth and shape are read and kept; the adapter's other cases are refused or read."""
        form = with_code(ADAPTER_POST, "roads")
        response = post_request(CITY, [*form, ("description", "Lubang.")], report_id="R1", now=T0)
        assert response.status == 200
        assert response.report is not None
        assert response.report.attributes == (("depth", ("100",)), ("shape", ("triangle",)))
        # The adapter's service asks no description: neither does this city.
        relaxed = attrs.evolve(CITY, require_description=False)
        with pytest.raises(ValidationError) as bad:
            report_from_request(
                with_code(ADAPTER_BAD_ATTRIBUTE, "roads"), report_id="R1", at=T0, city=relaxed
            )
        assert (
            "attribute[shape]: 'starfish' is not one of its keys (circle, square, triangle)"
            in bad.value.errors
        )
        with pytest.raises(ValidationError) as missing:
            report_from_request(
                with_code(ADAPTER_NO_REQUIRED_ATTRIBUTE, "roads"),
                report_id="R1",
                at=T0,
                city=relaxed,
            )
        assert missing.value.errors[0].startswith("attribute[depth]: missing; it is required")
        empty = report_from_request(
            with_code(ADAPTER_EMPTY_OPTIONAL_LIST, "roads"), report_id="R1", at=T0, city=relaxed
        )
        assert empty.attributes == (("depth", ("100",)),)


class TestAttributes:
    """``attribute[code]`` and ``attribute[code][]`` checked against the definition."""

    BASE = (("service_code", "roads"), ("address_string", "Jl"), ("description", "x"))

    def read(self, *pairs: tuple[str, str]) -> Report:
        return report_from_request([*self.BASE, *pairs], report_id="R1", at=T0, city=CITY)

    def test_answers_are_kept_sorted_and_published(self) -> None:
        """Kept on the report, and shown in its public view."""
        report = self.read(
            ("attribute[sides][]", "right"),
            ("attribute[sides][]", "left"),
            ("attribute[depth]", "12.5"),
            ("attribute[shape]", "circle"),
        )
        assert report.attributes == (
            ("depth", ("12.5",)),
            ("shape", ("circle",)),
            ("sides", ("right", "left")),
        )
        request = get_requests(CITY, [CITY.intake(report, at=T0)], now=T0).data[0]  # type: ignore[index]
        assert request["attributes"] == [
            {"code": "depth", "values": ["12.5"]},
            {"code": "shape", "values": ["circle"]},
            {"code": "sides", "values": ["right", "left"]},
        ]

    @pytest.mark.parametrize(
        ("pairs", "problem"),
        [
            ((("attribute[depth]", "deep"),), "attribute[depth]: expected a number, got 'deep'"),
            ((("attribute[depth]", "1e999"),), "attribute[depth]: expected a number"),
            (
                (("attribute[depth]", "1"), ("attribute[depth]", "2")),
                "attribute[depth]: given 2 times; a number takes one value",
            ),
            (
                (("attribute[depth]", "1"), ("attribute[sides][]", "up")),
                "attribute[sides]: 'up' is not one of its keys (left, right)",
            ),
            (
                (
                    ("attribute[depth]", "1"),
                    ("attribute[sides][]", "left"),
                    ("attribute[sides]", "left"),
                ),
                "attribute[sides]: a key is given twice; give each once",
            ),
        ],
    )
    def test_wrong_answers(self, pairs: tuple[tuple[str, str], ...], problem: str) -> None:
        """Each rule of the datatypes."""
        with pytest.raises(ValidationError) as refused:
            self.read(*pairs)
        assert any(line.startswith(problem) for line in refused.value.errors), refused.value.errors

    def test_the_definition_and_the_list(self) -> None:
        """metadata is true exactly for roads; its definition lists the three attributes."""
        services = get_services(CITY).data
        assert [s["service_code"] for s in services if s["metadata"]] == ["roads"]  # type: ignore[index,union-attr]
        definition = get_service_definition(CITY, "roads").data
        assert definition["attributes"][1] == {  # type: ignore[index]
            "variable": True,
            "code": "shape",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": None,
            "order": 2,
            "description": "Bentuk lubang",
            "values": [
                {"key": "circle", "name": "Bulat"},
                {"key": "square", "name": "Persegi"},
                {"key": "triangle", "name": "Segitiga"},
            ],
        }


class TestDescription:
    """Optional in Open311; required by a city that says so (the sample Semarang does)."""

    FORM = (("service_code", "drainage"), ("address_string", "Jl"))

    def test_semarang_requires_it(self) -> None:
        """Refused at Semarang's door."""
        with pytest.raises(ValidationError) as refused:
            report_from_request(self.FORM, report_id="R1", at=T0, city=CITY)
        assert refused.value.errors == (
            "description: missing; describe the problem (up to 4,000 characters)",
        )

    def test_another_city_may_not(self) -> None:
        """A city without the rule, or no city at all, takes a report without words."""
        relaxed = attrs.evolve(CITY, require_description=False)
        assert (
            report_from_request(self.FORM, report_id="R1", at=T0, city=relaxed).description is None
        )
        assert report_from_request(self.FORM, report_id="R1", at=T0).description is None


def stream_of(count: int) -> list[Report]:
    """``count`` reports, one a day from T0, each taken in and two of them resolved."""
    reports = []
    for n in range(count):
        at = T0 + n * DAY
        report = Report.submit(
            f"R{n}", category="drainage" if n % 2 else "roads", address="Jl", at=at
        )
        report = CITY.intake(report, at=at)
        if n % 3 == 0:
            report = report.transition(ReportStatus.RESOLVED, at=at + dt.timedelta(hours=2))
        reports.append(report)
    return reports


class TestGetRequestsQuery:
    """The specification's query rules, exactly."""

    REPORTS = stream_of(10)
    NOW = T0 + 20 * DAY

    def ids(self, query: object, **options: object) -> list[str]:
        return [r.report_id for r in select_requests(self.REPORTS, query, now=self.NOW, **options)]  # type: ignore[arg-type]

    def test_ids_override_every_other_filter(self) -> None:
        """In the order asked; unknown ids left out."""
        query = {"service_request_id": "R3,R1,R99,R3", "service_code": "nothing", "status": "open"}
        assert self.ids(query) == ["R3", "R1"]

    def test_codes_and_statuses_are_comma_lists(self) -> None:
        """``service_code`` and ``status`` filter together."""
        assert self.ids({"service_code": "drainage"}) == ["R1", "R3", "R5", "R7", "R9"]
        assert self.ids({"service_code": "drainage,roads", "status": "closed"}) == [
            "R0",
            "R3",
            "R6",
            "R9",
        ]
        assert self.ids([("status", "open"), ("status", "closed")]) == self.ids({})

    def test_dates_bound_the_request_time(self) -> None:
        """Both ends included; only one end: 90 days from or to it."""
        start, end = (T0 + 2 * DAY).isoformat(), (T0 + 4 * DAY).isoformat()
        assert self.ids({"start_date": start, "end_date": end}) == ["R2", "R3", "R4"]
        assert self.ids({"start_date": start})[:1] == ["R2"]
        assert self.ids({"end_date": "2026-03-03T08:15:00+07:00"}) == ["R0", "R1"]

    def test_the_default_is_the_last_90_days(self) -> None:
        """Reports older than 90 days before now are left out."""
        assert select_requests(self.REPORTS, now=T0 + 92 * DAY) == tuple(self.REPORTS[2:])

    def test_at_most_max_results_oldest_first(self) -> None:
        """1,000 by default, configurable."""
        assert self.ids({}, max_results=3) == ["R0", "R1", "R2"]

    @pytest.mark.parametrize(
        ("query", "problem"),
        [
            ({"start_date": "2026-03-02"}, "start_date: '2026-03-02' is not a W3C datetime"),
            ({"end_date": "yesterday"}, "end_date: 'yesterday' is not a W3C datetime"),
            (
                {"start_date": "2026-03-02T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
                "end_date: before start_date",
            ),
            (
                {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
                "end_date: 151 days after start_date",
            ),
            ({"status": "pending"}, "status: 'pending' is not open or closed"),
        ],
    )
    def test_invalid_queries(self, query: dict[str, str], problem: str) -> None:
        """Refused; the endpoint answers 400 with the errors document."""
        with pytest.raises(ValidationError) as refused:
            select_requests(self.REPORTS, query, now=self.NOW)
        assert refused.value.errors[0].startswith(problem)
        answer = get_requests(CITY, self.REPORTS, query, now=self.NOW)
        assert answer.status == 400
        assert answer.data[0]["description"].startswith(problem)  # type: ignore[index]

    @given(data=st.data())
    def test_a_window_selects_exactly_the_requests_in_it(self, data: st.DataObject) -> None:
        """Any window within 90 days: the requests inside it, in time order."""
        start = data.draw(st.integers(-2, 12))
        length = data.draw(st.integers(0, 90))
        low, high = T0 + start * DAY, T0 + (start + length) * DAY
        got = select_requests(
            self.REPORTS,
            {"start_date": low.isoformat(), "end_date": high.isoformat()},
            now=self.NOW,
        )
        assert list(got) == [r for r in self.REPORTS if low <= r.submitted_at <= high]


class TestUpdateStream:
    """One stream across all reports for a window, as FixMyStreet polls it."""

    REPORTS = stream_of(4)

    def test_the_window_covers_every_report(self) -> None:
        """Updates of all reports, oldest first, each state one FixMyStreet knows."""
        updates = select_updates(
            self.REPORTS,
            {"start_date": T0.isoformat(), "end_date": (T0 + DAY).isoformat()},
            now=T0 + 10 * DAY,
        )
        assert [u["update_id"] for u in updates] == ["R0-2", "R0-3", "R0-4", "R1-2", "R1-3"]
        assert {u["status"] for u in updates} <= FIXMYSTREET_UPDATE_STATES
        assert [u["status"] for u in updates][:3] == ["INVESTIGATING", "ACTION_SCHEDULED", "FIXED"]
        assert set(EXTENDED_STATUSES) <= FIXMYSTREET_UPDATE_STATES

    def test_the_endpoint_answers_it(self) -> None:
        """Root service_request_updates; a bad window is a 400."""
        answer = get_service_request_updates(CITY, self.REPORTS, now=T0 + 10 * DAY)
        assert answer.status == 200
        assert answer.root == "service_request_updates"
        assert len(answer.data) == 10  # type: ignore[arg-type]
        assert (
            get_service_request_updates(CITY, self.REPORTS, {"end_date": "x"}, now=T0).status == 400
        )


class TestPostUpdates:
    """A citizen's comment or reopen, as FixMyStreet POSTs it."""

    def resolved(self) -> Report:
        report = Report.submit("81", category="roads", address="Jl", at=T0)
        report = CITY.intake(report, at=T0)
        return report.transition(ReportStatus.RESOLVED, at=T0 + DAY)

    def test_open_reopens_a_resolved_report(self) -> None:
        """FixMyStreet's fixture: status OPEN with a comment; the personal fields are not kept."""
        report = self.resolved()
        later = update_from_request(report, FIXMYSTREET_UPDATE, at=T0 + 2 * DAY)
        event = later.history[-1]
        assert later.status is ReportStatus.IN_PROGRESS
        assert (event.note, event.actor) == ("this is a comment", "citizen (Open311)")
        assert "test@example.com" not in repr(later.history[1:])

    def test_a_comment_on_an_open_report_is_a_note(self) -> None:
        """Nothing to reopen: the comment is kept as a note; the answer names its update."""
        report = CITY.intake(Report.submit("81", category="roads", address="Jl", at=T0), at=T0)
        answer = post_service_request_update(CITY, [report], FIXMYSTREET_UPDATE, now=T0 + DAY)
        assert answer.status == 200
        assert answer.data == [{"update_id": "81-4"}]
        assert answer.report is not None
        assert answer.report.history[-1].kind is EventKind.NOTED

    def test_refusals(self) -> None:
        """No comment and nothing to reopen; another request's id; an unknown request."""
        report = self.resolved().transition(ReportStatus.CLOSED, at=T0 + 2 * DAY)
        with pytest.raises(ValidationError, match="description: missing"):
            update_from_request(
                report, {"service_request_id": "81", "status": "OPEN"}, at=T0 + 3 * DAY
            )
        with pytest.raises(ValidationError, match="is not the request updated"):
            update_from_request(
                report, {"service_request_id": "82", "description": "x"}, at=T0 + 3 * DAY
            )
        form = [*FIXMYSTREET_UPDATE[:3], ("service_request_id", "99")]
        assert post_service_request_update(CITY, [report], form, now=T0 + 3 * DAY).status == 404
