"""Ready sample data and a city's presets: the real wards of Kota Semarang and a city on them.

`semarang_wards` is the real ward map of Kota Semarang (177 kelurahan, 16 kecamatan), packaged
with the library. Semarang's presets sit together here, apart from the general engines: its
calendar (`semarang_calendar`), agencies, categories, routing (`semarang_router`) and SLA
schedule (`semarang_schedule`), and `semarang`, the sample city built from them. Another city
writes the same few functions for itself (docs: "Your own city") and loads its boundaries with
:meth:`smartcity.geo.WardMap.from_geojson`.
"""

from smartcity._exports import publish
from smartcity.samples._generate import generate_reports, progress_reports
from smartcity.samples._semarang import (
    SAMPLE_YEARS,
    SEMARANG_CLASSES,
    SEMARANG_TIERS,
    semarang,
    semarang_agencies,
    semarang_calendar,
    semarang_categories,
    semarang_router,
    semarang_routing_rules,
    semarang_schedule,
)
from smartcity.samples._wards import semarang_wards

__all__ = [
    "SAMPLE_YEARS",
    "SEMARANG_CLASSES",
    "SEMARANG_TIERS",
    "generate_reports",
    "progress_reports",
    "semarang",
    "semarang_agencies",
    "semarang_calendar",
    "semarang_categories",
    "semarang_router",
    "semarang_routing_rules",
    "semarang_schedule",
    "semarang_wards",
]

publish(__name__, globals())
