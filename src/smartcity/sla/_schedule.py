"""SLA schedules: which policies apply to a report, chosen by the first matching rule."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping

import attrs

from smartcity._checks import instance, shown, tuple_of
from smartcity._frozen import FrozenMapping
from smartcity.exceptions import InvalidPolicyError, UnknownPolicyError
from smartcity.reports import Report, ReportStatus
from smartcity.sla._calendar._core import WorkingCalendar
from smartcity.sla._clock import SlaClock, clock_from_changes, require, status_changes
from smartcity.sla._policy import MAX_NAME as MAX_CODE
from smartcity.sla._policy import SlaPolicy

__all__ = ["SlaRule", "SlaSchedule"]

_S = ReportStatus


MAX_CODES: typing.Final = 10_000
"""The most category codes or class names a rule, or a schedule's classes, may list."""
MAX_RULES: typing.Final = 1_000
"""The most rules a schedule may have."""


def _code(value: object, _argument: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_CODE:
        raise InvalidPolicyError(
            f"rule codes must be non-blank strings of at most {MAX_CODE} characters, "
            f"not {shown(value)}"
        )
    return value


def _codes(values: Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = (values,)
    codes = frozenset(tuple_of(values, "codes", _code, max_items=MAX_CODES))
    if not codes:
        raise InvalidPolicyError(
            "an empty set matches no report; pass None to match every category or class"
        )
    return codes


@typing.final
@attrs.frozen
class SlaRule:
    """A line of a schedule: the policy applies to reports of these categories and classes.

    Attributes:
        policy: the policy that applies.
        categories: the category codes the rule matches, or None for every category.
        classes: the complaint classes (see :class:`SlaSchedule`) it matches, or None for
            every class.
    """

    policy: SlaPolicy = attrs.field()
    categories: frozenset[str] | None = attrs.field(kw_only=True, default=None, converter=_codes)
    classes: frozenset[str] | None = attrs.field(kw_only=True, default=None, converter=_codes)

    @policy.validator
    def _check_policy(self, _attribute: object, value: object) -> None:
        if not isinstance(value, SlaPolicy):
            raise InvalidPolicyError(f"a rule needs an SlaPolicy, not {shown(value)}")

    @property
    def matches_all(self) -> bool:
        """Whether the rule matches every report."""
        return self.categories is None and self.classes is None

    def matches(self, category: str, complaint_class: str | None) -> bool:
        """Return whether the rule applies to a report of this category and class."""
        return (self.categories is None or category in self.categories) and (
            self.classes is None or complaint_class in self.classes
        )


def _rules(
    values: Iterable[SlaRule | SlaPolicy] | SlaRule | SlaPolicy,
) -> tuple[SlaRule, ...]:
    items = (
        (values,)
        if isinstance(values, SlaRule | SlaPolicy)
        else tuple_of(values, "rules", _rule, max_items=MAX_RULES)
    )
    return tuple(value if isinstance(value, SlaRule) else SlaRule(value) for value in items)


def _rule(value: object, _argument: str) -> SlaRule | SlaPolicy:
    if not isinstance(value, SlaRule | SlaPolicy):
        raise InvalidPolicyError(f"a rule needs an SlaPolicy, not {shown(value)}")
    return value


def _known_name(value: object, argument: str) -> str:
    return instance(value, str, argument)


def _classes(values: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(values, Mapping):
        raise InvalidPolicyError(f"classes maps category codes to class names, not {shown(values)}")
    if len(values) > MAX_CODES:
        raise InvalidPolicyError(
            f"classes maps {len(values):,} categories; at most {MAX_CODES:,} are allowed"
        )
    for category, name in values.items():
        for value in (category, name):
            if not isinstance(value, str) or not value.strip() or len(value) > MAX_CODE:
                raise InvalidPolicyError(
                    f"classes maps category codes to class names, both non-blank strings; "
                    f"not {shown(category)}: {shown(name)}"
                )
    return FrozenMapping(values)


MAX_CACHED_CATEGORIES: typing.Final = 4096
"""Categories whose policies a schedule remembers (a real city has a few dozen)."""


@typing.final
@attrs.frozen(repr=False)
class SlaSchedule:
    """The policies that apply to reports: for each policy name, the first matching rule wins.

    Several rules may share a policy name with different targets (the tiers of one clock);
    a report gets one clock per name, from the first rule of that name that matches its
    current category and its complaint class. A report matched by no rule of a name has no
    clock of that name.

    Attributes:
        rules: the rules, in order; a bare :class:`SlaPolicy` is a rule that matches everything.
        classes: category code → complaint class name.
        default_class: the class of a category missing from ``classes`` (None: no class).
        primary: the name of the clock statistics judge by (default: the first rule's).

    Raises:
        InvalidPolicyError: no rules, or a rule that can never apply (after a rule of the same
            name that matches everything).
        UnknownPolicyError: a ``primary`` that no rule names.
    """

    rules: tuple[SlaRule, ...] = attrs.field(converter=_rules)
    classes: Mapping[str, str] = attrs.field(
        kw_only=True, factory=dict, converter=_classes, hash=False
    )
    default_class: str | None = attrs.field(kw_only=True, default=None)
    primary: str = attrs.field(kw_only=True, default="")
    _names: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)
    # The policies of each category, found once: a city has a few dozen categories and
    # hundreds of thousands of reports.
    _cache: dict[str, tuple[SlaPolicy, ...]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Check that every rule can apply, and fill in the primary clock."""
        if not self.rules:
            raise InvalidPolicyError("a schedule needs at least one rule")
        if self.default_class is not None and (
            not isinstance(self.default_class, str)
            or not self.default_class.strip()
            or len(self.default_class) > MAX_CODE
        ):
            raise InvalidPolicyError(
                f"default_class must be a class name or None, not {shown(self.default_class)}"
            )
        object.__setattr__(
            self, "_names", tuple(dict.fromkeys(rule.policy.name for rule in self.rules))
        )
        catch_all: dict[str, int] = {}
        for index, rule in enumerate(self.rules, start=1):
            name = rule.policy.name
            if name in catch_all:
                raise InvalidPolicyError(
                    f"rule {index} ({rule.policy}) can never apply: rule {catch_all[name]} "
                    f"before it, also named {shown(name)}, matches every report; put it last"
                )
            if rule.matches_all:
                catch_all[name] = index
        instance(self.primary, str, "primary")
        if not self.primary:
            object.__setattr__(self, "primary", self.rules[0].policy.name)
        elif self.primary not in self.names:
            raise UnknownPolicyError(self.primary, self.names)

    def __repr__(self) -> str:
        """Summarise in one short line: the clocks, the number of rules, the primary clock."""
        return (
            f"SlaSchedule(clocks={self.names!r}, rules={len(self.rules)}, "
            f"classes={len(self.classes)}, primary={self.primary!r})"
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The clock names, in the order the rules first mention them."""
        return self._names

    def class_of(self, category: str) -> str | None:
        """Return the complaint class of a category (``default_class`` when unmapped)."""
        instance(category, str, "category")
        return self.classes.get(category, self.default_class)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the definition only: the per-category answers are found again on use."""
        return _schedule, (self.rules, self.classes, self.default_class, self.primary)

    def policies_for(self, report: Report) -> tuple[SlaPolicy, ...]:
        """Return the policies that apply to a report: one per name, by its current category."""
        require(report, Report, "report")
        return self._for_category(report.category)

    def policies_for_category(self, category: str) -> tuple[SlaPolicy, ...]:
        """Return the policies that apply to reports of a category, one per name.

        What :meth:`policies_for` gives a report of that category; for code that holds
        categories rather than reports (a table of events, a service list).
        """
        instance(category, str, "category")
        return self._for_category(category)

    def policy_for_category(self, category: str, name: str) -> SlaPolicy | None:
        """Return the policy of clock ``name`` for reports of a category, or None.

        What :meth:`policy_for` gives a report of that category.

        Raises:
            UnknownPolicyError: no rule has that name.
        """
        instance(category, str, "category")
        return self._named(category, name)

    def _named(self, category: str, name: str) -> SlaPolicy | None:
        require(name, str, "name")
        if name not in self.names:
            raise UnknownPolicyError(name, self.names)
        return next((p for p in self._for_category(category) if p.name == name), None)

    def _for_category(self, category: str) -> tuple[SlaPolicy, ...]:
        cached = self._cache.get(category)
        if cached is None:
            complaint_class = self.class_of(category)
            chosen: dict[str, SlaPolicy] = {}
            for rule in self.rules:
                name = rule.policy.name
                if name not in chosen and rule.matches(category, complaint_class):
                    chosen[name] = rule.policy
            cached = tuple(chosen[name] for name in self.names if name in chosen)
            # Categories come from outside (a form, an Open311 client): remember a bounded
            # number, so that a stream of made-up ones cannot grow the schedule without end.
            if len(self._cache) < MAX_CACHED_CATEGORIES:
                self._cache[category] = cached
        return cached

    def policy_for(self, report: Report, name: str) -> SlaPolicy | None:
        """Return the policy of clock ``name`` that applies to a report, or None.

        Raises:
            UnknownPolicyError: no rule has that name.
        """
        require(report, Report, "report")
        return self._named(report.category, name)  # a report's category is checked already

    def clocks(
        self,
        report: Report,
        calendar: WorkingCalendar,
        *,
        names: Iterable[str] | None = None,
    ) -> tuple[SlaClock, ...]:
        """Return the clocks that apply to a report, in the order of :attr:`names`.

        Args:
            report: the report.
            calendar: the working calendar.
            names: only the clocks of these names (default: all).

        Raises:
            UnknownPolicyError: a name that no rule has.
            CalendarCoverageError: the history or a deadline leaves the calendar's coverage.
        """
        require(report, Report, "report")
        require(calendar, WorkingCalendar, "calendar")
        policies = self._for_category(report.category)
        if names is not None:
            wanted = set(self._check_names(names))
            policies = tuple(policy for policy in policies if policy.name in wanted)
        changes = status_changes(report.history)
        return tuple(
            clock_from_changes(report.report_id, changes, policy, calendar) for policy in policies
        )

    def _check_names(self, names: Iterable[str]) -> tuple[str, ...]:
        checked = (
            (names,)
            if isinstance(names, str)
            else tuple_of(names, "names", _known_name, max_items=MAX_RULES)
        )
        for name in checked:
            if name not in self.names:
                raise UnknownPolicyError(name, self.names)
        return checked

    def clock(self, report: Report, name: str, calendar: WorkingCalendar) -> SlaClock | None:
        """Return the clock ``name`` of a report, or None when no rule of that name matches.

        Raises:
            UnknownPolicyError: no rule has that name.
        """
        policy = self.policy_for(report, name)
        return None if policy is None else SlaClock.of(report, policy, calendar)


def _schedule(
    rules: tuple[SlaRule, ...],
    classes: Mapping[str, str],
    default_class: str | None,
    primary: str,
) -> SlaSchedule:
    """Rebuild a pickled schedule (see ``SlaSchedule.__reduce__``), checked as any other."""
    return SlaSchedule(rules, classes=classes, default_class=default_class, primary=primary)
