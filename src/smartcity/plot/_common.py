"""What every figure shares: the lazy matplotlib import, the words, the palettes, the numbers.

matplotlib is imported when a figure is first drawn, never when `smartcity` is imported, and
only its object-oriented API is used: a :class:`matplotlib.figure.Figure` made directly, never
through ``pyplot``, so no backend is chosen, no GUI is touched and nothing global changes.
"""

from __future__ import annotations

import datetime as dt
import typing

import babel.dates
import babel.numbers

from smartcity.exceptions import MissingDependencyError
from smartcity.sla._explain import Language, _language, _locale

if typing.TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "GREY",
    "NO_DATA",
    "OKABE_ITO",
    "Language",
    "checked_language",
    "empty_figure",
    "month_label",
    "new_figure",
    "number",
    "percent",
    "word",
]

OKABE_ITO: typing.Final = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
"""The Okabe-Ito palette: eight colours told apart with every common colour-vision deficiency."""

GREY: typing.Final = "#BBBBBB"
"""Grey for what is not a value (a sample too small, a closed day)."""

NO_DATA: typing.Final = "#FFFFFF"
"""White for what has nothing at all (no reports)."""

_WORDS: typing.Final[dict[str, dict[str, str]]] = {
    "id": {
        "empty": "Tidak ada data untuk digambar",
        "no_reports": "Tidak ada laporan",
        "agency": "Instansi",
        "category": "Kategori",
        "class": "Kelas pengaduan",
        "district": "Kecamatan",
        "ward": "Kelurahan",
        "month": "Bulan",
        "year": "Tahun",
        "as_of": "per {at}",
    },
    "en": {
        "empty": "Nothing to draw",
        "no_reports": "No reports",
        "agency": "Agency",
        "category": "Category",
        "class": "Complaint class",
        "district": "District (kecamatan)",
        "ward": "Ward (kelurahan)",
        "month": "Month",
        "year": "Year",
        "as_of": "as of {at}",
    },
}


def checked_language(language: object) -> Language:
    """Return ``"id"`` or ``"en"``; anything else raises InvalidOptionError."""
    return _language(language)


def word(language: Language, key: str, **values: object) -> str:
    """A word or phrase shared by the figures, in ``language``."""
    return _WORDS[language][key].format(**values)


def number(value: float, language: Language) -> str:
    """``2.537`` / ``2,537``: a count as the language writes it (CLDR, via Babel)."""
    return babel.numbers.format_decimal(value, locale=_locale(language))


def percent(value: float, language: Language) -> str:
    """``83%``: a rate as the language writes it."""
    return babel.numbers.format_percent(value, locale=_locale(language))


def month_label(month: str, language: Language) -> str:
    """``Apr 2025``: a ``YYYY-MM`` month of the statistics, written in the language."""
    try:
        year, number_ = (int(part) for part in month.split("-"))
        first = dt.date(year, number_, 1)
    except ValueError:
        return month  # "unknown", or a value the statistics did not make
    return babel.dates.format_skeleton("yMMM", first, locale=_locale(language))


def new_figure(width: float, height: float) -> Figure:
    """Return a new, unattached matplotlib Figure (constrained layout), size in inches.

    Raises:
        MissingDependencyError: matplotlib is not installed.
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - an optional extra, loaded late
    except ImportError as error:
        raise MissingDependencyError(
            "smartcity.plot draws with matplotlib, which is not installed; install the extra: "
            "pip install 'smartcity[plot]'",
            name="matplotlib",
        ) from error
    return Figure(figsize=(width, height), layout="constrained")


def empty_figure(title: str, language: Language, *, xlabel: str, ylabel: str) -> Figure:
    """Return a figure that says there is nothing to draw, with its title and axis labels."""
    figure = new_figure(6.4, 3.6)
    axes: Axes = figure.add_subplot()
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.text(
        0.5,
        0.5,
        word(language, "empty"),
        ha="center",
        va="center",
        transform=axes.transAxes,
        gid="empty",
    )
    return figure
