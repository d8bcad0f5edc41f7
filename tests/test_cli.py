"""The command line: ``smartcity demo``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from smartcity.__main__ import main
from smartcity.samples import semarang_wards


class TestDemo:
    def test_text_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The default run prints routing by agency and district and the overdue backlog."""
        assert main(["demo", "--count", "60"]) == 0
        out = capsys.readouterr().out
        assert "Kota Semarang (sample): 60 reports" in out
        assert "by agency" in out
        assert "by district (kecamatan)" in out
        assert "open and overdue at 2025-06-30T16:00:00+07:00" in out

    def test_json_is_reproducible(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same seed gives the same JSON; every report appears once."""
        assert main(["demo", "--count", "25", "--seed", "3", "--format", "json"]) == 0
        first = json.loads(capsys.readouterr().out)
        assert main(["demo", "--count", "25", "--seed", "3", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == first
        assert len(first["reports"]) == 25
        assert sum(row["reports"] for row in first["by_agency"]) == 25

    def test_now_must_be_aware(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["demo", "--now", "2025-06-30T16:00:00"])
        assert info.value.code == 2
        assert "offset" in capsys.readouterr().err

    def test_real_wards_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --wards, reports are placed in the 177 packaged kelurahan."""
        assert main(["demo", "--count", "40", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        districts = {row["key"] for row in data["by_district"]}
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
        districts = {row["key"] for row in data["by_district"]}
        assert districts <= {*kept, "(outside the city)"}

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
