"""The update stream of mySociety's extension, and the extended statuses."""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_fixtures import SERVICE_REQUEST_UPDATES, W3C_DATETIME

from smartcity.exceptions import InvalidOptionError, NaiveDatetimeError
from smartcity.open311 import (
    EXTENDED_STATUSES,
    extended_status,
    service_request_updates,
    update_id,
)
from smartcity.reports import EventKind, Report, ReportStatus
from smartcity.testing import histories

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, tzinfo=WIB)


def at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def submitted() -> Report:
    return Report.submit("SMG-9", category="roads", description="Lubang.", address="Jl", at=T0)


class TestExtendedStatus:
    """Each status has the extended state FixMyStreet's map_state knows for it."""

    @pytest.mark.parametrize(
        ("status", "code"),
        [
            (S.SUBMITTED, "OPEN"),
            (S.VERIFIED, "INVESTIGATING"),
            (S.ASSIGNED, "ACTION_SCHEDULED"),
            (S.IN_PROGRESS, "IN_PROGRESS"),
            (S.WAITING_FOR_REPORTER, "INVESTIGATING"),
            (S.RESOLVED, "FIXED"),
            (S.CLOSED, "CLOSED"),
            (S.REJECTED, "NO_FURTHER_ACTION"),
            (S.DUPLICATE, "DUPLICATE"),
            (S.REFERRED, "NOT_COUNCILS_RESPONSIBILITY"),
        ],
    )
    def test_each_status_has_its_state(self, status: ReportStatus, code: str) -> None:
        """The table of the docs."""
        assert extended_status(status) == code
        assert code in EXTENDED_STATUSES

    def test_every_state_is_one_fixmystreet_knows(self) -> None:
        """The states of FixMyStreet's t/open311/getservicerequestupdates.t fixtures
        (mysociety/fixmystreet 01454b6b5efa7ce7623ed7c232f2df93ae7f72b4): an unknown one would
        leave the report's state unchanged there."""
        known = {
            "OPEN",
            "CLOSED",
            "INVESTIGATING",
            "IN_PROGRESS",
            "ACTION_SCHEDULED",
            "NOT_COUNCILS_RESPONSIBILITY",
            "INTERNAL_REFERRAL",
            "DUPLICATE",
            "FIXED",
            "NO_FURTHER_ACTION",
        }
        assert set(EXTENDED_STATUSES) <= known

    def test_the_closed_states_are_exactly_the_closed_statuses(self) -> None:
        """FixMyStreet closes a report on these states; here they belong to closed statuses."""
        closing = {
            "FIXED",
            "CLOSED",
            "DUPLICATE",
            "NOT_COUNCILS_RESPONSIBILITY",
            "NO_FURTHER_ACTION",
        }
        for status in ReportStatus:
            assert (extended_status(status) in closing) == (status.open311 == "closed"), status


class TestUpdates:
    """One update per status change and per note, with the fields of the extension."""

    def test_a_report_s_updates(self) -> None:
        """Assignment, work, a fix, a reopen with the reporter's words, a note, a new fix."""
        report = submitted().transition(S.VERIFIED, at=at(1))
        report = report.locate(ward="33.74.01.1001", district="33.74.01", at=at(1))
        report = report.assign("DPU", at=at(1), note="Ke DPU.")
        report = report.transition(S.IN_PROGRESS, at=at(2))
        report = report.transition(S.RESOLVED, at=at(3), note="Sudah ditambal.")
        report = report.transition(S.IN_PROGRESS, at=at(30), note="Berlubang lagi.")
        report = report.add_note("Tim dijadwalkan besok.", at=at(31))
        updates = service_request_updates(report)
        assert [
            (u["update_id"], u["status"], u["external_status_code"], u["description"])
            for u in updates
        ] == [
            ("SMG-9-1", "INVESTIGATING", "verified", "Terverifikasi"),
            ("SMG-9-3", "ACTION_SCHEDULED", "assigned", "Ke DPU."),
            ("SMG-9-4", "IN_PROGRESS", "in_progress", "Sedang ditindaklanjuti"),
            ("SMG-9-5", "FIXED", "resolved", "Sudah ditambal."),
            ("SMG-9-6", "IN_PROGRESS", "in_progress", "Berlubang lagi."),
            ("SMG-9-7", "IN_PROGRESS", "in_progress", "Tim dijadwalkan besok."),
        ]
        assert updates[0]["updated_datetime"] == "2026-03-02T09:00:00+07:00"
        assert all(u["service_request_id"] == "SMG-9" for u in updates)

    def test_labels_follow_the_language(self) -> None:
        """A change without a note is described by the status's label."""
        report = submitted().transition(S.VERIFIED, at=at(1))
        (update,) = service_request_updates(report, language="en")
        assert update["description"] == "Verified"
        with pytest.raises(InvalidOptionError):
            service_request_updates(report, language="fr")  # type: ignore[arg-type]

    def test_since_keeps_the_updates_at_or_after_it(self) -> None:
        """Inclusive, so a poller that passes the last time it saw misses nothing."""
        report = submitted().transition(S.VERIFIED, at=at(1)).assign("DPU", at=at(1))
        report = report.transition(S.IN_PROGRESS, at=at(2))
        ids = [u["update_id"] for u in service_request_updates(report, since=at(1))]
        assert ids == ["SMG-9-1", "SMG-9-2", "SMG-9-3"]
        ids = [u["update_id"] for u in service_request_updates(report, since=at(1.5))]
        assert ids == ["SMG-9-3"]
        with pytest.raises(NaiveDatetimeError):
            service_request_updates(report, since=dt.datetime(2026, 3, 2))  # noqa: DTZ001

    @given(report=histories())
    def test_every_update_has_the_fields_of_the_extension(self, report: Report) -> None:
        """The extension's fields and types, for any history."""
        (example,) = SERVICE_REQUEST_UPDATES
        updates = service_request_updates(report)
        for update in updates:
            assert list(update) == list(example)
            assert update["status"] in EXTENDED_STATUSES
            assert re.fullmatch(r"[\w-]+", update["update_id"], re.ASCII)  # type: ignore[arg-type]
            assert re.fullmatch(W3C_DATETIME, update["updated_datetime"])  # type: ignore[arg-type]
            assert isinstance(update["description"], str)
            assert update["description"]
            assert update["media_url"] == ""
            assert ReportStatus(update["external_status_code"])
        json.dumps(updates, allow_nan=False)

    @given(report=histories())
    def test_updates_follow_the_history(self, report: Report) -> None:
        """One per status change or note, in order, with the status the event left."""
        updates = service_request_updates(report)
        published = [
            (number, event)
            for number, event in enumerate(report.history)
            if event.kind in {EventKind.STATUS_CHANGED, EventKind.NOTED}
        ]
        assert [u["update_id"] for u in updates] == [
            update_id(report.report_id, n) for n, _ in published
        ]
        for update, (_, event) in zip(updates, published, strict=True):
            assert update["status"] == extended_status(event.status)
            assert update["external_status_code"] == event.status.value

    @given(report=histories(), data=st.data())
    def test_updates_never_change_once_published(self, report: Report, data: st.DataObject) -> None:
        """The updates of an earlier state of the report are the first of the later ones."""
        length = data.draw(st.integers(1, len(report.history)))
        earlier = Report.replay(report.history[:length])
        before = service_request_updates(earlier)
        assert service_request_updates(report)[: len(before)] == before

    @given(report=histories(), data=st.data())
    def test_since_filters_by_instant(self, report: Report, data: st.DataObject) -> None:
        """``since`` keeps exactly the updates at or after it."""
        since = data.draw(st.sampled_from([event.at for event in report.history]))
        kept = {u["update_id"] for u in service_request_updates(report, since=since)}
        expected = {
            update_id(report.report_id, n)
            for n, event in enumerate(report.history)
            if event.kind in {EventKind.STATUS_CHANGED, EventKind.NOTED} and event.at >= since
        }
        assert kept == expected


class TestUpdateIds:
    """Update ids match open311-adapter's ``^[\\w\\-_]+$`` and never collide."""

    def test_unsafe_characters_are_escaped(self) -> None:
        """Letters, digits and ``-`` are kept; ``/`` and ``_`` are written as hex."""
        assert update_id("SMG-2026-000123", 4) == "SMG-2026-000123-4"
        assert update_id("SMG/1", 2) == "SMG_2f_1-2"
        assert update_id("a_b", 1) == "a_5f_b-1"

    @given(
        first=st.tuples(st.text(min_size=1), st.integers(0, 10_000)),
        second=st.tuples(st.text(min_size=1), st.integers(0, 10_000)),
    )
    def test_different_events_have_different_ids(
        self, first: tuple[str, int], second: tuple[str, int]
    ) -> None:
        """The id is a one-to-one function of the report id and the event's position."""
        assert re.fullmatch(r"[\w-]+", update_id(*first), re.ASCII)
        if first != second:
            assert update_id(*first) != update_id(*second)
