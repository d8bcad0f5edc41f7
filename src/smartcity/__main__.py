"""The ``smartcity`` command line: ``smartcity demo``.

The one place in the package that prints, and, for ``--wards FILE``, the one place that reads a
file of the user's. By default the reports are placed in Semarang's real kelurahan, packaged with
the library; everything else is computed from seeded sample data: no clock, no network.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pendulum

from smartcity._demo import COLUMNS, DemoSummary, cell, run_demo
from smartcity.desk import City
from smartcity.exceptions import SmartCityError, WardDataError
from smartcity.geo import WardMap
from smartcity.samples import semarang
from smartcity.stats import SlaPerformance

DEFAULT_NOW = "2025-06-30T16:00:00+07:00"
_PROGRESS_FROM = 2_000  # batches at least this large show a progress bar on stderr
_OPTION_ADVICE = re.compile(r"pass (?P<option>\w+)= to from_geojson")


def _count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        msg = f"--count {text!r} is not a whole number"
        raise argparse.ArgumentTypeError(msg) from None
    if count < 1:
        msg = f"the demo needs at least 1 report, not {count}"
        raise argparse.ArgumentTypeError(msg)
    return count


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


def _city(args: argparse.Namespace) -> City:
    sample = semarang()
    if args.wards is None:
        return sample
    try:
        ward_map = WardMap.from_geojson(
            args.wards.read_text(encoding="utf-8"),
            code=args.code_property,
            name=args.name_property,
            district_code=args.district_code_property,
            district_name=args.district_name_property,
        )
    except WardDataError as error:
        # The library's advice names from_geojson's options; say it in command-line terms.
        message = _OPTION_ADVICE.sub(
            lambda m: f"use --{m['option'].replace('_', '-')}-property NAME", str(error)
        )
        raise WardDataError(f"{args.wards}: {message}") from error
    name = f"{sample.name.removesuffix(' (sample)')} ({args.wards.name})"
    return sample.with_ward_map(ward_map).with_name(name)


def _progress_bar(done: int, total: int) -> None:
    if done % max(total // 100, 1) and done != total:
        return
    width = 40
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} reports")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _print_rows(title: str, performance: SlaPerformance, label: Callable[[str], str]) -> None:
    widths = [max(len(header), 5) for header, _field in COLUMNS]
    headers = " ".join(f"{h:>{w}}" for (h, _f), w in zip(COLUMNS, widths, strict=True))
    print(f"{'by ' + title:<30} {headers}")
    for row in performance:
        cells = " ".join(
            f"{cell(row, field):>{w}}" for (_h, field), w in zip(COLUMNS, widths, strict=True)
        )
        print(f"  {label(row.group[0][1])[:28]:<28} {cells}")
    print()


def _print_table(summary: DemoSummary) -> None:
    print(
        f"{summary.city}: {len(summary.reports):,} reports over the 90 days before "
        f"{summary.now.isoformat()}"
    )
    print(
        f"Figures: smartcity.stats.sla_performance, by the primary clock {summary.clock!r} of "
        f"the city's SLA schedule."
    )
    print("Words as in the docs' glossary: on time, on track, overdue, on-time rate, unknown.\n")
    _print_rows("agency", summary.by_agency, str)
    _print_rows("district (kecamatan)", summary.by_district, summary.district_name)
    referred = Counter(r.referred_to for r in summary.reports if r.referred_to)
    print(f"referred to other authorities: {sum(referred.values())}")
    for authority, count in sorted(referred.items()):
        print(f"  {authority:<32} {count:>8}")
    overdue = sorted(
        (r for r in summary.reports if r.open_overdue), key=lambda r: (r.due, r.report_id)
    )
    print(f"\noverdue at {summary.now.isoformat()}: {len(overdue)} (oldest deadline first)")
    print(f"  {'report':<9} {'category':<15} {'agency':<11} {'status':<21} due")
    for r in overdue[:10]:
        due = r.due.strftime("%Y-%m-%d %H:%M %z") if r.due else "-"
        print(f"  {r.report_id:<9} {r.category:<15} {r.agency or '-':<11} {r.status:<21} {due}")


def _demo(args: argparse.Namespace) -> int:
    city = _city(args)
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
    if args.html is not None:
        from smartcity._demo_page import demo_page  # noqa: PLC0415 - needs smartcity[plot]

        args.html.write_text(demo_page(summary, city), encoding="utf-8")
        print(f"smartcity: wrote {args.html}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="smartcity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo", help="take in a batch of sample reports and show routing, deadlines and backlog"
    )
    demo.add_argument(
        "--count", type=_count, default=300, help="how many reports, at least 1 (default 300)"
    )
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
    for option, default, what in (
        ("code", "kode", "ward code"),
        ("name", "kelurahan", "ward name"),
        ("district-code", "kode_kecamatan", "district code"),
        ("district-name", "kecamatan", "district name"),
    ):
        demo.add_argument(
            f"--{option}-property",
            default=default,
            metavar="NAME",
            help=f"with --wards: the GeoJSON property that holds the {what} (default {default})",
        )
    demo.add_argument("--format", choices=("text", "json"), default="text")
    demo.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="also write the tables and the pictures as one self-contained HTML page to FILE "
        "(needs smartcity[plot])",
    )
    demo.set_defaults(run=_demo)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        result: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left (``smartcity demo | head``): as the Python docs advise, point stdout
        # at devnull so that the interpreter's final flush does not fail again, and stop.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (SmartCityError, OSError) as error:
        print(f"smartcity: {error}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    raise SystemExit(main())
