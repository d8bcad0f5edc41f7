"""Reading a figure back (its texts, its artists by gid), and small reports to draw."""

from __future__ import annotations

import datetime as dt

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text

from smartcity.geo import GeoPoint
from smartcity.reports import Report

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 6, 30, 16, tzinfo=WIB)


def tiny_report(number: int, ward_index: int, *, category: str = "road", day: int = 1) -> Report:
    """A report in the middle of the tiny map's ward ``ward_index`` (or outside for -1)."""
    lon = 110.405 + 0.01 * ward_index if ward_index >= 0 else 111.0
    return Report.submit(
        f"R{number:06d}",
        category=category,
        at=dt.datetime(2025, 1, day, 9, tzinfo=WIB),
        location=GeoPoint(-6.995, lon),
    )


def texts(figure: Figure) -> list[str]:
    """Every text of the figure: titles, labels, tick labels, legends, annotations."""
    figure.draw_without_rendering()  # tick labels and legends are laid out once drawn
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def by_gid(figure: Figure, prefix: str) -> list[Artist]:
    """The artists whose gid starts with ``prefix``."""
    return [a for a in figure.findobj() if (a.get_gid() or "").startswith(prefix)]


def labels(figure: Figure) -> dict[str, list[str]]:
    """The titles and axis labels of every axes, and the figure's title."""
    found: dict[str, list[str]] = {"title": [], "x": [], "y": []}
    for axes in figure.axes:
        found["title"].extend(t for t in (axes.get_title(), axes.get_title("left")) if t)
        found["x"].append(axes.get_xlabel())
        found["y"].append(axes.get_ylabel())
    if figure._suptitle is not None:
        found["title"].append(figure._suptitle.get_text())
    return found
