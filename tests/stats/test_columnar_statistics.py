"""The statistics of an event table equal those of the reports, and parts merge into the whole."""

from __future__ import annotations

import datetime as dt
import functools
import math

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartcity.columnar import EventTable
from smartcity.exceptions import CalendarCoverageError, InvalidStatisticsError
from smartcity.reports import Report
from smartcity.samples import semarang_schedule
from smartcity.sla import SlaRule, SlaSchedule, WorkingCalendar
from smartcity.stats import (
    DIMENSIONS,
    Histogram,
    PartialPerformance,
    partial_performance,
    sla_performance,
    yearly_counts,
)
from smartcity.testing import calendars, histories, policies

UTC = dt.UTC


@attrs.frozen
class Case:
    reports: list[Report]
    schedule: SlaSchedule
    calendar: WorkingCalendar
    agency_calendars: dict[str, WorkingCalendar]
    now: dt.datetime
    by: tuple[str, ...]


_FOLLOW_UP = semarang_schedule().rules[1].policy


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Histories, a two-rule schedule of random policies, calendars per agency, a now, a by."""
    reports = draw(st.lists(histories(), max_size=8, unique_by=lambda r: r.report_id))
    categories = sorted({e.category for r in reports for e in r.history if e.category} | {"c"})
    agencies = sorted({r.agency for r in reports if r.agency is not None})
    first = draw(policies() | st.just(_FOLLOW_UP))
    second = draw(policies() | st.just(_FOLLOW_UP))
    schedule = SlaSchedule(
        [
            SlaRule(first, categories=draw(st.sets(st.sampled_from(categories), min_size=1))),
            attrs.evolve(second, name=first.name),
        ],
        classes={c: draw(st.sampled_from(("a", "b"))) for c in categories if draw(st.booleans())},
        default_class=draw(st.sampled_from((None, "normative"))),
    )
    # Mostly calendars without a coverage limit, so that most cases compute.
    limited = draw(st.integers(0, 4)) == 0
    calendar = draw(calendars(coverage=limited))
    own = draw(st.sets(st.sampled_from(agencies))) if agencies else set()
    other = draw(calendars(coverage=limited))
    instants = sorted(e.at for r in reports for e in r.history)
    if instants:
        # Near an event (before, at or after it), or after them all.
        now = draw(st.sampled_from(instants)) + draw(
            st.sampled_from((dt.timedelta(0), dt.timedelta(microseconds=1)))
            | st.timedeltas(-dt.timedelta(days=3), dt.timedelta(days=60))
        )
    else:
        now = dt.datetime(2025, 1, 1, tzinfo=UTC)
    by = tuple(draw(st.lists(st.sampled_from(DIMENSIONS), unique=True, max_size=3)))
    return Case(reports, schedule, calendar, dict.fromkeys(own, other), now.astimezone(UTC), by)


def both(case: Case) -> tuple[object, object]:
    """The partial figures of the object path and of the columnar path (or the error types)."""
    results = []
    for given_reports in (case.reports, EventTable.from_reports(case.reports)):
        try:
            results.append(
                partial_performance(
                    given_reports,
                    case.schedule,
                    case.calendar,
                    now=case.now,
                    by=case.by,
                    agency_calendars=case.agency_calendars,
                )
            )
        except CalendarCoverageError as error:
            results.append(type(error))
    return results[0], results[1]


class TestBothPathsGiveTheSameRows:
    @given(cases())
    def test_partial_figures_are_equal(self, case: Case) -> None:
        """Counts and histograms equal field by field (or both paths refuse the coverage)."""
        on_objects, on_table = both(case)
        assert on_objects == on_table

    @given(cases(), st.integers(1, 3))
    def test_rows_are_equal(self, case: Case, min_sample: int) -> None:
        """PerformanceRows equal field by field, percentiles and rates included."""
        try:
            expected = sla_performance(
                case.reports,
                case.schedule,
                case.calendar,
                now=case.now,
                by=case.by,
                min_sample=min_sample,
                agency_calendars=case.agency_calendars,
            )
        except CalendarCoverageError:
            return
        got = sla_performance(
            EventTable.from_reports(case.reports),
            case.schedule,
            case.calendar,
            now=case.now,
            by=case.by,
            min_sample=min_sample,
            agency_calendars=case.agency_calendars,
        )
        assert got == expected

    @given(st.lists(histories(), max_size=6, unique_by=lambda r: r.report_id), st.data())
    def test_yearly_counts_are_equal(self, reports: list[Report], data: st.DataObject) -> None:
        """Years of submission in any zone: the same rows on both paths."""
        tz = data.draw(
            st.sampled_from(("Asia/Jakarta", "UTC", "Pacific/Kiritimati", "America/Adak"))
        )
        assert yearly_counts(EventTable.from_reports(reports), tz=tz) == yearly_counts(
            reports, tz=tz
        )


class TestPartsMergeIntoTheWhole:
    @given(cases(), st.data())
    def test_a_partition_by_report_merges_into_the_whole(
        self, case: Case, data: st.DataObject
    ) -> None:
        """Any partition by report, merged in any order: the whole, on both paths."""
        whole, _ = both(case)
        if not isinstance(whole, PartialPerformance):
            return
        parts_of = [data.draw(st.integers(0, 2)) for _ in case.reports]
        parts = []
        for number in data.draw(st.permutations(range(3))):
            chosen = [r for r, part in zip(case.reports, parts_of, strict=True) if part == number]
            given_reports = EventTable.from_reports(chosen) if number % 2 else chosen
            parts.append(
                partial_performance(
                    given_reports,
                    case.schedule,
                    case.calendar,
                    now=case.now,
                    by=case.by,
                    agency_calendars=case.agency_calendars,
                )
            )
        merged = functools.reduce(PartialPerformance.merge, parts)
        assert merged == whole
        assert merged.performance(min_sample=1) == whole.performance(min_sample=1)

    def test_parts_of_other_requests_are_not_merged(self) -> None:
        """Figures as of two instants do not add up: refused with what differs."""
        schedule = semarang_schedule()
        calendar = WorkingCalendar.indonesia(years=[2025])
        now = dt.datetime(2025, 3, 1, tzinfo=UTC)
        one = partial_performance([], schedule, calendar, now=now)
        other = partial_performance([], schedule, calendar, now=now + dt.timedelta(days=1))
        with pytest.raises(InvalidStatisticsError, match="same arguments"):
            one.merge(other)


_VALUES = st.lists(st.integers(-(2**40), 2**40), max_size=30)


class TestHistogram:
    @given(_VALUES, _VALUES, _VALUES)
    def test_merge_is_the_histogram_of_all_values(
        self, a: list[int], b: list[int], c: list[int]
    ) -> None:
        """of(a + b) == of(a).merge(of(b)); associative and commutative."""
        ha, hb, hc = Histogram.of(a), Histogram.of(b), Histogram.of(c)
        assert ha.merge(hb) == Histogram.of(a + b) == hb.merge(ha)
        assert ha.merge(hb).merge(hc) == ha.merge(hb.merge(hc))
        assert len(ha.merge(hb)) == len(a) + len(b)

    @given(_VALUES.filter(bool), st.sampled_from((1, 3_600_000_000)), st.floats(0, 1))
    def test_quantile_is_the_interpolated_rank(
        self, values: list[int], unit: int, q: float
    ) -> None:
        """The quantile of the values divided by unit, as the sorted list gives it."""
        ordered = sorted(value / unit for value in values)
        position = q * (len(ordered) - 1)
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        expected = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
        assert Histogram.of(values).quantile(q, unit=unit) == expected

    def test_values_must_ascend(self) -> None:
        """A hand-made histogram with repeated values or zero counts is refused."""
        with pytest.raises(InvalidStatisticsError, match="ascend strictly"):
            Histogram(np.array([1, 1]), np.array([1, 1]))
        with pytest.raises(InvalidStatisticsError, match="one count per value"):
            Histogram(np.array([1, 2]), np.array([1]))
        with pytest.raises(InvalidStatisticsError, match="whole numbers"):
            Histogram.of([1.5])
        with pytest.raises(InvalidStatisticsError, match="empty histogram"):
            Histogram.of([]).quantile(0.5)
