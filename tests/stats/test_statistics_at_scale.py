"""20,000 generated Semarang reports: the same rows on both paths, and parts merge exactly.

(100,000 run in ``benchmarks/bench_columnar.py``; 20,000 keep the test under half a minute on
two shared cores.)
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pytest
from scale_factories import NOW, many

from smartcity.columnar import EventTable
from smartcity.stats import PartialPerformance, partial_performance, sla_performance

COUNT = 20_000


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
