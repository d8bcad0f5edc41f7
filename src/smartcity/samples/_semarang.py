"""Kota Semarang's presets: its calendar, agencies, categories, routing and SLA schedule.

Everything specific to Semarang lives here, in one place, apart from the general engines
(:class:`~smartcity.sla.WorkingCalendar`, :class:`~smartcity.routing.Router`,
:class:`~smartcity.sla.SlaSchedule`, :class:`~smartcity.desk.City`); another city writes the
same few functions for itself (see the docs page "Your own city"). The wards are the 177 real
kelurahan packaged with the library (`semarang_wards`); the agencies, categories, routing rules
and complaint classes are a sample set-up that follows the city's procedure, for demos and
tests.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping

import attrs

from smartcity._checks import shown
from smartcity._frozen import FrozenMapping
from smartcity.desk import City
from smartcity.exceptions import InvalidPolicyError
from smartcity.reports import ReportStatus, is_final
from smartcity.routing import Agency, Category, Router, RoutingRule
from smartcity.samples._wards import semarang_wards
from smartcity.sla import SlaPolicy, SlaRule, SlaSchedule, WorkingCalendar, WorkingDays

__all__ = [
    "SAMPLE_YEARS",
    "SEMARANG_CLASSES",
    "SEMARANG_TIERS",
    "semarang",
    "semarang_agencies",
    "semarang_calendar",
    "semarang_categories",
    "semarang_router",
    "semarang_routing_rules",
    "semarang_schedule",
]

_S = ReportStatus

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
SEMARANG_TIERS: typing.Final = FrozenMapping({"normative": 5, "desk": 14, "field": 60})
"""Semarang's complaint classes and their follow-up targets in working days (SIPPN)."""

SEMARANG_CLASSES: typing.Final = FrozenMapping(
    {"buildings": "field", "street-vendors": "desk", "trees": "desk"}
)
"""The sample city's complaint classes by category: unlicensed buildings need a field
inspection, street vendors and trees desk work; every other category is ``"normative"``."""
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
def semarang_calendar() -> WorkingCalendar:
    """Return the city's calendar: Indonesian government offices, for :data:`SAMPLE_YEARS`.

    ``WorkingCalendar.indonesia(years=SAMPLE_YEARS)``: national holidays, cuti bersama,
    Perpres 21/2023 hours and Ramadan hours, in ``Asia/Jakarta``, closure names in English.
    The result is cached: a calendar is immutable.
    """
    return WorkingCalendar.indonesia(years=SAMPLE_YEARS)


def semarang_agencies() -> tuple[Agency, ...]:
    """Return the sample city's agencies: the city's dinas, the fire brigade working 24/7.

    DISKOMINFO runs the triage desk; the fire brigade (DAMKAR) has its own always-open
    calendar over the same years as :func:`semarang_calendar`.
    """
    coverage = semarang_calendar().coverage
    fire_calendar = WorkingCalendar.always_open(tz="Asia/Jakarta", coverage=coverage)
    return tuple(
        attrs.evolve(a, calendar=fire_calendar) if a.code == "DAMKAR" else a for a in _AGENCIES
    )


def semarang_categories() -> tuple[Category, ...]:
    """Return the categories citizens choose from, with their Indonesian and English names.

    Water supply and national roads are referred to the water utility (PDAM Tirta Moedal)
    and to the national roads authority (BBPJN); public facilities have no routing rule, so
    the triage desk reads them.
    """
    return _CATEGORIES


def semarang_routing_rules() -> tuple[RoutingRule, ...]:
    """Return the routing table: each category to its agency; tidal floods on the coast to DPU."""
    return _RULES


def semarang_router() -> Router:
    """Return the router of the sample city (:func:`semarang_routing_rules` on its agencies).

    Reports outside the city are referred to the province (Pemerintah Provinsi Jawa Tengah).
    """
    return Router.build(
        semarang_routing_rules(),
        agencies=semarang_agencies(),
        categories=semarang_categories(),
        triage="DISKOMINFO",
        outside_referral="Pemerintah Provinsi Jawa Tengah",
    )


def semarang_schedule(
    *,
    classes: Mapping[str, str] | None = None,
    default_class: str | None = "normative",
    verification: WorkingDays = WorkingDays(3),  # noqa: B008 - a frozen value
    auto_close: WorkingDays = WorkingDays(10),  # noqa: B008 - a frozen value
) -> SlaSchedule:
    """Return Semarang's SLA schedule: verification, follow-up by complaint class, auto-close.

    Three clocks, named as in the rules:

    * ``"verification"`` (SP4N-LAPOR!): 3 working days from submitted to verified or a final
      status (rejected, duplicate, referred); it never restarts.
    * ``"follow-up"`` (the city's promise; Semarang's complaint procedure, SIPPN): from
      assigned (and again from in progress after a reopen) to resolved or a final status,
      paused while waiting for the reporter. Its target depends on the complaint class
      (:data:`SEMARANG_TIERS`): ``"normative"`` (information requests and normative
      complaints) 5 working days, ``"desk"`` (complaints handled without a field inspection)
      14, ``"field"`` (complaints that need a field inspection) 60. This is the primary clock.
    * ``"auto-close"`` (SP4N-LAPOR!): 10 working days from resolved; a reply from the reporter
      (closed, or reopened to in progress) stops it, and a report still resolved when it runs
      out is closed (:func:`~smartcity.sla.due_auto_closures`).

    Args:
        classes: category code → ``"normative"``, ``"desk"`` or ``"field"``; None for the
            sample city's :data:`SEMARANG_CLASSES`, ``{}`` to put every category in
            ``default_class``.
        default_class: the class of every other category; ``"normative"`` by default, so
            that an unmapped category gets the city's 5-working-day promise. None gives
            unmapped categories no follow-up clock.
        verification: the verification target.
        auto_close: the auto-close target.

    Raises:
        InvalidPolicyError: a class other than the three above.
    """
    chosen = SEMARANG_CLASSES if classes is None else classes
    if not isinstance(chosen, Mapping):
        raise InvalidPolicyError(f"classes maps category codes to class names, not {shown(chosen)}")
    for name in (*chosen.values(), default_class):
        if name is not None and (not isinstance(name, str) or name not in SEMARANG_TIERS):
            raise InvalidPolicyError(
                f"Semarang's complaint classes are {', '.join(SEMARANG_TIERS)}; not {shown(name)}"
            )
    finals = frozenset(status for status in _S if is_final(status))
    rules: list[SlaRule] = [
        SlaRule(
            SlaPolicy(
                "verification",
                verification,
                start_on={_S.SUBMITTED},
                stop_on={_S.VERIFIED, *finals},
            )
        )
    ]
    rules.extend(
        SlaRule(
            SlaPolicy(
                "follow-up",
                WorkingDays(days),
                start_on={_S.ASSIGNED, _S.IN_PROGRESS},
                pause_on={_S.WAITING_FOR_REPORTER},
                stop_on={_S.RESOLVED, *finals},
            ),
            classes={name},
        )
        for name, days in SEMARANG_TIERS.items()
    )
    rules.append(
        SlaRule(
            SlaPolicy(
                "auto-close",
                auto_close,
                start_on={_S.RESOLVED},
                stop_on={_S.CLOSED, _S.IN_PROGRESS},
            )
        )
    )
    return SlaSchedule(rules, classes=chosen, default_class=default_class, primary="follow-up")


@functools.cache
def semarang() -> City:
    """Return the sample city of Semarang, built from the presets of this module.

    The real wards of :func:`semarang_wards`, the agencies, categories and routing of
    :func:`semarang_router`, the calendar of :func:`semarang_calendar` and the SLA schedule of
    :func:`semarang_schedule` (unlicensed buildings need a field inspection: 60 working days;
    street vendors and trees 14; everything else 5). Reports made through Open311 must describe
    the problem (``require_description``). The result is cached: the city is immutable.
    """
    return City.build(
        "Kota Semarang (sample)",
        ward_map=semarang_wards(),
        router=semarang_router(),
        calendar=semarang_calendar(),
        schedule=semarang_schedule(),
        require_description=True,
    )
