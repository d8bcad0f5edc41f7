"""The one helper that shows a package, not its private module, as each public name's home."""

from __future__ import annotations

import functools

import attrs

import smartcity.samples
import smartcity.sla
from smartcity._exports import publish


def make_namespace() -> dict[str, object]:
    @attrs.frozen
    class Value:
        """A public class."""

    def helper() -> None:
        """A public function."""

    @functools.cache
    def cached() -> int:
        """A cached public function."""
        return 1

    for obj in (Value, helper, cached):
        obj.__module__ = "pkg._private"
    elsewhere = type("Elsewhere", (), {"__module__": "other._private"})
    return {
        "__all__": ["CONSTANT", "Elsewhere", "INSTANCE", "Value", "cached", "helper"],
        "CONSTANT": range(3),
        "Elsewhere": elsewhere,
        "INSTANCE": Value(),
        "Value": Value,
        "cached": cached,
        "helper": helper,
    }


class TestPublish:
    def test_classes_and_functions_of_private_modules_move_to_the_package(self) -> None:
        namespace = make_namespace()
        publish("pkg", namespace)
        for name in ("Value", "cached", "helper"):
            assert getattr(namespace[name], "__module__") == "pkg"  # noqa: B009

    def test_constants_instances_and_foreign_names_stay(self) -> None:
        """A frozen instance is not touched (setting its __module__ would raise)."""
        namespace = make_namespace()
        publish("pkg", namespace)
        assert getattr(namespace["Elsewhere"], "__module__") == "other._private"  # noqa: B009
        assert namespace["CONSTANT"] == range(3)

    def test_every_package_uses_it(self) -> None:
        assert smartcity.sla.WorkingCalendar.__module__ == "smartcity.sla"
        assert smartcity.samples.semarang.__module__ == "smartcity.samples"
        assert smartcity.samples.semarang_schedule.__module__ == "smartcity.samples"
