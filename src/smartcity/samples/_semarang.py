"""A ready sample city: Kota Semarang with approximate geometry, its agencies and categories.

The geometry is synthetic: one ward per kecamatan, the Voronoi cell of the kecamatan's
representative point, clipped to a polygon that encloses all sixteen points. It is good enough
to route sample reports; for real work load the official boundaries with
``WardMap.from_geojson`` (see the docs page "Wards and locations").
"""

from __future__ import annotations

import functools
import typing

import attrs
import shapely

from smartcity.desk import City
from smartcity.geo import Ward, WardMap
from smartcity.routing import Agency, Category, Router, RoutingRule
from smartcity.sla import SlaSchedule, WorkingCalendar

__all__ = ["SAMPLE_YEARS", "semarang"]

SAMPLE_YEARS: typing.Final = range(2024, 2028)
"""The years the sample city's calendar covers."""

# (code, name, lat, lon): the 16 kecamatan (Kepmendagri 300.2.2-2138/2025) and a
# representative point of each.
_DISTRICTS: typing.Final = (
    ("33.74.01", "Semarang Tengah", -6.9805, 110.4166),
    ("33.74.02", "Semarang Utara", -6.9566, 110.4148),
    ("33.74.03", "Semarang Timur", -6.9737, 110.4369),
    ("33.74.04", "Gayamsari", -6.9777, 110.4464),
    ("33.74.05", "Genuk", -6.9668, 110.4789),
    ("33.74.06", "Pedurungan", -7.0014, 110.4725),
    ("33.74.07", "Semarang Selatan", -6.9965, 110.4265),
    ("33.74.08", "Candisari", -7.0144, 110.4308),
    ("33.74.09", "Gajahmungkur", -7.0129, 110.4024),
    ("33.74.10", "Tembalang", -7.0469, 110.4592),
    ("33.74.11", "Banyumanik", -7.0679, 110.4202),
    ("33.74.12", "Gunungpati", -7.0665, 110.3736),
    ("33.74.13", "Semarang Barat", -6.9805, 110.3831),
    ("33.74.14", "Mijen", -7.0598, 110.3182),
    ("33.74.15", "Ngaliyan", -6.9964, 110.3282),
    ("33.74.16", "Tugu", -6.9640, 110.3091),
)
_ENCLOSURE_MARGIN_DEG: typing.Final = 0.025  # about 2.8 km around the outermost points
_COASTAL: typing.Final = ("33.74.02", "33.74.05", "33.74.16")  # tidal floods (rob)

_AGENCIES: typing.Final = (
    Agency("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian"),
    Agency("DPU", "Dinas Pekerjaan Umum", categories={"roads", "drainage", "flooding"}),
    Agency("DLH", "Dinas Lingkungan Hidup", categories={"waste", "trees"}),
    Agency("DISHUB", "Dinas Perhubungan", categories={"traffic", "parking"}),
    Agency("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", categories={"street-lights"}),
    Agency("SATPOLPP", "Satuan Polisi Pamong Praja", categories={"street-vendors", "buildings"}),
    Agency("BPBD", "Badan Penanggulangan Bencana Daerah", categories={"flooding"}),
    Agency("DAMKAR", "Dinas Pemadam Kebakaran", categories={"fire"}),
)
_CATEGORIES: typing.Final = (
    Category("roads", name_id="Jalan rusak", name_en="Damaged road", group="Infrastruktur"),
    Category(
        "drainage", name_id="Saluran tersumbat", name_en="Blocked drain", group="Infrastruktur"
    ),
    Category("flooding", name_id="Banjir / rob", name_en="Flooding", group="Bencana"),
    Category("waste", name_id="Sampah", name_en="Waste", group="Lingkungan"),
    Category("trees", name_id="Pohon tumbang / rawan", name_en="Trees", group="Lingkungan"),
    Category("traffic", name_id="Lampu lalu lintas", name_en="Traffic lights", group="Perhubungan"),
    Category("parking", name_id="Parkir liar", name_en="Illegal parking", group="Perhubungan"),
    Category(
        "street-lights",
        name_id="Penerangan jalan umum",
        name_en="Street lights",
        group="Infrastruktur",
    ),
    Category(
        "street-vendors", name_id="Pedagang kaki lima", name_en="Street vendors", group="Ketertiban"
    ),
    Category(
        "buildings",
        name_id="Bangunan tanpa izin",
        name_en="Unlicensed building",
        group="Ketertiban",
    ),
    Category("fire", name_id="Kebakaran", name_en="Fire", group="Bencana"),
    # No rule names this category: the triage desk reads such reports and assigns them.
    Category(
        "public-facilities", name_id="Fasilitas umum", name_en="Public facilities", group="Lainnya"
    ),
    Category(
        "water-supply",
        name_id="Air PDAM",
        name_en="Water supply",
        group="Utilitas",
        referral="PDAM Tirta Moedal",
    ),
    Category(
        "national-roads",
        name_id="Jalan nasional",
        name_en="National road",
        group="Infrastruktur",
        referral="BBPJN Jawa Tengah-DIY",
    ),
)
# Complaint classes of Semarang's procedure (5 / 14 / 60 working days); every other category
# is "normative", the city's 5-working-day promise.
_CLASSES: typing.Final = {"buildings": "field", "street-vendors": "desk", "trees": "desk"}
_RULES: typing.Final = (
    RoutingRule("roads", "DPU"),
    RoutingRule("drainage", "DPU"),
    RoutingRule("flooding", "BPBD"),
    # Tidal floods on the coast are the pump houses' work, which belong to DPU.
    *(RoutingRule("flooding", "DPU", district=code) for code in _COASTAL),
    RoutingRule("waste", "DLH"),
    RoutingRule("trees", "DLH"),
    RoutingRule("traffic", "DISHUB"),
    RoutingRule("parking", "DISHUB"),
    RoutingRule("street-lights", "DISPERKIM"),
    RoutingRule("street-vendors", "SATPOLPP"),
    RoutingRule("buildings", "SATPOLPP"),
    RoutingRule("fire", "DAMKAR"),
)


def sample_wards() -> tuple[Ward, ...]:
    """The 16 synthetic wards (one per kecamatan) of the sample city."""
    points = shapely.multipoints([(lon, lat) for _, _, lat, lon in _DISTRICTS])
    enclosure = shapely.convex_hull(points).buffer(_ENCLOSURE_MARGIN_DEG, join_style="mitre")
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=enclosure))
    wards = []
    for code, name, lat, lon in _DISTRICTS:
        site = shapely.Point(lon, lat)
        cell = next(c for c in cells if c.contains(site))
        wards.append(
            Ward(
                code=f"{code}.0000",
                name=name,
                district_code=code,
                district_name=name,
                geometry=shapely.set_precision(cell.intersection(enclosure), 1e-7),
            )
        )
    return tuple(wards)


@functools.cache
def semarang() -> City:
    """Return the sample city of Semarang: approximate wards, agencies, rules and calendar.

    The wards are synthetic (one per kecamatan, see the module docs); the agencies, the
    categories and the routing follow the domain notes; the calendar is
    ``WorkingCalendar.indonesia(years=SAMPLE_YEARS)`` and the fire brigade works 24/7; the SLA
    schedule is ``SlaSchedule.semarang`` (unlicensed buildings need a field inspection: 60
    working days; street vendors and trees 14; everything else 5). Water
    supply and national roads are referred to the water utility and to the national roads
    authority; reports outside the city go to the province. The result is cached: the city is
    immutable.
    """
    calendar = WorkingCalendar.indonesia(years=SAMPLE_YEARS)
    coverage = calendar.coverage
    fire_calendar = WorkingCalendar.always_open(tz=calendar.tz, coverage=coverage)
    agencies = [
        attrs.evolve(a, calendar=fire_calendar) if a.code == "DAMKAR" else a for a in _AGENCIES
    ]
    router = Router.build(
        _RULES,
        agencies=agencies,
        categories=_CATEGORIES,
        triage="DISKOMINFO",
        outside_referral="Pemerintah Provinsi Jawa Tengah",
    )
    return City.build(
        "Kota Semarang (sample)",
        ward_map=WardMap.from_wards(sample_wards()),
        router=router,
        calendar=calendar,
        schedule=SlaSchedule.semarang(classes=_CLASSES),
    )
