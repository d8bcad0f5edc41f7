"""The command line."""

from __future__ import annotations

import pytest

from smartcity.__main__ import main


class TestDemo:
    def test_demo_prints_the_lebaran_deadline(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 2024-04-05 receipt is due Mon 2024-04-22 at 16:00, as in the contract."""
        assert main(["demo"]) == 0
        out = capsys.readouterr().out
        assert "Fri 2024-04-05 14:00" in out
        assert "Mon 2024-04-22 16:00" in out

    def test_unknown_command_exits_with_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["frobnicate"])
        assert info.value.code == 2
        assert "usage" in capsys.readouterr().err
