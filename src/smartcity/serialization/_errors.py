"""Structure errors: how a problem deep inside the data is tied to its path, and shown.

cattrs reports a failed structuring as a tree of exception groups whose members carry notes
(an attribute name, a list index or a mapping key); :func:`cattrs.transform_error` walks that
tree and writes one line per problem. The hooks of this package raise :class:`BadValueError`
with a message, and attach the same notes when they structure parts themselves, so every
problem, whichever hook found it, comes out with its path.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from smartcity import _checks
from smartcity.exceptions import SmartCityError, ValidationError

__all__ = [
    "MAX_LINE",
    "MISSING",
    "BadValueError",
    "at_index",
    "describe",
    "format_problem",
    "object_fields",
    "problems",
    "raise_at",
    "require_object",
    "validation_error",
]

# A root marker that cannot occur in a rendered path: transform_error writes mapping keys with
# repr(), which escapes control characters, and format_problem strips it from messages.
_ROOT = "\x1f$"
_SEPARATOR = " @ " + _ROOT


class BadValueError(SmartCityError, ValueError):
    """One problem with one value, found by a hook; the message says what is wrong."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: typing.Final = _Missing()
"""Marks a field with no default in :func:`object_fields`."""


_JSON_KINDS: typing.Final = {
    type(None): "null",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "an array",
    tuple: "an array",
    dict: "an object",
}


#: The longest line a :class:`ValidationError` has: a backstop for what a message may echo.
MAX_LINE = 1_000


def describe(value: object, *, personal: bool = False) -> str:
    """Name a value as JSON would, with a short repr: ``a string 'abc'``, ``an array``.

    A personal value (a reporter's phone) is named by its kind only, never shown.
    """
    kind = _JSON_KINDS.get(type(value))
    if kind is None:
        kind = "an object" if isinstance(value, Mapping) else type(value).__name__
    if isinstance(value, list | tuple | Mapping) or value is None:
        return kind
    if personal:
        return f"{kind} (not shown: personal data)"
    return f"{kind} {_checks.shown(value)}"


def require_object(value: object, what: str) -> Mapping[str, object]:
    """Return ``value`` if it is a JSON object; otherwise raise :class:`BadValueError`."""
    if not isinstance(value, Mapping):
        raise BadValueError(f"expected {what} (a JSON object), got {describe(value)}")
    return typing.cast("Mapping[str, object]", value)


def object_fields(
    value: object,
    cls: type,
    fields: Mapping[str, tuple[Callable[[object], object], object]],
) -> dict[str, object]:
    """Structure the named fields of a JSON object, each with its own hook.

    Collects every problem (a missing field, an unknown one, a bad value) before raising, the
    way cattrs' generated hooks do, so one error lists them all with their paths.

    Args:
        value: the JSON object.
        cls: the class being built, for the error tree.
        fields: field name -> (hook taking the raw value, default or :data:`MISSING`).

    Returns:
        The structured values; a field left out gets its default.

    Raises:
        cattrs.ClassValidationError: one or more problems.
    """
    data = require_object(value, cls.__name__)
    errors: list[Exception] = []
    result: dict[str, object] = {}
    for name, (hook, default) in fields.items():
        if name not in data:
            if default is MISSING:
                errors.append(_noted_attribute(KeyError(name), cls, name))
            else:
                result[name] = default
            continue
        try:
            result[name] = hook(data[name])
        except Exception as error:  # noqa: BLE001 - every problem is collected, as cattrs does
            errors.append(_noted_attribute(error, cls, name))
    unknown = set(data) - set(fields)
    if unknown:
        errors.append(ForbiddenExtraKeysError("", cls, unknown))
    if errors:
        raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
    return result


def _noted_attribute(error: Exception, cls: type, name: str) -> Exception:
    error.add_note(AttributeValidationNote(f"Structuring {cls.__name__}.{name}", name, cls))
    return error


def at_index(error: Exception, index: int | str, kind: object) -> Exception:
    """Return ``error`` noted as the problem of item ``index`` of a list or object."""
    error.add_note(IterableValidationNote(f"Structuring item {index!r}", index, kind))
    return error


def raise_at(
    error: Exception, cls: type, path: Iterable[tuple[str, int | str | None]]
) -> typing.NoReturn:
    """Raise ``error`` as found at ``path`` inside an object of class ``cls``.

    ``path`` is a sequence of ``(field, index)`` steps from the object down, e.g.
    ``[("history", 3)]`` for ``history[3]``; ``index`` is None for a plain field.
    """
    steps = list(path)
    current: Exception = error
    # Build the tree from the innermost step outwards.
    for position in range(len(steps) - 1, -1, -1):
        field, index = steps[position]
        if index is not None:
            current = IterableValidationError(
                f"While structuring {field}", [at_index(current, index, object)], list
            )
        owner = cls if position == 0 else object
        current = ClassValidationError(
            f"While structuring {field}", [_noted_attribute(current, owner, field)], owner
        )
    raise current


def format_problem(error: BaseException, kind: object) -> str:
    """Say what is wrong with one value, for :func:`cattrs.transform_error`."""
    del kind  # the messages name what was expected themselves
    if isinstance(error, SmartCityError):
        message = str(error)
    elif isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(map(_checks.shown, error.extra_fields))
        names = ", ".join(extra[:10]) + (
            f" and {len(extra) - 10:,} more" if len(extra) > 10 else ""
        )
        message = f"unknown field(s) {names}; remove them (or check their spelling)"
    elif isinstance(error, KeyError):
        message = "missing: this field is required"
    else:
        message = cattrs.v.format_exception(error, None)
    return message.replace(_ROOT, "")


def problems(error: BaseException) -> list[str]:
    """Return one line per problem, ``path: message``, for a structuring error."""
    lines = []
    for line in cattrs.transform_error(error, path=_ROOT, format_exception=format_problem):
        message, _, path = line.rpartition(_SEPARATOR)
        where = path.removeprefix(".")
        lines.append(_cut(f"{where}: {message}" if where else message))
    return lines


def _cut(line: str) -> str:
    """A line of at most about :data:`MAX_LINE` characters (a path of huge keys, say)."""
    if len(line) <= MAX_LINE:
        return line
    return f"{line[: MAX_LINE - 40]} ... ({len(line):,} characters, cut)"


def validation_error(error: BaseException, *, what: str) -> ValidationError:
    """Turn a structuring error of any kind into one :class:`ValidationError`."""
    return ValidationError(problems(error), what=what)
