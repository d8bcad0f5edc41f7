"""The dashboard's figures, drawn from the public statistics: performance, backlog, years."""

from __future__ import annotations

import typing
from collections.abc import Mapping

import numpy as np

from smartcity._checks import instance, shown
from smartcity.exceptions import InvalidArgumentError, InvalidStatisticsError
from smartcity.plot._common import (
    GREY,
    NO_DATA,
    OKABE_ITO,
    Language,
    checked_language,
    empty_figure,
    month_label,
    new_figure,
    number,
    percent,
    word,
)
from smartcity.stats import PerformanceRow, SlaPerformance, YearlyCounts

if typing.TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["agency_performance", "backlog_age", "yearly_counts"]

_WORDS: typing.Final = {
    "id": {
        "performance": "Tepat waktu yang adil per instansi per bulan",
        "rate": "Tepat waktu (%)",
        "small": "Sampel di bawah {n}: tidak ada angka",
        "clock": "jam SLA {clock}; {as_of}",
        "backlog": "Umur laporan terbuka per {dimension}",
        "open": "Laporan terbuka",
        "up_to_4": "\N{LESS-THAN OR EQUAL TO} 4 minggu",
        "4_to_8": "4\N{EN DASH}8 minggu",
        "over_8": "> 8 minggu",
        "age": "Umur sejak diterima",
        "years": "Laporan per tahun",
        "received": "Laporan diterima",
        "month_of_receipt": "Bulan diterima",
    },
    "en": {
        "performance": "Fair on-time rate per agency per month",
        "rate": "On time (%)",
        "small": "Sample below {n}: no rate",
        "clock": "{clock} clock; {as_of}",
        "backlog": "Age of the open reports per {dimension}",
        "open": "Open reports",
        "up_to_4": "up to 4 weeks",
        "4_to_8": "4 to 8 weeks",
        "over_8": "over 8 weeks",
        "age": "Age since receipt",
        "years": "Reports per year",
        "received": "Reports received",
        "month_of_receipt": "Month of receipt",
    },
}

_BUCKETS: typing.Final = (
    ("up_to_4", "backlog_up_to_4_weeks", OKABE_ITO["green"]),
    ("4_to_8", "backlog_4_to_8_weeks", OKABE_ITO["orange"]),
    ("over_8", "backlog_over_8_weeks", OKABE_ITO["vermillion"]),
)


def _as_of(performance: SlaPerformance, language: Language) -> str:
    at = performance.now.isoformat(timespec="minutes")
    return _WORDS[language]["clock"].format(
        clock=performance.clock, as_of=word(language, "as_of", at=at)
    )


def _names(names: object) -> Mapping[str, str]:
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise InvalidArgumentError(
            f"names must be a mapping of group values to the names shown, not {shown(names)}"
        )
    return typing.cast("Mapping[str, str]", names)


def agency_performance(performance: SlaPerformance, *, language: str = "en") -> Figure:
    """Draw the fair on-time rate of each agency in each month, as a grid of cells.

    A cell's colour is the rate (cividis, 0 to 100 %) and its text the rate itself. A month
    whose sample (closed plus overdue reports) is below the statistics' ``min_sample`` has no
    rate: its cell is grey and hatched, with the sample's size, never a 0 % or a 100 %. A month
    without any report of the agency is left white.

    Args:
        performance: :func:`~smartcity.stats.sla_performance` grouped by
            ``("agency", "month")`` (in either order).
        language: ``"id"`` or ``"en"``.

    Returns:
        A new figure; with no rows, a figure that says there is nothing to draw.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidArgumentError: ``performance`` is not an SlaPerformance.
        InvalidStatisticsError: it is not grouped by agency and month.
        InvalidOptionError: another language.
    """
    lang = checked_language(language)
    instance(performance, SlaPerformance, "performance")
    if sorted(performance.by) != ["agency", "month"]:
        raise InvalidStatisticsError(
            f"the agency performance figure needs statistics by agency and month, not by "
            f"{performance.by}: call sla_performance(..., by=('agency', 'month'))"
        )
    words = _WORDS[lang]
    title = words["performance"]
    if not performance.rows:
        return empty_figure(
            title, lang, xlabel=words["month_of_receipt"], ylabel=word(lang, "agency")
        )
    cells: dict[tuple[str, str], PerformanceRow] = {}
    for row in performance:
        group = dict(row.group)
        cells[group["agency"], group["month"]] = row
    agencies = sorted({agency for agency, _month in cells})
    months = sorted({month for _agency, month in cells})
    rates = np.full((len(agencies), len(months)), np.nan)
    figure = new_figure(max(6.4, 1.0 + 0.9 * len(months)), max(3.0, 1.6 + 0.45 * len(agencies)))

    from matplotlib.collections import PatchCollection  # noqa: PLC0415 - loaded with the figure
    from matplotlib.patches import Patch, Rectangle  # noqa: PLC0415

    axes = figure.add_subplot()
    small: list[Rectangle] = []
    empty: list[Rectangle] = []
    for y, agency in enumerate(agencies):
        for x, month in enumerate(months):
            cell = cells.get((agency, month))
            if cell is None:
                empty.append(Rectangle((x, y), 1, 1))
            elif cell.on_time_rate is None:
                small.append(Rectangle((x, y), 1, 1))
                sample = cell.closed + cell.open_overdue
                axes.text(x + 0.5, y + 0.5, f"n={sample}", ha="center", va="center", size=8)
            else:
                rates[y, x] = 100 * cell.on_time_rate
                colour = "white" if cell.on_time_rate < 0.6 else "black"
                axes.text(
                    x + 0.5,
                    y + 0.5,
                    percent(cell.on_time_rate, lang),
                    ha="center",
                    va="center",
                    size=8,
                    color=colour,
                )
    mesh = axes.pcolormesh(
        np.arange(len(months) + 1),
        np.arange(len(agencies) + 1),
        np.ma.masked_invalid(rates),
        cmap="cividis",
        vmin=0,
        vmax=100,
        edgecolors="white",
        linewidth=0.5,
    )
    mesh.set_gid("rates")
    axes.add_collection(
        PatchCollection(small, facecolor=GREY, edgecolor="white", hatch="//", gid="small-sample")
    )
    axes.add_collection(
        PatchCollection(empty, facecolor=NO_DATA, edgecolor=GREY, linewidth=0.5, gid="no-reports")
    )
    colorbar = figure.colorbar(mesh, ax=axes)
    colorbar.set_label(words["rate"])
    axes.set_xticks(np.arange(len(months)) + 0.5, [month_label(m, lang) for m in months])
    axes.set_yticks(np.arange(len(agencies)) + 0.5, agencies)
    axes.set_xlim(0, len(months))
    axes.set_ylim(len(agencies), 0)
    axes.tick_params(axis="x", labelrotation=45)
    axes.set_title(f"{title}\n{_as_of(performance, lang)}")
    axes.set_xlabel(words["month_of_receipt"])
    axes.set_ylabel(word(lang, "agency"))
    figure.legend(
        handles=[
            Patch(
                facecolor=GREY,
                edgecolor="white",
                hatch="//",
                label=words["small"].format(n=performance.min_sample),
            ),
            Patch(facecolor=NO_DATA, edgecolor=GREY, label=word(lang, "no_reports")),
        ],
        loc="outside lower center",
        ncols=2,
        fontsize="small",
    )
    return figure


def backlog_age(
    performance: SlaPerformance,
    *,
    language: str = "en",
    names: Mapping[str, str] | None = None,
) -> Figure:
    """Draw the open reports of each group in the statistics' age buckets, as stacked bars.

    The buckets are those of :class:`~smartcity.stats.PerformanceRow`: up to 4 weeks since
    receipt, 4 to 8 weeks, over 8 weeks (Okabe-Ito colours); one bar per group.

    Args:
        performance: :func:`~smartcity.stats.sla_performance` grouped by one dimension,
            usually ``by="agency"``.
        language: ``"id"`` or ``"en"``.
        names: the names to show for the groups' values (e.g. district codes to names);
            values without a name are shown as they are.

    Returns:
        A new figure; with no rows, a figure that says there is nothing to draw.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidArgumentError: ``performance`` is not an SlaPerformance, ``names`` not a mapping.
        InvalidStatisticsError: the statistics are grouped by more or fewer than one dimension.
        InvalidOptionError: another language.
    """
    lang = checked_language(language)
    instance(performance, SlaPerformance, "performance")
    shown_names = _names(names)
    if len(performance.by) != 1:
        raise InvalidStatisticsError(
            f"the backlog figure needs statistics grouped by one dimension, not by "
            f"{performance.by}: call sla_performance(..., by='agency')"
        )
    words = _WORDS[lang]
    dimension = performance.by[0]
    title = words["backlog"].format(dimension=word(lang, dimension).lower())
    if not performance.rows:
        return empty_figure(title, lang, xlabel=word(lang, dimension), ylabel=words["open"])
    labels = [shown_names.get(row.group[0][1], row.group[0][1]) for row in performance]
    figure = new_figure(max(6.4, 1.5 + 0.5 * len(labels)), 4.8)
    axes = figure.add_subplot()
    positions = np.arange(len(labels))
    bottom = np.zeros(len(labels))
    for key, field, colour in _BUCKETS:
        heights = np.array([getattr(row, field) for row in performance], dtype=float)
        bars = axes.bar(
            positions, heights, bottom=bottom, color=colour, label=words[key], edgecolor="white"
        )
        for bar in bars:
            bar.set_gid(f"backlog-{key}")
        bottom += heights
    for x, total in zip(positions, bottom, strict=True):
        axes.annotate(
            number(int(total), lang),
            (x, total),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            size=8,
        )
    axes.set_xticks(positions, labels)
    if len(labels) > 6 or max(len(label) for label in labels) > 10:
        axes.tick_params(axis="x", labelrotation=45)
    axes.set_title(f"{title}\n{_as_of(performance, lang)}")
    axes.set_xlabel(word(lang, dimension))
    axes.set_ylabel(words["open"])
    axes.legend(title=words["age"], fontsize="small")
    axes.set_ylim(0, max(1.0, float(bottom.max())) * 1.15)
    return figure


def yearly_counts(counts: YearlyCounts, *, language: str = "en") -> Figure:
    """Draw the reports received each year, one bar a year, each with its count.

    Years between the first and the last without a report are drawn as bars of 0.

    Args:
        counts: :func:`smartcity.stats.yearly_counts`, or a
            :class:`~smartcity.stats.YearlyCounts` made from published figures.
        language: ``"id"`` or ``"en"`` (the numbers too: ``2.537`` / ``2,537``).

    Returns:
        A new figure; with no rows, a figure that says there is nothing to draw.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidArgumentError: ``counts`` is not a YearlyCounts.
        InvalidOptionError: another language.
    """
    lang = checked_language(language)
    instance(counts, YearlyCounts, "counts")
    words = _WORDS[lang]
    if not counts.rows:
        return empty_figure(
            words["years"], lang, xlabel=word(lang, "year"), ylabel=words["received"]
        )
    by_year = {row.year: row.received for row in counts}
    years = list(range(min(by_year), max(by_year) + 1))
    received = [by_year.get(year, 0) for year in years]
    figure = new_figure(max(4.8, 1.5 + 0.8 * len(years)), 4.2)
    axes = figure.add_subplot()
    bars = axes.bar(years, received, color=OKABE_ITO["blue"], width=0.7)
    for year, bar in zip(years, bars, strict=True):
        bar.set_gid(f"year-{year}")
    axes.bar_label(bars, labels=[number(value, lang) for value in received], padding=2, size=9)
    axes.set_xticks(years, [str(year) for year in years])
    axes.yaxis.set_major_formatter(lambda value, _position: number(int(value), lang))
    axes.set_title(words["years"])
    axes.set_xlabel(word(lang, "year"))
    axes.set_ylabel(words["received"])
    axes.margins(y=0.12)
    return figure
