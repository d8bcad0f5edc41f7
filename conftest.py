"""Run every Python example in the README and the docs as part of the test suite (Sybil)."""

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

# No SkipParser: every block runs (a "% skip" marker would be a plain comment).
pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser()],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
).pytest()
