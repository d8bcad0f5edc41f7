"""Agencies and categories: what they hold and what they refuse."""

from __future__ import annotations

import doctest

import pytest

import smartcity.routing
from smartcity.exceptions import RoutingConfigError
from smartcity.routing import Agency, Category


class TestAgency:
    """An agency knows its categories and the areas it serves."""

    def test_defaults(self) -> None:
        """By default an agency is active, serves the whole city and escalates nowhere."""
        agency = Agency("DPU", "Dinas Pekerjaan Umum")
        assert agency.active
        assert agency.whole_city
        assert (agency.categories, agency.parent, agency.calendar) == (frozenset(), None, None)

    def test_collections_become_frozensets(self) -> None:
        """Lists are accepted and stored as frozensets, so an agency stays hashable."""
        agency = Agency("DPU", "DPU", categories=["road", "drainage"], jurisdiction=["33.74.01"])
        assert agency.categories == frozenset({"road", "drainage"})
        assert agency.jurisdiction == frozenset({"33.74.01"})
        assert hash(agency) == hash(
            Agency("DPU", "DPU", categories={"drainage", "road"}, jurisdiction={"33.74.01"})
        )

    @pytest.mark.parametrize(
        ("area", "expected"),
        [
            ("33.74.01", True),
            ("33.74.01.1001", True),  # a ward of a listed district
            ("33.74.02.1005", True),  # a listed ward
            ("33.74.02", False),  # the district of a listed ward is not served whole
            ("33.74.03.1001", False),
            (None, False),  # the whole city
        ],
    )
    def test_covers(self, area: str | None, *, expected: bool) -> None:
        """Kemendagri codes are hierarchical: a ward lies in the district its code starts with."""
        agency = Agency("K", "Kecamatan", jurisdiction={"33.74.01", "33.74.02.1005"})
        assert agency.covers(area) is expected

    def test_whole_city_covers_everything(self) -> None:
        """No jurisdiction means the whole city."""
        agency = Agency("DLH", "Dinas Lingkungan Hidup")
        assert agency.covers(None)
        assert agency.covers("33.74.16.1007")

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"code": " ", "name": "n"}, "code"),
            ({"code": "c", "name": ""}, "name"),
            ({"code": "c", "name": "n", "jurisdiction": []}, "serves nowhere"),
            ({"code": "c", "name": "n", "categories": "road"}, "the string 'road'"),
            ({"code": "c", "name": "n", "parent": "c"}, "own parent"),
            ({"code": "c", "name": "n", "parent": ""}, "parent"),
        ],
    )
    def test_refusals(self, kwargs: dict[str, object], match: str) -> None:
        """Mistakes in the agency list are configuration errors."""
        with pytest.raises(RoutingConfigError, match=match):
            Agency(**kwargs)  # type: ignore[arg-type]


class TestCategory:
    """A category is an Open311 service; some belong to other authorities."""

    def test_referred_category(self) -> None:
        """A category with a referral authority is referred."""
        power = Category("power", name_id="Listrik", name_en="Power", group="U", referral="PLN")
        assert power.referred
        assert not Category("road", name_id="Jalan", name_en="Road", group="I").referred

    def test_keywords_are_a_tuple(self) -> None:
        """Keywords keep their order (Open311 lists them)."""
        road = Category("road", name_id="Jalan", name_en="Road", group="I", keywords=["aspal"])
        assert road.keywords == ("aspal",)

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"name_id": " "}, "name_id"),
            ({"group": ""}, "group"),
            ({"referral": ""}, "referral"),
            ({"keywords": "aspal"}, "the string 'aspal'"),
        ],
    )
    def test_refusals(self, kwargs: dict[str, object], match: str) -> None:
        """Blank names and a bare string of keywords are refused."""
        options: dict[str, object] = {"name_id": "Jalan", "name_en": "Road", "group": "I"}
        options.update(kwargs)
        with pytest.raises(RoutingConfigError, match=match):
            Category("road", **options)  # type: ignore[arg-type]


class TestDocstringExamples:
    """The examples in the docstrings of smartcity.routing run and show the truth."""

    def test_examples(self) -> None:
        """doctest finds the examples and none fails."""
        results = doctest.testmod(smartcity.routing)
        assert (results.failed, results.attempted > 0) == (0, True)
