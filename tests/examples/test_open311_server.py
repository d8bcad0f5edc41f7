"""The reference Open311 server, started on 127.0.0.1 and spoken to over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import attrs
import httpx
import pytest
from examples.open311_server.app import DESK_ACTOR, MAX_BODY, create_app
from examples.open311_server.store import ReportStore
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.serving import BaseWSGIServer, make_server

from smartcity.desk import City
from smartcity.reports import ReportStatus
from smartcity.routing import (
    AttributeDatatype,
    AttributeOption,
    Router,
    ServiceAttribute,
)
from smartcity.samples import semarang
from smartcity.testing import histories

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, 15, tzinfo=WIB)  # a Monday morning
KEY = "kunci-rahasia"
TIMEOUT = 10.0
PERSONAL = ("Budi", "Santoso", "6281234567890", "budi@example.id")


def _with_road_attributes(city: City) -> City:
    depth = ServiceAttribute(
        "depth",
        datatype=AttributeDatatype.NUMBER,
        description="Kedalaman (cm)",
        required=True,
        order=1,
    )
    shape = ServiceAttribute(
        "shape",
        datatype=AttributeDatatype.SINGLEVALUELIST,
        description="Bentuk lubang",
        order=2,
        values=[AttributeOption("round", "Bulat"), AttributeOption("long", "Memanjang")],
    )
    categories = [
        attrs.evolve(c, attributes=[depth, shape]) if c.code == "roads" else c
        for c in city.categories.values()
    ]
    router = Router.build(
        (*city.router.rules, *city.router.skipped),
        agencies=city.agencies.values(),
        categories=categories,
        triage=city.router.triage,
        outside_referral=city.router.outside_referral,
    )
    return attrs.evolve(city, router=router)


CITY = _with_road_attributes(semarang())


class Clock:
    """A clock the tests move by hand; the server reads it once per request."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@attrs.frozen
class Running:
    client: httpx.Client
    clock: Clock
    store: ReportStore
    url: str


def _serve(store: ReportStore, clock: Clock, api_keys: frozenset[str] | None) -> Iterator[Running]:
    app = create_app(city=CITY, store=store, clock=clock, api_keys=api_keys)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.port}"
    # trust_env=False: no proxy from the environment comes between the test and loopback.
    client = httpx.Client(base_url=url, timeout=TIMEOUT, trust_env=False)
    try:
        yield Running(client, clock, store, url)
    finally:
        client.close()
        server.shutdown()
        thread.join(timeout=TIMEOUT)
        server.server_close()
        store.close()
    assert not thread.is_alive()


@pytest.fixture
def server() -> Iterator[Running]:
    """A server with the key KEY, an empty database and the clock at T0."""
    yield from _serve(ReportStore(), Clock(T0), frozenset({KEY}))


@pytest.fixture(scope="module")
def shared_server() -> Iterator[Running]:
    """One server for a whole property test (Hypothesis runs many examples on it)."""
    yield from _serve(ReportStore(), Clock(T0), frozenset({KEY}))


@pytest.fixture
def open_server() -> Iterator[Running]:
    """A server configured with no keys: POSTs need none, the desk actions are closed."""
    yield from _serve(ReportStore(), Clock(T0), None)


def xml_items(text: str, root: str, item: str) -> list[ET.Element]:
    tree = ET.fromstring(text)  # noqa: S314 - the server under test wrote it
    assert tree.tag == root
    assert all(child.tag == item for child in tree)
    return list(tree)


def drainage(**extra: str) -> list[tuple[str, str]]:
    """A form as FixMyStreet sends it: two photos, the reporter, one attribute of its own."""
    return [
        ("api_key", KEY),
        ("service_code", "drainage"),
        ("lat", "-6.9839"),
        ("long", "110.4103"),
        ("description", "Saluran tersumbat sampah, air meluap ke jalan."),
        ("media_url", "https://foto.example.id/1.jpg"),
        ("media_url", "https://foto.example.id/2.jpg"),
        ("first_name", "Budi"),
        ("last_name", "Santoso"),
        ("phone", "+6281234567890"),
        ("email", "budi@example.id"),
        ("attribute[report_url]", "https://fixmystreet.example/report/1"),
        *extra.items(),
    ]


def send(running: Running, path: str, form: list[tuple[str, str]]) -> httpx.Response:
    """POST a form, url-encoded in the order given (repeated names kept), as FixMyStreet does."""
    return running.client.post(
        path,
        content=urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def desk(running: Running, request_id: str, status: str, **extra: str) -> httpx.Response:
    form = [("api_key", KEY), ("status", status), *extra.items()]
    return send(running, f"/admin/transition/{request_id}.json", form)


def created(running: Running, form: list[tuple[str, str]] | None = None) -> str:
    answer = send(running, "/requests.json", drainage() if form is None else form)
    assert answer.status_code == 200, answer.text
    return str(answer.json()[0]["service_request_id"])


class TestDiscoveryAndServices:
    """The read-only documents, in both formats, with the specification's element names."""

    def test_discovery_names_this_server_and_both_formats(self, server: Running) -> None:
        answer = server.client.get("/discovery.json")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json; charset=utf-8"
        endpoint = answer.json()["endpoints"][0]
        assert endpoint["url"] == server.url
        assert endpoint["formats"] == ["text/xml", "application/json"]
        xml = server.client.get("/discovery.xml")
        assert xml.headers["content-type"] == "text/xml; charset=utf-8"
        assert ET.fromstring(xml.text).tag == "discovery"  # noqa: S314 - our own output

    def test_services_list_every_category_in_json_and_xml(self, server: Running) -> None:
        codes = [service["service_code"] for service in server.client.get("/services.json").json()]
        assert codes == sorted(CITY.categories)
        items = xml_items(server.client.get("/services.xml").text, "services", "service")
        assert [item.findtext("service_code") for item in items] == codes
        roads = next(item for item in items if item.findtext("service_code") == "roads")
        assert roads.findtext("metadata") == "true"

    def test_a_service_definition_lists_its_attributes(self, server: Running) -> None:
        definition = server.client.get("/services/roads.json").json()
        assert [a["code"] for a in definition["attributes"]] == ["depth", "shape"]
        tree = ET.fromstring(server.client.get("/services/roads.xml").text)  # noqa: S314
        assert tree.tag == "service_definition"
        values = tree.findall("attributes/attribute/values/value/key")
        assert [value.text for value in values] == ["round", "long"]

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_an_unknown_service_is_404_with_the_errors_document(
        self, server: Running, fmt: str
    ) -> None:
        answer = server.client.get(f"/services/graffiti.{fmt}")
        assert answer.status_code == 404
        if fmt == "json":
            assert answer.json()[0]["code"] == 404
        else:
            (error,) = xml_items(answer.text, "errors", "error")
            assert error.findtext("code") == "404"
            assert "graffiti" in (error.findtext("description") or "")


class TestPostRequests:
    """POST requests takes a FixMyStreet form in, stores the report, answers its id."""

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_the_answer_carries_the_new_id_and_the_notice(self, server: Running, fmt: str) -> None:
        answer = send(server, f"/requests.{fmt}", drainage())
        assert answer.status_code == 200
        if fmt == "json":
            (item,) = answer.json()
            request_id, notice = item["service_request_id"], item["service_notice"]
            assert item["account_id"] is None
        else:
            (request,) = xml_items(answer.text, "service_requests", "request")
            request_id = request.findtext("service_request_id")
            notice = request.findtext("service_notice")
        assert request_id == "SMG-000001"
        assert notice == "Ditindaklanjuti dalam 5 hari kerja."

    def test_every_photo_is_kept_and_the_report_taken_in(self, server: Running) -> None:
        report = server.store.get(created(server))
        assert report is not None
        assert report.media_urls == (
            "https://foto.example.id/1.jpg",
            "https://foto.example.id/2.jpg",
        )
        assert report.status is ReportStatus.ASSIGNED
        assert report.submitted_at == T0

    def test_ids_follow_each_other(self, server: Running) -> None:
        assert [created(server) for _ in range(3)] == ["SMG-000001", "SMG-000002", "SMG-000003"]

    def test_attributes_are_read_checked_and_published(self, server: Running) -> None:
        form = [
            ("api_key", KEY),
            ("service_code", "roads"),
            ("address_string", "Jl. Pemuda 1"),
            ("description", "Lubang besar."),
            ("attribute[depth]", "15"),
            ("attribute[shape]", "round"),
            ("attribute[title]", "FixMyStreet's own field, not the category's"),
        ]
        request_id = created(server, form)
        (published,) = server.client.get(f"/requests/{request_id}.json").json()
        assert published["attributes"] == [
            {"code": "depth", "values": ["15"]},
            {"code": "shape", "values": ["round"]},
        ]
        refused = send(server, "/requests.json", [*form[:4], ("attribute[shape]", "square")])
        assert refused.status_code == 400
        descriptions = " ".join(error["description"] for error in refused.json())
        assert "depth" in descriptions
        assert "shape" in descriptions

    def test_not_pinpointed_means_no_address(self, server: Running) -> None:
        form = [*drainage(), ("address_id", "#NOTPINPOINTED#")]
        (published,) = server.client.get(f"/requests/{created(server, form)}.json").json()
        assert published["address"] is None
        alone = [
            ("api_key", KEY),
            ("service_code", "drainage"),
            ("description", "detail"),
            ("address_id", "#NOTPINPOINTED#"),
        ]
        refused = send(server, "/requests.xml", alone)
        assert refused.status_code == 400
        (error,) = xml_items(refused.text, "errors", "error")
        assert (error.findtext("description") or "").startswith("location: missing")

    @pytest.mark.parametrize(
        "key",
        [[], [("api_key", "salah")], [("api_key", KEY), ("api_key", KEY)]],
        ids=["missing", "wrong", "repeated"],
    )
    def test_a_key_not_accepted_is_403_and_nothing_is_stored(
        self, server: Running, key: list[tuple[str, str]]
    ) -> None:
        form = [pair for pair in drainage() if pair[0] != "api_key"] + key
        answer = send(server, "/requests.xml", form)
        assert answer.status_code == 403
        (error,) = xml_items(answer.text, "errors", "error")
        assert error.findtext("code") == "403"
        assert KEY not in answer.text
        assert server.store.all() == []

    def test_without_configured_keys_a_post_needs_none(self, open_server: Running) -> None:
        form = [pair for pair in drainage() if pair[0] != "api_key"]
        assert created(open_server, form) == "SMG-000001"

    def test_a_refusal_is_400_echoes_no_personal_field_and_stores_nothing(
        self, server: Running
    ) -> None:
        form = [pair for pair in drainage() if pair[0] != "lat"] + [("phone", "+6289999")]
        answer = send(server, "/requests.json", form)
        assert answer.status_code == 400
        assert all(error["code"] == 400 for error in answer.json())
        assert not any(mark in answer.text for mark in (*PERSONAL, "6289999"))
        assert server.store.all() == []

    def test_a_body_too_large_is_413_with_the_errors_document(self, server: Running) -> None:
        answer = send(server, "/requests.json", [("description", "x" * (MAX_BODY + 1))])
        assert answer.status_code == 413
        assert answer.json()[0]["code"] == 413


class TestGetRequests:
    """GET requests answers the query the library reads; GET requests/{id} one request."""

    def test_the_query_filters_by_service_status_and_id(self, server: Running) -> None:
        first = created(server)
        server.clock.advance(hours=1)
        roads = [
            ("api_key", KEY),
            ("service_code", "roads"),
            ("address_string", "Jl. Pemuda"),
            ("description", "Berlubang."),
            ("attribute[depth]", "10"),
        ]
        second = created(server, roads)
        server.clock.advance(hours=1)
        assert desk(server, first, "in_progress").status_code == 200
        assert desk(server, first, "resolved").status_code == 200

        def ids(query: dict[str, str], fmt: str = "json") -> list[str | None]:
            answer = server.client.get(f"/requests.{fmt}", params=query)
            assert answer.status_code == 200, answer.text
            if fmt == "xml":
                items = xml_items(answer.text, "service_requests", "request")
                return [item.findtext("service_request_id") for item in items]
            return [item["service_request_id"] for item in answer.json()]

        assert ids({}) == [first, second]
        assert ids({}, "xml") == [first, second]
        assert ids({"service_code": "roads,fire"}) == [second]
        assert ids({"status": "closed"}, "xml") == [first]
        # The id list overrides the other filters, and answers in the order asked.
        asked = {"service_request_id": f"{second},{first}", "status": "closed"}
        assert ids(asked) == [second, first]
        window = {
            "start_date": "2026-03-02T09:00:00+07:00",
            "end_date": "2026-03-02T10:00:00+07:00",
        }
        assert ids(window) == [second]

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_an_invalid_query_is_400(self, server: Running, fmt: str) -> None:
        query = {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-06-01T00:00:00+07:00"}
        answer = server.client.get(f"/requests.{fmt}", params=query)
        assert answer.status_code == 400
        assert "90 days" in answer.text

    def test_one_request_in_both_formats_without_its_reporter(self, server: Running) -> None:
        request_id = created(server)
        answer = server.client.get(f"/requests/{request_id}.json")
        (published,) = answer.json()
        assert published["status"] == "open"
        assert published["media_url"] == "https://foto.example.id/1.jpg"
        assert published["requested_datetime"] == "2026-03-02T08:15:00+07:00"
        (request,) = xml_items(
            server.client.get(f"/requests/{request_id}.xml").text, "service_requests", "request"
        )
        assert request.findtext("service_code") == "drainage"
        assert request.findtext("expected_datetime") == published["expected_datetime"]
        everything = answer.text + server.client.get("/requests.xml").text
        assert not any(mark in everything for mark in PERSONAL)

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_an_unknown_request_is_404(self, server: Running, fmt: str) -> None:
        answer = server.client.get(f"/requests/SMG-404.{fmt}")
        assert answer.status_code == 404
        assert "SMG-404" in answer.text


class TestServiceRequestUpdates:
    """The update stream, and a citizen's update, as FixMyStreet reads and sends them."""

    def test_the_round_trip_shows_the_extended_status_and_the_city_s_code(
        self, server: Running
    ) -> None:
        request_id = created(server)
        (published,) = server.client.get(f"/requests/{request_id}.json").json()
        assert published["status"] == "open"
        server.clock.advance(days=1)
        assert desk(server, request_id, "in_progress").status_code == 200
        server.clock.advance(hours=3)
        done = desk(server, request_id, "resolved", note="Saluran dibersihkan.")
        assert done.status_code == 200
        assert done.json()[0]["status"] == "closed"
        window = {
            "start_date": "2026-03-03T00:00:00+07:00",
            "end_date": "2026-03-04T00:00:00+07:00",
        }
        stream = server.client.get("/servicerequestupdates.json", params=window).json()
        assert [(u["status"], u["external_status_code"], u["description"]) for u in stream] == [
            ("IN_PROGRESS", "in_progress", "Sedang ditindaklanjuti"),
            ("FIXED", "resolved", "Saluran dibersihkan."),
        ]
        assert all(re.fullmatch(r"[\w-]+", u["update_id"]) for u in stream)
        assert all(u["media_url"] == "" for u in stream)
        xml = server.client.get("/servicerequestupdates.xml", params=window).text
        items = xml_items(xml, "service_request_updates", "request_update")
        assert [item.findtext("status") for item in items] == ["IN_PROGRESS", "FIXED"]
        assert [item.findtext("update_id") for item in items] == [u["update_id"] for u in stream]

    def test_the_stream_runs_across_every_report(self, server: Running) -> None:
        first = created(server)
        server.clock.advance(minutes=5)
        second = created(server)
        stream = server.client.get("/servicerequestupdates.json").json()
        assert {update["service_request_id"] for update in stream} == {first, second}

    @pytest.mark.parametrize("fmt", ["json", "xml"])
    def test_a_bad_window_is_400(self, server: Running, fmt: str) -> None:
        answer = server.client.get(
            f"/servicerequestupdates.{fmt}", params={"start_date": "kemarin"}
        )
        assert answer.status_code == 400
        assert "start_date" in answer.text

    def test_a_citizen_reopens_a_resolved_report(self, server: Running) -> None:
        request_id = created(server)
        server.clock.advance(days=1)
        desk(server, request_id, "in_progress")
        desk(server, request_id, "resolved")
        server.clock.advance(days=2)
        form = [
            ("api_key", KEY),
            ("service_request_id", request_id),
            ("status", "OPEN"),
            ("description", "Masih banjir."),
            ("email", "budi@example.id"),
        ]
        answer = send(server, "/servicerequestupdates.xml", form)
        assert answer.status_code == 200, answer.text
        (update,) = xml_items(answer.text, "service_request_updates", "request_update")
        update_id = update.findtext("update_id")
        report = server.store.get(request_id)
        assert report is not None
        assert report.status is ReportStatus.IN_PROGRESS
        stream = server.client.get("/servicerequestupdates.json").json()
        assert update_id in [u["update_id"] for u in stream]
        assert "budi@example.id" not in json.dumps(stream)

    def test_a_comment_is_kept_as_a_note(self, server: Running) -> None:
        request_id = created(server)
        server.clock.advance(hours=2)
        form = [("api_key", KEY), ("service_request_id", request_id), ("description", "Tolong.")]
        assert send(server, "/servicerequestupdates.json", form).status_code == 200
        report = server.store.get(request_id)
        assert report is not None
        assert report.history[-1].note == "Tolong."
        assert report.status is ReportStatus.ASSIGNED

    @pytest.mark.parametrize(
        ("form", "status"),
        [
            ([("api_key", KEY), ("service_request_id", "SMG-404"), ("description", "?")], 404),
            ([("api_key", KEY), ("description", "no id")], 400),
            ([("service_request_id", "SMG-000001"), ("description", "no key")], 403),
        ],
        ids=["unknown-request", "no-id", "no-key"],
    )
    def test_a_bad_update_gets_the_errors_document(
        self, server: Running, form: list[tuple[str, str]], status: int
    ) -> None:
        created(server)
        server.clock.advance(hours=1)
        answer = send(server, "/servicerequestupdates.json", form)
        assert answer.status_code == status
        assert [error["code"] for error in answer.json()] == [status]


class TestDeskActions:
    """/admin/transition moves a report on, guarded by the API key."""

    def test_the_desk_s_change_is_written_by_the_desk(self, server: Running) -> None:
        request_id = created(server)
        server.clock.advance(hours=1)
        answer = desk(server, request_id, "in_progress", note="Tim berangkat.")
        assert answer.status_code == 200
        assert answer.json()[0]["status_notes"] == "Tim berangkat."
        report = server.store.get(request_id)
        assert report is not None
        assert report.history[-1].actor == DESK_ACTOR

    @pytest.mark.parametrize(
        ("status", "code"),
        [("terbang", 400), ("closed", 400), ("assigned", 400)],
        ids=["unknown-status", "not-allowed-now", "needs-an-agency"],
    )
    def test_a_refused_change_is_400_and_changes_nothing(
        self, server: Running, status: str, code: int
    ) -> None:
        request_id = created(server)
        before = server.store.get(request_id)
        answer = desk(server, request_id, status)
        assert answer.status_code == code
        assert answer.json()[0]["code"] == code
        assert server.store.get(request_id) == before

    def test_an_unknown_report_is_404(self, server: Running) -> None:
        assert desk(server, "SMG-404", "in_progress").status_code == 404

    def test_without_the_key_it_is_403(self, server: Running) -> None:
        request_id = created(server)
        form = [("status", "in_progress")]
        answer = send(server, f"/admin/transition/{request_id}.xml", form)
        assert answer.status_code == 403
        (error,) = xml_items(answer.text, "errors", "error")
        assert error.findtext("code") == "403"

    def test_a_server_with_no_keys_keeps_the_desk_closed(self, open_server: Running) -> None:
        request_id = created(open_server)
        answer = send(
            open_server,
            f"/admin/transition/{request_id}.json",
            [("status", "in_progress"), ("api_key", "")],
        )
        assert answer.status_code == 403


class TestHttpRefusals:
    """What HTTP itself refuses is answered with the errors document too."""

    @pytest.mark.parametrize(
        ("method", "path", "code", "fmt"),
        [
            ("GET", "/services.txt", 404, "json"),
            ("GET", "/services", 404, "json"),
            ("GET", "/nothing.xml", 404, "xml"),
            ("DELETE", "/requests.json", 405, "json"),
            ("GET", "/admin/transition/SMG-000001.xml", 405, "xml"),
        ],
    )
    def test_no_route_or_method_gets_the_errors_document(
        self, server: Running, method: str, path: str, code: int, fmt: str
    ) -> None:
        answer = server.client.request(method, path)
        assert answer.status_code == code
        if fmt == "json":
            assert answer.json()[0]["code"] == code
        else:
            (error,) = xml_items(answer.text, "errors", "error")
            assert error.findtext("code") == str(code)


FIELDS = st.sampled_from(
    [
        "service_code",
        "lat",
        "long",
        "address_string",
        "address_id",
        "description",
        "media_url",
        "attribute[depth]",
        "attribute[shape][]",
        "phone",
        "email",
        "service_request_id",
        "status",
        "start_date",
        "end_date",
        "api_key",
    ]
)
VALUES = st.sampled_from(["", KEY, "drainage", "roads", "-6.98", "110.41", "1e400", "NaN"]) | (
    st.text(max_size=50)
)


class TestHostileInput:
    """Whatever a client sends, the answer is 200 or a 4xx errors document, never a 500."""

    @pytest.mark.parametrize(
        ("path", "body"),
        [
            ("/requests.json", b"lat=1" + b"0" * 400 + b"&long=110&service_code=drainage"),
            ("/requests.json", b"service_code=drainage&lat=NaN&long=inf&api_key=" + KEY.encode()),
            ("/requests.json", b"service_code=%ff%fe&description=%C3%28&address_string=%zz"),
            ("/requests.json", b"service_code=drainage&service_code=roads&phone=1&phone=2"),
            ("/servicerequestupdates.json", b"service_request_id=" + b"x" * 100_000),
            ("/admin/transition/SMG-1.json", b"status=resolved&status=closed&api_key=x"),
        ],
    )
    def test_a_hostile_form_is_a_4xx_errors_document(
        self, server: Running, path: str, body: bytes
    ) -> None:
        answer = server.client.post(
            path, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert 400 <= answer.status_code < 500
        assert len(answer.text) < 5_000
        assert all(error["code"] == answer.status_code for error in answer.json())

    @pytest.mark.parametrize(
        "query",
        [
            "start_date=2026-13-45T99:00:00Z",
            "start_date=" + "9" * 500,
            "service_request_id=" + ",".join(["a"] * 2_000),
            "status=open&status=closed",
            "%ff=%fe",
        ],
    )
    def test_a_hostile_query_is_answered_without_a_server_error(
        self, server: Running, query: str
    ) -> None:
        for path in ("/requests.xml", "/servicerequestupdates.xml"):
            answer = server.client.get(f"{path}?{query}")
            tree = ET.fromstring(answer.text)  # noqa: S314 - the server under test wrote it
            if answer.status_code != 200:
                assert 400 <= answer.status_code < 500
                assert [e.findtext("code") for e in tree] == [str(answer.status_code)] * len(tree)

    @settings(max_examples=25, deadline=None)
    @given(
        form=st.lists(st.tuples(FIELDS, VALUES), max_size=12),
        path=st.sampled_from(
            ["/requests.json", "/servicerequestupdates.json", "/admin/transition/SMG-000001.json"]
        ),
    )
    def test_any_form_is_answered_without_a_server_error(
        self, shared_server: Running, form: list[tuple[str, str]], path: str
    ) -> None:
        answer = send(shared_server, path, form)
        assert answer.status_code == 200 or 400 <= answer.status_code < 500
        assert not any(mark in answer.text for mark in ("+6289", "budi@"))


class TestStore:
    """The SQLite store gives back the report it was given, across restarts."""

    @given(report=histories(city=CITY, reporter=True))
    def test_a_stored_report_reads_back_equal(self, report) -> None:
        store = ReportStore()
        try:
            store.save(report)
            assert store.get(report.report_id) == report
            assert store.all() == [report]
        finally:
            store.close()

    def test_a_database_file_keeps_the_reports(self, tmp_path: Path, server: Running) -> None:
        report = server.store.get(created(server))
        assert report is not None
        path = tmp_path / "open311.sqlite3"
        first = ReportStore(path)
        first.save(report)
        first.save(report.transition(ReportStatus.IN_PROGRESS, at=T0 + dt.timedelta(hours=1)))
        first.close()
        again = ReportStore(path)
        try:
            (kept,) = again.all()
            assert kept.status is ReportStatus.IN_PROGRESS
            assert again.next_id("SMG-") == "SMG-000002"
        finally:
            again.close()


class TestTheCommand:
    """The README's one command starts the server on 127.0.0.1 with the real clock."""

    def test_it_serves_until_interrupted(self) -> None:
        command = [sys.executable, "-m", "examples.open311_server", "--port", "0"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            assert match, line
            with httpx.Client(timeout=TIMEOUT, trust_env=False) as client:
                answer = client.get(f"http://127.0.0.1:{match[1]}/services.xml")
            assert answer.status_code == 200
            assert ET.fromstring(answer.text).tag == "services"  # noqa: S314 - our own output
        finally:
            process.send_signal(signal.SIGINT)
            try:
                code = process.wait(timeout=TIMEOUT)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait(timeout=TIMEOUT)
                if process.stdout is not None:
                    process.stdout.close()
        assert code == 0
