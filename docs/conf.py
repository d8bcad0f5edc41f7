"""Sphinx configuration for the smartcity docs."""

from __future__ import annotations

import enum
import importlib
import importlib.metadata
import pkgutil
import re
import sys
import typing
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer

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
# Types are shown for the parameters a docstring describes, not for every attrs field: the
# packages show their public module as ``__module__``, so autodoc evaluates a class's
# annotations there, fails, and would print the private aliases they are written with.
autodoc_typehints_description_target = "documented"
napoleon_attr_annotations = False
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
nitpicky = True
# Every reference to a smartcity name must resolve. The build fetches no inventories (CI has
# no network), so links to types of the standard library and of third-party packages cannot
# resolve: they are listed here, and only they. Never add a smartcity name to this list.
nitpick_ignore_regex = [
    # The standard library, also as the modules' own alias (``import datetime as dt``).
    ("py:.*", r"(datetime|dt|collections\.abc|enum)\..+"),
    # numpy, also as ``np`` and ``npt``, and its private typing helpers in expanded signatures.
    ("py:.*", r"(numpy|np|npt)\..+"),
    # pendulum, shapely, hypothesis.
    ("py:.*", r"(pendulum|shapely|hypothesis)\..+"),
    # attrs and cattrs.
    ("py:.*", r"c?attrs?\..+"),
    # matplotlib (the plot extra), also as the bare ``Figure`` of smartcity.plot's annotations.
    ("py:.*", r"matplotlib\..+"),
    ("py:class", r"Figure"),
]

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


import smartcity  # noqa: E402 - after the settings, which it does not need

# smartcity and each of its public modules and subpackages, nested ones too (no part of the
# dotted name starts with an underscore).
PUBLIC_PACKAGES = [
    "smartcity",
    *(
        info.name
        for info in pkgutil.walk_packages(smartcity.__path__, "smartcity.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ),
]


def _constant_docs() -> dict[str, list[str]]:
    """The docstring of each public constant, read from the private module that defines it.

    A package's ``__init__`` re-exports its constants (``MISSING``, ``TRANSITIONS``, ...), but
    autodoc reads a constant's docstring (the string after its assignment) only from the module
    it documents, here the package, and ``automodule`` leaves such constants out: each reference
    page lists them with ``autodata``, and this finds their docstrings in the private modules.
    """
    found: dict[str, list[str]] = {}
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        if not hasattr(module, "__path__"):
            continue
        for info in pkgutil.iter_modules(module.__path__, f"{package}."):
            docs = ModuleAnalyzer.for_module(info.name).find_attr_docs()
            for (namespace, name), lines in docs.items():
                if not namespace and name in module.__all__:
                    found[f"{package}.{name}"] = list(lines)
    return found


def _constant_docstring(  # noqa: PLR0917 - Sphinx passes these positionally
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Give a re-exported constant the docstring written in its private module.

    A constant without one gets no text, rather than the docstring of its type (``str``).
    """
    del app, options
    if what == "data" and name in _CONSTANT_DOCS:
        lines[:] = [*_CONSTANT_DOCS[name], ""]
    elif what == "data" and "\n".join(lines).strip() == (type(obj).__doc__ or "").strip():
        lines.clear()


_CONSTANT_DOCS = _constant_docs()


def _keep_enum_members(  # noqa: PLR0917 - Sphinx passes these positionally
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    skip: bool,  # noqa: FBT001 - Sphinx passes it positionally
    options: object,
) -> bool | None:
    """Document every member of an enum (``ClockState.MET``), so that links to it resolve."""
    del app, name, skip, options
    return False if what == "class" and isinstance(obj, enum.Enum) else None


def _type_variable_as_text(
    app: Sphinx, env: object, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.TextElement | None:
    """Show a type variable (``_T`` in ``type[_T]``) as its name: it has no page to link to.

    Only an object that really is a :class:`typing.TypeVar` of the module being documented (or
    of one of its private modules) is shown as text; any other missing target still fails.
    """
    del app, env
    module, target = node.get("py:module") or "", node["reftarget"]
    owner, _, name = target.rpartition(".")
    homes = [owner] if owner else [module, *(m for m in sys.modules if m.startswith(f"{module}._"))]
    for home in homes:
        if isinstance(getattr(sys.modules.get(home), name, None), typing.TypeVar):
            return contnode
    return None


def setup(app: Sphinx) -> None:
    """Draw the pictures; document constants and enum members; show type variables as text."""
    app.connect("builder-inited", _draw_pictures)
    app.connect("autodoc-process-docstring", _constant_docstring)
    app.connect("autodoc-skip-member", _keep_enum_members)
    app.connect("missing-reference", _type_variable_as_text)
