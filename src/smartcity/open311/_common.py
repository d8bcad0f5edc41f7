"""What the Open311 functions share: the output datetime format, the languages, the wording."""

from __future__ import annotations

import datetime as dt
import re
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
    "parse_w3c",
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
    """Return an instant as Open311 writes it: ``YYYY-MM-DDThh:mm:ss+hh:mm`` (W3C profile).

    The offset is the one the datetime has (the zone it was recorded in); fractions of a
    second are dropped, as in the specification's examples (``2010-04-14T06:37:38-08:00``).
    The W3C profile has no seconds in an offset: a zone whose offset has some (local mean
    time before 1924 in Jakarta was +07:07:12) is written with the offset rounded to the
    nearest minute, and the wall time shifted to match, so the instant is kept to the second.
    """
    _checks.aware_datetime(value, "a datetime to publish")
    offset = typing.cast("dt.timedelta", value.utcoffset())
    if offset % _MINUTE:
        minutes = round(offset / _MINUTE)
        value = value.astimezone(dt.timezone(minutes * _MINUTE))
    # datetime's own isoformat: pendulum's subclass formats differently.
    return dt.datetime.isoformat(value, timespec="seconds")


_MINUTE: typing.Final = dt.timedelta(minutes=1)
_W3C: typing.Final = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})", re.ASCII
)


def parse_w3c(value: str) -> dt.datetime | None:
    """Return the instant of a W3C datetime with its offset, or None if it is not one.

    Accepted: ``YYYY-MM-DDThh:mm[:ss[.s]]`` followed by ``Z`` or ``+hh:mm``/``-hh:mm``, as
    FixMyStreet's ``DateTime::Format::W3CDTF`` writes them. A date alone or a time without an
    offset is refused: it names no instant.
    """
    if len(value) > _MAX_W3C or not _W3C.fullmatch(value):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    # Years 1 and 9999 are refused: a window of 90 days around them would leave the calendar.
    return parsed if 1 < parsed.year < 9999 else None


_MAX_W3C: typing.Final = 40


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
