"""Every public entry point, called with hostile arguments, fails only with the library's errors.

For each public function, constructor, named constructor and method, Hypothesis picks one
argument to spoil (wrong types, huge numbers, NaN, edge instants, oversized text) and fills the
others with ordinary values. Whatever happens, the call either succeeds or raises a
:class:`~smartcity.exceptions.SmartCityError`, and the arguments (and the object whose method
was called) are unchanged afterwards. The areas' own hostile-input tests go deeper; this one
makes sure no public name is forgotten.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib
import inspect
import math
import zoneinfo
from collections.abc import Callable

import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartcity import samples
from smartcity.exceptions import SmartCityError
from smartcity.geo import GeoPoint
from smartcity.reports import Report, Reporter, ReportStatus
from smartcity.sla import WorkingCalendar, WorkingDays

JAKARTA = "Asia/Jakarta"
AT = pendulum.datetime(2025, 3, 3, 9, tz=JAKARTA)
LATER = pendulum.datetime(2025, 3, 20, 9, tz=JAKARTA)


class Opaque:
    """Something no API expects, with a repr that survives a deep copy."""

    def __repr__(self) -> str:
        return "<opaque>"


HOSTILE: tuple[object, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    math.nan,
    math.inf,
    10**400,
    -(10**400),
    "",
    " ",
    "x",
    "x" * 1_000_000,
    b"abc",
    [],
    [None],
    ["x", 5],
    {},
    {"x": None},
    Opaque(),
    np.int64(5),
    np.float64("nan"),
    decimal.Decimal("NaN"),
    dt.date(2025, 3, 3),
    dt.datetime(2025, 3, 3, 9),  # noqa: DTZ001 - naive on purpose
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    dt.datetime(2024, 3, 31, 1, 30, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
    dt.timedelta(days=-1),
    dt.timedelta.max,
    ReportStatus.CLOSED,
)

MODULES = (
    "smartcity.sla",
    "smartcity.geo",
    "smartcity.reports",
    "smartcity.routing",
    "smartcity.desk",
    "smartcity.stats",
    "smartcity.serialization",
    "smartcity.open311",
)


class _Samples:
    """Ordinary values, built once, to fill the arguments that are not spoiled."""

    def __init__(self) -> None:
        self.city = samples.semarang()
        self.calendar = WorkingCalendar.indonesia(years=range(2024, 2027))
        submitted = Report.submit(
            report_id="R-1",
            category="roads",
            description="Jalan berlubang",
            location=GeoPoint(-6.99, 110.42),
            reporter=Reporter(name="Budi", phone="+6281234567890"),
            at=AT,
        )
        self.report = self.city.intake(submitted, at=AT.add(hours=1))
        self.schedule = self.city.schedule or samples.semarang_schedule()

    def by_name(self) -> dict[str, object]:
        """Ordinary values by parameter name."""
        return {
            "start": AT,
            "end": LATER,
            "at": AT,
            "now": LATER,
            "since": AT,
            "n": 5,
            "lat": -6.99,
            "lon": 110.42,
            "report": self.report,
            "reports": [self.report],
            "calendar": self.calendar,
            "city": self.city,
            "location": GeoPoint(-6.99, 110.42),
            "point": GeoPoint(-6.99, 110.42),
            "target": WorkingDays(5),
            "category": "roads",
            "name": "follow-up",
            "language": "id",
        }


@pytest.fixture(scope="module")
def ordinary() -> _Samples:
    return _Samples()


def _public_callables() -> list[tuple[str, Callable[..., object]]]:
    """Module functions, class constructors and public classmethods of every public module."""
    found: list[tuple[str, Callable[..., object]]] = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            label = f"{module_name}.{name}"
            if inspect.isfunction(obj):
                found.append((label, obj))
            elif inspect.isclass(obj) and not issubclass(obj, enum.Enum | BaseException):
                if getattr(obj, "_is_protocol", False):  # typing.is_protocol is 3.13+
                    continue
                found.append((label, obj))
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and isinstance(member, classmethod):
                        found.append((f"{label}.{attr}", getattr(obj, attr)))
    return found


def _instance_methods(ordinary: _Samples) -> list[tuple[str, Callable[..., object]]]:
    """Public methods of the ordinary values a user works with."""
    instances = {
        "WorkingCalendar": ordinary.calendar,
        "Report": ordinary.report,
        "City": ordinary.city,
        "Router": ordinary.city.router,
        "WardMap": ordinary.city.ward_map,
        "SlaSchedule": ordinary.schedule,
    }
    found = []
    for label, instance in instances.items():
        for attr in dir(type(instance)):
            member = inspect.getattr_static(type(instance), attr)
            if attr.startswith("_") or not inspect.isfunction(member):
                continue
            found.append((f"{label}.{attr}", getattr(instance, attr)))
    return found


def _arguments(
    function: Callable[..., object], spoiled: int, bad: object, ordinary: _Samples
) -> tuple[list[object], dict[str, object]] | None:
    """Ordinary arguments for ``function`` with parameter number ``spoiled`` set to ``bad``."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
        return None
    params = [
        p for p in signature.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    if not params:
        return None
    spoiled %= len(params)
    values = ordinary.by_name()
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for index, param in enumerate(params):
        if index == spoiled:
            value = bad
        elif param.default is not param.empty:
            continue
        else:
            value = values.get(param.name, bad)
        if param.kind is param.KEYWORD_ONLY:
            kwargs[param.name] = value
        else:
            args.append(value)
    return args, kwargs


def _snapshot(value: object) -> object:
    """Copy the containers a caller could pass (lists, dicts, sets), keep everything else.

    The library's own values are immutable, so only the caller's containers can be changed by
    a call; a deep copy would also need every value to be copyable.
    """
    if isinstance(value, list | tuple):
        return type(value)(_snapshot(item) for item in value)
    if isinstance(value, dict):
        return {key: _snapshot(item) for key, item in value.items()}
    if isinstance(value, set):
        return set(value)
    return value


def _check_call(function: Callable[..., object], args: list[object], kwargs: dict[str, object]):
    before = repr(_snapshot((args, kwargs)))
    owner = getattr(function, "__self__", None)
    owner_before = repr(owner)
    try:
        function(*args, **kwargs)
    except SmartCityError:
        pass
    except Exception as error:  # noqa: BLE001 - the point of the test
        pytest.fail(f"{type(error).__name__} (not a SmartCityError): {str(error)[:300]}")
    # repr, not ==: NaN is never equal to itself.
    assert repr((args, kwargs)) == before, "a call changed its arguments"
    assert repr(owner) == owner_before, "a call changed the object it was called on"


CALLABLES = _public_callables()


class TestHostileArguments:
    @pytest.mark.parametrize(("label", "function"), CALLABLES, ids=[c[0] for c in CALLABLES])
    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(spoiled=st.integers(0, 12), bad=st.sampled_from(HOSTILE))
    def test_functions_and_constructors(self, ordinary, label, function, spoiled, bad):  # noqa: ARG002 - label names the case
        arguments = _arguments(function, spoiled, bad, ordinary)
        if arguments is not None:
            _check_call(function, *arguments)

    @settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data(), spoiled=st.integers(0, 12), bad=st.sampled_from(HOSTILE))
    def test_methods_of_ordinary_values(self, ordinary, data, spoiled, bad):
        _label, method = data.draw(st.sampled_from(_instance_methods(ordinary)), label="method")
        arguments = _arguments(method, spoiled, bad, ordinary)
        if arguments is not None:
            _check_call(method, *arguments)
