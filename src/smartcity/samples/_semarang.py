"""A ready sample city: Kota Semarang on its real wards, with its agencies and categories.

The wards are the 177 real kelurahan packaged with the library (`semarang_wards`); the
agencies, categories, routing rules and SLA classes are a sample set-up that follows the
city's procedure, for demos and tests.
"""

from __future__ import annotations

import functools
import typing

import attrs

from smartcity.desk import City
from smartcity.routing import Agency, Category, Router, RoutingRule
from smartcity.samples._wards import semarang_wards
from smartcity.sla import SlaSchedule, WorkingCalendar

__all__ = ["SAMPLE_YEARS", "semarang"]

SAMPLE_YEARS: typing.Final = range(2024, 2028)
"""The years the sample city's calendar covers."""

# Kecamatan on the coast, where floods are tidal (rob): Semarang Utara, Genuk and Tugu.
_COASTAL: typing.Final = ("33.74.02", "33.74.05", "33.74.16")

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


@functools.cache
def semarang() -> City:
    """Return the sample city of Semarang: real wards, sample agencies, rules and calendar.

    The wards are the 177 real kelurahan of `semarang_wards`; the agencies, the
    categories and the routing follow the domain notes; the calendar is
    ``WorkingCalendar.indonesia(years=SAMPLE_YEARS)`` and the fire brigade works 24/7; the SLA
    schedule is ``SlaSchedule.semarang`` (unlicensed buildings need a field inspection: 60
    working days; street vendors and trees 14; everything else 5). Water
    supply and national roads are referred to the water utility and to the national roads
    authority; reports outside the city go to the province. Reports made through Open311 must
    describe the problem (``require_description``). The result is cached: the city is
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
        ward_map=semarang_wards(),
        router=router,
        calendar=calendar,
        schedule=SlaSchedule.semarang(classes=_CLASSES),
        require_description=True,
    )
