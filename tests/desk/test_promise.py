"""City.promise: one call says which deadline to tell the citizen, from which clock, and why."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import attrs
import pytest

from smartcity.desk import City, Promise
from smartcity.exceptions import (
    ChronologyError,
    InvalidArgumentError,
    InvalidOptionError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.geo import GeoPoint
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang
from smartcity.sla import ClockState, SlaPolicy, WorkingDays

S = ReportStatus
WIB = ZoneInfo("Asia/Jakarta")
SIMPANG_LIMA = GeoPoint(-6.9903, 110.4229)


def at(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(scope="module")
def city() -> City:
    return semarang()


def received() -> Report:
    return Report.submit(
        "SMG-9",
        category="drainage",
        description="Saluran tersumbat",
        location=SIMPANG_LIMA,
        at=at(3, 17, 9),
    )


class TestWhichDeadline:
    def test_before_assignment_there_is_no_deadline_yet(self, city: City) -> None:
        """The follow-up clock starts at the assignment: before it, the text says so."""
        promise = city.promise(received(), now=at(3, 17, 9), language="en")
        assert promise is not None
        assert (promise.clock, promise.state, promise.deadline) == (
            "follow-up",
            ClockState.NOT_STARTED,
            None,
        )
        assert promise.text == (
            "No deadline yet: the follow-up clock (5 working days) starts when the report is "
            "assigned or in progress."
        )
        indonesian = city.promise(received(), now=at(3, 17, 9))
        assert indonesian is not None
        assert indonesian.text.startswith("Belum ada batas waktu: SLA follow-up (5 hari kerja)")

    def test_after_assignment_the_follow_up_deadline_across_nyepi_and_lebaran(
        self, city: City
    ) -> None:
        """Assigned on 17 March 2026: due 31 March, after Nyepi and Lebaran, explained."""
        report = city.intake(received(), at=at(3, 17, 10))
        promise = city.promise(report, now=at(3, 18, 8), language="id")
        assert promise is not None
        assert promise.state is ClockState.RUNNING
        assert promise.deadline == at(3, 31, 16)
        assert promise.target == WorkingDays(5)
        lines = promise.text.splitlines()
        assert lines[1] == "Batas waktu 5 hari kerja: Selasa, 31 Maret 2026 pukul 16.00 WIB."
        assert "- Kamis, 19 Maret 2026: dilewati, libur nasional (Hari Suci Nyepi)" in lines
        assert promise.explanation is not None
        assert promise.explanation.deadline == promise.deadline

    def test_the_deadline_is_the_primary_clocks(self, city: City) -> None:
        """The promise is the schedule's primary clock as it stands at now."""
        report = city.intake(received(), at=at(3, 17, 10))
        report = report.transition(S.IN_PROGRESS, at=at(3, 25, 9))
        report = report.transition(S.WAITING_FOR_REPORTER, at=at(3, 25, 10))
        now = at(3, 26, 9)
        promise = city.promise(report, now=now)
        clock = city.clock(report, city.schedule.primary)  # type: ignore[union-attr]
        assert clock is not None
        assert promise is not None
        assert (promise.state, promise.deadline) == (clock.state(now), clock.deadline_at(now))
        assert promise.state is ClockState.PAUSED
        assert promise.deadline is None
        assert promise.text.splitlines()[-1].startswith("Dijeda sejak Rabu, 25 Maret 2026")

    def test_a_policy_given_is_promised_instead(self, city: City) -> None:
        """The receipt-based count (5 working days from the day of receipt) on request."""
        receipt = SlaPolicy("receipt", WorkingDays(5), start_on={S.SUBMITTED}, stop_on={S.CLOSED})
        promise = city.promise(received(), now=at(3, 17, 9), policy=receipt, language="en")
        assert promise is not None
        assert promise.clock == "receipt"
        assert promise.deadline == city.calendar.add_working_days(at(3, 17, 9), 5)

    def test_no_schedule_no_promise(self, city: City) -> None:
        """A city without a schedule promises nothing unless given a policy."""
        bare = attrs.evolve(city, schedule=None)
        assert bare.promise(received(), now=at(3, 17, 9)) is None


class TestValues:
    def test_a_promise_is_frozen_and_pickles(self, city: City) -> None:
        report = city.intake(received(), at=at(3, 17, 10))
        promise = city.promise(report, now=at(3, 18, 8))
        assert isinstance(promise, Promise)
        assert pickle.loads(pickle.dumps(promise)) == promise  # noqa: S301 - our own bytes
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            promise.text = ""  # type: ignore[misc]


class TestRefusals:
    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"now": at(3, 17, 8)}, ChronologyError),
            ({"now": dt.datetime(2026, 3, 18)}, NaiveDatetimeError),  # noqa: DTZ001
            ({"now": "2026-03-18"}, InvalidArgumentError),
            ({"now": at(3, 18, 8), "language": "fr"}, InvalidOptionError),
            ({"now": at(3, 18, 8), "policy": "follow-up"}, InvalidArgumentError),
        ],
    )
    def test_bad_arguments(
        self, city: City, kwargs: dict[str, object], error: type[SmartCityError]
    ) -> None:
        """Each mistake raises its SmartCityError, and the report is left as it was."""
        report = received()
        before = report.history
        with pytest.raises(error):
            city.promise(report, **kwargs)  # type: ignore[arg-type]
        assert report.history == before

    def test_not_a_report(self, city: City) -> None:
        with pytest.raises(InvalidArgumentError):
            city.promise("SMG-9", now=at(3, 18, 8))  # type: ignore[arg-type]
