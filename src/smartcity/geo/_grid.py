"""A uniform grid over the map that answers most point look-ups without any geometry.

Each cell of the grid is one of three things:

* **direct**: the cell (a closed box, padded by a hair) touches no ward boundary, so every
  point in it has the same answer; the cell stores that ward's index (the lowest index among
  the wards that cover it, wards being sorted by code), or `OUTSIDE`.
* **boundary**: some ward boundary passes through the cell; the cell stores a list of the
  wards that intersect it, in index order, and a point there is tested exactly against them.
  The first ward whose closed polygon covers the point wins: the lowest code.

Finding the boundary cells is done by walking every polygon edge through the grid columns it
spans (conservatively: a cell within ``_PAD`` cell widths of an edge counts as crossed). The
remaining cells come in horizontal runs between boundary cells; no boundary separates the
cells of a run, so one point query per run classifies the whole run. Only the boundary cells
are tested against polygons, as boxes, with one vectorised STRtree query.

The scalar and the vectorised look-ups compute the cell with the same float operations, so
they answer the same for every point.
"""

from __future__ import annotations

import math
import typing

import attrs
import numpy as np
import numpy.typing as npt
import shapely

#: Cell value for "no ward here".
OUTSIDE = -1
# Cell values <= _FIRST_BOUNDARY encode boundary cell number ``_FIRST_BOUNDARY - value``.
_FIRST_BOUNDARY = -2
# How close, in cell widths, an edge may pass to a cell and still count as crossing it. It
# absorbs float rounding in the cell arithmetic (about 1e-12 cells), so that a "direct" cell is
# certainly clear of every boundary, even for points that round into it from a neighbour.
_PAD = 1e-6

IntArray: typing.TypeAlias = npt.NDArray[np.intp]
FloatArray: typing.TypeAlias = npt.NDArray[np.float64]
ObjectArray: typing.TypeAlias = npt.NDArray[np.object_]


@typing.final
@attrs.frozen(eq=False)
class WardGrid:
    """The grid index: a cell array plus per-boundary-cell candidate lists."""

    x0: float
    y0: float
    dx: float
    dy: float
    nx: int
    ny: int
    cells: npt.NDArray[np.int32]
    offsets: IntArray
    candidates: npt.NDArray[np.int32]
    geometries: ObjectArray  # prepared, in ward index order

    @classmethod
    def build(cls, geometries: ObjectArray, *, dx: float, dy: float) -> WardGrid:
        """Index prepared polygons (lon/lat degrees) on cells of ``dx`` by ``dy`` degrees.

        The work is done part by part: each polygon of a MultiPolygon is indexed and tested on
        its own, so a ward of many small parts costs per part, not per whole ward.
        Call `grid_cost` first to bound the work.
        """
        x0, y0, nx, ny = _layout(geometries, dx=dx, dy=dy)
        parts, ward_of_part = shapely.get_parts(geometries, return_index=True)
        boundary = _boundary_cells(parts, x0=x0, y0=y0, dx=dx, dy=dy, nx=nx, ny=ny)
        tree = shapely.STRtree(parts)
        index = _PartIndex(parts=parts, ward_of_part=ward_of_part.astype(np.int32), tree=tree)
        cells = _classify_runs(boundary, index, x0=x0, y0=y0, dx=dx, dy=dy, nx=nx)
        offsets, candidates = _candidates(cells, boundary, index, x0=x0, y0=y0, dx=dx, dy=dy, nx=nx)
        return cls(
            x0=x0,
            y0=y0,
            dx=dx,
            dy=dy,
            nx=nx,
            ny=ny,
            cells=cells,
            offsets=offsets,
            candidates=candidates,
            geometries=geometries,
        )

    @property
    def boundary_cell_count(self) -> int:
        """How many cells need an exact test."""
        return len(self.offsets) - 1

    def locate(self, lon: float, lat: float) -> int:
        """Return the index of the ward covering (lon, lat), or `OUTSIDE`."""
        # The same expressions, in the same order, as in locate_many: same cell, same answer.
        u = (lon - self.x0) / self.dx
        v = (lat - self.y0) / self.dy
        if not (0.0 <= u < self.nx and 0.0 <= v < self.ny):
            return OUTSIDE
        value = int(self.cells.item(int(v) * self.nx + int(u)))
        if value > _FIRST_BOUNDARY:
            return value
        number = _FIRST_BOUNDARY - value
        start, stop = self.offsets.item(number), self.offsets.item(number + 1)
        for ward in self.candidates[start:stop].tolist():
            if shapely.intersects_xy(self.geometries[ward], lon, lat):
                return int(ward)
        return OUTSIDE

    def locate_many(self, lons: FloatArray, lats: FloatArray) -> IntArray:
        """Return the ward index (or `OUTSIDE`) for each point of two 1-D float64 arrays."""
        result = np.full(lons.shape, OUTSIDE, dtype=np.intp)
        u = (lons - self.x0) / self.dx
        v = (lats - self.y0) / self.dy
        in_grid = np.flatnonzero((u >= 0.0) & (u < self.nx) & (v >= 0.0) & (v < self.ny))
        # Truncation is floor here: u and v are non-negative.
        values = self.cells[v[in_grid].astype(np.intp) * self.nx + u[in_grid].astype(np.intp)]
        direct = values > _FIRST_BOUNDARY
        result[in_grid[direct]] = values[direct]
        points = in_grid[~direct]
        if points.size == 0:
            return result
        numbers = _FIRST_BOUNDARY - values[~direct].astype(np.intp)
        starts = self.offsets[numbers]
        counts = self.offsets[numbers + 1] - starts
        # One (point, candidate) pair per candidate of the point's cell, grouped by point and
        # in ward order within a group.
        pair_point = np.repeat(points, counts)
        first_of_group = np.cumsum(counts) - counts
        positions = np.arange(pair_point.size) + np.repeat(starts - first_of_group, counts)
        pair_ward = self.candidates[positions]
        hit = shapely.intersects_xy(self.geometries[pair_ward], lons[pair_point], lats[pair_point])
        hit_point, hit_ward = pair_point[hit], pair_ward[hit]
        # The first hit of each point's group is its lowest-index covering ward.
        first = np.ones(hit_point.size, dtype=bool)
        first[1:] = hit_point[1:] != hit_point[:-1]
        result[hit_point[first]] = hit_ward[first]
        return result


def _layout(geometries: ObjectArray, *, dx: float, dy: float) -> tuple[float, float, int, int]:
    """Return the grid's origin and size (x0, y0, nx, ny) for these geometries."""
    west, south, east, north = (float(value) for value in shapely.total_bounds(geometries))
    # One spare cell on every side: no vertex lies on the grid's outer edge.
    x0, y0 = west - dx, south - dy
    nx = math.ceil((east - x0) / dx) + 1
    ny = math.ceil((north - y0) / dy) + 1
    return x0, y0, nx, ny


@typing.final
@attrs.frozen
class GridCost:
    """What building a grid would cost, known before any of the work is done.

    Attributes:
        cells: how many cells the grid has.
        boundary_cells: an upper estimate of the (edge, cell) crossings to mark, which bounds
            the memory and time of finding the boundary cells.
        tests: an upper estimate of the (cell, polygon part) pairs to test exactly: for each
            part, the cells of its own bounding box, capped by the number of boundary cells.
        edge_tests: the work of those tests, edge by edge. A test in a row of the grid costs
            about as many edges as the part has across that row (a point-in-polygon ray
            crosses them), and a part has about as many boundary cells in the row: the sum,
            over parts and rows, of the square of the edges across the row. A zig-zag that
            runs up and down the map makes it huge; a detailed but ordinary boundary does not.
        boundary_by_ward: ``boundary_cells`` per ward, in ward index order.
        tests_by_ward: ``tests`` per ward.
        edge_tests_by_ward: ``edge_tests`` per ward.
    """

    cells: int
    boundary_cells: int
    tests: int
    edge_tests: int
    boundary_by_ward: IntArray
    tests_by_ward: IntArray
    edge_tests_by_ward: IntArray


def grid_cost(geometries: ObjectArray, *, dx: float, dy: float) -> GridCost:
    """Estimate the work of `WardGrid.build` in time linear in the number of vertices."""
    x0, y0, nx, ny = _layout(geometries, dx=dx, dy=dy)
    parts, ward_of_part = shapely.get_parts(geometries, return_index=True)
    rings, part_of_ring = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    u = (coords[:, 0] - x0) / dx
    v = (coords[:, 1] - y0) / dy
    same_ring = ring_of[1:] == ring_of[:-1]
    ua, ub = u[:-1][same_ring], u[1:][same_ring]
    va, vb = v[:-1][same_ring], v[1:][same_ring]
    columns = _span(np.minimum(ua, ub), np.maximum(ua, ub))
    first_row = np.floor(np.minimum(va, vb) - _PAD)
    rows = np.floor(np.maximum(va, vb) + _PAD) - first_row + 1.0
    segment_part = part_of_ring[ring_of[:-1][same_ring]]
    # A segment crosses at most columns + rows - 1 cells (more only through the padding).
    boundary_by_ward = np.bincount(
        ward_of_part[segment_part], weights=columns + rows - 1, minlength=geometries.size
    )
    boundary = int(boundary_by_ward.sum())
    west, south, east, north = shapely.bounds(parts).T
    part_cells = _span((west - x0) / dx, (east - x0) / dx) * _span(
        (south - y0) / dy, (north - y0) / dy
    )
    # Cell-sized tests: boundary cells (candidates) and runs (at most one per boundary cell
    # and one per row).
    part_tests = np.minimum(part_cells, boundary + ny)
    tests_by_ward = np.bincount(ward_of_part, weights=part_tests, minlength=geometries.size)
    edge_tests_by_part = _edges_across_rows_squared(
        segment_part, first_row, rows, parts=parts.size, ny=ny
    )
    edge_tests_by_ward = np.bincount(
        ward_of_part, weights=edge_tests_by_part, minlength=geometries.size
    )
    return GridCost(
        cells=nx * ny,
        boundary_cells=boundary,
        tests=int(tests_by_ward.sum()),
        edge_tests=int(edge_tests_by_ward.sum()),
        boundary_by_ward=boundary_by_ward.astype(np.int64),
        tests_by_ward=tests_by_ward.astype(np.int64),
        edge_tests_by_ward=edge_tests_by_ward.astype(np.int64),
    )


def _edges_across_rows_squared(
    segment_part: IntArray, first_row: FloatArray, rows: FloatArray, *, parts: int, ny: int
) -> FloatArray:
    """For each part, the sum over grid rows of (segments of the part across the row)²."""
    # A sweep: +1 where a segment's rows start, -1 after they end, keyed by (part, row), so
    # the running sum is the number of the part's segments across each row.
    stride = float(ny + 2)
    start = segment_part * stride + first_row
    keys = np.concatenate((start, start + rows))
    deltas = np.concatenate((np.ones(start.size), -np.ones(start.size)))
    order = np.argsort(keys, kind="stable")
    keys, deltas = keys[order], deltas[order]
    across = np.cumsum(deltas)  # after each event, up to the next one
    lengths = np.diff(keys)  # rows between an event and the next (0 across parts: across=0)
    work = across[:-1] ** 2 * lengths
    part_of_event = np.floor(keys[:-1] / stride).astype(np.intp)
    by_part: FloatArray = np.bincount(part_of_event, weights=work, minlength=parts).astype(
        np.float64
    )
    return by_part


def _span(low: FloatArray, high: FloatArray) -> FloatArray:
    """How many grid lines' cells the interval [low, high] (in cells) touches, padding included."""
    counts: FloatArray = np.floor(high + _PAD) - np.floor(low - _PAD) + 1.0
    return counts


@typing.final
@attrs.frozen(eq=False)
class _PartIndex:
    """The polygons of every ward, which ward each belongs to, and their tree."""

    parts: ObjectArray
    ward_of_part: npt.NDArray[np.int32]
    tree: shapely.STRtree


def _boundary_cells(
    parts: ObjectArray, *, x0: float, y0: float, dx: float, dy: float, nx: int, ny: int
) -> npt.NDArray[np.bool_]:
    """Mark every cell that some polygon edge passes through (or within ``_PAD`` of)."""
    rings = shapely.get_rings(parts)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    u = (coords[:, 0] - x0) / dx
    v = (coords[:, 1] - y0) / dy
    # Segments join consecutive vertices of the same ring.
    same_ring = ring_of[1:] == ring_of[:-1]
    ua, va = u[:-1][same_ring], v[:-1][same_ring]
    ub, vb = u[1:][same_ring], v[1:][same_ring]
    u_min, u_max = np.minimum(ua, ub), np.maximum(ua, ub)
    v_min, v_max = np.minimum(va, vb), np.maximum(va, vb)

    # Expand each segment into the grid columns it spans.
    first_column = np.floor(u_min - _PAD).astype(np.intp)
    column_counts = np.floor(u_max + _PAD).astype(np.intp) - first_column + 1
    segment = np.repeat(np.arange(ua.size), column_counts)
    column = _ranges(first_column, column_counts)
    # The part of the segment inside the (padded) column, and its latitude extent there.
    lo = np.maximum(column - _PAD, u_min[segment])
    hi = np.minimum(column + 1 + _PAD, u_max[segment])
    run = ub[segment] - ua[segment]
    rise = vb[segment] - va[segment]
    vertical = run == 0.0
    slope = np.divide(rise, run, out=np.zeros_like(rise), where=~vertical)
    v_at_lo = np.where(vertical, v_min[segment], va[segment] + (lo - ua[segment]) * slope)
    v_at_hi = np.where(vertical, v_max[segment], va[segment] + (hi - ua[segment]) * slope)
    # A steep segment's v may overshoot its end by rounding; clamp to the segment's extent.
    low = np.clip(np.minimum(v_at_lo, v_at_hi), v_min[segment], v_max[segment])
    high = np.clip(np.maximum(v_at_lo, v_at_hi), v_min[segment], v_max[segment])

    # Expand each (segment, column) into the rows it spans.
    first_row = np.floor(low - _PAD).astype(np.intp)
    row_counts = np.floor(high + _PAD).astype(np.intp) - first_row + 1
    cell_column = np.repeat(column, row_counts)
    cell_row = _ranges(first_row, row_counts)
    marked = np.zeros(nx * ny, dtype=bool)
    marked[cell_row * nx + cell_column] = True
    return marked


def _ranges(starts: IntArray, counts: IntArray) -> IntArray:
    """Concatenate ``range(start, start + count)`` for every pair, without a Python loop."""
    total = int(counts.sum())
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    result: IntArray = np.arange(total, dtype=np.intp) + offsets
    return result


def _cell_centres(
    cells: IntArray, *, x0: float, y0: float, dx: float, dy: float, nx: int
) -> tuple[FloatArray, FloatArray]:
    rows, columns = np.divmod(cells, nx)
    return x0 + (columns + 0.5) * dx, y0 + (rows + 0.5) * dy


def _classify_runs(
    boundary: npt.NDArray[np.bool_],
    index: _PartIndex,
    *,
    x0: float,
    y0: float,
    dx: float,
    dy: float,
    nx: int,
) -> npt.NDArray[np.int32]:
    """Give every non-boundary cell its ward index or `OUTSIDE`; boundary cells get 0 for now."""
    clear = ~boundary
    columns = np.arange(boundary.size) % nx
    # A run starts at a clear cell whose left neighbour is a boundary cell or off the row.
    previous_clear = np.concatenate(([False], clear[:-1]))
    starts = clear & ((columns == 0) | ~previous_clear)
    run_of = np.cumsum(starts) - 1  # run number of each cell (meaningful on clear cells)
    run_cells = np.flatnonzero(starts)
    xs, ys = _cell_centres(run_cells, x0=x0, y0=y0, dx=dx, dy=dy, nx=nx)
    point_of, part_of = index.tree.query(shapely.points(xs, ys), predicate="intersects")
    ward_of = index.ward_of_part[part_of]
    # Several wards cover a run only where the data overlaps: the lowest index wins.
    run_ward = np.full(run_cells.size, np.iinfo(np.int32).max, dtype=np.int32)
    np.minimum.at(run_ward, point_of, ward_of)
    covered = np.zeros(run_cells.size, dtype=bool)
    covered[point_of] = True
    run_ward[~covered] = OUTSIDE
    cells = np.zeros(boundary.size, dtype=np.int32)
    cells[clear] = run_ward[run_of[clear]]
    return cells


def _candidates(
    cells: npt.NDArray[np.int32],
    boundary: npt.NDArray[np.bool_],
    index: _PartIndex,
    *,
    x0: float,
    y0: float,
    dx: float,
    dy: float,
    nx: int,
) -> tuple[IntArray, npt.NDArray[np.int32]]:
    """Store each boundary cell's candidate wards; return (offsets, candidates)."""
    boundary_cells = np.flatnonzero(boundary)
    rows, columns = np.divmod(boundary_cells, nx)
    pad_x, pad_y = _PAD * dx, _PAD * dy
    boxes = shapely.box(
        x0 + columns * dx - pad_x,
        y0 + rows * dy - pad_y,
        x0 + (columns + 1) * dx + pad_x,
        y0 + (rows + 1) * dy + pad_y,
    )
    box_of, part_of = index.tree.query(boxes, predicate="intersects")
    ward_of = index.ward_of_part[part_of]
    # One pair per (cell, ward), however many of the ward's parts touch the cell.
    order = np.lexsort((ward_of, box_of))
    box_of, ward_of = box_of[order], ward_of[order]
    keep = np.ones(box_of.size, dtype=bool)
    keep[1:] = (box_of[1:] != box_of[:-1]) | (ward_of[1:] != ward_of[:-1])
    box_of, ward_of = box_of[keep], ward_of[keep]
    counts = np.bincount(box_of, minlength=boundary_cells.size)
    # A marked cell that no polygon touches (the padding is generous) is simply outside.
    has_candidates = counts > 0
    cells[boundary_cells[~has_candidates]] = OUTSIDE
    kept = boundary_cells[has_candidates]
    cells[kept] = _FIRST_BOUNDARY - np.arange(kept.size, dtype=np.int32)
    offsets = np.zeros(kept.size + 1, dtype=np.intp)
    np.cumsum(counts[has_candidates], out=offsets[1:])
    return offsets, ward_of.astype(np.int32)
