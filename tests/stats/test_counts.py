"""Yearly counts, and the public face of smartcity.stats."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from zoneinfo import ZoneInfo

import pytest

from smartcity.exceptions import InvalidStatisticsError
from smartcity.reports import Report
from smartcity.stats import YearlyCount, yearly_counts

WIB = ZoneInfo("Asia/Jakarta")


def received(report_id: str, at: dt.datetime) -> Report:
    return Report.submit(report_id, category="road", description="d", address="a", at=at)


class TestYearlyCounts:
    def reports(self) -> list[Report]:
        return [
            received("A", dt.datetime(2016, 5, 1, 9, tzinfo=WIB)),
            # 20:00 UTC on New Year's Eve is 03:00 on 1 January 2017 in Jakarta.
            received("B", dt.datetime(2016, 12, 31, 20, tzinfo=dt.UTC)),
            received("C", dt.datetime(2019, 1, 2, 9, tzinfo=WIB)),
        ]

    def test_years_are_counted_in_the_city_zone(self) -> None:
        counts = yearly_counts(self.reports())
        assert list(counts) == [YearlyCount(2016, 1), YearlyCount(2017, 1), YearlyCount(2019, 1)]
        assert counts.to_records() == [
            {"year": 2016, "received": 1},
            {"year": 2017, "received": 1},
            {"year": 2019, "received": 1},
        ]

    def test_another_zone_gives_other_years(self) -> None:
        counts = yearly_counts(self.reports(), tz="UTC")
        assert [(row.year, row.received) for row in counts] == [(2016, 2), (2019, 1)]
        assert len(counts) == 2

    def test_no_reports_no_rows(self) -> None:
        assert yearly_counts([]).rows == ()

    def test_an_unknown_zone_is_refused(self) -> None:
        with pytest.raises(InvalidStatisticsError, match="Asia/Jakarta"):
            yearly_counts([], tz="Mars/Olympus")


class TestPublicApi:
    def test_exports_are_sorted_documented_and_public(self) -> None:
        """The same rules as tests/test_exports.py, for smartcity.stats."""
        module = importlib.import_module("smartcity.stats")
        assert list(module.__all__) == sorted(set(module.__all__))
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                assert inspect.getdoc(obj)
                assert obj.__module__ == "smartcity.stats"
