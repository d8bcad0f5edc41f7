"""The public API: every exported name imports, is documented and shows a public module."""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC_MODULES = [
    "smartcity",
    "smartcity.exceptions",
    "smartcity.sla",
    "smartcity.columnar",
    "smartcity.columnar.dask",
    "smartcity.geo",
    "smartcity.open311",
    "smartcity.desk",
    "smartcity.plot",
    "smartcity.reports",
    "smartcity.routing",
    "smartcity.samples",
    "smartcity.serialization",
    "smartcity.stats",
    "smartcity.testing",
]


def _exports() -> list[tuple[str, str]]:
    pairs = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        pairs.extend((module_name, name) for name in module.__all__)
    return pairs


class TestPublicApi:
    @pytest.mark.parametrize("module_name", PUBLIC_MODULES)
    def test_all_is_sorted_and_unique(self, module_name: str) -> None:
        """`__all__` is sorted, so diffs stay readable, and lists every name once."""
        names = list(importlib.import_module(module_name).__all__)
        assert names == sorted(set(names))

    @pytest.mark.parametrize(("module_name", "name"), _exports())
    def test_exported_name_is_documented_and_public(self, module_name: str, name: str) -> None:
        """Every exported class and function has a docstring and a public ``__module__``."""
        obj = getattr(importlib.import_module(module_name), name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{module_name}.{name} has no docstring"
            assert not any(part.startswith("_") for part in obj.__module__.split(".")), (
                f"{module_name}.{name} shows the private module {obj.__module__}"
            )

    def test_every_error_is_a_smartcity_error_and_a_builtin(self) -> None:
        """Each error can be caught as SmartCityError and as the builtin of its meaning."""
        exceptions = importlib.import_module("smartcity.exceptions")
        base = exceptions.SmartCityError
        for name in exceptions.__all__:
            cls = getattr(exceptions, name)
            assert issubclass(cls, base)
            if cls is not base:
                assert any(
                    issubclass(cls, builtin)
                    for builtin in (ValueError, KeyError, TypeError, ImportError)
                ), name
