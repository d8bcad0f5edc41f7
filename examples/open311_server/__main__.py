"""Start the reference Open311 server: ``uv run python -m examples.open311_server``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from werkzeug.serving import make_server

from examples.open311_server.app import create_app
from examples.open311_server.store import ReportStore
from smartcity.samples import semarang


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m examples.open311_server",
        description="A reference Open311 GeoReport v2 server for the sample city of Semarang.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=8311, help="the port (default: 8311; 0 picks a free one)"
    )
    parser.add_argument(
        "--db",
        default=":memory:",
        help="the SQLite file that keeps the reports (default: none kept, :memory:)",
    )
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="a key POSTs must send as api_key (repeat for more); also opens /admin",
    )
    parser.add_argument(
        "--language", choices=("id", "en"), default="id", help="of service names (default: id)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted (Ctrl-C); return the exit status."""
    args = _parser().parse_args(argv)
    city = semarang()
    zone = ZoneInfo(city.calendar.tz)
    store = ReportStore(args.db)
    app = create_app(
        city=city,
        store=store,
        # The one place that reads the real clock: the library takes instants as arguments.
        clock=lambda: dt.datetime.now(zone),
        api_keys=args.api_keys,
        language=args.language,
    )
    server = make_server(args.host, args.port, app, threaded=True)
    print(
        f"Open311 server for Semarang on http://{args.host}:{server.port}/ "
        f"(try /discovery.json or /services.xml); Ctrl-C stops it",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
