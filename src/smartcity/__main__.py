"""The ``smartcity`` command line: ``smartcity demo``.

The one place in the package that prints, and, for ``--wards FILE``, the one place that reads a
file of the user's. By default the reports are placed in Semarang's real kelurahan, packaged with
the library; everything else is computed from seeded sample data: no clock, no network.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pendulum

from smartcity._demo import DemoSummary, run_demo
from smartcity.desk import City
from smartcity.exceptions import SmartCityError
from smartcity.geo import WardMap
from smartcity.samples import semarang

DEFAULT_NOW = "2025-06-30T16:00:00+07:00"
_PROGRESS_FROM = 2_000  # batches at least this large show a progress bar on stderr


def _now(text: str) -> pendulum.DateTime:
    try:
        parsed = pendulum.parse(text, exact=True, tz=None)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as error:
        msg = f"--now {text!r} is not an ISO 8601 datetime: {error}"
        raise argparse.ArgumentTypeError(msg) from None
    if not isinstance(parsed, pendulum.DateTime) or parsed.tzinfo is None:
        msg = f"--now {text!r} needs a date, a time and an offset, e.g. {DEFAULT_NOW}"
        raise argparse.ArgumentTypeError(msg)
    return parsed


def _city(wards: Path | None) -> City:
    sample = semarang()
    if wards is None:
        return sample
    ward_map = WardMap.from_geojson(wards.read_text(encoding="utf-8"))
    return City.build(
        f"{sample.name.removesuffix(' (sample)')} ({wards.name})",
        ward_map=ward_map,
        router=sample.router,
        calendar=sample.calendar,
        schedule=sample.schedule,
    )


def _progress_bar(done: int, total: int) -> None:
    if done % max(total // 100, 1) and done != total:
        return
    width = 40
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} reports")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _print_table(summary: DemoSummary) -> None:
    print(
        f"{summary.city}: {len(summary.reports):,} reports over the 90 days before "
        f"{summary.now.isoformat()}"
    )
    print("Deadline: the follow-up clock of the city's SLA schedule (5 working days; 14 or 60")
    print("for complaints that need desk work or a field inspection), on the agency's calendar;")
    print("late: resolved after the deadline, or still open past it\n")
    for title, field in (("agency", "agency"), ("district (kecamatan)", "district")):
        print(f"{'by ' + title:<34} {'reports':>8} {'open':>6} {'late':>6}")
        for key, total, still_open, overdue in summary.by(field):
            print(f"  {key:<32} {total:>8} {still_open:>6} {overdue:>6}")
        print()
    referred = [r for r in summary.reports if r.referred_to]
    print(f"referred to other authorities: {len(referred)}")
    for authority, count in sorted(
        {
            r.referred_to: sum(x.referred_to == r.referred_to for x in referred) for r in referred
        }.items()
    ):
        print(f"  {authority:<32} {count:>8}")
    late = sorted(
        (r for r in summary.reports if r.overdue and r.open),
        key=lambda r: (r.due, r.report_id),
    )
    print(f"\nopen and overdue at {summary.now.isoformat()}: {len(late)} (oldest first)")
    print(f"  {'report':<9} {'category':<15} {'agency':<11} {'status':<21} due")
    for r in late[:10]:
        due = r.due.strftime("%Y-%m-%d %H:%M %z") if r.due else "-"
        print(f"  {r.report_id:<9} {r.category:<15} {r.agency or '-':<11} {r.status:<21} {due}")


def _demo(args: argparse.Namespace) -> int:
    city = _city(args.wards)
    show_progress = args.count >= _PROGRESS_FROM and args.format == "text"
    summary = run_demo(
        city,
        count=args.count,
        seed=args.seed,
        now=args.now,
        progress=_progress_bar if show_progress else None,
    )
    if args.format == "json":
        print(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_table(summary)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="smartcity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo", help="take in a batch of sample reports and show routing, deadlines and backlog"
    )
    demo.add_argument("--count", type=int, default=300, help="how many reports (default 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument(
        "--now",
        type=_now,
        default=_now(DEFAULT_NOW),
        help=f"the instant to report at ({DEFAULT_NOW})",
    )
    demo.add_argument(
        "--wards",
        type=Path,
        help="a GeoJSON file of other ward boundaries (default: Semarang's 177 packaged kelurahan)",
    )
    demo.add_argument("--format", choices=("text", "json"), default="text")
    demo.set_defaults(run=_demo)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.count < 0:
        parser.error("--count must be >= 0")
    try:
        result: int = args.run(args)
    except (SmartCityError, OSError) as error:
        print(f"smartcity: {error}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    raise SystemExit(main())
