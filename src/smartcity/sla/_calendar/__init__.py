"""The working calendar: zones, opening hours, closures, the working-time timeline, batch kernels.

A private subpackage: :mod:`smartcity.sla` re-exports its public names. ``_core`` holds
:class:`~smartcity.sla.WorkingCalendar`; ``_timeline`` the working-time timeline shared by the
object and the columnar clocks; ``_zone`` the UTC offsets; ``_hours`` the opening hours;
``_countries`` and ``_indonesia`` the national closures; ``_batch`` the columns in and out of
the batch methods.
"""
