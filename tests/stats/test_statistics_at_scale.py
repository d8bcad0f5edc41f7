"""100,000 generated Semarang reports: the same clocks and rows on both paths, parts merge.

Each agency on its own calendar. The whole file takes under a minute on two shared cores.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pytest
from scale_factories import NOW, many

from smartcity.columnar import EventTable, clock_table
from smartcity.sla import SlaClock
from smartcity.stats import PartialPerformance, partial_performance, sla_performance

COUNT = 100_000


@functools.cache
def table() -> EventTable:
    return EventTable.from_reports(many(COUNT)[1])


def own_calendars() -> dict[str, object]:
    city, _ = many(COUNT)
    return {code: city.calendar_for(code) for code in city.agencies}


class TestSemarangAtScale:
    @pytest.mark.parametrize(
        ("by", "days_before"),
        [(("agency", "month"), 0), (("district", "class"), 120), (("ward",), 240), ((), 0)],
    )
    def test_both_paths_give_identical_rows(self, by: tuple[str, ...], days_before: int) -> None:
        """Each agency on its own calendar; now at the end, and in the middle of the data."""
        city, reports = many(COUNT)
        assert city.schedule is not None
        now = NOW - dt.timedelta(days=days_before)
        expected = sla_performance(
            reports,
            city.schedule,
            city.calendar,
            now=now,
            by=by,
            agency_calendars=own_calendars(),  # type: ignore[arg-type]
        )
        got = sla_performance(
            table(),
            city.schedule,
            city.calendar,
            now=now,
            by=by,
            agency_calendars=own_calendars(),  # type: ignore[arg-type]
        )
        assert sum(row.closed for row in expected) > COUNT // 20
        assert got == expected

    def test_parts_by_report_id_merge_into_the_whole(self) -> None:
        """Four parts split by report id, computed on arrays and merged: the whole."""
        city, reports = many(COUNT)
        assert city.schedule is not None

        def partial(given: object) -> PartialPerformance:
            assert city.schedule is not None
            return partial_performance(
                given,  # type: ignore[arg-type]
                city.schedule,
                city.calendar,
                now=NOW,
                by=("agency", "year"),
                agency_calendars=own_calendars(),  # type: ignore[arg-type]
            )

        part_of = np.array([hash(r.report_id) % 4 for r in reports])
        parts = [
            partial(
                EventTable.from_reports(r for r, p in zip(reports, part_of, strict=True) if p == k)
            )
            for k in range(4)
        ]
        assert functools.reduce(PartialPerformance.merge, parts) == partial(table())

    def test_columnar_clocks_equal_the_object_path(self) -> None:
        """Every report's clock, for each policy of the schedule: the columns equal SlaClock.of."""
        city, reports = many(COUNT)
        assert city.schedule is not None
        now = NOW
        utc = dt.UTC
        policies = tuple(dict.fromkeys(rule.policy for rule in city.schedule.rules))
        for policy in policies:
            clocks = clock_table(
                table(),
                policy,
                calendar=city.calendar,
                now=now,
                agency_calendars=own_calendars(),  # type: ignore[arg-type]
            )
            got = [
                (
                    row.report_id,
                    row.cycles,
                    row.outcome,
                    row.state,
                    row.elapsed,
                    row.remaining,
                    row.breached,
                    None if row.deadline is None else row.deadline.astimezone(utc),
                )
                for row in clocks.to_records()
            ]
            expected = []
            for report in reports:
                clock = SlaClock.of(report, policy, city.calendar_for(report.agency))
                current = clock.current
                deadline = clock.deadline
                expected.append(
                    (
                        report.report_id,
                        len(clock.cycles),
                        None if current is None else current.outcome,
                        clock.state(now),
                        clock.elapsed(now),
                        clock.remaining(now),
                        clock.breached(now),
                        None if deadline is None else deadline.astimezone(utc),
                    )
                )
            assert len(expected) == COUNT
            assert got == expected
