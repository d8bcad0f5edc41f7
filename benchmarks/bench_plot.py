"""Benchmark the ward map: 177 kelurahan and 100,000 reports, counted, drawn and rendered.

Run from the repository root: ``uv run python benchmarks/bench_plot.py``. It prints, median of
five runs each, on Semarang's 177 packaged kelurahan and 100,000 sample reports:

* counting the reports per ward with `smartcity.plot.ward_counts` (``WardMap.locate_many``)
  against the plain peer, shapely's ``STRtree.query(points, predicate="within")``, and
  whether the counts agree;
* drawing the whole figure with `smartcity.plot.ward_map` (counting included), against the
  same map drawn the plain way: counting with the STRtree peer, then one ``Axes.add_patch``
  per ward;
* rendering the figure to SVG and to PNG (matplotlib's own cost, not ours).

The target of issue 13: the map draws in under a second.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable

import numpy as np
import shapely
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as PathType

from smartcity import plot
from smartcity.plot._wardmap import _area_path
from smartcity.samples import generate_reports, semarang

REPORTS = 100_000
RUNS = 5


def timed(call: Callable[[], object]) -> tuple[float, object]:
    """The median wall time of ``RUNS`` calls, in seconds, and the last result."""
    times = []
    result: object = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    city = semarang()
    wards = city.ward_map
    now = dt.datetime(2025, 6, 30, 16, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    start = time.perf_counter()
    reports = generate_reports(
        city, count=REPORTS, start=now - dt.timedelta(days=365), end=now, seed=13
    )
    made = time.perf_counter() - start
    print(f"{len(wards)} wards, {len(reports):,} reports (made in {made:.1f} s)")
    plot.ward_map(reports[:10], wards)  # imports matplotlib and warms the caches once

    ours_count, (counts, _unplaced) = timed(lambda: plot.ward_counts(reports, wards))  # type: ignore[misc]

    codes = list(wards)
    tree = shapely.STRtree([wards[code].geometry for code in codes])

    def peer_counts() -> dict[str, int]:
        located = [r.location for r in reports if r.location is not None]
        points = shapely.points([p.lon for p in located], [p.lat for p in located])
        _point, ward = tree.query(points, predicate="within")
        found = np.bincount(ward, minlength=len(codes))
        return {code: int(found[i]) for i, code in enumerate(codes)}

    peer_count, peer = timed(peer_counts)
    assert peer == counts, "the counts disagree with shapely's"

    ours_draw, figure = timed(lambda: plot.ward_map(reports, wards))

    def peer_draw() -> Figure:
        figure = Figure(figsize=(9.0, 6.4), layout="constrained")
        axes = figure.add_subplot()
        found = peer_counts()
        top = max(found.values())
        for code in codes:
            colour = plot_colour(found[code] / top)
            axes.add_patch(PathPatch(_area_path(wards[code].geometry, PathType), facecolor=colour))
        axes.autoscale_view()
        return figure

    peer_draw_time, _peer_figure = timed(peer_draw)

    def svg() -> int:
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")  # type: ignore[attr-defined]
        return len(buffer.getvalue())

    def png() -> int:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100)  # type: ignore[attr-defined]
        return len(buffer.getvalue())

    svg_time, svg_size = timed(svg)
    png_time, png_size = timed(png)

    print(f"{'what':<46} {'smartcity':>10} {'peer':>10} {'ratio':>7}")
    print(
        f"{'count per ward (locate_many vs STRtree)':<46} {ours_count * 1e3:>8.1f}ms "
        f"{peer_count * 1e3:>8.1f}ms {ours_count / peer_count:>7.2f}"
    )
    print(
        f"{'ward_map figure, counting included':<46} {ours_draw * 1e3:>8.1f}ms "
        f"{peer_draw_time * 1e3:>8.1f}ms {ours_draw / peer_draw_time:>7.2f}"
    )
    print(f"{'render to SVG':<46} {svg_time * 1e3:>8.1f}ms  ({svg_size / 1e3:,.0f} kB)")
    print(f"{'render to PNG, 100 dpi':<46} {png_time * 1e3:>8.1f}ms  ({png_size / 1e3:,.0f} kB)")
    total = ours_draw + svg_time
    print(f"draw + SVG: {total * 1e3:.0f} ms; target under 1 s: {'met' if total < 1 else 'MISSED'}")


def plot_colour(share: float) -> tuple[float, float, float, float]:
    """viridis at ``share`` (the peer's unclassed colouring)."""
    from matplotlib import colormaps  # noqa: PLC0415 - next to its one use

    colour: tuple[float, float, float, float] = colormaps["viridis"](share)
    return colour


if __name__ == "__main__":
    main()
