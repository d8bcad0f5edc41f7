"""The ward map: every ward coloured once, counted with locate_many, labelled in two languages."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from plot_helpers import NOW, WIB, by_gid, labels, texts, tiny_report

from smartcity import plot
from smartcity.desk import City
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidOptionError,
    NaiveDatetimeError,
    SmartCityError,
)
from smartcity.geo import WardMap
from smartcity.reports import Report


def _wards(figure: Figure) -> PatchCollection:
    (collection,) = by_gid(figure, "wards")
    assert isinstance(collection, PatchCollection)
    return collection


class TestEveryWardOnce:
    def test_the_real_wards_each_coloured_once(self, city: City, moved: tuple[Report, ...]) -> None:
        """All 177 kelurahan of the real map are drawn, one path and one colour each."""
        figure = plot.ward_map(moved, city.ward_map)
        collection = _wards(figure)
        assert len(city.ward_map) == 177
        assert len(collection.get_paths()) == 177
        assert len(collection.get_facecolors()) == 177

    def test_district_borders_drawn_over_the_wards(
        self, city: City, moved: tuple[Report, ...]
    ) -> None:
        """The 16 kecamatan's borders are one line collection, drawn above the wards."""
        figure = plot.ward_map(moved, city.ward_map)
        (borders,) = by_gid(figure, "district-borders")
        assert isinstance(borders, LineCollection)
        assert len(borders.get_paths()) >= len(city.ward_map.districts()) == 16
        assert borders.get_zorder() >= _wards(figure).get_zorder()
        axes = figure.axes[0]
        assert axes.collections.index(borders) > axes.collections.index(_wards(figure))

    def test_colours_follow_the_counts(self, tiny_wards: WardMap) -> None:
        """More reports, a colour further along viridis; the legend lists each class's range."""
        reports = [tiny_report(i, 0) for i in range(1)]
        reports += [tiny_report(10 + i, 1) for i in range(5)]
        reports += [tiny_report(20 + i, 2) for i in range(9)]
        figure = plot.ward_map(reports, tiny_wards, classes=4)
        faces = [to_hex(colour) for colour in _wards(figure).get_facecolors()]
        # B2 has no report, A1 one, A2 five, B1 nine: quartile bounds 1, 5, 9 (three classes).
        assert plot.class_breaks([1, 5, 9, 0], classes=4) == (1, 5, 9)
        legend = figure.legends[0]
        assert [t.get_text() for t in legend.get_texts()] == [
            "0\N{EN DASH}1",
            "2\N{EN DASH}5",
            "6\N{EN DASH}9",
            "District border",
        ]
        legend_faces = [to_hex(patch.get_facecolor()) for patch in legend.get_patches()]
        assert faces == [legend_faces[0], legend_faces[1], legend_faces[2], legend_faces[0]]
        assert len(set(legend_faces)) == 3


class TestCountingAndFilters:
    def test_counts_match_locate_many(self, city: City, moved: tuple[Report, ...]) -> None:
        """Every located report is counted in the ward locate_many gives; the rest are unplaced."""
        counts, unplaced = plot.ward_counts(moved, city.ward_map)
        located = [r for r in moved if r.location is not None]
        codes = city.ward_map.locate_many(
            [r.location.lat for r in located if r.location],
            [r.location.lon for r in located if r.location],
        )
        assert sum(counts.values()) == sum(code is not None for code in codes)
        assert sum(counts.values()) + unplaced == len(moved)
        assert set(counts) == set(city.ward_map)

    def test_category_and_period(self, tiny_wards: WardMap) -> None:
        """Only the reports of the category, submitted in [start, end), are counted."""
        reports = [
            tiny_report(1, 0, category="road", day=1),
            tiny_report(2, 0, category="road", day=5),
            tiny_report(3, 1, category="flood", day=5),
            tiny_report(4, -1, category="road", day=5),
        ]
        start = dt.datetime(2025, 1, 2, tzinfo=WIB)
        end = dt.datetime(2025, 1, 6, tzinfo=WIB)
        counts, unplaced = plot.ward_counts(
            reports, tiny_wards, category="road", start=start, end=end
        )
        assert counts == {"A1": 1, "A2": 0, "B1": 0, "B2": 0}
        assert unplaced == 1
        figure = plot.ward_map(reports, tiny_wards, category="road", start=start, end=end)
        title = figure.axes[0].get_title()
        assert "1 reports mapped" in title
        assert "1 without a location or outside the wards" in title
        assert "category road" in title

    @given(st.lists(st.integers(min_value=-1, max_value=3), max_size=30))
    def test_every_report_counted_once(self, tiny_wards: WardMap, places: list[int]) -> None:
        """Counted plus unplaced is the number of reports, whatever their places."""
        reports = [tiny_report(i, place) for i, place in enumerate(places)]
        counts, unplaced = plot.ward_counts(reports, tiny_wards)
        assert sum(counts.values()) + unplaced == len(reports)
        assert unplaced == places.count(-1)
        for index, code in enumerate(("A1", "A2", "B1", "B2")):
            assert counts[code] == places.count(index)


class TestClassBreaks:
    @given(
        st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=200),
        st.integers(min_value=1, max_value=9),
    )
    def test_breaks_cover_every_count(self, counts: list[int], classes: int) -> None:
        """Bounds rise strictly, the last is the largest count, each count finds its class."""
        bounds = plot.class_breaks(counts, classes=classes)
        assert 1 <= len(bounds) <= classes
        assert list(bounds) == sorted(set(bounds))
        assert bounds[-1] == max(counts)
        index = np.searchsorted(np.asarray(bounds), counts, side="left")
        assert (index < len(bounds)).all()

    def test_no_counts_no_classes(self) -> None:
        assert plot.class_breaks([]) == ()


class TestLanguages:
    @pytest.mark.parametrize(
        ("language", "words"),
        [
            ("id", ("Laporan per kelurahan", "Bujur (°BT)", "Lintang (°)", "Laporan")),
            ("en", ("Reports per ward (kelurahan)", "Longitude (°E)", "Latitude (°)", "Reports")),
        ],
    )
    def test_title_labels_and_legend(
        self, city: City, moved: tuple[Report, ...], language: str, words: tuple[str, ...]
    ) -> None:
        title, x, y, legend = words
        figure = plot.ward_map(moved, city.ward_map, language=language)
        found = labels(figure)
        assert found["title"][0].startswith(title)
        assert found["x"] == [x]
        assert found["y"] == [y]
        assert figure.legends[0].get_title().get_text() == legend

    def test_numbers_in_the_language(self, tiny_wards: WardMap) -> None:
        """Indonesian writes thousands with a dot: 1.200 reports."""
        reports = [tiny_report(i, i % 4) for i in range(1_200)]
        assert (
            "1.200 laporan dipetakan"
            in plot.ward_map(reports, tiny_wards, language="id").axes[0].get_title()
        )


class TestBadInput:
    def test_no_reports_is_an_explicit_grey_map(self, tiny_wards: WardMap) -> None:
        """No report at all: every ward still drawn once, grey, and the legend says so."""
        figure = plot.ward_map([], tiny_wards)
        faces = {to_hex(colour) for colour in _wards(figure).get_facecolors()}
        assert faces == {"#bbbbbb"}
        assert len(_wards(figure).get_paths()) == 4
        assert "No reports" in texts(figure)

    def test_empty_period(self, tiny_wards: WardMap) -> None:
        with pytest.raises(InvalidOptionError, match="the period is empty"):
            plot.ward_map([], tiny_wards, start=NOW, end=NOW)

    def test_naive_start(self, tiny_wards: WardMap) -> None:
        with pytest.raises(NaiveDatetimeError):
            plot.ward_map([], tiny_wards, start=dt.datetime(2025, 1, 1))  # noqa: DTZ001

    @pytest.mark.parametrize("classes", [0, 10, True, 2.0])
    def test_classes_out_of_range(self, tiny_wards: WardMap, classes: object) -> None:
        with pytest.raises(SmartCityError, match="classes"):
            plot.ward_map([], tiny_wards, classes=classes)  # type: ignore[arg-type]

    def test_not_reports(self, tiny_wards: WardMap) -> None:
        with pytest.raises(InvalidArgumentError, match=r"reports\[0\]"):
            plot.ward_map(["R1"], tiny_wards)  # type: ignore[list-item]

    def test_not_a_ward_map(self) -> None:
        with pytest.raises(InvalidArgumentError, match="wards must be a WardMap"):
            plot.ward_map([], {})  # type: ignore[arg-type]

    def test_unknown_language(self, tiny_wards: WardMap) -> None:
        with pytest.raises(InvalidOptionError, match="language"):
            plot.ward_map([], tiny_wards, language="fr")


class TestPublicValues:
    def test_functions_pickle(self) -> None:
        """The public functions pickle by their public names."""
        for function in (plot.ward_map, plot.ward_counts, plot.class_breaks):
            assert pickle.loads(pickle.dumps(function)) is function  # noqa: S301 - our bytes
