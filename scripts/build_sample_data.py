"""Build the packaged Semarang ward data from ``../shared/data/semarang``.

Run from the repository root: ``uv run python scripts/build_sample_data.py``. It reads the
clean kelurahan partition (``semarang_kelurahan_clean.geojson``) and the Kemendagri code list
(``semarang_wilayah.csv``), checks that they agree, and writes into
``src/smartcity/samples/data/``:

* ``semarang_kelurahan.wkb``: the 177 ward boundaries as one WKB GeometryCollection
  (little-endian, 2D), in code order; the coordinates are the GeoJSON's, bit for bit;
* ``semarang_kelurahan.csv``: one row per ward, in the same order: code, name, district code,
  district name, and the source's point about 30 m inside the ward.

``--check`` writes nothing and exits with status 1 when the packaged files differ from what
the script would write. The files are never edited by hand; rerun this script instead.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "semarang"
TARGET = ROOT / "src" / "smartcity" / "samples" / "data"
GEOMETRY = "semarang_kelurahan.wkb"
TABLE = "semarang_kelurahan.csv"
COLUMNS = ("code", "name", "district_code", "district_name", "inner_lat", "inner_lon")


def render(source: Path) -> dict[str, bytes]:
    """Return the packaged files' names and contents, built from the files in ``source``."""
    collection = json.loads((source / "semarang_kelurahan_clean.geojson").read_text("utf-8"))
    features = sorted(collection["features"], key=lambda feature: feature["properties"]["kode"])
    with (source / "semarang_wilayah.csv").open(encoding="utf-8", newline="") as file:
        official = {
            row["kode"]: (row["nama"], row["kode_kecamatan"], row["nama_kecamatan"])
            for row in csv.DictReader(file)
            if row["tingkat"] == "kelurahan"
        }
    rows = []
    geometries = []
    for feature in features:
        props = feature["properties"]
        fields = (props["kelurahan"], props["kode_kecamatan"], props["kecamatan"])
        if official.get(props["kode"]) != fields:
            msg = f"{props['kode']}: {fields} differs from semarang_wilayah.csv"
            raise SystemExit(msg)
        geometry = shapely.geometry.shape(feature["geometry"])
        if not geometry.is_valid:
            raise SystemExit(f"{props['kode']}: invalid geometry")
        geometries.append(geometry)
        rows.append((props["kode"], *fields, repr(props["inner_lat"]), repr(props["inner_lng"])))
    if len(rows) != len(official):
        raise SystemExit(f"{len(rows)} features but {len(official)} kelurahan in the code list")
    table = io.StringIO(newline="")
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    wkb = shapely.to_wkb(shapely.GeometryCollection(geometries), byte_order=1, output_dimension=2)
    return {GEOMETRY: bytes(wkb), TABLE: table.getvalue().encode("utf-8")}


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the packaged files; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true", help="compare; write nothing")
    args = parser.parse_args(argv)
    files = render(args.source)
    stale = [
        name
        for name, data in files.items()
        if not (TARGET / name).is_file() or (TARGET / name).read_bytes() != data
    ]
    if args.check:
        for name in stale:
            print(f"{TARGET / name} is stale; rerun scripts/build_sample_data.py")
        return 1 if stale else 0
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
        print(f"wrote {TARGET / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
