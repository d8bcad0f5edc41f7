"""What the Open311 functions share: the output datetime format, the languages, the wording."""

from __future__ import annotations

import datetime as dt
import typing

from smartcity import _checks
from smartcity.exceptions import InvalidOptionError
from smartcity.reports import ReportStatus
from smartcity.routing import Category
from smartcity.sla import WorkingDays, WorkingDuration

__all__ = [
    "Language",
    "category_name",
    "check_language",
    "label",
    "referral_notice",
    "target_notice",
    "w3c",
]

Language = typing.Literal["id", "en"]
"""The languages the city's names and labels exist in: Indonesian and English."""

_LANGUAGES: typing.Final = ("id", "en")


def check_language(language: object) -> Language:
    """Return ``language`` if it is ``"id"`` or ``"en"``."""
    if language not in _LANGUAGES:
        raise InvalidOptionError(
            f"language must be 'id' (Indonesian) or 'en' (English), not {_checks.shown(language)}"
        )
    return language


def w3c(value: dt.datetime) -> str:
    """Return an instant as Open311 writes it: ISO 8601 to the second, with its UTC offset.

    The offset is the one the datetime has (the zone it was recorded in); fractions of a
    second are dropped, as in the specification's examples (``2010-04-14T06:37:38-08:00``).
    """
    _checks.aware_datetime(value, "a datetime to publish")
    # datetime's own isoformat: pendulum's subclass formats differently.
    return dt.datetime.isoformat(value, timespec="seconds")


def category_name(category: Category, language: Language) -> str:
    """The category's name in ``language``."""
    return category.name_id if language == "id" else category.name_en


def label(status: ReportStatus, language: Language) -> str:
    """The status's label in ``language``."""
    return status.label_id if language == "id" else status.label_en


def referral_notice(authority: str, language: Language) -> str:
    """What happens to a report that is not the city's to handle."""
    if language == "id":
        return f"Bukan wewenang Pemerintah Kota: laporan diteruskan ke {authority}."
    return f"Not the city's responsibility: reports are referred to {authority}."


def target_notice(target: WorkingDays | WorkingDuration, language: Language) -> str:
    """The city's promise for a report, in words."""
    if isinstance(target, WorkingDays):
        if language == "id":
            return f"Ditindaklanjuti dalam {target.n} hari kerja."
        return f"Followed up within {target}."
    hours = target.duration / dt.timedelta(hours=1)
    if language == "id":
        return f"Ditindaklanjuti dalam {hours:g} jam kerja."
    return f"Followed up within {hours:g} working hours."
