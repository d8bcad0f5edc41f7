"""Asking a schedule by category gives what a report of that category gets."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.exceptions import InvalidArgumentError, UnknownPolicyError
from smartcity.reports import Report
from smartcity.samples import semarang_schedule
from smartcity.sla._schedule import MAX_CACHED_CATEGORIES

SCHEDULE = semarang_schedule(classes={"road": "field", "tree": "desk"})
AT = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
CATEGORIES = st.sampled_from(["road", "tree", "drainage", "lamp", "other"]) | st.text(
    "abcdefghij-_", min_size=1, max_size=12
)


class TestByCategory:
    @given(CATEGORIES, st.sampled_from(SCHEDULE.names))
    def test_equals_the_answer_for_a_report_of_that_category(
        self, category: str, name: str
    ) -> None:
        report = Report.submit("R-1", category=category, description="d", address="a", at=AT)
        assert SCHEDULE.policies_for_category(category) == SCHEDULE.policies_for(report)
        assert SCHEDULE.policy_for_category(category, name) == SCHEDULE.policy_for(report, name)

    def test_classes_choose_the_target(self) -> None:
        days = {
            category: SCHEDULE.policy_for_category(category, "follow-up").target.n  # type: ignore[union-attr]
            for category in ("road", "tree", "drainage")
        }
        assert days == {"road": 60, "tree": 14, "drainage": 5}

    def test_an_unknown_clock_name_is_refused_with_the_known_ones(self) -> None:
        with pytest.raises(UnknownPolicyError, match="follow-up"):
            SCHEDULE.policy_for_category("road", "follow_up")

    @pytest.mark.parametrize("category", [None, 3, b"road"])
    def test_a_category_that_is_not_text_is_refused(self, category: object) -> None:
        with pytest.raises(InvalidArgumentError, match="category"):
            SCHEDULE.policies_for_category(category)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="category"):
            SCHEDULE.policy_for_category(category, "follow-up")  # type: ignore[arg-type]


class TestManyMadeUpCategories:
    def test_neither_the_memory_nor_the_pickle_grows_without_end(self) -> None:
        """A stream of made-up categories (an Open311 client's) is answered, not hoarded."""
        schedule = semarang_schedule(classes={"road": "field"})
        empty = len(pickle.dumps(schedule))
        for number in range(MAX_CACHED_CATEGORIES + 500):
            assert schedule.policy_for_category(f"made-up-{number}", "follow-up") is not None
        assert len(schedule._cache) == MAX_CACHED_CATEGORIES
        assert len(pickle.dumps(schedule)) == empty
        loaded = pickle.loads(pickle.dumps(schedule))  # noqa: S301 - our own bytes
        assert loaded == schedule
        assert loaded.policy_for_category("road", "follow-up") == schedule.policy_for_category(
            "road", "follow-up"
        )
