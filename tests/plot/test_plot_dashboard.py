"""Agency performance, backlog age and yearly counts, drawn from the public statistics."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from matplotlib.collections import PatchCollection, QuadMesh
from matplotlib.patches import Rectangle
from plot_helpers import NOW, by_gid, labels, texts

from smartcity import plot
from smartcity.desk import City
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidOptionError,
    InvalidStatisticsError,
    MissingDependencyError,
)
from smartcity.reports import Report
from smartcity.stats import SlaPerformance, YearlyCount, YearlyCounts, sla_performance

SEED_YEARS = YearlyCounts(
    (
        YearlyCount(2016, 2_537),
        YearlyCount(2017, 6_300),
        YearlyCount(2018, 3_300),
        YearlyCount(2019, 3_100),
    )
)
"""Lapor Hendi's reports per year, as the seed article gives them."""


@pytest.fixture(scope="module")
def by_agency_month(city: City, moved: tuple[Report, ...]) -> SlaPerformance:
    assert city.schedule is not None
    return sla_performance(
        moved, city.schedule, city.calendar, now=NOW, by=("agency", "month"), min_sample=15
    )


@pytest.fixture(scope="module")
def by_agency(city: City, moved: tuple[Report, ...]) -> SlaPerformance:
    assert city.schedule is not None
    return sla_performance(moved, city.schedule, city.calendar, now=NOW, by="agency")


def _empty(performance: SlaPerformance) -> SlaPerformance:
    return SlaPerformance(performance.by, performance.clock, performance.now, 10, ())


class TestAgencyPerformance:
    def test_one_cell_per_agency_and_month(self, by_agency_month: SlaPerformance) -> None:
        """The grid has a cell for each agency in each month; rates where the sample allows."""
        agencies = {dict(row.group)["agency"] for row in by_agency_month}
        months = {dict(row.group)["month"] for row in by_agency_month}
        figure = plot.agency_performance(by_agency_month)
        (mesh,) = by_gid(figure, "rates")
        assert isinstance(mesh, QuadMesh)
        rates = mesh.get_array()
        assert rates.size == len(agencies) * len(months)
        with_rate = [row for row in by_agency_month if row.on_time_rate is not None]
        assert int(np.ma.count(rates)) == len(with_rate)
        assert sorted(float(v) for v in rates.compressed()) == pytest.approx(
            sorted(100 * row.on_time_rate for row in with_rate if row.on_time_rate is not None)
        )

    def test_small_samples_shown_as_such(self, by_agency_month: SlaPerformance) -> None:
        """A month below min_sample is a hatched grey cell with its n, not a 0 % or 100 % cell."""
        small = [row for row in by_agency_month if row.on_time_rate is None]
        assert small, "the fixture should have months below the minimum sample"
        figure = plot.agency_performance(by_agency_month)
        (cells,) = by_gid(figure, "small-sample")
        assert isinstance(cells, PatchCollection)
        assert len(cells.get_paths()) == len(small)
        assert cells.get_hatch() == "//"
        shown = texts(figure)
        for row in small:
            assert f"n={row.closed + row.open_overdue}" in shown
        assert "Sample below 15: no rate" in shown
        rated = sum(row.on_time_rate is not None for row in by_agency_month)
        assert sum(text.endswith("%") for text in shown) == rated

    @pytest.mark.parametrize(
        ("language", "title", "x", "y"),
        [
            ("id", "Tepat waktu yang adil per instansi per bulan", "Bulan diterima", "Instansi"),
            ("en", "Fair on-time rate per agency per month", "Month of receipt", "Agency"),
        ],
    )
    def test_labels(
        self, by_agency_month: SlaPerformance, language: str, title: str, x: str, y: str
    ) -> None:
        found = labels(plot.agency_performance(by_agency_month, language=language))
        assert found["title"][0].startswith(title)
        assert found["x"][0] == x
        assert found["y"][0] == y

    def test_wrong_grouping(self, by_agency: SlaPerformance) -> None:
        with pytest.raises(InvalidStatisticsError, match=r"by=\('agency', 'month'\)"):
            plot.agency_performance(by_agency)

    def test_empty_statistics_give_an_empty_figure(self, by_agency_month: SlaPerformance) -> None:
        """No rows: a figure with its title and labels that says there is nothing to draw."""
        figure = plot.agency_performance(_empty(by_agency_month), language="id")
        assert len(by_gid(figure, "empty")) == 1
        assert "Tidak ada data untuk digambar" in texts(figure)
        assert labels(figure)["title"] == ["Tepat waktu yang adil per instansi per bulan"]

    def test_not_statistics(self) -> None:
        with pytest.raises(InvalidArgumentError, match="performance must be a SlaPerformance"):
            plot.agency_performance([])  # type: ignore[arg-type]


class TestBacklogAge:
    def test_three_stacked_bars_per_agency(self, by_agency: SlaPerformance) -> None:
        """Each agency has one bar per age bucket, stacked to its open reports."""
        figure = plot.backlog_age(by_agency)
        buckets = [by_gid(figure, f"backlog-{key}") for key in ("up_to_4", "4_to_8", "over_8")]
        assert [len(bars) for bars in buckets] == [len(by_agency)] * 3
        for index, row in enumerate(by_agency):
            bars = [bucket[index] for bucket in buckets]
            assert all(isinstance(bar, Rectangle) for bar in bars)
            heights = [bar.get_height() for bar in bars]  # type: ignore[attr-defined]
            assert heights == [
                row.backlog_up_to_4_weeks,
                row.backlog_4_to_8_weeks,
                row.backlog_over_8_weeks,
            ]
            bottoms = [bar.get_y() for bar in bars]  # type: ignore[attr-defined]
            assert bottoms == [0, heights[0], heights[0] + heights[1]]

    @pytest.mark.parametrize(
        ("language", "words"),
        [
            ("id", ("Umur laporan terbuka per instansi", "Instansi", "Laporan terbuka")),
            ("en", ("Age of the open reports per agency", "Agency", "Open reports")),
        ],
    )
    def test_labels(
        self, by_agency: SlaPerformance, language: str, words: tuple[str, str, str]
    ) -> None:
        found = labels(plot.backlog_age(by_agency, language=language))
        assert found["title"][0].startswith(words[0])
        assert (found["x"][0], found["y"][0]) == words[1:]

    def test_names_replace_codes(self, by_agency: SlaPerformance) -> None:
        first = by_agency.rows[0].group[0][1]
        figure = plot.backlog_age(by_agency, names={first: "The first agency"})
        assert "The first agency" in texts(figure)

    def test_two_dimensions_refused(self, by_agency_month: SlaPerformance) -> None:
        with pytest.raises(InvalidStatisticsError, match="one dimension"):
            plot.backlog_age(by_agency_month)

    def test_empty_statistics(self, by_agency: SlaPerformance) -> None:
        figure = plot.backlog_age(_empty(by_agency))
        assert "Nothing to draw" in texts(figure)

    def test_names_must_be_a_mapping(self, by_agency: SlaPerformance) -> None:
        with pytest.raises(InvalidArgumentError, match="names must be a mapping"):
            plot.backlog_age(by_agency, names=["DPU"])  # type: ignore[arg-type]


class TestYearlyCounts:
    @pytest.mark.parametrize(
        ("language", "written", "words"),
        [
            ("id", ["2.537", "6.300", "3.300", "3.100"], ("Laporan per tahun", "Tahun")),
            ("en", ["2,537", "6,300", "3,300", "3,100"], ("Reports per year", "Year")),
        ],
    )
    def test_the_seed_figures(
        self, language: str, written: list[str], words: tuple[str, str]
    ) -> None:
        """One bar a year, as high as its count, labelled as the language writes numbers."""
        figure = plot.yearly_counts(SEED_YEARS, language=language)
        bars = by_gid(figure, "year-")
        assert [bar.get_height() for bar in bars] == [2_537, 6_300, 3_300, 3_100]  # type: ignore[attr-defined]
        shown = texts(figure)
        assert all(number in shown for number in written)
        found = labels(figure)
        assert (found["title"][0], found["x"][0]) == words

    def test_a_year_without_reports_is_a_bar_of_zero(self) -> None:
        counts = YearlyCounts((YearlyCount(2020, 5), YearlyCount(2022, 7)))
        bars = by_gid(plot.yearly_counts(counts), "year-")
        assert [bar.get_gid() for bar in bars] == ["year-2020", "year-2021", "year-2022"]
        assert [bar.get_height() for bar in bars] == [5, 0, 7]  # type: ignore[attr-defined]

    def test_no_years(self) -> None:
        assert "Nothing to draw" in texts(plot.yearly_counts(YearlyCounts(())))

    def test_not_counts(self) -> None:
        with pytest.raises(InvalidArgumentError, match="counts must be a YearlyCounts"):
            plot.yearly_counts([(2016, 2537)])  # type: ignore[arg-type]

    def test_unknown_language(self) -> None:
        with pytest.raises(InvalidOptionError, match="'id'"):
            plot.yearly_counts(SEED_YEARS, language="de")


class TestWithoutMatplotlib:
    def test_missing_extra_names_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib, a SmartCityError (an ImportError) says which extra to install."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(MissingDependencyError, match=r"smartcity\[plot\]") as info:
            plot.yearly_counts(SEED_YEARS)
        assert isinstance(info.value, ImportError)
