"""The GeoReport v2 JSON Schemas of open311/schema-validation, read from ../shared/open311."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

# Read from the shared folder, never copied: the schemas carry no licence (see SOURCE.md).
SCHEMAS = Path(
    os.environ.get("SMARTCITY_OPEN311_SCHEMA_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "open311" / "georeport-v2-schema"
)


@pytest.fixture(scope="session")
def georeport_schema() -> Callable[[str], jsonschema.Draft4Validator]:
    """A validator for a schema file name, its ``$ref`` resolved among the other files.

    Skips when the folder is absent, and fails when ``SMARTCITY_REQUIRE_SHARED_DATA`` is set.
    """
    if not (SCHEMAS / "services.json").is_file():
        message = f"the GeoReport v2 schemas are not at {SCHEMAS}"
        if os.environ.get("SMARTCITY_REQUIRE_SHARED_DATA"):
            pytest.fail(message + " (SMARTCITY_REQUIRE_SHARED_DATA is set)")
        pytest.skip(message)
    contents = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in SCHEMAS.glob("*.json")
        if path.name != "swagger.json"
    }
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT4))
        for name, schema in contents.items()
    )

    def validator(name: str) -> jsonschema.Draft4Validator:
        return jsonschema.Draft4Validator(
            contents[name],
            registry=registry,
            format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER,
        )

    return validator
