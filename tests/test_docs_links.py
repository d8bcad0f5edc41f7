"""The docs' structure, checked without building them: every public name has its reference page.

Sphinx (``-n -W`` in CI) fails on a link that does not resolve; these tests fail sooner and say
what to do: a public module without a reference page, a name that no page documents, a name
documented twice, a page outside the table of contents, a doc example that does not run.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

import smartcity

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference"

# smartcity's public modules and subpackages: every one without a leading underscore.
# Every public module and subpackage, nested ones too (smartcity.columnar.dask): no part of a
# dotted name starts with an underscore. walk_packages imports the packages to look inside them.
PUBLIC_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(smartcity.__path__, "smartcity.")
    if not any(part.startswith("_") for part in info.name.split("."))
)

_DIRECTIVE = re.compile(r"^\.\. (auto\w+):: (\S+)$", re.MULTILINE)
_OPTION = re.compile(r"^   :([\w-]+):", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]*```(\{[\w-]+\}|\w*)[ \t]*$", re.MULTILINE)
_TOCTREE = re.compile(r"^```\{toctree\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


# Info strings of a fenced block of Python: each must be one Sybil runs (it runs ```python).
_PYTHON = {"python", "py", "python3", "pycon", "ipython"}


def _page(module_name: str) -> Path:
    return REFERENCE / f"{module_name.removeprefix('smartcity.')}.md"


def _directives(path: Path) -> list[tuple[str, str, list[str]]]:
    """Each autodoc directive of a page: its kind, its target and its options."""
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _DIRECTIVE.finditer(text):
        rest = text[match.end() + 1 :].split("\n")
        options = []
        for line in rest:
            option = _OPTION.match(line)
            if not option:
                break
            options.append(option.group(1))
        found.append((match.group(1), match.group(2), options))
    return found


def _found_by_automodule(module_name: str, name: str) -> bool:
    """Whether ``automodule`` with ``:members:`` documents this name of the module's ``__all__``.

    autodoc documents the classes and functions whose ``__module__`` is the module (each
    package's ``__init__`` rewrites it); a re-exported constant needs its own ``autodata``.
    """
    value = getattr(importlib.import_module(module_name), name)
    is_code = inspect.isclass(value) or inspect.isroutine(value)
    return is_code and getattr(value, "__module__", None) == module_name


def _python_blocks(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each fenced block of Python in a Markdown text."""
    blocks, opened = [], None
    for fence in _FENCE.finditer(text):
        if opened is None:
            opened = fence
        elif fence.group(1) == "":
            if opened.group(1).lower() in _PYTHON:
                blocks.append((opened.start(), fence.end()))
            opened = None
    return blocks


def _doc_pages() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "_build" not in path.parts)


class TestEachPublicModuleHasAReferencePage:
    @pytest.mark.parametrize("module_name", PUBLIC_MODULES)
    def test_page_documents_the_module_with_its_members(self, module_name: str) -> None:
        """docs/reference/<module>.md runs ``automodule`` on it, with members, indexed."""
        page = _page(module_name)
        assert page.is_file(), f"{module_name} has no reference page: write {page}"
        automodules = [d for d in _directives(page) if d[0] == "automodule"]
        assert [(target, "members" in options) for _, target, options in automodules] == [
            (module_name, True)
        ], f"{page.name} needs one '.. automodule:: {module_name}' with ':members:'"

    @pytest.mark.parametrize("module_name", PUBLIC_MODULES)
    def test_every_exported_name_is_on_the_page(self, module_name: str) -> None:
        """Each name of ``__all__`` is documented: by ``automodule``, or by its own directive."""
        explicit = {target for _, target, _ in _directives(_page(module_name))}
        missing = [
            name
            for name in importlib.import_module(module_name).__all__
            if not _found_by_automodule(module_name, name)
            and f"{module_name}.{name}" not in explicit
        ]
        assert missing == [], (
            f"add '.. autodata:: {module_name}.<name>' to {_page(module_name).name} for {missing}"
        )

    def test_no_reference_page_is_left_out_of_the_index(self) -> None:
        """A reference page without a public module is stale; a stray name is not a page."""
        pages = {path.stem for path in REFERENCE.glob("*.md")} - {"index"}
        assert pages == {name.removeprefix("smartcity.") for name in PUBLIC_MODULES}


class TestEachNameIsDocumentedOnce:
    def test_no_page_uses_no_index(self) -> None:
        """``:no-index:`` makes links to a name dead text; no reference page uses it."""
        offenders = [
            f"{path.name}: {target}"
            for path in REFERENCE.glob("*.md")
            for _, target, options in _directives(path)
            if "no-index" in options
        ]
        assert offenders == []

    def test_each_object_is_described_once_in_all_the_docs(self) -> None:
        """Two descriptions of one object are a Sphinx warning, and two pages to link to."""
        described = []
        for path in _doc_pages():
            for kind, target, options in _directives(path):
                described.append(target)
                if kind == "automodule" and "members" in options:
                    module = importlib.import_module(target)
                    described.extend(
                        f"{target}.{name}"
                        for name in module.__all__
                        if _found_by_automodule(target, name)
                    )
        assert sorted({t for t in described if described.count(t) > 1}) == []

    def test_top_level_page_lists_its_names_without_documenting_them(self) -> None:
        """``smartcity`` re-exports names; its page links each to its one description."""
        page = REFERENCE / "index.md"
        assert _directives(page) == [("automodule", "smartcity", ["no-members"])]
        text = page.read_text(encoding="utf-8")
        unlisted = [
            name
            for name in smartcity.__all__
            if f"`~{getattr(smartcity, name).__module__}.{name}`" not in text
        ]
        assert unlisted == [], f"link these from {page.name} to their subpackage: {unlisted}"

    @pytest.mark.parametrize("name", smartcity.__all__)
    def test_top_level_name_lives_in_a_documented_subpackage(self, name: str) -> None:
        """A top-level name's home is a public subpackage that documents it."""
        home = getattr(smartcity, name).__module__
        assert home in PUBLIC_MODULES
        assert name in importlib.import_module(home).__all__


class TestTableOfContents:
    def test_index_has_the_four_parts(self) -> None:
        """Diátaxis: tutorial, how-to guides, explanation, reference, in that order."""
        captions = re.findall(r"^:caption: (.+)$", (DOCS / "index.md").read_text(), re.MULTILINE)
        assert captions == ["Tutorial", "How-to guides", "Explanation", "Reference"]

    def test_every_page_is_in_a_table_of_contents_once(self) -> None:
        """A page outside every toctree cannot be reached; one in two is listed twice."""
        listed = []
        for path in _doc_pages():
            for block in _TOCTREE.findall(path.read_text(encoding="utf-8")):
                entries = [line for line in block.splitlines() if line and ":" not in line]
                folder = path.parent.relative_to(DOCS)
                listed.extend((folder / entry).as_posix() for entry in entries)
        pages = [path.relative_to(DOCS).with_suffix("").as_posix() for path in _doc_pages()]
        assert sorted(listed) == sorted(page for page in pages if page != "index")


class TestEveryDocBlockRuns:
    @pytest.mark.parametrize(
        "path", [*_doc_pages(), ROOT / "README.md"], ids=lambda path: path.name
    )
    def test_every_python_block_is_collected(self, path: Path) -> None:
        """Sybil, as conftest.py configures it, finds an example in each ```python block."""
        text = path.read_text(encoding="utf-8")
        starts = [example.region.start for example in Sybil([PythonCodeBlockParser()]).parse(path)]
        silent = [
            text.count("\n", 0, start) + 1
            for start, end in _python_blocks(text)
            if not any(start <= at < end for at in starts)
        ]
        assert silent == [], f"{path.name}: the blocks at lines {silent} never run"

    @pytest.mark.parametrize(
        "path", [*_doc_pages(), ROOT / "README.md"], ids=lambda path: path.name
    )
    def test_no_block_is_marked_to_be_skipped(self, path: Path) -> None:
        """No "skip" marker: a block that needs the real data runs where ../shared is."""
        markers = re.findall(
            r"^[ \t]*(?:%|<!--)[ \t]*(?:skip|invisible-code)", path.read_text(), re.MULTILINE
        )
        assert markers == []
