"""Columns given grouped, interleaved, as objects or already encoded: one and the same table."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.columnar import STATUSES, EventTable
from smartcity.exceptions import InvalidArgumentError, InvalidEventTableError
from smartcity.reports import Report
from smartcity.testing import histories

REPORTS = st.lists(histories(), max_size=5, unique_by=lambda r: r.report_id)
LABELS = ("agency", "category", "ward", "district")
PLURAL = {"agency": "agencies", "category": "categories", "ward": "wards", "district": "districts"}


def as_strings(table: EventTable) -> dict[str, np.ndarray]:
    """The table's columns as a user has them: numpy str, "" for no value."""
    columns: dict[str, np.ndarray] = {
        "report_id": table.report_ids[table.report],
        "at": table.instants(),
        "status": np.array([s.value for s in STATUSES])[table.status],
    }
    for name in LABELS:
        labels = np.array(("", *getattr(table, PLURAL[name])))
        columns[name] = labels[getattr(table, name) + 1]
    return columns


class TestColumnsGivenInAnyForm:
    @given(REPORTS, st.randoms(use_true_random=False))
    def test_interleaved_rows_build_the_same_table(
        self, reports: list[Report], rng: object
    ) -> None:
        """Reports' rows mixed together (each report's own order kept): the same table."""
        table = EventTable.from_reports(reports)
        columns = as_strings(table)
        count = len(table)
        shuffled = list(range(count))
        rng.shuffle(shuffled)  # type: ignore[attr-defined]
        order = np.empty(count, dtype=np.int64)
        # Keep the report sequence of the shuffle, each report's rows in their own order.
        order[np.argsort(table.report[shuffled], kind="stable")] = np.arange(count)
        mixed = {name: values[order] for name, values in columns.items()}
        assert EventTable.from_columns(**mixed) == table

    @given(REPORTS)
    def test_object_columns_build_the_same_table(self, reports: list[Report]) -> None:
        """Object arrays with None for no value (what a DataFrame hands over)."""
        table = EventTable.from_reports(reports)
        columns = {name: values.astype(object) for name, values in as_strings(table).items()}
        columns["at"] = table.instants()
        for name in LABELS:
            columns[name] = np.where(columns[name] == "", None, columns[name])
        assert EventTable.from_columns(**columns) == table

    @given(REPORTS, st.randoms(use_true_random=False))
    def test_encoded_columns_build_the_same_table(self, reports: list[Report], rng: object) -> None:
        """(codes, labels) pairs with labels in any order, unused or repeated: the same table."""
        table = EventTable.from_reports(reports)
        columns: dict[str, object] = dict(as_strings(table))
        for name in ("report_id", *LABELS):
            labels = (
                list(table.report_ids)
                if name == "report_id"
                else list(getattr(table, PLURAL[name]))
            )
            codes = table.report if name == "report_id" else getattr(table, name)
            extended = [*labels, "never-used", *labels[:1]]
            shuffled = list(range(len(extended)))
            rng.shuffle(shuffled)  # type: ignore[attr-defined]
            where = {old: new for new, old in enumerate(shuffled)}
            remap = np.array([where[i] for i in range(len(labels))] + [-1], dtype=np.int64)
            columns[name] = (
                remap[np.where(codes < 0, len(labels), codes)],
                [extended[i] for i in shuffled],
            )
        assert EventTable.from_columns(**columns) == table  # type: ignore[arg-type]


class TestEncodedColumnsAreChecked:
    @pytest.mark.parametrize(
        ("agency", "match"),
        [
            ((np.array([0, 5]), ["DPU"]), "index its 1 labels"),
            ((np.array([0.0, 0.0]), ["DPU"]), "must be integers"),
            ((np.array([0, 0]), [3]), "must be strings"),
            ((np.array([0, 0]), ["DPU"], 1), "pair"),
            ((np.array([0]), ["DPU"]), "rows"),
        ],
        ids=["range", "float", "label", "triple", "length"],
    )
    def test_bad_codes_are_refused(self, agency: object, match: str) -> None:
        """Codes outside the labels, non-integer codes, non-str labels: refused, said why."""
        with pytest.raises(InvalidArgumentError, match=match):
            EventTable.from_columns(
                report_id=np.array(["A", "A"]),
                at=np.array([0, 1]),
                status=np.array(["submitted", "verified"]),
                agency=agency,
            )

    def test_a_missing_report_code_is_a_bad_row(self) -> None:
        """-1 in encoded report ids: the row has no report, listed by number."""
        with pytest.raises(InvalidEventTableError, match="row 1: the report id is missing"):
            EventTable.from_columns(
                report_id=(np.array([0, -1]), ["A"]),
                at=np.array([0, 1]),
                status=np.array(["submitted", "submitted"]),
            )

    def test_an_unknown_status_among_known_ones_is_a_bad_row(self) -> None:
        """The fast status path still names the row and the value."""
        with pytest.raises(InvalidEventTableError, match="row 1: unknown status 'solved'"):
            EventTable.from_columns(
                report_id=np.array(["A", "A"]),
                at=np.array([0, 1]),
                status=np.array(["submitted", "solved"]),
            )
