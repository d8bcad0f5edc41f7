"""The one helper every public package's ``__init__`` uses to show its public name."""

from __future__ import annotations

import typing
from collections.abc import Mapping


def publish(package: str, namespace: Mapping[str, object]) -> None:
    """Show ``package``, not the private module, as the home of each name in its ``__all__``.

    Reprs, tracebacks and the docs then name ``smartcity.sla.WorkingCalendar`` rather than
    ``smartcity.sla._calendar._core.WorkingCalendar``. Only classes and functions (which have a
    ``__qualname__``) defined in a private module of ``package`` change; constants and names
    imported from elsewhere are left alone. Call it last, as ``publish(__name__, globals())``.
    """
    private = f"{package}._"
    names = typing.cast("list[str]", namespace["__all__"])
    for name in names:
        value: typing.Any = namespace[name]
        home = getattr(value, "__module__", None)
        if hasattr(value, "__qualname__") and isinstance(home, str) and home.startswith(private):
            value.__module__ = package
