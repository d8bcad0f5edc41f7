"""A time zone as a list of UTC-offset changes, for integer arithmetic on instants.

The calendar computes with instants as integer microseconds (see ``_timeline``). To turn local
wall-clock times into instants without calling the zone for every day, it needs the instants at
which the zone's UTC offset changes. ``zoneinfo`` does not expose them, so they are found once
per zone by sampling the offset every week over the supported years and bisecting each change to
the microsecond. The result is cached: the zone database does not change while a program runs.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_right

import attrs
import pendulum

DAY_US = 86_400_000_000
UNIX_EPOCH_DAYS = 719_162
"""1970-01-01 as a day index (``date.toordinal() - 1``): numpy's ``datetime64`` counts from it."""
UNIX_EPOCH_US = UNIX_EPOCH_DAYS * DAY_US
"""1970-01-01T00:00Z on the :func:`to_us` scale."""
SECOND_US = 1_000_000
_UTC = dt.UTC
_EPOCH = dt.datetime(1, 1, 1, tzinfo=_UTC)

# The years the library computes with. Beyond them the zone rules are guesses anyway, and a
# complaint desk has no business there; a question outside raises CalendarCoverageError.
FIRST_SUPPORTED = dt.date(1900, 1, 1)
LAST_SUPPORTED = dt.date(2199, 12, 31)


def to_us(instant: dt.datetime) -> int:
    """Return an aware datetime as integer microseconds since 0001-01-01T00:00Z."""
    # datetime's own subtraction: pendulum.DateTime's returns an Interval with other fields.
    delta = dt.datetime.__sub__(instant, _EPOCH)
    return (delta.days * 86_400 + delta.seconds) * SECOND_US + delta.microseconds


def utc_from_us(us: int) -> dt.datetime:
    """Return the UTC datetime of an integer microsecond instant."""
    return _EPOCH + dt.timedelta(microseconds=us)


@attrs.frozen
class ZoneOffsets:
    """The UTC offset of one zone as a step function of the instant (and of the local day).

    Attributes:
        changes: instants (µs) at which the offset changes, ascending.
        offsets: ``offsets[i]`` is the offset (µs) in force before ``changes[i]``; the last one
            is in force after the last change. ``len(offsets) == len(changes) + 1``.
        change_days: for each change, the local date ordinals it touches (the day before and the
            day after the change, which differ only for a change at midnight), ascending.
        day_offsets: the offset in force on a local day that has no change, found by bisecting
            ``change_days_last`` (the last local day each change touches).
    """

    changes: tuple[int, ...]
    offsets: tuple[int, ...]
    change_days: frozenset[int]
    change_days_last: tuple[int, ...]

    @property
    def fixed(self) -> bool:
        """Whether the offset never changes over the supported years."""
        return not self.changes

    def offset_at(self, us: int) -> int:
        """Return the UTC offset (µs) in force at instant ``us``."""
        if not self.changes:
            return self.offsets[0]
        return self.offsets[bisect_right(self.changes, us)]

    def day_offset(self, ordinal: int) -> int:
        """Return the offset of a local day on which the offset does not change."""
        if not self.changes:
            return self.offsets[0]
        return self.offsets[bisect_right(self.change_days_last, ordinal)]

    def resolve(self, wall: int) -> int:
        """Return the first instant whose local wall-clock time is at or after ``wall``.

        ``wall`` is local wall-clock microseconds on the same scale as :func:`to_us`. A time
        that occurs twice (the offset falls back) resolves to its first occurrence; a time that
        never occurs (the offset jumps forward over it) resolves to the instant of the jump.
        So the result is monotone in ``wall`` and never raises.
        """
        if not self.changes:
            return wall - self.offsets[0]
        # Only the offsets in force within a day of `wall` can matter.
        lo = bisect_right(self.changes, wall - 2 * DAY_US)
        hi = bisect_right(self.changes, wall + 2 * DAY_US)
        best: int | None = None
        for i in range(lo, hi + 1):
            offset = self.offsets[i]
            candidate = wall - offset
            if self.offset_at(candidate) == offset and (best is None or candidate < best):
                best = candidate
            if i < hi:
                change = self.changes[i]
                before, after = self.offsets[i], self.offsets[i + 1]
                # A forward jump skips the wall times [change+before, change+after).
                if change + before <= wall < change + after and (best is None or change < best):
                    best = change
        if best is None:  # pragma: no cover - every wall time either occurs or is skipped
            best = wall - self.offset_at(wall - self.offsets[lo])
        return best


def _offset_us(zone: dt.tzinfo, us: int) -> int:
    utc = utc_from_us(us)
    offset = utc.astimezone(zone).utcoffset()
    if offset is None:  # pragma: no cover - a zone always has an offset for an aware instant
        return 0
    return (offset.days * 86_400 + offset.seconds) * SECOND_US + offset.microseconds


@functools.cache
def zone_offsets(name: str) -> ZoneOffsets:
    """Return the offset changes of the IANA zone ``name`` over the supported years."""
    zone = pendulum.timezone(name)
    # Detect changes cheaply on weekly wall-clock samples (0.2 µs each), then bisect each
    # change to the microsecond on exact instants.
    week = dt.timedelta(days=7)
    wall = dt.datetime.combine(FIRST_SUPPORTED, dt.time()) - week
    last_wall = dt.datetime.combine(LAST_SUPPORTED, dt.time()) + week
    changes: list[int] = []
    offsets = [_offset_us(zone, to_us(wall.replace(tzinfo=_UTC)) - DAY_US)]
    sampled = zone.utcoffset(wall)
    while wall < last_wall:
        previous_wall = wall
        wall += week
        offset = zone.utcoffset(wall)
        if offset == sampled:
            continue
        sampled = offset
        # The change lies between these two instants (a day of margin for the offsets).
        a = to_us(previous_wall.replace(tzinfo=_UTC)) - DAY_US
        b = to_us(wall.replace(tzinfo=_UTC)) + DAY_US
        if _offset_us(zone, b) == offsets[-1]:  # pragma: no cover - a change undone in a week
            continue
        while b - a > 1:
            mid = (a + b) // 2
            if _offset_us(zone, mid) == offsets[-1]:
                a = mid
            else:
                b = mid
        changes.append(b)
        offsets.append(_offset_us(zone, b))
    change_days: set[int] = set()
    change_days_last: list[int] = []
    for i, change in enumerate(changes):
        day_before = (change - 1 + offsets[i]) // DAY_US
        day_after = (change + offsets[i + 1]) // DAY_US
        change_days.update(range(min(day_before, day_after), max(day_before, day_after) + 1))
        change_days_last.append(max(day_before, day_after))
    return ZoneOffsets(
        changes=tuple(changes),
        offsets=tuple(offsets),
        change_days=frozenset(change_days),
        change_days_last=tuple(change_days_last),
    )
