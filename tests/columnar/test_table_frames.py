"""EventTable.from_frame: pandas, polars and Arrow frames read through narwhals."""

from __future__ import annotations

import builtins
import sys

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from columnar_factories import columns_of, semarang_reports
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity.columnar import EventTable
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidEventTableError,
    MissingDependencyError,
)
from smartcity.reports import Report
from smartcity.testing import histories

LABELS = ("agency", "category", "ward", "district")


def pandas_frame(columns: dict[str, np.ndarray], zone: str = "Asia/Jakarta") -> pd.DataFrame:
    """The columns as a pandas frame, instants in ``zone``."""
    frame = pd.DataFrame({name: columns[name] for name in columns if name != "at"})
    frame["at"] = pd.Series(columns["at"]).dt.tz_localize("UTC").dt.tz_convert(zone)
    return frame


def hour_rows() -> pd.DataFrame:
    """Two small legal histories, agency as a categorical."""
    t0 = pd.Timestamp("2025-03-03T08:00", tz="Asia/Jakarta")
    hour = pd.Timedelta(hours=1)
    return pd.DataFrame(
        {
            "report_id": ["A", "A", "B", "A", "B"],
            "at": pd.DatetimeIndex([t0, t0 + hour, t0 + hour, t0 + 2 * hour, t0 + 3 * hour]),
            "status": ["submitted", "verified", "submitted", "assigned", "rejected"],
            "agency": pd.Categorical([None, None, None, "DPU", None]),
        }
    )


class TestSameTableEveryWay:
    @given(
        st.lists(histories(), max_size=5, unique_by=lambda r: r.report_id),
        st.sampled_from(["UTC", "Asia/Jakarta", "America/Sao_Paulo"]),
    )
    @settings(max_examples=25)
    def test_frames_columns_and_reports_agree(self, reports: list[Report], zone: str) -> None:
        """from_frame(pandas) == from_frame(polars) == from_columns == from_reports."""
        columns = columns_of(reports)
        expected = EventTable.from_reports(reports)
        frame = pandas_frame(columns, zone)
        assert expected == EventTable.from_columns(**columns)
        assert expected == EventTable.from_frame(frame)
        assert expected == EventTable.from_frame(pl.from_pandas(frame))
        assert expected == EventTable.from_frame(pa.Table.from_pandas(frame))

    @given(st.lists(histories(), min_size=1, max_size=5, unique_by=lambda r: r.report_id))
    @settings(max_examples=15)
    def test_categoricals_give_the_same_table(self, reports: list[Report]) -> None:
        """Categorical columns, read by their codes, give the table their strings give."""
        frame = pandas_frame(columns_of(reports))
        expected = EventTable.from_frame(frame)
        coded = frame.astype(dict.fromkeys(("report_id", "status", *LABELS), "category"))
        assert expected == EventTable.from_frame(coded)
        assert expected == EventTable.from_frame(pa.Table.from_pandas(coded))
        polars = pl.from_pandas(frame).with_columns(
            pl.col(*LABELS).cast(pl.Categorical), pl.col("status").cast(pl.Categorical)
        )
        assert expected == EventTable.from_frame(polars)

    def test_generated_semarang_reports(self) -> None:
        """3,000 moved Semarang reports: the frame's table is the reports' table."""
        _, reports = semarang_reports()
        columns = columns_of(list(reports), seed=3)
        frame = pandas_frame(columns).astype({"agency": "category", "ward": "category"})
        assert EventTable.from_reports(reports) == EventTable.from_frame(frame)

    def test_any_unit_and_zone(self) -> None:
        """Seconds, milliseconds and nanoseconds, in any zone, name the same instants."""
        frame = hour_rows()
        expected = EventTable.from_frame(frame)
        for unit in ("s", "ms", "ns"):
            changed = frame.assign(at=frame["at"].dt.as_unit(unit).dt.tz_convert("Asia/Tokyo"))
            assert expected == EventTable.from_frame(changed)
        polars = pl.from_pandas(frame).with_columns(pl.col("at").dt.cast_time_unit("ns"))
        assert expected == EventTable.from_frame(polars)


class TestColumnNames:
    def test_names_are_configurable(self) -> None:
        """Columns under other names are read when named."""
        frame = hour_rows()
        renamed = frame.rename(columns={"report_id": "id", "at": "when", "agency": "dinas"})
        table = EventTable.from_frame(renamed, report_id="id", at="when", agency="dinas")
        assert table == EventTable.from_frame(frame)

    def test_absent_label_columns_are_missing(self) -> None:
        """A label column absent at its default name, or named None, is all missing."""
        frame = hour_rows()
        left_out = EventTable.from_frame(frame, agency=None)
        assert left_out == EventTable.from_frame(frame.drop(columns="agency"))
        assert set(left_out.agency.tolist()) == {-1}
        assert left_out.wards == ()

    def test_a_named_column_must_exist(self) -> None:
        """A name given that the frame lacks is refused, with the columns it has."""
        with pytest.raises(InvalidArgumentError, match="no column 'kelurahan' for ward"):
            EventTable.from_frame(hour_rows(), ward="kelurahan")
        with pytest.raises(InvalidArgumentError, match="no column 'at' for at"):
            EventTable.from_frame(hour_rows().drop(columns="at"))

    def test_a_name_must_be_text(self) -> None:
        with pytest.raises(InvalidArgumentError, match="report_id must be text"):
            EventTable.from_frame(hour_rows(), report_id=3)  # type: ignore[arg-type]


class TestRefused:
    def test_naive_timestamps(self) -> None:
        """Timestamps without a zone name no instant: refused, saying how to localise them."""
        frame = hour_rows()
        naive = frame.assign(at=frame["at"].dt.tz_localize(None))
        with pytest.raises(InvalidArgumentError, match=r"naive timestamps.*tz_localize"):
            EventTable.from_frame(naive)
        with pytest.raises(InvalidArgumentError, match="naive timestamps"):
            EventTable.from_frame(pl.from_pandas(naive))

    def test_instants_that_are_not_timestamps(self) -> None:
        frame = hour_rows()
        with pytest.raises(InvalidArgumentError, match="must hold timestamps with a time zone"):
            EventTable.from_frame(frame.assign(at=frame["at"].astype(str)))

    def test_labels_that_are_not_strings(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"'ward' \(ward\) must hold strings"):
            EventTable.from_frame(hour_rows().assign(ward=[1, 2, 3, 4, 5]))

    def test_not_a_frame(self) -> None:
        with pytest.raises(InvalidArgumentError, match="frame must be a dataframe"):
            EventTable.from_frame({"report_id": ["A"]})

    @pytest.mark.parametrize(
        ("column", "values", "row", "reason"),
        [
            ("at", [0, None, 2, 3, 4], 1, "missing \\(NaT\\)"),
            ("report_id", ["A", "A", None, "A", "B"], 2, "report id is missing"),
            ("status", ["submitted", None, "submitted", "assigned", "rejected"], 1, "status"),
            ("ward", [None, 5, None, "W", None], 1, "not a string|str"),
        ],
    )
    def test_nulls_are_reported_by_row(
        self, column: str, values: list[object], row: int, reason: str
    ) -> None:
        """A null where a value is needed refuses its row, by number, with the reason."""
        frame = hour_rows()
        if column == "at":
            hours = [None if v is None else pd.Timedelta(hours=int(v)) for v in values]
            start = frame["at"].iloc[0]
            frame["at"] = pd.Series([None if h is None else start + h for h in hours]).astype(
                frame["at"].dtype
            )
        else:
            frame[column] = pd.Series(values, dtype=object)
        with pytest.raises(InvalidEventTableError, match=f"row {row}: .*({reason})") as caught:
            EventTable.from_frame(frame)
        assert row in caught.value.rows


class TestWithoutNarwhals:
    def test_a_clear_error_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without narwhals, from_frame says which extra to install."""
        real_import = builtins.__import__

        def no_narwhals(name: str, *args: object, **kwargs: object) -> object:
            if name.startswith("narwhals"):
                raise ImportError(name)
            return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

        for name in [module for module in sys.modules if module.startswith("narwhals")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setattr(builtins, "__import__", no_narwhals)
        with pytest.raises(MissingDependencyError, match=r"smartcity\[frames\]") as caught:
            EventTable.from_frame(hour_rows())
        assert isinstance(caught.value, ImportError)
