"""The converter: how each public value type is written as JSON-ready data, and read back.

Plain attrs values (a reporter, a category, a policy...) use hooks that cattrs generates from
their fields, wrapped to refuse what is not a JSON object. Values with a named constructor are
read through it, so that stored data is checked exactly as new data is: a calendar through
:meth:`WorkingCalendar.build`, a report through :meth:`Report.replay`, a ward map through
:meth:`WardMap.from_wards`, a router through :meth:`Router.build`, a city through
:meth:`City.build`.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Mapping

import attrs
import cattrs
from cattrs.errors import IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from shapely import MultiPolygon, Polygon

from smartcity.desk import City
from smartcity.geo import GeoPoint, Ward, WardMap
from smartcity.reports import (
    MAX_HISTORY_LENGTH,
    HasLatLon,
    Report,
    Reporter,
    ReportEvent,
    Submission,
)
from smartcity.reports._report import RefusedEventError, replay
from smartcity.routing import (
    DEFAULT_OUTSIDE_REFERRAL,
    Agency,
    AttributeOption,
    Category,
    Router,
    RoutingRule,
    ServiceAttribute,
)
from smartcity.serialization._errors import (
    MISSING,
    BadValueError,
    at_index,
    describe,
    object_fields,
    raise_at,
    require_object,
)
from smartcity.serialization._geometry import (
    check_ward_map_size,
    geometry_from_data,
    geometry_to_data,
)
from smartcity.serialization._scalars import (
    boolean,
    date_from_data,
    date_to_data,
    datetime_from_data,
    datetime_to_data,
    duration_from_data,
    duration_to_data,
    integer,
    number,
    text,
    time_from_data,
    time_to_data,
)
from smartcity.sla import (
    Closure,
    EscalationPolicy,
    EscalationStep,
    HoursOverride,
    SlaPolicy,
    SlaRule,
    SlaSchedule,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)
from smartcity.sla._calendar._core import MAX_CLOSED, MAX_EXTRA_WORKING, MAX_OVERRIDES

__all__ = ["SUPPORTED_TYPES", "make_converter"]

SUPPORTED_TYPES: typing.Final[tuple[type, ...]] = (
    Agency,
    Category,
    City,
    Closure,
    EscalationPolicy,
    EscalationStep,
    GeoPoint,
    HoursOverride,
    Report,
    ReportEvent,
    Reporter,
    Router,
    RoutingRule,
    SlaPolicy,
    SlaRule,
    SlaSchedule,
    Submission,
    Ward,
    WardMap,
    WorkingCalendar,
    WorkingDays,
    WorkingDuration,
)
"""The classes :func:`to_dict` and :func:`from_dict` take at the top level."""

_Hook = Callable[[object], object]
_V = typing.TypeVar("_V")
_WEEKDAYS: typing.Final = ("1", "2", "3", "4", "5", "6", "7")


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter configured for every public value type of `smartcity`.

    Use it to embed `smartcity` values in your own attrs classes (register your hooks on it);
    for one value, :func:`to_dict` and :func:`from_dict` are simpler and add the schema
    version. The converter writes JSON-ready data only: dicts, lists, strings, numbers,
    booleans and None; the formats are those of the docs page "Storing and sending values".

    Structuring refuses unknown fields and values of the wrong JSON type, and raises cattrs'
    ``ClassValidationError`` / ``IterableValidationError`` groups; :func:`from_dict` turns them
    into one :class:`~smartcity.exceptions.ValidationError` that lists every problem with its
    path.

    Returns:
        A new converter; it is yours to extend (it is never the global one).
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        unstruct_collection_overrides={
            collections.abc.Set: _sorted_list,
            collections.abc.Sequence: list,
            collections.abc.Mapping: dict,
        },
    )
    _register_scalars(converter)
    _register_collections(converter)
    _register_geometry(converter)
    _register_calendars(converter)
    _register_targets(converter)
    _register_reports(converter)
    _register_places_and_routing(converter)
    for cls in (Closure, SlaPolicy, SlaRule, SlaSchedule, EscalationStep, EscalationPolicy):
        _register_attrs(converter, cls)
    return converter


def _sorted_list(items: collections.abc.Iterable[typing.Any]) -> list[typing.Any]:
    # Sets are written sorted, so the same value always gives the same data (and diffs).
    return sorted(items)


def _structure(converter: cattrs.Converter, kind: object) -> _Hook:
    """A one-argument hook for ``kind``, looked up when called (all hooks are known by then)."""
    target = typing.cast("type[typing.Any]", kind)
    return lambda value: converter.structure(value, target)


# -- scalars and enums ---------------------------------------------------------------------------


def _register_scalars(converter: cattrs.Converter) -> None:
    for kind, structure in (
        (str, text),
        (int, integer),
        (float, number),
        (bool, boolean),
        (dt.datetime, datetime_from_data),
        (dt.date, date_from_data),
        (dt.time, time_from_data),
        (dt.timedelta, duration_from_data),
    ):
        converter.register_structure_hook(kind, structure)
    converter.register_unstructure_hook(dt.datetime, datetime_to_data)
    converter.register_unstructure_hook(dt.date, date_to_data)
    converter.register_unstructure_hook(dt.time, time_to_data)
    converter.register_unstructure_hook(dt.timedelta, duration_to_data)
    converter.register_structure_hook_factory(_is_enum, _enum_hook)


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    members = {member.value: member for member in kind}
    choices = ", ".join(repr(value) for value in members)

    def structure(value: object, _kind: object) -> enum.Enum:
        # Only the exact value: 1 is not "1", and a member's name is not its value.
        member = members.get(value) if isinstance(value, str) else None
        if member is None:
            raise BadValueError(f"expected one of {choices}, got {describe(value)}")
        return member

    return structure


# -- collections ---------------------------------------------------------------------------------

_SEQUENCES: typing.Final[dict[object, Callable[[list[object]], object]]] = {
    tuple: tuple,
    list: list,
    frozenset: frozenset,
    set: frozenset,
    collections.abc.Sequence: tuple,
    collections.abc.Set: frozenset,
}


def _is_sequence(kind: object) -> bool:
    return typing.get_origin(kind) in _SEQUENCES


def _is_mapping(kind: object) -> bool:
    return typing.get_origin(kind) in {dict, collections.abc.Mapping}


def _register_collections(converter: cattrs.Converter) -> None:
    converter.register_structure_hook_factory(
        _is_sequence, functools.partial(_sequence_hook, converter=converter)
    )
    converter.register_structure_hook_factory(
        _is_mapping, functools.partial(_mapping_hook, converter=converter)
    )


def _sequence_hook(
    kind: object, *, converter: cattrs.Converter
) -> Callable[[object, object], object]:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    build = _SEQUENCES[origin]
    fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
    hooks = [_structure(converter, arg) for arg in args] if fixed else []
    item = _structure(converter, args[0])

    def structure(value: object, _kind: object) -> object:
        # A string or an object is iterable too; refuse both rather than split or list keys.
        if not isinstance(value, list | tuple):
            raise BadValueError(f"expected an array, got {describe(value)}")
        if fixed and len(value) != len(hooks):
            raise BadValueError(f"expected an array of {len(hooks)} items, got {len(value)}")
        results, errors = [], []
        for index, element in enumerate(value):
            try:
                results.append(hooks[index](element) if fixed else item(element))
            except Exception as error:  # noqa: BLE001 - collect every problem, as cattrs does
                errors.append(at_index(error, index, kind))
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, typing.Any)
        return build(results)

    return structure


def _mapping_hook(
    kind: object, *, converter: cattrs.Converter
) -> Callable[[object, object], object]:
    key_kind, value_kind = typing.get_args(kind)
    keys, values = _structure(converter, key_kind), _structure(converter, value_kind)

    def structure(value: object, _kind: object) -> dict[object, object]:
        data = require_object(value, "a mapping")
        results, errors = {}, []
        for key, element in data.items():
            try:
                results[keys(key)] = values(element)
            except Exception as error:  # noqa: BLE001 - collect every problem, as cattrs does
                errors.append(at_index(error, key, kind))
        if errors:
            raise IterableValidationError(f"While structuring {kind!r}", errors, typing.Any)
        return results

    return structure


def _array(value: object, hook: _Hook, kind: object) -> list[object]:
    """Structure every item of a JSON array with ``hook``, collecting problems by index."""
    if not isinstance(value, list | tuple):
        raise BadValueError(f"expected an array, got {describe(value)}")
    results, errors = [], []
    for index, element in enumerate(value):
        try:
            results.append(hook(element))
        except Exception as error:  # noqa: BLE001 - collect every problem, as cattrs does
            errors.append(at_index(error, index, kind))
    if errors:
        raise IterableValidationError(f"While structuring {kind!r}", errors, typing.Any)
    return results


# -- attrs classes -------------------------------------------------------------------------------


@functools.cache
def _resolve_types(cls: type) -> None:
    """Resolve a class's string annotations in the module that defines it.

    The public packages set ``__module__`` to their own name, so ``typing.get_type_hints``
    would look for the names of the annotations in the wrong module. The module that defines
    the class is one of the private modules that hold it; modules that merely import it may
    lack the names its annotations use, and then fail to resolve them.
    """
    candidates = [
        module
        for name, module in sorted(sys.modules.items())
        if name.startswith("smartcity.")
        and any(part.startswith("_") for part in name.split("."))
        and getattr(module, cls.__name__, None) is cls
    ]
    for module in candidates:
        try:
            attrs.resolve_types(cls, globalns=vars(module))
        except NameError:
            continue
        return
    attrs.resolve_types(cls)


def _register_attrs(
    converter: cattrs.Converter,
    cls: type,
    *,
    omit_if_default: bool = False,
    **overrides: tuple[Callable[[object, object], object], Callable[[typing.Any], object]],
) -> None:
    """Register hooks generated from an attrs class's fields, made when first needed."""
    _resolve_types(cls)

    structure_overrides: dict[str, typing.Any] = {
        name: override(struct_hook=hooks[0]) for name, hooks in overrides.items()
    }
    unstructure_overrides: dict[str, typing.Any] = {
        name: override(unstruct_hook=hooks[1]) for name, hooks in overrides.items()
    }

    def structure_factory(_kind: object) -> Callable[[object, object], object]:
        generated: Callable[[Mapping[str, typing.Any], typing.Any], object] = (
            make_dict_structure_fn(
                cls, converter, _cattrs_forbid_extra_keys=True, **structure_overrides
            )
        )

        def structure(value: object, _kind: object) -> object:
            require_object(value, cls.__name__)
            return generated(typing.cast("Mapping[str, typing.Any]", value), cls)

        return structure

    def unstructure_factory(_kind: object) -> Callable[[typing.Any], object]:
        return make_dict_unstructure_fn(
            cls,
            converter,
            _cattrs_omit_if_default=omit_if_default,
            **unstructure_overrides,
        )

    converter.register_structure_hook_factory(lambda kind: kind is cls, structure_factory)
    converter.register_unstructure_hook_factory(lambda kind: kind is cls, unstructure_factory)


def _register_custom(
    converter: cattrs.Converter,
    cls: type[_V],
    structure: Callable[[object, object], _V],
    unstructure: Callable[[_V], object],
) -> None:
    """Register hand-written hooks for a class read through its named constructor."""
    # By predicate: registering by class would make cattrs resolve the class's annotations,
    # which these hooks never read (and some name types imported for type checking only).
    converter.register_structure_hook_func(lambda kind: kind is cls, structure)
    converter.register_unstructure_hook_func(lambda kind: kind is cls, unstructure)


# -- geometry and places -------------------------------------------------------------------------


def _is_polygonal(kind: object) -> bool:
    return kind in (Polygon, MultiPolygon) or set(typing.get_args(kind)) == {Polygon, MultiPolygon}


def _register_geometry(converter: cattrs.Converter) -> None:
    converter.register_structure_hook_func(_is_polygonal, geometry_from_data)
    converter.register_unstructure_hook(Polygon, geometry_to_data)
    converter.register_unstructure_hook(MultiPolygon, geometry_to_data)
    # A report's location is anything with lat/lon; it is stored, and read back, as a GeoPoint.
    converter.register_structure_hook_func(
        lambda kind: kind is HasLatLon, lambda value, _kind: converter.structure(value, GeoPoint)
    )
    converter.register_unstructure_hook_func(lambda kind: kind is HasLatLon, _location_to_data)
    _register_attrs(converter, GeoPoint)
    _register_attrs(converter, Ward)

    def structure_ward_map(value: object, _kind: object) -> WardMap:
        check_ward_map_size(value)  # before a single geometry is built
        values = object_fields(
            value, WardMap, {"wards": (_structure(converter, tuple[Ward, ...]), MISSING)}
        )
        return WardMap.from_wards(typing.cast("tuple[Ward, ...]", values["wards"]))

    _register_custom(
        converter,
        WardMap,
        structure_ward_map,
        lambda ward_map: {
            "wards": converter.unstructure(tuple(ward_map.values()), tuple[Ward, ...])
        },
    )


def _location_to_data(value: HasLatLon | None) -> dict[str, float] | None:
    return None if value is None else {"lat": float(value.lat), "lon": float(value.lon)}


# -- calendars -----------------------------------------------------------------------------------


def _week_to_data(week: tuple[tuple[tuple[dt.time, dt.time], ...], ...]) -> dict[str, object]:
    return {
        _WEEKDAYS[index]: [
            [time_to_data(opening), time_to_data(closing, closing=True)] for opening, closing in day
        ]
        for index, day in enumerate(week)
        if day
    }


def _interval_from_data(value: object) -> tuple[dt.time, dt.time]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise BadValueError(f'expected an ["HH:MM", "HH:MM"] interval, got {describe(value)}')
    return time_from_data(value[0]), time_from_data(value[1], closing=True)


def _weekday(key: object) -> int:
    if key not in _WEEKDAYS:
        raise BadValueError(
            f"{describe(key)} is not an ISO weekday: use '1' (Monday) .. '7' (Sunday)"
        )
    return int(key)


def _week_from_data(value: object, _kind: object = None) -> dict[int, list[object]]:
    """``{"1": [["07:30", "12:00"], ...], ...}`` -> ``{1: [(time, time), ...]}``, unchecked.

    The calendar (or override) checks the intervals themselves: order, overlaps, emptiness.
    """
    data = require_object(value, 'weekly hours, {"1": [["07:30", "16:00"]], ...}')
    result: dict[int, list[object]] = {}
    errors = []
    for key, intervals in data.items():
        try:
            result[_weekday(key)] = _array(intervals, _interval_from_data, list)
        except Exception as error:  # noqa: BLE001 - collect every problem, as cattrs does
            errors.append(at_index(error, key, dict))
    if errors:
        raise IterableValidationError("While structuring weekly hours", errors, dict)
    return result


def _coverage_from_data(value: object) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    dates = _array(value, date_from_data, list)
    if len(dates) != 2:
        raise BadValueError(f"coverage is [first_date, last_date] or null, not {len(dates)} dates")
    return typing.cast("dt.date", dates[0]), typing.cast("dt.date", dates[1])


def _bounded(hook: _Hook, limit: int) -> _Hook:
    """``hook``, after refusing an array longer than ``limit`` before reading any item of it."""

    def structure(value: object) -> object:
        if isinstance(value, list | tuple) and len(value) > limit:
            raise BadValueError(
                f"{len(value):,} items is more than the {limit:,} a calendar holds; "
                f"split the data or shorten its coverage"
            )
        return hook(value)

    return structure


def _register_calendars(converter: cattrs.Converter) -> None:
    _register_attrs(converter, HoursOverride, week=(_week_from_data, _week_to_data))

    def structure_calendar(value: object, _kind: object) -> WorkingCalendar:
        values = object_fields(
            value,
            WorkingCalendar,
            {
                "tz": (text, MISSING),
                "week": (_week_from_data, MISSING),
                "closed": (
                    _bounded(_structure(converter, tuple[Closure, ...]), MAX_CLOSED),
                    (),
                ),
                "overrides": (
                    _bounded(_structure(converter, tuple[HoursOverride, ...]), MAX_OVERRIDES),
                    (),
                ),
                "extra_working": (
                    _bounded(_structure(converter, tuple[dt.date, ...]), MAX_EXTRA_WORKING),
                    (),
                ),
                "coverage": (_coverage_from_data, None),
            },
        )
        return WorkingCalendar.build(**values)  # type: ignore[arg-type]

    def unstructure_calendar(calendar: WorkingCalendar) -> dict[str, object]:
        coverage = calendar.coverage
        return {
            "tz": calendar.tz,
            "week": _week_to_data(calendar.week),
            "closed": converter.unstructure(calendar.closed, tuple[Closure, ...]),
            "overrides": converter.unstructure(calendar.overrides, tuple[HoursOverride, ...]),
            "extra_working": [date_to_data(day) for day in calendar.extra_working],
            "coverage": None if coverage is None else [date_to_data(day) for day in coverage],
        }

    _register_custom(converter, WorkingCalendar, structure_calendar, unstructure_calendar)


# -- SLA targets ---------------------------------------------------------------------------------


def _working_days(value: object, _kind: object = None) -> WorkingDays:
    values = object_fields(value, WorkingDays, {"working_days": (integer, MISSING)})
    return WorkingDays(typing.cast("int", values["working_days"]))


def _working_duration(value: object, _kind: object = None) -> WorkingDuration:
    values = object_fields(value, WorkingDuration, {"working_time": (duration_from_data, MISSING)})
    return WorkingDuration(typing.cast("dt.timedelta", values["working_time"]))


def _target(value: object, _kind: object = None) -> WorkingDays | WorkingDuration:
    data = require_object(value, 'a target, {"working_days": 5} or {"working_time": "PT4H"}')
    if "working_days" in data:
        return _working_days(data)
    if "working_time" in data:
        return _working_duration(data)
    raise BadValueError(
        'a target is {"working_days": n} (whole working days) or {"working_time": "PT4H"} '
        "(working time); it has neither"
    )


def _is_target(kind: object) -> bool:
    return isinstance(kind, types.UnionType) and set(typing.get_args(kind)) == {
        WorkingDays,
        WorkingDuration,
    }


def _register_targets(converter: cattrs.Converter) -> None:
    _register_custom(
        converter, WorkingDays, _working_days, lambda target: {"working_days": target.n}
    )
    _register_custom(
        converter,
        WorkingDuration,
        _working_duration,
        lambda target: {"working_time": duration_to_data(target.duration)},
    )
    converter.register_structure_hook_func(_is_target, _target)


# -- reports -------------------------------------------------------------------------------------


def _personal_text(value: object) -> str | None:
    """A reporter's field: a string or null; the value is never shown in a message."""
    if value is None or isinstance(value, str):
        return value
    raise BadValueError(f"expected a string or null, got {describe(value, personal=True)}")


_REPORTER_FIELDS: typing.Final = {
    field.name: (_personal_text, None) for field in attrs.fields(Reporter)
}


_FIELD_NAME: typing.Final = re.compile(r"[a-z_]{1,20}", re.ASCII)


def _reporter(value: object, _kind: object = None) -> Reporter:
    # Every message here names the kind of a value only: a reporter is personal data.
    if not isinstance(value, Mapping):
        raise BadValueError(
            f"expected a reporter (a JSON object), got {describe(value, personal=True)}"
        )
    unknown = [key for key in value if key not in _REPORTER_FIELDS]
    if unknown:
        # A key of a reporter object may itself be personal data (a name, a number): only
        # keys that look like field names are named.
        named = sorted(
            repr(key) for key in unknown if isinstance(key, str) and _FIELD_NAME.fullmatch(key)
        )
        others = len(unknown) - len(named)
        hidden = f"{others:,} other key(s) (not shown: may be personal data)" if others else ""
        names = ", ".join([*named[:10], *([hidden] if hidden else [])])
        raise BadValueError(
            f"unknown field(s) {names}; remove them (or check their spelling): a reporter has "
            f"{', '.join(_REPORTER_FIELDS)}"
        )
    values = object_fields(value, Reporter, _REPORTER_FIELDS)
    return Reporter(**values)  # type: ignore[arg-type]


def _history_length(value: object) -> object:
    """Refuse an over-long history before reading any of its events."""
    if isinstance(value, list | tuple) and len(value) > MAX_HISTORY_LENGTH:
        raise BadValueError(
            f"a history of {len(value):,} events is longer than the {MAX_HISTORY_LENGTH:,} a "
            f"report may hold (MAX_HISTORY_LENGTH)"
        )
    return value


def _register_reports(converter: cattrs.Converter) -> None:
    _resolve_types(Reporter)
    _register_custom(
        converter,
        Reporter,
        _reporter,
        make_dict_unstructure_fn(Reporter, converter),
    )
    _register_attrs(
        converter,
        Submission,
        location=(
            lambda value, _kind: None if value is None else converter.structure(value, GeoPoint),
            _location_to_data,
        ),
    )
    # An event carries only the payload of its kind: the other fields are left out, not null.
    _register_attrs(converter, ReportEvent, omit_if_default=True)

    def structure_report(value: object, _kind: object) -> Report:
        events = _structure(converter, tuple[ReportEvent, ...])
        values = object_fields(
            value, Report, {"history": (lambda data: events(_history_length(data)), MISSING)}
        )
        try:
            return replay(values["history"])
        except RefusedEventError as refused:
            raise_at(refused.error, Report, [("history", refused.index)])

    _register_custom(
        converter,
        Report,
        structure_report,
        lambda report: {"history": converter.unstructure(report.history, tuple[ReportEvent, ...])},
    )


# -- routing and the city ------------------------------------------------------------------------


def _register_places_and_routing(converter: cattrs.Converter) -> None:
    for cls in (AttributeOption, ServiceAttribute, Agency, Category, RoutingRule):
        _register_attrs(converter, cls)

    def structure_router(value: object, _kind: object) -> Router:
        values = object_fields(
            value,
            Router,
            {
                "rules": (_structure(converter, tuple[RoutingRule, ...]), ()),
                "agencies": (_structure(converter, tuple[Agency, ...]), MISSING),
                "categories": (_structure(converter, tuple[Category, ...]), MISSING),
                "triage": (_structure(converter, str | None), None),
                "outside_referral": (text, DEFAULT_OUTSIDE_REFERRAL),
            },
        )
        return Router.build(values.pop("rules"), **values)  # type: ignore[arg-type]

    def unstructure_router(router: Router) -> dict[str, object]:
        return {
            # Rules of inactive agencies are kept too: Router.build sets them aside again.
            "rules": converter.unstructure(
                (*router.rules, *router.skipped), tuple[RoutingRule, ...]
            ),
            "agencies": converter.unstructure(tuple(router.agencies.values()), tuple[Agency, ...]),
            "categories": converter.unstructure(
                tuple(router.categories.values()), tuple[Category, ...]
            ),
            "triage": router.triage,
            "outside_referral": router.outside_referral,
        }

    def structure_city(value: object, _kind: object) -> City:
        values = object_fields(
            value,
            City,
            {
                "name": (text, MISSING),
                "ward_map": (_structure(converter, WardMap), MISSING),
                "router": (_structure(converter, Router), MISSING),
                "calendar": (_structure(converter, WorkingCalendar), MISSING),
                "snap_m": (number, MISSING),
                "schedule": (_structure(converter, SlaSchedule | None), None),
                "require_description": (boolean, False),
            },
        )
        return City.build(values.pop("name"), **values)  # type: ignore[arg-type]

    def unstructure_city(city: City) -> dict[str, object]:
        return {
            "name": city.name,
            "ward_map": converter.unstructure(city.ward_map, WardMap),
            "router": unstructure_router(city.router),
            "calendar": converter.unstructure(city.calendar, WorkingCalendar),
            "snap_m": city.snap_m,
            "schedule": converter.unstructure(city.schedule, SlaSchedule | None),
            "require_description": city.require_description,
        }

    _register_custom(converter, Router, structure_router, unstructure_router)
    _register_custom(converter, City, structure_city, unstructure_city)
