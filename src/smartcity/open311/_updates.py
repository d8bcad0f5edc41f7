"""The update stream of mySociety's Open311 extension (``GET servicerequestupdates``)."""

from __future__ import annotations

import datetime as dt

from smartcity import _checks
from smartcity.open311._common import Language, check_language, label, w3c
from smartcity.open311._statuses import external_status_code
from smartcity.reports import EventKind, Report, ReportStatus

__all__ = ["service_request_updates"]


def service_request_updates(
    report: Report, *, since: dt.datetime | None = None, language: Language = "id"
) -> list[dict[str, object]]:
    """Return the public updates of a report, oldest first, as mySociety's extension has them.

    One update per status change and per note of the history (the submission itself, the
    placing in a ward and a recategorization are not updates). Each has ``update_id``
    (``"{report_id}/{n}"``, ``n`` the event's position in the history: stable, since a
    history only grows), ``service_request_id``, ``status`` (``open`` or ``closed`` after the
    update), ``updated_datetime``, ``description`` (the event's note, or else the new status's
    label in ``language``), ``media_url`` (null: events carry no media) and
    ``external_status_code``, the extended status of :func:`external_status_code` (a note
    repeats the code of the status it was written in). No personal data: the reporter is not
    read.

    Args:
        report: the report.
        since: only updates at or after this instant (aware); pollers pass the latest
            ``updated_datetime`` they saw and drop the ``update_id`` values they have, since
            several events may share an instant.
        language: ``"id"`` (default) or ``"en"`` for the labels.

    Returns:
        A list of dicts, ready for ``json.dumps``.

    Raises:
        NaiveDatetimeError: ``since`` has no time zone.
        InvalidArgumentError: ``report`` is not a Report, or ``since`` is not a datetime.
        InvalidOptionError: another language.
    """
    _checks.instance(report, Report, "report")
    language = check_language(language)
    if since is not None:
        _checks.aware_datetime(since, "since")
    updates: list[dict[str, object]] = []
    status: ReportStatus = report.history[0].status
    code = external_status_code(status)
    for number, event in enumerate(report.history[1:], start=1):
        if event.kind is EventKind.STATUS_CHANGED:
            code = external_status_code(event.status, previous=status)
            status = event.status
        elif event.kind is not EventKind.NOTED:
            continue
        if since is not None and event.at < since:
            continue
        updates.append(
            {
                "update_id": f"{report.report_id}/{number}",
                "service_request_id": report.report_id,
                "status": event.status.open311,
                "updated_datetime": w3c(event.at),
                "description": event.note if event.note is not None else label(status, language),
                "media_url": None,
                "external_status_code": code,
            }
        )
    return updates
