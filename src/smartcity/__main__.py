"""The ``smartcity`` command line: ``smartcity demo``.

The one place in the package that prints. Everything it shows is computed by the library from
fixed sample data: no clock, no network.
"""

from __future__ import annotations

import argparse
import sys

import pendulum

from smartcity.sla import WorkingCalendar

_SAMPLE_RECEIPTS = (
    ("Fri before Lebaran 2024", pendulum.datetime(2024, 4, 5, 14, tz="Asia/Jakarta")),
    ("Mon, ordinary week", pendulum.datetime(2024, 6, 3, 9, 15, tz="Asia/Jakarta")),
    ("Sat, received on a weekend", pendulum.datetime(2024, 6, 8, 20, tz="Asia/Jakarta")),
    ("Independence Day 2025", pendulum.datetime(2025, 8, 17, 8, tz="Asia/Jakarta")),
    ("Ramadan 2026, Friday", pendulum.datetime(2026, 3, 6, 10, tz="Asia/Jakarta")),
    ("Before Christmas 2026", pendulum.datetime(2026, 12, 23, 15, tz="Asia/Jakarta")),
)


def _demo(args: argparse.Namespace) -> int:
    calendar = WorkingCalendar.indonesia(years=range(2024, 2028))
    days = args.days
    print(f"Deadlines of {days} working days on the Indonesian government calendar")
    print("(national holidays and cuti bersama; Perpres 21/2023 hours; Ramadan hours)\n")
    print(f"{'receipt':<28} {'received (WIB)':<22} {'due (close of business)':<24} closed days")
    for label, received in _SAMPLE_RECEIPTS:
        due = calendar.add_working_days(received, days)
        skipped = calendar.closures(received.date(), due.date())
        print(
            f"{label:<28} {received.format('ddd YYYY-MM-DD HH:mm'):<22} "
            f"{due.format('ddd YYYY-MM-DD HH:mm'):<24} {len(skipped)}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="smartcity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show 5-working-day deadlines of sample reports")
    demo.add_argument("--days", type=int, default=5, help="working days to add (default 5)")
    demo.set_defaults(run=_demo)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
