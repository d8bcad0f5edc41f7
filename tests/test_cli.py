"""The command line: ``smartcity demo``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import shapely

from smartcity.__main__ import main
from smartcity.samples import semarang, semarang_wards
from smartcity.stats import UNKNOWN, PerformanceRow


class TestDemo:
    def test_text_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The default run prints routing by agency and district and the overdue backlog."""
        assert main(["demo", "--count", "60"]) == 0
        out = capsys.readouterr().out
        assert "Kota Semarang (sample): 60 reports" in out
        assert "by agency" in out
        assert "by district (kecamatan)" in out
        assert "overdue at 2025-06-30T16:00:00+07:00" in out
        assert "smartcity.stats.sla_performance" in out

    def test_json_is_reproducible(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same seed gives the same JSON; every report appears once."""
        assert main(["demo", "--count", "25", "--seed", "3", "--format", "json"]) == 0
        first = json.loads(capsys.readouterr().out)
        assert main(["demo", "--count", "25", "--seed", "3", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == first
        assert len(first["reports"]) == 25
        assert sum(row["received"] for row in first["by_agency"]) == 25

    def test_now_must_be_aware(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["demo", "--now", "2025-06-30T16:00:00"])
        assert info.value.code == 2
        assert "offset" in capsys.readouterr().err

    def test_real_wards_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --wards, reports are placed in the 177 packaged kelurahan."""
        assert main(["demo", "--count", "40", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        districts = {row["district_name"] for row in data["by_district"]}
        assert {"Semarang Tengah", "Gunungpati"} <= districts

    def test_wards_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--wards loads another map; reports are placed in its wards."""
        # The coastal kecamatan (the sample rules name them) and Semarang Selatan.
        kept = {"Semarang Utara", "Genuk", "Tugu", "Semarang Selatan"}
        wards = [ward for ward in semarang_wards().values() if ward.district_name in kept]
        features = [
            {
                "type": "Feature",
                "properties": {
                    "kode": ward.code,
                    "kelurahan": ward.name,
                    "kode_kecamatan": ward.district_code,
                    "kecamatan": ward.district_name,
                },
                "geometry": shapely.geometry.mapping(ward.geometry),
            }
            for ward in wards
        ]
        path = tmp_path / "selatan.geojson"
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
        )
        assert main(["demo", "--count", "30", "--wards", str(path), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert "selatan.geojson" in data["city"]
        assert len(data["reports"]) == 30
        districts = {row["district_name"] for row in data["by_district"]}
        assert districts <= {*kept, "unknown"}

    def test_broken_wards_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A broken GeoJSON gives a one-line error and exit status 1, not a traceback."""
        broken = tmp_path / "broken.geojson"
        broken.write_text("{not json", encoding="utf-8")
        assert main(["demo", "--wards", str(broken)]) == 1
        assert capsys.readouterr().err.startswith("smartcity: ")

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["frobnicate"])
        assert info.value.code == 2
        assert "usage" in capsys.readouterr().err


class TestTheDemoSpeaksTheGlossarysWords:
    @pytest.mark.parametrize("seed", [1, 7])
    def test_its_figures_are_the_statistics(
        self, capsys: pytest.CaptureFixture[str], seed: int
    ) -> None:
        """Rows carry the statistics' field names; overdue reports and figures agree."""
        assert main(["demo", "--count", "120", "--seed", str(seed), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["clock"] == semarang().schedule.primary
        fields = [field.name for field in attrs.fields(PerformanceRow)[1:]]
        for row in data["by_agency"]:
            assert ["agency", *fields] == list(row)
        for table in ("by_agency", "by_district"):
            assert sum(row["received"] for row in data[table]) == 120
            overdue = sum(row["open_overdue"] for row in data[table])
            assert overdue == sum(report["open_overdue"] for report in data["reports"])

    def test_referred_reports_are_unknown_by_agency(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A referred report has no agency: the statistics' 'unknown' group, not a new word."""
        assert main(["demo", "--count", "120", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        referred = [r for r in data["reports"] if r["referred_to"]]
        assert referred
        assert all(r["agency"] is None and r["clock_state"] == "not_started" for r in referred)
        (unknown,) = (row for row in data["by_agency"] if row["agency"] == UNKNOWN)
        assert unknown["received"] >= len(referred)
        text_run = main(["demo", "--count", "120"])
        assert text_run == 0
        out = capsys.readouterr().out
        assert "(referred)" not in out
        assert "  unknown " in out


class TestCommandLineMistakes:
    @pytest.mark.parametrize("count", ["-3", "0", "three"])
    def test_a_bad_count_names_the_demo(
        self, capsys: pytest.CaptureFixture[str], count: str
    ) -> None:
        with pytest.raises(SystemExit) as info:
            main(["demo", "--count", count])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: smartcity demo")
        assert "argument --count" in err

    def test_a_missing_property_is_told_in_command_line_terms(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        feature = {
            "type": "Feature",
            "properties": {"id": "W1", "kelurahan": "A", "kode_kecamatan": "D", "kecamatan": "D"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[110.4, -7.0], [110.41, -7.0], [110.41, -6.99], [110.4, -7.0]]],
            },
        }
        path = tmp_path / "other.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
        assert main(["demo", "--wards", str(path)]) == 1
        err = capsys.readouterr().err
        assert "use --code-property NAME" in err
        assert "from_geojson" not in err
        assert str(path) in err

    def test_a_closed_pipe_ends_quietly(self) -> None:
        """`smartcity demo | head -1`: no 'Broken pipe' message, no traceback.

        The JSON of 400 reports is larger than a pipe's buffer, so the write really fails.
        """
        process = subprocess.Popen(
            [sys.executable, "-m", "smartcity", "demo", "--count", "400", "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        process.stderr.close()
        assert process.wait(timeout=120) == 1
        assert "Broken pipe" not in err
        assert "Traceback" not in err
