"""Sphinx configuration for the smartcity docs."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from sphinx.application import Sphinx

project = "smartcity"
author = "The smartcity developers"
copyright = "2026, The smartcity developers"
release = importlib.metadata.version("smartcity")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
nitpicky = False

html_theme = "furo"
html_title = "smartcity"


# -- pictures: pictures.md's code blocks (run by the test suite too) draw the figures ----------

_DOCS = Path(__file__).resolve().parent
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _draw_pictures(app: Sphinx) -> None:  # noqa: ARG001 - Sphinx's event signature
    """Run the page's Python blocks in order and save each figure they leave as an SVG."""
    from matplotlib.figure import Figure  # noqa: PLC0415 - only the docs build needs it

    page = _DOCS / "pictures.md"
    namespace: dict[str, object] = {"__name__": "pictures"}
    for block in _PYTHON_BLOCK.findall(page.read_text(encoding="utf-8")):
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102 - our own docs
    generated = _DOCS / "_generated"
    generated.mkdir(exist_ok=True)
    for name, value in namespace.items():
        if isinstance(value, Figure):
            value.savefig(generated / f"{name}.svg", format="svg", metadata={"Date": None})


def setup(app: Sphinx) -> None:
    """Draw the pictures before the pages are read."""
    app.connect("builder-inited", _draw_pictures)
