"""The statistics over a ``dask.dataframe`` of events: one partial a partition, an exact merge.

Each partition (whole reports: rows partitioned by report id) becomes an
:class:`~smartcity.columnar.EventTable` on a worker, then the mergeable figures of
:func:`smartcity.stats.partial_performance` (or the counts of
:func:`~smartcity.stats.yearly_counts`); the partials merge exactly in a tree of Dask tasks.
The schedule, calendars and city are one task each in the graph (or futures the user
scattered), so each worker receives and loads them once, whatever the number of partitions.
Dask is imported only when a function is called.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from smartcity._checks import instance, shown, whole_number
from smartcity.columnar._table import EventTable
from smartcity.exceptions import (
    InvalidArgumentError,
    InvalidEventTableError,
    InvalidStatisticsError,
    MissingDependencyError,
    UnknownPolicyError,
)
from smartcity.sla._clock import check_now
from smartcity.stats import (
    PartialPerformance,
    SlaPerformance,
    YearlyCount,
    YearlyCounts,
    partial_performance,
    yearly_counts,
)
from smartcity.stats._counts import zone_of
from smartcity.stats._partial import check_min_sample
from smartcity.stats._performance import _check_by as check_by
from smartcity.stats._performance import _request

__all__ = [
    "LABEL_COLUMNS",
    "city_performance_dask",
    "partial_performance_dask",
    "sla_performance_dask",
    "yearly_counts_dask",
]

LABEL_COLUMNS: typing.Final = ("agency", "category", "ward", "district")
"""The optional label columns of an events frame (a missing one is all missing values)."""

_INSTALL: typing.Final = (
    "the Dask statistics need dask[dataframe] and distributed; install them with "
    "pip install 'smartcity[dask]' (or uv add 'smartcity[dask]')"
)

_T = typing.TypeVar("_T")

# Dask and pandas are optional (the extra smartcity[dask]) and imported when called: their
# objects are typed by name only.
DaskFrame: typing.TypeAlias = typing.Any
"""A ``dask.dataframe.DataFrame``."""
Frame: typing.TypeAlias = typing.Any
"""A ``pandas.DataFrame`` (one partition) or a pandas column of one."""
Shipped: typing.TypeAlias = typing.Any
"""A value, a ``distributed.Future`` of it, or a ``dask.delayed`` object computing it."""
Lazy: typing.TypeAlias = typing.Any
"""A ``dask.delayed.Delayed``."""


def _modules() -> tuple[types.ModuleType, types.ModuleType]:
    """Import ``dask`` and ``dask.dataframe``, or say which extra to install."""
    try:
        dask = importlib.import_module("dask")
        dataframe = importlib.import_module("dask.dataframe")
        importlib.import_module("distributed")
    except ImportError as error:
        raise MissingDependencyError(_INSTALL) from error
    return dask, dataframe


# -- on the workers -----------------------------------------------------------------------------


@attrs.frozen
class _Part(typing.Generic[_T]):
    """A partial result with the range of report ids it covers (None: no reports)."""

    value: _T
    first: str | None
    last: str | None
    partition: int


def _label_column(series: Frame) -> object:
    """A pandas label column as ``from_columns`` reads it; missing values and ``""`` are none.

    A categorical gives its codes and categories; other columns give objects, None for none.
    """
    if str(series.dtype) == "category":
        labels = list(series.cat.categories)
        codes = np.asarray(series.cat.codes, dtype=np.int64)
        if "" in labels:
            codes = np.where(codes == labels.index(""), -1, codes)
        return codes, labels
    values = np.asarray(series.to_numpy(dtype=object, na_value=None), dtype=object)
    values[values == ""] = None
    return values


def _instants(series: Frame) -> npt.NDArray[np.int64]:
    """A pandas instant column as int64 µs since the epoch (NaT stays the NaT marker)."""
    dtype = series.dtype
    if getattr(dtype, "tz", None) is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    values = series.to_numpy()
    if values.dtype.kind == "M":
        return np.asarray(values.astype("datetime64[us]").view(np.int64))
    if values.dtype.kind in "iu":
        return np.asarray(values, dtype=np.int64)
    raise InvalidArgumentError(
        f"the at column must hold timestamps (UTC if naive) or int64 microseconds since "
        f"1970-01-01T00:00Z, not {dtype}"
    )


def _ids(frame: Frame) -> Frame:
    """The report id of each row: the ``report_id`` column, else the index."""
    if "report_id" in frame.columns:
        return frame["report_id"]
    return frame.index.to_series()


def _order(frame: Frame, order_by: str, at: npt.NDArray[np.int64]) -> npt.NDArray[typing.Any]:
    if order_by == "at":
        return at
    values = frame[order_by].to_numpy()
    if values.dtype.kind not in "iufM":
        raise InvalidArgumentError(
            f"the order_by column {shown(order_by)} must hold numbers or timestamps that order "
            f"a report's events, not {values.dtype}"
        )
    return np.asarray(values)


def _table(frame: Frame, *, order_by: str, partition: int) -> EventTable:
    """The partition's rows as an event table, each report's rows sorted by ``order_by``."""
    pandas = importlib.import_module("pandas")
    ids = _ids(frame)
    codes, uniques = pandas.factorize(ids, sort=True)
    at = _instants(frame["at"])
    key = _order(frame, order_by, at)
    order = np.lexsort((key, codes))
    ties = np.flatnonzero(
        (codes[order][1:] == codes[order][:-1]) & (key[order][1:] == key[order][:-1])
    )
    if ties.size:
        rows = tuple(sorted(int(order[i + 1]) for i in ties))
        problems = tuple(
            (
                int(order[i + 1]),
                (
                    f"partition {partition}: report {shown(uniques[codes[order[i]]])} has two "
                    f"events with the same {order_by}; Dask does not keep the order of rows it "
                    f"moves (set_index sorts by the index only): number the events (a column of "
                    f"increasing numbers) and pass it as order_by"
                ),
            )
            for i in ties[: InvalidEventTableError.shown]
        )
        raise InvalidEventTableError(rows, problems)
    labels = {
        name: (_label_column(frame[name]) if name in frame.columns else None)
        for name in LABEL_COLUMNS
    }

    def sorted_column(value: object) -> object:
        if value is None:
            return None
        if isinstance(value, tuple):
            return (value[0][order], value[1])
        return typing.cast("npt.NDArray[typing.Any]", value)[order]

    try:
        return EventTable.from_columns(
            report_id=(codes[order], [*uniques]),
            at=at[order],
            status=frame["status"].to_numpy(dtype=object, na_value=None)[order],
            **{name: sorted_column(value) for name, value in labels.items()},
        )
    except InvalidEventTableError as error:
        # Rows numbered in the partition as given, not in the sorted order.
        rows = tuple(sorted(int(order[row]) for row in error.rows))
        problems = tuple(
            (int(order[row]), f"partition {partition}: {reason}") for row, reason in error.problems
        )
        raise InvalidEventTableError(rows, problems) from None


def _part(table: EventTable, value: _T, partition: int) -> _Part[_T]:
    ids = table.report_ids
    first, last = (str(ids[0]), str(ids[-1])) if len(ids) else (None, None)
    return _Part(value, first, last, partition)


@attrs.frozen
class _Calendars:
    """Agency calendars in one object: pickled whole, a calendar shared by agencies once.

    (distributed pickles a dict value by value, so a calendar shared by seven agencies would
    be loaded seven times on each worker.)
    """

    by_agency: Mapping[str, object]


def _performance_part(  # noqa: PLR0917 - a task's arguments, in the order the graph gives them
    frame: Frame,
    partition: int,
    options: _Options,
    schedule: object,
    calendar: object,
    agency_calendars: object,
) -> _Part[PartialPerformance]:
    if isinstance(agency_calendars, _Calendars):
        agency_calendars = agency_calendars.by_agency
    table = _table(frame, order_by=options.order_by, partition=partition)
    value = partial_performance(
        table,
        schedule,  # type: ignore[arg-type]
        calendar,  # type: ignore[arg-type]
        now=options.now,
        by=options.by,
        clock=options.clock,
        agency_calendars=agency_calendars,  # type: ignore[arg-type]
    )
    return _part(table, value, partition)


def _city_part(
    frame: Frame, partition: int, options: _Options, city: object
) -> _Part[PartialPerformance]:
    from smartcity.desk import City  # noqa: PLC0415 - the desk is needed on this path only

    checked = instance(city, City, "city")
    if checked.schedule is None:
        raise InvalidStatisticsError(_NO_SCHEDULE)
    calendars = {code: checked.calendar_for(code) for code in checked.agencies}
    return _performance_part(
        frame, partition, options, checked.schedule, checked.calendar, calendars
    )


def _counts_part(frame: Frame, partition: int, options: _Options) -> _Part[YearlyCounts]:
    table = _table(frame, order_by=options.order_by, partition=partition)
    return _part(table, yearly_counts(table, tz=options.tz), partition)


def _merge_counts(left: YearlyCounts, right: YearlyCounts) -> YearlyCounts:
    counts = collections.Counter({row.year: row.received for row in left})
    counts.update({row.year: row.received for row in right})
    return YearlyCounts(tuple(YearlyCount(year, counts[year]) for year in sorted(counts)))


def _merge_performance(left: PartialPerformance, right: PartialPerformance) -> PartialPerformance:
    return left.merge(right)


def _combine(merge: Callable[[_T, _T], _T], *parts: _Part[_T]) -> _Part[_T]:
    """Merge neighbouring partitions' partials, in partition order, checking their report ids.

    Partitions by report-id ranges (``set_index("report_id")``) cover increasing, disjoint
    ranges; a report split between two partitions, or partitions that interleave their ids,
    would be counted twice, and are refused.
    """
    result = parts[0]
    for part in parts[1:]:
        if result.last is not None and part.first is not None and not result.last < part.first:
            raise InvalidStatisticsError(
                f"partition {part.partition} starts at report {shown(part.first)}, not after "
                f"report {shown(result.last)} of an earlier partition: a report may span "
                f"partitions, and would be counted twice; partition the events by report id "
                f"ranges with events.set_index('report_id') (or dd.from_pandas(frame."
                f"set_index('report_id'), sort=True))"
            )
        result = _Part(
            merge(result.value, part.value),
            result.first if result.first is not None else part.first,
            part.last if part.last is not None else result.last,
            result.partition,
        )
    return result


def _value(part: _Part[_T]) -> _T:
    return part.value


# -- on the client ------------------------------------------------------------------------------

_NO_SCHEDULE: typing.Final = (
    "the city has no SLA schedule, so there is no clock to judge reports by; give it one "
    "with city.with_schedule(...)"
)


@attrs.frozen
class _Options:
    """The small arguments every partition's task gets (inlined in each task)."""

    order_by: str
    now: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    by: tuple[str, ...] = ()
    clock: str | None = None
    tz: str = "UTC"


def _check_events(events: object, order_by: object) -> str:
    """Refuse what is not a dask DataFrame with the columns the statistics read."""
    _, dataframe = _modules()
    if not isinstance(events, dataframe.DataFrame):
        raise InvalidArgumentError(
            f"events must be a dask.dataframe.DataFrame of events, one row an event, not "
            f"{type(events).__name__}; for pandas, use dask.dataframe.from_pandas(frame."
            f"set_index('report_id'), npartitions=n, sort=True)"
        )
    name = instance(order_by, str, "order_by")
    frame = typing.cast("typing.Any", events)
    columns = set(frame.columns)
    has_ids = "report_id" in columns or frame.index.name == "report_id"
    missing = [column for column in ("at", "status", name) if column not in columns]
    if not has_ids:
        missing.insert(0, "report_id (a column or the index)")
    if missing:
        raise InvalidArgumentError(
            f"the events frame lacks {', '.join(dict.fromkeys(missing))}; it has "
            f"{shown(sorted(map(str, columns)))} (index {shown(frame.index.name)})"
        )
    return name


def _is_lazy(dask: types.ModuleType, value: object) -> bool:
    """Is ``value`` a future or a delayed object (known on the workers only)?"""
    distributed = importlib.import_module("distributed")
    return bool(dask.is_dask_collection(value)) or isinstance(value, distributed.Future)


def _shipped(dask: types.ModuleType, value: object) -> object:
    """``value`` as one piece of the graph, sent to each worker once.

    A future or a delayed object is used as it is. When Dask computes with a
    ``distributed.Client``, a value is scattered to every worker (``broadcast=True``)
    before the computation; else it is one task of the graph.
    """
    if _is_lazy(dask, value):
        return value
    distributed = importlib.import_module("distributed")
    try:
        client = distributed.get_client()
    except ValueError:  # no client: a local scheduler, where nothing travels
        client = None
    if client is None or importlib.import_module("dask.base").get_scheduler() != client.get:
        return dask.delayed(value, traverse=False)
    return client.scatter([value], broadcast=True, hash=False)[0]


def _mapping_of_futures(value: object) -> bool:
    """``client.scatter(dict)`` gives a dict of futures: Dask resolves those inside tasks."""
    distributed = importlib.import_module("distributed")
    return isinstance(value, Mapping) and any(
        isinstance(item, distributed.Future) for item in value.values()
    )


def _reduce(
    dask: types.ModuleType,
    parts: Sequence[object],
    merge: Callable[[typing.Any, typing.Any], typing.Any],
    split_every: int,
) -> Lazy:
    """A tree of merge tasks over the partitions' partials, ``split_every`` at a time."""
    level = list(parts)
    while len(level) > 1:
        level = [
            dask.delayed(_combine, pure=True)(merge, *level[start : start + split_every])
            for start in range(0, len(level), split_every)
        ]
    return dask.delayed(_value, pure=True)(level[0])


def _partition_tasks(
    events: object, task: Callable[..., object], *shared: object
) -> tuple[types.ModuleType, list[object]]:
    dask, _ = _modules()
    partitions = typing.cast("typing.Any", events).to_delayed()
    return dask, [
        dask.delayed(task, pure=True)(partition, number, *shared)
        for number, partition in enumerate(partitions)
    ]


def _split_every(value: object) -> int:
    return whole_number(value, "split_every", error=InvalidStatisticsError, minimum=2)


def partial_performance_dask(
    events: DaskFrame,
    schedule: Shipped,
    calendar: Shipped,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    agency_calendars: Shipped = None,
    order_by: str = "at",
    split_every: int = 8,
) -> Lazy:
    """Return a ``dask.delayed`` object that computes the merged partial figures of all events.

    Its result is a :class:`~smartcity.stats.PartialPerformance`. The lazy form of
    :func:`sla_performance_dask` (see there for the arguments): compute it
    with ``dask.compute`` or ``client.compute``, with other work in the same graph. The
    schedule, the calendar and ``agency_calendars`` are one task each (or the futures given).

    Raises:
        MissingDependencyError: dask or distributed is not installed.
        InvalidArgumentError: ``events`` is not a dask DataFrame with the columns needed.
        InvalidStatisticsError: an unknown dimension, or ``split_every`` below 2.
    """
    order_by = _check_events(events, order_by)
    check_now(now)
    names = check_by(by)
    if clock is not None:
        instance(clock, str, "clock")
    every = _split_every(split_every)
    options = _Options(order_by, now, names, clock)
    dask, _ = _modules()
    given = (schedule, calendar, agency_calendars)
    if not any(_is_lazy(dask, value) for value in given) and not _mapping_of_futures(
        agency_calendars
    ):
        # All values here: check them now, as sla_performance does, before anything travels.
        _request(
            schedule, calendar, now=now, by=names, clock=clock, agency_calendars=agency_calendars
        )
    calendars = (
        agency_calendars
        if agency_calendars is None or _mapping_of_futures(agency_calendars)
        else _shipped(
            dask,
            _Calendars(agency_calendars)
            if isinstance(agency_calendars, Mapping)
            else agency_calendars,
        )
    )
    dask, parts = _partition_tasks(
        events,
        _performance_part,
        options,
        _shipped(dask, schedule),
        _shipped(dask, calendar),
        calendars,
    )
    return _reduce(dask, parts, _merge_performance, every)


def sla_performance_dask(
    events: DaskFrame,
    schedule: Shipped,
    calendar: Shipped,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    min_sample: int = 10,
    agency_calendars: Shipped = None,
    order_by: str = "at",
    split_every: int = 8,
) -> SlaPerformance:
    """Return :func:`~smartcity.stats.sla_performance` of a ``dask.dataframe`` of events.

    Each partition becomes an :class:`~smartcity.columnar.EventTable` and then the
    mergeable figures of :func:`~smartcity.stats.partial_performance`, on the workers; the
    figures merge exactly (counts added, time histograms merged) in a tree of tasks, so the
    rows equal those of :func:`~smartcity.stats.sla_performance` on all the events in one
    process, field by field, medians and percentiles included. Computed with Dask's current
    scheduler: a ``distributed.Client`` when one is open.

    ``events`` holds one row an event, the columns of
    :meth:`EventTable.from_columns <smartcity.columnar.EventTable.from_columns>`:
    ``report_id`` (a column or the index), ``at`` (timestamps, naive ones read as UTC, or
    int64 microseconds), ``status``, and optionally ``agency``, ``category``, ``ward``,
    ``district`` (strings or categoricals; a missing value or ``""`` is no value). **Each
    partition must hold whole reports**: partition by report-id ranges with
    ``events.set_index("report_id")``. Partitions whose report ids overlap (a report split
    in two, or a hash partitioning) are refused, never counted twice.

    ``set_index`` moves rows and does not keep a report's rows in order: each partition's
    rows are sorted by report and ``order_by``. The instant (``"at"``) is enough unless two
    events of a report share an instant; then give a column that numbers the events (a
    database's event id) as ``order_by``. A tie is refused, not guessed.

    ``schedule``, ``calendar`` and ``agency_calendars`` travel to each worker once, not once
    a partition: given as values with a ``distributed.Client`` open, each is scattered to
    every worker (``client.scatter(value, broadcast=True)``) before the computation; without
    a client, each is one task of the graph. They may also be futures you scattered yourself
    (for a dict of calendars, the dict of futures ``client.scatter(calendars,
    broadcast=True)`` gives), or ``dask.delayed`` objects.

    Args:
        events: a ``dask.dataframe.DataFrame`` of events, partitioned by report id.
        schedule: the :class:`~smartcity.sla.SlaSchedule` (or a future of one).
        calendar: the :class:`~smartcity.sla.WorkingCalendar` of the agencies without their
            own (or a future of one).
        now: as in :func:`~smartcity.stats.sla_performance`; so are ``by``, ``clock``,
            ``min_sample`` and ``agency_calendars``.
        by: see ``now``.
        clock: see ``now``.
        min_sample: see ``now``.
        agency_calendars: see ``now`` (or a future of the mapping).
        order_by: the column that orders each report's events (default: the instant).
        split_every: how many partials a merge task takes (the fan-in of the tree).

    Raises:
        MissingDependencyError: dask or distributed is not installed.
        InvalidArgumentError: ``events`` is not a dask DataFrame with the columns needed.
        InvalidEventTableError: bad rows in a partition (numbered within it), or two events
            of a report tied on ``order_by``.
        InvalidStatisticsError: an unknown dimension, ``min_sample`` below 1,
            ``split_every`` below 2, or partitions whose report ids overlap (a report split
            between two partitions).
        UnknownPolicyError: a clock the schedule does not have (or the other errors of
            :func:`~smartcity.stats.sla_performance`, raised on a worker).
    """
    check_min_sample(min_sample)
    lazy = partial_performance_dask(
        events,
        schedule,
        calendar,
        now=now,
        by=by,
        clock=clock,
        agency_calendars=agency_calendars,
        order_by=order_by,
        split_every=split_every,
    )
    merged = typing.cast("PartialPerformance", lazy.compute())
    return merged.performance(min_sample=min_sample)


def city_performance_dask(
    events: DaskFrame,
    city: Shipped,
    *,
    now: dt.datetime,
    by: Iterable[str] | str = ("agency",),
    clock: str | None = None,
    min_sample: int = 10,
    order_by: str = "at",
    split_every: int = 8,
) -> SlaPerformance:
    """Return :func:`sla_performance_dask` with a :class:`~smartcity.desk.City`'s rules.

    The city's schedule, its calendar, and each agency's own calendar
    (:meth:`City.calendar_for <smartcity.desk.City.calendar_for>`), as
    :meth:`City.clock <smartcity.desk.City.clock>` judges a report. ``city`` may be a
    :class:`~smartcity.desk.City` (one task in the graph) or the future of
    ``client.scatter(city, broadcast=True)``: each worker loads it once.

    Raises:
        InvalidStatisticsError: a city without a schedule (and the errors of
            :func:`sla_performance_dask`).
    """
    from smartcity.desk import City  # noqa: PLC0415 - the desk imports the statistics' peers

    order_by = _check_events(events, order_by)
    check_now(now)
    names = check_by(by)
    if clock is not None:
        instance(clock, str, "clock")
    check_min_sample(min_sample)
    every = _split_every(split_every)
    dask, _ = _modules()
    if not _is_lazy(dask, city):
        checked = instance(city, City, "city")
        if checked.schedule is None:
            raise InvalidStatisticsError(_NO_SCHEDULE)
        if clock is not None and clock not in checked.schedule.names:
            raise UnknownPolicyError(clock, checked.schedule.names)
    dask, parts = _partition_tasks(
        events, _city_part, _Options(order_by, now, names, clock), _shipped(dask, city)
    )
    merged = typing.cast(
        "PartialPerformance", _reduce(dask, parts, _merge_performance, every).compute()
    )
    return merged.performance(min_sample=min_sample)


def yearly_counts_dask(
    events: DaskFrame,
    *,
    tz: str = "Asia/Jakarta",
    order_by: str = "at",
    split_every: int = 8,
) -> YearlyCounts:
    """Return :func:`~smartcity.stats.yearly_counts` of a ``dask.dataframe`` of events.

    Partitioned as for :func:`sla_performance_dask` (whole reports in each partition); the
    counts of the partitions add up to the counts of the whole.

    Raises:
        InvalidStatisticsError: an unknown zone (and the errors of :func:`sla_performance_dask`).
    """
    order_by = _check_events(events, order_by)
    zone = zone_of(tz)
    every = _split_every(split_every)
    dask, parts = _partition_tasks(events, _counts_part, _Options(order_by, tz=zone.key))
    return typing.cast("YearlyCounts", _reduce(dask, parts, _merge_counts, every).compute())
