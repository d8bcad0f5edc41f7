"""A read-only mapping that pickles: the library's replacement for ``types.MappingProxyType``.

``MappingProxyType`` cannot be pickled, so every value holding one (a router's indexes, a
schedule's classes, the lifecycle table) failed with the standard pickler, which Spark's
broadcast and Dask's workers use. :class:`FrozenMapping` reads like the proxy (no way to change
it through its own methods), looks up almost as fast (``get`` is the wrapped dict's own
method), and pickles as the plain dict it wraps.
"""

from __future__ import annotations

import typing
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView

__all__ = ["FrozenMapping"]

_K = typing.TypeVar("_K")
_V = typing.TypeVar("_V")


@typing.final
class FrozenMapping(Mapping[_K, _V]):
    """An immutable view of a private dict; equal to any mapping with the same items."""

    __slots__ = ("_data", "get")

    _data: dict[_K, _V]

    def __init__(self, data: Mapping[_K, _V] | typing.Iterable[tuple[_K, _V]] = ()) -> None:
        """Copy ``data`` into a private dict that nothing else can reach."""
        own: dict[_K, _V] = dict(data)
        object.__setattr__(self, "_data", own)
        # The dict's own bound method: ``get`` (the routing table's lookup) costs what it
        # costs on a dict.
        object.__setattr__(self, "get", own.get)

    def __setattr__(self, name: str, value: object) -> typing.NoReturn:
        """Refuse every change: the mapping is immutable."""
        msg = f"a FrozenMapping is immutable; cannot set {name!r}"
        raise AttributeError(msg)

    def __getitem__(self, key: _K) -> _V:
        """Return the value of ``key``; ``KeyError`` if there is none."""
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        """Return whether ``key`` has a value."""
        return key in self._data

    def __iter__(self) -> Iterator[_K]:
        """Iterate over the keys, in insertion order."""
        return iter(self._data)

    def __len__(self) -> int:
        """Return the number of items."""
        return len(self._data)

    def keys(self) -> KeysView[_K]:
        """Return the keys (a live view of an immutable dict)."""
        return self._data.keys()

    def values(self) -> ValuesView[_V]:
        """Return the values."""
        return self._data.values()

    def items(self) -> ItemsView[_K, _V]:
        """Return the items."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same items (as a dict or a mapping proxy is)."""
        if isinstance(other, FrozenMapping):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment] # a mapping is not hashable, as a dict is not

    def __repr__(self) -> str:
        """Show the items, as a dict does."""
        return f"FrozenMapping({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMapping[_K, _V]], tuple[dict[_K, _V]]]:
        """Pickle as the dict of the items."""
        return type(self), (self._data,)
