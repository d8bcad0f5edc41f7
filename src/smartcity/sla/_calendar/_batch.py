"""Columns in and out of the calendar's batch methods: numpy, int64 µs, pandas, Arrow, polars.

The arithmetic itself is the timeline's batch form (``_timeline.Timeline``); this module only
reads a column of instants (or durations) into int64 microseconds since 1970-01-01T00:00Z with
missing values marked, hands it out again as the same kind of column, and walks long columns in
chunks, so that the temporaries of the arithmetic stay small and 10 million elements cost per
element what 1 million do.

Kinds of column:

* numpy ``datetime64`` (any unit; lists and tuples too), UTC: ``datetime64[us]`` comes back,
  NaT where missing; durations as ``timedelta64[us]``; counts as ``float64``, NaN where missing
  (numpy has no missing integer).
* numpy integers: microseconds since 1970-01-01T00:00Z (the columnar event table's unit); the
  same come back as ``int64``, with :data:`MISSING` (NaT's bits, the smallest int64) where
  missing.
* pandas ``Series`` or ``DatetimeIndex`` of time-zone-aware timestamps: the same kind comes
  back, instants in the calendar's zone, durations as ``timedelta64``, counts as the nullable
  ``Int64``; the Series keeps its index and name. pandas is imported only when given.
* pyarrow ``Array`` or ``ChunkedArray`` of time-zone-aware ``timestamp`` (any unit), of
  ``duration`` for durations, or of int64 microseconds: nulls are missing values. An Array comes
  back as an Array, a ChunkedArray as a ChunkedArray with the same chunk lengths; instants as
  ``timestamp('us', tz=<the calendar's zone>)`` (int64 µs for int64), durations as
  ``duration('us')``, counts as ``int64``, null where missing. Timestamps without a time zone
  are wall times in an unknown zone (the Arrow spec) and are refused. The values are read with
  ``to_numpy`` (no copy for one chunk without nulls) and the results wrapped without a copy.
* polars ``Series`` (tz-aware ``Datetime``, ``Duration``, ``Int64``): read through their Arrow
  form, given back as a polars Series of the same name.

Instants finer than a microsecond (``datetime64[ns]``, Arrow ``timestamp('ns')``) are floored to
the microsecond, towards the past, as numpy's ``astype('datetime64[us]')`` does: 1 ns before
1970 is 1 µs before it, whatever the kind of column. pyarrow and polars are imported only when
given; neither is a dependency of the library.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt

from smartcity._checks import shown, type_name
from smartcity.exceptions import InvalidArgumentError, InvalidDurationError

Int = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

MISSING: typing.Final = int(np.iinfo(np.int64).min)
"""A missing int64 value: the bits of numpy's NaT."""

CHUNK: typing.Final = 1 << 16
"""Elements per chunk: the temporaries of one chunk (a few arrays of 64 Ki) stay in cache."""

_NUMPY, _INT, _PANDAS_SERIES, _PANDAS_INDEX = "numpy", "int64", "series", "index"
_ARROW, _ARROW_CHUNKED, _POLARS = "arrow", "chunked", "polars"
_ARROW_KINDS = frozenset({_ARROW, _ARROW_CHUNKED, _POLARS})


class Column:
    """A column read into int64 Unix microseconds, and what to give back.

    Attributes:
        values: flat int64 microseconds since 1970-01-01T00:00Z (or µs of duration), with
            :data:`MISSING` where missing.
        missing: where the values are missing, or None when none is.
        kind: numpy, int64, pandas Series or DatetimeIndex, pyarrow Array or ChunkedArray, or
            polars Series.
        shape: the numpy shape to give back.
        raw: the datetime64 / timedelta64 array before the cast to µs (None for integers).
        like: the pandas, pyarrow or polars object given (its index, name or chunk lengths are
            kept), or None.
    """

    __slots__ = ("kind", "like", "missing", "raw", "shape", "values")

    def __init__(
        self,
        values: Int,
        missing: Flags | None,
        *,
        kind: str,
        shape: tuple[int, ...],
        raw: npt.NDArray[typing.Any] | None = None,
        like: object = None,
    ) -> None:
        """Hold a read column."""
        self.values, self.missing, self.kind, self.shape = values, missing, kind, shape
        self.raw, self.like = raw, like

    def repeated(self, other: Column) -> Column:
        """This one-element column, repeated to the length and shape of ``other``."""
        size = other.values.size
        return Column(
            np.full(size, self.values[0], dtype=np.int64),
            None if self.missing is None else np.ones(size, dtype=np.bool_),
            kind=self.kind,
            shape=other.shape,
        )


def _library(value: object) -> str:
    """The top-level package that defines the type of ``value``: pandas, pyarrow, polars..."""
    return type(value).__module__.partition(".")[0]


def _is_pandas(value: object) -> bool:
    return _library(value) == "pandas"


def _is_arrow(value: object) -> bool:
    return _library(value) in {"pyarrow", "polars"}


def _from_numpy(
    array: npt.NDArray[typing.Any], letter: str, kind: str, like: object = None
) -> Column:
    """Read a datetime64 (``M``) or timedelta64 (``m``) array, or an integer array."""
    shape = array.shape
    if array.dtype.kind in "iu":
        values = array.astype(np.int64, copy=False).ravel()
        missing = values == MISSING
        return Column(
            values,
            missing if missing.any() else None,
            kind=_INT if kind == _NUMPY else kind,
            shape=shape,
            like=like,
        )
    unit = "datetime64[us]" if letter == "M" else "timedelta64[us]"
    values = array.astype(unit, copy=False).view(np.int64).ravel()
    nat = np.isnat(array).ravel()
    return Column(values, nat if nat.any() else None, kind=kind, shape=shape, raw=array, like=like)


def read_instants(values: object, what: str) -> Column:
    """Read a column of instants.

    Raises:
        InvalidArgumentError: neither a datetime64 array, an integer array, aware pandas
            timestamps nor an Arrow or polars column of aware timestamps or int64; pandas,
            Arrow or polars timestamps without a time zone.
    """
    if _is_pandas(values):
        return _read_pandas_instants(values, what)
    if _is_arrow(values):
        return _read_arrow(values, what, instants=True)
    array = _numpy(values, what, "a numpy datetime64 array of UTC instants")
    if array.dtype.kind not in "Miu":
        raise InvalidArgumentError(
            f"{what} must be a numpy datetime64 array of UTC instants (or int64 microseconds "
            f"since 1970-01-01T00:00Z), not an array of {array.dtype}"
        )
    return _from_numpy(array, "M", _NUMPY)


def read_durations(values: object, what: str) -> Column:
    """Read a column of durations: timedelta64, integer µs, pandas, Arrow or polars durations.

    Raises:
        InvalidDurationError: anything else.
    """
    if _is_arrow(values):
        return _read_arrow(values, what, instants=False)
    if _is_pandas(values):
        import pandas as pd  # noqa: PLC0415 - optional, imported only when given

        if isinstance(values, pd.Series) and isinstance(values.dtype, pd.ArrowDtype):
            return _arrow_backed(values, what, instants=False)
        if isinstance(values, pd.Series) and values.dtype.kind == "m":
            return _from_numpy(values.to_numpy(), "m", _PANDAS_SERIES)
        raise InvalidDurationError(
            f"{what} must be a pandas Series of timedeltas, not {type_name(values)}"
        )
    try:
        array = np.asarray(values)
    except (TypeError, ValueError) as error:
        raise InvalidDurationError(
            f"{what} must be a numpy timedelta64 array, not {shown(values)}"
        ) from error
    if array.dtype.kind not in "miu":
        raise InvalidDurationError(
            f"{what} must be a numpy timedelta64 array (or int64 microseconds) or a "
            f"datetime.timedelta, not an array of {array.dtype}"
        )
    return _from_numpy(array, "m", _NUMPY)


def _numpy(values: object, what: str, expected: str) -> npt.NDArray[typing.Any]:
    if not isinstance(values, np.ndarray | np.generic | list | tuple):
        raise InvalidArgumentError(f"{what} must be {expected}, not {type_name(values)}")
    try:
        return np.asarray(values)
    except (TypeError, ValueError) as error:
        raise InvalidArgumentError(f"{what} must be {expected}, not {shown(values)}") from error


def _read_pandas_instants(values: object, what: str) -> Column:
    import pandas as pd  # noqa: PLC0415 - optional, imported only when given

    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.ArrowDtype):
        return _arrow_backed(values, what, instants=True)
    if isinstance(values, pd.Series):
        kind = _PANDAS_SERIES
        tz = getattr(values.dtype, "tz", None)
        utc = values.dt.tz_convert("UTC").dt.tz_localize(None) if tz is not None else None
    elif isinstance(values, pd.DatetimeIndex):
        kind = _PANDAS_INDEX
        tz = values.tz
        utc = values.tz_convert("UTC").tz_localize(None) if tz is not None else None
    else:
        raise InvalidArgumentError(
            f"{what} must be a pandas Series or DatetimeIndex of aware timestamps, not "
            f"{type_name(values)}"
        )
    if utc is None:
        raise InvalidArgumentError(
            f"{what} holds pandas timestamps without a time zone; say which zone they are in "
            f"(e.g. .dt.tz_localize('Asia/Jakarta'), or 'UTC')"
        )
    array = np.asarray(utc.to_numpy(), dtype="datetime64[us]")
    column = _from_numpy(array, "M", kind)
    column.like = values
    return column


def _arrow_backed(series: typing.Any, what: str, *, instants: bool) -> Column:  # noqa: ANN401 - a pandas Series
    """Read a pandas Series backed by Arrow (``pd.ArrowDtype``) by its Arrow array.

    Its timestamps keep their zone in the Arrow type, not in a pandas ``DatetimeTZDtype``;
    the answer is a pandas Series again, as for any other pandas column.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional, imported only when given

    column = _read_arrow(pa.array(series), what, instants=instants)
    column.kind, column.like = _PANDAS_SERIES, series
    return column


def _read_arrow(values: object, what: str, *, instants: bool) -> Column:
    """Read a pyarrow Array or ChunkedArray, or a polars Series through its Arrow form."""
    error = InvalidArgumentError if instants else InvalidDurationError
    expected = (
        "time-zone-aware timestamps (or int64 microseconds since 1970-01-01T00:00Z)"
        if instants
        else "durations (or int64 microseconds)"
    )
    arrow: typing.Any  # pyarrow has no type stubs
    if _library(values) == "polars":
        import polars as pl  # noqa: PLC0415 - optional, imported only when given

        if not isinstance(values, pl.Series):
            raise error(f"{what} must be a polars Series of {expected}, not {type_name(values)}")
        kind, arrow = _POLARS, values.to_arrow()
    else:
        import pyarrow as pa  # noqa: PLC0415 - optional, imported only when given

        if not isinstance(values, pa.Array | pa.ChunkedArray):
            raise error(
                f"{what} must be a pyarrow Array or ChunkedArray of {expected}, not "
                f"{type_name(values)}"
            )
        kind = _ARROW_CHUNKED if isinstance(values, pa.ChunkedArray) else _ARROW
        arrow = values
    if _is_int64(arrow.type, what, instants=instants, polars=kind == _POLARS) and arrow.null_count:
        arrow = arrow.fill_null(MISSING)  # the integer path's missing value
    array = arrow.to_numpy(zero_copy_only=False)  # no copy for one chunk without nulls
    return _from_numpy(array, "M" if instants else "m", kind, like=values)


def _is_int64(arrow_type: typing.Any, what: str, *, instants: bool, polars: bool) -> bool:  # noqa: ANN401 - pyarrow has no type stubs
    """Whether an Arrow type is int64; refuse one that is neither that nor what is wanted.

    Wanted: time-zone-aware timestamps for instants, durations for durations.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional, imported only when given

    if pa.types.is_int64(arrow_type):
        return True
    if instants and pa.types.is_timestamp(arrow_type):
        if arrow_type.tz is not None:
            return False
        fix = (
            ".dt.replace_time_zone('Asia/Jakarta'), or 'UTC'"
            if polars
            else "pyarrow.compute.assume_timezone(values, 'Asia/Jakarta'), or a cast to "
            "pyarrow.timestamp('us', tz='UTC') if they are UTC"
        )
        raise InvalidArgumentError(
            f"{what} holds Arrow timestamps without a time zone ({arrow_type}), wall times in "
            f"an unknown zone; say which zone they are in (e.g. {fix})"
        )
    if not instants and pa.types.is_duration(arrow_type):
        return False
    if instants:
        raise InvalidArgumentError(
            f"{what} must hold time-zone-aware timestamps (or int64 microseconds since "
            f"1970-01-01T00:00Z), not an Arrow array of {shown(str(arrow_type))}; cast dates "
            f"and strings to pyarrow.timestamp('us', tz=...) first"
        )
    raise InvalidDurationError(
        f"{what} must hold durations (or int64 microseconds), not an Arrow array of "
        f"{shown(str(arrow_type))}; cast them to pyarrow.duration('us') first"
    )


def chunks(size: int) -> Iterator[slice]:
    """Slices of at most :data:`CHUNK` elements covering ``range(size)``."""
    for start in range(0, size, CHUNK):
        yield slice(start, min(start + CHUNK, size))


def apply(
    func: Callable[..., Int],
    *columns: Int,
    missing: Flags | None,
) -> Int:
    """``func`` over aligned flat columns, chunk by chunk; :data:`MISSING` where missing.

    Missing elements are computed on a value that is not missing (the first one), so they can
    raise no error of their own, then overwritten.
    """
    size = columns[0].size
    out = np.empty(size, dtype=np.int64)
    if missing is not None:
        present = np.flatnonzero(~missing)
        if not present.size:
            out.fill(MISSING)
            return out
        first = int(present[0])
        columns = tuple(np.where(missing, column[first], column) for column in columns)
    for part in chunks(size):
        out[part] = func(*(column[part] for column in columns))
    if missing is not None:
        out[missing] = MISSING
    return out


def missing_of(*columns: Column) -> Flags | None:
    """Where any of the aligned columns is missing, or None."""
    flags = [column.missing for column in columns if column.missing is not None]
    if not flags:
        return None
    result = flags[0]
    for other in flags[1:]:
        result = result | other
    return result


def instants_out(like: Column, unix: Int, tz: str) -> object:
    """Unix µs (with :data:`MISSING`) as the kind of column ``like`` came in."""
    if like.kind == _INT:
        return unix.reshape(like.shape)
    if like.kind in _ARROW_KINDS:
        return _arrow_out(like, unix, None, unit="timestamp", tz=tz)
    stamps = unix.view("datetime64[us]").reshape(like.shape)
    if like.kind == _NUMPY:
        return stamps
    import pandas as pd  # noqa: PLC0415 - optional, imported only when given

    index = pd.DatetimeIndex(stamps).tz_localize("UTC").tz_convert(tz)
    if like.kind == _PANDAS_INDEX:
        return index
    series = typing.cast("typing.Any", like.like)
    return pd.Series(index, index=series.index, name=series.name)


def durations_out(like: Column, us: Int) -> object:
    """Durations in µs (with :data:`MISSING`) as the kind of column ``like`` came in."""
    if like.kind == _INT:
        return us.reshape(like.shape)
    if like.kind in _ARROW_KINDS:
        return _arrow_out(like, us, None, unit="duration")
    deltas = us.view("timedelta64[us]").reshape(like.shape)
    if like.kind == _NUMPY:
        return deltas
    import pandas as pd  # noqa: PLC0415 - optional, imported only when given

    if like.kind == _PANDAS_INDEX:
        return pd.TimedeltaIndex(deltas)
    series = typing.cast("typing.Any", like.like)
    return pd.Series(deltas, index=series.index, name=series.name)


def counts_out(like: Column, counts: Int, missing: Flags | None) -> object:
    """Whole numbers, missing where ``missing``, as the kind of column ``like`` came in."""
    if like.kind == _INT:
        return counts.reshape(like.shape)
    if like.kind in _ARROW_KINDS:
        return _arrow_out(like, counts, missing, unit="count")
    if like.kind == _NUMPY:
        result = counts.astype(np.float64)
        if missing is not None:
            result[missing] = np.nan
        return result.reshape(like.shape)
    import pandas as pd  # noqa: PLC0415 - optional, imported only when given

    array = pd.array(counts, dtype="Int64")
    if missing is not None:
        array[missing] = pd.NA
    if like.kind == _PANDAS_INDEX:
        return pd.Index(array)
    series = typing.cast("typing.Any", like.like)
    return pd.Series(array, index=series.index, name=series.name)


def _arrow_out(
    like: Column, values: Int, missing: Flags | None, *, unit: str, tz: str = "UTC"
) -> object:
    """int64 ``values`` as the Arrow or polars column ``like`` came in, null where missing.

    Instants (``unit="timestamp"``) come back as ``timestamp('us', tz=tz)``, durations as
    ``duration('us')``, counts as ``int64``; instants and durations read from int64 come back as
    int64. Where ``missing`` is None, the values equal to :data:`MISSING` are missing. The
    values are wrapped, not copied, and a ChunkedArray is cut into the chunk lengths it had.
    """
    import pyarrow as pa  # noqa: PLC0415 - optional, imported only when given

    given = typing.cast("typing.Any", like.like)
    values = np.ascontiguousarray(values, dtype=np.int64)
    if missing is None:
        missing = values == MISSING
    nulls = int(np.count_nonzero(missing))
    integer = like.raw is None  # read from int64, not from timestamps or durations
    if integer or unit == "count":
        arrow_type = pa.int64()
    elif unit == "timestamp":
        arrow_type = pa.timestamp("us", tz=tz)
    else:
        arrow_type = pa.duration("us")
    validity = pa.py_buffer(np.packbits(~missing, bitorder="little")) if nulls else None
    array = pa.Array.from_buffers(
        arrow_type, values.size, [validity, pa.py_buffer(values)], null_count=nulls
    )
    if like.kind == _ARROW:
        return array
    if like.kind == _ARROW_CHUNKED:
        pieces, offset = [], 0
        for chunk in given.chunks:
            pieces.append(array.slice(offset, len(chunk)))
            offset += len(chunk)
        return pa.chunked_array(pieces, type=arrow_type)
    import polars as pl  # noqa: PLC0415 - optional, imported only when given

    return pl.Series(given.name, array)
