"""Reports in SQLite through the standard library: one row per report, as smartcity JSON."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from smartcity.reports import Report
from smartcity.serialization import from_dict, to_dict

__all__ = ["ReportStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_requested_at ON reports (requested_at);
CREATE INDEX IF NOT EXISTS reports_by_updated_at ON reports (updated_at);
"""


def _utc(instant: dt.datetime) -> str:
    """An instant as UTC ISO 8601 text, which sorts as the instants do."""
    return instant.astimezone(dt.UTC).isoformat(timespec="microseconds")


class ReportStore:
    """The server's reports, one SQLite row each.

    The ``data`` column holds :func:`smartcity.serialization.to_dict` JSON, the whole report
    (its reporter included: the database is private, only the Open311 answers are public).
    ``report_id`` is unique; ``service_code``, ``status``, ``requested_at`` and ``updated_at``
    (UTC, so they sort) are copies for a person or a tool looking at the table, with indexes
    on the two instants. The Open311 queries themselves are answered by
    :mod:`smartcity.open311` over the reports read back, so there is one set of rules.

    One connection serves every thread of the server, one operation at a time: a
    :meth:`transaction` holds it for a read-change-write.
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        """Open (and create if needed) the database at ``path``; ``":memory:"`` keeps none."""
        self._lock = threading.RLock()
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        with self._lock:
            self._connection.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._connection.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the database for one read-change-write; roll back if it raises."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def next_id(self, prefix: str) -> str:
        """A report id not given yet: ``prefix`` and a six-digit sequence number."""
        with self._lock:
            (last,) = self._connection.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM reports"
            ).fetchone()
        return f"{prefix}{int(last) + 1:06d}"

    def save(self, report: Report) -> None:
        """Store a new report, or replace the stored one with the same id."""
        row = (
            report.report_id,
            report.category,
            report.status.value,
            _utc(report.submitted_at),
            _utc(report.updated_at),
            json.dumps(to_dict(report), ensure_ascii=False),
        )
        with self._lock:
            self._connection.execute(
                "INSERT INTO reports (report_id, service_code, status, requested_at, updated_at, "
                "data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) DO UPDATE SET "
                "service_code = excluded.service_code, status = excluded.status, "
                "requested_at = excluded.requested_at, updated_at = excluded.updated_at, "
                "data = excluded.data",
                row,
            )

    def get(self, report_id: str) -> Report | None:
        """The report with this id, or None."""
        with self._lock:
            row = self._connection.execute(
                "SELECT data FROM reports WHERE report_id = ?", (report_id,)
            ).fetchone()
        return None if row is None else _read(row[0])

    def all(self) -> list[Report]:
        """Every report, in the order they were stored."""
        with self._lock:
            rows = self._connection.execute("SELECT data FROM reports ORDER BY seq").fetchall()
        return [_read(data) for (data,) in rows]


def _read(data: str) -> Report:
    return from_dict(Report, json.loads(data))
