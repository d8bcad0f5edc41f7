"""The statistics on a Dask cluster against one process, and what travels to the workers.

Run: ``uv run python benchmarks/bench_dask.py`` (``--reports 30000`` for a quick run; needs
``smartcity[dask]``). It prints:

1. the pickled size (standard pickler, highest protocol) and the dumps and loads time of a
   40-year Indonesian calendar, the Semarang schedule, the agency calendars of the sample city
   as the Dask functions ship them, and the sample city (ward map included);
2. on the same generated Semarang events (reports made as in ``bench_columnar.py``), the
   one-process ``sla_performance`` on an event table (building the table from the columns
   included) against ``sla_performance_dask`` on a local cluster of ``--workers`` worker
   processes of one thread, from a ``dask.dataframe`` already partitioned by report id
   (``set_index("report_id")``, persisted on the workers first: the shuffle is not timed), with
   the ratio. The rows are checked equal before any time is printed.

A local cluster on a 2-core machine is for correctness, not speed: the workers share the cores
with the scheduler and the client, every partition is pickled between processes, and the
one-process engine already runs a million events in about a second.
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections.abc import Callable

import dask.dataframe as dd
import numpy as np
import pandas as pd
from distributed import Client, LocalCluster, wait

from bench_columnar import NOW, columns, pool
from smartcity.columnar import EventTable
from smartcity.columnar.dask import sla_performance_dask
from smartcity.samples import semarang, semarang_schedule
from smartcity.sla import WorkingCalendar
from smartcity.stats import sla_performance


def best(func: Callable[[], object], *, repeat: int) -> float:
    """Best-of-``repeat`` seconds of one call."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return min(timings)


def travel(label: str, value: object, *, repeat: int = 5) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    dumps = best(lambda: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), repeat=repeat)
    loads = best(lambda: pickle.loads(data), repeat=repeat)  # noqa: S301 - our own bytes
    print(
        f"  {label:<44} {len(data) / 1024:8.1f} KiB   dumps {dumps * 1e3:7.2f} ms   "
        f"loads {loads * 1e3:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=150_000, help="reports (default 150,000)")
    parser.add_argument("--partitions", type=int, default=8, help="partitions of the frame")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    options = parser.parse_args()

    city = semarang()
    assert city.schedule is not None
    calendars = {code: city.calendar_for(code) for code in city.agencies}
    print("what travels to the workers (pickle.dumps / pickle.loads, standard pickler)")
    travel("calendar, Indonesia 2000-2039", WorkingCalendar.indonesia(years=range(2000, 2040)))
    travel("schedule, Semarang", semarang_schedule())
    travel("agency calendars of the sample city (a dict)", calendars)
    travel("city, the Semarang sample (ward map included)", city)
    print()

    templates = pool(city, 3_000)
    template = EventTable.from_reports(templates)
    data = columns(template, options.reports, np.random.default_rng(9))
    frame = pd.DataFrame(data)
    frame["event"] = np.arange(len(frame))  # numbers the events: Dask does not keep row order
    for name in ("status", "agency", "category", "ward", "district"):
        frame[name] = frame[name].astype("category")
    print(f"{options.reports:,} reports, {len(frame):,} events; now = {NOW}")

    def one_process() -> object:
        table = EventTable.from_columns(**data)
        return sla_performance(
            table, city.schedule, city.calendar, now=NOW, agency_calendars=calendars
        )

    expected = one_process()
    one_s = best(one_process, repeat=options.repeat)

    with (
        LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster),
    ):
        start = time.perf_counter()
        events = (
            dd.from_pandas(frame, npartitions=options.partitions, sort=False)
            .set_index("report_id")
            .persist()
        )
        wait(events)
        shuffle_s = time.perf_counter() - start

        def on_dask() -> object:
            return sla_performance_dask(
                events,
                city.schedule,
                city.calendar,
                now=NOW,
                agency_calendars=calendars,
                order_by="event",
            )

        assert on_dask() == expected, "the Dask rows differ from the one-process rows"
        dask_s = best(on_dask, repeat=options.repeat)

    workers = f"{options.workers} worker processes x 1 thread"
    print(f"  one process: columns -> EventTable -> sla_performance   {one_s:8.2f} s")
    print(f"  Dask, {workers}, {options.partitions} partitions: {dask_s:8.2f} s")
    print(f"  ratio Dask / one process                                 {dask_s / one_s:8.2f}")
    print(f"  (not timed: set_index('report_id') and persist, {shuffle_s:.1f} s)")
    print("  rows identical: yes (checked before timing)")


if __name__ == "__main__":
    main()
