"""Benchmark loading the packaged Semarang wards, and report the wheel's size.

Run from the repository root: ``uv run python benchmarks/bench_samples.py``. It prints:

* ``semarang_wards()`` in a fresh process: importing smartcity, then the first call (which
  reads the packaged files and builds the map), median of 5 processes; and the cached call;
* the three packaged forms considered, each read and built in this process (best and median of
  9 interleaved rounds): the
  clean GeoJSON through ``WardMap.from_geojson``, the same GeoJSON gzip-compressed, and the WKB
  the package ships (``shapely.from_wkb`` + ``WardMap.from_wards``), with what each costs
  beyond building the map from ready `Ward` objects (the index, the same for all three);
* the size of each form, and of the wheel that ``uv build --wheel`` makes.

The GeoJSON is ``../shared/data/semarang/semarang_kelurahan_clean.geojson`` when present, or
else the same wards written as GeoJSON here.
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import zipfile
from collections.abc import Callable
from pathlib import Path

import shapely

from smartcity.geo import WardMap
from smartcity.samples import _wards, semarang_wards

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT.parent / "shared" / "data" / "semarang" / "semarang_kelurahan_clean.geojson"
DATA = ROOT / "src" / "smartcity" / "samples" / "data"
RUNS = 5
ROUNDS = 9
FRESH = """
import time
start = time.perf_counter()
from smartcity.samples import semarang_wards
imported = time.perf_counter()
semarang_wards()
print(imported - start, time.perf_counter() - imported)
"""


def median_s(function: Callable[[], object], runs: int = RUNS) -> float:
    """Median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def geojson_text(ward_map: WardMap) -> str:
    """The wards as a GeoJSON FeatureCollection with the Semarang property names."""
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
        for ward in ward_map.values()
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


def main() -> int:
    # --- a fresh process: import, then the first call -----------------------------------------
    fresh = []
    for _ in range(RUNS):
        out = subprocess.run(  # noqa: S603 - this Python, a fixed script
            [sys.executable, "-c", FRESH], check=True, capture_output=True, text=True
        ).stdout
        imported_s, first_s = (float(value) for value in out.split())
        fresh.append((imported_s, first_s))
    import_s = statistics.median(i for i, _ in fresh)
    first_s = statistics.median(f for _, f in fresh)
    ward_map = semarang_wards()
    cached_s = min(timeit.repeat(semarang_wards, number=100_000, repeat=3)) / 100_000
    print(f"semarang_wards(): {len(ward_map)} wards, {len(ward_map.districts())} districts")
    print(f"  fresh process, import smartcity.samples (median of {RUNS}): {import_s * 1e3:6.0f} ms")
    print(f"  fresh process, first call (median of {RUNS}):               {first_s * 1e3:6.0f} ms")
    print(f"  cached call:                                            {cached_s * 1e9:6.0f} ns")

    # --- the packaged forms, read and built in this process --------------------------------------
    if CLEAN.is_file():
        text = CLEAN.read_text(encoding="utf-8")
        source = CLEAN.name
    else:
        text = geojson_text(ward_map)
        source = "the packaged wards written as GeoJSON (../shared is absent)"
    compressed = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    wkb = (DATA / "semarang_kelurahan.wkb").read_bytes()
    wards = list(ward_map.values())
    assert WardMap.from_geojson(text) == ward_map
    assert WardMap.from_geojson(gzip.decompress(compressed)) == ward_map
    assert _wards.semarang_wards.__wrapped__() == ward_map

    forms: list[tuple[str, Callable[[], object]]] = [
        ("ready Ward objects (the index alone)", lambda: WardMap.from_wards(wards)),
        (f"GeoJSON text ({len(text.encode('utf-8')):,} B)", lambda: WardMap.from_geojson(text)),
        (
            f"GeoJSON gzip ({len(compressed):,} B)",
            lambda: WardMap.from_geojson(gzip.decompress(compressed)),
        ),
        (f"WKB, shipped ({len(wkb):,} B)", _wards.semarang_wards.__wrapped__),
    ]
    # The machine is shared and noisy: run the forms in turn, round after round, and compare
    # the best round of each.
    times: list[list[float]] = [[] for _ in forms]
    for _ in range(ROUNDS):
        for seconds, (_, build) in zip(times, forms, strict=True):
            seconds.append(median_s(build, runs=1))
    index_s = min(times[0])
    print()
    print(f"build the map from each form (best and median of {ROUNDS} interleaved rounds)")
    print(f"GeoJSON: {source}")
    for (label, _), seconds in zip(forms, times, strict=True):
        best = min(seconds)
        extra = f"reading {(best - index_s) * 1e3:+4.0f} ms" if seconds is not times[0] else ""
        print(
            f"  {label:<38} best {best * 1e3:5.0f} ms, median "
            f"{statistics.median(seconds) * 1e3:5.0f} ms  {extra}"
        )

    # --- the wheel ---------------------------------------------------------------------------
    uv = shutil.which("uv")
    if uv is None:
        print("\nwheel: uv not found, not built")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(  # noqa: S603 - uv from PATH, fixed arguments
            [uv, "build", "--wheel", "--out-dir", folder, str(ROOT)],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(folder).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            infos = archive.infolist()
        data = [info for info in infos if "/samples/data/" in info.filename]
        print()
        print(f"wheel {wheel.name}: {wheel.stat().st_size:,} B")
        print(
            f"  of which the Semarang data: {sum(i.compress_size for i in data):,} B compressed "
            f"({sum(i.file_size for i in data):,} B installed)"
        )
        for info in data:
            print(f"    {info.filename:<45} {info.compress_size:>8,} B ({info.file_size:,} B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
