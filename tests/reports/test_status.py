"""The statuses, their traits, and the transition table."""

from __future__ import annotations

import doctest

import pytest

import smartcity.reports
from smartcity.reports import TRANSITIONS, ReportStatus, StatusGroup, is_final

FINAL = {
    ReportStatus.CLOSED,
    ReportStatus.REJECTED,
    ReportStatus.DUPLICATE,
    ReportStatus.REFERRED,
}


class TestReportStatus:
    """Each status carries a lowercase value, a group, an Open311 status and two labels."""

    @pytest.mark.parametrize("status", list(ReportStatus))
    def test_value_is_the_lowercase_name(self, status: ReportStatus) -> None:
        """Values are lowercase strings, fit for storage and URLs."""
        assert status.name.lower() == status.value

    @pytest.mark.parametrize("status", list(ReportStatus))
    def test_open311_status_follows_the_group(self, status: ReportStatus) -> None:
        """Open311 knows open and closed only: fixed and closed groups are both closed."""
        expected = "open" if status.group is StatusGroup.OPEN else "closed"
        assert expected == status.open311

    @pytest.mark.parametrize("status", list(ReportStatus))
    def test_labels_are_given_in_both_languages(self, status: ReportStatus) -> None:
        """Every status has an Indonesian and an English label."""
        assert status.label_id.strip()
        assert status.label_en.strip()

    def test_groups(self) -> None:
        """Resolved and closed count as fixed; rejected, duplicate, referred as closed."""
        groups = {group: {s for s in ReportStatus if s.group is group} for group in StatusGroup}
        assert groups == {
            StatusGroup.OPEN: {
                ReportStatus.SUBMITTED,
                ReportStatus.VERIFIED,
                ReportStatus.ASSIGNED,
                ReportStatus.IN_PROGRESS,
                ReportStatus.WAITING_FOR_REPORTER,
            },
            StatusGroup.FIXED: {ReportStatus.RESOLVED, ReportStatus.CLOSED},
            StatusGroup.CLOSED: {
                ReportStatus.REJECTED,
                ReportStatus.DUPLICATE,
                ReportStatus.REFERRED,
            },
        }


class TestTransitions:
    """The lifecycle table is complete, and its shape is the one the issue describes."""

    def test_every_status_has_a_row(self) -> None:
        """The table answers for every status, so a lookup never fails."""
        assert set(ReportStatus) == set(TRANSITIONS)

    def test_final_statuses(self) -> None:
        """Closed, rejected, duplicate and referred end the lifecycle."""
        assert {status for status in ReportStatus if is_final(status)} == FINAL

    def test_nothing_goes_back_to_submitted(self) -> None:
        """Submission happens once."""
        assert all(ReportStatus.SUBMITTED not in nexts for nexts in TRANSITIONS.values())

    def test_every_status_is_reachable(self) -> None:
        """From submitted, every status can be reached."""
        seen, todo = {ReportStatus.SUBMITTED}, [ReportStatus.SUBMITTED]
        while todo:
            for status in TRANSITIONS[todo.pop()]:
                if status not in seen:
                    seen.add(status)
                    todo.append(status)
        assert set(ReportStatus) == seen

    def test_every_open_status_can_reach_an_end(self) -> None:
        """No report can be stuck: each non-final status leads on."""
        assert all(TRANSITIONS[s] for s in ReportStatus if s not in FINAL)

    def test_reassignment_and_reopening_are_allowed(self) -> None:
        """Assigned may follow assigned (another agency), and resolved may reopen."""
        assert ReportStatus.ASSIGNED in TRANSITIONS[ReportStatus.ASSIGNED]
        assert ReportStatus.IN_PROGRESS in TRANSITIONS[ReportStatus.RESOLVED]

    def test_the_table_cannot_be_changed(self) -> None:
        """The table is read-only: nobody can loosen the lifecycle at run time."""
        with pytest.raises(TypeError):
            TRANSITIONS[ReportStatus.CLOSED] = frozenset({ReportStatus.SUBMITTED})  # type: ignore[index]


class TestDocstringExamples:
    """The examples in the docstrings of smartcity.reports run and show the truth."""

    def test_examples(self) -> None:
        """doctest finds the examples and none fails."""
        results = doctest.testmod(smartcity.reports)
        assert (results.failed, results.attempted > 0) == (0, True)
