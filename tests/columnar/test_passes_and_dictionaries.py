"""Long columns and many reports: encoded and judged in pieces, with the answer of the whole.

The event table encodes a long label column by looking its rows up in a sample's distinct
values (linear in the rows) instead of sorting them, and the clocks judge the reports in
passes of :data:`~smartcity.columnar._clocks.REPORTS_PER_PASS`. Both are ways of computing
the same thing faster; these tests check that it is the same thing.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from columnar_factories import NOW, agency_calendars, schedule_policies, semarang_reports
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from smartcity.columnar import EventTable, _clocks, clock_table
from smartcity.columnar._table import _GUESS_FROM, _dictionary
from smartcity.exceptions import CalendarCoverageError
from smartcity.reports import Report
from smartcity.sla import SlaPolicy, WorkingCalendar
from smartcity.stats import sla_performance
from smartcity.testing import calendars, histories, policies

LONG = 4 * _GUESS_FROM + 1  # the shortest column encoded by lookup rather than by sorting


class TestDictionaryEncoding:
    @settings(max_examples=25, deadline=None)
    @given(
        st.integers(1, 20_000),
        st.integers(0, 3).map(lambda extra: LONG + extra * 9_000),
        st.integers(0, 2**32 - 1),
    )
    def test_equals_numpy_unique_whatever_the_number_of_labels(
        self, distinct: int, rows: int, seed: int
    ) -> None:
        """A handful of labels, thousands, or nearly one a row: np.unique's answer."""
        rng = np.random.default_rng(seed)
        names = np.array([f"L{i:05d}" for i in range(distinct)])
        # Skewed: the sample of the common labels misses the rare ones.
        array = names[np.minimum(rng.geometric(min(1.0, 3 / distinct), rows) - 1, distinct - 1)]
        labels, codes = _dictionary(array)
        expected_labels, expected_codes = np.unique(array, return_inverse=True)
        assert np.array_equal(labels, expected_labels)
        assert np.array_equal(codes, expected_codes.reshape(-1))

    @given(hnp.arrays(hnp.unicode_string_dtypes(max_len=3), st.just(LONG)))
    @settings(max_examples=10, deadline=None)
    def test_any_strings_the_empty_one_included(self, array: np.ndarray) -> None:
        labels, codes = _dictionary(array)
        expected_labels, expected_codes = np.unique(array, return_inverse=True)
        assert np.array_equal(labels, expected_labels)
        assert np.array_equal(codes, expected_codes.reshape(-1))

    def test_periodic_columns_do_not_fool_the_sample(self) -> None:
        """A column repeating with the sample's stride still gets every label."""
        period = LONG // _GUESS_FROM
        array = np.array([f"W{i % (period * 7)}" for i in range(LONG * 3)])
        labels, codes = _dictionary(array)
        assert np.array_equal(labels[codes], array)
        assert len(labels) == period * 7


class TestReportIdsInDatabaseOrder:
    def test_sorted_ids_and_shuffled_ids_give_one_table(self) -> None:
        """Rows ordered by report id (no sort needed) or not: the same table."""
        _, reports = semarang_reports()
        table = EventTable.from_reports(list(reports[:400]))
        ids = table.report_ids[table.report]
        assert np.all(table.report_ids[1:] > table.report_ids[:-1])
        columns = {
            "report_id": ids,
            "at": table.instants(),
            "status": np.array([s.value for s in table.statuses()]),
        }
        backwards = np.argsort(-table.report.astype(np.int64), kind="stable")
        reversed_columns = {name: values[backwards] for name, values in columns.items()}
        assert EventTable.from_columns(**columns) == EventTable.from_columns(**reversed_columns)

    def test_a_blank_id_in_sorted_ids_is_still_refused(self) -> None:
        columns = {
            "report_id": np.array([" ", "A", "B"]),
            "at": np.array(["2025-01-02T01", "2025-01-02T02", "2025-01-02T03"], "datetime64[us]"),
            "status": np.array(["submitted"] * 3),
        }
        with pytest.raises(ValueError, match="row 0"):
            EventTable.from_columns(**columns)


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Report], SlaPolicy, WorkingCalendar, dt.datetime]:
    reports = draw(st.lists(histories(), min_size=1, max_size=7, unique_by=lambda r: r.report_id))
    later = draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=60)))
    now = max(r.updated_at for r in reports) + later
    return reports, draw(policies()), draw(calendars(coverage=False)), now


class TestPasses:
    @settings(deadline=None)
    @given(cases(), st.integers(1, 3))
    def test_clocks_in_passes_of_any_size_equal_one_pass(
        self, case: tuple[list[Report], SlaPolicy, WorkingCalendar, dt.datetime], size: int
    ) -> None:
        reports, policy, calendar, now = case
        table = EventTable.from_reports(reports)

        def in_passes(size: int) -> object:
            """The records, or the error's message (a deadline past the calendar's years)."""
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(_clocks, "REPORTS_PER_PASS", size)
                try:
                    return clock_table(table, policy, calendar=calendar, now=now).to_records()
                except CalendarCoverageError as error:
                    return str(error)

        assert in_passes(size) == in_passes(len(reports))

    def test_statistics_in_small_passes_equal_one_pass(self) -> None:
        """3,000 Semarang reports on their agencies' calendars, in passes of 7 or all at once."""
        city, reports = semarang_reports()
        assert city.schedule is not None
        table = EventTable.from_reports(list(reports))
        own = agency_calendars(city)

        def performance() -> object:
            assert city.schedule is not None
            return sla_performance(
                table,
                city.schedule,
                city.calendar,
                now=NOW,
                by=("agency", "month"),
                agency_calendars=own,  # type: ignore[arg-type]
            )

        whole = performance()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_clocks, "REPORTS_PER_PASS", 7)
            pieces = performance()
        assert pieces == whole
        assert len(schedule_policies(city)) > 1
