"""The ward map on the real boundaries of Kota Semarang (SOURCE.md of the data).

"clean" is the partition packaged with the library; "raw" the published file in ../shared.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from smartcity.geo import GeometryIssueKind, GeoPoint, WardMap

Loaded = tuple[list[dict[str, Any]], WardMap]

# Kelurahan per kecamatan and the clean area in km², from the table in SOURCE.md.
DISTRICTS = {
    "33.74.01": ("Semarang Tengah", 15, 5.34),
    "33.74.02": ("Semarang Utara", 9, 11.35),
    "33.74.03": ("Semarang Timur", 10, 5.61),
    "33.74.04": ("Gayamsari", 7, 6.45),
    "33.74.05": ("Genuk", 13, 22.51),
    "33.74.06": ("Pedurungan", 12, 21.79),
    "33.74.07": ("Semarang Selatan", 10, 6.17),
    "33.74.08": ("Candisari", 7, 6.62),
    "33.74.09": ("Gajahmungkur", 8, 9.64),
    "33.74.10": ("Tembalang", 12, 40.90),
    "33.74.11": ("Banyumanik", 11, 31.89),
    "33.74.12": ("Gunungpati", 16, 59.78),
    "33.74.13": ("Semarang Barat", 16, 25.15),
    "33.74.14": ("Mijen", 14, 57.52),
    "33.74.15": ("Ngaliyan", 10, 44.66),
    "33.74.16": ("Tugu", 7, 14.62),
}

# SOURCE.md's landmark check, with approximate public-map coordinates.
LANDMARKS = [
    ("Lawang Sewu", -6.98391, 110.41034, "Sekayu", "Semarang Tengah"),
    ("Gereja Blenduk", -6.96820, 110.42750, "Tanjung Mas", "Semarang Utara"),
    ("Sam Poo Kong", -6.99627, 110.39808, "Bongsari", "Semarang Barat"),
    ("Bandara A. Yani", -6.97273, 110.37500, "Tambakharjo", "Semarang Barat"),
    ("MAJT", -6.98373, 110.44549, "Sambirejo", "Gayamsari"),
    ("Undip", -7.05190, 110.43936, "Tembalang", "Tembalang"),
    ("Simpang Lima", -6.99040, 110.42290, "Pleburan", "Semarang Selatan"),
]
AT_SEA = GeoPoint(-6.94, 110.36)  # Java Sea, inside the bounding box, 1.2 km off the coast
UNGARAN = GeoPoint(-7.14, 110.405)  # Kabupaten Semarang, south of the city


class TestEveryWardsInnerPoint:
    """Each kelurahan's inner_lat/inner_lng (about 30 m inside) lands in it and its kecamatan."""

    def test_with_locate(self, semarang: Loaded) -> None:
        """One at a time, in both the raw and the clean file."""
        properties, ward_map = semarang
        assert len(ward_map) == 177
        for props in properties:
            ward = ward_map.locate(GeoPoint(props["inner_lat"], props["inner_lng"]))
            assert ward is not None, props["kode"]
            assert (ward.code, ward.name) == (props["kode"], props["kelurahan"])
            assert (ward.district_code, ward.district_name) == (
                props["kode_kecamatan"],
                props["kecamatan"],
            )
            district = ward_map.districts()[ward.district_code]
            assert shapely.intersects_xy(district.geometry, props["inner_lng"], props["inner_lat"])

    def test_with_locate_many(self, semarang: Loaded) -> None:
        """All at once: the same codes."""
        props, ward_map = semarang
        codes = ward_map.locate_many(
            np.array([p["inner_lat"] for p in props]), np.array([p["inner_lng"] for p in props])
        )
        assert codes.tolist() == [p["kode"] for p in props]


class TestOutsideTheCity:
    """Points at sea and in the neighbouring regency are in no ward."""

    @pytest.mark.parametrize("point", [AT_SEA, UNGARAN], ids=["sea", "ungaran"])
    def test_located_nowhere(self, semarang: Loaded, point: GeoPoint) -> None:
        """locate says None; so does locate_many."""
        _, ward_map = semarang
        assert ward_map.locate(point) is None
        assert ward_map.locate_many([point.lat], [point.lon]).tolist() == [None]

    def test_snapping_reaches_the_coast_only_when_asked_to(self, semarang: Loaded) -> None:
        """1.2 km at sea: nothing within 1 km, the nearest coastal ward within 2 km."""
        _, ward_map = semarang
        assert ward_map.nearest(AT_SEA, max_distance_m=1_000) is None
        location = ward_map.nearest(AT_SEA, max_distance_m=2_000)
        assert location is not None
        assert location.snapped
        assert 1_000 < location.distance_m < 2_000
        assert location.ward.district_name in {"Semarang Barat", "Tugu", "Semarang Utara"}


class TestLandmarks:
    """SOURCE.md's landmark check: each well-known place is in the ward of its address."""

    @pytest.mark.parametrize("landmark", LANDMARKS, ids=[row[0] for row in LANDMARKS])
    def test_landmark(self, semarang: Loaded, landmark: tuple[str, float, float, str, str]) -> None:
        """Both files agree with the addresses."""
        _, ward_map = semarang
        place, lat, lon, ward, district = landmark
        found = ward_map.locate(GeoPoint(lat, lon))
        assert found is not None, place
        assert (found.name, found.district_name) == (ward, district)


class TestCodesAndDistricts:
    """Codes, names and districts match the Kemendagri list and SOURCE.md's table."""

    def test_codes_and_names_match_the_csv(self, semarang: Loaded, semarang_data: Path) -> None:
        """The 177 kelurahan of semarang_wilayah.csv, code for code and name for name."""
        _, ward_map = semarang
        with (semarang_data / "semarang_wilayah.csv").open(encoding="utf-8", newline="") as file:
            rows = [row for row in csv.DictReader(file) if row["tingkat"] == "kelurahan"]
        expected = {row["kode"]: (row["nama"], row["kode_kecamatan"]) for row in rows}
        actual = {w.code: (w.name, w.district_code) for w in ward_map.values()}
        assert expected == actual
        assert list(ward_map) == sorted(expected)

    def test_districts(self, clean_semarang: Loaded) -> None:
        """16 kecamatan with their ward counts, and their clean areas to 0.5 %."""
        _, ward_map = clean_semarang
        districts = ward_map.districts()
        assert list(districts) == list(DISTRICTS)
        projection = ward_map._projection
        for code, (name, count, area_km2) in DISTRICTS.items():
            district = districts[code]
            assert (district.name, len(district.ward_codes)) == (name, count)
            (projected,) = projection.geometries(np.array([district.geometry], dtype=object))
            assert projected.area / 1e6 == pytest.approx(area_km2, rel=0.005, abs=0.006)


class TestIndex:
    """The grid index stays small and mostly answers without geometry."""

    def test_few_cells_need_an_exact_test(self, semarang: Loaded) -> None:
        """Fewer than 10 % of the 30 m cells are crossed by a boundary."""
        _, ward_map = semarang
        grid = ward_map._grid
        assert grid.nx * grid.ny < 1_000_000
        assert grid.boundary_cell_count / (grid.nx * grid.ny) < 0.10


class TestValidate:
    """validate() finds the slivers SOURCE.md describes in the raw file, and none in the clean."""

    def test_raw_overlaps(self, raw_semarang: Loaded) -> None:
        """269 overlapping pairs, 0.205 km² in all, the largest Plamongansari/Pedurungan Kidul.

        Tolerances: SOURCE.md measured areas on the ellipsoid, we on a local projection rescaled
        per latitude (0.01 % apart); three pairs overlap by less than 0.01 m², so a count that
        differs by a few would only mean a different floating-point noding.
        """
        _, ward_map = raw_semarang
        overlaps = [i for i in ward_map.validate() if i.kind is GeometryIssueKind.OVERLAP]
        assert abs(len(overlaps) - 269) <= 3
        assert sum(i.area_m2 for i in overlaps) / 1e6 == pytest.approx(0.205, abs=0.001)
        largest = max(overlaps, key=lambda issue: issue.area_m2)
        names = {ward_map[code].name for code in largest.ward_codes}
        assert names == {"Plamongansari", "Pedurungan Kidul"}
        assert largest.area_m2 == pytest.approx(5_230, rel=0.01)
        for issue in overlaps:
            low, high = issue.ward_codes
            assert low < high
            assert ward_map.locate(issue.point) == ward_map[low]
            assert shapely.intersects_xy(ward_map[high].geometry, issue.point.lon, issue.point.lat)

    def test_raw_gaps(self, raw_semarang: Loaded) -> None:
        """484 enclosed gaps, 0.209 km² in all, the largest 4,260 m².

        SOURCE.md's table says 502 holes in the union, but its step 3 counts 484 enclosed gap
        faces: the other 18 holes of a union in degrees are floating-point specks smaller than
        1e-14 square degrees (0.0001 m²), which the default min_area_m2 (1 mm²) leaves out.
        """
        _, ward_map = raw_semarang
        gaps = [i for i in ward_map.validate() if i.kind is GeometryIssueKind.GAP]
        assert abs(len(gaps) - 484) <= 3
        assert sum(i.area_m2 for i in gaps) / 1e6 == pytest.approx(0.209, abs=0.001)
        assert max(i.area_m2 for i in gaps) == pytest.approx(4_260, rel=0.01)
        for issue in gaps:
            assert ward_map.locate(issue.point) is None
            assert len(issue.ward_codes) >= 1

    def test_clean_has_no_issues(self, clean_semarang: Loaded) -> None:
        """The clean partition has no overlap, no gap, no repair."""
        _, ward_map = clean_semarang
        assert ward_map.validate() == ()
        assert ward_map.repairs == ()


def shrunk_wards(ward_map: WardMap, metres: float) -> list[tuple[str, shapely.Geometry]]:
    """Each ward's polygon moved ``metres`` inwards, in degrees (empty ones left out)."""
    projection = ward_map._projection
    codes = list(ward_map)
    projected = projection.geometries(np.array([ward_map[c].geometry for c in codes]))
    inner = shapely.buffer(projected, -metres)

    def back(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(
            (
                projection.lon0 + coords[:, 0] / projection.per_lon,
                projection.lat0 + coords[:, 1] / projection.per_lat,
            )
        )

    degrees = shapely.transform(inner, back)
    return [(c, g) for c, g in zip(codes, degrees, strict=True) if not g.is_empty]


@pytest.fixture(scope="module", params=["raw", "clean"])
def interiors(request: pytest.FixtureRequest) -> tuple[WardMap, list[tuple[str, shapely.Geometry]]]:
    """A real map (each in turn) and its wards moved 20 m inwards."""
    ward_map = request.getfixturevalue(f"{request.param}_semarang")[1]
    return ward_map, shrunk_wards(ward_map, 20.0)


def point_inside(geometry: shapely.Geometry, seed: int) -> tuple[float, float]:
    """A pseudo-random (lon, lat) inside the geometry, by rejection in its bounding box."""
    rng = np.random.default_rng(seed)
    west, south, east, north = geometry.bounds
    while True:
        lons, lats = rng.uniform(west, east, 256), rng.uniform(south, north, 256)
        inside = np.flatnonzero(shapely.contains_xy(geometry, lons, lats))
        if inside.size:
            return float(lons[inside[0]]), float(lats[inside[0]])


class TestProperties:
    """Rules that hold for any point, checked on the real maps."""

    @given(data=st.data())
    def test_a_point_20_m_inside_a_ward_is_located_in_it(
        self,
        interiors: tuple[WardMap, list[tuple[str, shapely.Geometry]]],
        data: st.DataObject,
    ) -> None:
        """In both maps: the slivers of the raw data are narrower than 20 m (max 11.9 m)."""
        ward_map, shrunk = interiors
        code, interior = data.draw(st.sampled_from(shrunk))
        lon, lat = point_inside(interior, data.draw(st.integers(0, 2**32 - 1)))
        ward = ward_map.locate(GeoPoint(lat, lon))
        assert ward is not None
        assert ward.code == code

    @settings(max_examples=25)
    @given(seed=st.integers(0, 2**32 - 1))
    def test_locate_many_equals_locate(self, semarang: Loaded, seed: int) -> None:
        """500 random points in and around the city: the same answer, point for point."""
        _, ward_map = semarang
        rng = np.random.default_rng(seed)
        lats = rng.uniform(-7.13, -6.92, 500)
        lons = rng.uniform(110.26, 110.52, 500)
        codes = ward_map.locate_many(lats, lons)
        for lat, lon, code in zip(lats.tolist(), lons.tolist(), codes.tolist(), strict=True):
            ward = ward_map.locate(GeoPoint(lat, lon))
            assert code == (ward.code if ward else None)

    def test_locate_many_equals_locate_on_every_vertex(self, semarang: Loaded) -> None:
        """Vertices lie on boundaries, where the exact tests decide: still the same answers."""
        _, ward_map = semarang
        coords = shapely.get_coordinates([ward.geometry for ward in ward_map.values()])
        codes = ward_map.locate_many(coords[:, 1], coords[:, 0])
        for (lon, lat), code in zip(coords.tolist(), codes.tolist(), strict=True):
            ward = ward_map.locate(GeoPoint(lat, lon))
            assert code == (ward.code if ward else None)
            assert code is not None  # a vertex is on its own ward's closed boundary
