"""The extra questions a category asks (Open311 service attributes)."""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable

import attrs

from smartcity import _checks
from smartcity.exceptions import RoutingConfigError

__all__ = [
    "MAX_ATTRIBUTES",
    "AttributeDatatype",
    "AttributeOption",
    "ServiceAttribute",
]

MAX_ATTRIBUTES: typing.Final = 100
"""The most attributes a category may define, and the most options a list attribute may offer.

Real services ask a handful of questions (open311-adapter's busiest back-ends ask about 20);
a longer list is a mistake, and every POST checks its values against it.
"""

_MAX_CODE: typing.Final = 100
_MAX_TEXT: typing.Final = 300
_MAX_DESCRIPTION: typing.Final = 4_000


@typing.final
class AttributeDatatype(enum.Enum):
    """The kind of answer an attribute takes (GeoReport v2 ``datatype``)."""

    STRING = "string"
    """A line of text."""
    NUMBER = "number"
    """A number, written in decimal notation (``12``, ``-3.5``)."""
    DATETIME = "datetime"
    """An instant, written as a W3C datetime with its offset (``2026-03-02T08:15:00+07:00``)."""
    TEXT = "text"
    """Free text, possibly several lines."""
    SINGLEVALUELIST = "singlevaluelist"
    """One key of the attribute's ``values``."""
    MULTIVALUELIST = "multivaluelist"
    """One or more keys of the attribute's ``values``."""

    @property
    def is_list(self) -> bool:
        """Whether the answer is chosen from the attribute's ``values``."""
        return self in {AttributeDatatype.SINGLEVALUELIST, AttributeDatatype.MULTIVALUELIST}


def _code(value: object, argument: str) -> str:
    return _checks.text(value, argument, error=RoutingConfigError, max_length=_MAX_CODE)


def _checked_code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _code(value, f"{type(instance).__name__} {attribute.name}")


def _checked_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _checks.text(
        value,
        f"{type(instance).__name__} {attribute.name}",
        error=RoutingConfigError,
        max_length=_MAX_TEXT,
    )


def _optional_text(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    _checks.optional_text(
        value,
        f"{type(instance).__name__} {attribute.name}",
        error=RoutingConfigError,
        max_length=_MAX_DESCRIPTION,
    )


def _flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    _checks.instance(value, bool, f"{type(instance).__name__} {attribute.name}")


def _datatype(
    _instance: object, _attribute: attrs.Attribute[AttributeDatatype], value: object
) -> None:
    _checks.member(value, AttributeDatatype, "ServiceAttribute datatype")


def _order(value: object) -> int | None:
    if value is None:
        return None
    return _checks.whole_number(
        value, "ServiceAttribute order", error=RoutingConfigError, minimum=1, maximum=_MAX_TEXT
    )


@typing.final
@attrs.frozen
class AttributeOption:
    """One answer a list attribute offers (an item of GeoReport v2 ``values``).

    Args:
        key: what a client sends back, e.g. ``"deep"``.
        name: what a person reads, e.g. ``"Deeper than 10 cm"``.

    Raises:
        InvalidArgumentError: a key or name that is not a ``str``.
        RoutingConfigError: a blank key or name, a key over 100 characters or a name over 300.
    """

    key: str = attrs.field(validator=_checked_code)
    name: str = attrs.field(validator=_checked_text)


_Keyed = typing.TypeVar("_Keyed")


def _distinct(
    values: object, cls: type[_Keyed], argument: str, key: typing.Callable[[_Keyed], str], what: str
) -> tuple[_Keyed, ...]:
    """Check a collection of at most :data:`MAX_ATTRIBUTES` ``cls`` values with distinct keys."""
    checked = _checks.tuple_of(
        values,
        argument,
        lambda value, name: _checks.instance(value, cls, name),
        max_items=MAX_ATTRIBUTES,
        error=RoutingConfigError,
    )
    keys = [key(value) for value in checked]
    if len(set(keys)) != len(keys):
        raise RoutingConfigError(f"{argument} repeat a {what}; give each its own {what}")
    return checked


def _options(values: Iterable[AttributeOption]) -> tuple[AttributeOption, ...]:
    return _distinct(values, AttributeOption, "ServiceAttribute values", lambda o: o.key, "key")


@typing.final
@attrs.frozen
class ServiceAttribute:
    """An extra question a category asks when a report is made (GeoReport v2 attribute).

    Args:
        code: the attribute's code, unique in its category; a client sends the answer as
            ``attribute[code]`` (or ``attribute[code][]`` for several keys).
        datatype: the kind of answer.
        description: the question, e.g. ``"How deep is the hole?"``.
        required: whether a report must answer it.
        variable: False for a text shown to the citizen that takes no answer (GeoReport v2
            ``variable``); such an attribute is never required and any answer is ignored.
        order: where it is shown, 1 first; None to leave it to the client.
        datatype_description: help for the answer, e.g. ``"in centimetres"``.
        values: the options of a list datatype (at least one; none for the other datatypes).

    Raises:
        InvalidArgumentError: a field of the wrong type (a ``datatype`` that is not an
            :class:`AttributeDatatype`, a value that is not an :class:`AttributeOption`...).
        RoutingConfigError: blank text, text over its limit, an ``order`` outside 1 to 300,
            a list datatype without options or another with options, repeated keys, more than
            :data:`MAX_ATTRIBUTES` options, or a required attribute that takes no answer.

    Example:
        >>> depth = ServiceAttribute(
        ...     "depth",
        ...     datatype=AttributeDatatype.NUMBER,
        ...     description="Depth, in cm",
        ...     required=True,
        ... )
        >>> depth.required
        True
    """

    code: str = attrs.field(validator=_checked_code)
    datatype: AttributeDatatype = attrs.field(validator=_datatype, kw_only=True)
    description: str = attrs.field(validator=_checked_text, kw_only=True)
    required: bool = attrs.field(default=False, validator=_flag, kw_only=True)
    variable: bool = attrs.field(default=True, validator=_flag, kw_only=True)
    order: int | None = attrs.field(default=None, converter=_order, kw_only=True)
    datatype_description: str | None = attrs.field(
        default=None, validator=_optional_text, kw_only=True
    )
    values: tuple[AttributeOption, ...] = attrs.field(default=(), converter=_options, kw_only=True)

    def __attrs_post_init__(self) -> None:
        """Refuse options on a datatype that has none, and a list without options."""
        if self.datatype.is_list and not self.values:
            raise RoutingConfigError(
                f"attribute {_checks.shown(self.code)} is a {self.datatype.value}: give it "
                f"its options (values=[AttributeOption(key, name), ...])"
            )
        if not self.datatype.is_list and self.values:
            raise RoutingConfigError(
                f"attribute {_checks.shown(self.code)} is a {self.datatype.value}, which has "
                f"no options: leave values empty, or use a singlevaluelist"
            )
        if self.required and not self.variable:
            raise RoutingConfigError(
                f"attribute {_checks.shown(self.code)} takes no answer (variable=False), so it "
                f"cannot be required"
            )


def attributes(values: Iterable[ServiceAttribute]) -> tuple[ServiceAttribute, ...]:
    """Check a category's attributes: a collection of distinct codes, at most 100."""
    return _distinct(values, ServiceAttribute, "Category attributes", lambda a: a.code, "code")
