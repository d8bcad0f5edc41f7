"""The demo as one self-contained HTML page: its tables and its pictures, inline.

Pure: it returns the page as text; the command line writes it (``smartcity demo --html FILE``).
The page loads nothing: the figures are inline SVG (glyphs as paths, so no font either), the
style is inline, there is no script, and a Content-Security-Policy says so to the browser.
"""

from __future__ import annotations

import html
import io
import typing

from smartcity import plot
from smartcity._demo import COLUMNS, DemoSummary, cell
from smartcity.desk import City
from smartcity.exceptions import SmartCityError
from smartcity.sla import explain_clock
from smartcity.stats import SlaPerformance, sla_performance, yearly_counts

if typing.TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.figure import Figure

__all__ = ["demo_page", "svg"]

LANGUAGE: typing.Final = "en"
"""The page's language: the demo's tables are in English."""

_STYLE: typing.Final = """
body { font-family: sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.85em; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 2em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #555; }
"""

_POLICY: typing.Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def svg(figure: Figure) -> str:
    """Return a figure as an inline ``<svg>`` element (no XML prolog, no date)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _table(
    title: str, performance: SlaPerformance, label: Callable[[str], str], dimension: str
) -> list[str]:
    lines = [f"<h2>By {html.escape(title)}</h2>", "<table>", "<thead><tr>"]
    lines.append(f"<th>{html.escape(dimension)}</th>")
    lines.extend(f"<th>{html.escape(header)}</th>" for header, _field in COLUMNS)
    lines.append("</tr></thead><tbody>")
    for row in performance:
        cells = "".join(f"<td>{html.escape(cell(row, field))}</td>" for _h, field in COLUMNS)
        lines.append(f"<tr><td>{html.escape(label(row.group[0][1]))}</td>{cells}</tr>")
    lines.append("</tbody></table>")
    return lines


def _overdue(summary: DemoSummary) -> list[str]:
    overdue = sorted(
        (r for r in summary.reports if r.open_overdue), key=lambda r: (r.due, r.report_id)
    )
    lines = [
        f"<h2>Overdue at {html.escape(summary.now.isoformat())}: {len(overdue)}</h2>",
        (
            "<table><thead><tr><th>report</th><th>category</th><th>agency</th><th>status</th>"
            "<th>due</th></tr></thead><tbody>"
        ),
    ]
    for r in overdue[:10]:
        due = r.due.strftime("%Y-%m-%d %H:%M %z") if r.due else "-"
        values = (r.report_id, r.category, r.agency or "-", r.status, due)
        lines.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in values) + "</tr>")
    lines.append("</tbody></table>")
    return lines


def _deadline_figure(summary: DemoSummary, city: City) -> tuple[str, Figure] | None:
    """The deadline calendar of the first report whose clock counts working days."""
    for report in summary.taken:
        clock = city.clock(report)
        if clock is None or not clock.cycles:
            continue
        try:
            days = explain_clock(clock).days
        except SmartCityError:
            continue
        if days is not None:
            caption = f"Report {report.report_id}: its {clock.policy.name} deadline, day by day."
            return caption, plot.deadline_calendar(days, language=LANGUAGE)
    return None


def _figures(summary: DemoSummary, city: City) -> list[tuple[str, Figure]]:
    figures: list[tuple[str, Figure]] = [
        (
            "Reports per kelurahan, placed with WardMap.locate_many.",
            plot.ward_map(summary.taken, city.ward_map, language=LANGUAGE),
        )
    ]
    if city.schedule is not None:
        by_month = sla_performance(
            summary.taken,
            city.schedule,
            city.calendar,
            now=summary.now,
            by=("agency", "month"),
            clock=summary.clock,
        )
        figures.append(
            (
                "smartcity.stats.sla_performance by agency and month.",
                plot.agency_performance(by_month, language=LANGUAGE),
            )
        )
    figures.append(
        (
            "The open reports of the table by agency, by age.",
            plot.backlog_age(summary.by_agency, language=LANGUAGE),
        )
    )
    figures.append(
        (
            "smartcity.stats.yearly_counts of the sample.",
            plot.yearly_counts(
                yearly_counts(summary.taken, tz=city.calendar.tz), language=LANGUAGE
            ),
        )
    )
    deadline = _deadline_figure(summary, city)
    if deadline is not None:
        figures.append(deadline)
    return figures


def demo_page(summary: DemoSummary, city: City) -> str:
    """Return the demo's tables and figures as one self-contained HTML page."""
    title = f"{summary.city}: {len(summary.reports):,} reports"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
        (
            f"<p>The 90 days before {html.escape(summary.now.isoformat())}; figures by the primary "
            f"clock '{html.escape(summary.clock)}' of the city's SLA schedule "
            f"(smartcity.stats.sla_performance). Words as in the docs' glossary.</p>"
        ),
    ]
    lines.extend(_table("agency", summary.by_agency, str, "agency"))
    lines.extend(
        _table("district (kecamatan)", summary.by_district, summary.district_name, "district")
    )
    lines.extend(_overdue(summary))
    lines.append("<h2>Pictures</h2>")
    for caption, figure in _figures(summary, city):
        lines.extend(
            [
                "<figure>",
                svg(figure),
                f"<figcaption>{html.escape(caption)}</figcaption>",
                "</figure>",
            ]
        )
    lines.extend(["</body>", "</html>", ""])
    return "\n".join(lines)
