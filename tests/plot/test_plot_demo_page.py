"""``smartcity demo --html FILE``: one valid, self-contained page that a real browser shows."""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from smartcity.__main__ import main

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class StrictParser(html.parser.HTMLParser):
    """Fails on unbalanced tags and on anything that would load from outside the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.svgs = 0
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "svg":
            self.svgs += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "link", "img", "iframe"}:
            self.problems.append(f"<{tag}> in a page that loads nothing")
        for name, value in attrs:
            inline = value is None or value.startswith(("#", "data:"))
            if name in {"src", "href", "xlink:href"} and not inline:
                self.problems.append(f"<{tag} {name}={value!r}> points outside the page")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "demo.html"
    assert main(["demo", "--count", "150", "--html", str(path)]) == 0
    return path


class TestPage:
    def test_valid_and_self_contained(self, page: Path) -> None:
        """Balanced tags, a doctype, five inline SVG figures, no outside reference."""
        parser = StrictParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        assert parser.problems == []
        assert parser.open == []
        assert parser.doctype.lower() == "doctype html"
        assert parser.svgs == 5
        assert list(page.parent.iterdir()) == [page]  # no files beside it

    def test_tables_and_captions(self, page: Path) -> None:
        text = page.read_text(encoding="utf-8")
        for expected in (
            "<h2>By agency</h2>",
            "<h2>By district (kecamatan)</h2>",
            "Reports per ward (kelurahan)",
            "Fair on-time rate per agency per month",
        ):
            assert expected in text

    def test_reproducible(self, page: Path, tmp_path: Path) -> None:
        """The same seed writes the same tables (SVG ids aside, the figures too)."""
        again = tmp_path / "again.html"
        assert main(["demo", "--count", "150", "--html", str(again)]) == 0
        first, second = page.read_text(encoding="utf-8"), again.read_text(encoding="utf-8")
        assert first.split("<h2>Pictures</h2>")[0] == second.split("<h2>Pictures</h2>")[0]

    def test_unwritable_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that cannot be written is a message on stderr and exit status 1."""
        assert main(["demo", "--count", "5", "--html", str(tmp_path / "no" / "x.html")]) == 1
        assert "smartcity:" in capsys.readouterr().err


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on the page, offline: no proxy reachable, no background traffic."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--proxy-server=127.0.0.1:9",  # nothing listens: any request would fail at once
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    return subprocess.run(  # noqa: S603 - a fixed command on our own file
        command, capture_output=True, text=True, timeout=120, check=False, env=env
    )


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("SMARTCITY_REQUIRE_SHARED_DATA"),
    reason="chromium is not installed (.ci/run installs it)",
)
class TestInABrowser:
    def test_renders_without_errors(self, page: Path, tmp_path: Path) -> None:
        """Chromium draws the page (not blank) and logs no error from the page."""
        assert CHROMIUM is not None, "CI must have chromium: .ci/run installs it"
        # A probe before anything else: an error anywhere in the page changes the title.
        probed = tmp_path / "probed.html"
        probe = (
            "<head><script>window.onerror = function () { document.title = 'PAGE' + '-ERROR'; };"
            "</script>"
        )
        probed.write_text(
            page.read_text(encoding="utf-8").replace("<head>", probe, 1), encoding="utf-8"
        )
        dom = _chromium(probed, tmp_path / "profile-dom", "--dump-dom")
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert "PAGE-ERROR" not in dom.stdout
        assert "<svg" in dom.stdout
        screenshot = tmp_path / "page.png"
        shot = _chromium(
            page,
            tmp_path / "profile-shot",
            f"--screenshot={screenshot}",
            "--window-size=1200,2400",
            "--hide-scrollbars",
        )
        assert shot.returncode == 0, shot.stderr[-2000:]
        for log in (dom.stderr, shot.stderr):
            console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
            assert console == []
            assert "Refused to" not in log  # the Content-Security-Policy blocked nothing
        pixels = imread(screenshot)[..., :3]
        assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50
        not_white = (pixels < 0.95).any(axis=-1).mean()
        assert 0.05 < not_white < 0.9
