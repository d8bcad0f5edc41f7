"""Reproducible batches of sample reports, for demos, benchmarks and load tests."""

from __future__ import annotations

import datetime as dt
import random

import shapely

from smartcity.desk import City
from smartcity.exceptions import InvalidReportError
from smartcity.geo import GeoPoint, Ward
from smartcity.reports import Report, ReportStatus

__all__ = ["generate_reports", "progress_reports"]

_DESCRIPTIONS = {
    "roads": "Jalan berlubang dan membahayakan pengendara motor.",
    "drainage": "Saluran air tersumbat sampah, air meluap saat hujan.",
    "flooding": "Banjir setinggi lutut sejak pagi.",
    "waste": "Sampah menumpuk di pinggir jalan lebih dari seminggu.",
    "trees": "Pohon besar miring ke arah jalan.",
    "traffic": "Lampu lalu lintas mati di perempatan.",
    "parking": "Parkir liar menutup trotoar.",
    "street-lights": "Lampu penerangan jalan umum padam.",
    "street-vendors": "PKL berjualan di atas saluran air.",
    "buildings": "Bangunan berdiri di sempadan sungai.",
    "fire": "Asap tebal dari gudang.",
    "water-supply": "Air PDAM tidak mengalir tiga hari.",
    "national-roads": "Jalan nasional rusak parah.",
}


def generate_reports(
    city: City,
    *,
    count: int,
    start: dt.datetime,
    end: dt.datetime,
    seed: int = 0,
    outside_share: float = 0.03,
) -> list[Report]:
    """Return ``count`` submitted reports, the same ones for the same arguments.

    Points fall inside the city's wards, except about ``outside_share`` of them, which fall
    just outside: each report picks a ward (every ward equally likely, so the dense centre with
    its many small wards gets its share) and a point uniformly inside it. Categories are drawn
    from the city's; submission instants are uniform in ``[start, end)``, and the reports are
    returned in submission order with ids ``R000001``...

    Raises:
        InvalidReportError: ``count`` is negative or ``end`` is not after ``start``.
    """
    if count < 0 or end <= start:
        raise InvalidReportError("count must be >= 0 and end must be after start")
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    categories = sorted(city.categories)
    wards = list(city.ward_map.values())
    boxes = [ward.geometry.bounds for ward in wards]
    lon_min = min(b[0] for b in boxes)
    lat_min = min(b[1] for b in boxes)
    lon_max = max(b[2] for b in boxes)
    span = (end - start).total_seconds()
    instants = sorted(start + dt.timedelta(seconds=rng.random() * span) for _ in range(count))
    reports = []
    for number, at in enumerate(instants, start=1):
        if rng.random() < outside_share:
            # Just beyond the city's bounding box, out at sea or in the next regency.
            point = GeoPoint(lat_min - rng.random() * 0.05, rng.uniform(lon_min, lon_max))
        else:
            point = _point_in_ward(city, rng, rng.choice(wards))
        category = rng.choice(categories)
        reports.append(
            Report.submit(
                f"R{number:06d}",
                category=category,
                location=point,
                description=_DESCRIPTIONS.get(category, f"Laporan {category}."),
                at=at,
            )
        )
    return reports


def _point_in_ward(city: City, rng: random.Random, ward: Ward) -> GeoPoint:
    """A point inside ``ward`` that the city's map locates, by rejection in its bounding box."""
    lon_min, lat_min, lon_max, lat_max = ward.geometry.bounds
    for _ in range(1000):
        lat, lon = rng.uniform(lat_min, lat_max), rng.uniform(lon_min, lon_max)
        if shapely.contains_xy(ward.geometry, lon, lat):
            point = GeoPoint(lat, lon)
            if city.ward_map.locate(point) is not None:
                return point
    msg = f"no point found inside ward {ward.code}"  # pragma: no cover - a ward has an area
    raise InvalidReportError(msg)  # pragma: no cover


def progress_reports(report: Report, *, now: dt.datetime, seed: int = 0) -> Report:
    """Move an assigned report along its lifecycle as a desk would, up to ``now``.

    Deterministic for a given report and seed: the agency starts work after a few hours, most
    reports are resolved within one to fifteen days, some wait for the reporter, and the
    reporter confirms most resolutions a few days later. Reports not assigned are returned as
    they are.
    """
    if report.status is not ReportStatus.ASSIGNED:
        return report
    rng = random.Random(f"{seed}/{report.report_id}")  # noqa: S311 - sample data
    steps: list[tuple[ReportStatus, dt.timedelta]] = [
        (ReportStatus.IN_PROGRESS, dt.timedelta(hours=rng.uniform(1, 48)))
    ]
    if rng.random() < 0.15:
        steps.append((ReportStatus.WAITING_FOR_REPORTER, dt.timedelta(days=rng.uniform(0.5, 3))))
        steps.append((ReportStatus.IN_PROGRESS, dt.timedelta(days=rng.uniform(0.5, 4))))
    steps.append((ReportStatus.RESOLVED, dt.timedelta(days=rng.expovariate(1 / 6))))
    if rng.random() < 0.7:
        steps.append((ReportStatus.CLOSED, dt.timedelta(days=rng.uniform(1, 12))))
    at = report.updated_at
    for status, delay in steps:
        at += delay
        if at > now:
            break
        report = report.transition(status, at=at, actor="demo")
    return report
