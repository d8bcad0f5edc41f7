"""Routing: which agency must act on a report of a given category in a given place."""

from __future__ import annotations

import enum
import typing

import attrs

from smartcity import _checks
from smartcity._frozen import FrozenMapping
from smartcity.exceptions import (
    InvalidLocationError,
    RoutingConfigError,
    UnknownAgencyError,
    UnknownCategoryError,
)
from smartcity.routing._agency import (
    MAX_CODE_LENGTH,
    MAX_NAME_LENGTH,
    Agency,
    Category,
    _code,
    _optional_code,
    optional_code,
)

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["Router", "RoutingDecision", "RoutingOutcome", "RoutingRule"]

DEFAULT_OUTSIDE_REFERRAL: typing.Final = "the local government of that place"
"""Where :meth:`Router.build` refers reports made outside the city, unless told otherwise."""

MAX_RULES: typing.Final = 100_000
"""The most rules (and the most agencies, and categories) a routing table may have.

Semarang's table has a few dozen rules; one rule per category and ward of the largest city is
a few thousand. A longer list is a runaway export, refused before it is checked.
"""

#: The most problems a RoutingConfigError lists one by one; the rest are counted.
MAX_LISTED_PROBLEMS = 20


@typing.final
@attrs.frozen
class RoutingRule:
    """One line of the routing table: reports of a category, in an area, go to an agency.

    A rule names a ward, or a district, or neither (then it covers the whole city). When several
    rules match a report, the most specific wins: ward over district over whole city.

    Args:
        category: the category code.
        agency: the code of the agency that takes these reports.
        ward: the ward code the rule is for, or None.
        district: the district code the rule is for, or None.

    Raises:
        InvalidArgumentError: a code that is not a ``str`` (or None, for the ward and
            district).
        RoutingConfigError: a blank code, one longer than 100 characters, or both a ward and
            a district (give one: a ward rule already beats a district rule).
    """

    category: str = attrs.field(validator=_code)
    agency: str = attrs.field(validator=_code)
    ward: str | None = attrs.field(default=None, validator=_optional_code, kw_only=True)
    district: str | None = attrs.field(default=None, validator=_optional_code, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Refuse a rule with both a ward and a district."""
        if self.ward is not None and self.district is not None:
            raise RoutingConfigError(
                f"the rule for {self.category} names ward {self.ward} and district "
                f"{self.district}; give one of them (a ward rule already beats a district rule)"
            )

    @property
    def scope(self) -> str:
        """Where the rule applies, in words, e.g. ``"ward 33.74.01.1001"``, ``"the whole city"``."""
        if self.ward is not None:
            return f"ward {self.ward}"
        if self.district is not None:
            return f"district {self.district}"
        return "the whole city"


@typing.final
class RoutingOutcome(enum.Enum):
    """What the desk does with a report.

    There is no "unroutable": :meth:`Router.build` refuses a configuration that would leave a
    report with nowhere to go.
    """

    ASSIGN = "assign"
    """A rule matched: assign the report to its agency."""
    TRIAGE = "triage"
    """No rule matched: the triage desk reads the report and assigns it by hand."""
    REFER = "refer"
    """Not the city's authority (or not in the city): refer the report."""


@typing.final
@attrs.frozen
class RoutingDecision:
    """Where a report goes, and why, in words a desk officer can read.

    Attributes:
        outcome: assign, triage or refer.
        agency: the agency code to assign the report to (the triage desk for triage), or None
            for a referral.
        referral: the authority to refer the report to, or None.
        rule: the rule that matched, or None when none did.
        reason: one sentence that explains the decision, for the report's history.
    """

    outcome: RoutingOutcome = attrs.field(validator=_checks.instance_of(RoutingOutcome))
    agency: str | None = attrs.field(validator=_checks.instance_of(str, optional=True))
    referral: str | None = attrs.field(validator=_checks.instance_of(str, optional=True))
    rule: RoutingRule | None = attrs.field(
        validator=_checks.instance_of(RoutingRule, optional=True)
    )
    reason: str = attrs.field(validator=_checks.instance_of(str))


_Key = tuple[str, str | None, str | None]


def _key(rule: RoutingRule) -> _Key:
    return (rule.category, rule.ward, rule.district)


@typing.final
@attrs.frozen(eq=False, repr=False)
class Router:
    """The routing table of a city, checked once, then asked for every report.

    Build it with :meth:`build`, which refuses a table with contradictions or gaps, so that
    :meth:`route` always has an answer. Two routers are equal only if they are the same object.

    Attributes:
        rules: the rules in use, in the order given.
        skipped: the rules left out because their agency is inactive.
        agencies: every agency, by code.
        categories: every category, by code.
        triage: the code of the triage desk that takes what no rule routes, or None.
        outside_referral: whom reports located outside the city are referred to.
    """

    rules: tuple[RoutingRule, ...]
    skipped: tuple[RoutingRule, ...]
    agencies: Mapping[str, Agency]
    categories: Mapping[str, Category]
    triage: str | None
    outside_referral: str
    _index: Mapping[_Key, RoutingRule] = attrs.field(alias="index", repr=False)

    def __repr__(self) -> str:
        """Summarise in one short line instead of listing every rule, agency and category."""
        return (
            f"Router({len(self.rules)} rules, {len(self.agencies)} agencies, "
            f"{len(self.categories)} categories, triage={self.triage!r})"
        )

    @classmethod
    def build(
        cls,
        rules: Iterable[RoutingRule],
        *,
        agencies: Iterable[Agency],
        categories: Iterable[Category],
        triage: str | None = None,
        outside_referral: str = DEFAULT_OUTSIDE_REFERRAL,
    ) -> Router:
        """Check a routing table and return the router for it.

        The table must be total: every category that is not referred needs a whole-city rule,
        unless a triage desk takes what the rules leave. Rules naming an inactive agency are
        skipped (kept in :attr:`skipped`), as FixMyStreet's inactive contacts take no new
        reports; a more general rule or the triage desk then takes their reports.

        Args:
            rules: the routing rules.
            agencies: every agency the rules, the triage desk and the escalation parents name.
            categories: every category citizens can choose.
            triage: the code of the desk that takes reports no rule routes (an active agency
                that serves the whole city), or None.
            outside_referral: whom to refer reports located outside the city to.

        Returns:
            The router.

        Raises:
            InvalidArgumentError: ``rules``, ``agencies`` or ``categories`` is not a collection
                of `RoutingRule`, `Agency` or `Category` values; ``triage`` or
                ``outside_referral`` is not a ``str``.
            RoutingConfigError: with one line per problem (the first 20, then a count): a code
                given twice; a rule naming an unknown category or agency, an agency that does
                not handle the category or does not serve the area, or a referred category;
                two rules for the same category and area; a category with nowhere to go; a bad
                triage desk; an unknown or circular escalation parent. Also a blank or too long
                ``triage`` or ``outside_referral``, and more than 100,000 rules, agencies or
                categories.
        """
        rules = _checks.tuple_of(
            rules, "rules", _rule, max_items=MAX_RULES, error=RoutingConfigError
        )
        agencies = _checks.tuple_of(
            agencies, "agencies", _agency, max_items=MAX_RULES, error=RoutingConfigError
        )
        categories = _checks.tuple_of(
            categories, "categories", _category, max_items=MAX_RULES, error=RoutingConfigError
        )
        triage = optional_code(triage, "triage")
        _checks.text(
            outside_referral,
            "outside_referral",
            error=RoutingConfigError,
            max_length=MAX_NAME_LENGTH,
        )
        agency_index, problems = _index_by_code(agencies, "agency")
        category_index, category_problems = _index_by_code(categories, "category")
        problems += category_problems
        problems += _check_parents(agency_index)
        if triage is not None:
            problems += _check_triage(triage, agency_index)
        used: list[RoutingRule] = []
        skipped: list[RoutingRule] = []
        index: dict[_Key, RoutingRule] = {}
        for rule in rules:
            rule_problems = _check_rule(rule, agency_index, category_index)
            if rule_problems:
                problems += rule_problems
            elif not agency_index[rule.agency].active:
                skipped.append(rule)
            elif _key(rule) in index:
                problems.append(
                    f"two rules route {rule.category} in {rule.scope}: to "
                    f"{index[_key(rule)].agency} and to {rule.agency}; keep one"
                )
            else:
                used.append(rule)
                index[_key(rule)] = rule
        if triage is None:
            problems += [
                f"category {code} has no whole-city rule and there is no triage desk: add "
                f"RoutingRule({code!r}, agency) or pass triage=..."
                for code, category in category_index.items()
                if not category.referred and (code, None, None) not in index
            ]
        if problems:
            listed = problems[:MAX_LISTED_PROBLEMS]
            if len(problems) > MAX_LISTED_PROBLEMS:
                listed.append(f"... and {len(problems) - MAX_LISTED_PROBLEMS:,} more")
            lines = "\n  ".join(listed)
            raise RoutingConfigError(
                f"the routing table has {len(problems)} problem(s):\n  {lines}"
            )
        return cls(
            tuple(used),
            tuple(skipped),
            FrozenMapping(agency_index),
            FrozenMapping(category_index),
            triage,
            outside_referral,
            index=FrozenMapping(index),
        )

    def agency(self, code: str) -> Agency:
        """Return the agency with *code*.

        Raises:
            InvalidArgumentError: *code* is not a ``str``.
            UnknownAgencyError: the router has no such agency.
        """
        _checks.instance(code, str, "agency code")
        try:
            return self.agencies[code]
        except KeyError:
            raise UnknownAgencyError(code) from None

    def category(self, code: str) -> Category:
        """Return the category with *code*.

        Raises:
            InvalidArgumentError: *code* is not a ``str``.
            UnknownCategoryError: the router has no such category.
        """
        _checks.instance(code, str, "category code")
        try:
            return self.categories[code]
        except KeyError:
            raise UnknownCategoryError(code) from None

    def route(
        self,
        category: str,
        *,
        ward: str | None = None,
        district: str | None = None,
        outside: bool = False,
    ) -> RoutingDecision:
        """Decide where a report goes.

        In order: a report outside the city is referred; a category of another authority is
        referred; the most specific matching rule (ward, then district, then whole city)
        assigns it; else the triage desk takes it. A report whose place is not known (an
        address-only report: no ward, no district) meets only whole-city rules.

        Args:
            category: the report's category code.
            ward: the ward the report is located in, if known.
            district: the district the report is located in, if known.
            outside: True when the report's location lies outside every ward of the city.

        Returns:
            The decision; there always is one for a known category.

        Raises:
            InvalidArgumentError: *category* is not a ``str``, *ward* or *district* neither a
                ``str`` nor None, or *outside* not a bool.
            UnknownCategoryError: the router has no such category.
            InvalidLocationError: *outside* together with a ward or district, or a ward or
                district longer than 100 characters (no area code is).
        """
        what = self.category(category)
        for argument, value in (("ward", ward), ("district", district)):
            if value is not None and len(_checks.instance(value, str, argument)) > MAX_CODE_LENGTH:
                raise InvalidLocationError(
                    f"{argument} {_checks.shown(value)} is not an area code: it has "
                    f"{len(value):,} characters, more than {MAX_CODE_LENGTH}"
                )
        _checks.instance(outside, bool, "outside")
        if outside:
            if ward is not None or district is not None:
                raise InvalidLocationError(
                    f"a report outside the city has no ward or district; got "
                    f"ward={_checks.shown(ward)}, district={_checks.shown(district)} with "
                    f"outside=True"
                )
            return RoutingDecision(
                RoutingOutcome.REFER,
                None,
                self.outside_referral,
                None,
                f"{what.name_en} outside the city's wards is not the city's to handle: "
                f"refer the report to {self.outside_referral}.",
            )
        if what.referral is not None:
            return RoutingDecision(
                RoutingOutcome.REFER,
                None,
                what.referral,
                None,
                f"{what.name_en} is not the city's authority (bukan wewenang): refer the "
                f"report to {what.referral}.",
            )
        # The most specific rule first: ward, then district, then whole city.
        rule = None
        if ward is not None:
            rule = self._index.get((category, ward, None))
        if rule is None and district is not None:
            rule = self._index.get((category, None, district))
        if rule is None:
            rule = self._index.get((category, None, None))
        where = _where(ward, district)
        if rule is not None:
            agency = self.agencies[rule.agency]
            return RoutingDecision(
                RoutingOutcome.ASSIGN,
                agency.code,
                None,
                rule,
                f"{what.name_en} {where} goes to {agency.code} ({agency.name}): the rule for "
                f"{rule.scope} matched.",
            )
        # build() refuses a table where a category without a whole-city rule has no triage desk.
        desk = self.agencies[typing.cast("str", self.triage)]
        return RoutingDecision(
            RoutingOutcome.TRIAGE,
            desk.code,
            None,
            None,
            f"No rule routes {what.name_en} {where}: it goes to the triage desk {desk.code} "
            f"({desk.name}) to be assigned by hand.",
        )


def _rule(value: object, argument: str) -> RoutingRule:
    return _checks.instance(value, RoutingRule, argument)


def _agency(value: object, argument: str) -> Agency:
    return _checks.instance(value, Agency, argument)


def _category(value: object, argument: str) -> Category:
    return _checks.instance(value, Category, argument)


def _where(ward: str | None, district: str | None) -> str:
    if ward is not None:
        return f"in ward {ward}"
    if district is not None:
        return f"in district {district}"
    return "with no known place"


_Coded = typing.TypeVar("_Coded", Agency, Category)


def _index_by_code(items: Iterable[_Coded], what: str) -> tuple[dict[str, _Coded], list[str]]:
    index: dict[str, _Coded] = {}
    problems = []
    for item in items:
        if item.code in index:
            problems.append(f"two {what} entries have the code {item.code}")
        index[item.code] = item
    return index, problems


def _check_parents(agencies: Mapping[str, Agency]) -> list[str]:
    problems = []
    for agency in agencies.values():
        seen = {agency.code}
        parent = agency.parent
        while parent is not None:
            if parent not in agencies:
                problems.append(f"agency {agency.code} escalates to unknown agency {parent}")
                break
            if parent in seen:
                problems.append(f"agency {agency.code} escalates in a circle through {parent}")
                break
            seen.add(parent)
            parent = agencies[parent].parent
    return problems


def _check_triage(triage: str, agencies: Mapping[str, Agency]) -> list[str]:
    desk = agencies.get(triage)
    if desk is None:
        return [f"the triage desk {triage} is not among the agencies"]
    problems = []
    if not desk.active:
        problems.append(f"the triage desk {triage} is inactive")
    if not desk.whole_city:
        problems.append(f"the triage desk {triage} does not serve the whole city")
    return problems


def _check_rule(
    rule: RoutingRule, agencies: Mapping[str, Agency], categories: Mapping[str, Category]
) -> list[str]:
    category, agency = categories.get(rule.category), agencies.get(rule.agency)
    if category is None or agency is None:
        return [
            f"a rule for {rule.scope} names unknown {what} {code}"
            for what, code, known in (
                ("category", rule.category, category),
                ("agency", rule.agency, agency),
            )
            if known is None
        ]
    problems = []
    if category.referral is not None:
        problems.append(
            f"category {category.code} is referred to {category.referral}, so the rule sending "
            f"it to {agency.code} would never apply"
        )
    if category.code not in agency.categories:
        problems.append(
            f"agency {agency.code} does not handle {category.code}; add it to the agency's "
            f"categories or route {category.code} elsewhere"
        )
    if not agency.covers(rule.ward or rule.district):
        problems.append(
            f"agency {agency.code} does not serve {rule.scope}, where its rule for "
            f"{category.code} applies"
        )
    return problems
