"""The packaged Semarang wards, the sample city on them, and the sample report generator."""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import shapely

from smartcity.exceptions import WardDataError
from smartcity.geo import GeoPoint, WardMap
from smartcity.reports import Report, ReportStatus
from smartcity.samples import _wards as packaged
from smartcity.samples import generate_reports, progress_reports, semarang, semarang_wards

START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[2]

REQUIRED_CATEGORIES = {
    "roads", "drainage", "waste", "street-lights", "trees", "flooding", "traffic", "parking",
    "street-vendors", "buildings", "water-supply", "national-roads",
}  # fmt: skip


def build_script() -> ModuleType:
    """scripts/build_sample_data.py, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        "build_sample_data", ROOT / "scripts" / "build_sample_data.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class TestPackagedWards:
    def test_the_real_city(self) -> None:
        """177 kelurahan in 16 kecamatan, a clean partition, built once."""
        ward_map = semarang_wards()
        assert (len(ward_map), len(ward_map.districts())) == (177, 16)
        assert ward_map.validate() == ()
        assert ward_map.repairs == ()
        assert semarang_wards() is ward_map

    def test_pickles(self) -> None:
        """The map travels to worker processes: pickled, it comes back equal and working."""
        ward_map = semarang_wards()
        again = pickle.loads(pickle.dumps(ward_map))  # noqa: S301 - our own bytes
        assert again == ward_map
        point = GeoPoint(-6.9904, 110.4229)
        assert again.locate(point) == ward_map.locate(point)

    def test_every_inner_point_is_in_its_ward(self) -> None:
        """The source's point about 30 m inside each ward is located in that ward."""
        ward_map = semarang_wards()
        rows = packaged.semarang_ward_rows()
        assert [row.code for row in rows] == list(ward_map)
        for row in rows:
            ward = ward_map.locate(GeoPoint(row.inner_lat, row.inner_lon))
            assert ward is not None
            assert (ward.code, ward.name, ward.district_code, ward.district_name) == (
                row.code,
                row.name,
                row.district_code,
                row.district_name,
            )

    def test_equals_the_clean_geojson(self, semarang_data: Path) -> None:
        """The packaged map is the clean GeoJSON's, coordinate for coordinate, and cannot drift."""
        text = (semarang_data / "semarang_kelurahan_clean.geojson").read_text(encoding="utf-8")
        assert semarang_wards() == WardMap.from_geojson(text)

    def test_files_are_what_the_build_script_writes(self, semarang_data: Path) -> None:
        """The packaged files are byte for byte the output of scripts/build_sample_data.py."""
        files = build_script().render(semarang_data)
        data = ROOT / "src" / "smartcity" / "samples" / "data"
        assert sorted(files) == ["semarang_kelurahan.csv", "semarang_kelurahan.wkb"]
        for name, content in files.items():
            assert (data / name).read_bytes() == content, f"{name} is stale: rerun the script"

    def test_licence_and_provenance_ship_with_the_data(self) -> None:
        data = ROOT / "src" / "smartcity" / "samples" / "data"
        assert "Copyright (c) 2024 Cahya DSN" in (data / "LICENSE").read_text(encoding="utf-8")
        source = (data / "SOURCE.md").read_text(encoding="utf-8")
        assert "cahyadsn/wilayah_boundaries" in source
        assert "1.3 %" in source

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("semarang_kelurahan.wkb", b"not wkb", "not valid WKB"),
            ("semarang_kelurahan.wkb", None, "cannot read"),
        ],
    )
    def test_damaged_data_says_to_reinstall(
        self, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes | None, message: str
    ) -> None:
        real_read = packaged._read

        def read(file: str) -> bytes:
            if file != name:
                return real_read(file)
            if content is None:
                return real_read("no-such-file")
            return content

        monkeypatch.setattr(packaged, "_read", read)
        with pytest.raises(WardDataError, match=f"{message}.*reinstall smartcity"):
            packaged.semarang_wards.__wrapped__()

    def test_a_table_that_does_not_match_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        rows = packaged.semarang_ward_rows()
        monkeypatch.setattr(packaged, "semarang_ward_rows", lambda: rows[:-1])
        with pytest.raises(WardDataError, match="holds 177 wards but"):
            packaged.semarang_wards.__wrapped__()

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            (b"kode,nama\n", "unexpected columns"),
            (
                b"code,name,district_code,district_name,inner_lat,inner_lon\nx,y,z,w,north,0\n",
                "bad row",
            ),
        ],
    )
    def test_a_damaged_table_is_refused(
        self, monkeypatch: pytest.MonkeyPatch, table: bytes, message: str
    ) -> None:
        monkeypatch.setattr(packaged, "_read", lambda _: table)
        with pytest.raises(WardDataError, match=message):
            packaged.semarang_ward_rows.__wrapped__()


class TestSampleCity:
    def test_stands_on_the_real_wards(self) -> None:
        city = semarang()
        assert city.ward_map is semarang_wards()
        simpang_lima = city.place(GeoPoint(-6.9904, 110.4229))
        assert (simpang_lima.ward, simpang_lima.district) == ("33.74.07.1005", "33.74.07")

    def test_coastal_flood_rules_name_real_districts(self) -> None:
        city = semarang()
        districts = {rule.district for rule in city.router.rules if rule.district}
        assert districts == {"33.74.02", "33.74.05", "33.74.16"}
        assert districts <= set(city.ward_map.districts())

    def test_categories_and_referrals(self) -> None:
        city = semarang()
        assert set(city.categories) >= REQUIRED_CATEGORIES
        assert city.categories["water-supply"].referred
        assert city.categories["national-roads"].referred
        assert city.router.triage == "DISKOMINFO"

    def test_fire_brigade_works_around_the_clock(self) -> None:
        city = semarang()
        sunday_night = dt.datetime(2025, 6, 1, 23, tzinfo=dt.UTC)
        assert city.calendar_for("DAMKAR").is_working_time(sunday_night)
        assert not city.calendar_for("DPU").is_working_time(sunday_night)

    def test_cached(self) -> None:
        assert semarang() is semarang()


class TestGenerator:
    def test_reproducible(self) -> None:
        city = semarang()
        first = generate_reports(city, count=50, start=START, end=END, seed=3)
        again = generate_reports(city, count=50, start=START, end=END, seed=3)
        other = generate_reports(city, count=50, start=START, end=END, seed=4)
        assert first == again
        assert first != other
        assert [r.submitted_at for r in first] == sorted(r.submitted_at for r in first)
        assert all(START <= r.submitted_at < END for r in first)

    def test_points_fall_in_real_wards_across_the_city(self) -> None:
        """Points are in wards (but for a few just outside); every kecamatan gets some."""
        city = semarang()
        reports = generate_reports(city, count=600, start=START, end=END, seed=5)
        located = [city.ward_map.locate(r.location) for r in reports if r.location]
        inside = [ward for ward in located if ward is not None]
        assert 0.9 * len(reports) < len(inside) < len(reports)
        per_district = Counter(ward.district_code for ward in inside)
        assert set(per_district) == set(city.ward_map.districts())
        for report, ward in zip(reports, located, strict=True):
            assert report.location is not None
            if ward is None:  # just south of the city, in the neighbouring regency
                city_south = shapely.total_bounds([w.geometry for w in city.ward_map.values()])[1]
                assert report.location.lat < city_south

    def test_progress_keeps_the_lifecycle_legal(self) -> None:
        city = semarang()
        now = END + dt.timedelta(days=30)
        for submitted in generate_reports(city, count=40, start=START, end=END, seed=1):
            report = progress_reports(city.intake(submitted, at=submitted.submitted_at), now=now)
            assert Report.replay(report.history) == report
            assert report.updated_at <= now
            if report.status is ReportStatus.REFERRED:
                assert report.agency is None
