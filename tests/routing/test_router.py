"""The router: the most specific rule wins, gaps go to triage, and the table is checked once."""

from __future__ import annotations

import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidLocationError,
    RoutingConfigError,
    SmartCityError,
    UnknownAgencyError,
    UnknownCategoryError,
)
from smartcity.routing import (
    DEFAULT_OUTSIDE_REFERRAL,
    Agency,
    Category,
    Router,
    RoutingDecision,
    RoutingOutcome,
    RoutingRule,
)

ASSIGN, TRIAGE, REFER = RoutingOutcome.ASSIGN, RoutingOutcome.TRIAGE, RoutingOutcome.REFER

CATEGORIES = (
    Category("drainage", name_id="Saluran air", name_en="Drainage", group="Infrastruktur"),
    Category("road", name_id="Jalan rusak", name_en="Damaged road", group="Infrastruktur"),
    Category("waste", name_id="Sampah", name_en="Waste", group="Lingkungan"),
    Category("streetlight", name_id="Lampu jalan", name_en="Street light", group="Infrastruktur"),
    Category(
        "national_road",
        name_id="Jalan nasional",
        name_en="National road",
        group="Infrastruktur",
        referral="BBPJN",
    ),
)
AGENCIES = (
    Agency("DPU", "Dinas Pekerjaan Umum", categories={"drainage", "road"}),
    Agency(
        "UPTD-1",
        "UPTD Drainase Wilayah I",
        categories={"drainage"},
        jurisdiction={"33.74.01", "33.74.02"},
        parent="DPU",
    ),
    Agency("DLH", "Dinas Lingkungan Hidup", categories={"waste"}),
    Agency("KEL-MIROTO", "Kelurahan Miroto", categories={"waste"}, jurisdiction={"33.74.01.1001"}),
    Agency("DISPERKIM", "Dinas Perumahan", categories={"streetlight"}, active=False),
    Agency("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
)
RULES = (
    RoutingRule("drainage", "DPU"),
    RoutingRule("drainage", "UPTD-1", district="33.74.01"),
    RoutingRule("drainage", "DPU", ward="33.74.01.1002"),
    RoutingRule("road", "DPU"),
    RoutingRule("waste", "DLH"),
    RoutingRule("waste", "KEL-MIROTO", ward="33.74.01.1001"),
    RoutingRule("streetlight", "DISPERKIM"),
)
MIROTO = {"ward": "33.74.01.1001", "district": "33.74.01"}


def build(
    rules: tuple[RoutingRule, ...] = RULES,
    *,
    agencies: tuple[Agency, ...] = AGENCIES,
    categories: tuple[Category, ...] = CATEGORIES,
    triage: str | None = "DISKOMINFO",
) -> Router:
    return Router.build(rules, agencies=agencies, categories=categories, triage=triage)


ROUTER = build()


class TestRoute:
    """Where reports go."""

    @pytest.mark.parametrize(
        ("place", "agency", "scope"),
        [
            ({"ward": "33.74.01.1002", "district": "33.74.01"}, "DPU", "ward 33.74.01.1002"),
            ({"ward": "33.74.01.1003", "district": "33.74.01"}, "UPTD-1", "district 33.74.01"),
            ({"ward": "33.74.05.1001", "district": "33.74.05"}, "DPU", "the whole city"),
            ({"district": "33.74.01"}, "UPTD-1", "district 33.74.01"),
            ({}, "DPU", "the whole city"),
        ],
    )
    def test_most_specific_rule_wins(self, place: dict[str, str], agency: str, scope: str) -> None:
        """Ward over district over whole city."""
        decision = ROUTER.route("drainage", **place)
        assert (decision.outcome, decision.agency, decision.referral) == (ASSIGN, agency, None)
        assert decision.rule is not None
        assert decision.rule.scope == scope

    def test_reason_explains_the_decision(self) -> None:
        """The reason names the category, the place, the agency and the rule."""
        decision = ROUTER.route("drainage", **MIROTO)
        assert decision == RoutingDecision(
            ASSIGN,
            "UPTD-1",
            None,
            RoutingRule("drainage", "UPTD-1", district="33.74.01"),
            "Drainage in ward 33.74.01.1001 goes to UPTD-1 (UPTD Drainase Wilayah I): the rule "
            "for district 33.74.01 matched.",
        )

    def test_a_place_that_is_not_known_meets_whole_city_rules_only(self) -> None:
        """An address-only report has no ward: the whole-city rule takes it."""
        decision = ROUTER.route("waste")
        assert (decision.outcome, decision.agency) == (ASSIGN, "DLH")
        assert decision.reason.startswith("Waste with no known place goes to DLH")

    def test_category_of_another_authority_is_referred(self) -> None:
        """National roads are referred wherever they are."""
        decision = ROUTER.route("national_road", **MIROTO)
        assert (decision.outcome, decision.agency, decision.referral, decision.rule) == (
            REFER,
            None,
            "BBPJN",
            None,
        )
        assert "bukan wewenang" in decision.reason

    def test_outside_the_city_is_referred(self) -> None:
        """A point in no ward is not the city's, whatever its category."""
        for category in ("drainage", "national_road"):
            decision = ROUTER.route(category, outside=True)
            assert (decision.outcome, decision.referral) == (REFER, DEFAULT_OUTSIDE_REFERRAL)

    def test_outside_with_a_ward_is_a_contradiction(self) -> None:
        """Outside the city there is no ward."""
        with pytest.raises(InvalidLocationError, match="outside"):
            ROUTER.route("drainage", outside=True, **MIROTO)

    def test_inactive_agency_rules_are_skipped(self) -> None:
        """The inactive agency takes no new reports; the triage desk does."""
        decision = ROUTER.route("streetlight", **MIROTO)
        assert (decision.outcome, decision.agency, decision.rule) == (TRIAGE, "DISKOMINFO", None)
        assert decision.reason == (
            "No rule routes Street light in ward 33.74.01.1001: it goes to the triage desk "
            "DISKOMINFO (Dinas Komunikasi dan Informatika) to be assigned by hand."
        )
        assert ROUTER.skipped == (RoutingRule("streetlight", "DISPERKIM"),)
        assert RoutingRule("streetlight", "DISPERKIM") not in ROUTER.rules

    def test_a_new_agency_may_take_over_an_inactive_ones_area(self) -> None:
        """A rule for the same area as an inactive agency's is no contradiction."""
        agencies = (*AGENCIES, Agency("DISPERKIM-2", "Dinas Perumahan", categories={"streetlight"}))
        router = build((*RULES, RoutingRule("streetlight", "DISPERKIM-2")), agencies=agencies)
        assert router.route("streetlight").agency == "DISPERKIM-2"

    def test_unknown_category(self) -> None:
        """An unknown category raises an error that is also a KeyError."""
        with pytest.raises(UnknownCategoryError, match=r"router\.categories") as caught:
            ROUTER.route("parking")
        assert isinstance(caught.value, KeyError)
        assert caught.value.code == "parking"


class TestLookups:
    """The router knows its agencies and categories by code."""

    def test_agency_and_category(self) -> None:
        """Known codes return the objects given to build."""
        assert ROUTER.agency("UPTD-1").parent == "DPU"
        assert ROUTER.category("road").name_en == "Damaged road"
        assert set(ROUTER.agencies) == {agency.code for agency in AGENCIES}

    def test_unknown_codes(self) -> None:
        """Unknown codes raise errors that say where the known ones are."""
        with pytest.raises(UnknownAgencyError, match=r"router\.agencies"):
            ROUTER.agency("DISHUB")
        with pytest.raises(UnknownCategoryError):
            ROUTER.category("parking")


class TestRule:
    """A rule names at most one area."""

    def test_ward_and_district_together(self) -> None:
        """A ward rule already beats a district rule: giving both is a mistake."""
        with pytest.raises(RoutingConfigError, match="give one of them"):
            RoutingRule("drainage", "DPU", ward="33.74.01.1001", district="33.74.01")

    @pytest.mark.parametrize(
        ("args", "kwargs"),
        [(("", "DPU"), {}), (("drainage", " "), {}), (("drainage", "DPU"), {"ward": ""})],
    )
    def test_blank_codes(self, args: tuple[str, str], kwargs: dict[str, str]) -> None:
        """Blank codes are refused."""
        with pytest.raises(RoutingConfigError, match="blank"):
            RoutingRule(*args, **kwargs)


class TestBuildRefusals:
    """A table with a contradiction or a gap is refused when the router is built."""

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"rules": (*RULES, RoutingRule("road", "DPU"))}, "two rules route road in the whole"),
            ({"rules": (*RULES, RoutingRule("road", "DISHUB"))}, "unknown agency DISHUB"),
            ({"rules": (*RULES, RoutingRule("parking", "DPU"))}, "unknown category parking"),
            ({"rules": (*RULES, RoutingRule("waste", "DPU", ward="w"))}, "DPU does not handle"),
            (
                {"rules": (*RULES, RoutingRule("drainage", "UPTD-1", district="33.74.03"))},
                "UPTD-1 does not serve district 33.74.03",
            ),
            (
                {"rules": (*RULES, RoutingRule("drainage", "UPTD-1", ward="33.74.09.1001"))},
                "UPTD-1 does not serve ward",
            ),
            ({"rules": (*RULES, RoutingRule("national_road", "DPU"))}, "would never apply"),
            ({"triage": None, "rules": RULES[:-1]}, "streetlight has no whole-city rule"),
            ({"triage": "DISHUB"}, "triage desk DISHUB is not among"),
            ({"triage": "DISPERKIM"}, "triage desk DISPERKIM is inactive"),
            ({"triage": "KEL-MIROTO"}, "does not serve the whole city"),
            ({"agencies": (*AGENCIES, AGENCIES[0])}, "two agency entries have the code DPU"),
            ({"categories": (*CATEGORIES, CATEGORIES[0])}, "two category entries"),
            (
                {"agencies": (*AGENCIES, Agency("X", "X", parent="NOPE"))},
                "X escalates to unknown agency NOPE",
            ),
            (
                {
                    "agencies": (
                        *AGENCIES,
                        Agency("X", "X", parent="Y"),
                        Agency("Y", "Y", parent="X"),
                    )
                },
                "escalates in a circle",
            ),
        ],
    )
    def test_refusal(self, changes: dict[str, object], match: str) -> None:
        """Each mistake is named in the error."""
        options: dict[str, object] = {
            "rules": RULES,
            "agencies": AGENCIES,
            "categories": CATEGORIES,
            "triage": "DISKOMINFO",
        }
        options.update(changes)
        with pytest.raises(RoutingConfigError, match=re.escape(match)):
            build(**options)  # type: ignore[arg-type]

    def test_a_gap_without_triage_is_refused(self) -> None:
        """Without a triage desk, every category needs a whole-city rule: routing is total."""
        rules = (RoutingRule("drainage", "UPTD-1", district="33.74.01"),)
        with pytest.raises(RoutingConfigError) as caught:
            build(rules, triage=None)
        message = str(caught.value)
        for code in ("drainage", "road", "waste", "streetlight"):
            assert f"category {code} has no whole-city rule" in message
        assert "national_road" not in message  # referred: it has somewhere to go

    def test_every_problem_is_listed_at_once(self) -> None:
        """One build shows all the problems, so the table is fixed in one pass."""
        rules = (*RULES, RoutingRule("road", "DISHUB"), RoutingRule("parking", "DPU"))
        with pytest.raises(RoutingConfigError, match="2 problem"):
            build(rules)

    def test_blank_outside_referral(self) -> None:
        """Reports outside the city must be referred to someone."""
        with pytest.raises(RoutingConfigError, match="outside_referral"):
            Router.build(RULES, agencies=AGENCIES, categories=CATEGORIES, outside_referral=" ")

    def test_errors_are_value_errors(self) -> None:
        """Configuration errors are SmartCityErrors and ValueErrors."""
        with pytest.raises(SmartCityError):
            build(triage="DISHUB")
        with pytest.raises(ValueError, match="DISHUB"):
            build(triage="DISHUB")


class TestWrongTypesAndSizes:
    """Wrong types are InvalidArgumentErrors, oversized input a short RoutingConfigError."""

    @pytest.mark.parametrize(
        ("args", "kwargs", "match"),
        [
            ((None, "DPU"), {}, "RoutingRule category"),
            (("drainage", 5), {}, "RoutingRule agency"),
            (("drainage", "DPU"), {"ward": 5}, "ward"),
            (("drainage", "DPU"), {"district": ["33.74.01"]}, "district"),
        ],
    )
    def test_rule(self, args: tuple[object, ...], kwargs: dict[str, object], match: str) -> None:
        with pytest.raises(InvalidArgumentError, match=match):
            RoutingRule(*args, **kwargs)  # type: ignore[arg-type]

    def test_rule_with_a_huge_code(self) -> None:
        with pytest.raises(RoutingConfigError) as caught:
            RoutingRule("drainage", "D" * 10_000_000)
        assert len(str(caught.value)) < 300

    @pytest.mark.parametrize(
        ("changes", "match"),
        [
            ({"rules": None}, "rules must be a collection"),
            ({"rules": RULES[0]}, "rules must be a collection"),
            ({"rules": [*RULES, "drainage -> DPU"]}, r"rules\[\d+\] must be a RoutingRule"),
            ({"agencies": None}, "agencies must be a collection"),
            ({"agencies": [*AGENCIES, None]}, r"agencies\[6\] must be an Agency"),
            ({"categories": "drainage"}, "categories must be a collection"),
            ({"categories": [{"code": "x"}]}, r"categories\[0\] must be a Category"),
            ({"triage": 5}, "triage"),
            ({"outside_referral": None}, "outside_referral"),
        ],
    )
    def test_build(self, changes: dict[str, object], match: str) -> None:
        options: dict[str, object] = {
            "rules": RULES,
            "agencies": AGENCIES,
            "categories": CATEGORIES,
            "triage": "DISKOMINFO",
        }
        options.update(changes)
        with pytest.raises(InvalidArgumentError, match=match):
            Router.build(options.pop("rules"), **options)  # type: ignore[arg-type]

    def test_a_long_list_of_problems_is_cut(self) -> None:
        """A thousand broken rules give a message of 20 lines and a count, not 1,000 lines."""
        rules = [RoutingRule("drainage", f"NOPE-{i}") for i in range(1_000)]
        with pytest.raises(RoutingConfigError, match="1000 problem") as caught:
            build(rules)
        assert "... and 980 more" in str(caught.value)
        assert str(caught.value).count("\n") == 21

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"category": None}, InvalidArgumentError),
            ({"category": ["drainage"]}, InvalidArgumentError),
            ({"category": "drainage", "ward": 5}, InvalidArgumentError),
            ({"category": "drainage", "district": b"33.74.01"}, InvalidArgumentError),
            ({"category": "drainage", "outside": "yes"}, InvalidArgumentError),
            ({"category": "drainage", "ward": "3" * 10_000_000}, InvalidLocationError),
            ({"category": "x" * 10_000_000}, UnknownCategoryError),
        ],
    )
    def test_route(self, kwargs: dict[str, object], error: type[Exception]) -> None:
        with pytest.raises(error) as caught:
            ROUTER.route(**kwargs)  # type: ignore[arg-type]
        assert len(str(caught.value)) < 400

    @pytest.mark.parametrize("code", [None, 5, ["DPU"]])
    def test_lookups(self, code: object) -> None:
        with pytest.raises(InvalidArgumentError):
            ROUTER.agency(code)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError):
            ROUTER.category(code)  # type: ignore[arg-type]


# -- properties -----------------------------------------------------------------------------

DISTRICTS = ("33.74.01", "33.74.02")
WARDS = ("33.74.01.1001", "33.74.01.1002", "33.74.02.1001")
CODES = ("c1", "c2", "c3")
AREAS: tuple[tuple[str | None, str | None], ...] = (
    (None, None),
    *((None, district) for district in DISTRICTS),
    *((ward, None) for ward in WARDS),
)
# Every place a report can be: a ward (with its district), a district alone, nowhere known.
PLACES: tuple[dict[str, str], ...] = (
    {},
    *({"district": district} for district in DISTRICTS),
    *({"ward": ward, "district": ward.rsplit(".", 1)[0]} for ward in WARDS),
)


@st.composite
def tables(
    draw: st.DrawFn,
) -> tuple[list[RoutingRule], list[Agency], list[Category], str | None]:
    """A routing table whose rules are each valid; it may still have gaps."""
    categories = [
        Category(
            code,
            name_id=code,
            name_en=code.upper(),
            group="g",
            referral=draw(st.sampled_from([None, None, None, "PLN"])),
        )
        for code in CODES
    ]
    agencies = [
        Agency(
            code,
            f"Agency {code}",
            categories=draw(st.sets(st.sampled_from(CODES))),
            jurisdiction=draw(
                st.none() | st.frozensets(st.sampled_from(DISTRICTS + WARDS), min_size=1)
            ),
            active=draw(st.booleans()),
        )
        for code in ("A", "B", "C")
    ]
    agencies.append(Agency("DESK", "Triage desk"))
    referred = {category.code for category in categories if category.referred}
    candidates = [
        RoutingRule(code, agency.code, ward=ward, district=district)
        for agency in agencies
        for code in sorted(agency.categories - referred)
        for ward, district in AREAS
        if agency.covers(ward or district)
    ]
    rules = draw(
        st.lists(
            st.sampled_from(candidates) if candidates else st.nothing(),
            unique_by=lambda rule: (rule.category, rule.ward, rule.district),
        )
    )
    return rules, agencies, categories, draw(st.sampled_from([None, "DESK"]))


def _matches(rule: RoutingRule, place: dict[str, str]) -> bool:
    if rule.ward is not None:
        return rule.ward == place.get("ward")
    if rule.district is not None:
        return rule.district == place.get("district")
    return True


def _level(rule: RoutingRule) -> int:
    return 2 if rule.ward is not None else 1 if rule.district is not None else 0


class TestRoutingProperties:
    """Routing is total, and the most specific rule always wins."""

    @given(tables())
    def test_routing_is_total(
        self, table: tuple[list[RoutingRule], list[Agency], list[Category], str | None]
    ) -> None:
        """A table builds exactly when it leaves no gap, and then every report has a place."""
        rules, agencies, categories, triage = table
        active = [
            rule for rule in rules if next(a for a in agencies if a.code == rule.agency).active
        ]
        total = triage is not None or all(
            category.referred or any(r.category == category.code and _level(r) == 0 for r in active)
            for category in categories
        )
        event(f"total: {total}")
        if not total:
            with pytest.raises(RoutingConfigError, match="no whole-city rule"):
                Router.build(rules, agencies=agencies, categories=categories, triage=triage)
            return
        router = Router.build(rules, agencies=agencies, categories=categories, triage=triage)
        for category in categories:
            assert router.route(category.code, outside=True).outcome is REFER
            for place in PLACES:
                decision = router.route(category.code, **place)
                matching = [r for r in active if r.category == category.code and _matches(r, place)]
                if category.referred:
                    assert (decision.outcome, decision.referral) == (REFER, "PLN")
                elif matching:
                    best = max(matching, key=_level)
                    assert (decision.outcome, decision.agency, decision.rule) == (
                        ASSIGN,
                        best.agency,
                        best,
                    )
                    agency = router.agency(best.agency)
                    assert agency.active
                    assert category.code in agency.categories
                else:
                    assert (decision.outcome, decision.agency) == (TRIAGE, triage)
                assert decision.reason.endswith(".")

    @given(
        st.lists(
            st.builds(
                RoutingRule,
                st.sampled_from(CODES),
                st.sampled_from(("A", "A", "A", "B", "X")),
                ward=st.sampled_from((None, *WARDS)),
            ),
            max_size=4,
            unique_by=lambda rule: (rule.category, rule.ward),
        ),
        st.sampled_from([None, "DESK", "DESK"]),
    )
    def test_any_table_is_refused_or_total(
        self, rules: list[RoutingRule], triage: str | None
    ) -> None:
        """Whatever the rules, build refuses them or routes every category everywhere."""
        categories = [Category(code, name_id=code, name_en=code, group="g") for code in CODES]
        agencies = [
            Agency("A", "A", categories=CODES),
            Agency("B", "B", categories=CODES[:2], jurisdiction=DISTRICTS[:1]),
            Agency("DESK", "Desk"),
        ]
        try:
            router = Router.build(rules, agencies=agencies, categories=categories, triage=triage)
        except RoutingConfigError:
            event("refused")
            return
        event("built")
        for code in CODES:
            for place in PLACES:
                assert router.route(code, **place).outcome in {ASSIGN, TRIAGE}
