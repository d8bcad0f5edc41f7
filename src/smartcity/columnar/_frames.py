"""Reading a dataframe (pandas, polars, a pyarrow Table...) into event columns, via narwhals.

Narwhals is the interchange: a thin, pure-Python layer with no dependencies of its own that
speaks to each dataframe library in its own terms (pandas, polars, pyarrow, modin, cuDF...),
so that the table reads a frame without converting it to another library first. It is loaded
only when a frame is read (``pip install 'smartcity[frames]'``).

The string columns that a frame holds as categoricals (pandas ``category``, polars
``Categorical``/``Enum``, Arrow dictionary arrays) are passed on as ``(codes, labels)``: the
codes are used directly, without reading a string per row.
"""

from __future__ import annotations

import typing

import numpy as np
import numpy.typing as npt

from smartcity._checks import shown, type_name
from smartcity.exceptions import InvalidArgumentError, MissingDependencyError

if typing.TYPE_CHECKING:
    from types import ModuleType

__all__ = ["frame_columns"]

LABELS: typing.Final = ("agency", "category", "ward", "district")
"""The label columns, which a frame may leave out (read as missing) at their default names."""

Column: typing.TypeAlias = "npt.NDArray[typing.Any] | tuple[npt.NDArray[np.int64], list[object]]"
"""A column for ``EventTable.from_columns``: an array, or ``(codes, labels)``."""


def _narwhals() -> ModuleType:
    try:
        import narwhals.stable.v2 as nw  # noqa: PLC0415 - an optional extra, loaded late
    except ImportError as error:
        raise MissingDependencyError(
            "EventTable.from_frame reads dataframes through narwhals, which is not installed; "
            "install the extra: pip install 'smartcity[frames]' (or give numpy columns to "
            "EventTable.from_columns)",
            name="narwhals",
        ) from error
    return nw


def frame_columns(frame: object, names: dict[str, str | None]) -> dict[str, Column | None]:
    """Read the named columns of a dataframe as ``EventTable.from_columns`` arguments.

    Args:
        frame: a pandas or polars DataFrame, a pyarrow Table, or another frame narwhals reads.
        names: each argument of ``from_columns`` and the frame's column for it; None (or a
            label column absent at its default name) gives a column of missing values.

    Raises:
        MissingDependencyError: narwhals is not installed.
        InvalidArgumentError: not a dataframe, a column missing or of the wrong kind, naive
            timestamps.
    """
    nw = _narwhals()
    try:
        data = nw.from_native(frame, eager_only=True)
    except TypeError as error:
        raise InvalidArgumentError(
            f"frame must be a dataframe (pandas, polars, a pyarrow Table...), not "
            f"{type_name(frame)} {shown(frame)}"
        ) from error
    present = list(data.columns)
    columns: dict[str, Column | None] = {}
    for argument, name in names.items():
        if name is None or (argument in LABELS and name == argument and name not in present):
            columns[argument] = None
            continue
        if name not in present:
            raise InvalidArgumentError(
                f"the frame has no column {shown(name)} for {argument}; its columns are "
                f"{shown(present)}; name the right one with {argument}=..."
            )
        series = data[name]
        if argument == "at":
            columns[argument] = _instants(nw, series, name)
        else:
            column = _labels(nw, series, name, argument)
            if argument == "status" and isinstance(column, tuple):
                # Ten statuses: the table codes them its own way, from the values.
                codes, labels = column
                column = np.asarray([*labels, ""], dtype=object)[codes]
            columns[argument] = column
    return columns


def _instants(nw: ModuleType, series: typing.Any, name: str) -> npt.NDArray[np.datetime64]:  # noqa: ANN401 - a narwhals Series
    """A tz-aware timestamp column (any unit) as UTC ``datetime64[us]``, nulls as NaT."""
    dtype = series.dtype
    if series.null_count() == len(series):  # Arrow's null type: nothing to read but nulls
        return np.full(len(series), np.datetime64("NaT", "us"))
    native = series.to_native()
    if nw.dependencies.is_pandas_like_series(native) and getattr(native.dtype, "tz", None):
        # narwhals 2.x reads no pandas zone with "_" or a digit (America/Sao_Paulo,
        # Etc/GMT-7) and calls it Unknown: convert those natively, as narwhals would.
        utc = native.dt.tz_convert("UTC").dt.tz_localize(None)
        return np.asarray(utc.to_numpy(), dtype="datetime64[us]")
    if not isinstance(dtype, nw.Datetime):
        raise InvalidArgumentError(
            f"column {shown(name)} (at) must hold timestamps with a time zone, not {dtype}; "
            f"parse it into a tz-aware datetime column first"
        )
    if dtype.time_zone is None:
        raise InvalidArgumentError(
            f"column {shown(name)} (at) holds naive timestamps, which name no instant; give "
            f"them their zone first (pandas: .dt.tz_localize('Asia/Jakarta'), polars: "
            f".dt.replace_time_zone('Asia/Jakarta'))"
        )
    utc = series.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
    values = np.asarray(utc.cast(nw.Datetime("us")).to_numpy())
    return values.astype("datetime64[us]")


def _labels(nw: ModuleType, series: typing.Any, name: str, argument: str) -> Column:  # noqa: ANN401 - a narwhals Series
    """A string column: ``(codes, labels)`` for a categorical one, else a ``str`` array."""
    dtype = series.dtype
    if series.null_count() == len(series):  # Arrow's null type: nothing to read but nulls
        return np.full(len(series), "", dtype=str)
    if isinstance(dtype, nw.Categorical | nw.Enum):
        coded = _codes(nw, series.to_native())
        if coded is not None:
            return coded
        series = series.cast(nw.String())
    elif isinstance(dtype, nw.Object):
        # pandas' object columns: strings and nulls (None or NaN), checked row by row later.
        values = np.array(series.to_numpy(), dtype=object)  # a copy: numpy's may be read-only
        values[np.asarray(series.is_null().to_numpy(), dtype=bool)] = None
        return values
    elif not isinstance(dtype, nw.String):
        raise InvalidArgumentError(
            f"column {shown(name)} ({argument}) must hold strings, not {dtype}; cast it to "
            f"strings first"
        )
    # A null becomes "" (numpy str has no None): a missing label, or a missing report id.
    return np.asarray(series.fill_null("").to_numpy(), dtype=str)


def _codes(nw: ModuleType, native: typing.Any) -> Column | None:  # noqa: ANN401 - a native series
    """A native categorical's codes (-1 for null) and labels; None for an unknown library.

    The labels are passed on as they are: ``EventTable.from_columns`` refuses labels that are
    not strings, as it does for its own encoded columns.
    """
    deps = nw.dependencies
    if deps.is_pandas_series(native):
        codes = np.asarray(native.cat.codes.to_numpy(), dtype=np.int64)
        return codes, native.cat.categories.tolist()
    if deps.is_polars_series(native):
        # Polars codes index a global string cache: map the codes used to their values.
        used = native.unique().drop_nulls()
        used_codes = np.asarray(used.to_physical().to_numpy(), dtype=np.int64)
        lookup = np.zeros(int(used_codes.max(initial=0)) + 1, dtype=np.int64)
        lookup[used_codes] = np.arange(len(used_codes))
        raw = np.asarray(native.to_physical().fill_null(0).to_numpy(), dtype=np.int64)
        nulls = np.asarray(native.is_null().to_numpy(), dtype=bool)
        return np.where(nulls, -1, lookup[raw]), used.to_list()
    if deps.is_pyarrow_chunked_array(native):
        chunks = native.unify_dictionaries().chunks
        if not chunks:
            return np.zeros(0, dtype=np.int64), []
        codes = np.concatenate(
            [np.asarray(chunk.indices.fill_null(-1).to_numpy(), dtype=np.int64) for chunk in chunks]
        )
        return codes, chunks[0].dictionary.to_pylist()
    return None
