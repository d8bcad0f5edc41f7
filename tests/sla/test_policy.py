"""Targets, policies and schedules: what they accept, what they refuse, which rule applies."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import InvalidDurationError, InvalidPolicyError, UnknownPolicyError
from smartcity.reports import Report, ReportStatus
from smartcity.samples import semarang_schedule
from smartcity.sla import SlaPolicy, SlaRule, SlaSchedule, WorkingDays, WorkingDuration

S = ReportStatus
AT = dt.datetime(2024, 6, 3, 9, tzinfo=dt.UTC)


def policy(name: str = "p", days: int = 5, **kwargs: object) -> SlaPolicy:
    options: dict[str, object] = {"start_on": {S.ASSIGNED}, "stop_on": {S.RESOLVED}}
    options.update(kwargs)
    return SlaPolicy(name, WorkingDays(days), **options)  # type: ignore[arg-type]


def report(category: str) -> Report:
    return Report.submit("R", category=category, description="d", address="a", at=AT)


class TestTargets:
    @pytest.mark.parametrize("n", [0, -1, True, 1.5, "5", 100_001])
    def test_working_days_is_a_positive_whole_number(self, n: object) -> None:
        with pytest.raises(InvalidDurationError):
            WorkingDays(n)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "duration", [dt.timedelta(0), dt.timedelta(hours=-1), 3600, dt.timedelta(days=100_001)]
    )
    def test_working_duration_is_a_positive_timedelta(self, duration: object) -> None:
        with pytest.raises(InvalidDurationError):
            WorkingDuration(duration)  # type: ignore[arg-type]

    def test_days_and_durations_are_never_equal(self) -> None:
        """A working day is not 24 hours, nor 7.5."""
        assert WorkingDays(1) != WorkingDuration(dt.timedelta(hours=24))
        assert str(WorkingDays(1)) == "1 working day"
        assert str(WorkingDays(5)) == "5 working days"
        assert str(WorkingDuration(dt.timedelta(hours=4))) == "4:00:00 of working time"


class TestPolicyChecks:
    def test_a_valid_policy_keeps_its_parts(self) -> None:
        made = policy(pause_on=S.WAITING_FOR_REPORTER, thresholds=[0.5, 1, 2])
        assert made.pause_on == frozenset({S.WAITING_FOR_REPORTER})
        assert made.thresholds == (0.5, 1.0, 2.0)
        assert str(made) == "p (5 working days)"

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"start_on": set()}, "start_on is empty"),
            ({"stop_on": set()}, "stop_on is empty"),
            ({"stop_on": {S.ASSIGNED}}, "assigned cannot both start and stop"),
            (
                {"pause_on": {S.RESOLVED, S.WAITING_FOR_REPORTER}},
                "resolved cannot both pause and stop",
            ),
            ({"pause_on": {S.ASSIGNED}}, "assigned cannot both start and pause"),
            ({"start_on": {"assigned"}}, "ReportStatus members"),
            ({"thresholds": (0.75, 0.5)}, "strictly increasing"),
            ({"thresholds": (0.5, 0.5)}, "strictly increasing"),
            ({"thresholds": (0.0, 1.0)}, "above zero"),
            ({"thresholds": (0.5, math.inf)}, "finite"),
            ({"thresholds": (math.nan,)}, "finite"),
            ({"thresholds": (True,)}, "fraction"),
            ({"same_day_cutoff": dt.time(12, tzinfo=dt.UTC)}, "without a zone"),
            ({"same_day_cutoff": "12:00"}, "without a zone"),
        ],
    )
    def test_contradictions_are_refused_with_a_clear_message(
        self, options: dict[str, object], message: str
    ) -> None:
        with pytest.raises(InvalidPolicyError, match=message):
            policy(**options)

    def test_a_cutoff_needs_a_working_days_target(self) -> None:
        with pytest.raises(InvalidPolicyError, match="WorkingDays targets only"):
            SlaPolicy(
                "h",
                WorkingDuration(dt.timedelta(hours=4)),
                start_on={S.ASSIGNED},
                stop_on={S.RESOLVED},
                same_day_cutoff=dt.time(12),
            )

    @pytest.mark.parametrize("name", ["", "  ", None])
    def test_a_policy_has_a_name(self, name: object) -> None:
        with pytest.raises(InvalidPolicyError, match="name"):
            SlaPolicy(name, WorkingDays(5), start_on={S.ASSIGNED}, stop_on={S.RESOLVED})  # type: ignore[arg-type]

    def test_the_target_is_a_target(self) -> None:
        with pytest.raises(InvalidPolicyError, match="WorkingDays"):
            SlaPolicy("p", 5, start_on={S.ASSIGNED}, stop_on={S.RESOLVED})  # type: ignore[arg-type]

    @given(
        st.sets(st.sampled_from(S), min_size=1),
        st.sets(st.sampled_from(S)),
        st.sets(st.sampled_from(S), min_size=1),
    )
    def test_any_three_sets_are_accepted_exactly_when_disjoint(self, start, pause, stop) -> None:
        """No status may play two roles; anything else goes."""
        disjoint = not (start & pause or start & stop or pause & stop)
        try:
            SlaPolicy("p", WorkingDays(1), start_on=start, pause_on=pause, stop_on=stop)
        except InvalidPolicyError:
            assert not disjoint
        else:
            assert disjoint


class TestSchedule:
    def tiers(self) -> SlaSchedule:
        return SlaSchedule(
            [
                policy("verification", 3, start_on={S.SUBMITTED}, stop_on={S.VERIFIED}),
                SlaRule(policy("follow-up", 2), categories={"flood"}),
                SlaRule(policy("follow-up", 60), classes={"field"}),
                SlaRule(policy("follow-up", 14)),
            ],
            classes={"road": "field", "flood": "field"},
        )

    def test_the_first_matching_rule_of_each_name_wins(self) -> None:
        """A flood is urgent before being a field job; other categories fall to 14 days."""
        schedule = self.tiers()
        targets = {
            category: [str(p) for p in schedule.policies_for(report(category))]
            for category in ("flood", "road", "tree")
        }
        assert targets == {
            "flood": ["verification (3 working days)", "follow-up (2 working days)"],
            "road": ["verification (3 working days)", "follow-up (60 working days)"],
            "tree": ["verification (3 working days)", "follow-up (14 working days)"],
        }
        assert schedule.names == ("verification", "follow-up")
        assert schedule.primary == "verification"

    def test_a_rule_after_a_catch_all_of_its_name_is_refused(self) -> None:
        with pytest.raises(InvalidPolicyError, match=r"rule 2 .* can never apply"):
            SlaSchedule([policy("a", 5), SlaRule(policy("a", 3), categories={"x"})])

    def test_the_primary_clock_must_exist(self) -> None:
        with pytest.raises(UnknownPolicyError, match="no SLA policy named 'nope'"):
            SlaSchedule([policy("a")], primary="nope")

    @pytest.mark.parametrize(
        "make",
        [
            lambda: SlaSchedule([]),
            lambda: SlaSchedule([policy()], classes={"road": ""}),
            lambda: SlaSchedule([policy()], classes=[("road", "field")]),
            lambda: SlaSchedule([policy()], default_class=" "),
            lambda: SlaSchedule([SlaRule(policy(), categories=set())]),
            lambda: SlaSchedule([SlaRule("not a policy")]),
        ],
    )
    def test_malformed_schedules_are_refused(self, make) -> None:
        with pytest.raises(InvalidPolicyError):
            make()

    def test_no_matching_rule_means_no_clock(self) -> None:
        schedule = SlaSchedule([SlaRule(policy("only-roads"), categories="road")])
        assert schedule.policies_for(report("tree")) == ()
        assert schedule.clock(report("tree"), "only-roads", calendar=None) is None  # type: ignore[arg-type]
        with pytest.raises(UnknownPolicyError):
            schedule.policy_for(report("tree"), "other")


class TestSemarangSchedule:
    def test_three_clocks_with_the_documented_targets(self) -> None:
        schedule = semarang_schedule(classes={"road": "field", "tree": "desk"})
        assert schedule.names == ("verification", "follow-up", "auto-close")
        assert schedule.primary == "follow-up"
        for category, days in (("road", 60), ("tree", 14), ("info", 5)):
            follow_up = schedule.policy_for(report(category), "follow-up")
            assert follow_up is not None
            assert follow_up.target == WorkingDays(days)
            assert follow_up.pause_on == {S.WAITING_FOR_REPORTER}
        verification = schedule.policy_for(report("road"), "verification")
        assert verification is not None
        assert verification.target == WorkingDays(3)
        assert verification.stop_on == {S.VERIFIED, S.REJECTED, S.DUPLICATE, S.REFERRED, S.CLOSED}
        auto_close = schedule.policy_for(report("road"), "auto-close")
        assert auto_close is not None
        assert (auto_close.target, auto_close.start_on) == (WorkingDays(10), {S.RESOLVED})

    def test_without_a_default_class_unmapped_categories_have_no_follow_up(self) -> None:
        schedule = semarang_schedule(default_class=None)
        assert schedule.policy_for(report("info"), "follow-up") is None

    def test_unknown_classes_are_refused(self) -> None:
        with pytest.raises(InvalidPolicyError, match="normative, desk, field"):
            semarang_schedule(classes={"road": "urgent"})
