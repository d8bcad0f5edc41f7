"""The statistics on Dask equal the one-machine statistics; cities and calendars travel once.

The large test runs 200,000 events on a local cluster of two worker processes (loopback, no
dashboard); the small ones run on Dask's synchronous scheduler.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import pickle
import sys
import typing

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from columnar_factories import NOW, agency_calendars, semarang_reports
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

import smartcity.sla._calendar._core as calendar_module
from smartcity.columnar import STATUSES, EventTable
from smartcity.columnar.dask import (
    city_performance_dask,
    partial_performance_dask,
    sla_performance_dask,
    yearly_counts_dask,
)
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidEventTableError,
    InvalidStatisticsError,
    MissingDependencyError,
    UnknownPolicyError,
)
from smartcity.stats import PartialPerformance, sla_performance, yearly_counts

WEEK_US = 7 * 86_400 * 1_000_000
EVENTS = 200_000
BY = ("agency", "month")


def columns(reports: int, seed: int) -> dict[str, np.ndarray]:
    """``reports`` reports as numpy columns: template report ``i % P`` moved by some weeks."""
    _, templates = semarang_reports()
    template = EventTable.from_reports(templates)
    rng = np.random.default_rng(seed)
    lengths = np.diff(template.starts)
    chosen = np.arange(reports) % template.report_count
    per_report = lengths[chosen]
    weeks = np.repeat(rng.integers(-30, 1, size=reports), per_report)
    first = np.repeat(template.starts[:-1][chosen], per_report)
    within = np.arange(per_report.sum()) - np.repeat(np.cumsum(per_report) - per_report, per_report)
    rows = first + within

    def labels(codes: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
        return np.array(("", *names))[codes[rows] + 1]

    return {
        "report_id": np.repeat(np.array([f"R{i:07d}" for i in range(reports)]), per_report),
        "at": (
            template.at[rows]  # noqa: PD008 - a numpy column
            + weeks * WEEK_US
        ).astype("datetime64[us]"),
        "status": np.array([s.value for s in STATUSES])[template.status[rows]],
        "agency": labels(template.agency, template.agencies),
        "category": labels(template.category, template.categories),
        "ward": labels(template.ward, template.wards),
        "district": labels(template.district, template.districts),
    }


@functools.cache
def events(count: int, seed: int = 3) -> tuple[pd.DataFrame, EventTable]:
    """About ``count`` events as a pandas frame (labels categorical, events numbered) and a table.

    The frame's rows are shuffled, as events arrive from many sources.
    """
    _, templates = semarang_reports()
    per_report = sum(len(r.history) for r in templates) / len(templates)
    data = columns(round(count / per_report), seed)
    table = EventTable.from_columns(**data)
    frame = pd.DataFrame(data)
    frame["event"] = np.arange(len(frame))
    for name in ("status", "agency", "category", "ward", "district"):
        frame[name] = frame[name].astype("category")
    shuffled = np.random.default_rng(seed).permutation(len(frame))
    return frame.iloc[shuffled].reset_index(drop=True), table


def by_report(frame: pd.DataFrame, npartitions: int) -> dd.DataFrame:
    """The documented layout: partitions by report-id ranges."""
    return dd.from_pandas(frame, npartitions=npartitions, sort=False).set_index("report_id")


def calendar_rules() -> tuple[typing.Any, typing.Any, dict[str, typing.Any]]:
    city, _ = semarang_reports()
    assert city.schedule is not None
    return city.schedule, city.calendar, agency_calendars(city)


# -- the cluster --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> typing.Iterator[Client]:
    """Two worker processes of one thread on 127.0.0.1, no dashboard; closed after the tests."""
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "30s"}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster, timeout="60s") as opened,
    ):
        opened.wait_for_workers(2, timeout=60)
        yield opened


def count_calendar_loads(client: Client) -> None:
    """On every worker, count the calendars unpickled from now on."""

    def install() -> None:
        module = importlib.import_module("smartcity.sla._calendar._core")
        original = getattr(module, "_uncounted", module._calendar_from_definition)

        def counted(*definition: object) -> object:
            module._loads += 1  # type: ignore[attr-defined]
            return original(*definition)

        module._uncounted = original  # type: ignore[attr-defined]
        module._loads = 0  # type: ignore[attr-defined]
        module._calendar_from_definition = counted

    client.run(install)


def calendar_loads(client: Client) -> list[int]:
    def loads() -> int:
        return int(importlib.import_module("smartcity.sla._calendar._core")._loads)

    return sorted(client.run(loads).values())


def loads_of(value: object) -> int:
    """How many calendars one ``pickle.loads`` of ``value`` rebuilds."""
    original = calendar_module._calendar_from_definition
    calls = []

    def counted(*definition: object) -> object:
        calls.append(1)
        return original(*definition)

    data = pickle.dumps(value)
    calendar_module._calendar_from_definition = counted  # type: ignore[assignment]
    try:
        pickle.loads(data)  # noqa: S301 - our own bytes
    finally:
        calendar_module._calendar_from_definition = original  # type: ignore[assignment]
    return len(calls)


class TestTwoWorkerProcessesGiveTheOneMachineRows:
    def test_200000_events_with_the_city_scattered_once(self, client: Client) -> None:
        """Every row equal, field by field; each worker loads the city once, not per task."""
        frame, table = events(EVENTS)
        assert len(frame) >= EVENTS
        city, _ = semarang_reports()
        schedule, calendar, calendars = calendar_rules()
        expected = sla_performance(
            table, schedule, calendar, now=NOW, by=BY, agency_calendars=calendars
        )
        partitions = 12
        frame_by_report = by_report(frame, partitions)
        count_calendar_loads(client)
        shipped = client.scatter(city, broadcast=True)
        actual = city_performance_dask(
            frame_by_report, shipped, now=NOW, by=BY, order_by="event", split_every=3
        )
        assert expected == actual
        assert len(actual) > 20
        # Shipped per task, the city would load 12 times; broadcast, each worker loads it once
        # (a worker may load a replica again when the scheduler moves it: a few times at most).
        loads = calendar_loads(client)
        assert loads[0] >= loads_of(city)
        assert sum(loads) <= 4 * loads_of(city)

    def test_values_given_travel_as_one_task_each(self, client: Client) -> None:
        """Schedule and calendars given as values are scattered: not loaded once a task."""
        frame, table = events(EVENTS // 4, seed=5)
        schedule, calendar, calendars = calendar_rules()
        expected = sla_performance(
            table, schedule, calendar, now=NOW, by=("district",), agency_calendars=calendars
        )
        count_calendar_loads(client)
        actual = sla_performance_dask(
            by_report(frame, 20),
            schedule,
            calendar,
            now=NOW,
            by=("district",),
            agency_calendars=calendars,
            order_by="event",
        )
        assert expected == actual
        once = loads_of(calendar) + loads_of(calendars)
        assert once == 3  # the city's calendar twice (memoised in the dict), the fire brigade's
        # Shipped per task, 20 partitions would load them 20 times each.
        loads = calendar_loads(client)
        assert loads[0] >= once
        assert sum(loads) <= 2 * 2 * once

    def test_yearly_counts(self, client: Client) -> None:
        frame, table = events(EVENTS // 4, seed=5)
        assert yearly_counts_dask(by_report(frame, 6), order_by="event") == yearly_counts(table)
        assert client.status == "running"


def sorted_by_report(frame: pd.DataFrame, npartitions: int) -> dd.DataFrame:
    """The other layout: a frame sorted by report id, cut between reports by from_pandas."""
    ordered = frame.set_index("report_id").sort_index(kind="stable")
    return dd.from_pandas(ordered, npartitions=npartitions, sort=True)


class TestTheGraphHoldsEachValueOnce:
    def test_one_key_holds_the_calendar_and_every_partition_task_depends_on_it(self) -> None:
        """Without a distributed client, a value is one task of the graph, not copied per task."""
        frame, _ = events(5_000)
        schedule, calendar, calendars = calendar_rules()
        with dask.config.set(scheduler="sync"):
            lazy = partial_performance_dask(
                sorted_by_report(frame, 6),
                schedule,
                calendar,
                now=NOW,
                agency_calendars=calendars,
                order_by="event",
            )
        graph = dict(lazy.__dask_graph__())
        holders = [key for key, task in graph.items() if getattr(task, "value", None) is calendar]
        assert len(holders) == 1
        parts = [key for key in graph if str(key).startswith("_performance_part")]
        assert len(parts) == 6
        assert all(holders[0] in graph[key].dependencies for key in parts)
        assert all(
            calendar not in getattr(graph[key], "args", ()) for key in parts
        )  # referenced by key, not embedded


class TestPartsMergeExactly:
    @settings(max_examples=8)
    @given(npartitions=st.integers(1, 9), split_every=st.integers(2, 4))
    def test_any_partitioning_and_fan_in(self, npartitions: int, split_every: int) -> None:
        """The tree of merges equals the one-machine rows, however the reports are cut."""
        frame, table = events(4_000, seed=11)
        schedule, calendar, calendars = calendar_rules()
        expected = sla_performance(
            table, schedule, calendar, now=NOW, by=("category",), agency_calendars=calendars
        )
        with dask.config.set(scheduler="sync"):
            lazy = partial_performance_dask(
                sorted_by_report(frame, npartitions),
                schedule,
                calendar,
                now=NOW,
                by=("category",),
                agency_calendars=calendars,
                order_by="event",
                split_every=split_every,
            )
            merged = lazy.compute()
        assert isinstance(merged, PartialPerformance)
        assert merged.performance() == expected


@pytest.fixture
def sync() -> typing.Iterator[None]:
    with dask.config.set(scheduler="sync"):
        yield


@pytest.mark.usefixtures("sync")
class TestRefusals:
    def rules(self) -> tuple[typing.Any, typing.Any]:
        schedule, calendar, _ = calendar_rules()
        return schedule, calendar

    def test_a_report_spanning_partitions_is_refused(self) -> None:
        """Rows cut by position, not by report: counted twice otherwise."""
        frame, _ = events(2_000)
        ordered = frame.sort_values("event").reset_index(drop=True)
        cut = dd.from_pandas(ordered, npartitions=4, sort=False)
        # Refused by the partition holding a history without its start, or by the merge.
        with pytest.raises((InvalidStatisticsError, InvalidEventTableError), match=r"span|starts"):
            sla_performance_dask(cut, *self.rules(), now=NOW, order_by="event")

    def test_partitions_whose_report_ids_interleave_are_refused(self) -> None:
        """Whole reports, but hash-like partitions: no proof that no report is counted twice."""
        frame, _ = events(2_000)
        odd = frame["report_id"].str[-1].isin(list("13579"))
        interleaved = dd.concat(
            [dd.from_pandas(frame[odd], npartitions=1), dd.from_pandas(frame[~odd], npartitions=1)]
        )
        with pytest.raises(InvalidStatisticsError, match="report may span partitions"):
            sla_performance_dask(interleaved, *self.rules(), now=NOW, order_by="event")

    def test_values_are_checked_before_anything_runs(self) -> None:
        frame, _ = events(2_000)
        events_by_report = sorted_by_report(frame, 1)
        schedule, calendar = self.rules()
        with pytest.raises(UnknownPolicyError):
            sla_performance_dask(events_by_report, schedule, calendar, now=NOW, clock="nope")
        with pytest.raises(InvalidArgumentError, match="schedule"):
            sla_performance_dask(events_by_report, calendar, calendar, now=NOW)
        city, _ = semarang_reports()
        with pytest.raises(InvalidStatisticsError, match="no SLA schedule"):
            city_performance_dask(events_by_report, city.with_schedule(None), now=NOW)
        with pytest.raises(UnknownPolicyError):
            city_performance_dask(events_by_report, city, now=NOW, clock="nope")

    def test_events_at_one_instant_need_a_numbering(self) -> None:
        """set_index does not keep the order of tied rows: a tie is refused, not guessed."""
        frame, _ = events(2_000)
        with pytest.raises(InvalidEventTableError, match="same at"):
            sla_performance_dask(sorted_by_report(frame, 2), *self.rules(), now=NOW)

    def test_bad_rows_name_their_partition(self) -> None:
        frame, _ = events(2_000)
        broken = frame.copy()
        broken["status"] = broken["status"].astype(str)
        broken.loc[broken["event"] == 3, "status"] = "lost"
        with pytest.raises(InvalidEventTableError, match=r"partition 0: unknown status 'lost'"):
            sla_performance_dask(
                sorted_by_report(broken, 2), *self.rules(), now=NOW, order_by="event"
            )

    def test_a_pandas_frame_is_not_a_dask_frame(self) -> None:
        frame, _ = events(2_000)
        with pytest.raises(InvalidArgumentError, match=r"dask\.dataframe\.from_pandas"):
            sla_performance_dask(frame, *self.rules(), now=NOW)

    def test_missing_columns_are_named(self) -> None:
        frame, _ = events(2_000)
        lacking = dd.from_pandas(frame.drop(columns=["status"]), npartitions=1)
        with pytest.raises(InvalidArgumentError, match="lacks status"):
            sla_performance_dask(lacking, *self.rules(), now=NOW)

    def test_naive_now_and_small_fan_in_are_refused(self) -> None:
        frame, _ = events(2_000)
        events_by_report = sorted_by_report(frame, 1)
        with pytest.raises(ValueError, match=r"time zone|aware"):
            sla_performance_dask(events_by_report, *self.rules(), now=dt.datetime(2025, 1, 1))  # noqa: DTZ001
        with pytest.raises(InvalidStatisticsError, match="split_every"):
            sla_performance_dask(events_by_report, *self.rules(), now=NOW, split_every=1)

    def test_without_dask_the_error_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        frame, _ = events(2_000)
        events_by_report = sorted_by_report(frame, 1)
        monkeypatch.setitem(sys.modules, "dask.dataframe", None)
        with pytest.raises(MissingDependencyError, match=r"smartcity\[dask\]") as caught:
            sla_performance_dask(events_by_report, *self.rules(), now=NOW)
        assert isinstance(caught.value, ImportError)
