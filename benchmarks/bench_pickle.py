"""Objects that travel: pickled size, dumps and loads time, and speed after loading.

Run: ``uv run python benchmarks/bench_pickle.py`` (``--quick`` for a smoke run).

Spark's broadcast, Dask's workers and ``multiprocessing`` ship values with the standard
pickler. For a 40-year Indonesian calendar, the Semarang ward map and the sample city, this
prints the size of ``pickle.dumps`` (highest protocol), the time to dump and to load, and the
time of a hot call on the original and on the loaded copy (ratio ~1: nothing is lost on the
way, shapely's preparation included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np

from smartcity.desk import City
from smartcity.reports import Report
from smartcity.samples import generate_reports, semarang
from smartcity.sla import WorkingCalendar

WIB = ZoneInfo("Asia/Jakarta")


def best(func: Callable[[], object], *, repeat: int) -> float:
    """Best-of-``repeat`` seconds of one call."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return min(timings)


def travel(label: str, value: object, *, repeat: int) -> object:
    """Print size, dumps and loads time of ``value``; return a loaded copy."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    dumps = best(lambda: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), repeat=repeat)
    loads = best(lambda: pickle.loads(data), repeat=repeat)  # noqa: S301 - our own bytes
    print(
        f"  {label:<34} {len(data) / 1024:8.1f} KiB   dumps {dumps * 1e3:8.2f} ms   "
        f"loads {loads * 1e3:8.2f} ms"
    )
    return pickle.loads(data)  # noqa: S301 - our own bytes


def hot(label: str, before: Callable[[], object], after: Callable[[], object], repeat: int) -> None:
    """Print the time of a hot call on the original and on the loaded copy."""
    assert before() == after()
    first, second = best(before, repeat=repeat), best(after, repeat=repeat)
    print(
        f"  {label:<46} original {first * 1e3:8.2f} ms   loaded {second * 1e3:8.2f} ms   "
        f"ratio loaded/original {second / first:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and points")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    points = 20_000 if args.quick else 200_000

    calendar = WorkingCalendar.indonesia(years=range(2000, 2040))
    city = semarang()
    ward_map = city.ward_map
    tables = len(pickle.dumps(calendar._timeline, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: SLF001

    print("pickle.dumps / pickle.loads (standard pickler, highest protocol)")
    print(f"  (a 40-year calendar's derived tables alone would pickle to {tables / 1024:.1f} KiB)")
    calendar2 = travel("calendar, Indonesia 2000-2039", calendar, repeat=repeat)
    ward_map2 = travel("ward map, Semarang (177 wards)", ward_map, repeat=repeat)
    city2 = travel("city, the Semarang sample", city, repeat=repeat)
    assert isinstance(calendar2, WorkingCalendar)
    assert isinstance(city2, City)

    print("hot calls before and after loading")
    rng = np.random.default_rng(7)
    origin = dt.datetime(2001, 1, 1, tzinfo=WIB)
    starts = [origin + dt.timedelta(minutes=int(m)) for m in rng.integers(0, 37 * 525_600, 2000)]
    hot(
        "calendar.add_working_days x 2,000",
        lambda: [calendar.add_working_days(s, 5) for s in starts],
        lambda: [calendar2.add_working_days(s, 5) for s in starts],
        repeat,
    )
    instants = np.array([s.timestamp() * 1e6 for s in starts], dtype="int64").astype(
        "datetime64[us]"
    )
    hot(
        "calendar.add_working_days_many x 2,000",
        lambda: calendar.add_working_days_many(instants, 5).tolist(),
        lambda: calendar2.add_working_days_many(instants, 5).tolist(),
        repeat,
    )
    lats = rng.uniform(-7.15, -6.93, points)
    lons = rng.uniform(110.26, 110.52, points)
    hot(
        f"ward_map.locate_many x {points:,}",
        lambda: list(ward_map.locate_many(lats, lons)),
        lambda: list(ward_map2.locate_many(lats, lons)),  # type: ignore[attr-defined]
        repeat,
    )
    reports = generate_reports(
        city, count=500, start=dt.datetime(2025, 3, 3, tzinfo=WIB), end=origin.replace(2025, 9)
    )

    def intake(on: City) -> list[Report]:
        return [on.intake(r, at=r.submitted_at + dt.timedelta(minutes=5)) for r in reports]

    hot("city.intake x 500", lambda: intake(city), lambda: intake(city2), repeat)


if __name__ == "__main__":
    main()
