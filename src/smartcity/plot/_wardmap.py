"""The ward map: reports per kelurahan as a choropleth, district borders over it."""

from __future__ import annotations

import datetime as dt
import math
import typing
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import shapely

from smartcity._checks import aware_datetime, instance, optional_text, whole_number
from smartcity.exceptions import InvalidOptionError
from smartcity.geo import WardMap
from smartcity.plot._common import (
    GREY,
    Language,
    checked_language,
    new_figure,
    number,
    word,
)
from smartcity.reports import Report
from smartcity.sla._clock import each

if typing.TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.path import Path

__all__ = ["class_breaks", "ward_counts", "ward_map"]

_WORDS: typing.Final = {
    "id": {
        "title": "Laporan per kelurahan",
        "x": "Bujur (°BT)",
        "y": "Lintang (°)",
        "legend": "Laporan",
        "border": "Batas kecamatan",
        "counted": "{n} laporan dipetakan",
        "unplaced": "{n} tanpa lokasi atau di luar kelurahan",
        "category": "kategori {category}",
        "from": "sejak {start}",
        "until": "sebelum {end}",
    },
    "en": {
        "title": "Reports per ward (kelurahan)",
        "x": "Longitude (°E)",
        "y": "Latitude (°)",
        "legend": "Reports",
        "border": "District border",
        "counted": "{n} reports mapped",
        "unplaced": "{n} without a location or outside the wards",
        "category": "category {category}",
        "from": "from {start}",
        "until": "before {end}",
    },
}

MAX_CLASSES: typing.Final = 9
"""The most classes a choropleth legend shows (more cannot be told apart)."""


def ward_counts(
    reports: Iterable[Report],
    wards: WardMap,
    *,
    category: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> tuple[dict[str, int], int]:
    """Count the reports in each ward of ``wards`` by their location (``WardMap.locate_many``).

    Returns:
        ``(counts, unplaced)``: the count of every ward of the map (0 included), and how many
        of the reports kept by the filters have no location or lie in no ward.
    """
    instance(wards, WardMap, "wards")
    category = optional_text(category, "category")
    if start is not None:
        aware_datetime(start, "start")
    if end is not None:
        aware_datetime(end, "end")
    if start is not None and end is not None and end <= start:
        raise InvalidOptionError(
            f"the period is empty: end {end.isoformat()} is not after start "
            f"{start.isoformat()}; give an end after the start"
        )
    lats: list[float] = []
    lons: list[float] = []
    unplaced = 0
    for report in each(reports, Report, "reports"):
        if category is not None and report.category != category:
            continue
        submitted = report.submitted_at
        if (start is not None and submitted < start) or (end is not None and submitted >= end):
            continue
        location = report.location
        if location is None:
            unplaced += 1
            continue
        lats.append(location.lat)
        lons.append(location.lon)
    counts = dict.fromkeys(wards, 0)
    if lats:
        codes = wards.locate_many(np.asarray(lats), np.asarray(lons))
        placed = codes[codes != None]  # noqa: E711 - numpy compares element-wise
        unplaced += len(codes) - len(placed)
        found, how_many = np.unique(placed.astype(str), return_counts=True)
        for code, count in zip(found.tolist(), how_many.tolist(), strict=True):
            counts[code] = count
    return counts, unplaced


def class_breaks(counts: Iterable[int], *, classes: int = 5) -> tuple[int, ...]:
    """Return the upper bounds of the classes of a choropleth of counts (quantile breaks).

    Class ``i`` holds the counts above bound ``i - 1`` and up to bound ``i``; the first class
    starts at the smallest count. Equal quantiles merge, so there may be fewer classes.
    """
    classes = whole_number(
        classes, "classes", error=InvalidOptionError, minimum=1, maximum=MAX_CLASSES
    )
    values = np.asarray(list(counts), dtype=np.int64)
    if values.size == 0:
        return ()
    quantiles = np.quantile(values, np.linspace(0, 1, classes + 1)[1:], method="higher")
    return tuple(int(bound) for bound in np.unique(quantiles))


def _ring_path(polygon: shapely.Polygon, path_class: type[Path]) -> Path:
    rings = [polygon.exterior, *polygon.interiors]
    vertices: list[npt.NDArray[np.float64]] = []
    codes: list[npt.NDArray[np.uint8]] = []
    for ring in rings:
        coords = shapely.get_coordinates(ring)
        ring_codes = np.full(len(coords), path_class.LINETO, dtype=np.uint8)
        ring_codes[0] = path_class.MOVETO
        ring_codes[-1] = path_class.CLOSEPOLY
        vertices.append(coords)
        codes.append(ring_codes)
    return path_class(np.concatenate(vertices), np.concatenate(codes))


def _area_path(geometry: shapely.Polygon | shapely.MultiPolygon, path_class: type[Path]) -> Path:
    parts = [_ring_path(part, path_class) for part in shapely.get_parts(geometry)]
    return parts[0] if len(parts) == 1 else path_class.make_compound_path(*parts)


def _subtitle(
    language: Language,
    *,
    counted: int,
    unplaced: int,
    category: str | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> str:
    words = _WORDS[language]
    parts = [words["counted"].format(n=number(counted, language))]
    if unplaced:
        parts.append(words["unplaced"].format(n=number(unplaced, language)))
    if category is not None:
        parts.append(words["category"].format(category=category))
    if start is not None:
        parts.append(words["from"].format(start=start.isoformat(timespec="minutes")))
    if end is not None:
        parts.append(words["until"].format(end=end.isoformat(timespec="minutes")))
    return "; ".join(parts)


def ward_map(
    reports: Iterable[Report],
    wards: WardMap,
    *,
    language: str = "en",
    category: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    classes: int = 5,
) -> Figure:
    """Draw the reports per kelurahan as a choropleth, with the district borders over it.

    Each report is placed by its location with :meth:`WardMap.locate_many
    <smartcity.geo.WardMap.locate_many>` (reports without a location, or outside every ward,
    are counted in the subtitle, not on the map). Every ward of the map is drawn once, coloured
    by its class (quantile breaks, viridis); the legend gives the classes' ranges. With no
    report at all, every ward is drawn in grey and the legend says so.

    Args:
        reports: the reports.
        wards: the ward map whose wards are drawn.
        language: ``"id"`` or ``"en"``, for the title, the labels and the numbers.
        category: count only the reports of this category.
        start: count only the reports submitted at or after this instant (aware).
        end: count only the reports submitted before this instant (aware).
        classes: the most classes to colour, from 1 to 9.

    Returns:
        A new :class:`matplotlib.figure.Figure`; save it with ``figure.savefig(...)``.

    Raises:
        MissingDependencyError: matplotlib is not installed (``pip install 'smartcity[plot]'``).
        InvalidArgumentError: an argument of the wrong type.
        NaiveDatetimeError: ``start`` or ``end`` without a time zone.
        InvalidOptionError: another language, an end not after the start, ``classes`` out of
            range.
    """
    lang = checked_language(language)
    classes = whole_number(
        classes, "classes", error=InvalidOptionError, minimum=1, maximum=MAX_CLASSES
    )
    counts, unplaced = ward_counts(reports, wards, category=category, start=start, end=end)
    figure = new_figure(9.0, 6.4)

    from matplotlib import colormaps  # noqa: PLC0415 - loaded with the figure
    from matplotlib.collections import LineCollection, PatchCollection  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch, PathPatch  # noqa: PLC0415
    from matplotlib.path import Path  # noqa: PLC0415

    words = _WORDS[lang]
    codes = list(wards)
    values = np.array([counts[code] for code in codes], dtype=np.int64)
    total = int(values.sum())
    axes = figure.add_subplot()
    if total:
        bounds = class_breaks(values, classes=classes)
        palette = colormaps["viridis"].resampled(len(bounds))
        colours = [palette(i) for i in range(len(bounds))]
        index = np.searchsorted(np.asarray(bounds), values, side="left")
        faces = [colours[i] for i in index]
        lows = [int(values.min()), *(bound + 1 for bound in bounds[:-1])]
        handles: list[Patch | Line2D] = [
            Patch(
                facecolor=colour,
                edgecolor="white",
                label=number(low, lang)
                if low == high
                else f"{number(low, lang)}\N{EN DASH}{number(high, lang)}",
            )
            for colour, low, high in zip(colours, lows, bounds, strict=True)
        ]
    else:
        faces = [GREY] * len(codes)
        handles = [Patch(facecolor=GREY, edgecolor="white", label=word(lang, "no_reports"))]
    patches = [PathPatch(_area_path(wards[code].geometry, Path)) for code in codes]
    collection = PatchCollection(
        patches, facecolors=faces, edgecolors="white", linewidths=0.3, gid="wards"
    )
    axes.add_collection(collection)
    lines = [
        shapely.get_coordinates(line)
        for district in wards.districts().values()
        for line in shapely.get_parts(shapely.boundary(district.geometry))
    ]
    borders = LineCollection(lines, colors="black", linewidths=0.9, gid="district-borders")
    axes.add_collection(borders)
    handles.append(Line2D([], [], color="black", linewidth=0.9, label=words["border"]))
    west, south, east, north = shapely.total_bounds([wards[code].geometry for code in codes])
    margin = 0.02 * max(east - west, north - south)
    axes.set_xlim(west - margin, east + margin)
    axes.set_ylim(south - margin, north + margin)
    # Degrees of longitude shrink with the latitude: keep the map's shape true.
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    axes.set_title(
        words["title"]
        + "\n"
        + _subtitle(lang, counted=total, unplaced=unplaced, category=category, start=start, end=end)
    )
    axes.set_xlabel(words["x"])
    axes.set_ylabel(words["y"])
    figure.legend(
        handles=handles, title=words["legend"], loc="outside right upper", fontsize="small"
    )
    return figure
