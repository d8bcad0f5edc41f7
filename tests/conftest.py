"""Shared test set-up: Hypothesis profiles and the raw Semarang source data in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# SMARTCITY_SHARED_DATA_DIR points the tests elsewhere, e.g. at a missing folder to run them as
# on a fresh clone: only the tests that compare with the raw source data then skip.
SHARED_DATA = Path(
    os.environ.get("SMARTCITY_SHARED_DATA_DIR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semarang"
)


@pytest.fixture(scope="session")
def semarang_data() -> Path:
    """The folder with the raw Semarang source data; skips (or fails in CI) when absent.

    Only tests of the source files themselves need it (the raw, overlapping boundaries, and
    the checks that the packaged data still equals its source): everything else uses the
    wards packaged with the library, `smartcity.samples.semarang_wards`.
    """
    if not (SHARED_DATA / "semarang_kelurahan.geojson").is_file():
        message = f"the real Semarang data is not at {SHARED_DATA}"
        if os.environ.get("SMARTCITY_REQUIRE_SHARED_DATA"):
            pytest.fail(message + " (SMARTCITY_REQUIRE_SHARED_DATA is set)")
        pytest.skip(message)
    return SHARED_DATA
