"""Reading a figure back: its texts, its artists by gid."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text


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
    if figure._suptitle is not None:  # noqa: SLF001 - no public getter
        found["title"].append(figure._suptitle.get_text())
    return found
