"""The event table: many reports' histories as numpy columns, validated on the way in."""

from __future__ import annotations

import collections
import contextvars
import datetime as dt
import typing
from collections.abc import Iterable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from smartcity._checks import instance, shown, text, type_name
from smartcity.exceptions import InvalidArgumentError, InvalidEventTableError, InvalidReportError
from smartcity.reports import TRANSITIONS, EventKind, Report, ReportStatus
from smartcity.sla._calendar._zone import UNIX_EPOCH_US, to_us

__all__ = ["MISSING", "STATUSES", "EventTable"]

STATUSES: typing.Final[tuple[ReportStatus, ...]] = tuple(ReportStatus)
"""The statuses in the order of their codes: ``STATUSES[table.status[i]]`` is row i's status."""

MISSING: typing.Final = -1
"""The code of a missing label (a report not yet assigned has no agency)."""


_CODE = {status: code for code, status in enumerate(STATUSES)}
_BY_VALUE = {status.value: code for code, status in enumerate(STATUSES)}
_SUBMITTED = _CODE[ReportStatus.SUBMITTED]
_NAT = np.iinfo(np.int64).min

# allowed[a, b]: may a row in status b follow a row in status a of the same report? A row that
# keeps the status records a fact (a note, a location) and is always allowed.
_ALLOWED = np.eye(len(STATUSES), dtype=bool)
for _status, _targets in TRANSITIONS.items():
    for _target in _targets:
        _ALLOWED[_CODE[_status], _CODE[_target]] = True
_ALLOWED.flags.writeable = False

Int = npt.NDArray[np.int64]
Texts: typing.TypeAlias = "npt.NDArray[np.str_]"
"""A numpy array of ``str``."""
Flags: typing.TypeAlias = "npt.NDArray[np.bool_]"
"""A numpy array of booleans."""


def _frozen(value: object, dtype: type[np.generic]) -> npt.NDArray[typing.Any]:
    if isinstance(value, np.ndarray) and value.dtype == dtype and not value.flags.writeable:
        return value
    array = np.array(value, dtype=dtype)
    array.flags.writeable = False
    return array


def _str_array(value: object) -> Texts:
    return _frozen(value, np.str_)


def _int8_array(value: object) -> npt.NDArray[np.int8]:
    return _frozen(value, np.int8)


def _int32_array(value: object) -> npt.NDArray[np.int32]:
    return _frozen(value, np.int32)


def _int64_array(value: object) -> npt.NDArray[np.int64]:
    return _frozen(value, np.int64)


def _labels(value: object) -> tuple[str, ...]:
    return tuple(str(label) for label in typing.cast("Iterable[object]", value))


def _freeze(array: npt.NDArray[typing.Any]) -> npt.NDArray[typing.Any]:
    array.flags.writeable = False
    return array


# -- validation ---------------------------------------------------------------------------------

# Reasons, in order of precedence: a row gets the first that applies.
_NO_ID, _UNKNOWN, _NAT_ROW, _NOT_SUBMISSION, _BACKWARDS, _ILLEGAL, _BAD_LABEL = range(1, 8)


def _firsts(report: Int) -> Flags:
    first = np.ones(report.shape, dtype=bool)
    first[1:] = report[1:] != report[:-1]
    return first


def _reasons(report: Int, at: Int, status: Int) -> npt.NDArray[np.int8]:
    """A reason code per row (0: fine) for rows grouped by report, in history order.

    ``report`` is -1 for a row without a usable report id, ``status`` -1 for an unknown status,
    ``at`` the NaT marker for a missing instant.
    """
    reason = np.zeros(report.shape, dtype=np.int8)
    if not report.size:
        return reason
    first = _firsts(report)
    known = status >= 0
    dated = at != _NAT
    follows = ~first
    follows[1:] &= dated[1:] & dated[:-1]
    backwards = np.zeros_like(first)
    backwards[1:] = follows[1:] & (at[1:] < at[:-1])
    changes = ~first
    changes[1:] &= known[1:] & known[:-1]
    illegal = np.zeros_like(first)
    previous, current = status[:-1], status[1:]
    illegal[1:] = changes[1:] & ~_ALLOWED[np.maximum(previous, 0), np.maximum(current, 0)]
    for code, mask in (
        (_ILLEGAL, illegal),
        (_BACKWARDS, backwards),
        (_NOT_SUBMISSION, first & known & (status != _SUBMITTED)),
        (_NAT_ROW, ~dated),
        (_UNKNOWN, ~known),
        (_NO_ID, report < 0),
    ):
        reason[mask] = code
    return reason


def _explain(  # noqa: PLR0911 - one sentence per reason
    code: int,
    index: int,
    *,
    ids: Sequence[str] | Texts,
    report: Int,
    at: Int,
    status: Int,
    raw_status: object,
) -> str:
    def when(i: int) -> str:
        return str(np.datetime64(int(at[i]), "us")) + "Z"

    rid = ids[report[index]] if report[index] >= 0 else ""
    if code == _NO_ID:
        return "the report id is missing or blank; every row names its report"
    if code == _UNKNOWN:
        names = ", ".join(s.value for s in STATUSES)
        return f"unknown status {shown(raw_status)}; use one of {names}"
    if code == _NAT_ROW:
        return f"report {rid}: the instant is missing (NaT); drop the row or give its time"
    if code == _NOT_SUBMISSION:
        return (
            f"report {rid} starts with {STATUSES[status[index]].value}, not submitted; a history "
            f"starts with its submission (is the report's first row missing?)"
        )
    if code == _BACKWARDS:
        return (
            f"report {rid}: {when(index)} is before the row before it ({when(index - 1)}); "
            f"give a report's rows in time order (equal times are fine)"
        )
    if code == _ILLEGAL:
        source, target = STATUSES[status[index - 1]], STATUSES[status[index]]
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[source])) or "nothing (final)"
        return (
            f"report {rid} cannot go from {source.value} to {target.value}; from "
            f"{source.value} it may go to: {allowed}"
        )
    return "a label (agency, category, ward or district) is not a string; use str or None"


def _check_rows(
    *,
    ids: Sequence[str] | Texts,
    report: Int,
    at: Int,
    status: Int,
    rows: Int,
    raw_status: typing.Callable[[int], object],
    extra: Flags | None = None,
) -> None:
    """Raise InvalidEventTableError for the bad rows (arrays grouped by report, rows = numbers)."""
    reason = _reasons(report, at, status)
    if extra is not None:
        reason[(reason == 0) & extra] = _BAD_LABEL
    bad = np.flatnonzero(reason)
    if not bad.size:
        return
    order = bad[np.argsort(rows[bad], kind="stable")]
    problems = tuple(
        (
            int(rows[i]),
            _explain(
                int(reason[i]),
                int(i),
                ids=ids,
                report=report,
                at=at,
                status=status,
                raw_status=raw_status(int(rows[i])),
            ),
        )
        for i in order[: InvalidEventTableError.shown]
    )
    raise InvalidEventTableError(tuple(int(row) for row in rows[order]), problems)


# -- encoding columns ---------------------------------------------------------------------------


def _column(values: object, name: str, count: int) -> npt.NDArray[typing.Any]:
    array = np.asarray(values)
    if array.ndim != 1:
        raise InvalidArgumentError(f"{name} must be a one-dimensional array, not {array.ndim}-D")
    if len(array) != count:
        raise InvalidArgumentError(
            f"{name} has {len(array):,} rows but report_id has {count:,}; give every column "
            f"one value per event"
        )
    return array


def _strings_or_none(array: npt.NDArray[typing.Any]) -> tuple[Flags, list[str]]:
    """For an object array: a mask of the rows that are neither str nor None, and the texts."""
    texts = []
    bad = np.zeros(len(array), dtype=bool)
    for index, value in enumerate(array.tolist()):
        if isinstance(value, str):
            texts.append(value)
        else:
            texts.append("")
            bad[index] = value is not None
    return bad, texts


_GUESS_FROM: typing.Final = 4096
"""Rows sampled to guess a column's distinct values before looking every row up."""


def _dictionary(array: npt.NDArray[typing.Any]) -> tuple[npt.NDArray[typing.Any], Int]:
    """The sorted distinct values of a str array, and each row's index among them.

    The answer of ``np.unique(array, return_inverse=True)``, in time linear in the rows when
    the distinct values are few (an agency, a ward): sorting a million strings costs
    ``n log n`` and falls out of the cache, so the per-row cost of a long column grew with its
    length. Instead the distinct values of a sample are looked up from every row by binary
    search (``log k`` for ``k`` labels); the values of the rows the sample missed are added
    and the lookup runs again. Columns of mostly distinct values (report ids) are sorted as
    before. The sample is drawn with a fixed seed: the same column costs the same every time
    (the answer never depends on the sample).
    """
    count = len(array)
    if count > 4 * _GUESS_FROM:
        sample = np.random.default_rng(0)
        labels = np.unique(array[sample.integers(0, count, _GUESS_FROM)])
        for _ in range(3):
            codes, found = _look_up(labels, array)
            if found.all():
                return labels, codes
            unseen = array[~found]
            if unseen.size <= count // 8:
                labels = np.union1d(labels, np.unique(unseen))
                return labels, _look_up(labels, array)[0]
            if len(labels) > count // 64:
                break  # mostly distinct values: sorting is the better way
            more = unseen[sample.integers(0, unseen.size, _GUESS_FROM)]
            labels = np.union1d(labels, np.unique(more))
    labels, inverse = np.unique(array, return_inverse=True)
    return labels, inverse.reshape(-1).astype(np.int64)


def _look_up(labels: npt.NDArray[typing.Any], array: npt.NDArray[typing.Any]) -> tuple[Int, Flags]:
    """Each row's index in the sorted ``labels``, and whether the row's value is there."""
    codes = np.searchsorted(labels, array).astype(np.int64)
    np.minimum(codes, len(labels) - 1, out=codes)
    return codes, labels[codes] == array


def _runs(array: npt.NDArray[typing.Any]) -> tuple[Int, Int]:
    """The first row of each run of equal values, and the runs' lengths.

    Event columns repeat: a report's id on each of its rows, its agency and ward on most. The
    encoders work on one value a run and repeat the result, so that the cost follows the
    number of changes, not of rows (and is never worse than one comparison a row).
    """
    count = len(array)
    if count == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    differs = np.asarray(array[1:] != array[:-1], dtype=bool)
    heads = np.concatenate(([0], np.flatnonzero(differs) + 1)).astype(np.int64)
    return heads, np.diff(np.append(heads, count))


def _coded(values: object, name: str, count: int) -> tuple[Int, npt.NDArray[typing.Any]] | None:
    """Read a column given already encoded, as ``(codes, labels)``; None for other columns."""
    if not isinstance(values, tuple):
        return None
    if len(values) != 2:
        raise InvalidArgumentError(
            f"an encoded {name} column is a pair (codes, labels), not {len(values)} items"
        )
    codes, labels = np.asarray(values[0]), np.asarray(values[1], dtype=object)
    if codes.dtype.kind not in "iu":
        raise InvalidArgumentError(
            f"the codes of an encoded {name} column must be integers (-1 for missing), not "
            f"{codes.dtype}"
        )
    codes = _column(codes, name, count).astype(np.int64)
    if labels.ndim != 1:
        raise InvalidArgumentError(f"the labels of {name} must be one-dimensional")
    if codes.size and (codes.min() < MISSING or codes.max() >= len(labels)):
        raise InvalidArgumentError(
            f"the codes of {name} must index its {len(labels):,} labels or be {MISSING} (missing)"
        )
    for label in labels.tolist():
        if not isinstance(label, str):
            raise InvalidArgumentError(
                f"the labels of {name} must be strings, not {type_name(label)} {shown(label)}"
            )
    return codes, labels


def _encode_coded(
    codes: Int, labels: npt.NDArray[typing.Any], count: int
) -> tuple[npt.NDArray[np.int32], tuple[str, ...], Flags]:
    """Codes into any labels to codes into the sorted labels used (equal labels merged)."""
    used = np.bincount(codes + 1, minlength=len(labels) + 1)[1:] > 0
    names = np.array(labels.tolist() or [""], dtype=str)[: len(labels)]
    distinct, inverse = np.unique(names[used], return_inverse=True)
    remap = np.full(len(labels) + 1, MISSING, dtype=np.int64)
    remap[np.flatnonzero(used)] = inverse.reshape(-1)
    mapped = remap[np.where(codes == MISSING, len(labels), codes)].astype(np.int32)
    return mapped, tuple(distinct.tolist()), np.zeros(count, dtype=bool)


def _encode(
    values: object, name: str, count: int
) -> tuple[npt.NDArray[np.int32], tuple[str, ...], Flags]:
    """Dictionary-encode a label column: codes (MISSING for None), sorted labels, bad rows."""
    if values is None:
        return np.full(count, MISSING, dtype=np.int32), (), np.zeros(count, dtype=bool)
    coded = _coded(values, name, count)
    if coded is not None:
        return _encode_coded(*coded, count)
    array = _column(values, name, count)
    heads, lengths = _runs(array)
    codes, labels, bad = _encode_values(array[heads], name, len(heads))
    return np.repeat(codes, lengths), labels, np.repeat(bad, lengths)


def _encode_values(
    array: npt.NDArray[typing.Any], name: str, count: int
) -> tuple[npt.NDArray[np.int32], tuple[str, ...], Flags]:
    """:func:`_encode` on an array (one value a run)."""
    if array.dtype.kind == "U":
        # In a str array the empty string is the missing value (numpy has no None there).
        labels, inverse = _dictionary(array)
        codes = inverse.astype(np.int32)
        if labels.size and labels[0] == "":
            return codes - 1, tuple(labels[1:].tolist()), np.zeros(count, dtype=bool)
        return codes, tuple(labels.tolist()), np.zeros(count, dtype=bool)
    if array.dtype.kind != "O":
        raise InvalidArgumentError(
            f"{name} must be an array of strings (numpy str or object with None for missing), "
            f"not {array.dtype}"
        )
    bad, texts = _strings_or_none(array)
    missing = np.fromiter((v is None for v in array.tolist()), dtype=bool, count=count)
    labels, inverse = _dictionary(np.array(texts, dtype=str))
    codes = inverse.astype(np.int32)
    keep = ~(missing | bad)
    used = np.flatnonzero(np.bincount(codes[keep], minlength=len(labels)) > 0)
    remap = np.full(len(labels) + 1, MISSING, dtype=np.int32)
    remap[used] = np.arange(len(used), dtype=np.int32)
    codes = np.where(keep, remap[codes], MISSING).astype(np.int32)
    return codes, tuple(labels[used].tolist()), bad


def _instants(values: object, count: int) -> Int:
    array = _column(values, "at", count)
    if array.dtype.kind == "M":
        return array.astype("datetime64[us]").view(np.int64)
    if array.dtype.kind in "iu":
        return array.astype(np.int64)
    raise InvalidArgumentError(
        f"at must be numpy datetime64 UTC instants or int64 microseconds since 1970-01-01T00:00Z,"
        f" not {array.dtype}"
    )


def _statuses(values: object, count: int) -> tuple[Int, npt.NDArray[typing.Any]]:
    array = _column(values, "status", count)
    if array.dtype.kind not in "UO":
        raise InvalidArgumentError(
            f"status must be an array of status values such as 'submitted', not {array.dtype}"
        )
    if array.dtype.kind == "U":  # a status changes on most rows: no runs to gain from
        return _status_codes(array, count), array
    heads, lengths = _runs(array)
    return np.repeat(_status_codes(array[heads], len(heads)), lengths), array


def _status_codes(array: npt.NDArray[typing.Any], count: int) -> Int:
    """:func:`_statuses` on an array (one value a run)."""
    if array.dtype.kind not in "UO":
        raise InvalidArgumentError(
            f"status must be an array of status values such as 'submitted', not {array.dtype}"
        )
    if array.dtype.kind == "U":
        # Ten known values: ten vectorised comparisons beat sorting the strings; the rest
        # stays MISSING (an unknown status).
        codes = np.full(count, MISSING, dtype=np.int64)
        for value, code in _BY_VALUE.items():
            codes[array == value] = code
        return codes
    labels, inverse = _dictionary(array.astype(str))
    lookup = np.array([_BY_VALUE.get(label, MISSING) for label in labels.tolist()], dtype=np.int64)
    codes = lookup[inverse] if labels.size else np.zeros(0, dtype=np.int64)
    if array.dtype.kind == "O":
        members = np.fromiter(
            (_CODE.get(v, MISSING) if isinstance(v, ReportStatus) else MISSING for v in array),
            dtype=np.int64,
            count=count,
        )
        codes = np.where(members >= 0, members, codes)
    return codes.astype(np.int64)


def _report_ids(values: object) -> tuple[Int, Texts]:
    if isinstance(values, tuple):
        rows = len(np.asarray(values[0])) if values else 0
        codes, labels = typing.cast("tuple[Int, Texts]", _coded(values, "report_id", rows))
        # A missing code (-1) reads the blank label appended last: a missing id.
        array = np.array([*labels.tolist(), ""], dtype=str)
        heads, lengths = _runs(codes)
        ids, used = _report_id_values(array[codes[heads]])
        return np.repeat(ids, lengths), used
    array = np.asarray(values)
    if array.ndim != 1:
        raise InvalidArgumentError(f"report_id must be a one-dimensional array, not {array.ndim}-D")
    heads, lengths = _runs(array)
    ids, used = _report_id_values(array[heads])
    return np.repeat(ids, lengths), used


def _report_id_values(array: npt.NDArray[typing.Any]) -> tuple[Int, Texts]:
    """:func:`_report_ids` on an array (one value a run)."""
    if array.dtype.kind == "O":
        bad, texts = _strings_or_none(array)
        bad |= np.fromiter((v is None for v in array.tolist()), dtype=bool, count=len(array))
        array = np.array(texts, dtype=str)
    elif array.dtype.kind == "U":
        bad = np.zeros(len(array), dtype=bool)
    else:
        raise InvalidArgumentError(
            f"report_id must be an array of strings (numpy str or object), not {array.dtype}"
        )
    if array.size > 1 and bool(np.all(array[1:] > array[:-1])):
        # Sorted and distinct already (as a database orders its rows by report id): the
        # values are their own dictionary, with no sort.
        labels, inverse = array, np.arange(array.size, dtype=np.int64)
    else:
        labels, inverse = _dictionary(array)
    blank = np.char.str_len(np.char.strip(labels)) == 0 if labels.size else np.zeros(0, bool)
    codes = inverse.astype(np.int64)
    bad |= blank[codes] if labels.size else bad
    used = np.flatnonzero(np.bincount(codes[~bad], minlength=len(labels)) > 0)
    remap = np.full(len(labels), MISSING, dtype=np.int64)
    remap[used] = np.arange(len(used))
    return np.where(bad, MISSING, remap[codes]), labels[used]


# -- the table ----------------------------------------------------------------------------------

# Set while a constructor that has checked the histories itself builds the table: the rows are
# then not checked twice (the shapes and codes still are).
_BUILT_HERE: contextvars.ContextVar[bool] = contextvars.ContextVar("built_here", default=False)


def _checked(cls: type[EventTable], *columns: object) -> EventTable:
    """Build a table from columns whose histories were checked already."""
    token = _BUILT_HERE.set(True)
    try:
        return cls(*columns)
    finally:
        _BUILT_HERE.reset(token)


@typing.final
@attrs.frozen(eq=False, repr=False)
class EventTable:
    """The histories of many reports as numpy columns, one row per event.

    Make one with :meth:`from_reports` or :meth:`from_columns`. Rows are grouped by report
    (reports in the order of their ids) and, within a report, in history order, so in time
    order: sorted by ``(report, at)``, equal instants keeping the order given. The string
    columns are dictionary-encoded: an integer code per row and a tuple of labels, with
    :data:`MISSING` (-1) for no value. The personal fields of a report (the reporter, the
    description) never enter the table. Every array is read-only; a table pickles with the
    standard pickler and is checked again when loaded.

    Each row carries the report's state *after* its event, like
    :attr:`ReportEvent.status <smartcity.reports.ReportEvent.status>`: its status, the agency
    it was last assigned to, its category, and its ward and district as last located.

    Attributes:
        report_ids: the report ids, one per report, ascending (numpy ``str``).
        report: per row, the report's index into ``report_ids`` (int32).
        at: per row, the instant as integer microseconds since 1970-01-01T00:00Z (int64).
        status: per row, the code of the status into :data:`STATUSES` (int8).
        agency: per row, the code into ``agencies`` (int32; :data:`MISSING` if unassigned).
        category: per row, the code into ``categories`` (int32).
        ward: per row, the code into ``wards`` (int32; :data:`MISSING` if not located).
        district: per row, the code into ``districts`` (int32; :data:`MISSING` if not located).
        agencies: the agency codes, sorted.
        categories: the category codes, sorted.
        wards: the ward codes, sorted.
        districts: the district codes, sorted.

    Raises:
        InvalidEventTableError: rows that do not make legal histories (see :meth:`from_columns`).
    """

    report_ids: Texts = attrs.field(converter=_str_array)
    report: npt.NDArray[np.int32] = attrs.field(converter=_int32_array)
    at: npt.NDArray[np.int64] = attrs.field(converter=_int64_array)
    status: npt.NDArray[np.int8] = attrs.field(converter=_int8_array)
    agency: npt.NDArray[np.int32] = attrs.field(converter=_int32_array)
    category: npt.NDArray[np.int32] = attrs.field(converter=_int32_array)
    ward: npt.NDArray[np.int32] = attrs.field(converter=_int32_array)
    district: npt.NDArray[np.int32] = attrs.field(converter=_int32_array)
    agencies: tuple[str, ...] = attrs.field(converter=_labels)
    categories: tuple[str, ...] = attrs.field(converter=_labels)
    wards: tuple[str, ...] = attrs.field(converter=_labels)
    districts: tuple[str, ...] = attrs.field(converter=_labels)
    _starts: npt.NDArray[np.int64] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Check the shapes and codes, then the histories."""
        count = len(self.report)
        columns = ("at", "status", "agency", "category", "ward", "district")
        for name in columns:
            if getattr(self, name).shape != (count,):
                raise InvalidArgumentError(
                    f"every column needs one value per row: report has {count:,} rows, "
                    f"{name} has shape {getattr(self, name).shape}"
                )
        report = self.report.astype(np.int64)
        if count and (
            report[0] != 0
            or report[-1] != len(self.report_ids) - 1
            or np.any(np.diff(report) < 0)
            or np.any(np.diff(report) > 1)
        ):
            raise InvalidArgumentError(
                "report codes must be grouped, ascending and cover every report id; build the "
                "table with EventTable.from_columns, which sorts and encodes the rows"
            )
        if not count and len(self.report_ids):
            raise InvalidArgumentError("a table without rows has no report ids")
        for name, labels in (
            ("agency", self.agencies),
            ("category", self.categories),
            ("ward", self.wards),
            ("district", self.districts),
        ):
            codes = getattr(self, name)
            if count and (codes.min() < MISSING or codes.max() >= len(labels)):
                raise InvalidArgumentError(
                    f"{name} codes must index the {len(labels)} labels or be {MISSING} (missing)"
                )
        if not _BUILT_HERE.get():
            self._check_histories(report)
        starts = np.flatnonzero(_firsts(report)) if count else np.zeros(0, dtype=np.int64)
        object.__setattr__(self, "_starts", _freeze(np.append(starts, count).astype(np.int64)))

    def _check_histories(self, report: Int) -> None:
        count = len(report)
        status = self.status.astype(np.int64)
        status = np.where((status >= 0) & (status < len(STATUSES)), status, MISSING)
        _check_rows(
            ids=self.report_ids,
            report=report,
            at=self.at,
            status=status,
            rows=np.arange(count, dtype=np.int64),
            raw_status=lambda row: int(self.status[row]),
        )

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def from_columns(
        cls,
        *,
        report_id: object,
        at: object,
        status: object,
        agency: object = None,
        category: object = None,
        ward: object = None,
        district: object = None,
    ) -> EventTable:
        """Build a table from numpy columns a user already has, one value per event.

        The rows of a report are taken in the order given (its history order); reports may be
        interleaved. Each row is the report's state after the event (see the class docs).
        The string columns are encoded one run of equal values at a time, so that rows
        grouped by report (as a database sorts them) cost little beyond their changes.

        Args:
            report_id: the report id of each row (numpy ``str`` or object array of ``str``),
                or already encoded (see ``agency``).
            at: the instant of each row: numpy ``datetime64`` (any unit, read as UTC) or
                integers (microseconds since 1970-01-01T00:00Z).
            status: the status of each row, as its value (``"submitted"``) or a
                :class:`~smartcity.reports.ReportStatus`.
            agency: the agency code of each row, or None for a column of missing values: a
                numpy ``str`` array (``""`` for no agency) or an object array of ``str``
                (``None`` for no agency). So are ``category``, ``ward`` and ``district``.
                Or already dictionary-encoded, as a pair ``(codes, labels)``: integer codes
                into a sequence of ``str`` labels, -1 for no value (a pandas or Arrow
                categorical's codes and categories; a database's foreign keys and their
                table); labels may come in any order, unused or repeated. Encoded columns
                skip the string work, the larger part of building a table.
            category: see ``agency``.
            ward: see ``agency``.
            district: see ``agency``.

        Raises:
            InvalidEventTableError: bad rows, listed by their number in the order given with
                the reason: a missing report id, an unknown status, a missing instant (NaT),
                a report whose first row is not a submission, a row dated before the row
                before it in its report, a status change the lifecycle does not allow
                (:data:`~smartcity.reports.TRANSITIONS`), a label that is not a string.
            InvalidArgumentError: a column of the wrong kind or length.
        """
        report, ids = _report_ids(report_id)
        count = len(report)
        instants = _instants(at, count)
        statuses, raw = _statuses(status, count)
        encoded = {
            name: _encode(values, name, count)
            for name, values in (
                ("agency", agency),
                ("category", category),
                ("ward", ward),
                ("district", district),
            )
        }
        bad_labels = np.zeros(count, dtype=bool)
        for encoding in encoded.values():
            bad_labels |= encoding[2]
        rows = np.arange(count, dtype=np.int64)
        grouped = bool(np.all(report[1:] >= report[:-1])) if count else True
        # Rows already grouped by report (as a database sorts them) need no reordering.
        order: slice | Int = slice(None) if grouped else np.argsort(report, kind="stable")
        _check_rows(
            ids=ids,
            report=report[order],
            at=instants[order],
            status=statuses[order],
            rows=rows[order],
            raw_status=lambda row: (
                raw[row].item() if isinstance(raw[row], np.generic) else raw[row]
            ),
            extra=bad_labels[order],
        )
        return _checked(
            cls,
            _freeze(ids),
            _freeze(report[order].astype(np.int32)),
            _freeze(instants[order]),
            _freeze(statuses[order].astype(np.int8)),
            *(_freeze(encoded[name][0][order]) for name in encoded),
            *(encoded[name][1] for name in encoded),
        )

    @classmethod
    def from_frame(
        cls,
        frame: object,
        *,
        report_id: str = "report_id",
        at: str = "at",
        status: str = "status",
        agency: str | None = "agency",
        category: str | None = "category",
        ward: str | None = "ward",
        district: str | None = "district",
    ) -> EventTable:
        """Build a table from a dataframe's columns: pandas, polars, a pyarrow Table and more.

        The frame is read through `narwhals <https://narwhals-dev.github.io/narwhals/>`_
        (``pip install 'smartcity[frames]'``), in the frame's own library, without converting
        it to another one first; then the columns go to :meth:`from_columns`, with the same
        checks and the same rows-by-number errors. Nulls become missing values: a missing
        report id, instant or status refuses its row; a missing label is :data:`MISSING`.

        Args:
            frame: the events, one row each, in each report's history order.
            report_id: the column of report ids (strings).
            at: the column of instants: timestamps with a time zone, in any unit, read to the
                microsecond. Naive timestamps are refused: they name no instant.
            status: the column of status values such as ``"submitted"`` (strings).
            agency: the column of agency codes (strings), or None for none. Categorical
                string columns (pandas ``category``, polars ``Categorical`` or ``Enum``, Arrow
                dictionaries) are read by their codes, without a string per row.
            category: see ``agency``.
            ward: see ``agency``.
            district: see ``agency``. A label column absent from the frame at its default
                name is read as missing values; a name given otherwise must exist.

        Raises:
            MissingDependencyError: narwhals is not installed.
            InvalidEventTableError: bad rows (see :meth:`from_columns`).
            InvalidArgumentError: not a dataframe, a column absent or of the wrong type,
                naive timestamps.
        """
        from smartcity.columnar._frames import frame_columns  # noqa: PLC0415 - optional extra

        names = {
            "report_id": report_id,
            "at": at,
            "status": status,
            "agency": agency,
            "category": category,
            "ward": ward,
            "district": district,
        }
        for argument, name in names.items():
            if name is not None or argument not in {"agency", "category", "ward", "district"}:
                text(name, argument)
        columns = frame_columns(frame, names)
        return cls.from_columns(**columns)

    @classmethod
    def from_reports(cls, reports: Iterable[Report]) -> EventTable:
        """Build a table from :class:`~smartcity.reports.Report` values (their whole histories).

        Raises:
            InvalidReportError: two reports with the same id.
            InvalidArgumentError: something that is not a Report.
        """
        chosen = [instance(report, Report, "reports[]") for report in reports]
        by_id = {report.report_id: report for report in chosen}
        if len(by_id) != len(chosen):
            counted = collections.Counter(report.report_id for report in chosen)
            twice = next(report_id for report_id, times in counted.items() if times > 1)
            raise InvalidReportError(
                f"report {twice} is given twice; give each report once, with its whole history"
            )
        ids = sorted(by_id)
        columns: dict[str, list[int]] = {name: [] for name in ("report", "at", "status")}
        dictionaries: dict[str, dict[str, int]] = {
            name: {} for name in ("agency", "category", "ward", "district")
        }
        codes: dict[str, list[int]] = {name: [] for name in dictionaries}
        located = EventKind.LOCATED
        status_code = _CODE
        for number, report_id in enumerate(ids):
            report = by_id[report_id]
            category: str | None = report.submission.category
            agency = ward = district = None
            for event in report.history:
                columns["report"].append(number)
                columns["at"].append(to_us(event.at) - UNIX_EPOCH_US)
                columns["status"].append(status_code[event.status])
                if event.category is not None:
                    category = event.category
                if event.agency is not None:
                    agency = event.agency
                if event.kind is located:
                    ward, district = event.ward, event.district
                for name, label in (
                    ("agency", agency),
                    ("category", category),
                    ("ward", ward),
                    ("district", district),
                ):
                    codes[name].append(
                        MISSING
                        if label is None
                        else dictionaries[name].setdefault(label, len(dictionaries[name]))
                    )
        labels = {}
        sorted_codes = {}
        for name, dictionary in dictionaries.items():
            ordered = sorted(dictionary)
            remap = np.empty(len(ordered) + 1, dtype=np.int32)
            remap[[dictionary[label] for label in ordered]] = np.arange(len(ordered))
            remap[-1] = MISSING
            labels[name] = tuple(ordered)
            sorted_codes[name] = _freeze(remap[np.array(codes[name], dtype=np.int64)])
        return _checked(
            cls,
            _freeze(np.array(ids, dtype=str)),
            _freeze(np.array(columns["report"], dtype=np.int32)),
            _freeze(np.array(columns["at"], dtype=np.int64)),
            _freeze(np.array(columns["status"], dtype=np.int8)),
            *(sorted_codes[name] for name in dictionaries),
            *(labels[name] for name in dictionaries),
        )

    # -- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of rows (events)."""
        return len(self.report)

    def __repr__(self) -> str:
        """Summarise: counts, not contents."""
        return f"EventTable({len(self):,} events of {self.report_count:,} reports)"

    def __eq__(self, other: object) -> bool:
        """Tables are equal when every column and every label is."""
        if not isinstance(other, EventTable):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, name), getattr(other, name))
            for name in ("report_ids", "report", "at", "status", "agency", "category", "ward")
        ) and (
            np.array_equal(self.district, other.district)
            and (self.agencies, self.categories, self.wards, self.districts)
            == (other.agencies, other.categories, other.wards, other.districts)
        )

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[EventTable], tuple[object, ...]]:
        """Pickle the columns; loading builds (and checks) the table again, read-only."""
        return (
            EventTable,
            (
                self.report_ids,
                self.report,
                self.at,
                self.status,
                self.agency,
                self.category,
                self.ward,
                self.district,
                self.agencies,
                self.categories,
                self.wards,
                self.districts,
            ),
        )

    @property
    def report_count(self) -> int:
        """The number of reports."""
        return len(self.report_ids)

    @property
    def starts(self) -> npt.NDArray[np.int64]:
        """The first row of each report, then the number of rows (``report_count + 1`` values).

        The rows of report ``i`` are ``starts[i]:starts[i + 1]``.
        """
        return self._starts

    @property
    def nbytes(self) -> int:
        """The bytes the columns take (the label tuples, a few per city, left out)."""
        return sum(
            int(getattr(self, name).nbytes)
            for name in ("report_ids", "report", "at", "status", "agency", "category", "ward")
        ) + int(self.district.nbytes + self._starts.nbytes)

    def instants(self) -> npt.NDArray[np.datetime64]:
        """The ``at`` column as numpy ``datetime64[us]`` (UTC)."""
        return self.at.view("datetime64[us]")

    def statuses(self) -> tuple[ReportStatus, ...]:
        """The status of each row, as :class:`~smartcity.reports.ReportStatus` members."""
        return tuple(STATUSES[code] for code in self.status.tolist())

    def latest(self, column: str) -> npt.NDArray[np.int32]:
        """Return, per report, a column's code at its last row (its status or agency now).

        Args:
            column: ``"status"``, ``"agency"``, ``"category"``, ``"ward"`` or ``"district"``.
        """
        if column not in {"status", "agency", "category", "ward", "district"}:
            raise InvalidArgumentError(
                f"column must be status, agency, category, ward or district, not {shown(column)}"
            )
        values: npt.NDArray[np.int32] = getattr(self, column)
        return _freeze(values[self._starts[1:] - 1])

    def submitted_at(self) -> npt.NDArray[np.int64]:
        """Per report, the instant of its first row (µs since 1970-01-01T00:00Z)."""
        return _freeze(self.at[self._starts[:-1]])


def unix_us(instant: dt.datetime) -> int:
    """Return an aware datetime as microseconds since 1970-01-01T00:00Z."""
    return to_us(instant) - UNIX_EPOCH_US
