"""The event table: built from reports or columns, checked row by row, read-only, picklable."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import numpy as np
import pytest
from columnar_factories import columns_of, semarang_reports
from hypothesis import given
from hypothesis import strategies as st

from smartcity.columnar import MISSING, STATUSES, EventTable
from smartcity.exceptions import InvalidArgumentError, InvalidEventTableError, InvalidReportError
from smartcity.reports import Report
from smartcity.testing import histories

UTC = dt.UTC
T0 = np.datetime64("2025-03-03T01:00", "us")
HOUR = np.timedelta64(1, "h")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def simple(**changes: object) -> dict[str, object]:
    """Two small legal histories as columns; ``changes`` replace whole columns."""
    columns: dict[str, object] = {
        "report_id": np.array(["A", "A", "B", "A", "B"]),
        "at": np.array([T0, T0 + HOUR, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]),
        "status": np.array(["submitted", "verified", "submitted", "assigned", "rejected"]),
        "agency": np.array([None, None, None, "DPU", None], dtype=object),
    }
    columns.update(changes)
    return columns


class TestFromReports:
    @given(st.lists(histories(), max_size=5, unique_by=lambda r: r.report_id))
    def test_one_row_per_event_in_history_order(self, reports: list[Report]) -> None:
        """Every event is a row; a report's rows keep its history; statuses and instants match."""
        table = EventTable.from_reports(reports)
        assert len(table) == sum(len(r.history) for r in reports)
        assert table.report_ids.tolist() == sorted(r.report_id for r in reports)
        by_id = {r.report_id: r for r in reports}
        for index, report_id in enumerate(table.report_ids.tolist()):
            rows = slice(table.starts[index], table.starts[index + 1])
            history = by_id[report_id].history
            assert [STATUSES[s] for s in table.status[rows]] == [e.status for e in history]
            # Differences, not ==: an ambiguous wall time with fold=1 never equals another zone's.
            expected = [(e.at - EPOCH) // dt.timedelta(microseconds=1) for e in history]
            assert table.at[rows].tolist() == expected
            last = by_id[report_id]
            agency = table.latest("agency")[index]
            assert (None if agency == MISSING else table.agencies[agency]) == last.agency
            assert table.categories[table.latest("category")[index]] == last.category

    @given(st.lists(histories(), min_size=1, max_size=5, unique_by=lambda r: r.report_id))
    def test_columns_give_the_same_table(self, reports: list[Report]) -> None:
        """from_columns on the same events, reports interleaved, equals from_reports."""
        assert EventTable.from_columns(**columns_of(reports)) == EventTable.from_reports(reports)

    def test_the_same_report_twice_is_refused(self) -> None:
        report = Report.submit(
            "R1",
            category="road",
            description="x",
            address="y",
            at=dt.datetime(2025, 1, 1, tzinfo=UTC),
        )
        with pytest.raises(InvalidReportError, match="R1 is given twice"):
            EventTable.from_reports([report, report])

    def test_personal_fields_never_enter(self) -> None:
        """The table has no column for the reporter or the description."""
        names = {field.name for field in attrs.fields(EventTable)}
        assert not {"reporter", "description", "address"} & names


class TestFromColumns:
    def test_units_and_integers_agree(self) -> None:
        """datetime64[us], datetime64[ns] and int64 microseconds give one table."""
        micro = EventTable.from_columns(**simple())
        nano = EventTable.from_columns(**simple(at=simple()["at"].astype("datetime64[ns]")))  # type: ignore[union-attr]
        integer = EventTable.from_columns(**simple(at=simple()["at"].view(np.int64)))  # type: ignore[union-attr]
        assert micro == nano == integer

    def test_sorted_by_report_then_time(self) -> None:
        table = EventTable.from_columns(**simple())
        assert table.report.tolist() == [0, 0, 0, 1, 1]
        assert np.all(np.diff(table.at[:3]) >= 0)
        assert table.agencies == ("DPU",)
        assert table.agency.tolist() == [MISSING, MISSING, 0, MISSING, MISSING]
        assert table.category.tolist() == [MISSING] * 5

    def test_a_column_of_another_length_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="status has 4 rows"):
            EventTable.from_columns(**simple(status=np.array(["submitted"] * 4)))

    def test_instants_of_another_kind_are_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="datetime64"):
            EventTable.from_columns(**simple(at=np.zeros(5, dtype=float)))


class TestBadRows:
    @pytest.mark.parametrize(
        ("changes", "row", "reason"),
        [
            ({"status": np.array(["submitted", "verified", "submitted", "assignd", "rejected"])},
             3, "unknown status 'assignd'"),
            ({"at": np.array([T0, T0 + HOUR, T0 + HOUR, T0, T0 + 3 * HOUR])},
             3, "is before the row before it"),
            ({"status": np.array(["submitted", "resolved", "submitted", "assigned", "rejected"])},
             1, "cannot go from submitted to resolved"),
            ({"at": np.array([T0, np.datetime64("NaT"), T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR])},
             1, "missing \\(NaT\\)"),
            ({"status": np.array(["submitted", "verified", "verified", "assigned", "rejected"])},
             2, "report B starts with verified, not submitted"),
            ({"report_id": np.array(["A", "A", None, "A", "B"], dtype=object)},
             2, "report id is missing"),
        ],
    )  # fmt: skip
    def test_refused_with_the_row_and_the_reason(
        self, changes: dict[str, object], row: int, reason: str
    ) -> None:
        """Each kind of bad row is named by its number in the order given, with the reason."""
        with pytest.raises(InvalidEventTableError, match=f"row {row}: .*{reason}") as caught:
            EventTable.from_columns(**simple(**changes))
        assert row in caught.value.rows
        assert isinstance(caught.value, ValueError)

    def test_many_bad_rows_are_cut_short(self) -> None:
        """The message lists 20 rows, then says how many more; .rows has them all."""
        count = 50
        with pytest.raises(InvalidEventTableError, match="and 30 more") as caught:
            EventTable.from_columns(
                report_id=np.array([f"R{i}" for i in range(count)]),
                at=np.full(count, T0),
                status=np.array(["resolved"] * count),
            )
        assert caught.value.rows == tuple(range(count))
        assert len(caught.value.problems) == 20

    def test_an_illegal_table_built_directly_is_refused(self) -> None:
        """The constructor checks the histories too (and unpickling goes through it)."""
        table = EventTable.from_columns(**simple())
        status = table.status.copy()
        status[1] = STATUSES.index(STATUSES[5])  # submitted -> resolved
        with pytest.raises(InvalidEventTableError, match="row 1"):
            EventTable(
                table.report_ids, table.report, table.at, status, table.agency, table.category,
                table.ward, table.district, table.agencies, table.categories, table.wards,
                table.districts,
            )  # fmt: skip


class TestValue:
    def test_pickles_equal_and_read_only(self) -> None:
        _city, reports = semarang_reports()
        table = EventTable.from_reports(reports[:500])
        loaded = pickle.loads(pickle.dumps(table))  # noqa: S301 - our own bytes
        assert loaded == table
        assert not loaded.at.flags.writeable
        assert not loaded.report_ids.flags.writeable

    def test_columns_are_read_only(self) -> None:
        table = EventTable.from_columns(**simple())
        for name in ("report_ids", "report", "at", "status", "agency", "category", "ward"):
            with pytest.raises(ValueError, match="read-only"):
                getattr(table, name)[0] = getattr(table, name)[1]

    def test_the_callers_arrays_stay_writable(self) -> None:
        columns = simple()
        EventTable.from_columns(**columns)
        assert columns["at"].flags.writeable  # type: ignore[union-attr]

    def test_memory_per_event_is_small(self) -> None:
        """At most 64 bytes an event, report ids included."""
        _city, reports = semarang_reports()
        table = EventTable.from_reports(reports)
        assert table.nbytes / len(table) <= 64

    def test_repr_counts(self) -> None:
        assert repr(EventTable.from_columns(**simple())) == "EventTable(5 events of 2 reports)"

    def test_latest_refuses_unknown_columns(self) -> None:
        with pytest.raises(InvalidArgumentError, match="column must be"):
            EventTable.from_columns(**simple()).latest("reporter")
