"""Service attributes: a category's extra questions as Open311 writes them, and the answers."""

from __future__ import annotations

import math
import re
import typing

from smartcity import _checks
from smartcity.open311._common import parse_w3c
from smartcity.open311._query import Fields
from smartcity.reports import MAX_DESCRIPTION_LENGTH
from smartcity.routing import AttributeDatatype, Category, ServiceAttribute

__all__ = ["NUMBER", "attribute_data", "answers_data", "read_answers"]

NUMBER: typing.Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A number in decimal notation, as a form sends it."""

_FIELD: typing.Final = re.compile(r"attribute\[([^\[\]]{1,100})\](\[\])?", re.ASCII)


def attribute_data(attribute: ServiceAttribute) -> dict[str, object]:
    """One attribute of ``GET services/{code}``, every field of GeoReport v2 present."""
    return {
        "variable": attribute.variable,
        "code": attribute.code,
        "datatype": attribute.datatype.value,
        "required": attribute.required,
        "datatype_description": attribute.datatype_description,
        "order": attribute.order,
        "description": attribute.description,
        "values": [{"key": option.key, "name": option.name} for option in attribute.values],
    }


def answers_data(answers: tuple[tuple[str, tuple[str, ...]], ...]) -> list[dict[str, object]]:
    """A report's answers as published: ``[{"code": ..., "values": [...]}, ...]``."""
    return [{"code": code, "values": list(values)} for code, values in answers]


def read_answers(
    data: Fields, category: Category | None, problems: list[str]
) -> dict[str, tuple[str, ...]]:
    """The ``attribute[code]`` and ``attribute[code][]`` fields, checked against ``category``.

    Without a category (no city given) every answer is kept as sent. With one, only the
    codes it defines that take an answer are kept (FixMyStreet sends extra attributes such as
    ``attribute[title]`` to every server); each is checked against its datatype and options,
    and a required one must be answered.
    """
    given: dict[str, list[object]] = {}
    for name, values in data.items():
        match = _FIELD.fullmatch(name)
        if match is not None:
            given.setdefault(match.group(1), []).extend(values)
    if category is None:
        kept = {code: _texts(code, values, problems) for code, values in given.items()}
        return {code: values for code, values in kept.items() if values}
    answers: dict[str, tuple[str, ...]] = {}
    for attribute in sorted(category.attributes, key=lambda item: item.code):
        if not attribute.variable:
            continue
        checked = _texts(attribute.code, given.get(attribute.code, []), problems)
        if not checked:
            if attribute.required:
                problems.append(
                    f"attribute[{attribute.code}]: missing; it is required "
                    f"(GET services/{category.code} describes it)"
                )
            continue
        if _valid(attribute, checked, problems):
            answers[attribute.code] = checked
    return answers


def _texts(code: str, values: list[object], problems: list[str]) -> tuple[str, ...]:
    texts = []
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # an unanswered optional list is sent empty (open311-adapter's tests)
        if not isinstance(value, str):
            problems.append(
                f"attribute[{code}]: expected text, got {_checks.type_name(value)} "
                f"{_checks.shown(value)}"
            )
            return ()
        if len(value) > MAX_DESCRIPTION_LENGTH:
            problems.append(
                f"attribute[{code}]: {len(value):,} characters; at most "
                f"{MAX_DESCRIPTION_LENGTH:,} are allowed"
            )
            return ()
        texts.append(value)
    return tuple(texts)


def _valid(  # noqa: PLR0911 - one refusal per rule
    attribute: ServiceAttribute, values: tuple[str, ...], problems: list[str]
) -> bool:
    name = f"attribute[{attribute.code}]"
    datatype = attribute.datatype
    if datatype is not AttributeDatatype.MULTIVALUELIST and len(values) > 1:
        problems.append(f"{name}: given {len(values)} times; a {datatype.value} takes one value")
        return False
    if datatype.is_list:
        keys = {option.key for option in attribute.values}
        unknown = [value for value in values if value not in keys]
        if unknown:
            allowed = ", ".join(sorted(keys)[:10])
            problems.append(
                f"{name}: {_checks.shown(unknown[0])} is not one of its keys ({allowed})"
            )
            return False
        if len(set(values)) != len(values):
            problems.append(f"{name}: a key is given twice; give each once")
            return False
        return True
    (value,) = values
    if datatype is AttributeDatatype.NUMBER and not (
        NUMBER.fullmatch(value.strip()) and math.isfinite(float(value))
    ):
        problems.append(f"{name}: expected a number, got {_checks.shown(value)}")
        return False
    if datatype is AttributeDatatype.DATETIME and parse_w3c(value.strip()) is None:
        problems.append(
            f"{name}: expected a W3C datetime with its offset (e.g. "
            f"2026-03-02T08:15:00+07:00), got {_checks.shown(value)}"
        )
        return False
    return True
