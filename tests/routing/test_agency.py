"""Agencies and categories: what they hold and what they refuse."""

from __future__ import annotations

import doctest

import attrs
import pytest

import smartcity.routing
from smartcity.exceptions import InvalidArgumentError, RoutingConfigError
from smartcity.routing import Agency, Category
from smartcity.samples import semarang

HUGE = "x" * 10_000_000


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
        ],
    )
    def test_refusals(self, kwargs: dict[str, object], match: str) -> None:
        """Blank names and a bare string of keywords are refused."""
        options: dict[str, object] = {"name_id": "Jalan", "name_en": "Road", "group": "I"}
        options.update(kwargs)
        with pytest.raises(RoutingConfigError, match=match):
            Category("road", **options)  # type: ignore[arg-type]


class TestAgencyAndCategoryTypes:
    """A value of the wrong type is an InvalidArgumentError that names the argument."""

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"code": None, "name": "n"}, "Agency code"),
            ({"code": 5, "name": "n"}, "Agency code"),
            ({"code": "c", "name": b"n"}, "Agency name"),
            ({"code": "c", "name": "n", "categories": "road"}, "categories must be a collection"),
            ({"code": "c", "name": "n", "categories": None}, "categories must be a collection"),
            ({"code": "c", "name": "n", "categories": [None]}, r"categories\[0\]"),
            ({"code": "c", "name": "n", "categories": [["a"]]}, r"categories\[0\]"),
            ({"code": "c", "name": "n", "jurisdiction": "33.74.01"}, "jurisdiction"),
            ({"code": "c", "name": "n", "jurisdiction": [5]}, r"jurisdiction\[0\]"),
            ({"code": "c", "name": "n", "parent": 5}, "parent"),
            ({"code": "c", "name": "n", "calendar": "24/7"}, "calendar"),
            ({"code": "c", "name": "n", "active": 1}, "active"),
            ({"code": "c", "name": "n", "active": None}, "active"),
        ],
    )
    def test_agency(self, kwargs: dict[str, object], match: str) -> None:
        with pytest.raises(InvalidArgumentError, match=match):
            Agency(**kwargs)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("kwargs", "match"),
        [
            ({"code": None}, "Category code"),
            ({"name_id": 5}, "name_id"),
            ({"name_en": None}, "name_en"),
            ({"group": ["I"]}, "group"),
            ({"referral": 1}, "referral"),
            ({"keywords": "aspal"}, "keywords must be a collection"),
            ({"keywords": [5]}, r"keywords\[0\]"),
            ({"keywords": None}, "keywords"),
        ],
    )
    def test_category(self, kwargs: dict[str, object], match: str) -> None:
        options: dict[str, object] = {
            "code": "road",
            "name_id": "Jalan",
            "name_en": "Road",
            "group": "I",
        }
        options.update(kwargs)
        with pytest.raises(InvalidArgumentError, match=match):
            Category(**options)  # type: ignore[arg-type]

    def test_covers_needs_an_area_code(self) -> None:
        with pytest.raises(InvalidArgumentError, match="area"):
            Agency("K", "K", jurisdiction={"33.74.01"}).covers(5)  # type: ignore[arg-type]

    def test_covers_a_deep_code_without_recursion(self) -> None:
        """A code with a million dots is looked up in a loop, not a recursion."""
        agency = Agency("K", "K", jurisdiction={"33"})
        assert agency.covers("33" + ".1" * 1_000_000)
        assert not agency.covers("34" + ".1" * 1_000_000)


class TestAgencyAndCategoryLimits:
    """Oversized values are refused with a short message; evolve is checked too."""

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"code": HUGE, "name": "n"},
            {"code": "c", "name": HUGE},
            {"code": "c", "name": "n", "categories": [HUGE]},
            {"code": "c", "name": "n", "categories": [f"c{i}" for i in range(10_001)]},
            {"code": "c", "name": "n", "parent": "p" * 101},
        ],
    )
    def test_agency(self, kwargs: dict[str, object]) -> None:
        with pytest.raises(RoutingConfigError) as caught:
            Agency(**kwargs)  # type: ignore[arg-type]
        assert len(str(caught.value)) < 300

    def test_category_keywords(self) -> None:
        with pytest.raises(RoutingConfigError) as caught:
            Category("road", name_id="J", name_en="R", group="I", keywords=["k", HUGE])
        assert len(str(caught.value)) < 300

    def test_limits_are_inclusive(self) -> None:
        agency = Agency("c" * 100, "n" * 300, categories=[f"c{i}" for i in range(10_000)])
        assert len(agency.categories) == 10_000

    def test_evolve_is_checked(self) -> None:
        agency = semarang().agencies["DPU"]
        with pytest.raises(InvalidArgumentError):
            attrs.evolve(agency, categories=None)
        with pytest.raises(RoutingConfigError):
            attrs.evolve(agency, name=" ")


class TestDocstringExamples:
    """The examples in the docstrings of smartcity.routing run and show the truth."""

    def test_examples(self) -> None:
        """doctest finds the examples and none fails."""
        results = doctest.testmod(smartcity.routing)
        assert (results.failed, results.attempted > 0) == (0, True)
