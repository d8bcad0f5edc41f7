"""A city's complaint desk: its map, agencies, routing table and calendar, and the intake."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping

import attrs
import numpy.typing as npt

from smartcity import _checks
from smartcity.desk._placements import Placements, place_many
from smartcity.desk._promise import Promise, promise_for
from smartcity.exceptions import (
    ChronologyError,
    InvalidArgumentError,
    InvalidDistanceError,
    InvalidTransitionError,
    RoutingConfigError,
)
from smartcity.geo import GeoPoint, WardMap
from smartcity.reports import HasLatLon, Report, ReportStatus
from smartcity.routing import Agency, Category, Router, RoutingDecision, RoutingOutcome
from smartcity.sla import SlaClock, SlaPolicy, SlaSchedule, WorkingCalendar

__all__ = ["MAX_SNAP_M", "City", "Placement"]

MAX_SNAP_M: typing.Final = 1_000.0
"""The farthest, in metres, intake may move a point to the nearest ward (``City.snap_m``).

Snapping is for GPS noise: a phone's fix is off by 5 to 50 m, more between tall buildings or
on the water, so a report made on the beach or at the city's edge can land just outside every
ward. A point a kilometre out is not noise but another place (or the sea), and is better
referred than placed in a ward it is not in. The ward map searches at most 100 km, so a larger
value could only make intake fail later.
"""

#: The longest city name, in characters.
MAX_CITY_NAME_LENGTH = 300


def _name(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    _checks.text(value, "City name", error=RoutingConfigError, max_length=MAX_CITY_NAME_LENGTH)


def _snapped_m(value: float | None) -> float | None:
    if value is None:
        return None
    return _checks.real_number(
        value, "snapped_m", error=InvalidDistanceError, minimum=0.0, unit="metres"
    )


def _schedule(
    _instance: object, _attribute: attrs.Attribute[SlaSchedule | None], value: object
) -> None:
    if value is not None:
        _checks.instance(value, SlaSchedule, "City schedule")


def _snap_m(value: float) -> float:
    return _checks.real_number(
        value, "snap_m", error=RoutingConfigError, minimum=0.0, maximum=MAX_SNAP_M, unit="metres"
    )


INTAKE_ACTOR: typing.Final = "intake"
"""The actor recorded on the events that :meth:`City.intake` adds."""


@typing.final
@attrs.frozen
class Placement:
    """Where intake placed a report: its ward and district, and how sure that is.

    Attributes:
        ward: the ward code, or None when the point is in no ward (or the report has only an
            address).
        district: the district code, or None.
        snapped_m: None when the point lies in ``ward``; else the distance in metres it was
            moved to reach the nearest ward (GPS noise at the coast or the city's edge).
        outside: True when the report has a point and that point is outside the city.
        ward_name: the ward's name, for people reading the history.
    """

    ward: str | None = attrs.field(validator=_checks.instance_of(str, optional=True))
    district: str | None = attrs.field(validator=_checks.instance_of(str, optional=True))
    snapped_m: float | None = attrs.field(default=None, converter=_snapped_m)
    outside: bool = attrs.field(default=False, validator=_checks.instance_of(bool))
    ward_name: str | None = attrs.field(
        default=None, validator=_checks.instance_of(str, optional=True)
    )

    def describe(self) -> str:
        """The placement in words, for the report's history."""
        if self.outside:
            return "the location is outside every ward of the city"
        if self.ward is None:
            return "no location given: routed on the whole-city rules"
        ward = f"{self.ward} ({self.ward_name})" if self.ward_name else self.ward
        if self.snapped_m is not None:
            return f"placed in ward {ward}, {self.snapped_m:.0f} m from the point given"
        return f"located in ward {ward}"


@typing.final
@attrs.frozen(eq=False, repr=False)
class City:
    """Everything a complaint desk needs: the ward map, agencies, routing and calendar.

    Build it with :meth:`build`; :func:`smartcity.samples.semarang` returns a ready one. Change
    a part with :meth:`with_ward_map`, :meth:`with_router`, :meth:`with_calendar`,
    :meth:`with_schedule`, :meth:`with_name` or :meth:`with_snap_m`, which return a new city,
    checked again. Two cities are equal only if they are the same object. Every way of making
    one (``build``, the ``with_*`` methods, the constructor, ``attrs.evolve``, ``from_dict``)
    checks it the same way.

    Attributes:
        name: the city's name.
        ward_map: its wards.
        router: its routing table, with the agencies and categories.
        calendar: the working calendar of its agencies (an agency may have its own).
        snap_m: how far, in metres, intake may move a point that lies just outside every ward
            to the nearest ward: from 0 (never snap) to :data:`MAX_SNAP_M` (1,000).
        schedule: the SLA clocks that apply to its reports, or None (then :meth:`clock` gives
            no clock).
        require_description: whether a report made at the city's door (an Open311 ``POST
            requests``) must describe the problem. Open311 lists ``description`` as optional
            and a :class:`~smartcity.reports.Report` may lack one; a city that wants words
            sets this (the sample Semarang does).

    Raises:
        InvalidArgumentError: a part of the wrong type (a ``calendar`` that is not a
            ``WorkingCalendar``, a ``schedule`` that is neither an ``SlaSchedule`` nor None...).
        RoutingConfigError: a blank or over-long name, a ``snap_m`` outside 0 to 1,000, or a
            routing rule that names a ward or district the map does not have.
    """

    name: str = attrs.field(validator=_name)
    ward_map: WardMap = attrs.field(validator=_checks.instance_of(WardMap))
    router: Router = attrs.field(validator=_checks.instance_of(Router))
    calendar: WorkingCalendar = attrs.field(validator=_checks.instance_of(WorkingCalendar))
    snap_m: float = attrs.field(default=0.0, converter=_snap_m)
    schedule: SlaSchedule | None = attrs.field(default=None, validator=_schedule)
    require_description: bool = attrs.field(
        default=False, kw_only=True, validator=_checks.instance_of(bool)
    )

    def __attrs_post_init__(self) -> None:
        """Refuse routing rules for places the ward map does not have."""
        districts = self.ward_map.districts()
        unknown = [
            rule.scope
            for rule in (*self.router.rules, *self.router.skipped)
            if (rule.ward is not None and rule.ward not in self.ward_map)
            or (rule.district is not None and rule.district not in districts)
        ]
        if unknown:
            more = f" and {len(unknown) - 10:,} more" if len(unknown) > 10 else ""
            raise RoutingConfigError(
                f"routing rules name places the ward map does not have: "
                f"{', '.join(unknown[:10])}{more}; fix the rule or load the right boundaries"
            )

    @classmethod
    def build(
        cls,
        name: str,
        *,
        ward_map: WardMap,
        router: Router,
        calendar: WorkingCalendar,
        snap_m: float = 50.0,
        schedule: SlaSchedule | None = None,
        require_description: bool = False,
    ) -> City:
        """Check the parts against each other and return the city.

        Raises:
            InvalidArgumentError: a part of the wrong type.
            RoutingConfigError: a blank name, a ``snap_m`` outside 0 to :data:`MAX_SNAP_M`
                metres, or a routing rule that names a ward or district the map does not have.
        """
        return cls(
            name,
            ward_map,
            router,
            calendar,
            snap_m,
            schedule,
            require_description=require_description,
        )

    def __repr__(self) -> str:
        """Summarise in one short line instead of listing every ward, rule and closure."""
        clocks = self.schedule.names if self.schedule is not None else None
        return (
            f"City({_checks.shown(self.name)}, wards={len(self.ward_map)}, "
            f"agencies={len(self.agencies)}, categories={len(self.categories)}, "
            f"tz={self.calendar.tz!r}, clocks={clocks!r}, snap_m={self.snap_m:g})"
        )

    # -- a changed city, checked again -----------------------------------------------------------

    def with_name(self, name: str) -> City:
        """Return the same city under another name.

        Raises:
            InvalidArgumentError: *name* is not a ``str``.
            RoutingConfigError: a blank or over-long name.
        """
        return attrs.evolve(self, name=name)

    def with_ward_map(self, ward_map: WardMap) -> City:
        """Return the same city on other boundaries (its own GeoJSON, a newer edition).

        Raises:
            InvalidArgumentError: *ward_map* is not a ``WardMap``.
            RoutingConfigError: a routing rule names a ward or district the new map does not
                have.
        """
        return attrs.evolve(self, ward_map=ward_map)

    def with_router(self, router: Router) -> City:
        """Return the same city with another routing table, agencies and categories.

        Raises:
            InvalidArgumentError: *router* is not a ``Router``.
            RoutingConfigError: a routing rule names a ward or district the map does not have.
        """
        return attrs.evolve(self, router=router)

    def with_calendar(self, calendar: WorkingCalendar) -> City:
        """Return the same city with another working calendar (more years, a late decree).

        Raises:
            InvalidArgumentError: *calendar* is not a ``WorkingCalendar``.
        """
        return attrs.evolve(self, calendar=calendar)

    def with_schedule(self, schedule: SlaSchedule | None) -> City:
        """Return the same city with another SLA schedule (None: no clocks).

        Raises:
            InvalidArgumentError: *schedule* is neither an ``SlaSchedule`` nor None.
        """
        return attrs.evolve(self, schedule=schedule)

    def with_snap_m(self, snap_m: float) -> City:
        """Return the same city with another snapping distance, in metres.

        Raises:
            InvalidArgumentError: *snap_m* is not a real number.
            RoutingConfigError: *snap_m* outside 0 to :data:`MAX_SNAP_M` metres.
        """
        return attrs.evolve(self, snap_m=snap_m)

    @property
    def agencies(self) -> Mapping[str, Agency]:
        """The agencies, by code."""
        return self.router.agencies

    @property
    def categories(self) -> Mapping[str, Category]:
        """The categories citizens can choose, by code."""
        return self.router.categories

    def calendar_for(self, agency: str | None) -> WorkingCalendar:
        """The calendar an agency works on: its own, or the city's.

        Raises:
            InvalidArgumentError: *agency* is neither a ``str`` nor None.
            UnknownAgencyError: the city has no such agency.
        """
        if agency is None:
            return self.calendar
        return self.router.agency(agency).calendar or self.calendar

    def clock(self, report: Report, name: str | None = None) -> SlaClock | None:
        """Return a report's SLA clock ``name`` on the calendar of its agency.

        ``name`` defaults to the schedule's primary clock (:attr:`SlaSchedule.primary
        <smartcity.sla.SlaSchedule.primary>`, ``"follow-up"`` in Semarang), the clock the
        statistics judge by. None when the city has no schedule, or no rule of the schedule
        gives the report that clock.

        Raises:
            InvalidArgumentError: *report* is not a Report, or *name* neither a ``str`` nor
                None.
            UnknownPolicyError: the schedule has no clock of that name.
        """
        _checks.instance(report, Report, "report")
        if name is not None:
            _checks.instance(name, str, "name")
        if self.schedule is None:
            return None
        chosen = self.schedule.primary if name is None else name
        return self.schedule.clock(report, chosen, self.calendar_for(report.agency))

    def promise(
        self,
        report: Report,
        *,
        now: dt.datetime,
        language: str = "id",
        policy: SlaPolicy | None = None,
    ) -> Promise | None:
        """Return the deadline to tell the citizen at ``now``, the clock it comes from, and why.

        The deadline is that of the schedule's primary clock (Semarang: the follow-up clock,
        from the assignment, paused while waiting for the reporter), on the calendar of the
        report's agency; see the docs page "Which deadline do we tell the citizen?".

        Args:
            report: the report, with its whole history.
            now: the instant of the answer (aware, not before the report's latest event).
            language: ``"id"`` (default) or ``"en"``, for :attr:`Promise.text`.
            policy: the clock to promise instead of the schedule's primary one.

        Returns:
            The promise, or None when the city makes none for this report (no ``policy`` and
            no schedule, or no rule of the schedule gives the report a primary clock).

        Raises:
            InvalidArgumentError: *report* not a Report, *now* not a datetime, *policy* not an
                SlaPolicy.
            NaiveDatetimeError: *now* has no time zone.
            ChronologyError: *now* is before the report's latest event.
            InvalidOptionError: a language other than ``"id"`` and ``"en"``.
            UnknownAgencyError: the report is assigned to an agency the city does not have.
            CalendarCoverageError: the history or the deadline lies outside the calendar.
        """
        return promise_for(self, report, now=now, language=language, policy=policy)

    # -- intake ------------------------------------------------------------------------------

    def place(self, location: HasLatLon | None) -> Placement:
        """Find the ward and district of a location (None for an address-only report).

        Raises:
            InvalidArgumentError: *location* has no ``lat`` and ``lon``.
            InvalidLocationError: its ``lat`` and ``lon`` are not a real place (see
                :class:`~smartcity.geo.GeoPoint`).
        """
        if location is None:
            return Placement(None, None)
        point = _point(location)
        ward = self.ward_map.locate(point)
        if ward is not None:
            return Placement(ward.code, ward.district_code, ward_name=ward.name)
        if self.snap_m > 0:
            nearest = self.ward_map.nearest(point, max_distance_m=self.snap_m)
            if nearest is not None:
                return Placement(
                    nearest.ward.code,
                    nearest.ward.district_code,
                    snapped_m=nearest.distance_m,
                    ward_name=nearest.ward.name,
                )
        return Placement(None, None, outside=True)

    def place_many(self, lats: npt.ArrayLike, lons: npt.ArrayLike) -> Placements:
        """:meth:`place` for whole columns of points at once (back-filling old reports).

        Point for point the answer of :meth:`place`, snapping included: the points inside a
        ward are located all at once, and only the others are snapped one by one.

        Args:
            lats: latitudes in degrees: an array (any shape) or a sequence of numbers; NaN in
                both coordinates marks a report with no location (as ``place(None)``).
            lons: longitudes in degrees, the same shape.

        Returns:
            :class:`Placements`: columns of ward codes, district codes, snapped distances and
            outside flags, in the shape of ``lats``.

        Raises:
            InvalidLocationError: the shapes differ, an element is not a number (bools
                included), or a coordinate is infinite, out of range, or NaN while the other
                is not; the message names the first bad index.
        """
        return place_many(self.ward_map, lats, lons, snap_m=self.snap_m)

    def route(self, report: Report) -> RoutingDecision:
        """Return where a report would go, without changing it.

        Raises:
            InvalidArgumentError: *report* is not a Report.
            UnknownCategoryError: the report's category is not one of the city's.
        """
        _checks.instance(report, Report, "report")
        placement = self.place(report.location)
        return self._decide(report, placement)

    def _decide(self, report: Report, placement: Placement) -> RoutingDecision:
        # Router.route raises UnknownCategoryError for a category the city does not have.
        return self.router.route(
            report.category,
            ward=placement.ward,
            district=placement.district,
            outside=placement.outside,
        )

    def intake(self, report: Report, *, at: dt.datetime, actor: str = INTAKE_ACTOR) -> Report:
        """Locate a submitted report, verify it, and assign or refer it.

        Adds to the history: a LOCATED event (ward and district, or none), the change to
        VERIFIED, then the change to ASSIGNED (the agency, or the triage desk) or REFERRED, with
        the routing reason as the note. The report given is not changed.

        Raises:
            InvalidArgumentError: *report* is not a Report, *at* not a datetime, or *actor* not
                a ``str``.
            NaiveDatetimeError: *at* has no time zone.
            ChronologyError: *at* does not exist in its zone (the clocks skipped it) or lies
                within a day of the years 1 and 9999, or before the report's latest event.
            InvalidTransitionError: the report is no longer SUBMITTED.
            UnknownCategoryError: the report's category is not one of the city's.
        """
        _checks.instance(report, Report, "report")
        # The time goes into the report's history: refuse an instant that could not be read
        # back (a wall-clock time skipped by daylight saving, or one at the calendar's limits).
        _checks.stored_instant(at, "at", error=ChronologyError)
        _checks.instance(actor, str, "actor")
        if report.status is not ReportStatus.SUBMITTED:
            raise InvalidTransitionError(
                f"intake takes submitted reports; report {report.report_id} is already "
                f"{report.status.value}",
                from_status=report.status,
                to_status=ReportStatus.VERIFIED,
            )
        placement = self.place(report.location)
        decision = self._decide(report, placement)
        located = report.locate(
            ward=placement.ward,
            district=placement.district,
            at=at,
            actor=actor,
            note=placement.describe(),
        )
        verified = located.transition(ReportStatus.VERIFIED, at=at, actor=actor)
        if decision.outcome is RoutingOutcome.REFER:
            return verified.refer(
                decision.referral or self.router.outside_referral,
                at=at,
                actor=actor,
                note=decision.reason,
            )
        return verified.assign(decision.agency or "", at=at, actor=actor, note=decision.reason)


def _point(location: object) -> GeoPoint:
    """Return a location as a GeoPoint, whose rules are the only rules for coordinates."""
    if isinstance(location, GeoPoint):
        return location
    lat, lon = getattr(location, "lat", None), getattr(location, "lon", None)
    if lat is None or lon is None:
        raise InvalidArgumentError(
            f"location must be a GeoPoint (or have lat and lon in degrees), not "
            f"{_checks.type_name(location)} {_checks.shown(location)}"
        )
    return GeoPoint(lat, lon)
