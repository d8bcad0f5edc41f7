"""Sphinx configuration for the smartcity docs."""

from __future__ import annotations

import importlib.metadata

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
exclude_patterns = ["_build"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
nitpicky = False

html_theme = "furo"
html_title = "smartcity"
