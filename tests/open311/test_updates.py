"""The update stream of mySociety's extension, and the extended statuses."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from open311_fixtures import SERVICE_REQUEST_UPDATES, W3C_DATETIME

from smartcity.exceptions import InvalidOptionError, NaiveDatetimeError
from smartcity.open311 import (
    EXTERNAL_STATUS_CODES,
    external_status_code,
    service_request_updates,
)
from smartcity.reports import TRANSITIONS, EventKind, Report, ReportStatus
from smartcity.testing import histories

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2026, 3, 2, 8, tzinfo=WIB)


def at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def submitted() -> Report:
    return Report.submit("SMG-9", category="roads", description="Lubang.", address="Jl", at=T0)


class TestExternalStatus:
    """Each status entered gets an extended status; three depend on where they come from."""

    @pytest.mark.parametrize(
        ("previous", "status", "code"),
        [
            (None, S.SUBMITTED, "FOR_TRIAGE"),
            (S.SUBMITTED, S.VERIFIED, "INVESTIGATING"),
            (S.VERIFIED, S.ASSIGNED, "ACTION_SCHEDULED"),
            (S.ASSIGNED, S.ASSIGNED, "INTERNAL_REFERRAL"),
            (S.IN_PROGRESS, S.ASSIGNED, "INTERNAL_REFERRAL"),
            (S.ASSIGNED, S.IN_PROGRESS, "IN_PROGRESS"),
            (S.WAITING_FOR_REPORTER, S.IN_PROGRESS, "IN_PROGRESS"),
            (S.RESOLVED, S.IN_PROGRESS, "REOPEN"),
            (S.ASSIGNED, S.WAITING_FOR_REPORTER, "INVESTIGATING"),
            (S.IN_PROGRESS, S.RESOLVED, "FIXED"),
            (S.RESOLVED, S.CLOSED, "FIXED"),
            (S.SUBMITTED, S.REJECTED, "NO_FURTHER_ACTION"),
            (S.WAITING_FOR_REPORTER, S.REJECTED, "CANCELLED"),
            (S.VERIFIED, S.DUPLICATE, "DUPLICATE"),
            (S.ASSIGNED, S.REFERRED, "NOT_COUNCILS_RESPONSIBILITY"),
        ],
    )
    def test_the_mapping(
        self, previous: ReportStatus | None, status: ReportStatus, code: str
    ) -> None:
        """The table of the docs page, row by row."""
        assert external_status_code(status, previous=previous) == code

    def test_every_extended_status_is_produced_by_some_legal_step(self) -> None:
        """All eleven codes of the extension are reachable through the lifecycle."""
        produced = {external_status_code(S.SUBMITTED)} | {
            external_status_code(to, previous=status)
            for status, targets in TRANSITIONS.items()
            for to in targets
        }
        assert produced == set(EXTERNAL_STATUS_CODES)

    def test_the_open_or_closed_status_agrees_with_the_code(self) -> None:
        """Codes that end the work belong to closed statuses, the others to open ones."""
        ending = {
            "FIXED",
            "DUPLICATE",
            "NOT_COUNCILS_RESPONSIBILITY",
            "NO_FURTHER_ACTION",
            "CANCELLED",
        }
        for status, targets in TRANSITIONS.items():
            for to in targets:
                code = external_status_code(to, previous=status)
                assert (code in ending) == (to.open311 == "closed"), (status, to)


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
            ("SMG-9/1", "open", "INVESTIGATING", "Terverifikasi"),
            ("SMG-9/3", "open", "ACTION_SCHEDULED", "Ke DPU."),
            ("SMG-9/4", "open", "IN_PROGRESS", "Sedang ditindaklanjuti"),
            ("SMG-9/5", "closed", "FIXED", "Sudah ditambal."),
            ("SMG-9/6", "open", "REOPEN", "Berlubang lagi."),
            ("SMG-9/7", "open", "REOPEN", "Tim dijadwalkan besok."),
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
        assert ids == ["SMG-9/1", "SMG-9/2", "SMG-9/3"]
        ids = [u["update_id"] for u in service_request_updates(report, since=at(1.5))]
        assert ids == ["SMG-9/3"]
        with pytest.raises(NaiveDatetimeError):
            service_request_updates(report, since=dt.datetime(2026, 3, 2))  # noqa: DTZ001

    @given(report=histories())
    def test_every_update_has_the_fields_of_the_extension(self, report: Report) -> None:
        """The extension's fields and types, for any history."""
        (example,) = SERVICE_REQUEST_UPDATES
        updates = service_request_updates(report)
        for update in updates:
            assert list(update) == list(example)
            assert update["status"] in {"open", "closed"}
            assert re.fullmatch(W3C_DATETIME, update["updated_datetime"])  # type: ignore[arg-type]
            assert isinstance(update["description"], str)
            assert update["description"]
            assert update["media_url"] is None
            assert update["external_status_code"] in EXTERNAL_STATUS_CODES
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
            f"{report.report_id}/{n}" for n, _ in published
        ]
        for update, (_, event) in zip(updates, published, strict=True):
            assert update["status"] == event.status.open311
        changes = [event for _, event in published if event.kind is EventKind.STATUS_CHANGED]
        statuses = [report.history[0].status, *(event.status for event in changes)]
        codes = [
            u["external_status_code"]
            for u, (_, e) in zip(updates, published, strict=True)
            if e.kind is EventKind.STATUS_CHANGED
        ]
        assert codes == [
            external_status_code(to, previous=previous)
            for previous, to in itertools.pairwise(statuses)
        ]

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
            f"{report.report_id}/{n}"
            for n, event in enumerate(report.history)
            if event.kind in {EventKind.STATUS_CHANGED, EventKind.NOTED} and event.at >= since
        }
        assert kept == expected
