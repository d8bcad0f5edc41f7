"""The columnar engine against the object path and an analyst's numpy + pandas pipeline.

Run: ``uv run python benchmarks/bench_columnar.py`` (``--count 100000`` for a quick run). On the
same N generated Semarang reports (default 1,000,000; generation is not timed) it times:

1. building the :class:`~smartcity.columnar.EventTable` from numpy columns (the way millions of
   events arrive from a database), and from ``Report`` values on the subsample;
2. :func:`~smartcity.columnar.clock_table` for the follow-up policy (5 working days), each
   report on its agency's calendar;
3. the object path, ``SlaClock.of`` for each report of a subsample (``--sample``, default
   20,000), scaled to N;
4. an analyst's day-granular pipeline with numpy + pandas (``np.busday_offset`` with the same
   closed dates, no pauses, one calendar for everyone), written out below;
5. :func:`~smartcity.stats.sla_performance` by agency on the table (exact working-time clocks,
   pauses, each agency's calendar, exact medians), alone and with the table's building (the
   whole "columns to rows"), and the object path's ``sla_performance`` on the subsample, scaled
   to N (after checking that both paths give identical rows on the subsample);
6. with ``--passes 2048,16384,...``: the statistics on the table with that many reports
   judged in one pass of the clocks (the engine's ``REPORTS_PER_PASS``);
7. with ``--scaling 100000,1000000,...``: the columnar steps again at each size, per event,
   with the peak memory of columns -> table -> rows (tracemalloc, a separate run), and the
   build from label columns already encoded as ``(codes, labels)`` (a categorical's or a
   database's form).

It prints the times, the ratios, the peak memory of each columnar step (tracemalloc, in a
second run: tracing slows it down) and of the process, and how often the analyst's verdict
(met or missed) agrees with the exact clocks. It checks first that the columnar clocks equal
the object path's on the subsample.

The reports: a pool of a few thousand histories made by the sample city (intake, then
``progress_reports``), each report taking one of them under its own id, moved by a whole
number of weeks (so every history stays legal and stays in the calendar's years).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
import tracemalloc
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import numpy as np
import pandas as pd

from smartcity.columnar import CLOCK_STATES, STATUSES, EventTable, _clocks, clock_table
from smartcity.desk import City
from smartcity.reports import Report
from smartcity.samples import generate_reports, progress_reports, semarang
from smartcity.sla import ClockState, SlaClock, SlaPolicy
from smartcity.stats import sla_performance

WIB = ZoneInfo("Asia/Jakarta")
POOL_END = dt.datetime(2025, 6, 30, tzinfo=WIB)
NOW = dt.datetime(2026, 12, 15, 12, tzinfo=WIB)
WEEK_US = 7 * 86_400 * 1_000_000
MAX_WEEKS = 75  # the pool is January-June 2025; moved up to 75 weeks, all stays before 2027


def pool(city: City, size: int) -> list[Report]:
    submitted = generate_reports(
        city, count=size, start=dt.datetime(2025, 1, 2, tzinfo=WIB), end=POOL_END, seed=9
    )
    now = POOL_END + dt.timedelta(days=60)
    return [
        progress_reports(city.intake(r, at=r.submitted_at + dt.timedelta(minutes=20)), now=now)
        for r in submitted
    ]


def columns(template: EventTable, count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """N reports as numpy columns: report i is template ``i % P`` moved by some weeks."""
    lengths = np.diff(template.starts)
    chosen = np.arange(count) % template.report_count
    weeks = rng.integers(0, MAX_WEEKS, size=count)
    per_report = lengths[chosen]
    first = np.repeat(template.starts[:-1][chosen], per_report)
    within = np.arange(per_report.sum()) - np.repeat(np.cumsum(per_report) - per_report, per_report)
    rows = first + within
    ids = np.array([f"R{i:07d}" for i in range(count)])

    def labels(codes: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
        return np.array(("", *names))[codes[rows] + 1]

    return {
        "report_id": np.repeat(ids, per_report),
        "at": (template.at[rows] + np.repeat(weeks, per_report) * WEEK_US).astype(  # noqa: PD008
            "datetime64[us]"
        ),
        "status": np.array([s.value for s in STATUSES])[template.status[rows]],
        "agency": labels(template.agency, template.agencies),
        "category": labels(template.category, template.categories),
        "ward": labels(template.ward, template.wards),
        "district": labels(template.district, template.districts),
    }


def sample_reports(reports: list[Report], data: dict[str, np.ndarray], n: int) -> list[Report]:
    """The first ``n`` reports of the columns as Report values (replayed, so checked)."""
    by_id = {r.report_id: r for r in reports}
    template_ids = sorted(by_id)
    ids, at = data["report_id"], data["at"]
    firsts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    out = []
    for number, row in enumerate(firsts[:n]):
        template = by_id[template_ids[number % len(template_ids)]]
        shift = at[row].astype("datetime64[us]").astype(dt.datetime).replace(tzinfo=dt.UTC)
        delta = shift - template.submitted_at
        history = [attrs.evolve(e, at=e.at + delta) for e in template.history]
        history[0] = attrs.evolve(
            history[0], submission=attrs.evolve(template.submission, report_id=str(ids[row]))
        )
        out.append(Report.replay(history))
    return out


def analyst(data: dict[str, np.ndarray], policy: SlaPolicy, closed: np.ndarray) -> pd.DataFrame:
    """The day-granular pipeline a data analyst writes: pandas + np.busday_offset."""
    frame = pd.DataFrame({"report": data["report_id"], "at": data["at"], "status": data["status"]})
    frame["local_day"] = (frame["at"] + pd.Timedelta(hours=7)).dt.floor("D")
    starts = frame[frame["status"].isin([s.value for s in policy.start_on])]
    stops = frame[frame["status"].isin([s.value for s in policy.stop_on])]
    start = starts.groupby("report", sort=False)["local_day"].min()
    stop = stops.groupby("report", sort=False)["local_day"].min()
    result = pd.DataFrame({"start": start}).join(stop.rename("stop"), how="left")
    received = result["start"].to_numpy().astype("datetime64[D]")
    days = policy.target.n  # type: ignore[union-attr]
    due = np.busday_offset(received, days, roll="backward", holidays=closed)
    result["due"] = due
    result["met"] = result["stop"].to_numpy().astype("datetime64[D]") <= due
    return result[result["stop"].notna()]


def timed(step: Callable[[], object]) -> tuple[object, float]:
    """Run once; return the result and the seconds."""
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def traced_peak(step: Callable[[], object]) -> float:
    """Run once more under tracemalloc (which slows it down); return the peak in MB."""
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="reports (default 1 M)")
    parser.add_argument("--sample", type=int, default=20_000, help="object-path subsample")
    parser.add_argument("--pool", type=int, default=5_000, help="distinct template histories")
    parser.add_argument(
        "--scaling", default="", help="comma-separated report counts to time the columnar steps at"
    )
    parser.add_argument(
        "--passes", default="", help="comma-separated numbers of reports a pass to time (5) with"
    )
    options = parser.parse_args()
    count, sample = options.count, min(options.sample, options.count)

    city = semarang()
    assert city.schedule is not None
    follow_up = next(
        rule.policy
        for rule in city.schedule.rules
        if rule.policy.name == "follow-up" and rule.policy.target.n == 5  # type: ignore[union-attr]
    )
    calendars = {code: city.calendar_for(code) for code in city.agencies}
    print(f"generating {count:,} reports from a pool of {options.pool:,} histories ...")
    templates = pool(city, options.pool)
    template = EventTable.from_reports(templates)
    data = columns(template, count, np.random.default_rng(9))
    events = len(data["at"])
    subsample = sample_reports(templates, data, sample)
    print(f"{count:,} reports, {events:,} events ({events / count:.1f} a report); now = {NOW}")
    print()

    table, build_s = timed(lambda: EventTable.from_columns(**data))
    assert isinstance(table, EventTable)
    sub_table, from_reports_s = timed(lambda: EventTable.from_reports(subsample))
    assert isinstance(sub_table, EventTable)

    def clocks_step() -> object:
        return clock_table(
            table, follow_up, calendar=city.calendar, now=NOW, agency_calendars=calendars
        )

    clocks, clocks_s = timed(clocks_step)

    def object_path() -> list[SlaClock]:
        return [
            SlaClock.of(report, follow_up, city.calendar_for(report.agency)) for report in subsample
        ]

    objects, object_s = timed(object_path)
    assert isinstance(objects, list)
    # The columnar clocks equal the object path's on the subsample, before any figure counts.
    sub_clocks = clock_table(
        sub_table, follow_up, calendar=city.calendar, now=NOW, agency_calendars=calendars
    )
    for clock in objects:
        index = int(np.searchsorted(sub_table.report_ids, clock.report_id))
        row = sub_clocks.row(index)
        assert row.deadline == clock.deadline, (row, clock)
        assert row.state is clock.state(NOW)
        assert row.elapsed == clock.elapsed(NOW)
        assert row.cycles == len(clock.cycles)
    object_full = object_s * count / sample

    closed = np.array(sorted({c.date for c in city.calendar.closed}), dtype="datetime64[D]")
    pipeline, pipeline_s = timed(lambda: analyst(data, follow_up, closed))
    assert isinstance(pipeline, pd.DataFrame)
    build_mb = traced_peak(lambda: EventTable.from_columns(**data))
    clocks_mb = traced_peak(clocks_step)

    # Agreement: reports whose follow-up clock stopped, verdict met/missed on both sides.
    outcome = clocks.outcome  # type: ignore[attr-defined]
    exact = pd.Series(
        np.asarray(outcome) == CLOCK_STATES.index(ClockState.MET),
        index=table.report_ids,
    )[np.asarray(outcome) >= 0]
    both = pipeline.join(exact.rename("exact"), how="inner")
    agreement = float((both["met"] == both["exact"]).mean())
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3

    print(f"{'step':<58}{'time':>10}{'peak MB':>10}")
    print(f"{'(1) EventTable.from_columns':<58}{build_s:>9.2f}s{build_mb:>10.0f}")
    scaled = from_reports_s * count / sample
    label = f"    EventTable.from_reports, {sample:,} reports scaled to N"
    print(f"{label:<58}{scaled:>9.2f}s{'':>10}")
    print(
        f"{'(2) clock_table, follow-up, agency calendars':<58}{clocks_s:>9.2f}s{clocks_mb:>10.0f}"
    )
    label = f"(3) SlaClock.of per report, {sample:,} scaled to N"
    print(f"{label:<58}{object_full:>9.2f}s{'':>10}")
    label = "(4) analyst's numpy + pandas day-granular pipeline"
    print(f"{label:<58}{pipeline_s:>9.2f}s{'':>10}")
    print()
    print(f"table memory: {table.nbytes / events:.1f} bytes an event ({table.nbytes / 1e6:.0f} MB)")
    print(f"object path / columnar clocks: {object_full / clocks_s:.0f}x")
    print(f"columnar clocks / analyst pipeline: {clocks_s / pipeline_s:.1f}x")
    print(f"columnar (table + clocks) / analyst pipeline: {(build_s + clocks_s) / pipeline_s:.1f}x")
    print(
        f"analyst verdict agrees with the exact clocks on {agreement:.1%} of "
        f"{len(both):,} stopped follow-up clocks"
    )
    print(f"peak resident memory of the whole process (with the generation): {peak_rss:.0f} MB")
    print()

    # -- (5) the statistics, on the table and on objects --------------------------------------
    assert city.schedule is not None
    schedule = city.schedule

    def stats_step(given: object) -> object:
        return sla_performance(
            given,  # type: ignore[arg-type]
            schedule,
            city.calendar,
            now=NOW,
            agency_calendars=calendars,
        )

    on_objects, object_stats_s = timed(lambda: stats_step(subsample))
    assert stats_step(sub_table) == on_objects, "the two paths must give identical rows"
    stats, stats_s = timed(lambda: stats_step(table))
    assert isinstance(stats, type(on_objects))
    stats_mb = traced_peak(lambda: stats_step(table))

    def whole() -> object:
        return stats_step(EventTable.from_columns(**data))

    _, whole_s = timed(whole)
    whole_mb = traced_peak(whole)
    object_stats_full = object_stats_s * count / sample
    print(f"{'step':<58}{'time':>10}{'peak MB':>10}")
    label = "(5) sla_performance on the table, by agency"
    print(f"{label:<58}{stats_s:>9.2f}s{stats_mb:>10.0f}")
    label = "    columns -> EventTable.from_columns -> sla_performance"
    print(f"{label:<58}{whole_s:>9.2f}s{whole_mb:>10.0f}")
    label = f"    sla_performance on Report values, {sample:,} scaled to N"
    print(f"{label:<58}{object_stats_full:>9.2f}s{'':>10}")
    print(f"object path / columnar sla_performance: {object_stats_full / stats_s:.0f}x")
    print(
        "columnar sla_performance (columns to rows) / analyst pipeline: "
        f"{whole_s / pipeline_s:.1f}x"
    )
    print(
        f"identical rows on the {sample:,}-report subsample; "
        f"{sum(row.closed for row in stats):,} closed reports in {len(stats)} rows"  # type: ignore[attr-defined]
    )
    pass_sizes(options.passes, lambda: stats_step(table), events)
    scaling(options.scaling, template, pool_calendars=(city, calendars, follow_up))


def pass_sizes(sizes: str, step: Callable[[], object], events: int) -> None:
    """Time the statistics with each number of reports a pass (best of two)."""
    if not sizes:
        return
    print()
    print(f"{'reports a pass':>16}{'statistics ns/event':>22}")
    default = _clocks.REPORTS_PER_PASS
    for size in (int(text) for text in sizes.split(",")):
        _clocks.REPORTS_PER_PASS = size  # type: ignore[misc]
        best = min(timed(step)[1] for _ in range(2))
        print(f"{size:>16,}{best / events * 1e9:>22.0f}")
    _clocks.REPORTS_PER_PASS = default  # type: ignore[misc]


LABELS = ("agency", "category", "ward", "district")


def encode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A str column as (codes, labels), "" as -1 (untimed: the database did it)."""
    labels, codes = np.unique(values, return_inverse=True)
    if labels.size and labels[0] == "":
        return codes.astype(np.int32) - 1, labels[1:]
    return codes.astype(np.int32), labels


def scaling(sizes: str, template: EventTable, pool_calendars: tuple[object, ...]) -> None:
    """Time the columnar steps and the analyst pipeline at each size (one process)."""
    if not sizes:
        return
    city, calendars, follow_up = pool_calendars
    assert isinstance(city, City)
    assert city.schedule is not None
    closed = np.array(sorted({c.date for c in city.calendar.closed}), dtype="datetime64[D]")
    print()
    print(
        f"{'reports':>12}{'events':>12}{'build':>9}{'ns/ev':>7}{'stats':>9}{'ns/ev':>7}"
        f"{'total ns/ev':>12}{'analyst':>9}{'ratio':>7}{'peak MB':>9}{'B/event':>9}"
        f"{'encoded ns/ev':>14}"
    )
    for size in (int(text) for text in sizes.split(",")):
        data = columns(template, size, np.random.default_rng(9))
        events = len(data["at"])
        table, build_s = timed(lambda data=data: EventTable.from_columns(**data))  # type: ignore[misc]
        # The label columns as a database or a categorical hands them over: codes and labels.
        encoded = {
            name: encode(values) if name in LABELS else values for name, values in data.items()
        }
        _, encoded_s = timed(lambda encoded=encoded: EventTable.from_columns(**encoded))  # type: ignore[misc]
        del encoded

        def stats_step(table: object = table) -> object:
            assert city.schedule is not None
            return sla_performance(
                table,  # type: ignore[arg-type]
                city.schedule,
                city.calendar,
                now=NOW,
                agency_calendars=calendars,  # type: ignore[arg-type]
            )

        _, stats_s = timed(stats_step)
        _, analyst_s = timed(lambda data=data: analyst(data, follow_up, closed))  # type: ignore[misc,arg-type]
        total = build_s + stats_s
        del table
        # The peak of columns -> table -> rows, the input columns not counted (traced apart).
        peak = traced_peak(
            lambda data=data: stats_step(EventTable.from_columns(**data))  # type: ignore[misc]
        )
        print(
            f"{size:>12,}{events:>12,}{build_s:>8.2f}s{build_s / events * 1e9:>7.0f}"
            f"{stats_s:>8.2f}s{stats_s / events * 1e9:>7.0f}{total / events * 1e9:>12.0f}"
            f"{analyst_s:>8.2f}s{total / analyst_s:>7.1f}{peak:>9.0f}{peak * 1e6 / events:>9.0f}"
            f"{encoded_s / events * 1e9:>14.0f}"
        )
        del data


if __name__ == "__main__":
    main()
