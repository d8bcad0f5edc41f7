"""The ``smartcity`` command line: ``smartcity demo``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    print("smartcity: no demo yet", args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
